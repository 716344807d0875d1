//! Synthetic diaries for measuring the insights' honesty: random diaries with planted triggers of
//! known exposure, outcome, lag and strength, and null diaries with none.
//!
//! A diary tracks acne and atopic dermatitis. Every day it has meals (tagged, with runs: a tag
//! seen yesterday is more likely today), stress with stressful stretches, sleep that is a little
//! shorter after a stressful day, skin and gut check-ins, and gaps (days without a check-in or a
//! meal). The outcomes wander on their own: the acne baseline drifts slowly, eczema has flares
//! of a week or so, and every value has day-to-day noise. None of that depends on any exposure
//! unless a trigger is planted. A trigger raises its outcome by `strength` points on every day
//! that falls `lag_min_days..=lag_max_days` after an exposure day, before rounding and clamping
//! to the 0-10 scale.
//!
//! The numbers are made up to resemble a diary, not a model of real skin.

use std::time::SystemTime;

use chrono::{Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Weekday};
use chrono_tz::Tz;

use crate::model::{Condition, Entry, EntryDetails, MealItem, MealKind, Profile, SkinRating};
use crate::time;

use super::{Exposure, Outcome};

/// The day-to-day noise (standard deviation, points) of every synthetic outcome.
pub const NOISE_SD: f64 = 1.2;
/// The strengths the evaluation plants, in points of the 0-10 scale: about 0.5, 1 and 1.5
/// standard deviations of an outcome's day-to-day variation in these diaries (noise and drift).
pub const WEAK: f64 = 0.75;
pub const MODERATE: f64 = 1.5;
pub const STRONG: f64 = 2.25;

/// The meal tags of a synthetic diary, with the share of days each is eaten on.
pub const TAGS: [(&str, f64); 6] =
    [("dairy", 0.35), ("sugary", 0.3), ("spicy", 0.25), ("takeaway", 0.2), ("fermented", 0.2), ("alcohol", 0.15)];

/// What a planted trigger reacts to.
#[derive(Debug, Clone, PartialEq)]
pub enum SyntheticExposure {
    /// A meal with this tag (one of [`TAGS`]).
    Tag(&'static str),
    /// A stress level of 7 or more.
    HighStress,
    /// A night under 7 hours.
    ShortSleep,
}

impl SyntheticExposure {
    /// The exposure the insights report for it.
    pub fn exposure(&self) -> Exposure {
        match self {
            SyntheticExposure::Tag(tag) => match super::days::flag_of_tag(tag) {
                Some(flag) => Exposure::Flag { flag },
                None => Exposure::Tag { tag: (*tag).to_string() },
            },
            SyntheticExposure::HighStress => Exposure::HighStress,
            SyntheticExposure::ShortSleep => Exposure::ShortSleep,
        }
    }
}

/// A planted link.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntheticTrigger {
    pub exposure: SyntheticExposure,
    /// One of `Severity { Acne }`, `Severity { AtopicDermatitis }`, `Itch { AtopicDermatitis }`,
    /// `Bloating`.
    pub outcome: Outcome,
    pub lag_min_days: u32,
    pub lag_max_days: u32,
    pub strength: f64,
}

/// A synthetic diary: the profile, the entries (as stored entries, oldest first), its days.
#[derive(Debug, Clone)]
pub struct SyntheticDiary {
    pub profile: Profile,
    pub entries: Vec<Entry>,
    pub first_day: String,
    pub last_day: String,
    pub triggers: Vec<SyntheticTrigger>,
}

