//! Label suggestions: the phones label a meal photo on the device (ML Kit on Android, Apple Vision
//! on iOS) and hand the labels with their confidence to the core, which maps them through a
//! committed vocabulary (`core/data/photo_labels.tsv`) to foods of the table. The user confirms the
//! suggestions they want into meal items ([`crate::Diary::add_meal_items`]).
//!
//! Vocabulary format: line 1 `#gutskin-photo-labels<TAB>v1`, line 2 the column names, then one
//! label per line: the English label as the labelers name it ("Salad", "Hot dog"), a tab, and its
//! foods in order of preference, `|`-separated, each `food-id=AMOUNT` where AMOUNT is grams (`200g`),
//! a portion name of the food (`1 slice`) or a count of one (`2*1 cookie`): the amount a suggestion
//! starts with. Labels match case-insensitively, with `_` and `-` read as spaces; generic labels
//! ("Food", "Dish", "Tableware") are not in the vocabulary and suggest nothing.

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use super::{Food, SearchBoosts, table_food};
use crate::model::{Amount, MealItem};

const VOCABULARY_TSV: &str = include_str!("../../data/photo_labels.tsv");

/// Labels less confident than this are ignored.
pub const MIN_LABEL_CONFIDENCE: f64 = 0.3;

/// A label an on-device image labeler gave a photo.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct ImageLabel {
    /// The labeler's English label, e.g. "Pizza" (ML Kit) or "pizza" (Vision).
    pub label: String,
    /// 0-1.
    pub confidence: f64,
}

/// A food a photo's labels suggest, with the meal item it would become.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FoodSuggestion {
    pub food: Food,
    /// The label that suggested it (as the labeler gave it) and its confidence.
    pub label: String,
    pub confidence: f64,
    /// The food with a typical amount: confirm it as is, or change the amount first.
    pub item: MealItem,
}

/// One vocabulary row: the foods a label suggests, each with its starting amount.
pub(crate) struct Row {
    pub(crate) foods: Vec<(&'static Food, Amount)>,
}

/// The vocabulary, by folded label.
pub(crate) fn vocabulary() -> &'static HashMap<String, Row> {
    static VOCABULARY: OnceLock<HashMap<String, Row>> = OnceLock::new();
    // A committed file checked by the tests: a failure here is a build defect.
    VOCABULARY.get_or_init(|| parse(VOCABULARY_TSV).expect("embedded core/data/photo_labels.tsv is valid"))
}

