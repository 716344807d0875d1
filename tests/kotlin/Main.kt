package app.gutskin.tests

import java.io.File
import java.util.jar.JarFile
import kotlin.system.exitProcess
import org.junit.runner.Description
import org.junit.runner.JUnitCore
import org.junit.runner.notification.Failure
import org.junit.runner.notification.RunListener

/**
 * Runs every `*Test` class of this package found in the tests' jar (so a new test file cannot be
 * forgotten) and ends with the one line CI log readers know: "N passed, N failed, N skipped".
 * Exits 1 on any failure, or when no test ran at all. Arguments, if given, filter the class names.
 */
fun main(args: Array<String>) {
    val classes = testClasses().filter { c -> args.isEmpty() || args.any { c.simpleName.contains(it) } }
    val junit = JUnitCore()
    val verbose = System.getenv("GUTSKIN_TEST_VERBOSE") != null
    junit.addListener(object : RunListener() {
        private var started = 0L

        override fun testStarted(description: Description) {
            started = System.nanoTime()
        }

        override fun testFinished(description: Description) {
            if (verbose) println("%6.0f ms  %s".format((System.nanoTime() - started) / 1e6, description.displayName))
        }

        override fun testFailure(failure: Failure) {
            println("FAILED ${failure.description.displayName}\n${brief(failure.exception)}")
        }

        override fun testIgnored(description: Description) {
            println("skipped ${description.displayName}")
        }
    })
    val started = System.nanoTime()
    val result = junit.run(*classes.toTypedArray())
    val failed = result.failureCount
    val skipped = result.ignoreCount + result.assumptionFailureCount
    val passed = result.runCount - failed - result.assumptionFailureCount
    val seconds = (System.nanoTime() - started) / 1e9
    println("${classes.size} test classes in %.1f s".format(seconds))
    println("$passed passed, $failed failed, $skipped skipped")
    exitProcess(if (failed > 0 || passed + failed == 0) 1 else 0)
}

private fun testClasses(): List<Class<*>> {
    val prefix = "app/gutskin/tests/"
    val source = File(object {}.javaClass.protectionDomain.codeSource.location.toURI())
    val names = if (source.isFile) {
        JarFile(source).use { jar -> jar.entries().asSequence().map { it.name }.toList() }
    } else {
        source.walk().filter { it.isFile }.map { it.relativeTo(source).invariantSeparatorsPath }.toList()
    }
    return names
        .filter { it.startsWith(prefix) && it.endsWith("Test.class") && !it.contains('$') }
        .sorted()
        .map { Class.forName(it.removeSuffix(".class").replace('/', '.')) }
}

/** The exception and its causes with only this project's stack frames: what a failure needs. */
private fun brief(e: Throwable): String = generateSequence(e) { it.cause }.joinToString("\ncaused by ") { t ->
    val frames = t.stackTrace.filter { it.className.startsWith("app.gutskin") }.take(8)
    (listOf(t.toString()) + frames.map { "    at $it" }).joinToString("\n")
}
