//! Reminders in the diary: stored and synced like entries, checked before anything is written, and
//! planned from what the diary holds (logged slots, ignore streaks, snoozes, the pause, the locale).

mod common;

use std::time::Duration;

use common::*;
use gutskin_core::reminders::*;
use gutskin_core::*;

const BERLIN: &str = "Europe/Berlin";
const DAY: Duration = Duration::from_secs(24 * 3600);

fn daily(kind: ReminderKind, times: &[&str]) -> NewReminder {
    NewReminder::new(kind, Schedule::Daily { times: times.iter().map(|t| t.to_string()).collect() })
}

fn lunch() -> NewReminder {
    daily(ReminderKind::Meal { meal: MealKind::Lunch }, &["12:30"])
}

fn probiotic() -> NewReminder {
    daily(ReminderKind::Dose { dose: DoseKind::Probiotic, name: "L. rhamnosus GG".into() }, &["08:00"])
}

fn assert_invalid<T: std::fmt::Debug>(result: Result<T>, expected_field: &str) {
    match result {
        Err(GutskinError::InvalidInput { field, .. }) => assert_eq!(field, expected_field),
        other => panic!("expected InvalidInput on {expected_field}, got {other:?}"),
    }
}

/// The local slot dates of a plan's notifications.
fn slot_dates(plan: &Plan) -> Vec<&str> {
    plan.notifications.iter().map(|n| n.slot_date.as_str()).collect()
}

#[test]
fn reminders_are_added_edited_deleted_and_listed() {
    let d = diary();
    let added = d.add_reminder(lunch()).unwrap();
    assert_eq!(added.to_new(), lunch());
    assert!(!added.deleted);
    Reminder { deleted: false, ..added.clone() }.validate().unwrap();
    assert_eq!(d.reminder(&added.id).unwrap(), added);
    let pill = d.add_reminder(probiotic()).unwrap();
    assert_eq!(d.reminders(false).unwrap(), vec![added.clone(), pill.clone()], "in the order they were added");

    let position = d.change_position().unwrap();
    let edited = NewReminder {
        quiet_hours: Some(QuietHours { start: "22:00".into(), end: "07:00".into() }),
        title: Some("Lunch?".into()),
        ..lunch()
    };
    let updated = d.update_reminder(&added.id, edited.clone()).unwrap();
    assert_eq!(updated.to_new(), edited);
    assert_eq!(updated.id, added.id);
    // Only the two changed fields are written (and synced).
    let changes = d.changes_since(position).unwrap();
    let fields: Vec<(&str, &str)> = changes.iter().map(|c| (c.table.as_str(), c.field.as_str())).collect();
    assert_eq!(fields, [("reminders", "quiet_hours"), ("reminders", "title")]);
    // Handing the stored reminder back writes nothing.
    let position = d.change_position().unwrap();
    d.update_reminder(&added.id, updated.to_new()).unwrap();
    assert_eq!(d.change_position().unwrap(), position);

    let deleted = d.delete_reminder(&pill.id).unwrap();
    assert!(deleted.deleted);
    assert_eq!(d.reminders(false).unwrap(), vec![updated.clone()]);
    assert_eq!(d.reminders(true).unwrap(), vec![updated.clone(), deleted]);
    assert_eq!(d.undelete_reminder(&pill.id).unwrap(), pill);

    let unknown = "019ac0de-0000-7000-8000-000000000099";
    assert!(matches!(d.reminder(unknown), Err(GutskinError::NotFound { .. })));
    assert!(matches!(d.update_reminder(unknown, lunch()), Err(GutskinError::NotFound { .. })));
    assert!(matches!(d.delete_reminder(unknown), Err(GutskinError::NotFound { .. })));
    assert_invalid(d.reminder("not-an-id"), "id");
}

