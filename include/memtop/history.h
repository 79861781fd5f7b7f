/* history.h - bounded HEAP history per process.
 *
 * One shared ring of refresh times and, per process, a ring of HEAP
 * values (KiB as uint32_t: 4 bytes a sample).  Every ring advances in
 * step with the shared one, so a process's samples are simply the last
 * `count` refreshes.  Processes are keyed by identity (pid, start time):
 * a reused PID starts a fresh history.  Nothing is allocated per sample;
 * a ring is allocated when a process is first seen and freed (after the
 * `gone` callback) when it is no longer in a snapshot.
 *
 * Memory: capacity * 4 bytes + sizeof(mt_track) (about 300 bytes) per
 * live process, plus capacity * 8 bytes for the time ring.
 */
#ifndef MEMTOP_HISTORY_H
#define MEMTOP_HISTORY_H

#include <stddef.h>
#include <stdint.h>

#include "memtop/snapshot.h"

typedef struct mt_history mt_history;

/* What history remembers of a process beyond its series; handed to the
 * `gone` callback so the exit ledger can say what exited. */
typedef struct mt_track {
    mt_proc last;           /* newest record; its cmdline is not kept */
    uint64_t peak_res;
    uint64_t live_heap;     /* HEAP of its last sample with memory, not a zombie */
    double first_seen;      /* time of the first refresh that saw it */
    double last_seen;
    double zombie_since;    /* first refresh that saw it as Z; NAN if not */
    uint64_t first_seq;     /* refresh number of its first value */
    uint32_t *ring;         /* capacity values, KiB; UINT32_MAX unknown */
} mt_track;

typedef void (*mt_history_gone_fn)(void *ctx, const mt_track *t, double now);

mt_history *mt_history_new(unsigned capacity);
void mt_history_free(mt_history *h);
unsigned mt_history_capacity(const mt_history *h);
size_t mt_history_tracked(const mt_history *h);
/* Seconds between the oldest and newest time kept (0 with < 2). */
double mt_history_span(const mt_history *h);

/* Records one refresh.  Processes tracked before but absent from s (or
 * whose PID now belongs to a newer process) are passed to gone, then
 * forgotten.  gone may be NULL. */
void mt_history_record(mt_history *h, const mt_snapshot *s, mt_history_gone_fn gone,
                       void *ctx);

/* The track of p (by identity), or NULL. */
const mt_track *mt_history_find(const mt_history *h, const mt_proc *p);

/* Copies p's HEAP series, oldest first, into t (seconds) and v (bytes),
 * skipping unknown values and samples older than `window` seconds before
 * the newest (window <= 0: all).  t and v hold capacity values.
 * Returns the number of samples. */
size_t mt_history_series(const mt_history *h, const mt_proc *p, double window,
                         double *t, double *v);

#endif
