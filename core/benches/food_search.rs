//! Food search latency over the whole built-in table, next to a naive `contains` scan.
//!
//!     cargo bench -p gutskin-core --bench food_search

use criterion::{Criterion, criterion_group, criterion_main};
use gutskin_core::foods::{SearchBoosts, all_foods, naive_contains, search_foods};
use std::hint::black_box;

fn bench(c: &mut Criterion) {
    let foods = all_foods();
    let boosts = SearchBoosts {
        recent_ids: vec!["oatmeal".into(), "coffee-latte".into(), "banana-raw".into()],
        favourite_ids: vec!["salmon-baked-or-broiled".into(), "lentils-cooked".into()],
    };
    let mut g = c.benchmark_group("food_search");
    for (label, query, lang) in [
        ("prefix_sal_en", "sal", "en"),
        ("exact_two_words_en", "chicken breast", "en"),
        ("typo_lentls_en", "lentls", "en"),
        ("typo_brocoli_en", "brocoli", "en"),
        ("german_linsen_de", "Linsen", "de"),
        ("german_umlaut_kase_de", "kase", "de"),
    ] {
        g.bench_function(label, |b| b.iter(|| search_foods(black_box(query), lang, &boosts, 20).unwrap()));
    }
    for (label, query, lang) in
        [("baseline_contains_sal_en", "sal", "en"), ("baseline_contains_linsen_de", "Linsen", "de")]
    {
        g.bench_function(label, |b| b.iter(|| naive_contains(foods, black_box(query), lang)));
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
