/* test_engine.c - the engine over a synthetic source (no /proc): what
 * every attached sink receives through refresh, sort, filter and seeks
 * back and forth in a recording. */
#include "config.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memtop/engine.h"
#include "suites.h"

#define T0 1764120000.0
#define MIB (1024.0 * 1024.0)

/* A seekable source of nframes one second apart: pid 10 "leaker"
 * (HEAP 100 MiB + 1 MiB a second), pid 20 "steady" (200 MiB), pid 30
 * "other" (50 MiB, the largest RES). */
struct synth {
    size_t nframes, pos;
    unsigned closed;
};

static void add(mt_snapshot *s, pid_t pid, const char *comm, uint64_t res, uint64_t heap)
{
    mt_proc *p = mt_snapshot_add(s);
    p->raw.pid = pid;
    p->raw.ppid = 1;
    p->raw.state = 'S';
    p->raw.start_ticks = 100;
    p->raw.start = T0 - 1000;
    strcpy(p->raw.comm, comm);
    strcpy(p->raw.user, "root");
    p->raw.virt = res * 2;
    p->raw.res = res;
    p->raw.shr = res - heap < res ? res - heap : 0;
    p->raw.anon = heap;
    p->raw.file = p->raw.shr;
    p->raw.shmem = p->raw.swap = 0;
    p->raw.pss = p->raw.uss = MT_NA;
    p->raw.oom_score = p->raw.oom_adj = MT_NA_INT;
    mt_sample_derive(&p->raw);
    mt_snapshot_set_cmdline(s, p, comm);
}

static int synth_next(void *ctx, mt_snapshot *out)
{
    struct synth *y = ctx;
    if (y->pos >= y->nframes)
        return 0;
    mt_snapshot_clear(out);
    out->time = T0 + (double)y->pos;
    out->sys.mem_total = 16ull << 30;
    out->sys.mem_available = 8ull << 30;
    uint64_t leak = (uint64_t)((100 + y->pos) * MIB);
    add(out, 10, "leaker", leak + (uint64_t)(10 * MIB), leak);
    add(out, 20, "steady", (uint64_t)(210 * MIB), (uint64_t)(200 * MIB));
    add(out, 30, "other", (uint64_t)(900 * MIB), (uint64_t)(50 * MIB));
    mt_snapshot_seal(out);
    y->pos++;
    return 1;
}

static int synth_seek(void *ctx, size_t index)
{
    struct synth *y = ctx;
    if (index > y->nframes)
        return -1;
    y->pos = index;
    return 0;
}

static size_t synth_count(void *ctx) { return ((struct synth *)ctx)->nframes; }
static void synth_close(void *ctx) { ((struct synth *)ctx)->closed++; }

static const struct mt_source_ops synth_ops = {
    .next = synth_next, .seek = synth_seek, .count = synth_count, .close = synth_close,
};

/* A sink that keeps what it was given: per snapshot its time, the
 * view's PIDs in order and the leaker's growth. */
#define MAXGOT 64
struct capture {
    unsigned begins, ends, n;
    double time[MAXGOT];
    char pids[MAXGOT][32];
    double growth[MAXGOT];
    bool growing[MAXGOT];
    int fail_at;            /* snapshot number that fails with ENOSPC; -1 never */
};

static int cap_begin(mt_sink *s) { ((struct capture *)s->ctx)->begins++; return 0; }
static int cap_end(mt_sink *s) { ((struct capture *)s->ctx)->ends++; return 0; }

static int cap_snapshot(mt_sink *s, const mt_snapshot *snap, const mt_view *view)
{
    struct capture *c = s->ctx;
    if ((int)c->n == c->fail_at) {
        errno = ENOSPC;
        return -1;
    }
    ck_assert_uint_lt(c->n, MAXGOT);
    c->time[c->n] = snap->time;
    c->pids[c->n][0] = '\0';
    for (size_t i = 0; i < view->n; i++)
        sprintf(c->pids[c->n] + strlen(c->pids[c->n]), "%s%d", i ? "," : "",
                (int)view->rows[i]->raw.pid);
    const mt_proc *l = mt_snapshot_find(snap, 10);
    c->growth[c->n] = l ? l->notes.growth : NAN;
    c->growing[c->n] = l && l->notes.growing;
    c->n++;
    return 0;
}

static const struct mt_sink_ops capture_ops = {
    .name = "capture", .needs = MT_SINK_VIEW, .begin = cap_begin, .snapshot = cap_snapshot, .end = cap_end,
};

static struct synth y;

