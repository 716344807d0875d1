//! Export and import: JSON Lines round trips losslessly; a bad line imports nothing; CSV is flat.

use crate::{DAY, Home, id_of, read};

/// A diary with every kind, a deleted entry, an edited one and a profile.
fn filled(home: &Home) {
    let t = |time: &str| format!("{DAY} {time}");
    home.log(&[
        "meal",
        "--meal",
        "breakfast",
        "--item",
        "oats",
        "--item",
        "kefir",
        "--tag",
        "dairy",
        "--at",
        &t("07:30"),
    ]);
    home.log(&[
        "skin",
        "--rate",
        "acne:3",
        "--rate",
        "eczema:5:itch=6",
        "--area",
        "eczema:hands",
        "--poem",
        "0,1,2,3,4,0,1",
        "--at",
        &t("21:00"),
        "--note",
        "line one\nline two",
    ]);
    home.log(&["gut", "--bristol", "5", "--at", &t("09:00")]);
    let stress = home.log(&["stress", "8", "--at", &t("18:00"), "--tag", "work"]);
    home.log(&["sleep", "--hours", "6.25", "--at", &t("06:45")]);
    home.log(&["activity", "meditation", "15", "--at", &t("22:00")]);
    home.log(&[
        "medication",
        "--kind",
        "antibiotic",
        "--name",
        "amoxicillin",
        "--dose",
        "500 mg",
        "--course-start",
        "2025-06-09",
        "--at",
        &t("08:00"),
    ]);
    let water = home.log(&["water", "330", "--at", &t("11:00")]);
    home.log(&["note", "Ünïcødé, \"quotes\", commas; semicolons", "--at", &t("20:00")]);
    home.log(&["water", "250", "--at", "2025-06-11 10:00", "--zone", "America/New_York"]);
    home.ok(&["delete", &id_of(&water)]);
    home.ok(&["edit", &id_of(&stress), "--set", "level=9"]);
    home.ok(&["profile", "set", "--conditions", "acne,atopic_dermatitis", "--birth-year", "1990"]);
}

#[test]
fn jsonl_export_import_export_is_lossless() {
    let home = Home::new();
    filled(&home);
    let first = home.ok(&["export"]);
    assert_eq!(first.lines().count(), 1 + 1 + 10, "header, profile, entries");
    assert!(first.starts_with(r#"{"type":"header","format":"gutskin-diary","version":3}"#));

    let file = home.path("export.jsonl");
    let said = home.ok(&["export", "--out", file.to_str().unwrap()]);
    assert!(said.contains("Exported 10 entries"), "{said}");
    assert_eq!(read(&file), first.as_bytes(), "--out writes what stdout gets");
    assert!(!home.path("export.jsonl.partial").exists());

    let other_path = home.path("other.sqlite");
    let other = other_path.to_str().unwrap();
    // A check says what the import would do and makes no diary.
    let said = home.ok(&["--db", other, "import", "--check", file.to_str().unwrap()]);
    assert!(said.contains("would import 10 entries") && said.contains("Nothing was written"), "{said}");
    assert!(!other_path.exists());
    let report = home.json(&["--db", other, "import", file.to_str().unwrap()]);
    assert_eq!(report["imported"], 10);
    assert_eq!(report["already_present"], 0);
    assert_eq!(report["profile_imported"], true);
    let second = home.ok(&["--db", other, "export"]);
    assert_eq!(second, first);

    // Importing again adds nothing; standard input works too.
    let mut child = home
        .command(&["--json", "--db", other, "import", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(first.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["imported"], 0);
    assert_eq!(report["already_present"], 10);
    assert_eq!(home.ok(&["--db", other, "export"]), first);
    let checked = home.json(&["--db", other, "import", "--check", file.to_str().unwrap()]);
    assert_eq!((&checked["imported"], &checked["already_present"]), (&serde_json::json!(0), &serde_json::json!(10)));
}

#[test]
fn a_bad_line_is_named_and_nothing_is_imported() {
    let home = Home::new();
    home.log(&["stress", "4", "--at", &format!("{DAY} 09:00")]);
    let before = home.ok(&["export"]);
    let diary_bytes = read(&home.diary());

    let good = r#"{"type":"entry","id":"01977a1e-0000-7000-8000-000000000001","occurred_at":"2025-06-10T07:00:00.000Z","time_zone":"Europe/Berlin","utc_offset_minutes":120,"local_date":"2025-06-10","note":null,"tags":[],"deleted":false,"kind":"water","ml":250}"#;
    let bad = good.replace("0001", "0002").replace(r#""kind":"water","ml":250"#, r#""kind":"stress","level":11"#);
    let file = home.path("bad.jsonl");
    std::fs::write(
        &file,
        format!("{{\"type\":\"header\",\"format\":\"gutskin-diary\",\"version\":1}}\n{good}\n{bad}\n{good}\n"),
    )
    .unwrap();
    home.run(&["import", file.to_str().unwrap()]).assert_error(2, "import line 3: invalid stress.level");
    home.run(&["import", "--check", file.to_str().unwrap()]).assert_error(2, "import line 3: invalid stress.level");
    assert_eq!(home.ok(&["export"]), before);
    assert_eq!(read(&home.diary()), diary_bytes);

    // Not JSON at all on line 3.
    std::fs::write(
        &file,
        format!("{{\"type\":\"header\",\"format\":\"gutskin-diary\",\"version\":1}}\n{good}\nnot json\n"),
    )
    .unwrap();
    home.run(&["import", file.to_str().unwrap()]).assert_error(2, "import line 3");
    assert_eq!(home.ok(&["export"]), before);

    home.run(&["import", home.path("missing.jsonl").to_str().unwrap()]).assert_error(1, "could not read");
}

#[test]
fn csv_has_a_header_and_one_row_per_entry() {
    let home = Home::new();
    filled(&home);
    let text = home.ok(&["export", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(&header[..4], ["id", "kind", "occurred_at", "local_date"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 10, "every entry, the deleted one too");
    assert!(rows.iter().all(|r| r.len() == header.len()));
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let of_kind = |kind: &str| rows.iter().find(|r| &r[1] == kind).unwrap();
    let stress = of_kind("stress");
    assert_eq!(&stress[column("stress_level")], "9");
    assert_eq!(&stress[column("tags")], "work");
    assert_eq!(&stress[column("local_time")], "18:00");
    let skin = of_kind("skin_check_in");
    assert_eq!(&skin[column("atopic_dermatitis_itch")], "6");
    assert_eq!(&skin[column("atopic_dermatitis_areas")], "hands");
    assert_eq!(&skin[column("poem_score")], "11");
    assert_eq!(&skin[column("note")], "line one\nline two");
    assert_eq!(&of_kind("meal")[column("items")], "oats; kefir");
    assert_eq!(&of_kind("note")[column("text")], "Ünïcødé, \"quotes\", commas; semicolons");
    let deleted: Vec<&str> = rows.iter().map(|r| &r[column("deleted")]).collect();
    assert_eq!(deleted.iter().filter(|d| **d == "true").count(), 1);
    let ny = rows.iter().find(|r| &r[column("time_zone")] == "America/New_York").unwrap();
    assert_eq!(&ny[column("local_time")], "10:00");
    assert_eq!(&ny[column("utc_offset_minutes")], "-240");
}
