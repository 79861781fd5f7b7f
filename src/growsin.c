/* growsin.c - GROWS-IN: which region class a growing process grows in
 * (growsin.h has the budget).  Each followed process has its own
 * mapview, whose baseline is the first read; the class is the one with
 * the largest Δ RSS since then. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "memtop/growsin.h"
#include "memtop/mapview.h"
#include "memtop/util.h"

/* Credit is capped so a long quiet spell cannot pay for a burst. */
#define CREDIT_CAP_MS (50 * MT_GROWSIN_BUDGET_MS)
/* The verdict judges HEAP (anonymous memory), which shared memory is
 * not part of: a process filling a /dev/shm or memfd mapping is never
 * "growing".  So processes with at least SHM_MIN of RssShmem are
 * watched (at most SHM_WATCH of them), and one whose RssShmem rose at
 * SHM_RISES refreshes in a row, by SHM_MIN or more, is followed too. */
#define SHM_WATCH 64
#define SHM_RISES 5
#define SHM_MIN ((uint64_t)1 << 20)

typedef struct shm_watch {
    pid_t pid;
    uint64_t start_ticks;
    uint64_t first, last;   /* RssShmem when the rises began, and now */
    unsigned rises;
    unsigned long seen_at;  /* refresh; 0: a free entry */
} shm_watch;

typedef struct followed {
    pid_t pid;
    uint64_t start_ticks;
    mt_mapview *mv;         /* NULL: a free slot */
    unsigned long read_at;  /* refresh of the last read; 0 never */
    bool denied;            /* its smaps cannot be read: not tried again */
    bool seen;              /* still wanted this refresh */
    int cls;                /* mt_map_growth_class of the last read */
} followed;

struct mt_growsin {
    char procfs[256];
    followed f[MT_GROWSIN_TRACKED];
    shm_watch shm[SHM_WATCH];
    unsigned long refresh;
    double credit_ms;
    unsigned long reads;
    double cpu;
};

/* Whom GROWS-IN is for: the processes the verdict says grow.  One
 * predicate, so the verdict's shape can change in one place. */
static bool wants_region(const mt_proc *p)
{
    return p->notes.growing || p->notes.leak;
}

/* Updates p's shared-memory watch; true when its RssShmem keeps rising. */
static bool shm_rising(mt_growsin *g, const mt_proc *p)
{
    if (p->raw.shmem == MT_NA || p->raw.shmem < SHM_MIN)
        return false;
    shm_watch *w = NULL, *oldest = &g->shm[0];
    for (int i = 0; i < SHM_WATCH && !w; i++) {
        if (g->shm[i].seen_at && g->shm[i].pid == p->raw.pid &&
            g->shm[i].start_ticks == p->raw.start_ticks)
            w = &g->shm[i];
        else if (g->shm[i].seen_at < oldest->seen_at)
            oldest = &g->shm[i];
    }
    if (!w) {
        w = oldest;
        *w = (shm_watch){ p->raw.pid, p->raw.start_ticks, p->raw.shmem, p->raw.shmem, 0, 0 };
    }
    if (p->raw.shmem > w->last) {
        w->rises++;
    } else if (p->raw.shmem < w->last) {
        w->rises = 0;
        w->first = p->raw.shmem;
    }
    w->last = p->raw.shmem;
    w->seen_at = g->refresh;
    return w->rises >= SHM_RISES && w->last - w->first >= SHM_MIN;
}

mt_growsin *mt_growsin_new(const char *procfs)
{
    mt_growsin *g = mt_xcalloc(1, sizeof *g);
    mt_strlcpy(g->procfs, procfs ? procfs : "/proc", sizeof g->procfs);
    g->credit_ms = MT_GROWSIN_BUDGET_MS;
    return g;
}

static void unfollow(followed *f)
{
    mt_mapview_free(f->mv);
    memset(f, 0, sizeof *f);
}

void mt_growsin_free(mt_growsin *g)
{
    if (!g)
        return;
    for (int i = 0; i < MT_GROWSIN_TRACKED; i++)
        unfollow(&g->f[i]);
    free(g);
}

int mt_map_growth_class(const mt_map *m)
{
    int best = -1;
    for (int c = 0; c < MT_RC_COUNT; c++)
        if (c != MT_RC_TEXT && c != MT_RC_LIBS && c != MT_RC_KERNEL &&
            m->classes[c].delta_rss > 0 &&
            (best < 0 || m->classes[c].delta_rss > m->classes[best].delta_rss))
            best = c;
    return best;
}

const char *mt_growth_class_name(const mt_proc *p)
{
    return p->notes.growth_class ? mt_region_class_name((enum mt_region_class)(p->notes.growth_class - 1))
                           : NULL;
}

void mt_growsin_cost(const mt_growsin *g, unsigned long *reads, double *cpu)
{
    *reads = g->reads;
    *cpu = g->cpu;
}

