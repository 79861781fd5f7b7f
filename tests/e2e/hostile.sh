#!/bin/bash
# Hostile names and command lines: escape sequences, C1 controls, DEL,
# invalid UTF-8, a UTF-8 character cut by the kernel's 15-byte comm
# limit, newlines and tabs, and a 2 MiB command line.  Every output
# format stays clean and parseable; nothing is unbounded.
. "${0%/*}/lib.sh"

# comm: ESC [2J, a euro sign, U+009B (a C1 CSI in UTF-8), DEL, and the
# first 3 bytes of a 4-byte emoji, cut by the 15-byte limit.
"$HELPERS/namer" 1b5b324ae282acc29b7f41f09f98 "$(printf 'arg\033]0;title\007')" \
    "$(printf '\233\377\376')" "$(printf 'nl\nx\ttab\177')" >"$TMP/namer.out" 2>&1 &
N=$!
CHILDREN="$CHILDREN $N"
for _ in $(seq 50); do grep -q ready "$TMP/namer.out" 2>/dev/null && break; sleep 0.1; done

for fmt in text csv json; do
    for c in "" -c; do
        "$MEMTOP" -b -n 1 $c -o $fmt -p "$N" >"$TMP/out.$fmt$c" || fail "$fmt $c: exit $?"
    done
done
"$PYTHON3" - "$TMP" "$N" <<'PY' || fail "hostile strings leaked into an output"
import csv, io, json, sys
tmp, pid = sys.argv[1], int(sys.argv[2])
def controls(s, allowed="\n"):
    return [hex(ord(c)) for c in s
            if (ord(c) < 0x20 and c not in allowed) or 0x7f <= ord(c) <= 0x9f]
for c in ("", "-c"):
    # text: valid UTF-8, no control character but newlines
    text = open(f"{tmp}/out.text{c}", "rb").read().decode("utf-8")
    assert not controls(text), ("text", c, controls(text))
    row = [l for l in text.splitlines() if l.lstrip().startswith(str(pid))]
    assert len(row) == 1, row
    # csv: one row, parseable, safe to cat
    raw = open(f"{tmp}/out.csv{c}", "rb").read().decode("utf-8")
    assert not controls(raw, "\r\n"), ("csv", controls(raw, "\r\n"))
    rows = list(csv.DictReader(io.StringIO(raw, newline="")))
    assert len(rows) == 1 and int(rows[0]["pid"]) == pid, rows
    # json: valid, escapes kept the name's text
    doc = open(f"{tmp}/out.json{c}", "rb").read().decode("utf-8")
    assert "\x1b" not in doc and "\x9b" not in doc and "\x7f" not in doc
    p = json.loads(doc)["processes"][0]
    assert "[2J" in p["command"] and "\u20ac" in p["command"], p["command"]
    assert "title" in p["cmdline"] and "tab" in p["cmdline"], p["cmdline"]
PY
ok "escape sequences, C1, DEL, bad UTF-8, newlines: inert in text, CSV and JSON"

# A 2 MiB command line (17 arguments of 128 KiB, the kernel's limit for
# one; a bigger stack limit raises the total allowed): shown cut at 4096
# bytes and marked, memory bounded.
ulimit -s 65536 2>/dev/null
big=$(head -c 131000 /dev/zero | tr '\0' 'x')
args=()
for _ in $(seq 17); do args+=("$big"); done
"$HELPERS/memhog" hold 1 "${args[@]}" >"$TMP/big.out" 2>&1 &
B=$!
CHILDREN="$CHILDREN $B"
for _ in $(seq 50); do grep -q ready "$TMP/big.out" 2>/dev/null && break; sleep 0.1; done
[ "$(wc -c <"/proc/$B/cmdline")" -gt 2097152 ] || fail "the big command line is not 2 MB"
"$MEMTOP" -b -n 1 -c -p "$B" >"$TMP/big.txt" || fail "big cmdline: exit $?"
grep -q 'xxx\.\.\.$' "$TMP/big.txt" || fail "the cut command line is not marked"
[ "$(tail -1 "$TMP/big.txt" | wc -c)" -lt 5000 ] || fail "text row not bounded"
"$MEMTOP" -b -n 1 -o json -p "$B" | "$PYTHON3" -c '
import json, sys
p = json.loads(sys.stdin.read())["processes"][0]
assert len(p["cmdline"]) == 4096, len(p["cmdline"])' || fail "json cmdline not cut at 4096"
peak=$("$PYTHON3" -c '
import resource, subprocess, sys
subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, check=True)
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)' "$MEMTOP" -b -n 3 -d 0.1 -c) \
    || fail "memtop -c failed"
[ "$peak" -lt 32768 ] || fail "memtop peaked at $peak KiB with a 2 MiB command line around"
ok "a 2 MiB command line is cut at 4096 bytes and marked"
exit 0
