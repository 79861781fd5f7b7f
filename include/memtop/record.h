/* record.h - the recording file format, the recorder (-w) and the
 * replay reader (-r).
 *
 * A recording is a header followed by frames, append-only:
 *
 *   header: "MEMTOPR\0", u32 version (2), u32 header size, i64 created
 *           (unix seconds), u16 hostname length, hostname bytes,
 *           u32 CRC-32 of everything before it
 *   frame:  u32 size | flags (bits 0-29: bytes of zlib data; bit 31:
 *           keyframe), u32 uncompressed size, u32 CRC-32 of those eight
 *           bytes and the zlib data, zlib data
 *
 * Integers are little-endian.  Each frame is written with one write(), so
 * a recorder killed at any instant loses at most the frame in flight: the
 * file ends in a torn frame, which replay reports and stops before.
 *
 * A frame's payload encodes one snapshot: the system numbers in full,
 * then per process either a full record (new process, or any process in a
 * keyframe) or a bit mask of the fields that changed since the previous
 * frame and their zigzag varint deltas.  Strings are stored only when new
 * or changed.  A keyframe starts every recording session and comes every
 * MT_REC_KEYFRAME_EVERY frames, so a reader can seek without decoding from
 * the start.  Only raw sampled values are recorded (the codec encodes
 * mt_system and mt_sample, never mt_notes or mt_totals); replay
 * recomputes the analysis (growth, LEAK?, OOM ETA).  Version 2 added each process's
 * oom_score and oom_score_adj; version 1 recordings still replay, with
 * those unavailable, but are not appended to.
 *
 * The reader works over a buffer or reads the file with pread (never a
 * mapping: a file truncated while replayed is an error, not a SIGBUS) and
 * trusts nothing: lengths are capped, the CRC is checked before
 * inflating, and every decoded length is bounded by what it fills.
 */
#ifndef MEMTOP_RECORD_H
#define MEMTOP_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "memtop/snapshot.h"

#define MT_REC_VERSION 2          /* what this build writes */
#define MT_REC_VERSION_MIN 1      /* the oldest it reads */
#define MT_REC_KEYFRAME_EVERY 60
#define MT_REC_FRAME_HEADER 12
#define MT_REC_MAX_FRAME (64u << 20)     /* compressed bytes */
#define MT_REC_MAX_RAW (256u << 20)      /* uncompressed bytes */
#define MT_REC_MAX_PROCS (1u << 18)      /* processes in one frame */

typedef struct mt_rec_header {
    uint32_t version;
    int64_t created;
    char hostname[256];
    size_t size;            /* bytes, where the first frame starts */
} mt_rec_header;

enum mt_rec_status {
    MT_REC_OK = 0,
    MT_REC_END,             /* no bytes left */
    MT_REC_TORN,            /* the bytes left are less than a frame */
    MT_REC_CORRUPT,         /* bad size or checksum */
    MT_REC_NOT_RECORDING,   /* header: wrong magic or too short */
    MT_REC_BAD_VERSION,     /* header: a version this build cannot read */
};

/* Parses the header at the start of buf.  MT_REC_OK, or
 * MT_REC_NOT_RECORDING / MT_REC_BAD_VERSION / MT_REC_CORRUPT. */
enum mt_rec_status mt_rec_parse_header(const uint8_t *buf, size_t len, mt_rec_header *h);

/* The frame at buf[off]: where its zlib data is and how long.  Checks
 * the sizes and the CRC, does not inflate. */
typedef struct mt_rec_frame {
    size_t offset;          /* of the frame header */
    size_t next;            /* offset after it */
    const uint8_t *data;    /* zlib data */
    size_t data_len;
    size_t raw_len;
    bool keyframe;
} mt_rec_frame;

enum mt_rec_status mt_rec_scan_frame(const uint8_t *buf, size_t len, size_t off,
                                     mt_rec_frame *f);

/* The writing side.  The header of a new recording (at most 285 bytes)
 * into out; returns its length. */
size_t mt_rec_build_header(uint8_t *out, const char *hostname, int64_t created);
/* Fills the MT_REC_FRAME_HEADER bytes at frame, whose data_len bytes of
 * zlib data follow them, inflating to raw_len bytes. */
void mt_rec_seal_frame(uint8_t *frame, size_t data_len, size_t raw_len, bool keyframe);

/* ---- the payload codec: one snapshot <-> bytes, delta against the
 * previous snapshot it saw ---- */

typedef struct mt_rec_codec mt_rec_codec;

mt_rec_codec *mt_rec_codec_new(void);     /* for MT_REC_VERSION */
/* Decodes payloads of a recording of this version (MT_REC_VERSION_MIN ..
 * MT_REC_VERSION) from now on. */
void mt_rec_codec_set_version(mt_rec_codec *c, uint32_t version);
void mt_rec_codec_free(mt_rec_codec *c);
/* Encodes s into *buf (grown as needed) and remembers it as the base of
 * the next delta.  A keyframe encodes every process in full.  Returns
 * the payload length. */
