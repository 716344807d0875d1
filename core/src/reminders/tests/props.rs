//! Properties of every plan: strictly increasing instants inside the window, nothing inside quiet
//! hours or a pause, within the cap, never two notifications for one slot, stable on re-planning.

use std::collections::HashSet;

use chrono::{NaiveDate, NaiveTime, TimeDelta};
use proptest::prelude::*;
use proptest::sample::select;

use super::*;

/// Zones with gaps and overlaps in both hemispheres, half-hour and 45-minute offsets, and a
/// change at midnight.
const ZONES: &[&str] = &[
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "America/St_Johns",
    "America/Santiago",
    "Australia/Sydney",
    "Australia/Lord_Howe",
    "Pacific/Auckland",
    "Pacific/Chatham",
    "Asia/Kolkata",
];

/// Times that often meet a daylight-saving change, quiet hours or each other, and any other.
fn hhmm() -> impl Strategy<Value = String> {
    let common =
        select(&["00:30", "01:30", "02:00", "02:30", "03:00", "07:00", "08:00", "12:30", "22:00", "23:30"][..]);
    prop_oneof![
        3 => common.prop_map(str::to_string),
        1 => (0u32..24, 0u32..60).prop_map(|(h, m)| format!("{h:02}:{m:02}")),
    ]
}

fn time_list() -> impl Strategy<Value = Vec<String>> {
    prop::collection::btree_set(hhmm(), 1..4).prop_map(|set| set.into_iter().collect())
}

fn day_text(day: NaiveDate, offset: i64) -> String {
    (day + TimeDelta::days(offset)).format("%Y-%m-%d").to_string()
}

fn kind() -> impl Strategy<Value = ReminderKind> {
    let meals = select(&[MealKind::Breakfast, MealKind::Lunch, MealKind::Dinner, MealKind::Snack, MealKind::Drink][..]);
    let doses = select(&[DoseKind::Probiotic, DoseKind::Supplement, DoseKind::Medicine][..]);
    prop_oneof![
        meals.prop_map(|meal| ReminderKind::Meal { meal }),
        Just(ReminderKind::SkinCheckIn),
        Just(ReminderKind::GutCheckIn),
        (doses, select(&["Zinc", "Doxycycline"][..]))
            .prop_map(|(dose, name)| ReminderKind::Dose { dose, name: name.to_string() }),
        Just(ReminderKind::ProgressPhoto),
        Just(ReminderKind::Custom { text: "Stretch".to_string() }),
    ]
}

fn schedule(day: NaiveDate) -> impl Strategy<Value = Schedule> {
    const WEEK: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];
    prop_oneof![
        time_list().prop_map(|times| Schedule::Daily { times }),
        (prop::collection::btree_set(0usize..7, 1..=7), time_list()).prop_map(|(days, times)| {
            Schedule::Weekdays { weekdays: days.into_iter().map(|d| WEEK[d]).collect(), times }
        }),
        (1u32..10, -20i64..10, time_list()).prop_map(move |(every_days, start, times)| {
            Schedule::EveryNDays { every_days, start_date: day_text(day, start), times }
        }),
        (-15i64..15, 0i64..20, time_list()).prop_map(move |(start, length, times)| {
            Schedule::Course { start_date: day_text(day, start), end_date: day_text(day, start + length), times }
        }),
    ]
}

fn reminders(day: NaiveDate) -> impl Strategy<Value = Vec<Reminder>> {
    let quiet = prop::option::of((hhmm(), hhmm()).prop_map(|(start, end)| QuietHours { start, end }));
    let zone = prop_oneof![
        3 => Just(ReminderZone::FollowUser),
        1 => select(ZONES).prop_map(|zone| ReminderZone::Fixed { zone: zone.to_string() }),
    ];
    let one = (kind(), schedule(day), quiet, zone, prop::bool::weighted(0.9)).prop_map(
        |(kind, schedule, quiet_hours, time_zone, enabled)| Reminder {
            quiet_hours,
            time_zone,
            enabled,
            ..reminder(0, kind, schedule)
        },
    );
    prop::collection::vec(one, 0..6).prop_map(|list| {
        list.into_iter()
            .enumerate()
            .map(|(i, r)| Reminder { id: id(i as u32), ..r })
            .filter(|r| r.validate().is_ok())
            .collect()
    })
}

fn slot_kind() -> impl Strategy<Value = SlotKind> {
    prop_oneof![
        select(&[MealKind::Breakfast, MealKind::Lunch, MealKind::Snack][..]).prop_map(|meal| SlotKind::Meal { meal }),
        Just(SlotKind::SkinCheckIn),
        Just(SlotKind::GutCheckIn),
        select(&["zinc", "Doxycycline"][..]).prop_map(|name| SlotKind::Dose { name: name.to_string() }),
        Just(SlotKind::ProgressPhoto),
    ]
}

