/* record.c - the recorder (-w): appends one compressed frame per
 * snapshot, a file of its own or one it may continue.  The frame layout
 * is record_frame.c's, the payload record_codec.c's. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <zlib.h>

#include "memtop/record.h"
#include "memtop/sink.h"
#include "memtop/util.h"

struct mt_recorder {
    int fd;
    mt_rec_codec *codec;
    unsigned long frames;       /* written in this session */
    uint8_t *raw, *frame;
    size_t raw_cap, frame_cap;
    uint64_t bytes;
};

/* write() until done: a regular file takes it in one call; a short
 * write means the disk filled up, and the next call says so. */
static int write_all(int fd, const uint8_t *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR)
                continue;
            return -1;
        }
        p += w;
        n -= (size_t)w;
    }
    return 0;
}

/* An existing recording: check it, and cut off a torn frame a crash
 * left, so the new frames follow intact ones. */
static int check_existing(int fd, size_t size, char *err, size_t errlen, char *warn,
                          size_t warnlen)
{
    void *map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (map == MAP_FAILED) {
        snprintf(err, errlen, "%s", strerror(errno));
        return -1;
    }
    mt_rec_header h;
    enum mt_rec_status st = mt_rec_parse_header(map, size, &h);
    size_t off = h.size;
    mt_rec_frame f;
    while (st == MT_REC_OK && (st = mt_rec_scan_frame(map, size, off, &f)) == MT_REC_OK)
        off = f.next;
    munmap(map, size);
    if (st != MT_REC_NOT_RECORDING && h.size && h.version != MT_REC_VERSION)
        st = MT_REC_BAD_VERSION;    /* an older one: readable, not appended to */
    switch (st) {
    case MT_REC_END:
        return 0;
    case MT_REC_TORN:
        if (ftruncate(fd, (off_t)off) < 0) {
            snprintf(err, errlen, "cannot cut off the torn frame at byte %zu: %s", off,
                     strerror(errno));
            return -1;
        }
        if (warn)
            snprintf(warn, warnlen, "torn frame at byte %zu (an interrupted recording) "
                     "removed before appending", off);
        return 0;
    case MT_REC_NOT_RECORDING:
        snprintf(err, errlen, "not a memtop recording (refusing to append to it)");
        return -1;
    case MT_REC_BAD_VERSION:
        snprintf(err, errlen, "recording version %u, this memtop writes %d "
                 "(refusing to append to it)", (unsigned)h.version, MT_REC_VERSION);
        return -1;
    default:
        snprintf(err, errlen, "corrupt %s at byte %zu (refusing to append to it)",
                 h.size ? "frame" : "header", h.size ? off : 0);
        return -1;
    }
}

/* What -w must not write to: a FIFO or socket (someone else reads it),
 * another user's file (in a shared directory it may be planted: their
 * file would take our data), a file another writer holds.  Devices
 * such as /dev/null stay allowed, unlocked. */
static int refuse_file(int fd, const struct stat *st, char *err, size_t errlen)
{
    if (S_ISFIFO(st->st_mode) || S_ISSOCK(st->st_mode) || S_ISDIR(st->st_mode)) {
        snprintf(err, errlen, "not a regular file (refusing to write to it)");
        return -1;
    }
    if (!S_ISREG(st->st_mode))
        return fcntl(fd, F_SETFL, O_APPEND);   /* blocking again */
    if (st->st_uid != geteuid()) {
        snprintf(err, errlen, "owned by another user (uid %u): refusing to append to it",
                 (unsigned)st->st_uid);
        return -1;
    }
    /* Two recorders on one file would interleave their deltas: the lock
     * is held until the recorder closes (or dies). */
    if (flock(fd, LOCK_EX | LOCK_NB) < 0) {
        if (errno == EWOULDBLOCK)
            snprintf(err, errlen, "another memtop is recording into it (refusing a second writer)");
        return -1;
    }
    return fcntl(fd, F_SETFL, O_APPEND);
}

