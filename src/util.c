/* util.c - allocation that cannot fail, error reporting, clocks. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <time.h>
#include <sys/stat.h>
#include <unistd.h>

#include "memtop/util.h"

static void out_of_memory(size_t n)
{
    mt_error("out of memory (wanted %zu bytes)", n);
    abort();
}

void *mt_xmalloc(size_t n)
{
    void *p = malloc(n ? n : 1);
    if (!p)
        out_of_memory(n);
    return p;
}

void *mt_xcalloc(size_t nmemb, size_t size)
{
    void *p = calloc(nmemb ? nmemb : 1, size ? size : 1);
    if (!p)
        out_of_memory(nmemb * size);
    return p;
}

void *mt_xrealloc(void *p, size_t n)
{
    void *q = realloc(p, n ? n : 1);
    if (!q)
        out_of_memory(n);
    return q;
}

void *mt_xgrow(void *p, size_t *cap, size_t need, size_t elsize)
{
    /* Always an array, even of nothing: memcpy, qsort and friends may
     * not be handed NULL, even for zero elements. */
    if (need == 0)
        need = 1;
    if (need <= *cap && p)
        return p;
    size_t c = *cap ? *cap : 16;
    while (c < need) {
        if (c > SIZE_MAX / 2 / elsize)
            out_of_memory(SIZE_MAX);
        c *= 2;
    }
    p = mt_xrealloc(p, c * elsize);
    *cap = c;
    return p;
}

char *mt_xstrdup(const char *s)
{
    size_t n = strlen(s) + 1;
    return memcpy(mt_xmalloc(n), s, n);
}

void mt_error(const char *fmt, ...)
{
    va_list ap;
    fflush(stdout);
    fputs("memtop: ", stderr);
    va_start(ap, fmt);
    vfprintf(stderr, fmt, ap);
    va_end(ap);
    fputc('\n', stderr);
}

char *mt_strlcpy(char *dst, const char *src, size_t dstsize)
{
    if (dstsize == 0)
        return dst;
    size_t n = strnlen(src, dstsize - 1);
    memcpy(dst, src, n);
    dst[n] = '\0';
    return dst;
}

static double clock_seconds(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

double mt_now_real(void) { return clock_seconds(CLOCK_REALTIME); }
double mt_now_mono(void) { return clock_seconds(CLOCK_MONOTONIC); }

long mt_read_file(const char *path, char *buf, size_t size)
{
    /* O_NONBLOCK, then a check: a FIFO in place of a file (a settings
     * file, say) must not block memtop. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0)
        return -1;
    struct stat st;
    int bad = fstat(fd, &st) < 0 ? errno : !S_ISREG(st.st_mode) ? EINVAL : 0;
    if (bad) {
        close(fd);
        errno = bad;
        return -1;
    }
    size_t len = 0;
    while (len + 1 < size) {
        ssize_t n = read(fd, buf + len, size - 1 - len);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            close(fd);
            errno = e;
            return -1;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    close(fd);
    buf[len] = '\0';
    return (long)len;
}
