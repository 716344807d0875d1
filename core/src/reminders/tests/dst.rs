//! Daylight saving in both hemispheres: a time in the gap fires at the end of the gap, a time in
//! the overlap fires once, at its first occurrence. Transition dates of 2026 from the tz database.

use super::*;

/// Plans a daily reminder at `time` in `zone` over the local days `first`..=`last` and returns the
/// UTC instants.
fn daily_in(zone: &str, time: &str, first: &str, last_exclusive: &str) -> Vec<String> {
    let r = daily(1, ReminderKind::SkinCheckIn, &[time]);
    let start = wall_instant(zone, first);
    let end = wall_instant(zone, last_exclusive);
    utcs(&plan_all(&[r], &ctx(zone), start, end.duration_since(start).unwrap()))
}

/// Local midnight starting `date` in `zone` (unambiguous on the days used here).
fn wall_instant(zone: &str, date: &str) -> SystemTime {
    use chrono::TimeZone;
    let zone: Tz = zone.parse().unwrap();
    let midnight = chrono::NaiveDate::parse_from_str(date, "%Y-%m-%d").unwrap().and_hms_opt(0, 0, 0).unwrap();
    zone.from_local_datetime(&midnight).earliest().expect("midnight exists").with_timezone(&Utc).into()
}

#[test]
fn berlin_spring_forward_fires_a_missing_time_at_the_end_of_the_gap() {
    // 2026-03-29: 02:00 CET becomes 03:00 CEST.
    assert_eq!(
        daily_in("Europe/Berlin", "02:30", "2026-03-28", "2026-03-31"),
        ["2026-03-28T01:30:00Z", "2026-03-29T01:00:00Z", "2026-03-30T00:30:00Z"]
    );
}

#[test]
fn berlin_fall_back_fires_an_ambiguous_time_once_at_its_first_occurrence() {
    // 2026-10-25: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
    assert_eq!(
        daily_in("Europe/Berlin", "02:30", "2026-10-24", "2026-10-27"),
        ["2026-10-24T00:30:00Z", "2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"]
    );
}

#[test]
fn new_york_gap_and_overlap() {
    // 2026-03-08: 02:00 EST becomes 03:00 EDT. 2026-11-01: 02:00 EDT becomes 01:00 EST.
    assert_eq!(
        daily_in("America/New_York", "02:30", "2026-03-07", "2026-03-10"),
        ["2026-03-07T07:30:00Z", "2026-03-08T07:00:00Z", "2026-03-09T06:30:00Z"]
    );
    assert_eq!(
        daily_in("America/New_York", "01:30", "2026-10-31", "2026-11-03"),
        ["2026-10-31T05:30:00Z", "2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"]
    );
}

#[test]
fn sydney_southern_hemisphere_gap_in_october_and_overlap_in_april() {
    // 2026-04-05: 03:00 AEDT becomes 02:00 AEST. 2026-10-04: 02:00 AEST becomes 03:00 AEDT.
    assert_eq!(
        daily_in("Australia/Sydney", "02:30", "2026-04-04", "2026-04-07"),
        ["2026-04-03T15:30:00Z", "2026-04-04T15:30:00Z", "2026-04-05T16:30:00Z"]
    );
    assert_eq!(
        daily_in("Australia/Sydney", "02:30", "2026-10-03", "2026-10-06"),
        ["2026-10-02T16:30:00Z", "2026-10-03T16:00:00Z", "2026-10-04T15:30:00Z"]
    );
}

#[test]
fn auckland_gap_in_september_and_overlap_in_april() {
    // 2026-04-05: 03:00 NZDT becomes 02:00 NZST. 2026-09-27: 02:00 NZST becomes 03:00 NZDT.
    assert_eq!(
        daily_in("Pacific/Auckland", "02:30", "2026-04-04", "2026-04-07"),
        ["2026-04-03T13:30:00Z", "2026-04-04T13:30:00Z", "2026-04-05T14:30:00Z"]
    );
    assert_eq!(
        daily_in("Pacific/Auckland", "02:30", "2026-09-26", "2026-09-29"),
        ["2026-09-25T14:30:00Z", "2026-09-26T14:00:00Z", "2026-09-27T13:30:00Z"]
    );
}

