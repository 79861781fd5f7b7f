/* groups.h - processes added up by command name (all nginx workers, all
 * postgres backends).  Each group is presented as one synthetic mt_proc
 * (comm = the name, threads = how many members, sizes summed) in a
 * snapshot of its own, and judged by an analysis of its own: the group
 * keeps one identity for as long as its name has members, so a leak in
 * worker processes that are recycled still shows as one growing line. */
#ifndef MEMTOP_GROUPS_H
#define MEMTOP_GROUPS_H

#include "memtop/analysis.h"
#include "memtop/snapshot.h"
#include "memtop/view.h"

typedef struct mt_groups mt_groups;

mt_groups *mt_groups_new(const mt_analysis_opts *o);
void mt_groups_free(mt_groups *g);
/* Sums the processes of s that pass f into groups and judges them. */
void mt_groups_update(mt_groups *g, const mt_snapshot *s, const mt_filter *f);
const mt_snapshot *mt_groups_snapshot(const mt_groups *g);
const mt_analysis *mt_groups_analysis(const mt_groups *g);

#endif
