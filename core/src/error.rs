//! The one public error type of the core, and the mapping of internal failures onto it.
//!
//! Variants carry what a caller can act on (which field, why); they never carry diary contents.

use std::fmt;

/// Every failure the core reports. Kotlin sees it as `GutskinException`, Swift as `GutskinError`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Error))]
pub enum GutskinError {
    /// A value is out of range or malformed. `field` names it (e.g. `skin.ratings[0].severity`).
    #[error("invalid {field}: {reason}")]
    InvalidInput { field: String, reason: String },
    /// No entry (or other record) with that id exists.
    #[error("{what} {id} not found")]
    NotFound { what: String, id: String },
    /// The file was written by a newer version of Gutskin; it is left untouched.
    #[error(
        "this diary was written by a newer version of Gutskin (schema {found}, this version reads up to {supported}); update the app"
    )]
    NewerSchema { found: u32, supported: u32 },
    /// The file is not a readable Gutskin diary; it is left untouched.
    #[error("the diary file is damaged or not a Gutskin diary: {detail}")]
    CorruptFile { detail: String },
    /// A line of an import is malformed; nothing was imported.
    #[error("import line {line}: invalid {field}: {reason}")]
    InvalidImport { line: u64, field: String, reason: String },
    /// The storage layer failed (disk full, read-only file system, locked, I/O).
    #[error("storage error: {detail}")]
    Storage { detail: String },
    /// Sync could not use something: `reason` says what the app can do about it (docs/sync.md).
    #[error("sync: {reason}: {detail}")]
    Sync { reason: SyncFailure, detail: String },
    /// An encrypted diary or backup could not be opened with what was given: `reason` says what the
    /// app can do about it (docs/privacy.md). Nothing was read or written; the file is untouched.
    #[error("{reason}: {detail}")]
    Encryption { reason: EncryptionFailure, detail: String },
}

/// Why an encrypted diary or a backup could not be opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum EncryptionFailure {
    /// The diary (or the backup) is encrypted with a key, and none was given.
    KeyNeeded,
    /// The key given does not open it (another key; or the file is damaged, which cannot be told apart).
    WrongKey,
    /// A key was given, but the diary is not encrypted: open it without one (then `encrypt`).
    NotEncrypted,
    /// The backup is sealed with a passphrase, and none was given.
    PassphraseNeeded,
    /// The passphrase given does not open the backup.
    WrongPassphrase,
    /// The backup was changed, cut short, or is not a Gutskin backup at all.
    DamagedBackup,
    /// The backup was made by a newer Gutskin in a format this version cannot read: update the app.
    NewerBackup,
}

impl fmt::Display for EncryptionFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EncryptionFailure::KeyNeeded => "the diary is encrypted and needs its key",
            EncryptionFailure::WrongKey => "the key does not open it",
            EncryptionFailure::NotEncrypted => "the diary is not encrypted",
            EncryptionFailure::PassphraseNeeded => "the backup is sealed with a passphrase",
            EncryptionFailure::WrongPassphrase => "the passphrase does not open the backup",
            EncryptionFailure::DamagedBackup => "the backup is damaged",
            EncryptionFailure::NewerBackup => "the backup is from a newer Gutskin",
        })
    }
}

/// Why sync could not use an object or reach its store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum SyncFailure {
    /// Sealed with another sync key: the right recovery code is needed, or a fresh start.
    WrongKey,
    /// Changed, cut short, or not a Gutskin sync object; nothing from it was applied.
    Damaged,
    /// Written by a newer Gutskin in a format this version cannot read: left for after an update.
    NewerFormat,
    /// The folder or object store could not be reached, read or written.
    Transport,
}

impl fmt::Display for SyncFailure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SyncFailure::WrongKey => "wrong sync key",
            SyncFailure::Damaged => "damaged sync file",
            SyncFailure::NewerFormat => "sync file from a newer Gutskin",
            SyncFailure::Transport => "sync storage unavailable",
        })
    }
}

/// A Kotlin or Swift transport that failed in a way it did not declare.
#[cfg(feature = "uniffi")]
impl From<uniffi::UnexpectedUniFFICallbackError> for GutskinError {
    fn from(err: uniffi::UnexpectedUniFFICallbackError) -> Self {
        GutskinError::Sync { reason: SyncFailure::Transport, detail: err.reason }
    }
}

pub type Result<T, E = GutskinError> = std::result::Result<T, E>;

impl GutskinError {
    pub(crate) fn invalid(field: impl Into<String>, reason: impl fmt::Display) -> Self {
        GutskinError::InvalidInput { field: field.into(), reason: reason.to_string() }
    }

    /// The same error with its field named relative to an enclosing value, e.g. `entries[3].`.
    pub(crate) fn with_field_prefix(self, prefix: &str) -> Self {
        match self {
            GutskinError::InvalidInput { field, reason } => {
                GutskinError::InvalidInput { field: format!("{prefix}{field}"), reason }
            }
            other => other,
        }
    }

    pub(crate) fn not_found(what: &str, id: impl Into<String>) -> Self {
        GutskinError::NotFound { what: what.to_string(), id: id.into() }
    }

    pub(crate) fn encryption(reason: EncryptionFailure, detail: impl Into<String>) -> Self {
        GutskinError::Encryption { reason, detail: detail.into() }
    }
}

impl From<rusqlite::Error> for GutskinError {
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode;
        match err.sqlite_error_code() {
            Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt) => {
                GutskinError::CorruptFile { detail: err.to_string() }
            }
            _ => GutskinError::Storage { detail: err.to_string() },
        }
    }
}

impl From<serde_json::Error> for GutskinError {
    fn from(err: serde_json::Error) -> Self {
        GutskinError::Storage { detail: format!("stored value could not be decoded: {err}") }
    }
}
