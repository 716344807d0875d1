use std::sync::Arc;
use std::time::SystemTime;

use super::messages::PARTS;
use super::*;
use crate::insights::messages::{says_linked, wording_problem};
use crate::model::{Condition, Course, EntryDetails, MealItem, MealKind, MedicationKind, NewEntry};

const DAY: &str = "2026-11-24";

struct Fixed(SystemTime);

impl crate::diary::Clock for Fixed {
    fn now(&self) -> SystemTime {
        self.0
    }
}

fn diary(profile: Profile) -> Diary {
    let d =
        Diary::open_with_clock(None, Arc::new(Fixed(time::rfc3339::parse("2026-11-25T20:00:00Z").unwrap()))).unwrap();
    d.set_profile(profile).unwrap();
    d
}

fn adult(conditions: &[Condition]) -> Profile {
    Profile { conditions: conditions.to_vec(), birth_year: Some(1990), ..Profile::default() }
}

/// An entry at `hour` on the day `back` days before DAY (Berlin).
fn at(back: i64, hour: u32, details: EntryDetails, tags: &[&str]) -> NewEntry {
    let date = NaiveDate::from_ymd_opt(2026, 11, 24).unwrap() - chrono::Duration::days(back);
    NewEntry {
        occurred_at: time::rfc3339::parse(&format!("{date}T{hour:02}:00:00+01:00")).unwrap(),
        time_zone: "Europe/Berlin".into(),
        utc_offset_minutes: None,
        note: None,
        tags: tags.iter().map(|t| t.to_string()).collect(),
        details,
    }
}

fn sleep(back: i64, minutes: u32) -> NewEntry {
    at(back, 7, EntryDetails::Sleep { minutes, quality: None }, &[])
}

fn meal(back: i64, text: &str, tags: &[&str]) -> NewEntry {
    let items = vec![MealItem::FreeText { text: text.into() }];
    at(back, 12, EntryDetails::Meal { meal: MealKind::Lunch, items }, tags)
}

fn card<'a>(g: &'a Guidance, rule: &str) -> Option<&'a GuidanceCard> {
    g.cards.iter().find(|c| c.rule_id == rule)
}

fn check(g: &Guidance) {
    assert!(g.cards.len() <= MAX_CARDS);
    assert!(g.cards.iter().filter(|c| c.kind == CardKind::Praise).count() <= 1);
    for c in &g.cards {
        for t in [&c.title, &c.measured, &c.target, &c.why, &c.try_this] {
            assert_eq!(wording_problem(t), None, "{}: {t}", c.rule_id);
            assert!(!t.contains('{'), "unfilled placeholder in {}: {t}", c.rule_id);
        }
        assert!(!c.source.is_empty() && !c.strength.is_empty());
    }
    let priorities: Vec<u8> = g.cards.iter().map(|c| c.priority).collect();
    assert!(priorities.windows(2).all(|w| w[0] <= w[1]), "{priorities:?}");
}

#[test]
fn every_rule_text_follows_the_wording_rules_in_both_languages() {
    for lang in [Lang::En, Lang::De] {
        for rule in RULES {
            for part in [Part::Title, Part::Measured, Part::Target, Part::Why, Part::Try] {
                assert!(text(lang, rule.id, part).is_some(), "{} {part:?} {lang:?}", rule.id);
            }
            for part in PARTS {
                let Some(t) = text(lang, rule.id, part) else { continue };
                assert_eq!(wording_problem(t), None, "{} {part:?} {lang:?}: {t}", rule.id);
            }
            // A "why" that states a link says "linked with" (or "verbunden"/"in Verbindung").
            let why = text(lang, rule.id, Part::Why).unwrap();
            let claims = why.contains("link") || why.contains("verbunden") || why.contains("Verbindung");
            if claims {
                assert!(says_linked(why) || why.contains("link ") || why.contains("Verbindung"), "{}: {why}", rule.id);
            }
            if rule.praise {
                assert!(text(lang, rule.id, Part::Praise).is_some(), "{}", rule.id);
            }
        }
        for n in [Note::NothingToSay, Note::Disclaimer] {
            assert_eq!(wording_problem(note(lang, n)), None);
        }
    }
    // The cautions of the evidence file.
    let antibiotic = text(Lang::En, "antibiotic_course", Part::Target).unwrap();
    assert!(antibiotic.contains("never stop"), "{antibiotic}");
    let probiotics = text(Lang::En, "probiotics_eczema", Part::Why).unwrap();
    assert!(probiotics.contains("little or no difference") && probiotics.contains("not a remedy"));
    for lang in [Lang::En, Lang::De] {
        for rule in ["alcohol", "alcohol_rosacea"] {
            for part in PARTS {
                let t = text(lang, rule, part).unwrap_or("").to_lowercase();
                assert!(!t.contains("benefit") && !t.contains("healthy amount"), "{rule}: {t}");
            }
        }
    }
}

