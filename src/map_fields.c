/* map_fields.c - the per-mapping fields of the machine formats: CSV
 * columns and JSON keys of `-m PID` come from this one list.  Names are
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

/* The fields, in column order: (identifier, kind, value of the
 * mt_region *r).  Both the table of getters (mt_region_fields) and the
 * fast row writer below are made from this one list, so the two cannot
 * drift apart.  Kinds: HEX a number printed as a hex string, DEV
 * "major:minor", STR a string, U64 a size (always available), I64 a
 * signed number, BOOL. */
#define REGION_FIELDS(X)                                    \
    X(start, HEX, r->start)                                 \
    X(end, HEX, r->end)                                     \
    X(perms, STR, r->perms)                                 \
    X(offset, HEX, r->offset)                               \
    X(dev, DEV, r)                                          \
    X(inode, U64, r->inode)                                 \
    X(path, STR, r->path)                                   \
    X(class, STR, mt_region_class_name(r->cls))             \
    X(size, U64, r->size)                                   \
    X(rss, U64, r->rss)                                     \
    X(pss, U64, r->pss)                                     \
    X(dirty, U64, mt_region_dirty(r))                       \
    X(swap, U64, r->swap)                                   \
    X(delta_rss, I64, r->delta_rss)                         \
    X(new, BOOL, r->is_new)                                 \
    X(shared_clean, U64, r->shared_clean)                   \
    X(shared_dirty, U64, r->shared_dirty)                   \
    X(private_clean, U64, r->private_clean)                 \
    X(private_dirty, U64, r->private_dirty)                 \
    X(anonymous, U64, r->anonymous)                         \
    X(swap_pss, U64, r->swap_pss)                           \
    X(locked, U64, r->locked)                               \
    X(anon_huge, U64, r->anon_huge)                         \
    X(gone, BOOL, r->gone)

/* Lowercase hex, at least `digits` digits (snprintf is the slow part
 * of a 100,000-row map): the length from the highest set bit, then the
 * digits from the right.  Returns the end (a '\0' is put there). */
static char *hex(char *p, uint64_t x, int digits)
{
    int n = x ? (64 - __builtin_clzll(x) + 3) / 4 : 1;
    if (n < digits)
        n = digits;
    char *end = p + n;
    *end = '\0';
    for (char *q = end; q > p; x >>= 4)
        *--q = "0123456789abcdef"[x & 15];
    return end;
}

/* "major:minor", each at least 2 hex digits as in /proc/PID/maps. */
static char *dev(char *p, const mt_region *r)
{
    p = hex(p, r->dev_major, 2);
    *p++ = ':';
    return hex(p, r->dev_minor, 2);
}

/* ---- the getters: one mt_value per field ---------------------------- */

#define SET_HEX(v, b, x)  (hex(b, x, 1), mt_value_str(v, b))
#define SET_DEV(v, b, r)  (dev(b, r), mt_value_str(v, b))
#define SET_STR(v, b, s)  mt_value_str(v, s)
#define SET_U64(v, b, u)  mt_value_u64(v, u)
#define SET_I64(v, b, i)  mt_value_int(v, i)
#define SET_BOOL(v, b, x) mt_value_bool(v, x)

#define GETTER(id, kind, val)                                           \
    static void get_##id(const mt_region *r, mt_value *v, char *b)     \
    {                                                                   \
        (void)b;                                                        \
        SET_##kind(v, b, val);                                          \
    }
REGION_FIELDS(GETTER)
#undef GETTER

const mt_region_field mt_region_fields[] = {
#define ENTRY(id, kind, val) { #id, get_##id },
    REGION_FIELDS(ENTRY)
#undef ENTRY
};

const size_t mt_region_nfields = sizeof mt_region_fields / sizeof mt_region_fields[0];

/* ---- writing the mappings fast -------------------------------------
 * A map can hold 100,000 mappings of 24 fields: one fprintf, escaper
 * call or even getter call per field costs more than parsing the whole
 * smaps.  So a row is written straight from the region by code made
 * from REGION_FIELDS, into one buffer written in 64 KiB pieces;
 * numbers and hex are formatted by hand; a string that needs no
 * escaping (printable ASCII, no quote, comma or backslash) is copied
 * as is, anything else still goes through the one escaper of its
 * format: the same bytes mt_value_write gives for each getter's value
 * (a unit test compares them). */

#define ROW_BUF (64 * 1024)
#define FIELD_MAX 64    /* room for any number, hex or short string, and
                           a JSON key */
#define COUNT(id, kind, val) +1
enum { NFIELDS = 0 REGION_FIELDS(COUNT) };
#undef COUNT
#define ROW_MAX (NFIELDS * FIELD_MAX)   /* a row but its long strings */

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

/* Starts a field: the separator or, in JSON, the key (key is
 * ",\"name\":", klen bytes; the first field's ',' is a '{' there),
 * with room after it for any value but a long string. */
