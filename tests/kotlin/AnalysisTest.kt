package app.gutskin.tests

import app.gutskin.core.Diary
import app.gutskin.core.model.Amount
import app.gutskin.core.model.BodyArea
import app.gutskin.core.model.Condition
import app.gutskin.core.model.EntryDetails
import app.gutskin.core.model.GutskinException
import app.gutskin.core.model.MealItem
import app.gutskin.core.model.MealKind
import app.gutskin.core.model.NewEntry
import app.gutskin.core.model.SkinRating
import java.time.Instant
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertTrue
import org.junit.Test

/** The read-only analysis calls: insights over days, guidance for a day, the doctor's HTML report. */
class AnalysisTest {
    private fun lunch(day: Int) = if (day % 3 == 0) "cheese" else "rice"

    private fun acne(severity: Int) = SkinRating(Condition.ACNE, severity.toUByte(), null, listOf(BodyArea.FACE))

    private fun invalidField(block: () -> Unit) = assertFailsWith<GutskinException.InvalidInput> { block() }.field

    /** Three weeks up to 2025-06-10 of lunches (cheese every third day), acne ratings and stress. */
    private fun threeWeeks(): Diary {
        val diary = Diary.openInMemory()
        val last = Instant.parse("2025-06-10T10:00:00Z")
        val entries = (0 until 21).flatMap { day ->
            val at = last.minusSeconds(day * 86_400L)
            fun entry(details: EntryDetails, hours: Long) =
                NewEntry(at.plusSeconds(hours * 3600), "Europe/Berlin", null, null, emptyList(), details)
            listOf(
                entry(EntryDetails.Meal(MealKind.LUNCH, listOf(MealItem.FreeText(lunch(day)))), 0),
                entry(EntryDetails.SkinCheckIn(listOf(acne(if (day % 3 == 1) 7 else 2)), null), 1),
                entry(EntryDetails.Stress((day % 10).toUByte()), 2),
            )
        }
        diary.logEntries(entries)
        return diary
    }

    @Test
    fun insightsCoverTheRange() {
        threeWeeks().use { diary ->
            val insights = diary.insights("2025-05-20", "2025-06-10")
            assertEquals("2025-05-20" to "2025-06-10", insights.from to insights.to)
            assertEquals(21u, insights.daysWithEntries)
            assertTrue(insights.likely + insights.possible <= insights.findings.size.toUInt())
            assertTrue(insights.summary.isNotEmpty() && insights.caveat.isNotEmpty())
        }
        Diary.openInMemory().use { empty ->
            val none = empty.insights("2025-06-01", "2025-06-10")
            assertEquals(0u, none.daysWithEntries)
            assertEquals(emptyList(), none.findings)
            assertEquals("to", invalidField { empty.insights("2025-06-10", "2025-06-01") })
        }
    }

    @Test
    fun guidanceForADayMostUsefulFirst() {
        threeWeeks().use { diary ->
            // Yogurt at breakfast all week (praise, shown last) and five stressful evenings (a stress
            // card, priority 2), so the order is tested.
            val week = (0 until 7).flatMap { day ->
                val at = Instant.parse("2025-06-10T06:00:00Z").minusSeconds(day * 86_400L)
                val yogurt = MealItem.Food("yogurt", Amount.Grams(150.0))
                val breakfast = NewEntry(at, "Europe/Berlin", null, null, emptyList(), EntryDetails.Meal(MealKind.BREAKFAST, listOf(yogurt)))
                val stress = NewEntry(at.plusSeconds(12 * 3600), "Europe/Berlin", null, null, emptyList(), EntryDetails.Stress(8u))
                if (day < 5) listOf(breakfast, stress) else listOf(breakfast)
            }
            diary.logEntries(week)
            val guidance = diary.guidance("2025-06-10")
            assertEquals("2025-06-10", guidance.date)
            assertTrue(guidance.disclaimer.isNotEmpty())
            assertTrue(guidance.cards.all { it.title.isNotEmpty() })
            val priorities = guidance.cards.map { it.priority }
            assertTrue(priorities.distinct().size >= 2, priorities.toString())
            assertEquals(priorities.sorted(), priorities, "1 is the most useful, first")
            assertEquals("date", invalidField { diary.guidance("June 10") })
        }
    }

    @Test
    fun theReportIsOneStandaloneHtmlPage() {
        Diary.openInMemory().use { diary ->
            diary.logEntries(everyKind())
            val html = diary.reportHtml("2025-06-01", "2025-06-10")
            assertTrue(html.lowercase().contains("<html") && html.lowercase().contains("</html>"), html.take(200))
            for (external in listOf("src=\"http", "href=\"http", "@import", "url(http")) {
                assertFalse(html.contains(external), "no external resources: found $external")
            }
            assertEquals("to", invalidField { diary.reportHtml("2025-06-10", "2025-06-01") })
        }
    }
}
