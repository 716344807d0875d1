//! The statistics the insights rest on: a regression of the outcome on the exposure within
//! fortnights, with its variance corrected for autocorrelation (Bartlett), p-values from normal
//! scores and Student's t distribution, and Benjamini-Hochberg.
//!
//! Everything is closed-form and deterministic: the same diary always gives the same numbers.

/// The variance of a value rounded to whole points (a uniform error of ±0.5): the least variance
/// a group of 0-10 ratings is taken to have, so that a group of identical ratings does not claim
/// infinite precision.
const ROUNDING_VARIANCE: f64 = 1.0 / 12.0;

/// The result of comparing the outcome on exposed days with unexposed days.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Comparison {
    pub mean_exposed: f64,
    pub mean_unexposed: f64,
    /// The exposure's coefficient within fortnights (not `mean_exposed - mean_unexposed`).
    pub effect: f64,
    pub ci_low: f64,
    pub ci_high: f64,
    pub p_value: f64,
    /// How much the day-to-day dependence of both series inflates the variance (>= 1).
    pub inflation: f64,
    /// Welch's degrees of freedom divided by `inflation` (at least 2).
    pub df: f64,
}

/// One day that enters a comparison: its day number, whether it was exposed, and its outcome.
#[cfg(test)]
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Obs {
    pub day: i64,
    pub exposed: bool,
    pub value: f64,
}

/// The length of the blocks days are compared within (a fortnight).
pub(crate) const BLOCK_DAYS: i64 = 14;

/// Compares exposed with unexposed days for one exposure window: [`fit`] with one regressor.
#[cfg(test)]
pub(crate) fn compare(obs: &[Obs]) -> Option<Comparison> {
    let days: Vec<i64> = obs.iter().map(|o| o.day).collect();
    let y: Vec<f64> = obs.iter().map(|o| o.value).collect();
    let z = vec![obs.iter().map(|o| o.exposed).collect::<Vec<bool>>()];
    fit(&days, &y, &z).pop().flatten()
}

