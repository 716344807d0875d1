//! The command when the disk or the other processes misbehave (docs/resilience.md): a full disk
//! and a read-only file system are one clear error line and lose nothing; several processes share
//! a diary (WAL and a 5 s busy timeout), and one that holds it too long is a clear "busy" error.
//!
//! The full-disk and read-only tests mount a tmpfs and need root (CI runs as root); elsewhere they
//! say so on stderr and pass.

use std::collections::HashSet;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use gutskin_core::Diary;

use crate::{Home, Run};

/// A tmpfs on a folder of `home`, unmounted on drop.
struct Tmpfs(std::path::PathBuf);

impl Tmpfs {
    fn mount(home: &Home, size: &str) -> Option<Tmpfs> {
        let dir = home.path("disk");
        std::fs::create_dir(&dir).unwrap();
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", &format!("size={size}"), "tmpfs"])
            .arg(&dir)
            .stderr(Stdio::null())
            .status()
            .is_ok_and(|s| s.success());
        if ok { Some(Tmpfs(dir)) } else { None }
    }

    fn remount(&self, mode: &str) {
        assert!(
            Command::new("mount").args(["-o", &format!("remount,{mode}")]).arg(&self.0).status().unwrap().success()
        );
    }
}

impl Drop for Tmpfs {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).status();
    }
}

fn all_ids(db: &Path) -> HashSet<String> {
    let diary = Diary::open(db).unwrap();
    diary.entries_between("2000-01-01", "2100-01-01", None, true).unwrap().into_iter().map(|e| e.id).collect()
}

fn integrity(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

#[test]
fn a_full_disk_is_one_clear_line_and_every_acknowledged_entry_stays() {
    let home = Home::new();
    let Some(disk) = Tmpfs::mount(&home, "1m") else { return eprintln!("skipped: cannot mount a tmpfs (needs root)") };
    let db = disk.0.join("diary.sqlite");
    let db_arg = db.to_str().unwrap();
    let note = "a long note that fills the disk ".repeat(40);
    let run: Run = home.command(&["--db", db_arg, "log", "note", &note, "--repeat", "100000"]).output().unwrap().into();
    run.assert_error(1, "the disk is full");
    let acknowledged: Vec<&str> = run.stdout.lines().collect();
    assert!(acknowledged.len() > 10, "{} entries fit", acknowledged.len());

    // Every entry the command printed is there, on the still full disk, and the file is whole.
    let stored = all_ids(&db);
    assert_eq!(stored.len(), acknowledged.len());
    assert!(acknowledged.iter().all(|id| stored.contains(*id)));
    home.ok(&["--db", db_arg, "list", "--from", "2000-01-01", "--to", "2100-01-01"]);
    assert_eq!(integrity(&db), "ok");
}

#[test]
fn a_read_only_file_system_is_one_clear_line_and_the_diary_is_untouched() {
    let home = Home::new();
    let Some(disk) = Tmpfs::mount(&home, "4m") else { return eprintln!("skipped: cannot mount a tmpfs (needs root)") };
    let db = disk.0.join("diary.sqlite");
    let db_arg = db.to_str().unwrap();
    home.ok(&["--db", db_arg, "log", "stress", "4"]);
    let before = std::fs::read(&db).unwrap();
    disk.remount("ro");
    home.run(&["--db", db_arg, "log", "stress", "5"]).assert_error(1, "read-only");
    home.run(&["--db", db_arg, "list"]).assert_error(1, "read-only");
    assert_eq!(std::fs::read(&db).unwrap(), before);
    disk.remount("rw");
    assert_eq!(all_ids(&db).len(), 1);
}

#[test]
fn a_diary_locked_longer_than_the_busy_timeout_is_a_clear_busy_error() {
    let home = Home::new();
    let db = home.path("locked.sqlite");
    let db_arg = db.to_str().unwrap();
    home.ok(&["--db", db_arg, "log", "stress", "4"]);
    // Another process (here: this test) holds the write lock for longer than the 5 s the command waits.
    let holder = rusqlite::Connection::open(&db).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let started = Instant::now();
    let run = home.run(&["--db", db_arg, "log", "stress", "5"]);
    let waited = started.elapsed();
    run.assert_error(1, "the diary is busy");
    assert!(waited >= Duration::from_secs(4), "it gave up after {waited:?}, not after the busy timeout");
    // Reads are not blocked by a writer (WAL).
    home.ok(&["--db", db_arg, "list"]);
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    home.ok(&["--db", db_arg, "log", "stress", "6"]);
    assert_eq!(all_ids(&db).len(), 2, "the refused entry was not half-written, the later one is there");
}

#[test]
fn writers_an_importer_and_readers_in_separate_processes_lose_nothing() {
    let home = Home::new();
    let db = home.path("shared.sqlite");
    let db_arg = db.to_str().unwrap().to_string();
    // An export of 300 entries made elsewhere, to import while others write.
    let other = home.path("other.sqlite");
    let other_arg = other.to_str().unwrap();
    home.ok(&["--db", other_arg, "log", "water", "250", "--repeat", "300"]);
    let export = home.path("other.jsonl");
    home.ok(&["--db", other_arg, "export", "--out", export.to_str().unwrap()]);
    let imported = all_ids(&other);

    // The diary exists before they start: a reader that came first would find no diary at the
    // path (a refusal, exit 3), which is right but not what this test is about.
    home.ok(&["--db", db_arg.as_str(), "profile", "set", "--locale", "en"]);

    let spawn = |args: &[&str]| {
        let mut all = vec!["--db", db_arg.as_str()];
        all.extend_from_slice(args);
        home.command(&all).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap()
    };
    let writers = [spawn(&["log", "stress", "3", "--repeat", "150"]), spawn(&["log", "note", "hi", "--repeat", "150"])];
    let importer = spawn(&["import", export.to_str().unwrap()]);
    let readers: Vec<_> = (0..2).map(|_| spawn(&["list", "--from", "2000-01-01", "--to", "2100-01-01"])).collect();

    let mut logged = HashSet::new();
    for child in writers {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        logged.extend(String::from_utf8(out.stdout).unwrap().lines().map(String::from));
    }
    let out = importer.wait_with_output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    for reader in readers {
        let out = reader.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    }

    let stored = all_ids(&db);
    assert_eq!(logged.len(), 300);
    assert!(logged.iter().all(|id| stored.contains(id)), "a logged entry is missing");
    assert!(imported.iter().all(|id| stored.contains(id)), "an imported entry is missing");
    assert_eq!(stored.len(), 600);
    assert_eq!(integrity(&db), "ok");
}
