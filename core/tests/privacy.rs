//! Backups, restore and deleting everything, through the public API (docs/privacy.md). Encryption
//! of the diary file itself is tested in store/cipher_tests.rs; the tests here that need SQLCipher
//! run in builds with the `encryption` feature (`cargo test --workspace` has it).

mod common;

use std::fs;
use std::path::Path;

use common::*;
use gutskin_core::privacy::read_backup_info;
use gutskin_core::*;

fn passphrase(p: &str) -> BackupSecret {
    BackupSecret::Passphrase { passphrase: p.into() }
}

fn all(d: &Diary) -> Vec<Entry> {
    d.entries_between("2000-01-01", "2100-01-01", None, true).unwrap()
}

fn files_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> =
        fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    names
}

fn encryption_reason<T: std::fmt::Debug>(result: Result<T>) -> EncryptionFailure {
    match result {
        Err(GutskinError::Encryption { reason, .. }) => reason,
        other => panic!("expected an Encryption error, got {other:?}"),
    }
}

/// A diary with a bit of everything: entries (one deleted, one tagged), a profile, a custom food.
fn filled(path: &Path) -> Diary {
    let d = Diary::open(path).unwrap();
    let kept = d.log_entry(stress("2026-11-20T09:00:00Z", 6)).unwrap();
    d.update_entry(&kept.id, NewEntry { tags: vec!["work".into()], ..stress("2026-11-20T09:00:00Z", 6) }).unwrap();
    let gone = d.log_entry(skin("2026-11-21T09:00:00Z", Condition::Acne, 4, Some(2))).unwrap();
    d.delete_entry(&gone.id).unwrap();
    d.set_profile(Profile { birth_year: Some(1990), ..d.profile().unwrap() }).unwrap();
    d
}

#[test]
fn a_passphrase_backup_moves_the_whole_diary_to_a_new_install() {
    let old_phone = tempfile::tempdir().unwrap();
    let d = filled(&old_phone.path().join("diary.sqlite"));
    let backup = old_phone.path().join("gutskin.backup");
    let info = d.backup_to_file(&backup, &passphrase("correct horse battery")).unwrap();
    assert_eq!(info.sealing, privacy::BackupSealing::Passphrase);
    assert_eq!(info.schema_version, SCHEMA_VERSION);
    assert_eq!(read_backup_info(&backup).unwrap(), info);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(fs::metadata(&backup).unwrap().permissions().mode() & 0o777, 0o600);
    }

    let new_phone = tempfile::tempdir().unwrap();
    let path = new_phone.path().join("diary.sqlite");
    let fresh = Diary::open(&path).unwrap();
    let report = fresh.restore_from_file(&backup, &passphrase("correct horse battery"), false).unwrap();
    assert_eq!(report.entries, 2);
    assert!(!report.encrypted);
    assert_eq!(all(&fresh), all(&d), "every entry, the deleted one and the tags too");
    assert_eq!(fresh.profile().unwrap(), d.profile().unwrap());
    assert_eq!(fresh.device_id(), d.device_id(), "a restore is a move: the same diary");
    // It keeps working, and survives reopening.
    fresh.log_entry(stress("2026-11-22T09:00:00Z", 2)).unwrap();
    drop(fresh);
    assert_eq!(all(&Diary::open(&path).unwrap()).len(), 3);
    assert_eq!(files_in(new_phone.path()), ["diary.sqlite"]);
}

#[test]
fn a_diary_with_entries_is_replaced_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let source = filled(&dir.path().join("a.sqlite"));
    let bytes = source.backup(&passphrase("correct horse battery")).unwrap();
    let target_path = dir.path().join("b.sqlite");
    let target = Diary::open(&target_path).unwrap();
    let mine = target.log_entry(stress("2026-11-01T09:00:00Z", 1)).unwrap();
    let err = target.restore(&bytes, &passphrase("correct horse battery"), false).unwrap_err();
    assert!(matches!(&err, GutskinError::InvalidInput { field, .. } if field == "replace"), "{err:?}");
    assert_eq!(all(&target), std::slice::from_ref(&mine), "nothing changed");

    target.restore(&bytes, &passphrase("correct horse battery"), true).unwrap();
    assert_eq!(all(&target), all(&source));
    assert!(target.entry(&mine.id).is_err(), "replaced, as asked");
}

