//! JSON Schemas of the calendar's file kinds, for editors (Even Better TOML,
//! taplo): completion, hover docs and checks as people type.
//!
//! One schema per file kind: `edcal.toml`, `channels.toml`, `consents.toml`,
//! campaign files and post files. They are written in draft-07, the newest
//! draft taplo validates, with only keywords draft-04 also knows (`$ref` into
//! `definitions`, `pattern`, `enum`, `additionalProperties`), and without
//! `format`: TOML dates reach the validator as strings, which patterns
//! check. Every table with fixed keys has `additionalProperties: false`, as
//! the raw layer reports unknown keys; tables keyed by ids (`[team.<id>]`,
//! channels, consents, variants) constrain their keys' names with
//! `propertyNames`. Enums come from the model's own tables where it has
//! them. A test reads the raw layer's accepted and required keys for every
//! table and compares them with the schemas, so the two cannot drift.
//!
//! The schemas describe the shape of each file, not the rules across files
//! (references, capacity, approvals): that is `edcal check`.

use serde_json::{Map, Value, json};
use social_text::network::Network;

use crate::model::{AudienceKind, ExportFormat, Role, Status};

/// The schemas: `(file name, schema)`, in a fixed order.
pub fn all() -> Vec<(&'static str, Value)> {
    vec![
        ("edcal.schema.json", settings()),
        ("channels.schema.json", channels()),
        ("consents.schema.json", consents()),
        ("campaign.schema.json", campaign()),
        ("post.schema.json", posts()),
    ]
}

/// A schema as written to disk: pretty JSON and a final newline.
pub fn to_text(schema: &Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).expect("a JSON value serializes");
    text.push('\n');
    text
}

const DRAFT: &str = "http://json-schema.org/draft-07/schema#";
const ID: &str = "^[a-z0-9-]+$";
const DATE: &str = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$";
const TIME: &str = r"[Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]+)?)?";
const SLOT: &str = r"^\s*(mon|tue|wed|thu|fri|sat|sun) +([01][0-9]|2[0-3]):[0-5][0-9]\s*$";

