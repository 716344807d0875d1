//! The built-in food table: about 1,260 common foods with nutrients per 100 g, flags and portions.
//!
//! The table is `core/data/foods.tsv`, written by `tools/foodtable/gen.py` from USDA data and
//! embedded at compile time; it is parsed once, on first use, into plain records. Every field's
//! source and derivation rule is documented in `docs/foods.md`. Food ids are stable: a diary may
//! reference them forever.
//!
//! Look foods up with [`food_by_id`] and find them with [`search_foods`] (word, prefix and
//! typo-tolerant, English or German, with the user's favourite and recent foods first).
//!
//! The user's own foods ([`CustomFood`]) live in the diary; [`crate::Diary::search_foods`] searches
//! them together with the table, and [`labels`] turns on-device image labels into suggested foods.

mod custom;
pub mod labels;
mod search;

use std::collections::HashMap;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::{GutskinError, Result};

pub use custom::{CustomFood, NewCustomFood, omega3_rich};
#[doc(hidden)]
pub use search::naive_contains;
pub use search::{MatchKind, SearchBoosts};

/// The embedded table (format version 1; see `docs/foods.md`).
const TABLE_TSV: &str = include_str!("../../data/foods.tsv");

/// The language every food has a name in, first in [`Food::names`], and the fallback for the others.
pub(crate) const ENGLISH: &str = "en";

/// A column `name_<code>` holds the foods' names in the language `<code>` (`name_en`, `name_de`, ...);
/// every such column is a language of the table, so adding one needs no code change.
const NAME_PREFIX: &str = "name_";

/// The other columns, in this order (name columns may stand anywhere between them).
const COLUMNS: [&str; 23] = [
    "id",
    "group",
    "kcal",
    "carb_g",
    "sugars_g",
    "fibre_g",
    "fat_g",
    "satfat_g",
    "protein_g",
    "epa_dha_g",
    "ala_g",
    "alcohol_g",
    "omega3_rich",
    "fermented",
    "probiotic",
    "prebiotic",
    "dairy",
    "nova",
    "species",
    "gi",
    "gi_ref",
    "portions",
    "source",
];

/// The product's own food groups (one per food).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum FoodGroup {
    Vegetables,
    Fruit,
    Grains,
    Legumes,
    NutsSeeds,
    Dairy,
    Eggs,
    Meat,
    Fish,
    FatsOils,
    Sweets,
    Snacks,
    Drinks,
    Alcohol,
    Condiments,
    HerbsSpices,
    MixedDishes,
    Other,
}

impl FoodGroup {
    /// The group's name in the table and in JSON (`nuts_seeds`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            FoodGroup::Vegetables => "vegetables",
            FoodGroup::Fruit => "fruit",
            FoodGroup::Grains => "grains",
            FoodGroup::Legumes => "legumes",
            FoodGroup::NutsSeeds => "nuts_seeds",
            FoodGroup::Dairy => "dairy",
            FoodGroup::Eggs => "eggs",
            FoodGroup::Meat => "meat",
            FoodGroup::Fish => "fish",
            FoodGroup::FatsOils => "fats_oils",
            FoodGroup::Sweets => "sweets",
            FoodGroup::Snacks => "snacks",
            FoodGroup::Drinks => "drinks",
            FoodGroup::Alcohol => "alcohol",
            FoodGroup::Condiments => "condiments",
            FoodGroup::HerbsSpices => "herbs_spices",
            FoodGroup::MixedDishes => "mixed_dishes",
            FoodGroup::Other => "other",
        }
    }

    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "vegetables" => FoodGroup::Vegetables,
            "fruit" => FoodGroup::Fruit,
            "grains" => FoodGroup::Grains,
            "legumes" => FoodGroup::Legumes,
            "nuts_seeds" => FoodGroup::NutsSeeds,
            "dairy" => FoodGroup::Dairy,
            "eggs" => FoodGroup::Eggs,
            "meat" => FoodGroup::Meat,
            "fish" => FoodGroup::Fish,
            "fats_oils" => FoodGroup::FatsOils,
            "sweets" => FoodGroup::Sweets,
            "snacks" => FoodGroup::Snacks,
            "drinks" => FoodGroup::Drinks,
            "alcohol" => FoodGroup::Alcohol,
            "condiments" => FoodGroup::Condiments,
            "herbs_spices" => FoodGroup::HerbsSpices,
            "mixed_dishes" => FoodGroup::MixedDishes,
            "other" => FoodGroup::Other,
            _ => return None,
        })
    }
}

