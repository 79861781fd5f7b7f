/* proccache.h - the sampler's per-PID cache (private to proctable.c):
 * what a full read tells that statm does not, kept between full reads,
 * with each process's kept statm file.  No libproc2 types: proctable.c
 * copies its results in. */
#ifndef MEMTOP_PROCCACHE_H
#define MEMTOP_PROCCACHE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "memtop/pidindex.h"
#include "memtop/snapshot.h"

/* What a full read tells that statm does not, kept per PID. */
struct slow {
    pid_t pid;
    pid_t ppid;
    uid_t uid;
    char state;
    bool kthread;
    int threads;
    uint64_t start_ticks;
    /* exec: where code and stack start move (ASLR, a new binary) */
    unsigned long code_start, stack_start;
    unsigned exec_gen;
    uint64_t text, data;        /* statm's, last read by memtop: the hint */
    char user[MT_USER_MAX];
    char comm[MT_COMM_MAX];
    char *cmdline;              /* cut at MT_CMDLINE_MAX + 1 bytes */
    size_t cmdline_cap;         /* kept when the slot is reused */
    uint64_t virt, res, shr;    /* statm of the full read */
    uint64_t anon, file, shmem, swap;
    int oom_score, oom_adj;
    unsigned long seen;         /* refresh that last saw the PID */
    unsigned long wanted;       /* refresh that asked for a full read */
    unsigned long read;         /* refresh of the last full read */
    int statm_fd;               /* kept /proc/PID/statm, or -1 */
    int next_free;
};

/* A dense array of slots that never move, so slots keep their cmdline
 * buffers when PIDs come and go, found through a PID index.  No
 * allocation once it has grown. */
struct proccache {
    struct slow *slots;
    size_t nslots, cap;
    int free_head;              /* -1: none */
    mt_pidindex index;          /* pid -> slot */
    size_t kept;                /* entries with a kept statm_fd */
};

void proccache_init(struct proccache *c);
void proccache_free(struct proccache *c);
/* The PID's entry, or NULL. */
struct slow *proccache_find(const struct proccache *c, pid_t pid);
/* The PID's entry, a fresh one (all zero, no kept file) if it had none. */
struct slow *proccache_get(struct proccache *c, pid_t pid);
/* Forgets PIDs the refresh numbered `refresh` did not see. */
void proccache_sweep(struct proccache *c, unsigned long refresh);
/* Closes e's kept statm file, if it has one. */
void proccache_drop_statm(struct proccache *c, struct slow *e);
/* Stores s (NULL: empty), cut at MT_CMDLINE_MAX + 1 bytes. */
void proccache_set_cmdline(struct slow *e, const char *s);

#endif
