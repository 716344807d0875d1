//! The JSON Lines export format (docs/format.md): a header line, the profile if one was set, the
//! custom foods and saved meals, one line per entry, then the photos and the reminders; deleted
//! records included.
//! Importing what was exported gives the same diary.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, Read, Write as IoWrite};
use std::time::SystemTime;

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::error::{GutskinError, Result};
use crate::foods::{CustomFood, NewCustomFood, Portion};
use crate::meals::{NewSavedMeal, SavedMeal};
use crate::model::{Entry, EntryDetails, ImportReport, MealItem, NewEntry, Profile};
use crate::nutrition;
use crate::photos::{MAX_IMAGE_BYTES, Photo, PhotoSubject};
use crate::reminders::Reminder;
use crate::store::{Store, StoredReminder, Write};
use crate::validate;

/// The `format` of the header line.
pub const FORMAT_NAME: &str = "gutskin-diary";
/// The newest format version this build reads and the one it writes. Version 2 added food items in
/// meals and the custom food, saved meal and photo lines; version 3 the reminder lines. Version 1
/// and 2 files are read as they are.
pub const FORMAT_VERSION: u32 = 3;
/// Lines longer than this are refused rather than read into memory.
pub const MAX_LINE_BYTES: u64 = 1 << 20;

#[derive(Debug, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Line {
    Header { format: String, version: u32 },
    Profile(Profile),
    CustomFood(CustomFood),
    SavedMeal(SavedMeal),
    Entry(Entry),
    Photo(Photo),
    Reminder(Reminder),
}

pub(crate) fn write_jsonl(store: &Store, out: &mut dyn IoWrite) -> Result<u64> {
    write_line(out, &Line::Header { format: FORMAT_NAME.into(), version: FORMAT_VERSION })?;
    if let Some(profile) = store.stored_profile()? {
        write_line(out, &Line::Profile(profile))?;
    }
    // Custom foods and saved meals before the entries that may use them; photos after their entries.
    for food in store.custom_foods(true)? {
        write_line(out, &Line::CustomFood(food))?;
    }
    for meal in store.saved_meals(true)? {
        write_line(out, &Line::SavedMeal(meal))?;
    }
    let count = store.for_each_entry(|entry| write_line(out, &Line::Entry(entry)))?;
    for photo in store.all_photos()? {
        write_line(out, &Line::Photo(photo))?;
    }
    // A reminder this version cannot read (synced from a newer Gutskin) cannot be written either.
    for stored in store.reminders(true)? {
        if let StoredReminder::Known(reminder) = stored {
            write_line(out, &Line::Reminder(reminder))?;
        }
    }
    out.flush().map_err(io_error)?;
    Ok(count)
}

fn write_line(out: &mut dyn IoWrite, line: &Line) -> Result<()> {
    serde_json::to_writer(&mut *out, line)?;
    out.write_all(b"\n").map_err(io_error)
}

fn io_error(err: std::io::Error) -> GutskinError {
    GutskinError::Storage { detail: format!("could not write the export: {err}") }
}

/// A checked import, ready to write.
pub(crate) struct ParsedImport {
    profile: Option<Profile>,
    /// Each with its line number.
    custom_foods: Vec<(u64, Uuid, NewCustomFood, bool)>,
    saved_meals: Vec<(u64, Uuid, NewSavedMeal, bool)>,
    entries: Vec<(u64, Uuid, NewEntry, bool)>,
    photos: Vec<(u64, Photo)>,
    reminders: Vec<Reminder>,
}

