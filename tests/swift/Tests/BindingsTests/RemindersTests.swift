import Foundation
import GutskinCore
import XCTest

/// Reminders (bindings/src/reminders.rs): the records, a week's plan, snooze, pause and back-off.
final class RemindersTests: XCTestCase {
    private func lunch(_ times: [String] = ["12:30"]) -> NewReminder {
        NewReminder(kind: .meal(meal: .lunch), schedule: .daily(times: times), quietHours: nil, timeZone: .followUser,
                    enabled: true, title: nil, body: nil)
    }

    private func date(_ rfc3339: String) -> Date {
        ISO8601DateFormatter().date(from: rfc3339)!
    }

    func testAWeekIsPlannedAndTheLoggedLunchSkipped() throws {
        let diary = try Diary.openInMemory()
        let reminder = try diary.addReminder(reminder: lunch())
        let probiotic = try diary.addReminder(reminder: NewReminder(
            kind: .dose(dose: .probiotic, name: "L. rhamnosus GG"),
            schedule: .weekdays(weekdays: [.monday, .wednesday, .friday], times: ["08:00"]),
            quietHours: QuietHours(start: "22:00", end: "07:00"), timeZone: .fixed(zone: berlin), enabled: true,
            title: nil, body: nil))
        // Lunch on Wednesday 2025-06-11 is logged already.
        _ = try diary.logEntry(entry: newEntry(.meal(meal: .lunch, items: [.freeText(text: "soup")]),
                                               at: date("2025-06-11T10:30:00Z")))
        let from = date("2025-06-09T22:00:00Z") // Tuesday 2025-06-10, 00:00 in Berlin
        let plan = try diary.planReminders(from: from, horizonDays: 7, cap: 64, timeZone: berlin)
        let lunches = plan.notifications.filter { $0.reminderId == reminder.id }
        XCTAssertEqual(lunches.map(\.slotDate),
                       ["2025-06-10", "2025-06-12", "2025-06-13", "2025-06-14", "2025-06-15", "2025-06-16"])
        XCTAssertEqual(lunches.first?.id, "\(reminder.id)/2025-06-10/12:30")
        XCTAssertEqual(lunches.first?.fireAt, date("2025-06-10T10:30:00Z"))
        XCTAssertEqual(lunches.first?.title, "Lunch")
        let doses = plan.notifications.filter { $0.reminderId == probiotic.id }
        XCTAssertEqual(doses.map(\.slotDate), ["2025-06-11", "2025-06-13", "2025-06-16"])
        XCTAssertTrue(zip(plan.notifications, plan.notifications.dropFirst()).allSatisfy { $0.fireAt < $1.fireAt })
        XCTAssertEqual(plan.notes, [])

        // Capped as iOS needs it (64 pending at most), and the note that says so.
        let capped = try diary.planReminders(from: from, horizonDays: 7, cap: 2, timeZone: berlin)
        XCTAssertEqual(capped.notifications.count, 2)
        XCTAssertEqual(capped.notes, [.capped(cap: 2, leftOut: 7)])
        XCTAssertTrue(planNoteText(note: capped.notes[0], timeZone: berlin, locale: "de").hasPrefix("Die nächsten 2"))
    }

    func testRemindersAreEditedDeletedAndListed() throws {
        let diary = try Diary.openInMemory()
        let added = try diary.addReminder(reminder: lunch())
        XCTAssertEqual(try diary.reminder(id: added.id), added)
        XCTAssertFalse(added.deleted)
        var changed = lunch(["12:00", "13:00"])
        changed.title = "Lunch?"
        let edited = try diary.updateReminder(id: added.id, reminder: changed)
        XCTAssertEqual(edited.schedule, .daily(times: ["12:00", "13:00"]))
        XCTAssertEqual(edited.title, "Lunch?")
        XCTAssertTrue(try diary.deleteReminder(id: added.id).deleted)
        XCTAssertEqual(try diary.reminders(includeDeleted: false), [])
        XCTAssertEqual(try diary.reminders(includeDeleted: true).map(\.id), [added.id])
        XCTAssertEqual(try diary.undeleteReminder(id: added.id), edited)
        XCTAssertEqual(gutskinError(try diary.reminder(id: "019ac0de-0000-7000-8000-000000000001")),
                       .NotFound(what: "reminder", id: "019ac0de-0000-7000-8000-000000000001"))
    }

