//! The day table: one slot per local day, with what the user was exposed to and how their skin
//! and gut were, read from the entries' own local dates (`Entry::local_date`, the day where each
//! entry was logged).
//!
//! An exposure is `Some(true)` on a day it happened, `Some(false)` on a day it is known not to
//! have happened, and `None` when the diary cannot say (no meal logged that day, no stress logged).

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, NaiveDate};

use crate::foods::{self, Fermentation, Food, FoodGroup};
use crate::model::{Condition, Entry, EntryDetails, MealItem, MedicationKind, Profile};
use crate::time;

use super::{Exposure, FoodFlag, Outcome};

/// A stress level at or above this makes a "stressful day".
pub const HIGH_STRESS: u8 = 7;
/// At most this many tags and foods become exposures (the most frequent ones).
pub(crate) const MAX_TAGS: usize = 30;
pub(crate) const MAX_FOODS: usize = 20;
/// A food with this many grams of sugars per 100 g or more counts as sugary (the UK front-of-pack
/// "high" mark), as do sweets and soft drinks with 5 g or more.
const SUGARY_G_PER_100G: f64 = 22.5;
const SUGARY_DRINK_G_PER_100G: f64 = 5.0;

/// Tags that name a food flag fold into that flag.
pub(crate) fn flag_of_tag(tag: &str) -> Option<FoodFlag> {
    Some(match tag {
        "dairy" | "milk" => FoodFlag::Dairy,
        "alcohol" | "alcoholic" => FoodFlag::Alcohol,
        "fermented" => FoodFlag::Fermented,
        "sugary" | "sugar" | "sweets" => FoodFlag::Sugary,
        "highly_processed" | "highly-processed" | "ultra_processed" | "ultra-processed" | "upf" => {
            FoodFlag::HighlyProcessed
        }
        _ => return None,
    })
}

/// The flags a food of the table carries.
pub(crate) fn flags_of_food(food: &Food) -> Vec<FoodFlag> {
    let mut flags = Vec::new();
    if food.dairy {
        flags.push(FoodFlag::Dairy);
    }
    if food.highly_processed() {
        flags.push(FoodFlag::HighlyProcessed);
    }
    let sugars = food.per_100g.sugars_g.unwrap_or(0.0);
    let sugary = match food.group {
        FoodGroup::Sweets => true,
        FoodGroup::Drinks => sugars >= SUGARY_DRINK_G_PER_100G && food.nova >= 3,
        FoodGroup::Fruit => false,
        _ => sugars >= SUGARY_G_PER_100G,
    };
    if sugary {
        flags.push(FoodFlag::Sugary);
    }
    if food.group == FoodGroup::Alcohol || food.per_100g.alcohol_g.unwrap_or(0.0) >= 0.5 {
        flags.push(FoodFlag::Alcohol);
    }
    if food.fermented != Fermentation::None {
        flags.push(FoodFlag::Fermented);
    }
    flags
}

/// The food of the built-in table a meal item references, if any. Free text references none.
pub(crate) fn food_of_item(item: &MealItem) -> Option<&'static Food> {
    match item {
        MealItem::FreeText { .. } => None,
        // A custom food (a UUID) is not in the table: it carries no flags here.
        MealItem::Food { food_id, .. } => food_by_id(food_id),
    }
}

pub(crate) fn food_by_id(id: &str) -> Option<&'static Food> {
    let all = foods::all_foods();
    all.binary_search_by(|f| f.id.as_str().cmp(id)).ok().map(|i| &all[i])
}

/// The recommended minimum of sleep, in minutes, at an age (Watson 2015, Hirshkowitz 2015:
/// 9 h at 6-13, 8 h at 14-17, 7 h for adults).
pub fn min_sleep_minutes(age: Option<i32>) -> u32 {
    match age {
        Some(a) if a <= 13 => 9 * 60,
        Some(a) if a <= 17 => 8 * 60,
        _ => 7 * 60,
    }
}

/// The user's age in a year, from the profile's birth year.
pub fn age_in(profile: &Profile, year: i32) -> Option<i32> {
    profile.birth_year.map(|b| year - i32::from(b)).filter(|a| *a >= 0)
}

/// An exposure's daily series.
#[derive(Debug, Clone)]
pub(crate) struct ExposureSeries {
    pub exposure: Exposure,
    pub days: Vec<Option<bool>>,
}

/// An outcome's daily series (the day's worst value).
#[derive(Debug, Clone)]
pub(crate) struct OutcomeSeries {
    pub outcome: Outcome,
    pub days: Vec<Option<f64>>,
}

