//! Personal insights: what tends to come before the user's flares, in their own diary.
//!
//! For every exposure (a food flag such as dairy, a food of the table, a tag, a stressful day, a
//! short night, antibiotics) and every outcome the user tracks (skin severity and itch per
//! condition, bloating, tummy pain, stool form), and for each lag window that fits the exposure,
//! the outcome on days in the window after the exposure is compared with days clear of it. See
//! docs/insights.md for the method, its choices and its measured honesty.
//!
//! - **Days** are the user's local days ([`crate::Entry::local_date`]); an outcome is the day's
//!   worst value.
//! - **Windows** ([`windows_for`]): foods, flags and tags the same day (0), the next day (1) and
//!   two days later (2); stress the next day (1) and about a week later (6-8); short sleep that day
//!   or the next (0, 1); antibiotics during a course and the week after (0-7).
//! - **Exposed** days had the exposure somewhere in the window; **unexposed** days are known to be
//!   clear of it on every day of the window. Days the diary cannot classify are left out.
//! - **Test** (`stats::fit`): the outcome regressed on the exposure with one intercept per
//!   fortnight, its variance inflated by Bartlett's factor for the autocorrelation of both series;
//!   a one-sided p-value from the same fit on the outcome's normal scores. Deterministic.
//! - **Multiple testing**: Benjamini-Hochberg at q = 0.10 over the comparisons that could be
//!   "likely" (enough days both sides, [`MIN_DAYS_LIKELY`]); those short of it are adjusted over
//!   every comparison tested and can at most be "possible" ([`q_values`]).
//! - **Labels**: [`InsightLabel`]; minimum counts [`MIN_DAYS`] and [`MIN_DAYS_LIKELY`].
//! - Exposures whose daily series are identical are tested once and reported together.

mod days;
pub(crate) mod messages;
mod stats;
pub mod synthetic;

#[cfg(test)]
mod tests;

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::diary::{Diary, MAX_SUMMARY_DAYS};
use crate::error::{GutskinError, Result};
use crate::model::{Condition, Entry, Profile};
use crate::time;

pub use days::{HIGH_STRESS, age_in, min_sleep_minutes};
use messages::{Lang, Msg, fill, text};

/// The version of the method; findings of different versions are not comparable.
pub const METHOD_VERSION: u32 = 1;
/// The false discovery rate the "likely" label controls (Benjamini-Hochberg).
pub const FDR_Q: f64 = 0.10;
/// A looser q for "possible".
pub const POSSIBLE_Q: f64 = 0.25;
/// Fewer exposed or unexposed days than this: not tested ("not enough data").
pub const MIN_DAYS: u32 = 6;
/// "Likely" needs at least this many exposed and unexposed days.
pub const MIN_DAYS_LIKELY: u32 = 10;
/// "Likely" needs an effect of at least this many points: a difference a person would notice.
pub const MIN_EFFECT_LIKELY: f64 = 1.0;
/// A day is bad (part of a flare) when its value is at least this much above the personal baseline.
pub const FLARE_RISE: f64 = 2.0;
/// The personal baseline: the median of the previous 28 days' values (at least 7 of them).
pub const BASELINE_DAYS: i64 = 28;
/// Bristol types 5-7 are loose (evidence.md, scales).
pub const LOOSE_BRISTOL: f64 = 5.0;

/// A food flag of the table (or a meal tag that names one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum FoodFlag {
    Dairy,
    /// NOVA 4.
    HighlyProcessed,
    Sugary,
    Alcohol,
    Fermented,
}

impl FoodFlag {
    pub const ALL: [FoodFlag; 5] =
        [FoodFlag::Dairy, FoodFlag::HighlyProcessed, FoodFlag::Sugary, FoodFlag::Alcohol, FoodFlag::Fermented];

    pub fn as_str(self) -> &'static str {
        match self {
            FoodFlag::Dairy => "dairy",
            FoodFlag::HighlyProcessed => "highly_processed",
            FoodFlag::Sugary => "sugary",
            FoodFlag::Alcohol => "alcohol",
            FoodFlag::Fermented => "fermented",
        }
    }
}

