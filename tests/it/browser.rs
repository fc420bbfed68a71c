//! The HTML pages in a real browser: headless Chromium opens what `plan
//! week --format html` and `review-sheet` write, and the tests read the DOM
//! it built (`--dump-dom`), the console it logged (a blocked load is a
//! Content-Security-Policy message) and the PDF it prints (`pdfinfo`).
//!
//! One browser launch per page and per check. Without `chromium` (or
//! `pdfinfo`) the tests skip with a note, and fail under `CI=true`
//! (`.ci/run` installs both).

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::support::{edcal, missing_tool, repo_path};

const INSTALL: &str = "apt-get install -y chromium poppler-utils";

/// `chromium` (or `chromium-browser`) on the PATH.
fn chromium() -> Option<PathBuf> {
    which("chromium").or_else(|| which("chromium-browser"))
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// A headless, offline-minded Chromium with its own throwaway profile.
fn browser(bin: &Path, profile: &Path) -> Command {
    let mut c = Command::new(bin);
    c.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--enable-logging=stderr",
        "--v=0",
    ])
    .arg(format!("--user-data-dir={}", profile.display()));
    c
}

/// What the browser made of a page: its DOM and its console.
struct Opened {
    dom: String,
    log: String,
}

fn dump_dom(bin: &Path, page: &Path) -> Opened {
    let profile = tempfile::tempdir().unwrap();
    let out = browser(bin, profile.path())
        .arg("--dump-dom")
        .arg(file_url(page))
        .output()
        .unwrap();
    assert!(out.status.success(), "chromium failed: {out:?}");
    Opened {
        dom: String::from_utf8(out.stdout).unwrap(),
        log: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn print_pdf(bin: &Path, page: &Path, pdf: &Path) {
    let profile = tempfile::tempdir().unwrap();
    let out = browser(bin, profile.path())
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg("--no-pdf-header-footer")
        .arg(file_url(page))
        .output()
        .unwrap();
    assert!(out.status.success() && pdf.is_file(), "{out:?}");
}

fn file_url(path: &Path) -> String {
    format!("file://{}", path.canonicalize().unwrap().display())
}

/// `Pages` and `Page size` as `pdfinfo` reads them.
fn pdf_pages_and_size(pdf: &Path) -> (u32, String) {
    let out = Command::new("pdfinfo").arg(pdf).output().unwrap();
    let info = String::from_utf8(out.stdout).unwrap();
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map_or_else(|| panic!("no {name} in {info}"), |v| v.trim().to_owned())
    };
    let size = field("Page size:");
    // `841.92 x 594.96 pts (A4)`: whole points.
    let mut numbers = size
        .split_whitespace()
        .filter_map(|w| w.parse::<f64>().ok())
        .map(|n| n.round() as i64);
    let (w, h) = (numbers.next().unwrap(), numbers.next().unwrap());
    (field("Pages:").parse().unwrap(), format!("{w} x {h}"))
}

/// Both tools, or the skip (a failure in CI).
fn tools() -> Option<PathBuf> {
    let Some(bin) = chromium() else {
        missing_tool("chromium", INSTALL);
        return None;
    };
    if which("pdfinfo").is_none() {
        missing_tool("pdfinfo", INSTALL);
        return None;
    }
    Some(bin)
}

/// The start tags of serialised markup, `<` to `>`, quotes respected (text
/// never holds a raw `<`: the serialiser writes `&lt;`).
fn tags(dom: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let bytes = dom.as_bytes();
    let mut i = 0;
    while let Some(start) = dom[i..].find('<').map(|s| s + i) {
        let mut j = start + 1;
        let mut quote = None;
        while j < bytes.len() {
            match (quote, bytes[j]) {
                (None, b'"' | b'\'') => quote = Some(bytes[j]),
                (Some(q), c) if c == q => quote = None,
                (None, b'>') => break,
                _ => {}
            }
            j += 1;
        }
        out.push(&dom[start..j.min(dom.len())]);
        i = j.min(dom.len());
    }
    out
}

/// The values of `attr="…"` in the tags of a DOM.
fn attributes<'d>(dom: &'d str, attr: &str) -> Vec<&'d str> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    for tag in tags(dom) {
        for (i, _) in tag.match_indices(&needle) {
            let rest = &tag[i + needle.len()..];
            out.push(&rest[..rest.find('"').unwrap()]);
        }
    }
    out
}

