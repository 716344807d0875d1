//! Store speed, each goal measured beside its baseline in the same run (docs/benchmarks.md):
//! - logging one entry in its own durable transaction vs a bare rusqlite INSERT of the same data
//!   in its own transaction, with the same pragmas;
//! - on a 5-year diary of 100,000 entries: opening it, one day's entries, a year of day summaries,
//!   beside bare SQL reads of the same rows.
//!
//! With `--features encryption` (SQLCipher) each Diary figure also gets an encrypted twin in the
//! same run: the same writes and reads on an encrypted diary (docs/privacy.md).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{Duration, Instant, SystemTime};

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use gutskin_core::time::rfc3339;
use gutskin_core::*;

mod common;

fn stress_entry(at: SystemTime, level: u8) -> NewEntry {
    NewEntry {
        occurred_at: at,
        time_zone: "Europe/Berlin".into(),
        utc_offset_minutes: None,
        note: None,
        tags: vec![],
        details: EntryDetails::Stress { level },
    }
}

fn bare_connection(path: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get::<_, String>(0)).unwrap();
    conn.pragma_update(None, "synchronous", "FULL").unwrap();
    conn.execute_batch(
        "CREATE TABLE IF NOT EXISTS entries (id BLOB PRIMARY KEY, occurred_at INTEGER, kind TEXT,
         utc_offset_min INTEGER, time_zone TEXT, stress INTEGER) WITHOUT ROWID",
    )
    .unwrap();
    conn
}

/// One bare INSERT and one `Diary::log_entry` of the same stress reading (and one on an encrypted
/// diary, with `--features encryption`), each in its own durable transaction. Every benchmark runs
/// the same rounds and times only its own part, so disk and CPU noise from the rest of the machine
/// falls on all alike.
struct LogPair {
    conn: rusqlite::Connection,
    diary: Diary,
    /// The same diary encrypted (`--features encryption`): a third half of each round.
    encrypted: Option<Diary>,
    clock: Arc<SimClock>,
    now: SystemTime,
    n: u64,
}

/// Which half of a round a benchmark times.
#[derive(Clone, Copy, PartialEq)]
enum Timed {
    Bare = 0,
    Diary = 1,
    Encrypted = 2,
}

/// A wall clock the bench moves forward.
struct SimClock(AtomicI64);

impl SimClock {
    fn advance(&self, by: Duration) -> SystemTime {
        let ms = self.0.fetch_add(by.as_millis() as i64, Ordering::SeqCst) + by.as_millis() as i64;
        gutskin_core::time::from_millis(ms)
    }
}

impl Clock for SimClock {
    fn now(&self) -> SystemTime {
        gutskin_core::time::from_millis(self.0.load(Ordering::SeqCst))
    }
}

impl LogPair {
    fn bare(&mut self) -> Duration {
        let started = Instant::now();
        let tx = self.conn.unchecked_transaction().unwrap();
        tx.execute(
            "INSERT INTO entries VALUES (?1, ?2, 'stress', 60, 'Europe/Berlin', ?3)",
            rusqlite::params![uuid::Uuid::now_v7(), gutskin_core::time::to_millis(self.now), (self.n % 11) as i64],
        )
        .unwrap();
        tx.commit().unwrap();
        started.elapsed()
    }

    fn diary(&mut self, encrypted: bool) -> Duration {
        // As people log: now, on a clock that moves 20 minutes per entry (72 entries a day, each
        // write also refreshing its day's stored summary).
        let diary = if encrypted { self.encrypted.as_ref() } else { Some(&self.diary) };
        let Some(diary) = diary else { return Duration::ZERO };
        let at = self.clock.advance(Duration::from_secs(20 * 60));
        let entry = stress_entry(at, (self.n % 11) as u8);
        let started = Instant::now();
        diary.log_entry(entry).unwrap();
        started.elapsed()
    }

    /// One round: a bare INSERT, a log and an encrypted log, each taking each place in the round
    /// in turn (a flush right after another one costs less, and that must not favour one of them).
    fn round(&mut self) -> [Duration; 3] {
        self.n += 1;
        let mut times = [Duration::ZERO; 3];
        for step in 0..3 {
            match (self.n + step) % 3 {
                0 => times[Timed::Bare as usize] = self.bare(),
                1 => times[Timed::Diary as usize] = self.diary(false),
                _ => times[Timed::Encrypted as usize] = self.diary(true),
            }
        }
        times
    }

    fn run(&mut self, iters: u64, timed: Timed) -> Duration {
        (0..iters).map(|_| self.round()[timed as usize]).sum()
    }
}

fn log_one(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let clock = Arc::new(SimClock(AtomicI64::new(gutskin_core::time::to_millis(
        rfc3339::parse("2020-01-01T06:00:00Z").unwrap(),
    ))));
    let path = dir.path().join("diary.sqlite");
    let encrypted = cfg!(feature = "encryption").then(|| {
        Diary::open_encrypted_with_clock(&dir.path().join("encrypted.sqlite"), &common::bench_key(), clock.clone())
            .unwrap()
    });
    let mut pair = LogPair {
        conn: bare_connection(&dir.path().join("bare.sqlite")),
        diary: Diary::open_with_clock(Some(&path), clock.clone()).unwrap(),
        encrypted,
        clock,
        now: SystemTime::now(),
        n: 0,
    };
    let mut group = c.benchmark_group("log one entry (durable)");
    group.measurement_time(Duration::from_secs(10));
    group.bench_function("bare rusqlite INSERT", |b| b.iter_custom(|iters| pair.run(iters, Timed::Bare)));
    group.bench_function("Diary::log_entry", |b| b.iter_custom(|iters| pair.run(iters, Timed::Diary)));
    if pair.encrypted.is_some() {
        group.bench_function("Diary::log_entry, encrypted", |b| {
            b.iter_custom(|iters| pair.run(iters, Timed::Encrypted))
        });
    }
    group.finish();
    if pair.encrypted.is_some() {
        same_rounds(&mut pair, 1000);
    }
}

