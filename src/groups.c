/* groups.c - per-name sums with a history of their own. */
#include "config.h"

#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "memtop/cgroup.h"
#include "memtop/groups.h"
#include "memtop/util.h"

/* A key (name or cgroup path) seen at least once, with the identity its
 * group keeps. */
#define KEY_MAX 256
struct name_id {
    char name[KEY_MAX];
    pid_t id;
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
    grp->threads++;
    add_size(&grp->virt, p->virt);
    add_size(&grp->res, p->res);
    add_size(&grp->shr, p->shr);
    add_size(&grp->anon, p->anon);
    add_size(&grp->file, p->file);
    add_size(&grp->shmem, p->shmem);
    add_size(&grp->swap, p->swap);
    if (grp->uid != p->uid)
        mt_strlcpy(grp->user, "(mixed)", sizeof grp->user);
}

/* The group key of p: its name, or its cgroup ("?" when unreadable). */
static const char *group_key(const mt_groups *g, const mt_proc *p, char *buf, size_t n)
{
    if (g->by == MT_GROUP_NAME)
        return p->comm;
    if (!g->o.proc_root || mt_cgroup_of(g->o.proc_root, p->pid, buf, n) < 0)
        mt_strlcpy(buf, "?", n);
    return buf;
}

/* A cgroup group's limit, headroom, and OOM ETA against the tighter of
 * the system's headroom and its own. */
static void cgroup_limits(const mt_groups *g, mt_proc *grp)
{
    uint64_t limit, room;
    if (!g->o.cgroup_root || mt_cgroup_limit(g->o.cgroup_root, grp->cmdline, &limit, &room) < 0)
        return;
    grp->cg_limit = limit;
    grp->cg_free = room;
    if (grp->growing && (isnan(grp->oom_eta) || (double)room / grp->growth < grp->oom_eta)) {
        grp->oom_eta = mt_oom_eta(grp->growth, room);
        grp->oom_cgroup = true;
    }
}

void mt_groups_update(mt_groups *g, const mt_snapshot *s, const mt_filter *f)
{
    char buf[KEY_MAX];
    mt_snapshot_clear(&g->snap);
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
            grp->pid = g->names[k].id;
            grp->start_ticks = 0; /* the group's identity is its id */
            grp->uid = p->uid;
            grp->state = 'S';
            mt_strlcpy(grp->user, p->user, sizeof grp->user);
            mt_strlcpy(grp->comm, g->by == MT_GROUP_NAME ? key : "", sizeof grp->comm);
            mt_snapshot_set_cmdline(&g->snap, grp, key);
        }
        add_member(&g->snap.procs[g->slot[k]], p);
    }
    for (size_t i = 0; i < g->snap.nprocs; i++)
        mt_proc_derive(&g->snap.procs[i]);
    mt_snapshot_seal(&g->snap);
    mt_analysis_update(g->an, &g->snap);
    if (g->by == MT_GROUP_CGROUP)
        for (size_t i = 0; i < g->snap.nprocs; i++)
            cgroup_limits(g, &g->snap.procs[i]);
}