mt_recorder *mt_recorder_open(const char *path, const char *hostname, char *err,
                              size_t errlen, char *warn, size_t warnlen)
{
    if (warn && warnlen)
        warn[0] = '\0';
    /* Read access too: appending to a recording means checking it first.
     * O_NONBLOCK: a FIFO planted at the path must not block the open. */
    int fd = open(path, O_RDWR | O_APPEND | O_CREAT | O_NOFOLLOW | O_CLOEXEC | O_NONBLOCK,
                  0644);
    if (fd < 0) {
        snprintf(err, errlen, "%s", errno == ELOOP ? "is a symbolic link (not followed)"
                                                   : strerror(errno));
        return NULL;
    }
    struct stat st;
    err[0] = '\0';
    if (fstat(fd, &st) < 0 || refuse_file(fd, &st, err, errlen) < 0 ||
        (S_ISREG(st.st_mode) && st.st_size > 0 &&
         check_existing(fd, (size_t)st.st_size, err, errlen, warn, warnlen) < 0)) {
        if (!err[0])
            snprintf(err, errlen, "%s", strerror(errno));
        close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode) || st.st_size == 0) {
        char host[256] = "";
        uint8_t hdr[26 + 256 + 4];
        if (hostname)
            mt_strlcpy(host, hostname, sizeof host);
        else if (gethostname(host, sizeof host - 1) < 0)
            host[0] = '\0';
        size_t n = mt_rec_build_header(hdr, host, (int64_t)time(NULL));
        if (write_all(fd, hdr, n) < 0) {
            snprintf(err, errlen, "%s", strerror(errno));
            close(fd);
            return NULL;
        }
    }
    mt_recorder *r = mt_xcalloc(1, sizeof *r);
    r->fd = fd;
    r->codec = mt_rec_codec_new();
    return r;
}

int mt_recorder_write(mt_recorder *r, const mt_snapshot *s)
{
    if (s->nprocs > MT_REC_MAX_PROCS) {
        errno = E2BIG;
        return -1;
    }
    bool key = r->frames % MT_REC_KEYFRAME_EVERY == 0;
    size_t raw = mt_rec_encode(r->codec, s, key, &r->raw, &r->raw_cap);
    uLongf zlen = compressBound((uLong)raw);
    r->frame = mt_xgrow(r->frame, &r->frame_cap, MT_REC_FRAME_HEADER + zlen, 1);
    if (raw > MT_REC_MAX_RAW ||
        compress2(r->frame + MT_REC_FRAME_HEADER, &zlen, r->raw, (uLong)raw,
                  Z_DEFAULT_COMPRESSION) != Z_OK || zlen > MT_REC_MAX_FRAME) {
        errno = EFBIG;
        return -1;
    }
    mt_rec_seal_frame(r->frame, zlen, raw, key);
    /* One write() per frame: a kill loses at most this frame. */
    if (write_all(r->fd, r->frame, MT_REC_FRAME_HEADER + zlen) < 0)
        return -1;
    r->frames++;
    r->bytes += MT_REC_FRAME_HEADER + zlen;
    return 0;
}

uint64_t mt_recorder_bytes(const mt_recorder *r)
{
    return r->bytes;
}

int mt_recorder_close(mt_recorder *r)
{
    if (!r)
        return 0;
    int rc = close(r->fd);
    mt_rec_codec_free(r->codec);
    free(r->raw);
    free(r->frame);
    free(r);
    return rc;
}

/* The recorder as a sink: it takes the whole snapshot, not the view,
 * because a replay must be able to apply any filter later. */
static int record_snapshot(mt_sink *s, const mt_snapshot *snap, const mt_view *view)
{
    (void)view;
    return mt_recorder_write(s->ctx, snap);
}

const struct mt_sink_ops mt_out_record = {
    .name = "record",
    .snapshot = record_snapshot,
};
