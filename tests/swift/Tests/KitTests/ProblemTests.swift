import Foundation
import GutskinCore
import GutskinKit
import XCTest

/// Errors turned into what a screen shows.
final class ProblemTests: XCTestCase {
    func testInvalidInputKeepsTheFieldAndMakesTheReasonASentence() {
        let problem = Problem(GutskinError.InvalidInput(field: "stress.level", reason: "must be 0-10, got 11"))
        XCTAssertEqual(problem.kind, .invalidInput)
        XCTAssertEqual(problem.field, "stress.level")
        XCTAssertEqual(problem.message, "Must be 0-10, got 11.")
    }

    func testEveryVariantHasAMessageForTheUser() {
        let cases: [(GutskinError, Problem.Kind, String?)] = [
            (.NotFound(what: "entry", id: "0190"), .notFound, nil),
            (.NewerSchema(found: 9, supported: 2), .newerSchema, nil),
            (.CorruptFile(detail: "file is not a database"), .corruptFile, nil),
            (.InvalidImport(line: 12, field: "water.ml", reason: "must be 1-5000, got 0"), .invalidImport, "water.ml"),
            (.Storage(detail: "disk I/O error"), .storage, nil),
        ]
        for (error, kind, field) in cases {
            let problem = Problem(error)
            XCTAssertEqual(problem.kind, kind)
            XCTAssertEqual(problem.field, field)
            XCTAssertFalse(problem.message.isEmpty)
            XCTAssertEqual(problem.detail, String(describing: error))
        }
        XCTAssertTrue(Problem(GutskinError.InvalidImport(line: 12, field: "f", reason: "r")).message.contains("Line 12"))
        XCTAssertTrue(Problem(GutskinError.NewerSchema(found: 9, supported: 2)).message.contains("Update the app"))
        XCTAssertFalse(Problem(GutskinError.Storage(detail: "disk I/O error")).message.contains("I/O"),
                       "technical details stay in `detail`")
    }

    func testSyncFailuresSayWhatToDo() {
        let reasons: [SyncFailure] = [.wrongKey, .damaged, .newerFormat, .transport]
        let messages = reasons.map { Problem(GutskinError.Sync(reason: $0, detail: "x")).message }
        XCTAssertEqual(Set(messages).count, reasons.count, "one message per reason")
        for reason in reasons {
            let problem = Problem(GutskinError.Sync(reason: reason, detail: "x"))
            XCTAssertEqual(problem.kind, .sync)
            XCTAssertNil(problem.field)
        }
    }

    func testEncryptionFailuresSayWhatToDo() {
        let reasons: [EncryptionFailure] = [
            .keyNeeded, .wrongKey, .notEncrypted, .passphraseNeeded, .wrongPassphrase, .damagedBackup, .newerBackup,
        ]
        for reason in reasons {
            let problem = Problem(GutskinError.Encryption(reason: reason, detail: "x"))
            XCTAssertEqual(problem.kind, .encryption)
            XCTAssertNil(problem.field)
            XCTAssertFalse(problem.message.isEmpty)
        }
        XCTAssertTrue(Problem(GutskinError.Encryption(reason: .wrongKey, detail: "x")).message.contains("backup"),
                      "a lost key points to the backups")
        XCTAssertTrue(Problem(GutskinError.Encryption(reason: .wrongPassphrase, detail: "x")).message
            .contains("nothing was restored"))
    }

    func testOtherErrorsAreUnexpected() {
        struct Odd: Error {}
        let problem = Problem(Odd())
        XCTAssertEqual(problem.kind, .unexpected)
        XCTAssertNil(problem.field)
        XCTAssertEqual(Problem(problem), problem, "a Problem stays itself")
    }

    func testProblemsFromRealCalls() throws {
        let diary = try Diary.openInMemory()
        do {
            _ = try diary.logEntry(entry: .meal(.lunch, items: [String(repeating: "x", count: 201)], at: june10, in: berlin))
            XCTFail("no error")
        } catch {
            let problem = Problem(error)
            XCTAssertEqual(problem.field, "meal.items[0].text")
            XCTAssertEqual(problem.message, "Must be at most 200 characters.")
        }
    }
}
