/* replay.c - the replay source: a recording read back snapshot by
 * snapshot, forward, backward or from any frame.  The file is mapped,
 * every frame is checked (size and CRC) when it is opened, and frames
 * are inflated and decoded only when asked for. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "memtop/record.h"
#include "memtop/util.h"

struct mt_replay {
    const uint8_t *buf;
    size_t len;
    void *map;                  /* when opened from a file */
    size_t map_len;
    mt_rec_header hdr;
    mt_rec_frame *frames;       /* the index: every intact frame */
    size_t count, cap;
    bool torn;
    size_t torn_at;
    size_t pos;                 /* next frame mt_replay_next returns */
    size_t decoded;             /* frame the codec holds; SIZE_MAX: none */
    mt_rec_codec *codec;
    mt_snapshot scratch;        /* frames decoded on the way to a seek target */
    uint8_t *raw;
    size_t raw_cap;
    char err[160];
};

static void set_err(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static void set_err(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
}

/* Builds the frame index; false (with err) on anything but a clean end
 * or a torn tail. */
static bool index_frames(mt_replay *r, char *err, size_t errlen)
{
    size_t off = r->hdr.size;
    for (;;) {
        mt_rec_frame f;
        enum mt_rec_status st = mt_rec_scan_frame(r->buf, r->len, off, &f);
        if (st == MT_REC_END)
            return true;
        if (st == MT_REC_TORN) {
            r->torn = true;
            r->torn_at = off;
            return true;
        }
        if (st != MT_REC_OK) {
            set_err(err, errlen, "corrupt frame at byte %zu", off);
            return false;
        }
        if (r->count == 0 && !f.keyframe) {
            set_err(err, errlen, "corrupt frame at byte %zu (no keyframe before it)", off);
            return false;
        }
        r->frames = mt_xgrow(r->frames, &r->cap, r->count + 1, sizeof *r->frames);
        r->frames[r->count++] = f;
        off = f.next;
    }
}

mt_replay *mt_replay_open_buffer(const uint8_t *buf, size_t len, char *err, size_t errlen)
{
    mt_replay *r = mt_xcalloc(1, sizeof *r);
    r->buf = buf;
    r->len = len;
    r->decoded = SIZE_MAX;
    switch (mt_rec_parse_header(buf, len, &r->hdr)) {
    case MT_REC_OK:
        break;
    case MT_REC_BAD_VERSION:
        set_err(err, errlen, "recording version %u, this memtop reads versions %d to %d",
                (unsigned)r->hdr.version, MT_REC_VERSION_MIN, MT_REC_VERSION);
        free(r);
        return NULL;
    case MT_REC_CORRUPT:
        set_err(err, errlen, "corrupt header at byte 0");
        free(r);
        return NULL;
    default:
        set_err(err, errlen, "not a memtop recording");
        free(r);
        return NULL;
    }
    if (!index_frames(r, err, errlen)) {
        free(r->frames);
        free(r);
        return NULL;
    }
    r->codec = mt_rec_codec_new();
    mt_rec_codec_set_version(r->codec, r->hdr.version);
    mt_snapshot_init(&r->scratch);
    return r;
}

mt_replay *mt_replay_open(const char *path, char *err, size_t errlen)
{
    /* O_NONBLOCK: opening a FIFO would wait for a writer. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    struct stat st;
    if (fd < 0 || fstat(fd, &st) < 0) {
        set_err(err, errlen, "%s", strerror(errno));
        if (fd >= 0)
            close(fd);
        return NULL;
    }
    if (!S_ISREG(st.st_mode)) {
        set_err(err, errlen, "not a regular file");
        close(fd);
        return NULL;
    }
    size_t len = (size_t)st.st_size;
    void *map = len ? mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0) : NULL;
    int saved = errno;
    close(fd);
    if (map == MAP_FAILED) {
        set_err(err, errlen, "%s", strerror(saved));
        return NULL;
    }
    mt_replay *r = mt_replay_open_buffer(map ? map : (const uint8_t *)"", len, err, errlen);
    if (!r) {
        if (map)
            munmap(map, len);
        return NULL;
    }
    r->map = map;
    r->map_len = len;
    return r;
}

void mt_replay_close(mt_replay *r)
{
    if (!r)
        return;
    if (r->map)
        munmap(r->map, r->map_len);
    mt_rec_codec_free(r->codec);
    mt_snapshot_free(&r->scratch);
    free(r->frames);
    free(r->raw);
    free(r);
}

const mt_rec_header *mt_replay_header(const mt_replay *r) { return &r->hdr; }
size_t mt_replay_count(const mt_replay *r) { return r->count; }
size_t mt_replay_position(const mt_replay *r) { return r->pos; }
const char *mt_replay_error(const mt_replay *r) { return r->err; }

bool mt_replay_torn(const mt_replay *r, size_t *offset)
{
    if (r->torn && offset)
        *offset = r->torn_at;
    return r->torn;
}

/* Inflates and decodes frame i (the codec must hold frame i-1, or i is
 * a keyframe). */
static int decode_frame(mt_replay *r, size_t i, mt_snapshot *out)
{
    const mt_rec_frame *f = &r->frames[i];
    r->raw = mt_xgrow(r->raw, &r->raw_cap, f->raw_len, 1);
    uLongf n = (uLongf)f->raw_len;
    if (uncompress(r->raw, &n, f->data, (uLong)f->data_len) != Z_OK || n != f->raw_len ||
        mt_rec_decode(r->codec, r->raw, n, f->keyframe, out) < 0) {
        r->decoded = SIZE_MAX;
        set_err(r->err, sizeof r->err, "corrupt frame at byte %zu", f->offset);
        return -1;
    }
    r->decoded = i;
    return 0;
}

int mt_replay_next(mt_replay *r, mt_snapshot *out)
{
    if (r->pos >= r->count)
        return 0;
    size_t i = r->pos;
    bool direct = r->frames[i].keyframe || (i > 0 && r->decoded == i - 1);
    if (!direct) {
        /* Catch up from the last keyframe at or before i. */
        size_t k = i;
        while (k > 0 && !r->frames[k].keyframe)
            k--;
        for (size_t j = k; j < i; j++)
            if (decode_frame(r, j, &r->scratch) < 0)
                return -1;
    }
    if (decode_frame(r, i, out) < 0)
        return -1;
    r->pos = i + 1;
    return 1;
}

int mt_replay_seek(mt_replay *r, size_t index)
{
    if (index > r->count) {
        set_err(r->err, sizeof r->err, "frame %zu is past the end (%zu frames)", index,
                r->count);
        return -1;
    }
    r->pos = index;
    return 0;
}

int mt_replay_prev(mt_replay *r, mt_snapshot *out)
{
    if (r->pos < 2)
        return 0;
    r->pos -= 2;
    return mt_replay_next(r, out);
}
