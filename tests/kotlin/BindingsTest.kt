package app.gutskin.tests

import app.gutskin.core.Diary
import app.gutskin.core.localDate
import app.gutskin.core.model.Condition
import app.gutskin.core.model.EntryDetails
import app.gutskin.core.model.EntryKind
import app.gutskin.core.model.PoemBand
import app.gutskin.core.model.Profile
import app.gutskin.core.poemScore
import app.gutskin.core.schemaVersion
import java.io.File
import java.time.Instant
import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertNotEquals
import kotlin.test.assertTrue
import org.junit.Test

/** Every exported call of bindings/src/lib.rs, straight through the generated Kotlin. */
class BindingsTest {
    private val uuid = Regex("^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")

    @Test
    fun openCreatesAFileAndKeepsItsDeviceId() {
        val file = File(tempDir(), "diary.sqlite")
        val first = Diary.open(file.path).use { diary ->
            val id = diary.deviceId()
            diary.logEntry(everyKind()[3])
            id
        }
        assertTrue(file.length() > 0)
        Diary.open(file.path).use { diary ->
            assertEquals(first, diary.deviceId())
            assertEquals(1, diary.entriesBetween("2025-06-10", "2025-06-10", null, false).size)
        }
    }

    @Test
    fun openInMemoryStartsEmptyWithItsOwnDeviceId() {
        Diary.openInMemory().use { a ->
            Diary.openInMemory().use { b ->
                assertTrue(a.deviceId().matches(Regex("^[0-9a-f-]{36}$")), a.deviceId())
                assertNotEquals(a.deviceId(), b.deviceId())
                assertTrue(a.entriesBetween("2000-01-01", "2030-12-31", null, true).isEmpty())
            }
        }
    }

    @Test
    fun logEntryReturnsTheStoredEntry() {
        Diary.openInMemory().use { diary ->
            val input = everyKind()[0]
            val entry = diary.logEntry(input)
            assertTrue(entry.id.matches(uuid), entry.id)
            assertLogged(input, entry)
            assertEquals("2025-06-10", entry.localDate)
            assertSameEntry(entry, diary.entry(entry.id))
        }
    }

    @Test
    fun logEntriesLogsAllInOrder() {
        Diary.openInMemory().use { diary ->
            val inputs = everyKind()
            val logged = diary.logEntries(inputs)
            assertEquals(inputs.size, logged.size)
            inputs.zip(logged).forEach { (input, entry) -> assertLogged(input, entry) }
            assertEquals(logged.size, logged.map { it.id }.toSet().size)
            assertSameEntries(logged, diary.entriesBetween("2025-06-10", "2025-06-10", null, false))
        }
    }

    @Test
    fun updateEntryReplacesFieldsAndKeepsTheId() {
        Diary.openInMemory().use { diary ->
            val entry = diary.logEntry(everyKind()[3])
            val changed =
                everyKind()[3].copy(note = "after the exam", tags = listOf("Exam"), details = EntryDetails.Stress(8u))
            val updated = diary.updateEntry(entry.id, changed)
            assertEquals(entry.id, updated.id)
            assertEquals("after the exam", updated.note)
            assertEquals(listOf("exam"), updated.tags) // tags are stored lower-cased
            assertEquals(EntryDetails.Stress(8u), updated.details)
            assertSameEntry(updated, diary.entry(entry.id))
        }
    }

    @Test
    fun deleteAndUndeleteEntry() {
        Diary.openInMemory().use { diary ->
            val entry = diary.logEntry(everyKind()[7])
            val deleted = diary.deleteEntry(entry.id)
            assertTrue(deleted.deleted)
            assertTrue(diary.entry(entry.id).deleted)
            assertTrue(diary.entriesBetween("2025-06-10", "2025-06-10", null, false).isEmpty())
            assertEquals(1, diary.entriesBetween("2025-06-10", "2025-06-10", null, true).size)
            assertTrue(diary.today("2025-06-10").entries.isEmpty())

            val back = diary.undeleteEntry(entry.id)
            assertFalse(back.deleted)
            assertSameEntry(entry, back)
            assertEquals(1, diary.today("2025-06-10").entries.size)
        }
    }

    @Test
    fun entriesBetweenFiltersByDayAndKind() {
        Diary.openInMemory().use { diary ->
            val logged = diary.logEntries(everyKind())
            val other = diary.logEntry(everyKind()[3].copy(occurredAt = Instant.parse("2025-06-12T10:00:00Z")))
            assertEquals(logged.size + 1, diary.entriesBetween("2025-06-01", "2025-06-30", null, false).size)
            assertEquals(listOf(other.id), diary.entriesBetween("2025-06-11", "2025-06-12", null, false).map { it.id })
            val meals = diary.entriesBetween("2025-06-10", "2025-06-10", EntryKind.MEAL, false)
            assertEquals(2, meals.size)
            assertTrue(meals.all { it.details is EntryDetails.Meal })
            // Oldest first.
            val all = diary.entriesBetween("2025-06-01", "2025-06-30", null, false)
            assertEquals(all.sortedBy { it.occurredAt }.map { it.id }, all.map { it.id })
        }
    }

