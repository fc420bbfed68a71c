//! The lifecycle commands (`new post`, `submit`, `review`, `approve`,
//! `reject`, `note`, `published`, `cancel`, `milestone`): every refusal
//! leaves every file byte for byte as it was, several posts change together
//! or not at all, and a second publication of a channel replaces the first.
//! The step-by-step walk with the files after each step is in
//! `tests/cmd/life-*`.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{Run, edcal, files_under, temp_copy};

const TODAY: &str = "2026-12-05";
const POST: &str = "semaine-du-rein-le-depistage-en-pratique";

fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    files_under(dir)
        .into_iter()
        .map(|f| {
            let bytes = std::fs::read(dir.join(&f)).unwrap();
            (f, bytes)
        })
        .collect()
}

fn run(dir: &Path, args: &[&str]) -> Run {
    edcal()
        .args(["--calendar"])
        .arg(dir)
        .args(["--today", TODAY])
        .args(args)
        .env_remove("EDCAL_AS")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .output()
        .unwrap()
        .into()
}

#[test]
fn every_refusal_leaves_every_file_as_it_was() {
    let cases: &[(&str, &[&str], i32)] = &[
        (
            "life-1-new.in",
            &["submit", "sdr-stnad", "--by", "theo-editor"],
            2,
        ),
        (
            "life-1-new.in",
            &["note", "sdr-stand", "x", "--by", "claire-led"],
            2,
        ),
        (
            "life-1-new.in",
            &["note", "sdr-stand", "  ", "--by", "claire-lead"],
            2,
        ),
        ("life-1-new.in", &["note", "sdr-stand", "x"], 2),
        (
            "life-2-submit.out",
            &["approve", "sdr-stand", "--by", "theo-editor"],
            1,
        ),
        (
            "life-2-submit.out",
            &["approve", POST, "--by", "claire-lead"],
            1,
        ),
        // One post refused: the other is not approved either.
        (
            "life-2-submit.out",
            &["approve", "sdr-stand", POST, "--by", "claire-lead"],
            1,
        ),
        (
            "life-2-submit.out",
            &["review", POST, "--by", "claire-lead"],
            1,
        ),
        (
            "life-1-new.in",
            &["submit", "sdr-idee", "sdr-stand", "--by", "theo-editor"],
            1,
        ),
        (
            "life-1-new.in",
            &["submit", "sdr-stand", "--by", "dr-nephro"],
            1,
        ),
        (
            "life-1-new.in",
            &[
                "new",
                "post",
                "--title",
                "Visuel",
                "--channel",
                "instagram",
                "--text",
                "Bientôt",
                "--status",
                "draft",
            ],
            1,
        ),
        (
            "life-1-new.in",
            &[
                "new",
                "post",
                "--title",
                "Visuel",
                "--channel",
                "facebook",
                "--media",
                "media/absent.png",
                "--on",
                "2027-04-02",
            ],
            1,
        ),
        (
            "life-1-new.in",
            &[
                "new",
                "post",
                "--title",
                "Heure d'été",
                "--channel",
                "facebook",
                "--at",
                "2027-03-28T02:30",
            ],
            1,
        ),
        (
            "life-1-new.in",
            &["new", "post", "--title", "T", "--channel", "facebok"],
            2,
        ),
        (
            "life-1-new.in",
            &[
                "new",
                "post",
                "--title",
                "T",
                "--channel",
                "facebook",
                "--owner",
                "theo",
            ],
            2,
        ),
        (
            "life-5-approve.out",
            &[
                "published",
                POST,
                "--channel",
                "linkedin",
                "--url",
                "https://l.example/1",
                "--by",
                "theo-editor",
            ],
            1,
        ),
        (
            "life-5-approve.out",
            &[
                "published",
                POST,
                "--channel",
                "facebook",
                "--url",
                "ftp://f.example/1",
                "--by",
                "theo-editor",
            ],
            2,
        ),
        (
            "life-5-approve.out",
            &[
                "published",
                POST,
                "--channel",
                "facebook",
                "--url",
                "https://f.example/1",
                "--by",
                "fred-freelance",
            ],
            1,
        ),
        (
            "life-1-new.in",
            &[
                "published",
                "sdr-stand",
                "--channel",
                "facebook",
                "--url",
                "https://f.example/1",
                "--by",
                "theo-editor",
            ],
            1,
        ),
        (
            "life-1-new.in",
            &["reject", "sdr-stand", "--why", "x", "--by", "claire-lead"],
            1,
        ),
        (
            "life-2-submit.out",
            &["reject", "sdr-stand", "--why", "x", "--by", "theo-editor"],
            1,
        ),
        (
            "life-1-new.in",
            &["cancel", "sdr-idee", "--why", "x", "--by", "theo-editor"],
            1,
        ),
        (
            "life-10-cancel.in",
            &["cancel", POST, "--why", "x", "--by", "claire-lead"],
            1,
        ),
        (
            "life-10-cancel.out",
            &["cancel", "sdr-idee", "--why", "x", "--by", "claire-lead"],
            1,
        ),
        (
            "life-1-new.in",
            &[
                "milestone",
                "semaine-du-rein-2027",
                "2",
                "--done",
                "--by",
                "fred-freelance",
            ],
            1,
        ),
        (
            "life-1-new.in",
            &[
                "milestone",
                "semaine-du-rein-2027",
                "3",
                "--done",
                "--by",
                "claire-lead",
            ],
            2,
        ),
        (
            "life-1-new.in",
            &[
                "milestone",
                "semaine-du-rein-2027",
                "affiche",
                "--done",
                "--by",
                "dr-nephro",
            ],
            1,
        ),
        (
            "life-1-new.in",
            &[
                "milestone",
                "semaine-du-rein-2026",
                "1",
                "--done",
                "--by",
                "claire-lead",
            ],
            2,
        ),
    ];
    for (fixture, args, code) in cases {
        let dir = temp_copy(&format!("tests/cmd/{fixture}"));
        let before = snapshot(dir.path());
        let r = run(dir.path(), args);
        assert_eq!(r.code, *code, "{args:?} on {fixture}: {}", r.all());
        assert!(
            r.stdout.is_empty() || *code == 0,
            "{args:?}: a refusal prints on stderr only: {}",
            r.stdout
        );
        assert_eq!(
            snapshot(dir.path()),
            before,
            "{args:?} on {fixture} changed a file: {}",
            r.all()
        );
    }
}

