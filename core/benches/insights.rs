//! Guidance and insights over a 5-year diary of 100,000 entries (docs/benchmarks.md), beside the
//! baseline of just reading that diary's entries.
//!
//! The diary is the demo's person over five years (meals with tags, skin and gut check-ins,
//! stress, sleep, medication...), topped up with water entries to 100,000; built once and kept in
//! target/bench-data.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, SystemTime};

use criterion::{Criterion, criterion_group, criterion_main};
use gutskin_core::time::rfc3339;
use gutskin_core::*;

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

fn five_years(c: &mut Criterion) {
    let path = big_diary();
    let diary = Diary::open(&path).unwrap();
    assert_eq!(diary.entries_between(FIRST, LAST, None, false).unwrap().len(), 100_000);
    let mut group = c.benchmark_group("5-year diary of 100,000 entries");
    group.sample_size(10).measurement_time(Duration::from_secs(20));
    group.bench_function("baseline: read every entry (entries_between)", |b| {
        b.iter(|| diary.entries_between(FIRST, LAST, None, false).unwrap())
    });
    group.bench_function("insights over the 5 years (Diary::insights)", |b| {
        b.iter(|| diary.insights(FIRST, LAST).unwrap())
    });
    group.bench_function("insights over the last 180 days", |b| b.iter(|| diary.insights("2026-05-30", LAST).unwrap()));
    group.bench_function("guidance for the last day (Diary::guidance)", |b| b.iter(|| diary.guidance(LAST).unwrap()));
    group.bench_function("report over the last 180 days (Diary::report_html)", |b| {
        b.iter(|| diary.report_html("2026-05-30", LAST).unwrap())
    });
    group.finish();
}

criterion_group!(benches, five_years);
criterion_main!(benches);
