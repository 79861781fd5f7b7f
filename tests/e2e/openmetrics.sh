#!/bin/bash
# OpenMetrics: promtool accepts every exposition, a hostile process name
# is escaped, the locale changes nothing, and --textfile replaces its
# file atomically and leaves no temporaries.
. "${0%/*}/lib.sh"

if ! command -v promtool >/dev/null 2>&1; then
    echo "SKIP: promtool is not installed (Debian package prometheus): the expositions are not validated"
    PROMTOOL=""
else
    PROMTOOL=promtool
fi

# promcheck FILE: one exposition, checked by promtool (lint problems
# are reported on stdout/stderr with a non-zero exit).
promcheck() {
    [ -n "$PROMTOOL" ] || return 0
    $PROMTOOL check metrics <"$1" >"$TMP/promtool.out" 2>&1 \
        || fail "promtool check metrics: $(cat "$TMP/promtool.out")"
}

# A process whose name holds a backslash and a quote (libproc2 already
# turns a newline in a name into '.'; the unit tests cover that escape).
EVIL='ev\il"x'
ln -s "$HELPERS/memhog" "$TMP/$EVIL"
"$TMP/$EVIL" hold 8 >"$TMP/evil.out" 2>&1 &
EV=$!
CHILDREN="$CHILDREN $EV"
for _ in $(seq 100); do grep -q ready "$TMP/evil.out" 2>/dev/null && break; sleep 0.05; done

use_comma_locale
LC_ALL=de_DE.UTF-8 LC_NUMERIC=de_DE.UTF-8 "$MEMTOP" -b -n 3 -d 0.3 -o openmetrics >"$TMP/all.om" \
    || fail "-o openmetrics: exit $?"
[ "$(grep -c '^# EOF$' "$TMP/all.om")" -eq 3 ] || fail "want 3 expositions ending in # EOF"
[ "$(tail -1 "$TMP/all.om")" = "# EOF" ] || fail "output does not end with # EOF"
# Split into the three expositions and check each.
awk -v dir="$TMP" '{ print > (dir "/exp." n) } /^# EOF$/ { n++ }' n=0 "$TMP/all.om"
for i in 0 1 2; do promcheck "$TMP/exp.$i"; done
grep -qF "memtop_process_resident_bytes{pid=\"$EV\",command=\"ev\\\\il\\\"x\",user=" \
    "$TMP/exp.2" || fail "escaped name not found: $(grep "pid=\"$EV\"" "$TMP/exp.2" | head -2)"
# Growth is known from the third sample on; decimals never a comma.
grep -q "^memtop_process_heap_growth_bytes_per_second{pid=\"$EV\",.*} -\?[0-9]*\.[0-9]$" "$TMP/exp.2" \
    || fail "no growth sample for $EV in the third exposition"
! grep -q "^memtop_process_heap_growth_bytes_per_second{pid=\"$EV\"," "$TMP/exp.0" \
    || fail "growth reported before it is known"
for fam in memtop_memory_total_bytes memtop_memory_available_bytes memtop_swap_free_bytes \
           memtop_processes memtop_leak_suspected_processes memtop_process_heap_bytes \
           memtop_process_leak_suspected memtop_process_oom_eta_seconds; do
    grep -q "^# TYPE $fam gauge$" "$TMP/exp.2" || fail "no family $fam"
done
ok "3 expositions, each accepted by ${PROMTOOL:-nothing (skipped)}; names escaped; no locale commas"

# --textfile: a missing directory is an error at start.
expect_exit 1 "--textfile $TMP/nodir/memtop.prom: directory $TMP/nodir: No such file or directory" \
    --textfile "$TMP/nodir/memtop.prom" -n 1

# Rewritten every refresh; a reader never sees a partial file.
mkdir "$TMP/tf"
(umask 077; exec "$MEMTOP" --textfile "$TMP/tf/memtop.prom" -d 0.1 >"$TMP/tf.out" 2>"$TMP/tf.err") &
TF=$!
CHILDREN="$CHILDREN $TF"
"$PYTHON3" - "$TMP/tf/memtop.prom" <<'PY' || fail "textfile reads"
import os, sys, time
path, seen, stamps = sys.argv[1], 0, set()
deadline = time.time() + 20
# At least 300 reads, and for long enough to see 3 rewrites.
while (seen < 300 or len(stamps) < 3) and time.time() < deadline:
    try:
        data = open(path).read()
    except FileNotFoundError:
        time.sleep(0.01)
        continue
    assert data.endswith("# EOF\n"), "partial file: %r" % data[-80:]
    assert data.count("# EOF") == 1
    stamps.update(l for l in data.splitlines() if l.startswith("memtop_snapshot_timestamp_seconds "))
    seen += 1
assert seen >= 300, seen
assert len(stamps) >= 3, stamps      # it was rewritten while we read
PY
promcheck "$TMP/tf/memtop.prom"
kill -TERM $TF
wait $TF
rc=$?
[ "$rc" -eq 0 ] || fail "--textfile: exit $rc after SIGTERM ($(cat "$TMP/tf.err"))"
[ ! -s "$TMP/tf.out" ] || fail "--textfile wrote to stdout"
[ "$(ls "$TMP/tf")" = "memtop.prom" ] || fail "leftovers in the directory: $(ls "$TMP/tf")"
[ "$(stat -c %a "$TMP/tf/memtop.prom")" = 644 ] || fail "mode $(stat -c %a "$TMP/tf/memtop.prom") under umask 077"
ok "--textfile: always a whole exposition, rewritten each refresh, no temporaries left"

# The alert rules the README suggests are valid.
if [ -n "$PROMTOOL" ]; then
    $PROMTOOL check rules "$TESTDATA/../../assets/memtop.rules.yml" >"$TMP/rules.out" 2>&1 \
        || fail "promtool check rules: $(cat "$TMP/rules.out")"
    ok "assets/memtop.rules.yml passes promtool check rules"
fi
exit 0
