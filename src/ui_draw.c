/* ui_draw.c - painting the screens: the list here, the others through
 * their own files (ui_map, ui_ledger, ui_help, ui_menu), and the footer
 * under each.  Everything is drawn into curses' virtual screen with
 * erase() first; refresh() then sends only what changed, so there is no
 * flicker. */
#include "config.h"

#include <curses.h>
#include <math.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "memtop/escape.h"
#include "memtop/format.h"
#include "memtop/history.h"
#include "memtop/util.h"
#include "memtop/keys.h"
#include "ui_draw.h"
#include "ui_help.h"
#include "ui_ledger.h"
#include "ui_list.h"
#include "ui_map.h"
#include "ui_menu.h"
#include "ui_widgets.h"

/* A labelled meter, "Mem  [aaaafffssskk      ] 1.2G/7.8G", lettered so
 * it reads without colour.  The bar's width does not depend on the
 * text after it, so the meters line up. */
static void draw_meter(ui_state *u, int y, const char *label, const uint64_t *parts,
                       const char *letters, const enum ui_pair *pairs, int n, uint64_t total,
                       const char *tail)
{
    enum { LABEL = 6, TAIL = 26 };
    int width = u->cols - LABEL - 2 - 1 - TAIL;
    ui_put_text(u, y, 0, label, LABEL - 1, true);
    if (width < 4) {
        ui_put_text(u, y, LABEL, tail, u->cols - LABEL, false);
        return;
    }
    mvaddch(y, LABEL, '[');
    ui_draw_bar(u, y, LABEL + 1, width, parts, letters, pairs, n, total);
    mvaddch(y, LABEL + 1 + width, ']');
    ui_put_text(u, y, LABEL + 3 + width, tail, TAIL, false);
}

static int draw_header(ui_state *u)
{
    const mt_system *s = &u->snap->sys;
    const mt_totals *tot = &u->snap->totals;
    char up[48], clock[16] = "", span[32], delay[32], line[512];
    char a[MT_SIZE_BUF], b[MT_SIZE_BUF], c[MT_SIZE_BUF];
    time_t t = (time_t)u->snap->time;
    struct tm tm;
    if (localtime_r(&t, &tm))
        strftime(clock, sizeof clock, "%H:%M:%S", &tm);
    mt_format_uptime(up, sizeof up, s->uptime);
    mt_format_duration(span, sizeof span, tot->history_span);
    mt_format_fixed(delay, sizeof delay, u->opts.delay, u->opts.delay < 1 ? 1 : 0);
    char replay[96] = "";
    if (u->replay)
        snprintf(replay, sizeof replay, " - REPLAY %zu/%zu (<- ->)", u->frame + 1,
                 mt_source_count(mt_engine_source(u->eng)));
    /* A recording that failed stays said: -w is why the user started it. */
    char stopped[96] = "";
    if (mt_engine_failed_sink(u->eng))
        snprintf(stopped, sizeof stopped, " - %s STOPPED: %s",
                 mt_engine_failed_sink(u->eng)->ops->name,
                 strerror(mt_engine_failed_errno(u->eng)));
    snprintf(line, sizeof line, "memtop - %s - up %s - %s - every %ss - history %s%s%s%s",
             s->hostname, up, clock, delay, span, replay, u->paused ? " - PAUSED" : "",
             stopped);
    attron(ui_attr(u, PAIR_TITLE));
    ui_put_text(u, 0, 0, line, u->cols, true);
    attroff(ui_attr(u, PAIR_TITLE));
    if (u->rows < 10)
        return 1;

    uint64_t used = s->mem_total > s->mem_available ? s->mem_total - s->mem_available : 0;
    snprintf(line, sizeof line, "%s/%s avail %s", mt_format_size(a, sizeof a, used),
             mt_format_size(b, sizeof b, s->mem_total),
             mt_format_size(c, sizeof c, s->mem_available));
    uint64_t mem[4] = { s->mem_anon, s->mem_file, s->mem_shmem, s->mem_kernel };
    static const enum ui_pair mem_pairs[4] = { PAIR_ANON, PAIR_FILE, PAIR_SHMEM, PAIR_KERNEL };
    draw_meter(u, 1, "Mem", mem, "afsk", mem_pairs, 4, s->mem_total, line);

    uint64_t swap_used = s->swap_total > s->swap_free ? s->swap_total - s->swap_free : 0;
    snprintf(line, sizeof line, "%s/%s", mt_format_size(a, sizeof a, swap_used),
             mt_format_size(b, sizeof b, s->swap_total));
    static const enum ui_pair swap_pairs[1] = { PAIR_SWAP };
    draw_meter(u, 2, "Swap", &swap_used, "w", swap_pairs, 1, s->swap_total, line);

    /* Three pieces so that a non-zero LEAK? count stands out. */
    int x = snprintf(line, sizeof line, "Tasks: %u, %u growing, ", s->tasks - s->kthreads,
                     tot->growing);
    ui_put_text(u, 3, 0, line, u->cols, true);
    snprintf(line, sizeof line, "%u LEAK?", tot->leaks);
    if (tot->leaks > 0)
        attron(ui_attr(u, PAIR_LEAK));
    ui_put_text(u, 3, x, line, u->cols - x, false);
    if (tot->leaks > 0)
        attroff(ui_attr(u, PAIR_LEAK));
    x += (int)strlen(line);
    /* until the short window is covered nothing is judged yet: say so,
     * as the list sorts by RES meanwhile */
    snprintf(line, sizeof line, ", %u zombie%s%s ", s->zombies, s->zombies == 1 ? "" : "s",
             tot->history_span < u->opts.analysis.leak.min_span ? ", measuring growth" : "");
    ui_put_text(u, 3, x, line, u->cols - x, false);
    x += (int)strlen(line);
    /* The legend of the bars, a whole word at a time. */
    static const char *const legend[] = { "a=anon", "f=file", "s=shmem", "k=kernel", "w=swap" };
    for (size_t i = 0; i < sizeof legend / sizeof legend[0]; i++) {
        int w = (int)strlen(legend[i]) + 1;
        if (x + w > u->cols)
            break;
        ui_put_text(u, 3, x + 1, legend[i], w - 1, false);
        x += w;
    }
    return 4;
}