/// Whether a food is fermented, and whether its microbes are typically still alive when eaten.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Enum))]
#[serde(rename_all = "snake_case")]
pub enum Fermentation {
    /// Not a fermented food.
    None,
    /// Fermented, and typically eaten with live cultures (yogurt, kefir, kimchi, aged cheese, ...).
    LiveCultures,
    /// Fermented, but pasteurised, baked, cooked, filtered or distilled afterwards (sourdough
    /// bread, canned sauerkraut, soy sauce, beer, wine, ...).
    Inactivated,
}

/// Nutrients per 100 g of the food as eaten. `None` means the source does not give the value
/// (unknown), which is not the same as zero.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Nutrients {
    pub energy_kcal: Option<f64>,
    pub carbohydrate_g: Option<f64>,
    pub sugars_g: Option<f64>,
    pub fibre_g: Option<f64>,
    pub fat_g: Option<f64>,
    pub saturated_fat_g: Option<f64>,
    pub protein_g: Option<f64>,
    /// EPA + DHA (long-chain omega-3).
    pub epa_dha_g: Option<f64>,
    /// Alpha-linolenic acid (plant omega-3).
    pub ala_g: Option<f64>,
    pub alcohol_g: Option<f64>,
}

/// A common portion of a food, e.g. "1 cup" = 245 g.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Portion {
    pub name: String,
    pub grams: f64,
}

/// A food's name in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FoodName {
    /// The language's code as the table's column names it (`en`, `de`, ...).
    pub language: String,
    pub name: String,
}

/// One food of the built-in table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct Food {
    /// Stable id (a lower-case slug such as `lentils-cooked`); never changes meaning.
    pub id: String,
    /// The food's name in every language of the table, English first (a custom food has its one
    /// name, as English). Pick one with [`Food::name`].
    pub names: Vec<FoodName>,
    pub group: FoodGroup,
    pub per_100g: Nutrients,
    /// Meets the EU "high omega-3" claim: >= 0.6 g ALA, or >= 80 mg EPA+DHA, per 100 g and per 100 kcal.
    pub omega3_rich: bool,
    pub fermented: Fermentation,
    /// Typically eaten with live cultures of the kinds studied as probiotics (yogurt, kefir, ...).
    pub probiotic: bool,
    /// A notable source of prebiotic fibre (inulin-type fructans, galacto-oligosaccharides).
    pub prebiotic: bool,
    /// Contains cow's (or other animal) milk or milk products.
    pub dairy: bool,
    /// NOVA processing group, 1 (unprocessed) to 4 (ultra-processed).
    pub nova: u8,
    /// Latin binomial of the plant, for single-plant foods; `None` otherwise.
    pub species: Option<String>,
    /// Glycaemic index (glucose = 100), for staples with a published value.
    pub gi: Option<u8>,
    /// Where the GI value comes from.
    pub gi_source: Option<String>,
    pub portions: Vec<Portion>,
    /// The USDA row the values come from (`fndds:` or `sr:` and its description); `custom` for the
    /// user's own foods.
    pub source: String,
    /// One of the user's own foods (its id is a UUID), not a row of the built-in table.
    #[serde(default)]
    pub custom: bool,
}

impl Food {
    /// The food's name in `language`, a language tag: the exact language if the food has a name in
    /// it, else its base language (`"de-AT"` gives the German name), else English.
    pub fn name(&self, language: &str) -> &str {
        self.name_entry(language).map_or("", |n| n.name.as_str())
    }

    /// The [`FoodName`] [`Food::name`] picks (`None` only for a food without names).
    fn name_entry(&self, language: &str) -> Option<&FoodName> {
        pick_language(self.names.iter().map(|n| n.language.as_str()), language).map(|i| &self.names[i])
    }

