/* ui_keys.c - what each key does.  The key table (keys.h) says which
 * action a key is on the screen shown; this file does the action.  Keys
 * only change the UI's state or ask the core for another view of the
 * same snapshot. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "memtop/escape.h"
#include "memtop/keys.h"
#include "memtop/settings.h"
#include "memtop/signal.h"
#include "memtop/util.h"
#include "ui_keys.h"
#include "ui_list.h"
#include "ui_map.h"
#include "ui_menu.h"
#include "ui_widgets.h"

/* keys.h's codes are curses' own. */
_Static_assert(MT_KEY_UP == KEY_UP && MT_KEY_DOWN == KEY_DOWN && MT_KEY_LEFT == KEY_LEFT &&
               MT_KEY_RIGHT == KEY_RIGHT && MT_KEY_HOME == KEY_HOME && MT_KEY_END == KEY_END &&
               MT_KEY_PPAGE == KEY_PPAGE && MT_KEY_NPAGE == KEY_NPAGE &&
               MT_KEY_ENTER == KEY_ENTER && MT_KEY_BACKSPACE == KEY_BACKSPACE &&
               MT_KEY_F(1) == KEY_F(1) && MT_KEY_F(63) == KEY_F(63) && MT_KEY_MOUSE == KEY_MOUSE,
               "memtop/keys.h's key codes differ from curses'");

/* "largest first" or "ascending"/..., as the arrow shows it. */
static const char *sort_direction(const ui_state *u)
{
    bool down = mt_sort_key_descending(u->opts.sort) != u->opts.reverse;
    return down ? "descending" : "ascending";
}

/* The status line after a sort: key, direction, its arrow, and R. */
static void say_sort(ui_state *u)
{
    bool down = mt_sort_key_descending(u->opts.sort) != u->opts.reverse;
    ui_set_status(u, "sorted by %s, %s %s%s", mt_sort_key_name(u->opts.sort), sort_direction(u),
                  ui_sort_arrow(u, down), u->opts.reverse ? " (reversed: R again undoes it)" : "");
}

/* A new key starts in its own order: R does not carry over. */
static void sort_by(ui_state *u, enum mt_sort_key key)
{
    if (key != u->opts.sort)
        u->opts.reverse = false;
    u->opts.sort = key;
    ui_rebuild_view(u);
    say_sort(u);
}

static void sort_reverse(ui_state *u)
{
    u->opts.reverse = !u->opts.reverse;
    ui_rebuild_view(u);
    say_sort(u);
}

/* < and >: the previous / next sortable column on screen. */
static void sort_step(ui_state *u, int dir)
{
    int cur = -1, cols[MT_NCOLUMNS], n = 0;
    for (int c = 0; c < MT_NCOLUMNS; c++) {
        const mt_column_info *ci = mt_column_get((enum mt_column)c);
        if (ci->sort < 0 || !(u->shown & (1u << c)))
            continue;
        if (ci->sort == (int)u->opts.sort)
            cur = n;
        cols[n++] = ci->sort;
    }
    if (n == 0)
        return;
    int next = cur < 0 ? 0 : (cur + dir + n) % n;
    sort_by(u, (enum mt_sort_key)cols[next]);
}

static int parse_signal(const char *s)
{
    static const struct { const char *name; int sig; } sigs[] = {
        { "TERM", SIGTERM }, { "KILL", SIGKILL }, { "HUP", SIGHUP }, { "INT", SIGINT },
        { "QUIT", SIGQUIT }, { "STOP", SIGSTOP }, { "CONT", SIGCONT }, { "USR1", SIGUSR1 },
        { "USR2", SIGUSR2 },
    };
    if (!*s)
        return SIGTERM;
    if (strncasecmp(s, "SIG", 3) == 0)
        s += 3;
    for (size_t i = 0; i < sizeof sigs / sizeof sigs[0]; i++)
        if (strcasecmp(s, sigs[i].name) == 0)
            return sigs[i].sig;
    char *end;
    long v = strtol(s, &end, 10);
    return *end == '\0' && v > 0 && v < NSIG ? (int)v : -1;
}

/* A new filter is a new list: start at its top row. */
static void to_top(ui_state *u)
{
    u->picked = false;
    u->selected = u->top = 0;
}

