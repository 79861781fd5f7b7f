/* analysis.c - history -> growth -> verdicts -> OOM-IN, once per
 * refresh.  Pure over snapshots: a cgroup's room comes with the
 * snapshot (cg_room, filled by a live source), never from a file. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "memtop/analysis.h"
#include "memtop/format.h"
#include "memtop/util.h"

#define LEDGER_SIZE 256

struct mt_analysis {
    mt_analysis_opts o;
    mt_history *hist;
    mt_ledger *ledger;
    double *t, *v;          /* scratch series, history capacity each */
    double *lt[MT_LEVELS], *lv[MT_LEVELS]; /* scratch coarse floors */
    mt_snapshot *current;   /* for the gone callback */
    mt_verdict_out *outs;   /* per process of the snapshot judged: its verdict */
    size_t outs_cap;
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
    for (int l = 0; l < MT_LEVELS; l++) {
        a->lt[l] = mt_xmalloc(MT_LEVEL_COUNT[l] * sizeof *a->lt[l]);
        a->lv[l] = mt_xmalloc(MT_LEVEL_COUNT[l] * sizeof *a->lv[l]);
    }
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
    free(a->outs);
    for (int l = 0; l < MT_LEVELS; l++) {
        free(a->lt[l]);
        free(a->lv[l]);
    }
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

/* The headroom a growing process can use up: the tighter of the
 * system's and its cgroup's (as the source found it). */
static uint64_t headroom(const mt_snapshot *s, mt_proc *p)
{
    uint64_t room = s->sys.mem_available + s->sys.swap_free;
    p->notes.oom_cgroup = false;
    if (p->notes.cg_room != MT_NA && p->notes.cg_room < room) {
        room = p->notes.cg_room;
        p->notes.oom_cgroup = true;
    }
    return room;
}

/* OOM-IN for a growing process: headroom / GROWTH, its range from the
 * slope's interval, and no point estimate beyond 10x the phase seen so
 * far (the row then says ">" that much). */
static void oom_eta(const mt_snapshot *s, mt_proc *p, const mt_verdict_out *o)
{
    uint64_t room = headroom(s, p);
    double eta = mt_oom_eta(o->growth, room);
    p->notes.oom_eta_low = mt_oom_eta(o->slope_high, room);
    p->notes.oom_eta_high = mt_oom_eta(o->slope_low, room);
    if (!isnan(eta) && !isnan(p->notes.growth_since) &&
        eta > MT_OOM_ETA_HORIZON * (s->time - p->notes.growth_since))
        eta = NAN;
    p->notes.oom_eta = eta;
}

static void judge(mt_analysis *a, mt_snapshot *s, mt_proc *p, mt_verdict_out *out)
{
    size_t n = mt_history_series(a->hist, p, a->o.window, a->t, a->v);
    mt_track *tr = mt_history_track(a->hist, p);
    mt_verdict_input in = { .now = s->time, .recent = { a->t, a->v, n },
                            .level_width = MT_LEVEL_WIDTH };
    double since = a->o.window > 0 ? s->time - a->o.window : -INFINITY;
    mt_verdict_out o = { 0 };
    p->notes.samples = (unsigned)n;
    p->notes.oom_eta = p->notes.oom_eta_low = p->notes.oom_eta_high = NAN;
    p->notes.oom_cgroup = false;
    if (!tr) {
        p->notes.growth = p->notes.growth_since = NAN;
        p->notes.verdict = MT_VERDICT_UNKNOWN;
        p->notes.growing = p->notes.leak = false;
        return;
    }
    if (mt_verdict_wants_levels(&tr->verdict, s->time))
        for (int l = 0; l < MT_LEVELS; l++) {
            in.level[l].n = mt_history_levels(a->hist, p, l, since, a->lt[l], a->lv[l]);
            in.level[l].t = a->lt[l];
            in.level[l].v = a->lv[l];
        }
    mt_verdict_step(&tr->verdict, &in, &a->o.leak, &o);
    p->notes.growth = o.growth;
    p->notes.growth_since = o.since;
    p->notes.verdict = o.verdict;
    if (p->raw.state == 'Z' && (o.verdict == MT_VERDICT_GROWING || o.verdict == MT_VERDICT_LEAK))
        p->notes.verdict = MT_VERDICT_STEADY; /* its memory is gone already */
    p->notes.growing = p->notes.verdict == MT_VERDICT_GROWING || p->notes.verdict == MT_VERDICT_LEAK;
    p->notes.leak = p->notes.verdict == MT_VERDICT_LEAK;
    *out = o;
    p->notes.unreaped = p->raw.state == 'Z' ? s->time - tr->zombie_since : NAN;
    s->totals.growing += p->notes.growing;
    s->totals.leaks += p->notes.leak;
}

void mt_analysis_judge(mt_analysis *a, mt_snapshot *s)
{
    a->outs = mt_xgrow(a->outs, &a->outs_cap, s->nprocs, sizeof *a->outs);
    a->current = s;
    s->nexited = 0;
    mt_history_record(a->hist, s, on_gone, a);
    a->current = NULL;
    s->totals.growing = 0;
    s->totals.leaks = 0;
    for (size_t i = 0; i < s->nprocs; i++)
        if (!s->procs[i].raw.kthread)
            judge(a, s, &s->procs[i], &a->outs[i]);
    s->totals.history_span = mt_history_span(a->hist);
}

void mt_analysis_oom(mt_analysis *a, mt_snapshot *s)
{
    for (size_t i = 0; i < s->nprocs; i++) {
        mt_proc *p = &s->procs[i];
        if (!p->raw.kthread && p->notes.growing)
            oom_eta(s, p, &a->outs[i]);
    }
}

void mt_analysis_update(mt_analysis *a, mt_snapshot *s)
{
    mt_analysis_judge(a, s);
    mt_analysis_oom(a, s);
}

char *mt_oom_text(char *buf, size_t n, const mt_proc *p, double now)
{
    buf[0] = '\0';
    if (!p->notes.growing || n < 2)
        return buf;
    if (!isnan(p->notes.oom_eta)) {
        mt_format_duration(buf, n, p->notes.oom_eta);
    } else if (!isnan(p->notes.oom_eta_low) && !isnan(p->notes.growth_since)) {
        buf[0] = '>';
        mt_format_duration(buf + 1, n - 1, MT_OOM_ETA_HORIZON * (now - p->notes.growth_since));
    } else {
        return buf;
    }
    if (p->notes.oom_cgroup)
        strncat(buf, "/cg", n - strlen(buf) - 1);
    return buf;
}

const char *mt_verdict_label(const mt_proc *p)
{
    switch (p->notes.verdict) {
    case MT_VERDICT_LEAK:      return "LEAK?";
    case MT_VERDICT_GROWING:   return "grow";
    case MT_VERDICT_SHRINKING: return "shrnk";
    default:                   return "";
    }
}
