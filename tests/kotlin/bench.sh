#!/usr/bin/env bash
# The JVM micro-benchmark: the cost from Kotlin (uniffi + JNA) of a trivial call, of logging an entry
# (in-memory and durable file diary) and of loading the Today screen of a 5-year, 100,000-entry diary,
# against the RELEASE library; then the same calls from Rust (bindings/benches/calls.rs, criterion),
# so the overhead of the foreign call is visible. Results: docs/benchmarks.md, "Calls from Kotlin".
# Runs on request only, not in tests/run-all.sh.
#
# Usage: tests/kotlin/bench.sh [--quick] [--kotlin-only]
#   --quick        a tenth of the samples and short warm-ups (a smoke run)
#   --kotlin-only  skip the Rust criterion bench
# The 100,000-entry diary is target/bench-data/diary-100k-v<schema>.sqlite, the file the core's store
# bench makes; it is built (about a minute) when missing.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
QUICK=()
RUST=1
for arg in "$@"; do
    case "$arg" in
        --quick) QUICK=(--quick) ;;
        --kotlin-only) RUST=0 ;;
        *) echo "bench.sh: unknown argument $arg" >&2; exit 2 ;;
    esac
done

eval "$(tests/foreign/setup-kotlin.sh)"
eval "$(tests/foreign/generate-bindings.sh --release)"
TARGET="$(dirname "$GUTSKIN_BINDINGS")"
OUT="$TARGET/kotlin-bench"
# The Rust benches keep their data in the workspace's target/bench-data (core/benches/store.rs).
DATA="$ROOT/target/bench-data"
mkdir -p "$OUT" "$DATA"
exec 9>"$OUT/.lock"
flock 9

rm -rf "$OUT/gen"
cp -r "$GUTSKIN_BINDINGS/kotlin" "$OUT/gen"
CLASSPATH="$KOTLIN_STDLIB_JAR:$KOTLINX_COROUTINES_JAR:$JNA_JAR"
mapfile -t SOURCES < <(find "$OUT/gen" "$ROOT/android/core/src/main/kotlin" "$ROOT/tests/kotlin/bench" -name '*.kt' | sort)
STAMP="$( (echo "$KOTLIN_HOME $CLASSPATH" && sha256sum "${SOURCES[@]}") | sha256sum | cut -d' ' -f1)"
JAR="$OUT/bench.jar"
if [[ ! -f "$JAR" || "$(cat "$JAR.stamp" 2>/dev/null)" != "$STAMP" ]]; then
    echo "bench: compiling ${#SOURCES[@]} sources" >&2
    rm -rf "$JAR" "$JAR.stamp" "$OUT/bench.tmp.jar"
    JAVA_OPTS="-Xmx2g -XX:TieredStopAtLevel=1" "$KOTLINC" -jvm-target 17 -nowarn -cp "$CLASSPATH" \
        "${SOURCES[@]}" -d "$OUT/bench.tmp.jar"
    mv "$OUT/bench.tmp.jar" "$JAR"
    echo "$STAMP" >"$JAR.stamp"
fi
exec 9>&-

echo "== Kotlin (JVM $(java -version 2>&1 | head -1 | cut -d'"' -f2), uniffi/JNA, release library)"
java -Xmx1g -Djna.library.path="$GUTSKIN_LIB_DIR" -cp "$JAR:$CLASSPATH" app.gutskin.bench.BenchKt \
    "$DATA" "${QUICK[@]}"

if [[ $RUST -eq 1 ]]; then
    echo
    echo "== Rust (criterion, the bindings' Diary called directly)"
    CRITERION=()
    [[ ${#QUICK[@]} -gt 0 ]] && CRITERION=(--warm-up-time 1 --measurement-time 2)
    cargo bench -q -p gutskin-bindings --bench calls -- "${CRITERION[@]}"
fi
