//! The planner: reminders and a context in, the next notifications out. Pure: no clock, no store.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, NaiveDate, NaiveTime, TimeDelta, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};

use super::context::{CheckedContext, PlanContext, SlotKey, notification_id};
use super::local::{format_date, format_time, local, parse_zone, resolve, resolve_after, to_system_time, to_utc};
use super::messages::{Lang, Msg, fill, text, title_and_body};
use super::records::{Checked, DayRule, Reminder};
use crate::error::{GutskinError, Result};

/// The longest horizon a plan may cover.
pub const MAX_HORIZON: Duration = Duration::from_secs(366 * 24 * 3600);

/// Back-off: `(days ignored in a row, remind on one scheduled day in N)`, mildest first. Fewer than
/// 5 ignored days: every scheduled day.
pub const BACK_OFF_STEPS: [(u32, u32); 3] = [(5, 2), (10, 3), (21, 7)];

/// On one scheduled day in how many a reminder ignored this many days in a row still comes:
/// 1 below 5 days, 2 from 5, 3 from 10, 7 from 21.
pub fn back_off_interval(consecutive_days_ignored: u32) -> u32 {
    BACK_OFF_STEPS.iter().rev().find(|(days, _)| consecutive_days_ignored >= *days).map_or(1, |(_, every)| *every)
}

/// The notifications to hand to the phone's scheduler, and what the planner wants the user to know.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Plan {
    /// Strictly increasing `fire_at`; ids unique.
    pub notifications: Vec<PlannedNotification>,
    pub notes: Vec<PlanNote>,
}

/// One notification to schedule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct PlannedNotification {
    /// Stable: `<reminder id>/<slot date>/<slot time>` (see the module documentation). Re-planning gives
    /// the same id for the same occurrence, so the phone replaces rather than duplicates it.
    pub id: String,
    pub reminder_id: String,
    /// Whole seconds. May differ from the slot's own instant: snoozed, moved out of quiet hours, or
    /// a second later than another notification due at the same instant.
    pub fire_at: SystemTime,
    pub title: String,
    pub body: String,
    /// The slot's local date (`YYYY-MM-DD`) and time (`HH:MM`) in the reminder's zone.
    pub slot_date: String,
    pub slot_time: String,
}

/// Something the planner did that the user may want to know about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum PlanNote {
    /// The reminder went unanswered `ignored_days` days in a row, so it now comes on one scheduled
    /// day in `every` (see [`back_off_interval`]).
    BackedOff { reminder_id: String, ignored_days: u32, every: u32 },
    /// Nothing fires before `until`.
    Paused { until: SystemTime },
    /// The reminder's course ended before the plan starts.
    CourseEnded { reminder_id: String, end_date: String },
    /// The stored reminder is not valid (e.g. synced from a newer app) and was left out.
    InvalidReminder { reminder_id: String, field: String, reason: String },
    /// Only the first `cap` notifications are in the plan; `left_out` more fall inside the horizon.
    Capped { cap: u32, left_out: u32 },
}

impl PlanNote {
    /// The note as a sentence in the context's language; instants in the context's zone.
    pub fn text(&self, ctx: &PlanContext) -> String {
        let lang = Lang::from_locale(&ctx.locale);
        match self {
            PlanNote::BackedOff { ignored_days, every, .. } => fill(
                text(lang, Msg::NoteBackedOff),
                &[("days", &ignored_days.to_string()), ("every", &every.to_string())],
            ),
            PlanNote::Paused { until } => {
                let until = match (to_utc("until", *until), parse_zone("time_zone", &ctx.time_zone)) {
                    (Ok(t), Ok(zone)) => local(zone, t).format("%Y-%m-%d %H:%M").to_string(),
                    (Ok(t), Err(_)) => t.format("%Y-%m-%d %H:%M UTC").to_string(),
                    (Err(_), _) => "-".to_string(),
                };
                fill(text(lang, Msg::NotePaused), &[("until", &until)])
            }
            PlanNote::CourseEnded { end_date, .. } => fill(text(lang, Msg::NoteCourseEnded), &[("date", end_date)]),
            PlanNote::InvalidReminder { field, reason, .. } => {
                fill(text(lang, Msg::NoteInvalidReminder), &[("field", field), ("reason", reason)])
            }
            PlanNote::Capped { cap, left_out } => {
                fill(text(lang, Msg::NoteCapped), &[("cap", &cap.to_string()), ("left_out", &left_out.to_string())])
            }
        }
    }
}

