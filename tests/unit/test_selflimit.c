/* test_selflimit.c - memtop's own memory limit: /proc/self/cgroup, limit
 * values, the walk up the tree on v2 and v1, and the kept-file share. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "memtop/selflimit.h"
#include "memtop/statm.h"
#include "suites.h"

START_TEST(parses_self_cgroup)
{
    char v2[256], v1[256];
    ck_assert_int_eq(mt_selflimit_parse_cgroup("0::/user.slice/a.scope\n", v2, sizeof v2, v1,
                                               sizeof v1), 0);
    ck_assert_str_eq(v2, "/user.slice/a.scope");
    ck_assert_str_eq(v1, "");
    const char *hybrid = "9:name=systemd:/\n8:pids:/\n4:memory:/process_api/x\n"
                         "2:cpu,cpuacct:/\n0::/\n";
    ck_assert_int_eq(mt_selflimit_parse_cgroup(hybrid, v2, sizeof v2, v1, sizeof v1), 0);
    ck_assert_str_eq(v2, "/");
    ck_assert_str_eq(v1, "/process_api/x");
    ck_assert_int_eq(mt_selflimit_parse_cgroup("5:memoryx:/no\n", v2, sizeof v2, v1,
                                               sizeof v1), -1);
    ck_assert_int_eq(mt_selflimit_parse_cgroup("garbage", v2, sizeof v2, v1, sizeof v1), -1);
}
END_TEST

START_TEST(parses_values)
{
    ck_assert_uint_eq(mt_selflimit_parse_value("16777216\n"), 16777216);
    ck_assert_uint_eq(mt_selflimit_parse_value("max\n"), MT_SELFLIMIT_NONE);
    ck_assert_uint_eq(mt_selflimit_parse_value("9223372036854771712\n"), MT_SELFLIMIT_NONE);
    ck_assert_uint_eq(mt_selflimit_parse_value("12x"), MT_SELFLIMIT_NONE);
    ck_assert_uint_eq(mt_selflimit_parse_value(""), MT_SELFLIMIT_NONE);
}
END_TEST

static void put(const char *dir, const char *rel, const char *text)
{
    char path[512], cmd[600];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    snprintf(cmd, sizeof cmd, "mkdir -p \"$(dirname '%s')\"", path);
    ck_assert_int_eq(system(cmd), 0);
    FILE *f = fopen(path, "w");
    ck_assert_ptr_nonnull(f);
    fputs(text, f);
    fclose(f);
}

/* The smallest limit on the way up wins; v1 beside a v2 tree too. */
START_TEST(reads_the_smallest_up_the_tree)
{
    char dir[] = "/tmp/memtop-selflimit.XXXXXX", proc[600], cg[600];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(proc, sizeof proc, "%s/proc", dir);
    snprintf(cg, sizeof cg, "%s/cg", dir);
    /* v2 only: a parent at 64 MiB, the process's own group unlimited */
    put(dir, "proc/self/cgroup", "0::/a/b\n");
    put(dir, "cg/cgroup.controllers", "memory pids\n");
    put(dir, "cg/a/memory.max", "67108864\n");
    put(dir, "cg/a/b/memory.max", "max\n");
    ck_assert_uint_eq(mt_selflimit_read(proc, cg), 64u << 20);
    /* hybrid: v2 at ROOT/unified without memory, v1 at ROOT/memory */
    put(dir, "proc/self/cgroup", "4:memory:/x/y\n0::/\n");
    char v2only[700];
    snprintf(v2only, sizeof v2only, "%s/cgroup.controllers", cg);
    ck_assert_int_eq(unlink(v2only), 0);
    put(dir, "cg/unified/cgroup.controllers", "hugetlb\n");
    put(dir, "cg/memory/memory.limit_in_bytes", "9223372036854771712\n");
    put(dir, "cg/memory/x/memory.limit_in_bytes", "9223372036854771712\n");
    put(dir, "cg/memory/x/y/memory.limit_in_bytes", "16777216\n");
    ck_assert_uint_eq(mt_selflimit_read(proc, cg), 16u << 20);
    /* nothing readable: no limit */
    put(dir, "proc/self/cgroup", "4:memory:/nowhere\n");
    ck_assert_uint_eq(mt_selflimit_read(proc, cg), MT_SELFLIMIT_NONE);
    char cmd[600];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

START_TEST(keeps_a_share_of_the_limit)
{
    ck_assert_uint_eq(mt_selflimit_keep(MT_SELFLIMIT_NONE, MT_STATM_KEEP_MAX), MT_STATM_KEEP_MAX);
    /* 16 MiB: 1 MiB of kept files, 256 of them */
    ck_assert_uint_eq(mt_selflimit_keep(16u << 20, MT_STATM_KEEP_MAX), 256);
    ck_assert_uint_eq(mt_selflimit_keep(1ULL << 30, MT_STATM_KEEP_MAX), MT_STATM_KEEP_MAX);
    ck_assert_uint_eq(mt_selflimit_keep(1u << 20, 10), 10);
    ck_assert_uint_eq(mt_selflimit_keep(4096, 10), 0);
}
END_TEST

/* 5,000 processes fit in 32 MiB; in 16 MiB they do not, and the
 * sentence says both sizes; no limit always fits. */
START_TEST(says_when_the_limit_is_too_small)
{
    char why[200] = "";
    ck_assert_int_eq(mt_selflimit_check(32u << 20, 5000, why, sizeof why), 0);
    ck_assert_int_eq(mt_selflimit_check(MT_SELFLIMIT_NONE, 1000000, why, sizeof why), 0);
    ck_assert_int_eq(mt_selflimit_check(16u << 20, 5000, why, sizeof why), -1);
    ck_assert_msg(strstr(why, "allows 16.0 MiB") && strstr(why, "5000 processes need about 27.4 MiB") &&
                  strstr(why, "(3 MiB + 5.00 KiB a process)"), "%s", why);
    ck_assert_uint_eq(mt_selflimit_need(1000), (3u << 20) + 5120000);
    /* /proc's numeric entries: at least this process */
    ck_assert_uint_ge(mt_selflimit_count(NULL), 1);
}
END_TEST

Suite *selflimit_suite(void)
{
    Suite *s = suite_create("selflimit");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, parses_self_cgroup);
    tcase_add_test(tc, parses_values);
    tcase_add_test(tc, reads_the_smallest_up_the_tree);
    tcase_add_test(tc, keeps_a_share_of_the_limit);
    tcase_add_test(tc, says_when_the_limit_is_too_small);
    suite_add_tcase(s, tc);
    return s;
}
