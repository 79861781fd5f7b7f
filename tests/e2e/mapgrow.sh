#!/bin/bash
# Where it grows (SPEC §1 mapping identity): real children growing in
# one kind of region.  The batch map over time (-b -d N -m PID, JSON and
# CSV) follows each mapping by its range, so the mapping that grows
# carries its class's growth, and the mappings' dRSS add up to their
# class's and the classes' to the total, in every sample.  GROWS-IN
# names the class that grows in the list and in JSON within a minute.
. "${0%/*}/lib.sh"
. "${0%/*}/tmux.sh"

# grow NAME MODE KIB_PER_SEC: starts tests/helpers/grower.
grow() {
    name=$1; shift
    "$HELPERS/grower" "$@" >"$TMP/$name.out" 2>&1 &
    SPAWNED=$!
    CHILDREN="$CHILDREN $SPAWNED"
    i=0
    while ! grep -q ready "$TMP/$name.out" 2>/dev/null; do
        i=$((i + 1)); [ $i -gt 200 ] && fail "$name ($*) did not get ready"
        sleep 0.05
    done
}

# check_map JSONL CLASS [MIN_KIB]: every sample adds up; in the last one
# CLASS grew by >= MIN_KIB (default 4096) and one mapping of it holds >= 90 % of that (and no more
# than all of it: not its whole size, as when mappings were matched by
# their start).
check_map() {
    "$PYTHON3" - "$1" "$2" "${3:-4096}" <<'PY'
import json, sys
snaps = [json.loads(l) for l in open(sys.argv[1])]
cls, least = sys.argv[2], int(sys.argv[3]) << 10
assert len(snaps) >= 2, len(snaps)
for i, s in enumerate(snaps):
    per = {}
    for m in s["mappings"]:
        per[m["class"]] = per.get(m["class"], 0) + m["delta_rss"]
    for c, t in s["classes"].items():
        assert per.get(c, 0) == t["delta_rss"], (i, c, per.get(c, 0), t["delta_rss"])
    total = sum(t["delta_rss"] for t in s["classes"].values())
    assert total == s["total"]["delta_rss"], (i, total, s["total"]["delta_rss"])
last = snaps[-1]
grew = last["classes"][cls]["delta_rss"]
assert grew >= least, f"{cls} grew by {grew} only"
top = max(last["mappings"], key=lambda m: m["delta_rss"])
assert top["class"] == cls, top
assert top["delta_rss"] >= 0.9 * grew, (top, grew)
assert top["delta_rss"] <= grew + (64 << 10), (top, grew)
starts = {m["start"] for s in snaps for m in s["mappings"]
          if m["class"] == cls and m["delta_rss"] > 0}
print(f"{cls}: grew {grew >> 10} KiB, top mapping {top['start']} {top['delta_rss'] >> 10} KiB,"
      f" its starts seen: {len(starts)}")
PY
}

# 1 MiB mmaps merged into the VMA below: one anon mapping whose start
# moves down every second.
grow mmapper mmap 4096
MM=$SPAWNED
"$MEMTOP" -b -d 0.5 -n 8 -m "$MM" -o json >"$TMP/mm.json" || fail "mmap: exit $?"
check_map "$TMP/mm.json" anon || fail "mmap: the growing mapping"
ok "1 MiB mmaps merging downward: one anon mapping carries the growth"

# The same in CSV: the rows of the last sample answer which mapping grew.
"$MEMTOP" -b -d 0.5 -n 6 -m "$MM" -o csv >"$TMP/mm.csv" || fail "mmap csv: exit $?"
"$PYTHON3" - "$TMP/mm.csv" <<'PY' || fail "mmap: CSV"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
times = sorted({r["time"] for r in rows}, key=float)
assert len(times) == 6, times
last = [r for r in rows if r["time"] == times[-1]]
anon = sum(int(r["delta_rss"]) for r in last if r["class"] == "anon")
top = max(last, key=lambda r: int(r["delta_rss"]))
assert anon >= 2 << 20, anon
assert top["class"] == "anon" and top["gone"] == "false", top
assert 0.9 * anon <= int(top["delta_rss"]) <= anon + (64 << 10), (top, anon)
PY
ok "CSV over time: the growing mapping's dRSS is its class's"

