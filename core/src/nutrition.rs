//! Intake totals: what a meal, or a day's meals, add up to, worked out from the foods of their items.
//!
//! Pure functions over meal items. A food item's grams come from its amount (grams, or a named
//! portion of the food times a count); its nutrients from the food's values per 100 g. What cannot
//! be known is never counted as zero:
//!
//! - a free-text item, or a food item whose food or portion cannot be found (a custom food that
//!   has not synced yet, say), is an *unknown item*: [`Intake::unknown_items`] counts it, and every
//!   nutrient [`Total`] of the meal is then incomplete;
//! - a food whose value of one nutrient is unknown leaves that nutrient's total incomplete.
//!
//! A [`Total`]'s `value` is always the sum of what is known ("at least"), and `complete` says
//! whether it is the whole of it. Flag-based figures (fermented, probiotic, prebiotic, dairy, highly
//! processed, plants, fruit and vegetables) are known for every food, so they are whole exactly when
//! `unknown_items` is 0.
//!
//! The guidance engine calls [`meal_intake`] and [`day_intake`]; the diary keeps each day's intake
//! in its [`crate::DaySummary`] and each meal's in [`crate::DayView::meals`].

use std::collections::{BTreeSet, HashMap};

use serde::{Deserialize, Serialize};

use crate::error::{GutskinError, Result};
use crate::foods::{self, CustomFood, Fermentation, Food, FoodGroup, Nutrients, Portion};
use crate::model::{Amount, MealItem, MealKind};

/// The most one item may weigh, in grams.
pub const MAX_ITEM_GRAMS: f64 = 5000.0;
/// Grams of one serving of a live-culture food, after Wastyk et al. 2021 (Cell 184:4137): 170 g
/// (6 oz) of yogurt, kefir or another dairy or drink; 75 g (about half a cup) of fermented
/// vegetables, miso, natto, cheese and the rest (1 cup of kimchi = 2 servings).
pub const FERMENTED_SERVING_DAIRY_OR_DRINK_G: f64 = 170.0;
pub const FERMENTED_SERVING_OTHER_G: f64 = 75.0;
/// Below this much available carbohydrate per 100 g a food has no measurable glycaemic index;
/// its glycaemic load counts as 0 (known).
pub const GL_NEGLIGIBLE_CARB_G: f64 = 3.0;
/// Starchy roots and plantains: plants, but not fruit or vegetables in the WHO 400 g/day count.
const STARCHY_ROOTS: [&str; 6] = [
    "Solanum tuberosum",
    "Ipomoea batatas",
    "Manihot esculenta",
    "Colocasia esculenta",
    "Musa paradisiaca",
    "Dioscorea",
];

/// A summed nutrient: the sum of the known values, and whether every item's value was known.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Total {
    /// The sum over the items whose value is known: "at least this much" when not `complete`.
    pub value: f64,
    /// Every item was a known food with a known value of this nutrient.
    pub complete: bool,
}

impl Total {
    fn add(&mut self, other: &Total) {
        self.value += other.value;
        self.complete &= other.complete;
    }
}

/// What one meal or one day's meals add up to.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Intake {
    /// Meal items counted (foods and free text).
    pub items: u32,
    /// Free-text items, and food items whose food or portion could not be found.
    pub unknown_items: u32,
    /// Grams of the known (food) items.
    pub grams: f64,
    pub energy_kcal: Total,
    pub carbohydrate_g: Total,
    pub sugars_g: Total,
    pub fibre_g: Total,
    pub fat_g: Total,
    pub saturated_fat_g: Total,
    pub protein_g: Total,
    /// Long-chain omega-3 (EPA + DHA).
    pub epa_dha_g: Total,
    /// Plant omega-3 (alpha-linolenic acid).
    pub ala_g: Total,
    /// Ethanol (a UK unit is 8 g).
    pub alcohol_g: Total,
    /// Glycaemic load: GI × available carbohydrate (carbohydrate minus fibre) / 100, over the items
    /// whose food has a GI; foods with under 3 g of available carbohydrate per 100 g count as 0.
    pub glycaemic_load: Total,
    /// Grams of fruit and vegetables (single plants of those groups; potatoes, sweet potatoes,
    /// cassava, taro, yams and plantains excluded, as the WHO 400 g/day counts them).
    pub fruit_vegetables_g: f64,
    /// Grams of foods typically eaten with live cultures.
    pub live_cultures_g: f64,
    /// Servings of live-culture foods: 170 g of a dairy food or drink, 75 g of anything else.
    pub fermented_servings: f64,
    pub probiotic_g: f64,
    pub probiotic_items: u32,
    pub prebiotic_g: f64,
    pub prebiotic_items: u32,
    pub dairy_g: f64,
    pub dairy_items: u32,
    /// Grams and items of NOVA group 4 foods ("highly processed": a label, not a verdict).
    pub highly_processed_g: f64,
    pub highly_processed_items: u32,
    /// `highly_processed_g` / `grams` (every known food has a NOVA group); `None` with no known grams.
    pub highly_processed_share: Option<f64>,
    /// The distinct plant species eaten (Latin binomials), sorted: for "different plants this week",
    /// combine days with [`combine`].
    pub plant_species: Vec<String>,
}

