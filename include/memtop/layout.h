/* layout.h - the arithmetic of the interactive screen, kept out of the
 * curses code so it can be unit-tested: which columns fit, how wide a
 * bar's segments are, which glyphs a sparkline uses. */
#ifndef MEMTOP_LAYOUT_H
#define MEMTOP_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memtop/columns.h"
#include "memtop/view.h"

/* Splits `width` cells among n (at most 16) parts in proportion to
 * values[i] out of total (total >= sum of values; the rest stays empty).
 * Every non-zero part gets at least one cell when there is room, the
 * cells never exceed width, and rounding never drifts.  Returns the
 * cells used. */
int mt_bar_split(const uint64_t *values, int n, uint64_t total, int width, int *cells);

/* A sparkline of the last `width` values of v[0..count) into buf: one
 * glyph per value, scaled between the series' min and max (a flat
 * series is all lowest glyphs); mt_sparkline_span draws the same with
 * a full height of at least min_span, so that a change small beside
 * it stays low instead of drawing the same ramp as a big one.  UTF-8 uses the eight block elements
 * U+2581..U+2588, ASCII " .-=+*#" style ramps.  Fewer values than width
 * are right-aligned with spaces on the left.  Returns buf. */
char *mt_sparkline(char *buf, size_t bufsize, const double *v, size_t count, int width,
                   bool utf8);
char *mt_sparkline_span(char *buf, size_t bufsize, const double *v, size_t count, int width,
                        bool utf8, double min_span);
/* The full height of a HEAP sparkline: the larger of its change,
 * MT_TREND_SHARE of its largest value, and MT_TREND_FLOOR bytes. */
#define MT_TREND_SHARE 0.10
#define MT_TREND_FLOOR (1024.0 * 1024.0)
double mt_trend_span(const double *v, size_t count, int width);

/* Chooses the columns for a screen `width` cells wide: every column in
 * `wanted` (a bit per enum mt_column) that fits, dropping by drop_order
 * when the screen is narrow.  Fills x[] with each shown column's start
 * (-1 when hidden) and w[] with its width; COMMAND gets what remains.
 * Returns the bitmask of shown columns. */
unsigned mt_columns_fit(unsigned wanted, int width, int *x, int *w);

/* Parses a list of column names (spaces or commas) into a mask; COMMAND
 * is always in it.  Returns 0, or -1 with the first bad name in bad. */
int mt_columns_parse(const char *list, unsigned *mask, char *bad, size_t badlen);
/* The mask as a list of names, for the settings file. */
void mt_columns_format(unsigned mask, char *buf, size_t n);

/* The column under screen x, or -1. */
int mt_column_at(unsigned shown, const int *x, const int *w, int screen_x);

#endif
