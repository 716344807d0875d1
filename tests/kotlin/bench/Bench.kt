package app.gutskin.bench

import app.gutskin.core.Diary
import app.gutskin.core.model.BodyArea
import app.gutskin.core.model.Condition
import app.gutskin.core.model.EntryDetails
import app.gutskin.core.model.MealItem
import app.gutskin.core.model.MealKind
import app.gutskin.core.model.NewEntry
import app.gutskin.core.model.SkinRating
import app.gutskin.core.schemaVersion
import app.gutskin.diary.GutskinDiary
import java.io.File
import java.time.Instant
import java.time.LocalDate
import kotlin.system.exitProcess
import kotlinx.coroutines.runBlocking

// The cost from Kotlin of calls through uniffi and JNA, against the release library (tests/kotlin/bench.sh).
// Each call is timed on its own after a warm-up; the figures are per call. The same calls from Rust are
// bindings/benches/calls.rs. Usage: BenchKt BENCH_DATA_DIR [--quick]

private class Stats(val name: String, samples: LongArray) {
    private val sorted = samples.sortedArray()
    val count = sorted.size
    val median = sorted[count / 2]
    val p90 = sorted[(count * 9) / 10]
    val mean = sorted.average()
}

private fun micros(nanos: Number) = "%.1f µs".format(nanos.toDouble() / 1000)

/** Warms [call] up for [warmupMs], then times [samples] calls one by one. */
private fun measure(name: String, samples: Int, warmupMs: Long, call: () -> Unit): Stats {
    val warmEnd = System.nanoTime() + warmupMs * 1_000_000
    while (System.nanoTime() < warmEnd) call()
    val times = LongArray(samples)
    for (i in 0 until samples) {
        val t0 = System.nanoTime()
        call()
        times[i] = System.nanoTime() - t0
    }
    return Stats(name, times).also {
        println("%-62s median %10s   p90 %10s   mean %10s   (%d calls)".format(
            name, micros(it.median), micros(it.p90), micros(it.mean), it.count,
        ))
    }
}

private fun stress(at: Instant, level: Int) = NewEntry(
    occurredAt = at,
    timeZone = "Europe/Berlin",
    utcOffsetMinutes = null,
    note = null,
    tags = emptyList(),
    details = EntryDetails.Stress(level.toUByte()),
)

/**
 * The 5-year diary of 100,000 entries the Rust benches use (core/benches/store.rs): the same file if
 * it exists, else built here with the same recipe in batches of 5,000 (log_entries).
 */
private fun bigDiary(dir: File): File {
    val file = File(dir, "diary-100k-v${schemaVersion()}.sqlite")
    if (file.exists()) return file
    dir.mkdirs()
    val partial = File(dir, "diary-100k.kotlin-${ProcessHandle.current().pid()}.partial.sqlite")
    val started = System.nanoTime()
    Diary.open(partial.path).use { diary ->
        val start = Instant.parse("2021-11-26T05:00:00Z")
        val days = 5 * 365
        val perDay = 100_000 / days + 1
        val batch = ArrayList<NewEntry>()
        var total = 0
        days@ for (day in 0 until days) {
            for (k in 0 until perDay) {
                if (total == 100_000) break@days
                val at = start.plusSeconds(day * 86_400L + k * 900L)
                val details = when (k % 6) {
                    0 -> EntryDetails.Meal(
                        MealKind.LUNCH,
                        listOf(MealItem.FreeText("lentil soup"), MealItem.FreeText("rye bread")),
                    )
                    1 -> EntryDetails.SkinCheckIn(
                        listOf(SkinRating(Condition.ACNE, (day % 11).toUByte(), 2u, listOf(BodyArea.FACE))),
                        null,
                    )
                    2 -> EntryDetails.GutCheckIn(4u, 3u, 1u)
                    3 -> EntryDetails.Water(250u)
                    4 -> EntryDetails.Sleep(420u, 3u)
                    else -> EntryDetails.Stress((k % 11).toUByte())
                }
                batch += stress(at, 0).copy(details = details, tags = if (k % 10 == 0) listOf("dairy") else emptyList())
                total++
            }
            if (batch.size >= 5_000) {
                diary.logEntries(batch.toList())
                batch.clear()
            }
        }
        diary.logEntries(batch)
    }
    if (!partial.renameTo(file)) partial.delete() // another bench finished it first
    println("built ${file.name} in %.1f s".format((System.nanoTime() - started) / 1e9))
    return file
}

fun main(args: Array<String>) {
    if (args.isEmpty()) {
        System.err.println("usage: BenchKt BENCH_DATA_DIR [--quick]")
        exitProcess(2)
    }
    val dataDir = File(args[0])
    val quick = "--quick" in args
    val scale = if (quick) 10 else 1
    val warm = if (quick) 300L else 2_000L
    val results = ArrayList<Stats>()
    // As people log: 20 minutes apart (72 entries a day, each write also refreshing its day's stored
    // summary), from 2020 on, wrapping after 150,000 entries; bindings/benches/calls.rs logs the same.
    val firstLog = Instant.parse("2020-01-01T06:00:00Z")
    var logged = 0L
    fun nextEntry(): NewEntry {
        logged++
        return stress(firstLog.plusSeconds((logged % 150_000) * 20 * 60), (logged % 11).toInt())
    }

    results += measure("schemaVersion() (trivial call)", 200_000 / scale, warm) { schemaVersion() }

    Diary.openInMemory().use { diary ->
        results += measure("logEntry, in-memory diary", 20_000 / scale, warm) { diary.logEntry(nextEntry()) }
    }

    val durableFile = File(dataDir, "calls-kotlin-${ProcessHandle.current().pid()}.sqlite")
    try {
        Diary.open(durableFile.path).use { diary ->
            results += measure("logEntry, file diary (durable)", 2_000 / scale, warm) { diary.logEntry(nextEntry()) }
        }
    } finally {
        listOf("", "-wal", "-shm").forEach { File(durableFile.path + it).delete() }
    }

    val big = bigDiary(dataDir)
    val day = "2024-06-15"
    Diary.open(big.path).use { diary ->
        val entries = diary.today(day).entries.size
        check(entries > 50) { "expected a full day, got $entries entries" }
        results += measure("today($day), 100,000-entry diary ($entries entries)", 10_000 / scale, warm) {
            diary.today(day)
        }
    }
    // The same screen load through the idiomatic layer: a suspend call hopping to Dispatchers.IO and back.
    GutskinDiary.open(big).use { diary ->
        val date = LocalDate.parse(day)
        results += measure("GutskinDiary.today($day) (runBlocking + Dispatchers.IO)", 10_000 / scale, warm) {
            runBlocking { diary.today(date) }
        }
    }

    println()
    println("| call from Kotlin | median | p90 | mean |")
    println("|---|---|---|---|")
    for (r in results) println("| ${r.name} | ${micros(r.median)} | ${micros(r.p90)} | ${micros(r.mean)} |")
}
