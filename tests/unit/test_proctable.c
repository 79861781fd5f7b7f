/* test_proctable.c - the live sampler against what the kernel says
 * about this very process. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <linux/sched.h>
#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "memtop/proctable.h"
#include "memtop/signal.h"
#include "suites.h"

/* A "Key:  value kB" line of a /proc file (status, meminfo), in bytes. */
static uint64_t file_kb(const char *path, const char *key)
{
    char line[256];
    uint64_t v = 0;
    FILE *f = fopen(path, "r");
    ck_assert_ptr_nonnull(f);
    size_t n = strlen(key);
    while (fgets(line, sizeof line, f))
        if (strncmp(line, key, n) == 0 && line[n] == ':')
            v = strtoull(line + n + 1, NULL, 10) * 1024;
    fclose(f);
    return v;
}

static uint64_t status_kb(const char *key)
{
    return file_kb("/proc/self/status", key);
}

static unsigned long long self_start_ticks(void)
{
    char buf[1024];
    FILE *f = fopen("/proc/self/stat", "r");
    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_nonnull(fgets(buf, sizeof buf, f));
    fclose(f);
    /* field 22; comm (field 2) may hold spaces, so count after the last ')' */
    char *p = strrchr(buf, ')');
    ck_assert_ptr_nonnull(p);
    p += 2;
    for (int field = 3; field < 22; field++)
        p = strchr(p, ' ') + 1;
    return strtoull(p, NULL, 10);
}

/* Under valgrind the name is valgrind's, so ask the kernel. */
static const char *self_comm(void)
{
    static char comm[64];
    FILE *f = fopen("/proc/self/comm", "r");
    ck_assert_ptr_nonnull(f);
    ck_assert_ptr_nonnull(fgets(comm, sizeof comm, f));
    fclose(f);
    comm[strcspn(comm, "\n")] = '\0';
    return comm;
}

static const mt_proc *find(const mt_snapshot *s, pid_t pid)
{
    for (size_t i = 0; i < s->nprocs; i++)
        if (s->procs[i].raw.pid == pid)
            return &s->procs[i];
    return NULL;
}

START_TEST(sees_itself)
{
    mt_proctable *pt = mt_proctable_new();
    ck_assert_ptr_nonnull(pt);
    mt_snapshot s;
    mt_snapshot_init(&s);
    /* Touch 16 MiB so RES and anon are clearly above noise. */
    size_t n = 16 << 20;
    char *mem = malloc(n);
    volatile char *touch = mem; /* volatile: the compiler may not drop it */
    for (size_t i = 0; i < n; i += 4096)
        touch[i] = 1;
    for (int round = 0; round < 2; round++) { /* the handle is reused */
        /* Sampling itself allocates (more so under ASan): RES was read
         * somewhere between these two. */
        uint64_t rss0 = status_kb("VmRSS");
        ck_assert_int_eq(mt_proctable_sample(pt, &s), 0);
        uint64_t rss1 = status_kb("VmRSS");
        const mt_proc *me = find(&s, getpid());
        ck_assert_ptr_nonnull(me);
        ck_assert_int_eq(me->raw.ppid, getppid());
        ck_assert_int_eq(me->raw.uid, geteuid());
        ck_assert(me->raw.state == 'R');
        ck_assert(!me->raw.kthread);
        ck_assert_uint_eq(me->raw.start_ticks, self_start_ticks());
        ck_assert_uint_ge(me->raw.res, (rss0 < rss1 ? rss0 : rss1) * 9 / 10);
        ck_assert_uint_le(me->raw.res, (rss0 > rss1 ? rss0 : rss1) * 11 / 10);
        ck_assert_uint_ge(me->raw.anon, n);
        ck_assert_uint_eq(me->raw.heap, me->raw.anon + me->raw.swap);
        ck_assert_uint_gt(me->raw.virt, me->raw.res);
        ck_assert_str_eq(me->raw.comm, self_comm());
        ck_assert_ptr_nonnull(strstr(me->raw.cmdline, "check_memtop"));
        ck_assert_uint_ge(s.sys.tasks, 2);
        ck_assert_uint_gt(s.sys.mem_total, s.sys.mem_available);
        ck_assert_uint_eq(s.sys.mem_total - s.sys.mem_free,
                          s.sys.mem_anon + s.sys.mem_file + s.sys.mem_shmem +
                              s.sys.mem_kernel);
        ck_assert(s.time > 1e9);
        ck_assert(me->raw.start > s.sys.boot_time && me->raw.start <= s.time + 1);
    }
    free(mem);
    mt_snapshot_free(&s);
    mt_proctable_free(pt);
}
END_TEST

