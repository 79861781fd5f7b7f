/* view.h - what a sink shows of a snapshot: the processes that pass the
 * filter, in sort order.  The snapshot itself keeps every process (the
 * recorder and the history want them all).
 */
#ifndef MEMTOP_VIEW_H
#define MEMTOP_VIEW_H

#include <stdbool.h>
#include <sys/types.h>

#include "memtop/snapshot.h"

enum mt_sort_key {
    MT_SORT_PID,
    MT_SORT_USER,
    MT_SORT_VIRT,
    MT_SORT_RES,
    MT_SORT_SHR,
    MT_SORT_SWAP,
    MT_SORT_HEAP,
    MT_SORT_GROWTH,
    MT_SORT_COMMAND,
    MT_SORT_PSS,
    MT_SORT_OOM,            /* oom_score: whom the OOM killer picks first */
    MT_SORT_NKEYS
};

/* "pid", "res", ... -> key; returns -1 for an unknown name. */
int mt_sort_key_from_name(const char *name);
const char *mt_sort_key_name(enum mt_sort_key key);
/* True when key's own order is largest first (sizes, growth), false
 * when it is ascending (PID, names): what "reverse" turns around. */
bool mt_sort_key_descending(enum mt_sort_key key);
/* The key names, space separated, for --help and error messages. */
const char *mt_sort_key_names(void);

typedef struct mt_filter {
    const pid_t *pids;          /* only these, when npids > 0 */
    size_t npids;
    bool by_uid;
    uid_t uid;
    const char *text;           /* case-insensitive substring of comm or cmdline */
    bool kthreads;              /* show kernel threads */
} mt_filter;

bool mt_filter_match(const mt_filter *f, const mt_proc *p);

typedef struct mt_view {
    const mt_proc **rows;
    size_t n, cap;
} mt_view;

void mt_view_init(mt_view *v);
void mt_view_free(mt_view *v);
/* Fills v with the processes of s that pass f, sorted by key.  Sizes
 * and growth sort largest first (unknown last), names and PIDs
 * ascending; reverse flips that.  Ties are broken by RES (largest
 * first), then PID. */
void mt_view_build(mt_view *v, const mt_snapshot *s, const mt_filter *f,
                   enum mt_sort_key key, bool reverse);
/* The comparison mt_view_build sorts with: <0, 0, >0. */
int mt_proc_compare(const mt_proc *a, const mt_proc *b,
                    enum mt_sort_key key, bool reverse);

/* The process tree: rows in depth-first order, siblings in sort order,
 * each with its depth and its subtree's summed RES, HEAP and growth (a
 * supervisor whose children leak shows as one growing subtree).  A
 * process whose parent is filtered out or gone is a root. */
typedef struct mt_tree {
    const mt_proc **rows;
    int *depth;
    uint64_t *sub_res, *sub_heap;
    double *sub_growth;         /* sum of the members' known growth */
    unsigned char *more;        /* 1: a later sibling follows (├─, not └─) */
    size_t n, cap;
    struct {                    /* working storage, reused */
        mt_view byid, roots;
        const mt_proc **family;
        size_t *stack;
        int *stack_depth;
        unsigned char *seen, *open;
        uint64_t *acc_res, *acc_heap;
        double *acc_growth;
    } w;
} mt_tree;

void mt_tree_init(mt_tree *t);
void mt_tree_free(mt_tree *t);
void mt_tree_build(mt_tree *t, const mt_snapshot *s, const mt_filter *f,
                   enum mt_sort_key key, bool reverse);

#endif
