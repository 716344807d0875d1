import Foundation
import GutskinCore

/// The reminder calls of the core (docs/reminders.md), off the caller's thread like every other call.
/// `ReminderScheduler` turns the plan into scheduled notifications.
extension DiaryClient {
    /// Adds a reminder; a bad one is `InvalidInput` naming the field, and nothing is written.
    public func addReminder(_ reminder: NewReminder) async throws -> Reminder {
        try await perform { try $0.addReminder(reminder: reminder) }
    }

    public func updateReminder(id: String, with reminder: NewReminder) async throws -> Reminder {
        try await perform { try $0.updateReminder(id: id, reminder: reminder) }
    }

    /// Marks the reminder deleted (no longer planned); `undeleteReminder` brings it back.
    public func deleteReminder(id: String) async throws -> Reminder {
        try await perform { try $0.deleteReminder(id: id) }
    }

    public func undeleteReminder(id: String) async throws -> Reminder {
        try await perform { try $0.undeleteReminder(id: id) }
    }

    /// The reminders in the order they were added.
    public func reminders(includeDeleted: Bool = false) async throws -> [Reminder] {
        try await perform { try $0.reminders(includeDeleted: includeDeleted) }
    }

    /// Pauses every reminder on this device (not synced) until `until`, at most 366 days ahead.
    public func pauseReminders(until: Date) async throws {
        try await perform { try $0.pauseReminders(until: until) }
    }

    public func resumeReminders() async throws {
        try await perform { try $0.resumeReminders() }
    }

    /// The notifications to schedule after `from`, over `horizonDays` (1-366), at most `cap`, for a user
    /// now in `timeZone`. Read-only.
    public func planReminders(from: Date, horizonDays: Int, cap: Int, timeZone: TimeZone) async throws -> Plan {
        let days = try Scale.uint32(horizonDays, field: "horizon_days")
        let most = try Scale.uint32(cap, field: "cap")
        return try await perform {
            try $0.planReminders(from: from, horizonDays: days, cap: most, timeZone: timeZone.identifier)
        }
    }

    /// Moves one planned notification `minutes` (1-1440) later; this device only. Re-plan afterwards.
    public func snoozeNotification(id: String, minutes: Int) async throws {
        let m = try Scale.uint32(minutes, field: "minutes")
        try await perform { try $0.snoozeNotification(notificationId: id, minutes: m) }
    }

    /// The phone showed a planned notification at `at` (feeds back-off); this device only.
    public func notificationDelivered(id: String, at: Date) async throws {
        try await perform { try $0.notificationDelivered(notificationId: id, at: at) }
    }

    /// The user tapped a notification or one of its actions at `at`; drops its snooze.
    public func notificationActedOn(id: String, at: Date) async throws {
        try await perform { try $0.notificationActedOn(notificationId: id, at: at) }
    }
}
