//! Logging every kind, reading it back, editing, deleting, and refusing bad input.

use serde_json::json;

use crate::{DAY, Home, id_of};

fn at(time: &str) -> String {
    format!("{DAY} {time}")
}

#[test]
fn every_kind_logs_and_reads_back() {
    let home = Home::new();
    let t = |time: &str| at(time);
    let meal = home.log(&[
        "meal",
        "--meal",
        "lunch",
        "--item",
        "lentil soup",
        "--item",
        "bread",
        "--tag",
        "Homemade",
        "--note",
        "at the office",
        "--at",
        &t("12:30"),
    ]);
    assert_eq!(meal["kind"], "meal");
    assert_eq!(meal["meal"], "lunch");
    assert_eq!(
        meal["items"],
        json!([{"type": "free_text", "text": "lentil soup"}, {"type": "free_text", "text": "bread"}])
    );
    assert_eq!(meal["tags"], json!(["homemade"]));
    assert_eq!(meal["note"], "at the office");
    assert_eq!(meal["occurred_at"], "2025-06-10T10:30:00.000Z");
    assert_eq!(meal["time_zone"], "Europe/Berlin");
    assert_eq!(meal["utc_offset_minutes"], 120);
    assert_eq!(meal["local_date"], DAY);

    let skin = home.log(&[
        "skin",
        "--rate",
        "acne:4",
        "--rate",
        "atopic_dermatitis:6:itch=7",
        "--area",
        "atopic_dermatitis:hands,elbows",
        "--poem",
        "1,2,0,3,1,0,2",
        "--at",
        &t("21:00"),
    ]);
    assert_eq!(skin["kind"], "skin_check_in");
    assert_eq!(
        skin["ratings"],
        json!([
            {"condition": "acne", "severity": 4, "itch": null, "areas": []},
            {"condition": "atopic_dermatitis", "severity": 6, "itch": 7, "areas": ["elbows", "hands"]}
        ])
    );
    assert_eq!(skin["poem"], json!([1, 2, 0, 3, 1, 0, 2]));

    let gut = home.log(&["gut", "--bristol", "4", "--bloating", "3", "--pain", "1", "--at", &t("09:00")]);
    assert_eq!((&gut["bristol"], &gut["bloating"], &gut["pain"]), (&json!(4), &json!(3), &json!(1)));
    let stress = home.log(&["stress", "6", "--at", &t("18:00")]);
    assert_eq!(stress["level"], 6);
    let sleep = home.log(&["sleep", "--hours", "7.5", "--quality", "4", "--at", &t("07:00")]);
    assert_eq!((&sleep["minutes"], &sleep["quality"]), (&json!(450), &json!(4)));
    let sleep2 = home.log(&["sleep", "--minutes", "30", "--at", &t("15:00")]);
    assert_eq!(sleep2["minutes"], 30);
    let activity = home.log(&["activity", "exercise", "30", "--at", &t("17:00")]);
    assert_eq!((&activity["activity"], &activity["minutes"]), (&json!("exercise"), &json!(30)));
    let probiotic = home.log(&[
        "medication",
        "--kind",
        "probiotic",
        "--name",
        "L. rhamnosus GG",
        "--dose",
        "1 capsule",
        "--at",
        &t("08:00"),
    ]);
    assert_eq!(probiotic["medication"], "probiotic");
    assert_eq!(probiotic["dose"], "1 capsule");
    assert_eq!(probiotic["course"], json!(null));
    let antibiotic = home.log(&[
        "medication",
        "--kind",
        "antibiotic",
        "--name",
        "amoxicillin",
        "--course-start",
        "2025-06-08",
        "--course-end",
        "2025-06-14",
        "--at",
        &t("08:05"),
    ]);
    assert_eq!(antibiotic["course"], json!({"start": "2025-06-08", "end": "2025-06-14"}));
    let water = home.log(&["water", "500", "--at", &t("10:00")]);
    assert_eq!(water["ml"], 500);
    let note = home.log(&["note", "new moisturiser", "--at", &t("20:00")]);
    assert_eq!(note["text"], "new moisturiser");

    let day = home.json(&["day", DAY]);
    assert_eq!(day["date"], DAY);
    let entries = day["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 11);
    // Oldest first, and exactly what `log` printed.
    assert_eq!(entries[0]["kind"], "sleep");
    assert!(entries.contains(&meal) && entries.contains(&skin) && entries.contains(&note));
    let counts = &day["summary"]["counts"];
    assert_eq!(counts["meals"], 1);
    assert_eq!(counts["medications"], 2);
    assert_eq!(counts["sleep"], 2);
    assert_eq!(day["summary"]["water_ml"], 500);
    assert_eq!(day["summary"]["poem"]["score"], 9);
    assert_eq!(day["summary"]["poem"]["band"], "moderate");

    let skins = home.json(&["list", "--from", DAY, "--to", DAY, "--kind", "skin"]);
    assert_eq!(skins, json!([skin]));
    let nothing = home.json(&["list", "--from", "2025-06-11", "--to", "2025-06-12"]);
    assert_eq!(nothing, json!([]));

    // The human view shows local times and the summary.
    let text = home.ok(&["day", DAY]);
    assert!(text.contains("12:30  lunch: lentil soup, bread  #homemade"), "{text}");
    assert!(text.contains("POEM 9 (moderate)"), "{text}");
}

#[test]
fn a_diary_with_nothing_yet_reads_as_empty_without_creating_a_file() {
    let home = Home::new();
    assert_eq!(home.json(&["list"]), json!([]));
    assert_eq!(home.json(&["day", DAY])["entries"], json!([]));
    assert!(home.ok(&["day"]).contains("nothing logged"));
    assert!(!home.diary().exists());
}

#[test]
fn edit_delete_and_undelete() {
    let home = Home::new();
    let logged = home.log(&["stress", "5", "--at", &at("09:00"), "--note", "calm"]);
    let id = id_of(&logged);

    let edited = home.json(&["edit", &id, "--set", "level=7", "--tag", "work"]);
    assert_eq!(edited["level"], 7);
    assert_eq!(edited["tags"], json!(["work"]));
    assert_eq!(edited["note"], "calm");

    // "HH:MM" keeps the entry's day; a full date moves it.
    let moved = home.json(&["edit", &id, "--at", "10:15"]);
    assert_eq!(moved["occurred_at"], "2025-06-10T08:15:00.000Z");
    let moved = home.json(&["edit", &id, "--at", "2025-06-11 10:15"]);
    assert_eq!(moved["local_date"], "2025-06-11");
    assert_eq!(home.json(&["day", DAY])["entries"], json!([]));

    let cleared = home.json(&["edit", &id, "--clear-note", "--untag", "work", "--details", r#"{"level": 2}"#]);
    assert_eq!(cleared["note"], json!(null));
    assert_eq!(cleared["tags"], json!([]));
    assert_eq!(cleared["level"], 2);

    let deleted = home.json(&["delete", &id]);
    assert_eq!(deleted["deleted"], true);
    assert_eq!(home.json(&["day", "2025-06-11"])["entries"], json!([]));
    let with_deleted = home.json(&["list", "--from", "2025-06-11", "--to", "2025-06-11", "--deleted"]);
    assert_eq!(with_deleted[0]["id"], id.as_str());
    assert_eq!(with_deleted[0]["deleted"], true);

    let restored = home.json(&["undelete", &id]);
    assert_eq!(restored["deleted"], false);
    assert_eq!(home.json(&["day", "2025-06-11"])["entries"][0]["id"], id.as_str());

    // Meals take plain strings for items.
    let meal = home.log(&["meal", "--meal", "lunch", "--item", "pizza", "--at", &at("13:00")]);
    let meal = home.json(&["edit", &id_of(&meal), "--set", "meal=dinner", "--set", r#"items=["salmon","rice"]"#]);
    assert_eq!(meal["meal"], "dinner");
    assert_eq!(meal["items"], json!([{"type": "free_text", "text": "salmon"}, {"type": "free_text", "text": "rice"}]));
}

#[test]
fn bad_edits_change_nothing() {
    let home = Home::new();
    let logged = home.log(&["stress", "5", "--at", &at("09:00")]);
    let id = id_of(&logged);
    let cases: &[(&[&str], i32, &str)] = &[
        (&["--set", "level=11"], 2, "invalid stress.level: must be 0-10, got 11"),
        (&["--set", "lvl=3"], 2, "has no field \"lvl\""),
        (&["--set", "kind=water"], 2, "kind cannot change"),
        (&["--details", "{not json"], 2, "invalid --details"),
        (&["--untag", "nope"], 2, "no tag"),
        (&["--at", "25:99"], 2, "invalid --at"),
        (&[], 2, "nothing to change"),
    ];
    for (args, code, message) in cases {
        let mut all = vec!["edit", id.as_str()];
        all.extend_from_slice(args);
        home.run(&all).assert_error(*code, message);
    }
    home.run(&["edit", "01936b2e-0000-7000-8000-000000000000", "--note", "x"]).assert_error(3, "not found");
    home.run(&["delete", "01936b2e-0000-7000-8000-000000000000"]).assert_error(3, "not found");
    home.run(&["delete", "not-an-id"]).assert_error(2, "invalid id");
    assert_eq!(home.all_entries(), vec![logged]);
}

#[test]
fn invalid_input_fails_cleanly_and_writes_nothing() {
    let home = Home::new();
    // The documented example, word for word; and no diary file appears.
    let run = home.run(&["log", "stress", "11"]);
    assert_eq!(run.stderr, "error: invalid stress.level: must be 0-10, got 11\n");
    assert_eq!(run.code, 2);
    assert!(!home.diary().exists(), "nothing written, not even a file");

    let first = home.log(&["water", "250", "--at", &at("10:00")]);
    let cases: &[(&[&str], &str)] = &[
        (&["skin", "--rate", "acne:12"], "invalid skin.ratings[0].severity"),
        (&["skin", "--rate", "acne:4:itch=11"], "invalid skin.ratings[0].itch"),
        (&["skin", "--rate", "acne"], "invalid --rate"),
        (&["skin", "--rate", "spots:3"], "invalid --rate"),
        (&["skin"], "give at least one --rate"),
        (&["skin", "--poem", "1,2,3"], "invalid skin.poem"),
        (&["gut", "--bristol", "8"], "invalid gut.bristol"),
        (&["gut"], "invalid gut"),
        (&["water", "0"], "invalid water.ml"),
        (&["water", "9000"], "invalid water.ml"),
        (&["sleep", "--hours", "25"], "invalid sleep.hours"),
        (&["sleep", "--minutes", "2000"], "invalid sleep.minutes"),
        (&["sleep", "--hours", "7", "--quality", "6"], "invalid sleep.quality"),
        (&["activity", "exercise", "0"], "invalid activity.minutes"),
        (&["medication", "--kind", "antibiotic", "--name", "doxycycline"], "invalid medication.course"),
        (
            &[
                "medication",
                "--kind",
                "antibiotic",
                "--name",
                "doxycycline",
                "--course-start",
                "2025-06-10",
                "--course-end",
                "2025-06-01",
            ],
            "invalid medication.course.end",
        ),
        (&["note", "   "], "invalid note.text"),
        (&["stress", "3", "--at", "lunchtime"], "invalid --at"),
        (&["stress", "3", "--at", "2999-01-01 10:00"], "invalid occurred_at"),
        (&["stress", "3", "--zone", "Mars/Olympus"], "invalid --zone"),
        (&["stress", "3", "--tag", "a\u{7}b"], "invalid tags[0]"),
    ];
    for (args, message) in cases {
        let mut all = vec!["log"];
        all.extend_from_slice(args);
        home.run(&all).assert_error(2, message);
    }
    // Usage errors (clap's own messages) also exit with 2.
    for args in [
        &["log", "lunch"][..],
        &["log", "stress", "300"],
        &["log", "meal", "--meal", "brunch"],
        &["frobnicate"],
        &["list", "--kind", "lunch"],
        &["list", "--from", "yesterday-ish"],
    ] {
        let run = home.run(args);
        assert_eq!(run.code, 2, "{args:?}: {run:?}");
        assert!(run.stderr.starts_with("error: "), "{args:?}: {run:?}");
        assert!(!run.stderr.contains("panicked"), "{args:?}: {run:?}");
    }
    assert_eq!(home.all_entries(), vec![first]);
}

#[test]
fn profile_show_and_set() {
    let home = Home::new();
    let shown = home.json(&["profile"]);
    assert_eq!(shown, json!({"conditions": [], "birth_year": null, "daily_energy_kcal": 2000, "locale": "en"}));
    let set = home.json(&[
        "profile",
        "set",
        "--conditions",
        "rosacea,acne",
        "--birth-year",
        "1994",
        "--energy",
        "2200",
        "--locale",
        "de",
    ]);
    assert_eq!(
        set,
        json!({"conditions": ["acne", "rosacea"], "birth_year": 1994, "daily_energy_kcal": 2200, "locale": "de"})
    );
    // Fields not given stay as they are.
    let set = home.json(&["profile", "set", "--clear-birth-year"]);
    assert_eq!(set["birth_year"], json!(null));
    assert_eq!(set["daily_energy_kcal"], 2200);
    home.run(&["profile", "set", "--energy", "100"]).assert_error(2, "invalid profile.daily_energy_kcal");
    home.run(&["profile", "set", "--conditions", "spots"]).assert_error(2, "invalid --conditions");
    assert_eq!(home.json(&["profile"]), set);
    assert!(home.ok(&["profile"]).contains("conditions  acne, rosacea"));
}