/// A trigger drawn at random from `seed`: a meal tag (5 in 7), high stress or short sleep; an
/// outcome; a lag that fits the exposure (food 0, 1, 1-2 or 2 days; stress 1 or 7; sleep 0 or 1).
pub fn random_trigger(seed: u64, strength: f64) -> SyntheticTrigger {
    let mut rng = Rng::new(seed ^ 0x7472_6967_6765_7221);
    let exposure = match rng.range(0, 6) {
        0 => SyntheticExposure::HighStress,
        1 => SyntheticExposure::ShortSleep,
        _ => SyntheticExposure::Tag(TAGS[rng.range(0, 4) as usize].0),
    };
    let (lag_min_days, lag_max_days) = match exposure {
        SyntheticExposure::Tag(_) => *rng.pick(&[(0, 0), (1, 1), (1, 2), (2, 2)]),
        SyntheticExposure::HighStress => *rng.pick(&[(1, 1), (7, 7)]),
        SyntheticExposure::ShortSleep => *rng.pick(&[(0, 0), (1, 1)]),
    };
    let outcome = *rng.pick(&[
        Outcome::Severity { condition: Condition::Acne },
        Outcome::Severity { condition: Condition::AtopicDermatitis },
        Outcome::Itch { condition: Condition::AtopicDermatitis },
        Outcome::Bloating,
    ]);
    SyntheticTrigger { exposure, outcome, lag_min_days, lag_max_days, strength }
}

