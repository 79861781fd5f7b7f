#!/bin/sh
# A process storm (1,000 short-lived processes per storm-second, at up to
# 1,500 a second: a busy machine takes longer, never fewer) while memtop
# refreshes every 100 ms (the fastest -d allows): no crash, no error line, its own RSS flat.
# CHURN_SECONDS sets the length (make check: 10; make soak: 60).
. "${0%/*}/lib.sh"
secs=${CHURN_SECONDS:-10}
# Under ASan, freed memory sits in a quarantine that would read as
# growth; leaks proper are LeakSanitizer's to find.  (Ignored otherwise.)
export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0"

"$MEMTOP" -b -d 0.1 -o json >/dev/null 2>"$TMP/err" &
M=$!
CHILDREN="$CHILDREN $M"
sleep 1.5
rss_start=$(awk '/^VmRSS/ {print $2}' "/proc/$M/status")
"$HELPERS/storm" 1500 $(( secs * 1000 )) >"$TMP/storm.out" || fail "storm failed"
forked=$(awk '{print $2}' "$TMP/storm.out")
took=$(awk '{print $4}' "$TMP/storm.out")
[ "$forked" -eq $(( secs * 1000 )) ] || fail "storm forked $forked, want $(( secs * 1000 ))"
sleep 1
kill -0 "$M" 2>/dev/null || fail "memtop died during the storm: $(cat "$TMP/err")"
rss_end=$(awk '/^VmRSS/ {print $2}' "/proc/$M/status")
kill -TERM "$M"
wait "$M"
rc=$?
[ $rc -eq 0 ] || fail "memtop exit $rc after SIGTERM"
[ ! -s "$TMP/err" ] || fail "memtop said: $(head -5 "$TMP/err")"
# Flat: no more than 4 MiB or 25 % above where it started.
limit=$(( rss_start + 4096 > rss_start * 5 / 4 ? rss_start + 4096 : rss_start * 5 / 4 ))
[ "$rss_end" -le "$limit" ] || fail "RSS grew from $rss_start to $rss_end KiB"
ok "$forked processes in $took s: no crash, no errors, RSS $rss_start -> $rss_end KiB"
exit 0
