package app.gutskin.screens

import app.gutskin.diary.DiaryFormat
import app.gutskin.diary.GutskinDiary
import app.gutskin.diary.NewEntries
import app.gutskin.diary.UserMessage
import java.time.Clock
import java.time.LocalDate
import java.time.LocalTime
import java.time.ZonedDateTime
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.collectLatest
import kotlinx.coroutines.flow.combine
import kotlinx.coroutines.launch

/** The Today screen: one day's entries, oldest first, and its summary. */
data class TodayState(
    val date: LocalDate,
    /** "Today", "Yesterday" or the full date. */
    val title: String,
    val isToday: Boolean,
    /** True until the shown day has loaded (not while it reloads after a write). */
    val loading: Boolean = true,
    val entries: List<EntryRow> = emptyList(),
    /** One line per thing logged ("2 meals", "Acne: worst 4/10", "Water 1.5 l"); empty for an empty day. */
    val summary: List<String> = emptyList(),
    val waterMl: Int = 0,
    val error: UserMessage? = null,
    /** The entry just deleted, while it can be undone. */
    val undo: EntryRow? = null,
)

/**
 * Shows a day (today at first) and reloads it after every write through [diary], from any screen.
 * [clock] says what "today" is and in which zone quick entries are logged.
 */
class TodayViewModel(
    private val diary: GutskinDiary,
    scope: CoroutineScope,
    private val clock: Clock = Clock.systemDefaultZone(),
    private val format: DiaryFormat = DiaryFormat(),
) : ScreenModel<TodayState>(initialState(LocalDate.now(clock), format), scope) {
    private val date = MutableStateFlow(LocalDate.now(clock))

    init {
        scope.launch {
            combine(date, diary.changes) { day, _ -> day }.collectLatest { load(it) }
        }
    }

    fun showDate(day: LocalDate) {
        if (day != date.value) {
            setState { initialState(day, format, LocalDate.now(clock)).copy(undo = it.undo) }
            date.value = day
        }
    }

    fun previousDay() = showDate(date.value.minusDays(1))

    fun nextDay() = showDate(date.value.plusDays(1))

    fun showToday() = showDate(LocalDate.now(clock))

    /** Reloads the day (e.g. when the app comes back to the foreground after midnight). */
    fun refresh(): Job = scope.launch { load(date.value) }

    /** Deletes an entry; [undoDelete] brings it back. */
    fun delete(id: String): Job = action(::failed) {
        val row = EntryRow.of(diary.delete(id), format)
        setState { it.copy(undo = row) }
    }

    fun undoDelete(): Job {
        val row = current.undo ?: return done()
        return action(::failed) {
            diary.undelete(row.id)
            setState { it.copy(undo = null) }
        }
    }

    /** The quick "+ glass of water" button: now when showing today, else at noon of the shown day. */
    fun addWater(ml: Int = 250): Job = action(::failed) {
        diary.log(NewEntries.water(timeFor(date.value), ml))
    }

    fun dismissError() = setState { it.copy(error = null) }

    fun dismissUndo() = setState { it.copy(undo = null) }

    private fun timeFor(day: LocalDate): ZonedDateTime {
        val now = ZonedDateTime.now(clock)
        return if (day == now.toLocalDate()) now else day.atTime(LocalTime.NOON).atZone(clock.zone)
    }

    private suspend fun load(day: LocalDate) {
        try {
            val view = diary.today(day)
            val today = LocalDate.now(clock)
            setState {
                it.copy(
                    date = day,
                    title = format.dayTitle(day, today),
                    isToday = day == today,
                    loading = false,
                    entries = view.entries.map { e -> EntryRow.of(e, format) },
                    summary = format.summaryLines(view.summary),
                    waterMl = view.summary.waterMl.toInt(),
                    error = null,
                )
            }
        } catch (e: CancellationException) {
            throw e
        } catch (e: Exception) {
            setState { it.copy(loading = false, error = UserMessage.of(e)) }
        }
    }

    private fun failed(state: TodayState, e: Throwable) = state.copy(error = UserMessage.of(e))

    private companion object {
        fun initialState(day: LocalDate, format: DiaryFormat, today: LocalDate = day) =
            TodayState(date = day, title = format.dayTitle(day, today), isToday = day == today)
    }
}
