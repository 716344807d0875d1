//! Checks and normalises what the app hands in, before anything is written.
//!
//! Every rejection names the field and the reason. Normalising (trimming, dropping empty notes,
//! lower-casing and sorting tags, filling in the UTC offset) happens here too, so that what the
//! store keeps is exactly what a later read returns.

use std::time::{Duration, SystemTime};

use chrono::{Datelike, NaiveDate};

use crate::error::{GutskinError, Result};
use crate::foods::{NewCustomFood, Nutrients, Portion};
use crate::meals::NewSavedMeal;
use crate::model::{Amount, Course, EntryDetails, MealItem, MedicationKind, NewEntry, Profile, SkinRating};
use crate::nutrition::MAX_ITEM_GRAMS;
use crate::scales::poem_score;
use crate::time;

pub const MAX_NOTE_CHARS: usize = 2000;
pub const MAX_TAGS: usize = 20;
pub const MAX_TAG_CHARS: usize = 40;
pub const MAX_ITEMS: usize = 40;
pub const MAX_ITEM_CHARS: usize = 200;
pub const MAX_NAME_CHARS: usize = 100;
pub const MAX_WATER_ML: u32 = 5000;
/// Food ids: a table slug or a custom food's UUID.
pub const MAX_FOOD_ID_CHARS: usize = 64;
/// The most portions of one food an item may count.
pub const MAX_PORTION_COUNT: f64 = 100.0;
pub const MAX_PORTIONS: usize = 10;
pub const MAX_PORTION_NAME_CHARS: usize = 60;
/// Where a photo's reference (a path or a URI) must end.
pub const MAX_LOCAL_REF_CHARS: usize = 1000;
pub const MINUTES_PER_DAY: u32 = 24 * 60;
/// Real offsets lie between -12:00 and +14:00; ISO 8601 allows up to 18 hours either way.
pub const MAX_OFFSET_MINUTES: i32 = 18 * 60;
/// Entries may be logged up to a day ahead of the device clock (clocks and zones disagree a little).
pub const MAX_FUTURE: Duration = Duration::from_secs(24 * 3600);

/// The earliest instant an entry may have: 2000-01-01T00:00:00Z.
pub fn earliest_instant() -> SystemTime {
    time::from_millis(946_684_800_000)
}

/// Checks an entry and returns it normalised, with its UTC offset filled in.
pub fn new_entry(input: &NewEntry, now: SystemTime) -> Result<NewEntry> {
    let occurred_at = time::truncate_to_millis(input.occurred_at);
    if occurred_at < earliest_instant() {
        return Err(GutskinError::invalid("occurred_at", "must not be before 2000-01-01"));
    }
    if occurred_at > now + MAX_FUTURE {
        return Err(GutskinError::invalid("occurred_at", "must not be more than a day in the future"));
    }
    let zone = time::parse_zone("time_zone", &input.time_zone)?;
    let utc_offset_minutes = match input.utc_offset_minutes {
        // Not `abs()`: i32::MIN has none.
        Some(offset) if !(-MAX_OFFSET_MINUTES..=MAX_OFFSET_MINUTES).contains(&offset) => {
            return Err(GutskinError::invalid(
                "utc_offset_minutes",
                format!("must be within ±{MAX_OFFSET_MINUTES} minutes, got {offset}"),
            ));
        }
        Some(offset) => offset,
        None => time::zone_offset_minutes(zone, occurred_at),
    };
    Ok(NewEntry {
        occurred_at,
        time_zone: input.time_zone.clone(),
        utc_offset_minutes: Some(utc_offset_minutes),
        note: optional_text("note", input.note.as_deref(), MAX_NOTE_CHARS, true)?,
        tags: tags(&input.tags)?,
        details: details(&input.details, now)?,
    })
}

/// Tags are case-insensitive labels: trimmed, lower-cased, de-duplicated and sorted.
pub fn tags(input: &[String]) -> Result<Vec<String>> {
    // A set, and a stop at the first tag too many: a list of 100,000 tags costs no more than 21.
    let mut out: std::collections::BTreeSet<String> = std::collections::BTreeSet::new();
    for (i, raw) in input.iter().enumerate() {
        let field = format!("tags[{i}]");
        out.insert(required_text(&field, raw, MAX_TAG_CHARS, false)?.to_lowercase());
        if out.len() > MAX_TAGS {
            return Err(GutskinError::invalid(
                "tags",
                format!("at most {MAX_TAGS} different tags, got more ({} given)", input.len()),
            ));
        }
    }
    Ok(out.into_iter().collect())
}

