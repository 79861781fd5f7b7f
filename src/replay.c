/* replay.c - the replay source: a recording read back snapshot by
 * snapshot, forward, backward or from any frame.  Every frame is checked
 * (size and CRC) when the file is opened, and frames are read, checked
 * again, inflated and decoded only when asked for.
 *
 * A file is read with pread(), never mapped: a recording that shrinks
 * while it is replayed (another memtop repairing its torn tail, a user's
 * truncate) must end in an error, not a SIGBUS. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "memtop/record.h"
#include "memtop/util.h"

struct mt_replay {
    const uint8_t *buf;         /* a recording in memory, or NULL */
    int fd;                     /* a file (read with pread), or -1 */
    size_t len;                 /* bytes when opened */
    uint8_t *chunk;             /* the file's bytes last read */
    size_t chunk_cap;
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
    char err[256];
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

/* n bytes at off: a pointer into the buffer, or the file's bytes read
 * into r->chunk.  NULL when fewer are there (the file shrank). */
static const uint8_t *bytes_at(mt_replay *r, size_t off, size_t n)
{
    if (r->fd < 0)
        return off <= r->len && n <= r->len - off ? r->buf + off : NULL;
    r->chunk = mt_xgrow(r->chunk, &r->chunk_cap, n ? n : 1, 1);
    for (size_t got = 0; got < n;) {
        ssize_t k = pread(r->fd, r->chunk + got, n - got, (off_t)(off + got));
        if (k < 0 && errno == EINTR)
            continue;
        if (k <= 0)
            return NULL;
        got += (size_t)k;
    }
    return r->chunk;
}

/* Reads and checks the frame at off (of r->len bytes).  MT_REC_END,
 * MT_REC_TORN and MT_REC_CORRUPT as mt_rec_scan_frame; f->data points
 * into the buffer or r->chunk.  -1 (as a status): the file shrank. */
static int read_frame(mt_replay *r, size_t off, mt_rec_frame *f)
{
    if (off >= r->len) {
        memset(f, 0, sizeof *f);
        f->offset = off;
        return MT_REC_END;
    }
    size_t n = r->len - off < MT_REC_FRAME_HEADER ? r->len - off : MT_REC_FRAME_HEADER;
    const uint8_t *p = bytes_at(r, off, n);
    if (!p)
        return -1;
    enum mt_rec_status st = mt_rec_scan_frame(p, n, 0, f);
    if (st == MT_REC_TORN && n == MT_REC_FRAME_HEADER) {
        /* The header is sane: read the data too, if it is all there. */
        size_t size = (size_t)(p[0] | p[1] << 8 | p[2] << 16 | (p[3] & 0x3f) << 24);
        if (r->len - off - MT_REC_FRAME_HEADER >= size) {
            n = MT_REC_FRAME_HEADER + size;
            if (!(p = bytes_at(r, off, n)))
                return -1;
            st = mt_rec_scan_frame(p, n, 0, f);
        }
    }
    f->offset = off;
    f->next += off;
    return (int)st;
}

/* Builds the frame index; false (with err) on anything but a clean end
 * or a torn tail. */
static bool index_frames(mt_replay *r, char *err, size_t errlen)
{
    size_t off = r->hdr.size;
    for (;;) {
        mt_rec_frame f;
        int st = read_frame(r, off, &f);
        if (st == MT_REC_END)
            return true;
        if (st == MT_REC_TORN) {
            r->torn = true;
            r->torn_at = off;
            return true;
        }
        if (st < 0) {
            set_err(err, errlen, "the file shrank while being read (at byte %zu)", off);
            return false;
        }
        if (st != MT_REC_OK) {
            set_err(err, errlen, "corrupt frame at byte %zu", off);
            return false;
        }
        if (r->count == 0 && !f.keyframe) {
            set_err(err, errlen, "corrupt frame at byte %zu (no keyframe before it)", off);
            return false;
        }
        f.data = NULL;          /* read again when decoded */
        r->frames = mt_xgrow(r->frames, &r->cap, r->count + 1, sizeof *r->frames);
        r->frames[r->count++] = f;
        off = f.next;
    }
}

