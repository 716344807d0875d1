//! The reminder records as they are stored, synced and handed across the FFI, and their validation.
//!
//! Records are plain data with strings for dates (`YYYY-MM-DD`), times (`HH:MM`) and zones (IANA
//! names). [`Reminder::validate`] checks every field; inside the module the planner works on the
//! checked form, [`Checked`], which only [`Reminder::check`] makes.

use chrono::{Datelike, NaiveDate, NaiveTime};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::local::{parse_date, parse_time, parse_zone};
use crate::error::{GutskinError, Result};
use crate::model::MealKind;

/// The most times a schedule may list for one day.
pub const MAX_TIMES_PER_DAY: usize = 24;
/// The longest dose name, title and body and custom text, in characters.
pub const MAX_NAME_CHARS: usize = 100;
pub const MAX_TITLE_CHARS: usize = 100;
pub const MAX_TEXT_CHARS: usize = 500;
/// The longest interval of an every-N-days schedule.
pub const MAX_EVERY_DAYS: u32 = 366;

/// A reminder, as stored and synced like a diary entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Reminder {
    /// A UUIDv7 in its canonical lowercase hyphenated form; part of every notification id.
    pub id: String,
    pub kind: ReminderKind,
    pub schedule: Schedule,
    /// Local hours in which this reminder does not fire (see [`ReminderKind::defers_in_quiet_hours`]).
    #[serde(default)]
    pub quiet_hours: Option<QuietHours>,
    #[serde(default)]
    pub time_zone: ReminderZone,
    pub enabled: bool,
    /// Replaces the catalogue's title for this kind; `None` keeps the catalogue's.
    #[serde(default)]
    pub title: Option<String>,
    /// Replaces the catalogue's body for this kind; `None` keeps the catalogue's.
    #[serde(default)]
    pub body: Option<String>,
    /// Deleted reminders are kept (and synced) but never planned; undelete brings them back.
    #[serde(default)]
    pub deleted: bool,
}

/// What the app hands in to add a reminder or to replace a stored one's fields: a [`Reminder`]
/// without its id and deleted flag, which the diary keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewReminder {
    pub kind: ReminderKind,
    pub schedule: Schedule,
    #[serde(default)]
    pub quiet_hours: Option<QuietHours>,
    #[serde(default)]
    pub time_zone: ReminderZone,
    pub enabled: bool,
    #[serde(default)]
    pub title: Option<String>,
    #[serde(default)]
    pub body: Option<String>,
}

impl NewReminder {
    /// An enabled reminder following the user's zone, without quiet hours or own texts.
    pub fn new(kind: ReminderKind, schedule: Schedule) -> NewReminder {
        NewReminder {
            kind,
            schedule,
            quiet_hours: None,
            time_zone: ReminderZone::FollowUser,
            enabled: true,
            title: None,
            body: None,
        }
    }

    /// Checks every field as adding it does; the error names the first bad one (`schedule.times`).
    pub fn validate(&self) -> Result<()> {
        // Any well-formed id will do: only the other fields are in question.
        self.clone().with_id("00000000-0000-7000-8000-000000000000".to_string(), false).validate()
    }

    /// The reminder with this id and deleted flag.
    pub fn with_id(self, id: String, deleted: bool) -> Reminder {
        let NewReminder { kind, schedule, quiet_hours, time_zone, enabled, title, body } = self;
        Reminder { id, kind, schedule, quiet_hours, time_zone, enabled, title, body, deleted }
    }
}

/// What a reminder asks the user to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ReminderKind {
    /// Log a meal.
    Meal { meal: MealKind },
    /// Do a skin check-in.
    SkinCheckIn,
    /// Do a gut check-in.
    GutCheckIn,
    /// Take a probiotic, a supplement or a medicine, by name. A course with dates is a
    /// [`Schedule::Course`].
    Dose { dose: DoseKind, name: String },
    /// Take this week's progress photo (usually on a [`Schedule::Weekdays`] schedule).
    ProgressPhoto,
    /// The user's own text, shown as the body.
    Custom { text: String },
}

