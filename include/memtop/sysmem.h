/* sysmem.h - a snapshot's system numbers (mt_system) from what the
 * kernel says.  The live source (proctable.c) reads /proc/meminfo
 * through libproc2 into an mt_meminfo_raw and hands it here; the
 * derivation is pure and unit-tested on fixtures.
 */
#ifndef MEMTOP_SYSMEM_H
#define MEMTOP_SYSMEM_H

#include <stddef.h>
#include <stdint.h>

#include "memtop/snapshot.h"

/* /proc/meminfo's lines as the kernel prints them: kB, MT_NA when not
 * read (no /proc/meminfo, as under /proc mounted with subset=pid). */
typedef struct mt_meminfo_raw {
    uint64_t total, free, available;    /* MemTotal, MemFree, MemAvailable */
    uint64_t anon;                      /* AnonPages */
    uint64_t buffers, cached, shmem;    /* Buffers, Cached (shmem in it), Shmem */
    uint64_t swap_total, swap_free;     /* SwapTotal, SwapFree */
} mt_meminfo_raw;

/* Every value MT_NA. */
void mt_meminfo_raw_unknown(mt_meminfo_raw *raw);

/* Fills sys's sizes (bytes) from raw, and its clock and host name.
 * Used memory (MemTotal - MemFree) is split four ways: anon, file cache
 * (Buffers + Cached - Shmem), shmem, and the rest, which is the
 * kernel's (slab, page tables, stacks, ...).  The four add up to it:
 * when the kernel's counters, read at slightly different moments, claim
 * more than is used, anon is kept first, then shmem, and the file cache
 * gets what is left.  A value that depends on one not read is MT_NA
 * (the kernel's share whenever any of the others is), never 0.  The
 * process counts (tasks, zombies, kthreads) are left alone. */
void mt_sysmem_fill(mt_system *sys, const mt_meminfo_raw *raw, double uptime,
                    double boot_time, const char *hostname);

/* Counts p in sys's tasks, zombies and kernel threads. */
void mt_sysmem_count(mt_system *sys, const mt_sample *p);

/* Seconds since boot, suspend included (what /proc/uptime says), from
 * CLOCK_BOOTTIME: for when /proc/uptime and /proc/stat are not there. */
double mt_sysmem_boot_clock(void);

/* /proc/sys/kernel/pid_max's text; the kernel's default (32768) when it
 * is not a positive number. */
uint64_t mt_sysmem_parse_pid_max(const char *text);
/* pid_max as the kernel has it now (the default when unreadable). */
uint64_t mt_sysmem_pid_max(void);

/* This machine's name into buf (n > 1 bytes, terminated), "?" when it
 * has none. */
void mt_sysmem_hostname(char *buf, size_t n);

#endif
