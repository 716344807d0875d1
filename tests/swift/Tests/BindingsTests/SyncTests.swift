import Foundation
import GutskinCore
import XCTest

/// An object store in memory, written in Swift: what a phone's own S3 or cloud-drive client is to the core.
final class MemoryStore: SyncTransport, @unchecked Sendable {
    private let lock = NSLock()
    private var objects: [String: Data] = [:]
    var down = false

    private func check() throws {
        if down { throw SyncTransportError.Unreachable(reason: "offline") }
    }

    func list(prefix: String) throws -> [String] {
        try check()
        return lock.withLock { objects.keys.filter { $0.hasPrefix(prefix) }.sorted() }
    }

    func get(key: String) throws -> Data? {
        try check()
        return lock.withLock { objects[key] }
    }

    func put(key: String, data: Data) throws {
        try check()
        lock.withLock { objects[key] = data }
    }

    func delete(key: String) throws {
        try check()
        _ = lock.withLock { objects.removeValue(forKey: key) }
    }
}

/// Sync through a Swift transport: keys and recovery codes, two devices, errors, photo files.
final class SyncTests: XCTestCase {
    /// A 1x1 PNG.
    private let png = Data(base64Encoded:
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")!

    func testTwoDevicesEndWithTheSameDiary() throws {
        let store = MemoryStore()
        let first = try newSyncKey()
        let key = try syncKeyFromRecoveryCode(code: first.recoveryCode)
        XCTAssertEqual(key, first.key)
        XCTAssertEqual(try recoveryCodeOf(key: key), first.recoveryCode)

        let phone = try Diary.openInMemory()
        let tablet = try Diary.openInMemory()
        XCTAssertEqual(try phone.remoteKeyState(transport: store, key: first.key), .empty)
        let logged = try phone.logEntry(entry: newEntry(.stress(level: 6), tags: ["work"]))
        XCTAssertGreaterThan(try phone.syncStatus().unpublishedChanges, 0)
        XCTAssertNotNil(try phone.sync(transport: store, key: first.key, compaction: .never).published)
        XCTAssertEqual(try tablet.remoteKeyState(transport: store, key: key), .matches)

        XCTAssertEqual(try tablet.sync(transport: store, key: key, compaction: .never).appliedChangesets, 1)
        XCTAssertEqual(try tablet.entry(id: logged.id), logged)
        let edited = try tablet.updateEntry(id: logged.id, entry: newEntry(.stress(level: 8), tags: ["work"]))
        _ = try tablet.sync(transport: store, key: key, compaction: .never)
        _ = try phone.sync(transport: store, key: first.key, compaction: .never)
        XCTAssertEqual(try phone.entry(id: logged.id), edited)
        XCTAssertEqual(try phone.syncStatus().unpublishedChanges, 0)
        XCTAssertFalse(try phone.syncStatus().peers.isEmpty)
    }

    func testAWrongKeyAndAnUnreachableStoreAreTypedErrors() throws {
        let store = MemoryStore()
        let key = try newSyncKey().key
        let phone = try Diary.openInMemory()
        _ = try phone.logEntry(entry: newEntry(.stress(level: 3)))
        _ = try phone.sync(transport: store, key: key, compaction: .never)

        let stranger = try Diary.openInMemory()
        let other = try newSyncKey().key
        XCTAssertEqual(try stranger.remoteKeyState(transport: store, key: other), .otherKey)
        guard case let .Sync(reason, _)? = gutskinError(try stranger.sync(transport: store, key: other, compaction: .never))
        else { return XCTFail("a wrong key is GutskinError.Sync") }
        XCTAssertEqual(reason, .wrongKey)

        store.down = true
        guard case let .Sync(offline, detail)? = gutskinError(try stranger.sync(transport: store, key: key, compaction: .never))
        else { return XCTFail("an unreachable store is GutskinError.Sync") }
        XCTAssertEqual(offline, .transport)
        XCTAssertTrue(detail.contains("offline"), detail)

        guard case let .InvalidInput(field, _)? = gutskinError(try syncKeyFromRecoveryCode(code: "ABCD-EFGH"))
        else { return XCTFail("a bad recovery code is InvalidInput") }
        XCTAssertEqual(field, "recovery_code")
    }

    func testALostDeviceIsRetiredAndComesBackWithoutLosingAnything() throws {
        let store = MemoryStore()
        let key = try newSyncKey().key
        let phone = try Diary.openInMemory()
        let lost = try Diary.openInMemory()
        _ = try phone.logEntry(entry: newEntry(.stress(level: 4)))
        _ = try phone.sync(transport: store, key: key, compaction: .never)
        _ = try lost.sync(transport: store, key: key, compaction: .never)
        _ = try lost.logEntry(entry: newEntry(.stress(level: 7)))  // never synced: the device is lost
        _ = try phone.logEntry(entry: newEntry(.stress(level: 5)))
        _ = try phone.sync(transport: store, key: key, compaction: .never)
        // Changeset 2 waits for the lost device.
        XCTAssertEqual(try phone.sync(transport: store, key: key, compaction: .now).compacted, 1)

        guard case let .InvalidInput(field, _)? = gutskinError(
            try phone.retireSyncDevice(transport: store, key: key, deviceId: phone.deviceId()))
        else { return XCTFail("retiring this device is InvalidInput") }
        XCTAssertEqual(field, "device_id")
        guard case let .InvalidInput(malformed, _)? = gutskinError(
            try phone.retireSyncDevice(transport: store, key: key, deviceId: "lost phone"))
        else { return XCTFail("a malformed id is InvalidInput") }
        XCTAssertEqual(malformed, "device_id")
        let retired = try phone.retireSyncDevice(transport: store, key: key, deviceId: lost.deviceId())
        XCTAssertEqual(retired.deviceId, lost.deviceId())
        XCTAssertEqual(retired.retiredBy, phone.deviceId())
        XCTAssertEqual(try phone.syncStatus().peers.first { $0.deviceId == lost.deviceId() }?.retired, retired)
        XCTAssertEqual(try phone.sync(transport: store, key: key, compaction: .now).compacted, 1)

        // It comes back: told who retired it, it merges the snapshot and publishes its entry.
        let back = try lost.sync(transport: store, key: key, compaction: .never)
        XCTAssertEqual(back.retired, retired)
        XCTAssertEqual(back.appliedSnapshots, 1)
        _ = try phone.sync(transport: store, key: key, compaction: .never)
        let all = { (d: Diary) in try d.entriesBetween(from: "2025-06-01", to: "2025-06-30", kind: nil, includeDeleted: true) }
        XCTAssertEqual(try all(phone).count, 3)
        XCTAssertEqual(try all(phone), try all(lost))
    }

    func testPhotoFilesTravelByTheirHash() throws {
        let folder = try temporaryFolder(self)
        let image = folder.appendingPathComponent("face.png")
        try png.write(to: image)
        let store = MemoryStore()
        let key = try newSyncKey().key
        let phone = try Diary.openInMemory()
        let tablet = try Diary.openInMemory()
        let photo = try phone.attachPhoto(photo: NewPhoto(
            path: image.path, localRef: nil, takenAt: june10, subject: .skin(area: .face, checkInId: nil), tags: []))
        XCTAssertEqual(try phone.missingPhotoFiles(present: [photo.sha256]), [])
        XCTAssertEqual(try phone.sync(transport: store, key: key, compaction: .never).uploadedBlobs, 1)
        _ = try tablet.sync(transport: store, key: key, compaction: .never)
        XCTAssertEqual(try tablet.missingPhotoFiles(present: []), [photo.sha256])
        XCTAssertEqual(try tablet.fetchPhotoFile(transport: store, key: key, hash: photo.sha256), png)
    }

    func testAPhotoFileTheAppCannotGiveYetGoesUpWithALaterSync() throws {
        let folder = try temporaryFolder(self)
        let image = folder.appendingPathComponent("face.png")
        try png.write(to: image)
        // A path relative to the app's container: its absolute path changes across app updates.
        let localRef = "Photos/face.png"
        let store = MemoryStore()
        let key = try newSyncKey().key
        let app = AppPhotoFiles()
        let phone = try Diary.openInMemory()
        let tablet = try Diary.openInMemory()
        let photo = try phone.attachPhoto(photo: NewPhoto(
            path: image.path, localRef: localRef, takenAt: june10, subject: .skin(area: .face, checkInId: nil), tags: []))
        try FileManager.default.removeItem(at: image)

        // The app has no bytes for it yet: the row syncs, the file waits.
        var report = try phone.syncWithPhotoFiles(transport: store, key: key, compaction: .never, photoFiles: app)
        XCTAssertEqual(report.published, 1)
        XCTAssertEqual(report.uploadedBlobs, 0)
        XCTAssertEqual(report.photoFilesPending, 1)
        XCTAssertEqual(app.asked, [localRef])
        _ = try tablet.sync(transport: store, key: key, compaction: .never)
        XCTAssertEqual(
            gutskinError(try tablet.fetchPhotoFile(transport: store, key: key, hash: photo.sha256)),
            .NotFound(what: "photo file", id: photo.sha256))

        // A failure leaves it pending, and the sync goes on; so do another picture's bytes.
        app.fails = true
        report = try phone.syncWithPhotoFiles(transport: store, key: key, compaction: .never, photoFiles: app)
        XCTAssertEqual(report.photoFilesPending, 1)
        app.fails = false
        app.files[localRef] = Data([1, 2, 3])
        report = try phone.syncWithPhotoFiles(transport: store, key: key, compaction: .never, photoFiles: app)
        XCTAssertEqual(report.photoFilesPending, 1)

        // The app has the file again: it goes up, and the tablet fetches it.
        app.files[localRef] = png
        report = try phone.syncWithPhotoFiles(transport: store, key: key, compaction: .never, photoFiles: app)
        XCTAssertEqual(report.uploadedBlobs, 1)
        XCTAssertEqual(report.photoFilesPending, 0)
        XCTAssertEqual(try tablet.fetchPhotoFile(transport: store, key: key, hash: photo.sha256), png)
    }
}

/// The app's own photo files by local_ref, written in Swift (a container-relative path on iOS).
final class AppPhotoFiles: PhotoFileSource, @unchecked Sendable {
    private let lock = NSLock()
    private var _files: [String: Data] = [:]
    private var _asked: [String] = []
    private var _fails = false

    var files: [String: Data] {
        get { lock.withLock { _files } }
        set { lock.withLock { _files = newValue } }
    }
    var asked: [String] { lock.withLock { _asked } }
    var fails: Bool {
        get { lock.withLock { _fails } }
        set { lock.withLock { _fails = newValue } }
    }

    func readPhotoFile(localRef: String) throws -> Data? {
        let (fails, data) = lock.withLock { () -> (Bool, Data?) in
            _asked.append(localRef)
            return (_fails, _files[localRef])
        }
        if fails { throw PhotoFileError.Unreadable(reason: "permission revoked") }
        return data
    }
}
