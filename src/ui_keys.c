/* ui_keys.c - what each key does.  Keys only change the UI's state or
 * ask the core for another view of the same snapshot. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "memtop/settings.h"
#include "memtop/signal.h"
#include "memtop/util.h"
#include "ui_internal.h"

#define KEY_ESC 27

void ui_rebuild_view(ui_state *u)
{
    u->filter.text = u->filter_text[0] ? u->filter_text : NULL;
    switch (u->mode) {
    case MODE_PROCS:
        mt_view_build(&u->view, &u->snap, &u->filter, u->opts.sort, u->opts.reverse);
        u->rows_p = u->view.rows;
        u->nrows = u->view.n;
        break;
    case MODE_TREE:
        mt_tree_build(&u->tree, &u->snap, &u->filter, u->opts.sort, u->opts.reverse);
        u->rows_p = u->tree.rows;
        u->nrows = u->tree.n;
        break;
    case MODE_GROUPS:
    case MODE_CGROUPS:
        /* The groups were summed from the filtered processes already. */
        mt_view_build(&u->view, mt_groups_snapshot(ui_groups(u)), NULL, u->opts.sort,
                      u->opts.reverse);
        u->rows_p = u->view.rows;
        u->nrows = u->view.n;
        break;
    }
    if (!u->picked) {
        u->selected = 0;
        return;
    }
    /* Keep the same process selected after a re-sort or refresh. */
    for (size_t i = 0; i < u->nrows; i++)
        if (u->rows_p[i]->pid == u->selected_pid) {
            u->selected = i;
            return;
        }
}

