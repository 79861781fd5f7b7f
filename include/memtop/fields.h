/* fields.h - values of the machine formats (CSV, JSON, OpenMetrics) and
 * the system fields.  The per-process columns are one registry,
 * columns.h: CSV columns and JSON keys come from it, so they cannot
 * drift apart.  The names are a stable interface: add fields, never
 * rename them. */
#ifndef MEMTOP_FIELDS_H
#define MEMTOP_FIELDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <stdio.h>

#include "memtop/format.h"
#include "memtop/snapshot.h"

enum mt_value_kind {
    MT_VAL_INT,     /* i */
    MT_VAL_SIZE,    /* u, bytes */
    MT_VAL_REAL,    /* r, printed with `decimals` */
    MT_VAL_STR,     /* s, untrusted: escape per format */
    MT_VAL_BOOL,    /* b */
};

typedef struct mt_value {
    enum mt_value_kind kind;
    bool na;                /* unavailable: empty / null */
    int decimals;
    union {
        int64_t i;
        uint64_t u;
        double r;
        const char *s;
        bool b;
    };
    char buf[2];            /* small strings (the state letter) */
} mt_value;

/* Setting a value: an integer, a size in bytes (MT_NA: unavailable), an
 * int (MT_NA_INT: unavailable), a real printed with `decimals` (not
 * finite: unavailable), a boolean, a string (NULL: unavailable). */
void mt_value_int(mt_value *v, int64_t i);
void mt_value_size(mt_value *v, uint64_t u);
/* A size that is always available: UINT64_MAX is a value (a map's
 * sizes saturate there), not MT_NA. */
void mt_value_u64(mt_value *v, uint64_t u);
void mt_value_int_na(mt_value *v, int i);
void mt_value_real(mt_value *v, double r, int decimals);
void mt_value_bool(mt_value *v, bool b);
void mt_value_str(mt_value *v, const char *s);

/* The system object of JSON.  (The per-process columns: columns.h.) */
typedef struct mt_sys_field {
    const char *name;
    void (*get)(const mt_snapshot *s, mt_value *v);
} mt_sys_field;

extern const mt_sys_field mt_sys_fields[];
extern const size_t mt_sys_nfields;

/* Writes one value as CSV or JSON wants it: numbers without locale,
 * unavailable as empty (CSV) or null (JSON), strings escaped. */
int mt_value_write(FILE *out, const mt_value *v, enum mt_format fmt);

#endif
