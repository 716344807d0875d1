//! Encryption at rest with SQLCipher (cargo feature `encryption`), and replacing the diary file
//! safely: `encrypt`, `decrypt` and restoring a backup build a new file beside the diary, check it,
//! and rename it over the diary, so a crash at any point leaves either the old file or the new one,
//! whole. `rekey` is `PRAGMA rekey`: one transaction under a rollback journal written with the old
//! key, so a crash leaves the diary under its old key.
//!
//! An encrypted diary keeps the first 32 bytes of its header in the clear
//! (`cipher_plaintext_header_size`): the SQLite magic, the page size and the reserved bytes per
//! page, which SQLCipher needs for its IV and MAC. That is how an encrypted diary is told from a
//! damaged file without its key, and what iOS looks for to let a suspended app keep its database
//! lock. The key is raw (`x'…'`, no passphrase stretching: it is 32 random bytes) with a salt
//! derived from it, because with a clear header SQLCipher cannot keep its salt in the file.

use std::path::Path;

use rusqlite::{Connection, OpenFlags, OptionalExtension, params};

use super::{Store, check_readable};
use crate::error::{EncryptionFailure, GutskinError, Result};
use crate::privacy::{DiaryFile, DiaryKey, NEW_SUFFIX, WipeReport, diary_file, sync_dir, wipe_files, zero};

/// Header bytes SQLCipher leaves in the clear.
const PLAINTEXT_HEADER: u32 = 32;
/// The name the replacement file is attached under while it is written.
const NEW_SCHEMA: &str = "gutskin_new";

/// Refuses, before SQLite touches the file, what cannot work: an encrypted diary without a key, a
/// key for a plain one. (A file that is neither is left for SQLite to report as damaged.)
pub(super) fn check_file(path: &Path, key: Option<&DiaryKey>) -> Result<()> {
    match (diary_file(path)?, key) {
        (DiaryFile::Encrypted, None) => Err(GutskinError::encryption(
            EncryptionFailure::KeyNeeded,
            "this diary is encrypted; open it with its key (nothing was changed)",
        )),
        (DiaryFile::Plain, Some(_)) => Err(GutskinError::encryption(
            EncryptionFailure::NotEncrypted,
            "this diary is not encrypted; open it without a key, then encrypt it",
        )),
        (DiaryFile::Unknown, Some(_)) => {
            Err(GutskinError::CorruptFile { detail: "the file is neither a Gutskin diary nor an encrypted one".into() })
        }
        _ => Ok(()),
    }
}

/// Whether this SQLite is SQLCipher.
pub(super) fn has_sqlcipher(conn: &Connection) -> bool {
    conn.query_row("PRAGMA cipher_version", [], |r| r.get::<_, String>(0)).optional().ok().flatten().is_some()
}

fn require_sqlcipher(conn: &Connection) -> Result<()> {
    if has_sqlcipher(conn) {
        Ok(())
    } else {
        Err(GutskinError::invalid("key", "this build of Gutskin cannot encrypt (cargo feature `encryption`)"))
    }
}

/// Sets the key (the first statement on a new connection) and checks that it opens the file.
pub(super) fn unlock(conn: &Connection, key: Option<&DiaryKey>) -> Result<()> {
    if has_sqlcipher(conn) {
        // SQLCipher logs a failed decryption to stderr; the error returned says it all.
        conn.execute_batch("PRAGMA cipher_log_level = NONE")?;
    }
    let Some(key) = key else { return Ok(()) };
    require_sqlcipher(conn)?;
    let mut sql = format!(
        "PRAGMA key = \"{}\"; PRAGMA cipher_plaintext_header_size = {PLAINTEXT_HEADER};",
        KeySpec::of(key).as_str()
    );
    let set = conn.execute_batch(&sql);
    wipe_string(&mut sql);
    set?;
    conn.query_row("SELECT count(*) FROM sqlite_schema", [], |r| r.get::<_, i64>(0)).map_err(wrong_key)?;
    Ok(())
}

