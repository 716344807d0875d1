//! `gutskin food ...` and `gutskin meal ...`: the food table and the user's own foods, meals by
//! food and portion, saved meals, and label suggestions.

use std::time::SystemTime;

use clap::{Args, Subcommand};
use gutskin_core::foods::{Fermentation, FoodGroup, Nutrients, Portion};
use gutskin_core::{
    Amount, Diary, Food, FoodMatch, FoodSuggestion, GutskinError, ImageLabel, MealItem, MealKind, NewCustomFood,
    NewSavedMeal, SavedMeal,
};

use crate::args::MealArg;
use crate::commands::{Ctx, print_json, print_lines, show_entry};
use crate::failure::{CliResult, Failure};
use crate::input;
use crate::output::{self, FoodNames, amount_text};

#[derive(Debug, Subcommand)]
pub enum FoodAction {
    /// Find foods by name (the table and your own foods): food search lentils
    Search {
        /// Words of the name; prefixes and small typos are fine
        #[arg(required = true, num_args = 1..)]
        query: Vec<String>,
        /// Search the names in this language: en, de, or a tag such as de-AT (a language without
        /// names searches English ones) [default: the profile's language]
        #[arg(long, value_name = "LANG")]
        lang: Option<String>,
        /// At most this many results
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
    /// Everything about one food: nutrients per 100 g, flags, portions
    Show {
        /// A food id from `food search` (a table slug, or a custom food's id)
        id: String,
    },
    /// Add a food of your own: --name "Grandma's bean soup" --group mixed_dishes --nova 1 --kcal 90 --fibre 5
    Add(Box<CustomFoodArgs>),
    /// Change a food of your own; options not given stay as they are
    Edit {
        id: String,
        #[command(flatten)]
        fields: Box<CustomFoodArgs>,
    },
    /// Delete a food of your own (meals logged with it keep counting it)
    Delete { id: String },
    /// List your own foods
    List {
        /// Include deleted ones
        #[arg(long)]
        deleted: bool,
    },
    /// Foods that photo labels suggest: --label Pizza:0.92 --label Salad:0.6
    Suggest {
        /// LABEL:CONFIDENCE as an on-device labeler gives them (confidence 0-1)
        #[arg(long = "label", value_name = "LABEL:CONFIDENCE", required = true)]
        labels: Vec<String>,
        #[arg(long, default_value_t = 10)]
        limit: usize,
    },
}

/// A custom food's fields. Nutrients are per 100 g as eaten; `unknown` (or leaving one out) means
/// the value is not known, which totals never count as zero.
#[derive(Debug, Args)]
pub struct CustomFoodArgs {
    #[arg(long)]
    pub name: Option<String>,
    /// vegetables, fruit, grains, legumes, nuts_seeds, dairy, eggs, meat, fish, fats_oils, sweets,
    /// snacks, drinks, alcohol, condiments, herbs_spices, mixed_dishes or other
    #[arg(long)]
    pub group: Option<String>,
    /// NOVA group: 1 unprocessed or home-made from fresh foods, 2 culinary ingredient, 3 processed,
    /// 4 ultra-processed
    #[arg(long)]
    pub nova: Option<u8>,
    #[arg(long, value_name = "KCAL")]
    pub kcal: Option<String>,
    #[arg(long, value_name = "G")]
    pub carb: Option<String>,
    #[arg(long, value_name = "G")]
    pub sugars: Option<String>,
    #[arg(long, value_name = "G")]
    pub fibre: Option<String>,
    #[arg(long, value_name = "G")]
    pub fat: Option<String>,
    #[arg(long, value_name = "G")]
    pub satfat: Option<String>,
    #[arg(long, value_name = "G")]
    pub protein: Option<String>,
    /// Long-chain omega-3 (EPA + DHA)
    #[arg(long, value_name = "G")]
    pub epa_dha: Option<String>,
    /// Plant omega-3 (alpha-linolenic acid)
    #[arg(long, value_name = "G")]
    pub ala: Option<String>,
    #[arg(long, value_name = "G")]
    pub alcohol: Option<String>,
    /// none, live (eaten with live cultures) or inactive (fermented, then pasteurised or cooked)
    #[arg(long)]
    pub fermented: Option<String>,
    /// Typically eaten with live probiotic cultures (yogurt, kefir)
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_name = "BOOL")]
    pub probiotic: Option<bool>,
    /// A notable source of prebiotic fibre (onions, garlic, pulses, oats...)
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_name = "BOOL")]
    pub prebiotic: Option<bool>,
    /// Contains milk or milk products
    #[arg(long, num_args = 0..=1, default_missing_value = "true", value_name = "BOOL")]
    pub dairy: Option<bool>,
    /// Latin name of the plant, for a single-plant food ("none" to clear)
    #[arg(long)]
    pub species: Option<String>,
    /// Glycaemic index (glucose = 100), if you know a published value ("none" to clear)
    #[arg(long)]
    pub gi: Option<String>,
    /// A named portion, NAME=GRAMS, e.g. "1 bowl=350" (repeat; replaces the food's portions)
    #[arg(long = "portion", value_name = "NAME=GRAMS")]
    pub portions: Vec<String>,
    /// Remove every named portion
    #[arg(long, conflicts_with = "portions")]
    pub clear_portions: bool,
}

