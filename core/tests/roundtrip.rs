//! Property tests: any valid entry round-trips through the store and through export/import.

mod common;

use std::time::Duration;

use common::*;
use gutskin_core::reminders::*;
use gutskin_core::*;
use proptest::prelude::*;

fn text(max: usize) -> impl Strategy<Value = String> {
    proptest::string::string_regex(&format!("[A-Za-z0-9äöüßéñ .,'()-]{{1,{max}}}"))
        .unwrap()
        .prop_filter("not blank", |s| !s.trim().is_empty())
}

fn date() -> impl Strategy<Value = String> {
    (2020i32..=2026, 1u32..=12, 1u32..=28).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}"))
}

/// Stands for the test diary's custom food in generated items; replaced by its id before logging.
const CUSTOM: &str = "@custom";

/// A food item: a food of the table (or the custom food) in grams, or a count of one of its portions.
fn food_item() -> impl Strategy<Value = MealItem> {
    let ids =
        vec!["lentils-cooked", "kefir", "bread-rye", "soft-drink-cola", "wine-red", "salmon-baked-or-broiled", CUSTOM];
    (proptest::sample::select(ids), any::<bool>(), 0.1f64..5000.0, 0usize..4, 0.01f64..=4.0).prop_map(
        |(id, by_grams, grams, which, count)| {
            let portions: Vec<String> = if id == CUSTOM {
                vec!["1 bowl".into()]
            } else {
                foods::food_by_id(id).unwrap().portions.into_iter().map(|p| p.name).collect()
            };
            let amount = if by_grams {
                Amount::Grams { grams }
            } else {
                Amount::Portion { name: portions[which % portions.len()].clone(), count }
            };
            MealItem::Food { food_id: id.into(), amount }
        },
    )
}

fn meal_item() -> impl Strategy<Value = MealItem> {
    prop_oneof![text(40).prop_map(|text| MealItem::FreeText { text }), food_item()]
}

/// The test diary's custom food, with a portion the generated items use.
fn custom_food() -> NewCustomFood {
    NewCustomFood {
        name: "Bean soup".into(),
        group: foods::FoodGroup::MixedDishes,
        per_100g: foods::Nutrients {
            energy_kcal: Some(90.0),
            carbohydrate_g: Some(12.5),
            sugars_g: None,
            fibre_g: Some(5.1),
            fat_g: Some(2.0),
            saturated_fat_g: None,
            protein_g: Some(6.0),
            epa_dha_g: None,
            ala_g: Some(0.1),
            alcohol_g: Some(0.0),
        },
        fermented: foods::Fermentation::None,
        probiotic: false,
        prebiotic: true,
        dairy: false,
        nova: 1,
        species: None,
        gi: Some(30),
        portions: vec![foods::Portion { name: "1 bowl".into(), grams: 350.0 }],
    }
}

/// The entry with the custom-food placeholder replaced by `id`.
fn with_custom(mut entry: NewEntry, id: &str) -> NewEntry {
    if let EntryDetails::Meal { items, .. } = &mut entry.details {
        for item in items {
            if let MealItem::Food { food_id, .. } = item
                && food_id == CUSTOM
            {
                *food_id = id.to_string();
            }
        }
    }
    entry
}

fn condition() -> impl Strategy<Value = Condition> {
    proptest::sample::select(Condition::ALL.to_vec())
}

