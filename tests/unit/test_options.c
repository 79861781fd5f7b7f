/* test_options.c - the command line: values, errors, exit classes. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "memtop/options.h"
#include "suites.h"

static char err[512];
static char outbuf[8192];

/* Parses "memtop" followed by the given arguments (up to the first NULL). */
static enum mt_parse_result parse_argv(mt_options *o, const char *const *args)
{
    char *argv[8] = { "memtop" };
    int argc = 1;
    while (argc < 7 && args[argc - 1])
        argv[argc] = (char *)args[argc - 1], argc++;
    argv[argc] = NULL;
    FILE *out = fmemopen(outbuf, sizeof outbuf, "w");
    mt_options_defaults(o);
    enum mt_parse_result r = mt_options_parse(o, argc, argv, out, err, sizeof err);
    fclose(out);
    return r;
}

#define parse(o, ...) parse_argv((o), (const char *const[]){ __VA_ARGS__, NULL })

START_TEST(defaults)
{
    mt_options o;
    ck_assert_int_eq(parse(&o, NULL, NULL, NULL), MT_PARSE_OK);
    ck_assert(o.delay == 2.0);
    ck_assert_int_eq(o.iterations, 0);
    ck_assert(!o.batch);
    ck_assert_int_eq(o.format, MT_FMT_TEXT);
    ck_assert_int_eq(o.sort, MT_SORT_GROWTH);
    ck_assert_uint_eq(o.analysis.history, 150);
    ck_assert(o.analysis.window == 0);
    ck_assert_uint_eq(o.analysis.leak.min_samples, 12);
    ck_assert_uint_eq(o.analysis.leak.parts, 6);
    ck_assert_uint_eq(o.analysis.leak.min_growth, 512 << 10);
    ck_assert(o.analysis.leak.leak_age == 180);
    mt_options_free(&o);
}

START_TEST(analysis_options)
{
    mt_options o;
    ck_assert_int_eq(parse(&o, "-H", "300", "--window=60", "--leak-min-growth=512K",
                           "--leak-tscore", "4.5"), MT_PARSE_OK);
    ck_assert_uint_eq(o.analysis.history, 300);
    ck_assert(o.analysis.window == 60);
    ck_assert_uint_eq(o.analysis.leak.min_growth, 512 * 1024);
    ck_assert(o.analysis.leak.min_tscore == 4.5);
    mt_options_free(&o);
    ck_assert_int_eq(parse(&o, "--leak-samples=20", "--leak-span=30", "--leak-parts=4",
                           "--leak-min-percent=2.5"), MT_PARSE_OK);
    ck_assert_uint_eq(o.analysis.leak.min_samples, 20);
    ck_assert(o.analysis.leak.min_span == 30);
    ck_assert_uint_eq(o.analysis.leak.parts, 4);
    ck_assert(o.analysis.leak.min_growth_pct == 2.5);
    mt_options_free(&o);
    ck_assert_int_eq(parse(&o, "--leak-age=30", "--growing-clear=20", "--leak-clear=60",
                           "--leak-decel=0.3"), MT_PARSE_OK);
    ck_assert(o.analysis.leak.leak_age == 30 && o.analysis.leak.growing_clear == 20);
    ck_assert(o.analysis.leak.leak_clear == 60 && o.analysis.leak.decel == 0.3);
    mt_options_free(&o);
    ck_assert_int_eq(parse(&o, "--leak-long-z=5", "--leak-phase-z=2", NULL, NULL),
                     MT_PARSE_OK);
    ck_assert(o.analysis.leak.long_z == 5 && o.analysis.leak.phase_z == 2);
    mt_options_free(&o);
    ck_assert_int_eq(parse(&o, "--leak-age=soon", NULL, NULL, NULL), MT_PARSE_USAGE);
}
END_TEST

START_TEST(sizes)
{
    uint64_t v;
    ck_assert_int_eq(mt_parse_size("x", "1048576", &v, err, sizeof err), 0);
    ck_assert_uint_eq(v, 1048576);
    ck_assert_int_eq(mt_parse_size("x", "1M", &v, err, sizeof err), 0);
    ck_assert_uint_eq(v, 1048576);
    ck_assert_int_eq(mt_parse_size("x", "1.5KiB", &v, err, sizeof err), 0);
    ck_assert_uint_eq(v, 1536);
    ck_assert_int_eq(mt_parse_size("x", "2G", &v, err, sizeof err), 0);
    ck_assert_uint_eq(v, 2ULL << 30);
    ck_assert_int_eq(mt_parse_size("x", "-1M", &v, err, sizeof err), -1);
    ck_assert_int_eq(mt_parse_size("x", "", &v, err, sizeof err), -1);
    ck_assert_int_eq(mt_parse_size("x", "1MM", &v, err, sizeof err), -1);
}
END_TEST
END_TEST