fn names<T>(all: &[(&'static str, T)]) -> Vec<&'static str> {
    all.iter().map(|(name, _)| *name).collect()
}

fn document(title: &str, description: &str, table: Value, definitions: Value) -> Value {
    let mut schema = json!({ "$schema": DRAFT, "title": title, "description": description });
    let object = schema.as_object_mut().expect("an object");
    let Value::Object(table) = table else {
        unreachable!("a table schema is an object")
    };
    for (key, value) in table {
        object.insert(key, value);
    }
    object.insert("definitions".into(), definitions);
    schema
}

/// A table with fixed keys: `(key, schema)`, the required ones listed.
fn table(description: &str, keys: &[(&str, Value)], required: &[&str]) -> Value {
    let properties: Map<String, Value> = keys
        .iter()
        .map(|(key, schema)| ((*key).to_owned(), schema.clone()))
        .collect();
    let mut schema = json!({
        "type": "object",
        "description": description,
        "properties": properties,
        "additionalProperties": false,
    });
    if !required.is_empty() {
        schema["required"] = json!(required);
    }
    schema
}

/// A table whose keys are ids, each mapping to `entry`.
fn by_id(description: &str, entry: Value) -> Value {
    let mut schema = json!({
        "type": "object",
        "description": description,
        "propertyNames": { "pattern": ID },
    });
    schema["additionalProperties"] = entry;
    schema
}

fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/definitions/{name}") })
}

fn described(mut schema: Value, description: &str) -> Value {
    if schema.get("$ref").is_some() {
        // Draft-07 ignores siblings of `$ref`: wrap it so hover shows the doc.
        return json!({ "description": description, "allOf": [schema] });
    }
    schema["description"] = json!(description);
    schema
}

fn string(description: &str) -> Value {
    json!({ "type": "string", "description": description })
}

fn one_of_names(names: &[&str], description: &str) -> Value {
    json!({ "type": "string", "enum": names, "description": description })
}

fn boolean(description: &str) -> Value {
    json!({ "type": "boolean", "description": description })
}

fn count(description: &str) -> Value {
    json!({ "type": "integer", "minimum": 0, "description": description })
}

fn ids(description: &str) -> Value {
    json!({ "type": "array", "items": reference("id"), "description": description })
}

fn strings(description: &str) -> Value {
    json!({ "type": "array", "items": { "type": "string" }, "description": description })
}

/// Shared pieces, in every schema so each file stands alone.
fn definitions() -> Value {
    json!({
        "id": {
            "type": "string",
            "pattern": ID,
            "description": "an id: lowercase letters, digits and `-`",
        },
        "date": {
            "type": "string",
            "pattern": DATE,
            "description": "a date, `2026-10-05`",
        },
        "local-date-time": {
            "type": "string",
            "pattern": format!("^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}{TIME}$"),
            "description": "a local date-time without offset, `2026-10-05T12:30:00`: wall-clock time in `calendar.timezone`",
        },
        "date-or-local-date-time": {
            "type": "string",
            "pattern": format!("^[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}}({TIME})?$"),
            "description": "a date or a local date-time without offset",
        },
        "hashtags": {
            "type": "array",
            "items": { "type": "string", "pattern": r"^#?\S+$" },
            "description": "hashtags, with or without `#`, no spaces",
        },
        "approval": table(
            "who said yes, and when; `digest` is written by `edcal approve` / `edcal review`",
            &[
                ("by", described(reference("id"), "a member id")),
                ("on", described(reference("date"), "the day")),
                ("digest", string("hash of what each channel publishes, written by edcal: do not edit")),
            ],
            &["by", "on"],
        ),
        "media": {
            "type": "array",
            "description": "media of the post",
            "items": table(
                "one picture or video",
                &[
                    ("file", string("a path relative to the calendar folder, inside it, or an `https://` URL")),
                    ("alt", string("alternative text, read aloud to blind users")),
                    ("people", boolean("identifiable people in the picture: needs a `consent` [default: false]")),
                    ("consent", described(reference("id"), "a consent id from consents.toml")),
                ],
                &["file"],
            ),
        },
    })
}

fn settings() -> Value {
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
                                json!({ "type": "number", "minimum": 0, "maximum": 1, "description": "target share of posts, 0 to 1" }),
                            ),
                            (
                                "medical_review",
                                boolean(
                                    "posts on this theme need a physician's review [default: false]",
                                ),
                            ),
                        ],
                        &[],
                    ),
                ),
            ),
            (
                "awareness",
                json!({
                    "type": "array",
                    "description": "the team's own awareness dates, beside the built-in ones",
                    "items": table(
                        "an awareness period, both days included",
                        &[
                            ("name", string("its name")),
                            ("from", described(reference("date"), "first day")),
                            ("to", described(reference("date"), "last day [default: `from`]")),
                        ],
                        &["name", "from"],
                    ),
                }),
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
                            json!({
                                "type": "array",
                                "description": "days when nothing is published",
                                "items": table(
                                    "a blackout, both days included",
                                    &[
                                        ("from", described(reference("date"), "first day")),
                                        ("to", described(reference("date"), "last day [default: `from`]")),
                                        ("why", string("the reason, shown in plans")),
                                    ],
                                    &["from"],
                                ),
                            }),
                        ),
                        (
                            "freeze",
                            json!({
                                "type": "array",
                                "description": "crisis freezes: nothing goes out but the allowed themes",
                                "items": table(
                                    "a crisis freeze",
                                    &[
                                        ("from", described(reference("date-or-local-date-time"), "start; a date starts at its midnight")),
                                        ("to", described(reference("date-or-local-date-time"), "end; a date includes that whole day")),
                                        ("why", string("the reason, shown in plans")),
                                        ("allow_themes", ids("theme ids that may still go out")),
                                    ],
                                    &["from", "to"],
                                ),
                            }),
                        ),
                    ],
                    &[],
                ),
            ),
        ],
        &["calendar"],
    );
    document(
        "edcal.toml",
        "edcal settings: calendar, team, editorial line (themes), awareness days, rules",
        root,
        definitions(),
    )
}

