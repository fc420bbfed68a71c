//! The file format, described once: every key of every file kind, its
//! type, whether it is required and what it means.
//!
//! This one description feeds the JSON Schemas ([`crate::schema`]), the
//! canonical key order of `edcal fmt` and of every edit ([`order`]), and the
//! reference tables of the manual ([`markdown`]); a test compares it with
//! the keys the raw reader accepts and requires, table by table, so a key
//! added to the reader without its description (or the reverse) fails the
//! build's tests. Keys are listed in their canonical order: for posts,
//! identity, routing, workflow, timing, content.
//!
//! A key's type is written as the JSON Schema fragment editors validate
//! with (`leaf`), a reference to a shared definition (`reference`), or a
//! nested table, array of tables or table keyed by ids.

use std::sync::LazyLock;

use serde_json::{Value, json};
use social_text::network::Network;

use crate::model::{AudienceKind, ExportFormat, Role, Status};

/// What a file is, by its place in the calendar folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Settings,
    Channels,
    Consents,
    Campaign,
    Posts,
}

impl Kind {
    /// Every kind, in the order of the schemas.
    pub const ALL: [Kind; 5] = [
        Kind::Settings,
        Kind::Channels,
        Kind::Consents,
        Kind::Campaign,
        Kind::Posts,
    ];

    /// The kind of a file from its path relative to the calendar folder.
    pub fn of(rel: &str) -> Option<Kind> {
        match rel {
            "edcal.toml" => Some(Kind::Settings),
            "channels.toml" => Some(Kind::Channels),
            "consents.toml" => Some(Kind::Consents),
            p if p.starts_with("campaigns/") => Some(Kind::Campaign),
            p if p.starts_with("posts/") => Some(Kind::Posts),
            _ => None,
        }
    }
}

/// The shape of a value.
#[derive(Debug, Clone)]
pub enum Shape {
    /// A value, as a JSON Schema fragment.
    Leaf(Value),
    /// A shared definition, with this key's own description.
    Ref {
        name: &'static str,
        doc: Option<&'static str>,
    },
    /// A table with fixed keys, in canonical order.
    Table { doc: &'static str, keys: Vec<Key> },
    /// An array (of tables, for `[[…]]`).
    Array {
        doc: &'static str,
        items: Box<Shape>,
    },
    /// A table whose keys are ids chosen by the user (`[team.<id>]`).
    ById {
        doc: &'static str,
        entry: Box<Shape>,
    },
}

/// One key of a table.
#[derive(Debug, Clone)]
pub struct Key {
    pub name: &'static str,
    pub required: bool,
    pub shape: Shape,
}

/// One file kind: its title and description, and its root table.
#[derive(Debug, Clone)]
pub struct File {
    pub title: &'static str,
    pub description: &'static str,
    pub root: Shape,
}

struct Format {
    files: Vec<(Kind, File)>,
    definitions: Vec<(&'static str, Shape)>,
}

static FORMAT: LazyLock<Format> = LazyLock::new(|| Format {
    files: vec![
        (Kind::Settings, settings()),
        (Kind::Channels, channels()),
        (Kind::Consents, consents()),
        (Kind::Campaign, campaign()),
        (Kind::Posts, posts()),
    ],
    definitions: definitions(),
});

/// The description of a file kind.
pub fn file(kind: Kind) -> &'static File {
    &FORMAT
        .files
        .iter()
        .find(|(k, _)| *k == kind)
        .expect("every kind is described")
        .1
}

/// The shared definitions every schema carries.
pub fn shared() -> &'static [(&'static str, Shape)] {
    &FORMAT.definitions
}

fn resolve(shape: &'static Shape) -> &'static Shape {
    match shape {
        Shape::Ref { name, .. } => shared()
            .iter()
            .find(|(n, _)| n == name)
            .map_or(shape, |(_, s)| resolve(s)),
        _ => shape,
    }
}

/// The shape at `path` in a file of `kind`: keys joined by `.`, `[]` for
/// the items of an array, `*` for the value of any id; `""` is the root.
pub fn at(kind: Kind, path: &str) -> Option<&'static Shape> {
    let mut shape = resolve(&file(kind).root);
    if path.is_empty() {
        return Some(shape);
    }
    for step in path.split('.') {
        shape = match (shape, step) {
            (Shape::Array { items, .. }, "[]") => items,
            (Shape::ById { entry, .. }, "*") => entry,
            (Shape::Table { keys, .. }, key) => &keys.iter().find(|k| k.name == key)?.shape,
            _ => return None,
        };
        shape = resolve(shape);
    }
    Some(shape)
}

