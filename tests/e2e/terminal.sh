#!/bin/bash
# Odd terminals: 1x1, a storm of resizes, an ASCII-only locale, TERM
# unset.  memtop neither crashes nor garbles the screen.
. "${0%/*}/lib.sh"
PANE=term
. "${0%/*}/tmux.sh"

spawn leak leak 512; L=$SPAWNED
T new-session -d -s term -x 80 -y 24 "bash --norc --noprofile"
T send-keys -t term "PS1='$ '; export LC_ALL=C.UTF-8" Enter
T send-keys -t term "'$MEMTOP' -d 0.2 -p $L; echo EXIT=\$?" Enter
wait_for "GROWTH/m" 10 || fail "did not start"

T resize-window -t term -x 1 -y 1
sleep 1
T resize-window -t term -x 80 -y 24
wait_for "GROWTH/m" 5 || fail "did not recover from 1x1"
ok "1x1 and back"

for i in $(seq 60); do
    T resize-window -t term -x $(( (i * 37) % 150 + 2 )) -y $(( (i * 11) % 50 + 2 ))
    sleep 0.02
done
T resize-window -t term -x 80 -y 24
wait_for "GROWTH/m" 5 || fail "did not recover from a resize storm"
T send-keys -t term q
wait_for "EXIT=0" 5 || fail "q after the storm did not exit 0"
ok "a storm of 60 resizes"

# LANG=C: plain ASCII, sparklines included.
T send-keys -t term "clear; LC_ALL=C LANG=C '$MEMTOP' -d 0.2 -p $L; echo EXIT=\$?" Enter
wait_for "GROWTH/m" 10 || fail "LANG=C did not start"
sleep 2
T capture-pane -p -t term >"$TMP/c.txt"
LC_ALL=C grep -q $'[\x80-\xff]' "$TMP/c.txt" && fail "non-ASCII bytes on an ASCII terminal: $(cat "$TMP/c.txt")"
grep -qE "[_.~=+*#-]{3,}" "$TMP/c.txt" || fail "no ASCII sparkline: $(cat "$TMP/c.txt")"
T send-keys -t term q
wait_for "EXIT=0" 5 || fail "q under LANG=C"
ok "LANG=C draws ASCII only"

T send-keys -t term "clear; env -u TERM '$MEMTOP'; echo EXIT=\$?" Enter
wait_for "EXIT=1" 5 || fail "TERM unset did not exit 1"
screen | grep -q "memtop: TERM is not set: .*use -b" || fail "TERM unset: $(screen)"
ok "TERM unset: a clear error"
exit 0
