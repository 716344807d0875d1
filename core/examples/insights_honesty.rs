//! The insights' honesty, measured on synthetic diaries (docs/insights.md):
//!
//! - detection: the share of diaries with one planted trigger (random exposure, outcome, lag) in
//!   which the insights label that trigger "likely";
//! - false findings: the share of null diaries (nothing planted) with any "likely" finding, and
//!   the share of planted diaries with a "likely" finding that is not the planted trigger;
//! - what a person sees at all: moderate triggers labelled "likely" or "possible", and null
//!   diaries with any such finding.
//!
//! Run by hand: `cargo run --release -p gutskin-core --example insights_honesty [-- DIARIES [FIRST_SEED [DAYS,DAYS...]]]`.
//! Deterministic: diary i uses seed i (seeds FIRST_SEED.. , 1 unless given); docs/insights.md
//! reports seeds 1-400, and method work measures on other seeds (10001.., say) so that the
//! reported figures are not the ones the method was chosen on.

use gutskin_core::insights::synthetic::{
    MODERATE, STRONG, WEAK, detected, detected_as, random_trigger, synthetic_diary,
};
use gutskin_core::insights::{InsightLabel, Insights, analyse_entries};

const SHOWN: [InsightLabel; 2] = [InsightLabel::Likely, InsightLabel::Possible];

/// The insights of one diary, and for a planted one whether its trigger was found as "likely" and
/// as "likely" or "possible".
fn run(seed: u64, days: u32, trigger: Option<f64>) -> (Insights, Option<(bool, bool)>) {
    let triggers: Vec<_> = trigger.map(|s| random_trigger(seed, s)).into_iter().collect();
    let diary = synthetic_diary(seed, days, &triggers);
    let insights = analyse_entries(&diary.entries, &diary.profile, &diary.first_day, &diary.last_day)
        .expect("a synthetic diary's range is valid");
    let found = triggers.first().map(|t| (detected(&insights, t), detected_as(&insights, t, &SHOWN)));
    (insights, found)
}

fn main() {
    let diaries: u64 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(200);
    let first: u64 = std::env::args().nth(2).and_then(|a| a.parse().ok()).unwrap_or(1);
    let seeds: Vec<u64> = (first..first + diaries).collect();
    println!("{diaries} diaries per cell; seeds {first}..={}\n", first + diaries - 1);
    println!(
        "| days | null diaries with any \"likely\" | weak (+{WEAK}) found | moderate (+{MODERATE}) found | \
         strong (+{STRONG}) found | moderate: diaries with another \"likely\" | comparisons per diary (median) \
         | null diaries with any \"likely\" or \"possible\" | moderate found as \"likely\" or \"possible\" |"
    );
    println!("|---|---|---|---|---|---|---|---|---|");
    let lengths: Vec<u32> = std::env::args()
        .nth(3)
        .map(|a| a.split(',').filter_map(|d| d.parse().ok()).collect())
        .unwrap_or_else(|| vec![60, 90, 120, 180]);
    for days in lengths {
        // Two threads, each a half of the seeds; every diary is analysed the same way whichever runs it.
        let cells: Vec<Cell> = std::thread::scope(|scope| {
            let (a, b) = seeds.split_at(seeds.len() / 2);
            let handles: Vec<_> = [a, b].into_iter().map(|part| scope.spawn(move || cell(part, days))).collect();
            handles.into_iter().map(|h| h.join().expect("a worker thread")).collect()
        });
        let mut total = Cell::default();
        for c in cells {
            total.null_any += c.null_any;
            total.null_shown += c.null_shown;
            total.moderate_shown += c.moderate_shown;
            total.tests.extend(c.tests);
            for k in 0..3 {
                total.found[k] += c.found[k];
            }
            total.other_likely += c.other_likely;
        }
        total.tests.sort_unstable();
        let pct = |n: usize| format!("{:.1} %", 100.0 * n as f64 / diaries as f64);
        println!(
            "| {days} | {} | {} | {} | {} | {} | {} | {} | {} |",
            pct(total.null_any),
            pct(total.found[0]),
            pct(total.found[1]),
            pct(total.found[2]),
            pct(total.other_likely),
            total.tests[total.tests.len() / 2],
            pct(total.null_shown),
            pct(total.moderate_shown)
        );
    }
}

#[derive(Default)]
struct Cell {
    null_any: usize,
    null_shown: usize,
    moderate_shown: usize,
    tests: Vec<u32>,
    found: [usize; 3],
    other_likely: usize,
}

fn cell(seeds: &[u64], days: u32) -> Cell {
    let mut c = Cell::default();
    for &seed in seeds {
        let (insights, _) = run(seed, days, None);
        c.null_any += usize::from(insights.likely > 0);
        c.null_shown += usize::from(insights.likely + insights.possible > 0);
        c.tests.push(insights.tests);
    }
    for (k, strength) in [WEAK, MODERATE, STRONG].into_iter().enumerate() {
        for &seed in seeds {
            let (insights, hit) = run(seed, days, Some(strength));
            c.found[k] += usize::from(hit.is_some_and(|(likely, _)| likely));
            if strength == MODERATE {
                c.moderate_shown += usize::from(hit.is_some_and(|(_, shown)| shown));
                let key = random_trigger(seed, strength).exposure.exposure().key();
                let others = insights.findings.iter().any(|f| {
                    f.label == InsightLabel::Likely && !(f.exposure_key == key || f.inseparable_from.contains(&key))
                });
                c.other_likely += usize::from(others);
            }
        }
    }
    c
}
