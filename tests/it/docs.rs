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
    for kind in edcal::format::Kind::ALL {
        assert_contains("docs/calendar-format.md", &edcal::format::markdown(kind));
    }
}