    /// The name inside a sentence ("add a portion of {food}"). The table's names are list-style
    /// ("Banana, raw", "Tea, kombucha"); in a sentence the state is left out ("raw", "cooked") and
    /// in English the rest is turned around and lower-cased: "banana", "kombucha tea", "Cheddar
    /// cheese", "apple with skin", "tea (hot, leaf, green)". German keeps its nouns capitalised and
    /// its order: "Banane", "Apfel mit Schale", "Mandeldrink, ungesüßt". Other languages are
    /// treated like German: their state words are left out where the code has a list of them for
    /// the language, otherwise the name stays as it is.
    ///
    /// The rules are those of the name's language (a language the table has no names in gets the
    /// English name, and English rules); a custom food's one name is the user's own words, so it
    /// takes the rules of `language`.
    pub fn name_in_sentence(&self, language: &str) -> String {
        let Some(picked) = self.name_entry(language) else { return String::new() };
        let rules =
            if self.custom { language.trim().split(['-', '_']).next().unwrap_or_default() } else { &picked.language };
        let english = rules.eq_ignore_ascii_case(ENGLISH);
        let Some(&(_, states)) = SENTENCE_STATES.iter().find(|(code, _)| code.eq_ignore_ascii_case(rules)) else {
            return picked.name.clone();
        };
        let mut parts = picked.name.split(", ");
        let head = parts.next().unwrap_or_default();
        let rest: Vec<&str> = parts.filter(|p| !states.contains(p)).collect();
        let joins = |p: &str| {
            ["with ", "without ", "in ", "on ", "and ", "or ", "mit ", "ohne ", "in "].iter().any(|w| p.starts_with(w))
        };
        if !english {
            let mut out = head.to_string();
            for p in rest {
                out.push_str(if joins(p) { " " } else { ", " });
                out.push_str(p);
            }
            return out;
        }
        let first_word = head.split(' ').next().unwrap_or_default();
        let head = if PROPER_FIRST_WORDS_EN.contains(&first_word) { head.to_string() } else { lower_first(head) };
        match rest.as_slice() {
            [] => head,
            [one] if joins(one) => format!("{head} {one}"),
            // A short describing word goes in front ("soy yogurt"); a longer note goes behind.
            [one] if one.split(' ').count() <= 2 && !one.starts_with("no ") => format!("{one} {head}"),
            many => format!("{head} ({})", many.join(", ")),
        }
    }

    /// Whether the food is NOVA group 4 ("highly processed" in the product's words).
    pub fn highly_processed(&self) -> bool {
        self.nova == 4
    }
}

/// The index of the language `language` (a tag such as `de-AT` or `de_AT`) picks among
/// `available` codes: the exact one, else its base language, else English, else the first.
/// Letter case does not matter. `None` only if `available` is empty.
pub(crate) fn pick_language<'a>(available: impl Iterator<Item = &'a str> + Clone, language: &str) -> Option<usize> {
    let language = language.trim();
    let base = language.split(['-', '_']).next().unwrap_or_default();
    let find = |code: &str| available.clone().position(|a| a.eq_ignore_ascii_case(code));
    find(language).or_else(|| find(base)).or_else(|| find(ENGLISH)).or_else(|| available.clone().next().map(|_| 0))
}

/// Per language, the parts of a table name that only say how a food was kept or cooked, left out
/// in sentences. A language without a list keeps its names as they are.
const SENTENCE_STATES: [(&str, &[&str]); 2] = [(ENGLISH, &SENTENCE_STATES_EN), ("de", &SENTENCE_STATES_DE)];
const SENTENCE_STATES_EN: [&str; 10] =
    ["raw", "cooked", "plain", "dry", "fresh", "canned", "frozen", "boiled", "steamed", "regular"];
const SENTENCE_STATES_DE: [&str; 10] =
    ["roh", "gekocht", "natur", "trocken", "getrocknet", "frisch", "aus der Dose", "tiefgekühlt", "gegart", "gedämpft"];
/// First words of English table names that are proper names ("Swiss chard", "Greek yogurt") and
/// stay capitalised in a sentence.
const PROPER_FIRST_WORDS_EN: [&str; 24] = [
    "Asian",
    "Brazil",
    "Brussels",
    "Caesar",
    "Canadian",
    "Cuban",
    "Danish",
    "French",
    "General",
    "Graham",
    "Greek",
    "Italian",
    "Jerusalem",
    "Manhattan",
    "Melba",
    "Moscow",
    "Polish",
    "Reuben",
    "Salisbury",
    "Scotch",
    "Spanish",
    "Swiss",
    "Vienna",
    "Worcestershire",
];

fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_lowercase().chain(chars).collect()).unwrap_or_default()
}

/// A search hit: the food, its name in the searched language, how the name matched, and whether
/// the user's boosts applied.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct FoodMatch {
    pub food: Food,
    /// The food's name that was searched: in the searched language, or English when the table
    /// has no names in it (a custom food's one name).
    pub name: String,
    pub kind: MatchKind,
    pub favourite: bool,
    pub recent: bool,
}

/// The parsed table with its search index.
pub(crate) struct Table {
    pub(crate) foods: Vec<Food>,
    by_id: HashMap<String, usize>,
    pub(crate) index: search::Index,
}

