//! Regressions for malformed and extreme inputs that once panicked, were slow, echoed megabytes
//! back, or were taken as valid. bindings/tests/malformed_inputs.rs sends such values to every
//! exported call; these pin down each fix in the core, closest to where it lives. Crashes the
//! fuzz targets (fuzz/) found are pinned here too.

mod common;

use std::time::{Duration, UNIX_EPOCH};

use common::*;
use gutskin_core::reminders::{NewReminder, ReminderKind, Schedule};
use gutskin_core::sync::{MemoryTransport, SyncKey};
use gutskin_core::*;

fn invalid_field<T: std::fmt::Debug>(result: Result<T>) -> String {
    match result {
        Err(GutskinError::InvalidInput { field, .. }) => field,
        other => panic!("expected InvalidInput, got {other:?}"),
    }
}

fn export(diary: &Diary) -> String {
    let mut out = Vec::new();
    diary.export_jsonl(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

#[test]
fn a_utc_offset_of_i32_min_is_invalid_not_a_panic() {
    // `i32::MIN.abs()` overflows: it panicked in debug builds and passed the check in release ones.
    let d = diary();
    for offset in [i32::MIN, i32::MAX, -1081, 1081] {
        let entry = NewEntry { utc_offset_minutes: Some(offset), ..stress("2026-11-25T09:00:00Z", 3) };
        assert_eq!(invalid_field(d.log_entry(entry)), "utc_offset_minutes");
    }
}

#[test]
fn a_hundred_thousand_tags_are_refused_at_once() {
    // De-duplicating with `Vec::contains` was quadratic: a minute for 100,000 tags (this test
    // would hang; its speed is not asserted here, benches measure speed).
    let d = diary();
    let tags: Vec<String> = (0..100_000).map(|i| format!("tag{i}")).collect();
    let entry = NewEntry { tags: tags.clone(), ..stress("2026-11-25T09:00:00Z", 3) };
    assert_eq!(invalid_field(d.log_entry(entry)), "tags");
    // Repeats of one tag are one tag.
    let entry = NewEntry { tags: vec!["Dairy".into(); 100_000], ..stress("2026-11-25T09:00:00Z", 3) };
    assert_eq!(d.log_entry(entry).unwrap().tags, ["dairy"]);
}

#[test]
fn errors_echo_at_most_a_little_of_a_huge_input() {
    let d = diary();
    let huge = "x".repeat(10 << 20);
    for err in [
        d.entry(&huge).unwrap_err(),
        d.entries_on(&huge).unwrap_err(),
        d.log_entry(NewEntry { time_zone: huge.clone(), ..stress("2026-11-25T09:00:00Z", 3) }).unwrap_err(),
        d.update_entry("0190a3c4-0000-7000-8000-000000000000", stress("2026-11-25T09:00:00Z", 3)).unwrap_err(),
    ] {
        assert!(err.to_string().chars().count() < 700, "{} characters", err.to_string().len());
    }
}

#[test]
fn logging_no_entries_writes_nothing() {
    let d = diary();
    d.log_entry(stress("2026-11-25T09:00:00Z", 3)).unwrap();
    let (before, position) = (export(&d), d.change_position().unwrap());
    assert!(d.log_entries(vec![]).unwrap().is_empty());
    assert_eq!((export(&d), d.change_position().unwrap()), (before, position));
}

#[test]
fn meal_intake_checks_its_items_as_a_meal_does() {
    let d = diary();
    for grams in [f64::NAN, f64::INFINITY, -1.0, 0.0] {
        let item = MealItem::Food { food_id: "bread-egg-challah".into(), amount: Amount::Grams { grams } };
        assert_eq!(invalid_field(d.meal_intake(&[item])), "items[0].amount.grams", "{grams}");
    }
    let many = vec![MealItem::FreeText { text: "x".into() }; 41];
    assert_eq!(invalid_field(d.meal_intake(&many)), "items");
    assert_eq!(d.meal_intake(&[]).unwrap().items, 0);
}

#[test]
fn the_photos_of_an_entry_that_does_not_exist_are_not_found() {
    let d = diary();
    let err = d.photos_of_entry("0190a3c4-0000-7000-8000-000000000000").unwrap_err();
    assert!(matches!(err, GutskinError::NotFound { .. }), "{err:?}");
    let entry = d.log_entry(stress("2026-11-25T09:00:00Z", 3)).unwrap();
    assert!(d.photos_of_entry(&entry.id).unwrap().is_empty());
}

#[test]
fn notification_events_at_absurd_instants_are_refused() {
    let d = diary();
    let r = d
        .add_reminder(NewReminder::new(ReminderKind::SkinCheckIn, Schedule::Daily { times: vec!["08:00".into()] }))
        .unwrap();
    let id = format!("{}/2026-11-25/08:00", r.id);
    for at in
        [UNIX_EPOCH, instant("1999-12-31T23:59:59Z"), instant("2026-11-27T20:00:01Z"), instant("9999-12-31T00:00:00Z")]
    {
        assert_eq!(invalid_field(d.notification_delivered(&id, at)), "at");
        assert_eq!(invalid_field(d.notification_acted_on(&id, at)), "at");
    }
    d.notification_delivered(&id, instant("2026-11-25T08:00:00Z")).unwrap();
}

#[test]
fn plans_must_end_within_year_9999() {
    let d = diary();
    d.add_reminder(NewReminder::new(ReminderKind::SkinCheckIn, Schedule::Daily { times: vec!["08:00".into()] }))
        .unwrap();
    // A slot on 10000-01-01 would get a notification id no call can read back.
    let late = instant("9999-12-31T12:00:00Z");
    assert_eq!(invalid_field(d.plan_reminders(late, Duration::from_secs(2 * 86_400), 64, "UTC")), "from");
}

#[test]
fn local_dates_outside_the_years_0_to_9999_are_refused() {
    let zone = time::parse_zone("zone", "Europe/Berlin").unwrap();
    let far = UNIX_EPOCH + Duration::from_secs(i64::MAX as u64);
    let long_ago = UNIX_EPOCH - Duration::from_secs(i64::MAX as u64);
    let year_10000 = instant("9999-12-31T23:00:00Z") + Duration::from_secs(86_400);
    for t in [far, long_ago, year_10000] {
        assert!(time::checked_local_date_in_zone("instant", t, zone).is_err());
    }
    let ok = time::checked_local_date_in_zone("instant", instant("9999-12-31T12:00:00Z"), zone).unwrap();
    assert_eq!(time::format_date(ok), "9999-12-31");
}

#[test]
fn a_photo_file_is_fetched_by_a_sha256_only() {
    let d = diary();
    let key = SyncKey::generate().unwrap();
    for hash in ["", "../../etc/passwd", &"g".repeat(64), &"a".repeat(63)] {
        assert_eq!(invalid_field(d.fetch_blob(&MemoryTransport::new(), &key, hash)), "hash", "{hash:?}");
    }
    let missing = d.fetch_blob(&MemoryTransport::new(), &key, &"a".repeat(64)).unwrap_err();
    assert!(matches!(missing, GutskinError::NotFound { .. }), "{missing:?}");
}

#[test]
fn a_recovery_code_of_10_mb_is_refused_without_reading_it_all() {
    // "got more than": the reading stopped at the limit instead of counting every character.
    let err = SyncKey::from_recovery_code(&"a".repeat(10 << 20)).unwrap_err();
    assert!(err.to_string().contains("got more"), "{err}");
}

#[test]
fn paths_that_name_no_file_are_invalid_input() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().to_str().unwrap().to_string();
    for path in ["", ":memory:", "dia\0ry.sqlite", folder.as_str()] {
        assert_eq!(invalid_field(Diary::open(path)), "path", "{path:?}");
        assert_eq!(invalid_field(diary_file(path)), "path", "{path:?}");
        assert_eq!(invalid_field(wipe_files(path)), "path", "{path:?}");
    }
    assert_eq!(invalid_field(Diary::open("x".repeat(5000))), "path");
    assert!(dir.path().exists(), "a folder handed to wipe_files is left alone");
    // A missing folder is the storage's problem, said plainly.
    match Diary::open(dir.path().join("gone/diary.sqlite")) {
        Err(GutskinError::Storage { detail }) => assert!(detail.contains("folder is missing"), "{detail}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn backup_passphrases_are_what_a_person_types() {
    let dir = tempfile::tempdir().unwrap();
    let d = diary();
    for passphrase in ["x".repeat(1025), "correct\0horse".into(), "correct\u{1b}horse".into()] {
        let secret = BackupSecret::Passphrase { passphrase };
        assert_eq!(invalid_field(d.backup_to_file(dir.path().join("b"), &secret)), "passphrase");
    }
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none(), "nothing was written");
}

#[test]
fn reminder_texts_refuse_control_characters() {
    let base = NewReminder::new(ReminderKind::SkinCheckIn, Schedule::Daily { times: vec!["08:00".into()] });
    for (field, reminder) in [
        ("title", NewReminder { title: Some("a\0b".into()), ..base.clone() }),
        ("body", NewReminder { body: Some("\u{1b}[2J".into()), ..base.clone() }),
        ("kind.text", NewReminder { kind: ReminderKind::Custom { text: "x\u{7}".into() }, ..base.clone() }),
    ] {
        assert_eq!(invalid_field(reminder.validate()), field);
    }
    // Line breaks in a body are text.
    NewReminder { body: Some("line one\nline two".into()), ..base }.validate().unwrap();
}
