/* fields.h - the per-process fields of the machine formats.  CSV columns
 * and JSON keys come from this one table, so they cannot drift apart.
 * The names are a stable interface: add fields, never rename them. */
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

typedef struct mt_field {
    const char *name;
    void (*get)(const mt_proc *p, mt_value *v);
} mt_field;

extern const mt_field mt_proc_fields[];
extern const size_t mt_proc_nfields;

/* The same for the system object of JSON (and later the exporter). */
typedef struct mt_sys_field {
    const char *name;
    void (*get)(const mt_system *s, mt_value *v);
} mt_sys_field;

extern const mt_sys_field mt_sys_fields[];
extern const size_t mt_sys_nfields;

/* Writes one value as CSV or JSON wants it: numbers without locale,
 * unavailable as empty (CSV) or null (JSON), strings escaped. */
int mt_value_write(FILE *out, const mt_value *v, enum mt_format fmt);

#endif
