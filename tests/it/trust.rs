//! End to end, as a team lives it: sealed approvals and reviews,
//! edits between steps, and the crisis freeze, on a copy of
//! `tests/fixtures/trust` in a temporary folder, running the real binary.
//!
//! Every edit edcal makes is checked to keep the file byte for byte outside
//! the keys it changed.

use std::fs;
use std::path::PathBuf;

use crate::support::{Run, copy_dir, repo_path};

const TODAY: &str = "2026-11-25";
const POSTS: &str = "posts/2026-12.toml";

struct Cal {
    _dir: tempfile::TempDir,
    root: PathBuf,
}

impl Cal {
    fn new() -> Cal {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("cal");
        copy_dir(&repo_path("tests/fixtures/trust"), &root);
        Cal { _dir: dir, root }
    }

    fn run(&self, args: &[&str]) -> Run {
        let out = crate::support::edcal()
            .args(args)
            .args([
                "--calendar",
                self.root.to_str().unwrap(),
                "--today",
                TODAY,
                "--color",
                "never",
            ])
            .output()
            .unwrap();
        Run::from(out)
    }

    fn ok(&self, args: &[&str]) -> Run {
        let r = self.run(args);
        assert_eq!(
            r.code, 0,
            "{args:?}\nstdout:\n{}\nstderr:\n{}",
            r.stdout, r.stderr
        );
        r
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.root.join(rel)).unwrap()
    }

    fn write(&self, rel: &str, text: &str) {
        fs::write(self.root.join(rel), text).unwrap();
    }

    fn replace(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{from:?} not in {rel}");
        self.write(rel, &text.replacen(from, to, 1));
    }
}

/// The lines of `text` that are not an assignment of one of `keys`.
fn without(text: &str, keys: &[&str]) -> Vec<String> {
    text.lines()
        .filter(|l| {
            let t = l.trim_start();
            !keys.iter().any(|k| {
                t.strip_prefix(k)
                    .is_some_and(|rest| rest.trim_start().starts_with('='))
            })
        })
        .map(str::to_owned)
        .collect()
}

/// `after` is `before` with only `keys` changed or added; comments and every
/// other line byte for byte the same.
fn only_changed(before: &str, after: &str, keys: &[&str]) {
    assert_eq!(
        without(before, keys),
        without(after, keys),
        "\n--- after:\n{after}"
    );
}

#[test]
fn approve_seals_an_edit_makes_it_stale_and_a_new_approval_renews_it() {
    let cal = Cal::new();
    let before = cal.read(POSTS);
    let r = cal.ok(&["approve", "info-parking", "--by", "lead"]);
    assert!(
        r.stdout
            .contains("approved `info-parking` by `lead` on 2026-11-25"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("status: `draft` -> `approved`"),
        "{}",
        r.stdout
    );
    let after = cal.read(POSTS);
    only_changed(&before, &after, &["status", "approval"]);
    // The status comment stays, in its column.
    assert!(
        after.contains("status = \"approved\"                 # the assistant's draft\n"),
        "{after}"
    );
    let line = after
        .lines()
        .find(|l| l.starts_with("approval = "))
        .unwrap();
    assert!(
        line.starts_with("approval = { by = \"lead\", on = 2026-11-25, digest = \"v1:facebook="),
        "{line}"
    );
    assert!(line.contains(";instagram="), "{line}");
    cal.ok(&["check"]);

    // The assistant edits the Instagram caption after the approval.
    cal.replace(
        POSTS,
        "text = \"The new car park opens on Monday.\"",
        "text = \"Our new car park opens on Monday!\"",
    );
    let r = cal.run(&["check"]);
    assert_eq!(r.code, 1);
    assert!(r.all().contains("error[stale-approval]"), "{}", r.stderr);
    assert!(
        r.all().contains("the approval of post `info-parking` by `lead` on 2026-11-25 no longer matches: text changed on `instagram`"),
        "{}",
        r.stderr
    );
    let json = cal.run(&["check", "--format", "json"]);
    let findings: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let stale: Vec<_> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "stale-approval")
        .collect();
    assert_eq!(stale.len(), 1);
    assert_eq!(stale[0]["channel"], "instagram");
    assert_eq!(stale[0]["post"], "info-parking");

    // The stale approval of this very post does not block its re-approval.
    let edited = cal.read(POSTS);
    cal.ok(&["approve", "info-parking", "--by", "lead"]);
    only_changed(&edited, &cal.read(POSTS), &["approval"]);
    cal.ok(&["check"]);

    // Changing the link, or swapping the picture under the same name, too.
    cal.replace(
        POSTS,
        "https://example.org/parking",
        "https://example.org/parking-2",
    );
    let r = cal.run(&["check"]);
    assert!(
        r.all().contains("link changed on `facebook`"),
        "{}",
        r.stderr
    );
    cal.ok(&["approve", "info-parking", "--by", "lead"]);
    cal.write("media/a.jpg", "image A, version 2\n");
    let r = cal.run(&["check"]);
    assert_eq!(r.code, 1);
    assert!(
        r.all()
            .contains("media changed on `facebook`; media changed on `instagram`"),
        "{}",
        r.stderr
    );
    // Reformatting the file (values unchanged) does not.
    cal.write("media/a.jpg", "image A, version 1\n");
    cal.replace(
        POSTS,
        "title = \"New car park\"",
        "title    =    'New car park'   # retitled spacing",
    );
    cal.ok(&["check"]);
}

