/* smaps.c - the /proc/PID/smaps parser and the region classifier.
 *
 * One pass over the text; numbers are parsed by hand (no sscanf:
 * pmap's sscanf per line is why pmap -x costs twice `cat smaps`).  The
 * kernel's 28-byte key lines, 22 of the ~25 lines of a mapping, are
 * taken whole a word at a time (key_line28); any other line is cut at
 * its newline and read the careful way: header lines start with a
 * lowercase hex digit, key lines with an uppercase letter, so one byte
 * tells them apart.
 */
#include "config.h"

#include <endian.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <stdint.h>
#include <sys/mman.h>

#include "memtop/smaps.h"
#include "memtop/util.h"

#define DELETED " (deleted)"
#define DELETED_LEN (sizeof DELETED - 1)

void mt_map_init(mt_map *m)
{
    memset(m, 0, sizeof *m);
}

static void free_regions(mt_map *m);

void mt_map_free(mt_map *m)
{
    free_regions(m);
    free(m->arena);
    mt_map_init(m);
}

void mt_smaps_reset(mt_map *m)
{
    m->n = 0;
    m->ngone = 0;
    m->bad_lines = 0;
    m->stale = 0;
    m->key_hint = 0;
    /* Offset 0 is the one "" every anonymous mapping shares. */
    m->arena = mt_xgrow(m->arena, &m->arena_cap, 1, 1);
    m->arena[0] = '\0';
    m->arena_len = 1;
}

/* A hex digit's value plus one, 0 for any other byte: one load per
 * digit. */
#define H(c, v) [c] = (v) + 1
static const unsigned char hex_plus1[256] = {
    H('0', 0), H('1', 1), H('2', 2), H('3', 3), H('4', 4), H('5', 5), H('6', 6), H('7', 7),
    H('8', 8), H('9', 9), H('a', 10), H('b', 11), H('c', 12), H('d', 13), H('e', 14),
    H('f', 15), H('A', 10), H('B', 11), H('C', 12), H('D', 13), H('E', 14), H('F', 15),
};
#undef H

/* Reads 1..16 hex digits at *s (before end); advances *s. */
static bool parse_hex(const char **s, const char *end, uint64_t *out)
{
    const char *p = *s, *stop = end - p > 17 ? p + 17 : end;
    uint64_t v = 0;
    unsigned d;
    for (; p < stop && (d = hex_plus1[(unsigned char)*p]) != 0; p++)
        v = v << 4 | (d - 1);
    if (p - *s > 16)
        return false;
    bool ok = p > *s;
    *s = p;
    *out = v;
    return ok;
}

/* Reads decimal digits, saturating at UINT64_MAX; advances *s. */
static bool parse_dec(const char **s, const char *end, uint64_t *out)
{
    const char *p = *s;
    uint64_t v = 0;
    /* v * 10 + d overflows past UINT64_MAX / 10 = 1844674407370955161
     * (with d > 5 at it): a compare, not a division, per digit. */
    const uint64_t top = UINT64_MAX / 10;
    while (p < end && *p >= '0' && *p <= '9') {
        unsigned d = (unsigned)(*p - '0');
        v = v > top || (v == top && d > UINT64_MAX % 10) ? UINT64_MAX : v * 10 + d;
        p++;
    }
    bool ok = p > *s;
    *s = p;
    *out = v;
    return ok;
}

static bool expect(const char **s, const char *end, char c)
{
    if (*s >= end || **s != c)
        return false;
    (*s)++;
    return true;
}

static bool has_newline8(const char *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
    x ^= 0x0a0a0a0a0a0a0a0aULL;
    return ((x - 0x0101010101010101ULL) & ~x & 0x8080808080808080ULL) != 0;
}

/* The regions array: 184 bytes a mapping, 5.5 MB for 30,000.  Fresh
 * memory costs a page fault per 4 KiB touched, and at that size the
 * faults and the copies of a growing array cost more than the parsing.
 * So past 256 KiB the array is its own mapping, 2 MiB-aligned and
 * offered to transparent huge pages (one fault per 2 MiB where THP is
 * "madvise" or "always"), and it grows by moving its pages into a
 * bigger mapping (mremap), never by copying them. */
#define HUGE ((size_t)2 << 20)