/// The keys of the table at `path`, in canonical order (none when `path`
/// is not a table with fixed keys). Edits that add a key (`approve`,
/// `review`) put it at its place in this order, so an edited file stays
/// canonical.
pub fn order(kind: Kind, path: &str) -> Vec<&'static str> {
    match at(kind, path) {
        Some(Shape::Table { keys, .. }) => keys.iter().map(|k| k.name).collect(),
        _ => Vec::new(),
    }
}

/// Whether the keys of the table at `path` are ids chosen by the user.
pub fn keyed_by_id(kind: Kind, path: &str) -> bool {
    matches!(at(kind, path), Some(Shape::ById { .. }))
}

/// The reference tables of the manual: one row per key of every table of
/// a file kind, `| key | type | required | meaning |`.
pub fn markdown(kind: Kind) -> String {
    let mut out = String::from("| key | type | required | meaning |\n| --- | --- | --- | --- |\n");
    rows(resolve(&file(kind).root), "", &mut out);
    out
}

fn rows(shape: &'static Shape, place: &str, out: &mut String) {
    match shape {
        Shape::Table { keys, .. } => {
            for key in keys {
                let inner = resolve(&key.shape);
                let here = if place.is_empty() {
                    key.name.to_owned()
                } else {
                    format!("{place}.{}", key.name)
                };
                match inner {
                    Shape::Table { .. } | Shape::ById { .. } => rows(inner, &here, out),
                    Shape::Array { items, .. } if matches!(resolve(items), Shape::Table { .. }) => {
                        rows(resolve(items), &format!("{here}[]"), out);
                    }
                    _ => {
                        use std::fmt::Write as _;
                        let _ = writeln!(
                            out,
                            "| `{here}` | {} | {} | {} |",
                            type_name(&key.shape),
                            if key.required { "yes" } else { "" },
                            doc(&key.shape).replace('|', "\\|"),
                        );
                    }
                }
            }
        }
        Shape::ById { entry, .. } => {
            let here = if place.is_empty() {
                "<id>".to_owned()
            } else {
                format!("{place}.<id>")
            };
            match resolve(entry) {
                inner @ (Shape::Table { .. } | Shape::ById { .. }) => rows(inner, &here, out),
                _ => {
                    use std::fmt::Write as _;
                    let _ = writeln!(
                        out,
                        "| `{here}` | {} |  | {} |",
                        type_name(entry),
                        doc(shape).replace('|', "\\|"),
                    );
                }
            }
        }
        _ => {}
    }
}

/// A key's type in words.
fn type_name(shape: &Shape) -> String {
    match shape {
        Shape::Ref { name, .. } => match *name {
            "id" => "id".to_owned(),
            "date" => "date".to_owned(),
            "local-date-time" => "local date-time".to_owned(),
            "date-or-local-date-time" => "date or local date-time".to_owned(),
            "approval" => "`{ by, on, digest }`".to_owned(),
            "media" => "array of media tables".to_owned(),
            other => other.to_owned(),
        },
        Shape::Leaf(value) => leaf_type(value),
        Shape::Table { .. } => "table".to_owned(),
        Shape::Array { .. } => "array of tables".to_owned(),
        Shape::ById { .. } => "table by id".to_owned(),
    }
}

fn leaf_type(value: &Value) -> String {
    if let Some(names) = value.get("enum").and_then(Value::as_array) {
        return names
            .iter()
            .filter_map(Value::as_str)
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(" \\| ");
    }
    if let Some(target) = value.get("$ref").and_then(Value::as_str) {
        return type_name(&Shape::Ref {
            name: shared()
                .iter()
                .map(|(n, _)| *n)
                .find(|n| target.ends_with(&format!("/{n}")))
                .unwrap_or("value"),
            doc: None,
        });
    }
    match value.get("type").and_then(Value::as_str) {
        Some("array") => match value.get("items") {
            Some(items) => format!("array of {}", plural(&leaf_type(items))),
            None => "array".to_owned(),
        },
        Some("integer") => "integer".to_owned(),
        Some("number") => "number".to_owned(),
        Some("boolean") => "bool".to_owned(),
        Some("string") => "string".to_owned(),
        Some(other) => other.to_owned(),
        None => "value".to_owned(),
    }
}

