import Foundation
import GutskinCore
import XCTest

/// Foods, custom foods, saved meals, meal totals and photos (bindings/src/foods.rs).
final class FoodsPhotosTests: XCTestCase {
    /// A 1x1 PNG.
    private let png = Data(base64Encoded:
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")!
    private let sliced = Amount.portion(name: "1 cup, sliced", count: 1)

    func testSearchAndReadFoodsOfTheTable() throws {
        let diary = try Diary.openInMemory()
        let hits = try diary.searchFoods(query: "banana", language: "en", limit: 5)
        XCTAssertFalse(hits.isEmpty)
        XCTAssertLessThanOrEqual(hits.count, 5)
        XCTAssertTrue(hits.allSatisfy { $0.name.lowercased().contains("banana") }, "\(hits.map(\.food.id))")
        let german = try diary.searchFoods(query: "Banane", language: "de-DE", limit: 5)
        XCTAssertEqual(german.first { $0.food.id == "banana-raw" }?.name, "Banane, roh", "\(german.map(\.food.id))")

        let banana = try diary.food(id: "banana-raw")
        XCTAssertEqual(banana.names, [FoodName(language: "en", name: "Banana, raw"), FoodName(language: "de", name: "Banane, roh")])
        XCTAssertFalse(banana.custom)
        XCTAssertTrue(banana.portions.contains(Portion(name: "1 cup, sliced", grams: 150)))
        XCTAssertEqual(gutskinError(try diary.food(id: "no-such-food")), .NotFound(what: "food", id: "no-such-food"))
    }

    func testBoostsFollowWhatWasEaten() throws {
        let diary = try Diary.openInMemory()
        XCTAssertEqual(try diary.foodBoosts().recentIds, [])
        _ = try diary.logEntry(entry: newEntry(.meal(meal: .snack, items: [.food(foodId: "banana-raw", amount: sliced)])))
        XCTAssertTrue(try diary.foodBoosts().recentIds.contains("banana-raw"))
    }

    func testCustomFoods() throws {
        let diary = try Diary.openInMemory()
        var input = NewCustomFood(
            name: "Grandma's rye bread", group: .grains,
            per100g: Nutrients(energyKcal: 220, carbohydrateG: 40, sugarsG: 3, fibreG: 8, fatG: 2, saturatedFatG: 0.3,
                               proteinG: 7, epaDhaG: nil, alaG: nil, alcoholG: nil),
            fermented: .inactivated, probiotic: false, prebiotic: true, dairy: false, nova: 3, species: "rye", gi: 55,
            portions: [Portion(name: "1 slice", grams: 45)])
        let added = try diary.addCustomFood(food: input)
        XCTAssertNotNil(UUID(uuidString: added.id))
        XCTAssertEqual(added.name, "Grandma's rye bread")
        XCTAssertFalse(added.deleted)
        let asFood = try diary.food(id: added.id)
        XCTAssertTrue(asFood.custom)
        XCTAssertTrue(try diary.searchFoods(query: "grandma", language: "en", limit: 3).contains { $0.food.id == added.id })

        input.name = "Rye bread (home)"
        XCTAssertEqual(try diary.updateCustomFood(id: added.id, food: input).name, "Rye bread (home)")
        XCTAssertTrue(try diary.deleteCustomFood(id: added.id).deleted)
        XCTAssertEqual(try diary.customFoods(includeDeleted: false), [])
        XCTAssertEqual(try diary.customFoods(includeDeleted: true).map(\.id), [added.id])
        XCTAssertFalse(try diary.undeleteCustomFood(id: added.id).deleted)
        XCTAssertEqual(try diary.customFoods(includeDeleted: false).map(\.id), [added.id])

        input.nova = 5
        assertInvalidInput(try diary.addCustomFood(food: input), field: "custom_food.nova")
        let missing = UUID().uuidString.lowercased()
        XCTAssertEqual(gutskinError(try diary.deleteCustomFood(id: missing)), .NotFound(what: "custom food", id: missing))
    }

    func testSavedMealsAreLoggedAsMeals() throws {
        let diary = try Diary.openInMemory()
        let items: [MealItem] = [.food(foodId: "banana-raw", amount: sliced), .freeText(text: "black coffee")]
        var input = NewSavedMeal(name: " My usual breakfast ", meal: .breakfast, items: items, tags: ["Home"])
        let saved = try diary.saveMeal(meal: input)
        XCTAssertEqual(saved.name, "My usual breakfast")
        XCTAssertEqual(saved.items, items)
        XCTAssertEqual(saved.tags, ["home"])

        input.name = "Usual breakfast"
        XCTAssertEqual(try diary.updateSavedMeal(id: saved.id, meal: input).name, "Usual breakfast")
        XCTAssertEqual(try diary.savedMeals().map(\.id), [saved.id])

        let logged = try diary.logSavedMeal(id: saved.id, occurredAt: june10, timeZone: berlin, meal: nil)
        XCTAssertEqual(logged.details, .meal(meal: .breakfast, items: items))
        XCTAssertEqual(logged.localDate, "2025-06-10")
        let asSnack = try diary.logSavedMeal(id: saved.id, occurredAt: june10, timeZone: berlin, meal: .snack)
        XCTAssertEqual(asSnack.details, .meal(meal: .snack, items: items))

        XCTAssertTrue(try diary.deleteSavedMeal(id: saved.id).deleted)
        assertInvalidInput(try diary.logSavedMeal(id: saved.id, occurredAt: june10, timeZone: berlin, meal: nil), field: "id")
        assertInvalidInput(try diary.saveMeal(meal: NewSavedMeal(name: "Empty", meal: .lunch, items: [], tags: [])),
                           field: "saved_meal.items")
    }

    func testMealItemsAndTotals() throws {
        let diary = try Diary.openInMemory()
        let meal = try diary.logEntry(entry: newEntry(.meal(meal: .lunch, items: [.freeText(text: "soup")])))
        let grown = try diary.addMealItems(entryId: meal.id, items: [.food(foodId: "lentils-cooked", amount: .grams(grams: 170))])
        XCTAssertEqual(grown.details, .meal(meal: .lunch, items: [.freeText(text: "soup"),
                                                               .food(foodId: "lentils-cooked", amount: .grams(grams: 170))]))
        let note = try diary.logEntry(entry: newEntry(.note(text: "x")))
        assertInvalidInput(try diary.addMealItems(entryId: note.id, items: [.freeText(text: "x")]), field: "entry_id")
        assertInvalidInput(try diary.addMealItems(entryId: meal.id, items: []), field: "items")

        let known = try diary.mealIntake(items: [.food(foodId: "banana-raw", amount: sliced)])
        XCTAssertEqual(known.items, 1)
        XCTAssertEqual(known.unknownItems, 0)
        XCTAssertEqual(known.grams, 150, accuracy: 0.001)
        XCTAssertGreaterThan(known.energyKcal.value, 0)
        XCTAssertTrue(known.energyKcal.complete)
        let partly = try diary.mealIntake(items: [.food(foodId: "banana-raw", amount: sliced), .freeText(text: "cake")])
        XCTAssertEqual(partly.unknownItems, 1)
        XCTAssertFalse(partly.energyKcal.complete, "free text counts as unknown, never as zero")

        let day = try diary.today(date: "2025-06-10")
        XCTAssertTrue(day.foods.contains { $0.id == "lentils-cooked" })
        XCTAssertEqual(day.meals.count, 1)
        XCTAssertNotNil(day.summary.intake)
    }

    func testFoodSuggestionsFromImageLabels() throws {
        let diary = try Diary.openInMemory()
        let suggestions = try diary.foodSuggestions(labels: [ImageLabel(label: "Banana", confidence: 0.92)], limit: 3)
        XCTAssertFalse(suggestions.isEmpty)
        XCTAssertLessThanOrEqual(suggestions.count, 3)
        XCTAssertEqual(suggestions.first?.food.id, "banana-raw")
        XCTAssertEqual(suggestions.first?.label, "Banana")
        if case let .food(foodId, _)? = suggestions.first?.item {
            XCTAssertEqual(foodId, "banana-raw")
        } else {
            XCTFail("a suggestion's item is a food item")
        }
    }

    func testPhotosOfMealsAndTheSkinTimeline() throws {
        let folder = try temporaryFolder(self)
        let image = folder.appendingPathComponent("meal.png")
        try png.write(to: image)
        let diary = try Diary.openInMemory()
        let meal = try diary.logEntry(entry: newEntry(.meal(meal: .lunch, items: [.freeText(text: "salad")])))

        let photo = try diary.attachPhoto(photo: NewPhoto(
            path: image.path, localRef: "photos/meal.png", takenAt: june10, subject: .meal(entryId: meal.id), tags: ["Lunch"]))
        XCTAssertEqual(photo.format, .png)
        XCTAssertEqual(photo.width, 1)
        XCTAssertEqual(photo.height, 1)
        XCTAssertEqual(photo.byteSize, UInt64(png.count))
        XCTAssertEqual(photo.sha256.count, 64)
        XCTAssertEqual(photo.localRef, "photos/meal.png")
        XCTAssertEqual(photo.tags, ["lunch"])
        XCTAssertEqual(try diary.photo(id: photo.id), photo)
        XCTAssertEqual(try diary.photosOfEntry(entryId: meal.id), [photo])
        XCTAssertEqual(try diary.today(date: "2025-06-10").photos.map(\.id), [photo.id])

        XCTAssertEqual(try diary.tagPhoto(id: photo.id, tags: ["Spicy"]).tags, ["lunch", "spicy"])
        XCTAssertEqual(try diary.untagPhoto(id: photo.id, tags: ["lunch"]).tags, ["spicy"])
        XCTAssertTrue(try diary.deletePhoto(id: photo.id).deleted)
        XCTAssertEqual(try diary.photosOfEntry(entryId: meal.id), [])
        XCTAssertFalse(try diary.undeletePhoto(id: photo.id).deleted)

        let checkIn = try diary.logEntry(entry: newEntry(.skinCheckIn(
            ratings: [SkinRating(condition: .acne, severity: 5, itch: nil, areas: [.face])], poem: nil)))
        let skin = try diary.attachPhoto(photo: NewPhoto(
            path: image.path, localRef: nil, takenAt: june10.addingTimeInterval(600), subject: .skin(area: .face, checkInId: nil),
            tags: []))
        let timeline = try diary.photoTimeline(area: .face)
        XCTAssertEqual(timeline.map(\.photo.id), [skin.id])
        XCTAssertEqual(timeline.first?.checkIn?.entryId, checkIn.id, "paired with the nearest check-in")
        XCTAssertEqual(timeline.first?.checkIn?.severity, 5)
        XCTAssertEqual(try diary.photoTimeline(area: .back), [])

        let notAnImage = folder.appendingPathComponent("notes.txt")
        try Data("just text".utf8).write(to: notAnImage)
        assertInvalidInput(try diary.attachPhoto(photo: NewPhoto(
            path: notAnImage.path, localRef: nil, takenAt: nil, subject: .meal(entryId: meal.id), tags: [])), field: "photo.path")
        let missing = UUID().uuidString.lowercased()
        XCTAssertEqual(gutskinError(try diary.photo(id: missing)), .NotFound(what: "photo", id: missing))
    }
}
