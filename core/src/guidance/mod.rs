//! Guidance: evidence-based dietary and lifestyle cards from the user's recent diary.
//!
//! The rules are data ([`rules::RULES`]): each names the metric it reads, its window (the last 7
//! or 14 days), how many days of data it needs, its target (age-aware where the evidence is),
//! the row of the evidence file it rests on (source and strength), the conditions it is for, a
//! priority, and how to pick a food to try. [`Diary::guidance`] measures every metric, and each
//! rule whose target is missed yields a card: what was measured, the target, why it matters for
//! the gut-skin axis, one thing to try (a food the user already eats that fits, else a common
//! one from the table), the source and its strength. A rule met yields no card, except at most
//! one word of praise. At most [`MAX_CARDS`] cards, the most useful first. Texts come from the
//! catalogue in `messages.rs` (English and German). See docs/guidance.md.

mod messages;
mod metrics;
pub mod rules;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::diary::Diary;
use crate::error::Result;
use crate::foods;
use crate::model::{DaySummary, Entry, Profile};
use crate::time;

use messages::{Lang, Note, Part, fill, note, text};
pub use metrics::Metrics;
use rules::{RULES, RULESET_VERSION, Rule, Target};

/// At most this many cards at a time (praise included).
pub const MAX_CARDS: usize = 4;
/// How far back the diary is read for habits (foods the user eats).
const HABIT_DAYS: u64 = 28;

/// What a card is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum CardKind {
    /// Something to take care with (antibiotics, probiotics and eczema).
    Caution,
    /// A target missed: one thing to try.
    Suggestion,
    /// A target met.
    Praise,
}

/// One guidance card.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct GuidanceCard {
    pub rule_id: String,
    pub rule_version: u32,
    pub kind: CardKind,
    /// 1 is the most important.
    pub priority: u8,
    pub title: String,
    /// What was measured, in words.
    pub measured: String,
    pub measured_value: Option<f64>,
    /// The target, in words.
    pub target: String,
    pub target_value: Option<f64>,
    /// Why it matters for the gut-skin axis.
    pub why: String,
    /// One concrete thing to try (empty for praise).
    pub try_this: String,
    /// The food of the table the suggestion names, if any.
    pub food_id: Option<String>,
    /// The evidence row: its topic, source and strength.
    pub evidence_topic: String,
    pub source: String,
    pub strength: String,
}

/// The guidance for a day.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Guidance {
    pub date: String,
    pub ruleset_version: u32,
    /// The most useful first; at most [`MAX_CARDS`].
    pub cards: Vec<GuidanceCard>,
    /// Rules that had too little data to say anything (ids).
    pub not_enough_data: Vec<String>,
    /// A line for when some rules had too little data, else empty.
    pub note: String,
    pub disclaimer: String,
}

impl Diary {
    /// Guidance for the local day `date` ("YYYY-MM-DD"), from the days up to it, in the profile's
    /// language. Reads the last four weeks of entries and the profile; writes nothing.
    pub fn guidance(&self, date: &str) -> Result<Guidance> {
        let day = time::parse_date("date", date)?;
        let from = day.checked_sub_days(Days::new(HABIT_DAYS - 1)).unwrap_or(day);
        let from = time::format_date(from);
        let entries = self.entries_between(&from, date, None, false)?;
        let summaries = self.day_summaries(&from, date)?;
        let profile = self.profile()?;
        Ok(guidance_for(&entries, &summaries, &profile, day))
    }
}

