package app.gutskin.diary

import app.gutskin.core.model.ActivityKind
import app.gutskin.core.model.BodyArea
import app.gutskin.core.model.Condition
import app.gutskin.core.model.Course
import app.gutskin.core.model.Entry
import app.gutskin.core.model.EntryDetails
import app.gutskin.core.model.EntryKind
import app.gutskin.core.model.GutskinException
import app.gutskin.core.model.MealItem
import app.gutskin.core.model.MealKind
import app.gutskin.core.model.MedicationKind
import app.gutskin.core.model.NewEntry
import app.gutskin.core.model.SkinRating
import java.time.Duration
import java.time.LocalDate
import java.time.ZoneOffset
import java.time.ZonedDateTime

// Building the core's NewEntry from Kotlin types. Numbers arrive as Int (what sliders and text fields give)
// and are narrowed here; a value that does not fit is refused with the same typed error, and the same
// field name, the core would use, so screens handle one kind of error.

/** This value as a UByte, or `GutskinException.InvalidInput` naming [field]. Never wraps around. */
fun Int.toUByteFor(field: String): UByte = when {
    this < 0 -> throw GutskinException.InvalidInput(field, "must not be negative, got $this")
    this > UByte.MAX_VALUE.toInt() -> throw GutskinException.InvalidInput(field, "must be at most 255, got $this")
    else -> toUByte()
}

/** This value as a UInt, or `GutskinException.InvalidInput` naming [field]. */
fun Long.toUIntFor(field: String): UInt = when {
    this < 0 -> throw GutskinException.InvalidInput(field, "must not be negative, got $this")
    this > UInt.MAX_VALUE.toLong() -> throw GutskinException.InvalidInput(field, "is too large: $this")
    else -> toUInt()
}

fun Int.toUIntFor(field: String): UInt = toLong().toUIntFor(field)

/** The kind of entry these details make. */
val EntryDetails.kind: EntryKind
    get() = when (this) {
        is EntryDetails.Meal -> EntryKind.MEAL
        is EntryDetails.SkinCheckIn -> EntryKind.SKIN_CHECK_IN
        is EntryDetails.GutCheckIn -> EntryKind.GUT_CHECK_IN
        is EntryDetails.Stress -> EntryKind.STRESS
        is EntryDetails.Sleep -> EntryKind.SLEEP
        is EntryDetails.Activity -> EntryKind.ACTIVITY
        is EntryDetails.Medication -> EntryKind.MEDICATION
        is EntryDetails.Water -> EntryKind.WATER
        is EntryDetails.Note -> EntryKind.NOTE
    }

val Entry.kind: EntryKind get() = details.kind

/** The POEM answers (0-4 each) as Ints, or null when POEM was not answered. */
val EntryDetails.SkinCheckIn.poemAnswers: List<Int>? get() = poem?.map { it.toUByte().toInt() }

/** The free-text items of a meal (other kinds of item, as later issues add them, are left out). */
val EntryDetails.Meal.itemTexts: List<String> get() = items.mapNotNull { (it as? MealItem.FreeText)?.text }

/** The entry's fields as an input: edit a copy and hand it to `GutskinDiary.update`. */
fun Entry.toNewEntry(): NewEntry = NewEntry(
    occurredAt = occurredAt,
    timeZone = timeZone,
    utcOffsetMinutes = utcOffsetMinutes,
    note = note,
    tags = tags,
    details = details,
)

/** A skin rating from slider values: severity and itch 0-10. */
fun skinRating(
    condition: Condition,
    severity: Int,
    itch: Int? = null,
    areas: Collection<BodyArea> = emptyList(),
    field: String = "skin.ratings[0]",
): SkinRating = SkinRating(
    condition = condition,
    severity = severity.toUByteFor("$field.severity"),
    itch = itch?.toUByteFor("$field.itch"),
    areas = areas.distinct(),
)

/**
 * NewEntry for each kind, from Kotlin types. `at` is when it happened and where: its zone becomes the
 * entry's IANA time zone (a bare offset such as `+02:00` is kept as "Etc/UTC" plus that offset, so the
 * local day stays right).
 */
