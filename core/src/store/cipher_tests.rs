//! Encryption at rest: opening with and without keys, encrypt, rekey, decrypt, and crashes in the
//! middle of a file swap. The SQLCipher tests run in builds with the `encryption` feature (which
//! `cargo test --workspace` has, through the bindings and the command).

use crate::Diary;
use crate::error::GutskinError;
use crate::privacy::{DiaryFile, DiaryKey, diary_file};

#[cfg(not(feature = "encryption"))]
#[test]
fn a_build_without_sqlcipher_refuses_a_key_instead_of_writing_plain() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.sqlite");
    let err = Diary::open_encrypted(&path, &DiaryKey::generate().unwrap()).unwrap_err();
    assert!(matches!(err, GutskinError::InvalidInput { ref field, .. } if field == "key"), "{err:?}");
    assert_eq!(diary_file(&path).unwrap(), DiaryFile::Missing);
}

#[cfg(feature = "encryption")]
mod sqlcipher {
    use std::path::Path;

    use super::super::CRASH_AT;
    use super::*;
    use crate::error::EncryptionFailure;
    use crate::{EntryDetails, NewEntry, time};

    fn stress(level: u8) -> NewEntry {
        NewEntry {
            occurred_at: time::rfc3339::parse("2026-11-20T09:00:00Z").unwrap(),
            time_zone: "Europe/Berlin".into(),
            utc_offset_minutes: None,
            note: Some("a private note".into()),
            tags: vec!["work".into()],
            details: EntryDetails::Stress { level },
        }
    }

    fn entries(d: &Diary) -> usize {
        d.entries_between("2026-11-01", "2026-11-30", None, true).unwrap().len()
    }

    fn reason(err: GutskinError) -> EncryptionFailure {
        match err {
            GutskinError::Encryption { reason, .. } => reason,
            other => panic!("expected an Encryption error, got {other:?}"),
        }
    }

