use super::*;

fn lunch() -> Reminder {
    daily(1, meal(MealKind::Lunch), &["12:30"])
}

fn with_schedule(schedule: Schedule) -> Reminder {
    Reminder { schedule, ..lunch() }
}

#[test]
fn every_kind_and_schedule_can_be_valid() {
    let kinds = [
        meal(MealKind::Breakfast),
        ReminderKind::SkinCheckIn,
        ReminderKind::GutCheckIn,
        ReminderKind::Dose { dose: DoseKind::Probiotic, name: "Lactobacillus".into() },
        ReminderKind::ProgressPhoto,
        ReminderKind::Custom { text: "Stretch for five minutes".into() },
    ];
    let schedules = [
        Schedule::Daily { times: times(&["08:00", "20:00"]) },
        Schedule::Weekdays { weekdays: vec![Weekday::Sunday], times: times(&["10:00"]) },
        Schedule::EveryNDays { every_days: 3, start_date: "2026-11-25".into(), times: times(&["09:15"]) },
        Schedule::Course { start_date: "2026-11-25".into(), end_date: "2026-11-25".into(), times: times(&["07:00"]) },
    ];
    for kind in &kinds {
        for schedule in &schedules {
            let r = Reminder::new(kind.clone(), schedule.clone());
            assert_eq!(r.validate(), Ok(()), "{kind:?} {schedule:?}");
        }
    }
}

#[test]
fn new_reminders_get_a_uuid_v7() {
    let a = Reminder::new(ReminderKind::SkinCheckIn, Schedule::Daily { times: times(&["08:00"]) });
    let b = Reminder::new(ReminderKind::SkinCheckIn, Schedule::Daily { times: times(&["08:00"]) });
    assert_ne!(a.id, b.id);
    assert_eq!(uuid::Uuid::parse_str(&a.id).unwrap().get_version_num(), 7);
    assert!(a.enabled);
    assert_eq!(a.time_zone, ReminderZone::FollowUser);
}

#[test]
fn ids_must_be_canonical_uuid_v7() {
    for bad in ["", "lunch", "f47ac10b-58cc-4372-a567-0e02b2c3d479", "019AC0DE-0000-7000-8000-000000000001"] {
        assert_invalid(Reminder { id: bad.into(), ..lunch() }.validate(), "id");
    }
}

#[test]
fn times_are_required_well_formed_and_distinct() {
    assert_invalid(with_schedule(Schedule::Daily { times: vec![] }).validate(), "schedule.times");
    assert_invalid(
        with_schedule(Schedule::Daily { times: times(&["08:00", "25:00"]) }).validate(),
        "schedule.times[1]",
    );
    assert_invalid(with_schedule(Schedule::Daily { times: times(&["8:00"]) }).validate(), "schedule.times[0]");
    assert_invalid(
        with_schedule(Schedule::Daily { times: times(&["08:00", "12:00", "08:00"]) }).validate(),
        "schedule.times[2]",
    );
    let many: Vec<String> = (0..25).map(|h| format!("{:02}:{:02}", h % 24, h / 24)).collect();
    assert_invalid(with_schedule(Schedule::Daily { times: many }).validate(), "schedule.times");
}

#[test]
fn weekdays_are_required_and_distinct() {
    let empty = Schedule::Weekdays { weekdays: vec![], times: times(&["08:00"]) };
    assert_invalid(with_schedule(empty).validate(), "schedule.weekdays");
    let twice = Schedule::Weekdays { weekdays: vec![Weekday::Monday, Weekday::Monday], times: times(&["08:00"]) };
    assert_invalid(with_schedule(twice).validate(), "schedule.weekdays[1]");
    let no_times = Schedule::Weekdays { weekdays: vec![Weekday::Monday], times: vec![] };
    assert_invalid(with_schedule(no_times).validate(), "schedule.times");
}

#[test]
fn every_n_days_needs_a_sensible_n_and_a_start() {
    let every = |n: u32, start: &str| {
        with_schedule(Schedule::EveryNDays { every_days: n, start_date: start.into(), times: times(&["08:00"]) })
    };
    assert_invalid(every(0, "2026-11-25").validate(), "schedule.every_days");
    assert_invalid(every(367, "2026-11-25").validate(), "schedule.every_days");
    assert_invalid(every(2, "2026-11-31").validate(), "schedule.start_date");
    assert_invalid(every(2, "25.11.2026").validate(), "schedule.start_date");
    assert_eq!(every(1, "2026-11-25").validate(), Ok(()));
    assert_eq!(every(366, "2026-11-25").validate(), Ok(()));
}

