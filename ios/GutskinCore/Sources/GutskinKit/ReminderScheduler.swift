import Foundation
import GutskinCore

/// What the phone's notification center must offer `ReminderScheduler`. The app implements it over
/// `UNUserNotificationCenter` (GutskinApp's `UserNotificationScheduler`); tests use a fake. Only Gutskin's
/// own notifications are involved.
public protocol NotificationScheduler: Sendable {
    /// Gutskin's notifications scheduled and not yet delivered, as they were handed to `schedule` (the
    /// adapter keeps the record's fields in the request's `userInfo`).
    func pending() async throws -> [PlannedNotification]
    /// Schedules `notification` at its `fireAt`, replacing a pending one with the same id.
    func schedule(_ notification: PlannedNotification) async throws
    /// Removes the pending notifications `ids`; ids not pending are ignored.
    func cancel(_ ids: [String]) async throws
}

/// What one reconcile did: the plan it followed and the changes it made on the phone.
public struct Rescheduled: Equatable, Sendable {
    /// The core's plan (from now minus the grace), with its notes (paused, backed off, capped...).
    public let plan: Plan
    /// Handed to the phone: new occurrences, and those whose time, title or body changed.
    public let scheduled: [PlannedNotification]
    /// Pending ids no longer in the plan (deleted, edited, logged, paused...).
    public let cancelled: [String]
    /// Pending ones the plan still wants exactly as they are: left alone.
    public let unchanged: Int
    /// The zone the plan was made for.
    public let timeZone: TimeZone

    public var changed: Bool { !scheduled.isEmpty || !cancelled.isEmpty }

    /// The plan's notes as sentences for the app's screens (`de*` German, else English).
    public func noteTexts(locale: Locale = .current) -> [String] {
        plan.notes.map { planNoteText(note: $0, timeZone: timeZone.identifier, locale: locale.identifier) }
    }
}

