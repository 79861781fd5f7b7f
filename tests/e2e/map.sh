#!/bin/sh
# The memory map (-b -m PID) against live processes: totals identical to
# pmap -x and pmap -d for stopped processes, every region class of
# mapzoo, Δ RSS of a growing heap, hostile file names, and the errors.
. "${0%/*}/lib.sh"

command -v pmap >/dev/null || skip "pmap (procps) not installed"

# total_of PID: memtop's "size rss dirty" in kB (JSON) beside pmap -x's
# total line, and both summary lines; fails unless identical.
check_parity() {
    pid=$1; what=$2
    "$MEMTOP" -b -n 1 -m "$pid" -o json >"$TMP/map.json" || fail "$what: -o json exit $?"
    mine=$(jq -r '.total | "\(.size / 1024) \(.rss / 1024) \(.dirty / 1024)"' "$TMP/map.json")
    theirs=$(pmap -x "$pid" | awk '/^total kB/ {print $3, $4, $5}')
    [ -n "$theirs" ] || fail "$what: no total line from pmap -x"
    [ "$mine" = "$theirs" ] || fail "$what: memtop total $mine, pmap -x $theirs"
    classes=$(jq '[.classes[].rss] | add' "$TMP/map.json")
    total=$(jq '.total.rss' "$TMP/map.json")
    [ "$classes" = "$total" ] || fail "$what: class RSS adds up to $classes, total $total"
    n=$(jq '.mappings | length' "$TMP/map.json")
    counted=$(jq '[.classes[].count] | add' "$TMP/map.json")
    [ "$n" = "$counted" ] || fail "$what: $n mappings, $counted in classes"
    "$MEMTOP" -b -n 1 -m "$pid" >"$TMP/map.txt" || fail "$what: text exit $?"
    mine=$(grep '^mapped:' "$TMP/map.txt")
    theirs=$(pmap -d "$pid" | grep '^mapped:')
    [ "$mine" = "$theirs" ] || fail "$what: '$mine', pmap -d: '$theirs'"
    mine=$(awk '/^total kB/ {print $3, $4, $6}' "$TMP/map.txt")
    theirs=$(pmap -x "$pid" | awk '/^total kB/ {print $3, $4, $5}')
    [ "$mine" = "$theirs" ] || fail "$what: text total $mine, pmap -x $theirs"
}

# A child whose heap grows, stopped so both tools see the same map.
spawn leaker leak 4096
sleep 0.5
kill -STOP "$SPAWNED"
check_parity "$SPAWNED" "memhog leak"
kill -CONT "$SPAWNED"
ok "growing heap: totals equal pmap -x and pmap -d"

# A program we did not write: python3, with its many shared libraries.
"$PYTHON3" -c 'import sys, time; print("ready", flush=True); time.sleep(60)' >"$TMP/py.out" &
PY=$!
CHILDREN="$CHILDREN $PY"
i=0
while ! grep -q ready "$TMP/py.out"; do
    i=$((i + 1)); [ $i -gt 100 ] && fail "python3 did not get ready"; sleep 0.05
done
kill -STOP "$PY"
check_parity "$PY" "python3"
[ "$(jq '.classes.libs.count' "$TMP/map.json")" -gt 5 ] || fail "python3: too few libs"
ok "python3: totals equal pmap -x and pmap -d"

# Another program: every kind of region, names with spaces and escapes.
mkdir "$TMP/zoo"
"$HELPERS/mapzoo" "$TMP/zoo" >"$TMP/zoo.out" 2>&1 &
ZOO=$!
CHILDREN="$CHILDREN $ZOO"
i=0
while ! grep -q ready "$TMP/zoo.out"; do
    i=$((i + 1)); [ $i -gt 100 ] && fail "mapzoo did not get ready"; sleep 0.05
done
kill -STOP "$ZOO"
check_parity "$ZOO" "mapzoo"
ok "mapzoo: totals equal pmap -x and pmap -d"

for c in text data bss heap stack libs file shm anon kernel; do
    n=$(jq ".classes.$c.count" "$TMP/map.json")
    [ "$n" -gt 0 ] || fail "mapzoo has no $c mapping"
done
[ "$(jq '.classes.shm.count' "$TMP/map.json")" -eq 4 ] || fail "mapzoo: want 4 shm mappings"
[ "$(jq -r '.classes.bss.rss' "$TMP/map.json")" -ge 4000000 ] || fail "mapzoo: bss under 4 MB"
jq -e '.mappings[] | select(.path == "'"$TMP"'/zoo/a file with spaces.dat") | .class == "file"' \
    "$TMP/map.json" >/dev/null || fail "path with spaces"
jq -e '.mappings[] | select(.path | endswith("/deleted.dat (deleted)")) | .class == "file"' \
    "$TMP/map.json" >/dev/null || fail "deleted file"
jq -e '.mappings[] | select(.path | test("esc\u001b]0;owned\u0007")) | .class == "file"' \
    "$TMP/map.json" >/dev/null || fail "escape name not kept exactly in JSON"
jq -e '[.mappings[] | select(.path == "'"$TMP"'/zoo/shared-ro.cache")] |
       length == 1 and .[0].perms == "r--s" and .[0].class == "file"' \
    "$TMP/map.json" >/dev/null || fail "r--s of a regular file is not class file"
