//! The diary's public API: logging, reading, editing, deleting, summaries, and the errors.

mod common;

use common::*;
use gutskin_core::*;

#[test]
fn a_logged_entry_reads_back_as_stored() {
    let d = diary();
    let mut input = meal("2026-11-25T11:30:00Z", MealKind::Lunch, &["  lentil soup ", "rye bread"]);
    input.note = Some("  at the office  ".into());
    input.tags = vec!["Work".into(), "work ".into(), "batch-cooked".into()];
    let logged = d.log_entry(input).unwrap();

    assert_eq!(logged.local_date, "2026-11-25");
    assert_eq!(logged.utc_offset_minutes, 60, "Berlin in November");
    assert_eq!(logged.note.as_deref(), Some("at the office"));
    assert_eq!(logged.tags, ["batch-cooked", "work"]);
    assert_eq!(
        logged.details,
        EntryDetails::Meal {
            meal: MealKind::Lunch,
            items: vec![
                MealItem::FreeText { text: "lentil soup".into() },
                MealItem::FreeText { text: "rye bread".into() }
            ]
        }
    );
    assert_eq!(uuid_version(&logged.id), 7);
    assert_eq!(d.entry(&logged.id).unwrap(), logged);
    assert_eq!(d.entries_on("2026-11-25").unwrap(), vec![logged]);
    assert!(d.entries_on("2026-11-24").unwrap().is_empty());
}

fn uuid_version(id: &str) -> u8 {
    u8::from_str_radix(&id[14..15], 16).unwrap()
}

#[test]
fn the_local_day_is_where_the_entry_was_logged() {
    let d = diary();
    // 23:30 UTC: the 25th in New York, the 26th in Berlin.
    let mut ny = stress("2026-11-25T23:30:00Z", 3);
    ny.time_zone = "America/New_York".into();
    let berlin = stress("2026-11-25T23:30:00Z", 4);
    let ny = d.log_entry(ny).unwrap();
    let berlin = d.log_entry(berlin).unwrap();
    assert_eq!(ny.local_date, "2026-11-25");
    assert_eq!(ny.utc_offset_minutes, -300);
    assert_eq!(berlin.local_date, "2026-11-26");
    assert_eq!(d.entries_on("2026-11-26").unwrap(), vec![berlin]);
}

#[test]
fn an_explicit_offset_is_kept() {
    let d = diary();
    let mut e = stress("2026-11-25T10:00:00Z", 2);
    e.utc_offset_minutes = Some(330);
    assert_eq!(d.log_entry(e).unwrap().utc_offset_minutes, 330);
}

