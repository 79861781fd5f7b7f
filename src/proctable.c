/* proctable.c - the seam to libproc2 (procps-ng 4).  The only file that
 * includes its headers: the process table through the pids API, system
 * memory through the meminfo API, boot time through the stat API.
 *
 * libproc2's PIDS_VAL macro lost its fourth argument in procps-ng 4.0.5
 * (Debian 12 ships 4.0.2).  Results are read here through VAL(), which
 * indexes the result stack directly and is the same in every 4.x, so
 * the arity change stops at this file.
 */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <libproc2/meminfo.h>
#include <libproc2/misc.h>
#include <libproc2/pids.h>
#include <libproc2/stat.h>

#include "memtop/proctable.h"
#include "memtop/util.h"

#define VAL(rel, type, stack) ((stack)->head[(rel)].result.type)

/* The kernel marks its own threads with PF_KTHREAD in stat's flags. */
#define PF_KTHREAD 0x00200000UL

/* The items asked for; libproc2 reads only the files these need
 * (stat, status, statm, cmdline).  Keep enum and array in step. */
enum rel {
    R_PID, R_PPID, R_EUID, R_EUSER, R_STATE, R_CMD, R_CMDLINE, R_BEGAN,
    R_FLAGS, R_NLWP, R_VIRT, R_RES, R_SHR, R_ANON, R_FILE, R_SHMEM, R_SWAP,
    R_COUNT
};

static enum pids_item items[R_COUNT] = {
    [R_PID] = PIDS_ID_PID,           [R_PPID] = PIDS_ID_PPID,
    [R_EUID] = PIDS_ID_EUID,         [R_EUSER] = PIDS_ID_EUSER,
    [R_STATE] = PIDS_STATE,          [R_CMD] = PIDS_CMD,
    [R_CMDLINE] = PIDS_CMDLINE,      [R_BEGAN] = PIDS_TICS_BEGAN,
    [R_FLAGS] = PIDS_FLAGS,          [R_NLWP] = PIDS_NLWP,
    [R_VIRT] = PIDS_MEM_VIRT,        [R_RES] = PIDS_MEM_RES,
    [R_SHR] = PIDS_MEM_SHR,          [R_ANON] = PIDS_VM_RSS_ANON,
    [R_FILE] = PIDS_VM_RSS_FILE,     [R_SHMEM] = PIDS_VM_RSS_SHARED,
    [R_SWAP] = PIDS_VM_SWAP,
};

struct mt_proctable {
    struct pids_info *pids;     /* one handle, reused every refresh */
    struct meminfo_info *mem;
    double boot_time;
    double hertz;
    char hostname[256];
};

mt_proctable *mt_proctable_new(void)
{
    mt_proctable *pt = mt_xcalloc(1, sizeof *pt);
    struct stat_info *st = NULL;
    int rc;
    if ((rc = procps_pids_new(&pt->pids, items, R_COUNT)) < 0 ||
        (rc = procps_meminfo_new(&pt->mem)) < 0 || (rc = procps_stat_new(&st)) < 0) {
        mt_proctable_free(pt);
        errno = rc < 0 ? -rc : ENOENT;
        return NULL;
    }
    pt->boot_time = (double)STAT_GET(st, STAT_SYS_TIME_OF_BOOT, ul_int);
    procps_stat_unref(&st);
    long hz = procps_hertz_get();
    pt->hertz = hz > 0 ? (double)hz : 100.0;
    if (gethostname(pt->hostname, sizeof pt->hostname - 1) < 0)
        strcpy(pt->hostname, "?");
    return pt;
}

void mt_proctable_free(mt_proctable *pt)
{
    if (!pt)
        return;
    if (pt->pids)
        procps_pids_unref(&pt->pids);
    if (pt->mem)
        procps_meminfo_unref(&pt->mem);
    free(pt);
}

static uint64_t kib(unsigned long v) { return (uint64_t)v * 1024; }

