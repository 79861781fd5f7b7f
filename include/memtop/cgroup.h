/* cgroup.h - a process's cgroup v2 memory limit: on servers most OOM
 * kills are a service hitting its own MemoryMax, not the machine
 * running out.  Parsers are pure; cgroup_headroom reads files. */
#ifndef MEMTOP_CGROUP_H
#define MEMTOP_CGROUP_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* The cgroup v2 path ("0::/system.slice/x.service") in the text of
 * /proc/PID/cgroup, copied to out.  Returns 0, or -1 when there is no
 * v2 line. */
int mt_cgroup_parse_path(const char *text, char *out, size_t outsize);

/* A memory.max / memory.current value: a number of bytes, or "max"
 * (UINT64_MAX).  Returns 0, or -1 when the text is neither. */
int mt_cgroup_parse_bytes(const char *text, uint64_t *out);

/* The cgroup v2 path of pid (reads PROC_ROOT/PID/cgroup).  Returns 0,
 * or -1 when it cannot be read or has no v2 line. */
int mt_cgroup_of(const char *proc_root, pid_t pid, char *out, size_t outsize);

/* The tightest memory.max over cgroup and its ancestors under cg_root:
 * *headroom = memory.max - memory.current of the tightest level, *limit
 * (if not NULL) its memory.max.  Returns 0, or -1 when none sets one. */
int mt_cgroup_limit(const char *cg_root, const char *cgroup, uint64_t *limit,
                    uint64_t *headroom);

/* The least headroom (memory.max - memory.current) over the cgroup of
 * pid and its ancestors that have a limit, under root (normally
 * /sys/fs/cgroup).  Returns 0 and sets *headroom, or -1 when no limit
 * applies or nothing could be read. */
int mt_cgroup_headroom(const char *proc_root, const char *cg_root, pid_t pid,
                       uint64_t *headroom);

#endif
