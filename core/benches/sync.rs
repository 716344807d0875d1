//! Sync speed (docs/benchmarks.md), on 100,002 field writes (14,286 stress entries of 7 fields
//! each), beside the store logging the same entries in the same run:
//! - the store: `Diary::log_entries` of the entries (one transaction);
//! - export: building, compressing, sealing and storing the changeset of those writes;
//! - apply: a fresh diary merging that changeset (one transaction, summaries included).
//!
//! With `--features encryption` (SQLCipher) each figure also gets an encrypted twin in the same run,
//! measured right after its plain twin: the same work on encrypted diaries (the export's source is
//! a copy of the plain one encrypted with `Diary::encrypt`; docs/privacy.md). Both are then timed
//! again in the same alternating rounds, so load from the rest of the machine falls on both alike.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use gutskin_core::sync::{MemoryTransport, SyncKey, SyncOptions, Transport};
use gutskin_core::time::rfc3339;
use gutskin_core::*;

mod common;

const ENTRIES: usize = 14_286;

fn entries() -> Vec<NewEntry> {
    let start = rfc3339::parse("2021-01-01T08:00:00Z").unwrap();
    (0..ENTRIES)
        .map(|i| NewEntry {
            occurred_at: start + Duration::from_secs(i as u64 * 3 * 3600),
            time_zone: "Europe/Berlin".into(),
            utc_offset_minutes: None,
            note: None,
            tags: vec![],
            details: EntryDetails::Stress { level: (i % 11) as u8 },
        })
        .collect()
}

fn open(path: &Path, encrypted: bool) -> Diary {
    if encrypted { Diary::open_encrypted(path, &common::bench_key()).unwrap() } else { Diary::open(path).unwrap() }
}

/// A new diary at `dir/name` (plain or encrypted), replacing the one a previous run left there.
fn fresh(dir: &Path, name: &str, encrypted: bool) -> Diary {
    let path = dir.join(name);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    open(&path, encrypted)
}

/// What is measured.
#[derive(Clone, Copy)]
enum Work {
    /// `Diary::log_entries` of the entries into a fresh diary.
    Log,
    /// Syncing a copy of the source diary (the entries logged) to an empty store.
    Export,
    /// Syncing a fresh diary with the store holding the source's changeset.
    Apply,
}

impl Work {
    fn name(self) -> &'static str {
        match self {
            Work::Log => "store: Diary::log_entries (14,286 entries)",
            Work::Export => "export: build, compress, seal and store the changeset",
            Work::Apply => "apply: merge the changeset into a fresh diary",
        }
    }

    fn file(self, encrypted: bool) -> &'static str {
        match (self, encrypted) {
            (Work::Log, false) => "log.sqlite",
            (Work::Log, true) => "log-encrypted.sqlite",
            (Work::Export, false) => "export.sqlite",
            (Work::Export, true) => "export-encrypted.sqlite",
            (Work::Apply, false) => "apply.sqlite",
            (Work::Apply, true) => "apply-encrypted.sqlite",
        }
    }
}

/// One run's diary and what it works on, prepared outside the timing.
struct Input {
    diary: Diary,
    batch: Vec<NewEntry>,
    transport: MemoryTransport,
}

struct Setup {
    dir: tempfile::TempDir,
    key: SyncKey,
    batch: Vec<NewEntry>,
    /// The diary holding the logged entries: plain, and encrypted (`--features encryption`).
    sources: [PathBuf; 2],
    /// The source's changeset, as the plain source exported it.
    store: MemoryTransport,
}

impl Setup {
    fn input(&self, work: Work, encrypted: bool) -> Input {
        let dir = self.dir.path();
        let (diary, batch) = match work {
            Work::Log => (fresh(dir, work.file(encrypted), encrypted), self.batch.clone()),
            Work::Export => {
                let copy = dir.join(work.file(encrypted));
                std::fs::copy(&self.sources[encrypted as usize], &copy).unwrap();
                (open(&copy, encrypted), Vec::new())
            }
            Work::Apply => (fresh(dir, work.file(encrypted), encrypted), Vec::new()),
        };
        assert_eq!(diary.is_encrypted(), encrypted);
        Input { diary, batch, transport: MemoryTransport::new() }
    }