#[derive(Debug, Clone)]
pub(crate) struct DayTable {
    /// The day number of slot 0.
    pub first: i64,
    pub len: usize,
    pub exposures: Vec<ExposureSeries>,
    pub outcomes: Vec<OutcomeSeries>,
    /// Whether each day has at least one entry.
    pub has_entries: Vec<bool>,
    /// The short-sleep mark used, in minutes.
    pub short_sleep_minutes: u32,
}

/// Reads one value of a day.
type DayReading = fn(&Day) -> Option<u8>;

#[derive(Default, Clone)]
struct Day {
    any: bool,
    meal: bool,
    stress_max: Option<u8>,
    sleep_minutes: Option<u32>,
    flags: [bool; FoodFlag::ALL.len()],
    severity: BTreeMap<Condition, u8>,
    itch: BTreeMap<Condition, u8>,
    bloating: Option<u8>,
    pain: Option<u8>,
    bristol: Option<u8>,
}

fn max_opt(a: Option<u8>, b: u8) -> Option<u8> {
    Some(a.map_or(b, |a| a.max(b)))
}

/// Builds the table for the local days `first..=last` from `entries` (deleted ones are skipped).
/// `outcome_from` is the first day whose outcomes count (earlier days only feed exposures and
/// baselines).
pub(crate) fn build(entries: &[Entry], profile: &Profile, first: NaiveDate, last: NaiveDate) -> DayTable {
    let first_n = time::day_number(first);
    let len = (time::day_number(last) - first_n + 1).max(0) as usize;
    let mut days = vec![Day::default(); len];
    // Per tag: the slots it was on, and whether it was only ever on meals.
    let mut tags: HashMap<&str, (Vec<usize>, bool)> = HashMap::new();
    let mut foods_eaten: HashMap<&'static str, Vec<usize>> = HashMap::new();
    let mut antibiotic_days: Vec<(i64, Option<i64>)> = Vec::new();
    let last_n = first_n + len as i64 - 1;

    for entry in entries.iter().filter(|e| !e.deleted) {
        let Ok(date) = entry.local_date.parse::<NaiveDate>() else { continue };
        let n = time::day_number(date);
        // Courses reach across days, so they are read whatever the entry's own day.
        if let EntryDetails::Medication { medication: MedicationKind::Antibiotic, course, .. } = &entry.details {
            let span = course.as_ref().and_then(|c| {
                let start = c.start.parse::<NaiveDate>().ok().map(time::day_number)?;
                let end = c.end.as_deref().and_then(|e| e.parse::<NaiveDate>().ok()).map(time::day_number);
                Some((start, end))
            });
            antibiotic_days.push(span.unwrap_or((n, Some(n))));
        }
        if n < first_n || n > last_n {
            continue;
        }
        let slot = (n - first_n) as usize;
        let day = &mut days[slot];
        day.any = true;
        let is_meal = matches!(entry.details, EntryDetails::Meal { .. });
        for tag in &entry.tags {
            if let Some(flag) = flag_of_tag(tag).filter(|_| is_meal) {
                day.flags[flag as usize] = true;
                continue;
            }
            let record = tags.entry(tag.as_str()).or_insert_with(|| (Vec::new(), true));
            if record.0.last() != Some(&slot) {
                record.0.push(slot);
            }
            record.1 &= is_meal;
        }
        match &entry.details {
            EntryDetails::Meal { items, .. } => {
                day.meal = true;
                for food in items.iter().filter_map(food_of_item) {
                    for flag in flags_of_food(food) {
                        day.flags[flag as usize] = true;
                    }
                    let eaten = foods_eaten.entry(food.id.as_str()).or_default();
                    if eaten.last() != Some(&slot) {
                        eaten.push(slot);
                    }
                }
            }
            EntryDetails::SkinCheckIn { ratings, .. } => {
                for r in ratings {
                    let worst = day.severity.entry(r.condition).or_insert(0);
                    *worst = (*worst).max(r.severity);
                    if let Some(itch) = r.itch {
                        let worst = day.itch.entry(r.condition).or_insert(0);
                        *worst = (*worst).max(itch);
                    }
                }
            }
            EntryDetails::GutCheckIn { bristol, bloating, pain } => {
                if let Some(b) = bristol {
                    day.bristol = max_opt(day.bristol, *b);
                }
                if let Some(b) = bloating {
                    day.bloating = max_opt(day.bloating, *b);
                }
                if let Some(p) = pain {
                    day.pain = max_opt(day.pain, *p);
                }
            }
            EntryDetails::Stress { level } => day.stress_max = max_opt(day.stress_max, *level),
            EntryDetails::Sleep { minutes, .. } => day.sleep_minutes = Some(day.sleep_minutes.unwrap_or(0) + minutes),
            _ => {}
        }
    }

    let mut exposures = Vec::new();
    // Food flags: known on days with a meal.
    for flag in FoodFlag::ALL {
        let series: Vec<Option<bool>> = days.iter().map(|d| d.meal.then_some(d.flags[flag as usize])).collect();
        exposures.push(ExposureSeries { exposure: Exposure::Flag { flag }, days: series });
    }
    // Foods by id, the most frequent first.
    let mut eaten: Vec<(&str, Vec<usize>)> = foods_eaten.into_iter().collect();
    eaten.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(b.0)));
    for (id, slots) in eaten.into_iter().take(MAX_FOODS) {
        let mut series: Vec<Option<bool>> = days.iter().map(|d| d.meal.then_some(false)).collect();
        for s in slots {
            series[s] = Some(true);
        }
        exposures.push(ExposureSeries { exposure: Exposure::Food { food_id: id.to_string() }, days: series });
    }
    // Other tags: known on days with a meal (meal-only tags) or with any entry.
    let mut tag_list: Vec<(&str, (Vec<usize>, bool))> = tags.into_iter().collect();
    tag_list.sort_by(|a, b| b.1.0.len().cmp(&a.1.0.len()).then(a.0.cmp(b.0)));
    for (tag, (slots, meal_only)) in tag_list.into_iter().take(MAX_TAGS) {
        let mut series: Vec<Option<bool>> =
            days.iter().map(|d| if meal_only { d.meal.then_some(false) } else { d.any.then_some(false) }).collect();
        for s in slots {
            series[s] = Some(true);
        }
        exposures.push(ExposureSeries { exposure: Exposure::Tag { tag: tag.to_string() }, days: series });
    }
    exposures.push(ExposureSeries {
        exposure: Exposure::HighStress,
        days: days.iter().map(|d| d.stress_max.map(|s| s >= HIGH_STRESS)).collect(),
    });
    // Short sleep: under the age's minimum; the age of the last day in the table.
    let age = age_in(profile, time::date_from_day_number(last_n).year());
    let short_sleep_minutes = min_sleep_minutes(age);
    exposures.push(ExposureSeries {
        exposure: Exposure::ShortSleep,
        days: days.iter().map(|d| d.sleep_minutes.map(|m| m < short_sleep_minutes)).collect(),
    });
    // Antibiotics: the days of each course (an open course runs to the table's end); known every day.
    let mut on_antibiotics = vec![Some(false); len];
    for (start, end) in antibiotic_days {
        let end = end.unwrap_or(last_n).min(last_n);
        for n in start.max(first_n)..=end {
            on_antibiotics[(n - first_n) as usize] = Some(true);
        }
    }
    exposures.push(ExposureSeries { exposure: Exposure::Antibiotics, days: on_antibiotics });

    // Outcomes: skin per condition tracked (or rated, when the profile names none), then gut.
    let mut rated: Vec<Condition> = Vec::new();
    for d in &days {
        rated.extend(d.severity.keys().copied());
    }
    rated.sort();
    rated.dedup();
    let conditions: Vec<Condition> = if profile.conditions.is_empty() {
        rated
    } else {
        let mut c = profile.conditions.clone();
        c.sort();
        c.dedup();
        c
    };
    let mut outcomes = Vec::new();
    for condition in conditions {
        let series: Vec<Option<f64>> = days.iter().map(|d| d.severity.get(&condition).map(|v| f64::from(*v))).collect();
        if series.iter().any(Option::is_some) {
            outcomes.push(OutcomeSeries { outcome: Outcome::Severity { condition }, days: series });
        }
        let series: Vec<Option<f64>> = days.iter().map(|d| d.itch.get(&condition).map(|v| f64::from(*v))).collect();
        if series.iter().any(Option::is_some) {
            outcomes.push(OutcomeSeries { outcome: Outcome::Itch { condition }, days: series });
        }
    }
    let gut: [(Outcome, DayReading); 3] =
        [(Outcome::Bloating, |d| d.bloating), (Outcome::GutPain, |d| d.pain), (Outcome::StoolForm, |d| d.bristol)];
    for (outcome, read) in gut {
        let series: Vec<Option<f64>> = days.iter().map(|d| read(d).map(f64::from)).collect();
        if series.iter().any(Option::is_some) {
            outcomes.push(OutcomeSeries { outcome, days: series });
        }
    }
    DayTable {
        first: first_n,
        len,
        exposures,
        outcomes,
        has_entries: days.iter().map(|d| d.any).collect(),
        short_sleep_minutes,
    }
}
