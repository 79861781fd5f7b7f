/* manymaps - a process with N mappings, for the map benchmark.
 *
 *   manymaps N
 *
 * Reserves N pages and gives every other one a different protection,
 * so the kernel cannot merge them: N separate mappings (plus the usual
 * few), half of them resident.  Prints "ready" and waits to be killed.
 * N must stay under vm.max_map_count (65530 by default).
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 0;
    if (n <= 0) {
        fputs("usage: manymaps N\n", stderr);
        return 2;
    }
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    char *base = mmap(NULL, (size_t)n * page, PROT_READ | PROT_WRITE,
                      MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (base == MAP_FAILED) {
        perror("mmap");
        return 3;
    }
    for (long i = 0; i < n; i++) {
        char *p = base + (size_t)i * page;
        if (i % 2 == 0)
            p[0] = 1;           /* resident */
        else if (mprotect(p, page, PROT_READ) < 0) {
            perror("mprotect (raise vm.max_map_count?)");
            return 3;
        }
    }
    puts("ready");
    fflush(stdout);
    for (;;)
        pause();
}
