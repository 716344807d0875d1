//! Convergence: several replicas with skewed and backwards-running clocks make random edits,
//! deletes, tag changes and profile changes to the same entries, and sync at random through views
//! of the store that see only some of its objects (partial delivery, reordering within a device's
//! changesets, the same changesets merged again), with random compaction. At the end, after full
//! syncs, every replica (and a device that joins last) holds the same diary, equal to a reference
//! model that keeps, per field, the write with the highest (stamp, device).

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use proptest::prelude::*;

use super::*;
use crate::model::{EntryDetails, MealItem, MealKind, NewEntry, Profile};
use crate::time::rfc3339;
use crate::{Clock, Diary};

/// A device clock: the shared true time plus this device's offset, which tests move both ways.
struct SkewedClock {
    truth: Arc<AtomicU64>,
    offset_ms: Mutex<i64>,
}

impl Clock for SkewedClock {
    fn now(&self) -> SystemTime {
        let ms = self.truth.load(Ordering::SeqCst) as i64 + *self.offset_ms.lock().unwrap();
        crate::time::from_millis(ms)
    }
}

/// A view of a shared store that lists each object only with some probability: what a
/// file-syncing service that is still catching up shows.
struct PartialView<'a> {
    inner: &'a MemoryTransport,
    seed: Mutex<u64>,
    percent: u64,
}

impl PartialView<'_> {
    fn next(&self) -> u64 {
        let mut s = self.seed.lock().unwrap();
        *s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        *s >> 33
    }
}

impl Transport for PartialView<'_> {
    fn list(&self, prefix: &str) -> crate::Result<Vec<String>> {
        Ok(self.inner.list(prefix)?.into_iter().filter(|_| self.next() % 100 < self.percent).collect())
    }
    fn get(&self, key: &str) -> crate::Result<Option<Vec<u8>>> {
        self.inner.get(key)
    }
    fn put(&self, key: &str, data: &[u8]) -> crate::Result<()> {
        self.inner.put(key, data)
    }
    fn delete(&self, key: &str) -> crate::Result<()> {
        self.inner.delete(key)
    }
}

#[derive(Debug, Clone)]
enum Op {
    Log { replica: usize, day: u8, level: u8, meal: bool },
    Edit { replica: usize, which: usize, level: u8, note: Option<u8>, shift_days: i8 },
    Tag { replica: usize, which: usize, tag: u8, present: bool },
    Delete { replica: usize, which: usize, deleted: bool },
    Profile { replica: usize, locale: u8, kcal: u16 },
    Clock { replica: usize, offset_min: i32 },
    Sync { replica: usize, percent: u8, seed: u64, compact: bool },
}

const REPLICAS: usize = 3;

fn op() -> impl Strategy<Value = Op> {
    let r = 0..REPLICAS;
    prop_oneof![
        3 => (r.clone(), 0u8..6, 0u8..=10, any::<bool>()).prop_map(|(replica, day, level, meal)| Op::Log { replica, day, level, meal }),
        4 => (r.clone(), any::<usize>(), 0u8..=10, proptest::option::of(0u8..4), -1i8..=1)
            .prop_map(|(replica, which, level, note, shift_days)| Op::Edit { replica, which, level, note, shift_days }),
        2 => (r.clone(), any::<usize>(), 0u8..3, any::<bool>()).prop_map(|(replica, which, tag, present)| Op::Tag { replica, which, tag, present }),
        2 => (r.clone(), any::<usize>(), any::<bool>()).prop_map(|(replica, which, deleted)| Op::Delete { replica, which, deleted }),
        1 => (r.clone(), 0u8..3, 800u16..3000).prop_map(|(replica, locale, kcal)| Op::Profile { replica, locale, kcal }),
        // Offsets up to two days either way; a smaller one later runs the clock backwards.
        1 => (r.clone(), -2880i32..2880).prop_map(|(replica, offset_min)| Op::Clock { replica, offset_min }),
        4 => (r, 0u8..=100, any::<u64>(), proptest::bool::weighted(0.2))
            .prop_map(|(replica, percent, seed, compact)| Op::Sync { replica, percent, seed, compact }),
    ]
}

struct Replica {
    diary: Diary,
    clock: Arc<SkewedClock>,
}

fn replica(truth: &Arc<AtomicU64>) -> Replica {
    let clock = Arc::new(SkewedClock { truth: truth.clone(), offset_ms: Mutex::new(0) });
    Replica { diary: Diary::open_with_clock(None, clock.clone()).unwrap(), clock }
}

type Model = BTreeMap<(String, String, String), (hlc::Stamp, String, serde_json::Value)>;

/// Every field of a diary with its clock: (table, row, field) -> (stamp, device, value).
fn fields_of(diary: &Diary) -> Model {
    diary
        .changes_since(0)
        .unwrap()
        .into_iter()
        .map(|c| ((c.table, c.row_id, c.field), (c.stamp, c.device_id, c.value)))
        .collect()
}

fn record(model: &mut Model, diary: &Diary, before: u64) {
    let me = diary.device_id();
    for c in diary.changes_since(before).unwrap().into_iter().filter(|c| c.device_id == me) {
        let key = (c.table, c.row_id, c.field);
        let new = (c.stamp, c.device_id, c.value);
        let newer = model.get(&key).is_none_or(|old| {
            (new.0, uuid::Uuid::parse_str(&new.1).unwrap().into_bytes())
                > (old.0, uuid::Uuid::parse_str(&old.1).unwrap().into_bytes())
        });
        if newer {
            model.insert(key, new);
        }
    }
}

fn day(n: u8) -> SystemTime {
    rfc3339::parse("2026-10-01T09:00:00Z").unwrap() + Duration::from_secs(u64::from(n) * 86_400)
}

