import Foundation
import GutskinCore
import GutskinKit
import XCTest

// @unchecked Sendable: XCTest runs one test at a time; the mark only quiets Linux XCTest's test-list glue.
@MainActor
final class LogMealViewModelTests: XCTestCase, @unchecked Sendable {
    func testGuessesTheMealFromTheHour() async {
        func at(_ hour: Int) -> Date { day10.start(in: berlin).addingTimeInterval(Double(hour) * 3600 + 600) }
        XCTAssertEqual(MealKind.typical(at: at(7), in: berlin), .breakfast)
        XCTAssertEqual(MealKind.typical(at: at(12), in: berlin), .lunch)
        XCTAssertEqual(MealKind.typical(at: at(19), in: berlin), .dinner)
        XCTAssertEqual(MealKind.typical(at: at(16), in: berlin), .snack)
        XCTAssertEqual(MealKind.typical(at: at(23), in: berlin), .snack)
        let form = LogMealViewModel(client: try! DiaryClient.inMemory(), timeZone: berlin, now: june10)
        XCTAssertEqual(form.state.meal, .lunch, "12:30 in Berlin")
        XCTAssertEqual(form.state.occurredAt, june10)
        XCTAssertFalse(form.state.isEditing)
    }

    func testBuildsTheItemList() async throws {
        let form = LogMealViewModel(client: try DiaryClient.inMemory(), timeZone: berlin, now: june10)
        XCTAssertFalse(form.state.canSave, "nothing to save yet")
        form.setDraftItem("  lentil soup ")
        XCTAssertTrue(form.state.canSave, "the item being typed counts")
        form.addDraftItem()
        form.setDraftItem("   ")
        form.addDraftItem()
        form.setDraftItem("bread")
        form.addDraftItem()
        form.setDraftItem("apple")
        form.addDraftItem()
        XCTAssertEqual(form.state.items, ["lentil soup", "bread", "apple"])
        XCTAssertEqual(form.state.draftItem, "")
        form.removeItem(at: 1)
        form.removeItem(at: 7)
        XCTAssertEqual(form.state.items, ["lentil soup", "apple"])
    }

    func testSavesTheMeal() async throws {
        let client = try DiaryClient.inMemory()
        let form = LogMealViewModel(client: client, timeZone: berlin, now: june10)
        form.setMeal(.dinner)
        form.setDraftItem("rice")
        form.addDraftItem()
        form.setDraftItem("dal")  // not added yet: Save takes it
        form.setNote("  spicy ")
        form.setTagsText("Home, takeaway , ,home")
        form.setOccurredAt(june10.addingTimeInterval(-600))
        let recorder = Recorder<LogMealState>()
        form.onChange = recorder.record

        let saved = await form.save()
        XCTAssertTrue(saved)
        XCTAssertTrue(recorder.states.contains { $0.isSaving })
        let entry = try XCTUnwrap(form.state.saved)
        XCTAssertEqual(entry.details, .meal(meal: .dinner, items: [.freeText(text: "rice"), .freeText(text: "dal")]))
        XCTAssertEqual(entry.note, "spicy")
        XCTAssertEqual(entry.tags, ["home", "takeaway"])
        XCTAssertEqual(entry.occurredAt, june10.addingTimeInterval(-600))
        XCTAssertEqual(entry.timeZone, "Europe/Berlin")
        XCTAssertFalse(form.state.isSaving)
        let value1 = try await client.today(day10).entries
        XCTAssertEqual(value1, [entry])
    }

    func testPutsTheCoresReasonsNextToTheFields() async throws {
        let client = try DiaryClient.inMemory()
        let form = LogMealViewModel(client: client, timeZone: berlin, now: june10)
        form.setDraftItem("soup")
        form.addDraftItem()
        form.setDraftItem(String(repeating: "x", count: 201))
        form.addDraftItem()
        let saved1 = await form.save()
        XCTAssertFalse(saved1)
        XCTAssertEqual(form.state.fieldErrors, [.item(1): "Must be at most 200 characters."])
        XCTAssertNil(form.state.saved)
        form.removeItem(at: 1)
        XCTAssertEqual(form.state.fieldErrors, [:], "messages about moved items go")

        form.setOccurredAt(Date(timeIntervalSince1970: 900_000_000))  // 1998
        let saved2 = await form.save()
        XCTAssertFalse(saved2)
        XCTAssertEqual(form.state.fieldErrors[.time], "Must not be before 2000-01-01.")
        form.setOccurredAt(june10)
        form.setTagsText(String(repeating: "t", count: 41))
        let saved3 = await form.save()
        XCTAssertFalse(saved3)
        XCTAssertNotNil(form.state.fieldErrors[.tags])
        XCTAssertNil(form.state.fieldErrors[.time], "changing a field clears its message")
        form.setTagsText("")
        let saved4 = await form.save()
        XCTAssertTrue(saved4)
        XCTAssertEqual(form.state.fieldErrors, [:])
        let value2 = try await client.today(day10).entries.count
        XCTAssertEqual(value2, 1, "only the valid meal was logged")
    }

