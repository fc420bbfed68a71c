//! `edcal review-sheet`: the digest printed on the sheet is the one `edcal
//! review` seals, so a signed sheet names what was validated; what the
//! sheet lists; and the usage errors.

use crate::support::{Run, edcal, temp_copy};

/// The `data-digest` of each post of a sheet, in order.
fn digests(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut post = None;
    for piece in html.split(" data-").skip(1) {
        let value = |p: &str| p.split('"').nth(1).unwrap_or_default().to_owned();
        if piece.starts_with("post=") {
            post = Some(value(piece));
        } else if piece.starts_with("digest=") {
            out.push((post.clone().unwrap(), value(piece)));
        }
    }
    out
}

fn sheet(root: &std::path::Path, args: &[&str]) -> (Run, String) {
    let out = tempfile::tempdir().unwrap();
    let page = out.path().join("sheet.html");
    let run: Run = edcal()
        .arg("--calendar")
        .arg(root)
        .args(["--today", "2026-11-25", "review-sheet"])
        .args(args)
        .arg("-o")
        .arg(&page)
        .output()
        .unwrap()
        .into();
    let html = std::fs::read_to_string(&page).unwrap_or_default();
    (run, html)
}

#[test]
fn the_digest_on_paper_is_the_one_review_seals() {
    let cal = temp_copy("calendar");
    let (run, html) = sheet(cal.path(), &["--by", "dr-benhamou"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let listed = digests(&html);
    let summary = format!(
        "edcal: review sheet for `dr-benhamou`: {} posts, written to ",
        listed.len()
    );
    assert!(
        run.stderr.starts_with(&summary) && run.stderr.ends_with("sheet.html\n"),
        "{}",
        run.stderr
    );
    assert!(listed.len() >= 2, "{listed:?}");
    for (post, digest) in &listed {
        assert!(digest.starts_with("v1:"), "{digest}");
        let review: Run = edcal()
            .arg("--calendar")
            .arg(cal.path())
            .args([
                "--today",
                "2026-11-25",
                "review",
                post,
                "--by",
                "dr-benhamou",
            ])
            .output()
            .unwrap()
            .into();
        assert_eq!(review.code, 0, "{}", review.all());
        assert!(
            review.stdout.contains(&format!("\nsealed: {digest}\n")),
            "{post}: the sheet says {digest}, review sealed:\n{}",
            review.stdout
        );
    }
    // Reviewed now: nothing waits, and `--all` shows them as current.
    let (run, html) = sheet(cal.path(), &["--by", "dr-benhamou"]);
    assert_eq!(run.code, 0);
    assert!(digests(&html).is_empty());
    assert!(html.contains("Aucune publication n'attend de relecture pour cette période."));
    let (_, all) = sheet(cal.path(), &["--by", "dr-benhamou", "--all"]);
    for (post, digest) in &listed {
        assert!(all.contains(&format!("data-post=\"{post}\"")), "{post}");
        assert!(all.contains(digest.as_str()));
    }
    assert!(all.contains("le contenu n'a pas changé depuis"));
}

#[test]
fn an_edit_after_the_review_puts_the_post_back_with_what_changed() {
    let cal = temp_copy("calendar");
    let (_, html) = sheet(cal.path(), &["--by", "dr-castel", "--to", "2027-12-31"]);
    let (post, before) = digests(&html).into_iter().next().unwrap();
    let review = edcal()
        .arg("--calendar")
        .arg(cal.path())
        .args([
            "--today",
            "2026-11-25",
            "review",
            &post,
            "--by",
            "dr-castel",
        ])
        .output()
        .unwrap();
    assert!(review.status.success());
    let (_, html) = sheet(cal.path(), &["--by", "dr-castel", "--to", "2027-12-31"]);
    assert!(!html.contains(&format!("data-post=\"{post}\"")));
    // A comma in the text: back on the sheet, with another digest.
    let file = std::fs::read_dir(cal.path().join("posts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| {
            p.is_file()
                && std::fs::read_to_string(p)
                    .unwrap()
                    .contains(&format!("id = \"{post}\""))
        })
        .unwrap();
    let text = std::fs::read_to_string(&file).unwrap();
    let at = text.find(&format!("id = \"{post}\"")).unwrap();
    let t = at + text[at..].find("text = \"\"\"\n").unwrap() + 11;
    let edited = format!("{}Modifié, {}", &text[..t], &text[t..]);
    std::fs::write(&file, edited).unwrap();
    let (_, html) = sheet(cal.path(), &["--by", "dr-castel", "--to", "2027-12-31"]);
    let after = digests(&html)
        .into_iter()
        .find(|(p, _)| *p == post)
        .map(|(_, d)| d)
        .expect("back on the sheet");
    assert_ne!(after, before);
    assert!(html.contains("à refaire : le contenu a changé depuis (texte modifié sur "));
}

#[test]
fn only_a_physician_gets_a_sheet_and_the_period_must_be_a_period() {
    let cal = temp_copy("examples/minimal");
    let run: Run = edcal()
        .arg("--calendar")
        .arg(cal.path())
        .args(["review-sheet", "--by", "lead"])
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: `lead` is a lead, and only a physician reviews (members with `role = \"physician\"`: none in edcal.toml)\n"
    );
    let run: Run = edcal()
        .args(["review-sheet", "--by", "dr-marti"])
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: unknown member `dr-marti`; did you mean `dr-marty`? (the physicians are `dr-benhamou`, `dr-castel`, `dr-marty`)\n"
    );
    let run: Run = edcal()
        .args([
            "review-sheet",
            "--by",
            "dr-marty",
            "--from",
            "2026-12-01",
            "--to",
            "2026-11-01",
        ])
        .output()
        .unwrap()
        .into();
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "error: `--to 2026-11-01` is before `--from 2026-12-01`: the period would be empty\n"
    );
}
