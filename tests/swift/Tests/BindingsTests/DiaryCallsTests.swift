import Foundation
import GutskinCore
import XCTest

/// Every call the bindings export (bindings/src/lib.rs), through the generated Swift, against the real
/// library. tests/swift/run.sh checks that each exported name appears in this folder.
final class DiaryCallsTests: XCTestCase {
    func testOpenCreatesTheFileAndReopensIt() throws {
        let path = try temporaryFolder(self).appendingPathComponent("diary.sqlite").path
        var diary: Diary? = try Diary.open(path: path)
        XCTAssertTrue(FileManager.default.fileExists(atPath: path))
        let device = diary!.deviceId()
        let logged = try diary!.logEntry(entry: newEntry(.stress(level: 3)))
        diary = nil  // closes the file

        let reopened = try Diary.open(path: path)
        XCTAssertEqual(try reopened.entry(id: logged.id), logged)
        XCTAssertEqual(reopened.deviceId(), device, "the device id is the file's, kept across opens")
    }

    func testOpenInMemoryStartsEmpty() throws {
        let diary = try Diary.openInMemory()
        let profile = try diary.profile()
        XCTAssertEqual(profile.conditions, [])
        XCTAssertNil(profile.birthYear)
        XCTAssertEqual(profile.dailyEnergyKcal, 2000)
        XCTAssertEqual(profile.locale, "en")
        let day = try diary.today(date: "2025-06-10")
        XCTAssertEqual(day.date, "2025-06-10")
        XCTAssertEqual(day.entries, [])
        XCTAssertEqual(counts(day.summary.counts), Array(repeating: 0, count: 9))
        XCTAssertNotEqual(try Diary.openInMemory().deviceId(), diary.deviceId(), "each new diary has its own device")
    }

    func testDeviceIdIsAUuid() throws {
        let id = try Diary.openInMemory().deviceId()
        XCTAssertNotNil(UUID(uuidString: id), id)
        XCTAssertEqual(id, id.lowercased())
    }

    func testLogEntryReturnsTheEntryAsStored() throws {
        let diary = try Diary.openInMemory()
        let entry = try diary.logEntry(entry: newEntry(.water(ml: 300), note: "  after the run \n", tags: ["Sport", "evening", "sport"]))
        XCTAssertNotNil(UUID(uuidString: entry.id))
        XCTAssertEqual(Array(entry.id)[14], "7", "ids are UUIDv7")
        XCTAssertEqual(entry.occurredAt, june10)
        XCTAssertEqual(entry.timeZone, berlin)
        XCTAssertEqual(entry.utcOffsetMinutes, 120, "the offset is taken from the zone when not given")
        XCTAssertEqual(entry.localDate, "2025-06-10")
        XCTAssertEqual(entry.note, "after the run", "notes are trimmed")
        XCTAssertEqual(entry.tags, ["evening", "sport"], "tags are lower-cased, de-duplicated and sorted")
        XCTAssertFalse(entry.deleted)
        XCTAssertEqual(entry.details, .water(ml: 300))
    }

    func testInstantsKeepMillisecondsAndOffsetsMoveTheLocalDay() throws {
        let diary = try Diary.openInMemory()
        let late = Date(timeIntervalSince1970: 1_749_598_200.123_456)  // 2025-06-10T23:30:00.123456Z
        let entry = try diary.logEntry(entry: newEntry(.stress(level: 1), at: late, offset: 120))
        XCTAssertEqual(entry.occurredAt.timeIntervalSince1970, 1_749_598_200.123, accuracy: 0.000_5)
        XCTAssertEqual(entry.localDate, "2025-06-11", "23:30 UTC is 01:30 the next day at +02:00")
        let west = try diary.logEntry(entry: NewEntry(occurredAt: late, timeZone: "America/New_York", utcOffsetMinutes: nil,
                                                      note: nil, tags: [], details: .stress(level: 1)))
        XCTAssertEqual(west.utcOffsetMinutes, -240)
        XCTAssertEqual(west.localDate, "2025-06-10")
    }

