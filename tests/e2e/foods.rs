//! Foods: search and details, meals by food and portion with their totals, custom foods, saved
//! meals, label suggestions confirmed into a meal, and bad food input refused with nothing written.

use serde_json::{Value, json};

use crate::{DAY, Home, id_of};

fn at(time: &str) -> String {
    format!("{DAY} {time}")
}

fn close(v: &Value, expected: f64) -> bool {
    v.as_f64().is_some_and(|x| (x - expected).abs() < 0.01)
}

#[test]
fn food_search_and_show() {
    let home = Home::new();
    let text = home.ok(&["food", "search", "lentils", "cooked"]);
    assert!(text.lines().next().unwrap().starts_with("lentils-cooked"), "{text}");
    assert!(text.contains("Lentils, cooked") && text.contains("kcal/100 g"), "{text}");

    let hits = home.json(&["food", "search", "Linsen", "--lang", "de", "--limit", "3"]);
    let hits = hits.as_array().unwrap();
    assert!(hits.len() <= 3 && hits.iter().any(|h| h["food"]["id"] == "lentils-cooked"), "{hits:?}");
    assert_eq!(hits[0]["kind"], "exact");
    assert!(hits.iter().all(|h| h["name"].as_str().unwrap().contains("Linsen")), "German names: {hits:?}");

    let kefir = home.json(&["food", "show", "kefir"]);
    assert_eq!(
        (&kefir["fermented"], &kefir["probiotic"], &kefir["dairy"]),
        (&json!("live_cultures"), &json!(true), &json!(true))
    );
    assert!(kefir["portions"].as_array().unwrap().iter().any(|p| p["name"] == "1 glass (250 ml)"));
    let shown = home.ok(&["food", "show", "soft-drink-cola"]);
    assert!(shown.contains("NOVA 4, highly processed"), "{shown}");

    home.run(&["food", "show", "no-such-food"]).assert_error(3, "food no-such-food not found");
    assert!(!home.diary().exists(), "reading foods creates no diary");
}

#[test]
fn meals_by_food_and_portion_have_totals() {
    let home = Home::new();
    let lunch = home.log(&[
        "meal",
        "--meal",
        "lunch",
        "--food",
        "lentils-cooked:200g",
        "--food",
        "bread-rye:2 slices",
        "--item",
        "side salad",
        "--at",
        &at("12:30"),
    ]);
    assert_eq!(
        lunch["items"],
        json!([
            {"type": "food", "food_id": "lentils-cooked", "amount": {"unit": "grams", "grams": 200.0}},
            {"type": "food", "food_id": "bread-rye", "amount": {"unit": "portion", "name": "1 slice", "count": 2.0}},
            {"type": "free_text", "text": "side salad"}
        ])
    );
    home.log(&["meal", "--meal", "breakfast", "--food", "kefir:1 glass", "--at", &at("08:00")]);
    home.log(&[
        "meal",
        "--meal",
        "drink",
        "--food",
        "wine-red:150ml",
        "--food",
        "soft-drink-cola:1 can",
        "--at",
        &at("20:00"),
    ]);

    let day = home.json(&["day", DAY]);
    let intake = &day["summary"]["intake"];
    assert_eq!((&intake["items"], &intake["unknown_items"]), (&json!(6), &json!(1)));
    // 200 g lentils (7.9 g/100 g) and 60 g rye bread (5.8 g/100 g); the salad is not counted.
    assert!(close(&intake["fibre_g"]["value"], 15.8 + 3.48), "{intake}");
    assert_eq!(intake["fibre_g"]["complete"], false);
    assert!(close(&intake["alcohol_g"]["value"], 15.9), "{intake}");
    assert!(close(&intake["fermented_servings"], 250.0 / 170.0), "{intake}");
    assert_eq!(intake["highly_processed_g"], 330.0);
    assert_eq!(intake["plant_species"], json!(["Lens culinaris", "Secale cereale"]));
    // Per meal, in the order of the entries, and the foods to name the items with.
    let meals = day["meals"].as_array().unwrap();
    assert_eq!(meals.iter().map(|m| m["meal"].as_str().unwrap()).collect::<Vec<_>>(), ["breakfast", "lunch", "drink"]);
    assert_eq!(meals[0]["intake"]["energy_kcal"]["complete"], true);
    let foods: Vec<&str> = day["foods"].as_array().unwrap().iter().map(|f| f["id"].as_str().unwrap()).collect();
    assert_eq!(foods, ["bread-rye", "kefir", "lentils-cooked", "soft-drink-cola", "wine-red"]);

    let text = home.ok(&["day", DAY]);
    assert!(text.contains("lunch: Lentils, cooked (200 g), Bread, rye (2 × 1 slice), side salad"), "{text}");
    assert!(text.contains("alcohol ≥ 15.9 g") && text.contains("1 item not counted"), "{text}");

    // The food search now knows them as recent.
    let hits = home.json(&["food", "search", "lentils"]);
    assert_eq!(hits[0]["food"]["id"], "lentils-cooked");
    assert_eq!(hits[0]["recent"], true);
    // CSV names the foods.
    let csv = home.ok(&["export", "--format", "csv"]);
    assert!(csv.contains("Lentils, cooked (200 g); Bread, rye (2 × 1 slice); side salad"), "{csv}");
}

