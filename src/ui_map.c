/* ui_map.c - the map screen: where one process's memory is, by region
 * class, and which mapping grows.  The data comes from mapview (core);
 * this file only keeps the screen's state and draws. */
#include "config.h"

#include <curses.h>
#include <errno.h>
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "memtop/escape.h"
#include "memtop/format.h"
#include "memtop/growsin.h"
#include "memtop/util.h"
#include "ui_map.h"
#include "ui_widgets.h"

/* One letter and colour per class for the RSS bar. */
static const char class_letters[MT_RC_COUNT + 1] = "tdbhslfmak";
static const enum ui_pair class_pairs[MT_RC_COUNT] = {
    PAIR_TITLE, PAIR_TITLE, PAIR_TITLE, PAIR_ANON, PAIR_SWAP,
    PAIR_FILE, PAIR_FILE, PAIR_SHMEM, PAIR_ANON, PAIR_KERNEL,
};

static const char *const sort_names[MAP_NSORTS] = { "address", "RSS", "dRSS" };

const char *ui_map_sort_name(const ui_state *u) { return sort_names[u->map.sort]; }

void ui_map_close(ui_state *u)
{
    mt_mapview_free(u->map.mv);
    free(u->map.order);
    memset(&u->map, 0, sizeof u->map);
    u->map_only = false;    /* a map opened later is the list's */
    if (u->screen == UI_MAP || u->screen == UI_LEGEND)
        u->screen = UI_LIST;
}

void ui_map_open(ui_state *u, pid_t pid)
{
    ui_map_close(u);
    const mt_proc *p = mt_snapshot_find(u->snap, pid);
    u->map.pid = pid;
    u->map.start_ticks = p ? p->raw.start_ticks : 0;
    u->map.mv = mt_mapview_new(pid, NULL);
    u->map.sort = MAP_BY_RSS;
    u->screen = UI_MAP;
    ui_map_refresh(u);
}

static void remember_classes(ui_map *m, const mt_map *map)
{
    size_t slot = m->nhist % UI_CLASS_HISTORY;
    for (int c = 0; c < MT_RC_COUNT; c++)
        m->class_rss[c][slot] = (double)map->classes[c].rss;
    m->nhist++;
}

static int cmp_address(const mt_region *a, const mt_region *b)
{
    return (a->start > b->start) - (a->start < b->start);
}

/* What the comparison needs: the regions and the order asked for. */
struct region_order {
    const mt_region *regions;
    enum ui_map_sort sort;
};

static int cmp_regions(const void *x, const void *y, void *ctx)
{
    const struct region_order *o = ctx;
    const mt_region *a = &o->regions[*(const size_t *)x];
    const mt_region *b = &o->regions[*(const size_t *)y];
    int c = 0;
    switch (o->sort) {
    case MAP_BY_RSS:   c = (a->rss < b->rss) - (a->rss > b->rss); break;
    case MAP_BY_DELTA: c = (a->delta_rss < b->delta_rss) - (a->delta_rss > b->delta_rss); break;
    default:           break;
    }
    return c ? c : cmp_address(a, b);
}

static void sort_regions(ui_map *m)
{
    const mt_map *map = mt_mapview_map(m->mv);
    struct region_order o = { map->regions, m->sort };
    m->order = mt_xgrow(m->order, &m->order_cap, map->n + 1, sizeof *m->order);
    for (size_t i = 0; i < map->n; i++)
        m->order[i] = i;
    qsort_r(m->order, map->n, sizeof *m->order, cmp_regions, &o);
    if (m->sel >= map->n)
        m->sel = map->n ? map->n - 1 : 0;
}

void ui_map_refresh(ui_state *u)
{
    ui_map *m = &u->map;
    char err[256];
    if (!m->mv || m->exited)
        return;
    /* The PID must still be the process that was opened. */
    const mt_proc *p = mt_snapshot_find(u->snap, m->pid);
    bool same = p && (!m->start_ticks || p->raw.start_ticks == m->start_ticks);
    if (!same && m->have_map) {
        m->exited = true;
        return;
    }
    if (same) {
        m->last = *p;
        m->last.raw.cmdline = NULL;
        m->have_last = true;
    }
    if (mt_mapview_sample(m->mv, err, sizeof err) < 0) {
        if (m->have_map && errno == ESRCH)
            m->exited = true;
        else if (!m->have_map)
            mt_strlcpy(m->error, err, sizeof m->error);
        return;
    }
    m->have_map = true;
    m->error[0] = '\0';
    remember_classes(m, mt_mapview_map(m->mv));
    sort_regions(m);
}

