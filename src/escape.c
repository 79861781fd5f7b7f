/* escape.c - untrusted strings made safe for terminals, CSV and JSON.
 *
 * Names and command lines come from other users' processes: they may
 * hold ESC sequences that retitle or repaint a terminal, C1 controls
 * (0x9b is a one-byte CSI on some terminals), or bytes that are not
 * UTF-8 at all (a comm cut mid-character by the kernel's 15-byte
 * limit).  All three writers walk the string with the same decoder.
 */
#include "config.h"

#include <string.h>
#include <wchar.h>

#include "memtop/escape.h"

static const char REPLACEMENT[] = "\xef\xbf\xbd"; /* U+FFFD */

size_t mt_utf8_decode(const char *s, size_t len, uint32_t *cp)
{
    const unsigned char *u = (const unsigned char *)s;
    if (len == 0)
        return 0;
    if (u[0] < 0x80) {
        *cp = u[0];
        return 1;
    }
    size_t n;
    uint32_t c, min;
    if ((u[0] & 0xe0) == 0xc0) {
        n = 2; c = u[0] & 0x1f; min = 0x80;
    } else if ((u[0] & 0xf0) == 0xe0) {
        n = 3; c = u[0] & 0x0f; min = 0x800;
    } else if ((u[0] & 0xf8) == 0xf0) {
        n = 4; c = u[0] & 0x07; min = 0x10000;
    } else {
        return 0;
    }
    if (len < n)
        return 0;
    for (size_t i = 1; i < n; i++) {
        if ((u[i] & 0xc0) != 0x80)
            return 0;
        c = (c << 6) | (u[i] & 0x3f);
    }
    if (c < min || c > 0x10ffff || (c >= 0xd800 && c <= 0xdfff))
        return 0;
    *cp = c;
    return n;
}

bool mt_is_control(uint32_t cp)
{
    return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f);
}

/* Characters that are not controls but reorder or hide text around
 * them: bidi embeddings, overrides and isolates, and the line and
 * paragraph separators. */
static bool is_format_trap(uint32_t cp)
{
    return (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) ||
           cp == 0x2028 || cp == 0x2029 || cp == 0x200e || cp == 0x200f;
}

/* How many bytes one U+FFFD stands for: a lead byte and the
 * continuation bytes that still fit its sequence (the "maximal subpart"
 * of Unicode's chapter 3), so a character cut short by the kernel's
 * 15-byte comm limit shows as one replacement character, not three. */
static size_t invalid_run(const char *s, size_t len)
{
    const unsigned char *u = (const unsigned char *)s;
    size_t want = u[0] >= 0xc2 && u[0] <= 0xdf ? 2
                : u[0] >= 0xe0 && u[0] <= 0xef ? 3
                : u[0] >= 0xf0 && u[0] <= 0xf4 ? 4 : 1;
    size_t n = 1;
    while (n < want && n < len && (u[n] & 0xc0) == 0x80)
        n++;
    return n;
}

/* One step over s: the kind of character found and its bytes. */
enum piece { PIECE_PLAIN, PIECE_CONTROL, PIECE_INVALID };

static enum piece next_piece(const char *s, size_t len, size_t *used, uint32_t *cp)
{
    size_t n = mt_utf8_decode(s, len, cp);
    if (n == 0) {
        *used = invalid_run(s, len);
        *cp = (unsigned char)s[0];
        return PIECE_INVALID;
    }
    *used = n;
    if (mt_is_control(*cp) || is_format_trap(*cp))
        return PIECE_CONTROL;
    return PIECE_PLAIN;
}

size_t mt_term_sanitize(char *dst, size_t dstsize, const char *src, bool utf8)
{
    size_t o = 0, len = strlen(src);
    if (dstsize == 0)
        return 0;
    for (size_t i = 0; i < len;) {
        size_t used;
        uint32_t cp;
        enum piece k = next_piece(src + i, len - i, &used, &cp);
        const char *bytes = src + i;
        size_t nb = used;
        if (k == PIECE_CONTROL || (!utf8 && cp >= 0x80)) {
            bytes = "?";
            nb = 1;
        } else if (k == PIECE_INVALID) {
            bytes = REPLACEMENT;
            nb = 3;
        }
        if (o + nb >= dstsize)
            break;
        memcpy(dst + o, bytes, nb);
        o += nb;
        i += used;
    }
    dst[o] = '\0';
    return o;
}

/* Width of one character (cp already sanitized): wide CJK take two
 * columns, combining marks none, the unknown one. */
static int char_width(uint32_t cp)
{
    int w = wcwidth((wchar_t)cp);
    return w < 0 ? 1 : w;
}

int mt_term_width(const char *s, bool utf8)
{
    size_t len = strlen(s);
    int w = 0;
    if (!utf8)
        return (int)len;
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t n = mt_utf8_decode(s + i, len - i, &cp);
        if (n == 0) {
            n = 1;
            cp = '?';
        }
        w += char_width(cp);
        i += n;
    }
    return w;
}

