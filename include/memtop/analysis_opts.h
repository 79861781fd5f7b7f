/* analysis_opts.h - how the analysis judges (-H, --window, the leak
 * rule): what the options and the settings file set, without the
 * analysis itself (analysis.h). */
#ifndef MEMTOP_ANALYSIS_OPTS_H
#define MEMTOP_ANALYSIS_OPTS_H

#include "memtop/growth.h"

typedef struct mt_analysis_opts {
    unsigned history;       /* samples per process (-H) */
    double window;          /* seconds judged (--window); 0: all history */
    mt_leak_params leak;
    /* Where groups by cgroup find their processes' cgroups and limits
     * (groups.h); NULL: none (a replay cannot read the recorded
     * machine's cgroups).  A process's own limit comes with the
     * snapshot (mt_proc.cg_room): the analysis reads no file. */
    const char *proc_root;  /* "/proc" */
    const char *cgroup_root;/* "/sys/fs/cgroup" */
} mt_analysis_opts;

void mt_analysis_opts_default(mt_analysis_opts *o);

#endif