static void prompt_done(ui_state *u)
{
    char err[256];
    enum ui_prompt p = u->prompt;
    u->prompt = PROMPT_NONE;
    u->status[0] = '\0'; /* an error from before is stale now */
    switch (p) {
    case PROMPT_FILTER:
        mt_strlcpy(u->filter_text, u->input, sizeof u->filter_text);
        to_top(u);
        break;
    case PROMPT_USER:
        /* A bad name leaves no user filter behind: the list says what
         * it shows, never an older filter the user meant to replace. */
        u->filter.by_uid = false;
        u->user_text[0] = '\0';
        to_top(u);
        if (u->input[0] && mt_parse_user(u->input, &u->filter.uid, err, sizeof err) == 0) {
            u->filter.by_uid = true;
            mt_strlcpy(u->user_text, u->input, sizeof u->user_text);
        } else if (u->input[0]) {
            ui_set_status(u, "%s: no user filter now", err);
        }
        break;
    case PROMPT_DELAY:
        if (mt_parse_delay(u->input, &u->opts.delay, err, sizeof err) < 0)
            ui_set_status(u, "%s", err + 3); /* drop "-d " */
        break;
    case PROMPT_SEARCH:
        break;
    case PROMPT_SIGNAL:
        u->kill_signal = parse_signal(u->input);
        if (u->kill_signal < 0)
            ui_set_status(u, "unknown signal '%s'", u->input);
        else
            u->prompt = PROMPT_CONFIRM_KILL;
        break;
    default:
        break;
    }
    u->input[0] = '\0';
    ui_rebuild_view(u);
}

/* Sends the confirmed signal, if the PID still is the same process:
 * checked against /proc now, through a pidfd (signal.h). */
static void do_kill(ui_state *u)
{
    if (mt_signal_process(u->kill_pid, u->kill_start, u->kill_signal) == 0)
        ui_set_status(u, "sent signal %d to PID %d", u->kill_signal, (int)u->kill_pid);
    else if (errno == ESRCH)
        ui_set_status(u, "PID %d has exited: no signal sent", (int)u->kill_pid);
    else
        ui_set_status(u, "kill %d: %s", (int)u->kill_pid, strerror(errno));
}

/* F3: the first row from `from` on (wrapping) whose name or command
 * line holds the search text; the list itself stays as it is. */
static void search_next(ui_state *u, size_t from)
{
    mt_filter f = { .text = u->input, .kthreads = true };
    for (size_t k = 0; k < u->nrows && u->input[0]; k++) {
        size_t i = (from + k) % u->nrows;
        if (mt_filter_match(&f, u->rows_p[i])) {
            u->selected = i;
            u->selected_pid = u->rows_p[i]->raw.pid;
            u->picked = true;
            u->status[0] = '\0';
            return;
        }
    }
    if (u->input[0])
        ui_set_status(u, "no process matches '%s'", u->input);
}

/* y sends the signal asked about; any other key sends none. */
static void confirm_key(ui_state *u, int key)
{
    u->prompt = PROMPT_NONE;
    if (mt_key_action(MT_KC_CONFIRM, key) == MT_ACT_ACCEPT)
        do_kill(u);
    else
        ui_set_status(u, "no signal sent");
}

static void prompt_key(ui_state *u, int key)
{
    size_t len = strlen(u->input);
    switch (mt_key_action(MT_KC_PROMPT, key)) {
    case MT_ACT_SEARCH_NEXT:
        if (u->prompt == PROMPT_SEARCH)
            search_next(u, u->selected + 1);
        break;
    case MT_ACT_CANCEL:
        u->prompt = PROMPT_NONE;
        u->input[0] = '\0';
        break;
    case MT_ACT_ACCEPT: prompt_done(u); break;
    case MT_ACT_ERASE:
        if (len > 0)
            u->input[len - 1] = '\0';
        break;
    case MT_ACT_ERASE_LINE: u->input[0] = '\0'; break; /* Ctrl-U, as in a shell */
    default:
        if (key >= 0x20 && key < 0x7f && len + 1 < sizeof u->input) {
            u->input[len] = (char)key;
            u->input[len + 1] = '\0';
            if (u->prompt == PROMPT_SEARCH)
                search_next(u, u->selected);
        }
        break;
    }
}

static void start_prompt(ui_state *u, enum ui_prompt p, const char *initial)
{
    u->prompt = p;
    u->status[0] = '\0';
    mt_strlcpy(u->input, initial, sizeof u->input);
}

