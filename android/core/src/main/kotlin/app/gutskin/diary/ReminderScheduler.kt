package app.gutskin.diary

import app.gutskin.core.model.Plan
import app.gutskin.core.model.PlanNote
import app.gutskin.core.model.PlannedNotification
import app.gutskin.core.planNoteText
import java.time.Clock
import java.time.Duration
import java.time.Instant
import java.time.ZoneId
import java.util.Locale
import kotlinx.coroutines.CoroutineDispatcher
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.flow.Flow
import kotlinx.coroutines.flow.map
import kotlinx.coroutines.sync.Mutex
import kotlinx.coroutines.sync.withLock
import kotlinx.coroutines.withContext

/**
 * What the phone's notification scheduler must offer [ReminderScheduler]: the app implements it over
 * AlarmManager + NotificationManager (android/app's `AlarmNotificationScheduler`); tests use a fake.
 *
 * Only Gutskin's own notifications are involved. Calls may block briefly (binder calls, a small store
 * of what was scheduled); [ReminderScheduler] makes them on its dispatcher, one reconcile at a time.
 */
interface NotificationScheduler {
    /**
     * The notifications scheduled and not yet fired, as they were handed to [schedule]. AlarmManager
     * cannot list its alarms, so an adapter keeps what it scheduled and forgets an id when it fires.
     */
    suspend fun pending(): List<PlannedNotification>

    /** Schedules [notification] at its `fireAt`, replacing a pending one with the same id. */
    suspend fun schedule(notification: PlannedNotification)

    /** Cancels the pending notifications [ids]; ids not pending are ignored. */
    suspend fun cancel(ids: Collection<String>)
}

/** What one reconcile did: the plan it followed and the changes it made on the phone. */
data class Rescheduled(
    /** The core's plan (from now minus the grace), with its notes (paused, backed off, capped...). */
    val plan: Plan,
    /** Handed to the phone: new occurrences, and those whose time, title or body changed. */
    val scheduled: List<PlannedNotification>,
    /** Pending ids no longer in the plan (deleted, edited, logged, paused...). */
    val cancelled: List<String>,
    /** Pending ones the plan still wants exactly as they are: left alone. */
    val unchanged: Int,
    /** The zone the plan was made for. */
    val zone: ZoneId,
) {
    val changed: Boolean get() = scheduled.isNotEmpty() || cancelled.isNotEmpty()

    /** The plan's notes as sentences for the app's screens (`de*` German, else English). */
    fun noteTexts(locale: Locale = Locale.getDefault()): List<String> =
        plan.notes.map { planNoteText(it, zone.id, locale.toLanguageTag()) }
}

/**
 * The core plans, the phone schedules (docs/reminders.md, "In the apps"): re-plans the reminders and
 * reconciles what the phone has pending with the plan. It cancels pending ids the plan no longer
 * holds, schedules new occurrences and those whose fire time, title or body changed, and leaves the
 * rest alone, so running it twice changes nothing the second time. Ids are stable per occurrence.
 *
 * Call [reschedule] when the app starts or comes to the front, after a sync, after a time-zone or
 * clock change, at boot and from a daily background task; [delivered], [actedOn] and [snooze] record
 * the event and then reschedule. Writes through [diary] (a logged meal that fills a slot, an edited
 * reminder) are followed by collecting [rescheduleOnChanges] in an application-wide scope.
 *
 * The planner takes the user's zone ([zone], read at every reconcile: the phone's zone follows the
 * user); the notifications' language comes from the profile's locale, not from the phone.
 *
 * @param horizonDays how far ahead to plan (Android: a week; the plan rolls on at each reschedule).
 * @param cap at most this many pending at once (every alarm costs battery).
 * @param grace how late an inexact alarm may still fire: a pending notification up to this long past
 *   its time is left to fire, not cancelled as "no longer in the plan" (the plan starts at now − grace).
 *   Keep it at least as long as the adapter's alarm window.
 */
