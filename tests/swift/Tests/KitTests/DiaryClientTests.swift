import Dispatch
import Foundation
import GutskinCore
import GutskinKit
import XCTest

/// The async layer: each call, off the caller's thread, in order, errors typed.
// @unchecked Sendable: XCTest runs one test at a time; the mark only quiets Linux XCTest's test-list glue.
final class DiaryClientTests: XCTestCase, @unchecked Sendable {
    @MainActor
    func testCallsRunOffTheMainThread() async throws {
        XCTAssertTrue(Thread.isMainThread)
        let client = try DiaryClient.inMemory()
        let onMain = try await client.perform { _ in Thread.isMainThread }
        XCTAssertFalse(onMain)
        XCTAssertTrue(Thread.isMainThread, "and come back to the main actor")
    }

    func testEveryCall() async throws {
        let folder = try temporaryFolder(self)
        let url = try DiaryClient.diaryURL(in: folder)
        XCTAssertEqual(url.lastPathComponent, "diary.sqlite")
        XCTAssertEqual(url.deletingLastPathComponent().lastPathComponent, "Gutskin")
        let client = try await DiaryClient.open(at: url)
        XCTAssertTrue(FileManager.default.fileExists(atPath: url.path))

        let device = try await client.deviceID()
        XCTAssertNotNil(UUID(uuidString: device))
        let meal = try await client.logEntry(.meal(.lunch, items: ["soup"], at: june10, in: berlin))
        let more = try await client.logEntries([try .water(ml: 200, at: june10, in: berlin), try .stress(level: 2, at: june10, in: berlin)])
        XCTAssertEqual(more.count, 2)
        var edited = meal.asNewEntry
        edited.tags = ["warm"]
        let updated = try await client.updateEntry(id: meal.id, with: edited)
        XCTAssertEqual(updated.tags, ["warm"])
        let deleted = try await client.deleteEntry(id: more[0].id)
        XCTAssertTrue(deleted.deleted)
        let restored = try await client.undeleteEntry(id: more[0].id)
        XCTAssertFalse(restored.deleted)
        let read = try await client.entry(id: meal.id)
        XCTAssertEqual(read, updated)
        let all = try await client.entries(from: day10, through: day10)
        XCTAssertEqual(all.count, 3)
        let water = try await client.entries(from: day10, through: day10, kind: .water)
        XCTAssertEqual(water.map(\.id), [more[0].id])
        let summaries = try await client.daySummaries(from: day10.adding(days: -1), through: day10)
        XCTAssertEqual(summaries.map(\.waterMl), [0, 200])
        let today = try await client.today(day10)
        XCTAssertEqual(today.entries, all)
        XCTAssertEqual(today.summary, summaries[1])
        let profile = try await setConditions([.rosacea], in: client)
        let storedProfile = try await client.profile()
        XCTAssertEqual(storedProfile, profile)

        let export = folder.appendingPathComponent("export.jsonl")
        let exported = try await client.exportDiary(to: export)
        XCTAssertEqual(exported, 3)
        let copy = try DiaryClient.inMemory()
        let report = try await copy.importDiary(from: export)
        XCTAssertEqual(report.imported, 3)
        let copied = try await copy.today(day10)
        XCTAssertEqual(copied, today)
    }

    func testErrorsArriveTyped() async throws {
        let client = try DiaryClient.inMemory()
        await assertInvalidInput(field: "water.ml") { try await client.logEntry(try .water(ml: 0, at: june10, in: berlin)) }
        do {
            _ = try await client.entry(id: "0190a0a0-0000-7000-8000-000000000000")
            XCTFail("no error")
        } catch GutskinError.NotFound(let what, _) {
            XCTAssertEqual(what, "entry")
        }
        let nowhere = try temporaryFolder(self).appendingPathComponent("missing/diary.sqlite")
        do {
            _ = try await DiaryClient.open(at: nowhere)
            XCTFail("no error")
        } catch GutskinError.Storage {
        }
    }

    func testCallsRunInOrderAndNoneIsLost() async throws {
        let client = try DiaryClient.inMemory()
        let order = Order()
        // Many calls started at once (in no particular order) all run, each once.
        let tasks = (0..<50).map { i in
            Task { try await client.perform { _ in order.append(i) } }
        }
        for task in tasks { try await task.value }
        let seen = order.values
        XCTAssertEqual(seen.count, 50)
        XCTAssertEqual(Set(seen).count, 50)

        // Calls awaited one after another always run in that order.
        let serial = Order()
        for i in 0..<20 { try await client.perform { _ in serial.append(i) } }
        XCTAssertEqual(serial.values, Array(0..<20))
    }

    func testManyConcurrentTasksLoseNothing() async throws {
        let client = try DiaryClient.inMemory()
        try await withThrowingTaskGroup(of: Entry.self) { group in
            for i in 0..<100 {
                group.addTask { try await client.logEntry(try .water(ml: 10 + i, at: june10.addingTimeInterval(Double(i)), in: berlin)) }
            }
            var ids = Set<String>()
            for try await entry in group { ids.insert(entry.id) }
            XCTAssertEqual(ids.count, 100)
        }
        let summary = try await client.today(day10).summary
        XCTAssertEqual(summary.counts.water, 100)
        XCTAssertEqual(summary.waterMl, UInt32((0..<100).map { 10 + $0 }.reduce(0, +)))
    }
}

/// Integers appended from the client's queue.
private final class Order: @unchecked Sendable {
    private let lock = NSLock()
    private var list: [Int] = []
    func append(_ value: Int) {
        lock.lock()
        defer { lock.unlock() }
        list.append(value)
    }
    var values: [Int] {
        lock.lock()
        defer { lock.unlock() }
        return list
    }
}
