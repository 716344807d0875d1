//! Travel, logged slots, back-off, snooze, pause and quiet hours.

use super::*;

fn quiet(start: &str, end: &str) -> Option<QuietHours> {
    Some(QuietHours { start: start.into(), end: end.into() })
}

fn fixed(zone: &str) -> ReminderZone {
    ReminderZone::Fixed { zone: zone.into() }
}

fn logged(date: &str, slot: SlotKind) -> LoggedSlot {
    LoggedSlot { date: date.into(), slot }
}

fn snooze(reminder: u32, slot: &str, snoozed_at: &str, minutes: u32) -> Snooze {
    Snooze { notification_id: format!("{}/{slot}", id(reminder)), snoozed_at: at(snoozed_at), minutes }
}

// Travel.

#[test]
fn reminders_follow_the_user_across_zones() {
    let r = daily(1, meal(MealKind::Breakfast), &["08:00"]);
    let from = at("2026-11-24T12:00:00Z");
    let in_zone = |zone: &str| plan_all(std::slice::from_ref(&r), &ctx(zone), from, DAY);
    let berlin = in_zone("Europe/Berlin");
    let new_york = in_zone("America/New_York");
    let tokyo = in_zone("Asia/Tokyo");
    assert_eq!(utcs(&berlin), ["2026-11-25T07:00:00Z"]);
    assert_eq!(utcs(&new_york), ["2026-11-24T13:00:00Z"]);
    assert_eq!(utcs(&tokyo), ["2026-11-24T23:00:00Z"]);
    assert_eq!(wall(berlin.notifications[0].fire_at, "Europe/Berlin"), "2026-11-25 08:00");
    assert_eq!(wall(new_york.notifications[0].fire_at, "America/New_York"), "2026-11-24 08:00");
    assert_eq!(wall(tokyo.notifications[0].fire_at, "Asia/Tokyo"), "2026-11-25 08:00");
    // The same occurrence keeps its id when the user flies from Berlin to Tokyo: the phone
    // replaces the pending notification rather than adding a second one.
    assert_eq!(berlin.notifications[0].id, tokyo.notifications[0].id);
}

#[test]
fn fixed_zone_reminders_stay_on_their_zone() {
    let r = Reminder { time_zone: fixed("Europe/Berlin"), ..daily(1, dose("Levothyroxine"), &["08:00"]) };
    let from = at("2026-11-24T12:00:00Z");
    for zone in ["Europe/Berlin", "America/New_York", "Asia/Tokyo", "Australia/Sydney"] {
        let plan = plan_all(std::slice::from_ref(&r), &ctx(zone), from, DAY);
        assert_eq!(utcs(&plan), ["2026-11-25T07:00:00Z"], "user in {zone}");
        assert_eq!(plan.notifications[0].slot_date, "2026-11-25");
    }
}

#[test]
fn quiet_hours_are_the_users_local_hours_even_for_a_fixed_zone() {
    // 08:00 in Berlin is 23:00 of the day before in Los Angeles, inside 22:00-07:00 there.
    let pill = Reminder {
        time_zone: fixed("Europe/Berlin"),
        quiet_hours: quiet("22:00", "07:00"),
        ..daily(1, dose("Levothyroxine"), &["08:00"])
    };
    let breakfast = Reminder { id: id(2), kind: meal(MealKind::Breakfast), ..pill.clone() };
    let from = at("2026-11-24T16:00:00Z");
    let plan = plan_all(&[pill, breakfast], &ctx("America/Los_Angeles"), from, DAY);
    // The dose moves to 07:00 in Los Angeles; the meal reminder is skipped.
    assert_eq!(walls(&plan, "America/Los_Angeles"), ["2026-11-25 07:00"]);
    assert_eq!(plan.notifications[0].id, format!("{}/2026-11-25/08:00", id(1)));
}

// Logged slots.

#[test]
fn a_logged_meal_skips_that_days_reminder_for_that_meal() {
    let lunch = daily(1, meal(MealKind::Lunch), &["12:30"]);
    let dinner = daily(2, meal(MealKind::Dinner), &["19:00"]);
    let mut c = ctx("Europe/Berlin");
    c.logged = vec![
        logged("2026-11-25", SlotKind::Meal { meal: MealKind::Lunch }),
        logged("2026-11-26", SlotKind::Meal { meal: MealKind::Breakfast }),
    ];
    let plan = plan_all(&[lunch, dinner], &c, at("2026-11-25T00:00:00+01:00"), 2 * DAY);
    assert_eq!(walls(&plan, "Europe/Berlin"), ["2026-11-25 19:00", "2026-11-26 12:30", "2026-11-26 19:00"]);
}

