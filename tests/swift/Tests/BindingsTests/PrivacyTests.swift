import Foundation
import GutskinCore
import XCTest

/// Encryption at rest, backups and restore, and wipe (bindings/src/privacy.rs), as an app uses them.
final class PrivacyTests: XCTestCase {
    private func count(_ diary: Diary) throws -> Int {
        try diary.entriesBetween(from: "2025-06-01", to: "2025-06-30", kind: nil, includeDeleted: true).count
    }

    private func encryptionFailure<T>(_ body: @autoclosure () throws -> T) -> EncryptionFailure? {
        guard case let .Encryption(reason, _) = gutskinError(try body()) else { return nil }
        return reason
    }

    func testAnEncryptedDiaryOpensWithItsKeyOnly() throws {
        let url = try temporaryFolder(self).appendingPathComponent("diary.sqlite")
        let key = try newDiaryKey()
        XCTAssertEqual(key.count, 32)
        XCTAssertEqual(try diaryFileKind(path: url.path), .missing)
        do {
            let diary = try Diary.openEncrypted(path: url.path, key: key)
            XCTAssertTrue(diary.isEncrypted())
            _ = try diary.logEntry(entry: newEntry(.stress(level: 6)))
        }
        XCTAssertEqual(try diaryFileKind(path: url.path), .encrypted)
        let bytes = try Data(contentsOf: url)

        XCTAssertEqual(encryptionFailure(try Diary.open(path: url.path)), .keyNeeded)
        XCTAssertEqual(encryptionFailure(try Diary.openEncrypted(path: url.path, key: try newDiaryKey())), .wrongKey)
        do {
            _ = try Diary.openEncrypted(path: url.path, key: try newDiaryKey())
            XCTFail("opened with another key")
        } catch let GutskinError.Encryption(reason, detail) {
            XCTAssertEqual(reason, .wrongKey)
            XCTAssertFalse(detail.isEmpty)
        }
        XCTAssertEqual(try Data(contentsOf: url), bytes, "left untouched")
        XCTAssertEqual(try count(try Diary.openEncrypted(path: url.path, key: key)), 1)
    }

    func testEncryptRekeyAndDecryptLoseNothing() throws {
        let url = try temporaryFolder(self).appendingPathComponent("diary.sqlite")
        let key = try newDiaryKey()
        let newKey = try newDiaryKey()
        do {
            let diary = try Diary.open(path: url.path)
            for level in 0..<10 { _ = try diary.logEntry(entry: newEntry(.stress(level: UInt8(level)))) }
            try diary.encrypt(key: key)
            try diary.rekey(newKey: newKey)
            _ = try diary.logEntry(entry: newEntry(.water(ml: 250)))
        }
        XCTAssertEqual(encryptionFailure(try Diary.openEncrypted(path: url.path, key: key)), .wrongKey)
        do {
            let diary = try Diary.openEncrypted(path: url.path, key: newKey)
            XCTAssertEqual(try count(diary), 11)
            try diary.decrypt()
            XCTAssertFalse(diary.isEncrypted())
        }
        XCTAssertEqual(encryptionFailure(try Diary.openEncrypted(path: url.path, key: newKey)), .notEncrypted)
        XCTAssertEqual(try count(try Diary.open(path: url.path)), 11)
    }

    func testAPassphraseBackupRestoresIntoANewInstallAndAWrongOneRestoresNothing() throws {
        let folder = try temporaryFolder(self)
        let backup = folder.appendingPathComponent("gutskin.backup").path
        let phrase = BackupSecret.passphrase(passphrase: "correct horse battery")
        do {
            let diary = try Diary.open(path: folder.appendingPathComponent("old.sqlite").path)
            for level in 0..<3 { _ = try diary.logEntry(entry: newEntry(.stress(level: UInt8(level)))) }
            XCTAssertEqual(try diary.backupToFile(path: backup, secret: phrase).sealing, .passphrase)
        }
        XCTAssertEqual(try backupInfo(path: backup).sealing, .passphrase)

        let diary = try Diary.open(path: folder.appendingPathComponent("new.sqlite").path)
        let wrong = BackupSecret.passphrase(passphrase: "correct horse battery!")
        XCTAssertEqual(encryptionFailure(try diary.restoreFromFile(path: backup, secret: wrong, replace: false)),
                       .wrongPassphrase)
        XCTAssertEqual(try count(diary), 0)
        let report = try diary.restoreFromFile(path: backup, secret: phrase, replace: false)
        XCTAssertEqual(report.entries, 3)
        XCTAssertFalse(report.encrypted)
        XCTAssertEqual(try count(diary), 3)
        guard case let .InvalidInput(field, _) = gutskinError(
            try diary.restoreFromFile(path: backup, secret: phrase, replace: false))
        else { return XCTFail("expected InvalidInput") }
        XCTAssertEqual(field, "replace")

        let cut = folder.appendingPathComponent("cut.backup")
        try Data(try Data(contentsOf: URL(fileURLWithPath: backup)).prefix(100)).write(to: cut)
        XCTAssertEqual(encryptionFailure(try diary.restoreFromFile(path: cut.path, secret: phrase, replace: true)),
                       .damagedBackup)
        XCTAssertEqual(try count(diary), 3)
    }

    func testAnEncryptedDiaryBacksUpUnderItsKey() throws {
        let folder = try temporaryFolder(self)
        let key = try newDiaryKey()
        let backup = folder.appendingPathComponent("key.backup").path
        do {
            let diary = try Diary.openEncrypted(path: folder.appendingPathComponent("a.sqlite").path, key: key)
            _ = try diary.logEntry(entry: newEntry(.stress(level: 4)))
            XCTAssertEqual(try diary.backupToFile(path: backup, secret: .key(key: key)).sealing, .key)
        }
        let other = try Diary.openEncrypted(path: folder.appendingPathComponent("b.sqlite").path, key: key)
        XCTAssertEqual(encryptionFailure(try other.restoreFromFile(
            path: backup, secret: .passphrase(passphrase: "correct horse battery"), replace: false)), .keyNeeded)
        XCTAssertTrue(try other.restoreFromFile(path: backup, secret: .key(key: key), replace: false).encrypted)
        XCTAssertEqual(try count(other), 1)
    }

    func testWipeLeavesNothingOfTheDiary() throws {
        let folder = try temporaryFolder(self)
        let path = folder.appendingPathComponent("diary.sqlite").path
        try Data("not the diary's".utf8).write(to: folder.appendingPathComponent("other.txt"))
        let diary = try Diary.open(path: path)
        _ = try diary.logEntry(entry: newEntry(.stress(level: 5)))
        let report = try diary.wipe()
        XCTAssertTrue(report.removedFiles.contains { $0.hasSuffix("diary.sqlite") }, "\(report)")
        XCTAssertEqual(report.photoFiles, [])
        guard case .Storage = gutskinError(try diary.logEntry(entry: newEntry(.stress(level: 1)))) else {
            return XCTFail("a wiped diary is closed")
        }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["other.txt"])

        // A diary whose key is lost is deleted without opening it.
        _ = try Diary.openEncrypted(path: path, key: try newDiaryKey()).logEntry(entry: newEntry(.stress(level: 2)))
        XCTAssertEqual(try wipeDiaryFiles(path: path).removedFiles.count, 1)
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted(), ["other.txt"])
    }
}
