/* proctable.c - the seam to libproc2 (procps-ng 4).  The only file that
 * includes its headers: the process table through the pids API, system
 * memory through the meminfo API, boot time and the fork counter through
 * the stat API, swap traffic through the vmstat API.
 *
 * libproc2's PIDS_VAL macro lost its fourth argument in procps-ng 4.0.5
 * (Debian 12 ships 4.0.2).  Results are read here through VAL(), which
 * indexes the result stack directly and is the same in every 4.x, so
 * the arity change stops at this file.
 *
 * Ordinary refreshes read statm of every process (SPEC section 2).
 * Without --pss memtop reads it itself: readdir /proc, and statm through
 * files kept open between refreshes (statm.h), which costs a fifth of
 * opening it and catches PID reuse.  libproc2 cannot keep files, and
 * its reap also stat()s /proc/PID for every process (its owner), which
 * alone cost 15 % of a refresh; a refresh through files kept open costs
 * less than a plain open/read/close of statm (README, "Performance").
 *
 * Three pids handles, each reused across refreshes (libproc2 reads only
 * the files its items need, checked with strace):
 *   fast:  PID + statm + smaps_rollup, reaped on ordinary refreshes
 *          with --pss, which reads smaps_rollup every time anyway;
 *   renew: statm, status and cmdline, reaped on the periodic (K-th) and
 *          swap-triggered refreshes.  It leaves out stat, whose start
 *          time and kthread flag cannot change while a PID lives;
 *   full:  everything (stat, status, statm, cmdline), reaped on the
 *          first refresh and when PIDs may have wrapped, and selected by
 *          PID for the few processes that need it (new ones, exits).
 * procps_pids_select reads status once more to find the PID, so for
 * every process a reap is cheaper (measured: 1.3x).  The slow fields
 * live in a per-PID cache (proccache.h) between full reads.
 */
#include "config.h"

#include <dirent.h>
#include <malloc.h>
#include <stdio.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libproc2/meminfo.h>
#include <libproc2/misc.h>
#include <libproc2/pids.h>
#include <libproc2/stat.h>
#include <libproc2/vmstat.h>

#include "memtop/proctable.h"
#include "memtop/selflimit.h"
#include "memtop/statm.h"
#include "memtop/sysmem.h"
#include "memtop/util.h"
#include "proccache.h"

#define VAL(rel, type, stack) ((stack)->head[(rel)].result.type)

/* The kernel marks its own threads with PF_KTHREAD in stat's flags. */
#define PF_KTHREAD 0x00200000UL
/* procps_pids_select takes at most this many PIDs per call. */
#define SELECT_MAX 255

/* Item sets.  PSS and USS come last so that --pss just counts them in. */
enum fast_rel { F_PID, F_VIRT, F_RES, F_SHR, F_PSS, F_USS, F_COUNT };
static enum pids_item fast_items[F_COUNT] = {
    [F_PID] = PIDS_ID_PID,     [F_VIRT] = PIDS_MEM_VIRT, [F_RES] = PIDS_MEM_RES,
    [F_SHR] = PIDS_MEM_SHR,    [F_PSS] = PIDS_SMAP_PSS,  [F_USS] = PIDS_SMAP_PRV_TOTAL,
};

enum rel {
    R_PID, R_PPID, R_EUID, R_EUSER, R_STATE, R_CMD, R_CMDLINE, R_BEGAN,
    R_FLAGS, R_NLWP, R_VIRT, R_RES, R_SHR, R_ANON, R_FILE, R_SHMEM, R_SWAP,
    R_CODE, R_STACK,
    R_COUNT     /* then the optional items, see struct itemset */
};
static enum pids_item full_items[R_COUNT] = {
    [R_PID] = PIDS_ID_PID,           [R_PPID] = PIDS_ID_PPID,
    [R_EUID] = PIDS_ID_EUID,         [R_EUSER] = PIDS_ID_EUSER,
    [R_STATE] = PIDS_STATE,          [R_CMD] = PIDS_CMD,
    [R_CMDLINE] = PIDS_CMDLINE,      [R_BEGAN] = PIDS_TICS_BEGAN,
    [R_FLAGS] = PIDS_FLAGS,          [R_NLWP] = PIDS_NLWP,
    [R_VIRT] = PIDS_MEM_VIRT,        [R_RES] = PIDS_MEM_RES,
    [R_SHR] = PIDS_MEM_SHR,          [R_ANON] = PIDS_VM_RSS_ANON,
    [R_FILE] = PIDS_VM_RSS_FILE,     [R_SHMEM] = PIDS_VM_RSS_SHARED,
    [R_SWAP] = PIDS_VM_SWAP,
    [R_CODE] = PIDS_ADDR_CODE_START, [R_STACK] = PIDS_ADDR_STACK_START,
};

