/* ui_draw.c - painting the screens.  Everything is drawn into curses'
 * virtual screen with erase() first; refresh() then sends only what
 * changed, so there is no flicker. */
#include "config.h"

#include <curses.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "memtop/escape.h"
#include "memtop/format.h"
#include "memtop/history.h"
#include "memtop/ledger.h"
#include "memtop/util.h"
#include "ui_internal.h"

int ui_attr(const ui_state *u, enum ui_pair pair)
{
    if (u->color)
        return COLOR_PAIR(pair) | (pair == PAIR_LEAK || pair == PAIR_TITLE ? A_BOLD : 0);
    switch (pair) {
    case PAIR_LEAK: case PAIR_TITLE: return A_BOLD;
    case PAIR_HEADER: return A_REVERSE;
    default: return A_NORMAL;
    }
}

void ui_set_status(ui_state *u, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(u->status, sizeof u->status, fmt, ap);
    va_end(ap);
    u->status_until = mt_now_mono() + 4;
}

/* Draws untrusted text at (y, x) in at most `cols` cells, padding with
 * spaces to exactly cols when pad. */
void ui_put_text(const ui_state *u, int y, int x, const char *s, int cols, bool pad)
{
    char buf[3 * 1024];
    if (cols <= 0 || x >= u->cols || y >= u->rows)
        return;
    if (x + cols > u->cols)
        cols = u->cols - x;
    int w = mt_term_fit(buf, sizeof buf, s, cols, '>', u->utf8);
    mvaddstr(y, x, buf);
    if (pad)
        for (int i = w; i < cols; i++)
            addch(' ');
}

/* Right-aligns a short trusted string in a cell. */
void ui_put_right(const ui_state *u, int y, int x, int w, const char *s)
{
    int cols = mt_term_width(s, u->utf8); /* columns, not bytes: "RES▼" is 4 */
    if (cols > w)
        cols = w;
    ui_put_text(u, y, x + w - cols, s, cols, false);
}

/* width cells split among the parts (out of total), each run of cells
 * lettered and, with colour, coloured; the rest blank. */
void ui_draw_bar(ui_state *u, int y, int x, int width, const uint64_t *parts,
                 const char *letters, const enum ui_pair *pairs, int n, uint64_t total)
{
    int cells[16];
    if (n > 16)
        n = 16;
    mt_bar_split(parts, n, total, width, cells);
    move(y, x);
    int used = 0;
    for (int i = 0; i < n; i++) {
        int attr = ui_attr(u, pairs[i]) | (u->color ? A_REVERSE : 0);
        attron(attr);
        for (int c = 0; c < cells[i]; c++)
            addch((chtype)letters[i]);
        attroff(attr);
        used += cells[i];
    }
    for (; used < width; used++)
        addch(' ');
}

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
    const mt_system *s = &u->snap.sys;
    char up[48], clock[16] = "", span[32], delay[32], line[512];
    char a[MT_SIZE_BUF], b[MT_SIZE_BUF], c[MT_SIZE_BUF];
    time_t t = (time_t)u->snap.time;
    struct tm tm;
    if (localtime_r(&t, &tm))
        strftime(clock, sizeof clock, "%H:%M:%S", &tm);
    mt_format_uptime(up, sizeof up, s->uptime);
    mt_format_duration(span, sizeof span, s->history_span);
    mt_format_fixed(delay, sizeof delay, u->opts.delay, u->opts.delay < 1 ? 1 : 0);
    char replay[96] = "";
    if (u->replay)
        snprintf(replay, sizeof replay, " - REPLAY %zu/%zu (<- ->)", u->frame + 1,
                 mt_replay_count(u->replay));
    snprintf(line, sizeof line, "memtop - %s - up %s - %s - every %ss - history %s%s%s",
             s->hostname, up, clock, delay, span, replay, u->paused ? " - PAUSED" : "");
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
                     s->growing);
    ui_put_text(u, 3, 0, line, u->cols, true);
    snprintf(line, sizeof line, "%u LEAK?", s->leaks);
    if (s->leaks > 0)
        attron(ui_attr(u, PAIR_LEAK));
    ui_put_text(u, 3, x, line, u->cols - x, false);
    if (s->leaks > 0)
        attroff(ui_attr(u, PAIR_LEAK));
    x += (int)strlen(line);
    /* until the short window is covered nothing is judged yet: say so,
     * as the list sorts by RES meanwhile */
    snprintf(line, sizeof line, ", %u zombie%s   a=anon f=file s=shmem k=kernel w=swap",
             s->zombies,
             s->history_span < u->opts.analysis.leak.min_span ? ", measuring growth" : "");
    ui_put_text(u, 3, x, line, u->cols - x, false);
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
        const char *name = c == MT_COL_PID && ui_groups(u) ? "PROCS"
                         : c == MT_COL_COMMAND && u->mode == MODE_GROUPS ? "GROUP"
                         : c == MT_COL_COMMAND && u->mode == MODE_CGROUPS ? "CGROUP"
                                                                          : ci->title;
        /* The sort column: bold and underlined, and marked for a terminal
         * without those (a triangle, or v/^ without UTF-8). */
        snprintf(title, sizeof title, "%s%s", name,
                 !sorted ? ""
                 : u->utf8 ? (u->opts.reverse ? "\xe2\x96\xb2" : "\xe2\x96\xbc")
                           : (u->opts.reverse ? "^" : "v"));
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
        p->anon == MT_NA ? 0 : p->anon, p->file == MT_NA ? 0 : p->file,
        p->shmem == MT_NA ? 0 : p->shmem, p->swap == MT_NA ? 0 : p->swap,
    };
    static const enum ui_pair pairs[4] = { PAIR_ANON, PAIR_FILE, PAIR_SHMEM, PAIR_SWAP };
    ui_draw_bar(u, y, x, w, parts, "afsw", pairs, 4, scale);
}

