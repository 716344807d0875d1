//! Importing JSON Lines: a bad line is reported with its number and nothing is written.

mod common;

use common::*;
use gutskin_core::*;

fn exported(d: &Diary) -> String {
    let mut out = Vec::new();
    d.export_jsonl(&mut out).unwrap();
    String::from_utf8(out).unwrap()
}

fn id_of(line: &str) -> &str {
    let start = line.find("\"id\":\"").unwrap() + 6;
    &line[start..start + 36]
}

fn import(d: &Diary, text: &str) -> Result<ImportReport> {
    d.import_jsonl(&mut text.as_bytes())
}

#[test]
fn a_bad_line_fails_the_whole_import_with_its_number() {
    let source = diary();
    for level in [1, 2, 3, 4] {
        source.log_entry(stress("2026-11-25T09:00:00Z", level)).unwrap();
    }
    let good = exported(&source);
    let lines: Vec<&str> = good.lines().collect();
    assert_eq!(lines.len(), 5, "header + 4 entries");

    let cases: Vec<(String, u64, &str)> = vec![
        (lines[2].replace("\"level\":2", "\"level\":11"), 3, "stress.level"),
        (lines[2].replace("\"level\":2", "\"level\":-1"), 3, "json"),
        ("{not json".to_string(), 3, "json"),
        (lines[2].replace("Europe/Berlin", "Europe/Atlantis"), 3, "time_zone"),
        (lines[2].replace("\"kind\":\"stress\"", "\"kind\":\"teleport\""), 3, "json"),
        (lines[1].to_string(), 3, "id"), // the same id twice
        (lines[2].replace(id_of(lines[2]), "not-a-uuid"), 3, "id"),
    ];
    for (bad, line, field) in cases {
        let mut text: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
        text[2] = bad;
        let target = diary();
        let err = import(&target, &(text.join("\n") + "\n")).unwrap_err();
        match err {
            GutskinError::InvalidImport { line: got, field: f, .. } => {
                assert_eq!((got, f.as_str()), (line, field), "{text:?}");
            }
            other => panic!("expected InvalidImport, got {other:?}"),
        }
        assert!(all_entries(&target).is_empty(), "nothing was written");
        assert_eq!(target.change_position().unwrap(), 0);
    }
}

