//! The doctor's report: one standalone HTML page (no scripts, no external resources) with a chart
//! of skin severity over time and the exposures beneath it, the insights with their counts, and
//! the guidance. Phones print it to PDF with their own print services.
//!
//! The chart is SVG drawn by plotters (its SVG backend only), inlined in the page.

use chrono::NaiveDate;
use plotters::prelude::*;

use crate::diary::Diary;
use crate::error::{GutskinError, Result};
use crate::guidance::{CardKind, Guidance};
use crate::insights::{self, Exposure, InsightLabel, Insights, messages::Lang};
use crate::model::{Condition, DaySummary, Profile};
use crate::time;

/// At most this many exposure rows beneath the chart.
const MAX_EXPOSURE_ROWS: usize = 6;

impl Diary {
    /// A standalone HTML report of the local days `from`..=`to` (at most ten years), with the
    /// guidance of `to`, in the profile's language where the texts come from the catalogues.
    pub fn report_html(&self, from: &str, to: &str) -> Result<String> {
        let insights = self.insights(from, to)?;
        let guidance = self.guidance(to)?;
        let summaries = self.day_summaries(from, to)?;
        let profile = self.profile()?;
        let first = time::parse_date("from", from)?;
        let reach = first.checked_sub_days(chrono::Days::new(9)).unwrap_or(first);
        let entries = self.entries_between(&time::format_date(reach), to, None, false)?;
        let last = time::parse_date("to", to)?;
        let rows = exposure_rows(&insights, &entries, &profile, first, last);
        render(&profile, &insights, &guidance, &summaries, &rows)
    }
}

/// An exposure row beneath the chart: its name and, per day of the report, whether it happened.
struct Row {
    name: String,
    days: Vec<bool>,
}

/// The exposures of the likely and possible findings first, then the commonest food flags,
/// stress and sleep, up to [`MAX_EXPOSURE_ROWS`].
fn exposure_rows(
    insights: &Insights,
    entries: &[crate::model::Entry],
    profile: &Profile,
    first: NaiveDate,
    last: NaiveDate,
) -> Vec<Row> {
    let table = insights::exposure_days(entries, profile, first, last);
    let mut wanted: Vec<String> = Vec::new();
    for f in insights.findings.iter().filter(|f| matches!(f.label, InsightLabel::Likely | InsightLabel::Possible)) {
        if !wanted.contains(&f.exposure_key) {
            wanted.push(f.exposure_key.clone());
        }
    }
    let mut rest: Vec<&(Exposure, String, Vec<bool>)> =
        table.iter().filter(|(e, _, _)| !wanted.contains(&e.key())).collect();
    rest.sort_by_key(|(_, _, days)| std::cmp::Reverse(days.iter().filter(|d| **d).count()));
    let mut rows: Vec<Row> = Vec::new();
    for key in &wanted {
        if let Some((_, name, days)) = table.iter().find(|(e, _, _)| &e.key() == key) {
            rows.push(Row { name: name.clone(), days: days.clone() });
        }
    }
    for (_, name, days) in rest {
        if days.iter().any(|d| *d) {
            rows.push(Row { name: name.clone(), days: days.clone() });
        }
    }
    rows.truncate(MAX_EXPOSURE_ROWS);
    rows
}

fn chart_error(e: impl std::fmt::Display) -> GutskinError {
    GutskinError::Storage { detail: format!("could not draw the report's chart: {e}") }
}

const PALETTE: [RGBColor; 5] = [
    RGBColor(31, 119, 180),
    RGBColor(214, 39, 40),
    RGBColor(44, 160, 44),
    RGBColor(148, 103, 189),
    RGBColor(255, 127, 14),
];

/// The report's own words (headings, labels); the findings and cards bring their texts from the
/// insights' and guidance's catalogues.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Word {
    Title,
    Days,
    TrackedConditions,
    SkinOverTime,
    ChartLegend,
    ChartCaption,
    PersonalInsights,
    Label,
    Finding,
    DaysWithWithout,
    FlaresAfter,
    Difference,
    To,
    Guidance,
    NoCards,
    Caution,
    Suggestion,
    GoingWell,
    Source,
    Strength,
}

