package app.gutskin.tests

import app.gutskin.core.model.BodyArea
import app.gutskin.core.model.Condition
import app.gutskin.core.model.EntryDetails
import app.gutskin.core.model.EntryKind
import app.gutskin.core.model.MealKind
import app.gutskin.core.model.Profile
import app.gutskin.diary.DiaryFormat
import app.gutskin.diary.GutskinDiary
import app.gutskin.diary.NewEntries
import app.gutskin.diary.itemTexts
import app.gutskin.diary.poemAnswers
import app.gutskin.screens.HistoryViewModel
import app.gutskin.screens.LogMealViewModel
import app.gutskin.screens.SkinCheckInViewModel
import app.gutskin.screens.TodayViewModel
import java.io.File
import java.time.Clock
import java.time.LocalDate
import java.time.LocalTime
import java.util.Locale
import kotlin.test.assertEquals
import kotlin.test.assertNotNull
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.cancel
import org.junit.After
import org.junit.Test

/** What each test gets: an in-memory diary, a scope standing in for viewModelScope, a fixed clock. */
abstract class ViewModelTestBase {
    protected val diary = GutskinDiary.inMemory()
    protected val scope = CoroutineScope(SupervisorJob() + Dispatchers.Default)
    protected val clock: Clock = FIXED_CLOCK
    protected val format = DiaryFormat(Locale.UK)

    /** 2025-06-15, "today" on [clock] (10:15 in Berlin). */
    protected val today: LocalDate = LocalDate.of(2025, 6, 15)

    @After
    fun tearDown() {
        scope.cancel()
        diary.close()
    }
}

class TodayViewModelTest : ViewModelTestBase() {
    @Test
    fun showsTodayAndReloadsAfterWritesFromAnyScreen() = blocking {
        val vm = TodayViewModel(diary, scope, clock, format)
        val empty = vm.state.await { !it.loading }
        assertEquals(today, empty.date)
        assertEquals("Today", empty.title)
        assertTrue(empty.isToday)
        assertTrue(empty.entries.isEmpty() && empty.summary.isEmpty())

        // Written elsewhere (e.g. the Log meal screen), through the same GutskinDiary.
        diary.log(NewEntries.meal(berlin("2025-06-15T08:05"), MealKind.BREAKFAST, listOf("oats", "kefir")))
        val one = vm.state.await { it.entries.size == 1 }
        assertEquals("08:05", one.entries[0].time)
        assertEquals("Breakfast", one.entries[0].title)
        assertEquals("oats, kefir", one.entries[0].detail)
        assertEquals(listOf("1 meal"), one.summary)

        vm.addWater().join()
        val two = vm.state.await { it.entries.size == 2 }
        assertEquals(250, two.waterMl)
        assertEquals("10:15", two.entries[1].time) // "now" on the fixed clock
        assertNull(two.error)
    }

    @Test
    fun navigatesBetweenDays() = blocking {
        diary.log(NewEntries.stress(berlin("2025-06-14T21:00"), 7))
        val vm = TodayViewModel(diary, scope, clock, format)
        vm.state.await { !it.loading }
        vm.previousDay()
        val yesterday = vm.state.await { it.date == today.minusDays(1) && !it.loading }
        assertEquals("Yesterday", yesterday.title)
        assertEquals(listOf("Stress up to 7/10"), yesterday.summary)
        vm.addWater(500).join()
        val noon = vm.state.await { it.entries.size == 2 }
        assertEquals(listOf("12:00", "21:00"), noon.entries.map { it.time }) // a past day's quick entry: noon
        vm.previousDay()
        vm.showToday()
        val back = vm.state.await { it.date == today && !it.loading }
        assertTrue(back.entries.isEmpty())
    }

    @Test
    fun deleteOffersUndo() = blocking {
        val entry = diary.log(NewEntries.water(berlin("2025-06-15T09:00"), 250))
        val vm = TodayViewModel(diary, scope, clock, format)
        vm.state.await { it.entries.size == 1 }
        vm.delete(entry.id).join()
        val deleted = vm.state.await { it.entries.isEmpty() }
        assertEquals(entry.id, deleted.undo?.id)
        vm.undoDelete().join()
        val restored = vm.state.await { it.entries.size == 1 && it.undo == null }
        assertEquals(entry.id, restored.entries[0].id)
    }