#[derive(Debug, Subcommand)]
pub enum MealAction {
    /// Save a meal you eat often: meal save "usual breakfast" --meal breakfast --food oatmeal:1 bowl --food kefir:250g
    Save {
        name: String,
        #[arg(long, value_enum)]
        meal: MealArg,
        #[command(flatten)]
        items: ItemArgs,
        /// A tag the logged meal gets (repeat)
        #[arg(long = "tag", value_name = "TAG")]
        tags: Vec<String>,
    },
    /// List the saved meals
    List,
    /// Log a saved meal (by name or id) as a new meal entry
    #[command(visible_alias = "log-saved")]
    Log {
        /// The saved meal's name or id
        saved: String,
        /// When: as for `log` [default: now]
        #[arg(long, value_name = "TIME")]
        at: Option<String>,
        /// Log it as this meal instead of the saved one's
        #[arg(long, value_enum)]
        meal: Option<MealArg>,
    },
    /// Delete a saved meal (by name or id); meals logged from it stay
    Delete { saved: String },
    /// Add foods or items to a logged meal (e.g. suggestions from its photo)
    Add {
        /// The meal entry's id
        id: String,
        #[command(flatten)]
        items: ItemArgs,
    },
}

/// Meal items: foods with amounts, then free-text items.
#[derive(Debug, Args)]
pub struct ItemArgs {
    /// A food and how much, ID:AMOUNT: lentils-cooked:200g, "bread-rye:2 slice", "kefir:1 glass",
    /// wine-red:150ml (repeat; ids from `food search`)
    #[arg(long = "food", value_name = "ID:AMOUNT")]
    pub foods: Vec<String>,
    /// Something eaten, as free text (repeat; counted as unknown in totals)
    #[arg(long = "item", value_name = "TEXT")]
    pub items: Vec<String>,
}

pub fn food(ctx: &Ctx, action: FoodAction) -> CliResult {
    match action {
        FoodAction::Search { query, lang, limit } => search(ctx, &query.join(" "), lang.as_deref(), limit),
        FoodAction::Show { id } => {
            let diary = ctx.open_existing()?;
            let found = diary.food(&id)?;
            if ctx.json {
                return print_json(&found);
            }
            print_lines(&food_lines(&found))
        }
        FoodAction::Add(fields) => {
            let food = new_custom_food(&fields, None)?;
            let added = ctx.open_for_write()?.add_custom_food(food)?;
            if ctx.json {
                return print_json(&added);
            }
            let mut lines = vec![format!("Added {}", added.name), format!("  id {}", added.id)];
            lines.extend(food_lines(&added.to_food()).into_iter().skip(2).map(|l| format!("  {l}")));
            print_lines(&lines)
        }
        FoodAction::Edit { id, fields } => {
            let diary = ctx.open_existing()?;
            let current = diary
                .custom_foods(true)?
                .into_iter()
                .find(|f| f.id == id.trim().to_ascii_lowercase())
                .ok_or_else(|| Failure::from(GutskinError::NotFound { what: "custom food".into(), id }))?;
            let changed = diary.update_custom_food(&current.id, new_custom_food(&fields, Some(current.to_new()))?)?;
            if ctx.json {
                return print_json(&changed);
            }
            print_lines(&[format!("Updated {}", changed.name), format!("  id {}", changed.id)])
        }
        FoodAction::Delete { id } => {
            let deleted = ctx.open_existing()?.delete_custom_food(&id)?;
            if ctx.json {
                return print_json(&deleted);
            }
            print_lines(&[format!("Deleted {} (meals logged with it keep counting it)", deleted.name)])
        }
        FoodAction::List { deleted } => {
            let foods = ctx.open_existing()?.custom_foods(deleted)?;
            if ctx.json {
                return print_json(&foods);
            }
            if foods.is_empty() {
                return print_lines(&["No foods of your own yet: add one with `gutskin food add`.".into()]);
            }
            let lines: Vec<String> = foods
                .iter()
                .map(|f| {
                    let gone = if f.deleted { "  (deleted)" } else { "" };
                    format!("{}  {}  ({}){gone}", f.id, f.name, f.group.as_str())
                })
                .collect();
            print_lines(&lines)
        }
        FoodAction::Suggest { labels, limit } => {
            let labels = labels.iter().map(|l| parse_label(l)).collect::<CliResult<Vec<_>>>()?;
            let diary = ctx.open_existing()?;
            let suggestions = diary.food_suggestions(&labels, limit)?;
            if ctx.json {
                return print_json(&suggestions);
            }
            print_lines(&suggestion_lines(&suggestions))
        }
    }
}

