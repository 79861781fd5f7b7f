/* source.h - where snapshots come from: live /proc (the proctable) or a
 * recording (-r).  One interface, the shape of a file: next, seek where
 * it can, close.  The engine (engine.h) drives a source; tests give it
 * a synthetic one built on mt_source_new.
 */
#ifndef MEMTOP_SOURCE_H
#define MEMTOP_SOURCE_H

#include <stdbool.h>
#include <stddef.h>

#include "memtop/proctable.h"
#include "memtop/snapshot.h"

typedef struct mt_source mt_source;

struct mt_source_ops {
    /* Fills out with the next snapshot: 1, 0 at the end, -1 on error
     * (mt_source_error says why). */
    int (*next)(void *ctx, mt_snapshot *out);
    /* Positions the source so next returns frame index; NULL where the
     * source cannot go back (live /proc).  0 or -1. */
    int (*seek)(void *ctx, size_t index);
    /* Frames in the source; NULL: unbounded (live). */
    size_t (*count)(void *ctx);
    const char *(*error)(void *ctx);
    /* After the verdicts, before OOM-IN: sets cg_room of the growing
     * processes in s (snapshot.h); NULL: no cgroup limits (a recording). */
    void (*limits)(void *ctx, mt_snapshot *s);
    void (*close)(void *ctx);
};

/* A source of the given kind around ctx (closed by ops->close).  live:
 * its machine is this one, so cgroup limits can be read. */
mt_source *mt_source_new(const struct mt_source_ops *ops, void *ctx, bool live);

/* Live /proc through libproc2.  NULL with a message in err. */
mt_source *mt_source_live(const mt_proctable_opts *o, char *err, size_t errlen);
/* A recording.  NULL with a message in err. */
mt_source *mt_source_replay(const char *path, char *err, size_t errlen);
void mt_source_close(mt_source *s);

int mt_source_next(mt_source *s, mt_snapshot *out);
int mt_source_seek(mt_source *s, size_t index);
bool mt_source_can_seek(const mt_source *s);
/* Frames in a recording; 0 for a live source. */
size_t mt_source_count(const mt_source *s);
bool mt_source_live_p(const mt_source *s);
const char *mt_source_error(const mt_source *s);

/* The cgroup limits of the growing processes in s (ops->limits), or
 * nothing. */
void mt_source_limits(mt_source *s, mt_snapshot *out);
/* Where the live source reads them: proc_root ("/proc") and cg_root
 * ("/sys/fs/cgroup"); tests point them at fixtures. */
void mt_source_set_cgroup_roots(mt_source *s, const char *proc_root, const char *cg_root);

/* The live source's proctable (for --pss at run time), or NULL. */
mt_proctable *mt_source_proctable(mt_source *s);
/* A recording that ended in a torn frame: true and its byte offset,
 * once the reader got there. */
bool mt_source_torn(const mt_source *s, size_t *offset);

#endif
