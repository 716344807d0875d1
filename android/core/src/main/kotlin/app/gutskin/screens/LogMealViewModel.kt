package app.gutskin.screens

import app.gutskin.core.model.Entry
import app.gutskin.core.model.EntryDetails
import app.gutskin.core.model.GutskinException
import app.gutskin.core.model.MealKind
import app.gutskin.diary.GutskinDiary
import app.gutskin.diary.NewEntries
import app.gutskin.diary.UserMessage
import app.gutskin.diary.itemTexts
import app.gutskin.diary.localDateTime
import app.gutskin.diary.offset
import java.time.Clock
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.LocalTime
import java.time.ZoneId
import java.time.temporal.ChronoUnit
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job

/** The Log meal form. [items] are the text rows as typed; blank rows are ignored on save. */
data class LogMealState(
    /** The id of the meal being edited, or null for a new one. */
    val editingId: String? = null,
    val meal: MealKind,
    val items: List<String> = listOf(""),
    val date: LocalDate,
    val time: LocalTime,
    val note: String = "",
    /** Comma-separated, as typed. */
    val tags: String = "",
    val saving: Boolean = false,
    val error: UserMessage? = null,
    /** The row of [items] the error is about, if it is about one. */
    val errorItem: Int? = null,
    /** The meal as stored, after a save; the screen closes and calls `LogMealViewModel.consumeSaved`. */
    val saved: Entry? = null,
) {
    val canSave: Boolean get() = !saving && items.any { it.isNotBlank() }
}

/** Logs a new meal, or (after [edit]) changes one. */
class LogMealViewModel(
    private val diary: GutskinDiary,
    scope: CoroutineScope,
    private val clock: Clock = Clock.systemDefaultZone(),
) : ScreenModel<LogMealState>(blankForm(clock), scope) {
    /** The zone the meal is logged in: the phone's for a new meal, the entry's own when editing. */
    private var zone: ZoneId = clock.zone

    fun setMeal(meal: MealKind) = change { copy(meal = meal) }

    fun setItem(index: Int, text: String) = change {
        copy(items = items.toMutableList().also { it[index] = text }, errorItem = null)
    }

    fun addItem() = change { copy(items = items + "") }

    fun removeItem(index: Int) = change {
        val left = items.filterIndexed { i, _ -> i != index }
        copy(items = left.ifEmpty { listOf("") }, errorItem = null)
    }

    fun setDate(date: LocalDate) = change { copy(date = date) }

    fun setTime(time: LocalTime) = change { copy(time = time.truncatedTo(ChronoUnit.MINUTES)) }

    fun setNote(note: String) = change { copy(note = note) }

    fun setTags(tags: String) = change { copy(tags = tags) }

    fun dismissError() = setState { it.copy(error = null, errorItem = null) }

    /** A blank form for a new meal (the current draft, or an edit in progress, is dropped). */
    fun startNew() {
        zone = clock.zone
        setState { blankForm(clock) }
    }

    /** Loads meal [id] into the form; saving then updates it. */
    fun edit(id: String): Job = action({ s, e -> s.copy(error = UserMessage.of(e)) }) {
        val entry = diary.entry(id)
        val meal = entry.details as? EntryDetails.Meal
            ?: throw GutskinException.InvalidInput("id", "entry $id is not a meal")
        // Keep the entry's zone; if its recorded offset is not that zone's (a bare offset was logged), keep the offset.
        val region = ZoneId.of(entry.timeZone)
        zone = if (region.rules.getOffset(entry.occurredAt) == entry.offset) region else entry.offset
        val at = entry.localDateTime
        setState {
            LogMealState(
                editingId = entry.id,
                meal = meal.meal,
                items = meal.itemTexts.ifEmpty { listOf("") },
                date = at.toLocalDate(),
                time = at.toLocalTime().truncatedTo(ChronoUnit.MINUTES),
                note = entry.note.orEmpty(),
                tags = entry.tags.joinToString(", "),
            )
        }
    }

    /** Saves the meal. On success [LogMealState.saved] holds it and the form is blank again. */
    fun save(): Job {
        val form = current
        if (form.saving) return done()
        // Keep each row's index so an error about `meal.items[i]` points at the row the user typed.
        val rows = form.items.withIndex().filter { it.value.isNotBlank() }
        if (rows.isEmpty()) {
            setState {
                it.copy(error = UserMessage("Add at least one food or drink.", "meal.items", "add at least one item"))
            }
            return done()
        }
        setState { it.copy(saving = true, error = null, errorItem = null) }
        return action({ s, e -> failed(s, e, rows.map { it.index }) }) {
            val at = LocalDateTime.of(form.date, form.time).atZone(zone)
            val items = rows.map { it.value }
            val entry = NewEntries.meal(at, form.meal, items, form.note.ifBlank { null }, parseTags(form.tags))
            val saved = form.editingId?.let { diary.update(it, entry) } ?: diary.log(entry)
            zone = clock.zone
            setState { blankForm(clock).copy(saved = saved) }
        }
    }

    /** The screen has shown (or left after) the save. */
    fun consumeSaved() = setState { it.copy(saved = null) }

    private fun change(transform: LogMealState.() -> LogMealState) = setState { it.transform() }

    private fun failed(state: LogMealState, e: Throwable, rowIndices: List<Int>): LogMealState {
        val item = (e as? GutskinException.InvalidInput)?.let { ITEM.find(it.field) }?.groupValues?.get(1)?.toInt()
        return state.copy(saving = false, error = UserMessage.of(e), errorItem = item?.let { rowIndices.getOrNull(it) })
    }

    private companion object {
        val ITEM = Regex("""^meal\.items\[(\d+)]""")

        fun blankForm(clock: Clock): LogMealState {
            val now = LocalDateTime.now(clock)
            return LogMealState(
                meal = mealAt(now.toLocalTime()),
                date = now.toLocalDate(),
                time = now.toLocalTime().truncatedTo(ChronoUnit.MINUTES),
            )
        }

        /** A first guess at the meal from the time of day; the user can change it. */
        fun mealAt(time: LocalTime): MealKind = when {
            time.isBefore(LocalTime.of(4, 0)) -> MealKind.SNACK
            time.isBefore(LocalTime.of(10, 30)) -> MealKind.BREAKFAST
            time.isBefore(LocalTime.of(15, 0)) -> MealKind.LUNCH
            time.isBefore(LocalTime.of(17, 30)) -> MealKind.SNACK
            time.isBefore(LocalTime.of(21, 30)) -> MealKind.DINNER
            else -> MealKind.SNACK
        }
    }
}
