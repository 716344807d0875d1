use super::*;
use crate::foods::{Fermentation, FoodGroup, food_by_id};
use crate::validate;

fn grams(id: &str, grams: f64) -> MealItem {
    MealItem::Food { food_id: id.into(), amount: Amount::Grams { grams } }
}

fn portion(id: &str, name: &str, count: f64) -> MealItem {
    MealItem::Food { food_id: id.into(), amount: Amount::Portion { name: name.into(), count } }
}

fn text(t: &str) -> MealItem {
    MealItem::FreeText { text: t.into() }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 0.01
}

#[test]
fn lentils_bring_fibre_and_every_total_is_known() {
    let i = meal_intake(&[grams("lentils-cooked", 200.0)], &[]);
    assert_eq!((i.items, i.unknown_items), (1, 0));
    assert_eq!(i.grams, 200.0);
    assert!(close(i.fibre_g.value, 15.8) && i.fibre_g.complete, "{:?}", i.fibre_g);
    assert!(close(i.energy_kcal.value, 230.0) && i.energy_kcal.complete);
    // GI 32 × (20.01 - 7.9) g available carbohydrate per 100 g × 2
    assert!(close(i.glycaemic_load.value, 7.75) && i.glycaemic_load.complete, "{:?}", i.glycaemic_load);
    assert_eq!((i.prebiotic_g, i.prebiotic_items), (200.0, 1));
    assert_eq!(i.plant_species, ["Lens culinaris"]);
    assert_eq!(i.highly_processed_share, Some(0.0));
    assert_eq!(i.fruit_vegetables_g, 0.0, "pulses are not counted as fruit and vegetables");
}

#[test]
fn free_text_counts_as_unknown_never_as_zero() {
    let i = meal_intake(&[grams("lentils-cooked", 200.0), text("bread from the bakery")], &[]);
    assert_eq!((i.items, i.unknown_items), (2, 1));
    assert!(close(i.fibre_g.value, 15.8), "what is known is kept");
    for total in i.totals() {
        assert!(!total.complete, "{total:?}");
    }
    let only_text = meal_intake(&[text("soup")], &[]);
    assert_eq!((only_text.unknown_items, only_text.grams), (1, 0.0));
    assert!(!only_text.energy_kcal.complete);
    assert_eq!(only_text.highly_processed_share, None, "no known grams, no share");

    // A meal logged without items says nothing about what was eaten.
    let empty = meal_intake(&[], &[]);
    assert!(!empty.energy_kcal.complete && empty.items == 0);
}

#[test]
fn kefir_is_fermented_with_live_cultures() {
    let i = meal_intake(&[portion("kefir", "1 glass (250 ml)", 1.0)], &[]);
    assert_eq!(i.grams, 250.0);
    assert_eq!(i.live_cultures_g, 250.0);
    assert!(close(i.fermented_servings, 250.0 / 170.0));
    assert_eq!((i.probiotic_g, i.probiotic_items, i.dairy_g, i.dairy_items), (250.0, 1, 250.0, 1));
    // Sauerkraut (canned) is fermented but not live; kimchi is, in vegetable servings of 75 g.
    let i = meal_intake(&[grams("sauerkraut", 100.0), grams("kimchi", 150.0)], &[]);
    assert_eq!(i.live_cultures_g, 150.0);
    assert!(close(i.fermented_servings, 2.0));
}

#[test]
fn cola_is_sugar_and_highly_processed() {
    let i = meal_intake(&[portion("soft-drink-cola", "1 can (330 ml)", 1.0)], &[]);
    let sugars = food_by_id("soft-drink-cola").unwrap().per_100g.sugars_g.unwrap() * 3.3;
    assert!(close(i.sugars_g.value, sugars) && sugars > 30.0, "{:?}", i.sugars_g);
    assert_eq!((i.highly_processed_g, i.highly_processed_items), (330.0, 1));
    assert_eq!(i.highly_processed_share, Some(1.0));
    let mixed = meal_intake(&[grams("lentils-cooked", 170.0), grams("soft-drink-cola", 330.0)], &[]);
    assert_eq!(mixed.highly_processed_share, Some(0.66));
    assert!(mixed.plant_species == ["Lens culinaris"], "cola has no species");
}