/// What kind of thing a dose reminder is about; it picks the wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum DoseKind {
    Probiotic,
    Supplement,
    Medicine,
}

/// On which local days, and at which local times of those days, a reminder fires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Schedule {
    /// Every day.
    Daily { times: Vec<String> },
    /// On the chosen days of the week.
    Weekdays { weekdays: Vec<Weekday>, times: Vec<String> },
    /// On `start_date` and every `every_days` days after it (1 is daily, 7 weekly).
    EveryNDays { every_days: u32, start_date: String, times: Vec<String> },
    /// Every day from `start_date` to `end_date`, both included; then it ends.
    Course { start_date: String, end_date: String, times: Vec<String> },
}

impl Schedule {
    /// The local times of day, as given.
    pub fn times(&self) -> &[String] {
        match self {
            Schedule::Daily { times }
            | Schedule::Weekdays { times, .. }
            | Schedule::EveryNDays { times, .. }
            | Schedule::Course { times, .. } => times,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Weekday {
    Monday,
    Tuesday,
    Wednesday,
    Thursday,
    Friday,
    Saturday,
    Sunday,
}

impl Weekday {
    fn to_chrono(self) -> chrono::Weekday {
        match self {
            Weekday::Monday => chrono::Weekday::Mon,
            Weekday::Tuesday => chrono::Weekday::Tue,
            Weekday::Wednesday => chrono::Weekday::Wed,
            Weekday::Thursday => chrono::Weekday::Thu,
            Weekday::Friday => chrono::Weekday::Fri,
            Weekday::Saturday => chrono::Weekday::Sat,
            Weekday::Sunday => chrono::Weekday::Sun,
        }
    }
}

/// Local wall-clock hours without notifications, from `start` (included) to `end` (excluded),
/// both `HH:MM`. When `start` is later than `end` the quiet hours span midnight (22:00-07:00).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct QuietHours {
    pub start: String,
    pub end: String,
}

/// Which zone a reminder's local times are in.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ReminderZone {
    /// The user's current zone: 08:00 stays 08:00 wherever they travel.
    #[default]
    FollowUser,
    /// A fixed IANA zone, e.g. a medicine taken on home time while abroad.
    Fixed { zone: String },
}

impl ReminderKind {
    /// Whether a slot inside quiet hours is moved to the end of the quiet hours (doses: a late dose
    /// beats a missed one) rather than skipped (everything else: a late meal log is no help).
    pub fn defers_in_quiet_hours(&self) -> bool {
        matches!(self, ReminderKind::Dose { .. })
    }
}

impl Reminder {
    /// A new, enabled reminder with a fresh UUIDv7, following the user's zone, without quiet hours.
    pub fn new(kind: ReminderKind, schedule: Schedule) -> Reminder {
        NewReminder::new(kind, schedule).with_id(uuid::Uuid::now_v7().to_string(), false)
    }

    /// The reminder's fields without its id and deleted flag (to edit and hand back).
    pub fn to_new(&self) -> NewReminder {
        NewReminder {
            kind: self.kind.clone(),
            schedule: self.schedule.clone(),
            quiet_hours: self.quiet_hours.clone(),
            time_zone: self.time_zone.clone(),
            enabled: self.enabled,
            title: self.title.clone(),
            body: self.body.clone(),
        }
    }

    /// Checks every field; the error names the first bad one (e.g. `schedule.times[1]`).
    pub fn validate(&self) -> Result<()> {
        self.check().map(|_| ())
    }

    pub(crate) fn check(&self) -> Result<Checked<'_>> {
        check_id(&self.id)?;
        check_kind(&self.kind)?;
        let title = optional_text("title", self.title.as_deref(), MAX_TITLE_CHARS)?;
        let body = optional_text("body", self.body.as_deref(), MAX_TEXT_CHARS)?;
        let (rule, times) = check_schedule(&self.schedule)?;
        let zone = match &self.time_zone {
            ReminderZone::FollowUser => None,
            ReminderZone::Fixed { zone } => Some(parse_zone("time_zone.zone", zone)?),
        };
        let quiet = match &self.quiet_hours {
            None => None,
            Some(q) => Some(check_quiet_hours(q)?),
        };
        if let Some(quiet) = quiet {
            // A reminder that could never fire is a mistake worth naming. Only checkable when the
            // quiet hours and the times are in the same zone, i.e. when it follows the user.
            let all_quiet = times.iter().all(|t| quiet.contains(*t));
            if zone.is_none() && !self.kind.defers_in_quiet_hours() && all_quiet {
                return Err(GutskinError::invalid(
                    "quiet_hours",
                    "every time of the schedule falls inside the quiet hours, so the reminder would never fire",
                ));
            }
        }
        Ok(Checked { reminder: self, rule, times, zone, quiet, title, body })
    }
}

