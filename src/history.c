/* history.c - rings per process, found through a PID hash. */
#include "config.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "memtop/history.h"
#include "memtop/pidindex.h"
#include "memtop/selflimit.h"
#include "memtop/util.h"

#define NA32 UINT32_MAX

const double MT_LEVEL_WIDTH[MT_LEVELS] = { 10, 60, 600 };
const unsigned MT_LEVEL_COUNT[MT_LEVELS] = { 90, 180, 150 };

struct mt_history {
    unsigned cap;           /* samples per ring */
    uint64_t seq;           /* refreshes recorded so far */
    double *times;          /* cap entries, indexed by seq % cap */
    mt_track *tracks;       /* dense */
    size_t ntracks, tracks_cap;
    mt_pidindex index;      /* pid -> track number */
    unsigned char *seen;    /* per track, this refresh */
    size_t seen_cap;
    size_t budget;          /* bytes the history may take (SIZE_MAX: no cap) */
    size_t nlevels;         /* tracks holding a levels block */
};

static void track_release(mt_history *h, mt_track *t)
{
    free(t->ring);
    if (t->level[0])
        h->nlevels--;
    free(t->level[0]);
}

mt_history *mt_history_new(unsigned capacity)
{
    mt_history *h = mt_xcalloc(1, sizeof *h);
    h->cap = capacity ? capacity : 1;
    h->times = mt_xcalloc(h->cap, sizeof *h->times);
    mt_pidindex_init(&h->index);
    uint64_t limit = mt_selflimit_self();
    h->budget = limit == MT_SELFLIMIT_NONE ? SIZE_MAX
                                           : (size_t)(limit / MT_SELFLIMIT_HISTORY_SHARE);
    return h;
}

void mt_history_set_budget(mt_history *h, size_t bytes) { h->budget = bytes; }

size_t mt_history_with_levels(const mt_history *h) { return h->nlevels; }

size_t mt_history_bytes(const mt_history *h)
{
    return h->cap * sizeof *h->times +
           h->ntracks * (h->cap * sizeof(uint32_t) + sizeof(mt_track)) +
           h->nlevels * MT_LEVEL_BYTES;
}

void mt_history_free(mt_history *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->ntracks; i++)
        track_release(h, &h->tracks[i]);
    free(h->tracks);
    mt_pidindex_free(&h->index);
    free(h->seen);
    free(h->times);
    free(h);
}

unsigned mt_history_capacity(const mt_history *h) { return h->cap; }

size_t mt_history_bytes_per_process(const mt_history *h)
{
    return h->cap * sizeof(uint32_t) + MT_LEVEL_BYTES + sizeof(mt_track);
}
size_t mt_history_tracked(const mt_history *h) { return h->ntracks; }

double mt_history_span(const mt_history *h)
{
    if (h->seq < 2)
        return 0;
    uint64_t kept = h->seq < h->cap ? h->seq : h->cap;
    return h->times[(h->seq - 1) % h->cap] - h->times[(h->seq - kept) % h->cap];
}

/* Track number for pid, or -1. */
static long index_find(const mt_history *h, pid_t pid)
{
    uint32_t i = mt_pidindex_find(&h->index, pid);
    return i == MT_PIDINDEX_NONE ? -1 : (long)i;
}

static uint32_t to_kib(uint64_t bytes)
{
    if (bytes == MT_NA)
        return NA32;
    uint64_t k = bytes / 1024;
    return k >= NA32 ? NA32 - 1 : (uint32_t)k;
}

/* Empties the levels of t, if it has them. */
static void levels_clear(mt_track *t)
{
    uint32_t *next = t->level[0];
    for (int l = 0; l < MT_LEVELS; l++) {
        t->level[l] = next;
        t->level_last[l] = INT64_MIN;
        if (next) {
            memset(next, 0xff, MT_LEVEL_COUNT[l] * sizeof *next);
            next += MT_LEVEL_COUNT[l];
        }
    }
}

/* The full-rate ring is allocated with the track; the levels (one
 * block) once the process has lived a 10 s bucket, so that a storm of
 * short-lived processes costs no more than the ring.  A reused slot
 * keeps its blocks. */
