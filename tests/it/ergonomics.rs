//! Everyday commands used as a new user would, on scratch folders: `init`
//! then `check`, `new post` and its ids, `fmt` on messy files (data kept,
//! second run idempotent), `diff` on a scratch git repository, completions,
//! the man page and the schemas.

use std::path::Path;
use std::process::{Command, Output};

use crate::support::{copy_dir, repo_path, text};

fn edcal(cwd: &Path, args: &[&str]) -> Output {
    crate::support::edcal()
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("edcal runs")
}

fn ok(out: &Output) -> String {
    assert_eq!(out.status.code(), Some(0), "stderr: {}", text(&out.stderr));
    text(&out.stdout)
}

#[test]
fn init_makes_a_calendar_that_checks_clean_and_is_canonical() {
    let dir = tempfile::tempdir().unwrap();
    let out = edcal(dir.path(), &["init", "cal", "--today", "2026-11-25"]);
    let stdout = ok(&out);
    assert!(
        stdout.contains("created cal/posts/2027-01.toml"),
        "{stdout}"
    );
    let check = edcal(
        dir.path(),
        &[
            "--calendar",
            "cal",
            "check",
            "--deny-warnings",
            "--today",
            "2026-11-25",
        ],
    );
    assert_eq!(text(&check.stdout), "");
    assert_eq!(text(&check.stderr), "");
    assert_eq!(check.status.code(), Some(0));
    let fmt = edcal(dir.path(), &["--calendar", "cal", "fmt", "--check"]);
    assert_eq!(ok(&fmt), "");
    // A second init into the same folder is refused.
    let again = edcal(dir.path(), &["init", "cal"]);
    assert_eq!(again.status.code(), Some(2));
    assert!(text(&again.stderr).contains("is not empty"));
    // Any day of the year gives a clean calendar.
    for today in ["2026-01-31", "2026-12-31", "2027-02-28"] {
        let sub = format!("cal-{today}");
        ok(&edcal(dir.path(), &["init", &sub, "--today", today]));
        let check = edcal(
            dir.path(),
            &[
                "--calendar",
                &sub,
                "check",
                "--deny-warnings",
                "--today",
                today,
            ],
        );
        assert_eq!(
            check.status.code(),
            Some(0),
            "{today}: {}",
            text(&check.stdout)
        );
    }
}

#[test]
fn new_post_ids_are_unique_and_the_file_stays_valid_and_canonical() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo_path("calendar"), &dir.path().join("cal"));
    let new = |args: &[&str]| {
        let mut all = vec!["--calendar", "cal", "new", "post", "--today", "2026-11-25"];
        all.extend_from_slice(args);
        ok(&edcal(dir.path(), &all))
    };
    // An id already in the calendar: `or26-bilan` exists.
    assert_eq!(
        new(&["--title", "OR26 : bilan", "--channel", "facebook"]),
        "or26-bilan-2\n"
    );
    assert_eq!(
        new(&["--title", "OR26 — Bilan !", "--channel", "x"]),
        "or26-bilan-3\n"
    );
    assert_eq!(
        new(&[
            "--title",
            "Été : la canicule",
            "--channel",
            "facebook",
            "--on",
            "2027-07-02"
        ]),
        "ete-la-canicule\n"
    );
    let july = std::fs::read_to_string(dir.path().join("cal/posts/2027-07.toml")).unwrap();
    assert_eq!(
        july,
        "[[post]]\nid = \"ete-la-canicule\"\ntitle = \"Été : la canicule\"\nchannels = [\"facebook\"]\nstatus = \"idea\"\ncreated = 2026-11-25\non = 2027-07-02\n"
    );
    let november = std::fs::read_to_string(dir.path().join("cal/posts/2026-11.toml")).unwrap();
    let before = std::fs::read_to_string(repo_path("calendar/posts/2026-11.toml")).unwrap();
    assert!(november.starts_with(&before), "the file only gains lines");
    assert!(november.ends_with(
        "\n[[post]]\nid = \"or26-bilan-3\"\ntitle = \"OR26 — Bilan !\"\nchannels = [\"x\"]\nstatus = \"idea\"\ncreated = 2026-11-25\n"
    ));
    let check = edcal(
        dir.path(),
        &[
            "--calendar",
            "cal",
            "check",
            "--format",
            "json",
            "--today",
            "2026-11-25",
        ],
    );
    let original = edcal(
        &repo_path(""),
        &[
            "--calendar",
            "calendar",
            "check",
            "--format",
            "json",
            "--today",
            "2026-11-25",
        ],
    );
    assert_eq!(
        text(&check.stdout),
        text(&original.stdout),
        "new posts add no finding"
    );
    assert_eq!(
        ok(&edcal(dir.path(), &["--calendar", "cal", "fmt", "--check"])),
        ""
    );
    // Unknown campaign: exit 2, nothing written.
    let bad = edcal(
        dir.path(),
        &[
            "--calendar",
            "cal",
            "new",
            "post",
            "--title",
            "t",
            "--channel",
            "x",
            "--campaign",
            "octobre-rose",
        ],
    );
    assert_eq!(bad.status.code(), Some(2));
    assert!(
        text(&bad.stderr).contains("unknown campaign `octobre-rose`"),
        "{}",
        text(&bad.stderr)
    );
}