fn details(input: &EntryDetails, now: SystemTime) -> Result<EntryDetails> {
    Ok(match input {
        EntryDetails::Meal { meal, items } => {
            EntryDetails::Meal { meal: *meal, items: meal_items("meal.items", items)? }
        }
        EntryDetails::SkinCheckIn { ratings, poem } => {
            if ratings.is_empty() && poem.is_none() {
                return Err(GutskinError::invalid("skin.ratings", "rate at least one condition or answer POEM"));
            }
            let mut checked: Vec<SkinRating> = Vec::with_capacity(ratings.len());
            for (i, rating) in ratings.iter().enumerate() {
                if checked.iter().any(|r| r.condition == rating.condition) {
                    return Err(GutskinError::invalid(
                        format!("skin.ratings[{i}].condition"),
                        format!("{} is rated twice", rating.condition.as_str()),
                    ));
                }
                scale(&format!("skin.ratings[{i}].severity"), rating.severity, 0, 10)?;
                if let Some(itch) = rating.itch {
                    scale(&format!("skin.ratings[{i}].itch"), itch, 0, 10)?;
                }
                let mut areas = rating.areas.clone();
                areas.sort();
                areas.dedup();
                checked.push(SkinRating { areas, ..rating.clone() });
            }
            if let Some(answers) = poem {
                poem_score(answers).map_err(|e| e.with_field_prefix("skin."))?;
            }
            EntryDetails::SkinCheckIn { ratings: checked, poem: poem.clone() }
        }
        EntryDetails::GutCheckIn { bristol, bloating, pain } => {
            if bristol.is_none() && bloating.is_none() && pain.is_none() {
                return Err(GutskinError::invalid("gut", "give at least one of bristol, bloating or pain"));
            }
            if let Some(b) = bristol {
                scale("gut.bristol", *b, 1, 7)?;
            }
            if let Some(b) = bloating {
                scale("gut.bloating", *b, 0, 10)?;
            }
            if let Some(p) = pain {
                scale("gut.pain", *p, 0, 10)?;
            }
            input.clone()
        }
        EntryDetails::Stress { level } => {
            scale("stress.level", *level, 0, 10)?;
            input.clone()
        }
        EntryDetails::Sleep { minutes, quality } => {
            if *minutes > MINUTES_PER_DAY {
                return Err(GutskinError::invalid(
                    "sleep.minutes",
                    format!("must be at most {MINUTES_PER_DAY} (a day), got {minutes}"),
                ));
            }
            if let Some(q) = quality {
                scale("sleep.quality", *q, 1, 5)?;
            }
            input.clone()
        }
        EntryDetails::Activity { minutes, .. } => {
            if *minutes == 0 || *minutes > MINUTES_PER_DAY {
                return Err(GutskinError::invalid(
                    "activity.minutes",
                    format!("must be 1-{MINUTES_PER_DAY}, got {minutes}"),
                ));
            }
            input.clone()
        }
        EntryDetails::Medication { medication, name, dose, course } => {
            let name = required_text("medication.name", name, MAX_NAME_CHARS, false)?;
            let dose = optional_text("medication.dose", dose.as_deref(), MAX_NAME_CHARS, false)?;
            if *medication == MedicationKind::Antibiotic && course.is_none() {
                return Err(GutskinError::invalid("medication.course", "an antibiotic needs its course's start date"));
            }
            if let Some(c) = course {
                self::course(c, now)?;
            }
            EntryDetails::Medication { medication: *medication, name, dose, course: course.clone() }
        }
        EntryDetails::Water { ml } => {
            if *ml == 0 || *ml > MAX_WATER_ML {
                return Err(GutskinError::invalid("water.ml", format!("must be 1-{MAX_WATER_ML}, got {ml}")));
            }
            input.clone()
        }
        EntryDetails::Note { text } => {
            EntryDetails::Note { text: required_text("note.text", text, MAX_NOTE_CHARS, true)? }
        }
    })
}