static followed *find(mt_growsin *g, const mt_proc *p)
{
    for (int i = 0; i < MT_GROWSIN_TRACKED; i++)
        if (g->f[i].mv && g->f[i].pid == p->raw.pid && g->f[i].start_ticks == p->raw.start_ticks)
            return &g->f[i];
    return NULL;
}

static double growth_of(const mt_proc *p)
{
    return isnan(p->notes.growth) ? 0 : p->notes.growth;
}

/* Keeps the `n` fastest growers not yet followed in best[], fastest
 * first. */
static void consider(const mt_proc **best, int n, const mt_proc *p)
{
    for (int i = 0; i < n; i++) {
        if (best[i] && growth_of(best[i]) >= growth_of(p))
            continue;
        memmove(best + i + 1, best + i, (size_t)(n - i - 1) * sizeof *best);
        best[i] = p;
        return;
    }
}

/* Another user's smaps needs root (the kernel's ptrace check). */
static bool may_read(const mt_proc *p, uid_t me)
{
    return me == 0 || p->raw.uid == me;
}

/* Marks the followed processes still wanted, sets their growth_class,
 * drops the others, then follows the fastest new growers in the free
 * slots. */
static void choose(mt_growsin *g, mt_snapshot *s, const mt_filter *filter)
{
    const mt_proc *best[MT_GROWSIN_TRACKED] = { NULL };
    uid_t me = geteuid();
    for (int i = 0; i < MT_GROWSIN_TRACKED; i++)
        g->f[i].seen = false;
    for (size_t i = 0; i < s->nprocs; i++) {
        mt_proc *p = &s->procs[i];
        if (p->raw.kthread || !may_read(p, me) || (filter && !mt_filter_match(filter, p)))
            continue;
        bool rising = shm_rising(g, p);
        if (!wants_region(p) && !rising)
            continue;
        followed *f = find(g, p);
        if (f)
            f->seen = true;
        else
            consider(best, MT_GROWSIN_TRACKED, p);
    }
    int next = 0;
    for (int i = 0; i < MT_GROWSIN_TRACKED; i++) {
        followed *f = &g->f[i];
        if (f->mv && !f->seen)
            unfollow(f);
        if (f->mv || next >= MT_GROWSIN_TRACKED || !best[next])
            continue;
        f->pid = best[next]->raw.pid;
        f->start_ticks = best[next]->raw.start_ticks;
        f->mv = mt_mapview_new(f->pid, g->procfs);
        f->cls = -1;
        f->seen = true;
        next++;
    }
}

static double cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* Reads the followed process read longest ago (never read first), when
 * the budget allows. */
static void read_one(mt_growsin *g)
{
    g->credit_ms += MT_GROWSIN_BUDGET_MS;
    if (g->credit_ms > CREDIT_CAP_MS)
        g->credit_ms = CREDIT_CAP_MS;
    if (g->credit_ms <= 0)
        return;
    followed *pick = NULL;
    for (int i = 0; i < MT_GROWSIN_TRACKED; i++) {
        followed *f = &g->f[i];
        if (!f->mv || f->denied || (f->read_at && g->refresh - f->read_at < MT_GROWSIN_EVERY))
            continue;
        if (!pick || f->read_at < pick->read_at)
            pick = f;
    }
    if (!pick)
        return;
    char err[256];
    double t0 = cpu_ms();
    int rc = mt_mapview_sample(pick->mv, err, sizeof err);
    double spent = cpu_ms() - t0;
    g->credit_ms -= spent;
    g->cpu += spent / 1e3;
    g->reads++;
    pick->read_at = g->refresh;
    if (rc < 0) {
        /* Gone: dropped next refresh.  Not readable: not tried again. */
        pick->denied = errno != ESRCH;
        return;
    }
    if (mt_mapview_map(pick->mv)->n > MT_GROWSIN_MAX_MAPPINGS) {
        /* Too big to keep: its maps would cost megabytes of memtop's
         * own memory.  Keep the slot (so it is not picked again) but
         * give the memory back. */
        mt_mapview_free(pick->mv);
        pick->mv = mt_mapview_new(pick->pid, g->procfs);
        pick->denied = true;
        pick->cls = -1;
        return;
    }
    pick->cls = mt_map_growth_class(mt_mapview_map(pick->mv));
}

void mt_growsin_update(mt_growsin *g, mt_snapshot *s, const mt_filter *filter)
{
    g->refresh++;
    choose(g, s, filter);
    read_one(g);
    /* Those followed are those wanted this refresh (choose dropped the
     * rest). */
    for (size_t i = 0; i < s->nprocs; i++) {
        mt_proc *p = &s->procs[i];
        followed *f = find(g, p);
        p->notes.growth_class = f && f->cls >= 0 ? (unsigned char)(f->cls + 1) : 0;
    }
}