/// Reads and checks every line; the first problem fails the whole import.
pub(crate) fn read_jsonl(input: &mut dyn BufRead, now: SystemTime) -> Result<ParsedImport> {
    let mut parsed = ParsedImport {
        profile: None,
        custom_foods: Vec::new(),
        saved_meals: Vec::new(),
        entries: Vec::new(),
        photos: Vec::new(),
        reminders: Vec::new(),
    };
    let mut seen_header = false;
    // Ids are unique across every kind of record (sync keys clocks by row id alone).
    let mut ids = HashSet::new();
    let mut buf = String::new();
    let mut number = 0u64;
    loop {
        buf.clear();
        number += 1;
        let bad =
            |field: &str, reason: String| GutskinError::InvalidImport { line: number, field: field.into(), reason };
        let read =
            Read::take(&mut *input, MAX_LINE_BYTES + 1).read_line(&mut buf).map_err(|e| bad("line", e.to_string()))?;
        if read == 0 {
            break;
        }
        if read as u64 > MAX_LINE_BYTES {
            return Err(bad("line", format!("longer than {MAX_LINE_BYTES} bytes")));
        }
        if buf.trim().is_empty() {
            continue;
        }
        let line: Line = serde_json::from_str(&buf).map_err(|e| bad("json", e.to_string()))?;
        match line {
            Line::Header { format, version } => {
                if seen_header {
                    return Err(bad("type", "a second header line".into()));
                }
                if format != FORMAT_NAME {
                    return Err(bad("format", format!("{format:?} is not {FORMAT_NAME:?}")));
                }
                if version > FORMAT_VERSION {
                    return Err(bad(
                        "version",
                        format!(
                            "version {version} was written by a newer Gutskin (this one reads up to {FORMAT_VERSION})"
                        ),
                    ));
                }
                seen_header = true;
            }
            _ if !seen_header => {
                return Err(bad("type", "the first line must be the header".into()));
            }
            Line::Profile(profile) => {
                if parsed.profile.is_some() {
                    return Err(bad("type", "a second profile line".into()));
                }
                parsed.profile = Some(validate::profile(&profile, now).map_err(|e| at_line(e, number))?);
            }
            Line::CustomFood(food) => {
                let id = unique_id(&mut ids, &food.id).map_err(|reason| bad("id", reason))?;
                let checked = validate::custom_food(&food.to_new()).map_err(|e| at_line(e, number))?;
                parsed.custom_foods.push((number, id, checked, food.deleted));
            }
            Line::SavedMeal(meal) => {
                let id = unique_id(&mut ids, &meal.id).map_err(|reason| bad("id", reason))?;
                let checked = validate::saved_meal(&meal.to_new()).map_err(|e| at_line(e, number))?;
                parsed.saved_meals.push((number, id, checked, meal.deleted));
            }
            Line::Entry(entry) => {
                let id = unique_id(&mut ids, &entry.id).map_err(|reason| bad("id", reason))?;
                let checked = validate::new_entry(&entry.to_new_entry(), now).map_err(|e| at_line(e, number))?;
                parsed.entries.push((number, id, checked, entry.deleted));
            }
            Line::Photo(photo) => {
                let id = unique_id(&mut ids, &photo.id).map_err(|reason| bad("id", reason))?;
                let checked = check_photo(id, &photo, now).map_err(|e| at_line(e, number))?;
                parsed.photos.push((number, checked));
            }
            Line::Reminder(reminder) => {
                let id = unique_id(&mut ids, &reminder.id).map_err(|reason| bad("id", reason))?;
                // Stored under its canonical id, as every other record.
                let reminder = Reminder { id: id.hyphenated().to_string(), ..reminder };
                reminder.validate().map_err(|e| at_line(e, number))?;
                parsed.reminders.push(reminder);
            }
        }
    }
    if !seen_header {
        return Err(GutskinError::InvalidImport {
            line: 1,
            field: "type".into(),
            reason: "empty file: no header line".into(),
        });
    }
    Ok(parsed)
}

fn at_line(err: GutskinError, line: u64) -> GutskinError {
    match err {
        GutskinError::InvalidInput { field, reason } => GutskinError::InvalidImport { line, field, reason },
        other => other,
    }
}

/// The record's id as a UUID, unless it is malformed or an earlier line had it.
fn unique_id(ids: &mut HashSet<Uuid>, id: &str) -> std::result::Result<Uuid, String> {
    let uuid = Uuid::try_parse(id).map_err(|_| format!("{id:?} is not a UUID"))?;
    if !ids.insert(uuid) {
        return Err(format!("{id} appears twice"));
    }
    Ok(uuid)
}

/// Checks a photo line as attaching one checks its fields (the image file is not read: it stays
/// on the device that took it). Its meal or check-in is not required to exist, as with synced rows.
fn check_photo(id: Uuid, photo: &Photo, now: SystemTime) -> Result<Photo> {
    if photo.sha256.len() != 64 || !photo.sha256.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b)) {
        return Err(GutskinError::invalid("sha256", "must be 64 lower-case hex digits"));
    }
    if photo.byte_size == 0 || photo.byte_size > MAX_IMAGE_BYTES {
        return Err(GutskinError::invalid("byte_size", format!("must be 1-{MAX_IMAGE_BYTES}")));
    }
    for (field, value) in [("width", photo.width), ("height", photo.height)] {
        if value == Some(0) {
            return Err(GutskinError::invalid(field, "must be at least 1 when given"));
        }
    }
    let uuid = |field: &str, id: &str| {
        Uuid::try_parse(id)
            .map(|u| u.hyphenated().to_string())
            .map_err(|_| GutskinError::invalid(field, format!("{id:?} is not a UUID")))
    };
    let subject = match &photo.subject {
        PhotoSubject::Meal { entry_id } => PhotoSubject::Meal { entry_id: uuid("subject.entry_id", entry_id)? },
        PhotoSubject::Skin { area, check_in_id } => PhotoSubject::Skin {
            area: *area,
            check_in_id: check_in_id.as_deref().map(|c| uuid("subject.check_in_id", c)).transpose()?,
        },
    };
    Ok(Photo {
        id: id.hyphenated().to_string(),
        sha256: photo.sha256.clone(),
        local_ref: validate::local_ref("local_ref", &photo.local_ref)?,
        taken_at: validate::taken_at("taken_at", photo.taken_at, now)?,
        byte_size: photo.byte_size,
        format: photo.format,
        width: photo.width,
        height: photo.height,
        subject,
        tags: validate::tags(&photo.tags)?,
        deleted: photo.deleted,
    })
}

