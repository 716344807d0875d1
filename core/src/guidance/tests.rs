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
                && f.name("en").starts_with("Wine")
        })
        .unwrap();
    let per_gram = wine.per_100g.alcohol_g.unwrap() / 100.0;
    // Just below, at and just above 112 g a week (the value is whole grams a week).
    for (per_week, want) in [(111.0, None), (112.0, None), (113.0, Some(CardKind::Suggestion))] {
        let d = diary(adult(&[]));
        d.log_entries((0..7).map(|b| food_meal(b, &wine.id, per_week / 7.0 / per_gram)).collect()).unwrap();
        assert_eq!(rule_kind(&d, "alcohol"), want, "{per_week} g a week");
        let g = d.guidance(DAY).unwrap();
        assert_eq!(card(&g, "alcohol").map(|c| c.kind), want, "{per_week} g a week: {:#?}", g.cards);
        if let Some(c) = card(&g, "alcohol") {
            assert_eq!(c.measured_value, Some(per_week));
            assert!(c.target.contains("no level is safe"), "{}", c.target);
            assert!(c.try_this.to_lowercase().contains("water"), "{}", c.try_this);
        }
        check(&g);
    }
    // Far above: the card too.
    let d = diary(adult(&[]));
    d.log_entries((0..7).map(|b| food_meal(b, &wine.id, 20.0 / per_gram)).collect()).unwrap();
    assert_eq!(rule_kind(&d, "alcohol"), Some(CardKind::Suggestion));
}

// Each rule on crafted diaries just below, at and just above its threshold. The amounts are
// worked out from the food table, so that a regenerated table changes the grams, not the outcome.

/// What one rule says about the diary on DAY, whatever the other rules say (no limit on cards):
/// the kind of its card, or `None` (met without praise, or too little data).
fn rule_outcome(d: &Diary, rule_id: &str) -> Option<GuidanceCard> {
    let day = time::parse_date("date", DAY).unwrap();
    let from = time::format_date(day.checked_sub_days(Days::new(HABIT_DAYS - 1)).unwrap());
    let entries = d.entries_between(&from, DAY, None, false).unwrap();
    let summaries = d.day_summaries(&from, DAY).unwrap();
    let profile = d.profile().unwrap();
    let rule = RULES.iter().find(|r| r.id == rule_id).unwrap_or_else(|| panic!("no rule {rule_id}"));
    match evaluate(rule, &entries, &summaries, day, &profile, &Habits::read(&entries)) {
        Outcome::NotEnoughData | Outcome::Met(None) => None,
        Outcome::Met(Some(card)) | Outcome::Missed(card, _) => Some(card),
    }
}

fn rule_kind(d: &Diary, rule_id: &str) -> Option<CardKind> {
    rule_outcome(d, rule_id).map(|c| c.kind)
}

fn table_food(id: &str) -> &'static crate::foods::Food {
    crate::foods::table_food(id).unwrap_or_else(|| panic!("no food {id} in the table"))
}

/// A meal of several foods of the table (id, grams) at `hour`.
fn foods_meal(back: i64, hour: u32, foods: &[(&str, f64)]) -> NewEntry {
    let items = foods
        .iter()
        .map(|(id, grams)| MealItem::Food {
            food_id: (*id).into(),
            amount: crate::model::Amount::Grams { grams: *grams },
        })
        .collect();
    at(back, hour, EntryDetails::Meal { meal: MealKind::Lunch, items }, &[])
}

/// Grams of `a` to eat with `base_g` grams of `b` so that `factor` × nutrient (per 100 g, from
/// `nutrient`) makes `pct` % of the energy of the two.
fn grams_for_share(
    a: &crate::foods::Food,
    b: &crate::foods::Food,
    base_g: f64,
    factor: f64,
    pct: f64,
    nutrient: fn(&crate::foods::Nutrients) -> Option<f64>,
) -> f64 {
    let (na, nb) = (nutrient(&a.per_100g).unwrap_or(0.0), nutrient(&b.per_100g).unwrap_or(0.0));
    let (ea, eb) = (a.per_100g.energy_kcal.unwrap(), b.per_100g.energy_kcal.unwrap());
    let p = pct / 100.0;
    let grams = base_g * (p * eb - factor * nb) / (factor * na - p * ea);
    assert!(grams > 0.0, "{} with {} cannot reach {pct} %", a.id, b.id);
    grams
}

