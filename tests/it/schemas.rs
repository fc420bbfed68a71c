//! The JSON Schemas for editors: the committed copies in `schemas/` are what
//! `edcal schema` writes, and an independent validator (boon) accepts every
//! file of the example calendars with them and rejects unknown keys and bad
//! values.

use serde_json::Value;

use crate::support::{files_under, repo_path};

#[test]
fn committed_schemas_are_up_to_date() {
    let dir = repo_path("schemas");
    for (name, schema) in edcal::schema::all() {
        let committed = std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| {
            panic!("schemas/{name}: {e}; run `cargo run -- schema --out-dir schemas`")
        });
        assert!(
            committed == edcal::schema::to_text(&schema),
            "schemas/{name} is out of date: run `cargo run -- schema --out-dir schemas` and commit it"
        );
    }
}

/// A TOML document as taplo hands it to a validator: dates and times
/// become strings, the rest maps one to one.
fn to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(to_json).collect()),
        toml::Value::Table(table) => {
            Value::Object(table.into_iter().map(|(k, v)| (k, to_json(v))).collect())
        }
    }
}

struct Validator {
    schemas: boon::Schemas,
    index: Vec<(&'static str, boon::SchemaIndex)>,
}

impl Validator {
    fn new() -> Validator {
        let mut compiler = boon::Compiler::new();
        let mut schemas = boon::Schemas::new();
        let mut index = Vec::new();
        for (name, schema) in edcal::schema::all() {
            let url = format!("file:///schemas/{name}");
            compiler.add_resource(&url, schema).unwrap();
            let compiled = compiler
                .compile(&url, &mut schemas)
                .unwrap_or_else(|e| panic!("{name} does not compile: {e:#}"));
            index.push((name, compiled));
        }
        Validator { schemas, index }
    }

    /// The schema a calendar file is checked with.
    fn schema_for(&self, relative: &str) -> boon::SchemaIndex {
        let name = match relative {
            "edcal.toml" => "edcal.schema.json",
            "channels.toml" => "channels.schema.json",
            "consents.toml" => "consents.schema.json",
            p if p.starts_with("campaigns/") => "campaign.schema.json",
            p if p.starts_with("posts/") => "post.schema.json",
            other => panic!("no schema for {other}"),
        };
        self.index.iter().find(|(n, _)| *n == name).unwrap().1
    }

    fn validate(&self, relative: &str, text: &str) -> Result<(), String> {
        let value: toml::Value = toml::from_str(text).unwrap();
        let instance = to_json(value);
        self.schemas
            .validate(&instance, self.schema_for(relative))
            .map_err(|e| format!("{e:#}"))
    }
}

#[test]
fn the_example_calendars_validate() {
    let validator = Validator::new();
    for calendar in ["calendar", "examples/minimal"] {
        let root = repo_path(calendar);
        let mut files = files_under(&root);
        files.retain(|f| {
            std::path::Path::new(f)
                .extension()
                .is_some_and(|e| e == "toml")
        });
        assert!(files.iter().any(|f| f.starts_with("posts/")), "{calendar}");
        for relative in files {
            let text = std::fs::read_to_string(root.join(&relative)).unwrap();
            if let Err(e) = validator.validate(&relative, &text) {
                panic!("{calendar}/{relative} does not validate:\n{e}");
            }
        }
    }
}

#[test]
fn unknown_keys_and_bad_values_are_rejected() {
    let validator = Validator::new();
    let post = "[[post]]\nid = \"a\"\ntitle = \"t\"\nchannels = [\"x\"]\nstatus = \"idea\"\n";
    assert_eq!(validator.validate("posts/p.toml", post), Ok(()));
    for bad in [
        format!("{post}stauts = \"draft\"\n"),
        post.replace("\"idea\"", "\"ideas\""),
        post.replace("\"a\"", "\"A b\""),
        format!("{post}at = 2026-10-05\n"),
        format!("{post}[post.variants.x]\nlien = \"https://example.org\"\n"),
        format!("{post}[[post.media]]\nalt = \"no file\"\n"),
    ] {
        assert!(validator.validate("posts/p.toml", &bad).is_err(), "{bad}");
    }
    let channel = "[facebook]\nnetwork = \"facebook\"\nslots = [\"tue 12:30\"]\n";
    assert_eq!(validator.validate("channels.toml", channel), Ok(()));
    for bad in [
        channel.replace("tue 12:30", "mardo 12:30"),
        channel.replace("tue 12:30", "tue 9h30"),
        channel.replace("\"facebook\"\n", "\"facebok\"\n"),
        format!("{channel}posts_per_week = {{ min = -1 }}\n"),
    ] {
        assert!(validator.validate("channels.toml", &bad).is_err(), "{bad}");
    }
}

/// The schema's slot pattern accepts exactly what `check` reads.
#[test]
fn the_slot_pattern_agrees_with_the_reader() {
    let validator = Validator::new();
    for slot in [
        "tue 12:30",
        "Tue 9:30",
        "TUE 09:30",
        "mardi 9:30",
        "MARDI 09:30",
        "mar. 9:30",
        "jeu 08:00",
        "Thursday 23:59",
        "dim 0:00",
        "  sun   7:05 ",
        "mardo 12:30",
        "tue 9h30",
        "tue 24:00",
        "tue 9:3",
        "tue",
        "9:30",
        "lun.. 9:30",
    ] {
        let channel = format!("[facebook]\nnetwork = \"facebook\"\nslots = [\"{slot}\"]\n");
        assert_eq!(
            validator.validate("channels.toml", &channel).is_ok(),
            edcal::resolve::parse_slot(slot).is_some(),
            "`{slot}`"
        );
    }
}
