/* test_history.c - rings, identity, the exit ledger, cgroup limits and
 * the analysis that ties them together. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memtop/analysis.h"
#include "memtop/cgroup.h"
#include "memtop/history.h"
#include "memtop/ledger.h"
#include "suites.h"

#define MIB (1024ULL * 1024)

static mt_proc *add(mt_snapshot *s, pid_t pid, uint64_t start, uint64_t heap)
{
    mt_proc *p = mt_snapshot_add(s);
    p->raw.pid = pid;
    p->raw.ppid = 1;
    p->raw.start_ticks = start;
    p->raw.start = 1000.0 + (double)start;
    p->raw.state = 'S';
    p->raw.res = heap + MIB;
    p->raw.anon = heap;
    snprintf(p->raw.comm, sizeof p->raw.comm, "p%d", (int)pid);
    mt_sample_derive(&p->raw);
    return p;
}

struct gone_log { int n; pid_t pids[16]; uint64_t peak[16]; };

static void on_gone(void *ctx, const mt_track *t, double now)
{
    struct gone_log *g = ctx;
    (void)now;
    g->pids[g->n] = t->last.pid;
    g->peak[g->n++] = t->peak_res;
}

/* Records refreshes 0..n-1 of one process whose heap is i MiB. */
static size_t ring_after(unsigned cap, int n, double *t, double *v)
{
    mt_history *h = mt_history_new(cap);
    mt_snapshot s;
    mt_snapshot_init(&s);
    for (int i = 0; i < n; i++) {
        mt_snapshot_clear(&s);
        s.time = 100 + i;
        add(&s, 42, 7, (uint64_t)i * MIB);
        mt_history_record(h, &s, NULL, NULL);
    }
    size_t got = mt_history_series(h, &s.procs[0], 0, t, v);
    mt_snapshot_free(&s);
    mt_history_free(h);
    return got;
}

START_TEST(ring_capacity_and_wrap)
{
    double t[8], v[8];
    ck_assert_uint_eq(ring_after(1, 1, t, v), 1);
    ck_assert(v[0] == 0);
    ck_assert_uint_eq(ring_after(1, 5, t, v), 1);       /* capacity 1: newest only */
    ck_assert(v[0] == 4 * MIB && t[0] == 104);
    ck_assert_uint_eq(ring_after(8, 8, t, v), 8);       /* exactly full */
    ck_assert(v[0] == 0 && v[7] == 7 * MIB && t[0] == 100 && t[7] == 107);
    ck_assert_uint_eq(ring_after(8, 9, t, v), 8);       /* one past: oldest dropped */
    ck_assert(v[0] == 1 * MIB && v[7] == 8 * MIB && t[0] == 101 && t[7] == 108);
    ck_assert_uint_eq(ring_after(8, 21, t, v), 8);      /* many wraps, in order */
    for (int i = 0; i < 8; i++)
        ck_assert(v[i] == (13.0 + i) * MIB && t[i] == 113 + i);
}
END_TEST

START_TEST(identity_and_exits)
{
    mt_history *h = mt_history_new(10);
    mt_snapshot s;
    struct gone_log g = { 0 };
    double t[10], v[10];
    mt_snapshot_init(&s);
    for (int i = 0; i < 3; i++) {
        mt_snapshot_clear(&s);
        s.time = i;
        add(&s, 10, 1, 5 * MIB);
        add(&s, 11, 1, (uint64_t)(1 + i) * MIB);
        mt_history_record(h, &s, on_gone, &g);
    }
    ck_assert_int_eq(g.n, 0);
    ck_assert_uint_eq(mt_history_tracked(h), 2);
    ck_assert_uint_eq(mt_history_series(h, &s.procs[1], 0, t, v), 3);

    /* PID 10 reused by a newer process; PID 11 exits. */
    mt_snapshot_clear(&s);
    s.time = 3;
    add(&s, 10, 99, 1 * MIB);
    mt_history_record(h, &s, on_gone, &g);
    ck_assert_int_eq(g.n, 2);
    ck_assert(g.pids[0] == 10 || g.pids[1] == 10);
    ck_assert(g.pids[0] == 11 || g.pids[1] == 11);
    int i11 = g.pids[0] == 11 ? 0 : 1;
    ck_assert_uint_eq(g.peak[i11], 4 * MIB);            /* heap 3 MiB + 1 MiB */
    ck_assert_uint_eq(mt_history_tracked(h), 1);
    ck_assert_uint_eq(mt_history_series(h, &s.procs[0], 0, t, v), 1);  /* fresh */
    ck_assert(v[0] == 1 * MIB);

    /* the old identity is not found any more */
    mt_proc old = s.procs[0];
    old.raw.start_ticks = 1;
    ck_assert_ptr_null(mt_history_find(h, &old));
    mt_snapshot_free(&s);
    mt_history_free(h);
}
END_TEST