/// Fits the outcome `y` (one value per day of `days`, in day order) on the exposure windows `z`
/// (each 1 on the days the exposure fell in that window before) jointly, with one intercept per
/// fortnight, and tests each window's coefficient. `None` for a window whose exposure does not
/// vary within any fortnight, or when there are too few days.
///
/// - **Within fortnights**: every day is compared with days of its own fortnight, so a slow change
///   (a bad month, a new cream, the seasons) cannot pose as a link.
/// - **Jointly**: an exposure that comes in runs (dairy today and yesterday) reaches a day at
///   several lags; fitting the lags together gives each its own effect instead of smearing one
///   lag's effect over its neighbours.
/// - **The effect** of a window is the difference it makes to the day's outcome, in points of the
///   outcome's scale, with a 95% interval.
/// - **Dependence**: the variance of each coefficient is multiplied by Bartlett's factor
///   `1 + 2 Σ w_k ρx(k) ρe(k)` (k = 1..K, Bartlett weights; x the window's exposure with the other
///   windows and the fortnights partialled out, e the residuals): two series that both run in
///   spells agree on many days by chance, and treating those days as independent would find
///   links that are not there. Degrees of freedom shrink by the same factor.
/// - **One-sided**: the p-value asks whether the outcome is *higher* after the exposure: the
///   insights look for what comes before flares. A lower outcome after an exposure is not
///   reported as a link (a diary cannot tell that apart from eating something on good days).
fn fit_values(days: &[i64], y: &[f64], z: &[Vec<bool>]) -> Vec<Option<Comparison>> {
    let n = days.len();
    let m = z.len();
    let none = || vec![None; m];
    if n < 8 || m == 0 {
        return none();
    }
    let first = days[0];
    let block_of: Vec<usize> = days.iter().map(|d| ((d - first) / BLOCK_DAYS) as usize).collect();
    let blocks = block_of.iter().max().copied().unwrap_or(0) + 1;
    let centre = |v: &[f64]| -> Vec<f64> {
        let mut sum = vec![0.0; blocks];
        let mut count = vec![0usize; blocks];
        for (i, x) in v.iter().enumerate() {
            sum[block_of[i]] += x;
            count[block_of[i]] += 1;
        }
        v.iter().enumerate().map(|(i, x)| x - sum[block_of[i]] / count[block_of[i]] as f64).collect()
    };
    let used_blocks = {
        let mut seen = vec![false; blocks];
        block_of.iter().for_each(|b| seen[*b] = true);
        seen.iter().filter(|s| **s).count()
    };
    let yc = centre(y);
    let zc: Vec<Vec<f64>> =
        z.iter().map(|col| centre(&col.iter().map(|&e| f64::from(u8::from(e))).collect::<Vec<_>>())).collect();
    // Only windows that vary within some fortnight can be estimated.
    let active: Vec<usize> = (0..m).filter(|&j| zc[j].iter().map(|v| v * v).sum::<f64>() > 1e-9).collect();
    if active.is_empty() {
        return none();
    }
    let dof = n as f64 - used_blocks as f64 - active.len() as f64;
    if dof < 2.0 {
        return none();
    }
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(x, y)| x * y).sum::<f64>();
    let gram: Vec<Vec<f64>> = active.iter().map(|&a| active.iter().map(|&b| dot(&zc[a], &zc[b])).collect()).collect();
    let rhs: Vec<f64> = active.iter().map(|&a| dot(&zc[a], &yc)).collect();
    let Some(beta) = solve(gram.clone(), rhs) else { return none() };
    let residuals: Vec<f64> =
        (0..n).map(|i| yc[i] - active.iter().zip(&beta).map(|(&j, b)| b * zc[j][i]).sum::<f64>()).collect();
    let sigma2 = (dot(&residuals, &residuals) / dof).max(ROUNDING_VARIANCE);

    let mut out = none();
    for (k, &j) in active.iter().enumerate() {
        // The window's exposure with the other windows partialled out (Frisch-Waugh-Lovell).
        let others: Vec<usize> = active.iter().copied().filter(|&o| o != j).collect();
        let partial: Vec<f64> = if others.is_empty() {
            zc[j].clone()
        } else {
            let g: Vec<Vec<f64>> =
                others.iter().map(|&a| others.iter().map(|&b| dot(&zc[a], &zc[b])).collect()).collect();
            let r: Vec<f64> = others.iter().map(|&a| dot(&zc[a], &zc[j])).collect();
            match solve(g, r) {
                Some(c) => {
                    (0..n).map(|i| zc[j][i] - others.iter().zip(&c).map(|(&o, c)| c * zc[o][i]).sum::<f64>()).collect()
                }
                None => continue,
            }
        };
        let sxx = dot(&partial, &partial);
        if sxx < 1e-9 {
            continue;
        }
        let series: Vec<(i64, f64, f64)> = (0..n).map(|i| (days[i], partial[i], residuals[i])).collect();
        let inflation = bartlett_factor(&series);
        let se = (sigma2 / sxx * inflation).sqrt();
        let df = (dof / inflation).max(2.0);
        let effect = beta[k];
        let p_value = one_sided_p(effect / se, df);
        let half = t_quantile(0.975, df) * se;
        let mean_of = |exposed: bool| {
            let v: Vec<f64> = (0..n).filter(|&i| z[j][i] == exposed).map(|i| y[i]).collect();
            if v.is_empty() { f64::NAN } else { v.iter().sum::<f64>() / v.len() as f64 }
        };
        out[j] = Some(Comparison {
            mean_exposed: mean_of(true),
            mean_unexposed: mean_of(false),
            effect,
            ci_low: effect - half,
            ci_high: effect + half,
            p_value,
            inflation,
            df,
        });
    }
    out
}

