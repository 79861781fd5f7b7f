/* ui_main.c - terminal set-up and the refresh/key loop. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <langinfo.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <unistd.h>

#include "memtop/ui.h"
#include "memtop/util.h"
#include "ui_internal.h"

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

/* Judges the snapshot in u->snap: history, verdicts, groups. */
static void analyse(ui_state *u)
{
    mt_analysis_update(u->an, &u->snap);
    u->filter.text = u->filter_text[0] ? u->filter_text : NULL;
    mt_groups_update(u->groups, &u->snap, &u->filter);
    if (u->mode == MODE_CGROUPS)
        mt_groups_update(u->cgroups, &u->snap, &u->filter);
}

static void analysis_reset(ui_state *u)
{
    mt_analysis_opts ao = u->opts.analysis;
    ao.cgroup_root = NULL; /* the recorded machine's cgroups are not here */
    mt_analysis_free(u->an);
    mt_groups_free(u->groups);
    u->an = mt_analysis_new(&ao);
    u->groups = mt_groups_new(&ao, MT_GROUP_NAME);
}

static int replay_step(ui_state *u)
{
    int r = mt_replay_next(u->replay, &u->snap);
    if (r < 0)
        ui_set_status(u, "%s", mt_replay_error(u->replay));
    if (r == 1)
        analyse(u);
    return r;
}

int ui_replay_goto(ui_state *u, size_t index)
{
    size_t count = mt_replay_count(u->replay);
    if (index >= count) {
        u->paused = true;
        ui_set_status(u, "end of the recording (%zu frames): <- steps back", count);
        return 0;
    }
    if (!u->loaded || index != u->frame + 1) {
        /* Not the next frame: replay the history that led up to it. */
        size_t span = u->opts.analysis.history;
        size_t from = index + 1 > span ? index + 1 - span : 0;
        analysis_reset(u);
        if (mt_replay_seek(u->replay, from) < 0) {
            ui_set_status(u, "%s", mt_replay_error(u->replay));
            return -1;
        }
        for (size_t k = from; k < index; k++)
            if (replay_step(u) != 1)
                return -1;
    }
    if (replay_step(u) != 1) {
        u->paused = true;
        return -1;
    }
    u->frame = index;
    u->loaded = true;
    ui_rebuild_view(u);
    return 0;
}

/* One refresh: a new reading of /proc, or the next recorded frame. */
static int sample(ui_state *u)
{
    if (u->replay) {
        ui_replay_goto(u, u->loaded ? u->frame + 1 : 0);
        return 0;
    }
    if (mt_proctable_sample(u->pt, &u->snap) < 0)
        return -1;
    analyse(u);
    ui_rebuild_view(u);
    if (u->screen == UI_MAP || u->screen == UI_LEGEND)
        ui_map_refresh(u);
    return 0;
}

static void state_init(ui_state *u, const mt_options *o)
{
    memset(u, 0, sizeof *u);
    u->opts = *o;
    u->opts.pids = NULL;  /* the filter points at the caller's copy */
    u->opts.filter = NULL;
    u->filter.pids = o->pids;
    u->filter.npids = o->npids;
    u->filter.by_uid = o->by_uid;
    u->filter.uid = o->uid;
    u->filter.kthreads = o->kthreads;
    if (o->filter)
        mt_strlcpy(u->filter_text, o->filter, sizeof u->filter_text);
    u->utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
    mt_snapshot_init(&u->snap);
    mt_view_init(&u->view);
    mt_tree_init(&u->tree);
    u->st = mt_xmalloc(o->analysis.history * sizeof *u->st);
    u->sv = mt_xmalloc(o->analysis.history * sizeof *u->sv);
}

static void state_free(ui_state *u)
{
    mt_view_free(&u->view);
    mt_tree_free(&u->tree);
    mt_groups_free(u->groups);
    mt_groups_free(u->cgroups);
    mt_snapshot_free(&u->snap);
    mt_analysis_free(u->an);
    mt_proctable_free(u->pt);
    mt_replay_close(u->replay);
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

int mt_ui_run(const mt_options *o, const char *notice, volatile sig_atomic_t *stop)
{
    ui_state u;
    state_init(&u, o);
    if (notice) /* its first line; all of it is printed again at exit */
        ui_set_status(&u, "%.*s", (int)strcspn(notice, "\n"), notice);
    char err[256];
    if (o->replay) {
        u.replay = mt_replay_open(o->replay, err, sizeof err);
        if (!u.replay || mt_replay_count(u.replay) == 0) {
            mt_error("%s: %s", o->replay, u.replay ? "no intact frame to replay" : err);
            state_free(&u);
            return 1;
        }
        analysis_reset(&u);
    } else {
        /* O shows them at any time: always read (SPEC: on full reads). */
        mt_proctable_opts po = { .pss = o->pss, .oom = true };
        u.pt = mt_proctable_open(&po);
        if (!u.pt) {
            mt_error("cannot read /proc: %s", strerror(errno));
            state_free(&u);
            return 1;
        }
        if (mt_proctable_missing(u.pt))     /* subset=pid: say what is not shown */
            ui_set_status(&u, "/proc has no %s", mt_proctable_missing(u.pt));
        u.an = mt_analysis_new(&o->analysis);
        u.groups = mt_groups_new(&o->analysis, MT_GROUP_NAME);
    }
    if (start_curses(&u) < 0) {
        mt_error("cannot start the interactive view on this terminal: use -b");
        state_free(&u);
        return 1;
    }
    int status = 0;
    double next = mt_now_mono();
    bool open_map = o->map_pid > 0 && !u.replay;
    for (long i = 0; !*stop && (o->iterations == 0 || i < o->iterations); i++) {
        if (sample(&u) < 0) {
            restore_terminal();
            mt_error("cannot read /proc: %s", strerror(errno));
            status = 1;
            break;
        }
        if (open_map) { /* -m PID: start on its map, once the list knows it */
            ui_map_open(&u, o->map_pid);
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
    state_free(&u);
    return status;
}
