#!/bin/sh
# Real children with known heap behaviour, through the verdict v2 at
# -d 1 (SPEC section 3): the 1 MiB/s and 256 KiB/s leakers are growing
# within 15 s and leak within the leak age + 60 s, and never lost; a
# steady heap, one step, a GC-like sawtooth and +-5 % noise are never
# growing nor leak.  The leak age is 30 s here (--leak-age=30) so the
# test takes 100 s instead of 4 minutes; the rule is the same.
. "${0%/*}/lib.sh"

spawn leak1m leak 1024;       L1=$SPAWNED
spawn leak256k leak 256;      L2=$SPAWNED
spawn steady hold 32;         S1=$SPAWNED
spawn step step 16 8;         S2=$SPAWNED
spawn sawtooth sawtooth 32 4; S3=$SPAWNED
spawn noise noise 64 5;       S4=$SPAWNED

"$MEMTOP" -b -d 1 -n 100 -o json --leak-age=30 -p "$L1,$L2,$S1,$S2,$S3,$S4" \
    >"$TMP/run.json" || fail "memtop exit $?"
"$PYTHON3" - "$TMP/run.json" "$L1,$L2" "$S1,$S2,$S3,$S4" <<'PY' || fail "verdicts"
import json, sys
snaps = [json.loads(l) for l in open(sys.argv[1])]
leakers = [int(p) for p in sys.argv[2].split(",")]
others = [int(p) for p in sys.argv[3].split(",")]
assert len(snaps) == 100, len(snaps)
t0 = snaps[0]["time"]
# Latency in refreshes as well as seconds: on a loaded machine a refresh
# can come late, and 15 refreshes at -d 1 are the spec's 15 s.
grow, leak, grow_n = {}, {}, {}
for n, s in enumerate(snaps):
    for p in s["processes"]:
        v, pid, at = p["verdict"], p["pid"], s["time"] - t0
        assert p["leak"] == (v == "leak"), p
        assert p["state"] in "RSDZT", p
        if pid in others:
            assert v not in ("growing", "leak"), f"pid {pid} ({p['command']}) {v} at {at:.0f} s: {p}"
            continue
        if v in ("growing", "leak"):
            grow.setdefault(pid, at)
            grow_n.setdefault(pid, n)
            assert p["growth_since"] is not None and p["oom_eta_low"] is not None, p
        elif pid in grow:
            raise AssertionError(f"leaker {pid} lost at {at:.0f} s: {p}")
        if v == "leak":
            leak.setdefault(pid, at)
        elif pid in leak:
            raise AssertionError(f"leaker {pid} lost its leak at {at:.0f} s: {p}")
for pid in leakers:
    assert pid in grow and (grow[pid] <= 15 or grow_n[pid] <= 15), \
        f"leaker {pid} growing at {grow.get(pid)} s, refresh {grow_n.get(pid)}"
    assert pid in leak and leak[pid] <= 30 + 60, f"leaker {pid} leak at {leak.get(pid)}"
last = snaps[-1]
order = [p["pid"] for p in last["processes"]]
rates = {p["pid"]: p["growth"] for p in last["processes"]}
# default sort: leak rows first, by GROWTH, then the rest by GROWTH
assert order[:2] == leakers, f"leakers not on top in rate order: {order} {rates}"
rest = [rates[p] for p in order[2:] if rates[p] is not None]
assert rest == sorted(rest, reverse=True), (order, rates)
assert 0.8 * 1048576 <= rates[leakers[0]] <= 1.2 * 1048576, rates
assert 0.8 * 262144 <= rates[leakers[1]] <= 1.2 * 262144, rates
assert last["system"]["leaks"] >= 2
print("growing at", grow, "leak at", leak)
PY
ok "leakers growing within 15 s and leak within leak age + 60 s, nothing else ever growing"
exit 0