#[test]
fn wine_brings_alcohol() {
    let i = meal_intake(&[portion("wine-red", "1 glass (150 ml)", 2.0)], &[]);
    assert_eq!(i.grams, 300.0);
    assert!(close(i.alcohol_g.value, 31.8) && i.alcohol_g.complete, "{:?}", i.alcohol_g);
}

#[test]
fn fruit_and_vegetables_leave_out_starchy_roots() {
    let i = meal_intake(
        &[grams("apple-raw-with-skin", 150.0), grams("potato-boiled", 200.0), grams("broccoli-cooked", 80.0)],
        &[],
    );
    assert_eq!(i.fruit_vegetables_g, 230.0);
    assert_eq!(i.plant_species.len(), 3, "{:?}", i.plant_species);
}

#[test]
fn glycaemic_load_is_known_only_with_a_gi_or_for_foods_without_carbohydrate() {
    let salmon = meal_intake(&[grams("salmon-baked-or-broiled", 120.0)], &[]);
    assert!(salmon.glycaemic_load.complete && salmon.glycaemic_load.value == 0.0);
    assert!(salmon.epa_dha_g.value > 1.0);
    let pizza = meal_intake(&[portion("pizza-cheese-from-frozen-thin-crust", "1 slice", 2.0)], &[]);
    assert!(!pizza.glycaemic_load.complete, "pizza has carbohydrate and no GI in the table");
    let bread = meal_intake(&[portion("bread-white", "1 slice", 2.0)], &[]);
    assert!(bread.glycaemic_load.complete && bread.glycaemic_load.value > 15.0, "{:?}", bread.glycaemic_load);
}

#[test]
fn unknown_foods_and_portions_are_unknown_items() {
    let i = meal_intake(&[grams("no-such-food", 100.0), portion("kefir", "1 bucket", 1.0)], &[]);
    assert_eq!((i.items, i.unknown_items, i.grams), (2, 2, 0.0));
    assert_eq!(item_grams(&portion("bread-rye", "1 slice", 2.0), &[]), Some(60.0));
    assert_eq!(item_grams(&text("x"), &[]), None);
}

fn soup() -> CustomFood {
    CustomFood {
        id: "0190f5b2-8c1e-7a55-9d3e-0123456789ab".into(),
        name: "Grandma's bean soup".into(),
        group: FoodGroup::MixedDishes,
        per_100g: Nutrients {
            energy_kcal: Some(90.0),
            carbohydrate_g: Some(12.0),
            sugars_g: None,
            fibre_g: Some(5.0),
            fat_g: Some(2.0),
            saturated_fat_g: None,
            protein_g: Some(6.0),
            epa_dha_g: Some(0.0),
            ala_g: None,
            alcohol_g: Some(0.0),
        },
        fermented: Fermentation::None,
        probiotic: false,
        prebiotic: true,
        dairy: false,
        nova: 1,
        species: None,
        gi: None,
        portions: vec![Portion { name: "1 bowl".into(), grams: 350.0 }],
        deleted: true,
    }
}

#[test]
fn custom_foods_count_even_when_deleted_and_unknown_values_stay_unknown() {
    let custom = [soup()];
    let item = portion(&custom[0].id, "1 bowl", 1.0);
    let i = meal_intake(std::slice::from_ref(&item), &custom);
    assert_eq!((i.unknown_items, i.grams), (0, 350.0));
    assert!(close(i.fibre_g.value, 17.5) && i.fibre_g.complete);
    assert!(!i.sugars_g.complete && i.sugars_g.value == 0.0, "unknown sugars are not zero: {:?}", i.sugars_g);
    assert_eq!(i.prebiotic_items, 1);
    // Without the custom food (not synced yet), it is an unknown item.
    assert_eq!(meal_intake(&[item], &[]).unknown_items, 1);
}

