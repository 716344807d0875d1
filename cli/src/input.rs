//! Reading what people type: zones, times, dates, ratings, kinds and conditions.

use std::time::SystemTime;

use chrono::{DateTime, Days, LocalResult, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use chrono_tz::Tz;
use gutskin_core::time::{from_millis, local_date_in_zone};
use gutskin_core::{BodyArea, Condition, EntryKind, SkinRating};

use crate::failure::{CliResult, Failure};

/// The zone local times are read and shown in, and where it came from.
#[derive(Debug, Clone)]
pub struct Zone {
    pub tz: Tz,
    /// Whether `--zone` named it (edits then move an entry to it).
    pub explicit: bool,
}

impl Zone {
    pub fn name(&self) -> &'static str {
        self.tz.name()
    }
}

/// `--zone`, else `$TZ` if it names an IANA zone, else the system's zone, else UTC.
pub fn resolve_zone(arg: Option<&str>) -> CliResult<Zone> {
    if let Some(name) = arg {
        let tz = name
            .trim()
            .parse::<Tz>()
            .map_err(|_| Failure::invalid("--zone", format!("{name:?} is not an IANA time zone like Europe/Berlin")))?;
        return Ok(Zone { tz, explicit: true });
    }
    let from_env = std::env::var("TZ").ok().and_then(|tz| zone_from_tz_variable(&tz));
    let tz = from_env.or_else(|| iana_time_zone::get_timezone().ok().and_then(|n| n.parse().ok())).unwrap_or(Tz::UTC);
    Ok(Zone { tz, explicit: false })
}

/// `TZ` may be "Europe/Berlin", ":Europe/Berlin" or a path into a zoneinfo folder; POSIX rules
/// such as "CET-1CEST" name no IANA zone and are ignored.
fn zone_from_tz_variable(value: &str) -> Option<Tz> {
    let name = value.trim().trim_start_matches(':');
    let name = name.rsplit_once("zoneinfo/").map_or(name, |(_, rest)| rest);
    name.parse().ok()
}

/// Today's date in `zone`.
pub fn today(zone: &Zone) -> NaiveDate {
    local_date_in_zone(SystemTime::now(), zone.tz)
}

/// A day argument: "today", "yesterday" or anything else passed on for the core to check as
/// YYYY-MM-DD (its error names the field).
pub fn day_arg(text: &str, zone: &Zone) -> String {
    match text.trim().to_ascii_lowercase().as_str() {
        "today" => today(zone).to_string(),
        "yesterday" => yesterday(today(zone)).to_string(),
        _ => text.trim().to_string(),
    }
}

fn yesterday(date: NaiveDate) -> NaiveDate {
    date.checked_sub_days(Days::new(1)).unwrap_or(date)
}

