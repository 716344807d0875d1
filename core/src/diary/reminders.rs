//! The diary's reminders: the synced reminder records, this device's pause, snoozes and
//! notification events, and the plan the phone hands to its notification scheduler. See
//! docs/reminders.md for what the app does with it.
//!
//! The planner ([`crate::reminders::plan`]) is pure; this module builds its [`PlanContext`] from
//! the store: the profile's locale, the user's current zone, the slots the (not deleted) entries
//! and skin photos around the horizon cover, ignore streaks, snoozes and the pause.

use std::collections::{BTreeMap, HashSet};
use std::time::{Duration, SystemTime};

use uuid::Uuid;

use super::{Diary, now_ms};
use crate::error::{GutskinError, Result};
use crate::reminders::{
    IgnoreStreak, LoggedSlot, MAX_HORIZON, MAX_SNOOZE_MINUTES, NewReminder, Plan, PlanContext, PlanNote, Reminder,
    SlotKey, SlotKind, Snooze, notification_id, parse_notification_id, plan,
};
use crate::store::{
    DayRange, EVENT_ACTED_ON, EVENT_DELIVERED, EventRow, SnoozeRow, Store, StoredReminder, Write, parse_id,
};
use crate::time;

/// Delivered and acted-on events are kept this many days after their slot (ignore streaks look no
/// further back).
const REMINDER_EVENT_DAYS: i64 = 90;

/// How many days around the horizon entries are read for logged slots: a slot of the day before
/// may be moved into the plan (quiet hours, snooze), and local days differ from UTC days by up to
/// a day either way.
const LOGGED_MARGIN_DAYS: i64 = 3;

const DAY_MS: i64 = 24 * 3600 * 1000;

/// A notification id, checked and in the planner's canonical form, with its parts.
struct NotificationRef {
    id: String,
    reminder_id: Uuid,
    slot_day: i64,
}

fn notification_ref(field: &str, text: &str) -> Result<NotificationRef> {
    let (reminder, date, slot_time) = parse_notification_id(field, text.trim())?;
    let reminder_id = Uuid::try_parse(reminder)
        .map_err(|_| GutskinError::invalid(field, "is not the id of a planned notification"))?;
    let canonical = reminder_id.hyphenated().to_string();
    Ok(NotificationRef {
        id: notification_id(&canonical, date, slot_time),
        reminder_id,
        slot_day: time::day_number(date),
    })
}

/// The reminder of a row, or a storage error naming what this version cannot read.
fn known(stored: StoredReminder) -> Result<Reminder> {
    match stored {
        StoredReminder::Known(reminder) => Ok(reminder),
        StoredReminder::Unreadable { id, field, reason } => Err(GutskinError::Storage {
            detail: format!("reminder {id} has a {field} this version cannot read ({reason}); update Gutskin"),
        }),
    }
}

fn read(w: &Write<'_>, id: Uuid, text: &str) -> Result<Reminder> {
    known(w.reminder(id)?.ok_or_else(|| GutskinError::not_found("reminder", text))?)
}

impl Diary {
    /// Adds a reminder (checked first: a bad schedule is `InvalidInput` naming the field, e.g.
    /// `schedule.weekdays`, and nothing is written); returns it with its new id.
    pub fn add_reminder(&self, reminder: NewReminder) -> Result<Reminder> {
        reminder.validate()?;
        let reminder = reminder.with_id(Uuid::now_v7().hyphenated().to_string(), false);
        self.store().write(now_ms(self.clock.now()), |w| {
            w.insert_reminder(&reminder)?;
            read(w, Uuid::try_parse(&reminder.id).expect("a fresh UUID"), &reminder.id)
        })
    }

    /// Replaces a reminder's fields (checked first); only changed fields are written and synced.
    pub fn update_reminder(&self, id: &str, reminder: NewReminder) -> Result<Reminder> {
        let uuid = parse_id("id", id)?;
        reminder.validate()?;
        self.store().write(now_ms(self.clock.now()), |w| {
            let current = w.reminder(uuid)?.ok_or_else(|| GutskinError::not_found("reminder", id))?;
            w.update_reminder(uuid, &current, &reminder)?;
            read(w, uuid, id)
        })
    }

    /// Marks a reminder deleted: it is no longer planned. Undo with `undelete_reminder`.
    pub fn delete_reminder(&self, id: &str) -> Result<Reminder> {
        self.set_reminder_deleted(id, true)
    }

    pub fn undelete_reminder(&self, id: &str) -> Result<Reminder> {
        self.set_reminder_deleted(id, false)
    }

