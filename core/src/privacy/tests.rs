use super::*;

#[test]
fn a_key_reads_back_from_its_hex_and_never_prints() {
    let key = DiaryKey::generate().unwrap();
    assert_eq!(DiaryKey::from_hex(&format!("{}\n", key.to_hex())).unwrap(), key);
    assert_eq!(format!("{key:?}"), "DiaryKey(..)");
    assert!(matches!(DiaryKey::from_hex("abc"), Err(GutskinError::InvalidInput { .. })));
    assert!(matches!(DiaryKey::from_hex(&"zz".repeat(32)), Err(GutskinError::InvalidInput { .. })));
    assert!(matches!(DiaryKey::from_bytes(&[1; 31]), Err(GutskinError::InvalidInput { .. })));
    assert_ne!(DiaryKey::generate().unwrap(), key);
}

#[test]
fn a_file_is_told_apart_by_its_header() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("d.sqlite");
    assert_eq!(diary_file(&path).unwrap(), DiaryFile::Missing);
    std::fs::write(&path, b"").unwrap();
    assert_eq!(diary_file(&path).unwrap(), DiaryFile::Missing);
    std::fs::write(&path, b"not a database at all, just some text").unwrap();
    assert_eq!(diary_file(&path).unwrap(), DiaryFile::Unknown);
    std::fs::remove_file(&path).unwrap();
    drop(crate::Diary::open(&path).unwrap());
    assert_eq!(diary_file(&path).unwrap(), DiaryFile::Plain);
}

#[test]
fn wiping_files_removes_the_diary_and_everything_beside_it_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("diary.sqlite");
    for name in ["diary.sqlite", "diary.sqlite-wal", "diary.sqlite-shm", "diary.sqlite.new", "keep.txt"] {
        std::fs::write(dir.path().join(name), b"some bytes").unwrap();
    }
    let report = wipe_files(&path).unwrap();
    assert_eq!(report.removed_files.len(), 4, "{report:?}");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, ["keep.txt"]);
    assert!(wipe_files(&path).unwrap().removed_files.is_empty(), "wiping twice is fine");
}

/// A backup made by the first schema version (its image built from the frozen v1 SQL, sealed as
/// a backup is) restores into today's schema through the normal migrations.
#[test]
fn a_backup_from_the_first_schema_is_upgraded_on_restore() {
    let dir = tempfile::tempdir().unwrap();
    let v1 = dir.path().join("v1.sqlite");
    {
        let conn = rusqlite::Connection::open(&v1).unwrap();
        conn.execute_batch(include_str!("../../tests/fixtures/diary_v1.sql")).unwrap();
    }
    let image = std::fs::read(&v1).unwrap();
    let secret = BackupSecret::Passphrase { passphrase: "correct horse battery".into() };
    let sealed = backup::seal(&image, &secret, 1, 0).unwrap();
    assert_eq!(backup::read_info(&sealed).unwrap().schema_version, 1);

    let path = dir.path().join("new.sqlite");
    let d = crate::Diary::open(&path).unwrap();
    let report = d.restore(&sealed, &secret, false).unwrap();
    assert_eq!((report.entries, report.schema_version_of_backup), (3, 1));
    let entries = d.entries_between("2026-11-01", "2026-11-30", None, true).unwrap();
    assert_eq!(entries.len(), 3);
    assert!(entries.iter().any(|e| e.deleted));
    assert_eq!(d.profile().unwrap().birth_year, Some(1994));
    assert_eq!(d.day_summaries("2026-11-24", "2026-11-25").unwrap()[0].counts.meals, 1, "summaries rebuilt");
    drop(d);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let version: u32 = conn.query_row("PRAGMA user_version", [], |r| r.get(0)).unwrap();
    assert_eq!(version, crate::SCHEMA_VERSION);
}

#[test]
fn a_backup_of_a_newer_schema_is_refused_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let source = crate::Diary::open(dir.path().join("a.sqlite")).unwrap();
    source.with_store(|s| s.execute_for_test(&format!("PRAGMA user_version = {}", crate::SCHEMA_VERSION + 1)));
    let secret = BackupSecret::Key { key: vec![5; 32] };
    let bytes = source.backup(&secret).unwrap();
    let target = crate::Diary::open(dir.path().join("b.sqlite")).unwrap();
    let err = target.restore(&bytes, &secret, false).unwrap_err();
    assert!(matches!(err, GutskinError::NewerSchema { .. }), "{err:?}");
}
