/* mapview.c - reads one process's smaps each refresh and keeps the
 * baseline for Δ RSS.  The text is read in chunks into one reused
 * buffer and fed to the parser as it comes, so memory stays at the
 * regions themselves whatever the size of the file. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "memtop/escape.h"
#include "memtop/mapview.h"
#include "memtop/util.h"

/* The kernel hands out smaps a page or so per read(). */
#define CHUNK (64 * 1024)
#define PF_KTHREAD 0x00200000UL /* include/linux/sched.h */

struct mt_mapview {
    pid_t pid;
    char procfs[256];
    unsigned long long start_ticks; /* identity: PID reuse is a new process */
    bool have_identity;
    char comm[64];
    char cmdline[4096];
    char exe[PATH_MAX + 16];
    bool have_exe;
    char *buf;                      /* read buffer, reused */
    size_t bufcap;
    mt_map map;                     /* the last good sample */
    mt_map next;                    /* being read; swapped in on success */
    double time, base_time;
    bool have_base;
    bool base_pending;              /* the baseline is `map` itself: copied
                                       out only when a next sample comes
                                       (-b -n 1 never pays for it) */
    mt_map_base base;               /* the mappings at the baseline */
};

mt_mapview *mt_mapview_new(pid_t pid, const char *procfs)
{
    mt_mapview *mv = mt_xcalloc(1, sizeof *mv);
    mv->pid = pid;
    mt_strlcpy(mv->procfs, procfs ? procfs : "/proc", sizeof mv->procfs);
    mt_map_init(&mv->map);
    mt_map_init(&mv->next);
    mt_map_base_init(&mv->base);
    return mv;
}

void mt_mapview_free(mt_mapview *mv)
{
    if (!mv)
        return;
    mt_map_free(&mv->map);
    mt_map_free(&mv->next);
    free(mv->buf);
    mt_map_base_free(&mv->base);
    free(mv);
}

pid_t mt_mapview_pid(const mt_mapview *mv) { return mv->pid; }
const char *mt_mapview_command(const mt_mapview *mv) { return mv->comm; }
const char *mt_mapview_cmdline(const mt_mapview *mv) { return mv->cmdline; }
const char *mt_mapview_exe(const mt_mapview *mv) { return mv->have_exe ? mv->exe : NULL; }
double mt_mapview_time(const mt_mapview *mv) { return mv->time; }
double mt_mapview_baseline_time(const mt_mapview *mv) { return mv->base_time; }
const mt_map *mt_mapview_map(const mt_mapview *mv) { return &mv->map; }

int mt_mapview_parse_stat(const char *buf, char *comm, size_t commsize, char *state,
                          unsigned long *flags, unsigned long long *start)
{
    /* The name may hold spaces and parentheses: it ends at the last ')'. */
    const char *open = strchr(buf, '('), *close = strrchr(buf, ')');
    if (!open || !close || close < open || close[1] != ' ' || !close[2])
        return -1;
    size_t n = (size_t)(close - open - 1);
    if (n >= commsize)
        n = commsize - 1;
    memcpy(comm, open + 1, n);
    comm[n] = '\0';
    *state = close[2];
    /* After the state (field 3): ppid pgrp session tty_nr tpgid flags
     * (field 9) ... starttime (field 22). */
    const char *p = close + 3;
    unsigned long long v[19];
    for (int i = 0; i < 19; i++) {
        char *end;
        errno = 0;
        v[i] = strtoull(p, &end, 10);
        if (end == p || errno)
            return -1;
        p = end;
    }
    *flags = (unsigned long)v[5];
    *start = v[18];
    return 0;
}

