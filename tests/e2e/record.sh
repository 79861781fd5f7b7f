#!/bin/bash
# Record and replay: a replay prints what the live run printed, verdicts
# included; a killed recorder's file replays; torn tails warn, garbage
# and corruption are rejected with their byte offset; appends, ENOSPC,
# symlinks and foreign files.
. "${0%/*}/lib.sh"

REC="$TMP/run.rec"

# GROWS-IN (growth_class) reads live smaps, which a recording does not
# hold: a replay says null.  live_only FILE blanks it in JSON lines.
live_only() { sed -i 's/"growth_class":"[a-z]*"/"growth_class":null/g' "$1"; }

# A leaker among everything else: with a short leak span the verdict
# comes within the 24 frames, and replay must find it again offline.
spawn leak leak 2048
LEAKER=$SPAWNED
LEAKOPTS="--leak-samples=8 --leak-span=1.5 --leak-age=1"   # verdict v2: growing, then leak after 1 s
"$MEMTOP" -b -d 0.25 -n 24 -o csv $LEAKOPTS -w "$REC" >"$TMP/live.csv" 2>"$TMP/err" \
    || fail "recording run: exit $? ($(cat "$TMP/err"))"
[ ! -s "$TMP/err" ] || fail "recording run printed: $(cat "$TMP/err")"
"$MEMTOP" -b -o csv $LEAKOPTS -r "$REC" >"$TMP/replay.csv" 2>"$TMP/err" \
    || fail "replay: exit $? ($(cat "$TMP/err"))"
[ ! -s "$TMP/err" ] || fail "replay printed: $(cat "$TMP/err")"
# The same rows but for growth_class (live only: a replay has no smaps
# to read) and OOM-IN of processes in a limited cgroup (the live run
# reads their cgroup's headroom, a replay cannot read the recorded
# machine's cgroups): oom_cgroup.sh may be running beside us.
"$PYTHON3" - "$TMP/live.csv" "$TMP/replay.csv" <<'PY' \
    || fail "replayed CSV differs: $(diff "$TMP/live.csv" "$TMP/replay.csv" | head -5)"
import csv, sys
a = list(csv.DictReader(open(sys.argv[1], newline="")))
b = list(csv.DictReader(open(sys.argv[2], newline="")))
for x, y in zip(a, b):
    x["growth_class"] = ""
    if x["oom_limit"] == "cgroup":
        for k in ("oom_eta", "oom_limit", "oom_eta_low", "oom_eta_high"):
            x[k] = y[k] = "?"
bad = [(x, y) for x, y in zip(a, b) if x != y]
assert len(a) == len(b) and not bad, bad[:2]
PY
"$PYTHON3" - "$TMP/replay.csv" "$LEAKER" <<'PY' || fail "replayed CSV content"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
times = sorted({r["time"] for r in rows})
assert len(times) == 24, len(times)
last = [r for r in rows if r["time"] == times[-1] and r["pid"] == sys.argv[2]]
assert last and last[0]["leak"] == "true", last
assert len({r["pid"] for r in rows}) >= 3   # every process, not just the leaker
PY
ok "24 recorded snapshots replay as the same CSV rows, LEAK? recomputed"

# The other writers too: live and replayed output are the same bytes.
for fmt in json text openmetrics; do
    "$MEMTOP" -b -d 0.2 -n 4 -o $fmt -w "$TMP/$fmt.rec" >"$TMP/live.$fmt" || fail "live -o $fmt"
    "$MEMTOP" -b -o $fmt -r "$TMP/$fmt.rec" >"$TMP/replay.$fmt" || fail "replay -o $fmt"
    live_only "$TMP/live.$fmt"
    cmp -s "$TMP/live.$fmt" "$TMP/replay.$fmt" \
        || fail "replayed $fmt differs: $(diff "$TMP/live.$fmt" "$TMP/replay.$fmt" | head -5)"
done
"$MEMTOP" -b -o openmetrics $LEAKOPTS -r "$REC" >"$TMP/a.openmetrics" || fail "replay -o openmetrics"
grep -q "memtop_process_leak_suspected{pid=\"$LEAKER\",.*} 1" "$TMP/a.openmetrics" \
    || fail "replayed OpenMetrics has no leak for $LEAKER"
