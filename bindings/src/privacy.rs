//! Encryption at rest, backups and restore, and deleting everything, forwarded to the core
//! (docs/privacy.md). Keys cross as 32 bytes; the app keeps them in the Keychain or Keystore.

use std::sync::Arc;

use gutskin_core::privacy::{BackupInfo, read_backup_info};
use gutskin_core::{BackupSecret, DiaryFile, DiaryKey, GutskinError, RestoreReport, WipeReport};

use crate::Diary;

#[uniffi::export]
impl Diary {
    /// Opens the encrypted diary at `path` with its 32-byte key, or creates a new encrypted diary
    /// there. A wrong key is `GutskinException.Encryption` with reason `WRONG_KEY`; the file is
    /// left untouched.
    #[uniffi::constructor]
    pub fn open_encrypted(path: String, key: Vec<u8>) -> Result<Arc<Self>, GutskinError> {
        let key = DiaryKey::from_bytes(&key)?;
        Ok(Arc::new(Diary { inner: gutskin_core::Diary::open_encrypted(path, &key)? }))
    }

    /// Whether the diary file is encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.inner.is_encrypted()
    }

    /// Encrypts this plain diary under `key` (keep the key first). It stays open, encrypted;
    /// open it with `open_encrypted` from now on. Blocking: off the main thread.
    pub fn encrypt(&self, key: Vec<u8>) -> Result<(), GutskinError> {
        self.inner.encrypt(&DiaryKey::from_bytes(&key)?)
    }

    /// Changes the key. Keep the old key until this returns: after a crash in the middle, the
    /// diary opens with the old one.
    pub fn rekey(&self, new_key: Vec<u8>) -> Result<(), GutskinError> {
        self.inner.rekey(&DiaryKey::from_bytes(&new_key)?)
    }

    /// Turns encryption off.
    pub fn decrypt(&self) -> Result<(), GutskinError> {
        self.inner.decrypt()
    }

    /// Writes a backup of the whole diary to `path`, sealed with the diary key or a passphrase.
    pub fn backup_to_file(&self, path: String, secret: BackupSecret) -> Result<BackupInfo, GutskinError> {
        self.inner.backup_to_file(path, &secret)
    }

    /// Replaces this diary with the backup at `path` (upgraded if older; encrypted if this diary
    /// is). A diary that holds entries is replaced only with `replace` (ask the user first).
    pub fn restore_from_file(
        &self,
        path: String,
        secret: BackupSecret,
        replace: bool,
    ) -> Result<RestoreReport, GutskinError> {
        self.inner.restore_from_file(path, &secret, replace)
    }

    /// Deletes everything: closes the diary and removes its files; returns the photo files the
    /// app must delete. Every call on this object fails afterwards; forget the key too.
    pub fn wipe(&self) -> Result<WipeReport, GutskinError> {
        self.inner.wipe()
    }
}

/// A new random 32-byte diary key, for the app to keep in the Keychain or Keystore.
#[uniffi::export]
pub fn new_diary_key() -> Result<Vec<u8>, GutskinError> {
    Ok(DiaryKey::generate()?.as_bytes().to_vec())
}

/// What the file at `path` is (missing, plain, encrypted, unknown), without opening it: whether
/// to open it with the key.
#[uniffi::export]
pub fn diary_file_kind(path: String) -> Result<DiaryFile, GutskinError> {
    gutskin_core::diary_file(path)
}

/// What the header of the backup at `path` says: whether it needs the passphrase or the key.
#[uniffi::export]
pub fn backup_info(path: String) -> Result<BackupInfo, GutskinError> {
    read_backup_info(std::path::Path::new(&path))
}

/// Removes the diary at `path` and every file beside it without opening it: for a diary whose
/// key is lost. Close every `Diary` on it first.
#[uniffi::export]
pub fn wipe_diary_files(path: String) -> Result<WipeReport, GutskinError> {
    gutskin_core::wipe_files(path)
}