static long page_size(const ui_state *u)
{
    long page = u->rows - u->list_y - 2;
    return page < 1 ? 1 : page;
}

static void move_selection(ui_state *u, long delta)
{
    long s = (long)u->selected + delta;
    if (s < 0 || u->nrows == 0)
        s = 0;
    if (u->nrows > 0 && s >= (long)u->nrows)
        s = (long)u->nrows - 1;
    u->selected = (size_t)s;
    if (u->nrows > 0)
        u->selected_pid = u->rows_p[u->selected]->raw.pid;
    u->picked = s > 0;          /* Home: back to the top row */
}

static void mouse_click(ui_state *u)
{
    MEVENT ev;
    if (getmouse(&ev) != OK || u->screen != UI_LIST)
        return;
    if (ev.y == u->list_y) {
        int c = mt_column_at(u->shown, u->colx, u->colw, ev.x);
        const mt_column_info *ci = c >= 0 ? mt_column_get((enum mt_column)c) : NULL;
        if (ci && ci->sort >= 0) {
            if (ci->sort == (int)u->opts.sort)
                u->opts.reverse = !u->opts.reverse;
            sort_by(u, (enum mt_sort_key)ci->sort);
        }
    } else if (ev.y > u->list_y) {
        size_t i = u->top + (size_t)(ev.y - u->list_y - 1);
        if (i < u->nrows) {
            u->selected = i;
            u->selected_pid = u->rows_p[i]->raw.pid;
            u->picked = i > 0;
        }
    }
}

/* g: processes -> groups by name -> groups by cgroup -> processes.  The
 * cgroup groups start their history when first shown (reading every
 * process's cgroup costs a file a process each refresh, so only then). */
static void cycle_groups(ui_state *u)
{
    if (u->mode == MODE_GROUPS && !u->replay) {
        u->filter.text = u->filter_text[0] ? u->filter_text : NULL;
        mt_engine_groups(u->eng, MT_GROUP_CGROUP);
        u->mode = MODE_CGROUPS;
        ui_set_status(u, "grouped by cgroup: LIMIT and FREE are its memory.max and what is left");
    } else if (u->mode == MODE_GROUPS || u->mode == MODE_CGROUPS) {
        u->mode = MODE_PROCS;
        ui_set_status(u, "list of processes");
    } else {
        u->mode = MODE_GROUPS;
        ui_set_status(u, "grouped by command name (PROCS: members; history survives restarts)");
    }
    ui_rebuild_view(u);
}

static void save_settings(ui_state *u)
{
    char path[4096], err[4400];
    if (mt_settings_path(path, sizeof path) < 0)
        ui_set_status(u, "not saved: neither XDG_CONFIG_HOME nor HOME is set");
    else if (mt_settings_save(&u->opts, path, err, sizeof err) < 0)
        ui_set_status(u, "not saved: %s", err);
    else
        ui_set_status(u, "settings saved to %s", path);
}

/* The status line's name of a key that does nothing. */
static void key_label(int key, char *buf, size_t n)
{
    const char *name = keyname(key);
    if (key == MT_KEY_ESC || (key >= KEY_F(1) && key <= KEY_F(63)))
        mt_key_name(key, buf, n);   /* as the help names it */
    else if (key > 0x20 && key < 0x7f)
        snprintf(buf, n, "'%c'", key);
    else
        snprintf(buf, n, "%s", name ? name : "that key");
}

static void unbound(ui_state *u, int key)
{
    char k[32];
    if (key == KEY_F(7) || key == KEY_F(8)) {
        ui_set_status(u, "F7/F8 change the niceness in htop: memtop does not (it watches memory)");
        return;
    }
    key_label(key, k, sizeof k);
    ui_set_status(u, "%s does nothing here: F1 or ? lists the keys", k);
}

/* After a column was turned on: say so if the screen cannot show it. */
static void say_if_hidden(ui_state *u, unsigned cols, const char *on)
{
    unsigned hidden = ui_hidden_columns(u) & cols;
    char names[128] = "";
    if (!hidden) {
        ui_set_status(u, "%s", on);
        return;
    }
    /* What does not fit first: a narrow status line cuts the end. */
    mt_columns_format(hidden, names, sizeof names);
    ui_set_status(u, "no room for %s in %d columns: widen the terminal or turn others off (F2)",
                  names, u->cols);
}

