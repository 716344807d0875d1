//! What each fuzz target checks, one function per target, so that the targets in `fuzz_targets/`
//! stay one line and `tests/corpus.rs` replays the committed corpus through the same checks on
//! stable Rust (tests/run-all.sh), without cargo-fuzz or libFuzzer. Every check takes the raw
//! bytes; each panics when what it asserts is broken, which is what the fuzzer reports.

use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use arbitrary::{Arbitrary, Unstructured};
use gutskin_core::foods::SearchBoosts;
use gutskin_core::foods::labels::{MIN_LABEL_CONFIDENCE, suggest_foods};
use gutskin_core::photos::{pixel_size, sniff};
use gutskin_core::sync::SyncKey;
use gutskin_core::{BackupSecret, Diary, EntryDetails, ImageFormat, ImageLabel, NewEntry, fuzzing};

/// A target's check of one input: panics when what it asserts is broken.
pub type Check = fn(&[u8]);

/// Every target by name (its `fuzz_targets/<name>.rs` and `corpus/<name>/`) with its check.
pub const TARGETS: &[(&str, Check)] = &[
    ("import_jsonl", import_jsonl),
    ("sync_object", sync_object),
    ("sync_payload", sync_payload),
    ("sync_merge", sync_merge),
    ("backup_file", backup_file),
    ("backup_restore", backup_restore),
    ("photo_labels", photo_labels),
    ("image_sniff", image_sniff),
    ("recovery_code", recovery_code),
];

/// JSON Lines import (`Diary::import_jsonl`) of arbitrary bytes: an import that fails writes
/// nothing (the change position stays where it was); one that succeeds, imported again, adds
/// nothing and writes nothing. One diary serves every input, so what earlier inputs imported is
/// there, as in a real diary.
pub fn import_jsonl(data: &[u8]) {
    static DIARY: OnceLock<Diary> = OnceLock::new();
    let d = DIARY.get_or_init(|| Diary::open_in_memory().expect("an in-memory diary"));
    let before = d.change_position().unwrap();
    match d.import_jsonl(&mut &data[..]) {
        Err(_) => assert_eq!(d.change_position().unwrap(), before, "a failed import wrote something"),
        Ok(_) => {
            let after = d.change_position().unwrap();
            let again = d.import_jsonl(&mut &data[..]).expect("what imported once imports again");
            assert_eq!(
                (again.imported, again.custom_foods_imported, again.saved_meals_imported, again.photos_imported),
                (0, 0, 0, 0),
                "a second import added records: {again:?}"
            );
            assert_eq!((again.reminders_imported, again.profile_imported), (0, false), "{again:?}");
            assert_eq!(d.change_position().unwrap(), after, "a second import wrote something");
        }
    }
}

/// Sealed sync objects (changesets, snapshots, progress, photo files) of arbitrary bytes: the
/// clear header, then opening under the targets' key and decoding the payload. Never a panic.
pub fn sync_object(data: &[u8]) {
    let _ = fuzzing::open_sync_object(data);
}

/// The payload of a sync object (after decryption and inflation) of arbitrary bytes, read as a
/// changeset, snapshot or progress payload (one that decodes survives encode and decode unchanged)
/// and as a retirements list.
pub fn sync_payload(data: &[u8]) {
    let _ = fuzzing::decode_payload(data);
    let _ = fuzzing::decode_retirements(data);
}

