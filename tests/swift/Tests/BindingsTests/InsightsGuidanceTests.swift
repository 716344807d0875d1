import Foundation
import GutskinCore
import XCTest

/// The read-only analysis calls: insights over a range of days, guidance for a day.
final class InsightsGuidanceTests: XCTestCase {
    /// Three weeks of meals, skin ratings and stress: enough for the calls to have something to read.
    private func diary() throws -> Diary {
        let diary = try Diary.openInMemory()
        var entries: [NewEntry] = []
        for day in 0..<21 {
            let at = june10.addingTimeInterval(Double(-day) * 86_400)
            entries.append(newEntry(.meal(meal: .lunch, items: [.freeText(text: day % 3 == 0 ? "cheese" : "rice")]), at: at))
            entries.append(newEntry(.skinCheckIn(
                ratings: [SkinRating(condition: .acne, severity: UInt8(day % 3 == 1 ? 7 : 2), itch: nil, areas: [.face])],
                poem: nil), at: at.addingTimeInterval(3600)))
            entries.append(newEntry(.stress(level: UInt8(day % 10)), at: at.addingTimeInterval(7200)))
        }
        _ = try diary.logEntries(entries: entries)
        return diary
    }

    func testInsightsCoverTheRange() throws {
        let insights = try diary().insights(from: "2025-05-20", to: "2025-06-10")
        XCTAssertEqual(insights.from, "2025-05-20")
        XCTAssertEqual(insights.to, "2025-06-10")
        XCTAssertEqual(insights.daysWithEntries, 21)
        XCTAssertLessThanOrEqual(insights.likely + insights.possible, UInt32(insights.findings.count))
        XCTAssertFalse(insights.summary.isEmpty)
        XCTAssertFalse(insights.caveat.isEmpty)

        let empty = try Diary.openInMemory().insights(from: "2025-06-01", to: "2025-06-10")
        XCTAssertEqual(empty.daysWithEntries, 0)
        XCTAssertEqual(empty.findings, [])
        assertInvalidInput(try Diary.openInMemory().insights(from: "2025-06-10", to: "2025-06-01"), field: "to")
    }

    func testGuidanceForADay() throws {
        let diary = try diary()
        // Yogurt at breakfast all week (praise, shown last) and five stressful evenings (a stress
        // card, priority 2), so the order is tested.
        let week = (0..<7).flatMap { day -> [NewEntry] in
            let at = june10.addingTimeInterval(Double(-day) * 86_400 - 4 * 3600)
            let breakfast = newEntry(.meal(meal: .breakfast, items: [.food(foodId: "yogurt", amount: .grams(grams: 150))]), at: at)
            return day < 5 ? [breakfast, newEntry(.stress(level: 8), at: at.addingTimeInterval(12 * 3600))] : [breakfast]
        }
        _ = try diary.logEntries(entries: week)
        let guidance = try diary.guidance(date: "2025-06-10")
        XCTAssertEqual(guidance.date, "2025-06-10")
        XCTAssertFalse(guidance.disclaimer.isEmpty)
        for card in guidance.cards {
            XCTAssertFalse(card.title.isEmpty, card.ruleId)
            XCTAssertFalse(card.source.isEmpty, card.ruleId)
        }
        let priorities = guidance.cards.map(\.priority)
        XCTAssertGreaterThanOrEqual(Set(priorities).count, 2, "\(priorities)")
        XCTAssertEqual(priorities, priorities.sorted(), "1 is the most useful, first")
        assertInvalidInput(try Diary.openInMemory().guidance(date: "June 10"), field: "date")
    }
}
