package app.gutskin.diary

import app.gutskin.core.model.EncryptionFailure
import app.gutskin.core.model.GutskinException

/**
 * A failure as a screen shows it: [text] for the user; for invalid input also the core's [field] path
 * (e.g. `skin.ratings[0].severity`) and its [reason], so a screen can mark the input at fault.
 */
data class UserMessage(val text: String, val field: String? = null, val reason: String? = null) {
    companion object {
        /** What to tell the user about [error]. Never includes diary contents (the core's errors carry none). */
        fun of(error: Throwable): UserMessage = when (error) {
            is GutskinException.InvalidInput ->
                UserMessage("${fieldLabel(error.field)}: ${error.reason}", error.field, error.reason)
            is GutskinException.NotFound ->
                UserMessage("This ${error.what} no longer exists.")
            is GutskinException.NewerSchema ->
                UserMessage("This diary was saved by a newer version of Gutskin. Update the app to open it.")
            is GutskinException.CorruptFile ->
                UserMessage("The diary file is damaged and cannot be read. It has been left as it is.")
            is GutskinException.InvalidImport ->
                UserMessage(
                    "Line ${error.line} of the file is not valid (${fieldLabel(error.field)}: ${error.reason}). " +
                        "Nothing was imported.",
                    error.field,
                    error.reason,
                )
            is GutskinException.Encryption -> UserMessage(encryptionText(error.reason))
            is GutskinException.Storage ->
                UserMessage(
                    "The diary could not be read or saved. Check that the phone has free space, then try again.",
                )
            else -> UserMessage("Something went wrong: ${error.message ?: error.javaClass.simpleName}")
        }

        /** What the user can do when an encrypted diary or a backup does not open (docs/privacy.md). */
        fun encryptionText(reason: EncryptionFailure): String = when (reason) {
            EncryptionFailure.KEY_NEEDED, EncryptionFailure.WRONG_KEY ->
                "This diary is encrypted and its key is missing or does not open it. Nothing in it was changed. " +
                    "If the key is lost, restore a backup."
            EncryptionFailure.NOT_ENCRYPTED ->
                "This diary is not encrypted yet. Open it without a key, then turn encryption on."
            EncryptionFailure.PASSPHRASE_NEEDED -> "This backup is protected with a passphrase. Enter it to restore."
            EncryptionFailure.WRONG_PASSPHRASE ->
                "The passphrase does not open this backup. Check it and try again; nothing was restored."
            EncryptionFailure.DAMAGED_BACKUP ->
                "The backup file is damaged or incomplete, or it is not a Gutskin backup. Nothing was restored."
            EncryptionFailure.NEWER_BACKUP ->
                "This backup was made by a newer version of Gutskin. Update the app to restore it."
        }

        /**
         * A readable name for one of the core's field paths: `skin.ratings[0].severity` -> "Severity",
         * `meal.items[2].text` -> "Item 3", `skin.poem[4]` -> "POEM question 5".
         */
        fun fieldLabel(field: String): String {
            val parts = field.split('.')
            val leaf = parts.last()
            val index = Regex("""\[(\d+)]$""").find(leaf)?.groupValues?.get(1)?.toInt()
            val name = leaf.substringBefore('[')
            val parent = parts.getOrNull(parts.size - 2)?.substringBefore('[')
            return when {
                name == "text" && parent == "items" -> "Item ${itemNumber(parts[parts.size - 2])}"
                name == "poem" && index != null -> "POEM question ${index + 1}"
                name == "tags" && index != null -> "Tag ${index + 1}"
                else -> LABELS[name] ?: name.replace('_', ' ').replaceFirstChar { it.uppercase() }
            }
        }

        private fun itemNumber(part: String): Int =
            (Regex("""\[(\d+)]""").find(part)?.groupValues?.get(1)?.toInt() ?: 0) + 1

        private val LABELS = mapOf(
            "occurred_at" to "Time",
            "time_zone" to "Time zone",
            "utc_offset_minutes" to "Time zone offset",
            "note" to "Note",
            "tags" to "Tags",
            "items" to "Items",
            "ratings" to "Ratings",
            "skin" to "Skin check-in",
            "poem" to "POEM",
            "severity" to "Severity",
            "itch" to "Itch",
            "condition" to "Condition",
            "gut" to "Gut check-in",
            "bristol" to "Stool form (Bristol)",
            "bloating" to "Bloating",
            "pain" to "Pain",
            "level" to "Stress level",
            "minutes" to "Minutes",
            "quality" to "Sleep quality",
            "name" to "Name",
            "dose" to "Dose",
            "course" to "Course",
            "start" to "Course start",
            "end" to "Course end",
            "ml" to "Water",
            "text" to "Text",
            "birth_year" to "Year of birth",
            "daily_energy_kcal" to "Daily energy",
            "locale" to "Language",
            "date" to "Date",
            "from" to "From",
            "to" to "To",
            "path" to "File",
            "json" to "Line",
            "line" to "Line",
        )
    }
}
