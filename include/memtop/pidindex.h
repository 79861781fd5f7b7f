/* pidindex.h - PID -> slot number, for tables whose rows stay put while
 * PIDs come and go: the sampler's per-PID cache (proccache.h) and the
 * history's tracks.  Open addressing with linear probing, at most half
 * full, and backward-shift deletion: no tombstones, so lookups stay
 * short however many processes have come and gone.  It allocates only
 * when it grows (it never shrinks).
 *
 * Each entry holds the PID beside the slot, so a lookup touches the
 * index alone.  A PID maps to one slot: putting it again overwrites.
 */
#ifndef MEMTOP_PIDINDEX_H
#define MEMTOP_PIDINDEX_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define MT_PIDINDEX_NONE UINT32_MAX     /* "not there"; never a slot */

typedef struct mt_pidindex_entry {
    pid_t pid;
    uint32_t slot;                      /* MT_PIDINDEX_NONE: empty */
} mt_pidindex_entry;

typedef struct mt_pidindex {
    mt_pidindex_entry *entries;         /* NULL until the first put */
    size_t mask;                        /* size - 1, a power of two */
    size_t used;
} mt_pidindex;

void mt_pidindex_init(mt_pidindex *ix);
void mt_pidindex_free(mt_pidindex *ix);
/* Forgets every PID, keeps the memory. */
void mt_pidindex_clear(mt_pidindex *ix);
/* pid's slot, or MT_PIDINDEX_NONE. */
uint32_t mt_pidindex_find(const mt_pidindex *ix, pid_t pid);
/* Maps pid to slot (slot != MT_PIDINDEX_NONE), growing when needed. */
void mt_pidindex_put(mt_pidindex *ix, pid_t pid, uint32_t slot);
/* Forgets pid; returns the slot it had, or MT_PIDINDEX_NONE. */
uint32_t mt_pidindex_remove(mt_pidindex *ix, pid_t pid);
/* Makes room for n PIDs without growing again. */
void mt_pidindex_reserve(mt_pidindex *ix, size_t n);
static inline size_t mt_pidindex_count(const mt_pidindex *ix) { return ix->used; }
/* Entries allocated (0 before the first put): for tests and accounting. */
static inline size_t mt_pidindex_size(const mt_pidindex *ix)
{
    return ix->entries ? ix->mask + 1 : 0;
}

#endif