# The other growers: [heap] from small mallocs, a thread's malloc arena
# (anon), a shared /dev/shm mapping (shm).  Their maps first, while they
# grow, then GROWS-IN for all four at once.
grow heaper heap 768;   HP=$SPAWNED
grow arenaer arena 768; AR=$SPAWNED
grow shmer shm 768;     SH=$SPAWNED
for x in "$HP heap" "$AR anon" "$SH shm"; do
    set -- $x
    "$MEMTOP" -b -d 0.5 -n 8 -m "$1" -o json >"$TMP/g$1.json" || fail "$2 grower: exit $?"
    check_map "$TMP/g$1.json" "$2" 1536 || fail "$2 grower: the growing mapping"
done
ok "[heap], a thread arena, /dev/shm: the growing mapping carries its class's growth"

# GROWS-IN, in the list (tmux) and in JSON, within a minute.
T new-session -d -s ui -x 200 -y 20 "bash --norc --noprofile"
T send-keys -t ui "PS1='$ '; export LANG=C.UTF-8" Enter
T send-keys -t ui "'$MEMTOP' -d 1 -p $MM,$HP,$AR,$SH" Enter
wait_for "GROWS-IN" 10 || fail "no GROWS-IN column in the list"
"$MEMTOP" -b -d 1 -n 60 -o json -p "$MM,$HP,$AR,$SH" >"$TMP/growsin.json" || fail "exit $?"
"$PYTHON3" - "$TMP/growsin.json" "$MM=anon,$HP=heap,$AR=anon,$SH=shm" <<'PY' || fail "GROWS-IN in JSON"
import json, sys
snaps = [json.loads(l) for l in open(sys.argv[1])]
want = {int(k): v for k, v in (x.split("=") for x in sys.argv[2].split(","))}
t0 = snaps[0]["time"]
first = {}
for s in snaps:
    for p in s["processes"]:
        assert "growth_class" in p, p
        if p["growth_class"] == want[p["pid"]]:
            first.setdefault(p["pid"], s["time"] - t0)
for pid, cls in want.items():
    assert pid in first, f"{pid} never named {cls}: " + str(
        [p["growth_class"] for s in snaps for p in s["processes"] if p["pid"] == pid])
    last = [p for p in snaps[-1]["processes"] if p["pid"] == pid][0]
    assert last["growth_class"] == cls, (pid, last)
print("GROWS-IN right after (s):", first)
PY
ok "GROWS-IN in JSON: anon, heap, anon, shm within a minute"
row() { screen | grep -E "^ *$1 "; }
for x in "$MM anon" "$HP heap" "$AR anon" "$SH shm"; do
    set -- $x
    wait_for "^ *$1 .* $2 " 30 -E || fail "list: $1 does not say it grows in $2: $(row "$1")"
done
ok "GROWS-IN in the list: anon, heap, anon, shm"

# Enter on the top row: its map's title says where it grows.
T send-keys -t ui Enter
wait_for "memtop map - PID" 10 || fail "Enter did not open a map"
opened=$(screen | sed -n 's/.*memtop map - PID \([0-9]*\).*/\1/p' | head -1)
case $opened in
$MM|$AR) cls=anon ;; $HP) cls=heap ;; $SH) cls=shm ;; *) fail "opened the map of $opened" ;;
esac
wait_for "grows in $cls" 10 || fail "map of $opened: its title does not say 'grows in $cls'"
ok "the map's title says where it grows"
T send-keys -t ui q
T send-keys -t ui q
exit 0
