//! What the planner needs to know besides the reminders: the user's zone and language, what they
//! already logged, which reminders they ignore, snoozes, and a pause. The store assembles it.

use std::collections::HashMap;
use std::time::SystemTime;

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::local::{format_date, format_time, parse_date, parse_time, parse_zone, to_utc};
use super::records::ReminderKind;
use crate::error::{GutskinError, Result};
use crate::model::MealKind;

/// The longest snooze, in minutes.
pub const MAX_SNOOZE_MINUTES: u32 = 24 * 60;

/// Everything the planner takes from the diary and the device, besides the reminders.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PlanContext {
    /// The user's current IANA zone (the phone's), e.g. `Europe/Berlin`. Reminders that follow the
    /// user use it, and every reminder's quiet hours are read in it (quiet hours guard the user's
    /// sleep, which happens in the zone they are in).
    pub time_zone: String,
    /// The user's locale (`de`, `de-AT`, `en-GB`, ...): `de*` gives German texts, anything else
    /// English.
    pub locale: String,
    /// What the user already logged. One item per diary entry: each covers one slot of that day.
    #[serde(default)]
    pub logged: Vec<LoggedSlot>,
    /// Per reminder, how many days in a row it went unanswered.
    #[serde(default)]
    pub ignored: Vec<IgnoreStreak>,
    /// Occurrences the user moved.
    #[serde(default)]
    pub snoozes: Vec<Snooze>,
    /// While set and later than the plan's start, nothing fires before this instant.
    #[serde(default)]
    pub paused_until: Option<SystemTime>,
}

/// An entry that covers a reminder's slot, on the entry's diary day (its local date where it was
/// logged).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct LoggedSlot {
    /// `YYYY-MM-DD`.
    pub date: String,
    pub slot: SlotKind,
}

/// What kind of entry was logged, as far as reminders care.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum SlotKind {
    Meal {
        meal: MealKind,
    },
    SkinCheckIn,
    GutCheckIn,
    /// A probiotic, supplement or medicine taken; it matches dose reminders of the same name
    /// (ignoring case and surrounding spaces).
    Dose {
        name: String,
    },
    ProgressPhoto,
}

/// How many days in a row a reminder went unanswered (delivered, and neither acted on nor its slot
/// logged). The store counts; the planner backs off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct IgnoreStreak {
    pub reminder_id: String,
    pub consecutive_days: u32,
}

/// One occurrence moved: it fires `minutes` after its own time, or after `snoozed_at` if that is
/// later (snoozing a delivered notification: "again in 10 minutes").
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Snooze {
    /// The [`super::PlannedNotification::id`] of the occurrence.
    pub notification_id: String,
    pub snoozed_at: SystemTime,
    /// 1 to [`MAX_SNOOZE_MINUTES`].
    pub minutes: u32,
}

impl PlanContext {
    /// A context with nothing logged, ignored, snoozed or paused.
    pub fn new(time_zone: impl Into<String>, locale: impl Into<String>) -> PlanContext {
        PlanContext { time_zone: time_zone.into(), locale: locale.into(), ..PlanContext::default() }
    }

    /// Checks every field; the error names the first bad one (e.g. `logged[3].date`).
    pub fn validate(&self) -> Result<()> {
        self.check().map(|_| ())
    }

    pub(crate) fn check(&self) -> Result<CheckedContext> {
        let zone = parse_zone("time_zone", &self.time_zone)?;
        let mut logged: HashMap<(NaiveDate, SlotKey), u32> = HashMap::new();
        for (i, item) in self.logged.iter().enumerate() {
            let date = parse_date(&format!("logged[{i}].date"), &item.date)?;
            if matches!(&item.slot, SlotKind::Dose { name } if name.trim().is_empty()) {
                return Err(GutskinError::invalid(format!("logged[{i}].slot.name"), "must not be empty"));
            }
            let key = SlotKey::of_logged(&item.slot);
            *logged.entry((date, key)).or_default() += 1;
        }
        let mut ignored: HashMap<String, u32> = HashMap::new();
        for streak in &self.ignored {
            let days = ignored.entry(streak.reminder_id.clone()).or_default();
            *days = (*days).max(streak.consecutive_days);
        }
        let mut snoozes: HashMap<String, Vec<CheckedSnooze>> = HashMap::new();
        for (i, snooze) in self.snoozes.iter().enumerate() {
            let field = |name: &str| format!("snoozes[{i}].{name}");
            let (reminder_id, date, time) = parse_notification_id(&field("notification_id"), &snooze.notification_id)?;
            let snoozed_at = to_utc(&field("snoozed_at"), snooze.snoozed_at)?;
            if snooze.minutes == 0 || snooze.minutes > MAX_SNOOZE_MINUTES {
                return Err(GutskinError::invalid(
                    field("minutes"),
                    format!("must be from 1 to {MAX_SNOOZE_MINUTES} minutes, not {}", snooze.minutes),
                ));
            }
            let checked = CheckedSnooze { date, time, snoozed_at, minutes: snooze.minutes };
            snoozes.entry(reminder_id.to_string()).or_default().push(checked);
        }
        for list in snoozes.values_mut() {
            // The latest snooze of an occurrence wins: applied last.
            list.sort_by_key(|s| (s.snoozed_at, s.date, s.time));
        }
        let paused_until = self.paused_until.map(|t| to_utc("paused_until", t)).transpose()?;
        Ok(CheckedContext { zone, logged, ignored, snoozes, paused_until })
    }
}