START_TEST(kernel_threads_flagged)
{
    mt_proctable *pt = mt_proctable_new();
    mt_snapshot s;
    mt_snapshot_init(&s);
    ck_assert_int_eq(mt_proctable_sample(pt, &s), 0);
    unsigned k = 0;
    for (size_t i = 0; i < s.nprocs; i++)
        if (s.procs[i].raw.kthread) {
            k++;
            ck_assert_uint_eq(s.procs[i].raw.virt, 0);
            ck_assert_uint_eq(s.procs[i].raw.res, 0);
        }
    ck_assert_uint_eq(k, s.sys.kthreads);
    mt_snapshot_free(&s);
    mt_proctable_free(pt);
}
END_TEST

/* ---- incremental sampling ---- */

/* A child's life: touch `anon_mib` of private and `shm_mib` of shared
 * anonymous memory (shmem), take `name` (NULL: keep the parent's), say
 * so through `out`, then sleep.  Its memory stays put: a steady process
 * to compare two reads of. */
static void __attribute__((noreturn))
child_main(int out, int anon_mib, int shm_mib, const char *name)
{
    if (name)
        prctl(PR_SET_NAME, name, 0, 0, 0);
    const struct { size_t mib; int share; } parts[] = {
        { (size_t)anon_mib, MAP_PRIVATE }, { (size_t)shm_mib, MAP_SHARED },
    };
    for (size_t p = 0; p < 2; p++) {
        size_t n = parts[p].mib << 20;
        char *m = n ? mmap(NULL, n, PROT_READ | PROT_WRITE, parts[p].share | MAP_ANONYMOUS, -1, 0)
                    : MAP_FAILED;
        for (size_t i = 0; m != MAP_FAILED && i < n; i += 4096)
            m[i] = 1;
    }
    if (write(out, "k", 1) != 1)
        _exit(1);
    for (;;)
        pause();
}

/* The parent's side of the pipe: waits for the child's word when there
 * is a child (pid > 0). */
static pid_t await_child(int fds[2], pid_t pid)
{
    close(fds[1]);
    if (pid > 0) {
        char c;
        ck_assert_int_eq(read(fds[0], &c, 1), 1);
    }
    close(fds[0]);
    return pid;
}

static pid_t start_child(int anon_mib, int shm_mib)
{
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        close(fds[0]);
        child_main(fds[1], anon_mib, shm_mib, NULL);
    }
    return await_child(fds, pid);
}

static void stop_child(pid_t pid)
{
    kill(pid, SIGKILL);
    waitpid(pid, NULL, 0);
}

static void assert_same_proc(const mt_proc *a, const mt_proc *b)
{
    ck_assert_int_eq(a->raw.pid, b->raw.pid);
    ck_assert_int_eq(a->raw.ppid, b->raw.ppid);
    ck_assert_int_eq(a->raw.uid, b->raw.uid);
    ck_assert_int_eq(a->raw.state, b->raw.state);
    ck_assert_int_eq(a->raw.kthread, b->raw.kthread);
    ck_assert_int_eq(a->raw.threads, b->raw.threads);
    ck_assert_uint_eq(a->raw.start_ticks, b->raw.start_ticks);
    ck_assert_str_eq(a->raw.user, b->raw.user);
    ck_assert_str_eq(a->raw.comm, b->raw.comm);
    ck_assert_str_eq(a->raw.cmdline, b->raw.cmdline);
    ck_assert_uint_eq(a->raw.virt, b->raw.virt);
    ck_assert_uint_eq(a->raw.res, b->raw.res);
    ck_assert_uint_eq(a->raw.shr, b->raw.shr);
    ck_assert_uint_eq(a->raw.anon, b->raw.anon);
    ck_assert_uint_eq(a->raw.file, b->raw.file);
    ck_assert_uint_eq(a->raw.shmem, b->raw.shmem);
    ck_assert_uint_eq(a->raw.swap, b->raw.swap);
    ck_assert_uint_eq(a->raw.heap, b->raw.heap);
}

