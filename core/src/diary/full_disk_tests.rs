//! A diary that cannot grow (SQLite's `max_page_count` on its own connection, as a full disk
//! looks to SQLite): every write that does not fit is a clear `Storage` error, nothing of it is
//! kept, everything saved before stays, and writing works again once there is room.
//! core/tests/resilience.rs fills a real (tmpfs) disk where the machine allows mounting one.

use std::time::{Duration, SystemTime};

use super::*;
use crate::model::EntryDetails;

fn note_entry(i: usize) -> NewEntry {
    NewEntry {
        occurred_at: SystemTime::now() - Duration::from_secs(3600),
        time_zone: "Europe/Berlin".into(),
        utc_offset_minutes: None,
        note: Some(format!("{i}: {}", "a note long enough to fill pages quickly ".repeat(20))),
        tags: vec![format!("t{}", i % 7)],
        details: EntryDetails::Stress { level: (i % 11) as u8 },
    }
}

fn export(d: &Diary) -> Vec<u8> {
    let mut out = Vec::new();
    d.export_jsonl(&mut out).unwrap();
    out
}

fn page_count(d: &Diary) -> u64 {
    d.with_store(|s| s.query_text_for_test("SELECT CAST(page_count AS TEXT) FROM pragma_page_count")).parse().unwrap()
}

fn limit_pages(d: &Diary, pages: u64) {
    d.with_store(|s| s.execute_for_test(&format!("PRAGMA max_page_count = {pages}")));
}

#[test]
fn a_full_diary_is_a_clear_error_and_keeps_everything_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("diary.sqlite");
    let d = Diary::open(&path).unwrap();
    let mut saved: Vec<Entry> = (0..10).map(|i| d.log_entry(note_entry(i)).unwrap()).collect();
    limit_pages(&d, page_count(&d) + 8);

    let mut i = saved.len();
    let err = loop {
        match d.log_entry(note_entry(i)) {
            Ok(entry) => saved.push(entry),
            Err(err) => break err,
        }
        i += 1;
        assert!(i < 10_000, "the limit never bit");
    };
    let GutskinError::Storage { detail } = &err else { panic!("expected Storage, got {err:?}") };
    assert!(detail.starts_with("the disk is full"), "{detail}");

    // Nothing of the failed write, everything before it, and reads work on a full disk.
    let (before, position) = (export(&d), d.change_position().unwrap());
    let all = d.entries_between("2000-01-01", "2100-01-01", None, true).unwrap();
    assert_eq!(all.len(), saved.len());
    for entry in &saved {
        assert_eq!(&d.entry(&entry.id).unwrap(), entry);
    }
    // A batch is all or nothing; an edit and a delete that do not fit change nothing either.
    assert!(d.log_entries((0..30).map(|j| note_entry(1000 + j)).collect()).is_err());
    let mut edited = saved[0].to_new_entry();
    edited.note = Some("x".repeat(1900));
    let _ = d.update_entry(&saved[0].id, edited);
    let _ = d.delete_entry(&saved[1].id);
    let _ = d.set_profile(crate::Profile { daily_energy_kcal: 2500, ..Default::default() });
    if export(&d) != before {
        // A small write may still fit: then it must be whole, and the position must have moved.
        assert!(d.change_position().unwrap() > position);
    } else {
        assert_eq!(d.change_position().unwrap(), position);
    }
    assert_eq!(d.entries_between("2000-01-01", "2100-01-01", None, true).unwrap().len(), saved.len());

    // The file is whole, and reopening it (while still full for this connection) loses nothing.
    let check = rusqlite::Connection::open(&path).unwrap();
    let integrity: String = check.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(integrity, "ok");
    drop(check);

    // Room again: writing works, and what was saved is still there.
    limit_pages(&d, 1 << 30);
    let after = d.log_entry(note_entry(99_999)).unwrap();
    drop(d);
    let d = Diary::open(&path).unwrap();
    assert_eq!(d.entries_between("2000-01-01", "2100-01-01", None, true).unwrap().len(), saved.len() + 1);
    assert_eq!(d.entry(&after.id).unwrap(), after);
}