#[test]
fn new_post_never_hands_out_the_id_of_a_post_left_out_for_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let cal = dir.path().join("cal");
    copy_dir(&repo_path("examples/minimal"), &cal);
    // `bilan` has a status the model cannot take, and the second `bilan-2`
    // is a duplicate: neither post is in the model, both ids are taken.
    std::fs::write(
        cal.join("posts/2026-12.toml"),
        "[[post]]\nid = \"bilan\"\ntitle = \"Bilan\"\nchannels = [\"facebook\"]\nstatus = \"ready\"\n\n\
         [[post]]\nid = \"bilan-2\"\ntitle = \"Bilan\"\nchannels = [\"facebook\"]\nstatus = \"idea\"\n\n\
         [[post]]\nid = \"bilan-2\"\ntitle = \"Bilan\"\nchannels = [\"facebook\"]\nstatus = \"draft\"\n",
    )
    .unwrap();
    let out = edcal(
        dir.path(),
        &[
            "--calendar",
            "cal",
            "new",
            "post",
            "--today",
            "2026-11-25",
            "--title",
            "Bilan",
            "--channel",
            "facebook",
            "--on",
            "2027-01-04",
        ],
    );
    assert_eq!(ok(&out), "bilan-3\n");
}

/// TOML values with `12:30` and `12:30:00` taken as the same time.
fn data(path: &Path) -> toml::Value {
    fn seconds(value: &mut toml::Value) {
        match value {
            toml::Value::Datetime(d) => {
                if let Some(t) = &mut d.time {
                    t.second.get_or_insert(0);
                }
            }
            toml::Value::Array(items) => items.iter_mut().for_each(seconds),
            toml::Value::Table(t) => t.iter_mut().for_each(|(_, v)| seconds(v)),
            _ => {}
        }
    }
    let mut value =
        toml::Value::Table(toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap());
    seconds(&mut value);
    value
}

#[test]
fn fmt_keeps_the_data_and_comments_and_a_second_run_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let cal = dir.path().join("cal");
    copy_dir(&repo_path("tests/fixtures/fmt-messy"), &cal);
    let files = ["edcal.toml", "channels.toml", "posts/2026-10.toml"];
    let before: Vec<toml::Value> = files.iter().map(|f| data(&cal.join(f))).collect();
    let check_before = edcal(
        dir.path(),
        &[
            "--calendar",
            "cal",
            "check",
            "--format",
            "json",
            "--today",
            "2026-10-01",
        ],
    );
    let out = edcal(dir.path(), &["--calendar", "cal", "fmt"]);
    assert_eq!(
        ok(&out),
        "formatted edcal.toml\nformatted channels.toml\nformatted posts/2026-10.toml\n"
    );
    let after: Vec<toml::Value> = files.iter().map(|f| data(&cal.join(f))).collect();
    assert_eq!(before, after, "data unchanged");
    assert_eq!(
        std::fs::read_to_string(cal.join("posts/2026-10.toml")).unwrap(),
        "# October.\n[[post]]\nid = \"a\"\ntitle = \"A\"   # first\nchannels = [\"facebook\"]\nstatus = \"idea\"\nat = 2026-10-06T12:30:00\n"
    );
    assert_eq!(
        std::fs::read_to_string(cal.join("edcal.toml")).unwrap(),
        "# A calendar whose files are valid but not in the canonical layout.\n[calendar]\nname = \"Messy\"\ntimezone = \"Europe/Paris\"   # the zone\n\n[team.lead]\nname = \"Lead\"\nrole = \"lead\"\n\n[rules]\nallow = [\"below-cadence\"]\n"
    );
    // The same findings, at most moved in the file.
    let check_after = edcal(
        dir.path(),
        &[
            "--calendar",
            "cal",
            "check",
            "--format",
            "json",
            "--today",
            "2026-10-01",
        ],
    );
    assert_eq!(check_before.status.code(), check_after.status.code());
    let second = edcal(dir.path(), &["--calendar", "cal", "fmt"]);
    assert_eq!(ok(&second), "", "idempotent");
    assert_eq!(
        ok(&edcal(dir.path(), &["--calendar", "cal", "fmt", "--check"])),
        ""
    );
}

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", text(&out.stderr));
}