    @Test
    fun errorsBecomeState() = blocking {
        val vm = TodayViewModel(diary, scope, clock, format)
        vm.state.await { !it.loading }
        vm.delete("01890a5d-ac96-774b-bcce-b302099a8057").join()
        assertEquals("This entry no longer exists.", vm.state.await { it.error != null }.error?.text)
        vm.dismissError()
        vm.addWater(9000).join()
        val e = vm.state.await { it.error != null }.error!!
        assertEquals("water.ml", e.field)
        assertEquals("Water: must be 1-5000, got 9000", e.text)
    }

    @Test
    fun aDiaryThatCannotOpenShowsWhy() = blocking {
        val file = File(tempDir(), "diary.sqlite").apply { writeBytes(ByteArray(4096) { 0x42 }) }
        GutskinDiary.open(file).use { broken ->
            val vm = TodayViewModel(broken, scope, clock, format)
            val state = vm.state.await { !it.loading }
            assertTrue(state.error!!.text.contains("damaged"), state.error!!.text)
        }
    }
}

class LogMealViewModelTest : ViewModelTestBase() {
    @Test
    fun startsWithAGuessFromTheTimeOfDay() {
        val vm = LogMealViewModel(diary, scope, clock)
        val form = vm.state.value
        assertEquals(MealKind.BREAKFAST, form.meal) // 10:15
        assertEquals(today, form.date)
        assertEquals(LocalTime.of(10, 15), form.time)
        assertEquals(listOf(""), form.items)
        assertTrue(!form.canSave)
    }

    @Test
    fun savesTheMealAndResetsTheForm() = blocking {
        val vm = LogMealViewModel(diary, scope, clock)
        vm.setMeal(MealKind.LUNCH)
        vm.setItem(0, "lentil soup")
        vm.addItem()
        vm.addItem()
        vm.setItem(2, "  rye bread ")
        vm.setTime(LocalTime.of(12, 30, 45))
        vm.setNote("at work")
        vm.setTags("Takeaway, dairy")
        assertTrue(vm.state.value.canSave)
        vm.save().join()
        val state = vm.state.await { it.saved != null }
        val saved = state.saved!!
        val meal = saved.details as EntryDetails.Meal
        assertEquals(MealKind.LUNCH, meal.meal)
        assertEquals(listOf("lentil soup", "rye bread"), meal.itemTexts) // the blank row is dropped
        assertEquals("2025-06-15", saved.localDate)
        assertEquals(listOf("dairy", "takeaway"), saved.tags)
        assertEquals("at work", saved.note)
        assertEquals(listOf(""), state.items)
        assertNull(state.error)
        vm.consumeSaved()
        assertNull(vm.state.value.saved)
        assertEquals("12:30", format.time(diary.entry(saved.id)))
    }

    @Test
    fun anEmptyMealIsRefusedBeforeTheCore() = blocking {
        val vm = LogMealViewModel(diary, scope, clock)
        vm.setItem(0, "   ")
        vm.save().join()
        assertEquals("meal.items", vm.state.value.error?.field)
        assertTrue(diary.entries(today, today).isEmpty())
    }

    @Test
    fun theCoresFieldErrorPointsAtTheRow() = blocking {
        val vm = LogMealViewModel(diary, scope, clock)
        vm.setItem(0, "soup")
        vm.addItem()
        vm.addItem()
        vm.setItem(2, "x".repeat(201)) // the core allows 200 characters an item
        vm.save().join()
        val state = vm.state.await { it.error != null }
        assertEquals("meal.items[1].text", state.error?.field) // the second item sent...
        assertEquals(2, state.errorItem) // ...is the third row on screen
        assertEquals("Item 2: must be at most 200 characters", state.error?.text)
        assertTrue(!state.saving)
        vm.setItem(2, "bread")
        assertNull(vm.state.value.errorItem)
        vm.save().join()
        assertNotNull(vm.state.await { it.saved != null }.saved)
    }

    @Test
    fun aTimeTooFarAheadIsAnErrorOnTheTime() = blocking {
        val vm = LogMealViewModel(diary, scope, clock)
        vm.setItem(0, "cake")
        vm.setDate(LocalDate.now().plusDays(3))
        vm.save().join()
        val error = vm.state.await { it.error != null }.error!!
        assertEquals("occurred_at", error.field)
        assertTrue(error.text.startsWith("Time: "), error.text)
    }

