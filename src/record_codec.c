/* record_codec.c - one snapshot as a frame's payload and back: full
 * records for new processes and keyframes, otherwise the fields that
 * changed since the previous frame as zigzag varint deltas. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "memtop/record.h"
#include "memtop/util.h"
#include "record_internal.h"

/* Which fields of a process record follow its PID.  NEW: a full record.
 * The sizes that change most come first, so that the usual mask fits in
 * one varint byte. */
enum {
    F_NEW = 1u << 0,
    F_SIZES = 1u << 1,          /* 7 bits: res anon virt shr file shmem swap */
    F_STATE = 1u << 8,
    F_THREADS = 1u << 9,
    F_PPID = 1u << 10,
    F_UID = 1u << 11,
    F_FLAGS = 1u << 12,
    F_USER = 1u << 13,
    F_COMM = 1u << 14,
    F_CMDLINE = 1u << 15,
    F_ALL_V1 = (1u << 16) - 1,
    F_OOM = 1u << 16,           /* version 2: oom_score, oom_score_adj */
    F_ALL = (1u << 17) - 1,
};

#define NSIZES 7
static const size_t size_off[NSIZES] = {
    offsetof(mt_sample, res), offsetof(mt_sample, anon), offsetof(mt_sample, virt),
    offsetof(mt_sample, shr), offsetof(mt_sample, file), offsetof(mt_sample, shmem),
    offsetof(mt_sample, swap),
};

static uint64_t size_at(const mt_sample *p, int i)
{
    uint64_t v;
    memcpy(&v, (const char *)p + size_off[i], sizeof v);
    return v;
}

static void size_set(mt_sample *p, int i, uint64_t v)
{
    memcpy((char *)p + size_off[i], &v, sizeof v);
}

/* Sizes are stored as v + 1, with 0 for "unavailable". */
static uint64_t wire(uint64_t v) { return v == MT_NA ? 0 : v + 1; }
static uint64_t unwire(uint64_t w) { return w == 0 ? MT_NA : w - 1; }
static uint64_t zigzag(int64_t v) { return ((uint64_t)v << 1) ^ (uint64_t)(v >> 63); }
static int64_t unzigzag(uint64_t u) { return (int64_t)(u >> 1) ^ -(int64_t)(u & 1); }
/* Ints the same way: 0 for MT_NA_INT, else zigzag + 1. */
static uint64_t wire_int(int v) { return v == MT_NA_INT ? 0 : zigzag(v) + 1; }

typedef struct pid_index {
    pid_t pid;
    size_t idx;
} pid_index;

struct mt_rec_codec {
    uint32_t version;       /* of the payloads */
    mt_snapshot prev;       /* the snapshot the next delta is against */
    pid_index *order;       /* prev's processes sorted by PID */
    size_t order_cap;
    uint8_t *used;          /* decoding: which of them a delta already took */
    size_t used_cap;
    uint64_t budget;        /* decoding: bytes a snapshot may take; 0: any */
};

mt_rec_codec *mt_rec_codec_new(void)
{
    mt_rec_codec *c = mt_xcalloc(1, sizeof *c);
    c->version = MT_REC_VERSION;
    mt_snapshot_init(&c->prev);
    return c;
}

void mt_rec_codec_set_version(mt_rec_codec *c, uint32_t version)
{
    c->version = version;
}

void mt_rec_codec_set_budget(mt_rec_codec *c, uint64_t bytes)
{
    c->budget = bytes;
}

void mt_rec_codec_free(mt_rec_codec *c)
{
    if (!c)
        return;
    mt_snapshot_free(&c->prev);
    free(c->order);
    free(c->used);
    free(c);
}

static int by_pid(const void *a, const void *b)
{
    pid_t x = ((const pid_index *)a)->pid, y = ((const pid_index *)b)->pid;
    return (x > y) - (x < y);
}