fn details() -> impl Strategy<Value = EntryDetails> {
    prop_oneof![
        (
            proptest::sample::select(vec![
                MealKind::Breakfast,
                MealKind::Lunch,
                MealKind::Dinner,
                MealKind::Snack,
                MealKind::Drink
            ]),
            proptest::collection::vec(meal_item(), 0..6)
        )
            .prop_map(|(meal, items)| EntryDetails::Meal { meal, items }),
        (
            proptest::collection::vec(
                (
                    condition(),
                    0u8..=10,
                    proptest::option::of(0u8..=10),
                    proptest::collection::vec(proptest::sample::select(BodyArea::ALL.to_vec()), 0..4)
                )
                    .prop_map(|(condition, severity, itch, areas)| SkinRating {
                        condition,
                        severity,
                        itch,
                        areas
                    }),
                1..4
            )
            .prop_map(|mut ratings| {
                ratings.sort_by_key(|r| r.condition);
                ratings.dedup_by_key(|r| r.condition);
                ratings
            }),
            proptest::option::of(proptest::collection::vec(0u8..=4, 7))
        )
            .prop_map(|(ratings, poem)| EntryDetails::SkinCheckIn { ratings, poem }),
        (proptest::option::of(1u8..=7), proptest::option::of(0u8..=10), 0u8..=10)
            .prop_map(|(bristol, bloating, pain)| EntryDetails::GutCheckIn { bristol, bloating, pain: Some(pain) }),
        (0u8..=10).prop_map(|level| EntryDetails::Stress { level }),
        (0u32..=1440, proptest::option::of(1u8..=5))
            .prop_map(|(minutes, quality)| EntryDetails::Sleep { minutes, quality }),
        (
            proptest::sample::select(vec![ActivityKind::Exercise, ActivityKind::Meditation, ActivityKind::Breathing]),
            1u32..=1440
        )
            .prop_map(|(activity, minutes)| EntryDetails::Activity { activity, minutes }),
        (
            proptest::sample::select(vec![
                MedicationKind::Probiotic,
                MedicationKind::Prebiotic,
                MedicationKind::Antibiotic,
                MedicationKind::Other
            ]),
            text(60),
            proptest::option::of(text(30)),
            date(),
            proptest::option::of(0u64..30)
        )
            .prop_map(|(medication, name, dose, start, days)| {
                let end = days.map(|_| "2027-01-31".to_string());
                let course =
                    (medication == MedicationKind::Antibiotic || days.is_some()).then_some(Course { start, end });
                EntryDetails::Medication { medication, name, dose, course }
            }),
        (1u32..=5000).prop_map(|ml| EntryDetails::Water { ml }),
        text(300).prop_map(|text| EntryDetails::Note { text }),
    ]
}

