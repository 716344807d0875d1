//! Entries in SQL: the mapping between an entry and its synced fields (one column each), and the
//! reads and writes of entries and their tags.

use std::collections::HashMap;

use rusqlite::types::Value;
use rusqlite::{OptionalExtension, Row, params_from_iter};
use serde::Serialize;
use serde::de::DeserializeOwned;
use uuid::Uuid;

use super::{Store, Table, Write};
use crate::error::{GutskinError, Result};
use crate::model::{Course, Entry, EntryDetails, EntryKind, NewEntry};
use crate::time;

/// An inclusive range of local days, as day numbers (see [`time::day_number`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct DayRange {
    pub first: i64,
    pub last: i64,
}

/// The columns a read selects, in the order `entry_from_row` reads them.
const SELECT_ENTRY: &str = "SELECT id, occurred_at, kind, utc_offset_min, time_zone, note, deleted,
    meal_kind, items, skin_ratings, poem, bristol, bloating, pain, stress, sleep_minutes, sleep_quality,
    activity_kind, activity_minutes, med_kind, med_name, dose, course_start, course_end, water_ml, note_text
    FROM entries";

type Fields = Vec<(&'static str, Value)>;

/// The synced fields of a (normalised) entry other than `kind` and `deleted`: field name = column.
fn entry_fields(entry: &NewEntry) -> Result<Fields> {
    let mut fields: Fields = vec![
        ("occurred_at", Value::Integer(time::to_millis(entry.occurred_at))),
        ("utc_offset_min", Value::Integer(i64::from(entry.utc_offset_minutes.unwrap_or(0)))),
        ("time_zone", Value::Text(entry.time_zone.clone())),
        ("note", text(entry.note.as_deref())),
    ];
    match &entry.details {
        EntryDetails::Meal { meal, items } => {
            fields.push(("meal_kind", enum_text(meal)?));
            fields.push(("items", json(items)?));
        }
        EntryDetails::SkinCheckIn { ratings, poem } => {
            fields.push(("skin_ratings", json(ratings)?));
            fields.push(("poem", poem.as_ref().map(json).transpose()?.unwrap_or(Value::Null)));
        }
        EntryDetails::GutCheckIn { bristol, bloating, pain } => {
            fields.push(("bristol", int(*bristol)));
            fields.push(("bloating", int(*bloating)));
            fields.push(("pain", int(*pain)));
        }
        EntryDetails::Stress { level } => fields.push(("stress", int(Some(*level)))),
        EntryDetails::Sleep { minutes, quality } => {
            fields.push(("sleep_minutes", int(Some(*minutes))));
            fields.push(("sleep_quality", int(*quality)));
        }
        EntryDetails::Activity { activity, minutes } => {
            fields.push(("activity_kind", enum_text(activity)?));
            fields.push(("activity_minutes", int(Some(*minutes))));
        }
        EntryDetails::Medication { medication, name, dose, course } => {
            fields.push(("med_kind", enum_text(medication)?));
            fields.push(("med_name", Value::Text(name.clone())));
            fields.push(("dose", text(dose.as_deref())));
            fields.push(("course_start", text(course.as_ref().map(|c| c.start.as_str()))));
            fields.push(("course_end", text(course.as_ref().and_then(|c| c.end.as_deref()))));
        }
        EntryDetails::Water { ml } => fields.push(("water_ml", int(Some(*ml)))),
        EntryDetails::Note { text: body } => fields.push(("note_text", Value::Text(body.clone()))),
    }
    Ok(fields)
}

fn local_day(entry: &NewEntry) -> i64 {
    time::day_number(time::local_date(entry.occurred_at, entry.utc_offset_minutes.unwrap_or(0)))
}

impl Write<'_> {
    /// Inserts a new, validated entry with its tags. `deleted` is for imports of deleted entries.
    pub fn insert_entry(&mut self, id: Uuid, entry: &NewEntry, deleted: bool) -> Result<()> {
        let fields = entry_fields(entry)?;
        let mut columns = vec!["id", "local_day", "kind", "deleted"];
        let mut values = vec![
            Value::Blob(id.as_bytes().to_vec()),
            Value::Integer(local_day(entry)),
            Value::Text(entry.details.kind().as_str().to_string()),
            Value::Integer(i64::from(deleted)),
        ];
        for (name, value) in &fields {
            columns.push(name);
            values.push(value.clone());
        }
        let placeholders = vec!["?"; columns.len()].join(", ");
        let sql = format!("INSERT INTO entries ({}) VALUES ({placeholders})", columns.join(", "));
        self.tx.prepare_cached(&sql)?.execute(params_from_iter(values))?;
        self.touched_days.insert(local_day(entry));
        for name in ["kind", "deleted"].into_iter().chain(fields.iter().map(|(name, _)| *name)) {
            self.stamp(Table::Entries, id, name)?;
        }
        for tag in &entry.tags {
            self.set_tag(id, tag, true)?;
        }
        Ok(())
    }

    /// Replaces the fields of an entry, writing and stamping only those that changed.
    /// Returns whether anything changed.
    pub fn update_entry(&mut self, id: Uuid, current: &Entry, entry: &NewEntry) -> Result<bool> {
        if current.kind() != entry.details.kind() {
            return Err(GutskinError::invalid(
                "details",
                format!("an entry's kind cannot change (it is {})", current.kind().as_str()),
            ));
        }
        let old = entry_fields(&current.to_new_entry())?;
        let new = entry_fields(entry)?;
        let changed: Fields = new.into_iter().filter(|field| !old.contains(field)).collect();
        if !changed.is_empty() {
            let mut sets: Vec<String> = changed.iter().map(|(name, _)| format!("{name} = ?")).collect();
            sets.push("local_day = ?".into());
            let mut values: Vec<Value> = changed.iter().map(|(_, v)| v.clone()).collect();
            values.push(Value::Integer(local_day(entry)));
            values.push(Value::Blob(id.as_bytes().to_vec()));
            let sql = format!("UPDATE entries SET {} WHERE id = ?", sets.join(", "));
            self.tx.prepare_cached(&sql)?.execute(params_from_iter(values))?;
            // Both days change when an entry moves in time.
            self.touched_days.insert(local_day(&current.to_new_entry()));
            self.touched_days.insert(local_day(entry));
            for (name, _) in &changed {
                self.stamp(Table::Entries, id, name)?;
            }
        }
        let mut tags_changed = false;
        for tag in current.tags.iter().filter(|t| !entry.tags.contains(t)) {
            self.set_tag(id, tag, false)?;
            tags_changed = true;
        }
        for tag in entry.tags.iter().filter(|t| !current.tags.contains(t)) {
            self.set_tag(id, tag, true)?;
            tags_changed = true;
        }
        Ok(!changed.is_empty() || tags_changed)
    }

    /// Marks an entry deleted or not; returns false if it already was in that state or is unknown.
    pub fn set_deleted(&mut self, id: Uuid, deleted: bool) -> Result<bool> {
        let day: Option<i64> = self
            .tx
            .prepare_cached("UPDATE entries SET deleted = ?1 WHERE id = ?2 AND deleted <> ?1 RETURNING local_day")?
            .query_row(rusqlite::params![deleted, id], |r| r.get(0))
            .optional()?;
        if let Some(day) = day {
            self.touched_days.insert(day);
            self.stamp(Table::Entries, id, "deleted")?;
        }
        Ok(day.is_some())
    }

    /// Sets the present flag of the (entry, tag) row, creating it on first use.
    fn set_tag(&mut self, entry_id: Uuid, tag: &str, present: bool) -> Result<()> {
        let row_id = tag_row_id(entry_id, tag);
        let inserted = self
            .tx
            .prepare_cached(
                "INSERT INTO entry_tags (id, entry_id, tag, present) VALUES (?1, ?2, ?3, ?4)
                 ON CONFLICT (id) DO NOTHING",
            )?
            .execute(rusqlite::params![row_id, entry_id, tag, present])?;
        if inserted > 0 {
            self.stamp(Table::EntryTags, row_id, "entry_id")?;
            self.stamp(Table::EntryTags, row_id, "tag")?;
        } else {
            self.tx
                .prepare_cached("UPDATE entry_tags SET present = ?1 WHERE id = ?2")?
                .execute(rusqlite::params![present, row_id])?;
        }
        self.stamp(Table::EntryTags, row_id, "present")
    }

    /// Whether an entry with this id exists (deleted or not), inside this transaction.
    pub fn entry_exists(&self, id: Uuid) -> Result<bool> {
        let found: Option<i64> =
            self.tx.prepare_cached("SELECT 1 FROM entries WHERE id = ?1")?.query_row([id], |r| r.get(0)).optional()?;
        Ok(found.is_some())
    }

    pub fn entry(&self, id: Uuid) -> Result<Option<Entry>> {
        read_entry(&self.tx, id)
    }
}