    fn set_reminder_deleted(&self, id: &str, deleted: bool) -> Result<Reminder> {
        let uuid = parse_id("id", id)?;
        self.store().write(now_ms(self.clock.now()), |w| {
            if !w.reminder_exists(uuid)? {
                return Err(GutskinError::not_found("reminder", id));
            }
            w.set_reminder_deleted(uuid, deleted)?;
            read(w, uuid, id)
        })
    }

    /// One reminder, deleted or not.
    pub fn reminder(&self, id: &str) -> Result<Reminder> {
        let uuid = parse_id("id", id)?;
        known(self.store().reminder(uuid)?.ok_or_else(|| GutskinError::not_found("reminder", id))?)
    }

    /// The reminders in the order they were added, deleted ones only if asked for. Reminders this
    /// version cannot read (written by a newer Gutskin) are left out.
    pub fn reminders(&self, include_deleted: bool) -> Result<Vec<Reminder>> {
        let stored = self.store().reminders(include_deleted)?;
        Ok(stored
            .into_iter()
            .filter_map(|r| match r {
                StoredReminder::Known(reminder) => Some(reminder),
                StoredReminder::Unreadable { .. } => None,
            })
            .collect())
    }

    /// Pauses every reminder on this device until `until` (later than now): nothing is planned
    /// before it. The pause is this device's own and does not sync.
    pub fn pause_reminders(&self, until: SystemTime) -> Result<()> {
        let now = self.clock.now();
        if until <= now {
            return Err(GutskinError::invalid("until", "must be later than now"));
        }
        if until > now + MAX_HORIZON {
            return Err(GutskinError::invalid("until", "reminders can be paused for at most 366 days"));
        }
        let until = time::to_millis(until);
        self.store().write(now_ms(now), |w| w.set_reminder_pause(Some(until)))
    }

    /// Ends a pause (nothing happens if there is none).
    pub fn resume_reminders(&self) -> Result<()> {
        self.store().write(now_ms(self.clock.now()), |w| w.set_reminder_pause(None))
    }

    /// Until when this device's reminders are paused; `None` when they are not (or no longer).
    pub fn reminders_paused_until(&self) -> Result<Option<SystemTime>> {
        let now = time::to_millis(self.clock.now());
        Ok(self.store().reminder_pause()?.filter(|until| *until > now).map(time::from_millis))
    }

    /// Moves one planned occurrence `minutes` (1 to 1440) later: from its own time, or from now if
    /// that is later ("again in 10 minutes"). It keeps its id; a second snooze replaces the first.
    /// This device's own state: it does not sync. Re-plan afterwards.
    pub fn snooze_notification(&self, notification_id: &str, minutes: u32) -> Result<()> {
        let target = notification_ref("notification_id", notification_id)?;
        if minutes == 0 || minutes > MAX_SNOOZE_MINUTES {
            return Err(GutskinError::invalid(
                "minutes",
                format!("must be from 1 to {MAX_SNOOZE_MINUTES} minutes, not {minutes}"),
            ));
        }
        let now = self.clock.now();
        let now_ms_signed = time::to_millis(now);
        let today = time::day_number(time::to_utc(now).date_naive());
        let row = SnoozeRow {
            notification_id: target.id,
            reminder_id: target.reminder_id,
            slot_day: target.slot_day,
            snoozed_at_ms: now_ms_signed,
            minutes,
        };
        self.store().write(now_ms(now), |w| {
            w.put_snooze(&row)?;
            // A snooze moves a slot by at most a day from its own time or the snooze: these have fired.
            w.prune_snoozes(today - LOGGED_MARGIN_DAYS, now_ms_signed - 2 * DAY_MS)
        })
    }

    /// Records that the phone showed a notification of the plan. Days on which a reminder was
    /// delivered but neither acted on nor its slot logged count towards its ignore streak (and
    /// back-off). This device's own state: it does not sync. The reminder need not exist any more.
    pub fn notification_delivered(&self, notification_id: &str, at: SystemTime) -> Result<()> {
        self.record_event(notification_id, EVENT_DELIVERED, at)
    }

    /// Records that the user tapped a notification or one of its actions: its day is answered, and
    /// a snooze of it is dropped.
    pub fn notification_acted_on(&self, notification_id: &str, at: SystemTime) -> Result<()> {
        self.record_event(notification_id, EVENT_ACTED_ON, at)
    }