impl Default for Intake {
    fn default() -> Self {
        let zero = Total { value: 0.0, complete: true };
        Intake {
            items: 0,
            unknown_items: 0,
            grams: 0.0,
            energy_kcal: zero,
            carbohydrate_g: zero,
            sugars_g: zero,
            fibre_g: zero,
            fat_g: zero,
            saturated_fat_g: zero,
            protein_g: zero,
            epa_dha_g: zero,
            ala_g: zero,
            alcohol_g: zero,
            glycaemic_load: zero,
            fruit_vegetables_g: 0.0,
            live_cultures_g: 0.0,
            fermented_servings: 0.0,
            probiotic_g: 0.0,
            probiotic_items: 0,
            prebiotic_g: 0.0,
            prebiotic_items: 0,
            dairy_g: 0.0,
            dairy_items: 0,
            highly_processed_g: 0.0,
            highly_processed_items: 0,
            highly_processed_share: None,
            plant_species: Vec::new(),
        }
    }
}

/// One meal's intake, as the Today view lists it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct MealIntake {
    /// The meal entry's id.
    pub entry_id: String,
    pub meal: MealKind,
    pub intake: Intake,
}

/// The intake of one meal's items. `custom` holds the user's custom foods the items may refer to
/// (deleted ones included: meals logged with them still count them).
///
/// A meal without items says nothing about what was eaten: its totals are 0 and incomplete.
pub fn meal_intake(items: &[MealItem], custom: &[CustomFood]) -> Intake {
    let catalog = Catalog::new(custom);
    let mut acc = Accumulator::default();
    acc.meal(items, &catalog);
    acc.finish()
}

/// The intake of a day's meals (each given by its items), as one total.
pub fn day_intake<'a>(meals: impl IntoIterator<Item = &'a [MealItem]>, custom: &[CustomFood]) -> Intake {
    let catalog = Catalog::new(custom);
    let mut acc = Accumulator::default();
    for items in meals {
        acc.meal(items, &catalog);
    }
    acc.finish()
}

/// Several intakes (the days of a week, say) as one: sums, incomplete if any part is, the plant
/// species united, the processed share worked out again.
pub fn combine<'a>(intakes: impl IntoIterator<Item = &'a Intake>) -> Intake {
    let mut out = Intake::default();
    let mut species: BTreeSet<&str> = BTreeSet::new();
    for i in intakes {
        out.items += i.items;
        out.unknown_items += i.unknown_items;
        out.grams += i.grams;
        for (total, part) in out.totals_mut().into_iter().zip(i.totals()) {
            total.add(&part);
        }
        out.fruit_vegetables_g += i.fruit_vegetables_g;
        out.live_cultures_g += i.live_cultures_g;
        out.fermented_servings += i.fermented_servings;
        out.probiotic_g += i.probiotic_g;
        out.probiotic_items += i.probiotic_items;
        out.prebiotic_g += i.prebiotic_g;
        out.prebiotic_items += i.prebiotic_items;
        out.dairy_g += i.dairy_g;
        out.dairy_items += i.dairy_items;
        out.highly_processed_g += i.highly_processed_g;
        out.highly_processed_items += i.highly_processed_items;
        species.extend(i.plant_species.iter().map(String::as_str));
    }
    out.plant_species = species.into_iter().map(str::to_string).collect();
    out.round();
    out
}

/// The grams an item stands for, if it is a food item whose food (and portion) can be found.
pub fn item_grams(item: &MealItem, custom: &[CustomFood]) -> Option<f64> {
    let catalog = Catalog::new(custom);
    match item {
        MealItem::FreeText { .. } => None,
        MealItem::Food { food_id, amount } => grams_of(amount, catalog.facts(food_id)?.portions),
    }
}

impl Intake {
    fn totals(&self) -> [Total; 11] {
        [
            self.energy_kcal,
            self.carbohydrate_g,
            self.sugars_g,
            self.fibre_g,
            self.fat_g,
            self.saturated_fat_g,
            self.protein_g,
            self.epa_dha_g,
            self.ala_g,
            self.alcohol_g,
            self.glycaemic_load,
        ]
    }