#[test]
fn a_course_must_not_end_before_it_starts() {
    let course = |start: &str, end: &str| {
        with_schedule(Schedule::Course { start_date: start.into(), end_date: end.into(), times: times(&["08:00"]) })
    };
    assert_invalid(course("2026-11-25", "2026-11-24").validate(), "schedule.end_date");
    assert_invalid(course("2026-11-25", "2026-11").validate(), "schedule.end_date");
    assert_invalid(course("yesterday", "2026-11-26").validate(), "schedule.start_date");
    assert_eq!(course("2026-11-25", "2026-12-05").validate(), Ok(()));
}

#[test]
fn zones_must_be_known() {
    let fixed = |zone: &str| Reminder { time_zone: ReminderZone::Fixed { zone: zone.into() }, ..lunch() };
    assert_invalid(fixed("Europe/Atlantis").validate(), "time_zone.zone");
    assert_invalid(fixed("").validate(), "time_zone.zone");
    assert_eq!(fixed("Europe/Berlin").validate(), Ok(()));
}

#[test]
fn texts_must_not_be_empty_or_huge() {
    let custom = |text: &str| Reminder { kind: ReminderKind::Custom { text: text.into() }, ..lunch() };
    assert_invalid(custom("").validate(), "kind.text");
    assert_invalid(custom("   ").validate(), "kind.text");
    assert_invalid(custom(&"x".repeat(MAX_TEXT_CHARS + 1)).validate(), "kind.text");
    assert_invalid(Reminder { kind: dose(" "), ..lunch() }.validate(), "kind.name");
    assert_invalid(Reminder { title: Some(String::new()), ..lunch() }.validate(), "title");
    assert_invalid(Reminder { title: Some("t".repeat(MAX_TITLE_CHARS + 1)), ..lunch() }.validate(), "title");
    assert_invalid(Reminder { body: Some("\n".into()), ..lunch() }.validate(), "body");
    let umlauts = "ä".repeat(MAX_TITLE_CHARS);
    assert_eq!(Reminder { title: Some(umlauts), ..lunch() }.validate(), Ok(()));
}

#[test]
fn quiet_hours_must_be_well_formed_and_leave_room() {
    let quiet = |start: &str, end: &str| QuietHours { start: start.into(), end: end.into() };
    assert_invalid(Reminder { quiet_hours: Some(quiet("22:00", "22:00")), ..lunch() }.validate(), "quiet_hours.end");
    assert_invalid(Reminder { quiet_hours: Some(quiet("10pm", "07:00")), ..lunch() }.validate(), "quiet_hours.start");
    assert_invalid(Reminder { quiet_hours: Some(quiet("22:00", "7:00")), ..lunch() }.validate(), "quiet_hours.end");
    // Lunch at 12:30 inside 12:00-13:00 would never fire.
    assert_invalid(Reminder { quiet_hours: Some(quiet("12:00", "13:00")), ..lunch() }.validate(), "quiet_hours");
    // A dose moves to the end of the quiet hours instead, so it is fine.
    let pill = Reminder { kind: dose("Doxycycline"), quiet_hours: Some(quiet("12:00", "13:00")), ..lunch() };
    assert_eq!(pill.validate(), Ok(()));
    // The end is excluded: 12:30 is outside 11:00-12:30.
    assert_eq!(Reminder { quiet_hours: Some(quiet("11:00", "12:30")), ..lunch() }.validate(), Ok(()));
    assert_eq!(Reminder { quiet_hours: Some(quiet("22:00", "07:00")), ..lunch() }.validate(), Ok(()));
}