/// Something the user was exposed to on a day.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Exposure {
    /// A meal with a food of this flag, or a meal tagged with the flag's name ("dairy").
    Flag { flag: FoodFlag },
    /// A meal with this food of the table.
    Food { food_id: String },
    /// Any entry with this tag (tags naming a food flag count as the flag).
    Tag { tag: String },
    /// A stress level of [`HIGH_STRESS`] or more.
    HighStress,
    /// Less sleep than the minimum recommended for the user's age (7 h for adults).
    ShortSleep,
    /// A day of an antibiotic course (from the course's dates).
    Antibiotics,
}

impl Exposure {
    /// A stable key: `flag:dairy`, `food:lentils-cooked`, `tag:spicy`, `stress:high`, `sleep:short`,
    /// `antibiotics`.
    pub fn key(&self) -> String {
        match self {
            Exposure::Flag { flag } => format!("flag:{}", flag.as_str()),
            Exposure::Food { food_id } => format!("food:{food_id}"),
            Exposure::Tag { tag } => format!("tag:{tag}"),
            Exposure::HighStress => "stress:high".into(),
            Exposure::ShortSleep => "sleep:short".into(),
            Exposure::Antibiotics => "antibiotics".into(),
        }
    }

    fn is_food(&self) -> bool {
        matches!(self, Exposure::Flag { .. } | Exposure::Food { .. } | Exposure::Tag { .. })
    }
}

/// What an exposure may come before.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Outcome {
    /// The day's worst severity (0-10) of a condition.
    Severity { condition: Condition },
    /// The day's worst itch (0-10) of a condition.
    Itch { condition: Condition },
    /// The day's worst bloating (0-10).
    Bloating,
    /// The day's worst tummy pain (0-10).
    GutPain,
    /// The day's loosest stool (Bristol 1-7).
    StoolForm,
}

impl Outcome {
    /// A stable key: `severity:acne`, `itch:atopic_dermatitis`, `bloating`, `gut_pain`, `stool_form`.
    pub fn key(&self) -> String {
        match self {
            Outcome::Severity { condition } => format!("severity:{}", condition.as_str()),
            Outcome::Itch { condition } => format!("itch:{}", condition.as_str()),
            Outcome::Bloating => "bloating".into(),
            Outcome::GutPain => "gut_pain".into(),
            Outcome::StoolForm => "stool_form".into(),
        }
    }
}

/// How much a finding can be trusted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum InsightLabel {
    /// q <= 0.10 (Benjamini-Hochberg over the comparisons with at least [`MIN_DAYS_LIKELY`]
    /// exposed and unexposed days), one of them, and an effect of at least [`MIN_EFFECT_LIKELY`].
    Likely,
    /// q <= 0.25, or q <= 0.10 with fewer days than "likely" needs: worth watching.
    Possible,
    /// Tested; nothing stands out.
    NoClearLink,
    /// Fewer than [`MIN_DAYS`] exposed or unexposed days (an exposure on every day, say): not tested.
    NotEnoughData,
}

/// The counts behind a finding.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FindingCounts {
    /// Days with the outcome logged that fell in the window after the exposure.
    pub exposed_days: u32,
    /// Days with the outcome logged that were clear of the exposure.
    pub unexposed_days: u32,
    /// Bad spells (flares) of the outcome that started in the period (see docs/insights.md).
    pub flares: u32,
    /// Of those, the ones that started in the window after the exposure.
    pub flares_after_exposure: u32,
    /// Bad days among the exposed and the unexposed days.
    pub bad_exposed_days: u32,
    pub bad_unexposed_days: u32,
}

