#!/bin/bash
# The interactive view as an htop user drives it (issue 16): function
# keys, visible filters, sort arrows that read one way, screens that
# scroll, columns that drop in a sensible order, tree glyphs, honest
# sparklines, -m PID then q.  Run in a UTF-8 locale, and by habits_c.sh
# in the C locale (ASCII glyphs).
. "${0%/*}/lib.sh"
PANE=hab
. "${0%/*}/tmux.sh"

LOC=${HABITS_LOCALE:-C.UTF-8}
if [ "$LOC" = C ]; then
    DOWN=v UP='^' TEE='|-' ELBOW='`-' FULL='#' HIGH='[=+*#]'
else
    DOWN=▼ UP=▲ TEE=├─ ELBOW=└─ FULL=█ HIGH='[▅▆▇█]'
fi

spawn leak leak 1024;     L=$SPAWNED
spawn noise noise 32 1;   N=$SPAWNED
ln -s "$HELPERS/memhog" "$TMP/needle"
"$TMP/needle" hold 8 >"$TMP/needle.out" 2>&1 &
ND=$!
CHILDREN="$CHILDREN $ND"
PIDS="$$,$L,$N,$ND"
row() { screen | grep -E "^ *$1 "; }
# The TREND of a memhog row: the last word before its command.
trend() { row "$1" | grep -oE "[^ ]+ +memhog *$" | awk '{print $1}'; }

T new-session -d -s hab -x 100 -y 30 "bash --norc --noprofile"
T set-option -t hab allow-rename off 2>/dev/null
T send-keys -t hab "PS1='$ '; export LC_ALL=$LOC LANG=$LOC; cd '$TMP'" Enter
T send-keys -t hab "'$MEMTOP' -d 0.5 -p $PIDS; echo EXIT=\$?" Enter
wait_for "GROWTH/m" 20 || fail "memtop did not start"

# No silent keys: an unbound key says so.
T send-keys -t hab z
wait_for "'z' does nothing here" 5 || fail "an unbound key was silent"
# The -p filter is on screen.
wait_for "FILTER 4 PIDs (-p)" 10 || fail "the -p filter is not shown"
ok "an unbound key says so; the -p filter shows in the footer"

# Sort: F6 menu; the down arrow is always largest first; R does not carry
# over to the next key; > goes to the next column on screen.
T send-keys -t hab F6
wait_for "Sort by" 5 || fail "F6 did not open the sort menu"
T send-keys -t hab p Enter
wait_for "PID$UP" 5 || fail "F6 p Enter did not sort by PID ascending ($UP)"
first=$(screen | grep -A1 -E '^ +PID' | tail -1 | awk '{print $1}')
min=$(printf '%s\n' $$ "$L" "$N" "$ND" | sort -n | head -1)
[ "$first" = "$min" ] || fail "sorted by PID, first row is $first, want $min"
T send-keys -t hab R
wait_for "PID$DOWN" 5 || fail "R did not turn PID to descending ($DOWN)"
wait_for "descending" 5 || fail "the reversed state is not said"
T send-keys -t hab M
wait_for "RES$DOWN" 5 || fail "after R, M did not sort RES largest first: R carried over"
T send-keys -t hab G O
wait_for "OOM-SCORE" 5 || fail "O: no OOM-SCORE column at 100 columns"
T send-keys -t hab '>'
wait_for "OOM-SCORE$DOWN" 5 || fail "> from GROWTH did not go to the next column on screen"
T send-keys -t hab O G
wait_for "GROWTH/m$DOWN" 5 || fail "G did not sort by growth"
ok "F6 sorts, $DOWN is descending, R is visible and does not carry over, > follows the screen"

# TREND's scale is honest: 1 % noise on 32 MiB stays low, the leaker
# draws a full ramp.
wait_for "^ *$L .*$FULL" 30 -E || fail "the leaker's TREND has no full glyph"
sleep 3
[ -n "$(trend "$N")" ] || fail "no TREND for the noise: $(row "$N")"
trend "$N" | grep -qE "$HIGH" && fail "1 % noise draws a high sparkline: $(row "$N")"
ok "TREND: a leak draws a full ramp, 1 % noise stays low"

