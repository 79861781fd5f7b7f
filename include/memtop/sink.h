/* sink.h - where snapshots go.  One ops table per kind (text, CSV, JSON;
 * later the UI, the recorder and the exporter), the shape of ncdu's
 * dir_output: the sampler knows nothing of formats, a writer knows
 * nothing of /proc.
 *
 * Every op returns 0, or -1 with errno set when writing failed.
 */
#ifndef MEMTOP_SINK_H
#define MEMTOP_SINK_H

#include <stdbool.h>
#include <stdio.h>

#include "memtop/format.h"
#include "memtop/snapshot.h"
#include "memtop/view.h"

typedef struct mt_sink mt_sink;
typedef struct mt_mapview mt_mapview;   /* mapview.h: the map writers include it */

/* What a sink reads besides the snapshot's raw numbers, so the engine
 * does only the work somebody uses (engine.h). */
enum mt_sink_needs {
    MT_SINK_VIEW = 1 << 0,      /* the view: filtered, sorted rows */
    MT_SINK_GROWSIN = 1 << 1,   /* GROWS-IN (growth_class): reads smaps */
};

struct mt_sink_ops {
    const char *name;
    unsigned needs;             /* enum mt_sink_needs */
    int (*begin)(mt_sink *s);
    int (*snapshot)(mt_sink *s, const mt_snapshot *snap, const mt_view *view);
    /* One process's memory map (`-m PID`), one call per refresh.  In
     * map mode begin and end are not called: a writer that needs a
     * header writes it when count is 0. */
    int (*map)(mt_sink *s, const mt_mapview *mv);
    int (*end)(mt_sink *s);
};

struct mt_sink {
    const struct mt_sink_ops *ops;
    FILE *out;
    bool utf8;          /* text may keep UTF-8 characters */
    bool cmdline;       /* text shows full command lines */
    bool pss;           /* text shows PSS and USS columns */
    const mt_filter *filter; /* applied to exited processes too */
    unsigned long count;/* snapshots written so far */
    void *ctx;          /* the sink's own state (recorder, textfile) */
};

extern const struct mt_sink_ops mt_out_text;
extern const struct mt_sink_ops mt_out_csv;
extern const struct mt_sink_ops mt_out_json;
extern const struct mt_sink_ops mt_out_openmetrics;
/* ctx: an mt_recorder (record.h); records the whole snapshot. */
extern const struct mt_sink_ops mt_out_record;
/* ctx: an mt_textfile (textfile.h); out is NULL. */
extern const struct mt_sink_ops mt_out_textfile;

const struct mt_sink_ops *mt_sink_ops_for(enum mt_format fmt);

void mt_sink_init(mt_sink *s, const struct mt_sink_ops *ops, FILE *out);
/* These call the op, then flush, so a write error (EPIPE, ENOSPC) is
 * seen at the refresh that caused it. */
int mt_sink_begin(mt_sink *s);
int mt_sink_snapshot(mt_sink *s, const mt_snapshot *snap, const mt_view *view);
int mt_sink_map(mt_sink *s, const mt_mapview *mv);
int mt_sink_end(mt_sink *s);

#endif
