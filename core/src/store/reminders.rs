//! Reminders in SQL: the synced `reminders` table (one column per field, JSON text where the field
//! is structured) and this device's own notification state, which never syncs: a pause, snoozes,
//! and the delivered and acted-on events that ignore streaks are counted from.

use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, OptionalExtension, Row};
use serde::de::DeserializeOwned;
use uuid::Uuid;

use super::entries::{DayRange, from_enum_text, json, text};
use super::rows::Fields;
use super::{Store, Table, Write};
use crate::error::{GutskinError, Result};
use crate::model::MealKind;
use crate::reminders::{NewReminder, Reminder, SlotKind};

const SELECT_REMINDER: &str =
    "SELECT id, kind, schedule, quiet_hours, time_zone, enabled, title, body, deleted FROM reminders";

/// `reminder_events.event`: the notification was shown.
pub(crate) const EVENT_DELIVERED: i64 = 1;
/// `reminder_events.event`: the user tapped it or one of its actions.
pub(crate) const EVENT_ACTED_ON: i64 = 2;

/// A row of `reminders` as this version reads it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum StoredReminder {
    Known(Reminder),
    /// A field this version cannot read, e.g. a kind or schedule written by a newer Gutskin and
    /// merged by sync. Kept and synced as it is, never planned.
    Unreadable {
        id: String,
        field: &'static str,
        reason: String,
    },
}

fn reminder_fields(reminder: &NewReminder) -> Result<Fields> {
    Ok(vec![
        ("kind", json(&reminder.kind)?),
        ("schedule", json(&reminder.schedule)?),
        ("quiet_hours", reminder.quiet_hours.as_ref().map(json).transpose()?.unwrap_or(Value::Null)),
        ("time_zone", json(&reminder.time_zone)?),
        ("enabled", Value::Integer(i64::from(reminder.enabled))),
        ("title", text(reminder.title.as_deref())),
        ("body", text(reminder.body.as_deref())),
    ])
}

/// Decodes a JSON column; `Err((field, reason))` when this version cannot read it.
fn json_column<T: DeserializeOwned>(row: &Row<'_>, index: usize, field: &'static str) -> Result<Result<T, String>> {
    let decoded = match row.get_ref(index)? {
        ValueRef::Text(bytes) => serde_json::from_slice(bytes).map_err(|e| e.to_string()),
        ValueRef::Null => serde_json::from_str("null").map_err(|_| "is missing".to_string()),
        _ => Err("is not text".to_string()),
    };
    Ok(decoded.map_err(|reason| format!("{field}: {reason}")))
}

fn reminder_from_row(row: &Row<'_>) -> Result<StoredReminder> {
    let id: Uuid = row.get(0)?;
    let id = id.hyphenated().to_string();
    macro_rules! field {
        ($index:expr, $name:literal) => {
            match json_column(row, $index, $name)? {
                Ok(value) => value,
                Err(reason) => return Ok(StoredReminder::Unreadable { id, field: $name, reason }),
            }
        };
    }
    let kind = field!(1, "kind");
    let schedule = field!(2, "schedule");
    let quiet_hours = field!(3, "quiet_hours");
    let time_zone = field!(4, "time_zone");
    Ok(StoredReminder::Known(Reminder {
        id,
        kind,
        schedule,
        quiet_hours,
        time_zone,
        enabled: row.get(5)?,
        title: row.get(6)?,
        body: row.get(7)?,
        deleted: row.get(8)?,
    }))
}

fn query_reminders(conn: &Connection, sql: &str, params: impl rusqlite::Params) -> Result<Vec<StoredReminder>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let mut rows = stmt.query(params)?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(reminder_from_row(row)?);
    }
    Ok(out)
}

pub(super) fn read_reminder(conn: &Connection, id: Uuid) -> Result<Option<StoredReminder>> {
    Ok(query_reminders(conn, &format!("{SELECT_REMINDER} WHERE id = ?1"), [id])?.pop())
}

