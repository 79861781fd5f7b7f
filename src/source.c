/* source.c - the two snapshot sources: live /proc and a recording. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memtop/cgroup.h"
#include "memtop/record.h"
#include "memtop/source.h"
#include "memtop/util.h"

struct mt_source {
    const struct mt_source_ops *ops;
    void *ctx;
    bool live;
};

mt_source *mt_source_new(const struct mt_source_ops *ops, void *ctx, bool live)
{
    mt_source *s = mt_xcalloc(1, sizeof *s);
    s->ops = ops;
    s->ctx = ctx;
    s->live = live;
    return s;
}

void mt_source_close(mt_source *s)
{
    if (!s)
        return;
    if (s->ops->close)
        s->ops->close(s->ctx);
    free(s);
}

int mt_source_next(mt_source *s, mt_snapshot *out) { return s->ops->next(s->ctx, out); }

int mt_source_seek(mt_source *s, size_t index)
{
    return s->ops->seek ? s->ops->seek(s->ctx, index) : -1;
}

bool mt_source_can_seek(const mt_source *s) { return s->ops->seek != NULL; }
size_t mt_source_count(const mt_source *s) { return s->ops->count ? s->ops->count(s->ctx) : 0; }
bool mt_source_live_p(const mt_source *s) { return s->live; }

const char *mt_source_error(const mt_source *s)
{
    return s->ops->error ? s->ops->error(s->ctx) : "cannot read";
}

/* ---- live /proc ---- */

struct live {
    mt_proctable *pt;
    const char *proc_root, *cg_root;
    char error[128];
};

static int live_next(void *ctx, mt_snapshot *out)
{
    struct live *l = ctx;
    if (mt_proctable_sample(l->pt, out) < 0) {
        snprintf(l->error, sizeof l->error, "cannot read /proc: %s", strerror(errno));
        return -1;
    }
    return 1;
}

/* Only for the growing: OOM-IN is shown for them alone, and a cgroup's
 * files cost several reads a process. */
static void live_limits(void *ctx, mt_snapshot *s)
{
    struct live *l = ctx;
    for (size_t i = 0; i < s->nprocs; i++) {
        mt_proc *p = &s->procs[i];
        uint64_t room;
        p->notes.cg_room = MT_NA;
        if (p->notes.growing && !p->raw.kthread &&
            mt_cgroup_headroom(l->proc_root, l->cg_root, p->raw.pid, &room) == 0)
            p->notes.cg_room = room;
    }
}

static const char *live_error(void *ctx) { return ((struct live *)ctx)->error; }

static void live_close(void *ctx)
{
    struct live *l = ctx;
    mt_proctable_free(l->pt);
    free(l);
}

static const struct mt_source_ops live_ops = {
    .next = live_next, .error = live_error, .limits = live_limits, .close = live_close,
};

mt_source *mt_source_live(const mt_proctable_opts *o, char *err, size_t errlen)
{
    mt_proctable *pt = mt_proctable_open(o);
    if (!pt) {
        snprintf(err, errlen, "cannot read /proc: %s", strerror(errno));
        return NULL;
    }
    struct live *l = mt_xcalloc(1, sizeof *l);
    l->pt = pt;
    l->proc_root = "/proc";
    l->cg_root = "/sys/fs/cgroup";
    return mt_source_new(&live_ops, l, true);
}

void mt_source_limits(mt_source *s, mt_snapshot *out)
{
    if (s->ops->limits)
        s->ops->limits(s->ctx, out);
}

void mt_source_set_cgroup_roots(mt_source *s, const char *proc_root, const char *cg_root)
{
    if (s->ops != &live_ops)
        return;
    struct live *l = s->ctx;
    l->proc_root = proc_root;
    l->cg_root = cg_root;
}

mt_proctable *mt_source_proctable(mt_source *s)
{
    return s->ops == &live_ops ? ((struct live *)s->ctx)->pt : NULL;
}

/* ---- a recording ---- */

static int replay_next(void *ctx, mt_snapshot *out) { return mt_replay_next(ctx, out); }
static int replay_seek(void *ctx, size_t index) { return mt_replay_seek(ctx, index); }
static size_t replay_count(void *ctx) { return mt_replay_count(ctx); }
static const char *replay_error(void *ctx) { return mt_replay_error(ctx); }
static void replay_close(void *ctx) { mt_replay_close(ctx); }

static const struct mt_source_ops replay_ops = {
    .next = replay_next, .seek = replay_seek, .count = replay_count,
    .error = replay_error, .close = replay_close,
};

mt_source *mt_source_replay(const char *path, char *err, size_t errlen)
{
    mt_replay *r = mt_replay_open(path, err, errlen);
    if (!r)
        return NULL;
    return mt_source_new(&replay_ops, r, false);
}

bool mt_source_torn(const mt_source *s, size_t *offset)
{
    return s->ops == &replay_ops && mt_replay_torn(s->ctx, offset);
}