    /// The measured work; the diary is closed (its WAL checkpointed) before it returns.
    fn run(&self, work: Work, input: Input) {
        let Input { diary, batch, transport } = input;
        match work {
            Work::Log => {
                diary.log_entries(batch).unwrap();
            }
            Work::Export => {
                let report = diary.sync(&transport, &self.key, &SyncOptions::default()).unwrap();
                assert_eq!(report.published_changes as usize, ENTRIES * 7);
            }
            Work::Apply => {
                let report = diary.sync(&self.store, &self.key, &SyncOptions::default()).unwrap();
                assert_eq!(report.merged_changes as usize, ENTRIES * 7);
            }
        }
    }

    fn time(&self, work: Work, encrypted: bool) -> Duration {
        let input = self.input(work, encrypted);
        let started = Instant::now();
        self.run(work, input);
        started.elapsed()
    }
}

fn setup(encryption: bool) -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let key = SyncKey::generate().unwrap();
    let batch = entries();
    let source_path = dir.path().join("source.sqlite");
    let source = fresh(dir.path(), "source.sqlite", false);
    source.log_entries(batch.clone()).unwrap();
    assert_eq!(source.changes_since(0).unwrap().len(), ENTRIES * 7);
    drop(source);
    let encrypted_path = dir.path().join("source-encrypted.sqlite");
    if encryption {
        std::fs::copy(&source_path, &encrypted_path).unwrap();
        let encrypted = Diary::open(&encrypted_path).unwrap();
        encrypted.encrypt(&common::bench_key()).unwrap();
        assert_eq!(encrypted.changes_since(0).unwrap().len(), ENTRIES * 7);
    }
    // Published from a copy: the sources stay unpublished, for the export runs.
    let store = MemoryTransport::new();
    let published = dir.path().join("published.sqlite");
    std::fs::copy(&source_path, &published).unwrap();
    Diary::open(&published).unwrap().sync(&store, &key, &SyncOptions::default()).unwrap();
    let bytes: usize =
        store.list("devices/").unwrap().iter().map(|k| store.get(k).unwrap().unwrap().len()).sum::<usize>();
    eprintln!("changeset and progress objects: {bytes} bytes");
    Setup { dir, key, batch, sources: [source_path, encrypted_path], store }
}

fn sync_bench(c: &mut Criterion) {
    let encryption = cfg!(feature = "encryption");
    let setup = setup(encryption);
    let mut group = c.benchmark_group("100,002 field writes");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(10));
    for work in [Work::Log, Work::Export, Work::Apply] {
        for encrypted in [false, true] {
            if encrypted && !encryption {
                continue;
            }
            let name = if encrypted { format!("{}, encrypted", work.name()) } else { work.name().to_string() };
            group.bench_function(name, |b| {
                b.iter_batched(|| setup.input(work, encrypted), |input| setup.run(work, input), BatchSize::PerIteration)
            });
        }
    }
    group.finish();
    if encryption {
        same_rounds(&setup, 7);
    }
}

/// Each work's plain and encrypted medians over the same rounds ([`common::same_round_medians`]).
fn same_rounds(setup: &Setup, rounds: usize) {
    for work in [Work::Log, Work::Export, Work::Apply] {
        let (plain, encrypted) = common::same_round_medians(rounds, |is_encrypted| setup.time(work, is_encrypted));
        println!("{}, medians of the same {rounds} rounds: plain {plain:?}, encrypted {encrypted:?}", work.name());
    }
}

criterion_group!(benches, sync_bench);
criterion_main!(benches);