    func testABadScheduleIsATypedErrorAndWritesNothing() throws {
        let diary = try Diary.openInMemory()
        var noDays = lunch()
        noDays.schedule = .weekdays(weekdays: [], times: ["12:30"])
        assertInvalidInput(try diary.addReminder(reminder: noDays), field: "schedule.weekdays")
        assertInvalidInput(try validateReminder(reminder: noDays), field: "schedule.weekdays")
        var backwards = lunch()
        backwards.schedule = .course(startDate: "2026-12-10", endDate: "2026-12-01", times: ["08:00"])
        assertInvalidInput(try diary.addReminder(reminder: backwards), field: "schedule.end_date")
        assertInvalidInput(try diary.addReminder(reminder: lunch([])), field: "schedule.times")
        XCTAssertEqual(try diary.reminders(includeDeleted: true), [])
        XCTAssertNoThrow(try validateReminder(reminder: lunch()))
        assertInvalidInput(try diary.planReminders(from: Date(), horizonDays: 7, cap: 64, timeZone: "Mars/Olympus"),
                           field: "time_zone")
    }

    func testSnoozePauseAndBackOff() throws {
        let diary = try Diary.openInMemory()
        let reminder = try diary.addReminder(reminder: lunch())
        let now = Date()
        let first = try XCTUnwrap(try diary.planReminders(from: now, horizonDays: 2, cap: 64, timeZone: berlin)
            .notifications.first)
        try diary.snoozeNotification(notificationId: first.id, minutes: 10)
        let snoozed = try XCTUnwrap(try diary.planReminders(from: now, horizonDays: 2, cap: 64, timeZone: berlin)
            .notifications.first)
        XCTAssertEqual(snoozed.id, first.id)
        XCTAssertEqual(snoozed.fireAt, first.fireAt.addingTimeInterval(600))
        assertInvalidInput(try diary.snoozeNotification(notificationId: first.id, minutes: 0), field: "minutes")
        try diary.notificationActedOn(notificationId: first.id, at: now)
        XCTAssertEqual(try diary.planReminders(from: now, horizonDays: 2, cap: 64, timeZone: berlin)
            .notifications.first?.fireAt, first.fireAt)

        // Delivered seven days running and never answered: one day in two from now on.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: berlin)!
        let day = DateFormatter()
        day.calendar = calendar
        day.timeZone = calendar.timeZone
        day.dateFormat = "yyyy-MM-dd"
        for daysAgo in 1...7 {
            let then = calendar.date(byAdding: .day, value: -daysAgo, to: now)!
            try diary.notificationDelivered(notificationId: "\(reminder.id)/\(day.string(from: then))/12:30", at: then)
        }
        let plan = try diary.planReminders(from: now, horizonDays: 8, cap: 64, timeZone: berlin)
        XCTAssertEqual(plan.notes, [.backedOff(reminderId: reminder.id, ignoredDays: 7, every: 2)])
        XCTAssertTrue((3...5).contains(plan.notifications.count), "\(plan.notifications.map(\.slotDate))")

        let until = Date(timeIntervalSince1970: (now.timeIntervalSince1970 + 3 * 86400).rounded(.down))
        try diary.pauseReminders(until: until)
        XCTAssertEqual(try diary.remindersPausedUntil(), until)
        let paused = try diary.planReminders(from: now, horizonDays: 2, cap: 64, timeZone: berlin)
        XCTAssertEqual(paused.notifications, [])
        XCTAssertTrue(paused.notes.contains(.paused(until: until)))
        try diary.resumeReminders()
        XCTAssertNil(try diary.remindersPausedUntil())
        assertInvalidInput(try diary.pauseReminders(until: now.addingTimeInterval(-3600)), field: "until")
    }
}
