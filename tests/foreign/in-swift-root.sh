#!/usr/bin/env bash
# Runs a command inside the Swift root built by setup-swift.sh, in WORKDIR.
#
# Usage: tests/foreign/in-swift-root.sh WORKDIR CMD [ARG...]
#   e.g. from the repository root, so that ios/ and target/ are both visible inside:
#        tests/foreign/in-swift-root.sh "$PWD" env -C ios swift test --disable-swift-testing
#
# - WORKDIR (a folder on the host) is bind-mounted read-write at the same absolute path inside the root, and
#   CMD starts there, so paths printed by the build, and rpaths baked into test binaries, mean the same inside
#   and outside. It may not be / or a system folder (/usr, /etc, ...).
# - The environment is empty but for HOME=/root, LANG=C.UTF-8 and PATH (with /usr/sbin:/sbin); pass more
#   with env: `in-swift-root.sh DIR env FOO=1 swift test`.
# - Fresh /proc (its own PID namespace, which swiftc needs to find its runtime) and a fresh tmpfs on /tmp;
#   mounts live in a private mount namespace and vanish with the command.
# - Exits with CMD's status. Holds a shared lock so that setup-swift.sh does not replace the root meanwhile.
# - The root is $GUTSKIN_SWIFT_ROOT, or ${GUTSKIN_CACHE:-~/.cache/gutskin}/swift-trixie; run setup-swift.sh
#   first. Needs root (unshare, chroot).
set -euo pipefail
export PATH="$PATH:/usr/sbin:/sbin"

die() { echo "in-swift-root: error: $*" >&2; exit 2; }

[[ $# -ge 2 ]] || die "usage: $0 WORKDIR CMD [ARG...]"
[[ $EUID -eq 0 ]] || die "needs root (unshare, chroot)"
CACHE="${GUTSKIN_CACHE:-$HOME/.cache/gutskin}"
ROOT="${GUTSKIN_SWIFT_ROOT:-$CACHE/swift-trixie}"
[[ -f "$ROOT/.gutskin-swift-root" ]] || die "no Swift root at $ROOT: run tests/foreign/setup-swift.sh first"
[[ -d "$1" ]] || die "WORKDIR $1 is not a folder"
WORKDIR="$(realpath "$1")"
shift
case "$WORKDIR" in
    / | /usr | /usr/* | /etc | /etc/* | /bin | /bin/* | /sbin | /sbin/* | /lib | /lib/* | /lib64 | /lib64/* | \
        /proc | /proc/* | /sys | /sys/* | /dev | /dev/* | /run | /run/* | /var | /var/lib | /var/lib/* | /boot | \
        /boot/* | /tmp | /root)
        die "WORKDIR $WORKDIR would hide part of the root's system; use a project folder"
        ;;
esac

LOCK="$(dirname "$ROOT")/$(basename "$ROOT").lock"
if [[ -f "$LOCK" ]] && exec 9<"$LOCK"; then
    flock -s 9
fi

# The inner shell runs in the new namespaces, still on the host's filesystem: it mounts, then chroots.
# shellcheck disable=SC2016 # expanded by that inner shell
exec unshare --mount --pid --fork --mount-proc="$ROOT/proc" /bin/sh -eu -c '
    root="$1" work="$2"
    shift 2
    mount -t tmpfs -o mode=1777,nosuid,nodev tmpfs "$root/tmp"
    mkdir -p "$root$work"
    mount --rbind "$work" "$root$work"
    exec chroot "$root" /usr/bin/env -i -C "$work" HOME=/root LANG=C.UTF-8 \
        PATH=/usr/local/bin:/usr/bin:/bin:/usr/local/sbin:/usr/sbin:/sbin "$@"
' in-swift-root "$ROOT" "$WORKDIR" "$@"