fn search(ctx: &Ctx, query: &str, lang: Option<&str>, limit: usize) -> CliResult {
    let diary = ctx.open_existing()?;
    let lang = match lang {
        Some(lang) => lang.to_string(),
        None => diary.profile()?.locale,
    };
    let hits = diary.search_foods(query, &lang, limit)?;
    if ctx.json {
        return print_json(&hits);
    }
    if hits.is_empty() {
        return print_lines(&[format!("No food matches {query:?}.")]);
    }
    let width = hits.iter().map(|h| h.food.id.len()).max().unwrap_or(0);
    print_lines(&hits.iter().map(|h| hit_line(h, width)).collect::<Vec<_>>())
}

fn hit_line(hit: &FoodMatch, width: usize) -> String {
    let f = &hit.food;
    let kcal = f.per_100g.energy_kcal.map_or("? kcal".into(), |k| format!("{k:.0} kcal"));
    let mut marks = Vec::new();
    if f.custom {
        marks.push("yours");
    }
    if hit.favourite {
        marks.push("often");
    }
    if hit.recent {
        marks.push("recent");
    }
    let marks = if marks.is_empty() { String::new() } else { format!("  [{}]", marks.join(", ")) };
    format!("{:width$}  {}  ({}, {kcal}/100 g){marks}", f.id, hit.name, f.group.as_str())
}

fn number(x: f64) -> String {
    let s = format!("{x:.2}");
    let s = s.trim_end_matches('0');
    s.strip_suffix('.').unwrap_or(s).to_string()
}

/// The food's English name, then its other names (those that differ) in brackets:
/// "Banana, raw (Banane, roh)".
fn names_line(f: &Food) -> String {
    let english = f.name("en");
    let others: Vec<&str> = f.names.iter().skip(1).map(|n| n.name.as_str()).filter(|n| *n != english).collect();
    if others.is_empty() { english.to_string() } else { format!("{english} ({})", others.join("; ")) }
}

