/* mapzoo - a process whose memory map holds one of every kind of
 * region, for the memory-map tests and for capturing smaps fixtures.
 *
 *   mapzoo DIR     (DIR: a scratch directory for the mapped files)
 *
 * Maps: a touched bss array, heap from small mallocs, two threads with
 * their own malloc arenas and stacks, /dev/shm (unlinked), a memfd, a
 * SysV segment, shared anonymous memory, a named anonymous region
 * ([anon:memtop-zoo], where the kernel supports it), a private file
 * whose name has spaces, a file named with terminal escapes, a
 * deleted file, and a regular file mapped shared read-only (r--s, like
 * gconv-modules.cache: file cache, not shared memory).  Prints "ready" and waits to be killed.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ipc.h>
#include <sys/mman.h>
#include <sys/prctl.h>
#include <sys/shm.h>
#include <unistd.h>

#define MIB (1024 * 1024)

static char big_bss[4 * MIB];

static void die(const char *what)
{
    perror(what);
    exit(3);
}

static void touch(char *p, size_t n)
{
    for (size_t i = 0; i < n; i += 4096)
        p[i] = 1;
}

static char *map_fd(int fd, size_t n, int flags)
{
    if (ftruncate(fd, (off_t)n) < 0)
        die("ftruncate");
    char *p = mmap(NULL, n, PROT_READ | PROT_WRITE, flags, fd, 0);
    if (p == MAP_FAILED)
        die("mmap");
    touch(p, n);
    close(fd);
    return p;
}

static void map_file(const char *dir, const char *name, size_t n, bool unlink_it)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0)
        die(path);
    map_fd(fd, n, MAP_PRIVATE);
    if (unlink_it)
        unlink(path);
}

/* r--s of a regular file: read, so its pages are resident. */
static void map_file_shared(const char *dir)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/shared-ro.cache", dir);
    int fd = open(path, O_RDWR | O_CREAT | O_TRUNC, 0600);
    if (fd < 0 || ftruncate(fd, 64 * 1024) < 0)
        die(path);
    volatile char *p = mmap(NULL, 64 * 1024, PROT_READ, MAP_SHARED, fd, 0);
    if (p == MAP_FAILED)
        die("mmap r--s");
    for (size_t i = 0; i < 64 * 1024; i += 4096)
        (void)p[i];
    close(fd);
}

static void map_shared(void)
{
    char name[64];
    snprintf(name, sizeof name, "/memtop-zoo-%d", (int)getpid());
    int fd = shm_open(name, O_RDWR | O_CREAT | O_EXCL, 0600);
    if (fd < 0)
        die("shm_open");
    map_fd(fd, MIB, MAP_SHARED);
    shm_unlink(name);

    fd = memfd_create("memtop-zoo", 0);
    if (fd < 0)
        die("memfd_create");
    map_fd(fd, MIB, MAP_SHARED);

    int id = shmget(IPC_PRIVATE, MIB, IPC_CREAT | 0600);
    if (id < 0)
        die("shmget");
    char *p = shmat(id, NULL, 0);
    shmctl(id, IPC_RMID, NULL);   /* gone when we are */
    if (p == (void *)-1)
        die("shmat");
    touch(p, MIB);

    p = mmap(NULL, MIB, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        die("mmap shared anon");
    touch(p, MIB);
}

static void map_named_anon(void)
{
    char *p = mmap(NULL, MIB, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        die("mmap anon");
    touch(p, MIB);
#ifndef PR_SET_VMA
#define PR_SET_VMA 0x53564d41
#define PR_SET_VMA_ANON_NAME 0
#endif
    prctl(PR_SET_VMA, PR_SET_VMA_ANON_NAME, (unsigned long)p, MIB, "memtop-zoo");
}

static void *thread_main(void *arg)
{
    /* A thread's first malloc creates its own arena (an anonymous
     * mapping, mostly reserved ---p). */
    char *p = malloc(256 * 1024);
    if (!p)
        die("malloc");
    touch(p, 256 * 1024);
    pause();
    return arg;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fputs("usage: mapzoo DIR\n", stderr);
        return 2;
    }
    touch(big_bss, sizeof big_bss);
    for (int i = 0; i < 256; i++)       /* 1 MiB of small blocks: [heap] */
        touch(malloc(4096), 4096);
    pthread_t t[2];
    for (int i = 0; i < 2; i++)
        if (pthread_create(&t[i], NULL, thread_main, NULL) != 0)
            die("pthread_create");
    map_shared();
    map_named_anon();
    map_file(argv[1], "a file with spaces.dat", 64 * 1024, false);
    map_file(argv[1], "esc\x1b]0;owned\x07.dat", 64 * 1024, false);
    map_file(argv[1], "deleted.dat", 64 * 1024, true);
    map_file_shared(argv[1]);
    usleep(100 * 1000);                 /* let the threads allocate */
    puts("ready");
    fflush(stdout);
    for (;;)
        pause();
}