#[test]
fn a_bad_schedule_names_its_field_and_writes_nothing() {
    let d = diary();
    let with = |schedule: Schedule| NewReminder { schedule, ..lunch() };
    let cases = [
        (with(Schedule::Daily { times: vec![] }), "schedule.times"),
        (with(Schedule::Daily { times: vec!["12:30".into(), "25:00".into()] }), "schedule.times[1]"),
        (with(Schedule::Weekdays { weekdays: vec![], times: vec!["12:30".into()] }), "schedule.weekdays"),
        (
            with(Schedule::Course {
                start_date: "2026-12-10".into(),
                end_date: "2026-12-01".into(),
                times: vec!["08:00".into()],
            }),
            "schedule.end_date",
        ),
        (
            with(Schedule::EveryNDays { every_days: 0, start_date: "2026-12-01".into(), times: vec!["08:00".into()] }),
            "schedule.every_days",
        ),
        (NewReminder { time_zone: ReminderZone::Fixed { zone: "Mars/Olympus".into() }, ..lunch() }, "time_zone.zone"),
        (
            NewReminder { quiet_hours: Some(QuietHours { start: "12:00".into(), end: "13:00".into() }), ..lunch() },
            "quiet_hours",
        ),
    ];
    for (bad, field) in cases {
        assert_invalid(d.add_reminder(bad.clone()), field);
        assert_eq!(d.change_position().unwrap(), 0, "nothing was written for {field}");
    }
    assert!(d.reminders(true).unwrap().is_empty());

    let good = d.add_reminder(lunch()).unwrap();
    let position = d.change_position().unwrap();
    assert_invalid(d.update_reminder(&good.id, with(Schedule::Daily { times: vec![] })), "schedule.times");
    assert_eq!(d.change_position().unwrap(), position);
    assert_eq!(d.reminder(&good.id).unwrap(), good);
}

#[test]
fn a_logged_slot_skips_that_days_reminder() {
    let d = diary();
    d.add_reminder(lunch()).unwrap();
    d.add_reminder(probiotic()).unwrap();
    d.add_reminder(daily(ReminderKind::Custom { text: "Moisturise".into() }, &["21:00"])).unwrap();
    // Tuesday's lunch and Wednesday's probiotic (by name, any case) are logged; a deleted lunch on
    // Thursday counts for nothing.
    d.log_entry(meal("2026-11-24T11:40:00Z", MealKind::Lunch, &["soup"])).unwrap();
    d.log_entry(new_entry(
        "2026-11-25T07:10:00Z",
        EntryDetails::Medication {
            medication: MedicationKind::Probiotic,
            name: "l. rhamnosus gg".into(),
            dose: None,
            course: None,
        },
    ))
    .unwrap();
    let gone = d.log_entry(meal("2026-11-25T11:00:00Z", MealKind::Lunch, &["bread"])).unwrap();
    d.delete_entry(&gone.id).unwrap();

    let from = instant("2026-11-23T23:00:00Z"); // Tuesday 00:00 in Berlin
    let plan = d.plan_reminders(from, 3 * DAY, 64, BERLIN).unwrap();
    let by_kind = |title: &str| -> Vec<&str> {
        plan.notifications.iter().filter(|n| n.title == title).map(|n| n.slot_date.as_str()).collect()
    };
    assert_eq!(by_kind("Lunch"), ["2026-11-25", "2026-11-26"]);
    assert_eq!(by_kind("L. rhamnosus GG"), ["2026-11-24", "2026-11-26"]);
    assert_eq!(by_kind("Reminder").len(), 3, "custom reminders are never skipped: {plan:?}");
    assert!(plan.notes.is_empty(), "{:?}", plan.notes);
}