#[test]
fn a_logged_check_in_or_photo_skips_its_reminder() {
    let skin = daily(1, ReminderKind::SkinCheckIn, &["09:00"]);
    let gut = daily(2, ReminderKind::GutCheckIn, &["09:05"]);
    let photo = daily(3, ReminderKind::ProgressPhoto, &["09:10"]);
    let custom = daily(4, ReminderKind::Custom { text: "Moisturise".into() }, &["09:15"]);
    let mut c = ctx("UTC");
    c.logged = vec![logged("2026-11-25", SlotKind::SkinCheckIn), logged("2026-11-25", SlotKind::ProgressPhoto)];
    let plan = plan_all(&[skin, gut, photo, custom], &c, at("2026-11-25T00:00:00Z"), DAY);
    let fired: Vec<&str> = plan.notifications.iter().map(|n| n.reminder_id.as_str()).collect();
    assert_eq!(fired, [id(2), id(4)]);
}

#[test]
fn each_logged_dose_covers_one_slot_the_earliest_first() {
    let twice = daily(1, dose("Doxycycline"), &["20:00", "08:00"]);
    let mut c = ctx("UTC");
    c.logged = vec![
        logged("2026-11-25", SlotKind::Dose { name: " doxycycline".into() }),
        logged("2026-11-26", SlotKind::Dose { name: "DOXYCYCLINE".into() }),
        logged("2026-11-26", SlotKind::Dose { name: "Doxycycline".into() }),
        logged("2026-11-27", SlotKind::Dose { name: "Zinc".into() }),
    ];
    let plan = plan_all(&[twice], &c, at("2026-11-25T00:00:00Z"), 3 * DAY);
    assert_eq!(walls(&plan, "UTC"), ["2026-11-25 20:00", "2026-11-27 08:00", "2026-11-27 20:00"]);
}

// Back-off.

#[test]
fn back_off_steps() {
    let steps: Vec<u32> = [0, 4, 5, 9, 10, 20, 21, 1000].into_iter().map(back_off_interval).collect();
    assert_eq!(steps, [1, 1, 2, 2, 3, 3, 7, 7]);
}

#[test]
fn an_ignored_reminder_backs_off_and_the_plan_says_so() {
    let r = daily(1, ReminderKind::GutCheckIn, &["09:00"]);
    let from = at("2026-11-25T00:00:00Z");
    let with_streak = |days: u32| {
        let mut c = ctx("UTC");
        c.ignored = vec![IgnoreStreak { reminder_id: id(1), consecutive_days: days }];
        plan_all(std::slice::from_ref(&r), &c, from, 21 * DAY)
    };
    assert_eq!(with_streak(4).notifications.len(), 21);
    assert!(with_streak(4).notes.is_empty());
    for (days, every, count) in [(5, 2, 10..=11), (10, 3, 7..=7), (21, 7, 3..=3)] {
        let plan = with_streak(days);
        assert!(count.contains(&plan.notifications.len()), "{days} days: {}", plan.notifications.len());
        assert_eq!(plan.notes, [PlanNote::BackedOff { reminder_id: id(1), ignored_days: days, every }]);
        let gaps: Vec<u64> = plan
            .notifications
            .windows(2)
            .map(|w| w[1].fire_at.duration_since(w[0].fire_at).unwrap().as_secs() / 86_400)
            .collect();
        assert!(gaps.iter().all(|g| *g == u64::from(every)), "{days} days: gaps {gaps:?}");
    }
    let de = PlanContext::new("UTC", "de-DE");
    assert_eq!(
        with_streak(5).notes[0].text(&de),
        "Diese Erinnerung blieb 5 Tage in Folge unbeantwortet; sie kommt jetzt nur noch an einem von 2 geplanten Tagen."
    );
}

#[test]
fn backed_off_days_do_not_depend_on_when_the_plan_is_made() {
    let r = daily(1, ReminderKind::SkinCheckIn, &["09:00"]);
    let mut c = ctx("UTC");
    c.ignored = vec![IgnoreStreak { reminder_id: id(1), consecutive_days: 12 }];
    let end = at("2026-12-15T00:00:00Z");
    let days = |from: &str| -> Vec<String> {
        let from = at(from);
        let plan = plan_all(std::slice::from_ref(&r), &c, from, end.duration_since(from).unwrap());
        plan.notifications.into_iter().map(|n| n.slot_date).collect()
    };
    let early = days("2026-11-25T00:00:00Z");
    for later in ["2026-11-26T00:00:00Z", "2026-11-27T10:00:00Z", "2026-12-01T00:00:00Z"] {
        let late = days(later);
        assert!(early.ends_with(&late), "{later}: {late:?} is not the tail of {early:?}");
    }
}

