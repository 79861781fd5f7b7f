#!/bin/bash
# A memory limit (issue 17): 5,000 processes.  In a 16 MiB cgroup
# memtop says in one line that the limit is too small and exits 1: its
# own 10.6 MB and the kernel memory its /proc reads create, which the
# cgroup pays for (cgroup v1: 5.9 MB at 16 MiB, 14.9 MB at 24 MiB when
# the OOM killer struck), do not fit.  In a 64 MiB cgroup, for 14 refreshes a second
# apart -- past the 10 s after which a process gets its coarse levels,
# and through a periodic (renew) refresh -- it is not OOM-killed, says
# nothing, and lists every process: it reads its own limit at start,
# keeps only as many statm files open as a sixteenth of it allows (1,024
# here; 4,096 without a limit: 16 MiB of kernel memory), gives levels
# only while the history is within a quarter of it, and gives libproc2's
# per-process results back after each refresh.  The memory controller
# may be on cgroup v2 or v1 (both are tried).  The CSV goes through a
# pipe to a writer outside the cgroup: its page cache is not memtop's.
. "${0%/*}/lib.sh"

[ "$(id -u)" -eq 0 ] || skip "needs root to make a cgroup"
# ASan's shadow memory and quarantine alone are more than 16 MiB.
ldd "$MEMTOP" 2>/dev/null | grep -Eq 'lib(asan|tsan|msan)' \
    && skip "memtop is built with sanitizers: they alone need more than 16 MiB"
NPROC=5000
LIMIT=$((64 << 20))
REFRESHES=14
KEEP=$((LIMIT / 16 / 4096))

# make_cgroup [SUFFIX]: sets CG (a new cgroup with a memory limit of
# LIMIT), or returns 1.
make_cgroup() {
    local root path
    for root in /sys/fs/cgroup /sys/fs/cgroup/unified; do
        [ -f "$root/cgroup.controllers" ] || continue
        path=$(awk -F: '$1 == "0" {print $3}' /proc/self/cgroup)
        grep -qw memory "$root$path/cgroup.controllers" 2>/dev/null || continue
        CG="$root$path/memtop-test-$$${1:-}"
        mkdir "$CG" 2>/dev/null || continue
        if [ -f "$CG/memory.max" ] && echo $LIMIT >"$CG/memory.max" 2>/dev/null; then
            echo 0 >"$CG/memory.swap.max" 2>/dev/null
            return 0
        fi
        rmdir "$CG"
    done
    root=/sys/fs/cgroup/memory
    [ -f "$root/memory.limit_in_bytes" ] || return 1
    path=$(awk -F: '$2 ~ /(^|,)memory(,|$)/ {print $3}' /proc/self/cgroup)
    CG="$root${path%/}/memtop-test-$$${1:-}"
    mkdir "$CG" 2>/dev/null || return 1
    echo $LIMIT >"$CG/memory.limit_in_bytes" 2>/dev/null || { rmdir "$CG"; return 1; }
    echo $LIMIT >"$CG/memory.memsw.limit_in_bytes" 2>/dev/null
    return 0
}
make_cgroup || skip "cannot make a cgroup with a memory limit (no memory controller on v2 or v1 here)"
CGS=$CG
trap 'cleanup; rmdir $CGS 2>/dev/null' EXIT INT TERM

"$HELPERS/forkhold" $NPROC >"$TMP/hold.out" 2>&1 &
HOLD=$!
CHILDREN="$CHILDREN $HOLD"
for _ in $(seq 3000); do grep -q ready "$TMP/hold.out" && break; sleep 0.1; done
grep -q ready "$TMP/hold.out" || fail "forkhold did not start $NPROC processes: $(cat "$TMP/hold.out")"

