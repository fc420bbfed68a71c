//! End-to-end cases: the real binary on fixture calendars, exact stdout,
//! stderr and exit code. Each case is `tests/cmd/<case>.toml` with its
//! `.stdout`/`.stderr`; `TRYCMD=overwrite cargo test --test it cli` rewrites
//! them after a deliberate change. The README's console examples run too.

#[test]
fn cli() {
    trycmd::TestCases::new()
        .env("NO_COLOR", "1")
        .case("tests/cmd/*.toml")
        .case("README.md")
        .case("docs/*.md");
}
