//! `gutskin demo`: a fresh demo diary, never the user's own.

use crate::{DAY, Home, read};

#[test]
fn demo_twice_without_db_never_touches_the_diary() {
    let home = Home::new();
    home.log(&["stress", "3", "--at", &format!("{DAY} 09:00")]);
    let diary = read(&home.diary());

    let first = home.json(&["demo"]);
    let demo = home.path("demo.sqlite");
    assert_eq!(first["path"], demo.to_str().unwrap());
    let report = &first["report"];
    assert_eq!(report["days"], 120);
    assert_eq!(report["seed"], 42);
    assert_eq!(report["time_zone"], "Europe/Berlin");
    assert!(report["entries"].as_u64().unwrap() > 1000, "{report}");
    assert!(report["counts"]["skin_check_ins"].as_u64().unwrap() > 80);
    assert_eq!(first["recent_days"].as_array().unwrap().len(), 3);

    // Replaced, not added to: the same size again (give or take entries later today).
    let second = home.json(&["demo", "--seed", "42"]);
    let (a, b) = (first["report"]["entries"].as_i64().unwrap(), second["report"]["entries"].as_i64().unwrap());
    assert!((a - b).abs() < 10, "{a} vs {b}");
    let demo_db = demo.to_str().unwrap();
    let listed = home.json(&["--db", demo_db, "list", "--from", "2000-01-01", "--to", "2100-01-01"]);
    assert_eq!(listed.as_array().unwrap().len() as i64, b);
    let profile = home.json(&["--db", demo_db, "profile"]);
    assert_eq!(profile["conditions"], serde_json::json!(["acne", "atopic_dermatitis"]));

    assert_eq!(read(&home.diary()), diary, "diary.sqlite untouched");
    assert_eq!(home.all_entries().len(), 1);

    let text = home.ok(&["demo", "--days", "10", "--seed", "7"]);
    assert!(text.contains("10 days"), "{text}");
    assert!(text.contains("Recent days"), "{text}");
    assert_eq!(read(&home.diary()), diary);
}

#[test]
fn demo_with_db_uses_that_file_and_refuses_a_diary_with_entries() {
    let home = Home::new();
    let fresh = home.path("fresh.sqlite");
    let out = home.json(&["--db", fresh.to_str().unwrap(), "demo", "--days", "14"]);
    assert_eq!(out["report"]["days"], 14);
    assert!(fresh.exists());
    assert!(!home.diary().exists());

    // Never over someone's diary: that one now holds entries.
    let bytes = read(&fresh);
    home.run(&["--db", fresh.to_str().unwrap(), "demo"]).assert_error(2, "already holds a diary");
    assert_eq!(read(&fresh), bytes);

    home.log(&["water", "250"]);
    let bytes = read(&home.diary());
    home.run(&["--db", home.diary().to_str().unwrap(), "demo"]).assert_error(2, "already holds a diary");
    assert_eq!(read(&home.diary()), bytes);

    home.run(&["demo", "--days", "0"]).assert_error(2, "invalid --days");
}
