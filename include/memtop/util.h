/* util.h - allocation that cannot fail, and the one error reporter.
 *
 * Allocation failure is handled in exactly one place (htop's xMalloc
 * habit): call sites never check.  Errors are reported as one line,
 * "memtop: <what>: <why>", on stderr.
 */
#ifndef MEMTOP_UTIL_H
#define MEMTOP_UTIL_H

#include <stddef.h>

void *mt_xmalloc(size_t n);
void *mt_xcalloc(size_t nmemb, size_t size);
void *mt_xrealloc(void *p, size_t n);
/* Grows *p (an array of *cap elements of elsize bytes) to hold at least
 * need elements, doubling; returns the (possibly moved) array. */
void *mt_xgrow(void *p, size_t *cap, size_t need, size_t elsize);
char *mt_xstrdup(const char *s);

/* Prints "memtop: " + the formatted message + "\n" on stderr. */
void mt_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Copies at most dstsize-1 bytes of src and terminates; returns dst. */
char *mt_strlcpy(char *dst, const char *src, size_t dstsize);

/* Reads a small file (a /proc or /sys value) into buf, terminated.
 * Returns its length, or -1 with errno set.  A file longer than
 * size - 1 bytes is cut. */
long mt_read_file(const char *path, char *buf, size_t size);

/* Wall-clock and monotonic time in seconds. */
double mt_now_real(void);
double mt_now_mono(void);

#endif