fn context(day: NaiveDate, from: SystemTime, with_snoozes: bool) -> impl Strategy<Value = PlanContext> {
    let logged = prop::collection::vec((-3i64..15, slot_kind()), 0..8);
    let ignored = prop::collection::vec((0u32..6, 0u32..30), 0..4);
    let snoozes = prop::collection::vec((0u32..6, -2i64..3, hhmm(), -7200i64..7200, 1u32..180), 0..4);
    let paused = prop::option::of(-86_400i64..5 * 86_400);
    (select(ZONES), select(&["en", "de-DE"][..]), logged, ignored, snoozes, paused).prop_map(
        move |(zone, locale, logged, ignored, snoozes, paused)| {
            let shift = |secs: i64| {
                if secs >= 0 {
                    from + Duration::from_secs(secs as u64)
                } else {
                    from - Duration::from_secs((-secs) as u64)
                }
            };
            PlanContext {
                time_zone: zone.to_string(),
                locale: locale.to_string(),
                logged: logged.into_iter().map(|(d, slot)| LoggedSlot { date: day_text(day, d), slot }).collect(),
                ignored: ignored
                    .into_iter()
                    .map(|(r, days)| IgnoreStreak { reminder_id: id(r), consecutive_days: days })
                    .collect(),
                snoozes: if with_snoozes {
                    snoozes
                        .into_iter()
                        .map(|(r, d, time, at, minutes)| Snooze {
                            notification_id: format!("{}/{}/{time}", id(r), day_text(day, d)),
                            snoozed_at: shift(at),
                            minutes,
                        })
                        .collect()
                } else {
                    vec![]
                },
                paused_until: paused.map(shift),
            }
        },
    )
}

/// A plan's inputs: `from` is 30 seconds past a whole minute somewhere in 2026.
fn inputs(with_snoozes: bool) -> impl Strategy<Value = (Vec<Reminder>, PlanContext, SystemTime, Duration, usize)> {
    (0u64..365 * 24 * 60).prop_flat_map(move |minute| {
        let from = at("2026-01-01T00:00:30Z") + Duration::from_secs(minute * 60);
        let day = DateTime::<Utc>::from(from).date_naive();
        let horizon = (0u64..15 * 24 * 3600).prop_map(Duration::from_secs);
        (reminders(day), context(day, from, with_snoozes), Just(from), horizon, 0usize..80)
    })
}

fn quiet_contains(quiet: &QuietHours, time: NaiveTime) -> bool {
    let start = NaiveTime::parse_from_str(&quiet.start, "%H:%M").unwrap();
    let end = NaiveTime::parse_from_str(&quiet.end, "%H:%M").unwrap();
    if start < end { start <= time && time < end } else { time >= start || time < end }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn every_plan_keeps_the_rules((reminders, ctx, from, horizon, cap) in inputs(true)) {
        let plan = plan(&reminders, &ctx, from, horizon, cap).unwrap();
        let zone: Tz = ctx.time_zone.parse().unwrap();
        prop_assert!(plan.notifications.len() <= cap);
        let mut slots = HashSet::new();
        for pair in plan.notifications.windows(2) {
            prop_assert!(pair[0].fire_at < pair[1].fire_at, "not strictly increasing: {:?}", pair);
        }
        for n in &plan.notifications {
            prop_assert!(from < n.fire_at && n.fire_at <= from + horizon, "{} outside the window", utc(n.fire_at));
            if let Some(until) = ctx.paused_until {
                prop_assert!(n.fire_at >= until, "{} during the pause", utc(n.fire_at));
            }
            let r = reminders.iter().find(|r| r.id == n.reminder_id).expect("planned for a known reminder");
            prop_assert!(r.enabled);
            if let Some(quiet) = &r.quiet_hours {
                let local = DateTime::<Utc>::from(n.fire_at).with_timezone(&zone).time();
                prop_assert!(!quiet_contains(quiet, local), "{} inside quiet hours {:?}", wall(n.fire_at, &ctx.time_zone), quiet);
            }
            prop_assert!(r.schedule.times().contains(&n.slot_time));
            prop_assert_eq!(&n.id, &format!("{}/{}/{}", n.reminder_id, n.slot_date, n.slot_time));
            prop_assert!(slots.insert(n.id.clone()), "two notifications for slot {}", n.id);
        }
        prop_assert_eq!(&plan, &super::plan(&reminders, &ctx, from, horizon, cap).unwrap());
    }

    #[test]
    fn re_planning_later_gives_the_same_notifications(
        (reminders, ctx, from, horizon, _) in inputs(false),
        later in 0u64..15 * 24 * 60,
    ) {
        let end = from + horizon;
        let later_from = from + Duration::from_secs(later * 60).min(horizon);
        let early = plan(&reminders, &ctx, from, horizon, usize::MAX).unwrap();
        let late = plan(&reminders, &ctx, later_from, end.duration_since(later_from).unwrap(), usize::MAX).unwrap();
        let tail: Vec<_> = early.notifications.into_iter().filter(|n| n.fire_at > later_from).collect();
        prop_assert_eq!(late.notifications, tail);
    }
}
