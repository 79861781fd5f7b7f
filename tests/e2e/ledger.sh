#!/bin/sh
# The exit ledger and zombies, from real processes.
. "${0%/*}/lib.sh"

# A child that exits: it appears in "exited" with the memory it held.
spawn hog hold 16
HOG=$SPAWNED
# memtop must see it alive first, then gone: on a busy machine its first
# refresh can take a while, so wait for each instead of a fixed time.
"$MEMTOP" -b -d 0.5 -n 600 -o json -p "$HOG" >"$TMP/exit.json" &
M=$!
CHILDREN="$CHILDREN $M"
await() {   # await PATTERN WHAT: until the JSON shows it (120 s at most)
    i=0
    until grep -q "$1" "$TMP/exit.json" 2>/dev/null; do
        i=$((i + 1))
        [ $i -gt 1200 ] && fail "memtop never showed $2"
        sleep 0.1
    done
}
await "\"pid\":$HOG," "the child alive"
kill "$HOG"
await '"exited":\[{' "the child's exit"
kill -TERM "$M"
wait "$M" || fail "memtop exit $?"
"$PYTHON3" - "$TMP/exit.json" "$HOG" <<'PY' || fail "exit not in the ledger"
import json, sys
pid = int(sys.argv[2])
exits = [e for l in open(sys.argv[1]) for e in json.loads(l)["exited"]]
assert len(exits) == 1, exits
e = exits[0]
assert e["pid"] == pid and e["command"] == "memhog", e
assert e["returned"] >= 16 << 20 and e["peak_res"] >= 16 << 20, e
assert 0.5 < e["lifetime"] < 60, e
PY
"$MEMTOP" -b -d 0.5 -n 3 -p "$HOG" >/dev/null || fail "memtop of a dead PID"
ok "an exit is recorded with the memory it returned"

# A zombie: sh starts a short child, then becomes "sleep 30" by exec and
# never reaps it.
sh -c 'sleep 0.1 & exec sleep 30' &
PARENT=$!
CHILDREN="$CHILDREN $PARENT"
i=0
until [ "$(ps -o stat= --ppid "$PARENT" | cut -c1)" = Z ]; do
    i=$((i + 1))
    [ $i -gt 300 ] && fail "no zombie child appeared"
    sleep 0.1
done
ZOMBIE=$(ps -o pid= --ppid "$PARENT" | tr -d ' ')
"$MEMTOP" -b -d 0.5 -n 3 -o json -p "$ZOMBIE" >"$TMP/z.json" || fail "memtop exit $?"
"$PYTHON3" - "$TMP/z.json" "$ZOMBIE" "$PARENT" <<'PY' || fail "zombie"
import json, sys
last = [json.loads(l) for l in open(sys.argv[1])][-1]
z = last["zombies"]
assert len(z) == 1, z
assert z[0]["pid"] == int(sys.argv[2]) and z[0]["ppid"] == int(sys.argv[3]), z
assert z[0]["parent_command"] == "sleep", z
assert z[0]["unreaped"] >= 0.9, z
assert last["system"]["zombies"] >= 1
PY
"$MEMTOP" -b -n 1 -p "$ZOMBIE" | grep -q "^zombie: $ZOMBIE sleep, parent $PARENT sleep" \
    || fail "text output has no zombie line"
ok "a zombie is shown with the parent that does not reap it"
exit 0
