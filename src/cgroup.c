/* cgroup.c - cgroup v1 and v2 memory limits. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>
#include <unistd.h>

#include "memtop/cgroup.h"
#include "memtop/util.h"

int mt_cgroup_parse_path(const char *text, char *out, size_t outsize)
{
    for (const char *line = text; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        if (len >= 3 && strncmp(line, "0::", 3) == 0) {
            len -= 3;
            if (len == 0 || len >= outsize || line[3] != '/')
                return -1;
            memcpy(out, line + 3, len);
            out[len] = '\0';
            return 0;
        }
        line = end ? end + 1 : NULL;
    }
    return -1;
}

int mt_cgroup_parse_v1_path(const char *text, char *out, size_t outsize)
{
    for (const char *line = text; line && *line;) {
        const char *end = strchr(line, '\n');
        size_t len = end ? (size_t)(end - line) : strlen(line);
        const char *c1 = memchr(line, ':', len);
        const char *c2 = c1 ? memchr(c1 + 1, ':', len - (size_t)(c1 + 1 - line)) : NULL;
        if (c2) {
            /* the controller list, comma-separated, names memory */
            bool memory = false;
            for (const char *c = c1 + 1; c < c2;) {
                const char *comma = memchr(c, ',', (size_t)(c2 - c));
                const char *stop = comma ? comma : c2;
                memory |= stop - c == 6 && strncmp(c, "memory", 6) == 0;
                c = stop + 1;
            }
            size_t plen = len - (size_t)(c2 + 1 - line);
            if (memory) {
                if (plen == 0 || plen >= outsize || c2[1] != '/')
                    return -1;
                memcpy(out, c2 + 1, plen);
                out[plen] = '\0';
                return 0;
            }
        }
        line = end ? end + 1 : NULL;
    }
    return -1;
}

int mt_cgroup_parse_file_pages(const char *text, uint64_t *out)
{
    static const char *const keys[2][2] = {
        { "total_active_file ", "total_inactive_file " }, /* v1, children included */
        { "active_file ", "inactive_file " },             /* v2 (hierarchical anyway) */
    };
    for (int k = 0; k < 2; k++) {
        uint64_t sum = 0;
        int found = 0;
        for (int j = 0; j < 2; j++) {
            size_t kl = strlen(keys[k][j]);
            for (const char *line = text; line && *line;) {
                if (strncmp(line, keys[k][j], kl) == 0) {
                    char *end;
                    errno = 0;
                    unsigned long long v = strtoull(line + kl, &end, 10);
                    if (!errno && end != line + kl) {
                        sum += v;
                        found++;
                    }
                    break;
                }
                line = strchr(line, '\n');
                line = line ? line + 1 : NULL;
            }
        }
        if (found) {
            *out = sum;
            return 0;
        }
    }
    return -1;
}

/* v1 says "no limit" with the largest page multiple below 2^63. */
#define V1_UNLIMITED (1ULL << 62)

int mt_cgroup_parse_bytes(const char *text, uint64_t *out)
{
    if (strncmp(text, "max", 3) == 0 && (text[3] == '\n' || text[3] == '\0')) {
        *out = UINT64_MAX;
        return 0;
    }
    if (*text < '0' || *text > '9')
        return -1;
    char *end;
    errno = 0;
    unsigned long long v = strtoull(text, &end, 10);
    if (errno || (*end != '\n' && *end != '\0'))
        return -1;
    *out = v >= V1_UNLIMITED ? UINT64_MAX : v;
    return 0;
}

static int read_bytes(const char *dir, const char *file, uint64_t *out)
{
    char path[4400], buf[64];
    int n = snprintf(path, sizeof path, "%s/%s", dir, file);
    if (n < 0 || (size_t)n >= sizeof path || mt_read_file(path, buf, sizeof buf) < 0)
        return -1;
    return mt_cgroup_parse_bytes(buf, out);
}

int mt_cgroup_of(const char *proc_root, pid_t pid, char *out, size_t outsize)
{
    char path[4096], buf[4096];
    snprintf(path, sizeof path, "%s/%d/cgroup", proc_root, (int)pid);
    if (mt_read_file(path, buf, sizeof buf) < 0)
        return -1;
    return mt_cgroup_parse_path(buf, out, outsize);
}

/* Page cache the kernel would reclaim first in the cgroup at dir. */
static uint64_t file_pages(const char *dir)
{
    char path[4400], buf[8192];
    uint64_t v;
    int n = snprintf(path, sizeof path, "%s/memory.stat", dir);
    if (n < 0 || (size_t)n >= sizeof path || mt_read_file(path, buf, sizeof buf) < 0 ||
        mt_cgroup_parse_file_pages(buf, &v) < 0)
        return 0;
    return v;
}

