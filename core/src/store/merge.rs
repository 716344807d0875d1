//! Sync in SQL: reading this device's field writes for a changeset, the whole state for a
//! snapshot, and merging other devices' writes.
//!
//! The merge is generic over the synced tables and their fields (field = column): a table is
//! found by name among the `Table` codes and a field among the table's columns (`pragma
//! table_info`) before either is spliced into SQL. For every field it keeps the write with the
//! highest (HLC stamp, device id), so applying is idempotent and order-independent.
//!
//! Writes that cannot be applied yet are held in `sync_held` and tried again on every merge:
//! - a row that has not arrived whole (an edit of an entry whose creation is still on its way):
//!   held until the fields a row needs are all there, then inserted;
//! - a table, a field or an entry kind this version does not know (written by a newer Gutskin),
//!   or a row that, written, would not read back (a value of a newer shape, or a damaged one):
//!   held until an upgrade brings them, then applied like any other write.
//!
//! Held writes travel in snapshots, so a device that starts from one inherits them.

use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use rusqlite::types::{Value, ValueRef};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params, params_from_iter};
use uuid::Uuid;

use super::{Store, Table, summary};
use crate::error::{GutskinError, Result};
use crate::model::EntryKind;
use crate::sync::format::{FieldWrite, RowChanges};
use crate::sync::hlc::{Hlc, Skew, Stamp};
use crate::time;

/// `sync_held.reason`: the row is not complete yet.
const HELD_INCOMPLETE: i64 = 1;
/// `sync_held.reason`: a table, field or value this schema does not know.
const HELD_UNKNOWN: i64 = 2;

/// Table codes are looked up by name up to this code.
const MAX_TABLE_CODE: i64 = 255;

/// Synced columns whose values are content hashes of files that travel as separate objects
/// (photos). Rows that reference a hash are published only after the file is uploaded.
pub(crate) const BLOB_COLUMNS: &[(&str, &str)] = &[("photos", "sha256")];

/// How merged writes should move a device's progress.
#[derive(Debug, Clone)]
pub(crate) enum Progress {
    /// Changeset `seq` of `device`: every changeset up to it is merged if the previous ones were.
    Changeset { device: Uuid, seq: u64, schema_version: u32 },
    /// A snapshot that covers, per device, the changesets 1..=n.
    Snapshot { coverage: Vec<(Uuid, u64)> },
    /// Only held writes tried again.
    None,
}

/// What one merge did.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct MergeOutcome {
    /// Fields whose remote write won and was written.
    pub written: u64,
    /// Fields that lost to a later local write (or were already here).
    pub stale: u64,
    /// Fields kept aside (incomplete rows, newer schema), counted after the merge.
    pub held: u64,
    /// How far ahead of this device's clock the newest remote stamp was.
    pub skew: Option<Skew>,
}

/// This device's publishing state, kept in `meta`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct PublishState {
    /// The last changeset published, and the change position it covered.
    pub seq: u64,
    pub position: u64,
    /// A changeset being published (recorded before upload, so a retry builds the same range).
    pub pending: Option<(u64, u64)>,
}

/// One device's merge progress as this diary records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Peer {
    pub device: Uuid,
    pub applied_through: u64,
    pub schema_version: Option<u32>,
    pub last_seen_ms: Option<i64>,
}

struct Column {
    not_null: bool,
    has_default: bool,
}

struct TableInfo {
    table: Table,
    columns: HashMap<String, Column>,
}