size_t mt_rec_encode(mt_rec_codec *c, const mt_snapshot *s, bool keyframe,
                     uint8_t **buf, size_t *cap);
/* At most this many bytes (records and strings) in one decoded snapshot;
 * 0 (the default): no limit. */
void mt_rec_codec_set_budget(mt_rec_codec *c, uint64_t bytes);
/* Decodes a payload into out (cleared first; sealed) and remembers it.
 * Returns 0, -1 when the bytes do not decode, or MT_REC_DECODE_TOO_BIG
 * when the snapshot would exceed the budget. */
#define MT_REC_DECODE_TOO_BIG (-2)
int mt_rec_decode(mt_rec_codec *c, const uint8_t *p, size_t len, bool keyframe,
                  mt_snapshot *out);

/* ---- the recorder (-w) ---- */

typedef struct mt_recorder mt_recorder;

/* Opens path for appending (O_APPEND|O_CREAT|O_NOFOLLOW, mode 0644).  A
 * new or empty file gets a header.  An existing recording is checked:
 * a torn frame left by a crash is cut off (the warning goes to *warn
 * when warn is not NULL); anything else that is not an intact recording
 * is refused, and so are a FIFO or socket, a regular file another user
 * owns, and a file another recorder holds (an exclusive flock, kept
 * until mt_recorder_close).  Returns NULL with a message ("why", no
 * prefix) in err. */
mt_recorder *mt_recorder_open(const char *path, const char *hostname, char *err,
                              size_t errlen, char *warn, size_t warnlen);
/* Appends one frame.  Returns 0, or -1 with errno set (ENOSPC, EIO...). */
int mt_recorder_write(mt_recorder *r, const mt_snapshot *s);
/* Bytes written so far (frames only), for the size benchmark. */
uint64_t mt_recorder_bytes(const mt_recorder *r);
/* Closes; returns -1 with errno set if close reported an error. */
int mt_recorder_close(mt_recorder *r);

/* ---- the reader (-r) ---- */

typedef struct mt_replay mt_replay;

/* Replay memory is bounded by the file: one frame may inflate to, and
 * one decoded snapshot (records and strings) may take, at most
 * MT_REPLAY_SLACK plus MT_REPLAY_AMPLIFY times the recording's size on
 * disk.  zlib can inflate 1,000-fold and a delta of two bytes re-creates
 * a 4 KiB command line, so without a bound a small crafted file could ask
 * for gigabytes; an honest recording stays far below (its command lines
 * differ, and the slack covers thousands of identical ones).  A frame
 * over the budget is refused with a message saying so; replay's peak
 * memory is about three snapshots' worth (the one shown, the delta base,
 * the inflated payload). */
#define MT_REPLAY_AMPLIFY 256
#define MT_REPLAY_SLACK (64u << 20)
uint64_t mt_replay_budget(uint64_t file_bytes);

/* Reads a recording held in memory (not copied: buf must outlive the
 * reader).  Every frame's size and CRC is checked here; a torn tail is
 * not an error (see mt_replay_torn).  Returns NULL with a message in
 * err: "not a memtop recording", "corrupt frame at byte N", ... */
mt_replay *mt_replay_open_buffer(const uint8_t *buf, size_t len, char *err, size_t errlen);
/* The same for a file (read with pread as frames are needed; each frame
 * is checked again then, so a file that changes or shrinks meanwhile
 * gives an error, never a crash).  A FIFO or other non-regular file is
 * refused without waiting ("not a regular file"); err gets strerror text
 * for a file that cannot be opened. */
mt_replay *mt_replay_open(const char *path, char *err, size_t errlen);
void mt_replay_close(mt_replay *r);

const mt_rec_header *mt_replay_header(const mt_replay *r);
/* Intact frames in the recording. */
size_t mt_replay_count(const mt_replay *r);
/* True when the file ends in a torn frame; *offset is where it starts. */
bool mt_replay_torn(const mt_replay *r, size_t *offset);
/* Index of the frame mt_replay_next returns next. */
size_t mt_replay_position(const mt_replay *r);

/* Fills out with the next frame's snapshot (raw values: run the
 * analysis on it).  Returns 1, 0 at the end, or -1 when the frame cannot
 * be decoded (mt_replay_error says which byte). */
int mt_replay_next(mt_replay *r, mt_snapshot *out);
/* Steps back: fills out with the frame before the one last returned.
 * Returns 1, 0 at the start, or -1. */
int mt_replay_prev(mt_replay *r, mt_snapshot *out);
/* Positions the reader so that mt_replay_next returns frame index
 * (0 <= index <= count).  Returns 0, or -1 on a frame that cannot be
 * decoded. */
int mt_replay_seek(mt_replay *r, size_t index);
const char *mt_replay_error(const mt_replay *r);

#endif
