//! The calls the Kotlin benchmark (tests/kotlin/bench) measures, made from Rust on the bindings'
//! `Diary` directly: the difference is what uniffi and JNA add (docs/benchmarks.md, "Calls from
//! Kotlin"). A trivial call, logging one entry (in memory, and durably to a file), and loading the
//! Today screen of a 5-year diary of 100,000 entries.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use criterion::{Criterion, criterion_group, criterion_main};
use gutskin_core::time::rfc3339;
use gutskin_core::*;
use gutskin_ffi::{Diary, schema_version};

fn stress(at: SystemTime, level: u8) -> NewEntry {
    NewEntry {
        occurred_at: at,
        time_zone: "Europe/Berlin".into(),
        utc_offset_minutes: None,
        note: None,
        tags: vec![],
        details: EntryDetails::Stress { level },
    }
}

/// The time of the `n`th logged entry: 20 minutes apart from 2020-01-01 06:00 UTC, wrapping after
/// 150,000 entries (about 5.7 years, so always in the past).
fn log_time(n: u64) -> SystemTime {
    rfc3339::parse("2020-01-01T06:00:00Z").unwrap() + Duration::from_secs((n % 150_000) * 20 * 60)
}

fn bench_dir() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The 5-year diary the core's store bench builds (the same file, the same recipe): about 55
/// entries a day from 2021-11-26, logged in batches of 5,000.
fn big_diary() -> PathBuf {
    let path = bench_dir().join(format!("diary-100k-v{SCHEMA_VERSION}.sqlite"));
    if path.exists() {
        return path;
    }
    let partial = bench_dir().join(format!("diary-100k.calls-{}.partial.sqlite", std::process::id()));
    let diary = Diary::open(partial.to_string_lossy().into_owned()).unwrap();
    let start = rfc3339::parse("2021-11-26T05:00:00Z").unwrap();
    let days = 5 * 365;
    let per_day = 100_000 / days + 1;
    let mut batch = Vec::new();
    let mut total = 0;
    'days: for day in 0..days {
        for k in 0..per_day {
            if total == 100_000 {
                break 'days;
            }
            let at = start + Duration::from_secs(day as u64 * 86_400 + k as u64 * 900);
            let mut entry = stress(at, (k % 11) as u8);
            entry.details = match k % 6 {
                0 => EntryDetails::Meal {
                    meal: MealKind::Lunch,
                    items: vec![
                        MealItem::FreeText { text: "lentil soup".into() },
                        MealItem::FreeText { text: "rye bread".into() },
                    ],
                },
                1 => EntryDetails::SkinCheckIn {
                    ratings: vec![SkinRating {
                        condition: Condition::Acne,
                        severity: (day % 11) as u8,
                        itch: Some(2),
                        areas: vec![BodyArea::Face],
                    }],
                    poem: None,
                },
                2 => EntryDetails::GutCheckIn { bristol: Some(4), bloating: Some(3), pain: Some(1) },
                3 => EntryDetails::Water { ml: 250 },
                4 => EntryDetails::Sleep { minutes: 420, quality: Some(3) },
                _ => entry.details,
            };
            entry.tags = if k % 10 == 0 { vec!["dairy".into()] } else { vec![] };
            batch.push(entry);
            total += 1;
        }
        if batch.len() >= 5_000 {
            diary.log_entries(std::mem::take(&mut batch)).unwrap();
        }
    }
    diary.log_entries(batch).unwrap();
    drop(diary);
    // Another bench may have finished the same file meanwhile; either copy will do.
    if std::fs::rename(&partial, &path).is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    path
}

fn calls(c: &mut Criterion) {
    let mut group = c.benchmark_group("calls on the bindings' Diary, from Rust");

    group.bench_function("schema_version()", |b| b.iter(schema_version));

    // As people log: 20 minutes apart (72 entries a day, each write also refreshing its day's stored
    // summary), from 2020 on; the Kotlin bench logs the same sequence.
    let mut n = 0u64;
    let mut next = move || {
        n += 1;
        stress(log_time(n), (n % 11) as u8)
    };
    let memory = Diary::open_in_memory().unwrap();
    group.bench_function("log_entry, in-memory diary", |b| b.iter(|| memory.log_entry(next()).unwrap()));

    let file = bench_dir().join(format!("calls-{}.sqlite", std::process::id()));
    let durable = Diary::open(file.to_string_lossy().into_owned()).unwrap();
    group.bench_function("log_entry, file diary (durable)", |b| b.iter(|| durable.log_entry(next()).unwrap()));
    drop(durable);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", file.display()));
    }

    let big = Diary::open(big_diary().to_string_lossy().into_owned()).unwrap();
    let day = "2024-06-15";
    assert!(big.today(day.into()).unwrap().entries.len() > 50);
    group.bench_function("today(2024-06-15), 5-year diary of 100,000 entries", |b| {
        b.iter(|| big.today(day.into()).unwrap())
    });
    group.finish();
}

criterion_group!(benches, calls);
criterion_main!(benches);
