//! The diary's foods: search over the table and the user's custom foods, food details, custom
//! foods, saved meals, adding items to a meal (how label suggestions are confirmed), and totals.

use std::collections::BTreeSet;
use std::time::SystemTime;

use uuid::Uuid;

use super::{Diary, now_ms};
use crate::error::{GutskinError, Result};
use crate::foods::labels::{self, FoodSuggestion, ImageLabel};
use crate::foods::{self, CustomFood, Food, FoodMatch, NewCustomFood, SearchBoosts};
use crate::meals::{NewSavedMeal, SavedMeal};
use crate::model::{Entry, EntryDetails, MealItem, MealKind, NewEntry};
use crate::nutrition::{self, Intake, MealIntake};
use crate::store::{Store, Write, parse_id};
use crate::validate;

/// The most results one search returns.
pub const MAX_SEARCH_RESULTS: usize = 100;

impl Diary {
    /// Finds foods of the table and the user's (not deleted) custom foods by name, ranked as
    /// [`foods::search_foods`] ranks them, with the user's most-used foods ("favourites": used at
    /// least 3 times in the latest 200 meals with foods, at most 10) and recent foods (those of the
    /// latest 20 meals with foods) first among comparable matches. `language` is a language tag:
    /// the names of that language are searched, else of its base language ("de-AT" searches German
    /// names), else English ones. At most `limit` results (up to 100).
    pub fn search_foods(&self, query: &str, language: &str, limit: usize) -> Result<Vec<FoodMatch>> {
        let (boosts, custom) = {
            let store = self.store();
            (boosts_of(&store)?, store.custom_foods(false)?)
        };
        foods::search_foods_with(query, language, &boosts, limit.min(MAX_SEARCH_RESULTS), &custom)
    }

    /// The user's recent and most-used foods, as search ranks them (e.g. for a "recent" list).
    pub fn food_boosts(&self) -> Result<SearchBoosts> {
        boosts_of(&self.store())
    }

    /// A food of the table (by its slug) or a custom food (by its UUID, deleted or not).
    pub fn food(&self, id: &str) -> Result<Food> {
        let id = validate::food_id("id", id)?;
        if let Some(food) = foods::table_food(&id) {
            return Ok(food.clone());
        }
        let custom = match Uuid::try_parse(&id) {
            Ok(uuid) => self.store().custom_food(uuid)?,
            Err(_) => None,
        };
        custom.map(|c| c.to_food()).ok_or_else(|| GutskinError::not_found("food", id))
    }

    /// Adds one of the user's own foods; returns it as stored, with its new id.
    pub fn add_custom_food(&self, food: NewCustomFood) -> Result<CustomFood> {
        let food = validate::custom_food(&food)?;
        let id = Uuid::now_v7();
        self.store().write(now_ms(self.clock.now()), |w| {
            w.insert_custom_food(id, &food, false)?;
            w.custom_food(id)?.ok_or_else(|| GutskinError::not_found("custom food", id.hyphenated().to_string()))
        })
    }

    /// Replaces the fields of a custom food; only changed fields are written. The meals that use it
    /// count its new values (their days' summaries are recomputed).
    pub fn update_custom_food(&self, id: &str, food: NewCustomFood) -> Result<CustomFood> {
        let uuid = parse_id("id", id)?;
        let food = validate::custom_food(&food)?;
        self.store().write(now_ms(self.clock.now()), |w| {
            let current = w.custom_food(uuid)?.ok_or_else(|| GutskinError::not_found("custom food", id))?;
            w.update_custom_food(uuid, &current, &food)?;
            w.custom_food(uuid)?.ok_or_else(|| GutskinError::not_found("custom food", id))
        })
    }

    /// Marks a custom food deleted: it leaves search, and meals logged with it keep counting it.
    pub fn delete_custom_food(&self, id: &str) -> Result<CustomFood> {
        self.set_custom_food_deleted(id, true)
    }

    pub fn undelete_custom_food(&self, id: &str) -> Result<CustomFood> {
        self.set_custom_food_deleted(id, false)
    }

    fn set_custom_food_deleted(&self, id: &str, deleted: bool) -> Result<CustomFood> {
        let uuid = parse_id("id", id)?;
        self.store().write(now_ms(self.clock.now()), |w| {
            if !w.custom_food_exists(uuid)? {
                return Err(GutskinError::not_found("custom food", id));
            }
            w.set_custom_food_deleted(uuid, deleted)?;
            w.custom_food(uuid)?.ok_or_else(|| GutskinError::not_found("custom food", id))
        })
    }

