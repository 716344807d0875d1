import Dispatch
import Foundation
import GutskinCore
import XCTest

/// One `Diary` shared by several threads, and two `Diary` objects on one file: nothing lost, nothing torn.
final class ConcurrencyTests: XCTestCase {
    func testOneDiaryFromManyThreads() throws {
        let diary = try Diary.openInMemory()
        let (threads, perThread) = (8, 25)
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: threads) { thread in
            do {
                for i in 0..<perThread {
                    let at = june10.addingTimeInterval(Double(thread * perThread + i))
                    let entry = try diary.logEntry(entry: newEntry(.water(ml: UInt32(1 + thread)), at: at, tags: ["t\(thread)"]))
                    guard try diary.entry(id: entry.id) == entry else { throw Mismatch() }
                    _ = try diary.today(date: "2025-06-10")
                    _ = try diary.daySummaries(from: "2025-06-01", to: "2025-06-30")
                }
            } catch {
                failures.add("thread \(thread): \(error)")
            }
        }
        XCTAssertEqual(failures.all, [])
        let day = try diary.today(date: "2025-06-10")
        XCTAssertEqual(day.entries.count, threads * perThread, "every entry was kept")
        XCTAssertEqual(Set(day.entries.map(\.id)).count, threads * perThread, "ids are unique")
        XCTAssertEqual(day.summary.counts.water, UInt32(threads * perThread))
        XCTAssertEqual(day.summary.waterMl, UInt32((1...threads).reduce(0, +) * perThread))
        for thread in 0..<threads {
            XCTAssertEqual(day.entries.filter { $0.tags == ["t\(thread)"] }.count, perThread)
        }
    }

    func testTwoDiariesOnOneFile() throws {
        let path = try temporaryFolder(self).appendingPathComponent("shared.sqlite").path
        let diaries = [try Diary.open(path: path), try Diary.open(path: path)]
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            do {
                let diary = diaries[thread % 2]
                for i in 0..<10 {
                    _ = try diary.logEntry(entry: newEntry(.stress(level: UInt8(i)), at: june10.addingTimeInterval(Double(thread * 10 + i))))
                    _ = try diary.today(date: "2025-06-10")
                }
            } catch {
                failures.add("thread \(thread): \(error)")
            }
        }
        XCTAssertEqual(failures.all, [])
        for diary in diaries {
            XCTAssertEqual(try diary.today(date: "2025-06-10").entries.count, 40)
            XCTAssertEqual(try diary.today(date: "2025-06-10").summary.counts.stress, 40)
        }
    }

    func testErrorsFromManyThreadsStayTyped() throws {
        let diary = try Diary.openInMemory()
        let failures = Failures()
        DispatchQueue.concurrentPerform(iterations: 8) { thread in
            do {
                _ = try diary.logEntry(entry: newEntry(.stress(level: 20)))
                failures.add("thread \(thread): no error")
            } catch GutskinError.InvalidInput(field: "stress.level", _) {
            } catch {
                failures.add("thread \(thread): \(error)")
            }
        }
        XCTAssertEqual(failures.all, [])
    }
}

private struct Mismatch: Error {}

/// Messages collected from several threads.
private final class Failures: @unchecked Sendable {
    private let lock = NSLock()
    private var messages: [String] = []

    func add(_ message: String) {
        lock.lock()
        defer { lock.unlock() }
        messages.append(message)
    }

    var all: [String] {
        lock.lock()
        defer { lock.unlock() }
        return messages
    }
}