#[test]
fn every_rule_cites_a_row_of_the_evidence_file() {
    let evidence = include_str!("../../../../shared/evidence.md");
    for rule in RULES {
        let row = evidence.lines().find(|l| l.starts_with(&format!("| {} |", rule.evidence.topic)));
        let row = row.unwrap_or_else(|| panic!("{}: no row {:?}", rule.id, rule.evidence.topic));
        let first_source = rule.evidence.source.split(';').next().unwrap().trim();
        assert!(row.contains(first_source), "{}: {first_source:?} not in {row}", rule.id);
        let strength = rule.evidence.strength.split(" (").next().unwrap();
        assert!(row.contains(strength), "{}: {strength} not in {row}", rule.id);
    }
}

#[test]
fn an_empty_diary_gets_no_cards() {
    let g = diary(adult(&[Condition::Acne, Condition::Rosacea, Condition::AtopicDermatitis])).guidance(DAY).unwrap();
    assert!(g.cards.is_empty(), "{:#?}", g.cards);
    assert!(g.not_enough_data.contains(&"sleep".to_string()));
    assert!(!g.note.is_empty());
}

#[test]
fn sleep_below_at_and_above_the_age_target() {
    for (minutes, want) in
        [(400, Some(CardKind::Suggestion)), (420, Some(CardKind::Praise)), (480, Some(CardKind::Praise))]
    {
        let d = diary(adult(&[]));
        d.log_entries((0..7).map(|b| sleep(b, minutes)).collect()).unwrap();
        let g = d.guidance(DAY).unwrap();
        assert_eq!(card(&g, "sleep").map(|c| c.kind), want, "{minutes}");
        check(&g);
    }
    // A 15-year-old needs 8 hours: 7.5 is below.
    let d = diary(Profile { birth_year: Some(2011), ..Profile::default() });
    d.log_entries((0..7).map(|b| sleep(b, 450)).collect()).unwrap();
    let c = d.guidance(DAY).unwrap().cards.into_iter().find(|c| c.rule_id == "sleep").unwrap();
    assert_eq!((c.kind, c.target_value), (CardKind::Suggestion, Some(8.0)));
    assert!(c.measured.contains("7.5 hours"), "{}", c.measured);
    // Three nights are too few to say.
    let d = diary(adult(&[]));
    d.log_entries((0..3).map(|b| sleep(b, 300)).collect()).unwrap();
    let g = d.guidance(DAY).unwrap();
    assert!(card(&g, "sleep").is_none() && g.not_enough_data.contains(&"sleep".to_string()));
}

#[test]
fn stressful_days_below_at_and_above_the_threshold() {
    for (stressful, want) in [(1, false), (2, false), (3, true)] {
        let d = diary(adult(&[]));
        let entries = (0..7).map(|b| at(b, 18, EntryDetails::Stress { level: if b < stressful { 8 } else { 3 } }, &[]));
        d.log_entries(entries.collect()).unwrap();
        let g = d.guidance(DAY).unwrap();
        assert_eq!(card(&g, "stress").is_some(), want, "{stressful}");
        check(&g);
    }
}

#[test]
fn fermented_foods_suggest_one_the_user_already_eats() {
    // Kefir once a week: below one a day; the card names kefir, a food of the table they eat.
    let d = diary(adult(&[]));
    let mut entries: Vec<NewEntry> = (0..7).map(|b| meal(b, "lentil soup", &[])).collect();
    entries.push(meal(2, "Kefir", &["fermented"]));
    d.log_entries(entries).unwrap();
    let g = d.guidance(DAY).unwrap();
    let c = card(&g, "fermented_foods").unwrap();
    assert_eq!(c.kind, CardKind::Suggestion);
    assert_eq!(c.food_id.as_deref(), Some("kefir"));
    assert!(c.try_this.contains("kefir"), "{}", c.try_this);
    assert_eq!((c.source.as_str(), c.strength.as_str()), ("Wastyk et al. 2021, Cell 184:4137 (n=36)", "RCT (small)"));
    // One a day meets it: praise (no other rule has data).
    let d = diary(adult(&[]));
    d.log_entries((0..7).map(|b| meal(b, "yogurt", &["fermented"])).collect()).unwrap();
    let g = d.guidance(DAY).unwrap();
    assert_eq!(card(&g, "fermented_foods").map(|c| c.kind), Some(CardKind::Praise));
    // Someone who eats none gets the common default.
    let d = diary(adult(&[]));
    d.log_entries((0..7).map(|b| meal(b, "toast", &[])).collect()).unwrap();
    let g = d.guidance(DAY).unwrap();
    assert_eq!(card(&g, "fermented_foods").unwrap().food_id.as_deref(), Some("yogurt"));
}

