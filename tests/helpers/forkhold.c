/* forkhold - many idle processes at once, for scale tests.
 *
 *   forkhold N
 *
 * Forks N children that sleep until killed, prints "ready" once all
 * exist, and on SIGTERM (or SIGINT) kills and reaps them and exits. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc != 2 || atoi(argv[1]) <= 0) {
        fputs("usage: forkhold N\n", stderr);
        return 2;
    }
    int n = atoi(argv[1]);
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGTERM);
    sigaddset(&set, SIGINT);
    sigprocmask(SIG_BLOCK, &set, NULL);
    pid_t *kids = malloc((size_t)n * sizeof *kids);
    if (!kids)
        return 3;
    int made = 0;
    for (; made < n; made++) {
        kids[made] = fork();
        if (kids[made] < 0)
            break;
        if (kids[made] == 0) {
            prctl(PR_SET_PDEATHSIG, SIGKILL);   /* never outlive the holder */
            for (;;)
                pause();
        }
    }
    if (made == n) {
        puts("ready");
        fflush(stdout);
        int sig;
        sigwait(&set, &sig);
    }
    for (int i = 0; i < made; i++)
        kill(kids[i], SIGKILL);
    for (int i = 0; i < made; i++)
        waitpid(kids[i], NULL, 0);
    free(kids);
    return made == n ? 0 : 1;
}
