/* escape.h - the one sanitizer for terminal text and the escapers for
 * CSV and JSON.  Every string that comes from /proc (comm, cmdline, user,
 * mapping paths) is untrusted and passes through here before it is
 * written anywhere.
 */
#ifndef MEMTOP_ESCAPE_H
#define MEMTOP_ESCAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Decodes one UTF-8 sequence at s (len bytes available).  Returns the
 * number of bytes it used and sets *cp, or returns 0 when the bytes are
 * not valid UTF-8 (overlong, surrogate, truncated, > U+10FFFF). */
size_t mt_utf8_decode(const char *s, size_t len, uint32_t *cp);

/* C0 controls, DEL and C1 controls (U+0080..U+009F). */
bool mt_is_control(uint32_t cp);

/* Makes src safe to print on a terminal, into dst (always terminated).
 * Controls become '?'.  With utf8, valid multibyte characters are kept
 * and invalid bytes become U+FFFD; without, every non-ASCII byte
 * becomes '?'.  Returns the length written.  Never splits a character. */
size_t mt_term_sanitize(char *dst, size_t dstsize, const char *src, bool utf8);

/* The sanitized string's width in terminal columns (wcwidth rules). */
int mt_term_width(const char *sanitized, bool utf8);

/* Sanitizes src like mt_term_sanitize and cuts it to at most cols
 * terminal columns, whole characters only; when it had to cut, the last
 * column holds `mark` (e.g. '+').  Returns the width of dst. */
int mt_term_fit(char *dst, size_t dstsize, const char *src, int cols,
                char mark, bool utf8);

/* Writes s as one RFC 4180 field: quoted when it holds a comma, quote,
 * CR or LF (quotes doubled).  Controls become '?', invalid UTF-8 U+FFFD,
 * so a CSV file is safe to cat.  A field that starts with = + - or @
 * gets a leading ' so that a spreadsheet shows it as text instead of
 * running it as a formula. */
int mt_csv_write(FILE *out, const char *s);

/* Writes s as a JSON string (RFC 8259), quotes included; invalid UTF-8
 * becomes U+FFFD so the output is always valid UTF-8. */
int mt_json_write(FILE *out, const char *s);

/* Writes s as an OpenMetrics label value, quotes included: backslash,
 * double quote and newline escaped, other controls as '?', invalid
 * UTF-8 as U+FFFD (the format requires valid UTF-8). */
int mt_om_label_write(FILE *out, const char *s);

#endif
