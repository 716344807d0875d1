//! How the command fails: one line on stderr and a documented exit code.

use std::fmt;

use gutskin_core::GutskinError;

/// Exit codes (also in `gutskin --help` and docs/cli.md).
pub mod code {
    /// A storage or I/O failure (disk full, file locked for too long, unreadable input file).
    pub const OTHER: i32 = 1;
    /// A usage error, invalid input, or a request refused as unsafe (nothing was written).
    pub const USAGE: i32 = 2;
    /// No entry with that id, or no diary at the --db path.
    pub const NOT_FOUND: i32 = 3;
    /// The diary file was refused: written by a newer Gutskin, or damaged. It is left untouched.
    pub const FILE_REFUSED: i32 = 4;
    /// Sync could not use some data: another sync key, damaged files, or files from a newer Gutskin.
    pub const SYNC: i32 = 5;
    /// An encrypted diary or a backup could not be opened: its key or passphrase is missing or wrong,
    /// or the backup is damaged or from a newer Gutskin. Nothing was changed.
    pub const LOCKED: i32 = 6;
    /// A bug: the command panicked.
    pub const INTERNAL: i32 = 70;
}

#[derive(Debug)]
pub struct Failure {
    pub code: i32,
    pub message: String,
}

pub type CliResult<T = ()> = Result<T, Failure>;

impl Failure {
    pub fn usage(message: impl Into<String>) -> Failure {
        Failure { code: code::USAGE, message: message.into() }
    }

    /// An invalid value of a command-line option, in the core's "invalid FIELD: REASON" style.
    pub fn invalid(option: &str, reason: impl fmt::Display) -> Failure {
        Failure::usage(format!("invalid {option}: {reason}"))
    }

    pub fn other(message: impl Into<String>) -> Failure {
        Failure { code: code::OTHER, message: message.into() }
    }
}

impl From<GutskinError> for Failure {
    fn from(err: GutskinError) -> Failure {
        let code = match &err {
            GutskinError::InvalidInput { .. } | GutskinError::InvalidImport { .. } => code::USAGE,
            GutskinError::NotFound { .. } => code::NOT_FOUND,
            GutskinError::NewerSchema { .. } | GutskinError::CorruptFile { .. } => code::FILE_REFUSED,
            GutskinError::Storage { .. } => code::OTHER,
            GutskinError::Sync { reason, .. } => crate::sync::failure_code(*reason),
            GutskinError::Encryption { .. } => code::LOCKED,
        };
        Failure { code, message: err.to_string() }
    }
}

/// Output failures. A closed pipe (`gutskin list | head`) is not an error: the reader had enough.
impl From<std::io::Error> for Failure {
    fn from(err: std::io::Error) -> Failure {
        if err.kind() == std::io::ErrorKind::BrokenPipe {
            return Failure { code: 0, message: String::new() };
        }
        Failure::other(format!("could not write the output: {err}"))
    }
}

impl From<serde_json::Error> for Failure {
    fn from(err: serde_json::Error) -> Failure {
        if err.is_io() {
            return std::io::Error::from(err).into();
        }
        Failure::other(format!("could not write JSON: {err}"))
    }
}