/// A failed first read under a key: the key is wrong (or the file damaged: SQLCipher's MAC cannot
/// tell the two apart).
fn wrong_key(err: rusqlite::Error) -> GutskinError {
    match GutskinError::from(err) {
        GutskinError::CorruptFile { .. } => GutskinError::encryption(
            EncryptionFailure::WrongKey,
            "the key does not open this diary (or the file is damaged); nothing was changed",
        ),
        other => other,
    }
}

/// SQLCipher's raw key: 64 hex digits of the key, 32 of the salt, as `x'…'`. Zeroed when dropped.
struct KeySpec(String);

impl KeySpec {
    fn of(key: &DiaryKey) -> KeySpec {
        let salt = key.derive("gutskin diary v1 sqlcipher salt");
        let hex: String = key.as_bytes().iter().chain(&salt[..16]).map(|b| format!("{b:02x}")).collect();
        KeySpec(format!("x'{hex}'"))
    }

    fn as_str(&self) -> &str {
        &self.0
    }
}

impl Drop for KeySpec {
    fn drop(&mut self) {
        wipe_string(&mut self.0);
    }
}

fn wipe_string(text: &mut str) {
    // SAFETY: zero bytes are valid UTF-8.
    zero(unsafe { text.as_bytes_mut() });
}

/// What a copy of a diary must hold: its version, application id, and each table's row count.
#[derive(Debug, PartialEq, Eq)]
pub(super) struct Shape {
    version: u32,
    application_id: i32,
    tables: Vec<(String, i64)>,
}

/// The shape of the database `schema` of `conn`.
pub(super) fn shape_of(conn: &Connection, schema: &str) -> Result<Shape> {
    let version = conn.query_row(&format!("PRAGMA {schema}.user_version"), [], |r| r.get(0))?;
    let application_id = conn.query_row(&format!("PRAGMA {schema}.application_id"), [], |r| r.get(0))?;
    let names: Vec<String> = conn
        .prepare(&format!(
            "SELECT name FROM {schema}.sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
        ))?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    let mut tables = Vec::with_capacity(names.len());
    for name in names {
        // Names come from the file's own schema; quote them anyway.
        let quoted = name.replace('"', "\"\"");
        let count = conn.query_row(&format!("SELECT count(*) FROM {schema}.\"{quoted}\""), [], |r| r.get(0))?;
        tables.push((name, count));
    }
    Ok(Shape { version, application_id, tables })
}

/// Copies the main database of `conn` (every table, index, row) into a new file at `dest`,
/// encrypted under `key` or plain, with its version and application id.
pub(super) fn export(conn: &Connection, dest: &Path, key: Option<&DiaryKey>) -> Result<()> {
    require_sqlcipher(conn)?;
    let dest = dest.to_str().ok_or_else(|| GutskinError::invalid("path", "the diary's path is not UTF-8"))?;
    let spec = key.map(KeySpec::of);
    conn.execute(
        &format!("ATTACH DATABASE ?1 AS {NEW_SCHEMA} KEY ?2"),
        params![dest, spec.as_ref().map(KeySpec::as_str).unwrap_or("")],
    )?;
    let copied = (|| -> Result<()> {
        if key.is_some() {
            conn.execute_batch(&format!("PRAGMA {NEW_SCHEMA}.cipher_plaintext_header_size = {PLAINTEXT_HEADER}"))?;
        }
        conn.query_row(&format!("SELECT sqlcipher_export('{NEW_SCHEMA}')"), [], |_| Ok(()))?;
        let version: u32 = conn.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
        let application_id: i32 = conn.query_row("PRAGMA main.application_id", [], |r| r.get(0))?;
        conn.pragma_update(Some(NEW_SCHEMA), "user_version", version)?;
        conn.pragma_update(Some(NEW_SCHEMA), "application_id", application_id)?;
        Ok(())
    })();
    let detached = conn.execute(&format!("DETACH DATABASE {NEW_SCHEMA}"), []);
    copied?;
    detached?;
    Ok(())
}

/// Opens the new file on its own connection and checks it holds what it must.
fn verify(path: &Path, key: Option<&DiaryKey>, expected: &Shape) -> Result<()> {
    let conn = Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX)?;
    unlock(&conn, key)?;
    check_readable(&conn)?;
    let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(GutskinError::Storage { detail: format!("the new diary file failed its check: {check}") });
    }
    let found = shape_of(&conn, "main")?;
    if &found != expected {
        return Err(GutskinError::Storage { detail: "the new diary file does not hold what it should".into() });
    }
    Ok(())
}

