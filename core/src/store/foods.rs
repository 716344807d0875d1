//! Custom foods and saved meals in SQL, and what the meals say about the user's foods (recent and
//! most-used ones, for search).

use std::collections::HashMap;

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row};
use uuid::Uuid;

use super::entries::{enum_text, from_enum_text, from_json, int, json, text};
use super::rows::Fields;
use super::{Store, Table, Write};
use crate::error::Result;
use crate::foods::{CustomFood, NewCustomFood, Nutrients, Portion};
use crate::meals::{NewSavedMeal, SavedMeal};
use crate::model::MealItem;

/// The columns a read selects, in the order `custom_food_from_row` reads them.
const SELECT_CUSTOM_FOOD: &str = "SELECT id, name, food_group, energy_kcal, carbohydrate_g, sugars_g, fibre_g, fat_g,
    saturated_fat_g, protein_g, epa_dha_g, ala_g, alcohol_g, fermented, probiotic, prebiotic, dairy, nova, species,
    gi, portions, deleted FROM custom_foods";

const SELECT_SAVED_MEAL: &str = "SELECT id, name, meal_kind, items, tags, deleted FROM saved_meals";

/// How many of the latest meals with foods the boosts look at.
const USAGE_MEALS: usize = 200;
/// Recent foods: those of the latest this many meals with foods.
pub(crate) const RECENT_MEALS: usize = 20;
/// Most-used foods ("favourites"): at most this many, each used at least `FAVOURITE_MIN_USES` times
/// in the latest `USAGE_MEALS` meals with foods.
pub(crate) const MAX_FAVOURITES: usize = 10;
pub(crate) const FAVOURITE_MIN_USES: u32 = 3;

fn real(value: Option<f64>) -> Value {
    value.map_or(Value::Null, Value::Real)
}

fn custom_food_fields(food: &NewCustomFood) -> Result<Fields> {
    let n = &food.per_100g;
    Ok(vec![
        ("name", Value::Text(food.name.clone())),
        ("food_group", enum_text(&food.group)?),
        ("energy_kcal", real(n.energy_kcal)),
        ("carbohydrate_g", real(n.carbohydrate_g)),
        ("sugars_g", real(n.sugars_g)),
        ("fibre_g", real(n.fibre_g)),
        ("fat_g", real(n.fat_g)),
        ("saturated_fat_g", real(n.saturated_fat_g)),
        ("protein_g", real(n.protein_g)),
        ("epa_dha_g", real(n.epa_dha_g)),
        ("ala_g", real(n.ala_g)),
        ("alcohol_g", real(n.alcohol_g)),
        ("fermented", enum_text(&food.fermented)?),
        ("probiotic", Value::Integer(i64::from(food.probiotic))),
        ("prebiotic", Value::Integer(i64::from(food.prebiotic))),
        ("dairy", Value::Integer(i64::from(food.dairy))),
        ("nova", Value::Integer(i64::from(food.nova))),
        ("species", text(food.species.as_deref())),
        ("gi", int(food.gi)),
        ("portions", json(&food.portions)?),
    ])
}

fn custom_food_from_row(row: &Row<'_>) -> Result<CustomFood> {
    let id: Uuid = row.get(0)?;
    Ok(CustomFood {
        id: id.hyphenated().to_string(),
        name: row.get(1)?,
        group: from_enum_text(row, 2)?,
        per_100g: Nutrients {
            energy_kcal: row.get(3)?,
            carbohydrate_g: row.get(4)?,
            sugars_g: row.get(5)?,
            fibre_g: row.get(6)?,
            fat_g: row.get(7)?,
            saturated_fat_g: row.get(8)?,
            protein_g: row.get(9)?,
            epa_dha_g: row.get(10)?,
            ala_g: row.get(11)?,
            alcohol_g: row.get(12)?,
        },
        fermented: from_enum_text(row, 13)?,
        probiotic: row.get(14)?,
        prebiotic: row.get(15)?,
        dairy: row.get(16)?,
        nova: row.get(17)?,
        species: row.get(18)?,
        gi: row.get(19)?,
        portions: from_json(row, 20)?,
        deleted: row.get(21)?,
    })
}