#[test]
fn the_context_is_checked() {
    let from = at("2026-11-25T00:00:00Z");
    let plan_with = |c: &PlanContext| plan(&[lunch()], c, from, DAY, 64);
    assert_invalid(plan_with(&ctx("Mars/Olympus")), "time_zone");
    assert_invalid(plan_with(&ctx("")), "time_zone");

    let mut c = ctx("Europe/Berlin");
    c.logged = vec![
        LoggedSlot { date: "2026-11-25".into(), slot: SlotKind::SkinCheckIn },
        LoggedSlot { date: "2026-11-255".into(), slot: SlotKind::GutCheckIn },
    ];
    assert_invalid(plan_with(&c), "logged[1].date");
    c.logged = vec![LoggedSlot { date: "2026-11-25".into(), slot: SlotKind::Dose { name: "".into() } }];
    assert_invalid(plan_with(&c), "logged[0].slot.name");

    let snooze = |id: &str, minutes: u32| Snooze { notification_id: id.into(), snoozed_at: from, minutes };
    let mut c = ctx("Europe/Berlin");
    c.snoozes = vec![snooze(&format!("{}/2026-11-25/12:30", id(1)), 0)];
    assert_invalid(plan_with(&c), "snoozes[0].minutes");
    c.snoozes = vec![snooze(&format!("{}/2026-11-25/12:30", id(1)), MAX_SNOOZE_MINUTES + 1)];
    assert_invalid(plan_with(&c), "snoozes[0].minutes");
    c.snoozes = vec![snooze("lunch tomorrow", 10)];
    assert_invalid(plan_with(&c), "snoozes[0].notification_id");

    let mut c = ctx("Europe/Berlin");
    c.paused_until = Some(SystemTime::UNIX_EPOCH - Duration::from_secs(1));
    assert_invalid(plan_with(&c), "paused_until");
    assert_eq!(ctx("Europe/Berlin").validate(), Ok(()));
}

#[test]
fn from_and_horizon_are_checked() {
    let c = ctx("UTC");
    assert_invalid(plan(&[lunch()], &c, SystemTime::UNIX_EPOCH - DAY, DAY, 64), "from");
    assert_invalid(
        plan(&[lunch()], &c, at("2026-11-25T00:00:00Z"), MAX_HORIZON + Duration::from_secs(1), 64),
        "horizon",
    );
    assert!(plan(&[lunch()], &c, at("2026-11-25T00:00:00Z"), MAX_HORIZON, 64).is_ok());
}

#[test]
fn an_invalid_reminder_is_left_out_with_a_note_and_the_rest_is_planned() {
    let broken = daily(2, ReminderKind::SkinCheckIn, &[]);
    let duplicate = daily(1, ReminderKind::GutCheckIn, &["09:00"]);
    let plan = plan_all(&[lunch(), broken, duplicate], &ctx("UTC"), at("2026-11-25T00:00:00Z"), DAY);
    assert_eq!(utcs(&plan), ["2026-11-25T12:30:00Z"]);
    assert_eq!(
        plan.notes,
        [
            PlanNote::InvalidReminder {
                reminder_id: id(2),
                field: "schedule.times".into(),
                reason: "give at least one time of day".into()
            },
            PlanNote::InvalidReminder {
                reminder_id: id(1),
                field: "id".into(),
                reason: "another reminder has the same id; only the first is planned".into()
            },
        ]
    );
}

#[test]
fn records_serialise_to_readable_json_and_back() {
    let r = Reminder {
        quiet_hours: Some(QuietHours { start: "22:00".into(), end: "07:00".into() }),
        time_zone: ReminderZone::Fixed { zone: "Europe/Berlin".into() },
        ..reminder(
            1,
            ReminderKind::Dose { dose: DoseKind::Probiotic, name: "Lactobacillus".into() },
            Schedule::Course {
                start_date: "2026-11-25".into(),
                end_date: "2026-12-08".into(),
                times: times(&["08:00"]),
            },
        )
    };
    let json = serde_json::to_value(&r).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "id": id(1),
            "kind": {"type": "dose", "dose": "probiotic", "name": "Lactobacillus"},
            "schedule": {"type": "course", "start_date": "2026-11-25", "end_date": "2026-12-08", "times": ["08:00"]},
            "quiet_hours": {"start": "22:00", "end": "07:00"},
            "time_zone": {"type": "fixed", "zone": "Europe/Berlin"},
            "enabled": true,
            "title": null,
            "body": null,
            "deleted": false,
        })
    );
    assert_eq!(serde_json::from_value::<Reminder>(json).unwrap(), r);
    // Optional fields may be missing from stored JSON.
    let minimal = serde_json::json!({
        "id": id(2),
        "kind": {"type": "meal", "meal": "lunch"},
        "schedule": {"type": "weekdays", "weekdays": ["monday", "friday"], "times": ["12:30"]},
        "enabled": false,
    });
    let read: Reminder = serde_json::from_value(minimal).unwrap();
    assert_eq!(read.time_zone, ReminderZone::FollowUser);
    assert_eq!(read.quiet_hours, None);
}