/* Keeps a copy of s (raw fields and command lines) as the next base. */
static void remember(mt_rec_codec *c, const mt_snapshot *s)
{
    mt_snapshot_clear(&c->prev);
    c->prev.time = s->time;
    c->prev.sys = s->sys;
    for (size_t i = 0; i < s->nprocs; i++) {
        mt_proc *p = mt_snapshot_add(&c->prev);
        p->raw = s->procs[i].raw;
        bool cut = p->raw.cmdline_cut;
        mt_snapshot_set_cmdline(&c->prev, p, s->procs[i].raw.cmdline ? s->procs[i].raw.cmdline : "");
        p->raw.cmdline_cut = cut;
    }
    mt_snapshot_seal(&c->prev);
    c->order = mt_xgrow(c->order, &c->order_cap, s->nprocs + 1, sizeof *c->order);
    for (size_t i = 0; i < s->nprocs; i++)
        c->order[i] = (pid_index){ s->procs[i].raw.pid, i };
    qsort(c->order, s->nprocs, sizeof *c->order, by_pid);
}

/* The position of pid in c->order, or SIZE_MAX. */
static size_t prev_find(const mt_rec_codec *c, pid_t pid)
{
    size_t lo = 0, hi = c->prev.nprocs;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (c->order[mid].pid == pid)
            return mid;
        if (c->order[mid].pid < pid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return SIZE_MAX;
}

/* -- encoding -- */

typedef struct obuf {
    uint8_t *p;
    size_t len, cap;
} obuf;

static void put_bytes(obuf *b, const void *src, size_t n)
{
    b->p = mt_xgrow(b->p, &b->cap, b->len + n, 1);
    memcpy(b->p + b->len, src, n);
    b->len += n;
}

static void put_var(obuf *b, uint64_t v)
{
    uint8_t tmp[10];
    size_t n = 0;
    do {
        tmp[n] = (uint8_t)(v & 0x7f);
        v >>= 7;
        if (v)
            tmp[n] |= 0x80;
        n++;
    } while (v);
    put_bytes(b, tmp, n);
}

static void put_double(obuf *b, double d)
{
    uint64_t u;
    uint8_t tmp[8];
    memcpy(&u, &d, sizeof u);
    for (int i = 0; i < 8; i++)
        tmp[i] = (uint8_t)(u >> (8 * i));
    put_bytes(b, tmp, 8);
}

static void put_str(obuf *b, const char *s)
{
    size_t n = s ? strlen(s) : 0;
    put_var(b, n);
    put_bytes(b, s, n);
}

/* Bit 0 kthread, bit 1 cmdline cut, bits 2-: exec_gen (readers before
 * it ignore those bits). */
static uint64_t proc_flags(const mt_sample *p)
{
    return (uint64_t)p->kthread | (uint64_t)p->cmdline_cut << 1 | (uint64_t)p->exec_gen << 2;
}

static void encode_system(obuf *b, const mt_snapshot *s)
{
    const mt_system *y = &s->sys;
    put_double(b, s->time);
    put_str(b, y->hostname);
    put_double(b, y->uptime);
    put_double(b, y->boot_time);
    const uint64_t sizes[] = { y->mem_total, y->mem_free, y->mem_available, y->mem_anon,
                               y->mem_file, y->mem_shmem, y->mem_kernel, y->swap_total,
                               y->swap_free };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        put_var(b, wire(sizes[i]));
    put_var(b, y->tasks);
    put_var(b, y->zombies);
    put_var(b, y->kthreads);
}

static void encode_full(obuf *b, const mt_sample *p)
{
    put_var(b, F_NEW);
    put_var(b, zigzag(p->ppid));
    put_var(b, p->uid);
    put_var(b, (uint8_t)p->state);
    put_var(b, proc_flags(p));
    put_var(b, zigzag(p->threads));
    put_var(b, p->start_ticks);
    put_double(b, p->start);
    put_str(b, p->user);
    put_str(b, p->comm);
    put_str(b, p->cmdline);
    for (int i = 0; i < NSIZES; i++)
        put_var(b, wire(size_at(p, i)));
    put_var(b, wire_int(p->oom_score));
    put_var(b, wire_int(p->oom_adj));
}

static const char *str_or_empty(const char *s) { return s ? s : ""; }

static void encode_delta(obuf *b, const mt_sample *p, const mt_sample *o)
{
    unsigned mask = 0;
    for (int i = 0; i < NSIZES; i++)
        if (size_at(p, i) != size_at(o, i))
            mask |= F_SIZES << i;
    mask |= (p->state != o->state ? F_STATE : 0) | (p->threads != o->threads ? F_THREADS : 0) |
            (p->ppid != o->ppid ? F_PPID : 0) | (p->uid != o->uid ? F_UID : 0) |
            (proc_flags(p) != proc_flags(o) ? F_FLAGS : 0) |
            (strcmp(p->user, o->user) != 0 ? F_USER : 0) |
            (strcmp(p->comm, o->comm) != 0 ? F_COMM : 0) |
            (strcmp(str_or_empty(p->cmdline), str_or_empty(o->cmdline)) != 0 ? F_CMDLINE : 0) |
            (p->oom_score != o->oom_score || p->oom_adj != o->oom_adj ? F_OOM : 0);
    put_var(b, mask);
    for (int i = 0; i < NSIZES; i++)
        if (mask & (F_SIZES << i))
            put_var(b, zigzag((int64_t)(wire(size_at(p, i)) - wire(size_at(o, i)))));
    if (mask & F_STATE)
        put_var(b, (uint8_t)p->state);
    if (mask & F_THREADS)
        put_var(b, zigzag((int64_t)p->threads - o->threads));
    if (mask & F_PPID)
        put_var(b, zigzag(p->ppid));
    if (mask & F_UID)
        put_var(b, p->uid);
    if (mask & F_FLAGS)
        put_var(b, proc_flags(p));
    if (mask & F_USER)
        put_str(b, p->user);
    if (mask & F_COMM)
        put_str(b, p->comm);
    if (mask & F_CMDLINE)
        put_str(b, p->cmdline);
    if (mask & F_OOM) {
        put_var(b, wire_int(p->oom_score));
        put_var(b, wire_int(p->oom_adj));
    }
}

size_t mt_rec_encode(mt_rec_codec *c, const mt_snapshot *s, bool keyframe,
                     uint8_t **buf, size_t *cap)
{
    obuf b = { *buf, 0, *cap };
    c->used = mt_xgrow(c->used, &c->used_cap, c->prev.nprocs + 1, 1);
    memset(c->used, 0, c->prev.nprocs);
    encode_system(&b, s);
    put_var(&b, s->nprocs);
    pid_t last = 0;
    for (size_t i = 0; i < s->nprocs; i++) {
        const mt_proc *p = &s->procs[i];
        /* A PID seen twice (never, from /proc) is recorded in full the
         * second time: the decoder lets each process continue once. */
        size_t at = keyframe ? SIZE_MAX : prev_find(c, p->raw.pid);
        const mt_proc *o = NULL;
        if (at != SIZE_MAX && !c->used[at]) {
            o = &c->prev.procs[c->order[at].idx];
            c->used[at] = 1;
        }
        put_var(&b, zigzag((int64_t)p->raw.pid - last));
        last = p->raw.pid;
        if (o && mt_proc_same(p, o) && p->raw.start == o->raw.start)
            encode_delta(&b, &p->raw, &o->raw);
        else
            encode_full(&b, &p->raw);
    }
    remember(c, s);
    *buf = b.p;
    *cap = b.cap;
    return b.len;
}

/* -- decoding: every read is bounds-checked; any failure is "corrupt" -- */

typedef struct ibuf {
    const uint8_t *p;
    size_t len, pos;
    bool bad;
} ibuf;

static uint64_t get_var(ibuf *b)
{
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
        if (b->pos >= b->len) {
            b->bad = true;
            return 0;
        }
        uint8_t byte = b->p[b->pos++];
        v |= (uint64_t)(byte & 0x7f) << shift;
        if (!(byte & 0x80))
            return v;
    }
    b->bad = true;
    return 0;
}