fn plural(name: &str) -> String {
    match name {
        "id" => "ids".to_owned(),
        "date" => "dates".to_owned(),
        "string" => "strings".to_owned(),
        other => other.to_owned(),
    }
}

/// A key's description.
fn doc(shape: &Shape) -> &str {
    match shape {
        Shape::Ref { name, doc: None } => shared()
            .iter()
            .find(|(n, _)| n == name)
            .map_or("", |(_, s)| doc(s)),
        Shape::Leaf(value) => value
            .get("description")
            .and_then(Value::as_str)
            .unwrap_or(""),
        Shape::Ref { doc: Some(doc), .. }
        | Shape::Table { doc, .. }
        | Shape::Array { doc, .. }
        | Shape::ById { doc, .. } => doc,
    }
}

pub(crate) const ID: &str = "^[a-z0-9-]+$";
const DATE: &str = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
const TIME: &str = r"[Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?";

/// The slot pattern: every day name of [`SLOT_DAYS`](crate::resolve::SLOT_DAYS)
/// in any case (`[tT][uU][eE]`: JSON Schema patterns have no flag for it),
/// an optional `.`, then `H:MM` or `HH:MM`, as `parse_slot` reads them.
fn slot_pattern() -> String {
    let days: Vec<String> = crate::resolve::SLOT_DAYS
        .iter()
        .map(|(name, _)| {
            let mut class = String::new();
            for c in name.chars() {
                class.push('[');
                class.push(c);
                class.push(c.to_ascii_uppercase());
                class.push(']');
            }
            class
        })
        .collect();
    format!(
        r"^\s*({})\.?\s+([01]?[0-9]|2[0-3]):[0-5][0-9]\s*$",
        days.join("|")
    )
}

