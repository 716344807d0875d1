#!/usr/bin/env bash
# Builds the Rust core for iOS into ios/GutskinCore/GutskinCoreFFI.xcframework, and generates its Swift
# bindings into ios/GutskinCore/Sources/GutskinCore. Runs on a Mac with Xcode 16 or later and rustup.
#
# Usage: ios/build-xcframework.sh [--debug]      (release libraries unless --debug)
#
#   1. rustup target add aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios
#   2. the bindings crate as a static library for each (cargo rustc --crate-type staticlib: the cdylib is
#      not needed on iOS), IPHONEOS_DEPLOYMENT_TARGET=16.0 like the Swift package
#   3. the Swift bindings and C headers, generated from a host build of the same crate (uniffi-bindgen in
#      library mode reads the interface from the built library; the same sources give the same interface)
#   4. one simulator library for both simulator architectures (lipo)
#   5. xcodebuild -create-xcframework: a device slice and a simulator slice, each with both headers and
#      one module map for the C module GutskinCoreFFI
# Nothing it writes is committed (see ios/GutskinCore/.gitignore).
set -euo pipefail
cd "$(dirname "$0")/.."
REPO="$PWD"
PACKAGE="$REPO/ios/GutskinCore"
OUTPUT="$PACKAGE/GutskinCoreFFI.xcframework"
DEVICE=aarch64-apple-ios
SIMULATORS=(aarch64-apple-ios-sim x86_64-apple-ios)
PROFILE=release
CARGO_PROFILE=(--release)
if [[ "${1:-}" == "--debug" ]]; then
    PROFILE=debug
    CARGO_PROFILE=()
fi

log() { echo "build-xcframework: $*" >&2; }
die() { log "error: $*"; exit 1; }

[[ "$(uname -s)" == Darwin ]] || die "needs macOS with Xcode (the Linux tests use tests/swift/run.sh instead)"
for tool in cargo rustup xcodebuild lipo; do
    command -v "$tool" >/dev/null || die "$tool not found"
done

export IPHONEOS_DEPLOYMENT_TARGET=16.0
rustup target add "$DEVICE" "${SIMULATORS[@]}"
TARGET_DIR="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"

for target in "$DEVICE" "${SIMULATORS[@]}"; do
    log "building the static library for $target ($PROFILE)"
    cargo rustc -p gutskin-bindings --lib --crate-type staticlib --target "$target" "${CARGO_PROFILE[@]}"
done

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

log "generating the Swift bindings"
cargo build -p gutskin-bindings
cargo build -p gutskin-bindings --features cli --bin uniffi-bindgen
# Library mode reads each crate's uniffi.toml through `cargo metadata`: run it inside the workspace.
(cd "$REPO/bindings" && "$TARGET_DIR/debug/uniffi-bindgen" generate "$TARGET_DIR/debug/libgutskin_ffi.dylib" \
    --language swift --out-dir "$WORK/generated" --no-format)
"$PACKAGE/sync-bindings.sh" "$WORK/generated"

# The headers of both namespaces and one module map. No `link` line: Xcode links the XCFramework's library.
mkdir -p "$WORK/headers"
cp "$WORK/generated"/*.h "$WORK/headers/"
{
    echo "module GutskinCoreFFI {"
    for h in "$WORK/headers"/*.h; do echo "    header \"$(basename "$h")\""; done
    echo "    export *"
    echo "}"
} >"$WORK/headers/module.modulemap"

simulator_libs=()
for target in "${SIMULATORS[@]}"; do
    simulator_libs+=("$TARGET_DIR/$target/$PROFILE/libgutskin_ffi.a")
done
mkdir -p "$WORK/simulator"
lipo -create "${simulator_libs[@]}" -output "$WORK/simulator/libgutskin_ffi.a"

rm -rf "$OUTPUT"
xcodebuild -create-xcframework \
    -library "$TARGET_DIR/$DEVICE/$PROFILE/libgutskin_ffi.a" -headers "$WORK/headers" \
    -library "$WORK/simulator/libgutskin_ffi.a" -headers "$WORK/headers" \
    -output "$OUTPUT"
log "wrote $OUTPUT"
