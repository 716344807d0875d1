//! Encryption at rest, backups and restore, and deleting everything (docs/privacy.md).

use std::io::Write;
use std::path::Path;
use std::sync::{Arc, Mutex};

use super::{Clock, Diary, SystemClock, now_ms};
use crate::error::{GutskinError, Result};
use crate::privacy::{BackupInfo, BackupSecret, DiaryKey, RestoreReport, WipeReport, backup, sync_dir};
use crate::store::Store;

impl Diary {
    /// Opens the encrypted diary at `path` with its key, or creates a new encrypted diary there.
    /// A wrong key is `Encryption { reason: WrongKey }`, a plain diary `NotEncrypted`; the file is
    /// left untouched. (`Diary::open` of an encrypted diary is `KeyNeeded`.)
    pub fn open_encrypted(path: impl AsRef<Path>, key: &DiaryKey) -> Result<Diary> {
        Self::open_encrypted_with_clock(path.as_ref(), key, Arc::new(SystemClock))
    }

    /// Like `open_encrypted`, reading the time from `clock`.
    pub fn open_encrypted_with_clock(path: &Path, key: &DiaryKey, clock: Arc<dyn Clock>) -> Result<Diary> {
        Ok(Diary { store: Mutex::new(Store::open(Some(path), Some(key))?), clock })
    }

    /// Whether the diary file is encrypted.
    pub fn is_encrypted(&self) -> bool {
        self.store().is_encrypted()
    }

    /// Encrypts this plain diary under `key`: a copy is written encrypted beside it, checked, and
    /// renamed over it, so a crash at any point leaves the plain diary or the encrypted one, whole.
    /// Refused while another connection (another process) has the diary open. This diary stays
    /// open, now encrypted; open it with the key from now on.
    pub fn encrypt(&self, key: &DiaryKey) -> Result<()> {
        self.store().encrypt(key)
    }

    /// Changes the key of this encrypted diary. Until this returns, keep the old key too: after a
    /// crash in the middle the diary opens with the old key.
    pub fn rekey(&self, new_key: &DiaryKey) -> Result<()> {
        self.store().rekey(new_key)
    }

    /// Turns encryption off: the diary is written plain beside itself, checked, and swapped in.
    pub fn decrypt(&self) -> Result<()> {
        self.store().decrypt()
    }

    /// A backup of the whole diary: one consistent snapshot, compressed and sealed under `secret`
    /// (docs/privacy.md has the format). The unencrypted copy exists in memory only.
    pub fn backup(&self, secret: &BackupSecret) -> Result<Vec<u8>> {
        let now = now_ms(self.clock.now()) as i64;
        let (mut image, version) = self.store().image()?;
        let sealed = backup::seal(&image, secret, version, now);
        crate::privacy::zero(&mut image);
        sealed
    }

    /// Writes a backup to `path` (replacing a file there only once the new one is complete and on
    /// disk; readable by its owner only). Returns what its header says.
    pub fn backup_to_file(&self, path: impl AsRef<Path>, secret: &BackupSecret) -> Result<BackupInfo> {
        let path = path.as_ref();
        // Before the work of sealing: a path that cannot be a file is refused at once.
        crate::validate::file_path("path", path)?;
        let bytes = self.backup(secret)?;
        write_file_atomically(path, &bytes)?;
        backup::read_info(&bytes)
    }

    /// Replaces this diary with the one in a backup, upgraded by the normal migrations if the
    /// backup is from an older version, and encrypted under this diary's key if this diary is
    /// encrypted. A diary that already holds entries, foods, meals or photos is replaced only with
    /// `replace` (ask the user first): otherwise `InvalidInput` on `replace`, and nothing changes.
    /// A wrong secret, a damaged or a newer backup: an `Encryption` error, and nothing changes.
    pub fn restore(&self, backup_bytes: &[u8], secret: &BackupSecret, replace: bool) -> Result<RestoreReport> {
        let (info, image) = backup::open(backup_bytes, secret)?;
        let mut store = self.store();
        let held = store.user_rows()?;
        if held > 0 && !replace {
            return Err(GutskinError::invalid(
                "replace",
                format!(
                    "this diary already holds {held} entries, foods, meals or photos; restoring replaces them \
                     all, so it needs to be asked for"
                ),
            ));
        }
        let entries = store.restore_image(image)?;
        Ok(RestoreReport {
            entries,
            schema_version_of_backup: info.schema_version,
            backed_up_at_ms: info.backed_up_at_ms,
            encrypted: store.is_encrypted(),
        })
    }

    /// `restore` from the backup file at `path`.
    pub fn restore_from_file(
        &self,
        path: impl AsRef<Path>,
        secret: &BackupSecret,
        replace: bool,
    ) -> Result<RestoreReport> {
        let bytes = read_backup(path.as_ref())?;
        self.restore(&bytes, secret, replace)
    }

    /// Deletes everything: closes the diary and removes its file, its -wal, -shm and -journal
    /// files and any leftover of an interrupted encrypt or restore (the sync state lives in the
    /// file). Returns what was removed and the photos' `local_ref`s, which the app deletes (the
    /// core never owned those files), then forgets its keys. The diary is closed afterwards: every
    /// call on it fails with `Storage`.
    pub fn wipe(&self) -> Result<WipeReport> {
        self.store().wipe()
    }
}

/// What the header of the backup file at `path` says (no key needed): whether to ask for the
/// passphrase or use the diary key, and how old it is.
pub fn read_backup_info(path: &Path) -> Result<BackupInfo> {
    backup::read_info(&read_backup(path)?)
}

fn read_backup(path: &Path) -> Result<Vec<u8>> {
    std::fs::read(path).map_err(|e| GutskinError::invalid("path", format!("could not read the backup: {e}")))
}

/// Writes `bytes` to a temporary file beside `path`, syncs it and renames it into place.
fn write_file_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut name = path.as_os_str().to_owned();
    name.push(".partial");
    let partial = std::path::PathBuf::from(name);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let written = (|| -> std::io::Result<()> {
        let mut file = options.open(&partial)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&partial, path)
    })();
    if let Err(e) = written {
        let _ = std::fs::remove_file(&partial);
        return Err(GutskinError::invalid("path", format!("could not write the backup: {e}")));
    }
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        sync_dir(dir);
    }
    Ok(())
}