/// The (entry, tag) row id: the same on every device.
fn tag_row_id(entry_id: Uuid, tag: &str) -> Uuid {
    Uuid::new_v5(&entry_id, tag.as_bytes())
}

impl Store {
    pub fn entry(&self, id: Uuid) -> Result<Option<Entry>> {
        read_entry(&self.conn, id)
    }

    /// Entries of a range of local days, oldest first; optionally one kind, optionally with deleted ones.
    pub fn entries(&self, days: DayRange, kind: Option<EntryKind>, include_deleted: bool) -> Result<Vec<Entry>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_ENTRY} WHERE local_day BETWEEN ?1 AND ?2 AND (?3 IS NULL OR kind = ?3) AND (?4 OR deleted = 0)
             ORDER BY local_day, occurred_at, id"
        ))?;
        let kind = kind.map(EntryKind::as_str);
        let mut rows = stmt.query(rusqlite::params![days.first, days.last, kind, include_deleted])?;
        let mut entries = Vec::new();
        while let Some(row) = rows.next()? {
            entries.push(entry_from_row(row)?);
        }
        let mut tags = self.tags_of_days(days)?;
        for entry in &mut entries {
            if let Some(found) = tags.remove(&entry.id) {
                entry.tags = found;
            }
        }
        Ok(entries)
    }

    /// Calls `each` for every entry, deleted ones included, in the order of their days.
    pub fn for_each_entry(&self, mut each: impl FnMut(Entry) -> Result<()>) -> Result<u64> {
        let mut stmt = self.conn.prepare(&format!("{SELECT_ENTRY} ORDER BY local_day, occurred_at, id"))?;
        let mut tag_stmt =
            self.conn.prepare_cached("SELECT tag FROM entry_tags WHERE entry_id = ?1 AND present = 1 ORDER BY tag")?;
        let mut rows = stmt.query([])?;
        let mut count = 0;
        while let Some(row) = rows.next()? {
            let mut entry = entry_from_row(row)?;
            let id: Uuid = row.get(0)?;
            entry.tags = tag_stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
            each(entry)?;
            count += 1;
        }
        Ok(count)
    }

    /// Present tags of the entries of a range of days, by entry id, each list sorted.
    fn tags_of_days(&self, days: DayRange) -> Result<HashMap<String, Vec<String>>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.entry_id, t.tag FROM entries e JOIN entry_tags t ON t.entry_id = e.id
             WHERE e.local_day BETWEEN ?1 AND ?2 AND t.present = 1 ORDER BY t.tag",
        )?;
        let mut out: HashMap<String, Vec<String>> = HashMap::new();
        let rows = stmt.query_map([days.first, days.last], |r| Ok((r.get::<_, Uuid>(0)?, r.get::<_, String>(1)?)))?;
        for row in rows {
            let (id, tag) = row?;
            out.entry(id.hyphenated().to_string()).or_default().push(tag);
        }
        Ok(out)
    }
}

