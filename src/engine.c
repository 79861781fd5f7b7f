/* engine.c - source -> analysis -> groups -> view -> sinks, once per
 * refresh, for batch mode and the interactive view alike. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "memtop/engine.h"
#include "memtop/growsin.h"
#include "memtop/util.h"

struct mt_engine {
    mt_source *src;
    mt_analysis_opts ao;
    mt_analysis *an;
    mt_groups *groups[2];       /* by name, by cgroup: NULL until asked for */
    mt_growsin *growsin;        /* GROWS-IN, live only: a replay's PIDs are not here;
                                 * NULL until somebody needs it */
    unsigned need;              /* what the front end needs (enum mt_sink_needs) */
    mt_engine_work work;
    mt_snapshot snap;
    mt_view view;
    const mt_filter *filter;
    enum mt_sort_key sort;
    bool reverse;
    mt_sink *sinks[MT_ENGINE_SINKS];
    size_t nsinks;
    mt_sink *failed;
    int failed_errno;
    size_t frame;
    bool loaded;
};

static const mt_filter no_filter;

mt_engine *mt_engine_new(mt_source *src, const mt_analysis_opts *ao)
{
    mt_engine *e = mt_xcalloc(1, sizeof *e);
    e->src = src;
    e->ao = *ao;
    if (!mt_source_live_p(src))  /* the recorded machine's cgroups are not here */
        e->ao.proc_root = e->ao.cgroup_root = NULL;
    e->an = mt_analysis_new(&e->ao);
    e->filter = &no_filter;
    e->sort = MT_SORT_GROWTH;
    mt_snapshot_init(&e->snap);
    mt_view_init(&e->view);
    return e;
}

void mt_engine_free(mt_engine *e)
{
    if (!e)
        return;
    mt_source_close(e->src);
    mt_analysis_free(e->an);
    mt_growsin_free(e->growsin);
    for (int i = 0; i < 2; i++)
        mt_groups_free(e->groups[i]);
    mt_snapshot_free(&e->snap);
    mt_view_free(&e->view);
    free(e);
}

void mt_engine_need(mt_engine *e, unsigned needs) { e->need |= needs; }

/* What the front end and the attached sinks read. */
static unsigned needs(const mt_engine *e)
{
    unsigned n = e->need;
    for (size_t i = 0; i < e->nsinks; i++)
        n |= e->sinks[i]->ops->needs;
    return n;
}

const mt_engine_work *mt_engine_work_done(const mt_engine *e) { return &e->work; }

void mt_engine_set_filter(mt_engine *e, const mt_filter *f) { e->filter = f ? f : &no_filter; }

void mt_engine_set_sort(mt_engine *e, enum mt_sort_key key, bool reverse)
{
    e->sort = key;
    e->reverse = reverse;
}

int mt_engine_attach(mt_engine *e, mt_sink *s)
{
    if (e->nsinks == MT_ENGINE_SINKS)
        return -1;
    e->sinks[e->nsinks++] = s;
    return 0;
}

void mt_engine_detach(mt_engine *e, mt_sink *s)
{
    for (size_t i = 0; i < e->nsinks; i++)
        if (e->sinks[i] == s) {
            memmove(&e->sinks[i], &e->sinks[i + 1], (e->nsinks - i - 1) * sizeof *e->sinks);
            e->nsinks--;
            return;
        }
}

mt_groups *mt_engine_groups(mt_engine *e, enum mt_group_by by)
{
    if (!e->groups[by]) {
        e->groups[by] = mt_groups_new(&e->ao, by);
        if (e->loaded)
            mt_groups_update(e->groups[by], &e->snap, e->filter);
    }
    return e->groups[by];
}

mt_groups *mt_engine_groups_kept(const mt_engine *e, enum mt_group_by by)
{
    return e->groups[by];
}

/* Calls begin, snapshot or end (op 0, 1, 2) on every sink; the first
 * failure stops the round. */
