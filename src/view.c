/* view.c - filtering and sorting a snapshot for display. */
#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "memtop/util.h"
#include "memtop/view.h"

static const char *const key_names[MT_SORT_NKEYS] = {
    [MT_SORT_PID] = "pid",   [MT_SORT_USER] = "user", [MT_SORT_VIRT] = "virt",
    [MT_SORT_RES] = "res",   [MT_SORT_SHR] = "shr",   [MT_SORT_SWAP] = "swap",
    [MT_SORT_HEAP] = "heap", [MT_SORT_GROWTH] = "growth",
    [MT_SORT_COMMAND] = "command", [MT_SORT_PSS] = "pss", [MT_SORT_OOM] = "oom",
};

int mt_sort_key_from_name(const char *name)
{
    for (int k = 0; k < MT_SORT_NKEYS; k++)
        if (strcasecmp(name, key_names[k]) == 0)
            return k;
    return -1;
}

const char *mt_sort_key_name(enum mt_sort_key key)
{
    return key < MT_SORT_NKEYS ? key_names[key] : "?";
}

bool mt_sort_key_descending(enum mt_sort_key key)
{
    return key != MT_SORT_PID && key != MT_SORT_USER && key != MT_SORT_COMMAND;
}

const char *mt_sort_key_names(void)
{
    return "pid user virt res shr swap heap growth pss oom command";
}

/* Case-insensitive ASCII substring search. */
static bool contains_ci(const char *hay, const char *needle)
{
    size_t n = strlen(needle);
    if (n == 0)
        return true;
    for (; *hay; hay++)
        if (strncasecmp(hay, needle, n) == 0)
            return true;
    return false;
}

bool mt_filter_match(const mt_filter *f, const mt_proc *p)
{
    if (!f)
        return !p->raw.kthread;
    if (f->npids > 0) {
        bool found = false;
        for (size_t i = 0; i < f->npids && !found; i++)
            found = f->pids[i] == p->raw.pid;
        if (!found)
            return false;
    } else if (p->raw.kthread && !f->kthreads) {
        /* A PID asked for by number is shown even if it is a kthread. */
        return false;
    }
    if (f->by_uid && p->raw.uid != f->uid)
        return false;
    if (f->text && *f->text && !contains_ci(p->raw.comm, f->text) &&
        !(p->raw.cmdline && contains_ci(p->raw.cmdline, f->text)))
        return false;
    return true;
}

void mt_view_init(mt_view *v) { memset(v, 0, sizeof *v); }

void mt_view_free(mt_view *v)
{
    free(v->rows);
    mt_view_init(v);
}

/* Unknown sizes sort as smallest. */
static int cmp_size(uint64_t a, uint64_t b)
{
    if (a == b)
        return 0;
    if (a == MT_NA)
        return -1;
    if (b == MT_NA)
        return 1;
    return a < b ? -1 : 1;
}

static int cmp_int(long a, long b) { return (a > b) - (a < b); }

/* Unknown (NaN) growth sorts as smallest, below any shrinking process. */
static int cmp_real(double a, double b)
{
    if (isnan(a) || isnan(b))
        return !!isnan(b) - !!isnan(a);
    return (a > b) - (a < b);
}

/* The growth sort's first key: leak, then growing, then the rest. */
static int urgency(const mt_proc *p)
{
    return p->notes.verdict == MT_VERDICT_LEAK ? 2 : p->notes.verdict == MT_VERDICT_GROWING ? 1 : 0;
}

/* Natural order (ascending) of one key; sizes are then flipped so that
 * the default shows the largest first, as top does. */
static int cmp_key(const mt_proc *a, const mt_proc *b, enum mt_sort_key key)
{
    switch (key) {
    case MT_SORT_PID:     return cmp_int(a->raw.pid, b->raw.pid);
    case MT_SORT_USER:    return strcmp(a->raw.user, b->raw.user);
    case MT_SORT_COMMAND: return strcmp(a->raw.comm, b->raw.comm);
    case MT_SORT_VIRT:    return -cmp_size(a->raw.virt, b->raw.virt);
    case MT_SORT_RES:     return -cmp_size(a->raw.res, b->raw.res);
    case MT_SORT_SHR:     return -cmp_size(a->raw.shr, b->raw.shr);
    case MT_SORT_SWAP:    return -cmp_size(a->raw.swap, b->raw.swap);
    case MT_SORT_HEAP:    return -cmp_size(a->raw.heap, b->raw.heap);
    case MT_SORT_GROWTH:
        if (urgency(a) != urgency(b))
            return -cmp_int(urgency(a), urgency(b));
        return -cmp_real(a->notes.growth, b->notes.growth);
    case MT_SORT_PSS:     return -cmp_size(a->raw.pss, b->raw.pss);
    case MT_SORT_OOM:     /* unread (MT_NA_INT, the smallest int) last */
        return -cmp_int(a->raw.oom_score, b->raw.oom_score);
    case MT_SORT_NKEYS:   break;
    }
    return 0;
}