static char *huge_map(size_t bytes)
{
    size_t len = bytes + HUGE;
    char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (p == MAP_FAILED)
        return NULL;
    char *a = (char *)(((uintptr_t)p + HUGE - 1) & ~(uintptr_t)(HUGE - 1));
    if (a > p)
        munmap(p, (size_t)(a - p));
    if (a + bytes < p + len)
        munmap(a + bytes, (size_t)(p + len - (a + bytes)));
#ifdef MADV_HUGEPAGE
    madvise(a, bytes, MADV_HUGEPAGE);
#endif
    return a;
}

static void free_regions(mt_map *m)
{
    if (m->regions_mapped)
        munmap(m->regions, m->regions_mapped);
    else
        free(m->regions);
    m->regions = NULL;
    m->regions_mapped = 0;
    m->cap = 0;
}

static void grow_regions(mt_map *m, size_t need)
{
    if (need <= m->cap)
        return;
    size_t cap = m->cap ? m->cap : 16;
    while (cap < need) {
        if (cap > SIZE_MAX / 4 / sizeof *m->regions)
            mt_xmalloc(SIZE_MAX);           /* reports it and exits */
        cap *= 2;
    }
    size_t bytes = cap * sizeof *m->regions;
    /* From 256 KiB (about 1,400 mappings) on: below that, the few
     * faults cost less than a 2 MiB page. */
    char *p = bytes < HUGE / 8 ? NULL : huge_map((bytes + HUGE - 1) / HUGE * HUGE);
    if (!p) {
        if (m->regions_mapped) {            /* no room for a mapping: copy */
            mt_region *h = mt_xmalloc(bytes);
            memcpy(h, m->regions, m->n * sizeof *m->regions);
            free_regions(m);
            m->regions = h;
        } else {
            m->regions = mt_xrealloc(m->regions, bytes);
        }
        m->cap = cap;
        return;
    }
    bytes = (bytes + HUGE - 1) / HUGE * HUGE;
    size_t used = m->n * sizeof *m->regions;
    if (m->regions_mapped &&
        mremap(m->regions, m->regions_mapped, m->regions_mapped, MREMAP_MAYMOVE | MREMAP_FIXED,
               p) != MAP_FAILED) {
        m->regions_mapped = 0;              /* its pages are in p now */
        m->regions = NULL;
    } else if (used) {
        memcpy(p, m->regions, used);
    }
    free_regions(m);
    m->regions = (mt_region *)p;
    m->regions_mapped = bytes;
    m->cap = bytes / sizeof *m->regions;
}

/* Regions get their path pointer as they are parsed; when the arena
 * moves, those parsed so far point into the old one and finish mends
 * them (only them: once the arena is big enough, none). */
static size_t arena_add(mt_map *m, const char *s, size_t len)
{
    size_t off = m->arena_len;
    if (len == 0)
        return 0;
    char *old = m->arena;
    m->arena = mt_xgrow(m->arena, &m->arena_cap, off + len + 1, 1);
    if (m->arena != old)
        m->stale = m->n;
    memcpy(m->arena + off, s, len);
    m->arena[off + len] = '\0';
    m->arena_len = off + len + 1;
    return off;
}

/* The kernel pads with runs of spaces: skip them 8 at a time. */
static const char *skip_spaces(const char *s, const char *end)
{
    while (end - s >= 8 && memcmp(s, "        ", 8) == 0)
        s += 8;
    while (s < end && *s == ' ')
        s++;
    return s;
}