/* A refresh that read only statm (K = 10: refreshes 1 and 2) through
 * kept files, through files opened each time, or a mix, or statm +
 * status + cmdline (K = 2: refresh 2) gives the numbers a full read
 * gives. */
static const mt_proctable_opts incremental[] = {
    { .full_every = 10 },
    { .full_every = 2 },
    { .full_every = 10, .keep_files = -1 },
    { .full_every = 10, .keep_files = 2 },
    /* lean (under a memory limit): the renew set read in batches */
    { .full_every = 2, .lean = 1 },
    { .full_every = 10, .lean = 1 },
};

START_TEST(incremental_matches_full)
{
    pid_t kids[3] = { start_child(4, 0), start_child(1, 2), start_child(0, 3) };
    mt_proctable_opts inc = incremental[_i], every = { .full_every = 1 };
    mt_proctable *pi = mt_proctable_open(&inc), *pf = mt_proctable_open(&every);
    ck_assert_ptr_nonnull(pi);
    ck_assert_ptr_nonnull(pf);
    mt_snapshot si, sf;
    mt_snapshot_init(&si);
    mt_snapshot_init(&sf);
    mt_sample_stats st;
    for (int round = 0; round < 3; round++) {
        ck_assert_int_eq(mt_proctable_sample(pi, &si), 0);
        mt_proctable_stats(pi, &st);
        ck_assert_uint_eq(st.refresh, (unsigned long)round + 1);
        if (round == 0)
            ck_assert_int_eq(st.all_reason, MT_FULL_FIRST);
    }
    ck_assert_int_eq(mt_proctable_sample(pf, &sf), 0);
    /* Unless swap moved, the third refresh read statm only for these,
     * or (K = 2) renewed everything. */
    if (inc.full_every == 10 && st.all_reason == MT_FULL_NONE)
        ck_assert_uint_lt(st.full_reads, si.nprocs);
    if (inc.full_every == 2)
        ck_assert_int_eq(st.all_reason, MT_FULL_PERIODIC);
    if (inc.keep_files < 0)
        ck_assert_uint_eq(st.kept_files, 0);
    else if (inc.keep_files > 0)
        ck_assert_uint_le(st.kept_files, (size_t)inc.keep_files);
    for (int k = 0; k < 3; k++) {
        const mt_proc *a = find(&si, kids[k]), *b = find(&sf, kids[k]);
        ck_assert_ptr_nonnull(a);
        ck_assert_ptr_nonnull(b);
        assert_same_proc(a, b);
    }
    ck_assert_uint_ge(find(&si, kids[0])->raw.anon, 4u << 20);
    ck_assert_uint_ge(find(&si, kids[2])->raw.shmem, 3u << 20);
    for (int k = 0; k < 3; k++)
        stop_child(kids[k]);
    mt_snapshot_free(&si);
    mt_snapshot_free(&sf);
    mt_proctable_free(pi);
    mt_proctable_free(pf);
}
END_TEST

/* New processes appear, reaped ones vanish and an unreaped one shows
 * as a zombie, all on refreshes that are not full ones. */
START_TEST(incremental_sees_changes)
{
    mt_proctable_opts o = { .full_every = 1000 };
    mt_proctable *pt = mt_proctable_open(&o);
    mt_snapshot s;
    mt_snapshot_init(&s);
    pid_t old = start_child(1, 0), doomed = start_child(0, 0);
    ck_assert_int_eq(mt_proctable_sample(pt, &s), 0);
    ck_assert_ptr_nonnull(find(&s, old));
    pid_t young = start_child(2, 0);
    stop_child(old);
    kill(doomed, SIGKILL);      /* not reaped: a zombie */
    while (1) {                 /* wait until it is one */
        ck_assert_int_eq(mt_proctable_sample(pt, &s), 0);
        const mt_proc *z = find(&s, doomed);
        ck_assert_ptr_nonnull(z);
        if (z->raw.state == 'Z')
            break;
        usleep(10000);
    }
    mt_sample_stats st;
    mt_proctable_stats(pt, &st);
    if (st.all_reason == MT_FULL_NONE)
        ck_assert_uint_lt(st.full_reads, s.nprocs);
    ck_assert_ptr_null(find(&s, old));
    const mt_proc *y = find(&s, young);
    ck_assert_ptr_nonnull(y);
    ck_assert_int_eq(y->raw.ppid, getpid());
    ck_assert_uint_ge(y->raw.anon, 2u << 20);
    ck_assert_uint_eq(find(&s, doomed)->raw.res, 0);
    stop_child(young);
    waitpid(doomed, NULL, 0);
    mt_snapshot_free(&s);
    mt_proctable_free(pt);
}
END_TEST