int mt_proc_compare(const mt_proc *a, const mt_proc *b, enum mt_sort_key key,
                    bool reverse)
{
    int c = cmp_key(a, b, key);
    if (reverse)
        c = -c;
    if (c == 0 && key != MT_SORT_RES)
        c = -cmp_size(a->raw.res, b->raw.res);
    if (c == 0)
        c = cmp_int(a->raw.pid, b->raw.pid);
    return c;
}

struct sort_order { enum mt_sort_key key; bool reverse; };

static int qsort_cmp(const void *x, const void *y, void *ctx)
{
    const struct sort_order *o = ctx;
    const mt_proc *a = *(const mt_proc *const *)x;
    const mt_proc *b = *(const mt_proc *const *)y;
    return mt_proc_compare(a, b, o->key, o->reverse);
}

void mt_view_build(mt_view *v, const mt_snapshot *s, const mt_filter *f,
                   enum mt_sort_key key, bool reverse)
{
    v->rows = mt_xgrow(v->rows, &v->cap, s->nprocs, sizeof *v->rows);
    v->n = 0;
    for (size_t i = 0; i < s->nprocs; i++)
        if (mt_filter_match(f, &s->procs[i]))
            v->rows[v->n++] = &s->procs[i];
    struct sort_order o = { key, reverse };
    /* glibc's qsort_r: the order travels with the call, not in a global. */
    qsort_r(v->rows, v->n, sizeof *v->rows, qsort_cmp, &o);
}

void mt_tree_init(mt_tree *t) { memset(t, 0, sizeof *t); }

void mt_tree_free(mt_tree *t)
{
    free(t->rows);
    free(t->depth);
    free(t->sub_res);
    free(t->sub_heap);
    free(t->sub_growth);
    free(t->more);
    free(t->w.open);
    free(t->w.family);
    free(t->w.stack);
    free(t->w.stack_depth);
    free(t->w.seen);
    free(t->w.acc_res);
    free(t->w.acc_heap);
    free(t->w.acc_growth);
    mt_view_free(&t->w.byid);
    mt_view_free(&t->w.roots);
    mt_tree_init(t);
}

#define GROW(p, n) ((p) = mt_xrealloc((p), (n) * sizeof *(p)))

static void tree_reserve(mt_tree *t, size_t n)
{
    if (n + 2 <= t->cap)
        return;
    size_t cap = n + 64;
    GROW(t->rows, cap);
    GROW(t->depth, cap);
    GROW(t->sub_res, cap);
    GROW(t->sub_heap, cap);
    GROW(t->sub_growth, cap);
    GROW(t->more, cap);
    GROW(t->w.open, cap);
    GROW(t->w.family, cap);
    GROW(t->w.stack, cap);
    GROW(t->w.stack_depth, cap);
    GROW(t->w.seen, cap);
    GROW(t->w.acc_res, cap);
    GROW(t->w.acc_heap, cap);
    GROW(t->w.acc_growth, cap);
    t->cap = cap;
}

/* Siblings together (by parent), each family in sort order. */
static int family_cmp(const void *x, const void *y, void *ctx)
{
    const struct sort_order *o = ctx;
    const mt_proc *a = *(const mt_proc *const *)x;
    const mt_proc *b = *(const mt_proc *const *)y;
    if (a->raw.ppid != b->raw.ppid)
        return cmp_int(a->raw.ppid, b->raw.ppid);
    return mt_proc_compare(a, b, o->key, o->reverse);
}

