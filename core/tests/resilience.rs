//! The store on a real full disk and a real read-only file system (docs/resilience.md).
//!
//! Each test mounts a small tmpfs of its own, which needs root (CI runs as root). Where mounting
//! is not allowed the read-only tests fall back to a folder without write permission, which
//! works for every user but root; where neither works a test says so on stderr and passes.
//! src/diary/full_disk_tests.rs runs the full-disk case everywhere, with SQLite's page limit.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;
use gutskin_core::*;

/// A temporary folder, with a tmpfs mounted on it where that is allowed.
struct Scratch {
    dir: tempfile::TempDir,
    mounted: bool,
}

impl Scratch {
    /// A tmpfs of `size` (e.g. "2m"); None where it cannot be mounted.
    fn tmpfs(size: &str) -> Option<Scratch> {
        let dir = tempfile::tempdir().unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size},mode=0755"), "tmpfs"])
            .arg(dir.path())
            .stderr(std::process::Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        // Not `then_some`: a Scratch built eagerly would unmount on drop what was never mounted.
        if ok { Some(Scratch { dir, mounted: true }) } else { None }
    }

    /// A plain temporary folder (for the permission fallback).
    fn folder() -> Scratch {
        Scratch { dir: tempfile::tempdir().unwrap(), mounted: false }
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Makes the folder read-only (remounting the tmpfs, else taking away write permission) or
    /// writable again. False if that does not stop writes (root ignores permissions).
    fn set_read_only(&self, read_only: bool) -> bool {
        if self.mounted {
            let mode = if read_only { "remount,ro" } else { "remount,rw" };
            return Command::new("mount").args(["-o", mode]).arg(self.dir.path()).status().is_ok_and(|s| s.success());
        }
        use std::os::unix::fs::PermissionsExt;
        let mode = if read_only { 0o555 } else { 0o755 };
        std::fs::set_permissions(self.dir.path(), std::fs::Permissions::from_mode(mode)).unwrap();
        if !read_only {
            return true;
        }
        let probe = self.path("probe");
        if std::fs::write(&probe, b"x").is_ok() {
            let _ = std::fs::remove_file(probe);
            self.set_read_only(false);
            return false;
        }
        true
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        if self.mounted {
            let _ = Command::new("umount").arg(self.dir.path()).status();
        } else {
            self.set_read_only(false);
        }
    }
}

fn skip(why: &str) {
    eprintln!("skipped: {why}");
}

fn files_in(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let e = e.unwrap();
            (e.file_name().to_string_lossy().into_owned(), std::fs::read(e.path()).unwrap_or_default())
        })
        .collect();
    files.sort();
    files
}

fn note(i: usize) -> NewEntry {
    NewEntry { note: Some(format!("{i} {}", "n".repeat(1500))), ..stress("2026-11-25T09:00:00Z", (i % 11) as u8) }
}

fn storage_detail<T: std::fmt::Debug>(result: Result<T>) -> String {
    match result {
        Err(GutskinError::Storage { detail }) => detail,
        other => panic!("expected a Storage error, got {other:?}"),
    }
}