fn names<T>(all: &[(&'static str, T)]) -> Vec<&'static str> {
    all.iter().map(|(name, _)| *name).collect()
}

fn leaf(value: Value) -> Shape {
    Shape::Leaf(value)
}

/// A table with fixed keys: `(key, shape)`, the required ones listed.
fn table(doc: &'static str, keys: &[(&'static str, Shape)], required: &[&str]) -> Shape {
    Shape::Table {
        doc,
        keys: keys
            .iter()
            .map(|(name, shape)| Key {
                name,
                required: required.contains(name),
                shape: shape.clone(),
            })
            .collect(),
    }
}

/// A table whose keys are ids, each mapping to `entry`.
fn by_id(doc: &'static str, entry: Shape) -> Shape {
    Shape::ById {
        doc,
        entry: Box::new(entry),
    }
}

fn array(doc: &'static str, items: Shape) -> Shape {
    Shape::Array {
        doc,
        items: Box::new(items),
    }
}

fn reference(name: &'static str) -> Shape {
    Shape::Ref { name, doc: None }
}

/// A `$ref` inside a leaf's JSON.
fn json_ref(name: &str) -> Value {
    json!({ "$ref": format!("#/definitions/{name}") })
}

fn described(shape: Shape, doc: &'static str) -> Shape {
    match shape {
        Shape::Ref { name, .. } => Shape::Ref {
            name,
            doc: Some(doc),
        },
        Shape::Leaf(mut value) => {
            value["description"] = json!(doc);
            Shape::Leaf(value)
        }
        other => other,
    }
}

fn string(description: &str) -> Shape {
    leaf(json!({ "type": "string", "description": description }))
}

fn one_of_names(names: &[&str], description: &str) -> Shape {
    leaf(json!({ "type": "string", "enum": names, "description": description }))
}

fn boolean(description: &str) -> Shape {
    leaf(json!({ "type": "boolean", "description": description }))
}

fn count(description: &str) -> Shape {
    leaf(json!({ "type": "integer", "minimum": 0, "description": description }))
}

fn ids(description: &str) -> Shape {
    leaf(json!({ "type": "array", "items": json_ref("id"), "description": description }))
}

/// `media_base_url`, in edcal.toml's `[export]` and per channel.
fn base_url() -> Shape {
    leaf(json!({
        "type": "string",
        "pattern": "^https://[^/?# ][^?# ]*/$",
        "description": "the public https:// address of the `media/` folder, ending with `/`: exports write `media/a.jpg` as this URL followed by `a.jpg`",
    }))
}

fn strings(description: &str) -> Shape {
    leaf(json!({ "type": "array", "items": { "type": "string" }, "description": description }))
}

/// Shared pieces, in every schema so each file stands alone.
fn definitions() -> Vec<(&'static str, Shape)> {
    vec![
        (
            "id",
            leaf(json!({
                "type": "string",
                "pattern": ID,
                "description": "an id: lowercase letters, digits and `-`",
            })),
        ),
        (
            "date",
            leaf(json!({
                "type": "string",
                "pattern": DATE,
                "description": "a date, `2026-10-05`",
            })),
        ),
        (
            "local-date-time",
            leaf(json!({
                "type": "string",
                "pattern": format!("^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}{TIME}$"),
                "description": "a local date-time without offset, `2026-10-05T12:30:00`: wall-clock time in `calendar.timezone`",
            })),
        ),
        (
            "date-or-local-date-time",
            leaf(json!({
                "type": "string",
                "pattern": format!("^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}({TIME})?$"),
                "description": "a date or a local date-time without offset",
            })),
        ),
        (
            "hashtags",
            leaf(json!({
                "type": "array",
                "items": { "type": "string", "pattern": r"^#?\S+$" },
                "description": "hashtags, with or without `#`, no spaces",
            })),
        ),
        (
            "approval",
            table(
                "who said yes, and when; `digest` is written by `edcal approve` / `edcal review`",
                &[
                    ("by", described(reference("id"), "a member id")),
                    ("on", described(reference("date"), "the day")),
                    (
                        "digest",
                        string(
                            "hash of what each channel publishes, written by edcal: do not edit",
                        ),
                    ),
                ],
                &["by", "on"],
            ),
        ),
        (
            "media",
            array(
                "media of the post",
                table(
                    "one picture or video",
                    &[
                        (
                            "file",
                            string(
                                "a path relative to the calendar folder, inside it, or an `https://` URL",
                            ),
                        ),
                        ("alt", string("alternative text, read aloud to blind users")),
                        (
                            "people",
                            boolean(
                                "identifiable people in the picture: needs a `consent` [default: false]",
                            ),
                        ),
                        (
                            "consent",
                            described(reference("id"), "a consent id from consents.toml"),
                        ),
                    ],
                    &["file"],
                ),
            ),
        ),
    ]
}

fn settings() -> File {
    let root = table(
        "edcal.toml",
        &[
            (
                "calendar",
                table(
                    "the calendar's name and time zone",
                    &[
                        ("name", string("the calendar's name")),
                        (
                            "timezone",
                            string(
                                "an IANA zone, e.g. `Europe/Paris`; every local time of the calendar is in it",
                            ),
                        ),
                        (
                            "language",
                            one_of_names(
                                &["fr", "en"],
                                "labels and day names of plans and reports [default: fr]",
                            ),
                        ),
                        (
                            "holidays",
                            one_of_names(
                                &["FR", "none"],
                                "public holidays shown in plans and avoided by `schedule` [default: FR]",
                            ),
                        ),
                        (
                            "awareness",
                            boolean(
                                "show the built-in health awareness days in plans [default: true]",
                            ),
                        ),
                    ],
                    &["name", "timezone"],
                ),
            ),
            (
                "team",
                by_id(
                    "the team; a member id is the table name",
                    table(
                        "a team member",
                        &[
                            ("name", string("the member's name [default: the id]")),
                            (
                                "role",
                                one_of_names(
                                    &names(&Role::ALL),
                                    "only a lead approves, only a physician reviews",
                                ),
                            ),
                            (
                                "email",
                                string(
                                    "the member's email: who runs edcal when it equals `git config user.email` and neither `--by` nor `EDCAL_AS` says",
                                ),
                            ),
                        ],
                        &["role"],
                    ),
                ),
            ),
            (
                "themes",
                by_id(
                    "the editorial line; a theme id is the table name",
                    table(
                        "a theme",
                        &[
                            ("label", string("the theme's label [default: the id]")),
                            (
                                "share",
                                leaf(
                                    json!({ "type": "number", "minimum": 0, "maximum": 1, "description": "target share of posts, 0 to 1" }),
                                ),
                            ),
                            (
                                "medical_review",
                                boolean(
                                    "posts on this theme need a physician's review [default: false]",
                                ),
                            ),
                            (
                                "reviewers",
                                ids(
                                    "physician ids: only they may review this theme [default: any physician]",
                                ),
                            ),
                        ],
                        &[],
                    ),
                ),
            ),
            (
                "awareness",
                array(
                    "the team's own awareness dates, beside the built-in ones",
                    table(
                        "an awareness period, both days included",
                        &[
                            ("name", string("its name")),
                            ("from", described(reference("date"), "first day")),
                            (
                                "to",
                                described(reference("date"), "last day [default: `from`]"),
                            ),
                        ],
                        &["name", "from"],
                    ),
                ),
            ),
            (
                "rules",
                table(
                    "rules of this calendar",
                    &[
                        (
                            "approve_days_before",
                            count(
                                "a post must be approved this many days before it goes out [default: 2]",
                            ),
                        ),
                        (
                            "sealed_approvals",
                            boolean(
                                "exports require approvals sealed by `edcal approve` [default: false]",
                            ),
                        ),
                        (
                            "allow",
                            strings(
                                "rule codes silenced for this calendar (`edcal explain` lists them)",
                            ),
                        ),
                        (
                            "risky_phrases",
                            strings(
                                "the calendar's own phrases reported as `risky-claim` (case and accents ignored)",
                            ),
                        ),
                        (
                            "blackout",
                            array(
                                "days when nothing is published",
                                table(
                                    "a blackout, both days included",
                                    &[
                                        ("from", described(reference("date"), "first day")),
                                        (
                                            "to",
                                            described(
                                                reference("date"),
                                                "last day [default: `from`]",
                                            ),
                                        ),
                                        ("why", string("the reason, shown in plans")),
                                    ],
                                    &["from"],
                                ),
                            ),
                        ),
                        (
                            "freeze",
                            array(
                                "crisis freezes: nothing goes out but the allowed themes",
                                table(
                                    "a crisis freeze",
                                    &[
                                        (
                                            "from",
                                            described(
                                                reference("date-or-local-date-time"),
                                                "start; a date starts at its midnight",
                                            ),
                                        ),
                                        (
                                            "to",
                                            described(
                                                reference("date-or-local-date-time"),
                                                "end; a date includes that whole day",
                                            ),
                                        ),
                                        ("why", string("the reason, shown in plans")),
                                        ("allow_themes", ids("theme ids that may still go out")),
                                    ],
                                    &["from", "to"],
                                ),
                            ),
                        ),
                    ],
                    &[],
                ),
            ),
            (
                "export",
                table(
                    "what exports need",
                    &[
                        ("media_base_url", base_url()),
                        (
                            "utm",
                            table(
                                "UTM tags added to each post's link in plans and exports (approvals seal the link without them); `{network}`, `{channel}`, `{campaign}`, `{post}` are replaced",
                                &[
                                    ("source", string("utm_source, e.g. `{network}`")),
                                    ("medium", string("utm_medium, e.g. `social`")),
                                    ("campaign", string("utm_campaign, e.g. `{campaign}`")),
                                    ("content", string("utm_content, e.g. `{post}`")),
                                ],
                                &[],
                            ),
                        ),
                    ],
                    &[],
                ),
            ),
        ],
        &["calendar"],
    );
    File {
        title: "edcal.toml",
        description: "edcal settings: calendar, team, editorial line (themes), awareness days, rules",
        root,
    }
}

fn channels() -> File {
    let channel = table(
        "a channel: a publishing account and its targets",
        &[
            (
                "network",
                one_of_names(&names(&Network::ALL), "decides limits and counting"),
            ),
            ("account", string("the account's handle")),
            ("audience", string("who reads it, in words")),
            (
                "audience_kind",
                one_of_names(
                    &names(&AudienceKind::ALL),
                    "drives the clarity lints [default: general]",
                ),
            ),
            (
                "posts_per_week",
                table(
                    "weekly target (ISO weeks, Monday to Sunday)",
                    &[
                        ("min", count("fewest posts a week")),
                        ("max", count("most posts a week")),
                    ],
                    &[],
                ),
            ),
            ("max_per_day", count("cap per local day")),
            (
                "min_gap_hours",
                leaf(
                    json!({ "type": "number", "minimum": 0, "description": "minimum elapsed time between two posts, in hours" }),
                ),
            ),
            (
                "slots",
                leaf(json!({
                    "type": "array",
                    "items": { "type": "string", "pattern": slot_pattern() },
                    "description": "local times `schedule` may use: `\"tue 12:30\"`, `\"mardi 9:30\"` (days in English or French, short or whole, any case; 24 h)",
                })),
            ),
            (
                "export",
                one_of_names(&names(&ExportFormat::ALL), "default export format"),
            ),
            ("media_base_url", base_url()),
        ],
        &["network"],
    );
    File {
        title: "channels.toml",
        description: "edcal channels: one table per channel; the table name is the channel id",
        root: by_id("channels", channel),
    }
}

fn consents() -> File {
    let consent = table(
        "a signed image consent",
        &[
            ("who", string("who signed")),
            ("record", string("where the signed form is filed")),
            (
                "networks",
                leaf(json!({
                    "type": "array",
                    "items": { "type": "string", "enum": names(&Network::ALL) },
                    "description": "the networks (not channel ids) it covers",
                })),
            ),
            ("campaign", described(reference("id"), "only this campaign")),
            (
                "until",
                described(reference("date"), "expiry (last valid day)"),
            ),
            (
                "minor",
                boolean("signed by a holder of parental authority [default: false]"),
            ),
            (
                "withdrawn",
                described(reference("date"), "date the consent was withdrawn"),
            ),
        ],
        &["who", "networks"],
    );
    File {
        title: "consents.toml",
        description: "edcal image-consent register: one table per consent; the table name is the consent id",
        root: by_id("consents", consent),
    }
}

fn campaign() -> File {
    let campaign = table(
        "the campaign",
        &[
            (
                "id",
                described(reference("id"), "the campaign id, unique in the calendar"),
            ),
            ("name", string("its name")),
            ("start", described(reference("date"), "first day")),
            ("end", described(reference("date"), "last day")),
            (
                "lead_in_days",
                leaf(
                    json!({ "type": "integer", "minimum": 0, "maximum": 366, "description": "teasers belong to the campaign from `start` minus this many days [default: 0]" }),
                ),
            ),
            (
                "follow_up_days",
                leaf(
                    json!({ "type": "integer", "minimum": 0, "maximum": 366, "description": "thank-you posts belong to the campaign until `end` plus this many days [default: 0]" }),
                ),
            ),
            ("channels", ids("channel ids")),
            (
                "hashtags",
                described(reference("hashtags"), "expected in every campaign post"),
            ),
            (
                "targets",
                by_id(
                    "planned posts per channel over the campaign: `<channel> = n`",
                    leaf(json!({ "type": "integer", "minimum": 0 })),
                ),
            ),
            (
                "milestone",
                array(
                    "preparation work, shown in plans and checked for lateness",
                    table(
                        "a milestone: `due` or `days_before_start`",
                        &[
                            (
                                "id",
                                described(
                                    reference("id"),
                                    "optional: keeps the calendar event's UID when the name changes",
                                ),
                            ),
                            ("name", string("the work to do")),
                            ("due", described(reference("date"), "the day it is due")),
                            (
                                "days_before_start",
                                count("due this many days before the campaign starts"),
                            ),
                            ("owner", described(reference("id"), "a member id")),
                            ("done", boolean("done [default: false]")),
                        ],
                        &["name"],
                    ),
                ),
            ),
        ],
        &["id", "name", "start", "end"],
    );
    let root = table("a campaign file", &[("campaign", campaign)], &["campaign"]);
    File {
        title: "campaign",
        description: "edcal campaign file (campaigns/<id>.toml)",
        root,
    }
}

fn posts() -> File {
    let variant = table(
        "what this channel publishes differently",
        &[
            ("text", string("the channel's text")),
            (
                "link",
                string("the channel's link; `\"\"` leaves the post's link out on this channel"),
            ),
            ("hashtags", reference("hashtags")),
            ("media", reference("media")),
            (
                "at",
                described(
                    reference("local-date-time"),
                    "the time on this channel (`schedule --write` writes it)",
                ),
            ),
        ],
        &[],
    );
    let repeat = table(
        "repetition: occurrences `<post>@<YYYY-MM-DD>` from the post's `at`",
        &[
            (
                "every",
                one_of_names(&["day", "week", "month", "year"], "the period"),
            ),
            ("interval", count("every that many periods [default: 1]")),
            (
                "until",
                described(reference("date"), "last day (or `count`)"),
            ),
            ("count", count("number of occurrences (or `until`)")),
            (
                "except",
                leaf(
                    json!({ "type": "array", "items": json_ref("date"), "description": "days skipped" }),
                ),
            ),
            (
                "on_closed",
                one_of_names(
                    &["skip", "before", "after"],
                    "on a holiday or blackout [default: skip]",
                ),
            ),
        ],
        &["every"],
    );
    let note = table(
        "one note of the thread",
        &[
            (
                "by",
                described(reference("id"), "a member id: who wrote it"),
            ),
            ("on", described(reference("date"), "the day")),
            ("text", string("the note")),
        ],
        &["by", "on", "text"],
    );
    let publication = table(
        "one channel's publication",
        &[
            (
                "url",
                string(
                    "the public URL of the published post, `https://…` (absent when `edcal results import --mark-published` recorded it from an export without links)",
                ),
            ),
            (
                "at",
                described(
                    reference("local-date-time"),
                    "when it went out, in `calendar.timezone`",
                ),
            ),
        ],
        &[],
    );
    let occurrence = table(
        "one date of a repeating post: its own content, or `skip = true`",
        &[
            (
                "on",
                described(
                    reference("date"),
                    "the occurrence's date, as in its id `<post>@<YYYY-MM-DD>`",
                ),
            ),
            (
                "skip",
                boolean("`true`: this date is not published (alone with `on`) [default: false]"),
            ),
            (
                "text",
                string("this date's text, instead of the variant's or the post's"),
            ),
            (
                "link",
                string("this date's link, instead of the variant's or the post's"),
            ),
            (
                "media",
                described(
                    reference("media"),
                    "this date's media, instead of the variant's or the post's",
                ),
            ),
        ],
        &["on"],
    );
    let post = table(
        "a post",
        &[
            ("id", described(reference("id"), "unique in the calendar")),
            ("title", string("the post's title")),
            ("campaign", described(reference("id"), "a campaign id")),
            ("themes", ids("theme ids")),
            (
                "channels",
                leaf(
                    json!({ "type": "array", "items": json_ref("id"), "minItems": 1, "description": "channel ids: where it goes out; at least one (`channels = []` is an error)" }),
                ),
            ),
            (
                "status",
                one_of_names(&names(&Status::ALL), "where the post stands"),
            ),
            ("owner", described(reference("id"), "a member id")),
            (
                "created",
                described(reference("date"), "the day the post was created"),
            ),
            (
                "approval",
                described(
                    reference("approval"),
                    "required from `approved` on, by a lead",
                ),
            ),
            (
                "medical_review",
                described(
                    reference("approval"),
                    "required from `approved` on when a theme asks, by a physician",
                ),
            ),
            (
                "at",
                described(
                    reference("local-date-time"),
                    "a fixed time, on every channel (at most one of `at`, `on`, `between`)",
                ),
            ),
            (
                "on",
                described(reference("date"), "a fixed day: `schedule` picks the slot"),
            ),
            (
                "between",
                leaf(json!({
                    "type": "array",
                    "items": json_ref("date"),
                    "minItems": 2,
                    "maxItems": 2,
                    "description": "`[first, last]`: `schedule` picks day and slot",
                })),
            ),
            ("repeat", repeat),
            (
                "text",
                string("what is published (before hashtags and link)"),
            ),
            ("link", string("a URL")),
            (
                "hashtags",
                described(reference("hashtags"), "appended when the text lacks them"),
            ),
            ("media", reference("media")),
            (
                "variants",
                by_id(
                    "per-channel overrides; the key is a channel id of the post",
                    variant,
                ),
            ),
            (
                "note",
                array(
                    "the post's dated thread, written by `edcal note` and `edcal reject`",
                    note,
                ),
            ),
            (
                "published",
                by_id(
                    "where each channel published it, written by `edcal published`; the key is a channel id of the post",
                    publication,
                ),
            ),
            (
                "occurrence",
                array(
                    "a repeating post's own text, link or media for single dates, or `skip = true`",
                    occurrence,
                ),
            ),
        ],
        &["id", "title", "channels", "status"],
    );
    let root = table(
        "a posts file",
        &[("post", array("the posts of this file", post))],
        &[],
    );
    File {
        title: "posts",
        description: "edcal posts file (posts/**/*.toml): any number of [[post]]",
        root,
    }
}