/* "+1.2M" / "-64K" / "0" for a signed byte count. */
static char *delta(char *buf, size_t n, int64_t d)
{
    return mt_format_signed_size(buf, n, (double)d);
}

/* " - grows in heap": the list's GROWS-IN (growth since its phase
 * began), else the class that grew most since this view's baseline;
 * "" when neither knows. */
static const char *grows_in(const ui_map *m, char *buf, size_t n)
{
    const char *c = m->have_last ? mt_growth_class_name(&m->last) : NULL;
    if (!c && m->have_map) {
        int k = mt_map_growth_class(mt_mapview_map(m->mv));
        c = k >= 0 ? mt_region_class_name((enum mt_region_class)k) : NULL;
    }
    snprintf(buf, n, "%s%s", c ? " - grows in " : "", c ? c : "");
    return buf;
}

/* The process line: who it is and what the list knows of it.  The name
 * is untrusted and goes through the sanitizer on its own. */
static void draw_title(ui_state *u)
{
    ui_map *m = &u->map;
    const mt_proc *p = m->have_last ? &m->last : NULL; /* its last numbers, even after exit */
    char line[512], res[MT_SIZE_BUF], heap[MT_SIZE_BUF], grow[MT_SIZE_BUF + 2], eta[64] = "";
    char since[16] = "", d[32], gi[32];
    const char *name = m->have_map ? mt_mapview_command(m->mv) : p ? p->raw.comm : "?";
    time_t t = (time_t)(m->have_map ? mt_mapview_baseline_time(m->mv) : 0);
    struct tm tm;
    if (t && localtime_r(&t, &tm))
        strftime(since, sizeof since, "%H:%M:%S", &tm);
    if (p && p->notes.growing) {
        char at[16] = "?";
        time_t gs = isnan(p->notes.growth_since) ? 0 : (time_t)p->notes.growth_since;
        struct tm gtm;
        if (gs && localtime_r(&gs, &gtm))
            strftime(at, sizeof at, "%H:%M:%S", &gtm);
        mt_oom_text(d, sizeof d, p, u->snap->time);
        snprintf(eta, sizeof eta, " - %s since %s%s%s", p->notes.leak ? "LEAK?" : "growing", at,
                 *d ? ", OOM in " : "", d);
    }
    attron(ui_attr(u, PAIR_TITLE));
    int x = snprintf(line, sizeof line, "memtop map - PID %d ", (int)m->pid);
    ui_put_text(u, 0, 0, line, u->cols, true);
    int w = mt_term_width(name, u->utf8) < 16 ? mt_term_width(name, u->utf8) : 16;
    ui_put_text(u, 0, x, name, 16, false);
    x += w;
    snprintf(line, sizeof line, " - RES %s HEAP %s GROWTH %s/m%s%s%s - dRSS since %s",
             p ? mt_format_size(res, sizeof res, p->raw.res) : "-",
             p ? mt_format_size(heap, sizeof heap, p->raw.heap) : "-",
             p ? mt_format_signed_size(grow, sizeof grow, p->notes.growth * 60) : "-", eta,
             grows_in(m, gi, sizeof gi), m->exited ? " - EXITED (last numbers)" : "",
             since[0] ? since : "-");
    ui_put_text(u, 0, x, line, u->cols - x, false);
    attroff(ui_attr(u, PAIR_TITLE));
}

