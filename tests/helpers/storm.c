/* storm - a process storm: forks COUNT short-lived children, at most
 * RATE a second, reaping them as it goes, then exits.
 *
 *   storm RATE COUNT
 *
 * Each child touches a little memory and exits at once, so PIDs churn
 * as fast as they would under a fork bomb or a busy CGI server.  A busy
 * machine forks more slowly: the storm then lasts longer, but it is
 * always COUNT processes, so a test does not depend on the speed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fputs("usage: storm RATE COUNT\n", stderr);
        return 2;
    }
    double rate = atof(argv[1]);
    long count = atol(argv[2]);
    double start = now();
    long forked = 0;
    while (forked < count) {
        long due = (long)((now() - start) * rate);
        while (forked < due && forked < count) {
            pid_t p = fork();
            if (p == 0) {
                char buf[16384];
                memset(buf, 1, sizeof buf);
                _exit(buf[100] == 1 ? 0 : 1);
            }
            if (p > 0)
                forked++;
            while (waitpid(-1, NULL, WNOHANG) > 0)
                ;
        }
        usleep(1000);
    }
    while (wait(NULL) > 0)
        ;
    printf("forked %ld in %.1f s\n", forked, now() - start);
    return 0;
}