    fn totals_mut(&mut self) -> [&mut Total; 11] {
        [
            &mut self.energy_kcal,
            &mut self.carbohydrate_g,
            &mut self.sugars_g,
            &mut self.fibre_g,
            &mut self.fat_g,
            &mut self.saturated_fat_g,
            &mut self.protein_g,
            &mut self.epa_dha_g,
            &mut self.ala_g,
            &mut self.alcohol_g,
            &mut self.glycaemic_load,
        ]
    }

    /// Rounds every amount to 3 decimals (a milligram, a thousandth of a kcal), so that stored
    /// summaries and JSON stay short; shares to 4.
    fn round(&mut self) {
        self.grams = round3(self.grams);
        for total in self.totals_mut() {
            total.value = round3(total.value);
        }
        for v in [
            &mut self.fruit_vegetables_g,
            &mut self.live_cultures_g,
            &mut self.fermented_servings,
            &mut self.probiotic_g,
            &mut self.prebiotic_g,
            &mut self.dairy_g,
            &mut self.highly_processed_g,
        ] {
            *v = round3(*v);
        }
        self.highly_processed_share =
            (self.grams > 0.0).then(|| (self.highly_processed_g / self.grams * 10_000.0).round() / 10_000.0);
    }
}

fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// What the totals need of a food, borrowed from a table row or a custom food.
#[derive(Clone, Copy)]
pub(crate) struct Facts<'a> {
    pub per_100g: &'a Nutrients,
    pub group: FoodGroup,
    pub fermented: Fermentation,
    pub probiotic: bool,
    pub prebiotic: bool,
    pub dairy: bool,
    pub nova: u8,
    pub species: Option<&'a str>,
    pub gi: Option<u8>,
    pub portions: &'a [Portion],
}

impl<'a> From<&'a Food> for Facts<'a> {
    fn from(f: &'a Food) -> Self {
        Facts {
            per_100g: &f.per_100g,
            group: f.group,
            fermented: f.fermented,
            probiotic: f.probiotic,
            prebiotic: f.prebiotic,
            dairy: f.dairy,
            nova: f.nova,
            species: f.species.as_deref(),
            gi: f.gi,
            portions: &f.portions,
        }
    }
}

impl<'a> From<&'a CustomFood> for Facts<'a> {
    fn from(f: &'a CustomFood) -> Self {
        Facts {
            per_100g: &f.per_100g,
            group: f.group,
            fermented: f.fermented,
            probiotic: f.probiotic,
            prebiotic: f.prebiotic,
            dairy: f.dairy,
            nova: f.nova,
            species: f.species.as_deref(),
            gi: f.gi,
            portions: &f.portions,
        }
    }
}

/// Finds foods by id: the built-in table first, then the custom foods given.
struct Catalog<'a> {
    custom: HashMap<&'a str, &'a CustomFood>,
}

impl<'a> Catalog<'a> {
    fn new(custom: &'a [CustomFood]) -> Self {
        Catalog { custom: custom.iter().map(|c| (c.id.as_str(), c)).collect() }
    }

    fn facts(&self, id: &str) -> Option<Facts<'a>> {
        match foods::table_food(id) {
            Some(food) => Some(food.into()),
            None => self.custom.get(id).map(|&c| c.into()),
        }
    }
}

/// The grams of an amount of a food with these portions; `None` for an unknown portion name.
fn grams_of(amount: &Amount, portions: &[Portion]) -> Option<f64> {
    match amount {
        Amount::Grams { grams } => Some(*grams),
        Amount::Portion { name, count } => portions.iter().find(|p| p.name == *name).map(|p| p.grams * count),
    }
}

/// Raw sums, rounded once at the end.
#[derive(Default)]
struct Accumulator<'a> {
    intake: Intake,
    species: BTreeSet<&'a str>,
}

impl<'a> Accumulator<'a> {
    fn meal(&mut self, items: &[MealItem], catalog: &Catalog<'a>) {
        if items.is_empty() {
            self.unknown();
        }
        for item in items {
            self.intake.items += 1;
            let known = match item {
                MealItem::FreeText { .. } => None,
                MealItem::Food { food_id, amount } => {
                    catalog.facts(food_id).and_then(|facts| Some((facts, grams_of(amount, facts.portions)?)))
                }
            };
            match known {
                Some((facts, grams)) => self.food(&facts, grams),
                None => {
                    self.intake.unknown_items += 1;
                    self.unknown();
                }
            }
        }
    }

    /// Something unknown was eaten: no nutrient total is whole any more.
    fn unknown(&mut self) {
        for total in self.intake.totals_mut() {
            total.complete = false;
        }
    }

