#!/bin/sh
# Real children with known heap behaviour: only the leakers are ever
# flagged, both within 30 samples at -d 1 (SPEC section 3).
. "${0%/*}/lib.sh"

spawn leak1m leak 1024;       L1=$SPAWNED
spawn leak256k leak 256;      L2=$SPAWNED
spawn steady hold 32;         S1=$SPAWNED
spawn step step 16 8;         S2=$SPAWNED
spawn sawtooth sawtooth 32 4; S3=$SPAWNED
spawn noise noise 64 5;       S4=$SPAWNED

"$MEMTOP" -b -d 1 -n 45 -o json -p "$L1,$L2,$S1,$S2,$S3,$S4" >"$TMP/run.json" \
    || fail "memtop exit $?"
"$PYTHON3" - "$TMP/run.json" "$L1,$L2" "$S1,$S2,$S3,$S4" <<'PY' || fail "verdicts"
import json, sys
snaps = [json.loads(l) for l in open(sys.argv[1])]
leakers = [int(p) for p in sys.argv[2].split(",")]
others = [int(p) for p in sys.argv[3].split(",")]
assert len(snaps) == 45, len(snaps)
first = {}
for i, s in enumerate(snaps, 1):
    for p in s["processes"]:
        if p["leak"]:
            assert p["pid"] in leakers, f"pid {p['pid']} ({p['command']}) falsely flagged at sample {i}: {p}"
            first.setdefault(p["pid"], i)
            assert p["oom_eta"] is not None and p["oom_eta"] > 0, p
            assert p["oom_limit"] in ("system", "cgroup"), p
for pid in leakers:
    assert pid in first, f"leaker {pid} never flagged"
    assert first[pid] <= 30, f"leaker {pid} flagged only at sample {first[pid]}"
last = snaps[-1]
order = [p["pid"] for p in last["processes"]]
rates = {p["pid"]: p["growth"] for p in last["processes"]}
# growth sort: the fastest leaker on top, then by rate (the step child's
# one jump can outrank the slow leaker: GROWTH is a slope, not a verdict)
assert order[0] == leakers[0], f"1 MiB/s leaker not on top: {order} {rates}"
assert [rates[p] for p in order] == sorted(rates.values(), reverse=True), (order, rates)
assert 0.8 * 1048576 <= rates[leakers[0]] <= 1.2 * 1048576, rates
assert 0.8 * 262144 <= rates[leakers[1]] <= 1.2 * 262144, rates
assert last["system"]["leaks"] >= 2
print("flagged at samples:", first)
PY
ok "leakers flagged within 30 samples, nothing else ever flagged"
exit 0
