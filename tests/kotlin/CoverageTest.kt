package app.gutskin.tests

import java.io.File
import kotlin.test.assertTrue
import org.junit.Test

/**
 * A guard: every function bindings/src exports through uniffi is called somewhere in these tests, so a
 * call added to the bindings without a Kotlin test fails the run. run.sh passes the repository root as
 * the system property `gutskin.root`.
 */
class CoverageTest {
    private val root = File(System.getProperty("gutskin.root") ?: error("run through tests/kotlin/run.sh"))

    /** (Kotlin name, is a method of an exported impl block) for every exported function. */
    private fun exported(): List<Pair<String, Boolean>> {
        val sources = File(root, "bindings/src").walk().filter { it.extension == "rs" && "bin" !in it.path.split('/') }
        val found = ArrayList<Pair<String, Boolean>>()
        for (file in sources) {
            val lines = file.readLines()
            for ((i, line) in lines.withIndex()) {
                if (!line.trim().startsWith("#[uniffi::export")) continue
                // The item the attribute is on: skip doc comments and further attributes.
                var j = i + 1
                fun skipped(text: String) = text.startsWith("///") || text.startsWith("#[") || text.isEmpty()
                while (j < lines.size && skipped(lines[j].trim())) j++
                val item = lines.getOrNull(j)?.trim() ?: continue
                if (item.startsWith("impl")) {
                    var depth = 0
                    for (k in j until lines.size) {
                        if (depth == 1) PUB_FN.find(lines[k])?.let { found += camel(it.groupValues[1]) to true }
                        depth += lines[k].count { it == '{' } - lines[k].count { it == '}' }
                        if (depth == 0 && k > j) break
                    }
                } else {
                    PUB_FN.find(item)?.let { found += camel(it.groupValues[1]) to false }
                }
            }
        }
        return found
    }

    @Test
    fun everyExportedCallIsCalledFromKotlin() {
        val exported = exported()
        assertTrue(exported.size >= 20, "found only ${exported.size} exported functions; is the parser still right?")
        val tests = File(root, "tests/kotlin").listFiles { f -> f.extension == "kt" && f.name != "CoverageTest.kt" }!!
            .joinToString("\n") { it.readText() }
        val missing = exported.filter { (name, method) ->
            val call = if (method) Regex("""\.$name\(""") else Regex("""\b$name\(""")
            !call.containsMatchIn(tests)
        }
        assertTrue(missing.isEmpty(), "exported but never called from the Kotlin tests: ${missing.map { it.first }}")
    }

    private companion object {
        val PUB_FN = Regex("""^\s*pub fn (\w+)""")

        fun camel(snake: String) = snake.split('_').mapIndexed { i, part ->
            if (i == 0) part else part.replaceFirstChar { it.uppercase() }
        }.joinToString("")
    }
}
