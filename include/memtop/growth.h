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

typedef struct mt_leak_params {
    unsigned min_samples;   /* 12 */
    double min_span;        /* 10 s */
    unsigned parts;         /* 6 */
    uint64_t min_growth;    /* 1 MiB */
    double min_growth_pct;  /* 1 % */
    double min_tscore;      /* 3 */
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

/* Seconds until headroom bytes are used up at slope bytes/s; NAN when
 * not growing.  Assumes everything else stays as it is. */
double mt_oom_eta(double slope, uint64_t headroom);

#endif
