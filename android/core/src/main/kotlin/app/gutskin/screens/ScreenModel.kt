package app.gutskin.screens

import app.gutskin.core.model.Entry
import app.gutskin.core.model.EntryKind
import app.gutskin.diary.DiaryFormat
import app.gutskin.diary.kind
import kotlinx.coroutines.CancellationException
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.launch

/**
 * The base of the screens' view models: plain Kotlin, no androidx. State is one immutable data class
 * exposed as a [StateFlow]; events are functions. Work runs in [scope] (the app passes its
 * `viewModelScope`, tests a scope of their own); the diary calls inside switch to its own dispatcher.
 * An event that does work returns its [Job], so a caller (a test) can wait for it; screens ignore it.
 */
abstract class ScreenModel<S>(initial: S, protected val scope: CoroutineScope) {
    private val mutableState = MutableStateFlow(initial)

    val state: StateFlow<S> = mutableState.asStateFlow()

    protected val current: S get() = mutableState.value

    protected fun setState(transform: (S) -> S) = mutableState.update(transform)

    /** Runs [block] in [scope]; a failure other than cancellation becomes state through [onError]. */
    protected fun action(onError: (S, Throwable) -> S, block: suspend () -> Unit): Job = scope.launch {
        try {
            block()
        } catch (e: CancellationException) {
            throw e
        } catch (e: Exception) {
            setState { onError(it, e) }
        }
    }

    /** A finished Job, for events that had nothing to start. */
    protected fun done(): Job = Job().apply { complete() }
}

/** One entry as a list shows it. */
data class EntryRow(
    val id: String,
    val kind: EntryKind,
    val time: String,
    val title: String,
    val detail: String,
    val note: String?,
    val tags: List<String>,
    val deleted: Boolean,
) {
    companion object {
        fun of(entry: Entry, format: DiaryFormat) = EntryRow(
            id = entry.id,
            kind = entry.kind,
            time = format.time(entry),
            title = format.title(entry),
            detail = format.detail(entry),
            note = entry.note,
            tags = entry.tags,
            deleted = entry.deleted,
        )
    }
}

/** Tags as typed in one text field: "dairy, Gluten ,, late" -> ["dairy", "Gluten", "late"]. */
fun parseTags(text: String): List<String> = text.split(',', '\n').map { it.trim() }.filter { it.isNotEmpty() }