#[test]
fn a_day_is_its_meals_together() {
    let breakfast = vec![portion("kefir", "1 glass (250 ml)", 1.0), grams("oatmeal", 240.0)];
    let lunch = vec![grams("lentils-cooked", 200.0), text("salad")];
    let dinner = vec![grams("salmon-baked-or-broiled", 120.0), grams("apple-raw-with-skin", 150.0)];
    let day = day_intake([breakfast.as_slice(), lunch.as_slice(), dinner.as_slice()], &[]);
    let parts: Vec<Intake> = [&breakfast, &lunch, &dinner].iter().map(|m| meal_intake(m, &[])).collect();
    let combined = combine(&parts);
    assert_eq!((day.items, day.unknown_items), (6, 1));
    assert!(close(day.energy_kcal.value, combined.energy_kcal.value));
    assert!(close(day.fibre_g.value, combined.fibre_g.value));
    assert_eq!(day.fibre_g.complete, combined.fibre_g.complete);
    assert_eq!(day.plant_species, combined.plant_species);
    assert_eq!(day.highly_processed_share, combined.highly_processed_share);
    assert_eq!(day.plant_species, ["Avena sativa", "Lens culinaris", "Malus domestica"].map(String::from));
    // A week: the species of every day, once each.
    let week = combine([&day, &day]);
    assert_eq!(week.plant_species, day.plant_species);
    assert_eq!(week.items, 12);
}

#[test]
fn the_checks_name_the_item_and_the_field() {
    let table = |id: &str| Ok(foods::table_food(id).map(|f| f.portions.clone()));
    let field = |items: &[MealItem]| match check_food_items(items, "meal.items", table, |_| false) {
        Err(GutskinError::InvalidInput { field, .. }) => field,
        other => panic!("{other:?}"),
    };
    assert_eq!(field(&[text("x"), grams("no-such-food", 10.0)]), "meal.items[1].food_id");
    assert_eq!(field(&[portion("bread-rye", "1 loaf", 1.0)]), "meal.items[0].amount.name");
    assert_eq!(field(&[grams("kefir", 1.0), portion("beer", "1 pint (568 ml)", 9.0)]), "meal.items[1].amount.count");
    assert!(check_food_items(&[portion("bread-rye", "1 slice", 2.0)], "meal.items", table, |_| false).is_ok());
    // Skipped items are not looked up.
    assert!(check_food_items(&[grams("no-such-food", 1.0)], "x", table, |_| true).is_ok());
}

#[test]
fn validation_refuses_bad_amounts_and_normalises_good_ones() {
    let field = |item: MealItem| match validate::meal_items("meal.items", &[text("ok"), item]) {
        Err(GutskinError::InvalidInput { field, .. }) => field,
        other => panic!("{other:?}"),
    };
    for bad in [-1.0, 0.0, f64::NAN, f64::INFINITY, 5000.1, 0.04] {
        assert_eq!(field(grams("kefir", bad)), "meal.items[1].amount.grams", "{bad}");
    }
    for bad in [0.0, -2.0, f64::NAN, 101.0, 0.001] {
        assert_eq!(field(portion("kefir", "1 cup (240 ml)", bad)), "meal.items[1].amount.count", "{bad}");
    }
    assert_eq!(field(portion("kefir", "  ", 1.0)), "meal.items[1].amount.name");
    assert_eq!(field(grams("Kefir!", 1.0)), "meal.items[1].food_id");
    assert_eq!(field(grams("", 1.0)), "meal.items[1].food_id");

    let ok = validate::meal_items(
        "meal.items",
        &[
            grams(" lentils-cooked ", 123.456),
            portion("kefir", " 1 cup (240 ml) ", 1.2345),
            grams("0190F5B2-8C1E-7A55-9D3E-0123456789AB", 10.0),
        ],
    )
    .unwrap();
    assert_eq!(ok[0], grams("lentils-cooked", 123.5));
    assert_eq!(ok[1], portion("kefir", "1 cup (240 ml)", 1.23));
    assert_eq!(ok[2], grams("0190f5b2-8c1e-7a55-9d3e-0123456789ab", 10.0));
    // Normalising twice changes nothing (imports of exports stay byte-identical).
    assert_eq!(validate::meal_items("meal.items", &ok).unwrap(), ok);
}

#[test]
fn the_omega3_rule_matches_the_table() {
    let disagree: Vec<&str> = foods::all_foods()
        .iter()
        .filter(|f| foods::omega3_rich(&f.per_100g) != f.omega3_rich)
        .map(|f| f.id.as_str())
        .collect();
    assert!(disagree.is_empty(), "{disagree:?}");
}
