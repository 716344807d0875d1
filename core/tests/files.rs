//! Diary files: what opening does with new, newer, foreign and damaged files, the migration from
//! the first schema, and durability across reopening.

mod common;

use std::fs;
use std::path::Path;

use common::*;
use gutskin_core::*;

fn temp_dir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn schema_of(path: &Path) -> Vec<(String, String, String)> {
    let conn = rusqlite::Connection::open(path).unwrap();
    let mut stmt = conn.prepare("SELECT type, name, IFNULL(sql, '') FROM sqlite_schema ORDER BY type, name").unwrap();
    stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?))).unwrap().map(Result::unwrap).collect()
}

#[test]
fn a_new_file_is_created_and_survives_reopening() {
    let dir = temp_dir();
    let path = dir.path().join("diary.sqlite");
    let logged = {
        let d = Diary::open(&path).unwrap();
        d.log_entry(stress("2026-11-25T09:00:00Z", 4)).unwrap()
    };
    let d = Diary::open(&path).unwrap();
    assert_eq!(d.entry(&logged.id).unwrap(), logged);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let mode: String = conn.query_row("PRAGMA journal_mode", [], |r| r.get(0)).unwrap();
    assert_eq!(mode, "wal");
    let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, SCHEMA_VERSION);
}

#[test]
fn the_device_id_persists_in_the_file() {
    let dir = temp_dir();
    let path = dir.path().join("diary.sqlite");
    let first = Diary::open(&path).unwrap().device_id();
    assert_eq!(Diary::open(&path).unwrap().device_id(), first);
    assert_ne!(Diary::open_in_memory().unwrap().device_id(), first);
}

#[test]
fn a_file_from_a_newer_version_is_refused_and_left_untouched() {
    let dir = temp_dir();
    let path = dir.path().join("diary.sqlite");
    drop(Diary::open(&path).unwrap());
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
        conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    }
    let before = fs::read(&path).unwrap();
    let err = Diary::open(&path).unwrap_err();
    assert_eq!(err, GutskinError::NewerSchema { found: 99, supported: SCHEMA_VERSION });
    assert!(err.to_string().contains("newer version"));
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn a_damaged_file_is_reported_and_left_untouched() {
    let dir = temp_dir();
    let path = dir.path().join("diary.sqlite");
    let garbage: Vec<u8> = (0..8192u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8).collect();
    fs::write(&path, &garbage).unwrap();
    let err = Diary::open(&path).unwrap_err();
    assert!(matches!(err, GutskinError::CorruptFile { .. }), "{err:?}");
    assert_eq!(fs::read(&path).unwrap(), garbage);
}

#[test]
fn a_damaged_page_inside_a_diary_is_reported_not_hidden() {
    let dir = temp_dir();
    let path = dir.path().join("diary.sqlite");
    {
        let d = Diary::open(&path).unwrap();
        let many: Vec<NewEntry> = (0..400).map(|i| stress("2026-11-20T09:00:00Z", (i % 11) as u8)).collect();
        d.log_entries(many).unwrap();
    }
    // Overwrite the pages after the header with noise, as a bad flash sector would.
    let mut bytes = fs::read(&path).unwrap();
    assert!(bytes.len() > 8 * 4096);
    for (i, b) in bytes[4096..].iter_mut().enumerate() {
        *b = (i as u32).wrapping_mul(2_654_435_761).to_le_bytes()[1];
    }
    fs::write(&path, &bytes).unwrap();
    let outcome = Diary::open(&path).and_then(|d| d.entries_on("2026-11-20"));
    assert!(matches!(outcome, Err(GutskinError::CorruptFile { .. })), "{outcome:?}");
    assert_eq!(fs::read(&path).unwrap(), bytes, "the damaged file is kept for recovery");
}

#[test]
fn another_applications_database_is_refused_and_left_untouched() {
    let dir = temp_dir();
    let path = dir.path().join("other.sqlite");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('Ada');").unwrap();
    }
    let before = fs::read(&path).unwrap();
    assert!(matches!(Diary::open(&path), Err(GutskinError::CorruptFile { .. })));
    assert_eq!(fs::read(&path).unwrap(), before);
}

/// A diary written by the first schema version, frozen as SQL: opening it must upgrade it to the
/// same schema a new diary gets, keeping every entry.
#[test]
fn the_first_schema_upgrades_to_the_current_one() {
    let dir = temp_dir();
    let old = dir.path().join("v1.sqlite");
    {
        let conn = rusqlite::Connection::open(&old).unwrap();
        conn.execute_batch(include_str!("fixtures/diary_v1.sql")).unwrap();
    }
    let d = Diary::open(&old).unwrap();
    let entries = all_entries(&d);
    assert_eq!(entries.len(), 3);
    assert!(entries.iter().any(|e| e.deleted), "the deleted entry is kept");
    assert!(entries.iter().any(|e| e.tags == ["dairy"]));
    assert_eq!(d.profile().unwrap().birth_year, Some(1994));
    // The upgrade to stored day summaries (v2) filled them from the old entries.
    let days = d.day_summaries("2026-11-24", "2026-11-25").unwrap();
    assert_eq!(days[0].counts.meals, 1);
    // Its free-text meal counts as one unknown item in the day's intake (summaries shape 3).
    let intake = days[0].intake.as_ref().expect("the meal day has an intake");
    assert_eq!((intake.items, intake.unknown_items), (1, 1));
    assert!(days[1].intake.is_none());
    assert_eq!(days[1].counts.skin_check_ins, 1);
    assert_eq!(days[1].counts.stress, 0, "the deleted stress entry is not counted");
    assert_eq!(days[1].skin[0].worst, 6);
    // And it keeps working: a new entry lands in its day's summary.
    d.log_entry(stress("2026-11-25T10:00:00Z", 7)).unwrap();
    assert_eq!(d.day_summary("2026-11-25").unwrap().counts.stress, 1);
    drop(d);

    let fresh = dir.path().join("fresh.sqlite");
    drop(Diary::open(&fresh).unwrap());
    assert_eq!(schema_of(&old), schema_of(&fresh));
    let conn = rusqlite::Connection::open(&old).unwrap();
    let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, SCHEMA_VERSION);
}
