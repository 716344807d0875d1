import Foundation
import GutskinCore
import GutskinKit
import XCTest

// @unchecked Sendable: XCTest runs one test at a time; the mark only quiets Linux XCTest's test-list glue.
@MainActor
final class TodayViewModelTests: XCTestCase, @unchecked Sendable {
    private func model(_ client: DiaryClient) -> TodayViewModel {
        TodayViewModel(client: client, timeZone: berlin, now: { june10 })
    }

    func testOpensOnTodayAndLoadsItInOneCall() async throws {
        let client = try DiaryClient.inMemory()
        let logged = try await client.logEntries([
            .meal(.breakfast, items: ["oats"], at: june10.addingTimeInterval(-3 * 3600), in: berlin),
            try .water(ml: 500, at: june10, in: berlin),
            try .stress(level: 4, at: june10.addingTimeInterval(-86_400), in: berlin),  // yesterday
        ])
        let today = model(client)
        XCTAssertEqual(today.state.day, day10)
        XCTAssertTrue(today.state.isToday)
        let recorder = Recorder<TodayState>()
        today.onChange = recorder.record

        await today.load()
        XCTAssertEqual(recorder.states.map(\.isLoading), [true, false], "loading, then loaded: one change each")
        XCTAssertEqual(today.state.rows.map(\.id), [logged[0].id, logged[1].id])
        XCTAssertEqual(today.state.rows.map(\.title), ["Breakfast", "Water"])
        XCTAssertEqual(today.state.summary?.waterMl, 500)
        XCTAssertEqual(today.state.highlights, ["1 meal", "Water 500 ml"])
        XCTAssertNil(today.state.problem)
    }

    func testMovesBetweenDaysButNotIntoTheFuture() async throws {
        let client = try DiaryClient.inMemory()
        _ = try await client.logEntry(try .stress(level: 4, at: june10.addingTimeInterval(-86_400), in: berlin))
        let today = model(client)
        await today.load()
        XCTAssertEqual(today.state.rows, [])

        await today.showPreviousDay()
        XCTAssertEqual(today.state.day, day10.adding(days: -1))
        XCTAssertFalse(today.state.isToday)
        XCTAssertEqual(today.state.rows.map(\.detail), ["4/10"])
        XCTAssertEqual(today.state.highlights, ["Stress up to 4/10"])

        await today.showNextDay()
        XCTAssertEqual(today.state.day, day10)
        XCTAssertTrue(today.state.isToday)
        await today.showNextDay()
        XCTAssertEqual(today.state.day, day10, "no next day after today")

        await today.show(Day("2025-01-01")!)
        XCTAssertEqual(today.state.rows, [])
        await today.showToday()
        XCTAssertEqual(today.state.day, day10)
    }

    func testDeleteOffersUndo() async throws {
        let client = try DiaryClient.inMemory()
        let water = try await client.logEntry(try .water(ml: 250, at: june10, in: berlin))
        let today = model(client)
        await today.load()

        await today.delete(id: water.id)
        XCTAssertEqual(today.state.rows, [])
        XCTAssertEqual(today.state.undoable?.id, water.id)
        XCTAssertEqual(today.state.summary?.waterMl, 0)

        await today.undoDelete()
        XCTAssertNil(today.state.undoable)
        XCTAssertEqual(today.state.rows.map(\.id), [water.id])
        XCTAssertEqual(today.state.summary?.waterMl, 250)

        await today.delete(id: water.id)
        today.dismissUndo()
        XCTAssertNil(today.state.undoable)
    }

    func testQuickLogging() async throws {
        let client = try DiaryClient.inMemory()
        let today = model(client)
        await today.load()
        let logged = await today.logWater(ml: 250)
        XCTAssertTrue(logged)
        let logged1 = await today.logStress(level: 3)
        XCTAssertTrue(logged1)
        XCTAssertEqual(today.state.rows.map(\.title), ["Water", "Stress"])
        XCTAssertEqual(today.state.rows.map(\.time), ["12:30", "12:30"])
        let logged2 = await today.quickLog { now, zone in .note("felt fine", at: now, in: zone) }
        XCTAssertTrue(logged2)
        XCTAssertEqual(today.state.rows.count, 3)
    }

    func testRefusalsBecomeAProblemWithTheField() async throws {
        let client = try DiaryClient.inMemory()
        let today = model(client)
        await today.load()
        let logged = await today.logStress(level: 11)
        XCTAssertFalse(logged)
        XCTAssertEqual(today.state.problem?.field, "stress.level")
        XCTAssertEqual(today.state.problem?.message, "Must be 0-10, got 11.")
        let logged3 = await today.logWater(ml: -1)
        XCTAssertFalse(logged3, "out of Int range: refused, not a crash")
        XCTAssertEqual(today.state.problem?.field, "water.ml")
        XCTAssertEqual(today.state.rows, [])
        today.dismissProblem()
        XCTAssertNil(today.state.problem)

        await today.delete(id: "0190a0a0-0000-7000-8000-000000000000")
        XCTAssertEqual(today.state.problem?.kind, .notFound)
    }
}