#[test]
fn back_off_thins_weekday_and_every_n_day_schedules_too() {
    let from = at("2026-11-23T00:00:00Z"); // a Monday
    let mut c = ctx("UTC");
    c.ignored = vec![
        IgnoreStreak { reminder_id: id(1), consecutive_days: 6 },
        IgnoreStreak { reminder_id: id(2), consecutive_days: 6 },
    ];
    let weekdays = Schedule::Weekdays {
        weekdays: vec![Weekday::Monday, Weekday::Wednesday, Weekday::Friday],
        times: times(&["09:00"]),
    };
    let every_other = Schedule::EveryNDays { every_days: 2, start_date: "2026-11-23".into(), times: times(&["10:00"]) };
    let plan = plan_all(
        &[reminder(1, ReminderKind::SkinCheckIn, weekdays), reminder(2, ReminderKind::GutCheckIn, every_other)],
        &c,
        from,
        28 * DAY,
    );
    let of = |n: u32| plan.notifications.iter().filter(|p| p.reminder_id == id(n)).count();
    assert_eq!(of(1), 6, "half of the 12 scheduled weekdays");
    assert_eq!(of(2), 7, "half of the 14 scheduled days");
}

// Snooze.

#[test]
fn a_snoozed_occurrence_fires_later_under_the_same_id() {
    let lunch = daily(1, meal(MealKind::Lunch), &["12:30"]);
    let mut c = ctx("UTC");
    c.snoozes = vec![snooze(1, "2026-11-25/12:30", "2026-11-25T12:31:20Z", 10)];
    let plan = plan_all(std::slice::from_ref(&lunch), &c, at("2026-11-25T12:31:20Z"), DAY);
    assert_eq!(utcs(&plan), ["2026-11-25T12:41:20Z", "2026-11-26T12:30:00Z"]);
    assert_eq!(plan.notifications[0].id, format!("{}/2026-11-25/12:30", id(1)));
    assert_eq!(plan.notifications[0].slot_time, "12:30");

    // Snoozed ahead of time: moved from its own time.
    c.snoozes = vec![snooze(1, "2026-11-25/12:30", "2026-11-25T10:00:00Z", 30)];
    let ahead = plan_all(std::slice::from_ref(&lunch), &c, at("2026-11-25T10:00:00Z"), DAY);
    assert_eq!(utcs(&ahead)[0], "2026-11-25T13:00:00Z");

    // Snoozed twice: the latest counts.
    c.snoozes = vec![
        snooze(1, "2026-11-25/12:30", "2026-11-25T12:45:00Z", 5),
        snooze(1, "2026-11-25/12:30", "2026-11-25T12:31:00Z", 10),
    ];
    let twice = plan_all(std::slice::from_ref(&lunch), &c, at("2026-11-25T12:45:00Z"), DAY);
    assert_eq!(utcs(&twice)[0], "2026-11-25T12:50:00Z");
}

#[test]
fn stale_or_covered_snoozes_are_dropped() {
    let from = at("2026-11-25T12:31:00Z");
    let mut c = ctx("UTC");
    c.snoozes = vec![
        snooze(1, "2026-11-25/12:30", "2026-11-25T12:31:00Z", 10),
        snooze(9, "2026-11-25/12:30", "2026-11-25T12:31:00Z", 10),
    ];
    // The schedule moved to 13:00: the 12:30 occurrence no longer exists.
    let moved = daily(1, meal(MealKind::Lunch), &["13:00"]);
    assert_eq!(utcs(&plan_all(&[moved], &c, from, DAY / 2)), ["2026-11-25T13:00:00Z"]);
    // Lunch was logged after snoozing.
    let lunch = daily(1, meal(MealKind::Lunch), &["12:30"]);
    c.logged = vec![logged("2026-11-25", SlotKind::Meal { meal: MealKind::Lunch })];
    assert!(plan_all(&[lunch], &c, from, DAY / 2).notifications.is_empty());
}

#[test]
fn a_snooze_brings_back_an_old_occurrence_and_beats_back_off() {
    let skin = daily(1, ReminderKind::SkinCheckIn, &["09:00"]);
    let mut c = ctx("UTC");
    c.ignored = vec![IgnoreStreak { reminder_id: id(1), consecutive_days: 30 }];
    // Acting on a notification delivered two days ago. (Backed off to one day in 7, the skin
    // reminder's own days near here are 2026-11-23 and 2026-11-30.)
    c.snoozes = vec![snooze(1, "2026-11-23/09:00", "2026-11-25T08:00:00Z", 60)];
    let plan = plan_all(&[skin], &c, at("2026-11-25T08:00:00Z"), DAY);
    assert_eq!(utcs(&plan), ["2026-11-25T09:00:00Z"]);
    assert_eq!(plan.notifications[0].slot_date, "2026-11-23");
}