static void draw_column_header(ui_state *u, int y)
{
    attron(ui_attr(u, PAIR_HEADER));
    ui_put_text(u, y, 0, "", u->cols, true);
    for (int c = 0; c < MT_NCOLUMNS; c++) {
        if (!(u->shown & (1u << c)))
            continue;
        const mt_column_info *ci = mt_column_get((enum mt_column)c);
        char title[32];
        bool sorted = ci->sort == (int)u->opts.sort;
        bool down = mt_sort_key_descending(u->opts.sort) != u->opts.reverse;
        const char *name = c == MT_COL_PID && ui_groups(u) ? "PROCS"
                         : c == MT_COL_COMMAND && u->mode == MODE_GROUPS ? "GROUP"
                         : c == MT_COL_COMMAND && u->mode == MODE_CGROUPS ? "CGROUP"
                                                                          : ci->title;
        /* The sort column: bold and underlined, and marked for a terminal
         * without those: a down triangle (v without UTF-8) is always
         * largest first, whatever the key. */
        snprintf(title, sizeof title, "%s%s", name, !sorted ? "" : ui_sort_arrow(u, down));
        if (sorted)
            attron(A_BOLD | A_UNDERLINE);
        if (ci->right)
            ui_put_right(u, y, u->colx[c], u->colw[c], title);
        else
            ui_put_text(u, y, u->colx[c], title, u->colw[c], false);
        if (sorted)
            attroff(A_BOLD | A_UNDERLINE);
    }
    attroff(ui_attr(u, PAIR_HEADER));
}

/* SEGMENTS: RES split anon | file | shmem, and swap, scaled to the
 * largest process on screen. */
static void draw_segments(ui_state *u, int y, int x, int w, const mt_proc *p, uint64_t scale)
{
    uint64_t parts[4] = {
        p->raw.anon == MT_NA ? 0 : p->raw.anon, p->raw.file == MT_NA ? 0 : p->raw.file,
        p->raw.shmem == MT_NA ? 0 : p->raw.shmem, p->raw.swap == MT_NA ? 0 : p->raw.swap,
    };
    static const enum ui_pair pairs[4] = { PAIR_ANON, PAIR_FILE, PAIR_SHMEM, PAIR_SWAP };
    ui_draw_bar(u, y, x, w, parts, "afsw", pairs, 4, scale);
}