impl Store {
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    fn file_path(&self) -> Result<std::path::PathBuf> {
        self.path.clone().ok_or_else(|| GutskinError::invalid("path", "an in-memory diary has no file"))
    }

    /// Encrypts a plain diary under `key`.
    pub fn encrypt(&mut self, key: &DiaryKey) -> Result<()> {
        if self.key.is_some() {
            return Err(GutskinError::invalid("key", "the diary is already encrypted; rekey changes its key"));
        }
        require_sqlcipher(&self.conn)?;
        self.replace_file(Some(key), |conn, new| {
            export(conn, new, Some(key))?;
            shape_of(conn, "main")
        })
    }

    /// Turns encryption off: the diary becomes a plain file again.
    pub fn decrypt(&mut self) -> Result<()> {
        if self.key.is_none() {
            return Err(GutskinError::encryption(EncryptionFailure::NotEncrypted, "there is nothing to decrypt"));
        }
        self.replace_file(None, |conn, new| {
            export(conn, new, None)?;
            shape_of(conn, "main")
        })
    }

    /// Changes the key of an encrypted diary (`PRAGMA rekey`).
    pub fn rekey(&mut self, new_key: &DiaryKey) -> Result<()> {
        if self.key.is_none() {
            return Err(GutskinError::encryption(
                EncryptionFailure::NotEncrypted,
                "the diary is not encrypted; encrypt it instead",
            ));
        }
        let path = self.file_path()?;
        let expected = shape_of(&self.conn, "main")?;
        // SQLCipher 4 rekeys only outside WAL: under a rollback journal, in one transaction.
        self.take_exclusive()?;
        let spec = KeySpec::of(new_key);
        let mut sql = format!("PRAGMA rekey = \"{}\"", spec.as_str());
        let rekeyed = self.conn.execute_batch(&sql);
        wipe_string(&mut sql);
        if let Err(e) = rekeyed {
            self.release_exclusive();
            return Err(e.into());
        }
        self.reopen(&path, Some(new_key))?;
        if shape_of(&self.conn, "main")? != expected {
            return Err(GutskinError::Storage { detail: "the diary changed while its key was changed".into() });
        }
        Ok(())
    }

