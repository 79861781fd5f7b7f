/* ledger.c - a ring of the most recent exits. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "memtop/ledger.h"
#include "memtop/util.h"

struct mt_ledger {
    mt_exit *ring;
    size_t cap, count, next;
};

mt_ledger *mt_ledger_new(size_t capacity)
{
    mt_ledger *l = mt_xcalloc(1, sizeof *l);
    l->cap = capacity ? capacity : 1;
    l->ring = mt_xcalloc(l->cap, sizeof *l->ring);
    return l;
}

void mt_ledger_free(mt_ledger *l)
{
    if (!l)
        return;
    free(l->ring);
    free(l);
}

void mt_exit_from_track(mt_exit *e, const mt_track *t, double now)
{
    const mt_track_last *l = &t->last;
    memset(e, 0, sizeof *e);
    mt_proc *p = &e->proc;
    MT_TRACK_LAST_COPY(&p->raw, l);
    /* The rest was not kept: unknown, not zero. */
    p->raw.virt = p->raw.shr = p->raw.anon = p->raw.file = p->raw.shmem = p->raw.swap = MT_NA;
    p->raw.pss = p->raw.uss = MT_NA;
    p->raw.oom_score = p->raw.oom_adj = MT_NA_INT;
    mt_notes_reset(&p->notes);
    e->exit_time = now;
    e->lifetime = now - t->last.start;
    if (e->lifetime < 0)
        e->lifetime = 0;
    e->peak_res = t->peak_res;
    /* What its exit gave back to the system: its private (anonymous)
     * memory, resident or swapped.  File pages stay in the page cache
     * and shmem outlives it.  A zombie has given it back already: take
     * it from the last sample before it died. */
    bool dead = t->last.state == 'Z' || t->last.heap == 0;
    uint64_t heap = dead ? t->live_heap : t->last.heap;
    e->returned = heap == MT_NA ? 0 : heap;
}

void mt_ledger_add(mt_ledger *l, const mt_exit *e)
{
    l->ring[l->next] = *e;
    l->next = (l->next + 1) % l->cap;
    if (l->count < l->cap)
        l->count++;
}

size_t mt_ledger_count(const mt_ledger *l) { return l->count; }

const mt_exit *mt_ledger_get(const mt_ledger *l, size_t i)
{
    if (i >= l->count)
        return NULL;
    return &l->ring[(l->next + l->cap - 1 - i) % l->cap];
}