fn parse_stored_id(id: &str) -> Result<Uuid> {
    Uuid::try_parse(id).map_err(|_| GutskinError::Storage { detail: format!("not a UUID: {id:?}") })
}

impl Write<'_> {
    /// Inserts a validated reminder under its own id, with its deleted flag (kept for imports).
    pub fn insert_reminder(&mut self, reminder: &Reminder) -> Result<()> {
        let id = parse_stored_id(&reminder.id)?;
        self.insert_row(Table::Reminders, id, &reminder_fields(&reminder.to_new())?, reminder.deleted)
    }

    /// Writes the fields of `new` that differ from the stored ones (all of them when the stored
    /// reminder is unreadable); returns whether any did.
    pub fn update_reminder(&mut self, id: Uuid, current: &StoredReminder, new: &NewReminder) -> Result<bool> {
        let old = match current {
            StoredReminder::Known(current) => reminder_fields(&current.to_new())?,
            StoredReminder::Unreadable { .. } => Fields::new(),
        };
        self.update_row(Table::Reminders, id, &old, &reminder_fields(new)?)
    }

    pub fn set_reminder_deleted(&mut self, id: Uuid, deleted: bool) -> Result<bool> {
        self.set_row_deleted(Table::Reminders, id, deleted)
    }

    pub fn reminder(&self, id: Uuid) -> Result<Option<StoredReminder>> {
        read_reminder(&self.tx, id)
    }

    pub fn reminder_exists(&self, id: Uuid) -> Result<bool> {
        self.row_exists(Table::Reminders, id)
    }

    /// Pauses every reminder on this device until `until_ms`, or ends the pause (`None`).
    pub fn set_reminder_pause(&mut self, until_ms: Option<i64>) -> Result<()> {
        match until_ms {
            Some(until) => self
                .tx
                .prepare_cached(
                    "INSERT INTO reminder_pause (id, until) VALUES (1, ?1)
                     ON CONFLICT (id) DO UPDATE SET until = excluded.until",
                )?
                .execute([until])?,
            None => self.tx.prepare_cached("DELETE FROM reminder_pause")?.execute([])?,
        };
        Ok(())
    }

    /// Keeps a snooze, replacing an earlier one of the same occurrence.
    pub fn put_snooze(&mut self, snooze: &SnoozeRow) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO reminder_snoozes (notification_id, reminder_id, slot_day, snoozed_at, minutes)
                 VALUES (?1, ?2, ?3, ?4, ?5)
                 ON CONFLICT (notification_id) DO UPDATE
                 SET snoozed_at = excluded.snoozed_at, minutes = excluded.minutes",
            )?
            .execute(rusqlite::params![
                snooze.notification_id,
                snooze.reminder_id,
                snooze.slot_day,
                snooze.snoozed_at_ms,
                snooze.minutes
            ])?;
        Ok(())
    }

    pub fn remove_snooze(&mut self, notification_id: &str) -> Result<()> {
        self.tx
            .prepare_cached("DELETE FROM reminder_snoozes WHERE notification_id = ?1")?
            .execute([notification_id])?;
        Ok(())
    }

    /// Forgets snoozes of slots before `before_day` that were made before `before_ms`: both are so
    /// far back that the snoozed notification has fired (a snooze moves a slot by at most a day).
    pub fn prune_snoozes(&mut self, before_day: i64, before_ms: i64) -> Result<()> {
        self.tx
            .prepare_cached("DELETE FROM reminder_snoozes WHERE slot_day < ?1 AND snoozed_at < ?2")?
            .execute([before_day, before_ms])?;
        Ok(())
    }

    /// Records a delivered or acted-on event; the first report of each is kept.
    pub fn add_reminder_event(&mut self, event: &EventRow) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO reminder_events (notification_id, event, reminder_id, slot_day, at)
                 VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (notification_id, event) DO NOTHING",
            )?
            .execute(rusqlite::params![
                event.notification_id,
                event.event,
                event.reminder_id,
                event.slot_day,
                event.at_ms
            ])?;
        Ok(())
    }

    /// Forgets events of slots before `before_day`.
    pub fn prune_reminder_events(&mut self, before_day: i64) -> Result<()> {
        self.tx.prepare_cached("DELETE FROM reminder_events WHERE slot_day < ?1")?.execute([before_day])?;
        Ok(())
    }
}

