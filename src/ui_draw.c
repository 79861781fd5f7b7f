/* ui_draw.c - painting the screens.  Everything is drawn into curses'
 * virtual screen with erase() first; refresh() then sends only what
 * changed, so there is no flicker. */
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
#include "memtop/ledger.h"
#include "memtop/util.h"
#include "ui_draw.h"
#include "ui_map.h"
#include "ui_widgets.h"

static void filter_desc(const ui_state *u, char *buf, size_t n);

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

unsigned ui_wanted_columns(const ui_state *u)
{
    unsigned wanted = u->opts.view_columns ? u->opts.view_columns : MT_COLUMNS_DEFAULT;
    if (u->mode != MODE_TREE)
        wanted &= ~((1u << MT_COL_SUBRES) | (1u << MT_COL_SUBHEAP) | (1u << MT_COL_SUBGROWTH));
    if (!u->opts.pss)
        wanted &= ~((1u << MT_COL_PSS) | (1u << MT_COL_USS));
    if (u->mode != MODE_CGROUPS)
        wanted &= ~((1u << MT_COL_CGLIMIT) | (1u << MT_COL_CGFREE));
    if (ui_groups(u))           /* a group has no OOM score */
        wanted &= ~MT_COLUMNS_OPTIONAL;
    return wanted;
}

