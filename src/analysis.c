/* analysis.c - history -> growth -> verdicts, once per refresh. */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "memtop/analysis.h"
#include "memtop/cgroup.h"
#include "memtop/util.h"

#define LEDGER_SIZE 256

struct mt_analysis {
    mt_analysis_opts o;
    mt_history *hist;
    mt_ledger *ledger;
    double *t, *v;          /* scratch series, history capacity each */
    mt_snapshot *current;   /* for the gone callback */
};

void mt_analysis_opts_default(mt_analysis_opts *o)
{
    o->history = 150;
    o->window = 0;
    mt_leak_params_default(&o->leak);
    o->proc_root = "/proc";
    o->cgroup_root = "/sys/fs/cgroup";
}

mt_analysis *mt_analysis_new(const mt_analysis_opts *o)
{
    mt_analysis *a = mt_xcalloc(1, sizeof *a);
    a->o = *o;
    a->hist = mt_history_new(o->history);
    a->ledger = mt_ledger_new(LEDGER_SIZE);
    a->t = mt_xmalloc(o->history * sizeof *a->t);
    a->v = mt_xmalloc(o->history * sizeof *a->v);
    return a;
}

void mt_analysis_free(mt_analysis *a)
{
    if (!a)
        return;
    mt_history_free(a->hist);
    mt_ledger_free(a->ledger);
    free(a->t);
    free(a->v);
    free(a);
}

const mt_history *mt_analysis_history(const mt_analysis *a) { return a->hist; }
const mt_ledger *mt_analysis_ledger(const mt_analysis *a) { return a->ledger; }

static void on_gone(void *ctx, const mt_track *t, double now)
{
    mt_analysis *a = ctx;
    mt_exit e;
    mt_exit_from_track(&e, t, now);
    mt_ledger_add(a->ledger, &e);
    mt_snapshot_add_exit(a->current, &e);
}

/* Time until OOM: the tighter of the system's headroom and the
 * process's cgroup limit. */
static void oom_eta(const mt_analysis *a, const mt_snapshot *s, mt_proc *p)
{
    uint64_t room = s->sys.mem_available + s->sys.swap_free, cg;
    p->oom_cgroup = false;
    if (a->o.cgroup_root && a->o.proc_root &&
        mt_cgroup_headroom(a->o.proc_root, a->o.cgroup_root, p->pid, &cg) == 0 &&
        cg < room) {
        room = cg;
        p->oom_cgroup = true;
    }
    p->oom_eta = mt_oom_eta(p->growth, room);
}

static void judge(mt_analysis *a, mt_snapshot *s, mt_proc *p)
{
    size_t n = mt_history_series(a->hist, p, a->o.window, a->t, a->v);
    mt_growth g;
    mt_growth_judge(a->t, a->v, n, &a->o.leak, &g);
    p->samples = (unsigned)n;
    p->growth = g.known ? g.slope : NAN;
    p->growing = g.known && g.slope > 0 && g.tscore >= a->o.leak.min_tscore;
    p->leak = g.leak && p->state != 'Z';
    p->oom_eta = NAN;
    p->oom_cgroup = false;
    if (p->leak)
        oom_eta(a, s, p);
    const mt_track *t = mt_history_find(a->hist, p);
    p->unreaped = t && p->state == 'Z' ? s->time - t->zombie_since : NAN;
    s->sys.growing += p->growing;
    s->sys.leaks += p->leak;
}

void mt_analysis_update(mt_analysis *a, mt_snapshot *s)
{
    a->current = s;
    s->nexited = 0;
    mt_history_record(a->hist, s, on_gone, a);
    a->current = NULL;
    s->sys.growing = 0;
    s->sys.leaks = 0;
    for (size_t i = 0; i < s->nprocs; i++)
        if (!s->procs[i].kthread)
            judge(a, s, &s->procs[i]);
    s->sys.history_span = mt_history_span(a->hist);
}
