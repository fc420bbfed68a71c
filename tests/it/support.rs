//! Helpers shared by the test modules: paths of the repository, scratch
//! copies of its folders, walking a folder, running the binary and reading
//! what it printed, and the rule for a test that needs a tool the machine
//! may lack.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// A path of the repository, whatever the current folder.
pub fn repo_path(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Copies the folder `from` into `to` (created), recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// A copy of the repository folder `rel` in a new temporary folder (the
/// folder itself is the copy's root).
pub fn temp_copy(rel: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo_path(rel), dir.path());
    dir
}

/// Every file below `dir`, relative to it with `/` between folders, sorted.
pub fn files_under(dir: &Path) -> Vec<String> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_string_lossy();
                files.push(rel.replace('\\', "/"));
            }
        }
    }
    files.sort();
    files
}

/// The built binary as a child process of the repository's folder, without
/// color and without what the environment could add: `EDCAL_CALENDAR`,
/// `EDCAL_TODAY` and the fault hook `EDCAL_FAULT`.
pub fn edcal() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_edcal"));
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("NO_COLOR", "1")
        .env_remove("EDCAL_CALENDAR")
        .env_remove("EDCAL_TODAY")
        .env_remove("EDCAL_FAULT");
    command
}

/// Output as text; it must be UTF-8.
pub fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// A finished run of the binary: exit code and both outputs as text.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// stdout and stderr: `check` prints findings on stdout, its summary on
    /// stderr.
    pub fn all(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

impl From<Output> for Run {
    fn from(out: Output) -> Run {
        Run {
            code: out.status.code().expect("edcal exited, not killed"),
            stdout: text(&out.stdout),
            stderr: text(&out.stderr),
        }
    }
}

/// Whether this is a CI run (`CI=true`, as CI services and `.ci/run` set it).
pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v.eq_ignore_ascii_case("true"))
}

/// What a test does when `tool` is missing: in CI the test fails, for CI
/// installs it; elsewhere it prints a note past the test harness's capture
/// (`install` says how to get the tool) and the caller returns.
pub fn missing_tool(tool: &str, install: &str) {
    assert!(
        !in_ci(),
        "{tool} is missing and CI=true: CI must install it ({install})"
    );
    let _ = writeln!(
        std::io::stderr(),
        "note: skipped, {tool} is missing ({install}); with CI=true this fails"
    );
}

/// Whether Python 3 can import `module`; when it cannot, [`missing_tool`]
/// (a failure in CI, a note elsewhere) and `false`, and the caller returns.
pub fn python_module(module: &str, install: &str) -> bool {
    let probe = std::process::Command::new("python3")
        .args(["-c", &format!("import {module}")])
        .output();
    let found = probe.is_ok_and(|o| o.status.success());
    if !found {
        missing_tool(&format!("python3 with `{module}`"), install);
    }
    found
}
