//! The product stands alone: no tracked file points at notes outside it. A
//! reader of the code, the docs or the tests gets the reason in place, not a
//! reference to a specification file, a research or seeds folder, a section
//! sign or a tracker number. The patterns are built from pieces so that this
//! file does not match itself.

use std::path::Path;
use std::process::Command;

use crate::support::repo_path;

/// The specification, as a word (its file name included).
const THE_NOTES: &str = concat!("SP", "EC");
/// Folders of notes outside the product.
const FOLDERS: [&str; 2] = [concat!("re", "search/"), concat!("se", "eds/")];
/// The section sign.
const SECTION: char = '\u{a7}';
/// A tracker reference is this word (or its plural) and a number.
const ISSUE: &str = concat!("iss", "ue");

/// Folders that hold what is built or found, not what is written.
const SKIPPED: [&str; 4] = ["target/", ".git/", "fuzz/corpus/", "fuzz/artifacts/"];

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Whether `line` holds `word` with no letter, digit or `_` on either side.
fn has_word(line: &str, word: &str) -> bool {
    let bytes = line.as_bytes();
    line.match_indices(word).any(|(at, _)| {
        let before = at.checked_sub(1).map(|i| bytes[i]);
        let after = bytes.get(at + word.len()).copied();
        !before.is_some_and(is_word_byte) && !after.is_some_and(is_word_byte)
    })
}

/// The ends of every tracker word in `line` (`issue` or `issues`, any case,
/// not inside a longer word), so that what follows can be looked at.
fn issue_word_ends(line: &str) -> Vec<usize> {
    let lower = line.to_ascii_lowercase();
    let bytes = lower.as_bytes();
    lower
        .match_indices(ISSUE)
        .filter_map(|(at, _)| {
            if at.checked_sub(1).is_some_and(|i| is_word_byte(bytes[i])) {
                return None;
            }
            let mut end = at + ISSUE.len();
            if bytes.get(end) == Some(&b's') {
                end += 1;
            }
            (!bytes.get(end).copied().is_some_and(is_word_byte)).then_some(end)
        })
        .collect()
}

/// Whether `rest` starts like a tracker number: blanks and/or `#`, then a
/// digit; where `blank_or_hash_needed`, one of them at least.
fn starts_with_number(rest: &str, blank_or_hash_needed: bool) -> bool {
    let trimmed = rest.trim_start_matches([' ', '\t']);
    let blank = trimmed.len() < rest.len();
    let (hash, number) = match trimmed.strip_prefix('#') {
        Some(after) => (true, after),
        None => (false, trimmed),
    };
    (blank || hash || !blank_or_hash_needed) && number.starts_with(|c: char| c.is_ascii_digit())
}

/// What `line` refers to outside the product, if anything; `next` is the
/// following line, for a tracker number carried over to it.
fn reference(line: &str, next: Option<&str>) -> Option<&'static str> {
    if has_word(line, THE_NOTES) {
        return Some("the specification");
    }
    if FOLDERS.iter().any(|f| line.contains(f)) {
        return Some("a notes folder");
    }
    if line.contains(SECTION) {
        return Some("a section sign");
    }
    for end in issue_word_ends(line) {
        let rest = &line[end..];
        if starts_with_number(rest, true) {
            return Some("a tracker number");
        }
        if rest.trim().is_empty() && next.is_some_and(|n| starts_with_number(n.trim_start(), false))
        {
            return Some("a tracker number");
        }
    }
    None
}

/// The repository's files: what git tracks, or the tree without what is
/// built or found where git is not at hand.
fn repository_files(root: &Path) -> Vec<String> {
    let listed = Command::new("git")
        .args(["ls-files", "-z"])
        .current_dir(root)
        .output()
        .ok()
        .filter(|o| o.status.success());
    let files = match listed {
        Some(out) => String::from_utf8(out.stdout)
            .unwrap()
            .split('\0')
            .filter(|f| !f.is_empty())
            .map(str::to_owned)
            .collect(),
        None => crate::support::files_under(root),
    };
    files
        .into_iter()
        .filter(|f| !SKIPPED.iter().any(|s| f.starts_with(s)))
        .collect()
}

#[test]
fn no_file_refers_to_notes_outside_the_product() {
    let root = repo_path("");
    let mut found = Vec::new();
    let files = repository_files(&root);
    assert!(files.iter().any(|f| f == "Cargo.toml"), "{files:?}");
    for file in &files {
        // A file git tracks but the work tree no longer has is not read.
        let Ok(bytes) = std::fs::read(root.join(file)) else {
            continue;
        };
        if bytes.contains(&0) {
            continue; // binary
        }
        let text = String::from_utf8_lossy(&bytes);
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if let Some(what) = reference(line, lines.get(i + 1).copied()) {
                found.push(format!("{file}:{}: {what}: {}", i + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "{} lines refer to notes outside the product; say the reason in place:\n{}",
        found.len(),
        found.join("\n")
    );
}

/// The matcher itself, so that the test above cannot pass by matching
/// nothing.
#[test]
fn the_patterns_catch_references_and_only_them() {
    let hit = |line: &str| reference(line, None).is_some();
    for line in [
        format!("see {THE_NOTES}.md"),
        format!("the model of {THE_NOTES} \"Schedule\""),
        format!("({THE_NOTES})"),
        format!("notes in {}x.md", FOLDERS[0]),
        format!("fuzz/{}", FOLDERS[1]),
        format!("as {SECTION}4 says"),
        format!("({ISSUE} 10)"),
        format!("I{} 3's acceptance", &ISSUE[1..]),
        format!("{} #12", ISSUE.to_uppercase()),
        format!("{ISSUE}s 3 and 5"),
        format!("{ISSUE}#7"),
    ] {
        assert!(hit(&line), "{line:?} is not caught");
    }
    for line in [
        "a spec of the format".to_owned(),
        format!("{THE_NOTES}IAL cases"),
        format!("{THE_NOTES}S_DIR"),
        "the seeds of a fuzzer, the research of a team".to_owned(),
        format!("an {ISSUE} with 3 posts"),
        format!("t{ISSUE} 3"),
        format!("{ISSUE}s remain"),
        format!("re{ISSUE} 4"),
    ] {
        assert!(!hit(&line), "{line:?} is caught");
    }
    assert!(reference(&format!("the fix ({ISSUE}"), Some("10): more")).is_some());
}