/* Many PIDs coming and going between statm-only refreshes: the cache
 * grows its index and deletes from the middle of probe runs, and every
 * live child is still found, every dead one gone. */
START_TEST(cache_churn)
{
    enum { N = 600 };
    static pid_t kids[N];
    mt_proctable_opts o = { .full_every = 1000 };
    mt_proctable *pt = mt_proctable_open(&o);
    mt_snapshot s;
    mt_snapshot_init(&s);
    ck_assert_int_eq(mt_proctable_sample(pt, &s), 0);
    for (int round = 0; round < 3; round++) {
        for (int i = round % 2; i < N; i += 2) {   /* half the slots */
            if (kids[i])
                stop_child(kids[i]);
            kids[i] = fork();
            ck_assert_int_ge(kids[i], 0);
            if (kids[i] == 0) {
                for (;;)
                    pause();
            }
        }
        ck_assert_int_eq(mt_proctable_sample(pt, &s), 0);
        for (int i = 0; i < N; i++)
            if (kids[i])
                ck_assert_msg(find(&s, kids[i]) != NULL, "child %d not seen", (int)kids[i]);
    }
    for (int i = 0; i < N; i += 2)
        stop_child(kids[i]);
    ck_assert_int_eq(mt_proctable_sample(pt, &s), 0);
    for (int i = 0; i < N; i++) {
        if (i % 2 == 0)
            ck_assert_ptr_null(find(&s, kids[i]));
        else
            ck_assert_ptr_nonnull(find(&s, kids[i]));
    }
    for (int i = 1; i < N; i += 2)
        stop_child(kids[i]);
    mt_snapshot_free(&s);
    mt_proctable_free(pt);
}
END_TEST

/* mt_signal_process signals (PID, start time) or nobody: a start time
 * that is not the process's (its PID reused) sends nothing. */
START_TEST(signal_only_the_same_process)
{
    pid_t kid = start_child(1, 0);
    mt_proctable *pt = mt_proctable_new();
    mt_snapshot s;
    mt_snapshot_init(&s);
    ck_assert_int_eq(mt_proctable_sample(pt, &s), 0);
    uint64_t start = find(&s, kid)->raw.start_ticks;
    errno = 0;
    ck_assert_int_eq(mt_signal_process(kid, start + 1, SIGKILL), -1);
    ck_assert_int_eq(errno, ESRCH);
    ck_assert_int_eq(kill(kid, 0), 0);                  /* still alive */
    ck_assert_int_eq(mt_signal_process(kid, start, SIGKILL), 0);
    int st;
    ck_assert_int_eq(waitpid(kid, &st, 0), kid);
    ck_assert(WIFSIGNALED(st) && WTERMSIG(st) == SIGKILL);
    errno = 0;
    ck_assert_int_eq(mt_signal_process(kid, start, SIGKILL), -1);   /* gone */
    ck_assert_int_eq(errno, ESRCH);
    mt_snapshot_free(&s);
    mt_proctable_free(pt);
}
END_TEST

/* Keep a file for every process there is: with the default 4,096 the
 * test's child may be past the budget when another test (small_cgroup)
 * has thousands of processes running. */
#define KEEP_ALL (1 << 16)

/* Is /proc/PID/statm among this process's open files? */
static bool keeps_statm_of(pid_t pid)
{
    char want[64], link[300], target[64];
    snprintf(want, sizeof want, "/proc/%d/statm", (int)pid);
    DIR *d = opendir("/proc/self/fd");
    ck_assert_ptr_nonnull(d);
    bool found = false;
    struct dirent *e;
    while (!found && (e = readdir(d))) {
        snprintf(link, sizeof link, "/proc/self/fd/%s", e->d_name);
        ssize_t n = readlink(link, target, sizeof target - 1);
        if (n > 0) {
            target[n] = '\0';
            found = strcmp(target, want) == 0;
        }
    }
    closedir(d);
    return found;
}

/* From its second refresh on a process's statm is kept open, and it is
 * closed when the process goes. */