#[test]
fn plant_diversity_below_at_and_above_30_a_week() {
    // Foods of the table with distinct species (a species is a property of the food, not a value).
    let mut seen = std::collections::BTreeSet::new();
    let plants: Vec<&crate::foods::Food> = crate::foods::all_foods()
        .iter()
        .filter(|f| f.species.as_ref().is_some_and(|s| seen.insert(s.clone())))
        .take(31)
        .collect();
    assert_eq!(plants.len(), 31);
    for (n, want) in [(29, CardKind::Suggestion), (30, CardKind::Praise), (31, CardKind::Praise)] {
        let d = diary(adult(&[]));
        let meals = (0..7i64).map(|b| {
            let foods: Vec<(&str, f64)> =
                plants[..n].iter().skip(b as usize).step_by(7).map(|f| (f.id.as_str(), 40.0)).collect();
            foods_meal(b, 12, &foods)
        });
        d.log_entries(meals.collect()).unwrap();
        let c = rule_outcome(&d, "plant_diversity").unwrap_or_else(|| panic!("{n}: no card"));
        assert_eq!((c.kind, c.measured_value), (want, Some(n as f64)), "{n}");
        check(&d.guidance(DAY).unwrap());
    }
    // Four days of meals are too few.
    let d = diary(adult(&[]));
    d.log_entries((0..4).map(|b| foods_meal(b, 12, &[(plants[b as usize].id.as_str(), 40.0)])).collect()).unwrap();
    assert_eq!(rule_kind(&d, "plant_diversity"), None);
    assert!(d.guidance(DAY).unwrap().not_enough_data.contains(&"plant_diversity".to_string()));
}

#[test]
fn oily_fish_below_at_and_above_a_quarter_gram_a_day() {
    let salmon = table_food("salmon-baked-or-broiled");
    let per_gram = salmon.per_100g.epa_dha_g.unwrap() / 100.0;
    // No praise for this rule: met is no card.
    for (epa_dha, want) in [(0.24, Some(CardKind::Suggestion)), (0.25, None), (0.26, None)] {
        let d = diary(adult(&[]));
        d.log_entries((0..7).map(|b| food_meal(b, &salmon.id, epa_dha / per_gram)).collect()).unwrap();
        let c = rule_outcome(&d, "oily_fish");
        assert_eq!(c.as_ref().map(|c| c.kind), want, "{epa_dha} g a day");
        if let Some(c) = c {
            assert_eq!(c.measured_value, Some(epa_dha));
            assert_eq!(c.food_id.as_deref(), Some("salmon-baked-or-broiled"), "the fish they eat");
        }
        check(&d.guidance(DAY).unwrap());
    }
}

#[test]
fn sugars_below_at_and_above_10_percent_of_energy() {
    let (sugar, rice) = (table_food("sugar-white-granulated-or-lump"), table_food("rice-white-cooked"));
    // 700 g of rice (about 900 kcal) a day, over the profile's 800 kcal: the share is of what was eaten.
    for (pct, want) in [(9.9, None), (10.0, None), (10.1, Some(CardKind::Suggestion))] {
        let grams = grams_for_share(sugar, rice, 700.0, 4.0, pct, |n| n.sugars_g);
        let d = diary(Profile { daily_energy_kcal: 800, ..adult(&[]) });
        d.log_entries((0..7).map(|b| foods_meal(b, 12, &[(&sugar.id, grams), (&rice.id, 700.0)])).collect()).unwrap();
        let c = rule_outcome(&d, "sugars");
        assert_eq!(c.as_ref().map(|c| c.kind), want, "{pct} %");
        if let Some(c) = c {
            assert_eq!(c.measured_value, Some(pct));
        }
        check(&d.guidance(DAY).unwrap());
    }
}

