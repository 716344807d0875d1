//! `Diary`: the one object that owns an open diary. The phone apps (through the bindings) and the
//! `gutskin` command call it; it validates, then hands plain values to the store.
//!
//! It is `Send + Sync`: calls from several threads are serialised on one connection, each call
//! short (a write is one transaction).
//!
//! Foods, custom foods, saved meals and totals are in `diary/foods.rs`; photos in `diary/photos.rs`;
//! reminders in `diary/reminders.rs`.

mod foods;
#[cfg(test)]
mod full_disk_tests;
mod photos;
mod privacy;
mod reminders;

pub use photos::LocalPhotoFiles;
pub use privacy::read_backup_info;

use std::io::{BufRead, Write as IoWrite};
use std::path::Path;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::SystemTime;

use uuid::Uuid;

use crate::error::{GutskinError, Result};
use crate::model::{DaySummary, DayView, Entry, EntryKind, ImportReport, NewEntry, Profile};
use crate::store::{DayRange, Store, parse_id};
use crate::sync::FieldChange;
use crate::{export, time, validate};

/// The longest range of days one summary call covers: ten years.
pub const MAX_SUMMARY_DAYS: i64 = 3660;

/// Where the diary reads the time. Tests and demos substitute their own.
pub trait Clock: Send + Sync {
    fn now(&self) -> SystemTime;
}

/// The device's wall clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> SystemTime {
        SystemTime::now()
    }
}

pub struct Diary {
    store: Mutex<Store>,
    clock: Arc<dyn Clock>,
}

impl std::fmt::Debug for Diary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Diary").finish_non_exhaustive()
    }
}

impl Diary {
    /// Opens the diary file at `path`, creating it if it does not exist.
    pub fn open(path: impl AsRef<Path>) -> Result<Diary> {
        Self::open_with_clock(Some(path.as_ref()), Arc::new(SystemClock))
    }

    /// A diary that lives in memory only: for tests and previews.
    pub fn open_in_memory() -> Result<Diary> {
        Self::open_with_clock(None, Arc::new(SystemClock))
    }

    /// Like `open`, reading the time from `clock`; `None` opens an in-memory diary.
    pub fn open_with_clock(path: Option<&Path>, clock: Arc<dyn Clock>) -> Result<Diary> {
        Ok(Diary { store: Mutex::new(Store::open(path, None)?), clock })
    }

    /// This device's id in the diary's sync records.
    pub fn device_id(&self) -> String {
        self.store().device_id().hyphenated().to_string()
    }

    /// Logs a new entry and returns it as stored (normalised, with its new id).
    pub fn log_entry(&self, entry: NewEntry) -> Result<Entry> {
        let now = self.clock.now();
        let entry = validate::new_entry(&entry, now)?;
        let id = Uuid::now_v7();
        let mut store = self.store();
        store.write(now_ms(now), |w| {
            foods::check_entry_foods(w, &entry.details, "", None)?;
            w.insert_entry(id, &entry, false)?;
            Ok(stored_entry(id, entry))
        })
    }

    /// Logs several entries in one transaction: all of them, or (on the first invalid one) none.
    /// For bulk logging such as a demo diary or a backlog typed in at once.
    pub fn log_entries(&self, entries: Vec<NewEntry>) -> Result<Vec<Entry>> {
        let now = self.clock.now();
        let checked = entries
            .iter()
            .enumerate()
            .map(|(i, entry)| {
                validate::new_entry(entry, now).map_err(|e| e.with_field_prefix(&format!("entries[{i}].")))
            })
            .collect::<Result<Vec<_>>>()?;
        if checked.is_empty() {
            // Nothing to log: no transaction, so not even the diary's clock moves.
            return Ok(Vec::new());
        }
        let mut store = self.store();
        store.write(now_ms(now), |w| {
            let mut logged = Vec::with_capacity(checked.len());
            for (i, entry) in checked.iter().enumerate() {
                foods::check_entry_foods(w, &entry.details, &format!("entries[{i}]."), None)?;
                let id = Uuid::now_v7();
                w.insert_entry(id, entry, false)?;
                logged.push(stored_entry(id, entry.clone()));
            }
            Ok(logged)
        })
    }

