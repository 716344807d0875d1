//! What the guidance rules measure over their windows, read from the entries' local days.

use chrono::NaiveDate;

use crate::foods::{self, Fermentation, Food, MatchKind, SearchBoosts};
use crate::insights::HIGH_STRESS;
use crate::model::{DaySummary, Entry, EntryDetails, MealItem, MedicationKind};
use crate::nutrition::{self, Intake};
use crate::time;

use super::rules::Metric;

/// A serving's glycaemic load from this up is high (Smith et al. 2007, AJCN 86:107: per serving,
/// 10 or less is low, 20 or more high). A meal entry is the serving.
pub const HIGH_GL_PER_SERVING: f64 = 20.0;
/// Fewer meals with a known glycaemic load than this in the window say nothing about the share.
pub const MIN_GL_MEALS: u32 = 10;
/// A meal with no glycaemic load and less energy than this (water, tea, black coffee) is not a
/// serving of food: it counts neither as low nor as high.
const MIN_GL_ZERO_MEAL_KCAL: f64 = 50.0;

/// The metrics of a window of days.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Metrics {
    pub meal_days: u32,
    pub fermented_servings: f64,
    pub dairy_days: u32,
    pub alcohol_days: u32,
    pub sleep_nights: u32,
    pub sleep_minutes: u64,
    pub stress_days: u32,
    pub stressful_days: u32,
    pub antibiotic_days: u32,
    pub probiotic_days: u32,
    /// Days whose meals were mostly foods of the table (at most a quarter free text): the days
    /// nutrient totals are read from.
    pub nutrient_days: u32,
    pub fibre_g: f64,
    pub energy_kcal: f64,
    pub sugars_g: f64,
    pub saturated_fat_g: f64,
    pub highly_processed_g: f64,
    pub alcohol_g: f64,
    pub epa_dha_g: f64,
    pub plant_species: u32,
    /// Meals whose glycaemic load is known: every item a food of the table with a GI (or with
    /// almost no carbohydrate). Free text, custom foods and foods without a GI make a meal's load
    /// unknown, and an unknown meal is counted nowhere (never as low).
    pub gl_meals: u32,
    /// Of those, meals with a load of [`HIGH_GL_PER_SERVING`] or more.
    pub gl_high_meals: u32,
    /// Days with at least one meal whose glycaemic load is known.
    pub gl_days: u32,
    /// The person's daily energy (the profile's; 2,000 kcal unless they set one). Shares of
    /// energy are taken of at least this much a day: a day with a meal left out of the diary
    /// would otherwise make every share look larger than it is (evidence file: "%-of-energy
    /// limits need an energy figure").
    pub daily_energy_kcal: u32,
}

/// Whether a day's intake is complete enough to read nutrients from.
fn measured(intake: &Intake) -> bool {
    intake.items > 0 && intake.unknown_items * 4 <= intake.items
}

