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

/* What makes a group: the command name, or the cgroup v2 the process
 * belongs to (a systemd service, a container).  A cgroup group also
 * carries its memory limit and headroom (cg_limit, cg_free: the tightest
 * memory.max up its hierarchy), and its OOM ETA counts against that. */
enum mt_group_by { MT_GROUP_NAME, MT_GROUP_CGROUP };

mt_groups *mt_groups_new(const mt_analysis_opts *o, enum mt_group_by by);
void mt_groups_free(mt_groups *g);
/* Sums the processes of s that pass f into groups and judges them.  By
 * cgroup, it reads each process's /proc/PID/cgroup (one small file per
 * process per refresh: only while that view is on). */
void mt_groups_update(mt_groups *g, const mt_snapshot *s, const mt_filter *f);
const mt_snapshot *mt_groups_snapshot(const mt_groups *g);
const mt_analysis *mt_groups_analysis(const mt_groups *g);

#endif
