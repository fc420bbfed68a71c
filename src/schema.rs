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
//! them. The keys, their types and docs come from [`crate::format`], the
//! one description of the file format. A test reads the raw layer's accepted and required keys for every
//! table and compares them with the schemas, so the two cannot drift.
//!
//! The schemas describe the shape of each file, not the rules across files
//! (references, capacity, approvals): that is `edcal check`.

use serde_json::{Map, Value, json};

use crate::format::{self, Kind, Shape};

/// The schemas: `(file name, schema)`, in a fixed order.
pub fn all() -> Vec<(&'static str, Value)> {
    Kind::ALL
        .into_iter()
        .map(|kind| (file_name(kind), document(kind)))
        .collect()
}

fn file_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Settings => "edcal.schema.json",
        Kind::Channels => "channels.schema.json",
        Kind::Consents => "consents.schema.json",
        Kind::Campaign => "campaign.schema.json",
        Kind::Posts => "post.schema.json",
    }
}

/// A schema as written to disk: pretty JSON and a final newline.
pub fn to_text(schema: &Value) -> String {
    let mut text = serde_json::to_string_pretty(schema).expect("a JSON value serializes");
    text.push('\n');
    text
}

const DRAFT: &str = "http://json-schema.org/draft-07/schema#";

fn document(kind: Kind) -> Value {
    let file = format::file(kind);
    let mut schema =
        json!({ "$schema": DRAFT, "title": file.title, "description": file.description });
    let object = schema.as_object_mut().expect("an object");
    let Value::Object(table) = emit(&file.root) else {
        unreachable!("a file's root is a table")
    };
    for (key, value) in table {
        object.insert(key, value);
    }
    let definitions: Map<String, Value> = format::shared()
        .iter()
        .map(|(name, shape)| ((*name).to_owned(), emit(shape)))
        .collect();
    object.insert("definitions".into(), Value::Object(definitions));
    schema
}

fn reference(name: &str) -> Value {
    json!({ "$ref": format!("#/definitions/{name}") })
}

/// The JSON Schema of a shape.
fn emit(shape: &Shape) -> Value {
    match shape {
        Shape::Leaf(value) => value.clone(),
        // Draft-07 ignores siblings of `$ref`: wrap it so hover shows the doc.
        Shape::Ref { name, doc: None } => reference(name),
        Shape::Ref {
            name,
            doc: Some(doc),
        } => json!({ "description": doc, "allOf": [reference(name)] }),
        Shape::Table { doc, keys } => {
            let properties: Map<String, Value> = keys
                .iter()
                .map(|key| (key.name.to_owned(), emit(&key.shape)))
                .collect();
            let mut schema = json!({
                "type": "object",
                "description": doc,
                "properties": properties,
                "additionalProperties": false,
            });
            let required: Vec<&str> = keys.iter().filter(|k| k.required).map(|k| k.name).collect();
            if !required.is_empty() {
                schema["required"] = json!(required);
            }
            schema
        }
        Shape::Array { doc, items } => {
            json!({ "type": "array", "description": doc, "items": emit(items) })
        }
        Shape::ById { doc, entry } => json!({
            "type": "object",
            "description": doc,
            "propertyNames": { "pattern": format::ID },
            "additionalProperties": emit(entry),
        }),
    }
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
        let posts = document(Kind::Posts);
        assert_eq!(
            at(&posts, &["post", "[]"])["properties"]["status"]["enum"],
            json!(
                crate::model::Status::ALL
                    .iter()
                    .map(|(name, _)| *name)
                    .collect::<Vec<_>>()
            )
        );
    }
}
