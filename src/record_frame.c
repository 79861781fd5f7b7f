/* record_frame.c - the recording's header and frame layout: building
 * and checking them, CRCs included (the layout is in record.h). */
#include "config.h"

#include <string.h>
#include <zlib.h>

#include "memtop/record.h"
#include "record_internal.h"

static const uint8_t MAGIC[8] = { 'M', 'E', 'M', 'T', 'O', 'P', 'R', '\0' };
#define KEYFRAME_FLAG 0x80000000u
#define SIZE_MASK 0x3fffffffu

static uint32_t crc(uint32_t c, const uint8_t *p, size_t n)
{
    /* zlib's crc32 takes a uInt length: feed big buffers in pieces. */
    while (n > 0) {
        uInt k = n > (1u << 30) ? 1u << 30 : (uInt)n;
        c = (uint32_t)crc32(c, p, k);
        p += k;
        n -= k;
    }
    return c;
}

/* ---- header and frames ---- */

enum mt_rec_status mt_rec_parse_header(const uint8_t *buf, size_t len, mt_rec_header *h)
{
    memset(h, 0, sizeof *h);
    if (len < 8 || memcmp(buf, MAGIC, 8) != 0)
        return MT_REC_NOT_RECORDING;
    if (len < 26)
        return MT_REC_CORRUPT;
    h->version = get_u32(buf + 8);
    if (h->version < MT_REC_VERSION_MIN || h->version > MT_REC_VERSION)
        return MT_REC_BAD_VERSION;
    uint32_t size = get_u32(buf + 12);
    size_t hostlen = (size_t)buf[24] | (size_t)buf[25] << 8;
    if (hostlen >= sizeof h->hostname || size != 26 + hostlen + 4 || size > len)
        return MT_REC_CORRUPT;
    if (get_u32(buf + size - 4) != crc(0, buf, size - 4))
        return MT_REC_CORRUPT;
    h->created = (int64_t)get_u64(buf + 16);
    memcpy(h->hostname, buf + 26, hostlen);
    h->hostname[hostlen] = '\0';
    h->size = size;
    return MT_REC_OK;
}

size_t mt_rec_build_header(uint8_t *out, const char *hostname, int64_t created)
{
    size_t hostlen = strnlen(hostname, 255);
    size_t size = 26 + hostlen + 4;
    memcpy(out, MAGIC, 8);
    put_u32(out + 8, MT_REC_VERSION);
    put_u32(out + 12, (uint32_t)size);
    put_u32(out + 16, (uint32_t)((uint64_t)created & 0xffffffffu));
    put_u32(out + 20, (uint32_t)((uint64_t)created >> 32));
    out[24] = (uint8_t)(hostlen & 0xff);
    out[25] = (uint8_t)(hostlen >> 8);
    memcpy(out + 26, hostname, hostlen);
    put_u32(out + 26 + hostlen, crc(0, out, 26 + hostlen));
    return size;
}

enum mt_rec_status mt_rec_scan_frame(const uint8_t *buf, size_t len, size_t off,
                                     mt_rec_frame *f)
{
    memset(f, 0, sizeof *f);
    f->offset = off;
    if (off >= len)
        return MT_REC_END;
    if (len - off < MT_REC_FRAME_HEADER)
        return MT_REC_TORN;
    const uint8_t *p = buf + off;
    uint32_t sf = get_u32(p);
    size_t size = sf & SIZE_MASK;
    f->raw_len = get_u32(p + 4);
    if ((sf & ~(SIZE_MASK | KEYFRAME_FLAG)) != 0 || size == 0 ||
        size > MT_REC_MAX_FRAME || f->raw_len == 0 || f->raw_len > MT_REC_MAX_RAW)
        return MT_REC_CORRUPT;
    if (len - off - MT_REC_FRAME_HEADER < size)
        return MT_REC_TORN;
    uint32_t c = crc(crc(0, p, 8), p + MT_REC_FRAME_HEADER, size);
    if (c != get_u32(p + 8))
        return MT_REC_CORRUPT;
    f->keyframe = (sf & KEYFRAME_FLAG) != 0;
    f->data = p + MT_REC_FRAME_HEADER;
    f->data_len = size;
    f->next = off + MT_REC_FRAME_HEADER + size;
    return MT_REC_OK;
}

void mt_rec_seal_frame(uint8_t *frame, size_t data_len, size_t raw_len, bool keyframe)
{
    put_u32(frame, (uint32_t)data_len | (keyframe ? KEYFRAME_FLAG : 0));
    put_u32(frame + 4, (uint32_t)raw_len);
    put_u32(frame + 8, crc(crc(0, frame, 8), frame + MT_REC_FRAME_HEADER, data_len));
}