static void track_start(mt_history *h, mt_track *t, double now)
{
    uint32_t *ring = t->ring ? t->ring : mt_xmalloc(h->cap * sizeof *ring);
    uint32_t *levels = t->level[0];
    memset(t, 0, sizeof *t);
    t->ring = ring;
    t->level[0] = levels;
    levels_clear(t);
    t->first_seq = h->seq;
    t->first_seen = now;
    t->zombie_since = NAN;
    mt_verdict_state_init(&t->verdict);
}

/* The ring slot of bucket number b (negative before 1970: tests). */
static size_t bucket_slot(int64_t b, unsigned cnt)
{
    int64_t r = b % (int64_t)cnt;
    return (size_t)(r < 0 ? r + cnt : r);
}

/* Folds one value into the bucket of `now` on every level; buckets
 * skipped since the last value (a long -d, a suspended machine) are
 * emptied.  A clock that went back keeps filling the newest bucket. */
static void levels_update(mt_track *t, double now, uint32_t kib)
{
    for (int l = 0; l < MT_LEVELS; l++) {
        int64_t b = (int64_t)floor(now / MT_LEVEL_WIDTH[l]);
        unsigned cnt = MT_LEVEL_COUNT[l];
        uint32_t *ring = t->level[l];
        if (t->level_last[l] != INT64_MIN && b <= t->level_last[l]) {
            uint32_t *slot = &ring[bucket_slot(t->level_last[l], cnt)];
            if (kib != NA32 && (*slot == NA32 || kib < *slot))
                *slot = kib;
            continue;
        }
        int64_t from = t->level_last[l] == INT64_MIN || b - t->level_last[l] > cnt
                           ? b - cnt + 1 : t->level_last[l] + 1;
        for (int64_t q = from; q < b; q++)
            ring[bucket_slot(q, cnt)] = NA32;
        ring[bucket_slot(b, cnt)] = kib;
        t->level_last[l] = b;
    }
}

/* Same process, same program (mt_proc_same() against the track). */
static bool same(const mt_track_last *a, const mt_proc *b)
{
    return a->pid == b->raw.pid && a->start_ticks == b->raw.start_ticks && a->exec_gen == b->raw.exec_gen;
}

static void track_update(mt_history *h, mt_track *t, const mt_proc *p, double now)
{
    MT_TRACK_LAST_COPY(&t->last, &p->raw);
    t->last_seen = now;
    if (p->raw.res != MT_NA && (t->peak_res == 0 || p->raw.res > t->peak_res))
        t->peak_res = p->raw.res;
    /* A dying process has no address space (HEAP reads 0) before its
     * state, read less often, says Z: neither counts as alive. */
    if (p->raw.state != 'Z' && p->raw.heap != 0 && p->raw.heap != MT_NA)
        t->live_heap = p->raw.heap;
    if (p->raw.state == 'Z' && isnan(t->zombie_since))
        t->zombie_since = now;
    else if (p->raw.state != 'Z')
        t->zombie_since = NAN;
    t->ring[h->seq % h->cap] = to_kib(p->raw.heap);
    if (!t->level[0]) {
        if (!(now - t->first_seen >= MT_LEVEL_WIDTH[0]))
            return;
        /* Past the budget (a tight memory limit): no levels, the
         * verdict judges the full-rate ring only.  Asked again at every
         * refresh: room left by exits is taken. */
        if (mt_history_bytes(h) + MT_LEVEL_BYTES > h->budget)
            return;
        /* lived a bucket: the levels start from what the ring holds */
        t->level[0] = mt_xmalloc(MT_LEVEL_BYTES);
        h->nlevels++;
        levels_clear(t);
        uint64_t from = h->seq - t->first_seq >= h->cap ? h->seq - h->cap + 1 : t->first_seq;
        for (uint64_t q = from; q < h->seq; q++)
            levels_update(t, h->times[q % h->cap], t->ring[q % h->cap]);
    }
    levels_update(t, now, to_kib(p->raw.heap));
}

static void mark_seen(mt_history *h, size_t i)
{
    h->seen = mt_xgrow(h->seen, &h->seen_cap, i + 1, 1);
    h->seen[i] = 1;
}

