/* out_json.c - one JSON object per line per refresh (JSON Lines), so a
 * stream can be read with `jq -c` or line by line. */
#include "config.h"

#include <math.h>

#include "memtop/columns.h"
#include "memtop/escape.h"
#include "memtop/fields.h"
#include "memtop/format.h"
#include "memtop/mapview.h"
#include "memtop/sink.h"

static int write_key(FILE *out, const char *key, bool first)
{
    return fprintf(out, "%s\"%s\":", first ? "" : ",", key) < 0 ? -1 : 0;
}

static int json_system(FILE *out, const mt_snapshot *snap)
{
    if (fputs("\"system\":{", out) == EOF)
        return -1;
    for (size_t i = 0; i < mt_sys_nfields; i++) {
        mt_value v;
        mt_sys_fields[i].get(snap, &v);
        if (write_key(out, mt_sys_fields[i].name, i == 0) < 0 ||
            mt_value_write(out, &v, MT_FMT_JSON) < 0)
            return -1;
    }
    return putc('}', out) == EOF ? -1 : 0;
}

static int json_proc(FILE *out, const mt_proc *p)
{
    if (putc('{', out) == EOF)
        return -1;
    for (size_t i = 0; i < mt_machine_ncolumns; i++) {
        const mt_column_info *c = mt_column_get(mt_machine_columns[i]);
        mt_value v;
        c->get(p, &v);
        if (write_key(out, c->name, i == 0) < 0 ||
            mt_value_write(out, &v, MT_FMT_JSON) < 0)
            return -1;
    }
    return putc('}', out) == EOF ? -1 : 0;
}

static int json_num(FILE *out, const char *key, double v, int decimals, bool first)
{
    char buf[48];
    mt_format_fixed(buf, sizeof buf, v, decimals);
    return write_key(out, key, first) < 0 || fputs(buf, out) == EOF ? -1 : 0;
}

static int json_str(FILE *out, const char *key, const char *v)
{
    return write_key(out, key, false) < 0 || mt_json_write(out, v) < 0 ? -1 : 0;
}

/* Processes that exited since the previous refresh (the exit ledger). */
static int json_exited(mt_sink *s, const mt_snapshot *snap)
{
    FILE *out = s->out;
    bool first = true;
    if (fputs(",\"exited\":[", out) == EOF)
        return -1;
    for (size_t i = 0; i < snap->nexited; i++) {
        const mt_exit *e = &snap->exited[i];
        if (!mt_filter_match(s->filter, &e->proc))
            continue;
        if ((!first && putc(',', out) == EOF) || putc('{', out) == EOF ||
            json_num(out, "pid", e->proc.raw.pid, 0, true) < 0 ||
            json_num(out, "ppid", e->proc.raw.ppid, 0, false) < 0 ||
            json_str(out, "user", e->proc.raw.user) < 0 ||
            json_str(out, "command", e->proc.raw.comm) < 0 ||
            json_num(out, "start", e->proc.raw.start, 2, false) < 0 ||
            json_num(out, "exit_time", e->exit_time, 3, false) < 0 ||
            json_num(out, "lifetime", e->lifetime, 2, false) < 0 ||
            json_num(out, "peak_res", (double)e->peak_res, 0, false) < 0 ||
            json_num(out, "res", e->proc.raw.res == MT_NA ? NAN : (double)e->proc.raw.res, 0, false) < 0 ||
            json_num(out, "heap", e->proc.raw.heap == MT_NA ? NAN : (double)e->proc.raw.heap, 0, false) < 0 ||
            json_num(out, "returned", (double)e->returned, 0, false) < 0 || putc('}', out) == EOF)
            return -1;
        first = false;
    }
    return putc(']', out) == EOF ? -1 : 0;
}

/* Zombies among the shown processes, with the parent that has not
 * reaped them. */