class ReminderScheduler(
    private val diary: GutskinDiary,
    private val notifications: NotificationScheduler,
    private val horizonDays: Int = 7,
    private val cap: Int = 20,
    private val grace: Duration = Duration.ofMinutes(15),
    private val clock: Clock = Clock.systemUTC(),
    private val zone: () -> ZoneId = { ZoneId.systemDefault() },
    private val dispatcher: CoroutineDispatcher = Dispatchers.IO,
) {
    private val lock = Mutex()

    init {
        require(horizonDays in 1..366) { "horizonDays must be 1-366, got $horizonDays" }
        require(cap >= 1) { "cap must be at least 1, got $cap" }
        require(!grace.isNegative) { "grace must not be negative" }
    }

    /** Re-plans and reconciles; after a change, a sync, a time-zone or clock change, at start and boot. */
    suspend fun reschedule(): Rescheduled = withContext(dispatcher) { lock.withLock { reconcile() } }

    /** The phone showed notification [id] (at [at]): recorded (back-off), then rescheduled. */
    suspend fun delivered(id: String, at: Instant = clock.instant()): Rescheduled {
        diary.notificationDelivered(id, at)
        return reschedule()
    }

    /** The user tapped notification [id] or its "Done" action: recorded, then rescheduled. */
    suspend fun actedOn(id: String, at: Instant = clock.instant()): Rescheduled {
        diary.notificationActedOn(id, at)
        return reschedule()
    }

    /** "Snooze": notification [id] comes again [minutes] (1-1440) later, under the same id. */
    suspend fun snooze(id: String, minutes: Int): Rescheduled {
        diary.snoozeNotification(id, minutes)
        return reschedule()
    }

    /**
     * Reschedules now and after every write through [diary] ([GutskinDiary.changes] is a StateFlow, so
     * a burst of writes during one reconcile gives one more, not one each). Collect it in an application-wide scope; each element is one
     * reconcile. Writes the diary does not see (a sync, another process) still need [reschedule].
     */
    fun rescheduleOnChanges(): Flow<Rescheduled> = diary.changes.map { reschedule() }

    private suspend fun reconcile(): Rescheduled {
        val now = clock.instant()
        val zone = zone()
        val from = now.minus(grace)
        var plan = diary.planReminders(from, horizonDays, cap, zone)
        val pending = notifications.pending().associateBy { it.id }
        // Those within the grace that have fired take no place on the phone: when the cap cut the plan
        // short, plan that many more, and say the cap as it is on the phone.
        val fired = plan.notifications.count { it.fireAt <= now && it.id !in pending }
        if (fired > 0 && plan.notes.any { it is PlanNote.Capped }) {
            val longer = diary.planReminders(from, horizonDays, cap + fired, zone)
            plan = longer.copy(notes = longer.notes.map { if (it is PlanNote.Capped) it.copy(cap = cap.toUInt()) else it })
        }
        // What the phone should hold: the plan's future, and its past within the grace that is still
        // pending (a late inexact alarm about to fire). One that is past and not pending has fired.
        val wanted = plan.notifications.filter { it.fireAt > now || it.id in pending }
        val wantedIds = wanted.mapTo(HashSet()) { it.id }
        val cancelled = pending.keys.filter { it !in wantedIds }
        val scheduled = wanted.filter { planned -> pending[planned.id]?.let { !it.sameOnThePhone(planned) } ?: true }
        // Cancel first, so the phone never holds more than the cap.
        if (cancelled.isNotEmpty()) notifications.cancel(cancelled)
        for (notification in scheduled) notifications.schedule(notification)
        return Rescheduled(plan, scheduled, cancelled, wanted.size - scheduled.size, zone)
    }
}

/** Same id is the same occurrence; it needs replacing only when what the user sees or when changed. */
private fun PlannedNotification.sameOnThePhone(other: PlannedNotification): Boolean =
    fireAt == other.fireAt && title == other.title && body == other.body
