/* groups.c - per-name sums with a history of their own. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "memtop/groups.h"
#include "memtop/util.h"

/* A name seen at least once, with the identity its group keeps. */
struct name_id {
    char name[MT_COMM_MAX];
    pid_t id;
};

struct mt_groups {
    mt_analysis *an;
    mt_snapshot snap;
    struct name_id *names;      /* sorted by name, for bsearch */
    size_t nnames, names_cap;
    pid_t next_id;
    size_t *slot;               /* group index in snap per name, this refresh */
    size_t slot_cap;
};

mt_groups *mt_groups_new(const mt_analysis_opts *o)
{
    mt_groups *g = mt_xcalloc(1, sizeof *g);
    mt_analysis_opts go = *o;
    go.cgroup_root = NULL; /* a group has no one cgroup */
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
    free(g->slot);
    free(g);
}

const mt_snapshot *mt_groups_snapshot(const mt_groups *g) { return &g->snap; }
const mt_analysis *mt_groups_analysis(const mt_groups *g) { return g->an; }

static int cmp_name(const void *a, const void *b)
{
    return strcmp(((const struct name_id *)a)->name, ((const struct name_id *)b)->name);
}

/* The index of name in the sorted table, adding it if new.  Names are
 * never forgotten: a bounded cost (one entry per distinct command). */
static size_t name_index(mt_groups *g, const char *name)
{
    struct name_id key;
    mt_strlcpy(key.name, name, sizeof key.name);
    struct name_id *hit = g->nnames ? bsearch(&key, g->names, g->nnames, sizeof *g->names,
                                              cmp_name)
                                    : NULL; /* bsearch may not be given NULL */
    if (hit)
        return (size_t)(hit - g->names);
    g->names = mt_xgrow(g->names, &g->names_cap, g->nnames + 1, sizeof *g->names);
    size_t at = 0;
    while (at < g->nnames && strcmp(g->names[at].name, key.name) < 0)
        at++;
    memmove(&g->names[at + 1], &g->names[at], (g->nnames - at) * sizeof *g->names);
    key.id = g->next_id++;
    g->names[at] = key;
    g->nnames++;
    return at;
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

void mt_groups_update(mt_groups *g, const mt_snapshot *s, const mt_filter *f)
{
    mt_snapshot_clear(&g->snap);
    g->snap.time = s->time;
    g->snap.sys = s->sys;
    /* Names first (the table may move while it grows), then sums. */
    for (size_t i = 0; i < s->nprocs; i++)
        if (mt_filter_match(f, &s->procs[i]))
            name_index(g, s->procs[i].comm);
    g->slot = mt_xgrow(g->slot, &g->slot_cap, g->nnames, sizeof *g->slot);
    for (size_t k = 0; k < g->nnames; k++)
        g->slot[k] = SIZE_MAX;
    for (size_t i = 0; i < s->nprocs; i++) {
        const mt_proc *p = &s->procs[i];
        if (!mt_filter_match(f, p))
            continue;
        size_t k = name_index(g, p->comm);
        if (g->slot[k] == SIZE_MAX) {
            g->slot[k] = g->snap.nprocs;
            mt_proc *grp = mt_snapshot_add(&g->snap);
            grp->pid = g->names[k].id;
            grp->start_ticks = 0; /* the group's identity is its id */
            grp->uid = p->uid;
            grp->state = 'S';
            mt_strlcpy(grp->user, p->user, sizeof grp->user);
            mt_strlcpy(grp->comm, p->comm, sizeof grp->comm);
        }
        add_member(&g->snap.procs[g->slot[k]], p);
    }
    for (size_t i = 0; i < g->snap.nprocs; i++)
        mt_proc_derive(&g->snap.procs[i]);
    mt_snapshot_seal(&g->snap);
    mt_analysis_update(g->an, &g->snap);
}
