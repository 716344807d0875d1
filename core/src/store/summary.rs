//! Day summaries: counts and aggregates per local day. A write recomputes the summaries of the
//! days it touched (SQLite aggregates one day's entries, clustered together, plus passes over the
//! day's skin check-ins and meals, whose ratings and items live in JSON) and keeps them in
//! `day_summaries`; reads of long ranges then read one small row per day.

use std::collections::{BTreeMap, BTreeSet};

use rusqlite::Connection;

use super::{DayRange, Store};
use crate::error::Result;
use crate::model::{
    Condition, ConditionSummary, DaySummary, GutSummary, KindCounts, MealItem, SkinRating, SleepSummary, StressSummary,
};
use crate::nutrition;
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

const MEAL_ROWS: &str = "SELECT local_day, items FROM entries
    WHERE local_day BETWEEN ?1 AND ?2 AND kind = 'meal' AND deleted = 0
    ORDER BY local_day, occurred_at";

const SKIN_ROWS: &str = "SELECT local_day, skin_ratings, poem FROM entries
    WHERE local_day BETWEEN ?1 AND ?2 AND kind = 'skin_check_in' AND deleted = 0
    ORDER BY local_day, occurred_at";

impl Store {
    /// One summary for every day of the range, empty days included, oldest first.
    pub fn summaries(&self, days: DayRange) -> Result<Vec<DaySummary>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT local_day, summary FROM day_summaries WHERE local_day BETWEEN ?1 AND ?2")?;
        let mut stored: BTreeMap<i64, DaySummary> = BTreeMap::new();
        let mut rows = stmt.query([days.first, days.last])?;
        while let Some(r) = rows.next()? {
            stored.insert(r.get(0)?, serde_json::from_str(&r.get::<_, String>(1)?)?);
        }
        Ok((days.first..=days.last).map(|day| stored.remove(&day).unwrap_or_else(|| empty_summary(day))).collect())
    }
}

/// Recomputes and stores the summaries of `days`; a day left without entries loses its row.
pub(super) fn refresh(conn: &Connection, days: &BTreeSet<i64>) -> Result<()> {
    for &day in days {
        let summary = compute(conn, DayRange { first: day, last: day })?.remove(&day);
        match summary.filter(|s| s.counts != KindCounts::default()) {
            Some(summary) => conn
                .prepare_cached("INSERT OR REPLACE INTO day_summaries (local_day, summary) VALUES (?1, ?2)")?
                .execute(rusqlite::params![day, serde_json::to_string(&summary)?])?,
            None => conn.prepare_cached("DELETE FROM day_summaries WHERE local_day = ?1")?.execute([day])?,
        };
    }
    Ok(())
}

/// Recomputes every stored summary from the entries.
pub(super) fn rebuild_all(conn: &Connection) -> Result<()> {
    conn.execute("DELETE FROM day_summaries", [])?;
    let days = conn
        .prepare("SELECT DISTINCT local_day FROM entries")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<BTreeSet<i64>>>()?;
    refresh(conn, &days)
}

