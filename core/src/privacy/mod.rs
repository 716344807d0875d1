//! Privacy: encryption at rest, backups, and deleting everything (docs/privacy.md).
//!
//! - The diary file can be encrypted with SQLCipher under a 32-byte [`DiaryKey`] that the app keeps
//!   (Android Keystore, iOS Keychain); the core never writes it anywhere. `Diary::open_encrypted`,
//!   `Diary::encrypt`, `Diary::rekey` and `Diary::decrypt` use it; the SQL is in `store/cipher.rs`.
//! - A backup is one file: a consistent copy of the live diary, compressed and sealed with
//!   XChaCha20-Poly1305 under the diary key or a passphrase (Argon2id), behind a versioned header
//!   (`backup.rs`). `Diary::backup_to_file` writes one, `Diary::restore_from_file` reads one back.
//! - `Diary::wipe` (or [`wipe_files`] for a diary that cannot be opened) removes the diary and every
//!   file SQLite or the core made beside it, and returns the photo files the app should delete.

pub(crate) mod backup;

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use hkdf::Hkdf;
use serde::Serialize;
use sha2::Sha256;

use crate::error::{GutskinError, Result};

pub use crate::diary::read_backup_info;
pub use backup::{BACKUP_FORMAT_VERSION, BackupInfo, BackupSealing, MIN_PASSPHRASE_CHARS};

/// The key of an encrypted diary: 32 random bytes. Zeroed when dropped; never printed.
#[derive(Clone, PartialEq, Eq)]
pub struct DiaryKey([u8; 32]);

impl fmt::Debug for DiaryKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("DiaryKey(..)")
    }
}

impl Drop for DiaryKey {
    fn drop(&mut self) {
        zero(&mut self.0);
    }
}

impl DiaryKey {
    /// A new random key from the operating system's generator.
    pub fn generate() -> Result<DiaryKey> {
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes)
            .map_err(|e| GutskinError::Storage { detail: format!("no randomness for a diary key: {e}") })?;
        Ok(DiaryKey(bytes))
    }

    /// The key from its 32 bytes (as the app kept them).
    pub fn from_bytes(bytes: &[u8]) -> Result<DiaryKey> {
        let bytes: [u8; 32] = bytes
            .try_into()
            .map_err(|_| GutskinError::invalid("key", format!("must be 32 bytes, got {}", bytes.len())))?;
        Ok(DiaryKey(bytes))
    }

    /// The key from 64 hexadecimal digits (spaces and a trailing newline are ignored).
    pub fn from_hex(text: &str) -> Result<DiaryKey> {
        let digits: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
        if digits.len() != 64 {
            return Err(GutskinError::invalid("key", format!("must be 64 hex digits, got {}", digits.len())));
        }
        let mut bytes = [0u8; 32];
        for (i, pair) in digits.chunks(2).enumerate() {
            let hex = |b: u8| (b as char).to_digit(16).ok_or_else(|| GutskinError::invalid("key", "not hex digits"));
            bytes[i] = (hex(pair[0])? * 16 + hex(pair[1])?) as u8;
        }
        Ok(DiaryKey(bytes))
    }

    /// The key as 64 lowercase hex digits, for a key file the user keeps.
    pub fn to_hex(&self) -> String {
        self.0.iter().map(|b| format!("{b:02x}")).collect()
    }

    pub fn as_bytes(&self) -> &[u8; 32] {
        &self.0
    }

    /// A 32-byte subkey for `purpose` (HKDF-SHA256, salt "gutskin diary").
    pub(crate) fn derive(&self, purpose: &str) -> [u8; 32] {
        let mut out = [0u8; 32];
        Hkdf::<Sha256>::new(Some(b"gutskin diary"), &self.0)
            .expand(purpose.as_bytes(), &mut out)
            .expect("32 bytes is a valid HKDF length");
        out
    }
}

/// How a backup is sealed: with the diary key (for restoring where the key is kept) or with a
/// passphrase the user chooses (for moving to a new phone: nothing but the file and the phrase).
#[derive(Clone, PartialEq, Eq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum BackupSecret {
    /// The diary's 32-byte key.
    Key { key: Vec<u8> },
    /// A passphrase (at least 8 characters to seal a backup), stretched with Argon2id.
    Passphrase { passphrase: String },
}

impl fmt::Debug for BackupSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            BackupSecret::Key { .. } => "BackupSecret::Key(..)",
            BackupSecret::Passphrase { .. } => "BackupSecret::Passphrase(..)",
        })
    }
}

/// What a restore brought back.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct RestoreReport {
    /// Entries in the restored diary, deleted ones included.
    pub entries: u64,
    /// The schema version the backup was written with (older ones were upgraded on restore).
    pub schema_version_of_backup: u32,
    /// When the backup was made (ms since the Unix epoch, as the backing-up device's clock read).
    pub backed_up_at_ms: i64,
    /// Whether the restored diary is encrypted (it is when the diary restored into was).
    pub encrypted: bool,
}