pub(super) fn read_entry(conn: &rusqlite::Connection, id: Uuid) -> Result<Option<Entry>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT_ENTRY} WHERE id = ?1"))?;
    let Some(mut entry) = stmt.query_row([id], |row| Ok(entry_from_row(row))).optional()?.transpose()? else {
        return Ok(None);
    };
    let mut tag_stmt =
        conn.prepare_cached("SELECT tag FROM entry_tags WHERE entry_id = ?1 AND present = 1 ORDER BY tag")?;
    entry.tags = tag_stmt.query_map([id], |r| r.get(0))?.collect::<rusqlite::Result<_>>()?;
    Ok(Some(entry))
}

/// Whether the entry's row decodes (its tags are any text): the merge's check of a peer's row.
pub(super) fn entry_row_reads(conn: &rusqlite::Connection, id: Uuid) -> bool {
    let read = || -> Result<()> {
        let mut stmt = conn.prepare_cached(&format!("{SELECT_ENTRY} WHERE id = ?1"))?;
        stmt.query_row([id], |row| Ok(entry_from_row(row))).optional()?.transpose()?;
        Ok(())
    };
    read().is_ok()
}

/// Builds an entry (without its tags) from a row of `SELECT_ENTRY`.
fn entry_from_row(row: &Row<'_>) -> Result<Entry> {
    let id: Uuid = row.get(0)?;
    let occurred_at = time::from_millis(row.get(1)?);
    let kind_name: String = row.get(2)?;
    let utc_offset_minutes: i32 = row.get(3)?;
    let kind = EntryKind::parse(&kind_name)
        .ok_or_else(|| GutskinError::Storage { detail: format!("unknown entry kind {kind_name:?}") })?;
    let details = match kind {
        EntryKind::Meal => EntryDetails::Meal { meal: from_enum_text(row, 7)?, items: from_json(row, 8)? },
        EntryKind::SkinCheckIn => EntryDetails::SkinCheckIn {
            ratings: from_json(row, 9)?,
            poem: row.get::<_, Option<String>>(10)?.map(|s| decode(&s)).transpose()?,
        },
        EntryKind::GutCheckIn => {
            EntryDetails::GutCheckIn { bristol: row.get(11)?, bloating: row.get(12)?, pain: row.get(13)? }
        }
        EntryKind::Stress => EntryDetails::Stress { level: row.get(14)? },
        EntryKind::Sleep => EntryDetails::Sleep { minutes: row.get(15)?, quality: row.get(16)? },
        EntryKind::Activity => EntryDetails::Activity { activity: from_enum_text(row, 17)?, minutes: row.get(18)? },
        EntryKind::Medication => EntryDetails::Medication {
            medication: from_enum_text(row, 19)?,
            name: row.get(20)?,
            dose: row.get(21)?,
            course: row
                .get::<_, Option<String>>(22)?
                .map(|start| -> rusqlite::Result<Course> { Ok(Course { start, end: row.get(23)? }) })
                .transpose()?,
        },
        EntryKind::Water => EntryDetails::Water { ml: row.get(24)? },
        EntryKind::Note => EntryDetails::Note { text: row.get(25)? },
    };
    Ok(Entry {
        id: id.hyphenated().to_string(),
        occurred_at,
        time_zone: row.get(4)?,
        utc_offset_minutes,
        local_date: time::format_date(time::local_date(occurred_at, utc_offset_minutes)),
        note: row.get(5)?,
        tags: Vec::new(),
        deleted: row.get(6)?,
        details,
    })
}

