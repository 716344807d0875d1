use super::*;

// 2026-11-25 is a Wednesday; Europe/Berlin is on CET (UTC+1) then.

#[test]
fn daily_fires_at_each_time_every_day_in_order() {
    let r = daily(1, ReminderKind::SkinCheckIn, &["20:00", "08:00"]);
    let plan = plan_all(&[r], &ctx("Europe/Berlin"), at("2026-11-25T00:00:00+01:00"), 3 * DAY);
    assert_eq!(
        walls(&plan, "Europe/Berlin"),
        [
            "2026-11-25 08:00",
            "2026-11-25 20:00",
            "2026-11-26 08:00",
            "2026-11-26 20:00",
            "2026-11-27 08:00",
            "2026-11-27 20:00"
        ]
    );
    let first = &plan.notifications[0];
    assert_eq!(first.id, format!("{}/2026-11-25/08:00", id(1)));
    assert_eq!(first.reminder_id, id(1));
    assert_eq!((first.slot_date.as_str(), first.slot_time.as_str()), ("2026-11-25", "08:00"));
    assert_eq!(utc(first.fire_at), "2026-11-25T07:00:00Z");
    assert!(plan.notes.is_empty());
}

#[test]
fn weekdays_fire_on_the_chosen_days_only() {
    let schedule = Schedule::Weekdays { weekdays: vec![Weekday::Thursday, Weekday::Monday], times: times(&["09:00"]) };
    let plan = plan_all(
        &[reminder(1, ReminderKind::ProgressPhoto, schedule)],
        &ctx("UTC"),
        at("2026-11-25T00:00:00Z"),
        14 * DAY,
    );
    assert_eq!(walls(&plan, "UTC"), ["2026-11-26 09:00", "2026-11-30 09:00", "2026-12-03 09:00", "2026-12-07 09:00"]);
}

#[test]
fn every_n_days_counts_from_its_start_date() {
    let every = |n: u32, start: &str| {
        reminder(
            1,
            ReminderKind::GutCheckIn,
            Schedule::EveryNDays { every_days: n, start_date: start.into(), times: times(&["07:30"]) },
        )
    };
    let from = at("2026-11-25T00:00:00Z");
    let started = plan_all(&[every(3, "2026-11-20")], &ctx("UTC"), from, 10 * DAY);
    assert_eq!(walls(&started, "UTC"), ["2026-11-26 07:30", "2026-11-29 07:30", "2026-12-02 07:30"]);
    let not_yet = plan_all(&[every(2, "2026-12-01")], &ctx("UTC"), from, 10 * DAY);
    assert_eq!(walls(&not_yet, "UTC"), ["2026-12-01 07:30", "2026-12-03 07:30"]);
    let daily = plan_all(&[every(1, "2026-01-01")], &ctx("UTC"), from, 2 * DAY);
    assert_eq!(walls(&daily, "UTC"), ["2026-11-25 07:30", "2026-11-26 07:30"]);
}

#[test]
fn a_course_fires_within_its_dates_and_then_ends() {
    let course = reminder(
        1,
        ReminderKind::Dose { dose: DoseKind::Medicine, name: "Amoxicillin".into() },
        Schedule::Course {
            start_date: "2026-11-24".into(),
            end_date: "2026-11-26".into(),
            times: times(&["08:00", "20:00"]),
        },
    );
    let c = ctx("UTC");
    let during = plan_all(std::slice::from_ref(&course), &c, at("2026-11-25T00:00:00Z"), 7 * DAY);
    assert_eq!(walls(&during, "UTC"), ["2026-11-25 08:00", "2026-11-25 20:00", "2026-11-26 08:00", "2026-11-26 20:00"]);
    assert!(during.notes.is_empty());

    let before = plan_all(std::slice::from_ref(&course), &c, at("2026-11-20T00:00:00Z"), 5 * DAY);
    assert_eq!(walls(&before, "UTC"), ["2026-11-24 08:00", "2026-11-24 20:00"]);

    let after = plan_all(std::slice::from_ref(&course), &c, at("2026-11-27T00:00:00Z"), 7 * DAY);
    assert!(after.notifications.is_empty());
    assert_eq!(after.notes, [PlanNote::CourseEnded { reminder_id: id(1), end_date: "2026-11-26".into() }]);
    assert_eq!(after.notes[0].text(&c), "The course ended on 2026-11-26; this reminder no longer comes.");
}

