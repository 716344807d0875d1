package app.gutskin.tests

import app.gutskin.core.Diary
import app.gutskin.core.model.GutskinException
import app.gutskin.core.model.PoemBand
import app.gutskin.core.model.PoemScore
import app.gutskin.diary.DiaryFormat
import app.gutskin.diary.UserMessage
import java.time.LocalDate
import java.util.Locale
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import org.junit.Test

/** DiaryFormat and UserMessage: what the screens show, in pure Kotlin. */
class FormattingTest {
    private val format = DiaryFormat(Locale.UK)

    @Test
    fun entriesReadAsTitleTimeAndDetail() {
        Diary.openInMemory().use { diary ->
            val e = diary.logEntries(everyKind())
            // Times are the wall clock where the entry was logged (+02:00), not the JVM's zone.
            assertEquals(listOf("07:00", "07:30", "08:00"), e.take(3).map { format.time(it) })
            val lines = e.map { "${format.title(it)}: ${format.detail(it)}" }
            assertEquals(
                listOf(
                    "Lunch: lentil soup, rye bread",
                    "Skin check-in: Acne 4/10, itch 2/10 (Face, Back) · " +
                        "Atopic dermatitis 6/10, itch 7/10 (Elbows, Knees) · POEM 9",
                    "Gut check-in: Bristol 4 · bloating 3/10 · pain 1/10",
                    "Stress: 6/10",
                    "Sleep: 7 h 30 min · quality 4/5",
                    "Exercise: 30 min",
                    "Antibiotic: doxycycline (100 mg) · course from Sun 1 Jun to Sat 14 Jun",
                    "Water: 250 ml",
                    "Note: Skin calmer today",
                    "Drink: nothing listed",
                    "Skin check-in: Rosacea 0/10",
                    "Skin check-in: POEM 28",
                    "Gut check-in: pain 0/10",
                    "Sleep: 0 min",
                    "Breathing exercise: 1 min",
                    "Probiotic: L. rhamnosus GG",
                    "Medicine: zinc (15 mg) · course from Thu 1 May",
                ),
                lines,
            )
        }
    }

    @Test
    fun aDaySummaryReadsAsShortLines() {
        Diary.openInMemory().use { diary ->
            diary.logEntries(everyKind())
            val summary = diary.today("2025-06-10").summary
            assertEquals(
                listOf(
                    "2 meals",
                    "Acne: worst 4/10, itch 2/10",
                    "Atopic dermatitis: worst 6/10, itch 7/10",
                    "Rosacea: worst 0/10",
                    "POEM 28/28 (very severe)",
                    "2 gut check-ins, Bristol 4, bloating up to 3/10, pain up to 1/10",
                    "Stress up to 6/10",
                    "Slept 7 h 30 min, quality 4/5",
                    "Active 31 min",
                    "Water 250 ml",
                    "3 medicines",
                    "1 note",
                ),
                format.summaryLines(summary),
            )
            assertEquals("Nothing logged", format.summaryLine(diary.today("2025-06-11").summary))
        }
    }

    @Test
    fun numbersAndDays() {
        assertEquals(listOf("45 min", "1 h", "7 h 30 min"), listOf(45, 60, 450).map { format.duration(it) })
        assertEquals(listOf("250 ml", "1 l", "1.5 l", "2.3 l"), listOf(250, 1000, 1500, 2250).map { format.water(it) })
        val today = LocalDate.of(2025, 6, 15)
        assertEquals("Today", format.dayTitle(today, today))
        assertEquals("Yesterday", format.dayTitle(today.minusDays(1), today))
        assertEquals("Tomorrow", format.dayTitle(today.plusDays(1), today))
        assertEquals("Tuesday, 10 June 2025", format.dayTitle(LocalDate.of(2025, 6, 10), today))
        assertEquals("Tue 10 Jun", format.shortDate(LocalDate.of(2025, 6, 10)))
        assertEquals("POEM 9/28 (moderate)", format.poem(PoemScore(9u, PoemBand.MODERATE)))
    }

    @Test
    fun errorsBecomeReadableMessagesWithTheirField() {
        val invalid = UserMessage.of(GutskinException.InvalidInput("skin.ratings[1].severity", "must be 0-10, got 11"))
        val expected = UserMessage("Severity: must be 0-10, got 11", "skin.ratings[1].severity", "must be 0-10, got 11")
        assertEquals(expected, invalid)
        assertEquals("Item 3", UserMessage.fieldLabel("meal.items[2].text"))
        assertEquals("POEM question 5", UserMessage.fieldLabel("skin.poem[4]"))
        assertEquals("Tag 2", UserMessage.fieldLabel("tags[1]"))
        assertEquals("Stress level", UserMessage.fieldLabel("entries[3].stress.level"))
        assertEquals("Time", UserMessage.fieldLabel("occurred_at"))
        assertEquals("Something odd", UserMessage.fieldLabel("something_odd"))

        assertEquals("This entry no longer exists.", UserMessage.of(GutskinException.NotFound("entry", "x")).text)
        assertTrue(UserMessage.of(GutskinException.NewerSchema(9u, 2u)).text.contains("newer version"))
        assertTrue(UserMessage.of(GutskinException.CorruptFile("file is not a database")).text.contains("damaged"))
        assertEquals(
            "Line 5 of the file is not valid (Line: expected value). Nothing was imported.",
            UserMessage.of(GutskinException.InvalidImport(5u, "json", "expected value")).text,
        )
        assertTrue(UserMessage.of(GutskinException.Storage("disk I/O error")).text.contains("free space"))
        assertTrue(UserMessage.of(IllegalStateException("boom")).text.contains("boom"))
    }
}