START_TEST(kept_files_follow_processes)
{
    mt_proctable_opts o = { .full_every = 1000, .keep_files = KEEP_ALL };
    mt_proctable *pt = mt_proctable_open(&o);
    mt_snapshot s;
    mt_snapshot_init(&s);
    pid_t kid = start_child(1, 0);
    ck_assert_int_eq(mt_proctable_sample(pt, &s), 0);
    ck_assert(!keeps_statm_of(kid));    /* the first read is libproc2's */
    ck_assert_int_eq(mt_proctable_sample(pt, &s), 0);
    ck_assert(keeps_statm_of(kid));
    mt_sample_stats st;
    mt_proctable_stats(pt, &st);
    size_t users = 0;
    for (size_t i = 0; i < s.nprocs; i++)
        users += !s.procs[i].raw.kthread;
    ck_assert_uint_gt(st.kept_files, 0);
    ck_assert_uint_le(st.kept_files, users);
    stop_child(kid);
    ck_assert_int_eq(mt_proctable_sample(pt, &s), 0);
    ck_assert_ptr_null(find(&s, kid));
    ck_assert(!keeps_statm_of(kid));
    mt_snapshot_free(&s);
    mt_proctable_free(pt);
}
END_TEST

/* A child made with clone3 on the PID of one that just died: the same
 * PID with no fork storm in between, so only the kept file can tell.
 * Needs root (CAP_SYS_ADMIN) and clone3; without them it says so. */
static pid_t reborn_on(pid_t pid)
{
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    pid_t tid = pid;
    struct clone_args args = {
        .exit_signal = SIGCHLD,
        .set_tid = (uint64_t)(uintptr_t)&tid,
        .set_tid_size = 1,
    };
    long r = syscall(SYS_clone3, &args, sizeof args);
    if (r == 0) {
        close(fds[0]);
        child_main(fds[1], 3, 0, "reborn");
    }
    int e = errno;
    await_child(fds, (pid_t)r);
    errno = e;
    return (pid_t)r;
}

/* kid (started at born) dies and a "reborn" child takes its PID; the
 * next refreshes (statm-only ones) must show the newcomer as itself. */
static void expect_reborn(mt_proctable *pt, mt_snapshot *s, pid_t kid, uint64_t born,
                          int refreshes, const char *test)
{
    stop_child(kid);
    usleep(20000);              /* a clock tick: a different start time */
    pid_t again = reborn_on(kid);
    if (again < 0) {
        fprintf(stderr, "%s: clone3 with set_tid: %s; not tested\n", test, strerror(errno));
        return;
    }
    ck_assert_int_eq(again, kid);
    for (int i = 0; i < refreshes; i++) {
        ck_assert_int_eq(mt_proctable_sample(pt, s), 0);
        mt_sample_stats st;
        mt_proctable_stats(pt, &st);
        ck_assert_int_eq(st.all_reason, MT_FULL_NONE);
        const mt_proc *p = find(s, kid);
        ck_assert_ptr_nonnull(p);
        ck_assert_str_eq(p->raw.comm, "reborn");
        ck_assert_uint_ne(p->raw.start_ticks, born);
        ck_assert_uint_ge(p->raw.anon, 3u << 20);
    }
    stop_child(again);
}

START_TEST(reused_pid_is_reread)
{
    mt_proctable_opts o = { .full_every = 1000, .keep_files = KEEP_ALL };
    mt_proctable *pt = mt_proctable_open(&o);
    mt_snapshot s;
    mt_snapshot_init(&s);
    pid_t kid = start_child(1, 0);
    ck_assert_int_eq(mt_proctable_sample(pt, &s), 0);
    ck_assert_int_eq(mt_proctable_sample(pt, &s), 0);
    const mt_proc *p = find(&s, kid);
    ck_assert_ptr_nonnull(p);
    ck_assert_str_ne(p->raw.comm, "reborn");
    ck_assert(keeps_statm_of(kid));     /* only its kept file can tell */
    uint64_t born = p->raw.start_ticks;
    expect_reborn(pt, &s, kid, born, 1, "reused_pid_is_reread");
    mt_snapshot_free(&s);
    mt_proctable_free(pt);
}
END_TEST

/* The oom_score the kernel gives pid at adjustment adj when its own
 * usage (rss + swap + page tables, in pages) is `pages`: as
 * proc_oom_score() and oom_badness() compute it, with their integer
 * rounding (adj is scaled by totalpages / 1000, rounded down first). */