static void sort_by(ui_state *u, enum mt_sort_key key)
{
    u->opts.sort = key;
    ui_rebuild_view(u);
    ui_set_status(u, "sorted by %s", mt_sort_key_name(key));
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

static void prompt_done(ui_state *u)
{
    char err[256];
    enum ui_prompt p = u->prompt;
    u->prompt = PROMPT_NONE;
    switch (p) {
    case PROMPT_FILTER:
        mt_strlcpy(u->filter_text, u->input, sizeof u->filter_text);
        break;
    case PROMPT_USER:
        if (!u->input[0]) {
            u->filter.by_uid = false;
            u->user_text[0] = '\0';
        } else if (mt_parse_user(u->input, &u->filter.uid, err, sizeof err) == 0) {
            u->filter.by_uid = true;
            mt_strlcpy(u->user_text, u->input, sizeof u->user_text);
        } else {
            ui_set_status(u, "%s", err);
        }
        break;
    case PROMPT_DELAY:
        if (mt_parse_delay(u->input, &u->opts.delay, err, sizeof err) < 0)
            ui_set_status(u, "%s", err + 3); /* drop "-d " */
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

static bool prompt_key(ui_state *u, int key)
{
    size_t len = strlen(u->input);
    if (u->prompt == PROMPT_CONFIRM_KILL) {
        u->prompt = PROMPT_NONE;
        if (key == 'y' || key == 'Y')
            do_kill(u);
        else
            ui_set_status(u, "no signal sent");
        return true;
    }
    if (key == KEY_ESC) {
        u->prompt = PROMPT_NONE;
        u->input[0] = '\0';
    } else if (key == '\n' || key == '\r' || key == KEY_ENTER) {
        prompt_done(u);
    } else if (key == KEY_BACKSPACE || key == 127 || key == 8) {
        if (len > 0)
            u->input[len - 1] = '\0';
    } else if (key >= 0x20 && key < 0x7f && len + 1 < sizeof u->input) {
        u->input[len] = (char)key;
        u->input[len + 1] = '\0';
    }
    return true;
}

static void start_prompt(ui_state *u, enum ui_prompt p, const char *initial)
{
    u->prompt = p;
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
        u->selected_pid = u->rows_p[u->selected]->pid;
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
            u->selected_pid = u->rows_p[i]->pid;
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
        if (!u->cgroups) {
            u->cgroups = mt_groups_new(&u->opts.analysis, MT_GROUP_CGROUP);
            u->filter.text = u->filter_text[0] ? u->filter_text : NULL;
        }
        u->mode = MODE_CGROUPS;
        mt_groups_update(u->cgroups, &u->snap, &u->filter);
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

static bool list_key(ui_state *u, int key)
{
    switch (key) {
    case 'q': return false;
    case KEY_UP: move_selection(u, -1); break;
    case KEY_DOWN: move_selection(u, 1); break;
    case KEY_PPAGE: move_selection(u, -page_size(u)); break;
    case KEY_NPAGE: move_selection(u, page_size(u)); break;
    case KEY_HOME: move_selection(u, -(long)u->nrows); break;
    case KEY_END: move_selection(u, (long)u->nrows); break;
    case '<': sort_step(u, -1); break;
    case '>': sort_step(u, 1); break;
    case 'R':
        u->opts.reverse = !u->opts.reverse;
        ui_rebuild_view(u);
        break;
    case 'M': sort_by(u, MT_SORT_RES); break;
    case 'G': sort_by(u, MT_SORT_GROWTH); break;
    case 'N': sort_by(u, MT_SORT_PID); break;
    case 'H': sort_by(u, MT_SORT_HEAP); break;
    case 'c': u->opts.cmdline = !u->opts.cmdline; break;
    case '/': start_prompt(u, PROMPT_FILTER, u->filter_text); break;
    case 'u': start_prompt(u, PROMPT_USER, u->user_text); break;
    case 'd': start_prompt(u, PROMPT_DELAY, ""); break;
    case ' ':
        u->paused = !u->paused;
        ui_set_status(u, u->paused ? "paused (space resumes)" : "resumed");
        break;
    case KEY_LEFT: case KEY_RIGHT:
        if (!u->replay) {
            ui_set_status(u, "<- and -> step through a recording (memtop -r FILE)");
            break;
        }
        u->paused = true;
        if (key == KEY_LEFT && u->frame == 0)
            ui_set_status(u, "start of the recording");
        else
            ui_replay_goto(u, key == KEY_LEFT ? u->frame - 1 : u->frame + 1);
        break;
    case 'x': u->screen = UI_LEDGER; break;
    case 'W': save_settings(u); break;
    case 'P':
        if (u->replay) {
            ui_set_status(u, "PSS is not in recordings");
            break;
        }
        u->opts.pss = !u->opts.pss;
        mt_proctable_set_pss(u->pt, u->opts.pss);
        ui_set_status(u, u->opts.pss ? "PSS/USS on from the next refresh (reads smaps_rollup: costly)"
                                     : "PSS/USS off");
        break;
    case 'O': {
        unsigned cols = u->opts.view_columns ? u->opts.view_columns : MT_COLUMNS_DEFAULT;
        bool on = (cols & MT_COLUMNS_OPTIONAL) != MT_COLUMNS_OPTIONAL;
        u->opts.view_columns = on ? cols | MT_COLUMNS_OPTIONAL : cols & ~MT_COLUMNS_OPTIONAL;
        ui_set_status(u, on ? "OOM-SCORE, OOM-ADJ on (W keeps them)" : "OOM columns off");
        break;
    }
    case 't':
        u->mode = u->mode == MODE_TREE ? MODE_PROCS : MODE_TREE;
        ui_rebuild_view(u);
        ui_set_status(u, u->mode == MODE_TREE ? "tree: SUB-RES and SUB-HEAP add up each subtree"
                                             : "list of processes");
        break;
    case 'g':
        cycle_groups(u);
        break;
    case 'h': case '?': case KEY_F(1): u->screen = UI_HELP; break;
    case 'k':
        if (u->nrows == 0)
            break;
        if (ui_groups(u) || u->replay) {
            ui_set_status(u, u->replay ? "a recording: its processes are not here to signal"
                                       : "k signals one process: leave the group view (g) first");
            break;
        }
        u->kill_pid = u->rows_p[u->selected]->pid;
        u->kill_start = u->rows_p[u->selected]->start_ticks;
        start_prompt(u, PROMPT_SIGNAL, "");
        break;
    case '\n': case '\r': case KEY_ENTER:
        if (u->nrows == 0)
            break;
        if (u->replay)
            ui_set_status(u, "a recording has no memory maps: memtop -m PID on the live system");
        else if (ui_groups(u))
            ui_set_status(u, "Enter opens one process's map: leave the group view (g) first");
        else
            ui_map_open(u, u->rows_p[u->selected]->pid);
        break;
    case KEY_MOUSE: mouse_click(u); break;
    default: break;
    }
    return true;
}

bool ui_handle_key(ui_state *u, int key)
{
    if (u->prompt != PROMPT_NONE)
        return prompt_key(u, key);
    if (u->screen == UI_MAP) {
        if (!ui_map_key(u, key) && key == 'k')
            ui_set_status(u, "Esc returns to the list, where k signals a process");
        return true;
    }
    if (u->screen != UI_LIST) {
        if (key != KEY_RESIZE && key != KEY_MOUSE)
            u->screen = u->screen == UI_LEGEND ? UI_MAP : UI_LIST;
        return true;
    }
    return list_key(u, key);
}
