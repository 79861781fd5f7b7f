/* spawn_idle.c - N idle processes for the benchmarks.
 *
 *   spawn_idle N PIDFILE
 *
 * Forks N children that only pause(), writes their PIDs to PIDFILE
 * (written to PIDFILE.tmp, then renamed: once it exists all children
 * are up), then waits for SIGTERM/SIGINT/SIGHUP, kills every child
 * by PID and reaps them.  Children also die
 * with the parent (PR_SET_PDEATHSIG), so a killed spawner leaves
 * nothing behind.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

static void child(pid_t parent)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)    /* the parent died before prctl */
        _exit(0);
    for (;;)
        pause();
}

static void kill_all(const pid_t *pids, long n)
{
    for (long i = 0; i < n; i++)
        kill(pids[i], SIGKILL);
    for (long i = 0; i < n; i++)
        while (waitpid(pids[i], NULL, 0) < 0 && errno == EINTR)
            ;
}

static int write_pids(const char *path, const pid_t *pids, long n)
{
    char tmp[4096];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    FILE *f = fopen(tmp, "w");
    if (!f)
        return -1;
    for (long i = 0; i < n; i++)
        fprintf(f, "%d\n", (int)pids[i]);
    if (fclose(f) != 0)
        return -1;
    return rename(tmp, path);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: spawn_idle N PIDFILE\n");
        return 2;
    }
    long n = strtol(argv[1], NULL, 10);
    if (n < 0 || n > 1000000) {
        fprintf(stderr, "spawn_idle: bad count %s\n", argv[1]);
        return 2;
    }
    sigset_t stop;
    sigemptyset(&stop);
    sigaddset(&stop, SIGTERM);
    sigaddset(&stop, SIGINT);
    sigaddset(&stop, SIGHUP);
    sigprocmask(SIG_BLOCK, &stop, NULL);
    pid_t *pids = calloc((size_t)n + 1, sizeof *pids);
    pid_t self = getpid();
    long made = 0;
    int status = 0;
    for (; made < n; made++) {
        pid_t p = fork();
        if (p == 0) {
            sigprocmask(SIG_UNBLOCK, &stop, NULL);
            child(self);
        }
        if (p < 0) {
            fprintf(stderr, "spawn_idle: fork %ld: %s\n", made, strerror(errno));
            status = 1;
            break;
        }
        pids[made] = p;
    }
    if (status == 0 && write_pids(argv[2], pids, made) < 0) {
        fprintf(stderr, "spawn_idle: %s: %s\n", argv[2], strerror(errno));
        status = 1;
    }
    if (status == 0) {
        int sig;
        sigwait(&stop, &sig);
    }
    kill_all(pids, made);
    free(pids);
    return status;
}
