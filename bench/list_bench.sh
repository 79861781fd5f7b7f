#!/bin/sh
# list_bench.sh - CPU per list refresh of memtop -b, top -b, btop and the
# raw floor, side by side in one run, and memtop's peak RSS.
#
# For each N in $BENCH_N (default "0 1000 5000") idle processes are
# started (bench/spawn_idle, killed again by PID), then $BENCH_REPS
# (default 5) rounds run, each round interleaving:
#   memtop -b -n 31 -d 0.1            (list view, default columns)
#   top -b -n 31 -d 0.1 -w 512        (default fields, no ~/.toprc)
#   btop, 3.1 s at update_ms=100 in a 200x50 tmux pane (~31 refreshes;
#         btop has no batch mode; at N >= 1000 only, where the targets
#         are; skipped when btop or tmux is missing)
#   floor 31 0.1                      (memtop's files, raw C)
#   floor -s 31 0.1                   (statm only: the SPEC's raw floor)
#   memtop -b --pss ...               (at N = 1000 only: what --pss costs)
# CPU = user + system of the whole run (startup and first full read
# included) / 31, median over the rounds.  Then memtop's peak RSS with
# the default history (-H 150, 151 refreshes so the rings are full) at
# $BENCH_RSS_N (default "1000 10000") processes, and the slope between
# them: memory per process; and the kernel memory its kept statm files
# hold (statm.h): their number and the unreclaimable slab's growth
# while memtop runs.
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
session=memtop-bench-$$
stop_spawner() {
    if [ -n "$spawner" ]; then
        kill "$spawner" 2>/dev/null || true
        wait "$spawner" 2>/dev/null || true
        spawner=
    fi
}
cleanup() {
    stop_spawner
    tmux kill-session -t "$session" 2>/dev/null || true
    rm -rf "$tmp"
}
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
unreclaim() { awk '$1 == "SUnreclaim:" { print $2 }' /proc/meminfo; }

# cpu_ms NAME CMD... : runs CMD under runstat, appends its CPU to $tmp/NAME.
cpu_ms() {
    name=$1; shift
    "$BENCH/runstat" "$@" 2>"$tmp/last" || { echo "$name failed: $(cat "$tmp/last")" >&2; exit 1; }
    cut -d' ' -f1 "$tmp/last" >>"$tmp/$name"
}

# btop needs a terminal: run it in a detached tmux pane for 3.1 s.
have_btop=no
if command -v btop >/dev/null && command -v tmux >/dev/null; then
    have_btop=yes
    mkdir -p "$tmp/bhome/.config/btop"
    printf 'update_ms = 100\nshown_boxes = "proc"\n' >"$tmp/bhome/.config/btop/btop.conf"
fi
cpu_btop() {
    rm -f "$tmp/bt"
    tmux new-session -d -s "$session" -x 200 -y 50 \
        "HOME='$tmp/bhome' '$BENCH/runstat' -t timeout --foreground -s INT 3.1 btop 2>'$tmp/bt'"
    while tmux has-session -t "$session" 2>/dev/null; do sleep 0.2; done
    [ -s "$tmp/bt" ] || { echo "btop run failed" >&2; exit 1; }
    cut -d' ' -f1 "$tmp/bt" >>"$tmp/btop"
}

# Median of a file of numbers, divided by the iterations.
per_refresh() {
    [ -s "$1" ] || { printf -- -; return; }
    sort -n "$1" | awk -v it=$ITERS '{ v[NR] = $1 }
        END { m = NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2; printf "%.2f", m / it }'
}

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a != "-" && b != "-" && b > 0) printf "%.2f", a / b; else print "-" }'; }
verdict() { awk -v r="$1" -v t="$2" 'BEGIN { print (r == "-") ? "n/a" : (r <= t) ? "ok" : "MISSED" }'; }

mkdir -p "$tmp/home"   # top reads no ~/.toprc: default settings
echo "memtop list refresh: CPU ms per refresh (user+sys / $ITERS refreshes, median of $REPS)"
fmt='%-9s %7s %7s %7s %7s %7s | %6s %6s %6s %6s %6s\n'
printf "$fmt" processes memtop "top -b" btop floor statm \
    m/top m/btop m/flr m/stm flr/top
