//! The SQLite store: the only place that writes SQL.
//!
//! One file in WAL mode. Opening reads the schema version before it writes anything, so a file from
//! a newer Gutskin, a foreign database or a damaged file is reported and left untouched. Every write
//! is one immediate transaction that also stamps each changed field with the HLC and this device,
//! which is what sync reads later.

mod backup;
mod cipher;
mod entries;
mod foods;
pub(crate) mod merge;
mod photos;
mod profile;
mod reminders;
mod rows;
mod summary;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rusqlite::{Connection, OpenFlags, OptionalExtension, Transaction, TransactionBehavior};
use uuid::Uuid;

use crate::error::{GutskinError, Result};
use crate::privacy::DiaryKey;
use crate::sync::FieldChange;
use crate::sync::hlc::{Hlc, Stamp};

pub(crate) use entries::DayRange;
pub(crate) use reminders::{EVENT_ACTED_ON, EVENT_DELIVERED, EventRow, SnoozeRow, StoredReminder};

/// Numbered migrations; migration N (1-based) upgrades a file from version N-1 to N.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/001_initial.sql"),
    include_str!("migrations/002_day_summaries.sql"),
    include_str!("migrations/003_foods_photos.sql"),
    include_str!("migrations/004_sync.sql"),
    include_str!("migrations/005_reminders.sql"),
];

/// The first version whose stored day summaries have today's shape: upgrading from an older one
/// rebuilds them from the entries. (3: summaries gained the day's intake.)
const SUMMARIES_SHAPE_VERSION: u32 = 3;

/// The schema version this build writes.
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// `PRAGMA application_id` of a Gutskin diary: "GSKN".
const APPLICATION_ID: i32 = 0x4753_4B4E;

/// How long a write waits for another connection (e.g. the command in a second process) to finish.
const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Prepared statements kept per connection (rusqlite's default of 16 is fewer than one write uses).
const STATEMENT_CACHE: usize = 128;

/// Synced tables, as the clocks table numbers them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Table {
    Entries = 1,
    EntryTags = 2,
    Profile = 3,
    CustomFoods = 4,
    SavedMeals = 5,
    Photos = 6,
    PhotoTags = 7,
    Reminders = 8,
}

impl Table {
    fn from_code(code: i64) -> Option<Table> {
        match code {
            1 => Some(Table::Entries),
            2 => Some(Table::EntryTags),
            3 => Some(Table::Profile),
            4 => Some(Table::CustomFoods),
            5 => Some(Table::SavedMeals),
            6 => Some(Table::Photos),
            7 => Some(Table::PhotoTags),
            8 => Some(Table::Reminders),
            _ => None,
        }
    }

    fn name(self) -> &'static str {
        match self {
            Table::Entries => "entries",
            Table::EntryTags => "entry_tags",
            Table::Profile => "profile",
            Table::CustomFoods => "custom_foods",
            Table::SavedMeals => "saved_meals",
            Table::Photos => "photos",
            Table::PhotoTags => "photo_tags",
            Table::Reminders => "reminders",
        }
    }
}

pub(crate) struct Store {
    conn: Connection,
    device_id: Uuid,
    device_idx: i64,
    /// The file (None: in memory), and the key it was opened with (None: not encrypted); kept
    /// to reopen it after `encrypt`, `rekey`, `decrypt` or a restore replaced it.
    path: Option<PathBuf>,
    key: Option<DiaryKey>,
}

impl Store {
    /// Opens (creating if needed) the diary at `path`, or an in-memory one for `None`; with a key,
    /// an encrypted one (store/cipher.rs).
    pub fn open(path: Option<&Path>, key: Option<&DiaryKey>) -> Result<Store> {
        if let Some(path) = path {
            crate::validate::file_path("path", path)?;
            cipher::check_file(path, key)?;
        }
        let conn = match path {
            Some(path) => Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?,
            None => Connection::open_in_memory()?,
        };
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // Room for every statement a write and a screen's reads use, so none is parsed twice.
        conn.set_prepared_statement_cache_capacity(STATEMENT_CACHE);
        // The key comes first, before anything reads the file.
        cipher::unlock(&conn, key)?;
        check_readable(&conn)?;
        // Pragmas come before any transaction: journal_mode cannot change inside one.
        if path.is_some() {
            switch_to_wal(&conn)?;
        }
        // FULL: a commit is on disk before the API acknowledges it, also across a power loss.
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        let mut conn = conn;
        migrate(&mut conn)?;
        let device_id: Uuid = conn.query_row("SELECT value FROM meta WHERE key = 'device_id'", [], |r| r.get(0))?;
        let device_idx = conn.query_row("SELECT idx FROM devices WHERE device_id = ?1", [device_id], |r| r.get(0))?;
        Ok(Store { conn, device_id, device_idx, path: path.map(Path::to_path_buf), key: key.cloned() })
    }

