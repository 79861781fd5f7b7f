/* cgroup.c - cgroup v2 memory limits. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdbool.h>
#include <string.h>

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
    *out = v;
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

int mt_cgroup_limit(const char *cg_root, const char *cgroup, uint64_t *limit,
                    uint64_t *headroom)
{
    char rel[4096], dir[4200];
    bool found = false;
    uint64_t best = UINT64_MAX, best_max = UINT64_MAX;
    mt_strlcpy(rel, cgroup, sizeof rel);
    /* From the cgroup up to (not including) the root, which has no
     * memory.max: the tightest headroom of any level that sets a limit. */
    for (;;) {
        if (strlen(rel) <= 1)
            break;
        int n = snprintf(dir, sizeof dir, "%s%s", cg_root, rel);
        if (n < 0 || (size_t)n >= sizeof dir)
            return -1;
        uint64_t max, cur;
        if (read_bytes(dir, "memory.max", &max) == 0 && max != UINT64_MAX &&
            read_bytes(dir, "memory.current", &cur) == 0) {
            uint64_t room = max > cur ? max - cur : 0;
            if (room < best) {
                best = room;
                best_max = max;
            }
            found = true;
        }
        char *slash = strrchr(rel, '/');
        if (!slash)
            break;
        *slash = '\0';
    }
    if (!found)
        return -1;
    *headroom = best;
    if (limit)
        *limit = best_max;
    return 0;
}

int mt_cgroup_headroom(const char *proc_root, const char *cg_root, pid_t pid,
                       uint64_t *headroom)
{
    char rel[4096];
    if (mt_cgroup_of(proc_root, pid, rel, sizeof rel) < 0)
        return -1;
    return mt_cgroup_limit(cg_root, rel, NULL, headroom);
}
