#!/bin/sh
# A child with a known allocation, seen by memtop as the kernel and top
# see it.
. "${0%/*}/lib.sh"

spawn hog hold 64
HOG=$SPAWNED
"$MEMTOP" -b -n 1 -p "$HOG" -o json >"$TMP/hog.json" || fail "memtop -p: exit $?"
grep -E '^(VmRSS|RssAnon|VmSwap):' "/proc/$HOG/status" >"$TMP/status"
"$PYTHON3" - "$TMP/hog.json" "$TMP/status" "$HOG" <<'PY' || fail "hog numbers"
import json, sys
snap = json.loads(open(sys.argv[1]).readline())
status = {l.split(':')[0]: int(l.split()[1]) * 1024 for l in open(sys.argv[2])}
procs = snap["processes"]
assert len(procs) == 1, procs
p = procs[0]
assert p["pid"] == int(sys.argv[3]), p
assert p["command"] == "memhog", p
assert abs(p["res"] - status["VmRSS"]) <= 0.05 * status["VmRSS"], (p["res"], status)
assert p["heap"] >= 64 << 20, p["heap"]
assert p["heap"] == p["anon"] + p["swap"], p
assert p["shr"] == p["file"] + p["shmem"] or abs(p["shr"] - p["file"] - p["shmem"]) < 64 << 10, p
PY
ok "64 MiB child: RES matches VmRSS, HEAP >= 64 MiB"

# The same PIDs through top: VIRT, RES, SHR agree (both read statm).
spawn small hold 8
SMALL=$SPAWNED
command -v top >/dev/null || skip "top not installed"
top -b -n 1 -E k -e k -w 512 -p "$HOG,$SMALL,1" >"$TMP/top" || fail "top failed"
"$MEMTOP" -b -n 1 -o json -p "$HOG,$SMALL,1" >"$TMP/mt.json" || fail "memtop exit $?"
"$PYTHON3" - "$TMP/top" "$TMP/mt.json" <<'PY' || fail "memtop and top disagree"
import json, sys
rows = {}
lines = open(sys.argv[1]).read().splitlines()
hdr = next(i for i, l in enumerate(lines) if l.split()[:1] == ["PID"])
cols = lines[hdr].split()
for l in lines[hdr + 1:]:
    f = l.split()
    if len(f) >= len(cols) - 1:
        rows[int(f[0])] = dict(zip(cols, f))
def kib(v):
    """top -e k prints KiB, or a scaled value with a suffix when the
    number does not fit (an ASan build's 20 TiB VIRT: "20.0t")."""
    units = {"k": 1, "m": 1 << 10, "g": 1 << 20, "t": 1 << 30, "p": 1 << 40, "e": 1 << 50}
    if v[-1] in units:
        return float(v[:-1]) * units[v[-1]], units[v[-1]] * 0.05
    return int(v), 0
snap = json.loads(open(sys.argv[2]).readline())
seen = 0
for p in snap["processes"]:
    t = rows.get(p["pid"])
    assert t, f"pid {p['pid']} not in top"
    for ours, theirs in (("virt", "VIRT"), ("res", "RES"), ("shr", "SHR")):
        a, (b, rounding) = p[ours] // 1024, kib(t[theirs])
        assert abs(a - b) <= max(8, b / 100, rounding), (p["pid"], ours, a, b)
    seen += 1
assert seen == 3, seen
PY
ok "VIRT/RES/SHR agree with top -b"

# Every process: memtop -b -K lists what top lists.  Processes that
# start or exit between the two reads are forgiven; no other.
t0=$(date +%s)
top -b -n 1 -E k -e k -w 512 >"$TMP/top-all"
"$MEMTOP" -b -n 1 -K -o json >"$TMP/all.json"
"$PYTHON3" - "$TMP/top-all" "$TMP/all.json" "$t0" <<'PY' || fail "process sets differ"
import json, os, sys, time
lines = open(sys.argv[1]).read().splitlines()
hdr = next(i for i, l in enumerate(lines) if l.split()[:1] == ["PID"])
top = {int(l.split()[0]) for l in lines[hdr + 1:] if l.strip()}
ours = {p["pid"] for p in json.loads(open(sys.argv[2]).readline())["processes"]}
hz = os.sysconf("SC_CLK_TCK")
btime = next(int(l.split()[1]) for l in open("/proc/stat") if l.startswith("btime"))
def churned(pid):
    try:
        stat = open(f"/proc/{pid}/stat").read()
    except OSError:
        return True                                   # exited since
    start = btime + int(stat.rsplit(")", 1)[1].split()[19]) / hz
    return start >= int(sys.argv[3]) - 1              # started since
real = {pid for pid in top ^ ours if not churned(pid)}
assert not real and len(ours) > 0.5 * len(top), (len(top), len(ours), real)
PY
ok "every process listed"
exit 0
