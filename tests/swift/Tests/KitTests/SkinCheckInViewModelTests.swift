import Foundation
import GutskinCore
import GutskinKit
import XCTest

// @unchecked Sendable: XCTest runs one test at a time; the mark only quiets Linux XCTest's test-list glue.
@MainActor
final class SkinCheckInViewModelTests: XCTestCase, @unchecked Sendable {
    private func form(conditions: [Condition] = [.acne, .rosacea]) async throws -> (SkinCheckInViewModel, DiaryClient) {
        let client = try DiaryClient.inMemory()
        try await setConditions(conditions, in: client)
        let form = SkinCheckInViewModel(client: client, timeZone: berlin, now: june10)
        await form.load()
        return (form, client)
    }

    func testStartsWithTheConditionsOfTheProfile() async throws {
        let (form, _) = try await form(conditions: [.rosacea, .acne])
        XCTAssertEqual(form.state.ratings.map(\.condition), [.acne, .rosacea])
        XCTAssertEqual(form.state.ratings.map(\.severity), [nil, nil])
        XCTAssertEqual(form.state.addableConditions, [.atopicDermatitis, .psoriasis, .other])
        XCTAssertFalse(form.state.isLoading)
    }

    func testEditsRatings() async throws {
        let (form, _) = try await form()
        form.addCondition(.atopicDermatitis)
        form.addCondition(.acne)
        XCTAssertEqual(form.state.ratings.map(\.condition), [.acne, .atopicDermatitis, .rosacea], "kept in a stable order")
        form.removeCondition(.rosacea)
        form.setSeverity(3, for: .acne)
        form.setItch(6, for: .atopicDermatitis)
        form.toggleArea(.hands, for: .atopicDermatitis)
        form.toggleArea(.face, for: .atopicDermatitis)
        form.toggleArea(.elbows, for: .atopicDermatitis)
        form.toggleArea(.hands, for: .atopicDermatitis)
        form.setSeverity(5, for: .psoriasis)  // not being rated: ignored
        XCTAssertEqual(form.state.ratings, [
            RatingDraft(condition: .acne, severity: 3),
            RatingDraft(condition: .atopicDermatitis, severity: nil, itch: 6, areas: [.face, .elbows]),
        ])
    }

    func testScoresPoemAsSoonAsItIsComplete() async throws {
        let (form, _) = try await form()
        XCTAssertEqual(SkinCheckInViewModel.poemQuestions.count, 7)
        XCTAssertEqual(SkinCheckInViewModel.poemChoices.count, 5)
        form.setIncludesPoem(true)
        for question in 0..<6 { form.setPoemAnswer(2, question: question) }
        XCTAssertNil(form.state.poemScore)
        form.setPoemAnswer(4, question: 6)
        XCTAssertEqual(form.state.poemScore, PoemScore(score: 16, band: .moderate))
        form.setPoemAnswer(nil, question: 0)
        XCTAssertNil(form.state.poemScore)
        form.setPoemAnswer(3, question: 9)  // no such question: ignored
        XCTAssertEqual(form.state.poemAnswers.count, 7)
    }

    func testSavesTheCheckIn() async throws {
        let (form, client) = try await form()
        form.setSeverity(4, for: .acne)
        form.toggleArea(.face, for: .acne)
        form.setSeverity(2, for: .rosacea)
        form.setItch(1, for: .rosacea)
        form.setIncludesPoem(true)
        for question in 0..<7 { form.setPoemAnswer(question % 5, question: question) }
        form.setNote(" new cream ")
        let saved1 = await form.save()
        XCTAssertTrue(saved1)
        let entry = try XCTUnwrap(form.state.saved)
        XCTAssertEqual(entry.details, .skinCheckIn(
            ratings: [
                SkinRating(condition: .acne, severity: 4, itch: nil, areas: [.face]),
                SkinRating(condition: .rosacea, severity: 2, itch: 1, areas: []),
            ],
            poem: Data([0, 1, 2, 3, 4, 0, 1])))
        XCTAssertEqual(entry.note, "new cream")
        let summary = try await client.today(day10).summary
        XCTAssertEqual(summary.skin.map(\.worst), [4, 2])
        XCTAssertEqual(summary.poem?.score, 11)
    }

    func testAsksForWhatIsMissingBeforeCallingTheCore() async throws {
        let (form, client) = try await form()
        form.setSeverity(4, for: .acne)
        form.setIncludesPoem(true)
        form.setPoemAnswer(1, question: 0)
        let saved2 = await form.save()
        XCTAssertFalse(saved2)
        XCTAssertEqual(Set(form.state.fieldErrors.keys), [.severity(.rosacea), .poem])
        form.setSeverity(0, for: .rosacea)
        XCTAssertNil(form.state.fieldErrors[.severity(.rosacea)])
        form.setIncludesPoem(false)
        XCTAssertEqual(form.state.fieldErrors, [:])
        let saved3 = await form.save()
        XCTAssertTrue(saved3)
        let value1 = try await client.today(day10).entries.count
        XCTAssertEqual(value1, 1)
    }

    func testPutsTheCoresReasonsNextToTheFields() async throws {
        let (form, _) = try await form()
        form.setSeverity(4, for: .acne)
        form.setSeverity(11, for: .rosacea)
        let saved4 = await form.save()
        XCTAssertFalse(saved4)
        XCTAssertEqual(form.state.fieldErrors, [.severity(.rosacea): "Must be 0-10, got 11."])
        form.setSeverity(10, for: .rosacea)
        form.setItch(-1, for: .acne)
        let saved5 = await form.save()
        XCTAssertFalse(saved5)
        XCTAssertEqual(form.state.fieldErrors, [.itch(.acne): "-1 is out of range."])
        form.setItch(nil, for: .acne)
        form.setIncludesPoem(true)
        for question in 0..<7 { form.setPoemAnswer(question == 5 ? 7 : 1, question: question) }
        let saved6 = await form.save()
        XCTAssertFalse(saved6)
        XCTAssertEqual(form.state.fieldErrors, [.poemAnswer(5): "Must be 0-4, got 7."])
    }

    func testAnEmptyCheckInIsRefusedByTheCore() async throws {
        let (form, _) = try await form(conditions: [])
        XCTAssertEqual(form.state.ratings, [])
        let saved7 = await form.save()
        XCTAssertFalse(saved7)
        XCTAssertEqual(form.state.fieldErrors, [.ratings: "Rate at least one condition or answer POEM."])
        form.addCondition(.other)
        XCTAssertNil(form.state.fieldErrors[.ratings])
    }
}
