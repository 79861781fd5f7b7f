#!/bin/bash
# k signals exactly the process chosen, or nobody: in a private PID
# namespace (unshare -fp --mount-proc) the chosen process exits and its
# PID is handed to a newcomer on purpose (ns_last_pid), (1) while the
# view is paused and (2) while the signal prompt is open for a process
# first seen one refresh before.  The newcomer must live, and the view
# must say no signal was sent.
. "${0%/*}/lib.sh"

[ "$(id -u)" -eq 0 ] || skip "needs root for a PID namespace and ns_last_pid"
command -v unshare >/dev/null && command -v nsenter >/dev/null || skip "unshare/nsenter (util-linux) not installed"
unshare -fp --mount-proc true 2>/dev/null || skip "unshare -fp --mount-proc is not permitted here"
. "${0%/*}/tmux.sh"

MARK="memtop-kill-reuse-$$"
T new-session -d -s ui -x 160 -y 30 "bash --norc --noprofile"
T send-keys -t ui "PS1='$ '; export LANG=C.UTF-8" Enter
# PID 1 of the namespace is a bash that reaps whatever is orphaned to
# it, so an exited process frees its PID at once.
T send-keys -t ui "unshare -fp --mount-proc bash -c '\"$MEMTOP\" -d 0.5 -p 100; echo EXIT=\$?' $MARK" Enter
wait_for "PID" 60 || fail "memtop did not start"

# The namespace's PID 1, seen from here.
NS1=""
for _ in $(seq 100); do
    for p in $(pgrep -f "$MARK"); do
        [ "$(awk '/^NSpid:/ {print $NF}' /proc/$p/status 2>/dev/null)" = 1 ] && NS1=$p
    done
    [ -n "$NS1" ] && break
    sleep 0.1
done
[ -n "$NS1" ] || fail "cannot find the namespace's init"
IN_NS="nsenter -t $NS1 -p -m"

# start_at100 PROGRAM ARGS: starts it in the namespace as PID 100 (by
# setting ns_last_pid to 99 just before the fork).
start_at100() {
    got=$($IN_NS bash -c 'echo 99 >/proc/sys/kernel/ns_last_pid && { "$@" >/dev/null 2>&1 & echo $!; }' sh "$@")
    [ "$got" = 100 ] || fail "could not start $1 as PID 100 (got '$got')"
}
# stop100: kills PID 100 and waits until the PID is free.
stop100() {
    $IN_NS kill -9 100 2>/dev/null
    for _ in $(seq 300); do
        $IN_NS test -e /proc/100 || return 0
        sleep 0.1
    done
    fail "PID 100 was not freed"
}
# newcomer_alive: PID 100 is the newcomer, alive (not a zombie).
newcomer_alive() {
    $IN_NS grep -q "^State:.*[RS]" /proc/100/status 2>/dev/null &&
        [ "$($IN_NS cat /proc/100/cmdline | tr '\0' ' ')" = "sleep 100001 " ]
}

# kill_row WANT: k, Enter (TERM), y; the status line must say WANT.
kill_row() {
    T send-keys -t ui k
    wait_for "Signal" 30 || fail "k did not prompt"
    T send-keys -t ui Enter
    wait_for "y/N" 30 -i || fail "no confirmation"
    T send-keys -t ui y
    wait_for "$1" 30
}

# (1) Paused: the row stays the chosen process's, the PID is reused.
start_at100 sleep 100000
wait_for "^ +100 .*sleep" 60 -E || fail "the victim is not shown"
T send-keys -t ui ' '
wait_for "paused" 30 || fail "did not pause"
stop100
start_at100 sleep 100001
kill_row "PID 100 has exited: no signal sent" || fail "paused: the reused PID was not refused"
sleep 0.5
newcomer_alive || fail "paused: the newcomer that took PID 100 got the signal"
ok "paused: the process that took the PID is not signalled"

# (2) A process first seen one refresh before; the PID is reused while
# the prompt is open, and a refresh passes before the answer.
T send-keys -t ui ' '
wait_for "resumed" 30 || fail "did not resume"
stop100
start_at100 "$HELPERS/memhog" hold 16
wait_for "^ +100 .*memhog" 60 -E || fail "the new process is not shown"
T send-keys -t ui k
wait_for "Signal" 30 || fail "k did not prompt"
stop100
start_at100 sleep 100001
# Refreshes go on under the prompt: wait for two (0.5 s each, generously).
sleep 3
T send-keys -t ui Enter
wait_for "y/N" 30 -i || fail "no confirmation"
T send-keys -t ui y
wait_for "PID 100 has exited: no signal sent" 30 || fail "new process: the reused PID was not refused"
sleep 0.5
newcomer_alive || fail "new process: the newcomer that took PID 100 got the signal"
ok "a process first seen a refresh before: its PID's newcomer is not signalled"

# And the chosen process itself is signalled.
kill_row "sent signal 15 to PID 100" || fail "the chosen process was not signalled"
for _ in $(seq 300); do newcomer_alive || break; sleep 0.1; done
newcomer_alive && fail "PID 100 still alive after SIGTERM"
T send-keys -t ui q
wait_for "EXIT=0" 30 || fail "memtop did not quit cleanly"
ok "the chosen process gets the signal"
exit 0