    /// The user's custom foods by name; deleted ones only if asked for.
    pub fn custom_foods(&self, include_deleted: bool) -> Result<Vec<CustomFood>> {
        self.store().custom_foods(include_deleted)
    }

    /// Saves a named list of meal items ("my usual breakfast"); returns it as stored.
    pub fn save_meal(&self, meal: NewSavedMeal) -> Result<SavedMeal> {
        let meal = validate::saved_meal(&meal)?;
        let id = Uuid::now_v7();
        self.store().write(now_ms(self.clock.now()), |w| {
            check_items(w, &meal.items, "saved_meal.items", &[])?;
            w.insert_saved_meal(id, &meal, false)?;
            w.saved_meal(id)?.ok_or_else(|| GutskinError::not_found("saved meal", id.hyphenated().to_string()))
        })
    }

    /// Replaces the fields of a saved meal; only changed fields are written.
    pub fn update_saved_meal(&self, id: &str, meal: NewSavedMeal) -> Result<SavedMeal> {
        let uuid = parse_id("id", id)?;
        let meal = validate::saved_meal(&meal)?;
        self.store().write(now_ms(self.clock.now()), |w| {
            let current = w.saved_meal(uuid)?.ok_or_else(|| GutskinError::not_found("saved meal", id))?;
            check_items(w, &meal.items, "saved_meal.items", &current.items)?;
            w.update_saved_meal(uuid, &current, &meal)?;
            w.saved_meal(uuid)?.ok_or_else(|| GutskinError::not_found("saved meal", id))
        })
    }

    /// Marks a saved meal deleted (the meals logged from it stay).
    pub fn delete_saved_meal(&self, id: &str) -> Result<SavedMeal> {
        let uuid = parse_id("id", id)?;
        self.store().write(now_ms(self.clock.now()), |w| {
            if !w.saved_meal_exists(uuid)? {
                return Err(GutskinError::not_found("saved meal", id));
            }
            w.set_saved_meal_deleted(uuid, true)?;
            w.saved_meal(uuid)?.ok_or_else(|| GutskinError::not_found("saved meal", id))
        })
    }

    pub fn saved_meal(&self, id: &str) -> Result<SavedMeal> {
        let uuid = parse_id("id", id)?;
        self.store().saved_meal(uuid)?.ok_or_else(|| GutskinError::not_found("saved meal", id))
    }

    /// The saved meals by name (not deleted ones).
    pub fn saved_meals(&self) -> Result<Vec<SavedMeal>> {
        self.store().saved_meals(false)
    }

    /// Logs a saved meal as a new meal entry at `occurred_at` in `time_zone`, with the saved items and
    /// tags, as the saved meal's kind unless `meal` says otherwise. A deleted saved meal is refused.
    pub fn log_saved_meal(
        &self,
        id: &str,
        occurred_at: SystemTime,
        time_zone: &str,
        meal: Option<MealKind>,
    ) -> Result<Entry> {
        let saved = self.saved_meal(id)?;
        if saved.deleted {
            return Err(GutskinError::invalid("id", format!("the saved meal {id} was deleted")));
        }
        self.log_entry(NewEntry {
            occurred_at,
            time_zone: time_zone.to_string(),
            utc_offset_minutes: None,
            note: None,
            tags: saved.tags,
            details: EntryDetails::Meal { meal: meal.unwrap_or(saved.meal), items: saved.items },
        })
    }

    /// Adds items to a meal entry, after its own: how the app confirms label suggestions (hand in
    /// the chosen suggestions' `item`s, amounts changed as the user wishes). Only the new items are
    /// checked against the foods.
    pub fn add_meal_items(&self, entry_id: &str, items: Vec<MealItem>) -> Result<Entry> {
        let uuid = parse_id("entry_id", entry_id)?;
        if items.is_empty() {
            return Err(GutskinError::invalid("items", "give at least one item"));
        }
        let now = self.clock.now();
        self.store().write(now_ms(now), |w| {
            let current = w.entry(uuid)?.ok_or_else(|| GutskinError::not_found("entry", entry_id))?;
            let EntryDetails::Meal { meal, items: existing } = &current.details else {
                return Err(GutskinError::invalid(
                    "entry_id",
                    format!("{entry_id} is a {} entry, not a meal", current.kind().as_str()),
                ));
            };
            let mut edited = current.to_new_entry();
            edited.details = EntryDetails::Meal { meal: *meal, items: existing.iter().cloned().chain(items).collect() };
            let edited = validate::new_entry(&edited, now)?;
            check_entry_foods(w, &edited.details, "", Some(&current.details))?;
            w.update_entry(uuid, &current, &edited)?;
            w.entry(uuid)?.ok_or_else(|| GutskinError::not_found("entry", entry_id))
        })
    }