impl Metrics {
    /// Measures the local days `from..=to` of `entries` (deleted ones skipped).
    pub fn measure(entries: &[Entry], summaries: &[DaySummary], from: NaiveDate, to: NaiveDate) -> Metrics {
        let (first, last) = (time::day_number(from), time::day_number(to));
        #[derive(Default, Clone)]
        struct Day {
            meal: bool,
            fermented: u32,
            dairy: bool,
            alcohol: bool,
            sleep: Option<u64>,
            stress: Option<u8>,
            probiotic: bool,
            gl_meals: u32,
            gl_high_meals: u32,
        }
        let len = (last - first + 1).max(0) as usize;
        let mut days = vec![Day::default(); len];
        let mut antibiotic = vec![false; len];
        for e in entries.iter().filter(|e| !e.deleted) {
            if let EntryDetails::Medication { medication: MedicationKind::Antibiotic, course, .. } = &e.details {
                let own = e.local_date.parse::<NaiveDate>().ok().map(time::day_number);
                let start = course.as_ref().and_then(|c| c.start.parse::<NaiveDate>().ok()).map(time::day_number);
                let end = course
                    .as_ref()
                    .map(|c| c.end.as_deref().and_then(|d| d.parse::<NaiveDate>().ok()).map(time::day_number));
                let (start, end) = match (start.or(own), end) {
                    (Some(s), Some(Some(e))) => (s, e),
                    (Some(s), Some(None)) => (s, last),
                    (Some(s), None) => (s, s),
                    _ => continue,
                };
                for n in start.max(first)..=end.min(last) {
                    antibiotic[(n - first) as usize] = true;
                }
            }
            let Ok(date) = e.local_date.parse::<NaiveDate>() else { continue };
            let n = time::day_number(date);
            if n < first || n > last {
                continue;
            }
            let day = &mut days[(n - first) as usize];
            match &e.details {
                EntryDetails::Meal { items, .. } => {
                    day.meal = true;
                    let tagged = |t: &str| e.tags.iter().any(|x| x == t);
                    let foods: Vec<&Food> = items.iter().filter_map(food_of_item).collect();
                    if tagged("fermented") || foods.iter().any(|f| f.fermented == Fermentation::LiveCultures) {
                        day.fermented += 1;
                    }
                    day.dairy |= tagged("dairy") || foods.iter().any(|f| f.dairy);
                    day.alcohol |=
                        tagged("alcohol") || foods.iter().any(|f| f.per_100g.alcohol_g.unwrap_or(0.0) >= 0.5);
                    if let Some(high) = high_glycaemic_load(items) {
                        day.gl_meals += 1;
                        day.gl_high_meals += u32::from(high);
                    }
                }
                EntryDetails::Sleep { minutes, .. } => day.sleep = Some(day.sleep.unwrap_or(0) + u64::from(*minutes)),
                EntryDetails::Stress { level } => day.stress = Some(day.stress.map_or(*level, |s| s.max(*level))),
                EntryDetails::Medication { medication: MedicationKind::Probiotic, .. } => day.probiotic = true,
                _ => {}
            }
        }
        // Nutrients from the day summaries' intake totals (foods of the table with amounts).
        let mut intake_fermented = vec![0.0f64; len];
        let mut nutrients = Metrics::default();
        let mut species = std::collections::BTreeSet::new();
        for s in summaries {
            let Ok(date) = s.date.parse::<NaiveDate>() else { continue };
            let n = time::day_number(date);
            let Some(intake) = s.intake.as_ref().filter(|_| n >= first && n <= last) else { continue };
            let slot = (n - first) as usize;
            intake_fermented[slot] = intake.fermented_servings;
            days[slot].dairy |= intake.dairy_items > 0;
            days[slot].alcohol |= intake.alcohol_g.value >= 0.5;
            species.extend(intake.plant_species.iter().cloned());
            if measured(intake) {
                nutrients.nutrient_days += 1;
                nutrients.fibre_g += intake.fibre_g.value;
                nutrients.energy_kcal += intake.energy_kcal.value;
                nutrients.sugars_g += intake.sugars_g.value;
                nutrients.saturated_fat_g += intake.saturated_fat_g.value;
                nutrients.highly_processed_g += intake.highly_processed_g;
                nutrients.alcohol_g += intake.alcohol_g.value;
                nutrients.epa_dha_g += intake.epa_dha_g.value;
            }
        }
        let count = |f: &dyn Fn(&Day) -> bool| days.iter().filter(|d| f(d)).count() as u32;
        let fermented: f64 = days.iter().zip(&intake_fermented).map(|(d, i)| f64::from(d.fermented).max(*i)).sum();
        Metrics {
            nutrient_days: nutrients.nutrient_days,
            fibre_g: nutrients.fibre_g,
            energy_kcal: nutrients.energy_kcal,
            sugars_g: nutrients.sugars_g,
            saturated_fat_g: nutrients.saturated_fat_g,
            highly_processed_g: nutrients.highly_processed_g,
            alcohol_g: nutrients.alcohol_g,
            epa_dha_g: nutrients.epa_dha_g,
            plant_species: species.len() as u32,
            fermented_servings: fermented,
            meal_days: count(&|d| d.meal),
            dairy_days: count(&|d| d.dairy),
            alcohol_days: count(&|d| d.alcohol),
            sleep_nights: count(&|d| d.sleep.is_some()),
            sleep_minutes: days.iter().filter_map(|d| d.sleep).sum(),
            stress_days: count(&|d| d.stress.is_some()),
            stressful_days: count(&|d| d.stress.is_some_and(|s| s >= HIGH_STRESS)),
            antibiotic_days: antibiotic.iter().filter(|a| **a).count() as u32,
            probiotic_days: count(&|d| d.probiotic),
            gl_meals: days.iter().map(|d| d.gl_meals).sum(),
            gl_high_meals: days.iter().map(|d| d.gl_high_meals).sum(),
            gl_days: count(&|d| d.gl_meals > 0),
            daily_energy_kcal: 0,
        }
    }

    /// `kcal` as a share of the energy of the nutrient days: the energy logged, or the daily
    /// energy on each of those days if that is more.
    fn share_of_energy(&self, kcal: f64) -> Option<(f64, u32)> {
        let energy = self.energy_kcal.max(f64::from(self.daily_energy_kcal) * f64::from(self.nutrient_days));
        (self.nutrient_days > 0 && energy > 0.0).then(|| ((kcal / energy * 1000.0).round() / 10.0, self.nutrient_days))
    }

