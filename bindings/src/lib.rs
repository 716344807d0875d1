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

use gutskin_core::sync::{Compaction, RemoteKeyState, Retirement, SyncKey, SyncOptions, SyncReport, SyncStatus};
use gutskin_core::{DaySummary, DayView, Entry, EntryKind, GutskinError, ImportReport, NewEntry, PoemScore, Profile};

use gutskin_core::guidance::Guidance;
use gutskin_core::insights::Insights;

uniffi::setup_scaffolding!();

mod foods;
mod privacy;
mod reminders;

// The free functions of the modules, for Rust callers too (bindings/tests calls every export).
pub use privacy::{backup_info, diary_file_kind, new_diary_key, wipe_diary_files};
pub use reminders::{plan_note_text, validate_reminder};

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
        self.inner.import_jsonl(&mut import_file(&path)?)
    }

    /// What `import_from_file` would do with `path`, writing nothing: the same errors and the
    /// same report (entries that would be imported, and those already in the diary).
    pub fn check_import_from_file(&self, path: String) -> Result<ImportReport, GutskinError> {
        self.inner.check_import_jsonl(&mut import_file(&path)?)
    }
}

/// The export file at `path` to import, or an error naming `path`.
fn import_file(path: &str) -> Result<BufReader<File>, GutskinError> {
    let file = File::open(path).map_err(|e| io_error("path", &e))?;
    if file.metadata().is_ok_and(|m| m.is_dir()) {
        return Err(GutskinError::InvalidInput { field: "path".into(), reason: "is a folder, not a file".into() });
    }
    Ok(BufReader::new(file))
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
    Ok(gutskin_core::time::format_date(gutskin_core::time::checked_local_date_in_zone("instant", instant, zone)?))
}

/// The diary schema version this library writes.
#[uniffi::export]
pub fn schema_version() -> u32 {
    gutskin_core::SCHEMA_VERSION
}

fn io_error(field: &str, err: &std::io::Error) -> GutskinError {
    GutskinError::InvalidInput { field: field.to_string(), reason: err.to_string() }
}

// ---------------------------------------------------------------- sync (docs/sync.md)

/// Where synced objects live, implemented by the app over its own HTTP stack (an S3 client, a
/// WebDAV or cloud-drive API) or files. Keys are `/`-separated paths; list every key under a
/// prefix, get (None if missing), put whole (replacing), delete (missing is fine). Throw
/// `SyncTransportException.Unreachable` (Swift: `SyncTransportError.Unreachable`) when the store
/// cannot be reached; `sync` then fails with `GutskinException.Sync` and reason `TRANSPORT`.
#[uniffi::export(with_foreign)]
pub trait SyncTransport: Send + Sync {
    fn list(&self, prefix: String) -> Result<Vec<String>, SyncTransportError>;
    fn get(&self, key: String) -> Result<Option<Vec<u8>>, SyncTransportError>;
    fn put(&self, key: String, data: Vec<u8>) -> Result<(), SyncTransportError>;
    fn delete(&self, key: String) -> Result<(), SyncTransportError>;
}

/// What an app's `SyncTransport` throws. It is this crate's own error, not the core's: Kotlin
/// cannot pass an error type of another uniffi namespace through a foreign trait.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Error)]
pub enum SyncTransportError {
    /// The store could not be reached, read or written; `reason` is for the log.
    Unreachable { reason: String },
}

impl std::fmt::Display for SyncTransportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SyncTransportError::Unreachable { reason } => write!(f, "the sync store could not be reached: {reason}"),
        }
    }
}

impl std::error::Error for SyncTransportError {}

/// An exception the app's transport threw that is not a `SyncTransportError`.
impl From<uniffi::UnexpectedUniFFICallbackError> for SyncTransportError {
    fn from(err: uniffi::UnexpectedUniFFICallbackError) -> Self {
        SyncTransportError::Unreachable { reason: err.reason }
    }
}

impl From<SyncTransportError> for GutskinError {
    fn from(err: SyncTransportError) -> Self {
        let SyncTransportError::Unreachable { reason } = err;
        GutskinError::Sync { reason: gutskin_core::SyncFailure::Transport, detail: reason }
    }
}