/// A time as `--at` takes it: RFC 3339; "YYYY-MM-DD HH:MM[:SS]" (or with a T) read in `zone`;
/// "HH:MM" on `default_date`; "yesterday HH:MM"; or "now".
pub fn parse_at(option: &str, text: &str, zone: Tz, default_date: NaiveDate) -> CliResult<SystemTime> {
    let text = text.trim();
    let bad = || {
        Failure::invalid(
            option,
            format!("{text:?} is not a time like \"2026-11-25 12:30\", \"12:30\", \"yesterday 22:00\" or RFC 3339"),
        )
    };
    if text.eq_ignore_ascii_case("now") {
        return Ok(SystemTime::now());
    }
    if let Ok(instant) = DateTime::parse_from_rfc3339(text) {
        return Ok(from_millis(instant.timestamp_millis()));
    }
    let local = if let Some(rest) = text.strip_prefix("yesterday ") {
        NaiveDateTime::new(yesterday(default_date), parse_clock(rest.trim()).ok_or_else(bad)?)
    } else if let Some(clock) = parse_clock(text) {
        NaiveDateTime::new(default_date, clock)
    } else {
        ["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(text, f).ok())
            .ok_or_else(bad)?
    };
    match zone.from_local_datetime(&local) {
        LocalResult::Single(t) => Ok(from_millis(t.timestamp_millis())),
        // A time the clocks pass twice (autumn): the first one.
        LocalResult::Ambiguous(first, _) => Ok(from_millis(first.timestamp_millis())),
        LocalResult::None => Err(Failure::invalid(
            option,
            format!("{} does not exist in {} (the clocks skip it)", local.format("%Y-%m-%d %H:%M"), zone.name()),
        )),
    }
}

fn parse_clock(text: &str) -> Option<NaiveTime> {
    NaiveTime::parse_from_str(text, "%H:%M").or_else(|_| NaiveTime::parse_from_str(text, "%H:%M:%S")).ok()
}

/// An entry kind as typed: "skin" or "skin_check_in", hyphens or underscores.
pub fn parse_kind(text: &str) -> CliResult<EntryKind> {
    let name = text.trim().to_ascii_lowercase().replace('-', "_");
    let kind = match name.as_str() {
        "skin" => Some(EntryKind::SkinCheckIn),
        "gut" => Some(EntryKind::GutCheckIn),
        "med" | "medicine" => Some(EntryKind::Medication),
        other => EntryKind::parse(other),
    };
    kind.ok_or_else(|| {
        Failure::invalid(
            "--kind",
            format!("{text:?} is not one of meal, skin, gut, stress, sleep, activity, medication, water, note"),
        )
    })
}

/// A condition as typed: "atopic_dermatitis", "atopic-dermatitis", or "eczema".
pub fn parse_condition(option: &str, text: &str) -> CliResult<Condition> {
    let name = text.trim().to_ascii_lowercase().replace('-', "_");
    let condition = match name.as_str() {
        "eczema" | "ad" => Some(Condition::AtopicDermatitis),
        other => Condition::parse(other),
    };
    condition.ok_or_else(|| {
        Failure::invalid(
            option,
            format!("{text:?} is not one of acne, atopic_dermatitis (eczema), rosacea, psoriasis, other"),
        )
    })
}

/// A comma-separated list of conditions; "none" or nothing is the empty list.
pub fn parse_conditions(text: &str) -> CliResult<Vec<Condition>> {
    if text.trim().is_empty() || text.trim().eq_ignore_ascii_case("none") {
        return Ok(Vec::new());
    }
    text.split(',').map(|c| parse_condition("--conditions", c)).collect()
}

/// The skin ratings of `--rate CONDITION:SEVERITY[:itch=N]` and `--area CONDITION:AREA[,AREA]`.
pub fn parse_skin(ratings: &[String], areas: &[String]) -> CliResult<Vec<SkinRating>> {
    let mut out: Vec<SkinRating> = Vec::new();
    for raw in ratings {
        let bad = || {
            Failure::invalid(
                "--rate",
                format!("{raw:?} is not CONDITION:SEVERITY[:itch=N], e.g. acne:4 or atopic_dermatitis:6:itch=7"),
            )
        };
        let mut parts = raw.split(':');
        let condition = parse_condition("--rate", parts.next().unwrap_or_default())?;
        let severity = parts.next().and_then(|s| s.trim().parse::<u8>().ok()).ok_or_else(bad)?;
        let mut itch = None;
        for extra in parts {
            let value = extra.trim().strip_prefix("itch=").and_then(|v| v.trim().parse::<u8>().ok()).ok_or_else(bad)?;
            itch = Some(value);
        }
        if out.iter().any(|r| r.condition == condition) {
            return Err(Failure::invalid("--rate", format!("{} is rated twice", condition.as_str())));
        }
        out.push(SkinRating { condition, severity, itch, areas: Vec::new() });
    }
    for raw in areas {
        let (condition, list) = raw.split_once(':').ok_or_else(|| {
            Failure::invalid("--area", format!("{raw:?} is not CONDITION:AREA[,AREA...], e.g. atopic_dermatitis:hands"))
        })?;
        let condition = parse_condition("--area", condition)?;
        let rating = out.iter_mut().find(|r| r.condition == condition).ok_or_else(|| {
            Failure::invalid(
                "--area",
                format!("{} has areas but no --rate {}:SEVERITY", condition.as_str(), condition.as_str()),
            )
        })?;
        for area in list.split(',') {
            let name = area.trim().to_ascii_lowercase();
            let area = BodyArea::parse(&name).ok_or_else(|| {
                let known: Vec<&str> = BodyArea::ALL.iter().map(|a| a.as_str()).collect();
                Failure::invalid("--area", format!("{name:?} is not one of {}", known.join(", ")))
            })?;
            rating.areas.push(area);
        }
    }
    Ok(out)
}

/// `--poem 1,2,0,3,1,0,2`: the answers as numbers; the core checks count and range.
pub fn parse_poem(text: &str) -> CliResult<Vec<u8>> {
    text.split(',')
        .map(|a| {
            a.trim().parse::<u8>().map_err(|_| {
                Failure::invalid("--poem", format!("{text:?} is not seven answers 0-4 separated by commas"))
            })
        })
        .collect()
}

/// Sleep duration from `--hours` or `--minutes`.
pub fn sleep_minutes(hours: Option<f64>, minutes: Option<u32>) -> CliResult<u32> {
    match (hours, minutes) {
        (_, Some(m)) => Ok(m),
        (Some(h), None) if h.is_finite() && (0.0..=24.0).contains(&h) => Ok((h * 60.0).round() as u32),
        (Some(h), None) => Err(Failure::invalid("sleep.hours", format!("must be 0-24, got {h}"))),
        (None, None) => Err(Failure::usage("give --hours or --minutes")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn berlin() -> Tz {
        "Europe/Berlin".parse().unwrap()
    }

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn rfc(t: SystemTime) -> String {
        gutskin_core::time::rfc3339::format(t)
    }

    #[test]
    fn times_in_every_accepted_form() {
        let day = date("2026-11-25");
        let at = |s: &str| rfc(parse_at("--at", s, berlin(), day).unwrap());
        assert_eq!(at("2026-11-25 12:30"), "2026-11-25T11:30:00.000Z");
        assert_eq!(at("2026-11-25T12:30"), "2026-11-25T11:30:00.000Z");
        assert_eq!(at("12:30"), "2026-11-25T11:30:00.000Z");
        assert_eq!(at("yesterday 22:00"), "2026-11-24T21:00:00.000Z");
        assert_eq!(at("2026-07-01 12:00"), "2026-07-01T10:00:00.000Z");
        assert_eq!(at("2026-11-25T12:30:00+05:30"), "2026-11-25T07:00:00.000Z");
        // Autumn: 02:30 happens twice; the first is meant.
        assert_eq!(at("2026-10-25 02:30"), "2026-10-25T00:30:00.000Z");
    }

    #[test]
    fn impossible_times_are_refused() {
        let day = date("2026-11-25");
        for bad in ["25.11.2026 12:30", "12h30", "2026-11-25 25:00", "", "lunchtime"] {
            let err = parse_at("--at", bad, berlin(), day).unwrap_err();
            assert_eq!(err.code, 2, "{bad}");
            assert!(err.message.starts_with("invalid --at: "), "{}", err.message);
        }
        // Spring: 02:30 does not happen in Berlin on 2026-03-29.
        let err = parse_at("--at", "2026-03-29 02:30", berlin(), day).unwrap_err();
        assert!(err.message.contains("does not exist"), "{}", err.message);
    }

    #[test]
    fn tz_variable_forms() {
        assert_eq!(zone_from_tz_variable("Europe/Berlin"), Some(berlin()));
        assert_eq!(zone_from_tz_variable(":Europe/Berlin"), Some(berlin()));
        assert_eq!(zone_from_tz_variable("/usr/share/zoneinfo/Europe/Berlin"), Some(berlin()));
        assert_eq!(zone_from_tz_variable("CET-1CEST"), None);
    }

    #[test]
    fn ratings_and_areas() {
        let ratings =
            parse_skin(&["acne:4".into(), "eczema:6:itch=7".into()], &["atopic-dermatitis:hands,elbows".into()])
                .unwrap();
        assert_eq!(ratings.len(), 2);
        assert_eq!(ratings[1].condition, Condition::AtopicDermatitis);
        assert_eq!(ratings[1].itch, Some(7));
        assert_eq!(ratings[1].areas, [BodyArea::Hands, BodyArea::Elbows]);
        for (rates, areas) in [
            (vec!["acne"], vec![]),
            (vec!["acne:x"], vec![]),
            (vec!["acne:4:itch"], vec![]),
            (vec!["acne:4", "acne:5"], vec![]),
            (vec!["spots:4"], vec![]),
            (vec!["acne:4"], vec!["rosacea:face"]),
            (vec!["acne:4"], vec!["acne:toes"]),
        ] {
            let rates: Vec<String> = rates.into_iter().map(String::from).collect();
            let areas: Vec<String> = areas.into_iter().map(String::from).collect();
            assert!(parse_skin(&rates, &areas).is_err(), "{rates:?} {areas:?}");
        }
    }

    #[test]
    fn kinds_and_sleep() {
        assert_eq!(parse_kind("skin").unwrap(), EntryKind::SkinCheckIn);
        assert_eq!(parse_kind("gut-check-in").unwrap(), EntryKind::GutCheckIn);
        assert!(parse_kind("lunch").is_err());
        assert_eq!(sleep_minutes(Some(7.5), None).unwrap(), 450);
        assert_eq!(sleep_minutes(None, Some(420)).unwrap(), 420);
        assert!(sleep_minutes(Some(25.0), None).is_err());
        assert!(sleep_minutes(Some(f64::NAN), None).is_err());
    }
}
