package app.gutskin.tests

import app.gutskin.core.model.ActivityKind
import app.gutskin.core.model.BodyArea
import app.gutskin.core.model.Condition
import app.gutskin.core.model.EntryDetails
import app.gutskin.core.model.EntryKind
import app.gutskin.core.model.GutskinException
import app.gutskin.core.model.MealKind
import app.gutskin.core.model.MedicationKind
import app.gutskin.core.model.PoemBand
import app.gutskin.core.model.Profile
import app.gutskin.diary.GutskinDiary
import app.gutskin.diary.NewEntries
import app.gutskin.diary.days
import app.gutskin.diary.itemTexts
import app.gutskin.diary.kind
import app.gutskin.diary.localDateTime
import app.gutskin.diary.parseDiaryDate
import app.gutskin.diary.poemAnswers
import app.gutskin.diary.skinRating
import app.gutskin.diary.toDiaryDate
import app.gutskin.diary.toUByteFor
import app.gutskin.diary.toUIntFor
import java.io.File
import java.time.Duration
import java.time.Instant
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.ZoneId
import java.time.ZoneOffset
import java.time.ZonedDateTime
import java.util.concurrent.Executors
import java.util.concurrent.atomic.AtomicInteger
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertIs
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.asCoroutineDispatcher
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.launch
import org.junit.Test

/** The idiomatic layer: GutskinDiary's suspend calls and Flow, and the Kotlin-type helpers. */
class GutskinDiaryTest {
    private val june10 = LocalDate.of(2025, 6, 10)

    @Test
    fun datesConvertBothWays() {
        assertEquals("2025-06-10", june10.toDiaryDate())
        assertEquals("2000-01-01", LocalDate.of(2000, 1, 1).toDiaryDate())
        assertEquals(june10, parseDiaryDate("2025-06-10"))
        assertEquals(listOf("2025-06-09", "2025-06-10"), (june10.minusDays(1)..june10).days().map { it.toDiaryDate() })
    }

    @Test
    fun intsNarrowWithoutWrappingAround() {
        assertEquals(7u.toUByte(), 7.toUByteFor("x"))
        assertEquals(255u.toUByte(), 255.toUByteFor("x"))
        val negative = assertFailsWith<GutskinException.InvalidInput> { (-1).toUByteFor("stress.level") }
        assertEquals("stress.level", negative.field)
        assertEquals("must not be negative, got -1", negative.reason)
        val tooBig = assertFailsWith<GutskinException.InvalidInput> { 256.toUByteFor("x") }
        assertEquals("must be at most 255, got 256", tooBig.reason)
        assertEquals(4_000_000_000u, 4_000_000_000L.toUIntFor("x"))
        assertFailsWith<GutskinException.InvalidInput> { (-5).toUIntFor("water.ml") }
    }