fn new_entry_strategy() -> impl Strategy<Value = NewEntry> {
    (
        0u64..(6 * 365 * 24 * 3600),
        proptest::sample::select(vec![
            "Europe/Berlin",
            "America/New_York",
            "Asia/Kolkata",
            "Australia/Sydney",
            "UTC",
            "Pacific/Chatham",
        ]),
        proptest::option::of(-720i32..=840),
        proptest::option::of(text(120)),
        proptest::collection::vec(text(20), 0..5),
        details(),
    )
        .prop_map(|(secs, zone, offset, note, tags, details)| NewEntry {
            // Between 2020-11-25 and 2026-11-24, with sub-millisecond noise the store drops.
            occurred_at: instant("2020-11-25T00:00:00Z")
                + Duration::from_secs(secs)
                + Duration::from_nanos(secs % 1_000_000),
            time_zone: zone.to_string(),
            utc_offset_minutes: offset,
            note,
            tags,
            details,
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_valid_entry_round_trips_through_the_store(input in new_entry_strategy()) {
        let d = diary();
        let custom = d.add_custom_food(custom_food()).unwrap();
        let input = with_custom(input, &custom.id);
        let expected = validate::new_entry(&input, d.now()).unwrap();
        let logged = d.log_entry(input).unwrap();
        prop_assert_eq!(logged.to_new_entry(), expected);
        prop_assert_eq!(&d.entry(&logged.id).unwrap(), &logged);
        let day = d.entries_on(&logged.local_date).unwrap();
        prop_assert_eq!(day, vec![logged.clone()]);
        // Handing the stored entry back changes nothing.
        let position = d.change_position().unwrap();
        prop_assert_eq!(d.update_entry(&logged.id, logged.to_new_entry()).unwrap(), logged);
        prop_assert_eq!(d.change_position().unwrap(), position);
    }

    #[test]
    fn export_then_import_is_lossless(inputs in proptest::collection::vec(new_entry_strategy(), 1..12), delete in proptest::collection::vec(any::<bool>(), 12)) {
        let source = diary();
        source.set_profile(Profile { conditions: vec![Condition::Rosacea], birth_year: Some(1980), daily_energy_kcal: 1800, locale: "de".into() }).unwrap();
        let custom = source.add_custom_food(custom_food()).unwrap();
        let unused = source.add_custom_food(NewCustomFood { name: "Old recipe".into(), ..custom_food() }).unwrap();
        source.delete_custom_food(&unused.id).unwrap();
        let mut logged_ids = Vec::new();
        for (input, del) in inputs.into_iter().zip(delete) {
            let logged = source.log_entry(with_custom(input, &custom.id)).unwrap();
            if del {
                source.delete_entry(&logged.id).unwrap();
            }
            logged_ids.push((logged, del));
        }
        source.save_meal(NewSavedMeal {
            name: "Usual".into(),
            meal: MealKind::Breakfast,
            items: vec![
                MealItem::Food { food_id: custom.id.clone(), amount: Amount::Portion { name: "1 bowl".into(), count: 0.5 } },
                MealItem::Food { food_id: "kefir".into(), amount: Amount::Grams { grams: 250.0 } },
            ],
            tags: vec!["home".into()],
        }).unwrap();
        let files = tempfile::tempdir().unwrap();
        let image = files.path().join("photo.png");
        std::fs::write(&image, b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x02\0\0\0\x03\x08\x02\0\0\0").unwrap();
        let skin = source.attach_photo(NewPhoto {
            path: image.display().to_string(),
            local_ref: Some("content://photos/1".into()),
            taken_at: Some(instant("2026-11-20T08:00:00.123Z")),
            subject: PhotoSubject::Skin { area: BodyArea::Face, check_in_id: None },
            tags: vec!["flare".into()],
        }).unwrap();
        source.delete_photo(&skin.id).unwrap();
        if let Some((meal, _)) = logged_ids.iter().find(|(e, del)| e.kind() == EntryKind::Meal && !del) {
            source.attach_photo(NewPhoto {
                path: image.display().to_string(),
                local_ref: None,
                taken_at: Some(instant("2026-11-20T12:00:00Z")),
                subject: PhotoSubject::Meal { entry_id: meal.id.clone() },
                tags: vec![],
            }).unwrap();
        }
        let lunch = source.add_reminder(NewReminder::new(
            ReminderKind::Meal { meal: MealKind::Lunch },
            Schedule::Weekdays { weekdays: vec![Weekday::Monday, Weekday::Friday], times: vec!["12:30".into()] },
        )).unwrap();
        source.add_reminder(NewReminder {
            quiet_hours: Some(QuietHours { start: "22:00".into(), end: "07:00".into() }),
            time_zone: ReminderZone::Fixed { zone: "Europe/Berlin".into() },
            enabled: false,
            title: Some("Pill".into()),
            body: Some("With water".into()),
            ..NewReminder::new(
                ReminderKind::Dose { dose: DoseKind::Medicine, name: "Doxycycline".into() },
                Schedule::Course { start_date: "2026-11-20".into(), end_date: "2026-12-20".into(), times: vec!["08:00".into(), "20:00".into()] },
            )
        }).unwrap();
        source.add_reminder(NewReminder::new(
            ReminderKind::Custom { text: "Moisturise".into() },
            Schedule::EveryNDays { every_days: 2, start_date: "2026-11-01".into(), times: vec!["21:00".into()] },
        )).unwrap();
        source.delete_reminder(&lunch.id).unwrap();
        let mut first = Vec::new();
        source.export_jsonl(&mut first).unwrap();

        let target = diary();
        let report = target.import_jsonl(&mut first.as_slice()).unwrap();
        prop_assert_eq!(report.imported as usize, all_entries(&source).len());
        prop_assert!(report.profile_imported);
        prop_assert_eq!(all_entries(&target), all_entries(&source));
        prop_assert_eq!(target.profile().unwrap(), source.profile().unwrap());
        prop_assert_eq!(target.custom_foods(true).unwrap(), source.custom_foods(true).unwrap());
        prop_assert_eq!(report.custom_foods_imported, 2);
        prop_assert_eq!(report.saved_meals_imported, 1);
        prop_assert!(report.photos_imported >= 1);
        prop_assert_eq!(report.reminders_imported, 3);
        prop_assert_eq!(target.reminders(true).unwrap(), source.reminders(true).unwrap());
        // The totals come out the same from the imported diary.
        let range = ("2020-11-24", "2026-11-26");
        prop_assert_eq!(target.day_summaries(range.0, range.1).unwrap(), source.day_summaries(range.0, range.1).unwrap());

        let mut second = Vec::new();
        target.export_jsonl(&mut second).unwrap();
        prop_assert_eq!(String::from_utf8(second).unwrap(), String::from_utf8(first.clone()).unwrap());

        // Importing the same file again adds nothing.
        let again = target.import_jsonl(&mut first.as_slice()).unwrap();
        prop_assert_eq!(again.imported, 0);
        prop_assert_eq!(again.already_present as usize, all_entries(&source).len());
    }
}