/// Computes the summaries of a range of days from the entries themselves.
fn compute(conn: &Connection, days: DayRange) -> Result<BTreeMap<i64, DaySummary>> {
    let mut by_day: BTreeMap<i64, DaySummary> = (days.first..=days.last).map(|day| (day, empty_summary(day))).collect();

    let mut stmt = conn.prepare_cached(DAY_AGGREGATES)?;
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
        if let (Some(max), Some(mean)) = (r.get::<_, Option<u8>>(16)?, r.get::<_, Option<f64>>(17)?) {
            summary.stress = Some(StressSummary { max, mean });
        }
        if summary.counts.sleep > 0 {
            summary.sleep = Some(SleepSummary { minutes: r.get(18)?, quality_mean: r.get(19)? });
        }
        summary.water_ml = r.get(20)?;
        summary.activity_minutes = r.get(21)?;
    }

    // Per day and condition; `mean` holds the running total until the end.
    let mut skin: BTreeMap<(i64, Condition), ConditionSummary> = BTreeMap::new();
    let mut stmt = conn.prepare_cached(SKIN_ROWS)?;
    let mut rows = stmt.query([days.first, days.last])?;
    while let Some(r) = rows.next()? {
        let day: i64 = r.get(0)?;
        let ratings: Vec<SkinRating> = serde_json::from_str(&r.get::<_, String>(1)?)?;
        for rating in ratings {
            let acc = skin.entry((day, rating.condition)).or_insert(ConditionSummary {
                condition: rating.condition,
                ratings: 0,
                worst: 0,
                mean: 0.0,
                worst_itch: None,
            });
            acc.ratings += 1;
            acc.worst = acc.worst.max(rating.severity);
            acc.mean += f64::from(rating.severity);
            acc.worst_itch = acc.worst_itch.max(rating.itch);
        }
        if let (Some(poem), Some(summary)) = (r.get::<_, Option<String>>(2)?, by_day.get_mut(&day)) {
            let answers: Vec<u8> = serde_json::from_str(&poem)?;
            summary.poem = poem_score(&answers).ok();
        }
    }
    for ((day, _), mut condition) in skin {
        if let Some(summary) = by_day.get_mut(&day) {
            condition.mean /= f64::from(condition.ratings);
            summary.skin.push(condition);
        }
    }

    // The day's intake from its meals' items; custom foods are read only when an item needs one.
    let mut meals: BTreeMap<i64, Vec<Vec<MealItem>>> = BTreeMap::new();
    let mut stmt = conn.prepare_cached(MEAL_ROWS)?;
    let mut rows = stmt.query([days.first, days.last])?;
    let mut needs_custom = false;
    while let Some(r) = rows.next()? {
        let items: Vec<MealItem> = serde_json::from_str(&r.get::<_, String>(1)?)?;
        needs_custom |= items
            .iter()
            .any(|item| matches!(item, MealItem::Food { food_id, .. } if crate::foods::table_food(food_id).is_none()));
        meals.entry(r.get(0)?).or_default().push(items);
    }
    let custom = if needs_custom { super::foods::all_custom_foods(conn)? } else { Vec::new() };
    for (day, items) in meals {
        if let Some(summary) = by_day.get_mut(&day) {
            summary.intake = Some(nutrition::day_intake(items.iter().map(Vec::as_slice), &custom));
        }
    }
    Ok(by_day)
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
        intake: None,
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use proptest::prelude::*;

    use crate::model::{EntryDetails, NewEntry, SkinRating};
    use crate::{Condition, Diary, time};

    #[derive(Debug, Clone)]
    enum Op {
        Log { day: u8, hour: u8, level: u8, skin: bool },
        Move { which: usize, day: u8 },
        Delete { which: usize },
        Undelete { which: usize },
    }

    fn op() -> impl Strategy<Value = Op> {
        prop_oneof![
            (0u8..5, 0u8..24, 0u8..=10, any::<bool>()).prop_map(|(day, hour, level, skin)| Op::Log {
                day,
                hour,
                level,
                skin
            }),
            (any::<usize>(), 0u8..5).prop_map(|(which, day)| Op::Move { which, day }),
            any::<usize>().prop_map(|which| Op::Delete { which }),
            any::<usize>().prop_map(|which| Op::Undelete { which }),
        ]
    }

    fn at(day: u8, hour: u8) -> std::time::SystemTime {
        time::rfc3339::parse("2026-11-01T00:00:00Z").unwrap()
            + Duration::from_secs(u64::from(day) * 86_400 + u64::from(hour) * 3600)
    }

    proptest! {
        /// Whatever is logged, moved, deleted or restored, the stored summaries equal summaries
        /// computed afresh from the entries.
        #[test]
        fn stored_summaries_follow_every_write(ops in proptest::collection::vec(op(), 1..40)) {
            let diary = Diary::open_in_memory().unwrap();
            let mut ids: Vec<String> = Vec::new();
            for op in ops {
                match op {
                    Op::Log { day, hour, level, skin } => {
                        let details = if skin {
                            EntryDetails::SkinCheckIn { ratings: vec![SkinRating { condition: Condition::Acne, severity: level, itch: None, areas: vec![] }], poem: None }
                        } else {
                            EntryDetails::Stress { level }
                        };
                        let entry = NewEntry { occurred_at: at(day, hour), time_zone: "UTC".into(), utc_offset_minutes: None, note: None, tags: vec![], details };
                        ids.push(diary.log_entry(entry).unwrap().id);
                    }
                    Op::Move { which, day } if !ids.is_empty() => {
                        let id = &ids[which % ids.len()];
                        let mut entry = diary.entry(id).unwrap().to_new_entry();
                        entry.occurred_at = at(day, 12);
                        diary.update_entry(id, entry).unwrap();
                    }
                    Op::Delete { which } if !ids.is_empty() => { diary.delete_entry(&ids[which % ids.len()]).unwrap(); }
                    Op::Undelete { which } if !ids.is_empty() => { diary.undelete_entry(&ids[which % ids.len()]).unwrap(); }
                    _ => {}
                }
            }
            let stored = diary.day_summaries("2026-10-31", "2026-11-06").unwrap();
            diary.with_store(|s| s.rebuild_summaries()).unwrap();
            prop_assert_eq!(stored, diary.day_summaries("2026-10-31", "2026-11-06").unwrap());
        }
    }
}
