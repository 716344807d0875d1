#!/usr/bin/env bash
# Fuzzes every parser of outside data (fuzz/fuzz_targets/) with cargo fuzz and libFuzzer, then
# minimises each target's corpus (fuzz/corpus/<target>/, committed). Run by hand, not by CI:
#
#   tests/fuzz/run.sh [SECONDS_PER_TARGET [TARGET...]]     (default 300 seconds, every target)
#
# Needs a nightly compiler feature (sanitizers); RUSTC_BOOTSTRAP=1 lets the installed stable
# compiler build it. Installs cargo-fuzz from crates.io when it is missing. A crash stops the run
# and leaves its input in fuzz/artifacts/<target>/; add it to the corpus once fixed, so that
# tests/run-all.sh (which replays the corpus with `cargo test` in fuzz/) keeps it fixed.
set -euo pipefail
cd "$(dirname "$0")/../../fuzz"

seconds="${1:-300}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  mapfile -t targets < <(ls fuzz_targets | sed 's/\.rs$//')
fi

export RUSTC_BOOTSTRAP=1
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"
command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked --version '^0.13'

# Seed inputs (a real export, sealed sync objects, backups...) for targets without a corpus yet.
for t in "${targets[@]}"; do
  if [ ! -d "corpus/$t" ]; then
    cargo run --release --bin seeds -- corpus
    break
  fi
done

cargo fuzz build -O
for t in "${targets[@]}"; do
  mkdir -p "corpus/$t"
  printf '\n==> fuzz %s for %s s\n' "$t" "$seconds" >&2
  # New inputs go to corpus/$t; -print_final_stats reports executions and coverage at the end.
  cargo fuzz run -O "$t" "corpus/$t" -- -max_total_time="$seconds" -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1
  printf '==> minimise corpus/%s\n' "$t" >&2
  cargo fuzz cmin -O "$t" "corpus/$t"
done
