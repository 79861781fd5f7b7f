/* out_json.c - one JSON object per line per refresh (JSON Lines), so a
 * stream can be read with `jq -c` or line by line. */
#include "config.h"

#include "memtop/fields.h"
#include "memtop/format.h"
#include "memtop/sink.h"

static int write_key(FILE *out, const char *key, bool first)
{
    return fprintf(out, "%s\"%s\":", first ? "" : ",", key) < 0 ? -1 : 0;
}

static int json_system(FILE *out, const mt_system *sys)
{
    if (fputs("\"system\":{", out) == EOF)
        return -1;
    for (size_t i = 0; i < mt_sys_nfields; i++) {
        mt_value v;
        mt_sys_fields[i].get(sys, &v);
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
    for (size_t i = 0; i < mt_proc_nfields; i++) {
        mt_value v;
        mt_proc_fields[i].get(p, &v);
        if (write_key(out, mt_proc_fields[i].name, i == 0) < 0 ||
            mt_value_write(out, &v, MT_FMT_JSON) < 0)
            return -1;
    }
    return putc('}', out) == EOF ? -1 : 0;
}

static int json_snapshot(mt_sink *s, const mt_snapshot *snap, const mt_view *view)
{
    char t[32];
    mt_format_fixed(t, sizeof t, snap->time, 3);
    if (fprintf(s->out, "{\"time\":%s,", t) < 0 || json_system(s->out, &snap->sys) < 0 ||
        fputs(",\"processes\":[", s->out) == EOF)
        return -1;
    for (size_t r = 0; r < view->n; r++)
        if ((r > 0 && putc(',', s->out) == EOF) || json_proc(s->out, view->rows[r]) < 0)
            return -1;
    return fputs("]}\n", s->out) == EOF ? -1 : 0;
}

const struct mt_sink_ops mt_out_json = {
    .name = "json",
    .snapshot = json_snapshot,
};
