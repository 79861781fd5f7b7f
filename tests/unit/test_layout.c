/* test_layout.c - bar proportions, sparklines, column fitting. */
#include "config.h"

#include <string.h>

#include "memtop/escape.h"
#include "memtop/layout.h"
#include "suites.h"

START_TEST(bar_proportions)
{
    int cells[4];
    uint64_t v[4] = { 50, 25, 25, 0 };
    ck_assert_int_eq(mt_bar_split(v, 4, 100, 20, cells), 20);
    ck_assert_int_eq(cells[0], 10);
    ck_assert_int_eq(cells[1], 5);
    ck_assert_int_eq(cells[2], 5);
    ck_assert_int_eq(cells[3], 0);
    /* half full */
    ck_assert_int_eq(mt_bar_split(v, 4, 200, 20, cells), 10);
    /* a tiny part still gets a cell; the total never exceeds the width */
    uint64_t t[3] = { 1, 1000000, 1 };
    ck_assert_int_eq(mt_bar_split(t, 3, 1000002, 10, cells), 10);
    ck_assert_int_ge(cells[0], 1);
    ck_assert_int_ge(cells[2], 1);
    /* rounding never drifts: thirds of 10 */
    uint64_t th[3] = { 1, 1, 1 };
    ck_assert_int_eq(mt_bar_split(th, 3, 3, 10, cells), 10);
    ck_assert_int_eq(cells[0] + cells[1] + cells[2], 10);
    /* total smaller than the sum: scaled to the sum */
    ck_assert_int_eq(mt_bar_split(th, 3, 1, 9, cells), 9);
    /* nothing, or no room */
    uint64_t z[2] = { 0, 0 };
    ck_assert_int_eq(mt_bar_split(z, 2, 0, 10, cells), 0);
    ck_assert_int_eq(mt_bar_split(v, 4, 100, 0, cells), 0);
    for (int w = 1; w < 40; w++)
        ck_assert_int_le(mt_bar_split(t, 3, 1000002, w, cells), w);
}
END_TEST

START_TEST(sparkline_glyphs)
{
    char buf[256];
    double up[] = { 0, 1, 2, 3, 4, 5, 6, 7 };
    ck_assert_str_eq(mt_sparkline(buf, sizeof buf, up, 8, 8, false), "_.-~=+*#");
    ck_assert_str_eq(mt_sparkline(buf, sizeof buf, up, 8, 8, true),
                     "\xe2\x96\x81\xe2\x96\x82\xe2\x96\x83\xe2\x96\x84"
                     "\xe2\x96\x85\xe2\x96\x86\xe2\x96\x87\xe2\x96\x88");
    ck_assert_int_eq(mt_term_width(buf, true), 8);
    /* only the newest `width` values; fewer values are right-aligned */
    ck_assert_str_eq(mt_sparkline(buf, sizeof buf, up, 8, 3, false), "_=#");
    ck_assert_str_eq(mt_sparkline(buf, sizeof buf, up, 2, 5, false), "   _#");
    double flat[] = { 5, 5, 5 };
    ck_assert_str_eq(mt_sparkline(buf, sizeof buf, flat, 3, 3, false), "___");
    ck_assert_str_eq(mt_sparkline(buf, sizeof buf, up, 0, 4, false), "    ");
    ck_assert_str_eq(mt_sparkline(buf, sizeof buf, up, 8, 0, false), "");
    /* a small buffer never overflows or splits a glyph */
    char small[8];
    mt_sparkline(small, sizeof small, up, 8, 8, true);
    ck_assert_uint_eq(strlen(small), 6);
}
END_TEST