static inline char *field(rows *w, bool json, const char *key, size_t klen, bool first)
{
    char *p = w->b + w->n;      /* rows_region made room for the row */
    if (json) {
        memcpy(p, key, klen);
        *p = first ? '{' : ',';
        return p + klen;
    }
    if (!first)
        *p++ = ',';
    return p;
}

static inline char *put_u64(char *p, uint64_t u, bool neg)
{
    if (u < 10 && !neg) {       /* most fields of most mappings: 0 */
        *p = (char)('0' + u);
        return p + 1;
    }
    /* Digits from the right into d[..24), then 24 bytes copied at once:
     * no count of the digits first. */
    char d[48], *q = d + 24;
    do {
        *--q = (char)('0' + u % 10);
        u /= 10;
    } while (u);
    if (neg)
        *--q = '-';
    memcpy(p, q, 24);
    return p + (d + 24 - q);
}

static inline char *put_i64(char *p, int64_t i)
{
    return put_u64(p, i < 0 ? 0 - (uint64_t)i : (uint64_t)i, i < 0);
}

static inline char *put_bool(char *p, bool b)
{
    memcpy(p, b ? "true" : "false", 5);
    return p + 5 - b;
}

static char *put_hex(char *p, uint64_t x, bool json)
{
    if (json)
        *p++ = '"';
    p = hex(p, x, 1);
    if (json)
        *p++ = '"';
    return p;
}

static char *put_dev(char *p, const mt_region *r, bool json)
{
    if (json)
        *p++ = '"';
    p = dev(p, r);
    if (json)
        *p++ = '"';
    return p;
}

/* Bytes a field may hold as they are: printable ASCII but the quote,
 * the comma and the backslash. */
static const bool plain_byte[256] = {
    [0x20 ... 0x21] = true, [0x23 ... 0x2b] = true,    /* not '"' */
    [0x2d ... 0x5b] = true, [0x5d ... 0x7e] = true,    /* not ',' '\\' */
};

static bool plain(const char *s, size_t *len)
{
    const char *p = s;
    for (; *p; p++)
        if (!plain_byte[(unsigned char)*p])
            return false;
    *len = (size_t)(p - s);
    return true;
}

/* A string copied at p by the loop below, at most: with a key before
 * it and quotes around, within FIELD_MAX. */
#define STR_FAST 32

static char *put_str(rows *w, char *p, const char *s, bool json)
{
    if (!s) {                   /* what mt_value_write does with NA */
        if (json) {
            memcpy(p, "null", 4);
            p += 4;
        }
        return p;
    }
    /* Short strings (perms, class, most paths): checked while copied,
     * in one pass; the copy is simply not counted if a byte needs
     * escaping or the string is long. */
    char *q = p + json;
    for (const char *e = q + STR_FAST; q < e && plain_byte[(unsigned char)*s]; q++)
        *q = *s++;
    if (!*s) {
        if (json) {
            *p = '"';
            *q++ = '"';
        }
        return q;
    }
    size_t len;
    const char *start = s - (q - p - json);
    w->n = (size_t)(p - w->b);
    if (!plain(start, &len)) {
        rows_flush(w);
        if ((json ? mt_json_write(w->out, start) : mt_csv_write(w->out, start)) < 0)
            w->failed = true;
    } else {
        if (json)
            rows_put(w, "\"", 1);
        rows_put(w, start, len);
        if (json)
            rows_put(w, "\"", 1);
    }
    return rows_room(w, ROW_MAX);   /* again room for the rest of the row */
}

#define PUT_HEX(w, p, x, json)  put_hex(p, x, json)
#define PUT_DEV(w, p, r, json)  put_dev(p, r, json)
#define PUT_STR(w, p, s, json)  put_str(w, p, s, json)
#define PUT_U64(w, p, u, json)  put_u64(p, u, false)
#define PUT_I64(w, p, i, json)  put_i64(p, i)
#define PUT_BOOL(w, p, b, json) put_bool(p, b)

/* One row; json is a constant in each caller, so each gets its own
 * straight code. */
static inline void rows_region(rows *w, const mt_region *r, bool json)
{
    bool first = true;
    rows_room(w, ROW_MAX);
#define PUT(id, kind, val)                                                         \
    w->n = (size_t)(PUT_##kind(w, field(w, json, ",\"" #id "\":",                    \
                                        sizeof ",\"" #id "\":" - 1, first),         \
                               val, json) - w->b);                                 \
    first = false;
    REGION_FIELDS(PUT)
#undef PUT
}

static void rows_csv(rows *w, const mt_region *r) { rows_region(w, r, false); }
static void rows_json(rows *w, const mt_region *r) { rows_region(w, r, true); }

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
            rows_json(&w, &m->regions[i]);
            rows_put(&w, "}", 1);
        } else {
            rows_put(&w, prefix, plen);
            rows_csv(&w, &m->regions[i]);
            rows_put(&w, "\r\n", 2);
        }
    }
    if (fmt == MT_FMT_JSON)
        rows_put(&w, "]", 1);
    rows_flush(&w);
    return w.failed ? -1 : 0;
}