static double get_double(ibuf *b)
{
    if (b->len - b->pos < 8) {
        b->bad = true;
        return 0;
    }
    uint64_t u = get_u64(b->p + b->pos);
    b->pos += 8;
    double d;
    memcpy(&d, &u, sizeof d);
    return d;
}

/* A string of at most max bytes into dst (max + 1 bytes). */
static void get_str(ibuf *b, char *dst, size_t max)
{
    uint64_t n = get_var(b);
    if (b->bad || n > max || n > b->len - b->pos) {
        b->bad = true;
        dst[0] = '\0';
        return;
    }
    memcpy(dst, b->p + b->pos, (size_t)n);
    dst[n] = '\0';
    b->pos += (size_t)n;
}

/* A state as the kernel writes it (fs/proc/array.c, and the letters
 * of older kernels), or 0 for unread.  Anything else is not a recording
 * memtop wrote: it would reach a terminal in -o text. */
static char get_state(ibuf *b)
{
    uint64_t v = get_var(b);
    if (v != 0 && (v > 127 || !strchr("RSDTtXxZPIKWN", (int)v)))
        b->bad = true;
    return b->bad ? 0 : (char)v;
}

/* A recorded time in seconds: finite and not negative. */
static double get_time(ibuf *b)
{
    double d = get_double(b);
    if (!isfinite(d) || d < 0)
        b->bad = true;
    return d;
}

