/* growth.c - slope, leak verdict, OOM ETA. */
#include "config.h"

#include <math.h>

#include "memtop/growth.h"

void mt_leak_params_default(mt_leak_params *p)
{
    p->min_samples = 12;
    p->min_span = 10.0;
    p->parts = 6;
    p->min_growth = 1024 * 1024;
    p->min_growth_pct = 1.0;
    p->min_tscore = 3.0;
}

bool mt_slope(const double *t, const double *v, size_t n, double *slope, double *tscore)
{
    if (n < 3)
        return false;
    /* Centre on the means first: unix times squared lose every digit
     * that matters in a double. */
    double mt = 0, mv = 0;
    for (size_t i = 0; i < n; i++) {
        mt += t[i];
        mv += v[i];
    }
    mt /= (double)n;
    mv /= (double)n;
    double sxx = 0, sxy = 0;
    for (size_t i = 0; i < n; i++) {
        double dt = t[i] - mt;
        sxx += dt * dt;
        sxy += dt * (v[i] - mv);
    }
    if (sxx <= 0)
        return false;
    double b = sxy / sxx;
    double ssr = 0;
    for (size_t i = 0; i < n; i++) {
        double r = v[i] - mv - b * (t[i] - mt);
        ssr += r * r;
    }
    double se = sqrt(ssr / (double)(n - 2) / sxx);
    *slope = b;
    /* A perfect line has no error: infinitely significant, unless flat.
     * Residuals below a byte are rounding, not noise. */
    if (se * sqrt(sxx) < 1e-6 * (fabs(mv) + 1))
        *tscore = b > 0 ? INFINITY : b < 0 ? -INFINITY : 0;
    else
        *tscore = b / se;
    return true;
}

/* Minimum of v[from, to). */
static double min_of(const double *v, size_t from, size_t to)
{
    double m = v[from];
    for (size_t i = from + 1; i < to; i++)
        if (v[i] < m)
            m = v[i];
    return m;
}

/* The lower median of v[from, to) without a copy or a sort: O(m^2),
 * but it only runs for the rare series whose floor already rises. */
static double median_of(const double *v, size_t from, size_t to)
{
    size_t m = to - from, rank = (m - 1) / 2;
    for (size_t i = from; i < to; i++) {
        size_t below = 0, equal = 0;
        for (size_t j = from; j < to; j++) {
            below += v[j] < v[i];
            equal += v[j] == v[i];
        }
        if (below <= rank && rank < below + equal)
            return v[i];
    }
    return v[from]; /* unreachable */
}

/* Rule 2: the minima of `parts` equal parts (by sample count) rise
 * strictly, and so do their medians.  The medians are memtop's addition
 * to SPEC's rule: with iid +-5 % noise on a large heap the minima alone
 * rise by chance about once in 600 runs of 150 samples; with the medians
 * about once in 8,000, while a leak riding on a sawtooth (whose middle
 * rises with its floor) is still caught.  A spike does not block it as a
 * rule on maxima would.  Sets *net to last minimum - first minimum. */
static bool floor_rises(const double *v, size_t n, unsigned parts, double *net)
{
    if (parts < 2 || n < parts)
        return false;
    double prev = 0, first = 0;
    bool rising = true;
    for (unsigned k = 0; k < parts; k++) {
        size_t from = n * k / parts, to = n * (k + 1) / parts;
        double m = min_of(v, from, to);
        if (k == 0)
            first = m;
        else if (m <= prev)
            rising = false;
        prev = m;
    }
    *net = prev - first;
    for (unsigned k = 0; rising && k < parts; k++) {
        size_t from = n * k / parts, to = n * (k + 1) / parts;
        double m = median_of(v, from, to);
        if (k > 0 && m <= prev)
            rising = false;
        prev = m;
    }
    return rising;
}

void mt_growth_judge(const double *t, const double *v, size_t n,
                     const mt_leak_params *p, mt_growth *out)
{
    out->known = mt_slope(t, v, n, &out->slope, &out->tscore);
    out->leak = false;
    out->floor_rises = false;
    out->net = 0;
    if (!out->known) {
        out->slope = NAN;
        out->tscore = NAN;
        return;
    }
    out->floor_rises = floor_rises(v, n, p->parts, &out->net);
    if (n < p->min_samples || t[n - 1] - t[0] < p->min_span || !out->floor_rises)
        return;
    double need = v[n - 1] * p->min_growth_pct / 100.0;
    if (need < (double)p->min_growth)
        need = (double)p->min_growth;
    out->leak = out->net >= need && out->slope > 0 && out->tscore >= p->min_tscore;
}

double mt_oom_eta(double slope, uint64_t headroom)
{
    if (!(slope > 0) || !isfinite(slope))
        return NAN;
    return (double)headroom / slope;
}
