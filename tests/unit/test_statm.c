/* test_statm.c - statm's parser on captured and hostile files
 * (tests/data/statm), and what kept statm files do when their process
 * goes. */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include "memtop/statm.h"
#include "suites.h"

static const struct {
    const char *name;
    int rc;
    uint64_t virt, res, shr;    /* pages */
} cases[] = {
    { "cat", 0, 765, 432, 404 },
    { "kthread", 0, 0, 0, 0 },
    { "huge", 0, 4398046511104ull, 4398046511103ull, 1 },
    { "short", -1, 0, 0, 0 },
    { "garbage", -1, 0, 0, 0 },
    { "overflow", -1, 0, 0, 0 },
    { "page_overflow", -1, 0, 0, 0 },
    { "empty", -1, 0, 0, 0 },
};

START_TEST(parses_fixtures)
{
    char path[64];
    snprintf(path, sizeof path, "statm/%s.statm", cases[_i].name);
    char *text = test_read_fixture(path);
    mt_statm m = { 1, 2, 3, 4, 5 };
    int rc = mt_statm_parse(text, strlen(text), 4096, &m);
    ck_assert_msg(rc == cases[_i].rc, "%s: rc %d", cases[_i].name, rc);
    if (rc == 0) {
        ck_assert_uint_eq(m.virt, cases[_i].virt * 4096);
        ck_assert_uint_eq(m.res, cases[_i].res * 4096);
        ck_assert_uint_eq(m.shr, cases[_i].shr * 4096);
    } else {
        ck_assert_uint_eq(m.virt, 1);   /* untouched on error */
    }
    free(text);
}
END_TEST

/* The buffer is not terminated: the parser stops at len. */
START_TEST(stops_at_length)
{
    mt_statm m;
    ck_assert_int_eq(mt_statm_parse("10 20 30 40", 8, 1, &m), 0);
    ck_assert_uint_eq(m.shr, 30);
    ck_assert_int_eq(mt_statm_parse("10 20 30", 5, 1, &m), -1);
    ck_assert_int_eq(mt_statm_parse("  7 8 9", 7, 2, &m), 0);
    ck_assert_uint_eq(m.virt, 14);
    ck_assert_uint_eq(m.text, 0);     /* absent: 0 */
}
END_TEST

/* text (4th) and data (6th), the exec hint, are read when present. */
START_TEST(text_and_data)
{
    mt_statm m;
    const char *t = "11013 2285 1747 26 0 1212 0\n";
    ck_assert_int_eq(mt_statm_parse(t, strlen(t), 4096, &m), 0);
    ck_assert_uint_eq(m.text, 26 * 4096);
    ck_assert_uint_eq(m.data, 1212 * 4096);
    ck_assert_int_eq(mt_statm_parse("1 2 3 x 5 6 7", 13, 1, &m), -1);
}
END_TEST

/* A kept statm follows its process, and fails once the process is gone,
 * though the PID may be listed again: that is how memtop sees reuse. */
START_TEST(kept_file_ends_with_process)
{
    pid_t kid = fork();
    ck_assert_int_ge(kid, 0);
    if (kid == 0) {
        for (;;)
            pause();
    }
    int fd = mt_statm_open(kid);
    ck_assert_int_ge(fd, 0);
    mt_statm a, b;
    ck_assert_int_eq(mt_statm_pread(fd, &a), 0);
    ck_assert_int_eq(mt_statm_pread(fd, &b), 0);   /* read again, afresh */
    ck_assert_uint_gt(a.res, 0);
    ck_assert_uint_eq(a.virt, b.virt);
    mt_statm once;
    ck_assert_int_eq(mt_statm_read(kid, &once), 0);
    ck_assert_uint_eq(once.virt, a.virt);
    kill(kid, SIGKILL);
    waitpid(kid, NULL, 0);
    errno = 0;
    ck_assert_int_eq(mt_statm_pread(fd, &a), -1);
    ck_assert_int_eq(errno, ESRCH);
    ck_assert_int_eq(mt_statm_read(kid, &once), -1);
    ck_assert_int_eq(errno, ENOENT);
    close(fd);
}
END_TEST

START_TEST(keep_limit)
{
    ck_assert_uint_eq(mt_statm_keep_limit(0), 0);
    size_t n = mt_statm_keep_limit(100);
    ck_assert_uint_le(n, 100);
    struct rlimit rl;
    ck_assert_int_eq(getrlimit(RLIMIT_NOFILE, &rl), 0);
    /* what it promises leaves the spare files free */
    ck_assert(rl.rlim_cur == RLIM_INFINITY || n + MT_STATM_SPARE_FDS <= rl.rlim_cur);
}
END_TEST

Suite *statm_suite(void)
{
    Suite *s = suite_create("statm");
    TCase *tc = tcase_create("statm");
    tcase_set_timeout(tc, TEST_TIMEOUT_LIVE);   /* forks */
    tcase_add_loop_test(tc, parses_fixtures, 0, sizeof cases / sizeof cases[0]);
    tcase_add_test(tc, stops_at_length);
    tcase_add_test(tc, text_and_data);
    tcase_add_test(tc, kept_file_ends_with_process);
    tcase_add_test(tc, keep_limit);
    suite_add_tcase(s, tc);
    return s;
}
