//! Saved meals ("my usual breakfast"): a named list of meal items the user logs again with one
//! tap. Stored and synced like entries; logging one creates an ordinary meal entry.

use serde::{Deserialize, Serialize};

use crate::model::{MealItem, MealKind};

/// What the app hands in to save (or to replace the fields of) a saved meal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct NewSavedMeal {
    /// 1-100 characters, one line.
    pub name: String,
    /// The meal it is logged as unless the caller says otherwise.
    pub meal: MealKind,
    /// 1-40 items, checked as a meal's.
    pub items: Vec<MealItem>,
    /// Tags the logged meal gets (normalised as an entry's).
    #[serde(default)]
    pub tags: Vec<String>,
}

/// A stored saved meal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]
pub struct SavedMeal {
    /// A UUIDv7 string made by the device that saved it.
    pub id: String,
    pub name: String,
    pub meal: MealKind,
    pub items: Vec<MealItem>,
    #[serde(default)]
    pub tags: Vec<String>,
    #[serde(default)]
    pub deleted: bool,
}

impl SavedMeal {
    pub fn from_new(id: String, meal: NewSavedMeal, deleted: bool) -> SavedMeal {
        SavedMeal { id, name: meal.name, meal: meal.meal, items: meal.items, tags: meal.tags, deleted }
    }

    /// Its fields as an input, e.g. to edit a copy and hand it back.
    pub fn to_new(&self) -> NewSavedMeal {
        NewSavedMeal { name: self.name.clone(), meal: self.meal, items: self.items.clone(), tags: self.tags.clone() }
    }
}