static void decode_system(ibuf *b, mt_snapshot *s)
{
    mt_system *y = &s->sys;
    s->time = get_time(b);
    get_str(b, y->hostname, sizeof y->hostname - 1);
    y->uptime = get_time(b);
    y->boot_time = get_time(b);
    uint64_t *sizes[] = { &y->mem_total, &y->mem_free, &y->mem_available, &y->mem_anon,
                          &y->mem_file, &y->mem_shmem, &y->mem_kernel, &y->swap_total,
                          &y->swap_free };
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++)
        *sizes[i] = unwire(get_var(b));
    y->tasks = (unsigned)get_var(b);
    y->zombies = (unsigned)get_var(b);
    y->kthreads = (unsigned)get_var(b);
}

/* An int written by wire_int; out of an int's range is corrupt. */
static int get_int(ibuf *b)
{
    uint64_t w = get_var(b);
    if (w == 0)
        return MT_NA_INT;
    int64_t v = unzigzag(w - 1);
    if (v <= INT32_MIN || v > INT32_MAX) {
        b->bad = true;
        return MT_NA_INT;
    }
    return (int)v;
}

static void set_flags(mt_sample *p, uint64_t f)
{
    p->kthread = f & 1;
    p->cmdline_cut = (f >> 1) & 1;
    p->exec_gen = (unsigned)(f >> 2);
}

static void decode_full(ibuf *b, uint32_t version, mt_sample *p, char *cmdline)
{
    p->ppid = (pid_t)unzigzag(get_var(b));
    p->uid = (uid_t)get_var(b);
    p->state = get_state(b);
    set_flags(p, get_var(b));
    p->threads = (int)unzigzag(get_var(b));
    p->start_ticks = get_var(b);
    p->start = get_time(b);
    get_str(b, p->user, sizeof p->user - 1);
    get_str(b, p->comm, sizeof p->comm - 1);
    get_str(b, cmdline, MT_CMDLINE_MAX);
    for (int i = 0; i < NSIZES; i++)
        size_set(p, i, unwire(get_var(b)));
    if (version >= 2) {
        p->oom_score = get_int(b);
        p->oom_adj = get_int(b);
    }
}

