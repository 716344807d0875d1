package app.gutskin.tests

import app.gutskin.core.Diary
import app.gutskin.core.localDate
import app.gutskin.core.model.EntryDetails
import app.gutskin.core.model.GutskinException
import app.gutskin.core.model.Profile
import app.gutskin.core.poemScore
import app.gutskin.core.schemaVersion
import java.io.File
import java.time.Instant
import kotlin.test.assertContentEquals
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertIs
import kotlin.test.assertTrue
import org.junit.Test

/** Each variant of the core's error reaches Kotlin as its own typed exception, with its fields. */
class ErrorsTest {
    @Test
    fun invalidInputNamesTheFieldAndTheReason() {
        Diary.openInMemory().use { diary ->
            val e = assertFailsWith<GutskinException.InvalidInput> {
                diary.logEntry(everyKind()[3].copy(details = EntryDetails.Stress(11u)))
            }
            assertEquals("stress.level", e.field)
            assertEquals("must be 0-10, got 11", e.reason)
            assertTrue(e.message!!.contains("stress.level"))
        }
    }

    @Test
    fun invalidInputInABatchNamesTheEntryAndWritesNothing() {
        Diary.openInMemory().use { diary ->
            val batch = everyKind().toMutableList()
            batch[4] = batch[4].copy(details = EntryDetails.Sleep(2000u, 6u))
            val e = assertFailsWith<GutskinException.InvalidInput> { diary.logEntries(batch) }
            assertEquals("entries[4].sleep.minutes", e.field)
            assertEquals("must be at most 1440 (a day), got 2000", e.reason)
            assertTrue(diary.entriesBetween("2025-06-01", "2025-06-30", null, true).isEmpty())
        }
    }

    @Test
    fun invalidInputForEachKindOfBadArgument() {
        Diary.openInMemory().use { diary ->
            fun field(block: () -> Unit) = assertFailsWith<GutskinException.InvalidInput> { block() }.field
            assertEquals("id", field { diary.entry("not-a-uuid") })
            assertEquals("date", field { diary.today("25.11.2026") })
            assertEquals("to", field { diary.entriesBetween("2025-06-10", "2025-06-01", null, false) })
            assertEquals("to", field { diary.daySummaries("2000-01-01", "2025-01-01") })
            assertEquals("time_zone", field { diary.logEntry(everyKind()[3].copy(timeZone = "Mars/Olympus")) })
            val before2000 = everyKind()[3].copy(occurredAt = Instant.parse("1999-12-31T23:00:00Z"))
            assertEquals("occurred_at", field { diary.logEntry(before2000) })
            val tinyEnergy = Profile(emptyList(), null, 100u, "en")
            assertEquals("profile.daily_energy_kcal", field { diary.setProfile(tinyEnergy) })
            assertEquals("poem", field { poemScore(byteArrayOf(1, 2, 3)) })
            assertEquals("poem[1]", field { poemScore(byteArrayOf(0, 5, 0, 0, 0, 0, 0)) })
            assertEquals("time_zone", field { localDate(Instant.EPOCH, "Nowhere/Special") })
            assertEquals("path", field { diary.exportToFile(File(tempDir(), "no/such/dir/x.jsonl").path) })
            assertEquals("path", field { diary.importFromFile(File(tempDir(), "missing.jsonl").path) })
        }
    }

    @Test
    fun notFoundCarriesWhatAndId() {
        Diary.openInMemory().use { diary ->
            val id = "01890a5d-ac96-774b-bcce-b302099a8057"
            for (call in listOf<() -> Unit>(
                { diary.entry(id) },
                { diary.deleteEntry(id) },
                { diary.undeleteEntry(id) },
                { diary.updateEntry(id, everyKind()[3]) },
            )) {
                val e = assertFailsWith<GutskinException.NotFound> { call() }
                assertEquals("entry", e.what)
                assertEquals(id, e.id)
            }
        }
    }

    @Test
    fun newerSchemaIsRefusedAndTheFileLeftAlone() {
        val file = File(tempDir(), "diary.sqlite")
        Diary.open(file.path).use { it.logEntry(everyKind()[3]) }
        // Closing checkpointed the WAL: everything is in the main file, whose header we patch.
        assertTrue(!File(file.path + "-wal").exists() || File(file.path + "-wal").length() == 0L)
        writeUserVersion(file, 99)
        val before = file.readBytes()

        val e = assertFailsWith<GutskinException.NewerSchema> { Diary.open(file.path) }
        assertEquals(99u, e.found)
        assertEquals(schemaVersion(), e.supported)
        assertContentEquals(before, file.readBytes())
    }

    @Test
    fun corruptFileIsRefusedAndLeftAlone() {
        val file = File(tempDir(), "garbage.sqlite")
        val garbage = ByteArray(8192) { (it * 31 + 7).toByte() }
        file.writeBytes(garbage)
        val e = assertFailsWith<GutskinException.CorruptFile> { Diary.open(file.path) }
        assertTrue(e.detail.isNotEmpty())
        assertContentEquals(garbage, file.readBytes())
    }

    @Test
    fun invalidImportNamesTheLineAndImportsNothing() {
        val dir = tempDir()
        val export = File(dir, "export.jsonl")
        Diary.openInMemory().use { it.logEntries(everyKind().take(3)); it.exportToFile(export.path) }
        val lines = export.readLines()
        assertEquals(4, lines.size)
        export.writeText((lines + """{"type":"entry","id":"oops"""").joinToString("\n") + "\n")

        Diary.openInMemory().use { target ->
            val e = assertFailsWith<GutskinException.InvalidImport> { target.importFromFile(export.path) }
            assertEquals(5uL, e.line)
            assertEquals("json", e.field)
            assertTrue(e.reason.isNotEmpty())
            assertTrue(target.entriesBetween("2025-06-01", "2025-06-30", null, true).isEmpty())
        }
    }

    @Test
    fun storageErrorForAFolderThatDoesNotExist() {
        val path = File(tempDir(), "no/such/folder/diary.sqlite").path
        val e = assertFailsWith<GutskinException.Storage> { Diary.open(path) }
        assertTrue(e.detail.isNotEmpty())
    }

    @Test
    fun everyVariantIsAGutskinException() {
        val e: Exception = assertFailsWith<GutskinException> { poemScore(ByteArray(0)) }
        assertIs<GutskinException.InvalidInput>(e)
    }
}
