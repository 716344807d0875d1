//! Foods, custom foods, saved meals, totals and photos, forwarded to the core's `Diary`. Screens get
//! what they show in one call: a search's hits with their foods, a day's intake inside `today`, a
//! photo timeline with its check-ins.

use std::time::SystemTime;

use gutskin_core::foods::SearchBoosts;
use gutskin_core::{
    BodyArea, CustomFood, Entry, Food, FoodMatch, FoodSuggestion, GutskinError, ImageLabel, Intake, MealItem, MealKind,
    NewCustomFood, NewPhoto, NewSavedMeal, Photo, SavedMeal, TimelinePhoto,
};

use crate::Diary;

#[uniffi::export]
impl Diary {
    /// Foods of the table and the user's own, ranked with the user's recent and most-used foods
    /// first among comparable matches. `language` is a language tag ("de-DE" searches German names).
    pub fn search_foods(&self, query: String, language: String, limit: u32) -> Result<Vec<FoodMatch>, GutskinError> {
        self.inner.search_foods(&query, &language, limit as usize)
    }

    /// A food of the table (its slug) or one of the user's own (its id), with everything about it.
    pub fn food(&self, id: String) -> Result<Food, GutskinError> {
        self.inner.food(&id)
    }

    /// The user's recent and most-used food ids (for a "recent" list before anything is typed).
    pub fn food_boosts(&self) -> Result<SearchBoosts, GutskinError> {
        self.inner.food_boosts()
    }

    pub fn add_custom_food(&self, food: NewCustomFood) -> Result<CustomFood, GutskinError> {
        self.inner.add_custom_food(food)
    }

    /// Replaces a custom food's fields; the meals that use it count its new values.
    pub fn update_custom_food(&self, id: String, food: NewCustomFood) -> Result<CustomFood, GutskinError> {
        self.inner.update_custom_food(&id, food)
    }

    /// Marks a custom food deleted: it leaves search; meals logged with it keep counting it.
    pub fn delete_custom_food(&self, id: String) -> Result<CustomFood, GutskinError> {
        self.inner.delete_custom_food(&id)
    }

    pub fn undelete_custom_food(&self, id: String) -> Result<CustomFood, GutskinError> {
        self.inner.undelete_custom_food(&id)
    }

    pub fn custom_foods(&self, include_deleted: bool) -> Result<Vec<CustomFood>, GutskinError> {
        self.inner.custom_foods(include_deleted)
    }

    /// Saves a named list of meal items ("my usual breakfast").
    pub fn save_meal(&self, meal: NewSavedMeal) -> Result<SavedMeal, GutskinError> {
        self.inner.save_meal(meal)
    }

    pub fn update_saved_meal(&self, id: String, meal: NewSavedMeal) -> Result<SavedMeal, GutskinError> {
        self.inner.update_saved_meal(&id, meal)
    }

    pub fn delete_saved_meal(&self, id: String) -> Result<SavedMeal, GutskinError> {
        self.inner.delete_saved_meal(&id)
    }

    /// The saved meals by name.
    pub fn saved_meals(&self) -> Result<Vec<SavedMeal>, GutskinError> {
        self.inner.saved_meals()
    }

    /// Logs a saved meal as a new meal entry (as `meal` if given, else as the saved one's kind).
    pub fn log_saved_meal(
        &self,
        id: String,
        occurred_at: SystemTime,
        time_zone: String,
        meal: Option<MealKind>,
    ) -> Result<Entry, GutskinError> {
        self.inner.log_saved_meal(&id, occurred_at, &time_zone, meal)
    }

    /// Adds items to a logged meal: how chosen photo suggestions (their `item`s) are confirmed.
    pub fn add_meal_items(&self, entry_id: String, items: Vec<MealItem>) -> Result<Entry, GutskinError> {
        self.inner.add_meal_items(&entry_id, items)
    }

    /// What these items add up to, e.g. while a meal is being put together (nothing is written).
    pub fn meal_intake(&self, items: Vec<MealItem>) -> Result<Intake, GutskinError> {
        self.inner.meal_intake(&items)
    }

    /// The foods a photo's on-device labels (ML Kit, Apple Vision) suggest, most confident first.
    pub fn food_suggestions(&self, labels: Vec<ImageLabel>, limit: u32) -> Result<Vec<FoodSuggestion>, GutskinError> {
        self.inner.food_suggestions(&labels, limit as usize)
    }

    /// Attaches the image file at `photo.path` (hashed and checked; the file stays where it is).
    pub fn attach_photo(&self, photo: NewPhoto) -> Result<Photo, GutskinError> {
        self.inner.attach_photo(photo)
    }

    pub fn photo(&self, id: String) -> Result<Photo, GutskinError> {
        self.inner.photo(&id)
    }

    pub fn tag_photo(&self, id: String, tags: Vec<String>) -> Result<Photo, GutskinError> {
        self.inner.tag_photo(&id, tags)
    }

    pub fn untag_photo(&self, id: String, tags: Vec<String>) -> Result<Photo, GutskinError> {
        self.inner.untag_photo(&id, tags)
    }

    /// Marks a photo deleted (its metadata is kept; the file is the app's to remove).
    pub fn delete_photo(&self, id: String) -> Result<Photo, GutskinError> {
        self.inner.delete_photo(&id)
    }

    pub fn undelete_photo(&self, id: String) -> Result<Photo, GutskinError> {
        self.inner.undelete_photo(&id)
    }

    /// The photos of a meal or a skin check-in, oldest first.
    pub fn photos_of_entry(&self, entry_id: String) -> Result<Vec<Photo>, GutskinError> {
        self.inner.photos_of_entry(&entry_id)
    }

    /// The photos of one skin area, oldest first, each with its (or the nearest) skin check-in.
    pub fn photo_timeline(&self, area: BodyArea) -> Result<Vec<TimelinePhoto>, GutskinError> {
        self.inner.photo_timeline(area)
    }
}