#[test]
fn a_snooze_into_quiet_hours_follows_the_quiet_hours_rule() {
    let from = at("2026-11-25T21:55:00Z");
    let mut c = ctx("UTC");
    c.snoozes = vec![
        snooze(1, "2026-11-25/21:50", "2026-11-25T21:55:00Z", 15),
        snooze(2, "2026-11-25/21:50", "2026-11-25T21:55:00Z", 15),
    ];
    let snack = Reminder { quiet_hours: quiet("22:00", "07:00"), ..daily(1, meal(MealKind::Snack), &["21:50"]) };
    let pill = Reminder { quiet_hours: quiet("22:00", "07:00"), ..daily(2, dose("Melatonin"), &["21:50"]) };
    let plan = plan_all(&[snack, pill], &c, from, DAY / 2);
    assert_eq!(utcs(&plan), ["2026-11-26T07:00:00Z"]);
    assert_eq!(plan.notifications[0].reminder_id, id(2));
}

// Pause.

#[test]
fn a_pause_drops_everything_before_it() {
    let reminders = [daily(1, ReminderKind::SkinCheckIn, &["09:00"]), daily(2, dose("Zinc"), &["09:30"])];
    let mut c = ctx("Europe/Berlin");
    c.paused_until = Some(at("2026-11-27T00:00:00Z"));
    let plan = plan_all(&reminders, &c, at("2026-11-25T00:00:00Z"), 4 * DAY);
    assert_eq!(
        walls(&plan, "Europe/Berlin"),
        ["2026-11-27 09:00", "2026-11-27 09:30", "2026-11-28 09:00", "2026-11-28 09:30"]
    );
    assert_eq!(plan.notes, [PlanNote::Paused { until: at("2026-11-27T00:00:00Z") }]);
    assert_eq!(plan.notes[0].text(&c), "Reminders are paused until 2026-11-27 01:00.");

    c.paused_until = Some(at("2026-11-24T00:00:00Z"));
    let over = plan_all(&reminders, &c, at("2026-11-25T00:00:00Z"), 4 * DAY);
    assert_eq!(over.notifications.len(), 8);
    assert!(over.notes.is_empty());
}

// Quiet hours.

#[test]
fn quiet_hours_skip_meals_and_move_doses_to_their_end() {
    let snack =
        Reminder { quiet_hours: quiet("22:00", "07:00"), ..daily(1, meal(MealKind::Snack), &["12:00", "23:00"]) };
    let pill = Reminder { quiet_hours: quiet("22:00", "07:00"), ..daily(2, dose("Metformin"), &["23:00"]) };
    let plan = plan_all(&[snack, pill], &ctx("Europe/Berlin"), at("2026-11-25T00:00:00+01:00"), 2 * DAY);
    assert_eq!(
        walls(&plan, "Europe/Berlin"),
        ["2026-11-25 07:00", "2026-11-25 12:00", "2026-11-26 07:00", "2026-11-26 12:00"]
    );
    let first = &plan.notifications[0];
    assert_eq!((first.reminder_id.clone(), first.slot_date.as_str()), (id(2), "2026-11-24"));
}

#[test]
fn a_dose_moved_onto_its_own_next_slot_fires_once() {
    let pill = Reminder { quiet_hours: quiet("22:00", "07:00"), ..daily(1, dose("Metformin"), &["07:00", "23:00"]) };
    let plan = plan_all(&[pill], &ctx("UTC"), at("2026-11-25T00:00:00Z"), 2 * DAY);
    assert_eq!(ids(&plan), [format!("{}/2026-11-25/07:00", id(1)), format!("{}/2026-11-26/07:00", id(1))]);
}

#[test]
fn quiet_hours_within_a_day() {
    let pill = Reminder { quiet_hours: quiet("13:00", "14:00"), ..daily(1, dose("Iron"), &["13:30"]) };
    let call = Reminder {
        quiet_hours: quiet("13:00", "14:00"),
        ..daily(2, ReminderKind::Custom { text: "Breathe".into() }, &["13:30", "14:00"])
    };
    let plan = plan_all(&[pill, call], &ctx("UTC"), at("2026-11-25T00:00:00Z"), DAY);
    assert_eq!(utcs(&plan), ["2026-11-25T14:00:00Z", "2026-11-25T14:00:01Z"]);
}
