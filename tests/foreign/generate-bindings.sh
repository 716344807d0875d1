#!/usr/bin/env bash
# Builds the bindings library (unstripped, debug) and generates the Kotlin and Swift sources from it
# into target/bindings/{kotlin,swift}. Generated code is never committed.
#
# Usage: tests/foreign/generate-bindings.sh [--release]
# Prints (on stdout) `export` lines: GUTSKIN_LIB_DIR (the folder of libgutskin_ffi.so/.a) and
# GUTSKIN_BINDINGS (the generated sources); eval them.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT="$PWD"
PROFILE=debug
CARGO_FLAGS=()
if [[ "${1:-}" == "--release" ]]; then
    PROFILE=release
    CARGO_FLAGS=(--release)
fi
TARGET_DIR="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
LIB_DIR="$TARGET_DIR/$PROFILE"
OUT="$TARGET_DIR/bindings"

cargo build -q -p gutskin-bindings "${CARGO_FLAGS[@]}" >&2
# The generator comes from the same Cargo.lock, so the checksums it writes match the library.
cargo build -q -p gutskin-bindings --features cli --bin uniffi-bindgen "${CARGO_FLAGS[@]}" >&2

# Generate into a private folder, then swap it in under a lock: the Kotlin and Swift runners may
# generate at the same time.
mkdir -p "$TARGET_DIR"
TMP="$(mktemp -d "$TARGET_DIR/bindings.XXXXXX")"
trap 'rm -rf "$TMP"' EXIT
# Library mode reads each crate's uniffi.toml through `cargo metadata`: run it inside the workspace.
(cd "$ROOT/bindings" && "$LIB_DIR/uniffi-bindgen" generate "$LIB_DIR/libgutskin_ffi.so" \
    --language kotlin --out-dir "$TMP/kotlin" --no-format >&2)
(cd "$ROOT/bindings" && "$LIB_DIR/uniffi-bindgen" generate "$LIB_DIR/libgutskin_ffi.so" \
    --language swift --out-dir "$TMP/swift" --no-format >&2)
(
    flock 9
    rm -rf "$OUT"
    mv "$TMP" "$OUT"
) 9>"$TARGET_DIR/bindings.lock"

echo "export GUTSKIN_LIB_DIR='$LIB_DIR'"
echo "export GUTSKIN_BINDINGS='$OUT'"
