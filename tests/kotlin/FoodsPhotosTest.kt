package app.gutskin.tests

import app.gutskin.core.Diary
import app.gutskin.core.model.Amount
import app.gutskin.core.model.BodyArea
import app.gutskin.core.model.Condition
import app.gutskin.core.model.EntryDetails
import app.gutskin.core.model.Fermentation
import app.gutskin.core.model.FoodGroup
import app.gutskin.core.model.FoodName
import app.gutskin.core.model.GutskinException
import app.gutskin.core.model.ImageFormat
import app.gutskin.core.model.ImageLabel
import app.gutskin.core.model.MealItem
import app.gutskin.core.model.MealKind
import app.gutskin.core.model.NewCustomFood
import app.gutskin.core.model.NewEntry
import app.gutskin.core.model.NewPhoto
import app.gutskin.core.model.NewSavedMeal
import app.gutskin.core.model.Nutrients
import app.gutskin.core.model.PhotoSubject
import app.gutskin.core.model.Portion
import app.gutskin.core.model.SkinRating
import java.awt.image.BufferedImage
import java.io.File
import java.time.Instant
import java.util.UUID
import javax.imageio.ImageIO
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertTrue
import org.junit.Test

/** Foods, custom foods, saved meals, meal totals and photos (bindings/src/foods.rs) from Kotlin. */
class FoodsPhotosTest {
    private val june10: Instant = Instant.parse("2025-06-10T10:00:00Z")
    private val cupSliced = Amount.Portion("1 cup, sliced", 1.0)

    private fun entry(details: EntryDetails, at: Instant = june10) =
        NewEntry(at, "Europe/Berlin", null, null, emptyList(), details)

    private fun invalidField(block: () -> Unit) = assertFailsWith<GutskinException.InvalidInput> { block() }.field

    @Test
    fun searchesAndReadsFoodsOfTheTable() {
        Diary.openInMemory().use { diary ->
            val hits = diary.searchFoods("banana", "en", 5u)
            assertTrue(hits.isNotEmpty() && hits.size <= 5)
            assertTrue(hits.all { it.name.lowercase().contains("banana") }, hits.map { it.food.id }.toString())
            val german = diary.searchFoods("Banane", "de-DE", 5u).single { it.food.id == "banana-raw" }
            assertEquals("Banane, roh", german.name, "a hit carries the name in the searched language")

            val banana = diary.food("banana-raw")
            assertEquals(listOf(FoodName("en", "Banana, raw"), FoodName("de", "Banane, roh")), banana.names)
            assertFalse(banana.custom)
            assertTrue(Portion("1 cup, sliced", 150.0) in banana.portions)
            val missing = assertFailsWith<GutskinException.NotFound> { diary.food("no-such-food") }
            assertEquals("food" to "no-such-food", missing.what to missing.id)
        }
    }

    @Test
    fun boostsFollowWhatWasEaten() {
        Diary.openInMemory().use { diary ->
            assertEquals(emptyList(), diary.foodBoosts().recentIds)
            diary.logEntry(entry(EntryDetails.Meal(MealKind.SNACK, listOf(MealItem.Food("banana-raw", cupSliced)))))
            assertTrue("banana-raw" in diary.foodBoosts().recentIds)
        }
    }

    @Test
    fun customFoodsAreAddedChangedDeletedAndRestored() {
        Diary.openInMemory().use { diary ->
            val input = NewCustomFood(
                name = "Grandma's rye bread",
                group = FoodGroup.GRAINS,
                per100g = Nutrients(220.0, 40.0, 3.0, 8.0, 2.0, 0.3, 7.0, null, null, null),
                fermented = Fermentation.INACTIVATED,
                probiotic = false,
                prebiotic = true,
                dairy = false,
                nova = 3u,
                species = "rye",
                gi = 55u,
                portions = listOf(Portion("1 slice", 45.0)),
            )
            val added = diary.addCustomFood(input)
            UUID.fromString(added.id)
            assertEquals("Grandma's rye bread", added.name)
            assertTrue(diary.food(added.id).custom)
            assertTrue(diary.searchFoods("grandma", "en", 3u).any { it.food.id == added.id })

            val renamed = diary.updateCustomFood(added.id, input.copy(name = "Rye bread (home)"))
            assertEquals("Rye bread (home)", renamed.name)
            assertTrue(diary.deleteCustomFood(added.id).deleted)
            assertEquals(emptyList(), diary.customFoods(false))
            assertEquals(listOf(added.id), diary.customFoods(true).map { it.id })
            assertFalse(diary.undeleteCustomFood(added.id).deleted)
            assertEquals(listOf(added.id), diary.customFoods(false).map { it.id })

            assertEquals("custom_food.nova", invalidField { diary.addCustomFood(input.copy(nova = 5u)) })
            val id = UUID.randomUUID().toString()
            assertEquals("custom food", assertFailsWith<GutskinException.NotFound> { diary.deleteCustomFood(id) }.what)
        }
    }

    @Test
    fun savedMealsAreLoggedAsMeals() {
        Diary.openInMemory().use { diary ->
            val items = listOf(MealItem.Food("banana-raw", cupSliced), MealItem.FreeText("black coffee"))
            val input = NewSavedMeal(" My usual breakfast ", MealKind.BREAKFAST, items, listOf("Home"))
            val saved = diary.saveMeal(input)
            assertEquals("My usual breakfast", saved.name)
            assertEquals(items, saved.items)
            assertEquals(listOf("home"), saved.tags)
            assertEquals("Usual breakfast", diary.updateSavedMeal(saved.id, input.copy(name = "Usual breakfast")).name)
            assertEquals(listOf(saved.id), diary.savedMeals().map { it.id })

            val logged = diary.logSavedMeal(saved.id, june10, "Europe/Berlin", null)
            assertEquals(EntryDetails.Meal(MealKind.BREAKFAST, items), logged.details)
            assertEquals("2025-06-10", logged.localDate)
            val snack = diary.logSavedMeal(saved.id, june10, "Europe/Berlin", MealKind.SNACK)
            assertEquals(EntryDetails.Meal(MealKind.SNACK, items), snack.details)

            assertTrue(diary.deleteSavedMeal(saved.id).deleted)
            assertEquals("id", invalidField { diary.logSavedMeal(saved.id, june10, "Europe/Berlin", null) })
            val empty = NewSavedMeal("Empty", MealKind.LUNCH, emptyList(), emptyList())
            assertEquals("saved_meal.items", invalidField { diary.saveMeal(empty) })
        }
    }