/// A row of `reminder_snoozes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct SnoozeRow {
    pub notification_id: String,
    pub reminder_id: Uuid,
    pub slot_day: i64,
    pub snoozed_at_ms: i64,
    pub minutes: u32,
}

/// A row of `reminder_events`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct EventRow {
    pub notification_id: String,
    pub event: i64,
    pub reminder_id: Uuid,
    pub slot_day: i64,
    pub at_ms: i64,
}

impl Store {
    pub fn reminder(&self, id: Uuid) -> Result<Option<StoredReminder>> {
        read_reminder(&self.conn, id)
    }

    /// Reminders in the order they were made (UUIDv7 ids), deleted ones only if asked for.
    pub fn reminders(&self, include_deleted: bool) -> Result<Vec<StoredReminder>> {
        query_reminders(
            &self.conn,
            &format!("{SELECT_REMINDER} WHERE (?1 OR deleted = 0) ORDER BY id"),
            [include_deleted],
        )
    }

    /// Until when this device's reminders are paused (ms), if they are.
    pub fn reminder_pause(&self) -> Result<Option<i64>> {
        Ok(self.conn.prepare_cached("SELECT until FROM reminder_pause")?.query_row([], |r| r.get(0)).optional()?)
    }

    pub fn snoozes(&self) -> Result<Vec<SnoozeRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT notification_id, reminder_id, slot_day, snoozed_at, minutes FROM reminder_snoozes
             ORDER BY snoozed_at, notification_id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(SnoozeRow {
                notification_id: r.get(0)?,
                reminder_id: r.get(1)?,
                slot_day: r.get(2)?,
                snoozed_at_ms: r.get(3)?,
                minutes: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The events of slots from `first_day` on, by reminder and slot day.
    pub fn reminder_events(&self, first_day: i64) -> Result<Vec<EventRow>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT notification_id, event, reminder_id, slot_day, at FROM reminder_events
             WHERE slot_day >= ?1 ORDER BY reminder_id, slot_day, event",
        )?;
        let rows = stmt.query_map([first_day], |r| {
            Ok(EventRow {
                notification_id: r.get(0)?,
                event: r.get(1)?,
                reminder_id: r.get(2)?,
                slot_day: r.get(3)?,
                at_ms: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// What the (not deleted) entries of a range of days cover for reminders, by local day: meals
    /// by meal, skin and gut check-ins, and medications and supplements by name.
    pub fn logged_slots(&self, days: DayRange) -> Result<Vec<(i64, SlotKind)>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT local_day, kind, meal_kind, med_name FROM entries
             WHERE local_day BETWEEN ?1 AND ?2 AND deleted = 0
               AND kind IN ('meal', 'skin_check_in', 'gut_check_in', 'medication')
             ORDER BY local_day, occurred_at, id",
        )?;
        let mut rows = stmt.query([days.first, days.last])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            let day: i64 = row.get(0)?;
            let kind: String = row.get(1)?;
            let slot = match kind.as_str() {
                "meal" => SlotKind::Meal { meal: from_enum_text::<MealKind>(row, 2)? },
                "skin_check_in" => SlotKind::SkinCheckIn,
                "gut_check_in" => SlotKind::GutCheckIn,
                _ => SlotKind::Dose { name: row.get(3)? },
            };
            out.push((day, slot));
        }
        Ok(out)
    }

    /// When the (not deleted) skin photos taken from `from_ms` to `to_ms` were taken (ms).
    pub fn skin_photo_times(&self, from_ms: i64, to_ms: i64) -> Result<Vec<i64>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT taken_at FROM photos WHERE subject = 'skin' AND deleted = 0 AND taken_at BETWEEN ?1 AND ?2
             ORDER BY taken_at",
        )?;
        let rows = stmt.query_map([from_ms, to_ms], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
