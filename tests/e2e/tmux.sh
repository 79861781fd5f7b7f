# tmux.sh - driving the interactive view through tmux, for the tests
# that source it after lib.sh.  Pane: $PANE (default "ui").
command -v tmux >/dev/null || skip "tmux not installed"
SOCK="$TMP/tmux.sock"
PANE=${PANE:-ui}
T() { tmux -S "$SOCK" "$@"; }
screen() { T capture-pane -p -t "$PANE"; }
# wait_for TEXT SECONDS [grep flag]: until the screen shows TEXT.
wait_for() {
    for _ in $(seq 1 $(( $2 * 10 ))); do
        screen | grep -q "${3:--F}" -- "$1" && return 0
        sleep 0.1
    done
    echo "--- screen:"; screen; echo "---"
    return 1
}
trap 'T kill-server 2>/dev/null; cleanup' EXIT INT TERM