# F3 searches: the selection moves, the list stays.
T send-keys -t hab F3 n e e d l e
wait_for "Search" 5 || fail "F3 did not open the search"
row "$L" >/dev/null || fail "searching filtered the list"
T send-keys -t hab Enter Enter
wait_for "memtop map - PID $ND " 10 || fail "F3 needle did not move the selection to it"
# The map: its own keys in the footer, a real arrow.
wait_for "b Baseline" 5 || fail "the map's footer does not list the map's keys"
wait_for "RSS$DOWN" 5 || fail "the map's sort arrow is not $DOWN"
T send-keys -t hab Escape
wait_for "GROWTH/m" 5 || fail "Esc did not leave the map"
ok "F3 moves the selection, the map lists its keys with $DOWN"

# The kill prompt names the process; n sends nothing.
T send-keys -t hab F9
wait_for "Signal to PID $ND needle" 5 || fail "the kill prompt does not name the process"
T send-keys -t hab Enter
wait_for "Send SIGTERM (15) to PID $ND needle?" 5 || fail "the confirmation does not name it"
T send-keys -t hab n
wait_for "no signal sent" 5 || fail "n sent a signal?"
kill -0 "$ND" || fail "the needle died"
ok "F9 names the process it would signal"

# F5: the tree, with branch glyphs and SUB-GROWTH.
T send-keys -t hab F5
wait_for "SUB-GROWTH" 5 || fail "F5 did not show the tree with SUB-GROWTH"
wait_for "$TEE" 5 || fail "no $TEE in the tree"
wait_for "$ELBOW" 5 || fail "no $ELBOW in the tree"
n_tee=$(screen | grep -cF -- "$TEE")
[ "$n_tee" -eq 2 ] || fail "want 2 $TEE for 3 children, got $n_tee: $(screen)"
T send-keys -t hab F5
wait_for "    PID " 5 || fail "F5 again did not leave the tree"
ok "F5 tree: $TEE for all but the last child, $ELBOW for it, SUB-GROWTH"

# Filters: visible, an invalid one leaves none, Ctrl-U clears a prompt,
# C clears them all.
T send-keys -t hab u n o b o d y Enter
wait_for "FILTER user=nobody 4 PIDs" 5 || fail "u nobody is not shown"
wait_for "no process matches the filter" 5 || fail "the empty list does not say why"
T send-keys -t hab u C-u b o g u s u s e r Enter
wait_for "no user filter now" 5 || fail "a bad user gave no error"
wait_for "^ *$L " 10 -E || fail "a bad user left the old user filter behind"
wait_for "FILTER 4 PIDs (-p)" 10 || fail "the footer still shows a user filter"
T send-keys -t hab / z z z C-u n e e d l e Enter
wait_for "FILTER /needle 4 PIDs" 5 || fail "Ctrl-U did not clear the prompt: $(screen | tail -1)"
row "$L" && fail "the filter /needle still shows the leaker"
T send-keys -t hab C
wait_for "every filter cleared" 5 || fail "C did not clear the filters"
wait_for "F1 Help" 10 || fail "the footer still shows a filter after C"
[ "$(screen | grep -cE '^ +[0-9]+ ')" -gt 4 ] || fail "after C still only the -p processes"
ok "filters show, a bad one leaves none, Ctrl-U clears, C clears all"

# The exit ledger, through the filter /victim: a killed process returns
# what it held alive (memtop saw it as a zombie first), and 30 zombies
# scroll.  One parent holds them all and reaps the victim when told.
VN=vic$$                # unique: the C-locale run may go at the same time
ln -s "$HELPERS/memhog" "$TMP/$VN"
"$PYTHON3" -c '
import os, signal, sys, time
signal.pthread_sigmask(signal.SIG_BLOCK, [signal.SIGUSR1])
prog = sys.argv[1]
pid = os.spawnv(os.P_NOWAIT, prog, [prog, "hold", "64"])
for _ in range(30):                 # exit at once (usage): zombies
    os.spawnv(os.P_NOWAIT, prog, [prog])