pub(super) fn read_custom_food(conn: &Connection, id: Uuid) -> Result<Option<CustomFood>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT_CUSTOM_FOOD} WHERE id = ?1"))?;
    stmt.query_row([id], |row| Ok(custom_food_from_row(row))).optional()?.transpose()
}

/// Every custom food, deleted ones included, ordered by name then id.
pub(super) fn all_custom_foods(conn: &Connection) -> Result<Vec<CustomFood>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT_CUSTOM_FOOD} ORDER BY name, id"))?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        out.push(custom_food_from_row(row)?);
    }
    Ok(out)
}

fn saved_meal_fields(meal: &NewSavedMeal) -> Result<Fields> {
    Ok(vec![
        ("name", Value::Text(meal.name.clone())),
        ("meal_kind", enum_text(&meal.meal)?),
        ("items", json(&meal.items)?),
        ("tags", json(&meal.tags)?),
    ])
}

fn saved_meal_from_row(row: &Row<'_>) -> Result<SavedMeal> {
    let id: Uuid = row.get(0)?;
    Ok(SavedMeal {
        id: id.hyphenated().to_string(),
        name: row.get(1)?,
        meal: from_enum_text(row, 2)?,
        items: from_json(row, 3)?,
        tags: from_json(row, 4)?,
        deleted: row.get(5)?,
    })
}

pub(super) fn read_saved_meal(conn: &Connection, id: Uuid) -> Result<Option<SavedMeal>> {
    let mut stmt = conn.prepare_cached(&format!("{SELECT_SAVED_MEAL} WHERE id = ?1"))?;
    stmt.query_row([id], |row| Ok(saved_meal_from_row(row))).optional()?.transpose()
}

impl Write<'_> {
    /// Inserts a validated custom food. `deleted` is for imports of deleted ones.
    pub fn insert_custom_food(&mut self, id: Uuid, food: &NewCustomFood, deleted: bool) -> Result<()> {
        self.insert_row(Table::CustomFoods, id, &custom_food_fields(food)?, deleted)
    }

    /// Replaces the fields of a custom food, writing only those that changed. Meals that use it are
    /// counted again: their days' summaries are recomputed.
    pub fn update_custom_food(&mut self, id: Uuid, current: &CustomFood, food: &NewCustomFood) -> Result<bool> {
        let changed = self.update_row(
            Table::CustomFoods,
            id,
            &custom_food_fields(&current.to_new())?,
            &custom_food_fields(food)?,
        )?;
        if changed {
            self.touch_days_using_food(&id.hyphenated().to_string())?;
        }
        Ok(changed)
    }

    /// Marks a custom food deleted or not. Meals keep counting it either way.
    pub fn set_custom_food_deleted(&mut self, id: Uuid, deleted: bool) -> Result<bool> {
        self.set_row_deleted(Table::CustomFoods, id, deleted)
    }

    pub fn custom_food(&self, id: Uuid) -> Result<Option<CustomFood>> {
        read_custom_food(&self.tx, id)
    }

    /// The portions of a food of the table or of a custom food (deleted or not); `None` if no food
    /// has the id.
    pub fn food_portions(&self, id: &str) -> Result<Option<Vec<Portion>>> {
        if let Some(food) = crate::foods::table_food(id) {
            return Ok(Some(food.portions.clone()));
        }
        match Uuid::try_parse(id) {
            Ok(uuid) => Ok(self.custom_food(uuid)?.map(|c| c.portions)),
            Err(_) => Ok(None),
        }
    }

    /// Marks the days with (not deleted) meals that use food `food_id` for a summary refresh: call it
    /// whenever a custom food's values change.
    pub(crate) fn touch_days_using_food(&mut self, food_id: &str) -> Result<()> {
        let days = days_using_food(&self.tx, food_id)?;
        self.touched_days.extend(days);
        Ok(())
    }

    pub fn insert_saved_meal(&mut self, id: Uuid, meal: &NewSavedMeal, deleted: bool) -> Result<()> {
        self.insert_row(Table::SavedMeals, id, &saved_meal_fields(meal)?, deleted)
    }

    pub fn update_saved_meal(&mut self, id: Uuid, current: &SavedMeal, meal: &NewSavedMeal) -> Result<bool> {
        self.update_row(Table::SavedMeals, id, &saved_meal_fields(&current.to_new())?, &saved_meal_fields(meal)?)
    }

    pub fn set_saved_meal_deleted(&mut self, id: Uuid, deleted: bool) -> Result<bool> {
        self.set_row_deleted(Table::SavedMeals, id, deleted)
    }

    pub fn saved_meal(&self, id: Uuid) -> Result<Option<SavedMeal>> {
        read_saved_meal(&self.tx, id)
    }

    pub fn custom_food_exists(&self, id: Uuid) -> Result<bool> {
        self.row_exists(Table::CustomFoods, id)
    }

    pub fn saved_meal_exists(&self, id: Uuid) -> Result<bool> {
        self.row_exists(Table::SavedMeals, id)
    }
}

