/* record_internal.h - the recording's little-endian integers, shared
 * by the frame format (record_frame.c) and the codec (record_codec.c). */
#ifndef MEMTOP_RECORD_INTERNAL_H
#define MEMTOP_RECORD_INTERNAL_H

#include <stdint.h>

static inline void put_u32(uint8_t *p, uint32_t v)
{
    for (int i = 0; i < 4; i++)
        p[i] = (uint8_t)(v >> (8 * i));
}

static inline uint32_t get_u32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
           (uint32_t)p[3] << 24;
}

static inline uint64_t get_u64(const uint8_t *p)
{
    return (uint64_t)get_u32(p) | (uint64_t)get_u32(p + 4) << 32;
}

#endif
