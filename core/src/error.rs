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
        GutskinError::InvalidInput { field: field.into(), reason: clip(reason.to_string(), MAX_REASON_CHARS) }
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
        GutskinError::NotFound { what: what.to_string(), id: clip(id.into(), MAX_ID_CHARS) }
    }

    pub(crate) fn encryption(reason: EncryptionFailure, detail: impl Into<String>) -> Self {
        GutskinError::Encryption { reason, detail: detail.into() }
    }
}

/// Reasons and ids echo what the caller handed in: a 10 MB string is cut to this many characters
/// (the app shows and logs errors; they must stay small).
const MAX_REASON_CHARS: usize = 500;
const MAX_ID_CHARS: usize = 100;

/// `text` cut to at most `max` characters, with "…" where it was cut.
fn clip(mut text: String, max: usize) -> String {
    if let Some((at, _)) = text.char_indices().nth(max) {
        text.truncate(at);
        text.push('…');
    }
    text
}

impl From<rusqlite::Error> for GutskinError {
    /// SQLite's result codes as what the app can tell the user; SQLite's own message follows in
    /// brackets for the log. A failed write leaves nothing of itself behind (it was one
    /// transaction): what was saved before is kept.
    fn from(err: rusqlite::Error) -> Self {
        use rusqlite::ffi::ErrorCode;
        let detail = match err.sqlite_error_code() {
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => {
                return GutskinError::CorruptFile { detail: err.to_string() };
            }
            Some(ErrorCode::DiskFull) => {
                "the disk is full: this change was not saved (everything saved before is kept); free some space \
                 and try again"
            }
            Some(ErrorCode::ReadOnly) => {
                "the diary cannot be written: its file, its folder or the file system is read-only (nothing was \
                 changed)"
            }
            Some(ErrorCode::CannotOpen) => {
                "the diary file cannot be opened: its folder is missing, cannot be written, or is on a read-only \
                 file system"
            }
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => {
                "the diary is busy: another process kept it locked for longer than the wait; try again"
            }
            Some(ErrorCode::PermissionDenied) => "no permission to read or write the diary file",
            Some(ErrorCode::SystemIoFailure) => "reading or writing the diary file failed (an I/O error of the device)",
            Some(ErrorCode::OutOfMemory) => "out of memory",
            _ => return GutskinError::Storage { detail: err.to_string() },
        };
        GutskinError::Storage { detail: format!("{detail} ({err})") }
    }
}

impl From<serde_json::Error> for GutskinError {
    fn from(err: serde_json::Error) -> Self {
        GutskinError::Storage { detail: format!("stored value could not be decoded: {err}") }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rusqlite::ffi;

    fn sqlite(code: i32) -> GutskinError {
        rusqlite::Error::SqliteFailure(ffi::Error::new(code), None).into()
    }

    fn detail(err: GutskinError) -> String {
        match err {
            GutskinError::Storage { detail } => detail,
            other => panic!("expected Storage, got {other:?}"),
        }
    }

    #[test]
    fn sqlite_failures_say_what_the_user_can_do() {
        assert!(detail(sqlite(ffi::SQLITE_FULL)).starts_with("the disk is full"));
        assert!(detail(sqlite(ffi::SQLITE_READONLY)).contains("read-only"));
        assert!(detail(sqlite(ffi::SQLITE_READONLY_DIRECTORY)).contains("read-only"));
        assert!(detail(sqlite(ffi::SQLITE_CANTOPEN)).contains("folder is missing"));
        assert!(detail(sqlite(ffi::SQLITE_BUSY)).contains("another process"));
        assert!(detail(sqlite(ffi::SQLITE_IOERR_WRITE)).contains("I/O error"));
        assert!(matches!(sqlite(ffi::SQLITE_NOTADB), GutskinError::CorruptFile { .. }));
        assert!(matches!(sqlite(ffi::SQLITE_CORRUPT), GutskinError::CorruptFile { .. }));
        // SQLite's own words follow, for the log.
        let full = detail(sqlite(ffi::SQLITE_FULL));
        assert!(full.ends_with("database or disk is full)"), "{full}");
    }

    #[test]
    fn reasons_and_ids_are_clipped() {
        let huge = "é".repeat(1 << 20);
        let GutskinError::InvalidInput { reason, .. } = GutskinError::invalid("f", &huge) else { unreachable!() };
        assert_eq!(reason.chars().count(), MAX_REASON_CHARS + 1);
        assert!(reason.ends_with('…'));
        let GutskinError::NotFound { id, .. } = GutskinError::not_found("entry", huge) else { unreachable!() };
        assert_eq!(id.chars().count(), MAX_ID_CHARS + 1);
        assert_eq!(clip("short".into(), 5), "short");
    }
}