static long kernel_oom_score(int adj, uint64_t pages)
{
    long page = sysconf(_SC_PAGESIZE);
    long total = (long)((file_kb("/proc/meminfo", "MemTotal") +
                         file_kb("/proc/meminfo", "SwapTotal")) / (uint64_t)page);
    long badness = (long)pages + adj * (total / 1000);
    return (1000 + badness * 1000 / total) * 2 / 3;
}

/* The range of oom_score pid can have at adjustment adj: from no usage
 * at all to its usage now plus 4 MiB of slack (it is idle, but the
 * kernel counts page tables and a read races with nothing else). */
static void expect_oom_score(pid_t pid, int adj, int score)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/status", (int)pid);
    uint64_t used = file_kb(path, "VmRSS") + file_kb(path, "VmSwap") +
                    file_kb(path, "VmPTE") + (4u << 20);
    long lo = kernel_oom_score(adj, 0);
    long hi = kernel_oom_score(adj, used / (uint64_t)sysconf(_SC_PAGESIZE));
    ck_assert_msg(score >= lo && score <= hi, "oom_score %d at adj %d, kernel says %ld..%ld",
                  score, adj, lo, hi);
}
/* The PID reused between the full read that named a process and the
 * refresh that reads its statm by path: with no kept file yet (the first
 * refresh after a full read), or never (no room: RLIMIT_NOFILE 64, loop
 * 1).  The newcomer must be read as itself, never under the dead one's
 * name and start time. */
static void reuse_after_full_read(bool low_nofile)
{
    if (low_nofile) {
        /* Without a fork per test (CK_FORK=no: the valgrind run) the
         * lower limit would stay for every later test, and valgrind keeps
         * descriptors of its own below it: that variant runs forked only. */
        const char *fork_mode = getenv("CK_FORK");
        if (fork_mode && strcmp(fork_mode, "no") == 0)
            return;
        struct rlimit rl = { 64, 64 };
        ck_assert_int_eq(setrlimit(RLIMIT_NOFILE, &rl), 0);
    }
    mt_proctable_opts o = { .full_every = 1000 };
    mt_proctable *pt = mt_proctable_open(&o);
    ck_assert_ptr_nonnull(pt);
    mt_snapshot s;
    mt_snapshot_init(&s);
    pid_t kid = start_child(1, 0);
    ck_assert_int_eq(mt_proctable_sample(pt, &s), 0);     /* the full read */
    if (low_nofile)
        ck_assert_int_eq(mt_proctable_sample(pt, &s), 0); /* statm by path */
    const mt_proc *p = find(&s, kid);
    ck_assert_ptr_nonnull(p);
    uint64_t born = p->raw.start_ticks;
    ck_assert(!keeps_statm_of(kid));
    expect_reborn(pt, &s, kid, born, 2, "reused_before_kept");
    mt_snapshot_free(&s);
    mt_proctable_free(pt);
}

START_TEST(reused_before_kept)
{
    reuse_after_full_read(_i == 1);
}
END_TEST

static void set_oom_adj(pid_t pid, int adj)
{
    char path[64];
    snprintf(path, sizeof path, "/proc/%d/oom_score_adj", (int)pid);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fprintf(f, "%d\n", adj);
    ck_assert_int_eq(fclose(f), 0);
}

/* oom_score and oom_score_adj come with full reads: the first, and the
 * periodic ones (K = 2: the third refresh); a statm-only refresh in
 * between keeps what the last full read said.  Not asked for, they are
 * not read. */