static mt_engine *engine_of(size_t nframes, mt_sink *sink, struct capture *c)
{
    memset(&y, 0, sizeof y);
    y.nframes = nframes;
    memset(c, 0, sizeof *c);
    c->fail_at = -1;
    mt_sink_init(sink, &capture_ops, NULL);
    sink->ctx = c;
    mt_analysis_opts ao;
    mt_analysis_opts_default(&ao);
    ao.history = 20;
    mt_engine *e = mt_engine_new(mt_source_new(&synth_ops, &y, false), &ao);
    ck_assert_int_eq(mt_engine_attach(e, sink), 0);
    return e;
}

START_TEST(refresh_feeds_every_sink)
{
    mt_sink sink, second;
    struct capture c, c2;
    mt_engine *e = engine_of(30, &sink, &c);
    memset(&c2, 0, sizeof c2);
    c2.fail_at = -1;
    mt_sink_init(&second, &capture_ops, NULL);
    second.ctx = &c2;
    ck_assert_int_eq(mt_engine_attach(e, &second), 0);
    ck_assert_int_eq(mt_engine_begin(e), 0);
    int r;
    while ((r = mt_engine_refresh(e)) == 1)
        ;
    ck_assert_int_eq(r, 0);                     /* the end of the recording */
    ck_assert_int_eq(mt_engine_end(e), 0);
    ck_assert_uint_eq(c.begins, 1);
    ck_assert_uint_eq(c.ends, 1);
    ck_assert_uint_eq(c.n, 30);
    ck_assert_uint_eq(c2.n, 30);
    for (unsigned i = 0; i < c.n; i++) {
        ck_assert_double_eq(c.time[i], T0 + i);
        ck_assert_double_eq(c2.time[i], c.time[i]);
    }
    /* Analysed before the sinks saw it: the leaker's growth, 1 MiB/s. */
    ck_assert(!isnan(c.growth[29]));
    ck_assert_double_eq_tol(c.growth[29], MIB, MIB / 100);
    ck_assert(c.growing[29]);
    ck_assert_uint_eq(mt_engine_frame(e), 29);
    mt_engine_free(e);
    ck_assert_uint_eq(y.closed, 1);             /* the engine owns its source */
}
END_TEST

START_TEST(sort_and_filter_reach_the_sinks)
{
    mt_sink sink;
    struct capture c;
    mt_engine *e = engine_of(5, &sink, &c);
    mt_engine_set_sort(e, MT_SORT_PID, false);
    ck_assert_int_eq(mt_engine_refresh(e), 1);
    ck_assert_str_eq(c.pids[0], "10,20,30");
    mt_engine_set_sort(e, MT_SORT_RES, false);
    ck_assert_int_eq(mt_engine_refresh(e), 1);
    ck_assert_str_eq(c.pids[1], "30,20,10");
    mt_filter f = { .text = "STEAD" };          /* case-insensitive */
    mt_engine_set_filter(e, &f);
    ck_assert_int_eq(mt_engine_refresh(e), 1);
    ck_assert_str_eq(c.pids[2], "20");
    /* The filter is kept by pointer: a change is seen at the next view. */
    f.text = "o";
    mt_engine_review(e);
    const mt_view *v = mt_engine_view(e);
    ck_assert_uint_eq(v->n, 1);
    ck_assert_int_eq(v->rows[0]->raw.pid, 30);
    /* Groups by name follow the same filter. */
    mt_groups *g = mt_engine_groups(e, MT_GROUP_NAME);
    ck_assert_uint_eq(mt_groups_snapshot(g)->nprocs, 1);
    mt_engine_set_filter(e, NULL);
    ck_assert_int_eq(mt_engine_refresh(e), 1);
    ck_assert_uint_eq(mt_groups_snapshot(g)->nprocs, 3);
    ck_assert_ptr_eq(mt_engine_groups_kept(e, MT_GROUP_NAME), g);
    ck_assert_ptr_null(mt_engine_groups_kept(e, MT_GROUP_CGROUP));
    mt_engine_free(e);
}
END_TEST

/* Seeking rebuilds the analysis from the frames before the one shown,
 * as far as the history reaches: the verdict at frame i is the same
 * whether it was reached by playing or by a jump. */
