//! Intake totals of a year of meals: 1,500 meals of 3-5 food items (grams and named portions),
//! beside a baseline that sums one nutrient over the same items in a plain loop; and reading a
//! year of stored day summaries (with their intake) from a diary.
//!
//!     cargo bench -p gutskin-core --bench intake

use std::collections::HashMap;
use std::hint::black_box;
use std::time::{Duration, SystemTime};

use criterion::{Criterion, criterion_group, criterion_main};
use gutskin_core::foods::{Food, all_foods};
use gutskin_core::nutrition::{day_intake, meal_intake};
use gutskin_core::{Amount, Diary, EntryDetails, MealItem, MealKind, NewEntry};

const MEALS: usize = 1500;
const DAYS: usize = 365;

/// A tiny deterministic generator (xorshift), so every run totals the same year.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// 1,500 meals of 3-5 items drawn from the whole table: half in grams, half as a named portion.
fn year_of_meals() -> Vec<Vec<MealItem>> {
    let foods = all_foods();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    (0..MEALS)
        .map(|_| {
            (0..3 + rng.below(3))
                .map(|_| {
                    let food = &foods[rng.below(foods.len())];
                    let amount = if rng.below(2) == 0 || food.portions.is_empty() {
                        Amount::Grams { grams: 20.0 + rng.below(300) as f64 }
                    } else {
                        let p = &food.portions[rng.below(food.portions.len())];
                        Amount::Portion { name: p.name.clone(), count: 1.0 + rng.below(2) as f64 }
                    };
                    MealItem::Food { food_id: food.id.clone(), amount }
                })
                .collect()
        })
        .collect()
}

/// The baseline: fibre summed in a plain loop, foods found in a prebuilt map, nothing else.
fn fibre_loop(meals: &[Vec<MealItem>], by_id: &HashMap<&str, &Food>) -> f64 {
    let mut fibre = 0.0;
    for items in meals {
        for item in items {
            if let MealItem::Food { food_id, amount } = item
                && let Some(food) = by_id.get(food_id.as_str())
            {
                let grams = match amount {
                    Amount::Grams { grams } => *grams,
                    Amount::Portion { name, count } => {
                        food.portions.iter().find(|p| p.name == *name).map_or(0.0, |p| p.grams * count)
                    }
                };
                fibre += food.per_100g.fibre_g.unwrap_or(0.0) * grams / 100.0;
            }
        }
    }
    fibre
}

fn totals(c: &mut Criterion) {
    let meals = year_of_meals();
    let items: usize = meals.iter().map(Vec::len).sum();
    eprintln!("a year: {} meals, {items} food items", meals.len());
    let by_id: HashMap<&str, &Food> = all_foods().iter().map(|f| (f.id.as_str(), f)).collect();
    let days: Vec<&[Vec<MealItem>]> = meals.chunks(MEALS.div_ceil(DAYS)).collect();

    let mut g = c.benchmark_group("intake of a year of meals");
    g.bench_function("baseline: fibre in a plain loop", |b| b.iter(|| fibre_loop(black_box(&meals), &by_id)));
    g.bench_function("meal_intake of each meal", |b| {
        b.iter(|| meals.iter().map(|m| meal_intake(black_box(m), &[]).fibre_g.value).sum::<f64>())
    });
    g.bench_function("day_intake of each day", |b| {
        b.iter(|| days.iter().map(|d| day_intake(d.iter().map(Vec::as_slice), &[]).fibre_g.value).sum::<f64>())
    });
    g.finish();
}

/// A year of those meals in a diary (four or five a day); a chart then reads 365 stored summaries.
fn stored(c: &mut Criterion) {
    let meals = year_of_meals();
    let diary = Diary::open_in_memory().unwrap();
    let start = SystemTime::now() - Duration::from_secs(366 * 86_400);
    let per_day = MEALS.div_ceil(DAYS);
    let entries: Vec<NewEntry> = meals
        .into_iter()
        .enumerate()
        .map(|(i, items)| NewEntry {
            occurred_at: start
                + Duration::from_secs((i / per_day) as u64 * 86_400 + (7 + 3 * (i % per_day)) as u64 * 3600),
            time_zone: "UTC".into(),
            utc_offset_minutes: None,
            note: None,
            tags: vec![],
            details: EntryDetails::Meal { meal: MealKind::Lunch, items },
        })
        .collect();
    let first = gutskin_core::time::format_date(gutskin_core::time::to_utc(start).date_naive());
    let last = gutskin_core::time::format_date(
        gutskin_core::time::to_utc(start + Duration::from_secs(364 * 86_400)).date_naive(),
    );
    diary.log_entries(entries).unwrap();
    let mut g = c.benchmark_group("a year of stored day summaries");
    g.bench_function("Diary::day_summaries (365 days with intake)", |b| {
        b.iter(|| diary.day_summaries(black_box(&first), &last).unwrap())
    });
    g.finish();
}

criterion_group!(benches, totals, stored);
criterion_main!(benches);
