/* out_csv.c - RFC 4180: one header line, one row per process per
 * refresh, sizes in bytes, a time column first. */
#include "config.h"

#include <string.h>

#include "memtop/columns.h"
#include "memtop/fields.h"
#include "memtop/format.h"
#include "memtop/mapview.h"
#include "memtop/sink.h"

static int csv_begin(mt_sink *s)
{
    if (fputs("time", s->out) == EOF)
        return -1;
    for (size_t i = 0; i < mt_machine_ncolumns; i++)
        if (fprintf(s->out, ",%s", mt_column_get(mt_machine_columns[i])->name) < 0)
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
        for (size_t i = 0; i < mt_machine_ncolumns; i++) {
            mt_value v;
            mt_column_get(mt_machine_columns[i])->get(view->rows[r], &v);
            if (putc(',', s->out) == EOF || mt_value_write(s->out, &v, MT_FMT_CSV) < 0)
                return -1;
        }
        if (fputs("\r\n", s->out) == EOF)
            return -1;
    }
    return 0;
}

/* The map: one row per mapping per refresh; the header on the first. */
static int csv_map_header(FILE *out)
{
    if (fputs("time,pid", out) == EOF)
        return -1;
    for (size_t i = 0; i < mt_region_nfields; i++)
        if (fprintf(out, ",%s", mt_region_fields[i].name) < 0)
            return -1;
    return fputs("\r\n", out) == EOF ? -1 : 0;
}

static int csv_map(mt_sink *s, const mt_mapview *mv)
{
    const mt_map *m = mt_mapview_map(mv);
    char t[48];
    if (s->count == 0 && csv_map_header(s->out) < 0)
        return -1;
    mt_format_fixed(t, sizeof t, mt_mapview_time(mv), 3);
    size_t tlen = strlen(t);
    snprintf(t + tlen, sizeof t - tlen, ",%d,", (int)mt_mapview_pid(mv));
    return mt_regions_write(s->out, m, MT_FMT_CSV, t);
}

const struct mt_sink_ops mt_out_csv = {
    .name = "csv",
    .needs = MT_SINK_VIEW | MT_SINK_GROWSIN,
    .begin = csv_begin,
    .snapshot = csv_snapshot,
    .map = csv_map,
};