impl TableInfo {
    /// Columns that are written locally and never travel.
    fn derived(&self) -> &'static [&'static str] {
        match self.table {
            Table::Entries => &["local_day"],
            _ => &[],
        }
    }

    /// Whether `field` is a synced column of this table.
    fn syncs(&self, field: &str) -> bool {
        field != "id" && self.columns.contains_key(field) && !self.derived().contains(&field)
    }

    /// The fields a row needs before it can be inserted: what the readers require, so a
    /// half-arrived row never breaks a read.
    fn required(&self, fields: &[FieldWrite]) -> Vec<String> {
        let named = |names: &[&str]| names.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        match self.table {
            Table::Entries => {
                let mut need = named(&["kind", "occurred_at", "utc_offset_min", "time_zone"]);
                let kind = match fields.iter().find(|f| f.field == "kind").map(|f| &f.value) {
                    Some(Value::Text(kind)) => EntryKind::parse(kind),
                    _ => None,
                };
                need.extend(named(match kind {
                    Some(EntryKind::Meal) => &["meal_kind", "items"],
                    Some(EntryKind::SkinCheckIn) => &["skin_ratings"],
                    Some(EntryKind::GutCheckIn) | None => &[],
                    Some(EntryKind::Stress) => &["stress"],
                    Some(EntryKind::Sleep) => &["sleep_minutes"],
                    Some(EntryKind::Activity) => &["activity_kind", "activity_minutes"],
                    Some(EntryKind::Medication) => &["med_kind", "med_name"],
                    Some(EntryKind::Water) => &["water_ml"],
                    Some(EntryKind::Note) => &["note_text"],
                }));
                need
            }
            Table::Profile => named(&["conditions", "daily_energy_kcal", "locale"]),
            // Other tables: every NOT NULL column without a default.
            _ => self
                .columns
                .iter()
                .filter(|(name, c)| c.not_null && !c.has_default && self.syncs(name))
                .map(|(name, _)| name.clone())
                .collect(),
        }
    }

    /// A value this version cannot read back (an entry kind from a newer Gutskin).
    fn unknown_value(&self, fields: &HashMap<String, FieldWrite>) -> bool {
        matches!(
            (self.table, fields.get("kind").map(|f| &f.value)),
            (Table::Entries, Some(Value::Text(kind))) if EntryKind::parse(kind).is_none()
        )
    }
}

fn wins(a: &FieldWrite, b: &FieldWrite) -> bool {
    (a.stamp, a.device.as_bytes()) > (b.stamp, b.device.as_bytes())
}

fn table_named(name: &str) -> Option<Table> {
    (1..=MAX_TABLE_CODE).filter_map(Table::from_code).find(|t| t.name() == name)
}

fn quote(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

fn owned(value: ValueRef<'_>) -> Value {
    match value {
        ValueRef::Null => Value::Null,
        ValueRef::Integer(i) => Value::Integer(i),
        ValueRef::Real(f) => Value::Real(f),
        ValueRef::Text(t) => Value::Text(String::from_utf8_lossy(t).into_owned()),
        ValueRef::Blob(b) => Value::Blob(b.to_vec()),
    }
}

/// One merge transaction.
struct Merger<'t> {
    tx: &'t Transaction<'t>,
    tables: HashMap<String, Option<Rc<TableInfo>>>,
    devices: HashMap<Uuid, i64>,
    next_seq: i64,
    touched_days: BTreeSet<i64>,
    outcome: MergeOutcome,
}

