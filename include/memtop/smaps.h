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
    MT_RC_FILE,     /* other file-backed mappings, private or shared */
    MT_RC_SHM,      /* /dev/shm, memfd, SysV, shared anon, 's' of no file */
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
    bool is_new;                /* (mt_map_delta) continues nothing of the
                                   baseline */
    bool gone;                  /* (mt_map_delta) what of a baseline
                                   mapping is no longer mapped: size and
                                   RSS 0, Δ RSS minus its share then */
    enum mt_region_class cls;   /* set by mt_smaps_classify */
    const char *path;           /* as the kernel printed it ("" if none);
                                   points into the map's arena, valid
                                   until the next parse */
    size_t path_len;
    size_t path_off;            /* offset in the arena */
    uint64_t size, rss, pss;
    uint64_t shared_clean, shared_dirty, private_clean, private_dirty;
    uint64_t anonymous, swap, swap_pss, locked, anon_huge;
    /* Filled by mt_map_delta (0 from the parser): RSS change since the
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
    size_t regions_mapped;      /* bytes, when regions is its own mapping
                                   (a big map; else from malloc) */
    size_t ngone;               /* the last ngone regions are gone ones */
    char *arena;                /* paths, each terminated */
    size_t arena_len, arena_cap;
    size_t stale;               /* (while parsing) regions whose path
                                   points into an arena since moved */
    size_t key_hint;            /* (while parsing) the kernel's key line
                                   expected next */
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

/* ---- mapping identity across refreshes (SPEC §1) -------------------
 * A mapping is followed by the address range it covers, not by its
 * start: a current mapping continues every baseline mapping it overlaps
 * with the same backing (same device and inode; both anonymous is inode
 * 0) and the same class; it inherits the baseline mapping's RSS in
 * proportion to the part of the baseline range it covers, so a mapping
 * split in several is shared out by overlap.  What no current mapping
 * covers (an munmap, whole or in the middle) is listed as a gone
 * region with that share as its negative Δ.  So every byte
 * of baseline RSS lands in exactly one region of its class, and
 *   Σ regions' Δ RSS of a class = class RSS now - class RSS then,
 *   Σ classes' Δ RSS = total RSS now - total RSS then,
 * whatever merged, split, grew down or went away in between.  Requiring
 * the same class keeps the first line true when a mapping changes
 * class (a bss split by mprotect, say): that is a new mapping. */
typedef struct mt_base_region {
    uint64_t start, end, offset, inode, rss;
    uint64_t seen, rest;        /* scratch for mt_map_delta */
    size_t path_off, path_len;
    unsigned dev_major, dev_minor;
    enum mt_region_class cls;
    char perms[5];
} mt_base_region;

typedef struct mt_map_base {
    mt_base_region *regions;
    size_t n, cap;
    char *arena;
    size_t arena_len, arena_cap;
    uint64_t class_rss[MT_RC_COUNT];
    uint64_t total_rss;
} mt_map_base;

void mt_map_base_init(mt_map_base *b);
void mt_map_base_free(mt_map_base *b);
/* Makes the (classified) mappings of m the baseline; gone regions of m
 * are not mappings and are left out. */
void mt_map_base_set(mt_map_base *b, const mt_map *m);
/* Sets every region's delta_rss and is_new against the baseline,
 * replaces m's gone regions (appended after the mappings, in baseline
 * order) and recomputes the totals. */
void mt_map_delta(mt_map *m, mt_map_base *b);

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