/// What a peer device with the sync key could publish: arbitrary payload bytes, sealed as its
/// changeset and merged by `Diary::sync`. The diary is never hurt by it: afterwards it still
/// reads, exports and takes a new entry.
pub fn sync_merge(data: &[u8]) {
    let d = Diary::open_in_memory().expect("an in-memory diary");
    let peer = uuid::Uuid::from_u128(0x0190_a3c4_0000_7000_8000_0000_0000_0001);
    let _ = fuzzing::sync_with_changeset(&d, peer, data);
    d.export_jsonl(&mut std::io::sink()).expect("the diary exports after a merge");
    d.entries_between("2000-01-01", "2100-12-31", None, true).expect("the diary reads after a merge");
    d.reminders(true).expect("the reminders read after a merge");
    d.profile().expect("the profile reads after a merge");
    d.log_entry(NewEntry {
        occurred_at: SystemTime::now() - Duration::from_secs(60),
        time_zone: "UTC".into(),
        utc_offset_minutes: None,
        note: None,
        tags: vec![],
        details: EntryDetails::Water { ml: 200 },
    })
    .expect("the diary takes an entry after a merge");
}

/// Backup files of arbitrary bytes: the clear header, then opening with the targets' key and
/// inflating. Never a panic. (Opening with a key never runs Argon2: a passphrase backup asks for
/// its passphrase first.)
pub fn backup_file(data: &[u8]) {
    let _ = fuzzing::open_backup(data);
}

/// Arbitrary bytes as the diary image inside a backup sealed under the targets' key, restored
/// into a diary: a damaged or foreign image is refused (restoring into an in-memory diary stops
/// before a file would be replaced), and the diary it was restored into is unchanged.
pub fn backup_restore(data: &[u8]) {
    let sealed = fuzzing::seal_backup(data);
    let d = Diary::open_in_memory().expect("an in-memory diary");
    let secret = BackupSecret::Key { key: fuzzing::KEY.to_vec() };
    let _ = d.restore(&sealed, &secret, true);
    assert_eq!(d.change_position().expect("the diary still reads"), 0);
}

/// What an on-device image labeler could hand over, built from the bytes.
#[derive(Debug, Arbitrary)]
struct Labels {
    labels: Vec<(String, f64)>,
    recent: Vec<String>,
    favourite: Vec<String>,
    limit: u8,
}

/// Label suggestions from any label text, any confidence (NaN, infinities, negatives), any boosts
/// and limit: at most `limit` suggestions, each with a finite confidence between the threshold and
/// 1, each food once, most confident first.
pub fn photo_labels(data: &[u8]) {
    let Ok(input) = Labels::arbitrary_take_rest(Unstructured::new(data)) else { return };
    let labels: Vec<ImageLabel> =
        input.labels.into_iter().map(|(label, confidence)| ImageLabel { label, confidence }).collect();
    let boosts = SearchBoosts { recent_ids: input.recent, favourite_ids: input.favourite };
    let limit = usize::from(input.limit);
    let out = suggest_foods(&labels, &boosts, limit);
    assert!(out.len() <= limit);
    let mut seen = std::collections::HashSet::new();
    for s in &out {
        assert!(s.confidence.is_finite() && (MIN_LABEL_CONFIDENCE..=1.0).contains(&s.confidence), "{s:?}");
        assert!(seen.insert(s.food.id.clone()), "{} twice", s.food.id);
    }
    assert!(out.windows(2).all(|w| w[0].confidence >= w[1].confidence));
}

/// The first bytes of an image file: the format sniffed, and the pixel size read for every format
/// (not only the sniffed one). A size is never zero.
pub fn image_sniff(data: &[u8]) {
    let _ = sniff(data);
    for format in [ImageFormat::Jpeg, ImageFormat::Png, ImageFormat::Heif, ImageFormat::Webp] {
        if let Some((w, h)) = pixel_size(format, data) {
            assert!(w > 0 && h > 0, "{format:?} read as {w}x{h}");
        }
    }
}

/// Recovery codes as typed on another device: any text. A code that reads as a key is that key's
/// code, read again the same.
pub fn recovery_code(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else { return };
    if let Ok(key) = SyncKey::from_recovery_code(text) {
        let again = SyncKey::from_recovery_code(&key.recovery_code()).expect("a key's own code reads");
        assert_eq!(again.as_bytes(), key.as_bytes());
    }
}