static void draw_classes(ui_state *u, int y0, int rows)
{
    const mt_map *map = mt_mapview_map(u->map.mv);
    char line[256], sz[MT_SIZE_BUF], rss[MT_SIZE_BUF], pss[MT_SIZE_BUF], dirty[MT_SIZE_BUF],
        swap[MT_SIZE_BUF], d[MT_SIZE_BUF + 2], spark[64];
    attron(ui_attr(u, PAIR_HEADER));
    snprintf(line, sizeof line, " %-7s %6s %6s %6s %6s %6s %7s %5s %-12s", "CLASS", "SIZE", "RSS",
             "PSS", "DIRTY", "SWAP", "dRSS", "MAPS", "TREND");
    ui_put_text(u, y0, 0, line, u->cols, true);
    attroff(ui_attr(u, PAIR_HEADER));
    for (int c = 0; c < MT_RC_COUNT && c < rows - 1; c++) {
        const mt_region_total *t = &map->classes[c];
        double series[UI_CLASS_HISTORY];
        size_t n = u->map.nhist < UI_CLASS_HISTORY ? u->map.nhist : UI_CLASS_HISTORY;
        for (size_t i = 0; i < n; i++)
            series[i] = u->map.class_rss[c][(u->map.nhist - n + i) % UI_CLASS_HISTORY];
        mt_sparkline(spark, sizeof spark, series, n, 12, u->utf8);
        snprintf(line, sizeof line, " %c %-5s %6s %6s %6s %6s %6s %7s %5zu %s", class_letters[c],
                 mt_region_class_name((enum mt_region_class)c),
                 mt_format_size(sz, sizeof sz, t->size), mt_format_size(rss, sizeof rss, t->rss),
                 mt_format_size(pss, sizeof pss, t->pss),
                 mt_format_size(dirty, sizeof dirty, t->dirty),
                 mt_format_size(swap, sizeof swap, t->swap), delta(d, sizeof d, t->delta_rss),
                 t->count, spark);
        int attr = t->delta_rss > 0 ? A_BOLD : 0;
        attron(attr);
        ui_put_text(u, y0 + 1 + c, 0, line, u->cols, true);
        attroff(attr);
    }
}

static void draw_regions(ui_state *u, int y0, int rows)
{
    ui_map *m = &u->map;
    const mt_map *map = mt_mapview_map(m->mv);
    char line[256], kb[MT_SIZE_BUF], rss[MT_SIZE_BUF], pss[MT_SIZE_BUF], dirty[MT_SIZE_BUF],
        swap[MT_SIZE_BUF], d[MT_SIZE_BUF + 2], addr_t[24], rss_t[16], delta_t[16];
    /* The sort column's arrow: address ascending, RSS and dRSS largest
     * first.  Padded by hand: printf counts the triangle's 3 bytes. */
    snprintf(addr_t, sizeof addr_t, "ADDRESS%s%s", m->sort == MAP_BY_ADDRESS ?
             ui_sort_arrow(u, false) : "", m->sort == MAP_BY_ADDRESS ? "        " : "         ");
    snprintf(rss_t, sizeof rss_t, "%s%s%s", m->sort == MAP_BY_RSS ? "  " : "   ", "RSS",
             m->sort == MAP_BY_RSS ? ui_sort_arrow(u, true) : "");
    snprintf(delta_t, sizeof delta_t, "%s%s%s", m->sort == MAP_BY_DELTA ? "  " : "   ", "dRSS",
             m->sort == MAP_BY_DELTA ? ui_sort_arrow(u, true) : "");
    attron(ui_attr(u, PAIR_HEADER));
    snprintf(line, sizeof line, "%s %-4s %6s %s %6s %6s %6s %s %-6s %s", addr_t, "PERM", "SIZE",
             rss_t, "PSS", "DIRTY", "SWAP", delta_t, "CLASS", "MAPPING");
    ui_put_text(u, y0, 0, line, u->cols, true);
    attroff(ui_attr(u, PAIR_HEADER));
    int visible = rows - 1;
    if (visible < 1 || map->n == 0)
        return;
    if (m->sel < m->top)
        m->top = m->sel;
    if (m->sel >= m->top + (size_t)visible)
        m->top = m->sel - (size_t)visible + 1;
    for (int r = 0; r < visible && m->top + (size_t)r < map->n; r++) {
        size_t i = m->top + (size_t)r;
        const mt_region *g = &map->regions[m->order[i]];
        int y = y0 + 1 + r;
        snprintf(line, sizeof line, "%016" PRIx64 " %-4s %6s %6s %6s %6s %6s %7s %-6s ", g->start,
                 g->gone ? "gone" : g->perms, mt_format_size(kb, sizeof kb, g->size),
                 mt_format_size(rss, sizeof rss, g->rss), mt_format_size(pss, sizeof pss, g->pss),
                 mt_format_size(dirty, sizeof dirty, mt_region_dirty(g)),
                 mt_format_size(swap, sizeof swap, g->swap), delta(d, sizeof d, g->delta_rss),
                 mt_region_class_name(g->cls));
        int attr = (i == m->sel ? A_REVERSE : 0) | (g->delta_rss > 0 ? A_BOLD : 0);
        attron(attr);
        ui_put_text(u, y, 0, line, u->cols, true);
        int x = (int)strlen(line);
        if (x < u->cols)
            ui_put_text(u, y, x, g->path, u->cols - x, false);
        attroff(attr);
    }
}