with open(sys.argv[2], "w") as out:
    out.write("%d\n" % pid)
signal.sigwait([signal.SIGUSR1])
os.waitpid(pid, 0)
time.sleep(600)' "$TMP/$VN" "$TMP/victim.pid" 2>/dev/null &
REAPER=$!
CHILDREN="$CHILDREN $REAPER"
for _ in $(seq 600); do [ -s "$TMP/victim.pid" ] && break; sleep 0.1; done
V=$(cat "$TMP/victim.pid" 2>/dev/null)
[ -n "$V" ] || fail "the victim's parent did not start"
for _ in $(seq 600); do
    grep -qE '^RssAnon: +6[0-9]{4} kB' /proc/$V/status && break; sleep 0.1
done
T send-keys -t hab / $(echo "$VN" | sed 's/./& /g') Enter M
wait_for "^ *$V .* 6[0-9](\.[0-9])?M .*$VN" 20 -E || fail "memtop does not list the 64 MiB victim"
kill -9 "$V"
T send-keys -t hab x
wait_for "zombie $V $VN" 20 || fail "the killed victim is not seen as a zombie"
kill -USR1 "$REAPER"
wait_for "^ *$V $VN " 20 -E || fail "the reaped victim is not in the ledger"
ret=$(screen | awk -v v="$V" '$1 == v {print $5}')
case "$ret" in
    6[0-9]M|6[0-9].[0-9]M) ;;
    *) fail "RETURNED of the killed 64 MiB victim is '$ret': $(screen | grep -E "^ *$V ")" ;;
esac
ok "a killed process's RETURNED is what it held alive ($ret)"
wait_for "zombies: 30 - FILTER /$VN" 10 || fail "the ledger does not count 30 zombies"
wait_for "more below" 10 || fail "the ledger with 30 zombies does not say more is below"
T send-keys -t hab End
wait_for "of [0-9]+ *$" 5 -E || fail "End did not reach the ledger's last line: $(screen | tail -1)"
last=$(screen | tail -2 | head -1)
echo "$last" | grep -q "^zombie [0-9]* $VN: parent $REAPER " || fail "the last line is not a zombie: $last"
T send-keys -t hab Home
wait_for "lines 1-" 5 || fail "Home did not scroll the ledger back"
T send-keys -t hab Escape C
wait_for "every filter cleared" 5 || fail "C did not clear /$VN"
T send-keys -t hab G
kill "$REAPER" 2>/dev/null
ok "the ledger scrolls to its last zombie and back"

# 80x24: the verdict and OOM-IN stay, the legend is whole words, help
# scrolls to its last line.
T resize-window -t hab -x 80 -y 24
wait_for "LEAK?" 5 || fail "no LEAK? column at 80x24"
screen | grep -q "OOM-IN" || fail "no OOM-IN column at 80x24"
legend=$(screen | grep "^Tasks:")
echo "$legend" | grep -qE "(zombies?|=anon|=file|=shmem|=kernel|=swap) *$" \
    || fail "the legend is cut mid-word: $legend"
T send-keys -t hab F1
wait_for "more below" 5 || fail "help does not say there is more"
T send-keys -t hab End
wait_for "F2 says which chosen columns do not fit" 5 || fail "End did not reach help's last line"
# PgUp a page at a time back to the first line, however long help is.
for _ in 1 2 3 4 5 6; do
    before=$(screen | grep -o "lines [0-9]*-[0-9]*")
    T send-keys -t hab PPage
    for _ in $(seq 30); do
        [ "$(screen | grep -o "lines [0-9]*-[0-9]*")" != "$before" ] && break
        sleep 0.1
    done
    screen | grep -q "lines 1-" && break