#[test]
fn a_skin_photo_is_that_days_progress_photo() {
    let d = diary();
    let weekly = NewReminder::new(
        ReminderKind::ProgressPhoto,
        Schedule::Weekdays { weekdays: vec![Weekday::Wednesday], times: vec!["18:00".into()] },
    );
    d.add_reminder(weekly).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("face.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR\0\0\0\x02\0\0\0\x03\x08\x02\0\0\0").unwrap();
    let from = instant("2026-11-24T12:00:00Z");
    let before = d.plan_reminders(from, 14 * DAY, 64, BERLIN).unwrap();
    assert_eq!(slot_dates(&before), ["2026-11-25", "2026-12-02"]);
    d.attach_photo(NewPhoto {
        path: png.display().to_string(),
        local_ref: None,
        taken_at: Some(instant("2026-11-25T08:00:00Z")),
        subject: PhotoSubject::Skin { area: BodyArea::Face, check_in_id: None },
        tags: vec![],
    })
    .unwrap();
    let after = d.plan_reminders(from, 14 * DAY, 64, BERLIN).unwrap();
    assert_eq!(slot_dates(&after), ["2026-12-02"]);
}

#[test]
fn plans_use_the_profiles_language_and_the_users_zone() {
    let d = diary();
    d.add_reminder(lunch()).unwrap();
    d.set_profile(Profile { locale: "de-AT".into(), ..Profile::default() }).unwrap();
    let from = instant("2026-11-25T20:00:00Z");
    let plan = d.plan_reminders(from, DAY, 64, "Asia/Tokyo").unwrap();
    assert_eq!(plan.notifications.len(), 1);
    let n = &plan.notifications[0];
    assert_eq!((n.title.as_str(), n.slot_date.as_str()), ("Mittagessen", "2026-11-26"));
    assert_eq!(n.fire_at, instant("2026-11-26T03:30:00Z"), "12:30 in Tokyo");
    assert_invalid(d.plan_reminders(from, DAY, 64, "Asia/Atlantis"), "time_zone");
    assert_invalid(d.plan_reminders(from, 400 * DAY, 64, BERLIN), "horizon");
}

#[test]
fn a_pause_holds_everything_until_it_ends_on_this_device() {
    let d = diary(); // now: 2026-11-25T20:00:00Z
    d.add_reminder(lunch()).unwrap();
    let position = d.change_position().unwrap();
    let until = instant("2026-11-28T00:00:00Z");
    d.pause_reminders(until).unwrap();
    assert_eq!(d.change_position().unwrap(), position, "the pause does not sync");
    assert_eq!(d.reminders_paused_until().unwrap(), Some(until));
    let from = instant("2026-11-25T20:00:00Z");
    let paused = d.plan_reminders(from, 5 * DAY, 64, BERLIN).unwrap();
    assert_eq!(slot_dates(&paused), ["2026-11-28", "2026-11-29", "2026-11-30"]);
    assert_eq!(paused.notes, vec![PlanNote::Paused { until }]);

    d.resume_reminders().unwrap();
    assert_eq!(d.reminders_paused_until().unwrap(), None);
    assert_eq!(d.plan_reminders(from, 5 * DAY, 64, BERLIN).unwrap().notifications.len(), 5);
    assert_invalid(d.pause_reminders(instant("2026-11-25T19:00:00Z")), "until");
    assert_invalid(d.pause_reminders(instant("2028-01-01T00:00:00Z")), "until");
}

