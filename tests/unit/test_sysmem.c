/* test_sysmem.c - the system numbers from /proc/meminfo's values: the
 * four-way split of used memory, values not read, pid_max. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memtop/sysmem.h"
#include "suites.h"

#define KIB 1024ULL

/* A meminfo fixture into raw values, as the kernel prints them; lines
 * the fixture lacks stay MT_NA.  (memtop reads the file through
 * libproc2: this parser is the test's own.) */
static void load(const char *name, mt_meminfo_raw *raw)
{
    static const struct { const char *key; size_t off; } keys[] = {
        { "MemTotal", offsetof(mt_meminfo_raw, total) },
        { "MemFree", offsetof(mt_meminfo_raw, free) },
        { "MemAvailable", offsetof(mt_meminfo_raw, available) },
        { "AnonPages", offsetof(mt_meminfo_raw, anon) },
        { "Buffers", offsetof(mt_meminfo_raw, buffers) },
        { "Cached", offsetof(mt_meminfo_raw, cached) },
        { "Shmem", offsetof(mt_meminfo_raw, shmem) },
        { "SwapTotal", offsetof(mt_meminfo_raw, swap_total) },
        { "SwapFree", offsetof(mt_meminfo_raw, swap_free) },
    };
    char *text = test_read_fixture(name);
    ck_assert_ptr_nonnull(text);
    mt_meminfo_raw_unknown(raw);
    for (char *line = strtok(text, "\n"); line; line = strtok(NULL, "\n")) {
        char key[64];
        unsigned long long v;
        if (sscanf(line, "%63[^:]: %llu", key, &v) != 2)
            continue;
        for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
            if (strcmp(key, keys[i].key) == 0)
                *(uint64_t *)((char *)raw + keys[i].off) = v;
    }
    free(text);
}

static void fill(mt_system *sys, const mt_meminfo_raw *raw)
{
    memset(sys, 0, sizeof *sys);
    mt_sysmem_fill(sys, raw, 123.5, 1.7e9, "box");
}

static uint64_t used_parts(const mt_system *s)
{
    return s->mem_anon + s->mem_file + s->mem_shmem + s->mem_kernel;
}

START_TEST(split_of_a_machine)
{
    mt_meminfo_raw raw;
    mt_system s;
    load("meminfo/debian12.meminfo", &raw);
    fill(&s, &raw);
    ck_assert_uint_eq(s.mem_total, 24683620 * KIB);
    ck_assert_uint_eq(s.mem_free, 23302276 * KIB);
    ck_assert_uint_eq(s.mem_available, 23713316 * KIB);
    ck_assert_uint_eq(s.mem_anon, 171016 * KIB);
    ck_assert_uint_eq(s.mem_shmem, 8952 * KIB);
    ck_assert_uint_eq(s.mem_file, (4596 + 574584 - 8952) * KIB);  /* Buffers + Cached - Shmem */
    ck_assert_uint_eq(s.mem_kernel, 631148 * KIB);
    ck_assert_uint_eq(used_parts(&s), s.mem_total - s.mem_free);
    ck_assert_uint_eq(s.swap_total, 2097148 * KIB);
    ck_assert_uint_eq(s.swap_free, 2000000 * KIB);
    ck_assert(s.uptime == 123.5 && s.boot_time == 1.7e9);
    ck_assert_str_eq(s.hostname, "box");
    ck_assert_uint_eq(s.tasks, 0);      /* counted per process, not here */
}
END_TEST

/* A kernel without MemAvailable and Shmem (before 3.14 and 2.6.32): the
 * sizes that need them are unavailable, never 0. */
START_TEST(values_not_there)
{
    mt_meminfo_raw raw;
    mt_system s;
    load("meminfo/old.meminfo", &raw);
    fill(&s, &raw);
    ck_assert_uint_eq(s.mem_total, 2057964 * KIB);
    ck_assert_uint_eq(s.mem_available, MT_NA);
    ck_assert_uint_eq(s.mem_anon, 678900 * KIB);
    ck_assert_uint_eq(s.mem_shmem, MT_NA);
    ck_assert_uint_eq(s.mem_file, MT_NA);
    ck_assert_uint_eq(s.mem_kernel, MT_NA);
    ck_assert_uint_eq(s.swap_total, 4194300 * KIB);
    ck_assert_uint_eq(s.swap_free, 4190000 * KIB);

    /* No /proc/meminfo at all. */
    mt_meminfo_raw_unknown(&raw);
    fill(&s, &raw);
    uint64_t sizes[] = { s.mem_total, s.mem_free, s.mem_available, s.mem_anon, s.mem_file,
                         s.mem_shmem, s.mem_kernel, s.swap_total, s.swap_free };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        ck_assert_uint_eq(sizes[i], MT_NA);
    ck_assert(s.uptime == 123.5);

    /* MemFree not read: the split of used memory is unknown. */
    load("meminfo/debian12.meminfo", &raw);
    raw.free = MT_NA;
    fill(&s, &raw);
    ck_assert_uint_eq(s.mem_kernel, MT_NA);
    ck_assert_uint_eq(s.mem_anon, 171016 * KIB);
}
END_TEST