#[test]
fn a_review_by_someone_who_is_not_a_physician_is_refused_and_changes_nothing() {
    let cal = Cal::new();
    let before = fs::read(cal.root.join(POSTS)).unwrap();
    let r = cal.run(&["review", "uro-check", "--by", "assistant"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stderr,
        "error: `assistant` is an editor, and only a physician reviews (members with `role = \"physician\"`: `dr-uro`)\nedcal: nothing changed\n"
    );
    assert_eq!(
        fs::read(cal.root.join(POSTS)).unwrap(),
        before,
        "byte for byte"
    );

    let r = cal.run(&["approve", "uro-check", "--by", "dr-uro"]);
    assert_eq!(r.code, 1);
    assert!(
        r.all()
            .contains("`dr-uro` is a physician, and only a lead approves"),
        "{}",
        r.stderr
    );

    // Unknown ids are usage errors (exit 2), with the closest id.
    let r = cal.run(&["review", "uro-check", "--by", "dr-ur"]);
    assert_eq!(r.code, 2);
    assert!(
        r.all()
            .contains("unknown member `dr-ur`; did you mean `dr-uro`?"),
        "{}",
        r.stderr
    );
    let r = cal.run(&["approve", "uro-chek", "--by", "lead"]);
    assert_eq!(r.code, 2);
    assert!(
        r.all()
            .contains("unknown post `uro-chek`; did you mean `uro-check`?"),
        "{}",
        r.stderr
    );
    assert_eq!(
        fs::read(cal.root.join(POSTS)).unwrap(),
        before,
        "byte for byte"
    );
}

#[test]
fn a_medical_post_is_reviewed_before_it_is_approved() {
    let cal = Cal::new();
    let r = cal.run(&["approve", "uro-check", "--by", "lead"]);
    assert_eq!(r.code, 1);
    assert!(
        r.all()
            .contains("needs a physician's review first: `edcal review uro-check --by PHYSICIAN`"),
        "{}",
        r.stderr
    );

    let before = cal.read(POSTS);
    let r = cal.ok(&["review", "uro-check", "--by", "dr-uro"]);
    assert!(
        r.stdout
            .starts_with("reviewed `uro-check` by `dr-uro` on 2026-11-25"),
        "{}",
        r.stdout
    );
    let reviewed = cal.read(POSTS);
    only_changed(&before, &reviewed, &["medical_review"]);
    assert!(
        reviewed.contains("status = \"review\"   # sent to Dr Marty\n"),
        "status untouched"
    );

    // An edit after the review: approving waits for a new review.
    cal.replace(
        POSTS,
        "talk about your prostate",
        "talk about your prostate and bladder",
    );
    let r = cal.run(&["approve", "uro-check", "--by", "lead"]);
    assert_eq!(r.code, 1);
    assert!(
        r.all().contains("the medical review of post `uro-check` by `dr-uro` no longer matches (text changed on `facebook`)"),
        "{}",
        r.stderr
    );
    // Before approval a stale review is no error (the post is still being
    // written), but the plan shows it.
    cal.ok(&["check"]);
    let plan = cal.ok(&["plan", "week", "2026-W49", "--format", "json"]);
    assert!(plan.stdout.contains("\"stale\""), "{}", plan.stdout);

    cal.ok(&["review", "uro-check", "--by", "dr-uro"]);
    cal.ok(&["approve", "uro-check", "--by", "lead"]);
    cal.ok(&["check"]);
    // Once approved, a stale review is an error.
    cal.replace(POSTS, "and bladder", "and kidneys");
    let r = cal.run(&["check"]);
    assert_eq!(r.code, 1);
    assert!(
        r.all().contains("the medical review of post `uro-check`"),
        "{}",
        r.stderr
    );
    assert!(
        r.all().contains("the approval of post `uro-check`"),
        "{}",
        r.stderr
    );
}

/// Another post's error does not concern this approval: it goes through.
#[test]
fn approve_is_not_blocked_by_other_posts_errors() {
    let cal = Cal::new();
    cal.replace(
        POSTS,
        "channels = [\"facebook\"]\nstatus = \"approved\"",
        "channels = [\"facebok\"]\nstatus = \"approved\"",
    );
    let r = cal.run(&["approve", "info-parking", "--by", "lead"]);
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(
        r.stdout.contains("approved `info-parking` by `lead`"),
        "{}",
        r.all()
    );
    assert!(!r.all().contains("unknown-channel"), "{}", r.all());
}

/// The post's own errors block its approval, and nothing is written.
#[test]
fn approve_is_blocked_by_the_posts_own_errors() {
    let cal = Cal::new();
    cal.replace(
        POSTS,
        "channels = [\"facebook\"]\nstatus = \"approved\"",
        "channels = [\"facebok\"]\nstatus = \"approved\"",
    );
    let before = cal.read(POSTS);
    let r = cal.run(&["approve", "prevention-flu", "--by", "lead"]);
    assert_eq!(r.code, 1);
    assert!(r.all().contains("error[unknown-channel]"), "{}", r.stderr);
    assert!(
        r.stderr.ends_with(
            "edcal: post `prevention-flu` has 1 error; nothing approved (its errors block `approve`: fix them first)\n"
        ),
        "{}",
        r.stderr
    );
    assert_eq!(cal.read(POSTS), before);
}

#[test]
fn sealed_approvals_make_hand_written_approvals_an_error_at_check() {
    let cal = Cal::new();
    cal.ok(&["approve", "info-parking", "--by", "lead"]);
    cal.ok(&["schedule", "--write"]);
    let export =
        |cal: &Cal| cal.run(&["export", "csv", "--for", "generic", "--channel", "facebook"]);
    let r = export(&cal);
    assert!(r.stdout.contains("prevention-flu"), "{}", r.stdout);
    assert!(r.stdout.contains("info-parking"), "{}", r.stdout);

    cal.replace(
        "edcal.toml",
        "sealed_approvals = false",
        "sealed_approvals = true",
    );
    // `check` says so, not only the export: the hand-written approval is an
    // error, which blocks the export as every error does.
    let r = cal.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(
        r.all().contains(
            "error[unsealed-approval]: the approval of post `prevention-flu` by `lead` has no digest"
        ),
        "{}",
        r.all()
    );
    assert!(
        r.all()
            .contains("run `edcal approve prevention-flu --by lead`"),
        "{}",
        r.all()
    );
    assert!(!r.all().contains("info-parking"), "{}", r.all());
    let r = export(&cal);
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(!r.stdout.contains("prevention-flu"), "{}", r.stdout);
    // The plan still shows the week, the post flagged.
    let plan = cal.run(&["plan", "week", "2026-W49", "--format", "json"]);
    assert!(plan.stdout.contains("\"unsealed\""), "{}", plan.stdout);

    cal.ok(&["approve", "prevention-flu", "--by", "lead"]);
    let r = export(&cal);
    assert!(r.stdout.contains("prevention-flu"), "{}", r.stdout);
    assert!(r.stdout.contains("info-parking"), "{}", r.stdout);
}

#[test]
fn a_stale_approval_is_due_again() {
    let cal = Cal::new();
    cal.ok(&["approve", "info-parking", "--by", "lead"]);
    cal.replace(
        "edcal.toml",
        "approve_days_before = 2",
        "approve_days_before = 10",
    );
    cal.replace(
        POSTS,
        "opens on Monday.\n\"\"\"",
        "opens on Tuesday.\n\"\"\"",
    );
    let r = cal.run(&["check"]);
    assert!(
        r.all().contains("post `info-parking` goes out in 7 days (2026-12-02 12:30 on `facebook`) and its content changed since it was approved or reviewed"),
        "{}",
        r.stderr
    );
}

#[test]
fn a_freeze_changes_check_plan_schedule_and_export_together() {
    let cal = Cal::new();
    cal.ok(&["approve", "info-parking", "--by", "lead"]);
    let csv = |cal: &Cal| cal.run(&["export", "csv", "--for", "generic", "--channel", "facebook"]);
    let plan = |cal: &Cal| {
        cal.ok(&["plan", "week", "2026-W49", "--format", "json"])
            .stdout
    };

    // Before: the facebook export has both posts, nothing is frozen.
    let before_csv = csv(&cal);
    assert!(
        before_csv.stdout.contains("info-parking"),
        "{}",
        before_csv.stdout
    );
    let r = cal.ok(&["schedule", "--format", "json"]);
    assert!(
        r.stdout.contains("\"post\": \"prevention-flu\""),
        "{}",
        r.stdout
    );
    assert!(!plan(&cal).contains("\"frozen\""));

    // The freeze: one command, one file.
    let settings = cal.read("edcal.toml");
    let posts = cal.read(POSTS);
    let r = cal.ok(&[
        "freeze",
        "--from",
        "2026-12-02T08:00",
        "--to",
        "2026-12-05",
        "--why",
        "X account hacked",
    ]);
    assert!(r.stdout.starts_with("frozen from 2026-12-02 08:00 to 2026-12-06 00:00: X account hacked (no theme allowed)\n"), "{}", r.stdout);
    assert!(r.stdout.contains("held (3):\n  2026-12-02 12:30  facebook     info-parking\n  2026-12-02 19:00  instagram    info-parking\n  2026-12-03 12:30  facebook     uro-check\n"), "{}", r.stdout);
    let frozen = cal.read("edcal.toml");
    assert_eq!(
        frozen,
        format!(
            "{settings}\n[[rules.freeze]]\nfrom = 2026-12-02T08:00:00\nto = 2026-12-05\nwhy = \"X account hacked\"\n"
        )
    );
    assert_eq!(cal.read(POSTS), posts, "only edcal.toml changes");

    // check warns about each held pair.
    let r = cal.ok(&["check"]);
    assert_eq!(
        r.all().matches("warning[frozen]").count(),
        3,
        "{}",
        r.stderr
    );
    assert!(r.all().contains("`info-parking` on `instagram` at 2026-12-02 19:00 is held by the freeze \"X account hacked\""), "{}", r.stderr);
    // plan shows the freeze and flags the posts.
    let p = plan(&cal);
    assert!(p.contains("\"kind\": \"freeze\""), "{p}");
    assert_eq!(p.matches("\"frozen\"").count(), 3, "{p}");
    // schedule does not place into the window.
    let r = cal.run(&["schedule", "--format", "json"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stdout
            .contains("\"unplaced\": [\n    {\n      \"post\": \"prevention-flu\""),
        "{}",
        r.stdout
    );
    // export leaves the frozen pairs out and says why: counted by reason,
    // listed one by one with --verbose.
    let r = csv(&cal);
    assert!(!r.stdout.contains("info-parking"), "{}", r.stdout);
    assert!(
        r.all()
            .contains("pair: frozen (X account hacked) and not on an allowed theme"),
        "{}",
        r.stderr
    );
    let r = cal.run(&[
        "export",
        "csv",
        "--for",
        "generic",
        "--channel",
        "facebook",
        "--verbose",
    ]);
    assert!(
        r.all().contains("info-parking: frozen (X account hacked)"),
        "{}",
        r.stderr
    );

    // An allowed theme goes out: all of a post's themes must be allowed.
    cal.write("edcal.toml", &settings);
    cal.ok(&[
        "freeze",
        "--from",
        "2026-12-02",
        "--to",
        "2026-12-05",
        "--why",
        "X account hacked",
        "--allow-theme",
        "info-patients",
    ]);
    let r = cal.ok(&["check"]);
    assert_eq!(
        r.all().matches("warning[frozen]").count(),
        1,
        "{}",
        r.stderr
    );
    assert!(
        r.all().contains("`uro-check` on `facebook`"),
        "{}",
        r.stderr
    );
    assert!(csv(&cal).stdout.contains("info-parking"));
}

#[test]
fn freeze_refuses_nonsense_and_writes_nothing() {
    let cal = Cal::new();
    let settings = cal.read("edcal.toml");
    for (args, message) in [
        (
            vec!["--from", "2026-12-05", "--to", "2026-12-02", "--why", "x"],
            "the window ends (2026-12-03 00:00) before it starts (2026-12-05 00:00)",
        ),
        (
            vec!["--from", "2026-12-02", "--to", "2026-12-05", "--why", "  "],
            "--why is empty",
        ),
        (
            vec![
                "--from",
                "2026-12-02",
                "--to",
                "2026-12-05",
                "--why",
                "x",
                "--allow-theme",
                "info-patient",
            ],
            "unknown theme `info-patient`; did you mean `info-patients`?",
        ),
        (
            vec!["--from", "tomorrow", "--to", "2026-12-05", "--why", "x"],
            "`tomorrow` is neither a day",
        ),
    ] {
        let mut all = vec!["freeze"];
        all.extend(args);
        let r = cal.run(&all);
        assert_eq!(r.code, 2, "{all:?}");
        assert!(r.all().contains(message), "{all:?}: {}", r.stderr);
    }
    assert_eq!(cal.read("edcal.toml"), settings);
}

/// Regression: `approve` used to append `approval` after the post's other
/// keys, so a team whose CI runs `edcal fmt --check` (examples/ci) failed
/// after every approval. New keys now go at their canonical place.
#[test]
fn approving_and_reviewing_keep_the_file_canonical() {
    let cal = Cal::new();
    cal.ok(&["fmt"]);
    cal.ok(&["review", "uro-check", "--by", "dr-uro"]);
    cal.ok(&["approve", "uro-check", "--by", "lead"]);
    let r = cal.run(&["fmt", "--check"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let text = cal.read(POSTS);
    let approval = text.find("approval = {").unwrap();
    let review = text.find("medical_review = {").unwrap();
    let status = text.find("status = \"approved\"").unwrap();
    assert!(status < approval && approval < review, "{text}");
}

/// `[export.utm]` tags the link in what goes out, but the seal covers the
/// link as written: adding the tags leaves a sealed approval current.
#[test]
fn utm_tags_do_not_make_a_sealed_approval_stale() {
    let cal = Cal::new();
    cal.ok(&["approve", "info-parking", "--by", "lead"]);
    cal.ok(&["check"]);
    let settings = cal.read("edcal.toml");
    cal.write(
        "edcal.toml",
        &format!("{settings}\n[export.utm]\nsource = \"{{network}}\"\nmedium = \"social\"\n"),
    );
    cal.ok(&["check"]);
    let r = cal.ok(&["export", "csv", "--for", "generic", "--channel", "facebook"]);
    assert!(
        r.stdout
            .contains("https://example.org/parking?utm_source=facebook&utm_medium=social"),
        "{}",
        r.stdout
    );
}

#[test]
fn an_approval_covers_a_repeating_posts_own_dates() {
    let cal = Cal::new();
    let posts = "posts/weekly.toml";
    cal.write(
        posts,
        "[[post]]\nid = \"conseil\"\ntitle = \"Conseil\"\nchannels = [\"facebook\"]\n\
         status = \"draft\"\nat = 2026-12-02T12:30:00\nrepeat = { every = \"week\", count = 4 }\n\
         text = \"Le conseil de la semaine.\"\n\n\
         [[post.occurrence]]\non = 2026-12-09\ntext = \"Le conseil grippe.\"\n",
    );
    cal.ok(&["approve", "conseil", "--by", "lead"]);
    cal.ok(&["check"]);
    // Editing one date's own text makes the approval stale.
    cal.replace(posts, "Le conseil grippe.", "Le conseil grippe, revu.");
    let r = cal.run(&["check"]);
    assert_eq!(r.code, 1, "{}", r.all());
    assert!(
        r.all().contains("the approval of post `conseil` by `lead` on 2026-11-25 no longer matches: text changed on `facebook`"),
        "{}",
        r.all()
    );
    cal.ok(&["approve", "conseil", "--by", "lead"]);
    // Giving a date its own link too.
    cal.replace(
        posts,
        "text = \"Le conseil grippe, revu.\"",
        "text = \"Le conseil grippe, revu.\"\nlink = \"https://example.org/grippe\"",
    );
    let r = cal.run(&["check"]);
    assert!(
        r.all().contains("link changed on `facebook`"),
        "{}",
        r.all()
    );
    cal.ok(&["approve", "conseil", "--by", "lead"]);
    // Skipping a date publishes less, nothing new: the approval holds.
    let text = cal.read(posts);
    cal.write(
        posts,
        &format!("{text}\n[[post.occurrence]]\non = 2026-12-23\nskip = true\n"),
    );
    cal.ok(&["check"]);
}

#[test]
fn the_example_calendars_sealed_approvals_still_hold() {
    let out = crate::support::edcal()
        .args(["--calendar", repo_path("calendar").to_str().unwrap()])
        .args(["--today", "2026-11-25", "check", "--format", "json"])
        .output()
        .unwrap();
    let run = Run::from(out);
    let findings: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let stale: Vec<_> = findings
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "stale-approval")
        .collect();
    assert!(stale.is_empty(), "{stale:?}");
    let sealed = std::fs::read_to_string(repo_path("calendar/posts/2026-12.toml")).unwrap()
        + &std::fs::read_to_string(repo_path("calendar/posts/2026-11.toml")).unwrap();
    assert!(sealed.contains("digest = \"v1:"), "the example has seals");
}

#[test]
fn the_review_sheet_shows_a_repeating_posts_own_dates() {
    let cal = Cal::new();
    cal.write(
        "posts/weekly.toml",
        "[[post]]\nid = \"conseil-uro\"\ntitle = \"Conseil uro\"\nthemes = [\"urologie\"]\n\
         channels = [\"facebook\"]\nstatus = \"review\"\nat = 2026-12-02T12:30:00\n\
         repeat = { every = \"week\", count = 3 }\ntext = \"Buvez de l'eau.\"\n\n\
         [[post.occurrence]]\non = 2026-12-09\ntext = \"Le dépistage du cancer de la prostate.\"\n\n\
         [[post.occurrence]]\non = 2026-12-16\nskip = true\n",
    );
    let out = cal.root.join("sheet.html");
    cal.ok(&[
        "review-sheet",
        "--by",
        "dr-uro",
        "-o",
        out.to_str().unwrap(),
    ]);
    let html = fs::read_to_string(out).unwrap();
    assert!(
        html.contains("Buvez de l&#39;eau.") || html.contains("Buvez de l'eau."),
        "{html}"
    );
    assert!(html.contains("data-on=\"2026-12-09\""), "{html}");
    assert!(
        html.contains("Le dépistage du cancer de la prostate."),
        "{html}"
    );
    // A skipped date publishes nothing: nothing to review.
    assert!(!html.contains("data-on=\"2026-12-16\""), "{html}");
}