/// The app's transport as the core's.
struct Foreign(Arc<dyn SyncTransport>);

impl gutskin_core::sync::Transport for Foreign {
    fn list(&self, prefix: &str) -> Result<Vec<String>, GutskinError> {
        Ok(self.0.list(prefix.to_string())?)
    }
    fn get(&self, key: &str) -> Result<Option<Vec<u8>>, GutskinError> {
        Ok(self.0.get(key.to_string())?)
    }
    fn put(&self, key: &str, data: &[u8]) -> Result<(), GutskinError> {
        Ok(self.0.put(key.to_string(), data.to_vec())?)
    }
    fn delete(&self, key: &str) -> Result<(), GutskinError> {
        Ok(self.0.delete(key.to_string())?)
    }
}

/// Where the app keeps its photo files, for uploading them when a sync publishes the photos:
/// `read_photo_file` gets a photo's `local_ref` (what the app gave `attach_photo`: a content URI on
/// Android, a path relative to the app's container on iOS, whose absolute path changes across
/// updates) and returns the file's bytes, or null/nil when it has no such file now. The bytes are
/// checked against the photo's hash. Throw `PhotoFileException.Unreadable` (Swift:
/// `PhotoFileError.Unreadable`) when the file is there but cannot be read; either way the sync goes
/// on, counts the file in `SyncReport.photo_files_pending`, and asks again on the next sync.
#[uniffi::export(with_foreign)]
pub trait PhotoFileSource: Send + Sync {
    fn read_photo_file(&self, local_ref: String) -> Result<Option<Vec<u8>>, PhotoFileError>;
}

/// What an app's `PhotoFileSource` throws (this crate's own error, as for `SyncTransport`).
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Error)]
pub enum PhotoFileError {
    /// The file could not be read now; `reason` is for the log.
    Unreadable { reason: String },
}

impl std::fmt::Display for PhotoFileError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PhotoFileError::Unreadable { reason } => write!(f, "the photo file could not be read: {reason}"),
        }
    }
}

impl std::error::Error for PhotoFileError {}

/// An exception the app's photo source threw that is not a `PhotoFileError`.
impl From<uniffi::UnexpectedUniFFICallbackError> for PhotoFileError {
    fn from(err: uniffi::UnexpectedUniFFICallbackError) -> Self {
        PhotoFileError::Unreadable { reason: err.reason }
    }
}

impl From<PhotoFileError> for GutskinError {
    fn from(err: PhotoFileError) -> Self {
        let PhotoFileError::Unreadable { reason } = err;
        GutskinError::InvalidInput { field: "local_ref".into(), reason }
    }
}

impl Diary {
    /// A sync that reads photo files through `photo_files`, or (None) at their local_ref paths.
    fn sync_reading(
        &self,
        transport: Arc<dyn SyncTransport>,
        key: Vec<u8>,
        compaction: Compaction,
        photo_files: Option<Arc<dyn PhotoFileSource>>,
    ) -> Result<SyncReport, GutskinError> {
        let key = SyncKey::from_bytes(&key)?;
        let reader = photo_files.map(|source| {
            move |local_ref: &str| -> Result<Option<Vec<u8>>, GutskinError> {
                Ok(source.read_photo_file(local_ref.to_string())?)
            }
        });
        // Photo files are read where they were attached, hash-checked: by the app's source, or
        // as the local_ref path.
        let files = match &reader {
            Some(reader) => gutskin_core::LocalPhotoFiles::with_reader(&self.inner, reader),
            None => gutskin_core::LocalPhotoFiles::new(&self.inner),
        };
        let options = SyncOptions { compaction, blobs: Some(&files), ..SyncOptions::default() };
        self.inner.sync(&Foreign(transport), &key, &options)
    }
}

/// A new sync key for the first device: keep `key` in the Keychain or Keystore, show
/// `recovery_code` once for the user to write down.
#[derive(uniffi::Record)]
pub struct NewSyncKey {
    pub key: Vec<u8>,
    pub recovery_code: String,
}