#[test]
fn a_second_publication_of_a_channel_replaces_the_first() {
    let dir = temp_copy("tests/cmd/life-8-published.in");
    let r = run(
        dir.path(),
        &[
            "published",
            POST,
            "--channel",
            "facebook",
            "--url",
            "https://www.facebook.com/cliniquedestests/posts/1002",
            "--at",
            "2027-03-10T12:40",
            "--by",
            "claire-lead",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.all());
    assert_eq!(
        r.stdout,
        format!(
            "published `{POST}` on `facebook` at 2027-03-10 12:40 (posts/2027-03.toml): https://www.facebook.com/cliniquedestests/posts/1002\nreplaces: https://www.facebook.com/cliniquedestests/posts/1001\nstill to record: `instagram`\n"
        )
    );
    let text = std::fs::read_to_string(dir.path().join("posts/2027-03.toml")).unwrap();
    assert_eq!(
        text.matches("[post.published.facebook]").count(),
        1,
        "{text}"
    );
    assert!(text.contains("[post.published.facebook]\nurl = \"https://www.facebook.com/cliniquedestests/posts/1002\"\nat = 2027-03-10T12:40:00\n"), "{text}");
}

#[test]
fn approve_takes_several_posts_at_once_and_the_files_stay_clean() {
    let dir = temp_copy("tests/cmd/life-3-review.out");
    let r = run(
        dir.path(),
        &["approve", "sdr-stand", POST, "--by", "claire-lead"],
    );
    assert_eq!(r.code, 0, "{}", r.all());
    assert_eq!(
        r.stdout.matches("status: `review` -> `approved`").count(),
        2,
        "{}",
        r.stdout
    );
    let check = run(dir.path(), &["check"]);
    assert_eq!(check.code, 0, "{}", check.all());
    let fmt = run(dir.path(), &["fmt", "--check"]);
    assert_eq!(fmt.code, 0, "{}", fmt.all());
}

#[test]
fn who_acts_comes_from_edcal_as_then_from_git_email() {
    let dir = temp_copy("tests/cmd/life-1-new.in");
    let r: Run = edcal()
        .args(["--calendar"])
        .arg(dir.path())
        .args(["--today", TODAY, "note", "sdr-stand", "Par EDCAL_AS"])
        .env("EDCAL_AS", "dr-nephro")
        .output()
        .unwrap()
        .into();
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(r.stdout.contains("by `dr-nephro`"), "{}", r.stdout);
    let r: Run = edcal()
        .args(["--calendar"])
        .arg(dir.path())
        .args(["--today", TODAY, "note", "sdr-stand", "Par git"])
        .env_remove("EDCAL_AS")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_COUNT", "1")
        .env("GIT_CONFIG_KEY_0", "user.email")
        .env("GIT_CONFIG_VALUE_0", "Claire@Clinique.example")
        .output()
        .unwrap()
        .into();
    assert_eq!(r.code, 0, "{}", r.all());
    assert!(r.stdout.contains("by `claire-lead`"), "{}", r.stdout);
}
