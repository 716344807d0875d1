//! Human output: compact lines, local times in each entry's own zone.

use chrono::{DateTime, FixedOffset, NaiveDate};
use gutskin_core::{
    ActivityKind, ConditionSummary, DaySummary, Entry, EntryDetails, KindCounts, MealItem, MealKind, MedicationKind,
    PoemBand, Profile, scales,
};

use crate::input::Zone;

/// The entry's local date and time where it was logged.
pub fn local_time(entry: &Entry) -> DateTime<FixedOffset> {
    let offset = FixedOffset::east_opt(entry.utc_offset_minutes * 60)
        .unwrap_or_else(|| FixedOffset::east_opt(0).expect("zero offset"));
    gutskin_core::time::to_utc(entry.occurred_at).with_timezone(&offset)
}

/// "12:30  lunch: lentil soup, bread  #dairy  “at the office”", with the zone if it is not the
/// one in use, and "(deleted)" for deleted entries.
pub fn entry_line(entry: &Entry, zone: &Zone, with_date: bool) -> String {
    let local = local_time(entry);
    let mut line =
        if with_date { local.format("%Y-%m-%d %H:%M").to_string() } else { local.format("%H:%M").to_string() };
    if entry.time_zone != zone.name() {
        line.push_str(&format!(" ({})", entry.time_zone));
    }
    line.push_str("  ");
    line.push_str(&describe(&entry.details));
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

pub fn item_texts(items: &[MealItem]) -> Vec<&str> {
    items
        .iter()
        .map(|item| match item {
            MealItem::FreeText { text } => text.as_str(),
        })
        .collect()
}

fn hours(minutes: u32) -> String {
    match (minutes / 60, minutes % 60) {
        (h, 0) => format!("{h} h"),
        (0, m) => format!("{m} min"),
        (h, m) => format!("{h} h {m:02} min"),
    }
}

/// What an entry says, in a few words.
pub fn describe(details: &EntryDetails) -> String {
    match details {
        EntryDetails::Meal { meal, items } if items.is_empty() => meal_name(*meal).to_string(),
        EntryDetails::Meal { meal, items } => {
            format!("{}: {}", meal_name(*meal), item_texts(items).join(", "))
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