/* Index of pid among the shown processes (sorted by PID), or -1. */
static long find_pid(const mt_view *byid, pid_t pid)
{
    size_t lo = 0, hi = byid->n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (byid->rows[mid]->raw.pid < pid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < byid->n && byid->rows[lo]->raw.pid == pid ? (long)lo : -1;
}

/* Where ppid's children start in the family-sorted array. */
static size_t first_child(const mt_proc *const *fam, size_t n, pid_t ppid)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (fam[mid]->raw.ppid < ppid)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Pre-order walk from one root with an explicit stack (a deep tree
 * cannot overflow the C stack); each process is placed once, so even a
 * ppid loop ends. */
static void tree_walk(mt_tree *t, long root)
{
    size_t n = t->w.byid.n, sp = 0;
    if (t->w.seen[root])
        return;
    t->w.seen[root] = 1;
    t->w.stack[sp] = (size_t)root;
    t->w.stack_depth[sp++] = 0;
    while (sp > 0) {
        sp--;
        const mt_proc *p = t->w.byid.rows[t->w.stack[sp]];
        int d = t->w.stack_depth[sp];
        t->rows[t->n] = p;
        t->depth[t->n++] = d;
        size_t c = first_child(t->w.family, n, p->raw.pid), end = c;
        while (end < n && t->w.family[end]->raw.ppid == p->raw.pid)
            end++;
        for (size_t k = end; k > c; k--) { /* reversed: first child on top */
            long ci = find_pid(&t->w.byid, t->w.family[k - 1]->raw.pid);
            if (ci >= 0 && !t->w.seen[ci]) {
                t->w.seen[ci] = 1;
                t->w.stack[sp] = (size_t)ci;
                t->w.stack_depth[sp++] = d + 1;
            }
        }
    }
}

static uint64_t known(uint64_t v) { return v == MT_NA ? 0 : v; }

/* Subtree sums in one backward pass over the pre-order rows: when row i
 * (depth d) is reached, everything below it has been seen and acc[d+1]
 * holds exactly its children's subtrees. */
static void tree_sums(mt_tree *t)
{
    size_t levels = t->cap;
    memset(t->w.acc_res, 0, levels * sizeof *t->w.acc_res);
    memset(t->w.acc_heap, 0, levels * sizeof *t->w.acc_heap);
    memset(t->w.acc_growth, 0, levels * sizeof *t->w.acc_growth);
    for (size_t i = t->n; i-- > 0;) {
        const mt_proc *p = t->rows[i];
        size_t d = (size_t)t->depth[i];
        t->sub_res[i] = known(p->raw.res) + t->w.acc_res[d + 1];
        t->sub_heap[i] = known(p->raw.heap) + t->w.acc_heap[d + 1];
        t->sub_growth[i] = (isnan(p->notes.growth) ? 0 : p->notes.growth) + t->w.acc_growth[d + 1];
        t->w.acc_res[d + 1] = t->w.acc_heap[d + 1] = 0;
        t->w.acc_growth[d + 1] = 0;
        t->w.acc_res[d] += t->sub_res[i];
        t->w.acc_heap[d] += t->sub_heap[i];
        t->w.acc_growth[d] += t->sub_growth[i];
    }
}

/* more[i]: does a sibling follow row i?  Backward, open[d] says a row
 * of depth d was seen since the last row shallower than d. */
static void tree_siblings(mt_tree *t)
{
    memset(t->w.open, 0, t->cap);
    for (size_t i = t->n; i-- > 0;) {
        size_t d = (size_t)t->depth[i];
        t->more[i] = t->w.open[d];
        t->w.open[d] = 1;
        if (d + 1 < t->cap)
            t->w.open[d + 1] = 0;
    }
}

void mt_tree_build(mt_tree *t, const mt_snapshot *s, const mt_filter *f,
                   enum mt_sort_key key, bool reverse)
{
    struct sort_order o = { key, reverse };
    mt_view_build(&t->w.byid, s, f, MT_SORT_PID, false);
    mt_view_build(&t->w.roots, s, f, key, reverse);
    size_t n = t->w.byid.n;
    tree_reserve(t, n);
    memcpy(t->w.family, t->w.byid.rows, n * sizeof *t->w.family);
    qsort_r(t->w.family, n, sizeof *t->w.family, family_cmp, &o);
    memset(t->w.seen, 0, n);
    t->n = 0;
    /* Roots first (in sort order), then whatever a ppid loop hid. */
    for (size_t i = 0; i < t->w.roots.n; i++) {
        const mt_proc *p = t->w.roots.rows[i];
        if (p->raw.ppid == p->raw.pid || find_pid(&t->w.byid, p->raw.ppid) < 0)
            tree_walk(t, find_pid(&t->w.byid, p->raw.pid));
    }
    for (size_t i = 0; i < t->w.roots.n; i++)
        tree_walk(t, find_pid(&t->w.byid, t->w.roots.rows[i]->raw.pid));
    tree_sums(t);
    tree_siblings(t);
}
