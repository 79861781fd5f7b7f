/* runstat.c - runs a command and prints the CPU it used (user + system,
 * milliseconds, microsecond resolution from wait4's rusage) and its
 * peak RSS (KiB):
 *
 *   runstat [-t] CMD [ARG...]   ->   "<cpu_ms> <maxrss_kib>" on stderr
 *
 * The command's stdout goes to /dev/null (with -t it keeps the terminal,
 * for a full-screen program); a non-zero exit is passed on.  The CPU
 * includes descendants the command waited for.
 */
#define _GNU_SOURCE
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    int keep = argc > 1 && strcmp(argv[1], "-t") == 0;
    if (keep) {
        argv++;
        argc--;
    }
    if (argc < 2) {
        fprintf(stderr, "usage: runstat [-t] CMD [ARG...]\n");
        return 2;
    }
    pid_t pid = fork();
    if (pid < 0)
        return 1;
    if (pid == 0) {
        int fd = keep ? -1 : open("/dev/null", O_WRONLY);
        if (fd >= 0)
            dup2(fd, STDOUT_FILENO);
        execvp(argv[1], argv + 1);
        perror(argv[1]);
        _exit(127);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0)
        return 1;
    double ms = (double)(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1e3 +
                (double)(ru.ru_utime.tv_usec + ru.ru_stime.tv_usec) / 1e3;
    fprintf(stderr, "%.3f %ld\n", ms, ru.ru_maxrss);
    if (WIFEXITED(status))
        return WEXITSTATUS(status);
    return 128 + (WIFSIGNALED(status) ? WTERMSIG(status) : 0);
}