#[uniffi::export]
pub fn new_sync_key() -> Result<NewSyncKey, GutskinError> {
    let key = SyncKey::generate()?;
    Ok(NewSyncKey { key: key.as_bytes().to_vec(), recovery_code: key.recovery_code() })
}

/// The key of a recovery code typed on another device; `InvalidInput` on `recovery_code` names
/// the group with a typo.
#[uniffi::export]
pub fn sync_key_from_recovery_code(code: String) -> Result<Vec<u8>, GutskinError> {
    Ok(SyncKey::from_recovery_code(&code)?.as_bytes().to_vec())
}

/// The recovery code of a kept key, to show it again.
#[uniffi::export]
pub fn recovery_code_of(key: Vec<u8>) -> Result<String, GutskinError> {
    Ok(SyncKey::from_bytes(&key)?.recovery_code())
}

#[uniffi::export]
impl Diary {
    /// Syncs through the app's transport under `key` (32 bytes). Blocking: call it off the main
    /// thread. Problems with single objects are in the report; a store sealed with another key is
    /// `GutskinException.Sync` with reason `WRONG_KEY` (the UI offers the recovery code, or a fresh start).
    pub fn sync(
        &self,
        transport: Arc<dyn SyncTransport>,
        key: Vec<u8>,
        compaction: Compaction,
    ) -> Result<SyncReport, GutskinError> {
        self.sync_reading(transport, key, compaction, None)
    }

    /// `sync`, reading the photo files it uploads through the app's `photo_files` (by each photo's
    /// `local_ref`) instead of as file paths: for content URIs, and for app containers that move.
    /// A file it cannot give now does not hold up the sync; it is counted in
    /// `SyncReport.photo_files_pending` and asked for again on every later sync until it is uploaded.
    pub fn sync_with_photo_files(
        &self,
        transport: Arc<dyn SyncTransport>,
        key: Vec<u8>,
        compaction: Compaction,
        photo_files: Arc<dyn PhotoFileSource>,
    ) -> Result<SyncReport, GutskinError> {
        self.sync_reading(transport, key, compaction, Some(photo_files))
    }

    /// What this device published and merged, and what waits (no network).
    pub fn sync_status(&self) -> Result<SyncStatus, GutskinError> {
        self.inner.sync_status()
    }

    /// Whether the data in the store can be read with `key`: before joining, to tell the user.
    pub fn remote_key_state(
        &self,
        transport: Arc<dyn SyncTransport>,
        key: Vec<u8>,
    ) -> Result<RemoteKeyState, GutskinError> {
        self.inner.remote_key_state(&Foreign(transport), &SyncKey::from_bytes(&key)?)
    }

    /// Retires another device that will not sync again (lost, wiped, replaced), so the others'
    /// compaction stops waiting for it; what it wrote stays and is still merged. If it syncs again
    /// it counts again, and its `SyncReport.retired` says who retired it. `InvalidInput` on
    /// `device_id` for this device's own id, a malformed id, or a device the store has nothing of.
    pub fn retire_sync_device(
        &self,
        transport: Arc<dyn SyncTransport>,
        key: Vec<u8>,
        device_id: String,
    ) -> Result<Retirement, GutskinError> {
        self.inner.retire_sync_device(&Foreign(transport), &SyncKey::from_bytes(&key)?, &device_id)
    }

    /// Photo hashes the diary references, minus `present` (those the app has): the ones to fetch.
    pub fn missing_photo_files(&self, present: Vec<String>) -> Result<Vec<String>, GutskinError> {
        let present: std::collections::HashSet<String> = present.into_iter().collect();
        self.inner.missing_blobs(&|hash| present.contains(hash))
    }

    /// Downloads one photo file by its content hash (checked); the app stores the bytes.
    pub fn fetch_photo_file(
        &self,
        transport: Arc<dyn SyncTransport>,
        key: Vec<u8>,
        hash: String,
    ) -> Result<Vec<u8>, GutskinError> {
        self.inner.fetch_blob(&Foreign(transport), &SyncKey::from_bytes(&key)?, &hash)
    }
}
