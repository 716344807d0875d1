//! The CSV export: one row per entry (deleted ones included, marked), every kind's fields
//! flattened into columns; a column that does not apply to the entry's kind is empty.
//! For spreadsheets: JSON Lines is the lossless format. Columns: docs/format.md.

use std::io::Write;

use gutskin_core::{Condition, Entry, EntryDetails, scales};

use crate::failure::{CliResult, Failure};
use crate::output::{FoodNames, activity_name, item_texts, local_time, meal_name, medication_name, poem_band_name};

/// Lists inside one cell (tags, items, areas) are joined with this.
pub const LIST_SEPARATOR: &str = "; ";

pub fn header() -> Vec<String> {
    let mut columns: Vec<String> = [
        "id",
        "kind",
        "occurred_at",
        "local_date",
        "local_time",
        "time_zone",
        "utc_offset_minutes",
        "deleted",
        "note",
        "tags",
        "meal",
        "items",
    ]
    .map(String::from)
    .to_vec();
    for c in Condition::ALL {
        for field in ["severity", "itch", "areas"] {
            columns.push(format!("{}_{field}", c.as_str()));
        }
    }
    columns.extend(
        [
            "poem_answers",
            "poem_score",
            "poem_band",
            "bristol",
            "bloating",
            "pain",
            "stress_level",
            "sleep_minutes",
            "sleep_quality",
            "activity",
            "activity_minutes",
            "medication",
            "medication_name",
            "dose",
            "course_start",
            "course_end",
            "water_ml",
            "text",
        ]
        .map(String::from),
    );
    columns
}

fn row(entry: &Entry, names: &FoodNames) -> Vec<String> {
    let columns = header();
    let mut cells = vec![String::new(); columns.len()];
    let mut set = |name: &str, value: String| {
        if let Some(i) = columns.iter().position(|c| c == name) {
            cells[i] = value;
        }
    };
    let local = local_time(entry);
    set("id", entry.id.clone());
    set("kind", entry.kind().as_str().into());
    set("occurred_at", gutskin_core::time::rfc3339::format(entry.occurred_at));
    set("local_date", entry.local_date.clone());
    set("local_time", local.format("%H:%M").to_string());
    set("time_zone", entry.time_zone.clone());
    set("utc_offset_minutes", entry.utc_offset_minutes.to_string());
    set("deleted", entry.deleted.to_string());
    set("note", entry.note.clone().unwrap_or_default());
    set("tags", entry.tags.join(LIST_SEPARATOR));
    let opt = |v: Option<u8>| v.map(|v| v.to_string()).unwrap_or_default();
    match &entry.details {
        EntryDetails::Meal { meal, items } => {
            set("meal", meal_name(*meal).into());
            set("items", item_texts(items, names).join(LIST_SEPARATOR));
        }
        EntryDetails::SkinCheckIn { ratings, poem } => {
            for r in ratings {
                let c = r.condition.as_str();
                set(&format!("{c}_severity"), r.severity.to_string());
                set(&format!("{c}_itch"), opt(r.itch));
                set(&format!("{c}_areas"), r.areas.iter().map(|a| a.as_str()).collect::<Vec<_>>().join(LIST_SEPARATOR));
            }
            if let Some(answers) = poem {
                set("poem_answers", answers.iter().map(u8::to_string).collect::<Vec<_>>().join(","));
                if let Ok(score) = scales::poem_score(answers) {
                    set("poem_score", score.score.to_string());
                    set("poem_band", poem_band_name(score.band).into());
                }
            }
        }
        EntryDetails::GutCheckIn { bristol, bloating, pain } => {
            set("bristol", opt(*bristol));
            set("bloating", opt(*bloating));
            set("pain", opt(*pain));
        }
        EntryDetails::Stress { level } => set("stress_level", level.to_string()),
        EntryDetails::Sleep { minutes, quality } => {
            set("sleep_minutes", minutes.to_string());
            set("sleep_quality", opt(*quality));
        }
        EntryDetails::Activity { activity, minutes } => {
            set("activity", activity_name(*activity).into());
            set("activity_minutes", minutes.to_string());
        }
        EntryDetails::Medication { medication, name, dose, course } => {
            set("medication", medication_name(*medication).into());
            set("medication_name", name.clone());
            set("dose", dose.clone().unwrap_or_default());
            if let Some(course) = course {
                set("course_start", course.start.clone());
                set("course_end", course.end.clone().unwrap_or_default());
            }
        }
        EntryDetails::Water { ml } => set("water_ml", ml.to_string()),
        EntryDetails::Note { text } => set("text", text.clone()),
    }
    cells
}

/// Writes the header and one row per entry; returns the number of rows. Food items are written as
/// their food's name and amount ("Lentils, cooked (200 g)").
pub fn write(entries: &[Entry], names: &FoodNames, out: &mut dyn Write) -> CliResult<u64> {
    let mut writer = csv::Writer::from_writer(out);
    let csv_err = |e: csv::Error| match e.into_kind() {
        csv::ErrorKind::Io(io) => Failure::from(io),
        other => Failure::other(format!("could not write CSV: {other:?}")),
    };
    writer.write_record(header()).map_err(csv_err)?;
    for entry in entries {
        writer.write_record(row(entry, names)).map_err(csv_err)?;
    }
    writer.flush()?;
    Ok(entries.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_header_has_unique_columns() {
        let h = header();
        let mut unique = h.clone();
        unique.sort();
        unique.dedup();
        assert_eq!(unique.len(), h.len());
        assert_eq!(h[0], "id");
        assert!(h.contains(&"atopic_dermatitis_itch".to_string()));
    }
}
