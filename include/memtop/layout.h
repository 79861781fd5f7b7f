/* layout.h - the arithmetic of the interactive screen, kept out of the
 * curses code so it can be unit-tested: which columns fit, how wide a
 * bar's segments are, which glyphs a sparkline uses. */
#ifndef MEMTOP_LAYOUT_H
#define MEMTOP_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memtop/view.h"

/* Splits `width` cells among n (at most 16) parts in proportion to
 * values[i] out of total (total >= sum of values; the rest stays empty).
 * Every non-zero part gets at least one cell when there is room, the
 * cells never exceed width, and rounding never drifts.  Returns the
 * cells used. */
int mt_bar_split(const uint64_t *values, int n, uint64_t total, int width, int *cells);

/* A sparkline of the last `width` values of v[0..count) into buf: one
 * glyph per value, scaled between the series' min and max (a flat
 * series is all lowest glyphs).  UTF-8 uses the eight block elements
 * U+2581..U+2588, ASCII " .-=+*#" style ramps.  Fewer values than width
 * are right-aligned with spaces on the left.  Returns buf. */
char *mt_sparkline(char *buf, size_t bufsize, const double *v, size_t count, int width,
                   bool utf8);

/* List view columns, in display order. */
enum mt_column {
    MT_COL_PID, MT_COL_USER, MT_COL_VIRT, MT_COL_RES, MT_COL_SHR, MT_COL_SWAP,
    MT_COL_HEAP, MT_COL_PSS, MT_COL_USS, MT_COL_GROWTH, MT_COL_SUBRES, MT_COL_SUBHEAP, MT_COL_CGLIMIT,
    MT_COL_CGFREE, MT_COL_LEAK, MT_COL_GROWSIN, MT_COL_OOM, MT_COL_OOMSCORE, MT_COL_OOMADJ,
    MT_COL_TREND, MT_COL_SEGMENTS, MT_COL_COMMAND, MT_NCOLUMNS
};

/* Columns shown only when asked for (the O key, or memtoprc's columns). */
#define MT_COLUMNS_OPTIONAL ((1u << MT_COL_OOMSCORE) | (1u << MT_COL_OOMADJ))
/* The columns shown when none are chosen: all but the optional ones. */
#define MT_COLUMNS_DEFAULT (((1u << MT_NCOLUMNS) - 1) & ~MT_COLUMNS_OPTIONAL)

typedef struct mt_column_info {
    const char *title;
    int width;              /* COMMAND: minimum width, it takes the rest */
    bool right;             /* right-aligned */
    int sort;               /* enum mt_sort_key, or -1 */
    int drop_order;         /* dropped first when narrow: higher drops first; 0 never */
} mt_column_info;

const mt_column_info *mt_column_get(enum mt_column c);

/* Chooses the columns for a screen `width` cells wide: every column in
 * `wanted` (a bit per enum mt_column) that fits, dropping by drop_order
 * when the screen is narrow.  Fills x[] with each shown column's start
 * (-1 when hidden) and w[] with its width; COMMAND gets what remains.
 * Returns the bitmask of shown columns. */
unsigned mt_columns_fit(unsigned wanted, int width, int *x, int *w);

/* The column a name means ("heap", "GROWTH", "growth/m"; any case), or
 * -1. */
int mt_column_from_name(const char *name);
/* Parses a list of column names (spaces or commas) into a mask; COMMAND
 * is always in it.  Returns 0, or -1 with the first bad name in bad. */
int mt_columns_parse(const char *list, unsigned *mask, char *bad, size_t badlen);
/* The mask as a list of names, for the settings file. */
void mt_columns_format(unsigned mask, char *buf, size_t n);

/* The column under screen x, or -1. */
int mt_column_at(unsigned shown, const int *x, const int *w, int screen_x);

#endif