static void clear_filters(ui_state *u)
{
    bool any = u->filter_text[0] || u->filter.by_uid || u->filter.npids > 0;
    u->filter_text[0] = '\0';
    u->user_text[0] = '\0';
    u->filter.by_uid = false;
    u->filter.npids = 0;
    to_top(u);
    ui_rebuild_view(u);
    ui_set_status(u, any ? "every filter cleared: all processes" : "no filter to clear");
}

static void start_kill(ui_state *u)
{
    if (u->nrows == 0)
        return;
    if (ui_groups(u) || u->replay) {
        ui_set_status(u, u->replay ? "a recording: its processes are not here to signal"
                                   : "k signals one process: leave the group view (g) first");
        return;
    }
    const mt_proc *p = u->rows_p[u->selected];
    u->kill_pid = p->raw.pid;
    u->kill_start = p->raw.start_ticks;
    mt_term_fit(u->kill_name, sizeof u->kill_name, p->raw.comm, 16, '>', u->utf8);
    start_prompt(u, PROMPT_SIGNAL, "");
}

static void open_screen(ui_state *u, enum ui_screen s)
{
    u->screen = s;
    u->page_top = 0;
    u->menu_sel = s == UI_SORTMENU ? (size_t)u->opts.sort : 0;
}

/* <- and ->: a frame back or forward in a recording. */
static void step_frame(ui_state *u, int dir)
{
    if (!u->replay) {
        ui_set_status(u, "<- and -> step through a recording (memtop -r FILE)");
        return;
    }
    u->paused = true;
    if (dir < 0 && u->frame == 0)
        ui_set_status(u, "start of the recording");
    else
        ui_replay_goto(u, dir < 0 ? u->frame - 1 : u->frame + 1);
}

static void toggle_pss(ui_state *u)
{
    if (u->replay) {
        ui_set_status(u, "PSS is not in recordings");
        return;
    }
    u->opts.pss = !u->opts.pss;
    mt_proctable_set_pss(mt_source_proctable(mt_engine_source(u->eng)), u->opts.pss);
    if (u->opts.pss)
        say_if_hidden(u, (1u << MT_COL_PSS) | (1u << MT_COL_USS),
                      "PSS/USS on from the next refresh (reads smaps_rollup: costly)");
    else
        ui_set_status(u, "PSS/USS off");
}

static void toggle_oom(ui_state *u)
{
    unsigned cols = u->opts.view_columns ? u->opts.view_columns : MT_COLUMNS_DEFAULT;
    bool on = (cols & MT_COLUMNS_OPTIONAL) != MT_COLUMNS_OPTIONAL;
    u->opts.view_columns = on ? cols | MT_COLUMNS_OPTIONAL : cols & ~MT_COLUMNS_OPTIONAL;
    if (on)
        say_if_hidden(u, MT_COLUMNS_OPTIONAL, "OOM-SCORE, OOM-ADJ on (W keeps them)");
    else
        ui_set_status(u, "OOM columns off");
}

static void toggle_tree(ui_state *u)
{
    u->mode = u->mode == MODE_TREE ? MODE_PROCS : MODE_TREE;
    ui_rebuild_view(u);
    if (u->mode == MODE_TREE)
        say_if_hidden(u, (1u << MT_COL_SUBRES) | (1u << MT_COL_SUBHEAP) |
                             (1u << MT_COL_SUBGROWTH),
                      "tree: SUB-RES, SUB-HEAP and SUB-GROWTH add up each subtree");
    else
        ui_set_status(u, "list of processes");
}

static void open_map(ui_state *u)
{
    if (u->nrows == 0)
        return;
    if (u->replay)
        ui_set_status(u, "a recording has no memory maps: memtop -m PID on the live system");
    else if (ui_groups(u))
        ui_set_status(u, "Enter opens one process's map: leave the group view (g) first");
    else
        ui_map_open(u, u->rows_p[u->selected]->raw.pid);
}