/* Without stat: status gives PPID, state, name and threads. */
enum renew_rel {
    N_PID, N_PPID, N_EUID, N_EUSER, N_STATE, N_CMD, N_CMDLINE, N_NLWP, N_VIRT, N_RES,
    N_SHR, N_ANON, N_FILE, N_SHMEM, N_SWAP, N_COUNT
};
static enum pids_item renew_items[N_COUNT] = {
    [N_PID] = PIDS_ID_PID,           [N_PPID] = PIDS_ID_PPID,
    [N_EUID] = PIDS_ID_EUID,         [N_EUSER] = PIDS_ID_EUSER,
    [N_STATE] = PIDS_STATE,          [N_CMD] = PIDS_CMD,
    [N_CMDLINE] = PIDS_CMDLINE,      [N_NLWP] = PIDS_NLWP,
    [N_VIRT] = PIDS_MEM_VIRT,        [N_RES] = PIDS_MEM_RES,
    [N_SHR] = PIDS_MEM_SHR,          [N_ANON] = PIDS_VM_RSS_ANON,
    [N_FILE] = PIDS_VM_RSS_FILE,     [N_SHMEM] = PIDS_VM_RSS_SHARED,
    [N_SWAP] = PIDS_VM_SWAP,
};

/* A full or renew item set as handed to libproc2: the base items, then
 * oom_score and oom_score_adj when wanted (two more files a process),
 * then PSS and USS, which --pss counts in or out (smaps_rollup). */
struct itemset {
    enum pids_item items[R_COUNT + 4];
    int oom_at;                 /* position of PIDS_OOM_SCORE, or -1 */
    int pss_at;                 /* position of PIDS_SMAP_PSS */
};

static void itemset_build(struct itemset *s, const enum pids_item *base, int nbase, bool oom)
{
    memcpy(s->items, base, (size_t)nbase * sizeof *base);
    int n = nbase;
    s->oom_at = -1;
    if (oom) {
        s->oom_at = n;
        s->items[n++] = PIDS_OOM_SCORE;
        s->items[n++] = PIDS_OOM_ADJ;
    }
    s->pss_at = n;
    s->items[n++] = PIDS_SMAP_PSS;
    s->items[n++] = PIDS_SMAP_PRV_TOTAL;
}

static int itemset_count(const struct itemset *s, bool pss)
{
    return s->pss_at + (pss ? 2 : 0);
}

struct mt_proctable {
    struct pids_info *fast, *renew, *full;
    struct itemset full_set, renew_set;
    bool oom;
    struct meminfo_info *mem;
    struct stat_info *stat;
    struct vmstat_info *vmstat;
    bool pss;
    unsigned every;
    double boot_time;
    double hertz;
    uint64_t pid_max;
    char hostname[256];
    char missing[160];          /* system-wide files not there, or "" */
    struct proccache cache;
    mt_sample_counters prev;
    uint64_t prev_tasks;        /* threads alive at the last refresh */
    unsigned long refresh;      /* refreshes done */
    unsigned *want;             /* PIDs to select, reused */
    size_t nwant, want_cap;
    DIR *proc;                  /* /proc, rewound every refresh */
    size_t keep_max;            /* statm files that may be kept open */
    bool lean;                  /* under a memory limit: see lean_reset() */
    struct row *rows;           /* an ordinary refresh's statm, reused */
    size_t nrows, rows_cap;
    mt_sample_stats stats;
};

/* What an ordinary refresh reads of one process: its statm, and its
 * smaps_rollup with --pss. */
struct row {
    pid_t pid;
    bool reread;                /* its kept statm failed: gone, or PID reused */
    mt_statm statm;
    unsigned long pss, uss;     /* KiB */
};

/* ---- decisions ---- */

enum mt_full_reason mt_sample_full_all(unsigned long refresh, unsigned every,
                                       const mt_sample_counters *prev,
                                       const mt_sample_counters *now,
                                       uint64_t pid_max, uint64_t live)
{
    if (refresh == 0)
        return MT_FULL_FIRST;
    if (every <= 1 || refresh % every == 0)
        return MT_FULL_PERIODIC;
    if (now->pswpin != prev->pswpin || now->pswpout != prev->pswpout)
        return MT_FULL_SWAP;
    /* PIDs 1..299 are not handed out again after a wrap. */
    uint64_t room = pid_max > 300 + live ? pid_max - 300 - live : 0;
    if (now->forks < prev->forks || now->forks - prev->forks >= room)
        return MT_FULL_WRAP;
    return MT_FULL_NONE;
}

bool mt_sample_full_pid(bool known, bool quiet, uint64_t virt, uint64_t res, uint64_t shr)
{
    if (!known)
        return true;
    return virt == 0 && res == 0 && shr == 0 && !quiet;
}

/* ---- setup ---- */

static int fast_count(bool pss) { return pss ? F_COUNT : F_PSS; }

