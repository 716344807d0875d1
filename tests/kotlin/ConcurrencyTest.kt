package app.gutskin.tests

import app.gutskin.core.Diary
import app.gutskin.core.model.EntryDetails
import app.gutskin.core.model.NewEntry
import app.gutskin.diary.GutskinDiary
import app.gutskin.diary.NewEntries
import java.io.File
import java.time.Instant
import java.time.LocalDate
import java.util.concurrent.ConcurrentLinkedQueue
import java.util.concurrent.CyclicBarrier
import java.util.concurrent.Executors
import java.util.concurrent.TimeUnit
import kotlin.concurrent.thread
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.async
import kotlinx.coroutines.awaitAll
import org.junit.Test

/** Calls from several threads at once: nothing lost, nothing doubled, no crash. */
class ConcurrencyTest {
    private val threads = 8
    private val perThread = 40

    private fun stress(thread: Int, i: Int) = NewEntry(
        occurredAt = Instant.parse("2025-06-10T06:00:00Z").plusSeconds(thread * 3600L + i * 60L),
        timeZone = "Europe/Berlin",
        utcOffsetMinutes = null,
        note = "t$thread-$i",
        tags = emptyList(),
        details = EntryDetails.Stress((i % 11).toUByte()),
    )

    /** 8 threads released together, each logging, reading its entry back, and loading the day. */
    private fun hammer(diary: Diary) {
        val barrier = CyclicBarrier(threads)
        val ids = ConcurrentLinkedQueue<String>()
        val failures = ConcurrentLinkedQueue<Throwable>()
        val workers = (0 until threads).map { t ->
            thread(name = "writer-$t") {
                try {
                    barrier.await()
                    for (i in 0 until perThread) {
                        val entry = diary.logEntry(stress(t, i))
                        ids += entry.id
                        assertEquals("t$t-$i", diary.entry(entry.id).note)
                        if (i % 5 == 0) diary.today("2025-06-10")
                        if (i % 10 == 0) diary.logEntries(listOf(stress(t, 1000 + i)))
                                .forEach { ids += it.id }
                    }
                } catch (e: Throwable) {
                    failures += e
                }
            }
        }
        workers.forEach { it.join(60_000) }
        assertTrue(failures.isEmpty(), "failures: ${failures.map { it.toString() }}")
        val expected = threads * (perThread + perThread / 10)
        assertEquals(expected, ids.size)
        assertEquals(expected, ids.toSet().size)
        val stored = diary.entriesBetween("2025-06-09", "2025-06-12", null, false)
        assertEquals(ids.toSet(), stored.map { it.id }.toSet())
        assertEquals(expected.toUInt(), diary.daySummaries("2025-06-09", "2025-06-12").sumOf { it.counts.stress })
    }

    @Test
    fun eightThreadsOnAnInMemoryDiary() {
        Diary.openInMemory().use { hammer(it) }
    }

    @Test
    fun eightThreadsOnAFileDiary() {
        val file = File(tempDir(), "diary.sqlite")
        Diary.open(file.path).use { hammer(it) }
        Diary.open(file.path).use { reopened ->
            val stored = reopened.entriesBetween("2025-06-09", "2025-06-12", null, false)
            assertEquals(threads * (perThread + perThread / 10), stored.size)
        }
    }

    @Test
    fun twoDiaryObjectsOnOneFileFromSeveralThreads() {
        val file = File(tempDir(), "diary.sqlite")
        Diary.open(file.path).use { a ->
            Diary.open(file.path).use { b ->
                val pool = Executors.newFixedThreadPool(4)
                val futures = (0 until 4).map { t ->
                    pool.submit<List<String>> {
                        val diary = if (t % 2 == 0) a else b
                        (0 until 25).map { i -> diary.logEntry(stress(t, i)).id }
                    }
                }
                val ids = futures.flatMap { it.get(60, TimeUnit.SECONDS) }
                pool.shutdown()
                assertEquals(100, ids.toSet().size)
                assertEquals(100, a.entriesBetween("2025-06-09", "2025-06-12", null, false).size)
                assertEquals(100, b.entriesBetween("2025-06-09", "2025-06-12", null, false).size)
            }
        }
    }

    @Test
    fun eightCoroutinesThroughTheIdiomaticLayer() = blocking {
        GutskinDiary.inMemory().use { diary ->
            val at = berlin("2025-06-10T09:00")
            val ids = (0 until threads).map { c ->
                async(Dispatchers.Default) {
                    (0 until perThread).map { i ->
                        val id = diary.log(NewEntries.water(at.plusMinutes(c * 60L + i), 100 + i)).id
                        diary.today(LocalDate.of(2025, 6, 10))
                        id
                    }
                }
            }.awaitAll().flatten()
            assertEquals(threads * perThread, ids.toSet().size)
            val day = diary.today(LocalDate.of(2025, 6, 10))
            assertEquals(threads * perThread, day.entries.size)
            assertEquals(threads * (0 until perThread).sumOf { 100 + it }, day.summary.waterMl.toInt())
            assertEquals(threads * perThread.toLong(), diary.changes.value)
        }
    }
}
