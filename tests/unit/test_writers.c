/* test_writers.c - text, CSV and JSON sinks against golden files in
 * tests/data, from a synthetic snapshot with hostile strings. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "memtop/mapview.h"
#include "memtop/sink.h"
#include "memtop/smaps.h"
#include "suites.h"

static void make_snapshot(mt_snapshot *s)
{
    mt_snapshot_init(s);
    s->time = 1764120000.25;
    mt_system *y = &s->sys;
    strcpy(y->hostname, "web-1");
    y->uptime = 3 * 86400 + 2 * 3600 + 60;
    y->boot_time = 1764120000 - y->uptime;
    y->mem_total = 8ULL << 30;
    y->mem_free = 1ULL << 30;
    y->mem_available = 5ULL << 30;
    y->mem_anon = 3ULL << 30;
    y->mem_file = 2ULL << 30;
    y->mem_shmem = 512ULL << 20;
    y->mem_kernel = (7ULL << 30) - y->mem_anon - y->mem_file - y->mem_shmem;
    y->swap_total = 2ULL << 30;
    y->swap_free = 1ULL << 30;
    y->tasks = 3;
    y->zombies = 1;

    mt_proc *p = mt_snapshot_add(s);
    p->raw.pid = 4242; p->raw.ppid = 1; p->raw.uid = 33; p->raw.state = 'S'; p->raw.threads = 4;
    p->raw.start_ticks = 1000; p->raw.start = 1764000000.5;
    strcpy(p->raw.user, "www-data");
    strcpy(p->raw.comm, "nginx");
    mt_snapshot_set_cmdline(s, p, "nginx: worker process, \"main\"");
    p->raw.virt = 200 << 20; p->raw.res = 64 << 20; p->raw.shr = 8 << 20;
    p->raw.anon = 56 << 20; p->raw.file = 6 << 20; p->raw.shmem = 2 << 20; p->raw.swap = 1 << 20;
    mt_sample_derive(&p->raw);
    p->raw.pss = 40 << 20; p->raw.uss = 36 << 20;      /* --pss; the others have none */
    p->raw.oom_score = 1000; p->raw.oom_adj = 500;     /* the others: unread */
    p->notes.samples = 40;
    p->notes.growth = 1048576.0;           /* 1 MiB/s: 60M a minute */
    p->notes.growing = p->notes.leak = true;
    p->notes.verdict = MT_VERDICT_LEAK;
    p->notes.growth_since = 1764119000.25;
    p->notes.growth_class = 1 + MT_RC_HEAP;  /* GROWS-IN: it grows in [heap] */
    p->notes.oom_eta = 3 * 3600 + 12 * 60;
    p->notes.oom_eta_low = 3 * 3600;
    p->notes.oom_eta_high = 3 * 3600 + 30 * 60;
    p->notes.oom_cgroup = true;
    s->totals.growing = s->totals.leaks = 1;
    s->totals.history_span = 39;

    p = mt_snapshot_add(s);
    p->raw.pid = 7; p->raw.ppid = 4242; p->raw.uid = 1000; p->raw.state = 'Z';
    strcpy(p->raw.user, "averyveryverylongname");
    strcpy(p->raw.comm, "\x1b]0;evil\x07\xe2\x82");   /* OSC title + cut UTF-8 */
    mt_snapshot_set_cmdline(s, p, "evil\n\t\x9b" "2J");
    p->raw.virt = p->raw.res = p->raw.shr = 0;
    p->raw.anon = p->raw.file = p->raw.shmem = 0;
    p->raw.swap = MT_NA;                            /* unreadable */
    mt_sample_derive(&p->raw);
    p->notes.unreaped = 125;

    p = mt_snapshot_add(s);                     /* a shrinking one */
    p->raw.pid = 99; p->raw.ppid = 1; p->raw.uid = 0; p->raw.state = 'S';
    strcpy(p->raw.user, "root");
    strcpy(p->raw.comm, "java");
    p->raw.virt = 3ULL << 30; p->raw.res = 1ULL << 30; p->raw.shr = 10 << 20;
    p->raw.anon = 1000 << 20; p->raw.file = 10 << 20; p->raw.swap = 0;
    mt_sample_derive(&p->raw);
    p->notes.samples = 40;
    p->notes.growth = -2048.0;
    p->notes.verdict = MT_VERDICT_SHRINKING;

    mt_exit e;
    memset(&e, 0, sizeof e);
    e.proc.raw.pid = 31337; e.proc.raw.ppid = 4242; e.proc.raw.start = 1764119000;
    strcpy(e.proc.raw.user, "www-data");
    strcpy(e.proc.raw.comm, "worker\x1b[31m");
    e.proc.raw.res = 30 << 20; e.proc.raw.heap = 20 << 20;
    e.exit_time = 1764120000.25; e.lifetime = 1000.25;
    e.peak_res = 40 << 20; e.returned = 20 << 20;
    mt_snapshot_add_exit(s, &e);
    mt_snapshot_seal(s);
}

/* The synthetic snapshot through one sink, sorted by key, refreshes
 * times; returns the bytes written. */
