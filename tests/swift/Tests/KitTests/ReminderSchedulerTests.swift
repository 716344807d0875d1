import Foundation
import GutskinCore
import GutskinKit
import XCTest

/// The phone: what is pending, every call made to it, and the most it ever held (iOS drops past 64).
actor FakeNotificationCenter: NotificationScheduler {
    private(set) var held: [String: PlannedNotification] = [:]
    private(set) var calls: [String] = []
    private(set) var mostHeld = 0

    func pending() -> [PlannedNotification] { Array(held.values) }

    func schedule(_ notification: PlannedNotification) {
        calls.append("schedule \(notification.id)")
        held[notification.id] = notification
        mostHeld = max(mostHeld, held.count)
    }

    func cancel(_ ids: [String]) {
        calls.append("cancel \(ids)")
        for id in ids { held[id] = nil }
    }

    /// Delivered: iOS no longer lists it as pending.
    func fire(_ id: String) { held[id] = nil }

    var sorted: [PlannedNotification] { held.values.sorted { $0.fireAt < $1.fireAt } }
}

/// A "now" the test moves.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Date
    init(_ date: Date) { value = date }
    var now: Date {
        get { lock.withLock { value } }
        set { lock.withLock { value = newValue } }
    }
}

/// ReminderScheduler (GutskinKit) over a real in-memory diary and a fake notification center. The core's
/// own clock is the real one (snoozes, events), so these tests plan from the real "now".
final class ReminderSchedulerTests: XCTestCase {
    /// Two hours from now in Berlin: the next lunch is always two hours ahead (the core takes events and
    /// entries at most a day ahead of the real clock).
    private let soon: String = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = berlin
        let parts = calendar.dateComponents([.hour, .minute], from: Date().addingTimeInterval(2 * 3600))
        return String(format: "%02d:%02d", parts.hour!, parts.minute!)
    }()

    private func lunch(at time: String? = nil, title: String? = nil) -> NewReminder {
        NewReminder(kind: .meal(meal: .lunch), schedule: .daily(times: [time ?? soon]), quietHours: nil,
                    timeZone: .followUser, enabled: true, title: title, body: nil)
    }

    private let probiotic = NewReminder(
        kind: .dose(dose: .probiotic, name: "L. rhamnosus GG"), schedule: .daily(times: ["08:00", "20:00"]),
        quietHours: nil, timeZone: .followUser, enabled: true, title: nil, body: nil)

    private struct Setup {
        let client: DiaryClient
        let phone: FakeNotificationCenter
        let clock: TestClock
        let scheduler: ReminderScheduler
    }

    private func makeSetup(reserved: Int = 4, horizonDays: Int = 7) throws -> Setup {
        let client = try DiaryClient.inMemory()
        let phone = FakeNotificationCenter()
        let clock = TestClock(Date(timeIntervalSince1970: Date().timeIntervalSince1970.rounded(.down)))
        let scheduler = ReminderScheduler(
            client: client, notifications: phone, horizonDays: horizonDays, reserved: reserved,
            timeZone: { berlin }, now: { clock.now })
        return Setup(client: client, phone: phone, clock: clock, scheduler: scheduler)
    }

    func testTheFirstScheduleIsThePlanAndASecondChangesNothing() async throws {
        let s = try makeSetup()
        let meal = try await s.client.addReminder(lunch())
        let dose = try await s.client.addReminder(probiotic)
        let first = try await s.scheduler.reschedule()
        let future = first.plan.notifications.filter { $0.fireAt > s.clock.now }
        XCTAssertTrue((20...24).contains(future.count), "\(future.map(\.id))") // 7 days of 3, give or take the ends
        let held = await s.phone.sorted
        XCTAssertEqual(held, future)
        XCTAssertEqual(first.scheduled, future)
        XCTAssertEqual(first.cancelled, [])
        XCTAssertEqual(first.unchanged, 0)
        XCTAssertEqual(Set(future.map(\.reminderId)), [meal.id, dose.id])
        XCTAssertEqual(first.noteTexts(locale: Locale(identifier: "en")), [])

        let calls = await s.phone.calls.count
        let second = try await s.scheduler.reschedule()
        XCTAssertFalse(second.changed)
        XCTAssertEqual(second.unchanged, future.count)
        let callsAfter = await s.phone.calls.count
        XCTAssertEqual(callsAfter, calls, "the second reconcile touched the phone")
    }

    func testIOSKeepsAtMost64AndThePlannerIsAskedForLess() async throws {
        // 8 times a day for 14 days: 112 occurrences, far more than iOS keeps.
        let times = ["07:00", "09:00", "11:00", "13:00", "15:00", "17:00", "19:00", "21:00"]
        var many = lunch()
        many.kind = .custom(text: "How is your skin?")
        many.schedule = .daily(times: times)
        many.title = "Check in"

        let s = try makeSetup(horizonDays: 14)
        _ = try await s.client.addReminder(many)
        XCTAssertEqual(s.scheduler.cap, 60)
        let result = try await s.scheduler.reschedule()
        let held = await s.phone.held.count
        XCTAssertEqual(held, 60)
        guard case let .capped(cap, leftOut) = result.plan.notes.first else {
            return XCTFail("expected a Capped note, got \(result.plan.notes)")
        }
        XCTAssertEqual(cap, 60)
        XCTAssertGreaterThan(leftOut, 40)
        XCTAssertTrue(result.noteTexts(locale: Locale(identifier: "de_DE"))[0].hasPrefix("Die nächsten 60"))

        // Nothing reserved: exactly the 64 iOS allows, never one more, even while an earlier one fires.
        let all = try makeSetup(reserved: 0, horizonDays: 14)
        _ = try await all.client.addReminder(many)
        try await all.scheduler.reschedule()
        let first = await all.phone.sorted[0]
        await all.phone.fire(first.id)
        all.clock.now = first.fireAt.addingTimeInterval(60)
        let rolled = try await all.scheduler.delivered(first.id)
        XCTAssertEqual(rolled.scheduled.count, 1, "the plan rolls on by one")
        let (count, most) = (await all.phone.held.count, await all.phone.mostHeld)
        XCTAssertEqual(count, 64)
        XCTAssertEqual(most, 64)
    }

    func testDeletingAReminderCancelsItsNotifications() async throws {
        let s = try makeSetup()
        let meal = try await s.client.addReminder(lunch())
        let dose = try await s.client.addReminder(probiotic)
        try await s.scheduler.reschedule()
        let before = await s.phone.sorted
        let lunches = Set(before.filter { $0.reminderId == meal.id }.map(\.id))
        XCTAssertGreaterThanOrEqual(lunches.count, 6)

        _ = try await s.client.deleteReminder(id: meal.id)
        let result = try await s.scheduler.reschedule()
        XCTAssertEqual(Set(result.cancelled), lunches)
        XCTAssertEqual(result.scheduled, [])
        let after = await s.phone.sorted
        XCTAssertEqual(after, before.filter { $0.reminderId == dose.id })
    }

    func testEditingATimeReplacesThatReminderOnly() async throws {
        let s = try makeSetup()
        let meal = try await s.client.addReminder(lunch())
        let dose = try await s.client.addReminder(probiotic)
        try await s.scheduler.reschedule()
        let before = await s.phone.sorted
        let oldLunches = Set(before.filter { $0.reminderId == meal.id }.map(\.id))
        let doses = before.filter { $0.reminderId == dose.id }

        let later = soon == "13:15" ? "13:45" : "13:15"
        _ = try await s.client.updateReminder(id: meal.id, with: lunch(at: later))
        let moved = try await s.scheduler.reschedule()
        XCTAssertEqual(Set(moved.cancelled), oldLunches)
        XCTAssertFalse(moved.scheduled.isEmpty)
        XCTAssertTrue(moved.scheduled.allSatisfy { $0.reminderId == meal.id && $0.slotTime == later })
        XCTAssertEqual(moved.unchanged, doses.count)

        // Same time, a new title: the same ids, replaced in place.
        let ids = Set(moved.scheduled.map(\.id))
        _ = try await s.client.updateReminder(id: meal.id, with: lunch(at: later, title: "Lunch time"))
        let retitled = try await s.scheduler.reschedule()
        XCTAssertEqual(retitled.cancelled, [])
        XCTAssertEqual(Set(retitled.scheduled.map(\.id)), ids)
        let held = await s.phone.sorted
        XCTAssertTrue(held.filter { $0.reminderId == meal.id }.allSatisfy { $0.title == "Lunch time" })
        XCTAssertEqual(held.filter { $0.reminderId == dose.id }, doses)
    }

    func testLoggingTheMealOfASlotDropsItsNotification() async throws {
        let s = try makeSetup()
        _ = try await s.client.addReminder(lunch())
        try await s.scheduler.reschedule()
        let next = await s.phone.sorted[0]
        _ = try await s.client.logEntry(.meal(.lunch, items: ["lentil soup"], at: next.fireAt, in: berlin))
        let result = try await s.scheduler.reschedule()
        XCTAssertEqual(result.cancelled, [next.id])
        XCTAssertEqual(result.scheduled, [])
        let held = await s.phone.held
        XCTAssertNil(held[next.id])
    }

    func testSnoozeMovesTheOccurrenceUnderItsId() async throws {
        let s = try makeSetup()
        _ = try await s.client.addReminder(lunch())
        try await s.scheduler.reschedule()
        let next = await s.phone.sorted[0]
        let snoozed = try await s.scheduler.snooze(next.id, minutes: 10)
        XCTAssertEqual(snoozed.cancelled, [])
        XCTAssertEqual(snoozed.scheduled.map(\.id), [next.id])
        XCTAssertEqual(snoozed.scheduled.first?.fireAt, next.fireAt.addingTimeInterval(600))
        let held = await s.phone.held
        XCTAssertEqual(held[next.id], snoozed.scheduled.first)
        let again = try await s.scheduler.reschedule()
        XCTAssertFalse(again.changed)
        await assertInvalidInput(field: "minutes") { try await s.scheduler.snooze(next.id, minutes: -5) }
    }

    func testADeliveredNotificationIsNotScheduledAgainAndALateOneIsLeftPending() async throws {
        let s = try makeSetup()
        _ = try await s.client.addReminder(lunch())
        try await s.scheduler.reschedule()
        let next = await s.phone.sorted[0]

        // A minute past its time and not yet delivered: within the grace, left alone.
        s.clock.now = next.fireAt.addingTimeInterval(60)
        let late = try await s.scheduler.reschedule()
        XCTAssertFalse(late.cancelled.contains(next.id))

        await s.phone.fire(next.id)
        let delivered = try await s.scheduler.delivered(next.id)
        XCTAssertTrue(delivered.plan.notifications.contains { $0.id == next.id })
        XCTAssertFalse(delivered.scheduled.contains { $0.id == next.id })
        XCTAssertEqual(delivered.cancelled, [])
        let acted = try await s.scheduler.actedOn(next.id)
        XCTAssertFalse(acted.changed)

        // Two reconciles asked for at once run one after the other: the phone ends up the same.
        async let a = s.scheduler.reschedule()
        async let b = s.scheduler.reschedule()
        let (ra, rb) = try await (a, b)
        XCTAssertFalse(ra.changed || rb.changed)
    }
}