/// What `Diary::wipe` or [`wipe_files`] removed, and what the app must remove itself.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct WipeReport {
    /// The files removed: the diary and its -wal, -shm and -journal files, and leftovers of an
    /// interrupted encrypt, decrypt or restore.
    pub removed_files: Vec<String>,
    /// The photos' `local_ref`s (the app's references to the picture files, deleted photos
    /// included): the core never owned those files; the app deletes them. Empty when the diary
    /// could not be opened (`wipe_files`).
    pub photo_files: Vec<String>,
}

/// What a diary file on disk is, from its first bytes (nothing is opened or written).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
pub enum DiaryFile {
    /// No file, or an empty one: opening creates a new diary.
    Missing,
    /// A plain (unencrypted) SQLite file.
    Plain,
    /// An encrypted Gutskin diary: it opens only with its key.
    Encrypted,
    /// Neither: a damaged file, or not a database at all.
    Unknown,
}

/// The first 16 bytes of every SQLite file; encrypted diaries keep them (and the rest of the
/// 32-byte header) in the clear, so that they can be told from damaged files.
const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";
/// The reserved bytes per page (header offset 20) that mark a page as SQLCipher's: its IV and MAC.
const MIN_CIPHER_RESERVE: u8 = 32;

/// What the diary file at `path` is, from its header.
pub fn diary_file(path: impl AsRef<Path>) -> Result<DiaryFile> {
    let path = path.as_ref();
    crate::validate::file_path("path", path)?;
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(DiaryFile::Missing),
        Err(e) => return Err(GutskinError::Storage { detail: format!("could not read the diary file: {e}") }),
    };
    let mut header = Vec::with_capacity(32);
    file.by_ref()
        .take(32)
        .read_to_end(&mut header)
        .map_err(|e| GutskinError::Storage { detail: format!("could not read the diary file: {e}") })?;
    Ok(match header.len() {
        0 => DiaryFile::Missing,
        n if n >= 21 && header[..16] == SQLITE_MAGIC[..] => {
            if header[20] >= MIN_CIPHER_RESERVE {
                DiaryFile::Encrypted
            } else {
                DiaryFile::Plain
            }
        }
        _ => DiaryFile::Unknown,
    })
}

/// The files SQLite and the core may keep beside a diary: its journals and the temporary file of
/// an interrupted encrypt, decrypt or restore (with its own journal).
pub(crate) fn companion_files(path: &Path) -> Vec<PathBuf> {
    let with = |suffix: &str| {
        let mut name = path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    let new = with(NEW_SUFFIX);
    let mut files = vec![with("-wal"), with("-shm"), with("-journal")];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut name = new.as_os_str().to_owned();
        name.push(suffix);
        files.push(PathBuf::from(name));
    }
    files.push(new);
    files
}

/// The suffix of the replacement file an encrypt, decrypt or restore builds before it swaps it in.
pub(crate) const NEW_SUFFIX: &str = ".new";

/// Removes the diary at `path` and every file beside it that belongs to it, without opening it:
/// for a diary that cannot be opened any more (its key is lost, or it is damaged). Each file is
/// overwritten with zeros before it is removed (a best effort: flash storage may keep old blocks;
/// on an encrypted diary, forgetting the key is what makes the data unreadable). Close every
/// connection to the diary first. Missing files are fine.
pub fn wipe_files(path: impl AsRef<Path>) -> Result<WipeReport> {
    let path = path.as_ref();
    // An empty path would name "-wal" and the like in the working folder: refused, as a folder is.
    crate::validate::file_path("path", path)?;
    let mut removed = Vec::new();
    for file in std::iter::once(path.to_path_buf()).chain(companion_files(path)) {
        if remove_file(&file)? {
            removed.push(file.display().to_string());
        }
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        sync_dir(dir);
    }
    Ok(WipeReport { removed_files: removed, photo_files: Vec::new() })
}

/// Overwrites a file with zeros, syncs it, removes it; false if it did not exist.
fn remove_file(path: &Path) -> Result<bool> {
    use std::io::Write;
    let failed =
        |e: std::io::Error| GutskinError::Storage { detail: format!("could not remove {}: {e}", path.display()) };
    let meta = match std::fs::symlink_metadata(path) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(e) => return Err(failed(e)),
    };
    if meta.is_file() {
        // Best effort: a read-only file is still removed below.
        if let Ok(mut file) = std::fs::OpenOptions::new().write(true).open(path) {
            let zeros = vec![0u8; 64 * 1024];
            let mut left = meta.len();
            while left > 0 {
                let n = left.min(zeros.len() as u64) as usize;
                if file.write_all(&zeros[..n]).is_err() {
                    break;
                }
                left -= n as u64;
            }
            let _ = file.sync_all();
        }
    }
    match std::fs::remove_file(path) {
        Ok(()) => Ok(true),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(failed(e)),
    }
}

/// Makes a rename or removal in `dir` durable (where the platform allows opening a folder).
pub(crate) fn sync_dir(dir: &Path) {
    if let Ok(dir) = std::fs::File::open(dir) {
        let _ = dir.sync_all();
    }
}

/// Overwrites secret bytes in a way the optimiser keeps.
pub(crate) fn zero(bytes: &mut [u8]) {
    for byte in bytes {
        // SAFETY: a valid, aligned pointer to a byte we own; volatile so the write is kept.
        unsafe { std::ptr::write_volatile(byte, 0) };
    }
}

#[cfg(test)]
mod tests;
