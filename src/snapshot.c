/* snapshot.c - storage for one refresh. */
#include "config.h"

#include <stdlib.h>
#include <math.h>
#include <string.h>

#include "memtop/snapshot.h"
#include "memtop/util.h"

void mt_snapshot_init(mt_snapshot *s)
{
    memset(s, 0, sizeof *s);
}

void mt_snapshot_free(mt_snapshot *s)
{
    free(s->procs);
    free(s->strings);
    free(s->exited);
    mt_snapshot_init(s);
}

void mt_snapshot_clear(mt_snapshot *s)
{
    s->nprocs = 0;
    s->strings_len = 0;
    s->nexited = 0;
    memset(&s->sys, 0, sizeof s->sys);
    memset(&s->totals, 0, sizeof s->totals);
    s->time = 0;
}

mt_proc *mt_snapshot_add(mt_snapshot *s)
{
    s->procs = mt_xgrow(s->procs, &s->cap, s->nprocs + 1, sizeof *s->procs);
    mt_proc *p = &s->procs[s->nprocs++];
    memset(&p->raw, 0, sizeof p->raw);
    p->raw.cmdline_off = SIZE_MAX;
    p->raw.pss = MT_NA;
    p->raw.uss = MT_NA;
    p->raw.oom_score = p->raw.oom_adj = MT_NA_INT;
    mt_notes_reset(&p->notes);
    return p;
}

void mt_notes_reset(mt_notes *n)
{
    memset(n, 0, sizeof *n);
    n->growth = NAN;
    n->oom_eta = n->oom_eta_low = n->oom_eta_high = n->growth_since = NAN;
    n->unreaped = NAN;
    n->cg_limit = n->cg_free = n->cg_room = MT_NA;
}

void mt_snapshot_set_cmdline(mt_snapshot *s, mt_proc *p, const char *cmdline)
{
    size_t n = strlen(cmdline);
    p->raw.cmdline_cut = n > MT_CMDLINE_MAX;
    if (p->raw.cmdline_cut)
        n = MT_CMDLINE_MAX;
    s->strings = mt_xgrow(s->strings, &s->strings_cap, s->strings_len + n + 1, 1);
    memcpy(s->strings + s->strings_len, cmdline, n);
    s->strings[s->strings_len + n] = '\0';
    p->raw.cmdline_off = s->strings_len;
    s->strings_len += n + 1;
}

void mt_snapshot_seal(mt_snapshot *s)
{
    for (size_t i = 0; i < s->nprocs; i++) {
        mt_proc *p = &s->procs[i];
        p->raw.cmdline = p->raw.cmdline_off == SIZE_MAX ? "" : s->strings + p->raw.cmdline_off;
    }
}

static uint64_t add_known(uint64_t a, uint64_t b)
{
    if (a == MT_NA || b == MT_NA)
        return MT_NA;
    return a + b;
}

void mt_sample_derive(mt_sample *r)
{
    r->heap = add_known(r->anon, r->swap);
}

void mt_snapshot_add_exit(mt_snapshot *s, const mt_exit *e)
{
    s->exited = mt_xgrow(s->exited, &s->exited_cap, s->nexited + 1, sizeof *s->exited);
    s->exited[s->nexited++] = *e;
}

const mt_proc *mt_snapshot_find(const mt_snapshot *s, pid_t pid)
{
    for (size_t i = 0; i < s->nprocs; i++)
        if (s->procs[i].raw.pid == pid)
            return &s->procs[i];
    return NULL;
}