START_TEST(many_processes_and_churn)
{
    /* Enough PIDs to grow and rebuild the index, with half of them
     * replaced every refresh. */
    mt_history *h = mt_history_new(4);
    mt_snapshot s;
    mt_snapshot_init(&s);
    for (int r = 0; r < 6; r++) {
        mt_snapshot_clear(&s);
        s.time = r;
        for (int k = 0; k < 500; k++)
            add(&s, k % 2 ? 1000 + k : 5000 + k + 1000 * r, 1, MIB);
        mt_history_record(h, &s, NULL, NULL);
        ck_assert_uint_eq(mt_history_tracked(h), 500);
    }
    double t[4], v[4];
    ck_assert_uint_eq(mt_history_series(h, &s.procs[1], 0, t, v), 4);   /* steady one */
    ck_assert_uint_eq(mt_history_series(h, &s.procs[0], 0, t, v), 1);   /* new one */
    mt_snapshot_free(&s);
    mt_history_free(h);
}
END_TEST

static void count_gone(void *ctx, const mt_track *t, double now)
{
    (void)t, (void)now;
    (*(int *)ctx)++;
}

/* Exits move the last tracks into their places: the processes moved
 * are still found on the next refreshes, with their whole series. */
START_TEST(moved_tracks_stay_found)
{
    mt_history *h = mt_history_new(8);
    mt_snapshot s;
    mt_snapshot_init(&s);
    for (int r = 0; r < 5; r++) {
        mt_snapshot_clear(&s);
        s.time = r;
        /* refresh 0: PIDs 1..100; then 51..150 (1..50 exit once) */
        for (int pid = r ? 51 : 1; pid <= (r ? 150 : 100); pid++)
            add(&s, pid, 1, MIB);
        int gone = 0;
        mt_history_record(h, &s, count_gone, &gone);
        ck_assert_int_eq(gone, r == 1 ? 50 : 0);
        ck_assert_uint_eq(mt_history_tracked(h), 100);
        for (size_t k = 0; k < s.nprocs; k++) {
            double t[8], v[8];
            size_t want = s.procs[k].raw.pid <= 100 ? (size_t)r + 1 : (size_t)r;
            ck_assert_uint_eq(mt_history_series(h, &s.procs[k], 0, t, v), want);
        }
    }
    mt_snapshot_free(&s);
    mt_history_free(h);
}
END_TEST

START_TEST(window_and_unknown_values)
{
    mt_history *h = mt_history_new(20);
    mt_snapshot s;
    double t[20], v[20];
    mt_snapshot_init(&s);
    for (int i = 0; i < 10; i++) {
        mt_snapshot_clear(&s);
        s.time = 10 * i;
        mt_proc *p = add(&s, 5, 1, MIB);
        if (i == 9) {
            p->raw.swap = MT_NA;          /* unreadable this time */
            mt_sample_derive(&p->raw);
        }
        mt_history_record(h, &s, NULL, NULL);
    }
    ck_assert_uint_eq(mt_history_series(h, &s.procs[0], 0, t, v), 9);
    ck_assert_uint_eq(mt_history_series(h, &s.procs[0], 30, t, v), 3);  /* t=60,70,80 */
    ck_assert(t[0] == 60);
    ck_assert_double_eq_tol(mt_history_span(h), 90, 1e-9);
    mt_snapshot_free(&s);
    mt_history_free(h);
}
END_TEST

/* SPEC section 2: a day of history at any -d, in buckets keeping the
 * floor, within 4 KiB a process. */
