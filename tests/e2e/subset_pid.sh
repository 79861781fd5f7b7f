#!/bin/sh
# /proc mounted with subset=pid (no meminfo, stat, vmstat; in a private
# mount namespace, the host's /proc is never touched): memtop keeps
# listing processes, says in one line which system-wide files are
# missing, and shows system memory as unavailable, not as 0.
. "${0%/*}/lib.sh"

[ "$(id -u)" -eq 0 ] || skip "needs root to mount a private /proc"
command -v unshare >/dev/null || skip "unshare not installed"

spawn hog hold 8
HOG=$SPAWNED
for fmt in json text; do
    unshare -m --propagation private sh -c \
        "mount -t proc -o subset=pid proc /proc 2>/dev/null || exit 77
         [ ! -e /proc/meminfo ] || exit 78
         exec '$MEMTOP' -b -n 2 -d 0.2 -o $fmt" >"$TMP/out.$fmt" 2>"$TMP/err"
    rc=$?
    [ $rc -eq 77 ] && skip "cannot mount /proc with subset=pid here (Linux 5.8+)"
    [ $rc -eq 78 ] && skip "subset=pid left /proc/meminfo in place"
    [ $rc -eq 0 ] || fail "subset=pid, -o $fmt: exit $rc ($(cat "$TMP/err"))"
    [ "$(wc -l <"$TMP/err")" -eq 1 ] || fail "subset=pid: want one line, got: $(cat "$TMP/err")"
    grep -qx "memtop: /proc has no /proc/meminfo (system memory), /proc/stat (boot time, fork counter), /proc/vmstat (swap traffic) (mounted with subset=pid?): shown as unavailable" \
        "$TMP/err" || fail "subset=pid said: $(cat "$TMP/err")"
done
"$PYTHON3" - "$TMP/out.json" "$HOG" <<'PY' || fail "subset=pid JSON"
import json, sys, time
snaps = [json.loads(l) for l in open(sys.argv[1])]
assert len(snaps) == 2
last = snaps[-1]
assert last["system"]["mem_total"] is None and last["system"]["swap_free"] is None, last["system"]
assert abs(last["system"]["boot_time"] + last["system"]["uptime"] - last["time"]) < 5, last["system"]
procs = {p["pid"]: p for p in last["processes"]}
hog = procs[int(sys.argv[2])]
assert hog["res"] >= 8 << 20 and hog["command"] == "memhog", hog
assert abs(hog["start"] - time.time()) < 600, hog           # a real start time
assert len(procs) > 3
PY
grep -q "^Mem : - total" "$TMP/out.text" || fail "text: $(head -3 "$TMP/out.text")"
ok "subset=pid: processes listed, one line names the missing files, system memory unavailable"
exit 0
