/* smaps_check.h - what must hold for any input to the smaps parser:
 * shared by the libFuzzer harness (fuzz_smaps.c) and the unit test that
 * replays tests/data/fuzz/smaps/ (where inputs that once crashed go).
 * Returns NULL, or what went wrong. */
#ifndef MEMTOP_SMAPS_CHECK_H
#define MEMTOP_SMAPS_CHECK_H

#include <stdint.h>
#include <string.h>

#include "memtop/smaps.h"

static inline const char *smaps_check(mt_map *m, mt_map *part, const uint8_t *data, size_t size)
{
    const char *text = (const char *)data;
    size_t n = mt_smaps_parse(m, text, size);
    if (n != m->n)
        return "count";
    for (size_t i = 0; i < n; i++) {
        const mt_region *r = &m->regions[i];
        if (r->path < m->arena || r->path + r->path_len >= m->arena + m->arena_len ||
            r->path[r->path_len] != '\0')
            return "path outside the arena";
        if (r->size != (r->end > r->start ? r->end - r->start : 0))
            return "size";
    }
    mt_smaps_classify(m, "/usr/bin/x");
    uint64_t rss = 0;
    size_t count = 0;
    for (int c = 0; c < MT_RC_COUNT; c++) {
        rss += m->classes[c].rss;
        count += m->classes[c].count;
    }
    if (rss != m->total.rss || count != n)
        return "classes do not add up";
    /* Fed in two pieces split anywhere, the result is the same. */
    size_t cut = size ? data[0] * size / 256 : 0;
    mt_smaps_reset(part);
    size_t used = mt_smaps_feed(part, text, cut, false);
    if (used > cut)
        return "feed used more than it was given";
    mt_smaps_feed(part, text + used, size - used, true);
    mt_smaps_finish(part);
    if (part->n != n)
        return "chunked parse differs";
    for (size_t i = 0; i < n; i++)
        if (part->regions[i].start != m->regions[i].start ||
            part->regions[i].rss != m->regions[i].rss ||
            part->regions[i].path_len != m->regions[i].path_len)
            return "chunked parse differs";
    /* Against itself as the baseline, the regions' Δ add up to 0. */
    mt_smaps_classify(part, "/usr/bin/x");
    mt_map_base base;
    mt_map_base_init(&base);
    mt_map_base_set(&base, m);
    mt_map_delta(part, &base);
    uint64_t sum = 0;   /* wrapping, as the totals are */
    for (size_t i = 0; i < part->n; i++)
        sum += (uint64_t)part->regions[i].delta_rss;
    mt_map_base_free(&base);
    if (sum != 0 || part->total.delta_rss != 0)
        return "delta against an unchanged map";
    return NULL;
}

#endif