fn channels() -> Value {
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
                json!({ "type": "number", "minimum": 0, "description": "minimum elapsed time between two posts, in hours" }),
            ),
            (
                "slots",
                json!({
                    "type": "array",
                    "items": { "type": "string", "pattern": SLOT },
                    "description": "local times `schedule` may use: `\"tue 12:30\"` (`mon` … `sun`, 24 h)",
                }),
            ),
            (
                "export",
                one_of_names(&names(&ExportFormat::ALL), "default export format"),
            ),
        ],
        &["network"],
    );
    document(
        "channels.toml",
        "edcal channels: one table per channel; the table name is the channel id",
        by_id("channels", channel),
        definitions(),
    )
}

fn consents() -> Value {
    let consent = table(
        "a signed image consent",
        &[
            ("who", string("who signed")),
            ("record", string("where the signed form is filed")),
            (
                "networks",
                json!({
                    "type": "array",
                    "items": { "type": "string", "enum": names(&Network::ALL) },
                    "description": "the networks (not channel ids) it covers",
                }),
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
    document(
        "consents.toml",
        "edcal image-consent register: one table per consent; the table name is the consent id",
        by_id("consents", consent),
        definitions(),
    )
}

fn campaign() -> Value {
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
            ("channels", ids("channel ids")),
            (
                "hashtags",
                described(reference("hashtags"), "expected in every campaign post"),
            ),
            (
                "targets",
                json!({
                    "type": "object",
                    "description": "planned posts per channel over the campaign: `<channel> = n`",
                    "propertyNames": { "pattern": ID },
                    "additionalProperties": { "type": "integer", "minimum": 0 },
                }),
            ),
            (
                "milestone",
                json!({
                    "type": "array",
                    "description": "preparation work, shown in plans and checked for lateness",
                    "items": table(
                        "a milestone: `due` or `days_before_start`",
                        &[
                            ("name", string("the work to do")),
                            ("due", described(reference("date"), "the day it is due")),
                            ("days_before_start", count("due this many days before the campaign starts")),
                            ("owner", described(reference("id"), "a member id")),
                            ("done", boolean("done [default: false]")),
                        ],
                        &["name"],
                    ),
                }),
            ),
        ],
        &["id", "name", "start", "end"],
    );
    let root = table("a campaign file", &[("campaign", campaign)], &["campaign"]);
    document(
        "campaign",
        "edcal campaign file (campaigns/<id>.toml)",
        root,
        definitions(),
    )
}

fn posts() -> Value {
    let variant = table(
        "what this channel publishes differently",
        &[
            ("text", string("the channel's text")),
            ("link", string("the channel's link")),
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
                json!({ "type": "array", "items": reference("date"), "description": "days skipped" }),
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
                string("the public URL of the published post, `https://…`"),
            ),
            (
                "at",
                described(
                    reference("local-date-time"),
                    "when it went out, in `calendar.timezone`",
                ),
            ),
        ],
        &["url"],
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
                json!({ "type": "array", "items": reference("id"), "minItems": 1, "description": "channel ids: where it goes out" }),
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
                json!({
                    "type": "array",
                    "items": reference("date"),
                    "minItems": 2,
                    "maxItems": 2,
                    "description": "`[first, last]`: `schedule` picks day and slot",
                }),
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
                json!({
                    "type": "object",
                    "description": "per-channel overrides; the key is a channel id of the post",
                    "propertyNames": { "pattern": ID },
                    "additionalProperties": variant,
                }),
            ),
            (
                "note",
                json!({
                    "type": "array",
                    "description": "the post's dated thread, written by `edcal note` and `edcal reject`",
                    "items": note,
                }),
            ),
            (
                "published",
                json!({
                    "type": "object",
                    "description": "where each channel published it, written by `edcal published`; the key is a channel id of the post",
                    "propertyNames": { "pattern": ID },
                    "additionalProperties": publication,
                }),
            ),
        ],
        &["id", "title", "channels", "status"],
    );
    let root = table(
        "a posts file",
        &[(
            "post",
            json!({ "type": "array", "description": "the posts of this file", "items": post }),
        )],
        &[],
    );
    document(
        "posts",
        "edcal posts file (posts/**/*.toml): any number of [[post]]",
        root,
        definitions(),
    )
}

#[cfg(test)]
mod tests {
    use toml::de::DeTable;

