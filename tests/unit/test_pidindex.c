/* test_pidindex.c - the PID hash shared by the sampler's cache and the
 * history: lookups, growth, PID reuse, and thousands of mixed
 * operations against a plain array. */
#include "config.h"

#include <stdlib.h>

#include "memtop/pidindex.h"
#include "suites.h"

START_TEST(test_put_find_remove)
{
    mt_pidindex ix;
    mt_pidindex_init(&ix);
    ck_assert_uint_eq(mt_pidindex_find(&ix, 1), MT_PIDINDEX_NONE);
    ck_assert_uint_eq(mt_pidindex_remove(&ix, 1), MT_PIDINDEX_NONE);
    mt_pidindex_put(&ix, 1, 10);
    mt_pidindex_put(&ix, 4194304, 11);  /* the largest pid_max */
    mt_pidindex_put(&ix, 300, 0);
    ck_assert_uint_eq(mt_pidindex_count(&ix), 3);
    ck_assert_uint_eq(mt_pidindex_find(&ix, 1), 10);
    ck_assert_uint_eq(mt_pidindex_find(&ix, 4194304), 11);
    ck_assert_uint_eq(mt_pidindex_find(&ix, 300), 0);
    ck_assert_uint_eq(mt_pidindex_find(&ix, 2), MT_PIDINDEX_NONE);
    ck_assert_uint_eq(mt_pidindex_remove(&ix, 1), 10);
    ck_assert_uint_eq(mt_pidindex_find(&ix, 1), MT_PIDINDEX_NONE);
    ck_assert_uint_eq(mt_pidindex_remove(&ix, 1), MT_PIDINDEX_NONE);
    ck_assert_uint_eq(mt_pidindex_count(&ix), 2);
    ck_assert_uint_eq(mt_pidindex_find(&ix, 300), 0);
    mt_pidindex_clear(&ix);
    ck_assert_uint_eq(mt_pidindex_count(&ix), 0);
    ck_assert_uint_eq(mt_pidindex_find(&ix, 300), MT_PIDINDEX_NONE);
    mt_pidindex_free(&ix);
}
END_TEST

/* A PID handed to a new process: put again overwrites, never adds. */
START_TEST(test_reuse)
{
    mt_pidindex ix;
    mt_pidindex_init(&ix);
    mt_pidindex_put(&ix, 77, 1);
    mt_pidindex_put(&ix, 77, 5);
    ck_assert_uint_eq(mt_pidindex_count(&ix), 1);
    ck_assert_uint_eq(mt_pidindex_find(&ix, 77), 5);
    ck_assert_uint_eq(mt_pidindex_remove(&ix, 77), 5);
    mt_pidindex_put(&ix, 77, 2);
    ck_assert_uint_eq(mt_pidindex_find(&ix, 77), 2);
    ck_assert_uint_eq(mt_pidindex_count(&ix), 1);
    mt_pidindex_free(&ix);
}
END_TEST

/* 100,000 PIDs (many resizes), all found after each doubling; then
 * every other one removed, and the size stays at most half full. */
START_TEST(test_growth)
{
    mt_pidindex ix;
    mt_pidindex_init(&ix);
    const uint32_t n = 100000;
    size_t size = 0, resizes = 0;
    for (uint32_t i = 0; i < n; i++) {
        mt_pidindex_put(&ix, (pid_t)(i * 7 + 1), i);
        if (mt_pidindex_size(&ix) != size) {
            size = mt_pidindex_size(&ix);
            resizes++;
            for (uint32_t k = 0; k <= i; k++)
                ck_assert_uint_eq(mt_pidindex_find(&ix, (pid_t)(k * 7 + 1)), k);
        }
        ck_assert_uint_le(mt_pidindex_count(&ix) * 2, mt_pidindex_size(&ix));
    }
    ck_assert_uint_ge(resizes, 10);
    for (uint32_t i = 0; i < n; i += 2)
        ck_assert_uint_eq(mt_pidindex_remove(&ix, (pid_t)(i * 7 + 1)), i);
    ck_assert_uint_eq(mt_pidindex_count(&ix), n / 2);
    for (uint32_t i = 0; i < n; i++)
        ck_assert_uint_eq(mt_pidindex_find(&ix, (pid_t)(i * 7 + 1)),
                          i % 2 ? i : MT_PIDINDEX_NONE);
    /* Removing makes no tombstones: the size does not grow with churn. */
    size = mt_pidindex_size(&ix);
    for (uint32_t r = 0; r < 10; r++)
        for (uint32_t i = 0; i < n; i += 2) {
            mt_pidindex_put(&ix, (pid_t)(1000000 + i), i);
            mt_pidindex_remove(&ix, (pid_t)(1000000 + i));
        }
    ck_assert_uint_eq(mt_pidindex_size(&ix), size);
    mt_pidindex_free(&ix);
}
END_TEST