#[test]
fn invalid_input_names_the_field_and_writes_nothing() {
    let d = diary();
    let cases: Vec<(NewEntry, &str)> = vec![
        (stress("2026-11-25T10:00:00Z", 11), "stress.level"),
        (skin("2026-11-25T10:00:00Z", Condition::Acne, 12, None), "skin.ratings[0].severity"),
        (skin("2026-11-25T10:00:00Z", Condition::Acne, 3, Some(11)), "skin.ratings[0].itch"),
        (
            new_entry(
                "2026-11-25T10:00:00Z",
                EntryDetails::GutCheckIn { bristol: Some(8), bloating: None, pain: None },
            ),
            "gut.bristol",
        ),
        (
            new_entry("2026-11-25T10:00:00Z", EntryDetails::GutCheckIn { bristol: None, bloating: None, pain: None }),
            "gut",
        ),
        (new_entry("2026-11-25T10:00:00Z", EntryDetails::Sleep { minutes: 1500, quality: None }), "sleep.minutes"),
        (new_entry("2026-11-25T10:00:00Z", EntryDetails::Sleep { minutes: 420, quality: Some(0) }), "sleep.quality"),
        (new_entry("2026-11-25T10:00:00Z", EntryDetails::Water { ml: 0 }), "water.ml"),
        (
            new_entry("2026-11-25T10:00:00Z", EntryDetails::Activity { activity: ActivityKind::Exercise, minutes: 0 }),
            "activity.minutes",
        ),
        (new_entry("2026-11-25T10:00:00Z", EntryDetails::Note { text: "   ".into() }), "note.text"),
        (
            new_entry(
                "2026-11-25T10:00:00Z",
                EntryDetails::Medication {
                    medication: MedicationKind::Antibiotic,
                    name: "doxycycline".into(),
                    dose: None,
                    course: None,
                },
            ),
            "medication.course",
        ),
        (
            new_entry(
                "2026-11-25T10:00:00Z",
                EntryDetails::Medication {
                    medication: MedicationKind::Antibiotic,
                    name: "doxycycline".into(),
                    dose: None,
                    course: Some(Course { start: "2026-11-20".into(), end: Some("2026-11-10".into()) }),
                },
            ),
            "medication.course.end",
        ),
        (
            new_entry("2026-11-25T10:00:00Z", EntryDetails::SkinCheckIn { ratings: vec![], poem: Some(vec![1, 2, 3]) }),
            "skin.poem",
        ),
        (stress("1999-12-31T23:00:00Z", 3), "occurred_at"),
        (stress("2026-11-27T20:00:01Z", 3), "occurred_at"),
    ];
    for (input, field) in cases {
        match d.log_entry(input) {
            Err(GutskinError::InvalidInput { field: got, reason }) => {
                assert_eq!(got, field, "reason: {reason}");
                assert!(!reason.is_empty());
            }
            other => panic!("{field}: expected InvalidInput, got {other:?}"),
        }
    }
    let mut zone = stress("2026-11-25T10:00:00Z", 3);
    zone.time_zone = "Mars/Olympus".into();
    assert!(matches!(d.log_entry(zone), Err(GutskinError::InvalidInput { field, .. }) if field == "time_zone"));
    let mut long = stress("2026-11-25T10:00:00Z", 3);
    long.note = Some("x".repeat(10 * 1024 * 1024));
    assert!(matches!(d.log_entry(long), Err(GutskinError::InvalidInput { field, .. }) if field == "note"));
    let mut tag = stress("2026-11-25T10:00:00Z", 3);
    tag.tags = vec!["ok".into(), "bad\u{0}tag".into()];
    assert!(matches!(d.log_entry(tag), Err(GutskinError::InvalidInput { field, .. }) if field == "tags[1]"));

    assert!(all_entries(&d).is_empty());
    assert_eq!(d.change_position().unwrap(), 0, "nothing was written");
}

#[test]
fn edits_change_only_the_fields_that_differ() {
    let d = diary();
    let logged = d.log_entry(skin("2026-11-25T08:00:00Z", Condition::Acne, 4, None)).unwrap();
    let before = d.change_position().unwrap();

    let mut edit = logged.to_new_entry();
    edit.note = Some("after the gym".into());
    edit.tags = vec!["gym".into()];
    let edited = d.update_entry(&logged.id, edit).unwrap();
    assert_eq!(edited.note.as_deref(), Some("after the gym"));
    assert_eq!(edited.tags, ["gym"]);
    assert_eq!(edited.details, logged.details);

    let changed: Vec<String> =
        d.changes_since(before).unwrap().into_iter().map(|c| format!("{}.{}", c.table, c.field)).collect();
    assert_eq!(changed, ["entries.note", "entry_tags.entry_id", "entry_tags.tag", "entry_tags.present"]);

    // Handing back the same fields changes nothing.
    let position = d.change_position().unwrap();
    d.update_entry(&logged.id, edited.to_new_entry()).unwrap();
    assert_eq!(d.change_position().unwrap(), position);
}