/// Plans the notifications that fall after `from` and no later than `from + horizon`, at most
/// `cap` of them, the earliest first. See the module documentation for the rules.
///
/// Disabled and deleted reminders are left out. Fails only on a bad context, `from` or `horizon`;
/// an invalid reminder is left out with a [`PlanNote::InvalidReminder`], so one bad synced record
/// never silences the others.
pub fn plan(
    reminders: &[Reminder],
    ctx: &PlanContext,
    from: SystemTime,
    horizon: Duration,
    cap: usize,
) -> Result<Plan> {
    let checked_ctx = ctx.check()?;
    let start = to_utc("from", from)?;
    if horizon > MAX_HORIZON {
        return Err(GutskinError::invalid("horizon", "must be at most 366 days"));
    }
    // The whole window within the years 1970-9999: a slot of year 10000 has no notification id.
    to_utc("from", from + horizon)?;
    let end = start + TimeDelta::from_std(horizon).expect("366 days fit a TimeDelta");
    let window = Window { start, end, paused_until: checked_ctx.paused_until, user_zone: checked_ctx.zone };

    let mut notes = Vec::new();
    if let Some(until) = checked_ctx.paused_until.filter(|until| *until > start) {
        notes.push(PlanNote::Paused { until: to_system_time(until) });
    }

    let mut seen = HashSet::new();
    let mut planned: Vec<Checked<'_>> = Vec::new();
    let mut candidates = Vec::new();
    for reminder in reminders.iter().filter(|r| r.enabled && !r.deleted) {
        let checked = match reminder.check() {
            Ok(checked) => checked,
            Err(err) => {
                let (field, reason) = match err {
                    GutskinError::InvalidInput { field, reason } => (field, reason),
                    other => ("reminder".to_string(), other.to_string()),
                };
                notes.push(PlanNote::InvalidReminder { reminder_id: reminder.id.clone(), field, reason });
                continue;
            }
        };
        if !seen.insert(reminder.id.as_str()) {
            notes.push(PlanNote::InvalidReminder {
                reminder_id: reminder.id.clone(),
                field: "id".to_string(),
                reason: "another reminder has the same id; only the first is planned".to_string(),
            });
            continue;
        }
        let index = planned.len();
        candidates.extend(plan_one(index, &checked, &checked_ctx, &window, &mut notes));
        planned.push(checked);
    }

    // One timeline: the earliest first, ties in a fixed order (reminder id, then slot), then each
    // tie a second after the one before it, so the instants strictly increase. Candidates from a
    // little before `from` take part, so that a tie already delivered still pushes the next one
    // (re-planning right after 08:00:00 keeps the 08:00:01 notification, same instant).
    candidates.sort_by(|a, b| {
        let key = |c: &Candidate| (c.fire, planned[c.reminder].reminder.id.as_str(), c.date, c.time);
        key(a).cmp(&key(b))
    });
    let mut timeline: Vec<Candidate> = Vec::with_capacity(candidates.len());
    for mut candidate in candidates {
        let previous = timeline.last().map(|previous| previous.fire);
        if let Some(previous) = previous.filter(|previous| candidate.fire <= *previous) {
            candidate.fire = previous + TimeDelta::seconds(1);
            let quiet = planned[candidate.reminder].quiet;
            let in_quiet = quiet.is_some_and(|q| q.contains(local(window.user_zone, candidate.fire).time()));
            if candidate.fire > window.end || in_quiet {
                continue;
            }
        }
        timeline.push(candidate);
    }
    timeline.retain(|candidate| candidate.fire > window.start);

    if timeline.len() > cap {
        let left_out = timeline.len() - cap;
        notes.push(PlanNote::Capped {
            cap: u32::try_from(cap).unwrap_or(u32::MAX),
            left_out: u32::try_from(left_out).unwrap_or(u32::MAX),
        });
        timeline.truncate(cap);
    }

    let lang = Lang::from_locale(&ctx.locale);
    let notifications = timeline
        .into_iter()
        .map(|candidate| {
            let checked = &planned[candidate.reminder];
            let (title, body) = title_and_body(lang, &checked.reminder.kind);
            PlannedNotification {
                id: notification_id(&checked.reminder.id, candidate.date, candidate.time),
                reminder_id: checked.reminder.id.clone(),
                fire_at: to_system_time(candidate.fire),
                title: checked.title.map_or(title, str::to_string),
                body: checked.body.map_or(body, str::to_string),
                slot_date: format_date(candidate.date),
                slot_time: format_time(candidate.time),
            }
        })
        .collect();
    Ok(Plan { notifications, notes })
}

/// How long before the plan's start candidates join the timeline, to space ties the same way
/// whenever the plan is made. Ties only chain a second apart, so an hour is plenty.
const LEAD_IN: TimeDelta = TimeDelta::hours(1);

/// Where notifications may fall: after `start`, no later than `end`, not before `paused_until`.
struct Window {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
    paused_until: Option<DateTime<Utc>>,
    user_zone: Tz,
}

impl Window {
    /// Whether a candidate joins the timeline: from the lead-in on (see [`LEAD_IN`]).
    fn admits(&self, fire: DateTime<Utc>) -> bool {
        self.start - LEAD_IN < fire && fire <= self.end && self.paused_until.is_none_or(|until| fire >= until)
    }
}

