#!/bin/bash
# Recordings under stress: a second recorder on the same file is refused
# (they would interleave their deltas), a recording truncated while it
# is replayed ends in an error instead of SIGBUS, and a small crafted
# recording that would inflate into hundreds of MiB is refused with a
# message instead of eating the memory.
. "${0%/*}/lib.sh"

REC="$TMP/one.rec"

# Two recorders: the first holds the file; the second says so, exit 1,
# and the first's recording replays whole.
"$MEMTOP" -b -d 0.1 -w "$REC" >/dev/null 2>"$TMP/first.err" &
FIRST=$!
CHILDREN="$CHILDREN $FIRST"
for _ in $(seq 600); do
    [ "$("$MEMTOP" -b -o json -r "$REC" 2>/dev/null | wc -l)" -ge 2 ] && break
    sleep 0.1
done
"$MEMTOP" -b -n 3 -d 0.1 -w "$REC" >/dev/null 2>"$TMP/err" </dev/null
rc=$?
[ $rc -eq 1 ] || fail "second recorder: exit $rc, want 1 ($(cat "$TMP/err"))"
grep -qx "memtop: -w $REC: another memtop is recording into it (refusing a second writer)" "$TMP/err" \
    || fail "second recorder said: $(cat "$TMP/err")"
kill -TERM $FIRST
wait $FIRST
[ ! -s "$TMP/first.err" ] || fail "first recorder said: $(cat "$TMP/first.err")"
"$MEMTOP" -b -o json -r "$REC" >"$TMP/one.json" 2>"$TMP/err" || fail "replay: $(cat "$TMP/err")"
[ ! -s "$TMP/err" ] || fail "replay said: $(cat "$TMP/err")"
# Once the first has stopped, the file takes a new recorder again.
"$MEMTOP" -b -n 1 -w "$REC" >/dev/null || fail "recording after the first stopped"
ok "a second recorder is refused; the first's recording replays ($(wc -l <"$TMP/one.json") frames)"

# Truncated while replayed: memtop writes into a pipe nobody reads, so it
# blocks with frames still to go; the file is cut back to its header;
# then the pipe is drained.  Exit 1 naming the shrink, never SIGBUS.
# 40 frames of 300 processes: each JSON line is larger than a pipe holds.
"$PYTHON3" "${0%/*}/mkrec.py" "$TMP/long.rec" 300 40 300 || fail "mkrec.py"
"$PYTHON3" - "$MEMTOP" "$TMP/long.rec" <<'PY' || fail "truncated during replay"
import array, fcntl, os, struct, subprocess, sys, termios, time
memtop, rec = sys.argv[1], sys.argv[2]
hsize = struct.unpack_from("<I", open(rec, "rb").read(16), 12)[0]
p = subprocess.Popen([memtop, "-b", "-o", "json", "-r", rec],
                     stdout=subprocess.PIPE, stderr=subprocess.PIPE)
# Blocked: the pipe holds all it can (generous: the machine may be busy).
fd = p.stdout.fileno()
size = fcntl.fcntl(fd, 1032)                        # F_GETPIPE_SZ
buf = array.array("i", [0])
for _ in range(6000):
    fcntl.ioctl(fd, termios.FIONREAD, buf)
    if buf[0] >= size or p.poll() is not None:
        break
    time.sleep(0.05)
assert p.poll() is None and buf[0] >= size, "memtop never filled the pipe"
time.sleep(0.2)
os.truncate(rec, hsize)
out, err = p.communicate(timeout=300)
err = err.decode()
assert p.returncode == 1, (p.returncode, err)       # 135 / -7 was SIGBUS
assert "the file shrank while being replayed" in err, err
assert err.count("\n") == 1, err
PY
ok "a recording truncated while replayed: exit 1 with a message, no SIGBUS"

# An amplifying recording: 24,000 processes with 4 KiB command lines of
# "a" (zlib makes them 1,000 times smaller), a keyframe and deltas of two
# bytes a process: ~140 KB on disk, ~100 MiB a snapshot.  Refused with
# the limit named.
"$PYTHON3" "${0%/*}/mkrec.py" "$TMP/amp.rec" 24000 3 4096 || fail "mkrec.py"
size=$(stat -c %s "$TMP/amp.rec")
[ "$size" -lt 300000 ] || fail "amp.rec is $size bytes: not the small file meant"
"$MEMTOP" -b -o csv -n 1 -r "$TMP/amp.rec" >/dev/null 2>"$TMP/err"
rc=$?
[ $rc -eq 1 ] || fail "amplifying recording: exit $rc, want 1 ($(cat "$TMP/err"))"
grep -Eqx "memtop: $TMP/amp.rec: frame at byte [0-9]+ needs more than [0-9]+ MiB, the limit for a $size-byte recording \(64 MiB \+ 256 times its size\): refused" \
    "$TMP/err" || fail "amplifying recording said: $(cat "$TMP/err")"
# The same shape at a size an honest machine has (200 such processes) replays.
"$PYTHON3" "${0%/*}/mkrec.py" "$TMP/ok.rec" 200 3 4096 || fail "mkrec.py"
[ "$("$MEMTOP" -b -o json -r "$TMP/ok.rec" | wc -l)" -eq 3 ] || fail "200 long command lines do not replay"
ok "an amplifying recording ($size bytes) is refused with its limit; 200 long command lines replay"
exit 0