/// A food as `food show` prints it.
pub fn food_lines(f: &Food) -> Vec<String> {
    let n = &f.per_100g;
    let value = |v: Option<f64>, unit: &str| v.map_or("unknown".to_string(), |v| format!("{} {unit}", number(v)));
    let mut lines = vec![
        names_line(f),
        format!("id          {}{}", f.id, if f.custom { "  (your own food)" } else { "" }),
        format!("group       {}", f.group.as_str()),
        format!("per 100 g   {}", value(n.energy_kcal, "kcal")),
        format!(
            "            carbohydrate {}, sugars {}, fibre {}",
            value(n.carbohydrate_g, "g"),
            value(n.sugars_g, "g"),
            value(n.fibre_g, "g")
        ),
        format!(
            "            fat {}, saturated {}, protein {}",
            value(n.fat_g, "g"),
            value(n.saturated_fat_g, "g"),
            value(n.protein_g, "g")
        ),
        format!(
            "            omega-3 EPA+DHA {}, ALA {}, alcohol {}",
            value(n.epa_dha_g, "g"),
            value(n.ala_g, "g"),
            value(n.alcohol_g, "g")
        ),
    ];
    let mut flags = vec![format!("NOVA {}", f.nova)];
    if f.nova == 4 {
        flags.push("highly processed".into());
    }
    match f.fermented {
        Fermentation::LiveCultures => flags.push("fermented (live cultures)".into()),
        Fermentation::Inactivated => flags.push("fermented (not live)".into()),
        Fermentation::None => {}
    }
    for (on, name) in
        [(f.probiotic, "probiotic"), (f.prebiotic, "prebiotic"), (f.dairy, "dairy"), (f.omega3_rich, "omega-3 rich")]
    {
        if on {
            flags.push(name.into());
        }
    }
    lines.push(format!("flags       {}", flags.join(", ")));
    if let Some(species) = &f.species {
        lines.push(format!("plant       {species}"));
    }
    if let Some(gi) = f.gi {
        lines.push(format!("GI          {gi}{}", f.gi_source.as_ref().map_or(String::new(), |s| format!(" ({s})"))));
    }
    if !f.portions.is_empty() {
        let portions: Vec<String> = f.portions.iter().map(|p| format!("{} = {} g", p.name, number(p.grams))).collect();
        lines.push(format!("portions    {}", portions.join("; ")));
    }
    if !f.custom {
        lines.push(format!("source      USDA {}", f.source));
    }
    lines
}

fn suggestion_lines(suggestions: &[FoodSuggestion]) -> Vec<String> {
    if suggestions.is_empty() {
        return vec!["No food suggestions for these labels.".into()];
    }
    suggestions
        .iter()
        .map(|s| {
            let amount = match &s.item {
                MealItem::Food { amount, .. } => amount_text(amount),
                MealItem::FreeText { .. } => String::new(),
            };
            format!(
                "{:.0}%  {}  {} ({amount})  from \"{}\"",
                s.confidence * 100.0,
                s.food.id,
                s.food.name("en"),
                s.label
            )
        })
        .collect()
}

fn parse_label(text: &str) -> CliResult<ImageLabel> {
    let bad = || Failure::invalid("--label", format!("{text:?} is not LABEL:CONFIDENCE, e.g. Pizza:0.9"));
    let (label, confidence) = text.rsplit_once(':').ok_or_else(bad)?;
    let confidence: f64 = confidence.trim().parse().map_err(|_| bad())?;
    if !(0.0..=1.0).contains(&confidence) {
        return Err(Failure::invalid("--label", format!("the confidence must be 0-1, got {confidence}")));
    }
    Ok(ImageLabel { label: label.trim().to_string(), confidence })
}

fn nutrient(option: &str, text: Option<&str>, current: Option<f64>) -> CliResult<Option<f64>> {
    match text.map(str::trim) {
        None => Ok(current),
        Some(t) if t.is_empty() || t.eq_ignore_ascii_case("unknown") => Ok(None),
        Some(t) => t
            .replace(',', ".")
            .parse::<f64>()
            .map(Some)
            .map_err(|_| Failure::invalid(option, format!("{t:?} is not a number (or \"unknown\")"))),
    }
}

fn group(text: &str) -> CliResult<FoodGroup> {
    let wanted = text.trim().to_ascii_lowercase().replace(['-', ' '], "_");
    serde_json::from_value(serde_json::Value::String(wanted)).map_err(|_| {
        Failure::invalid(
            "--group",
            format!(
                "{text:?} is not one of vegetables, fruit, grains, legumes, nuts_seeds, dairy, eggs, meat, fish, \
                 fats_oils, sweets, snacks, drinks, alcohol, condiments, herbs_spices, mixed_dishes, other"
            ),
        )
    })
}

fn fermentation(text: &str) -> CliResult<Fermentation> {
    match text.trim().to_ascii_lowercase().as_str() {
        "none" | "no" => Ok(Fermentation::None),
        "live" | "live_cultures" => Ok(Fermentation::LiveCultures),
        "inactive" | "inactivated" => Ok(Fermentation::Inactivated),
        _ => Err(Failure::invalid("--fermented", format!("{text:?} is not none, live or inactive"))),
    }
}