START_TEST(levels_keep_a_day_of_floor)
{
    mt_history *h = mt_history_new(150);
    mt_snapshot s;
    mt_snapshot_init(&s);
    double t[150], v[150];
    /* 25 hours at -d 7: a sawtooth of 70 s over a floor of 1 GiB + 1
     * MiB per hour; one refresh missing for 20 minutes (a suspend). */
    double t0 = 1764000000; /* on a 10-minute boundary */
    for (double x = 0; x < 25 * 3600; x += 7) {
        if (x >= 10 * 3600 && x < 10 * 3600 + 1200)
            continue;
        mt_snapshot_clear(&s);
        s.time = t0 + x;
        double floor_mib = 1024 + x / 3600;
        add(&s, 7, 1, (uint64_t)((floor_mib + fmod(x, 70) / 7) * MIB));
        mt_history_record(h, &s, NULL, NULL);
    }
    ck_assert_uint_le(mt_history_bytes_per_process(h), 4096);
    size_t n2 = mt_history_levels(h, &s.procs[0], 2, -INFINITY, t, v);
    ck_assert_uint_eq(n2, 149 - 2);     /* complete, less the two lost */
    for (size_t i = 0; i < n2; i++) {
        /* 10-minute buckets: the minimum is the sawtooth's first
         * trough, within 70 s of the bucket's start */
        double want = (1024 + (t[i] - 300 - t0) / 3600) * MIB;
        ck_assert_msg(fabs(v[i] - want) <= 0.05 * MIB, "bucket %zu: %.0f vs %.0f",
                      i, v[i], want);
        ck_assert(i == 0 || t[i] > t[i - 1]);
    }
    ck_assert_double_eq_tol(t[n2 - 1], t0 + 25 * 3600 - 900, 1e-6); /* newest complete */
    size_t n0 = mt_history_levels(h, &s.procs[0], 0, -INFINITY, t, v);
    ck_assert_uint_ge(n0, 89 - 1);      /* 10-second buckets: -d 7 leaves some empty */
    ck_assert_uint_le(n0, 89);
    ck_assert(t[n0 - 1] - t[0] <= 900);
    size_t n1 = mt_history_levels(h, &s.procs[0], 1, t0 + 24 * 3600, t, v);
    ck_assert_uint_eq(n1, 59);          /* since: the last hour's complete minutes */
    /* and the full-rate ring keeps 150 samples */
    ck_assert_uint_eq(mt_history_series(h, &s.procs[0], 0, t, v), 150);
    ck_assert_int_eq(mt_history_levels(h, &s.procs[0], 3, 0, t, v), 0);
    mt_snapshot_free(&s);
    mt_history_free(h);
}
END_TEST

/* A process that lives under 10 s costs only its ring; one that lives
 * longer gets levels backfilled from the ring, its first bucket too. */
START_TEST(levels_once_a_bucket_is_lived)
{
    mt_history *h = mt_history_new(150);
    mt_snapshot s;
    mt_snapshot_init(&s);
    double t[90], v[90];
    for (int i = 0; i <= 25; i++) {
        mt_snapshot_clear(&s);
        s.time = 1764000000 + i;            /* on a 10 s boundary */
        add(&s, 9, 1, (uint64_t)(100 + i) * MIB);
        mt_history_record(h, &s, NULL, NULL);
        const mt_track *tr = mt_history_find(h, &s.procs[0]);
        ck_assert((tr->level[0] != NULL) == (i >= 10));
    }
    ck_assert_uint_eq(mt_history_levels(h, &s.procs[0], 0, -INFINITY, t, v), 2);
    ck_assert(v[0] == 100 * MIB && v[1] == 110 * MIB);   /* 0-10 s from the ring */
    ck_assert(t[0] == 1764000005 && t[1] == 1764000015);
    mt_snapshot_free(&s);
    mt_history_free(h);
}
END_TEST

/* Under a budget (a quarter of memtop's memory limit) the history
 * stops giving out levels once rings, tracks and levels reach it; the
 * others keep their full-rate ring, and exits make room again. */
