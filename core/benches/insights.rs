//! Guidance and insights over a 5-year diary of 100,000 entries (docs/benchmarks.md), beside the
//! baseline of just reading that diary's entries.
//!
//! The diary is the demo's person over five years (meals with tags, skin and gut check-ins,
//! stress, sleep, medication...), topped up with water entries to 100,000; built once and kept in
//! target/bench-data.
//!
//! With `--features encryption` (SQLCipher) each call also gets an encrypted twin in the same run,
//! measured right after its plain twin: the same diary encrypted once with `Diary::encrypt` and
//! opened with its key (docs/privacy.md). Both are then timed again in the same alternating rounds,
//! so load from the rest of the machine falls on both alike.

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use criterion::{Criterion, criterion_group, criterion_main};
use gutskin_core::time::rfc3339;
use gutskin_core::*;

mod common;

const LAST: &str = "2026-11-25";
const FIRST: &str = "2021-11-27";
const DAYS: u32 = 1825;

struct Fixed(SystemTime);

impl Clock for Fixed {
    fn now(&self) -> SystemTime {
        self.0
    }
}

fn big_diary() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("diary-insights-100k-v{SCHEMA_VERSION}.sqlite"));
    if path.exists() {
        return path;
    }
    let partial = dir.join("diary-insights-100k.partial.sqlite");
    let _ = std::fs::remove_file(&partial);
    let now = rfc3339::parse("2026-11-26T12:00:00Z").unwrap();
    let diary = Diary::open_with_clock(Some(&partial), Arc::new(Fixed(now))).unwrap();
    let mut entries = demo::demo_entries(7, DAYS, LAST, "Europe/Berlin").unwrap();
    let start = rfc3339::parse("2021-11-27T08:00:00Z").unwrap();
    let mut i = 0u64;
    while entries.len() < 100_000 {
        let at = start + Duration::from_secs((i % u64::from(DAYS)) * 86_400 + (i / u64::from(DAYS)) * 600);
        entries.push(NewEntry {
            occurred_at: at,
            time_zone: "Europe/Berlin".into(),
            utc_offset_minutes: None,
            note: None,
            tags: vec![],
            details: EntryDetails::Water { ml: 250 },
        });
        i += 1;
    }
    assert_eq!(entries.len(), 100_000);
    for chunk in entries.chunks(5_000) {
        diary.log_entries(chunk.to_vec()).unwrap();
    }
    diary
        .set_profile(Profile {
            conditions: demo::DEMO_CONDITIONS.to_vec(),
            birth_year: Some(1992),
            ..Profile::default()
        })
        .unwrap();
    drop(diary);
    std::fs::rename(&partial, &path).unwrap();
    path
}

/// The 5-year diary, encrypted under `common::bench_key` (built once from `big_diary`, kept in target/).
fn big_encrypted_diary(plain: &Path) -> PathBuf {
    common::encrypted_copy(
        plain,
        plain.with_file_name(format!("diary-insights-100k-v{SCHEMA_VERSION}-encrypted.sqlite")),
    )
}

/// A call measured: its name and what it does with a diary.
type Call = (&'static str, fn(&Diary));

/// The calls measured, each on the plain diary and (with `--features encryption`) the encrypted one.
const CALLS: [Call; 5] = [
    ("baseline: read every entry (entries_between)", |d| {
        black_box(d.entries_between(FIRST, LAST, None, false).unwrap());
    }),
    ("insights over the 5 years (Diary::insights)", |d| {
        black_box(d.insights(FIRST, LAST).unwrap());
    }),
    ("insights over the last 180 days", |d| {
        black_box(d.insights("2026-05-30", LAST).unwrap());
    }),
    ("guidance for the last day (Diary::guidance)", |d| {
        black_box(d.guidance(LAST).unwrap());
    }),
    ("report over the last 180 days (Diary::report_html)", |d| {
        black_box(d.report_html("2026-05-30", LAST).unwrap());
    }),
];

fn five_years(c: &mut Criterion) {
    let path = big_diary();
    let encrypted = cfg!(feature = "encryption").then(|| {
        let diary = Diary::open_encrypted(big_encrypted_diary(&path), &common::bench_key()).unwrap();
        assert!(diary.is_encrypted());
        diary
    });
    let diary = Diary::open(&path).unwrap();
    assert_eq!(diary.entries_between(FIRST, LAST, None, false).unwrap().len(), 100_000);
    if let Some(encrypted) = &encrypted {
        assert_eq!(encrypted.entries_between(FIRST, LAST, None, false).unwrap().len(), 100_000);
        assert_eq!(encrypted.insights(FIRST, LAST).unwrap(), diary.insights(FIRST, LAST).unwrap());
    }
    let mut group = c.benchmark_group("5-year diary of 100,000 entries");
    group.sample_size(10).measurement_time(Duration::from_secs(10));
    for (name, call) in CALLS {
        group.bench_function(name, |b| b.iter(|| call(&diary)));
        if let Some(encrypted) = &encrypted {
            group.bench_function(format!("{name}, encrypted"), |b| b.iter(|| call(encrypted)));
        }
    }
    group.finish();
    if let Some(encrypted) = &encrypted {
        same_rounds(&diary, encrypted, 15);
    }
}

/// Each call's plain and encrypted medians over the same rounds ([`common::same_round_medians`]).
fn same_rounds(plain: &Diary, encrypted: &Diary, rounds: usize) {
    for (name, call) in CALLS {
        let (p, e) = common::same_round_medians(rounds, |is_encrypted| {
            let diary = if is_encrypted { encrypted } else { plain };
            let started = Instant::now();
            call(diary);
            started.elapsed()
        });
        println!("{name}, medians of the same {rounds} rounds: plain {p:?}, encrypted {e:?}");
    }
}

criterion_group!(benches, five_years);
criterion_main!(benches);
