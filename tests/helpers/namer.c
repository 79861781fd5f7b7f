/* namer - a process with a hostile name, for safety tests.
 *
 *   namer HEX [ARGS...]
 *
 * Sets its comm (the kernel's 15-byte process name) to the bytes HEX
 * spells, so it can hold escape sequences, C1 controls or a UTF-8
 * character cut in half; its command line is whatever ARGS the caller
 * passes.  Prints "ready", then sleeps until killed. */
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <unistd.h>

static int nibble(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}

int main(int argc, char **argv)
{
    char name[17] = { 0 };
    if (argc < 2) {
        fputs("usage: namer HEX [ARGS...]\n", stderr);
        return 2;
    }
    size_t n = strlen(argv[1]) / 2;
    if (n > 16)
        n = 16;
    for (size_t i = 0; i < n; i++)
        name[i] = (char)(nibble(argv[1][2 * i]) * 16 + nibble(argv[1][2 * i + 1]));
    prctl(PR_SET_NAME, name); /* the kernel keeps 15 bytes */
    puts("ready");
    fflush(stdout);
    for (;;)
        pause();
}