#[test]
fn moving_an_entry_in_time_moves_it_between_days() {
    let d = diary();
    let logged = d.log_entry(stress("2026-11-24T09:00:00Z", 5)).unwrap();
    let mut edit = logged.to_new_entry();
    edit.occurred_at = instant("2026-11-25T09:00:00Z");
    edit.utc_offset_minutes = None;
    d.update_entry(&logged.id, edit).unwrap();
    assert!(d.entries_on("2026-11-24").unwrap().is_empty());
    assert_eq!(d.entries_on("2026-11-25").unwrap().len(), 1);
}

#[test]
fn the_kind_of_an_entry_cannot_change() {
    let d = diary();
    let logged = d.log_entry(stress("2026-11-25T09:00:00Z", 5)).unwrap();
    let err =
        d.update_entry(&logged.id, new_entry("2026-11-25T09:00:00Z", EntryDetails::Water { ml: 200 })).unwrap_err();
    assert!(matches!(err, GutskinError::InvalidInput { field, .. } if field == "details"));
    assert_eq!(d.entry(&logged.id).unwrap(), logged);
}

#[test]
fn delete_hides_an_entry_and_undelete_brings_it_back() {
    let d = diary();
    let logged = d.log_entry(stress("2026-11-25T09:00:00Z", 5)).unwrap();
    let deleted = d.delete_entry(&logged.id).unwrap();
    assert!(deleted.deleted);
    assert!(d.entries_on("2026-11-25").unwrap().is_empty());
    assert_eq!(d.day_summary("2026-11-25").unwrap().counts.stress, 0);
    // Still there for whoever asks for deleted entries, and by id.
    assert_eq!(d.entries_between("2026-11-25", "2026-11-25", None, true).unwrap().len(), 1);
    assert!(d.entry(&logged.id).unwrap().deleted);

    let restored = d.undelete_entry(&logged.id).unwrap();
    assert_eq!(restored, logged);
    assert_eq!(d.entries_on("2026-11-25").unwrap(), vec![logged]);
}

#[test]
fn unknown_and_malformed_ids() {
    let d = diary();
    let unknown = "01936b2e-0000-7000-8000-000000000000";
    assert!(matches!(d.entry(unknown), Err(GutskinError::NotFound { .. })));
    assert!(matches!(d.delete_entry(unknown), Err(GutskinError::NotFound { .. })));
    assert!(matches!(d.update_entry(unknown, stress("2026-11-25T09:00:00Z", 1)), Err(GutskinError::NotFound { .. })));
    assert!(matches!(d.entry("not-an-id"), Err(GutskinError::InvalidInput { field, .. }) if field == "id"));
    assert!(matches!(d.entries_on("yesterday"), Err(GutskinError::InvalidInput { field, .. }) if field == "date"));
    assert!(
        matches!(d.entries_between("2026-11-25", "2026-11-24", None, false), Err(GutskinError::InvalidInput { field, .. }) if field == "to")
    );
    assert!(
        matches!(d.day_summaries("1900-01-01", "2026-11-24"), Err(GutskinError::InvalidInput { field, .. }) if field == "to")
    );
}

