package app.gutskin.diary

import app.gutskin.core.model.ActivityKind
import app.gutskin.core.model.BodyArea
import app.gutskin.core.model.Condition
import app.gutskin.core.model.DaySummary
import app.gutskin.core.model.Entry
import app.gutskin.core.model.EntryDetails
import app.gutskin.core.model.EntryKind
import app.gutskin.core.model.MealKind
import app.gutskin.core.model.MedicationKind
import app.gutskin.core.model.PoemBand
import app.gutskin.core.model.PoemScore
import java.time.LocalDate
import java.time.format.DateTimeFormatter
import java.time.format.FormatStyle
import java.util.Locale
import kotlin.math.roundToInt

/**
 * How entries, days and summaries read on screen, in plain Kotlin (tested on the JVM). English text;
 * dates follow [locale]. Times are the wall-clock time where the entry was logged, not where the phone
 * is now: breakfast logged at 08:00 in Tokyo reads 08:00 back home.
 */
class DiaryFormat(val locale: Locale = Locale.getDefault()) {
    private val timeFormat = DateTimeFormatter.ofPattern("HH:mm", locale)
    private val dateFormat = DateTimeFormatter.ofLocalizedDate(FormatStyle.FULL).withLocale(locale)
    private val shortDateFormat = DateTimeFormatter.ofPattern("EEE d MMM", locale)

    /** "08:30", in the entry's own UTC offset. */
    fun time(entry: Entry): String = entry.localDateTime.format(timeFormat)

    /** "Today", "Yesterday", "Tomorrow", or the full date. */
    fun dayTitle(date: LocalDate, today: LocalDate): String = when (date) {
        today -> "Today"
        today.minusDays(1) -> "Yesterday"
        today.plusDays(1) -> "Tomorrow"
        else -> date.format(dateFormat)
    }

    /** "Mon 3 Jun", for lists. */
    fun shortDate(date: LocalDate): String = date.format(shortDateFormat)

    /** What the entry is: "Breakfast", "Skin check-in", "Exercise", "Probiotic", ... */
    fun title(entry: Entry): String = when (val d = entry.details) {
        is EntryDetails.Meal -> meal(d.meal)
        is EntryDetails.SkinCheckIn -> "Skin check-in"
        is EntryDetails.GutCheckIn -> "Gut check-in"
        is EntryDetails.Stress -> "Stress"
        is EntryDetails.Sleep -> "Sleep"
        is EntryDetails.Activity -> activity(d.activity)
        is EntryDetails.Medication -> medication(d.medication)
        is EntryDetails.Water -> "Water"
        is EntryDetails.Note -> "Note"
    }

    /** The entry's values in one line: "oats, kefir", "Acne 4/10, itch 2/10 · POEM 9 (moderate)", ... */
    fun detail(entry: Entry): String = when (val d = entry.details) {
        is EntryDetails.Meal -> {
            val texts = d.itemTexts
            val others = d.items.size - texts.size
            (texts + listOfNotNull(if (others > 0) "$others more" else null)).joinToString(", ")
                .ifEmpty { "nothing listed" }
        }
        is EntryDetails.SkinCheckIn -> {
            val ratings = d.ratings.map { r ->
                buildString {
                    append(condition(r.condition)).append(' ').append(r.severity).append("/10")
                    r.itch?.let { append(", itch ").append(it).append("/10") }
                    if (r.areas.isNotEmpty()) append(" (").append(r.areas.joinToString(", ") { area(it) }).append(')')
                }
            }
            val poem = d.poemAnswers?.let { answers -> "POEM ${answers.sum()}" }
            (ratings + listOfNotNull(poem)).joinToString(" · ")
        }
        is EntryDetails.GutCheckIn -> listOfNotNull(
            d.bristol?.let { "Bristol $it" },
            d.bloating?.let { "bloating $it/10" },
            d.pain?.let { "pain $it/10" },
        ).joinToString(" · ")
        is EntryDetails.Stress -> "${d.level}/10"
        is EntryDetails.Sleep -> listOfNotNull(duration(d.minutes.toInt()), d.quality?.let { "quality $it/5" })
            .joinToString(" · ")
        is EntryDetails.Activity -> duration(d.minutes.toInt())
        is EntryDetails.Medication -> buildString {
            append(d.name)
            d.dose?.let { append(" (").append(it).append(')') }
            d.course?.let { c ->
                append(" · course from ").append(shortDate(parseDiaryDate(c.start)))
                c.end?.let { append(" to ").append(shortDate(parseDiaryDate(it))) }
            }
        }
        is EntryDetails.Water -> water(d.ml.toInt())
        is EntryDetails.Note -> d.text
    }