/// A checked context, in the form the planner uses.
#[derive(Debug, Clone)]
pub(crate) struct CheckedContext {
    pub zone: Tz,
    /// How many entries cover slots of that kind on that date.
    pub logged: HashMap<(NaiveDate, SlotKey), u32>,
    pub ignored: HashMap<String, u32>,
    /// Per reminder id, oldest snooze first.
    pub snoozes: HashMap<String, Vec<CheckedSnooze>>,
    pub paused_until: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CheckedSnooze {
    pub date: NaiveDate,
    pub time: NaiveTime,
    pub snoozed_at: DateTime<Utc>,
    pub minutes: u32,
}

/// The slot a reminder kind fills and an entry covers.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum SlotKey {
    Meal(MealKind),
    SkinCheckIn,
    GutCheckIn,
    /// The name, trimmed and lowercased.
    Dose(String),
    ProgressPhoto,
}

impl SlotKey {
    fn dose(name: &str) -> SlotKey {
        SlotKey::Dose(name.trim().to_lowercase())
    }

    /// The slot a logged entry covers.
    pub fn of_logged(slot: &SlotKind) -> SlotKey {
        match slot {
            SlotKind::Meal { meal } => SlotKey::Meal(*meal),
            SlotKind::SkinCheckIn => SlotKey::SkinCheckIn,
            SlotKind::GutCheckIn => SlotKey::GutCheckIn,
            SlotKind::Dose { name } => SlotKey::dose(name),
            SlotKind::ProgressPhoto => SlotKey::ProgressPhoto,
        }
    }

    /// The slot a reminder of this kind fills; custom reminders fill none and are never skipped.
    pub fn of(kind: &ReminderKind) -> Option<SlotKey> {
        match kind {
            ReminderKind::Meal { meal } => Some(SlotKey::Meal(*meal)),
            ReminderKind::SkinCheckIn => Some(SlotKey::SkinCheckIn),
            ReminderKind::GutCheckIn => Some(SlotKey::GutCheckIn),
            ReminderKind::Dose { name, .. } => Some(SlotKey::dose(name)),
            ReminderKind::ProgressPhoto => Some(SlotKey::ProgressPhoto),
            ReminderKind::Custom { .. } => None,
        }
    }
}

/// The stable id of one occurrence: `<reminder id>/<local date>/<local time>`, e.g.
/// `0193….../2026-11-25/12:30`. The date and time are the slot's, in the reminder's zone, before any
/// snooze, quiet-hours move or daylight-saving shift, so re-planning gives the same id.
pub(crate) fn notification_id(reminder_id: &str, date: NaiveDate, time: NaiveTime) -> String {
    format!("{reminder_id}/{}/{}", format_date(date), format_time(time))
}

/// Splits a notification id into the reminder id, the slot's local date and its local time.
pub(crate) fn parse_notification_id<'a>(field: &str, id: &'a str) -> Result<(&'a str, NaiveDate, NaiveTime)> {
    let mut parts = id.rsplitn(3, '/');
    let (time, date, reminder) = (parts.next(), parts.next(), parts.next());
    match (reminder, date, time) {
        (Some(reminder), Some(date), Some(time)) if !reminder.is_empty() => {
            let not_ours = |_| GutskinError::invalid(field, "is not the id of a planned notification");
            Ok((reminder, parse_date(field, date).map_err(not_ours)?, parse_time(field, time).map_err(not_ours)?))
        }
        _ => Err(GutskinError::invalid(field, "is not the id of a planned notification")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notification_ids_round_trip() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let time = NaiveTime::from_hms_opt(7, 5, 0).unwrap();
        let id = notification_id("0193a3c4-0000-7000-8000-000000000000", date, time);
        assert_eq!(id, "0193a3c4-0000-7000-8000-000000000000/2026-11-25/07:05");
        assert_eq!(parse_notification_id("n", &id).unwrap(), ("0193a3c4-0000-7000-8000-000000000000", date, time));
        for bad in ["", "abc", "/2026-11-25/07:05", "r/2026-11-25", "r/2026-11-25/7:05", "r/25.11.2026/07:05"] {
            assert!(parse_notification_id("n", bad).is_err(), "{bad:?} was accepted");
        }
    }
}