    /// Replaces the fields of entry `id` with `entry`'s; only changed fields are written (and synced).
    /// The kind of an entry cannot change.
    pub fn update_entry(&self, id: &str, entry: NewEntry) -> Result<Entry> {
        let uuid = parse_id("id", id)?;
        let now = self.clock.now();
        let entry = validate::new_entry(&entry, now)?;
        let mut store = self.store();
        store.write(now_ms(now), |w| {
            let current = w.entry(uuid)?.ok_or_else(|| GutskinError::not_found("entry", id))?;
            foods::check_entry_foods(w, &entry.details, "", Some(&current.details))?;
            w.update_entry(uuid, &current, &entry)?;
            w.entry(uuid)?.ok_or_else(|| GutskinError::not_found("entry", id))
        })
    }

    /// Marks an entry deleted. Nothing is erased: `undelete_entry` brings it back.
    pub fn delete_entry(&self, id: &str) -> Result<Entry> {
        self.set_deleted(id, true)
    }

    pub fn undelete_entry(&self, id: &str) -> Result<Entry> {
        self.set_deleted(id, false)
    }

    fn set_deleted(&self, id: &str, deleted: bool) -> Result<Entry> {
        let uuid = parse_id("id", id)?;
        let now = self.clock.now();
        let mut store = self.store();
        store.write(now_ms(now), |w| {
            if !w.entry_exists(uuid)? {
                return Err(GutskinError::not_found("entry", id));
            }
            w.set_deleted(uuid, deleted)?;
            w.entry(uuid)?.ok_or_else(|| GutskinError::not_found("entry", id))
        })
    }

    /// One entry, deleted or not.
    pub fn entry(&self, id: &str) -> Result<Entry> {
        let uuid = parse_id("id", id)?;
        self.store().entry(uuid)?.ok_or_else(|| GutskinError::not_found("entry", id))
    }

    /// The entries of a local day ("YYYY-MM-DD"), oldest first, without deleted ones.
    pub fn entries_on(&self, date: &str) -> Result<Vec<Entry>> {
        let day = day_of("date", date)?;
        self.store().entries(DayRange { first: day, last: day }, None, false)
    }

    /// The entries of the local days `from`..=`to`, oldest first; optionally of one kind only.
    pub fn entries_between(
        &self,
        from: &str,
        to: &str,
        kind: Option<EntryKind>,
        include_deleted: bool,
    ) -> Result<Vec<Entry>> {
        let range = day_range(from, to, None)?;
        self.store().entries(range, kind, include_deleted)
    }

    pub fn day_summary(&self, date: &str) -> Result<DaySummary> {
        let day = day_of("date", date)?;
        let mut summaries = self.store().summaries(DayRange { first: day, last: day })?;
        summaries.pop().ok_or_else(|| GutskinError::Storage { detail: "no summary for a one-day range".into() })
    }

    /// One summary per local day of `from`..=`to` (at most ten years), empty days included.
    pub fn day_summaries(&self, from: &str, to: &str) -> Result<Vec<DaySummary>> {
        let range = day_range(from, to, Some(MAX_SUMMARY_DAYS))?;
        self.store().summaries(range)
    }

    /// Everything the Today screen shows for a day, in one call.
    pub fn day(&self, date: &str) -> Result<DayView> {
        let day = day_of("date", date)?;
        let range = DayRange { first: day, last: day };
        let store = self.store();
        let entries = store.entries(range, None, false)?;
        let summary = store
            .summaries(range)?
            .pop()
            .ok_or_else(|| GutskinError::Storage { detail: "no summary for a one-day range".into() })?;
        let (meals, foods) = foods::meals_of(&store, &entries)?;
        let photos = store.photos_of_days(range)?;
        Ok(DayView { date: summary.date.clone(), entries, summary, meals, foods, photos })
    }

    pub fn profile(&self) -> Result<Profile> {
        self.store().profile()
    }