fn apply(op: &Op, replicas: &[Replica], store: &MemoryTransport, key: &SyncKey, model: &mut Model) {
    let all = |r: &Replica| r.diary.entries_between("2026-09-01", "2026-12-31", None, true).unwrap();
    match op {
        Op::Log { replica, day: d, level, meal } => {
            let details = if *meal {
                EntryDetails::Meal {
                    meal: MealKind::Lunch,
                    items: vec![MealItem::FreeText { text: format!("soup {level}") }],
                }
            } else {
                EntryDetails::Stress { level: *level }
            };
            let entry = NewEntry {
                occurred_at: day(*d),
                time_zone: "Europe/Berlin".into(),
                utc_offset_minutes: None,
                note: None,
                tags: vec![],
                details,
            };
            let r = &replicas[*replica];
            let before = r.diary.change_position().unwrap();
            r.diary.log_entry(entry).unwrap();
            record(model, &r.diary, before);
        }
        Op::Edit { replica, which, level, note, shift_days } => {
            let r = &replicas[*replica];
            let entries = all(r);
            if entries.is_empty() {
                return;
            }
            let current = &entries[which % entries.len()];
            let mut edit = current.to_new_entry();
            edit.note = note.map(|n| format!("note {n}"));
            let shifted =
                edit.occurred_at.duration_since(day(0)).unwrap().as_secs() as i64 + i64::from(*shift_days) * 86_400;
            edit.occurred_at = day(0) + Duration::from_secs(shifted.clamp(0, 6 * 86_400) as u64);
            if let EntryDetails::Stress { level: l } = &mut edit.details {
                *l = *level;
            }
            let before = r.diary.change_position().unwrap();
            r.diary.update_entry(&current.id, edit).unwrap();
            record(model, &r.diary, before);
        }
        Op::Tag { replica, which, tag, present } => {
            let r = &replicas[*replica];
            let entries = all(r);
            if entries.is_empty() {
                return;
            }
            let current = &entries[which % entries.len()];
            let mut edit = current.to_new_entry();
            let tag = ["dairy", "gluten", "spicy"][*tag as usize].to_string();
            edit.tags.retain(|t| *t != tag);
            if *present {
                edit.tags.push(tag);
            }
            let before = r.diary.change_position().unwrap();
            r.diary.update_entry(&current.id, edit).unwrap();
            record(model, &r.diary, before);
        }
        Op::Delete { replica, which, deleted } => {
            let r = &replicas[*replica];
            let entries = all(r);
            if entries.is_empty() {
                return;
            }
            let id = &entries[which % entries.len()].id;
            let before = r.diary.change_position().unwrap();
            if *deleted { r.diary.delete_entry(id) } else { r.diary.undelete_entry(id) }.unwrap();
            record(model, &r.diary, before);
        }
        Op::Profile { replica, locale, kcal } => {
            let r = &replicas[*replica];
            let profile = Profile {
                locale: ["en", "de", "fr"][*locale as usize].into(),
                daily_energy_kcal: u32::from(*kcal),
                ..Profile::default()
            };
            let before = r.diary.change_position().unwrap();
            r.diary.set_profile(profile).unwrap();
            record(model, &r.diary, before);
        }
        Op::Clock { replica, offset_min } => {
            *replicas[*replica].clock.offset_ms.lock().unwrap() = i64::from(*offset_min) * 60_000;
        }
        Op::Sync { replica, percent, seed, compact } => {
            let view = PartialView { inner: store, seed: Mutex::new(*seed), percent: u64::from(*percent) };
            let options = SyncOptions {
                compaction: if *compact { Compaction::Now } else { Compaction::Never },
                ..SyncOptions::default()
            };
            let report = replicas[*replica].diary.sync(&view, key, &options).unwrap();
            assert!(report.problems.is_empty(), "{report:?}");
        }
    }
}

fn full_sync(diary: &Diary, store: &MemoryTransport, key: &SyncKey) {
    let report =
        diary.sync(store, key, &SyncOptions { compaction: Compaction::Never, ..SyncOptions::default() }).unwrap();
    assert!(report.problems.is_empty(), "{report:?}");
}

