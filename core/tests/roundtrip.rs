//! Property tests: any valid entry round-trips through the store and through export/import.

mod common;

use std::time::Duration;

use common::*;
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
            proptest::collection::vec(text(40).prop_map(|text| MealItem::FreeText { text }), 0..6)
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
        for (input, del) in inputs.into_iter().zip(delete) {
            let logged = source.log_entry(input).unwrap();
            if del {
                source.delete_entry(&logged.id).unwrap();
            }
        }
        let mut first = Vec::new();
        source.export_jsonl(&mut first).unwrap();

        let target = diary();
        let report = target.import_jsonl(&mut first.as_slice()).unwrap();
        prop_assert_eq!(report.imported as usize, all_entries(&source).len());
        prop_assert!(report.profile_imported);
        prop_assert_eq!(all_entries(&target), all_entries(&source));
        prop_assert_eq!(target.profile().unwrap(), source.profile().unwrap());

        let mut second = Vec::new();
        target.export_jsonl(&mut second).unwrap();
        prop_assert_eq!(String::from_utf8(second).unwrap(), String::from_utf8(first.clone()).unwrap());

        // Importing the same file again adds nothing.
        let again = target.import_jsonl(&mut first.as_slice()).unwrap();
        prop_assert_eq!(again.imported, 0);
        prop_assert_eq!(again.already_present as usize, all_entries(&source).len());
    }
}