    @Test
    fun daySummariesHaveOneSummaryPerDayEmptyDaysIncluded() {
        Diary.openInMemory().use { diary ->
            diary.logEntries(everyKind())
            val summaries = diary.daySummaries("2025-06-09", "2025-06-11")
            assertEquals(listOf("2025-06-09", "2025-06-10", "2025-06-11"), summaries.map { it.date })
            assertEquals(0u, summaries[0].counts.meals)
            val day = summaries[1]
            assertEquals(2u, day.counts.meals)
            assertEquals(3u, day.counts.skinCheckIns)
            assertEquals(250u, day.waterMl)
            assertEquals(31u, day.activityMinutes)
            val rated = listOf(Condition.ACNE, Condition.ATOPIC_DERMATITIS, Condition.ROSACEA)
            assertEquals(rated, day.skin.map { it.condition })
            assertEquals(6u.toUByte(), day.skin[1].worst)
            assertEquals(28u.toUByte(), day.poem?.score) // the day's last POEM
            assertEquals(PoemBand.VERY_SEVERE, day.poem?.band)
            assertEquals(6u.toUByte(), day.stress?.max)
            assertEquals(450u, day.sleep?.minutes)
        }
    }

    @Test
    fun todayGivesTheDaysEntriesAndSummaryInOneCall() {
        Diary.openInMemory().use { diary ->
            val logged = diary.logEntries(everyKind())
            val view = diary.today("2025-06-10")
            assertEquals("2025-06-10", view.date)
            assertSameEntries(logged, view.entries)
            assertEquals(diary.daySummaries("2025-06-10", "2025-06-10").single(), view.summary)
            val empty = diary.today("2025-06-11")
            assertTrue(empty.entries.isEmpty())
            assertEquals(0u, empty.summary.counts.stress)
        }
    }

    @Test
    fun profileHasDefaultsAndSetProfileStoresItNormalised() {
        Diary.openInMemory().use { diary ->
            assertEquals(Profile(emptyList(), null, 2000u, "en"), diary.profile())
            val stored = diary.setProfile(
                Profile(listOf(Condition.ROSACEA, Condition.ACNE, Condition.ACNE), 1994u.toUShort(), 2200u, "de_DE"),
            )
            assertEquals(Profile(listOf(Condition.ACNE, Condition.ROSACEA), 1994u.toUShort(), 2200u, "de-DE"), stored)
            assertEquals(stored, diary.profile())
        }
    }

    @Test
    fun exportToFileAndImportFromFileRoundTrip() {
        val dir = tempDir()
        val export = File(dir, "export.jsonl")
        Diary.openInMemory().use { source ->
            source.setProfile(Profile(listOf(Condition.PSORIASIS), null, 2000u, "en"))
            val logged = source.logEntries(everyKind())
            source.deleteEntry(logged[2].id)
            assertEquals(logged.size.toULong(), source.exportToFile(export.path))
            val lines = export.readLines()
            assertEquals("""{"type":"header","format":"gutskin-diary","version":3}""", lines.first())
            assertEquals(logged.size + 2, lines.size)

            Diary.openInMemory().use { target ->
                // A check reports what the import will do and writes nothing.
                val checked = target.checkImportFromFile(export.path)
                assertEquals(logged.size.toULong(), checked.imported)
                assertTrue(checked.profileImported)
                assertEquals(0, target.entriesBetween("2025-06-01", "2025-06-30", null, true).size)
                val report = target.importFromFile(export.path)
                assertEquals(checked, report)
                assertEquals(logged.size.toULong(), report.imported)
                assertEquals(0uL, report.alreadyPresent)
                assertTrue(report.profileImported)
                assertEquals(source.profile(), target.profile())
                assertSameEntries(
                    source.entriesBetween("2025-06-01", "2025-06-30", null, true),
                    target.entriesBetween("2025-06-01", "2025-06-30", null, true),
                )
                val again = target.importFromFile(export.path)
                assertEquals(0uL, again.imported)
                assertEquals(logged.size.toULong(), again.alreadyPresent)
                assertFalse(again.profileImported)
            }
        }
    }

    @Test
    fun poemScoreTotalsAndBands() {
        val score = poemScore(byteArrayOf(1, 2, 1, 0, 1, 2, 2))
        assertEquals(9u.toUByte(), score.score)
        assertEquals(PoemBand.MODERATE, score.band)
        assertEquals(PoemBand.CLEAR_OR_ALMOST_CLEAR, poemScore(ByteArray(7)).band)
        assertEquals(PoemBand.VERY_SEVERE, poemScore(ByteArray(7) { 4 }).band)
    }

    @Test
    fun localDateFollowsTheZone() {
        val instant = Instant.parse("2026-11-25T23:30:00Z")
        assertEquals("2026-11-26", localDate(instant, "Europe/Berlin"))
        assertEquals("2026-11-25", localDate(instant, "America/New_York"))
        assertEquals("2026-11-25", localDate(instant, "UTC"))
    }

    @Test
    fun schemaVersionIsTheOneTheLibraryWrites() {
        assertTrue(schemaVersion() >= 2u)
        val file = File(tempDir(), "diary.sqlite")
        Diary.open(file.path).use { }
        assertEquals(schemaVersion().toInt(), readUserVersion(file))
    }

    @Test
    fun instantsCrossAsTimestampsKeptToTheMillisecond() {
        Diary.openInMemory().use { diary ->
            val input = everyKind()[3].copy(occurredAt = Instant.parse("2025-06-10T10:00:00.123456789Z"))
            val entry = diary.logEntry(input)
            assertEquals(Instant.parse("2025-06-10T10:00:00.123Z"), entry.occurredAt)
        }
    }

    @Test
    fun poemAnswersCrossAsBytes() {
        Diary.openInMemory().use { diary ->
            val entry = diary.logEntry(everyKind()[1])
            val details = entry.details as EntryDetails.SkinCheckIn
            assertContentEquals(byteArrayOf(1, 2, 0, 0, 1, 2, 3), details.poem)
        }
    }
}
