#!/bin/sh
# OOM-IN against a real kernel OOM kill (SPEC section 3.5): a 2 MiB/s
# leaker in a cgroup limited to 300 MiB, beside a process re-reading a
# large file in the same cgroup (page cache the kernel reclaims before
# it kills, so OOM-IN must count it as free).  30 s into the leak,
# memtop's OOM-IN must be within 10 % of the time the kernel really
# took to kill it, and inside its own oom_eta_low..oom_eta_high.
# cgroup v1 where the memory controller is on v1 (this kind of host),
# v2 where it is on v2; skipped with the reason when neither can be
# created (not root, no memory controller delegated).
. "${0%/*}/lib.sh"

LIMIT=$((300 * 1024 * 1024))
CG=""
if [ -w /sys/fs/cgroup/memory ] && [ -f /sys/fs/cgroup/memory/memory.limit_in_bytes ]; then
    CG=/sys/fs/cgroup/memory/memtop-oom-$$
    mkdir "$CG" || skip "cannot create a v1 memory cgroup"
    echo $LIMIT >"$CG/memory.limit_in_bytes" || skip "cannot set memory.limit_in_bytes"
    [ -f "$CG/memory.memsw.limit_in_bytes" ] && echo $LIMIT >"$CG/memory.memsw.limit_in_bytes"
    JOIN="$CG/cgroup.procs"
elif [ -w /sys/fs/cgroup/cgroup.subtree_control ] &&
     grep -qw memory /sys/fs/cgroup/cgroup.subtree_control 2>/dev/null; then
    CG=/sys/fs/cgroup/memtop-oom-$$
    mkdir "$CG" || skip "cannot create a v2 cgroup"
    echo $LIMIT >"$CG/memory.max" || skip "cannot set memory.max"
    [ -f "$CG/memory.swap.max" ] && echo 0 >"$CG/memory.swap.max"
    JOIN="$CG/cgroup.procs"
else
    skip "no writable memory cgroup (v1 or v2) to create a limit in"
fi
remove_cg() {
    for p in $(cat "$CG/cgroup.procs" 2>/dev/null); do kill -9 "$p" 2>/dev/null; done
    sleep 0.5
    rmdir "$CG" 2>/dev/null
}
trap 'cleanup; remove_cg' EXIT INT TERM

# The page-cache reader: a 200 MiB file on a disk file system (not
# tmpfs, whose pages are shared memory), read over and over.
DATA=$(mktemp -d /var/tmp/memtop-oom.XXXXXX)
trap 'cleanup; remove_cg; rm -rf "$DATA"' EXIT INT TERM
dd if=/dev/urandom of="$DATA/file" bs=1M count=200 status=none || skip "no room for 200 MiB in /var/tmp"
sh -c "echo \$\$ >$JOIN; while :; do cat '$DATA/file' >/dev/null; done" &
READER=$!
CHILDREN="$CHILDREN $READER"
sleep 3

sh -c "echo \$\$ >$JOIN; exec '$HELPERS/memhog' leak 2048" >"$TMP/leak.out" 2>&1 &
LEAKER=$!
CHILDREN="$CHILDREN $LEAKER"
T0=$(date +%s.%N)
"$MEMTOP" -b -d 1 -o json -p "$LEAKER" >"$TMP/run.json" 2>"$TMP/err" &
MT=$!
CHILDREN="$CHILDREN $MT"
wait $LEAKER
T_KILL=$(date +%s.%N)
kill $MT 2>/dev/null
grep -q ready "$TMP/leak.out" || fail "the leaker never started"
"$PYTHON3" - "$TMP/run.json" "$T0" "$T_KILL" "$LEAKER" <<'PY' || fail "OOM-IN"
import json, sys
t0, t_kill, pid = float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4])
snaps = []
for line in open(sys.argv[1]):
    try:
        snaps.append(json.loads(line))
    except ValueError:
        pass  # the line memtop was writing when killed
life = t_kill - t0
assert life > 60, f"killed after {life:.0f} s: not the limit's doing?"
at30 = [s for s in snaps if s["time"] - t0 >= 30]
assert at30, "no refresh 30 s in"
s = at30[0]
p = [p for p in s["processes"] if p["pid"] == pid][0]
assert p["verdict"] in ("growing", "leak"), p
assert p["oom_limit"] == "cgroup", p
eta, real = p["oom_eta"], t_kill - s["time"]
err = (eta - real) / real
print(f"30 s in: OOM-IN {eta:.0f} s ({p['oom_eta_low']:.0f}..{p['oom_eta_high']:.0f}), "
      f"killed {real:.0f} s later: {100 * err:+.1f} %")
assert abs(err) <= 0.10, f"OOM-IN off by {100 * err:+.1f} %"
PY
ok "OOM-IN within 10 % of the kernel's OOM kill in $CG"
exit 0
