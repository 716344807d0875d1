//! Durability and concurrency of the real binary: killed mid-stream, every acknowledged entry is
//! there and the file is intact; two processes writing at once both succeed and lose nothing.

use std::collections::HashSet;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Stdio};

use gutskin_core::Diary;

use crate::Home;

/// Starts `gutskin log ... --repeat N` against `db`, printing each id as it commits.
fn logging(home: &Home, db: &Path, kind: &[&str], times: u32) -> Child {
    let mut args = vec!["--db", db.to_str().unwrap(), "log"];
    args.extend_from_slice(kind);
    let times = times.to_string();
    args.extend_from_slice(&["--repeat", &times]);
    home.command(&args).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().expect("start gutskin")
}

fn integrity(db: &Path) -> String {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap()
}

#[test]
fn killed_while_logging_keeps_every_acknowledged_entry() {
    let home = Home::new();
    let db = home.path("crash.sqlite");
    let mut acknowledged: Vec<String> = Vec::new();
    for round in 0..3u32 {
        let mut child = logging(&home, &db, &["water", "250"], 1_000_000);
        let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
        // Kill at a different moment each round.
        let kill_after = 200 + round as usize * 37;
        let mut this_round = 0;
        while this_round < kill_after {
            match lines.next() {
                Some(line) => {
                    acknowledged.push(line.unwrap());
                    this_round += 1;
                }
                None => panic!("gutskin stopped before it was killed: {child:?}"),
            }
        }
        child.kill().expect("SIGKILL");
        child.wait().unwrap();
        // Ids already written to the pipe were acknowledged too.
        acknowledged.extend(lines.map_while(Result::ok).filter(|l| !l.is_empty()));

        assert_eq!(integrity(&db), "ok", "round {round}");
        let diary = Diary::open(&db).expect("opens after a kill");
        for id in &acknowledged {
            let entry = diary.entry(id).unwrap_or_else(|e| panic!("round {round}: acknowledged {id} lost: {e}"));
            assert!(!entry.deleted);
        }
        drop(diary);
        assert_eq!(integrity(&db), "ok", "round {round}");
    }
    assert!(acknowledged.len() >= 3 * 200);
    // Nothing acknowledged twice, and the diary still takes new entries.
    assert_eq!(acknowledged.iter().collect::<HashSet<_>>().len(), acknowledged.len());
    home.ok(&["--db", db.to_str().unwrap(), "log", "stress", "2"]);
}

fn run_two_at_once(home: &Home, db: &Path) -> Vec<String> {
    const EACH: u32 = 150;
    let a = logging(home, db, &["water", "250"], EACH);
    let b = logging(home, db, &["stress", "4"], EACH);
    let mut ids = Vec::new();
    for child in [a, b] {
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{:?}: {stderr}", out.status);
        let lines: Vec<String> = String::from_utf8(out.stdout).unwrap().lines().map(String::from).collect();
        assert_eq!(lines.len(), EACH as usize);
        ids.extend(lines);
    }
    ids
}

#[test]
fn two_processes_logging_at_once_both_succeed_and_lose_nothing() {
    let home = Home::new();
    // An existing diary, and a new file the two create together.
    let existing = home.path("shared.sqlite");
    home.ok(&["--db", existing.to_str().unwrap(), "log", "note", "first"]);
    let fresh = home.path("fresh.sqlite");
    for (db, before) in [(&existing, 1), (&fresh, 0)] {
        let ids = run_two_at_once(&home, db);
        let diary = Diary::open(db).unwrap();
        let all = diary.entries_between("2000-01-01", "2100-01-01", None, true).unwrap();
        assert_eq!(all.len(), before + ids.len(), "{}", db.display());
        let stored: HashSet<&str> = all.iter().map(|e| e.id.as_str()).collect();
        assert!(ids.iter().all(|id| stored.contains(id.as_str())));
        drop(diary);
        assert_eq!(integrity(db), "ok");
    }
}
