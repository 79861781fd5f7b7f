#!/bin/bash
# record_bench.sh - how many bytes a recording costs per process per
# snapshot on this machine (SPEC target: <= 16 on a steady system).
#
#   bench/record_bench.sh [FRAMES [DELAY [IDLE]]]
#
# Records FRAMES snapshots (default 120) every DELAY seconds (default
# 0.5) of every process, optionally after starting IDLE extra idle
# processes (default 0), then reads the file back and prints the size
# per process-snapshot overall and for delta frames alone (a keyframe,
# the whole table in full, comes every 60 frames).
set -eu
cd "$(dirname "$0")/.."
MEMTOP=${MEMTOP:-src/memtop}
FRAMES=${1:-120}
DELAY=${2:-0.5}
IDLE=${3:-0}
TMP=$(mktemp -d "${TMPDIR:-/tmp}/memtop-bench.XXXXXX")
PIDS=""
trap 'for p in $PIDS; do kill $p 2>/dev/null; done; rm -rf "$TMP"' EXIT
for _ in $(seq "$IDLE"); do sleep 3600 & PIDS="$PIDS $!"; done

"$MEMTOP" -b -n "$FRAMES" -d "$DELAY" -o csv -w "$TMP/bench.rec" >/dev/null
"$MEMTOP" -b -K -o json -r "$TMP/bench.rec" >"$TMP/replay.json"
python3 - "$TMP/bench.rec" "$TMP/replay.json" <<'PY'
import json, struct, sys
data = open(sys.argv[1], "rb").read()
off = struct.unpack_from("<I", data, 12)[0]
frames = []
while off + 12 <= len(data):
    sf = struct.unpack_from("<I", data, off)[0]
    size = sf & 0x3fffffff
    frames.append((bool(sf >> 31), 12 + size))
    off += 12 + size
procs = [len(json.loads(l)["processes"]) for l in open(sys.argv[2])]
assert len(procs) == len(frames), (len(procs), len(frames))
total = sum(n for _, n in frames)
deltas = [(n, p) for (k, n), p in zip(frames, procs) if not k]
print("frames: %d (%d keyframes), processes per frame: %d..%d" %
      (len(frames), len(frames) - len(deltas), min(procs), max(procs)))
print("file: %d bytes (header %d)" % (len(data), struct.unpack_from("<I", data, 12)[0]))
print("bytes per process-snapshot, all frames:   %.2f" % (total / sum(procs)))
if deltas:
    print("bytes per process-snapshot, delta frames: %.2f" %
          (sum(n for n, _ in deltas) / sum(p for _, p in deltas)))
keys = [(n, p) for (k, n), p in zip(frames, procs) if k]
print("bytes per process, keyframes:             %.2f" %
      (sum(n for n, _ in keys) / sum(p for _, p in keys)))
PY
