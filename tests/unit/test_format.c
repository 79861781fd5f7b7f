/* test_format.c - human sizes, durations, locale-free decimals. */
#include "config.h"

#include <locale.h>
#include <string.h>

#include "memtop/format.h"
#include "memtop/snapshot.h"
#include "suites.h"

static const char *size(uint64_t b)
{
    static char buf[MT_SIZE_BUF];
    return mt_format_size(buf, sizeof buf, b);
}

START_TEST(human_sizes)
{
    ck_assert_str_eq(size(0), "0");
    ck_assert_str_eq(size(MT_NA), "-");
    ck_assert_str_eq(size(512), "512B");
    ck_assert_str_eq(size(1024), "1.0K");
    ck_assert_str_eq(size(1536), "1.5K");
    ck_assert_str_eq(size(10 * 1024), "10K");
    ck_assert_str_eq(size(9 * 1024 + 1000), "10K");   /* 9.98K rounds up */
    ck_assert_str_eq(size(123 * 1024 * 1024), "123M");
    ck_assert_str_eq(size(1023ULL * 1024 * 1024), "1023M");
    ck_assert_str_eq(size(1024ULL * 1024 * 1024 - 1), "1.0G"); /* never "1024M" */
    ck_assert_str_eq(size(3ULL << 40), "3.0T");
    ck_assert_str_eq(size(UINT64_MAX - 1), "16E");
}
END_TEST

START_TEST(sizes_fit_five_columns)
{
    for (uint64_t b = 1; b < (UINT64_MAX >> 1); b = b * 3 + 7)
        ck_assert_int_le((int)strlen(size(b)), 5);
}
END_TEST

START_TEST(durations)
{
    char buf[32];
    ck_assert_str_eq(mt_format_duration(buf, sizeof buf, 0), "0s");
    ck_assert_str_eq(mt_format_duration(buf, sizeof buf, 59.9), "59s");
    ck_assert_str_eq(mt_format_duration(buf, sizeof buf, 240), "4m");
    ck_assert_str_eq(mt_format_duration(buf, sizeof buf, 3 * 3600 + 12 * 60 + 5), "3h12m");
    ck_assert_str_eq(mt_format_duration(buf, sizeof buf, 4 * 86400 + 3 * 3600), "4d3h");
    ck_assert_str_eq(mt_format_duration(buf, sizeof buf, -1), "-");
    ck_assert_str_eq(mt_format_duration(buf, sizeof buf, 1.0 / 0.0), "-");
}
END_TEST

START_TEST(uptimes)
{
    char buf[48];
    ck_assert_str_eq(mt_format_uptime(buf, sizeof buf, 17 * 60 + 3), "17 min");
    ck_assert_str_eq(mt_format_uptime(buf, sizeof buf, 2 * 3600 + 60), " 2:01");
    ck_assert_str_eq(mt_format_uptime(buf, sizeof buf, 86400 + 3600), "1 day,  1:00");
    ck_assert_str_eq(mt_format_uptime(buf, sizeof buf, 3 * 86400 + 2 * 3600 + 60),
                     "3 days,  2:01");
}
END_TEST

START_TEST(fixed_point_ignores_locale)
{
    char buf[64];
    /* Even if some code set LC_NUMERIC to a comma locale, the output
     * keeps its point; the formatter never asks the locale. */
    setlocale(LC_NUMERIC, "de_DE.UTF-8");
    ck_assert_str_eq(mt_format_fixed(buf, sizeof buf, 1.5, 1), "1.5");
    ck_assert_str_eq(mt_format_fixed(buf, sizeof buf, 1764120000.1234, 3), "1764120000.123");
    ck_assert_str_eq(mt_format_fixed(buf, sizeof buf, -2.25, 1), "-2.3");
    ck_assert_str_eq(mt_format_fixed(buf, sizeof buf, -0.001, 2), "0.00");
    ck_assert_str_eq(mt_format_fixed(buf, sizeof buf, 7, 0), "7");
    ck_assert_str_eq(mt_format_fixed(buf, sizeof buf, 0.0 / 0.0, 2), "null");
    setlocale(LC_NUMERIC, "C");
}
END_TEST

Suite *format_suite(void)
{
    Suite *s = suite_create("format");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, human_sizes);
    tcase_add_test(tc, sizes_fit_five_columns);
    tcase_add_test(tc, durations);
    tcase_add_test(tc, uptimes);
    tcase_add_test(tc, fixed_point_ignores_locale);
    suite_add_tcase(s, tc);
    return s;
}
