//! Writes seed inputs for the fuzz targets into `<dir>/<target>/` (default `corpus`): a real
//! export, real sealed sync objects and their payloads, real backups and a diary image, image
//! headers, recovery codes. The fuzzer starts from these instead of from nothing; `cargo fuzz
//! cmin` keeps those that still add coverage. Run by tests/fuzz/run.sh when a corpus is missing.

use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use gutskin_core::fuzzing::{KEY, open_backup, sync_object_plaintext};
use gutskin_core::reminders::{NewReminder, QuietHours, ReminderKind, Schedule};
use gutskin_core::sync::{Compaction, MemoryTransport, SyncKey, SyncOptions, Transport};
use gutskin_core::*;

const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x04\0\0\0\x03\x08\x02\0\0\0\0\0\0\0";

fn write(dir: &Path, target: &str, name: &str, bytes: &[u8]) {
    let dir = dir.join(target);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join(name), bytes).unwrap();
}

fn at(days_ago: u64, hour: u64) -> SystemTime {
    SystemTime::now() - Duration::from_secs(days_ago * 86_400) + Duration::from_secs(hour * 3600)
        - Duration::from_secs(86_400)
}

fn entry(days_ago: u64, hour: u64, details: EntryDetails) -> NewEntry {
    NewEntry {
        occurred_at: at(days_ago, hour),
        time_zone: "Europe/Berlin".into(),
        utc_offset_minutes: None,
        note: Some("seed".into()),
        tags: vec!["seed".into()],
        details,
    }
}

/// A diary with one of every kind of record.
fn full_diary(photo_dir: &Path) -> Diary {
    let d = Diary::open_in_memory().unwrap();
    d.set_profile(Profile { conditions: vec![Condition::Acne], birth_year: Some(1990), ..Profile::default() }).unwrap();
    let food = d
        .add_custom_food(NewCustomFood {
            name: "Soup".into(),
            group: foods::FoodGroup::MixedDishes,
            per_100g: foods::Nutrients {
                energy_kcal: Some(50.0),
                carbohydrate_g: Some(5.0),
                sugars_g: None,
                fibre_g: Some(2.0),
                fat_g: None,
                saturated_fat_g: None,
                protein_g: Some(3.0),
                epa_dha_g: None,
                ala_g: None,
                alcohol_g: None,
            },
            fermented: foods::Fermentation::None,
            probiotic: false,
            prebiotic: true,
            dairy: false,
            nova: 1,
            species: None,
            gi: None,
            portions: vec![foods::Portion { name: "1 bowl".into(), grams: 350.0 }],
        })
        .unwrap();
    let items = vec![
        MealItem::Food { food_id: food.id.clone(), amount: Amount::Portion { name: "1 bowl".into(), count: 1.0 } },
        MealItem::Food { food_id: "bread-egg-challah".into(), amount: Amount::Grams { grams: 60.0 } },
        MealItem::FreeText { text: "pickles".into() },
    ];
    d.save_meal(NewSavedMeal { name: "lunch".into(), meal: MealKind::Lunch, items: items.clone(), tags: vec![] })
        .unwrap();
    let meal = d.log_entry(entry(2, 12, EntryDetails::Meal { meal: MealKind::Lunch, items })).unwrap();
    let skin = d
        .log_entry(entry(
            2,
            20,
            EntryDetails::SkinCheckIn {
                ratings: vec![SkinRating {
                    condition: Condition::Acne,
                    severity: 5,
                    itch: Some(2),
                    areas: vec![BodyArea::Face],
                }],
                poem: Some(vec![1, 2, 0, 4, 3, 1, 0]),
            },
        ))
        .unwrap();
    for details in [
        EntryDetails::GutCheckIn { bristol: Some(4), bloating: Some(3), pain: None },
        EntryDetails::Stress { level: 7 },
        EntryDetails::Sleep { minutes: 420, quality: Some(3) },
        EntryDetails::Activity { activity: ActivityKind::Exercise, minutes: 30 },
        EntryDetails::Medication {
            medication: MedicationKind::Antibiotic,
            name: "doxycycline".into(),
            dose: Some("100 mg".into()),
            course: Some(Course { start: "2025-01-01".into(), end: Some("2025-01-14".into()) }),
        },
        EntryDetails::Water { ml: 500 },
        EntryDetails::Note { text: "a note\nover two lines".into() },
    ] {
        d.log_entry(entry(1, 9, details)).unwrap();
    }
    d.delete_entry(&meal.id).unwrap();
    d.undelete_entry(&meal.id).unwrap();
    let png = photo_dir.join("face.png");
    std::fs::write(&png, PNG).unwrap();
    d.attach_photo(NewPhoto {
        path: png.to_str().unwrap().into(),
        local_ref: None,
        taken_at: Some(at(2, 20)),
        subject: PhotoSubject::Skin { area: BodyArea::Face, check_in_id: Some(skin.id.clone()) },
        tags: vec!["morning".into()],
    })
    .unwrap();
    d.add_reminder(NewReminder {
        quiet_hours: Some(QuietHours { start: "22:00".into(), end: "07:00".into() }),
        ..NewReminder::new(ReminderKind::SkinCheckIn, Schedule::Daily { times: vec!["08:00".into(), "20:00".into()] })
    })
    .unwrap();
    d
}

