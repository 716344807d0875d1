//! The diary model: plain records and enums, the same ones the phone apps see through uniffi.
//!
//! An entry is the common part (when, where, note, tags) plus the details of its kind.
//! Inputs (`NewEntry`) are checked by [`crate::validate`]; stored entries come back as [`Entry`].

use std::time::SystemTime;

use serde::{Deserialize, Serialize};

use crate::foods::Food;
use crate::nutrition::{Intake, MealIntake};
use crate::photos::Photo;

/// What kind of entry this is. The kind of an entry never changes after it is logged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum EntryKind {
    Meal,
    SkinCheckIn,
    GutCheckIn,
    Stress,
    Sleep,
    Activity,
    Medication,
    Water,
    Note,
}

impl EntryKind {
    pub const ALL: [EntryKind; 9] = [
        EntryKind::Meal,
        EntryKind::SkinCheckIn,
        EntryKind::GutCheckIn,
        EntryKind::Stress,
        EntryKind::Sleep,
        EntryKind::Activity,
        EntryKind::Medication,
        EntryKind::Water,
        EntryKind::Note,
    ];

    /// The stable name used in storage, export and the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            EntryKind::Meal => "meal",
            EntryKind::SkinCheckIn => "skin_check_in",
            EntryKind::GutCheckIn => "gut_check_in",
            EntryKind::Stress => "stress",
            EntryKind::Sleep => "sleep",
            EntryKind::Activity => "activity",
            EntryKind::Medication => "medication",
            EntryKind::Water => "water",
            EntryKind::Note => "note",
        }
    }

    pub fn parse(name: &str) -> Option<EntryKind> {
        EntryKind::ALL.into_iter().find(|kind| kind.as_str() == name)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum MealKind {
    Breakfast,
    Lunch,
    Dinner,
    Snack,
    Drink,
}

/// One thing eaten or drunk: a food with an amount, or free text. Free text stays free text and
/// counts as unknown in totals (never as zero).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum MealItem {
    FreeText {
        text: String,
    },
    /// A food of the built-in table (its slug id, e.g. `lentils-cooked`) or one of the user's
    /// custom foods (its UUID), and how much of it.
    Food {
        food_id: String,
        amount: Amount,
    },
}

/// How much of a food: grams, or a count of one of the food's named portions ("1 slice" × 2).
/// The core works out a portion's grams from the food when it totals a meal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(tag = "unit", rename_all = "snake_case")]
pub enum Amount {
    /// Grams as eaten (for drinks, millilitres are taken as grams).
    Grams { grams: f64 },
    /// `count` of the food's portion named `name` (one of `Food::portions`).
    Portion { name: String, count: f64 },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Condition {
    Acne,
    AtopicDermatitis,
    Rosacea,
    Psoriasis,
    Other,
}

impl Condition {
    pub const ALL: [Condition; 5] =
        [Condition::Acne, Condition::AtopicDermatitis, Condition::Rosacea, Condition::Psoriasis, Condition::Other];

    pub fn as_str(self) -> &'static str {
        match self {
            Condition::Acne => "acne",
            Condition::AtopicDermatitis => "atopic_dermatitis",
            Condition::Rosacea => "rosacea",
            Condition::Psoriasis => "psoriasis",
            Condition::Other => "other",
        }
    }