/* The system-wide files.  /proc mounted with subset=pid (a container's
 * or a hardened host's) has none of them: memtop lists processes without
 * them, as top does, with system memory unavailable, the boot time from
 * CLOCK_BOOTTIME, and no swap traffic or fork counter (so no refresh is
 * triggered by them), and says which are missing. */
static void open_system_files(mt_proctable *pt)
{
    const char *gone[3];
    int n = 0;
    if (procps_meminfo_new(&pt->mem) < 0) {
        pt->mem = NULL;
        gone[n++] = "/proc/meminfo (system memory)";
    }
    if (procps_stat_new(&pt->stat) < 0) {
        pt->stat = NULL;
        gone[n++] = "/proc/stat (boot time, fork counter)";
    }
    if (procps_vmstat_new(&pt->vmstat) < 0) {
        pt->vmstat = NULL;
        gone[n++] = "/proc/vmstat (swap traffic)";
    }
    pt->boot_time = pt->stat ? (double)STAT_GET(pt->stat, STAT_SYS_TIME_OF_BOOT, ul_int)
                             : mt_now_real() - mt_sysmem_boot_clock();
    pt->missing[0] = '\0';
    for (int i = 0; i < n; i++)
        snprintf(pt->missing + strlen(pt->missing), sizeof pt->missing - strlen(pt->missing),
                 "%s%s", i ? ", " : "", gone[i]);
}

const char *mt_proctable_missing(const mt_proctable *pt)
{
    return pt->missing[0] ? pt->missing : NULL;
}

mt_proctable *mt_proctable_new(void)
{
    return mt_proctable_open(NULL);
}

mt_proctable *mt_proctable_open(const mt_proctable_opts *opts)
{
    mt_proctable *pt = mt_xcalloc(1, sizeof *pt);
    pt->pss = opts && opts->pss;
    pt->oom = opts && opts->oom;
    pt->every = opts && opts->full_every ? opts->full_every : MT_FULL_EVERY;
    proccache_init(&pt->cache);
    itemset_build(&pt->full_set, full_items, R_COUNT, pt->oom);
    itemset_build(&pt->renew_set, renew_items, N_COUNT, pt->oom);
    int rc;
    if ((rc = procps_pids_new(&pt->fast, fast_items, fast_count(pt->pss))) < 0 ||
        (rc = procps_pids_new(&pt->renew, pt->renew_set.items,
                              itemset_count(&pt->renew_set, pt->pss))) < 0 ||
        (rc = procps_pids_new(&pt->full, pt->full_set.items,
                              itemset_count(&pt->full_set, pt->pss))) < 0) {
        mt_proctable_free(pt);
        errno = rc < 0 ? -rc : ENOENT;
        return NULL;
    }
    open_system_files(pt);
    long hz = procps_hertz_get();
    pt->hertz = hz > 0 ? (double)hz : 100.0;
    pt->pid_max = mt_sysmem_pid_max();
    pt->proc = opendir("/proc");
    if (!pt->proc) {
        int e = errno;
        mt_proctable_free(pt);
        errno = e;
        return NULL;
    }
    int keep = opts ? opts->keep_files : 0;
    /* By default, as many as fit in memtop's own memory limit. */
    size_t want = keep > 0 ? (size_t)keep
                           : mt_selflimit_keep(mt_selflimit_self(), MT_STATM_KEEP_MAX);
    pt->keep_max = keep < 0 ? 0 : mt_statm_keep_limit(want);
    int lean = opts ? opts->lean : 0;
    pt->lean = lean > 0 || (lean == 0 && mt_selflimit_self() != MT_SELFLIMIT_NONE);
    mt_sysmem_hostname(pt->hostname, sizeof pt->hostname);
    return pt;
}

void mt_proctable_free(mt_proctable *pt)
{
    if (!pt)
        return;
    if (pt->fast)
        procps_pids_unref(&pt->fast);
    if (pt->renew)
        procps_pids_unref(&pt->renew);
    if (pt->full)
        procps_pids_unref(&pt->full);
    if (pt->mem)
        procps_meminfo_unref(&pt->mem);
    if (pt->stat)
        procps_stat_unref(&pt->stat);
    if (pt->vmstat)
        procps_vmstat_unref(&pt->vmstat);
    proccache_free(&pt->cache);
    if (pt->proc)
        closedir(pt->proc);
    free(pt->want);
    free(pt->rows);
    free(pt);
}

int mt_proctable_set_pss(mt_proctable *pt, bool on)
{
    if (pt->pss == on)
        return 0;
    int rc = procps_pids_reset(pt->fast, fast_items, fast_count(on));
    if (rc >= 0)
        rc = procps_pids_reset(pt->renew, pt->renew_set.items, itemset_count(&pt->renew_set, on));
    if (rc >= 0)
        rc = procps_pids_reset(pt->full, pt->full_set.items, itemset_count(&pt->full_set, on));
    if (rc < 0) {
        errno = -rc;
        return -1;
    }
    pt->pss = on;
    return 0;
}