/// A reminder whose fields have all been checked, in the form the planner uses.
#[derive(Debug, Clone)]
pub(crate) struct Checked<'a> {
    pub reminder: &'a Reminder,
    pub rule: DayRule,
    /// Sorted, without duplicates, never empty.
    pub times: Vec<NaiveTime>,
    /// `None`: the user's zone.
    pub zone: Option<Tz>,
    pub quiet: Option<Quiet>,
    pub title: Option<&'a str>,
    pub body: Option<&'a str>,
}

/// Which local days a schedule fires on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DayRule {
    Daily,
    /// Monday first, without duplicates, never empty.
    Weekdays(Vec<chrono::Weekday>),
    EveryNDays {
        every: u32,
        start: NaiveDate,
    },
    Course {
        start: NaiveDate,
        end: NaiveDate,
    },
}

/// 1970-01-05, a Monday: weeks are counted from it.
const FIRST_MONDAY: NaiveDate = NaiveDate::from_ymd_opt(1970, 1, 5).expect("a valid date");

impl DayRule {
    /// `None` if the schedule does not fire on `date`; otherwise the position of `date` among the
    /// days the schedule fires on, counted from a fixed origin (so it does not depend on when the
    /// plan is made). Back-off keeps the days whose position is a multiple of its interval.
    pub fn ordinal(&self, date: NaiveDate) -> Option<i64> {
        match self {
            DayRule::Daily => Some((date - FIRST_MONDAY).num_days()),
            DayRule::Weekdays(days) => {
                let index = days.iter().position(|d| *d == date.weekday())?;
                let week = (date - FIRST_MONDAY).num_days().div_euclid(7);
                Some(week * days.len() as i64 + index as i64)
            }
            DayRule::EveryNDays { every, start } => {
                let since = (date - *start).num_days();
                let every = i64::from(*every);
                (since >= 0 && since % every == 0).then_some(since / every)
            }
            DayRule::Course { start, end } => (*start <= date && date <= *end).then(|| (date - *start).num_days()),
        }
    }
}

/// Checked quiet hours: `start` included, `end` excluded, never equal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Quiet {
    pub start: NaiveTime,
    pub end: NaiveTime,
}

impl Quiet {
    pub fn contains(&self, time: NaiveTime) -> bool {
        if self.start < self.end {
            self.start <= time && time < self.end
        } else {
            time >= self.start || time < self.end
        }
    }
}

fn check_id(id: &str) -> Result<()> {
    let parsed = uuid::Uuid::parse_str(id).ok();
    match parsed {
        Some(uuid) if uuid.get_version() == Some(uuid::Version::SortRand) && uuid.hyphenated().to_string() == id => {
            Ok(())
        }
        _ => Err(GutskinError::invalid("id", "must be a UUIDv7 in lowercase hyphenated form")),
    }
}

fn check_kind(kind: &ReminderKind) -> Result<()> {
    match kind {
        ReminderKind::Dose { name, .. } => required_text("kind.name", name, MAX_NAME_CHARS).map(|_| ()),
        ReminderKind::Custom { text } => required_text("kind.text", text, MAX_TEXT_CHARS).map(|_| ()),
        ReminderKind::Meal { .. }
        | ReminderKind::SkinCheckIn
        | ReminderKind::GutCheckIn
        | ReminderKind::ProgressPhoto => Ok(()),
    }
}