int mt_term_fit(char *dst, size_t dstsize, const char *src, int cols,
                char mark, bool utf8)
{
    size_t len = mt_term_sanitize(dst, dstsize, src, utf8);
    int w = 0;
    size_t i = 0, last_fit = 0;
    int last_fit_w = 0;
    if (cols <= 0) {
        dst[0] = '\0';
        return 0;
    }
    while (i < len) {
        uint32_t cp = (unsigned char)dst[i];
        size_t n = utf8 ? mt_utf8_decode(dst + i, len - i, &cp) : 1;
        int cw = utf8 ? char_width(cp) : 1;
        if (n == 0)
            n = 1;
        if (w + cw > cols) {
            /* Too wide: the longest prefix that leaves one column for
             * the mark. */
            dst[last_fit] = mark;
            dst[last_fit + 1] = '\0';
            return last_fit_w + 1;
        }
        if (w + cw <= cols - 1) {
            last_fit = i + n;
            last_fit_w = w + cw;
        }
        w += cw;
        i += n;
    }
    return w;
}

/* How one format writes a character that needs care: returns the
 * replacement text, or NULL to copy the character's bytes as they are.
 * buf (at least 8 bytes) may hold a replacement built on the spot. */
typedef const char *(*escape_fn)(enum piece k, uint32_t cp, char *buf);

/* The walk all three machine formats share: the string piece by piece,
 * each plain character copied, the others replaced as the format says. */
static int write_escaped(FILE *out, const char *s, escape_fn esc)
{
    size_t len = strlen(s);
    char buf[8];
    for (size_t i = 0; i < len;) {
        size_t used;
        uint32_t cp;
        enum piece k = next_piece(s + i, len - i, &used, &cp);
        const char *rep = esc(k, cp, buf);
        if (rep ? fputs(rep, out) == EOF : fwrite(s + i, 1, used, out) != used)
            return -1;
        i += used;
    }
    return 0;
}

/* CSV: quotes doubled; controls '?' so the file is safe to cat. */
static const char *csv_escape(enum piece k, uint32_t cp, char *buf)
{
    (void)buf;
    return k == PIECE_CONTROL ? "?" : k == PIECE_INVALID ? REPLACEMENT
                                                        : cp == '"' ? "\"\"" : NULL;
}

int mt_csv_write(FILE *out, const char *s)
{
    bool quote = strpbrk(s, ",\"") != NULL;
    if (quote && putc('"', out) == EOF)
        return -1;
    /* A spreadsheet runs a cell that starts with = + - @ as a formula
     * (a process may name itself "=HYPERLINK(...)").  A leading ' is what
     * spreadsheets take as "text": OWASP's advice for CSV injection.
     * Tabs and CRs cannot lead: controls are already '?'. */
    if (s[0] && strchr("=+-@", s[0]) && putc('\'', out) == EOF)
        return -1;
    if (write_escaped(out, s, csv_escape) < 0)
        return -1;
    return quote && putc('"', out) == EOF ? -1 : 0;
}

/* JSON (RFC 8259): short escapes where they exist, \uXXXX otherwise. */
static const char *json_escape(enum piece k, uint32_t cp, char *buf)
{
    if (k == PIECE_INVALID)
        return "\\ufffd";
    if (k == PIECE_CONTROL) {
        switch (cp) {
        case '\b': return "\\b";
        case '\f': return "\\f";
        case '\n': return "\\n";
        case '\r': return "\\r";
        case '\t': return "\\t";
        default:
            snprintf(buf, 8, "\\u%04x", (unsigned)cp);
            return buf;
        }
    }
    return cp == '"' ? "\\\"" : cp == '\\' ? "\\\\" : NULL;
}

int mt_json_write(FILE *out, const char *s)
{
    if (putc('"', out) == EOF || write_escaped(out, s, json_escape) < 0)
        return -1;
    return putc('"', out) == EOF ? -1 : 0;
}

/* OpenMetrics label values: backslash, quote and newline escaped; other
 * controls '?', invalid UTF-8 U+FFFD (the text must be UTF-8). */
static const char *om_escape(enum piece k, uint32_t cp, char *buf)
{
    (void)buf;
    if (k == PIECE_CONTROL)
        return cp == '\n' ? "\\n" : "?";
    if (k == PIECE_INVALID)
        return REPLACEMENT;
    return cp == '"' ? "\\\"" : cp == '\\' ? "\\\\" : NULL;
}

int mt_om_label_write(FILE *out, const char *s)
{
    if (putc('"', out) == EOF || write_escaped(out, s, om_escape) < 0)
        return -1;
    return putc('"', out) == EOF ? -1 : 0;
}
