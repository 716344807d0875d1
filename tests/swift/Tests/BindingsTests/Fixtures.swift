import Foundation
import GutskinCore
import XCTest

/// 2025-06-10T10:30:00Z: 12:30 in Berlin (summer time, +120), a Tuesday.
let june10 = Date(timeIntervalSince1970: 1_749_551_400)
let berlin = "Europe/Berlin"

/// An input of the given details at `date` in Berlin, the offset left for the core to fill in.
func newEntry(
    _ details: EntryDetails, at date: Date = june10, note: String? = nil, tags: [String] = [], offset: Int32? = nil
) -> NewEntry {
    NewEntry(occurredAt: date, timeZone: berlin, utcOffsetMinutes: offset, note: note, tags: tags, details: details)
}

/// One entry of every kind, each with every optional field set.
func everyKind(at date: Date = june10) -> [NewEntry] {
    [
        newEntry(.meal(meal: .lunch, items: [.freeText(text: "lentil soup"), .freeText(text: "rye bread")]), at: date,
                 note: "at the canteen", tags: ["work"]),
        newEntry(.skinCheckIn(
            ratings: [
                SkinRating(condition: .acne, severity: 4, itch: nil, areas: [.face, .back]),
                SkinRating(condition: .atopicDermatitis, severity: 6, itch: 7, areas: [.elbows, .hands]),
            ],
            poem: Data([1, 2, 0, 0, 1, 2, 3])), at: date.addingTimeInterval(60)),
        newEntry(.gutCheckIn(bristol: 4, bloating: 3, pain: 1), at: date.addingTimeInterval(120)),
        newEntry(.stress(level: 6), at: date.addingTimeInterval(180), note: "deadline"),
        newEntry(.sleep(minutes: 450, quality: 4), at: date.addingTimeInterval(240)),
        newEntry(.activity(activity: .exercise, minutes: 35), at: date.addingTimeInterval(300), tags: ["run"]),
        newEntry(.medication(medication: .antibiotic, name: "Doxycycline", dose: "100 mg",
                             course: Course(start: "2025-06-01", end: "2025-06-21")), at: date.addingTimeInterval(360)),
        newEntry(.water(ml: 250), at: date.addingTimeInterval(420)),
        newEntry(.note(text: "Tried the new moisturiser.\nNo reaction yet."), at: date.addingTimeInterval(480)),
    ]
}

/// A fresh folder for one test's files, removed when the test ends.
func temporaryFolder(_ test: XCTestCase) throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("gutskin-swift-\(UUID().uuidString)", isDirectory: true)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    test.addTeardownBlock { try? FileManager.default.removeItem(at: url) }
    return url
}

/// Runs `body`, which must throw a `GutskinError`, and hands that error back.
func gutskinError<T>(
    _ body: @autoclosure () throws -> T, file: StaticString = #filePath, line: UInt = #line
) -> GutskinError? {
    do {
        let value = try body()
        XCTFail("expected a GutskinError, got \(value)", file: file, line: line)
    } catch let error as GutskinError {
        return error
    } catch {
        XCTFail("expected a GutskinError, got \(type(of: error)): \(error)", file: file, line: line)
    }
    return nil
}

/// Asserts that `body` throws `InvalidInput` for `field`, and returns its reason.
@discardableResult
func assertInvalidInput<T>(
    _ body: @autoclosure () throws -> T, field: String, file: StaticString = #filePath, line: UInt = #line
) -> String? {
    guard let error = gutskinError(try body(), file: file, line: line) else { return nil }
    guard case let .InvalidInput(actualField, reason) = error else {
        XCTFail("expected InvalidInput(\(field)), got \(error)", file: file, line: line)
        return nil
    }
    XCTAssertEqual(actualField, field, file: file, line: line)
    XCTAssertFalse(reason.isEmpty, "InvalidInput(\(field)) has no reason", file: file, line: line)
    return reason
}