/// [`fit_values`] on the outcome as logged, for the effect and its interval, with the p-value of
/// the same fit on the outcome's normal scores (ranks mapped to the normal distribution, ties
/// averaged). Symptom ratings are lumpy and skewed (a flare is a few very high days); on the raw
/// values a few flare days that happen to follow a rare exposure give p-values far smaller than
/// chance allows, and the normal scores keep the test honest in that tail.
pub(crate) fn fit(days: &[i64], y: &[f64], z: &[Vec<bool>]) -> Vec<Option<Comparison>> {
    let raw = fit_values(days, y, z);
    let scored = fit_values(days, &normal_scores(y), z);
    raw.into_iter()
        .zip(scored)
        .map(|(raw, scored)| match (raw, scored) {
            (Some(mut r), Some(s)) => {
                r.p_value = s.p_value;
                Some(r)
            }
            _ => None,
        })
        .collect()
}

/// Rank-based inverse normal scores: Φ⁻¹((rank - 3/8) / (n + 1/4)) (Blom), ties given their mean rank.
pub(crate) fn normal_scores(y: &[f64]) -> Vec<f64> {
    let n = y.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| y[a].total_cmp(&y[b]));
    let mut scores = vec![0.0; n];
    let mut i = 0;
    while i < n {
        let mut j = i;
        while j + 1 < n && y[order[j + 1]] == y[order[i]] {
            j += 1;
        }
        let rank = (i + j) as f64 / 2.0 + 1.0;
        let score = normal_quantile((rank - 0.375) / (n as f64 + 0.25));
        for k in i..=j {
            scores[order[k]] = score;
        }
        i = j + 1;
    }
    scores
}

/// Φ⁻¹(p) for 0 < p < 1, by bisection on [`normal_cdf`].
fn normal_quantile(p: f64) -> f64 {
    let p = p.clamp(1e-12, 1.0 - 1e-12);
    let (mut lo, mut hi) = (-10.0f64, 10.0f64);
    for _ in 0..80 {
        let mid = 0.5 * (lo + hi);
        if normal_cdf(mid) < p { lo = mid } else { hi = mid }
    }
    0.5 * (lo + hi)
}

/// Φ(x), the standard normal distribution function, through erfc and the incomplete gamma function.
fn normal_cdf(x: f64) -> f64 {
    // Φ(x) = 0.5 * erfc(-x / √2), erfc(z) = Q(1/2, z²) for z >= 0.
    let z = x / std::f64::consts::SQRT_2;
    let q = upper_gamma_half(z * z);
    if x >= 0.0 { 1.0 - 0.5 * q } else { 0.5 * q }
}

/// The regularised upper incomplete gamma function Q(1/2, x) = erfc(√x), x >= 0.
fn upper_gamma_half(x: f64) -> f64 {
    let a = 0.5;
    if x <= 0.0 {
        return 1.0;
    }
    let ln_front = -x + a * x.ln() - ln_gamma(a);
    if x < a + 1.0 {
        // Series for the lower function P, then Q = 1 - P.
        let (mut sum, mut term, mut k) = (1.0 / a, 1.0 / a, a);
        for _ in 0..500 {
            k += 1.0;
            term *= x / k;
            sum += term;
            if term.abs() < sum.abs() * 1e-15 {
                break;
            }
        }
        return 1.0 - sum * ln_front.exp();
    }
    // Continued fraction for Q (modified Lentz).
    const TINY: f64 = 1e-300;
    let mut b = x + 1.0 - a;
    let mut c = 1.0 / TINY;
    let mut d = 1.0 / b;
    let mut f = d;
    for i in 1..500 {
        let an = -f64::from(i) * (f64::from(i) - a);
        b += 2.0;
        d = an * d + b;
        if d.abs() < TINY {
            d = TINY;
        }
        c = b + an / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        let step = d * c;
        f *= step;
        if (step - 1.0).abs() < 1e-15 {
            break;
        }
    }
    ln_front.exp() * f
}

