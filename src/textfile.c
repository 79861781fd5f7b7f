/* textfile.c - atomic rewrites of an OpenMetrics file for
 * node_exporter's textfile collector.
 *
 * No fsync: the collector reads the page cache, and after a crash the
 * next refresh rewrites the file anyway; a sync every refresh would cost
 * a disk write per refresh for nothing.  rename() within one directory is
 * atomic, so a reader sees either the old exposition or the new one.
 *
 * The directory may be shared (node_exporter's is often group- or
 * world-writable): each temporary file is created afresh with O_EXCL
 * under an unpredictable name (mkostemp), so nothing another user
 * planted -- a symbolic link, a FIFO, a file of their own -- is ever
 * opened, and what is renamed over PATH is always memtop's own file. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "memtop/sink.h"
#include "memtop/textfile.h"
#include "memtop/util.h"

struct mt_textfile {
    char *path;
    char *tmp;                  /* PATH.tmp.XXXXXX, filled in per write */
    size_t tmp_len;
};

mt_textfile *mt_textfile_open(const char *path, char *err, size_t errlen)
{
    char *dir = mt_xstrdup(path);
    char *slash = strrchr(dir, '/');
    if (!slash)
        strcpy(dir, ".");
    else if (slash == dir)
        dir[1] = '\0';
    else
        *slash = '\0';
    struct stat st;
    int rc = stat(dir, &st);
    if (rc < 0 || !S_ISDIR(st.st_mode) || access(dir, W_OK | X_OK) < 0) {
        snprintf(err, errlen, "directory %s: %s", dir,
                 rc < 0 ? strerror(errno) : !S_ISDIR(st.st_mode) ? "not a directory"
                                                                 : strerror(errno));
        free(dir);
        return NULL;
    }
    free(dir);
    if (path[0] == '\0' || path[strlen(path) - 1] == '/') {
        snprintf(err, errlen, "names a directory, not a file");
        return NULL;
    }
    mt_textfile *t = mt_xcalloc(1, sizeof *t);
    t->path = mt_xstrdup(path);
    t->tmp_len = strlen(path) + sizeof ".tmp.XXXXXX";
    t->tmp = mt_xmalloc(t->tmp_len);
    return t;
}

/* Writes the exposition into a new temporary file (its name in t->tmp,
 * or t->tmp empty when none was created). */
static int write_tmp(mt_textfile *t, const mt_snapshot *snap, const mt_view *view)
{
    snprintf(t->tmp, t->tmp_len, "%s.tmp.XXXXXX", t->path);
    int fd = mkostemp(t->tmp, O_CLOEXEC);
    if (fd < 0) {
        t->tmp[0] = '\0';
        return -1;
    }
    /* node_exporter runs as another user: readable whatever the umask. */
    if (fchmod(fd, 0644) < 0) {
        close(fd);
        return -1;
    }
    FILE *f = fdopen(fd, "w");
    if (!f) {
        close(fd);
        return -1;
    }
    mt_sink om;
    mt_sink_init(&om, &mt_out_openmetrics, f);
    int rc = mt_sink_snapshot(&om, snap, view);
    int saved = errno;
    if (fclose(f) == EOF && rc == 0) {
        rc = -1;
        saved = errno;
    }
    errno = saved;
    return rc;
}

int mt_textfile_write(mt_textfile *t, const mt_snapshot *snap, const mt_view *view)
{
    if (write_tmp(t, snap, view) < 0 || rename(t->tmp, t->path) < 0) {
        int saved = errno;
        if (t->tmp[0])
            unlink(t->tmp);
        errno = saved;
        return -1;
    }
    return 0;
}

void mt_textfile_close(mt_textfile *t)
{
    if (!t)
        return;
    free(t->path);
    free(t->tmp);
    free(t);
}

static int textfile_snapshot(mt_sink *s, const mt_snapshot *snap, const mt_view *view)
{
    return mt_textfile_write(s->ctx, snap, view);
}

const struct mt_sink_ops mt_out_textfile = {
    .name = "textfile",
    .needs = MT_SINK_VIEW,
    .snapshot = textfile_snapshot,
};
