//! `gutskin sync` end to end: three diaries each log a month and sync through a shared folder (and,
//! when tests/sync/run-s3.sh started a real S3-compatible server on loopback, through a bucket)
//! and end identical; a sync killed mid-merge leaves the diary consistent and the next completes;
//! damaged files and a wrong key are clear errors.

use std::io::{BufRead, BufReader};
use std::process::Stdio;
use std::time::{Duration, SystemTime};

use gutskin_core::time::rfc3339;
use gutskin_core::{Diary, EntryDetails, MealItem, MealKind, NewEntry};

use crate::Home;

pub(crate) fn recovery_code(home: &Home) -> String {
    let text = std::fs::read_to_string(home.path("sync.key")).unwrap();
    text.lines().find(|l| !l.starts_with('#')).unwrap().to_string()
}

/// A month of logging by one device: meals, stress and water every day.
fn log_a_month(home: &Home, device: u64) {
    let diary = Diary::open(home.diary()).unwrap();
    let start = rfc3339::parse("2025-05-01T06:00:00Z").unwrap();
    let mut batch = Vec::new();
    for day in 0..30u64 {
        for k in 0..4u64 {
            let at: SystemTime = start + Duration::from_secs(day * 86_400 + k * 3 * 3600 + device * 600);
            let details = match k {
                0 => EntryDetails::Meal {
                    meal: MealKind::Breakfast,
                    items: vec![MealItem::FreeText { text: format!("oats from device {device}") }],
                },
                1 => EntryDetails::Stress { level: ((day + device) % 11) as u8 },
                2 => EntryDetails::Water { ml: 250 + device as u32 },
                _ => EntryDetails::Note { text: format!("day {day} on device {device}") },
            };
            batch.push(NewEntry {
                occurred_at: at,
                time_zone: "Europe/Berlin".into(),
                utc_offset_minutes: None,
                note: None,
                tags: if day % 7 == 0 { vec!["weekly".into()] } else { vec![] },
                details,
            });
        }
    }
    diary.log_entries(batch).unwrap();
}

fn everything(home: &Home) -> (Vec<serde_json::Value>, serde_json::Value) {
    let summaries = home.json(&[
        "--db",
        home.diary().to_str().unwrap(),
        "list",
        "--from",
        "2025-04-30",
        "--to",
        "2025-06-01",
        "--deleted",
    ]);
    (home.all_entries(), summaries)
}

/// Three devices log a month each, edit and delete each other's entries, and sync in rounds.
fn three_devices_converge(target: &[&str]) {
    let homes = [Home::new(), Home::new(), Home::new()];
    homes[0].ok(&["sync", "init"]);
    let code = recovery_code(&homes[0]);
    for home in &homes[1..] {
        let mut args = vec!["sync", "join", &code];
        args.extend_from_slice(target);
        home.ok(&args);
    }
    let mut sync = vec!["sync"];
    sync.extend_from_slice(target);
    for (i, home) in homes.iter().enumerate() {
        log_a_month(home, i as u64);
        home.ok(&sync);
    }
    for home in &homes {
        home.ok(&sync);
    }
    // Concurrent edits of one entry on two devices, and a delete on the third.
    let shared =
        homes[0].all_entries().iter().find(|e| e["kind"] == "stress").unwrap()["id"].as_str().unwrap().to_string();
    homes[1].ok(&["edit", &shared, "--note", "from the tablet"]);
    homes[2].ok(&["edit", &shared, "--note", "from the laptop", "--set", "level=9"]);
    homes[0].ok(&["delete", &shared]);
    for _ in 0..2 {
        for home in &homes {
            home.ok(&sync);
        }
    }
    let reference = everything(&homes[0]);
    assert_eq!(reference.0.len(), 3 * 30 * 4);
    for home in &homes[1..] {
        assert_eq!(everything(home), reference);
    }
    let merged = reference.0.iter().find(|e| e["id"] == shared.as_str()).unwrap();
    assert_eq!(merged["deleted"], true);
    assert_eq!(merged["note"], "from the laptop");
    assert_eq!(merged["level"], 9);
    // A fourth device joins after compaction and starts from a snapshot.
    let mut compact = sync.clone();
    compact.push("--compact");
    for home in &homes {
        home.ok(&compact);
    }
    let late = Home::new();
    let mut join = vec!["sync", "join", &code];
    join.extend_from_slice(target);
    late.ok(&join);
    let out = late.ok(&sync);
    assert!(out.contains("snapshot"), "{out}");
    assert_eq!(everything(&late), reference);
    let status = late.ok(&["sync", "status"]);
    assert!(status.contains("merged"), "{status}");
}

