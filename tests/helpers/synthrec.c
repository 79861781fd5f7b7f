/* synthrec - writes a synthetic recording, for replaying what would take
 * too long to wait for (SPEC section 3: "long cases through synthetic
 * recordings replayed with -r").
 *
 *   synthrec slow FILE   30 minutes at -d 5: PID 500 leaks 1 % of its
 *                        2 GiB heap per 10 minutes, running long before
 *                        the recording began; PID 501 holds 500 MiB
 *                        with +-64 KiB of churn.
 *   synthrec day FILE    24 hours at -d 5: PID 600 starts with the
 *                        recording, steps from 50 MiB to 500 MiB in its
 *                        first minute, then leaks 25 KiB/s; PID 601 is a
 *                        cache that warms to 300 MiB over its first 2 minutes
 *                        then stays.
 *   synthrec late FILE   15 minutes at -d 1: PID 700 holds 100 MiB with
 *                        +-64 KiB of churn for 10 minutes, then leaks
 *                        1 MiB/s.
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memtop/record.h"
#include "memtop/snapshot.h"

#define MIB (1024.0 * 1024.0)
#define T0 1764000000.0

static void add(mt_snapshot *s, pid_t pid, const char *comm, double heap)
{
    mt_proc *p = mt_snapshot_add(s);
    p->raw.pid = pid;
    p->raw.ppid = 1;
    p->raw.state = 'S';
    p->raw.threads = 1;
    p->raw.start_ticks = (uint64_t)pid * 100;
    p->raw.start = T0 - 86400 + pid;
    strcpy(p->raw.user, "root");
    snprintf(p->raw.comm, sizeof p->raw.comm, "%s", comm);
    p->raw.anon = (uint64_t)(heap / 1024) * 1024;
    p->raw.file = 4 << 20;
    p->raw.shmem = 0;
    p->raw.swap = 0;
    p->raw.res = p->raw.anon + p->raw.file;
    p->raw.shr = p->raw.file;
    p->raw.virt = p->raw.res * 2;
    mt_sample_derive(&p->raw);
}

int main(int argc, char **argv)
{
    if (argc != 3 || (strcmp(argv[1], "slow") && strcmp(argv[1], "day") &&
                      strcmp(argv[1], "late"))) {
        fputs("usage: synthrec slow|day|late FILE\n", stderr);
        return 2;
    }
    bool day = strcmp(argv[1], "day") == 0, late = strcmp(argv[1], "late") == 0;
    char err[256], warn[256];
    mt_recorder *r = mt_recorder_open(argv[2], "synth", err, sizeof err, warn, sizeof warn);
    if (!r) {
        fprintf(stderr, "synthrec: %s: %s\n", argv[2], err);
        return 1;
    }
    mt_snapshot s;
    mt_snapshot_init(&s);
    srand(7);
    double span = day ? 86400 : late ? 900 : 1800, step = late ? 1 : 5;
    for (double t = 0; t <= span; t += step) {
        mt_snapshot_clear(&s);
        s.time = T0 + t;
        strcpy(s.sys.hostname, "synth");
        s.sys.uptime = 86400 + t;
        s.sys.boot_time = T0 - 86400;
        s.sys.mem_total = 64ULL << 30;
        s.sys.mem_available = 32ULL << 30;
        s.sys.mem_free = 16ULL << 30;
        s.sys.mem_anon = 16ULL << 30;
        s.sys.mem_file = 24ULL << 30;
        s.sys.mem_shmem = 1ULL << 30;
        s.sys.mem_kernel = 7ULL << 30;
        s.sys.tasks = 2;
        double churn = (rand() % 129 - 64) * 1024.0;
        if (late) {
            add(&s, 700, "lateleak", 100 * MIB + churn + (t > 600 ? (t - 600) * MIB : 0));
        } else if (day) {
            add(&s, 600, "stepper", (t < 40 ? 50 * MIB : 500 * MIB) + 25 * 1024.0 * t);
            add(&s, 601, "cache", 20 * MIB + 280 * MIB * (t < 120 ? t / 120 : 1) + churn);
        } else {
            add(&s, 500, "slowleak", 2048 * MIB * (1 + 0.01 * t / 600));
            add(&s, 501, "steady", 500 * MIB + churn);
        }
        mt_snapshot_seal(&s);
        if (mt_recorder_write(r, &s) < 0) {
            perror("synthrec");
            return 1;
        }
    }
    mt_snapshot_free(&s);
    return mt_recorder_close(r) < 0;
}
