/* out_text.c - like `top -b`: a header block and a table per refresh,
 * sizes in human units (1024-based). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "memtop/columns.h"
#include "memtop/escape.h"
#include "memtop/format.h"
#include "memtop/mapview.h"
#include "memtop/sink.h"
#include "memtop/util.h"

/* Sanitizing can triple a string (each bad byte becomes U+FFFD). */
#define TEXT_BUF (3 * MT_CMDLINE_MAX + 8)

/* The text table's columns are the registry's (columns.h) that have a
 * text width, in its order: PSS and USS with --pss only; COMMAND last,
 * unpadded. */
static const mt_column_info *table_column(int i, bool pss)
{
    const mt_column_info *c = mt_column_get((enum mt_column)i);
    return i != MT_COL_COMMAND && c->text_width > 0 && (pss || !(c->flags & MT_COLF_PSS))
               ? c : NULL;
}
static int text_titles(FILE *out, bool pss)
{
    for (int i = 0; i < MT_NFIELDS; i++) {
        const mt_column_info *c = table_column(i, pss);
        if (c && fprintf(out, "%*s ", c->right ? c->text_width : -c->text_width, c->title) < 0)
            return -1;
    }
    return fprintf(out, "%s\n", mt_column_get(MT_COL_COMMAND)->title) < 0 ? -1 : 0;
}

static int text_header(FILE *out, const mt_snapshot *snap, bool utf8, bool pss)
{
    const mt_system *sys = &snap->sys;
    char clock[16] = "", up[48], host[3 * sizeof sys->hostname];
    char a[MT_SIZE_BUF], b[MT_SIZE_BUF], c[MT_SIZE_BUF], d[MT_SIZE_BUF];
    char e[MT_SIZE_BUF], f[MT_SIZE_BUF], g[MT_SIZE_BUF];
    time_t t = (time_t)snap->time;
    struct tm tm;
    if (localtime_r(&t, &tm))
        strftime(clock, sizeof clock, "%H:%M:%S", &tm);
    mt_format_uptime(up, sizeof up, sys->uptime);
    mt_term_sanitize(host, sizeof host, sys->hostname, utf8);
    if (fprintf(out, "memtop - %s up %s, %s\n", clock, up, host) < 0)
        return -1;
    char span[32];
    mt_format_duration(span, sizeof span, snap->totals.history_span);
    if (fprintf(out, "Tasks: %u total, %u growing, %u LEAK?, %u zombie, %u kernel threads;"
                " history %s\n", sys->tasks, snap->totals.growing, snap->totals.leaks, sys->zombies,
                sys->kthreads, span) < 0)
        return -1;
    if (fprintf(out,
                "Mem : %s total, %s avail, %s free, %s anon, %s file, %s shmem, %s kernel\n",
                mt_format_size(a, sizeof a, sys->mem_total),
                mt_format_size(b, sizeof b, sys->mem_available),
                mt_format_size(c, sizeof c, sys->mem_free),
                mt_format_size(d, sizeof d, sys->mem_anon),
                mt_format_size(e, sizeof e, sys->mem_file),
                mt_format_size(f, sizeof f, sys->mem_shmem),
                mt_format_size(g, sizeof g, sys->mem_kernel)) < 0)
        return -1;
    uint64_t used = sys->swap_total >= sys->swap_free ? sys->swap_total - sys->swap_free : 0;
    if (fprintf(out, "Swap: %s total, %s free, %s used\n\n",
                mt_format_size(a, sizeof a, sys->swap_total),
                mt_format_size(b, sizeof b, sys->swap_free),
                mt_format_size(c, sizeof c, used)) < 0)
        return -1;
    return text_titles(out, pss);
}

static int text_row(mt_sink *s, const mt_proc *p, double now, char *buf)
{
    char cell[3 * 64];
    for (int i = 0; i < MT_NFIELDS; i++) {
        const mt_column_info *c = table_column(i, s->pss);
        if (!c)
            continue;
        c->human(p, now, buf, TEXT_BUF);
        if (c->flags & MT_COLF_UNTRUSTED) {     /* cut to its cells, marked '+' */
            int w = mt_term_fit(cell, sizeof cell, buf, c->text_width, '+', s->utf8);
            if (fprintf(s->out, "%s%*s ", cell, c->text_width - w, "") < 0)
                return -1;
        } else if (fprintf(s->out, "%*s ", c->right ? c->text_width : -c->text_width,
                           buf) < 0) {
            return -1;
        }
    }
    bool full = s->cmdline && p->raw.cmdline && *p->raw.cmdline;
    mt_term_sanitize(buf, TEXT_BUF, full ? p->raw.cmdline : p->raw.comm, s->utf8);
    return fprintf(s->out, "%s%s\n", buf, full && p->raw.cmdline_cut ? "..." : "") < 0 ? -1 : 0;
}

