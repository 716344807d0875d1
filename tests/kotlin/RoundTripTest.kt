package app.gutskin.tests

import app.gutskin.core.Diary
import app.gutskin.core.model.EntryKind
import app.gutskin.diary.kind
import app.gutskin.diary.toNewEntry
import java.io.File
import kotlin.test.assertEquals
import org.junit.Test

/** Every entry kind, with all its optional parts and without them, comes back as it was logged. */
class RoundTripTest {
    @Test
    fun everyKindIsCovered() {
        assertEquals(EntryKind.entries.toSet(), everyKind().map { it.details.kind }.toSet())
    }

    @Test
    fun everyKindRoundTripsThroughLogAndRead() {
        Diary.openInMemory().use { diary ->
            for (input in everyKind()) {
                val logged = diary.logEntry(input)
                assertLogged(input, logged)
                assertSameEntry(logged, diary.entry(logged.id))
            }
            val all = diary.entriesBetween("2025-06-10", "2025-06-10", null, false)
            assertEquals(everyKind().size, all.size)
            everyKind().zip(all).forEach { (input, stored) -> assertLogged(input, stored) }
            assertSameEntries(all, diary.today("2025-06-10").entries)
        }
    }

    @Test
    fun everyKindRoundTripsThroughAFileAndAReopen() {
        val file = File(tempDir(), "diary.sqlite")
        val logged = Diary.open(file.path).use { it.logEntries(everyKind()) }
        Diary.open(file.path).use { diary ->
            assertSameEntries(logged, diary.entriesBetween("2025-06-10", "2025-06-10", null, false))
        }
    }

    @Test
    fun everyKindRoundTripsThroughExportAndImport() {
        val export = File(tempDir(), "export.jsonl")
        Diary.openInMemory().use { source ->
            val logged = source.logEntries(everyKind())
            source.exportToFile(export.path)
            Diary.openInMemory().use { target ->
                target.importFromFile(export.path)
                assertSameEntries(logged, target.entriesBetween("2025-06-10", "2025-06-10", null, true))
            }
        }
    }

    @Test
    fun updatingAnEntryWithItsOwnFieldsChangesNothing() {
        Diary.openInMemory().use { diary ->
            for (logged in diary.logEntries(everyKind())) {
                assertSameEntry(logged, diary.updateEntry(logged.id, logged.toNewEntry()))
            }
        }
    }
}
