/* memhog - a process with known memory behaviour, for end-to-end tests.
 *
 *   memhog hold MIB             allocate and touch MIB MiB, then sleep
 *   memhog leak KIB_PER_SEC     grow the heap steadily, 10 steps a second
 *   memhog late SECS KIB_PER_SEC   hold 16 MiB flat for SECS, then leak
 *   memhog step MIB SECS        hold MIB, after SECS add MIB more, then sleep
 *   memhog sawtooth MIB SECS    grow to MIB over SECS, free it all, repeat
 *   memhog noise MIB PCT        hold MIB, +-PCT% random churn every 100 ms
 *
 * Prints "ready" on stdout once the first allocation is touched.  Runs
 * until killed.  Memory is malloc'd in 64 KiB blocks, as a leaking
 * program would, and every page is written so it is resident.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define BLOCK (64 * 1024)

static char **blocks;
static size_t nblocks, capblocks;

static void grow_blocks(size_t want)
{
    while (nblocks < want) {
        if (nblocks == capblocks) {
            capblocks = capblocks ? capblocks * 2 : 1024;
            blocks = realloc(blocks, capblocks * sizeof *blocks);
            if (!blocks)
                exit(3);
        }
        char *b = malloc(BLOCK);
        if (!b)
            exit(3);
        memset(b, 0x5a, BLOCK);
        blocks[nblocks++] = b;
    }
}

static void shrink_blocks(size_t want)
{
    while (nblocks > want)
        free(blocks[--nblocks]);
}

static size_t mib_blocks(double mib) { return (size_t)(mib * 1024 * 1024 / BLOCK); }

static void tick(void)
{
    struct timespec ts = { 0, 100 * 1000 * 1000 };
    nanosleep(&ts, NULL);
}

static void ready(void)
{
    puts("ready");
    fflush(stdout);
}

static int usage(void)
{
    fputs("usage: memhog hold MIB | leak KIB_PER_SEC | late SECS KIB_PER_SEC |"
          " step MIB SECS |"
          " sawtooth MIB SECS | noise MIB PCT\n", stderr);
    return 2;
}

int main(int argc, char **argv)
{
    if (argc < 3)
        return usage();
    /* glibc would serve 64 KiB blocks from mmap above its threshold
     * when freed ones are returned; keep them on the heap so a "leak"
     * looks like one.  (Either way it is anonymous memory.) */
    const char *mode = argv[1];
    double a = atof(argv[2]), b = argc > 3 ? atof(argv[3]) : 0;
    if (strcmp(mode, "hold") == 0) {
        grow_blocks(mib_blocks(a));
        ready();
        for (;;)
            pause();
    } else if (strcmp(mode, "leak") == 0) {
        double kib = 0;
        ready();
        for (;;) {
            kib += a / 10;
            grow_blocks((size_t)(kib * 1024 / BLOCK));
            tick();
        }
    } else if (strcmp(mode, "late") == 0 && argc > 3) {
        grow_blocks(mib_blocks(16));
        ready();
        sleep((unsigned)a);
        double kib = 16 * 1024;
        for (;;) {
            kib += b / 10;
            grow_blocks((size_t)(kib * 1024 / BLOCK));
            tick();
        }
    } else if (strcmp(mode, "step") == 0 && argc > 3) {
        grow_blocks(mib_blocks(a));
        ready();
        sleep((unsigned)b);
        grow_blocks(mib_blocks(2 * a));
        for (;;)
            pause();
    } else if (strcmp(mode, "sawtooth") == 0 && argc > 3) {
        size_t top = mib_blocks(a), steps = (size_t)(b * 10);
        ready();
        for (;;) {
            for (size_t i = 1; i <= steps; i++) {
                grow_blocks(top * i / steps);
                tick();
            }
            shrink_blocks(0);
        }
    } else if (strcmp(mode, "noise") == 0 && argc > 3) {
        size_t base = mib_blocks(a), span = (size_t)(base * b / 100);
        grow_blocks(base);
        ready();
        srand((unsigned)getpid());
        for (;;) {
            size_t want = base - span + (size_t)rand() % (2 * span + 1);
            if (want > nblocks)
                grow_blocks(want);
            else
                shrink_blocks(want);
            tick();
        }
    }
    return usage();
}
