import Foundation
import GutskinCore
import GutskinKit
import XCTest

/// The NewEntry builders, the Int conveniences, and Entry helpers.
final class EntriesTests: XCTestCase {
    func testBuildersFillTheCommonPartFromTheTimeZone() {
        let summer = NewEntry.note("hello", at: june10, in: berlin, tags: ["a"])
        XCTAssertEqual(summer.occurredAt, june10)
        XCTAssertEqual(summer.timeZone, "Europe/Berlin")
        XCTAssertEqual(summer.utcOffsetMinutes, 120)
        XCTAssertEqual(summer.tags, ["a"])
        XCTAssertEqual(summer.details, .note(text: "hello"))
        let winter = NewEntry.note("x", at: Date(timeIntervalSince1970: 1_736_000_000), in: berlin)
        XCTAssertEqual(winter.utcOffsetMinutes, 60)
        let kathmandu = NewEntry.note("x", at: june10, in: TimeZone(identifier: "Asia/Kathmandu")!)
        XCTAssertEqual(kathmandu.utcOffsetMinutes, 345)
    }

    func testEveryBuilderMakesItsKind() throws {
        let built: [NewEntry] = [
            .meal(.breakfast, items: ["oats", "kefir"], at: june10, in: berlin, note: "n", tags: ["t"]),
            try .skinCheckIn([try SkinRating(.acne, severity: 4, itch: 2, areas: [.face])], poem: [0, 1, 2, 3, 4, 0, 1], at: june10, in: berlin),
            try .gutCheckIn(bristol: 4, bloating: 2, at: june10, in: berlin),
            try .stress(level: 7, at: june10, in: berlin),
            try .sleep(minutes: 420, quality: 3, at: june10, in: berlin),
            try .activity(.meditation, minutes: 15, at: june10, in: berlin),
            .medication(.antibiotic, name: "Doxycycline", dose: "100 mg", course: Course(start: day10, end: day10.adding(days: 14)),
                        at: june10, in: berlin),
            try .water(ml: 330, at: june10, in: berlin),
            .note("just a note", at: june10, in: berlin),
        ]
        XCTAssertEqual(built.map(\.details.kind), EntryKind.all)
        XCTAssertEqual(built[0].details, .meal(meal: .breakfast, items: [.freeText(text: "oats"), .freeText(text: "kefir")]))
        XCTAssertEqual(built[1].details, .skinCheckIn(
            ratings: [SkinRating(condition: .acne, severity: 4, itch: 2, areas: [.face])], poem: Data([0, 1, 2, 3, 4, 0, 1])))
        XCTAssertEqual(built[2].details, .gutCheckIn(bristol: 4, bloating: 2, pain: nil))
        XCTAssertEqual(built[6].details, .medication(medication: .antibiotic, name: "Doxycycline", dose: "100 mg",
                                                     course: Course(start: "2025-06-10", end: "2025-06-24")))

        // And the core takes every one of them as it is.
        let logged = try Diary.openInMemory().logEntries(entries: built)
        XCTAssertEqual(logged.map(\.details), built.map(\.details))
        XCTAssertEqual(logged.map(\.kind), EntryKind.all)
        XCTAssertEqual(logged[0].day, day10)
    }

    func testIntsThatDoNotFitThrowTheCoresErrorInsteadOfTrapping() {
        assertInvalidInput(try NewEntry.stress(level: -1), field: "stress.level")
        assertInvalidInput(try NewEntry.stress(level: 256), field: "stress.level")
        assertInvalidInput(try NewEntry.water(ml: -250), field: "water.ml")
        assertInvalidInput(try NewEntry.sleep(minutes: 400, quality: 1000), field: "sleep.quality")
        assertInvalidInput(try NewEntry.activity(.exercise, minutes: Int.max), field: "activity.minutes")
        assertInvalidInput(try NewEntry.gutCheckIn(pain: -3), field: "gut.pain")
        assertInvalidInput(try NewEntry.skinCheckIn([], poem: [0, 0, 300, 0, 0, 0, 0]), field: "skin.poem[2]")
        assertInvalidInput(try SkinRating(.rosacea, severity: -2), field: "skin.ratings.severity")
        assertInvalidInput(try poemScore([0, 1, -1, 0, 0, 0, 0]), field: "poem[2]")
    }

