//! The Gutskin core as Kotlin and Swift see it.
//!
//! A thin shell: `Diary` wraps the core's `Diary` and forwards each call; records, enums and the
//! error type are the core's own (derived behind its `uniffi` feature), so nothing is declared
//! twice. Calls are coarse on purpose: a call from Kotlin costs 8-30 µs through JNA, so a screen
//! gets its data in one call (see `today`). Ids cross as strings and dates as "YYYY-MM-DD"
//! strings, both checked on the way in; instants cross as timestamps. Every call is safe from
//! several threads at once.

use std::fs::File;
use std::io::{BufReader, BufWriter};
use std::sync::Arc;
use std::time::SystemTime;

use gutskin_core::{DaySummary, DayView, Entry, EntryKind, GutskinError, ImportReport, NewEntry, PoemScore, Profile};

use gutskin_core::guidance::Guidance;
use gutskin_core::insights::Insights;

uniffi::setup_scaffolding!();

mod foods;

/// An open diary. Open one per file and share it; it serialises its own calls.
#[derive(uniffi::Object)]
pub struct Diary {
    inner: gutskin_core::Diary,
}

#[uniffi::export]
impl Diary {
    /// Opens the diary file at `path` (the app's private files folder), creating it if needed.
    #[uniffi::constructor]
    pub fn open(path: String) -> Result<Arc<Self>, GutskinError> {
        Ok(Arc::new(Diary { inner: gutskin_core::Diary::open(path)? }))
    }

    /// A diary in memory only, for previews and tests.
    #[uniffi::constructor]
    pub fn open_in_memory() -> Result<Arc<Self>, GutskinError> {
        Ok(Arc::new(Diary { inner: gutskin_core::Diary::open_in_memory()? }))
    }

    /// This device's id in the diary's sync records.
    pub fn device_id(&self) -> String {
        self.inner.device_id()
    }

    pub fn log_entry(&self, entry: NewEntry) -> Result<Entry, GutskinError> {
        self.inner.log_entry(entry)
    }

    /// Logs all the entries in one transaction, or none if one is invalid.
    pub fn log_entries(&self, entries: Vec<NewEntry>) -> Result<Vec<Entry>, GutskinError> {
        self.inner.log_entries(entries)
    }

    /// Replaces the fields of an entry; only changed fields are written. Its kind cannot change.
    pub fn update_entry(&self, id: String, entry: NewEntry) -> Result<Entry, GutskinError> {
        self.inner.update_entry(&id, entry)
    }

    /// Marks an entry deleted (undoable with `undelete_entry`).
    pub fn delete_entry(&self, id: String) -> Result<Entry, GutskinError> {
        self.inner.delete_entry(&id)
    }

    pub fn undelete_entry(&self, id: String) -> Result<Entry, GutskinError> {
        self.inner.undelete_entry(&id)
    }

    pub fn entry(&self, id: String) -> Result<Entry, GutskinError> {
        self.inner.entry(&id)
    }

    /// The entries of local days `from`..=`to`, oldest first; a page of History.
    pub fn entries_between(
        &self,
        from: String,
        to: String,
        kind: Option<EntryKind>,
        include_deleted: bool,
    ) -> Result<Vec<Entry>, GutskinError> {
        self.inner.entries_between(&from, &to, kind, include_deleted)
    }

    /// One summary per local day of `from`..=`to`, empty days included: the series charts read.
    pub fn day_summaries(&self, from: String, to: String) -> Result<Vec<DaySummary>, GutskinError> {
        self.inner.day_summaries(&from, &to)
    }

    /// Everything the Today screen shows for a local day, in one call.
    pub fn today(&self, date: String) -> Result<DayView, GutskinError> {
        self.inner.day(&date)
    }

    pub fn profile(&self) -> Result<Profile, GutskinError> {
        self.inner.profile()
    }

    pub fn set_profile(&self, profile: Profile) -> Result<Profile, GutskinError> {
        self.inner.set_profile(profile)
    }

    /// Personal insights over the local days `from`..=`to` (at most ten years): what tended to come
    /// before the user's flares, with counts, effects, p and q values and a label. Read-only.
    pub fn insights(&self, from: String, to: String) -> Result<Insights, GutskinError> {
        self.inner.insights(&from, &to)
    }

    /// Evidence-based guidance cards for the local day `date`, the most useful first. Read-only.
    pub fn guidance(&self, date: String) -> Result<Guidance, GutskinError> {
        self.inner.guidance(&date)
    }

    /// A standalone HTML report of the local days `from`..=`to` for the user's doctor: a chart of
    /// skin severity with the exposures beneath it, the insights and the guidance. No external
    /// resources; print it to PDF with the platform's print service.
    pub fn report_html(&self, from: String, to: String) -> Result<String, GutskinError> {
        self.inner.report_html(&from, &to)
    }

    /// Writes the whole diary as JSON Lines to `path`; returns the number of entries written.
    pub fn export_to_file(&self, path: String) -> Result<u64, GutskinError> {
        let file = File::create(&path).map_err(|e| io_error("path", &e))?;
        let mut out = BufWriter::new(file);
        self.inner.export_jsonl(&mut out)
    }

    /// Imports a JSON Lines export from `path`: all of it, or (on the first bad line) nothing.
    pub fn import_from_file(&self, path: String) -> Result<ImportReport, GutskinError> {
        let file = File::open(&path).map_err(|e| io_error("path", &e))?;
        self.inner.import_jsonl(&mut BufReader::new(file))
    }
}

/// Scores seven POEM answers (each 0-4): the total 0-28 and its band.
#[uniffi::export]
pub fn poem_score(answers: Vec<u8>) -> Result<PoemScore, GutskinError> {
    gutskin_core::scales::poem_score(&answers)
}

/// The user's local date ("YYYY-MM-DD") of `instant` in the IANA zone `time_zone`: what "today" is.
#[uniffi::export]
pub fn local_date(instant: SystemTime, time_zone: String) -> Result<String, GutskinError> {
    let zone = gutskin_core::time::parse_zone("time_zone", &time_zone)?;
    Ok(gutskin_core::time::format_date(gutskin_core::time::local_date_in_zone(instant, zone)))
}

/// The diary schema version this library writes.
#[uniffi::export]
pub fn schema_version() -> u32 {
    gutskin_core::SCHEMA_VERSION
}

fn io_error(field: &str, err: &std::io::Error) -> GutskinError {
    GutskinError::InvalidInput { field: field.to_string(), reason: err.to_string() }
}