START_TEST(good_values)
{
    mt_options o;
    ck_assert_int_eq(parse(&o, "-bd0.5", "-n3", "-ojson"), MT_PARSE_OK);
    ck_assert(o.batch);
    ck_assert(o.delay == 0.5);
    ck_assert_int_eq(o.iterations, 3);
    ck_assert_int_eq(o.format, MT_FMT_JSON);
    mt_options_free(&o);

    ck_assert_int_eq(parse(&o, "--pid=1,22", "-p", "333"), MT_PARSE_OK);
    ck_assert_uint_eq(o.npids, 3);
    ck_assert_int_eq(o.pids[0], 1);
    ck_assert_int_eq(o.pids[1], 22);
    ck_assert_int_eq(o.pids[2], 333);
    mt_options_free(&o);

    ck_assert_int_eq(parse(&o, "-u", "root", "--sort=HEAP"), MT_PARSE_OK);
    ck_assert(o.by_uid);
    ck_assert_int_eq(o.uid, 0);
    ck_assert_int_eq(o.sort, MT_SORT_HEAP);
    ck_assert(!o.pss);
    mt_options_free(&o);

    ck_assert_int_eq(parse(&o, "--pss", NULL, NULL), MT_PARSE_OK);
    ck_assert(o.pss);
    mt_options_free(&o);
    ck_assert_int_eq(parse(&o, "-s", "pss", NULL), MT_PARSE_OK);
    ck_assert(o.pss);       /* sorting by PSS reads it */
    ck_assert_int_eq(o.sort, MT_SORT_PSS);
    mt_options_free(&o);

    ck_assert_int_eq(parse(&o, "-u", "65534", "-f", "nginx"), MT_PARSE_OK);
    ck_assert_int_eq(o.uid, 65534);
    ck_assert_str_eq(o.filter, "nginx");
    mt_options_free(&o);

    ck_assert_int_eq(parse(&o, "--output", "csv", "-d", "0.1"), MT_PARSE_OK);
    ck_assert_int_eq(o.format, MT_FMT_CSV);
    mt_options_free(&o);

    ck_assert_int_eq(parse(&o, "-oopenmetrics", "-w", "a.rec", "--replay=b.rec"), MT_PARSE_OK);
    ck_assert_int_eq(o.format, MT_FMT_OPENMETRICS);
    ck_assert_str_eq(o.record, "a.rec");
    ck_assert_str_eq(o.replay, "b.rec");
    ck_assert(!o.batch);
    mt_options_free(&o);

    ck_assert_int_eq(parse(&o, "--textfile", "/run/m.prom", "-r", "x"), MT_PARSE_OK);
    ck_assert_str_eq(o.textfile, "/run/m.prom");
    ck_assert(o.batch);                 /* --textfile implies -b */
    mt_options_free(&o);
}
END_TEST

struct bad { const char *a1, *a2, *msg; };

