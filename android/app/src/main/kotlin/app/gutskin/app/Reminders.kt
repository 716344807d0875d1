package app.gutskin.app

import android.app.AlarmManager
import android.app.Notification
import android.app.NotificationChannel
import android.app.NotificationManager
import android.app.PendingIntent
import android.content.BroadcastReceiver
import android.content.Context
import android.content.Intent
import android.net.Uri
import app.gutskin.core.model.PlannedNotification
import app.gutskin.diary.NotificationScheduler
import java.time.Instant
import org.json.JSONObject

// The phone's side of reminders (docs/reminders.md, "In the apps"): ReminderScheduler (:core) plans and
// reconciles; this file only sets alarms, posts notifications and forwards what the user did. Not built
// on the project's test machine (no Android SDK there).

private const val CHANNEL = "reminders"
private const val EXTRA_ID = "app.gutskin.NOTIFICATION_ID"
private const val ACTION_FIRE = "app.gutskin.REMINDER_FIRE"
private const val ACTION_DONE = "app.gutskin.REMINDER_DONE"
private const val ACTION_SNOOZE = "app.gutskin.REMINDER_SNOOZE"
const val EXTRA_OPENED_NOTIFICATION = "app.gutskin.OPENED_NOTIFICATION"

/** Minutes a "Snooze" moves a notification. */
private const val SNOOZE_MINUTES = 10

/**
 * Inexact alarms: each fires within [WINDOW_MS] after its time, with no exact-alarm permission. Keep
 * it within ReminderScheduler's grace (15 minutes), or a late alarm would be cancelled as past.
 */
private const val WINDOW_MS = 10 * 60 * 1000L

/**
 * NotificationScheduler over AlarmManager: one inexact alarm per planned notification (`setWindow`).
 * AlarmManager cannot list its alarms, so what was scheduled is kept in a small SharedPreferences file;
 * an entry counts as pending only while its PendingIntent still exists (a reboot or a force stop
 * clears them), so a stale entry is scheduled again rather than trusted.
 */
class AlarmNotificationScheduler(private val context: Context) : NotificationScheduler {
    private val alarms = context.getSystemService(AlarmManager::class.java)
    private val store = context.getSharedPreferences("reminder-alarms", Context.MODE_PRIVATE)

    override suspend fun pending(): List<PlannedNotification> {
        val held = store.all.mapNotNull { (id, json) -> (json as? String)?.let { decode(id, it) } }
        val (alive, gone) = held.partition { alarmIntent(context, it.id, PendingIntent.FLAG_NO_CREATE) != null }
        if (gone.isNotEmpty()) store.edit().apply { gone.forEach { remove(it.id) } }.apply()
        return alive
    }

    override suspend fun schedule(notification: PlannedNotification) {
        val intent = alarmIntent(context, notification.id, PendingIntent.FLAG_UPDATE_CURRENT)!!
        alarms.setWindow(AlarmManager.RTC_WAKEUP, notification.fireAt.toEpochMilli(), WINDOW_MS, intent)
        store.edit().putString(notification.id, encode(notification)).apply()
    }

    override suspend fun cancel(ids: Collection<String>) {
        for (id in ids) alarmIntent(context, id, PendingIntent.FLAG_NO_CREATE)?.let { alarms.cancel(it); it.cancel() }
        store.edit().apply { ids.forEach { remove(it) } }.apply()
    }

    /** The alarm of [id] went off: no longer pending. Returns what was scheduled, if known. */
    fun fired(id: String): PlannedNotification? {
        val stored = store.getString(id, null)?.let { decode(id, it) }
        store.edit().remove(id).apply()
        return stored
    }

    private fun encode(n: PlannedNotification) = JSONObject()
        .put("reminderId", n.reminderId).put("fireAt", n.fireAt.epochSecond).put("title", n.title)
        .put("body", n.body).put("slotDate", n.slotDate).put("slotTime", n.slotTime).toString()

    private fun decode(id: String, json: String): PlannedNotification? = runCatching {
        val o = JSONObject(json)
        PlannedNotification(
            id, o.getString("reminderId"), Instant.ofEpochSecond(o.getLong("fireAt")), o.getString("title"),
            o.getString("body"), o.getString("slotDate"), o.getString("slotTime"),
        )
    }.getOrNull()
}