fn assert_same_diary(a: &Diary, b: &Diary) {
    let all = |d: &Diary| d.entries_between("2026-09-01", "2026-12-31", None, true).unwrap();
    assert_eq!(all(a), all(b));
    assert_eq!(a.profile().unwrap(), b.profile().unwrap());
    assert_eq!(
        a.day_summaries("2026-09-25", "2026-10-10").unwrap(),
        b.day_summaries("2026-09-25", "2026-10-10").unwrap()
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn replicas_converge_to_the_highest_stamp_per_field(ops in proptest::collection::vec(op(), 1..60)) {
        let truth = Arc::new(AtomicU64::new(rfc3339::parse("2026-11-25T12:00:00Z").unwrap()
            .duration_since(SystemTime::UNIX_EPOCH).unwrap().as_millis() as u64));
        let replicas: Vec<Replica> = (0..REPLICAS).map(|_| replica(&truth)).collect();
        let store = MemoryTransport::new();
        let key = SyncKey::generate().unwrap();
        let mut model = Model::new();
        for op in &ops {
            truth.fetch_add(1_000, Ordering::SeqCst);
            apply(op, &replicas, &store, &key, &mut model);
        }
        for _ in 0..2 {
            for r in &replicas {
                full_sync(&r.diary, &store, &key);
            }
        }
        // A device that joins last starts from what the store holds (snapshots if compacted).
        let late = replica(&truth);
        full_sync(&late.diary, &store, &key);
        for r in replicas.iter().chain([&late]) {
            prop_assert_eq!(&fields_of(&r.diary), &model);
            let status = r.diary.sync_status().unwrap();
            prop_assert_eq!(status.held_incomplete + status.held_newer_schema, 0);
            assert_same_diary(&r.diary, &replicas[0].diary);
            // Stored day summaries equal summaries computed afresh from the merged entries.
            let stored = r.diary.day_summaries("2026-09-25", "2026-10-10").unwrap();
            r.diary.with_store(|s| s.rebuild_summaries()).unwrap();
            prop_assert_eq!(stored, r.diary.day_summaries("2026-09-25", "2026-10-10").unwrap());
        }
    }
}

/// Seals a changeset from `device` as a newer (or any) Gutskin would.
fn changeset_from(key: &SyncKey, device: uuid::Uuid, seq: u64, payload: &format::Payload) -> Vec<u8> {
    let header = format::Header { kind: format::Kind::Changeset, device, seq };
    format::seal(&format::Keys::new(key), header, &payload.encode()).unwrap()
}

fn stress_write(field: &str, value: rusqlite::types::Value, device: uuid::Uuid) -> format::FieldWrite {
    format::FieldWrite { field: field.into(), value, stamp: hlc::Stamp::new(1_790_000_000_000, 0), device }
}

fn a_stress_entry(id: uuid::Uuid, device: uuid::Uuid, extra: Vec<format::FieldWrite>) -> format::RowChanges {
    use rusqlite::types::Value;
    let mut fields = vec![
        stress_write("kind", Value::Text("stress".into()), device),
        stress_write("occurred_at", Value::Integer(1_780_000_000_000), device),
        stress_write("utc_offset_min", Value::Integer(120), device),
        stress_write("time_zone", Value::Text("Europe/Berlin".into()), device),
        stress_write("deleted", Value::Integer(0), device),
        stress_write("stress", Value::Integer(6), device),
    ];
    fields.extend(extra);
    format::RowChanges { table: "entries".into(), row_id: id, fields }
}

#[test]
fn fields_from_a_newer_schema_are_kept_and_applied_after_the_upgrade() {
    use rusqlite::types::Value;
    let key = SyncKey::generate().unwrap();
    let store = MemoryTransport::new();
    let newer = uuid::Uuid::now_v7();
    let id = uuid::Uuid::now_v7();
    let payload = format::Payload {
        schema_version: crate::SCHEMA_VERSION + 1,
        coverage: vec![],
        rows: vec![
            a_stress_entry(id, newer, vec![stress_write("mood", Value::Text("calm".into()), newer)]),
            format::RowChanges {
                table: "moods".into(),
                row_id: uuid::Uuid::now_v7(),
                fields: vec![stress_write("level", Value::Integer(3), newer)],
            },
        ],
    };
    store.put(&format!("devices/{newer}/changes/{:020}", 1), &changeset_from(&key, newer, 1, &payload)).unwrap();
    let diary = Diary::open_in_memory().unwrap();
    let report = diary.sync(&store, &key, &SyncOptions::default()).unwrap();
    assert_eq!(report.newer_schema, Some(crate::SCHEMA_VERSION + 1));
    assert_eq!(report.held_changes, 2);
    // The known fields are there; the unknown ones wait.
    assert_eq!(diary.entry(&id.to_string()).unwrap().details, crate::EntryDetails::Stress { level: 6 });
    assert_eq!(diary.sync_status().unwrap().held_newer_schema, 2);
    // They travel in this device's snapshot, so a device that starts from it keeps them too.
    let snapshot_rows = diary.with_store(|s| s.all_changes()).unwrap();
    assert!(snapshot_rows.iter().any(|r| r.table == "moods"));

    // "The upgrade": this version learns the column; the next sync applies the held write.
    diary.with_store(|s| s.execute_for_test("ALTER TABLE entries ADD COLUMN mood TEXT"));
    let report = diary.sync(&store, &key, &SyncOptions::default()).unwrap();
    assert_eq!(report.held_changes, 1, "the unknown table still waits");
    let mood: String = diary.with_store(|s| s.query_text_for_test("SELECT mood FROM entries"));
    assert_eq!(mood, "calm");
}

/// Found by the sync_merge fuzz target: a peer's row whose values this version cannot read back
/// (a meal kind of a newer Gutskin, a damaged JSON column) was written, and then every export and
/// read of the diary failed. Such a row is held like a newer schema's fields; the rest applies.
#[test]
fn a_row_that_would_not_read_back_is_held_and_the_diary_keeps_reading() {
    use rusqlite::types::Value;
    let key = SyncKey::generate().unwrap();
    let store = MemoryTransport::new();
    let peer = uuid::Uuid::now_v7();
    let diary = Diary::open_in_memory().unwrap();
    let mine = diary.log_entry(stress_at(3, 4)).unwrap();
    let (good, brunch, damaged) = (uuid::Uuid::now_v7(), uuid::Uuid::now_v7(), uuid::Uuid::now_v7());
    let meal = |id, meal_kind: &str, items: &str| {
        let mut row = a_stress_entry(
            id,
            peer,
            vec![
                stress_write("meal_kind", Value::Text(meal_kind.into()), peer),
                stress_write("items", Value::Text(items.into()), peer),
            ],
        );
        row.fields.retain(|f| f.field != "stress");
        row.fields[0].value = Value::Text("meal".into());
        row
    };
    let payload = format::Payload {
        schema_version: crate::SCHEMA_VERSION,
        coverage: vec![],
        rows: vec![
            a_stress_entry(good, peer, vec![]),
            meal(brunch, "brunch", "[]"),
            meal(damaged, "lunch", "[{\"food\": "),
            // An edit of this device's entry to a value that does not read back: the entry keeps its level.
            format::RowChanges {
                table: "entries".into(),
                row_id: uuid::Uuid::parse_str(&mine.id).unwrap(),
                fields: vec![format::FieldWrite {
                    field: "kind".into(),
                    value: Value::Text("meal".into()),
                    stamp: hlc::Stamp::new(crate::time::to_millis(SystemTime::now()) as u64 + 60_000, 0),
                    device: peer,
                }],
            },
        ],
    };
    store.put(&format!("devices/{peer}/changes/{:020}", 1), &changeset_from(&key, peer, 1, &payload)).unwrap();

    let report = diary.sync(&store, &key, &SyncOptions::default()).unwrap();
    assert_eq!(report.applied_changesets, 1, "{report:?}");
    // Everything reads and exports; the readable row is there, the others wait, mine is unchanged.
    let mut export = Vec::new();
    diary.export_jsonl(&mut export).expect("the diary exports after the merge");
    assert_eq!(diary.entry(&good.to_string()).unwrap().details, crate::EntryDetails::Stress { level: 6 });
    assert!(matches!(diary.entry(&brunch.to_string()), Err(crate::GutskinError::NotFound { .. })));
    assert!(matches!(diary.entry(&damaged.to_string()), Err(crate::GutskinError::NotFound { .. })));
    assert_eq!(diary.entry(&mine.id).unwrap(), mine);
    let status = diary.sync_status().unwrap();
    assert_eq!(status.held_newer_schema, 7 + 7 + 1, "both meals' fields and the edit are kept aside");
    assert_eq!(diary.day_summary(&mine.local_date).unwrap().counts.stress, 1);
}

#[test]
fn an_edit_that_arrives_before_its_entry_waits_for_it() {
    use rusqlite::types::Value;
    let key = SyncKey::generate().unwrap();
    let store = MemoryTransport::new();
    let (creator, editor) = (uuid::Uuid::now_v7(), uuid::Uuid::now_v7());
    let id = uuid::Uuid::now_v7();
    let mut edit = stress_write("note", Value::Text("after the run".into()), editor);
    edit.stamp = hlc::Stamp::new(1_790_000_100_000, 0);
    let edit = format::Payload {
        schema_version: crate::SCHEMA_VERSION,
        coverage: vec![],
        rows: vec![format::RowChanges { table: "entries".into(), row_id: id, fields: vec![edit] }],
    };
    store.put(&format!("devices/{editor}/changes/{:020}", 1), &changeset_from(&key, editor, 1, &edit)).unwrap();
    let diary = Diary::open_in_memory().unwrap();
    let report = diary.sync(&store, &key, &SyncOptions::default()).unwrap();
    assert_eq!(report.held_changes, 1);
    assert!(diary.entry(&id.to_string()).is_err());
    assert_eq!(diary.day_summary("2026-05-28").unwrap().counts.stress, 0);

    let create = format::Payload {
        schema_version: crate::SCHEMA_VERSION,
        coverage: vec![],
        rows: vec![a_stress_entry(id, creator, vec![stress_write("note", Value::Text("before".into()), creator)])],
    };
    store.put(&format!("devices/{creator}/changes/{:020}", 1), &changeset_from(&key, creator, 1, &create)).unwrap();
    let report = diary.sync(&store, &key, &SyncOptions::default()).unwrap();
    assert_eq!(report.held_changes, 0);
    let entry = diary.entry(&id.to_string()).unwrap();
    assert_eq!(entry.note.as_deref(), Some("after the run"));
    // The derived day and its summary follow the merged entry.
    assert_eq!(diary.day_summary(&entry.local_date).unwrap().counts.stress, 1);
}

#[test]
fn damaged_truncated_foreign_and_newer_format_objects_apply_nothing_and_are_retried() {
    let key = SyncKey::generate().unwrap();
    let store = MemoryTransport::new();
    let a = Diary::open_in_memory().unwrap();
    a.log_entry(NewEntry {
        occurred_at: day(1),
        time_zone: "UTC".into(),
        utc_offset_minutes: None,
        note: None,
        tags: vec![],
        details: EntryDetails::Stress { level: 3 },
    })
    .unwrap();
    a.sync(&store, &key, &SyncOptions::default()).unwrap();
    let name = format!("devices/{}/changes/{:020}", a.device_id(), 1);
    let good = store.get(&name).unwrap().unwrap();
    let b = Diary::open_in_memory().unwrap();
    let mut newer = good.clone();
    newer[4] += 1;
    let mut flipped = good.clone();
    *flipped.last_mut().unwrap() ^= 0x40;
    for (bad, reason) in [
        (good[..good.len() / 2].to_vec(), SyncFailure::Damaged),
        (flipped, SyncFailure::Damaged),
        (b"<html>not ours</html>".to_vec(), SyncFailure::Damaged),
        (newer, SyncFailure::NewerFormat),
    ] {
        store.put(&name, &bad).unwrap();
        let report = b.sync(&store, &key, &SyncOptions::default()).unwrap();
        assert_eq!(report.problems.len(), 1, "{report:?}");
        assert_eq!(report.problems[0].reason, reason);
        assert_eq!(report.applied_changesets, 0);
        assert!(b.entries_between("2026-09-01", "2026-12-31", None, true).unwrap().is_empty());
    }
    // A changeset moved under another sequence number is refused too.
    store.put(&format!("devices/{}/changes/{:020}", a.device_id(), 2), &good).unwrap();
    store.put(&name, &good).unwrap();
    let report = b.sync(&store, &key, &SyncOptions::default()).unwrap();
    assert_eq!(report.applied_changesets, 1);
    assert_eq!(report.problems.len(), 1);
    assert_eq!(report.problems[0].reason, SyncFailure::Damaged);
    assert_eq!(b.entries_between("2026-09-01", "2026-12-31", None, true).unwrap().len(), 1);
    // With another key nothing at all is applied, and the error says what to do.
    let c = Diary::open_in_memory().unwrap();
    let other = SyncKey::generate().unwrap();
    match c.sync(&store, &other, &SyncOptions::default()) {
        Err(crate::GutskinError::Sync { reason: SyncFailure::WrongKey, detail }) => {
            assert!(detail.contains("recovery code"))
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(c.remote_key_state(&store, &other).unwrap(), RemoteKeyState::OtherKey);
    assert_eq!(c.remote_key_state(&store, &key).unwrap(), RemoteKeyState::Matches);
    assert_eq!(c.remote_key_state(&MemoryTransport::new(), &key).unwrap(), RemoteKeyState::Empty);
    assert!(c.entries_between("2026-09-01", "2026-12-31", None, true).unwrap().is_empty());
}

#[test]
fn a_remote_clock_far_ahead_is_accepted_and_reported() {
    let key = SyncKey::generate().unwrap();
    let store = MemoryTransport::new();
    let now = rfc3339::parse("2026-11-25T12:00:00Z").unwrap();
    let truth = Arc::new(AtomicU64::new(crate::time::to_millis(now) as u64));
    let ahead = replica(&truth);
    *ahead.clock.offset_ms.lock().unwrap() = 30 * 86_400_000;
    let entry = NewEntry {
        occurred_at: day(2),
        time_zone: "UTC".into(),
        utc_offset_minutes: None,
        note: None,
        tags: vec![],
        details: EntryDetails::Stress { level: 3 },
    };
    let logged = ahead.diary.log_entry(entry).unwrap();
    ahead.diary.sync(&store, &key, &SyncOptions::default()).unwrap();
    let here = replica(&truth);
    let report = here.diary.sync(&store, &key, &SyncOptions::default()).unwrap();
    let skew = report.clock_ahead.unwrap();
    assert_eq!(skew.device_id, ahead.diary.device_id());
    assert!(skew.ahead_ms >= 30 * 86_400_000 - 1_000);
    // Kept, and a later local edit still wins over it: the clock moved past the remote stamp.
    let mut edit = here.diary.entry(&logged.id).unwrap().to_new_entry();
    edit.note = Some("here, later".into());
    here.diary.update_entry(&logged.id, edit).unwrap();
    here.diary.sync(&store, &key, &SyncOptions::default()).unwrap();
    ahead.diary.sync(&store, &key, &SyncOptions::default()).unwrap();
    assert_eq!(ahead.diary.entry(&logged.id).unwrap().note.as_deref(), Some("here, later"));
}

#[test]
fn a_crash_inside_a_merge_leaves_nothing_half_applied() {
    let key = SyncKey::generate().unwrap();
    let store = MemoryTransport::new();
    let a = Diary::open_in_memory().unwrap();
    for level in 0..5 {
        a.log_entry(NewEntry {
            occurred_at: day(level),
            time_zone: "UTC".into(),
            utc_offset_minutes: None,
            note: None,
            tags: vec!["x".into()],
            details: EntryDetails::Stress { level },
        })
        .unwrap();
    }
    a.sync(&store, &key, &SyncOptions::default()).unwrap();
    let b = Diary::open_in_memory().unwrap();
    let abort = || panic!("the process dies here");
    let options = SyncOptions { before_commit: Some(&abort), ..SyncOptions::default() };
    let died = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| b.sync(&store, &key, &options)));
    assert!(died.is_err());
    assert!(b.entries_between("2026-09-01", "2026-12-31", None, true).unwrap().is_empty());
    assert!(b.sync_status().unwrap().peers.is_empty());
    b.sync(&store, &key, &SyncOptions::default()).unwrap();
    assert_same_diary(&a, &b);
}

/// Meal totals depend on custom foods' values: a synced edit of a custom food must refresh the
/// stored day summaries on the other device too.
#[test]
fn a_synced_custom_food_edit_refreshes_the_days_that_use_it() {
    use crate::foods::{Fermentation, FoodGroup, NewCustomFood, Nutrients};
    use crate::model::Amount;

    let truth = Arc::new(AtomicU64::new(crate::time::to_millis(day(3)) as u64));
    let (a, b) = (replica(&truth), replica(&truth));
    let store = MemoryTransport::default();
    let key = SyncKey::generate().unwrap();
    let nutrients = |fibre: f64| Nutrients {
        energy_kcal: Some(120.0),
        carbohydrate_g: None,
        sugars_g: None,
        fibre_g: Some(fibre),
        fat_g: None,
        saturated_fat_g: None,
        protein_g: None,
        epa_dha_g: None,
        ala_g: None,
        alcohol_g: None,
    };
    let porridge = |fibre: f64| NewCustomFood {
        name: "Grandma's porridge".into(),
        group: FoodGroup::Grains,
        per_100g: nutrients(fibre),
        fermented: Fermentation::None,
        probiotic: false,
        prebiotic: false,
        dairy: false,
        nova: 1,
        species: None,
        gi: None,
        portions: vec![],
    };
    let food = a.diary.add_custom_food(porridge(4.0)).unwrap();
    let meal = NewEntry {
        occurred_at: day(2),
        time_zone: "UTC".into(),
        utc_offset_minutes: None,
        note: None,
        tags: vec![],
        details: EntryDetails::Meal {
            meal: MealKind::Breakfast,
            items: vec![MealItem::Food { food_id: food.id.clone(), amount: Amount::Grams { grams: 200.0 } }],
        },
    };
    let logged = a.diary.log_entry(meal).unwrap();
    full_sync(&a.diary, &store, &key);
    full_sync(&b.diary, &store, &key);
    let fibre = |d: &Diary| d.day_summary(&logged.local_date).unwrap().intake.unwrap().fibre_g.value;
    assert_eq!(fibre(&b.diary), 8.0);

    a.diary.update_custom_food(&food.id, porridge(6.0)).unwrap();
    full_sync(&a.diary, &store, &key);
    full_sync(&b.diary, &store, &key);
    assert_eq!(fibre(&a.diary), 12.0);
    assert_eq!(fibre(&b.diary), 12.0, "the merged edit refreshed the stored summary");
}

/// Saved meals, photos and their tags are synced rows like entries.
#[test]
fn saved_meals_photos_and_photo_tags_reach_the_other_device() {
    use crate::meals::NewSavedMeal;
    use crate::photos::{NewPhoto, PhotoSubject};

    let truth = Arc::new(AtomicU64::new(crate::time::to_millis(day(3)) as u64));
    let (a, b) = (replica(&truth), replica(&truth));
    let store = MemoryTransport::default();
    let key = SyncKey::generate().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("face.png");
    // The smallest PNG header the sniffer accepts: signature and an IHDR of 1x1.
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0".to_vec();
    bytes.extend_from_slice(&[0; 16]);
    std::fs::write(&png, &bytes).unwrap();

    let saved = a
        .diary
        .save_meal(NewSavedMeal {
            name: "My usual breakfast".into(),
            meal: MealKind::Breakfast,
            items: vec![MealItem::FreeText { text: "porridge".into() }],
            tags: vec!["home".into()],
        })
        .unwrap();
    let photo = a
        .diary
        .attach_photo(NewPhoto {
            path: png.to_string_lossy().into_owned(),
            local_ref: None,
            taken_at: Some(day(2)),
            subject: PhotoSubject::Skin { area: crate::BodyArea::Face, check_in_id: None },
            tags: vec!["morning".into()],
        })
        .unwrap();
    full_sync(&a.diary, &store, &key);
    full_sync(&b.diary, &store, &key);
    assert_eq!(b.diary.saved_meals().unwrap(), vec![saved]);
    assert_eq!(b.diary.photo(&photo.id).unwrap(), photo);

    b.diary.untag_photo(&photo.id, vec!["morning".into()]).unwrap();
    b.diary.tag_photo(&photo.id, vec!["after-treatment".into()]).unwrap();
    full_sync(&b.diary, &store, &key);
    full_sync(&a.diary, &store, &key);
    assert_eq!(a.diary.photo(&photo.id).unwrap().tags, ["after-treatment"]);
    assert_eq!(a.diary.photo(&photo.id).unwrap(), b.diary.photo(&photo.id).unwrap());
}

/// A photo's file goes up with the sync that publishes its row, read from where it was attached
/// and checked against its hash; the other device can then fetch it.
#[test]
fn photo_files_travel_from_where_they_were_attached() {
    use crate::photos::{NewPhoto, PhotoSubject};

    let truth = Arc::new(AtomicU64::new(crate::time::to_millis(day(3)) as u64));
    let (a, b) = (replica(&truth), replica(&truth));
    let store = MemoryTransport::default();
    let key = SyncKey::generate().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("face.png");
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0".to_vec();
    bytes.extend_from_slice(&[7; 16]);
    std::fs::write(&png, &bytes).unwrap();
    let photo = a
        .diary
        .attach_photo(NewPhoto {
            path: png.to_string_lossy().into_owned(),
            local_ref: None,
            taken_at: Some(day(2)),
            subject: PhotoSubject::Skin { area: crate::BodyArea::Face, check_in_id: None },
            tags: vec![],
        })
        .unwrap();
    let files = crate::LocalPhotoFiles::new(&a.diary);
    let options = SyncOptions { compaction: Compaction::Never, blobs: Some(&files), ..SyncOptions::default() };
    assert_eq!(a.diary.sync(&store, &key, &options).unwrap().uploaded_blobs, 1);
    full_sync(&b.diary, &store, &key);
    assert_eq!(b.diary.missing_blobs(&|_| false).unwrap(), vec![photo.sha256.clone()]);
    assert_eq!(b.diary.fetch_blob(&store, &key, &photo.sha256).unwrap(), bytes);

    // A file changed since it was attached is not that photo any more: nothing is read for it.
    std::fs::write(&png, b"\x89PNG\r\n\x1a\nsomething else").unwrap();
    assert_eq!(crate::sync::BlobSource::read(&files, &photo.sha256).unwrap(), None);
}

/// A PNG the sniffer accepts, made distinct by `fill`.
fn png_bytes(fill: u8) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01\x08\x06\0\0\0".to_vec();
    bytes.extend_from_slice(&[fill; 16]);
    bytes
}