/* "start-end perms offset major:minor inode   [path]" */
static bool parse_header(mt_map *m, const char *s, const char *end)
{
    /* Parsed in place at the end of the array: no copy of a 184-byte
     * struct per mapping; a bad line leaves n as it was. */
    grow_regions(m, m->n + 1);
    mt_region *r = &m->regions[m->n];
    uint64_t major, minor;
    memset(r, 0, sizeof *r);
    if (!parse_hex(&s, end, &r->start) || !expect(&s, end, '-') ||
        !parse_hex(&s, end, &r->end) || !expect(&s, end, ' ') || end - s < 5)
        return false;
    memcpy(r->perms, s, 4);
    s += 4;
    if (!expect(&s, end, ' ') || !parse_hex(&s, end, &r->offset) || !expect(&s, end, ' ') ||
        !parse_hex(&s, end, &major) || !expect(&s, end, ':') ||
        !parse_hex(&s, end, &minor) || !expect(&s, end, ' ') ||
        !parse_dec(&s, end, &r->inode))
        return false;
    if (s < end && *s != ' ')
        return false;
    /* The kernel pads to the path column with spaces; a path itself
     * starts with '/' or '[' (or is "anon_inode:..."), never a space. */
    s = skip_spaces(s, end);
    r->dev_major = (unsigned)(major > 0xfffff ? 0xfffff : major);
    r->dev_minor = (unsigned)(minor > 0xfffff ? 0xfffff : minor);
    r->size = r->end > r->start ? r->end - r->start : 0;
    r->path_len = (size_t)(end - s);
    r->deleted = r->path_len > DELETED_LEN &&
                 memcmp(end - DELETED_LEN, DELETED, DELETED_LEN) == 0;
    r->path_off = arena_add(m, s, r->path_len);
    r->path = m->arena + r->path_off;
    m->n++;
    m->key_hint = 0;
    return true;
}

/* A known key, colon included, at the start of the line: most lines
 * are keys memtop ignores (Size, KernelPageSize, Referenced, ...).  The
 * first four bytes, read as one word, pick the candidate; one more
 * byte or two confirm it.  Lines shorter than 16 bytes (no kernel
 * prints one, a fuzzer does) take the careful way. */
#define KEY(name) (len > sizeof name - 1 && memcmp(s, name, sizeof name - 1) == 0 \
                   ? (s += sizeof name - 1, true) : false)
#define WORD(a, b, c, d) ((uint32_t)(a) | (uint32_t)(b) << 8 | (uint32_t)(c) << 16 | \
                          (uint32_t)(d) << 24)

static uint64_t *key_slow(mt_region *r, const char **sp, size_t len)
{
    const char *s = *sp;
    uint64_t *slot = NULL;
    switch (s[0]) {
    case 'R': if (KEY("Rss:")) slot = &r->rss; break;
    case 'P':
        if (KEY("Pss:")) slot = &r->pss;
        else if (KEY("Private_Clean:")) slot = &r->private_clean;
        else if (KEY("Private_Dirty:")) slot = &r->private_dirty;
        break;
    case 'S':
        if (KEY("Swap:")) slot = &r->swap;
        else if (KEY("SwapPss:")) slot = &r->swap_pss;
        else if (KEY("Shared_Clean:")) slot = &r->shared_clean;
        else if (KEY("Shared_Dirty:")) slot = &r->shared_dirty;
        break;
    case 'A':
        if (KEY("Anonymous:")) slot = &r->anonymous;
        else if (KEY("AnonHugePages:")) slot = &r->anon_huge;
        break;
    case 'L': if (KEY("Locked:")) slot = &r->locked; break;
    }
    *sp = s;
    return slot;
}

static uint64_t *key_slot(mt_region *r, const char **sp, size_t len)
{
    if (len < 16)
        return key_slow(r, sp, len);
    const char *s = *sp;
    uint32_t w;
    memcpy(&w, s, 4);
    w = le32toh(w);                 /* WORD() puts the first byte lowest */
    uint64_t *slot = NULL;
    size_t skip = 0;
    switch (w) {
    case WORD('R', 's', 's', ':'): slot = &r->rss; skip = 4; break;
    case WORD('P', 's', 's', ':'): slot = &r->pss; skip = 4; break;
    case WORD('L', 'o', 'c', 'k'):
        if (memcmp(s + 4, "ed:", 3) == 0) { slot = &r->locked; skip = 7; }
        break;
    case WORD('S', 'w', 'a', 'p'):
        if (s[4] == ':') { slot = &r->swap; skip = 5; }
        else if (memcmp(s + 4, "Pss:", 4) == 0) { slot = &r->swap_pss; skip = 8; }
        break;
    case WORD('P', 'r', 'i', 'v'):
        if (memcmp(s + 4, "ate_Clean:", 10) == 0) { slot = &r->private_clean; skip = 14; }
        else if (memcmp(s + 4, "ate_Dirty:", 10) == 0) { slot = &r->private_dirty; skip = 14; }
        break;
    case WORD('S', 'h', 'a', 'r'):
        if (memcmp(s + 4, "ed_Clean:", 9) == 0) { slot = &r->shared_clean; skip = 13; }
        else if (memcmp(s + 4, "ed_Dirty:", 9) == 0) { slot = &r->shared_dirty; skip = 13; }
        break;
    case WORD('A', 'n', 'o', 'n'):
        if (memcmp(s + 4, "ymous:", 6) == 0) { slot = &r->anonymous; skip = 10; }
        else if (memcmp(s + 4, "HugePages:", 10) == 0) { slot = &r->anon_huge; skip = 14; }
        break;
    }
    *sp = s + skip;
    return slot;
}

