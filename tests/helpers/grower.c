/* grower - a process whose memory grows in one kind of region, for the
 * "where it grows" tests (the map's mapping identity and GROWS-IN).
 *
 *   grower mmap KIB_PER_SEC   1 MiB anonymous mmaps, each placed below
 *                             the last one and merged into it by the
 *                             kernel: one anon VMA growing downward
 *   grower heap KIB_PER_SEC   small mallocs from the main thread: [heap]
 *   grower arena KIB_PER_SEC  small mallocs from a second thread: its
 *                             own malloc arena (anon)
 *   grower shm KIB_PER_SEC    touches more and more of a shared mapping
 *                             of an (unlinked) /dev/shm file: shm
 *
 * Ten steps a second; every page is written so it is resident.  Prints
 * "ready" once the first step is done; runs until killed.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define MIB (1024 * 1024)
#define SHM_SIZE (1024L * MIB)  /* reserved, touched as it grows */

static double rate;             /* bytes a second */
static const char *mode;

static void die(const char *what)
{
    perror(what);
    exit(3);
}

static void tick(void)
{
    struct timespec ts = { 0, 100 * 1000 * 1000 };
    nanosleep(&ts, NULL);
}

static void ready(void)
{
    static int said;
    if (!said++) {
        puts("ready");
        fflush(stdout);
    }
}

/* Grows by `step(bytes)` to follow the rate, ten times a second. */
static void run(void (*step)(size_t))
{
    double want = 0;
    size_t have = 0;
    for (;;) {
        want += rate / 10;
        if (want > (double)have) {
            size_t more = (size_t)want - have;
            step(more);
            have += more;
        }
        ready();
        tick();
    }
}

/* mmap: whole MiBs, so every mmap is 1 MiB, as a program allocating
 * 1 MiB buffers (or Python's big objects) would. */
static size_t mmap_pending;
static void step_mmap(size_t bytes)
{
    mmap_pending += bytes;
    while (mmap_pending >= MIB) {
        char *p = mmap(NULL, MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        if (p == MAP_FAILED)
            die("mmap");
        memset(p, 0x5a, MIB);
        mmap_pending -= MIB;
    }
}

/* Small blocks, never freed: below malloc's mmap threshold, so from the
 * arena of the calling thread. */
static void step_malloc(size_t bytes)
{
    for (size_t done = 0; done < bytes; done += 512) {
        char *p = malloc(512);
        if (!p)
            die("malloc");
        memset(p, 0x5a, 512);
    }
}

static void *arena_thread(void *arg)
{
    (void)arg;
    run(step_malloc);
    return NULL;
}

static char *shm_base;
static size_t shm_touched;
static void step_shm(size_t bytes)
{
    size_t end = shm_touched + bytes;
    if (end > (size_t)SHM_SIZE)
        end = SHM_SIZE;
    memset(shm_base + shm_touched, 0x5a, end - shm_touched);
    shm_touched = end;
}

static void map_shm(void)
{
    char name[64];
    snprintf(name, sizeof name, "/memtop-grower-%d", (int)getpid());
    int fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
    if (fd < 0)
        die("shm_open");
    shm_unlink(name);       /* nothing left behind when we are killed */
    if (ftruncate(fd, SHM_SIZE) < 0)
        die("ftruncate");
    shm_base = mmap(NULL, SHM_SIZE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
    if (shm_base == MAP_FAILED)
        die("mmap shm");
    close(fd);
}

int main(int argc, char **argv)
{
    if (argc != 3 || atof(argv[2]) <= 0) {
        fputs("usage: grower mmap|heap|arena|shm KIB_PER_SEC\n", stderr);
        return 2;
    }
    mode = argv[1];
    rate = atof(argv[2]) * 1024;
    if (strcmp(mode, "mmap") == 0) {
        run(step_mmap);
    } else if (strcmp(mode, "heap") == 0) {
        run(step_malloc);
    } else if (strcmp(mode, "arena") == 0) {
        pthread_t t;
        if (pthread_create(&t, NULL, arena_thread, NULL) != 0)
            die("pthread_create");
        for (;;)
            pause();
    } else if (strcmp(mode, "shm") == 0) {
        map_shm();
        run(step_shm);
    }
    fputs("usage: grower mmap|heap|arena|shm KIB_PER_SEC\n", stderr);
    return 2;
}