    /// Builds a replacement of the diary file with `build` (given this diary's connection and the
    /// new file's path; it returns what the new file must hold), checks it on a connection of its
    /// own, makes it durable, renames it over the diary and reopens the diary under `new_key`.
    /// Refused while another connection has the diary open.
    pub(super) fn replace_file(
        &mut self,
        new_key: Option<&DiaryKey>,
        build: impl FnOnce(&Connection, &Path) -> Result<Shape>,
    ) -> Result<()> {
        let path = self.file_path()?;
        let mut name = path.as_os_str().to_owned();
        name.push(NEW_SUFFIX);
        let new = std::path::PathBuf::from(name);
        self.take_exclusive()?;
        let swapped = (|| -> Result<()> {
            remove_new_files(&new)?;
            let expected = build(&self.conn, &new)?;
            crash_point("built")?;
            verify(&new, new_key, &expected)?;
            std::fs::File::open(&new)
                .and_then(|f| f.sync_all())
                .map_err(|e| GutskinError::Storage { detail: format!("could not sync the new diary file: {e}") })?;
            crash_point("verified")?;
            std::fs::rename(&new, &path)
                .map_err(|e| GutskinError::Storage { detail: format!("could not put the new diary in place: {e}") })?;
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                sync_dir(dir);
            }
            Ok(())
        })();
        if let Err(err) = swapped {
            if !is_injected_crash(&err) {
                let _ = remove_new_files(&new);
                self.release_exclusive();
            }
            return Err(err);
        }
        crash_point("renamed")?;
        self.reopen(&path, new_key)
    }

    /// Leaves WAL (which checkpoints it into the file) and takes an exclusive lock for as long as
    /// this connection lives: nothing else reads or writes the diary while its file is replaced.
    fn take_exclusive(&mut self) -> Result<()> {
        self.file_path()?;
        let mode: String =
            self.conn.query_row("PRAGMA journal_mode = DELETE", [], |r| r.get(0)).map_err(open_elsewhere)?;
        if !mode.eq_ignore_ascii_case("delete") {
            self.release_exclusive();
            return Err(GutskinError::Storage { detail: format!("could not leave WAL (got {mode})") });
        }
        if let Err(e) = self.conn.execute_batch("PRAGMA locking_mode = EXCLUSIVE; BEGIN EXCLUSIVE; COMMIT;") {
            self.release_exclusive();
            return Err(open_elsewhere(e));
        }
        Ok(())
    }

    /// Back to shared locking and WAL after a failed replacement (best effort: the next open
    /// sets WAL again anyway).
    fn release_exclusive(&mut self) {
        let _ = self.conn.execute_batch("PRAGMA locking_mode = NORMAL; SELECT count(*) FROM sqlite_schema;");
        let _ = self.conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0));
    }

    /// Closes this connection and opens the diary at `path` again under `key`. If that fails, this
    /// store stays closed (every call fails) rather than writing to a file no longer in place.
    fn reopen(&mut self, path: &Path, key: Option<&DiaryKey>) -> Result<()> {
        drop(std::mem::replace(self, Store::closed()?));
        *self = Store::open(Some(path), key)?;
        Ok(())
    }

    /// Closes the diary and removes its file and every file beside it (`privacy::wipe_files`);
    /// returns what was removed and the photos' `local_ref`s, which the app deletes. This store is
    /// closed afterwards.
    pub fn wipe(&mut self) -> Result<WipeReport> {
        let photo_files: Vec<String> = self
            .conn
            .prepare("SELECT DISTINCT local_ref FROM photos ORDER BY local_ref")?
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let path = self.path.clone();
        drop(std::mem::replace(self, Store::closed()?));
        let mut report = match path {
            Some(path) => wipe_files(path)?,
            None => WipeReport::default(),
        };
        report.photo_files = photo_files;
        Ok(report)
    }

    /// A store with no diary: every read and write fails. What a wiped diary, or one that could
    /// not be reopened, holds.
    pub(super) fn closed() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        conn.execute_batch("PRAGMA query_only = 1")?;
        Ok(Store { conn, device_id: uuid::Uuid::nil(), device_idx: 0, path: None, key: None })
    }
}

fn open_elsewhere(err: rusqlite::Error) -> GutskinError {
    match err.sqlite_error_code() {
        Some(rusqlite::ErrorCode::DatabaseBusy) | Some(rusqlite::ErrorCode::DatabaseLocked) => GutskinError::Storage {
            detail: "the diary is open elsewhere (another app or gutskin process); close it there and try again".into(),
        },
        _ => err.into(),
    }
}

/// Removes a replacement file left by an interrupted encrypt, decrypt or restore, and its journal.
fn remove_new_files(new: &Path) -> Result<()> {
    for suffix in ["", "-journal", "-wal", "-shm"] {
        let mut name = new.as_os_str().to_owned();
        name.push(suffix);
        match std::fs::remove_file(&name) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(GutskinError::Storage { detail: format!("could not remove a leftover file: {e}") }),
        }
    }
    Ok(())
}

#[cfg(test)]
thread_local! {
    /// Tests: the step at which a replacement stops as if the process died there.
    pub(crate) static CRASH_AT: std::cell::Cell<Option<&'static str>> = const { std::cell::Cell::new(None) };
}

const INJECTED_CRASH: &str = "injected crash";

#[cfg(test)]
fn crash_point(step: &'static str) -> Result<()> {
    if CRASH_AT.with(|c| c.get()) == Some(step) {
        return Err(GutskinError::Storage { detail: format!("{INJECTED_CRASH} after {step}") });
    }
    Ok(())
}

#[cfg(not(test))]
fn crash_point(_step: &'static str) -> Result<()> {
    Ok(())
}

fn is_injected_crash(err: &GutskinError) -> bool {
    cfg!(test) && matches!(err, GutskinError::Storage { detail } if detail.starts_with(INJECTED_CRASH))
}

#[cfg(test)]
#[path = "cipher_tests.rs"]
mod tests;
