#!/bin/sh
# Low privilege: as nobody the list works, and with /proc mounted
# hidepid=invisible (in a private mount namespace: the host's /proc is
# never remounted) memtop shows what it may see and nothing breaks.
. "${0%/*}/lib.sh"

[ "$(id -u)" -eq 0 ] || skip "needs root to become nobody"
command -v setpriv >/dev/null || skip "setpriv (util-linux) not installed"
AS_NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups"
# The build directory may be private (a clone under a 0700 home, mktemp's
# 0700 directories): nobody runs a copy from a fresh 0755 directory.
PUBDIR=$(mktemp -d /tmp/memtop-nobody.XXXXXX) || fail "mktemp"
trap 'rm -rf "$PUBDIR"; cleanup' EXIT INT TERM
chmod 0755 "$PUBDIR"
cp "$MEMTOP" "$PUBDIR/memtop" && chmod 0755 "$PUBDIR/memtop" || fail "cannot copy $MEMTOP"
MEMTOP=$PUBDIR/memtop
$AS_NOBODY test -x "$MEMTOP" || fail "nobody cannot execute $MEMTOP in a 0755 directory"

spawn hog hold 8
HOG=$SPAWNED
$AS_NOBODY "$MEMTOP" -b -n 2 -d 0.2 -o json >"$TMP/nobody.json" 2>"$TMP/err" \
    || fail "as nobody: exit $? ($(cat "$TMP/err"))"
[ ! -s "$TMP/err" ] || fail "as nobody, errors: $(cat "$TMP/err")"
"$PYTHON3" - "$TMP/nobody.json" "$HOG" <<'PY' || fail "as nobody"
import json, sys
snaps = [json.loads(l) for l in open(sys.argv[1])]
procs = {p["pid"]: p for p in snaps[-1]["processes"]}
hog = procs.get(int(sys.argv[2]))
assert hog and hog["user"] == "root" and hog["res"] >= 8 << 20, hog   # root's process, readable sizes
assert any(p["user"] == "nobody" for p in procs.values())
assert len(procs) > 3
PY
$AS_NOBODY "$MEMTOP" -b -n 1 >/dev/null || fail "as nobody, text: exit $?"
ok "as nobody: every process listed, root's included"

command -v unshare >/dev/null || skip "unshare not installed"
unshare -m --propagation private sh -c \
    "mount -t proc -o hidepid=invisible proc /proc 2>/dev/null || exit 77
     exec $AS_NOBODY '$MEMTOP' -b -n 2 -d 0.2 -o json" >"$TMP/hidden.json" 2>"$TMP/err"
rc=$?
[ $rc -eq 77 ] && skip "cannot mount a private /proc with hidepid here"
[ $rc -eq 0 ] || fail "hidepid=invisible: exit $rc ($(cat "$TMP/err"))"
[ ! -s "$TMP/err" ] || fail "hidepid=invisible, errors: $(cat "$TMP/err")"
"$PYTHON3" - "$TMP/hidden.json" "$HOG" <<'PY' || fail "hidepid=invisible"
import json, sys
last = [json.loads(l) for l in open(sys.argv[1])][-1]
users = {p["user"] for p in last["processes"]}
assert users == {"nobody"}, users                      # only its own
assert int(sys.argv[2]) not in [p["pid"] for p in last["processes"]]
assert last["system"]["mem_total"] > 0
PY
ok "with hidepid=invisible: only its own processes, no errors"
exit 0
