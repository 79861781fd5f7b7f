#!/bin/bash
# The interactive view, driven through tmux as a user would: the leaker
# rises to the top with LEAK?, keys work, resizing survives, quitting
# gives the shell back, hostile names stay inert, NO_COLOR has no colour.
. "${0%/*}/lib.sh"
. "${0%/*}/tmux.sh"

spawn leak leak 1024;   L=$SPAWNED
spawn steady hold 16;   S=$SPAWNED
ESC=$(printf '\033]2;pwned\007\033[2J')
ln -s "$HELPERS/memhog" "$TMP/$ESC"
"$TMP/$ESC" hold 1 >/dev/null 2>&1 &
E=$!
CHILDREN="$CHILDREN $E"

T new-session -d -s ui -x 160 -y 45 "bash --norc --noprofile"
T set-option -t ui allow-rename off 2>/dev/null
T send-keys -t ui "PS1='$ '; export LANG=C.UTF-8" Enter
T send-keys -t ui "'$MEMTOP' -d 1 --leak-age=10 -p $L,$S,$E; echo EXIT=\$?" Enter
wait_for "PID" 10 || fail "memtop did not start"
ok "starts in a 160x45 pane"

# Within ~25 s at -d 1 (growing at 11 s, leak 10 s later: --leak-age=10)
# the leaker is on the top row, marked.
wait_for "^ *$L .*LEAK?" 60 -E || fail "no LEAK? within 60 s"
top_row=$(screen | grep -A1 -E '^ +PID ' | tail -1)
echo "$top_row" | grep -q "^ *$L .*LEAK?" || fail "leaker not on the top row: $top_row"
screen | grep -E "^ *$S " | grep -q "LEAK?" && fail "the steady child is flagged"
ok "the 1 MiB/s leaker is on the top row with LEAK?"

# Enter, the selection unmoved: the top row's, the leaker's memory map,
# with its heap and stack; Esc back.
T send-keys -t ui Enter
wait_for "memtop map - PID $L memhog" 5 || fail "Enter did not open the leaker's map"
wait_for "^ h heap .* \+[0-9.]+[KM] " 5 -E || fail "the map does not show the heap growing"
screen | grep -qE "^ s stack " || fail "no stack row in the map"
screen | grep -qE "\[heap\]$" || fail "no [heap] mapping in the table"
T send-keys -t ui '?'
wait_for "why it grows" 3 || fail "? did not show the legend"
T send-keys -t ui x
wait_for "ADDRESS" 3 || fail "the legend did not return to the map"
T send-keys -t ui Escape
wait_for "GROWTH/m" 3 || fail "Esc did not return to the list"
ok "Enter opens the map (heap growing, stack, legend); Esc returns"

# Hostile name: the pane title and screen are untouched.
title=$(T display-message -p -t ui '#{pane_title}')
[ "$title" != "pwned" ] || fail "a process name retitled the pane"
screen | grep -q "?]2;pwned?" || fail "escaped name not shown: $(screen | grep pwned)"
ok "an ESC sequence in a process name is shown inert"