#[test]
fn a_meal_left_out_does_not_inflate_a_share_of_energy() {
    // 300 g of rice and 20 % of its energy in sugar a day, but only about 400 kcal logged: the
    // share is taken of the profile's daily energy (2,000 kcal unless set), not of a day that
    // lacks its other meals.
    let (sugar, rice) = (table_food("sugar-white-granulated-or-lump"), table_food("rice-white-cooked"));
    let grams = grams_for_share(sugar, rice, 300.0, 4.0, 20.0, |n| n.sugars_g);
    let sugar_kcal = grams * sugar.per_100g.sugars_g.unwrap() / 100.0 * 4.0;
    for (energy, want) in [(2000u32, None), (800, Some(CardKind::Suggestion))] {
        let d = diary(Profile { daily_energy_kcal: energy, ..adult(&[]) });
        d.log_entries((0..7).map(|b| foods_meal(b, 12, &[(&sugar.id, grams), (&rice.id, 300.0)])).collect()).unwrap();
        let c = rule_outcome(&d, "sugars");
        assert_eq!(c.as_ref().map(|c| c.kind), want, "{energy} kcal");
        if let Some(c) = c {
            // Of 800 kcal (the logged ~400 kcal would say 20 %); the day totals round, hence the slack.
            let expected = sugar_kcal / f64::from(energy) * 100.0;
            let measured = c.measured_value.unwrap();
            assert!((measured - expected).abs() < 0.2 && measured < 15.0, "{measured} vs {expected}");
        }
    }
}

#[test]
fn saturated_fat_below_at_and_above_10_percent_of_energy() {
    let fatty = crate::foods::all_foods()
        .iter()
        .filter(|f| f.nova <= 3 && f.per_100g.energy_kcal.is_some())
        .max_by(|a, b| {
            let share = |f: &crate::foods::Food| {
                f.per_100g.saturated_fat_g.unwrap_or(0.0) * 9.0 / f.per_100g.energy_kcal.unwrap().max(1.0)
            };
            share(a).total_cmp(&share(b))
        })
        .unwrap();
    let rice = table_food("rice-white-cooked");
    for (pct, want) in [(9.9, None), (10.0, None), (10.1, Some(CardKind::Suggestion))] {
        let grams = grams_for_share(fatty, rice, 700.0, 9.0, pct, |n| n.saturated_fat_g);
        let d = diary(Profile { daily_energy_kcal: 800, ..adult(&[]) });
        d.log_entries((0..7).map(|b| foods_meal(b, 12, &[(&fatty.id, grams), (&rice.id, 700.0)])).collect()).unwrap();
        let c = rule_outcome(&d, "saturated_fat");
        assert_eq!(c.as_ref().map(|c| c.kind), want, "{pct} % ({} g of {})", grams, fatty.id);
        if let Some(c) = c {
            assert_eq!(c.measured_value, Some(pct));
        }
        check(&d.guidance(DAY).unwrap());
    }
}

#[test]
fn highly_processed_below_at_and_above_100_g_a_day() {
    let bread = table_food("bread-white");
    assert_eq!(bread.nova, 4);
    // The value is rounded to 10 g: 104 g a day reads as 100 (met), 106 as 110.
    for (grams, want) in [
        (90.0, None),
        (100.0, None),
        (104.0, None),
        (106.0, Some(CardKind::Suggestion)),
        (110.0, Some(CardKind::Suggestion)),
    ] {
        let d = diary(adult(&[]));
        d.log_entries((0..7).map(|b| food_meal(b, &bread.id, grams)).collect()).unwrap();
        assert_eq!(rule_kind(&d, "highly_processed"), want, "{grams} g a day");
        check(&d.guidance(DAY).unwrap());
    }
}