#[test]
fn santiago_changes_at_midnight() {
    // 2026-09-06: 00:00 -04 becomes 01:00 -03, so 00:30 does not exist that day.
    assert_eq!(
        daily_in("America/Santiago", "00:30", "2026-09-05", "2026-09-08"),
        ["2026-09-05T04:30:00Z", "2026-09-06T04:00:00Z", "2026-09-07T03:30:00Z"]
    );
    // 2026-04-05 00:00 -03 becomes 2026-04-04 23:00 -04, so 23:30 on the 4th happens twice.
    assert_eq!(
        daily_in("America/Santiago", "23:30", "2026-04-03", "2026-04-06"),
        ["2026-04-04T02:30:00Z", "2026-04-05T02:30:00Z", "2026-04-06T03:30:00Z"]
    );
}

#[test]
fn lord_howe_shifts_by_half_an_hour() {
    // 2026-10-04: 02:00 +10:30 becomes 02:30 +11, so 02:15 fires at 02:30.
    assert_eq!(
        daily_in("Australia/Lord_Howe", "02:15", "2026-10-03", "2026-10-06"),
        ["2026-10-02T15:45:00Z", "2026-10-03T15:30:00Z", "2026-10-04T15:15:00Z"]
    );
}

#[test]
fn two_times_pushed_onto_one_instant_fire_once() {
    // 02:30 does not exist on 2026-03-29 in Berlin and moves onto 03:00: one notification, for the
    // 03:00 slot; on the days around it both fire.
    let r = daily(1, dose("Doxycycline"), &["02:30", "03:00"]);
    let start = wall_instant("Europe/Berlin", "2026-03-28");
    let plan = plan_all(&[r], &ctx("Europe/Berlin"), start, 3 * DAY);
    assert_eq!(
        walls(&plan, "Europe/Berlin"),
        ["2026-03-28 02:30", "2026-03-28 03:00", "2026-03-29 03:00", "2026-03-30 02:30", "2026-03-30 03:00"]
    );
    assert_eq!(plan.notifications[2].id, format!("{}/2026-03-29/03:00", id(1)));
}

#[test]
fn local_times_hold_across_a_change_inside_one_plan() {
    let r = daily(1, meal(MealKind::Breakfast), &["08:00"]);
    let start = wall_instant("America/New_York", "2026-10-30");
    let plan = plan_all(&[r], &ctx("America/New_York"), start, 4 * DAY);
    assert_eq!(
        walls(&plan, "America/New_York"),
        ["2026-10-30 08:00", "2026-10-31 08:00", "2026-11-01 08:00", "2026-11-02 08:00"]
    );
    assert_eq!(
        utcs(&plan),
        ["2026-10-30T12:00:00Z", "2026-10-31T12:00:00Z", "2026-11-01T13:00:00Z", "2026-11-02T13:00:00Z"]
    );
}

#[test]
fn a_dose_moved_to_a_quiet_hours_end_inside_the_gap_fires_when_the_gap_ends() {
    // Quiet 22:00-02:30; on 2026-03-29 in Berlin 02:30 does not exist, so the 23:00 dose of the
    // 28th fires at 03:00 CEST.
    let r = Reminder {
        quiet_hours: Some(QuietHours { start: "22:00".into(), end: "02:30".into() }),
        ..daily(1, dose("Isotretinoin"), &["23:00"])
    };
    let noon = wall_instant("Europe/Berlin", "2026-03-28") + Duration::from_secs(12 * 3600);
    let plan = plan_all(&[r], &ctx("Europe/Berlin"), noon, 2 * DAY);
    assert_eq!(walls(&plan, "Europe/Berlin"), ["2026-03-29 03:00", "2026-03-30 02:30"]);
    assert_eq!(plan.notifications[0].id, format!("{}/2026-03-28/23:00", id(1)));
}