#[test]
fn diff_reports_what_moved_since_a_revision_in_a_scratch_repository() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path();
    git(repo, &["init", "-q", "-b", "main"]);
    git(repo, &["config", "user.name", "Test"]);
    git(repo, &["config", "user.email", "test@example.org"]);
    git(repo, &["config", "commit.gpgsign", "false"]);
    // The calendar in a sub-folder of the repository.
    let cal = repo.join("comms/cal");
    copy_dir(&repo_path("examples/minimal"), &cal);
    let posts = cal.join("posts");
    std::fs::create_dir_all(&posts).unwrap();
    let post = |id: &str, status: &str, at: &str, text: &str| {
        format!(
            "[[post]]\nid = \"{id}\"\ntitle = \"{id}\"\nchannels = [\"facebook\"]\nstatus = \"{status}\"\nat = {at}\ntext = \"{text}\"\n\n"
        )
    };
    std::fs::write(
        posts.join("diff.toml"),
        post("stays", "draft", "2026-10-06T12:30:00", "un")
            + &post("moves", "draft", "2026-10-07T12:30:00", "deux")
            + &post("goes", "idea", "2026-10-08T12:30:00", "trois"),
    )
    .unwrap();
    git(repo, &["add", "."]);
    git(repo, &["commit", "-q", "-m", "first"]);
    std::fs::write(
        posts.join("diff.toml"),
        post("stays", "review", "2026-10-06T12:30:00", "un, relu")
            + &post("moves", "draft", "2026-10-09T18:00:00", "deux")
            + &post("arrives", "idea", "2026-10-10T12:30:00", "quatre"),
    )
    .unwrap();
    // Uncommitted changes count: the current calendar is the one on disk.
    let json = edcal(
        &cal,
        &["diff", "HEAD", "--format", "json", "--today", "2026-10-01"],
    );
    let json: serde_json::Value = serde_json::from_str(&ok(&json)).unwrap();
    let minimal_posts_unchanged = json["added"] == serde_json::json!(["arrives"]);
    assert!(minimal_posts_unchanged, "{json}");
    assert_eq!(json["removed"], serde_json::json!(["goes"]));
    assert_eq!(
        json["moved"],
        serde_json::json!([{ "post": "moves", "channel": "facebook", "from": "2026-10-07T12:30:00+02:00", "to": "2026-10-09T18:00:00+02:00" }])
    );
    assert_eq!(
        json["changed"],
        serde_json::json!([{ "post": "stays", "fields": ["status", "text"] }])
    );
    let table = ok(&edcal(
        repo,
        &[
            "--calendar",
            "comms/cal",
            "diff",
            "HEAD",
            "--today",
            "2026-10-01",
        ],
    ));
    assert!(
        table.contains("\nmoved (1)\n  moves    facebook  2026-10-07 12:30 → 2026-10-09 18:00\n"),
        "{table}"
    );
    assert!(
        table.contains("\nchanged (1)\n  stays    status (draft → review), text\n"),
        "{table}"
    );
    // Committed, nothing changed since HEAD.
    git(repo, &["commit", "-q", "-am", "second"]);
    let none = ok(&edcal(&cal, &["diff", "HEAD", "--today", "2026-10-01"]));
    assert!(
        none.starts_with("no change in the plan since HEAD ("),
        "{none}"
    );
    let since_first = ok(&edcal(
        &cal,
        &[
            "diff",
            "HEAD~1",
            "--format",
            "json",
            "--today",
            "2026-10-01",
        ],
    ));
    assert_eq!(
        serde_json::from_str::<serde_json::Value>(&since_first).unwrap(),
        json
    );
    // Git failures are exit 2 with git's message.
    let unknown = edcal(&cal, &["diff", "nope", "--today", "2026-10-01"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(
        text(&unknown.stderr).contains("git rev-parse failed: fatal:"),
        "{}",
        text(&unknown.stderr)
    );
    let outside = tempfile::tempdir().unwrap();
    copy_dir(&repo_path("examples/minimal"), outside.path());
    let not_repo = edcal(outside.path(), &["diff", "HEAD", "--today", "2026-10-01"]);
    assert_eq!(not_repo.status.code(), Some(2));
    assert!(
        text(&not_repo.stderr).contains("not a git repository"),
        "{}",
        text(&not_repo.stderr)
    );
}

#[test]
fn completions_and_the_man_page_come_from_the_command_line_definition() {
    let here = repo_path("");
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let script = ok(&edcal(&here, &["completions", shell]));
        for sub in [
            "check",
            "plan",
            "fmt",
            "diff",
            "schema",
            "init",
            "new",
            "completions",
            "man",
        ] {
            assert!(script.contains(sub), "{shell} completions lack `{sub}`");
        }
    }
    let man = ok(&edcal(&here, &["man"]));
    assert!(man.starts_with(".TH"), "{}", &man[..man.len().min(80)]);
    for sub in ["check", "fmt", "diff", "schema", "init"] {
        assert!(man.contains(sub), "the man page lacks `{sub}`");
    }
    let bad = edcal(&here, &["completions", "tcsh"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn schema_writes_the_committed_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = ok(&edcal(dir.path(), &["schema", "--out-dir", "schemas"]));
    assert_eq!(out.lines().count(), 5);
    for name in ["edcal", "channels", "consents", "campaign", "post"] {
        let file = format!("{name}.schema.json");
        assert_eq!(
            std::fs::read_to_string(dir.path().join("schemas").join(&file)).unwrap(),
            std::fs::read_to_string(repo_path("schemas").join(&file)).unwrap(),
            "{file}"
        );
    }
}

#[test]
fn paths_given_are_relative_to_the_runs_folder_not_the_processs() {
    use clap::Parser as _;
    // The library takes the current folder from `Env` (the binary passes
    // the process's): `--calendar`, `-o`, `--out-dir` and `init DIR` are
    // read against it, so a caller running edcal for another folder
    // (`edcal diff`, a fuzzer, a server) never touches its own.
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo_path("examples/minimal"), &dir.path().join("cal"));
    let run = |args: &[&str]| {
        let cli = edcal::cli::Cli::parse_from(std::iter::once("edcal").chain(args.iter().copied()));
        let env = edcal::Env {
            cwd: dir.path().to_path_buf(),
            color: false,
            now: chrono::DateTime::from_timestamp(1_795_000_000, 0).unwrap(),
            exits_after: false,
        };
        let (mut out, mut err) = (Vec::new(), Vec::new());
        edcal::run(&cli, &env, &mut out, &mut err).map_err(|e| e.to_string())
    };
    let today = "2026-11-25";
    assert_eq!(
        run(&["--calendar", "cal", "check", "--today", today]),
        Ok(0)
    );
    assert_eq!(
        run(&[
            "--calendar",
            "cal",
            "export",
            "ics",
            "-o",
            "plan.ics",
            "--today",
            today
        ]),
        Ok(0)
    );
    assert!(dir.path().join("plan.ics").is_file());
    run(&[
        "--calendar",
        "cal",
        "export",
        "csv",
        "--for",
        "generic",
        "--out-dir",
        "out",
        "--today",
        today,
    ])
    .unwrap();
    assert!(dir.path().join("out").is_dir());
    assert_eq!(run(&["init", "other", "--today", today]), Ok(0));
    assert!(dir.path().join("other/edcal.toml").is_file());
    assert_eq!(run(&["schema", "--out-dir", "schemas"]), Ok(0));
    assert!(dir.path().join("schemas").is_dir());
    assert_eq!(
        run(&["--calendar", "nowhere", "check"]),
        Err(
            "calendar folder `nowhere` does not exist (from --calendar or $EDCAL_CALENDAR)"
                .to_owned()
        )
    );
}
