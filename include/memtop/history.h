/* history.h - bounded HEAP history per process, in time, at several
 * resolutions.
 *
 * Full rate: one shared ring of refresh times and, per process, a ring
 * of HEAP values (KiB as uint32_t: 4 bytes a sample).  Every ring
 * advances in step with the shared one, so a process's samples are
 * simply the last `count` refreshes.
 *
 * Coarse: behind them, per process, three rings of buckets aligned on
 * wall-clock time (MT_LEVEL_WIDTH seconds each, MT_LEVEL_COUNT of them),
 * each keeping the minimum HEAP of its bucket: the floor, which is what
 * the verdict judges (a sawtooth's peaks and a spike do not matter, the
 * floor does).  10 s x 90 (15 min), 1 min x 180 (3 h) and 10 min x 150
 * (25 h) reach back a day whatever -d is.
 *
 * Processes are keyed by identity (pid, start time): a reused PID starts
 * a fresh history.  Nothing is allocated per sample: a process's
 * full-rate ring is allocated when it is first seen, its levels (one
 * block) once it has lived 10 s (a storm of short-lived processes costs
 * only the ring), both freed (after the `gone` callback) when it is no
 * longer in a snapshot.
 *
 * Memory per live process: capacity * 4 + MT_LEVEL_BYTES (1,680) bytes
 * of rings + sizeof(mt_track); mt_history_bytes_per_process() says it
 * (about 2.5 KiB at the default -H 150), plus capacity * 8 bytes for the
 * shared time ring.
 *
 * Under a memory limit (selflimit.h) levels are given only while the
 * history stays within a quarter of it: once full-rate rings, tracks and
 * levels reach that, processes that live past 10 s get no levels (their
 * verdict judges the full-rate ring only) until exits make room.  The
 * rings themselves are not capped.
 */
#ifndef MEMTOP_HISTORY_H
#define MEMTOP_HISTORY_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "memtop/growth.h"
#include "memtop/snapshot.h"

typedef struct mt_history mt_history;

#define MT_LEVELS 3
/* Bucket widths (seconds) and counts of the coarse levels, finest first. */
extern const double MT_LEVEL_WIDTH[MT_LEVELS];
extern const unsigned MT_LEVEL_COUNT[MT_LEVELS];
#define MT_LEVEL_BYTES ((90 + 180 + 150) * 4)

/* Of a process's newest record, what identity and the exit ledger
 * need (not a whole mt_proc: 5,000 processes would keep 1.8 MB of it). */
typedef struct mt_track_last {
    pid_t pid, ppid;
    uid_t uid;
    unsigned exec_gen;
    uint64_t start_ticks;
    double start;
    uint64_t res, heap;
    char state;
    char user[MT_USER_MAX];
    char comm[MT_COMM_MAX];
} mt_track_last;

/* Copies the fields mt_track_last keeps between it and an mt_proc, in
 * either direction (their names are the same): history keeps them, the
 * exit ledger gives them back. */
#define MT_TRACK_LAST_COPY(dst, src)                                \
    do {                                                            \
        (dst)->pid = (src)->pid;                                    \
        (dst)->ppid = (src)->ppid;                                  \
        (dst)->uid = (src)->uid;                                    \
        (dst)->exec_gen = (src)->exec_gen;                          \
        (dst)->start_ticks = (src)->start_ticks;                    \
        (dst)->start = (src)->start;                                \
        (dst)->res = (src)->res;                                    \
        (dst)->heap = (src)->heap;                                  \
        (dst)->state = (src)->state;                                \
        memcpy((dst)->user, (src)->user, sizeof (dst)->user);       \
        memcpy((dst)->comm, (src)->comm, sizeof (dst)->comm);       \
    } while (0)

/* What history remembers of a process beyond its series; handed to the
 * `gone` callback so the exit ledger can say what exited. */
typedef struct mt_track {
    mt_track_last last;     /* of the newest record */
    uint64_t peak_res;
    uint64_t live_heap;     /* HEAP of its last sample with memory, not a zombie */
    double first_seen;      /* time of the first refresh that saw it */
    double last_seen;
    double zombie_since;    /* first refresh that saw it as Z; NAN if not */
    uint64_t first_seq;     /* refresh number of its first value */
    uint32_t *ring;         /* capacity values, KiB; UINT32_MAX unknown */
    uint32_t *level[MT_LEVELS]; /* bucket minima, KiB; UINT32_MAX empty;
                                 * NULL for its first 10 s */
    int64_t level_last[MT_LEVELS]; /* bucket number of the newest value */
    mt_verdict_state verdict; /* the analysis's memory of this process */
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
/* The same, writable: the analysis keeps its verdict state in it. */
mt_track *mt_history_track(mt_history *h, const mt_proc *p);

/* Bytes one tracked process costs (rings and track). */
size_t mt_history_bytes_per_process(const mt_history *h);
/* Bytes the history holds now: rings, levels and tracks. */
size_t mt_history_bytes(const mt_history *h);
/* No levels are given past this mt_history_bytes() (SIZE_MAX: no cap);
 * mt_history_new() sets a quarter of memtop's own memory limit. */
void mt_history_set_budget(mt_history *h, size_t bytes);
/* Processes holding coarse levels. */
size_t mt_history_with_levels(const mt_history *h);

/* Copies p's HEAP series, oldest first, into t (seconds) and v (bytes),
 * skipping unknown values and samples older than `window` seconds before
 * the newest (window <= 0: all).  t and v hold capacity values.
 * Returns the number of samples. */
size_t mt_history_series(const mt_history *h, const mt_proc *p, double window,
                         double *t, double *v);

/* Copies the complete buckets of p's coarse level (0 finest), oldest
 * first, into t (the bucket's middle, seconds) and v (its minimum,
 * bytes), skipping empty ones and those that begin before `since`.
 * t and v hold MT_LEVEL_COUNT[level] values.  The bucket still filling
 * is left out.  Returns the number of buckets. */
size_t mt_history_levels(const mt_history *h, const mt_proc *p, int level, double since,
                         double *t, double *v);

#endif
