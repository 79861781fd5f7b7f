/* out_csv.c - RFC 4180: one header line, one row per process per
 * refresh, sizes in bytes, a time column first. */
#include "config.h"

#include "memtop/fields.h"
#include "memtop/format.h"
#include "memtop/sink.h"

static int csv_begin(mt_sink *s)
{
    if (fputs("time", s->out) == EOF)
        return -1;
    for (size_t i = 0; i < mt_proc_nfields; i++)
        if (fprintf(s->out, ",%s", mt_proc_fields[i].name) < 0)
            return -1;
    return fputs("\r\n", s->out) == EOF ? -1 : 0;
}

static int csv_snapshot(mt_sink *s, const mt_snapshot *snap, const mt_view *view)
{
    char t[32];
    mt_format_fixed(t, sizeof t, snap->time, 3);
    for (size_t r = 0; r < view->n; r++) {
        if (fputs(t, s->out) == EOF)
            return -1;
        for (size_t i = 0; i < mt_proc_nfields; i++) {
            mt_value v;
            mt_proc_fields[i].get(view->rows[r], &v);
            if (putc(',', s->out) == EOF || mt_value_write(s->out, &v, MT_FMT_CSV) < 0)
                return -1;
        }
        if (fputs("\r\n", s->out) == EOF)
            return -1;
    }
    return 0;
}

const struct mt_sink_ops mt_out_csv = {
    .name = "csv",
    .begin = csv_begin,
    .snapshot = csv_snapshot,
};
