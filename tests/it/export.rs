//! `edcal export`: the real binary on fixture calendars; every CSV is read
//! back with the `csv` crate and compared with the plan, the iCalendar file
//! is checked line by line.
//!
//! `examples/exports/` holds every export of the example calendar; the
//! `examples_are_up_to_date` test compares them byte for byte. After a
//! deliberate change, regenerate them with
//! `EDCAL_BLESS=1 cargo test --test it export::examples_are_up_to_date`.

use std::fmt::Write as _;
use std::path::Path;
use std::process::{Command, Output};

use crate::support::{files_under, repo_path, temp_copy, text};

const FIXTURE: &str = "tests/fixtures/export";
const EXAMPLE_TODAY: &str = "2026-11-25";
/// The upload time of the example exports (`--now`), for the lead times.
const EXAMPLE_NOW: &str = "2026-11-25T09:00";

/// The binary, run from the repository's folder.
fn edcal(args: &[&str]) -> Output {
    crate::support::edcal()
        .args(args)
        .output()
        .expect("edcal runs")
}

fn stderr(out: &Output) -> String {
    text(&out.stderr)
}

/// The records of a CSV file, header included.
fn records(bytes: &[u8]) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(false)
        .from_reader(bytes)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

fn export_fixture(dir: &Path, extra: &[&str]) -> Output {
    let out_dir = dir.to_str().unwrap();
    let mut args = vec![
        "export",
        "csv",
        "--calendar",
        FIXTURE,
        "--today",
        "2026-12-01",
        "--now",
        "2026-12-01T00:00",
        "--out-dir",
        out_dir,
    ];
    args.extend_from_slice(extra);
    edcal(&args)
}

#[test]
fn csv_rows_match_the_plan() {
    let dir = tempfile::tempdir().unwrap();
    let out = export_fixture(dir.path(), &[]);
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let read = |name: &str| std::fs::read(dir.path().join(name)).unwrap();
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(
        names,
        ["fb.csv", "insta.csv", "li.csv", "tk.csv", "web.csv"]
    );

    let text = "Bonjour, voici nos horaires d'hiver.\n\n#Horaires";
    let link = "https://example.org/horaires";
    let in_text = format!("{text}\n{link}");

    // Hootsuite: no header, date-time, text, link column.
    assert_eq!(
        records(&read("fb.csv")),
        [
            vec!["02/12/2026 12:30", text, link],
            vec!["06/12/2026 10:00", "Premier du créneau.", ""],
            vec![
                "08/12/2026 12:30",
                "+33 5 61 00 00 00 : le standard répond 24 h/24.",
                ""
            ],
            vec![
                "10/12/2026 13:00",
                "Information pratique pendant le gel.",
                ""
            ],
        ]
    );
    // Buffer: exact header, no link column (the link ends the text).
    assert_eq!(
        records(&read("insta.csv")),
        [
            vec!["Text", "Image URL", "Tags", "Posting Time"],
            vec![
                &in_text,
                "https://cdn.example.org/horaires.jpg",
                "",
                "2026-12-02 12:30"
            ],
        ]
    );
    // Sprout: the variant's text, the link in it.
    assert_eq!(
        records(&read("li.csv")),
        [
            vec!["date", "time_24hr", "message_text"],
            vec![
                "02/12/2026",
                "12:30",
                "Nos horaires d'hiver, pour les professionnels.\n\n#Horaires\nhttps://example.org/horaires",
            ],
            vec!["07/12/2026", "08:00", "Premier message LinkedIn."],
        ]
    );
    // Publer: twelve columns; with media, the link stays in the text.
    let publer = records(&read("tk.csv"));
    assert_eq!(publer.len(), 2);
    assert!(publer.iter().all(|r| r.len() == 12));
    assert_eq!(publer[0][0], "Date - Intl. format or prompt");
    assert_eq!(
        publer[0][11],
        "Reminder - For stories, reels, shorts, and TikToks"
    );
    assert_eq!(
        publer[1],
        [
            "2026/12/02 12:30",
            &in_text,
            "",
            "https://cdn.example.org/horaires.jpg",
            "",
            "",
            "Affiche des horaires",
            "",
            "",
            "",
            "",
            ""
        ]
    );
    // Generic: RFC 3339 times, texts as approved (no protective `'`).
    let generic = records(&read("web.csv"));
    assert_eq!(
        generic[0],
        [
            "channel", "network", "post", "at_utc", "at_local", "text", "link", "media", "hashtags"
        ]
    );
    assert_eq!(
        generic[1],
        [
            "web",
            "other",
            "ok",
            "2026-12-02T11:30:00Z",
            "2026-12-02T12:30:00+01:00",
            text,
            link,
            "https://cdn.example.org/horaires.jpg",
            "Horaires"
        ]
    );
    assert_eq!(
        generic[2][5],
        "+33 5 61 00 00 00 : le standard répond 24 h/24."
    );
    assert_eq!(
        generic[3][5],
        "- consultations le matin\n- examens l'après-midi"
    );

    // Bytes: CRLF record ends, UTF-8 without BOM.
    for name in &names {
        let bytes = read(name);
        assert!(!bytes.starts_with(&[0xEF, 0xBB, 0xBF]), "{name} has a BOM");
        assert!(bytes.ends_with(b"\r\n"), "{name}");
        std::str::from_utf8(&bytes).unwrap();
    }
}

/// Regression: every idea and draft was listed on its own line, burying the
/// pairs the lead must act on.
#[test]
fn pairs_waiting_their_turn_are_counted_and_those_to_act_on_listed() {
    let dir = tempfile::tempdir().unwrap();
    let err = stderr(&export_fixture(dir.path(), &[]));
    for listed in [
        "skipped fb         2026-12-03 18:00 sans-approbation: no approval by a lead",
        "skipped fb         2026-12-04 18:00 sans-relecture: theme `uro` needs a physician's review",
    ] {
        assert!(err.contains(listed), "missing {listed:?} in\n{err}");
    }
    for counted in ["brouillon:", "gele:", "sans-heure:"] {
        assert!(!err.contains(counted), "{counted:?} listed in\n{err}");
    }
    for summary in [
        "skipped 1 pair: status `draft`, not approved",
        "skipped 1 pair: frozen (Compte piraté) and not on an allowed theme",
        "skipped 1 pair: no time yet (`edcal schedule` places it)",
        "(`--verbose` lists the skipped pairs one by one)",
    ] {
        assert!(err.contains(summary), "missing {summary:?} in\n{err}");
    }
}