    /** The day at a glance, one short line per thing logged; empty for an empty day. */
    fun summaryLines(summary: DaySummary): List<String> {
        val lines = ArrayList<String>()
        val c = summary.counts
        if (c.meals > 0u) lines += plural(c.meals.toInt(), "meal")
        for (s in summary.skin) {
            lines += buildString {
                append(condition(s.condition)).append(": worst ").append(s.worst).append("/10")
                if (s.ratings > 1u) append(", mean ").append(oneDecimal(s.mean))
                s.worstItch?.let { append(", itch ").append(it).append("/10") }
            }
        }
        summary.poem?.let { lines += poem(it) }
        summary.gut?.let { g ->
            lines += listOfNotNull(
                plural(g.checkIns.toInt(), "gut check-in"),
                g.bristolMin?.let { min ->
                    if (min == g.bristolMax) "Bristol $min" else "Bristol $min-${g.bristolMax}"
                },
                g.bloatingMax?.let { "bloating up to $it/10" },
                g.painMax?.let { "pain up to $it/10" },
            ).joinToString(", ")
        }
        summary.stress?.let { lines += "Stress up to ${it.max}/10" }
        summary.sleep?.let { s ->
            val quality = s.qualityMean?.let { ", quality ${oneDecimal(it)}/5" } ?: ""
            lines += "Slept " + duration(s.minutes.toInt()) + quality
        }
        if (summary.activityMinutes > 0u) lines += "Active " + duration(summary.activityMinutes.toInt())
        if (summary.waterMl > 0u) lines += "Water " + water(summary.waterMl.toInt())
        if (c.medications > 0u) lines += plural(c.medications.toInt(), "medicine")
        if (c.notes > 0u) lines += plural(c.notes.toInt(), "note")
        return lines
    }

    /** The summary in one line, for History: "3 meals · Acne: worst 4/10 · Water 1.5 l". */
    fun summaryLine(summary: DaySummary): String =
        summaryLines(summary).joinToString(" · ").ifEmpty { "Nothing logged" }

    fun poem(score: PoemScore): String = "POEM ${score.score}/28 (${poemBand(score.band)})"

    fun poemBand(band: PoemBand): String = when (band) {
        PoemBand.CLEAR_OR_ALMOST_CLEAR -> "clear or almost clear"
        PoemBand.MILD -> "mild"
        PoemBand.MODERATE -> "moderate"
        PoemBand.SEVERE -> "severe"
        PoemBand.VERY_SEVERE -> "very severe"
    }

    /** "45 min", "7 h", "7 h 30 min". */
    fun duration(minutes: Int): String = when {
        minutes < 60 -> "$minutes min"
        minutes % 60 == 0 -> "${minutes / 60} h"
        else -> "${minutes / 60} h ${minutes % 60} min"
    }

    /** "250 ml", "1 l", "1.5 l". */
    fun water(ml: Int): String = when {
        ml < 1000 -> "$ml ml"
        ml % 1000 == 0 -> "${ml / 1000} l"
        else -> "${oneDecimal(ml / 1000.0)} l"
    }

    fun meal(kind: MealKind): String = when (kind) {
        MealKind.BREAKFAST -> "Breakfast"
        MealKind.LUNCH -> "Lunch"
        MealKind.DINNER -> "Dinner"
        MealKind.SNACK -> "Snack"
        MealKind.DRINK -> "Drink"
    }

    fun condition(condition: Condition): String = when (condition) {
        Condition.ACNE -> "Acne"
        Condition.ATOPIC_DERMATITIS -> "Atopic dermatitis"
        Condition.ROSACEA -> "Rosacea"
        Condition.PSORIASIS -> "Psoriasis"
        Condition.OTHER -> "Other skin"
    }

    fun area(area: BodyArea): String = area.name.lowercase().replaceFirstChar { it.uppercase() }

    fun activity(kind: ActivityKind): String = when (kind) {
        ActivityKind.EXERCISE -> "Exercise"
        ActivityKind.MEDITATION -> "Meditation"
        ActivityKind.BREATHING -> "Breathing exercise"
    }

    fun medication(kind: MedicationKind): String = when (kind) {
        MedicationKind.PROBIOTIC -> "Probiotic"
        MedicationKind.PREBIOTIC -> "Prebiotic"
        MedicationKind.ANTIBIOTIC -> "Antibiotic"
        MedicationKind.OTHER -> "Medicine"
    }

    fun kind(kind: EntryKind): String = when (kind) {
        EntryKind.MEAL -> "Meals"
        EntryKind.SKIN_CHECK_IN -> "Skin"
        EntryKind.GUT_CHECK_IN -> "Gut"
        EntryKind.STRESS -> "Stress"
        EntryKind.SLEEP -> "Sleep"
        EntryKind.ACTIVITY -> "Activity"
        EntryKind.MEDICATION -> "Medicines"
        EntryKind.WATER -> "Water"
        EntryKind.NOTE -> "Notes"
    }

    private fun plural(n: Int, word: String) = if (n == 1) "1 $word" else "$n ${word}s"

    private fun oneDecimal(x: Double): String {
        val tenths = (x * 10).roundToInt()
        return if (tenths % 10 == 0) "${tenths / 10}" else "${tenths / 10}.${tenths % 10}"
    }
}
