//! A closer look at the insights' power and calibration on synthetic diaries, for working on the
//! method (docs/insights.md has the figures that count, from `insights_honesty`).
//!
//! `cargo run --release -p gutskin-core --example insights_power -- DAYS DIARIES FIRST_SEED`
//!
//! Prints, for null diaries, the share with any "likely" finding and the share of all tests with
//! p below 0.05, 0.01 and 0.001 per exposure class (a calibrated test stays at or below those);
//! and for moderate planted triggers, the share found per kind of trigger and per outcome, with
//! the median of the best p-value of the tests that could have found it; and the share found (and
//! of null diaries with any "likely") under other rules: no effect floor, a floor on the
//! interval's upper end, and hierarchical selection over exposure × outcome families (Benjamini &
//! Bogomolov 2014); and what an oracle that knows the planted comparison finds (an upper bound on
//! any honest test of the same days), for docs/insights.md. `EXTRA_TAGS=N` adds N meal tags with no effect (a diary
//! testing as many exposures as a real one).

use std::collections::BTreeMap;

use chrono::NaiveDate;
use gutskin_core::insights::synthetic::{
    MODERATE, SyntheticExposure, SyntheticTrigger, detected, random_trigger, synthetic_diary,
};
use gutskin_core::insights::{Insights, Outcome, analyse_entries, exposure_days};
use gutskin_core::{Entry, EntryDetails};

fn run(seed: u64, days: u32, trigger: Option<&SyntheticTrigger>) -> Insights {
    let triggers: Vec<_> = trigger.cloned().into_iter().collect();
    let mut diary = synthetic_diary(seed, days, &triggers);
    add_tags(&mut diary.entries, seed);
    analyse_entries(&diary.entries, &diary.profile, &diary.first_day, &diary.last_day).expect("valid range")
}

/// The planted trigger's own comparison, made by an oracle that knows the exposure, the window
/// and the outcome in advance: Welch's z of the logged outcome on exposed against unexposed days,
/// without fortnights or the autocorrelation correction (which on null diaries finds links that
/// are not there: an upper bound on what an honest test of the same days can find). Returns the
/// z, the exposed and unexposed days and the effect.
fn oracle_comparison(seed: u64, days: u32, trigger: &SyntheticTrigger) -> Option<(f64, usize, usize, f64)> {
    let diary = synthetic_diary(seed, days, std::slice::from_ref(trigger));
    let first = NaiveDate::parse_from_str(&diary.first_day, "%Y-%m-%d").ok()?;
    let last = NaiveDate::parse_from_str(&diary.last_day, "%Y-%m-%d").ok()?;
    let key = trigger.exposure.exposure().key();
    let (_, _, exposed) =
        exposure_days(&diary.entries, &diary.profile, first, last).into_iter().find(|e| e.0.key() == key)?;
    let n = exposed.len();
    let index = |e: &Entry| {
        NaiveDate::parse_from_str(&e.local_date, "%Y-%m-%d")
            .ok()
            .map(|d| (d - first).num_days() as usize)
            .filter(|&i| i < n)
    };
    // A day's exposure is known when the diary has the entry kind that records it.
    let mut known = vec![false; n];
    let mut outcome: Vec<Option<f64>> = vec![None; n];
    for e in &diary.entries {
        let Some(i) = index(e) else { continue };
        let records = matches!(
            (&trigger.exposure, &e.details),
            (SyntheticExposure::Tag(_), EntryDetails::Meal { .. })
                | (SyntheticExposure::HighStress, EntryDetails::Stress { .. })
                | (SyntheticExposure::ShortSleep, EntryDetails::Sleep { .. })
        );
        known[i] |= records;
        let value = match (trigger.outcome, &e.details) {
            (Outcome::Severity { condition }, EntryDetails::SkinCheckIn { ratings, .. }) => {
                ratings.iter().find(|r| r.condition == condition).map(|r| f64::from(r.severity))
            }
            (Outcome::Itch { condition }, EntryDetails::SkinCheckIn { ratings, .. }) => {
                ratings.iter().find(|r| r.condition == condition).and_then(|r| r.itch).map(f64::from)
            }
            (Outcome::Bloating, EntryDetails::GutCheckIn { bloating, .. }) => bloating.map(f64::from),
            _ => None,
        };
        if let Some(v) = value {
            outcome[i] = Some(outcome[i].map_or(v, |o| o.max(v)));
        }
    }
    let (mut on, mut off) = (Vec::new(), Vec::new());
    for (day, value) in outcome.iter().enumerate() {
        let Some(value) = value else { continue };
        let lags: Vec<Option<bool>> = (trigger.lag_min_days..=trigger.lag_max_days)
            .map(|lag| day.checked_sub(lag as usize).filter(|&d| known[d]).map(|d| exposed[d]))
            .collect();
        if lags.contains(&Some(true)) {
            on.push(*value);
        } else if lags.iter().all(|l| *l == Some(false)) {
            off.push(*value);
        }
    }
    let moments = |v: &[f64]| {
        let mean = v.iter().sum::<f64>() / v.len() as f64;
        (mean, v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (v.len() as f64 - 1.0).max(1.0))
    };
    if on.len() < 2 || off.len() < 2 {
        return None;
    }
    let ((m1, v1), (m0, v0)) = (moments(&on), moments(&off));
    let se = (v1 / on.len() as f64 + v0 / off.len() as f64).sqrt();
    Some(((m1 - m0) / se.max(1e-9), on.len(), off.len(), m1 - m0))
}

