/* test_growth.c - slope and leak verdict on synthetic series: every case
 * of SPEC section 3, then a randomized simulation of the same classes. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

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

/* Theil-Sen: one step among many points does not set the slope, a
 * least-squares fit would; its interval holds the truth. */
START_TEST(theil_sen_resists_a_step)
{
    double t[40], v[40], slope, lo, hi, ls, ts;
    for (int i = 0; i < 40; i++) {
        t[i] = 1764000000.0 + 10 * i;
        v[i] = 500 * MIB + 25 * KIB * 10 * i + (i >= 3 ? 450 * MIB : 0);
    }
    ck_assert(mt_theil_sen(t, v, 40, &slope, &lo, &hi));
    ck_assert_double_eq_tol(slope, 25 * KIB, 0.1 * 25 * KIB);
    ck_assert(lo <= 25 * KIB && 25 * KIB <= hi);
    ck_assert(mt_slope(t, v, 40, &ls, &ts));
    ck_assert(ls > 2 * 25 * KIB);                   /* least squares is fooled */
    ck_assert(!mt_theil_sen(t, v, 1, &slope, NULL, NULL));
    double same[3] = { 5, 5, 5 };
    ck_assert(!mt_theil_sen(same, v, 3, &slope, NULL, NULL));
}
END_TEST

START_TEST(mann_kendall_signs)
{
    double up[20], down[20], flat[20];
    for (int i = 0; i < 20; i++) {
        up[i] = i;
        down[i] = -i;
        flat[i] = i % 2;
    }
    ck_assert(mt_mann_kendall(up, 20) > 5);
    ck_assert(mt_mann_kendall(down, 20) < -5);
    ck_assert(fabs(mt_mann_kendall(flat, 20)) < 1);
    ck_assert(mt_mann_kendall(up, 2) == 0);
}
END_TEST

/* The state machine alone, at -d 1: a 1 MiB/s leak with a 20 s pause
 * keeps growing through the pause; once flat for good, growing clears
 * within 30 s. */
START_TEST(verdict_hysteresis)
{
    mt_leak_params p;
    mt_leak_params_default(&p);
    mt_verdict_state st;
    mt_verdict_state_init(&st);
    double t[N], v[N], lw[3] = { 10, 60, 600 };
    size_t n = 0;
    double heap = 64 * MIB, grew = NAN, cleared = NAN;
    for (int i = 0; i < 200; i++) {
        bool leaking = i < 40 || (i >= 60 && i < 100);     /* pause 40..59 */
        if (leaking)
            heap += MIB;
        if (n == N) {
            memmove(t, t + 1, (N - 1) * sizeof *t);
            memmove(v, v + 1, (N - 1) * sizeof *v);
            n--;
        }
        t[n] = 1764000000.0 + i;
        v[n++] = heap;
        mt_verdict_input in = { .now = 1764000000.0 + i, .recent = { t, v, n },
                                .level_width = lw };
        mt_verdict_out o;
        mt_verdict_step(&st, &in, &p, &o);
        bool growing = o.verdict == MT_VERDICT_GROWING || o.verdict == MT_VERDICT_LEAK;
        if (growing && isnan(grew))
            grew = i;
        if (!isnan(grew) && i < 100)
            ck_assert_msg(growing, "lost at %d s (verdict %d)", i, o.verdict);
        if (i >= 100 && !growing && isnan(cleared))
            cleared = i;
        if (i == 80) /* the phase's rate, its pause included: 60 MiB in 80 s */
            ck_assert_double_eq_tol(o.growth, 0.75 * MIB, 0.1 * MIB);
    }
    ck_assert_msg(grew <= 12, "growing at %g s", grew);
    ck_assert_msg(cleared - 100 <= 30, "cleared %g s after the plateau", cleared - 100);
    ck_assert_str_eq(mt_verdict_name(MT_VERDICT_LEAK), "leak");
    ck_assert_ptr_null(mt_verdict_name(MT_VERDICT_UNKNOWN));
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
    tcase_add_test(tc, theil_sen_resists_a_step);
    tcase_add_test(tc, mann_kendall_signs);
    tcase_add_test(tc, verdict_hysteresis);
    suite_add_tcase(s, tc);
    return s;
}
