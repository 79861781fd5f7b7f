/* growth.h - pure functions over one process's HEAP series: the
 * least-squares slope, the leak verdict and the time to OOM.  No I/O,
 * no state: tests feed them synthetic series.
 *
 * The leak rule (SPEC section 3) raises LEAK? only when all hold:
 *   1. at least min_samples samples covering at least min_span seconds;
 *   2. the window cut into `parts` equal parts has strictly rising
 *      minima ("the floor rises": a sawtooth whose lows stay flat is not
 *      a leak, a leak riding on a sawtooth is) - and, memtop's addition,
 *      strictly rising medians, which keeps random noise out;
 *   3. net growth (last part's minimum - first part's) is at least
 *      max(min_growth, min_growth_pct % of the current HEAP);
 *   4. the slope is positive and slope / its standard error >= min_tscore
 *      (a perfect line counts as significant).
 */
#ifndef MEMTOP_GROWTH_H
#define MEMTOP_GROWTH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memtop/snapshot.h"

typedef struct mt_leak_params {
    unsigned min_samples;   /* 12 */
    double min_span;        /* 10 s */
    unsigned parts;         /* 6 */
    uint64_t min_growth;    /* 1 MiB */
    double min_growth_pct;  /* 1 % */
    double min_tscore;      /* 3 */
    /* Verdict v2 (SPEC section 3): */
    double leak_age;        /* 180 s of growing before it is a leak */
    double growing_clear;   /* 25 s: a flat floor clears growing within ~it */
    double leak_clear;      /* 110 s without it clears leak */
    double decel;           /* 0.5: recent slope below this x earlier: slowing */
    double long_z;          /* 4: Mann-Kendall z over the long horizons */
    double phase_z;         /* 3: Mann-Kendall z of the phase's floor for a leak */
} mt_leak_params;

void mt_leak_params_default(mt_leak_params *p);

typedef struct mt_growth {
    bool known;         /* at least 3 samples spanning some time */
    double slope;       /* bytes per second */
    double tscore;      /* slope / standard error; +inf for a perfect line */
    double net;         /* last part's minimum - first part's, bytes */
    bool floor_rises;   /* rule 2 */
    bool leak;          /* all four rules */
} mt_growth;

/* Least-squares slope of v over t (n samples).  Returns false when it is
 * not defined (n < 3, or every t equal). */
bool mt_slope(const double *t, const double *v, size_t n, double *slope,
              double *tscore);

/* Judges one series, oldest first: t in seconds, v in bytes. */
void mt_growth_judge(const double *t, const double *v, size_t n,
                     const mt_leak_params *p, mt_growth *out);

/* ---- Verdict v2 ---------------------------------------------------- */

/* "steady", ..., or NULL for unknown. */
const char *mt_verdict_name(mt_verdict v);

/* What the verdict remembers of one process between refreshes (its
 * hysteresis).  Kept by history in the process's track. */
typedef struct mt_verdict_state {
    mt_verdict verdict;
    float part;             /* seconds: the part length of the window that
                             * found the phase; its floor is watched */
    double since;           /* start of the current growth phase; NAN */
    double last_rise;       /* last refresh with growth evidence; NAN */
    double last_fall;       /* last refresh with shrink evidence; NAN */
    double top_floor;       /* the floor's record while growing, bytes */
    double rate;            /* the phase's slope at the last refresh, bytes/s */
    double long_at;         /* when the long horizons were last judged */
    double long_since;      /* start of the horizon that found a slow leak; NAN */
} mt_verdict_state;

void mt_verdict_state_init(mt_verdict_state *st);

/* A series, oldest first: t seconds, v bytes. */
typedef struct mt_series {
    const double *t, *v;
    size_t n;
} mt_series;

/* One refresh's evidence for one process. */
typedef struct mt_verdict_input {
    double now;
    mt_series recent;               /* full-rate HEAP samples */
    /* Coarse floor: the history's complete bucket minima (t = middle),
     * finest level first; only needed when mt_verdict_wants_levels(). */
    mt_series level[3];
    const double *level_width;      /* seconds per bucket, per level */
} mt_verdict_input;

typedef struct mt_verdict_out {
    mt_verdict verdict;
    double growth;          /* bytes/s: the phase's slope; NAN unknown */
    double since;           /* growth_since, unix seconds; NAN */
    double slope_low, slope_high;   /* ~95 % interval of growth; NAN */
} mt_verdict_out;

/* True when the next mt_verdict_step() at `now` needs the levels (a
 * long-horizon check is due, or the process grows). */
bool mt_verdict_wants_levels(const mt_verdict_state *st, double now);

/* Advances st by one refresh and says the verdict. */
void mt_verdict_step(mt_verdict_state *st, const mt_verdict_input *in,
                     const mt_leak_params *p, mt_verdict_out *out);

/* Theil-Sen slope of (t, v): the median of the pairwise slopes, with
 * Sen's ~95 % interval in *lo, *hi (either may be NULL).  n <= 64.
 * Returns false with fewer than 2 distinct times. */
bool mt_theil_sen(const double *t, const double *v, size_t n, double *slope, double *lo,
                  double *hi);

/* Mann-Kendall trend statistic of v, as a z score (0 for n < 3). */
double mt_mann_kendall(const double *v, size_t n);

/* No OOM ETA point estimate further out than this many times the
 * growth phase seen so far. */
#define MT_OOM_ETA_HORIZON 10.0

/* Seconds until headroom bytes are used up at slope bytes/s; NAN when
 * not growing.  Assumes everything else stays as it is. */
double mt_oom_eta(double slope, uint64_t headroom);

#endif