/// Solves `a x = b` for a small dense system (Gaussian elimination with partial pivoting);
/// `None` when `a` is singular.
fn solve(mut a: Vec<Vec<f64>>, mut b: Vec<f64>) -> Option<Vec<f64>> {
    let n = b.len();
    for col in 0..n {
        let pivot = (col..n).max_by(|&i, &j| a[i][col].abs().total_cmp(&a[j][col].abs()))?;
        if a[pivot][col].abs() < 1e-9 {
            return None;
        }
        a.swap(col, pivot);
        b.swap(col, pivot);
        for row in col + 1..n {
            let factor = a[row][col] / a[col][col];
            let pivot_row = a[col].clone();
            for (x, p) in a[row].iter_mut().zip(&pivot_row).skip(col) {
                *x -= factor * p;
            }
            b[row] -= factor * b[col];
        }
    }
    let mut x = vec![0.0; n];
    for row in (0..n).rev() {
        let s: f64 = (row + 1..n).map(|k| a[row][k] * x[k]).sum();
        x[row] = (b[row] - s) / a[row][row];
    }
    Some(x)
}

/// P(T >= t) for Student's t with `df` degrees of freedom.
pub(crate) fn one_sided_p(t: f64, df: f64) -> f64 {
    let two = two_sided_p(t, df);
    if t >= 0.0 { two / 2.0 } else { 1.0 - two / 2.0 }
}

/// The Bartlett variance factor for the correlation of two series observed on (possibly
/// scattered) days, given as `(day, x, y)` in day order: `1 + 2 Σ_{k=1..K} (1 - k/(K+1)) ρx(k) ρy(k)`,
/// at least 1 and at most n/4. K is 14 days, or a quarter of the days for short diaries.
pub(crate) fn bartlett_factor(series: &[(i64, f64, f64)]) -> f64 {
    let n = series.len();
    if n < 8 {
        return 1.0;
    }
    let max_lag = (n / 4).clamp(1, 14) as i64;
    let nf = n as f64;
    let mx = series.iter().map(|s| s.1).sum::<f64>() / nf;
    let my = series.iter().map(|s| s.2).sum::<f64>() / nf;
    let vx = series.iter().map(|s| (s.1 - mx).powi(2)).sum::<f64>() / nf;
    let vy = series.iter().map(|s| (s.2 - my).powi(2)).sum::<f64>() / nf;
    if vx <= 1e-12 || vy <= 1e-12 {
        return 1.0;
    }
    let first = series.iter().map(|s| s.0).min().unwrap_or(0);
    let last = series.iter().map(|s| s.0).max().unwrap_or(0);
    let mut slot: Vec<Option<usize>> = vec![None; (last - first + 1) as usize];
    for (i, s) in series.iter().enumerate() {
        slot[(s.0 - first) as usize] = Some(i);
    }
    let mut sum = 0.0;
    for k in 1..=max_lag {
        let (mut sx, mut sy, mut pairs) = (0.0, 0.0, 0usize);
        for a in series {
            let Some(&Some(j)) = slot.get((a.0 - first + k) as usize) else { continue };
            let b = &series[j];
            sx += (a.1 - mx) * (b.1 - mx);
            sy += (a.2 - my) * (b.2 - my);
            pairs += 1;
        }
        if pairs < 4 {
            continue;
        }
        let rx = sx / pairs as f64 / vx;
        let ry = sy / pairs as f64 / vy;
        let weight = 1.0 - k as f64 / (max_lag as f64 + 1.0);
        sum += weight * rx * ry;
    }
    (1.0 + 2.0 * sum).clamp(1.0, (nf / 4.0).max(1.0))
}

/// Benjamini-Hochberg adjusted p-values (q-values), in the order of `p`.
pub(crate) fn benjamini_hochberg(p: &[f64]) -> Vec<f64> {
    let m = p.len();
    let mut order: Vec<usize> = (0..m).collect();
    order.sort_by(|&a, &b| p[a].total_cmp(&p[b]).then(a.cmp(&b)));
    let mut q = vec![1.0; m];
    let mut running = 1.0f64;
    for rank in (0..m).rev() {
        let i = order[rank];
        running = running.min(p[i] * m as f64 / (rank + 1) as f64);
        q[i] = running.min(1.0);
    }
    q
}

