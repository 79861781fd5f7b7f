#!/bin/bash
# Closed pipes end quietly; other write errors are reported.
. "${0%/*}/lib.sh"

for fmt in text csv json; do
    timeout 20 "$MEMTOP" -b -d 0.1 -o $fmt 2>"$TMP/err" | head -1 >/dev/null
    rc=${PIPESTATUS[0]}
    [ "$rc" -eq 0 ] || fail "memtop -b -o $fmt | head -1: exit $rc"
    [ ! -s "$TMP/err" ] || fail "memtop -b -o $fmt | head -1 printed: $(cat "$TMP/err")"
done
ok "EPIPE ends quietly with status 0"

if [ -w /dev/full ]; then
    "$MEMTOP" -b -n 1 >/dev/full 2>"$TMP/err"
    rc=$?
    [ "$rc" -eq 1 ] || fail ">/dev/full: exit $rc"
    grep -qx "memtop: write error: No space left on device" "$TMP/err" || fail ">/dev/full said: $(cat "$TMP/err")"
    ok "/dev/full is an error"
fi

"$MEMTOP" -b -n 1 >&- 2>"$TMP/err"
rc=$?
[ "$rc" -eq 1 ] || fail "closed stdout: exit $rc"
grep -q "^memtop: write error: " "$TMP/err" || fail "closed stdout said: $(cat "$TMP/err")"
ok "closed stdout is an error"

"$MEMTOP" --help >/dev/full 2>"$TMP/err"
[ $? -eq 1 ] || fail "--help >/dev/full did not fail"
ok "--help to a full disk fails"
exit 0