/* "Key:   1234 kB".  Unknown keys, keys without a number (VmFlags) and
 * keys before any mapping are ignored. */
static void parse_key(mt_map *m, const char *s, const char *end)
{
    if (m->n == 0)
        return;
    uint64_t *slot = key_slot(&m->regions[m->n - 1], &s, (size_t)(end - s));
    if (!slot)
        return;
    s = skip_spaces(s, end);
    uint64_t v;
    if (parse_dec(&s, end, &v))
        *slot = v > UINT64_MAX / 1024 ? UINT64_MAX : v * 1024;
}

static void parse_line(mt_map *m, const char *s, size_t len)
{
    if (len == 0)
        return;
    if (s[0] >= 'A' && s[0] <= 'Z')
        parse_key(m, s, s + len);
    else if (!(((s[0] >= '0' && s[0] <= '9') || (s[0] >= 'a' && s[0] <= 'f')) &&
               parse_header(m, s, s + len)))
        m->bad_lines++;
}

/* The newline ending the line at s, or NULL.  Most lines are the
 * kernel's "Key:" padded to 16 columns and "%8lu kB": 27 bytes, so
 * that guess is checked first (three words and three bytes hold no
 * newline, the 28th byte is one) before asking memchr. */
static const char *line_end(const char *s, const char *end)
{
    if (end - s > 27 && s[27] == '\n' && !has_newline8(s) && !has_newline8(s + 8) &&
        !has_newline8(s + 16) && s[24] != '\n' && s[25] != '\n' && s[26] != '\n')
        return s + 27;
    return memchr(s, '\n', (size_t)(end - s));
}

/* ---- the kernel's key lines, fast ---------------------------------
 * show_smap() prints "Key:" padded to 16 columns, the number of kB
 * right-aligned in 8 and " kB\n": 28 bytes, 20-odd such lines per
 * mapping in a fixed order, most of them keys memtop ignores.  Such a
 * line is taken whole: its first 16 bytes are compared, as two words,
 * with the key the kernel prints next (found in the table below when
 * not), its number converted as 8 bytes at once.  No byte of it is a
 * newline, so it is exactly the line the careful path would cut and
 * what that path would read from it.  Any other line, or one that
 * differs in the least (a number of 9 digits, a stray byte, a key this
 * table lacks), takes the careful path. */
#define ONES 0x0101010101010101ULL
#define HIGHS 0x8080808080808080ULL
#define NO_SLOT SIZE_MAX

static const struct {
    char key[17];               /* as printed, padded to 16 */
    size_t slot;                /* offset of its mt_region field */
} kernel_keys[] = {
    { "Size:           ", NO_SLOT },
    { "KernelPageSize: ", NO_SLOT },
    { "MMUPageSize:    ", NO_SLOT },
    { "Rss:            ", offsetof(mt_region, rss) },
    { "Pss:            ", offsetof(mt_region, pss) },
    { "Pss_Dirty:      ", NO_SLOT },
    { "Shared_Clean:   ", offsetof(mt_region, shared_clean) },
    { "Shared_Dirty:   ", offsetof(mt_region, shared_dirty) },
    { "Private_Clean:  ", offsetof(mt_region, private_clean) },
    { "Private_Dirty:  ", offsetof(mt_region, private_dirty) },
    { "Referenced:     ", NO_SLOT },
    { "Anonymous:      ", offsetof(mt_region, anonymous) },
    { "KSM:            ", NO_SLOT },
    { "LazyFree:       ", NO_SLOT },
    { "AnonHugePages:  ", offsetof(mt_region, anon_huge) },
    { "ShmemPmdMapped: ", NO_SLOT },
    { "FilePmdMapped:  ", NO_SLOT },
    { "Shared_Hugetlb: ", NO_SLOT },
    { "Private_Hugetlb:", NO_SLOT },
    { "Swap:           ", offsetof(mt_region, swap) },
    { "SwapPss:        ", offsetof(mt_region, swap_pss) },
    { "Locked:         ", offsetof(mt_region, locked) },
};
#define NKEYS (sizeof kernel_keys / sizeof kernel_keys[0])