START_TEST(levels_within_the_budget)
{
    mt_history *h = mt_history_new(150);
    size_t per = mt_history_bytes_per_process(h);
    size_t ring_only = per - MT_LEVEL_BYTES;
    /* 40 rings, tracks and the time ring, and levels for 10 */
    size_t budget = 150 * sizeof(double) + 40 * ring_only + 10 * MT_LEVEL_BYTES;
    mt_history_set_budget(h, budget);
    mt_snapshot s;
    mt_snapshot_init(&s);
    double t[150], v[150];
    for (int i = 0; i <= 20; i++) {
        mt_snapshot_clear(&s);
        s.time = 1764000000 + i;
        for (int k = 0; k < 40; k++)
            add(&s, 100 + k, 1, (uint64_t)(10 + i) * MIB);
        mt_history_record(h, &s, NULL, NULL);
        ck_assert_uint_le(mt_history_bytes(h), budget);
    }
    ck_assert_uint_eq(mt_history_with_levels(h), 10);
    size_t with = 0;
    for (int k = 0; k < 40; k++) {
        with += mt_history_levels(h, &s.procs[k], 0, -INFINITY, t, v) > 0;
        ck_assert_uint_eq(mt_history_series(h, &s.procs[k], 0, t, v), 21); /* every ring */
    }
    ck_assert_uint_eq(with, 10);
    /* 20 exit, those with levels among them: their room goes to the
     * others' levels at the next refresh */
    for (int i = 21; i <= 22; i++) {
        mt_snapshot_clear(&s);
        s.time = 1764000000 + i;
        for (int k = 20; k < 40; k++)
            add(&s, 100 + k, 1, 30 * MIB);
        mt_history_record(h, &s, NULL, NULL);
    }
    ck_assert_uint_eq(mt_history_with_levels(h), 20);
    ck_assert_uint_le(mt_history_bytes(h), budget);
    /* Without a budget every process that lived 10 s has levels. */
    mt_history_set_budget(h, SIZE_MAX);
    mt_snapshot_clear(&s);
    s.time = 1764000023;
    for (int k = 0; k < 40; k++)
        add(&s, 100 + k, 1, 30 * MIB);
    mt_history_record(h, &s, NULL, NULL);
    ck_assert_uint_eq(mt_history_with_levels(h), 20); /* 20 new ones: too young */
    mt_snapshot_free(&s);
    mt_history_free(h);
}
END_TEST

START_TEST(ledger_ring)
{
    mt_ledger *l = mt_ledger_new(3);
    mt_exit e;
    memset(&e, 0, sizeof e);
    for (int i = 1; i <= 5; i++) {
        e.proc.raw.pid = i;
        mt_ledger_add(l, &e);
    }
    ck_assert_uint_eq(mt_ledger_count(l), 3);
    ck_assert_int_eq(mt_ledger_get(l, 0)->proc.raw.pid, 5);
    ck_assert_int_eq(mt_ledger_get(l, 2)->proc.raw.pid, 3);
    ck_assert_ptr_null(mt_ledger_get(l, 3));
    mt_ledger_free(l);

    mt_track t;
    memset(&t, 0, sizeof t);
    t.last.start = 100;
    t.last.heap = 60 * MIB;
    t.peak_res = 64 * MIB;
    mt_exit_from_track(&e, &t, 160);
    ck_assert_double_eq(e.lifetime, 60);
    ck_assert_uint_eq(e.returned, 60 * MIB);
    ck_assert_uint_eq(e.peak_res, 64 * MIB);
}
END_TEST

START_TEST(cgroup_parsers)
{
    char path[256];
    uint64_t v;
    char *text = test_read_fixture("cgroup/proc_pid_cgroup_v2");
    ck_assert_ptr_nonnull(text);
    ck_assert_int_eq(mt_cgroup_parse_path(text, path, sizeof path), 0);
    ck_assert_str_eq(path, "/system.slice/leaky.service");
    free(text);
    text = test_read_fixture("cgroup/proc_pid_cgroup_v1");
    ck_assert_int_eq(mt_cgroup_parse_path(text, path, sizeof path), -1);
    free(text);
    ck_assert_int_eq(mt_cgroup_parse_path("0::/\n", path, sizeof path), 0);
    ck_assert_str_eq(path, "/");
    ck_assert_int_eq(mt_cgroup_parse_path("", path, sizeof path), -1);
    ck_assert_int_eq(mt_cgroup_parse_path("0::/abc", path, 3), -1);   /* too long */

    ck_assert_int_eq(mt_cgroup_parse_bytes("max\n", &v), 0);
    ck_assert_uint_eq(v, UINT64_MAX);
    ck_assert_int_eq(mt_cgroup_parse_bytes("536870912\n", &v), 0);
    ck_assert_uint_eq(v, 536870912);
    ck_assert_int_eq(mt_cgroup_parse_bytes("", &v), -1);
    ck_assert_int_eq(mt_cgroup_parse_bytes("12abc", &v), -1);
    ck_assert_int_eq(mt_cgroup_parse_bytes("maxi", &v), -1);
}
END_TEST

