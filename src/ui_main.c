/* ui_main.c - terminal set-up and the refresh/key loop. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <math.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <unistd.h>

#include "memtop/ui.h"
#include "memtop/util.h"
#include "ui_draw.h"
#include "ui_keys.h"
#include "ui_list.h"
#include "ui_map.h"
#include "ui_widgets.h"

static bool curses_active;

/* Every way out restores the terminal, even exit() from deep inside. */
static void restore_terminal(void)
{
    if (curses_active && !isendwin())
        endwin();
    curses_active = false;
}

int mt_ui_check_terminal(char *why, size_t whylen)
{
    const char *term = getenv("TERM");
    int err = 0;
    if (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO)) {
        snprintf(why, whylen, "standard output is not a terminal: use -b for batch output");
        return -1;
    }
    if (!term || !*term || strcmp(term, "dumb") == 0) {
        snprintf(why, whylen, "TERM is %s: the interactive view needs a real terminal;"
                 " use -b for batch output", term && *term ? "dumb" : "not set");
        return -1;
    }
    if (setupterm(NULL, STDOUT_FILENO, &err) != OK) {
        snprintf(why, whylen, "no terminfo entry for TERM=%.64s: use -b for batch output"
                 " (or set TERM to a known terminal)", term);
        return -1;
    }
    del_curterm(cur_term);
    cur_term = NULL;
    return 0;
}

static void init_colors(ui_state *u)
{
    u->color = !u->opts.no_color && has_colors();
    if (!u->color)
        return;
    start_color();
    use_default_colors();
    init_pair(PAIR_ANON, COLOR_RED, -1);
    init_pair(PAIR_FILE, COLOR_BLUE, -1);
    init_pair(PAIR_SHMEM, COLOR_MAGENTA, -1);
    init_pair(PAIR_SWAP, COLOR_YELLOW, -1);
    init_pair(PAIR_KERNEL, COLOR_CYAN, -1);
    init_pair(PAIR_LEAK, COLOR_RED, -1);
    init_pair(PAIR_TITLE, COLOR_GREEN, -1);
    init_pair(PAIR_GROW, COLOR_YELLOW, -1);
    init_pair(PAIR_HEADER, COLOR_BLACK, COLOR_GREEN);
}

static int start_curses(ui_state *u)
{
    if (!newterm(NULL, stdout, stdin))
        return -1;
    curses_active = true;
    atexit(restore_terminal);
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    curs_set(0);
    set_escdelay(25);
    mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
    mouseinterval(0);
    init_colors(u);
    return 0;
}

/* One refresh: a new reading of /proc, or the next recorded frame.
 * Returns -1 when /proc cannot be read (the view cannot go on). */
static int sample(ui_state *u)
{
    if (u->replay) {
        ui_replay_goto(u, mt_engine_loaded(u->eng) ? u->frame + 1 : 0);
        return 0;
    }
    u->filter.text = u->filter_text[0] ? u->filter_text : NULL;
    int r = ui_engine_result(u, mt_engine_refresh(u->eng));
    if (r == -1)
        return -1;
    if (r == -2)    /* -w failed: go on without it, say so at exit */
        mt_engine_detach(u->eng, mt_engine_failed_sink(u->eng));
    ui_show_refresh(u);
    if (u->screen == UI_MAP || u->screen == UI_LEGEND)
        ui_map_refresh(u);
    return 0;
}

static void state_init(ui_state *u, const mt_options *o, mt_engine *e)
{
    memset(u, 0, sizeof *u);
    u->opts = *o;
    u->eng = e;
    u->replay = !mt_source_live_p(mt_engine_source(e));
    u->snap = mt_engine_snapshot(e);
    u->opts.pids = NULL;  /* the filter points at the caller's copy */
    u->opts.filter = NULL;
    u->filter.pids = o->pids;
    u->filter.npids = o->npids;
    u->filter.by_uid = o->by_uid;
    u->filter.uid = o->uid;
    u->filter.kthreads = o->kthreads;
    if (o->filter)
        mt_strlcpy(u->filter_text, o->filter, sizeof u->filter_text);
    if (o->by_uid) { /* -u: named in the footer like a u typed here */
        struct passwd *pw = getpwuid(o->uid);
        if (pw)
            mt_strlcpy(u->user_text, pw->pw_name, sizeof u->user_text);
        else
            snprintf(u->user_text, sizeof u->user_text, "%u", (unsigned)o->uid);
    }
    u->utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
    mt_view_init(&u->group_view);
    mt_tree_init(&u->tree);
    u->st = mt_xmalloc(o->analysis.history * sizeof *u->st);
    u->sv = mt_xmalloc(o->analysis.history * sizeof *u->sv);
}

static void state_free(ui_state *u)
{
    mt_view_free(&u->group_view);
    mt_tree_free(&u->tree);
    ui_map_close(u);
    free(u->st);
    free(u->sv);
}

/* Waits for keys until the next refresh is due; true to go on. */
static bool wait_keys(ui_state *u, double next, volatile sig_atomic_t *stop)
{
    for (;;) {
        double left = next - mt_now_mono();
        if (*stop || (!u->paused && left <= 0))
            return !*stop;
        timeout(u->paused ? 1000 : (int)ceil(left * 1000));
        int key = getch();
        if (key == ERR)
            continue;
        if (!ui_handle_key(u, key))
            return false;
        ui_draw(u);
    }
}

int mt_ui_run(const mt_options *o, mt_engine *e, const char *notice,
              volatile sig_atomic_t *stop)
{
    ui_state u;
    state_init(&u, o, e);
    if (notice) /* its first line; all of it is printed again at exit */
        ui_set_status(&u, "%.*s", (int)strcspn(notice, "\n"), notice);
    if (u.replay && mt_source_count(mt_engine_source(e)) == 0) {
        mt_error("%s: no intact frame to replay", o->replay);
        state_free(&u);
        return 1;
    }
    mt_proctable *pt = mt_source_proctable(mt_engine_source(e));
    if (pt && mt_proctable_missing(pt))     /* subset=pid: say what is not shown */
        ui_set_status(&u, "/proc has no %s", mt_proctable_missing(pt));
    mt_engine_set_filter(e, &u.filter);
    mt_engine_need(e, MT_SINK_VIEW | MT_SINK_GROWSIN);  /* the list and its GROWS-IN */
    mt_engine_groups(e, MT_GROUP_NAME);
    if (start_curses(&u) < 0) {
        mt_error("cannot start the interactive view on this terminal: use -b");
        state_free(&u);
        return 1;
    }
    int status = 0;
    double next = mt_now_mono();
    bool open_map = o->map_pid > 0 && !u.replay;
    if (ui_engine_result(&u, mt_engine_begin(e) < 0 ? -2 : 0) == -2)
        mt_engine_detach(e, mt_engine_failed_sink(e));
    for (long i = 0; !*stop && (o->iterations == 0 || i < o->iterations); i++) {
        if (sample(&u) < 0) {
            restore_terminal();
            mt_error("%s", mt_engine_error(e));
            status = 1;
            break;
        }
        if (open_map) { /* -m PID: start on its map, once the list knows it */
            ui_map_open(&u, o->map_pid);
            u.map_only = true;
            open_map = false;
        }
        ui_draw(&u);
        next += u.opts.delay;
        if (next < mt_now_mono())
            next = mt_now_mono() + u.opts.delay;
        if (!wait_keys(&u, next, stop))
            break;
    }
    restore_terminal();
    if (!mt_engine_failed_sink(e))
        mt_engine_end(e);
    state_free(&u);
    return status;
}
