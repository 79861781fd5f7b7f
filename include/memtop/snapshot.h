/* snapshot.h - one refresh worth of data: the system numbers and one
 * record per process.  Every sink consumes snapshots; where they came
 * from (live /proc or a replay) is not recorded here.
 *
 * Sizes are bytes (uint64_t).  MT_NA marks a value that could not be
 * read; writers show it as "-" / empty / null, never as 0.
 */
#ifndef MEMTOP_SNAPSHOT_H
#define MEMTOP_SNAPSHOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#define MT_NA UINT64_MAX
#define MT_NA_INT INT32_MIN     /* the same for an int field */
#define MT_USER_MAX 33     /* user name as shown; longer names are cut */
#define MT_COMM_MAX 64     /* kernel comm is 15 bytes, kthread names longer */
#define MT_CMDLINE_MAX 4096 /* longer command lines are cut and marked */

/* The leak verdict of a process (SPEC section 3, growth.h). */
typedef enum mt_verdict {
    MT_VERDICT_UNKNOWN,     /* not enough history yet */
    MT_VERDICT_STEADY,
    MT_VERDICT_GROWING,     /* the floor rises now */
    MT_VERDICT_LEAK,        /* it has risen long enough, or slowly for long */
    MT_VERDICT_SHRINKING,   /* the floor falls */
} mt_verdict;

/* What a source read about the system: a recording keeps all of it. */
typedef struct mt_system {
    char hostname[256];
    double uptime;          /* seconds since boot */
    double boot_time;       /* unix seconds */
    uint64_t mem_total, mem_free, mem_available;
    /* MemTotal - MemFree split four ways (they add up to it): */
    uint64_t mem_anon, mem_file, mem_shmem, mem_kernel;
    uint64_t swap_total, swap_free;
    unsigned tasks;         /* all processes, kernel threads included */
    unsigned zombies;
    unsigned kthreads;
} mt_system;

/* What the analysis concluded about all processes (never recorded). */
typedef struct mt_totals {
    unsigned growing;       /* HEAP slope positive and significant */
    unsigned leaks;         /* LEAK? raised */
    double history_span;    /* seconds of history behind the verdicts */
} mt_totals;

/* What a source read about one process: the raw sample.  A recording
 * keeps these values and nothing else (record.h takes this type); a
 * replay gives them back and the analysis runs again. */
typedef struct mt_sample {
    pid_t pid, ppid;
    uid_t uid;
    char state;                 /* R S D Z T t X I, as in ps */
    bool kthread;
    bool cmdline_cut;           /* cmdline was longer than MT_CMDLINE_MAX */
    int threads;
    uint64_t start_ticks;       /* with pid, the process identity */
    unsigned exec_gen;          /* execs seen since start: a new program is
                                 * a new identity (new history, new name) */
    double start;               /* unix seconds */
    char user[MT_USER_MAX];
    char comm[MT_COMM_MAX];     /* raw bytes from the kernel: untrusted */
    const char *cmdline;        /* raw, untrusted; owned by the snapshot */
    size_t cmdline_off;         /* where it sits in strings (until sealed) */
    uint64_t virt, res, shr;    /* statm */
    uint64_t anon, file, shmem; /* status RssAnon / RssFile / RssShmem */
    uint64_t swap;              /* status VmSwap */
    uint64_t heap;              /* anon + swap (mt_sample_derive): the
                                 * quantity whose growth is a leak */
    uint64_t pss, uss;          /* smaps_rollup Pss, Private_*; MT_NA without --pss */
    int oom_score;              /* /proc/PID/oom_score: the OOM killer picks the
                                 * highest first (0-1333: 666 at adjustment 0 and
                                 * little memory; 0 = never); MT_NA_INT unread */
    int oom_adj;                /* oom_score_adj (-1000 never .. 1000); MT_NA_INT */
} mt_sample;

/* What was concluded about one process from its samples and the
 * machine: the verdict, its growth and the limits over it.  Never
 * recorded; a replay computes it again. */