/* 8 bytes, the first one lowest whatever the machine's byte order. */
static uint64_t load64(const char *p)
{
    uint64_t x;
    memcpy(&x, p, 8);
    return le64toh(x);
}

/* 0x80 in each byte of x that is 0, nothing in the others (exact: no
 * carry crosses a byte). */
static uint64_t zero_bytes(uint64_t x)
{
    return ~(((x & ~HIGHS) + ~HIGHS) | x) & HIGHS;
}

/* The 8-byte number field "%8lu" at p: spaces, then 1 to 8 digits.
 * False for anything else. */
static bool number8(const char *p, uint64_t *out)
{
    uint64_t x = load64(p);
    /* Most numbers in smaps are one digit (0, 4): seven spaces first. */
    unsigned last = (unsigned)(x >> 56) - '0';
    if ((x & 0x00ffffffffffffffULL) == 0x0020202020202020ULL && last < 10) {
        *out = last;
        return true;
    }
    uint64_t spaces = zero_bytes(x ^ (0x20 * ONES));
    uint64_t digits = zero_bytes((x & 0xf0f0f0f0f0f0f0f0ULL) ^ 0x3030303030303030ULL) &
                      ~(((x & 0x0f0f0f0f0f0f0f0fULL) + 0x0606060606060606ULL) << 3);
    digits &= HIGHS;
    /* Bytes in memory order are the low ones first: the spaces must be
     * a run from byte 0, the digits the rest, at least one. */
    uint64_t run = (spaces >> 7) * 0xff;
    if ((spaces | digits) != HIGHS || !digits || ((run + 1) & run))
        return false;
    x = (x | 0x1010101010101010ULL) - 0x3030303030303030ULL;   /* ' ' is '0' */
    x = x * 10 + (x >> 8);
    x = ((x & 0x000000ff000000ffULL) * (100 + (1000000ULL << 32)) +
         ((x >> 16) & 0x000000ff000000ffULL) * (1 + (10000ULL << 32))) >> 32;
    *out = x;
    return true;
}

static bool is_key(uint64_t a, uint64_t b, size_t i)
{
    return a == load64(kernel_keys[i].key) && b == load64(kernel_keys[i].key + 8);
}

/* Takes the 28-byte key line at s (28 bytes are there) and returns
 * true, or returns false and leaves it to the careful path. */
static bool key_line28(mt_map *m, const char *s)
{
    if (memcmp(s + 24, " kB\n", 4) != 0 || m->n == 0)
        return false;
    uint64_t a = load64(s), b = load64(s + 8), v;
    size_t i = m->key_hint;
    if (i >= NKEYS || !is_key(a, b, i)) {
        for (i = 0; i < NKEYS && !is_key(a, b, i); i++)
            ;
        if (i == NKEYS)
            return false;
    }
    m->key_hint = i + 1;
    if (kernel_keys[i].slot == NO_SLOT)
        return !has_newline8(s + 16);
    if (!number8(s + 16, &v))
        return false;
    uint64_t *slot = (uint64_t *)(void *)((char *)&m->regions[m->n - 1] + kernel_keys[i].slot);
    *slot = v * 1024;
    return true;
}

size_t mt_smaps_feed(mt_map *m, const char *buf, size_t len, bool eof)
{
    size_t pos = 0;
    while (pos < len) {
        if (len - pos >= 28 && key_line28(m, buf + pos)) {
            pos += 28;
            continue;
        }
        const char *nl = line_end(buf + pos, buf + len);
        if (!nl) {
            if (!eof)
                break;
            parse_line(m, buf + pos, len - pos);
            return len;
        }
        size_t n = (size_t)(nl - (buf + pos));
        parse_line(m, buf + pos, n);
        pos += n + 1;
    }
    return pos;
}

