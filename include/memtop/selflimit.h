/* selflimit.h - the memory limit memtop itself runs under, and how many
 * statm files it may keep open within it.
 *
 * Each kept statm file holds about 4 KiB of kernel memory (measured:
 * 18.7 MiB for 4,800 files), charged to memtop's cgroup.  In a small
 * cgroup that alone would get memtop OOM-killed, so at start memtop
 * reads its own cgroup's limit -- cgroup v2 memory.max, or the v1 memory
 * controller's memory.limit_in_bytes, the smallest on the way up to the
 * root -- and lets kept files take at most 1/MT_SELFLIMIT_KEEP_SHARE of
 * it.  Processes past that are read by path (checked: statm.h), which
 * costs more CPU, not memory.
 */
#ifndef MEMTOP_SELFLIMIT_H
#define MEMTOP_SELFLIMIT_H

#include <stddef.h>
#include <stdint.h>

#define MT_SELFLIMIT_NONE UINT64_MAX
#define MT_SELFLIMIT_KEEP_SHARE 16
#define MT_STATM_FILE_COST 4096       /* kernel bytes per kept statm file */
/* The history (history.h) takes at most 1/MT_SELFLIMIT_HISTORY_SHARE. */
#define MT_SELFLIMIT_HISTORY_SHARE 4

/* Parses /proc/self/cgroup: the v2 path (line "0::PATH") into v2 and
 * the v1 memory controller's path (a line whose controller list holds
 * "memory") into v1, each "" when absent.  Returns 0, or -1 when the
 * text holds neither. */
int mt_selflimit_parse_cgroup(const char *text, char *v2, size_t v2len, char *v1,
                              size_t v1len);

/* Parses a limit file's text ("max", or bytes).  MT_SELFLIMIT_NONE for
 * "max", for v1's "no limit" (2^63 rounded to pages) and for garbage. */
uint64_t mt_selflimit_parse_value(const char *text);

/* The smallest memory limit over the cgroup of this process and its
 * ancestors.  proc_root ("/proc") and cgroup_root ("/sys/fs/cgroup")
 * may be NULL for those defaults; v2 is looked for at the root and at
 * ROOT/unified, v1 at ROOT/memory.  MT_SELFLIMIT_NONE when there is no
 * limit or it cannot be read. */
uint64_t mt_selflimit_read(const char *proc_root, const char *cgroup_root);

/* What memtop needs, measured (README, "Small memory limits"): in a
 * limit (lean, levels within a quarter of it) its anonymous memory
 * peaked at 2.1 MB with 130 processes, 8.3 MB with 2,630 and 10.6 MB
 * with 5,130 (2 KiB a process).  The kernel memory its /proc reads
 * create (dentries, inodes, seq buffers) is charged to its cgroup too
 * and, on cgroup v1, not reclaimed in time: the OOM killer struck at
 * 16 MiB (anon 10.6 MB, kmem 5.9 MB) and at 24 MiB (anon 9.9 MB, kmem
 * 14.9 MB) with 5,000 processes -- 3 KiB a process more. */
#define MT_SELFLIMIT_BASE (3ULL << 20)
#define MT_SELFLIMIT_PER_PROCESS 5120
uint64_t mt_selflimit_need(size_t nprocs);
/* 0 when nprocs processes fit in limit (or there is none); else -1 and
 * why holds a sentence saying what is allowed and what is needed. */
int mt_selflimit_check(uint64_t limit, size_t nprocs, char *why, size_t len);
/* Processes in proc_root ("/proc" when NULL): its numeric entries. */
size_t mt_selflimit_count(const char *proc_root);

/* mt_selflimit_read(NULL, NULL), read once (the first call) and kept. */
uint64_t mt_selflimit_self(void);

/* How many statm files may be kept under limit: at most want, and at
 * most 1/MT_SELFLIMIT_KEEP_SHARE of the limit at MT_STATM_FILE_COST each. */
size_t mt_selflimit_keep(uint64_t limit, size_t want);

#endif
