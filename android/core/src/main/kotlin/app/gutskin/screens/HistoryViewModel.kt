package app.gutskin.screens

import app.gutskin.core.model.EntryKind
import app.gutskin.diary.DiaryFormat
import app.gutskin.diary.GutskinDiary
import app.gutskin.diary.UserMessage
import app.gutskin.diary.day
import java.time.Clock
import java.time.LocalDate
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.collectLatest
import kotlinx.coroutines.flow.combine
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

/** One day in History: its summary line and its entries, oldest first. */
data class HistoryDay(
    val date: LocalDate,
    /** "Mon 3 Jun". */
    val title: String,
    /** "3 meals · Acne: worst 4/10 · Water 1.5 l". */
    val summary: String,
    val entries: List<EntryRow>,
)

/** History: the days with entries in the loaded range, newest first. */
data class HistoryState(
    /** The loaded range; [HistoryViewModel.loadOlder] moves [from] back a page. */
    val from: LocalDate,
    val to: LocalDate,
    /** Only entries of this kind, or all. */
    val kind: EntryKind? = null,
    val showDeleted: Boolean = false,
    val loading: Boolean = true,
    val days: List<HistoryDay> = emptyList(),
    /** False once the range reaches the earliest day the diary accepts. */
    val canLoadOlder: Boolean = true,
    val error: UserMessage? = null,
)

/** Pages back through the diary, [PAGE_DAYS] days at a time; reloads after every write through [diary]. */
class HistoryViewModel(
    private val diary: GutskinDiary,
    scope: CoroutineScope,
    private val clock: Clock = Clock.systemDefaultZone(),
    private val format: DiaryFormat = DiaryFormat(),
) : ScreenModel<HistoryState>(firstPage(LocalDate.now(clock)), scope) {
    private data class Query(val from: LocalDate, val to: LocalDate, val kind: EntryKind?, val showDeleted: Boolean)

    private val query = MutableStateFlow(current.let { Query(it.from, it.to, it.kind, it.showDeleted) })

    init {
        scope.launch {
            combine(query, diary.changes) { q, _ -> q }.collectLatest { load(it) }
        }
    }

    /** Loads [PAGE_DAYS] more days before the oldest loaded one. */
    fun loadOlder() {
        if (!current.canLoadOlder) return
        setState { it.copy(loading = true) }
        query.update { it.copy(from = maxOf(EARLIEST, it.from.minusDays(PAGE_DAYS))) }
    }

    fun setKind(kind: EntryKind?) = requery { it.copy(kind = kind) }

    fun setShowDeleted(show: Boolean) = requery { it.copy(showDeleted = show) }

    /** Moves the end of the range to today (after midnight) and reloads. */
    fun refresh() = requery { it.copy(to = LocalDate.now(clock)) }

    fun delete(id: String): Job = action(::failed) { diary.delete(id) }

    fun undelete(id: String): Job = action(::failed) { diary.undelete(id) }

    fun dismissError() = setState { it.copy(error = null) }

    private fun requery(change: (Query) -> Query) {
        setState { it.copy(loading = true) }
        query.update(change)
    }

    private suspend fun load(q: Query) {
        try {
            // Two calls for the whole range: the entries and the per-day summaries.
            val entries = diary.entries(q.from, q.to, q.kind, q.showDeleted).groupBy { it.day }
            val summaries = diary.summaries(q.from, q.to).associateBy { it.day }
            val days = entries.keys.sortedDescending().map { date ->
                HistoryDay(
                    date = date,
                    title = format.shortDate(date),
                    summary = summaries[date]?.let { format.summaryLine(it) } ?: "",
                    entries = entries.getValue(date).map { EntryRow.of(it, format) },
                )
            }
            setState {
                it.copy(
                    from = q.from,
                    to = q.to,
                    kind = q.kind,
                    showDeleted = q.showDeleted,
                    loading = false,
                    days = days,
                    canLoadOlder = q.from > EARLIEST && q.to.toEpochDay() - q.from.toEpochDay() < MAX_RANGE_DAYS,
                    error = null,
                )
            }
        } catch (e: CancellationException) {
            throw e
        } catch (e: Exception) {
            setState { it.copy(loading = false, error = UserMessage.of(e)) }
        }
    }

    private fun failed(state: HistoryState, e: Throwable) = state.copy(error = UserMessage.of(e))

    companion object {
        const val PAGE_DAYS = 30L

        /** The diary accepts nothing before 2000-01-01. */
        val EARLIEST: LocalDate = LocalDate.of(2000, 1, 1)

        /** One summary call covers at most ten years (the core's limit is 3660 days). */
        private const val MAX_RANGE_DAYS = 3650L - PAGE_DAYS

        private fun firstPage(today: LocalDate) = HistoryState(from = today.minusDays(PAGE_DAYS - 1), to = today)
    }
}