    func testEditsALoggedMeal() async throws {
        let client = try DiaryClient.inMemory()
        let tokyo = TimeZone(identifier: "Asia/Tokyo")!
        let logged = try await client.logEntry(.meal(.lunch, items: ["ramen"], at: june10, in: tokyo, note: "travel", tags: ["trip"]))
        let note = try await client.logEntry(.note("x", at: june10, in: berlin))
        XCTAssertNil(LogMealViewModel(client: client, editing: note), "only meals")
        let form = try XCTUnwrap(LogMealViewModel(client: client, editing: logged))
        XCTAssertTrue(form.state.isEditing)
        XCTAssertEqual(form.state.meal, .lunch)
        XCTAssertEqual(form.state.items, ["ramen"])
        XCTAssertEqual(form.state.note, "travel")
        XCTAssertEqual(form.state.tagsText, "trip")

        form.setDraftItem("gyoza")
        form.addDraftItem()
        let saved5 = await form.save()
        XCTAssertTrue(saved5)
        let updated = try XCTUnwrap(form.state.saved)
        XCTAssertEqual(updated.id, logged.id)
        XCTAssertEqual(updated.details, .meal(meal: .lunch, items: [.freeText(text: "ramen"), .freeText(text: "gyoza")]))
        XCTAssertEqual(updated.timeZone, "Asia/Tokyo", "it stays logged where it was")
        XCTAssertEqual(updated.utcOffsetMinutes, 540)
        let value3 = try await client.entry(id: logged.id)
        XCTAssertEqual(value3, updated)
    }

    func testEditingADeletedMealSaysSo() async throws {
        let client = try DiaryClient.inMemory()
        let logged = try await client.logEntry(.meal(.snack, items: ["nuts"], at: june10, in: berlin))
        let form = try XCTUnwrap(LogMealViewModel(client: client, editing: logged))
        // Edits of a deleted entry are allowed (it can be restored); an id the diary never had is not.
        _ = try await client.deleteEntry(id: logged.id)
        let saved6 = await form.save()
        XCTAssertTrue(saved6)
        var other = logged
        other.id = "0190a0a0-0000-7000-8000-000000000000"
        let ghost = try XCTUnwrap(LogMealViewModel(client: client, editing: other))
        let saved7 = await ghost.save()
        XCTAssertFalse(saved7)
        XCTAssertEqual(ghost.state.problem?.kind, .notFound)
        XCTAssertEqual(ghost.state.fieldErrors, [:])
    }

    func testEditingKeepsItemsTheFormDoesNotEdit() async throws {
        let client = try DiaryClient.inMemory()
        let banana = MealItem.food(foodId: "banana-raw", amount: .portion(name: "1 cup, sliced", count: 1))
        let logged = try await client.logEntry(NewEntry(
            .meal(meal: .breakfast, items: [.freeText(text: "oats"), banana]), at: june10, in: berlin))
        XCTAssertEqual(EntryRow(logged).detail, "oats, 1 food")

        let form = try XCTUnwrap(LogMealViewModel(client: client, editing: logged))
        XCTAssertEqual(form.state.items, ["oats"])
        XCTAssertEqual(form.state.keptItems, [banana])
        form.removeItem(at: 0)
        XCTAssertTrue(form.state.canSave, "the kept food is still in the meal")
        form.setDraftItem("kefir")
        let saved = await form.save()
        XCTAssertTrue(saved)
        XCTAssertEqual(form.state.saved?.details, .meal(meal: .breakfast, items: [.freeText(text: "kefir"), banana]))
    }
}