/* COMMAND, indented under its parent in the tree view. */
static void draw_command(ui_state *u, int y, int x, int w, const mt_proc *p, size_t row)
{
    bool full = (u->opts.cmdline || u->mode == MODE_CGROUPS) && p->cmdline && *p->cmdline;
    const char *text = full ? p->cmdline : p->comm; /* a cgroup group: its path */
    if (u->mode == MODE_TREE && u->tree.depth[row] > 0) {
        int indent = 2 * (u->tree.depth[row] - 1);
        if (indent > w / 2)
            indent = w / 2;
        ui_put_text(u, y, x, "", indent, true);
        ui_put_text(u, y, x + indent, u->utf8 ? "\xe2\x94\x94\xe2\x94\x80" : "`-", 2, false);
        indent += 2;
        ui_put_text(u, y, x + indent, text, w - indent, false);
        return;
    }
    ui_put_text(u, y, x, text, w, false);
}

static void draw_cell(ui_state *u, int y, int c, const mt_proc *p, size_t row, uint64_t scale)
{
    char buf[3 * MT_CMDLINE_MAX + 16];
    int x = u->colx[c], w = u->colw[c];
    switch ((enum mt_column)c) {
    case MT_COL_PID: /* in the group view: how many processes */
        snprintf(buf, sizeof buf, "%d", ui_groups(u) ? p->threads : (int)p->pid);
        ui_put_right(u, y, x, w, buf);
        return;
    case MT_COL_CGLIMIT:
        ui_put_right(u, y, x, w, mt_format_size(buf, sizeof buf, p->cg_limit));
        return;
    case MT_COL_CGFREE:
        ui_put_right(u, y, x, w, mt_format_size(buf, sizeof buf, p->cg_free));
        return;
    case MT_COL_SUBRES:
        ui_put_right(u, y, x, w, mt_format_size(buf, sizeof buf, u->tree.sub_res[row]));
        return;
    case MT_COL_SUBHEAP:
        ui_put_right(u, y, x, w, mt_format_size(buf, sizeof buf, u->tree.sub_heap[row]));
        return;
    case MT_COL_USER: ui_put_text(u, y, x, p->user, w, false); return;
    case MT_COL_VIRT: ui_put_right(u, y, x, w, mt_format_size(buf, sizeof buf, p->virt)); return;
    case MT_COL_RES:  ui_put_right(u, y, x, w, mt_format_size(buf, sizeof buf, p->res)); return;
    case MT_COL_SHR:  ui_put_right(u, y, x, w, mt_format_size(buf, sizeof buf, p->shr)); return;
    case MT_COL_SWAP: ui_put_right(u, y, x, w, mt_format_size(buf, sizeof buf, p->swap)); return;
    case MT_COL_HEAP: ui_put_right(u, y, x, w, mt_format_size(buf, sizeof buf, p->heap)); return;
    case MT_COL_PSS:  ui_put_right(u, y, x, w, mt_format_size(buf, sizeof buf, p->pss)); return;
    case MT_COL_USS:  ui_put_right(u, y, x, w, mt_format_size(buf, sizeof buf, p->uss)); return;
    case MT_COL_GROWTH:
        ui_put_right(u, y, x, w, mt_format_signed_size(buf, sizeof buf, p->growth * 60));
        return;
    case MT_COL_LEAK:
        ui_put_text(u, y, x, mt_verdict_label(p), w, false);
        return;
    case MT_COL_OOM:
        ui_put_right(u, y, x, w, mt_oom_text(buf, sizeof buf, p, u->snap.time));
        return;
    case MT_COL_OOMSCORE:
    case MT_COL_OOMADJ: {
        int v = c == MT_COL_OOMSCORE ? p->oom_score : p->oom_adj;
        if (v == MT_NA_INT)
            snprintf(buf, sizeof buf, "-");
        else
            snprintf(buf, sizeof buf, "%d", v);
        ui_put_right(u, y, x, w, buf);
        return;
    }
    case MT_COL_TREND: {
        const mt_analysis *an = ui_groups(u) ? mt_groups_analysis(ui_groups(u)) : u->an;
        size_t n = mt_history_series(mt_analysis_history(an), p, u->opts.analysis.window,
                                     u->st, u->sv);
        ui_put_text(u, y, x, mt_sparkline(buf, sizeof buf, u->sv, n, w, u->utf8), w, false);
        return;
    }
    case MT_COL_SEGMENTS: draw_segments(u, y, x, w, p, scale); return;
    case MT_COL_COMMAND: draw_command(u, y, x, w, p, row); return;
    case MT_NCOLUMNS: break;
    }
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
    u->selected_pid = u->rows_p[u->selected]->pid;
}