( sh -c 'echo $$ >"$1/cgroup.procs" && echo $$ >"$2" && shift 2 && exec "$@"' sh "$CG" \
      "$TMP/pid" "$MEMTOP" -b -n $REFRESHES -d 1 -o csv 2>"$TMP/err"
  echo $? >"$TMP/rc" ) | cat >"$TMP/out.csv" &
P=$!
CHILDREN="$CHILDREN $P"
for _ in $(seq 600); do [ -s "$TMP/pid" ] && break; sleep 0.1; done
M=$(cat "$TMP/pid")
CHILDREN="$CHILDREN $M"
most=0
while kill -0 $M 2>/dev/null; do
    n=$(ls /proc/$M/fd 2>/dev/null | wc -l)
    [ "$n" -gt "$most" ] && most=$n
    sleep 0.2
done
wait $P
rc=$(cat "$TMP/rc")
# Other processes on a busy machine count too: past 12,000 in all (3 MiB
# + 5 KiB each is 61.6 MiB) memtop may rightly refuse, in one line.
if [ "$rc" -eq 1 ] && [ "$(ls -d /proc/[0-9]* | wc -l)" -gt 12000 ] &&
   grep -Eq '^memtop: memory limit: the cgroup allows 64\.0 MiB' "$TMP/err"; then
    ok "64 MiB cgroup, $NPROC processes and more than 7,000 others: $(cat "$TMP/err")"
    SKIP_LISTING=1
fi
[ "$rc" -eq 0 ] || [ -n "${SKIP_LISTING:-}" ] ||
    fail "in a 64 MiB cgroup with $NPROC processes: exit $rc$([ "$rc" -eq 137 ] && echo ' (OOM-killed)') $(cat "$TMP/err")"
if [ -z "${SKIP_LISTING:-}" ]; then
[ "$most" -le $((KEEP + 64)) ] || fail "$most descriptors open in a 64 MiB cgroup: want at most $KEEP kept statm files"
[ "$most" -ge $((KEEP / 2)) ] || fail "only $most descriptors open: the kept files were not used at all"
[ ! -s "$TMP/err" ] || fail "memtop said: $(cat "$TMP/err")"
"$PYTHON3" - "$TMP/out.csv" "$HOLD" $NPROC $REFRESHES <<'PY' || fail "the listing"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
times = sorted({r["time"] for r in rows})
assert len(times) == int(sys.argv[4]), len(times)
last = [r for r in rows if r["time"] == times[-1]]
kids = [r for r in last if r["ppid"] == sys.argv[2]]
assert len(kids) == int(sys.argv[3]), len(kids)
PY
ok "64 MiB cgroup, $NPROC processes, $REFRESHES refreshes: at most $most descriptors (kept files sized to the limit), every one listed"
fi

# Too small to work at all (16 MiB for 5,000 processes: README, "Small
# memory limits"): one line saying so and exit 1, not the OOM killer's 137.
LIMIT=$((16 << 20))
make_cgroup -small || fail "could make one cgroup with a memory limit but not a second"
CGS="$CGS $CG"
sh -c 'echo $$ >"$1/cgroup.procs" && shift && exec "$@"' sh "$CG" \
    "$MEMTOP" -b -n 3 -d 1 >"$TMP/small.out" 2>"$TMP/small.err"
rc=$?
[ $rc -eq 1 ] || fail "in a 16 MiB cgroup with $NPROC processes: exit $rc, want 1: $(cat "$TMP/small.err")"
grep -Eq '^memtop: memory limit: the cgroup allows 16\.0 MiB, [0-9]+ processes need about [0-9.]+ MiB' \
    "$TMP/small.err" || fail "in a 16 MiB cgroup, memtop said: $(cat "$TMP/small.err")"
[ "$(wc -l <"$TMP/small.err")" -eq 1 ] || fail "more than one line: $(cat "$TMP/small.err")"
[ ! -s "$TMP/small.out" ] || fail "a listing although the limit is too small"
ok "16 MiB cgroup, $NPROC processes: $(cat "$TMP/small.err")"
exit 0