    @Test
    fun newEntriesBuildEveryKindFromKotlinTypes() = blocking {
        val at = berlin("2025-06-10T08:00")
        val inputs = listOf(
            NewEntries.meal(at, MealKind.BREAKFAST, listOf("oats", "kefir"), note = "quick", tags = listOf("Dairy")),
            NewEntries.skinCheckIn(
                at,
                listOf(skinRating(Condition.ACNE, 4, itch = 2, areas = listOf(BodyArea.FACE, BodyArea.FACE))),
                poem = listOf(1, 1, 0, 0, 2, 1, 3),
            ),
            NewEntries.gutCheckIn(at, bristol = 4, bloating = 2),
            NewEntries.stress(at, 6),
            NewEntries.sleep(at, Duration.ofHours(7).plusMinutes(30), quality = 4),
            NewEntries.activity(at, ActivityKind.MEDITATION, Duration.ofMinutes(15)),
            NewEntries.medication(
                at,
                MedicationKind.ANTIBIOTIC,
                "doxycycline",
                "100 mg",
                courseStart = june10.minusDays(3),
                courseEnd = june10.plusDays(4),
            ),
            NewEntries.water(at, 330),
            NewEntries.note(at, "calm day", tags = listOf("holiday")),
        )
        assertEquals(EntryKind.entries.toList(), inputs.map { it.details.kind })
        GutskinDiary.inMemory().use { diary ->
            val logged = diary.logAll(inputs)
            assertTrue(logged.all { it.localDate == "2025-06-10" && it.utcOffsetMinutes == 120 })
            assertTrue(logged.all { it.timeZone == "Europe/Berlin" })
            assertTrue(logged.all { it.localDateTime == LocalDateTime.of(2025, 6, 10, 8, 0) })
            assertEquals(listOf("oats", "kefir"), (logged[0].details as EntryDetails.Meal).itemTexts)
            assertEquals(listOf("dairy"), logged[0].tags)
            val skin = logged[1].details as EntryDetails.SkinCheckIn
            assertEquals(listOf(BodyArea.FACE), skin.ratings.single().areas)
            assertEquals(listOf(1, 1, 0, 0, 2, 1, 3), skin.poemAnswers)
            assertEquals(EntryDetails.Sleep(450u, 4u.toUByte()), logged[4].details)
            assertEquals(EntryDetails.Activity(ActivityKind.MEDITATION, 15u), logged[5].details)
            val course = (logged[6].details as EntryDetails.Medication).course!!
            assertEquals("2025-06-07" to "2025-06-14", course.start to course.end)
            assertEquals(EntryDetails.Note("calm day"), logged[8].details)
        }
    }

    @Test
    fun aBareOffsetKeepsTheLocalDay() = blocking {
        // 23:30 at +05:00 is still the 10th there, though already the 10th 18:30 in UTC.
        val at = ZonedDateTime.of(LocalDateTime.of(2025, 6, 10, 23, 30), ZoneOffset.ofHours(5))
        GutskinDiary.inMemory().use { diary ->
            val entry = diary.log(NewEntries.stress(at, 3))
            assertEquals("Etc/UTC", entry.timeZone)
            assertEquals(300, entry.utcOffsetMinutes)
            assertEquals("2025-06-10", entry.localDate)
            assertEquals(LocalDateTime.of(2025, 6, 10, 23, 30), entry.localDateTime)
        }
    }

    @Test
    fun builderRangeErrorsAreTheCoresTypedError() {
        val at = berlin("2025-06-10T08:00")
        fun field(block: () -> Unit) = assertFailsWith<GutskinException.InvalidInput> { block() }.field
        assertEquals("gut.pain", field { NewEntries.gutCheckIn(at, pain = -1) })
        assertEquals("sleep.minutes", field { NewEntries.sleep(at, Duration.ofMinutes(-5)) })
        assertEquals("skin.poem[2]", assertFailsWith<GutskinException.InvalidInput> {
            NewEntries.skinCheckIn(at, emptyList(), listOf(0, 0, 999, 0, 0, 0, 0))
        }.field)
        assertEquals("medication.course.start", assertFailsWith<GutskinException.InvalidInput> {
            NewEntries.medication(at, MedicationKind.OTHER, "zinc", courseEnd = june10)
        }.field)
    }

    @Test
    fun everyCallRunsOnTheInjectedDispatcher() = blocking {
        val dispatched = AtomicInteger()
        val pool = Executors.newSingleThreadExecutor { r -> Thread(r, "diary-io") }
        val dispatcher = object : java.util.concurrent.Executor {
            override fun execute(command: Runnable) {
                dispatched.incrementAndGet()
                pool.execute(command)
            }
        }.asCoroutineDispatcher()
        try {
            GutskinDiary.inMemory(dispatcher).use { diary ->
                diary.deviceId()
                val before = dispatched.get()
                assertTrue(before >= 1)
                diary.log(NewEntries.water(berlin("2025-06-10T08:00"), 250))
                diary.today(june10)
                assertTrue(dispatched.get() >= before + 2)
            }
        } finally {
            pool.shutdown()
        }
    }