/// A diary of `days` days ending on 2026-11-25, in America/New_York, from `seed`, with `triggers`
/// planted (none for a null diary). Deterministic.
pub fn synthetic_diary(seed: u64, days: u32, triggers: &[SyntheticTrigger]) -> SyntheticDiary {
    const ZONE: &str = "America/New_York";
    let zone: Tz = ZONE.parse().unwrap_or(chrono_tz::UTC);
    let last = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or_default();
    let first = last.checked_sub_days(Days::new(u64::from(days.max(1) - 1))).unwrap_or(last);
    let n = days.max(1) as usize;
    let mut rng = Rng::new(seed ^ 0x7379_6e74_6865_7469);

    // Exposures first, for every day.
    let mut tags: Vec<Vec<bool>> = Vec::new();
    for (_, share) in TAGS {
        let stay = (share + 0.2).min(0.9);
        let start = share * (1.0 - stay) / (1.0 - share);
        let mut series = Vec::with_capacity(n);
        let mut yesterday = rng.chance(share);
        for _ in 0..n {
            let today = rng.chance(if yesterday { stay } else { start });
            series.push(today);
            yesterday = today;
        }
        tags.push(series);
    }
    let mut boost = vec![0.0; n];
    for _ in 0..n.div_ceil(30) {
        let start = rng.range(0, n as i64 - 1) as usize;
        let len = rng.range(3, 6) as usize;
        for b in boost.iter_mut().skip(start).take(len) {
            *b = 3.5;
        }
    }
    let mut flare = vec![0.0; n];
    for _ in 0..n.div_ceil(42) {
        let start = rng.range(0, n as i64 - 1) as usize;
        let len = rng.range(5, 9) as usize;
        for (i, f) in flare.iter_mut().skip(start).take(len).enumerate() {
            let peak = (len as f64 / 2.0 - (i as f64 - len as f64 / 2.0).abs()) / 2.0;
            *f = f64::max(*f, 1.5 + peak);
        }
    }
    let mut stress: Vec<Option<u8>> = Vec::with_capacity(n);
    let mut sleep: Vec<Option<u32>> = Vec::with_capacity(n);
    let mut meals_logged: Vec<bool> = Vec::with_capacity(n);
    for day in 0..n {
        let date = first.checked_add_days(Days::new(day as u64)).unwrap_or(first);
        let weekend = matches!(date.weekday(), Weekday::Sat | Weekday::Sun);
        let level = 3.0 + if weekend { 0.0 } else { 1.0 } + boost[day] + rng.noise(1.2);
        let level = level.round().clamp(0.0, 10.0) as u8;
        let stressed_before = day > 0 && stress[day - 1].is_some_and(|s| s >= 7);
        stress.push(rng.chance(0.9).then_some(level));
        let minutes =
            445.0 + if weekend { 30.0 } else { 0.0 } - if stressed_before { 40.0 } else { 0.0 } + rng.noise(40.0);
        let minutes = ((minutes / 5.0).round() * 5.0).clamp(180.0, 720.0) as u32;
        sleep.push(rng.chance(0.85).then_some(minutes));
        meals_logged.push(rng.chance(0.93));
    }
    let exposed = |trigger: &SyntheticTrigger| -> Vec<bool> {
        match &trigger.exposure {
            SyntheticExposure::Tag(tag) => {
                let i = TAGS.iter().position(|(t, _)| t == tag).unwrap_or(0);
                tags[i].iter().zip(&meals_logged).map(|(t, m)| *t && *m).collect()
            }
            SyntheticExposure::HighStress => stress.iter().map(|s| s.is_some_and(|s| s >= 7)).collect(),
            SyntheticExposure::ShortSleep => sleep.iter().map(|s| s.is_some_and(|m| m < 420)).collect(),
        }
    };
    let exposures: Vec<Vec<bool>> = triggers.iter().map(exposed).collect();
    let rise = |outcome: Outcome, day: usize| -> f64 {
        triggers
            .iter()
            .zip(&exposures)
            .filter(|(t, _)| t.outcome == outcome)
            .filter(|(t, e)| {
                (t.lag_min_days..=t.lag_max_days).any(|lag| day.checked_sub(lag as usize).is_some_and(|d| e[d]))
            })
            .map(|(t, _)| t.strength)
            .sum()
    };

    let mut out = Writer { zone, zone_name: ZONE, first, entries: Vec::new(), rng: Rng::new(seed.rotate_left(17)) };
    let mut acne_base = 3.0;
    for day in 0..n {
        if meals_logged[day] {
            let today: Vec<&'static str> =
                TAGS.iter().enumerate().filter(|(i, _)| tags[*i][day]).map(|(_, (t, _))| *t).collect();
            for (k, (meal, hour)) in
                [(MealKind::Breakfast, 8), (MealKind::Lunch, 13), (MealKind::Dinner, 19)].into_iter().enumerate()
            {
                // Every tag of the day goes on one of the meals.
                let on_this: Vec<String> = today
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| (i + day) % 3 == k)
                    .map(|(_, t)| (*t).to_string())
                    .collect();
                let details = EntryDetails::Meal { meal, items: vec![MealItem::FreeText { text: "meal".into() }] };
                out.push(day, hour, details, on_this);
            }
        }
        if let Some(level) = stress[day] {
            out.push(day, 18, EntryDetails::Stress { level }, Vec::new());
        }
        if let Some(minutes) = sleep[day] {
            out.push(day, 7, EntryDetails::Sleep { minutes, quality: None }, Vec::new());
        }
        acne_base = 3.0 + 0.9 * (acne_base - 3.0) + rng.noise(0.35);
        let scale = |x: f64| x.round().clamp(0.0, 10.0) as u8;
        let acne = acne_base + rng.noise(NOISE_SD) + rise(Outcome::Severity { condition: Condition::Acne }, day);
        let eczema = 2.5
            + flare[day]
            + rng.noise(NOISE_SD)
            + rise(Outcome::Severity { condition: Condition::AtopicDermatitis }, day);
        let itch = 0.6 * eczema
            + 0.5
            + rng.noise(NOISE_SD)
            + rise(Outcome::Itch { condition: Condition::AtopicDermatitis }, day);
        if rng.chance(0.88) {
            let ratings = vec![
                SkinRating { condition: Condition::Acne, severity: scale(acne), itch: None, areas: vec![] },
                SkinRating {
                    condition: Condition::AtopicDermatitis,
                    severity: scale(eczema),
                    itch: Some(scale(itch)),
                    areas: vec![],
                },
            ];
            // Late in the evening: local day, not the UTC one (23:30 in New York is the next UTC day).
            out.push(day, 23, EntryDetails::SkinCheckIn { ratings, poem: None }, Vec::new());
        }
        let bloating = 2.0 + rng.noise(NOISE_SD) + rise(Outcome::Bloating, day);
        let bristol = 3.5 + rng.noise(0.8);
        if rng.chance(0.8) {
            let details = EntryDetails::GutCheckIn {
                bristol: Some(bristol.round().clamp(1.0, 7.0) as u8),
                bloating: Some(scale(bloating)),
                pain: None,
            };
            out.push(day, 9, details, Vec::new());
        }
    }
    let profile = Profile {
        conditions: vec![Condition::Acne, Condition::AtopicDermatitis],
        birth_year: Some(1990),
        ..Profile::default()
    };
    SyntheticDiary {
        profile,
        entries: out.entries,
        first_day: time::format_date(first),
        last_day: time::format_date(last),
        triggers: triggers.to_vec(),
    }
}