void mt_proctable_stats(const mt_proctable *pt, mt_sample_stats *out)
{
    *out = pt->stats;
}

/* ---- system numbers ---- */

static uint64_t kib(unsigned long v) { return (uint64_t)v * 1024; }

/* /proc/meminfo's numbers (all MT_NA without it) and the clock, made
 * into the system numbers by sysmem. */
static int read_system(mt_proctable *pt, mt_system *sys)
{
    mt_meminfo_raw raw;
    mt_meminfo_raw_unknown(&raw);
    double up = 0, idle = 0;
    if (pt->mem) {
        /* meminfo_get re-reads /proc/meminfo at most once per second;
         * select re-reads it every time, which a fast refresh wants. */
        enum meminfo_item want[] = {
            MEMINFO_MEM_TOTAL, MEMINFO_MEM_FREE, MEMINFO_MEM_AVAILABLE, MEMINFO_MEM_ANON,
            MEMINFO_MEM_BUFFERS, MEMINFO_MEM_CACHED, MEMINFO_MEM_SHARED,
            MEMINFO_SWAP_TOTAL, MEMINFO_SWAP_FREE,
        };
        uint64_t *to[] = {
            &raw.total, &raw.free, &raw.available, &raw.anon,
            &raw.buffers, &raw.cached, &raw.shmem,
            &raw.swap_total, &raw.swap_free,
        };
        size_t n = sizeof want / sizeof want[0];
        struct meminfo_stack *st = procps_meminfo_select(pt->mem, want, (int)n);
        if (!st)
            return -1;
        for (size_t i = 0; i < n; i++)
            *to[i] = st->head[i].result.ul_int;
    }
    if (!pt->mem || procps_uptime(&up, &idle) < 0)
        up = mt_sysmem_boot_clock();
    mt_sysmem_fill(sys, &raw, up, pt->boot_time, pt->hostname);
    return 0;
}

/* Swap traffic and the fork counter; the *_select calls re-read the
 * files every time (*_get would cache them for a second).  A counter
 * that cannot be read stays at its last value. */
static void read_counters(mt_proctable *pt, mt_sample_counters *c)
{
    *c = pt->prev;
    enum vmstat_item vi[] = { VMSTAT_PSWPIN, VMSTAT_PSWPOUT };
    struct vmstat_stack *vs = pt->vmstat ? procps_vmstat_select(pt->vmstat, vi, 2) : NULL;
    if (vs) {
        c->pswpin = vs->head[0].result.ul_int;
        c->pswpout = vs->head[1].result.ul_int;
    }
    enum stat_item si[] = { STAT_SYS_PROC_CREATED };
    struct stat_stack *ss = pt->stat ? procps_stat_select(pt->stat, si, 1) : NULL;
    if (ss)
        c->forks = ss->head[0].result.ul_int;
}

/* ---- processes ---- */

static void uss_pss(mt_proctable *pt, mt_proc *p, unsigned long pss, unsigned long uss)
{
    /* libproc2 gives 0 for an unreadable smaps_rollup (another user's
     * process without root): resident memory always has some PSS. */
    if (!pt->pss || p->raw.kthread || (p->raw.res > 0 && pss == 0))
        return;                 /* stay MT_NA */
    p->raw.pss = kib(pss);
    p->raw.uss = kib(uss);
}

/* The kernel prints score 0 for what it never kills: adjustment -1000,
 * init, kernel threads and zombies.  Both files are readable by anyone
 * who can read the process's stat, which a full read needs anyway.
 * Unread (MT_NA_INT) unless the set has them. */
static void set_oom(struct slow *e, const struct itemset *set, struct pids_stack *s)
{
    e->oom_score = set->oom_at < 0 ? MT_NA_INT : VAL(set->oom_at, s_int, s);
    e->oom_adj = set->oom_at < 0 ? MT_NA_INT : VAL(set->oom_at + 1, s_int, s);
}

/* An exec keeps PID and start time: a full read tells it by where the
 * code and the stack start (stat fields 26 and 28), which every exec
 * moves.  Zeros (a zombie, or another user's process without ptrace
 * access) tell nothing. */
static void note_exec(struct slow *e, struct pids_stack *s)
{
    uint64_t began = VAL(R_BEGAN, ull_int, s);
    unsigned long code = VAL(R_CODE, ul_int, s), stack = VAL(R_STACK, ul_int, s);
    if (e->read == 0 || e->start_ticks != began) {
        e->exec_gen = 0;                /* a process new to the cache */
    } else if (code == 0 && stack == 0) {
        return;                         /* keep what is known */
    } else if (e->code_start | e->stack_start) {
        if (code != e->code_start || stack != e->stack_start)
            e->exec_gen++;
    }
    e->code_start = code;
    e->stack_start = stack;
}