n=$("$MEMTOP" -b -o json -n 5 -r "$REC" | wc -l)
[ "$n" -eq 5 ] || fail "-n 5 replayed $n frames"
ok "json, text and openmetrics replay byte for byte; -n limits frames"

# SIGKILL at some instant: whatever is on disk replays (at most the
# frame in flight is lost, reported as a torn frame).
"$MEMTOP" -b -d 0.1 -w "$TMP/killed.rec" >/dev/null 2>&1 &
KP=$!
# Kill it once 5 frames are on disk (reading a file being written is
# fine: at worst its last frame is still torn).
for _ in $(seq 200); do
    n=$("$MEMTOP" -b -o json -r "$TMP/killed.rec" 2>/dev/null | wc -l)
    [ "$n" -ge 5 ] && break
    sleep 0.1
done
kill -9 $KP
wait $KP 2>/dev/null
"$MEMTOP" -b -o json -r "$TMP/killed.rec" >"$TMP/killed.json" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 0 ] || fail "killed recording: exit $rc ($(cat "$TMP/err"))"
[ "$(wc -l <"$TMP/killed.json")" -ge 5 ] || fail "killed recording: $(wc -l <"$TMP/killed.json") frames"
ok "a SIGKILLed recorder's file replays ($(wc -l <"$TMP/killed.json") frames)"

# Cut mid-frame: one warning naming the byte, the intact frames, exit 0.
size=$(stat -c %s "$REC")
head -c $((size - 7)) "$REC" >"$TMP/torn.rec"
"$MEMTOP" -b -o json -r "$TMP/torn.rec" >"$TMP/torn.json" 2>"$TMP/err"
rc=$?
[ "$rc" -eq 0 ] || fail "torn: exit $rc"
[ "$(wc -l <"$TMP/torn.json")" -eq 23 ] || fail "torn: $(wc -l <"$TMP/torn.json") frames, want 23"
grep -Eqx "memtop: $TMP/torn.rec: torn frame at byte [0-9]+, replayed 23 frames" "$TMP/err" \
    || fail "torn said: $(cat "$TMP/err")"
ok "torn tail: warning, 23 frames, exit 0"

# Random bytes; a good header followed by garbage; a flipped byte.
head -c 4096 /dev/urandom >"$TMP/random.bin"
expect_exit 1 "$TMP/random.bin: not a memtop recording" -b -r "$TMP/random.bin"
hsize=$("$PYTHON3" -c 'import sys,struct; print(struct.unpack_from("<I", open(sys.argv[1],"rb").read(), 12)[0])' "$REC")
# (fixed pseudo-random bytes: random ones could, rarely, look like a torn frame)
"$PYTHON3" -c 'import random,sys; random.seed(1); sys.stdout.buffer.write(open(sys.argv[1],"rb").read()[:int(sys.argv[2])] + bytes(random.randrange(256) for _ in range(4096)))' \
    "$REC" "$hsize" >"$TMP/garbage.rec"
expect_exit 1 "$TMP/garbage.rec: corrupt frame at byte $hsize" -b -r "$TMP/garbage.rec"
cp "$REC" "$TMP/flipped.rec"
printf '\377\377\377' | dd of="$TMP/flipped.rec" bs=1 seek=$((hsize + 40)) conv=notrunc 2>/dev/null
expect_exit 1 "$TMP/flipped.rec: corrupt frame at byte $hsize" -b -r "$TMP/flipped.rec"
: >"$TMP/empty"
expect_exit 1 "$TMP/empty: not a memtop recording" -b -r "$TMP/empty"
expect_exit 1 "$TMP/nope.rec: No such file or directory" -b -r "$TMP/nope.rec"
ok "random bytes, garbage frames and corruption: exit 1 naming the byte"