static int sinks_call(mt_engine *e, int op)
{
    for (size_t i = 0; i < e->nsinks; i++) {
        mt_sink *s = e->sinks[i];
        int rc = op == 0 ? mt_sink_begin(s)
               : op == 1 ? mt_sink_snapshot(s, &e->snap, &e->view) : mt_sink_end(s);
        if (rc < 0) {
            e->failed = s;
            e->failed_errno = errno;
            return -1;
        }
    }
    return 0;
}

int mt_engine_begin(mt_engine *e) { return sinks_call(e, 0); }
int mt_engine_end(mt_engine *e) { return sinks_call(e, 2); }

void mt_engine_review(mt_engine *e)
{
    mt_view_build(&e->view, &e->snap, e->filter, e->sort, e->reverse);
    e->work.views++;
}

/* GROWS-IN for those who show it, on this machine's processes only. */
static void update_growsin(mt_engine *e)
{
    if (!(needs(e) & MT_SINK_GROWSIN) || !mt_source_live_p(e->src))
        return;
    if (!e->growsin)
        e->growsin = mt_growsin_new(NULL);
    mt_growsin_update(e->growsin, &e->snap, e->filter);
    e->work.growsin++;
}

/* Reads and analyses the next snapshot, without the sinks. */
static int step(mt_engine *e)
{
    int r = mt_source_next(e->src, &e->snap);
    if (r != 1)
        return r;
    mt_analysis_judge(e->an, &e->snap);
    mt_source_limits(e->src, &e->snap);     /* live: the growing's cgroup room */
    mt_analysis_oom(e->an, &e->snap);
    update_growsin(e);
    for (int i = 0; i < 2; i++)
        if (e->groups[i])
            mt_groups_update(e->groups[i], &e->snap, e->filter);
    return 1;
}

/* The snapshot just read goes to the view (when somebody reads it) and
 * the sinks; a sink that needs no view gets an empty one. */
static int show(mt_engine *e)
{
    if (needs(e) & MT_SINK_VIEW)
        mt_engine_review(e);
    else
        e->view.n = 0;
    return sinks_call(e, 1) < 0 ? -2 : 1;
}

int mt_engine_refresh(mt_engine *e)
{
    int r = step(e);
    if (r != 1)
        return r;
    e->frame = e->loaded ? e->frame + 1 : 0;
    e->loaded = true;
    return show(e);
}

/* Forgets every verdict: the history is rebuilt from older frames. */
static void reset_analysis(mt_engine *e)
{
    mt_analysis_free(e->an);
    e->an = mt_analysis_new(&e->ao);
    for (int i = 0; i < 2; i++)
        if (e->groups[i]) {
            mt_groups_free(e->groups[i]);
            e->groups[i] = mt_groups_new(&e->ao, (enum mt_group_by)i);
        }
}

int mt_engine_goto(mt_engine *e, size_t index)
{
    if (!mt_source_can_seek(e->src))
        return -1;
    if (index >= mt_source_count(e->src))
        return 0;
    if (e->loaded && index == e->frame + 1)
        return mt_engine_refresh(e);
    size_t span = e->ao.history;
    size_t from = index + 1 > span ? index + 1 - span : 0;
    reset_analysis(e);
    if (mt_source_seek(e->src, from) < 0)
        return -1;
    for (size_t k = from; k < index; k++) {
        int r = step(e);
        if (r != 1)
            return r;
    }
    int r = step(e);
    if (r != 1)
        return r;
    e->frame = index;
    e->loaded = true;
    return show(e);
}

mt_snapshot *mt_engine_snapshot(mt_engine *e) { return &e->snap; }
const mt_view *mt_engine_view(const mt_engine *e) { return &e->view; }
const mt_analysis *mt_engine_analysis(const mt_engine *e) { return e->an; }
mt_source *mt_engine_source(mt_engine *e) { return e->src; }
size_t mt_engine_frame(const mt_engine *e) { return e->frame; }
bool mt_engine_loaded(const mt_engine *e) { return e->loaded; }
const char *mt_engine_error(const mt_engine *e) { return mt_source_error(e->src); }
mt_sink *mt_engine_failed_sink(const mt_engine *e) { return e->failed; }
int mt_engine_failed_errno(const mt_engine *e) { return e->failed_errno; }
