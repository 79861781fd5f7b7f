/* test_proctable.c - the live sampler against what the kernel says
 * about this very process. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "memtop/proctable.h"
#include "suites.h"

/* A "Key:  value kB" line of /proc/self/status, in bytes. */
static uint64_t status_kb(const char *key)
{
    char line[256];
    uint64_t v = 0;
    FILE *f = fopen("/proc/self/status", "r");
    ck_assert_ptr_nonnull(f);
    size_t n = strlen(key);
    while (fgets(line, sizeof line, f))
        if (strncmp(line, key, n) == 0 && line[n] == ':')
            v = strtoull(line + n + 1, NULL, 10) * 1024;
    fclose(f);
    return v;
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
        if (s->procs[i].pid == pid)
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
        /* Sampling thousands of processes grows this very process, so
         * its RES is bracketed by VmRSS before and after the sample. */
        uint64_t rss_before = status_kb("VmRSS");
        ck_assert_int_eq(mt_proctable_sample(pt, &s), 0);
        const mt_proc *me = find(&s, getpid());
        ck_assert_ptr_nonnull(me);
        ck_assert_int_eq(me->ppid, getppid());
        ck_assert_int_eq(me->uid, geteuid());
        ck_assert(me->state == 'R');
        ck_assert(!me->kthread);
        ck_assert_uint_eq(me->start_ticks, self_start_ticks());
        uint64_t rss_after = status_kb("VmRSS");
        ck_assert_uint_ge(me->res, rss_before * 9 / 10);
        ck_assert_uint_le(me->res, rss_after * 11 / 10);
        ck_assert_uint_ge(me->anon, n);
        ck_assert_uint_eq(me->heap, me->anon + me->swap);
        ck_assert_uint_gt(me->virt, me->res);
        ck_assert_str_eq(me->comm, self_comm());
        ck_assert_ptr_nonnull(strstr(me->cmdline, "check_memtop"));
        ck_assert_uint_ge(s.sys.tasks, 2);
        ck_assert_uint_gt(s.sys.mem_total, s.sys.mem_available);
        ck_assert_uint_eq(s.sys.mem_total - s.sys.mem_free,
                          s.sys.mem_anon + s.sys.mem_file + s.sys.mem_shmem +
                              s.sys.mem_kernel);
        ck_assert(s.time > 1e9);
        ck_assert(me->start > s.sys.boot_time && me->start <= s.time + 1);
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
        if (s.procs[i].kthread) {
            k++;
            ck_assert_uint_eq(s.procs[i].virt, 0);
            ck_assert_uint_eq(s.procs[i].res, 0);
        }
    ck_assert_uint_eq(k, s.sys.kthreads);
    mt_snapshot_free(&s);
    mt_proctable_free(pt);
}
END_TEST

Suite *proctable_suite(void)
{
    Suite *s = suite_create("proctable");
    TCase *tc = tcase_create("live");
    tcase_add_test(tc, sees_itself);
    tcase_add_test(tc, kernel_threads_flagged);
    suite_add_tcase(s, tc);
    return s;
}
