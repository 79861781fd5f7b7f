/* columns.h - the one registry of per-process columns.  For each: its
 * name (the CSV column, the JSON key and the memtoprc `columns` name),
 * its title and widths (interactive view, `-o text` table), its sort
 * key, how narrow screens drop it, the getter of its value (CSV, JSON,
 * OpenMetrics) and how people read it.  The text table, CSV, JSON,
 * OpenMetrics, the interactive view and the settings all read this
 * table: adding a column is one entry in src/columns.c and its getter
 * (README, "Hacking").
 */
#ifndef MEMTOP_COLUMNS_H
#define MEMTOP_COLUMNS_H

#include <stdbool.h>
#include <stddef.h>

#include "memtop/fields.h"
#include "memtop/snapshot.h"

/* The view's columns in display order (also the `-o text` order, where
 * COMMAND comes last), then the ones the view does not show. */
enum mt_column {
    MT_COL_PID, MT_COL_USER, MT_COL_VIRT, MT_COL_RES, MT_COL_SHR, MT_COL_SWAP,
    MT_COL_HEAP, MT_COL_PSS, MT_COL_USS, MT_COL_GROWTH, MT_COL_SUBRES, MT_COL_SUBHEAP,
    MT_COL_SUBGROWTH, MT_COL_CGLIMIT,
    MT_COL_CGFREE, MT_COL_LEAK, MT_COL_GROWSIN, MT_COL_OOM, MT_COL_OOMSCORE, MT_COL_OOMADJ,
    MT_COL_TREND, MT_COL_SEGMENTS, MT_COL_COMMAND,
    MT_NCOLUMNS,            /* the view's columns end here (at most 32) */
    MT_COL_STATE = MT_NCOLUMNS, MT_COL_PPID, MT_COL_UID, MT_COL_START, MT_COL_THREADS, MT_COL_CMDLINE,
    MT_COL_ANON, MT_COL_FILE, MT_COL_SHMEM, MT_COL_OOMLIMIT, MT_COL_SAMPLES,
    MT_COL_UNREAPED, MT_COL_VERDICT, MT_COL_SINCE, MT_COL_ETA_LOW, MT_COL_ETA_HIGH,
    MT_NFIELDS
};

/* Columns the view shows only when asked for (O, or memtoprc). */
#define MT_COLUMNS_OPTIONAL ((1u << MT_COL_OOMSCORE) | (1u << MT_COL_OOMADJ))
/* The columns shown when none are chosen: all but the optional ones. */
#define MT_COLUMNS_DEFAULT (((1u << MT_NCOLUMNS) - 1) & ~MT_COLUMNS_OPTIONAL)

/* Where a column shows (flags). */
#define MT_COLF_PSS 1u          /* only with --pss / P */
#define MT_COLF_UNTRUSTED 2u    /* its text comes from /proc: sanitized */

typedef struct mt_column_info {
    const char *name;       /* CSV column, JSON key, memtoprc name */
    const char *title;      /* header in the view and `-o text`; NULL: machine only */
    int width;              /* in the view; 0: not a view column. COMMAND:
                             * the minimum, it takes the rest */
    int text_width;         /* in `-o text`; 0: not in that table */
    bool right;             /* right-aligned */
    int sort;               /* enum mt_sort_key, or -1 */
    int drop_order;         /* dropped first when narrow: higher drops first;
                             * 0 never.  The verdict and GROWTH go last. */
    unsigned flags;         /* MT_COLF_* */
    /* The value for the machine formats; NULL: none (a drawing). */
    void (*get)(const mt_proc *p, mt_value *v);
    /* The text people read (the view, `-o text`) at snapshot time now;
     * NULL: the view draws it itself (TREND, SEGMENTS, COMMAND, the
     * tree's sums). */
    void (*human)(const mt_proc *p, double now, char *buf, size_t n);
} mt_column_info;

const mt_column_info *mt_column_get(enum mt_column c);

/* The columns of CSV and JSON, in their stable order (fields are added
 * at the end, never renamed or moved). */
extern const enum mt_column mt_machine_columns[];
extern const size_t mt_machine_ncolumns;

/* The column a name means: its machine name ("oom_score"), its title
 * ("OOM-SCORE", "GROWTH/m") or the title's word ("growth", "leak"); any
 * case.  -1 for none.  View columns only. */
int mt_column_from_name(const char *name);

/* A value as a number, for OpenMetrics: NAN when unavailable or not a
 * number (strings). */
double mt_value_number(const mt_value *v);

#endif
