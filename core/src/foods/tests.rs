use super::*;

fn food(id: &str) -> Food {
    food_by_id(id).unwrap_or_else(|e| panic!("{id}: {e}"))
}

fn ids(hits: &[FoodMatch]) -> Vec<&str> {
    hits.iter().map(|h| h.food.id.as_str()).collect()
}

fn search(q: &str, lang: &str) -> Vec<FoodMatch> {
    search_foods(q, lang, &SearchBoosts::default(), 10).unwrap()
}

#[test]
fn every_row_parses_and_is_complete() {
    let (languages, foods) = parse_table(TABLE_TSV).unwrap();
    assert_eq!(languages, ["en", "de"]);
    assert!((1000..=2000).contains(&foods.len()), "{} foods", foods.len());
    let mut seen = std::collections::HashSet::new();
    for f in &foods {
        assert!(seen.insert(f.id.clone()), "duplicate id {}", f.id);
        assert!(f.id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'), "id {}", f.id);
        let codes: Vec<&str> = f.names.iter().map(|n| n.language.as_str()).collect();
        assert_eq!(codes, languages, "{}: a name in every language, English first", f.id);
        assert!(f.names.iter().all(|n| !n.name.is_empty()), "{} lacks a name", f.id);
        assert!(f.per_100g.energy_kcal.is_some(), "{} lacks energy", f.id);
        assert!(f.per_100g.carbohydrate_g.is_some(), "{} lacks carbohydrate", f.id);
        assert!(!f.portions.is_empty(), "{} lacks portions", f.id);
        assert!((1..=4).contains(&f.nova));
        assert!(f.source.starts_with("fndds:") || f.source.starts_with("sr:"));
        assert_eq!(f.gi.is_some(), f.gi_source.is_some(), "{}", f.id);
    }
    // sorted by id, so the lookup map and the ranking tie-break agree
    assert!(foods.windows(2).all(|w| w[0].id < w[1].id));
}

#[test]
fn values_are_in_range() {
    for f in all_foods() {
        let n = &f.per_100g;
        let kcal = n.energy_kcal.unwrap();
        assert!(kcal <= 902.0, "{}: {kcal} kcal", f.id);
        let grams = [n.carbohydrate_g, n.sugars_g, n.fibre_g, n.fat_g, n.protein_g, n.alcohol_g];
        for g in grams.into_iter().flatten() {
            assert!((0.0..=100.0).contains(&g), "{}: {g} g", f.id);
        }
        if let (Some(s), Some(c)) = (n.sugars_g, n.carbohydrate_g) {
            // USDA carbohydrate is "by difference", so allow its rounding
            assert!(s <= c * 1.1 + 1.0, "{}: sugars {s} > carbohydrate {c}", f.id);
        }
        if let (Some(sat), Some(fat)) = (n.saturated_fat_g, n.fat_g) {
            assert!(sat <= fat + 0.5, "{}: saturated {sat} > fat {fat}", f.id);
        }
        // energy roughly matches its macronutrients (Atwater 4/4/9/7, fibre 2), where all are
        // known; USDA's food-specific factors differ by up to about a third (oat bran)
        if let (Some(c), Some(p), Some(fat)) = (n.carbohydrate_g, n.protein_g, n.fat_g) {
            let fibre = n.fibre_g.unwrap_or(0.0).min(c);
            let est = 4.0 * (c - fibre) + 2.0 * fibre + 4.0 * p + 9.0 * fat + 7.0 * n.alcohol_g.unwrap_or(0.0);
            assert!((kcal - est).abs() <= 0.35 * est.max(kcal) + 25.0, "{}: {kcal} kcal vs {est}", f.id);
        }
        for p in &f.portions {
            assert!(p.grams > 0.0 && p.grams <= 5000.0, "{}: portion {p:?}", f.id);
        }
        if let Some(gi) = f.gi {
            assert!((10..=110).contains(&gi), "{}: GI {gi}", f.id);
        }
        if let Some(s) = &f.species {
            let mut parts = s.split(' ');
            let genus = parts.next().unwrap();
            assert!(genus.chars().next().unwrap().is_ascii_uppercase(), "{}: {s}", f.id);
            assert!(
                parts.next().is_some_and(|e| e.chars().all(|c| c.is_ascii_lowercase() || c == '-')),
                "{}: {s}",
                f.id
            );
        }
    }
}

#[test]
fn known_foods_are_right() {
    let lentils = food("lentils-cooked");
    assert_eq!(lentils.group, FoodGroup::Legumes);
    assert!(lentils.per_100g.fibre_g.unwrap() >= 6.0, "lentils are high in fibre");
    assert!(lentils.prebiotic);
    assert_eq!(lentils.species.as_deref(), Some("Lens culinaris"));

    let kefir = food("kefir");
    assert_eq!(kefir.fermented, Fermentation::LiveCultures);
    assert!(kefir.probiotic && kefir.dairy);

    for salmon in ["salmon-baked-or-broiled", "salmon-wild-raw", "salmon-farmed-raw"] {
        let s = food(salmon);
        assert!(s.omega3_rich, "{salmon}");
        assert!(s.per_100g.epa_dha_g.unwrap() > 1.0, "{salmon}");
        assert_eq!(s.group, FoodGroup::Fish);
    }
    for plant in ["walnuts", "flaxseed", "chia-seeds"] {
        let p = food(plant);
        assert!(p.omega3_rich && p.per_100g.ala_g.unwrap() >= 2.5, "{plant}");
    }

    let cola = food("soft-drink-cola");
    assert!(cola.per_100g.sugars_g.unwrap() >= 8.0, "cola is sugary");
    assert_eq!(cola.nova, 4);
    assert!(cola.highly_processed());
    assert_eq!(cola.per_100g.alcohol_g, Some(0.0));

    let beer = food("beer");
    assert!((3.0..6.0).contains(&beer.per_100g.alcohol_g.unwrap()));
    assert_eq!(beer.group, FoodGroup::Alcohol);
    for wine in ["wine-red", "wine-white"] {
        assert!((8.0..15.0).contains(&food(wine).per_100g.alcohol_g.unwrap()), "{wine}");
    }
    assert!(food("vodka").per_100g.alcohol_g.unwrap() > 25.0);

    assert_eq!(food("yogurt-whole-milk-plain").fermented, Fermentation::LiveCultures);
    assert_eq!(food("kimchi").fermented, Fermentation::LiveCultures);
    assert_eq!(food("sauerkraut").fermented, Fermentation::Inactivated);
    assert_eq!(food("bread-sour-dough").fermented, Fermentation::Inactivated);
    assert_eq!(food("milk-whole").fermented, Fermentation::None);

    assert!(food("milk-whole").dairy && food("cheese-cheddar").dairy);
    for not_dairy in ["oat-milk", "soy-milk-unsweetened", "peanut-butter", "coconut-milk", "lentils-cooked"] {
        assert!(!food(not_dairy).dairy, "{not_dairy}");
    }

    assert_eq!(food("apple-raw-with-skin").nova, 1);
    assert_eq!(food("olive-oil").nova, 2);
    assert_eq!(food("cheese-cheddar").nova, 3);
    assert_eq!(food("apple-raw-with-skin").species.as_deref(), Some("Malus domestica"));
    assert_eq!(food("beer").species, None);
    assert!(food("garlic-raw").prebiotic);

    assert_eq!(food("bread-white").gi, Some(75));
    assert_eq!(food("lentils-cooked").gi, Some(32));
    assert!(food("bread-white").portions.iter().any(|p| p.name == "1 slice"));
}

#[test]
fn lookup_errors() {
    assert!(matches!(food_by_id("no-such-food"), Err(GutskinError::NotFound { .. })));
    assert!(matches!(food_by_id(" "), Err(GutskinError::InvalidInput { .. })));
    // a language the table has no names in searches the English ones
    assert_eq!(ids(&search("lentils", "fr")), ids(&search("lentils", "en")));
    assert!(search("", "en").is_empty());
    assert!(search(" ,; ", "de").is_empty());
}

#[test]
fn search_exact_prefix_typo() {
    let hits = search("lentils", "en");
    assert_eq!(hits[0].kind, MatchKind::Exact);
    assert!(ids(&hits).contains(&"lentils-cooked"));

    let hits = search("lentls", "en");
    assert!(!hits.is_empty() && hits[0].food.id.starts_with("lentil"), "{:?}", ids(&hits));
    assert!(hits.iter().all(|h| h.kind == MatchKind::Typo));

    let hits = search_foods("sal", "en", &SearchBoosts::default(), 50).unwrap();
    let found = ids(&hits);
    assert!(found.iter().any(|id| id.starts_with("salmon")), "{found:?}");
    assert!(found.iter().any(|id| id.contains("salad")), "{found:?}");
    assert!(hits.iter().all(|h| h.kind == MatchKind::Prefix || h.kind == MatchKind::Exact));

    let hits = search("Linsen", "de");
    assert!(ids(&hits).contains(&"lentils-cooked"), "{:?}", ids(&hits));
    let hits = search("kase", "de");
    assert!(hits.iter().any(|h| h.name.contains("Käse")), "umlauts fold");
    let hits = search("salmon baked", "en");
    assert_eq!(hits[0].food.id, "salmon-baked-or-broiled");
    assert!(search("zzzzzz", "en").is_empty());
}

#[test]
fn ranking_prefers_exact_then_short_names() {
    let hits = search("apple", "en");
    assert_eq!(hits[0].kind, MatchKind::Exact);
    // "Apple, raw, ..." (name starts with the word) before "Pie, apple"
    let first_pie = ids(&hits).iter().position(|id| *id == "pie-apple");
    let raw = ids(&hits).iter().position(|id| id.starts_with("apple-raw")).unwrap();
    if let Some(pie) = first_pie {
        assert!(raw < pie);
    }
    // exact matches outrank prefix matches even when the prefix names are shorter
    let hits = search_foods("rice", "en", &SearchBoosts::default(), 100).unwrap();
    let kinds: Vec<MatchKind> = hits.iter().map(|h| h.kind).collect();
    assert!(kinds.windows(2).all(|w| w[0] >= w[1]), "{kinds:?}");
}

#[test]
fn favourites_and_recent_come_first() {
    let plain = search("yogurt", "en");
    let last = plain.last().unwrap().food.id.clone();
    let boosts = SearchBoosts { recent_ids: vec![], favourite_ids: vec![last.clone()] };
    let boosted = search_foods("yogurt", "en", &boosts, 10).unwrap();
    assert_eq!(boosted[0].food.id, last);
    assert!(boosted[0].favourite);

    let boosts =
        SearchBoosts { recent_ids: vec!["yogurt-soy".into(), "yogurt-whole-milk-fruit".into()], favourite_ids: vec![] };
    let boosted = search_foods("yogurt", "en", &boosts, 10).unwrap();
    assert_eq!(ids(&boosted)[..2], ["yogurt-soy", "yogurt-whole-milk-fruit"]);
    assert!(boosted[0].recent && !boosted[0].favourite);

    // a favourite prefix match comes before exact matches that are not the user's
    let plain = search("apple", "en");
    assert!(plain[0].kind == MatchKind::Exact && plain[0].food.id != "applesauce-regular");
    let boosts = SearchBoosts { recent_ids: vec![], favourite_ids: vec!["applesauce-regular".into()] };
    let hits = search_foods("apple", "en", &boosts, 20).unwrap();
    assert_eq!((hits[0].food.id.as_str(), hits[0].kind), ("applesauce-regular", MatchKind::Prefix));
    assert!(hits[1..].iter().all(|h| !h.favourite), "exact matches follow");

    // a favourite typo match does not jump ahead of exact matches
    let boosts = SearchBoosts { recent_ids: vec![], favourite_ids: vec!["lemon-raw".into()] };
    let hits = search_foods("lentil", "en", &boosts, 20).unwrap();
    assert!(hits[0].food.id.starts_with("lentil"));
}

#[test]
fn names_by_language() {
    let banana = food("banana-raw");
    assert_eq!(banana.names[0], FoodName { language: "en".into(), name: "Banana, raw".into() });
    assert_eq!(banana.name("en"), "Banana, raw");
    assert_eq!(banana.name("de"), "Banane, roh");
    // the base language of a tag, any letter case, else English
    for tag in ["de-AT", "de_CH", "DE", " de "] {
        assert_eq!(banana.name(tag), "Banane, roh", "{tag}");
    }
    for tag in ["en-GB", "fr", "", "x-klingon"] {
        assert_eq!(banana.name(tag), "Banana, raw", "{tag}");
    }
    assert_eq!(banana.name_in_sentence("de-AT"), "Banane");
    assert_eq!(banana.name_in_sentence("fr"), "banana", "the English name, turned around");

    // a hit carries the name that was searched
    assert_eq!(search("Linsen", "de-AT")[0].name, food(&search("Linsen", "de-AT")[0].food.id).name("de"));
    assert!(search("lentils", "en").iter().all(|h| h.name == h.food.name("en")));
    assert!(search("lentils", "fr").iter().all(|h| h.name == h.food.name("en")));
}

/// The embedded table's first four foods with a column added at `at`: `header` in the header,
/// `cell(n)` in the n-th row.
fn with_column(at: usize, header: &str, cell: impl Fn(usize) -> String) -> String {
    let mut lines: Vec<String> = TABLE_TSV.lines().take(6).map(str::to_string).collect();
    for (n, line) in lines.iter_mut().enumerate().skip(1) {
        let mut cols: Vec<String> = line.split('\t').map(str::to_string).collect();
        cols.insert(at.min(cols.len()), if n == 1 { header.to_string() } else { cell(n - 1) });
        *line = cols.join("\t");
    }
    lines.join("\n")
}

/// A table with a third language, French, read by the embedded table's parser: every `name_<code>`
/// column is a language, with no code for French anywhere.
#[test]
fn a_third_language_needs_only_a_column() {
    let text = with_column(3, "name_fr", |n| format!("Pomme numéro {n}"));
    let table = Table::parse(&text).unwrap();
    assert_eq!(table.foods.len(), 4);
    let first = &table.foods[0];
    let codes: Vec<&str> = first.names.iter().map(|n| n.language.as_str()).collect();
    assert_eq!(codes, ["en", "de", "fr"]);
    assert_eq!(first.name("fr"), "Pomme numéro 1");
    assert_eq!(first.name("fr-CA"), "Pomme numéro 1");
    assert_eq!(first.name("de"), food(&first.id).name("de"), "the other languages are unchanged");
    assert_eq!(first.name("en"), food(&first.id).name("en"));
    assert_eq!(first.name_in_sentence("fr"), "Pomme numéro 1", "no French state words: as it is");

    let hits = table.search("pomme numero 3", "fr", &SearchBoosts::default(), 10, &[]).unwrap();
    assert_eq!(hits.len(), 1, "{:?}", hits.iter().map(|h| &h.name).collect::<Vec<_>>());
    assert_eq!((hits[0].food.id.as_str(), hits[0].name.as_str()), (table.foods[2].id.as_str(), "Pomme numéro 3"));
    assert_eq!(hits[0].kind, MatchKind::Exact);
    assert_eq!(table.search("pomm", "fr-FR", &SearchBoosts::default(), 10, &[]).unwrap().len(), 4, "prefix");
    assert!(table.search("pomme", "en", &SearchBoosts::default(), 10, &[]).unwrap().is_empty(), "English names");
    let acorn = table.search("acorn squash", "fr", &SearchBoosts::default(), 10, &[]).unwrap();
    assert!(acorn.is_empty(), "French search reads French names: {:?}", ids(&acorn));
    assert_eq!(table.search("acorn squash", "it", &SearchBoosts::default(), 10, &[]).unwrap().len(), 1, "else English");

    // the name columns may stand anywhere, in the header and the rows alike
    let last = Table::parse(&with_column(99, "name_fr", |n| format!("Pomme numéro {n}"))).unwrap();
    assert_eq!(last.foods, table.foods);
    // English is required; codes are checked; every name is given
    for (bad, why) in [("name_en", "name_xx"), ("name_fr", "name_FR"), ("name_fr", "name_"), ("name_fr", "name_de")] {
        assert!(Table::parse(&text.replacen(bad, why, 1)).is_err(), "{bad} -> {why}");
    }
    let empty = Table::parse(&with_column(3, "name_fr", |n| if n == 2 { String::new() } else { "Pomme".into() }));
    assert!(empty.err().is_some_and(|e| e.contains("name_fr")));
}

#[test]
fn names_read_as_part_of_a_sentence() {
    let en = |id: &str| food(id).name_in_sentence("en");
    let de = |id: &str| food(id).name_in_sentence("de");
    assert_eq!(en("banana-raw"), "banana");
    assert_eq!(en("tea-kombucha"), "kombucha tea");
    assert_eq!(en("walnuts"), "walnuts");
    assert_eq!(en("almond-milk-unsweetened"), "unsweetened almond milk");
    assert_eq!(en("apple-raw-with-skin"), "apple with skin");
    assert_eq!(en("cheese-cheddar"), "Cheddar cheese");
    assert_eq!(en("grits-with-cheese"), "grits with cheese");
    assert_eq!(en("brussels-sprouts-cooked"), "Brussels sprouts");
    assert_eq!(en("greek-salad-no-dressing"), "Greek Salad (no dressing)");
    assert_eq!(en("tea-hot-leaf-green"), "tea (hot, leaf, green)");
    assert_eq!(de("banana-raw"), "Banane");
    assert_eq!(de("apple-raw-with-skin"), "Apfel mit Schale");
    assert_eq!(de("almond-milk-unsweetened"), "Mandeldrink, ungesüßt");
    assert_eq!(de("walnuts"), "Walnüsse");
    // Every food has a sentence name, and it keeps the name's first word.
    for f in all_foods() {
        for lang in ["en", "de"] {
            let name = f.name_in_sentence(lang);
            let first = f.name(lang).split([',', ' ']).next().unwrap_or_default().to_lowercase();
            assert!(name.to_lowercase().contains(&first), "{}: {name:?}", f.id);
        }
    }
}

#[test]
fn plain_cooked_foods_carry_no_added_fat_and_plant_oils_their_ala() {
    // Regression guards for the table: FNDDS "NFS" rows assume fat added in cooking, and FNDDS
    // rows carry no ALA (tools/foodtable: plain-cooked rule and ala.tsv).
    for id in ["lentils-cooked", "potato-boiled", "broccoli-cooked", "spinach-cooked"] {
        let fat = food(id).per_100g.fat_g.unwrap();
        assert!(fat < 1.0, "{id}: {fat} g fat per 100 g");
    }
    for id in ["flaxseed-oil", "walnut-oil", "canola-oil"] {
        let f = food(id);
        assert!(f.per_100g.ala_g.is_some_and(|a| a > 5.0), "{id}: {:?}", f.per_100g.ala_g);
        assert!(f.omega3_rich, "{id}");
    }
}