/** One PendingIntent per notification id: the id is the intent's data, so no two ids share one. */
private fun alarmIntent(context: Context, id: String, flag: Int): PendingIntent? =
    PendingIntent.getBroadcast(
        context, 0,
        Intent(context, ReminderAlarmReceiver::class.java).setAction(ACTION_FIRE).setData(idUri(id)).putExtra(EXTRA_ID, id),
        flag or PendingIntent.FLAG_IMMUTABLE,
    )

private fun idUri(id: String): Uri = Uri.Builder().scheme("gutskin").authority("notification").appendPath(id).build()

private fun actionIntent(context: Context, id: String, action: String): PendingIntent =
    PendingIntent.getBroadcast(
        context, 0,
        Intent(context, ReminderActionReceiver::class.java).setAction(action).setData(idUri(id)).putExtra(EXTRA_ID, id),
        PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE,
    )

/** The reminders channel; created at start (creating it again is a no-op). */
fun createReminderChannel(context: Context) {
    context.getSystemService(NotificationManager::class.java)
        .createNotificationChannel(NotificationChannel(CHANNEL, "Reminders", NotificationManager.IMPORTANCE_DEFAULT))
}

/** Runs [block] in the application's scope, keeping the receiver alive until it is done (goAsync). */
private fun BroadcastReceiver.inBackground(context: Context, block: suspend (GutskinApplication) -> Unit) {
    val app = context.applicationContext as GutskinApplication
    val result = goAsync()
    app.launchForReminders {
        try {
            block(app)
        } finally {
            result.finish()
        }
    }
}

/** An alarm went off: post the notification, record the delivery, reschedule (the plan rolls on). */
class ReminderAlarmReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        val id = intent.getStringExtra(EXTRA_ID) ?: return
        inBackground(context) { app ->
            val planned = app.alarmScheduler.fired(id) ?: return@inBackground // cancelled meanwhile
            val open = PendingIntent.getActivity(
                context, 0,
                Intent(context, MainActivity::class.java).setData(idUri(id)).putExtra(EXTRA_OPENED_NOTIFICATION, id),
                PendingIntent.FLAG_UPDATE_CURRENT or PendingIntent.FLAG_IMMUTABLE,
            )
            val notification = Notification.Builder(context, CHANNEL)
                .setSmallIcon(android.R.drawable.ic_popup_reminder)
                .setContentTitle(planned.title)
                .setContentText(planned.body)
                .setWhen(planned.fireAt.toEpochMilli())
                .setContentIntent(open)
                .setAutoCancel(true)
                .addAction(Notification.Action.Builder(null, "Done", actionIntent(context, id, ACTION_DONE)).build())
                .addAction(Notification.Action.Builder(null, "Snooze", actionIntent(context, id, ACTION_SNOOZE)).build())
                .build()
            // Without POST_NOTIFICATIONS (Android 13+) notify() posts nothing; then it was not delivered.
            val manager = context.getSystemService(NotificationManager::class.java)
            if (manager.areNotificationsEnabled()) {
                manager.notify(id, 0, notification)
                app.reminders.delivered(id)
            } else {
                app.reminders.reschedule()
            }
        }
    }
}

/** "Done" or "Snooze" on a shown notification. */
class ReminderActionReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        val id = intent.getStringExtra(EXTRA_ID) ?: return
        context.getSystemService(NotificationManager::class.java).cancel(id, 0)
        inBackground(context) { app ->
            when (intent.action) {
                ACTION_DONE -> app.reminders.actedOn(id)
                ACTION_SNOOZE -> app.reminders.snooze(id, SNOOZE_MINUTES)
            }
        }
    }
}

/** Boot (alarms are gone), a time-zone change (reminders follow the user), the clock set, an update. */
class ReminderSystemReceiver : BroadcastReceiver() {
    override fun onReceive(context: Context, intent: Intent) {
        inBackground(context) { app -> app.reminders.reschedule() }
    }
}
