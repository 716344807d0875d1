//! Day summaries: counts and aggregates per local day, computed by SQLite in one pass over the
//! range (entries are clustered by day), plus a pass over the skin check-ins for per-condition
//! figures that live in JSON.

use std::collections::BTreeMap;

use super::{DayRange, Store};
use crate::error::Result;
use crate::model::{
    Condition, ConditionSummary, DaySummary, GutSummary, KindCounts, SkinRating, SleepSummary,
    StressSummary,
};
use crate::scales::poem_score;
use crate::time;

const DAY_AGGREGATES: &str = "SELECT local_day,
    SUM(kind = 'meal'), SUM(kind = 'skin_check_in'), SUM(kind = 'gut_check_in'), SUM(kind = 'stress'),
    SUM(kind = 'sleep'), SUM(kind = 'activity'), SUM(kind = 'medication'), SUM(kind = 'water'), SUM(kind = 'note'),
    MIN(bristol), MAX(bristol), MAX(bloating), AVG(bloating), MAX(pain), AVG(pain),
    MAX(stress), AVG(stress), SUM(sleep_minutes), AVG(sleep_quality),
    IFNULL(SUM(water_ml), 0), IFNULL(SUM(activity_minutes), 0)
    FROM entries WHERE local_day BETWEEN ?1 AND ?2 AND deleted = 0
    GROUP BY local_day";

const SKIN_ROWS: &str = "SELECT local_day, skin_ratings, poem FROM entries
    WHERE local_day BETWEEN ?1 AND ?2 AND deleted = 0 AND kind = 'skin_check_in'
    ORDER BY local_day, occurred_at, id";

impl Store {
    /// One summary for every day of the range, empty days included, oldest first.
    pub fn summaries(&self, days: DayRange) -> Result<Vec<DaySummary>> {
        let mut by_day: BTreeMap<i64, DaySummary> = (days.first..=days.last)
            .map(|day| (day, empty_summary(day)))
            .collect();

        let mut stmt = self.conn.prepare_cached(DAY_AGGREGATES)?;
        let mut rows = stmt.query([days.first, days.last])?;
        while let Some(r) = rows.next()? {
            let Some(summary) = by_day.get_mut(&r.get::<_, i64>(0)?) else {
                continue;
            };
            summary.counts = KindCounts {
                meals: r.get(1)?,
                skin_check_ins: r.get(2)?,
                gut_check_ins: r.get(3)?,
                stress: r.get(4)?,
                sleep: r.get(5)?,
                activity: r.get(6)?,
                medications: r.get(7)?,
                water: r.get(8)?,
                notes: r.get(9)?,
            };
            if summary.counts.gut_check_ins > 0 {
                summary.gut = Some(GutSummary {
                    check_ins: summary.counts.gut_check_ins,
                    bristol_min: r.get(10)?,
                    bristol_max: r.get(11)?,
                    bloating_max: r.get(12)?,
                    bloating_mean: r.get(13)?,
                    pain_max: r.get(14)?,
                    pain_mean: r.get(15)?,
                });
            }
            if let (Some(max), Some(mean)) =
                (r.get::<_, Option<u8>>(16)?, r.get::<_, Option<f64>>(17)?)
            {
                summary.stress = Some(StressSummary { max, mean });
            }
            if summary.counts.sleep > 0 {
                summary.sleep = Some(SleepSummary {
                    minutes: r.get(18)?,
                    quality_mean: r.get(19)?,
                });
            }
            summary.water_ml = r.get(20)?;
            summary.activity_minutes = r.get(21)?;
        }

        let mut skin: BTreeMap<(i64, Condition), (u32, u8, u32, Option<u8>)> = BTreeMap::new();
        let mut stmt = self.conn.prepare_cached(SKIN_ROWS)?;
        let mut rows = stmt.query([days.first, days.last])?;
        while let Some(r) = rows.next()? {
            let day: i64 = r.get(0)?;
            let ratings: Vec<SkinRating> = serde_json::from_str(&r.get::<_, String>(1)?)?;
            for rating in ratings {
                let acc = skin
                    .entry((day, rating.condition))
                    .or_insert((0, 0, 0, None));
                acc.0 += 1;
                acc.1 = acc.1.max(rating.severity);
                acc.2 += u32::from(rating.severity);
                acc.3 = acc.3.max(rating.itch);
            }
            if let (Some(poem), Some(summary)) =
                (r.get::<_, Option<String>>(2)?, by_day.get_mut(&day))
            {
                let answers: Vec<u8> = serde_json::from_str(&poem)?;
                summary.poem = poem_score(&answers).ok();
            }
        }
        for ((day, condition), (ratings, worst, total, worst_itch)) in skin {
            if let Some(summary) = by_day.get_mut(&day) {
                summary.skin.push(ConditionSummary {
                    condition,
                    ratings,
                    worst,
                    mean: f64::from(total) / f64::from(ratings),
                    worst_itch,
                });
            }
        }
        Ok(by_day.into_values().collect())
    }
}

fn empty_summary(day: i64) -> DaySummary {
    DaySummary {
        date: time::format_date(time::date_from_day_number(day)),
        counts: KindCounts::default(),
        skin: Vec::new(),
        poem: None,
        gut: None,
        stress: None,
        sleep: None,
        water_ml: 0,
        activity_minutes: 0,
    }
}