    fn record_event(&self, notification_id: &str, event: i64, at: SystemTime) -> Result<()> {
        let target = notification_ref("notification_id", notification_id)?;
        let now = self.clock.now();
        // When the phone showed it or the user tapped it: not before 2000, nor days ahead.
        let at = crate::validate::taken_at("at", at, now)?;
        let now_ms_signed = time::to_millis(now);
        let today = time::day_number(time::to_utc(now).date_naive());
        let row = EventRow {
            notification_id: target.id,
            event,
            reminder_id: target.reminder_id,
            slot_day: target.slot_day,
            at_ms: time::to_millis(at),
        };
        self.store().write(now_ms(now), |w| {
            w.add_reminder_event(&row)?;
            if event == EVENT_ACTED_ON {
                w.remove_snooze(&row.notification_id)?;
            }
            w.prune_snoozes(today - LOGGED_MARGIN_DAYS, now_ms_signed - 2 * DAY_MS)?;
            w.prune_reminder_events(today - REMINDER_EVENT_DAYS)
        })
    }

    /// The notifications to schedule: those after `from` and no later than `from + horizon` (at
    /// most 366 days), at most `cap` of them, for a user now in `time_zone` (IANA). Read-only.
    /// Re-plan, and replace everything pending, after every change to a reminder, a pause or a
    /// snooze, a sync, a time-zone change, a delivery or a tap, and after logging (docs/reminders.md).
    pub fn plan_reminders(&self, from: SystemTime, horizon: Duration, cap: usize, time_zone: &str) -> Result<Plan> {
        let zone = time::parse_zone("time_zone", time_zone)?;
        let from_day = time::day_number(time::local_date_in_zone(from, zone));
        let end = from.checked_add(horizon.min(MAX_HORIZON)).unwrap_or(from);
        let end_day = time::day_number(time::local_date_in_zone(end, zone));
        let (reminders, unreadable, ctx) = {
            let store = self.store();
            let mut reminders = Vec::new();
            let mut unreadable = Vec::new();
            for stored in store.reminders(false)? {
                match stored {
                    StoredReminder::Known(reminder) => reminders.push(reminder),
                    StoredReminder::Unreadable { id, field, reason } => {
                        unreadable.push(PlanNote::InvalidReminder { reminder_id: id, field: field.into(), reason });
                    }
                }
            }
            let ctx = plan_context(&store, &reminders, zone, time_zone, from_day, end_day)?;
            (reminders, unreadable, ctx)
        };
        let mut plan = plan(&reminders, &ctx, from, horizon, cap)?;
        plan.notes.extend(unreadable);
        Ok(plan)
    }
}

/// The planner's context, from the store.
fn plan_context(
    store: &Store,
    reminders: &[Reminder],
    zone: chrono_tz::Tz,
    time_zone: &str,
    from_day: i64,
    end_day: i64,
) -> Result<PlanContext> {
    let events = store.reminder_events(from_day - REMINDER_EVENT_DAYS)?;
    let first_event_day = events.iter().map(|e| e.slot_day).min().unwrap_or(from_day);
    let days =
        DayRange { first: first_event_day.min(from_day) - LOGGED_MARGIN_DAYS, last: end_day + LOGGED_MARGIN_DAYS };
    let mut logged: Vec<(i64, SlotKind)> = store.logged_slots(days)?;
    // Progress photos: skin photos, on the date they were taken where the user is now.
    for taken_at in store.skin_photo_times((days.first - 1) * DAY_MS, (days.last + 2) * DAY_MS)? {
        let day = time::day_number(time::local_date_in_zone(time::from_millis(taken_at), zone));
        if (days.first..=days.last).contains(&day) {
            logged.push((day, SlotKind::ProgressPhoto));
        }
    }
    let answered: HashSet<(i64, SlotKey)> = logged.iter().map(|(day, slot)| (*day, SlotKey::of_logged(slot))).collect();
    let plan_days = from_day - LOGGED_MARGIN_DAYS..=end_day + LOGGED_MARGIN_DAYS;
    let logged = logged
        .into_iter()
        .filter(|(day, _)| plan_days.contains(day))
        .map(|(day, slot)| LoggedSlot { date: time::format_date(time::date_from_day_number(day)), slot })
        .collect();

    let snoozes = store
        .snoozes()?
        .into_iter()
        .map(|s| Snooze {
            notification_id: s.notification_id,
            snoozed_at: time::from_millis(s.snoozed_at_ms),
            minutes: s.minutes,
        })
        .collect();
    Ok(PlanContext {
        time_zone: time_zone.to_string(),
        locale: store.profile()?.locale,
        logged,
        ignored: ignore_streaks(reminders, &events, &answered, from_day),
        snoozes,
        paused_until: store.reminder_pause()?.map(time::from_millis),
    })
}