#[test]
fn a_snooze_moves_one_occurrence_and_keeps_its_id() {
    let clock = TestClock::at("2026-11-26T11:31:00Z"); // 12:31 in Berlin, just after lunch's 12:30
    let d = Diary::open_with_clock(None, clock.clone()).unwrap();
    d.add_reminder(lunch()).unwrap();
    let from = instant("2026-11-26T11:00:00Z");
    let first = d.plan_reminders(from, DAY, 64, BERLIN).unwrap().notifications[0].clone();
    assert_eq!(first.slot_date, "2026-11-26");
    d.notification_delivered(&first.id, instant("2026-11-26T11:30:00Z")).unwrap();
    let position = d.change_position().unwrap();
    d.snooze_notification(&first.id, 10).unwrap();
    assert_eq!(d.change_position().unwrap(), position, "snoozes do not sync");

    let now = d.now();
    let plan = d.plan_reminders(now, DAY, 64, BERLIN).unwrap();
    assert_eq!(plan.notifications[0].id, first.id);
    assert_eq!(plan.notifications[0].fire_at, instant("2026-11-26T11:41:00Z"), "ten minutes from the snooze");
    assert_eq!(plan.notifications[1].slot_date, "2026-11-27");

    // Acting on it drops the snooze.
    clock.advance(Duration::from_secs(60));
    d.notification_acted_on(&first.id, d.now()).unwrap();
    let plan = d.plan_reminders(from, DAY, 64, BERLIN).unwrap();
    assert_eq!(slot_dates(&plan), ["2026-11-26"]);
    assert_eq!(plan.notifications[0].fire_at, instant("2026-11-26T11:30:00Z"));

    assert_invalid(d.snooze_notification(&first.id, 0), "minutes");
    assert_invalid(d.snooze_notification(&first.id, MAX_SNOOZE_MINUTES + 1), "minutes");
    assert_invalid(d.snooze_notification("lunch/2026-11-26/12:30", 10), "notification_id");
    assert_invalid(d.notification_delivered("nonsense", d.now()), "notification_id");
    assert_invalid(d.notification_acted_on("", d.now()), "notification_id");
}

#[test]
fn a_reminder_ignored_day_after_day_backs_off_until_answered() {
    let d = diary(); // now: 2026-11-25T20:00:00Z
    let reminder = d.add_reminder(lunch()).unwrap();
    let id_of = |date: &str| format!("{}/{date}/12:30", reminder.id);
    for day in 18..=24 {
        d.notification_delivered(&id_of(&format!("2026-11-{day}")), instant(&format!("2026-11-{day}T11:30:00Z")))
            .unwrap();
    }
    // Today's delivery does not count yet: the day is not over.
    d.notification_delivered(&id_of("2026-11-25"), instant("2026-11-25T11:30:00Z")).unwrap();
    let from = instant("2026-11-25T20:00:00Z");
    let plan = d.plan_reminders(from, 8 * DAY, 64, BERLIN).unwrap();
    assert_eq!(plan.notes, vec![PlanNote::BackedOff { reminder_id: reminder.id.clone(), ignored_days: 7, every: 2 }]);
    assert_eq!(plan.notifications.len(), 4, "one scheduled day in two: {:?}", slot_dates(&plan));

    // Lunch logged on the latest delivered day answers it: no back-off.
    let logged = d.log_entry(meal("2026-11-24T12:00:00Z", MealKind::Lunch, &["soup"])).unwrap();
    assert!(d.plan_reminders(from, 8 * DAY, 64, BERLIN).unwrap().notes.is_empty());
    d.delete_entry(&logged.id).unwrap();
    assert_eq!(d.plan_reminders(from, 8 * DAY, 64, BERLIN).unwrap().notes.len(), 1);

    // So does a tap on one of its notifications; the streak counts from there.
    d.notification_acted_on(&id_of("2026-11-20"), instant("2026-11-20T11:35:00Z")).unwrap();
    let plan = d.plan_reminders(from, 8 * DAY, 64, BERLIN).unwrap();
    assert!(plan.notes.is_empty(), "four days in a row is not yet enough: {:?}", plan.notes);
    assert_eq!(plan.notifications.len(), 8);
}

#[test]
fn deleted_and_disabled_reminders_are_not_planned() {
    let d = diary();
    let a = d.add_reminder(lunch()).unwrap();
    d.add_reminder(NewReminder { enabled: false, ..probiotic() }).unwrap();
    let from = instant("2026-11-25T20:00:00Z");
    assert_eq!(d.plan_reminders(from, DAY, 64, BERLIN).unwrap().notifications.len(), 1);
    d.delete_reminder(&a.id).unwrap();
    assert!(d.plan_reminders(from, DAY, 64, BERLIN).unwrap().notifications.is_empty());
}