fn required_text<'a>(field: &str, text: &'a str, max_chars: usize) -> Result<&'a str> {
    if text.trim().is_empty() {
        return Err(GutskinError::invalid(field, "must not be empty"));
    }
    let chars = text.chars().count();
    if chars > max_chars {
        return Err(GutskinError::invalid(field, format!("is {chars} characters long; at most {max_chars} fit")));
    }
    // Line breaks and tabs are text; NUL, escapes and the other control characters are not.
    if let Some(c) = text.chars().find(|c| c.is_control() && !matches!(c, '\n' | '\t')) {
        return Err(GutskinError::invalid(field, format!("must not contain the control character U+{:04X}", c as u32)));
    }
    Ok(text)
}

fn optional_text<'a>(field: &str, text: Option<&'a str>, max_chars: usize) -> Result<Option<&'a str>> {
    match text {
        None => Ok(None),
        Some(text) if text.trim().is_empty() => {
            Err(GutskinError::invalid(field, "must not be empty; leave it out to use the default text"))
        }
        Some(text) => required_text(field, text, max_chars).map(Some),
    }
}

fn check_schedule(schedule: &Schedule) -> Result<(DayRule, Vec<NaiveTime>)> {
    let times = check_times(schedule.times())?;
    let rule = match schedule {
        Schedule::Daily { .. } => DayRule::Daily,
        Schedule::Weekdays { weekdays, .. } => {
            if weekdays.is_empty() {
                return Err(GutskinError::invalid("schedule.weekdays", "choose at least one day of the week"));
            }
            let mut days: Vec<chrono::Weekday> = Vec::with_capacity(weekdays.len());
            for (i, day) in weekdays.iter().enumerate() {
                let day = day.to_chrono();
                if days.contains(&day) {
                    return Err(GutskinError::invalid(format!("schedule.weekdays[{i}]"), "is listed twice"));
                }
                days.push(day);
            }
            days.sort_by_key(|d| d.num_days_from_monday());
            DayRule::Weekdays(days)
        }
        Schedule::EveryNDays { every_days, start_date, .. } => {
            if *every_days == 0 || *every_days > MAX_EVERY_DAYS {
                return Err(GutskinError::invalid(
                    "schedule.every_days",
                    format!("must be from 1 to {MAX_EVERY_DAYS} days, not {every_days}"),
                ));
            }
            DayRule::EveryNDays { every: *every_days, start: parse_date("schedule.start_date", start_date)? }
        }
        Schedule::Course { start_date, end_date, .. } => {
            let start = parse_date("schedule.start_date", start_date)?;
            let end = parse_date("schedule.end_date", end_date)?;
            if end < start {
                return Err(GutskinError::invalid(
                    "schedule.end_date",
                    format!("the course ends ({end_date}) before it starts ({start_date})"),
                ));
            }
            DayRule::Course { start, end }
        }
    };
    Ok((rule, times))
}

fn check_times(times: &[String]) -> Result<Vec<NaiveTime>> {
    if times.is_empty() {
        return Err(GutskinError::invalid("schedule.times", "give at least one time of day"));
    }
    if times.len() > MAX_TIMES_PER_DAY {
        return Err(GutskinError::invalid(
            "schedule.times",
            format!("{} times of day; at most {MAX_TIMES_PER_DAY} fit", times.len()),
        ));
    }
    let mut parsed: Vec<NaiveTime> = Vec::with_capacity(times.len());
    for (i, text) in times.iter().enumerate() {
        let time = parse_time(&format!("schedule.times[{i}]"), text)?;
        if let Some(first) = parsed.iter().position(|t| *t == time) {
            return Err(GutskinError::invalid(
                format!("schedule.times[{i}]"),
                format!("{text} is already schedule.times[{first}]"),
            ));
        }
        parsed.push(time);
    }
    parsed.sort();
    Ok(parsed)
}

fn check_quiet_hours(quiet: &QuietHours) -> Result<Quiet> {
    let start = parse_time("quiet_hours.start", &quiet.start)?;
    let end = parse_time("quiet_hours.end", &quiet.end)?;
    if start == end {
        return Err(GutskinError::invalid("quiet_hours.end", "quiet hours must end at another time than they start"));
    }
    Ok(Quiet { start, end })
}
