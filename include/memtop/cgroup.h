/* cgroup.h - a process's cgroup memory limit: on servers most OOM kills
 * are a service hitting its own limit, not the machine running out.
 * cgroup v2 (memory.max, memory.current, memory.swap.max), cgroup v1
 * (memory.limit_in_bytes, memory.usage_in_bytes, memory.memsw.*) and
 * hybrid hosts (the memory controller on v1 under CG_ROOT/memory, the
 * unified tree under CG_ROOT/unified).  Page cache the kernel reclaims
 * before it OOM-kills (active_file + inactive_file in memory.stat)
 * counts as free.  Parsers are pure; the rest reads files. */
#ifndef MEMTOP_CGROUP_H
#define MEMTOP_CGROUP_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* The cgroup v2 path ("0::/system.slice/x.service") in the text of
 * /proc/PID/cgroup, copied to out.  Returns 0, or -1 when there is no
 * v2 line. */
int mt_cgroup_parse_path(const char *text, char *out, size_t outsize);

/* The cgroup v1 memory controller's path ("4:memory:/user.slice") in
 * the text of /proc/PID/cgroup.  Returns 0, or -1 without such a line. */
int mt_cgroup_parse_v1_path(const char *text, char *out, size_t outsize);

/* A memory.max / memory.current value: a number of bytes, or "max"
 * (UINT64_MAX).  v1's "unlimited" (a page-rounded 2^63 - 1) is also
 * UINT64_MAX.  Returns 0, or -1 when the text is neither. */
int mt_cgroup_parse_bytes(const char *text, uint64_t *out);

/* Reclaimable page cache in a memory.stat text: active_file +
 * inactive_file (v1: their total_ variants, which include the
 * children).  Returns 0, or -1 when neither is there. */
int mt_cgroup_parse_file_pages(const char *text, uint64_t *out);

/* The cgroup v2 path of pid (reads PROC_ROOT/PID/cgroup).  Returns 0,
 * or -1 when it cannot be read or has no v2 line. */
int mt_cgroup_of(const char *proc_root, pid_t pid, char *out, size_t outsize);

/* The tightest v2 limit over cgroup and its ancestors under cg_root
 * (the v2 tree's mount): *headroom = memory.max - memory.current + its
 * reclaimable page cache + what memory.swap.max still allows, of the
 * tightest level, *limit (if not NULL) its memory.max.  Returns 0, or
 * -1 when none sets one. */
int mt_cgroup_limit(const char *cg_root, const char *cgroup, uint64_t *limit,
                    uint64_t *headroom);

/* The same on a v1 memory hierarchy mounted at mem_root: limit_in_bytes
 * - usage_in_bytes (or the memsw pair, whichever is tighter) + the
 * reclaimable page cache. */
int mt_cgroup_v1_limit(const char *mem_root, const char *cgroup, uint64_t *limit,
                       uint64_t *headroom);

/* The least headroom over the cgroups of pid (v1 memory controller
 * under CG_ROOT/memory, v2 under CG_ROOT/unified or CG_ROOT) and their
 * ancestors that have a limit.  Returns 0 and sets *headroom, or -1
 * when no limit applies or nothing could be read. */
int mt_cgroup_headroom(const char *proc_root, const char *cg_root, pid_t pid,
                       uint64_t *headroom);

#endif