/// One exposure × outcome × lag comparison.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Finding {
    pub exposure: Exposure,
    pub exposure_key: String,
    pub exposure_name: String,
    /// Keys of exposures that always came on the same days as this one: the diary cannot tell
    /// them apart, and they were tested once, together.
    pub inseparable_from: Vec<String>,
    pub outcome: Outcome,
    pub outcome_key: String,
    pub outcome_name: String,
    /// The window after the exposure, in days (0 = the same local day).
    pub lag_min_days: u32,
    pub lag_max_days: u32,
    pub counts: FindingCounts,
    /// Mean outcome on exposed and unexposed days (points of its scale).
    pub mean_exposed: Option<f64>,
    pub mean_unexposed: Option<f64>,
    /// How much higher the outcome was after the exposure, in points, with its 95% interval:
    /// each day compared with days of its own fortnight (14-day block), so slow changes do not
    /// count. It can differ from `mean_exposed - mean_unexposed`, which mixes in those changes.
    pub effect: Option<f64>,
    pub ci_low: Option<f64>,
    pub ci_high: Option<f64>,
    pub p_value: Option<f64>,
    /// The Benjamini-Hochberg adjusted p-value: over the comparisons with at least
    /// [`MIN_DAYS_LIKELY`] exposed and unexposed days when this is one of them, else over every
    /// comparison tested.
    pub q_value: Option<f64>,
    pub label: InsightLabel,
    /// The label in the profile's language.
    pub label_name: String,
    /// One sentence: the link (or that there is none, or too little data).
    pub headline: String,
    /// The numbers in words, and the flares it came before.
    pub details: Vec<String>,
    /// A hypothesis to test (empty unless likely or possible).
    pub suggestion: String,
}

/// The insights over a range of days.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Insights {
    pub method_version: u32,
    pub from: String,
    pub to: String,
    pub days_with_entries: u32,
    /// Comparisons tested (enough data for a p-value). The false discovery rate of "likely" is
    /// controlled over those of them with at least [`MIN_DAYS_LIKELY`] exposed and unexposed days.
    pub tests: u32,
    pub likely: u32,
    pub possible: u32,
    /// Likely first (smallest q first), then possible, then no clear link, then not enough data.
    pub findings: Vec<Finding>,
    pub summary: String,
    pub caveat: String,
}

/// Per exposure of the diary over `first..=last`: the exposure, its name in the profile's
/// language, and whether it happened on each day (for the report's chart).
pub fn exposure_days(
    entries: &[Entry],
    profile: &Profile,
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<(Exposure, String, Vec<bool>)> {
    let lang = Lang::from_locale(&profile.locale);
    let table = days::build(entries, profile, first, last);
    let ctx = TextContext { lang, profile, last, short_sleep_minutes: table.short_sleep_minutes };
    table
        .exposures
        .iter()
        .map(|e| {
            (e.exposure.clone(), ctx.exposure_name(&e.exposure), e.days.iter().map(|d| *d == Some(true)).collect())
        })
        .collect()
}

/// The language ("en" or "de") of the texts for a profile's `locale`: "de", "de-DE", "de_AT",
/// "de.UTF-8" ... are German, anything else English. For callers that add words of their own.
pub fn text_language(locale: &str) -> &'static str {
    Lang::from_locale(locale).code()
}

/// An outcome's name in a language.
pub(crate) fn outcome_name(outcome: Outcome, lang: Lang) -> &'static str {
    let msg = match outcome {
        Outcome::Severity { condition } => Msg::Severity(condition),
        Outcome::Itch { condition } => Msg::Itch(condition),
        Outcome::Bloating => Msg::Bloating,
        Outcome::GutPain => Msg::GutPain,
        Outcome::StoolForm => Msg::StoolForm,
    };
    text(lang, msg)
}

/// The lag windows (min, max days) tested for an exposure.
pub fn windows_for(exposure: &Exposure) -> &'static [(u32, u32)] {
    match exposure {
        Exposure::Flag { .. } | Exposure::Food { .. } | Exposure::Tag { .. } => &[(0, 0), (1, 1), (2, 2)],
        Exposure::HighStress => &[(1, 1), (6, 8)],
        Exposure::ShortSleep => &[(0, 0), (1, 1)],
        Exposure::Antibiotics => &[(0, 7)],
    }
}

/// The longest reach back any window needs, margin included.
const MAX_REACH: u32 = 9;

impl Diary {
    /// Personal insights over the local days `from`..=`to` ("YYYY-MM-DD", at most ten years), in
    /// the profile's language. Reads the entries (and the days just before `from` that the lag
    /// windows reach back to) and the profile; writes nothing.
    pub fn insights(&self, from: &str, to: &str) -> Result<Insights> {
        let (first, last) = range(from, to)?;
        let reach = first.checked_sub_days(Days::new(u64::from(MAX_REACH))).unwrap_or(first);
        let entries = self.entries_between(&time::format_date(reach), to, None, false)?;
        let profile = self.profile()?;
        Ok(analyse(&entries, &profile, first, last))
    }
}