ok "mapzoo: all ten classes, spaces and (deleted) kept, r--s file is file"

# The escapes never reach a terminal raw, in text or CSV.
"$MEMTOP" -b -n 1 -m "$ZOO" >"$TMP/zoo.txt" || fail "text exit $?"
"$MEMTOP" -b -n 1 -m "$ZOO" -o csv >"$TMP/zoo.csv" || fail "csv exit $?"
for f in zoo.txt zoo.csv; do
    if LC_ALL=C grep -q "$(printf '\033')" "$TMP/$f"; then fail "raw ESC in $f"; fi
done
grep -q 'esc?]0;owned?.dat' "$TMP/zoo.txt" || fail "escape name not shown as ?"
"$PYTHON3" -c '
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
assert len(rows) > 30, len(rows)
assert all(r["class"] for r in rows)
assert sum(int(r["rss"]) for r in rows) == int(sys.argv[2]), "csv rss sum"
assert any(r["path"].endswith("a file with spaces.dat") for r in rows)
' "$TMP/zoo.csv" "$(jq .total.rss "$TMP/map.json")" || fail "CSV does not read back"
kill -CONT "$ZOO"
ok "text and CSV: escapes sanitized, CSV reads back"

# Which region grew: the heap of a child that adds 16 MiB after 1 s.
spawn stepper step 16 1.5
"$MEMTOP" -b -d 0.5 -n 6 -m "$SPAWNED" -o json >"$TMP/step.json" || fail "step: exit $?"
[ "$(wc -l <"$TMP/step.json")" -eq 6 ] || fail "step: want 6 JSON lines"
last=$(tail -1 "$TMP/step.json")
d=$(echo "$last" | jq '.classes.heap.delta_rss')
[ "$d" -ge $((15 * 1048576)) ] || fail "step: heap class grew by $d, want >= 15 MiB"
d=$(echo "$last" | jq '[.mappings[] | select(.path == "[heap]") | .delta_rss] | add')
[ "$d" -ge $((15 * 1048576)) ] || fail "step: [heap] mapping grew by $d"
d=$(head -1 "$TMP/step.json" | jq '.total.delta_rss')
[ "$d" -eq 0 ] || fail "step: first sample delta $d, want 0"
biggest=$(echo "$last" | jq -r '.classes | to_entries | max_by(.value.delta_rss) | .key')
[ "$biggest" = heap ] || fail "step: the class that grew most is $biggest, want heap"
ok "delta RSS points at the heap"

# Errors: one clear line each, exit 1 (2 for usage).
expect_exit 1 "process 2147483647: no such process" -b -n 1 -m 2147483647
expect_exit 2 "-m abc: not a PID" -b -m abc
expect_exit 2 "-m 0: not a PID" -b -m 0
# kthreadd, when this PID namespace shows kernel threads at all.
kt=$(ps -eo pid=,comm= | awk '$2 == "kthreadd" {print $1; exit}')
if [ -n "$kt" ]; then
    expect_exit 1 "process $kt (" -b -n 1 -m "$kt"
    grep -q "is a kernel thread: it has no memory map" "$TMP/err" || fail "kthread: $(cat "$TMP/err")"
    ok "kernel thread"
fi
# A zombie: the child of a parent that never waits.
sh -c 'sleep 0.1 & exec sleep 30' &
PARENT=$!
CHILDREN="$CHILDREN $PARENT"
sleep 0.5
Z=$(ps -o pid= --ppid "$PARENT" | tr -d ' ')
[ -n "$Z" ] || fail "no zombie child"
expect_exit 1 "process $Z (sleep) is a zombie: it has no memory map" -b -n 1 -m "$Z"
ok "no such process, zombie, bad PID"

if [ "$(id -u)" -eq 0 ] && command -v setpriv >/dev/null &&
   setpriv --reuid=65534 --regid=65534 --clear-groups "$MEMTOP" -V >/dev/null 2>&1; then
    spawn rootly hold 1
    "$MEMTOP" -V >/dev/null
    setpriv --reuid=65534 --regid=65534 --clear-groups "$MEMTOP" -b -n 1 -m "$SPAWNED" \
        >"$TMP/out" 2>"$TMP/err"
    rc=$?
    [ "$rc" -eq 1 ] || fail "another user's process: exit $rc"
    grep -q "memtop: process $SPAWNED: cannot read its memory map: permission denied" "$TMP/err" ||
        fail "another user's process: $(cat "$TMP/err")"
    [ ! -s "$TMP/out" ] || fail "another user's process: wrote to stdout"
    ok "another user's process: permission denied"
fi

# The process exits while watched: a note, status 0, output complete.
spawn shortlived hold 1
( sleep 1; kill -9 "$SPAWNED" ) &
"$MEMTOP" -b -d 0.3 -n 100 -m "$SPAWNED" -o json >"$TMP/out" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 0 ] || fail "exited while watched: exit $rc ($(cat "$TMP/err"))"
grep -q "memtop: process $SPAWNED exited" "$TMP/err" || fail "no exit note: $(cat "$TMP/err")"
jq -e . "$TMP/out" >/dev/null || fail "exited while watched: output is not JSON lines"
ok "process exits while watched"

# A closed pipe ends quietly.
"$MEMTOP" -b -d 0.1 -n 50 -m "$ZOO" | head -1 >/dev/null
ok "closed pipe"
exit 0