    @Test
    fun everyCallThroughTheLayer() = blocking {
        val dir = tempDir()
        GutskinDiary.open(File(dir, "diary.sqlite")).use { diary ->
            assertTrue(diary.deviceId().isNotEmpty())
            val entry = diary.log(NewEntries.stress(berlin("2025-06-10T09:00"), 5))
            val updated = diary.update(entry.id, NewEntries.stress(berlin("2025-06-11T09:00"), 7))
            assertEquals("2025-06-11", updated.localDate)
            assertTrue(diary.delete(entry.id).deleted)
            assertTrue(diary.entries(june10, june10.plusDays(1)).isEmpty())
            assertEquals(1, diary.entries(june10, june10.plusDays(1), EntryKind.STRESS, includeDeleted = true).size)
            assertTrue(!diary.undelete(entry.id).deleted)
            assertEquals(entry.id, diary.entry(entry.id).id)
            assertEquals(listOf(0u, 1u), diary.summaries(june10, june10.plusDays(1)).map { it.counts.stress })
            assertEquals(7u.toUByte(), diary.today(june10.plusDays(1)).summary.stress?.max)
            val profile = diary.setProfile(diary.profile().copy(conditions = listOf(Condition.ACNE)))
            assertEquals(Profile(listOf(Condition.ACNE), null, 2000u, "en"), profile)
            val export = File(dir, "export.jsonl")
            assertEquals(1L, diary.exportTo(export))
            GutskinDiary.inMemory().use { other -> assertEquals(1uL, other.importFrom(export).imported) }
            assertEquals(PoemBand.MILD, diary.poemScore(listOf(1, 1, 1, 1, 1, 0, 0)).band)
            val newYear = diary.localDate(Instant.parse("2025-12-31T23:30:00Z"), ZoneId.of("Europe/Berlin"))
            assertEquals(LocalDate.of(2026, 1, 1), newYear)
            assertTrue(GutskinDiary.schemaVersion >= 2)
        }
    }

    @Test
    fun openingIsLazyAndItsErrorReachesTheFirstCall() = blocking {
        val file = File(tempDir(), "garbage.sqlite").apply { writeText("this is not a diary".repeat(100)) }
        val diary = GutskinDiary.open(file) // no I/O yet
        assertIs<GutskinException.CorruptFile>(runCatching { diary.ensureOpen() }.exceptionOrNull())
        assertIs<GutskinException.CorruptFile>(runCatching { diary.today(june10) }.exceptionOrNull())
        diary.close()
    }

    @Test
    fun callsAfterCloseFailClearly() = blocking {
        val diary = GutskinDiary.inMemory()
        diary.deviceId()
        diary.close()
        assertIs<IllegalStateException>(runCatching { diary.deviceId() }.exceptionOrNull())
    }

    @Test
    fun dayFlowReEmitsAfterEachWrite() = blocking {
        GutskinDiary.inMemory().use { diary ->
            val views = Channel<Int>(Channel.UNLIMITED)
            val collector = launch(Dispatchers.Default) { diary.day(june10).collect { views.send(it.entries.size) } }
            assertEquals(0, views.receive())
            val entry = diary.log(NewEntries.water(berlin("2025-06-10T08:00"), 250))
            assertEquals(1, views.receive())
            diary.delete(entry.id)
            assertEquals(0, views.receive())
            diary.undelete(entry.id)
            assertEquals(1, views.receive())
            collector.cancel()
        }
    }

    @Test
    fun daysFlowFollowsTheSelectedDate() = blocking {
        GutskinDiary.inMemory().use { diary ->
            diary.log(NewEntries.water(berlin("2025-06-11T08:00"), 250))
            val selected = MutableStateFlow(june10)
            val views = Channel<Pair<String, Int>>(Channel.UNLIMITED)
            val collector = launch(Dispatchers.Default) {
                diary.days(selected).collect { views.send(it.date to it.entries.size) }
            }
            assertEquals("2025-06-10" to 0, views.receive())
            selected.value = june10.plusDays(1)
            assertEquals("2025-06-11" to 1, views.receive())
            diary.log(NewEntries.water(berlin("2025-06-11T09:00"), 250))
            assertEquals("2025-06-11" to 2, views.receive())
            collector.cancel()
            assertNull(views.tryReceive().getOrNull())
        }
    }
}