START_TEST(seek_back_and_forth)
{
    mt_sink sink;
    struct capture c;
    mt_engine *e = engine_of(40, &sink, &c);
    double played[40];
    for (int i = 0; i < 40; i++) {
        ck_assert_int_eq(mt_engine_refresh(e), 1);
        played[i] = mt_snapshot_find(mt_engine_snapshot(e), 10)->notes.growth;
    }
    ck_assert_int_eq(mt_engine_goto(e, 40), 0);  /* past the end */
    ck_assert_int_eq(mt_engine_goto(e, 25), 1);  /* back */
    ck_assert_uint_eq(mt_engine_frame(e), 25);
    ck_assert_double_eq(mt_engine_snapshot(e)->time, T0 + 25);
    ck_assert_double_eq(c.time[c.n - 1], T0 + 25);  /* the sinks saw it */
    /* History 20: frames 6..25 analysed, as when it was played. */
    ck_assert_double_eq_tol(mt_history_span(mt_analysis_history(mt_engine_analysis(e))),
                            19.0, 1e-9);
    ck_assert_double_eq_tol(mt_snapshot_find(mt_engine_snapshot(e), 10)->notes.growth,
                            played[25], 1e-6);
    unsigned before = c.n;
    ck_assert_int_eq(mt_engine_goto(e, 26), 1);  /* the next one: a step */
    ck_assert_uint_eq(c.n, before + 1);
    ck_assert_double_eq_tol(mt_snapshot_find(mt_engine_snapshot(e), 10)->notes.growth,
                            played[26], 1e-6);
    ck_assert_int_eq(mt_engine_goto(e, 3), 1);   /* near the start: frames 0..3 */
    ck_assert_double_eq_tol(mt_history_span(mt_analysis_history(mt_engine_analysis(e))),
                            3.0, 1e-9);
    ck_assert_double_eq_tol(mt_snapshot_find(mt_engine_snapshot(e), 10)->notes.growth,
                            played[3], 1e-6);
    ck_assert_int_eq(mt_engine_goto(e, 39), 1);  /* forward, far */
    ck_assert_double_eq(c.time[c.n - 1], T0 + 39);
    mt_engine_free(e);
}
END_TEST

START_TEST(a_failed_sink_stops_the_round)
{
    mt_sink sink;
    struct capture c;
    mt_engine *e = engine_of(5, &sink, &c);
    c.fail_at = 2;
    ck_assert_int_eq(mt_engine_refresh(e), 1);
    ck_assert_int_eq(mt_engine_refresh(e), 1);
    errno = 0;
    ck_assert_int_eq(mt_engine_refresh(e), -2);
    ck_assert_ptr_eq(mt_engine_failed_sink(e), &sink);
    ck_assert_int_eq(mt_engine_failed_errno(e), ENOSPC);
    mt_engine_detach(e, &sink);                 /* the view goes on without it */
    ck_assert_int_eq(mt_engine_refresh(e), 1);
    ck_assert_uint_eq(c.n, 2);
    mt_engine_free(e);
}
END_TEST

/* A source without seek (live /proc) refuses a jump. */
START_TEST(live_sources_do_not_seek)
{
    static const struct mt_source_ops no_seek = { .next = synth_next, .close = synth_close };
    memset(&y, 0, sizeof y);
    y.nframes = 3;
    mt_analysis_opts ao;
    mt_analysis_opts_default(&ao);
    mt_engine *e = mt_engine_new(mt_source_new(&no_seek, &y, true), &ao);
    ck_assert_int_eq(mt_engine_refresh(e), 1);
    ck_assert_int_eq(mt_engine_goto(e, 0), -1);
    ck_assert(mt_source_live_p(mt_engine_source(e)));
    ck_assert_uint_eq(mt_source_count(mt_engine_source(e)), 0);
    mt_engine_free(e);
}
END_TEST

/* A sink that reads the raw snapshot only, as the recorder does. */
static int raw_snapshot(mt_sink *s, const mt_snapshot *snap, const mt_view *view)
{
    struct capture *c = s->ctx;
    sprintf(c->pids[c->n], "%zu rows", view->n);
    c->time[c->n++] = snap->time;
    return 0;
}

static const struct mt_sink_ops raw_ops = { .name = "raw", .snapshot = raw_snapshot };

/* The view and GROWS-IN are built only while the front end or an
 * attached sink reads them (a live source: GROWS-IN is live only). */
