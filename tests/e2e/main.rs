//! End-to-end tests of the `gutskin` binary: each test gets its own data folder (GUTSKIN_HOME in
//! a temp dir) and drives the real binary as a person or a script would.
//!
//! Built as the `e2e` test target of the gutskin-cli package (see cli/Cargo.toml):
//! `cargo test -p gutskin-cli --test e2e`.

mod crash;
mod demo;
mod entries;
mod exchange;
mod files;
mod foods;
mod insights;
mod photos;
mod privacy;
mod reminders;
mod resilience;
mod sync;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;
use tempfile::TempDir;

pub const BIN: &str = env!("CARGO_BIN_EXE_gutskin");

/// A day safely in the past, in summer (Berlin is at +02:00).
pub const DAY: &str = "2025-06-10";

/// What a run of the binary did.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Run {
    fn from(out: Output) -> Run {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

impl Run {
    /// Asserts a clean failure: the exit code, one "error: " line, no panic or backtrace.
    pub fn assert_error(&self, code: i32, contains: &str) {
        assert_eq!(self.code, code, "{self:?}");
        assert!(self.stderr.starts_with("error: "), "{self:?}");
        assert_eq!(self.stderr.lines().count(), 1, "one line: {self:?}");
        assert!(self.stderr.contains(contains), "{contains:?} in {self:?}");
        assert!(!self.stderr.contains("panicked"), "{self:?}");
    }
}

impl Default for Home {
    fn default() -> Self {
        Home::new()
    }
}

/// A data folder of its own, and the binary run against it in Europe/Berlin.
pub struct Home {
    pub dir: TempDir,
}

impl Home {
    pub fn new() -> Home {
        Home { dir: tempfile::tempdir().expect("temp dir") }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The default diary: <GUTSKIN_HOME>/diary.sqlite.
    pub fn diary(&self) -> PathBuf {
        self.path("diary.sqlite")
    }

    pub fn command(&self, args: &[&str]) -> Command {
        let mut cmd = Command::new(BIN);
        cmd.args(args).env("GUTSKIN_HOME", self.dir.path()).env("TZ", "Europe/Berlin").env_remove("RUST_BACKTRACE");
        cmd
    }

    pub fn run(&self, args: &[&str]) -> Run {
        self.command(args).output().expect("run gutskin").into()
    }

    /// Runs and asserts success; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let run = self.run(args);
        assert_eq!(run.code, 0, "gutskin {args:?}: {run:?}");
        assert!(run.stderr.is_empty(), "gutskin {args:?}: {run:?}");
        run.stdout
    }

    /// Runs with --json and parses the output.
    pub fn json(&self, args: &[&str]) -> Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let out = self.ok(&all);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"))
    }

    /// Logs with --json and returns the stored entry.
    pub fn log(&self, args: &[&str]) -> Value {
        let mut all = vec!["log"];
        all.extend_from_slice(args);
        self.json(&all)
    }

    /// Every entry of the default diary, deleted ones included.
    pub fn all_entries(&self) -> Vec<Value> {
        let listed = self.json(&["list", "--from", "2000-01-01", "--to", "2100-01-01", "--deleted"]);
        listed.as_array().expect("an array").clone()
    }
}

pub fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

pub fn id_of(entry: &Value) -> String {
    entry["id"].as_str().expect("an id").to_string()
}