/// The user's foods as search boosts see them.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FoodUsage {
    /// Foods of the latest meals, most recent first.
    pub recent: Vec<String>,
    /// The most-used foods, most used first.
    pub most_used: Vec<String>,
}

impl Store {
    pub fn custom_food(&self, id: Uuid) -> Result<Option<CustomFood>> {
        read_custom_food(&self.conn, id)
    }

    /// Custom foods ordered by name, deleted ones only if asked for.
    pub fn custom_foods(&self, include_deleted: bool) -> Result<Vec<CustomFood>> {
        let mut all = all_custom_foods(&self.conn)?;
        all.retain(|f| include_deleted || !f.deleted);
        Ok(all)
    }

    pub fn saved_meal(&self, id: Uuid) -> Result<Option<SavedMeal>> {
        read_saved_meal(&self.conn, id)
    }

    /// Saved meals ordered by name, deleted ones only if asked for.
    pub fn saved_meals(&self, include_deleted: bool) -> Result<Vec<SavedMeal>> {
        let mut stmt = self.conn.prepare_cached(&format!(
            "{SELECT_SAVED_MEAL} WHERE (?1 OR deleted = 0) ORDER BY name COLLATE NOCASE, id"
        ))?;
        let mut rows = stmt.query([include_deleted])?;
        let mut out = Vec::new();
        while let Some(row) = rows.next()? {
            out.push(saved_meal_from_row(row)?);
        }
        Ok(out)
    }

    /// Recent and most-used foods, from the latest meals that name foods (newest first: the
    /// entries' clustering makes this a backward range scan).
    pub fn food_usage(&self) -> Result<FoodUsage> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT items FROM entries
             WHERE kind = 'meal' AND deleted = 0 AND instr(items, '\"type\":\"food\"') > 0
             ORDER BY local_day DESC, occurred_at DESC LIMIT ?1",
        )?;
        let mut rows = stmt.query([USAGE_MEALS as i64])?;
        let mut usage = FoodUsage::default();
        // id -> (uses, first seen at, newest first)
        let mut counts: HashMap<String, (u32, usize)> = HashMap::new();
        let mut meal = 0usize;
        while let Some(row) = rows.next()? {
            let items: Vec<MealItem> = from_json(row, 0)?;
            for item in items {
                let MealItem::Food { food_id, .. } = item else { continue };
                if meal < RECENT_MEALS && !usage.recent.contains(&food_id) {
                    usage.recent.push(food_id.clone());
                }
                let seen = counts.len();
                counts.entry(food_id).or_insert((0, seen)).0 += 1;
            }
            meal += 1;
        }
        let mut used: Vec<(String, (u32, usize))> =
            counts.into_iter().filter(|(_, (uses, _))| *uses >= FAVOURITE_MIN_USES).collect();
        used.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.1.1.cmp(&b.1.1)));
        usage.most_used = used.into_iter().take(MAX_FAVOURITES).map(|(id, _)| id).collect();
        Ok(usage)
    }
}

/// The local days with (not deleted) meals that use food `food_id`: their intake totals change with
/// the food's values, locally or through a sync.
pub(super) fn days_using_food(conn: &rusqlite::Connection, food_id: &str) -> Result<Vec<i64>> {
    let needle = format!("\"food_id\":{}", serde_json::to_string(food_id)?);
    let mut stmt = conn.prepare_cached(
        "SELECT DISTINCT local_day FROM entries WHERE kind = 'meal' AND deleted = 0 AND instr(items, ?1) > 0",
    )?;
    let days = stmt.query_map([needle], |r| r.get::<_, i64>(0))?.collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(days)
}