fn integrity(path: &Path) -> String {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_full_disk_is_a_clear_error_and_loses_nothing_already_saved() {
    let Some(disk) = Scratch::tmpfs("2m") else { return skip("cannot mount a tmpfs (needs root)") };
    let path = disk.path("diary.sqlite");
    // Room to free later: a ballast file that fills part of the disk.
    let ballast = disk.path("ballast");
    std::fs::write(&ballast, vec![0u8; 512 * 1024]).unwrap();
    let d = Diary::open_with_clock(Some(&path), TestClock::at("2026-11-25T20:00:00Z")).unwrap();
    let mut saved = Vec::new();
    let err = loop {
        match d.log_entry(note(saved.len())) {
            Ok(entry) => saved.push(entry),
            Err(err) => break err,
        }
        assert!(saved.len() < 100_000, "the disk never filled");
    };
    let detail = storage_detail::<()>(Err(err));
    assert!(detail.starts_with("the disk is full"), "{detail}");
    assert!(saved.len() > 10, "{} entries fit", saved.len());

    // Still readable while full, and a batch that does not fit writes none of itself.
    assert_eq!(d.entries_on("2026-11-25").unwrap().len(), saved.len());
    assert!(storage_detail(d.log_entries((0..50).map(|i| note(10_000 + i)).collect())).contains("disk is full"));
    assert_eq!(d.entries_on("2026-11-25").unwrap().len(), saved.len());
    let mut export = Vec::new();
    assert_eq!(d.export_jsonl(&mut export).unwrap(), saved.len() as u64);

    // Closed and opened again on the full disk (another process, or the app after a restart).
    drop(d);
    let d = Diary::open(&path).unwrap();
    for entry in &saved {
        assert_eq!(&d.entry(&entry.id).unwrap(), entry);
    }
    assert_eq!(integrity(&path), "ok");

    // Room again: writing works, and nothing was lost.
    std::fs::remove_file(&ballast).unwrap();
    let more = d.log_entry(note(99_999)).unwrap();
    assert_eq!(d.entries_on("2026-11-25").unwrap().len(), saved.len() + 1);
    assert_eq!(d.entry(&more.id).unwrap(), more);
    drop(d);
    assert_eq!(integrity(&path), "ok");
}

#[test]
fn a_read_only_file_system_refuses_a_closed_diary_clearly_and_leaves_it_untouched() {
    let disk = Scratch::tmpfs("4m").unwrap_or_else(Scratch::folder);
    let path = disk.path("diary.sqlite");
    let d = Diary::open(&path).unwrap();
    let entry = d.log_entry(stress("2026-11-25T09:00:00Z", 4)).unwrap();
    drop(d);
    // Closed cleanly: SQLite folded the WAL into the file and removed it and the -shm file.
    let before = files_in(disk.dir.path());
    assert_eq!(before.iter().map(|f| f.0.as_str()).collect::<Vec<_>>(), ["diary.sqlite"]);
    if !disk.set_read_only(true) {
        return skip("cannot make a folder read-only (root ignores permissions and cannot mount here)");
    }

    // A WAL diary needs its -shm file to be read, and SQLite cannot create one: a clear error
    // (CANTOPEN on a read-only file system, READONLY in a folder without write permission).
    let detail = storage_detail(Diary::open(&path));
    assert!(detail.contains("read-only"), "{detail}");
    // Probing the file still works: the app can tell the user what is there.
    assert_eq!(diary_file(&path).unwrap(), DiaryFile::Plain);
    assert_eq!(files_in(disk.dir.path()), before, "the file is left byte for byte as it was");

    assert!(disk.set_read_only(false));
    let d = Diary::open(&path).unwrap();
    assert_eq!(d.entry(&entry.id).unwrap(), entry);
}

#[test]
fn a_diary_left_open_when_its_file_system_turned_read_only_stays_readable() {
    // What a phone sees when its storage is remounted read-only under a running app, or after a
    // crash: the -wal and -shm files are still there. Simulated by copying an open diary's files
    // (no write in progress) onto a tmpfs and remounting that read-only.
    let Some(disk) = Scratch::tmpfs("4m") else { return skip("cannot mount a tmpfs (needs root)") };
    let source = tempfile::tempdir().unwrap();
    let d = Diary::open(source.path().join("diary.sqlite")).unwrap();
    let saved: Vec<Entry> = (0..20).map(|i| d.log_entry(note(i)).unwrap()).collect();
    for suffix in ["", "-wal", "-shm"] {
        std::fs::copy(source.path().join(format!("diary.sqlite{suffix}")), disk.path(&format!("diary.sqlite{suffix}")))
            .unwrap();
    }
    drop(d);
    assert!(disk.set_read_only(true));
    let path = disk.path("diary.sqlite");
    let before = files_in(disk.dir.path());

    let d = Diary::open(&path).unwrap();
    // Everything reads, including what was still only in the WAL, and an export works.
    for entry in &saved {
        assert_eq!(&d.entry(&entry.id).unwrap(), entry);
    }
    assert_eq!(d.day_summary("2026-11-25").unwrap().counts.stress, 20);
    let mut export = Vec::new();
    assert_eq!(d.export_jsonl(&mut export).unwrap(), 20);
    // Every write is a clear error, and nothing changes.
    let detail = storage_detail(d.log_entry(stress("2026-11-25T10:00:00Z", 1)));
    assert!(detail.contains("read-only"), "{detail}");
    assert!(storage_detail(d.delete_entry(&saved[0].id)).contains("read-only"));
    drop(d);
    assert_eq!(files_in(disk.dir.path()), before);
}
