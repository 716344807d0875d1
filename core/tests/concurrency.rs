//! The phone UIs call from background threads: calls at once must neither fail nor lose entries.

mod common;

use std::sync::Arc;
use std::thread;

use common::*;
use gutskin_core::*;

#[test]
fn two_threads_writing_and_reading_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = Arc::new(Diary::open(dir.path().join("diary.sqlite")).unwrap());
    let writers: Vec<_> = (0..2)
        .map(|t| {
            let d = Arc::clone(&d);
            thread::spawn(move || {
                let mut ids = Vec::new();
                for i in 0..100u32 {
                    let e = d.log_entry(stress("2026-11-25T09:00:00Z", ((i + t) % 11) as u8)).unwrap();
                    // Read while the other thread writes.
                    assert!(d.entries_on("2026-11-25").unwrap().iter().any(|x| x.id == e.id));
                    d.day_summary("2026-11-25").unwrap();
                    ids.push(e.id);
                }
                ids
            })
        })
        .collect();
    let ids: Vec<String> = writers.into_iter().flat_map(|w| w.join().unwrap()).collect();
    let stored = d.entries_on("2026-11-25").unwrap();
    assert_eq!(stored.len(), 200);
    assert!(ids.iter().all(|id| stored.iter().any(|e| &e.id == id)));
}

#[test]
fn two_connections_to_one_file_share_it_safely() {
    // Like the app and the command (or two processes) with the same diary open.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("diary.sqlite");
    let handles: Vec<_> = (0..2)
        .map(|_| {
            let path = path.clone();
            thread::spawn(move || {
                let d = Diary::open(&path).unwrap();
                for _ in 0..50 {
                    d.log_entry(stress("2026-11-25T09:00:00Z", 5)).unwrap();
                }
            })
        })
        .collect();
    for h in handles {
        h.join().unwrap();
    }
    let d = Diary::open(&path).unwrap();
    assert_eq!(d.entries_on("2026-11-25").unwrap().len(), 100);
    let positions: Vec<u64> = d.changes_since(0).unwrap().iter().map(|c| c.position).collect();
    let mut unique = positions.clone();
    unique.dedup();
    assert_eq!(positions, unique, "change positions stay unique across connections");
}