static uint64_t room_of(uint64_t max, uint64_t cur) { return max > cur ? max - cur : 0; }

/* One level's limit and headroom, v2.  Returns false without a limit. */
static bool level_v2(const char *dir, uint64_t *limit, uint64_t *room)
{
    uint64_t max, cur, smax, scur;
    if (read_bytes(dir, "memory.max", &max) < 0 || max == UINT64_MAX ||
        read_bytes(dir, "memory.current", &cur) < 0)
        return false;
    *limit = max;
    *room = room_of(max, cur) + file_pages(dir);
    /* anonymous memory may still go to swap, as far as swap.max allows */
    if (read_bytes(dir, "memory.swap.max", &smax) == 0 && smax != UINT64_MAX &&
        read_bytes(dir, "memory.swap.current", &scur) == 0)
        *room += room_of(smax, scur);
    return true;
}

/* One level's limit and headroom, v1: the tighter of memory and
 * memory+swap. */
static bool level_v1(const char *dir, uint64_t *limit, uint64_t *room)
{
    uint64_t max, cur, smax, scur;
    if (read_bytes(dir, "memory.limit_in_bytes", &max) < 0 || max == UINT64_MAX ||
        read_bytes(dir, "memory.usage_in_bytes", &cur) < 0)
        return false;
    uint64_t r = room_of(max, cur);
    if (read_bytes(dir, "memory.memsw.limit_in_bytes", &smax) == 0 && smax != UINT64_MAX &&
        read_bytes(dir, "memory.memsw.usage_in_bytes", &scur) == 0 && room_of(smax, scur) < r)
        r = room_of(smax, scur);
    *limit = max;
    *room = r + file_pages(dir);
    return true;
}

/* From the cgroup up to the root of its hierarchy: the tightest
 * headroom of any level that sets a limit. */
static int walk_up(const char *root, const char *cgroup,
                   bool (*level)(const char *, uint64_t *, uint64_t *), uint64_t *limit,
                   uint64_t *headroom)
{
    char rel[4096], dir[4200];
    bool found = false;
    uint64_t best = UINT64_MAX, best_max = UINT64_MAX;
    mt_strlcpy(rel, cgroup, sizeof rel);
    for (;;) {
        int n = snprintf(dir, sizeof dir, "%s%s", root, strlen(rel) > 1 ? rel : "");
        if (n < 0 || (size_t)n >= sizeof dir)
            return -1;
        uint64_t max, room;
        if (level(dir, &max, &room) && room < best) {
            best = room;
            best_max = max;
            found = true;
        }
        char *slash = strrchr(rel, '/');
        if (!slash || strlen(rel) <= 1)
            break;
        slash[slash == rel ? 1 : 0] = '\0'; /* "/a" -> "/", "/a/b" -> "/a" */
    }
    if (!found)
        return -1;
    *headroom = best;
    if (limit)
        *limit = best_max;
    return 0;
}

int mt_cgroup_limit(const char *cg_root, const char *cgroup, uint64_t *limit,
                    uint64_t *headroom)
{
    return walk_up(cg_root, cgroup, level_v2, limit, headroom);
}

int mt_cgroup_v1_limit(const char *mem_root, const char *cgroup, uint64_t *limit,
                       uint64_t *headroom)
{
    return walk_up(mem_root, cgroup, level_v1, limit, headroom);
}

int mt_cgroup_headroom(const char *proc_root, const char *cg_root, pid_t pid,
                       uint64_t *headroom)
{
    char path[4096], buf[4096], rel[4096], root[4200];
    uint64_t best = UINT64_MAX, room;
    snprintf(path, sizeof path, "%s/%d/cgroup", proc_root, (int)pid);
    if (mt_read_file(path, buf, sizeof buf) < 0)
        return -1;
    if (mt_cgroup_parse_v1_path(buf, rel, sizeof rel) == 0) {
        snprintf(root, sizeof root, "%s/memory", cg_root);
        if (mt_cgroup_v1_limit(root, rel, NULL, &room) == 0 && room < best)
            best = room;
    }
    if (mt_cgroup_parse_path(buf, rel, sizeof rel) == 0) {
        /* hybrid hosts mount the unified tree under unified/ */
        snprintf(root, sizeof root, "%s/unified", cg_root);
        if (access(root, F_OK) != 0)
            mt_strlcpy(root, cg_root, sizeof root);
        if (mt_cgroup_limit(root, rel, NULL, &room) == 0 && room < best)
            best = room;
    }
    if (best == UINT64_MAX)
        return -1;
    *headroom = best;
    return 0;
}