/// Checks and normalises meal items (at most [`MAX_ITEMS`]); `field` names the list in errors.
///
/// Free text is trimmed. A food id is trimmed, and a custom food's UUID written in its hyphenated
/// lower-case form; grams are rounded to 0.1 g and portion counts to 0.01. Whether the food and
/// its portion exist is checked against the diary when the items are written.
pub fn meal_items(field: &str, items: &[MealItem]) -> Result<Vec<MealItem>> {
    if items.len() > MAX_ITEMS {
        return Err(GutskinError::invalid(field, format!("at most {MAX_ITEMS} items, got {}", items.len())));
    }
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            let at = |name: &str| format!("{field}[{i}].{name}");
            Ok(match item {
                MealItem::FreeText { text } => {
                    MealItem::FreeText { text: required_text(&at("text"), text, MAX_ITEM_CHARS, false)? }
                }
                MealItem::Food { food_id, amount } => MealItem::Food {
                    food_id: self::food_id(&at("food_id"), food_id)?,
                    amount: self::amount(&at("amount"), amount)?,
                },
            })
        })
        .collect()
}

/// A table slug (`lentils-cooked`: lower-case letters, digits, hyphens) or a UUID.
pub fn food_id(field: &str, id: &str) -> Result<String> {
    let id = required_text(field, id, MAX_FOOD_ID_CHARS, false)?;
    if let Ok(uuid) = uuid::Uuid::try_parse(&id) {
        return Ok(uuid.hyphenated().to_string());
    }
    if !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
        return Err(GutskinError::invalid(
            field,
            format!("{id:?} is not a food id (like \"lentils-cooked\" or a UUID)"),
        ));
    }
    Ok(id)
}

fn amount(field: &str, amount: &Amount) -> Result<Amount> {
    Ok(match amount {
        Amount::Grams { grams } => {
            Amount::Grams { grams: grams_value(&format!("{field}.grams"), *grams, MAX_ITEM_GRAMS)? }
        }
        Amount::Portion { name, count } => {
            let name = required_text(&format!("{field}.name"), name, MAX_PORTION_NAME_CHARS, false)?;
            let count_field = format!("{field}.count");
            if !count.is_finite() || *count <= 0.0 || *count > MAX_PORTION_COUNT {
                return Err(GutskinError::invalid(
                    count_field,
                    format!("must be more than 0 and at most {MAX_PORTION_COUNT}, got {count}"),
                ));
            }
            let count = (count * 100.0).round() / 100.0;
            if count == 0.0 {
                return Err(GutskinError::invalid(count_field, "must be at least 0.01"));
            }
            Amount::Portion { name, count }
        }
    })
}

/// Grams: finite, more than 0, at most `max`; rounded to 0.1 g.
fn grams_value(field: &str, grams: f64, max: f64) -> Result<f64> {
    if !grams.is_finite() || grams <= 0.0 || grams > max {
        return Err(GutskinError::invalid(field, format!("must be more than 0 and at most {max} g, got {grams}")));
    }
    let rounded = (grams * 10.0).round() / 10.0;
    if rounded == 0.0 {
        return Err(GutskinError::invalid(field, "must be at least 0.1 g"));
    }
    Ok(rounded)
}