#[test]
fn bad_food_input_is_refused_and_writes_nothing() {
    let home = Home::new();
    let log = |food: &str| home.run(&["log", "meal", "--meal", "lunch", "--food", food, "--at", &at("12:00")]);
    log("lentils-cooked:9000g").assert_error(2, "invalid meal.items[0].amount.grams");
    log("lentils-cooked:-5g").assert_error(2, "meal.items[0].amount.grams");
    log("lentils-cooked:0g").assert_error(2, "meal.items[0].amount.grams");
    log("bread-rye:1 loaf").assert_error(2, "bread-rye has no portion \"1 loaf\"");
    log("banana-raw:1 cup").assert_error(2, "could be any of");
    log("no-such-food:100g").assert_error(2, "no food has the id \"no-such-food\"");
    log("lentils-cooked").assert_error(2, "is not ID:AMOUNT");
    log("beer:20 pint").assert_error(2, "meal.items[0].amount.count");
    assert!(!home.diary().exists(), "invalid input creates no diary");

    home.log(&["stress", "3", "--at", &at("09:00")]);
    let before = crate::read(&home.diary());
    log("lentils-cooked:5001 g").assert_error(2, "amount.grams");
    assert_eq!(home.all_entries().len(), 1);
    assert_eq!(crate::read(&home.diary()), before, "nothing written");
}

#[test]
fn custom_foods_are_searched_logged_counted_and_kept() {
    let home = Home::new();
    let soup = home.json(&[
        "food",
        "add",
        "--name",
        "Grandma's bean soup",
        "--group",
        "mixed_dishes",
        "--nova",
        "1",
        "--kcal",
        "90",
        "--fibre",
        "5",
        "--carb",
        "12",
        "--prebiotic",
        "--portion",
        "1 bowl=350",
    ]);
    let id = id_of(&soup);
    assert_eq!(soup["per_100g"]["fibre_g"], 5.0);
    assert_eq!(soup["per_100g"]["sugars_g"], Value::Null, "not given: unknown");
    assert_eq!(soup["portions"], json!([{"name": "1 bowl", "grams": 350.0}]));

    let hits = home.json(&["food", "search", "bean", "soup"]);
    assert_eq!(hits[0]["food"]["id"], id.as_str(), "{hits}");
    assert_eq!(hits[0]["food"]["custom"], true);
    let text = home.ok(&["food", "search", "grandma"]);
    assert!(text.contains("Grandma's bean soup") && text.contains("[yours]"), "{text}");

    let meal = home.log(&["meal", "--meal", "dinner", "--food", &format!("{id}:1 bowl"), "--at", &at("19:00")]);
    assert_eq!(meal["items"][0]["food_id"], id.as_str());
    let fibre = || home.json(&["day", DAY])["summary"]["intake"]["fibre_g"].clone();
    assert_eq!(fibre(), json!({"value": 17.5, "complete": true}));
    assert!(home.ok(&["day", DAY]).contains("dinner: Grandma's bean soup (1 bowl)"));

    // Editing the food counts the meal again; deleting it leaves search, not the meal.
    home.json(&["food", "edit", &id, "--fibre", "6"]);
    assert_eq!(fibre(), json!({"value": 21.0, "complete": true}));
    home.run(&["food", "edit", &id]).assert_error(2, "nothing to change");
    home.json(&["food", "delete", &id]);
    assert!(
        home.json(&["food", "search", "bean", "soup"])
            .as_array()
            .unwrap()
            .iter()
            .all(|h| h["food"]["id"] != id.as_str())
    );
    assert_eq!(fibre(), json!({"value": 21.0, "complete": true}));
    assert_eq!(home.json(&["food", "list"]), json!([]));
    assert_eq!(home.json(&["food", "list", "--deleted"])[0]["deleted"], true);
    assert_eq!(home.json(&["food", "show", &id])["names"], json!([{"language": "en", "name": "Grandma's bean soup"}]));

    home.run(&["food", "add", "--name", "x", "--group", "soup", "--nova", "1"]).assert_error(2, "--group");
    home.run(&["food", "add", "--name", "x", "--group", "other", "--nova", "7"]).assert_error(2, "custom_food.nova");
    home.run(&["food", "add", "--name", "x", "--group", "other"]).assert_error(2, "--nova");
    home.run(&["food", "add", "--name", "x", "--group", "other", "--nova", "1", "--fibre", "120"])
        .assert_error(2, "custom_food.per_100g.fibre_g");
}