/* Stores what a full read says into the cache. */
static void remember(mt_proctable *pt, struct slow *e, struct pids_stack *s)
{
    note_exec(e, s);
    e->ppid = VAL(R_PPID, s_int, s);
    e->uid = VAL(R_EUID, u_int, s);
    e->state = (char)VAL(R_STATE, s_ch, s);
    e->kthread = (VAL(R_FLAGS, ul_int, s) & PF_KTHREAD) != 0;
    e->threads = VAL(R_NLWP, s_int, s);
    e->start_ticks = VAL(R_BEGAN, ull_int, s);
    mt_strlcpy(e->user, VAL(R_EUSER, str, s) ? VAL(R_EUSER, str, s) : "?", sizeof e->user);
    mt_strlcpy(e->comm, VAL(R_CMD, str, s) ? VAL(R_CMD, str, s) : "", sizeof e->comm);
    proccache_set_cmdline(e, VAL(R_CMDLINE, str, s));
    e->virt = kib(VAL(R_VIRT, ul_int, s));
    e->res = kib(VAL(R_RES, ul_int, s));
    e->shr = kib(VAL(R_SHR, ul_int, s));
    e->anon = kib(VAL(R_ANON, ul_int, s));
    e->file = kib(VAL(R_FILE, ul_int, s));
    e->shmem = kib(VAL(R_SHMEM, ul_int, s));
    e->swap = kib(VAL(R_SWAP, ul_int, s));
    set_oom(e, &pt->full_set, s);
    e->read = pt->refresh;
}

/* The slow fields, and the memory split: as read if read this refresh,
 * else derived from this refresh's statm (see proctable.h). */
static mt_proc *emit(mt_proctable *pt, mt_snapshot *snap, const struct slow *e,
                     uint64_t virt, uint64_t res, uint64_t shr)
{
    mt_proc *p = mt_snapshot_add(snap);
    mt_sample *r = &p->raw;
    r->pid = e->pid;
    r->ppid = e->ppid;
    r->uid = e->uid;
    r->state = e->state;
    r->kthread = e->kthread;
    r->threads = e->threads;
    r->start_ticks = e->start_ticks;
    r->exec_gen = e->exec_gen;
    r->start = pt->boot_time + (double)e->start_ticks / pt->hertz;
    memcpy(r->user, e->user, sizeof r->user);
    memcpy(r->comm, e->comm, sizeof r->comm);
    mt_snapshot_set_cmdline(snap, p, e->cmdline ? e->cmdline : "");
    r->swap = e->swap;
    r->oom_score = e->oom_score;
    r->oom_adj = e->oom_adj;
    if (e->read == pt->refresh) {
        r->virt = e->virt, r->res = e->res, r->shr = e->shr;
        r->anon = e->anon, r->file = e->file, r->shmem = e->shmem;
    } else {
        r->virt = virt, r->res = res, r->shr = shr;
        r->anon = res > shr ? res - shr : 0;
        uint64_t split = e->file + e->shmem;
        r->shmem = split ? (uint64_t)((double)shr * (double)e->shmem / (double)split) : 0;
        r->file = shr - r->shmem;
    }
    mt_sample_derive(r);
    mt_sysmem_count(&snap->sys, r);
    return p;
}

/* libproc2 keeps a reap's results (a stack of every item for every
 * process, 350 bytes each, and their strings) until the next reap on
 * the same handle.  Under a memory limit memtop gives them back once
 * copied: a new handle costs less than a refresh, and 5,000 processes'
 * stacks are 1.7 MB of the limit.  Without a limit they stay for reuse. */
static void lean_reset(mt_proctable *pt, struct pids_info **info, const struct itemset *set)
{
    if (!pt->lean)
        return;
    struct pids_info *fresh = NULL;
    if (procps_pids_new(&fresh, (enum pids_item *)set->items, itemset_count(set, pt->pss)) < 0)
        return;                 /* keep the old one */
    procps_pids_unref(info);
    *info = fresh;
    malloc_trim(0);             /* and the pages they held */
}

/* A full refresh: one reap of everything. */
static int sample_all(mt_proctable *pt, mt_snapshot *snap)
{
    struct pids_fetch *f = procps_pids_reap(pt->full, PIDS_FETCH_TASKS_ONLY);
    if (!f)
        return -1;
    for (int i = 0; i < f->counts->total; i++) {
        struct pids_stack *s = f->stacks[i];
        struct slow *e = proccache_get(&pt->cache, VAL(R_PID, s_int, s));
        remember(pt, e, s);
        e->seen = pt->refresh;
        mt_proc *p = emit(pt, snap, e, 0, 0, 0);
        if (pt->pss)
            uss_pss(pt, p, VAL(pt->full_set.pss_at, ul_int, s),
                    VAL(pt->full_set.pss_at + 1, ul_int, s));
    }
    pt->stats.full_reads = (size_t)f->counts->total;
    lean_reset(pt, &pt->full, &pt->full_set);
    return 0;
}