START_TEST(cgroup_headroom_walks_up)
{
    /* tests/data/cgroup: proc/123/cgroup names
     * /system.slice/leaky.service, limited to 512 MiB with 500 MiB used;
     * its parent system.slice allows 2 GiB with 1 GiB used. */
    const char *dir = getenv("TESTDATA") ? getenv("TESTDATA") : "tests/data";
    char proc[4096], cg[4096];
    snprintf(proc, sizeof proc, "%s/cgroup/proc", dir);
    snprintf(cg, sizeof cg, "%s/cgroup/sys", dir);
    uint64_t room;
    ck_assert_int_eq(mt_cgroup_headroom(proc, cg, 123, &room), 0);
    ck_assert_uint_eq(room, 12 * MIB);
    ck_assert_int_eq(mt_cgroup_headroom(proc, cg, 456, &room), -1);   /* no limit */
    ck_assert_int_eq(mt_cgroup_headroom(proc, cg, 789, &room), -1);   /* no such pid */
    /* hybrid: PID 125 is in v1 memory:/svc1 (300 MiB limit, 250 used,
     * memsw 400/260: the memory pair is tighter) with 30 MiB of page
     * cache (total_*_file, children included) that counts as free */
    ck_assert_int_eq(mt_cgroup_headroom(proc, cg, 125, &room), 0);
    ck_assert_uint_eq(room, 80 * MIB);
    /* PID 126 in svc1/child, unlimited itself: the parent is tighter */
    ck_assert_int_eq(mt_cgroup_headroom(proc, cg, 126, &room), 0);
    ck_assert_uint_eq(room, 80 * MIB);
    /* v2: PID 127's cache.service, 300 MiB max, 290 used, 100 MiB of
     * file pages, swap.max 0; its parent allows 1 GiB more */
    ck_assert_int_eq(mt_cgroup_headroom(proc, cg, 127, &room), 0);
    ck_assert_uint_eq(room, 110 * MIB);
}
END_TEST

START_TEST(cgroup_v1_parsers)
{
    char path[256];
    uint64_t v;
    ck_assert_int_eq(mt_cgroup_parse_v1_path("4:cpu,memory:/a/b\n0::/\n", path, sizeof path), 0);
    ck_assert_str_eq(path, "/a/b");
    ck_assert_int_eq(mt_cgroup_parse_v1_path("4:memoryx:/a\n3:memor:/b\n", path, sizeof path),
                     -1);
    ck_assert_int_eq(mt_cgroup_parse_v1_path("0::/\n", path, sizeof path), -1);
    ck_assert_int_eq(mt_cgroup_parse_v1_path("4:memory:/abc", path, 3), -1);   /* too long */
    char *text = test_read_fixture("cgroup/proc_pid_cgroup_v1");
    ck_assert_int_eq(mt_cgroup_parse_v1_path(text, path, sizeof path), 0);
    ck_assert_str_eq(path, "/user.slice");
    free(text);
    ck_assert_int_eq(mt_cgroup_parse_bytes("9223372036854771712\n", &v), 0);
    ck_assert_uint_eq(v, UINT64_MAX);                   /* v1's "unlimited" */
    ck_assert_int_eq(mt_cgroup_parse_file_pages("anon 5\nactive_file 3\ninactive_file 4\n",
                                                &v), 0);
    ck_assert_uint_eq(v, 7);
    ck_assert_int_eq(mt_cgroup_parse_file_pages("active_file 3\ntotal_active_file 10\n"
                                                "total_inactive_file 20\n", &v), 0);
    ck_assert_uint_eq(v, 30);                           /* v1: children included */
    ck_assert_int_eq(mt_cgroup_parse_file_pages("anon 5\n", &v), -1);
}
END_TEST