fn attach_png(diary: &Diary, path: &std::path::Path, local_ref: Option<&str>) -> crate::photos::Photo {
    use crate::photos::{NewPhoto, PhotoSubject};
    diary
        .attach_photo(NewPhoto {
            path: path.to_string_lossy().into_owned(),
            local_ref: local_ref.map(str::to_string),
            taken_at: Some(day(2)),
            subject: PhotoSubject::Skin { area: crate::BodyArea::Face, check_in_id: None },
            tags: vec![],
        })
        .unwrap()
}

/// Nothing the user logged is lost: a photo whose file cannot be read when its row is published
/// does not hold up the changeset, is counted as pending, and its file goes up with the first
/// later sync that can read it (also one with nothing else to publish); then the other device can
/// fetch it. Deleting the photo stops the wait.
#[test]
fn a_photo_file_that_could_not_be_read_goes_up_with_a_later_sync() {
    let truth = Arc::new(AtomicU64::new(crate::time::to_millis(day(3)) as u64));
    let (a, b) = (replica(&truth), replica(&truth));
    let store = MemoryTransport::default();
    let key = SyncKey::generate().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let (png, away) = (dir.path().join("face.png"), dir.path().join("moved.png"));
    std::fs::write(&png, png_bytes(3)).unwrap();
    let photo = attach_png(&a.diary, &png, None);
    a.diary.log_entry(stress_at(2, 4)).unwrap();
    // The file is gone (moved, or on a card that is not mounted) when the sync runs.
    std::fs::rename(&png, &away).unwrap();
    let files = crate::LocalPhotoFiles::new(&a.diary);
    let options = SyncOptions { compaction: Compaction::Never, blobs: Some(&files), ..SyncOptions::default() };
    let report = a.diary.sync(&store, &key, &options).unwrap();
    assert_eq!(report.published, Some(1), "the entries are not held up: {report:?}");
    assert_eq!((report.uploaded_blobs, report.photo_files_pending), (0, 1));

    // The other device has the rows, but not the file yet; it has nothing of its own to upload.
    let report = b.diary.sync(&store, &key, &SyncOptions::default()).unwrap();
    assert_eq!(report.photo_files_pending, 0);
    assert_eq!(b.diary.photo(&photo.id).unwrap(), photo);
    assert_eq!(b.diary.entries_between("2026-09-01", "2026-12-31", None, false).unwrap().len(), 1);
    let err = b.diary.fetch_blob(&store, &key, &photo.sha256).unwrap_err();
    assert!(matches!(err, crate::GutskinError::NotFound { .. }), "{err:?}");

    // Still unreadable: still pending, nothing published.
    let report = a.diary.sync(&store, &key, &options).unwrap();
    assert_eq!((report.published, report.uploaded_blobs, report.photo_files_pending), (None, 0, 1));

    // The file is back: the next sync uploads it, though it has no changeset to publish.
    std::fs::rename(&away, &png).unwrap();
    let report = a.diary.sync(&store, &key, &options).unwrap();
    assert_eq!((report.published, report.uploaded_blobs, report.photo_files_pending), (None, 1, 0));
    assert_eq!(b.diary.fetch_blob(&store, &key, &photo.sha256).unwrap(), png_bytes(3));
    // Once up, it is not sent again.
    let report = a.diary.sync(&store, &key, &options).unwrap();
    assert_eq!((report.uploaded_blobs, report.photo_files_pending), (0, 0));

    // A second photo whose file went missing waits until the photo is deleted.
    let second = dir.path().join("arm.png");
    std::fs::write(&second, png_bytes(4)).unwrap();
    let gone = attach_png(&a.diary, &second, None);
    std::fs::remove_file(&second).unwrap();
    let report = a.diary.sync(&store, &key, &options).unwrap();
    assert_eq!((report.published, report.uploaded_blobs, report.photo_files_pending), (Some(2), 0, 1));
    a.diary.delete_photo(&gone.id).unwrap();
    let report = a.diary.sync(&store, &key, &options).unwrap();
    assert_eq!((report.published, report.uploaded_blobs, report.photo_files_pending), (Some(3), 0, 0));
}