void mt_history_record(mt_history *h, const mt_snapshot *s, mt_history_gone_fn gone,
                       void *ctx)
{
    double now = s->time;
    size_t before = h->ntracks;
    h->seen = mt_xgrow(h->seen, &h->seen_cap, before + 1, 1);
    memset(h->seen, 0, before);
    h->times[h->seq % h->cap] = now;

    for (size_t k = 0; k < s->nprocs; k++) {
        const mt_proc *p = &s->procs[k];
        if (p->raw.kthread)
            continue; /* no memory of their own: nothing to track */
        long i = index_find(h, p->raw.pid);
        if (i >= 0 && !same(&h->tracks[i].last, p)) {
            /* The PID now belongs to a newer process. */
            if (gone)
                gone(ctx, &h->tracks[i], now);
            track_start(h, &h->tracks[i], now);
        } else if (i < 0) {
            h->tracks = mt_xgrow(h->tracks, &h->tracks_cap, h->ntracks + 1,
                                 sizeof *h->tracks);
            i = (long)h->ntracks++;
            h->tracks[i].ring = NULL;
            h->tracks[i].level[0] = NULL;
            track_start(h, &h->tracks[i], now);
            mt_pidindex_put(&h->index, p->raw.pid, (uint32_t)i);
        }
        track_update(h, &h->tracks[i], p, now);
        mark_seen(h, (size_t)i);
    }

    /* Forget the tracks this refresh did not see: swap in the last. */
    for (size_t i = 0; i < h->ntracks;) {
        if (i < h->seen_cap && h->seen[i]) {
            i++;
            continue;
        }
        if (gone)
            gone(ctx, &h->tracks[i], now);
        track_release(h, &h->tracks[i]);
        mt_pidindex_remove(&h->index, h->tracks[i].last.pid);
        size_t last = --h->ntracks;
        if (i != last)
            mt_pidindex_put(&h->index, h->tracks[last].last.pid, (uint32_t)i);
        h->tracks[i] = h->tracks[last];
        h->seen[i] = h->seen[last];
    }
    h->seq++;
}

const mt_track *mt_history_find(const mt_history *h, const mt_proc *p)
{
    long i = index_find(h, p->raw.pid);
    if (i < 0 || !same(&h->tracks[i].last, p))
        return NULL;
    return &h->tracks[i];
}

mt_track *mt_history_track(mt_history *h, const mt_proc *p)
{
    return (mt_track *)mt_history_find(h, p);
}

size_t mt_history_levels(const mt_history *h, const mt_proc *p, int level, double since,
                         double *t, double *v)
{
    const mt_track *tr = mt_history_find(h, p);
    if (!tr || level < 0 || level >= MT_LEVELS || tr->level_last[level] == INT64_MIN)
        return 0;
    double w = MT_LEVEL_WIDTH[level];
    unsigned cnt = MT_LEVEL_COUNT[level];
    int64_t last = tr->level_last[level];
    size_t n = 0;
    for (int64_t b = last - cnt + 1; b < last; b++) {
        uint32_t val = tr->level[level][bucket_slot(b, cnt)];
        if (val == NA32 || (double)b * w < since)
            continue;
        t[n] = ((double)b + 0.5) * w;
        v[n] = (double)val * 1024.0;
        n++;
    }
    return n;
}

size_t mt_history_series(const mt_history *h, const mt_proc *p, double window,
                         double *t, double *v)
{
    const mt_track *tr = mt_history_find(h, p);
    if (!tr || h->seq == 0)
        return 0;
    uint64_t end = h->seq; /* one past the newest */
    uint64_t begin = tr->first_seq;
    if (end - begin > h->cap)
        begin = end - h->cap;
    double newest = h->times[(end - 1) % h->cap];
    size_t n = 0;
    for (uint64_t q = begin; q < end; q++) {
        double when = h->times[q % h->cap];
        uint32_t val = tr->ring[q % h->cap];
        if (val == NA32 || (window > 0 && when < newest - window))
            continue;
        t[n] = when;
        v[n] = (double)val * 1024.0;
        n++;
    }
    return n;
}