impl Table {
    /// Parses a table text (the embedded one, or a test's) and indexes every language it has.
    fn parse(text: &str) -> std::result::Result<Table, String> {
        let (languages, foods) = parse_table(text)?;
        let by_id = foods.iter().enumerate().map(|(i, f)| (f.id.clone(), i)).collect();
        let index = search::Index::build(&languages, &foods);
        Ok(Table { foods, by_id, index })
    }

    /// [`search_foods_with`] over this table.
    fn search(
        &self,
        query: &str,
        language: &str,
        boosts: &SearchBoosts,
        limit: usize,
        custom: &[CustomFood],
    ) -> Result<Vec<FoodMatch>> {
        if query.chars().count() > 200 {
            return Err(GutskinError::invalid("query", "longer than 200 characters"));
        }
        let extra: Vec<(&str, &str)> = custom.iter().map(|c| (c.id.as_str(), c.name.as_str())).collect();
        let hits = self.index.search_with(query, language, boosts, limit, &extra);
        Ok(hits
            .into_iter()
            .map(|h| {
                let food = match h.food {
                    search::Source::Table(i) => self.foods[i].clone(),
                    search::Source::Extra(i) => custom[i].to_food(),
                };
                let name = food.name(language).to_string();
                FoodMatch { food, name, kind: h.kind, favourite: h.favourite, recent: h.recent }
            })
            .collect())
    }
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        // The table is a compile-time constant checked by the tests below, so a failure here is a
        // build defect, not a runtime condition.
        Table::parse(TABLE_TSV).expect("embedded core/data/foods.tsv is valid")
    })
}

/// Every food of the built-in table, ordered by id.
pub fn all_foods() -> &'static [Food] {
    &table().foods
}

/// The built-in food with this id, without copying it.
pub(crate) fn table_food(id: &str) -> Option<&'static Food> {
    let t = table();
    t.by_id.get(id).map(|&i| &t.foods[i])
}

/// The food with this id. `NotFound` if no built-in food has it.
pub fn food_by_id(id: &str) -> Result<Food> {
    if id.trim().is_empty() {
        return Err(GutskinError::invalid("food_id", "must not be empty"));
    }
    table_food(id).cloned().ok_or_else(|| GutskinError::not_found("food", id))
}

/// Find foods by name in `language`, a language tag: the names of that language, else of its base
/// language (`de-AT` searches German names), else English ones.
///
/// Every word of the query must match a word of the name: exactly, as a prefix, or (for words of
/// 4 or more letters) with one typo (two for 8 or more). Matches without a typo come first, and
/// among them favourites, then recent foods; then exact before prefix, names whose first word
/// matched, and shorter names; typo matches follow in the same order. An empty query gives no
/// results.
pub fn search_foods(query: &str, language: &str, boosts: &SearchBoosts, limit: usize) -> Result<Vec<FoodMatch>> {
    search_foods_with(query, language, boosts, limit, &[])
}

/// Like [`search_foods`], over the table and the user's `custom` foods together, ranked by the same
/// rules (a custom food's one name serves every language). On a full tie a custom food comes first.
pub fn search_foods_with(
    query: &str,
    language: &str,
    boosts: &SearchBoosts,
    limit: usize,
    custom: &[CustomFood],
) -> Result<Vec<FoodMatch>> {
    table().search(query, language, boosts, limit, custom)
}

// ---------------------------------------------------------------------------------------------
// Parsing

/// Parses a table text into its languages (English first, then in column order) and its foods,
/// whose names come in the same order.
fn parse_table(text: &str) -> std::result::Result<(Vec<String>, Vec<Food>), String> {
    let mut lines = text.lines();
    let magic = lines.next().ok_or("empty table")?;
    if magic != "#gutskin-foods\tv1" {
        return Err(format!("unknown table format {magic:?}"));
    }
    let header: Vec<&str> = lines.next().ok_or("no header")?.split('\t').collect();
    // (language, column) of every name column, English first
    let mut name_columns: Vec<(&str, usize)> = Vec::new();
    for (i, column) in header.iter().enumerate() {
        let Some(code) = column.strip_prefix(NAME_PREFIX) else { continue };
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
            return Err(format!("column {column:?}: not a language code"));
        }
        if name_columns.iter().any(|(c, _)| *c == code) {
            return Err(format!("column {column:?} twice"));
        }
        name_columns.push((code, i));
    }
    let english = name_columns.iter().position(|(c, _)| *c == ENGLISH).ok_or("no name_en column")?;
    let en = name_columns.remove(english);
    name_columns.insert(0, en);
    let others: Vec<&str> = header.iter().copied().filter(|c| !c.starts_with(NAME_PREFIX)).collect();
    if others != COLUMNS {
        return Err(format!("unexpected columns {header:?}"));
    }
    let languages: Vec<String> = name_columns.iter().map(|(c, _)| c.to_string()).collect();
    let mut foods = Vec::with_capacity(1400);
    let mut values = Vec::with_capacity(COLUMNS.len());
    for (n, line) in lines.enumerate() {
        let row = n + 3;
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != header.len() {
            return Err(format!("line {row}: {} columns", cols.len()));
        }
        let mut names = Vec::with_capacity(name_columns.len());
        for &(language, i) in &name_columns {
            if cols[i].is_empty() {
                return Err(format!("line {row}: no name in {NAME_PREFIX}{language}"));
            }
            names.push(FoodName { language: language.to_string(), name: cols[i].to_string() });
        }
        values.clear();
        values.extend(header.iter().zip(&cols).filter(|(h, _)| !h.starts_with(NAME_PREFIX)).map(|(_, c)| *c));
        foods.push(parse_row(&values, names).map_err(|e| format!("line {row}: {e}"))?);
    }
    Ok((languages, foods))
}