/* What a key does in the list; false: quit. */
static bool list_action(ui_state *u, enum mt_key_action act, int key)
{
    switch (act) {
    case MT_ACT_QUIT: return false;
    case MT_ACT_UP: move_selection(u, -1); break;
    case MT_ACT_DOWN: move_selection(u, 1); break;
    case MT_ACT_PAGE_UP: move_selection(u, -page_size(u)); break;
    case MT_ACT_PAGE_DOWN: move_selection(u, page_size(u)); break;
    case MT_ACT_HOME: move_selection(u, -(long)u->nrows); break;
    case MT_ACT_END: move_selection(u, (long)u->nrows); break;
    case MT_ACT_SORT_LEFT: sort_step(u, -1); break;
    case MT_ACT_SORT_RIGHT: sort_step(u, 1); break;
    case MT_ACT_SORT_REVERSE: sort_reverse(u); break;
    case MT_ACT_SORT_RES: sort_by(u, MT_SORT_RES); break;
    case MT_ACT_SORT_GROWTH: sort_by(u, MT_SORT_GROWTH); break;
    case MT_ACT_SORT_PID: sort_by(u, MT_SORT_PID); break;
    case MT_ACT_SORT_HEAP: sort_by(u, MT_SORT_HEAP); break;
    case MT_ACT_CMDLINE:
        u->opts.cmdline = !u->opts.cmdline;
        ui_set_status(u, u->opts.cmdline ? "full command lines" : "process names");
        break;
    case MT_ACT_FILTER: start_prompt(u, PROMPT_FILTER, u->filter_text); break;
    case MT_ACT_SEARCH: start_prompt(u, PROMPT_SEARCH, ""); break;
    case MT_ACT_USER: start_prompt(u, PROMPT_USER, u->user_text); break;
    case MT_ACT_CLEAR_FILTERS: clear_filters(u); break;
    case MT_ACT_DELAY: start_prompt(u, PROMPT_DELAY, ""); break;
    case MT_ACT_PAUSE:
        u->paused = !u->paused;
        ui_set_status(u, u->paused ? "paused (space resumes)" : "resumed");
        break;
    case MT_ACT_FRAME_BACK: step_frame(u, -1); break;
    case MT_ACT_FRAME_FORWARD: step_frame(u, 1); break;
    case MT_ACT_LEDGER: open_screen(u, UI_LEDGER); break;
    case MT_ACT_SAVE: save_settings(u); break;
    case MT_ACT_PSS: toggle_pss(u); break;
    case MT_ACT_OOM: toggle_oom(u); break;
    case MT_ACT_TREE: toggle_tree(u); break;
    case MT_ACT_GROUPS: cycle_groups(u); break;
    case MT_ACT_HELP: open_screen(u, UI_HELP); break;
    case MT_ACT_SETUP: open_screen(u, UI_SETUP); break;
    case MT_ACT_SORTMENU: open_screen(u, UI_SORTMENU); break;
    case MT_ACT_KILL: start_kill(u); break;
    case MT_ACT_OPEN: open_map(u); break;
    case MT_ACT_MOUSE: mouse_click(u); break;
    default: unbound(u, key); break;
    }
    return true;
}

/* Help, ledger, legend: the arrows and pages scroll; any other key
 * goes back where they were opened from (F10 quits). */
static bool pager_action(ui_state *u, enum mt_key_action act)
{
    long page = u->page_rows > 1 ? u->page_rows - 1 : 1;
    long top = (long)u->page_top;
    switch (act) {
    case MT_ACT_UP: top--; break;
    case MT_ACT_DOWN: top++; break;
    case MT_ACT_PAGE_UP: top -= page; break;
    case MT_ACT_PAGE_DOWN: top += page; break;
    case MT_ACT_HOME: top = 0; break;
    case MT_ACT_END: top = (long)u->page_lines; break;   /* the drawing clamps it */
    case MT_ACT_QUIT: return false;
    default:
        u->screen = u->screen == UI_LEGEND ? UI_MAP : UI_LIST;
        return true;
    }
    u->page_top = top < 0 ? 0 : (size_t)top;
    return true;
}

/* Up/Down in the setup screen and the sort menu. */
static bool menu_move(ui_state *u, enum mt_key_action act, size_t n)
{
    switch (act) {
    case MT_ACT_UP: if (u->menu_sel > 0) u->menu_sel--; return true;
    case MT_ACT_DOWN: if (u->menu_sel + 1 < n) u->menu_sel++; return true;
    case MT_ACT_PAGE_UP: u->menu_sel = u->menu_sel > 10 ? u->menu_sel - 10 : 0; return true;
    case MT_ACT_PAGE_DOWN: u->menu_sel = u->menu_sel + 10 < n ? u->menu_sel + 10 : n - 1; return true;
    case MT_ACT_HOME: u->menu_sel = 0; return true;
    case MT_ACT_END: u->menu_sel = n - 1; return true;
    default: return false;
    }
}

