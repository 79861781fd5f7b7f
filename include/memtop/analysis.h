/* analysis.h - one refresh's analysis: append the snapshot to the
 * history, then annotate every process with its growth, LEAK? verdict,
 * OOM ETA and zombie age, and the snapshot with what exited. */
#ifndef MEMTOP_ANALYSIS_H
#define MEMTOP_ANALYSIS_H

#include <stdbool.h>
#include <stddef.h>

#include "memtop/analysis_opts.h"
#include "memtop/growth.h"
#include "memtop/history.h"
#include "memtop/ledger.h"
#include "memtop/snapshot.h"

typedef struct mt_analysis mt_analysis;

mt_analysis *mt_analysis_new(const mt_analysis_opts *o);
void mt_analysis_free(mt_analysis *a);
/* mt_analysis_judge, then mt_analysis_oom. */
void mt_analysis_update(mt_analysis *a, mt_snapshot *s);
/* The two halves, for a source that adds the growing processes'
 * cgroup room (cg_room) in between: history, growth and verdicts; then
 * OOM-IN of the growing processes, against the tighter of the system's
 * room and cg_room.  s must not change in between. */
void mt_analysis_judge(mt_analysis *a, mt_snapshot *s);
void mt_analysis_oom(mt_analysis *a, mt_snapshot *s);
const mt_history *mt_analysis_history(const mt_analysis *a);
const mt_ledger *mt_analysis_ledger(const mt_analysis *a);

/* OOM-IN as shown for a growing process at time now: "3h12m", with
 * "/cg" when the cgroup's limit is the tighter, or ">1h" (10x the phase
 * seen) when the point estimate would reach further; "" otherwise. */
char *mt_oom_text(char *buf, size_t n, const mt_proc *p, double now);

/* The verdict column: "LEAK?", "grow", "shrnk" or "" (reads without
 * colour). */
const char *mt_verdict_label(const mt_proc *p);

#endif