    use super::*;
    use crate::diagnostic::Diagnostic;
    use crate::raw::{self, Sink};
    use crate::rules::Code;
    use crate::source::Sources;

    type Reader = fn(&DeTable<'_>, &mut Sink<'_>);

    /// The keys the raw reader accepts and requires in one table: `doc` has
    /// the unknown key `zz-probe` in that table and nothing else there, so
    /// the reader's `unknown-key` finding lists the keys it has, and its
    /// `missing-key` findings name the required ones.
    fn reader_keys(doc: &str, read: Reader) -> (Vec<String>, Vec<String>) {
        let mut sources = Sources::default();
        let source = sources.add("probe.toml".into(), doc.into());
        let mut diagnostics: Vec<Diagnostic> = Vec::new();
        let parsed = DeTable::parse(doc).unwrap();
        read(
            parsed.get_ref(),
            &mut Sink {
                source,
                diagnostics: &mut diagnostics,
            },
        );
        let unknown: Vec<&Diagnostic> = diagnostics
            .iter()
            .filter(|d| d.code == Code::UnknownKey)
            .collect();
        assert_eq!(unknown.len(), 1, "{doc}: {diagnostics:?}");
        let what = unknown[0]
            .message
            .strip_prefix("unknown key `zz-probe` in ")
            .unwrap();
        let help = unknown[0].help.as_deref().unwrap();
        let mut keys: Vec<String> = help
            .strip_prefix(&format!("{what} has the keys "))
            .unwrap()
            .split(", ")
            .map(|k| k.trim_matches('`').to_owned())
            .collect();
        keys.sort();
        let prefix = format!("{what} has no `");
        let mut required: Vec<String> = diagnostics
            .iter()
            .filter(|d| d.code == Code::MissingKey)
            .filter_map(|d| d.message.strip_prefix(&prefix))
            .map(|k| k.trim_end_matches('`').to_owned())
            .collect();
        required.sort();
        (keys, required)
    }

