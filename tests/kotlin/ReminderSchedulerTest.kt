package app.gutskin.tests

import app.gutskin.core.model.DoseKind
import app.gutskin.core.model.MealKind
import app.gutskin.core.model.NewReminder
import app.gutskin.core.model.PlanNote
import app.gutskin.core.model.PlannedNotification
import app.gutskin.core.model.ReminderKind
import app.gutskin.core.model.ReminderZone
import app.gutskin.core.model.Schedule
import app.gutskin.diary.GutskinDiary
import app.gutskin.diary.NewEntries
import app.gutskin.diary.NotificationScheduler
import app.gutskin.diary.ReminderScheduler
import java.time.Clock
import java.time.Duration
import java.time.Instant
import java.time.LocalTime
import java.time.ZoneId
import java.time.ZoneOffset
import java.time.temporal.ChronoUnit
import java.util.Locale
import kotlin.test.assertEquals
import kotlin.test.assertFalse
import kotlin.test.assertIs
import kotlin.test.assertTrue
import kotlinx.coroutines.channels.Channel
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.launch
import org.junit.Test

/**
 * ReminderScheduler (android/core) over a real in-memory diary and a fake phone scheduler: the plan
 * reaches the phone, a second reconcile changes nothing, and deletes, edits, logged slots, snoozes,
 * deliveries and late alarms change exactly what they should. The core's own clock is the real one
 * (snoozes, events), so these tests plan from the real "now".
 */
class ReminderSchedulerTest {
    /** The phone: what is pending, and every call made to it. */
    private class FakePhone : NotificationScheduler {
        val pending = LinkedHashMap<String, PlannedNotification>()
        val calls = ArrayList<String>()

        override suspend fun pending(): List<PlannedNotification> = pending.values.toList()

        override suspend fun schedule(notification: PlannedNotification) {
            calls += "schedule ${notification.id}"
            pending[notification.id] = notification
        }

        override suspend fun cancel(ids: Collection<String>) {
            calls += "cancel $ids"
            ids.forEach { pending.remove(it) }
        }

        /** The alarm went off: the phone no longer holds it. */
        fun fire(id: String): PlannedNotification = pending.remove(id) ?: error("$id is not pending")

        fun sorted(): List<PlannedNotification> = pending.values.sortedBy { it.fireAt }
    }

    private class MutableClock(@Volatile var now: Instant) : Clock() {
        override fun getZone(): ZoneId = ZoneOffset.UTC
        override fun withZone(zone: ZoneId?): Clock = this
        override fun instant(): Instant = now
    }

    /**
     * Lunch at [soon], two hours from now in Berlin, so that the next one is always two hours ahead (the
     * core takes events and entries at most a day ahead of the real clock).
     */
    private val soon: String = LocalTime.now(BERLIN).plusHours(2).truncatedTo(ChronoUnit.MINUTES).toString()
    private val lunch = NewReminder(ReminderKind.Meal(MealKind.LUNCH), Schedule.Daily(listOf(soon)), null, ReminderZone.FollowUser, true, null, null)
    private val probiotic = NewReminder(
        ReminderKind.Dose(DoseKind.PROBIOTIC, "L. rhamnosus GG"), Schedule.Daily(listOf("08:00", "20:00")), null,
        ReminderZone.FollowUser, true, null, null,
    )

    private class Setup(val diary: GutskinDiary, val phone: FakePhone, val clock: MutableClock, val scheduler: ReminderScheduler)

