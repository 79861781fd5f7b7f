#!/bin/sh
# list_bench.sh - CPU per list refresh of memtop -b, top -b and the raw
# floor, side by side in one run, and memtop's peak RSS.
#
# For each N in $BENCH_N (default "0 1000 5000") idle processes are
# started (bench/spawn_idle, killed again by PID), then $BENCH_REPS
# rounds run, each round interleaving:
#   memtop -b -n 31 -d 0.1            (list view, default columns)
#   top -b -n 31 -d 0.1 -w 512
#   floor 31 0.1                      (same files as memtop, raw C)
#   floor -s 31 0.1                   (statm only: the SPEC's raw floor)
# CPU = user + system of the whole run (startup and first full read
# included) / 31, median over the rounds.  Then memtop's peak RSS with
# the default history (-H 150, 151 refreshes so the rings are full) at
# $BENCH_RSS_N (default "1000 10000") processes.
#
# Environment: MEMTOP (the binary), BENCH (dir of the built helpers).
set -eu

MEMTOP=${MEMTOP:-./src/memtop}
BENCH=${BENCH:-./bench}
NS=${BENCH_N:-0 1000 5000}
RSS_NS=${BENCH_RSS_N:-1000 10000}
REPS=${BENCH_REPS:-5}
ITERS=31
DELAY=0.1

tmp=$(mktemp -d)
spawner=
stop_spawner() {
    if [ -n "$spawner" ]; then
        kill "$spawner" 2>/dev/null || true
        wait "$spawner" 2>/dev/null || true
        spawner=
    fi
}
cleanup() { stop_spawner; rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# Starts N idle processes and waits until all are up.
spawn() {
    rm -f "$tmp/pids"
    "$BENCH/spawn_idle" "$1" "$tmp/pids" &
    spawner=$!
    while [ ! -e "$tmp/pids" ]; do
        kill -0 "$spawner" 2>/dev/null || { echo "spawn_idle $1 failed" >&2; exit 1; }
        sleep 0.1
    done
}

nprocs() { ls /proc | grep -c '^[0-9]'; }

# cpu_ms NAME CMD... : runs CMD under runstat, appends its CPU to $tmp/NAME.
cpu_ms() {
    name=$1; shift
    "$BENCH/runstat" "$@" 2>"$tmp/last" || { echo "$name failed: $(cat "$tmp/last")" >&2; exit 1; }
    cut -d' ' -f1 "$tmp/last" >>"$tmp/$name"
}

# Median of a file of numbers, divided by the iterations.
per_refresh() {
    sort -n "$1" | awk -v it=$ITERS '{ v[NR] = $1 }
        END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f", m / it }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r != "-" && r <= t) ? "ok" : "MISSED" }'; }

mkdir -p "$tmp/home"   # top reads no ~/.toprc: default settings
echo "memtop list refresh: CPU ms per refresh (user+sys / $ITERS refreshes, median of $REPS)"
printf '%-9s %8s %8s %8s %8s | %10s %12s %14s\n' processes memtop "top -b" floor statm \
    memtop/top memtop/floor memtop/statm
fails=0
for n in $NS; do
    spawn "$n"
    total=$(nprocs)
    rm -f "$tmp/memtop" "$tmp/top" "$tmp/floor" "$tmp/statm"
    r=0
    while [ $r -lt "$REPS" ]; do
        cpu_ms memtop "$MEMTOP" -b -n $ITERS -d $DELAY
        cpu_ms top env HOME="$tmp/home" top -b -n $ITERS -d $DELAY -w 512
        cpu_ms floor "$BENCH/floor" $ITERS $DELAY
        cpu_ms statm "$BENCH/floor" -s $ITERS $DELAY
        r=$((r + 1))
    done
    stop_spawner
    m=$(per_refresh "$tmp/memtop"); t=$(per_refresh "$tmp/top")
    f=$(per_refresh "$tmp/floor"); s=$(per_refresh "$tmp/statm")
    rt=$(ratio "$m" "$t"); rf=$(ratio "$m" "$f"); rs=$(ratio "$m" "$s")
    printf '%-9s %8s %8s %8s %8s | %10s %12s %14s\n' "$total" "$m" "$t" "$f" "$s" "$rt" "$rf" "$rs"
    if [ "$n" -ge 1000 ]; then
        echo "$total $rt $rs" >>"$tmp/targets"
    fi
done
echo
echo "targets (SPEC 9, at >= 1000 processes): memtop/top <= 0.50, memtop/statm <= 2.00"
if [ -e "$tmp/targets" ]; then
    while read -r total rt rs; do
        echo "  $total processes: memtop/top $rt $(verdict "$rt" 0.50), memtop/statm $rs $(verdict "$rs" 2.00)"
    done <"$tmp/targets"
fi

echo
echo "memtop peak RSS (-b -H 150 -n 151 -d $DELAY; target <= 16 MiB at 1000)"
for n in $RSS_NS; do
    spawn "$n"
    total=$(nprocs)
    "$BENCH/runstat" "$MEMTOP" -b -H 150 -n 151 -d $DELAY 2>"$tmp/last" || exit 1
    stop_spawner
    kib=$(cut -d' ' -f2 "$tmp/last")
    awk -v n="$total" -v k="$kib" 'BEGIN { printf "  %6d processes: %6.1f MiB\n", n, k / 1024 }'
done
