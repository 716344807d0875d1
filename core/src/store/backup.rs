//! A diary as one SQLite image in memory, for backups, and a diary rebuilt from one.
//!
//! A plain diary is copied with SQLite's online backup API; SQLCipher refuses that API between an
//! encrypted and a plain database, so an encrypted one is exported (`sqlcipher_export`) inside one
//! read transaction. Either way the copy is one consistent snapshot of the live diary, and it never
//! touches the disk unencrypted.

use std::time::Duration;

use rusqlite::Connection;
use rusqlite::backup::Backup;

use super::cipher::{export, has_sqlcipher, shape_of};
use super::{APPLICATION_ID, Store, check_readable, migrate};
use crate::error::{GutskinError, Result};

const IMAGE_SCHEMA: &str = "gutskin_image";

impl Store {
    /// The whole diary as a plain SQLite image (rollback-journal format), and its schema version.
    pub fn image(&mut self) -> Result<(Vec<u8>, u32)> {
        let version: u32 = self.conn.query_row("PRAGMA main.user_version", [], |r| r.get(0))?;
        let mut image = if self.key.is_some() {
            self.conn.execute(&format!("ATTACH DATABASE ':memory:' AS {IMAGE_SCHEMA} KEY ''"), [])?;
            let copied = (|| -> Result<Vec<u8>> {
                let tx = self.conn.transaction()?;
                tx.query_row("SELECT count(*) FROM main.sqlite_schema", [], |r| r.get::<_, i64>(0))?;
                tx.query_row(&format!("SELECT sqlcipher_export('{IMAGE_SCHEMA}')"), [], |_| Ok(()))?;
                let application_id: i32 = tx.query_row("PRAGMA main.application_id", [], |r| r.get(0))?;
                tx.pragma_update(Some(IMAGE_SCHEMA), "user_version", version)?;
                tx.pragma_update(Some(IMAGE_SCHEMA), "application_id", application_id)?;
                tx.commit()?;
                Ok(self.conn.serialize(IMAGE_SCHEMA)?.to_vec())
            })();
            let detached = self.conn.execute(&format!("DETACH DATABASE {IMAGE_SCHEMA}"), []);
            let image = copied?;
            detached?;
            image
        } else {
            let mut memory = Connection::open_in_memory()?;
            copy_all(&self.conn, &mut memory)?;
            memory.serialize("main")?.to_vec()
        };
        to_rollback_format(&mut image);
        Ok((image, version))
    }

    /// Replaces this diary with the one in `image` (upgraded by the normal migrations if it is
    /// older), encrypted under this diary's key if it has one. Returns the number of entries.
    pub fn restore_image(&mut self, mut image: Vec<u8>) -> Result<u64> {
        to_rollback_format(&mut image);
        let mut memory = Connection::open_in_memory()?;
        let len = image.len();
        memory.deserialize_read_exact("main", &image[..], len, false)?;
        crate::privacy::zero(&mut image);
        check_readable(&memory)?;
        let application_id: i32 = memory.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version: u32 = memory.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if application_id != APPLICATION_ID || version == 0 {
            return Err(GutskinError::CorruptFile { detail: "the backup does not hold a Gutskin diary".into() });
        }
        let check: String = memory.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        if check != "ok" {
            return Err(GutskinError::CorruptFile { detail: format!("the diary in the backup is damaged: {check}") });
        }
        migrate(&mut memory)?;
        let entries: i64 = memory.query_row("SELECT count(*) FROM entries", [], |r| r.get(0))?;
        let key = self.key.clone();
        self.replace_file(key.as_ref(), |_, new| {
            match &key {
                Some(key) => export(&memory, new, Some(key))?,
                None if has_sqlcipher(&memory) => export(&memory, new, None)?,
                None => {
                    let mut file = Connection::open(new)?;
                    copy_all(&memory, &mut file)?;
                }
            }
            shape_of(&memory, "main")
        })?;
        Ok(entries as u64)
    }

    /// Entries, custom foods, saved meals and photos the diary holds (deleted ones too): what a
    /// restore would replace.
    pub fn user_rows(&self) -> Result<u64> {
        let n: i64 = self.conn.query_row(
            "SELECT (SELECT count(*) FROM entries) + (SELECT count(*) FROM custom_foods)
                  + (SELECT count(*) FROM saved_meals) + (SELECT count(*) FROM photos)",
            [],
            |r| r.get(0),
        )?;
        Ok(n as u64)
    }
}

/// Copies every page of `from` into `to` with the online backup API, all in one step: one
/// snapshot, however busy the diary is. Retries for a while when another connection holds a lock.
fn copy_all(from: &Connection, to: &mut Connection) -> Result<()> {
    use rusqlite::backup::StepResult;
    let backup = Backup::new(from, to)?;
    for _ in 0..500 {
        match backup.step(-1)? {
            StepResult::Done => return Ok(()),
            _ => std::thread::sleep(Duration::from_millis(10)),
        }
    }
    Err(GutskinError::Storage { detail: "the diary stayed busy; try again".into() })
}

/// Marks an image as a rollback-journal database (header bytes 18 and 19): an image copied from a
/// WAL diary says WAL, which a database in memory cannot open.
fn to_rollback_format(image: &mut [u8]) {
    if image.len() >= 20 {
        image[18] = 1;
        image[19] = 1;
    }
}