fn cleared(text: &str) -> bool {
    let t = text.trim();
    t.is_empty() || t.eq_ignore_ascii_case("none") || t.eq_ignore_ascii_case("unknown")
}

/// The fields of `current` (for an edit) with the options given laid over them; for a new food,
/// --name, --group and --nova are required.
fn new_custom_food(a: &CustomFoodArgs, current: Option<NewCustomFood>) -> CliResult<NewCustomFood> {
    let editing = current.is_some();
    let required = |what: &str| Failure::usage(format!("food add needs {what} (see gutskin food add --help)"));
    let base = match current {
        Some(food) => food,
        None => NewCustomFood {
            name: a.name.clone().ok_or_else(|| required("--name"))?,
            group: group(a.group.as_deref().ok_or_else(|| required("--group"))?)?,
            per_100g: Nutrients {
                energy_kcal: None,
                carbohydrate_g: None,
                sugars_g: None,
                fibre_g: None,
                fat_g: None,
                saturated_fat_g: None,
                protein_g: None,
                epa_dha_g: None,
                ala_g: None,
                alcohol_g: None,
            },
            fermented: Fermentation::None,
            probiotic: false,
            prebiotic: false,
            dairy: false,
            nova: a.nova.ok_or_else(|| required("--nova 1-4"))?,
            species: None,
            gi: None,
            portions: Vec::new(),
        },
    };
    let n = &base.per_100g;
    let gi = match a.gi.as_deref() {
        None => base.gi,
        Some(t) if cleared(t) => None,
        Some(t) => Some(t.trim().parse::<u8>().map_err(|_| Failure::invalid("--gi", format!("{t:?} is not 1-110")))?),
    };
    let portions = if a.clear_portions {
        Vec::new()
    } else if a.portions.is_empty() {
        base.portions.clone()
    } else {
        a.portions.iter().map(|p| portion(p)).collect::<CliResult<_>>()?
    };
    let nothing = editing
        && a.name.is_none()
        && a.group.is_none()
        && a.nova.is_none()
        && [&a.kcal, &a.carb, &a.sugars, &a.fibre, &a.fat, &a.satfat, &a.protein, &a.epa_dha, &a.ala, &a.alcohol]
            .iter()
            .all(|v| v.is_none())
        && a.fermented.is_none()
        && a.probiotic.is_none()
        && a.prebiotic.is_none()
        && a.dairy.is_none()
        && a.species.is_none()
        && a.gi.is_none()
        && a.portions.is_empty()
        && !a.clear_portions;
    if nothing {
        return Err(Failure::usage("nothing to change: give at least one option (see gutskin food edit --help)"));
    }
    Ok(NewCustomFood {
        name: a.name.clone().unwrap_or(base.name.clone()),
        group: a.group.as_deref().map(group).transpose()?.unwrap_or(base.group),
        per_100g: Nutrients {
            energy_kcal: nutrient("--kcal", a.kcal.as_deref(), n.energy_kcal)?,
            carbohydrate_g: nutrient("--carb", a.carb.as_deref(), n.carbohydrate_g)?,
            sugars_g: nutrient("--sugars", a.sugars.as_deref(), n.sugars_g)?,
            fibre_g: nutrient("--fibre", a.fibre.as_deref(), n.fibre_g)?,
            fat_g: nutrient("--fat", a.fat.as_deref(), n.fat_g)?,
            saturated_fat_g: nutrient("--satfat", a.satfat.as_deref(), n.saturated_fat_g)?,
            protein_g: nutrient("--protein", a.protein.as_deref(), n.protein_g)?,
            epa_dha_g: nutrient("--epa-dha", a.epa_dha.as_deref(), n.epa_dha_g)?,
            ala_g: nutrient("--ala", a.ala.as_deref(), n.ala_g)?,
            alcohol_g: nutrient("--alcohol", a.alcohol.as_deref(), n.alcohol_g)?,
        },
        fermented: a.fermented.as_deref().map(fermentation).transpose()?.unwrap_or(base.fermented),
        probiotic: a.probiotic.unwrap_or(base.probiotic),
        prebiotic: a.prebiotic.unwrap_or(base.prebiotic),
        dairy: a.dairy.unwrap_or(base.dairy),
        nova: a.nova.unwrap_or(base.nova),
        species: match a.species.as_deref() {
            None => base.species.clone(),
            Some(t) if cleared(t) => None,
            Some(t) => Some(t.to_string()),
        },
        gi,
        portions,
    })
}