    fn files_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> =
            std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
    }

    #[test]
    fn an_encrypted_diary_opens_with_its_key_only_and_is_left_untouched_otherwise() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.sqlite");
        let key = DiaryKey::generate().unwrap();
        {
            let d = Diary::open_encrypted(&path, &key).unwrap();
            assert!(d.is_encrypted());
            d.log_entry(stress(4)).unwrap();
        }
        assert_eq!(diary_file(&path).unwrap(), DiaryFile::Encrypted);
        let bytes = std::fs::read(&path).unwrap();
        assert!(!bytes.windows(14).any(|w| w == b"a private note"), "the note is not in the clear");
        let wal = std::fs::read(dir.path().join("d.sqlite-wal")).unwrap_or_default();
        assert!(!wal.windows(14).any(|w| w == b"a private note"), "nor in the WAL");

        assert_eq!(reason(Diary::open(&path).unwrap_err()), EncryptionFailure::KeyNeeded);
        let other = DiaryKey::generate().unwrap();
        assert_eq!(reason(Diary::open_encrypted(&path, &other).unwrap_err()), EncryptionFailure::WrongKey);
        assert_eq!(std::fs::read(&path).unwrap(), bytes, "left byte for byte as it was");
        assert_eq!(entries(&Diary::open_encrypted(&path, &key).unwrap()), 1);

        let plain = dir.path().join("plain.sqlite");
        drop(Diary::open(&plain).unwrap());
        assert_eq!(reason(Diary::open_encrypted(&plain, &key).unwrap_err()), EncryptionFailure::NotEncrypted);
    }

    #[test]
    fn plain_diaries_keep_working_in_an_sqlcipher_build() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.sqlite");
        let d = Diary::open(&path).unwrap();
        assert!(!d.is_encrypted());
        d.log_entry(stress(3)).unwrap();
        drop(d);
        assert_eq!(diary_file(&path).unwrap(), DiaryFile::Plain);
        let conn = rusqlite::Connection::open(&path).unwrap();
        let n: i64 = conn.query_row("SELECT count(*) FROM entries", [], |r| r.get(0)).unwrap();
        assert_eq!(n, 1, "readable by any SQLite");
    }

    #[test]
    fn encrypt_rekey_and_decrypt_lose_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.sqlite");
        let d = Diary::open(&path).unwrap();
        d.log_entries((0..50).map(|i| stress(i % 11)).collect()).unwrap();
        let before = d.entries_between("2026-11-01", "2026-11-30", None, true).unwrap();
        let device = d.device_id();

        let key = DiaryKey::generate().unwrap();
        d.encrypt(&key).unwrap();
        assert!(d.is_encrypted());
        assert_eq!(d.entries_between("2026-11-01", "2026-11-30", None, true).unwrap(), before);
        d.log_entry(stress(9)).unwrap();
        assert!(matches!(d.encrypt(&key), Err(GutskinError::InvalidInput { .. })), "already encrypted");
        assert_eq!(reason(Diary::open(&path).unwrap_err()), EncryptionFailure::KeyNeeded);
        drop(d);
        assert_eq!(diary_file(&path).unwrap(), DiaryFile::Encrypted);
        assert_eq!(files_in(dir.path()), ["d.sqlite"], "no copy left behind");

        let d = Diary::open_encrypted(&path, &key).unwrap();
        assert_eq!(entries(&d), 51);
        assert_eq!(d.device_id(), device, "the same diary, device id and all");
        let new_key = DiaryKey::generate().unwrap();
        d.rekey(&new_key).unwrap();
        d.log_entry(stress(1)).unwrap();
        drop(d);
        assert_eq!(reason(Diary::open_encrypted(&path, &key).unwrap_err()), EncryptionFailure::WrongKey);
        let d = Diary::open_encrypted(&path, &new_key).unwrap();
        assert_eq!(entries(&d), 52);

        d.decrypt().unwrap();
        assert!(!d.is_encrypted());
        d.log_entry(stress(2)).unwrap();
        drop(d);
        assert_eq!(diary_file(&path).unwrap(), DiaryFile::Plain);
        assert_eq!(entries(&Diary::open(&path).unwrap()), 53);
    }

    #[test]
    fn each_change_is_refused_where_it_makes_no_sense() {
        let dir = tempfile::tempdir().unwrap();
        let key = DiaryKey::generate().unwrap();
        let plain = Diary::open(dir.path().join("p.sqlite")).unwrap();
        assert_eq!(reason(plain.rekey(&key).unwrap_err()), EncryptionFailure::NotEncrypted);
        assert_eq!(reason(plain.decrypt().unwrap_err()), EncryptionFailure::NotEncrypted);
        let encrypted = Diary::open_encrypted(dir.path().join("e.sqlite"), &key).unwrap();
        assert!(matches!(encrypted.encrypt(&key), Err(GutskinError::InvalidInput { .. })));
        let memory = Diary::open_in_memory().unwrap();
        assert!(matches!(memory.encrypt(&key), Err(GutskinError::InvalidInput { .. })));
    }

    #[test]
    fn encrypting_is_refused_while_another_connection_has_the_diary_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.sqlite");
        let d = Diary::open(&path).unwrap();
        d.log_entry(stress(4)).unwrap();
        let other = Diary::open(&path).unwrap();
        let err = d.encrypt(&DiaryKey::generate().unwrap()).unwrap_err();
        assert!(matches!(&err, GutskinError::Storage { detail } if detail.contains("open elsewhere")), "{err:?}");
        // Both keep working, the file still plain.
        other.log_entry(stress(5)).unwrap();
        d.log_entry(stress(6)).unwrap();
        assert_eq!(entries(&other), 3);
        drop((d, other));
        assert_eq!(diary_file(&path).unwrap(), DiaryFile::Plain);
        assert_eq!(files_in(dir.path()), ["d.sqlite"]);
    }

    /// A crash before the rename leaves the plain diary whole (and a copy the next try removes);
    /// the rename itself is atomic, and the copy was on disk before it, so a crash after it leaves
    /// the encrypted diary whole.
    #[test]
    fn a_crash_at_any_step_of_encrypting_loses_nothing() {
        for step in ["built", "verified", "renamed"] {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("d.sqlite");
            let d = Diary::open(&path).unwrap();
            d.log_entries((0..20).map(|i| stress(i % 11)).collect()).unwrap();
            let key = DiaryKey::generate().unwrap();
            CRASH_AT.with(|c| c.set(Some(step)));
            let err = d.encrypt(&key).unwrap_err();
            CRASH_AT.with(|c| c.set(None));
            assert!(matches!(&err, GutskinError::Storage { detail } if detail.contains("injected")), "{err:?}");
            drop(d); // the process dies: its connection and locks go

            let d = if step == "renamed" {
                assert_eq!(diary_file(&path).unwrap(), DiaryFile::Encrypted, "{step}");
                assert_eq!(files_in(dir.path()), ["d.sqlite"], "{step}");
                Diary::open_encrypted(&path, &key).unwrap()
            } else {
                assert!(files_in(dir.path()).contains(&"d.sqlite.new".to_string()), "{step}: the copy is left");
                assert_eq!(diary_file(&path).unwrap(), DiaryFile::Plain, "{step}");
                let d = Diary::open(&path).unwrap();
                assert_eq!(entries(&d), 20, "{step}: nothing lost");
                d.encrypt(&key).unwrap();
                d
            };
            assert_eq!(entries(&d), 20, "{step}: nothing lost");
            drop(d);
            assert_eq!(entries(&Diary::open_encrypted(&path, &key).unwrap()), 20);
            assert_eq!(files_in(dir.path()), ["d.sqlite"], "{step}: the copy is gone");
        }
    }

    #[test]
    fn a_failed_swap_leaves_the_diary_open_and_writable_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("d.sqlite");
        let d = Diary::open(&path).unwrap();
        d.log_entry(stress(4)).unwrap();
        // A directory where the copy would go makes building it fail.
        std::fs::create_dir(dir.path().join("d.sqlite.new")).unwrap();
        assert!(d.encrypt(&DiaryKey::generate().unwrap()).is_err());
        std::fs::remove_dir(dir.path().join("d.sqlite.new")).unwrap();
        assert!(!d.is_encrypted());
        d.log_entry(stress(5)).unwrap();
        // Another connection can open it again: the exclusive lock is gone.
        assert_eq!(entries(&Diary::open(&path).unwrap()), 2);
    }
}