/// The text content of serialised markup: tags dropped, the entities the
/// serialiser writes decoded.
fn text_content(markup: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in markup.chars() {
        match (in_tag, c) {
            (false, '<') => in_tag = true,
            (true, '>') => in_tag = false,
            (false, c) => out.push(c),
            (true, _) => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// The markup of the first `<div class="text">` after `from`, up to its
/// `</div>` (it holds only spans).
fn card_text(dom: &str, from: usize) -> String {
    let start = from + dom[from..].find("<div class=\"text\">").unwrap() + 18;
    let end = start + dom[start..].find("</div>").unwrap();
    text_content(&dom[start..end])
}

/// What the page must never hold or ask for: a script, an external
/// stylesheet, a resource of another origin; and the policy saying so.
fn assert_offline(opened: &Opened, page_dir: &Path) {
    let dom = &opened.dom;
    assert!(
        dom.contains("http-equiv=\"Content-Security-Policy\"")
            && dom.contains("default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:"),
        "no CSP meta tag"
    );
    let tags = tags(dom);
    for element in ["<script", "<link", "<iframe", "<object", "<embed", "<base"] {
        assert!(
            !tags.iter().any(|t| t.starts_with(element)),
            "a {element}> element"
        );
    }
    for src in attributes(dom, "src") {
        assert!(
            !src.starts_with("http:") && !src.starts_with("https:") && !src.starts_with("//"),
            "a resource of another origin: {src}"
        );
        if !src.starts_with("data:") {
            let path = page_dir.join(percent_decode(src));
            assert!(
                path.is_file(),
                "`{src}` does not name a file of the page's folder"
            );
        }
    }
    let blocked: Vec<&str> = opened
        .log
        .lines()
        .filter(|l| l.contains("Content Security Policy") || l.contains("Not allowed to load"))
        .collect();
    assert!(
        blocked.is_empty(),
        "the browser blocked loads: {blocked:#?}"
    );
}

fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap()
}

/// The checked example calendar, for the texts the pages must show.
fn example() -> edcal::check::Checked {
    let root = repo_path("calendar");
    let loaded = edcal::load::load(&root).unwrap();
    edcal::check::check(loaded, |_| "2026-11-25".parse().unwrap(), &|_| true)
}

/// The acceptance case: every post of the JSON plan of the Octobre Rose
/// week is on its day and channel, with its exact text, its title and its
/// photos with their alt texts; the page loads nothing from elsewhere; on
/// paper it is one A4 landscape page.
#[test]
fn the_w41_page_shows_every_post_on_its_day_with_its_text_and_prints_on_one_a4_page() {
    let Some(bin) = tools() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("w41.html");
    let run = edcal()
        .args(["plan", "week", "2026-W41", "--today", "2026-11-25"])
        .args(["--format", "html", "-o"])
        .arg(&page)
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    assert!(run.stdout.is_empty());
    let json = edcal()
        .args([
            "plan",
            "week",
            "2026-W41",
            "--today",
            "2026-11-25",
            "--format",
            "json",
        ])
        .output()
        .unwrap();
    let plan: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();

    let opened = dump_dom(&bin, &page);
    let dom = &opened.dom;
    assert!(dom.contains("<html lang=\"fr\">"));
    assert_offline(&opened, dir.path());
    let checked = example();
    let calendar = &checked.calendar;
    let mut cards = 0;
    let mut photos = 0;
    for channel in plan["channels"].as_array().unwrap() {
        let channel_id = channel["id"].as_str().unwrap();
        for post in channel["posts"].as_array().unwrap() {
            let id = post["post"].as_str().unwrap();
            let day = &post["at"].as_str().unwrap()[..10];
            // The cell of that day and channel holds the card.
            let cell = format!("<td data-day=\"{day}\" data-channel=\"{channel_id}\">");
            let start = dom.find(&cell).unwrap_or_else(|| panic!("no cell {cell}"));
            let end = start + dom[start..].find("</td>").unwrap();
            let card =
                format!("data-post=\"{id}\" data-channel=\"{channel_id}\" data-day=\"{day}\"");
            let at = dom[start..end]
                .find(&card)
                .unwrap_or_else(|| panic!("{id} is not on {day} for {channel_id}"))
                + start;
            let base = id.split('@').next().unwrap();
            let model = calendar.posts.iter().find(|p| p.id.value == base).unwrap();
            let published =
                edcal::publish::compose(model, channel_id, edcal::publish::Link::Column);
            assert_eq!(card_text(dom, at), published.text, "{id} on {channel_id}");
            let card_end = at + dom[at..].find("</article>").unwrap();
            let markup = &dom[at..card_end];
            assert!(
                text_content(markup).contains(post["title"].as_str().unwrap()),
                "{id}: title"
            );
            for media in published.media {
                let alt = media.alt.as_deref().unwrap_or_default();
                let escaped = alt.replace('&', "&amp;").replace('"', "&quot;");
                let ext = Path::new(&media.file.value).extension();
                if ext
                    .is_some_and(|e| e.eq_ignore_ascii_case("jpg") || e.eq_ignore_ascii_case("png"))
                {
                    assert!(
                        markup.contains("<img src=\"")
                            && markup.contains(&format!("alt=\"{escaped}\"")),
                        "{id}: photo {} with its alt text",
                        media.file.value
                    );
                    photos += 1;
                }
                assert!(
                    text_content(markup).contains(alt),
                    "{id}: alt text written out"
                );
            }
            cards += 1;
        }
    }
    assert_eq!(cards, 17, "every post of the week");
    assert!(photos >= 5, "the Octobre Rose photos: {photos}");
    assert_eq!(attributes(dom, "data-post").len(), cards);

    let pdf = dir.path().join("w41.pdf");
    print_pdf(&bin, &page, &pdf);
    assert_eq!(pdf_pages_and_size(&pdf), (1, "842 x 595".to_owned()));
}

/// A hostile text stays text: tags, entities and quotes reach the DOM as
/// characters, no element is created from them, a media URL is named but
/// never loaded, and a file name with a space and `#` still loads. Embedded
/// media are `data:` URIs. An English calendar gets an English page.
#[test]
fn hostile_texts_stay_text_and_media_urls_are_never_loaded() {
    let Some(bin) = tools() else { return };
    let cal = tempfile::tempdir().unwrap();
    let root = cal.path();
    std::fs::create_dir_all(root.join("posts")).unwrap();
    std::fs::create_dir_all(root.join("media")).unwrap();
    std::fs::copy(
        repo_path("calendar/media/or26/aquagym.jpg"),
        root.join("media/a b#1.jpg"),
    )
    .unwrap();
    std::fs::write(
        root.join("edcal.toml"),
        "[calendar]\nname = \"Test\"\ntimezone = \"Europe/Paris\"\nlanguage = \"en\"\n\n[team.lead]\nrole = \"lead\"\n",
    )
    .unwrap();
    std::fs::write(
        root.join("channels.toml"),
        "[x]\nnetwork = \"x\"\naccount = \"<b>Clinic</b>\"\n",
    )
    .unwrap();
    let text = "<script>alert(1)</script> & <img src=\"https://evil.example/x.png\"> \"quoted\" &amp; @someone #Tag\nsecond line";
    std::fs::write(
        root.join("posts/2026-10.toml"),
        format!(
            "[[post]]\nid = \"hostile\"\ntitle = \"</title><script>alert(2)</script>\"\nchannels = [\"x\"]\nstatus = \"draft\"\nat = 2026-10-06T12:30:00\ntext = '''{text}'''\nlink = \"https://example.org/?a=1&b=<2>\"\n\n[[post.media]]\nfile = \"https://evil.example/y.png\"\nalt = \"an <i>online</i> picture\"\n\n[[post.media]]\nfile = \"media/a b#1.jpg\"\nalt = \"a \\\"local\\\" picture\"\n"
        ),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    for embed in [false, true] {
        let page = out.path().join(format!("page-{embed}.html"));
        let mut cmd = edcal();
        cmd.arg("--calendar")
            .arg(root)
            .args([
                "plan",
                "week",
                "2026-W41",
                "--today",
                "2026-10-01",
                "--format",
                "html",
                "-o",
            ])
            .arg(&page);
        if embed {
            cmd.arg("--embed-media");
        }
        let run = cmd.output().unwrap();
        assert!(run.status.success(), "{run:?}");
        let opened = dump_dom(&bin, &page);
        let dom = &opened.dom;
        assert!(dom.contains("<html lang=\"en\">"));
        assert_offline(&opened, out.path());
        let at = dom.find("data-post=\"hostile\"").unwrap();
        assert_eq!(card_text(dom, at), format!("{text}"));
        assert!(!dom.contains("<i>online</i>") && !dom.contains("<b>Clinic</b>"));
        assert!(text_content(dom).contains("<b>Clinic</b>"));
        assert!(text_content(dom).contains("</title><script>alert(2)</script>"));
        assert!(
            !dom.contains("evil.example/x.png\">"),
            "a tag from the text"
        );
        let srcs = attributes(dom, "src");
        assert_eq!(srcs.len(), 1, "only the local picture loads: {srcs:?}");
        if embed {
            assert!(srcs[0].starts_with("data:image/jpeg;base64,"));
        } else {
            assert!(srcs[0].ends_with("media/a%20b%231.jpg"), "{}", srcs[0]);
        }
        assert!(text_content(dom).contains("online media (not loaded)"));
    }
}

/// The review sheet in the browser: every post it lists shows each
/// channel's exact text and its digest; it prints on A4 portrait pages.
#[test]
fn the_review_sheet_shows_exact_texts_and_digests_and_prints_on_a4() {
    let Some(bin) = tools() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("sheet.html");
    let run = edcal()
        .args([
            "review-sheet",
            "--by",
            "dr-benhamou",
            "--today",
            "2026-11-25",
            "-o",
        ])
        .arg(&page)
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    let opened = dump_dom(&bin, &page);
    let dom = &opened.dom;
    assert_offline(&opened, dir.path());
    let checked = example();
    let posts = attributes(dom, "data-post");
    assert!(!posts.is_empty());
    for id in &posts {
        let post = checked
            .calendar
            .posts
            .iter()
            .find(|p| p.id.value == *id)
            .unwrap();
        let at = dom.find(&format!("data-post=\"{id}\"")).unwrap();
        let end = dom[at + 1..]
            .find("data-post=")
            .map_or(dom.len(), |e| e + at + 1);
        let section = &dom[at..end];
        for channel in post.channel_ids() {
            let c = section
                .find(&format!("data-channel=\"{channel}\""))
                .unwrap_or_else(|| panic!("{id}: no {channel}"));
            let published = edcal::publish::compose(post, channel, edcal::publish::Link::Column);
            assert_eq!(card_text(section, c), published.text, "{id} on {channel}");
        }
        assert_eq!(
            attributes(section, "data-digest").len(),
            1,
            "{id}: one digest"
        );
    }
    let pdf = dir.path().join("sheet.pdf");
    print_pdf(&bin, &page, &pdf);
    let (pages, size) = pdf_pages_and_size(&pdf);
    assert_eq!(size, "595 x 842");
    assert!(
        pages >= posts.len() as u32,
        "one post a page at least: {pages}"
    );
}

/// The row of a table whose header cell is `key`, as text.
fn row_text(dom: &str, section: &str, key: &str) -> String {
    let from = dom
        .find(section)
        .unwrap_or_else(|| panic!("no section {section}"));
    let head = format!("<th scope=\"row\">{key}</th>");
    let start = from
        + dom[from..]
            .find(&head)
            .unwrap_or_else(|| panic!("no row {key} after {section}"));
    let end = start + dom[start..].find("</tr>").unwrap();
    text_content(&dom[start..end])
}

/// The figures review of Octobre Rose: every channel's and every theme's
/// figures of the JSON report are in the page's tables (the rate written
/// the French way), every chart has its title and description, the top
/// and bottom posts carry their exact text, nothing is loaded from
/// elsewhere, and it prints on A4 portrait.
#[test]
fn the_report_page_shows_every_groups_figures_and_prints_on_a4() {
    let Some(bin) = tools() else { return };
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let base = [
        "--today",
        "2026-11-25",
        "report",
        "--campaign",
        "octobre-rose-2026",
    ];
    let run = edcal()
        .args(base)
        .args(["--format", "html", "-o"])
        .arg(&page)
        .output()
        .unwrap();
    assert!(run.status.success(), "{run:?}");
    assert!(run.stdout.is_empty());
    let opened = dump_dom(&bin, &page);
    let dom = &opened.dom;
    assert!(dom.contains("<html lang=\"fr\">"));
    assert_offline(&opened, dir.path());

    let number = |v: &serde_json::Value| match v {
        serde_json::Value::Null => "—".to_owned(),
        serde_json::Value::Number(n) if n.is_f64() => {
            format!("{:.2} %", n.as_f64().unwrap() * 100.0).replace('.', ",")
        }
        v => v.to_string(),
    };
    let mut rows = 0;
    for (by, section) in [
        ("channel", "<h2>Par canal</h2>"),
        ("theme", "<h2>Par thème</h2>"),
    ] {
        let json = edcal()
            .args(base)
            .args(["--by", by, "--format", "json"])
            .output()
            .unwrap();
        let report: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        for group in report["groups"].as_array().unwrap() {
            let key = group["key"][0].as_str().unwrap();
            let row = row_text(dom, section, key);
            let cells: Vec<String> = [
                "planned",
                "published",
                "measured",
                "impressions",
                "reach",
                "engagements",
                "engagement_rate",
            ]
            .iter()
            .map(|f| number(&group[f]))
            .collect();
            assert_eq!(row, format!("{key}{}", cells.concat()), "{by} {key}");
            rows += 1;
        }
        if by == "channel" {
            let checked = example();
            for list in ["top", "bottom"] {
                for r in report[list].as_array().unwrap() {
                    let (id, channel) =
                        (r["post"].as_str().unwrap(), r["channel"].as_str().unwrap());
                    let model = checked
                        .calendar
                        .posts
                        .iter()
                        .find(|p| p.id.value == id.split('@').next().unwrap())
                        .unwrap();
                    let text =
                        edcal::publish::compose(model, channel, edcal::publish::Link::InText).text;
                    assert!(text_content(dom).contains(&text), "{list} {id}: its text");
                }
            }
        }
    }
    assert!(rows >= 7, "{rows} rows checked");
    // Every chart has its text alternative.
    let svgs = dom.matches("<svg ").count();
    assert_eq!(
        svgs, 6,
        "bars per channel (2), per theme, heat map, campaign days (2)"
    );
    assert_eq!(dom.matches("<desc id=").count(), svgs);
    assert_eq!(attributes(dom, "aria-labelledby").len(), svgs);

    let pdf = dir.path().join("report.pdf");
    print_pdf(&bin, &page, &pdf);
    let (pages, size) = pdf_pages_and_size(&pdf);
    assert_eq!(size, "595 x 842", "A4 portrait");
    assert!((1..=6).contains(&pages), "{pages} pages");
}