fn range(from: &str, to: &str) -> Result<(NaiveDate, NaiveDate)> {
    let first = time::parse_date("from", from)?;
    let last = time::parse_date("to", to)?;
    if last < first {
        return Err(GutskinError::invalid("to", "must not be before from"));
    }
    if (last - first).num_days() >= MAX_SUMMARY_DAYS {
        return Err(GutskinError::invalid("to", format!("the range may cover at most {MAX_SUMMARY_DAYS} days")));
    }
    Ok((first, last))
}

/// The insights of `entries` (any order; deleted ones are skipped) over `from`..=`to`: the same
/// analysis as [`Diary::insights`], for entries held in memory (the synthetic evaluation).
pub fn analyse_entries(entries: &[Entry], profile: &Profile, from: &str, to: &str) -> Result<Insights> {
    let (first, last) = range(from, to)?;
    Ok(analyse(entries, profile, first, last))
}

/// One planned comparison before testing.
struct Planned {
    exposure: usize,
    together: Vec<usize>,
    outcome: usize,
    window: (u32, u32),
    counts: FindingCounts,
    comparison: Option<stats::Comparison>,
}

pub(crate) fn analyse(entries: &[Entry], profile: &Profile, first: NaiveDate, last: NaiveDate) -> Insights {
    let lang = Lang::from_locale(&profile.locale);
    let reach = first.checked_sub_days(Days::new(u64::from(MAX_REACH))).unwrap_or(first);
    let table = days::build(entries, profile, reach, last);
    let offset = (time::day_number(first) - table.first) as usize;

    // Exposures with identical series are one exposure: the first stands for the group.
    let mut groups: Vec<(usize, Vec<usize>)> = Vec::new();
    for (i, e) in table.exposures.iter().enumerate() {
        if !e.days.iter().skip(offset.saturating_sub(MAX_REACH as usize)).any(|d| *d == Some(true)) {
            continue;
        }
        match groups.iter_mut().find(|(lead, _)| table.exposures[*lead].days == e.days) {
            Some((_, together)) => together.push(i),
            None => groups.push((i, Vec::new())),
        }
    }

    let bad: Vec<Vec<Option<bool>>> = table.outcomes.iter().map(bad_days).collect();
    let mut planned = Vec::new();
    for (lead, together) in &groups {
        let exposure = &table.exposures[*lead];
        let windows = windows_for(&exposure.exposure);
        for (oi, outcome) in table.outcomes.iter().enumerate() {
            for &window in windows {
                // The days with the outcome logged and the exposure known over the window.
                let mut day_numbers = Vec::new();
                let mut values = Vec::new();
                let mut z = Vec::new();
                let mut counts = FindingCounts::default();
                for slot in offset..table.len {
                    let status = in_window(&exposure.days, slot, window);
                    let starts = bad[oi][slot] == Some(true) && (slot == 0 || bad[oi][slot - 1] != Some(true));
                    if starts {
                        counts.flares += 1;
                        counts.flares_after_exposure += u32::from(status == Some(true));
                    }
                    let (Some(value), Some(exposed)) = (outcome.days[slot], status) else { continue };
                    let is_bad = bad[oi][slot] == Some(true);
                    day_numbers.push(slot as i64);
                    values.push(value);
                    z.push(exposed);
                    if exposed {
                        counts.exposed_days += 1;
                        counts.bad_exposed_days += u32::from(is_bad);
                    } else {
                        counts.unexposed_days += 1;
                        counts.bad_unexposed_days += u32::from(is_bad);
                    }
                }
                let enough = counts.exposed_days >= MIN_DAYS && counts.unexposed_days >= MIN_DAYS;
                let comparison = if enough { stats::fit(&day_numbers, &values, &[z]).pop().flatten() } else { None };
                planned.push(Planned {
                    exposure: *lead,
                    together: together.clone(),
                    outcome: oi,
                    window,
                    counts,
                    comparison,
                });
            }
        }
    }

    let q_values = q_values(&planned);
    let tests = planned.iter().filter(|c| c.comparison.is_some()).count() as u32;
    let ctx = TextContext { lang, profile, last, short_sleep_minutes: table.short_sleep_minutes };
    let mut findings: Vec<Finding> =
        planned.into_iter().zip(q_values).map(|(c, q_value)| finding(&ctx, &table, c, q_value)).collect();
    findings.sort_by(|a, b| {
        a.label
            .cmp(&b.label)
            .then(a.q_value.unwrap_or(2.0).total_cmp(&b.q_value.unwrap_or(2.0)))
            .then(a.exposure_key.cmp(&b.exposure_key))
            .then(a.outcome_key.cmp(&b.outcome_key))
            .then(a.lag_min_days.cmp(&b.lag_min_days))
    });
    let likely = findings.iter().filter(|f| f.label == InsightLabel::Likely).count() as u32;
    let possible = findings.iter().filter(|f| f.label == InsightLabel::Possible).count() as u32;
    let summary = if tests == 0 {
        text(lang, Msg::SummaryNothing).to_string()
    } else {
        fill(
            text(lang, Msg::Summary),
            &[("likely", &likely.to_string()), ("possible", &possible.to_string()), ("tests", &tests.to_string())],
        )
    };
    Insights {
        method_version: METHOD_VERSION,
        from: time::format_date(first),
        to: time::format_date(last),
        days_with_entries: table.has_entries[offset..].iter().filter(|d| **d).count() as u32,
        tests,
        likely,
        possible,
        findings,
        summary,
        caveat: text(lang, Msg::Caveat).to_string(),
    }
}

