package app.gutskin.tests

import app.gutskin.core.Diary
import app.gutskin.core.model.DoseKind
import app.gutskin.core.model.EntryDetails
import app.gutskin.core.model.GutskinException
import app.gutskin.core.model.MealItem
import app.gutskin.core.model.MealKind
import app.gutskin.core.model.NewEntry
import app.gutskin.core.model.NewReminder
import app.gutskin.core.model.PlanNote
import app.gutskin.core.model.QuietHours
import app.gutskin.core.model.ReminderKind
import app.gutskin.core.model.ReminderZone
import app.gutskin.core.model.Schedule
import app.gutskin.core.model.Weekday
import app.gutskin.core.planNoteText
import app.gutskin.core.validateReminder
import java.time.Duration
import java.time.Instant
import java.time.LocalDate
import java.time.ZoneId
import java.time.temporal.ChronoUnit
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue
import org.junit.Test

/** Reminders (bindings/src/reminders.rs) from Kotlin: the records, a week's plan, snooze, pause, back-off. */
class RemindersTest {
    private val berlin = "Europe/Berlin"

    private fun lunch(times: List<String> = listOf("12:30")) =
        NewReminder(ReminderKind.Meal(MealKind.LUNCH), Schedule.Daily(times), null, ReminderZone.FollowUser, true, null, null)

    private fun invalidField(block: () -> Unit) = assertFailsWith<GutskinException.InvalidInput> { block() }.field

    @Test
    fun plansAWeekAndSkipsTheLunchAlreadyLogged() {
        Diary.openInMemory().use { diary ->
            val reminder = diary.addReminder(lunch())
            val probiotic = diary.addReminder(
                NewReminder(
                    ReminderKind.Dose(DoseKind.PROBIOTIC, "L. rhamnosus GG"),
                    Schedule.Weekdays(listOf(Weekday.MONDAY, Weekday.WEDNESDAY, Weekday.FRIDAY), listOf("08:00")),
                    QuietHours("22:00", "07:00"),
                    ReminderZone.Fixed(berlin),
                    true,
                    null,
                    null,
                ),
            )
            // Lunch on Wednesday 2025-06-11 (12:30 in Berlin) is logged already.
            diary.logEntry(
                NewEntry(
                    Instant.parse("2025-06-11T10:30:00Z"), berlin, null, null, emptyList(),
                    EntryDetails.Meal(MealKind.LUNCH, listOf(MealItem.FreeText("lentil soup"))),
                ),
            )
            val from = Instant.parse("2025-06-09T22:00:00Z") // Tuesday 2025-06-10, 00:00 in Berlin
            val plan = diary.planReminders(from, 7u, 64u, berlin)
            val lunches = plan.notifications.filter { it.reminderId == reminder.id }
            assertEquals(
                listOf("2025-06-10", "2025-06-12", "2025-06-13", "2025-06-14", "2025-06-15", "2025-06-16"),
                lunches.map { it.slotDate },
            )
            assertTrue(lunches.all { it.title == "Lunch" && it.slotTime == "12:30" })
            assertEquals("${reminder.id}/2025-06-10/12:30", lunches.first().id)
            assertEquals(Instant.parse("2025-06-10T10:30:00Z"), lunches.first().fireAt)
            val doses = plan.notifications.filter { it.reminderId == probiotic.id }
            assertEquals(listOf("2025-06-11", "2025-06-13", "2025-06-16"), doses.map { it.slotDate })
            assertEquals("L. rhamnosus GG", doses.first().title)
            assertTrue(plan.notifications.zipWithNext().all { (a, b) -> a.fireAt < b.fireAt })
            assertTrue(plan.notes.isEmpty(), plan.notes.toString())

            // A cap, as iOS needs (64 pending at most), and the note that says so, in German.
            val capped = diary.planReminders(from, 7u, 2u, berlin)
            assertEquals(2, capped.notifications.size)
            val note = capped.notes.single()
            assertEquals(PlanNote.Capped(2u, 7u), note)
            assertTrue(planNoteText(note, berlin, "de-DE").startsWith("Die nächsten 2 Erinnerungen"), planNoteText(note, berlin, "de"))
        }
    }

