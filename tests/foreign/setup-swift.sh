#!/usr/bin/env bash
# Builds, once, the Debian trixie root in which the Swift tests run, and prints where it is.
#
# Usage (run it, do not source it; progress goes to stderr, one shell assignment to stdout):
#     eval "$(tests/foreign/setup-swift.sh)"
# which sets and exports:
#     GUTSKIN_SWIFT_ROOT   the root ($GUTSKIN_CACHE/swift-trixie; GUTSKIN_CACHE defaults to ~/.cache/gutskin)
# Then run commands in it with tests/foreign/in-swift-root.sh WORKDIR CMD... .
#
# Why a root: Debian 12 has no Swift; trixie's `swiftlang` (6.0.3) needs glibc >= 2.38, so Swift, and every
# binary it builds, runs inside a debootstrapped trixie. Needs root (CI runs as root): debootstrap, unshare,
# chroot.
#
# What it does:
#   - If the root exists and `swiftc --version` runs inside it, nothing else (a warm run takes ~0.3 s).
#   - Otherwise, under an exclusive flock on $GUTSKIN_CACHE/swift-trixie.lock: installs debootstrap on the
#     host if missing (apt-get update only if needed), debootstraps trixie (minbase) into a temporary folder
#     next to the cache, installs `swiftlang libc6-dev` there (--no-install-recommends; libc6-dev is needed
#     or swiftc says "libc not found"), drops what the tests never use (apt caches and lists, lldb,
#     sourcekit-lsp, clangd, docc: ~3.2 GB down to ~1.9 GB), checks `swiftc --version`, and moves the result
#     into place. Cold: ~1.2-1.8 minutes here (~530 MB of downloads); the build's log is kept in
#     $GUTSKIN_CACHE/swift-trixie.build.log.
# Everything that mounts runs in a private mount namespace (unshare --mount), so a failure leaves no mount
# behind. in-swift-root.sh holds a shared lock on the same file, so a rebuild waits for runs in progress.
# Variables: GUTSKIN_CACHE (see above), GUTSKIN_DEBIAN_MIRROR (default http://deb.debian.org/debian).
if [[ "${BASH_SOURCE[0]}" != "$0" ]]; then
    # shellcheck disable=SC2016 # the $(...) is for the reader to type
    echo 'setup-swift.sh: run it, do not source it: eval "$(tests/foreign/setup-swift.sh)"' >&2
    return 1
fi
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"

SUITE=trixie
PACKAGES=(swiftlang libc6-dev)
MIRROR="${GUTSKIN_DEBIAN_MIRROR:-http://deb.debian.org/debian}"
CACHE="${GUTSKIN_CACHE:-$HOME/.cache/gutskin}"
ROOT="$CACHE/swift-$SUITE"
LOCK="$CACHE/swift-$SUITE.lock"
MARKER=.gutskin-swift-root
# Inside the root: files of swiftlang the tests never need.
TRIM=(
    /var/cache/apt/archives /var/lib/apt/lists /usr/share/doc /usr/share/man /usr/share/info
    /usr/bin/swift-lldb /usr/bin/sourcekit-lsp
    /usr/libexec/swift/bin/lldb /usr/libexec/swift/bin/lldb-argdumper /usr/libexec/swift/bin/lldb-dap
    /usr/libexec/swift/bin/lldb-server /usr/libexec/swift/bin/sourcekit-lsp /usr/libexec/swift/bin/clangd
    /usr/libexec/swift/bin/docc /usr/libexec/swift/share/docc
    /usr/libexec/swift/lib/liblldb.so /usr/libexec/swift/lib/liblldb.so.17 /usr/libexec/swift/lib/liblldb.so.17.0.0
    /usr/libexec/swift/lib/libsourcekitdInProc.so
)

log() { echo "setup-swift: $*" >&2; }
die() { log "error: $*"; exit 1; }

[[ $EUID -eq 0 ]] || die "needs root (debootstrap, unshare, chroot)"