/// The Benjamini-Hochberg q-value of each tested comparison, in two families:
///
/// - comparisons with at least [`MIN_DAYS_LIKELY`] exposed and unexposed days, the only ones
///   that can be labelled "likely", are adjusted among themselves;
/// - comparisons short of that (but with [`MIN_DAYS`]) can at most be "possible", and are
///   adjusted among every comparison tested.
///
/// Which family a comparison belongs to depends on the days the exposure and the outcome were
/// logged, never on the outcome's values, so leaving the short ones out of the first family keeps
/// the false discovery rate of "likely" under control (independent filtering) while they no longer
/// dilute it.
fn q_values(planned: &[Planned]) -> Vec<Option<f64>> {
    let eligible = |c: &Planned| {
        c.comparison.is_some() && c.counts.exposed_days >= MIN_DAYS_LIKELY && c.counts.unexposed_days >= MIN_DAYS_LIKELY
    };
    let adjust = |members: &[usize]| -> Vec<f64> {
        let p: Vec<f64> = members.iter().filter_map(|&i| planned[i].comparison.map(|c| c.p_value)).collect();
        stats::benjamini_hochberg(&p)
    };
    let tested: Vec<usize> = (0..planned.len()).filter(|&i| planned[i].comparison.is_some()).collect();
    let likely_family: Vec<usize> = tested.iter().copied().filter(|&i| eligible(&planned[i])).collect();
    let mut out = vec![None; planned.len()];
    for (&i, q) in tested.iter().zip(adjust(&tested)) {
        out[i] = Some(q);
    }
    for (&i, q) in likely_family.iter().zip(adjust(&likely_family)) {
        out[i] = Some(q);
    }
    out
}

/// Whether the exposure fell in `window` before the day at `slot`: `Some(true)` if on any day of
/// it, `Some(false)` if known not to on every day of it, `None` if the diary cannot say.
fn in_window(series: &[Option<bool>], slot: usize, (min, max): (u32, u32)) -> Option<bool> {
    let at = |lag: u32| slot.checked_sub(lag as usize).and_then(|s| series.get(s).copied().flatten());
    if (min..=max).any(|lag| at(lag) == Some(true)) {
        return Some(true);
    }
    (min..=max).all(|lag| at(lag) == Some(false)).then_some(false)
}