#[test]
fn the_header_is_required_and_checked() {
    let d = diary();
    assert!(matches!(import(&d, ""), Err(GutskinError::InvalidImport { line: 1, .. })));
    let no_header = r#"{"type":"profile","conditions":[],"daily_energy_kcal":2000,"locale":"en"}"#;
    assert!(
        matches!(import(&d, no_header), Err(GutskinError::InvalidImport { line: 1, field, .. }) if field == "type")
    );
    let newer = format!(r#"{{"type":"header","format":"gutskin-diary","version":{}}}"#, FORMAT_VERSION + 1);
    assert!(
        matches!(import(&d, &newer), Err(GutskinError::InvalidImport { line: 1, field, .. }) if field == "version")
    );
    let other = r#"{"type":"header","format":"someone-elses","version":1}"#;
    assert!(matches!(import(&d, other), Err(GutskinError::InvalidImport { line: 1, field, .. }) if field == "format"));
}

#[test]
fn blank_lines_are_skipped_but_counted() {
    let source = diary();
    source.log_entry(stress("2026-11-25T09:00:00Z", 4)).unwrap();
    let text = exported(&source).replace('\n', "\n\n");
    let target = diary();
    assert_eq!(import(&target, &text).unwrap().imported, 1);
    let broken = text.replace("\"level\":4", "\"level\":40");
    assert!(matches!(import(&diary(), &broken), Err(GutskinError::InvalidImport { line: 3, .. })));
}

#[test]
fn an_overlong_line_is_refused_without_reading_it_all() {
    let d = diary();
    let huge = format!("{{\"type\":\"header\",\"format\":\"{}\"}}\n", "x".repeat(2 << 20));
    assert!(matches!(import(&d, &huge), Err(GutskinError::InvalidImport { line: 1, field, .. }) if field == "line"));
}

#[test]
fn an_import_keeps_the_diarys_own_profile() {
    let source = diary();
    source.set_profile(Profile { conditions: vec![Condition::Psoriasis], ..Profile::default() }).unwrap();
    let target = diary();
    let mine = target.set_profile(Profile { conditions: vec![Condition::Acne], ..Profile::default() }).unwrap();
    let report = import(&target, &exported(&source)).unwrap();
    assert!(!report.profile_imported);
    assert_eq!(target.profile().unwrap(), mine);
}

#[test]
fn reminder_lines_are_checked_like_the_rest() {
    let source = diary();
    let reminder = source
        .add_reminder(reminders::NewReminder::new(
            reminders::ReminderKind::GutCheckIn,
            reminders::Schedule::Daily { times: vec!["09:00".into()] },
        ))
        .unwrap();
    let good = exported(&source);
    let lines: Vec<&str> = good.lines().collect();
    assert_eq!(lines.len(), 2, "header + the reminder");
    assert!(lines[1].starts_with(r#"{"type":"reminder","id":""#), "{}", lines[1]);

    let cases = [
        (lines[1].replace(r#""times":["09:00"]"#, r#""times":[]"#), "schedule.times"),
        (lines[1].replace(r#""type":"daily""#, r#""type":"weekdays","weekdays":[]"#), "schedule.weekdays"),
        (lines[1].replace(r#""type":"gut_check_in""#, r#""type":"nap""#), "json"),
        (lines[1].replace(&reminder.id, "not-a-uuid"), "id"),
    ];
    for (bad, field) in cases {
        let target = diary();
        match import(&target, &format!("{}\n{bad}\n", lines[0])) {
            Err(GutskinError::InvalidImport { line: 2, field: f, .. }) => assert_eq!(f, field, "{bad}"),
            other => panic!("expected InvalidImport on line 2, got {other:?}"),
        }
        assert_eq!(target.change_position().unwrap(), 0, "nothing was written");
    }

    // Imported once, kept as it is after that.
    let target = diary();
    assert_eq!(import(&target, &good).unwrap().reminders_imported, 1);
    assert_eq!(target.reminders(true).unwrap(), vec![reminder]);
    assert_eq!(import(&target, &good).unwrap().reminders_imported, 0);
}

#[test]
fn version_2_files_are_still_read() {
    let d = diary();
    let v2 = concat!(
        r#"{"type":"header","format":"gutskin-diary","version":2}"#,
        "\n",
        r#"{"type":"entry","id":"01a2147a-e98b-7481-a2ee-b134518a89c6","occurred_at":"2025-06-10T16:00:00.000Z","time_zone":"Europe/Berlin","utc_offset_minutes":120,"local_date":"2025-06-10","note":"deadline","tags":[],"deleted":false,"kind":"stress","level":6}"#,
        "\n"
    );
    let report = d.import_jsonl(&mut v2.as_bytes()).unwrap();
    assert_eq!((report.imported, report.reminders_imported), (1, 0));
    assert!(
        exported(&d)
            .starts_with(&format!(r#"{{"type":"header","format":"gutskin-diary","version":{FORMAT_VERSION}}}"#))
    );
    assert_eq!(FORMAT_VERSION, 3);
}

#[test]
fn a_check_says_what_an_import_would_do_and_writes_nothing() {
    let source = diary();
    for level in [1, 2, 3] {
        source.log_entry(stress("2026-11-25T09:00:00Z", level)).unwrap();
    }
    let text = exported(&source);
    let target = diary();
    target.log_entry(stress("2026-11-24T09:00:00Z", 5)).unwrap();
    let position = target.change_position().unwrap();

    let checked = target.check_import_jsonl(&mut text.as_bytes()).unwrap();
    assert_eq!((checked.imported, checked.already_present), (3, 0));
    assert_eq!(all_entries(&target).len(), 1, "nothing was written");
    assert_eq!(target.change_position().unwrap(), position);
    // The check's report is the import's.
    assert_eq!(import(&target, &text).unwrap(), checked);
    let again = target.check_import_jsonl(&mut text.as_bytes()).unwrap();
    assert_eq!((again.imported, again.already_present), (0, 3));

    // A bad line is the same error as the import's, and still nothing is written.
    let bad = text.replace("\"level\":2", "\"level\":11");
    let fresh = diary();
    let err = fresh.check_import_jsonl(&mut bad.as_bytes()).unwrap_err();
    assert!(matches!(err, GutskinError::InvalidImport { ref field, .. } if field == "stress.level"), "{err:?}");
    assert_eq!(fresh.change_position().unwrap(), 0);
}
