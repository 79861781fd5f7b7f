#!/bin/sh
# --pss: PSS and USS from smaps_rollup, as the kernel reports them, on
# full and on incremental refreshes; without --pss they are unavailable.
. "${0%/*}/lib.sh"

spawn hog hold 16
HOG=$SPAWNED
# The kernel's numbers just before and just after (an ASan build of the
# helper keeps touching shadow pages, so allow what moved in between).
grep -E '^(Pss|Private_Clean|Private_Dirty):' "/proc/$HOG/smaps_rollup" >"$TMP/rollup0"
"$MEMTOP" -b -n 3 -d 0.1 --pss -p "$HOG" -o json >"$TMP/pss.json" || fail "memtop --pss: exit $?"
grep -E '^(Pss|Private_Clean|Private_Dirty):' "/proc/$HOG/smaps_rollup" >"$TMP/rollup1"
"$PYTHON3" - "$TMP/pss.json" "$TMP/rollup0" "$TMP/rollup1" <<'PY' || fail "PSS/USS numbers"
import json, sys
def rollup(path):
    k = {l.split(':')[0]: int(l.split()[1]) * 1024 for l in open(path)}
    return k["Pss"], k["Private_Clean"] + k["Private_Dirty"], k["Private_Clean"]
(pss0, uss0, clean0), (pss1, uss1, clean1) = rollup(sys.argv[2]), rollup(sys.argv[3])
snaps = [json.loads(l) for l in open(sys.argv[1])]
assert len(snaps) == 3, len(snaps)
tol = 256 << 10
for s in snaps:
    p = s["processes"][0]
    assert p["pss"] is not None and p["uss"] is not None, p
    # USS is private: between the two reads, less the clean file pages
    # memtop itself maps while it runs (an ASan build shares libasan's),
    # which are private only while memtop is not running.  PSS's shared
    # part moves the same way, at most by the shared resident size.
    lo = min(uss0, uss1) - max(clean0, clean1) - tol
    assert lo <= p["uss"] <= max(uss0, uss1) + tol, (p["uss"], uss0, uss1, clean0)
    assert min(pss0, pss1) - p["shr"] - tol <= p["pss"] <= max(pss0, pss1) + p["shr"] + tol, \
        (p["pss"], pss0, pss1, p["shr"])
    assert p["uss"] >= 16 << 20 and p["uss"] <= p["pss"] <= p["res"], p
PY
ok "PSS and USS match smaps_rollup on every refresh"

"$MEMTOP" -b -n 1 -p "$HOG" -o json >"$TMP/plain.json" || fail "memtop: exit $?"
grep -q '"pss":null,"uss":null' "$TMP/plain.json" || fail "pss/uss not null without --pss"
"$MEMTOP" -b -n 1 -p "$HOG" -o csv >"$TMP/plain.csv" || fail "memtop -o csv: exit $?"
tr -d '\r' <"$TMP/plain.csv" | awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i }
    NR == 2 { exit !(col["pss"] && $col["pss"] == "" && $col["uss"] == "") }' \
    || fail "pss/uss not empty in CSV without --pss"
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
