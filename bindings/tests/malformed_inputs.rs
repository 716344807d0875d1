//! Inputs that cannot hurt: every call the bindings export (the layer Kotlin and Swift call) gets
//! malformed and extreme values — NaN, infinities, zero, negative and huge numbers, 10 MB strings,
//! NUL and control characters, ids that are not UUIDs or name nothing, impossible dates, instants
//! far before 1900 and after 9999, empty and huge lists — and must answer with a typed
//! `GutskinError` (never a panic, never `Ok` for garbage) and leave the diary exactly as it was: the
//! same export, the same change position, the same rows in every table (local state included).
//!
//! A guard reads bindings/src and fails when a call is exported that this table does not cover.
//! Calls that take nothing that could be malformed are listed in `NO_INPUT` with the reason.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use gutskin_core::foods::{Fermentation, FoodGroup, Nutrients, Portion};
use gutskin_core::reminders::{
    DoseKind, NewReminder, PlanNote, QuietHours, ReminderKind, ReminderZone, Schedule, Weekday,
};
use gutskin_core::sync::Compaction;
use gutskin_core::{
    ActivityKind, Amount, BackupSecret, BodyArea, Condition, Course, EncryptionFailure, EntryDetails, GutskinError,
    ImageLabel, MealItem, MealKind, MedicationKind, NewCustomFood, NewEntry, NewPhoto, NewSavedMeal, PhotoSubject,
    Profile, SkinRating, SyncFailure,
};
use gutskin_ffi::{Diary, PhotoFileError, PhotoFileSource, SyncTransport, SyncTransportError};

// ------------------------------------------------------------------------------------------ values

const TEN_MB: usize = 10 * 1024 * 1024;

/// A well-formed device id of no device.
const SOME_DEVICE: &str = "0190b1a2-3c4d-7e5f-8a6b-7c8d9e0f1a2b";

fn huge() -> String {
    "x".repeat(TEN_MB)
}

/// Text that is not garbage by length but by its characters.
const NUL: &str = "a\0b";
const CONTROL: &str = "bell\u{7}\u{1b}[31m";

fn at(secs: i64) -> SystemTime {
    if secs >= 0 {
        UNIX_EPOCH + Duration::from_secs(secs as u64)
    } else {
        UNIX_EPOCH - Duration::from_secs(secs.unsigned_abs())
    }
}

/// 2025-06-10T10:00:00Z, a day safely in the past.
fn when() -> SystemTime {
    at(1_749_549_600)
}

/// Instants no entry, photo, pause or event may have.
fn bad_instants() -> Vec<(&'static str, SystemTime)> {
    vec![
        ("the earliest instant a SystemTime holds", at(-i64::MAX)),
        ("1899-12-31", at(-2_208_988_801)),
        ("1969-12-31", at(-1)),
        ("year 9999", at(253_402_300_799)),
        ("year 10000", at(253_402_300_800)),
        ("the latest instant a SystemTime holds", at(i64::MAX)),
    ]
}

/// Strings that are no date of the form YYYY-MM-DD.
fn bad_dates() -> Vec<String> {
    ["2026-02-30", "", "9999-99-99", "2026-2-3", "+10000-01-01", "2026-01-01T00:00", "2026-01-01\0", " 2026-01-01"]
        .into_iter()
        .map(String::from)
        .chain([huge()])
        .collect()
}

/// Strings that are no id of anything: not UUIDs, UUIDs of no record, other versions.
fn bad_ids() -> Vec<String> {
    [
        "",
        "not-a-uuid",
        "00000000-0000-0000-0000-000000000000",
        "ffffffff-ffff-ffff-ffff-ffffffffffff",
        // Version 4 and an unknown version 9: well-formed, but no record has them.
        "9b2d8a4e-3f1c-4a7b-8e2d-6c5f4a3b2c1d",
        "0190a3c4-0000-9000-8000-000000000000",
        "0190a3c4-0000-7000-8000-00000000000",
        "0190a3c4-0000-7000-8000-0000000000000",
        "0190a3c4\0-0000-7000-8000-000000000000",
        "'; DROP TABLE entries; --",
    ]
    .into_iter()
    .map(String::from)
    .chain([huge()])
    .collect()
}

fn bad_zones() -> Vec<String> {
    ["", "Mars/Olympus_Mons", "europe/berlin ", "UTC\0", "../../etc/localtime"]
        .into_iter()
        .map(String::from)
        .chain([huge()])
        .collect()
}

/// Text fields: empty or blank (where text is required), too long, NUL, control characters.
fn bad_texts() -> Vec<(&'static str, String)> {
    vec![
        ("empty", String::new()),
        ("blank", " \t ".into()),
        ("10 MB", huge()),
        ("NUL", NUL.into()),
        ("control", CONTROL.into()),
    ]
}

fn non_finite_and_extreme() -> Vec<f64> {
    vec![f64::NAN, f64::INFINITY, f64::NEG_INFINITY, -1.0, 0.0, -0.0, f64::MIN_POSITIVE / 2.0, 1e308, f64::MAX]
}

// ------------------------------------------------------------------------------------------ builders

fn entry(details: EntryDetails) -> NewEntry {
    NewEntry {
        occurred_at: when(),
        time_zone: "Europe/Berlin".into(),
        utc_offset_minutes: None,
        note: None,
        tags: vec![],
        details,
    }
}

fn meal(items: Vec<MealItem>) -> EntryDetails {
    EntryDetails::Meal { meal: MealKind::Lunch, items }
}

fn food_item(food_id: &str, amount: Amount) -> MealItem {
    MealItem::Food { food_id: food_id.into(), amount }
}

fn grams(grams: f64) -> MealItem {
    food_item("bread-egg-challah", Amount::Grams { grams })
}

fn slices(count: f64) -> MealItem {
    food_item("bread-egg-challah", Amount::Portion { name: "1 slice".into(), count })
}

fn free(text: &str) -> MealItem {
    MealItem::FreeText { text: text.into() }
}

fn skin(rating: SkinRating) -> EntryDetails {
    EntryDetails::SkinCheckIn { ratings: vec![rating], poem: None }
}

fn rating(severity: u8, itch: Option<u8>) -> SkinRating {
    SkinRating { condition: Condition::Acne, severity, itch, areas: vec![BodyArea::Face] }
}

fn medication(kind: MedicationKind, name: &str, course: Option<Course>) -> EntryDetails {
    EntryDetails::Medication { medication: kind, name: name.into(), dose: None, course }
}

fn course(start: &str, end: Option<&str>) -> Option<Course> {
    Some(Course { start: start.into(), end: end.map(String::from) })
}

fn nutrients() -> Nutrients {
    Nutrients {
        energy_kcal: Some(250.0),
        carbohydrate_g: Some(30.0),
        sugars_g: None,
        fibre_g: None,
        fat_g: None,
        saturated_fat_g: None,
        protein_g: None,
        epa_dha_g: None,
        ala_g: None,
        alcohol_g: None,
    }
}

fn custom_food() -> NewCustomFood {
    NewCustomFood {
        name: "Oma's lentil soup".into(),
        group: FoodGroup::MixedDishes,
        per_100g: nutrients(),
        fermented: Fermentation::None,
        probiotic: false,
        prebiotic: false,
        dairy: false,
        nova: 1,
        species: None,
        gi: None,
        portions: vec![Portion { name: "1 bowl".into(), grams: 350.0 }],
    }
}

fn saved(items: Vec<MealItem>) -> NewSavedMeal {
    NewSavedMeal { name: "usual breakfast".into(), meal: MealKind::Breakfast, items, tags: vec![] }
}

fn reminder(kind: ReminderKind, schedule: Schedule) -> NewReminder {
    NewReminder::new(kind, schedule)
}

fn daily(times: &[&str]) -> Schedule {
    Schedule::Daily { times: times.iter().map(|t| t.to_string()).collect() }
}

fn profile() -> Profile {
    Profile { conditions: vec![Condition::Acne], birth_year: Some(1990), daily_energy_kcal: 2000, locale: "en".into() }
}

fn label(label: &str, confidence: f64) -> ImageLabel {
    ImageLabel { label: label.into(), confidence }
}

/// The smallest thing `attach_photo` takes as a PNG: the signature and an IHDR chunk of 4 × 3.
const PNG: &[u8] = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x04\0\0\0\x03\x08\x02\0\0\0\0\0\0\0";

// ------------------------------------------------------------------------------------------ sync transports

/// An object store in memory, optionally holding garbage.
#[derive(Default)]
struct MemoryStore(Mutex<BTreeMap<String, Vec<u8>>>);

impl SyncTransport for MemoryStore {
    fn list(&self, prefix: String) -> Result<Vec<String>, SyncTransportError> {
        Ok(self.0.lock().unwrap().keys().filter(|k| k.starts_with(&prefix)).cloned().collect())
    }
    fn get(&self, key: String) -> Result<Option<Vec<u8>>, SyncTransportError> {
        Ok(self.0.lock().unwrap().get(&key).cloned())
    }
    fn put(&self, key: String, data: Vec<u8>) -> Result<(), SyncTransportError> {
        self.0.lock().unwrap().insert(key, data);
        Ok(())
    }
    fn delete(&self, key: String) -> Result<(), SyncTransportError> {
        self.0.lock().unwrap().remove(&key);
        Ok(())
    }
}

/// A store that cannot be reached.
struct Unreachable;

impl SyncTransport for Unreachable {
    fn list(&self, _: String) -> Result<Vec<String>, SyncTransportError> {
        Err(SyncTransportError::Unreachable { reason: "offline".into() })
    }
    fn get(&self, _: String) -> Result<Option<Vec<u8>>, SyncTransportError> {
        Err(SyncTransportError::Unreachable { reason: "offline".into() })
    }
    fn put(&self, _: String, _: Vec<u8>) -> Result<(), SyncTransportError> {
        Err(SyncTransportError::Unreachable { reason: "offline".into() })
    }
    fn delete(&self, _: String) -> Result<(), SyncTransportError> {
        Err(SyncTransportError::Unreachable { reason: "offline".into() })
    }
}

/// An app's photo files that fail every read (never asked in these cases: the sync fails first).
struct FailingPhotoFiles;

impl PhotoFileSource for FailingPhotoFiles {
    fn read_photo_file(&self, _: String) -> Result<Option<Vec<u8>>, PhotoFileError> {
        Err(PhotoFileError::Unreadable { reason: "permission revoked".into() })
    }
}

fn bad_keys() -> Vec<(&'static str, Vec<u8>)> {
    vec![("empty", vec![]), ("31 bytes", vec![7; 31]), ("33 bytes", vec![7; 33]), ("10 MB", vec![7; TEN_MB])]
}

// ------------------------------------------------------------------------------------------ the fixture

