/* smaps.h - one process's memory map: a pure parser for the text of
 * /proc/PID/smaps, the region classifier of SPEC §1, and class totals.
 *
 * Nothing here opens a file (mapview.c does): text in, regions out, so
 * the parser is tested on fixtures and fuzzed.  An mt_map owns its
 * regions array and a string arena for the paths; both grow by
 * doubling and are reused across refreshes, so parsing allocates
 * nothing per line (and nothing at all once the map is big enough).
 *
 * Text can be fed in chunks (mt_smaps_feed), so a reader never needs
 * the whole file in memory: smaps of 100,000 mappings is ~100 MB.
 */
#ifndef MEMTOP_SMAPS_H
#define MEMTOP_SMAPS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Every mapping falls in exactly one class (SPEC §1). */
enum mt_region_class {
    MT_RC_TEXT,     /* main executable, not writable */
    MT_RC_DATA,     /* main executable, writable */
    MT_RC_BSS,      /* anonymous rw-p mapping right after the executable */
    MT_RC_HEAP,     /* [heap] */
    MT_RC_STACK,    /* [stack] (main thread) */
    MT_RC_LIBS,     /* shared objects and the dynamic loader */
    MT_RC_FILE,     /* other file-backed private mappings */
    MT_RC_SHM,      /* shared: 's' perms, /dev/shm, memfd, SysV, shared anon */
    MT_RC_ANON,     /* other private anonymous: arenas, thread stacks, JIT */
    MT_RC_KERNEL,   /* [vdso] [vvar] [vsyscall] and other [...] */
    MT_RC_COUNT
};

/* One mapping.  Sizes in bytes (smaps says kB).  A key missing from the
 * text (an older kernel) stays 0. */
typedef struct mt_region {
    uint64_t start, end, offset, inode;
    unsigned dev_major, dev_minor;
    char perms[5];              /* "r-xp", terminated */
    bool deleted;               /* path ended in " (deleted)" */
    bool is_new;                /* (mapview) not there at the baseline */
    enum mt_region_class cls;   /* set by mt_smaps_classify */
    const char *path;           /* as the kernel printed it ("" if none);
                                   points into the map's arena, valid
                                   until the next parse */
    size_t path_len;
    size_t path_off;            /* (offset in the arena, while parsing) */
    uint64_t size, rss, pss;
    uint64_t shared_clean, shared_dirty, private_clean, private_dirty;
    uint64_t anonymous, swap, swap_pss, locked, anon_huge;
    /* Filled by mapview (0 from the parser): RSS change since the
     * baseline. */
    int64_t delta_rss;
} mt_region;

/* Sums over a set of regions (one class, or all). */
typedef struct mt_region_total {
    uint64_t size, rss, pss, dirty, swap;
    size_t count;
    int64_t delta_rss;
} mt_region_total;

typedef struct mt_map {
    mt_region *regions;
    size_t n, cap;
    char *arena;                /* paths, each terminated */
    size_t arena_len, arena_cap;
    size_t bad_lines;           /* lines that were neither a mapping header
                                   nor a "Key:" line (uppercase first) */
    mt_region_total classes[MT_RC_COUNT];
    mt_region_total total;
    /* pmap -d's summary: all mappings, private writable, shared. */
    uint64_t mapped, writeable_private, shared;
} mt_map;

void mt_map_init(mt_map *m);
void mt_map_free(mt_map *m);

/* Parses a whole smaps text (len bytes, need not be terminated) into m,
 * replacing what it held.  Never fails: unknown keys are ignored,
 * missing ones stay 0, lines that are neither a mapping header nor a
 * key line (one starting with an uppercase letter) are counted in
 * bad_lines and skipped.  Returns the
 * number of regions. */
size_t mt_smaps_parse(mt_map *m, const char *buf, size_t len);

/* The same in pieces: reset, then feed chunks in order.  feed parses the
 * complete lines of buf and returns how many bytes it used; the caller
 * keeps the rest and passes it again with more text.  With eof, a last
 * line without its newline is parsed too.  finish sets the path
 * pointers; call it after the last feed. */
void mt_smaps_reset(mt_map *m);
size_t mt_smaps_feed(mt_map *m, const char *buf, size_t len, bool eof);
void mt_smaps_finish(mt_map *m);

/* Puts every region in its class and computes class totals, the grand
 * total and pmap -d's summary.  exe is the path of the main executable
 * (readlink /proc/PID/exe, " (deleted)" or not); NULL when unknown: then
 * no region is text, data or bss. */
void mt_smaps_classify(mt_map *m, const char *exe);

/* Recomputes class totals, the grand total and the summary from the
 * regions (classify calls it; mapview again after setting delta_rss). */
void mt_map_sum(mt_map *m);

/* The class of one region by its own attributes, for the rules that do
 * not depend on neighbours (everything except bss). */
enum mt_region_class mt_region_class_of(const mt_region *r, const char *exe, size_t exe_len);

/* "text", "data", ... ; NULL for an out-of-range value. */
const char *mt_region_class_name(enum mt_region_class c);
/* One line on what the class is and why it grows (the map legend). */
const char *mt_region_class_help(enum mt_region_class c);

/* True when path (length len) names a shared object: its file name
 * contains ".so" followed by nothing or by '.' ("libc.so.6",
 * "ld-linux-x86-64.so.2", "libfoo.so"). */
bool mt_path_is_lib(const char *path, size_t len);

/* A region's dirty bytes as pmap -x counts them. */
static inline uint64_t mt_region_dirty(const mt_region *r)
{
    return r->shared_dirty + r->private_dirty;
}

#endif