/// The three writes' medians over the same rounds: criterion measures each benchmark in its own
/// time window, and a disk shared with other work flushes at very different speeds from one window
/// to the next; within one round all three meet the same disk.
fn same_rounds(pair: &mut LogPair, rounds: u64) {
    let mut times = [Vec::new(), Vec::new(), Vec::new()];
    for _ in 0..rounds {
        for (all, one) in times.iter_mut().zip(pair.round()) {
            all.push(one);
        }
    }
    let [bare, diary, encrypted] = times.map(common::median);
    println!(
        "log one entry (durable), medians of the same {rounds} rounds: bare INSERT {:?}, Diary::log_entry {:?}, \
         encrypted {:?}",
        bare, diary, encrypted
    );
}

/// The 5-year diary, encrypted under `common::bench_key` (built once from `big_diary`, kept in target/).
fn big_encrypted_diary(plain: &Path) -> PathBuf {
    common::encrypted_copy(plain, plain.with_file_name(format!("diary-100k-v{SCHEMA_VERSION}-encrypted.sqlite")))
}

/// A 5-year diary of 100,000 entries (about 55 a day), built once and kept in target/.
fn big_diary() -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench-data");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("diary-100k-v{SCHEMA_VERSION}.sqlite"));
    if path.exists() {
        return path;
    }
    let partial = dir.join("diary-100k.partial.sqlite");
    let _ = std::fs::remove_file(&partial);
    let diary = Diary::open(&partial).unwrap();
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
            let details = match k % 6 {
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
                _ => EntryDetails::Stress { level: (k % 11) as u8 },
            };
            let mut entry = stress_entry(at, 0);
            entry.details = details;
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
    std::fs::rename(&partial, &path).unwrap();
    path
}

fn five_year_diary(c: &mut Criterion) {
    let path = big_diary();
    let mut group = c.benchmark_group("5-year diary of 100,000 entries");

    group.bench_function("open: Diary::open", |b| b.iter(|| Diary::open(&path).unwrap()));
    group.bench_function("open: bare rusqlite open + user_version", |b| {
        b.iter(|| {
            let conn = rusqlite::Connection::open(&path).unwrap();
            conn.query_row("PRAGMA user_version", [], |r| r.get::<_, u32>(0)).unwrap()
        })
    });

    let diary = Diary::open(&path).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    let day = "2024-06-15";
    assert!(diary.entries_on(day).unwrap().len() > 50);
    group.bench_function(BenchmarkId::new("one day's entries: Diary::entries_on", day), |b| {
        b.iter(|| diary.entries_on(day).unwrap())
    });
    let day_number = gutskin_core::time::day_number(chrono::NaiveDate::from_ymd_opt(2024, 6, 15).unwrap());
    group.bench_function(BenchmarkId::new("one day's entries: bare SELECT *", day), |b| {
        b.iter(|| {
            let mut stmt = conn.prepare_cached("SELECT * FROM entries WHERE local_day = ?1").unwrap();
            let rows: Vec<Vec<rusqlite::types::Value>> = stmt
                .query_map([day_number], |r| (0..r.as_ref().column_count()).map(|i| r.get(i)).collect())
                .unwrap()
                .map(Result::unwrap)
                .collect();
            rows
        })
    });
    group.bench_function("today screen: Diary::day", |b| b.iter(|| diary.day(day).unwrap()));

    group.bench_function("a year of day summaries: Diary::day_summaries", |b| {
        b.iter(|| {
            let s = diary.day_summaries("2023-06-16", "2024-06-15").unwrap();
            assert_eq!(s.len(), 366);
            s
        })
    });
    group.bench_function("a year of day summaries: bare GROUP BY count", |b| {
        b.iter(|| {
            let mut stmt = conn
                .prepare_cached(
                    "SELECT local_day, kind, COUNT(*) FROM entries WHERE local_day BETWEEN ?1 AND ?2 GROUP BY 1, 2",
                )
                .unwrap();
            let rows: Vec<(i64, String, i64)> = stmt
                .query_map([day_number - 365, day_number], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
                .unwrap()
                .map(Result::unwrap)
                .collect();
            rows
        })
    });

    if cfg!(feature = "encryption") {
        let path = big_encrypted_diary(&path);
        let key = common::bench_key();
        group.bench_function("open: Diary::open_encrypted", |b| b.iter(|| Diary::open_encrypted(&path, &key).unwrap()));
        let diary = Diary::open_encrypted(&path, &key).unwrap();
        assert_eq!(
            diary.entries_on(day).unwrap().len(),
            Diary::open(big_diary()).unwrap().entries_on(day).unwrap().len()
        );
        group.bench_function(BenchmarkId::new("one day's entries: Diary::entries_on, encrypted", day), |b| {
            b.iter(|| diary.entries_on(day).unwrap())
        });
        group.bench_function("today screen: Diary::day, encrypted", |b| b.iter(|| diary.day(day).unwrap()));
        group.bench_function("a year of day summaries: Diary::day_summaries, encrypted", |b| {
            b.iter(|| {
                let s = diary.day_summaries("2023-06-16", "2024-06-15").unwrap();
                assert_eq!(s.len(), 366);
                s
            })
        });
    }
    group.finish();
}

criterion_group!(benches, log_one, five_year_diary);
criterion_main!(benches);
