#!/bin/sh
# map_bench.sh - CPU cost of memtop's map of a process with many
# mappings, beside `cat /proc/PID/smaps` (the kernel's own cost of
# producing the text: the floor) and `pmap -x`.
#
#   bench/map_bench.sh [MAPPINGS] [RUNS]     (defaults 30000, 9)
#
# Runs are interleaved (cat, memtop, pmap, cat, ...) so drift hits all
# alike; each figure is the median CPU time (user + system, of the
# command and its children) in ms, with the medians of user and system
# time apart: system is mostly the kernel writing the smaps text (what
# cat pays too), user is memtop's own parsing and formatting.  SPEC
# target: memtop <= 1.25x cat.
set -eu
: "${MEMTOP:=$(pwd)/src/memtop}"
: "${HELPERS:=$(pwd)/tests/helpers}"
: "${PYTHON3:=python3}"
N=${1:-30000}
RUNS=${2:-9}

OUT=$(mktemp)
"$HELPERS/manymaps" "$N" >"$OUT" &
PID=$!
# SIGKILL: the helper is stopped, and a stopped process keeps a SIGTERM pending.
trap '{ kill -9 $PID; wait $PID; } 2>/dev/null || true; rm -f "$OUT"' EXIT INT TERM
i=0
while ! grep -q ready "$OUT"; do
    i=$((i + 1)); [ $i -gt 200 ] && { echo "manymaps did not start" >&2; exit 1; }
    sleep 0.05
done
kill -STOP "$PID"   # the same map for every run

"$PYTHON3" - "$PID" "$RUNS" "$MEMTOP" <<'PY'
import os, statistics, subprocess, sys
pid, runs, memtop = sys.argv[1], int(sys.argv[2]), sys.argv[3]
REFRESHES = 5
cmds = [
    ("cat /proc/PID/smaps", ["cat", f"/proc/{pid}/smaps"]),
    ("memtop -b -n 1 -m PID -o csv", [memtop, "-b", "-n", "1", "-m", pid, "-o", "csv"]),
    ("memtop -b -n 1 -m PID (text)", [memtop, "-b", "-n", "1", "-m", pid]),
    ("pmap -x PID", ["pmap", "-x", pid]),
    # Refreshes after the first follow every mapping to the baseline
    # (SPEC §1 identity): their cost per refresh, startup amortised.
    (f"memtop -b -n {REFRESHES} -m PID, /refresh", [memtop, "-b", "-n", str(REFRESHES), "-d", "0.1", "-m", pid]),
    # What a run pays before it reads anything: memtop loads 14 shared
    # libraries (libproc2 brings libsystemd, libgcrypt, ...), cat 1.
    ("cat /dev/null (its start)", ["cat", "/dev/null"]),
    ("memtop --version (its start)", [memtop, "--version"]),
]
REFRESH = 4                     # index of the per-refresh line
def cpu_ms(argv):
    """(user, system) CPU ms of one run."""
    p = subprocess.Popen(argv, stdout=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    if status != 0:
        sys.exit(f"{argv[0]} failed: status {status}")
    return ru.ru_utime * 1000, ru.ru_stime * 1000
with open(f"/proc/{pid}/maps") as f:
    nmaps = sum(1 for _ in f)
times = {name: [] for name, _ in cmds}
for _ in range(runs):
    for name, argv in cmds:
        times[name].append(cpu_ms(argv))
name = cmds[REFRESH][0]
times[name] = [(u / REFRESHES, s / REFRESHES) for u, s in times[name]]
floor = statistics.median(u + s for u, s in times[cmds[0][0]])
print(f"map of a process with {nmaps} mappings, median CPU of {runs} interleaved runs")
print(f"{'command':32} {'ms':>8} {'x cat':>7} {'user':>7} {'sys':>7}")
for name, _ in cmds:
    m = statistics.median(u + s for u, s in times[name])
    user = statistics.median(u for u, _ in times[name])
    system = statistics.median(s for _, s in times[name])
    print(f"{name:32} {m:8.1f} {m / floor:7.2f} {user:7.1f} {system:7.1f}")
worst = max(statistics.median(u + s for u, s in times[n])
            for n, _ in cmds[1:3] + cmds[REFRESH:REFRESH + 1]) / floor
print(f"map cost: {worst:.2f}x cat smaps (SPEC target <= 1.25x): "
      f"{'within' if worst <= 1.25 else 'OVER'} target")
PY

# GROWS-IN: what reading the growers' smaps adds to a list refresh.  The
# same batch run over 4 growing processes, shown (followed, their smaps
# read within the budget) and hidden by a filter that matches none of
# them (GROWS-IN follows only what the list shows); CPU per refresh,
# median of interleaved runs.
G=""
for m in "heap 512" "arena 512" "mmap 1024" "shm 512"; do
    # shellcheck disable=SC2086
    "$HELPERS/grower" $m >/dev/null 2>&1 &
    G="$G${G:+,}$!"
done
trap '{ kill -9 $PID $(echo "$G" | tr , " "); wait; } 2>/dev/null || true; rm -f "$OUT"' EXIT INT TERM
sleep 2
"$PYTHON3" - "$MEMTOP" "$G" "$RUNS" <<'PY'
import os, statistics, subprocess, sys
memtop, growers, runs = sys.argv[1], sys.argv[2], max(3, int(sys.argv[3]) // 2)
N = 61
def cpu_ms(extra):
    p = subprocess.Popen([memtop, "-b", "-d", "0.1", "-n", str(N), "-o", "json", "-p", growers]
                         + extra, stdout=subprocess.DEVNULL)
    _, status, ru = os.wait4(p.pid, 0)
    if status != 0:
        sys.exit(f"memtop failed: status {status}")
    return (ru.ru_utime + ru.ru_stime) * 1000 / N
shown, hidden = [], []
for _ in range(runs):
    shown.append(cpu_ms([]))
    hidden.append(cpu_ms(["-f", "no-such-command-here"]))
a, b = statistics.median(shown), statistics.median(hidden)
print(f"GROWS-IN, 4 growing processes shown vs hidden ({N} refreshes at -d 0.1, "
      f"median of {runs}):")
print(f"  {a:.2f} ms vs {b:.2f} ms per refresh: GROWS-IN adds {a - b:+.2f} ms "
      f"(its budget: 2 ms a refresh on average)")
PY