void mt_smaps_finish(mt_map *m)
{
    for (size_t i = 0; i < m->stale; i++)
        m->regions[i].path = m->arena + m->regions[i].path_off;
    m->stale = 0;
}

size_t mt_smaps_parse(mt_map *m, const char *buf, size_t len)
{
    mt_smaps_reset(m);
    mt_smaps_feed(m, buf, len, true);
    mt_smaps_finish(m);
    return m->n;
}

/* ---- classification ---------------------------------------------- */

static const struct {
    const char *name, *help;
} class_info[MT_RC_COUNT] = {
    [MT_RC_TEXT] = { "text", "the program's machine code and read-only data: not writable, "
                             "shared by every process running the same binary" },
    [MT_RC_DATA] = { "data", "the program's initialised globals (.data) and relocated "
                             "tables (relro): fixed size" },
    [MT_RC_BSS] = { "bss", "the program's zero-initialised globals: fixed size, resident "
                           "as they are first written" },
    [MT_RC_HEAP] = { "heap", "malloc's brk area: grows up as small allocations pile up; "
                             "steady growth here is the classic leak" },
    [MT_RC_STACK] = { "stack", "the main thread's stack: grows down with deep calls and "
                               "big local arrays" },
    [MT_RC_LIBS] = { "libs", "shared libraries and the dynamic loader: code shared with "
                             "other processes, plus each library's own data" },
    [MT_RC_FILE] = { "file", "other files mapped into memory (locale data, databases, "
                             "caches): clean pages the kernel can drop" },
    [MT_RC_SHM] = { "shm", "shared memory (/dev/shm, memfd, SysV, shared anonymous): "
                           "counted in every process that maps it" },
    [MT_RC_ANON] = { "anon", "other anonymous memory: malloc arenas of threads, large "
                             "malloc blocks, thread stacks, JIT code" },
    [MT_RC_KERNEL] = { "kernel", "pages the kernel maps into every process (vdso, vvar, "
                                 "vsyscall) for fast system calls" },
};

const char *mt_region_class_name(enum mt_region_class c)
{
    return (unsigned)c < MT_RC_COUNT ? class_info[c].name : NULL;
}

const char *mt_region_class_help(enum mt_region_class c)
{
    return (unsigned)c < MT_RC_COUNT ? class_info[c].help : NULL;
}

/* The path without a trailing " (deleted)": a deleted executable or
 * library is still that executable or library. */
static size_t base_len(const char *path, size_t len)
{
    if (len > DELETED_LEN && memcmp(path + len - DELETED_LEN, DELETED, DELETED_LEN) == 0)
        return len - DELETED_LEN;
    return len;
}

static bool starts_with(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(s, prefix, n) == 0;
}

bool mt_path_is_lib(const char *path, size_t len)
{
    len = base_len(path, len);
    const char *name = path;
    for (size_t i = 0; i < len; i++)
        if (path[i] == '/')
            name = path + i + 1;
    size_t nlen = len - (size_t)(name - path);
    for (size_t i = 0; i + 3 <= nlen; i++)
        if (memcmp(name + i, ".so", 3) == 0 && (i + 3 == nlen || name[i + 3] == '.'))
            return true;
    return false;
}

/* "[heap]", "[stack]", "[vdso]", "[anon:name]"... */
static enum mt_region_class bracket_class(const mt_region *r, const char *p, size_t len)
{
    if (len == 6 && memcmp(p, "[heap]", 6) == 0)
        return MT_RC_HEAP;
    if (len == 7 && memcmp(p, "[stack]", 7) == 0)
        return MT_RC_STACK;
    if (starts_with(p, len, "[anon_shmem:"))
        return MT_RC_SHM;
    /* Named anonymous memory (prctl PR_SET_VMA_ANON_NAME) and the
     * "[stack:TID]" thread stacks of kernels before 4.5. */
    if (starts_with(p, len, "[anon:") || starts_with(p, len, "[stack:"))
        return r->perms[3] == 's' ? MT_RC_SHM : MT_RC_ANON;
    return MT_RC_KERNEL;
}

