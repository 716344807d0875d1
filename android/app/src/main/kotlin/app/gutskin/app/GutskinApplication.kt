package app.gutskin.app

import android.app.Application
import android.util.Log
import app.gutskin.diary.GutskinDiary
import app.gutskin.diary.ReminderScheduler
import java.io.File
import kotlinx.coroutines.CoroutineExceptionHandler
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Dispatchers
import kotlinx.coroutines.Job
import kotlinx.coroutines.SupervisorJob
import kotlinx.coroutines.delay
import kotlinx.coroutines.flow.retry
import kotlinx.coroutines.launch

/** Holds the one diary of the app, in its private files folder, and its reminder scheduler. */
class GutskinApplication : Application() {
    lateinit var diary: GutskinDiary
        private set

    /** Sets the alarms of the plan (Reminders.kt). */
    lateinit var alarmScheduler: AlarmNotificationScheduler
        private set

    /** Re-plans and reconciles the reminders (docs/reminders.md, "In the apps"). */
    lateinit var reminders: ReminderScheduler
        private set

    /** For work that outlives a screen: rescheduling, and receivers' goAsync work. A failure is logged. */
    private val scope = CoroutineScope(
        SupervisorJob() + Dispatchers.Default + CoroutineExceptionHandler { _, e -> Log.w(TAG, "reminders", e) },
    )

    override fun onCreate() {
        super.onCreate()
        // No database I/O here: GutskinDiary opens the file on its first call, on Dispatchers.IO.
        diary = GutskinDiary.open(File(filesDir, "diary.sqlite"))
        alarmScheduler = AlarmNotificationScheduler(this)
        reminders = ReminderScheduler(diary, alarmScheduler) // a week, 20 alarms at most, the phone's zone
        createReminderChannel(this)
        // Now, and after every write through the diary (a reminder edited, a meal that fills a slot).
        scope.launch {
            reminders.rescheduleOnChanges()
                .retry { e -> Log.w(TAG, "rescheduling failed; trying again in a minute", e); delay(60_000); true }
                .collect { }
        }
    }

    /** Reschedules in the background: when the app comes to the front and after a sync. */
    fun rescheduleReminders() {
        scope.launch { reminders.reschedule() }
    }

    /** Runs [block] in the application's scope (for receivers). */
    fun launchForReminders(block: suspend () -> Unit): Job = scope.launch { block() }

    private companion object {
        const val TAG = "Gutskin"
    }
}
