//! Instants, local days and zones: the conversions live here, in one place.
//!
//! Instants are stored as milliseconds since the Unix epoch (UTC). A diary day is the user's local
//! date where the entry was logged: the instant shifted by the UTC offset recorded with it.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, NaiveDate, Offset, TimeZone, Utc};
use chrono_tz::Tz;

use crate::error::{GutskinError, Result};

/// Milliseconds since the Unix epoch; negative before 1970.
pub fn to_millis(t: SystemTime) -> i64 {
    match t.duration_since(UNIX_EPOCH) {
        Ok(d) => i64::try_from(d.as_millis()).unwrap_or(i64::MAX),
        Err(e) => -i64::try_from(e.duration().as_millis()).unwrap_or(i64::MAX),
    }
}

pub fn from_millis(ms: i64) -> SystemTime {
    if ms >= 0 {
        UNIX_EPOCH + Duration::from_millis(ms as u64)
    } else {
        UNIX_EPOCH - Duration::from_millis(ms.unsigned_abs())
    }
}

/// Drops anything finer than a millisecond, the precision the diary keeps.
pub fn truncate_to_millis(t: SystemTime) -> SystemTime {
    from_millis(to_millis(t))
}

pub fn to_utc(t: SystemTime) -> DateTime<Utc> {
    DateTime::<Utc>::from_timestamp_millis(to_millis(t)).unwrap_or(DateTime::<Utc>::MIN_UTC)
}

pub fn parse_zone(field: &str, name: &str) -> Result<Tz> {
    name.parse::<Tz>().map_err(|_| GutskinError::invalid(field, format!("unknown IANA time zone {name:?}")))
}

/// The offset from UTC, in minutes, that `zone` had at `t`.
pub fn zone_offset_minutes(zone: Tz, t: SystemTime) -> i32 {
    zone.offset_from_utc_datetime(&to_utc(t).naive_utc()).fix().local_minus_utc() / 60
}

/// The local date of an instant logged with the given UTC offset.
pub fn local_date(t: SystemTime, utc_offset_minutes: i32) -> NaiveDate {
    let shifted = to_millis(t).saturating_add(i64::from(utc_offset_minutes) * 60_000);
    DateTime::<Utc>::from_timestamp_millis(shifted).map(|d| d.date_naive()).unwrap_or(NaiveDate::MIN)
}

/// Days since 1970-01-01: the integer the store indexes local days by.
pub fn day_number(date: NaiveDate) -> i64 {
    i64::from(date.num_days_from_ce()) - i64::from(EPOCH_DAYS_FROM_CE)
}

pub fn date_from_day_number(day: i64) -> NaiveDate {
    i32::try_from(day + i64::from(EPOCH_DAYS_FROM_CE))
        .ok()
        .and_then(NaiveDate::from_num_days_from_ce_opt)
        .unwrap_or(NaiveDate::MIN)
}

/// `NaiveDate::from_ymd(1970, 1, 1).num_days_from_ce()`.
const EPOCH_DAYS_FROM_CE: i32 = 719_163;

use chrono::Datelike;

/// Parses a "YYYY-MM-DD" date, naming `field` in the error.
pub fn parse_date(field: &str, text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|_| text.len() == 10)
        .ok_or_else(|| GutskinError::invalid(field, format!("{text:?} is not a date of the form YYYY-MM-DD")))
}

pub fn format_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// The local date of `t` in `zone`, as "YYYY-MM-DD": what "today" is for the user.
pub fn local_date_in_zone(t: SystemTime, zone: Tz) -> NaiveDate {
    to_utc(t).with_timezone(&zone).date_naive()
}

/// Like [`local_date_in_zone`] for an instant the app handed in: one whose local date is not of the
/// years 0-9999 (which "YYYY-MM-DD" cannot write) is `InvalidInput` on `field`.
pub fn checked_local_date_in_zone(field: &str, t: SystemTime, zone: Tz) -> Result<NaiveDate> {
    DateTime::<Utc>::from_timestamp_millis(to_millis(t))
        .map(|utc| utc.with_timezone(&zone).date_naive())
        .filter(|date| (0..=9999).contains(&date.year()))
        .ok_or_else(|| GutskinError::invalid(field, "must be an instant of the years 0-9999"))
}

/// Serde for instants as RFC 3339 text in UTC with milliseconds, the export format's instants.
pub mod rfc3339 {
    use super::*;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &SystemTime, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&format(*t))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> std::result::Result<SystemTime, D::Error> {
        let text = String::deserialize(d)?;
        parse(&text).map_err(serde::de::Error::custom)
    }

    pub fn format(t: SystemTime) -> String {
        to_utc(t).to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
    }

    pub fn parse(text: &str) -> std::result::Result<SystemTime, String> {
        DateTime::parse_from_rfc3339(text)
            .map(|d| from_millis(d.timestamp_millis()))
            .map_err(|e| format!("{text:?} is not an RFC 3339 instant: {e}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millis_round_trip_before_and_after_the_epoch() {
        for ms in [-86_400_000_123_i64, -1, 0, 1, 1_764_000_000_123] {
            assert_eq!(to_millis(from_millis(ms)), ms);
        }
    }

    #[test]
    fn local_date_follows_the_offset() {
        // 2026-11-25 23:30 UTC is already the 26th in Berlin (+60) and still the 25th in New York (-300).
        let t = rfc3339::parse("2026-11-25T23:30:00Z").unwrap();
        assert_eq!(format_date(local_date(t, 60)), "2026-11-26");
        assert_eq!(format_date(local_date(t, -300)), "2026-11-25");
    }

    #[test]
    fn day_numbers_start_at_the_epoch() {
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).unwrap();
        assert_eq!(day_number(epoch), 0);
        let d = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        assert_eq!(date_from_day_number(day_number(d)), d);
    }

    #[test]
    fn zone_offsets_follow_daylight_saving() {
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        let winter = rfc3339::parse("2026-01-15T12:00:00Z").unwrap();
        let summer = rfc3339::parse("2026-07-15T12:00:00Z").unwrap();
        assert_eq!(zone_offset_minutes(berlin, winter), 60);
        assert_eq!(zone_offset_minutes(berlin, summer), 120);
    }

    #[test]
    fn dates_must_be_iso() {
        assert!(parse_date("d", "2026-11-25").is_ok());
        for bad in ["2026-13-01", "25.11.2026", "2026-11-5", "", "2026-02-30"] {
            let err = parse_date("d", bad).unwrap_err();
            assert!(matches!(err, GutskinError::InvalidInput { ref field, .. } if field == "d"), "{bad}");
        }
    }
}
