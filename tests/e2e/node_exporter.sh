#!/bin/bash
# The fleet path end to end: memtop --textfile into the directory of a
# real prometheus-node-exporter's textfile collector; a scrape over HTTP
# shows the leaking child as memtop_process_leak_suspected 1 and the
# collector reports no parse error.
. "${0%/*}/lib.sh"

NE=$(command -v prometheus-node-exporter || command -v node_exporter) \
    || skip "prometheus-node-exporter is not installed (Debian package prometheus-node-exporter)"

spawn leak leak 1024
LEAKER=$SPAWNED
spawn steady hold 16
STEADY=$SPAWNED

mkdir "$TMP/textfile"
# Only the two children: a small exposition, and a quick verdict
# (8 samples over 4 s at -d 0.5).
"$MEMTOP" --textfile "$TMP/textfile/memtop.prom" -d 0.5 --leak-age=5 -p "$LEAKER,$STEADY" \
    --leak-samples=8 --leak-span=3 2>"$TMP/memtop.err" &
CHILDREN="$CHILDREN $!"

# A free port: bind to 0, read it back, release it (a tiny race with
# other programs picking the same port; retried below).
start_exporter() {
    PORT=$("$PYTHON3" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    "$NE" --web.listen-address="127.0.0.1:$PORT" --collector.disable-defaults \
        --collector.textfile --collector.textfile.directory="$TMP/textfile" \
        >"$TMP/ne.log" 2>&1 &
    NEPID=$!
    CHILDREN="$CHILDREN $NEPID"
}

# scrape: the metrics page, or nothing.
scrape() {
    "$PYTHON3" -c 'import sys, urllib.request
try:
    sys.stdout.write(urllib.request.urlopen("http://127.0.0.1:%s/metrics" % sys.argv[1], timeout=5).read().decode())
except Exception as e:
    sys.exit(1)' "$PORT"
}

for attempt in 1 2 3; do
    start_exporter
    for _ in $(seq 50); do scrape >/dev/null && break; sleep 0.1; done
    scrape >/dev/null && break
    kill "$NEPID" 2>/dev/null
    [ "$attempt" -eq 3 ] && fail "node_exporter did not serve: $(tail -3 "$TMP/ne.log")"
done

found=""
for _ in $(seq 60); do
    scrape >"$TMP/metrics" || true
    if grep -Eq "^memtop_process_leak_suspected\{command=\"memhog\",pid=\"$LEAKER\",user=\"[^\"]*\"\} 1$" "$TMP/metrics"; then
        found=yes
        break
    fi
    sleep 0.5
done
[ -n "$found" ] || fail "no leak for $LEAKER after 30 s: $(grep -E 'leak_suspected|textfile' "$TMP/metrics" | head; cat "$TMP/memtop.err")"
grep -qx "node_textfile_scrape_error 0" "$TMP/metrics" || fail "textfile scrape error: $(grep textfile "$TMP/metrics")"
grep -Eq "^memtop_process_leak_suspected\{command=\"memhog\",pid=\"$STEADY\",user=\"[^\"]*\"\} 0$" "$TMP/metrics" \
    || fail "steady $STEADY not served as 0"
# (OOM-IN has no point estimate this early: the machine's headroom lies
# beyond 10x the seconds of growth seen; the verdict v2's growing is there)
grep -Eq "^memtop_process_growing\{command=\"memhog\",pid=\"$LEAKER\",user=\"[^\"]*\"\} 1$" "$TMP/metrics" \
    || fail "the leaker not served as growing"
grep -Eq "^memtop_leak_suspected_processes [1-9][0-9]*$" "$TMP/metrics" || fail "memtop_leak_suspected_processes: $(grep ^memtop_leak_suspected_processes "$TMP/metrics")"
# (system-wide: other leaking processes on this machine count too)
[ ! -s "$TMP/memtop.err" ] || fail "memtop said: $(cat "$TMP/memtop.err")"
ok "node_exporter serves memtop_process_leak_suspected{pid=\"$LEAKER\"} 1, node_textfile_scrape_error 0"
exit 0