/// A diary file with one of everything, opened through the bindings.
struct Fx {
    dir: PathBuf,
    diary: Arc<Diary>,
    /// The same file through the core, for the change position.
    core: gutskin_core::Diary,
    /// Another connection, to read every table.
    raw: rusqlite::Connection,
    meal_id: String,
    skin_id: String,
    stress_id: String,
    food_id: String,
    saved_id: String,
    photo_id: String,
    reminder_id: String,
    notification: String,
    png: String,
    not_an_image: String,
    empty_file: String,
    imports: BTreeMap<&'static str, String>,
    good_key: Vec<u8>,
    /// A backup of the fixture sealed with `good_key`.
    key_backup: String,
    /// A store whose objects are garbage under names a sync would read.
    garbage_store: Arc<MemoryStore>,
}

impl Drop for Fx {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

fn temp_dir(name: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("gutskin-malformed-{name}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

impl Fx {
    fn new() -> Fx {
        let dir = temp_dir("fx");
        let path = dir.join("diary.sqlite");
        let diary = Diary::open(path.to_str().unwrap().into()).unwrap();
        let meal = diary.log_entry(entry(meal(vec![grams(60.0), free("pickles")]))).unwrap();
        let skin_entry = diary.log_entry(entry(skin(rating(4, Some(3))))).unwrap();
        let stress = diary.log_entry(entry(EntryDetails::Stress { level: 6 })).unwrap();
        let food = diary.add_custom_food(custom_food()).unwrap();
        let saved_meal = diary.save_meal(saved(vec![free("porridge")])).unwrap();
        let png = dir.join("face.png");
        std::fs::write(&png, PNG).unwrap();
        let photo = diary
            .attach_photo(NewPhoto {
                path: png.to_str().unwrap().into(),
                local_ref: None,
                taken_at: Some(when()),
                subject: PhotoSubject::Skin { area: BodyArea::Face, check_in_id: Some(skin_entry.id.clone()) },
                tags: vec!["morning".into()],
            })
            .unwrap();
        let rem = diary.add_reminder(reminder(ReminderKind::SkinCheckIn, daily(&["08:00"]))).unwrap();
        diary.set_profile(profile()).unwrap();
        let notification = format!("{}/2025-06-10/08:00", rem.id);
        diary.notification_delivered(notification.clone(), when()).unwrap();

        let write = |name: &str, bytes: &[u8]| {
            let p = dir.join(name);
            std::fs::write(&p, bytes).unwrap();
            p.to_str().unwrap().to_string()
        };
        let not_an_image = write("notes.txt", b"this is not an image");
        let empty_file = write("empty.png", b"");
        let header = format!(
            "{{\"type\":\"header\",\"format\":\"gutskin-diary\",\"version\":{}}}\n",
            gutskin_core::FORMAT_VERSION
        );
        let good_entry = |extra: &str| {
            format!(
                "{{\"type\":\"entry\",\"id\":\"0190a3c4-0000-7000-8000-00000000abcd\",\"occurred_at\":\"2025-06-10T10:00:00.000Z\",\
                 \"time_zone\":\"Europe/Berlin\",\"utc_offset_minutes\":120,\"local_date\":\"2025-06-10\",\"tags\":[],\
                 \"deleted\":false,\"details\":{{\"kind\":\"stress\",\"level\":3}}{extra}}}\n"
            )
        };
        let mut imports = BTreeMap::new();
        imports
            .insert("binary garbage", write("garbage.jsonl", &(0..=255u8).cycle().take(100_000).collect::<Vec<_>>()));
        imports.insert("empty file", write("empty.jsonl", b""));
        imports.insert("no header", write("noheader.jsonl", good_entry("").as_bytes()));
        imports.insert(
            "a newer format",
            write("newer.jsonl", b"{\"type\":\"header\",\"format\":\"gutskin-diary\",\"version\":99}\n"),
        );
        imports.insert(
            "NaN as a number",
            write(
                "nan.jsonl",
                format!("{header}{}", good_entry("").replace("\"level\":3", "\"level\":NaN")).as_bytes(),
            ),
        );
        imports.insert(
            "a level of 1e308",
            write(
                "big.jsonl",
                format!("{header}{}", good_entry("").replace("\"level\":3", "\"level\":1e308")).as_bytes(),
            ),
        );
        imports.insert(
            "a good line, then a bad one",
            write("goodbad.jsonl", format!("{header}{}{{\"type\":\"entry\"}}\n", good_entry("")).as_bytes()),
        );
        imports.insert(
            "a line of 10 MB",
            write("long.jsonl", format!("{header}{}", good_entry(&format!(",\"note\":\"{}\"", huge()))).as_bytes()),
        );
        imports.insert(
            "an instant in year 9999",
            write(
                "y9999.jsonl",
                format!("{header}{}", good_entry("").replace("2025-06-10T10:00:00.000Z", "9999-12-31T23:59:59.999Z"))
                    .as_bytes(),
            ),
        );
        imports.insert(
            "an instant in 1850",
            write(
                "y1850.jsonl",
                format!("{header}{}", good_entry("").replace("2025-06-10T10:00:00.000Z", "1850-01-01T00:00:00.000Z"))
                    .as_bytes(),
            ),
        );
        imports.insert(
            "a NUL in a note",
            write("nul.jsonl", format!("{header}{}", good_entry(",\"note\":\"a\\u0000b\"")).as_bytes()),
        );
        imports.insert(
            "the same id twice",
            write("twice.jsonl", format!("{header}{}{}", good_entry(""), good_entry("")).as_bytes()),
        );
        imports.insert(
            "a photo of NaN pixels",
            write(
                "photo.jsonl",
                format!(
                    "{header}{{\"type\":\"photo\",\"id\":\"0190a3c4-0000-7000-8000-00000000abce\",\"sha256\":\"{}\",\
                     \"local_ref\":\"x.png\",\"taken_at\":\"2025-06-10T10:00:00.000Z\",\"byte_size\":10,\"format\":\"png\",\
                     \"width\":NaN,\"subject\":{{\"kind\":\"skin\",\"area\":\"face\"}}}}\n",
                    "a".repeat(64)
                )
                .as_bytes(),
            ),
        );

        let garbage_store = Arc::new(MemoryStore::default());
        let good_key = gutskin_ffi::new_sync_key().unwrap().key;
        let key_backup = dir.join("good.backup");
        diary.backup_to_file(key_backup.to_str().unwrap().into(), BackupSecret::Key { key: good_key.clone() }).unwrap();
        let sealed = std::fs::read(&key_backup).unwrap();
        write("cut.backup", &sealed[..sealed.len() - 1]);
        let mut flipped = sealed.clone();
        let last = flipped.len() - 1;
        flipped[last] ^= 1;
        write("flipped.backup", &flipped);
        let key_backup = key_backup.to_str().unwrap().to_string();
        let core = gutskin_core::Diary::open(&path).unwrap();
        let raw = rusqlite::Connection::open(&path).unwrap();
        Fx {
            dir,
            diary,
            core,
            raw,
            meal_id: meal.id,
            skin_id: skin_entry.id,
            stress_id: stress.id,
            food_id: food.id,
            saved_id: saved_meal.id,
            photo_id: photo.id,
            reminder_id: rem.id,
            notification,
            png: png.to_str().unwrap().into(),
            not_an_image,
            empty_file,
            imports,
            good_key,
            key_backup,
            garbage_store,
        }
    }

    fn path(&self, name: &str) -> String {
        self.dir.join(name).to_str().unwrap().into()
    }

    /// Everything a call could have changed: the export, the change position, and every row of
    /// every table (the device's own reminder state and the sync state included).
    fn snapshot(&self) -> Snapshot {
        let export = self.path("snapshot.jsonl");
        self.diary.export_to_file(export.clone()).expect("export");
        let export = std::fs::read_to_string(&export).unwrap();
        let position = self.core.change_position().expect("change position");
        let mut tables = BTreeMap::new();
        let names: Vec<String> = self
            .raw
            .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name")
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect();
        for name in names {
            let mut stmt = self.raw.prepare(&format!("SELECT * FROM \"{name}\"")).unwrap();
            let columns = stmt.column_count();
            let mut rows: Vec<String> = stmt
                .query_map([], |r| {
                    let values: Vec<rusqlite::types::Value> =
                        (0..columns).map(|i| r.get(i)).collect::<Result<_, _>>()?;
                    Ok(format!("{values:?}"))
                })
                .unwrap()
                .map(Result::unwrap)
                .collect();
            rows.sort();
            tables.insert(name, rows);
        }
        Snapshot { export, position, tables }
    }
}

#[derive(Debug, PartialEq)]
struct Snapshot {
    export: String,
    position: u64,
    tables: BTreeMap<String, Vec<String>>,
}

impl Snapshot {
    fn difference(&self, other: &Snapshot) -> String {
        let mut out = Vec::new();
        if self.export != other.export {
            out.push("the export changed".to_string());
        }
        if self.position != other.position {
            out.push(format!("the change position moved from {} to {}", self.position, other.position));
        }
        for (name, rows) in &self.tables {
            if other.tables.get(name) != Some(rows) {
                out.push(format!("table {name} changed"));
            }
        }
        out.join("; ")
    }
}

// ------------------------------------------------------------------------------------------ the table

/// What a case must answer.
#[derive(Debug, Clone, Copy)]
enum Want {
    /// `InvalidInput` whose field contains this.
    Invalid(&'static str),
    NotFound,
    /// `InvalidInput` or `NotFound`: an id that is malformed, or well-formed and of nothing.
    BadId,
    /// `InvalidImport`.
    Import,
    /// `CorruptFile`.
    Corrupt,
    /// `Sync` with this reason.
    Sync(SyncFailure),
    /// `Encryption` with this reason.
    Encryption(EncryptionFailure),
    /// `Storage` whose detail contains this.
    Storage(&'static str),
    /// `Ok` is the documented answer (the input is garbage-tolerant by design, e.g. a labeler's
    /// NaN confidence is ignored): `Ok`, no panic, and the diary unchanged.
    Tolerated,
}

type Outcome = Result<String, GutskinError>;

struct Case {
    call: &'static str,
    what: String,
    want: Want,
    run: Box<dyn Fn(&Fx) -> Outcome>,
}

struct Table(Vec<Case>);

impl Table {
    fn add<T: std::fmt::Debug>(
        &mut self,
        call: &'static str,
        what: impl Into<String>,
        want: Want,
        run: impl Fn(&Fx) -> Result<T, GutskinError> + 'static,
    ) {
        self.0.push(Case {
            call,
            what: what.into(),
            want,
            run: Box::new(move |fx| run(fx).map(|v| short(&format!("{v:?}")))),
        });
    }
}

fn short(text: &str) -> String {
    text.chars().take(200).collect()
}

fn matches(want: Want, outcome: &Outcome) -> bool {
    match (want, outcome) {
        (Want::Invalid(field), Err(GutskinError::InvalidInput { field: f, .. })) => f.contains(field),
        (Want::NotFound, Err(GutskinError::NotFound { .. })) => true,
        (Want::BadId, Err(GutskinError::InvalidInput { .. } | GutskinError::NotFound { .. })) => true,
        (Want::Import, Err(GutskinError::InvalidImport { .. })) => true,
        (Want::Corrupt, Err(GutskinError::CorruptFile { .. })) => true,
        (Want::Sync(reason), Err(GutskinError::Sync { reason: r, .. })) => reason == *r,
        (Want::Encryption(reason), Err(GutskinError::Encryption { reason: r, .. })) => reason == *r,
        (Want::Storage(detail), Err(GutskinError::Storage { detail: d })) => d.contains(detail),
        (Want::Tolerated, Ok(_)) => true,
        _ => false,
    }
}

/// Errors must not echo 10 MB of input back to the app (nor its log).
const MAX_ERROR_CHARS: usize = 4096;

fn cases(fx: &Fx) -> Table {
    let mut t = Table(Vec::new());
    let (meal_id, skin_id, stress_id) = (fx.meal_id.clone(), fx.skin_id.clone(), fx.stress_id.clone());
    let (food_id, saved_id, photo_id, reminder_id) =
        (fx.food_id.clone(), fx.saved_id.clone(), fx.photo_id.clone(), fx.reminder_id.clone());

    // ---- opening
    for (what, path) in [
        ("an empty path", String::new()),
        ("\":memory:\"", ":memory:".into()),
        ("a folder", fx.dir.to_str().unwrap().into()),
        ("a NUL in the path", fx.path("dia\0ry.sqlite")),
        ("a path of 10 MB", huge()),
    ] {
        t.add("open", what, Want::Invalid("path"), move |_| Diary::open(path.clone()).map(|_| "opened"));
    }
    t.add("open", "a path in a missing folder", Want::Storage("folder is missing"), |fx| {
        Diary::open(fx.path("missing/diary.sqlite")).map(|_| "opened")
    });
    for (what, bytes) in [
        ("a file of garbage", (0..=255u8).cycle().take(8192).collect::<Vec<_>>()),
        ("an image", PNG.to_vec()),
        ("a SQLite header and nothing else", b"SQLite format 3\0".to_vec()),
    ] {
        let path = fx.path(&format!("open-{}.sqlite", what.replace(' ', "-")));
        std::fs::write(&path, &bytes).unwrap();
        t.add("open", what, Want::Corrupt, move |_| Diary::open(path.clone()).map(|_| "opened"));
    }

    // ---- entries
    for (what, instant) in bad_instants() {
        t.add("log_entry", format!("occurred_at {what}"), Want::Invalid("occurred_at"), move |fx| {
            fx.diary.log_entry(NewEntry { occurred_at: instant, ..entry(EntryDetails::Stress { level: 1 }) })
        });
    }
    for zone in bad_zones() {
        t.add("log_entry", format!("time zone {:?}", short(&zone)), Want::Invalid("time_zone"), move |fx| {
            fx.diary.log_entry(NewEntry { time_zone: zone.clone(), ..entry(EntryDetails::Stress { level: 1 }) })
        });
    }
    for offset in [i32::MIN, -18 * 60 - 1, 18 * 60 + 1, i32::MAX] {
        t.add("log_entry", format!("utc offset {offset}"), Want::Invalid("utc_offset_minutes"), move |fx| {
            fx.diary
                .log_entry(NewEntry { utc_offset_minutes: Some(offset), ..entry(EntryDetails::Stress { level: 1 }) })
        });
    }
    for (what, text) in bad_texts().into_iter().filter(|(w, _)| !matches!(*w, "empty" | "blank")) {
        let note = text.clone();
        t.add("log_entry", format!("note {what}"), Want::Invalid("note"), move |fx| {
            fx.diary.log_entry(NewEntry { note: Some(note.clone()), ..entry(EntryDetails::Stress { level: 1 }) })
        });
        t.add("log_entry", format!("tag {what}"), Want::Invalid("tags[0]"), move |fx| {
            fx.diary.log_entry(NewEntry { tags: vec![text.clone()], ..entry(EntryDetails::Stress { level: 1 }) })
        });
    }
    t.add("log_entry", "an empty tag", Want::Invalid("tags[0]"), |fx| {
        fx.diary.log_entry(NewEntry { tags: vec![String::new()], ..entry(EntryDetails::Stress { level: 1 }) })
    });
    t.add("log_entry", "100,000 tags", Want::Invalid("tags"), |fx| {
        fx.diary.log_entry(NewEntry {
            tags: (0..100_000).map(|i| format!("t{i}")).collect(),
            ..entry(EntryDetails::Stress { level: 1 })
        })
    });
    let details: Vec<(&str, &str, EntryDetails)> = vec![
        ("stress 11", "stress.level", EntryDetails::Stress { level: 11 }),
        ("stress 255", "stress.level", EntryDetails::Stress { level: u8::MAX }),
        ("sleep u32::MAX minutes", "sleep.minutes", EntryDetails::Sleep { minutes: u32::MAX, quality: None }),
        ("sleep quality 0", "sleep.quality", EntryDetails::Sleep { minutes: 400, quality: Some(0) }),
        ("sleep quality 255", "sleep.quality", EntryDetails::Sleep { minutes: 400, quality: Some(255) }),
        (
            "activity of 0 minutes",
            "activity.minutes",
            EntryDetails::Activity { activity: ActivityKind::Exercise, minutes: 0 },
        ),
        (
            "activity of u32::MAX minutes",
            "activity.minutes",
            EntryDetails::Activity { activity: ActivityKind::Exercise, minutes: u32::MAX },
        ),
        ("water 0 ml", "water.ml", EntryDetails::Water { ml: 0 }),
        ("water u32::MAX ml", "water.ml", EntryDetails::Water { ml: u32::MAX }),
        ("gut check-in of nothing", "gut", EntryDetails::GutCheckIn { bristol: None, bloating: None, pain: None }),
        ("bristol 0", "gut.bristol", EntryDetails::GutCheckIn { bristol: Some(0), bloating: None, pain: None }),
        ("bristol 255", "gut.bristol", EntryDetails::GutCheckIn { bristol: Some(255), bloating: None, pain: None }),
        ("bloating 11", "gut.bloating", EntryDetails::GutCheckIn { bristol: None, bloating: Some(11), pain: None }),
        ("pain 255", "gut.pain", EntryDetails::GutCheckIn { bristol: None, bloating: None, pain: Some(255) }),
        ("skin check-in of nothing", "skin.ratings", EntryDetails::SkinCheckIn { ratings: vec![], poem: None }),
        ("severity 255", "severity", skin(rating(255, None))),
        ("itch 11", "itch", skin(rating(3, Some(11)))),
        (
            "a condition rated twice",
            "condition",
            EntryDetails::SkinCheckIn { ratings: vec![rating(1, None), rating(2, None)], poem: None },
        ),
        ("POEM of no answers", "skin.", EntryDetails::SkinCheckIn { ratings: vec![], poem: Some(vec![]) }),
        ("POEM of 8 answers", "skin.", EntryDetails::SkinCheckIn { ratings: vec![], poem: Some(vec![1; 8]) }),
        ("POEM answer 255", "skin.", EntryDetails::SkinCheckIn { ratings: vec![], poem: Some(vec![255; 7]) }),
        (
            "POEM of a million answers",
            "skin.",
            EntryDetails::SkinCheckIn { ratings: vec![], poem: Some(vec![1; 1_000_000]) },
        ),
        ("medication without a name", "medication.name", medication(MedicationKind::Probiotic, "", None)),
        ("medication name of 10 MB", "medication.name", medication(MedicationKind::Probiotic, &huge(), None)),
        ("medication name with NUL", "medication.name", medication(MedicationKind::Probiotic, NUL, None)),
        ("an antibiotic without a course", "medication.course", medication(MedicationKind::Antibiotic, "doxy", None)),
        (
            "a course ending before it starts",
            "medication.course.end",
            medication(MedicationKind::Antibiotic, "doxy", course("2025-06-10", Some("2025-06-01"))),
        ),
        (
            "a course starting in 1850",
            "medication.course.start",
            medication(MedicationKind::Antibiotic, "doxy", course("1850-01-01", None)),
        ),
        (
            "a course starting in 9999",
            "medication.course.start",
            medication(MedicationKind::Antibiotic, "doxy", course("9999-12-31", None)),
        ),
        ("a note entry without text", "note.text", EntryDetails::Note { text: String::new() }),
        ("a note entry of 10 MB", "note.text", EntryDetails::Note { text: huge() }),
        ("a note entry with NUL", "note.text", EntryDetails::Note { text: NUL.into() }),
        ("a meal of 41 items", "meal.items", meal(vec![free("x"); 41])),
        ("a meal of a million items", "meal.items", meal(vec![free("x"); 1_000_000])),
        ("a meal item of 10 MB", "meal.items[0].text", meal(vec![free(&huge())])),
        ("a meal item with NUL", "meal.items[0].text", meal(vec![free(NUL)])),
        ("an empty food id", "meal.items[0].food_id", meal(vec![food_item("", Amount::Grams { grams: 10.0 })])),
        (
            "a food id that is SQL",
            "meal.items[0].food_id",
            meal(vec![food_item("x'; DROP TABLE entries; --", Amount::Grams { grams: 10.0 })]),
        ),
        (
            "a food of no table",
            "meal.items[0].food_id",
            meal(vec![food_item("no-such-food", Amount::Grams { grams: 10.0 })]),
        ),
        (
            "a custom food that does not exist",
            "meal.items[0]",
            meal(vec![food_item("0190a3c4-0000-7000-8000-000000000000", Amount::Grams { grams: 10.0 })]),
        ),
        (
            "a portion the food lacks",
            "meal.items[0].amount",
            meal(vec![food_item("bread-egg-challah", Amount::Portion { name: "1 wheel".into(), count: 1.0 })]),
        ),
        (
            "a portion name of 10 MB",
            "meal.items[0].amount.name",
            meal(vec![food_item("bread-egg-challah", Amount::Portion { name: huge(), count: 1.0 })]),
        ),
    ];
    for (what, field, d) in details {
        t.add("log_entry", what, Want::Invalid(field), move |fx| fx.diary.log_entry(entry(d.clone())));
    }
    for value in non_finite_and_extreme() {
        t.add("log_entry", format!("{value} grams"), Want::Invalid("meal.items[0].amount.grams"), move |fx| {
            fx.diary.log_entry(entry(meal(vec![grams(value)])))
        });
        t.add("log_entry", format!("{value} slices"), Want::Invalid("meal.items[0].amount.count"), move |fx| {
            fx.diary.log_entry(entry(meal(vec![slices(value)])))
        });
    }
    t.add("log_entries", "100,000 entries, the last one bad", Want::Invalid("entries[99999].stress.level"), |fx| {
        let mut all = vec![entry(EntryDetails::Stress { level: 1 }); 99_999];
        all.push(entry(EntryDetails::Stress { level: 11 }));
        fx.diary.log_entries(all)
    });
    t.add(
        "log_entries",
        "good entries, then NaN grams",
        Want::Invalid("entries[2].meal.items[0].amount.grams"),
        |fx| {
            fx.diary.log_entries(vec![
                entry(EntryDetails::Water { ml: 200 }),
                entry(EntryDetails::Stress { level: 2 }),
                entry(meal(vec![grams(f64::NAN)])),
            ])
        },
    );
    t.add(
        "log_entries",
        "a custom food of nothing after a good entry",
        Want::Invalid("entries[1].meal.items[0]"),
        |fx| {
            fx.diary.log_entries(vec![
                entry(EntryDetails::Water { ml: 200 }),
                entry(meal(vec![food_item("0190a3c4-0000-7000-8000-000000000000", Amount::Grams { grams: 10.0 })])),
            ])
        },
    );
    t.add("log_entries", "an empty list", Want::Tolerated, |fx| fx.diary.log_entries(vec![]).map(|v| v.len()));

    for id in bad_ids().into_iter().map(Arc::new) {
        let id2 = id.clone();
        t.add("update_entry", format!("id {:?}", short(&id)), Want::BadId, move |fx| {
            fx.diary.update_entry(id.to_string(), entry(EntryDetails::Stress { level: 1 }))
        });
        let id = id2;
        for call in ["delete_entry", "undelete_entry", "entry"] {
            let id = id.clone();
            t.add(call, format!("id {:?}", short(&id)), Want::BadId, move |fx| match call {
                "delete_entry" => fx.diary.delete_entry(id.to_string()),
                "undelete_entry" => fx.diary.undelete_entry(id.to_string()),
                _ => fx.diary.entry(id.to_string()),
            });
        }
    }
    {
        let id = stress_id.clone();
        t.add("update_entry", "a stress entry turned into a meal", Want::Invalid(""), move |fx| {
            fx.diary.update_entry(id.clone(), entry(meal(vec![free("x")])))
        });
        let id = stress_id.clone();
        t.add("update_entry", "stress 11", Want::Invalid("stress.level"), move |fx| {
            fx.diary.update_entry(id.clone(), entry(EntryDetails::Stress { level: 11 }))
        });
        let id = meal_id.clone();
        t.add("update_entry", "NaN grams", Want::Invalid("grams"), move |fx| {
            fx.diary.update_entry(id.clone(), entry(meal(vec![grams(f64::NAN)])))
        });
        let id = meal_id.clone();
        t.add("update_entry", "occurred_at in year 10000", Want::Invalid("occurred_at"), move |fx| {
            fx.diary
                .update_entry(id.clone(), NewEntry { occurred_at: at(253_402_300_800), ..entry(meal(vec![free("x")])) })
        });
    }

    // ---- days and ranges
    for date in bad_dates().into_iter().map(Arc::new) {
        let label = format!("date {:?}", short(&date));
        let d = date.clone();
        t.add("entries_between", format!("from {label}"), Want::Invalid("from"), move |fx| {
            fx.diary.entries_between(d.to_string(), "2025-06-10".into(), None, true)
        });
        let d = date.clone();
        t.add("entries_between", format!("to {label}"), Want::Invalid("to"), move |fx| {
            fx.diary.entries_between("2025-06-10".into(), d.to_string(), None, false)
        });
        let d = date.clone();
        t.add("day_summaries", format!("from {label}"), Want::Invalid("from"), move |fx| {
            fx.diary.day_summaries(d.to_string(), "2025-06-10".into())
        });
        let d = date.clone();
        t.add("today", label.clone(), Want::Invalid("date"), move |fx| fx.diary.today(d.to_string()));
        let d = date.clone();
        t.add("insights", format!("from {label}"), Want::Invalid("from"), move |fx| {
            fx.diary.insights(d.to_string(), "2025-06-10".into())
        });
        let d = date.clone();
        t.add("guidance", label.clone(), Want::Invalid("date"), move |fx| fx.diary.guidance(d.to_string()));
        let d = date.clone();
        t.add("report_html", format!("to {label}"), Want::Invalid("to"), move |fx| {
            fx.diary.report_html("2025-06-01".into(), d.to_string())
        });
    }
    t.add("entries_between", "to before from", Want::Invalid("to"), |fx| {
        fx.diary.entries_between("2025-06-10".into(), "2025-06-09".into(), None, false)
    });
    t.add("day_summaries", "from year 1 to 9999", Want::Invalid("to"), |fx| {
        fx.diary.day_summaries("0001-01-01".into(), "9999-12-31".into())
    });
    t.add("day_summaries", "to before from", Want::Invalid("to"), |fx| {
        fx.diary.day_summaries("2025-06-10".into(), "2025-01-01".into())
    });
    t.add("insights", "from year 1 to 9999", Want::Invalid("to"), |fx| {
        fx.diary.insights("0001-01-01".into(), "9999-12-31".into())
    });
    t.add("report_html", "to before from", Want::Invalid("to"), |fx| {
        fx.diary.report_html("2025-06-10".into(), "2025-06-01".into())
    });

    // ---- profile
    for (what, field, p) in [
        ("birth year 0", "birth_year", Profile { birth_year: Some(0), ..profile() }),
        ("birth year 1899", "birth_year", Profile { birth_year: Some(1899), ..profile() }),
        ("birth year 65535", "birth_year", Profile { birth_year: Some(u16::MAX), ..profile() }),
        ("0 kcal a day", "daily_energy_kcal", Profile { daily_energy_kcal: 0, ..profile() }),
        ("u32::MAX kcal a day", "daily_energy_kcal", Profile { daily_energy_kcal: u32::MAX, ..profile() }),
        ("an empty locale", "locale", Profile { locale: String::new(), ..profile() }),
        ("a locale of 10 MB", "locale", Profile { locale: huge(), ..profile() }),
        ("a locale with NUL", "locale", Profile { locale: "de\0".into(), ..profile() }),
        ("a locale that is SQL", "locale", Profile { locale: "en'; --".into(), ..profile() }),
    ] {
        t.add("set_profile", what, Want::Invalid(field), move |fx| fx.diary.set_profile(p.clone()));
    }

    // ---- export and import
    for (what, path) in [
        ("an empty path", String::new()),
        ("a folder", fx.dir.to_str().unwrap().to_string()),
        ("a missing folder", fx.path("missing/out.jsonl")),
        ("a NUL in the path", fx.path("out\0.jsonl")),
        ("a path of 10 MB", huge()),
    ] {
        t.add("export_to_file", what, Want::Invalid("path"), move |fx| fx.diary.export_to_file(path.clone()));
    }
    for (what, path) in [
        ("an empty path", String::new()),
        ("a folder", fx.dir.to_str().unwrap().to_string()),
        ("a missing file", fx.path("missing.jsonl")),
        ("a NUL in the path", fx.path("in\0.jsonl")),
        ("a path of 10 MB", huge()),
    ] {
        let p = path.clone();
        t.add("import_from_file", what, Want::Invalid("path"), move |fx| fx.diary.import_from_file(p.clone()));
        t.add("check_import_from_file", what, Want::Invalid("path"), move |fx| {
            fx.diary.check_import_from_file(path.clone())
        });
    }
    for (what, path) in &fx.imports {
        let p = path.clone();
        t.add("import_from_file", *what, Want::Import, move |fx| fx.diary.import_from_file(p.clone()));
        let path = path.clone();
        t.add("check_import_from_file", *what, Want::Import, move |fx| fx.diary.check_import_from_file(path.clone()));
    }

    // ---- free functions
    for (what, answers) in [
        ("no answers", vec![]),
        ("6 answers", vec![1; 6]),
        ("8 answers", vec![1; 8]),
        ("an answer of 5", vec![0, 0, 0, 0, 0, 0, 5]),
        ("answers of 255", vec![255; 7]),
        ("a million answers", vec![1; 1_000_000]),
    ] {
        t.add("poem_score", what, Want::Invalid(""), move |_| gutskin_ffi::poem_score(answers.clone()));
    }
    for zone in bad_zones() {
        t.add("local_date", format!("zone {:?}", short(&zone)), Want::Invalid("time_zone"), move |_| {
            gutskin_ffi::local_date(when(), zone.clone())
        });
    }
    for (what, instant) in [("the earliest SystemTime", at(-i64::MAX)), ("the latest SystemTime", at(i64::MAX))] {
        t.add("local_date", what, Want::Invalid("instant"), move |_| {
            gutskin_ffi::local_date(instant, "Europe/Berlin".into())
        });
    }
    let good_code = gutskin_ffi::recovery_code_of(fx.good_key.clone()).unwrap();
    let typo = {
        let mut chars: Vec<char> = good_code.chars().collect();
        chars[0] = if chars[0] == 'A' { 'B' } else { 'A' };
        chars.into_iter().collect::<String>()
    };
    for (what, code) in [
        ("empty", String::new()),
        ("10 MB", huge()),
        ("a NUL", format!("{}\0", &good_code)),
        ("a typo", typo),
        ("one group short", good_code.rsplit_once('-').unwrap().0.to_string()),
        ("a group too many", format!("{good_code}-AAAAA")),
        ("emoji", "🙂".repeat(65)),
    ] {
        t.add("sync_key_from_recovery_code", what, Want::Invalid("recovery_code"), move |_| {
            gutskin_ffi::sync_key_from_recovery_code(code.clone())
        });
    }
    for (what, key) in bad_keys() {
        let k = key.clone();
        t.add("recovery_code_of", what, Want::Invalid("key"), move |_| gutskin_ffi::recovery_code_of(k.clone()));
        let k = key.clone();
        t.add("sync", format!("a key of {what}"), Want::Invalid("key"), move |fx| {
            fx.diary.sync(Arc::new(MemoryStore::default()), k.clone(), Compaction::Auto)
        });
        let k = key.clone();
        t.add("sync_with_photo_files", format!("a key of {what}"), Want::Invalid("key"), move |fx| {
            fx.diary.sync_with_photo_files(
                Arc::new(MemoryStore::default()),
                k.clone(),
                Compaction::Auto,
                Arc::new(FailingPhotoFiles),
            )
        });
        let k = key.clone();
        t.add("remote_key_state", format!("a key of {what}"), Want::Invalid("key"), move |fx| {
            fx.diary.remote_key_state(Arc::new(MemoryStore::default()), k.clone())
        });
        let k = key.clone();
        t.add("fetch_photo_file", format!("a key of {what}"), Want::Invalid("key"), move |fx| {
            fx.diary.fetch_photo_file(Arc::new(MemoryStore::default()), k.clone(), "a".repeat(64))
        });
    }
    for (what, key) in bad_keys() {
        t.add("retire_sync_device", format!("a key of {what}"), Want::Invalid("key"), move |fx| {
            fx.diary.retire_sync_device(Arc::new(MemoryStore::default()), key.clone(), SOME_DEVICE.into())
        });
    }
    for (what, id) in [
        ("an empty device id", String::new()),
        ("a device id of 10 MB", huge()),
        ("a device id with NUL", format!("{SOME_DEVICE}\0")),
        ("a path as the device id", "../../etc/passwd".into()),
        ("a device id of a device with nothing in the store", SOME_DEVICE.into()),
    ] {
        t.add("retire_sync_device", what, Want::Invalid("device_id"), move |fx| {
            fx.diary.retire_sync_device(Arc::new(MemoryStore::default()), fx.good_key.clone(), id.clone())
        });
    }
    t.add("retire_sync_device", "this device's own id", Want::Invalid("device_id"), |fx| {
        fx.diary.retire_sync_device(Arc::new(MemoryStore::default()), fx.good_key.clone(), fx.diary.device_id())
    });
    t.add("retire_sync_device", "a store that cannot be reached", Want::Sync(SyncFailure::Transport), |fx| {
        fx.diary.retire_sync_device(Arc::new(Unreachable), fx.good_key.clone(), SOME_DEVICE.into())
    });
    t.add("sync", "a store that cannot be reached", Want::Sync(SyncFailure::Transport), |fx| {
        fx.diary.sync(Arc::new(Unreachable), fx.good_key.clone(), Compaction::Now)
    });
    t.add("sync_with_photo_files", "a store that cannot be reached", Want::Sync(SyncFailure::Transport), |fx| {
        fx.diary.sync_with_photo_files(
            Arc::new(Unreachable),
            fx.good_key.clone(),
            Compaction::Now,
            Arc::new(FailingPhotoFiles),
        )
    });
    t.add("remote_key_state", "a store that cannot be reached", Want::Sync(SyncFailure::Transport), |fx| {
        fx.diary.remote_key_state(Arc::new(Unreachable), fx.good_key.clone())
    });
    t.add("remote_key_state", "a store of garbage objects (skipped as damaged)", Want::Tolerated, |fx| {
        fx.diary.remote_key_state(fx.garbage_store.clone(), fx.good_key.clone())
    });
    for (what, hash) in [
        ("an empty hash", String::new()),
        ("a hash of 63 digits", "a".repeat(63)),
        ("a hash that is not hex", "g".repeat(64)),
        ("a hash with NUL", format!("{}\0", "a".repeat(63))),
        ("a hash of 10 MB", huge()),
        ("a path as the hash", "../../etc/passwd".into()),
    ] {
        t.add("fetch_photo_file", what, Want::Invalid("hash"), move |fx| {
            fx.diary.fetch_photo_file(Arc::new(MemoryStore::default()), fx.good_key.clone(), hash.clone())
        });
    }
    t.add("fetch_photo_file", "a hash no device uploaded", Want::NotFound, |fx| {
        fx.diary.fetch_photo_file(Arc::new(MemoryStore::default()), fx.good_key.clone(), "a".repeat(64))
    });
    t.add(
        "missing_photo_files",
        "garbage hashes the app says it has (a set difference: ignored)",
        Want::Tolerated,
        |fx| {
            let present = vec![String::new(), huge(), NUL.to_string(), "'; DROP TABLE photos; --".into()];
            let missing = fx.diary.missing_photo_files(present)?;
            assert_eq!(missing.len(), 1, "the fixture's photo is still missing");
            Ok(missing)
        },
    );
    t.add("missing_photo_files", "100,000 hashes", Want::Tolerated, |fx| {
        fx.diary.missing_photo_files((0..100_000).map(|i| format!("{i:064x}")).collect()).map(|m| m.len())
    });

    // ---- foods
    for (what, query) in [("10 MB", huge()), ("201 characters", "a".repeat(201))] {
        t.add("search_foods", format!("a query of {what}"), Want::Invalid("query"), move |fx| {
            fx.diary.search_foods(query.clone(), "en".into(), 10)
        });
    }
    for (what, query, language, limit) in [
        ("a NUL in the query", NUL.to_string(), "en".to_string(), 10),
        ("control characters", CONTROL.to_string(), "de".to_string(), 10),
        ("a language of 10 MB (read as English)", "bread".to_string(), huge(), 10),
        ("a language the table has no names in (read as English)", "bread".to_string(), "x-klingon".to_string(), 10),
        ("a limit of u32::MAX (at most 100)", "bread".to_string(), "en".to_string(), u32::MAX),
        ("a limit of 0", "bread".to_string(), "en".to_string(), 0),
    ] {
        t.add("search_foods", what, Want::Tolerated, move |fx| {
            let hits = fx.diary.search_foods(query.clone(), language.clone(), limit)?;
            assert!(hits.len() <= 100 && hits.len() <= limit as usize);
            Ok(hits.len())
        });
    }
    for id in bad_ids().into_iter().chain(["BREAD-EGG-CHALLAH".to_string(), "bread-egg-challah\0".into()]) {
        t.add("food", format!("id {:?}", short(&id)), Want::BadId, move |fx| fx.diary.food(id.clone()));
    }
    let mut bad_foods: Vec<(String, &str, NewCustomFood)> = Vec::new();
    for (what, text) in bad_texts() {
        bad_foods.push((format!("name {what}"), "custom_food.name", NewCustomFood { name: text, ..custom_food() }));
    }
    for value in non_finite_and_extreme().into_iter().filter(|v| !(*v >= 0.0 && *v <= 900.0)) {
        bad_foods.push((
            format!("{value} kcal per 100 g"),
            "energy_kcal",
            NewCustomFood { per_100g: Nutrients { energy_kcal: Some(value), ..nutrients() }, ..custom_food() },
        ));
        bad_foods.push((
            format!("{value} g protein per 100 g"),
            "protein_g",
            NewCustomFood { per_100g: Nutrients { protein_g: Some(value), ..nutrients() }, ..custom_food() },
        ));
    }
    for value in non_finite_and_extreme() {
        bad_foods.push((
            format!("a portion of {value} g"),
            "portions[0].grams",
            NewCustomFood { portions: vec![Portion { name: "1 bowl".into(), grams: value }], ..custom_food() },
        ));
    }
    for nova in [0, 5, u8::MAX] {
        bad_foods.push((format!("NOVA {nova}"), "nova", NewCustomFood { nova, ..custom_food() }));
    }
    for gi in [0, 111, u8::MAX] {
        bad_foods.push((format!("GI {gi}"), "gi", NewCustomFood { gi: Some(gi), ..custom_food() }));
    }
    bad_foods.push((
        "11 portions".into(),
        "portions",
        NewCustomFood {
            portions: (0..11).map(|i| Portion { name: format!("p{i}"), grams: 10.0 }).collect(),
            ..custom_food()
        },
    ));
    bad_foods.push((
        "a million portions".into(),
        "portions",
        NewCustomFood { portions: vec![Portion { name: "p".into(), grams: 10.0 }; 1_000_000], ..custom_food() },
    ));
    bad_foods.push((
        "a portion named twice".into(),
        "portions[1].name",
        NewCustomFood {
            portions: vec![Portion { name: "p".into(), grams: 10.0 }, Portion { name: "p".into(), grams: 20.0 }],
            ..custom_food()
        },
    ));
    bad_foods.push((
        "a portion name with NUL".into(),
        "portions[0].name",
        NewCustomFood { portions: vec![Portion { name: NUL.into(), grams: 10.0 }], ..custom_food() },
    ));
    bad_foods.push(("a species of 10 MB".into(), "species", NewCustomFood { species: Some(huge()), ..custom_food() }));
    for (what, field, food) in bad_foods {
        let f = food.clone();
        t.add("add_custom_food", what.clone(), Want::Invalid(field), move |fx| fx.diary.add_custom_food(f.clone()));
        let id = food_id.clone();
        t.add("update_custom_food", what, Want::Invalid(field), move |fx| {
            fx.diary.update_custom_food(id.clone(), food.clone())
        });
    }
    for id in bad_ids().into_iter().map(Arc::new) {
        let i = id.clone();
        t.add("update_custom_food", format!("id {:?}", short(&id)), Want::BadId, move |fx| {
            fx.diary.update_custom_food(i.to_string(), custom_food())
        });
        let i = id.clone();
        t.add("delete_custom_food", format!("id {:?}", short(&id)), Want::BadId, move |fx| {
            fx.diary.delete_custom_food(i.to_string())
        });
        let i = id.clone();
        t.add("undelete_custom_food", format!("id {:?}", short(&id)), Want::BadId, move |fx| {
            fx.diary.undelete_custom_food(i.to_string())
        });
        let i = id.clone();
        t.add("update_saved_meal", format!("id {:?}", short(&id)), Want::BadId, move |fx| {
            fx.diary.update_saved_meal(i.to_string(), saved(vec![free("x")]))
        });
        let i = id.clone();
        t.add("delete_saved_meal", format!("id {:?}", short(&id)), Want::BadId, move |fx| {
            fx.diary.delete_saved_meal(i.to_string())
        });
        let i = id.clone();
        t.add("log_saved_meal", format!("id {:?}", short(&id)), Want::BadId, move |fx| {
            fx.diary.log_saved_meal(i.to_string(), when(), "Europe/Berlin".into(), None)
        });
        let i = id.clone();
        t.add("add_meal_items", format!("id {:?}", short(&id)), Want::BadId, move |fx| {
            fx.diary.add_meal_items(i.to_string(), vec![free("x")])
        });
        let i = id.clone();
        t.add("photo", format!("id {:?}", short(&id)), Want::BadId, move |fx| fx.diary.photo(i.to_string()));
        let i = id.clone();
        t.add("tag_photo", format!("id {:?}", short(&id)), Want::BadId, move |fx| {
            fx.diary.tag_photo(i.to_string(), vec!["x".into()])
        });
        let i = id.clone();
        t.add("untag_photo", format!("id {:?}", short(&id)), Want::BadId, move |fx| {
            fx.diary.untag_photo(i.to_string(), vec!["x".into()])
        });
        let i = id.clone();
        t.add("delete_photo", format!("id {:?}", short(&id)), Want::BadId, move |fx| {
            fx.diary.delete_photo(i.to_string())
        });
        let i = id.clone();
        t.add("undelete_photo", format!("id {:?}", short(&id)), Want::BadId, move |fx| {
            fx.diary.undelete_photo(i.to_string())
        });
        let i = id.clone();
        t.add("photos_of_entry", format!("id {:?}", short(&id)), Want::BadId, move |fx| {
            fx.diary.photos_of_entry(i.to_string())
        });
        let i = id.clone();
        t.add("update_reminder", format!("id {:?}", short(&id)), Want::BadId, move |fx| {
            fx.diary.update_reminder(i.to_string(), reminder(ReminderKind::GutCheckIn, daily(&["09:00"])))
        });
        let i = id.clone();
        t.add("delete_reminder", format!("id {:?}", short(&id)), Want::BadId, move |fx| {
            fx.diary.delete_reminder(i.to_string())
        });
        let i = id.clone();
        t.add("undelete_reminder", format!("id {:?}", short(&id)), Want::BadId, move |fx| {
            fx.diary.undelete_reminder(i.to_string())
        });
        let i = id.clone();
        t.add("reminder", format!("id {:?}", short(&id)), Want::BadId, move |fx| fx.diary.reminder(i.to_string()));
    }
    // A saved meal's id is only ever a saved meal's.
    for (what, id) in [("an entry's id", meal_id.clone()), ("a custom food's id", food_id.clone())] {
        let i = id.clone();
        t.add("delete_saved_meal", what, Want::NotFound, move |fx| fx.diary.delete_saved_meal(i.clone()));
        t.add("delete_photo", what, Want::NotFound, move |fx| fx.diary.delete_photo(id.clone()));
    }
    let mut bad_meals: Vec<(String, &str, NewSavedMeal)> = Vec::new();
    for (what, text) in bad_texts() {
        bad_meals.push((
            format!("name {what}"),
            "saved_meal.name",
            NewSavedMeal { name: text, ..saved(vec![free("x")]) },
        ));
    }
    bad_meals.push(("no items".into(), "saved_meal.items", saved(vec![])));
    bad_meals.push(("41 items".into(), "saved_meal.items", saved(vec![free("x"); 41])));
    bad_meals.push(("NaN grams".into(), "saved_meal.items[0].amount.grams", saved(vec![grams(f64::NAN)])));
    bad_meals.push(("-inf slices".into(), "saved_meal.items[0].amount.count", saved(vec![slices(f64::NEG_INFINITY)])));
    bad_meals.push((
        "an unknown food".into(),
        "saved_meal.items[0].food_id",
        saved(vec![food_item("no-such-food", Amount::Grams { grams: 1.0 })]),
    ));
    bad_meals.push((
        "a tag of 10 MB".into(),
        "saved_meal.tags[0]",
        NewSavedMeal { tags: vec![huge()], ..saved(vec![free("x")]) },
    ));
    for (what, field, m) in bad_meals {
        let mm = m.clone();
        t.add("save_meal", what.clone(), Want::Invalid(field), move |fx| fx.diary.save_meal(mm.clone()));
        let id = saved_id.clone();
        t.add("update_saved_meal", what, Want::Invalid(field), move |fx| {
            fx.diary.update_saved_meal(id.clone(), m.clone())
        });
    }
    for (what, instant) in bad_instants() {
        let id = saved_id.clone();
        t.add("log_saved_meal", format!("at {what}"), Want::Invalid("occurred_at"), move |fx| {
            fx.diary.log_saved_meal(id.clone(), instant, "Europe/Berlin".into(), None)
        });
    }
    for zone in bad_zones() {
        let id = saved_id.clone();
        t.add("log_saved_meal", format!("zone {:?}", short(&zone)), Want::Invalid("time_zone"), move |fx| {
            fx.diary.log_saved_meal(id.clone(), when(), zone.clone(), Some(MealKind::Dinner))
        });
    }
    {
        let id = meal_id.clone();
        t.add("add_meal_items", "no items", Want::Invalid("items"), move |fx| {
            fx.diary.add_meal_items(id.clone(), vec![])
        });
        let id = meal_id.clone();
        t.add("add_meal_items", "a million items", Want::Invalid("meal.items"), move |fx| {
            fx.diary.add_meal_items(id.clone(), vec![free("x"); 1_000_000])
        });
        let id = skin_id.clone();
        t.add("add_meal_items", "to a skin check-in", Want::Invalid("entry_id"), move |fx| {
            fx.diary.add_meal_items(id.clone(), vec![free("x")])
        });
        for value in non_finite_and_extreme() {
            let id = meal_id.clone();
            t.add("add_meal_items", format!("{value} grams"), Want::Invalid("grams"), move |fx| {
                fx.diary.add_meal_items(id.clone(), vec![grams(value)])
            });
        }
        let id = meal_id.clone();
        t.add("add_meal_items", "an item of 10 MB", Want::Invalid("text"), move |fx| {
            fx.diary.add_meal_items(id.clone(), vec![free(&huge())])
        });
    }
    for value in non_finite_and_extreme() {
        t.add("meal_intake", format!("{value} grams"), Want::Invalid("items[0].amount.grams"), move |fx| {
            fx.diary.meal_intake(vec![grams(value)])
        });
        t.add("meal_intake", format!("{value} slices"), Want::Invalid("items[0].amount.count"), move |fx| {
            fx.diary.meal_intake(vec![slices(value)])
        });
    }
    t.add("meal_intake", "a million items", Want::Invalid("items"), |fx| {
        fx.diary.meal_intake(vec![grams(1.0); 1_000_000])
    });
    t.add("meal_intake", "a food id of 10 MB", Want::Invalid("items[0].food_id"), |fx| {
        fx.diary.meal_intake(vec![food_item(&huge(), Amount::Grams { grams: 1.0 })])
    });
    t.add("meal_intake", "no items (nothing to add up)", Want::Tolerated, |fx| fx.diary.meal_intake(vec![]));
    // Labels come from an on-device model: whatever it says, unknown labels and non-finite or low
    // confidences are ignored (documented), and what comes back is sane.
    for (what, labels, limit) in [
        (
            "NaN, infinite and negative confidences",
            vec![
                label("Pizza", f64::NAN),
                label("Salad", f64::INFINITY),
                label("Bread", f64::NEG_INFINITY),
                label("Sushi", -1.0),
            ],
            10,
        ),
        ("a confidence of 1e308 (read as 1)", vec![label("Pizza", 1e308)], 10),
        ("a label of 10 MB", vec![label(&huge(), 0.9)], 10),
        ("labels with NUL and control characters", vec![label("Piz\0za", 0.9), label(CONTROL, 0.9)], 10),
        ("100,000 labels", vec![label("Pizza", 0.9); 100_000], 10),
        ("a limit of u32::MAX", vec![label("Pizza", 0.9)], u32::MAX),
        ("no labels", vec![], 10),
    ] {
        t.add("food_suggestions", what, Want::Tolerated, move |fx| {
            let s = fx.diary.food_suggestions(labels.clone(), limit)?;
            assert!(s.len() <= 100);
            assert!(s.iter().all(|s| s.confidence.is_finite() && (0.3..=1.0).contains(&s.confidence)), "{s:?}");
            Ok(s.len())
        });
    }

    // ---- photos
    let photo = |path: &str| NewPhoto {
        path: path.into(),
        local_ref: None,
        taken_at: Some(when()),
        subject: PhotoSubject::Skin { area: BodyArea::Face, check_in_id: None },
        tags: vec![],
    };
    for (what, path) in [
        ("an empty path", String::new()),
        ("a missing file", fx.path("missing.png")),
        ("a folder", fx.dir.to_str().unwrap().to_string()),
        ("a text file", fx.not_an_image.clone()),
        ("an empty file", fx.empty_file.clone()),
        ("a NUL in the path", fx.path("face\0.png")),
        ("a path of 10 MB", huge()),
    ] {
        t.add("attach_photo", what, Want::Invalid("photo.path"), move |fx| fx.diary.attach_photo(photo(&path)));
    }
    for (what, text) in bad_texts().into_iter().filter(|(w, _)| *w != "empty") {
        let p = NewPhoto { local_ref: Some(text.clone()), ..photo(&fx.png) };
        t.add("attach_photo", format!("local_ref {what}"), Want::Invalid("photo.local_ref"), move |fx| {
            fx.diary.attach_photo(p.clone())
        });
        let p = NewPhoto { tags: vec![text], ..photo(&fx.png) };
        t.add("attach_photo", format!("tag {what}"), Want::Invalid("photo.tags[0]"), move |fx| {
            fx.diary.attach_photo(p.clone())
        });
    }
    for (what, instant) in bad_instants() {
        let p = NewPhoto { taken_at: Some(instant), ..photo(&fx.png) };
        t.add("attach_photo", format!("taken at {what}"), Want::Invalid("photo.taken_at"), move |fx| {
            fx.diary.attach_photo(p.clone())
        });
    }
    for id in bad_ids() {
        let p = NewPhoto { subject: PhotoSubject::Meal { entry_id: id.clone() }, ..photo(&fx.png) };
        t.add(
            "attach_photo",
            format!("meal id {:?}", short(&id)),
            Want::Invalid("photo.subject.entry_id"),
            move |fx| fx.diary.attach_photo(p.clone()),
        );
        let p = NewPhoto {
            subject: PhotoSubject::Skin { area: BodyArea::Face, check_in_id: Some(id.clone()) },
            ..photo(&fx.png)
        };
        t.add(
            "attach_photo",
            format!("check-in id {:?}", short(&id)),
            Want::Invalid("photo.subject.check_in_id"),
            move |fx| fx.diary.attach_photo(p.clone()),
        );
    }
    {
        let p = NewPhoto { subject: PhotoSubject::Meal { entry_id: skin_id.clone() }, ..photo(&fx.png) };
        t.add("attach_photo", "a meal photo of a skin check-in", Want::Invalid("photo.subject.entry_id"), move |fx| {
            fx.diary.attach_photo(p.clone())
        });
        let p = NewPhoto { tags: (0..100_000).map(|i| format!("t{i}")).collect(), ..photo(&fx.png) };
        t.add("attach_photo", "100,000 tags", Want::Invalid("photo.tags"), move |fx| fx.diary.attach_photo(p.clone()));
    }
    for (what, tags) in [
        ("an empty tag", vec![String::new()]),
        ("a tag of 10 MB", vec![huge()]),
        ("a tag with NUL", vec![NUL.to_string()]),
        ("a tag with control characters", vec![CONTROL.to_string()]),
        ("100,000 tags", (0..100_000).map(|i| format!("t{i}")).collect()),
    ] {
        let (id, tg) = (photo_id.clone(), tags.clone());
        t.add("tag_photo", what, Want::Invalid("tags"), move |fx| fx.diary.tag_photo(id.clone(), tg.clone()));
        let id = photo_id.clone();
        t.add("untag_photo", what, Want::Invalid("tags"), move |fx| fx.diary.untag_photo(id.clone(), tags.clone()));
    }
    {
        let id = photo_id.clone();
        t.add("tag_photo", "20 more tags than it may have", Want::Invalid("tags"), move |fx| {
            fx.diary.tag_photo(id.clone(), (0..20).map(|i| format!("t{i}")).collect())
        });
    }

    // ---- privacy: encryption, backups, wipe
    let garbage_paths = |fx: &Fx| {
        vec![
            ("an empty path", String::new()),
            ("a folder", fx.dir.to_str().unwrap().to_string()),
            ("a NUL in the path", fx.path("x\0.sqlite")),
            ("a path of 10 MB", huge()),
            ("\":memory:\"", ":memory:".to_string()),
        ]
    };
    for (what, path) in garbage_paths(fx) {
        let p = path.clone();
        t.add("open_encrypted", what, Want::Invalid("path"), move |fx| {
            Diary::open_encrypted(p.clone(), fx.good_key.clone()).map(|_| "opened")
        });
        let p = path.clone();
        t.add("diary_file_kind", what, Want::Invalid("path"), move |_| gutskin_ffi::diary_file_kind(p.clone()));
        let p = path.clone();
        t.add("backup_info", what, Want::Invalid("path"), move |_| gutskin_ffi::backup_info(p.clone()));
        let p = path.clone();
        t.add("wipe_diary_files", what, Want::Invalid("path"), move |_| gutskin_ffi::wipe_diary_files(p.clone()));
        let p = path.clone();
        t.add("backup_to_file", what, Want::Invalid("path"), move |fx| {
            fx.diary.backup_to_file(p.clone(), BackupSecret::Key { key: fx.good_key.clone() })
        });
        t.add("restore_from_file", what, Want::Invalid("path"), move |fx| {
            fx.diary.restore_from_file(path.clone(), BackupSecret::Key { key: fx.good_key.clone() }, true)
        });
    }
    t.add("wipe_diary_files", "a missing file (nothing to remove)", Want::Tolerated, |fx| {
        gutskin_ffi::wipe_diary_files(fx.path("never-was.sqlite")).map(|r| r.removed_files.len())
    });
    for (what, key) in bad_keys() {
        let k = key.clone();
        t.add("open_encrypted", format!("a key of {what}"), Want::Invalid("key"), move |fx| {
            Diary::open_encrypted(fx.path("diary.sqlite"), k.clone()).map(|_| "opened")
        });
        let k = key.clone();
        t.add("encrypt", format!("a key of {what}"), Want::Invalid("key"), move |fx| fx.diary.encrypt(k.clone()));
        let k = key.clone();
        t.add("rekey", format!("a key of {what}"), Want::Invalid("key"), move |fx| fx.diary.rekey(k.clone()));
        let k = key.clone();
        t.add("backup_to_file", format!("a key of {what}"), Want::Invalid("key"), move |fx| {
            fx.diary.backup_to_file(fx.path("out.backup"), BackupSecret::Key { key: k.clone() })
        });
        t.add("restore_from_file", format!("a key of {what}"), Want::Invalid("key"), move |fx| {
            fx.diary.restore_from_file(fx.key_backup.clone(), BackupSecret::Key { key: key.clone() }, true)
        });
    }
    t.add("open_encrypted", "a plain diary with a key", Want::Encryption(EncryptionFailure::NotEncrypted), |fx| {
        Diary::open_encrypted(fx.path("diary.sqlite"), fx.good_key.clone()).map(|_| "opened")
    });
    t.add("decrypt", "a diary that is not encrypted", Want::Encryption(EncryptionFailure::NotEncrypted), |fx| {
        fx.diary.decrypt()
    });
    t.add("rekey", "a diary that is not encrypted", Want::Encryption(EncryptionFailure::NotEncrypted), |fx| {
        fx.diary.rekey(fx.good_key.clone())
    });
    for (what, passphrase) in [
        ("an empty passphrase", String::new()),
        ("a passphrase of 7 characters", "1234567".to_string()),
        ("a passphrase of 10 MB", huge()),
        ("a passphrase with NUL", "correct\0horse".to_string()),
    ] {
        t.add("backup_to_file", what, Want::Invalid("passphrase"), move |fx| {
            fx.diary.backup_to_file(fx.path("out.backup"), BackupSecret::Passphrase { passphrase: passphrase.clone() })
        });
    }
    for (what, name) in [
        ("a file of garbage", "garbage.jsonl"),
        ("an empty file", "empty.jsonl"),
        ("an image", "face.png"),
        ("an export", "snapshot.jsonl"),
        ("a backup cut short", "cut.backup"),
        ("a backup with a flipped byte", "flipped.backup"),
    ] {
        let path = fx.path(name);
        let p = path.clone();
        t.add("restore_from_file", what, Want::Encryption(EncryptionFailure::DamagedBackup), move |fx| {
            fx.diary.restore_from_file(p.clone(), BackupSecret::Key { key: fx.good_key.clone() }, true)
        });
        if !name.ends_with(".backup") {
            t.add("backup_info", what, Want::Encryption(EncryptionFailure::DamagedBackup), move |_| {
                gutskin_ffi::backup_info(path.clone())
            });
        }
    }
    t.add("restore_from_file", "another key", Want::Encryption(EncryptionFailure::WrongKey), |fx| {
        fx.diary.restore_from_file(fx.key_backup.clone(), BackupSecret::Key { key: vec![1; 32] }, true)
    });
    t.add(
        "restore_from_file",
        "a passphrase for a backup sealed with the key",
        Want::Encryption(EncryptionFailure::KeyNeeded),
        |fx| {
            fx.diary.restore_from_file(
                fx.key_backup.clone(),
                BackupSecret::Passphrase { passphrase: "correct horse".into() },
                true,
            )
        },
    );
    t.add(
        "restore_from_file",
        "a good backup without replace (the diary holds entries)",
        Want::Invalid("replace"),
        |fx| fx.diary.restore_from_file(fx.key_backup.clone(), BackupSecret::Key { key: fx.good_key.clone() }, false),
    );

    // ---- reminders
    let mut bad_reminders: Vec<(String, &str, NewReminder)> = vec![
        ("no times".into(), "schedule.times", reminder(ReminderKind::SkinCheckIn, daily(&[]))),
        ("a time of 25:00".into(), "schedule.times[0]", reminder(ReminderKind::SkinCheckIn, daily(&["25:00"]))),
        (
            "a time of 10 MB".into(),
            "schedule.times[0]",
            reminder(ReminderKind::SkinCheckIn, Schedule::Daily { times: vec![huge()] }),
        ),
        ("a time with NUL".into(), "schedule.times[0]", reminder(ReminderKind::SkinCheckIn, daily(&["08:00\0"]))),
        (
            "a million times".into(),
            "schedule.times",
            reminder(ReminderKind::SkinCheckIn, Schedule::Daily { times: vec!["08:00".into(); 1_000_000] }),
        ),
        (
            "no weekdays".into(),
            "schedule.weekdays",
            reminder(ReminderKind::SkinCheckIn, Schedule::Weekdays { weekdays: vec![], times: vec!["08:00".into()] }),
        ),
        (
            "a million weekdays".into(),
            "schedule.weekdays",
            reminder(
                ReminderKind::SkinCheckIn,
                Schedule::Weekdays { weekdays: vec![Weekday::Monday; 1_000_000], times: vec!["08:00".into()] },
            ),
        ),
        (
            "every 0 days".into(),
            "schedule.every_days",
            reminder(
                ReminderKind::SkinCheckIn,
                Schedule::EveryNDays { every_days: 0, start_date: "2025-06-10".into(), times: vec!["08:00".into()] },
            ),
        ),
        (
            "every u32::MAX days".into(),
            "schedule.every_days",
            reminder(
                ReminderKind::SkinCheckIn,
                Schedule::EveryNDays {
                    every_days: u32::MAX,
                    start_date: "2025-06-10".into(),
                    times: vec!["08:00".into()],
                },
            ),
        ),
        (
            "a course ending before it starts".into(),
            "schedule.end_date",
            reminder(
                ReminderKind::SkinCheckIn,
                Schedule::Course {
                    start_date: "2025-06-10".into(),
                    end_date: "2025-06-01".into(),
                    times: vec!["08:00".into()],
                },
            ),
        ),
        (
            "quiet hours of 24:61".into(),
            "quiet_hours",
            NewReminder {
                quiet_hours: Some(QuietHours { start: "24:61".into(), end: "07:00".into() }),
                ..reminder(ReminderKind::SkinCheckIn, daily(&["08:00"]))
            },
        ),
        (
            "quiet the whole time".into(),
            "quiet_hours",
            NewReminder {
                quiet_hours: Some(QuietHours { start: "00:00".into(), end: "23:59".into() }),
                ..reminder(ReminderKind::SkinCheckIn, daily(&["08:00"]))
            },
        ),
        (
            "a fixed zone of nowhere".into(),
            "time_zone.zone",
            NewReminder {
                time_zone: ReminderZone::Fixed { zone: "Mars/Olympus_Mons".into() },
                ..reminder(ReminderKind::SkinCheckIn, daily(&["08:00"]))
            },
        ),
        (
            "a dose without a name".into(),
            "kind.name",
            reminder(ReminderKind::Dose { dose: DoseKind::Medicine, name: String::new() }, daily(&["08:00"])),
        ),
        (
            "a custom reminder of 10 MB".into(),
            "kind.text",
            reminder(ReminderKind::Custom { text: huge() }, daily(&["08:00"])),
        ),
        (
            "a title of 10 MB".into(),
            "title",
            NewReminder { title: Some(huge()), ..reminder(ReminderKind::SkinCheckIn, daily(&["08:00"])) },
        ),
        (
            "a body with NUL".into(),
            "body",
            NewReminder { body: Some(NUL.into()), ..reminder(ReminderKind::SkinCheckIn, daily(&["08:00"])) },
        ),
    ];
    for date in bad_dates() {
        bad_reminders.push((
            format!("a start date {:?}", short(&date)),
            "schedule.start_date",
            reminder(
                ReminderKind::SkinCheckIn,
                Schedule::EveryNDays { every_days: 2, start_date: date, times: vec!["08:00".into()] },
            ),
        ));
    }
    for (what, field, r) in bad_reminders {
        let rr = r.clone();
        t.add("add_reminder", what.clone(), Want::Invalid(field), move |fx| fx.diary.add_reminder(rr.clone()));
        let rr = r.clone();
        let id = reminder_id.clone();
        t.add("update_reminder", what.clone(), Want::Invalid(field), move |fx| {
            fx.diary.update_reminder(id.clone(), rr.clone())
        });
        t.add("validate_reminder", what, Want::Invalid(field), move |_| gutskin_ffi::validate_reminder(r.clone()));
    }
    let now = SystemTime::now();
    for (what, until) in bad_instants().into_iter().chain([
        ("now", now),
        ("an hour ago", now - Duration::from_secs(3600)),
        ("in 367 days", now + Duration::from_secs(367 * 24 * 3600)),
    ]) {
        t.add("pause_reminders", format!("until {what}"), Want::Invalid("until"), move |fx| {
            fx.diary.pause_reminders(until)
        });
    }
    let bad_notifications: Vec<String> = bad_ids()
        .into_iter()
        .chain([
            format!("{reminder_id}/2025-02-30/08:00"),
            format!("{reminder_id}/2025-06-10/25:00"),
            format!("{reminder_id}/2025-06-10"),
            format!("{reminder_id}/9999-99-99/08:00"),
            format!("{reminder_id}/2025-06-10/08:00/extra"),
            "not-a-uuid/2025-06-10/08:00".into(),
            format!("/{}/2025-06-10/08:00", "/".repeat(100)),
        ])
        .collect();
    for id in bad_notifications {
        let label = format!("id {:?}", short(&id));
        let i = id.clone();
        t.add("snooze_notification", label.clone(), Want::Invalid("notification_id"), move |fx| {
            fx.diary.snooze_notification(i.clone(), 10)
        });
        let i = id.clone();
        t.add("notification_delivered", label.clone(), Want::Invalid("notification_id"), move |fx| {
            fx.diary.notification_delivered(i.clone(), when())
        });
        t.add("notification_acted_on", label, Want::Invalid("notification_id"), move |fx| {
            fx.diary.notification_acted_on(id.clone(), when())
        });
    }
    for minutes in [0, 1441, u32::MAX] {
        let id = fx.notification.clone();
        t.add("snooze_notification", format!("{minutes} minutes"), Want::Invalid("minutes"), move |fx| {
            fx.diary.snooze_notification(id.clone(), minutes)
        });
    }
    for (what, instant) in bad_instants() {
        let id = fx.notification.clone();
        t.add("notification_delivered", format!("at {what}"), Want::Invalid("at"), move |fx| {
            fx.diary.notification_delivered(id.clone(), instant)
        });
        let id = fx.notification.clone();
        t.add("notification_acted_on", format!("at {what}"), Want::Invalid("at"), move |fx| {
            fx.diary.notification_acted_on(id.clone(), instant)
        });
        t.add("plan_reminders", format!("from {what}"), Want::Invalid("from"), move |fx| {
            fx.diary.plan_reminders(instant, 7, 64, "Europe/Berlin".into())
        });
    }
    for zone in bad_zones() {
        t.add("plan_reminders", format!("zone {:?}", short(&zone)), Want::Invalid("time_zone"), move |fx| {
            fx.diary.plan_reminders(when(), 7, 64, zone.clone())
        });
    }
    for (what, days, cap) in [
        ("a horizon of 0 days", 0, 64),
        ("a horizon of u32::MAX days", u32::MAX, 64),
        ("a horizon of 367 days", 367, 64),
        ("a cap of 0", 7, 0),
    ] {
        let want = if cap == 0 { Want::Invalid("cap") } else { Want::Invalid("horizon_days") };
        t.add("plan_reminders", what, want, move |fx| {
            fx.diary.plan_reminders(when(), days, cap, "Europe/Berlin".into())
        });
    }
    t.add("plan_reminders", "a cap of u32::MAX (as many as there are)", Want::Tolerated, |fx| {
        fx.diary.plan_reminders(when(), 7, u32::MAX, "Europe/Berlin".into()).map(|p| p.notifications.len())
    });
    // plan_note_text returns text, never an error: garbage zones and locales fall back (UTC, English).
    for (what, note, zone, locale) in [
        (
            "a pause until the latest SystemTime",
            PlanNote::Paused { until: at(i64::MAX) },
            "Europe/Berlin".to_string(),
            "de".to_string(),
        ),
        (
            "a pause until the earliest SystemTime",
            PlanNote::Paused { until: at(-i64::MAX) },
            "Europe/Berlin".to_string(),
            "en".to_string(),
        ),
        ("a zone and locale of 10 MB", PlanNote::Paused { until: when() }, huge(), huge()),
        (
            "a zone and locale with NUL",
            PlanNote::Capped { cap: u32::MAX, left_out: u32::MAX },
            NUL.to_string(),
            NUL.to_string(),
        ),
        (
            "a reason of 10 MB",
            PlanNote::InvalidReminder { reminder_id: huge(), field: huge(), reason: huge() },
            "UTC".to_string(),
            "en".to_string(),
        ),
        (
            "a back-off of u32::MAX",
            PlanNote::BackedOff { reminder_id: String::new(), ignored_days: u32::MAX, every: 0 },
            String::new(),
            String::new(),
        ),
        (
            "a course that ended on no date",
            PlanNote::CourseEnded { reminder_id: String::new(), end_date: "9999-99-99".into() },
            String::new(),
            String::new(),
        ),
    ] {
        t.add("plan_note_text", what, Want::Tolerated, move |_| {
            let text = gutskin_ffi::plan_note_text(note.clone(), zone.clone(), locale.clone());
            assert!(!text.is_empty());
            Ok::<_, GutskinError>(short(&text))
        });
    }
    let _ = (skin_id, stress_id);
    t
}

/// Exported calls with nothing to malform (no argument, or only an enum or a bool), and why.
const NO_INPUT: &[(&str, &str)] = &[
    ("open_in_memory", "no argument"),
    ("device_id", "no argument"),
    ("profile", "no argument"),
    ("sync_status", "no argument"),
    ("schema_version", "no argument"),
    ("new_sync_key", "no argument"),
    ("food_boosts", "no argument"),
    ("custom_foods", "a bool"),
    ("saved_meals", "no argument"),
    ("photo_timeline", "an enum"),
    ("reminders", "a bool"),
    ("resume_reminders", "no argument"),
    ("reminders_paused_until", "no argument"),
    ("is_encrypted", "no argument"),
    ("new_diary_key", "no argument"),
    ("wipe", "no argument (and it deletes the diary: that is what it is for)"),
];

// ------------------------------------------------------------------------------------------ the tests

#[test]
fn every_call_answers_garbage_with_a_typed_error_and_leaves_the_diary_unchanged() {
    let fx = Fx::new();
    let table = cases(&fx);
    let mut before = fx.snapshot();
    let mut failures = Vec::new();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    // Panics are caught and reported as failures (the panic hook still prints them, captured).
    let mut slowest: Vec<(Duration, String)> = Vec::new();
    for case in &table.0 {
        *counts.entry(case.call).or_default() += 1;
        let started = std::time::Instant::now();
        let outcome = catch_unwind(AssertUnwindSafe(|| (case.run)(&fx)));
        slowest.push((started.elapsed(), format!("{} ({})", case.call, short(&case.what))));
        let outcome = match outcome {
            Ok(outcome) => outcome,
            Err(panic) => {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                failures.push(format!("{} ({}): PANICKED: {}", case.call, case.what, short(&message)));
                continue;
            }
        };
        if !matches(case.want, &outcome) {
            failures.push(format!(
                "{} ({}): wanted {:?}, got {}",
                case.call,
                case.what,
                case.want,
                short(&format!("{outcome:?}"))
            ));
        }
        if let Err(err) = &outcome
            && err.to_string().chars().count() > MAX_ERROR_CHARS
        {
            failures.push(format!(
                "{} ({}): the error message is {} characters long",
                case.call,
                case.what,
                err.to_string().len()
            ));
        }
        let after = fx.snapshot();
        if after != before {
            failures.push(format!("{} ({}): the diary changed: {}", case.call, case.what, before.difference(&after)));
            // Compare the next case with what this one left, so each change is named once.
            before = after;
        }
    }
    slowest.sort();
    eprintln!("{} cases over {} calls; the slowest:", table.0.len(), counts.len());
    for (took, case) in slowest.iter().rev().take(15) {
        eprintln!("  {took:>10.2?}  {case}");
    }
    assert!(failures.is_empty(), "{} of {} cases failed:\n{}", failures.len(), table.0.len(), failures.join("\n"));
    drop(table);

    // Not wedged: the diary still takes and returns entries after all that.
    let logged = fx.diary.log_entry(entry(EntryDetails::Water { ml: 250 })).unwrap();
    assert_eq!(fx.diary.entry(logged.id.clone()).unwrap(), logged);
    assert_eq!(fx.diary.entries_between("2025-06-10".into(), "2025-06-10".into(), None, false).unwrap().len(), 4);
}

/// Every function bindings/src exports through uniffi, as the Kotlin and Swift guards find them.
fn exported_calls() -> BTreeSet<String> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = vec![];
    let mut dirs = vec![src];
    while let Some(dir) = dirs.pop() {
        for item in std::fs::read_dir(&dir).unwrap() {
            let path = item.unwrap().path();
            if path.is_dir() {
                if path.file_name().is_some_and(|n| n != "bin") {
                    dirs.push(path);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                files.push(path);
            }
        }
    }
    let pub_fn = |line: &str| {
        let rest = line.trim_start().strip_prefix("pub fn ")?;
        Some(rest.split(|c: char| !(c.is_alphanumeric() || c == '_')).next()?.to_string())
    };
    let mut found = BTreeSet::new();
    for file in files {
        let text = std::fs::read_to_string(&file).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        for (i, line) in lines.iter().enumerate() {
            if !line.trim().starts_with("#[uniffi::export") {
                continue;
            }
            let mut j = i + 1;
            while j < lines.len() && {
                let l = lines[j].trim();
                l.starts_with("///") || l.starts_with("#[") || l.is_empty()
            } {
                j += 1;
            }
            let Some(item) = lines.get(j).map(|l| l.trim()) else { continue };
            if item.starts_with("impl") {
                let mut depth = 0i32;
                for (k, line) in lines.iter().enumerate().skip(j) {
                    if depth == 1
                        && let Some(name) = pub_fn(line)
                    {
                        found.insert(name);
                    }
                    depth += line.matches('{').count() as i32 - line.matches('}').count() as i32;
                    if depth == 0 && k > j {
                        break;
                    }
                }
            } else if let Some(name) = pub_fn(item) {
                found.insert(name);
            }
        }
    }
    found
}

#[test]
fn every_exported_call_is_in_the_table() {
    let exported = exported_calls();
    assert!(
        exported.len() >= 60,
        "found only {} exported calls; is the parser still right? {exported:?}",
        exported.len()
    );
    let fx = Fx::new();
    let mut covered: HashMap<&str, usize> = HashMap::new();
    for case in &cases(&fx).0 {
        *covered.entry(case.call).or_default() += 1;
    }
    let no_input: BTreeSet<&str> = NO_INPUT.iter().map(|(name, _)| *name).collect();
    let missing: Vec<&String> = exported
        .iter()
        .filter(|name| !covered.contains_key(name.as_str()) && !no_input.contains(name.as_str()))
        .collect();
    assert!(missing.is_empty(), "exported, but neither in the malformed-input table nor in NO_INPUT: {missing:?}");
    let stale: Vec<&str> =
        covered.keys().copied().chain(no_input.iter().copied()).filter(|name| !exported.contains(*name)).collect();
    assert!(stale.is_empty(), "in the table but not exported (renamed or removed?): {stale:?}");
}