static void want_pid(mt_proctable *pt, pid_t pid)
{
    pt->want = mt_xgrow(pt->want, &pt->want_cap, pt->nwant + 1, sizeof *pt->want);
    pt->want[pt->nwant++] = (unsigned)pid;
}

/* Full reads of the PIDs in pt->want, in batches select accepts. */
static void read_wanted(mt_proctable *pt)
{
    for (size_t at = 0; at < pt->nwant; at += SELECT_MAX) {
        size_t n = pt->nwant - at < SELECT_MAX ? pt->nwant - at : SELECT_MAX;
        struct pids_fetch *f =
            procps_pids_select(pt->full, pt->want + at, (int)n, PIDS_SELECT_PID);
        if (!f)
            continue;           /* they stay unread: skipped as vanished */
        for (int i = 0; i < f->counts->total; i++) {
            struct pids_stack *s = f->stacks[i];
            struct slow *e = proccache_get(&pt->cache, VAL(R_PID, s_int, s));
            remember(pt, e, s);
        }
        pt->stats.full_reads += (size_t)f->counts->total;
    }
}

static struct row *add_row(mt_proctable *pt, pid_t pid)
{
    pt->rows = mt_xgrow(pt->rows, &pt->rows_cap, pt->nrows + 1, sizeof *pt->rows);
    struct row *r = &pt->rows[pt->nrows++];
    memset(r, 0, sizeof *r);
    r->pid = pid;
    return r;
}

/* The rows through libproc2 (--pss): statm and smaps_rollup. */
static int rows_from_reap(mt_proctable *pt)
{
    struct pids_fetch *f = procps_pids_reap(pt->fast, PIDS_FETCH_TASKS_ONLY);
    if (!f)
        return -1;
    for (int i = 0; i < f->counts->total; i++) {
        struct pids_stack *s = f->stacks[i];
        struct row *r = add_row(pt, VAL(F_PID, s_int, s));
        r->statm.virt = kib(VAL(F_VIRT, ul_int, s));
        r->statm.res = kib(VAL(F_RES, ul_int, s));
        r->statm.shr = kib(VAL(F_SHR, ul_int, s));
        r->pss = VAL(F_PSS, ul_int, s);
        r->uss = VAL(F_USS, ul_int, s);
    }
    return 0;
}

/* A /proc entry's PID, or 0 when the entry is not a process. */
static pid_t entry_pid(const char *name)
{
    long v = 0;
    for (const char *c = name; *c; c++) {
        if (*c < '0' || *c > '9' || v > 99999999)
            return 0;
        v = v * 10 + (*c - '0');
    }
    return (pid_t)v;
}

/* statm's text size changes on exec, and data shrinks when a big
 * program execs a small one: then a full read looks (note_exec).  Free
 * and munmap can shrink data too; that costs one full read, no more. */
static bool exec_hint(struct slow *e, const mt_statm *m)
{
    bool hint = (e->text || e->data) && (m->text != e->text || m->data < e->data / 2);
    e->text = m->text;
    e->data = m->data;
    return hint;
}

/* Reads a known process's statm, through its kept file (opened now if
 * there is room).  False when its kept file fails (the process is gone,
 * perhaps with its PID reused) or it has vanished.  A statm opened by
 * path, to keep or for this refresh only, is checked against the start
 * time the full read saw: the PID may have been reused since. */
static bool read_statm(mt_proctable *pt, struct slow *e, struct row *r)
{
    struct proccache *c = &pt->cache;
    if (e->statm_fd < 0 && c->kept < pt->keep_max &&
        (e->statm_fd = mt_statm_open_checked(e->pid, e->start_ticks)) >= 0)
        c->kept++;
    if (e->statm_fd < 0)
        return mt_statm_read_checked(e->pid, e->start_ticks, &r->statm) == 0 &&
               !exec_hint(e, &r->statm);
    if (mt_statm_pread(e->statm_fd, &r->statm) == 0)
        return !exec_hint(e, &r->statm);
    proccache_drop_statm(c, e);
    return false;
}

/* Is the PID still the process the cache describes?  Through its kept
 * statm (opened now, checked, if there is room), else through a checked
 * open.  For the rows libproc2 read by path (--pss, renew refreshes). */
static bool still_same(mt_proctable *pt, struct slow *e)
{
    struct row r;
    if (e->kthread)
        return true;            /* no statm to keep; stat is read by path */
    return read_statm(pt, e, &r);
}

/* The rows read by memtop: PIDs from /proc, statm from kept files.
 * Kernel threads are not read: their statm is all zeros. */
