//! Human output: compact lines, local times in each entry's own zone.

use std::collections::HashMap;

use chrono::{DateTime, FixedOffset, NaiveDate};
use gutskin_core::{
    ActivityKind, Amount, ConditionSummary, DaySummary, Diary, Entry, EntryDetails, Food, Intake, KindCounts, MealItem,
    MealKind, MedicationKind, PoemBand, Profile, Total, scales,
};

use crate::input::Zone;

/// The entry's local date and time where it was logged.
pub fn local_time(entry: &Entry) -> DateTime<FixedOffset> {
    let offset = FixedOffset::east_opt(entry.utc_offset_minutes * 60)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"));
    gutskin_core::time::to_utc(entry.occurred_at).with_timezone(&offset)
}

/// The names meal items are shown with: food id -> name, in the profile's language (German for
/// "de", else English). An id no food has is shown as it is.
#[derive(Debug, Default)]
pub struct FoodNames {
    names: HashMap<String, String>,
}

impl FoodNames {
    /// The names of the foods these entries' meals refer to (built-in or custom).
    pub fn of(diary: &Diary, entries: &[Entry]) -> FoodNames {
        FoodNames::of_items(
            diary,
            entries.iter().flat_map(|e| match &e.details {
                EntryDetails::Meal { items, .. } => items.as_slice(),
                _ => &[],
            }),
        )
    }

    /// The names of the foods these items refer to.
    pub fn of_items<'a>(diary: &Diary, items: impl IntoIterator<Item = &'a MealItem>) -> FoodNames {
        let language = diary.profile().map(|p| p.locale).unwrap_or_default();
        let mut names = HashMap::new();
        for item in items {
            if let MealItem::Food { food_id, .. } = item
                && !names.contains_key(food_id)
                && let Ok(food) = diary.food(food_id)
            {
                names.insert(food_id.clone(), food_name(&food, &language).to_string());
            }
        }
        FoodNames { names }
    }

    pub fn from_foods(foods: &[Food], language: &str) -> FoodNames {
        FoodNames { names: foods.iter().map(|f| (f.id.clone(), food_name(f, language).to_string())).collect() }
    }

    pub fn name<'a>(&'a self, id: &'a str) -> &'a str {
        self.names.get(id).map_or(id, String::as_str)
    }
}

/// A food's name in a language tag's language ("de-AT" is German; a language the table has no
/// names in gets English ones).
pub fn food_name<'a>(food: &'a Food, language: &str) -> &'a str {
    food.name(language)
}

/// "200 g", "1 slice", "2 × 1 slice".
pub fn amount_text(amount: &Amount) -> String {
    match amount {
        Amount::Grams { grams } => format!("{} g", round1(*grams)),
        Amount::Portion { name, count } if *count == 1.0 => name.clone(),
        Amount::Portion { name, count } => format!("{} × {name}", round2(*count)),
    }
}

/// "lentil soup", or "Lentils, cooked (200 g)".
pub fn item_text(item: &MealItem, names: &FoodNames) -> String {
    match item {
        MealItem::FreeText { text } => text.clone(),
        MealItem::Food { food_id, amount } => format!("{} ({})", names.name(food_id), amount_text(amount)),
    }
}

/// "12:30  lunch: lentil soup, bread  #dairy  “at the office”", with the zone if it is not the
/// one in use, and "(deleted)" for deleted entries.
pub fn entry_line(entry: &Entry, zone: &Zone, with_date: bool, names: &FoodNames) -> String {
    let local = local_time(entry);
    let mut line =
        if with_date { local.format("%Y-%m-%d %H:%M").to_string() } else { local.format("%H:%M").to_string() };
    if entry.time_zone != zone.name() {
        line.push_str(&format!(" ({})", entry.time_zone));
    }
    line.push_str("  ");
    line.push_str(&describe(&entry.details, names));
    for tag in &entry.tags {
        line.push_str(&format!("  #{tag}"));
    }
    if let Some(note) = &entry.note {
        line.push_str(&format!("  \u{201c}{}\u{201d}", one_line(note)));
    }
    if entry.deleted {
        line.push_str("  (deleted)");
    }
    line
}

fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

pub fn meal_name(meal: MealKind) -> &'static str {
    match meal {
        MealKind::Breakfast => "breakfast",
        MealKind::Lunch => "lunch",
        MealKind::Dinner => "dinner",
        MealKind::Snack => "snack",
        MealKind::Drink => "drink",
    }
}

pub fn activity_name(activity: ActivityKind) -> &'static str {
    match activity {
        ActivityKind::Exercise => "exercise",
        ActivityKind::Meditation => "meditation",
        ActivityKind::Breathing => "breathing",
    }
}

pub fn medication_name(medication: MedicationKind) -> &'static str {
    match medication {
        MedicationKind::Probiotic => "probiotic",
        MedicationKind::Prebiotic => "prebiotic",
        MedicationKind::Antibiotic => "antibiotic",
        MedicationKind::Other => "other",
    }
}