/// With `EXTRA_TAGS=N` in the environment: N more meal tags with no effect (`extra1`...), each on
/// 8-30 % of the days with meals, in runs like the diary's own tags, so that a diary tests about as
/// many exposures as a real one with many foods and tags.
fn add_tags(entries: &mut [gutskin_core::Entry], seed: u64) {
    let extra: usize = std::env::var("EXTRA_TAGS").ok().and_then(|n| n.parse().ok()).unwrap_or(0);
    if extra == 0 {
        return;
    }
    let mut state = seed ^ 0x6578_7472_6174_6167;
    let mut unit = move || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        ((z ^ (z >> 31)) >> 11) as f64 / (1u64 << 53) as f64
    };
    let mut days: Vec<String> = entries
        .iter()
        .filter(|e| matches!(e.details, gutskin_core::EntryDetails::Meal { .. }))
        .map(|e| e.local_date.clone())
        .collect();
    days.dedup();
    for k in 0..extra {
        let share = 0.08 + 0.22 * unit();
        let stay = (share + 0.2).min(0.9);
        let start = share * (1.0 - stay) / (1.0 - share);
        let mut on = unit() < share;
        let tag = format!("extra{k}");
        for day in &days {
            on = unit() < if on { stay } else { start };
            if on
                && let Some(meal) = entries
                    .iter_mut()
                    .find(|e| &e.local_date == day && matches!(e.details, gutskin_core::EntryDetails::Meal { .. }))
            {
                meal.tags.push(tag.clone());
            }
        }
    }
}

/// Benjamini-Hochberg adjusted p-values, in the order of `p`.
fn bh(p: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..p.len()).collect();
    order.sort_by(|&a, &b| p[a].total_cmp(&p[b]));
    let m = p.len() as f64;
    let mut q = vec![1.0; p.len()];
    let mut running = 1.0f64;
    for (rank, &i) in order.iter().enumerate().rev() {
        running = running.min(p[i] * m / (rank + 1) as f64);
        q[i] = running.min(1.0);
    }
    q
}

/// Hierarchical selection (Benjamini & Bogomolov 2014) with Simes' family p-values: BH over the
/// families, then BH at q·R/m inside each of the R selected families of m. Returns per hypothesis
/// the least level at which it is selected.
fn hierarchical_q(p: &[f64], family: &[usize]) -> Vec<f64> {
    let mut labels = family.to_vec();
    labels.sort_unstable();
    labels.dedup();
    let members: Vec<Vec<usize>> = labels.iter().map(|l| (0..p.len()).filter(|&i| family[i] == *l).collect()).collect();
    let simes = |ps: &[f64]| {
        let mut s = ps.to_vec();
        s.sort_by(f64::total_cmp);
        s.iter().enumerate().map(|(j, p)| p * s.len() as f64 / (j + 1) as f64).fold(1.0, f64::min)
    };
    let family_q = bh(&members.iter().map(|m| simes(&m.iter().map(|&i| p[i]).collect::<Vec<_>>())).collect::<Vec<_>>());
    let mut sorted = family_q.clone();
    sorted.sort_by(f64::total_cmp);
    let m = labels.len() as f64;
    let mut out = vec![1.0; p.len()];
    for (f, m_f) in members.iter().enumerate() {
        for (&i, q_in) in m_f.iter().zip(bh(&m_f.iter().map(|&i| p[i]).collect::<Vec<_>>())) {
            out[i] = sorted
                .iter()
                .enumerate()
                .map(|(k, q_k)| family_q[f].max(*q_k).max(q_in * m / (k + 1) as f64))
                .fold(1.0, f64::min);
        }
    }
    out
}

