/* layout.c - column fitting, bar proportions, sparklines. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "memtop/layout.h"

int mt_bar_split(const uint64_t *values, int n, uint64_t total, int width, int *cells)
{
    uint64_t sum = 0;
    int nonzero = 0;
    for (int i = 0; i < n; i++) {
        sum += values[i];
        nonzero += values[i] > 0;
        cells[i] = 0;
    }
    if (total < sum)
        total = sum;
    if (total == 0 || width <= 0 || sum == 0)
        return 0;
    /* How much of the bar is filled, then who gets which cells: every
     * part that exists gets at least one when there is room, the rest
     * goes by proportion, and rounding is settled on the parts whose
     * share is furthest from what they got. */
    int filled = (int)floor((double)sum * width / (double)total + 0.5);
    if (filled < nonzero)
        filled = nonzero;
    if (filled > width)
        filled = width;
    double target[16];
    int used = 0;
    for (int i = 0; i < n && i < 16; i++) {
        target[i] = (double)values[i] * width / (double)total;
        if (values[i] > 0) {
            cells[i] = (int)floor(target[i]);
            if (cells[i] < 1)
                cells[i] = 1;
        }
        used += cells[i];
    }
    while (used < filled) { /* hand out the rounding shortfall */
        int pick = -1;
        for (int i = 0; i < n && i < 16; i++)
            if (values[i] > 0 &&
                (pick < 0 || target[i] - cells[i] > target[pick] - cells[pick]))
                pick = i;
        cells[pick]++;
        used++;
    }
    while (used > filled) { /* take back from the most over-served */
        int pick = -1, floor_cells = filled < nonzero ? 0 : 1;
        for (int i = 0; i < n && i < 16; i++)
            if (cells[i] > floor_cells &&
                (pick < 0 || cells[i] - target[i] > cells[pick] - target[pick]))
                pick = i;
        if (pick < 0)
            break;
        cells[pick]--;
        used--;
    }
    return used;
}

char *mt_sparkline(char *buf, size_t bufsize, const double *v, size_t count, int width,
                   bool utf8)
{
    return mt_sparkline_span(buf, bufsize, v, count, width, utf8, 0);
}

double mt_trend_span(const double *v, size_t count, int width)
{
    size_t shown = width <= 0 ? 0 : count < (size_t)width ? count : (size_t)width;
    double hi = 0;
    for (size_t i = count - shown; i < count; i++)
        if (v[i] > hi)
            hi = v[i];
    return hi * MT_TREND_SHARE > MT_TREND_FLOOR ? hi * MT_TREND_SHARE : MT_TREND_FLOOR;
}

char *mt_sparkline_span(char *buf, size_t bufsize, const double *v, size_t count, int width,
                        bool utf8, double min_span)
{
    static const char *const blocks[8] = {
        "\xe2\x96\x81", "\xe2\x96\x82", "\xe2\x96\x83", "\xe2\x96\x84",
        "\xe2\x96\x85", "\xe2\x96\x86", "\xe2\x96\x87", "\xe2\x96\x88",
    };
    static const char ascii[8] = { '_', '.', '-', '~', '=', '+', '*', '#' };
    size_t o = 0;
    if (bufsize == 0)
        return buf;
    buf[0] = '\0';
    if (width <= 0)
        return buf;
    size_t shown = count < (size_t)width ? count : (size_t)width;
    const double *s = v + (count - shown);
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < shown; i++) {
        if (s[i] < lo)
            lo = s[i];
        if (s[i] > hi)
            hi = s[i];
    }
    double span = hi - lo > min_span ? hi - lo : min_span;
    for (size_t i = shown; i < (size_t)width && o + 1 < bufsize; i++)
        buf[o++] = ' ';
    for (size_t i = 0; i < shown; i++) {
        int level = span > 0 ? (int)((s[i] - lo) / span * 7.0 + 0.5) : 0;
        if (level < 0)
            level = 0;
        if (level > 7)
            level = 7;
        size_t need = utf8 ? 3 : 1;
        if (o + need >= bufsize)
            break;
        if (utf8)
            memcpy(buf + o, blocks[level], 3);
        else
            buf[o] = ascii[level];
        o += need;
    }
    buf[o] = '\0';
    return buf;
}

/* Width of the shown columns, one space between each. */
static int total_width(unsigned shown)
{
    int t = 0, n = 0;
    for (int c = 0; c < MT_NCOLUMNS; c++)
        if (shown & (1u << c)) {
            t += mt_column_get((enum mt_column)c)->width;
            n++;
        }
    return t + (n > 0 ? n - 1 : 0);
}

unsigned mt_columns_fit(unsigned wanted, int width, int *x, int *w)
{
    unsigned shown = wanted | (1u << MT_COL_COMMAND);
    /* Drop the most droppable column until the rest fits. */
    while (total_width(shown) > width) {
        int worst = -1;
        for (int c = 0; c < MT_NCOLUMNS; c++)
            if ((shown & (1u << c)) && mt_column_get((enum mt_column)c)->drop_order > 0 &&
                (worst < 0 || mt_column_get((enum mt_column)c)->drop_order > mt_column_get((enum mt_column)worst)->drop_order))
                worst = c;
        if (worst < 0)
            break;
        shown &= ~(1u << worst);
    }
    int pos = 0;
    for (int c = 0; c < MT_NCOLUMNS; c++) {
        if (!(shown & (1u << c))) {
            x[c] = -1;
            w[c] = 0;
            continue;
        }
        x[c] = pos;
        w[c] = mt_column_get((enum mt_column)c)->width;
        if (c == MT_COL_COMMAND)
            w[c] = width - pos > mt_column_get((enum mt_column)c)->width ? width - pos : mt_column_get((enum mt_column)c)->width;
        pos += w[c] + 1;
    }
    return shown;
}

int mt_columns_parse(const char *list, unsigned *mask, char *bad, size_t badlen)
{
    unsigned m = 1u << MT_COL_COMMAND;
    const char *p = list;
    while (*p) {
        size_t skip = strspn(p, " \t,"), len;
        p += skip;
        len = strcspn(p, " \t,");
        if (len == 0)
            break;
        char name[32];
        snprintf(name, sizeof name, "%.*s", (int)(len < 31 ? len : 31), p);
        int c = mt_column_from_name(name);
        if (c < 0) {
            snprintf(bad, badlen, "%s", name);
            return -1;
        }
        m |= 1u << c;
        p += len;
    }
    *mask = m;
    return 0;
}

void mt_columns_format(unsigned mask, char *buf, size_t n)
{
    size_t o = 0;
    buf[0] = '\0';
    for (int c = 0; c < MT_NCOLUMNS && o < n; c++)
        if (mask & (1u << c)) {
            int w = snprintf(buf + o, n - o, "%s%.*s", o ? " " : "",
                             (int)strcspn(mt_column_get((enum mt_column)c)->title, "/?"), mt_column_get((enum mt_column)c)->title);
            if (w < 0)
                break;
            o += (size_t)w;
        }
}

int mt_column_at(unsigned shown, const int *x, const int *w, int screen_x)
{
    for (int c = 0; c < MT_NCOLUMNS; c++)
        if ((shown & (1u << c)) && screen_x >= x[c] && screen_x < x[c] + w[c] + 1)
            return c;
    return -1;
}
