package app.gutskin.diary

import app.gutskin.core.model.DaySummary
import app.gutskin.core.model.DayView
import app.gutskin.core.model.Entry
import java.time.LocalDate
import java.time.LocalDateTime
import java.time.OffsetDateTime
import java.time.ZoneOffset
import java.time.format.DateTimeFormatter

// The core speaks of days as "YYYY-MM-DD" strings; Kotlin code speaks java.time. The conversions live here.

/** This date as the core writes days: "YYYY-MM-DD". */
fun LocalDate.toDiaryDate(): String = format(DateTimeFormatter.ISO_LOCAL_DATE)

/** Parses a day the core returned ("YYYY-MM-DD"). */
fun parseDiaryDate(text: String): LocalDate = LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE)

/** The user's local day of the entry, where it was logged. */
val Entry.day: LocalDate get() = parseDiaryDate(localDate)

val DayView.day: LocalDate get() = parseDiaryDate(date)

val DaySummary.day: LocalDate get() = parseDiaryDate(date)

/** The UTC offset the entry was logged with. */
val Entry.offset: ZoneOffset get() = ZoneOffset.ofTotalSeconds(utcOffsetMinutes * 60)

/** When the entry happened, on the wall clock of the place it was logged. */
val Entry.localDateTime: LocalDateTime get() = LocalDateTime.ofInstant(occurredAt, offset)

val Entry.offsetDateTime: OffsetDateTime get() = OffsetDateTime.ofInstant(occurredAt, offset)

/** The days of this range, oldest first. */
fun ClosedRange<LocalDate>.days(): List<LocalDate> {
    val out = ArrayList<LocalDate>()
    var day = start
    while (!day.isAfter(endInclusive)) {
        out += day
        day = day.plusDays(1)
    }
    return out
}