    @Test
    fun remindersAreEditedDeletedAndListed() {
        Diary.openInMemory().use { diary ->
            val added = diary.addReminder(lunch())
            assertEquals(added, diary.reminder(added.id))
            assertFalse(added.deleted)
            val edited = diary.updateReminder(added.id, lunch(listOf("12:00", "13:00")).copy(title = "Lunch?"))
            assertEquals(listOf("12:00", "13:00"), (edited.schedule as Schedule.Daily).times)
            assertEquals("Lunch?", edited.title)
            assertEquals(added.id, edited.id)
            assertTrue(diary.deleteReminder(added.id).deleted)
            assertTrue(diary.reminders(false).isEmpty())
            assertEquals(listOf(added.id), diary.reminders(true).map { it.id })
            assertEquals(edited, diary.undeleteReminder(added.id))
            assertEquals(listOf(edited), diary.reminders(false))
            val missing = assertFailsWith<GutskinException.NotFound> { diary.reminder("019ac0de-0000-7000-8000-000000000001") }
            assertEquals("reminder", missing.what)
        }
    }

    @Test
    fun aBadScheduleIsATypedErrorAndWritesNothing() {
        Diary.openInMemory().use { diary ->
            val noDays = lunch().copy(schedule = Schedule.Weekdays(emptyList(), listOf("12:30")))
            assertEquals("schedule.weekdays", invalidField { diary.addReminder(noDays) })
            assertEquals("schedule.weekdays", invalidField { validateReminder(noDays) })
            val backwards = lunch().copy(schedule = Schedule.Course("2026-12-10", "2026-12-01", listOf("08:00")))
            assertEquals("schedule.end_date", invalidField { diary.addReminder(backwards) })
            assertEquals("schedule.times", invalidField { diary.addReminder(lunch(emptyList())) })
            assertEquals("schedule.times[0]", invalidField { diary.addReminder(lunch(listOf("7am"))) })
            assertTrue(diary.reminders(true).isEmpty())
            validateReminder(lunch())

            val stored = diary.addReminder(lunch())
            assertEquals("schedule.weekdays", invalidField { diary.updateReminder(stored.id, noDays) })
            assertEquals(stored, diary.reminder(stored.id))
            assertEquals("time_zone", invalidField { diary.planReminders(Instant.now(), 7u, 64u, "Mars/Olympus") })
        }
    }

    @Test
    fun snoozePauseAndBackOffStayOnThisDevice() {
        Diary.openInMemory().use { diary ->
            val reminder = diary.addReminder(lunch())
            val now = Instant.now()
            val first = diary.planReminders(now, 2u, 64u, berlin).notifications.first()
            diary.snoozeNotification(first.id, 10u)
            val snoozed = diary.planReminders(now, 2u, 64u, berlin).notifications.first()
            assertEquals(first.id, snoozed.id)
            assertEquals(first.fireAt.plus(Duration.ofMinutes(10)), snoozed.fireAt)
            assertEquals("minutes", invalidField { diary.snoozeNotification(first.id, 0u) })
            assertEquals("notification_id", invalidField { diary.snoozeNotification("lunch", 10u) })
            // A tap drops the snooze.
            diary.notificationActedOn(first.id, now)
            assertEquals(first.fireAt, diary.planReminders(now, 2u, 64u, berlin).notifications.first().fireAt)

            // Delivered seven days running and never answered: it backs off to one day in two.
            val today = LocalDate.now(ZoneId.of(berlin))
            for (daysAgo in 1L..7L) {
                val id = "${reminder.id}/${today.minusDays(daysAgo)}/12:30"
                diary.notificationDelivered(id, now.minus(Duration.ofDays(daysAgo)))
            }
            val plan = diary.planReminders(now, 8u, 64u, berlin)
            assertEquals(PlanNote.BackedOff(reminder.id, 7u, 2u), plan.notes.single())
            assertTrue(plan.notifications.size in 3..5, plan.notifications.map { it.slotDate }.toString())

            val until = now.plus(Duration.ofDays(3)).truncatedTo(ChronoUnit.SECONDS)
            diary.pauseReminders(until)
            assertEquals(until, diary.remindersPausedUntil())
            val paused = diary.planReminders(now, 2u, 64u, berlin)
            assertTrue(paused.notifications.isEmpty())
            assertTrue(PlanNote.Paused(until) in paused.notes)
            assertTrue(planNoteText(PlanNote.Paused(until), berlin, "en").startsWith("Reminders are paused until "))
            diary.resumeReminders()
            assertNull(diary.remindersPausedUntil())
            assertEquals("until", invalidField { diary.pauseReminders(now.minus(Duration.ofHours(1))) })
        }
    }
}