/* The tree's branch glyphs for row (depth d >= 1): for each ancestor
 * level a bar when that ancestor has a later sibling, then a tee or an
 * elbow.  Two cells a level; ASCII without UTF-8. */
static int tree_prefix(const ui_state *u, size_t row, char *buf, size_t n)
{
    const mt_tree *t = &u->tree;
    int d = t->depth[row];
    const char *bar = u->utf8 ? "\xe2\x94\x82 " : "| ";
    const char *tee = u->utf8 ? "\xe2\x94\x9c\xe2\x94\x80" : "|-";
    const char *elbow = u->utf8 ? "\xe2\x94\x94\xe2\x94\x80" : "`-";
    const char *level[64];
    int top = d - 1 < 64 ? d - 1 : 63;
    /* Walking back, the nearest row of each smaller depth is the
     * ancestor at that level. */
    int want = d - 1;
    for (size_t i = row; i-- > 0 && want >= 1;)
        if (t->depth[i] == want) {
            if (want <= top)
                level[want] = t->more[i] ? bar : "  ";
            want--;
        }
    size_t o = 0;
    buf[0] = '\0';
    for (int k = 1; k <= top; k++)
        o += (size_t)snprintf(buf + o, o < n ? n - o : 0, "%s", k <= want ? "  " : level[k]);
    snprintf(buf + (o < n ? o : n - 1), o < n ? n - o : 1, "%s", t->more[row] ? tee : elbow);
    return 2 * top + 2;
}

/* COMMAND, under its parent in the tree view. */
static void draw_command(ui_state *u, int y, int x, int w, const mt_proc *p, size_t row)
{
    bool full = (u->opts.cmdline || u->mode == MODE_CGROUPS) && p->raw.cmdline && *p->raw.cmdline;
    const char *text = full ? p->raw.cmdline : p->raw.comm; /* a cgroup group: its path */
    if (u->mode == MODE_TREE && u->tree.depth[row] > 0) {
        char prefix[64 * 4 + 8];
        int indent = tree_prefix(u, row, prefix, sizeof prefix);
        if (indent > w / 2) /* a deep tree keeps half the column for names */
            indent = w / 2;
        ui_put_text(u, y, x, prefix, indent, false);
        ui_put_text(u, y, x + indent, text, w - indent, false);
        return;
    }
    ui_put_text(u, y, x, text, w, false);
}

/* The drawings and the view's own numbers here; every other column is
 * the registry's text (columns.h). */
static void draw_cell(ui_state *u, int y, int c, const mt_proc *p, size_t row, uint64_t scale)
{
    char buf[3 * MT_CMDLINE_MAX + 16];
    int x = u->colx[c], w = u->colw[c];
    switch ((enum mt_column)c) {
    case MT_COL_PID: /* in the group view: how many processes */
        snprintf(buf, sizeof buf, "%d", ui_groups(u) ? p->raw.threads : (int)p->raw.pid);
        ui_put_right(u, y, x, w, buf);
        return;
    case MT_COL_SUBRES:
        ui_put_right(u, y, x, w, mt_format_size(buf, sizeof buf, u->tree.sub_res[row]));
        return;
    case MT_COL_SUBHEAP:
        ui_put_right(u, y, x, w, mt_format_size(buf, sizeof buf, u->tree.sub_heap[row]));
        return;
    case MT_COL_SUBGROWTH:
        ui_put_right(u, y, x, w,
                     mt_format_signed_size(buf, sizeof buf, u->tree.sub_growth[row] * 60));
        return;
    case MT_COL_TREND: {
        const mt_analysis *an = ui_groups(u) ? mt_groups_analysis(ui_groups(u))
                                             : mt_engine_analysis(u->eng);
        size_t n = mt_history_series(mt_analysis_history(an), p, u->opts.analysis.window,
                                     u->st, u->sv);
        mt_sparkline_span(buf, sizeof buf, u->sv, n, w, u->utf8, mt_trend_span(u->sv, n, w));
        ui_put_text(u, y, x, buf, w, false);
        return;
    }
    case MT_COL_SEGMENTS: draw_segments(u, y, x, w, p, scale); return;
    case MT_COL_COMMAND: draw_command(u, y, x, w, p, row); return;
    default: break;
    }
    const mt_column_info *ci = mt_column_get((enum mt_column)c);
    if (!ci->human)
        return;
    ci->human(p, u->snap->time, buf, sizeof buf);
    if (ci->right)
        ui_put_right(u, y, x, w, buf);
    else
        ui_put_text(u, y, x, buf, w, false);
}

