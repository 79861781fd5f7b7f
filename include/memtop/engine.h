/* engine.h - the one refresh loop every front end drives:
 *
 *   source -> analysis (history, verdicts, exit ledger) -> GROWS-IN
 *          (live sources only, growsin.h) -> groups -> view (filter,
 *          sort) -> attached sinks
 *
 * Batch mode attaches its writers (stdout, --textfile, -w) and calls
 * mt_engine_refresh until it is done; the interactive view attaches the
 * recorder (-w), calls the same function and draws what the engine
 * holds, sending it requests (filter, sort, groups, a frame to show).
 */
#ifndef MEMTOP_ENGINE_H
#define MEMTOP_ENGINE_H

#include <stdbool.h>
#include <stddef.h>

#include "memtop/analysis.h"
#include "memtop/groups.h"
#include "memtop/sink.h"
#include "memtop/snapshot.h"
#include "memtop/source.h"
#include "memtop/view.h"

#define MT_ENGINE_SINKS 4

typedef struct mt_engine mt_engine;

/* An engine reading src (which it owns from now on).  A source that is
 * not live (a recording) has no cgroup limits (the source supplies
 * them), and its groups by cgroup none of this machine's. */
mt_engine *mt_engine_new(mt_source *src, const mt_analysis_opts *ao);
void mt_engine_free(mt_engine *e);

/* The filter (kept by pointer: the caller may change what it points
 * at) and the sort of the view handed to the sinks. */
void mt_engine_set_filter(mt_engine *e, const mt_filter *f);
void mt_engine_set_sort(mt_engine *e, enum mt_sort_key key, bool reverse);

/* The front end reads these too (enum mt_sink_needs, or-ed in): the
 * view (MT_SINK_VIEW) and GROWS-IN (MT_SINK_GROWSIN, live sources) are
 * built only when the front end or an attached sink needs them. */
void mt_engine_need(mt_engine *e, unsigned needs);

/* The work done so far, for tests and benchmarks: views built (sorts of
 * the process list) and GROWS-IN updates. */
typedef struct mt_engine_work {
    unsigned long views;
    unsigned long growsin;
} mt_engine_work;
const mt_engine_work *mt_engine_work_done(const mt_engine *e);

/* Sinks are kept by pointer, at most MT_ENGINE_SINKS; 0 or -1 (full). */
int mt_engine_attach(mt_engine *e, mt_sink *s);
void mt_engine_detach(mt_engine *e, mt_sink *s);

/* Groups of this kind, kept up to date every refresh from the first
 * call on (their history starts then). */
mt_groups *mt_engine_groups(mt_engine *e, enum mt_group_by by);
/* The same, or NULL when they were never asked for. */
mt_groups *mt_engine_groups_kept(const mt_engine *e, enum mt_group_by by);

/* Calls every sink's begin / end: 0, or -1 (mt_engine_failed_sink). */
int mt_engine_begin(mt_engine *e);
int mt_engine_end(mt_engine *e);

/* The next snapshot, analysed, grouped, viewed and handed to the sinks:
 * 1; 0 at the end of a recording; -1 the source failed
 * (mt_engine_error); -2 a sink failed (mt_engine_failed_sink, errno). */
int mt_engine_refresh(mt_engine *e);

/* A recording: shows frame index as memtop showed it then: the frames
 * before it, as far as the history reaches, are analysed first (not
 * handed to the sinks).  The next frame is simply the next refresh.
 * Same returns as mt_engine_refresh; 0 when index is past the end;
 * -1 for a source that cannot seek. */
int mt_engine_goto(mt_engine *e, size_t index);

/* Rebuilds the view after a change of filter or sort (no new data),
 * whether or not anybody declared they need it. */
void mt_engine_review(mt_engine *e);

mt_snapshot *mt_engine_snapshot(mt_engine *e);
const mt_view *mt_engine_view(const mt_engine *e);
const mt_analysis *mt_engine_analysis(const mt_engine *e);
mt_source *mt_engine_source(mt_engine *e);
/* Index of the frame shown (recordings), or refreshes so far - 1. */
size_t mt_engine_frame(const mt_engine *e);
/* At least one snapshot has been read. */
bool mt_engine_loaded(const mt_engine *e);
const char *mt_engine_error(const mt_engine *e);
mt_sink *mt_engine_failed_sink(const mt_engine *e);
/* errno as the failed sink left it (the caller may report it later). */
int mt_engine_failed_errno(const mt_engine *e);

#endif
