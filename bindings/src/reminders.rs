//! Reminders, forwarded to the core's `Diary`: the synced records, this device's pause, snoozes
//! and notification events, and the plan the app hands to its notification scheduler (see
//! docs/reminders.md: re-plan after every change, sync, zone change, delivery and tap).

use std::time::{Duration, SystemTime};

use gutskin_core::GutskinError;
use gutskin_core::reminders::{NewReminder, Plan, PlanContext, PlanNote, Reminder};

use crate::Diary;

#[uniffi::export]
impl Diary {
    /// Adds a reminder; a bad one is `InvalidInput` naming the field (`schedule.weekdays`) and
    /// nothing is written.
    pub fn add_reminder(&self, reminder: NewReminder) -> Result<Reminder, GutskinError> {
        self.inner.add_reminder(reminder)
    }

    /// Replaces a reminder's fields; only changed fields are written and synced.
    pub fn update_reminder(&self, id: String, reminder: NewReminder) -> Result<Reminder, GutskinError> {
        self.inner.update_reminder(&id, reminder)
    }

    /// Marks a reminder deleted: no longer planned (undo with `undelete_reminder`).
    pub fn delete_reminder(&self, id: String) -> Result<Reminder, GutskinError> {
        self.inner.delete_reminder(&id)
    }

    pub fn undelete_reminder(&self, id: String) -> Result<Reminder, GutskinError> {
        self.inner.undelete_reminder(&id)
    }

    pub fn reminder(&self, id: String) -> Result<Reminder, GutskinError> {
        self.inner.reminder(&id)
    }

    /// The reminders in the order they were added.
    pub fn reminders(&self, include_deleted: bool) -> Result<Vec<Reminder>, GutskinError> {
        self.inner.reminders(include_deleted)
    }

    /// Pauses every reminder on this device (not synced) until `until`, at most 366 days ahead.
    pub fn pause_reminders(&self, until: SystemTime) -> Result<(), GutskinError> {
        self.inner.pause_reminders(until)
    }

    pub fn resume_reminders(&self) -> Result<(), GutskinError> {
        self.inner.resume_reminders()
    }

    /// Until when reminders are paused on this device; null when they are not.
    pub fn reminders_paused_until(&self) -> Result<Option<SystemTime>, GutskinError> {
        self.inner.reminders_paused_until()
    }

    /// Moves one planned notification `minutes` (1-1440) later, from its time or from now if later.
    pub fn snooze_notification(&self, notification_id: String, minutes: u32) -> Result<(), GutskinError> {
        self.inner.snooze_notification(&notification_id, minutes)
    }

    /// The phone showed a planned notification (feeds back-off).
    pub fn notification_delivered(&self, notification_id: String, at: SystemTime) -> Result<(), GutskinError> {
        self.inner.notification_delivered(&notification_id, at)
    }

    /// The user tapped a notification or one of its actions.
    pub fn notification_acted_on(&self, notification_id: String, at: SystemTime) -> Result<(), GutskinError> {
        self.inner.notification_acted_on(&notification_id, at)
    }

    /// The notifications to schedule after `from`, over `horizon_days` (1-366), at most `cap`
    /// (iOS: 64 pending at most), for a user now in `time_zone` (IANA). Read-only.
    pub fn plan_reminders(
        &self,
        from: SystemTime,
        horizon_days: u32,
        cap: u32,
        time_zone: String,
    ) -> Result<Plan, GutskinError> {
        if !(1..=366).contains(&horizon_days) {
            return Err(invalid("horizon_days", format!("must be 1-366, got {horizon_days}")));
        }
        if cap == 0 {
            return Err(invalid("cap", "must be at least 1"));
        }
        let horizon = Duration::from_secs(u64::from(horizon_days) * 24 * 3600);
        self.inner.plan_reminders(from, horizon, cap as usize, &time_zone)
    }
}

fn invalid(field: &str, reason: impl Into<String>) -> GutskinError {
    GutskinError::InvalidInput { field: field.into(), reason: reason.into() }
}

/// Checks a reminder as `add_reminder` would, writing nothing: for a form to show the first bad
/// field before saving.
#[uniffi::export]
pub fn validate_reminder(reminder: NewReminder) -> Result<(), GutskinError> {
    reminder.validate()
}

/// A plan's note as a sentence in `locale` (`de*` German, else English), instants in `time_zone`.
#[uniffi::export]
pub fn plan_note_text(note: PlanNote, time_zone: String, locale: String) -> String {
    note.text(&PlanContext::new(time_zone, locale))
}
