/* pidindex.c - the PID hash of the sampler's cache and the history. */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "memtop/pidindex.h"
#include "memtop/util.h"

#define MIN_SIZE 64

/* Fibonacci hashing: PIDs are mostly consecutive, this spreads them. */
static size_t home(const mt_pidindex *ix, pid_t pid)
{
    return ((uint32_t)pid * 2654435761u) & ix->mask;
}

void mt_pidindex_init(mt_pidindex *ix) { memset(ix, 0, sizeof *ix); }

void mt_pidindex_free(mt_pidindex *ix)
{
    free(ix->entries);
    mt_pidindex_init(ix);
}

void mt_pidindex_clear(mt_pidindex *ix)
{
    if (ix->entries)
        memset(ix->entries, 0xff, (ix->mask + 1) * sizeof *ix->entries);
    ix->used = 0;
}

/* Where pid is, or the empty entry that ends its probe. */
static size_t probe(const mt_pidindex *ix, pid_t pid)
{
    size_t h = home(ix, pid);
    while (ix->entries[h].slot != MT_PIDINDEX_NONE && ix->entries[h].pid != pid)
        h = (h + 1) & ix->mask;
    return h;
}

uint32_t mt_pidindex_find(const mt_pidindex *ix, pid_t pid)
{
    if (!ix->entries)
        return MT_PIDINDEX_NONE;
    return ix->entries[probe(ix, pid)].slot;
}

static void rehash(mt_pidindex *ix, size_t size)
{
    mt_pidindex_entry *old = ix->entries;
    size_t old_size = mt_pidindex_size(ix);
    ix->entries = mt_xmalloc(size * sizeof *ix->entries);
    ix->mask = size - 1;
    mt_pidindex_clear(ix);
    for (size_t i = 0; i < old_size; i++)
        if (old[i].slot != MT_PIDINDEX_NONE) {
            ix->entries[probe(ix, old[i].pid)] = old[i];
            ix->used++;
        }
    free(old);
}

/* At most half full: probes stay short. */
void mt_pidindex_reserve(mt_pidindex *ix, size_t n)
{
    size_t size = mt_pidindex_size(ix);
    if (size && n * 2 <= size)
        return;
    if (!size)
        size = MIN_SIZE;
    while (n * 2 > size)
        size *= 2;
    rehash(ix, size);
}

void mt_pidindex_put(mt_pidindex *ix, pid_t pid, uint32_t slot)
{
    mt_pidindex_reserve(ix, ix->used + 1);
    mt_pidindex_entry *e = &ix->entries[probe(ix, pid)];
    if (e->slot == MT_PIDINDEX_NONE)
        ix->used++;
    e->pid = pid;
    e->slot = slot;
}

/* Backward-shift deletion: each later entry of the cluster moves into
 * the hole unless its home lies cyclically within (hole, entry]. */
uint32_t mt_pidindex_remove(mt_pidindex *ix, pid_t pid)
{
    if (!ix->entries)
        return MT_PIDINDEX_NONE;
    size_t i = probe(ix, pid);
    uint32_t slot = ix->entries[i].slot;
    if (slot == MT_PIDINDEX_NONE)
        return slot;
    for (size_t j = (i + 1) & ix->mask; ix->entries[j].slot != MT_PIDINDEX_NONE;
         j = (j + 1) & ix->mask) {
        size_t h = home(ix, ix->entries[j].pid);
        bool stays = i <= j ? (i < h && h <= j) : (i < h || h <= j);
        if (!stays) {
            ix->entries[i] = ix->entries[j];
            i = j;
        }
    }
    ix->entries[i].slot = MT_PIDINDEX_NONE;
    ix->used--;
    return slot;
}
