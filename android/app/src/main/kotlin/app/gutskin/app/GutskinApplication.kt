package app.gutskin.app

import android.app.Application
import app.gutskin.diary.GutskinDiary
import java.io.File

/** Holds the one diary of the app, in its private files folder. */
class GutskinApplication : Application() {
    lateinit var diary: GutskinDiary
        private set

    override fun onCreate() {
        super.onCreate()
        // No database I/O here: GutskinDiary opens the file on its first call, on Dispatchers.IO.
        diary = GutskinDiary.open(File(filesDir, "diary.sqlite"))
    }
}
