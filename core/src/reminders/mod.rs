//! Offline reminders: the core plans, the phone schedules.
//!
//! [`plan`] turns the stored [`Reminder`]s and a [`PlanContext`] into the next notifications over a
//! horizon, at most `cap` of them (iOS keeps at most 64 pending; Android wants few alarms). Each has
//! an instant, a title, a body and a stable id. The phone hands them to its own scheduler
//! (`UNUserNotificationCenter`, `AlarmManager`/`WorkManager`), which fires them with no network
//! and no running core. The plan is only right until something changes, so the app re-plans and
//! replaces everything pending (same id: same occurrence):
//!
//! - after each change to a reminder, a pause or a snooze,
//! - after a sync,
//! - after a time-zone change (reminders follow the user),
//! - when a notification is delivered or acted on, and after logging an entry (a logged slot is
//!   skipped), so the plan keeps reaching past the cap.
//!
//! # Rules
//!
//! - **Times are local.** A schedule's `HH:MM` times are wall-clock times in the user's current
//!   zone ([`ReminderZone::FollowUser`]: 08:00 stays 08:00 when they travel) or in a fixed zone
//!   ([`ReminderZone::Fixed`]).
//! - **Daylight saving.** A time that does not exist that day fires at the first instant after it
//!   (02:30 on a spring-forward day in Europe/Berlin fires at 03:00); a time that exists twice fires
//!   once, at its first occurrence. If two times of one reminder land on one instant, it fires once.
//! - **Quiet hours** are read in the user's current zone (they guard sleep, which happens where the
//!   user is), start included, end excluded, and may span midnight. A slot inside them is skipped,
//!   except a dose (probiotic, supplement, medicine), which moves to the end of the quiet hours: a
//!   late dose beats a missed one. Nothing ever fires inside quiet hours.
//! - **Logged slots are skipped.** Each logged entry covers one slot of its reminder kind on its day,
//!   the earliest first: a lunch logged on 2026-11-25 skips that day's lunch reminder; one of two
//!   doses logged skips the morning reminder but not the evening one. Custom reminders are never
//!   skipped. The day is the slot's local date in the reminder's zone.
//! - **Back-off.** A reminder ignored 5 days in a row comes on one scheduled day in 2; from 10 days,
//!   one in 3; from 21 days, one in 7 ([`BACK_OFF_STEPS`]); the plan says so in a
//!   [`PlanNote::BackedOff`]. The days kept are counted from a fixed origin, so re-planning keeps
//!   the same days.
//! - **Snooze** moves one occurrence by N minutes: from its own time, or from the moment of
//!   snoozing if later. It keeps its id. **Pause** drops everything before an instant.
//! - **The timeline** holds notifications after `from` and no later than `from + horizon`, with
//!   strictly increasing instants: when several fall on one instant, they are ordered by reminder
//!   id and slot and each comes one second after the one before (also across `from`, so
//!   re-planning right after a delivery keeps the rest of a tie). Then the first `cap` are kept,
//!   and a [`PlanNote::Capped`] says how many more the horizon holds.
//! - **Ids** are `<reminder id>/<slot date>/<slot time>` (see [`PlannedNotification::id`]): the
//!   slot before any move, so the same occurrence keeps its id across re-plans, snoozes and zone
//!   changes.
//! - **Texts** come from a small catalogue in English and German (`de*` locales), plain and never
//!   nagging; a reminder's own title or body replaces the catalogue's.

mod context;
mod local;
mod messages;
mod planner;
mod records;

#[cfg(test)]
mod tests;

pub use crate::model::MealKind;
pub use context::{IgnoreStreak, LoggedSlot, MAX_SNOOZE_MINUTES, PlanContext, SlotKind, Snooze};
pub(crate) use context::{SlotKey, notification_id, parse_notification_id};
pub use planner::{BACK_OFF_STEPS, MAX_HORIZON, Plan, PlanNote, PlannedNotification, back_off_interval, plan};
pub use records::{
    DoseKind, MAX_EVERY_DAYS, MAX_NAME_CHARS, MAX_TEXT_CHARS, MAX_TIMES_PER_DAY, MAX_TITLE_CHARS, NewReminder,
    QuietHours, Reminder, ReminderKind, ReminderZone, Schedule, Weekday,
};
