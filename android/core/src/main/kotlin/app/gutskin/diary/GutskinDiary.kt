package app.gutskin.diary

import app.gutskin.core.Diary
import app.gutskin.core.model.DaySummary
import app.gutskin.core.model.DayView
import app.gutskin.core.model.Entry
import app.gutskin.core.model.EntryKind
import app.gutskin.core.model.ImportReport
import app.gutskin.core.model.NewEntry
import app.gutskin.core.model.NewReminder
import app.gutskin.core.model.Plan
import app.gutskin.core.model.PoemScore
import app.gutskin.core.model.Profile
import app.gutskin.core.model.Reminder
import java.io.File
import java.time.Instant
import java.time.LocalDate
import java.time.ZoneId
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.MutableStateFlow
import kotlinx.coroutines.flow.StateFlow
import kotlinx.coroutines.flow.asStateFlow
import kotlinx.coroutines.flow.combine
import kotlinx.coroutines.flow.conflate
import kotlinx.coroutines.flow.flowOf
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.flow.update
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.coroutines.withContext

/**
 * The diary for Kotlin callers: every call is a suspend function that runs the core on [dispatcher]
 * (`Dispatchers.IO` unless a test injects another), so the main thread never waits on SQLite.
 *
 * The file is opened lazily, by the first call, on [dispatcher]: constructing a GutskinDiary is free
 * and safe on the main thread, and a failure to open (a newer schema, a damaged file) reaches the
 * first caller as its typed `GutskinException`. Share one instance per file; calls from several
 * coroutines at once are safe (the core serialises them).
 *
 * Every write made through this object bumps [changes]; [day] and [days] re-emit after such writes.
 * Writes made to the same file by other means are not seen until the next write or reload.
 */
