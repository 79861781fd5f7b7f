# lib.sh - shared by the end-to-end tests: sourced, not run.
# Environment (set by make check): MEMTOP, HELPERS, TESTDATA, PYTHON3.
set -u
: "${MEMTOP:=$(pwd)/src/memtop}"
: "${HELPERS:=$(pwd)/tests/helpers}"
: "${PYTHON3:=python3}"

TEST_NAME=$(basename "$0" .sh)
TMP=$(mktemp -d "${TMPDIR:-/tmp}/memtop-$TEST_NAME.XXXXXX")
CHILDREN=""

cleanup() {
    for pid in $CHILDREN; do kill -9 "$pid" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$TMP"
}
trap cleanup EXIT INT TERM

fail() { echo "FAIL: $TEST_NAME: $*" >&2; exit 1; }
ok() { echo "ok: $*"; }
skip() { echo "SKIP: $TEST_NAME: $*"; exit 77; }

# spawn NAME ARGS...: starts a memhog child, waits until it says "ready",
# and sets SPAWNED to its PID.
spawn() {
    name=$1; shift
    "$HELPERS/memhog" "$@" >"$TMP/$name.out" 2>&1 &
    SPAWNED=$!
    CHILDREN="$CHILDREN $SPAWNED"
    i=0
    while ! grep -q ready "$TMP/$name.out" 2>/dev/null; do
        i=$((i + 1))
        [ $i -gt 200 ] && fail "$name ($*) did not get ready"
        sleep 0.05
    done
}

# use_comma_locale: makes de_DE.UTF-8 (decimal comma) usable for the
# commands that follow, without touching the system: compiled with
# localedef into $TMP and found through LOCPATH.  Fails the test if the
# locale cannot be made, since the check would silently mean nothing.
use_comma_locale() {
    mkdir -p "$TMP/locale"
    localedef -i de_DE -f UTF-8 "$TMP/locale/de_DE.UTF-8" >/dev/null 2>&1 \
        || fail "cannot build de_DE.UTF-8 with localedef (Debian: apt-get install locales)"
    export LOCPATH="$TMP/locale"
    [ "$(LC_ALL=de_DE.UTF-8 locale decimal_point 2>/dev/null)" = "," ] \
        || fail "de_DE.UTF-8 is not active: the locale check would mean nothing"
}

# expect_usage_error "message" ARGS...: memtop exits 2 with exactly one
# stderr line "memtop: message" and prints nothing on stdout.
expect_exit() {
    want_rc=$1; want_msg=$2; shift 2
    "$MEMTOP" "$@" >"$TMP/out" 2>"$TMP/err" </dev/null
    rc=$?
    [ "$rc" -eq "$want_rc" ] || fail "memtop $*: exit $rc, want $want_rc ($(cat "$TMP/err"))"
    [ "$(wc -l <"$TMP/err")" -eq 1 ] || fail "memtop $*: want one error line, got: $(cat "$TMP/err")"
    grep -qF "memtop: $want_msg" "$TMP/err" || fail "memtop $*: got '$(cat "$TMP/err")', want 'memtop: $want_msg'"
    [ ! -s "$TMP/out" ] || fail "memtop $*: wrote to stdout on error"
}