/// Bad days of an outcome: at least [`FLARE_RISE`] above the personal baseline (the median of the
/// previous [`BASELINE_DAYS`] days' values when there are 7 or more, else of all the values);
/// for stool form, a loose stool (Bristol 5-7).
fn bad_days(series: &days::OutcomeSeries) -> Vec<Option<bool>> {
    if series.outcome == Outcome::StoolForm {
        return series.days.iter().map(|v| v.map(|v| v >= LOOSE_BRISTOL)).collect();
    }
    let all: Vec<f64> = series.days.iter().flatten().copied().collect();
    let overall = median(all);
    (0..series.days.len())
        .map(|slot| {
            let value = series.days[slot]?;
            let from = slot.saturating_sub(BASELINE_DAYS as usize);
            let previous: Vec<f64> = series.days[from..slot].iter().flatten().copied().collect();
            let baseline = if previous.len() >= 7 { median(previous) } else { overall };
            Some(value >= baseline + FLARE_RISE)
        })
        .collect()
}

fn median(mut values: Vec<f64>) -> f64 {
    if values.is_empty() {
        return 0.0;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    if values.len() % 2 == 1 { values[mid] } else { 0.5 * (values[mid - 1] + values[mid]) }
}

struct TextContext<'a> {
    lang: Lang,
    profile: &'a Profile,
    last: NaiveDate,
    short_sleep_minutes: u32,
}

impl TextContext<'_> {
    fn exposure_name(&self, exposure: &Exposure) -> String {
        match exposure {
            Exposure::Flag { flag } => text(self.lang, Msg::Flag(*flag)).to_string(),
            Exposure::Food { food_id } => days::food_by_id(food_id)
                .map(|f| f.name_in_sentence(self.lang.code()))
                .unwrap_or_else(|| food_id.clone()),
            Exposure::Tag { tag } => fill(text(self.lang, Msg::Tag), &[("tag", tag)]),
            Exposure::HighStress => text(self.lang, Msg::HighStress).to_string(),
            Exposure::ShortSleep => {
                fill(text(self.lang, Msg::ShortSleep), &[("hours", &hours(self.short_sleep_minutes))])
            }
            Exposure::Antibiotics => text(self.lang, Msg::Antibiotics).to_string(),
        }
    }

    /// The name after a preposition: German declines it ("mit Milchprodukten"); food names and
    /// tags stay as they are.
    fn exposure_after_preposition(&self, exposure: &Exposure) -> String {
        match exposure {
            Exposure::Flag { flag } => text(self.lang, Msg::FlagDative(*flag)).to_string(),
            Exposure::HighStress => text(self.lang, Msg::HighStressDative).to_string(),
            Exposure::ShortSleep => {
                fill(text(self.lang, Msg::ShortSleepDative), &[("hours", &hours(self.short_sleep_minutes))])
            }
            Exposure::Antibiotics => text(self.lang, Msg::AntibioticsDative).to_string(),
            Exposure::Food { .. } | Exposure::Tag { .. } => self.exposure_name(exposure),
        }
    }

    /// Whether the English `name` of `exposure` is a plural ("antibiotics", "walnuts"), for "are
    /// linked".
    fn plural(exposure: &Exposure, name: &str) -> bool {
        match exposure {
            Exposure::Antibiotics => true,
            Exposure::Food { .. } => {
                let noun = name.split([' ', '(']).take_while(|w| *w != "with").filter(|w| !w.is_empty()).last();
                noun.is_some_and(|w| w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us"))
            }
            _ => false,
        }
    }

    fn outcome_name(&self, outcome: Outcome) -> &'static str {
        outcome_name(outcome, self.lang)
    }

    /// The two ways a window is said: the lag after an outcome ("2 days later"), and the exposed
    /// days for the numbers ("on 32 days that came 2 days after dairy").
    fn window_messages(exposure: &Exposure, (min, max): (u32, u32)) -> (Msg, Msg) {
        match (exposure, min, max) {
            (Exposure::Antibiotics, _, _) => (Msg::LagCourse, Msg::AfterCourse),
            (_, 0, 0) => (Msg::LagSameDay, Msg::AfterSameDay),
            (_, 1, 1) => (Msg::LagNextDay, Msg::AfterNextDay),
            (_, 1, 2) => (Msg::LagOneToTwo, Msg::AfterOneToTwo),
            (_, 6, 8) => (Msg::LagAboutAWeek, Msg::AfterAboutAWeek),
            (_, 0, 1) => (Msg::LagSameOrNext, Msg::AfterSameOrNext),
            (_, a, b) if a == b => (Msg::LagDay, Msg::AfterDay),
            _ => (Msg::LagDays, Msg::AfterDays),
        }
    }

    fn lag_name(&self, exposure: &Exposure, (min, max): (u32, u32)) -> String {
        let (msg, _) = Self::window_messages(exposure, (min, max));
        fill(text(self.lang, msg), &[("min", &min.to_string()), ("max", &max.to_string())])
    }

    /// The exposed days of a window, for the numbers; `exposure_name` as after a preposition.
    fn after(&self, exposure: &Exposure, exposure_name: &str, (min, max): (u32, u32), days: u32) -> String {
        let (_, msg) = Self::window_messages(exposure, (min, max));
        fill(
            text(self.lang, msg),
            &[
                ("days", &days.to_string()),
                ("exposure", exposure_name),
                ("min", &min.to_string()),
                ("max", &max.to_string()),
            ],
        )
    }

    fn minor(&self) -> bool {
        age_in(self.profile, self.last.year()).is_some_and(|a| a < 18)
    }
}