# Appending: a second run adds its frames after the first's.
"$MEMTOP" -b -n 3 -d 0.1 -w "$TMP/two.rec" >/dev/null || fail "first append run"
"$MEMTOP" -b -n 2 -d 0.1 -w "$TMP/two.rec" >/dev/null || fail "second append run"
[ "$("$MEMTOP" -b -o json -r "$TMP/two.rec" | wc -l)" -eq 5 ] || fail "append: not 5 frames"
# ... and a torn tail left by a crash is cut off first, with a warning.
head -c $(($(stat -c %s "$TMP/two.rec") - 3)) "$TMP/two.rec" >"$TMP/three.rec"
"$MEMTOP" -b -n 1 -w "$TMP/three.rec" >/dev/null 2>"$TMP/err" || fail "append after torn tail"
grep -q "torn frame at byte .* removed before appending" "$TMP/err" || fail "no torn warning: $(cat "$TMP/err")"
"$MEMTOP" -b -o json -r "$TMP/three.rec" >"$TMP/three.json" 2>"$TMP/err" || fail "replay after repair"
[ ! -s "$TMP/err" ] && [ "$(wc -l <"$TMP/three.json")" -eq 5 ] || fail "after repair: $(wc -l <"$TMP/three.json") frames, $(cat "$TMP/err")"
ok "appending, and repairing a torn tail before appending"

# Files it must not write to.
echo "precious" >"$TMP/notes.txt"
expect_exit 1 "-w $TMP/notes.txt: not a memtop recording (refusing to append to it)" \
    -b -n 1 -w "$TMP/notes.txt"
[ "$(cat "$TMP/notes.txt")" = precious ] || fail "notes.txt was changed"
ln -s "$TMP/target.rec" "$TMP/link.rec"
expect_exit 1 "-w $TMP/link.rec: is a symbolic link (not followed)" -b -n 1 -w "$TMP/link.rec"
[ ! -e "$TMP/target.rec" ] || fail "symlink target created"
if [ -w /dev/full ]; then
    expect_exit 1 "-w /dev/full: No space left on device" -b -n 1 -w /dev/full
fi
expect_exit 1 "-w $REC: the file being replayed" -b -r "$REC" -w "$REC"
expect_exit 1 "-w $TMP/../${TMP##*/}/run.rec: the file being replayed" -b -r "$REC" -w "$TMP/../${TMP##*/}/run.rec"
ok "refuses foreign files, symlinks, a full disk, and recording over the replay"

# A closed stdout is not handed to the recording: the first file opened
# would get descriptor 1, and the JSON meant for stdout would land in it.
"$MEMTOP" -b -o json -r "$REC" -w "$TMP/copy.rec" >&- 2>"$TMP/err"
rc=$?
[ $rc -eq 1 ] || fail "closed stdout with -w: exit $rc, want 1 ($(cat "$TMP/err"))"
grep -q "^memtop: write error: " "$TMP/err" || fail "closed stdout with -w said: $(cat "$TMP/err")"
! grep -q '"processes"' "$TMP/copy.rec" || fail "stdout's JSON went into the recording"
"$MEMTOP" -b -o json -r "$TMP/copy.rec" >/dev/null 2>"$TMP/err" || fail "copy.rec: $(cat "$TMP/err")"
ok "closed stdout: an error, and the recording holds no JSON"

# A real filesystem filling up: a 64 KiB tmpfs in a private mount
# namespace (the host sees nothing).  The recorder stops with ENOSPC,
# exit 1, and what it wrote before still replays.
if [ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null; then
    mkdir "$TMP/tiny"
    unshare -m --propagation private sh -c "
        mount -t tmpfs -o size=64k tmpfs '$TMP/tiny' 2>/dev/null || exit 77
        '$MEMTOP' -b -d 0.1 -n 600 -K -w '$TMP/tiny/rec' >/dev/null 2>'$TMP/tiny.err'
        echo \$? >'$TMP/tiny.rc'
        cp '$TMP/tiny/rec' '$TMP/tiny.rec'"
    if [ $? -ne 77 ]; then
        [ "$(cat "$TMP/tiny.rc")" = 1 ] || fail "full tmpfs: exit $(cat "$TMP/tiny.rc")"
        grep -q "^memtop: -w $TMP/tiny/rec: No space left on device" "$TMP/tiny.err" \
            || fail "full tmpfs said: $(cat "$TMP/tiny.err")"
        "$MEMTOP" -b -r "$TMP/tiny.rec" -o csv >/dev/null 2>"$TMP/tiny-replay.err" \
            || fail "the filled recording does not replay: $(cat "$TMP/tiny-replay.err")"
        ok "ENOSPC on a tiny tmpfs: exit 1 with the reason; the file replays"
    fi
fi
exit 0
