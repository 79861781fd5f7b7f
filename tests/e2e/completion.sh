#!/bin/sh
# The bash completion (assets/bash-completion/memtop) run the way readline
# runs it: COMP_WORDS/COMP_CWORD set, the function called, COMPREPLY read.
# It must complete from the memtop being built, and follow its --help.
. "${0%/*}/lib.sh"

COMPLETION="${0%/*}/../../assets/bash-completion/memtop"
[ -r "$COMPLETION" ] || fail "no completion script at $COMPLETION"
command -v bash >/dev/null || skip "no bash"

# complete BIN WORD...: the completions of the last WORD, one per line.
complete_words() {
    bash -c '
        . "$1"; shift
        [ "$(complete -p memtop)" = "complete -F _memtop memtop" ] || exit 3
        COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1))
        _memtop || exit 4
        [ ${#COMPREPLY[@]} -eq 0 ] || printf "%s\n" "${COMPREPLY[@]}"' sh "$COMPLETION" "$@" >"$TMP/reply" ||
        fail "completing '$*': bash exit $?"
}
has() { grep -qxF -- "$1" "$TMP/reply" || fail "completing '$2' does not offer '$1': $(tr '\n' ' ' <"$TMP/reply")"; }
hasnt() { ! grep -qxF -- "$1" "$TMP/reply" || fail "completing '$2' offers '$1'"; }

complete_words "$MEMTOP" -s ""
for key in growth res heap pid virt command; do has "$key" "memtop -s"; done
hasnt "--help" "memtop -s"
complete_words "$MEMTOP" --sort = he
has heap "memtop --sort=he"
[ "$(wc -l <"$TMP/reply")" -eq 1 ] || fail "memtop --sort=he offers more than heap"
ok "sort keys for -s and --sort="

complete_words "$MEMTOP" -b -o ""
for fmt in text csv json; do has "$fmt" "memtop -o"; done
hasnt "(default)" "memtop -o"
ok "output formats for -o"

complete_words "$MEMTOP" --hel
has --help "memtop --hel"
complete_words "$MEMTOP" --it
has --iterations= "memtop --it"
complete_words "$MEMTOP" -b ""
[ ! -s "$TMP/reply" ] || fail "a bare word after -b offers something"
ok "long options"

spawn hold hold 1
complete_words "$MEMTOP" -p ""
has "$SPAWNED" "memtop -p"
has 1 "memtop -p"
complete_words "$MEMTOP" -b -p "1,$SPAWNED"
has "1,$SPAWNED" "memtop -p 1,PID"
while read -r pid; do
    case $pid in 1,*) [ -d "/proc/${pid#1,}" ] || fail "-p 1,... offers $pid, not a process" ;;
    *) fail "-p 1,... offers $pid" ;; esac
done <"$TMP/reply"
ok "PIDs for -p, also after a comma"

complete_words "$MEMTOP" -u roo
has root "memtop -u roo"
ok "users for -u"

# A memtop with options this one does not have yet: the completion reads
# them from its --help, without being edited.
cat >"$TMP/memtop" <<'HELP'
#!/bin/sh
cat <<'END'
Usage: memtop [OPTION]...
  -o, --output=FORMAT     batch output format: text (default), csv, json,
                          openmetrics
  -s, --sort=KEY          sort by one of: pid user virt res shr swap heap
                          growth pss command (default growth)
  -m, --map=PID           print PID's memory map
  -w, --record=FILE       append every snapshot to FILE
      --textfile=PATH     rewrite PATH with OpenMetrics each refresh
      --pss               read smaps_rollup
  -h, --help              show this help and exit
END
HELP
chmod +x "$TMP/memtop"
complete_words "$TMP/memtop" -s ""
has pss "future memtop -s"
has command "future memtop -s"
hasnt "(default" "future memtop -s"
complete_words "$TMP/memtop" -o ""
has openmetrics "future memtop -o"
complete_words "$TMP/memtop" --
has --textfile= "future memtop --"
has --pss "future memtop --"
complete_words "$TMP/memtop" -m ""
has "$SPAWNED" "future memtop -m"
mkdir "$TMP/dir" && : >"$TMP/dir/rec.bin"
complete_words "$TMP/memtop" --textfile = "$TMP/dir/r"
has "$TMP/dir/rec.bin" "future memtop --textfile=$TMP/dir/r"
complete_words "$TMP/memtop" -w "$TMP/dir/r"
has "$TMP/dir/rec.bin" "future memtop -w $TMP/dir/r"
ok "options, sort keys and formats follow --help"
exit 0
