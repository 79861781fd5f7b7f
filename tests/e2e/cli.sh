#!/bin/sh
# The command line as a user meets it: help, version, each bad value.
. "${0%/*}/lib.sh"

"$MEMTOP" --help >"$TMP/help" || fail "--help exit $?"
grep -q "^Usage: memtop" "$TMP/help" || fail "--help has no usage line"
"$MEMTOP" -V | grep -q "^memtop [0-9]" || fail "-V"
ok "help and version"

expect_exit 2 "-d abc: not a number of seconds" -b -d abc
expect_exit 2 "-d -1: must be at least 0.1 seconds" -b -d -1
expect_exit 2 "-n x: not a positive whole number" -b -n x
expect_exit 2 "-p 0: '0' is not a PID" -b -p 0
expect_exit 2 "-u nosuchuser: no such user" -b -u nosuchuser
expect_exit 2 "-s nosuchkey: unknown sort key" -b -s nosuchkey
expect_exit 2 "-o xml: unknown format" -b -o xml
expect_exit 2 "--frobnicate: unknown option" --frobnicate
ok "bad values are usage errors"

# No terminal and no -b: a clear error that points at -b.
expect_exit 1 "standard output is not a terminal: use -b" -n 1
ok "no terminal without -b"

# A PID that does not exist is not an error: the table is just empty.
"$MEMTOP" -b -n 1 -o csv -p 2147483647 >"$TMP/out" || fail "-p of a missing PID: exit $?"
[ "$(wc -l <"$TMP/out")" -eq 1 ] || fail "-p of a missing PID printed rows"
ok "missing PID gives an empty table"
exit 0