START_TEST(oom_score_on_full_reads)
{
    mt_proctable_opts o = { .full_every = 2, .oom = true }, no = { .full_every = 2 };
    mt_proctable *pt = mt_proctable_open(&o);
    mt_snapshot s;
    mt_snapshot_init(&s);
    pid_t kid = start_child(1, 0);
    set_oom_adj(kid, 500);      /* raising it needs no privilege */
    ck_assert_int_eq(mt_proctable_sample(pt, &s), 0);
    const mt_proc *p = find(&s, kid);
    ck_assert_ptr_nonnull(p);
    ck_assert_int_eq(p->raw.oom_adj, 500);
    expect_oom_score(kid, 500, p->raw.oom_score);
    set_oom_adj(kid, 800);
    ck_assert_int_eq(mt_proctable_sample(pt, &s), 0);
    mt_sample_stats st;
    mt_proctable_stats(pt, &st);
    if (st.all_reason == MT_FULL_NONE)
        ck_assert_int_eq(find(&s, kid)->raw.oom_adj, 500);
    ck_assert_int_eq(mt_proctable_sample(pt, &s), 0);
    mt_proctable_stats(pt, &st);
    ck_assert_int_eq(st.all_reason, MT_FULL_PERIODIC);
    p = find(&s, kid);
    ck_assert_int_eq(p->raw.oom_adj, 800);
    expect_oom_score(kid, 800, p->raw.oom_score);
    for (size_t i = 0; i < s.nprocs; i++)
        if (s.procs[i].raw.kthread)
            ck_assert_int_eq(s.procs[i].raw.oom_score, 0);     /* never killed */
    mt_proctable_free(pt);
    pt = mt_proctable_open(&no);
    for (int round = 0; round < 3; round++) {   /* first, statm, periodic */
        ck_assert_int_eq(mt_proctable_sample(pt, &s), 0);
        ck_assert_int_eq(find(&s, kid)->raw.oom_score, MT_NA_INT);
        ck_assert_int_eq(find(&s, kid)->raw.oom_adj, MT_NA_INT);
    }
    stop_child(kid);
    mt_snapshot_free(&s);
    mt_proctable_free(pt);
}
END_TEST

START_TEST(pss_columns)
{
    mt_proctable_opts o = { .pss = true };
    mt_proctable *pt = mt_proctable_open(&o);
    mt_snapshot s;
    mt_snapshot_init(&s);
    pid_t kid = start_child(4, 2);
    for (int round = 0; round < 2; round++) {  /* full, then incremental */
        ck_assert_int_eq(mt_proctable_sample(pt, &s), 0);
        const mt_proc *k = find(&s, kid);
        ck_assert_ptr_nonnull(k);
        ck_assert_uint_ne(k->raw.pss, MT_NA);
        ck_assert_uint_ne(k->raw.uss, MT_NA);
        ck_assert_uint_le(k->raw.uss, k->raw.pss);
        ck_assert_uint_le(k->raw.pss, k->raw.res);
        ck_assert_uint_ge(k->raw.uss, 4u << 20);    /* its own malloc'd pages */
    }
    ck_assert_int_eq(mt_proctable_set_pss(pt, false), 0);
    ck_assert_int_eq(mt_proctable_sample(pt, &s), 0);
    ck_assert_uint_eq(find(&s, kid)->raw.pss, MT_NA);
    ck_assert_uint_eq(find(&s, kid)->raw.uss, MT_NA);
    stop_child(kid);
    mt_snapshot_free(&s);
    mt_proctable_free(pt);
}
END_TEST

START_TEST(no_pss_by_default)
{
    mt_proctable *pt = mt_proctable_new();
    mt_snapshot s;
    mt_snapshot_init(&s);
    ck_assert_int_eq(mt_proctable_sample(pt, &s), 0);
    const mt_proc *me = find(&s, getpid());
    ck_assert_ptr_nonnull(me);
    ck_assert_uint_eq(me->raw.pss, MT_NA);
    ck_assert_uint_eq(me->raw.uss, MT_NA);
    mt_snapshot_free(&s);
    mt_proctable_free(pt);
}
END_TEST

/* ---- the decisions ---- */

