/* sink.c - the common part of every sink: call the op, flush, report. */
#include "config.h"

#include <errno.h>
#include <string.h>

#include "memtop/sink.h"

const struct mt_sink_ops *mt_sink_ops_for(enum mt_format fmt)
{
    switch (fmt) {
    case MT_FMT_CSV:  return &mt_out_csv;
    case MT_FMT_JSON: return &mt_out_json;
    case MT_FMT_OPENMETRICS: return &mt_out_openmetrics;
    case MT_FMT_TEXT: break;
    }
    return &mt_out_text;
}

void mt_sink_init(mt_sink *s, const struct mt_sink_ops *ops, FILE *out)
{
    /* Every flag off, including ones added later. */
    memset(s, 0, sizeof *s);
    s->ops = ops;
    s->out = out;
}

/* An op's own failure or a failure stdio remembered: either way errno
 * says why (EPIPE, ENOSPC, EIO...). */
static int settle(mt_sink *s, int rc)
{
    if (s->out) {
        if (fflush(s->out) == EOF)
            rc = -1;
        else if (ferror(s->out)) {
            if (errno == 0)
                errno = EIO;
            rc = -1;
        }
    }
    return rc;
}

int mt_sink_begin(mt_sink *s)
{
    errno = 0;
    return settle(s, s->ops->begin ? s->ops->begin(s) : 0);
}

int mt_sink_snapshot(mt_sink *s, const mt_snapshot *snap, const mt_view *view)
{
    errno = 0;
    int rc = s->ops->snapshot ? s->ops->snapshot(s, snap, view) : 0;
    s->count++;
    return settle(s, rc);
}

int mt_sink_map(mt_sink *s, const mt_mapview *mv)
{
    errno = 0;
    int rc = s->ops->map ? s->ops->map(s, mv) : 0;
    s->count++;
    return settle(s, rc);
}

int mt_sink_end(mt_sink *s)
{
    errno = 0;
    return settle(s, s->ops->end ? s->ops->end(s) : 0);
}