#[test]
fn three_diaries_sync_a_month_through_a_folder_and_end_identical() {
    let shared = tempfile::tempdir().unwrap();
    let folder = shared.path().to_str().unwrap().to_string();
    three_devices_converge(&["--folder", &folder]);
}

/// Runs only when tests/sync/run-s3.sh has started an S3-compatible server on loopback and set
/// GUTSKIN_TEST_S3_ENDPOINT (and credentials); otherwise it says so and passes.
#[test]
fn three_diaries_sync_a_month_through_a_real_s3_server() {
    let Ok(endpoint) = std::env::var("GUTSKIN_TEST_S3_ENDPOINT") else {
        eprintln!("skipped: GUTSKIN_TEST_S3_ENDPOINT is not set (tests/sync/run-s3.sh sets it)");
        return;
    };
    let bucket = std::env::var("GUTSKIN_TEST_S3_BUCKET").unwrap_or_else(|_| "gutskin-test".into());
    // SAFETY: tests in this binary that read these variables run after this point only through
    // child processes; setting them here is what the command reads.
    unsafe { std::env::set_var("GUTSKIN_S3_ENDPOINT", &endpoint) };
    let url = format!("s3://{bucket}/run-{}", uuid::Uuid::now_v7());
    three_devices_converge(&["--s3", &url]);
}

#[test]
fn a_sync_killed_mid_merge_leaves_the_diary_consistent_and_the_next_completes() {
    let shared = tempfile::tempdir().unwrap();
    let folder = shared.path().to_str().unwrap();
    let (a, b) = (Home::new(), Home::new());
    a.ok(&["sync", "init"]);
    b.ok(&["sync", "join", &recovery_code(&a)]);
    log_a_month(&a, 0);
    a.ok(&["sync", "--folder", folder]);
    b.ok(&["log", "water", "300"]);
    let before = b.all_entries();

    let mut child = b
        .command(&["sync", "--folder", folder])
        .env("GUTSKIN_SYNC_TEST_PAUSE_MS", "20000")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap()).lines();
    let line = stderr.next().expect("a line").unwrap();
    assert!(line.contains("pausing before commit"), "{line}");
    child.kill().unwrap();
    child.wait().unwrap();

    let conn = rusqlite::Connection::open(b.diary()).unwrap();
    let check: String = conn.query_row("PRAGMA integrity_check", [], |r| r.get(0)).unwrap();
    assert_eq!(check, "ok");
    drop(conn);
    assert_eq!(b.all_entries(), before, "nothing of the killed merge is visible");
    let out = b.ok(&["sync", "--folder", folder]);
    assert!(out.contains("merged 1 changeset"), "{out}");
    a.ok(&["sync", "--folder", folder]);
    assert_eq!(everything(&a), everything(&b));
}

