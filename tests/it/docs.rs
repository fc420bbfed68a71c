//! The tables the manual in docs/ shows are generated from the code's own
//! data; these tests keep them current. After a deliberate change, paste the
//! new table the failure prints.

fn assert_contains(file: &str, table: &str) {
    let text = std::fs::read_to_string(file).unwrap();
    assert!(
        text.contains(table.trim_end()),
        "{file} does not show the current table; replace it with:\n{table}"
    );
}

#[test]
fn docs_show_the_network_limits() {
    assert_contains("docs/networks.md", &social_text::limits::markdown_table());
}

#[test]
fn docs_show_the_awareness_catalogue() {
    assert_contains("docs/networks.md", &edcal::days::awareness_markdown_table());
}

#[test]
fn docs_show_the_risky_claims_lexicon() {
    assert_contains(
        "docs/risky-claims.md",
        &social_text::claims::markdown_table(),
    );
}

#[test]
fn docs_show_every_key_of_every_file() {
    let path = "docs/calendar-format.md";
    let mut text = std::fs::read_to_string(path).unwrap();
    let tables: Vec<String> = edcal::format::Kind::ALL
        .into_iter()
        .map(edcal::format::markdown)
        .collect();
    if std::env::var_os("EDCAL_BLESS").is_some() {
        text = with_tables(&text, &tables);
        std::fs::write(path, &text).unwrap();
    }
    for table in &tables {
        assert!(
            text.contains(table.as_str()),
            "{path} does not show the current key tables; \
             `EDCAL_BLESS=1 cargo test --test it docs` rewrites them"
        );
    }
}

/// `text` with its key tables (each starting at the tables' common header
/// line, in file-kind order) replaced by `tables`.
fn with_tables(text: &str, tables: &[String]) -> String {
    let header = tables[0].lines().next().unwrap();
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    let mut next = tables.iter();
    while let Some(line) = lines.next() {
        if line == header
            && let Some(table) = next.next()
        {
            while lines.peek().is_some_and(|l| l.starts_with('|')) {
                lines.next();
            }
            out.push_str(table);
        } else {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}
