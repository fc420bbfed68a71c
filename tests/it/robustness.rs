//! Hostile and broken calendars: each gets a diagnostic naming the file and
//! exit 1, or exit 2 for discovery errors; never a panic or a hang. Fixtures
//! are generated (a 2 MB line does not belong in git).

use std::path::Path;
use std::process::{Command, Output};

use crate::support::text;

fn edcal(calendar: &Path) -> Output {
    crate::support::edcal()
        .args(["check", "--today", "2026-10-01", "--calendar"])
        .arg(calendar)
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

// ---------------------------------------------------------------------------
// Resource bounds and the file system. What cannot be read as a
// file stops the command with exit 2 and the file named; what is read but
// wrong is a finding (exit 1). Nothing hangs: each run has a deadline.
// ---------------------------------------------------------------------------

use std::time::{Duration, Instant};

/// `edcal check` on `calendar`, killed (and the test failed) past `limit`.
fn edcal_within(calendar: &Path, limit: Duration) -> Output {
    let child = crate::support::edcal()
        .args(["check", "--today", "2026-10-01", "--calendar"])
        .arg(calendar)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("edcal runs");
    let pid = child.id();
    let (send, receive) = std::sync::mpsc::channel();
    std::thread::spawn(move || send.send(child.wait_with_output().unwrap()));
    let started = Instant::now();
    match receive.recv_timeout(limit) {
        Ok(out) => out,
        Err(_) => {
            let _ = Command::new("kill").arg("-9").arg(pid.to_string()).status();
            panic!(
                "edcal check took more than {:?} on {}",
                started.elapsed(),
                calendar.display()
            );
        }
    }
}

const CHANNELS: &[u8] = b"[facebook]\nnetwork = \"facebook\"\naccount = \"c\"\naudience = \"a\"\naudience_kind = \"patients\"\nposts_per_week = { min = 1, max = 5 }\n";

fn post(id: &str, on: &str) -> String {
    format!(
        "[[post]]\nid = \"{id}\"\ntitle = \"t\"\nthemes = []\nchannels = [\"facebook\"]\nstatus = \"draft\"\non = {on}\ntext = \"Bonjour\"\n"
    )
}

fn exit2_naming(dir: &Path, expected: &str) {
    let out = edcal_within(dir, Duration::from_secs(10));
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stdout));
    assert!(text(&out.stdout).is_empty());
    assert_eq!(text(&out.stderr), format!("error: {expected}\n"));
}

#[test]
fn deep_inline_tables_and_dotted_keys_are_syntax_errors() {
    for deep in [
        format!("a = {}1{}\n", "{b = ".repeat(50_000), "}".repeat(50_000)),
        format!("a{} = 1\n", ".a".repeat(50_000)),
        format!("[{}a]\n", "a.".repeat(50_000)),
        format!("[[{}a]]\n", "post.".repeat(50_000)),
    ] {
        let dir = calendar(SETTINGS, deep.as_bytes());
        let out = edcal_within(dir.path(), Duration::from_secs(10));
        assert_eq!(out.status.code(), Some(1));
        let stdout = text(&out.stdout);
        assert!(
            stdout.starts_with("error[toml-syntax]: invalid TOML"),
            "{stdout}"
        );
        assert!(stdout.len() < 2_000, "{} bytes", stdout.len());
    }
}