fn word(lang: Lang, w: Word) -> &'static str {
    let (en, de) = match w {
        Word::Title => ("Gutskin diary summary", "Gutskin-Tagebuch: Zusammenfassung"),
        Word::Days => ("Days", "Tage"),
        Word::TrackedConditions => ("Tracked conditions", "Erfasste Erkrankungen"),
        Word::SkinOverTime => ("Skin over time, and what came before", "Haut im Verlauf und was davor kam"),
        Word::ChartLegend => (
            "Lines: the day's worst rating per condition. Grey marks beneath: days with each exposure.",
            "Linien: schlimmster Wert des Tages je Erkrankung. Graue Marken darunter: Tage mit der jeweiligen Einwirkung.",
        ),
        Word::ChartCaption => {
            ("Skin severity (worst of the day, 0-10)", "Hautschwere (schlimmster Wert des Tages, 0-10)")
        }
        Word::PersonalInsights => ("Personal insights", "Persönliche Zusammenhänge"),
        Word::Label => ("Label", "Einstufung"),
        Word::Finding => ("Finding", "Befund"),
        Word::DaysWithWithout => ("Days with / without", "Tage mit / ohne"),
        Word::FlaresAfter => ("Flares after it", "Schübe danach"),
        Word::Difference => ("Difference (95% interval)", "Unterschied (95-%-Intervall)"),
        Word::To => ("to", "bis"),
        Word::Guidance => ("Guidance", "Empfehlungen"),
        Word::NoCards => ("No cards.", "Keine Hinweise."),
        Word::Caution => ("Caution", "Achtung"),
        Word::Suggestion => ("Suggestion", "Vorschlag"),
        Word::GoingWell => ("Going well", "Läuft gut"),
        Word::Source => ("Source", "Quelle"),
        Word::Strength => ("strength of evidence", "Evidenzstärke"),
    };
    if lang == Lang::De { de } else { en }
}

/// The severity chart with the exposure strip beneath it, as an SVG document.
fn chart(summaries: &[DaySummary], conditions: &[Condition], rows: &[Row], lang: Lang) -> Result<String> {
    let n = summaries.len().max(1) as i32;
    let strip = 24 * rows.len() as u32 + 40;
    let (width, height) = (960u32, 320 + strip);
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(chart_error)?;
        let (top, bottom) = root.split_vertically(320);
        let date_of = |x: &i32| summaries.get(*x as usize).map(|s| s.date.clone()).unwrap_or_default();
        let caption = word(lang, Word::ChartCaption);
        let mut c = ChartBuilder::on(&top)
            .margin(12)
            .caption(caption, ("sans-serif", 18))
            .x_label_area_size(28)
            .y_label_area_size(180)
            .build_cartesian_2d(0i32..n, 0f64..10.5f64)
            .map_err(chart_error)?;
        c.configure_mesh()
            .x_labels(8)
            .x_label_formatter(&date_of)
            .y_labels(6)
            .light_line_style(RGBColor(235, 235, 235))
            .draw()
            .map_err(chart_error)?;
        for (i, condition) in conditions.iter().enumerate() {
            let color = PALETTE[i % PALETTE.len()];
            let points: Vec<(i32, f64)> = summaries
                .iter()
                .enumerate()
                .filter_map(|(x, s)| {
                    s.skin.iter().find(|r| r.condition == *condition).map(|r| (x as i32, f64::from(r.worst)))
                })
                .collect();
            if points.is_empty() {
                continue;
            }
            c.draw_series(LineSeries::new(points, color.stroke_width(2)))
                .map_err(chart_error)?
                .label(condition_name(*condition, lang))
                .legend(move |(x, y)| PathElement::new(vec![(x, y), (x + 18, y)], color.stroke_width(2)));
        }
        c.configure_series_labels()
            .position(SeriesLabelPosition::UpperRight)
            .background_style(WHITE.mix(0.85))
            .border_style(RGBColor(180, 180, 180))
            .draw()
            .map_err(chart_error)?;

        let k = rows.len().max(1) as i32;
        let mut e = ChartBuilder::on(&bottom)
            .margin_left(12)
            .margin_right(12)
            .margin_bottom(8)
            .y_label_area_size(180)
            .build_cartesian_2d(0i32..n, 0i32..k)
            .map_err(chart_error)?;
        let names: Vec<String> = rows.iter().map(|r| r.name.clone()).collect();
        e.configure_mesh()
            .disable_x_mesh()
            .disable_x_axis()
            .y_labels(rows.len().max(1))
            .y_label_formatter(&|y| names.get((k - 1 - *y) as usize).cloned().unwrap_or_default())
            .light_line_style(WHITE)
            .draw()
            .map_err(chart_error)?;
        for (j, row) in rows.iter().enumerate() {
            let y = k - 1 - j as i32;
            let color = RGBColor(90, 90, 90);
            e.draw_series(
                row.days
                    .iter()
                    .enumerate()
                    .filter(|(_, d)| **d)
                    .map(|(x, _)| Rectangle::new([(x as i32, y), (x as i32 + 1, y + 1)], color.mix(0.7).filled())),
            )
            .map_err(chart_error)?;
        }
        root.present().map_err(chart_error)?;
    }
    Ok(svg)
}

