/* storm - a process storm: forks RATE short-lived children a second
 * for SECONDS, reaping them as it goes, then exits.
 *
 *   storm RATE SECONDS
 *
 * Each child touches a little memory and exits at once, so PIDs churn
 * as fast as they would under a fork bomb or a busy CGI server. */
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
        fputs("usage: storm RATE SECONDS\n", stderr);
        return 2;
    }
    double rate = atof(argv[1]), secs = atof(argv[2]);
    double start = now();
    long forked = 0;
    while (now() - start < secs) {
        long due = (long)((now() - start) * rate);
        while (forked < due) {
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
    printf("forked %ld\n", forked);
    return 0;
}
