import Foundation
import GutskinCore
import XCTest

/// Every kind of entry, with every optional field set, goes in and comes back unchanged: from the call that
/// logs it, from a read, and through an export and an import into another diary.
final class RoundTripTests: XCTestCase {
    func testEveryKindRoundTrips() throws {
        let diary = try Diary.openInMemory()
        let inputs = everyKind()
        XCTAssertEqual(Set(inputs.map { kind(of: $0.details) }).count, 9, "all nine kinds")
        var logged: [Entry] = []
        for input in inputs {
            let entry = try diary.logEntry(entry: input)
            XCTAssertEqual(entry.details, input.details, "\(kind(of: input.details))")
            XCTAssertEqual(entry.occurredAt, input.occurredAt)
            XCTAssertEqual(entry.timeZone, input.timeZone)
            XCTAssertEqual(entry.note, input.note)
            XCTAssertEqual(entry.tags, input.tags)
            XCTAssertEqual(try diary.entry(id: entry.id), entry)
            logged.append(entry)
        }
        for kind in Set(inputs.map { kind(of: $0.details) }) {
            let ofKind = try diary.entriesBetween(from: "2025-06-10", to: "2025-06-10", kind: kind, includeDeleted: false)
            XCTAssertEqual(ofKind, logged.filter { self.kind(of: $0.details) == kind })
        }

        let file = try temporaryFolder(self).appendingPathComponent("all.jsonl")
        XCTAssertEqual(try diary.exportToFile(path: file.path), 9)
        let copy = try Diary.openInMemory()
        XCTAssertEqual(try copy.importFromFile(path: file.path).imported, 9)
        for entry in logged {
            XCTAssertEqual(try copy.entry(id: entry.id), entry)
        }
    }

    func testOptionalFieldsLeftOutStayOut() throws {
        let diary = try Diary.openInMemory()
        let sparse: [EntryDetails] = [
            .meal(meal: .snack, items: []),
            .skinCheckIn(ratings: [], poem: Data([0, 0, 0, 0, 0, 0, 0])),
            .skinCheckIn(ratings: [SkinRating(condition: .other, severity: 0, itch: nil, areas: [])], poem: nil),
            .gutCheckIn(bristol: nil, bloating: nil, pain: 0),
            .sleep(minutes: 0, quality: nil),
            .medication(medication: .probiotic, name: "L. rhamnosus GG", dose: nil, course: nil),
            .medication(medication: .antibiotic, name: "Amoxicillin", dose: nil, course: Course(start: "2025-06-09", end: nil)),
        ]
        for details in sparse {
            let entry = try diary.logEntry(entry: newEntry(details))
            XCTAssertEqual(entry.details, details)
            XCTAssertNil(entry.note)
            XCTAssertEqual(entry.tags, [])
        }
    }

    func testStoredValuesAreNormalised() throws {
        let diary = try Diary.openInMemory()
        let messy = newEntry(.skinCheckIn(
            ratings: [SkinRating(condition: .psoriasis, severity: 5, itch: 2, areas: [.knees, .elbows, .knees])], poem: nil),
            note: "   ", tags: [" Flare ", "flare"])
        let entry = try diary.logEntry(entry: messy)
        XCTAssertEqual(entry.details, .skinCheckIn(
            ratings: [SkinRating(condition: .psoriasis, severity: 5, itch: 2, areas: [.elbows, .knees])], poem: nil),
            "areas are sorted and de-duplicated")
        XCTAssertNil(entry.note, "a blank note is no note")
        XCTAssertEqual(entry.tags, ["flare"])
    }

    private func kind(of details: EntryDetails) -> EntryKind {
        switch details {
        case .meal: .meal
        case .skinCheckIn: .skinCheckIn
        case .gutCheckIn: .gutCheckIn
        case .stress: .stress
        case .sleep: .sleep
        case .activity: .activity
        case .medication: .medication
        case .water: .water
        case .note: .note
        }
    }
}
