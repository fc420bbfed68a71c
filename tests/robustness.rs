//! Hostile and broken calendars: each gets a diagnostic naming the file and
//! exit 1, or exit 2 for discovery errors; never a panic or a hang. Fixtures
//! are generated (a 2 MB line does not belong in git).

use std::path::Path;
use std::process::{Command, Output};

fn edcal(calendar: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_edcal"))
        .args(["check", "--today", "2026-10-01", "--calendar"])
        .arg(calendar)
        .env("NO_COLOR", "1")
        .output()
        .expect("edcal runs")
}

fn calendar(edcal_toml: &[u8], posts: &[u8]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("edcal.toml"), edcal_toml).unwrap();
    std::fs::create_dir(dir.path().join("posts")).unwrap();
    std::fs::write(dir.path().join("posts/p.toml"), posts).unwrap();
    dir
}

const SETTINGS: &[u8] = b"[calendar]\nname = \"x\"\ntimezone = \"Europe/Paris\"\n";

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

#[test]
fn empty_settings_file_is_a_missing_key() {
    let dir = calendar(b"", b"");
    let out = edcal(dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stdout),
        "error[missing-key]: edcal.toml has no `calendar`\n --> edcal.toml:1:1\n  |\n1 |\n  | ^ `calendar` is required here\n"
    );
    assert_eq!(text(&out.stderr), "edcal: 1 error\n");
}

#[test]
fn invalid_utf8_points_at_the_byte() {
    let dir = calendar(SETTINGS, b"[[post]]\nid = \"a\"\ntitle = \"caf\xe9\"\n");
    let out = edcal(dir.path());
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with(
            "error[toml-syntax]: posts/p.toml is not valid UTF-8\n --> posts/p.toml:3:13\n"
        ),
        "{stdout}"
    );
}

#[test]
fn deep_nesting_is_a_syntax_error_not_a_stack_overflow() {
    let deep = format!("a = {}{}\n", "[".repeat(100_000), "]".repeat(100_000));
    let dir = calendar(SETTINGS, deep.as_bytes());
    let out = edcal(dir.path());
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("error[toml-syntax]: invalid TOML: cannot recurse further"),
        "{stdout}"
    );
    assert!(stdout.contains("--> posts/p.toml:1:"), "{stdout}");
    assert!(
        stdout.len() < 2_000,
        "the quoted line is cut: {} bytes",
        stdout.len()
    );
}

#[test]
fn a_two_megabyte_line_is_quoted_briefly() {
    let posts = format!(
        "[[post]]\nid = \"a\"\ntitle = \"{}\" surprise = 1\n",
        "x".repeat(2_000_000)
    );
    let dir = calendar(SETTINGS, posts.as_bytes());
    let out = edcal(dir.path());
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with("error[toml-syntax]: invalid TOML"),
        "{}",
        &stdout[..200]
    );
    assert!(stdout.contains("--> posts/p.toml:3:2000012"), "{stdout}");
    assert!(
        stdout.len() < 2_000,
        "the quoted line is cut: {} bytes",
        stdout.len()
    );
}

#[test]
fn a_missing_folder_is_a_discovery_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = edcal(&dir.path().join("nowhere"));
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stdout).is_empty());
    let stderr = text(&out.stderr);
    assert!(stderr.starts_with("error: calendar folder `"), "{stderr}");
    assert!(
        stderr.ends_with("nowhere` does not exist (from --calendar or $EDCAL_CALENDAR)\n"),
        "{stderr}"
    );
}

#[test]
fn a_folder_without_settings_is_a_discovery_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = edcal(dir.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("has no edcal.toml"));
}

#[test]
fn wrong_types_everywhere_are_reported_not_fatal() {
    let posts = b"post = 3\n";
    let dir = calendar(
        b"calendar = []\nteam = 1\nrules = { blackout = 2 }\n",
        posts,
    );
    let out = edcal(dir.path());
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    for expected in [
        "error[invalid-value]: `calendar` must be a table, found an array",
        "error[invalid-value]: `team` must be a table, found an integer",
        "error[invalid-value]: `blackout` must be an array of tables, found an integer",
        "error[invalid-value]: `post` must be an array of tables, found an integer",
    ] {
        assert!(
            stdout.contains(expected),
            "missing {expected:?} in\n{stdout}"
        );
    }
}