fn opt_num(s: &str, what: &str) -> std::result::Result<Option<f64>, String> {
    if s.is_empty() {
        return Ok(None);
    }
    let v: f64 = s.parse().map_err(|_| format!("{what}: not a number: {s:?}"))?;
    if !v.is_finite() || v < 0.0 {
        return Err(format!("{what}: out of range: {v}"));
    }
    Ok(Some(v))
}

fn flag(s: &str, what: &str) -> std::result::Result<bool, String> {
    match s {
        "0" => Ok(false),
        "1" => Ok(true),
        _ => Err(format!("{what}: not 0 or 1: {s:?}")),
    }
}

fn non_empty(s: &str) -> Option<String> {
    if s.is_empty() { None } else { Some(s.to_string()) }
}

/// A row's cells of [`COLUMNS`], in that order, and its names.
fn parse_row(c: &[&str], names: Vec<FoodName>) -> std::result::Result<Food, String> {
    let fermented = match c[13] {
        "none" => Fermentation::None,
        "live" => Fermentation::LiveCultures,
        "inactive" => Fermentation::Inactivated,
        other => return Err(format!("fermented: {other:?}")),
    };
    let nova: u8 = c[17].parse().map_err(|_| format!("nova: {:?}", c[17]))?;
    if !(1..=4).contains(&nova) {
        return Err(format!("nova out of range: {nova}"));
    }
    let gi = if c[19].is_empty() { None } else { Some(c[19].parse::<u8>().map_err(|_| format!("gi: {:?}", c[19]))?) };
    let mut portions = Vec::new();
    for p in c[21].split('|').filter(|p| !p.is_empty()) {
        let (name, grams) = p.rsplit_once('=').ok_or_else(|| format!("portion {p:?}"))?;
        let grams: f64 = grams.parse().map_err(|_| format!("portion grams {p:?}"))?;
        if !(grams > 0.0 && grams.is_finite()) {
            return Err(format!("portion grams {p:?}"));
        }
        portions.push(Portion { name: name.to_string(), grams });
    }
    Ok(Food {
        id: c[0].to_string(),
        names,
        group: FoodGroup::parse(c[1]).ok_or_else(|| format!("group {:?}", c[1]))?,
        per_100g: Nutrients {
            energy_kcal: opt_num(c[2], "kcal")?,
            carbohydrate_g: opt_num(c[3], "carb_g")?,
            sugars_g: opt_num(c[4], "sugars_g")?,
            fibre_g: opt_num(c[5], "fibre_g")?,
            fat_g: opt_num(c[6], "fat_g")?,
            saturated_fat_g: opt_num(c[7], "satfat_g")?,
            protein_g: opt_num(c[8], "protein_g")?,
            epa_dha_g: opt_num(c[9], "epa_dha_g")?,
            ala_g: opt_num(c[10], "ala_g")?,
            alcohol_g: opt_num(c[11], "alcohol_g")?,
        },
        omega3_rich: flag(c[12], "omega3_rich")?,
        fermented,
        probiotic: flag(c[14], "probiotic")?,
        prebiotic: flag(c[15], "prebiotic")?,
        dairy: flag(c[16], "dairy")?,
        nova,
        species: non_empty(c[18]),
        gi,
        gi_source: non_empty(c[20]),
        portions,
        source: c[22].to_string(),
        custom: false,
    })
}

#[cfg(test)]
mod tests;