    @Test
    fun editsAnExistingMeal() = blocking {
        val dinner = NewEntries.meal(berlin("2025-06-14T19:10"), MealKind.DINNER, listOf("pasta"), note = "late")
        val entry = diary.log(dinner)
        val vm = LogMealViewModel(diary, scope, clock)
        vm.edit(entry.id).join()
        val form = vm.state.await { it.editingId == entry.id }
        assertEquals(MealKind.DINNER, form.meal)
        assertEquals(listOf("pasta"), form.items)
        assertEquals(LocalDate.of(2025, 6, 14), form.date)
        assertEquals(LocalTime.of(19, 10), form.time)
        assertEquals("late", form.note)
        vm.addItem()
        vm.setItem(1, "salad")
        vm.save().join()
        val saved = vm.state.await { it.saved != null }.saved!!
        assertEquals(entry.id, saved.id)
        assertEquals(listOf("pasta", "salad"), (diary.entry(entry.id).details as EntryDetails.Meal).itemTexts)
        assertEquals(1, diary.entries(today.minusDays(7), today).size)

        vm.edit(entry.id).join()
        vm.state.await { it.editingId == entry.id }
        vm.startNew()
        val blank = vm.state.value
        assertNull(blank.editingId)
        assertEquals(listOf(""), blank.items)
        assertEquals(today, blank.date)
    }
}

class SkinCheckInViewModelTest : ViewModelTestBase() {
    @Test
    fun theProfilesConditionsComeFirstAndRated() = blocking {
        diary.setProfile(Profile(listOf(Condition.ROSACEA, Condition.ACNE), null, 2000u, "en"))
        val vm = SkinCheckInViewModel(diary, scope, clock, format)
        val form = vm.state.await { !it.loading }
        assertEquals(
            listOf(
                Condition.ACNE,
                Condition.ROSACEA,
                Condition.ATOPIC_DERMATITIS,
                Condition.PSORIASIS,
                Condition.OTHER,
            ),
            form.conditions.map { it.condition },
        )
        assertEquals(listOf(true, true, false, false, false), form.conditions.map { it.rated })
        assertEquals("Acne", form.conditions[0].label)
    }

    @Test
    fun savesRatingsAndPoem() = blocking {
        val vm = SkinCheckInViewModel(diary, scope, clock, format)
        vm.state.await { !it.loading }
        vm.setSeverity(Condition.ATOPIC_DERMATITIS, 6)
        vm.setItch(Condition.ATOPIC_DERMATITIS, 8)
        vm.toggleArea(Condition.ATOPIC_DERMATITIS, BodyArea.KNEES)
        vm.toggleArea(Condition.ATOPIC_DERMATITIS, BodyArea.ELBOWS)
        vm.toggleArea(Condition.ATOPIC_DERMATITIS, BodyArea.FACE)
        vm.toggleArea(Condition.ATOPIC_DERMATITIS, BodyArea.FACE)
        listOf(2, 1, 0, 0, 1, 2, 3).forEachIndexed { q, a -> vm.setPoemAnswer(q, a) }
        assertEquals("POEM 9/28 (moderate)", vm.state.await { it.poemScore != null }.poemScore)
        vm.setNote("new cream")
        vm.save().join()
        val saved = vm.state.await { it.saved != null }.saved!!
        val skin = saved.details as EntryDetails.SkinCheckIn
        assertEquals(Condition.ATOPIC_DERMATITIS, skin.ratings.single().condition)
        assertEquals(6u.toUByte(), skin.ratings.single().severity)
        assertEquals(8u.toUByte(), skin.ratings.single().itch)
        assertEquals(listOf(BodyArea.ELBOWS, BodyArea.KNEES), skin.ratings.single().areas)
        assertEquals(listOf(2, 1, 0, 0, 1, 2, 3), skin.poemAnswers)
        assertEquals("new cream", saved.note)
        val reset = vm.state.value
        assertEquals(List(7) { null }, reset.poem)
        assertEquals("", reset.note)
    }

    @Test
    fun aSeverityOutOfRangeIsAnErrorOnThatCondition() = blocking {
        diary.setProfile(Profile(listOf(Condition.ACNE, Condition.PSORIASIS), null, 2000u, "en"))
        val vm = SkinCheckInViewModel(diary, scope, clock, format)
        vm.state.await { !it.loading }
        vm.setSeverity(Condition.ACNE, 3)
        vm.setSeverity(Condition.PSORIASIS, 11)
        vm.save().join()
        val state = vm.state.await { it.error != null }
        assertEquals("skin.ratings[1].severity", state.error?.field)
        assertEquals("must be 0-10, got 11", state.error?.reason)
        assertEquals("Severity: must be 0-10, got 11", state.error?.text)
        assertEquals(Condition.PSORIASIS, state.errorCondition)
        assertTrue(diary.entries(today, today).isEmpty())

        vm.setSeverity(Condition.PSORIASIS, -2) // refused by the Int -> UByte helper, with the same field
        vm.save().join()
        val negative = vm.state.await { it.error?.reason?.contains("negative") == true }
        assertEquals("skin.ratings[1].severity", negative.error?.field)
        assertEquals(Condition.PSORIASIS, negative.errorCondition)
    }