#[test]
fn a_huge_text_is_checked_in_seconds() {
    let posts = post("a", "2026-10-05").replace("Bonjour", &"Venez nous voir. ".repeat(120_000));
    let dir = calendar(SETTINGS, posts.as_bytes());
    std::fs::write(dir.path().join("channels.toml"), CHANNELS).unwrap();
    let out = edcal_within(dir.path(), Duration::from_secs(30));
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    assert!(
        text(&out.stdout).contains("error[too-long]"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn a_file_over_the_size_limit_is_refused_unread() {
    let mut posts = post("a", "2026-10-05").into_bytes();
    posts.resize(8 * 1024 * 1024 + 1, b'\n');
    let dir = calendar(SETTINGS, &posts);
    let out = edcal_within(dir.path(), Duration::from_secs(10));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).starts_with(
            "error[toml-syntax]: posts/p.toml is 8 MiB, over the 8 MiB a calendar file may have\n"
        ),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn five_thousand_post_files_are_checked_in_seconds() {
    let dir = calendar(SETTINGS, b"");
    std::fs::write(dir.path().join("channels.toml"), CHANNELS).unwrap();
    for i in 0..5_000 {
        let sub = dir.path().join(format!("posts/m{}", i % 50));
        std::fs::create_dir_all(&sub).unwrap();
        let day = format!("2026-{:02}-{:02}", 10 + i % 3, 1 + i % 28);
        std::fs::write(sub.join(format!("p{i}.toml")), post(&format!("p{i}"), &day)).unwrap();
    }
    let out = edcal_within(dir.path(), Duration::from_secs(20));
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
}

/// Regression (fuzzing): one post dated 9161 gave 370,000
/// `below-cadence` warnings, one per empty week until then.
#[test]
fn a_post_in_the_far_future_warns_about_two_years_at_most() {
    let posts = format!("{}{}", post("a", "2026-10-05"), post("b", "9161-03-11"))
        .replace("on = ", "at = ")
        .replace("\ntext", "T12:00:00\ntext");
    let dir = calendar(SETTINGS, posts.as_bytes());
    std::fs::write(dir.path().join("channels.toml"), CHANNELS).unwrap();
    let out = edcal_within(dir.path(), Duration::from_secs(10));
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    assert_eq!(
        stdout.matches("warning[below-cadence]").count(),
        1,
        "{stdout}"
    );
    let weeks: usize = stdout
        .split_once("` in ")
        .and_then(|(_, rest)| rest.split_once(" weeks"))
        .and_then(|(n, _)| n.parse().ok())
        .unwrap_or_else(|| panic!("no week count in {stdout}"));
    assert!((100..=110).contains(&weeks), "{weeks} weeks");
}

/// Regression (fuzzing): 80,000 findings on one 400 kB line took
/// minutes, the renderer measuring the whole line for each.
#[test]
fn thousands_of_findings_on_one_line_render_in_seconds() {
    let posts = format!(
        "post = [{}]\n",
        (0..5_000)
            .map(|i| format!("{{id=\"a{i}\", zz=1}}"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    let dir = calendar(SETTINGS, posts.as_bytes());
    let out = edcal_within(dir.path(), Duration::from_secs(30));
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let last = posts.find("{id=\"a4999\"").unwrap() + "{id=\"a4999\", ".len();
    let origin = format!("--> posts/p.toml:1:{}\n", last + 1);
    assert!(
        stdout.contains(&origin),
        "no {origin} in {}",
        &stdout[..2000]
    );
    assert!(stdout.len() < 5_000 * 4 * 1_000, "{} bytes", stdout.len());
}

#[cfg(unix)]
#[test]
fn a_folder_link_to_its_parent_is_a_loop() {
    let dir = calendar(SETTINGS, b"");
    std::os::unix::fs::symlink("..", dir.path().join("posts/up")).unwrap();
    exit2_naming(
        dir.path(),
        "posts/up/posts is a link back to posts (a loop); remove the link",
    );
    let dir = calendar(SETTINGS, b"");
    for link in ["a", "b", "c"] {
        std::os::unix::fs::symlink(".", dir.path().join("posts").join(link)).unwrap();
    }
    exit2_naming(
        dir.path(),
        "posts/a is a link back to posts (a loop); remove the link",
    );
}

#[cfg(unix)]
#[test]
fn a_folder_reached_twice_through_links_is_read_once() {
    let dir = calendar(SETTINGS, b"");
    std::fs::create_dir(dir.path().join("posts/real")).unwrap();
    std::fs::write(
        dir.path().join("posts/real/a.toml"),
        post("a", "2026-10-05"),
    )
    .unwrap();
    std::fs::write(dir.path().join("channels.toml"), CHANNELS).unwrap();
    std::os::unix::fs::symlink("real", dir.path().join("posts/zz-link")).unwrap();
    let out = edcal_within(dir.path(), Duration::from_secs(10));
    assert_eq!(
        out.status.code(),
        Some(0),
        "no duplicate-id: {}",
        text(&out.stdout)
    );
}

#[cfg(unix)]
#[test]
fn a_fifo_is_refused_not_read() {
    for path in ["posts/x.toml", "channels.toml"] {
        let dir = calendar(SETTINGS, b"");
        let fifo = dir.path().join(path);
        let made = Command::new("mkfifo").arg(&fifo).status().unwrap();
        assert!(made.success());
        exit2_naming(
            dir.path(),
            &format!(
                "{path} is not a regular file but a FIFO (named pipe); edcal reads only files (or links to files)"
            ),
        );
    }
}

#[cfg(unix)]
#[test]
fn a_dangling_link_is_named() {
    let dir = calendar(SETTINGS, b"");
    std::os::unix::fs::symlink("nowhere.toml", dir.path().join("posts/x.toml")).unwrap();
    exit2_naming(
        dir.path(),
        "posts/x.toml is a link to `nowhere.toml`, which does not exist",
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_name_that_is_not_utf8_is_named() {
    use std::os::unix::ffi::OsStrExt;
    let dir = calendar(SETTINGS, b"");
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.toml");
    std::fs::write(dir.path().join("posts").join(name), post("a", "2026-10-05")).unwrap();
    exit2_naming(
        dir.path(),
        "posts/caf\\xe9.toml has a name that is not valid UTF-8; rename it",
    );
}

#[test]
fn a_folder_named_like_a_file_is_a_folder() {
    let dir = calendar(SETTINGS, b"");
    std::fs::create_dir(dir.path().join("posts/x.toml")).unwrap();
    std::fs::write(dir.path().join("posts/x.toml/y.toml"), b"post = 3\n").unwrap();
    let out = edcal_within(dir.path(), Duration::from_secs(10));
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("--> posts/x.toml/y.toml:1:8"),
        "{}",
        text(&out.stdout)
    );
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_named() {
    use std::os::unix::fs::PermissionsExt;
    let dir = calendar(SETTINGS, b"");
    let path = dir.path().join("posts/p.toml");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    if std::fs::read(&path).is_ok() {
        eprintln!("skipped: running as root, chmod 000 does not stop reads");
        return;
    }
    exit2_naming(
        dir.path(),
        "failed to read posts/p.toml: Permission denied (os error 13)",
    );
}

/// Regression (fuzzing): a file ending in a lone `\r` had its
/// syntax error one column apart in the human form and in JSON.
#[test]
fn a_final_carriage_return_has_one_column_in_both_forms() {
    let settings =
        b"[calendar]\nname = \"x\"\ntimezone = \"Europe/Paris\"\nawareness = true  # health\r";
    let dir = calendar(settings, b"");
    let out = edcal(dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains(" --> edcal.toml:4:28\n"),
        "{}",
        text(&out.stdout)
    );
    let json = crate::support::edcal()
        .args([
            "check",
            "--format",
            "json",
            "--today",
            "2026-10-01",
            "--calendar",
        ])
        .arg(dir.path())
        .output()
        .unwrap();
    let json = text(&json.stdout);
    assert!(json.contains("\"line\": 4,\n    \"column\": 28"), "{json}");
}

/// Standard output goes out in blocks when it is not a terminal, and is
/// flushed before anything is written to standard error: with both in one
/// file (`> log 2>&1`), an export's rows still come before the listing of
/// what it refused, as when it went out line by line.
#[test]
fn the_file_comes_before_the_listing_in_one_shared_log() {
    let dir = tempfile::tempdir().unwrap();
    let log = dir.path().join("log");
    let file = std::fs::File::create(&log).unwrap();
    let status = crate::support::edcal()
        .args([
            "export",
            "csv",
            "--calendar",
            "tests/fixtures/export",
            "--today",
            "2026-12-01",
            "--now",
            "2026-12-01T00:00",
            "--channel",
            "fb",
        ])
        .stdout(file.try_clone().unwrap())
        .stderr(file)
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
    let pinned = |ext: &str| {
        std::fs::read_to_string(crate::support::repo_path(&format!(
            "tests/cmd/export-gates.{ext}"
        )))
        .unwrap()
    };
    // The pinned files hold the CSV's CRLF line ends as LF.
    let log = std::fs::read_to_string(&log).unwrap().replace("\r\n", "\n");
    assert_eq!(log, pinned("stdout") + &pinned("stderr"));
}
