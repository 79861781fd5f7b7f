/* map_fields.c - the per-mapping fields of the machine formats: CSV
 * columns and JSON keys of `-m PID` come from this one table.  Names are
 * a stable interface (SPEC §6): add, never rename.
 *
 * Addresses and offsets are hex strings as in /proc/PID/maps: they are
 * 64-bit values and a JSON reader using doubles (jq) would round them.
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "memtop/escape.h"
#include "memtop/format.h"

#include "memtop/mapview.h"

static void set_str(mt_value *v, const char *s)
{
    v->kind = MT_VAL_STR;
    v->na = false;
    v->s = s;
}

static void set_size(mt_value *v, uint64_t u)
{
    v->kind = MT_VAL_SIZE;
    v->na = false;
    v->u = u;
}

static void set_int(mt_value *v, int64_t i)
{
    v->kind = MT_VAL_INT;
    v->na = false;
    v->i = i;
}

/* Lowercase hex, at least `digits` digits (snprintf is the slow part
 * of a 100,000-row map). */
static char *hex(char *p, uint64_t x, int digits)
{
    char d[16];
    int n = 0;
    do {
        d[n++] = "0123456789abcdef"[x & 15];
        x >>= 4;
    } while (x || n < digits);
    while (n)
        *p++ = d[--n];
    *p = '\0';
    return p;
}

static void set_hex(mt_value *v, char *scratch, uint64_t x)
{
    hex(scratch, x, 1);
    set_str(v, scratch);
}

static void get_start(const mt_region *r, mt_value *v, char *b)  { set_hex(v, b, r->start); }
static void get_end(const mt_region *r, mt_value *v, char *b)    { set_hex(v, b, r->end); }
static void get_offset(const mt_region *r, mt_value *v, char *b) { set_hex(v, b, r->offset); }
static void get_perms(const mt_region *r, mt_value *v, char *b)  { (void)b; set_str(v, r->perms); }
static void get_path(const mt_region *r, mt_value *v, char *b)   { (void)b; set_str(v, r->path); }
static void get_inode(const mt_region *r, mt_value *v, char *b)  { (void)b; set_size(v, r->inode); }
static void get_size(const mt_region *r, mt_value *v, char *b)   { (void)b; set_size(v, r->size); }
static void get_rss(const mt_region *r, mt_value *v, char *b)    { (void)b; set_size(v, r->rss); }
static void get_pss(const mt_region *r, mt_value *v, char *b)    { (void)b; set_size(v, r->pss); }
static void get_swap(const mt_region *r, mt_value *v, char *b)   { (void)b; set_size(v, r->swap); }
static void get_locked(const mt_region *r, mt_value *v, char *b) { (void)b; set_size(v, r->locked); }
static void get_anon(const mt_region *r, mt_value *v, char *b)   { (void)b; set_size(v, r->anonymous); }
static void get_thp(const mt_region *r, mt_value *v, char *b)    { (void)b; set_size(v, r->anon_huge); }
static void get_swpss(const mt_region *r, mt_value *v, char *b)  { (void)b; set_size(v, r->swap_pss); }
static void get_delta(const mt_region *r, mt_value *v, char *b)  { (void)b; set_int(v, r->delta_rss); }

static void get_class(const mt_region *r, mt_value *v, char *b)
{
    (void)b;
    set_str(v, mt_region_class_name(r->cls));
}

static void get_dev(const mt_region *r, mt_value *v, char *b)
{
    char *p = hex(b, r->dev_major, 2);
    *p++ = ':';
    hex(p, r->dev_minor, 2);
    set_str(v, b);
}

static void get_dirty(const mt_region *r, mt_value *v, char *b)
{
    (void)b;
    set_size(v, mt_region_dirty(r));
}

static void get_sh_clean(const mt_region *r, mt_value *v, char *b)
{
    (void)b;
    set_size(v, r->shared_clean);
}

static void get_sh_dirty(const mt_region *r, mt_value *v, char *b)
{
    (void)b;
    set_size(v, r->shared_dirty);
}

static void get_pr_clean(const mt_region *r, mt_value *v, char *b)
{
    (void)b;
    set_size(v, r->private_clean);
}

static void get_pr_dirty(const mt_region *r, mt_value *v, char *b)
{
    (void)b;
    set_size(v, r->private_dirty);
}

static void get_new(const mt_region *r, mt_value *v, char *b)
{
    (void)b;
    v->kind = MT_VAL_BOOL;
    v->na = false;
    v->b = r->is_new;
}

static void get_gone(const mt_region *r, mt_value *v, char *b)
{
    (void)b;
    v->kind = MT_VAL_BOOL;
    v->na = false;
    v->b = r->gone;
}

const mt_region_field mt_region_fields[] = {
    { "start", get_start },
    { "end", get_end },
    { "perms", get_perms },
    { "offset", get_offset },
    { "dev", get_dev },
    { "inode", get_inode },
    { "path", get_path },
    { "class", get_class },
    { "size", get_size },
    { "rss", get_rss },
    { "pss", get_pss },
    { "dirty", get_dirty },
    { "swap", get_swap },
    { "delta_rss", get_delta },
    { "new", get_new },
    { "shared_clean", get_sh_clean },
    { "shared_dirty", get_sh_dirty },
    { "private_clean", get_pr_clean },
    { "private_dirty", get_pr_dirty },
    { "anonymous", get_anon },
    { "swap_pss", get_swpss },
    { "locked", get_locked },
    { "anon_huge", get_thp },
    { "gone", get_gone },
};