/// One occurrence on its way into the plan.
#[derive(Debug, Clone, Copy)]
struct Candidate {
    fire: DateTime<Utc>,
    /// Index into the planned reminders.
    reminder: usize,
    /// The slot, in the reminder's zone.
    date: NaiveDate,
    time: NaiveTime,
}

/// The occurrences of one reminder inside the window, at most one per instant.
fn plan_one(
    index: usize,
    checked: &Checked<'_>,
    ctx: &CheckedContext,
    window: &Window,
    notes: &mut Vec<PlanNote>,
) -> Vec<Candidate> {
    let reminder = checked.reminder;
    let zone = checked.zone.unwrap_or(ctx.zone);

    let ignored_days = ctx.ignored.get(&reminder.id).copied().unwrap_or(0);
    let every = back_off_interval(ignored_days);
    if every > 1 {
        notes.push(PlanNote::BackedOff { reminder_id: reminder.id.clone(), ignored_days, every });
    }
    let first_day = local(zone, window.start).date();
    match checked.rule {
        DayRule::Course { end, .. } if end < first_day => {
            notes.push(PlanNote::CourseEnded { reminder_id: reminder.id.clone(), end_date: format_date(end) });
        }
        _ => {}
    }

    // Every slot whose own instant could land in the window after a move. Two days of margin
    // before the start: a slot of yesterday evening may be moved out of quiet hours into the window.
    let mut slots: BTreeMap<(NaiveDate, NaiveTime), DateTime<Utc>> = BTreeMap::new();
    let last_day = local(zone, window.end).date();
    let mut day = first_day - TimeDelta::days(2);
    while day <= last_day {
        let kept = checked.rule.ordinal(day).is_some_and(|n| n.rem_euclid(i64::from(every)) == 0);
        if kept {
            for &time in &checked.times {
                slots.insert((day, time), resolve(zone, day, time));
            }
        }
        day = match day.succ_opt() {
            Some(next) => next,
            None => break,
        };
    }

    // Snoozes: the user moved this occurrence; it comes even on a day the back-off leaves out.
    for snooze in ctx.snoozes.get(&reminder.id).into_iter().flatten() {
        let still_scheduled = checked.rule.ordinal(snooze.date).is_some() && checked.times.contains(&snooze.time);
        if still_scheduled {
            let own = resolve(zone, snooze.date, snooze.time);
            let fire = own.max(snooze.snoozed_at) + TimeDelta::minutes(i64::from(snooze.minutes));
            let whole_seconds = DateTime::from_timestamp(fire.timestamp(), 0).unwrap_or(fire);
            slots.insert((snooze.date, snooze.time), whole_seconds);
        }
    }

    // Logged: each entry of that day covers one slot, the earliest first.
    if let Some(key) = SlotKey::of(&reminder.kind) {
        let days: BTreeSet<NaiveDate> = slots.keys().map(|(date, _)| *date).collect();
        for date in days {
            let covered = ctx.logged.get(&(date, key.clone())).copied().unwrap_or(0);
            for time in checked.times.iter().take(covered as usize) {
                slots.remove(&(date, *time));
            }
        }
    }

    let mut occurrences: Vec<Candidate> = slots
        .into_iter()
        .filter_map(|((date, time), fire)| {
            let fire = outside_quiet_hours(checked, window.user_zone, fire)?;
            window.admits(fire).then_some(Candidate { fire, reminder: index, date, time })
        })
        .collect();

    // Two slots of one reminder at one instant (a slot moved out of quiet hours onto another, or a
    // daylight-saving gap pushing 02:30 onto 03:00): one notification, for the later slot.
    occurrences.sort_by_key(|c| (c.fire, c.date, c.time));
    let mut unique: Vec<Candidate> = Vec::with_capacity(occurrences.len());
    for occurrence in occurrences {
        match unique.last_mut() {
            Some(last) if last.fire == occurrence.fire => *last = occurrence,
            _ => unique.push(occurrence),
        }
    }
    unique
}

/// `fire` if it is outside the reminder's quiet hours (read in the user's zone). Inside them, a dose
/// moves to the end of the quiet hours and anything else is skipped (`None`).
fn outside_quiet_hours(checked: &Checked<'_>, user_zone: Tz, fire: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let Some(quiet) = checked.quiet else {
        return Some(fire);
    };
    let wall = local(user_zone, fire);
    if !quiet.contains(wall.time()) {
        return Some(fire);
    }
    if !checked.reminder.kind.defers_in_quiet_hours() {
        return None;
    }
    let end_day = if wall.time() < quiet.end { wall.date() } else { wall.date().succ_opt()? };
    let moved = resolve_after(user_zone, end_day, quiet.end, fire)?;
    // A daylight-saving shift can push the end into the next quiet hours; then skip.
    (!quiet.contains(local(user_zone, moved).time())).then_some(moved)
}