static int rows_from_statm(mt_proctable *pt)
{
    rewinddir(pt->proc);
    for (;;) {
        errno = 0;
        struct dirent *d = readdir(pt->proc);
        if (!d)
            return errno ? -1 : 0;
        pid_t pid = entry_pid(d->d_name);
        if (pid <= 0)
            continue;
        struct slow *e = proccache_find(&pt->cache, pid);
        struct row *r = add_row(pt, pid);
        /* New: a full read follows.  A kernel thread: all zeros. */
        if (!e || e->read == 0 || e->kthread)
            continue;
        r->reread = !read_statm(pt, e, r);  /* statm stays zero then */
    }
}

/* An ordinary refresh: statm for all, a full read for the few that need
 * it (new PIDs, exits, reused PIDs), the cache for the rest. */
static int sample_incremental(mt_proctable *pt, mt_snapshot *snap)
{
    pt->nrows = 0;
    if ((pt->pss ? rows_from_reap(pt) : rows_from_statm(pt)) < 0)
        return -1;
    pt->nwant = 0;
    for (size_t i = 0; i < pt->nrows; i++) {
        const struct row *r = &pt->rows[i];
        struct slow *e = proccache_find(&pt->cache, r->pid);
        bool quiet = e && (e->kthread || e->state == 'Z');
        /* --pss: libproc2 read statm by path; is it still the same? */
        bool reused = pt->pss && e && e->read && !still_same(pt, e);
        if (r->reread || reused ||
            mt_sample_full_pid(e != NULL, quiet, r->statm.virt, r->statm.res, r->statm.shr)) {
            want_pid(pt, r->pid);
            if (e)
                e->wanted = pt->refresh;
        }
    }
    pt->stats.full_reads = 0;
    read_wanted(pt);
    for (size_t i = 0; i < pt->nrows; i++) {
        const struct row *r = &pt->rows[i];
        struct slow *e = proccache_find(&pt->cache, r->pid);
        /* Not in the cache, or wanted and not found: it vanished. */
        if (!e || e->read == 0 || (e->wanted == pt->refresh && e->read != pt->refresh))
            continue;
        e->seen = pt->refresh;
        mt_proc *p = emit(pt, snap, e, r->statm.virt, r->statm.res, r->statm.shr);
        if (pt->pss)
            uss_pss(pt, p, r->pss, r->uss);
    }
    return 0;
}

/* Stores what the renew set says; false when status names the process
 * differently than stat did (it exec'd, or status escaped its name):
 * then it needs a full read. */
static bool renew(mt_proctable *pt, struct slow *e, struct pids_stack *s)
{
    const char *comm = VAL(N_CMD, str, s) ? VAL(N_CMD, str, s) : "";
    if (strncmp(comm, e->comm, sizeof e->comm - 1) != 0)
        return false;
    e->ppid = VAL(N_PPID, s_int, s);
    e->uid = VAL(N_EUID, u_int, s);
    e->state = (char)VAL(N_STATE, s_ch, s);
    e->threads = VAL(N_NLWP, s_int, s);
    mt_strlcpy(e->user, VAL(N_EUSER, str, s) ? VAL(N_EUSER, str, s) : "?", sizeof e->user);
    proccache_set_cmdline(e, VAL(N_CMDLINE, str, s));
    e->virt = kib(VAL(N_VIRT, ul_int, s));
    e->res = kib(VAL(N_RES, ul_int, s));
    e->shr = kib(VAL(N_SHR, ul_int, s));
    e->anon = kib(VAL(N_ANON, ul_int, s));
    e->file = kib(VAL(N_FILE, ul_int, s));
    e->shmem = kib(VAL(N_SHMEM, ul_int, s));
    e->swap = kib(VAL(N_SWAP, ul_int, s));
    set_oom(e, &pt->renew_set, s);
    e->read = pt->refresh;
    return true;
}

/* sample_renew() under a memory limit: the PIDs from /proc, then the
 * renew set selected SELECT_MAX at a time, so that libproc2 never holds
 * more than that many processes' results (a reap holds all: 2.4 MB for
 * 5,000).  select costs 1.3x a reap, every K-th refresh. */