/// An app's own reader (content URIs, a moved app container) is asked for the photo's local_ref;
/// bytes that are not the photo's file are never uploaded as it, and a reader that fails leaves
/// the file pending without failing the sync.
#[test]
fn an_apps_own_photo_reader_is_asked_by_local_ref_and_checked_against_the_hash() {
    use std::collections::HashMap;

    let truth = Arc::new(AtomicU64::new(crate::time::to_millis(day(3)) as u64));
    let (a, b) = (replica(&truth), replica(&truth));
    let store = MemoryTransport::default();
    let key = SyncKey::generate().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("import.png");
    std::fs::write(&png, png_bytes(5)).unwrap();
    let photo = attach_png(&a.diary, &png, Some("content://media/external/images/42"));
    std::fs::remove_file(&png).unwrap();

    let files: Mutex<HashMap<String, crate::Result<Option<Vec<u8>>>>> = Mutex::new(HashMap::new());
    let asked = Mutex::new(Vec::new());
    let reader = |local_ref: &str| {
        asked.lock().unwrap().push(local_ref.to_string());
        files.lock().unwrap().get(local_ref).cloned().unwrap_or(Ok(None))
    };
    let source = crate::LocalPhotoFiles::with_reader(&a.diary, &reader);
    let options = SyncOptions { compaction: Compaction::Never, blobs: Some(&source), ..SyncOptions::default() };
    let set = |answer: crate::Result<Option<Vec<u8>>>| {
        files.lock().unwrap().insert("content://media/external/images/42".into(), answer);
    };

    // The app has no such file: pending, the row published.
    let report = a.diary.sync(&store, &key, &options).unwrap();
    assert_eq!((report.published, report.uploaded_blobs, report.photo_files_pending), (Some(1), 0, 1));
    assert_eq!(asked.lock().unwrap().as_slice(), ["content://media/external/images/42"]);
    // The reader fails: still pending, and the sync goes on.
    set(Err(crate::GutskinError::invalid("local_ref", "permission revoked")));
    let report = a.diary.sync(&store, &key, &options).unwrap();
    assert_eq!((report.uploaded_blobs, report.photo_files_pending), (0, 1));
    // Another picture's bytes under that reference: not uploaded as this photo.
    set(Ok(Some(png_bytes(6))));
    let report = a.diary.sync(&store, &key, &options).unwrap();
    assert_eq!((report.uploaded_blobs, report.photo_files_pending), (0, 1));
    // The right bytes: uploaded, and the other device fetches them.
    set(Ok(Some(png_bytes(5))));
    let report = a.diary.sync(&store, &key, &options).unwrap();
    assert_eq!((report.uploaded_blobs, report.photo_files_pending), (1, 0));
    full_sync(&b.diary, &store, &key);
    assert_eq!(b.diary.fetch_blob(&store, &key, &photo.sha256).unwrap(), png_bytes(5));
}

