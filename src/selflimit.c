/* selflimit.c - memtop's own memory limit (see selflimit.h). */
#include "config.h"

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "memtop/selflimit.h"
#include "memtop/util.h"

/* Limits this large mean none: v1 says 2^63 - page size. */
#define HUGE_LIMIT (1ULL << 60)

static void copy_path(char *dst, size_t len, const char *src, size_t n)
{
    if (n >= len)
        n = 0;                  /* a path that does not fit: not used */
    memcpy(dst, src, n);
    dst[n] = '\0';
}

/* Does the comma-separated list [s, end) hold word? */
static int has_word(const char *s, const char *end, const char *word)
{
    size_t w = strlen(word);
    while (s < end) {
        const char *comma = memchr(s, ',', (size_t)(end - s));
        const char *stop = comma ? comma : end;
        if ((size_t)(stop - s) == w && memcmp(s, word, w) == 0)
            return 1;
        s = stop + 1;
    }
    return 0;
}

int mt_selflimit_parse_cgroup(const char *text, char *v2, size_t v2len, char *v1,
                              size_t v1len)
{
    v2[0] = v1[0] = '\0';
    for (const char *line = text; *line;) {
        const char *nl = strchr(line, '\n');
        const char *end = nl ? nl : line + strlen(line);
        const char *c1 = memchr(line, ':', (size_t)(end - line));
        const char *c2 = c1 ? memchr(c1 + 1, ':', (size_t)(end - c1 - 1)) : NULL;
        if (c2 && c2[1] == '/') {
            size_t n = (size_t)(end - c2 - 1);
            if (c1 - line == 1 && line[0] == '0' && c2 == c1 + 1)
                copy_path(v2, v2len, c2 + 1, n);
            else if (has_word(c1 + 1, c2, "memory"))
                copy_path(v1, v1len, c2 + 1, n);
        }
        line = nl ? nl + 1 : end;
    }
    return v2[0] || v1[0] ? 0 : -1;
}

uint64_t mt_selflimit_parse_value(const char *text)
{
    char *end;
    if (text[0] < '0' || text[0] > '9')
        return MT_SELFLIMIT_NONE;          /* "max" and garbage */
    unsigned long long v = strtoull(text, &end, 10);
    if ((*end && *end != '\n') || v >= HUGE_LIMIT || v == 0)
        return MT_SELFLIMIT_NONE;
    return (uint64_t)v;
}

/* The smallest limit in file, read in dir and each parent up to root. */
static uint64_t smallest_up(const char *root, const char *path, const char *file)
{
    char dir[4096], full[4200], buf[64];
    uint64_t best = MT_SELFLIMIT_NONE;
    if (snprintf(dir, sizeof dir, "%s%s", root, path) >= (int)sizeof dir)
        return best;
    size_t rootlen = strlen(root);
    for (;;) {
        snprintf(full, sizeof full, "%s/%s", dir, file);
        if (mt_read_file(full, buf, sizeof buf) > 0) {
            uint64_t v = mt_selflimit_parse_value(buf);
            if (v < best)
                best = v;
        }
        char *slash = strrchr(dir, '/');
        if (!slash || (size_t)(slash - dir) < rootlen)
            return best;
        *slash = '\0';
    }
}

static int is_dir(const char *path)
{
    struct stat st;
    return stat(path, &st) == 0 && S_ISDIR(st.st_mode);
}

uint64_t mt_selflimit_read(const char *proc_root, const char *cgroup_root)
{
    char path[512], text[4096], v2[1024], v1[1024], root[600];
    if (!proc_root)
        proc_root = "/proc";
    if (!cgroup_root)
        cgroup_root = "/sys/fs/cgroup";
    snprintf(path, sizeof path, "%s/self/cgroup", proc_root);
    if (mt_read_file(path, text, sizeof text) <= 0 ||
        mt_selflimit_parse_cgroup(text, v2, sizeof v2, v1, sizeof v1) < 0)
        return MT_SELFLIMIT_NONE;
    uint64_t best = MT_SELFLIMIT_NONE;
    if (v2[0]) {
        /* The unified tree: at the root (v2 only) or beside v1. */
        snprintf(path, sizeof path, "%s/cgroup.controllers", cgroup_root);
        struct stat st;
        snprintf(root, sizeof root, stat(path, &st) == 0 ? "%s" : "%s/unified", cgroup_root);
        uint64_t v = smallest_up(root, strcmp(v2, "/") == 0 ? "" : v2, "memory.max");
        best = v < best ? v : best;
    }
    snprintf(root, sizeof root, "%s/memory", cgroup_root);
    if (v1[0] && is_dir(root)) {
        uint64_t v = smallest_up(root, strcmp(v1, "/") == 0 ? "" : v1, "memory.limit_in_bytes");
        best = v < best ? v : best;
    }
    return best;
}

size_t mt_selflimit_keep(uint64_t limit, size_t want)
{
    if (limit == MT_SELFLIMIT_NONE)
        return want;
    uint64_t fit = limit / MT_SELFLIMIT_KEEP_SHARE / MT_STATM_FILE_COST;
    return fit < want ? (size_t)fit : want;
}

uint64_t mt_selflimit_self(void)
{
    static bool read;
    static uint64_t limit;
    if (!read) {
        limit = mt_selflimit_read(NULL, NULL);
        read = true;
    }
    return limit;
}

uint64_t mt_selflimit_need(size_t nprocs)
{
    return MT_SELFLIMIT_BASE + (uint64_t)nprocs * MT_SELFLIMIT_PER_PROCESS;
}

int mt_selflimit_check(uint64_t limit, size_t nprocs, char *why, size_t len)
{
    uint64_t need = mt_selflimit_need(nprocs);
    if (limit == MT_SELFLIMIT_NONE || need <= limit)
        return 0;
    snprintf(why, len, "the cgroup allows %.1f MiB, %zu processes need about %.1f MiB "
             "(%.0f MiB + %.2f KiB a process)", (double)limit / 1048576.0, nprocs,
             (double)need / 1048576.0, MT_SELFLIMIT_BASE / 1048576.0,
             MT_SELFLIMIT_PER_PROCESS / 1024.0);
    return -1;
}

size_t mt_selflimit_count(const char *proc_root)
{
    DIR *d = opendir(proc_root ? proc_root : "/proc");
    if (!d)
        return 0;
    size_t n = 0;
    for (struct dirent *e; (e = readdir(d));)
        n += e->d_name[0] >= '1' && e->d_name[0] <= '9';
    closedir(d);
    return n;
}
