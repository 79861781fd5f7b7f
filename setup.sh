#!/bin/sh
# setup.sh - install memtop's build dependencies and build it.
#
# As root on Debian or Ubuntu it installs what is missing with apt-get;
# elsewhere it says what to install.  Then autoreconf, configure (once;
# pass options in CONFIGURE_FLAGS) and make.  Safe to run again.
set -eu
cd "$(dirname "$0")"

# Build: compiler, autotools, libproc2, ncursesw, Check.
# Tests: procps (top, pmap), python3 and jq (parse CSV/JSON), tmux,
# valgrind, util-linux (setpriv), promtool (package prometheus: the only
# Debian package that ships it) and prometheus-node-exporter for the
# OpenMetrics tests, locales (localedef: a decimal-comma locale for the
# locale tests), clang for `make fuzz`; btop for `make bench` (a peer
# to measure against).
PACKAGES="gcc make autoconf automake autoconf-archive libtool pkgconf \
libproc2-dev libncurses-dev zlib1g-dev check procps python3 jq tmux valgrind \
util-linux locales prometheus prometheus-node-exporter clang btop"

missing=""
if command -v dpkg-query >/dev/null 2>&1; then
    for p in $PACKAGES; do
        dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" \
            || missing="$missing $p"
    done
fi
if [ -n "$missing" ]; then
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "setup: installing:$missing"
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq
        # shellcheck disable=SC2086
        apt-get install -y -qq --no-install-recommends $missing >/dev/null
    else
        echo "memtop: setup: missing packages:$missing" >&2
        echo "memtop: setup: run as root, or: sudo apt-get install$missing" >&2
        exit 1
    fi
elif ! command -v dpkg-query >/dev/null 2>&1; then
    echo "setup: not Debian/Ubuntu; make sure these (or your system's" \
         "equivalents) are installed: $PACKAGES"
fi

[ -x configure ] || autoreconf -fi
# shellcheck disable=SC2086
[ -f Makefile ] || ./configure ${CONFIGURE_FLAGS:-}
make -j"$(nproc 2>/dev/null || echo 2)"
