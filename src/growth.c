/* growth.c - slope, leak verdict, OOM ETA. */
#include "config.h"

#include <math.h>
#include <stdlib.h>

#include "memtop/growth.h"

void mt_leak_params_default(mt_leak_params *p)
{
    p->min_samples = 12;
    p->min_span = 10.0;
    p->parts = 6;
    p->min_growth = 512 * 1024;
    p->min_growth_pct = 0.25;
    p->min_tscore = 3.0;
    p->leak_age = 180;
    p->growing_clear = 25;
    p->leak_clear = 110;
    p->decel = 0.5;
    p->long_z = 4;
    p->phase_z = 3;
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
 * strictly, no one rise from a part to the next making more than half
 * of the whole, and so do their medians.  The medians are memtop's
 * addition to SPEC's rule: with iid +-5 % noise on a large heap the minima alone
 * rise by chance about once in 600 runs of 150 samples; with the medians
 * about once in 8,000, while a leak riding on a sawtooth (whose middle
 * rises with its floor) is still caught.  A spike does not block it as a
 * rule on maxima would.  Sets *net to last minimum - first minimum. */
static bool floor_moves(const double *v, size_t n, unsigned parts, int sign, double *net)
{
    *net = 0;
    if (parts < 2 || n < parts)
        return false;
    double prev = 0, first = 0, jump = 0;
    for (unsigned k = 0; k < parts; k++) {
        size_t from = n * k / parts, to = n * (k + 1) / parts;
        double m = min_of(v, from, to);
        if (k == 0)
            first = m;
        else if (sign * (m - prev) <= 0)
            return false;
        else if (sign * (m - prev) > jump)
            jump = sign * (m - prev);
        prev = m;
    }
    *net = sign * (prev - first);
    /* one step is not a trend: a single allocation (or free) seen with
     * a little noise either side would otherwise rise "strictly" (with
     * three parts, one of the two rises is always half) */
    if (jump > (parts > 3 ? 0.5 : 0.67) * *net)
        return false;
    for (unsigned k = 0; k < parts; k++) {
        size_t from = n * k / parts, to = n * (k + 1) / parts;
        double m = median_of(v, from, to);
        if (k > 0 && sign * (m - prev) <= 0)
            return false;
        prev = m;
    }
    return true;
}

static bool floor_rises(const double *v, size_t n, unsigned parts, double *net)
{
    return floor_moves(v, n, parts, 1, net);
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

/* ---- Verdict v2 -------------------------------------------------------- */

#define PHASE_GROUPS 12
#define TS_MAX 64

static const double HORIZONS[] = { 600, 1800, 3600, 7200, 21600, 43200, 86400 };
/* How often the long horizons are judged: they move with 10 s buckets. */
#define LONG_EVERY 10.0

const char *mt_verdict_name(mt_verdict v)
{
    switch (v) {
    case MT_VERDICT_STEADY:    return "steady";
    case MT_VERDICT_GROWING:   return "growing";
    case MT_VERDICT_LEAK:      return "leak";
    case MT_VERDICT_SHRINKING: return "shrinking";
    case MT_VERDICT_UNKNOWN:   break;
    }
    return NULL;
}

void mt_verdict_state_init(mt_verdict_state *st)
{
    st->verdict = MT_VERDICT_UNKNOWN;
    st->part = 0;
    st->since = st->last_rise = st->last_fall = NAN;
    st->top_floor = 0;
    st->rate = 0;
    st->long_at = -INFINITY;
    st->long_since = NAN;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

bool mt_theil_sen(const double *t, const double *v, size_t n, double *slope, double *lo,
                  double *hi)
{
    double s[TS_MAX * (TS_MAX - 1) / 2];
    size_t m = 0;
    if (n > TS_MAX)
        n = TS_MAX;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (t[j] != t[i])
                s[m++] = (v[j] - v[i]) / (t[j] - t[i]);
    if (m == 0)
        return false;
    qsort(s, m, sizeof *s, cmp_double);
    *slope = m % 2 ? s[m / 2] : (s[m / 2 - 1] + s[m / 2]) / 2;
    /* Sen (1968): the interval's ranks from the Kendall statistic's
     * variance, 1.96 standard deviations either side of the median. */
    double nn = (double)n, c = 1.96 * sqrt(nn * (nn - 1) * (2 * nn + 5) / 18.0);
    double r_lo = ((double)m - c) / 2, r_hi = ((double)m + c) / 2;
    size_t il = r_lo < 1 ? 0 : (size_t)r_lo - 1;
    size_t ih = r_hi >= (double)m ? m - 1 : (size_t)r_hi;
    if (lo)
        *lo = s[il];
    if (hi)
        *hi = s[ih];
    return true;
}

double mt_mann_kendall(const double *v, size_t n)
{
    if (n < 3)
        return 0;
    double s = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            s += (v[j] > v[i]) - (v[j] < v[i]);
    double nn = (double)n, var = nn * (nn - 1) * (2 * nn + 5) / 18.0;
    if (s > 0)
        s -= 1; /* continuity correction */
    else if (s < 0)
        s += 1;
    return s / sqrt(var);
}

/* The growth a rise must reach: max(min_growth, min_growth_pct of v). */
static double needed(const mt_leak_params *p, double v)
{
    double need = v * p->min_growth_pct / 100.0;
    return need > (double)p->min_growth ? need : (double)p->min_growth;
}

/* Standard deviation of v around the line through its mean with this
 * slope. */
static double residual_sd(const double *t, const double *v, size_t n, double slope)
{
    double mt = 0, mv = 0, ss = 0;
    for (size_t i = 0; i < n; i++) {
        mt += t[i];
        mv += v[i];
    }
    mt /= (double)n;
    mv /= (double)n;
    for (size_t i = 0; i < n; i++) {
        double e = v[i] - mv - slope * (t[i] - mt);
        ss += e * e;
    }
    return n > 2 ? sqrt(ss / (double)(n - 2)) : 0;
}

/* Mean refresh interval of the recent samples. */
static double interval(const mt_series *r)
{
    return r->n > 1 ? (r->t[r->n - 1] - r->t[0]) / (double)(r->n - 1) : 0;
}

/* The short window: min_span seconds, and at least min_samples samples. */
static double fast_window(const mt_series *r, const mt_leak_params *p)
{
    double w = (p->min_samples - 1) * interval(r);
    return w > p->min_span ? w : p->min_span;
}

/* First index of r with t >= from. */
static size_t first_from(const mt_series *r, double from)
{
    size_t lo = 0, hi = r->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (r->t[mid] < from)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* The first rule on the last w seconds, rising (sign 1) or falling
 * (sign -1): the floor and the middle of each of `parts` parts move
 * strictly one way, by at least needed(), significantly. */
static bool window_moves(const mt_series *r, double now, double w, unsigned parts, int sign,
                         const mt_leak_params *p)
{
    double dt = interval(r);
    size_t i0 = first_from(r, now - w - dt / 2);
    size_t n = r->n - i0;
    if (n < p->min_samples || r->t[r->n - 1] - r->t[i0] < p->min_span ||
        r->t[r->n - 1] - r->t[i0] < 0.8 * w)
        return false;
    double net, slope, ts;
    if (parts > n / 2)
        parts = (unsigned)(n / 2) > p->parts ? (unsigned)(n / 2) : p->parts;
    if (!floor_moves(r->v + i0, n, parts, sign, &net))
        return false;
    if (net < needed(p, r->v[r->n - 1] > r->v[i0] ? r->v[r->n - 1] : r->v[i0]))
        return false;
    if (!mt_slope(r->t + i0, r->v + i0, n, &slope, &ts))
        return false;
    if (!(sign > 0 ? ts >= p->min_tscore : ts <= -p->min_tscore))
        return false;
    /* above the scatter: noise of +-x % moves the floor by less than
     * 2.5 standard deviations of itself */
    return isinf(ts) || net >= 2.5 * residual_sd(r->t + i0, r->v + i0, n, slope);
}

/* A rise on new high ground: a process seen to fall back (a GC cycle,
 * a freed buffer) must climb past its earlier peak, else a sawtooth's
 * every climb would be growth.  Checks the floor fl against the samples
 * before the window of w seconds. */
static bool new_high(const mt_series *r, double now, double w, double fl, double need)
{
    size_t end = first_from(r, now - w);
    double peak = -INFINITY;
    bool fell = false;
    for (size_t i = 0; i < end; i++) {
        if (r->v[i] > peak)
            peak = r->v[i];
        else if (peak - r->v[i] >= need)
            fell = true;
    }
    return !fell || fl > peak;
}

/* Fast evidence over 1, 2 and 4 short windows, the longer ones cut in
 * proportionally more parts (noise rarely rises 12 or 24 times in a
 * row); then, while not growing, over 15 to 80 seconds cut in the
 * usual parts, and 12 and 15 s in three: parts long enough to hold a
 * whole cycle of a slower sawtooth (a GC every few seconds, or one
 * aliased by the refresh) or a whole stair of a leak that grows in
 * bursts.  Returns the first window that moves, 0 if none does, and in
 * *part the length of the parts its phase is followed by.  `upto`
 * limits the short windows tried. */
static double fast_moves(const mt_series *r, double now, int sign, unsigned upto, bool coarse,
                         const mt_leak_params *p, double *part)
{
    double w = fast_window(r, p);
    static const unsigned k[] = { 1, 2, 4 };
    for (size_t i = 0; i < sizeof k / sizeof k[0] && k[i] <= upto; i++)
        if (window_moves(r, now, k[i] * w, k[i] * p->parts, sign, p)) {
            if (part)
                *part = w / p->parts;
            return k[i] * w;
        }
    static const double cws[] = { 1.5, 2, 3, 4, 6, 8 };
    for (size_t i = 0; coarse && i < sizeof cws / sizeof cws[0]; i++) {
        double cw = cws[i] * p->min_span;
        if (cw > w && window_moves(r, now, cw, p->parts, sign, p)) {
            if (part)
                *part = cw / p->parts;
            return cw;
        }
    }
    /* Last, 12 and 15 s in three parts: a sawtooth of up to 5 s shows
     * three rising troughs there, where six parts would need 30 s.
     * Only once the history covers them whole: a plain rise is the
     * short window's to find (its parts are followed more closely). */
    double have = r->n ? r->t[r->n - 1] - r->t[0] + interval(r) / 2 : 0;
    for (double cw = 1.2 * p->min_span; coarse && cw < 1.6 * p->min_span;
         cw += 0.3 * p->min_span)
        if (cw > w && have >= cw && window_moves(r, now, cw, 3, sign, p)) {
            if (part)
                *part = w / 3; /* followed like the short window's */
            return cw;
        }
    return 0;
}

/* The floor now: the minimum of the last third of the short window
 * (3 samples at least), or of the last `part` seconds if longer. */
static double floor_now(const mt_series *r, double now, double part, const mt_leak_params *p)
{
    double wc = fast_window(r, p) / 3;
    if (wc < part)
        wc = part;
    if (wc < 2.5 * interval(r))
        wc = 2.5 * interval(r);
    size_t i = first_from(r, now - wc);
    if (r->n - i < 3)
        i = r->n >= 3 ? r->n - 3 : 0;
    return min_of(r->v, i, r->n);
}

/* The finest level reaching back to `from` (within a bucket), else
 * the finest there is. */
static int level_for(const mt_verdict_input *in, double from)
{
    for (int l = 0; l < 3; l++)
        if (in->level[l].n && in->level[l].t[0] - in->level_width[l] <= from)
            return l;
    for (int l = 0; l < 3; l++)
        if (in->level[l].n)
            return l;
    return -1;
}

/* The floor of [from, now] in `groups` equal spans: each span's minimum
 * and the time it was seen, from the recent samples and, before them,
 * the finest level that reaches back.  Returns the non-empty spans. */
static size_t phase_floor(const mt_verdict_input *in, double from, size_t groups,
                          double *gt, double *gv)
{
    double now = in->now, w = (now - from) / (double)groups;
    double gmin[PHASE_GROUPS * 6], gtm[PHASE_GROUPS * 6];
    if (!(w > 0) || groups > PHASE_GROUPS * 6)
        return 0;
    for (size_t g = 0; g < groups; g++)
        gmin[g] = INFINITY;
    const mt_series *r = &in->recent;
    double recent_from = r->n ? r->t[0] : now;
    int l = recent_from > from ? level_for(in, from) : -1;
    if (l >= 0) {
        const mt_series *s = &in->level[l];
        for (size_t i = 0; i < s->n; i++) {
            if (s->t[i] < from || s->t[i] >= recent_from)
                continue;
            size_t g = (size_t)((s->t[i] - from) / w);
            if (g < groups && s->v[i] < gmin[g]) {
                gmin[g] = s->v[i];
                gtm[g] = s->t[i];
            }
        }
    }
    for (size_t i = first_from(r, from); i < r->n; i++) {
        size_t g = (size_t)((r->t[i] - from) / w);
        if (g >= groups)
            g = groups - 1;
        if (r->v[i] < gmin[g]) {
            gmin[g] = r->v[i];
            gtm[g] = r->t[i];
        }
    }
    size_t n = 0;
    for (size_t g = 0; g < groups; g++)
        if (isfinite(gmin[g])) {
            gt[n] = gtm[g];
            gv[n++] = gmin[g];
        }
    return n;
}

/* Not slowing down: the floor's rise over the last third of the
 * phase is at least `decel` times its rise over the middle third, and
 * that one at least `decel` times the first third's. */
static bool keeps_pace(const double *gv, size_t n, double decel)
{
    if (n < 6)
        return false;
    double m1 = min_of(gv, 0, n / 3), m2 = min_of(gv, n / 3, 2 * n / 3),
           m3 = min_of(gv, 2 * n / 3, n);
    double early = m2 - m1, late = m3 - m2;
    return late > 0 && late >= decel * early;
}

/* One long horizon h: over the coarse floor, its six parts' minima rise
 * strictly, the last twelfth still rises, the rise is significant
 * (Mann-Kendall), large enough, above the floor's own scatter, and not
 * slowing down. */
static bool horizon_leaks(const mt_verdict_input *in, double h, double heap,
                          const mt_leak_params *p)
{
    double now = in->now, from = now - h;
    int l = -1;
    for (int k = 0; k < 3; k++)
        if (in->level_width[k] * 60 <= h && in->level[k].n &&
            in->level[k].t[0] <= from + 2 * in->level_width[k]) {
            l = k; /* finest level with >= 60 buckets over h, reaching back */
            break;
        }
    if (l < 0)
        for (int k = 0; k < 3; k++)
            if (in->level[k].n && in->level[k].t[0] <= from + 2 * in->level_width[k] &&
                h / in->level_width[k] >= 24) {
                l = k;
                break;
            }
    if (l < 0)
        return false;
    const mt_series *s = &in->level[l];
    size_t i0 = first_from(s, from), n = s->n - i0;
    const double *t = s->t + i0, *v = s->v + i0;
    if (n < 12)
        return false;
    /* six parts by time: minima strictly rising, and each part's scatter */
    double pm[6], pt[6], range[6];
    for (int k = 0; k < 6; k++) {
        pm[k] = INFINITY;
        range[k] = 0;
        double hi = -INFINITY;
        for (size_t i = 0; i < n; i++) {
            int g = (int)((t[i] - from) / (h / 6));
            if (g != k && !(k == 5 && g > 5))
                continue;
            if (v[i] < pm[k]) {
                pm[k] = v[i];
                pt[k] = t[i];
            }
            if (v[i] > hi)
                hi = v[i];
        }
        if (!isfinite(pm[k]) || (k > 0 && pm[k] <= pm[k - 1]))
            return false;
        range[k] = hi - pm[k];
    }
    /* still rising at its end */
    double last = INFINITY, before = INFINITY;
    for (size_t i = 0; i < n; i++) {
        if (t[i] >= now - h / 12)
            last = fmin(last, v[i]);
        else if (t[i] >= now - h / 6)
            before = fmin(before, v[i]);
    }
    if (!(last > before))
        return false;
    if (mt_mann_kendall(v, n) < p->long_z)
        return false;
    double slope;
    if (!mt_theil_sen(pt, pm, 6, &slope, NULL, NULL) || !(slope > 0))
        return false;
    double net = slope * h;
    qsort(range, 6, sizeof *range, cmp_double);
    if (net < needed(p, heap) || net < 3 * (range[2] + range[3]) / 2)
        return false;
    return keeps_pace(pm, 6, p->decel);
}

/* The shortest long horizon over which the floor leaks, 0 if none. */
static double long_leak(const mt_verdict_input *in, double heap, const mt_leak_params *p)
{
    for (size_t i = 0; i < sizeof HORIZONS / sizeof HORIZONS[0]; i++)
        if (horizon_leaks(in, HORIZONS[i], heap, p))
            return HORIZONS[i];
    return 0;
}

bool mt_verdict_wants_levels(const mt_verdict_state *st, double now)
{
    return st->verdict == MT_VERDICT_GROWING || st->verdict == MT_VERDICT_LEAK ||
           !(now - st->long_at < LONG_EVERY);
}

/* A growing phase that has lasted the leak age, kept pace and risen
 * significantly. */
static bool phase_leaks(const mt_verdict_input *in, double since, const mt_leak_params *p)
{
    double gt[PHASE_GROUPS], gv[PHASE_GROUPS];
    if (!(in->now - since >= p->leak_age))
        return false;
    size_t n = phase_floor(in, since, PHASE_GROUPS, gt, gv);
    if (n < 6 || mt_mann_kendall(gv, n) < p->phase_z)
        return false;
    return keeps_pace(gv, n, p->decel) &&
           gv[n - 1] - gv[0] >= needed(p, gv[n - 1]);
}

static void set_verdict(mt_verdict_state *st, mt_verdict v)
{
    if (v != MT_VERDICT_GROWING && v != MT_VERDICT_LEAK) {
        st->since = NAN;
        st->long_since = NAN;
        st->part = 0;
    }
    st->verdict = v;
}

void mt_verdict_step(mt_verdict_state *st, const mt_verdict_input *in,
                     const mt_leak_params *p, mt_verdict_out *out)
{
    const mt_series *r = &in->recent;
    double now = in->now;
    out->growth = out->since = out->slope_low = out->slope_high = NAN;
    out->verdict = MT_VERDICT_UNKNOWN;
    double slope, ts;
    if (r->n < 3 || !mt_slope(r->t, r->v, r->n, &slope, &ts)) {
        out->verdict = st->verdict;
        return;
    }
    out->growth = slope;
    double heap = r->v[r->n - 1];
    bool enough = r->n >= p->min_samples && r->t[r->n - 1] - r->t[0] >= p->min_span;

    bool growing = st->verdict == MT_VERDICT_GROWING || st->verdict == MT_VERDICT_LEAK;
    double part = 0;
    double rose = fast_moves(r, now, 1, growing ? 1 : 4, !growing, p, &part);
    bool fell = !rose && !growing && fast_moves(r, now, -1, 4, true, p, NULL) > 0;
    double fl = floor_now(r, now, growing ? st->part : part, p);
    if (rose > 0 && !growing && !new_high(r, now, rose, fl, needed(p, heap)))
        rose = 0;
    bool long_pass = false;
    if (!(now - st->long_at < LONG_EVERY) && in->level[0].n + in->level[1].n + in->level[2].n) {
        st->long_at = now;
        double h = long_leak(in, heap, p);
        long_pass = h > 0;
        if (!long_pass)
            st->long_since = NAN;
        else if (isnan(st->long_since))
            st->long_since = now - h;
    }
    /* Growth goes on while the floor sets new records (so a pause that
     * ends picks up at once) or the short window still rises.  A record
     * is a rise of a second of the phase's rate, or of a quarter of
     * what a window needs if that is less. */
    double margin = needed(p, heap) / 4;
    if (st->rate > 0 && st->rate < margin)
        margin = st->rate > 4096 ? st->rate : 4096;
    bool up = growing && (fl > st->top_floor + margin || rose > 0 ||
                          (long_pass && fl > st->top_floor));
    if (up || (!growing && (rose > 0 || long_pass))) {
        st->last_rise = now;
        if (fl > st->top_floor || !growing)
            st->top_floor = fl;
    }
    if (fell)
        st->last_fall = now;

    /* the state machine, with its hysteresis */
    /* The short window sees a plateau a third of itself late: so much
     * less waiting, so that a flat floor clears within growing_clear. */
    double dt = interval(r);
    double seen = fast_window(r, p) / 3;
    if (seen < st->part)
        seen = st->part;
    double wait = p->growing_clear - seen - (dt > 1 ? dt - 1 : 0);
    if (wait < dt)
        wait = dt;
    bool fresh_rise = now - st->last_rise <= wait;
    switch (st->verdict) {
    case MT_VERDICT_LEAK:
        if (!(now - st->last_rise <= p->leak_clear))
            set_verdict(st, MT_VERDICT_STEADY);
        break;
    case MT_VERDICT_GROWING:
        if (!fresh_rise)
            set_verdict(st, MT_VERDICT_STEADY);
        else if (!isnan(st->long_since) || phase_leaks(in, st->since, p))
            set_verdict(st, MT_VERDICT_LEAK);
        break;
    default:
        if (!enough)
            break;
        if (!isnan(st->long_since)) {
            st->since = st->long_since;
            set_verdict(st, MT_VERDICT_LEAK);
        } else if (rose > 0) {
            st->since = fmax(now - rose, r->t[0]);
            st->part = (float)part;
            set_verdict(st, MT_VERDICT_GROWING);
        } else if (now - st->last_fall <= p->growing_clear) {
            set_verdict(st, MT_VERDICT_SHRINKING);
        } else {
            set_verdict(st, MT_VERDICT_STEADY);
        }
    }
    if (st->verdict == MT_VERDICT_LEAK && !isnan(st->long_since) && st->long_since > st->since)
        st->since = st->long_since; /* a slow leak's phase is its horizon */
    out->verdict = st->verdict;
    if (st->verdict != MT_VERDICT_GROWING && st->verdict != MT_VERDICT_LEAK) {
        st->rate = 0;
        return;
    }
    /* GROWTH: the phase's floor slope, robust to one step and a sawtooth */
    double gt[PHASE_GROUPS], gv[PHASE_GROUPS], lo, hi;
    size_t n = phase_floor(in, st->since, PHASE_GROUPS, gt, gv);
    out->since = st->since;
    if (mt_theil_sen(gt, gv, n, &slope, &lo, &hi)) {
        out->growth = slope;
        out->slope_low = lo;
        out->slope_high = hi;
    }
    st->rate = out->growth;
}

double mt_oom_eta(double slope, uint64_t headroom)
{
    if (!(slope > 0) || !isfinite(slope))
        return NAN;
    return (double)headroom / slope;
}