enum mt_region_class mt_region_class_of(const mt_region *r, const char *exe, size_t exe_len)
{
    const char *p = r->path ? r->path : "";
    size_t len = base_len(p, r->path_len);
    if (len == 0)
        return r->perms[3] == 's' ? MT_RC_SHM : MT_RC_ANON;
    if (p[0] == '[')
        return bracket_class(r, p, len);
    if (starts_with(p, len, "/dev/shm/") || starts_with(p, len, "/memfd:") ||
        starts_with(p, len, "/SYSV"))
        return MT_RC_SHM;
    /* Shared with no regular file behind it: shared anonymous memory
     * ("/dev/zero (deleted)"), a device, an anon_inode.  A shared
     * mapping of a regular file (r--s gconv-modules.cache) is file
     * cache, and falls through to the rules below. */
    if (r->perms[3] == 's' && (p[0] != '/' || starts_with(p, len, "/dev/")))
        return MT_RC_SHM;
    if (exe && len == exe_len && memcmp(p, exe, len) == 0)
        return r->perms[1] == 'w' ? MT_RC_DATA : MT_RC_TEXT;
    if (mt_path_is_lib(p, len))
        return MT_RC_LIBS;
    return MT_RC_FILE;
}

/* bss: the anonymous rw-p mapping that starts where the executable's
 * last mapping ends (the loader maps it there; brk's [heap] is named). */
static void mark_bss(mt_map *m)
{
    size_t last = m->n;
    for (size_t i = 0; i < m->n; i++)
        if (m->regions[i].cls == MT_RC_TEXT || m->regions[i].cls == MT_RC_DATA)
            last = i;
    if (last + 1 >= m->n)
        return;
    mt_region *r = &m->regions[last + 1];
    if (r->path_len == 0 && r->inode == 0 && memcmp(r->perms, "rw-p", 4) == 0 &&
        r->start == m->regions[last].end)
        r->cls = MT_RC_BSS;
}

static void add_total(mt_region_total *t, const mt_region *r)
{
    t->size += r->size;
    t->rss += r->rss;
    t->pss += r->pss;
    t->dirty += mt_region_dirty(r);
    t->swap += r->swap;
    /* Wrapping sums: an absurd Rss (a fuzzed text) must not overflow. */
    t->delta_rss = (int64_t)((uint64_t)t->delta_rss + (uint64_t)r->delta_rss);
    t->count += !r->gone;
}

/* Class totals, the grand total and pmap -d's summary line: pmap sums
 * sizes of 's' mappings as shared, of 'p' + 'w' as writeable/private,
 * and of all as mapped. */
void mt_map_sum(mt_map *m)
{
    memset(m->classes, 0, sizeof m->classes);
    memset(&m->total, 0, sizeof m->total);
    m->mapped = m->writeable_private = m->shared = 0;
    for (size_t i = 0; i < m->n; i++) {
        const mt_region *r = &m->regions[i];
        add_total(&m->classes[r->cls], r);
        add_total(&m->total, r);
        m->mapped += r->size;
        if (r->perms[3] == 's')
            m->shared += r->size;
        else if (r->perms[3] == 'p' && r->perms[1] == 'w')
            m->writeable_private += r->size;
    }
}

void mt_smaps_classify(mt_map *m, const char *exe)
{
    size_t exe_len = exe ? base_len(exe, strlen(exe)) : 0;
    for (size_t i = 0; i < m->n; i++)
        m->regions[i].cls = mt_region_class_of(&m->regions[i], exe, exe_len);
    if (exe)
        mark_bss(m);
    mt_map_sum(m);
}

/* ---- mapping identity across refreshes ---------------------------- */

void mt_map_base_init(mt_map_base *b)
{
    memset(b, 0, sizeof *b);
}

void mt_map_base_free(mt_map_base *b)
{
    free(b->regions);
    free(b->arena);
    mt_map_base_init(b);
}