fn hours(minutes: u32) -> String {
    let h = f64::from(minutes) / 60.0;
    if h.fract() == 0.0 { format!("{h:.0}") } else { format!("{h:.1}") }
}

fn number(lang: Lang, value: f64, decimals: usize) -> String {
    let s = format!("{value:.decimals$}");
    if lang == Lang::De { s.replace('.', ",") } else { s }
}

/// "< 0.001" or "= 0.012" (to follow "p " or "q ").
fn p_text(lang: Lang, p: f64) -> String {
    if p < 0.001 { format!("< {}", number(lang, 0.001, 3)) } else { format!("= {}", number(lang, p, 3)) }
}

fn finding(ctx: &TextContext, table: &days::DayTable, c: Planned, q_value: Option<f64>) -> Finding {
    let lang = ctx.lang;
    let exposure = table.exposures[c.exposure].exposure.clone();
    let outcome = table.outcomes[c.outcome].outcome;
    let exposure_name = ctx.exposure_name(&exposure);
    // German puts the exposure after a preposition in every sentence but "Together"; in English
    // that form is the name itself.
    let exposure_in_sentence = match lang {
        Lang::De => ctx.exposure_after_preposition(&exposure),
        Lang::En => exposure_name.clone(),
    };
    let outcome_name = ctx.outcome_name(outcome).to_string();
    let lag = ctx.lag_name(&exposure, c.window);
    let together: Vec<Exposure> = c.together.iter().map(|&i| table.exposures[i].exposure.clone()).collect();
    let enough_for_likely = c.counts.exposed_days >= MIN_DAYS_LIKELY && c.counts.unexposed_days >= MIN_DAYS_LIKELY;
    let label = match (c.comparison, q_value) {
        (Some(cmp), Some(q)) if q <= FDR_Q && enough_for_likely && cmp.effect >= MIN_EFFECT_LIKELY => {
            InsightLabel::Likely
        }
        (Some(_), Some(q)) if q <= POSSIBLE_Q => InsightLabel::Possible,
        (Some(_), Some(_)) => InsightLabel::NoClearLink,
        _ => InsightLabel::NotEnoughData,
    };
    let mut details = Vec::new();
    let mut suggestion = String::new();
    let headline = match (label, c.comparison) {
        (InsightLabel::Likely | InsightLabel::Possible, Some(cmp)) => {
            let msg = match (cmp.effect >= 0.0, TextContext::plural(&exposure, &exposure_name)) {
                (true, false) => Msg::HeadlineHigher,
                (false, false) => Msg::HeadlineLower,
                (true, true) => Msg::HeadlineHigherPlural,
                (false, true) => Msg::HeadlineLowerPlural,
            };
            let headline = fill(
                text(lang, msg),
                &[("exposure", &exposure_in_sentence), ("outcome", &outcome_name), ("lag", &lag)],
            );
            details.push(fill(
                text(lang, Msg::Detail),
                &[
                    ("outcome", &capitalise(&outcome_name)),
                    ("mean_exposed", &number(lang, cmp.mean_exposed, 1)),
                    ("after", &ctx.after(&exposure, &exposure_in_sentence, c.window, c.counts.exposed_days)),
                    ("mean_unexposed", &number(lang, cmp.mean_unexposed, 1)),
                    ("unexposed_days", &c.counts.unexposed_days.to_string()),
                    ("effect", &signed(lang, cmp.effect)),
                    ("low", &signed(lang, cmp.ci_low)),
                    ("high", &signed(lang, cmp.ci_high)),
                    ("p", &p_text(lang, cmp.p_value)),
                    ("q", &p_text(lang, q_value.unwrap_or(1.0))),
                ],
            ));
            if c.counts.flares > 0 && cmp.effect > 0.0 {
                details.push(fill(
                    text(lang, Msg::Flares),
                    &[
                        ("x", &c.counts.flares_after_exposure.to_string()),
                        ("y", &c.counts.flares.to_string()),
                        ("outcome", &outcome_name),
                    ],
                ));
            }
            suggestion = suggest(ctx, &exposure, cmp.effect);
            headline
        }
        (InsightLabel::NoClearLink, _) => fill(
            text(lang, Msg::NoClearLink),
            &[("exposure", &exposure_in_sentence), ("outcome", &outcome_name), ("lag", &lag)],
        ),
        _ => fill(
            text(lang, Msg::NotEnough),
            &[
                ("exposure", &exposure_in_sentence),
                ("exposed_days", &c.counts.exposed_days.to_string()),
                ("unexposed_days", &c.counts.unexposed_days.to_string()),
                ("min", &MIN_DAYS.to_string()),
            ],
        ),
    };
    if !together.is_empty() {
        let others: Vec<String> = together.iter().map(|e| ctx.exposure_name(e)).collect();
        details.push(fill(text(lang, Msg::Together), &[("exposure", &exposure_name), ("others", &others.join(", "))]));
    }
    Finding {
        exposure_key: exposure.key(),
        exposure,
        exposure_name,
        inseparable_from: together.iter().map(Exposure::key).collect(),
        outcome_key: outcome.key(),
        outcome,
        outcome_name,
        lag_min_days: c.window.0,
        lag_max_days: c.window.1,
        counts: c.counts,
        mean_exposed: c.comparison.map(|c| c.mean_exposed),
        mean_unexposed: c.comparison.map(|c| c.mean_unexposed),
        effect: c.comparison.map(|c| c.effect),
        ci_low: c.comparison.map(|c| c.ci_low),
        ci_high: c.comparison.map(|c| c.ci_high),
        p_value: c.comparison.map(|c| c.p_value),
        q_value,
        label,
        label_name: text(lang, Msg::Label(label)).to_string(),
        headline,
        details,
        suggestion,
    }
}

fn suggest(ctx: &TextContext, exposure: &Exposure, effect: f64) -> String {
    let lang = ctx.lang;
    if *exposure == Exposure::Antibiotics {
        return text(lang, Msg::Antibiotic).to_string();
    }
    if effect < 0.0 {
        return text(lang, Msg::KeepWatching).to_string();
    }
    match exposure {
        e if e.is_food() && ctx.minor() => text(lang, Msg::TryWithoutMinor).to_string(),
        e if e.is_food() => fill(text(lang, Msg::TryWithout), &[("exposure", &ctx.exposure_after_preposition(e))]),
        Exposure::HighStress => text(lang, Msg::TryStress).to_string(),
        Exposure::ShortSleep => fill(text(lang, Msg::TrySleep), &[("hours", &hours(ctx.short_sleep_minutes))]),
        _ => text(lang, Msg::KeepWatching).to_string(),
    }
}

fn signed(lang: Lang, v: f64) -> String {
    let s = number(lang, v.abs(), 1);
    if v < -0.05 {
        format!("-{s}")
    } else if v > 0.05 {
        format!("+{s}")
    } else {
        s
    }
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