impl<'t> Merger<'t> {
    fn new(tx: &'t Transaction<'t>) -> Result<Merger<'t>> {
        let next_seq: i64 = tx.query_row("SELECT IFNULL(MAX(seq), 0) + 1 FROM clocks", [], |r| r.get(0))?;
        Ok(Merger {
            tx,
            tables: HashMap::new(),
            devices: HashMap::new(),
            next_seq,
            touched_days: BTreeSet::new(),
            outcome: MergeOutcome::default(),
        })
    }

    fn table(&mut self, name: &str) -> Result<Option<Rc<TableInfo>>> {
        if let Some(found) = self.tables.get(name) {
            return Ok(found.clone());
        }
        let info = match table_named(name) {
            None => None,
            Some(table) => {
                let mut stmt = self
                    .tx
                    .prepare_cached("SELECT name, \"notnull\", dflt_value IS NOT NULL FROM pragma_table_info(?1)")?;
                let columns = stmt
                    .query_map([table.name()], |r| {
                        Ok((r.get::<_, String>(0)?, Column { not_null: r.get(1)?, has_default: r.get(2)? }))
                    })?
                    .collect::<rusqlite::Result<HashMap<_, _>>>()?;
                // A table this build names but the file lacks cannot be written yet.
                (!columns.is_empty()).then(|| Rc::new(TableInfo { table, columns }))
            }
        };
        self.tables.insert(name.to_string(), info.clone());
        Ok(info)
    }

    fn device_idx(&mut self, device: Uuid) -> Result<i64> {
        if let Some(&idx) = self.devices.get(&device) {
            return Ok(idx);
        }
        self.tx.prepare_cached("INSERT OR IGNORE INTO devices (device_id) VALUES (?1)")?.execute([device])?;
        let idx: i64 = self
            .tx
            .prepare_cached("SELECT idx FROM devices WHERE device_id = ?1")?
            .query_row([device], |r| r.get(0))?;
        self.devices.insert(device, idx);
        Ok(idx)
    }

    /// Merges the writes of one row together with any held writes of it.
    fn merge_row(&mut self, table_name: &str, row_id: Uuid, incoming: &[FieldWrite]) -> Result<()> {
        let mut table_name = table_name.to_string();
        let mut candidates: HashMap<String, FieldWrite> = HashMap::new();
        for (held_table, write) in self.take_held(row_id)? {
            table_name = held_table;
            candidates.insert(write.field.clone(), write);
        }
        for write in incoming {
            match candidates.get(&write.field) {
                Some(current) if !wins(write, current) => {}
                _ => {
                    candidates.insert(write.field.clone(), write.clone());
                }
            }
        }
        if candidates.is_empty() {
            return Ok(());
        }
        let Some(info) = self.table(&table_name)? else {
            return self.hold_all(&table_name, row_id, candidates.into_values(), HELD_UNKNOWN);
        };
        if info.unknown_value(&candidates) {
            return self.hold_all(&table_name, row_id, candidates.into_values(), HELD_UNKNOWN);
        }
        let (known, unknown): (Vec<FieldWrite>, Vec<FieldWrite>) =
            candidates.into_values().partition(|w| info.syncs(&w.field));
        self.hold_all(&table_name, row_id, unknown, HELD_UNKNOWN)?;
        if known.is_empty() {
            return Ok(());
        }
        let exists: Option<i64> = self
            .tx
            .prepare_cached(&format!("SELECT 1 FROM {} WHERE id = ?1", quote(info.table.name())))?
            .query_row([row_id], |r| r.get(0))
            .optional()?;
        if exists.is_none() && info.required(&known).iter().any(|f| !known.iter().any(|w| &w.field == f)) {
            return self.hold_all(&table_name, row_id, known, HELD_INCOMPLETE);
        }
        self.write_if_readable(&info, row_id, exists.is_some(), known)
    }

    /// Writes a row's winning fields, then reads the row back as the diary's readers will. A value
    /// this version cannot store or read (an enum value or a JSON shape from a newer Gutskin, or a
    /// damaged one) is rolled back and held with the unknown writes: one row a peer sent must never
    /// break reading, exporting or summarising the whole diary.
    fn write_if_readable(
        &mut self,
        info: &TableInfo,
        row_id: Uuid,
        exists: bool,
        known: Vec<FieldWrite>,
    ) -> Result<()> {
        // Outside the savepoint: the cached device indexes must stay true after a rollback.
        for write in &known {
            self.device_idx(write.device)?;
        }
        let counters = (self.next_seq, self.outcome.written, self.outcome.stale);
        self.tx.prepare_cached("SAVEPOINT merge_row")?.execute([])?;
        let written =
            if exists { self.update_row(info, row_id, &known) } else { self.insert_row(info, row_id, &known) };
        if written.is_ok() && row_reads(self.tx, info.table, row_id) {
            self.tx.prepare_cached("RELEASE merge_row")?.execute([])?;
            return Ok(());
        }
        self.tx.execute_batch("ROLLBACK TO merge_row; RELEASE merge_row")?;
        (self.next_seq, self.outcome.written, self.outcome.stale) = counters;
        self.hold_all(info.table.name(), row_id, known, HELD_UNKNOWN)
    }

    /// Writes the fields that beat the local clock into an existing row.
    fn update_row(&mut self, info: &TableInfo, row_id: Uuid, known: &[FieldWrite]) -> Result<()> {
        let mut winners = Vec::with_capacity(known.len());
        for write in known {
            let local: Option<(i64, Uuid)> = self
                .tx
                .prepare_cached(
                    "SELECT c.hlc, d.device_id FROM clocks c JOIN devices d ON d.idx = c.device
                     WHERE c.row_id = ?1 AND c.field = ?2",
                )?
                .query_row(params![row_id, write.field], |r| Ok((r.get(0)?, r.get(1)?)))
                .optional()?;
            let beats = match local {
                None => true,
                Some((hlc, device)) => {
                    (write.stamp, write.device.as_bytes()) > (Stamp::from_i64(hlc), device.as_bytes())
                }
            };
            if beats {
                winners.push(write);
            } else {
                self.outcome.stale += 1;
            }
        }
        if winners.is_empty() {
            return Ok(());
        }
        let entries = info.table == Table::Entries;
        if entries {
            self.touch_entry_day(row_id)?;
        }
        self.touch_days_using(info.table, row_id)?;
        let sets: Vec<String> = winners.iter().map(|w| format!("{} = ?", quote(&w.field))).collect();
        let sql = format!("UPDATE {} SET {} WHERE id = ?", quote(info.table.name()), sets.join(", "));
        let mut values: Vec<Value> = winners.iter().map(|w| w.value.clone()).collect();
        values.push(Value::Blob(row_id.as_bytes().to_vec()));
        self.tx.prepare_cached(&sql)?.execute(params_from_iter(values))?;
        if entries {
            self.fix_local_day(row_id)?;
        }
        for write in &winners {
            self.stamp(info.table, row_id, write)?;
        }
        Ok(())
    }

    /// Inserts a row that has arrived whole.
    fn insert_row(&mut self, info: &TableInfo, row_id: Uuid, fields: &[FieldWrite]) -> Result<()> {
        let mut columns = vec!["id".to_string()];
        let mut values = vec![Value::Blob(row_id.as_bytes().to_vec())];
        if info.table == Table::Entries {
            let int = |name: &str| match fields.iter().find(|w| w.field == name).map(|w| &w.value) {
                Some(Value::Integer(i)) => Some(*i),
                _ => None,
            };
            let (Some(at), Some(offset)) = (int("occurred_at"), int("utc_offset_min")) else {
                return self.hold_all(info.table.name(), row_id, fields.iter().cloned(), HELD_UNKNOWN);
            };
            let day = local_day(at, offset);
            columns.push("local_day".into());
            values.push(Value::Integer(day));
            self.touched_days.insert(day);
        }
        for write in fields {
            columns.push(quote(&write.field));
            values.push(write.value.clone());
        }
        let sql = format!(
            "INSERT INTO {} ({}) VALUES ({})",
            quote(info.table.name()),
            columns.join(", "),
            vec!["?"; columns.len()].join(", ")
        );
        self.tx.prepare_cached(&sql)?.execute(params_from_iter(values))?;
        for write in fields {
            self.stamp(info.table, row_id, write)?;
        }
        self.touch_days_using(info.table, row_id)
    }

    /// A merged custom food changes the intake totals of the days whose meals use it.
    fn touch_days_using(&mut self, table: Table, row_id: Uuid) -> Result<()> {
        if table == Table::CustomFoods {
            let days = super::foods::days_using_food(self.tx, &row_id.hyphenated().to_string())?;
            self.touched_days.extend(days);
        }
        Ok(())
    }

    fn touch_entry_day(&mut self, row_id: Uuid) -> Result<()> {
        let day: Option<i64> = self
            .tx
            .prepare_cached("SELECT local_day FROM entries WHERE id = ?1")?
            .query_row([row_id], |r| r.get(0))
            .optional()?;
        self.touched_days.extend(day);
        Ok(())
    }

    /// Recomputes an entry's derived local day after its time or offset changed.
    fn fix_local_day(&mut self, row_id: Uuid) -> Result<()> {
        let (at, offset, day): (i64, i64, i64) = self
            .tx
            .prepare_cached("SELECT occurred_at, utc_offset_min, local_day FROM entries WHERE id = ?1")?
            .query_row([row_id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        let new_day = local_day(at, offset);
        if new_day != day {
            self.tx
                .prepare_cached("UPDATE entries SET local_day = ?1 WHERE id = ?2")?
                .execute(params![new_day, row_id])?;
        }
        self.touched_days.insert(new_day);
        Ok(())
    }

    /// Records the remote write's stamp and device as the field's clock, at a new local position.
    fn stamp(&mut self, table: Table, row_id: Uuid, write: &FieldWrite) -> Result<()> {
        let device = self.device_idx(write.device)?;
        self.tx
            .prepare_cached(
                "INSERT INTO clocks (row_id, field, tbl, hlc, device, seq) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                 ON CONFLICT (row_id, field) DO UPDATE
                 SET hlc = excluded.hlc, device = excluded.device, seq = excluded.seq",
            )?
            .execute(params![row_id, write.field, table as i64, write.stamp.to_i64(), device, self.next_seq])?;
        self.next_seq += 1;
        self.outcome.written += 1;
        Ok(())
    }

    fn take_held(&mut self, row_id: Uuid) -> Result<Vec<(String, FieldWrite)>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT h.tbl, h.field, h.value, h.hlc, d.device_id FROM sync_held h JOIN devices d ON d.idx = h.device
             WHERE h.row_id = ?1",
        )?;
        let held = stmt
            .query_map([row_id], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    FieldWrite {
                        field: r.get(1)?,
                        value: owned(r.get_ref(2)?),
                        stamp: Stamp::from_i64(r.get(3)?),
                        device: r.get(4)?,
                    },
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        if !held.is_empty() {
            self.tx.prepare_cached("DELETE FROM sync_held WHERE row_id = ?1")?.execute([row_id])?;
        }
        Ok(held)
    }

    fn hold_all(
        &mut self,
        table: &str,
        row_id: Uuid,
        writes: impl IntoIterator<Item = FieldWrite>,
        reason: i64,
    ) -> Result<()> {
        for write in writes {
            let device = self.device_idx(write.device)?;
            self.tx
                .prepare_cached(
                    "INSERT OR REPLACE INTO sync_held (row_id, field, tbl, value, hlc, device, reason)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )?
                .execute(params![row_id, write.field, table, write.value, write.stamp.to_i64(), device, reason])?;
        }
        Ok(())
    }

    /// Tries every held write again (after an upgrade, or when its row arrived another way).
    fn retry_held(&mut self) -> Result<()> {
        let rows: Vec<(Uuid, String)> = self
            .tx
            .prepare_cached("SELECT DISTINCT row_id, tbl FROM sync_held")?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        for (row_id, table) in rows {
            self.merge_row(&table, row_id, &[])?;
        }
        Ok(())
    }
}

/// Whether the row reads back through the reader of its table (tag rows have no reader of their
/// own: a tag is any text).
fn row_reads(conn: &rusqlite::Connection, table: Table, row_id: Uuid) -> bool {
    match table {
        Table::Entries => super::entries::entry_row_reads(conn, row_id),
        Table::Profile => super::profile::read_profile(conn).is_ok(),
        Table::CustomFoods => super::foods::read_custom_food(conn, row_id).is_ok(),
        Table::SavedMeals => super::foods::read_saved_meal(conn, row_id).is_ok(),
        Table::Photos => super::photos::read_photo(conn, row_id).is_ok(),
        Table::Reminders => super::reminders::read_reminder(conn, row_id).is_ok(),
        Table::EntryTags | Table::PhotoTags => true,
    }
}

fn local_day(occurred_at_ms: i64, offset_min: i64) -> i64 {
    time::day_number(time::local_date(time::from_millis(occurred_at_ms), offset_min as i32))
}

impl Store {
    /// Merges other devices' writes in one immediate transaction: per field, the highest (stamp,
    /// device) wins; with `Progress::None` every held write is tried again; the day summaries of touched days are recomputed;
    /// the clock takes the HLC receive step; `progress` is recorded. `before_commit` runs last
    /// inside the transaction (the crash tests pause there).
    pub(crate) fn merge(
        &mut self,
        now_ms: u64,
        rows: &[RowChanges],
        progress: &Progress,
        before_commit: &dyn Fn(),
    ) -> Result<MergeOutcome> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut merger = Merger::new(&tx)?;
        if matches!(progress, Progress::None) {
            merger.retry_held()?;
        }
        let mut newest: Option<Stamp> = None;
        for row in rows {
            merger.merge_row(&row.table, row.row_id, &row.fields)?;
            newest = newest.max(row.fields.iter().map(|f| f.stamp).max());
        }
        summary::refresh(&tx, &merger.touched_days)?;
        let mut outcome = std::mem::take(&mut merger.outcome);
        drop(merger);
        if let Some(newest) = newest {
            let last: i64 = tx.query_row("SELECT value FROM meta WHERE key = 'hlc'", [], |r| r.get(0))?;
            let mut hlc = Hlc::from_last(Stamp::from_i64(last));
            outcome.skew = hlc.receive(newest, now_ms);
            tx.execute("UPDATE meta SET value = ?1 WHERE key = 'hlc'", [hlc.last().to_i64()])?;
        }
        record_progress(&tx, self.device_id, progress, now_ms)?;
        outcome.held = tx.query_row("SELECT COUNT(*) FROM sync_held", [], |r| r.get::<_, i64>(0))? as u64;
        before_commit();
        tx.commit()?;
        Ok(outcome)
    }

    /// This device's writes at change positions `after`+1..=`through`, with current values.
    pub(crate) fn own_changes(&self, after: u64, through: u64) -> Result<Vec<RowChanges>> {
        self.collect_rows(
            "SELECT c.tbl, c.row_id, c.field, c.hlc, d.device_id FROM clocks c JOIN devices d ON d.idx = c.device
             WHERE c.device = ?1 AND c.seq > ?2 AND c.seq <= ?3 ORDER BY c.row_id",
            params![self.device_idx, after as i64, through as i64],
        )
    }

    /// Every synced field with its clock, and every held write: what a snapshot carries.
    pub(crate) fn all_changes(&self) -> Result<Vec<RowChanges>> {
        let mut rows = self.collect_rows(
            "SELECT c.tbl, c.row_id, c.field, c.hlc, d.device_id FROM clocks c JOIN devices d ON d.idx = c.device
             ORDER BY c.row_id",
            [],
        )?;
        let mut stmt = self.conn.prepare(
            "SELECT h.tbl, h.row_id, h.field, h.value, h.hlc, d.device_id FROM sync_held h
             JOIN devices d ON d.idx = h.device ORDER BY h.row_id",
        )?;
        let mut held = stmt.query([])?;
        while let Some(r) = held.next()? {
            let table: String = r.get(0)?;
            let row_id: Uuid = r.get(1)?;
            let write = FieldWrite {
                field: r.get(2)?,
                value: owned(r.get_ref(3)?),
                stamp: Stamp::from_i64(r.get(4)?),
                device: r.get(5)?,
            };
            match rows.last_mut() {
                Some(last) if last.row_id == row_id && last.table == table => last.fields.push(write),
                _ => rows.push(RowChanges { table, row_id, fields: vec![write] }),
            }
        }
        Ok(rows)
    }

    /// Clock rows grouped by row, each with its row's current values (one read per row).
    fn collect_rows(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<RowChanges>> {
        let mut stmt = self.conn.prepare(sql)?;
        let mut clocks = stmt.query(params)?;
        let mut rows: Vec<RowChanges> = Vec::new();
        let mut pending: Vec<(String, Stamp, Uuid)> = Vec::new();
        let mut current: Option<(Table, Uuid)> = None;
        while let Some(r) = clocks.next()? {
            let code: i64 = r.get(0)?;
            let table = Table::from_code(code)
                .ok_or_else(|| GutskinError::Storage { detail: format!("unknown table code {code} in clocks") })?;
            let row_id: Uuid = r.get(1)?;
            if current != Some((table, row_id)) {
                if let Some((t, id)) = current.take() {
                    rows.push(self.row_values(t, id, std::mem::take(&mut pending))?);
                }
                current = Some((table, row_id));
            }
            pending.push((r.get(2)?, Stamp::from_i64(r.get(3)?), r.get(4)?));
        }
        if let Some((t, id)) = current {
            rows.push(self.row_values(t, id, pending)?);
        }
        Ok(rows)
    }

    fn row_values(&self, table: Table, row_id: Uuid, clocks: Vec<(String, Stamp, Uuid)>) -> Result<RowChanges> {
        let mut stmt = self.conn.prepare_cached(&format!("SELECT * FROM {} WHERE id = ?1", quote(table.name())))?;
        let names: Vec<String> = stmt.column_names().map(|s| s.to_string()).collect();
        let values: Vec<Value> = stmt
            .query_row([row_id], |r| (0..names.len()).map(|i| r.get_ref(i).map(owned)).collect())
            .optional()?
            .ok_or_else(|| GutskinError::Storage { detail: format!("clock without a row in {}", table.name()) })?;
        let mut fields = Vec::with_capacity(clocks.len());
        for (field, stamp, device) in clocks {
            let i = names
                .iter()
                .position(|n| *n == field)
                .ok_or_else(|| GutskinError::Storage { detail: format!("clock for unknown field {field}") })?;
            fields.push(FieldWrite { field, value: values[i].clone(), stamp, device });
        }
        Ok(RowChanges { table: table.name().to_string(), row_id, fields })
    }

    /// The highest change position, and whether this device wrote anything after `after`.
    pub(crate) fn own_changes_after(&self, after: u64) -> Result<(u64, bool)> {
        let through = self.change_position()?;
        let any: Option<i64> = self
            .conn
            .query_row(
                "SELECT 1 FROM clocks WHERE seq > ?1 AND device = ?2 LIMIT 1",
                params![after as i64, self.device_idx],
                |r| r.get(0),
            )
            .optional()?;
        Ok((through, any.is_some()))
    }

    /// How many fields this device wrote after position `after`.
    pub(crate) fn own_change_count(&self, after: u64) -> Result<u64> {
        Ok(self.conn.query_row(
            "SELECT COUNT(*) FROM clocks WHERE seq > ?1 AND device = ?2",
            params![after as i64, self.device_idx],
            |r| r.get::<_, i64>(0),
        )? as u64)
    }

    pub(crate) fn publish_state(&self) -> Result<PublishState> {
        let get = |key: &str| -> Result<Option<i64>> {
            Ok(self.conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
        };
        let seq = get("sync_published_seq")?.unwrap_or(0) as u64;
        let position = get("sync_published_position")?.unwrap_or(0) as u64;
        let pending = match (get("sync_pending_seq")?, get("sync_pending_position")?) {
            (Some(s), Some(p)) if s > 0 => Some((s as u64, p as u64)),
            _ => None,
        };
        Ok(PublishState { seq, position, pending })
    }

    /// Records that changeset `seq`, covering positions up to `position`, is about to be
    /// uploaded (`done` false) or was uploaded (`done` true).
    pub(crate) fn record_publish(&mut self, seq: u64, position: u64, done: bool) -> Result<()> {
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let set = |key: &str, value: i64| -> Result<()> {
            tx.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", params![key, value])?;
            Ok(())
        };
        if done {
            set("sync_published_seq", seq as i64)?;
            set("sync_published_position", position as i64)?;
            set("sync_pending_seq", 0)?;
            set("sync_pending_position", 0)?;
        } else {
            set("sync_pending_seq", seq as i64)?;
            set("sync_pending_position", position as i64)?;
        }
        tx.commit()?;
        Ok(())
    }

    /// A sync fact kept in `meta` as text (the engine's view of the other devices), if written.
    pub(crate) fn sync_meta_text(&self, key: &str) -> Result<Option<String>> {
        Ok(self.conn.query_row("SELECT value FROM meta WHERE key = ?1", [key], |r| r.get(0)).optional()?)
    }

    pub(crate) fn set_sync_meta_text(&self, key: &str, value: &str) -> Result<()> {
        self.conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?1, ?2)", params![key, value])?;
        Ok(())
    }

    /// Other devices' merge progress, as this diary recorded it.
    pub(crate) fn peers(&self) -> Result<Vec<Peer>> {
        let mut stmt = self.conn.prepare(
            "SELECT d.device_id, p.applied_through, p.schema_version, p.last_seen FROM sync_peers p
             JOIN devices d ON d.idx = p.device ORDER BY d.device_id",
        )?;
        let peers = stmt
            .query_map([], |r| {
                Ok(Peer {
                    device: r.get(0)?,
                    applied_through: r.get::<_, i64>(1)? as u64,
                    schema_version: r.get(2)?,
                    last_seen_ms: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(peers)
    }

    /// Held writes: (waiting for their row, from a newer schema).
    pub(crate) fn held_counts(&self) -> Result<(u64, u64)> {
        Ok(self.conn.query_row(
            "SELECT IFNULL(SUM(reason = ?1), 0), IFNULL(SUM(reason = ?2), 0) FROM sync_held",
            [HELD_INCOMPLETE, HELD_UNKNOWN],
            |r| Ok((r.get::<_, i64>(0)? as u64, r.get::<_, i64>(1)? as u64)),
        )?)
    }

    /// Content hashes the synced rows reference (photo files).
    pub(crate) fn blob_hashes(&self) -> Result<BTreeSet<String>> {
        let mut out = BTreeSet::new();
        for (table, column) in BLOB_COLUMNS {
            let Some(table) = table_named(table) else { continue };
            if !self.column_exists(table, column)? {
                continue;
            }
            let sql = format!("SELECT DISTINCT {} FROM {} WHERE {0} IS NOT NULL", quote(column), quote(table.name()));
            let mut stmt = self.conn.prepare(&sql)?;
            for hash in stmt.query_map([], |r| r.get::<_, String>(0))? {
                out.insert(hash?);
            }
        }
        Ok(out)
    }

    /// Content hashes of the files this device must upload: those referenced by rows (not
    /// deleted) whose hash this device wrote, i.e. photos attached here. A sync uploads each one
    /// its device's folder in the store does not hold yet, on every sync until it is there.
    pub(crate) fn own_blob_hashes(&self) -> Result<BTreeSet<String>> {
        let mut out = BTreeSet::new();
        for (table, column) in BLOB_COLUMNS {
            let Some(table) = table_named(table) else { continue };
            if !self.column_exists(table, column)? {
                continue;
            }
            let live = if self.column_exists(table, "deleted")? { "AND t.deleted = 0" } else { "" };
            let sql = format!(
                "SELECT DISTINCT t.{col} FROM {tbl} t JOIN clocks c ON c.row_id = t.id AND c.field = ?1
                 WHERE t.{col} IS NOT NULL AND c.device = ?2 {live}",
                col = quote(column),
                tbl = quote(table.name()),
            );
            let mut stmt = self.conn.prepare_cached(&sql)?;
            for hash in stmt.query_map(params![column, self.device_idx], |r| r.get::<_, String>(0))? {
                out.insert(hash?);
            }
        }
        Ok(out)
    }
}

/// Content hashes referenced by these rows (see [`BLOB_COLUMNS`]).
pub(crate) fn referenced_blobs(rows: &[RowChanges]) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for row in rows {
        for write in &row.fields {
            if let Value::Text(hash) = &write.value
                && BLOB_COLUMNS.contains(&(row.table.as_str(), write.field.as_str()))
            {
                out.insert(hash.clone());
            }
        }
    }
    out
}

fn record_progress(tx: &Transaction<'_>, me: Uuid, progress: &Progress, now_ms: u64) -> Result<()> {
    let idx = |device: Uuid| -> Result<i64> {
        tx.execute("INSERT OR IGNORE INTO devices (device_id) VALUES (?1)", [device])?;
        Ok(tx.query_row("SELECT idx FROM devices WHERE device_id = ?1", [device], |r| r.get(0))?)
    };
    match progress {
        Progress::Changeset { device, seq, schema_version } => {
            let device = idx(*device)?;
            tx.execute(
                "INSERT INTO sync_peers (device, applied_through, schema_version, last_seen) VALUES (?1, 0, ?2, ?3)
                 ON CONFLICT (device) DO UPDATE SET schema_version = MAX(IFNULL(schema_version, 0), excluded.schema_version),
                 last_seen = excluded.last_seen",
                params![device, schema_version, now_ms as i64],
            )?;
            tx.execute(
                "UPDATE sync_peers SET applied_through = ?2 WHERE device = ?1 AND applied_through = ?2 - 1",
                params![device, *seq as i64],
            )?;
        }
        Progress::Snapshot { coverage } => {
            for (device, through) in coverage.iter().filter(|(d, _)| *d != me) {
                let device = idx(*device)?;
                tx.execute(
                    "INSERT INTO sync_peers (device, applied_through) VALUES (?1, ?2)
                     ON CONFLICT (device) DO UPDATE SET applied_through = MAX(applied_through, excluded.applied_through)",
                    params![device, *through as i64],
                )?;
            }
        }
        Progress::None => {}
    }
    Ok(())
}