fn portion(text: &str) -> CliResult<Portion> {
    let bad = || Failure::invalid("--portion", format!("{text:?} is not NAME=GRAMS, e.g. \"1 bowl=350\""));
    let (name, grams) = text.rsplit_once('=').ok_or_else(bad)?;
    let grams = grams.trim().trim_end_matches('g').trim().parse::<f64>().map_err(|_| bad())?;
    Ok(Portion { name: name.trim().to_string(), grams })
}

// ---------------------------------------------------------------- meals by food and portion

/// What `--food ID:AMOUNT` says, before the food's portions are known.
#[derive(Debug, Clone, PartialEq)]
enum AmountSpec {
    Grams(f64),
    /// A portion: its leading count if it has one, and the rest; and the whole text.
    Portion {
        count: Option<f64>,
        rest: String,
        whole: String,
    },
}

/// Splits `ID:AMOUNT`; grams as `200g`, `200 g`, `1.5kg`, `250ml` (millilitres taken as grams),
/// or a portion as `2 slice`, `1 glass`, `slice`, `0.5 fillet`.
fn parse_food_spec(text: &str) -> CliResult<(String, AmountSpec)> {
    let bad = |why: &str| {
        Failure::invalid("--food", format!("{text:?} {why} (e.g. lentils-cooked:200g or \"bread-rye:2 slice\")"))
    };
    let (id, amount) = text.split_once(':').ok_or_else(|| bad("is not ID:AMOUNT"))?;
    let (id, amount) = (id.trim(), amount.trim());
    if id.is_empty() {
        return Err(bad("has no food id"));
    }
    if amount.is_empty() {
        return Err(bad("has no amount"));
    }
    let lower = amount.to_ascii_lowercase().replace(',', ".");
    for (unit, factor) in [("kg", 1000.0), ("ml", 1.0), ("g", 1.0), ("l", 1000.0)] {
        if let Some(value) = lower.strip_suffix(unit).map(str::trim)
            && let Ok(v) = value.parse::<f64>()
        {
            return Ok((id.to_string(), AmountSpec::Grams(v * factor)));
        }
    }
    let (count, rest) = match amount.split_once(char::is_whitespace) {
        Some((n, rest)) => match n.replace(',', ".").parse::<f64>() {
            Ok(count) => (Some(count), rest.trim().to_string()),
            Err(_) => (None, amount.to_string()),
        },
        None => match amount.replace(',', ".").parse::<f64>() {
            Ok(_) => return Err(bad("gives a number without a unit or portion")),
            Err(_) => (None, amount.to_string()),
        },
    };
    Ok((id.to_string(), AmountSpec::Portion { count, rest, whole: amount.to_string() }))
}

/// The food's portion a typed portion means: its whole name ("1 cup (240 ml)", "3 oz"), or a name
/// after its leading "1 " that equals, or starts with, what was typed ("slice", "slices", "glass").
fn resolve_portion(food: &Food, spec: &AmountSpec) -> CliResult<Amount> {
    let (count, rest, whole) = match spec {
        AmountSpec::Grams(grams) => return Ok(Amount::Grams { grams: *grams }),
        AmountSpec::Portion { count, rest, whole } => (count, rest, whole),
    };
    let lower = |s: &str| s.to_lowercase();
    if let Some(p) = food.portions.iter().find(|p| lower(&p.name) == lower(whole)) {
        return Ok(Amount::Portion { name: p.name.clone(), count: 1.0 });
    }
    let typed = lower(rest);
    let singular = typed.strip_suffix("es").filter(|s| s.ends_with("ch") || s.ends_with("sh")).map(str::to_string);
    let singular = singular.or_else(|| typed.strip_suffix('s').map(str::to_string));
    let unit = |p: &Portion| lower(p.name.strip_prefix("1 ").unwrap_or(&p.name));
    let exact: Vec<&Portion> =
        food.portions.iter().filter(|p| unit(p) == typed || singular.as_deref() == Some(unit(p).as_str())).collect();
    let candidates = if exact.is_empty() {
        food.portions
            .iter()
            .filter(|p| unit(p).starts_with(&typed) || singular.as_ref().is_some_and(|s| unit(p).starts_with(s)))
            .collect()
    } else {
        exact
    };
    let known = || food.portions.iter().map(|p| format!("{:?}", p.name)).collect::<Vec<_>>().join(", ");
    match candidates.as_slice() {
        [p] => Ok(Amount::Portion { name: p.name.clone(), count: count.unwrap_or(1.0) }),
        [] => Err(Failure::invalid(
            "--food",
            format!("{} has no portion {whole:?} (it has: {}); or give grams, e.g. {}:100g", food.id, known(), food.id),
        )),
        many => Err(Failure::invalid(
            "--food",
            format!(
                "{whole:?} could be any of {} for {}: give the whole name",
                many.iter().map(|p| format!("{:?}", p.name)).collect::<Vec<_>>().join(", "),
                food.id
            ),
        )),
    }
}