    @Test
    fun mealItemsAddUpToTotals() {
        Diary.openInMemory().use { diary ->
            val meal = diary.logEntry(entry(EntryDetails.Meal(MealKind.LUNCH, listOf(MealItem.FreeText("soup")))))
            val lentils = MealItem.Food("lentils-cooked", Amount.Grams(170.0))
            val grown = diary.addMealItems(meal.id, listOf(lentils))
            assertEquals(EntryDetails.Meal(MealKind.LUNCH, listOf(MealItem.FreeText("soup"), lentils)), grown.details)
            val note = diary.logEntry(entry(EntryDetails.Note("x")))
            assertEquals("entry_id", invalidField { diary.addMealItems(note.id, listOf(MealItem.FreeText("x"))) })
            assertEquals("items", invalidField { diary.addMealItems(meal.id, emptyList()) })

            val known = diary.mealIntake(listOf(MealItem.Food("banana-raw", cupSliced)))
            assertEquals(1u, known.items)
            assertEquals(0u, known.unknownItems)
            assertEquals(150.0, known.grams, 0.001)
            assertTrue(known.energyKcal.value > 0 && known.energyKcal.complete)
            val partly = diary.mealIntake(listOf(MealItem.Food("banana-raw", cupSliced), MealItem.FreeText("cake")))
            assertEquals(1u, partly.unknownItems)
            assertFalse(partly.energyKcal.complete) // free text is unknown, never zero

            val day = diary.today("2025-06-10")
            assertTrue(day.foods.any { it.id == "lentils-cooked" })
            assertEquals(1, day.meals.size)
            assertTrue(day.summary.intake != null)
        }
    }

    @Test
    fun imageLabelsSuggestFoods() {
        Diary.openInMemory().use { diary ->
            val suggestions = diary.foodSuggestions(listOf(ImageLabel("Banana", 0.92)), 3u)
            assertTrue(suggestions.isNotEmpty() && suggestions.size <= 3)
            assertEquals("banana-raw", suggestions.first().food.id)
            assertEquals("Banana", suggestions.first().label)
            assertEquals("banana-raw", assertIs<MealItem.Food>(suggestions.first().item).foodId)
        }
    }

    @Test
    fun photosOfMealsAndTheSkinTimeline() {
        val dir = tempDir()
        val image = File(dir, "meal.png")
        ImageIO.write(BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png", image)
        Diary.openInMemory().use { diary ->
            val meal = diary.logEntry(entry(EntryDetails.Meal(MealKind.LUNCH, listOf(MealItem.FreeText("salad")))))
            val photo = diary.attachPhoto(
                NewPhoto(image.path, "photos/meal.png", june10, PhotoSubject.Meal(meal.id), listOf("Lunch")),
            )
            assertEquals(ImageFormat.PNG, photo.format)
            assertEquals(1u to 1u, photo.width to photo.height)
            assertEquals(image.length().toULong(), photo.byteSize)
            assertEquals(64, photo.sha256.length)
            assertEquals("photos/meal.png", photo.localRef)
            assertEquals(listOf("lunch"), photo.tags)
            assertEquals(photo, diary.photo(photo.id))
            assertEquals(listOf(photo), diary.photosOfEntry(meal.id))
            assertEquals(listOf(photo.id), diary.today("2025-06-10").photos.map { it.id })

            assertEquals(listOf("lunch", "spicy"), diary.tagPhoto(photo.id, listOf("Spicy")).tags)
            assertEquals(listOf("spicy"), diary.untagPhoto(photo.id, listOf("lunch")).tags)
            assertTrue(diary.deletePhoto(photo.id).deleted)
            assertEquals(emptyList(), diary.photosOfEntry(meal.id))
            assertFalse(diary.undeletePhoto(photo.id).deleted)

            val rating = SkinRating(Condition.ACNE, 5u, null, listOf(BodyArea.FACE))
            val checkIn = diary.logEntry(entry(EntryDetails.SkinCheckIn(listOf(rating), null)))
            val skin = diary.attachPhoto(
                NewPhoto(image.path, null, june10.plusSeconds(600), PhotoSubject.Skin(BodyArea.FACE, null), listOf()),
            )
            val timeline = diary.photoTimeline(BodyArea.FACE)
            assertEquals(listOf(skin.id), timeline.map { it.photo.id })
            assertEquals(checkIn.id, timeline.single().checkIn?.entryId) // paired with the nearest check-in
            assertEquals(5u.toUByte(), timeline.single().checkIn?.severity)
            assertEquals(emptyList(), diary.photoTimeline(BodyArea.BACK))

            val text = File(dir, "notes.txt").apply { writeText("just text") }
            val notAnImage = NewPhoto(text.path, null, null, PhotoSubject.Meal(meal.id), emptyList())
            assertEquals("photo.path", invalidField { diary.attachPhoto(notAnImage) })
            val id = UUID.randomUUID().toString()
            assertEquals("photo", assertFailsWith<GutskinException.NotFound> { diary.photo(id) }.what)
        }
    }
}