/* After the table: what exited since the last refresh, and zombies
 * with the parent that has not reaped them. */
static int text_footer(mt_sink *s, const mt_snapshot *snap, const mt_view *view)
{
    char name[3 * MT_COMM_MAX], pname[3 * MT_COMM_MAX], life[32], a[MT_SIZE_BUF],
        b[MT_SIZE_BUF];
    for (size_t i = 0; i < snap->nexited; i++) {
        const mt_exit *e = &snap->exited[i];
        if (!mt_filter_match(s->filter, &e->proc))
            continue;
        mt_term_sanitize(name, sizeof name, e->proc.raw.comm, s->utf8);
        mt_format_duration(life, sizeof life, e->lifetime);
        if (fprintf(s->out, "exited: %d %s after %s, peak RES %s, returned %s\n",
                    (int)e->proc.raw.pid, name, life,
                    mt_format_size(a, sizeof a, e->peak_res),
                    mt_format_size(b, sizeof b, e->returned)) < 0)
            return -1;
    }
    for (size_t r = 0; r < view->n; r++) {
        const mt_proc *p = view->rows[r];
        if (p->raw.state != 'Z')
            continue;
        const mt_proc *parent = mt_snapshot_find(snap, p->raw.ppid);
        mt_term_sanitize(name, sizeof name, p->raw.comm, s->utf8);
        mt_term_sanitize(pname, sizeof pname, parent ? parent->raw.comm : "?", s->utf8);
        mt_format_duration(life, sizeof life, p->notes.unreaped);
        if (fprintf(s->out, "zombie: %d %s, parent %d %s has not reaped it for %s%s\n",
                    (int)p->raw.pid, name, (int)p->raw.ppid, pname, isnan(p->notes.unreaped) ? "" : "at least ",
                    life) < 0)
            return -1;
    }
    return 0;
}

static int text_snapshot(mt_sink *s, const mt_snapshot *snap, const mt_view *view)
{
    char buf[TEXT_BUF];
    if (s->count > 0 && putc('\n', s->out) == EOF)
        return -1;
    if (text_header(s->out, snap, s->utf8, s->pss) < 0)
        return -1;
    for (size_t r = 0; r < view->n; r++)
        if (text_row(s, view->rows[r], snap->time, buf) < 0)
            return -1;
    return text_footer(s, snap, view);
}

/* ---- the memory map (-m PID), pmap -x style ----------------------- */

/* A mapping path can be PATH_MAX long, and sanitizing can triple it. */
#define MAP_PATH_BUF (3 * 4096 + 16)
#define MAP_RULE "---------------- -------- -------- -------- -------- -------- --------"

/* kB, as pmap prints them: sizes are whole pages. */
static unsigned long long kb(uint64_t bytes) { return (unsigned long long)(bytes >> 10); }

/* kB with a sign when not 0 (by hand: snprintf per row costs more
 * than the rest of the row). */
