/* groups.c - per-name sums with a history of their own. */
#include "config.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "memtop/cgroup.h"
#include "memtop/groups.h"
#include "memtop/proctable.h"
#include "memtop/util.h"

/* Refreshes a group keeps its place (and so its history) with no member:
 * a recycled worker is gone before its successor is seen, and a member
 * that exec'd is seen under its new name only on a full read, at the
 * latest MT_FULL_EVERY refreshes later; twice that leaves a margin. */
#define GROUP_GRACE (2 * MT_FULL_EVERY)

/* A key (name or cgroup path) seen at least once, with the identity its
 * group keeps. */
#define KEY_MAX 256
struct name_id {
    char name[KEY_MAX];
    pid_t id;
    mt_proc last;               /* its sums when it last had members */
    unsigned long seen;         /* the refresh that was, 0: never */
};

struct mt_groups {
    enum mt_group_by by;
    mt_analysis_opts o;
    mt_analysis *an;
    mt_snapshot snap;
    struct name_id *names;      /* append-only: an entry never moves */
    size_t nnames, names_cap;
    size_t *sorted;             /* indices into names, by name, for bsearch */
    size_t sorted_cap;
    size_t *slot;               /* group index in snap per name, this refresh */
    size_t slot_cap;
    size_t nslots;              /* slots set to "unset" this refresh */
    pid_t next_id;
    unsigned long seq;          /* refreshes so far */
    mt_filter last_filter;      /* the filter of the last refresh... */
    char last_text[256];        /* ...and its text: a group that only the
                                 * filter took away is not kept */
};

mt_groups *mt_groups_new(const mt_analysis_opts *o, enum mt_group_by by)
{
    mt_groups *g = mt_xcalloc(1, sizeof *g);
    mt_analysis_opts go = *o;
    g->by = by;
    g->o = *o;
    go.cgroup_root = NULL; /* a group's pid is not a process: limits below */
    g->an = mt_analysis_new(&go);
    mt_snapshot_init(&g->snap);
    g->next_id = 1;
    return g;
}

void mt_groups_free(mt_groups *g)
{
    if (!g)
        return;
    mt_analysis_free(g->an);
    mt_snapshot_free(&g->snap);
    free(g->names);
    free(g->sorted);
    free(g->slot);
    free(g);
}

const mt_snapshot *mt_groups_snapshot(const mt_groups *g) { return &g->snap; }
const mt_analysis *mt_groups_analysis(const mt_groups *g) { return g->an; }

/* The position in g->sorted where key is, or would go. */
static size_t sorted_find(const mt_groups *g, const char *key, bool *found)
{
    size_t lo = 0, hi = g->nnames;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(g->names[g->sorted[mid]].name, key);
        if (c == 0) {
            *found = true;
            return mid;
        }
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    *found = false;
    return lo;
}

/* The index of key in g->names, adding it if new.  Keys are never
 * forgotten: a bounded cost (one entry per distinct name or cgroup). */
static size_t name_index(mt_groups *g, const char *key)
{
    bool found;
    size_t at = sorted_find(g, key, &found);
    if (found)
        return g->sorted[at];
    g->names = mt_xgrow(g->names, &g->names_cap, g->nnames + 1, sizeof *g->names);
    g->sorted = mt_xgrow(g->sorted, &g->sorted_cap, g->nnames + 1, sizeof *g->sorted);
    size_t idx = g->nnames++;
    mt_strlcpy(g->names[idx].name, key, sizeof g->names[idx].name);
    g->names[idx].id = g->next_id++;
    g->names[idx].seen = 0;
    memmove(&g->sorted[at + 1], &g->sorted[at], (idx - at) * sizeof *g->sorted);
    g->sorted[at] = idx;
    return idx;
}

static void add_size(uint64_t *sum, uint64_t v)
{
    if (v != MT_NA && *sum != MT_NA)
        *sum += v;
}

static void add_member(mt_proc *grp, const mt_proc *p)
{
    grp->raw.threads++;
    add_size(&grp->raw.virt, p->raw.virt);
    add_size(&grp->raw.res, p->raw.res);
    add_size(&grp->raw.shr, p->raw.shr);
    add_size(&grp->raw.anon, p->raw.anon);
    add_size(&grp->raw.file, p->raw.file);
    add_size(&grp->raw.shmem, p->raw.shmem);
    add_size(&grp->raw.swap, p->raw.swap);
    if (grp->raw.uid != p->raw.uid)
        mt_strlcpy(grp->raw.user, "(mixed)", sizeof grp->raw.user);
}

/* The group key of p: its name, or its cgroup ("?" when unreadable). */
static const char *group_key(const mt_groups *g, const mt_proc *p, char *buf, size_t n)
{
    if (g->by == MT_GROUP_NAME)
        return p->raw.comm;
    if (!g->o.proc_root || mt_cgroup_of(g->o.proc_root, p->raw.pid, buf, n) < 0)
        mt_strlcpy(buf, "?", n);
    return buf;
}