#[test]
fn fermented_foods_below_at_and_above_one_serving_a_day() {
    let yogurt = table_food("yogurt");
    assert_eq!(
        (yogurt.group, yogurt.fermented),
        (crate::foods::FoodGroup::Dairy, crate::foods::Fermentation::LiveCultures)
    );
    let serving = crate::nutrition::FERMENTED_SERVING_DAIRY_OR_DRINK_G;
    // Servings on each of the 7 days; every day has a meal. 6/7 = 0.9, 7/7 = 1.0, 8/7 = 1.1.
    for (servings, want) in [
        ([1, 1, 1, 1, 1, 1, 0], CardKind::Suggestion),
        ([1, 1, 1, 1, 1, 1, 1], CardKind::Praise),
        ([2, 1, 1, 1, 1, 1, 1], CardKind::Praise),
    ] {
        let d = diary(adult(&[]));
        let meals = servings.iter().enumerate().map(|(b, n)| {
            let mut foods = vec![("rice-white-cooked", 150.0)];
            if *n > 0 {
                foods.push(("yogurt", serving * f64::from(*n)));
            }
            foods_meal(b as i64, 12, &foods)
        });
        d.log_entries(meals.collect()).unwrap();
        let c = rule_outcome(&d, "fermented_foods").unwrap();
        let total: i32 = servings.iter().sum();
        assert_eq!(c.kind, want, "{servings:?}: {c:#?}");
        assert_eq!(c.measured_value, Some((f64::from(total) / 7.0 * 10.0).round() / 10.0));
        check(&d.guidance(DAY).unwrap());
    }
}

// Glycaemic load and acne.

/// Grams of a food of the table with a glycaemic load of `gl`.
fn grams_for_gl(id: &str, gl: f64) -> f64 {
    let per_100g = crate::nutrition::glycaemic_load_per_100g(&table_food(id).into()).unwrap();
    assert!(per_100g > 0.0, "{id} has no glycaemic load");
    gl / per_100g * 100.0
}

/// `high` meals of white rice with a load of 25 and `total - high` of apple with a load of 5,
/// spread over the 14 days (at most 4 a day).
fn gl_meals(high: usize, total: usize) -> Vec<NewEntry> {
    let (rice, apple) = (grams_for_gl("rice-white-cooked", 25.0), grams_for_gl("apple-raw-with-skin", 5.0));
    (0..total)
        .map(|i| {
            let food = if i < high { ("rice-white-cooked", rice) } else { ("apple-raw-with-skin", apple) };
            foods_meal((i % 14) as i64, [8, 12, 16, 19][i / 14], &[food])
        })
        .collect()
}

#[test]
fn a_meal_s_glycaemic_load_is_known_only_when_every_item_s_is() {
    let meal = |foods: &[(&str, f64)]| -> Vec<MealItem> {
        foods
            .iter()
            .map(|(id, g)| MealItem::Food { food_id: (*id).into(), amount: crate::model::Amount::Grams { grams: *g } })
            .collect()
    };
    let rice = "rice-white-cooked";
    assert_eq!(metrics::high_glycaemic_load(&meal(&[(rice, grams_for_gl(rice, 20.0))])), Some(true), "20 is high");
    assert_eq!(metrics::high_glycaemic_load(&meal(&[(rice, grams_for_gl(rice, 19.9))])), Some(false));
    // A food with carbohydrate but no GI: unknown, not low.
    let no_gi = crate::foods::all_foods()
        .iter()
        .find(|f| crate::nutrition::glycaemic_load_per_100g(&(*f).into()).is_none())
        .unwrap();
    assert_eq!(metrics::high_glycaemic_load(&meal(&[("apple-raw-with-skin", 100.0), (&no_gi.id, 100.0)])), None);
    // Free text, an unknown (custom) food, an empty meal: unknown.
    let mut with_text = meal(&[("apple-raw-with-skin", 100.0)]);
    with_text.push(MealItem::FreeText { text: "toast".into() });
    assert_eq!(metrics::high_glycaemic_load(&with_text), None);
    assert_eq!(metrics::high_glycaemic_load(&meal(&[("my-own-bread", 100.0)])), None);
    assert_eq!(metrics::high_glycaemic_load(&[]), None);
    // Water is no serving of food; a meal of meat (no carbohydrate, some energy) is a low one.
    assert_eq!(metrics::high_glycaemic_load(&meal(&[("water-carbonated-plain", 250.0)])), None);
    let meat = crate::foods::all_foods()
        .iter()
        .find(|f| {
            f.group == crate::foods::FoodGroup::Meat
                && f.per_100g.energy_kcal.unwrap_or(0.0) >= 100.0
                && crate::nutrition::glycaemic_load_per_100g(&(*f).into()) == Some(0.0)
        })
        .unwrap();
    assert_eq!(metrics::high_glycaemic_load(&meal(&[(&meat.id, 150.0)])), Some(false), "{}", meat.id);
}

