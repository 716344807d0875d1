#!/usr/bin/env bash
# The S3 sync test against a real S3-compatible server: starts moto's server (installed on first
# use into ~/.cache/gutskin by setup-moto.sh) on a free loopback port, creates a bucket, runs the
# end-to-end S3 test of `gutskin sync --s3` against it, and stops the server.
set -euo pipefail
cd "$(dirname "$0")/../.."

PY="$(tests/sync/setup-moto.sh)"
PORT="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
LOG="$(mktemp)"
"$PY" -m moto.server -H 127.0.0.1 -p "$PORT" >"$LOG" 2>&1 &
SERVER=$!
trap 'kill "$SERVER" 2>/dev/null || true; wait "$SERVER" 2>/dev/null || true; rm -f "$LOG"' EXIT

ENDPOINT="http://127.0.0.1:$PORT"
# Plain HTTP through the venv's Python, so the script needs no curl.
http() { "$PY" -c 'import sys, urllib.request as u; u.urlopen(u.Request(sys.argv[2], method=sys.argv[1]), timeout=5)' "$@"; }
for _ in $(seq 1 100); do
    if http GET "$ENDPOINT/moto-api/" 2>/dev/null; then break; fi
    if ! kill -0 "$SERVER" 2>/dev/null; then cat "$LOG" >&2; echo "moto server did not start" >&2; exit 1; fi
    sleep 0.2
done
http PUT "$ENDPOINT/gutskin-test"

export GUTSKIN_TEST_S3_ENDPOINT="$ENDPOINT" GUTSKIN_TEST_S3_BUCKET=gutskin-test
export AWS_ACCESS_KEY_ID=testing AWS_SECRET_ACCESS_KEY=testing AWS_REGION=us-east-1
cargo test -p gutskin-cli --locked --test e2e -- sync::three_diaries_sync_a_month_through_a_real_s3_server --exact --nocapture
