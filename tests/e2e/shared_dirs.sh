#!/bin/bash
# Files in a world-writable directory (mode 1777, like /tmp): run as
# root against what the user nobody planted there.  --textfile's
# temporaries cannot be predicted (so a planted symlink, FIFO or file is
# never opened, and the file renamed into place is root's), and -w and
# -r refuse a FIFO and -w another user's file instead of blocking or
# appending to it.
. "${0%/*}/lib.sh"

[ "$(id -u)" -eq 0 ] || skip "needs root to plant files as nobody"
command -v setpriv >/dev/null || skip "setpriv (util-linux) not installed"
AS_NOBODY="setpriv --reuid=65534 --regid=65534 --clear-groups"

chmod 755 "$TMP"     # mktemp made it 0700: nobody must reach the shared directory
D="$TMP/shared"
mkdir -m 1777 "$D"
$AS_NOBODY touch "$D/probe" || skip "nobody cannot write to $D"
rm -f "$D/probe"
# A FIFO or a file can hang the old code: everything runs under timeout.
T="timeout -k 5 120"

# --textfile: memtop's PID is the shell's ($$ survives exec), so the old
# "PATH.tmp.PID" is planted for exactly that run.
for kind in symlink fifo file; do
    rm -rf "$D"/*
    echo secret >"$TMP/target"
    $T sh -c '
        tmp="$1.tmp.$$"
        case $2 in
        symlink) '"$AS_NOBODY"' ln -s "'"$TMP/target"'" "$tmp" ;;
        fifo)    '"$AS_NOBODY"' mkfifo -m 666 "$tmp" ;;
        file)    '"$AS_NOBODY"' sh -c "umask 0; : >\"$tmp\"" ;;
        esac || exit 99
        shift 2
        exec "$@"' sh "$D/memtop.prom" $kind "$MEMTOP" --textfile "$D/memtop.prom" -n 2 -d 0.1 \
        >"$TMP/out" 2>"$TMP/err"
    rc=$?
    [ $rc -ne 99 ] || fail "could not plant a $kind as nobody"
    [ $rc -eq 0 ] || fail "--textfile with a planted $kind: exit $rc ($(cat "$TMP/err"))"
    [ ! -s "$TMP/err" ] || fail "--textfile with a planted $kind said: $(cat "$TMP/err")"
    [ -f "$D/memtop.prom" ] && [ ! -L "$D/memtop.prom" ] || fail "planted $kind: no regular memtop.prom"
    [ "$(stat -c %u "$D/memtop.prom")" -eq 0 ] \
        || fail "planted $kind: memtop.prom belongs to uid $(stat -c %u "$D/memtop.prom"), not root"
    grep -q '^# EOF$' "$D/memtop.prom" || fail "planted $kind: memtop.prom is not a whole exposition"
    [ "$(cat "$TMP/target")" = secret ] || fail "planted $kind: the symlink's target was written"
    # Only the planted thing and memtop.prom: no temporary left behind.
    [ "$(ls "$D" | wc -l)" -eq 2 ] || fail "planted $kind: left $(ls "$D")"
done
ok "--textfile: a planted symlink, FIFO or file at the temporary name is never opened; memtop.prom is root's"

# A planted memtop.prom itself is replaced, not written through.
rm -rf "$D"/*
$AS_NOBODY sh -c "umask 0; echo planted >'$D/memtop.prom'"
$T "$MEMTOP" --textfile "$D/memtop.prom" -n 1 >/dev/null 2>"$TMP/err" \
    || fail "--textfile over a planted memtop.prom: exit $? ($(cat "$TMP/err"))"
[ "$(stat -c %u "$D/memtop.prom")" -eq 0 ] || fail "memtop.prom still nobody's"
ok "--textfile: a planted memtop.prom is replaced by root's own file"

# -w: another user's (empty) file is refused, not appended to.
rm -rf "$D"/*
$AS_NOBODY sh -c "umask 0; : >'$D/rec'"
$T "$MEMTOP" -b -n 1 -w "$D/rec" >"$TMP/out" 2>"$TMP/err" </dev/null
rc=$?
[ $rc -eq 1 ] || fail "-w on nobody's file: exit $rc, want 1 ($(cat "$TMP/err"))"
grep -qx "memtop: -w $D/rec: owned by another user (uid 65534): refusing to append to it" "$TMP/err" \
    || fail "-w on nobody's file said: $(cat "$TMP/err")"
[ ! -s "$D/rec" ] || fail "-w wrote into nobody's file"
ok "-w: another user's file in a shared directory is refused"

# -w and -r: a FIFO is refused at once (the old code blocked or wrote into it).
rm -rf "$D"/*
$AS_NOBODY mkfifo -m 666 "$D/fifo"
$T "$MEMTOP" -b -n 1 -w "$D/fifo" >"$TMP/out" 2>"$TMP/err" </dev/null
rc=$?
[ $rc -eq 1 ] || fail "-w on a FIFO: exit $rc, want 1 ($(cat "$TMP/err"))"
grep -qx "memtop: -w $D/fifo: not a regular file (refusing to write to it)" "$TMP/err" \
    || fail "-w on a FIFO said: $(cat "$TMP/err")"
$T "$MEMTOP" -b -r "$D/fifo" >"$TMP/out" 2>"$TMP/err" </dev/null
rc=$?
[ $rc -eq 1 ] || fail "-r on a FIFO: exit $rc, want 1 ($(cat "$TMP/err"))"
grep -qx "memtop: $D/fifo: not a regular file" "$TMP/err" || fail "-r on a FIFO said: $(cat "$TMP/err")"
ok "-w and -r: a FIFO is refused at once"

# The owner's own file still appends; /dev/null (a device) still works.
"$MEMTOP" -b -n 1 -w "$D/mine" >/dev/null || fail "-w to a new file"
"$MEMTOP" -b -n 1 -w "$D/mine" >/dev/null || fail "-w appending to its own file"
[ "$("$MEMTOP" -b -o json -r "$D/mine" | wc -l)" -eq 2 ] || fail "own recording: not 2 frames"
"$MEMTOP" -b -n 1 -w /dev/null >/dev/null || fail "-w /dev/null"
ok "-w: its own file appends, a device is still written"
exit 0