START_TEST(only_the_work_somebody_needs)
{
    memset(&y, 0, sizeof y);
    y.nframes = 12;
    mt_analysis_opts ao;
    mt_analysis_opts_default(&ao);
    mt_engine *e = mt_engine_new(mt_source_new(&synth_ops, &y, true), &ao);
    mt_sink raw, viewer;
    struct capture c, cv;
    memset(&c, 0, sizeof c);
    memset(&cv, 0, sizeof cv);
    cv.fail_at = -1;
    mt_sink_init(&raw, &raw_ops, NULL);
    raw.ctx = &c;
    mt_sink_init(&viewer, &capture_ops, NULL);
    viewer.ctx = &cv;
    ck_assert_int_eq(mt_engine_attach(e, &raw), 0);
    const mt_engine_work *w = mt_engine_work_done(e);
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(mt_engine_refresh(e), 1);
    ck_assert_uint_eq(c.n, 3);
    ck_assert_str_eq(c.pids[2], "0 rows");      /* no view was built for it */
    ck_assert_uint_eq(w->views, 0);
    ck_assert_uint_eq(w->growsin, 0);
    /* A table writer (text): the view, still no GROWS-IN. */
    ck_assert_int_eq(mt_engine_attach(e, &viewer), 0);
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(mt_engine_refresh(e), 1);
    ck_assert_uint_eq(w->views, 3);
    ck_assert_uint_eq(w->growsin, 0);
    ck_assert_str_eq(cv.pids[2], "10,30,20");   /* growth first, then RES */
    /* The interactive view shows GROWS-IN. */
    mt_engine_detach(e, &viewer);
    mt_engine_need(e, MT_SINK_GROWSIN);
    for (int i = 0; i < 3; i++)
        ck_assert_int_eq(mt_engine_refresh(e), 1);
    ck_assert_uint_eq(w->views, 3);
    ck_assert_uint_eq(w->growsin, 3);
    ck_assert_uint_eq(c.n, 9);
    mt_engine_free(e);
}
END_TEST

/* A live source's cgroup limits: pid 10 has 60 MiB of room left once
 * it is judged growing; the others none. */
static unsigned limit_calls;
static void synth_limits(void *ctx, mt_snapshot *s)
{
    (void)ctx;
    limit_calls++;
    for (size_t i = 0; i < s->nprocs; i++)
        if (s->procs[i].raw.pid == 10 && s->procs[i].notes.growing)
            s->procs[i].notes.cg_room = (uint64_t)(60 * MIB);
}

/* OOM-IN comes from the numbers the source put in the snapshot, read
 * after the verdicts (only the growing need them); the analysis itself
 * reads no file, so a source without limits leaves the system's room. */
START_TEST(cgroup_room_comes_from_the_source)
{
    static const struct mt_source_ops with_limits = {
        .next = synth_next, .limits = synth_limits, .close = synth_close,
    };
    memset(&y, 0, sizeof y);
    y.nframes = 30;
    limit_calls = 0;
    mt_analysis_opts ao;
    mt_analysis_opts_default(&ao);
    ao.history = 20;
    ao.proc_root = ao.cgroup_root = "/nonexistent";  /* never opened */
    mt_engine *e = mt_engine_new(mt_source_new(&with_limits, &y, true), &ao);
    for (int i = 0; i < 30; i++)
        ck_assert_int_eq(mt_engine_refresh(e), 1);
    ck_assert_uint_eq(limit_calls, 30);
    const mt_proc *l = mt_snapshot_find(mt_engine_snapshot(e), 10);
    ck_assert(l->notes.growing);
    ck_assert(l->notes.oom_cgroup);
    /* 60 MiB at 1 MiB/s */
    ck_assert_double_eq_tol(l->notes.oom_eta, 60, 1);
    mt_engine_free(e);

    /* The same frames from a source without limits (a recording). */
    memset(&y, 0, sizeof y);
    y.nframes = 30;
    e = mt_engine_new(mt_source_new(&synth_ops, &y, false), &ao);
    for (int i = 0; i < 30; i++)
        ck_assert_int_eq(mt_engine_refresh(e), 1);
    l = mt_snapshot_find(mt_engine_snapshot(e), 10);
    ck_assert(l->notes.growing);
    ck_assert(!l->notes.oom_cgroup);
    ck_assert_uint_eq(l->notes.cg_room, MT_NA);
    ck_assert(isnan(l->notes.oom_eta) || l->notes.oom_eta > 60 * 60);   /* 8 GiB of room */
    mt_engine_free(e);
}
END_TEST

Suite *engine_suite(void)
{
    Suite *s = suite_create("engine");
    TCase *tc = tcase_create("synthetic");
    tcase_set_timeout(tc, TEST_TIMEOUT_CPU);
    tcase_add_test(tc, refresh_feeds_every_sink);
    tcase_add_test(tc, sort_and_filter_reach_the_sinks);
    tcase_add_test(tc, seek_back_and_forth);
    tcase_add_test(tc, a_failed_sink_stops_the_round);
    tcase_add_test(tc, live_sources_do_not_seek);
    tcase_add_test(tc, only_the_work_somebody_needs);
    tcase_add_test(tc, cgroup_room_comes_from_the_source);
    suite_add_tcase(s, tc);
    return s;
}