/// Reminders are synced rows like entries: one made on a phone reaches the tablet, edits of
/// different fields on both devices both survive, an edit of the same field converges on the later
/// one, and a delete travels. Snoozes and the pause stay on the device that made them.
#[test]
fn reminders_reach_the_other_device_and_edits_converge() {
    use crate::reminders::{NewReminder, QuietHours, ReminderKind, Schedule};

    let truth = Arc::new(AtomicU64::new(crate::time::to_millis(day(3)) as u64));
    let (a, b) = (replica(&truth), replica(&truth));
    let store = MemoryTransport::default();
    let key = SyncKey::generate().unwrap();
    let tick = |ms: u64| truth.fetch_add(ms, Ordering::SeqCst);

    let lunch =
        NewReminder::new(ReminderKind::Meal { meal: MealKind::Lunch }, Schedule::Daily { times: vec!["12:30".into()] });
    let made = a.diary.add_reminder(lunch.clone()).unwrap();
    let plan = |d: &Diary| d.plan_reminders(day(3), Duration::from_secs(86_400), 64, "Europe/Berlin").unwrap();
    let unsnoozed = plan(&a.diary).notifications[0].clone();
    a.diary.snooze_notification(&unsnoozed.id, 10).unwrap();
    a.diary.pause_reminders(day(5)).unwrap();
    full_sync(&a.diary, &store, &key);
    full_sync(&b.diary, &store, &key);
    assert_eq!(b.diary.reminders(true).unwrap(), vec![made.clone()]);
    // The snooze and the pause are the phone's own: the tablet plans the occurrence as it was.
    assert_eq!(b.diary.reminders_paused_until().unwrap(), None);
    assert_eq!(plan(&b.diary).notifications, vec![unsnoozed]);
    assert!(plan(&a.diary).notifications.is_empty(), "paused on the phone");

    // Different fields on each device: both survive. The same field on both: the later write wins.
    tick(1_000);
    let quiet = Some(QuietHours { start: "22:00".into(), end: "07:00".into() });
    a.diary
        .update_reminder(
            &made.id,
            NewReminder { quiet_hours: quiet.clone(), title: Some("Lunch?".into()), ..lunch.clone() },
        )
        .unwrap();
    tick(1_000);
    b.diary
        .update_reminder(
            &made.id,
            NewReminder {
                schedule: Schedule::Daily { times: vec!["13:00".into()] },
                title: Some("Lunch time".into()),
                ..lunch.clone()
            },
        )
        .unwrap();
    full_sync(&a.diary, &store, &key);
    full_sync(&b.diary, &store, &key);
    full_sync(&a.diary, &store, &key);
    let merged = a.diary.reminder(&made.id).unwrap();
    assert_eq!(merged, b.diary.reminder(&made.id).unwrap());
    assert_eq!(merged.quiet_hours, quiet);
    assert_eq!(merged.schedule, Schedule::Daily { times: vec!["13:00".into()] });
    assert_eq!(merged.title.as_deref(), Some("Lunch time"));

    tick(1_000);
    b.diary.delete_reminder(&made.id).unwrap();
    full_sync(&b.diary, &store, &key);
    full_sync(&a.diary, &store, &key);
    assert!(a.diary.reminders(false).unwrap().is_empty());
    assert!(a.diary.reminder(&made.id).unwrap().deleted);
}