    /// What these items add up to (a meal being put together, say), with the user's custom foods.
    /// The items are checked as a meal's are (a NaN or negative amount is `InvalidInput` on
    /// `items[i]...`), not against the foods: unknown foods and portions count as unknown items.
    /// Nothing is written.
    pub fn meal_intake(&self, items: &[MealItem]) -> Result<Intake> {
        let items = validate::meal_items("items", items)?;
        let custom = if needs_custom(items.iter()) { self.store().custom_foods(true)? } else { Vec::new() };
        Ok(nutrition::meal_intake(&items, &custom))
    }

    /// The foods a photo's on-device labels suggest (see [`labels::suggest_foods`]), the user's
    /// recent and most-used foods first among equally confident ones; at most `limit`.
    pub fn food_suggestions(&self, labels: &[ImageLabel], limit: usize) -> Result<Vec<FoodSuggestion>> {
        let boosts = boosts_of(&self.store())?;
        Ok(labels::suggest_foods(labels, &boosts, limit.min(MAX_SEARCH_RESULTS)))
    }
}

fn boosts_of(store: &Store) -> Result<SearchBoosts> {
    let usage = store.food_usage()?;
    Ok(SearchBoosts { recent_ids: usage.recent, favourite_ids: usage.most_used })
}

/// Whether some item names a food that is not in the table (a custom food, or an unknown one).
fn needs_custom<'a>(mut items: impl Iterator<Item = &'a MealItem>) -> bool {
    items.any(|item| matches!(item, MealItem::Food { food_id, .. } if foods::table_food(food_id).is_none()))
}

/// Checks the food items of `items` against the foods (those also in `kept` are not checked).
fn check_items(w: &Write<'_>, items: &[MealItem], field: &str, kept: &[MealItem]) -> Result<()> {
    nutrition::check_food_items(items, field, |id| w.food_portions(id), |item| kept.contains(item))
}

/// Checks the food items of a meal entry's details; `prefix` goes before the field in errors and
/// `current` is the entry as stored, whose items are not checked again.
pub(super) fn check_entry_foods(
    w: &Write<'_>,
    details: &EntryDetails,
    prefix: &str,
    current: Option<&EntryDetails>,
) -> Result<()> {
    let EntryDetails::Meal { items, .. } = details else { return Ok(()) };
    let kept: &[MealItem] = match current {
        Some(EntryDetails::Meal { items, .. }) => items,
        _ => &[],
    };
    check_items(w, items, "meal.items", kept).map_err(|e| e.with_field_prefix(prefix))
}

/// Each meal's intake, and the foods the meals refer to (each once, by id).
pub(super) fn meals_of(store: &Store, entries: &[Entry]) -> Result<(Vec<MealIntake>, Vec<Food>)> {
    let meal_items = || {
        entries.iter().filter_map(|e| match &e.details {
            EntryDetails::Meal { items, .. } => Some(items.iter()),
            _ => None,
        })
    };
    let custom = if needs_custom(meal_items().flatten()) { store.custom_foods(true)? } else { Vec::new() };
    let mut intakes = Vec::new();
    let mut ids: BTreeSet<&str> = BTreeSet::new();
    for entry in entries {
        let EntryDetails::Meal { meal, items } = &entry.details else { continue };
        intakes.push(MealIntake {
            entry_id: entry.id.clone(),
            meal: *meal,
            intake: nutrition::meal_intake(items, &custom),
        });
        ids.extend(items.iter().filter_map(|item| match item {
            MealItem::Food { food_id, .. } => Some(food_id.as_str()),
            MealItem::FreeText { .. } => None,
        }));
    }
    let foods = ids
        .into_iter()
        .filter_map(|id| {
            foods::table_food(id).cloned().or_else(|| custom.iter().find(|c| c.id == id).map(CustomFood::to_food))
        })
        .collect();
    Ok((intakes, foods))
}
