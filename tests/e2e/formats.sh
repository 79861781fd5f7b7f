#!/bin/sh
# CSV and JSON read back by real parsers; filters and sorting seen from
# outside; a hostile process name stays inert.
. "${0%/*}/lib.sh"

spawn a hold 16
A=$SPAWNED
spawn b hold 32
B=$SPAWNED

# JSON Lines: one object per refresh, required keys, bytes.
"$MEMTOP" -b -n 3 -d 0.1 -o json -p "$A,$B" >"$TMP/out.json" || fail "json exit $?"
"$PYTHON3" - "$TMP/out.json" "$A" "$B" <<'PY' || fail "json content"
import json, sys
lines = open(sys.argv[1]).read().splitlines()
assert len(lines) == 3, len(lines)
want = {"pid", "ppid", "user", "state", "start", "command", "virt", "res", "shr",
        "anon", "file", "shmem", "swap", "heap"}
times = []
for l in lines:
    s = json.loads(l)
    times.append(s["time"])
    for k in ("mem_total", "mem_available", "swap_total", "swap_free"):
        assert isinstance(s["system"][k], int), k
    pids = [p["pid"] for p in s["processes"]]
    assert pids == [int(sys.argv[3]), int(sys.argv[2])], pids   # default sort: RES
    for p in s["processes"]:
        assert want <= set(p), want - set(p)
        score = int(open("/proc/%d/oom_score" % p["pid"]).read())
        adj = int(open("/proc/%d/oom_score_adj" % p["pid"]).read())
        assert p["oom_score_adj"] == adj and abs(p["oom_score"] - score) <= 2, (p, score, adj)
assert times == sorted(times) and times[2] - times[0] >= 0.15, times
PY
command -v jq >/dev/null && { jq -e . "$TMP/out.json" >/dev/null || fail "jq rejects the JSON"; }
ok "json lines parse"

# CSV: RFC 4180 via python's csv module; same names as the JSON keys.
"$MEMTOP" -b -n 2 -d 0.1 -o csv -p "$A,$B" -s pid >"$TMP/out.csv" || fail "csv exit $?"
"$PYTHON3" - "$TMP/out.csv" "$TMP/out.json" "$A" "$B" <<'PY' || fail "csv content"
import csv, json, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert len(rows) == 4, len(rows)
keys = set(json.loads(open(sys.argv[2]).readline())["processes"][0])
assert set(rows[0]) == keys | {"time"}, set(rows[0]) ^ (keys | {"time"})
assert [int(r["pid"]) for r in rows] == sorted([int(sys.argv[3]), int(sys.argv[4])]) * 2
for r in rows:
    assert int(r["res"]) > 0 and int(r["heap"]) >= 16 << 20, r
    float(r["time"]); float(r["start"])
PY
ok "csv parses, same field names as json"

# Filters: -f on the name, -u by user, -s/-R order.
"$MEMTOP" -b -n 1 -o csv -f MEMHOG >"$TMP/f.csv"
[ "$(grep -c memhog "$TMP/f.csv")" -ge 2 ] || fail "-f MEMHOG found no memhog"
grep -v '^time' "$TMP/f.csv" | grep -v memtop | grep -vq memhog && fail "-f let other processes through"
"$MEMTOP" -b -n 1 -o csv -u root -p "$A" | grep -q "$A" || fail "-u root"
"$MEMTOP" -b -n 1 -o csv -u nobody -p "$A" | grep -q "$A" && fail "-u nobody showed root's process"
"$MEMTOP" -b -n 1 -o csv -p "$A,$B" -s res -R | sed -n 2p | grep -q ",$A," || fail "-R"
ok "filters and sort"

# Locale never changes machine formats.
use_comma_locale
LC_ALL=de_DE.UTF-8 LC_NUMERIC=de_DE.UTF-8 "$MEMTOP" -b -n 3 -d 0.2 -o json -p "$A" >"$TMP/de.json" \
    || fail "de_DE json: exit $?"
"$PYTHON3" - "$TMP/de.json" <<'PY' || fail "de_DE changed a number in JSON"
import json, sys
for line in open(sys.argv[1]):
    s = json.loads(line)                      # a comma would break the parse
    assert isinstance(s["time"], float) and isinstance(s["processes"][0]["start"], float)
assert isinstance(s["processes"][0]["growth"], float)
PY
LC_ALL=de_DE.UTF-8 "$MEMTOP" -b -n 1 -o csv -p "$A" | "$PYTHON3" -c '
import csv, sys
rows = list(csv.DictReader(sys.stdin))
float(rows[0]["time"]); float(rows[0]["start"])
assert len(rows[0]) == len(rows[0].keys()) and None not in rows[0]' || fail "de_DE changed CSV"
LC_ALL=de_DE.UTF-8 "$MEMTOP" -b -n 1 -d 0.5 -p "$A" >/dev/null || fail "de_DE: -d 0.5 rejected"
ok "locale-independent numbers"

# A process whose name is an escape sequence: inert everywhere.
ESC=$(printf '\033]0;pwn\007\033[2J')
ln -s "$HELPERS/memhog" "$TMP/$ESC"
"$TMP/$ESC" hold 1 >"$TMP/esc.out" 2>&1 &
E=$!
CHILDREN="$CHILDREN $E"
sleep 0.3
for fmt in text csv json; do
    "$MEMTOP" -b -n 1 -c -o $fmt -p "$E" >"$TMP/esc.$fmt" || fail "$fmt exit $?"
    grep -q "$(printf '\033')" "$TMP/esc.$fmt" && fail "ESC reached $fmt output"
    grep -q "$(printf '\007')" "$TMP/esc.$fmt" && fail "BEL reached $fmt output"
done
grep -q '?]0;pwn??\[2J' "$TMP/esc.text" || fail "text does not show the name escaped: $(cat "$TMP/esc.text")"
# (libproc2 already turns controls into '?'; memtop's own escapers are
# unit-tested on raw bytes in tests/unit/test_escape.c.)
"$PYTHON3" -c 'import json,sys; p=json.loads(open(sys.argv[1]).readline())["processes"][0]; assert "pwn" in p["command"] and "\x1b" not in p["command"], p' "$TMP/esc.json" \
    || fail "json does not carry the name"
ok "escape sequences in names stay inert"
exit 0