static void setup_action(ui_state *u, enum mt_key_action act, int key)
{
    if (menu_move(u, act, UI_SETUP_LINES))
        return;
    switch (act) {
    case MT_ACT_TOGGLE: {
        if (u->menu_sel + 1 == UI_SETUP_LINES) {
            u->opts.cmdline = !u->opts.cmdline;
            break;
        }
        int c = ui_setup_column(u->menu_sel);
        unsigned cols = u->opts.view_columns ? u->opts.view_columns : MT_COLUMNS_DEFAULT;
        u->opts.view_columns = cols ^ (1u << c);
        if (u->opts.view_columns & (1u << c))
            say_if_hidden(u, 1u << c, "column on (W saves)");
        else
            ui_set_status(u, "column off (W saves)");
        break;
    }
    case MT_ACT_SAVE: save_settings(u); break;
    case MT_ACT_BACK: u->screen = UI_LIST; break;
    default: unbound(u, key); break;
    }
}

static void sortmenu_action(ui_state *u, enum mt_key_action act, int key)
{
    if (menu_move(u, act, UI_SORTMENU_LINES))
        return;
    switch (act) {
    case MT_ACT_ACCEPT:
        u->screen = UI_LIST;
        sort_by(u, (enum mt_sort_key)u->menu_sel);
        return;
    case MT_ACT_BACK: u->screen = UI_LIST; return;
    default:
        /* A letter: the first key whose name starts with it, or the
         * next one when the selection already starts with it. */
        if (key > 0x20 && key < 0x7f) {
            char letter[2] = { (char)key, 0 };
            bool again = strncasecmp(mt_sort_key_name((enum mt_sort_key)u->menu_sel), letter, 1) == 0;
            for (size_t k = 0; k < UI_SORTMENU_LINES; k++) {
                size_t i = again ? (u->menu_sel + 1 + k) % UI_SORTMENU_LINES : k;
                if (strncasecmp(mt_sort_key_name((enum mt_sort_key)i), letter, 1) == 0) {
                    u->menu_sel = i;
                    return;
                }
            }
        }
        unbound(u, key);
    }
}

/* The map: F10 quits, and q too when the map is memtop (-m PID). */
static bool map_action(ui_state *u, enum mt_key_action act, int key)
{
    if (act == MT_ACT_QUIT || (act == MT_ACT_CLOSE && u->map_only))
        return false;
    if (act == MT_ACT_KILL)
        ui_set_status(u, "Esc returns to the list, where k signals a process");
    else if (!ui_map_action(u, act))
        unbound(u, key);
    return true;
}

/* The key table's context of each screen. */
static const enum mt_key_context screen_context[] = {
    [UI_LIST] = MT_KC_LIST, [UI_HELP] = MT_KC_PAGER, [UI_LEDGER] = MT_KC_PAGER,
    [UI_MAP] = MT_KC_MAP, [UI_LEGEND] = MT_KC_PAGER, [UI_SETUP] = MT_KC_SETUP,
    [UI_SORTMENU] = MT_KC_SORTMENU,
};

bool ui_handle_key(ui_state *u, int key)
{
    if (u->prompt == PROMPT_CONFIRM_KILL) {
        confirm_key(u, key);
        return true;
    }
    if (u->prompt != PROMPT_NONE) {
        prompt_key(u, key);
        return true;
    }
    /* A resize only redraws; the mouse only clicks in the list. */
    if (key == KEY_RESIZE || key == ERR || (key == KEY_MOUSE && u->screen != UI_LIST))
        return true;
    enum mt_key_action act = mt_key_action(screen_context[u->screen], key);
    switch (u->screen) {
    case UI_MAP: return map_action(u, act, key);
    case UI_SETUP: setup_action(u, act, key); return true;
    case UI_SORTMENU: sortmenu_action(u, act, key); return true;
    case UI_HELP: case UI_LEDGER: case UI_LEGEND: return pager_action(u, act);
    case UI_LIST: break;
    }
    return list_action(u, act, key);
}