/* A cgroup group's limit, headroom, and OOM ETA against the tighter of
 * the system's headroom and its own. */
static void cgroup_limits(const mt_groups *g, mt_proc *grp)
{
    uint64_t limit, room;
    if (!g->o.cgroup_root || mt_cgroup_limit(g->o.cgroup_root, grp->raw.cmdline, &limit, &room) < 0)
        return;
    grp->notes.cg_limit = limit;
    grp->notes.cg_free = room;
    if (grp->notes.growing && (isnan(grp->notes.oom_eta) || (double)room / grp->notes.growth < grp->notes.oom_eta)) {
        grp->notes.oom_eta = mt_oom_eta(grp->notes.growth, room);
        grp->notes.oom_cgroup = true;
    }
}

/* Remembers each group with members; a group without any this refresh
 * stays, with its last sums and no member (PROCS 0), for GROUP_GRACE
 * refreshes, so its history goes on when its members come back. */
static void keep_between_members(mt_groups *g)
{
    for (size_t k = 0; k < g->nnames; k++) {
        struct name_id *n = &g->names[k];
        mt_proc *grp = k < g->nslots && g->slot[k] != SIZE_MAX ? &g->snap.procs[g->slot[k]]
                                                               : NULL;
        if (grp && grp->raw.heap != 0 && grp->raw.heap != MT_NA) {
            n->last = *grp;
            n->last.raw.cmdline = NULL;
            n->seen = g->seq;
            continue;
        }
        if (!n->seen || g->seq - n->seen > GROUP_GRACE)
            continue;
        /* No member, or members that are only dying (no memory left):
         * the group's last real sums stand in. */
        if (grp) {
            const char *cmdline = grp->raw.cmdline;
            int members = grp->raw.threads;
            *grp = n->last;
            grp->raw.cmdline = cmdline;
            grp->raw.threads = members;
        } else {
            grp = mt_snapshot_add(&g->snap);
            *grp = n->last;
            grp->raw.threads = 0;
            mt_snapshot_set_cmdline(&g->snap, grp, n->name);
        }
    }
}

/* A new filter: the groups it leaves out are gone, not between members. */
static void filter_changed(mt_groups *g, const mt_filter *f)
{
    mt_filter none = { 0 };
    const char *text = f && f->text ? f->text : "";
    if (!f)
        f = &none;
    if (f->by_uid == g->last_filter.by_uid && f->uid == g->last_filter.uid &&
        f->npids == g->last_filter.npids && f->pids == g->last_filter.pids &&
        f->kthreads == g->last_filter.kthreads && strcmp(text, g->last_text) == 0)
        return;
    for (size_t k = 0; k < g->nnames; k++)
        g->names[k].seen = 0;
    g->last_filter = *f;
    g->last_filter.text = NULL;
    mt_strlcpy(g->last_text, text, sizeof g->last_text);
}

void mt_groups_update(mt_groups *g, const mt_snapshot *s, const mt_filter *f)
{
    char buf[KEY_MAX];
    filter_changed(g, f);
    mt_snapshot_clear(&g->snap);
    g->seq++;
    g->snap.time = s->time;
    g->snap.sys = s->sys;
    g->nslots = 0; /* every name's slot is unset until seen this refresh */
    for (size_t i = 0; i < s->nprocs; i++) {
        const mt_proc *p = &s->procs[i];
        if (!mt_filter_match(f, p))
            continue;
        const char *key = group_key(g, p, buf, sizeof buf);
        size_t k = name_index(g, key);
        g->slot = mt_xgrow(g->slot, &g->slot_cap, g->nnames, sizeof *g->slot);
        while (g->nslots < g->nnames)
            g->slot[g->nslots++] = SIZE_MAX;
        if (g->slot[k] == SIZE_MAX) {
            g->slot[k] = g->snap.nprocs;
            mt_proc *grp = mt_snapshot_add(&g->snap);
            grp->raw.pid = g->names[k].id;
            grp->raw.start_ticks = 0; /* the group's identity is its id */
            grp->raw.uid = p->raw.uid;
            grp->raw.state = 'S';
            mt_strlcpy(grp->raw.user, p->raw.user, sizeof grp->raw.user);
            mt_strlcpy(grp->raw.comm, g->by == MT_GROUP_NAME ? key : "", sizeof grp->raw.comm);
            mt_snapshot_set_cmdline(&g->snap, grp, key);
        }
        add_member(&g->snap.procs[g->slot[k]], p);
    }
    for (size_t i = 0; i < g->snap.nprocs; i++)
        mt_sample_derive(&g->snap.procs[i].raw);
    keep_between_members(g);
    mt_snapshot_seal(&g->snap);
    mt_analysis_update(g->an, &g->snap);
    if (g->by == MT_GROUP_CGROUP)
        for (size_t i = 0; i < g->snap.nprocs; i++)
            cgroup_limits(g, &g->snap.procs[i]);
}