#[test]
fn damaged_files_and_a_wrong_key_are_clear_errors_and_lose_nothing() {
    let shared = tempfile::tempdir().unwrap();
    let folder = shared.path().to_str().unwrap();
    let (a, b, stranger) = (Home::new(), Home::new(), Home::new());
    a.ok(&["sync", "init"]);
    b.ok(&["sync", "join", &recovery_code(&a)]);
    a.ok(&["log", "stress", "5"]);
    a.ok(&["sync", "--folder", folder]);
    let changeset = walk(shared.path()).into_iter().find(|p| p.to_string_lossy().contains("/changes/")).unwrap();
    let good = std::fs::read(&changeset).unwrap();
    std::fs::write(&changeset, &good[..good.len() - 10]).unwrap();
    b.run(&["sync", "--folder", folder]).assert_error(5, "damaged sync file");
    assert!(b.all_entries().is_empty());
    std::fs::write(&changeset, &good).unwrap();
    b.ok(&["sync", "--folder", folder]);
    assert_eq!(b.all_entries(), a.all_entries());

    stranger.ok(&["sync", "init"]);
    stranger.ok(&["log", "water", "100"]);
    stranger.run(&["sync", "--folder", folder]).assert_error(5, "another sync key");
    assert_eq!(stranger.all_entries().len(), 1);
    stranger.run(&["sync", "join", &recovery_code(&a), "--folder", folder]).assert_error(2, "already holds");
    let typo = recovery_code(&a).replacen(|c: char| c.is_ascii_digit(), "X", 1);
    Home::new().run(&["sync", "join", &typo]).assert_error(2, "has a typo");
    Home::new().run(&["sync", "--folder", folder]).assert_error(3, "no sync key");
}

/// A device that stopped syncing is retired from another one: status shows it, the others compact
/// past it, and it comes back with what it logged meanwhile.
#[test]
fn a_lost_device_is_retired_and_can_come_back() {
    let shared = tempfile::tempdir().unwrap();
    let folder = shared.path().to_str().unwrap();
    let (a, lost) = (Home::new(), Home::new());
    a.ok(&["sync", "init"]);
    lost.ok(&["sync", "join", &recovery_code(&a), "--folder", folder]);
    a.ok(&["log", "stress", "5"]);
    a.ok(&["sync", "--folder", folder]);
    lost.ok(&["log", "water", "300"]);
    lost.ok(&["sync", "--folder", folder]);
    lost.ok(&["log", "stress", "2"]);
    let lost_id = lost.json(&["sync", "status"])["device_id"].as_str().unwrap().to_string();
    let changes = |home: &Home| {
        let id = home.json(&["sync", "status"])["device_id"].as_str().unwrap().to_string();
        walk(shared.path()).iter().filter(|p| p.to_string_lossy().contains(&format!("{id}/changes/"))).count()
    };

    a.ok(&["log", "stress", "6"]);
    a.ok(&["sync", "--folder", folder, "--compact"]);
    assert_eq!(changes(&a), 1, "changeset 2 waits for the lost device");
    a.run(&["sync", "retire", "not-an-id", "--folder", folder]).assert_error(2, "device_id");
    let own = a.json(&["sync", "status"])["device_id"].as_str().unwrap().to_string();
    a.run(&["sync", "retire", &own, "--folder", folder]).assert_error(2, "this device");
    let out = a.ok(&["sync", "retire", &lost_id, "--folder", folder]);
    assert!(out.contains("Retired device"), "{out}");
    let status = a.json(&["sync", "status"]);
    let peer = status["peers"].as_array().unwrap().iter().find(|p| p["device_id"] == lost_id.as_str()).unwrap();
    assert_eq!(peer["retired"]["retired_by"], own.as_str());
    assert!(a.ok(&["sync", "status"]).contains("retired by"));
    a.ok(&["sync", "--folder", folder, "--compact"]);
    assert_eq!(changes(&a), 0);

    let out = lost.ok(&["sync", "--folder", folder]);
    assert!(out.contains("had retired this one"), "{out}");
    a.ok(&["sync", "--folder", folder]);
    assert_eq!(a.all_entries().len(), 4);
    assert_eq!(lost.all_entries(), a.all_entries());
}

fn walk(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}