START_TEST(analysis_flags_a_leak_and_its_eta)
{
    mt_analysis_opts o;
    mt_analysis_opts_default(&o);
    o.cgroup_root = NULL;
    mt_analysis *a = mt_analysis_new(&o);
    mt_snapshot s;
    mt_snapshot_init(&s);
    int grew = -1, leaked = -1;
    for (int i = 0; i < 200; i++) {
        mt_snapshot_clear(&s);
        s.time = 1000 + i;
        s.sys.mem_available = 600 * MIB;
        s.sys.swap_free = 0;
        add(&s, 1, 1, 50 * MIB);                          /* steady */
        add(&s, 2, 1, 10 * MIB + (uint64_t)i * MIB);      /* 1 MiB/s */
        mt_proc *z = add(&s, 3, 1, 0);
        z->raw.state = i >= 5 ? 'Z' : 'S';
        if (i < 199)
            add(&s, 4, 1, 3 * MIB);                       /* exits at the end */
        mt_analysis_update(a, &s);
        mt_proc *leaker = &s.procs[1];
        if (leaker->notes.growing && grew < 0)
            grew = i;
        if (leaker->notes.leak && leaked < 0)
            leaked = i;
        ck_assert_msg(leaker->notes.growing == (grew >= 0) && leaker->notes.leak == (leaked >= 0),
                      "refresh %d: the verdict went back", i);
        ck_assert(leaker->notes.leak == (leaker->notes.verdict == MT_VERDICT_LEAK));
        ck_assert(!s.procs[0].notes.growing && !s.procs[2].notes.leak);
        ck_assert_int_eq(s.procs[0].notes.verdict, i < 11 ? MT_VERDICT_UNKNOWN : MT_VERDICT_STEADY);
        if (i == 20) {
            /* 10 s into the phase: 600 s is beyond 10x what was seen */
            ck_assert(isnan(leaker->notes.oom_eta));
            ck_assert(leaker->notes.oom_eta_low <= 600 && leaker->notes.oom_eta_high >= 600);
        }
    }
    ck_assert_msg(grew >= 11 && grew <= 12, "growing at refresh %d", grew);
    ck_assert_msg(leaked >= 180 && leaked <= 195, "leak at refresh %d", leaked);
    mt_proc *steady = &s.procs[0], *leaker = &s.procs[1], *zombie = &s.procs[2];
    ck_assert_double_eq_tol(steady->notes.growth, 0, 1e-6);
    ck_assert_double_eq_tol(leaker->notes.growth, 1.0 * MIB, 1);
    ck_assert_double_eq_tol(leaker->notes.growth_since, 1000, 2);
    ck_assert_double_eq_tol(leaker->notes.oom_eta, 600, 1e-3);
    ck_assert(leaker->notes.oom_eta_low <= leaker->notes.oom_eta && leaker->notes.oom_eta <= leaker->notes.oom_eta_high);
    ck_assert(!leaker->notes.oom_cgroup);
    ck_assert(isnan(steady->notes.oom_eta) && isnan(steady->notes.growth_since));
    ck_assert_double_eq_tol(zombie->notes.unreaped, 194, 1e-9);
    ck_assert(isnan(steady->notes.unreaped));
    ck_assert_uint_eq(s.totals.leaks, 1);
    ck_assert_uint_eq(s.totals.growing, 1);
    ck_assert_uint_eq(s.nexited, 1);
    ck_assert_int_eq(s.exited[0].proc.raw.pid, 4);
    ck_assert_uint_eq(s.exited[0].returned, 3 * MIB);
    ck_assert_uint_eq(mt_ledger_count(mt_analysis_ledger(a)), 1);
    ck_assert_uint_eq(leaker->notes.samples, 150);
    mt_snapshot_free(&s);
    mt_analysis_free(a);
}
END_TEST

Suite *history_suite(void)
{
    Suite *s = suite_create("history");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, ring_capacity_and_wrap);
    tcase_add_test(tc, identity_and_exits);
    tcase_add_test(tc, many_processes_and_churn);
    tcase_add_test(tc, moved_tracks_stay_found);
    tcase_add_test(tc, window_and_unknown_values);
    tcase_add_test(tc, levels_keep_a_day_of_floor);
    tcase_add_test(tc, levels_once_a_bucket_is_lived);
    tcase_add_test(tc, levels_within_the_budget);
    tcase_add_test(tc, ledger_ring);
    tcase_add_test(tc, cgroup_parsers);
    tcase_add_test(tc, cgroup_headroom_walks_up);
    tcase_add_test(tc, cgroup_v1_parsers);
    tcase_add_test(tc, analysis_flags_a_leak_and_its_eta);
    suite_add_tcase(s, tc);
    return s;
}
