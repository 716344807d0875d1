//! Gutskin core: the diary model, its sync-ready SQLite store, and everything the phone apps
//! and the `gutskin` command share.
//!
//! Start at [`Diary`]: open a file (or an in-memory diary), log [`NewEntry`] values, read days,
//! ranges and [`DaySummary`] series back. Every failure is a [`GutskinError`].

#[cfg(feature = "uniffi")]
uniffi::setup_scaffolding!();

pub mod demo;
mod diary;
mod error;
mod export;
pub mod foods;
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub mod fuzzing;
pub mod guidance;
pub mod insights;
pub mod meals;
pub mod model;
pub mod nutrition;
pub mod photos;
pub mod privacy;
pub mod reminders;
#[cfg(feature = "report")]
mod report;
pub mod scales;
mod store;
pub mod sync;
pub mod time;
pub mod validate;

pub use diary::{Clock, Diary, LocalPhotoFiles, MAX_SUMMARY_DAYS, SystemClock};
pub use error::{EncryptionFailure, GutskinError, Result, SyncFailure};
pub use export::{FORMAT_NAME, FORMAT_VERSION};
pub use foods::labels::{FoodSuggestion, ImageLabel};
pub use foods::{CustomFood, Food, FoodMatch, NewCustomFood};
pub use meals::{NewSavedMeal, SavedMeal};
pub use model::*;
pub use nutrition::{Intake, MealIntake, Total};
pub use photos::{ImageFormat, NearbyCheckIn, NewPhoto, Photo, PhotoSubject, TimelinePhoto};
pub use privacy::{BackupInfo, BackupSecret, DiaryFile, DiaryKey, RestoreReport, WipeReport, diary_file, wipe_files};
pub use store::SCHEMA_VERSION;