pub(super) fn text(value: Option<&str>) -> Value {
    value.map_or(Value::Null, |s| Value::Text(s.to_string()))
}

pub(super) fn int<T: Into<i64>>(value: Option<T>) -> Value {
    value.map_or(Value::Null, |v| Value::Integer(v.into()))
}

pub(super) fn json<T: Serialize + ?Sized>(value: &T) -> Result<Value> {
    serde_json::to_string(value).map(Value::Text).map_err(|e| GutskinError::Storage { detail: e.to_string() })
}

/// Unit enums are stored as their serde name ("lunch", "exercise").
pub(super) fn enum_text<T: Serialize>(value: &T) -> Result<Value> {
    match serde_json::to_value(value) {
        Ok(serde_json::Value::String(s)) => Ok(Value::Text(s)),
        _ => Err(GutskinError::Storage { detail: "enum did not serialise to a name".into() }),
    }
}

pub(super) fn from_enum_text<T: DeserializeOwned>(row: &Row<'_>, index: usize) -> Result<T> {
    let name: String = row.get(index)?;
    Ok(serde_json::from_value(serde_json::Value::String(name))?)
}

pub(super) fn from_json<T: DeserializeOwned>(row: &Row<'_>, index: usize) -> Result<T> {
    decode(&row.get::<_, String>(index)?)
}

pub(super) fn decode<T: DeserializeOwned>(text: &str) -> Result<T> {
    Ok(serde_json::from_str(text)?)
}