static int read_system(mt_proctable *pt, mt_system *sys)
{
    struct meminfo_info *m = pt->mem;
    /* meminfo_get re-reads /proc/meminfo at most once per second;
     * select re-reads it every time, which a fast refresh wants. */
    enum meminfo_item want[] = {
        MEMINFO_MEM_TOTAL, MEMINFO_MEM_FREE, MEMINFO_MEM_AVAILABLE, MEMINFO_MEM_ANON,
        MEMINFO_MEM_BUFFERS, MEMINFO_MEM_CACHED, MEMINFO_MEM_SHARED,
        MEMINFO_SWAP_TOTAL, MEMINFO_SWAP_FREE,
    };
    struct meminfo_stack *st = procps_meminfo_select(m, want, sizeof want / sizeof want[0]);
    if (!st)
        return -1;
    uint64_t v[sizeof want / sizeof want[0]];
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        v[i] = kib(st->head[i].result.ul_int);
    sys->mem_total = v[0];
    sys->mem_free = v[1];
    sys->mem_available = v[2];
    sys->mem_anon = v[3];
    sys->mem_shmem = v[6];
    sys->swap_total = v[7];
    sys->swap_free = v[8];
    /* Split used (total - free) into anon, file cache, shmem and the
     * rest, which is the kernel's (slab, page tables, stacks, ...).
     * Cached counts shmem too; take it out so nothing is counted twice. */
    uint64_t used = sys->mem_total > sys->mem_free ? sys->mem_total - sys->mem_free : 0;
    uint64_t file = v[4] + v[5];
    file = file > sys->mem_shmem ? file - sys->mem_shmem : 0;
    sys->mem_file = file;
    uint64_t accounted = sys->mem_anon + sys->mem_file + sys->mem_shmem;
    sys->mem_kernel = used > accounted ? used - accounted : 0;
    double up = 0, idle = 0;
    if (procps_uptime(&up, &idle) >= 0)
        sys->uptime = up;
    sys->boot_time = pt->boot_time;
    memcpy(sys->hostname, pt->hostname, sizeof sys->hostname);
    return 0;
}

static void fill_proc(mt_proctable *pt, mt_snapshot *snap, struct pids_stack *s)
{
    mt_proc *p = mt_snapshot_add(snap);
    p->pid = VAL(R_PID, s_int, s);
    p->ppid = VAL(R_PPID, s_int, s);
    p->uid = VAL(R_EUID, u_int, s);
    p->state = (char)VAL(R_STATE, s_ch, s);
    p->kthread = (VAL(R_FLAGS, ul_int, s) & PF_KTHREAD) != 0;
    p->threads = VAL(R_NLWP, s_int, s);
    p->start_ticks = VAL(R_BEGAN, ull_int, s);
    p->start = pt->boot_time + (double)p->start_ticks / pt->hertz;
    mt_strlcpy(p->user, VAL(R_EUSER, str, s) ? VAL(R_EUSER, str, s) : "?", sizeof p->user);
    mt_strlcpy(p->comm, VAL(R_CMD, str, s) ? VAL(R_CMD, str, s) : "", sizeof p->comm);
    mt_snapshot_set_cmdline(snap, p, VAL(R_CMDLINE, str, s) ? VAL(R_CMDLINE, str, s) : "");
    p->virt = kib(VAL(R_VIRT, ul_int, s));
    p->res = kib(VAL(R_RES, ul_int, s));
    p->shr = kib(VAL(R_SHR, ul_int, s));
    p->anon = kib(VAL(R_ANON, ul_int, s));
    p->file = kib(VAL(R_FILE, ul_int, s));
    p->shmem = kib(VAL(R_SHMEM, ul_int, s));
    p->swap = kib(VAL(R_SWAP, ul_int, s));
    mt_proc_derive(p);
    snap->sys.tasks++;
    if (p->state == 'Z')
        snap->sys.zombies++;
    if (p->kthread)
        snap->sys.kthreads++;
}

int mt_proctable_sample(mt_proctable *pt, mt_snapshot *snap)
{
    mt_snapshot_clear(snap);
    snap->time = mt_now_real();
    if (read_system(pt, &snap->sys) < 0)
        return -1;
    /* reap skips processes that vanish while being read. */
    struct pids_fetch *f = procps_pids_reap(pt->pids, PIDS_FETCH_TASKS_ONLY);
    if (!f) {
        if (errno == 0)
            errno = EIO;
        return -1;
    }
    for (int i = 0; i < f->counts->total; i++)
        fill_proc(pt, snap, f->stacks[i]);
    mt_snapshot_seal(snap);
    return 0;
}