#[test]
fn glycaemic_load_below_at_and_above_a_third_of_meals() {
    // The share is a whole percent: 8/25 = 32 %, 5/15 and 10/30 = 33 % (a third: met), 7/20 = 35 %.
    for (high, total, pct, want) in [
        (8, 25, 32.0, CardKind::Praise),
        (5, 15, 33.0, CardKind::Praise),
        (10, 30, 33.0, CardKind::Praise),
        (7, 20, 35.0, CardKind::Suggestion),
        (12, 12, 100.0, CardKind::Suggestion),
        (0, 12, 0.0, CardKind::Praise),
    ] {
        let d = diary(adult(&[Condition::Acne]));
        d.log_entries(gl_meals(high, total)).unwrap();
        let c = rule_outcome(&d, "glycaemic_load_acne").unwrap_or_else(|| panic!("{high}/{total}: no card"));
        assert_eq!((c.kind, c.measured_value, c.target_value), (want, Some(pct), Some(33.0)), "{high}/{total}");
        assert!(c.measured.contains(&format!("{total} meals")), "{}", c.measured);
        assert_eq!(
            c.source,
            "Smith et al. 2007, Am J Clin Nutr 86:107 (n=43); Atkinson et al. 2021, AJCN 114:1625 (GI tables)"
        );
        assert_eq!(c.strength, "RCT (randomised trial)");
        if want == CardKind::Suggestion {
            // They eat rice and apples, neither a low-GI staple: the common one.
            assert_eq!(c.food_id.as_deref(), Some("lentils-cooked"));
            assert!(c.try_this.contains("lentils"), "{}", c.try_this);
        } else {
            assert!(c.try_this.is_empty() && c.food_id.is_none());
        }
        check(&d.guidance(DAY).unwrap());
    }
}

#[test]
fn glycaemic_load_counts_unknown_meals_nowhere_and_needs_enough_of_them() {
    let no_gi = crate::foods::all_foods()
        .iter()
        .find(|f| crate::nutrition::glycaemic_load_per_100g(&(*f).into()).is_none())
        .unwrap();
    // 10 high meals and 40 meals of unknown load (free text, a food without a GI): still 100 %.
    let d = diary(adult(&[Condition::Acne]));
    let mut entries = gl_meals(10, 10);
    for b in 0..14 {
        entries.push(meal(b, "porridge with berries", &[]));
        entries.push(meal(b, "salad", &[]));
        entries.push(foods_meal(b, 20, &[(&no_gi.id, 150.0)]));
    }
    d.log_entries(entries).unwrap();
    let c = rule_outcome(&d, "glycaemic_load_acne").unwrap();
    assert_eq!((c.kind, c.measured_value), (CardKind::Suggestion, Some(100.0)));
    assert!(c.measured.contains("Of the 10 meals"), "{}", c.measured);

    // 9 meals of known load are too few, however many unknown ones come with them; water counts
    // for nothing.
    let d = diary(adult(&[Condition::Acne]));
    let mut entries = gl_meals(9, 9);
    for b in 0..14 {
        entries.push(meal(b, "pasta", &[]));
        entries.push(foods_meal(b, 21, &[("water-carbonated-plain", 250.0)]));
    }
    d.log_entries(entries).unwrap();
    assert_eq!(rule_kind(&d, "glycaemic_load_acne"), None);
    let g = d.guidance(DAY).unwrap();
    assert!(card(&g, "glycaemic_load_acne").is_none());
    assert!(g.not_enough_data.contains(&"glycaemic_load_acne".to_string()));

    // 12 meals of known load on 4 days: too few days (5 needed).
    let d = diary(adult(&[Condition::Acne]));
    let rice = grams_for_gl("rice-white-cooked", 25.0);
    d.log_entries(
        (0..12).map(|i| foods_meal(i % 4, [8, 12, 19][(i / 4) as usize], &[("rice-white-cooked", rice)])).collect(),
    )
    .unwrap();
    assert_eq!(rule_kind(&d, "glycaemic_load_acne"), None);
    // The same on 5 days: enough.
    let d = diary(adult(&[Condition::Acne]));
    d.log_entries(
        (0..12).map(|i| foods_meal(i % 5, [8, 12, 19][(i / 5) as usize], &[("rice-white-cooked", rice)])).collect(),
    )
    .unwrap();
    assert_eq!(rule_kind(&d, "glycaemic_load_acne"), Some(CardKind::Suggestion));
}

