#!/bin/bash
# Scale (make soak, not make check): 30,000 processes, and one process
# with 100,000 mappings drilled with -m.  Raises kernel.pid_max and
# vm.max_map_count for the run when they are too low, and puts them back.
. "$(dirname "$0")/../e2e/lib.sh"
[ "$(id -u)" -eq 0 ] || skip "needs root to raise pid_max and max_map_count"
: "${BENCH:=$(dirname "$MEMTOP")/../bench}"
[ -x "$BENCH/spawn_idle" ] || skip "bench/spawn_idle not built (make soak builds it)"
NPROC=${SCALE_PROCESSES:-30000}
NMAPS=${SCALE_MAPPINGS:-100000}

old_pid_max=$(cat /proc/sys/kernel/pid_max)
old_map_count=$(cat /proc/sys/vm/max_map_count)
old_threads=$(cat /proc/sys/kernel/threads-max)
restore() {
    echo "$old_pid_max" >/proc/sys/kernel/pid_max
    echo "$old_map_count" >/proc/sys/vm/max_map_count
    echo "$old_threads" >/proc/sys/kernel/threads-max
    cleanup
}
trap restore EXIT INT TERM
[ "$old_pid_max" -ge $((NPROC * 2)) ] || echo $((NPROC * 4)) >/proc/sys/kernel/pid_max
[ "$old_map_count" -ge $((NMAPS + 1000)) ] || echo $((NMAPS * 2)) >/proc/sys/vm/max_map_count
[ "$old_threads" -ge $((NPROC * 2)) ] || echo $((NPROC * 4)) >/proc/sys/kernel/threads-max
ulimit -u unlimited 2>/dev/null

# 30,000 processes: every one listed, memory bounded, a clean exit.
"$BENCH/spawn_idle" "$NPROC" "$TMP/pids" &
SPAWNER=$!
CHILDREN="$CHILDREN $SPAWNER"
for _ in $(seq 600); do [ -f "$TMP/pids" ] && break; sleep 0.1; done
[ -f "$TMP/pids" ] || fail "spawn_idle did not start $NPROC processes"
peak=$("$PYTHON3" - "$MEMTOP" "$TMP/scale.json" <<'PY'
import resource, subprocess, sys
with open(sys.argv[2], "w") as out:
    subprocess.run([sys.argv[1], "-b", "-n", "3", "-d", "1", "-o", "json"], stdout=out, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
PY
) || fail "memtop -b with $NPROC processes failed"
"$PYTHON3" - "$TMP/scale.json" "$NPROC" <<'PY' || fail "not every process listed"
import json, sys
last = [json.loads(l) for l in open(sys.argv[1])][-1]
assert len(last["processes"]) >= int(sys.argv[2]), len(last["processes"])
PY
[ "$peak" -lt $((256 * 1024)) ] || fail "peak RSS $peak KiB with $NPROC processes"
kill -TERM "$SPAWNER"; wait "$SPAWNER" 2>/dev/null
ok "$NPROC processes: all listed, peak RSS $((peak / 1024)) MiB"

# 100,000 mappings: -m reads them all, rows and totals complete.
"$HELPERS/manymaps" "$NMAPS" >"$TMP/maps.out" 2>&1 &
M=$!
CHILDREN="$CHILDREN $M"
for _ in $(seq 300); do grep -q ready "$TMP/maps.out" 2>/dev/null && break; sleep 0.1; done
grep -q ready "$TMP/maps.out" || fail "manymaps $NMAPS did not start: $(cat "$TMP/maps.out")"
"$MEMTOP" -b -n 1 -m "$M" -o csv >"$TMP/maps.csv" || fail "-m of $NMAPS mappings: exit $?"
rows=$(($(wc -l <"$TMP/maps.csv") - 1))
[ "$rows" -ge "$NMAPS" ] || fail "-m listed $rows of $NMAPS mappings"
ok "$NMAPS mappings: -m lists all $rows"
exit 0