fn stress_at(d: u8, level: u8) -> NewEntry {
    NewEntry {
        occurred_at: day(d),
        time_zone: "UTC".into(),
        utc_offset_minutes: None,
        note: None,
        tags: vec![],
        details: EntryDetails::Stress { level },
    }
}

/// Every object in a store with its bytes.
fn contents(store: &MemoryTransport) -> BTreeMap<String, Vec<u8>> {
    store.list("").unwrap().into_iter().map(|k| (k.clone(), store.get(&k).unwrap().unwrap())).collect()
}

fn changesets_of(store: &MemoryTransport, diary: &Diary) -> Vec<String> {
    store.list(&format!("devices/{}/changes/", diary.device_id())).unwrap()
}

/// A phone that stops syncing blocks compaction of the others' changesets until it is retired;
/// then they are compacted, a new device still converges, and the phone, coming back with writes
/// it made offline, is told it was retired and converges without losing them.
#[test]
fn a_retired_device_blocks_no_compaction_and_loses_nothing_when_it_returns() {
    let truth = Arc::new(AtomicU64::new(crate::time::to_millis(day(6)) as u64));
    let (a, b, phone) = (replica(&truth), replica(&truth), replica(&truth));
    let store = MemoryTransport::new();
    let key = SyncKey::generate().unwrap();
    let tick = || truth.fetch_add(60_000, Ordering::SeqCst);
    let now = SyncOptions { compaction: Compaction::Now, ..SyncOptions::default() };
    for (i, r) in [&a, &b, &phone].into_iter().enumerate() {
        r.diary.log_entry(stress_at(i as u8, 1)).unwrap();
        full_sync(&r.diary, &store, &key);
    }
    for r in [&a, &b, &phone] {
        full_sync(&r.diary, &store, &key);
    }
    // The phone is lost (with one write it never synced); the others go on.
    phone.diary.log_entry(stress_at(5, 9)).unwrap();
    for level in 2..4 {
        tick();
        a.diary.log_entry(stress_at(1, level)).unwrap();
        full_sync(&a.diary, &store, &key);
        b.diary.log_entry(stress_at(2, level)).unwrap();
        full_sync(&b.diary, &store, &key);
    }
    full_sync(&a.diary, &store, &key);
    let report = a.diary.sync(&store, &key, &now).unwrap();
    assert!(report.snapshot_written);
    // The phone merged only a's changeset 1: 2 and 3 wait for it.
    assert_eq!(report.compacted, 1);
    assert_eq!(changesets_of(&store, &a.diary).len(), 2);
    assert_eq!(b.diary.sync(&store, &key, &now).unwrap().compacted, 1);

    // Retire it from a.
    tick();
    let retired = a.diary.retire_sync_device(&store, &key, &phone.diary.device_id()).unwrap();
    assert_eq!(retired.device_id, phone.diary.device_id());
    assert_eq!(retired.retired_by, a.diary.device_id());
    assert_eq!(retired.retired_at_ms, truth.load(Ordering::SeqCst) as i64);
    assert!(store.get(&format!("devices/{}/retired", a.diary.device_id())).unwrap().is_some());
    let shown = |d: &Diary| {
        let status = d.sync_status().unwrap();
        status.peers.into_iter().find(|p| p.device_id == phone.diary.device_id()).unwrap()
    };
    assert_eq!(shown(&a.diary).retired.as_ref(), Some(&retired));
    // Retiring again changes nothing.
    let before = contents(&store);
    assert_eq!(a.diary.retire_sync_device(&store, &key, &phone.diary.device_id()).unwrap(), retired);
    assert_eq!(contents(&store), before);

    // Now every sync (b's too: it reads a's list) leaves the phone out of compaction.
    let report = b.diary.sync(&store, &key, &now).unwrap();
    assert_eq!(report.compacted, 2);
    assert!(changesets_of(&store, &b.diary).is_empty());
    assert_eq!(shown(&b.diary).retired.as_ref(), Some(&retired));
    let report = a.diary.sync(&store, &key, &now).unwrap();
    assert_eq!(report.compacted, 2);
    assert!(changesets_of(&store, &a.diary).is_empty());
    assert_eq!(report.retired, None);
    // Its own objects stay.
    assert_eq!(changesets_of(&store, &phone.diary).len(), 1);

    // A new device starts from the snapshots and the phone's changeset: the same diary.
    let fourth = replica(&truth);
    let report = fourth.diary.sync(&store, &key, &SyncOptions::default()).unwrap();
    assert!(report.applied_snapshots >= 2, "{report:?}");
    assert_same_diary(&fourth.diary, &a.diary);
    assert_eq!(fields_of(&fourth.diary), fields_of(&a.diary));
    assert_eq!(fourth.diary.entries_between("2026-09-01", "2026-12-31", None, true).unwrap().len(), 7);

    // The phone comes back: told it was retired, it merges the snapshots (a's and b's changesets
    // it lacks are gone) and publishes its offline write.
    tick();
    let report = phone.diary.sync(&store, &key, &SyncOptions::default()).unwrap();
    assert_eq!(report.retired.as_ref(), Some(&retired));
    assert!(report.applied_snapshots >= 2, "{report:?}");
    assert_eq!(report.published, Some(2));
    assert!(report.problems.is_empty());
    // Its progress changed: it counts again, and says so no more.
    tick();
    let report = phone.diary.sync(&store, &key, &SyncOptions::default()).unwrap();
    assert_eq!(report.retired, None);
    tick();
    full_sync(&a.diary, &store, &key);
    let seen = shown(&a.diary);
    assert_eq!(seen.retired, None);
    assert_eq!(seen.last_synced_ms, Some(truth.load(Ordering::SeqCst) as i64));
    // a's compaction now waits for the phone again.
    a.diary.log_entry(stress_at(4, 4)).unwrap();
    assert_eq!(a.diary.sync(&store, &key, &now).unwrap().compacted, 0);
    for r in [&b, &fourth, &phone, &a, &b, &fourth, &phone] {
        full_sync(&r.diary, &store, &key);
    }
    for r in [&b, &fourth, &phone] {
        assert_same_diary(&r.diary, &a.diary);
        assert_eq!(fields_of(&r.diary), fields_of(&a.diary));
    }
    let all = a.diary.entries_between("2026-09-01", "2026-12-31", None, true).unwrap();
    assert_eq!(all.len(), 9);
    assert!(all.iter().any(|e| e.details == EntryDetails::Stress { level: 9 }), "the offline write arrived");
}