object NewEntries {
    fun of(at: ZonedDateTime, details: EntryDetails, note: String? = null, tags: List<String> = emptyList()): NewEntry {
        val zone = at.zone
        val (timeZone, offsetMinutes) = if (zone is ZoneOffset) {
            "Etc/UTC" to zone.totalSeconds / 60
        } else {
            zone.id to null
        }
        return NewEntry(
            occurredAt = at.toInstant(),
            timeZone = timeZone,
            utcOffsetMinutes = offsetMinutes,
            note = note,
            tags = tags,
            details = details,
        )
    }

    fun meal(
        at: ZonedDateTime,
        meal: MealKind,
        items: List<String>,
        note: String? = null,
        tags: List<String> = emptyList(),
    ): NewEntry = of(at, EntryDetails.Meal(meal, items.map { MealItem.FreeText(it) }), note, tags)

    /** A skin check-in: ratings (see [skinRating]) and/or the seven POEM answers (0-4 each). */
    fun skinCheckIn(
        at: ZonedDateTime,
        ratings: List<SkinRating>,
        poem: List<Int>? = null,
        note: String? = null,
        tags: List<String> = emptyList(),
    ): NewEntry {
        val answers = poem?.mapIndexed { i, a -> a.toUByteFor("skin.poem[$i]").toByte() }?.toByteArray()
        return of(at, EntryDetails.SkinCheckIn(ratings, answers), note, tags)
    }

    /** Bristol stool form 1-7, bloating and pain 0-10; at least one. */
    fun gutCheckIn(
        at: ZonedDateTime,
        bristol: Int? = null,
        bloating: Int? = null,
        pain: Int? = null,
        note: String? = null,
        tags: List<String> = emptyList(),
    ): NewEntry = of(
        at,
        EntryDetails.GutCheckIn(
            bristol?.toUByteFor("gut.bristol"),
            bloating?.toUByteFor("gut.bloating"),
            pain?.toUByteFor("gut.pain"),
        ),
        note,
        tags,
    )

    /** Stress 0-10. */
    fun stress(at: ZonedDateTime, level: Int, note: String? = null, tags: List<String> = emptyList()): NewEntry =
        of(at, EntryDetails.Stress(level.toUByteFor("stress.level")), note, tags)

    /** A night's sleep logged when it ended; quality 1-5. */
    fun sleep(
        at: ZonedDateTime,
        duration: Duration,
        quality: Int? = null,
        note: String? = null,
        tags: List<String> = emptyList(),
    ): NewEntry = of(
        at,
        EntryDetails.Sleep(duration.toMinutes().toUIntFor("sleep.minutes"), quality?.toUByteFor("sleep.quality")),
        note,
        tags,
    )

    fun activity(
        at: ZonedDateTime,
        activity: ActivityKind,
        duration: Duration,
        note: String? = null,
        tags: List<String> = emptyList(),
    ): NewEntry =
        of(at, EntryDetails.Activity(activity, duration.toMinutes().toUIntFor("activity.minutes")), note, tags)

    /** A medicine or supplement; an antibiotic needs [courseStart]. */
    fun medication(
        at: ZonedDateTime,
        medication: MedicationKind,
        name: String,
        dose: String? = null,
        courseStart: LocalDate? = null,
        courseEnd: LocalDate? = null,
        note: String? = null,
        tags: List<String> = emptyList(),
    ): NewEntry {
        if (courseStart == null && courseEnd != null) {
            throw GutskinException.InvalidInput("medication.course.start", "a course with an end needs its start")
        }
        val course = courseStart?.let { Course(it.toDiaryDate(), courseEnd?.toDiaryDate()) }
        return of(at, EntryDetails.Medication(medication, name, dose, course), note, tags)
    }

    fun water(at: ZonedDateTime, ml: Int, note: String? = null, tags: List<String> = emptyList()): NewEntry =
        of(at, EntryDetails.Water(ml.toUIntFor("water.ml")), note, tags)

    fun note(at: ZonedDateTime, text: String, tags: List<String> = emptyList()): NewEntry =
        of(at, EntryDetails.Note(text), null, tags)
}