unsigned ui_hidden_columns(const ui_state *u)
{
    int x[MT_NCOLUMNS], w[MT_NCOLUMNS];
    unsigned wanted = ui_wanted_columns(u);
    return wanted & ~mt_columns_fit(wanted, u->cols, x, w);
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
        filter_desc(u, filt, sizeof filt);
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

static const char *const help_lines[] = {
    " Up/Down PgUp/PgDn Home/End  move        Enter  this process's memory map",
    " F6 or < >  sort: a menu / the column left or right on screen",
    " R     reverse the sort (the arrow: down = largest first)",
    " G     sort by GROWTH (default)          M      sort by RES",
    " N     sort by PID                       H      sort by HEAP",
    " F3    search: jump to the next match, the list stays (F3 again: next)",
    " F4 /  filter by name or command line    u      only one user's processes",
    " C     clear every filter (/ u -p -f -u; the footer shows the active ones)",
    " F5 t  process tree (SUB-RES, SUB-HEAP, SUB-GROWTH: the whole subtree)",
    " g     group by name, again: by cgroup   x      exited processes, zombies",
    " F9 k  send a signal (asks first)        space  pause / resume",
    " F2 S  setup: choose the columns         W      save settings",
    " c     full command lines on/off         d      change the refresh delay",
    " P     PSS/USS columns (costly)          O      OOM-SCORE, OOM-ADJ columns",
    " <- -> step through a recording (memtop -r FILE); space plays",
    " F1 h ?  this help                       F10 q  quit",
    " In a prompt: Enter accepts, Esc cancels, Ctrl-U clears the line.",
    " In the map (Enter): < > sort by address/RSS/dRSS, b baseline, ? legend,",
    " Esc back (q quits when memtop was started with -m PID).",
    " Mouse: click a row to select it, a column title to sort (again: reverse).",
    "",
    "Unlike htop: / filters (htop: F3 / search, F4 \\ filter); H sorts by HEAP",
    "(htop: threads); P toggles PSS/USS (htop: sort by CPU); space pauses",
    "(htop: tag); x shows the exit ledger; C clears filters (htop: setup).",
    "",
    "Columns: RES resident, SHR shared (file + shmem), SWAP swapped out,",
    "HEAP anonymous memory (RssAnon + VmSwap), the memory whose growth is a",
    "leak.  GROWTH/m: the slope of HEAP's floor in its growth phase, per minute.",
    "TREND: HEAP over the last samples, one glyph each.  Its full height is",
    "the change, or 10 % of HEAP (at least 1 MiB) when the change is smaller,",
    "so a small wobble draws low and only a real rise draws a full ramp.",
    "SEGMENTS: RES split a=anon f=file s=shmem, then w=swap, scaled to the",
    "largest row on screen.",
    "LEAK? column: grow = HEAP's floor rises now (over 10 s and 12 samples at",
    "least); LEAK? = it has grown for the leak age (3 min) without slowing, or",
    "rose steadily over 10 min .. 24 h; shrnk = it falls.  A pause under 25 s",
    "keeps the state.  Rows sort LEAK? first, then grow, each by GROWTH.",
    "GROWS-IN: the region class (heap, anon, shm, file, stack...) that holds",
    "the growth of a growing process, from its smaps, read now and then.",
    "OOM-IN: time until it exhausts MemAvailable+SwapFree or its cgroup's",
    "limit (/cg, page cache counted free) at this rate; >T: beyond 10x the",
    "growth seen so far.",
    "OOM-SCORE: the kernel's oom_score, highest killed first (0: never);",
    "OOM-ADJ: its oom_score_adj (-1000..1000).  Both read every 10th refresh",
    "and for new processes.",
    "Narrow terminals drop SEGMENTS, VIRT, SHR, SWAP, USER, TREND first;",
    "LEAK? and GROWTH/m go last.  F2 says which chosen columns do not fit.",
};

static void draw_help(ui_state *u)
{
    ui_lines l = { 0 };
    for (size_t i = 0; i < sizeof help_lines / sizeof help_lines[0]; i++)
        ui_lines_add(&l, "%s", help_lines[i]);
    ui_pager_draw(u, "memtop - top for memory: keys and columns", NULL, &l);
    ui_lines_free(&l);
}

/* The ledger line of one exit; the name (untrusted) cut to 16 cells. */
static void ledger_line(ui_state *u, ui_lines *l, const mt_exit *e)
{
    char life[32], ago[32], peak[MT_SIZE_BUF], ret[MT_SIZE_BUF], name[3 * 16 + 1];
    int w = mt_term_fit(name, sizeof name, e->proc.raw.comm, 16, '>', u->utf8);
    mt_format_duration(life, sizeof life, e->lifetime);
    mt_format_duration(ago, sizeof ago, u->snap->time - e->exit_time);
    ui_lines_add(l, "%7d %s%*s %9s %8s %8s %5s ago", (int)e->proc.raw.pid, name, 16 - w, "", life,
                 mt_format_size(peak, sizeof peak, e->peak_res),
                 mt_format_size(ret, sizeof ret, e->returned), ago);
}

/* The ledger and its zombies, through the list's filter: with /name
 * it answers "what became of name". */
static void draw_ledger(ui_state *u)
{
    const mt_ledger *l = mt_analysis_ledger(mt_engine_analysis(u->eng));
    char head[128], ago[32], filt[256], title[384];
    ui_lines lines = { 0 };
    size_t n = 0, zombies = 0;
    for (size_t i = 0; i < mt_ledger_count(l); i++) {
        const mt_exit *e = mt_ledger_get(l, i);
        if (mt_filter_match(&u->filter, &e->proc)) {
            ledger_line(u, &lines, e);
            n++;
        }
    }
    if (n == 0)
        ui_lines_add(&lines, "  (no process has exited since memtop started)");
    ui_lines_add(&lines, "%s", "");
    for (size_t i = 0; i < u->snap->nprocs; i++) {
        const mt_proc *p = &u->snap->procs[i];
        if (p->raw.state != 'Z' || !mt_filter_match(&u->filter, p))
            continue;
        const mt_proc *parent = mt_snapshot_find(u->snap, p->raw.ppid);
        char name[64], pname[64];
        mt_term_sanitize(name, sizeof name, p->raw.comm, u->utf8);
        mt_term_sanitize(pname, sizeof pname, parent ? parent->raw.comm : "?", u->utf8);
        mt_format_duration(ago, sizeof ago, p->notes.unreaped);
        ui_lines_add(&lines, "zombie %d %s: parent %d %s has not reaped it for %s", (int)p->raw.pid,
                     name, (int)p->raw.ppid, pname, ago);
        zombies++;
    }
    if (zombies == 0)
        ui_lines_add(&lines, "  (no zombies)");
    snprintf(head, sizeof head, "%7s %-16s %9s %8s %8s %9s", "PID", "COMMAND", "LIFETIME",
             "PEAK-RES", "RETURNED", "EXITED");
    filter_desc(u, filt, sizeof filt);
    snprintf(title, sizeof title, "Exited (newest first): %zu, zombies: %zu%s%s", n, zombies,
             filt[0] ? " - FILTER " : "", filt);
    ui_pager_draw(u, title, head, &lines);
    ui_lines_free(&lines);
}

static void draw_menu_line(ui_state *u, int y, const char *text, bool selected)
{
    if (selected)
        attron(A_REVERSE);
    ui_put_text(u, y, 0, text, u->cols, true);
    if (selected)
        attroff(A_REVERSE);
}

/* The column a sort key belongs to (its title), for the sort menu. */
static const char *sort_title(enum mt_sort_key k)
{
    for (int c = 0; c < MT_NCOLUMNS; c++)
        if (mt_column_get((enum mt_column)c)->sort == (int)k)
            return mt_column_get((enum mt_column)c)->title;
    return mt_sort_key_name(k);
}

/* The visible part of a menu of n lines around the selection. */
static size_t menu_first(const ui_state *u, int rows)
{
    return rows > 0 && u->menu_sel >= (size_t)rows ? u->menu_sel - (size_t)rows + 1 : 0;
}

static void draw_sortmenu(ui_state *u)
{
    char line[128];
    ui_put_text(u, 0, 0, "Sort by (Enter picks, a letter jumps, Esc back)", u->cols, true);
    int rows = u->rows - 3;
    size_t first = menu_first(u, rows);
    for (int r = 0; r < rows && first + (size_t)r < UI_SORTMENU_LINES; r++) {
        enum mt_sort_key k = (enum mt_sort_key)(first + (size_t)r);
        snprintf(line, sizeof line, " %c %-10s %-8s %s", k == u->opts.sort ? '*' : ' ',
                 sort_title(k), mt_sort_key_name(k),
                 mt_sort_key_descending(k) ? "largest first" : "ascending");
        draw_menu_line(u, 2 + r, line, first + (size_t)r == u->menu_sel);
    }
}

static void draw_setup(ui_state *u)
{
    char line[160];
    unsigned wanted = u->opts.view_columns ? u->opts.view_columns : MT_COLUMNS_DEFAULT;
    unsigned hidden = ui_hidden_columns(u);
    ui_put_text(u, 0, 0, "Setup: columns (space/Enter turns on or off, W saves, Esc back)",
                u->cols, true);
    int rows = u->rows - 3;
    size_t first = menu_first(u, rows);
    for (int r = 0; r < rows && first + (size_t)r < UI_SETUP_LINES; r++) {
        size_t i = first + (size_t)r;
        if (i + 1 == UI_SETUP_LINES) {
            snprintf(line, sizeof line, " [%c] full command lines (c)",
                     u->opts.cmdline ? 'x' : ' ');
        } else {
            int c = ui_setup_column(i);
            bool on = wanted & (1u << c);
            snprintf(line, sizeof line, " [%c] %-10s%s", on ? 'x' : ' ',
                     mt_column_get((enum mt_column)c)->title,
                     on && (hidden & (1u << c)) ? " does not fit at this width"
                     : c == MT_COL_PSS || c == MT_COL_USS ? " (also needs P)"
                     : c == MT_COL_SUBRES || c == MT_COL_SUBHEAP || c == MT_COL_SUBGROWTH
                         ? " (tree view)"
                     : c == MT_COL_CGLIMIT || c == MT_COL_CGFREE ? " (cgroup view)" : "");
        }
        draw_menu_line(u, 2 + r, line, i == u->menu_sel);
    }
}

/* The active filters, "/text user=name 3 PIDs", or "" for none. */
static void filter_desc(const ui_state *u, char *buf, size_t n)
{
    size_t o = 0;
    buf[0] = '\0';
    if (u->filter_text[0])
        o += (size_t)snprintf(buf + o, n - o, "/%s", u->filter_text);
    if (u->filter.by_uid && o < n)
        o += (size_t)snprintf(buf + o, n - o, "%suser=%s", o ? " " : "", u->user_text);
    if (u->filter.npids > 0 && o < n)
        snprintf(buf + o, n - o, "%s%zu PID%s (-p)", o ? " " : "", u->filter.npids,
                 u->filter.npids == 1 ? "" : "s");
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
    static const char *const keys[] = { "F1 Help", "F2 Setup", "F3 Search", "F4 Filter",
                                        "F5 Tree", "F6 Sort", "F9 Kill", "F10 Quit",
                                        "u User", "x Exited", "space Pause" };
    filter_desc(u, filt, sizeof filt);
    size_t o = filt[0] ? (size_t)snprintf(line, n, "FILTER %s  C Clear", filt) : 0;
    if (!filt[0])
        line[0] = '\0';
    /* Whole keys only, as many as the width takes. */
    for (size_t i = 0; i < sizeof keys / sizeof keys[0] && o < n; i++) {
        size_t w = strlen(keys[i]) + (o ? 2 : 0);
        if (o + w > (size_t)u->cols)
            break;
        o += (size_t)snprintf(line + o, n - o, "%s%s", o ? "  " : "", keys[i]);
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

int ui_setup_column(size_t i)
{
    return (int)i; /* COMMAND, always shown, is the last column */
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
    case UI_HELP: draw_help(u); break;
    case UI_SETUP: draw_setup(u); break;
    case UI_SORTMENU: draw_sortmenu(u); break;
    case UI_LEDGER: draw_ledger(u); break;
    case UI_LIST: draw_list(u, draw_header(u)); break;
    case UI_MAP: ui_map_draw(u); break;
    case UI_LEGEND: ui_map_legend_draw(u); break;
    }
    draw_footer(u);
    refresh();
}