/* Collisions on purpose: PIDs a multiple of the size apart share a
 * home, so removal has to shift clusters that wrap around the end. */
START_TEST(test_clusters_wrap)
{
    mt_pidindex ix;
    mt_pidindex_init(&ix);
    mt_pidindex_reserve(&ix, 8);
    size_t size = mt_pidindex_size(&ix);
    for (uint32_t i = 0; i < size / 2; i++)
        mt_pidindex_put(&ix, (pid_t)(1 + i * size), i);
    ck_assert_uint_eq(mt_pidindex_size(&ix), size);
    for (uint32_t i = 0; i < size / 2; i += 3) {
        ck_assert_uint_eq(mt_pidindex_remove(&ix, (pid_t)(1 + i * size)), i);
        for (uint32_t k = 0; k < size / 2; k++)
            ck_assert_uint_eq(mt_pidindex_find(&ix, (pid_t)(1 + k * size)),
                              k % 3 == 0 && k <= i ? MT_PIDINDEX_NONE : k);
    }
    mt_pidindex_free(&ix);
}
END_TEST

/* Thousands of mixed puts, removes and finds on a small PID range (so
 * PIDs come back, as they do), checked against a plain array. */
START_TEST(test_against_model)
{
    enum { RANGE = 3000, OPS = 200000 };
    static uint32_t model[RANGE];
    for (int i = 0; i < RANGE; i++)
        model[i] = MT_PIDINDEX_NONE;
    size_t live = 0;
    mt_pidindex ix;
    mt_pidindex_init(&ix);
    unsigned seed = 12345;
    for (uint32_t op = 0; op < OPS; op++) {
        pid_t pid = 1 + (pid_t)(rand_r(&seed) % RANGE);
        int what = rand_r(&seed) % 10;
        if (what < 4) {
            live += model[pid - 1] == MT_PIDINDEX_NONE;
            model[pid - 1] = op;
            mt_pidindex_put(&ix, pid, op);
        } else if (what < 7) {
            ck_assert_uint_eq(mt_pidindex_remove(&ix, pid), model[pid - 1]);
            live -= model[pid - 1] != MT_PIDINDEX_NONE;
            model[pid - 1] = MT_PIDINDEX_NONE;
        } else if (what < 9) {
            ck_assert_uint_eq(mt_pidindex_find(&ix, pid), model[pid - 1]);
        } else if (op % 50000 == 0) {
            mt_pidindex_clear(&ix);
            for (int i = 0; i < RANGE; i++)
                model[i] = MT_PIDINDEX_NONE;
            live = 0;
        }
        ck_assert_uint_eq(mt_pidindex_count(&ix), live);
    }
    for (pid_t pid = 1; pid <= RANGE; pid++)
        ck_assert_uint_eq(mt_pidindex_find(&ix, pid), model[pid - 1]);
    ck_assert_uint_le(mt_pidindex_size(&ix), 2 * 4096);
    mt_pidindex_free(&ix);
}
END_TEST

Suite *pidindex_suite(void)
{
    Suite *s = suite_create("pidindex");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, TEST_TIMEOUT_CPU);
    tcase_add_test(tc, test_put_find_remove);
    tcase_add_test(tc, test_reuse);
    tcase_add_test(tc, test_growth);
    tcase_add_test(tc, test_clusters_wrap);
    tcase_add_test(tc, test_against_model);
    suite_add_tcase(s, tc);
    return s;
}