static void decode_delta(ibuf *b, unsigned mask, mt_sample *p, const mt_sample *o, char *cmdline)
{
    *p = *o;
    mt_strlcpy(cmdline, str_or_empty(o->cmdline), MT_CMDLINE_MAX + 1);
    for (int i = 0; i < NSIZES; i++)
        if (mask & (F_SIZES << i))
            size_set(p, i, unwire(wire(size_at(o, i)) + (uint64_t)unzigzag(get_var(b))));
    if (mask & F_STATE)
        p->state = get_state(b);
    if (mask & F_THREADS)
        p->threads = (int)((uint64_t)o->threads + (uint64_t)unzigzag(get_var(b)));
    if (mask & F_PPID)
        p->ppid = (pid_t)unzigzag(get_var(b));
    if (mask & F_UID)
        p->uid = (uid_t)get_var(b);
    if (mask & F_FLAGS)
        set_flags(p, get_var(b));
    if (mask & F_USER)
        get_str(b, p->user, sizeof p->user - 1);
    if (mask & F_COMM)
        get_str(b, p->comm, sizeof p->comm - 1);
    if (mask & F_CMDLINE)
        get_str(b, cmdline, MT_CMDLINE_MAX);
    if (mask & F_OOM) {
        p->oom_score = get_int(b);
        p->oom_adj = get_int(b);
    }
}

/* One process record; false when it does not decode. */
static bool decode_proc(mt_rec_codec *c, ibuf *b, mt_snapshot *out, pid_t *last,
                        bool keyframe, char *cmdline)
{
    /* Wrapping arithmetic: a hostile delta must not overflow. */
    int64_t pid = (int64_t)((uint64_t)*last + (uint64_t)unzigzag(get_var(b)));
    uint64_t mask = get_var(b);
    if (b->bad || pid <= 0 || pid > INT32_MAX || mask > (c->version >= 2 ? F_ALL : F_ALL_V1))
        return false;
    *last = (pid_t)pid;
    mt_proc *p = mt_snapshot_add(out);
    if (mask & F_NEW) {
        if (mask != F_NEW)
            return false;
        decode_full(b, c->version, &p->raw, cmdline);
    } else {
        /* Each earlier process can continue once: repeating one would
         * let a few bytes of input copy its command line without bound. */
        size_t at = keyframe ? SIZE_MAX : prev_find(c, (pid_t)pid);
        if (at == SIZE_MAX || c->used[at])
            return false;
        c->used[at] = 1;
        decode_delta(b, (unsigned)mask, &p->raw, &c->prev.procs[c->order[at].idx].raw, cmdline);
    }
    p->raw.pid = (pid_t)pid;
    bool cut = p->raw.cmdline_cut;
    mt_snapshot_set_cmdline(out, p, cmdline);
    p->raw.cmdline_cut = cut;
    p->raw.cmdline = NULL;
    mt_sample_derive(&p->raw);
    /* Only the sample is recorded: p->notes stay as mt_snapshot_add()
     * left them, for the replay's analysis to fill. */
    return !b->bad;
}

int mt_rec_decode(mt_rec_codec *c, const uint8_t *data, size_t len, bool keyframe,
                  mt_snapshot *out)
{
    ibuf b = { data, len, 0, false };
    char *cmdline = mt_xmalloc(MT_CMDLINE_MAX + 1);
    mt_snapshot_clear(out);
    decode_system(&b, out);
    uint64_t n = get_var(&b);
    /* Every record takes at least two bytes: a count beyond that is a
     * lie; and no machine runs more than MT_REC_MAX_PROCS processes. */
    bool ok = !b.bad && n <= (len - b.pos) / 2 && n <= MT_REC_MAX_PROCS;
    c->used = mt_xgrow(c->used, &c->used_cap, c->prev.nprocs + 1, 1);
    memset(c->used, 0, c->prev.nprocs);
    pid_t last = 0;
    bool big = false;
    for (uint64_t i = 0; ok && i < n; i++) {
        ok = decode_proc(c, &b, out, &last, keyframe, cmdline);
        big = c->budget && out->nprocs * sizeof(mt_proc) + out->strings_len > c->budget;
        ok = ok && !big;
    }
    free(cmdline);
    if (ok && b.pos != len)
        ok = false;
    mt_snapshot_seal(out);
    if (!ok) {
        mt_snapshot_clear(out);
        mt_snapshot_seal(out);
        return big ? MT_REC_DECODE_TOO_BIG : -1;
    }
    remember(c, out);
    return 0;
}