/// P(|T| >= |t|) for Student's t with `df` degrees of freedom.
pub(crate) fn two_sided_p(t: f64, df: f64) -> f64 {
    if !t.is_finite() {
        return if t.is_nan() { 1.0 } else { 0.0 };
    }
    let x = df / (df + t * t);
    regularized_beta(x, df / 2.0, 0.5).clamp(0.0, 1.0)
}

/// The `prob` quantile (0.5 < prob < 1) of Student's t, by bisection on the distribution function.
pub(crate) fn t_quantile(prob: f64, df: f64) -> f64 {
    let tail = 2.0 * (1.0 - prob);
    let (mut lo, mut hi) = (0.0f64, 1.0f64);
    while two_sided_p(hi, df) > tail && hi < 1e6 {
        hi *= 2.0;
    }
    for _ in 0..100 {
        let mid = 0.5 * (lo + hi);
        if two_sided_p(mid, df) > tail { lo = mid } else { hi = mid }
    }
    0.5 * (lo + hi)
}

/// ln Γ(x) for x > 0 (Lanczos approximation, g = 7, nine coefficients).
fn ln_gamma(x: f64) -> f64 {
    const C: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection: Γ(x) Γ(1-x) = π / sin(πx).
        return (std::f64::consts::PI / (std::f64::consts::PI * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut sum = C[0];
    for (i, c) in C.iter().enumerate().skip(1) {
        sum += c / (x + i as f64);
    }
    let t = x + 7.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + sum.ln()
}

/// The regularised incomplete beta function I_x(a, b), by its continued fraction (modified Lentz).
pub(crate) fn regularized_beta(x: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let ln_front = ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln();
    // The fraction converges fast for x < (a+1)/(a+b+2); use the symmetry otherwise.
    if x > (a + 1.0) / (a + b + 2.0) {
        return 1.0 - regularized_beta(1.0 - x, b, a);
    }
    const TINY: f64 = 1e-300;
    let mut c = 1.0;
    let mut d = 1.0 - (a + b) * x / (a + 1.0);
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut f = d;
    for m in 1..300 {
        let m = f64::from(m);
        // Even step.
        let num = m * (b - m) * x / ((a + 2.0 * m - 1.0) * (a + 2.0 * m));
        d = 1.0 + num * d;
        d = if d.abs() < TINY { 1.0 / TINY } else { 1.0 / d };
        c = 1.0 + num / c;
        if c.abs() < TINY {
            c = TINY;
        }
        f *= d * c;
        // Odd step.
        let num = -(a + m) * (a + b + m) * x / ((a + 2.0 * m) * (a + 2.0 * m + 1.0));
        d = 1.0 + num * d;
        d = if d.abs() < TINY { 1.0 / TINY } else { 1.0 / d };
        c = 1.0 + num / c;
        if c.abs() < TINY {
            c = TINY;
        }
        let step = d * c;
        f *= step;
        if (step - 1.0).abs() < 1e-14 {
            break;
        }
    }
    ln_front.exp() * f / a
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64, tol: f64) -> bool {
        (a - b).abs() <= tol
    }

    #[test]
    fn t_distribution_matches_published_values() {
        // Two-sided critical values from standard t tables.
        for (df, t975) in [(1.0, 12.706), (2.0, 4.303), (5.0, 2.571), (10.0, 2.228), (30.0, 2.042), (1000.0, 1.962)] {
            assert!(close(t_quantile(0.975, df), t975, 2e-3), "df {df}: {}", t_quantile(0.975, df));
            assert!(close(two_sided_p(t975, df), 0.05, 1e-3), "df {df}");
        }
        assert!(close(two_sided_p(0.0, 7.0), 1.0, 1e-12));
        assert!(two_sided_p(40.0, 20.0) < 1e-18);
        assert!(close(ln_gamma(5.0), (24.0f64).ln(), 1e-12));
        assert!(close(ln_gamma(0.5), std::f64::consts::PI.sqrt().ln(), 1e-12));
    }

    #[test]
    fn normal_scores_are_symmetric_and_tie_aware() {
        assert!(close(normal_cdf(1.959_964), 0.975, 1e-6));
        assert!(close(normal_cdf(-1.0), 0.158_655_25, 1e-7));
        assert!(close(normal_quantile(0.975), 1.959_964, 1e-5));
        let s = normal_scores(&[3.0, 1.0, 2.0, 4.0, 5.0]);
        assert!(close(s[0], 0.0, 1e-9) && close(s[1], -s[4], 1e-9) && close(s[2], -s[3], 1e-9), "{s:?}");
        let s = normal_scores(&[2.0, 1.0, 2.0, 3.0]);
        assert!(close(s[0], s[2], 1e-12) && close(s[0], 0.0, 1e-9) && close(s[1], -s[3], 1e-9), "{s:?}");
    }

    #[test]
    fn benjamini_hochberg_adjusts_like_the_textbook() {
        let q = benjamini_hochberg(&[0.01, 0.04, 0.03, 0.005, 0.5]);
        let want = [0.025, 0.05, 0.05, 0.025, 0.5];
        for (got, want) in q.iter().zip(want) {
            assert!(close(*got, want, 1e-12), "{q:?}");
        }
        assert!(benjamini_hochberg(&[]).is_empty());
    }

    fn obs(exposed: &[bool], values: &[f64]) -> Vec<Obs> {
        exposed
            .iter()
            .zip(values)
            .enumerate()
            .map(|(i, (&exposed, &value))| Obs { day: i as i64, exposed, value })
            .collect()
    }

    #[test]
    fn a_clear_difference_is_found_and_none_is_not() {
        let exposed: Vec<bool> = (0..40).map(|i| i % 3 == 0).collect();
        let values: Vec<f64> = (0..40).map(|i| if i % 3 == 0 { 6.0 } else { 3.0 } + f64::from(i % 2)).collect();
        let c = compare(&obs(&exposed, &values)).unwrap();
        assert!(close(c.effect, 3.0, 0.2), "{c:?}");
        assert!(c.p_value < 1e-6 && c.ci_low > 2.0 && c.ci_high < 4.0, "{c:?}");
        let flat: Vec<f64> = (0..40).map(|i| 3.0 + f64::from(i % 2)).collect();
        let c = compare(&obs(&exposed, &flat)).unwrap();
        assert!(c.p_value > 0.2, "{c:?}");
        assert!(compare(&obs(&[true, false, false], &[1.0, 2.0, 3.0])).is_none());
    }

    #[test]
    fn two_slow_series_inflate_the_variance() {
        let series = |x: &dyn Fn(i64) -> f64, y: &dyn Fn(i64) -> f64| -> Vec<(i64, f64, f64)> {
            (0..100).map(|i| (i, x(i), y(i))).collect()
        };
        // Exposure in blocks of 10 days, outcome drifting in blocks of 10 days: they agree by chance.
        let blocky = |i: i64| if (i / 10) % 2 == 0 { 1.0 } else { 0.0 };
        let drifting = |i: i64| if (i / 10) % 3 == 0 { 5.0 } else { 2.0 };
        assert!(bartlett_factor(&series(&blocky, &drifting)) > 3.0);
        // An alternating exposure with a drifting outcome: no inflation.
        let alternating = |i: i64| (i % 2) as f64;
        assert!(bartlett_factor(&series(&alternating, &drifting)) < 1.3);
    }

    #[test]
    fn a_slow_drift_does_not_pose_as_a_link() {
        // Exposed mostly in the first half, and the outcome is worse in the first half, but
        // within each fortnight exposed and unexposed days do not differ.
        let obs: Vec<Obs> = (0..112)
            .map(|i| {
                let exposed = if i < 56 { i % 4 != 0 } else { i % 4 == 0 };
                let value = if i < 56 { 6.0 } else { 2.0 } + f64::from((i % 3) as u8);
                Obs { day: i, exposed, value }
            })
            .collect();
        let c = compare(&obs).unwrap();
        assert!(c.mean_exposed - c.mean_unexposed > 1.5, "{c:?}");
        assert!(c.effect.abs() < 0.6 && c.p_value > 0.05, "{c:?}");
    }
}