typedef struct mt_notes {
    /* Filled by a live source after the verdicts (source.h), for
     * growing processes: the room left under the tightest cgroup limit
     * over it (reclaimable page cache and allowed swap counted free);
     * MT_NA: no limit, not read, or not this machine (a recording). */
    uint64_t cg_room;
    /* Filled by the analysis (growth.h, analysis.h): */
    unsigned samples;           /* HEAP samples in the analysis window */
    double growth;              /* bytes/s; NAN until known */
    bool growing;               /* growth positive and significant */
    bool leak;                  /* LEAK? */
    double oom_eta;             /* seconds; NAN unless leaking */
    bool oom_cgroup;            /* the limit is the cgroup's, not the system's */
    double unreaped;            /* zombie: seconds seen unreaped; NAN otherwise */
    mt_verdict verdict;         /* leak == (verdict == MT_VERDICT_LEAK) */
    double growth_since;        /* unix seconds the growth phase began; NAN */
    double oom_eta_low, oom_eta_high; /* OOM ETA's range, seconds; NAN */
    unsigned char growth_class; /* (growsin.h) 1 + enum mt_region_class holding
                                 * the growth; 0 unknown */
    /* Groups by cgroup only (groups.h): the limit and what is left. */
    uint64_t cg_limit, cg_free;
} mt_notes;

/* One process in a snapshot: its sample and what was concluded. */
typedef struct mt_proc {
    mt_sample raw;
    mt_notes notes;
} mt_proc;

/* A process that exited: its last record and what it gave back. */
typedef struct mt_exit {
    mt_proc proc;               /* last record seen; cmdline not kept */
    double exit_time;           /* first refresh that no longer saw it */
    double lifetime;            /* seconds from start to exit_time */
    uint64_t peak_res;          /* largest RES seen */
    uint64_t returned;          /* private memory at last sight: HEAP */
} mt_exit;

typedef struct mt_snapshot {
    double time;                /* unix seconds */
    mt_system sys;
    mt_totals totals;           /* filled by the analysis */
    mt_proc *procs;
    size_t nprocs, cap;
    char *strings;              /* storage for cmdline strings */
    size_t strings_len, strings_cap;
    mt_exit *exited;            /* exited since the previous refresh */
    size_t nexited, exited_cap;
} mt_snapshot;

void mt_snapshot_init(mt_snapshot *s);
void mt_snapshot_free(mt_snapshot *s);
/* Forgets the processes, keeps the storage for the next refresh. */
void mt_snapshot_clear(mt_snapshot *s);
/* Appends a zeroed process record and returns it. */
mt_proc *mt_snapshot_add(mt_snapshot *s);
/* Stores a copy of the string for p->cmdline (cut at MT_CMDLINE_MAX).
 * Pointers are fixed by mt_snapshot_seal(), call it once all are added. */
void mt_snapshot_set_cmdline(mt_snapshot *s, mt_proc *p, const char *cmdline);
void mt_snapshot_seal(mt_snapshot *s);

/* Appends an exit record. */
void mt_snapshot_add_exit(mt_snapshot *s, const mt_exit *e);
/* The process with this PID, or NULL (linear: for the rare lookup). */
const mt_proc *mt_snapshot_find(const mt_snapshot *s, pid_t pid);

/* Derived values, computed once the raw fields are filled. */
void mt_sample_derive(mt_sample *r);
/* The notes of a process nothing has been concluded about: NAN / MT_NA. */
void mt_notes_reset(mt_notes *n);

/* Two records describe the same process running the same program (PIDs
 * get reused; exec keeps PID and start time but starts a new program). */
static inline bool mt_sample_same(const mt_sample *a, const mt_sample *b)
{
    return a->pid == b->pid && a->start_ticks == b->start_ticks && a->exec_gen == b->exec_gen;
}
static inline bool mt_proc_same(const mt_proc *a, const mt_proc *b)
{
    return mt_sample_same(&a->raw, &b->raw);
}

#endif