pub fn poem_band_name(band: PoemBand) -> &'static str {
    match band {
        PoemBand::ClearOrAlmostClear => "clear_or_almost_clear",
        PoemBand::Mild => "mild",
        PoemBand::Moderate => "moderate",
        PoemBand::Severe => "severe",
        PoemBand::VerySevere => "very_severe",
    }
}

pub fn item_texts(items: &[MealItem], names: &FoodNames) -> Vec<String> {
    items.iter().map(|item| item_text(item, names)).collect()
}

fn hours(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (h, 0) => format!("{h} h"),
        (0, m) => format!("{m} min"),
        (h, m) => format!("{h} h {m:02} min"),
    }
}

/// What an entry says, in a few words.
pub fn describe(details: &EntryDetails, names: &FoodNames) -> String {
    match details {
        EntryDetails::Meal { meal, items } if items.is_empty() => meal_name(*meal).to_string(),
        EntryDetails::Meal { meal, items } => {
            format!("{}: {}", meal_name(*meal), item_texts(items, names).join(", "))
        }
        EntryDetails::SkinCheckIn { ratings, poem } => {
            let mut parts: Vec<String> = ratings
                .iter()
                .map(|r| {
                    let mut s = format!("{} {}", r.condition.as_str().replace('_', " "), r.severity);
                    let mut extra = Vec::new();
                    if let Some(itch) = r.itch {
                        extra.push(format!("itch {itch}"));
                    }
                    if !r.areas.is_empty() {
                        extra.push(r.areas.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(", "));
                    }
                    if !extra.is_empty() {
                        s.push_str(&format!(" ({})", extra.join("; ")));
                    }
                    s
                })
                .collect();
            if let Some(score) = poem.as_deref().and_then(|a| scales::poem_score(a).ok()) {
                parts.push(format!("POEM {} ({})", score.score, poem_band_name(score.band).replace('_', " ")));
            }
            format!("skin: {}", parts.join(", "))
        }
        EntryDetails::GutCheckIn { bristol, bloating, pain } => {
            let mut parts = Vec::new();
            if let Some(b) = bristol {
                parts.push(format!("Bristol {b}"));
            }
            if let Some(b) = bloating {
                parts.push(format!("bloating {b}"));
            }
            if let Some(p) = pain {
                parts.push(format!("pain {p}"));
            }
            format!("gut: {}", parts.join(", "))
        }
        EntryDetails::Stress { level } => format!("stress {level}/10"),
        EntryDetails::Sleep { minutes, quality } => match quality {
            Some(q) => format!("sleep {}, quality {q}/5", hours(*minutes)),
            None => format!("sleep {}", hours(*minutes)),
        },
        EntryDetails::Activity { activity, minutes } => {
            format!("{} {minutes} min", activity_name(*activity))
        }
        EntryDetails::Medication { medication, name, dose, course } => {
            let mut s = format!("{}: {name}", medication_name(*medication));
            if let Some(dose) = dose {
                s.push_str(&format!(", {dose}"));
            }
            if let Some(course) = course {
                match &course.end {
                    Some(end) => s.push_str(&format!(" (course {} to {end})", course.start)),
                    None => s.push_str(&format!(" (course from {})", course.start)),
                }
            }
            s
        }
        EntryDetails::Water { ml } => format!("water {ml} ml"),
        EntryDetails::Note { text } => format!("note: {}", one_line(text)),
    }
}

pub fn counts_line(counts: &KindCounts) -> String {
    let parts = [
        (counts.meals, "meal", "meals"),
        (counts.skin_check_ins, "skin check-in", "skin check-ins"),
        (counts.gut_check_ins, "gut check-in", "gut check-ins"),
        (counts.stress, "stress rating", "stress ratings"),
        (counts.sleep, "sleep", "sleeps"),
        (counts.activity, "activity", "activities"),
        (counts.medications, "medication", "medications"),
        (counts.water, "water entry", "water entries"),
        (counts.notes, "note", "notes"),
    ];
    let listed: Vec<String> = parts
        .iter()
        .filter(|(n, _, _)| *n > 0)
        .map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many }))
        .collect();
    if listed.is_empty() { "nothing logged".into() } else { listed.join(", ") }
}

fn condition_part(c: &ConditionSummary) -> String {
    let name = c.condition.as_str().replace('_', " ");
    let mut s = if c.ratings > 1 {
        format!("{name} {} (worst {})", round1(c.mean), c.worst)
    } else {
        format!("{name} {}", c.worst)
    };
    if let Some(itch) = c.worst_itch {
        s.push_str(&format!(", itch {itch}"));
    }
    s
}

fn round1(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map(str::to_string).unwrap_or(s)
}

fn round2(x: f64) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0');
    s.strip_suffix('.').unwrap_or(s).to_string()
}

