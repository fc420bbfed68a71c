//! Edits that cannot lose data: every command that writes the
//! calendar is killed in the middle of its write, through the fault hook of
//! `edit.rs` (`EDCAL_FAULT`, debug builds only), once while the temporary
//! file is half written and once right before the rename. Each time every
//! calendar file is byte for byte what it was, and the same command run
//! again without the fault does its job.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Output;

use crate::support::{files_under, repo_path, temp_copy};

/// Every calendar file (not the hidden temporary files), path to bytes.
fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    files_under(root)
        .into_iter()
        .filter(|rel| !rel.split('/').any(|name| name.starts_with('.')))
        .map(|rel| {
            let bytes = std::fs::read(root.join(&rel)).unwrap();
            (rel, bytes)
        })
        .collect()
}

fn edcal(root: &Path, args: &[&str], fault: Option<&str>) -> Output {
    let mut command = crate::support::edcal();
    command
        .arg("--calendar")
        .arg(root)
        .args(["--today", "2026-11-25"])
        .args(args)
        // An aborted process may leave a core file in its folder.
        .current_dir(root);
    if let Some(point) = fault {
        command.env("EDCAL_FAULT", point);
    }
    command.output().unwrap()
}

/// Kills `args` at each fault point, checks nothing changed, then runs it
/// for real and checks it changed `changes`.
fn survives_a_kill(fixture: &str, args: &[&str], changes: &str) {
    let dir = temp_copy(fixture);
    let before = snapshot(dir.path());
    for point in ["mid-write", "before-rename"] {
        let out = edcal(dir.path(), args, Some(point));
        assert_eq!(
            out.status.code(),
            None,
            "{args:?} at {point} was not killed: {}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            snapshot(dir.path()) == before,
            "{args:?} killed at {point} changed a file"
        );
    }
    let leftovers = std::fs::read_dir(dir.path().join(Path::new(changes).parent().unwrap()))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .ends_with(".tmp")
        })
        .count();
    assert!(leftovers >= 1, "a killed write leaves its temporary file");
    // `schedule --write` exits 1 when some pairs stay unplaced; it still
    // writes the others.
    let out = edcal(dir.path(), args, None);
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?}: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let after = snapshot(dir.path());
    assert_ne!(
        after.get(changes),
        before.get(changes),
        "{args:?} wrote {changes}"
    );
    // The leftover temporary files are hidden: the calendar still checks.
    let check = edcal(dir.path(), &["check"], None);
    assert!(matches!(check.status.code(), Some(0 | 1)));
}

#[test]
fn schedule_write_killed_midway_loses_nothing() {
    survives_a_kill(
        "tests/cmd/schedule-write.in",
        &["schedule", "--write"],
        "posts/2026-12.toml",
    );
}

#[test]
fn approve_killed_midway_loses_nothing() {
    survives_a_kill(
        "tests/fixtures/trust",
        &["approve", "info-parking", "--by", "lead"],
        "posts/2026-12.toml",
    );
}

#[test]
fn review_killed_midway_loses_nothing() {
    survives_a_kill(
        "tests/fixtures/trust",
        &["review", "uro-check", "--by", "dr-uro"],
        "posts/2026-12.toml",
    );
}

#[test]
fn fmt_killed_midway_loses_nothing() {
    survives_a_kill("tests/fixtures/fmt-messy", &["fmt"], "edcal.toml");
}

#[test]
fn new_post_killed_midway_loses_nothing() {
    survives_a_kill(
        "calendar",
        &[
            "new",
            "post",
            "--title",
            "Canicule : les bons réflexes",
            "--channel",
            "facebook",
        ],
        "posts/2026-11.toml",
    );
}

#[test]
fn freeze_killed_midway_loses_nothing() {
    survives_a_kill(
        "calendar",
        &[
            "freeze",
            "--from",
            "2026-12-01T08:00",
            "--to",
            "2026-12-02",
            "--why",
            "Panne",
        ],
        "edcal.toml",
    );
}

/// Exports go through `export::write_atomic`: a temporary file beside the
/// target, renamed over it. A write that fails leaves the old file (or
/// nothing) and no temporary file.
#[test]
fn an_export_replaces_its_file_whole_or_not_at_all() {
    let fixture = repo_path("tests/fixtures/export");
    let out_dir = tempfile::tempdir().unwrap();
    let export = |target: &Path| {
        crate::support::edcal()
            .arg("--calendar")
            .arg(&fixture)
            .args(["--today", "2026-12-01", "export", "ics", "-o"])
            .arg(target)
            .current_dir(out_dir.path())
            .output()
            .unwrap()
    };
    let names = || -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(out_dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let file = out_dir.path().join("plan.ics");
    std::fs::write(&file, "old").unwrap();
    let out = export(&file);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let new = std::fs::read_to_string(&file).unwrap();
    assert!(new.starts_with("BEGIN:VCALENDAR") && new.ends_with("END:VCALENDAR\r\n"));
    assert_eq!(names(), ["plan.ics"]);

    // The target is a folder holding a file: the rename fails.
    let folder = out_dir.path().join("busy.ics");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("keep"), "kept").unwrap();
    let out = export(&folder);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("failed to write"));
    assert_eq!(
        std::fs::read_to_string(folder.join("keep")).unwrap(),
        "kept"
    );
    assert_eq!(names(), ["busy.ics", "plan.ics"], "no temporary file left");
}

#[test]
fn lifecycle_commands_killed_midway_lose_nothing() {
    let post = "semaine-du-rein-le-depistage-en-pratique";
    let cases: [(&str, &[&str], &str); 6] = [
        (
            "tests/cmd/life-1-new.in",
            &["submit", "sdr-stand", "--by", "theo-editor"],
            "posts/2027-03.toml",
        ),
        (
            "tests/cmd/life-1-new.in",
            &["note", "sdr-stand", "Une remarque", "--by", "dr-nephro"],
            "posts/2027-03.toml",
        ),
        (
            "tests/cmd/life-2-submit.out",
            &[
                "reject",
                "sdr-stand",
                "--why",
                "Trop long",
                "--by",
                "claire-lead",
            ],
            "posts/2027-03.toml",
        ),
        (
            "tests/cmd/life-5-approve.out",
            &[
                "published",
                post,
                "--channel",
                "facebook",
                "--url",
                "https://www.facebook.com/cliniquedestests/posts/1001",
                "--at",
                "2027-03-10T12:31",
                "--by",
                "theo-editor",
            ],
            "posts/2027-03.toml",
        ),
        (
            "tests/cmd/life-1-new.in",
            &[
                "cancel",
                "sdr-idee",
                "--why",
                "Doublon",
                "--by",
                "claire-lead",
            ],
            "posts/2027-03.toml",
        ),
        (
            "tests/cmd/life-1-new.in",
            &[
                "milestone",
                "semaine-du-rein-2027",
                "1",
                "--done",
                "--by",
                "claire-lead",
            ],
            "campaigns/semaine-du-rein-2027.toml",
        ),
    ];
    for (fixture, args, changes) in cases {
        survives_a_kill(fixture, args, changes);
    }
}