/// Per reminder, how many of the latest days on which it was delivered went unanswered in a row:
/// neither acted on nor its slot logged that day. Days before `today` only (today is not over);
/// days on which it was not delivered (not scheduled, backed off, paused) neither count nor break
/// the streak, so a backed-off reminder stays backed off until it is answered.
fn ignore_streaks(
    reminders: &[Reminder],
    events: &[EventRow],
    answered: &HashSet<(i64, SlotKey)>,
    today: i64,
) -> Vec<IgnoreStreak> {
    let mut streaks = Vec::new();
    for reminder in reminders {
        let Ok(id) = Uuid::try_parse(&reminder.id) else { continue };
        let slot = SlotKey::of(&reminder.kind);
        // day -> (delivered, acted on)
        let mut days: BTreeMap<i64, (bool, bool)> = BTreeMap::new();
        for event in events.iter().filter(|e| e.reminder_id == id && e.slot_day < today) {
            let day = days.entry(event.slot_day).or_default();
            if event.event == EVENT_DELIVERED {
                day.0 = true;
            } else {
                day.1 = true;
            }
        }
        let mut ignored = 0u32;
        for (day, (delivered, acted_on)) in days.into_iter().rev() {
            let logged = slot.as_ref().is_some_and(|slot| answered.contains(&(day, slot.clone())));
            if acted_on || logged {
                break;
            }
            if delivered {
                ignored += 1;
            }
        }
        if ignored > 0 {
            streaks.push(IgnoreStreak { reminder_id: reminder.id.clone(), consecutive_days: ignored });
        }
    }
    streaks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::reminders::{ReminderKind, Schedule};

    /// A reminder synced from a newer Gutskin with a kind this version does not know is kept, left
    /// out of lists and plans (with a note), and can be overwritten by an edit made here.
    #[test]
    fn a_reminder_this_version_cannot_read_is_noted_not_fatal() {
        let d = Diary::open_in_memory().unwrap();
        let lunch = NewReminder::new(
            ReminderKind::Meal { meal: crate::model::MealKind::Lunch },
            Schedule::Daily { times: vec!["12:30".into()] },
        );
        let known = d.add_reminder(lunch.clone()).unwrap();
        let newer = d.add_reminder(lunch.clone()).unwrap();
        let id = Uuid::try_parse(&newer.id).unwrap();
        d.with_store(|s| {
            s.execute_for_test(&format!(
                "UPDATE reminders SET kind = '{{\"type\":\"nap\"}}' WHERE id = x'{}'",
                id.simple()
            ))
        });
        assert_eq!(d.reminders(true).unwrap(), vec![known.clone()]);
        assert!(matches!(d.reminder(&newer.id), Err(GutskinError::Storage { .. })));
        let plan = d.plan_reminders(d.now(), Duration::from_secs(24 * 3600), 64, "Europe/Berlin").unwrap();
        assert_eq!(plan.notifications.len(), 1);
        assert!(
            matches!(&plan.notes[..], [PlanNote::InvalidReminder { reminder_id, field, .. }]
                if *reminder_id == newer.id && field == "kind"),
            "{:?}",
            plan.notes
        );
        assert_eq!(d.update_reminder(&newer.id, lunch).unwrap(), newer);
        assert_eq!(d.reminders(false).unwrap().len(), 2);
    }

    struct ManualClock(std::sync::Mutex<SystemTime>);

    impl crate::Clock for ManualClock {
        fn now(&self) -> SystemTime {
            *self.0.lock().unwrap()
        }
    }

    /// Snoozes are dropped once long past, events after 90 days: this device's state stays small.
    #[test]
    fn old_snoozes_and_events_are_pruned() {
        let start = time::from_millis(1_795_000_000_000); // 2026-11-18
        let clock = std::sync::Arc::new(ManualClock(std::sync::Mutex::new(start)));
        let d = Diary::open_with_clock(None, clock.clone()).unwrap();
        let id = "019ac0de-0000-7000-8000-000000000001";
        let day = |n: i64| {
            time::format_date(time::date_from_day_number(time::day_number(time::to_utc(start).date_naive()) + n))
        };
        d.snooze_notification(&format!("{id}/{}/08:00", day(0)), 10).unwrap();
        d.notification_delivered(&format!("{id}/{}/08:00", day(0)), start).unwrap();
        let counts =
            |d: &Diary| d.with_store(|s| (s.snoozes().unwrap().len(), s.reminder_events(i64::MIN).unwrap().len()));
        assert_eq!(counts(&d), (1, 1));

        *clock.0.lock().unwrap() = start + Duration::from_secs(5 * 86_400);
        d.snooze_notification(&format!("{id}/{}/08:00", day(5)), 10).unwrap();
        assert_eq!(counts(&d), (1, 1), "the snooze of five days ago is gone");
        *clock.0.lock().unwrap() = start + Duration::from_secs(95 * 86_400);
        d.notification_acted_on(&format!("{id}/{}/08:00", day(95)), d.now()).unwrap();
        assert_eq!(counts(&d), (0, 1), "the delivery of 95 days ago is gone; acting dropped the last snooze");
    }
}
