#!/usr/bin/env bash
# Runs the Kotlin tests on the JVM against the real library (JNA): the generated bindings, the Android
# core module's Kotlin (android/core/src/main/kotlin) and the tests here, compiled together in one
# kotlinc run, then run by Main.kt, which ends with "N passed, N failed, N skipped" and exits 1 on a
# failure or when no test ran.
#
# Usage: tests/kotlin/run.sh [CLASS-NAME-FILTER...]     e.g. tests/kotlin/run.sh Errors ViewModel
#   GUTSKIN_TEST_VERBOSE=1  also lists every test as it finishes
#   GUTSKIN_KOTLIN_WARNINGS=1  shows kotlinc's warnings (hidden by default: the generated code has many)
#
# On a fresh machine (as root, as CI runs) it installs kotlinc, JNA and JUnit first (setup-kotlin.sh).
# The compiled jar is kept in target/kotlin-tests with a hash of everything it was built from, so a
# warm run with unchanged sources skips kotlinc (about 30 s on 2 cores) and takes a few seconds.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"

eval "$(tests/foreign/setup-kotlin.sh)"
eval "$(tests/foreign/generate-bindings.sh)"

OUT="$(dirname "$GUTSKIN_BINDINGS")/kotlin-tests"
mkdir -p "$OUT"
exec 9>"$OUT/.lock"
flock 9 # one run at a time compiles into this folder

# A private copy of the generated sources: another run (the Swift tests, the bench) may regenerate
# target/bindings while kotlinc reads them.
rm -rf "$OUT/gen"
cp -r "$GUTSKIN_BINDINGS/kotlin" "$OUT/gen"

CLASSPATH="$KOTLIN_TEST_CLASSPATH:$KOTLINX_COROUTINES_JAR"
SOURCE_DIRS=("$OUT/gen" "$ROOT/android/core/src/main/kotlin")
mapfile -t SOURCES < <(find "${SOURCE_DIRS[@]}" -name '*.kt' | sort)
mapfile -t TESTS < <(find "$ROOT/tests/kotlin" -maxdepth 1 -name '*.kt' | sort)

# Everything the jar depends on: the compiler, the classpath and every source's path and content.
STAMP="$( (echo "$KOTLIN_HOME $CLASSPATH" && sha256sum "${SOURCES[@]}" "${TESTS[@]}") | sha256sum | cut -d' ' -f1)"
JAR="$OUT/tests.jar"

if [[ -f "$JAR" && "$(cat "$JAR.stamp" 2>/dev/null)" == "$STAMP" ]]; then
    echo "kotlin: sources unchanged, reusing $JAR" >&2
else
    echo "kotlin: compiling ${#SOURCES[@]} sources and ${#TESTS[@]} test files" >&2
    WARNINGS=(-nowarn)
    [[ -n "${GUTSKIN_KOTLIN_WARNINGS:-}" ]] && WARNINGS=()
    rm -rf "$JAR" "$JAR.stamp" "$OUT/tests.tmp.jar"
    JAVA_OPTS="-Xmx2g -XX:TieredStopAtLevel=1" "$KOTLINC" -jvm-target 17 "${WARNINGS[@]}" -cp "$CLASSPATH" \
        "${SOURCES[@]}" "${TESTS[@]}" -d "$OUT/tests.tmp.jar" # kotlinc writes a jar when -d ends in .jar
    mv "$OUT/tests.tmp.jar" "$JAR"
    echo "$STAMP" >"$JAR.stamp"
fi

exec 9>&- # the run itself needs no lock
java -XX:TieredStopAtLevel=1 -Djna.library.path="$GUTSKIN_LIB_DIR" -Dgutskin.root="$ROOT" -cp "$JAR:$CLASSPATH" \
    app.gutskin.tests.MainKt "$@"
