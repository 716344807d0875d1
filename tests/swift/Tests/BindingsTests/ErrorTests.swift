import Foundation
import GutskinCore
import XCTest

/// Each variant of the one public error reaches Swift as a typed `GutskinError`, with its fields.
final class ErrorTests: XCTestCase {
    func testInvalidInputNamesTheFieldAndTheReason() throws {
        let diary = try Diary.openInMemory()
        let reason = assertInvalidInput(try diary.logEntry(entry: newEntry(.stress(level: 11))), field: "stress.level")
        XCTAssertEqual(reason, "must be 0-10, got 11")

        let skin = newEntry(.skinCheckIn(ratings: [SkinRating(condition: .rosacea, severity: 3, itch: 12, areas: [])], poem: nil))
        assertInvalidInput(try diary.logEntry(entry: skin), field: "skin.ratings[0].itch")
        assertInvalidInput(try diary.logEntry(entry: newEntry(.water(ml: 1), at: Date(timeIntervalSince1970: 0))),
                           field: "occurred_at")
        let unknownZone = NewEntry(occurredAt: june10, timeZone: "Nowhere/Special", utcOffsetMinutes: nil, note: nil,
                                   tags: [], details: .water(ml: 1))
        assertInvalidInput(try diary.logEntry(entry: unknownZone), field: "time_zone")
        assertInvalidInput(try diary.entry(id: "not-a-uuid"), field: "id")
        XCTAssertEqual(try diary.today(date: "2025-06-10").entries, [], "nothing was written")
    }

    func testInvalidInputCanBeCaughtByPattern() throws {
        do {
            _ = try Diary.openInMemory().logEntry(entry: newEntry(.sleep(minutes: 2000, quality: nil)))
            XCTFail("no error")
        } catch let GutskinError.InvalidInput(field, reason) {
            XCTAssertEqual(field, "sleep.minutes")
            XCTAssertTrue(reason.contains("2000"), reason)
        }
    }

    func testNotFoundNamesWhatAndTheId() throws {
        let diary = try Diary.openInMemory()
        let missing = UUID().uuidString.lowercased()
        XCTAssertEqual(gutskinError(try diary.entry(id: missing)), .NotFound(what: "entry", id: missing))
        XCTAssertEqual(gutskinError(try diary.deleteEntry(id: missing)), .NotFound(what: "entry", id: missing))
        XCTAssertEqual(gutskinError(try diary.undeleteEntry(id: missing)), .NotFound(what: "entry", id: missing))
        XCTAssertEqual(gutskinError(try diary.updateEntry(id: missing, entry: newEntry(.water(ml: 1)))),
                       .NotFound(what: "entry", id: missing))
    }

    func testNewerSchemaRefusesAFileFromANewerVersionAndLeavesIt() throws {
        let url = try temporaryFolder(self).appendingPathComponent("diary.sqlite")
        _ = try Diary.open(path: url.path)  // created, then closed (checkpointed into the main file)
        // SQLite keeps user_version, the schema version, at header offset 60 as a big-endian UInt32.
        let handle = try FileHandle(forUpdating: url)
        try handle.seek(toOffset: 60)
        try handle.write(contentsOf: withUnsafeBytes(of: UInt32(99).bigEndian) { Data($0) })
        try handle.close()
        let before = try Data(contentsOf: url)

        XCTAssertEqual(gutskinError(try Diary.open(path: url.path)), .NewerSchema(found: 99, supported: schemaVersion()))
        XCTAssertEqual(try Data(contentsOf: url), before, "the file is left untouched")
    }

    func testCorruptFileRefusesSomethingThatIsNoDiary() throws {
        let url = try temporaryFolder(self).appendingPathComponent("garbage.sqlite")
        let garbage = Data((0..<8192).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) })
        try garbage.write(to: url)
        guard case let .CorruptFile(detail) = gutskinError(try Diary.open(path: url.path)) else {
            return XCTFail("expected CorruptFile")
        }
        XCTAssertFalse(detail.isEmpty)
        XCTAssertEqual(try Data(contentsOf: url), garbage, "the file is left untouched")
    }

    func testInvalidImportNamesTheLineAndWritesNothing() throws {
        let folder = try temporaryFolder(self)
        let diary = try Diary.openInMemory()
        let good = folder.appendingPathComponent("good.jsonl")
        _ = try diary.logEntries(entries: Array(everyKind().prefix(2)))
        _ = try diary.exportToFile(path: good.path)
        var lines = try String(contentsOf: good, encoding: .utf8).split(separator: "\n").map(String.init)
        let stress = """
            {"type":"entry","id":"\(UUID().uuidString.lowercased())","occurred_at":"2025-06-10T10:30:00.000Z",\
            "time_zone":"Europe/Berlin","utc_offset_minutes":120,"kind":"stress","level":11}
            """
        lines.append(stress)  // line 4: header, two entries, then this
        let bad = folder.appendingPathComponent("bad.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: bad, atomically: true, encoding: .utf8)

        let fresh = try Diary.openInMemory()
        guard case let .InvalidImport(line, field, reason) = gutskinError(try fresh.importFromFile(path: bad.path)) else {
            return XCTFail("expected InvalidImport")
        }
        XCTAssertEqual(line, 4)
        XCTAssertEqual(field, "stress.level")
        XCTAssertEqual(reason, "must be 0-10, got 11")
        XCTAssertEqual(try fresh.entriesBetween(from: "2025-06-01", to: "2025-06-30", kind: nil, includeDeleted: true), [],
                       "a bad line fails the whole import")

        let notJson = folder.appendingPathComponent("not.jsonl")
        try "{\"type\":\"header\",\"format\":\"gutskin-diary\",\"version\":1}\nthis is not json\n"
            .write(to: notJson, atomically: true, encoding: .utf8)
        guard case let .InvalidImport(line2, field2, _) = gutskinError(try fresh.importFromFile(path: notJson.path)) else {
            return XCTFail("expected InvalidImport")
        }
        XCTAssertEqual(line2, 2)
        XCTAssertEqual(field2, "json")
    }

    func testStorageReportsAFileThatCannotBeOpened() throws {
        let path = try temporaryFolder(self).appendingPathComponent("no/such/folder/diary.sqlite").path
        guard case let .Storage(detail) = gutskinError(try Diary.open(path: path)) else {
            return XCTFail("expected Storage")
        }
        XCTAssertFalse(detail.isEmpty)
    }

    func testFilePathsThatCannotBeUsedAreInvalidInput() throws {
        let diary = try Diary.openInMemory()
        let nowhere = try temporaryFolder(self).appendingPathComponent("missing/export.jsonl").path
        assertInvalidInput(try diary.exportToFile(path: nowhere), field: "path")
        assertInvalidInput(try diary.importFromFile(path: nowhere), field: "path")
    }

    func testErrorsDescribeThemselves() {
        let error = GutskinError.InvalidInput(field: "stress.level", reason: "must be 0-10, got 11")
        XCTAssertTrue(error.localizedDescription.contains("stress.level"), error.localizedDescription)
    }
}