fn condition_name(condition: Condition, lang: Lang) -> String {
    let outcome = insights::Outcome::Severity { condition };
    insights::outcome_name(outcome, lang).to_string()
}

/// Escapes text for HTML.
fn esc(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn render(
    profile: &Profile,
    insights: &Insights,
    guidance: &Guidance,
    summaries: &[DaySummary],
    rows: &[Row],
) -> Result<String> {
    let lang = Lang::from_locale(&profile.locale);
    let mut conditions: Vec<Condition> = profile.conditions.clone();
    if conditions.is_empty() {
        for s in summaries {
            for r in &s.skin {
                if !conditions.contains(&r.condition) {
                    conditions.push(r.condition);
                }
            }
        }
    }
    let svg = chart(summaries, &conditions, rows, lang)?;
    let w = |x: Word| word(lang, x);
    let mut h = String::with_capacity(64 * 1024);
    h.push_str("<!DOCTYPE html>\n<html lang=\"");
    h.push_str(lang.code());
    h.push_str("\"><head><meta charset=\"utf-8\"><title>Gutskin</title><style>");
    h.push_str(
        "body{font-family:sans-serif;max-width:60rem;margin:1.5rem auto;padding:0 1rem;color:#222}\
         h1{font-size:1.5rem}h2{font-size:1.2rem;margin-top:2rem;border-bottom:1px solid #ccc}\
         table{border-collapse:collapse;width:100%;font-size:.85rem}td,th{border:1px solid #ccc;padding:.3rem;\
         text-align:left;vertical-align:top}.card{border:1px solid #ccc;border-radius:.4rem;padding:.6rem;\
         margin:.6rem 0}.small{font-size:.8rem;color:#555}svg{max-width:100%;height:auto}\
         @media print{h2{break-after:avoid}.card,tr{break-inside:avoid}}",
    );
    h.push_str("</style></head><body>\n");
    h.push_str(&format!(
        "<h1>{}</h1>\n<p>{} {} – {}. {}: {}.</p>\n",
        w(Word::Title),
        w(Word::Days),
        esc(&insights.from),
        esc(&insights.to),
        w(Word::TrackedConditions),
        esc(&conditions.iter().map(|c| condition_name(*c, lang)).collect::<Vec<_>>().join(", "))
    ));
    h.push_str(&format!("<h2>{}</h2>\n", w(Word::SkinOverTime)));
    h.push_str(&svg);
    h.push_str(&format!("\n<p class=\"small\">{}</p>\n", w(Word::ChartLegend)));
    h.push_str(&format!("<h2>{}</h2>\n<p>{}</p>\n", w(Word::PersonalInsights), esc(&insights.summary)));
    let shown: Vec<_> =
        insights.findings.iter().filter(|f| matches!(f.label, InsightLabel::Likely | InsightLabel::Possible)).collect();
    if !shown.is_empty() {
        h.push_str(&format!(
            "<table><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>p / q</th></tr>\n",
            w(Word::Label),
            w(Word::Finding),
            w(Word::DaysWithWithout),
            w(Word::FlaresAfter),
            w(Word::Difference),
        ));
        for f in shown {
            let num = |v: Option<f64>| v.map(|v| format!("{v:+.1}")).unwrap_or_default();
            h.push_str(&format!(
                "<tr><td>{}</td><td>{}<br><span class=\"small\">{}</span></td><td>{} / {}</td><td>{} / {}</td>\
                 <td>{} ({} {} {})</td><td>{:.4} / {:.4}</td></tr>\n",
                esc(&f.label_name),
                esc(&f.headline),
                esc(&f.suggestion),
                f.counts.exposed_days,
                f.counts.unexposed_days,
                f.counts.flares_after_exposure,
                f.counts.flares,
                num(f.effect),
                num(f.ci_low),
                w(Word::To),
                num(f.ci_high),
                f.p_value.unwrap_or(1.0),
                f.q_value.unwrap_or(1.0),
            ));
        }
        h.push_str("</table>\n");
    }
    h.push_str(&format!("<p class=\"small\">{}</p>\n", esc(&insights.caveat)));
    h.push_str(&format!("<h2>{} ({})</h2>\n", w(Word::Guidance), esc(&guidance.date)));
    if guidance.cards.is_empty() {
        h.push_str(&format!("<p>{}</p>\n", w(Word::NoCards)));
    }
    for c in &guidance.cards {
        let kind = match c.kind {
            CardKind::Caution => w(Word::Caution),
            CardKind::Suggestion => w(Word::Suggestion),
            CardKind::Praise => w(Word::GoingWell),
        };
        h.push_str(&format!(
            "<div class=\"card\"><b>{}</b> <span class=\"small\">({})</span><br>{}<br>{}<br><i>{}</i><br>{}<br>\
             <span class=\"small\">{}: {} · {}: {}</span></div>\n",
            esc(&c.title),
            kind,
            esc(&c.measured),
            esc(&c.target),
            esc(&c.why),
            esc(&c.try_this),
            w(Word::Source),
            esc(&c.source),
            w(Word::Strength),
            esc(&c.strength),
        ));
    }
    h.push_str(&format!("<p class=\"small\">{}</p>\n</body></html>\n", esc(&guidance.disclaimer)));
    Ok(h)
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::SystemTime;

    use crate::demo;
    use crate::diary::{Clock, Diary};

    struct Fixed(SystemTime);
    impl Clock for Fixed {
        fn now(&self) -> SystemTime {
            self.0
        }
    }

    #[test]
    fn the_report_is_one_standalone_page_with_chart_insights_and_guidance() {
        let now = crate::time::rfc3339::parse("2026-11-25T21:00:00Z").unwrap();
        let diary = Diary::open_with_clock(None, Arc::new(Fixed(now))).unwrap();
        let r = demo::build_demo(&diary, demo::DEFAULT_SEED, 90, "Europe/Berlin").unwrap();
        let html = diary.report_html(&r.first_day, &r.last_day).unwrap();
        assert!(html.starts_with("<!DOCTYPE html>") && html.trim_end().ends_with("</html>"));
        assert_eq!(html.matches("<svg").count(), 1, "one inline chart");
        assert!(html.contains("polyline") || html.contains("<path"), "a line series");
        assert!(html.contains("<rect"), "exposure marks");
        assert!(html.contains("dairy is linked with more acne"), "the demo's planted link");
        assert!(html.contains("Source"));
        for external in ["http://", "https://", "<script", "<link", "src="] {
            assert!(!html.contains(external) || external == "http://" && only_svg_namespace(&html), "{external}");
        }
    }

    /// The only URL allowed is the SVG namespace declaration (not a resource that is fetched).
    fn only_svg_namespace(html: &str) -> bool {
        html.matches("http://").count() == html.matches("http://www.w3.org/2000/svg").count()
    }

    #[test]
    fn an_empty_diary_still_gives_a_page() {
        let diary = Diary::open_in_memory().unwrap();
        let html = diary.report_html("2026-11-01", "2026-11-25").unwrap();
        assert!(html.contains("<svg") && html.contains("Not enough days"));
    }
}
