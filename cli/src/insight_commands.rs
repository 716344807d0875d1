//! `gutskin insights`, `gutskin guidance`, and the end of `gutskin demo`.

use std::io::Write;
use std::path::PathBuf;

use chrono::{Days, NaiveDate};
use gutskin_core::Diary;
use gutskin_core::guidance::{CardKind, Guidance};
use gutskin_core::insights::{InsightLabel, Insights};

use crate::failure::{CliResult, Failure};
use crate::input::{self, Zone};

/// Days the insights look back over unless `--from` says otherwise.
const INSIGHT_DAYS: u64 = 180;

/// The command's own words around the core's texts, in the profile's language (the core's texts
/// already are), so a German diary does not read half in English.
struct Words {
    insights: &'static str,
    to: &'static str,
    rest: &'static str,
    guidance_for: &'static str,
    no_cards: &'static str,
    target: &'static str,
    why: &'static str,
    try_this: &'static str,
    source: &'static str,
    strength: &'static str,
}

const EN: Words = Words {
    insights: "Insights",
    to: "to",
    rest: "{quiet} comparisons showed no clear link; {thin} had too little data (see --json).",
    guidance_for: "Guidance for",
    no_cards: "No cards today.",
    target: "Target",
    why: "Why",
    try_this: "Try",
    source: "Source",
    strength: "strength of evidence",
};

const DE: Words = Words {
    insights: "Zusammenhänge",
    to: "bis",
    rest: "{quiet} Vergleiche ohne klaren Zusammenhang; {thin} mit zu wenigen Daten (siehe --json).",
    guidance_for: "Empfehlungen für",
    no_cards: "Heute keine Hinweise.",
    target: "Ziel",
    why: "Warum",
    try_this: "Zum Ausprobieren",
    source: "Quelle",
    strength: "Evidenzstärke",
};

fn words(diary: &Diary) -> &'static Words {
    let german = diary.profile().is_ok_and(|p| gutskin_core::insights::text_language(&p.locale) == "de");
    if german { &DE } else { &EN }
}

fn print(lines: &[String]) -> CliResult {
    let mut out = std::io::stdout().lock();
    for line in lines {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

fn print_json<T: serde::Serialize>(value: &T) -> CliResult {
    let mut out = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, value)?;
    writeln!(out)?;
    Ok(())
}

/// The range `--from`..=`--to`: `--to` defaults to today, `--from` to 180 days before it.
pub fn range(zone: &Zone, from: Option<&str>, to: Option<&str>) -> (String, String) {
    let to = input::day_arg(to.unwrap_or("today"), zone);
    let from = match from {
        Some(from) => input::day_arg(from, zone),
        None => to
            .parse::<NaiveDate>()
            .ok()
            .and_then(|d| d.checked_sub_days(Days::new(INSIGHT_DAYS - 1)))
            .map_or_else(|| to.clone(), |d| d.to_string()),
    };
    (from, to)
}

pub fn insights(diary: &Diary, json: bool, zone: &Zone, from: Option<&str>, to: Option<&str>) -> CliResult {
    let (from, to) = range(zone, from, to);
    let insights = diary.insights(&from, &to)?;
    if json {
        return print_json(&insights);
    }
    print(&insight_lines(&insights, true, words(diary)))
}

/// The insights as text: the likely and possible findings with their counts; with `all`, a line
/// on the rest.
fn insight_lines(insights: &Insights, all: bool, w: &Words) -> Vec<String> {
    let mut lines =
        vec![format!("{}, {} {} {}", w.insights, insights.from, w.to, insights.to), format!("  {}", insights.summary)];
    for f in insights.findings.iter().filter(|f| matches!(f.label, InsightLabel::Likely | InsightLabel::Possible)) {
        lines.push(String::new());
        lines.push(format!("  [{}] {}", f.label_name, f.headline));
        for d in &f.details {
            lines.push(format!("    {d}"));
        }
        if !f.suggestion.is_empty() {
            lines.push(format!("    → {}", f.suggestion));
        }
    }
    if all {
        let quiet = insights.findings.iter().filter(|f| f.label == InsightLabel::NoClearLink).count();
        let thin = insights.findings.iter().filter(|f| f.label == InsightLabel::NotEnoughData).count();
        lines.push(String::new());
        lines.push(format!("  {}", w.rest.replace("{quiet}", &quiet.to_string()).replace("{thin}", &thin.to_string())));
        lines.push(format!("  {}", insights.caveat));
    }
    lines
}

pub fn guidance(diary: &Diary, json: bool, zone: &Zone, date: Option<&str>) -> CliResult {
    let date = input::day_arg(date.unwrap_or("today"), zone);
    let guidance = diary.guidance(&date)?;
    if json {
        return print_json(&guidance);
    }
    print(&guidance_lines(&guidance, words(diary)))
}

fn guidance_lines(guidance: &Guidance, w: &Words) -> Vec<String> {
    let mut lines = vec![format!("{} {}", w.guidance_for, guidance.date)];
    if guidance.cards.is_empty() {
        lines.push(format!("  {}", w.no_cards));
    }
    for c in &guidance.cards {
        let mark = match c.kind {
            CardKind::Caution => "!",
            CardKind::Suggestion => "•",
            CardKind::Praise => "✓",
        };
        lines.push(String::new());
        lines.push(format!("  {mark} {}", c.title));
        lines.push(format!("    {}", c.measured));
        if c.kind != CardKind::Praise {
            lines.push(format!("    {}: {}", w.target, c.target));
        }
        lines.push(format!("    {}: {}", w.why, c.why));
        if !c.try_this.is_empty() {
            lines.push(format!("    {}: {}", w.try_this, c.try_this));
        }
        lines.push(format!("    {}: {} · {}: {}", w.source, c.source, w.strength, c.strength));
    }
    if !guidance.note.is_empty() {
        lines.push(String::new());
        lines.push(format!("  {}", guidance.note));
    }
    lines.push(format!("  {}", guidance.disclaimer));
    lines
}

/// What `gutskin demo` shows at its end: the insights over the demo and its last day's guidance.
pub fn demo_lines(diary: &Diary, first_day: &str, last_day: &str) -> CliResult<Vec<String>> {
    let mut lines = vec![String::new()];
    let w = words(diary);
    lines.extend(insight_lines(&diary.insights(first_day, last_day)?, false, w));
    lines.push(String::new());
    lines.extend(guidance_lines(&diary.guidance(last_day)?, w));
    Ok(lines)
}

pub fn report(
    diary: &Diary,
    json: bool,
    zone: &Zone,
    out: Option<PathBuf>,
    from: Option<&str>,
    to: Option<&str>,
) -> CliResult {
    let (from, to) = range(zone, from, to);
    let html = diary.report_html(&from, &to)?;
    let path = out.unwrap_or_else(|| PathBuf::from(format!("gutskin-report-{to}.html")));
    std::fs::write(&path, html).map_err(|e| Failure::other(format!("could not write {}: {e}", path.display())))?;
    if json {
        return print_json(&serde_json::json!({ "path": path, "from": from, "to": to }));
    }
    print(&[format!("Wrote {} ({from} to {to}). Open it in a browser; print it to PDF from there.", path.display())])
}