#[test]
fn a_wrong_passphrase_a_cut_short_or_changed_backup_restore_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let source = filled(&dir.path().join("a.sqlite"));
    let bytes = source.backup(&passphrase("correct horse battery")).unwrap();
    let target_path = dir.path().join("b.sqlite");
    let target = Diary::open(&target_path).unwrap();
    let mine = target.log_entry(stress("2026-11-01T09:00:00Z", 1)).unwrap();

    let wrong = target.restore(&bytes, &passphrase("correct horse battery!"), true);
    assert_eq!(encryption_reason(wrong), EncryptionFailure::WrongPassphrase);
    let key = BackupSecret::Key { key: vec![1; 32] };
    assert_eq!(encryption_reason(target.restore(&bytes, &key, true)), EncryptionFailure::PassphraseNeeded);
    for cut in [0, 10, 60, 100, bytes.len() / 2, bytes.len() - 1] {
        let result = target.restore(&bytes[..cut], &passphrase("correct horse battery"), true);
        assert_eq!(encryption_reason(result), EncryptionFailure::DamagedBackup, "cut at {cut}");
    }
    for at in [20, 45, 90, bytes.len() / 2, bytes.len() - 3] {
        let mut changed = bytes.clone();
        changed[at] ^= 0x40;
        let result = target.restore(&changed, &passphrase("correct horse battery"), true);
        assert!(matches!(result, Err(GutskinError::Encryption { .. })), "byte {at}: {result:?}");
    }
    let not_a_backup = target.restore(b"just some text, long enough to look at", &passphrase("x"), true);
    assert_eq!(encryption_reason(not_a_backup), EncryptionFailure::DamagedBackup);
    assert_eq!(all(&target), [mine], "nothing was written");
    assert_eq!(
        files_in(dir.path()),
        ["a.sqlite", "a.sqlite-shm", "a.sqlite-wal", "b.sqlite", "b.sqlite-shm", "b.sqlite-wal"]
    );
}

#[test]
fn a_backup_of_a_busy_diary_is_one_consistent_snapshot() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("a.sqlite");
    let d = std::sync::Arc::new(Diary::open(&path).unwrap());
    // Another connection (as another process would) writes while backups are taken.
    let writer = {
        let path = path.clone();
        std::thread::spawn(move || {
            let other = Diary::open(&path).unwrap();
            for i in 0..60 {
                other
                    .log_entries((0..5).map(|j| stress("2026-11-20T09:00:00Z", ((i + j) % 11) as u8)).collect())
                    .unwrap();
            }
        })
    };
    let secret = BackupSecret::Key { key: vec![9; 32] };
    let mut sizes = Vec::new();
    for _ in 0..5 {
        let bytes = d.backup(&secret).unwrap();
        let target = Diary::open(dir.path().join(format!("r{}.sqlite", sizes.len()))).unwrap();
        target.restore(&bytes, &secret, false).unwrap();
        let n = all(&target).len();
        assert_eq!(n % 5, 0, "whole transactions only");
        let summary: u32 = target.day_summary("2026-11-20").unwrap().counts.stress;
        assert_eq!(summary as usize, n, "the summaries match the entries of the same snapshot");
        sizes.push(n);
    }
    writer.join().unwrap();
    assert!(sizes.windows(2).all(|w| w[0] <= w[1]), "{sizes:?}");
}

