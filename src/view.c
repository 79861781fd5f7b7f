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
    [MT_SORT_COMMAND] = "command", [MT_SORT_PSS] = "pss",
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

const char *mt_sort_key_names(void)
{
    return "pid user virt res shr swap heap growth pss command";
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
        return !p->kthread;
    if (f->npids > 0) {
        bool found = false;
        for (size_t i = 0; i < f->npids && !found; i++)
            found = f->pids[i] == p->pid;
        if (!found)
            return false;
    } else if (p->kthread && !f->kthreads) {
        /* A PID asked for by number is shown even if it is a kthread. */
        return false;
    }
    if (f->by_uid && p->uid != f->uid)
        return false;
    if (f->text && *f->text && !contains_ci(p->comm, f->text) &&
        !(p->cmdline && contains_ci(p->cmdline, f->text)))
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

/* Natural order (ascending) of one key; sizes are then flipped so that
 * the default shows the largest first, as top does. */
static int cmp_key(const mt_proc *a, const mt_proc *b, enum mt_sort_key key)
{
    switch (key) {
    case MT_SORT_PID:     return cmp_int(a->pid, b->pid);
    case MT_SORT_USER:    return strcmp(a->user, b->user);
    case MT_SORT_COMMAND: return strcmp(a->comm, b->comm);
    case MT_SORT_VIRT:    return -cmp_size(a->virt, b->virt);
    case MT_SORT_RES:     return -cmp_size(a->res, b->res);
    case MT_SORT_SHR:     return -cmp_size(a->shr, b->shr);
    case MT_SORT_SWAP:    return -cmp_size(a->swap, b->swap);
    case MT_SORT_HEAP:    return -cmp_size(a->heap, b->heap);
    case MT_SORT_GROWTH:  return -cmp_real(a->growth, b->growth);
    case MT_SORT_PSS:     return -cmp_size(a->pss, b->pss);
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
        c = -cmp_size(a->res, b->res);
    if (c == 0)
        c = cmp_int(a->pid, b->pid);
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