#[test]
fn glycaemic_load_only_for_acne_names_a_low_gi_staple_they_eat_and_speaks_german() {
    // Not tracking acne: the rule is not asked at all.
    let d = diary(adult(&[Condition::Rosacea]));
    d.log_entries(gl_meals(14, 14)).unwrap();
    let g = d.guidance(DAY).unwrap();
    assert!(card(&g, "glycaemic_load_acne").is_none());
    assert!(!g.not_enough_data.contains(&"glycaemic_load_acne".to_string()));

    // Someone who eats oatmeal (low GI, a low load per 100 g) is pointed to it, in German.
    let oatmeal = table_food("oatmeal");
    assert!(rules_low_gi_staple(oatmeal), "oatmeal fits");
    let mut profile = adult(&[Condition::Acne]);
    profile.locale = "de-DE".into();
    let d = diary(profile);
    let mut entries = gl_meals(14, 14);
    entries.extend((0..7).map(|b| foods_meal(b, 7, &[("oatmeal", 120.0)])));
    d.log_entries(entries).unwrap();
    let c = rule_outcome(&d, "glycaemic_load_acne").unwrap();
    assert_eq!((c.kind, c.food_id.as_deref()), (CardKind::Suggestion, Some("oatmeal")));
    assert_eq!(c.title, "Glykämische Last und Akne");
    assert!(c.try_this.contains(&oatmeal.name_in_sentence("de")), "{}", c.try_this);
    assert!(c.measured.contains("Von den 21 Mahlzeiten"), "{}", c.measured);
    // Through the whole guidance: the card is among the first three, its texts pass the checks.
    let g = d.guidance(DAY).unwrap();
    assert_eq!(card(&g, "glycaemic_load_acne").map(|c| c.kind), Some(CardKind::Suggestion), "{:#?}", g.cards);
    check(&g);
}

fn rules_low_gi_staple(f: &crate::foods::Food) -> bool {
    let rule = RULES.iter().find(|r| r.id == "glycaemic_load_acne").unwrap();
    (rule.food.unwrap().fits)(f)
}

#[test]
fn every_rule_s_common_food_is_in_the_table_and_fits_the_rule() {
    for rule in RULES {
        let Some(hint) = rule.food else { continue };
        let food = table_food(hint.default_id);
        assert!((hint.fits)(food), "{}: {} does not fit", rule.id, hint.default_id);
    }
}

#[test]
fn praise_goes_to_the_most_important_rule_met() {
    // Enough sleep (priority 2) and one fermented serving a day (priority 3): sleep is praised.
    let d = diary(adult(&[]));
    let mut entries: Vec<NewEntry> = (0..7).map(|b| sleep(b, 480)).collect();
    entries.extend((0..7).map(|b| meal(b, "yogurt", &["fermented"])));
    d.log_entries(entries).unwrap();
    let g = d.guidance(DAY).unwrap();
    let praised: Vec<&str> =
        g.cards.iter().filter(|c| c.kind == CardKind::Praise).map(|c| c.rule_id.as_str()).collect();
    assert_eq!(praised, ["sleep"]);
}
