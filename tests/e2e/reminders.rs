//! Reminders: add, list, edit, delete, pause, and `reminders next`, including plans across
//! daylight-saving changes (`--from`) and a logged slot skipped; bad schedules refused.

use serde_json::{Value, json};

use crate::{DAY, Home, id_of};

fn fire_times(plan: &Value) -> Vec<&str> {
    plan["notifications"].as_array().unwrap().iter().map(|n| n["fire_at"].as_str().unwrap()).collect()
}

fn local_times(plan: &Value) -> Vec<&str> {
    plan["notifications"].as_array().unwrap().iter().map(|n| n["local_time"].as_str().unwrap()).collect()
}

#[test]
fn reminders_are_added_listed_edited_and_deleted() {
    let home = Home::new();
    let lunch = home.json(&[
        "reminders",
        "add",
        "meal",
        "--meal",
        "lunch",
        "--at",
        "12:30",
        "--weekdays",
        "mon-fri",
        "--quiet",
        "22:00-07:00",
    ]);
    assert_eq!(lunch["kind"], json!({"type": "meal", "meal": "lunch"}));
    assert_eq!(
        lunch["schedule"],
        json!({"type": "weekdays", "weekdays": ["monday", "tuesday", "wednesday", "thursday", "friday"], "times": ["12:30"]})
    );
    assert_eq!(lunch["quiet_hours"], json!({"start": "22:00", "end": "07:00"}));
    assert_eq!(lunch["time_zone"], json!({"type": "follow_user"}));
    let pill = home.json(&[
        "reminders",
        "add",
        "medicine",
        "--name",
        "Doxycycline",
        "--at",
        "08:00,20:00",
        "--course",
        "2026-11-20..2026-12-03",
        "--fixed-zone",
        "Europe/Berlin",
    ]);
    assert_eq!(
        pill["schedule"],
        json!({"type": "course", "start_date": "2026-11-20", "end_date": "2026-12-03", "times": ["08:00", "20:00"]})
    );
    assert_eq!(pill["time_zone"], json!({"type": "fixed", "zone": "Europe/Berlin"}));

    let text = home.ok(&["reminders", "list"]);
    assert_eq!(text.lines().count(), 2, "{text}");
    assert!(
        text.contains(&format!("{}  lunch log, mon,tue,wed,thu,fri at 12:30, quiet 22:00-07:00", id_of(&lunch))),
        "{text}"
    );
    assert!(
        text.contains("medicine \"Doxycycline\", 2026-11-20..2026-12-03 at 08:00, 20:00, on Europe/Berlin time"),
        "{text}"
    );

    // --at alone keeps the days; --weekdays alone keeps the times.
    let edited = home.json(&["reminders", "edit", &id_of(&lunch), "--at", "13:00", "--title", "Lunch?"]);
    assert_eq!(edited["schedule"]["weekdays"], lunch["schedule"]["weekdays"]);
    assert_eq!(edited["schedule"]["times"], json!(["13:00"]));
    assert_eq!(edited["title"], "Lunch?");
    let edited = home.json(&["reminders", "edit", &id_of(&lunch), "--weekdays", "sat,sun", "--no-quiet", "--disable"]);
    assert_eq!(edited["schedule"], json!({"type": "weekdays", "weekdays": ["saturday", "sunday"], "times": ["13:00"]}));
    assert_eq!((&edited["quiet_hours"], &edited["enabled"]), (&Value::Null, &json!(false)));
    let edited = home.json(&["reminders", "edit", &id_of(&lunch), "--daily", "--enable", "--clear-title"]);
    assert_eq!(edited["schedule"], json!({"type": "daily", "times": ["13:00"]}));
    assert_eq!((&edited["title"], &edited["enabled"]), (&Value::Null, &json!(true)));
    home.run(&["reminders", "edit", &id_of(&lunch)]).assert_error(2, "nothing to change");
    home.run(&["reminders", "edit", &id_of(&lunch), "--name", "x"]).assert_error(2, "--name does not apply");

    let deleted = home.json(&["reminders", "delete", &id_of(&pill)]);
    assert_eq!(deleted["deleted"], true);
    let listed = home.json(&["reminders", "list"]);
    assert_eq!(listed["reminders"].as_array().unwrap().len(), 1);
    assert_eq!(home.json(&["reminders", "list", "--deleted"])["reminders"].as_array().unwrap().len(), 2);
    home.ok(&["reminders", "undelete", &id_of(&pill)]);
    assert_eq!(home.json(&["reminders", "list"])["reminders"].as_array().unwrap().len(), 2);
    home.run(&["reminders", "delete", "019ac0de-0000-7000-8000-000000000001"]).assert_error(3, "reminder");

    // Exported and imported with the rest of the diary.
    let export = home.ok(&["export"]);
    assert_eq!(export.lines().filter(|l| l.starts_with(r#"{"type":"reminder""#)).count(), 2);
    let other = home.path("other.sqlite");
    std::fs::write(home.path("export.jsonl"), &export).unwrap();
    home.ok(&["--db", other.to_str().unwrap(), "import", home.path("export.jsonl").to_str().unwrap()]);
    let imported = home.json(&["--db", other.to_str().unwrap(), "reminders", "list"]);
    assert_eq!(imported["reminders"], home.json(&["reminders", "list"])["reminders"]);
}

#[test]
fn a_bad_schedule_is_refused_with_its_field_and_writes_nothing() {
    let home = Home::new();
    let cases: [(&[&str], &str); 6] = [
        (&["meal", "--meal", "lunch", "--at", "12:30", "--weekdays", ""], "schedule.weekdays"),
        (&["medicine", "--name", "X", "--at", "08:00", "--course", "2026-12-10..2026-12-01"], "schedule.end_date"),
        (&["meal", "--meal", "lunch", "--at", "12:61"], "schedule.times[0]"),
        (&["gut", "--at", "09:00", "--every-days", "0"], "schedule.every_days"),
        (&["skin", "--at", "23:00", "--quiet", "22:00-07:00"], "quiet_hours"),
        (&["skin", "--at", "09:00", "--fixed-zone", "Mars/Olympus"], "time_zone.zone"),
    ];
    for (args, field) in cases {
        let mut all = vec!["reminders", "add"];
        all.extend_from_slice(args);
        home.run(&all).assert_error(2, &format!("invalid {field}: "));
    }
    home.run(&["reminders", "add", "meal", "--at", "12:30"]).assert_error(2, "--meal");
    home.run(&["reminders", "add", "probiotic", "--at", "08:00"]).assert_error(2, "--name");
    home.run(&["reminders", "add", "skin", "--weekdays", "mon"]).assert_error(2, "--at");
    home.run(&["reminders", "add", "skin", "--at", "08:00", "--weekdays", "funday"]).assert_error(2, "--weekdays");
    assert!(!home.diary().exists(), "nothing was written, not even the file");
}

#[test]
fn next_plans_across_daylight_saving_changes() {
    let home = Home::new();
    home.ok(&["reminders", "add", "probiotic", "--name", "L. rhamnosus GG", "--at", "02:30"]);
    // Europe/Berlin springs forward on 2026-03-29 at 02:00: 02:30 does not exist and comes at 03:00.
    let args =
        ["--zone", "Europe/Berlin", "reminders", "next", "--from", "2026-03-28T12:00:00Z", "--horizon-days", "3"];
    let text = home.ok(&args);
    assert_eq!(
        text,
        "Next reminders after 2026-03-28 Sat 13:00 CET (Europe/Berlin):\n\
         \x20 2026-03-29 Sun 03:00 CEST  L. rhamnosus GG: Time for your probiotic?\n\
         \x20 2026-03-30 Mon 02:30 CEST  L. rhamnosus GG: Time for your probiotic?\n\
         \x20 2026-03-31 Tue 02:30 CEST  L. rhamnosus GG: Time for your probiotic?\n"
    );
    let plan = home.json(&args);
    assert_eq!(fire_times(&plan), ["2026-03-29T01:00:00.000Z", "2026-03-30T00:30:00.000Z", "2026-03-31T00:30:00.000Z"]);
    let first = &plan["notifications"][0];
    assert_eq!((&first["slot_date"], &first["slot_time"]), (&json!("2026-03-29"), &json!("02:30")));

    // In New York the clocks fall back on 2026-11-01: 01:30 happens twice and comes once, at the
    // first; 08:00 keeps its wall-clock time on the new offset.
    let home = Home::new();
    home.ok(&["reminders", "add", "meal", "--meal", "breakfast", "--at", "01:30,08:00"]);
    let plan = home.json(&[
        "--zone",
        "America/New_York",
        "reminders",
        "next",
        "--from",
        "2026-10-31T12:00:00Z",
        "--horizon-days",
        "2",
    ]);
    assert_eq!(
        local_times(&plan),
        ["2026-11-01T01:30:00-04:00", "2026-11-01T08:00:00-05:00", "2026-11-02T01:30:00-05:00"]
    );
    assert_eq!(plan["notifications"][0]["weekday"], "sunday");
    assert_eq!(plan["notes"], json!([]));
}

#[test]
fn a_logged_meal_skips_that_days_reminder() {
    let home = Home::new();
    home.ok(&["reminders", "add", "meal", "--meal", "lunch", "--at", "12:30"]);
    home.log(&["meal", "--meal", "lunch", "--item", "soup", "--at", &format!("{DAY} 12:05")]);
    let plan = home.json(&["reminders", "next", "--from", "2025-06-09 20:00", "--horizon-days", "3"]);
    let dates: Vec<&str> =
        plan["notifications"].as_array().unwrap().iter().map(|n| n["slot_date"].as_str().unwrap()).collect();
    assert_eq!(dates, ["2025-06-11", "2025-06-12"], "2025-06-10's lunch is logged");
}

#[test]
fn a_pause_holds_the_plan_until_resumed() {
    let home = Home::new();
    home.ok(&["reminders", "add", "gut", "--at", "09:00"]);
    home.run(&["reminders", "pause", "--for", "3x"]).assert_error(2, "--for");
    home.run(&["reminders", "pause", "--until", "2001-01-01 00:00"]).assert_error(2, "until");
    let said = home.ok(&["reminders", "pause", "--for", "3d"]);
    assert!(said.starts_with("Reminders paused on this device until "), "{said}");
    assert!(home.ok(&["reminders", "list"]).starts_with("Paused on this device until "));
    let plan = home.json(&["reminders", "next", "--horizon-days", "2"]);
    assert_eq!(plan["notifications"], json!([]));
    assert_eq!(plan["notes"][0]["type"], "paused");
    assert!(plan["notes"][0]["text"].as_str().unwrap().contains("until"), "{plan}");

    home.ok(&["reminders", "resume"]);
    assert_eq!(home.json(&["reminders", "list"])["paused_until"], Value::Null);
    let plan = home.json(&["reminders", "next", "--horizon-days", "2", "--count", "1"]);
    assert_eq!(plan["notifications"].as_array().unwrap().len(), 1);
    assert_eq!(plan["notes"][0]["type"], "capped");
}