static int json_zombies(mt_sink *s, const mt_snapshot *snap, const mt_view *view)
{
    FILE *out = s->out;
    bool first = true;
    if (fputs(",\"zombies\":[", out) == EOF)
        return -1;
    for (size_t r = 0; r < view->n; r++) {
        const mt_proc *p = view->rows[r];
        if (p->raw.state != 'Z')
            continue;
        const mt_proc *parent = mt_snapshot_find(snap, p->raw.ppid);
        if ((!first && putc(',', out) == EOF) || putc('{', out) == EOF ||
            json_num(out, "pid", p->raw.pid, 0, true) < 0 ||
            json_str(out, "command", p->raw.comm) < 0 ||
            json_num(out, "ppid", p->raw.ppid, 0, false) < 0 ||
            write_key(out, "parent_command", false) < 0 ||
            (parent ? mt_json_write(out, parent->raw.comm) : fputs("null", out)) < 0 ||
            json_num(out, "unreaped", p->notes.unreaped, 0, false) < 0 || putc('}', out) == EOF)
            return -1;
        first = false;
    }
    return putc(']', out) == EOF ? -1 : 0;
}

static int json_snapshot(mt_sink *s, const mt_snapshot *snap, const mt_view *view)
{
    char t[32];
    mt_format_fixed(t, sizeof t, snap->time, 3);
    if (fprintf(s->out, "{\"time\":%s,", t) < 0 || json_system(s->out, snap) < 0 ||
        fputs(",\"processes\":[", s->out) == EOF)
        return -1;
    for (size_t r = 0; r < view->n; r++)
        if ((r > 0 && putc(',', s->out) == EOF) || json_proc(s->out, view->rows[r]) < 0)
            return -1;
    if (putc(']', s->out) == EOF || json_exited(s, snap) < 0 ||
        json_zombies(s, snap, view) < 0)
        return -1;
    return fputs("}\n", s->out) == EOF ? -1 : 0;
}

/* ---- the memory map (-m PID), SPEC section 6 ---- */

static int json_total(FILE *out, const mt_region_total *t)
{
    return fprintf(out,
                   "{\"size\":%llu,\"rss\":%llu,\"pss\":%llu,\"dirty\":%llu,"
                   "\"swap\":%llu,\"delta_rss\":%lld,\"count\":%zu}",
                   (unsigned long long)t->size, (unsigned long long)t->rss,
                   (unsigned long long)t->pss, (unsigned long long)t->dirty,
                   (unsigned long long)t->swap, (long long)t->delta_rss, t->count) < 0
               ? -1
               : 0;
}

static int json_map_tail(FILE *out, const mt_map *m)
{
    if (fputs(",\"classes\":{", out) == EOF)
        return -1;
    for (int c = 0; c < MT_RC_COUNT; c++)
        if (write_key(out, mt_region_class_name((enum mt_region_class)c), c == 0) < 0 ||
            json_total(out, &m->classes[c]) < 0)
            return -1;
    if (fputs("},\"total\":", out) == EOF || json_total(out, &m->total) < 0)
        return -1;
    return fprintf(out,
                   ",\"summary\":{\"mapped\":%llu,\"writeable_private\":%llu,"
                   "\"shared\":%llu}}\n",
                   (unsigned long long)m->mapped, (unsigned long long)m->writeable_private,
                   (unsigned long long)m->shared) < 0
               ? -1
               : 0;
}

static int json_map(mt_sink *s, const mt_mapview *mv)
{
    FILE *out = s->out;
    const mt_map *m = mt_mapview_map(mv);
    const char *exe = mt_mapview_exe(mv);
    if (putc('{', out) == EOF || json_num(out, "time", mt_mapview_time(mv), 3, true) < 0 ||
        json_num(out, "pid", mt_mapview_pid(mv), 0, false) < 0 ||
        json_str(out, "command", mt_mapview_command(mv)) < 0 ||
        json_str(out, "cmdline", mt_mapview_cmdline(mv)) < 0 ||
        write_key(out, "exe", false) < 0 ||
        (exe ? mt_json_write(out, exe) : fputs("null", out)) < 0 ||
        json_num(out, "baseline_time", mt_mapview_baseline_time(mv), 3, false) < 0 ||
        fputs(",\"mappings\":", out) == EOF || mt_regions_write(out, m, MT_FMT_JSON, NULL) < 0)
        return -1;
    return json_map_tail(out, m);
}

const struct mt_sink_ops mt_out_json = {
    .name = "json",
    .needs = MT_SINK_VIEW | MT_SINK_GROWSIN,
    .snapshot = json_snapshot,
    .map = json_map,
};