# Runs "$@" inside the root $1, with a fresh /proc (swiftc finds its runtime through /proc/self/exe).
run_in() {
    local root="$1"
    shift
    unshare --mount --pid --fork --mount-proc="$root/proc" \
        chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 DEBIAN_FRONTEND=noninteractive \
        PATH=/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin "$@"
}

root_works() {
    [[ -f "$1/$MARKER" && -x "$1/usr/bin/swiftc" ]] && run_in "$1" swiftc --version >/dev/null 2>&1
}

emit() { printf 'export GUTSKIN_SWIFT_ROOT=%q\n' "$ROOT"; }

is_mounted_under() { # is anything mounted at or below $1 in this mount namespace?
    awk -v p="$1" '$5 == p || index($5, p "/") == 1 { found = 1 } END { exit !found }' /proc/self/mountinfo
}

install_debootstrap() {
    command -v debootstrap >/dev/null && return 0
    log "installing debootstrap with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    local candidate
    candidate="$(apt-cache policy debootstrap 2>/dev/null | awk '/Candidate:/ { print $2 }')"
    if [[ -z "$candidate" || "$candidate" == "(none)" ]]; then
        apt-get update -q >&2
    fi
    apt-get install -y -q --no-install-recommends debootstrap >&2 ||
        { apt-get update -q >&2 && apt-get install -y -q --no-install-recommends debootstrap >&2; }
}

build_root() {
    local tmp="$1" start=$SECONDS
    local new="$tmp/root" logfile="$CACHE/swift-$SUITE.build.log"
    log "debootstrap $SUITE (minbase) from $MIRROR (log: $logfile)"
    : >"$logfile"
    if ! unshare --mount debootstrap --variant=minbase "$SUITE" "$new" "$MIRROR" >>"$logfile" 2>&1; then
        tail -n 30 "$logfile" >&2
        die "debootstrap failed"
    fi
    # debootstrap copies the host's resolv.conf; refresh it in case the host's changed since.
    cp -L /etc/resolv.conf "$new/etc/resolv.conf"
    log "installing ${PACKAGES[*]} inside (after $((SECONDS - start)) s)"
    if ! run_in "$new" sh -c 'apt-get update -q && apt-get install -y -q --no-install-recommends "$@" && apt-get clean' \
        sh "${PACKAGES[@]}" >>"$logfile" 2>&1; then
        tail -n 30 "$logfile" >&2
        die "apt-get install ${PACKAGES[*]} inside the root failed"
    fi
    local path
    for path in "${TRIM[@]}"; do
        rm -rf "${new:?}$path"
    done
    run_in "$new" swiftc --version >&2 || die "swiftc does not run inside the new root"
    run_in "$new" swiftc --version >"$new/$MARKER" 2>&1
    log "built in $((SECONDS - start)) s ($(du -sh "$new" | cut -f1))"
}

mkdir -p "$CACHE"
exec 9>>"$LOCK"
flock -s 9
if root_works "$ROOT"; then
    emit
    exit 0
fi
# Rebuild: take the lock exclusively (this waits for in-swift-root.sh runs to end) and look again, since
# another setup may have built the root while this one waited.
flock -u 9
flock -x 9
if root_works "$ROOT"; then
    emit
    exit 0
fi

install_debootstrap
tmp="$(mktemp -d "$CACHE/.swift-$SUITE.XXXXXX")"
cleanup() {
    if is_mounted_under "$tmp"; then
        log "something is still mounted under $tmp; leaving it for you to inspect"
    else
        rm -rf "$tmp"
    fi
}
trap cleanup EXIT
build_root "$tmp"
if [[ -e "$ROOT" ]]; then
    is_mounted_under "$ROOT" && die "something is mounted under $ROOT; not replacing it"
    log "replacing the broken root at $ROOT"
    mv "$ROOT" "$tmp/old"
fi
mv "$tmp/root" "$ROOT"
emit
