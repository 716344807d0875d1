//! Helpers shared by the core's integration tests.
#![allow(dead_code)]

use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

use gutskin_core::time::rfc3339;
use gutskin_core::*;

/// A clock the test moves by hand.
pub struct TestClock(Mutex<SystemTime>);

impl TestClock {
    pub fn at(instant: &str) -> Arc<TestClock> {
        Arc::new(TestClock(Mutex::new(rfc3339::parse(instant).unwrap())))
    }
    pub fn advance(&self, by: Duration) {
        *self.0.lock().unwrap() += by;
    }
}

impl Clock for TestClock {
    fn now(&self) -> SystemTime {
        *self.0.lock().unwrap()
    }
}

pub fn instant(text: &str) -> SystemTime {
    rfc3339::parse(text).unwrap()
}

/// An in-memory diary whose clock reads 2026-11-25T20:00:00Z.
pub fn diary() -> Diary {
    Diary::open_with_clock(None, TestClock::at("2026-11-25T20:00:00Z")).unwrap()
}

pub fn new_entry(at: &str, details: EntryDetails) -> NewEntry {
    NewEntry {
        occurred_at: instant(at),
        time_zone: "Europe/Berlin".into(),
        utc_offset_minutes: None,
        note: None,
        tags: vec![],
        details,
    }
}

pub fn stress(at: &str, level: u8) -> NewEntry {
    new_entry(at, EntryDetails::Stress { level })
}

pub fn skin(at: &str, condition: Condition, severity: u8, itch: Option<u8>) -> NewEntry {
    new_entry(
        at,
        EntryDetails::SkinCheckIn {
            ratings: vec![SkinRating { condition, severity, itch, areas: vec![BodyArea::Face] }],
            poem: None,
        },
    )
}

pub fn meal(at: &str, meal: MealKind, items: &[&str]) -> NewEntry {
    new_entry(
        at,
        EntryDetails::Meal { meal, items: items.iter().map(|t| MealItem::FreeText { text: t.to_string() }).collect() },
    )
}

/// Every entry of the diary, deleted ones included, via the export (the whole-diary read).
pub fn all_entries(diary: &Diary) -> Vec<Entry> {
    diary.entries_between("2000-01-01", "2100-01-01", None, true).unwrap()
}