#[test]
fn the_window_excludes_from_and_includes_its_end() {
    let r = daily(1, ReminderKind::SkinCheckIn, &["12:00"]);
    let plan = plan_all(&[r], &ctx("UTC"), at("2026-11-25T12:00:00Z"), DAY);
    assert_eq!(utcs(&plan), ["2026-11-26T12:00:00Z"]);
    let none = plan_all(
        &[daily(1, ReminderKind::SkinCheckIn, &["12:00"])],
        &ctx("UTC"),
        at("2026-11-25T12:00:00Z"),
        Duration::ZERO,
    );
    assert!(none.notifications.is_empty());
}

#[test]
fn the_cap_keeps_the_earliest_and_says_how_many_were_left_out() {
    let hourly: Vec<String> = (0..24).map(|h| format!("{h:02}:00")).collect();
    let r = reminder(1, ReminderKind::Custom { text: "Drink water".into() }, Schedule::Daily { times: hourly });
    let from = at("2026-11-25T00:30:00Z");
    let capped = plan(std::slice::from_ref(&r), &ctx("UTC"), from, 5 * DAY, 64).unwrap();
    assert_eq!(capped.notifications.len(), 64);
    assert_eq!(utc(capped.notifications[0].fire_at), "2026-11-25T01:00:00Z");
    assert_eq!(utc(capped.notifications[63].fire_at), "2026-11-27T16:00:00Z");
    assert_eq!(capped.notes, [PlanNote::Capped { cap: 64, left_out: 120 - 64 }]);
    let full = plan_all(std::slice::from_ref(&r), &ctx("UTC"), from, 5 * DAY);
    assert_eq!(capped.notifications[..], full.notifications[..64]);

    let zero = plan(&[r], &ctx("UTC"), from, DAY, 0).unwrap();
    assert!(zero.notifications.is_empty());
    assert_eq!(zero.notes, [PlanNote::Capped { cap: 0, left_out: 24 }]);
}

#[test]
fn ties_are_broken_by_reminder_id_a_second_apart() {
    let skin = daily(1, ReminderKind::SkinCheckIn, &["08:00"]);
    let gut = daily(2, ReminderKind::GutCheckIn, &["08:00"]);
    let pill = daily(3, dose("Zinc"), &["08:00"]);
    let from = at("2026-11-25T00:00:00Z");
    let plan_a = plan_all(&[pill.clone(), gut.clone(), skin.clone()], &ctx("UTC"), from, DAY);
    let plan_b = plan_all(&[skin, pill, gut], &ctx("UTC"), from, DAY);
    assert_eq!(plan_a, plan_b);
    assert_eq!(utcs(&plan_a), ["2026-11-25T08:00:00Z", "2026-11-25T08:00:01Z", "2026-11-25T08:00:02Z"]);
    let order: Vec<&str> = plan_a.notifications.iter().map(|n| n.reminder_id.as_str()).collect();
    assert_eq!(order, [id(1), id(2), id(3)]);
}

#[test]
fn re_planning_later_keeps_ids_and_instants() {
    let reminders = [
        daily(1, meal(MealKind::Breakfast), &["07:30"]),
        daily(2, meal(MealKind::Lunch), &["12:30"]),
        daily(3, ReminderKind::SkinCheckIn, &["12:30", "21:00"]),
    ];
    let c = ctx("Europe/Berlin");
    let end = at("2026-11-28T00:00:00Z");
    let early_from = at("2026-11-25T00:00:00Z");
    let late_from = at("2026-11-26T12:30:00+01:00");
    let early = plan_all(&reminders, &c, early_from, end.duration_since(early_from).unwrap());
    let late = plan_all(&reminders, &c, late_from, end.duration_since(late_from).unwrap());
    let tail: Vec<_> = early.notifications.iter().filter(|n| n.fire_at > late_from).cloned().collect();
    assert_eq!(late.notifications, tail);
    assert!(!tail.is_empty());
}