# Keys: help and back, sort by PID, filter.
T send-keys -t ui '?'
wait_for "this help" 3 || fail "? did not open the help"
T send-keys -t ui 'x'
wait_for "PID" 3 || fail "a key did not leave the help"
T send-keys -t ui 'N'
wait_for "sorted by pid, ascending ▲" 3 || fail "N did not sort by PID, ascending"
first=$(screen | grep -A1 -E '^ +PID' | tail -1 | awk '{print $1}')
min=$(printf '%s\n' "$L" "$S" "$E" | sort -n | head -1)
[ "$first" = "$min" ] || fail "sorted by PID, first row is $first, want $min"
# An unmoved selection stays on the top row through a re-sort; a moved
# one follows its process; Home makes it stay on the top row again.
max=$(printf '%s\n' "$L" "$S" "$E" | sort -n | tail -1)
T send-keys -t ui 'R'
wait_for "PID▼" 3 || fail "R did not reverse the sort"
T send-keys -t ui Enter
wait_for "memtop map - PID $max " 5 || fail "Enter after a re-sort did not open the top row's map"
T send-keys -t ui Escape Down
wait_for "GROWTH/m" 3 || fail "Esc did not return to the list"
mid=$(screen | grep -A2 -E '^ +PID' | tail -1 | awk '{print $1}')
T send-keys -t ui 'R'
wait_for "PID▲" 3 || fail "R did not reverse the sort back"
T send-keys -t ui Enter
wait_for "memtop map - PID $mid " 5 || fail "a moved selection did not follow its process"
T send-keys -t ui Escape Home 'R'
wait_for "PID▼" 3 || fail "R did not reverse the sort"
T send-keys -t ui Enter
wait_for "memtop map - PID $max " 5 || fail "after Home the selection did not stay on the top row"
T send-keys -t ui Escape 'R'
wait_for "PID▲" 3 || fail "R did not reverse the sort back"
# O: the OOM killer's score and adjustment, as the kernel says them.
T send-keys -t ui 'O'
wait_for "OOM-ADJ" 3 || fail "O did not show the OOM columns"
want=$(cat /proc/$L/oom_score)
screen | grep -qE "^ *$L .* $want +0 " || fail "OOM-SCORE of the leaker is not $want: $(screen | grep -E "^ *$L ")"
T send-keys -t ui 'O'
sleep 1.5
screen | grep -q "OOM-ADJ" && fail "O again did not hide the OOM columns"
T send-keys -t ui '/' 'memhog' Enter
sleep 1.5
screen | grep -qE "^ *$E " && fail "filter 'memhog' still shows the oddly named process"
T send-keys -t ui '/' C-u
for _ in $(seq 1 10); do T send-keys -t ui BSpace; done
T send-keys -t ui Enter
T send-keys -t ui 'G'
ok "help, sort and filter keys"

# Tree and group views.
T send-keys -t ui 't'
wait_for "SUB-HEAP" 3 || fail "t did not show the tree"
T send-keys -t ui 't' 'g'
wait_for "PROCS" 3 || fail "g did not group"
screen | grep -qE "^ +2 .* memhog *$" || fail "the two memhog children are not one group of 2"
T send-keys -t ui 'g'
wait_for "CGROUP" 3 || fail "g again did not group by cgroup"
screen | grep -q "LIMIT" || fail "no LIMIT column in the cgroup view"
T send-keys -t ui 'g'
wait_for "    PID " 3 || fail "g a third time did not go back to processes"
ok "tree, group by name and group by cgroup views"

# Resize down to 20x5 and back: still alive and drawing.
T resize-window -t ui -x 20 -y 5
sleep 1.5
T resize-window -t ui -x 40 -y 10
sleep 1.5
screen | grep -q "PID" || fail "nothing sensible at 40x10: $(screen)"
T resize-window -t ui -x 160 -y 45
wait_for "GROWTH/m" 5 || fail "did not come back at 160x45"
ok "survives 20x5 and 40x10"

# q exits 0 and the shell is usable.
T send-keys -t ui 'q'
wait_for "EXIT=0" 5 || fail "q did not exit 0"
T send-keys -t ui "echo still-here" Enter
wait_for "still-here" 3 || fail "the shell is not usable after q"
ok "q exits 0, the shell works"

# NO_COLOR: no colour attributes at all (bold and reverse are fine).
T send-keys -t ui "clear; NO_COLOR=1 '$MEMTOP' -d 1 -p $L,$S; echo EXIT=\$?" Enter
wait_for "GROWTH/m" 10 || fail "NO_COLOR run did not start"
sleep 1.5
T capture-pane -e -p -t ui >"$TMP/nocolor"
grep -qE $'\033\\[[0-9;]*(3[0-7]|4[0-7]|38;|48;|9[0-7])' "$TMP/nocolor" \
    && fail "colour attributes under NO_COLOR: $(grep -oE $'\033\\[[0-9;]*m' "$TMP/nocolor" | sort -u | tr '\n' ' ')"
