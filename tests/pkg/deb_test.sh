#!/bin/sh
# deb_test.sh - build memtop's Debian package the way a distribution does
# (from the release tarball, source and binary), lint it, install it, check
# that what it installed works and sits where it belongs, and purge it.
#
# Run by .ci/run as root in a configured tree (after ./setup.sh).  Not part
# of make check: it installs and removes a system package.  It refuses to
# run when a memtop package is already installed.
set -eu
top=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/memtop-deb.XXXXXX")
installed=""
# A failed check must not leave the package behind.
cleanup() {
    [ -z "$installed" ] || apt-get -o DPkg::Lock::Timeout=300 purge -y -qq memtop >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

fail() { echo "FAIL: deb_test: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }
skip_step() { echo "SKIP: deb_test: $*"; }

[ "$(id -u)" -eq 0 ] || fail "run as root: it installs and removes a package"
if dpkg-query -W -f='${Status}' memtop 2>/dev/null | grep -q installed; then
    fail "a memtop package is installed already; remove it first"
fi
export DEBIAN_FRONTEND=noninteractive
# Wait for another apt/dpkg to finish instead of failing on its lock.
apt_get() { apt-get -o DPkg::Lock::Timeout=300 "$@"; }
apt_get install -y -qq --no-install-recommends \
    dpkg-dev debhelper lintian fakeroot man-db systemd >/dev/null

# --- build: source + binary, from what "make dist" ships ---------------------
cd "$top"
make -s dist >/dev/null
version=$(sed -n 's/^PACKAGE_VERSION = //p' Makefile)
tar -xzf "memtop-$version.tar.gz" -C "$work"
cp "memtop-$version.tar.gz" "$work/memtop_$version.orig.tar.gz"
src=$work/memtop-$version
[ -x "$src/debian/rules" ] || fail "the release tarball has no debian/rules"
apt_get build-dep -y -qq "$src" >/dev/null || fail "apt-get build-dep: Build-Depends not installable"
(cd "$src" && dpkg-buildpackage -us -uc) >"$work/build.log" 2>&1 ||
    { tail -40 "$work/build.log"; fail "dpkg-buildpackage failed (log above)"; }
set -- "$work"/memtop_*.deb
[ $# -eq 1 ] && [ -f "$1" ] || fail "want one memtop_*.deb, got: $*"
deb=$1
ok "built $(basename "$deb")"

# Depends comes from ${shlibs:Depends}: the libraries memtop links.
depends=$(dpkg-deb -f "$deb" Depends)
for lib in libproc2 libc6; do
    echo "$depends" | grep -q "$lib" || fail "Depends lacks $lib: $depends"
done
ok "Depends: $depends"

# --- lint: no errors; warnings are printed for the log ------------------------
lintian --display-info --tag-display-limit 0 "$work"/memtop_*.changes \
    >"$work/lintian.log" 2>&1 || true
sed 's/^/lintian: /' "$work/lintian.log"
grep '^E: ' "$work/lintian.log" >"$work/errors" || true
[ ! -s "$work/errors" ] || fail "lintian reports errors: $(cat "$work/errors")"
ok "lintian: no errors"

# --- install -----------------------------------------------------------------
installed=yes
apt_get install -y -qq "$deb" >/dev/null || fail "apt-get install $deb failed"
[ "$(command -v memtop)" = /usr/bin/memtop ] || fail "memtop is not /usr/bin/memtop: $(command -v memtop)"
/usr/bin/memtop --version | grep -qx "memtop $version" || fail "memtop --version: $(/usr/bin/memtop --version)"
/usr/bin/memtop -b -n 1 >"$work/out" || fail "memtop -b -n 1: exit $?"
grep -q "PID .*COMMAND" "$work/out" || fail "memtop -b -n 1 printed no table"
[ "$(grep -c . "$work/out")" -gt 5 ] || fail "memtop -b -n 1 printed almost nothing"
ok "installed memtop runs"

man -w memtop | grep -qx /usr/share/man/man1/memtop.1.gz || fail "man -w memtop: $(man -w memtop 2>&1)"
MANWIDTH=80 man memtop 2>/dev/null | grep -q -- "--sort" || fail "man memtop does not render"
ok "man page"

docs=/usr/share/doc/memtop
[ -f $docs/memtoprc ] || fail "no $docs/memtoprc"
grep -q "^#sort = growth" $docs/memtoprc || fail "$docs/memtoprc is not the sample"
[ -f $docs/copyright ] && [ -f $docs/changelog.Debian.gz ] || fail "no copyright/changelog in $docs"
ok "docs and the sample memtoprc"

comp=/usr/share/bash-completion/completions/memtop
[ -f $comp ] || fail "no $comp"
keys=$(bash -c '. "$1"; COMP_WORDS=(memtop -s ""); COMP_CWORD=2; _memtop; echo "${COMPREPLY[*]}"' sh $comp)
for key in growth heap res pid; do
    case " $keys " in *" $key "*) ;; *) fail "installed completion of 'memtop -s' lacks $key: '$keys'" ;; esac
done
ok "bash completion (memtop -s: $keys)"

unit=/lib/systemd/system/memtop-exporter.service
[ -f $unit ] || fail "no $unit"
grep -qx 'ExecStart=/usr/bin/memtop -b --textfile /var/lib/prometheus/node-exporter/memtop.prom -d 15' $unit ||
    fail "$unit: ExecStart is $(grep ExecStart= $unit)"
# Opt-in: installing must neither enable nor start it.
[ ! -e /etc/systemd/system/multi-user.target.wants/memtop-exporter.service ] ||
    fail "installing the package enabled memtop-exporter"
if command -v systemd-analyze >/dev/null 2>&1; then
    systemd-analyze verify $unit >"$work/verify" 2>&1 || { cat "$work/verify"; fail "systemd-analyze verify $unit"; }
    ok "systemd-analyze verify $unit"
else
    skip_step "no systemd-analyze: the unit is not verified (apt-get install systemd)"
fi
# The unit's own check of the textfile directory, run as systemd would:
# pointed at a directory that does not exist, and at the real one.
textdir=/var/lib/prometheus/node-exporter
pre=$(sed -n 's/^ExecStartPre=//p' $unit)
[ -n "$pre" ] || fail "$unit has no ExecStartPre"
missing=$(echo "$pre" | sed "s|$textdir|$work/no-such-dir|g")
if sh -c "$missing" 2>"$work/pre"; then fail "ExecStartPre passes without the textfile directory"; fi
[ "$(wc -l <"$work/pre")" -eq 1 ] && grep -q "no-such-dir does not exist" "$work/pre" ||
    fail "ExecStartPre message: $(cat "$work/pre")"
ok "a missing textfile directory fails with: $(cat "$work/pre")"
if [ -d $textdir ]; then
    sh -c "$pre" || fail "ExecStartPre fails although $textdir exists"
fi
ok "exporter unit"

# --- remove ------------------------------------------------------------------
apt_get purge -y -qq memtop >/dev/null || fail "apt-get purge memtop failed"
installed=""
for f in /usr/bin/memtop $comp $unit $docs/memtoprc; do
    [ ! -e "$f" ] || fail "$f is still there after purge"
done
! dpkg-query -W -f='${Status}' memtop 2>/dev/null | grep -q installed || fail "memtop still installed after purge"
ok "purged cleanly"