    /// Checks and saves the profile; returns it as stored.
    pub fn set_profile(&self, profile: Profile) -> Result<Profile> {
        let now = self.clock.now();
        let profile = validate::profile(&profile, now)?;
        let mut store = self.store();
        store.write(now_ms(now), |w| w.set_profile(&profile))?;
        store.profile()
    }

    /// Writes the whole diary (profile, every entry including deleted ones) as JSON Lines.
    /// Returns the number of entries written. See docs/format.md.
    pub fn export_jsonl(&self, out: &mut dyn IoWrite) -> Result<u64> {
        let store = self.store();
        export::write_jsonl(&store, out)
    }

    /// Imports JSON Lines as `export_jsonl` writes them. Every line is checked first: one bad line
    /// fails the import with its line number, and nothing is written. Entries whose id the diary
    /// already holds are left as they are.
    pub fn import_jsonl(&self, input: &mut dyn BufRead) -> Result<ImportReport> {
        self.import(input, true)
    }

    /// What [`Diary::import_jsonl`] would do with `input`, without writing anything: the same
    /// checks (a bad line is the same error, with its line number) and the same report, counting
    /// what would be imported and what is already there. For an app's "import N entries?" step.
    pub fn check_import_jsonl(&self, input: &mut dyn BufRead) -> Result<ImportReport> {
        self.import(input, false)
    }

    /// Parses and checks `input`, then applies it in one transaction, committed or rolled back.
    fn import(&self, input: &mut dyn BufRead, commit: bool) -> Result<ImportReport> {
        let now = self.clock.now();
        let parsed = export::read_jsonl(input, now)?;
        let mut store = self.store();
        let apply = |w: &mut crate::store::Write<'_>| export::apply(w, &parsed);
        if commit { store.write(now_ms(now), apply) } else { store.rehearse(now_ms(now), apply) }
    }

    /// The highest position in the change log so far.
    pub fn change_position(&self) -> Result<u64> {
        self.store().change_position()
    }

    /// Every synced field written after `position`, in write order (what a sync publishes).
    pub fn changes_since(&self, position: u64) -> Result<Vec<FieldChange>> {
        self.store().changes_since(position)
    }

    /// The wall-clock time the diary uses.
    pub fn now(&self) -> SystemTime {
        self.clock.now()
    }

    #[cfg(test)]
    pub(crate) fn with_store<T>(&self, f: impl FnOnce(&mut Store) -> T) -> T {
        f(&mut self.store())
    }

    pub(crate) fn store(&self) -> MutexGuard<'_, Store> {
        // A panic while holding the lock cannot leave a half-written transaction (SQLite rolls it
        // back), so a poisoned lock is safe to keep using.
        self.store.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// A just-inserted entry as a read would return it: validation normalised it to exactly what the
/// store keeps (the round-trip property tests hold the two together), so no read-back is needed.
fn stored_entry(id: Uuid, entry: NewEntry) -> Entry {
    let utc_offset_minutes = entry.utc_offset_minutes.unwrap_or(0);
    Entry {
        id: id.hyphenated().to_string(),
        occurred_at: entry.occurred_at,
        local_date: time::format_date(time::local_date(entry.occurred_at, utc_offset_minutes)),
        time_zone: entry.time_zone,
        utc_offset_minutes,
        note: entry.note,
        tags: entry.tags,
        deleted: false,
        details: entry.details,
    }
}

fn now_ms(now: SystemTime) -> u64 {
    time::to_millis(now).max(0) as u64
}

fn day_of(field: &str, date: &str) -> Result<i64> {
    Ok(time::day_number(time::parse_date(field, date)?))
}

fn day_range(from: &str, to: &str, max_days: Option<i64>) -> Result<DayRange> {
    let range = DayRange { first: day_of("from", from)?, last: day_of("to", to)? };
    if range.last < range.first {
        return Err(GutskinError::invalid("to", "must not be before from"));
    }
    if let Some(max) = max_days.filter(|max| range.last - range.first >= *max) {
        return Err(GutskinError::invalid("to", format!("the range may cover at most {max} days")));
    }
    Ok(range)
}
