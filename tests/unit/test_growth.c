/* test_growth.c - slope and leak verdict on synthetic series: every case
 * of SPEC section 3, then a randomized simulation of the same classes. */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "memtop/growth.h"
#include "suites.h"

#define MIB (1024.0 * 1024.0)
#define KIB 1024.0
#define N 150

/* A small deterministic generator, so failures reproduce. */
static uint64_t rng_state;
static void rng_seed(uint64_t s) { rng_state = s * 2654435761u + 1; }
static double rng_unit(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return (double)(rng_state >> 11) / 9007199254740992.0;
}
static double rng_range(double lo, double hi) { return lo + (hi - lo) * rng_unit(); }

/* Heap values are whole KiB in /proc/PID/status: quantize like it. */
static double kib(double bytes) { return floor(bytes / KIB) * KIB; }

enum shape { STEADY, STEP, SAWTOOTH, NOISE, SHRINK, LEAK, LEAK_SAWTOOTH, TINY };

struct series {
    double t[N], v[N];
};

static void make(struct series *s, enum shape shape, double rate)
{
    double base = rng_range(1, 64) * MIB;
    double t0 = 1764120000 + rng_range(0, 1000);
    int period = 3 + (int)(rng_unit() * 8);        /* 3..10 samples */
    int phase = (int)(rng_unit() * period);
    int step_at = (int)(rng_unit() * N);
    double amp = rng_range(0.2, 1.0) * base;
    for (int i = 0; i < N; i++) {
        double v = base;
        s->t[i] = t0 + i + rng_range(-0.02, 0.02);  /* refresh jitter */
        switch (shape) {
        case STEADY:        break;
        case STEP:          v += i >= step_at ? base : 0; break;
        case SAWTOOTH:      v += amp * ((i + phase) % period) / period; break;
        case NOISE:         v *= 1 + rng_range(-0.05, 0.05); break;
        case SHRINK:        v = 64 * MIB - 0.2 * MIB * i; break;
        case LEAK:          v += rate * i; break;
        case LEAK_SAWTOOTH: v += rate * i + amp * ((i + phase) % period) / period; break;
        case TINY:          v = 100 * KIB + 1 * KIB * i; break;
        }
        s->v[i] = kib(v);
    }
}

/* The sample number (1-based) at which the series is first flagged,
 * judging every prefix as memtop does at every refresh; 0 if never. */
static int first_flag(const struct series *s)
{
    mt_leak_params p;
    mt_leak_params_default(&p);
    for (int n = 1; n <= N; n++) {
        mt_growth g;
        mt_growth_judge(s->t, s->v, (size_t)n, &p, &g);
        if (g.leak)
            return n;
    }
    return 0;
}

START_TEST(slope_of_a_line)
{
    double t[] = { 0, 1, 2, 3, 4 }, v[] = { 5, 7, 9, 11, 13 }, slope, ts;
    ck_assert(mt_slope(t, v, 5, &slope, &ts));
    ck_assert_double_eq_tol(slope, 2.0, 1e-12);
    ck_assert(isinf(ts) && ts > 0);
    double w[] = { 5, 5, 5, 5, 5 };
    ck_assert(mt_slope(t, w, 5, &slope, &ts));
    ck_assert_double_eq_tol(slope, 0.0, 1e-12);
    ck_assert_double_eq(ts, 0.0);
    /* unix-time abscissae keep their precision */
    double big[] = { 1764120000.0, 1764120001.0, 1764120002.0 }, u[] = { 0, 10, 20 };
    ck_assert(mt_slope(big, u, 3, &slope, &ts));
    ck_assert_double_eq_tol(slope, 10.0, 1e-9);
    /* noisy: finite t */
    double nv[] = { 0, 3, 1, 4, 2 };
    ck_assert(mt_slope(t, nv, 5, &slope, &ts));
    ck_assert(isfinite(ts));
}
END_TEST

START_TEST(too_few_samples)
{
    double t[] = { 0, 1, 2 }, v[] = { 1, 2, 3 }, slope, ts;
    ck_assert(!mt_slope(t, v, 2, &slope, &ts));
    ck_assert(mt_slope(t, v, 3, &slope, &ts));
    double same[] = { 4, 4, 4 };
    ck_assert(!mt_slope(same, v, 3, &slope, &ts));   /* no time passed */

    mt_leak_params p;
    mt_leak_params_default(&p);
    struct series s;
    rng_seed(1);
    make(&s, LEAK, 1 * MIB);
    mt_growth g;
    mt_growth_judge(s.t, s.v, 2, &p, &g);
    ck_assert(!g.known && !g.leak && isnan(g.slope));
    mt_growth_judge(s.t, s.v, 11, &p, &g);
    ck_assert(g.known && !g.leak);                  /* rule 1: 12 samples */
    mt_growth_judge(s.t, s.v, 12, &p, &g);
    ck_assert(g.leak);
    ck_assert_double_eq_tol(g.slope, 1 * MIB, 0.02 * MIB);
}
END_TEST

