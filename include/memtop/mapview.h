/* mapview.h - one process's memory map, refreshed: reads
 * /proc/PID/smaps (only for this process: it makes the kernel walk the
 * target's page tables), classifies it and keeps a baseline so each
 * mapping and each class carries its RSS change since then.  The batch
 * writers print it (`-b -m PID`); the map screen will use the same.
 */
#ifndef MEMTOP_MAPVIEW_H
#define MEMTOP_MAPVIEW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "memtop/fields.h"
#include "memtop/format.h"
#include "memtop/smaps.h"

typedef struct mt_mapview mt_mapview;

/* procfs is normally /proc; tests may point elsewhere. */
mt_mapview *mt_mapview_new(pid_t pid, const char *procfs);
void mt_mapview_free(mt_mapview *mv);

/* Reads the map now.  Returns 0, or -1 with errno and a one-line
 * "what: why" in err:
 *   ESRCH   the process does not exist (or exited, or its PID now
 *           belongs to another process),
 *   EACCES  not allowed to read it (another user's process, no root),
 *   ENODATA it has no memory map (a kernel thread or a zombie),
 *   other   reading failed.
 * The first successful sample becomes the baseline. */
int mt_mapview_sample(mt_mapview *mv, char *err, size_t errlen);

/* Makes the current sample the baseline: Δ counts from now. */
void mt_mapview_set_baseline(mt_mapview *mv);

pid_t mt_mapview_pid(const mt_mapview *mv);
/* The process's name (comm) and command line (arguments joined by
 * spaces; the name in brackets when it has none).  Untrusted text. */
const char *mt_mapview_command(const mt_mapview *mv);
const char *mt_mapview_cmdline(const mt_mapview *mv);
/* The main executable's path, or NULL when it could not be read. */
const char *mt_mapview_exe(const mt_mapview *mv);
/* Wall-clock time of the last sample, and of the baseline. */
double mt_mapview_time(const mt_mapview *mv);
double mt_mapview_baseline_time(const mt_mapview *mv);
/* The last sample: regions (with delta_rss, is_new), then the gone
 * ones (baseline mappings no longer mapped, m->ngone of them), class
 * totals and total (delta_rss = RSS now - RSS at the baseline, and the
 * regions' Δ add up to it: mt_map_delta), pmap -d's summary. */
const mt_map *mt_mapview_map(const mt_mapview *mv);

/* The pure part of reading /proc/PID/stat: name, state, flags (field
 * 9) and start time in clock ticks (field 22).  Returns 0, or -1 when
 * the text is not a stat line. */
int mt_mapview_parse_stat(const char *buf, char *comm, size_t commsize, char *state,
                          unsigned long *flags, unsigned long long *start);

/* The per-mapping fields of CSV and JSON (one table, so the two cannot
 * drift apart).  get may use scratch (MT_FIELD_SCRATCH bytes) for a
 * string it builds. */
#define MT_FIELD_SCRATCH 32
typedef struct mt_region_field {
    const char *name;
    void (*get)(const mt_region *r, mt_value *v, char *scratch);
} mt_region_field;

extern const mt_region_field mt_region_fields[];
extern const size_t mt_region_nfields;

/* Writes every mapping of m: CSV, one row each (prefix, the fields,
 * CRLF), or a JSON array of objects.  The same values mt_value_write
 * would write field by field, made fast for 100,000 mappings.  Returns
 * 0, or -1 on a write error. */
int mt_regions_write(FILE *out, const mt_map *m, enum mt_format fmt, const char *prefix);

#endif
