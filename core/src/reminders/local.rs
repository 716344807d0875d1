//! Local dates, wall-clock times and zones for the reminders: parsing the strings that cross the
//! API, and turning a local slot ("12:30 on 2026-11-25 in Europe/Berlin") into one instant.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc};
use chrono_tz::Tz;

use crate::error::{GutskinError, Result};

/// The last second the planner accepts as an input instant: 9999-12-31T23:59:59Z.
const LAST_SECOND: u64 = 253_402_300_799;

/// Parses a date of the exact form `YYYY-MM-DD`.
pub(crate) fn parse_date(field: &str, text: &str) -> Result<NaiveDate> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() });
    if !shaped {
        return Err(GutskinError::invalid(field, format!("{text:?} is not a date of the form YYYY-MM-DD")));
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .map_err(|_| GutskinError::invalid(field, format!("{text:?} is not a day of the calendar")))
}

pub(crate) fn format_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Parses a local wall-clock time of the exact form `HH:MM` (00:00 to 23:59).
pub(crate) fn parse_time(field: &str, text: &str) -> Result<NaiveTime> {
    let bytes = text.as_bytes();
    let shaped =
        bytes.len() == 5 && bytes.iter().enumerate().all(|(i, b)| if i == 2 { *b == b':' } else { b.is_ascii_digit() });
    let digits = |a: u8, b: u8| u32::from(a - b'0') * 10 + u32::from(b - b'0');
    let parsed = shaped.then(|| (digits(bytes[0], bytes[1]), digits(bytes[3], bytes[4])));
    match parsed {
        Some((hour, minute)) if hour < 24 && minute < 60 => {
            Ok(NaiveTime::from_hms_opt(hour, minute, 0).expect("hour < 24 and minute < 60 make a valid time"))
        }
        _ => Err(GutskinError::invalid(field, format!("{text:?} is not a time of the form HH:MM (00:00 to 23:59)"))),
    }
}

pub(crate) fn format_time(time: NaiveTime) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// Parses an IANA zone name such as `Europe/Berlin`.
pub(crate) fn parse_zone(field: &str, name: &str) -> Result<Tz> {
    name.parse::<Tz>().map_err(|_| GutskinError::invalid(field, format!("{name:?} is not a known IANA time zone")))
}

/// An input instant as UTC; the planner works from 1970 to the end of 9999.
pub(crate) fn to_utc(field: &str, t: SystemTime) -> Result<DateTime<Utc>> {
    let out_of_range = || GutskinError::invalid(field, "must be an instant between 1970 and 9999");
    let since_epoch = t.duration_since(UNIX_EPOCH).map_err(|_| out_of_range())?;
    if since_epoch.as_secs() > LAST_SECOND {
        return Err(out_of_range());
    }
    let secs = i64::try_from(since_epoch.as_secs()).map_err(|_| out_of_range())?;
    DateTime::from_timestamp(secs, since_epoch.subsec_nanos()).ok_or_else(out_of_range)
}

pub(crate) fn to_system_time(t: DateTime<Utc>) -> SystemTime {
    let secs = t.timestamp();
    let nanos = Duration::from_nanos(u64::from(t.timestamp_subsec_nanos()));
    if secs >= 0 {
        UNIX_EPOCH + Duration::from_secs(secs.unsigned_abs()) + nanos
    } else {
        UNIX_EPOCH - Duration::from_secs(secs.unsigned_abs()) + nanos
    }
}

/// The wall-clock date and time in `zone` at the instant `t`.
pub(crate) fn local(zone: Tz, t: DateTime<Utc>) -> NaiveDateTime {
    t.with_timezone(&zone).naive_local()
}

/// The instant at which the wall clock in `zone` shows `time` on `date`.
///
/// - A time that exists once is that instant.
/// - An ambiguous time (the repeated hour when clocks go back) is its first occurrence.
/// - A time that does not exist (skipped when clocks go forward) is the first instant after it:
///   the end of the gap, e.g. 02:30 on a spring-forward day in Europe/Berlin is 03:00.
pub(crate) fn resolve(zone: Tz, date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let wall = date.and_time(time);
    match zone.from_local_datetime(&wall) {
        LocalResult::Single(t) => t.with_timezone(&Utc),
        LocalResult::Ambiguous(a, b) => a.min(b).with_timezone(&Utc),
        LocalResult::None => end_of_gap(zone, wall),
    }
}

/// The first instant after `after` at which the wall clock in `zone` shows `time` on `date`, if
/// any: like [`resolve`], but an ambiguous time may be its second occurrence.
pub(crate) fn resolve_after(zone: Tz, date: NaiveDate, time: NaiveTime, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let wall = date.and_time(time);
    match zone.from_local_datetime(&wall) {
        LocalResult::Single(t) => Some(t.with_timezone(&Utc)).filter(|t| *t > after),
        LocalResult::Ambiguous(a, b) => {
            [a.min(b), a.max(b)].into_iter().map(|t| t.with_timezone(&Utc)).find(|t| *t > after)
        }
        LocalResult::None => Some(end_of_gap(zone, wall)).filter(|t| *t > after),
    }
}

/// The first whole second at which the wall clock in `zone` reads `wall` or later.
fn end_of_gap(zone: Tz, wall: NaiveDateTime) -> DateTime<Utc> {
    // UTC offsets lie within ±26 hours (they are within -12..+14 today), so the wall clock
    // reads earlier than `wall` at `lo` and later at `hi`. Bisect for the first second where it
    // has reached `wall`.
    const SPAN: i64 = 26 * 3600;
    let reached = |secs: i64| match DateTime::from_timestamp(secs, 0) {
        Some(t) => local(zone, t) >= wall,
        None => secs > 0,
    };
    let target = wall.and_utc().timestamp();
    let (mut lo, mut hi) = (target - SPAN, target + SPAN);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        if reached(mid) {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    DateTime::from_timestamp(hi, 0).unwrap_or(DateTime::<Utc>::MAX_UTC)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_have_the_exact_form() {
        assert_eq!(parse_date("d", "2026-11-25").unwrap(), NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
        for bad in ["2026-1-25", "2026-11-5", "26-11-25", "2026/11/25", "2026-02-30", "2026-13-01", "", " 2026-11-25"] {
            assert!(parse_date("d", bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn times_must_have_the_exact_form() {
        assert_eq!(parse_time("t", "00:00").unwrap(), NaiveTime::MIN);
        assert_eq!(format_time(parse_time("t", "23:59").unwrap()), "23:59");
        for bad in ["24:00", "12:60", "7:30", "07:3", "07-30", "07:30:00", "", "ab:cd", "+1:30"] {
            assert!(parse_time("t", bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn instants_round_trip_and_stay_in_range() {
        let t = UNIX_EPOCH + Duration::new(1_795_000_000, 123_000_000);
        assert_eq!(to_system_time(to_utc("from", t).unwrap()), t);
        assert!(to_utc("from", UNIX_EPOCH - Duration::from_secs(1)).is_err());
        assert!(to_utc("from", UNIX_EPOCH + Duration::from_secs(LAST_SECOND + 1)).is_err());
    }
}