    private fun withScheduler(cap: Int = 64, body: suspend Setup.() -> Unit) = blocking {
        GutskinDiary.inMemory().use { diary ->
            val phone = FakePhone()
            val clock = MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS))
            val scheduler = ReminderScheduler(diary, phone, horizonDays = 7, cap = cap, clock = clock, zone = { BERLIN })
            Setup(diary, phone, clock, scheduler).body()
        }
    }

    @Test
    fun theFirstScheduleIsThePlanAndASecondChangesNothing() = withScheduler {
        val meal = diary.addReminder(lunch)
        val dose = diary.addReminder(probiotic)
        val first = scheduler.reschedule()
        val future = first.plan.notifications.filter { it.fireAt > clock.now }
        assertTrue(future.size in 20..24, future.map { it.id }.toString()) // 7 days of 3 a day, give or take the ends
        assertEquals(future, phone.sorted())
        assertEquals(future, first.scheduled)
        assertEquals(emptyList(), first.cancelled)
        assertEquals(0, first.unchanged)
        assertEquals(setOf(meal.id, dose.id), future.map { it.reminderId }.toSet())
        assertEquals(BERLIN, first.zone)
        assertEquals(emptyList(), first.noteTexts(Locale.ENGLISH))

        val calls = phone.calls.size
        val second = scheduler.reschedule()
        assertFalse(second.changed)
        assertEquals(future.size, second.unchanged)
        assertEquals(calls, phone.calls.size, "the second reconcile touched the phone: ${phone.calls.drop(calls)}")
        assertEquals(future, phone.sorted())
    }

    @Test
    fun theCapKeepsThePhoneSmallAndSaysSo() = withScheduler(cap = 5) {
        diary.addReminder(lunch)
        diary.addReminder(probiotic)
        val result = scheduler.reschedule()
        assertEquals(5, phone.pending.size)
        assertIs<PlanNote.Capped>(result.plan.notes.single())
        assertTrue(result.noteTexts(Locale.ENGLISH).single().startsWith("The next 5 reminders"), result.noteTexts(Locale.ENGLISH).toString())
        assertFalse(scheduler.reschedule().changed)

        // The first fires and is delivered: the plan rolls on by one; the fired one, though still
        // within the grace, takes no place, and the note still says 5.
        val first = phone.sorted().first()
        phone.fire(first.id)
        clock.now = first.fireAt.plus(Duration.ofMinutes(1))
        val rolled = scheduler.delivered(first.id)
        assertEquals(1, rolled.scheduled.size)
        assertEquals(emptyList(), rolled.cancelled)
        assertEquals(5, phone.pending.size)
        assertEquals(5u, assertIs<PlanNote.Capped>(rolled.plan.notes.single()).cap)
    }

    @Test
    fun deletingAReminderCancelsItsNotificationsAndPausingCancelsAll() = withScheduler {
        val meal = diary.addReminder(lunch)
        val dose = diary.addReminder(probiotic)
        scheduler.reschedule()
        val lunches = phone.pending.values.filter { it.reminderId == meal.id }.map { it.id }
        val doses = phone.sorted().filter { it.reminderId == dose.id }
        assertTrue(lunches.size >= 6)

        diary.deleteReminder(meal.id)
        val result = scheduler.reschedule()
        assertEquals(lunches.toSet(), result.cancelled.toSet())
        assertEquals(emptyList(), result.scheduled)
        assertEquals(doses, phone.sorted())

        // Paused for two days: what falls in them is cancelled, what comes after stays.
        val until = clock.now.plus(Duration.ofDays(2))
        diary.pauseReminders(until)
        val paused = scheduler.reschedule()
        assertEquals(doses.filter { it.fireAt < until }.map { it.id }.toSet(), paused.cancelled.toSet())
        assertEquals(doses.filter { it.fireAt > until }, phone.sorted())
        assertIs<PlanNote.Paused>(paused.plan.notes.single())

        diary.resumeReminders()
        diary.undeleteReminder(meal.id)
        val back = scheduler.reschedule()
        assertEquals((lunches + paused.cancelled).toSet(), back.scheduled.map { it.id }.toSet())
        assertEquals(doses.count { it.fireAt > until }, back.unchanged)
        assertEquals((lunches + doses.map { it.id }).toSet(), phone.pending.keys)
    }

    @Test
    fun editingAReminderReplacesItsNotificationsOnly() = withScheduler {
        val meal = diary.addReminder(lunch)
        val dose = diary.addReminder(probiotic)
        scheduler.reschedule()
        val oldLunches = phone.pending.values.filter { it.reminderId == meal.id }.map { it.id }
        val doses = phone.pending.values.filter { it.reminderId == dose.id }

        val later = if (soon == "13:15") "13:45" else "13:15"
        diary.updateReminder(meal.id, lunch.copy(schedule = Schedule.Daily(listOf(later))))
        val moved = scheduler.reschedule()
        assertEquals(oldLunches.toSet(), moved.cancelled.toSet())
        assertTrue(moved.scheduled.isNotEmpty())
        assertTrue(moved.scheduled.all { it.reminderId == meal.id && it.slotTime == later && it.id.endsWith("/$later") })
        assertEquals(doses.size, moved.unchanged)
        assertTrue(phone.pending.values.filter { it.reminderId == meal.id }.all { it.slotTime == later })

        // Same times, new title: same ids, replaced in place.
        val lunchIds = phone.pending.values.filter { it.reminderId == meal.id }.map { it.id }
        diary.updateReminder(meal.id, lunch.copy(schedule = Schedule.Daily(listOf(later)), title = "Lunch time"))
        val retitled = scheduler.reschedule()
        assertEquals(emptyList(), retitled.cancelled)
        assertEquals(lunchIds.toSet(), retitled.scheduled.map { it.id }.toSet())
        assertTrue(phone.pending.values.filter { it.reminderId == meal.id }.all { it.title == "Lunch time" })
        assertEquals(doses.toSet(), phone.pending.values.filter { it.reminderId == dose.id }.toSet())
    }

    @Test
    fun loggingTheMealOfASlotDropsItsNotificationThroughTheChangesFlow() = withScheduler {
        diary.addReminder(lunch)
        val scope = CoroutineScope(Dispatchers.Default)
        val results = Channel<app.gutskin.diary.Rescheduled>(Channel.UNLIMITED)
        val following = scope.launch { scheduler.rescheduleOnChanges().collect { results.send(it) } }
        try {
            val initial = results.receive()
            assertTrue(initial.scheduled.size >= 6)
            val next = phone.sorted().first()
            diary.log(NewEntries.meal(next.fireAt.atZone(BERLIN), MealKind.LUNCH, listOf("lentil soup")))
            val after = results.receive() // the log was one write: one reconcile
            assertEquals(listOf(next.id), after.cancelled)
            assertEquals(emptyList(), after.scheduled)
            assertFalse(next.id in phone.pending)
        } finally {
            following.cancel()
        }
    }

    @Test
    fun snoozeMovesTheOccurrenceUnderItsId() = withScheduler {
        diary.addReminder(lunch)
        scheduler.reschedule()
        val next = phone.sorted().first()
        val snoozed = scheduler.snooze(next.id, 10)
        assertEquals(emptyList(), snoozed.cancelled)
        val moved = snoozed.scheduled.single()
        assertEquals(next.id, moved.id)
        assertEquals(next.fireAt.plus(Duration.ofMinutes(10)), moved.fireAt)
        assertEquals(moved, phone.pending[next.id])
        assertFalse(scheduler.reschedule().changed)
    }

    @Test
    fun aDeliveredNotificationIsNotScheduledAgainAndALateAlarmIsLeftToFire() = withScheduler {
        diary.addReminder(lunch)
        scheduler.reschedule()
        val (next, second) = phone.sorted().take(2)

        // The inexact alarm is 5 minutes late: still pending, within the grace, so left alone.
        clock.now = next.fireAt.plus(Duration.ofMinutes(5))
        val late = scheduler.reschedule()
        assertFalse(next.id in late.cancelled)
        assertTrue(next.id in phone.pending)

        // It fires; the receiver records it. The plan still holds it (within the grace), but it has fired.
        phone.fire(next.id)
        val delivered = scheduler.delivered(next.id)
        assertTrue(next.id in delivered.plan.notifications.map { it.id })
        assertFalse(next.id in delivered.scheduled.map { it.id })
        assertEquals(emptyList(), delivered.cancelled)
        assertFalse(next.id in phone.pending)
        assertTrue(second.id in phone.pending)

        // Tapped: recorded, nothing to change. Then "Snooze" from the shown notification brings it back.
        assertFalse(scheduler.actedOn(next.id).changed)
        val again = scheduler.snooze(next.id, 30)
        assertEquals(next.id, again.scheduled.single().id)
        assertTrue(again.scheduled.single().fireAt >= Instant.now().plus(Duration.ofMinutes(29)))

        // An alarm longer overdue than the grace is given up: cancelled, not left pending forever.
        clock.now = phone.pending.getValue(next.id).fireAt.plus(Duration.ofMinutes(16))
        assertTrue(next.id in scheduler.reschedule().cancelled)
    }
}
