/* sysmem.c - the system numbers of a snapshot (sysmem.h). */
#include "config.h"

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "memtop/sysmem.h"
#include "memtop/util.h"

#define PID_MAX_DEFAULT 32768   /* the kernel's */

void mt_meminfo_raw_unknown(mt_meminfo_raw *raw)
{
    raw->total = raw->free = raw->available = raw->anon = MT_NA;
    raw->buffers = raw->cached = raw->shmem = MT_NA;
    raw->swap_total = raw->swap_free = MT_NA;
}

static uint64_t bytes(uint64_t kib) { return kib == MT_NA ? MT_NA : kib * 1024; }

/* At most *left of v, taken from *left; MT_NA stays MT_NA. */
static uint64_t take(uint64_t v, uint64_t *left)
{
    if (v == MT_NA)
        return MT_NA;
    if (v > *left)
        v = *left;
    *left -= v;
    return v;
}

void mt_sysmem_fill(mt_system *sys, const mt_meminfo_raw *raw, double uptime,
                    double boot_time, const char *hostname)
{
    sys->mem_total = bytes(raw->total);
    sys->mem_free = bytes(raw->free);
    sys->mem_available = bytes(raw->available);
    sys->swap_total = bytes(raw->swap_total);
    sys->swap_free = bytes(raw->swap_free);
    uint64_t anon = bytes(raw->anon), shmem = bytes(raw->shmem), file = MT_NA;
    /* Cached counts shmem too; take it out so nothing is counted twice. */
    if (raw->buffers != MT_NA && raw->cached != MT_NA && raw->shmem != MT_NA) {
        file = bytes(raw->buffers + raw->cached);
        file = file > shmem ? file - shmem : 0;
    }
    sys->mem_kernel = MT_NA;
    if (sys->mem_total != MT_NA && sys->mem_free != MT_NA) {
        uint64_t left = sys->mem_total > sys->mem_free ? sys->mem_total - sys->mem_free : 0;
        anon = take(anon, &left);
        shmem = take(shmem, &left);
        file = take(file, &left);
        if (anon != MT_NA && shmem != MT_NA && file != MT_NA)
            sys->mem_kernel = left;
    }
    sys->mem_anon = anon;
    sys->mem_shmem = shmem;
    sys->mem_file = file;
    sys->uptime = uptime;
    sys->boot_time = boot_time;
    mt_strlcpy(sys->hostname, hostname, sizeof sys->hostname);
}

void mt_sysmem_count(mt_system *sys, const mt_sample *p)
{
    sys->tasks++;
    if (p->state == 'Z')
        sys->zombies++;
    if (p->kthread)
        sys->kthreads++;
}

double mt_sysmem_boot_clock(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_BOOTTIME, &ts) < 0)
        return 0;
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

uint64_t mt_sysmem_parse_pid_max(const char *text)
{
    uint64_t v = strtoull(text, NULL, 10);
    return v > 0 ? v : PID_MAX_DEFAULT;
}

uint64_t mt_sysmem_pid_max(void)
{
    char buf[32];
    if (mt_read_file("/proc/sys/kernel/pid_max", buf, sizeof buf) <= 0)
        return PID_MAX_DEFAULT;
    return mt_sysmem_parse_pid_max(buf);
}

void mt_sysmem_hostname(char *buf, size_t n)
{
    memset(buf, 0, n);
    if (gethostname(buf, n - 1) < 0)
        mt_strlcpy(buf, "?", n);
}
