#!/usr/bin/env bash
# Installs, once, the Kotlin/JVM toolchain the foreign-language tests use, and prints where it is.
#
# Usage (run it, do not source it; progress goes to stderr, shell assignments to stdout):
#     eval "$(tests/foreign/setup-kotlin.sh)"
# which sets and exports:
#     KOTLIN_HOME             the kotlinc distribution (bin/, lib/)
#     KOTLINC                 $KOTLIN_HOME/bin/kotlinc
#     KOTLIN_STDLIB_JAR       kotlin-stdlib.jar
#     KOTLIN_TEST_JAR         kotlin-test.jar
#     KOTLIN_TEST_JUNIT_JAR   kotlin-test-junit.jar
#     KOTLINX_COROUTINES_JAR  kotlinx-coroutines-core-jvm.jar (only needed when async fns are exported)
#     JNA_JAR JUNIT_JAR HAMCREST_JAR   Debian's jna.jar, junit4.jar, hamcrest-core.jar
#     KOTLIN_TEST_CLASSPATH   stdlib, kotlin-test(-junit), JNA, JUnit 4 and Hamcrest joined with ':'
#                             (add the tests' own jar to run them; JNA's native part is found by itself)
#
# What it does, each step skipped when already done (a warm run is a no-op of well under a second):
#   - Debian packages libjna-java libjna-jni junit4 libhamcrest-java (libjna-jni carries the native
#     libjnidispatch that Debian's jna.jar lacks; junit4 pulls a headless JRE if there is none),
#     via apt-get, running `apt-get update` only when a package is unknown or the install fails.
#   - `npm pack kotlin-compiler@2.4.20` (about 90 MB), checked against the sha256 pinned below, extracted
#     into $GUTSKIN_CACHE/kotlinc-2.4.20 (GUTSKIN_CACHE defaults to ~/.cache/gutskin) through a temporary
#     folder, checked by running `kotlinc -version`, and marked complete; guarded by flock so that
#     concurrent runs do not race.
# Needs root (or sudo) only when Debian packages are missing. Debian 12 (bookworm) is what CI runs.
if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
    # shellcheck disable=SC2016 # the $(...) is for the reader to type
    echo 'setup-kotlin.sh: run it, do not source it: eval "$(tests/foreign/setup-kotlin.sh)"' >&2
    return 1
fi
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"

KOTLIN_VERSION=2.4.20
KOTLIN_TGZ_SHA256=c23dab400d7ce5ea8b6c909947c0ca5454189e4bb1108695b5f464500e5e950f
DEBIAN_PACKAGES=(libjna-java libjna-jni junit4 libhamcrest-java)
# npm fetches kotlinc and Java runs it; Debian has both when the machine does not.
command -v npm >/dev/null || DEBIAN_PACKAGES+=(npm)
command -v java >/dev/null || DEBIAN_PACKAGES+=(default-jre-headless)

CACHE="${GUTSKIN_CACHE:-$HOME/.cache/gutskin}"
KOTLIN_HOME="$CACHE/kotlinc-$KOTLIN_VERSION"
MARKER="$KOTLIN_HOME/.gutskin-complete"

log() { echo "setup-kotlin: $*" >&2; }
die() { log "error: $*"; exit 1; }

as_root() {
    if [[ $EUID -eq 0 ]]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else die "need root to run: $*"
    fi
}

