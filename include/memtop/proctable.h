/* proctable.h - the live source: fills snapshots from /proc through
 * libproc2.  src/proctable.c is the only file that includes libproc2's
 * headers; nothing of libproc2 leaks out of this interface.
 *
 * Sampling is incremental (SPEC section 2): statm (VIRT, RES, SHR) is
 * read for every process on every refresh; stat, status and cmdline
 * (identity, names, state, the anon/file/shmem/swap split) only when a
 * full read is due, see mt_sample_full_all() and mt_sample_full_pid().
 * Between full reads ANON = RES - SHR (exact: the same kernel counters),
 * SWAP is the last value read, and SHR is split into FILE and SHMEM in
 * the proportion of the last full read.
 */
#ifndef MEMTOP_PROCTABLE_H
#define MEMTOP_PROCTABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memtop/snapshot.h"

#define MT_FULL_EVERY 10    /* K: every K-th refresh reads everything */

typedef struct mt_proctable_opts {
    bool pss;               /* read smaps_rollup (PSS, USS) every refresh */
    bool oom;               /* read oom_score and oom_score_adj with every
                             * full read; else they are MT_NA_INT */
    unsigned full_every;    /* K; 1 reads everything every time, 0 = default */
    int keep_files;         /* statm files kept open (statm.h): 0 = as many
                             * as allowed, -1 = none, N > 0 = at most N */
    int lean;               /* give libproc2's per-process results back
                             * after each refresh and read the periodic
                             * refresh in batches (less memory, a little
                             * more CPU): 0 = under a memory limit only,
                             * 1 = always, -1 = never */
} mt_proctable_opts;

typedef struct mt_proctable mt_proctable;

/* Returns NULL with errno set when /proc cannot be read. */
mt_proctable *mt_proctable_new(void);   /* default options */
mt_proctable *mt_proctable_open(const mt_proctable_opts *opts);
void mt_proctable_free(mt_proctable *pt);
/* The system-wide files that are not there (/proc mounted with
 * subset=pid), named with what they give, e.g. "/proc/meminfo (system
 * memory), /proc/stat (boot time, fork counter)"; NULL when all are.
 * Processes are listed without them; system sizes are MT_NA. */
const char *mt_proctable_missing(const mt_proctable *pt);

/* Turns the PSS/USS columns on or off from the next refresh (the UI's
 * P key).  Returns 0, or -1 with errno set. */
int mt_proctable_set_pss(mt_proctable *pt, bool on);

/* Replaces snap's contents with a fresh reading of the system and every
 * process (kernel threads included, flagged).  Processes that vanish
 * while being read are skipped.  Returns 0, or -1 with errno set. */
int mt_proctable_sample(mt_proctable *pt, mt_snapshot *snap);

/* What one refresh did, for tests and benchmarks. */
typedef struct mt_sample_stats {
    unsigned long refresh;  /* refreshes so far, this one included */
    int all_reason;         /* enum mt_full_reason of this refresh */
    size_t full_reads;      /* processes read in full this refresh */
    size_t kept_files;      /* statm files kept open (statm.h) */
} mt_sample_stats;
void mt_proctable_stats(const mt_proctable *pt, mt_sample_stats *out);

/* ---- The decisions, as pure functions (unit-tested) ---- */

enum mt_full_reason {
    MT_FULL_NONE = 0,   /* statm only */
    MT_FULL_FIRST,      /* nothing known yet */
    MT_FULL_PERIODIC,   /* every K-th refresh */
    MT_FULL_SWAP,       /* pswpin/pswpout moved: VmSwap may have changed */
    MT_FULL_WRAP,       /* enough forks that a PID may have been reused */
};

/* System counters read on every refresh. */
typedef struct mt_sample_counters {
    uint64_t pswpin, pswpout;   /* /proc/vmstat */
    uint64_t forks;             /* /proc/stat "processes": clone()s since boot */
} mt_sample_counters;

/* Should refresh number `refresh` (0 = first) read every process in
 * full?  prev/now: the counters at the previous and this refresh;
 * pid_max: /proc/sys/kernel/pid_max; live: tasks (threads count, they
 * use PIDs too) alive at the previous refresh.  The kernel hands out
 * PIDs cyclically and, after wrapping, never below 300 again, so a PID
 * can only be reused after at least pid_max - 300 - live forks. */
enum mt_full_reason mt_sample_full_all(unsigned long refresh, unsigned every,
                                       const mt_sample_counters *prev,
                                       const mt_sample_counters *now,
                                       uint64_t pid_max, uint64_t live);

/* On a refresh that is not a full one, does this process need a full
 * read?  known: its PID is in the cache; quiet: it is known as a kernel
 * thread or zombie, whose statm is all zeros anyway.  All-zero statm
 * otherwise means it just exited (or is exiting): read its state. */
bool mt_sample_full_pid(bool known, bool quiet, uint64_t virt, uint64_t res,
                        uint64_t shr);

#endif