/// The guidance for `day` from `entries` and day `summaries` (the four weeks up to it, any order):
/// the same as [`Diary::guidance`], for data held in memory.
pub fn guidance_for(entries: &[Entry], summaries: &[DaySummary], profile: &Profile, day: NaiveDate) -> Guidance {
    let lang = Lang::from_locale(&profile.locale);
    let habits = Habits::read(entries);
    let mut cards: Vec<(GuidanceCard, f64)> = Vec::new();
    let mut praise: Vec<(u8, GuidanceCard)> = Vec::new();
    let mut not_enough = Vec::new();
    for rule in RULES {
        if !rule.conditions.is_empty() && !rule.conditions.iter().any(|c| profile.conditions.contains(c)) {
            continue;
        }
        match evaluate(rule, entries, summaries, day, profile, &habits) {
            Outcome::NotEnoughData => not_enough.push(rule.id.to_string()),
            Outcome::Met(Some(card)) => praise.push((rule.priority, card)),
            Outcome::Met(None) => {}
            Outcome::Missed(card, gap) => cards.push((card, gap)),
        }
    }
    cards.sort_by(|a, b| a.0.priority.cmp(&b.0.priority).then(b.1.total_cmp(&a.1)).then(a.0.rule_id.cmp(&b.0.rule_id)));
    let mut chosen: Vec<GuidanceCard> = cards.into_iter().map(|(c, _)| c).take(MAX_CARDS - 1).collect();
    // The praise of the most important rule met (a praise card itself shows priority 9, last).
    praise.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.rule_id.cmp(&b.1.rule_id)));
    chosen.extend(praise.into_iter().map(|(_, c)| c).take(1));
    let note_text = if not_enough.is_empty() {
        String::new()
    } else {
        fill(note(lang, Note::NothingToSay), &[("count", &not_enough.len().to_string())])
    };
    Guidance {
        date: time::format_date(day),
        ruleset_version: RULESET_VERSION,
        cards: chosen,
        not_enough_data: not_enough,
        note: note_text,
        disclaimer: note(lang, Note::Disclaimer).to_string(),
    }
}

/// What one rule says about the window of days ending on `day`.
#[derive(Debug)]
enum Outcome {
    /// Fewer days (or meals) of data than the rule needs.
    NotEnoughData,
    /// The target is met: a card of praise if the rule gives one.
    Met(Option<GuidanceCard>),
    /// The target is missed (or, for a caution, what it watches is present): the card, and how
    /// far the target was missed (a share of it), to order cards of equal priority.
    Missed(GuidanceCard, f64),
}

fn evaluate(
    rule: &Rule,
    entries: &[Entry],
    summaries: &[DaySummary],
    day: NaiveDate,
    profile: &Profile,
    habits: &Habits,
) -> Outcome {
    let lang = Lang::from_locale(&profile.locale);
    let age = crate::insights::age_in(profile, day.year());
    let from = day.checked_sub_days(Days::new(u64::from(rule.window_days) - 1)).unwrap_or(day);
    let mut metrics = Metrics::measure(entries, summaries, from, day);
    metrics.daily_energy_kcal = profile.daily_energy_kcal;
    let Some((value, days)) = metrics.value(rule.metric).filter(|(_, days)| *days >= rule.min_days) else {
        return Outcome::NotEnoughData;
    };
    let target = target_value(rule.target, age);
    let (met, gap) = match rule.target {
        Target::Present => (value <= 0.0, 1.0),
        Target::AtLeast(_) | Target::AtLeastByAge(_) => {
            let t = target.unwrap_or(0.0);
            (value >= t, if t > 0.0 { (t - value) / t } else { 0.0 })
        }
        Target::AtMost(_) => {
            let t = target.unwrap_or(0.0);
            (value <= t, if t > 0.0 { (value - t) / t } else { value })
        }
    };
    let count = metrics.counted(rule.metric);
    let ctx = CardContext { lang, rule, value, days, count, target, age, habits };
    if met {
        Outcome::Met(rule.praise.then(|| ctx.card(CardKind::Praise)))
    } else {
        let kind = if rule.target == Target::Present { CardKind::Caution } else { CardKind::Suggestion };
        Outcome::Missed(ctx.card(kind), gap)
    }
}

fn target_value(target: Target, age: Option<i32>) -> Option<f64> {
    match target {
        Target::AtLeast(v) | Target::AtMost(v) => Some(v),
        Target::AtLeastByAge(bands) => {
            let age = age.unwrap_or(i32::MAX);
            bands.iter().find(|(upto, _)| *upto == u8::MAX || age <= i32::from(*upto)).map(|(_, v)| *v)
        }
        Target::Present => None,
    }
}

