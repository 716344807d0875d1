#!/usr/bin/env bash
# Runs every test of the project: Rust (unit, property, end-to-end), then Kotlin on the JVM, then
# Swift on Linux. On a fresh machine it installs what the Kotlin and Swift tests need (kotlinc from
# npm, JNA and JUnit from Debian, a Debian trixie root with Swift) into ~/.cache/gutskin, and
# reuses that cache afterwards. Needs root for apt-get and the Swift root (CI runs as root).
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*" >&2; }

# SQLCipher's OpenSSL (the encryption feature) builds from source: it needs a C compiler, make and
# Perl with its core modules. A fresh Debian machine may lack some of them.
need=()
command -v cc >/dev/null || need+=(gcc libc6-dev)
command -v make >/dev/null || need+=(make)
perl -MIPC::Cmd -e1 2>/dev/null || need+=(perl)
if ((${#need[@]})); then
    step "Build tools: installing ${need[*]} with apt-get"
    apt-get update -q && apt-get install -y -q --no-install-recommends "${need[@]}"
fi

step "Rust: cargo test --workspace"
cargo test --workspace --locked

step "Fuzz corpus: every committed fuzz input replayed through its target's checks (fuzz/)"
cargo test --manifest-path fuzz/Cargo.toml --locked

step "S3 sync: gutskin sync against a real S3-compatible server (moto) on loopback"
tests/sync/run-s3.sh

step "Kotlin: the bindings and the Android core module on the JVM"
tests/kotlin/run.sh

step "Swift: the bindings and the Swift package on Linux"
tests/swift/run.sh

step "All tests passed"