void ui_map_draw(ui_state *u)
{
    ui_map *m = &u->map;
    draw_title(u);
    if (!m->have_map) {
        ui_put_text(u, 2, 2, m->error[0] ? m->error : "reading the memory map...", u->cols - 2,
                    false);
        if (m->error[0])
            ui_put_text(u, 3, 2, "Esc: back to the list", u->cols - 2, false);
        return;
    }
    const mt_map *map = mt_mapview_map(m->mv);
    uint64_t parts[MT_RC_COUNT];
    for (int c = 0; c < MT_RC_COUNT; c++)
        parts[c] = map->classes[c].rss;
    char total[128], rss[MT_SIZE_BUF], d[MT_SIZE_BUF + 2];
    snprintf(total, sizeof total, " RSS %s, dRSS %s", mt_format_size(rss, sizeof rss, map->total.rss),
             delta(d, sizeof d, map->total.delta_rss));
    int tw = (int)strlen(total);
    if (u->cols > tw + 12) {
        mvaddch(1, 0, '[');
        ui_draw_bar(u, 1, 1, u->cols - tw - 3, parts, class_letters, class_pairs, MT_RC_COUNT,
                    map->total.rss);
        mvaddch(1, u->cols - tw - 2, ']');
        ui_put_text(u, 1, u->cols - tw - 1, total, tw, false);
    }
    int avail = u->rows - 3;            /* title, bar, footer */
    int class_rows = avail >= 24 ? MT_RC_COUNT + 1 : avail >= 14 ? avail / 2 : 0;
    if (class_rows)
        draw_classes(u, 2, class_rows);
    draw_regions(u, 2 + class_rows, avail - class_rows);
}

void ui_map_legend_draw(ui_state *u)
{
    ui_lines l = { 0 };
    for (int c = 0; c < MT_RC_COUNT; c++)
        ui_lines_add(&l, " %c %-6s %s", class_letters[c],
                     mt_region_class_name((enum mt_region_class)c),
                     mt_region_class_help((enum mt_region_class)c));
    ui_pager_draw(u, "Region classes: what each is and why it grows", NULL, &l);
    ui_lines_free(&l);
}

bool ui_map_action(ui_state *u, enum mt_key_action act)
{
    ui_map *m = &u->map;
    size_t n = m->have_map ? mt_mapview_map(m->mv)->n : 0;
    long page = u->rows > 20 ? u->rows - 18 : 1;
    switch (act) {
    case MT_ACT_BACK: case MT_ACT_CLOSE:
        ui_map_close(u);
        return true;
    case MT_ACT_HELP:
        u->screen = UI_LEGEND;
        u->page_top = 0;
        return true;
    case MT_ACT_BASELINE:
        if (m->have_map && !m->exited) {
            mt_mapview_set_baseline(m->mv);
            ui_map_refresh(u);
            ui_set_status(u, "baseline set: dRSS counts from now");
        }
        return true;
    case MT_ACT_SORT_LEFT: case MT_ACT_SORT_RIGHT:
        m->sort = (enum ui_map_sort)((m->sort + (act == MT_ACT_SORT_RIGHT ? 1 : MAP_NSORTS - 1)) %
                                     MAP_NSORTS);
        if (m->have_map)
            sort_regions(m);
        ui_set_status(u, "mappings sorted by %s", sort_names[m->sort]);
        return true;
    case MT_ACT_UP: if (m->sel > 0) m->sel--; return true;
    case MT_ACT_DOWN: if (m->sel + 1 < n) m->sel++; return true;
    case MT_ACT_PAGE_UP: m->sel = m->sel > (size_t)page ? m->sel - (size_t)page : 0; return true;
    case MT_ACT_PAGE_DOWN: m->sel = n && m->sel + (size_t)page < n ? m->sel + (size_t)page : n ? n - 1 : 0; return true;
    case MT_ACT_HOME: m->sel = 0; return true;
    case MT_ACT_END: m->sel = n ? n - 1 : 0; return true;
    default: return false;
    }
}
