//! A closer look at the insights' power and calibration on synthetic diaries, for working on the
//! method (docs/insights.md has the figures that count, from `insights_honesty`).
//!
//! `cargo run --release -p gutskin-core --example insights_power -- DAYS DIARIES FIRST_SEED`
//!
//! Prints, for null diaries, the share with any "likely" finding and the share of all tests with
//! p below 0.05, 0.01 and 0.001 per exposure class (a calibrated test stays at or below those);
//! and for moderate planted triggers, the share found per kind of trigger and per outcome, with
//! the median of the best p-value of the tests that could have found it.

use std::collections::BTreeMap;

use gutskin_core::insights::synthetic::{
    MODERATE, SyntheticExposure, SyntheticTrigger, detected, random_trigger, synthetic_diary,
};
use gutskin_core::insights::{Insights, analyse_entries};

fn run(seed: u64, days: u32, trigger: Option<&SyntheticTrigger>) -> Insights {
    let triggers: Vec<_> = trigger.cloned().into_iter().collect();
    let diary = synthetic_diary(seed, days, &triggers);
    analyse_entries(&diary.entries, &diary.profile, &diary.first_day, &diary.last_day).expect("valid range")
}

fn class(key: &str) -> &'static str {
    if key.starts_with("stress") {
        "stress"
    } else if key.starts_with("sleep") {
        "sleep"
    } else {
        "food"
    }
}

fn median(mut v: Vec<f64>) -> f64 {
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let arg = |i: usize, default: u64| std::env::args().nth(i).and_then(|a| a.parse().ok()).unwrap_or(default);
    let days = arg(1, 90) as u32;
    let diaries = arg(2, 200);
    let first = arg(3, 10_001);
    let seeds = first..first + diaries;
    let strength: f64 = std::env::args().nth(4).and_then(|a| a.parse().ok()).unwrap_or(MODERATE);

    let mut null_any = 0;
    let mut calibration: BTreeMap<&str, [usize; 4]> = BTreeMap::new();
    let mut tests = Vec::new();
    let mut false_likely: BTreeMap<String, usize> = BTreeMap::new();
    for seed in seeds.clone() {
        let insights = run(seed, days, None);
        null_any += usize::from(insights.likely > 0);
        tests.push(f64::from(insights.tests));
        for f in &insights.findings {
            if f.label == gutskin_core::insights::InsightLabel::Likely {
                *false_likely
                    .entry(format!(
                        "{} {}-{} {}",
                        class(&f.exposure_key),
                        f.lag_min_days,
                        f.lag_max_days,
                        f.outcome_key
                    ))
                    .or_default() += 1;
            }
            let Some(p) = f.p_value else { continue };
            let c = calibration.entry(class(&f.exposure_key)).or_default();
            c[0] += 1;
            c[1] += usize::from(p < 0.05);
            c[2] += usize::from(p < 0.01);
            c[3] += usize::from(p < 0.001);
        }
    }
    println!("{days} days, seeds {}..{}, strength {strength}", seeds.start, seeds.end - 1);
    println!(
        "null: any likely {:.1} %, tests per diary (median) {}",
        100.0 * null_any as f64 / diaries as f64,
        median(tests)
    );
    for (k, c) in &calibration {
        let share = |x: usize| 100.0 * x as f64 / c[0] as f64;
        println!(
            "  {k:6} tests {:6}: p<0.05 {:5.2} %, p<0.01 {:5.2} %, p<0.001 {:5.3} %",
            c[0],
            share(c[1]),
            share(c[2]),
            share(c[3])
        );
    }

    println!("  likely findings in null diaries: {false_likely:?}");
    let mut by: BTreeMap<String, (usize, usize, Vec<f64>)> = BTreeMap::new();
    let mut found_all = 0;
    let mut bests = Vec::new();
    let mut miss = [0usize; 4];
    // Found if this one test were alone in its family of m (Bonferroni at 0.10 / m), same rules.
    let sizes = [1.0, 5.0, 10.0, 20.0, 40.0, 110.0];
    let mut oracle = [0usize; 6];
    let mut other = 0;
    for seed in seeds.clone() {
        let trigger = random_trigger(seed, strength);
        let insights = run(seed, days, Some(&trigger));
        let hit = detected(&insights, &trigger);
        found_all += usize::from(hit);
        let key = trigger.exposure.exposure().key();
        let best = insights
            .findings
            .iter()
            .filter(|f| {
                (f.exposure_key == key || f.inseparable_from.contains(&key))
                    && f.outcome == trigger.outcome
                    && f.lag_min_days <= trigger.lag_max_days
                    && f.lag_max_days >= trigger.lag_min_days
            })
            .filter(|f| f.p_value.is_some())
            .min_by(|a, b| a.p_value.unwrap_or(1.0).total_cmp(&b.p_value.unwrap_or(1.0)));
        if !hit {
            match best {
                None => miss[0] += 1,
                Some(f) if f.counts.exposed_days < 10 || f.counts.unexposed_days < 10 => miss[1] += 1,
                Some(f) if f.effect.unwrap_or(0.0) < 1.0 => miss[2] += 1,
                Some(_) => miss[3] += 1,
            }
        }
        if let Some(f) = best
            && f.counts.exposed_days >= 10
            && f.counts.unexposed_days >= 10
            && f.effect.unwrap_or(0.0) >= 1.0
        {
            for (k, m) in sizes.iter().enumerate() {
                oracle[k] += usize::from(f.p_value.unwrap_or(1.0) <= 0.1 / m);
            }
        }
        let best = best.and_then(|f| f.p_value).unwrap_or(1.0);
        bests.push(best);
        other += usize::from(insights.findings.iter().any(|f| {
            f.label == gutskin_core::insights::InsightLabel::Likely
                && !(f.exposure_key == key || f.inseparable_from.contains(&key))
        }));
        let kind = match &trigger.exposure {
            SyntheticExposure::Tag(_) => "food",
            SyntheticExposure::HighStress => "stress",
            SyntheticExposure::ShortSleep => "sleep",
        };
        for label in [
            format!("{kind} lag {}-{}", trigger.lag_min_days, trigger.lag_max_days),
            format!("outcome {}", trigger.outcome.key()),
        ] {
            let e = by.entry(label).or_default();
            e.0 += 1;
            e.1 += usize::from(hit);
            e.2.push(best);
        }
    }
    println!(
        "planted: found {:.1} %, diaries with another likely {:.1} %",
        100.0 * found_all as f64 / diaries as f64,
        100.0 * other as f64 / diaries as f64
    );
    bests.sort_by(f64::total_cmp);
    let q = |x: f64| bests[((bests.len() as f64 * x) as usize).min(bests.len() - 1)];
    println!(
        "  best p quantiles: 10% {:.1e} 25% {:.1e} 50% {:.1e} 75% {:.1e} 80% {:.1e} 90% {:.1e}",
        q(0.1),
        q(0.25),
        q(0.5),
        q(0.75),
        q(0.8),
        q(0.9)
    );
    println!(
        "  misses: untested {} too few days {} effect under 1 {} q too high {}",
        miss[0], miss[1], miss[2], miss[3]
    );
    let shares: Vec<String> =
        sizes.iter().zip(oracle).map(|(m, o)| format!("m={m}: {:.0} %", 100.0 * o as f64 / diaries as f64)).collect();
    println!("  the planted test alone among m: {}", shares.join(", "));
    for (label, (n, hit, best)) in by {
        println!(
            "  {label:28} {hit:3}/{n:3} = {:5.1} %   median best p {:.2e}",
            100.0 * hit as f64 / n as f64,
            median(best)
        );
    }
}