void mt_map_base_set(mt_map_base *b, const mt_map *m)
{
    size_t n = m->n - m->ngone;
    b->regions = mt_xgrow(b->regions, &b->cap, n, sizeof *b->regions);
    b->arena = mt_xgrow(b->arena, &b->arena_cap, m->arena_len + 1, 1);
    if (m->arena_len)
        memcpy(b->arena, m->arena, m->arena_len);
    b->arena_len = m->arena_len;
    b->n = n;
    memset(b->class_rss, 0, sizeof b->class_rss);
    b->total_rss = 0;
    for (size_t i = 0; i < n; i++) {
        const mt_region *r = &m->regions[i];
        mt_base_region *o = &b->regions[i];
        o->start = r->start;
        o->end = r->end;
        o->offset = r->offset;
        o->inode = r->inode;
        o->rss = r->rss;
        o->path_off = r->path_off;
        o->path_len = r->path_len;
        o->dev_major = r->dev_major;
        o->dev_minor = r->dev_minor;
        o->cls = r->cls;
        memcpy(o->perms, r->perms, sizeof o->perms);
        b->class_rss[r->cls] += r->rss;
        b->total_rss += r->rss;
    }
}

static bool continues(const mt_region *r, const mt_base_region *b)
{
    return r->cls == b->cls && r->inode == b->inode && r->dev_major == b->dev_major &&
           r->dev_minor == b->dev_minor;
}

/* floor(rss * part / whole), part <= whole, without overflow. */
static uint64_t scale(uint64_t rss, uint64_t part, uint64_t whole)
{
#ifdef __SIZEOF_INT128__
    return (uint64_t)((unsigned __int128)rss * part / whole);
#else
    return (uint64_t)((long double)rss * (long double)part / (long double)whole);
#endif
}

/* Visits every (baseline, current) pair whose ranges overlap and whose
 * backing and class match: both lists are in address order and each is
 * free of overlaps (as the kernel prints them), so one merge-like sweep
 * finds them all.  Each piece gets the baseline RSS times the part of
 * the baseline range it covers; shares are differences of rounded-down
 * running totals, so they never add up to more than the baseline RSS,
 * and what no piece covers (munmap, a class change) is left for a gone
 * region.  Input out of order (not from a kernel) only misses pairs. */
static void sweep(mt_map *m, size_t n, mt_map_base *b)
{
    size_t i = 0, j = 0;
    while (i < b->n && j < n) {
        mt_base_region *o = &b->regions[i];
        mt_region *r = &m->regions[j];
        uint64_t lo = o->start > r->start ? o->start : r->start;
        uint64_t hi = o->end < r->end ? o->end : r->end;
        if (lo < hi && continues(r, o)) {
            uint64_t size = o->end - o->start, ov = hi - lo;
            if (ov > size - o->seen)
                ov = size - o->seen;
            uint64_t share = scale(o->rss, o->seen + ov, size) - scale(o->rss, o->seen, size);
            o->seen += ov;
            o->rest -= share;
            r->delta_rss = (int64_t)((uint64_t)r->delta_rss - share);
            r->is_new = false;
        }
        if (o->end < r->end)
            i++;
        else
            j++;
    }
}

static void add_gone(mt_map *m, const mt_map_base *b, const mt_base_region *o)
{
    grow_regions(m, m->n + 1);
    mt_region *g = &m->regions[m->n++];
    memset(g, 0, sizeof *g);
    g->start = o->start;
    g->end = o->end;
    g->offset = o->offset;
    g->inode = o->inode;
    g->dev_major = o->dev_major;
    g->dev_minor = o->dev_minor;
    g->cls = o->cls;
    memcpy(g->perms, o->perms, sizeof g->perms);
    g->path = b->arena ? b->arena + o->path_off : "";
    g->path_len = o->path_len;
    g->deleted = g->path_len > DELETED_LEN &&
                 memcmp(g->path + g->path_len - DELETED_LEN, DELETED, DELETED_LEN) == 0;
    g->gone = true;
    g->delta_rss = (int64_t)(0 - o->rest);
    m->ngone++;
}

void mt_map_delta(mt_map *m, mt_map_base *b)
{
    m->n -= m->ngone;
    m->ngone = 0;
    size_t n = m->n;
    for (size_t j = 0; j < n; j++) {
        m->regions[j].delta_rss = (int64_t)m->regions[j].rss;
        m->regions[j].is_new = true;
    }
    for (size_t i = 0; i < b->n; i++) {
        b->regions[i].seen = 0;
        b->regions[i].rest = b->regions[i].rss;
    }
    sweep(m, n, b);
    for (size_t i = 0; i < b->n; i++)
        if (b->regions[i].rest > 0)
            add_gone(m, b, &b->regions[i]);
    mt_map_sum(m);
}
