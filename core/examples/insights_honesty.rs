//! The insights' honesty, measured on synthetic diaries (docs/insights.md):
//!
//! - detection: the share of diaries with one planted trigger (random exposure, outcome, lag) in
//!   which the insights label that trigger "likely";
//! - false findings: the share of null diaries (nothing planted) with any "likely" finding, and
//!   the share of planted diaries with a "likely" finding that is not the planted trigger.
//!
//! Run by hand: `cargo run --release -p gutskin-core --example insights_honesty [-- DIARIES]`.
//! Deterministic: diary i uses seed i.

use gutskin_core::insights::synthetic::{MODERATE, STRONG, WEAK, detected, random_trigger, synthetic_diary};
use gutskin_core::insights::{InsightLabel, Insights, analyse_entries};

fn run(seed: u64, days: u32, trigger: Option<f64>) -> (Insights, Option<bool>) {
    let triggers: Vec<_> = trigger.map(|s| random_trigger(seed, s)).into_iter().collect();
    let diary = synthetic_diary(seed, days, &triggers);
    let insights = analyse_entries(&diary.entries, &diary.profile, &diary.first_day, &diary.last_day)
        .expect("a synthetic diary's range is valid");
    let found = triggers.first().map(|t| detected(&insights, t));
    (insights, found)
}

fn main() {
    let diaries: u64 = std::env::args().nth(1).and_then(|a| a.parse().ok()).unwrap_or(200);
    println!("{diaries} diaries per cell; seeds 1..={diaries}\n");
    println!(
        "| days | null diaries with any \"likely\" | weak (+{WEAK}) found | moderate (+{MODERATE}) found | \
         strong (+{STRONG}) found | moderate: diaries with another \"likely\" | comparisons per diary (median) |"
    );
    println!("|---|---|---|---|---|---|---|");
    for days in [60, 90, 180] {
        let mut null_any = 0;
        let mut tests = Vec::new();
        for seed in 1..=diaries {
            let (insights, _) = run(seed, days, None);
            null_any += usize::from(insights.likely > 0);
            tests.push(insights.tests);
        }
        tests.sort_unstable();
        let mut found = [0usize; 3];
        let mut other_likely = 0;
        for (k, strength) in [WEAK, MODERATE, STRONG].into_iter().enumerate() {
            for seed in 1..=diaries {
                let (insights, hit) = run(seed, days, Some(strength));
                found[k] += usize::from(hit == Some(true));
                if strength == MODERATE {
                    let key = random_trigger(seed, strength).exposure.exposure().key();
                    let others = insights.findings.iter().any(|f| {
                        f.label == InsightLabel::Likely && !(f.exposure_key == key || f.inseparable_from.contains(&key))
                    });
                    other_likely += usize::from(others);
                }
            }
        }
        let pct = |n: usize| format!("{:.0} %", 100.0 * n as f64 / diaries as f64);
        println!(
            "| {days} | {} | {} | {} | {} | {} | {} |",
            pct(null_any),
            pct(found[0]),
            pct(found[1]),
            pct(found[2]),
            pct(other_likely),
            tests[tests.len() / 2]
        );
    }
}
