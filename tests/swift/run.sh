#!/usr/bin/env bash
# The Swift tests, on Linux: XCTest against the real library (libgutskin_ffi.so, debug), inside the Debian
# trixie root where Swift runs (tests/foreign/setup-swift.sh; Debian 12 has no Swift).
#
# Usage (as root, which CI is): tests/swift/run.sh [ARGS FOR swift test...]
#   e.g. tests/swift/run.sh --filter ErrorTests
#
# Steps:
#   1. the Swift root: built once into ~/.cache/gutskin (about 1.5-2.5 min), reused afterwards;
#   2. the library and its generated Swift (tests/foreign/generate-bindings.sh; cargo, incremental);
#   3. a guard: every call the bindings export (bindings/src/*.rs) must be called in Tests/BindingsTests;
#   4. the generated Swift and headers copied into ios/GutskinCore (only files that changed, so SwiftPM's
#      build stays warm);
#   5. `swift test --disable-swift-testing` in this package (which depends on ios/GutskinCore by path and
#      gives the linker the library's folder), inside the root with the repository bind-mounted.
# Fails if any step fails, any test fails, or no test ran (read from XCTest's summary line).
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"
cd "$(dirname "$0")/../.."
REPO="$PWD"
PACKAGE=tests/swift
START=$SECONDS

log() { echo "swift-tests: $*" >&2; }
die() { log "error: $*"; exit 1; }

eval "$(tests/foreign/setup-swift.sh)"

# generate-bindings.sh writes through a fixed folder (target/bindings.tmp, then target/bindings) that the
# Kotlin tests generate into too; when two runs overlap, one of them may fail or lose its files. Check
# its status (eval "$(...)" would hide a failure) and try again a few times.
for attempt in 1 2 3 4 5; do
    if exports="$(tests/foreign/generate-bindings.sh)"; then
        eval "$exports"
        ios/GutskinCore/sync-bindings.sh "$GUTSKIN_BINDINGS/swift" && break
    fi
    [[ $attempt -lt 5 ]] || die "could not build the library and generate its Swift (see above)"
    log "generating the bindings failed (attempt $attempt; another run may be generating them); trying again"
    sleep $((attempt * 2))
done
log "library and bindings ready after $((SECONDS - START)) s"

# Every exported call (each `pub fn` of the bindings crate's modules, bindings/src/*.rs, in its Swift
# spelling) is called by a test.
missing=()
while read -r name; do
    swift_name="$(sed -E 's/_([a-z0-9])/\U\1/g' <<<"$name")"
    grep -qE "\\b${swift_name}\\(" "$PACKAGE"/Tests/BindingsTests/*.swift || missing+=("$name ($swift_name)")
done < <(cat bindings/src/*.rs | grep -oE '\bpub fn [a-z_0-9]+' | awk '{ print $3 }' | sort -u)
[[ ${#missing[@]} -eq 0 ]] || die "exported but never called in $PACKAGE/Tests/BindingsTests: ${missing[*]}"

output="$(mktemp)"
trap 'rm -f "$output"' EXIT
run_tests() {
    set +e
    tests/foreign/in-swift-root.sh "$REPO" env -C "$PACKAGE" GUTSKIN_LIB_DIR="$GUTSKIN_LIB_DIR" \
        swift test --disable-swift-testing "$@" 2>&1 | tee "$output"
    status=${PIPESTATUS[0]}
    set -e
}
run_tests "$@"
# SwiftPM sometimes trips over a generated file that was removed since its last build; a second build
# starts from the current file list.
if [[ $status -ne 0 ]] && grep -q "because of missing inputs" "$output"; then
    log "stale build description; building again"
    run_tests "$@"
fi
[[ $status -eq 0 ]] || die "swift test failed (exit $status)"

# XCTest's last summary line covers all tests: "Executed N tests, with F failures (U unexpected) in ...".
summary="$(grep -E 'Executed [0-9]+ tests?, with [0-9]+ failures?' "$output" | tail -n 1 || true)"
[[ -n "$summary" ]] || die "no XCTest summary in the output"
ran="$(sed -E 's/.*Executed ([0-9]+) tests?.*/\1/' <<<"$summary")"
failed="$(sed -E 's/.*with ([0-9]+) failures?.*/\1/' <<<"$summary")"
[[ "$ran" -gt 0 ]] || die "no test ran"
[[ "$failed" -eq 0 ]] || die "$failed of $ran tests failed"
log "$ran tests passed in $((SECONDS - START)) s"