is_installed() {
    [[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" == installed ]]
}

has_candidate() {
    local candidate
    candidate="$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ { print $2 }')"
    [[ -n "$candidate" && "$candidate" != "(none)" ]]
}

install_debian_packages() {
    local missing=() pkg
    for pkg in "${DEBIAN_PACKAGES[@]}"; do
        is_installed "$pkg" || missing+=("$pkg")
    done
    [[ ${#missing[@]} -eq 0 ]] && return 0
    log "installing ${missing[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    local updated=0
    for pkg in "${missing[@]}"; do
        if ! has_candidate "$pkg"; then
            as_root apt-get update -q >&2
            updated=1
            break
        fi
    done
    if ! as_root apt-get install -y -q --no-install-recommends "${missing[@]}" >&2; then
        [[ $updated -eq 1 ]] && die "apt-get install ${missing[*]} failed"
        log "install failed; retrying after apt-get update (stale package lists?)"
        as_root apt-get update -q >&2
        as_root apt-get install -y -q --no-install-recommends "${missing[@]}" >&2
    fi
}

install_kotlinc() {
    [[ -f "$MARKER" ]] && return 0
    command -v npm >/dev/null || die "npm is needed to fetch kotlin-compiler"
    mkdir -p "$CACHE"
    exec 9>"$CACHE/kotlinc-$KOTLIN_VERSION.lock"
    flock 9
    # Another run may have finished while this one waited for the lock.
    [[ -f "$MARKER" ]] && return 0

    local tmp
    tmp="$(mktemp -d "$CACHE/.kotlinc-$KOTLIN_VERSION.XXXXXX")"
    trap 'rm -rf "$tmp"' EXIT
    log "fetching kotlin-compiler@$KOTLIN_VERSION from npm"
    # A private npm cache, dropped with $tmp: the extracted tree is the only copy worth keeping.
    (cd "$tmp" && npm pack "kotlin-compiler@$KOTLIN_VERSION" --cache "$tmp/npm-cache" \
        --pack-destination "$tmp" --loglevel=error >/dev/null)
    local tgz="$tmp/kotlin-compiler-$KOTLIN_VERSION.tgz"
    [[ -f "$tgz" ]] || die "npm pack did not produce $tgz"
    local sum
    sum="$(sha256sum "$tgz" | cut -d' ' -f1)"
    [[ "$sum" == "$KOTLIN_TGZ_SHA256" ]] ||
        die "sha256 mismatch for kotlin-compiler-$KOTLIN_VERSION.tgz: got $sum, want $KOTLIN_TGZ_SHA256"
    log "extracting into $KOTLIN_HOME"
    mkdir "$tmp/x"
    tar -xzf "$tgz" -C "$tmp/x" --no-same-owner
    local dist="$tmp/x/package"
    "$dist/bin/kotlinc" -version >&2 2>&1 || die "the extracted kotlinc does not run"
    echo "kotlin-compiler-$KOTLIN_VERSION.tgz sha256 $sum" >"$dist/.gutskin-complete"
    rm -rf "$KOTLIN_HOME" # a partial tree left by an older, interrupted layout
    mv "$dist" "$KOTLIN_HOME"
    rm -rf "$tmp"
    trap - EXIT
}

install_debian_packages
command -v java >/dev/null || die "no java on PATH after installing ${DEBIAN_PACKAGES[*]}"
install_kotlinc

JNA_JAR=/usr/share/java/jna.jar
JUNIT_JAR=/usr/share/java/junit4.jar
HAMCREST_JAR=/usr/share/java/hamcrest-core.jar
LIB="$KOTLIN_HOME/lib"
for f in "$KOTLIN_HOME/bin/kotlinc" "$LIB/kotlin-stdlib.jar" "$LIB/kotlin-test.jar" "$LIB/kotlin-test-junit.jar" \
    "$LIB/kotlinx-coroutines-core-jvm.jar" "$JNA_JAR" "$JUNIT_JAR" "$HAMCREST_JAR"; do
    [[ -e "$f" ]] || die "missing $f"
done

emit() { printf 'export %s=%q\n' "$1" "$2"; }
emit KOTLIN_HOME "$KOTLIN_HOME"
emit KOTLINC "$KOTLIN_HOME/bin/kotlinc"
emit KOTLIN_STDLIB_JAR "$LIB/kotlin-stdlib.jar"
emit KOTLIN_TEST_JAR "$LIB/kotlin-test.jar"
emit KOTLIN_TEST_JUNIT_JAR "$LIB/kotlin-test-junit.jar"
emit KOTLINX_COROUTINES_JAR "$LIB/kotlinx-coroutines-core-jvm.jar"
emit JNA_JAR "$JNA_JAR"
emit JUNIT_JAR "$JUNIT_JAR"
emit HAMCREST_JAR "$HAMCREST_JAR"
emit KOTLIN_TEST_CLASSPATH \
    "$LIB/kotlin-stdlib.jar:$LIB/kotlin-test.jar:$LIB/kotlin-test-junit.jar:$JNA_JAR:$JUNIT_JAR:$HAMCREST_JAR"