    pub fn device_id(&self) -> Uuid {
        self.device_id
    }

    /// Runs `f` in one immediate transaction with a fresh HLC stamp for everything it writes.
    pub fn write<T>(&mut self, now_ms: u64, f: impl FnOnce(&mut Write<'_>) -> Result<T>) -> Result<T> {
        self.transact(now_ms, true, f)
    }

    /// Runs `f` exactly as [`Store::write`] would, then rolls everything back: what a write would
    /// do, with nothing written (a check-only import).
    pub fn rehearse<T>(&mut self, now_ms: u64, f: impl FnOnce(&mut Write<'_>) -> Result<T>) -> Result<T> {
        self.transact(now_ms, false, f)
    }

    fn transact<T>(&mut self, now_ms: u64, commit: bool, f: impl FnOnce(&mut Write<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        // Read the clock inside the transaction: another process may have written since we opened.
        let last: i64 = tx.prepare_cached("SELECT value FROM meta WHERE key = 'hlc'")?.query_row([], |r| r.get(0))?;
        let mut hlc = Hlc::from_last(Stamp::from_i64(last));
        let stamp = hlc.tick(now_ms);
        let next_seq: i64 =
            tx.prepare_cached("SELECT IFNULL(MAX(seq), 0) + 1 FROM clocks")?.query_row([], |r| r.get(0))?;
        let mut write = Write { tx, stamp, touched_days: BTreeSet::new(), device_idx: self.device_idx, next_seq };
        let out = f(&mut write)?;
        summary::refresh(&write.tx, &write.touched_days)?;
        write.tx.prepare_cached("UPDATE meta SET value = ?1 WHERE key = 'hlc'")?.execute([stamp.to_i64()])?;
        if commit {
            write.tx.commit()?;
        } else {
            write.tx.rollback()?;
        }
        Ok(out)
    }

    /// The highest change position so far; a sync remembers it to ask for what came after.
    pub fn change_position(&self) -> Result<u64> {
        let seq: i64 = self.conn.query_row("SELECT IFNULL(MAX(seq), 0) FROM clocks", [], |r| r.get(0))?;
        Ok(seq as u64)
    }

    /// Every synced field written after `position`, in the order the writes happened, with its
    /// current value.
    pub fn changes_since(&self, position: u64) -> Result<Vec<FieldChange>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.seq, c.tbl, c.row_id, c.field, c.hlc, d.device_id
             FROM clocks c JOIN devices d ON d.idx = c.device
             WHERE c.seq > ?1 ORDER BY c.seq",
        )?;
        let rows = stmt.query_map([position as i64], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Uuid>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, Uuid>(5)?,
            ))
        })?;
        let mut changes = Vec::new();
        for row in rows {
            let (seq, tbl, row_id, field, hlc, device) = row?;
            let table = Table::from_code(tbl)
                .ok_or_else(|| GutskinError::Storage { detail: format!("unknown table code {tbl} in clocks") })?;
            changes.push(FieldChange {
                position: seq as u64,
                table: table.name().to_string(),
                row_id: row_id.hyphenated().to_string(),
                value: self.field_value(table, row_id, &field)?,
                field,
                stamp: Stamp::from_i64(hlc),
                device_id: device.hyphenated().to_string(),
            });
        }
        Ok(changes)
    }

    fn field_value(&self, table: Table, row_id: Uuid, field: &str) -> Result<serde_json::Value> {
        use rusqlite::types::ValueRef;
        // Field names come from our own clocks table, but check them against the schema anyway:
        // they are spliced into SQL.
        if !self.column_exists(table, field)? {
            return Err(GutskinError::Storage { detail: format!("clock for unknown field {field}") });
        }
        let sql = format!("SELECT {field} FROM {} WHERE id = ?1", table.name());
        let value = self
            .conn
            .query_row(&sql, [row_id], |r| {
                Ok(match r.get_ref(0)? {
                    ValueRef::Null => serde_json::Value::Null,
                    ValueRef::Integer(i) => serde_json::Value::from(i),
                    ValueRef::Real(f) => serde_json::Value::from(f),
                    ValueRef::Text(t) => serde_json::Value::from(String::from_utf8_lossy(t).into_owned()),
                    ValueRef::Blob(b) => match Uuid::from_slice(b) {
                        Ok(id) => serde_json::Value::from(id.hyphenated().to_string()),
                        Err(_) => serde_json::Value::from(b.to_vec()),
                    },
                })
            })
            .optional()?;
        Ok(value.unwrap_or(serde_json::Value::Null))
    }

    fn column_exists(&self, table: Table, column: &str) -> Result<bool> {
        let found: Option<i64> = self
            .conn
            .query_row("SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2", [table.name(), column], |r| r.get(0))
            .optional()?;
        Ok(found.is_some())
    }
}