#[test]
fn wipe_removes_everything_of_the_diary_and_names_the_photo_files() {
    let dir = tempfile::tempdir().unwrap();
    let photos = tempfile::tempdir().unwrap();
    let path = dir.path().join("diary.sqlite");
    let d = filled(&path);
    let picture = photos.path().join("breakfast.png");
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend_from_slice(&[0, 0, 0, 4, 0, 0, 0, 3, 8, 2, 0, 0, 0, 0, 0, 0, 0]);
    fs::write(&picture, &png).unwrap();
    d.attach_photo(NewPhoto {
        path: picture.display().to_string(),
        local_ref: Some("content://photos/17".into()),
        taken_at: None,
        subject: PhotoSubject::Skin { area: BodyArea::Face, check_in_id: None },
        tags: vec![],
    })
    .unwrap();
    // Leftovers of an interrupted encrypt are part of the diary too.
    fs::write(dir.path().join("diary.sqlite.new"), b"half a copy").unwrap();
    fs::write(dir.path().join("unrelated.txt"), b"not ours").unwrap();

    let report = d.wipe().unwrap();
    assert_eq!(report.photo_files, ["content://photos/17"]);
    assert!(report.removed_files.iter().any(|f| f.ends_with("diary.sqlite")), "{report:?}");
    assert_eq!(files_in(dir.path()), ["unrelated.txt"], "nothing of the diary is left");
    assert!(picture.exists(), "the app deletes its photo files itself");

    // The object is closed: every call fails, nothing is written anywhere.
    assert!(matches!(d.log_entry(stress("2026-11-20T09:00:00Z", 1)), Err(GutskinError::Storage { .. })));
    assert!(matches!(d.entries_on("2026-11-20"), Err(GutskinError::Storage { .. })));
    drop(d);
    assert_eq!(files_in(dir.path()), ["unrelated.txt"]);
}

#[test]
fn an_in_memory_diary_cannot_be_restored_into_but_can_be_backed_up() {
    let d = diary();
    d.log_entry(stress("2026-11-20T09:00:00Z", 3)).unwrap();
    let bytes = d.backup(&passphrase("correct horse battery")).unwrap();
    let result = diary().restore(&bytes, &passphrase("correct horse battery"), false);
    assert!(matches!(result, Err(GutskinError::InvalidInput { .. })), "{result:?}");
}

#[cfg(feature = "encryption")]
mod encrypted {
    use super::*;

    #[test]
    fn an_encrypted_diary_backs_up_under_its_key_and_restores_encrypted_or_plain() {
        let dir = tempfile::tempdir().unwrap();
        let key = DiaryKey::generate().unwrap();
        let d = filled(&dir.path().join("a.sqlite"));
        d.encrypt(&key).unwrap();
        let secret = BackupSecret::Key { key: key.as_bytes().to_vec() };
        let bytes = d.backup(&secret).unwrap();
        assert!(!bytes.windows(4).any(|w| w == b"work"), "the tag is not in the clear");

        // Into a new encrypted install under the same key.
        let enc_path = dir.path().join("b.sqlite");
        let target = Diary::open_encrypted(&enc_path, &key).unwrap();
        let report = target.restore(&bytes, &secret, false).unwrap();
        assert!(report.encrypted);
        assert_eq!(all(&target), all(&d));
        drop(target);
        assert_eq!(diary_file(&enc_path).unwrap(), DiaryFile::Encrypted);
        assert_eq!(all(&Diary::open_encrypted(&enc_path, &key).unwrap()), all(&d));

        // Into a plain one: the diary restored into decides.
        let plain = Diary::open(dir.path().join("c.sqlite")).unwrap();
        assert!(!plain.restore(&bytes, &secret, false).unwrap().encrypted);
        assert_eq!(all(&plain), all(&d));

        let other = BackupSecret::Key { key: vec![3; 32] };
        assert_eq!(encryption_reason(plain.restore(&bytes, &other, true)), EncryptionFailure::WrongKey);
    }

    #[test]
    fn wipe_of_an_encrypted_diary_and_of_one_whose_key_is_lost() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("diary.sqlite");
        let key = DiaryKey::generate().unwrap();
        let d = Diary::open_encrypted(&path, &key).unwrap();
        d.log_entry(stress("2026-11-20T09:00:00Z", 3)).unwrap();
        drop(d);
        // The key is lost: the diary cannot be opened, but it can be deleted.
        assert_eq!(encryption_reason(Diary::open(&path)), EncryptionFailure::KeyNeeded);
        let report = wipe_files(&path).unwrap();
        assert_eq!(report.removed_files.len(), 1);
        assert!(files_in(dir.path()).is_empty());
    }
}