/* Counters read at slightly different moments can claim more than is
 * used: the four parts still add up to MemTotal - MemFree. */
START_TEST(split_that_does_not_fit)
{
    mt_meminfo_raw raw;
    mt_system s;
    mt_meminfo_raw_unknown(&raw);
    raw.total = 1000, raw.free = 900;           /* 100 used */
    raw.anon = 60, raw.shmem = 30, raw.buffers = 10, raw.cached = 50;  /* file 30 */
    fill(&s, &raw);
    ck_assert_uint_eq(s.mem_anon, 60 * KIB);
    ck_assert_uint_eq(s.mem_shmem, 30 * KIB);
    ck_assert_uint_eq(s.mem_file, 10 * KIB);
    ck_assert_uint_eq(s.mem_kernel, 0);
    ck_assert_uint_eq(used_parts(&s), 100 * KIB);

    raw.anon = 80, raw.free = 950;              /* anon alone is more than used */
    fill(&s, &raw);
    ck_assert_uint_eq(s.mem_anon, 50 * KIB);
    ck_assert_uint_eq(s.mem_shmem + s.mem_file + s.mem_kernel, 0);

    raw.free = 1200;                            /* more free than total */
    fill(&s, &raw);
    ck_assert_uint_eq(used_parts(&s), 0);
    ck_assert_uint_eq(s.mem_total, 1000 * KIB);

    raw.free = 500, raw.shmem = 70;             /* Shmem above Buffers + Cached */
    fill(&s, &raw);
    ck_assert_uint_eq(s.mem_file, 0);
    ck_assert_uint_eq(s.mem_kernel, (500 - 80 - 70) * KIB);
    ck_assert_uint_eq(used_parts(&s), 500 * KIB);
}
END_TEST

START_TEST(process_counts)
{
    mt_system s;
    memset(&s, 0, sizeof s);
    mt_sample p;
    memset(&p, 0, sizeof p);
    p.state = 'S';
    mt_sysmem_count(&s, &p);
    p.state = 'Z';
    mt_sysmem_count(&s, &p);
    p.state = 'I', p.kthread = true;
    mt_sysmem_count(&s, &p);
    ck_assert_uint_eq(s.tasks, 3);
    ck_assert_uint_eq(s.zombies, 1);
    ck_assert_uint_eq(s.kthreads, 1);
}
END_TEST

START_TEST(pid_max_text)
{
    ck_assert_uint_eq(mt_sysmem_parse_pid_max("4194304\n"), 4194304);
    ck_assert_uint_eq(mt_sysmem_parse_pid_max("32768"), 32768);
    ck_assert_uint_eq(mt_sysmem_parse_pid_max(""), 32768);
    ck_assert_uint_eq(mt_sysmem_parse_pid_max("0\n"), 32768);
    ck_assert_uint_eq(mt_sysmem_parse_pid_max("x"), 32768);
    /* the running kernel's, from its own file */
    char *text = NULL;
    size_t n = 0;
    FILE *f = fopen("/proc/sys/kernel/pid_max", "r");
    if (f && getline(&text, &n, f) > 0)
        ck_assert_uint_eq(mt_sysmem_pid_max(), strtoull(text, NULL, 10));
    free(text);
    if (f)
        fclose(f);
}
END_TEST

Suite *sysmem_suite(void)
{
    Suite *s = suite_create("sysmem");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, TEST_TIMEOUT_CPU);
    tcase_add_test(tc, split_of_a_machine);
    tcase_add_test(tc, values_not_there);
    tcase_add_test(tc, split_that_does_not_fit);
    tcase_add_test(tc, process_counts);
    tcase_add_test(tc, pid_max_text);
    suite_add_tcase(s, tc);
    return s;
}