/// Writes a checked import inside the caller's transaction. Food items must name foods of the
/// table or custom foods of the file or the diary, with portions those foods have; a custom food
/// that is in neither (a diary may hold a meal whose custom food has not synced yet) is let through.
pub(crate) fn apply(w: &mut Write<'_>, parsed: &ParsedImport) -> Result<ImportReport> {
    let mut report = ImportReport::default();
    let file_foods: HashMap<String, &[Portion]> = parsed
        .custom_foods
        .iter()
        .map(|(_, id, food, _)| (id.hyphenated().to_string(), food.portions.as_slice()))
        .collect();
    let dangling = dangling_custom_foods(w, parsed, &file_foods)?;
    let check = |w: &Write<'_>, line: u64, items: &[MealItem], field: &str| {
        nutrition::check_food_items(
            items,
            field,
            |id| match file_foods.get(id) {
                Some(portions) => Ok(Some(portions.to_vec())),
                None => w.food_portions(id),
            },
            |item| matches!(item, MealItem::Food { food_id, .. } if dangling.contains(food_id)),
        )
        .map_err(|e| at_line(e, line))
    };

    for (_, id, food, deleted) in &parsed.custom_foods {
        if !w.custom_food_exists(*id)? {
            w.insert_custom_food(*id, food, *deleted)?;
            report.custom_foods_imported += 1;
        }
    }
    for (line, id, meal, deleted) in &parsed.saved_meals {
        if !w.saved_meal_exists(*id)? {
            check(w, *line, &meal.items, "items")?;
            w.insert_saved_meal(*id, meal, *deleted)?;
            report.saved_meals_imported += 1;
        }
    }
    for (line, id, entry, deleted) in &parsed.entries {
        if w.entry_exists(*id)? {
            report.already_present += 1;
        } else {
            if let EntryDetails::Meal { items, .. } = &entry.details {
                check(w, *line, items, "items")?;
            }
            w.insert_entry(*id, entry, *deleted)?;
            report.imported += 1;
        }
    }
    for (_, photo) in &parsed.photos {
        let id = Uuid::try_parse(&photo.id).map_err(|_| GutskinError::Storage { detail: "photo id".into() })?;
        if !w.photo_exists(id)? {
            w.insert_photo(photo)?;
            report.photos_imported += 1;
        }
    }
    for reminder in &parsed.reminders {
        let id = Uuid::try_parse(&reminder.id).map_err(|_| GutskinError::Storage { detail: "reminder id".into() })?;
        if !w.reminder_exists(id)? {
            w.insert_reminder(reminder)?;
            report.reminders_imported += 1;
        }
    }
    if let Some(profile) = &parsed.profile
        && !w.profile_is_set()?
    {
        w.set_profile(profile)?;
        report.profile_imported = true;
    }
    Ok(report)
}

/// The custom-food ids (UUIDs) that items of the file name but neither the file nor the diary holds.
fn dangling_custom_foods(
    w: &Write<'_>,
    parsed: &ParsedImport,
    file_foods: &HashMap<String, &[Portion]>,
) -> Result<HashSet<String>> {
    let items = parsed.saved_meals.iter().flat_map(|(_, _, meal, _)| meal.items.iter()).chain(
        parsed.entries.iter().flat_map(|(_, _, entry, _)| match &entry.details {
            EntryDetails::Meal { items, .. } => items.as_slice(),
            _ => &[],
        }),
    );
    let mut dangling = HashSet::new();
    for item in items {
        let MealItem::Food { food_id, .. } = item else { continue };
        if let Ok(uuid) = Uuid::try_parse(food_id)
            && !file_foods.contains_key(food_id)
            && !w.custom_food_exists(uuid)?
        {
            dangling.insert(food_id.clone());
        }
    }
    Ok(dangling)
}