static int fail(char *err, size_t errlen, int e, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int fail(char *err, size_t errlen, int e, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    errno = e;
    return -1;
}

static int gone(mt_mapview *mv, char *err, size_t errlen)
{
    return fail(err, errlen, ESRCH, "process %d: no such process", (int)mv->pid);
}

/* stat: the name, and the identity check (a reused PID is not ours). */
static int read_stat(mt_mapview *mv, char *state, unsigned long *flags, char *err,
                     size_t errlen)
{
    char path[320], buf[1024], comm[sizeof mv->comm];
    unsigned long long start;
    snprintf(path, sizeof path, "%s/%d/stat", mv->procfs, (int)mv->pid);
    if (mt_read_file(path, buf, sizeof buf) < 0 ||
        mt_mapview_parse_stat(buf, comm, sizeof comm, state, flags, &start) < 0)
        return gone(mv, err, errlen);
    if (mv->have_identity && start != mv->start_ticks)
        return gone(mv, err, errlen);
    mv->start_ticks = start;
    mv->have_identity = true;
    memcpy(mv->comm, comm, sizeof comm);
    return 0;
}

/* The command line once: arguments joined by spaces, like ps. */
static void read_cmdline(mt_mapview *mv)
{
    char path[320];
    snprintf(path, sizeof path, "%s/%d/cmdline", mv->procfs, (int)mv->pid);
    long n = mt_read_file(path, mv->cmdline, sizeof mv->cmdline);
    while (n > 0 && mv->cmdline[n - 1] == '\0')
        n--;
    if (n <= 0) {
        snprintf(mv->cmdline, sizeof mv->cmdline, "[%s]", mv->comm);
        return;
    }
    for (long i = 0; i < n; i++)
        if (mv->cmdline[i] == '\0')
            mv->cmdline[i] = ' ';
    mv->cmdline[n] = '\0';
}

static void read_exe(mt_mapview *mv)
{
    char path[320];
    snprintf(path, sizeof path, "%s/%d/exe", mv->procfs, (int)mv->pid);
    ssize_t n = readlink(path, mv->exe, sizeof mv->exe - 1);
    mv->have_exe = n > 0;
    mv->exe[n > 0 ? n : 0] = '\0';
}

/* Feeds the whole file to the parser through one reused buffer.
 * Returns 0 or -1 with errno. */
static int read_smaps(mt_mapview *mv, int fd)
{
    size_t have = 0;
    if (!mv->buf)
        mv->buf = mt_xgrow(mv->buf, &mv->bufcap, CHUNK, 1);
    mt_smaps_reset(&mv->next);
    for (;;) {
        if (mv->bufcap - have < CHUNK / 4) /* a line longer than the buffer */
            mv->buf = mt_xgrow(mv->buf, &mv->bufcap, mv->bufcap + CHUNK, 1);
        ssize_t n = read(fd, mv->buf + have, mv->bufcap - have);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0)
            return -1;
        have += (size_t)n;
        /* The kernel gives a page or so per read: parse when the buffer
         * is nearly full, not after every read (fewer partial lines to
         * move to the front). */
        if (n > 0 && mv->bufcap - have >= CHUNK / 4)
            continue;
        size_t used = mt_smaps_feed(&mv->next, mv->buf, have, n == 0);
        memmove(mv->buf, mv->buf + used, have - used);
        have -= used;
        if (n == 0)
            break;
    }
    mt_smaps_finish(&mv->next);
    return 0;
}

static int open_error(mt_mapview *mv, int e, char *err, size_t errlen)
{
    if (e == ENOENT || e == ESRCH)
        return gone(mv, err, errlen);
    /* The kernel's ptrace-read check: another user's process needs
     * root; root itself can be refused a process with capabilities
     * root lacks here (a container's or sandbox's init, say). */
    if (e == EACCES || e == EPERM)
        return fail(err, errlen, EACCES,
                    "process %d: cannot read its memory map: permission denied (%s)",
                    (int)mv->pid,
                    geteuid() == 0 ? "the kernel refuses even root: it has privileges this "
                                     "memtop lacks"
                                   : "another user's process needs root");
    return fail(err, errlen, e, "process %d: cannot read its memory map: %s", (int)mv->pid,
                strerror(e));
}

/* An empty map: a kernel thread or a zombie has no address space; a
 * process that exited while we read looks the same, so ask stat. */
static int no_map(mt_mapview *mv, char *err, size_t errlen)
{
    char state;
    unsigned long flags;
    if (read_stat(mv, &state, &flags, err, errlen) < 0)
        return -1;
    char name[3 * sizeof mv->comm];     /* the name is untrusted */
    mt_term_sanitize(name, sizeof name, mv->comm, false);
    if (flags & PF_KTHREAD)
        return fail(err, errlen, ENODATA,
                    "process %d (%s) is a kernel thread: it has no memory map", (int)mv->pid,
                    name);
    if (state == 'Z' || state == 'X')
        return fail(err, errlen, ENODATA,
                    "process %d (%s) is a zombie: it has no memory map", (int)mv->pid, name);
    return gone(mv, err, errlen);
}

void mt_mapview_set_baseline(mt_mapview *mv)
{
    mv->base_pending = false;
    mt_map_base_set(&mv->base, &mv->map);
    mv->base_time = mv->time;
    mv->have_base = true;
    mt_map_delta(&mv->map, &mv->base);
}

int mt_mapview_sample(mt_mapview *mv, char *err, size_t errlen)
{
    char state, path[320];
    unsigned long flags;
    bool first = !mv->have_identity;
    if (read_stat(mv, &state, &flags, err, errlen) < 0)
        return -1;
    if (first)
        read_cmdline(mv);
    snprintf(path, sizeof path, "%s/%d/smaps", mv->procfs, (int)mv->pid);
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return open_error(mv, errno, err, errlen);
    double t = mt_now_real();
    int rc = read_smaps(mv, fd);
    int e = errno;
    close(fd);
    if (rc < 0)
        return open_error(mv, e, err, errlen);
    if (mv->next.n == 0)
        return no_map(mv, err, errlen);
    read_exe(mv);
    mt_smaps_classify(&mv->next, mt_mapview_exe(mv));
    if (mv->base_pending) {
        mt_map_base_set(&mv->base, &mv->map);
        mv->base_pending = false;
    }
    mt_map tmp = mv->map;
    mv->map = mv->next;
    mv->next = tmp;
    mv->time = t;
    if (!mv->have_base) {
        /* Fresh from the parser every Δ is 0 and nothing is new or
         * gone: what Δ against itself would give. */
        mv->base_time = t;
        mv->have_base = mv->base_pending = true;
    } else {
        mt_map_delta(&mv->map, &mv->base);
    }
    return 0;
}