START_TEST(columns_fit_the_screen)
{
    int x[MT_NCOLUMNS], w[MT_NCOLUMNS];
    unsigned all = MT_COLUMNS_DEFAULT;
    unsigned shown = mt_columns_fit(all, 200, x, w);
    ck_assert_uint_eq(shown, all);
    ck_assert_int_eq(x[MT_COL_PID], 0);
    ck_assert_int_eq(x[MT_COL_COMMAND] + w[MT_COL_COMMAND], 200);
    /* 40 columns: the essentials stay, the verdict among them */
    shown = mt_columns_fit(all, 40, x, w);
    const enum mt_column must[] = { MT_COL_PID, MT_COL_RES, MT_COL_GROWTH, MT_COL_LEAK,
                                    MT_COL_COMMAND };
    for (size_t i = 0; i < sizeof must / sizeof must[0]; i++)
        ck_assert_msg(shown & (1u << must[i]), "column %d dropped at 40", (int)must[i]);
    ck_assert(!(shown & (1u << MT_COL_SEGMENTS)));
    ck_assert_int_le(x[MT_COL_COMMAND] + mt_column_get(MT_COL_COMMAND)->width, 40);
    /* columns never overlap */
    for (int width = 20; width <= 200; width += 7) {
        shown = mt_columns_fit(all, width, x, w);
        int end = -1;
        for (int c = 0; c < MT_NCOLUMNS; c++)
            if (shown & (1u << c)) {
                ck_assert_int_gt(x[c], end);
                end = x[c] + w[c];
            }
    }
    /* clicking finds the column */
    shown = mt_columns_fit(all, 160, x, w);
    ck_assert_int_eq(mt_column_at(shown, x, w, 0), MT_COL_PID);
    ck_assert_int_eq(mt_column_at(shown, x, w, x[MT_COL_HEAP] + 2), MT_COL_HEAP);
    ck_assert_int_eq(mt_column_at(shown, x, w, 159), MT_COL_COMMAND);
    ck_assert_int_eq(mt_column_at(shown, x, w, 500), -1);
}
END_TEST

/* Narrow screens drop decoration first; the verdict and the rate go
 * last of all the columns that can go. */
START_TEST(columns_drop_in_order)
{
    int x[MT_NCOLUMNS], w[MT_NCOLUMNS];
    unsigned procs = MT_COLUMNS_DEFAULT & ~((1u << MT_COL_SUBRES) | (1u << MT_COL_SUBHEAP) |
                                            (1u << MT_COL_SUBGROWTH) | (1u << MT_COL_PSS) |
                                            (1u << MT_COL_USS) | (1u << MT_COL_CGLIMIT) |
                                            (1u << MT_COL_CGFREE));
    /* 80x24: GROWS-IN, OOM-IN and TREND stay; SEGMENTS, VIRT, SHR, SWAP
     * and USER go */
    unsigned shown = mt_columns_fit(procs, 80, x, w);
    const enum mt_column keep80[] = { MT_COL_HEAP, MT_COL_LEAK, MT_COL_GROWSIN, MT_COL_OOM,
                                      MT_COL_TREND };
    for (size_t i = 0; i < sizeof keep80 / sizeof keep80[0]; i++)
        ck_assert_msg(shown & (1u << keep80[i]), "column %d dropped at 80", (int)keep80[i]);
    ck_assert(!(shown & (1u << MT_COL_SEGMENTS)));
    /* O at 80: the OOM columns asked for push out TREND, USER and GROWS-IN */
    shown = mt_columns_fit(procs | MT_COLUMNS_OPTIONAL, 80, x, w);
    ck_assert_uint_eq(shown & MT_COLUMNS_OPTIONAL, MT_COLUMNS_OPTIONAL);
    ck_assert(shown & (1u << MT_COL_LEAK));
    /* at every width, LEAK? and GROWTH go only when nothing else can */
    for (int width = 10; width <= 200; width++) {
        shown = mt_columns_fit(procs | MT_COLUMNS_OPTIONAL, width, x, w);
        bool others = false;
        for (int c = 0; c < MT_NCOLUMNS; c++)
            others |= (shown & (1u << c)) && mt_column_get((enum mt_column)c)->drop_order > 2;
        if (others)
            ck_assert_msg((shown & (1u << MT_COL_LEAK)) && (shown & (1u << MT_COL_GROWTH)),
                          "width %d: LEAK? or GROWTH dropped before others", width);
    }
    ck_assert_int_lt(mt_column_get(MT_COL_GROWTH)->drop_order,
                     mt_column_get(MT_COL_LEAK)->drop_order);
}
END_TEST

/* TREND's height is the change, or a share of HEAP when the change is
 * small: 1 % noise on 32 MiB stays low, a doubling draws a full ramp. */