done
wait_for "lines 1-" 5 || fail "PgUp did not scroll help back"
T send-keys -t hab Escape
wait_for "GROWTH/m" 5 || fail "Esc did not leave help"
ok "80x24: LEAK? and OOM-IN shown, legend whole, help scrolls to its end"

# 40x10: the verdict stays; a column turned on that cannot fit says so.
T resize-window -t hab -x 40 -y 10
wait_for "LEAK?" 5 || fail "no LEAK? column at 40x10"
T send-keys -t hab O
wait_for "no room for OOM-SCORE" 5 || fail "O at 40 columns did not say the columns do not fit"
T send-keys -t hab O
T resize-window -t hab -x 15 -y 3
wait_for "too small" 5 || fail "15x3: $(screen)"
screen | grep -q ">" && fail "15x3: a cut message: $(screen)"
T resize-window -t hab -x 100 -y 30
wait_for "GROWTH/m" 5 || fail "did not come back at 100x30"
ok "40x10 keeps LEAK?, O says it does not fit, 15x3 says too small"

# g: workers started through a shell wrapper (named bash, then worker
# once they exec: memtop sees the exec at its next refresh) and recycled
# one at a time every 2 s, each holding 1 MiB more than the last: one
# group (named $WN) whose history survives the renames and the churn:
# after 10 generations it is still one row, its GROWTH known and rising.
# (Its floor dips at each hand-over, so verdict v2 flags such a group by
# its 10-minute horizon, not within this test: test_view.c's
# groups_survive_renamed_recycled_workers checks that flag.)
# The supervisor stops by itself.
WN=wrk$$
ln -s "$HELPERS/memhog" "$TMP/$WN"
bash -c '
    trap "kill \$old 2>/dev/null; exit 0" TERM
    old=
    for gen in $(seq 200); do
        kill $old 2>/dev/null
        bash -c "sleep 0.3; exec \"$1/$2\" hold $((4 + gen))" >/dev/null &
        old=$!
        sleep 2 & wait $!           # TERM is handled at once, not after the sleep
    done
    kill $old' sup "$TMP" "$WN" &
SUP=$!
# On any way out, TERM first: the supervisor takes its last worker along.
trap 'kill -TERM $SUP 2>/dev/null; T kill-server 2>/dev/null; cleanup' EXIT INT TERM
T send-keys -t hab / $(echo "$WN" | sed 's/./& /g') Enter g
wait_for "GROUP" 10 || fail "g did not group"
wait_for "^ +[01] .* \+[0-9.]+[KM] .* $WN *$" 60 -E || fail "the workers are not a group with a known GROWTH"
sleep 20    # ten hand-overs
wait_for "^ +[01] .* \+[0-9.]+[KM] .* $WN *$" 10 -E || fail "the group lost its history over the hand-overs"
[ "$(screen | grep -cE " $WN *$")" -eq 1 ] || fail "the recycled workers are not one group: $(screen)"
kill -TERM "$SUP"
T send-keys -t hab g g C
wait_for "    PID " 10 || fail "g did not go back to processes"
ok "renamed, recycled workers: one group under their live name, its history kept"

# F10 quits.
T send-keys -t hab F10
wait_for "EXIT=0" 10 || fail "F10 did not quit with 0"
ok "F10 quits"

# -m PID: the map is the program; q quits with 0.
T send-keys -t hab "clear; '$MEMTOP' -d 0.5 -m $L; echo EXIT=\$?" Enter
wait_for "memtop map - PID $L" 20 || fail "-m did not open the map"
wait_for "q Quit" 5 || fail "the -m map's footer does not say q quits"
T send-keys -t hab q
wait_for "EXIT=0" 10 || fail "-m PID then q did not exit 0: $(screen)"
T send-keys -t hab "echo still-here" Enter
wait_for "still-here" 5 || fail "the shell did not get the keys back"
ok "-m PID then q exits 0"
exit 0