#[test]
fn retiring_this_device_an_unknown_or_a_malformed_id_is_refused_and_writes_nothing() {
    let store = MemoryTransport::new();
    let key = SyncKey::generate().unwrap();
    let (a, b) = (Diary::open_in_memory().unwrap(), Diary::open_in_memory().unwrap());
    a.log_entry(stress_at(1, 3)).unwrap();
    full_sync(&a, &store, &key);
    full_sync(&b, &store, &key);
    let before = contents(&store);
    let unknown = uuid::Uuid::now_v7().to_string();
    for (id, says) in [
        (a.device_id(), "this device"),
        (unknown, "no device"),
        ("not-a-device".to_string(), "UUID"),
        (String::new(), "UUID"),
        (format!("{}/../x", b.device_id()), "UUID"),
    ] {
        match a.retire_sync_device(&store, &key, &id) {
            Err(crate::GutskinError::InvalidInput { field, reason }) => {
                assert_eq!(field, "device_id");
                assert!(reason.contains(says), "{id}: {reason}");
            }
            other => panic!("{id}: {other:?}"),
        }
    }
    // With another key it is refused too: a list nobody could read would retire nobody.
    match a.retire_sync_device(&store, &key_other(), &b.device_id()) {
        Err(crate::GutskinError::Sync { reason: SyncFailure::WrongKey, .. }) => {}
        other => panic!("{other:?}"),
    }
    assert_eq!(contents(&store), before);
    assert!(a.sync_status().unwrap().peers.iter().all(|p| p.retired.is_none()));
}

fn key_other() -> SyncKey {
    SyncKey::generate().unwrap()
}