/// Whether `insights` found `trigger`: a "likely" finding of a raised outcome for its exposure
/// (or a group that holds it) and outcome, at a window that overlaps the planted lag.
pub fn detected(insights: &super::Insights, trigger: &SyntheticTrigger) -> bool {
    detected_as(insights, trigger, &[super::InsightLabel::Likely])
}

/// [`detected`] with a finding labelled any of `labels` (likely or possible, say).
pub fn detected_as(insights: &super::Insights, trigger: &SyntheticTrigger, labels: &[super::InsightLabel]) -> bool {
    let key = trigger.exposure.exposure().key();
    insights.findings.iter().any(|f| {
        labels.contains(&f.label)
            && (f.exposure_key == key || f.inseparable_from.contains(&key))
            && f.outcome == trigger.outcome
            && f.effect.is_some_and(|e| e > 0.0)
            && f.lag_min_days <= trigger.lag_max_days
            && f.lag_max_days >= trigger.lag_min_days
    })
}

struct Writer {
    zone: Tz,
    zone_name: &'static str,
    first: NaiveDate,
    entries: Vec<Entry>,
    rng: Rng,
}

impl Writer {
    fn push(&mut self, day: usize, hour: u32, details: EntryDetails, tags: Vec<String>) {
        let date = self.first.checked_add_days(Days::new(day as u64)).unwrap_or(self.first);
        let minute = self.rng.range(0, 29) as u32;
        let local = NaiveDateTime::new(date, NaiveTime::from_hms_opt(hour, minute, 0).unwrap_or_default());
        let (instant, offset) = match self.zone.from_local_datetime(&local).earliest() {
            Some(t) => {
                (t.timestamp_millis(), time::zone_offset_minutes(self.zone, time::from_millis(t.timestamp_millis())))
            }
            None => (local.and_utc().timestamp_millis(), 0),
        };
        let occurred_at: SystemTime = time::from_millis(instant);
        let mut tags = tags;
        tags.sort();
        self.entries.push(Entry {
            id: format!("synthetic-{:06}", self.entries.len()),
            occurred_at,
            time_zone: self.zone_name.to_string(),
            utc_offset_minutes: offset,
            local_date: time::format_date(time::local_date(occurred_at, offset)),
            note: None,
            tags,
            deleted: false,
            details,
        });
    }
}

/// splitmix64: repeatable, and plenty for a simulation.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        let mut rng = Rng(seed);
        rng.next_u64();
        rng
    }

    fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        let span = (hi - lo + 1) as u64;
        lo + ((u128::from(self.next_u64()) * u128::from(span)) >> 64) as i64
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.range(0, items.len() as i64 - 1) as usize]
    }

    /// Approximately normal (sum of four uniforms), mean 0, standard deviation `sd`.
    fn noise(&mut self, sd: f64) -> f64 {
        let s: f64 = (0..4).map(|_| self.unit()).sum::<f64>() - 2.0;
        s * sd * 3f64.sqrt()
    }
}