#[test]
fn gates_and_limits_are_listed_one_line_per_pair() {
    let dir = tempfile::tempdir().unwrap();
    let out = export_fixture(dir.path(), &["--verbose"]);
    let err = stderr(&out);
    for expected in [
        "skipped fb         2026-12-03 12:30 brouillon: status `draft`, not approved",
        "skipped fb         2026-12-03 18:00 sans-approbation: no approval by a lead",
        "skipped fb         2026-12-04 18:00 sans-relecture: theme `uro` needs a physician's review",
        "skipped fb         2026-12-10 12:00 gele: frozen (Compte piraté)",
        "skipped fb         (no time)        sans-heure: no time yet",
        "refused fb         2026-12-01 00:05 trop-tot: Hootsuite: 5 minutes after now (2026-12-01 00:00)",
        "refused fb         2026-12-04 12:32 minute-impaire: Hootsuite: minutes must be a multiple of 5",
        "refused fb         2026-12-06 10:00 creneau-b: Hootsuite: `creneau-a` is in the same minute",
        "refused insta      2026-12-03 19:00 photo-locale: Buffer: instagram publishes no text-only posts",
        "refused li         2026-12-01 00:05 trop-tot: Sprout Social: 5 minutes after now (2026-12-01 00:00); \
         a post must be at least 10 minutes after the upload",
        "refused li         2026-12-07 08:05 li-b: Sprout Social: `li-a` is at 08:00",
        "refused yt         2026-12-03 17:00 video: Buffer: youtube publishes no text-only posts",
        "left out: scoop",
        "edcal: 11 rows exported in 5 files",
        "refused web        2026-12-09 18:00 formule-lien: the generic export: \"=HYPERLINK(",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in\n{err}");
    }
    // The notes name the file where it was written.
    let note = format!(
        "note: {}: the text of `formule-plus` starts with `+`",
        dir.path().join("fb.csv").display()
    );
    assert!(err.contains(&note), "missing {note:?} in\n{err}");
    assert!(
        !err.contains("annule"),
        "cancelled posts are not part of the plan"
    );
}

/// A calendar of `n` approved posts on one channel, 5 minutes apart.
fn many_posts(dir: &Path, n: usize, network: &str) {
    std::fs::write(
        dir.join("edcal.toml"),
        "[calendar]\nname = \"N\"\ntimezone = \"Europe/Paris\"\nholidays = \"none\"\nawareness = false\n\
         [team.lea]\nname = \"Léa\"\nrole = \"lead\"\n[themes.info]\nlabel = \"Infos\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("channels.toml"),
        format!("[c]\nnetwork = \"{network}\"\n"),
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("posts")).unwrap();
    let mut posts = String::new();
    for i in 0..n {
        let day = 1 + i / 100;
        let minutes = 8 * 60 + (i % 100) * 5;
        let _ = write!(
            posts,
            "[[post]]\nid = \"p{i:03}\"\ntitle = \"P{i}\"\nthemes = [\"info\"]\nchannels = [\"c\"]\n\
             status = \"approved\"\napproval = {{ by = \"lea\", on = 2026-11-20 }}\n\
             at = 2027-01-{day:02}T{:02}:{:02}:00\ntext = \"Post {i}\"\n\n",
            minutes / 60,
            minutes % 60
        );
    }
    std::fs::write(dir.join("posts/all.toml"), posts).unwrap();
}