#[test]
fn day_summaries_aggregate_each_local_day() {
    let d = diary();
    d.log_entry(skin("2026-11-24T08:00:00Z", Condition::Acne, 3, None)).unwrap();
    d.log_entry(skin("2026-11-24T19:00:00Z", Condition::Acne, 7, None)).unwrap();
    d.log_entry(new_entry(
        "2026-11-24T20:00:00Z",
        EntryDetails::SkinCheckIn {
            ratings: vec![SkinRating {
                condition: Condition::AtopicDermatitis,
                severity: 5,
                itch: Some(8),
                areas: vec![BodyArea::Hands, BodyArea::Elbows],
            }],
            poem: Some(vec![2, 2, 1, 1, 0, 3, 1]),
        },
    ))
    .unwrap();
    d.log_entry(stress("2026-11-24T09:00:00Z", 4)).unwrap();
    d.log_entry(stress("2026-11-24T15:00:00Z", 8)).unwrap();
    d.log_entry(new_entry("2026-11-24T06:00:00Z", EntryDetails::Sleep { minutes: 390, quality: Some(2) })).unwrap();
    d.log_entry(new_entry(
        "2026-11-24T10:00:00Z",
        EntryDetails::GutCheckIn { bristol: Some(6), bloating: Some(7), pain: None },
    ))
    .unwrap();
    d.log_entry(new_entry(
        "2026-11-24T18:00:00Z",
        EntryDetails::GutCheckIn { bristol: Some(3), bloating: Some(2), pain: Some(1) },
    ))
    .unwrap();
    d.log_entry(new_entry("2026-11-24T12:00:00Z", EntryDetails::Water { ml: 500 })).unwrap();
    d.log_entry(new_entry("2026-11-24T13:00:00Z", EntryDetails::Water { ml: 250 })).unwrap();
    d.log_entry(meal("2026-11-24T12:00:00Z", MealKind::Lunch, &["salad"])).unwrap();
    let gone = d.log_entry(stress("2026-11-24T16:00:00Z", 10)).unwrap();
    d.delete_entry(&gone.id).unwrap();

    let summaries = d.day_summaries("2026-11-23", "2026-11-25").unwrap();
    assert_eq!(
        summaries.iter().map(|s| s.date.as_str()).collect::<Vec<_>>(),
        ["2026-11-23", "2026-11-24", "2026-11-25"]
    );
    assert_eq!(summaries[0].counts, KindCounts::default());
    let day = &summaries[1];
    assert_eq!(
        day.counts,
        KindCounts {
            meals: 1,
            skin_check_ins: 3,
            gut_check_ins: 2,
            stress: 2,
            sleep: 1,
            water: 2,
            ..Default::default()
        }
    );
    assert_eq!(
        day.skin,
        vec![
            ConditionSummary { condition: Condition::Acne, ratings: 2, worst: 7, mean: 5.0, worst_itch: None },
            ConditionSummary {
                condition: Condition::AtopicDermatitis,
                ratings: 1,
                worst: 5,
                mean: 5.0,
                worst_itch: Some(8)
            },
        ]
    );
    assert_eq!(day.poem, Some(PoemScore { score: 10, band: PoemBand::Moderate }));
    assert_eq!(day.stress, Some(StressSummary { max: 8, mean: 6.0 }), "the deleted 10 is left out");
    assert_eq!(day.sleep, Some(SleepSummary { minutes: 390, quality_mean: Some(2.0) }));
    let gut = day.gut.clone().unwrap();
    assert_eq!((gut.check_ins, gut.bristol_min, gut.bristol_max), (2, Some(3), Some(6)));
    assert_eq!(
        (gut.bloating_max, gut.bloating_mean, gut.pain_max, gut.pain_mean),
        (Some(7), Some(4.5), Some(1), Some(1.0))
    );
    assert_eq!(day.water_ml, 750);
    assert_eq!(d.day_summary("2026-11-24").unwrap(), *day);

    let view = d.day("2026-11-24").unwrap();
    assert_eq!(view.summary, *day);
    assert_eq!(view.entries.len(), 11);
    assert!(view.entries.windows(2).all(|w| w[0].occurred_at <= w[1].occurred_at), "oldest first");
}

#[test]
fn entries_between_filters_by_kind() {
    let d = diary();
    d.log_entry(stress("2026-11-20T09:00:00Z", 4)).unwrap();
    d.log_entry(meal("2026-11-21T12:00:00Z", MealKind::Lunch, &["soup"])).unwrap();
    d.log_entry(stress("2026-11-22T09:00:00Z", 6)).unwrap();
    let stress_only = d.entries_between("2026-11-20", "2026-11-22", Some(EntryKind::Stress), false).unwrap();
    assert_eq!(stress_only.len(), 2);
    assert!(stress_only.iter().all(|e| e.kind() == EntryKind::Stress));
    assert_eq!(d.entries_between("2026-11-21", "2026-11-22", None, false).unwrap().len(), 2);
}