#[test]
fn dairy_and_acne_only_for_acne_and_never_cutting_dairy_for_minors() {
    let dairy_days = |n: i64| -> Vec<NewEntry> {
        (0..7).map(|b| if b < n { meal(b, "milk", &["dairy"]) } else { meal(b, "oats", &[]) }).collect()
    };
    for (n, want) in [(3, false), (4, false), (5, true)] {
        let d = diary(adult(&[Condition::Acne]));
        d.log_entries(dairy_days(n)).unwrap();
        assert_eq!(card(&d.guidance(DAY).unwrap(), "dairy_acne").is_some(), want, "{n}");
    }
    let d = diary(adult(&[Condition::AtopicDermatitis]));
    d.log_entries(dairy_days(7)).unwrap();
    assert!(card(&d.guidance(DAY).unwrap(), "dairy_acne").is_none(), "not tracked: no card");

    let d = diary(Profile { conditions: vec![Condition::Acne], birth_year: Some(2012), ..Profile::default() });
    d.log_entries(dairy_days(7)).unwrap();
    let g = d.guidance(DAY).unwrap();
    let c = card(&g, "dairy_acne").unwrap();
    assert!(c.try_this.contains("don't cut out dairy") && c.try_this.contains("doctor"), "{}", c.try_this);
    assert_eq!(c.food_id, None);
}

#[test]
fn alcohol_and_rosacea() {
    let d = diary(adult(&[Condition::Rosacea]));
    let mut entries: Vec<NewEntry> = (0..14).map(|b| meal(b, "pasta", &[])).collect();
    d.log_entries(entries.clone()).unwrap();
    assert!(card(&d.guidance(DAY).unwrap(), "alcohol_rosacea").is_none(), "no alcohol: no card");
    let d = diary(adult(&[Condition::Rosacea]));
    entries.push(meal(3, "white wine", &["alcohol"]));
    d.log_entries(entries).unwrap();
    let g = d.guidance(DAY).unwrap();
    let c = card(&g, "alcohol_rosacea").unwrap();
    assert!(c.measured.contains("1 of the last 14 days"), "{}", c.measured);
    assert_eq!(c.strength, "Obs (observational)");
    check(&g);
}

#[test]
fn antibiotics_and_probiotics_carry_the_cautions() {
    let d = diary(adult(&[Condition::AtopicDermatitis]));
    let course = Course { start: "2026-11-20".into(), end: Some("2026-11-26".into()) };
    let antibiotic = EntryDetails::Medication {
        medication: MedicationKind::Antibiotic,
        name: "amoxicillin".into(),
        dose: None,
        course: Some(course),
    };
    let probiotic = EntryDetails::Medication {
        medication: MedicationKind::Probiotic,
        name: "LGG".into(),
        dose: None,
        course: None,
    };
    d.log_entries(vec![at(4, 8, antibiotic, &[]), at(1, 8, probiotic, &[])]).unwrap();
    let g = d.guidance(DAY).unwrap();
    let c = card(&g, "antibiotic_course").unwrap();
    assert_eq!((c.kind, c.priority), (CardKind::Caution, 1));
    assert_eq!(g.cards[0].rule_id, "antibiotic_course", "most important first");
    assert!(c.target.contains("never stop a prescribed medicine"), "{}", c.target);
    let p = card(&g, "probiotics_eczema").unwrap();
    assert!(p.why.contains("not a remedy"), "{}", p.why);
    check(&g);
    // A course long past: no card.
    let d = diary(adult(&[]));
    let old = Course { start: "2026-09-01".into(), end: Some("2026-09-07".into()) };
    let details = EntryDetails::Medication {
        medication: MedicationKind::Antibiotic,
        name: "x".into(),
        dose: None,
        course: Some(old),
    };
    d.log_entries(vec![at(80, 8, details, &[])]).unwrap();
    assert!(card(&d.guidance(DAY).unwrap(), "antibiotic_course").is_none());
}