    func testValuesThatFitButAreOutOfRangeAreLeftToTheCore() throws {
        let entry = try NewEntry.stress(level: 11, at: june10, in: berlin)
        assertInvalidInput(try Diary.openInMemory().logEntry(entry: entry), field: "stress.level")
    }

    func testIntConveniencesReadBack() throws {
        let rating = try SkinRating(.psoriasis, severity: 6, itch: 3)
        XCTAssertEqual(rating.severityValue, 6)
        XCTAssertEqual(rating.itchValue, 3)
        XCTAssertNil(try SkinRating(.psoriasis, severity: 6).itchValue)
        XCTAssertEqual(try poemScore([4, 4, 4, 4, 4, 4, 4]).total, 28)
        XCTAssertEqual(try poemScore([1, 1, 1, 1, 1, 1, 1]).band, .mild)
        let course = Course(start: day10)
        XCTAssertEqual(course.startDay, day10)
        XCTAssertNil(course.endDay)
    }

    func testAnEntryAsInputUpdatesToItself() throws {
        let diary = try Diary.openInMemory()
        let logged = try diary.logEntry(entry: .meal(.dinner, items: ["rice"], at: june10, in: berlin, note: "x", tags: ["home"]))
        XCTAssertEqual(try diary.updateEntry(id: logged.id, entry: logged.asNewEntry), logged)
        var edited = logged.asNewEntry
        edited.note = "y"
        XCTAssertEqual(try diary.updateEntry(id: logged.id, entry: edited).note, "y")
    }

    func testLocalTimeIsTheClockWhereItWasLogged() throws {
        let diary = try Diary.openInMemory()
        XCTAssertEqual(try diary.logEntry(entry: .note("x", at: june10, in: berlin)).localTime, "12:30")
        let newYork = TimeZone(identifier: "America/New_York")!
        XCTAssertEqual(try diary.logEntry(entry: .note("x", at: june10.addingTimeInterval(-10 * 3600 - 1), in: newYork)).localTime,
                       "20:29")
    }

    func testRowsDescribeEachKind() throws {
        let diary = try Diary.openInMemory()
        let rows = try diary.logEntries(entries: [
            .meal(.lunch, items: ["lentil soup", "bread"], at: june10, in: berlin),
            try .skinCheckIn([try SkinRating(.acne, severity: 4)], poem: [1, 1, 1, 1, 1, 1, 2], at: june10, in: berlin),
            try .gutCheckIn(bristol: 4, pain: 2, at: june10, in: berlin),
            try .sleep(minutes: 450, quality: 4, at: june10, in: berlin),
            try .activity(.exercise, minutes: 60, at: june10, in: berlin),
            .medication(.probiotic, name: "L. reuteri", at: june10, in: berlin),
            try .water(ml: 250, at: june10, in: berlin),
            .note("first line\nsecond", at: june10, in: berlin),
        ]).map(EntryRow.init)
        XCTAssertEqual(rows.map(\.title), ["Lunch", "Skin check-in", "Gut check-in", "Sleep", "Exercise", "Probiotic", "Water", "Note"])
        XCTAssertEqual(rows.map(\.detail), [
            "lentil soup, bread", "Acne 4/10 · POEM 8 (moderate)", "Bristol 4 · pain 2/10", "7 h 30 min · quality 4/5",
            "1 h", "L. reuteri", "250 ml", "first line",
        ])
        XCTAssertEqual(rows[0].time, "12:30")
    }
}