const size_t mt_region_nfields = sizeof mt_region_fields / sizeof mt_region_fields[0];

/* ---- writing the mappings fast -------------------------------------
 * A map can hold 100,000 mappings of 23 fields: one fprintf or escaper
 * call per field costs more than parsing the whole smaps.  So rows are
 * built in one buffer written in 64 KiB pieces; numbers and hex are
 * formatted by hand; a string that needs no escaping (printable ASCII,
 * no quote, comma or backslash) is copied as is, anything else still
 * goes through the one escaper of its format. */

#define ROW_BUF (64 * 1024)
#define FIELD_MAX 64    /* room for any number, hex or short string */

typedef struct rows {
    FILE *out;
    size_t n;
    bool failed;
    char b[ROW_BUF];
} rows;

static void rows_flush(rows *w)
{
    if (w->n && fwrite(w->b, 1, w->n, w->out) != w->n)
        w->failed = true;
    w->n = 0;
}

/* Makes room for n more bytes (n <= ROW_BUF). */
static char *rows_room(rows *w, size_t n)
{
    if (w->n + n > ROW_BUF)
        rows_flush(w);
    return w->b + w->n;
}

static void rows_put(rows *w, const char *s, size_t n)
{
    if (n > ROW_BUF / 2) {
        rows_flush(w);
        if (fwrite(s, 1, n, w->out) != n)
            w->failed = true;
        return;
    }
    memcpy(rows_room(w, n), s, n);
    w->n += n;
}

static void rows_u64(rows *w, uint64_t u, bool neg)
{
    char *p = rows_room(w, FIELD_MAX);
    if (u < 10 && !neg) {       /* most fields of most mappings: 0 */
        *p = (char)('0' + u);
        w->n++;
        return;
    }
    size_t len = neg;
    for (uint64_t v = u; v; v /= 10)
        len++;
    if (neg)
        p[0] = '-';
    char *q = p + len;
    do {
        *--q = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    w->n += len;
}

static bool plain(const char *s, size_t *len)
{
    const char *p = s;
    for (; *p; p++)
        if (*p < 0x20 || *p > 0x7e || *p == '"' || *p == ',' || *p == '\\')
            return false;
    *len = (size_t)(p - s);
    return true;
}

static void rows_str(rows *w, const char *s, enum mt_format fmt)
{
    size_t len;
    if (!plain(s, &len)) {
        rows_flush(w);
        if ((fmt == MT_FMT_JSON ? mt_json_write(w->out, s) : mt_csv_write(w->out, s)) < 0)
            w->failed = true;
        return;
    }
    if (fmt == MT_FMT_JSON)
        rows_put(w, "\"", 1);
    rows_put(w, s, len);
    if (fmt == MT_FMT_JSON)
        rows_put(w, "\"", 1);
}

static void rows_value(rows *w, const mt_value *v, enum mt_format fmt)
{
    if (v->na) {
        if (fmt == MT_FMT_JSON)
            rows_put(w, "null", 4);
        return;
    }
    switch (v->kind) {
    case MT_VAL_SIZE: rows_u64(w, v->u, false); break;
    case MT_VAL_INT:
        rows_u64(w, v->i < 0 ? 0 - (uint64_t)v->i : (uint64_t)v->i, v->i < 0);
        break;
    case MT_VAL_STR: rows_str(w, v->s, fmt); break;
    case MT_VAL_BOOL: rows_put(w, v->b ? "true" : "false", v->b ? 4 : 5); break;
    case MT_VAL_REAL: {
        char buf[64];
        mt_format_fixed(buf, sizeof buf, v->r, v->decimals);
        rows_put(w, buf, strlen(buf));
        break;
    }
    }
}

static void rows_region(rows *w, const mt_region *r, enum mt_format fmt)
{
    char scratch[MT_FIELD_SCRATCH];
    for (size_t i = 0; i < mt_region_nfields; i++) {
        mt_value v;
        mt_region_fields[i].get(r, &v, scratch);
        if (fmt == MT_FMT_JSON) {
            char *p = rows_room(w, FIELD_MAX);
            size_t len = strlen(mt_region_fields[i].name);
            *p++ = i ? ',' : '{';
            *p++ = '"';
            memcpy(p, mt_region_fields[i].name, len);
            p[len] = '"';
            p[len + 1] = ':';
            w->n += len + 4;
        } else if (i > 0) {
            *rows_room(w, 1) = ',';
            w->n++;
        }
        rows_value(w, &v, fmt);
    }
}

int mt_regions_write(FILE *out, const mt_map *m, enum mt_format fmt, const char *prefix)
{
    static rows w;  /* 64 KiB: kept off the stack; writers are not reentrant */
    size_t plen = prefix ? strlen(prefix) : 0;
    w.out = out;
    w.n = 0;
    w.failed = false;
    if (fmt == MT_FMT_JSON)
        rows_put(&w, "[", 1);
    for (size_t i = 0; i < m->n && !w.failed; i++) {
        if (fmt == MT_FMT_JSON) {
            if (i > 0)
                rows_put(&w, ",", 1);
            rows_region(&w, &m->regions[i], fmt);
            rows_put(&w, "}", 1);
        } else {
            rows_put(&w, prefix, plen);
            rows_region(&w, &m->regions[i], fmt);
            rows_put(&w, "\r\n", 2);
        }
    }
    if (fmt == MT_FMT_JSON)
        rows_put(&w, "]", 1);
    rows_flush(&w);
    return w.failed ? -1 : 0;
}