/// Checks a custom food; returns it normalised (text trimmed, portion grams rounded to 0.1 g).
pub fn custom_food(input: &NewCustomFood) -> Result<NewCustomFood> {
    let name = required_text("custom_food.name", &input.name, MAX_NAME_CHARS, false)?;
    let n = &input.per_100g;
    let nutrient = |name: &str, value: Option<f64>, max: f64| -> Result<Option<f64>> {
        match value {
            Some(v) if !v.is_finite() || !(0.0..=max).contains(&v) => Err(GutskinError::invalid(
                format!("custom_food.per_100g.{name}"),
                format!("must be 0-{max} per 100 g, got {v}"),
            )),
            other => Ok(other),
        }
    };
    let per_100g = Nutrients {
        energy_kcal: nutrient("energy_kcal", n.energy_kcal, 900.0)?,
        carbohydrate_g: nutrient("carbohydrate_g", n.carbohydrate_g, 100.0)?,
        sugars_g: nutrient("sugars_g", n.sugars_g, 100.0)?,
        fibre_g: nutrient("fibre_g", n.fibre_g, 100.0)?,
        fat_g: nutrient("fat_g", n.fat_g, 100.0)?,
        saturated_fat_g: nutrient("saturated_fat_g", n.saturated_fat_g, 100.0)?,
        protein_g: nutrient("protein_g", n.protein_g, 100.0)?,
        epa_dha_g: nutrient("epa_dha_g", n.epa_dha_g, 100.0)?,
        ala_g: nutrient("ala_g", n.ala_g, 100.0)?,
        alcohol_g: nutrient("alcohol_g", n.alcohol_g, 100.0)?,
    };
    if !(1..=4).contains(&input.nova) {
        return Err(GutskinError::invalid("custom_food.nova", format!("must be 1-4, got {}", input.nova)));
    }
    if let Some(gi) = input.gi {
        scale("custom_food.gi", gi, 1, 110)?;
    }
    if input.portions.len() > MAX_PORTIONS {
        return Err(GutskinError::invalid(
            "custom_food.portions",
            format!("at most {MAX_PORTIONS} portions, got {}", input.portions.len()),
        ));
    }
    let mut portions: Vec<Portion> = Vec::with_capacity(input.portions.len());
    for (i, p) in input.portions.iter().enumerate() {
        let name = required_text(&format!("custom_food.portions[{i}].name"), &p.name, MAX_PORTION_NAME_CHARS, false)?;
        if portions.iter().any(|q| q.name == name) {
            return Err(GutskinError::invalid(
                format!("custom_food.portions[{i}].name"),
                format!("{name:?} appears twice"),
            ));
        }
        let grams = grams_value(&format!("custom_food.portions[{i}].grams"), p.grams, MAX_ITEM_GRAMS)?;
        portions.push(Portion { name, grams });
    }
    Ok(NewCustomFood {
        name,
        group: input.group,
        per_100g,
        fermented: input.fermented,
        probiotic: input.probiotic,
        prebiotic: input.prebiotic,
        dairy: input.dairy,
        nova: input.nova,
        species: optional_text("custom_food.species", input.species.as_deref(), MAX_NAME_CHARS, false)?,
        gi: input.gi,
        portions,
    })
}

/// Checks a saved meal; returns it normalised (name trimmed, items and tags as a meal's).
pub fn saved_meal(input: &NewSavedMeal) -> Result<NewSavedMeal> {
    let name = required_text("saved_meal.name", &input.name, MAX_NAME_CHARS, false)?;
    if input.items.is_empty() {
        return Err(GutskinError::invalid("saved_meal.items", "a saved meal needs at least one item"));
    }
    Ok(NewSavedMeal {
        name,
        meal: input.meal,
        items: meal_items("saved_meal.items", &input.items)?,
        tags: tags(&input.tags).map_err(|e| e.with_field_prefix("saved_meal."))?,
    })
}

/// The longest file path taken, in bytes (Linux's PATH_MAX).
pub const MAX_PATH_BYTES: usize = 4096;

/// A path the app hands in for a file (a diary, a backup): not empty, without NUL, at most
/// [`MAX_PATH_BYTES`], not SQLite's ":memory:" (no file at all), and not a folder.
pub fn file_path(field: &str, path: &std::path::Path) -> Result<()> {
    let bytes = path.as_os_str().as_encoded_bytes();
    let reason = if bytes.is_empty() {
        "must not be empty"
    } else if bytes.contains(&0) {
        "must not contain a NUL character"
    } else if bytes.len() > MAX_PATH_BYTES {
        "is longer than 4096 bytes"
    } else if bytes == b":memory:" {
        "\":memory:\" is no file (open an in-memory diary instead)"
    } else if path.is_dir() {
        "is a folder, not a file"
    } else {
        return Ok(());
    };
    Err(GutskinError::invalid(field, reason))
}

/// A photo's reference to its file: trimmed, 1-1000 characters, one line.
pub fn local_ref(field: &str, text: &str) -> Result<String> {
    required_text(field, text, MAX_LOCAL_REF_CHARS, false)
}