START_TEST(bad_values_are_usage_errors)
{
    static const struct bad cases[] = {
        { "-d", "abc", "-d abc: not a number of seconds" },
        { "-d", "-1", "-d -1: must be at least 0.1 seconds" },
        { "-d", "0.05", "-d 0.05: must be at least 0.1 seconds" },
        { "-d", "nan", "-d nan: not a number of seconds" },
        { "-d", "1,5", "-d 1,5: not a number of seconds" },
        { "-n", "x", "-n x: not a positive whole number" },
        { "-n", "0", "-n 0: not a positive whole number" },
        { "-n", "99999999999999999999", "-n 99999999999999999999: not a positive whole number" },
        { "-p", "0", "-p 0: '0' is not a PID (a whole number > 0)" },
        { "-p", "12,abc", "-p 12,abc: 'abc' is not a PID (a whole number > 0)" },
        { "-p", ",", "-p ,: no PID given" },
        { "-p", "", "-p: empty PID list" },
        { "-u", "nosuchuser", "-u nosuchuser: no such user" },
        { "-s", "nosuchkey", "-s nosuchkey: unknown sort key (use one of: pid user virt res shr swap heap growth pss oom command)" },
        { "-o", "xml", "-o xml: unknown format (use text, csv, json or openmetrics)" },
        { "-Z", NULL, "-Z: unknown option (see memtop --help)" },
        { "--bogus", NULL, "--bogus: unknown option (see memtop --help)" },
        { "-d", NULL, "-d: needs a value (see memtop --help)" },
        { "--delay", NULL, "--delay: needs a value (see memtop --help)" },
        { "extra", NULL, "extra: unexpected argument (see memtop --help)" },
        { "-w", "", "-w: empty file name" },
        { "--replay=", NULL, "-r: empty file name" },
        { "--textfile", "", "--textfile: empty file name" },
        { "-H", "2", "-H 2: must be a whole number from 3 to 100000" },
        { "-m1", "-oopenmetrics", "-m: a memory map has no OpenMetrics form (use text, csv or json)" },
        { "-m1", "-wrec", "-m with -w: recordings hold the process list, not maps" },
        { "-m1", "-rrec", "-m with -r: recordings hold no memory maps" },
        { "-m1", "--textfile=x.prom", "-m with --textfile: the exporter writes the process list" },
        { "-H", "lots", "-H lots: must be a whole number from 3 to 100000" },
        { "--window", "0", "--window 0: must be at least 1" },
        { "--window=abc", NULL, "--window abc: not a number" },
        { "--leak-parts", "1", "--leak-parts 1: must be a whole number from 2 to 100" },
        { "--leak-min-growth", "lots", "--leak-min-growth lots: not a size (e.g. 512K, 1M, 2G)" },
        { "--leak-min-growth", "5X", "--leak-min-growth 5X: not a size (e.g. 512K, 1M, 2G)" },
        { "--leak-min-percent", "101", "--leak-min-percent 101: must be at most 100" },
        { "--leak-tscore", "-1", "--leak-tscore -1: must be at least 0" },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        mt_options o;
        ck_assert_msg(parse(&o, cases[i].a1, cases[i].a2, NULL) == MT_PARSE_USAGE,
                      "case %zu accepted", i);
        ck_assert_str_eq(err, cases[i].msg);
        mt_options_free(&o);
    }
}
END_TEST

/* -m PID / --map=PID: a PID, as for -p. */
START_TEST(map_option)
{
    mt_options o;
    ck_assert_int_eq(parse(&o, "-b", NULL), MT_PARSE_OK);
    ck_assert_int_eq(o.map_pid, 0);
    ck_assert_int_eq(parse(&o, "-b", "-m", "1234"), MT_PARSE_OK);
    ck_assert_int_eq(o.map_pid, 1234);
    ck_assert_int_eq(parse(&o, "--map=2147483647"), MT_PARSE_OK);
    ck_assert_int_eq(o.map_pid, 2147483647);
    static const char *const bad[] = { "0", "-5", "abc", "12x", "", "2147483648" };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        ck_assert_int_eq(parse(&o, "-m", bad[i]), MT_PARSE_USAGE);
        ck_assert_msg(strstr(err, "not a PID") != NULL, "-m '%s': %s", bad[i], err);
    }
    ck_assert_int_eq(parse(&o, "-b", "-m"), MT_PARSE_USAGE);
    ck_assert_str_eq(err, "-m: needs a value (see memtop --help)");
}
END_TEST

START_TEST(help_and_version)
{
    mt_options o;
    ck_assert_int_eq(parse(&o, "--help", NULL, NULL), MT_PARSE_EXIT);
    ck_assert_ptr_nonnull(strstr(outbuf, "Usage: memtop"));
    /* every long option is documented in --help */
    const char *names[] = { "--batch", "--output", "--delay", "--iterations", "--pid",
                            "--user", "--filter", "--sort", "--reverse",
                            "--command-line", "--kernel-threads", "--no-color",
                            "--history", "--window", "--leak-samples", "--leak-span",
                            "--leak-parts", "--leak-min-growth", "--leak-min-percent",
                            "--leak-tscore", "--pss",
                            "--help", "--version" };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        ck_assert_msg(strstr(outbuf, names[i]) != NULL, "%s not in --help", names[i]);
    mt_options_free(&o);
    ck_assert_int_eq(parse(&o, "-V", NULL, NULL), MT_PARSE_EXIT);
    ck_assert_ptr_nonnull(strstr(outbuf, "memtop " PACKAGE_VERSION));
    mt_options_free(&o);
}
END_TEST

Suite *options_suite(void)
{
    Suite *s = suite_create("options");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, defaults);
    tcase_add_test(tc, good_values);
    tcase_add_test(tc, analysis_options);
    tcase_add_test(tc, sizes);
    tcase_add_test(tc, bad_values_are_usage_errors);
    tcase_add_test(tc, map_option);
    tcase_add_test(tc, help_and_version);
    suite_add_tcase(s, tc);
    return s;
}
