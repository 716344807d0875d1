package app.gutskin.screens

import app.gutskin.core.model.BodyArea
import app.gutskin.core.model.Condition
import app.gutskin.core.model.Entry
import app.gutskin.core.model.GutskinException
import app.gutskin.diary.DiaryFormat
import app.gutskin.diary.GutskinDiary
import app.gutskin.diary.NewEntries
import app.gutskin.diary.UserMessage
import app.gutskin.diary.skinRating
import java.time.Clock
import java.time.ZonedDateTime
import kotlinx.coroutines.CoroutineScope
import kotlinx.coroutines.Job

/** One condition on the check-in form. Only [rated] conditions are saved. */
data class ConditionInput(
    val condition: Condition,
    val label: String,
    val rated: Boolean,
    /** 0 (clear) to 10 (worst ever). */
    val severity: Int = 0,
    /** 0-10, or null when not asked (not every condition itches). */
    val itch: Int? = null,
    val areas: Set<BodyArea> = emptySet(),
)

/** The Skin check-in form: ratings of the conditions, and optionally the seven POEM questions. */
data class SkinCheckInState(
    val loading: Boolean = true,
    /** The profile's tracked conditions first (rated by default), then the others. */
    val conditions: List<ConditionInput> = emptyList(),
    /** Answers 0-4 to [SkinCheckInViewModel.POEM_QUESTIONS], null while unanswered. */
    val poem: List<Int?> = List(SkinCheckInViewModel.POEM_QUESTIONS.size) { null },
    /** "POEM 9/28 (moderate)" once all seven are answered. */
    val poemScore: String? = null,
    val note: String = "",
    val saving: Boolean = false,
    val error: UserMessage? = null,
    /** The condition the error is about, if it is about one. */
    val errorCondition: Condition? = null,
    /** The check-in as stored, after a save. */
    val saved: Entry? = null,
)

class SkinCheckInViewModel(
    private val diary: GutskinDiary,
    scope: CoroutineScope,
    private val clock: Clock = Clock.systemDefaultZone(),
    private val format: DiaryFormat = DiaryFormat(),
) : ScreenModel<SkinCheckInState>(SkinCheckInState(), scope) {

    init {
        reload()
    }

    /** Fills the form from the profile's tracked conditions. */
    fun reload(): Job = action({ s, e -> s.copy(loading = false, error = UserMessage.of(e)) }) {
        val tracked = diary.profile().conditions
        val order = tracked + Condition.entries.filter { it !in tracked }
        setState {
            it.copy(
                loading = false,
                conditions = order.map { c -> ConditionInput(c, format.condition(c), rated = c in tracked) },
            )
        }
    }

    fun setRated(condition: Condition, rated: Boolean) = changeCondition(condition) { copy(rated = rated) }

    /** Moving a slider also marks the condition rated. */
    fun setSeverity(condition: Condition, severity: Int) =
        changeCondition(condition) { copy(severity = severity, rated = true) }

    fun setItch(condition: Condition, itch: Int?) = changeCondition(condition) { copy(itch = itch) }

    fun toggleArea(condition: Condition, area: BodyArea) =
        changeCondition(condition) { copy(areas = if (area in areas) areas - area else areas + area) }

    /** Answers POEM question [question] (0-based) with 0-4, or clears it with null. */
    fun setPoemAnswer(question: Int, answer: Int?): Job {
        val answers = current.poem.toMutableList().also { it[question] = answer }
        setState { it.copy(poem = answers, poemScore = null) }
        if (answers.any { it == null }) return done()
        return action({ s, e -> s.copy(error = UserMessage.of(e)) }) {
            val score = format.poem(diary.poemScore(answers.map { it!! }))
            // Only if the answers have not changed while the core scored them.
            setState { if (it.poem == answers) it.copy(poemScore = score) else it }
        }
    }

    fun setNote(note: String) = setState { it.copy(note = note) }

    fun dismissError() = setState { it.copy(error = null, errorCondition = null) }

    fun consumeSaved() = setState { it.copy(saved = null) }

    /** Saves the check-in now (in the phone's zone); the form is reset on success. */
    fun save(): Job {
        val form = current
        if (form.saving || form.loading) return done()
        val rated = form.conditions.filter { it.rated }
        val answered = form.poem.count { it != null }
        if (answered in 1 until form.poem.size) {
            setState {
                it.copy(error = UserMessage("POEM: answer all seven questions, or none.", "skin.poem", "incomplete"))
            }
            return done()
        }
        setState { it.copy(saving = true, error = null, errorCondition = null) }
        return action({ s, e -> failed(s, e, rated.map { it.condition }) }) {
            val ratings = rated.mapIndexed { i, c ->
                skinRating(c.condition, c.severity, c.itch, c.areas, field = "skin.ratings[$i]")
            }
            val poem = if (answered == 0) null else form.poem.map { it!! }
            val entry = NewEntries.skinCheckIn(ZonedDateTime.now(clock), ratings, poem, form.note.ifBlank { null })
            val saved = diary.log(entry)
            setState {
                it.copy(
                    saving = false,
                    saved = saved,
                    note = "",
                    poem = List(form.poem.size) { null },
                    poemScore = null,
                )
            }
        }
    }

    private fun changeCondition(condition: Condition, change: ConditionInput.() -> ConditionInput) = setState { s ->
        s.copy(
            conditions = s.conditions.map { if (it.condition == condition) it.change() else it },
            errorCondition = if (s.errorCondition == condition) null else s.errorCondition,
        )
    }

    private fun failed(state: SkinCheckInState, e: Throwable, sent: List<Condition>): SkinCheckInState {
        val index = (e as? GutskinException.InvalidInput)?.let { RATING.find(it.field) }?.groupValues?.get(1)?.toInt()
        return state.copy(saving = false, error = UserMessage.of(e), errorCondition = index?.let { sent.getOrNull(it) })
    }

    companion object {
        private val RATING = Regex("""^skin\.ratings\[(\d+)]""")

        /** The topics of the seven POEM questions ("over the last week, on how many days was your skin ..."). */
        val POEM_QUESTIONS = listOf(
            "itchy",
            "disturbing your sleep",
            "bleeding",
            "weeping or oozing clear fluid",
            "cracked",
            "flaking off",
            "dry or rough",
        )

        /** The answers 0-4 as the questionnaire words them. */
        val POEM_ANSWERS = listOf("No days", "1-2 days", "3-4 days", "5-6 days", "Every day")
    }
}