/// When a photo was taken: from 2000 to a day after `now`; kept to the millisecond.
pub fn taken_at(field: &str, at: SystemTime, now: SystemTime) -> Result<SystemTime> {
    let at = time::truncate_to_millis(at);
    if at < earliest_instant() {
        return Err(GutskinError::invalid(field, "must not be before 2000-01-01"));
    }
    if at > now + MAX_FUTURE {
        return Err(GutskinError::invalid(field, "must not be more than a day in the future"));
    }
    Ok(at)
}

fn course(course: &Course, now: SystemTime) -> Result<()> {
    let start = course_date("medication.course.start", &course.start, now)?;
    if let Some(end) = &course.end {
        let end = course_date("medication.course.end", end, now)?;
        if end < start {
            return Err(GutskinError::invalid("medication.course.end", "must not be before the course's start"));
        }
    }
    Ok(())
}

fn course_date(field: &str, text: &str, now: SystemTime) -> Result<NaiveDate> {
    let date = time::parse_date(field, text)?;
    let latest = time::to_utc(now).date_naive().with_year(time::to_utc(now).year() + 2).unwrap_or(NaiveDate::MAX);
    if date < NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or(NaiveDate::MIN) || date > latest {
        return Err(GutskinError::invalid(field, "must be between 2000-01-01 and two years from now"));
    }
    Ok(date)
}

/// Checks a profile; returns it with its conditions de-duplicated and in a stable order.
pub fn profile(input: &Profile, now: SystemTime) -> Result<Profile> {
    let mut conditions = input.conditions.clone();
    conditions.sort();
    conditions.dedup();
    if let Some(year) = input.birth_year {
        let this_year = time::to_utc(now).year();
        if i32::from(year) < 1900 || i32::from(year) > this_year {
            return Err(GutskinError::invalid("profile.birth_year", format!("must be 1900-{this_year}, got {year}")));
        }
    }
    if !(800..=6000).contains(&input.daily_energy_kcal) {
        return Err(GutskinError::invalid(
            "profile.daily_energy_kcal",
            format!("must be 800-6000 kcal, got {}", input.daily_energy_kcal),
        ));
    }
    Ok(Profile { conditions, locale: locale(&input.locale)?, ..input.clone() })
}

/// Accepts "en", "de", "de-DE", "pt-BR" and the like (language, optional region or script).
fn locale(tag: &str) -> Result<String> {
    let tag = tag.trim().replace('_', "-");
    let mut parts = tag.split('-');
    let language = parts.next().unwrap_or_default();
    let ok = (2..=3).contains(&language.len())
        && language.chars().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (2..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if !ok {
        return Err(GutskinError::invalid(
            "profile.locale",
            format!("{tag:?} is not a language tag like \"en\" or \"de-DE\""),
        ));
    }
    Ok(tag)
}

fn scale(field: &str, value: u8, min: u8, max: u8) -> Result<()> {
    if value < min || value > max {
        return Err(GutskinError::invalid(field, format!("must be {min}-{max}, got {value}")));
    }
    Ok(())
}

/// Trimmed, non-empty text of at most `max` characters; line breaks only where `multiline`.
fn required_text(field: &str, text: &str, max: usize, multiline: bool) -> Result<String> {
    optional_text(field, Some(text), max, multiline)?.ok_or_else(|| GutskinError::invalid(field, "must not be empty"))
}

/// Like `required_text`, but empty text means "none".
fn optional_text(field: &str, text: Option<&str>, max: usize, multiline: bool) -> Result<Option<String>> {
    let Some(text) = text.map(str::trim).filter(|t| !t.is_empty()) else {
        return Ok(None);
    };
    // Count lazily: a 10 MB string is rejected without walking all of it.
    if text.chars().nth(max).is_some() {
        return Err(GutskinError::invalid(field, format!("must be at most {max} characters")));
    }
    let allowed = |c: char| !c.is_control() || (multiline && (c == '\n' || c == '\t'));
    if let Some(c) = text.chars().find(|&c| !allowed(c)) {
        return Err(GutskinError::invalid(field, format!("must not contain the control character U+{:04X}", c as u32)));
    }
    Ok(Some(text.to_string()))
}