    func testLogEntriesLogsAllOrNone() throws {
        let diary = try Diary.openInMemory()
        let logged = try diary.logEntries(entries: everyKind())
        XCTAssertEqual(logged.map(\.details), everyKind().map(\.details))
        XCTAssertEqual(Set(logged.map(\.id)).count, logged.count)

        let batch = [newEntry(.water(ml: 100)), newEntry(.stress(level: 11)), newEntry(.water(ml: 200))]
        assertInvalidInput(try diary.logEntries(entries: batch), field: "entries[1].stress.level")
        XCTAssertEqual(try diary.today(date: "2025-06-10").entries.count, logged.count, "nothing of the batch was written")
    }

    func testUpdateEntryChangesItsFieldsButNotItsKind() throws {
        let diary = try Diary.openInMemory()
        let meal = try diary.logEntry(entry: newEntry(.meal(meal: .lunch, items: [.freeText(text: "soup")])))
        var changed = newEntry(.meal(meal: .dinner, items: [.freeText(text: "soup"), .freeText(text: "bread")]),
                               at: june10.addingTimeInterval(-86_400), note: "late", tags: ["home"])
        changed.utcOffsetMinutes = 120
        let updated = try diary.updateEntry(id: meal.id, entry: changed)
        XCTAssertEqual(updated.id, meal.id)
        XCTAssertEqual(updated.details, changed.details)
        XCTAssertEqual(updated.note, "late")
        XCTAssertEqual(updated.tags, ["home"])
        XCTAssertEqual(updated.localDate, "2025-06-09", "moved to the day before")
        XCTAssertEqual(try diary.entry(id: meal.id), updated)
        XCTAssertEqual(try diary.today(date: "2025-06-10").entries, [])
        XCTAssertEqual(try diary.today(date: "2025-06-09").entries, [updated])

        assertInvalidInput(try diary.updateEntry(id: meal.id, entry: newEntry(.water(ml: 100))), field: "details")
    }

    func testDeleteAndUndeleteKeepTheEntry() throws {
        let diary = try Diary.openInMemory()
        let water = try diary.logEntry(entry: newEntry(.water(ml: 250)))
        let deleted = try diary.deleteEntry(id: water.id)
        XCTAssertTrue(deleted.deleted)
        XCTAssertEqual(try diary.entry(id: water.id), deleted, "a deleted entry can still be read")
        XCTAssertEqual(try diary.today(date: "2025-06-10").entries, [])
        XCTAssertEqual(try diary.today(date: "2025-06-10").summary.waterMl, 0, "summaries leave deleted entries out")
        XCTAssertEqual(try diary.entriesBetween(from: "2025-06-10", to: "2025-06-10", kind: nil, includeDeleted: true), [deleted])

        let restored = try diary.undeleteEntry(id: water.id)
        XCTAssertFalse(restored.deleted)
        XCTAssertEqual(restored, water)
        XCTAssertEqual(try diary.today(date: "2025-06-10").summary.waterMl, 250)
    }

    func testEntriesBetweenFiltersByDaysAndKind() throws {
        let diary = try Diary.openInMemory()
        for days in 0..<5 {
            let at = june10.addingTimeInterval(Double(days) * 86_400)
            _ = try diary.logEntries(entries: [newEntry(.water(ml: 100), at: at), newEntry(.stress(level: UInt8(days)), at: at)])
        }
        let middle = try diary.entriesBetween(from: "2025-06-11", to: "2025-06-13", kind: nil, includeDeleted: false)
        XCTAssertEqual(middle.map(\.localDate), ["2025-06-11", "2025-06-11", "2025-06-12", "2025-06-12", "2025-06-13", "2025-06-13"])
        XCTAssertEqual(middle.map(\.occurredAt), middle.map(\.occurredAt).sorted(), "oldest first")
        let stress = try diary.entriesBetween(from: "2025-06-10", to: "2025-06-14", kind: .stress, includeDeleted: false)
        XCTAssertEqual(stress.map(\.details), (0..<5).map { .stress(level: UInt8($0)) })
        assertInvalidInput(try diary.entriesBetween(from: "2025-06-12", to: "2025-06-11", kind: nil, includeDeleted: false),
                           field: "to")
    }