static void clamp_selection(ui_state *u, int visible)
{
    if (u->nrows == 0) {
        u->selected = u->top = 0;
        return;
    }
    if (u->selected >= u->nrows)
        u->selected = u->nrows - 1;
    if (visible < 1)
        visible = 1;
    if (u->selected < u->top)
        u->top = u->selected;
    if (u->selected >= u->top + (size_t)visible)
        u->top = u->selected - (size_t)visible + 1;
    if (u->top + (size_t)visible > u->nrows)
        u->top = u->nrows > (size_t)visible ? u->nrows - (size_t)visible : 0;
    u->selected_pid = u->rows_p[u->selected]->raw.pid;
}

static void draw_list(ui_state *u, int y0)
{
    unsigned wanted = ui_wanted_columns(u);
    u->shown = mt_columns_fit(wanted, u->cols, u->colx, u->colw);
    u->list_y = y0;
    draw_column_header(u, y0);
    int visible = u->rows - y0 - 2;
    clamp_selection(u, visible);
    uint64_t scale = 1;
    for (size_t i = u->top; i < u->nrows && i < u->top + (size_t)visible; i++) {
        const mt_proc *p = u->rows_p[i];
        uint64_t tot = (p->raw.res == MT_NA ? 0 : p->raw.res) + (p->raw.swap == MT_NA ? 0 : p->raw.swap);
        if (tot > scale)
            scale = tot;
    }
    if (u->nrows == 0 && visible > 0) {
        char filt[256], line[320];
        ui_filter_desc(u, filt, sizeof filt);
        snprintf(line, sizeof line, filt[0] ? "  no process matches the filter %s (C clears it)"
                                            : "  no process to show", filt);
        ui_put_text(u, y0 + 1, 0, line, u->cols, false);
    }
    for (int r = 0; r < visible && u->top + (size_t)r < u->nrows; r++) {
        size_t i = u->top + (size_t)r;
        const mt_proc *p = u->rows_p[i];
        int y = y0 + 1 + r;
        int attr = (i == u->selected ? A_REVERSE : 0) | (p->notes.leak ? ui_attr(u, PAIR_LEAK) : 0);
        attron(attr);
        ui_put_text(u, y, 0, "", u->cols, true);
        for (int c = 0; c < MT_NCOLUMNS; c++)
            if (u->shown & (1u << c)) {
                if (c == MT_COL_SEGMENTS)
                    attroff(attr);
                draw_cell(u, y, c, p, i, scale);
                if (c == MT_COL_SEGMENTS)
                    attron(attr);
            }
        attroff(attr);
    }
}

/* The keys of the screen shown, for the footer. */
static void footer_keys(ui_state *u, char *line, size_t n)
{
    char filt[256];
    switch (u->screen) {
    case UI_MAP:
        snprintf(line, n, "Esc List  <> Sort(%s)  b Baseline  ? Legend  Up/Dn PgUp/PgDn Move  "
                 "%s  F10 Quit", ui_map_sort_name(u), u->map_only ? "q Quit" : "q List");
        return;
    case UI_HELP: case UI_LEDGER: case UI_LEGEND: {
        size_t end = u->page_top + (size_t)u->page_rows;
        if (end > u->page_lines)
            end = u->page_lines;
        int o = snprintf(line, n, "Up/Dn PgUp/PgDn Home/End scroll  Esc back  lines %zu-%zu of %zu",
                         u->page_lines ? u->page_top + 1 : 0, end, u->page_lines);
        if (end < u->page_lines && o > 0 && (size_t)o < n)
            snprintf(line + o, n - (size_t)o, ", %zu more below", u->page_lines - end);
        return;
    }
    case UI_SETUP: case UI_SORTMENU:
        snprintf(line, n, "Up/Dn move  Enter %s  Esc back%s",
                 u->screen == UI_SETUP ? "on/off" : "sort", u->screen == UI_SETUP ? "  W save" : "");
        return;
    case UI_LIST:
        break;
    }
    ui_filter_desc(u, filt, sizeof filt);
    size_t o = filt[0] ? (size_t)snprintf(line, n, "FILTER %s  C Clear", filt) : 0;
    if (!filt[0])
        line[0] = '\0';
    /* The keys with a footer label, whole keys only, as many as the
     * width takes. */
    size_t nb;
    const mt_key_binding *b = mt_keys_table(&nb);
    for (size_t i = 0; i < nb && o < n; i++) {
        char name[32], key[64];
        if (!b[i].footer || !(b[i].contexts & MT_KC_BIT(MT_KC_LIST)))
            continue;
        mt_key_name(b[i].keys[0], name, sizeof name);
        snprintf(key, sizeof key, "%s %s", name, b[i].footer);
        size_t w = strlen(key) + (o ? 2 : 0);
        if (o + w > (size_t)u->cols)
            break;
        o += (size_t)snprintf(line + o, n - o, "%s%s", o ? "  " : "", key);
    }
}