START_TEST(trend_scale_is_honest)
{
    char buf[64];
    double noise[6], rise[6];
    for (int i = 0; i < 6; i++) {
        noise[i] = 32.0 * 1048576 * (1 + (i % 2 ? 0.01 : -0.01));
        rise[i] = 16.0 * 1048576 * (1 + i / 5.0);
    }
    mt_sparkline_span(buf, sizeof buf, noise, 6, 6, false, mt_trend_span(noise, 6, 6));
    ck_assert_str_eq(buf, "_._._.");
    mt_sparkline_span(buf, sizeof buf, rise, 6, 6, false, mt_trend_span(rise, 6, 6));
    ck_assert_str_eq(buf, "_.~=*#");
    /* the floor: a 512 KiB heap that doubles is still under 1 MiB */
    double tiny[2] = { 512.0 * 1024, 1024.0 * 1024 };
    ck_assert_double_eq(mt_trend_span(tiny, 2, 2), MT_TREND_FLOOR);
    mt_sparkline_span(buf, sizeof buf, tiny, 2, 2, false, mt_trend_span(tiny, 2, 2));
    ck_assert_str_eq(buf, "_=");
    /* without a span it is the old min-max ramp */
    mt_sparkline(buf, sizeof buf, noise, 6, 6, false);
    ck_assert_str_eq(buf, "_#_#_#");
}
END_TEST

/* A sortable column has room for its title and the sort arrow. */
START_TEST(sort_arrow_fits)
{
    for (int c = 0; c < MT_NCOLUMNS; c++) {
        const mt_column_info *ci = mt_column_get((enum mt_column)c);
        if (ci->sort >= 0 && c != MT_COL_COMMAND)
            ck_assert_msg((int)strlen(ci->title) + 1 <= ci->width, "%s: width %d", ci->title,
                          ci->width);
    }
}
END_TEST

START_TEST(column_names)
{
    unsigned mask;
    char bad[32], list[256];
    ck_assert_int_eq(mt_column_from_name("heap"), MT_COL_HEAP);
    ck_assert_int_eq(mt_column_from_name("GROWTH"), MT_COL_GROWTH);
    ck_assert_int_eq(mt_column_from_name("growth/m"), MT_COL_GROWTH);
    ck_assert_int_eq(mt_column_from_name("leak"), MT_COL_LEAK);
    ck_assert_int_eq(mt_column_from_name("Sub-Heap"), MT_COL_SUBHEAP);
    ck_assert_int_eq(mt_column_from_name("rss"), -1);
    ck_assert_int_eq(mt_column_from_name("oom-score"), MT_COL_OOMSCORE);
    ck_assert_int_eq(mt_column_from_name("OOM-ADJ"), MT_COL_OOMADJ);
    /* the OOM columns are shown only when asked for */
    ck_assert_uint_eq(MT_COLUMNS_DEFAULT & MT_COLUMNS_OPTIONAL, 0);
    ck_assert(MT_COLUMNS_DEFAULT & (1u << MT_COL_TREND));
    ck_assert_int_eq(mt_columns_parse("oom-score oom-adj", &mask, bad, sizeof bad), 0);
    ck_assert_uint_eq(mask, MT_COLUMNS_OPTIONAL | (1u << MT_COL_COMMAND));
    ck_assert_int_eq(mt_columns_parse("pid, res  heap,growth", &mask, bad, sizeof bad), 0);
    ck_assert_uint_eq(mask, (1u << MT_COL_PID) | (1u << MT_COL_RES) | (1u << MT_COL_HEAP) |
                                (1u << MT_COL_GROWTH) | (1u << MT_COL_COMMAND));
    mt_columns_format(mask, list, sizeof list);
    ck_assert_str_eq(list, "PID RES HEAP GROWTH COMMAND");
    ck_assert_int_eq(mt_columns_parse("pid bogus", &mask, bad, sizeof bad), -1);
    ck_assert_str_eq(bad, "bogus");
    ck_assert_int_eq(mt_columns_parse("", &mask, bad, sizeof bad), 0);
    ck_assert_uint_eq(mask, 1u << MT_COL_COMMAND);
    /* a chosen set still fits a narrow screen */
    int x[MT_NCOLUMNS], w[MT_NCOLUMNS];
    mt_columns_parse("pid res heap growth trend segments", &mask, bad, sizeof bad);
    unsigned shown = mt_columns_fit(mask, 160, x, w);
    ck_assert_uint_eq(shown, mask);
    ck_assert_int_eq(x[MT_COL_VIRT], -1);
}
END_TEST

Suite *layout_suite(void)
{
    Suite *s = suite_create("layout");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, bar_proportions);
    tcase_add_test(tc, sparkline_glyphs);
    tcase_add_test(tc, columns_fit_the_screen);
    tcase_add_test(tc, column_names);
    tcase_add_test(tc, sort_arrow_fits);
    tcase_add_test(tc, columns_drop_in_order);
    tcase_add_test(tc, trend_scale_is_honest);
    suite_add_tcase(s, tc);
    return s;
}
