/* test_columns.c - the column registry: every column the machine
 * formats carry is named the same in CSV, JSON and the `columns`
 * setting, every view column has a title, a width and (where sortable)
 * a sort key, and every writer gets its columns from the registry. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memtop/columns.h"
#include "memtop/layout.h"
#include "memtop/sink.h"
#include "suites.h"

static void one_proc(mt_snapshot *s, mt_view *v)
{
    mt_snapshot_init(s);
    s->time = 1764120000.5;
    mt_proc *p = mt_snapshot_add(s);
    p->raw.pid = 42; p->raw.ppid = 1; p->raw.state = 'S';
    strcpy(p->raw.user, "root");
    strcpy(p->raw.comm, "worker");
    mt_snapshot_set_cmdline(s, p, "worker --flag");
    p->raw.virt = 3 << 20; p->raw.res = 2 << 20; p->raw.shr = 1 << 20; p->raw.anon = 1 << 20;
    p->raw.pss = p->raw.uss = MT_NA;
    p->raw.oom_score = p->raw.oom_adj = MT_NA_INT;
    mt_sample_derive(&p->raw);
    mt_snapshot_seal(s);
    mt_view_init(v);
    mt_filter f = { 0 };
    mt_view_build(v, s, &f, MT_SORT_PID, false);
}

/* What a writer printed for the snapshot. */
static char *written(const struct mt_sink_ops *ops)
{
    mt_snapshot s;
    mt_view v;
    one_proc(&s, &v);
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    mt_sink sink;
    mt_sink_init(&sink, ops, f);
    ck_assert_int_eq(mt_sink_begin(&sink), 0);
    ck_assert_int_eq(mt_sink_snapshot(&sink, &s, &v), 0);
    ck_assert_int_eq(mt_sink_end(&sink), 0);
    fclose(f);
    mt_view_free(&v);
    mt_snapshot_free(&s);
    return text;
}

START_TEST(machine_columns_named_alike_everywhere)
{
    char *csv = written(&mt_out_csv), *json = written(&mt_out_json);
    char *header = strtok(csv, "\r\n");
    ck_assert_ptr_nonnull(header);
    /* The CSV header is time, then every machine column in order. */
    char want[2048] = "time";
    bool listed[MT_NFIELDS] = { false };
    for (size_t i = 0; i < mt_machine_ncolumns; i++) {
        enum mt_column c = mt_machine_columns[i];
        const mt_column_info *ci = mt_column_get(c);
        ck_assert_msg(!listed[c], "%s listed twice", ci->name);
        listed[c] = true;
        ck_assert_ptr_nonnull(ci->get);
        strcat(want, ",");
        strcat(want, ci->name);
        /* JSON: the same key, in the same order */
        char key[64];
        snprintf(key, sizeof key, "\"%s\":", ci->name);
        ck_assert_msg(strstr(json, key), "%s not a JSON key", ci->name);
        /* the settings name the view's columns the same way */
        if (c < MT_NCOLUMNS)
            ck_assert_int_eq(mt_column_from_name(ci->name), c);
    }
    ck_assert_str_eq(header, want);
    /* A column with a value is in the machine formats; names are unique. */
    for (int c = 0; c < MT_NFIELDS; c++) {
        const mt_column_info *ci = mt_column_get((enum mt_column)c);
        ck_assert_ptr_nonnull(ci->name);
        ck_assert_msg(!ci->get || listed[c], "%s has a value but no CSV column", ci->name);
        for (int d = 0; d < c; d++)
            ck_assert_str_ne(ci->name, mt_column_get((enum mt_column)d)->name);
    }
    free(csv);
    free(json);
}
END_TEST

START_TEST(view_columns_have_title_width_and_sort_key)
{
    for (int c = 0; c < MT_NCOLUMNS; c++) {
        const mt_column_info *ci = mt_column_get((enum mt_column)c);
        ck_assert_ptr_nonnull(ci->title);
        ck_assert_int_gt(ci->width, 0);
        ck_assert_int_ge(ci->sort, -1);
        ck_assert_int_lt(ci->sort, MT_SORT_NKEYS);
        /* the view writes every column it does not draw from its text */
        ck_assert(ci->human || c == MT_COL_COMMAND || c == MT_COL_TREND ||
                  c == MT_COL_SEGMENTS || c == MT_COL_SUBRES || c == MT_COL_SUBHEAP ||
                  c == MT_COL_SUBGROWTH);
        ck_assert_int_eq(mt_column_from_name(ci->title), c);
    }
    for (int c = MT_NCOLUMNS; c < MT_NFIELDS; c++)
        ck_assert_int_eq(mt_column_get((enum mt_column)c)->width, 0);
    /* every sort key is some column's */
    for (int k = 0; k < MT_SORT_NKEYS; k++) {
        bool found = false;
        for (int c = 0; c < MT_NCOLUMNS; c++)
            found |= mt_column_get((enum mt_column)c)->sort == k;
        ck_assert_msg(found, "sort key %s has no column", mt_sort_key_name(k));
    }
}
END_TEST

/* The text table is the registry's: its titles in order, PSS and USS
 * only with --pss. */
START_TEST(text_table_from_the_registry)
{
    char *text = written(&mt_out_text);
    char want[512] = "";
    for (int c = 0; c < MT_NFIELDS; c++) {
        const mt_column_info *ci = mt_column_get((enum mt_column)c);
        if (ci->text_width == 0 || (ci->flags & MT_COLF_PSS) || c == MT_COL_COMMAND)
            continue;
        char cell[64];
        snprintf(cell, sizeof cell, "%*s ", ci->right ? ci->text_width : -ci->text_width,
                 ci->title);
        strcat(want, cell);
    }
    strcat(want, "COMMAND\n");
    ck_assert_msg(strstr(text, want), "no title line %s in:\n%s", want, text);
    ck_assert_ptr_null(strstr(text, " PSS "));
    free(text);
}
END_TEST

Suite *columns_suite(void)
{
    Suite *s = suite_create("columns");
    TCase *tc = tcase_create("registry");
    tcase_set_timeout(tc, TEST_TIMEOUT_CPU);
    tcase_add_test(tc, machine_columns_named_alike_everywhere);
    tcase_add_test(tc, view_columns_have_title_width_and_sort_key);
    tcase_add_test(tc, text_table_from_the_registry);
    suite_add_tcase(s, tc);
    return s;
}
