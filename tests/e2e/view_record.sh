#!/bin/bash
# -w in the interactive view: the view drives the same engine as batch
# mode, so the recorder is attached there too.  memtop -w FILE -d 0.5
# in tmux for 3 s, then q: FILE replays with -r and has >= 4 frames.
. "${0%/*}/lib.sh"
. "${0%/*}/tmux.sh"

REC=$TMP/view.rec
T new-session -d -s ui -x 120 -y 30 "bash --norc --noprofile"
T send-keys -t ui "PS1='$ '; export LANG=C.UTF-8" Enter
T send-keys -t ui "'$MEMTOP' -w '$REC' -d 0.5; echo EXIT=\$?" Enter
wait_for "PID" 30 || fail "memtop did not start"
sleep 3
T send-keys -t ui q
wait_for "EXIT=0" 30 || fail "q did not end memtop with status 0"
[ -s "$REC" ] || fail "the view wrote no recording"
"$MEMTOP" -b -r "$REC" -o csv >"$TMP/replay.csv" 2>"$TMP/err" \
    || fail "replay of the view's recording: exit $? ($(cat "$TMP/err"))"
[ ! -s "$TMP/err" ] || fail "replay warned: $(cat "$TMP/err")"
frames=$(cut -d, -f1 "$TMP/replay.csv" | sed 1d | sort -u | wc -l)
[ "$frames" -ge 4 ] || fail "$frames frames recorded in 3 s at -d 0.5, want >= 4"
grep -q ",memtop," "$TMP/replay.csv" || fail "memtop itself is not in its recording"
ok "the interactive view records with -w ($frames frames)"

# A recording that fills its disk while the view runs (a 64 KiB tmpfs
# in a private mount namespace): the view says so and goes on, and
# memtop exits 1 with the reason once the user quits.
[ "$(id -u)" -eq 0 ] && command -v unshare >/dev/null || skip "needs root and unshare for a private tmpfs"
mkdir "$TMP/tiny"
T send-keys -t ui clear Enter
T resize-window -t ui -x 160 -y 30 2>/dev/null || T resize-pane -t ui -x 160 -y 30
T send-keys -t ui "unshare -m --propagation private sh -c \"mount -t tmpfs -o size=64k tmpfs '$TMP/tiny' || exit 77; exec '$MEMTOP' -K -w '$TMP/tiny/rec' -d 0.1\"; echo EXIT=\$?" Enter
wait_for "EXIT=77" 2 >/dev/null && skip "cannot mount a tmpfs here"
wait_for "record STOPPED: No space left on device" 120 \
    || fail "no word in the view's header that -w failed, and why"
wait_for "PID" 10 || fail "the view did not go on without the recording"
T send-keys -t ui q
wait_for "EXIT=1" 30 || fail "a failed -w did not end with status 1"
screen | grep -q "memtop: -w $TMP/tiny/rec: No space left on device" \
    || fail "no error line naming -w and the file"
ok "a recording that fills its disk in the view: said on screen, exit 1 with the reason"
exit 0