fn main() {
    let out = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| "corpus".into()));
    let scratch = std::env::temp_dir().join(format!("gutskin-fuzz-seeds-{}", std::process::id()));
    std::fs::create_dir_all(&scratch).unwrap();
    let d = full_diary(&scratch);

    // import_jsonl: the whole export, and a header with one line of each kind.
    let mut export = Vec::new();
    d.export_jsonl(&mut export).unwrap();
    write(&out, "import_jsonl", "export.jsonl", &export);
    let text = String::from_utf8(export.clone()).unwrap();
    let header = text.lines().next().unwrap();
    for (i, line) in text.lines().enumerate().skip(1) {
        write(&out, "import_jsonl", &format!("line-{i}.jsonl"), format!("{header}\n{line}\n").as_bytes());
    }

    // Sync: a first sync publishes a changeset and progress; a second device merges and
    // compacts, which writes a snapshot.
    let store = MemoryTransport::new();
    let key = SyncKey::from_bytes(&KEY).unwrap();
    d.sync(&store, &key, &SyncOptions::default()).unwrap();
    let other = Diary::open_in_memory().unwrap();
    other.log_entry(entry(1, 10, EntryDetails::Stress { level: 2 })).unwrap();
    other.sync(&store, &key, &SyncOptions { compaction: Compaction::Now, ..SyncOptions::default() }).unwrap();
    d.sync(&store, &key, &SyncOptions { compaction: Compaction::Now, ..SyncOptions::default() }).unwrap();
    // A retirements object: `d` retires the other device.
    d.retire_sync_device(&store, &key, &other.device_id()).unwrap();
    for (i, name) in store.list("devices/").unwrap().into_iter().enumerate() {
        let sealed = store.get(&name).unwrap().unwrap();
        let kind = name.rsplit('/').nth(if name.contains("/changes/") { 1 } else { 0 }).unwrap().to_string();
        write(&out, "sync_object", &format!("{i}-{kind}"), &sealed);
        if let Ok(plain) = sync_object_plaintext(&sealed)
            && !name.contains("/blobs/")
        {
            write(&out, "sync_payload", &format!("{i}-{kind}"), &plain);
            write(&out, "sync_merge", &format!("{i}-{kind}"), &plain);
        }
    }

    // Backups: sealed with the key (and opened, for the image), and with a passphrase.
    let backup = d.backup(&BackupSecret::Key { key: KEY.to_vec() }).unwrap();
    write(&out, "backup_file", "key.backup", &backup);
    let passphrase = d.backup(&BackupSecret::Passphrase { passphrase: "correct horse battery".into() }).unwrap();
    write(&out, "backup_file", "passphrase.backup", &passphrase);
    let (_, image) = open_backup(&backup).unwrap();
    write(&out, "backup_restore", "diary.sqlite", &image);

    // Image headers.
    write(&out, "image_sniff", "tiny.png", PNG);
    write(&out, "image_sniff", "tiny.jpg", b"\xff\xd8\xff\xe0\0\x10JFIF\0\x01\x01\0\0\x01\0\x01\0\0\xff\xc0\0\x11\x08\0\x03\0\x04\x03\x01\x22\0\x02\x11\x01\x03\x11\x01\xff\xd9");
    write(&out, "image_sniff", "tiny.webp", b"RIFF\x1a\0\0\0WEBPVP8X\x0a\0\0\0\0\0\0\0\x03\0\0\x02\0\0");
    write(
        &out,
        "image_sniff",
        "tiny.heic",
        b"\0\0\0\x18ftypheic\0\0\0\0mif1heic\0\0\0\x30meta\0\0\0\0\0\0\0\x24iprp\0\0\0\x1cipco\0\0\0\x14ispe\0\0\0\0\0\0\x0f\xc0\0\0\x0b\xd0",
    );

    // Recovery codes: this key's, and a fresh one's.
    write(&out, "recovery_code", "key", key.recovery_code().as_bytes());
    write(&out, "recovery_code", "fresh", SyncKey::generate().unwrap().recovery_code().to_lowercase().as_bytes());

    let _ = std::fs::remove_dir_all(&scratch);
}
