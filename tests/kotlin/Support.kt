package app.gutskin.tests

import app.gutskin.core.model.ActivityKind
import app.gutskin.core.model.BodyArea
import app.gutskin.core.model.Condition
import app.gutskin.core.model.Course
import app.gutskin.core.model.Entry
import app.gutskin.core.model.EntryDetails
import app.gutskin.core.model.MealItem
import app.gutskin.core.model.MealKind
import app.gutskin.core.model.MedicationKind
import app.gutskin.core.model.NewEntry
import app.gutskin.core.model.SkinRating
import java.io.File
import java.nio.file.Files
import java.time.Clock
import java.time.Instant
import java.time.ZoneId
import java.time.ZonedDateTime
import kotlin.test.assertEquals
import kotlin.test.assertTrue
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.runBlocking
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.first
import kotlinx.coroutines.withTimeout

// Shared by the test classes: fixed times, temporary folders, waiting for view-model state, and entry
// comparison that looks into the POEM ByteArray (Kotlin data classes compare arrays by reference).

val BERLIN: ZoneId = ZoneId.of("Europe/Berlin")

/** A fixed "now" in the past (the core refuses entries more than a day after the real clock). */
val NOW: Instant = Instant.parse("2025-06-15T08:15:00Z")

/** 10:15 in Berlin (summer time, +02:00) on 2025-06-15. */
val FIXED_CLOCK: Clock = Clock.fixed(NOW, BERLIN)

fun berlin(text: String): ZonedDateTime = ZonedDateTime.of(java.time.LocalDateTime.parse(text), BERLIN)

/** Runs a suspending test body, failing it after 30 s instead of hanging. */
fun blocking(block: suspend CoroutineScope.() -> Unit) {
    runBlocking { withTimeout(30_000) { block() } }
}

/** Waits (at most 10 s) for a state matching [predicate], and returns it. */
suspend fun <S> StateFlow<S>.await(predicate: (S) -> Boolean): S = withTimeout(10_000) { first(predicate) }

fun tempDir(prefix: String = "gutskin-test"): File = Files.createTempDirectory(prefix).toFile().apply { deleteOnExit() }

/** The details in a form whose equals compares contents (a POEM ByteArray as a list). */
fun EntryDetails.comparable(): Any =
    if (this is EntryDetails.SkinCheckIn) listOf("skin", ratings, poem?.toList()) else this

fun Entry.comparable(): List<Any?> =
    listOf(id, occurredAt, timeZone, utcOffsetMinutes, localDate, note, tags, deleted, details.comparable())

fun assertSameEntry(expected: Entry, actual: Entry) = assertEquals(expected.comparable(), actual.comparable())

fun assertSameEntries(expected: List<Entry>, actual: List<Entry>) =
    assertEquals(expected.map { it.comparable() }, actual.map { it.comparable() })

/** The stored entry holds what was logged (inputs in these tests are already normalised). */
fun assertLogged(input: NewEntry, stored: Entry) {
    assertEquals(input.occurredAt, stored.occurredAt)
    assertEquals(input.timeZone, stored.timeZone)
    input.utcOffsetMinutes?.let { assertEquals(it, stored.utcOffsetMinutes) }
    assertEquals(input.note, stored.note)
    assertEquals(input.tags, stored.tags)
    assertEquals(input.details.comparable(), stored.details.comparable())
    assertTrue(!stored.deleted)
}

/**
 * One entry of every kind, each with every optional field set, on 2025-06-10 in Berlin (+02:00), an
 * hour apart from 07:00, plus minimal variants of the kinds with optional parts. Built with the
 * generated constructors only, so the binding tests do not depend on the idiomatic layer.
 */
fun everyKind(): List<NewEntry> {
    val kinds = listOf(
        EntryDetails.Meal(MealKind.LUNCH, listOf(MealItem.FreeText("lentil soup"), MealItem.FreeText("rye bread"))),
        EntryDetails.SkinCheckIn(
            listOf(
                SkinRating(Condition.ACNE, 4u, 2u, listOf(BodyArea.FACE, BodyArea.BACK)),
                SkinRating(Condition.ATOPIC_DERMATITIS, 6u, 7u, listOf(BodyArea.ELBOWS, BodyArea.KNEES)),
            ),
            byteArrayOf(1, 2, 0, 0, 1, 2, 3),
        ),
        EntryDetails.GutCheckIn(4u, 3u, 1u),
        EntryDetails.Stress(6u),
        EntryDetails.Sleep(450u, 4u),
        EntryDetails.Activity(ActivityKind.EXERCISE, 30u),
        EntryDetails.Medication(MedicationKind.ANTIBIOTIC, "doxycycline", "100 mg", Course("2025-06-01", "2025-06-14")),
        EntryDetails.Water(250u),
        EntryDetails.Note("Skin calmer today"),
        // Minimal variants.
        EntryDetails.Meal(MealKind.DRINK, emptyList()),
        EntryDetails.SkinCheckIn(listOf(SkinRating(Condition.ROSACEA, 0u, null, emptyList())), null),
        EntryDetails.SkinCheckIn(emptyList(), byteArrayOf(4, 4, 4, 4, 4, 4, 4)),
        EntryDetails.GutCheckIn(null, null, 0u),
        EntryDetails.Sleep(0u, null),
        EntryDetails.Activity(ActivityKind.BREATHING, 1u),
        EntryDetails.Medication(MedicationKind.PROBIOTIC, "L. rhamnosus GG", null, null),
        EntryDetails.Medication(MedicationKind.OTHER, "zinc", "15 mg", Course("2025-05-01", null)),
    )
    val start = Instant.parse("2025-06-10T05:00:00Z")
    return kinds.mapIndexed { i, details ->
        NewEntry(
            occurredAt = start.plusSeconds(i * 1800L).plusMillis(i.toLong()),
            timeZone = "Europe/Berlin",
            utcOffsetMinutes = 120,
            note = if (i % 2 == 0) "note $i" else null,
            tags = if (i % 3 == 0) listOf("dairy", "late") else emptyList(),
            details = details,
        )
    }
}

/** The SQLite header keeps `user_version` as a big-endian int at byte offset 60. */
const val USER_VERSION_OFFSET = 60L

fun readUserVersion(file: File): Int =
    java.io.RandomAccessFile(file, "r").use { it.seek(USER_VERSION_OFFSET); it.readInt() }

fun writeUserVersion(file: File, version: Int) =
    java.io.RandomAccessFile(file, "rw").use { it.seek(USER_VERSION_OFFSET); it.writeInt(version) }