    /// A metric's value and the number of days of data behind it; `None` when the diary does not
    /// hold what the metric needs.
    pub fn value(&self, metric: Metric) -> Option<(f64, u32)> {
        let per = |n: f64, d: u32| if d == 0 { None } else { Some((n / f64::from(d), d)) };
        match metric {
            Metric::SleepHoursPerNight => {
                per(self.sleep_minutes as f64 / 60.0, self.sleep_nights).map(|(h, d)| ((h * 10.0).round() / 10.0, d))
            }
            Metric::StressfulDays => Some((f64::from(self.stressful_days), self.stress_days)),
            Metric::FermentedServingsPerDay => {
                per(self.fermented_servings, self.meal_days).map(|(v, d)| ((v * 10.0).round() / 10.0, d))
            }
            Metric::DairyDays => Some((f64::from(self.dairy_days), self.meal_days)),
            Metric::AlcoholDays => Some((f64::from(self.alcohol_days), self.meal_days)),
            Metric::AntibioticCourse => Some((f64::from(u8::from(self.antibiotic_days > 0)), 1)),
            Metric::ProbioticDays => Some((f64::from(self.probiotic_days), self.probiotic_days.max(1))),
            // Nutrients: from days whose meals were mostly foods of the table.
            Metric::FibreGPerDay => per(self.fibre_g, self.nutrient_days).map(|(v, d)| (v.round(), d)),
            Metric::SugarsPctEnergy => self.share_of_energy(self.sugars_g * 4.0),
            Metric::SaturatedFatPctEnergy => self.share_of_energy(self.saturated_fat_g * 9.0),
            Metric::HighlyProcessedGPerDay => {
                per(self.highly_processed_g, self.nutrient_days).map(|(v, d)| ((v / 10.0).round() * 10.0, d))
            }
            Metric::AlcoholGPerWeek => per(self.alcohol_g * 7.0, self.nutrient_days).map(|(v, d)| (v.round(), d)),
            Metric::PlantsPerWeek => Some((f64::from(self.plant_species), self.nutrient_days)),
            Metric::EpaDhaGPerDay => {
                per(self.epa_dha_g, self.nutrient_days).map(|(v, d)| ((v * 100.0).round() / 100.0, d))
            }
            // A whole percent: 1 meal in 3 is 33 %.
            Metric::HighGlMealsPct => (self.gl_meals >= MIN_GL_MEALS)
                .then(|| ((f64::from(self.gl_high_meals) / f64::from(self.gl_meals) * 100.0).round(), self.gl_days)),
        }
    }

    /// How many things the value of a metric counts over, where a card names it (`{count}`):
    /// the meals with a known glycaemic load.
    pub fn counted(&self, metric: Metric) -> Option<u32> {
        match metric {
            Metric::HighGlMealsPct => Some(self.gl_meals),
            _ => None,
        }
    }
}

/// Whether a meal's glycaemic load is high (at least [`HIGH_GL_PER_SERVING`]); `None` when it is
/// not known (an item of free text, a custom food, a food without a GI) or when the meal is no
/// serving of food (no load and under 50 kcal: water, tea, black coffee). Only foods of the table
/// are looked up, so a custom food, even one with a GI, leaves the meal unknown.
pub(crate) fn high_glycaemic_load(items: &[MealItem]) -> Option<bool> {
    let intake = nutrition::meal_intake(items, &[]);
    let gl = intake.glycaemic_load;
    if !gl.complete || intake.unknown_items > 0 {
        return None;
    }
    if gl.value <= 0.0 && intake.energy_kcal.value < MIN_GL_ZERO_MEAL_KCAL {
        return None;
    }
    Some(gl.value >= HIGH_GL_PER_SERVING)
}

/// The food of the table an item references (none for free text).
fn food_of_item(item: &MealItem) -> Option<&'static Food> {
    item_key(item).filter(|k| k.starts_with("id:")).and_then(|k| food_of_key(&k))
}

/// A key for an item: `id:<food id>` for a food of the table, `text:<lower-case text>` for free text.
pub(crate) fn item_key(item: &MealItem) -> Option<String> {
    match item {
        MealItem::FreeText { text } => {
            let t = text.trim().to_lowercase();
            (!t.is_empty()).then(|| format!("text:{t}"))
        }
        MealItem::Food { food_id, .. } => Some(format!("id:{food_id}")),
    }
}

/// The food of the table behind a key: by id, or the table food whose English or German name
/// matches free text exactly (every word).
pub(crate) fn food_of_key(key: &str) -> Option<&'static Food> {
    let all = foods::all_foods();
    if let Some(id) = key.strip_prefix("id:") {
        return all.binary_search_by(|f| f.id.as_str().cmp(id)).ok().map(|i| &all[i]);
    }
    let text = key.strip_prefix("text:")?;
    for lang in ["en", "de"] {
        let hits = foods::search_foods(text, lang, &SearchBoosts::default(), 1).ok()?;
        if let Some(hit) = hits.into_iter().find(|h| h.kind == MatchKind::Exact) {
            return all.binary_search_by(|f| f.id.as_str().cmp(&hit.food.id)).ok().map(|i| &all[i]);
        }
    }
    None
}