START_TEST(full_all_decision)
{
    mt_sample_counters a = { .pswpin = 5, .pswpout = 7, .forks = 1000 }, b = a;
    const uint64_t pid_max = 32768, live = 500;
    ck_assert_int_eq(mt_sample_full_all(0, 10, &a, &b, pid_max, live), MT_FULL_FIRST);
    ck_assert_int_eq(mt_sample_full_all(10, 10, &a, &b, pid_max, live), MT_FULL_PERIODIC);
    ck_assert_int_eq(mt_sample_full_all(20, 10, &a, &b, pid_max, live), MT_FULL_PERIODIC);
    ck_assert_int_eq(mt_sample_full_all(3, 1, &a, &b, pid_max, live), MT_FULL_PERIODIC);
    for (unsigned long r = 1; r < 10; r++)
        ck_assert_int_eq(mt_sample_full_all(r, 10, &a, &b, pid_max, live), MT_FULL_NONE);
    b.pswpin++;
    ck_assert_int_eq(mt_sample_full_all(1, 10, &a, &b, pid_max, live), MT_FULL_SWAP);
    b = a;
    b.pswpout += 100;
    ck_assert_int_eq(mt_sample_full_all(1, 10, &a, &b, pid_max, live), MT_FULL_SWAP);
    /* Forks: below what it takes to come round again, and at it. */
    b = a;
    uint64_t room = pid_max - 300 - live;
    b.forks = a.forks + room - 1;
    ck_assert_int_eq(mt_sample_full_all(1, 10, &a, &b, pid_max, live), MT_FULL_NONE);
    b.forks = a.forks + room;
    ck_assert_int_eq(mt_sample_full_all(1, 10, &a, &b, pid_max, live), MT_FULL_WRAP);
    /* Many live tasks leave less room: the same forks now may wrap. */
    b.forks = a.forks + 20000;
    ck_assert_int_eq(mt_sample_full_all(1, 10, &a, &b, pid_max, 1000), MT_FULL_NONE);
    ck_assert_int_eq(mt_sample_full_all(1, 10, &a, &b, pid_max, 20000), MT_FULL_WRAP);
    ck_assert_int_eq(mt_sample_full_all(1, 10, &a, &b, 4194304, 20000), MT_FULL_NONE);
    /* A system full of tasks, or a counter that went backwards. */
    b = a;
    ck_assert_int_eq(mt_sample_full_all(1, 10, &a, &b, pid_max, pid_max), MT_FULL_WRAP);
    b.forks = a.forks - 1;
    ck_assert_int_eq(mt_sample_full_all(1, 10, &a, &b, pid_max, live), MT_FULL_WRAP);
}
END_TEST

START_TEST(full_pid_decision)
{
    /* new PID */
    ck_assert(mt_sample_full_pid(false, false, 4096, 4096, 0));
    ck_assert(mt_sample_full_pid(false, false, 0, 0, 0));
    /* known, statm moving: the cache is enough */
    ck_assert(!mt_sample_full_pid(true, false, 8192, 4096, 1024));
    /* known, statm all zeros: exited or exiting, read its state */
    ck_assert(mt_sample_full_pid(true, false, 0, 0, 0));
    /* ... unless it is a kernel thread or zombie already */
    ck_assert(!mt_sample_full_pid(true, true, 0, 0, 0));
    /* only all three zero counts */
    ck_assert(!mt_sample_full_pid(true, false, 4096, 0, 0));
}
END_TEST

/* PID reuse between two refreshes: a fork counter that moved by a full
 * PID space makes the sampler read everything, so the new process's
 * start time (its identity) is read, not taken from the cache. */
START_TEST(pid_reuse_forces_full_read)
{
    mt_sample_counters prev = { .forks = 100 }, now = prev;
    now.forks += 32768;
    ck_assert_int_eq(mt_sample_full_all(5, 10, &prev, &now, 32768, 100), MT_FULL_WRAP);
}
END_TEST

Suite *proctable_suite(void)
{
    Suite *s = suite_create("proctable");
    TCase *tc = tcase_create("live");
    tcase_set_timeout(tc, TEST_TIMEOUT_LIVE);   /* cache_churn forks 1,800 children */
    tcase_add_test(tc, sees_itself);
    tcase_add_test(tc, kernel_threads_flagged);
    tcase_add_loop_test(tc, incremental_matches_full, 0,
                        sizeof incremental / sizeof incremental[0]);
    tcase_add_test(tc, kept_files_follow_processes);
    tcase_add_test(tc, reused_pid_is_reread);
    tcase_add_loop_test(tc, reused_before_kept, 0, 2);
    tcase_add_test(tc, oom_score_on_full_reads);
    tcase_add_test(tc, incremental_sees_changes);
    tcase_add_test(tc, cache_churn);
    tcase_add_test(tc, signal_only_the_same_process);
    tcase_add_test(tc, pss_columns);
    tcase_add_test(tc, no_pss_by_default);
    suite_add_tcase(s, tc);
    TCase *dec = tcase_create("decisions");
    tcase_add_test(dec, full_all_decision);
    tcase_add_test(dec, full_pid_decision);
    tcase_add_test(dec, pid_reuse_forces_full_read);
    suite_add_tcase(s, dec);
    return s;
}