static char *render_with(const struct mt_sink_ops *ops, bool utf8, int refreshes,
                         enum mt_sort_key key, bool pss)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    mt_snapshot s;
    mt_view v;
    mt_sink sink;
    make_snapshot(&s);
    mt_view_init(&v);
    mt_view_build(&v, &s, NULL, key, false);
    mt_sink_init(&sink, ops, f);
    sink.utf8 = utf8;
    sink.pss = pss;
    ck_assert_int_eq(mt_sink_begin(&sink), 0);
    for (int i = 0; i < refreshes; i++)
        ck_assert_int_eq(mt_sink_snapshot(&sink, &s, &v), 0);
    ck_assert_int_eq(mt_sink_end(&sink), 0);
    fclose(f);
    mt_view_free(&v);
    mt_snapshot_free(&s);
    return buf;
}

static char *render(const struct mt_sink_ops *ops, bool utf8, int refreshes)
{
    return render_with(ops, utf8, refreshes, MT_SORT_GROWTH, false);
}

static void check_golden(const char *got, const char *fixture)
{
    char *want = test_read_fixture(fixture);
    ck_assert_ptr_nonnull(want);
    if (getenv("MEMTOP_WRITE_GOLDEN")) {
        FILE *f = fopen(fixture, "w");
        fputs(got, f);
        fclose(f);
    }
    ck_assert_str_eq(got, want);
    free(want);
}

START_TEST(csv_golden)
{
    char *out = render(&mt_out_csv, true, 2);
    check_golden(out, "writers.csv");
    free(out);
}
END_TEST

START_TEST(json_golden)
{
    char *out = render(&mt_out_json, true, 1);
    check_golden(out, "writers.json");
    free(out);
}
END_TEST

START_TEST(text_golden)
{
    setenv("TZ", "UTC", 1);
    tzset();
    char *out = render(&mt_out_text, true, 2);
    check_golden(out, "writers.txt");
    /* nothing that could drive a terminal */
    for (const char *c = out; *c; c++)
        ck_assert_msg(*c == '\n' || ((unsigned char)*c >= 0x20 && *c != 0x7f),
                      "control byte 0x%02x in text output", (unsigned char)*c);
    free(out);
    out = render(&mt_out_text, false, 1);
    for (const char *c = out; *c; c++)
        ck_assert_msg((unsigned char)*c < 0x80, "non-ASCII byte in ASCII text output");
    free(out);
}
END_TEST

START_TEST(openmetrics_golden)
{
    char *out = render(&mt_out_openmetrics, true, 1);
    check_golden(out, "writers.om");
    /* one exposition ending in # EOF; no raw control byte but newlines */
    size_t n = strlen(out);
    ck_assert(n > 6 && strcmp(out + n - 6, "# EOF\n") == 0);
    ck_assert_ptr_eq(strstr(out, "# EOF"), out + n - 6);
    for (const char *c = out; *c; c++)
        ck_assert_msg(*c == '\n' || ((unsigned char)*c >= 0x20 && *c != 0x7f),
                      "control byte 0x%02x in OpenMetrics output", (unsigned char)*c);
    /* unknown growth (the zombie) has no sample at all */
    ck_assert_ptr_null(strstr(out, "memtop_process_heap_growth_bytes_per_second{pid=\"7\""));
    free(out);
}
END_TEST

/* --pss adds two columns; processes without the numbers show "-". */
START_TEST(text_pss_columns)
{
    char *buf = render_with(&mt_out_text, true, 1, MT_SORT_PSS, true);
    /* the one with a PSS sorts first */
    ck_assert_ptr_nonnull(strstr(buf, "\n   4242 "));
    ck_assert(strstr(buf, "\n   4242 ") < strstr(buf, "\n     99 "));
    ck_assert_ptr_nonnull(strstr(buf, "   HEAP    PSS    USS GROWTH/m"));
    ck_assert_ptr_nonnull(strstr(buf, "    57M    40M    36M "));
    ck_assert_ptr_nonnull(strstr(buf, "  1000M      -      - "));
    free(buf);
}
END_TEST

START_TEST(write_errors_reported)
{
    FILE *f = fopen("/dev/full", "w");
    if (!f)
        return; /* no /dev/full in this sandbox: nothing to test */
    mt_snapshot s;
    mt_view v;
    mt_sink sink;
    make_snapshot(&s);
    mt_view_init(&v);
    mt_view_build(&v, &s, NULL, MT_SORT_RES, false);
    mt_sink_init(&sink, &mt_out_json, f);
    ck_assert_int_eq(mt_sink_snapshot(&sink, &s, &v), -1);
    fclose(f);
    mt_view_free(&v);
    mt_snapshot_free(&s);
}
END_TEST

Suite *writers_suite(void)
{
    Suite *s = suite_create("writers");
    TCase *tc = tcase_create("golden");
    tcase_add_test(tc, csv_golden);
    tcase_add_test(tc, json_golden);
    tcase_add_test(tc, text_golden);
    tcase_add_test(tc, openmetrics_golden);
    tcase_add_test(tc, text_pss_columns);
    tcase_add_test(tc, write_errors_reported);
    suite_add_tcase(s, tc);
    return s;
}