/// Per finding, whether it would be "likely" under other rules, all with q <= 0.10 and at least
/// 10 exposed and unexposed days: 0 the method's q and floor (the estimate at least 1 point);
/// 1 no floor (a positive estimate); 2 the interval's upper end at least 1; 3 hierarchical
/// selection over exposure × outcome families (their lags) instead of plain Benjamini-Hochberg,
/// with the method's floor.
fn likely_rules(insights: &Insights) -> Vec<[bool; 4]> {
    let enough = |f: &gutskin_core::insights::Finding| {
        f.p_value.is_some() && f.counts.exposed_days >= 10 && f.counts.unexposed_days >= 10
    };
    let eligible: Vec<usize> = (0..insights.findings.len()).filter(|&i| enough(&insights.findings[i])).collect();
    let pairs: Vec<(String, String)> = eligible
        .iter()
        .map(|&i| (insights.findings[i].exposure_key.clone(), insights.findings[i].outcome_key.clone()))
        .collect();
    let family: Vec<usize> = pairs.iter().map(|pair| pairs.iter().position(|p| p == pair).unwrap_or(0)).collect();
    let p: Vec<f64> = eligible.iter().map(|&i| insights.findings[i].p_value.unwrap_or(1.0)).collect();
    let mut hierarchical = vec![1.0; insights.findings.len()];
    for (&i, q) in eligible.iter().zip(hierarchical_q(&p, &family)) {
        hierarchical[i] = q;
    }
    insights
        .findings
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let effect = f.effect.unwrap_or(0.0);
            let q = f.q_value.unwrap_or(1.0);
            let base = enough(f) && q <= 0.10;
            [
                base && effect >= 1.0,
                base && effect > 0.0,
                base && effect > 0.0 && f.ci_high.unwrap_or(0.0) >= 1.0,
                enough(f) && hierarchical[i] <= 0.10 && effect >= 1.0,
            ]
        })
        .collect()
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
    let mut rules_null = [0usize; 4];
    let mut rules_found = [0usize; 4];
    for seed in seeds.clone() {
        let insights = run(seed, days, None);
        null_any += usize::from(insights.likely > 0);
        let rules = likely_rules(&insights);
        for (r, n) in rules_null.iter_mut().enumerate() {
            *n += usize::from(rules.iter().any(|f| f[r]));
        }
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
    // The oracle's z at one-sided p 0.10 and 0.10/110 (Bonferroni over a diary's comparisons).
    const Z_10: f64 = 1.2816;
    const Z_10_OVER_110: f64 = 3.1183;
    let mut oracle_found = [0usize; 4];
    for seed in seeds.clone() {
        let trigger = random_trigger(seed, strength);
        if let Some((z, on, off, effect)) = oracle_comparison(seed, days, &trigger) {
            let likely_days = on >= 10 && off >= 10;
            oracle_found[0] += usize::from(z >= Z_10);
            oracle_found[1] += usize::from(z >= Z_10_OVER_110);
            oracle_found[2] += usize::from(z >= Z_10 && likely_days && effect >= 1.0);
            oracle_found[3] += usize::from(z >= Z_10_OVER_110 && likely_days && effect >= 1.0);
        }
        let insights = run(seed, days, Some(&trigger));
        let hit = detected(&insights, &trigger);
        found_all += usize::from(hit);
        let key = trigger.exposure.exposure().key();
        let rules = likely_rules(&insights);
        for (r, n) in rules_found.iter_mut().enumerate() {
            *n += usize::from(insights.findings.iter().zip(&rules).any(|(f, rule)| {
                rule[r]
                    && (f.exposure_key == key || f.inseparable_from.contains(&key))
                    && f.outcome == trigger.outcome
                    && f.lag_min_days <= trigger.lag_max_days
                    && f.lag_max_days >= trigger.lag_min_days
            }));
        }
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
    let pct = |n: usize| 100.0 * n as f64 / diaries as f64;
    println!(
        "  effect floor: estimate >= 1: found {:.1} %, nulls {:.1} %; none: {:.1} %, {:.1} %; \
         upper end >= 1: {:.1} %, {:.1} %; hierarchical: {:.1} %, {:.1} %",
        pct(rules_found[0]),
        pct(rules_null[0]),
        pct(rules_found[1]),
        pct(rules_null[1]),
        pct(rules_found[2]),
        pct(rules_null[2]),
        pct(rules_found[3]),
        pct(rules_null[3])
    );
    println!(
        "  misses: untested {} too few days {} effect under 1 {} q too high {}",
        miss[0], miss[1], miss[2], miss[3]
    );
    let shares: Vec<String> =
        sizes.iter().zip(oracle).map(|(m, o)| format!("m={m}: {:.0} %", 100.0 * o as f64 / diaries as f64)).collect();
    println!("  the planted test alone among m: {}", shares.join(", "));
    println!(
        "  oracle (knows exposure, window, outcome; Welch z, no correction): p<=0.10 {:.0} %, p<=0.10/110 {:.0} %; \
         with 10+10 days and effect >= 1: {:.0} %, {:.0} %",
        pct(oracle_found[0]),
        pct(oracle_found[1]),
        pct(oracle_found[2]),
        pct(oracle_found[3])
    );
    for (label, (n, hit, best)) in by {
        println!(
            "  {label:28} {hit:3}/{n:3} = {:5.1} %   median best p {:.2e}",
            100.0 * hit as f64 / n as f64,
            median(best)
        );
    }
}
