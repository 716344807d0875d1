package app.gutskin.app

import android.content.Intent
import android.os.Bundle
import androidx.activity.ComponentActivity
import androidx.activity.compose.BackHandler
import androidx.activity.compose.setContent
import androidx.activity.enableEdgeToEdge
import androidx.compose.material3.MaterialTheme
import androidx.compose.runtime.Composable
import androidx.compose.runtime.getValue
import androidx.compose.runtime.mutableStateOf
import androidx.compose.runtime.saveable.rememberSaveable
import androidx.compose.runtime.setValue
import app.gutskin.diary.GutskinDiary
import app.gutskin.screens.HistoryViewModel
import app.gutskin.screens.LogMealViewModel
import app.gutskin.screens.SkinCheckInViewModel
import app.gutskin.screens.TodayViewModel

class MainActivity : ComponentActivity() {
    override fun onCreate(savedInstanceState: Bundle?) {
        super.onCreate(savedInstanceState)
        enableEdgeToEdge()
        val diary = (application as GutskinApplication).diary
        if (savedInstanceState == null) openedFromNotification(intent) // not again after a rotation
        setContent {
            MaterialTheme {
                GutskinApp(diary)
            }
        }
    }

    override fun onResume() {
        super.onResume()
        (application as GutskinApplication).rescheduleReminders() // the plan keeps rolling
    }

    override fun onNewIntent(intent: Intent) {
        super.onNewIntent(intent)
        openedFromNotification(intent)
    }

    /** A tap on a reminder opened the app: it was acted on (recorded, then rescheduled). */
    private fun openedFromNotification(intent: Intent?) {
        val id = intent?.getStringExtra(EXTRA_OPENED_NOTIFICATION) ?: return
        val app = application as GutskinApplication
        app.launchForReminders { app.reminders.actedOn(id) }
    }
}

private enum class Screen { TODAY, LOG_MEAL, SKIN_CHECK_IN, HISTORY }

/** Four screens, switched by one saveable value; Back returns to Today. */
@Composable
fun GutskinApp(diary: GutskinDiary) {
    var screen by rememberSaveable { mutableStateOf(Screen.TODAY) }
    var editingMeal by rememberSaveable { mutableStateOf<String?>(null) }
    BackHandler(enabled = screen != Screen.TODAY) { screen = Screen.TODAY }

    when (screen) {
        Screen.TODAY -> TodayScreen(
            model = rememberScreenModel { TodayViewModel(diary, it) },
            onLogMeal = { editingMeal = null; screen = Screen.LOG_MEAL },
            onEditMeal = { id -> editingMeal = id; screen = Screen.LOG_MEAL },
            onSkinCheckIn = { screen = Screen.SKIN_CHECK_IN },
            onHistory = { screen = Screen.HISTORY },
        )
        Screen.LOG_MEAL -> LogMealScreen(
            model = rememberScreenModel { LogMealViewModel(diary, it) },
            editingId = editingMeal,
            onDone = { screen = Screen.TODAY },
        )
        Screen.SKIN_CHECK_IN -> SkinCheckInScreen(
            model = rememberScreenModel { SkinCheckInViewModel(diary, it) },
            onDone = { screen = Screen.TODAY },
        )
        Screen.HISTORY -> HistoryScreen(
            model = rememberScreenModel { HistoryViewModel(diary, it) },
            onBack = { screen = Screen.TODAY },
        )
    }
}