#[test]
fn at_most_a_few_cards_the_most_useful_first_and_german() {
    let mut profile = adult(&[Condition::Acne, Condition::Rosacea, Condition::AtopicDermatitis]);
    profile.locale = "de-DE".into();
    let d = diary(profile);
    let mut entries = Vec::new();
    for b in 0..14 {
        entries.push(sleep(b, 360));
        entries.push(at(b, 18, EntryDetails::Stress { level: 8 }, &[]));
        entries.push(meal(b, "Milch", &["dairy", "alcohol"]));
    }
    d.log_entries(entries).unwrap();
    let g = d.guidance(DAY).unwrap();
    assert_eq!(g.cards.len(), MAX_CARDS - 1, "{:#?}", g.cards);
    assert!(g.cards.iter().all(|c| c.kind != CardKind::Praise));
    assert!(g.cards.iter().all(|c| c.priority == 2), "{:#?}", g.cards);
    let sleep = card(&g, "sleep").unwrap();
    assert_eq!(sleep.title, "Schlaf");
    assert!(sleep.measured.contains("6 Stunden"), "{}", sleep.measured);
    check(&g);
}

fn food_meal(back: i64, food_id: &str, grams: f64) -> NewEntry {
    let items = vec![MealItem::Food { food_id: food_id.into(), amount: crate::model::Amount::Grams { grams } }];
    at(back, 12, EntryDetails::Meal { meal: MealKind::Lunch, items }, &[])
}

#[test]
fn fibre_from_foods_of_the_table_below_at_and_above_the_target() {
    let lentils = crate::foods::food_by_id("lentils-cooked").unwrap();
    let per_gram = lentils.per_100g.fibre_g.unwrap() / 100.0;
    for (fibre, want) in [(20.0, CardKind::Suggestion), (25.0, CardKind::Praise), (32.0, CardKind::Praise)] {
        let d = diary(adult(&[]));
        d.log_entries((0..7).map(|b| food_meal(b, "lentils-cooked", fibre / per_gram)).collect()).unwrap();
        let g = d.guidance(DAY).unwrap();
        let c = card(&g, "fibre").unwrap_or_else(|| panic!("{fibre}: {:#?}", g.cards));
        assert_eq!(c.kind, want, "{fibre}: {c:#?}");
        assert_eq!(c.measured_value, Some(fibre));
        check(&g);
    }
    // Free text alone gives no nutrient totals: no fibre card.
    let d = diary(adult(&[]));
    d.log_entries((0..7).map(|b| meal(b, "lentil soup", &[])).collect()).unwrap();
    let g = d.guidance(DAY).unwrap();
    assert!(card(&g, "fibre").is_none() && g.not_enough_data.contains(&"fibre".to_string()));
    // A child of 7 needs 21 g.
    let d = diary(Profile { birth_year: Some(2019), ..Profile::default() });
    d.log_entries((0..7).map(|b| food_meal(b, "lentils-cooked", 22.0 / per_gram)).collect()).unwrap();
    let c = d.guidance(DAY).unwrap().cards.into_iter().find(|c| c.rule_id == "fibre").unwrap();
    assert_eq!((c.kind, c.target_value), (CardKind::Praise, Some(21.0)));
}

#[test]
fn alcohol_grams_a_week_from_foods_below_and_above_the_uk_limit() {
    let wine = crate::foods::all_foods()
        .iter()
        .find(|f| {
            f.group == crate::foods::FoodGroup::Alcohol
                && f.per_100g.alcohol_g.unwrap_or(0.0) > 8.0
                && f.name_en.starts_with("Wine")
        })
        .unwrap();
    let per_gram = wine.per_100g.alcohol_g.unwrap() / 100.0;
    for (per_day, want) in [(10.0, false), (20.0, true)] {
        let d = diary(adult(&[]));
        d.log_entries((0..7).map(|b| food_meal(b, &wine.id, per_day / per_gram)).collect()).unwrap();
        let g = d.guidance(DAY).unwrap();
        assert_eq!(card(&g, "alcohol").is_some(), want, "{per_day} g a day: {:#?}", g.cards);
        if let Some(c) = card(&g, "alcohol") {
            assert!(c.target.contains("no level is safe"), "{}", c.target);
            assert!(c.try_this.to_lowercase().contains("water"), "{}", c.try_this);
        }
    }
}