/// "22 g", or "≥ 22 g" when some item's value is unknown.
fn total(t: &Total, unit: &str) -> String {
    let value = if unit == "kcal" { format!("{:.0}", t.value) } else { round1(t.value) };
    let sep = if unit.is_empty() { "" } else { " " };
    if t.complete { format!("{value}{sep}{unit}") } else { format!("≥ {value}{sep}{unit}") }
}

/// What a day's or a meal's food adds up to, in two short lines.
pub fn intake_lines(i: &Intake) -> Vec<String> {
    let mut first = vec![
        total(&i.energy_kcal, "kcal"),
        format!("fibre {}", total(&i.fibre_g, "g")),
        format!("sugars {}", total(&i.sugars_g, "g")),
        format!("sat. fat {}", total(&i.saturated_fat_g, "g")),
    ];
    if i.alcohol_g.value > 0.0 {
        first.push(format!("alcohol {}", total(&i.alcohol_g, "g")));
    }
    let mut second = Vec::new();
    if i.fermented_servings > 0.0 {
        second.push(format!("{} fermented servings", round1(i.fermented_servings)));
    }
    if !i.plant_species.is_empty() {
        let n = i.plant_species.len();
        second.push(format!("{n} plant{}", if n == 1 { "" } else { "s" }));
    }
    if i.fruit_vegetables_g > 0.0 {
        second.push(format!("fruit & veg {} g", round1(i.fruit_vegetables_g)));
    }
    if let Some(share) = i.highly_processed_share.filter(|s| *s > 0.0) {
        second.push(format!("{:.0}% highly processed", share * 100.0));
    }
    if i.glycaemic_load.value > 0.0 {
        second.push(format!("GL {}", total(&i.glycaemic_load, "")));
    }
    if i.unknown_items > 0 {
        let n = i.unknown_items;
        second.push(format!("{n} item{} not counted (free text)", if n == 1 { "" } else { "s" }));
    }
    let mut lines = vec![format!("food   {}", first.join(" · "))];
    if !second.is_empty() {
        lines.push(format!("       {}", second.join(" · ")));
    }
    lines
}

/// A day's summary in a few short lines (no counts line: callers show that as they like).
pub fn summary_lines(s: &DaySummary) -> Vec<String> {
    let mut lines = Vec::new();
    if !s.skin.is_empty() || s.poem.is_some() {
        let mut parts: Vec<String> = s.skin.iter().map(condition_part).collect();
        if let Some(p) = s.poem {
            parts.push(format!("POEM {} ({})", p.score, poem_band_name(p.band).replace('_', " ")));
        }
        lines.push(format!("skin   {}", parts.join("; ")));
    }
    if let Some(g) = &s.gut {
        let mut parts = Vec::new();
        match (g.bristol_min, g.bristol_max) {
            (Some(lo), Some(hi)) if lo != hi => parts.push(format!("Bristol {lo}-{hi}")),
            (Some(b), _) | (None, Some(b)) => parts.push(format!("Bristol {b}")),
            _ => {}
        }
        if let Some(b) = g.bloating_max {
            parts.push(format!("bloating {b}"));
        }
        if let Some(p) = g.pain_max {
            parts.push(format!("pain {p}"));
        }
        lines.push(format!("gut    {}", parts.join(", ")));
    }
    let mut rest = Vec::new();
    if let Some(st) = &s.stress {
        rest.push(format!("stress {}", st.max));
    }
    if let Some(sl) = &s.sleep {
        let mut part = format!("sleep {}", hours(sl.minutes));
        if let Some(q) = sl.quality_mean {
            part.push_str(&format!(" (quality {})", round1(q)));
        }
        rest.push(part);
    }
    if s.water_ml > 0 {
        rest.push(format!("water {} ml", s.water_ml));
    }
    if s.activity_minutes > 0 {
        rest.push(format!("active {} min", s.activity_minutes));
    }
    if !rest.is_empty() {
        lines.push(rest.join(" · "));
    }
    if let Some(intake) = &s.intake
        && intake.items > 0
    {
        lines.extend(intake_lines(intake));
    }
    lines
}

/// "Wed 2026-11-25".
pub fn day_title(date: &str) -> String {
    match date.parse::<NaiveDate>() {
        Ok(d) => d.format("%a %Y-%m-%d").to_string(),
        Err(_) => date.to_string(),
    }
}

pub fn profile_lines(p: &Profile) -> Vec<String> {
    let conditions = if p.conditions.is_empty() {
        "none".to_string()
    } else {
        p.conditions.iter().map(|c| c.as_str()).collect::<Vec<_>>().join(", ")
    };
    vec![
        format!("conditions  {conditions}"),
        format!("birth year  {}", p.birth_year.map_or("not set".into(), |y| y.to_string())),
        format!("energy      {} kcal/day", p.daily_energy_kcal),
        format!("locale      {}", p.locale),
    ]
}