    @Test
    fun nothingRatedIsTheCoresError() = blocking {
        val vm = SkinCheckInViewModel(diary, scope, clock, format)
        vm.state.await { !it.loading }
        vm.save().join()
        val state = vm.state.await { it.error != null }
        assertEquals("skin.ratings", state.error?.field)
        assertEquals("rate at least one condition or answer POEM", state.error?.reason)
    }

    @Test
    fun aHalfAnsweredPoemIsRefused() = blocking {
        val vm = SkinCheckInViewModel(diary, scope, clock, format)
        vm.state.await { !it.loading }
        vm.setPoemAnswer(0, 3)
        vm.setSeverity(Condition.ACNE, 2)
        vm.save().join()
        assertEquals("skin.poem", vm.state.value.error?.field)
        assertNull(vm.state.value.poemScore)
    }
}

class HistoryViewModelTest : ViewModelTestBase() {
    @Test
    fun listsDaysNewestFirstWithTheirSummary() = blocking {
        diary.logAll(
            listOf(
                NewEntries.meal(berlin("2025-06-13T12:00"), MealKind.LUNCH, listOf("soup")),
                NewEntries.water(berlin("2025-06-13T15:00"), 1500),
                NewEntries.stress(berlin("2025-06-15T09:00"), 4),
                NewEntries.stress(berlin("2025-05-01T09:00"), 9), // beyond the first page
            ),
        )
        val vm = HistoryViewModel(diary, scope, clock, format)
        val state = vm.state.await { !it.loading }
        assertEquals(today.minusDays(29), state.from)
        assertEquals(today, state.to)
        assertEquals(listOf(today, LocalDate.of(2025, 6, 13)), state.days.map { it.date })
        assertEquals("Fri 13 Jun", state.days[1].title)
        assertEquals("1 meal · Water 1.5 l", state.days[1].summary)
        assertEquals(listOf("Lunch", "Water"), state.days[1].entries.map { it.title })
        assertTrue(state.canLoadOlder)

        vm.loadOlder()
        val older = vm.state.await { !it.loading && it.from == today.minusDays(59) }
        assertEquals(LocalDate.of(2025, 5, 1), older.days.last().date)
    }

    @Test
    fun filtersByKindAndShowsDeletedOnRequest() = blocking {
        val logged = diary.logAll(
            listOf(
                NewEntries.meal(berlin("2025-06-14T12:00"), MealKind.LUNCH, listOf("soup")),
                NewEntries.stress(berlin("2025-06-14T18:00"), 6),
            ),
        )
        val vm = HistoryViewModel(diary, scope, clock, format)
        vm.state.await { !it.loading && it.days.size == 1 }
        vm.setKind(EntryKind.STRESS)
        val stress = vm.state.await { !it.loading && it.kind == EntryKind.STRESS }
        assertEquals(listOf("Stress"), stress.days.single().entries.map { it.title })

        vm.delete(logged[1].id).join()
        assertTrue(vm.state.await { !it.loading && it.days.isEmpty() }.days.isEmpty())
        vm.setShowDeleted(true)
        val shown = vm.state.await { !it.loading && it.showDeleted && it.days.isNotEmpty() }
        assertTrue(shown.days.single().entries.single().deleted)
        vm.undelete(logged[1].id).join()
        val undeleted = vm.state.await { s -> s.days.singleOrNull()?.entries?.singleOrNull()?.deleted == false }
        assertNull(undeleted.error)
        vm.setKind(null)
        assertEquals(2, vm.state.await { !it.loading && it.kind == null }.days.single().entries.size)
    }

    @Test
    fun errorsBecomeState() = blocking {
        val vm = HistoryViewModel(diary, scope, clock, format)
        vm.state.await { !it.loading }
        vm.undelete("not-an-id").join()
        val error = vm.state.await { it.error != null }.error!!
        assertEquals("id", error.field)
        vm.dismissError()
        assertNull(vm.state.value.error)
    }
}