#[test]
fn rows_split_at_the_cap() {
    for (format, cap, network) in [("buffer", 100, "facebook"), ("hootsuite", 350, "facebook")] {
        let cal = tempfile::tempdir().unwrap();
        let out_dir = tempfile::tempdir().unwrap();
        many_posts(cal.path(), cap + 1, network);
        let out = edcal(&[
            "export",
            "csv",
            "--for",
            format,
            "--calendar",
            cal.path().to_str().unwrap(),
            "--today",
            "2026-12-01",
            "--now",
            "2026-12-01T00:00",
            "--out-dir",
            out_dir.path().to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let header = usize::from(format == "buffer");
        let first = records(&std::fs::read(out_dir.path().join("c.csv")).unwrap());
        let second = records(&std::fs::read(out_dir.path().join("c-2.csv")).unwrap());
        assert_eq!(first.len(), cap + header, "{format}");
        assert_eq!(second.len(), 1 + header, "{format}");
        let text = usize::from(format != "buffer");
        assert_eq!(first[header][text], "Post 0");
        assert_eq!(second[header][text], format!("Post {cap}"));
        assert!(!out_dir.path().join("c-3.csv").exists());
    }
}

/// Posts around the end of summer time in Paris (2026-10-25, 03:00 → 02:00).
fn dst_calendar(dir: &Path) {
    std::fs::write(
        dir.join("edcal.toml"),
        "[calendar]\nname = \"DST\"\ntimezone = \"Europe/Paris\"\nholidays = \"none\"\nawareness = false\n\
         [team.lea]\nname = \"Léa\"\nrole = \"lead\"\n[themes.info]\nlabel = \"Infos\"\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("channels.toml"),
        "[fb]\nnetwork = \"facebook\"\nexport = \"hootsuite\"\n[web]\nnetwork = \"other\"\nexport = \"generic\"\n",
    )
    .unwrap();
    std::fs::create_dir_all(dir.join("posts")).unwrap();
    let mut posts = String::new();
    for day in [24, 25, 26] {
        let _ = write!(
            posts,
            "[[post]]\nid = \"d{day}\"\ntitle = \"Jour {day}\"\nthemes = [\"info\"]\nchannels = [\"fb\", \"web\"]\n\
             status = \"approved\"\napproval = {{ by = \"lea\", on = 2026-10-01 }}\n\
             at = 2026-10-{day}T12:30:00\ntext = \"Jour {day}\"\n\n"
        );
    }
    std::fs::write(dir.join("posts/oct.toml"), posts).unwrap();
}

#[test]
fn a_week_across_the_end_of_summer_time_keeps_wall_clock_times() {
    let cal = tempfile::tempdir().unwrap();
    dst_calendar(cal.path());
    let cal_dir = cal.path().to_str().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    let run = |extra: &[&str], dir: &Path| {
        let mut args = vec![
            "export",
            "csv",
            "--calendar",
            cal_dir,
            "--today",
            "2026-10-20",
            "--now",
            "2026-10-20T00:00",
            "--out-dir",
        ];
        args.push(dir.to_str().unwrap());
        args.extend_from_slice(extra);
        let out = edcal(&args);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    };
    run(&[], out_dir.path());
    let fb = records(&std::fs::read(out_dir.path().join("fb.csv")).unwrap());
    let times: Vec<&str> = fb.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        times,
        ["24/10/2026 12:30", "25/10/2026 12:30", "26/10/2026 12:30"]
    );
    let web = records(&std::fs::read(out_dir.path().join("web.csv")).unwrap());
    let utc: Vec<(&str, &str)> = web[1..]
        .iter()
        .map(|r| (r[3].as_str(), r[4].as_str()))
        .collect();
    assert_eq!(
        utc,
        [
            ("2026-10-24T10:30:00Z", "2026-10-24T12:30:00+02:00"),
            ("2026-10-25T11:30:00Z", "2026-10-25T12:30:00+01:00"),
            ("2026-10-26T11:30:00Z", "2026-10-26T12:30:00+01:00"),
        ]
    );

    // In another zone (New York leaves summer time a week later), the
    // wall-clock times shift by an hour across the week.
    let ny = tempfile::tempdir().unwrap();
    run(
        &["--tz", "America/New_York", "--date-order", "mdy"],
        ny.path(),
    );
    let fb = records(&std::fs::read(ny.path().join("fb.csv")).unwrap());
    let times: Vec<&str> = fb.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(
        times,
        ["10/24/2026 06:30", "10/25/2026 07:30", "10/26/2026 07:30"]
    );

    let ics = edcal(&[
        "export",
        "ics",
        "--calendar",
        cal_dir,
        "--today",
        "2026-10-20",
    ]);
    let ics = String::from_utf8(ics.stdout).unwrap();
    for start in ["20261024T103000Z", "20261025T113000Z", "20261026T113000Z"] {
        assert!(ics.contains(&format!("DTSTART:{start}\r\n")), "{start}");
    }
}

#[test]
fn output_goes_to_stdout_or_one_file_and_several_files_need_a_folder() {
    let out = edcal(&[
        "export",
        "csv",
        "--calendar",
        FIXTURE,
        "--today",
        "2026-12-01",
        "--now",
        "2026-12-01T00:00",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("the selection makes 5 files"),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());

    let out = edcal(&[
        "export",
        "csv",
        "--calendar",
        FIXTURE,
        "--today",
        "2026-12-01",
        "--now",
        "2026-12-01T00:00",
        "--channel",
        "web",
        "--to",
        "2026-12-08",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(records(&out.stdout).len(), 3);

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("web.csv");
    let out = edcal(&[
        "export",
        "csv",
        "--calendar",
        FIXTURE,
        "--today",
        "2026-12-01",
        "--now",
        "2026-12-01T00:00",
        "--channel",
        "web",
        "--to",
        "2026-12-08",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(out.stdout.is_empty());
    assert_eq!(records(&std::fs::read(&file).unwrap()).len(), 3);

    let out = edcal(&["export", "csv", "--calendar", FIXTURE, "--channel", "fbb"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("unknown channel `fbb`; did you mean `fb`?"));
}

#[test]
fn a_post_with_errors_is_left_out_and_said_so() {
    let dir = tempfile::tempdir().unwrap();
    for (n, args) in [
        &["export", "csv", "--out-dir"][..],
        &["export", "ics", "-o"][..],
    ]
    .into_iter()
    .enumerate()
    {
        let target = dir.path().join(format!("out-{n}"));
        let mut args = args.to_vec();
        args.push(target.to_str().unwrap());
        args.extend([
            "--calendar",
            "tests/fixtures/export-broken",
            "--today",
            "2026-12-01",
        ]);
        let out = edcal(&args);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(&out)
                .contains("edcal: 1 post left out for errors: `faute` (run `edcal check`)\n"),
            "{}",
            stderr(&out)
        );
        assert!(out.stdout.is_empty());
    }
    let ics = std::fs::read_to_string(dir.path().join("out-1")).unwrap();
    assert!(!ics.contains("faute"), "{ics}");
    assert!(files_under(&dir.path().join("out-0")).is_empty());
}

#[test]
fn errors_in_the_settings_export_nothing() {
    let cal = crate::support::temp_copy("calendar");
    let settings = cal.path().join("edcal.toml");
    let text = std::fs::read_to_string(&settings).unwrap();
    std::fs::write(&settings, format!("colour = \"rose\"\n{text}")).unwrap();
    let target = cal.path().join("out");
    let out = edcal(&[
        "export",
        "csv",
        "--out-dir",
        target.to_str().unwrap(),
        "--calendar",
        cal.path().to_str().unwrap(),
        "--today",
        EXAMPLE_TODAY,
    ]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr(&out);
    assert!(
        err.contains("error[unknown-key]: unknown key `colour`"),
        "{err}"
    );
    assert!(
        err.ends_with("edcal: nothing goes out: edcal.toml has errors (run `edcal check`)\nedcal: nothing exported\n"),
        "{err}"
    );
    assert!(!target.exists());
}

/// One post broken (a channel mistyped): every other post's rows, in
/// every CSV file and in the iCalendar file, are the same bytes as when
/// nothing was wrong; only the broken post's are gone.
#[test]
fn an_error_in_one_post_leaves_every_other_row_as_it_was() {
    let broken = "mst26-merci";
    let cal = crate::support::temp_copy("calendar");
    let posts = cal.path().join("posts/2026-11.toml");
    let text = std::fs::read_to_string(&posts).unwrap();
    let before_edit = "id = \"mst26-merci\"\ntitle = \"Mois sans tabac : merci et bravo\"\ncampaign = \"mois-sans-tabac-2026\"\nthemes = [\"prevention\"]\nchannels = [\"facebook\", \"x\"]";
    assert!(text.contains(before_edit));
    std::fs::write(
        &posts,
        text.replace(
            before_edit,
            &before_edit.replace("\"facebook\"", "\"facebok\""),
        ),
    )
    .unwrap();

    let dir = tempfile::tempdir().unwrap();
    let export = |calendar: &Path, name: &str| -> (std::path::PathBuf, String) {
        let target = dir.path().join(name);
        let csv = target.join("csv");
        let out = edcal(&[
            "export",
            "csv",
            "--for",
            "generic",
            "--out-dir",
            csv.to_str().unwrap(),
            "--calendar",
            calendar.to_str().unwrap(),
            "--today",
            EXAMPLE_TODAY,
        ]);
        let mut err = stderr(&out);
        assert!(matches!(out.status.code(), Some(0 | 1)), "{err}");
        let own = target.join("own");
        let out = edcal(&[
            "export",
            "csv",
            "--out-dir",
            own.to_str().unwrap(),
            "--calendar",
            calendar.to_str().unwrap(),
            "--today",
            EXAMPLE_TODAY,
        ]);
        err.push_str(&stderr(&out));
        let ics = target.join("plan.ics");
        let out = edcal(&[
            "export",
            "ics",
            "--no-history",
            "-o",
            ics.to_str().unwrap(),
            "--calendar",
            calendar.to_str().unwrap(),
            "--today",
            EXAMPLE_TODAY,
        ]);
        err.push_str(&stderr(&out));
        (target, err)
    };
    let (good, _) = export(&repo_path("calendar"), "good");
    let (bad, err) = export(cal.path(), "bad");
    assert_eq!(
        err.matches("edcal: 1 post left out for errors: `mst26-merci` (run `edcal check`)\n")
            .count(),
        3,
        "{err}"
    );

    // Generic CSV: the rows of every file, but the broken post's.
    let files = files_under(&good.join("csv"));
    assert_eq!(files, files_under(&bad.join("csv")));
    let mut gone = 0;
    for file in &files {
        let was = records(&std::fs::read(good.join("csv").join(file)).unwrap());
        let now = records(&std::fs::read(bad.join("csv").join(file)).unwrap());
        let post = was[0].iter().position(|h| h == "post").unwrap();
        let kept: Vec<Vec<String>> = was.iter().filter(|r| r[post] != broken).cloned().collect();
        gone += was.len() - kept.len();
        assert_eq!(now, kept, "{file}");
    }
    assert_eq!(gone, 2, "the broken post had a row on facebook and on x");

    // Each channel's own format: the files of the channels it is not on
    // are the same bytes.
    for file in files_under(&good.join("own")) {
        if file.starts_with("facebook") || file.starts_with('x') {
            continue;
        }
        assert!(
            std::fs::read(good.join("own").join(&file)).unwrap()
                == std::fs::read(bad.join("own").join(&file)).unwrap(),
            "{file} changed"
        );
    }

    // iCalendar: the same events, but the broken post's.
    let events = |path: &Path| -> Vec<String> {
        let text = std::fs::read_to_string(path).unwrap();
        text.split("BEGIN:VEVENT")
            .skip(1)
            .map(str::to_owned)
            .collect()
    };
    let was = events(&good.join("plan.ics"));
    let now = events(&bad.join("plan.ics"));
    let kept: Vec<String> = was
        .iter()
        .filter(|e| !e.contains(&format!("UID:{broken}.")))
        .cloned()
        .collect();
    assert_eq!(was.len() - kept.len(), 2);
    assert_eq!(now, kept);
}

/// Checks what every iCalendar file must be (RFC 5545 sections 3.1 and 3.6).
fn check_ics(text: &str) -> Vec<String> {
    assert!(text.ends_with("\r\n"));
    assert!(
        !text.replace("\r\n", "").contains(['\r', '\n']),
        "bare CR or LF"
    );
    let lines: Vec<&str> = text.trim_end_matches("\r\n").split("\r\n").collect();
    for line in &lines {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    assert_eq!(lines.first(), Some(&"BEGIN:VCALENDAR"));
    assert_eq!(lines.last(), Some(&"END:VCALENDAR"));
    let unfolded = text.replace("\r\n ", "");
    let mut uids = Vec::new();
    let mut depth = 0;
    for line in unfolded.trim_end().split("\r\n") {
        if line == "BEGIN:VEVENT" {
            assert_eq!(depth, 0);
            depth = 1;
        } else if line == "END:VEVENT" {
            assert_eq!(depth, 1);
            depth = 0;
        } else if let Some(uid) = line.strip_prefix("UID:") {
            uids.push(uid.to_owned());
        }
    }
    let mut unique = uids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), uids.len(), "duplicate UIDs");
    uids
}

#[test]
fn ics_has_one_event_per_pair_campaign_and_milestone() {
    let out = edcal(&[
        "export",
        "ics",
        "--no-history",
        "--calendar",
        "calendar",
        "--today",
        EXAMPLE_TODAY,
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout.clone()).unwrap();
    let uids = check_ics(&text);
    assert!(uids.contains(&"campaign.octobre-rose-2026@edcal".to_owned()));
    assert!(uids.contains(&"mst26-lancement.x@edcal".to_owned()));
    // Octobre Rose runs 1–31 October: DTEND is exclusive.
    let unfolded = text.replace("\r\n ", "");
    assert!(unfolded.contains(
        "UID:campaign.octobre-rose-2026@edcal\r\nDTSTAMP:19700101T000000Z\r\n\
         SEQUENCE:0\r\nDTSTART;VALUE=DATE:20261001\r\nDTEND;VALUE=DATE:20261101\r\n"
    ));
    // mst26-lancement goes out on X at 08:30 Paris (UTC+1), approved on 28 October.
    assert!(unfolded.contains(
        "UID:mst26-lancement.x@edcal\r\nDTSTAMP:20261028T000000Z\r\n\
         SEQUENCE:0\r\nDTSTART:20261102T073000Z\r\nDTEND:20261102T074500Z\r\n"
    ));
    // Same files, same bytes.
    let again = edcal(&[
        "export",
        "ics",
        "--no-history",
        "--calendar",
        "calendar",
        "--today",
        EXAMPLE_TODAY,
    ]);
    assert_eq!(again.stdout, out.stdout);

    let reviews = edcal(&[
        "export",
        "ics",
        "--reviews",
        "--no-history",
        "--calendar",
        "calendar",
        "--today",
        EXAMPLE_TODAY,
    ]);
    let reviews = String::from_utf8(reviews.stdout).unwrap();
    let uids = check_ics(&reviews);
    // li-robot-urologie: 2026-11-26 08:00, `review`, urology: the lead and a
    // physician are due 2 days before.
    assert!(uids.contains(&"review.li-robot-urologie.lead@edcal".to_owned()));
    assert!(uids.contains(&"review.li-robot-urologie.physician@edcal".to_owned()));
    assert!(reviews.contains(
        "UID:review.li-robot-urologie.lead@edcal\r\nDTSTAMP:20261110T000000Z\r\n\
         SEQUENCE:0\r\nDTSTART;VALUE=DATE:20261124\r\n"
    ));
}

/// A real client's parser: Python's `icalendar` (used by khal and many
/// others). `.ci/run` installs it and sets `CI=true`, where a missing parser
/// fails the test; elsewhere the test is skipped with a note.
#[test]
fn ics_is_read_by_python_icalendar_with_the_right_local_times() {
    if !crate::support::python_module("icalendar", "python3 -m pip install 'icalendar>=5,<8'") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.ics");
    let out = edcal(&[
        "export",
        "ics",
        "--calendar",
        "calendar",
        "--today",
        EXAMPLE_TODAY,
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    let script = r"
import sys, icalendar, zoneinfo
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
paris = zoneinfo.ZoneInfo('Europe/Paris')
for e in cal.walk('VEVENT'):
    s = e.decoded('DTSTART')
    if hasattr(s, 'hour'):
        print(str(e['UID']), s.astimezone(paris).strftime('%Y-%m-%d %H:%M'))
    else:
        print(str(e['UID']), s.isoformat(), e.decoded('DTEND').isoformat())
";
    let parsed = Command::new("python3")
        .args(["-c", script, file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        parsed.status.success(),
        "{}",
        String::from_utf8_lossy(&parsed.stderr)
    );
    let parsed = String::from_utf8(parsed.stdout).unwrap();
    for expected in [
        "mst26-lancement.x@edcal 2026-11-02 08:30",
        "mst26-lancement.facebook@edcal 2026-11-02 12:30",
        "campaign.octobre-rose-2026@edcal 2026-10-01 2026-11-01",
    ] {
        assert!(
            parsed.lines().any(|l| l == expected),
            "{expected:?} not in\n{parsed}"
        );
    }
}

/// Every export of the example calendar, as `examples/exports/` holds it.
fn example_exports(dir: &Path) {
    let run = |args: &[&str]| {
        let out = edcal(args);
        assert!(
            matches!(out.status.code(), Some(0 | 1)),
            "{args:?}: {}",
            stderr(&out)
        );
    };
    let base = ["--calendar", "calendar", "--today", EXAMPLE_TODAY];
    let sub = |name: &str| dir.join(name).to_str().unwrap().to_owned();
    let default_dir = sub("csv");
    let now = ["--now", EXAMPLE_NOW];
    run(&[
        &["export", "csv", "--out-dir", &default_dir][..],
        &now,
        &base[..],
    ]
    .concat());
    for format in ["hootsuite", "buffer", "publer", "sprout", "generic"] {
        let out_dir = sub(&format!("csv-{format}"));
        run(&[
            &["export", "csv", "--for", format, "--out-dir", &out_dir][..],
            &now,
            &base[..],
        ]
        .concat());
    }
    let plan = sub("plan.ics");
    run(&[
        &["export", "ics", "--no-history", "-o", &plan][..],
        &base[..],
    ]
    .concat());
    let xlsx = sub("plan.xlsx");
    run(&[
        &["export", "xlsx", "--now", EXAMPLE_NOW, "-o", &xlsx][..],
        &base[..],
    ]
    .concat());
    let reviews = sub("reviews.ics");
    run(&[
        &["export", "ics", "--reviews", "--no-history", "-o", &reviews][..],
        &base[..],
    ]
    .concat());
    // The same calendar with UTM tags on its links: the files a team that
    // measures its campaigns in its web analytics uploads.
    let tagged = temp_copy("calendar");
    let settings = tagged.path().join("edcal.toml");
    let mut text = std::fs::read_to_string(&settings).unwrap();
    text.push_str(
        "\n[export.utm]\nsource = \"{network}\"\nmedium = \"social\"\ncampaign = \"{campaign}\"\ncontent = \"{post}\"\n",
    );
    std::fs::write(&settings, text).unwrap();
    let tagged_base = [
        "--calendar",
        tagged.path().to_str().unwrap(),
        "--today",
        EXAMPLE_TODAY,
    ];
    for format in ["publer", "generic"] {
        let out_dir = sub(&format!("csv-utm-{format}"));
        run(&[
            &["export", "csv", "--for", format, "--out-dir", &out_dir][..],
            &now,
            &tagged_base[..],
        ]
        .concat());
    }
}

#[test]
fn examples_are_up_to_date() {
    let expected = repo_path("examples/exports");
    if std::env::var_os("EDCAL_BLESS").is_some() {
        let _ = std::fs::remove_dir_all(&expected);
        example_exports(&expected);
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    example_exports(dir.path());
    let made = files_under(dir.path());
    assert_eq!(
        made,
        files_under(&expected),
        "examples/exports/ is out of date: run `EDCAL_BLESS=1 cargo test --test it export::examples_are_up_to_date`"
    );
    for file in made {
        assert!(
            std::fs::read(dir.path().join(&file)).unwrap()
                == std::fs::read(expected.join(&file)).unwrap(),
            "examples/exports/{file} differs: run `EDCAL_BLESS=1 cargo test --test it export::examples_are_up_to_date`"
        );
    }
}

/// Lead times count from the upload (`--now`), not from midnight of
/// `--today`: a Hootsuite row 5 minutes after `--now` is refused, and with
/// 10 minutes it goes.
#[test]
fn lead_times_count_from_now() {
    let run = |now: &str| {
        edcal(&[
            "export",
            "csv",
            "--calendar",
            FIXTURE,
            "--today",
            "2026-12-02",
            "--to",
            "2026-12-02",
            "--channel",
            "fb",
            "--now",
            now,
        ])
    };
    let out = run("2026-12-02T12:25");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains(
            "refused fb         2026-12-02 12:30 ok: Hootsuite: 5 minutes after now (2026-12-02 12:25); \
             a post must be at least 10 minutes after the upload\n"
        ),
        "{}",
        stderr(&out)
    );
    assert!(out.stdout.is_empty());

    // The same moment with an offset: 11:25 UTC is 12:25 in Paris.
    let out = run("2026-12-02T11:25:00Z");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(stderr(&out).contains("5 minutes after now (2026-12-02 12:25)"));

    let out = run("2026-12-02T12:31");
    assert!(stderr(&out).contains("ok: Hootsuite: in the past (now is 2026-12-02 12:31)"));

    let out = run("2026-12-02T12:20");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(records(&out.stdout).len(), 1);

    let out = run("tomorrow");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("`tomorrow` is not a date and time"));
}

/// A text that is a formula (`=HYPERLINK(…)`) is refused in every format:
/// a scheduler would publish a protective `'`, and without one the cell is
/// live in any spreadsheet that opens the file.
#[test]
fn a_formula_text_is_refused_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    let out = export_fixture(dir.path(), &[]);
    let err = stderr(&out);
    let reason = "\"=HYPERLINK(\"https://exemple.invalid\";\"Pr…\" would run as a formula \
                  in a spreadsheet that opens the file; rewrite the start of the text";
    for (channel, product) in [
        ("fb", "Hootsuite"),
        ("insta", "Buffer"),
        ("li", "Sprout Social"),
        ("tk", "Publer"),
        ("web", "the generic export"),
    ] {
        let line =
            format!("refused {channel:<10} 2026-12-09 18:00 formule-lien: {product}: {reason}\n");
        assert!(err.contains(&line), "{line}\n{err}");
    }
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let bytes = std::fs::read(entry.unwrap().path()).unwrap();
        assert!(!String::from_utf8(bytes).unwrap().contains("HYPERLINK"));
    }
}

/// Instagram publishes no text alone: a post whose only media is a local
/// file without `media_base_url` is refused by every format, for the same
/// reason; with a base URL, the formats with a media column write it.
#[test]
fn a_post_without_uploadable_media_is_refused_the_same_way_everywhere() {
    let reason = "instagram publishes no text-only posts, and no media of this post has a URL \
                  a scheduler can fetch (`media/photo.jpg` is a local file: set `media_base_url` \
                  to the public address of `media/`, or give the media as an https:// URL)";
    let run = |calendar: &str, format: &str| {
        edcal(&[
            "export",
            "csv",
            "--calendar",
            calendar,
            "--today",
            "2026-12-03",
            "--to",
            "2026-12-03",
            "--now",
            "2026-12-03T08:00",
            "--channel",
            "insta",
            "--for",
            format,
        ])
    };
    for (format, product) in [
        ("hootsuite", "Hootsuite"),
        ("buffer", "Buffer"),
        ("publer", "Publer"),
        ("sprout", "Sprout Social"),
        ("generic", "the generic export"),
    ] {
        let out = run(FIXTURE, format);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        let line =
            format!("refused insta      2026-12-03 19:00 photo-locale: {product}: {reason}\n");
        assert!(stderr(&out).contains(&line), "{line}\n{}", stderr(&out));
    }

    // `check` says it first.
    let out = edcal(&["check", "--calendar", FIXTURE, "--today", "2026-12-01"]);
    assert!(
        text(&out.stdout).contains(&format!(
            "warning[media-not-uploadable]: the `buffer` export of `insta` will refuse `photo-locale`: {reason}\n"
        )),
        "{}",
        text(&out.stdout)
    );

    // With a base URL the file gets its public address.
    let dir = tempfile::tempdir().unwrap();
    crate::support::copy_dir(&crate::support::repo_path(FIXTURE), dir.path());
    let settings = dir.path().join("edcal.toml");
    let mut text = std::fs::read_to_string(&settings).unwrap();
    text.push_str("\n[export]\nmedia_base_url = \"https://media.example.org/x7k2/\"\n");
    std::fs::write(&settings, text).unwrap();
    let calendar = dir.path().to_str().unwrap();
    let out = run(calendar, "publer");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        records(&out.stdout)[1][3],
        "https://media.example.org/x7k2/photo.jpg"
    );
    let out = run(calendar, "buffer");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        records(&out.stdout)[1][1],
        "https://media.example.org/x7k2/photo.jpg"
    );
    // Publer's Title column carries YouTube's video title.
    let out = edcal(&[
        "export",
        "csv",
        "--calendar",
        calendar,
        "--today",
        "2026-12-03",
        "--to",
        "2026-12-03",
        "--now",
        "2026-12-03T08:00",
        "--channel",
        "yt",
        "--for",
        "publer",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = records(&out.stdout);
    assert_eq!(rows[0][4], "Title - For the video, pin, PDF ..");
    assert_eq!(rows[1][4], "Vidéo YouTube");
    assert_eq!(rows[1][3], "https://media.example.org/x7k2/video.mp4");
    // A channel's own `media_base_url` wins over the calendar's.
    let channels = dir.path().join("channels.toml");
    let with_own = std::fs::read_to_string(&channels).unwrap().replacen(
        "[insta]\n",
        "[insta]\nmedia_base_url = \"https://insta.example.org/q9/\"\n",
        1,
    );
    std::fs::write(&channels, with_own).unwrap();
    let out = run(calendar, "buffer");
    assert_eq!(
        records(&out.stdout)[1][1],
        "https://insta.example.org/q9/photo.jpg",
        "{}",
        stderr(&out)
    );
    for (format, product) in [("hootsuite", "Hootsuite"), ("sprout", "Sprout Social")] {
        let out = run(calendar, format);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr(&out).contains(&format!(
                "photo-locale: {product}: instagram publishes no text-only posts, and the {product} file \
                 has no media column: schedule this post in {product} by hand, or export this channel with `publer`"
            )),
            "{}",
            stderr(&out)
        );
    }
}

/// A calendar in a fresh git repository, committed at a fixed date.
fn git(dir: &Path, args: &[&str], date: &str) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args(args)
        .env("GIT_AUTHOR_DATE", date)
        .env("GIT_COMMITTER_DATE", date)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", text(&out.stderr));
}

/// Moving a post and committing makes its event's SEQUENCE larger and its
/// DTSTAMP the commit's time, as Python's `icalendar` reads them; a renamed
/// milestone with an `id` keeps its UID; descriptions are in French.
#[test]
fn a_moved_post_updates_its_event() {
    if !crate::support::python_module("icalendar", "python3 -m pip install 'icalendar>=5,<8'") {
        return;
    }
    let repo = tempfile::tempdir().unwrap();
    let root = repo.path();
    crate::support::copy_dir(&crate::support::repo_path(FIXTURE), root);
    std::fs::create_dir_all(root.join("campaigns")).unwrap();
    std::fs::write(
        root.join("campaigns/hiver.toml"),
        "[campaign]\nid = \"hiver\"\nname = \"Hiver\"\nstart = 2026-12-01\nend = 2026-12-31\n\n\
         [[campaign.milestone]]\nid = \"affiches\"\nname = \"Commander les affiches\"\ndue = 2026-11-20\n",
    )
    .unwrap();
    git(root, &["init", "-q"], "2026-11-01T10:00:00Z");
    git(root, &["add", "."], "2026-11-01T10:00:00Z");
    git(
        root,
        &["commit", "-q", "-m", "start"],
        "2026-11-01T10:00:00Z",
    );
    let parse = |ics: &Path| -> String {
        let script = r"
import sys, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
for e in cal.walk('VEVENT'):
    print(str(e['UID']), int(e.get('SEQUENCE', 0)), e.decoded('DTSTAMP').strftime('%Y-%m-%dT%H:%M:%S'),
          e.decoded('LAST-MODIFIED').strftime('%Y-%m-%dT%H:%M:%S'), str(e.get('STATUS')),
          str(e['DESCRIPTION']).splitlines()[0])
";
        let out = Command::new("python3")
            .args(["-c", script, ics.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    let export = |name: &str| -> String {
        let file = root.join(name);
        let out = edcal(&[
            "export",
            "ics",
            "--calendar",
            root.to_str().unwrap(),
            "--today",
            "2026-12-01",
            "-o",
            file.to_str().unwrap(),
        ]);
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        parse(&file)
    };
    let before = export("before.ics");
    assert!(
        before.contains(
            "ok.fb@edcal 1 2026-11-01T10:00:00 2026-11-01T10:00:00 CONFIRMED Statut : validé\n"
        ),
        "{before}"
    );
    assert!(
        before.contains("milestone.hiver.affiches@edcal 1 "),
        "{before}"
    );
    // The freeze of the fixture holds `gele`: tentative.
    assert!(
        before.contains("gele.fb@edcal 1 2026-11-01T10:00:00 2026-11-01T10:00:00 TENTATIVE"),
        "{before}"
    );

    let posts = root.join("posts/posts.toml");
    let moved = std::fs::read_to_string(&posts).unwrap().replacen(
        "at = 2026-12-02T12:30:00",
        "at = 2026-12-02T17:30:00",
        1,
    );
    std::fs::write(&posts, moved).unwrap();
    let campaign = root.join("campaigns/hiver.toml");
    let renamed = std::fs::read_to_string(&campaign)
        .unwrap()
        .replace("Commander les affiches", "Commander affiches et flyers");
    std::fs::write(&campaign, renamed).unwrap();
    git(
        root,
        &["commit", "-q", "-am", "move"],
        "2026-11-15T09:30:00Z",
    );
    let after = export("after.ics");
    assert!(
        after.contains("ok.fb@edcal 2 2026-11-15T09:30:00 2026-11-15T09:30:00 CONFIRMED"),
        "{after}"
    );
    assert!(
        after.contains("milestone.hiver.affiches@edcal 2 "),
        "{after}"
    );
    // Same files, same history: same bytes.
    let again = root.join("again.ics");
    edcal(&[
        "export",
        "ics",
        "--calendar",
        root.to_str().unwrap(),
        "--today",
        "2026-12-01",
        "-o",
        again.to_str().unwrap(),
    ]);
    assert_eq!(
        std::fs::read(root.join("after.ics")).unwrap(),
        std::fs::read(&again).unwrap()
    );
}

/// `--max-rows N` splits below the format's cap; 0 is refused.
#[test]
fn max_rows_splits_files_smaller_than_the_cap() {
    let cal = tempfile::tempdir().unwrap();
    let out_dir = tempfile::tempdir().unwrap();
    many_posts(cal.path(), 5, "facebook");
    let run = |n: &str| {
        edcal(&[
            "export",
            "csv",
            "--for",
            "buffer",
            "--calendar",
            cal.path().to_str().unwrap(),
            "--today",
            "2026-12-01",
            "--now",
            "2026-12-01T00:00",
            "--max-rows",
            n,
            "--out-dir",
            out_dir.path().to_str().unwrap(),
        ])
    };
    let out = run("2");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = |name: &str| records(&std::fs::read(out_dir.path().join(name)).unwrap()).len() - 1;
    assert_eq!([rows("c.csv"), rows("c-2.csv"), rows("c-3.csv")], [2, 2, 1]);
    assert!(stderr(&out).contains("5 rows exported in 3 files"));
    let out = run("0");
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("--max-rows"), "{}", stderr(&out));
}

/// `[export.utm]` tags the link in every export, and in lengths, but the
/// approval's seal covers the link as written: adding the tags does not
/// make a sealed approval stale. A link with its own `utm_` keeps them.
#[test]
fn utm_tags_are_added_to_links_at_composition() {
    let dir = tempfile::tempdir().unwrap();
    crate::support::copy_dir(&crate::support::repo_path(FIXTURE), dir.path());
    let settings = dir.path().join("edcal.toml");
    let mut text = std::fs::read_to_string(&settings).unwrap();
    text.push_str(
        "\n[export.utm]\nsource = \"{network}\"\nmedium = \"social\"\ncampaign = \"{campaign}\"\ncontent = \"{post}\"\n",
    );
    std::fs::write(&settings, text).unwrap();
    let calendar = dir.path().to_str().unwrap();
    let out = edcal(&[
        "export",
        "csv",
        "--calendar",
        calendar,
        "--today",
        "2026-12-01",
        "--now",
        "2026-12-01T00:00",
        "--channel",
        "web",
        "--to",
        "2026-12-02",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = records(&out.stdout);
    // No campaign: `utm_campaign` is left out.
    assert_eq!(
        rows[1][6],
        "https://example.org/horaires?utm_source=other&utm_medium=social&utm_content=ok"
    );
    let out = edcal(&[
        "export",
        "csv",
        "--calendar",
        calendar,
        "--today",
        "2026-12-01",
        "--now",
        "2026-12-01T00:00",
        "--channel",
        "insta",
        "--for",
        "buffer",
        "--to",
        "2026-12-02",
    ]);
    assert!(
        records(&out.stdout)[1][0].ends_with(
            "\nhttps://example.org/horaires?utm_source=instagram&utm_medium=social&utm_content=ok"
        ),
        "{:?}",
        records(&out.stdout)
    );
    // The templates are checked.
    let mut text = std::fs::read_to_string(&settings).unwrap();
    text = text.replace("{post}", "{article}");
    std::fs::write(&settings, text).unwrap();
    let out = edcal(&["check", "--calendar", calendar, "--today", "2026-12-01"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        crate::support::text(&out.stdout)
            .contains("`{article}` is not a placeholder of a UTM template"),
        "{}",
        crate::support::text(&out.stdout)
    );
}

/// `export xlsx`, read back by Python's `openpyxl`: a summary and one sheet
/// per channel, texts as string cells even when they start with `=`, dates
/// as date cells with a French format, frozen header row, autofilter.
#[test]
fn xlsx_is_read_by_openpyxl_with_typed_cells() {
    if !crate::support::python_module("openpyxl", "python3 -m pip install openpyxl") {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("plan.xlsx");
    let out = edcal(&[
        "export",
        "xlsx",
        "--calendar",
        FIXTURE,
        "--today",
        "2026-12-01",
        "--now",
        "2026-12-01T00:00",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("rows exported in 7 sheets (and a summary)"),
        "{}",
        stderr(&out)
    );
    let script = r"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
print('sheets', ','.join(wb.sheetnames))
s = wb['Résumé']
print('summary', [c.value for c in s[1]], s.freeze_panes, s.auto_filter.ref)
ws = wb['web']
print('header', [c.value for c in ws[1]], ws.freeze_panes, ws.auto_filter.ref)
for row in ws.iter_rows(min_row=2):
    a, text = row[0], row[4]
    print('row', row[1].value, a.data_type, a.number_format, a.value.isoformat(), text.data_type, repr(text.value))
";
    let parsed = Command::new("python3")
        .args(["-c", script, file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(parsed.status.success(), "{}", text(&parsed.stderr));
    let parsed = text(&parsed.stdout);
    for expected in [
        "sheets Résumé,fb,insta,li,scoop,tk,web,yt",
        "summary ['Canal', 'Réseau', 'Publications', 'Première', 'Dernière'] A2 A1:E8",
        "header ['Date et heure', 'Publication', 'Titre', 'Statut', 'Texte', 'Lien', 'Médias', 'Hashtags'] A2 A1:H",
        "row ok d dd/mm/yyyy hh:mm 2026-12-02T12:30:00 s \"Bonjour, voici nos horaires d'hiver.\\n\\n#Horaires\"",
        "row formule-lien d dd/mm/yyyy hh:mm 2026-12-09T18:00:00 s '=HYPERLINK(\"https://exemple.invalid\";\"Prenez rendez-vous\")'",
    ] {
        assert!(parsed.contains(expected), "{expected:?} not in\n{parsed}");
    }
}

/// A `media_base_url` must be an https:// URL ending with `/`.
#[test]
fn a_media_base_url_that_is_not_a_base_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    crate::support::copy_dir(&crate::support::repo_path(FIXTURE), dir.path());
    let settings = dir.path().join("edcal.toml");
    let mut text = std::fs::read_to_string(&settings).unwrap();
    text.push_str("\n[export]\nmedia_base_url = \"http://media.example.org/edcal\"\n");
    std::fs::write(&settings, text).unwrap();
    let out = edcal(&[
        "check",
        "--calendar",
        dir.path().to_str().unwrap(),
        "--today",
        "2026-12-01",
    ]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text_of(&out).contains(
            "error[invalid-value]: `media_base_url` `http://media.example.org/edcal` is not an https:// URL ending with `/`"
        ),
        "{}",
        text_of(&out)
    );
}

fn text_of(out: &Output) -> String {
    text(&out.stdout)
}