#[test]
fn saved_meals_log_as_meals() {
    let home = Home::new();
    let saved = home.json(&[
        "meal",
        "save",
        "Usual breakfast",
        "--meal",
        "breakfast",
        "--food",
        "oatmeal:1 bowl",
        "--food",
        "kefir:250ml",
        "--item",
        "coffee",
        "--tag",
        "Home",
    ]);
    assert_eq!(saved["items"].as_array().unwrap().len(), 3);
    assert_eq!(saved["tags"], json!(["home"]));
    let listed = home.ok(&["meal", "list"]);
    assert!(
        listed.contains("Usual breakfast  (breakfast): Oatmeal (1 bowl), Kefir (250 g), coffee  #home"),
        "{listed}"
    );

    let logged = home.json(&["meal", "log", "usual breakfast", "--at", &at("07:30")]);
    assert_eq!((&logged["kind"], &logged["meal"]), (&json!("meal"), &json!("breakfast")));
    assert_eq!(logged["items"], saved["items"]);
    assert_eq!(logged["tags"], json!(["home"]));
    let as_snack = home.json(&["meal", "log-saved", &id_of(&saved), "--at", &at("16:00"), "--meal", "snack"]);
    assert_eq!(as_snack["meal"], "snack");
    assert_eq!(home.json(&["day", DAY])["summary"]["counts"]["meals"], 2);

    home.run(&["meal", "log", "second breakfast"]).assert_error(3, "no saved meal");
    home.run(&["meal", "save", "x", "--meal", "lunch"]).assert_error(2, "saved_meal.items");
    home.json(&["meal", "delete", "Usual breakfast"]);
    assert_eq!(home.json(&["meal", "list"]), json!([]));
}

#[test]
fn label_suggestions_are_confirmed_into_a_meal() {
    let home = Home::new();
    let meal = home.log(&["meal", "--meal", "dinner", "--item", "takeaway", "--at", &at("19:30")]);
    let suggestions =
        home.json(&["food", "suggest", "--label", "Pizza:0.92", "--label", "Salad:0.61", "--label", "Food:0.99"]);
    let suggestions = suggestions.as_array().unwrap();
    assert_eq!(suggestions[0]["food"]["id"], "pizza-cheese-from-frozen-thin-crust");
    assert_eq!(suggestions[0]["item"]["amount"], json!({"unit": "portion", "name": "1 slice", "count": 1.0}));
    assert!(suggestions.iter().any(|s| s["label"] == "Salad"));
    assert!(suggestions.iter().all(|s| s["label"] != "Food"));

    let updated = home.json(&[
        "meal",
        "add",
        &id_of(&meal),
        "--food",
        "pizza-cheese-from-frozen-thin-crust:2 slice",
        "--food",
        "mixed-salad-greens-raw:1 portion",
    ]);
    let items = updated["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert_eq!(items[0]["text"], "takeaway", "the meal's own items stay first");
    assert_eq!(items[1]["amount"]["count"], 2.0);
    let intake = &home.json(&["day", DAY])["summary"]["intake"];
    assert_eq!((&intake["items"], &intake["unknown_items"]), (&json!(3), &json!(1)));
    assert_eq!(intake["highly_processed_g"], 220.0);

    home.run(&["food", "suggest", "--label", "Pizza"]).assert_error(2, "LABEL:CONFIDENCE");
    let stress = home.log(&["stress", "2", "--at", &at("10:00")]);
    home.run(&["meal", "add", &id_of(&stress), "--food", "kefir:100g"]).assert_error(2, "not a meal");
}