/// The foods the user ate recently, most often first, as foods of the table (free-text items are
/// matched to the table by exact name).
struct Habits {
    foods: Vec<&'static foods::Food>,
}

impl Habits {
    fn read(entries: &[Entry]) -> Habits {
        let mut counts: HashMap<String, usize> = HashMap::new();
        for e in entries.iter().filter(|e| !e.deleted) {
            if let crate::model::EntryDetails::Meal { items, .. } = &e.details {
                for item in items {
                    if let Some(key) = metrics::item_key(item) {
                        *counts.entry(key).or_default() += 1;
                    }
                }
            }
        }
        let mut ranked: Vec<(String, usize)> = counts.into_iter().collect();
        ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let foods = ranked.into_iter().filter_map(|(key, _)| metrics::food_of_key(&key)).collect();
        Habits { foods }
    }
}

struct CardContext<'a> {
    lang: Lang,
    rule: &'a Rule,
    value: f64,
    days: u32,
    /// What the value counts over, for rules that name it (`{count}`).
    count: Option<u32>,
    target: Option<f64>,
    age: Option<i32>,
    habits: &'a Habits,
}

impl CardContext<'_> {
    fn part(&self, part: Part, food: &str) -> String {
        let Some(template) = text(self.lang, self.rule.id, part) else { return String::new() };
        let decimals = if self.value.fract().abs() < 1e-9 { 0 } else { 1 };
        let value = number(self.lang, self.value, decimals);
        let target =
            self.target.map(|t| number(self.lang, t, if t.fract() == 0.0 { 0 } else { 1 })).unwrap_or_default();
        fill(
            template,
            &[
                ("value", &value),
                ("days", &self.days.to_string()),
                ("count", &self.count.map(|c| c.to_string()).unwrap_or_default()),
                ("window", &self.rule.window_days.to_string()),
                ("target", &target),
                ("food", food),
            ],
        )
    }

    fn food(&self) -> Option<&'static foods::Food> {
        let hint = self.rule.food?;
        self.habits
            .foods
            .iter()
            .copied()
            .find(|f| (hint.fits)(f))
            .or_else(|| metrics::food_of_key(&format!("id:{}", hint.default_id)))
    }

    fn card(&self, kind: CardKind) -> GuidanceCard {
        let food = if kind == CardKind::Praise { None } else { self.food() };
        let food_name = food.map(|f| f.name_in_sentence(self.lang.code())).unwrap_or_default();
        let minor = self.age.is_some_and(|a| a < 18);
        let try_part =
            if minor && text(self.lang, self.rule.id, Part::TryMinor).is_some() { Part::TryMinor } else { Part::Try };
        let (measured, try_this) = match kind {
            CardKind::Praise => (self.part(Part::Praise, ""), String::new()),
            _ => (self.part(Part::Measured, &food_name), self.part(try_part, &food_name)),
        };
        GuidanceCard {
            rule_id: self.rule.id.to_string(),
            rule_version: self.rule.version,
            kind,
            priority: if kind == CardKind::Praise { 9 } else { self.rule.priority },
            title: self.part(Part::Title, ""),
            measured,
            measured_value: Some(self.value),
            target: self.part(Part::Target, ""),
            target_value: self.target,
            why: self.part(Part::Why, ""),
            try_this,
            food_id: food.filter(|_| try_part == Part::Try).map(|f| f.id.clone()),
            evidence_topic: self.rule.evidence.topic.to_string(),
            source: self.rule.evidence.source.to_string(),
            strength: self.rule.evidence.strength.to_string(),
        }
    }
}

fn number(lang: Lang, value: f64, decimals: usize) -> String {
    let s = format!("{value:.decimals$}");
    if lang == Lang::De { s.replace('.', ",") } else { s }
}
