/* format.c - human-readable numbers. */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <stdio.h>

#include "memtop/format.h"
#include "memtop/snapshot.h"

char *mt_format_size(char *buf, size_t n, uint64_t bytes)
{
    static const char units[] = "BKMGTPE";
    if (bytes == MT_NA) {
        snprintf(buf, n, "-");
        return buf;
    }
    if (bytes == 0) {
        snprintf(buf, n, "0");
        return buf;
    }
    if (bytes < 1024) {
        snprintf(buf, n, "%" PRIu64 "B", bytes);
        return buf;
    }
    /* Scale in tenths with integer arithmetic so that 1023.96K prints
     * as "1.0M", never "1024K", and no locale can change the point. */
    int u = 0;
    uint64_t whole = bytes;
    while (whole >= 1024 && units[u + 1]) {
        whole /= 1024;
        u++;
    }
    uint64_t div = (uint64_t)1 << (10 * u);
    uint64_t tenths = (uint64_t)(((long double)bytes * 10 + div / 2) / div);
    if (tenths >= 10240 && units[u + 1]) { /* rounding reached 1024 */
        u++;
        div <<= 10;
        tenths = (uint64_t)(((long double)bytes * 10 + div / 2) / div);
    }
    if (tenths < 100)
        snprintf(buf, n, "%" PRIu64 ".%" PRIu64 "%c", tenths / 10, tenths % 10, units[u]);
    else
        snprintf(buf, n, "%" PRIu64 "%c", (tenths + 5) / 10, units[u]);
    return buf;
}

char *mt_format_signed_size(char *buf, size_t n, double bytes)
{
    char mag[MT_SIZE_BUF];
    if (isnan(bytes)) {
        snprintf(buf, n, "-");
        return buf;
    }
    double a = fabs(bytes);
    if (a < 1) {
        snprintf(buf, n, "0");
        return buf;
    }
    mt_format_size(mag, sizeof mag, a >= 1.8e19 ? UINT64_MAX - 1 : (uint64_t)(a + 0.5));
    snprintf(buf, n, "%c%s", bytes < 0 ? '-' : '+', mag);
    return buf;
}

char *mt_format_duration(char *buf, size_t n, double seconds)
{
    if (!isfinite(seconds) || seconds < 0) {
        snprintf(buf, n, "-");
        return buf;
    }
    if (seconds >= 1e12) {
        snprintf(buf, n, ">99999d");
        return buf;
    }
    uint64_t s = (uint64_t)seconds;
    uint64_t d = s / 86400, h = s % 86400 / 3600, m = s % 3600 / 60;
    if (d > 0)
        snprintf(buf, n, "%" PRIu64 "d%" PRIu64 "h", d, h);
    else if (h > 0)
        snprintf(buf, n, "%" PRIu64 "h%" PRIu64 "m", h, m);
    else if (m > 0)
        snprintf(buf, n, "%" PRIu64 "m", m);
    else
        snprintf(buf, n, "%" PRIu64 "s", s);
    return buf;
}

char *mt_format_uptime(char *buf, size_t n, double seconds)
{
    if (!isfinite(seconds) || seconds < 0)
        seconds = 0;
    uint64_t s = (uint64_t)seconds;
    uint64_t d = s / 86400, h = s % 86400 / 3600, m = s % 3600 / 60;
    if (d > 0)
        snprintf(buf, n, "%" PRIu64 " day%s, %2" PRIu64 ":%02" PRIu64,
                 d, d == 1 ? "" : "s", h, m);
    else if (h > 0)
        snprintf(buf, n, "%2" PRIu64 ":%02" PRIu64, h, m);
    else
        snprintf(buf, n, "%" PRIu64 " min", m);
    return buf;
}

char *mt_format_fixed(char *buf, size_t n, double v, int decimals)
{
    if (!isfinite(v)) {
        snprintf(buf, n, "null");
        return buf;
    }
    if (decimals < 0)
        decimals = 0;
    if (decimals > 9)
        decimals = 9;
    uint64_t scale = 1;
    for (int i = 0; i < decimals; i++)
        scale *= 10;
    bool neg = v < 0;
    long double a = fabsl((long double)v) * scale + 0.5L;
    if (a >= 1.8e19L) { /* beyond uint64: exponent form, still locale-free */
        snprintf(buf, n, "%s%.0Lf", neg ? "-" : "", a / scale);
        return buf;
    }
    uint64_t t = (uint64_t)a;
    if (t == 0)
        neg = false;
    if (decimals == 0)
        snprintf(buf, n, "%s%" PRIu64, neg ? "-" : "", t);
    else
        snprintf(buf, n, "%s%" PRIu64 ".%0*" PRIu64, neg ? "-" : "", t / scale,
                 decimals, t % scale);
    return buf;
}