# SIGTERM restores the terminal too.
pkill -TERM -f "^$MEMTOP -d 1 -p $L,$S\$" || fail "could not signal memtop"
wait_for "EXIT=0" 5 || fail "SIGTERM did not end memtop cleanly"
ok "NO_COLOR has no colour; SIGTERM restores the terminal"

# Settings: W saves to $XDG_CONFIG_HOME/memtop/memtoprc, the next start
# reads it; a bad line is a warning, never a crash; the cwd is never read.
mkdir -p "$TMP/cfg" "$TMP/cwd"
printf 'sort = pid\n' >"$TMP/cwd/memtoprc"
T send-keys -t ui "clear; cd '$TMP/cwd'; XDG_CONFIG_HOME='$TMP/cfg' '$MEMTOP' -d 1 -p $L,$S; echo EXIT=\$?" Enter
wait_for "GROWTH/m" 10 || fail "settings run did not start"
screen | grep -qE "PID(▼|▲)" && fail "a memtoprc in the current directory was read"
T send-keys -t ui 'M' 'W'
wait_for "settings saved to $TMP/cfg/memtop/memtoprc" 3 || fail "W did not save"
grep -qx "sort = res" "$TMP/cfg/memtop/memtoprc" || fail "saved file: $(cat "$TMP/cfg/memtop/memtoprc")"
T send-keys -t ui 'q'
wait_for "EXIT=0" 5 || fail "q after W"
printf 'delay = never\n' >>"$TMP/cfg/memtop/memtoprc"
T send-keys -t ui "clear; XDG_CONFIG_HOME='$TMP/cfg' '$MEMTOP' -d 1 -p $L,$S 2>'$TMP/warn'; echo EXIT=\$?" Enter
wait_for "RES▼" 10 || fail "saved sort not used on the next start"
screen | grep -qE "memtoprc:[0-9]+: -d never: not a number" || fail "bad line not shown: $(screen | tail -2)"
T send-keys -t ui 'q'
wait_for "EXIT=0" 5 || fail "q with a bad settings line"
grep -qE "memtoprc:[0-9]+: -d never: not a number of seconds \(line ignored\)" "$TMP/warn" \
    || fail "warning not on stderr at exit: $(cat "$TMP/warn")"
T send-keys -t ui "cd /" Enter
ok "settings saved by W, read at start, bad lines warned, cwd ignored"

# A recording replayed in the view: it plays to the end, <- and -> step.
"$MEMTOP" -b -d 0.2 -n 15 -p "$L,$S" -w "$TMP/rec.mtr" >/dev/null || fail "recording failed"
T send-keys -t ui "clear; '$MEMTOP' -r '$TMP/rec.mtr' -d 0.1; echo EXIT=\$?" Enter
wait_for "REPLAY 15/15" 10 || fail "the replay did not play to its end"
T send-keys -t ui Left Left
wait_for "REPLAY 13/15" 3 || fail "<- did not step back"
T send-keys -t ui Right
wait_for "REPLAY 14/15" 3 || fail "-> did not step forward"
wait_for "^ *$L " 3 -E || fail "the recorded leaker is not listed"
T send-keys -t ui q
wait_for "EXIT=0" 5 || fail "q in replay"
ok "a recording replays in the view; <- and -> step through it"

# Terminals memtop cannot drive: a clear error that points at -b.
T send-keys -t ui "clear; TERM=dumb '$MEMTOP'; echo EXIT=\$?" Enter
wait_for "EXIT=1" 5 || fail "TERM=dumb did not exit 1"
screen | grep -q "memtop: TERM is dumb: .*use -b" || fail "TERM=dumb message: $(screen)"
T send-keys -t ui "clear; TERM=bogus '$MEMTOP'; echo EXIT=\$?" Enter
wait_for "EXIT=1" 5 || fail "TERM=bogus did not exit 1"
screen | grep -q "memtop: no terminfo entry for TERM=bogus: use -b" || fail "TERM=bogus message: $(screen)"
ok "TERM=dumb and an unknown TERM give a clear error"
exit 0