#[test]
fn disabled_reminders_do_not_fire() {
    let r = Reminder { enabled: false, ..daily(1, ReminderKind::SkinCheckIn, &["08:00"]) };
    let plan = plan_all(&[r], &ctx("UTC"), at("2026-11-25T00:00:00Z"), 7 * DAY);
    assert_eq!(plan, Plan { notifications: vec![], notes: vec![] });
}

#[test]
fn texts_come_from_the_catalogue_in_the_users_language() {
    let reminders = [
        daily(1, meal(MealKind::Lunch), &["12:00"]),
        daily(2, ReminderKind::SkinCheckIn, &["12:01"]),
        daily(3, ReminderKind::Dose { dose: DoseKind::Probiotic, name: " Lactobacillus ".into() }, &["12:02"]),
        daily(4, ReminderKind::Custom { text: "Stretch for five minutes".into() }, &["12:03"]),
        Reminder {
            title: Some("Mittag".into()),
            body: Some("Was gab es?".into()),
            ..daily(5, meal(MealKind::Lunch), &["12:04"])
        },
    ];
    let from = at("2026-11-25T00:00:00Z");
    let texts = |locale: &str| -> Vec<(String, String)> {
        let c = PlanContext::new("UTC", locale);
        plan_all(&reminders, &c, from, DAY).notifications.into_iter().map(|n| (n.title, n.body)).collect()
    };
    let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
        list.iter().map(|(t, b)| (t.to_string(), b.to_string())).collect()
    };
    assert_eq!(
        texts("en-GB"),
        pairs(&[
            ("Lunch", "Time for your lunch log?"),
            ("Skin check-in", "How is your skin today?"),
            ("Lactobacillus", "Time for your probiotic?"),
            ("Reminder", "Stretch for five minutes"),
            ("Mittag", "Was gab es?"),
        ])
    );
    assert_eq!(
        texts("de-AT"),
        pairs(&[
            ("Mittagessen", "Zeit, dein Mittagessen einzutragen?"),
            ("Haut-Check-in", "Wie geht es deiner Haut heute?"),
            ("Lactobacillus", "Zeit für dein Probiotikum?"),
            ("Erinnerung", "Stretch for five minutes"),
            ("Mittag", "Was gab es?"),
        ])
    );
    assert_eq!(texts("fr"), texts("en"));
}

#[test]
fn a_realistic_week_fits_the_ios_cap() {
    let quiet = Some(QuietHours { start: "22:00".into(), end: "07:00".into() });
    let reminders = [
        Reminder { quiet_hours: quiet.clone(), ..daily(1, meal(MealKind::Breakfast), &["07:30"]) },
        Reminder { quiet_hours: quiet.clone(), ..daily(2, meal(MealKind::Lunch), &["12:30"]) },
        Reminder { quiet_hours: quiet.clone(), ..daily(3, meal(MealKind::Dinner), &["19:00"]) },
        Reminder { quiet_hours: quiet.clone(), ..daily(4, ReminderKind::SkinCheckIn, &["21:00"]) },
        Reminder {
            quiet_hours: quiet,
            ..reminder(
                5,
                ReminderKind::Dose { dose: DoseKind::Probiotic, name: "Lactobacillus".into() },
                Schedule::Course {
                    start_date: "2026-11-20".into(),
                    end_date: "2026-12-19".into(),
                    times: times(&["08:00"]),
                },
            )
        },
        reminder(
            6,
            ReminderKind::ProgressPhoto,
            Schedule::Weekdays { weekdays: vec![Weekday::Sunday], times: times(&["10:00"]) },
        ),
    ];
    let c = PlanContext::new("Europe/Berlin", "de-DE");
    let week = plan(&reminders, &c, at("2026-11-23T00:00:00+01:00"), 7 * DAY, 64).unwrap();
    assert_eq!(week.notifications.len(), 7 * 5 + 1);
    assert!(week.notes.is_empty());
    let sunday: Vec<String> = week
        .notifications
        .iter()
        .filter(|n| n.slot_date == "2026-11-29")
        .map(|n| format!("{} {}", n.slot_time, n.title))
        .collect();
    assert_eq!(
        sunday,
        [
            "07:30 Frühstück",
            "08:00 Lactobacillus",
            "10:00 Fortschrittsfoto",
            "12:30 Mittagessen",
            "19:00 Abendessen",
            "21:00 Haut-Check-in"
        ]
    );
}