/// The core plans, the phone schedules (docs/reminders.md, "In the apps"): re-plans the reminders and
/// reconciles what the phone has pending with the plan. It removes pending ids the plan no longer holds,
/// schedules new occurrences and those whose fire time, title or body changed, and leaves the rest alone,
/// so running it twice changes nothing the second time. Ids are stable per occurrence.
///
/// iOS keeps at most 64 pending local notifications per app (`pendingLimit`): the planner is asked for at
/// most 64 minus what the app keeps for other notifications (`reserved`, 4 by default: a cap of 60).
///
/// Call `reschedule()` when the scene becomes active, after a sync, on a significant time change (zone or
/// clock), after a write that may change the plan (a reminder edited, a meal logged), and from a background
/// refresh; `delivered`, `actedOn` and `snooze` record the event first. Reconciles run one at a time, in the
/// order they were asked for.
///
/// The planner takes the user's zone (`timeZone`, read at every reconcile); the notifications' language
/// comes from the profile's locale, not from the phone.
public actor ReminderScheduler {
    /// iOS's limit of pending local notifications per app.
    public static let pendingLimit = 64

    /// At most this many Gutskin notifications are pending at once.
    public nonisolated let cap: Int
    private let client: DiaryClient
    private let notifications: any NotificationScheduler
    private let horizonDays: Int
    private let grace: TimeInterval
    private let now: @Sendable () -> Date
    private let timeZone: @Sendable () -> TimeZone
    private var last: Task<Rescheduled, Error>?

    /// - Parameters:
    ///   - horizonDays: how far ahead to plan (1-366); the cap usually ends the plan first.
    ///   - reserved: pending notifications the app keeps for other purposes; the cap is 64 minus this.
    ///   - grace: a pending notification up to this long past its time is left to be delivered, not
    ///     removed as "no longer in the plan" (the plan starts at now minus the grace).
    public init(
        client: DiaryClient,
        notifications: any NotificationScheduler,
        horizonDays: Int = 14,
        reserved: Int = 4,
        grace: TimeInterval = 5 * 60,
        timeZone: @escaping @Sendable () -> TimeZone = { TimeZone.current },
        now: @escaping @Sendable () -> Date = { Date() }
    ) {
        precondition((1...366).contains(horizonDays), "horizonDays must be 1-366")
        precondition((0..<Self.pendingLimit).contains(reserved), "reserved must be 0-63")
        precondition(grace >= 0, "grace must not be negative")
        self.client = client
        self.notifications = notifications
        self.horizonDays = horizonDays
        cap = Self.pendingLimit - reserved
        self.grace = grace
        self.timeZone = timeZone
        self.now = now
    }

    /// Re-plans and reconciles.
    @discardableResult
    public func reschedule() async throws -> Rescheduled {
        // Actor methods interleave at every await: chain the reconciles so that two never read and change
        // the pending notifications at the same time.
        let previous = last
        let task = Task { () async throws -> Rescheduled in
            _ = await previous?.result
            return try await self.reconcile()
        }
        last = task
        return try await task.value
    }

    /// The phone showed notification `id` (at `at`, now by default): recorded (back-off), then rescheduled.
    @discardableResult
    public func delivered(_ id: String, at: Date? = nil) async throws -> Rescheduled {
        try await client.notificationDelivered(id: id, at: at ?? now())
        return try await reschedule()
    }

    /// The user tapped notification `id` or its "Done" action: recorded, then rescheduled.
    @discardableResult
    public func actedOn(_ id: String, at: Date? = nil) async throws -> Rescheduled {
        try await client.notificationActedOn(id: id, at: at ?? now())
        return try await reschedule()
    }

    /// "Snooze": notification `id` comes again `minutes` (1-1440) later, under the same id.
    @discardableResult
    public func snooze(_ id: String, minutes: Int) async throws -> Rescheduled {
        try await client.snoozeNotification(id: id, minutes: minutes)
        return try await reschedule()
    }

    private func reconcile() async throws -> Rescheduled {
        let now = now()
        let zone = timeZone()
        let from = now.addingTimeInterval(-grace)
        var plan = try await client.planReminders(from: from, horizonDays: horizonDays, cap: cap, timeZone: zone)
        let pendingList = try await notifications.pending()
        let pending = Dictionary(pendingList.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        // Those within the grace that have been delivered take no place on the phone: when the cap cut the
        // plan short, plan that many more, and say the cap as it is on the phone.
        let delivered = plan.notifications.filter { $0.fireAt <= now && pending[$0.id] == nil }.count
        if delivered > 0, plan.notes.contains(where: { if case .capped = $0 { true } else { false } }) {
            plan = try await client.planReminders(
                from: from, horizonDays: horizonDays, cap: cap + delivered, timeZone: zone)
            plan.notes = plan.notes.map { note in
                guard case let .capped(_, leftOut) = note else { return note }
                return .capped(cap: UInt32(cap), leftOut: leftOut)
            }
        }
        // What the phone should hold: the plan's future, and its past within the grace that is still pending
        // (about to be delivered). One that is past and no longer pending has been delivered.
        let wanted = plan.notifications.filter { $0.fireAt > now || pending[$0.id] != nil }
        let wantedIDs = Set(wanted.map(\.id))
        var seen = Set<String>()
        let cancelled = pendingList.map(\.id).filter { !wantedIDs.contains($0) && seen.insert($0).inserted }
        let scheduled = wanted.filter { planned in
            guard let held = pending[planned.id] else { return true }
            return !held.isSameOnThePhone(as: planned)
        }
        // Remove first, so the phone never holds more than the cap.
        if !cancelled.isEmpty { try await notifications.cancel(cancelled) }
        for notification in scheduled { try await notifications.schedule(notification) }
        return Rescheduled(
            plan: plan, scheduled: scheduled, cancelled: cancelled, unchanged: wanted.count - scheduled.count,
            timeZone: zone)
    }
}

extension PlannedNotification {
    /// Same id is the same occurrence; it needs replacing only when what the user sees, or when, changed.
    func isSameOnThePhone(as other: PlannedNotification) -> Bool {
        fireAt == other.fireAt && title == other.title && body == other.body
    }
}
