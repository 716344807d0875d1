#!/usr/bin/env bash
# Installs moto's S3-compatible server (PyPI `moto[server]`) into a cached virtualenv and prints the
# path of its Python. Reuses the cache afterwards. On a fresh Debian machine (as root) it installs
# python3-venv first if `python3 -m venv` is missing.
set -euo pipefail

CACHE="${GUTSKIN_CACHE:-$HOME/.cache/gutskin}"
VENV="$CACHE/moto-venv"
MOTO_VERSION="5.1.*"

if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c 'import moto.server' 2>/dev/null; then
    if ! python3 -m venv --help >/dev/null 2>&1; then
        apt-get update -qq >&2 && apt-get install -y -qq python3-venv >&2
    fi
    rm -rf "$VENV"
    mkdir -p "$CACHE"
    python3 -m venv "$VENV" >&2
    "$VENV/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION" >&2
fi
echo "$VENV/bin/python"
