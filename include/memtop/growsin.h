/* growsin.h - GROWS-IN: for the processes the analysis says grow, the
 * region class (heap, anon, shm, file, stack, ...) that holds most of
 * their growth, from their smaps.
 *
 * smaps makes the kernel walk a process's page tables, so this is never
 * done for everyone.  The budget, per refresh:
 *   - at most MT_GROWSIN_TRACKED processes are followed at once (the
 *     fastest growers among those whose verdict is growing or LEAK?,
 *     and those whose shared memory, which the HEAP verdict does not
 *     see, rose at 5 refreshes in a row by 1 MiB or more);
 *   - at most one smaps is read, the followed process read longest ago,
 *     and one process at most every MT_GROWSIN_EVERY refreshes;
 *   - on average at most MT_GROWSIN_BUDGET_MS of CPU: a read that cost
 *     more (a process with 30,000 mappings) is paid back by skipping
 *     the reads of the refreshes that follow.
 * Processes with more than MT_GROWSIN_MAX_MAPPINGS mappings are not
 * followed (memory), nor those whose smaps cannot be read.
 * The first read of a followed process is its baseline: the class is
 * the one whose RSS grew most since the process was first selected
 * (the growth phase as far as GROWS-IN knows it), known from the second
 * read on.  A process that stops growing is no longer followed.
 */
#ifndef MEMTOP_GROWSIN_H
#define MEMTOP_GROWSIN_H

#include "memtop/smaps.h"
#include "memtop/snapshot.h"
#include "memtop/view.h"

#define MT_GROWSIN_TRACKED 4
#define MT_GROWSIN_EVERY 3          /* refreshes between reads of one process */
#define MT_GROWSIN_BUDGET_MS 2.0
/* A process with more mappings is not followed: keeping its map (the
 * current one, the one being read and the baseline, ~460 bytes a
 * mapping) would cost memtop more than 0.6 MB per process. */
#define MT_GROWSIN_MAX_MAPPINGS 1400

typedef struct mt_growsin mt_growsin;

/* procfs is normally /proc; tests may point elsewhere. */
mt_growsin *mt_growsin_new(const char *procfs);
void mt_growsin_free(mt_growsin *g);

/* Call after mt_analysis_update on a live snapshot (never a replay: its
 * PIDs are not this machine's processes): chooses whom to follow among
 * the processes filter lets through (the ones the user looks at; NULL:
 * all), reads at most one smaps within the budget, and sets
 * growth_class of every followed process in s. */
void mt_growsin_update(mt_growsin *g, mt_snapshot *s, const mt_filter *filter);

/* The pure part: the class whose RSS grew most in m since its
 * baseline (largest positive Δ RSS), or -1 when none grew.  Code
 * (text, libs) and the kernel's pages are left out: their RSS rises as
 * a program pages in more of its code, which is not what grows (a
 * compiler's text can outgrow its heap for a while). */
int mt_map_growth_class(const mt_map *m);

/* p's growth_class as a name ("heap", "anon", ...), or NULL: unknown. */
const char *mt_growth_class_name(const mt_proc *p);

/* What GROWS-IN has cost so far: smaps reads and their CPU seconds. */
void mt_growsin_cost(const mt_growsin *g, unsigned long *reads, double *cpu);

#endif