    func testDaySummariesCoverEveryDayOfTheRange() throws {
        let diary = try Diary.openInMemory()
        _ = try diary.logEntries(entries: everyKind())
        _ = try diary.logEntry(entry: newEntry(.water(ml: 500), at: june10.addingTimeInterval(2 * 86_400)))
        let days = try diary.daySummaries(from: "2025-06-09", to: "2025-06-12")
        XCTAssertEqual(days.map(\.date), ["2025-06-09", "2025-06-10", "2025-06-11", "2025-06-12"])
        XCTAssertEqual(days[0].counts.meals, 0)
        XCTAssertEqual(days[2].waterMl, 0, "empty days are included")
        XCTAssertEqual(days[3].waterMl, 500)

        let june10Summary = days[1]
        XCTAssertEqual(counts(june10Summary.counts), Array(repeating: 1, count: 9), "one of each kind")
        XCTAssertEqual(june10Summary.skin.map(\.condition), [.acne, .atopicDermatitis])
        XCTAssertEqual(june10Summary.skin[1].worst, 6)
        XCTAssertEqual(june10Summary.skin[1].worstItch, 7)
        XCTAssertEqual(june10Summary.poem, PoemScore(score: 9, band: .moderate))
        XCTAssertEqual(june10Summary.gut?.bristolMin, 4)
        XCTAssertEqual(june10Summary.stress, StressSummary(max: 6, mean: 6))
        XCTAssertEqual(june10Summary.sleep?.minutes, 450)
        XCTAssertEqual(june10Summary.waterMl, 250)
        XCTAssertEqual(june10Summary.activityMinutes, 35)
    }

    func testTodayIsTheDaysEntriesAndSummaryInOneCall() throws {
        let diary = try Diary.openInMemory()
        let logged = try diary.logEntries(entries: everyKind())
        let day = try diary.today(date: "2025-06-10")
        XCTAssertEqual(day.date, "2025-06-10")
        XCTAssertEqual(day.entries, logged)
        XCTAssertEqual(day.summary, try diary.daySummaries(from: "2025-06-10", to: "2025-06-10")[0])
        assertInvalidInput(try diary.today(date: "10.06.2025"), field: "date")
    }

    func testProfileIsStoredCheckedAndNormalised() throws {
        let diary = try Diary.openInMemory()
        var wanted = try diary.profile()
        (wanted.conditions, wanted.birthYear, wanted.dailyEnergyKcal, wanted.locale) = ([.rosacea, .acne, .rosacea], 1994, 2200, "de_DE")
        let stored = try diary.setProfile(profile: wanted)
        XCTAssertEqual(stored.conditions, [.acne, .rosacea], "de-duplicated, in a stable order")
        XCTAssertEqual(stored.birthYear, 1994)
        XCTAssertEqual(stored.dailyEnergyKcal, 2200)
        XCTAssertEqual(stored.locale, "de-DE")
        XCTAssertEqual(try diary.profile(), stored)
        var tooLittle = stored
        tooLittle.dailyEnergyKcal = 100
        assertInvalidInput(try diary.setProfile(profile: tooLittle), field: "profile.daily_energy_kcal")
        XCTAssertEqual(try diary.profile(), stored, "a refused profile changes nothing")
    }