/// Case-insensitive, `_` and `-` as spaces, runs of spaces as one.
fn fold_label(label: &str) -> String {
    label.to_lowercase().replace(['_', '-'], " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

pub(crate) fn parse(text: &str) -> Result<HashMap<String, Row>, String> {
    let mut lines = text.lines().enumerate();
    match lines.next() {
        Some((_, "#gutskin-photo-labels\tv1")) => {}
        other => return Err(format!("unknown vocabulary format {other:?}")),
    }
    if lines.next().map(|(_, l)| l) != Some("label\tfoods") {
        return Err("expected the header line \"label<TAB>foods\"".into());
    }
    let mut out = HashMap::new();
    for (n, line) in lines {
        let row = n + 1;
        let (label, foods) = line.split_once('\t').ok_or_else(|| format!("line {row}: no tab"))?;
        let mut parsed = Vec::new();
        for spec in foods.split('|') {
            let (id, amount) = spec.split_once('=').ok_or_else(|| format!("line {row}: {spec:?} has no amount"))?;
            let food = table_food(id).ok_or_else(|| format!("line {row}: unknown food {id:?}"))?;
            parsed.push((food, parse_amount(food, amount).map_err(|e| format!("line {row}: {id}: {e}"))?));
        }
        if out.insert(fold_label(label), Row { foods: parsed }).is_some() {
            return Err(format!("line {row}: label {label:?} appears twice"));
        }
    }
    Ok(out)
}

fn parse_amount(food: &Food, text: &str) -> Result<Amount, String> {
    if let Some(grams) = text.strip_suffix('g').and_then(|g| g.parse::<f64>().ok()) {
        return Ok(Amount::Grams { grams });
    }
    let (count, name) = match text.split_once('*') {
        Some((count, name)) => (count.parse::<f64>().map_err(|_| format!("bad count in {text:?}"))?, name),
        None => (1.0, text),
    };
    if !food.portions.iter().any(|p| p.name == name) {
        return Err(format!("no portion {name:?}"));
    }
    Ok(Amount::Portion { name: name.to_string(), count })
}

/// The foods `labels` suggest, most confident first, at most `limit`. A food suggested by several
/// labels keeps its most confident one. Among foods of equal confidence, the user's favourite and
/// recent foods (`boosts`) come first, then the vocabulary's order. Labels below
/// [`MIN_LABEL_CONFIDENCE`], non-finite confidences and labels the vocabulary lacks are ignored.
pub fn suggest_foods(labels: &[ImageLabel], boosts: &SearchBoosts, limit: usize) -> Vec<FoodSuggestion> {
    struct Candidate<'a> {
        confidence: f64,
        /// See [`boost_rank`].
        boost: usize,
        /// The position of the label in `labels`, and of the food in the label's row.
        order: usize,
        position: usize,
        label: &'a str,
        amount: &'static Amount,
        food: &'static Food,
    }
    let vocabulary = vocabulary();
    let mut best: HashMap<&str, Candidate<'_>> = HashMap::new();
    for (order, label) in labels.iter().enumerate() {
        let confidence = label.confidence;
        if !confidence.is_finite() || confidence < MIN_LABEL_CONFIDENCE {
            continue;
        }
        let Some(row) = vocabulary.get(&fold_label(&label.label)) else { continue };
        for (position, (food, amount)) in row.foods.iter().enumerate() {
            let candidate = Candidate {
                confidence: confidence.min(1.0),
                boost: boost_rank(boosts, &food.id),
                order,
                position,
                label: &label.label,
                amount,
                food,
            };
            match best.get(food.id.as_str()) {
                Some(kept) if kept.confidence >= candidate.confidence => {}
                _ => {
                    best.insert(food.id.as_str(), candidate);
                }
            }
        }
    }
    let mut ranked: Vec<Candidate<'_>> = best.into_values().collect();
    ranked.sort_by(|a, b| {
        b.confidence
            .total_cmp(&a.confidence)
            .then(a.boost.cmp(&b.boost))
            .then(a.position.cmp(&b.position))
            .then(a.order.cmp(&b.order))
            .then(a.food.id.cmp(&b.food.id))
    });
    ranked.truncate(limit);
    ranked
        .into_iter()
        .map(|c| FoodSuggestion {
            food: c.food.clone(),
            label: c.label.to_string(),
            confidence: c.confidence,
            item: MealItem::Food { food_id: c.food.id.clone(), amount: c.amount.clone() },
        })
        .collect()
}

/// 0 for a favourite, 1 + position for a recent food, `usize::MAX` otherwise.
fn boost_rank(boosts: &SearchBoosts, id: &str) -> usize {
    if boosts.favourite_ids.iter().any(|f| f == id) {
        return 0;
    }
    boosts.recent_ids.iter().position(|r| r == id).map_or(usize::MAX, |p| p + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn label(label: &str, confidence: f64) -> ImageLabel {
        ImageLabel { label: label.into(), confidence }
    }

    fn ids(s: &[FoodSuggestion]) -> Vec<&str> {
        s.iter().map(|s| s.food.id.as_str()).collect()
    }

    #[test]
    fn the_vocabulary_parses_and_names_only_real_foods_and_portions() {
        let v = parse(VOCABULARY_TSV).unwrap();
        assert!(v.len() >= 80, "{} labels", v.len());
        for key in ["salad", "pizza", "bread", "sushi", "banana", "hot dog", "ice cream"] {
            assert!(v.contains_key(key), "{key}");
        }
        for row in v.values() {
            for (food, amount) in &row.foods {
                let grams = match amount {
                    Amount::Grams { grams } => *grams,
                    Amount::Portion { name, count } => {
                        food.portions.iter().find(|p| p.name == *name).unwrap().grams * count
                    }
                };
                assert!((5.0..=600.0).contains(&grams), "{}: {amount:?} = {grams} g", food.id);
            }
        }
        assert!(parse("#gutskin-photo-labels\tv1\nlabel\tfoods\nPizza\tno-such-food=1g").is_err());
        assert!(parse("#gutskin-photo-labels\tv1\nlabel\tfoods\nPizza\tbread-white=1 wheel").is_err());
        assert!(parse("#gutskin-photo-labels\tv2\n").is_err());
    }

    #[test]
    fn labels_become_foods_ranked_by_confidence() {
        let s = suggest_foods(
            &[label("Pizza", 0.91), label("Salad", 0.62), label("Tableware", 0.95), label("Food", 0.99)],
            &SearchBoosts::default(),
            10,
        );
        assert_eq!(s[0].food.id, "pizza-cheese-from-frozen-thin-crust");
        assert_eq!(s[0].label, "Pizza");
        assert_eq!(s[0].confidence, 0.91);
        assert_eq!(
            s[0].item,
            MealItem::Food {
                food_id: "pizza-cheese-from-frozen-thin-crust".into(),
                amount: Amount::Portion { name: "1 slice".into(), count: 1.0 }
            }
        );
        let first_salad = ids(&s).iter().position(|id| *id == "mixed-salad-greens-raw").unwrap();
        assert!(s[..first_salad].iter().all(|x| x.label == "Pizza"));
        assert!(s.iter().all(|x| x.label != "Tableware" && x.label != "Food"));
    }

    #[test]
    fn vision_style_labels_match_and_low_confidence_is_ignored() {
        let s = suggest_foods(&[label("hot_dog", 0.8), label("banana", 0.2)], &SearchBoosts::default(), 10);
        assert_eq!(ids(&s), ["hot-dog-sandwich-on-white-bun"]);
        assert!(suggest_foods(&[label("Sushi", f64::NAN)], &SearchBoosts::default(), 10).is_empty());
        assert!(suggest_foods(&[label("Sushi", 0.9)], &SearchBoosts::default(), 0).is_empty());
    }

    #[test]
    fn a_food_keeps_its_best_label_and_recent_foods_come_first() {
        let s = suggest_foods(&[label("Fish", 0.5), label("Salmon", 0.7)], &SearchBoosts::default(), 10);
        assert_eq!(ids(&s), ["salmon-baked-or-broiled", "fish-baked-or-broiled"]);
        assert_eq!(s[0].label, "Salmon");

        let plain = suggest_foods(&[label("Bread", 0.8)], &SearchBoosts::default(), 10);
        assert_eq!(plain[0].food.id, "bread-whole-wheat");
        let boosts = SearchBoosts { recent_ids: vec!["bread-rye".into()], favourite_ids: vec![] };
        let boosted = suggest_foods(&[label("Bread", 0.8)], &boosts, 10);
        assert_eq!(boosted[0].food.id, "bread-rye");
        assert_eq!(boosted.len(), plain.len());
    }
}