static void draw_footer(ui_state *u)
{
    int y = u->rows - 1;
    char line[512];
    static const char *const prompts[] = {
        [PROMPT_FILTER] = "Filter (name or command line, empty: all): ",
        [PROMPT_USER] = "Only user (empty: all): ",
        [PROMPT_DELAY] = "Delay in seconds: ",
        [PROMPT_SEARCH] = "Search (F3: next match, Enter/Esc: done): ",
    };
    if (u->prompt == PROMPT_CONFIRM_KILL || u->prompt == PROMPT_SIGNAL) {
        ui_kill_prompt(u, line, sizeof line);
        attron(A_BOLD);
        ui_put_text(u, y, 0, line, u->cols, true);
        attroff(A_BOLD);
        return;
    }
    if (u->prompt != PROMPT_NONE) {
        snprintf(line, sizeof line, "%s%s", prompts[u->prompt], u->input);
        ui_put_text(u, y, 0, line, u->cols, true);
        return;
    }
    if (u->status[0] && mt_now_mono() < u->status_until) {
        attron(A_BOLD);
        ui_put_text(u, y, 0, u->status, u->cols, true);
        attroff(A_BOLD);
        return;
    }
    footer_keys(u, line, sizeof line);
    attron(ui_attr(u, PAIR_HEADER));
    ui_put_text(u, y, 0, line, u->cols, true);
    attroff(ui_attr(u, PAIR_HEADER));
}

/* Smaller than anything can be drawn in: say so, as much as fits. */
static void draw_too_small(ui_state *u)
{
    static const char *const says[] = { "terminal too small", "too small", "small", "!" };
    for (size_t i = 0; i < sizeof says / sizeof says[0]; i++)
        if ((int)strlen(says[i]) <= u->cols) {
            ui_put_text(u, 0, 0, says[i], u->cols, false);
            return;
        }
}

void ui_kill_prompt(const ui_state *u, char *buf, size_t n)
{
    if (u->prompt == PROMPT_SIGNAL) {
        snprintf(buf, n, "Signal to PID %d %s (name or number, empty: TERM): %s",
                 (int)u->kill_pid, u->kill_name, u->input);
        return;
    }
    const char *abbrev = sigabbrev_np(u->kill_signal);
    snprintf(buf, n, "Send SIG%s (%d) to PID %d %s? (y/N) ", abbrev ? abbrev : "?",
             u->kill_signal, (int)u->kill_pid, u->kill_name);
}

void ui_draw(ui_state *u)
{
    getmaxyx(stdscr, u->rows, u->cols);
    erase();
    if (u->rows < 3 || u->cols < 16) {
        draw_too_small(u);
        refresh();
        return;
    }
    switch (u->screen) {
    case UI_HELP: ui_help_draw(u); break;
    case UI_SETUP: ui_setup_draw(u); break;
    case UI_SORTMENU: ui_sortmenu_draw(u); break;
    case UI_LEDGER: ui_ledger_draw(u); break;
    case UI_LIST: draw_list(u, draw_header(u)); break;
    case UI_MAP: ui_map_draw(u); break;
    case UI_LEGEND: ui_map_legend_draw(u); break;
    }
    draw_footer(u);
    refresh();
}
