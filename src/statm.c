/* statm.c - /proc/PID/statm: its parser and kept files (see statm.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

#include "memtop/mapview.h"
#include "memtop/statm.h"

/* statm is seven numbers of at most 20 digits, and spaces. */
#define STATM_BUF 256

int mt_statm_parse(const char *text, size_t len, uint64_t page_size, mt_statm *out)
{
    uint64_t v[6] = { 0 };
    size_t at = 0;
    for (int i = 0; i < 6; i++) {
        while (at < len && text[at] == ' ')
            at++;
        if (i >= 3 && (at == len || text[at] == '\n'))
            break;              /* text and data are optional */
        if (at == len || text[at] < '0' || text[at] > '9')
            return -1;
        uint64_t n = 0;
        for (; at < len && text[at] >= '0' && text[at] <= '9'; at++) {
            unsigned d = (unsigned)(text[at] - '0');
            if (n > (UINT64_MAX - d) / 10)
                return -1;
            n = n * 10 + d;
        }
        if (at < len && text[at] != ' ' && text[at] != '\n')
            return -1;
        if (page_size && n > UINT64_MAX / page_size)
            return -1;
        v[i] = n * page_size;
    }
    out->virt = v[0];
    out->res = v[1];
    out->shr = v[2];
    out->text = v[3];
    out->data = v[5];
    return 0;
}

static uint64_t page_size(void)
{
    static uint64_t size;
    if (!size) {
        long s = sysconf(_SC_PAGESIZE);
        size = s > 0 ? (uint64_t)s : 4096;
    }
    return size;
}

int mt_statm_open(pid_t pid)
{
    char path[40];
    snprintf(path, sizeof path, "/proc/%d/statm", (int)pid);
    return open(path, O_RDONLY | O_CLOEXEC);
}

/* stat's start time, read through a /proc/PID directory handle. */
static int start_at(int dir, unsigned long long *start)
{
    char buf[1024], comm[64], state;
    unsigned long flags;
    int fd = openat(dir, "stat", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return -1;
    ssize_t n;
    do
        n = pread(fd, buf, sizeof buf - 1, 0);
    while (n < 0 && errno == EINTR);
    int e = errno;
    close(fd);
    if (n <= 0) {
        errno = n < 0 ? e : ESRCH;
        return -1;
    }
    buf[n] = '\0';
    if (mt_mapview_parse_stat(buf, comm, sizeof comm, &state, &flags, start) < 0) {
        errno = ESRCH;
        return -1;
    }
    return 0;
}

int mt_statm_open_checked(pid_t pid, uint64_t start_ticks)
{
    char path[40];
    snprintf(path, sizeof path, "/proc/%d", (int)pid);
    /* The directory handle pins the process that holds the PID now:
     * stat and statm read through it are that one process's. */
    int dir = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dir < 0)
        return -1;
    unsigned long long start;
    int fd = -1;
    if (start_at(dir, &start) == 0) {
        if (start == start_ticks)
            fd = openat(dir, "statm", O_RDONLY | O_CLOEXEC);
        else
            errno = ESRCH;      /* another process has the PID now */
    }
    int e = errno;
    close(dir);
    errno = e;
    return fd;
}

/* One read gets all of statm: the kernel formats it whole. */
static int parse_read(ssize_t n, const char *buf, mt_statm *out)
{
    if (n < 0)
        return -1;
    if (n == 0 || mt_statm_parse(buf, (size_t)n, page_size(), out) < 0) {
        errno = EINVAL;
        return -1;
    }
    return 0;
}

int mt_statm_pread(int fd, mt_statm *out)
{
    char buf[STATM_BUF];
    ssize_t n;
    do
        n = pread(fd, buf, sizeof buf, 0);
    while (n < 0 && errno == EINTR);
    return parse_read(n, buf, out);
}

/* Reads an open statm once and closes it, errno kept. */
static int read_once(int fd, mt_statm *out)
{
    if (fd < 0)
        return -1;
    int rc = mt_statm_pread(fd, out);
    int e = errno;
    close(fd);
    errno = e;
    return rc;
}

int mt_statm_read_checked(pid_t pid, uint64_t start_ticks, mt_statm *out)
{
    return read_once(mt_statm_open_checked(pid, start_ticks), out);
}

int mt_statm_read(pid_t pid, mt_statm *out)
{
    return read_once(mt_statm_open(pid), out);
}

size_t mt_statm_keep_limit(size_t want)
{
    struct rlimit rl;
    if (getrlimit(RLIMIT_NOFILE, &rl) < 0)
        return 0;
    rlim_t need = (rlim_t)want + MT_STATM_SPARE_FDS;
    if (rl.rlim_cur != RLIM_INFINITY && rl.rlim_cur < need) {
        struct rlimit raised = rl;
        raised.rlim_cur = rl.rlim_max == RLIM_INFINITY || rl.rlim_max > need ? need : rl.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
            rl.rlim_cur = raised.rlim_cur;
    }
    if (rl.rlim_cur == RLIM_INFINITY || rl.rlim_cur >= need)
        return want;
    return rl.rlim_cur > MT_STATM_SPARE_FDS ? (size_t)(rl.rlim_cur - MT_STATM_SPARE_FDS) : 0;
}