/* The reader over a buffer (fd < 0) or a file of len bytes. */
static mt_replay *replay_new(const uint8_t *buf, int fd, size_t len, char *err, size_t errlen)
{
    mt_replay *r = mt_xcalloc(1, sizeof *r);
    r->buf = buf;
    r->fd = fd;
    r->len = len;
    r->decoded = SIZE_MAX;
    size_t n = len < 26 + 256 + 4 ? len : 26 + 256 + 4;
    const uint8_t *head = bytes_at(r, 0, n);
    enum mt_rec_status hs = head ? mt_rec_parse_header(head, n, &r->hdr) : MT_REC_NOT_RECORDING;
    switch (hs) {
    case MT_REC_OK:
        break;
    case MT_REC_BAD_VERSION:
        set_err(err, errlen, "recording version %u, this memtop reads versions %d to %d",
                (unsigned)r->hdr.version, MT_REC_VERSION_MIN, MT_REC_VERSION);
        goto fail;
    case MT_REC_CORRUPT:
        set_err(err, errlen, "corrupt header at byte 0");
        goto fail;
    default:
        set_err(err, errlen, "not a memtop recording");
        goto fail;
    }
    if (!index_frames(r, err, errlen))
        goto fail;
    r->codec = mt_rec_codec_new();
    mt_rec_codec_set_version(r->codec, r->hdr.version);
    mt_rec_codec_set_budget(r->codec, mt_replay_budget(r->len));
    mt_snapshot_init(&r->scratch);
    return r;
fail:
    free(r->frames);
    free(r->chunk);
    free(r);
    return NULL;
}

mt_replay *mt_replay_open_buffer(const uint8_t *buf, size_t len, char *err, size_t errlen)
{
    return replay_new(buf, -1, len, err, errlen);
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
    mt_replay *r = replay_new(NULL, fd, (size_t)st.st_size, err, errlen);
    if (!r)
        close(fd);
    return r;
}

void mt_replay_close(mt_replay *r)
{
    if (!r)
        return;
    if (r->fd >= 0)
        close(r->fd);
    free(r->chunk);
    mt_rec_codec_free(r->codec);
    mt_snapshot_free(&r->scratch);
    free(r->frames);
    free(r->raw);
    free(r);
}

uint64_t mt_replay_budget(uint64_t file_bytes)
{
    return MT_REPLAY_AMPLIFY * file_bytes + MT_REPLAY_SLACK;
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

/* Reads, inflates and decodes frame i (the codec must hold frame i-1,
 * or i is a keyframe).  The frame is checked again: the file may have
 * changed since it was opened. */
static int decode_frame(mt_replay *r, size_t i, mt_snapshot *out)
{
    const mt_rec_frame *want = &r->frames[i];
    mt_rec_frame f;
    int st = read_frame(r, want->offset, &f);
    r->decoded = SIZE_MAX;
    if (st != MT_REC_OK || f.next != want->next || f.raw_len != want->raw_len) {
        set_err(r->err, sizeof r->err, st == MT_REC_OK || st == MT_REC_CORRUPT
                ? "corrupt frame at byte %zu (the file changed while being replayed)"
                : "the file shrank while being replayed (frame at byte %zu is gone)",
                want->offset);
        return -1;
    }
    uint64_t budget = mt_replay_budget(r->len);
    int rc = f.raw_len > budget ? MT_REC_DECODE_TOO_BIG : 0;
    if (rc == 0) {
        r->raw = mt_xgrow(r->raw, &r->raw_cap, f.raw_len, 1);
        uLongf n = (uLongf)f.raw_len;
        if (uncompress(r->raw, &n, f.data, (uLong)f.data_len) != Z_OK || n != f.raw_len) {
            set_err(r->err, sizeof r->err, "corrupt frame at byte %zu", f.offset);
            return -1;
        }
        rc = mt_rec_decode(r->codec, r->raw, n, f.keyframe, out);
    }
    if (rc == MT_REC_DECODE_TOO_BIG)
        set_err(r->err, sizeof r->err, "frame at byte %zu needs more than %llu MiB, the limit "
                "for a %zu-byte recording (%u MiB + %d times its size): refused", f.offset,
                (unsigned long long)(budget >> 20), r->len, MT_REPLAY_SLACK >> 20,
                MT_REPLAY_AMPLIFY);
    else if (rc < 0)
        set_err(r->err, sizeof r->err, "corrupt frame at byte %zu", f.offset);
    if (rc < 0)
        return -1;
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