    pub fn parse(name: &str) -> Option<Condition> {
        Condition::ALL.into_iter().find(|c| c.as_str() == name)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum BodyArea {
    Face,
    Scalp,
    Ears,
    Neck,
    Chest,
    Back,
    Abdomen,
    Arms,
    Elbows,
    Hands,
    Legs,
    Knees,
    Feet,
    Other,
}

impl BodyArea {
    pub const ALL: [BodyArea; 14] = [
        BodyArea::Face,
        BodyArea::Scalp,
        BodyArea::Ears,
        BodyArea::Neck,
        BodyArea::Chest,
        BodyArea::Back,
        BodyArea::Abdomen,
        BodyArea::Arms,
        BodyArea::Elbows,
        BodyArea::Hands,
        BodyArea::Legs,
        BodyArea::Knees,
        BodyArea::Feet,
        BodyArea::Other,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            BodyArea::Face => "face",
            BodyArea::Scalp => "scalp",
            BodyArea::Ears => "ears",
            BodyArea::Neck => "neck",
            BodyArea::Chest => "chest",
            BodyArea::Back => "back",
            BodyArea::Abdomen => "abdomen",
            BodyArea::Arms => "arms",
            BodyArea::Elbows => "elbows",
            BodyArea::Hands => "hands",
            BodyArea::Legs => "legs",
            BodyArea::Knees => "knees",
            BodyArea::Feet => "feet",
            BodyArea::Other => "other",
        }
    }

    pub fn parse(name: &str) -> Option<BodyArea> {
        BodyArea::ALL.into_iter().find(|a| a.as_str() == name)
    }
}

/// How one condition looks at a skin check-in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SkinRating {
    pub condition: Condition,
    /// 0 (clear) to 10 (worst ever).
    pub severity: u8,
    /// 0 (none) to 10 (worst imaginable); not every condition itches.
    #[serde(default)]
    pub itch: Option<u8>,
    #[serde(default)]
    pub areas: Vec<BodyArea>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum ActivityKind {
    Exercise,
    Meditation,
    Breathing,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum MedicationKind {
    Probiotic,
    Prebiotic,
    Antibiotic,
    Other,
}

/// A course of a medicine, in the user's local dates ("YYYY-MM-DD"); `end` is None while it goes on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Course {
    pub start: String,
    #[serde(default)]
    pub end: Option<String>,
}

/// The kind-specific part of an entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum EntryDetails {
    Meal {
        meal: MealKind,
        items: Vec<MealItem>,
    },
    SkinCheckIn {
        ratings: Vec<SkinRating>,
        /// The seven POEM answers, each 0-4 (see [`crate::scales::poem_score`]).
        #[serde(default)]
        poem: Option<Vec<u8>>,
    },
    GutCheckIn {
        /// Bristol stool form type 1-7.
        #[serde(default)]
        bristol: Option<u8>,
        #[serde(default)]
        bloating: Option<u8>,
        #[serde(default)]
        pain: Option<u8>,
    },
    Stress {
        level: u8,
    },
    Sleep {
        minutes: u32,
        /// 1 (very poor) to 5 (very good).
        #[serde(default)]
        quality: Option<u8>,
    },
    Activity {
        activity: ActivityKind,
        minutes: u32,
    },
    Medication {
        medication: MedicationKind,
        name: String,
        #[serde(default)]
        dose: Option<String>,
        #[serde(default)]
        course: Option<Course>,
    },
    Water {
        ml: u32,
    },
    Note {
        text: String,
    },
}

impl EntryDetails {
    pub fn kind(&self) -> EntryKind {
        match self {
            EntryDetails::Meal { .. } => EntryKind::Meal,
            EntryDetails::SkinCheckIn { .. } => EntryKind::SkinCheckIn,
            EntryDetails::GutCheckIn { .. } => EntryKind::GutCheckIn,
            EntryDetails::Stress { .. } => EntryKind::Stress,
            EntryDetails::Sleep { .. } => EntryKind::Sleep,
            EntryDetails::Activity { .. } => EntryKind::Activity,
            EntryDetails::Medication { .. } => EntryKind::Medication,
            EntryDetails::Water { .. } => EntryKind::Water,
            EntryDetails::Note { .. } => EntryKind::Note,
        }
    }
}

/// What the app hands in to log (or to replace the fields of) an entry.
#[derive(Debug, Clone, PartialEq)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewEntry {
    /// When it happened; kept to the millisecond.
    pub occurred_at: SystemTime,
    /// The IANA zone where it was logged, e.g. "Europe/Berlin".
    pub time_zone: String,
    /// The UTC offset in minutes where it was logged; None takes the zone's offset at that instant.
    pub utc_offset_minutes: Option<i32>,
    pub note: Option<String>,
    pub tags: Vec<String>,
    pub details: EntryDetails,
}

/// A stored entry.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Entry {
    /// A UUIDv7 string made by the device that logged it.
    pub id: String,
    #[serde(with = "crate::time::rfc3339")]
    pub occurred_at: SystemTime,
    pub time_zone: String,
    pub utc_offset_minutes: i32,
    /// The user's local day of the entry ("YYYY-MM-DD"), from `occurred_at` and the offset.
    #[serde(default)]
    pub local_date: String,
    #[serde(default)]
    pub note: Option<String>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub deleted: bool,
    #[serde(flatten)]
    pub details: EntryDetails,
}

impl Entry {
    pub fn kind(&self) -> EntryKind {
        self.details.kind()
    }