static void format_delta(char *buf, size_t n, int64_t bytes)
{
    long long k = bytes / 1024;
    unsigned long long u = k < 0 ? 0 - (unsigned long long)k : (unsigned long long)k;
    char d[24], *q = d + sizeof d;
    *--q = '\0';
    do {
        *--q = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (k)
        *--q = k > 0 ? '+' : '-';
    mt_strlcpy(buf, q, n);
}

/* pmap's Mode: private shows as '-', and a fifth column pmap keeps for
 * Solaris compatibility. */
static void map_mode(char *mode, const mt_region *r)
{
    memcpy(mode, r->perms, 4);
    if (mode[3] == 'p')
        mode[3] = '-';
    mode[4] = '-';
    mode[5] = '\0';
}

/* Right-aligns v in width columns at p; returns the end.  (A map can
 * have 100,000 rows: fprintf with ten conversions per row costs more
 * than parsing smaps.) */
static char *put_num(char *p, unsigned long long v, int width)
{
    if (width == 8 && v < 100000000) {      /* the map's columns: no count first */
        memcpy(p, "        ", 8);
        char *q = p + 8;
        do {
            *--q = (char)('0' + v % 10);
            v /= 10;
        } while (v);
        p[8] = ' ';
        return p + 9;
    }
    char d[24];
    int n = 0;
    do {
        d[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (int i = n; i < width; i++)
        *p++ = ' ';
    while (n)
        *p++ = d[--n];
    *p++ = ' ';
    return p;
}

static char *put_str(char *p, const char *s, int width)
{
    int n = 0;
    while (s[n])
        *p++ = s[n++];
    for (; n < width; n++)
        *p++ = ' ';
    *p++ = ' ';
    return p;
}

static int text_map_row(mt_sink *s, const mt_region *r, char *line)
{
    char delta[24], mode[6];
    char *p = line;
    unsigned long long a = r->start;
    for (int i = 15; i >= 0; i--, a >>= 4)
        p[i] = "0123456789abcdef"[a & 15];
    p[16] = ' ';
    p = put_num(p + 17, kb(r->size), 8);
    p = put_num(p, kb(r->rss), 8);
    p = put_num(p, kb(r->pss), 8);
    p = put_num(p, kb(mt_region_dirty(r)), 8);
    p = put_num(p, kb(r->swap), 8);
    format_delta(delta, sizeof delta, r->delta_rss);
    p = put_str(p, "", 8 - (int)strlen(delta));
    p = put_str(p - 1, delta, 0);
    map_mode(mode, r);
    p = put_str(p, mode, 0);
    p = put_str(p, mt_region_class_name(r->cls), 6);
    if (r->path_len)
        p += mt_term_sanitize(p, MAP_PATH_BUF, r->path, s->utf8);
    else
        p = put_str(p, "[ anon ]", 0) - 1;
    if (r->gone)
        p = put_str(p, " (unmapped)", 0) - 1;
    *p++ = '\n';
    size_t n = (size_t)(p - line);
    return fwrite(line, 1, n, s->out) == n ? 0 : -1;
}

static int text_map_classes(FILE *out, const mt_map *m)
{
    char delta[24];
    if (fprintf(out, "\n%-16s %8s %8s %8s %8s %8s %8s %5s %6s\n", "Class", "Kbytes", "RSS",
                "PSS", "Dirty", "Swap", "dRSS", "%RSS", "Maps") < 0)
        return -1;
    for (int c = 0; c < MT_RC_COUNT; c++) {
        const mt_region_total *t = &m->classes[c];
        double pct = m->total.rss ? 100.0 * (double)t->rss / (double)m->total.rss : 0;
        format_delta(delta, sizeof delta, t->delta_rss);
        if (fprintf(out, "%-16s %8llu %8llu %8llu %8llu %8llu %8s %5.1f %6zu\n",
                    mt_region_class_name((enum mt_region_class)c), kb(t->size), kb(t->rss),
                    kb(t->pss), kb(t->dirty), kb(t->swap), delta, pct, t->count) < 0)
            return -1;
    }
    return 0;
}

static int text_map(mt_sink *s, const mt_mapview *mv)
{
    const mt_map *m = mt_mapview_map(mv);
    char path[MAP_PATH_BUF + 128], clock[16] = "", since[32], delta[24];
    time_t t = (time_t)mt_mapview_time(mv);
    struct tm tm;
    if (localtime_r(&t, &tm))
        strftime(clock, sizeof clock, "%H:%M:%S", &tm);
    mt_format_duration(since, sizeof since, mt_mapview_time(mv) - mt_mapview_baseline_time(mv));
    mt_term_sanitize(path, sizeof path, mt_mapview_cmdline(mv), s->utf8);
    if ((s->count > 0 && putc('\n', s->out) == EOF) ||
        fprintf(s->out, "memtop map - %s, dRSS since %s ago\n%d:   %s\n", clock, since,
                (int)mt_mapview_pid(mv), path) < 0 ||
        fprintf(s->out, "%-16s %8s %8s %8s %8s %8s %8s %-5s %-6s %s\n", "Address", "Kbytes",
                "RSS", "PSS", "Dirty", "Swap", "dRSS", "Mode", "Class", "Mapping") < 0)
        return -1;
    for (size_t i = 0; i < m->n; i++)
        if (text_map_row(s, &m->regions[i], path) < 0)
            return -1;
    format_delta(delta, sizeof delta, m->total.delta_rss);
    if (fprintf(s->out, "%s\n%-16s %8llu %8llu %8llu %8llu %8llu %8s\n", MAP_RULE, "total kB",
                kb(m->total.size), kb(m->total.rss), kb(m->total.pss), kb(m->total.dirty),
                kb(m->total.swap), delta) < 0 ||
        fprintf(s->out, "mapped: %lluK    writeable/private: %lluK    shared: %lluK\n",
                kb(m->mapped), kb(m->writeable_private), kb(m->shared)) < 0)
        return -1;
    return text_map_classes(s->out, m);
}

const struct mt_sink_ops mt_out_text = {
    .name = "text",
    .needs = MT_SINK_VIEW,
    .snapshot = text_snapshot,
    .map = text_map,
};