START_TEST(min_span_respected)
{
    mt_leak_params p;
    mt_leak_params_default(&p);
    double t[20], v[20];
    for (int i = 0; i < 20; i++) {   /* 20 samples in 9.5 s: 0.5 s refresh */
        t[i] = i * 0.5;
        v[i] = 10 * MIB + i * 1 * MIB;
    }
    mt_growth g;
    mt_growth_judge(t, v, 20, &p, &g);
    ck_assert(!g.leak);
    t[19] = 10.0;
    mt_growth_judge(t, v, 20, &p, &g);
    ck_assert(g.leak);
}
END_TEST

/* One fixed example of each class: only the leaks are ever flagged. */
START_TEST(each_class_judged)
{
    struct series s;
    static const struct { enum shape shape; double rate; bool leak; int by; } cases[] = {
        { STEADY, 0, false, 0 },       { STEP, 0, false, 0 },
        { SAWTOOTH, 0, false, 0 },     { NOISE, 0, false, 0 },
        { SHRINK, 0, false, 0 },       { TINY, 0, false, 0 },
        { LEAK, 1 * MIB, true, 12 },   { LEAK, 100 * KIB, true, 14 },
        { LEAK, 256 * KIB, true, 12 }, { LEAK_SAWTOOTH, 0.5 * MIB, true, N },
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        rng_seed(100 + i);
        make(&s, cases[i].shape, cases[i].rate);
        int at = first_flag(&s);
        if (cases[i].leak)
            ck_assert_msg(at > 0 && at <= cases[i].by, "case %zu flagged at %d, want <= %d",
                          i, at, cases[i].by);
        else
            ck_assert_msg(at == 0, "case %zu (not a leak) flagged at sample %d", i, at);
    }
}
END_TEST

/* SPEC section 3: random-phase runs of 150 samples; no steady, step,
 * sawtooth or noise series flagged at any refresh, linear leaks of
 * 0.1-1 MiB/s flagged by the 12th/13th sample. */
START_TEST(simulation)
{
    const char *env = getenv("MEMTOP_SIM_RUNS");
    int runs = env ? atoi(env) : 3000;
    struct series s;
    static const enum shape quiet[] = { STEADY, STEP, SAWTOOTH, NOISE, SHRINK, TINY };
    int late = 0;
    for (int r = 0; r < runs; r++) {
        for (size_t k = 0; k < sizeof quiet / sizeof quiet[0]; k++) {
            rng_seed((uint64_t)r * 31 + k);
            make(&s, quiet[k], 0);
            int at = first_flag(&s);
            ck_assert_msg(at == 0, "run %d shape %zu falsely flagged at %d", r, k, at);
        }
        rng_seed((uint64_t)r * 31 + 17);
        double rate = rng_range(0.1, 1.0) * MIB;
        make(&s, LEAK, rate);
        int at = first_flag(&s);
        ck_assert_msg(at >= 12 && at <= 13, "run %d: leak of %.0f B/s flagged at %d", r,
                      rate, at);
        late += at > 12;
        rng_seed((uint64_t)r * 31 + 23);
        make(&s, LEAK_SAWTOOTH, rng_range(0.1, 1.0) * MIB);
        ck_assert_msg(first_flag(&s) > 0, "run %d: leak on a sawtooth never flagged", r);
    }
    /* only the slowest leaks, whose 10 s of growth sits on the 1 MiB
     * threshold, may need the 13th sample */
    ck_assert_int_le(late, runs / 50 + 1);
}
END_TEST

START_TEST(oom_eta)
{
    ck_assert_double_eq_tol(mt_oom_eta(1 * MIB, 60 * 1024 * 1024), 60.0, 1e-9);
    ck_assert(isnan(mt_oom_eta(0, 1000)));
    ck_assert(isnan(mt_oom_eta(-5, 1000)));
    ck_assert(isnan(mt_oom_eta(NAN, 1000)));
    ck_assert_double_eq(mt_oom_eta(10, 0), 0.0);
}
END_TEST

Suite *growth_suite(void)
{
    Suite *s = suite_create("growth");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, TEST_TIMEOUT_LIVE);   /* the simulation */
    tcase_add_test(tc, slope_of_a_line);
    tcase_add_test(tc, too_few_samples);
    tcase_add_test(tc, min_span_respected);
    tcase_add_test(tc, each_class_judged);
    tcase_add_test(tc, simulation);
    tcase_add_test(tc, oom_eta);
    suite_add_tcase(s, tc);
    return s;
}