    /// The entry's fields as an input, e.g. to edit a copy and hand it back to `update_entry`.
    pub fn to_new_entry(&self) -> NewEntry {
        NewEntry {
            occurred_at: self.occurred_at,
            time_zone: self.time_zone.clone(),
            utc_offset_minutes: Some(self.utc_offset_minutes),
            note: self.note.clone(),
            tags: self.tags.clone(),
            details: self.details.clone(),
        }
    }
}

/// Who the diary is for. Synced like entries, field by field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Profile {
    /// The conditions the user tracks; guidance and insights focus on them.
    pub conditions: Vec<Condition>,
    /// Targets for children and teenagers differ (fibre, sleep).
    #[serde(default)]
    pub birth_year: Option<u16>,
    /// Daily energy need, for %-of-energy limits; 2,000 kcal unless the user sets one.
    pub daily_energy_kcal: u32,
    /// A BCP 47 language tag such as "en" or "de-DE".
    pub locale: String,
}

impl Default for Profile {
    fn default() -> Self {
        Profile { conditions: Vec::new(), birth_year: None, daily_energy_kcal: 2000, locale: "en".to_string() }
    }
}

/// A POEM total (0-28) and its band.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PoemScore {
    pub score: u8,
    pub band: PoemBand,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum PoemBand {
    ClearOrAlmostClear,
    Mild,
    Moderate,
    Severe,
    VerySevere,
}

/// How many non-deleted entries of each kind a day holds.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct KindCounts {
    pub meals: u32,
    pub skin_check_ins: u32,
    pub gut_check_ins: u32,
    pub stress: u32,
    pub sleep: u32,
    pub activity: u32,
    pub medications: u32,
    pub water: u32,
    pub notes: u32,
}

/// One condition's skin ratings over a day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ConditionSummary {
    pub condition: Condition,
    pub ratings: u32,
    pub worst: u8,
    pub mean: f64,
    pub worst_itch: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GutSummary {
    pub check_ins: u32,
    pub bristol_min: Option<u8>,
    pub bristol_max: Option<u8>,
    pub bloating_max: Option<u8>,
    pub bloating_mean: Option<f64>,
    pub pain_max: Option<u8>,
    pub pain_mean: Option<f64>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct StressSummary {
    pub max: u8,
    pub mean: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SleepSummary {
    /// Total minutes slept in the sleeps that ended this day.
    pub minutes: u32,
    pub quality_mean: Option<f64>,
}

/// The series charts and insights read: one per local day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DaySummary {
    /// "YYYY-MM-DD", the user's local day.
    pub date: String,
    pub counts: KindCounts,
    /// Conditions rated that day, in the order of [`Condition::ALL`].
    pub skin: Vec<ConditionSummary>,
    /// The day's last POEM, if one was answered.
    pub poem: Option<PoemScore>,
    pub gut: Option<GutSummary>,
    pub stress: Option<StressSummary>,
    pub sleep: Option<SleepSummary>,
    pub water_ml: u32,
    pub activity_minutes: u32,
    /// What the day's meals add up to; `None` on a day without meals. Free-text items count as
    /// unknown (see [`crate::nutrition::Intake`]).
    #[serde(default)]
    pub intake: Option<Intake>,
}

/// A day as a screen shows it: its entries (oldest first) and its summary, in one call.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct DayView {
    pub date: String,
    pub entries: Vec<Entry>,
    pub summary: DaySummary,
    /// The intake of each of the day's meals, in the order of `entries`.
    #[serde(default)]
    pub meals: Vec<MealIntake>,
    /// The foods the day's meals refer to (built-in and custom), each once, ordered by id: names,
    /// portions and flags to show the items with.
    #[serde(default)]
    pub foods: Vec<Food>,
    /// The photos attached to the day's entries (not deleted), oldest first.
    #[serde(default)]
    pub photos: Vec<Photo>,
}

/// What an import did (or, from a check, would do).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ImportReport {
    /// Entries written.
    pub imported: u64,
    /// Entries whose id the diary already held; the diary's version was kept.
    pub already_present: u64,
    /// Whether the file's profile was taken (only when this diary's profile was never set).
    pub profile_imported: bool,
    /// Custom foods, saved meals and photos written (ones whose id the diary already held are kept
    /// as they were and not counted).
    #[serde(default)]
    pub custom_foods_imported: u64,
    #[serde(default)]
    pub saved_meals_imported: u64,
    #[serde(default)]
    pub photos_imported: u64,
    /// Reminders written (ones whose id the diary already held are kept as they were).
    #[serde(default)]
    pub reminders_imported: u64,
}
