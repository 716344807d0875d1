//! Sync speed (docs/benchmarks.md), on 100,002 field writes (14,286 stress entries of 7 fields
//! each), beside the store logging the same entries in the same run:
//! - the store: `Diary::log_entries` of the entries (one transaction);
//! - export: building, compressing, sealing and storing the changeset of those writes;
//! - apply: a fresh diary merging that changeset (one transaction, summaries included).

use std::path::Path;
use std::time::Duration;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use gutskin_core::sync::{MemoryTransport, SyncKey, SyncOptions, Transport};
use gutskin_core::time::rfc3339;
use gutskin_core::*;

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

fn fresh(dir: &Path, name: &str) -> Diary {
    let path = dir.join(name);
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", path.display()));
    }
    Diary::open(&path).unwrap()
}

fn sync_bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let key = SyncKey::generate().unwrap();
    let batch = entries();
    let mut group = c.benchmark_group("100,002 field writes");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(20));

    group.bench_function("store: Diary::log_entries (14,286 entries)", |b| {
        b.iter_batched(
            || (fresh(dir.path(), "log.sqlite"), batch.clone()),
            |(diary, batch)| diary.log_entries(batch).unwrap(),
            BatchSize::PerIteration,
        )
    });

    let source = fresh(dir.path(), "source.sqlite");
    source.log_entries(batch.clone()).unwrap();
    assert_eq!(source.changes_since(0).unwrap().len(), ENTRIES * 7);
    drop(source);
    let source_path = dir.path().join("source.sqlite");
    group.bench_function("export: build, compress, seal and store the changeset", |b| {
        b.iter_batched(
            || {
                let copy = dir.path().join("export.sqlite");
                std::fs::copy(&source_path, &copy).unwrap();
                (Diary::open(&copy).unwrap(), MemoryTransport::new())
            },
            |(diary, store)| {
                let report = diary.sync(&store, &key, &SyncOptions::default()).unwrap();
                assert_eq!(report.published_changes as usize, ENTRIES * 7);
            },
            BatchSize::PerIteration,
        )
    });

    let store = MemoryTransport::new();
    let source = Diary::open(&source_path).unwrap();
    source.sync(&store, &key, &SyncOptions::default()).unwrap();
    let bytes: usize =
        store.list("devices/").unwrap().iter().map(|k| store.get(k).unwrap().unwrap().len()).sum::<usize>();
    eprintln!("changeset and progress objects: {bytes} bytes");
    group.bench_function("apply: merge the changeset into a fresh diary", |b| {
        b.iter_batched(
            || fresh(dir.path(), "apply.sqlite"),
            |diary| {
                let report = diary.sync(&store, &key, &SyncOptions::default()).unwrap();
                assert_eq!(report.merged_changes as usize, ENTRIES * 7);
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(benches, sync_bench);
criterion_main!(benches);
