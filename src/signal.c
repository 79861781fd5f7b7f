/* signal.c - a signal to exactly one process (see signal.h). */
#include "config.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "memtop/mapview.h"
#include "memtop/signal.h"
#include "memtop/util.h"

#ifndef SYS_pidfd_open
#define SYS_pidfd_open 434
#endif
#ifndef SYS_pidfd_send_signal
#define SYS_pidfd_send_signal 424
#endif

static int pidfd_open_pid(pid_t pid)
{
    return (int)syscall(SYS_pidfd_open, pid, 0);
}

static int pidfd_signal(int fd, int sig)
{
    return (int)syscall(SYS_pidfd_send_signal, fd, sig, NULL, 0);
}

/* The start time of whoever holds pid now; -1 with ESRCH if nobody. */
static int start_of(pid_t pid, unsigned long long *start)
{
    char path[40], buf[1024], comm[64], state;
    unsigned long flags;
    snprintf(path, sizeof path, "/proc/%d/stat", (int)pid);
    if (mt_read_file(path, buf, sizeof buf) < 0 ||
        mt_mapview_parse_stat(buf, comm, sizeof comm, &state, &flags, start) < 0) {
        errno = ESRCH;
        return -1;
    }
    return 0;
}

int mt_signal_process(pid_t pid, uint64_t start_ticks, int sig)
{
    if (pid <= 0) {
        errno = ESRCH;
        return -1;
    }
    int fd = pidfd_open_pid(pid);
    if (fd < 0 && errno != ENOSYS)
        return -1;              /* ESRCH: nobody holds the PID */
    unsigned long long start;
    int rc = start_of(pid, &start);
    /* The stat read is the pinned process's only if it still lives:
     * signal 0 checks that (and permission) without sending anything. */
    if (rc == 0 && fd >= 0)
        rc = pidfd_signal(fd, 0);
    if (rc == 0 && start != start_ticks) {
        errno = ESRCH;
        rc = -1;
    }
    if (rc == 0)
        rc = fd >= 0 ? pidfd_signal(fd, sig) : kill(pid, sig);
    int e = errno;
    if (fd >= 0)
        close(fd);
    errno = e;
    return rc;
}