    func testExportAndImportCarryTheWholeDiary() throws {
        let folder = try temporaryFolder(self)
        let file = folder.appendingPathComponent("export.jsonl")
        let diary = try Diary.openInMemory()
        var wanted = try diary.profile()
        (wanted.conditions, wanted.dailyEnergyKcal) = ([.psoriasis], 1800)
        let profile = try diary.setProfile(profile: wanted)
        let logged = try diary.logEntries(entries: everyKind())
        let deleted = try diary.deleteEntry(id: logged[3].id)

        XCTAssertEqual(try diary.exportToFile(path: file.path), UInt64(logged.count))
        let lines = try String(contentsOf: file, encoding: .utf8).split(separator: "\n")
        XCTAssertEqual(lines.count, 2 + logged.count, "a header, the profile and one line per entry")
        XCTAssertTrue(lines[0].contains("\"gutskin-diary\""))

        let copy = try Diary.openInMemory()
        // A check reports what the import will do and writes nothing.
        let checked = try copy.checkImportFromFile(path: file.path)
        XCTAssertEqual(checked.imported, UInt64(logged.count))
        XCTAssertTrue(checked.profileImported)
        XCTAssertEqual(try copy.entriesBetween(from: "2025-06-01", to: "2025-06-30", kind: nil, includeDeleted: true), [])
        let report = try copy.importFromFile(path: file.path)
        XCTAssertEqual(report, checked)
        XCTAssertEqual(report.imported, UInt64(logged.count))
        XCTAssertEqual(report.alreadyPresent, 0)
        XCTAssertTrue(report.profileImported)
        XCTAssertEqual(try copy.profile(), profile)
        XCTAssertEqual(try copy.entry(id: deleted.id), deleted)
        XCTAssertEqual(try copy.entriesBetween(from: "2025-06-10", to: "2025-06-10", kind: nil, includeDeleted: true),
                       try diary.entriesBetween(from: "2025-06-10", to: "2025-06-10", kind: nil, includeDeleted: true))
        let again = try copy.importFromFile(path: file.path)
        XCTAssertEqual(again.imported, 0, "importing again adds nothing")
        XCTAssertEqual(again.alreadyPresent, UInt64(logged.count))
        XCTAssertFalse(again.profileImported)
    }

    func testPoemScoreTotalsAndBands() throws {
        XCTAssertEqual(try poemScore(answers: Data([0, 0, 0, 0, 0, 0, 2])), PoemScore(score: 2, band: .clearOrAlmostClear))
        XCTAssertEqual(try poemScore(answers: Data([1, 1, 1, 1, 1, 1, 1])), PoemScore(score: 7, band: .mild))
        XCTAssertEqual(try poemScore(answers: Data([2, 2, 2, 2, 2, 2, 4])), PoemScore(score: 16, band: .moderate))
        XCTAssertEqual(try poemScore(answers: Data([4, 4, 4, 4, 4, 4, 0])), PoemScore(score: 24, band: .severe))
        XCTAssertEqual(try poemScore(answers: Data([4, 4, 4, 4, 4, 4, 4])), PoemScore(score: 28, band: .verySevere))
        assertInvalidInput(try poemScore(answers: Data([1, 2, 3])), field: "poem")
        assertInvalidInput(try poemScore(answers: Data([0, 0, 5, 0, 0, 0, 0])), field: "poem[2]")
    }

    func testLocalDateIsTheDayInTheZone() throws {
        let lateUTC = Date(timeIntervalSince1970: 1_764_113_400)  // 2025-11-25T23:30:00Z
        XCTAssertEqual(try localDate(instant: lateUTC, timeZone: "Europe/Berlin"), "2025-11-26")
        XCTAssertEqual(try localDate(instant: lateUTC, timeZone: "America/New_York"), "2025-11-25")
        XCTAssertEqual(try localDate(instant: lateUTC, timeZone: "UTC"), "2025-11-25")
        XCTAssertEqual(try localDate(instant: Date(timeIntervalSince1970: -1), timeZone: "UTC"), "1969-12-31")
        assertInvalidInput(try localDate(instant: lateUTC, timeZone: "Mars/Olympus_Mons"), field: "time_zone")
    }

    func testSchemaVersionIsTheOneNewFilesGet() throws {
        XCTAssertGreaterThanOrEqual(schemaVersion(), 2)
        // A new file carries it in SQLite's user_version (header bytes 60-63, big-endian).
        let path = try temporaryFolder(self).appendingPathComponent("diary.sqlite").path
        _ = try Diary.open(path: path)
        let header = try XCTUnwrap(FileManager.default.contents(atPath: path))
        XCTAssertEqual(header[60..<64].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }, schemaVersion())
    }

    /// The counts of the nine kinds, in `EntryKind` order.
    private func counts(_ c: KindCounts) -> [UInt32] {
        [c.meals, c.skinCheckIns, c.gutCheckIns, c.stress, c.sleep, c.activity, c.medications, c.water, c.notes]
    }
}
