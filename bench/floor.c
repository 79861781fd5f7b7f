/* floor.c - the limit of a list refresh that opens its files: readdir
 * /proc and open/read/close the files memtop's list view reads, with
 * minimal parsing and no library.  (memtop goes below it by keeping
 * statm files open between refreshes; see src/statm.h.)
 *
 *   floor [-s] [-k K] ITERATIONS [DELAY]
 *
 * Per refresh: /proc/meminfo, /proc/vmstat, /proc/stat, and statm of
 * every process; on the first refresh also stat, status and cmdline of
 * every process, and status and cmdline on every K-th (-k K, default
 * 10, memtop's period), which is what memtop reads on a steady system.
 * -s: statm only (the SPEC's "raw statm floor").
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static char buf[1 << 16];
static unsigned long long sink;

static void slurp(const char *path)
{
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return;
    ssize_t n;
    while ((n = read(fd, buf, sizeof buf)) > 0)
        sink += (unsigned long long)n;
    close(fd);
}

/* statm: size resident shared ... - the three numbers memtop uses. */
static void read_statm(const char *pid)
{
    char path[300];
    snprintf(path, sizeof path, "/proc/%s/statm", pid);
    int fd = open(path, O_RDONLY);
    if (fd < 0)
        return;
    ssize_t n = read(fd, buf, sizeof buf - 1);
    close(fd);
    if (n <= 0)
        return;
    buf[n] = '\0';
    char *p = buf;
    for (int i = 0; i < 3; i++)
        sink += strtoull(p, &p, 10);
}

static void read_full(const char *pid, int first)
{
    static const char *const files[] = { "stat", "status", "cmdline" };
    char path[300];
    for (size_t i = first ? 0 : 1; i < sizeof files / sizeof files[0]; i++) {
        snprintf(path, sizeof path, "/proc/%s/%s", pid, files[i]);
        slurp(path);
    }
}

static void refresh(int full, int first, int statm_only)
{
    if (!statm_only) {
        slurp("/proc/meminfo");
        slurp("/proc/vmstat");
        slurp("/proc/stat");
    }
    DIR *d = opendir("/proc");
    if (!d)
        exit(1);
    struct dirent *e;
    while ((e = readdir(d)))
        if (e->d_name[0] >= '1' && e->d_name[0] <= '9') {
            read_statm(e->d_name);
            if (full)
                read_full(e->d_name, first);
        }
    closedir(d);
}

int main(int argc, char **argv)
{
    int statm_only = 0, k = 10, opt;
    while ((opt = getopt(argc, argv, "sk:")) != -1) {
        if (opt == 's')
            statm_only = 1;
        else if (opt == 'k')
            k = atoi(optarg);
        else
            return 2;
    }
    if (optind >= argc || k < 1) {
        fprintf(stderr, "usage: floor [-s] [-k K] ITERATIONS [DELAY]\n");
        return 2;
    }
    long iters = atol(argv[optind]);
    double delay = optind + 1 < argc ? atof(argv[optind + 1]) : 0;
    for (long i = 0; i < iters; i++) {
        if (i > 0 && delay > 0) {
            struct timespec ts = { (time_t)delay, (long)((delay - (long)delay) * 1e9) };
            nanosleep(&ts, NULL);
        }
        refresh(!statm_only && i % k == 0, i == 0, statm_only);
    }
    return sink == 0;
}