static void draw_list(ui_state *u, int y0)
{
    unsigned wanted = u->opts.view_columns ? u->opts.view_columns : MT_COLUMNS_DEFAULT;
    if (u->mode != MODE_TREE)
        wanted &= ~((1u << MT_COL_SUBRES) | (1u << MT_COL_SUBHEAP));
    if (!u->opts.pss)
        wanted &= ~((1u << MT_COL_PSS) | (1u << MT_COL_USS));
    if (u->mode != MODE_CGROUPS)
        wanted &= ~((1u << MT_COL_CGLIMIT) | (1u << MT_COL_CGFREE));
    if (ui_groups(u))           /* a group has no OOM score */
        wanted &= ~MT_COLUMNS_OPTIONAL;
    u->shown = mt_columns_fit(wanted, u->cols, u->colx, u->colw);
    u->list_y = y0;
    draw_column_header(u, y0);
    int visible = u->rows - y0 - 2;
    clamp_selection(u, visible);
    uint64_t scale = 1;
    for (size_t i = u->top; i < u->nrows && i < u->top + (size_t)visible; i++) {
        const mt_proc *p = u->rows_p[i];
        uint64_t tot = (p->res == MT_NA ? 0 : p->res) + (p->swap == MT_NA ? 0 : p->swap);
        if (tot > scale)
            scale = tot;
    }
    for (int r = 0; r < visible && u->top + (size_t)r < u->nrows; r++) {
        size_t i = u->top + (size_t)r;
        const mt_proc *p = u->rows_p[i];
        int y = y0 + 1 + r;
        int attr = (i == u->selected ? A_REVERSE : 0) | (p->leak ? ui_attr(u, PAIR_LEAK) : 0);
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
    "memtop - top for memory                                    any key: back",
    "",
    " Up/Down PgUp/PgDn Home/End  move          Enter  this process's memory map",
    " < >   sort by the previous/next column    R      reverse the sort",
    " G     sort by GROWTH (default)            M      sort by RES",
    " N     sort by PID                         H      sort by HEAP",
    " /     filter by name or command line      u      only one user's processes",
    " c     full command lines on/off           x      exited processes and zombies",
    " k     send a signal (asks first)          space  pause / resume",
    " d     change the refresh delay            h ? F1 this help",
    " t     process tree (SUB-RES, SUB-HEAP)      g      group by name, again: by cgroup",
    " W     save settings (~/.config/memtop/memtoprc)   P  PSS/USS columns (costly)",
    " O     OOM-SCORE, OOM-ADJ columns: whom the OOM killer picks first (sort: < >)",
    " <- -> step back / forward through a recording (memtop -r FILE); space plays",
    " In the map (Enter): < > sort by address/RSS/dRSS, b baseline, ? legend, Esc back",
    " q     quit                                mouse  click a row / a column title",
    "",
    "Columns: RES resident, SHR shared (file + shmem), SWAP swapped out,",
    "HEAP anonymous memory (RssAnon + VmSwap), the memory whose growth is a leak.",
    "GROWTH/m: the slope of HEAP's floor in its growth phase, per minute.  TREND: HEAP.",
    "SEGMENTS: RES split a=anon f=file s=shmem, then w=swap, scaled to the largest row.",
    "LEAK? column: grow = HEAP's floor rises now (over 10 s and 12 samples at least);",
    "LEAK? = it has grown for the leak age (3 min) without slowing, or rose steadily",
    "over 10 min .. 24 h; shrnk = it falls.  A pause under 25 s keeps the state.",
    "OOM-IN: time until it exhausts MemAvailable+SwapFree or its cgroup's limit (/cg,",
    "page cache counted free) at this rate; >T: beyond 10x the growth seen so far.",
    "OOM-SCORE: the kernel's oom_score, highest killed first (0: never); OOM-ADJ: its",
    "oom_score_adj (-1000..1000).  Both read every 10th refresh and for new processes.",
};

static void draw_help(ui_state *u)
{
    for (size_t i = 0; i < sizeof help_lines / sizeof help_lines[0]; i++)
        ui_put_text(u, (int)i, 0, help_lines[i], u->cols, true);
}

static void draw_ledger(ui_state *u)
{
    const mt_ledger *l = mt_analysis_ledger(u->an);
    char line[512], life[32], ago[32], peak[MT_SIZE_BUF], ret[MT_SIZE_BUF];
    ui_put_text(u, 0, 0, "Exited processes (newest first) and zombies    any key: back",
             u->cols, true);
    attron(ui_attr(u, PAIR_HEADER));
    snprintf(line, sizeof line, "%7s %-16s %9s %8s %8s %9s", "PID", "COMMAND", "LIFETIME",
             "PEAK-RES", "RETURNED", "EXITED");
    ui_put_text(u, 1, 0, line, u->cols, true);
    attroff(ui_attr(u, PAIR_HEADER));
    int y = 2;
    size_t n = mt_ledger_count(l);
    for (size_t i = 0; i < n && y < u->rows - 4; i++, y++) {
        const mt_exit *e = mt_ledger_get(l, i);
        mt_format_duration(life, sizeof life, e->lifetime);
        mt_format_duration(ago, sizeof ago, u->snap.time - e->exit_time);
        snprintf(line, sizeof line, "%7d ", (int)e->proc.pid);
        ui_put_text(u, y, 0, line, 8, false);
        ui_put_text(u, y, 8, e->proc.comm, 16, true);
        snprintf(line, sizeof line, " %9s %8s %8s %5s ago", life,
                 mt_format_size(peak, sizeof peak, e->peak_res),
                 mt_format_size(ret, sizeof ret, e->returned), ago);
        ui_put_text(u, y, 24, line, u->cols - 24, false);
    }
    if (n == 0)
        ui_put_text(u, y++, 0, "  (no process has exited since memtop started)", u->cols, false);
    y++;
    for (size_t i = 0; i < u->snap.nprocs && y < u->rows - 1; i++) {
        const mt_proc *p = &u->snap.procs[i];
        if (p->state != 'Z')
            continue;
        const mt_proc *parent = mt_snapshot_find(&u->snap, p->ppid);
        char name[64], pname[64];
        mt_term_sanitize(name, sizeof name, p->comm, u->utf8);
        mt_term_sanitize(pname, sizeof pname, parent ? parent->comm : "?", u->utf8);
        mt_format_duration(ago, sizeof ago, p->unreaped);
        snprintf(line, sizeof line, "zombie %d %s: parent %d %s has not reaped it for %s",
                 (int)p->pid, name, (int)p->ppid, pname, ago);
        ui_put_text(u, y++, 0, line, u->cols, true);
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
        [PROMPT_SIGNAL] = "Signal (name or number, empty: TERM): ",
    };
    if (u->prompt == PROMPT_CONFIRM_KILL) {
        snprintf(line, sizeof line, "Send signal %d to PID %d? (y/N) ", u->kill_signal,
                 (int)u->kill_pid);
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
    snprintf(line, sizeof line, "F1 Help  / Filter%s%s  u User  <> Sort  x Exited  k Kill  "
             "space Pause  q Quit",
             u->filter_text[0] ? "=" : "", u->filter_text);
    attron(ui_attr(u, PAIR_HEADER));
    ui_put_text(u, y, 0, line, u->cols, true);
    attroff(ui_attr(u, PAIR_HEADER));
}

void ui_draw(ui_state *u)
{
    getmaxyx(stdscr, u->rows, u->cols);
    erase();
    if (u->rows < 3 || u->cols < 16) {
        ui_put_text(u, 0, 0, "terminal too small", u->cols, false);
        refresh();
        return;
    }
    switch (u->screen) {
    case UI_HELP: draw_help(u); break;
    case UI_LEDGER: draw_ledger(u); break;
    case UI_LIST: draw_list(u, draw_header(u)); break;
    case UI_MAP: ui_map_draw(u); break;
    case UI_LEGEND: ui_map_legend_draw(u); break;
    }
    draw_footer(u);
    refresh();
}