class GutskinDiary private constructor(
    private val opener: () -> Diary,
    private val dispatcher: CoroutineDispatcher,
) : AutoCloseable {
    private val openLock = Mutex()

    @Volatile
    private var opened: Diary? = null

    @Volatile
    private var closed = false

    private val revision = MutableStateFlow(0L)

    /** A counter that increases after every write through this object. Collect it to reload. */
    val changes: StateFlow<Long> = revision.asStateFlow()

    companion object {
        /** The diary file at [file] (created if missing), opened by the first call. */
        fun open(file: File, dispatcher: CoroutineDispatcher = Dispatchers.IO): GutskinDiary =
            GutskinDiary({ Diary.open(file.path) }, dispatcher)

        /** A diary in memory only, for previews and tests. */
        fun inMemory(dispatcher: CoroutineDispatcher = Dispatchers.IO): GutskinDiary =
            GutskinDiary({ Diary.openInMemory() }, dispatcher)

        /** Wraps an already open generated [Diary]; closing the GutskinDiary closes it. */
        fun wrap(diary: Diary, dispatcher: CoroutineDispatcher = Dispatchers.IO): GutskinDiary =
            GutskinDiary({ diary }, dispatcher)

        /** The diary schema version this library writes. */
        val schemaVersion: Int get() = app.gutskin.core.schemaVersion().toInt()
    }

    /** Opens the file now if it is not open yet (to surface an open error early, e.g. at start-up). */
    suspend fun ensureOpen() {
        call { }
    }

    suspend fun deviceId(): String = call { it.deviceId() }

    suspend fun log(entry: NewEntry): Entry = write { it.logEntry(entry) }

    /** Logs all of [entries] in one transaction, or none if one is invalid (its field is `entries[i]....`). */
    suspend fun logAll(entries: List<NewEntry>): List<Entry> = write { it.logEntries(entries) }

    /** Replaces the fields of entry [id]; its kind cannot change. */
    suspend fun update(id: String, entry: NewEntry): Entry = write { it.updateEntry(id, entry) }

    /** Marks the entry deleted; [undelete] brings it back. */
    suspend fun delete(id: String): Entry = write { it.deleteEntry(id) }

    suspend fun undelete(id: String): Entry = write { it.undeleteEntry(id) }

    /** One entry, deleted or not. */
    suspend fun entry(id: String): Entry = call { it.entry(id) }

    /** The entries of the local days [from]..[to], oldest first. */
    suspend fun entries(
        from: LocalDate,
        to: LocalDate,
        kind: EntryKind? = null,
        includeDeleted: Boolean = false,
    ): List<Entry> = call { it.entriesBetween(from.toDiaryDate(), to.toDiaryDate(), kind, includeDeleted) }

    /** One summary per local day of [from]..[to] (at most ten years), empty days included. */
    suspend fun summaries(from: LocalDate, to: LocalDate): List<DaySummary> =
        call { it.daySummaries(from.toDiaryDate(), to.toDiaryDate()) }

    /** Everything the Today screen shows for [date], in one call. */
    suspend fun today(date: LocalDate): DayView = call { it.today(date.toDiaryDate()) }

    /** The Today view of [date] now, and again after every write through this object. */
    fun day(date: LocalDate): Flow<DayView> = days(flowOf(date))

    /** The Today view of the latest of [dates], reloaded when the date changes or after a write. */
    fun days(dates: Flow<LocalDate>): Flow<DayView> =
        combine(dates, revision) { date, _ -> date }.conflate().map { today(it) }

    suspend fun profile(): Profile = call { it.profile() }

    suspend fun setProfile(profile: Profile): Profile = write { it.setProfile(profile) }

    /** Writes the whole diary as JSON Lines to [file]; returns the number of entries written. */
    suspend fun exportTo(file: File): Long = call { it.exportToFile(file.path).toLong() }

    /** Imports a JSON Lines export: all of it, or (on the first bad line) nothing. */
    suspend fun importFrom(file: File): ImportReport = write { it.importFromFile(file.path) }

    /** Adds a reminder; a bad one is `InvalidInput` naming the field and nothing is written. */
    suspend fun addReminder(reminder: NewReminder): Reminder = write { it.addReminder(reminder) }

    suspend fun updateReminder(id: String, reminder: NewReminder): Reminder = write { it.updateReminder(id, reminder) }

    /** Marks the reminder deleted (no longer planned); [undeleteReminder] brings it back. */
    suspend fun deleteReminder(id: String): Reminder = write { it.deleteReminder(id) }

    suspend fun undeleteReminder(id: String): Reminder = write { it.undeleteReminder(id) }

    suspend fun reminder(id: String): Reminder = call { it.reminder(id) }

    /** The reminders in the order they were added. */
    suspend fun reminders(includeDeleted: Boolean = false): List<Reminder> = call { it.reminders(includeDeleted) }

    /** Pauses every reminder on this device (not synced) until [until], at most 366 days ahead. */
    suspend fun pauseReminders(until: Instant) = write { it.pauseReminders(until) }

    suspend fun resumeReminders() = write { it.resumeReminders() }

    suspend fun remindersPausedUntil(): Instant? = call { it.remindersPausedUntil() }

    /**
     * The notifications to schedule after [from], over [horizonDays] (1-366), at most [cap], for a user
     * now in [zone]. Read-only. [ReminderScheduler] turns it into scheduled notifications.
     */
    suspend fun planReminders(from: Instant, horizonDays: Int, cap: Int, zone: ZoneId): Plan {
        val days = horizonDays.toUIntFor("horizon_days")
        val most = cap.toUIntFor("cap")
        return call { it.planReminders(from, days, most, zone.id) }
    }

    /** Moves one planned notification [minutes] (1-1440) later; this device only. Re-plan afterwards. */
    suspend fun snoozeNotification(notificationId: String, minutes: Int) {
        val m = minutes.toUIntFor("minutes")
        write { it.snoozeNotification(notificationId, m) }
    }

    /** The phone showed a planned notification at [at] (feeds back-off); this device only. */
    suspend fun notificationDelivered(notificationId: String, at: Instant) =
        write { it.notificationDelivered(notificationId, at) }

    /** The user tapped a notification or one of its actions at [at]; drops its snooze. */
    suspend fun notificationActedOn(notificationId: String, at: Instant) =
        write { it.notificationActedOn(notificationId, at) }

    /** Scores seven POEM answers (0-4 each). */
    suspend fun poemScore(answers: List<Int>): PoemScore = withContext(dispatcher) {
        app.gutskin.core.poemScore(answers.mapIndexed { i, a -> a.toUByteFor("poem[$i]").toByte() }.toByteArray())
    }

    /** The user's local date of [instant] in [zone] (an IANA zone): what "today" is. */
    suspend fun localDate(instant: Instant, zone: ZoneId): LocalDate =
        withContext(dispatcher) { parseDiaryDate(app.gutskin.core.localDate(instant, zone.id)) }

    /** Closes the file once calls in flight have finished. Later calls throw IllegalStateException. */
    override fun close() {
        closed = true
        opened?.close()
    }

    private suspend fun <T> call(block: (Diary) -> T): T = withContext(dispatcher) { block(diary()) }

    private suspend fun <T> write(block: (Diary) -> T): T = call(block).also { revision.update { it + 1 } }

    private suspend fun diary(): Diary {
        check(!closed) { "the diary is closed" }
        opened?.let { return it }
        return openLock.withLock {
            check(!closed) { "the diary is closed" }
            val diary = opened ?: opener().also { opened = it }
            if (closed) { // closed while it was opening: do not leave the file open
                diary.close()
                error("the diary is closed")
            }
            diary
        }
    }
}
