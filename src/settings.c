/* settings.c - memtoprc: read, apply, write. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "memtop/escape.h"
#include "memtop/format.h"
#include "memtop/layout.h"
#include "memtop/settings.h"
#include "memtop/util.h"

#define SETTINGS_MAX (64 * 1024)

int mt_settings_path(char *buf, size_t n)
{
    const char *xdg = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
    int len;
    /* The XDG spec: a relative XDG_CONFIG_HOME is invalid and ignored. */
    if (xdg && xdg[0] == '/')
        len = snprintf(buf, n, "%s/memtop/memtoprc", xdg);
    else if (home && home[0] == '/')
        len = snprintf(buf, n, "%s/.config/memtop/memtoprc", home);
    else
        return -1;
    return len < 0 || (size_t)len >= n ? -1 : 0;
}

static int parse_bool(const char *v, bool *out)
{
    static const char *const yes[] = { "yes", "true", "on", "1" };
    static const char *const no[] = { "no", "false", "off", "0" };
    for (size_t i = 0; i < 4; i++) {
        if (strcasecmp(v, yes[i]) == 0)
            return *out = true, 0;
        if (strcasecmp(v, no[i]) == 0)
            return *out = false, 0;
    }
    return -1;
}

/* One "key = value": 0, or -1 with why. */
static int apply_one(mt_options *o, const char *key, const char *val, char *why, size_t n)
{
    bool b;
    long l;
    if (strcmp(key, "delay") == 0)
        return mt_parse_delay(val, &o->delay, why, n);
    if (strcmp(key, "sort") == 0) {
        int k = mt_sort_key_from_name(val);
        if (k < 0)
            return snprintf(why, n, "sort = %s: unknown sort key", val), -1;
        o->sort = (enum mt_sort_key)k;
        return 0;
    }
    if (strcmp(key, "history") == 0) {
        if (mt_parse_count(val, &l, why, n) < 0 || l < 3 || l > 100000)
            return snprintf(why, n, "history = %s: must be a whole number from 3 to 100000",
                            val), -1;
        o->analysis.history = (unsigned)l;
        return 0;
    }
    if (strcmp(key, "columns") == 0) {
        char bad[64];
        if (mt_columns_parse(val, &o->view_columns, bad, sizeof bad) < 0)
            return snprintf(why, n, "columns: unknown column '%s'", bad), -1;
        return 0;
    }
    if (strcmp(key, "window") == 0)
        return mt_parse_real("window =", val, 0, 1e9, &o->analysis.window, why, n);
    bool *flag = strcmp(key, "reverse") == 0          ? &o->reverse
                 : strcmp(key, "command_line") == 0   ? &o->cmdline
                 : strcmp(key, "kernel_threads") == 0 ? &o->kthreads
                 : strcmp(key, "pss") == 0            ? &o->pss
                 : NULL;
    if (flag || strcmp(key, "color") == 0) {
        if (parse_bool(val, &b) < 0)
            return snprintf(why, n, "%s = %s: not yes or no", key, val), -1;
        if (flag)
            *flag = b;
        else
            o->no_color = !b;
        return 0;
    }
    return snprintf(why, n, "unknown setting '%s'", key), -1;
}

static char *trim(char *s)
{
    while (*s == ' ' || *s == '\t')
        s++;
    size_t len = strlen(s);
    while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r'))
        s[--len] = '\0';
    return s;
}

int mt_settings_apply(mt_options *o, const char *text, const char *name, FILE *warn)
{
    char *copy = mt_xstrdup(text);
    int bad = 0, lineno = 0;
    char *p = copy;
    while (p) {
        char *line = p, *nl = strchr(p, '\n');
        if (nl)
            *nl = '\0';
        p = nl ? nl + 1 : NULL;
        lineno++;
        line = trim(line);
        if (*line == '\0' || *line == '#')
            continue;
        char why[256] = "";
        char *eq = strchr(line, '=');
        if (!eq) {
            snprintf(why, sizeof why, "expected 'key = value'");
        } else {
            *eq = '\0';
            apply_one(o, trim(line), trim(eq + 1), why, sizeof why);
        }
        if (why[0]) {
            char clean[3 * sizeof why];
            mt_term_sanitize(clean, sizeof clean, why, false);
            fprintf(warn, "memtop: %s:%d: %s (line ignored)\n", name, lineno, clean);
            bad++;
        }
    }
    free(copy);
    return bad;
}

int mt_settings_load(mt_options *o, const char *path, FILE *warn)
{
    char *buf = mt_xmalloc(SETTINGS_MAX);
    int rc = 0;
    long len = mt_read_file(path, buf, SETTINGS_MAX);
    if (len < 0 && errno != ENOENT) {
        fprintf(warn, "memtop: %s: %s (settings ignored)\n", path,
                errno == EINVAL ? "not a regular file" : strerror(errno));
        rc = 1;
    } else if (len >= 0) {
        rc = mt_settings_apply(o, buf, path, warn);
    }
    free(buf);
    return rc;
}

/* mkdir -p for the directory part of path. */
static int make_parent(const char *path)
{
    char dir[4096];
    mt_strlcpy(dir, path, sizeof dir);
    char *slash = strrchr(dir, '/');
    if (!slash || slash == dir)
        return 0;
    *slash = '\0';
    for (char *q = dir + 1; *q; q++)
        if (*q == '/') {
            *q = '\0';
            if (mkdir(dir, 0755) < 0 && errno != EEXIST)
                return -1;
            *q = '/';
        }
    return mkdir(dir, 0755) < 0 && errno != EEXIST ? -1 : 0;
}

int mt_settings_save(const mt_options *o, const char *path, char *err, size_t errlen)
{
    char tmp[4200], delay[32], window[32], cols[256] = "";
    snprintf(tmp, sizeof tmp, "%s.tmp.%d", path, (int)getpid());
    mt_format_fixed(delay, sizeof delay, o->delay, 2);
    mt_format_fixed(window, sizeof window, o->analysis.window, 0);
    if (o->view_columns)
        mt_columns_format(o->view_columns, cols, sizeof cols);
    if (make_parent(path) < 0)
        goto fail;
    FILE *f = NULL;
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0644);
    if (fd < 0 || !(f = fdopen(fd, "w"))) {
        if (fd >= 0)
            close(fd);
        goto fail;
    }
    fprintf(f, "# memtop settings, written by the W key of the interactive view.\n"
               "# See memtop(1).  Command-line options override these.\n"
               "delay = %s\nsort = %s\nreverse = %s\ncommand_line = %s\n"
               "kernel_threads = %s\ncolor = %s\npss = %s\nhistory = %u\nwindow = %s\n",
            delay, mt_sort_key_name(o->sort), o->reverse ? "yes" : "no",
            o->cmdline ? "yes" : "no", o->kthreads ? "yes" : "no",
            o->no_color ? "no" : "yes", o->pss ? "yes" : "no", o->analysis.history, window);
    if (cols[0])
        fprintf(f, "columns = %s\n", cols);
    if (fflush(f) == EOF || ferror(f) || fsync(fileno(f)) < 0) {
        int e = errno;
        fclose(f);
        unlink(tmp);
        errno = e;
        goto fail;
    }
    if (fclose(f) == EOF || rename(tmp, path) < 0) {
        int e = errno;
        unlink(tmp);
        errno = e;
        goto fail;
    }
    return 0;
fail:
    snprintf(err, errlen, "%s: %s", path, strerror(errno));
    return -1;
}