/// The food an id names: a table food without opening the diary, a custom one from it.
fn find_food(ctx: &Ctx, id: &str) -> CliResult<Food> {
    if let Ok(food) = gutskin_core::foods::food_by_id(id) {
        return Ok(food);
    }
    match ctx.open_existing()?.food(id) {
        Ok(food) => Ok(food),
        Err(GutskinError::NotFound { .. }) => Err(Failure::invalid(
            "--food",
            format!("no food has the id {id:?} (find ids with `gutskin food search WORDS`)"),
        )),
        Err(other) => Err(other.into()),
    }
}

/// The meal items of `--food` (in order), then of `--item`.
pub fn meal_items(ctx: &Ctx, args: &ItemArgs, field: &str) -> CliResult<Vec<MealItem>> {
    meal_items_of(ctx, &args.foods, &args.items, field)
}

/// The items of `--food` specs and free-text `items`, checked as the diary will check them (named
/// `field` in errors), before any diary is opened to write.
pub fn meal_items_of(ctx: &Ctx, foods: &[String], items: &[String], field: &str) -> CliResult<Vec<MealItem>> {
    let mut out = Vec::with_capacity(foods.len() + items.len());
    let mut found = Vec::with_capacity(foods.len());
    for spec in foods {
        let (id, amount) = parse_food_spec(spec)?;
        let food = find_food(ctx, &id)?;
        out.push(MealItem::Food { food_id: food.id.clone(), amount: resolve_portion(&food, &amount)? });
        found.push(food);
    }
    out.extend(items.iter().map(|text| MealItem::FreeText { text: text.clone() }));
    let checked = gutskin_core::validate::meal_items(field, &out)?;
    gutskin_core::nutrition::check_items_with(&checked, field, &found)?;
    Ok(out)
}

pub fn meal(ctx: &Ctx, action: MealAction) -> CliResult {
    match action {
        MealAction::Save { name, meal, items, tags } => {
            let items = meal_items(ctx, &items, "saved_meal.items")?;
            let saved = ctx.open_for_write()?.save_meal(NewSavedMeal { name, meal: meal.into(), items, tags })?;
            show_saved(ctx, "Saved", &saved)
        }
        MealAction::List => {
            let diary = ctx.open_existing()?;
            let saved = diary.saved_meals()?;
            if ctx.json {
                return print_json(&saved);
            }
            if saved.is_empty() {
                return print_lines(&["No saved meals yet: save one with `gutskin meal save`.".into()]);
            }
            let mut lines = Vec::new();
            for s in &saved {
                lines.extend(saved_lines(&diary, s));
            }
            print_lines(&lines)
        }
        MealAction::Log { saved, at, meal } => {
            let occurred_at = match &at {
                Some(text) => input::parse_at("--at", text, ctx.zone.tz, input::today(&ctx.zone))?,
                None => SystemTime::now(),
            };
            let diary = ctx.open_existing()?;
            let found = find_saved(&diary, &saved)?;
            let logged = diary.log_saved_meal(&found.id, occurred_at, ctx.zone.name(), meal.map(MealKind::from))?;
            show_entry(ctx, &diary, "Logged", &logged)
        }
        MealAction::Delete { saved } => {
            let diary = ctx.open_existing()?;
            let found = find_saved(&diary, &saved)?;
            let deleted = diary.delete_saved_meal(&found.id)?;
            show_saved(ctx, "Deleted", &deleted)
        }
        MealAction::Add { id, items } => {
            if items.foods.is_empty() && items.items.is_empty() {
                return Err(Failure::usage("give at least one --food ID:AMOUNT or --item TEXT"));
            }
            let items = meal_items(ctx, &items, "items")?;
            let diary = ctx.open_existing()?;
            let updated = diary.add_meal_items(&id, items)?;
            show_entry(ctx, &diary, "Updated", &updated)
        }
    }
}

