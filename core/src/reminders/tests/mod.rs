//! Tests of the reminder planner: validation, each schedule, daylight saving in both hemispheres,
//! travel, the smart rules (logged slots, back-off, snooze, pause, quiet hours) and properties.

mod dst;
mod props;
mod schedules;
mod smart;
mod validation;

use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};
use chrono_tz::Tz;

use super::*;

pub(super) const DAY: Duration = Duration::from_secs(24 * 3600);

/// A valid UUIDv7 for test reminder `n`.
pub(super) fn id(n: u32) -> String {
    format!("019ac0de-0000-7000-8000-{n:012x}")
}

/// An RFC 3339 instant.
pub(super) fn at(rfc3339: &str) -> SystemTime {
    DateTime::parse_from_rfc3339(rfc3339).expect("a test instant").with_timezone(&Utc).into()
}

pub(super) fn utc(t: SystemTime) -> String {
    DateTime::<Utc>::from(t).format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// `YYYY-MM-DD HH:MM` in `zone`, with seconds when they are not zero.
pub(super) fn wall(t: SystemTime, zone: &str) -> String {
    let zone: Tz = zone.parse().expect("a test zone");
    let local = DateTime::<Utc>::from(t).with_timezone(&zone);
    if local.format("%S").to_string() == "00" {
        local.format("%Y-%m-%d %H:%M").to_string()
    } else {
        local.format("%Y-%m-%d %H:%M:%S").to_string()
    }
}

pub(super) fn times(list: &[&str]) -> Vec<String> {
    list.iter().map(|t| t.to_string()).collect()
}

pub(super) fn reminder(n: u32, kind: ReminderKind, schedule: Schedule) -> Reminder {
    Reminder { id: id(n), ..Reminder::new(kind, schedule) }
}

pub(super) fn daily(n: u32, kind: ReminderKind, at_times: &[&str]) -> Reminder {
    reminder(n, kind, Schedule::Daily { times: times(at_times) })
}

pub(super) fn meal(meal: MealKind) -> ReminderKind {
    ReminderKind::Meal { meal }
}

pub(super) fn dose(name: &str) -> ReminderKind {
    ReminderKind::Dose { dose: DoseKind::Medicine, name: name.to_string() }
}

pub(super) fn ctx(zone: &str) -> PlanContext {
    PlanContext::new(zone, "en")
}

/// Plans without a cap worth mentioning.
pub(super) fn plan_all(reminders: &[Reminder], ctx: &PlanContext, from: SystemTime, horizon: Duration) -> Plan {
    plan(reminders, ctx, from, horizon, 10_000).expect("a valid plan")
}

/// The local wall-clock times of a plan's notifications in `zone`.
pub(super) fn walls(plan: &Plan, zone: &str) -> Vec<String> {
    plan.notifications.iter().map(|n| wall(n.fire_at, zone)).collect()
}

pub(super) fn utcs(plan: &Plan) -> Vec<String> {
    plan.notifications.iter().map(|n| utc(n.fire_at)).collect()
}

pub(super) fn ids(plan: &Plan) -> Vec<String> {
    plan.notifications.iter().map(|n| n.id.clone()).collect()
}

/// Asserts `result` is an `InvalidInput` naming `field`.
#[track_caller]
pub(super) fn assert_invalid<T: std::fmt::Debug>(result: crate::Result<T>, field: &str) {
    match result {
        Err(crate::GutskinError::InvalidInput { field: got, reason }) => {
            assert_eq!(got, field, "wrong field (reason: {reason})");
            assert!(!reason.is_empty());
        }
        other => panic!("expected invalid {field}, got {other:?}"),
    }
}