for n in $NS; do
    spawn "$n"
    total=$(nprocs)
    rm -f "$tmp/memtop" "$tmp/top" "$tmp/btop" "$tmp/floor" "$tmp/statm" "$tmp/pss"
    r=0
    while [ $r -lt "$REPS" ]; do
        cpu_ms memtop "$MEMTOP" -b -n $ITERS -d $DELAY
        cpu_ms top env HOME="$tmp/home" top -b -n $ITERS -d $DELAY -w 512
        [ $have_btop = yes ] && [ "$n" -ge 1000 ] && cpu_btop
        cpu_ms floor "$BENCH/floor" $ITERS $DELAY
        cpu_ms statm "$BENCH/floor" -s $ITERS $DELAY
        [ "$n" -eq 1000 ] && cpu_ms pss "$MEMTOP" -b --pss -n $ITERS -d $DELAY
        r=$((r + 1))
    done
    stop_spawner
    m=$(per_refresh "$tmp/memtop"); t=$(per_refresh "$tmp/top"); b=$(per_refresh "$tmp/btop")
    f=$(per_refresh "$tmp/floor"); s=$(per_refresh "$tmp/statm")
    rt=$(ratio "$m" "$t"); rb=$(ratio "$m" "$b"); rs=$(ratio "$m" "$s")
    printf "$fmt" "$total" "$m" "$t" "$b" "$f" "$s" "$rt" "$rb" "$(ratio "$m" "$f")" "$rs" \
        "$(ratio "$f" "$t")"
    if [ -s "$tmp/pss" ]; then
        p=$(per_refresh "$tmp/pss")
        echo "$total $p $(ratio "$p" "$m")" >"$tmp/pssline"
    fi
    if [ "$n" -ge 1000 ]; then
        echo "$total $rt $rb $rs" >>"$tmp/targets"
    fi
done
echo "(m = memtop, flr = floor: memtop's files read by plain C, stm = statm-only floor;"
echo " btop = its CPU over 3.1 s / 31: a lower bound once a btop refresh takes > 100 ms)"
if [ -e "$tmp/pssline" ]; then
    read -r total p rp <"$tmp/pssline"
    echo "memtop --pss at $total processes: $p ms per refresh, ${rp}x memtop without it"
fi
echo
echo "targets (SPEC 9): memtop/top <= 0.50, memtop/btop < 1, memtop/statm <= 2.00"
if [ -e "$tmp/targets" ]; then
    while read -r total rt rb rs; do
        echo "  $total processes: memtop/top $rt $(verdict "$rt" 0.50)," \
            "memtop/btop $rb $(verdict "$rb" 0.999), memtop/statm $rs $(verdict "$rs" 2.00)"
    done <"$tmp/targets"
fi

echo
echo "memtop peak RSS (-b -H 150 -n 151 -d $DELAY; target <= 16 MiB at 1000)"
for n in $RSS_NS; do
    spawn "$n"
    total=$(nprocs)
    # Meanwhile: the statm files it keeps open, and the unreclaimable
    # slab they hold (kernel memory, not in memtop's RSS).
    slab0=$(unreclaim)
    "$BENCH/runstat" "$MEMTOP" -b -H 150 -n 151 -d $DELAY >/dev/null 2>"$tmp/last" &
    rs=$!
    sleep 5
    kept=$(ls -l /proc/"$(pgrep -P $rs | head -1)"/fd 2>/dev/null | grep -c '/statm$' || true)
    slab1=$(unreclaim)
    wait $rs || { echo "memtop failed: $(cat "$tmp/last")" >&2; exit 1; }
    stop_spawner
    kib=$(cut -d' ' -f2 "$tmp/last")
    echo "$total $kib" >>"$tmp/rss"
    awk -v n="$total" -v k="$kib" -v f="$kept" -v d=$((slab1 - slab0)) 'BEGIN {
        printf "  %6d processes: %6.1f MiB; kernel: %d statm files kept, slab %+.1f MiB\n",
            n, k / 1024, f, d / 1024 }'
done
awk 'NR == 1 { n0 = $1; k0 = $2 } END { if (NR > 1 && $1 > n0)
    printf "  per process: %.0f bytes (slope between the two)\n", ($2 - k0) * 1024 / ($1 - n0) }' "$tmp/rss"
"$BENCH/history_bytes" 150 600