static int sample_renew_lean(mt_proctable *pt, mt_snapshot *snap)
{
    pt->nrows = 0;
    rewinddir(pt->proc);
    for (;;) {
        errno = 0;
        struct dirent *d = readdir(pt->proc);
        if (!d)
            break;
        pid_t pid = entry_pid(d->d_name);
        if (pid > 0)
            add_row(pt, pid);
    }
    if (errno)
        return -1;
    pt->nwant = 0;
    pt->stats.full_reads = 0;
    unsigned batch[SELECT_MAX];
    for (size_t at = 0; at < pt->nrows; at += SELECT_MAX) {
        size_t n = pt->nrows - at < SELECT_MAX ? pt->nrows - at : SELECT_MAX;
        for (size_t i = 0; i < n; i++)
            batch[i] = (unsigned)pt->rows[at + i].pid;
        struct pids_fetch *f = procps_pids_select(pt->renew, batch, (int)n, PIDS_SELECT_PID);
        if (!f)
            continue;           /* they stay unread: skipped as vanished */
        size_t j = at;          /* select answers in the order asked */
        for (int i = 0; i < f->counts->total; i++) {
            struct pids_stack *s = f->stacks[i];
            pid_t pid = VAL(N_PID, s_int, s);
            while (j < at + n && pt->rows[j].pid != pid)
                j++;
            if (j < at + n) {
                pt->rows[j].pss = VAL(pt->renew_set.pss_at, ul_int, s);
                pt->rows[j].uss = VAL(pt->renew_set.pss_at + 1, ul_int, s);
            }
            struct slow *e = proccache_find(&pt->cache, pid);
            if (!e || !still_same(pt, e) || !renew(pt, e, s))
                want_pid(pt, pid);
        }
        pt->stats.full_reads += (size_t)f->counts->total;
    }
    read_wanted(pt);
    for (size_t i = 0; i < pt->nrows; i++) {
        const struct row *r = &pt->rows[i];
        struct slow *e = proccache_find(&pt->cache, r->pid);
        if (!e || e->read != pt->refresh)
            continue;           /* vanished before its full read */
        e->seen = pt->refresh;
        mt_proc *p = emit(pt, snap, e, 0, 0, 0);
        if (pt->pss)
            uss_pss(pt, p, r->pss, r->uss);
    }
    return 0;
}

/* The periodic and swap refreshes: status, statm and cmdline for all,
 * a full read for new PIDs and renamed ones. */
static int sample_renew(mt_proctable *pt, mt_snapshot *snap)
{
    if (pt->lean)
        return sample_renew_lean(pt, snap);
    struct pids_fetch *f = procps_pids_reap(pt->renew, PIDS_FETCH_TASKS_ONLY);
    if (!f)
        return -1;
    pt->nwant = 0;
    for (int i = 0; i < f->counts->total; i++) {
        struct pids_stack *s = f->stacks[i];
        struct slow *e = proccache_find(&pt->cache, VAL(N_PID, s_int, s));
        if (!e || !still_same(pt, e) || !renew(pt, e, s))
            want_pid(pt, VAL(N_PID, s_int, s));
    }
    pt->stats.full_reads = (size_t)f->counts->total;
    read_wanted(pt);
    for (int i = 0; i < f->counts->total; i++) {
        struct pids_stack *s = f->stacks[i];
        struct slow *e = proccache_find(&pt->cache, VAL(N_PID, s_int, s));
        if (!e || e->read != pt->refresh)
            continue;           /* vanished before its full read */
        e->seen = pt->refresh;
        mt_proc *p = emit(pt, snap, e, 0, 0, 0);
        if (pt->pss)
            uss_pss(pt, p, VAL(pt->renew_set.pss_at, ul_int, s),
                    VAL(pt->renew_set.pss_at + 1, ul_int, s));
    }
    return 0;
}

static uint64_t count_threads(const mt_snapshot *snap)
{
    uint64_t n = 0;
    for (size_t i = 0; i < snap->nprocs; i++)
        n += snap->procs[i].raw.threads > 0 ? (uint64_t)snap->procs[i].raw.threads : 1;
    return n;
}

int mt_proctable_sample(mt_proctable *pt, mt_snapshot *snap)
{
    mt_snapshot_clear(snap);
    snap->time = mt_now_real();
    if (read_system(pt, &snap->sys) < 0)
        return -1;
    mt_sample_counters now;
    read_counters(pt, &now);
    /* Refresh numbers start at 1 so that 0 means "never" in the cache. */
    unsigned long n = pt->refresh++;
    enum mt_full_reason why =
        mt_sample_full_all(n, pt->every, &pt->prev, &now, pt->pid_max, pt->prev_tasks);
    /* reap skips processes that vanish while being read. */
    int rc;
    if (why == MT_FULL_FIRST || why == MT_FULL_WRAP)
        rc = sample_all(pt, snap);          /* identities must be read */
    else if (why != MT_FULL_NONE)
        rc = sample_renew(pt, snap);
    else
        rc = sample_incremental(pt, snap);
    if (rc < 0) {
        if (errno == 0)
            errno = EIO;
        return -1;
    }
    proccache_sweep(&pt->cache, pt->refresh);
    pt->prev = now;
    pt->prev_tasks = count_threads(snap);
    pt->stats.refresh = pt->refresh;
    pt->stats.kept_files = pt->cache.kept;
    pt->stats.all_reason = (int)why;
    mt_snapshot_seal(snap);
    return 0;
}
