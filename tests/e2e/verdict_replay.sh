#!/bin/sh
# Long cases through synthetic recordings replayed with -r (SPEC
# section 3): what takes half an hour or a day to happen is judged in
# seconds, by the same analysis.
#  - 30 minutes at -d 5 of a 2 GiB heap leaking 1 % per 10 minutes,
#    running long before the recording: leak within 30 minutes; a
#    500 MiB steady heap with churn beside it is never growing;
#  - 24 hours at -d 5: a 10x startup step then 25 KiB/s is leak within
#    30 minutes, with GROWTH (and so OOM-IN) from the leak's rate, not
#    the step's; a cache warming to 300 MiB over 2 minutes is never
#    leak, and steady by the end;
#  - 15 minutes at -d 1, at -H 150 and 600: flat (with churn) for 10
#    minutes, then 1 MiB/s: never growing before, growing within 30 s
#    and leak within leak age + 60 s of its start, GROWTH its rate.
. "${0%/*}/lib.sh"

"$HELPERS/synthrec" slow "$TMP/slow.rec" || fail "synthrec slow"
"$HELPERS/synthrec" day "$TMP/day.rec" || fail "synthrec day"
"$MEMTOP" -b -r "$TMP/slow.rec" -o json >"$TMP/slow.json" || fail "replay slow: exit $?"
"$MEMTOP" -b -r "$TMP/day.rec" -o json >"$TMP/day.json" || fail "replay day: exit $?"
"$PYTHON3" - "$TMP/slow.json" "$TMP/day.json" <<'PY' || fail "verdicts"
import json, sys
def run(path):
    return [json.loads(l) for l in open(path)]
def first(snaps, pid, verdicts):
    t0 = snaps[0]["time"]
    for s in snaps:
        for p in s["processes"]:
            if p["pid"] == pid and p["verdict"] in verdicts:
                return s["time"] - t0, p
    return None, None

slow = run(sys.argv[1])
assert len(slow) == 361, len(slow)
at, p = first(slow, 500, ("leak",))
assert at is not None and at <= 1800, f"slow leak: leak at {at}"
rate = 0.01 * 2048 * 2**20 / 600
assert abs(p["growth"] - rate) <= 0.25 * rate, (p["growth"], rate)
assert first(slow, 501, ("growing", "leak"))[0] is None, first(slow, 501, ("growing", "leak"))

day = run(sys.argv[2])
assert len(day) == 17281, len(day)
at_step, p = first(day, 600, ("leak",))
assert at_step is not None and at_step <= 1800, f"step + 25 KiB/s: leak at {at_step}"
end = [p for p in day[-1]["processes"] if p["pid"] == 600][0]
assert end["verdict"] == "leak", end
for q in (p, end):
    assert abs(q["growth"] - 25 * 1024) <= 0.25 * 25 * 1024, f"GROWTH {q['growth']} is not the leak's"
    if q["oom_eta"] is not None:  # 32 GiB free: from the leak's rate, days
        assert q["oom_eta"] > 86400, q
at_cache, c = first(day, 601, ("leak",))
assert at_cache is None, f"cache warm-up called leak at {at_cache}: {c}"
cache_end = [p for p in day[-1]["processes"] if p["pid"] == 601][0]
assert cache_end["verdict"] == "steady", cache_end
print(f"slow leak: leak at {at:.0f} s; startup step: leak at {at_step:.0f} s, GROWTH "
      f"{end['growth']:.0f} B/s at the end")
PY
"$HELPERS/synthrec" late "$TMP/late.rec" || fail "synthrec late"
for H in 150 600; do
    "$MEMTOP" -b -H $H -r "$TMP/late.rec" -o json >"$TMP/late$H.json" || fail "replay late -H $H: exit $?"
    "$PYTHON3" - "$TMP/late$H.json" $H <<'PY' || fail "late leak at -H $H"
import json, sys
snaps = [json.loads(l) for l in open(sys.argv[1])]
assert len(snaps) == 901, len(snaps)
t0, grow, leak = snaps[0]["time"], None, None
for s in snaps:
    t = s["time"] - t0
    p = [p for p in s["processes"] if p["pid"] == 700][0]
    if t <= 600:
        assert p["verdict"] not in ("growing", "leak"), f"flat, yet {p['verdict']} at {t:.0f} s"
    elif p["verdict"] in ("growing", "leak") and grow is None:
        grow = t - 600
    if p["verdict"] == "leak" and leak is None:
        leak = t - 600
        assert abs(p["growth"] - 2**20) <= 0.25 * 2**20, f"GROWTH {p['growth']} is not 1 MiB/s"
    if grow is not None:
        assert p["verdict"] in ("growing", "leak"), f"lost at {t:.0f} s: {p['verdict']}"
assert grow is not None and grow <= 30, f"growing {grow} s after the leak began"
assert leak is not None and leak <= 180 + 60, f"leak {leak} s after the leak began"
print(f"-H {sys.argv[2]}: late leak growing after {grow:.0f} s, leak after {leak:.0f} s")
PY
done
ok "slow leak, startup step and late leak judged from synthetic half-hour, day and 15-minute recordings"
exit 0
