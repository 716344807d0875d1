import Foundation
import GutskinCore
import GutskinKit
import XCTest

// @unchecked Sendable: XCTest runs one test at a time; the mark only quiets Linux XCTest's test-list glue.
@MainActor
final class HistoryViewModelTests: XCTestCase, @unchecked Sendable {
    /// Water on each of the last 30 days (ml = 100 + days ago), and a meal every tenth day.
    private func diary() async throws -> DiaryClient {
        let client = try DiaryClient.inMemory()
        var entries: [NewEntry] = []
        for ago in 0..<30 {
            let at = june10.addingTimeInterval(Double(-ago) * 86_400)
            entries.append(try .water(ml: 100 + ago, at: at, in: berlin))
            if ago % 10 == 0 { entries.append(.meal(.dinner, items: ["day \(ago)"], at: at.addingTimeInterval(60), in: berlin)) }
        }
        _ = try await client.logEntries(entries)
        return client
    }

    /// The `index`-th day shown, failing the test (instead of crashing the run) when there is none.
    private func section(_ index: Int, of history: HistoryViewModel, line: UInt = #line) throws -> HistorySection {
        try XCTUnwrap(history.state.sections.dropFirst(index).first, "no section \(index)", line: line)
    }

    private func history(_ client: DiaryClient, pageDays: Int = 7, now: Date = june10) -> HistoryViewModel {
        HistoryViewModel(client: client, pageDays: pageDays, timeZone: berlin, now: { now })
    }

    func testPagesBackwardsNewestDayFirst() async throws {
        let history = history(try await diary())
        await history.load()
        // Seven days, tomorrow back to five days ago; tomorrow has no entries.
        XCTAssertEqual(history.state.loadedFrom, day10.adding(days: -5))
        XCTAssertEqual(history.state.sections.map(\.day.iso), (0..<6).map { day10.adding(days: -$0).iso })
        guard history.state.sections.count == 6 else { return }
        XCTAssertEqual(history.state.sections[0].title, "Tue 10 Jun 2025")
        XCTAssertEqual(history.state.sections[0].rows.map(\.title), ["Water", "Dinner"])
        XCTAssertEqual(history.state.sections[0].summary.waterMl, 100)
        XCTAssertEqual(history.state.sections[5].summary.waterMl, 105)
        XCTAssertTrue(history.state.canLoadMore)

        await history.loadOlder()
        XCTAssertEqual(history.state.sections.count, 13)
        XCTAssertEqual(history.state.sections.last?.day, day10.adding(days: -12))
        XCTAssertEqual(history.state.loadedFrom, day10.adding(days: -12))
        for _ in 0..<10 { await history.loadOlder() }
        XCTAssertEqual(history.state.sections.count, 30, "days without entries are left out")
        XCTAssertEqual(history.state.sections.map(\.day), history.state.sections.map(\.day).sorted(by: >))

        await history.load()
        XCTAssertEqual(history.state.sections.count, 6, "load starts over")
    }

    func testFiltersByKind() async throws {
        let history = history(try await diary(), pageDays: 31)
        await history.setKind(.meal)
        XCTAssertEqual(history.state.kind, .meal)
        XCTAssertEqual(history.state.sections.map(\.day), [day10, day10.adding(days: -10), day10.adding(days: -20)])
        XCTAssertEqual(history.state.sections.flatMap(\.rows).map(\.detail), ["day 0", "day 10", "day 20"])
        XCTAssertEqual(try section(0, of: history).summary.waterMl, 100, "summaries are of the whole day")
        await history.setKind(nil)
        XCTAssertEqual(history.state.sections.count, 30)
    }

    func testDeletesAndRestoresInPlace() async throws {
        let history = history(try await diary())
        await history.load()
        let meal = try XCTUnwrap(section(0, of: history).rows.first { $0.kind == .meal })

        await history.delete(id: meal.id)
        XCTAssertEqual(try section(0, of: history).rows.map(\.kind), [.water])
        XCTAssertEqual(try section(0, of: history).summary.counts.meals, 0, "the day's summary follows")

        await history.setIncludeDeleted(true)
        let shown = try XCTUnwrap(section(0, of: history).rows.first { $0.id == meal.id })
        XCTAssertTrue(shown.deleted)
        await history.restore(id: meal.id)
        XCTAssertEqual(try section(0, of: history).rows.first { $0.id == meal.id }?.deleted, false)
        XCTAssertEqual(try section(0, of: history).summary.counts.meals, 1)

        // A day whose only entry goes disappears while deleted entries are hidden.
        await history.setIncludeDeleted(false)
        let lonely = try XCTUnwrap(section(1, of: history).rows.first)
        await history.delete(id: lonely.id)
        XCTAssertFalse(history.state.sections.contains { $0.day == day10.adding(days: -1) })
    }

    func testStopsAtTheEarliestDay() async throws {
        let client = try DiaryClient.inMemory()
        let early = Date(timeIntervalSince1970: 946_900_000)  // 2000-01-03T11:46:40Z
        _ = try await client.logEntry(try .water(ml: 100, at: early, in: berlin))
        let history = history(client, pageDays: 14, now: early)
        await history.load()
        XCTAssertEqual(history.state.loadedFrom, HistoryViewModel.earliestDay)
        XCTAssertFalse(history.state.canLoadMore)
        XCTAssertEqual(history.state.sections.map(\.day.iso), ["2000-01-03"])
        await history.loadOlder()
        XCTAssertEqual(history.state.sections.count, 1)
    }

    func testReportsProblems() async throws {
        let history = history(try await diary())
        await history.load()
        await history.restore(id: "not-an-id")
        XCTAssertEqual(history.state.problem?.field, "id")
        history.dismissProblem()
        XCTAssertNil(history.state.problem)
    }
}
