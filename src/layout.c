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
    for (size_t i = shown; i < (size_t)width && o + 1 < bufsize; i++)
        buf[o++] = ' ';
    for (size_t i = 0; i < shown; i++) {
        int level = hi > lo ? (int)((s[i] - lo) / (hi - lo) * 7.0 + 0.5) : 0;
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

static const mt_column_info columns[MT_NCOLUMNS] = {
    [MT_COL_PID]      = { "PID", 7, true, MT_SORT_PID, 0 },
    [MT_COL_USER]     = { "USER", 8, false, MT_SORT_USER, 4 },
    [MT_COL_VIRT]     = { "VIRT", 6, true, MT_SORT_VIRT, 6 },
    [MT_COL_RES]      = { "RES", 6, true, MT_SORT_RES, 0 },
    [MT_COL_SHR]      = { "SHR", 6, true, MT_SORT_SHR, 7 },
    [MT_COL_SWAP]     = { "SWAP", 6, true, MT_SORT_SWAP, 5 },
    [MT_COL_HEAP]     = { "HEAP", 6, true, MT_SORT_HEAP, 0 },
    [MT_COL_GROWTH]   = { "GROWTH/m", 9, true, MT_SORT_GROWTH, 0 },
    [MT_COL_PSS]      = { "PSS", 6, true, MT_SORT_PSS, 1 },
    [MT_COL_USS]      = { "USS", 6, true, -1, 1 },
    [MT_COL_SUBRES]   = { "SUB-RES", 7, true, -1, 1 },
    [MT_COL_SUBHEAP]  = { "SUB-HEAP", 8, true, -1, 1 },
    [MT_COL_CGLIMIT]  = { "LIMIT", 6, true, -1, 1 },
    [MT_COL_CGFREE]   = { "FREE", 6, true, -1, 1 },
    [MT_COL_LEAK]     = { "LEAK?", 5, false, -1, 3 },
    [MT_COL_GROWSIN]  = { "GROWS-IN", 8, false, -1, 4 },
    [MT_COL_OOM]      = { "OOM-IN", 8, true, -1, 8 },
    [MT_COL_OOMSCORE] = { "OOM-SCORE", 10, true, MT_SORT_OOM, 10 },
    [MT_COL_OOMADJ]   = { "OOM-ADJ", 7, true, -1, 11 },
    [MT_COL_TREND]    = { "TREND", 12, false, -1, 2 },
    [MT_COL_SEGMENTS] = { "SEGMENTS", 16, false, -1, 9 },
    [MT_COL_COMMAND]  = { "COMMAND", 7, false, MT_SORT_COMMAND, 0 },
};

const mt_column_info *mt_column_get(enum mt_column c)
{
    return c < MT_NCOLUMNS ? &columns[c] : NULL;
}

/* Width of the shown columns, one space between each. */
static int total_width(unsigned shown)
{
    int t = 0, n = 0;
    for (int c = 0; c < MT_NCOLUMNS; c++)
        if (shown & (1u << c)) {
            t += columns[c].width;
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
            if ((shown & (1u << c)) && columns[c].drop_order > 0 &&
                (worst < 0 || columns[c].drop_order > columns[worst].drop_order))
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
        w[c] = columns[c].width;
        if (c == MT_COL_COMMAND)
            w[c] = width - pos > columns[c].width ? width - pos : columns[c].width;
        pos += w[c] + 1;
    }
    return shown;
}

int mt_column_from_name(const char *name)
{
    for (int c = 0; c < MT_NCOLUMNS; c++) {
        const char *t = columns[c].title;
        size_t n = strcspn(t, "/?"); /* "GROWTH/m" and "LEAK?" by their word too */
        if (strcasecmp(name, t) == 0 || (strlen(name) == n && strncasecmp(name, t, n) == 0))
            return c;
    }
    return -1;
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
                             (int)strcspn(columns[c].title, "/?"), columns[c].title);
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