    /// The object schema at `path`: a key is a property, `[]` the items of
    /// an array, `*` the value of any key; `$ref`s and `allOf` wrappers are
    /// followed.
    fn at<'a>(schema: &'a Value, path: &[&str]) -> &'a Value {
        let root = schema;
        let resolve = |mut node: &'a Value| loop {
            if let Some(target) = node.get("$ref").and_then(Value::as_str) {
                let name = target.strip_prefix("#/definitions/").unwrap();
                node = &root["definitions"][name];
            } else if let Some(inner) = node.get("allOf") {
                node = &inner[0];
            } else {
                return node;
            }
        };
        let mut node = resolve(schema);
        for step in path {
            node = match *step {
                "[]" => &node["items"],
                "*" => &node["additionalProperties"],
                key => &node["properties"][key],
            };
            node = resolve(node);
        }
        node
    }

    fn schema_keys(table: &Value) -> (Vec<String>, Vec<String>) {
        let mut keys: Vec<String> = table["properties"]
            .as_object()
            .unwrap_or_else(|| panic!("not a table with fixed keys: {table}"))
            .keys()
            .cloned()
            .collect();
        keys.sort();
        let mut required: Vec<String> = table
            .get("required")
            .and_then(Value::as_array)
            .map(|r| r.iter().map(|k| k.as_str().unwrap().to_owned()).collect())
            .unwrap_or_default();
        required.sort();
        assert_eq!(table["additionalProperties"], json!(false), "{table}");
        (keys, required)
    }

    #[test]
    fn every_table_has_the_keys_the_raw_layer_reads() {
        let settings: Reader = |d, s| {
            raw::settings(d, s);
        };
        let channels: Reader = |d, s| {
            raw::channels(d, s);
        };
        let consents: Reader = |d, s| {
            raw::consents(d, s);
        };
        let campaign: Reader = |d, s| {
            raw::campaign(d, s);
        };
        let posts: Reader = |d, s| {
            raw::posts(d, s);
        };
        let cases: [(&str, Reader, &[&str], &str); 24] = [
            ("edcal.schema.json", settings, &[], "zz-probe = 1\n"),
            (
                "edcal.schema.json",
                settings,
                &["calendar"],
                "[calendar]\nzz-probe = 1\n",
            ),
            (
                "edcal.schema.json",
                settings,
                &["team", "*"],
                "[team.m]\nzz-probe = 1\n",
            ),
            (
                "edcal.schema.json",
                settings,
                &["themes", "*"],
                "[themes.t]\nzz-probe = 1\n",
            ),
            (
                "edcal.schema.json",
                settings,
                &["awareness", "[]"],
                "[[awareness]]\nzz-probe = 1\n",
            ),
            (
                "edcal.schema.json",
                settings,
                &["rules"],
                "[rules]\nzz-probe = 1\n",
            ),
            (
                "edcal.schema.json",
                settings,
                &["rules", "blackout", "[]"],
                "[[rules.blackout]]\nzz-probe = 1\n",
            ),
            (
                "edcal.schema.json",
                settings,
                &["rules", "freeze", "[]"],
                "[[rules.freeze]]\nzz-probe = 1\n",
            ),
            (
                "channels.schema.json",
                channels,
                &["*"],
                "[c]\nzz-probe = 1\n",
            ),
            (
                "channels.schema.json",
                channels,
                &["*", "posts_per_week"],
                "[c]\nnetwork = \"x\"\nposts_per_week = { zz-probe = 1 }\n",
            ),
            (
                "consents.schema.json",
                consents,
                &["*"],
                "[c]\nzz-probe = 1\n",
            ),
            ("campaign.schema.json", campaign, &[], "zz-probe = 1\n"),
            (
                "campaign.schema.json",
                campaign,
                &["campaign"],
                "[campaign]\nzz-probe = 1\n",
            ),
            (
                "campaign.schema.json",
                campaign,
                &["campaign", "milestone", "[]"],
                "[campaign]\nid = \"c\"\nname = \"n\"\nstart = 2026-01-01\nend = 2026-01-02\n[[campaign.milestone]]\nzz-probe = 1\n",
            ),
            ("post.schema.json", posts, &[], "zz-probe = 1\n"),
            (
                "post.schema.json",
                posts,
                &["post", "[]"],
                "[[post]]\nzz-probe = 1\n",
            ),
            (
                "post.schema.json",
                posts,
                &["post", "[]", "approval"],
                "[[post]]\napproval = { zz-probe = 1 }\n",
            ),
            (
                "post.schema.json",
                posts,
                &["post", "[]", "medical_review"],
                "[[post]]\nmedical_review = { zz-probe = 1 }\n",
            ),
            (
                "post.schema.json",
                posts,
                &["post", "[]", "repeat"],
                "[[post]]\nrepeat = { zz-probe = 1 }\n",
            ),
            (
                "post.schema.json",
                posts,
                &["post", "[]", "media", "[]"],
                "[[post]]\n[[post.media]]\nzz-probe = 1\n",
            ),
            (
                "post.schema.json",
                posts,
                &["post", "[]", "variants", "*"],
                "[[post]]\n[post.variants.x]\nzz-probe = 1\n",
            ),
            (
                "post.schema.json",
                posts,
                &["post", "[]", "note", "[]"],
                "[[post]]\n[[post.note]]\nzz-probe = 1\n",
            ),
            (
                "post.schema.json",
                posts,
                &["post", "[]", "published", "*"],
                "[[post]]\n[post.published.x]\nzz-probe = 1\n",
            ),
            (
                "post.schema.json",
                posts,
                &["post", "[]", "variants", "*", "media", "[]"],
                "[[post]]\n[post.variants.x]\n[[post.variants.x.media]]\nzz-probe = 1\n",
            ),
        ];
        let schemas = all();
        for (file, read, path, doc) in cases {
            let schema = &schemas.iter().find(|(name, _)| *name == file).unwrap().1;
            assert_eq!(
                schema_keys(at(schema, path)),
                reader_keys(doc, read),
                "{file} at {path:?}: (keys, required) of the schema vs the raw layer"
            );
        }
    }

    #[test]
    fn enums_come_from_the_model() {
        let posts = posts();
        assert_eq!(
            at(&posts, &["post", "[]"])["properties"]["status"]["enum"],
            json!(names(&Status::ALL))
        );
    }
}
