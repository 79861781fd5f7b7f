#!/bin/sh
# --pss: PSS and USS from smaps_rollup, as the kernel reports them, on
# full and on incremental refreshes; without --pss they are unavailable.
. "${0%/*}/lib.sh"

spawn hog hold 16
HOG=$SPAWNED
"$MEMTOP" -b -n 3 -d 0.1 --pss -p "$HOG" -o json >"$TMP/pss.json" || fail "memtop --pss: exit $?"
grep -E '^(Pss|Private_Clean|Private_Dirty):' "/proc/$HOG/smaps_rollup" >"$TMP/rollup"
"$PYTHON3" - "$TMP/pss.json" "$TMP/rollup" <<'PY' || fail "PSS/USS numbers"
import json, sys
k = {l.split(':')[0]: int(l.split()[1]) * 1024 for l in open(sys.argv[2])}
uss = k["Private_Clean"] + k["Private_Dirty"]
snaps = [json.loads(l) for l in open(sys.argv[1])]
assert len(snaps) == 3, len(snaps)
for s in snaps:
    p = s["processes"][0]
    assert p["pss"] is not None and p["uss"] is not None, p
    assert abs(p["pss"] - k["Pss"]) <= max(k["Pss"] // 20, 256 << 10), (p["pss"], k)
    assert abs(p["uss"] - uss) <= max(uss // 20, 256 << 10), (p["uss"], uss)
    assert p["uss"] >= 16 << 20 and p["uss"] <= p["pss"] <= p["res"], p
PY
ok "PSS and USS match smaps_rollup on every refresh"

"$MEMTOP" -b -n 1 -p "$HOG" -o json >"$TMP/plain.json" || fail "memtop: exit $?"
grep -q '"pss":null,"uss":null' "$TMP/plain.json" || fail "pss/uss not null without --pss"
"$MEMTOP" -b -n 1 -p "$HOG" -o csv >"$TMP/plain.csv" || fail "memtop -o csv: exit $?"
tail -1 "$TMP/plain.csv" | tr -d '\r' | grep -q ',,$' || fail "pss/uss not empty in CSV without --pss"
ok "without --pss: null in JSON, empty in CSV"

"$MEMTOP" -b -n 1 --pss -s pss >"$TMP/pss.txt" || fail "memtop --pss -s pss: exit $?"
grep -q '^ *PID .* HEAP *PSS *USS GROWTH/m' "$TMP/pss.txt" || fail "no PSS/USS columns in text"
"$MEMTOP" -b -n 1 >"$TMP/plain.txt" || fail "memtop: exit $?"
grep -q 'PSS' "$TMP/plain.txt" && fail "PSS column without --pss"
ok "text table has PSS and USS columns only with --pss"

# Without root, other users' smaps_rollup is unreadable: unavailable, not 0.
if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null; then
    setpriv --reuid=65534 --regid=65534 --clear-groups "$MEMTOP" -b -n 1 --pss -p "$HOG" \
        -o json >"$TMP/nobody.json" 2>"$TMP/nobody.err" || fail "memtop as nobody: exit $?"
    grep -q '"pss":null,"uss":null' "$TMP/nobody.json" || fail "unreadable PSS not null: $(cat "$TMP/nobody.json")"
    ok "unprivileged: another user's PSS is unavailable"
fi
