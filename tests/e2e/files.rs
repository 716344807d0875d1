//! Files the command must refuse and leave exactly as they were.

use crate::{Home, read};

#[test]
fn a_diary_from_a_newer_version_is_refused_and_left_untouched() {
    let home = Home::new();
    home.log(&["stress", "3"]);
    {
        let conn = rusqlite::Connection::open(home.diary()).unwrap();
        conn.pragma_update(None, "user_version", 99).unwrap();
    }
    let bytes = read(&home.diary());
    for args in [&["day"][..], &["log", "stress", "4"], &["export"], &["demo", "--db", home.diary().to_str().unwrap()]]
    {
        let run = home.run(args);
        run.assert_error(4, "newer version of Gutskin");
        assert!(run.stderr.contains("schema 99"), "{run:?}");
        assert_eq!(read(&home.diary()), bytes, "{args:?}");
    }
}

#[test]
fn a_damaged_file_is_reported_and_left_untouched() {
    let home = Home::new();
    let garbage: Vec<u8> = b"This is not a diary, just some bytes. ".iter().copied().cycle().take(8192).collect();
    std::fs::write(home.diary(), &garbage).unwrap();
    for args in [&["day"][..], &["log", "water", "250"], &["import", "-"]] {
        let run = home.run(args);
        run.assert_error(4, "damaged");
        assert_eq!(read(&home.diary()), garbage, "{args:?}");
    }
    // Someone else's database is not ours to write either.
    let foreign = home.path("other.sqlite");
    {
        let conn = rusqlite::Connection::open(&foreign).unwrap();
        conn.execute_batch("CREATE TABLE notes (text TEXT); INSERT INTO notes VALUES ('hi');").unwrap();
    }
    let bytes = read(&foreign);
    home.run(&["--db", foreign.to_str().unwrap(), "log", "water", "250"]).assert_error(4, "not a Gutskin diary");
    assert_eq!(read(&foreign), bytes);
}

#[test]
fn a_missing_db_file_is_an_error_for_reads() {
    let home = Home::new();
    let missing = home.path("typo.sqlite");
    home.run(&["--db", missing.to_str().unwrap(), "day"]).assert_error(3, "no diary at");
    assert!(!missing.exists());
}