/// A saved meal by id, or by name (ignoring case) if exactly one has it.
fn find_saved(diary: &Diary, text: &str) -> CliResult<SavedMeal> {
    if let Ok(found) = diary.saved_meal(text.trim()) {
        return Ok(found);
    }
    let wanted = text.trim().to_lowercase();
    let mut matching: Vec<SavedMeal> =
        diary.saved_meals()?.into_iter().filter(|s| s.name.to_lowercase() == wanted).collect();
    match matching.len() {
        1 => Ok(matching.remove(0)),
        0 => Err(Failure { code: crate::failure::code::NOT_FOUND, message: format!("no saved meal {text:?}") }),
        _ => Err(Failure::usage(format!("several saved meals are called {text:?}: give the id"))),
    }
}

fn saved_lines(diary: &Diary, s: &SavedMeal) -> Vec<String> {
    let names = FoodNames::of_items(diary, &s.items);
    let mut line =
        format!("{}  ({}): {}", s.name, output::meal_name(s.meal), output::item_texts(&s.items, &names).join(", "));
    for tag in &s.tags {
        line.push_str(&format!("  #{tag}"));
    }
    vec![line, format!("  id {}", s.id)]
}

fn show_saved(ctx: &Ctx, verb: &str, saved: &SavedMeal) -> CliResult {
    if ctx.json {
        return print_json(saved);
    }
    let diary = ctx.open_existing()?;
    let mut lines = saved_lines(&diary, saved);
    lines[0] = format!("{verb} {}", lines[0]);
    print_lines(&lines)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(text: &str) -> AmountSpec {
        parse_food_spec(text).unwrap().1
    }

    fn amount(id: &str, text: &str) -> CliResult<Amount> {
        resolve_portion(&gutskin_core::foods::food_by_id(id).unwrap(), &spec(&format!("{id}:{text}")))
    }

    #[test]
    fn amounts_in_grams() {
        assert_eq!(
            parse_food_spec("lentils-cooked:200g").unwrap(),
            ("lentils-cooked".into(), AmountSpec::Grams(200.0))
        );
        assert_eq!(spec("x:200 g"), AmountSpec::Grams(200.0));
        assert_eq!(spec("x:1,5 kg"), AmountSpec::Grams(1500.0));
        assert_eq!(spec("x:250ml"), AmountSpec::Grams(250.0));
        assert_eq!(spec("x:0.33 l"), AmountSpec::Grams(330.0));
        for bad in ["lentils-cooked", ":200g", "lentils-cooked:", "lentils-cooked:200"] {
            assert!(parse_food_spec(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn named_portions() {
        let portion = |name: &str, count: f64| Amount::Portion { name: name.into(), count };
        assert_eq!(amount("bread-rye", "2 slice").unwrap(), portion("1 slice", 2.0));
        assert_eq!(amount("bread-rye", "2 slices").unwrap(), portion("1 slice", 2.0));
        assert_eq!(amount("bread-rye", "slice").unwrap(), portion("1 slice", 1.0));
        assert_eq!(amount("kefir", "1 glass").unwrap(), portion("1 glass (250 ml)", 1.0));
        assert_eq!(amount("kefir", "1 Cup (240 ml)").unwrap(), portion("1 cup (240 ml)", 1.0));
        assert_eq!(amount("salmon-wild-raw", "3 oz").unwrap(), portion("3 oz", 1.0));
        assert_eq!(amount("salmon-wild-raw", "0.5 fillet").unwrap(), portion("0.5 fillet", 1.0));
        assert_eq!(amount("egg-whole-boiled-or-poached", "2 large egg").unwrap(), portion("1 large egg", 2.0));
        let err = amount("bread-rye", "1 loaf").unwrap_err();
        assert!(err.message.contains("has no portion") && err.message.contains("\"1 slice\""), "{}", err.message);
        let err = amount("banana-raw", "1 cup").unwrap_err();
        assert!(err.message.contains("could be any of"), "{}", err.message);
    }
}