/// An open write transaction and the stamp its writes carry.
pub(crate) struct Write<'a> {
    tx: Transaction<'a>,
    stamp: Stamp,
    /// Local days whose entries this transaction changed: their summaries are recomputed at commit.
    touched_days: BTreeSet<i64>,
    device_idx: i64,
    next_seq: i64,
}

impl Write<'_> {
    /// Records that this transaction wrote `field` of a row: its stamp, this device, a new position.
    fn stamp(&mut self, table: Table, row_id: Uuid, field: &str) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO clocks (row_id, field, tbl, hlc, device, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (row_id, field) DO UPDATE
                 SET hlc = excluded.hlc, device = excluded.device, seq = excluded.seq",
            )?
            .execute(rusqlite::params![
                row_id,
                field,
                table as i64,
                self.stamp.to_i64(),
                self.device_idx,
                self.next_seq
            ])?;
        self.next_seq += 1;
        Ok(())
    }
}

/// Reads the header facts without writing; refuses newer, foreign and unreadable files.
fn check_readable(conn: &Connection) -> Result<()> {
    // One statement, so one snapshot: another process may be creating this diary right now, and
    // its tables and version must be seen together.
    let (version, application_id, objects): (u32, i32, i64) = conn.query_row(
        "SELECT (SELECT user_version FROM pragma_user_version), (SELECT application_id FROM pragma_application_id),
                (SELECT COUNT(*) FROM sqlite_schema)",
        [],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )?;
    if application_id != 0 && application_id != APPLICATION_ID {
        return Err(GutskinError::CorruptFile { detail: "the file is another application's database".into() });
    }
    if version > SCHEMA_VERSION {
        return Err(GutskinError::NewerSchema { found: version, supported: SCHEMA_VERSION });
    }
    if version == 0 && objects > 0 {
        return Err(GutskinError::CorruptFile { detail: "the file is a database, but not a Gutskin diary".into() });
    }
    Ok(())
}

/// Puts the file in WAL mode (a no-op once it is: the mode is stored in the file).
fn switch_to_wal(conn: &Connection) -> Result<()> {
    // The switch takes an exclusive lock, and SQLite answers "busy" at once, without the busy
    // handler, while another connection holds the new file (two processes creating one diary):
    // wait for it here, as long as any other lock.
    let deadline = Instant::now() + BUSY_TIMEOUT;
    let mode: String = loop {
        match conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0)) {
            Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy) && Instant::now() < deadline => {
                std::thread::sleep(Duration::from_millis(5));
            }
            other => break other?,
        }
    };
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(GutskinError::Storage { detail: format!("could not switch the diary to WAL (got {mode})") });
    }
    Ok(())
}

/// Creates or upgrades the schema in one immediate transaction.
fn migrate(conn: &mut Connection) -> Result<()> {
    // Most opens find the schema current: that is read without the write lock, so opening never
    // waits for another process's write (an import, a sync). A committed version is final.
    let current: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if current == SCHEMA_VERSION {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Read again under the lock: another process may have created or upgraded the file meanwhile.
    let version: u32 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    if version > SCHEMA_VERSION {
        return Err(GutskinError::NewerSchema { found: version, supported: SCHEMA_VERSION });
    }
    if version == SCHEMA_VERSION {
        return Ok(());
    }
    for sql in &MIGRATIONS[version as usize..] {
        tx.execute_batch(sql)?;
    }
    if version < SUMMARIES_SHAPE_VERSION {
        summary::rebuild_all(&tx)?;
    }
    if version == 0 {
        let device_id = Uuid::now_v7();
        tx.execute("INSERT INTO devices (device_id) VALUES (?1)", [device_id])?;
        tx.execute("INSERT INTO meta (key, value) VALUES ('device_id', ?1)", [device_id])?;
        tx.execute("INSERT INTO meta (key, value) VALUES ('hlc', 0)", [])?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    tx.commit()?;
    Ok(())
}

#[cfg(test)]
impl Store {
    pub(crate) fn execute_for_test(&self, sql: &str) {
        self.conn.execute_batch(sql).unwrap();
    }

    pub(crate) fn query_text_for_test(&self, sql: &str) -> String {
        self.conn.query_row(sql, [], |r| r.get(0)).unwrap()
    }

    pub(crate) fn rebuild_summaries(&mut self) -> Result<()> {
        let tx = self.conn.transaction()?;
        summary::rebuild_all(&tx)?;
        Ok(tx.commit()?)
    }
}

/// Parses an id the app handed in, naming `field` in the error.
pub(crate) fn parse_id(field: &str, id: &str) -> Result<Uuid> {
    Uuid::try_parse(id).map_err(|_| GutskinError::invalid(field, format!("{id:?} is not a UUID")))
}
