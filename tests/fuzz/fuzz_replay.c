/* fuzz_replay.c - libFuzzer harness for the replay reader.
 *
 * Two modes, chosen by the first byte, because the reader checks a CRC
 * before it inflates anything and a fuzzer rarely forges one:
 *   even: the rest is a whole recording file (header, framing, CRCs,
 *         torn tails, inflating, then seeking and stepping both ways);
 *   odd:  the rest is a series of decoded payloads, each
 *         [u16 length][keyframe byte][payload], fed straight to the
 *         delta decoder, one after the other, so deltas meet the
 *         state the previous payloads left; bit 1 of the first byte
 *         makes them version 1 payloads (no OOM scores).
 * Build and run: make fuzz-replay (FUZZ_SECONDS=60). */
#include "config.h"

#include <stddef.h>
#include <stdint.h>

#include "memtop/record.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void fuzz_file(const uint8_t *data, size_t size)
{
    char err[256];
    mt_replay *r = mt_replay_open_buffer(data, size, err, sizeof err);
    if (!r)
        return;
    mt_snapshot s;
    mt_snapshot_init(&s);
    size_t n = mt_replay_count(r);
    while (mt_replay_next(r, &s) == 1)
        ;
    if (n > 1) {
        mt_replay_seek(r, n / 2);
        mt_replay_next(r, &s);
        mt_replay_prev(r, &s);
        mt_replay_prev(r, &s);
    }
    mt_replay_torn(r, NULL);
    mt_replay_close(r);
    mt_snapshot_free(&s);
}

static void fuzz_payloads(uint32_t version, const uint8_t *data, size_t size)
{
    mt_rec_codec *c = mt_rec_codec_new();
    mt_rec_codec_set_version(c, version);
    mt_snapshot s;
    mt_snapshot_init(&s);
    while (size >= 3) {
        size_t len = (size_t)data[0] | (size_t)data[1] << 8;
        bool key = data[2] & 1;
        data += 3;
        size -= 3;
        if (len > size)
            len = size;
        mt_rec_decode(c, data, len, key, &s);
        data += len;
        size -= len;
    }
    mt_snapshot_free(&s);
    mt_rec_codec_free(c);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    if (data[0] & 1)
        fuzz_payloads(data[0] & 2 ? MT_REC_VERSION_MIN : MT_REC_VERSION, data + 1, size - 1);
    else
        fuzz_file(data + 1, size - 1);
    return 0;
}