#[test]
fn the_profile_defaults_and_validates() {
    let d = diary();
    assert_eq!(d.profile().unwrap(), Profile::default());
    assert_eq!(d.profile().unwrap().daily_energy_kcal, 2000);
    let saved = d
        .set_profile(Profile {
            conditions: vec![Condition::Rosacea, Condition::Acne, Condition::Acne],
            birth_year: Some(1994),
            daily_energy_kcal: 2300,
            locale: "de_DE".into(),
        })
        .unwrap();
    assert_eq!(saved.conditions, [Condition::Acne, Condition::Rosacea]);
    assert_eq!(saved.locale, "de-DE");
    assert_eq!(d.profile().unwrap(), saved);

    for (profile, field) in [
        (Profile { birth_year: Some(1850), ..Profile::default() }, "profile.birth_year"),
        (Profile { birth_year: Some(2031), ..Profile::default() }, "profile.birth_year"),
        (Profile { daily_energy_kcal: 100, ..Profile::default() }, "profile.daily_energy_kcal"),
        (Profile { locale: "english please".into(), ..Profile::default() }, "profile.locale"),
    ] {
        assert!(matches!(d.set_profile(profile), Err(GutskinError::InvalidInput { field: f, .. }) if f == field));
    }
    assert_eq!(d.profile().unwrap(), saved);
}

#[test]
fn the_change_log_lists_every_synced_field_in_order() {
    let clock = TestClock::at("2026-11-25T20:00:00Z");
    let d = Diary::open_with_clock(None, clock.clone()).unwrap();
    let first = d.log_entry(stress("2026-11-25T09:00:00Z", 5)).unwrap();
    let changes = d.changes_since(0).unwrap();
    let fields: Vec<&str> = changes.iter().map(|c| c.field.as_str()).collect();
    assert_eq!(fields, ["kind", "deleted", "occurred_at", "utc_offset_min", "time_zone", "note", "stress"]);
    assert!(changes.iter().all(|c| c.row_id == first.id && c.device_id == d.device_id()));
    assert!(changes.windows(2).all(|w| w[0].position < w[1].position));
    assert_eq!(changes.last().unwrap().value, serde_json::json!(5));

    // A later write stamps a later clock, even when the wall clock has not moved.
    d.delete_entry(&first.id).unwrap();
    let after = d.changes_since(changes.last().unwrap().position).unwrap();
    assert_eq!(after.len(), 1);
    assert_eq!(after[0].field, "deleted");
    assert_eq!(after[0].value, serde_json::json!(1));
    assert!(after[0].stamp > changes[0].stamp);

    // The clock never runs backwards with the wall clock.
    clock.advance(std::time::Duration::from_secs(0));
    let position = d.change_position().unwrap();
    d.undelete_entry(&first.id).unwrap();
    assert!(d.changes_since(position).unwrap()[0].stamp > after[0].stamp);
}

#[test]
fn log_entries_writes_all_or_nothing() {
    let d = diary();
    let logged = d
        .log_entries(vec![stress("2026-11-25T09:00:00Z", 3), meal("2026-11-25T12:00:00Z", MealKind::Lunch, &["soup"])])
        .unwrap();
    assert_eq!(logged.len(), 2);
    assert_eq!(d.entries_on("2026-11-25").unwrap(), logged);

    let err = d.log_entries(vec![stress("2026-11-25T10:00:00Z", 3), stress("2026-11-25T11:00:00Z", 30)]).unwrap_err();
    assert!(
        matches!(err, GutskinError::InvalidInput { ref field, .. } if field == "entries[1].stress.level"),
        "{err:?}"
    );
    assert_eq!(d.entries_on("2026-11-25").unwrap().len(), 2, "the valid first entry was not written either");
}
