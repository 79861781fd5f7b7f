/* statm.h - /proc/PID/statm, the one file the list view reads for every
 * process on every refresh (SPEC section 2), and the files memtop keeps
 * open to read it cheaply.
 *
 * Opening /proc/PID/statm costs about four times what reading it does
 * (a path walk and a fresh file and seq_file each time; measured: 4.7 us
 * against 0.85 us per process).  So memtop keeps each process's statm
 * open across refreshes and re-reads it with pread() at offset 0, which
 * makes the kernel generate it afresh.  A kept file belongs to the
 * process, not to its PID: once the process is gone a read fails with
 * ESRCH, even if the PID has been handed to a new process, so reuse of
 * a kept PID is always noticed.  Each kept file holds about 4 KiB of
 * kernel memory (the seq_file's page), hence a cap: MT_STATM_KEEP_MAX.
 */
#ifndef MEMTOP_STATM_H
#define MEMTOP_STATM_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

/* At most this many statm files are kept open (16 MiB of kernel memory);
 * the statm of further processes is opened on every refresh. */
#define MT_STATM_KEEP_MAX 4096

typedef struct mt_statm {
    uint64_t virt, res, shr;    /* bytes: statm's size, resident, shared */
    uint64_t text, data;        /* bytes: code, data + stack (0 if absent).
                                 * They change on exec: a cheap hint */
} mt_statm;

/* Parses statm's text, "size resident shared text lib data dt" in pages
 * of page_size bytes.  Returns 0, or -1 when it is not statm (fewer
 * than three numbers, or a number that overflows).  text and data are
 * read when present. */
int mt_statm_parse(const char *text, size_t len, uint64_t page_size, mt_statm *out);

/* Opens /proc/PID/statm to keep (close-on-exec).  Returns the file
 * descriptor, or -1 with errno set. */
int mt_statm_open(pid_t pid);

/* Opens /proc/PID/statm to keep, for the process that started at
 * start_ticks (stat's field 22): stat and statm are opened through one
 * /proc/PID directory handle, so both are the same process's.  -1 with
 * ESRCH when the PID is gone or another process's now.  Used wherever a
 * statm is opened after the full read that named the process: between
 * the two, the PID may have been reused. */
int mt_statm_open_checked(pid_t pid, uint64_t start_ticks);

/* Reads a kept statm afresh.  Returns 0, or -1 with errno set: ESRCH
 * (or EINVAL for an empty read) when the process has gone. */
int mt_statm_pread(int fd, mt_statm *out);

/* Reads the statm of the process (pid, start_ticks) once, without
 * keeping it: mt_statm_open_checked, pread, close.  -1 with errno set
 * (ESRCH: gone, or the PID reused). */
int mt_statm_read_checked(pid_t pid, uint64_t start_ticks, mt_statm *out);

/* Reads /proc/PID/statm once, without keeping it.  Returns 0, or -1
 * with errno set (ENOENT: no such process). */
int mt_statm_read(pid_t pid, mt_statm *out);

/* How many statm files this process may keep open, at most want.
 * Raises the soft RLIMIT_NOFILE towards the hard limit as far as that
 * needs, and leaves MT_STATM_SPARE_FDS for everything else. */
#define MT_STATM_SPARE_FDS 256
size_t mt_statm_keep_limit(size_t want);

#endif