    fn food(&mut self, f: &Facts<'a>, grams: f64) {
        let i = &mut self.intake;
        i.grams += grams;
        let n = f.per_100g;
        let scale = grams / 100.0;
        let values = [
            n.energy_kcal,
            n.carbohydrate_g,
            n.sugars_g,
            n.fibre_g,
            n.fat_g,
            n.saturated_fat_g,
            n.protein_g,
            n.epa_dha_g,
            n.ala_g,
            n.alcohol_g,
            glycaemic_load_per_100g(f),
        ];
        for (total, value) in i.totals_mut().into_iter().zip(values) {
            match value {
                Some(v) => total.value += v * scale,
                None => total.complete = false,
            }
        }
        if matches!(f.group, FoodGroup::Fruit | FoodGroup::Vegetables)
            && f.species.is_some_and(|s| !STARCHY_ROOTS.iter().any(|root| s.starts_with(root)))
        {
            i.fruit_vegetables_g += grams;
        }
        if f.fermented == Fermentation::LiveCultures {
            i.live_cultures_g += grams;
            let serving = match f.group {
                FoodGroup::Dairy | FoodGroup::Drinks => FERMENTED_SERVING_DAIRY_OR_DRINK_G,
                _ => FERMENTED_SERVING_OTHER_G,
            };
            i.fermented_servings += grams / serving;
        }
        if f.probiotic {
            i.probiotic_g += grams;
            i.probiotic_items += 1;
        }
        if f.prebiotic {
            i.prebiotic_g += grams;
            i.prebiotic_items += 1;
        }
        if f.dairy {
            i.dairy_g += grams;
            i.dairy_items += 1;
        }
        if f.nova == 4 {
            i.highly_processed_g += grams;
            i.highly_processed_items += 1;
        }
        if let Some(species) = f.species {
            self.species.insert(species);
        }
    }

    fn finish(mut self) -> Intake {
        self.intake.plant_species = self.species.into_iter().map(str::to_string).collect();
        self.intake.round();
        self.intake
    }
}

/// Glycaemic load per 100 g of a food, where it can be known.
pub(crate) fn glycaemic_load_per_100g(f: &Facts<'_>) -> Option<f64> {
    let carbohydrate = f.per_100g.carbohydrate_g?;
    let available = (carbohydrate - f.per_100g.fibre_g.unwrap_or(0.0)).max(0.0);
    match f.gi {
        Some(gi) => Some(f64::from(gi) * available / 100.0),
        None if available < GL_NEGLIGIBLE_CARB_G => Some(0.0),
        None => None,
    }
}

/// Checks that the food items of `items` refer to foods that exist and to portions those foods
/// have, and that no item weighs more than [`MAX_ITEM_GRAMS`]. `portions_of` gives a food's
/// portions, or `None` if no food has the id. Items for which `skip` holds are not checked (items
/// kept unchanged from a stored meal, whose custom food may not have synced yet).
pub(crate) fn check_food_items(
    items: &[MealItem],
    field: &str,
    mut portions_of: impl FnMut(&str) -> Result<Option<Vec<Portion>>>,
    skip: impl Fn(&MealItem) -> bool,
) -> Result<()> {
    for (i, item) in items.iter().enumerate() {
        let MealItem::Food { food_id, amount } = item else { continue };
        if skip(item) {
            continue;
        }
        let Some(portions) = portions_of(food_id)? else {
            return Err(GutskinError::invalid(
                format!("{field}[{i}].food_id"),
                format!("no food has the id {food_id:?} (find ids with a food search)"),
            ));
        };
        if let Amount::Portion { name, count } = amount {
            let Some(portion) = portions.iter().find(|p| p.name == *name) else {
                let known: Vec<String> = portions.iter().map(|p| format!("{:?}", p.name)).collect();
                let has = if known.is_empty() { "none".to_string() } else { known.join(", ") };
                return Err(GutskinError::invalid(
                    format!("{field}[{i}].amount.name"),
                    format!("{food_id} has no portion {name:?} (it has: {has})"),
                ));
            };
            let grams = portion.grams * count;
            if grams > MAX_ITEM_GRAMS {
                return Err(GutskinError::invalid(
                    format!("{field}[{i}].amount.count"),
                    format!("{count} × {name:?} is {grams} g, more than {MAX_ITEM_GRAMS} g"),
                ));
            }
        }
    }
    Ok(())
}

/// Checks food items as the diary does when it writes them, against `foods` (the items' foods as
/// the caller found them: table foods, custom foods as [`CustomFood::to_food`]): for a command that
/// must refuse bad input before it opens a diary. An item whose food is not among `foods` is refused.
pub fn check_items_with(items: &[MealItem], field: &str, foods: &[Food]) -> Result<()> {
    check_food_items(items, field, |id| Ok(foods.iter().find(|f| f.id == id).map(|f| f.portions.clone())), |_| false)
}

#[cfg(test)]
mod tests;
