/* test_record.c - the recording format: round trips through a real file,
 * deltas and keyframes, seeking both ways, appending, torn tails,
 * corruption at every byte, and garbage with valid checksums. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "memtop/record.h"
#include "suites.h"

static char dir[64];

static void make_dir(void)
{
    strcpy(dir, "/tmp/memtop-rec.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void remove_dir(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

static char *path_in(const char *name)
{
    static char p[128];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return p;
}

/* Frame i of a synthetic run: n processes, a leaker, one that comes and
 * goes, PID 500 reused by a new process at frame 5, hostile strings. */
static void make_frame(mt_snapshot *s, int i, int n)
{
    mt_snapshot_clear(s);
    s->time = 1764120000.125 + i;
    strcpy(s->sys.hostname, "db-7");
    s->sys.uptime = 1000.5 + i;
    s->sys.boot_time = 1764119000;
    s->sys.mem_total = 8ULL << 30;
    s->sys.mem_free = (1ULL << 30) - (uint64_t)i * 4096;
    s->sys.mem_available = 5ULL << 30;
    s->sys.mem_anon = 3ULL << 30;
    s->sys.mem_file = 2ULL << 30;
    s->sys.mem_shmem = MT_NA;
    s->sys.mem_kernel = 1ULL << 30;
    s->sys.swap_total = 0;
    s->sys.swap_free = 0;
    s->sys.tasks = (unsigned)n;
    s->sys.kthreads = 1;
    for (int k = 0; k < n; k++) {
        if (k == 3 && i % 3 == 1)
            continue;                           /* comes and goes */
        mt_proc *p = mt_snapshot_add(s);
        p->raw.pid = 100 + k * 200;                 /* k = 2: PID 500 */
        p->raw.ppid = 1;
        p->raw.uid = (uid_t)k;
        p->raw.state = k == 4 ? 'Z' : 'S';
        p->raw.kthread = k == 5;
        p->raw.threads = 1 + (k == 1 ? i : 0);
        p->raw.start_ticks = (uint64_t)k * 10 + (k == 2 && i >= 5 ? 99999 : 0);
        p->raw.start = 1764119000 + p->raw.start_ticks / 100.0;
        snprintf(p->raw.user, sizeof p->raw.user, "user%d", k);
        snprintf(p->raw.comm, sizeof p->raw.comm, k == 0 ? "\x1b]0;x\x07\xe2\x82" : "proc%d", k);
        char cmd[MT_CMDLINE_MAX + 100];
        memset(cmd, 'a', sizeof cmd - 1);
        cmd[sizeof cmd - 1] = '\0';
        if (k != 6)
            snprintf(cmd, sizeof cmd, "proc%d --arg %d", k, k == 7 ? i : 0);
        mt_snapshot_set_cmdline(s, p, cmd);
        p->raw.virt = (200ULL << 20) + (uint64_t)k;
        p->raw.res = (64ULL << 20) + (k == 1 ? (uint64_t)i << 20 : 0);
        p->raw.shr = 8ULL << 20;
        p->raw.anon = (56ULL << 20) + (k == 1 ? (uint64_t)i << 20 : 0);
        p->raw.file = 6ULL << 20;
        p->raw.shmem = k == 8 ? MT_NA : 2ULL << 20;
        p->raw.swap = k == 8 ? MT_NA : (uint64_t)(k == 9 ? (i % 2) * 4096 : 0);
        /* unread for k = 5; one that changes every 4th frame; negative */
        p->raw.oom_score = k == 5 ? MT_NA_INT : 666 + (k == 1 ? i / 4 : 0);
        p->raw.oom_adj = k == 5 ? MT_NA_INT : k == 6 ? -1000 : 0;
        mt_sample_derive(&p->raw);
    }
    mt_snapshot_seal(s);
}

static void assert_same(const mt_snapshot *a, const mt_snapshot *b)
{
    ck_assert(a->time == b->time);
    ck_assert_int_eq(memcmp(&a->sys, &b->sys, offsetof(mt_system, kthreads) + sizeof a->sys.kthreads), 0);
    ck_assert_uint_eq(a->nprocs, b->nprocs);
    for (size_t i = 0; i < a->nprocs; i++) {
        const mt_proc *p = &a->procs[i], *q = &b->procs[i];
        ck_assert_int_eq(p->raw.pid, q->raw.pid);
        ck_assert_int_eq(p->raw.ppid, q->raw.ppid);
        ck_assert_uint_eq(p->raw.uid, q->raw.uid);
        ck_assert_int_eq(p->raw.state, q->raw.state);
        ck_assert_int_eq(p->raw.kthread, q->raw.kthread);
        ck_assert_int_eq(p->raw.cmdline_cut, q->raw.cmdline_cut);
        ck_assert_int_eq(p->raw.threads, q->raw.threads);
        ck_assert_uint_eq(p->raw.start_ticks, q->raw.start_ticks);
        ck_assert(p->raw.start == q->raw.start);
        ck_assert_str_eq(p->raw.user, q->raw.user);
        ck_assert_str_eq(p->raw.comm, q->raw.comm);
        ck_assert_str_eq(p->raw.cmdline, q->raw.cmdline);
        ck_assert_uint_eq(p->raw.virt, q->raw.virt);
        ck_assert_uint_eq(p->raw.res, q->raw.res);
        ck_assert_uint_eq(p->raw.shr, q->raw.shr);
        ck_assert_uint_eq(p->raw.anon, q->raw.anon);
        ck_assert_uint_eq(p->raw.file, q->raw.file);
        ck_assert_uint_eq(p->raw.shmem, q->raw.shmem);
        ck_assert_uint_eq(p->raw.swap, q->raw.swap);
        ck_assert_uint_eq(p->raw.heap, q->raw.heap);
        ck_assert_int_eq(p->raw.oom_score, q->raw.oom_score);
        ck_assert_int_eq(p->raw.oom_adj, q->raw.oom_adj);
        ck_assert(isnan(q->notes.growth) && !q->notes.leak);
    }
}

/* Records frames [0, n) of the synthetic run into path. */
static void record(const char *path, int from, int n)
{
    char err[256], warn[256];
    mt_recorder *r = mt_recorder_open(path, "db-7", err, sizeof err, warn, sizeof warn);
    ck_assert_msg(r != NULL, "%s", err);
    mt_snapshot s;
    mt_snapshot_init(&s);
    for (int i = from; i < from + n; i++) {
        make_frame(&s, i, 10);
        ck_assert_int_eq(mt_recorder_write(r, &s), 0);
    }
    ck_assert_int_eq(mt_recorder_close(r), 0);
    mt_snapshot_free(&s);
}

/* Reads the next n frames of r, which must be frames [0, n) of the
 * synthetic run, into got (want is scratch). */
static void replays_frames(mt_replay *r, int n, mt_snapshot *got, mt_snapshot *want)
{
    for (int i = 0; i < n; i++) {
        ck_assert_int_eq(mt_replay_next(r, got), 1);
        make_frame(want, i, 10);
        assert_same(want, got);
    }
}

START_TEST(round_trip)
{
    make_dir();
    record(path_in("a.rec"), 0, 130);
    char err[256];
    mt_replay *r = mt_replay_open(path_in("a.rec"), err, sizeof err);
    ck_assert_msg(r != NULL, "%s", err);
    ck_assert_uint_eq(mt_replay_count(r), 130);
    ck_assert(!mt_replay_torn(r, NULL));
    ck_assert_str_eq(mt_replay_header(r)->hostname, "db-7");
    mt_snapshot got, want;
    mt_snapshot_init(&got);
    mt_snapshot_init(&want);
    replays_frames(r, 130, &got, &want);
    ck_assert_int_eq(mt_replay_next(r, &got), 0);
    mt_replay_close(r);
    mt_snapshot_free(&got);
    mt_snapshot_free(&want);
    remove_dir();
}
END_TEST

START_TEST(seek_both_ways)
{
    make_dir();
    record(path_in("a.rec"), 0, 130);
    char err[256];
    mt_replay *r = mt_replay_open(path_in("a.rec"), err, sizeof err);
    ck_assert_ptr_nonnull(r);
    mt_snapshot got, want;
    mt_snapshot_init(&got);
    mt_snapshot_init(&want);
    /* Frame 75 is a delta 15 frames after keyframe 60. */
    ck_assert_int_eq(mt_replay_seek(r, 75), 0);
    ck_assert_int_eq(mt_replay_next(r, &got), 1);
    make_frame(&want, 75, 10);
    assert_same(&want, &got);
    for (int i = 74; i >= 55; i--) {
        ck_assert_int_eq(mt_replay_prev(r, &got), 1);
        make_frame(&want, i, 10);
        assert_same(&want, &got);
        ck_assert_uint_eq(mt_replay_position(r), (size_t)i + 1);
    }
    ck_assert_int_eq(mt_replay_next(r, &got), 1);
    make_frame(&want, 56, 10);
    assert_same(&want, &got);
    ck_assert_int_eq(mt_replay_seek(r, 1), 0);
    ck_assert_int_eq(mt_replay_next(r, &got), 1);
    ck_assert_int_eq(mt_replay_prev(r, &got), 1);
    make_frame(&want, 0, 10);
    assert_same(&want, &got);
    ck_assert_int_eq(mt_replay_prev(r, &got), 0);    /* nothing before frame 0 */
    ck_assert_int_eq(mt_replay_seek(r, 131), -1);
    ck_assert_int_eq(mt_replay_seek(r, 130), 0);
    ck_assert_int_eq(mt_replay_next(r, &got), 0);
    mt_replay_close(r);
    mt_snapshot_free(&got);
    mt_snapshot_free(&want);
    remove_dir();
}
END_TEST

static long file_size(const char *path)
{
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    return (long)st.st_size;
}

START_TEST(append_and_torn_tail)
{
    make_dir();
    const char *p = path_in("a.rec");
    record(p, 0, 10);
    long intact = file_size(p);
    record(p, 10, 10);                          /* a second session appends */
    long full = file_size(p);
    char err[256], warn[256];
    mt_replay *r = mt_replay_open(p, err, sizeof err);
    ck_assert_ptr_nonnull(r);
    ck_assert_uint_eq(mt_replay_count(r), 20);
    mt_snapshot got, want;
    mt_snapshot_init(&got);
    mt_snapshot_init(&want);
    replays_frames(r, 20, &got, &want);
    mt_replay_close(r);

    /* Every cut inside the last frame: torn, the other 19 intact. */
    char *buf = malloc((size_t)full);
    int fd = open(p, O_RDONLY);
    ck_assert_int_eq(read(fd, buf, (size_t)full), full);
    close(fd);
    size_t last = 0;
    r = mt_replay_open_buffer((uint8_t *)buf, (size_t)full, err, sizeof err);
    ck_assert_ptr_nonnull(r);
    ck_assert_int_eq(mt_replay_seek(r, 19), 0);
    mt_replay_close(r);
    for (long cut = full - 1; cut > intact; cut--) {
        r = mt_replay_open_buffer((uint8_t *)buf, (size_t)cut, err, sizeof err);
        ck_assert_msg(r != NULL, "cut at %ld: %s", cut, err);
        size_t at;
        if (mt_replay_torn(r, &at)) {
            ck_assert_int_lt(at, cut);
            if (mt_replay_count(r) == 19)
                last = at;
        } else {
            ck_assert_uint_ge(mt_replay_count(r), 10);  /* cut between frames */
        }
        mt_replay_close(r);
    }
    ck_assert_uint_gt(last, 0);

    /* A recorder reopening a torn file cuts the torn frame and goes on. */
    ck_assert_int_eq(truncate(p, (off_t)last + 5), 0);
    mt_recorder *w = mt_recorder_open(p, NULL, err, sizeof err, warn, sizeof warn);
    ck_assert_ptr_nonnull(w);
    ck_assert_msg(strstr(warn, "torn frame at byte") != NULL, "warn: %s", warn);
    ck_assert_int_eq(file_size(p), (long)last);
    make_frame(&want, 19, 10);
    ck_assert_int_eq(mt_recorder_write(w, &want), 0);
    ck_assert_int_eq(mt_recorder_close(w), 0);
    r = mt_replay_open(p, err, sizeof err);
    ck_assert_ptr_nonnull(r);
    ck_assert_uint_eq(mt_replay_count(r), 20);
    ck_assert(!mt_replay_torn(r, NULL));
    ck_assert_int_eq(mt_replay_seek(r, 19), 0);
    ck_assert_int_eq(mt_replay_next(r, &got), 1);
    assert_same(&want, &got);
    mt_replay_close(r);
    free(buf);
    mt_snapshot_free(&got);
    mt_snapshot_free(&want);
    remove_dir();
}
END_TEST

START_TEST(corruption_named_by_offset)
{
    make_dir();
    const char *p = path_in("a.rec");
    record(p, 0, 5);
    long size = file_size(p);
    uint8_t *buf = malloc((size_t)size);
    int fd = open(p, O_RDONLY);
    ck_assert_int_eq(read(fd, buf, (size_t)size), size);
    close(fd);
    char err[256];
    mt_replay *r = mt_replay_open_buffer(buf, (size_t)size, err, sizeof err);
    ck_assert_ptr_nonnull(r);
    size_t hdr = mt_replay_header(r)->size;
    mt_replay_close(r);
    /* Flip each byte in turn: never accepted silently as different data. */
    mt_snapshot got;
    mt_snapshot_init(&got);
    for (long i = 0; i < size; i++) {
        buf[i] ^= 0x41;
        r = mt_replay_open_buffer(buf, (size_t)size, err, sizeof err);
        if (i < (long)hdr) {
            ck_assert_msg(r == NULL, "header byte %ld flipped: accepted", i);
        } else if (r) {
            /* Only a size field turned into a torn tail can open. */
            ck_assert(mt_replay_torn(r, NULL));
            mt_replay_close(r);
        } else {
            ck_assert_msg(strstr(err, "corrupt frame at byte ") != NULL, "%s", err);
            size_t at = strtoul(strstr(err, "byte ") + 5, NULL, 10);
            ck_assert_int_le(at, i);
            ck_assert_int_gt(at + MT_REC_MAX_FRAME, i);
        }
        buf[i] ^= 0x41;
    }
    ck_assert(memcmp(buf, "MEMTOPR", 8) == 0);
    mt_snapshot_free(&got);
    free(buf);
    remove_dir();
}
END_TEST

/* A frame whose CRC is right but whose payload is nonsense. */
static size_t forge_frame(uint8_t *out, const uint8_t *raw, size_t rawlen, bool key)
{
    uLongf z = compressBound(rawlen);
    ck_assert_int_eq(compress(out + 12, &z, raw, rawlen), Z_OK);
    uint32_t sf = (uint32_t)z | (key ? 0x80000000u : 0);
    for (int i = 0; i < 4; i++) {
        out[i] = (uint8_t)(sf >> (8 * i));
        out[4 + i] = (uint8_t)(rawlen >> (8 * i));
    }
    uint32_t c = (uint32_t)crc32(crc32(0, out, 8), out + 12, (uInt)z);
    for (int i = 0; i < 4; i++)
        out[8 + i] = (uint8_t)(c >> (8 * i));
    return 12 + z;
}

START_TEST(garbage_with_good_checksums)
{
    make_dir();
    const char *p = path_in("a.rec");
    record(p, 0, 0);                        /* just the header */
    long hsize = file_size(p);
    uint8_t *buf = malloc(1 << 20);
    int fd = open(p, O_RDONLY);
    ck_assert_int_eq(read(fd, buf, (size_t)hsize), hsize);
    close(fd);
    /* And a real payload to mutate, so the decoder gets deep. */
    mt_rec_codec *enc = mt_rec_codec_new();
    mt_snapshot s;
    mt_snapshot_init(&s);
    make_frame(&s, 0, 10);
    uint8_t *raw = NULL;
    size_t cap = 0, rawlen = mt_rec_encode(enc, &s, true, &raw, &cap);
    srand(7);
    char err[256];
    int decoded = 0;
    for (int round = 0; round < 3000; round++) {
        uint8_t *copy = malloc(rawlen);
        memcpy(copy, raw, rawlen);
        int flips = 1 + rand() % 4;
        for (int k = 0; k < flips; k++)
            copy[(size_t)rand() % rawlen] = (uint8_t)rand();
        size_t len = round % 2 ? rawlen : (size_t)rand() % rawlen + 1;
        size_t n = (size_t)hsize + forge_frame(buf + hsize, copy, len, round % 5 != 0);
        mt_replay *r = mt_replay_open_buffer(buf, n, err, sizeof err);
        if (r) {
            int got = mt_replay_next(r, &s);
            ck_assert(got == 1 || got == -1);
            if (got < 0) {
                char want[64];
                snprintf(want, sizeof want, "corrupt frame at byte %ld", hsize);
                ck_assert_str_eq(mt_replay_error(r), want);
            }
            decoded += got == 1;
            mt_replay_close(r);
        }
        free(copy);
    }
    ck_assert_int_lt(decoded, 3000);
    free(raw);
    free(buf);
    mt_rec_codec_free(enc);
    mt_snapshot_free(&s);
    remove_dir();
}
END_TEST

START_TEST(refuses_what_it_should)
{
    make_dir();
    char err[256], warn[256];
    /* Not a recording: neither replayed nor appended to. */
    FILE *f = fopen(path_in("notes.txt"), "w");
    fputs("important notes\n", f);
    fclose(f);
    ck_assert_ptr_null(mt_recorder_open(path_in("notes.txt"), NULL, err, sizeof err, warn,
                                        sizeof warn));
    ck_assert_ptr_nonnull(strstr(err, "not a memtop recording"));
    ck_assert_int_eq(file_size(path_in("notes.txt")), 16);
    ck_assert_ptr_null(mt_replay_open(path_in("notes.txt"), err, sizeof err));
    ck_assert_str_eq(err, "not a memtop recording");
    /* A symbolic link is not followed. */
    char target[128];
    snprintf(target, sizeof target, "%s", path_in("target.rec"));
    ck_assert_int_eq(symlink(target, path_in("link.rec")), 0);
    ck_assert_ptr_null(mt_recorder_open(path_in("link.rec"), NULL, err, sizeof err, warn,
                                        sizeof warn));
    ck_assert_ptr_nonnull(strstr(err, "symbolic link"));
    ck_assert_int_eq(access(path_in("target.rec"), F_OK), -1);
    /* Another version. */
    record(path_in("v.rec"), 0, 1);
    int fd = open(path_in("v.rec"), O_WRONLY);
    ck_assert_int_eq(pwrite(fd, "\x09", 1, 8), 1);
    close(fd);
    ck_assert_ptr_null(mt_replay_open(path_in("v.rec"), err, sizeof err));
    ck_assert_ptr_nonnull(strstr(err, "version 9"));
    remove_dir();
}
END_TEST

/* A version 1 recording (before OOM scores; the replay fuzz corpus holds
 * one after its mode byte) still replays, with the scores unavailable,
 * and is not appended to. */
START_TEST(version_1_replays)
{
    make_dir();
    const char *data = getenv("TESTDATA");
    char src[4096], err[256], warn[256];
    snprintf(src, sizeof src, "%s/fuzz/replay/small-s1.rec", data ? data : "tests/data");
    FILE *in = fopen(src, "rb"), *out = fopen(path_in("v1.rec"), "wb");
    ck_assert_ptr_nonnull(in);
    ck_assert_ptr_nonnull(out);
    ck_assert_int_eq(fgetc(in), 0);     /* the fuzzer's mode byte */
    int ch;
    while ((ch = fgetc(in)) != EOF)
        fputc(ch, out);
    fclose(in);
    fclose(out);
    mt_replay *r = mt_replay_open(path_in("v1.rec"), err, sizeof err);
    ck_assert_msg(r != NULL, "%s", err);
    ck_assert_uint_eq(mt_replay_header(r)->version, 1);
    mt_snapshot s;
    mt_snapshot_init(&s);
    size_t frames = 0;
    while (mt_replay_next(r, &s) == 1) {
        frames++;
        ck_assert_uint_gt(s.nprocs, 0);
        for (size_t i = 0; i < s.nprocs; i++) {
            ck_assert_int_eq(s.procs[i].raw.oom_score, MT_NA_INT);
            ck_assert_int_eq(s.procs[i].raw.oom_adj, MT_NA_INT);
        }
    }
    ck_assert_uint_eq(frames, mt_replay_count(r));
    ck_assert_uint_gt(frames, 1);
    mt_replay_close(r);
    mt_snapshot_free(&s);
    long size = file_size(path_in("v1.rec"));
    ck_assert_ptr_null(mt_recorder_open(path_in("v1.rec"), NULL, err, sizeof err, warn,
                                        sizeof warn));
    ck_assert_ptr_nonnull(strstr(err, "recording version 1"));
    ck_assert_int_eq(file_size(path_in("v1.rec")), size);
    remove_dir();
}
END_TEST

/* A steady system costs far less than 16 bytes a process a snapshot. */
START_TEST(steady_is_compact)
{
    make_dir();
    char err[256], warn[256];
    mt_recorder *r = mt_recorder_open(path_in("s.rec"), "h", err, sizeof err, warn,
                                      sizeof warn);
    ck_assert_ptr_nonnull(r);
    mt_snapshot s;
    mt_snapshot_init(&s);
    const int n = 1000, frames = 120;
    for (int i = 0; i < frames; i++) {
        mt_snapshot_clear(&s);
        s.time = 1764120000 + 2.0 * i;
        for (int k = 0; k < n; k++) {
            mt_proc *p = mt_snapshot_add(&s);
            p->raw.pid = 300 + k * 7;
            p->raw.state = 'S';
            p->raw.start_ticks = (uint64_t)k * 13;
            p->raw.start = 1764000000 + k * 0.13;
            snprintf(p->raw.user, sizeof p->raw.user, "u%d", k % 20);
            snprintf(p->raw.comm, sizeof p->raw.comm, "worker-%d", k);
            char cmd[64];
            snprintf(cmd, sizeof cmd, "/usr/sbin/worker --id=%d --conf /etc/w.conf", k);
            mt_snapshot_set_cmdline(&s, p, cmd);
            p->raw.virt = (uint64_t)(100 + k) << 20;
            /* one process in ten moves by a page or two */
            p->raw.res = ((uint64_t)(10 + k % 50) << 20) + (k % 10 == 0 ? (uint64_t)(i % 3) * 4096 : 0);
            p->raw.anon = p->raw.res / 2;
            p->raw.file = p->raw.res / 2;
            p->raw.shr = p->raw.file;
            p->raw.shmem = 0;
            p->raw.swap = 0;
            mt_sample_derive(&p->raw);
        }
        mt_snapshot_seal(&s);
        ck_assert_int_eq(mt_recorder_write(r, &s), 0);
    }
    double per = (double)mt_recorder_bytes(r) / ((double)n * frames);
    ck_assert_msg(per <= 16.0, "%.2f bytes per process-snapshot", per);
    if (getenv("MEMTOP_BENCH"))
        fprintf(stderr, "steady synthetic: %.2f bytes per process-snapshot\n", per);
    ck_assert_int_eq(mt_recorder_close(r), 0);
    mt_snapshot_free(&s);
    remove_dir();
}
END_TEST

/* Two records with one PID (a source bug, or a hostile file): they
 * round-trip, and a delta cannot make one earlier process repeat. */
START_TEST(duplicate_pids)
{
    mt_rec_codec *enc = mt_rec_codec_new(), *dec = mt_rec_codec_new();
    mt_snapshot s, got;
    mt_snapshot_init(&s);
    mt_snapshot_init(&got);
    uint8_t *raw = NULL;
    size_t cap = 0;
    for (int i = 0; i < 3; i++) {
        make_frame(&s, i, 4);
        s.procs[1].raw.pid = s.procs[0].raw.pid;
        s.procs[1].raw.start_ticks = s.procs[0].raw.start_ticks;
        size_t n = mt_rec_encode(enc, &s, i == 0, &raw, &cap);
        ck_assert_int_eq(mt_rec_decode(dec, raw, n, i == 0, &got), 0);
        assert_same(&s, &got);
    }
    /* pid 100 continues twice, unchanged: [...][n=2][+100 (2 bytes), 0][+0, 0] */
    make_frame(&s, 0, 1);
    size_t n = mt_rec_encode(enc, &s, true, &raw, &cap);
    ck_assert_int_eq(mt_rec_decode(dec, raw, n, true, &got), 0);
    n = mt_rec_encode(enc, &s, false, &raw, &cap);
    ck_assert_uint_ge(cap, n + 3);
    ck_assert_int_eq(raw[n - 4], 1);        /* one process ... */
    raw[n - 4] = 2;                         /* ... now two */
    raw[n] = 0;                             /* PID delta 0: the same PID */
    raw[n + 1] = 0;                         /* nothing changed */
    ck_assert_int_eq(mt_rec_decode(dec, raw, n + 2, false, &got), -1);
    free(raw);
    mt_snapshot_free(&s);
    mt_snapshot_free(&got);
    mt_rec_codec_free(enc);
    mt_rec_codec_free(dec);
}
END_TEST

/* Recorded fields a writer would print raw are checked on read: a state
 * byte that is not one the kernel writes (ESC, CR, LF, CSI) or a time
 * that is not a time makes the frame corrupt, in full and delta records. */
START_TEST(hostile_fields_refused)
{
    static const char bad_states[] = { '\x1b', '\r', '\n', (char)0x9b, 'q' };
    mt_snapshot s, got;
    mt_snapshot_init(&s);
    mt_snapshot_init(&got);
    uint8_t *raw = NULL;
    size_t cap = 0;
    for (size_t k = 0; k < sizeof bad_states; k++) {
        for (int key = 0; key < 2; key++) {
            mt_rec_codec *enc = mt_rec_codec_new(), *dec = mt_rec_codec_new();
            make_frame(&s, 0, 3);
            size_t n = mt_rec_encode(enc, &s, true, &raw, &cap);
            ck_assert_int_eq(mt_rec_decode(dec, raw, n, true, &got), 0);
            make_frame(&s, 1, 3);
            s.procs[1].raw.state = bad_states[k];
            n = mt_rec_encode(enc, &s, key, &raw, &cap);
            ck_assert_int_eq(mt_rec_decode(dec, raw, n, key, &got), -1);
            mt_rec_codec_free(enc);
            mt_rec_codec_free(dec);
        }
    }
    mt_rec_codec *enc = mt_rec_codec_new(), *dec = mt_rec_codec_new();
    make_frame(&s, 0, 3);
    s.time = NAN;
    size_t n = mt_rec_encode(enc, &s, true, &raw, &cap);
    ck_assert_int_eq(mt_rec_decode(dec, raw, n, true, &got), -1);
    make_frame(&s, 0, 3);
    s.procs[0].raw.start = -INFINITY;
    n = mt_rec_encode(enc, &s, true, &raw, &cap);
    ck_assert_int_eq(mt_rec_decode(dec, raw, n, true, &got), -1);
    /* every state the kernel writes still decodes */
    make_frame(&s, 0, 3);
    for (const char *c = "RSDTtXxZPIKWN"; *c; c++) {
        s.procs[0].raw.state = *c;
        n = mt_rec_encode(enc, &s, true, &raw, &cap);
        ck_assert_int_eq(mt_rec_decode(dec, raw, n, true, &got), 0);
        ck_assert_int_eq(got.procs[0].raw.state, *c);
    }
    free(raw);
    mt_rec_codec_free(enc);
    mt_rec_codec_free(dec);
    mt_snapshot_free(&s);
    mt_snapshot_free(&got);
}
END_TEST

/* A decoded snapshot over the codec's budget is refused as such, with
 * the delta frames that re-copy every command line counted too. */
START_TEST(budget_refuses_amplification)
{
    mt_rec_codec *enc = mt_rec_codec_new(), *dec = mt_rec_codec_new();
    mt_snapshot s, got;
    mt_snapshot_init(&s);
    mt_snapshot_init(&got);
    uint8_t *raw = NULL;
    size_t cap = 0;
    make_frame(&s, 0, 8);       /* process 6 has a cut 4 KiB command line */
    size_t n = mt_rec_encode(enc, &s, true, &raw, &cap);
    ck_assert_int_eq(mt_rec_decode(dec, raw, n, true, &got), 0);
    uint64_t need = got.nprocs * sizeof(mt_proc) + got.strings_len;
    make_frame(&s, 1, 8);
    n = mt_rec_encode(enc, &s, false, &raw, &cap);
    ck_assert_uint_lt(n, 200);  /* a small delta ... */
    mt_rec_codec_set_budget(dec, need / 2);
    /* ... that would re-create more than the budget */
    ck_assert_int_eq(mt_rec_decode(dec, raw, n, false, &got), MT_REC_DECODE_TOO_BIG);
    ck_assert_uint_eq(got.nprocs, 0);
    mt_rec_codec_set_budget(dec, 0);
    n = mt_rec_encode(enc, &s, true, &raw, &cap);
    ck_assert_int_eq(mt_rec_decode(dec, raw, n, true, &got), 0);
    ck_assert_uint_eq(mt_replay_budget(1000), MT_REPLAY_SLACK + 1000 * MT_REPLAY_AMPLIFY);
    free(raw);
    mt_rec_codec_free(enc);
    mt_rec_codec_free(dec);
    mt_snapshot_free(&s);
    mt_snapshot_free(&got);
}
END_TEST

START_TEST(full_disk_reported)
{
    char err[256], warn[256];
    mt_recorder *r = mt_recorder_open("/dev/full", NULL, err, sizeof err, warn, sizeof warn);
    if (!r) {
        ck_assert_ptr_nonnull(strstr(err, "No space"));
        return;
    }
    mt_snapshot s;
    mt_snapshot_init(&s);
    make_frame(&s, 0, 3);
    errno = 0;
    ck_assert_int_eq(mt_recorder_write(r, &s), -1);
    ck_assert_int_eq(errno, ENOSPC);
    mt_recorder_close(r);
    mt_snapshot_free(&s);
}
END_TEST

Suite *record_suite(void)
{
    Suite *s = suite_create("record");
    TCase *tc = tcase_create("format");
    tcase_set_timeout(tc, TEST_TIMEOUT_LIVE);
    tcase_add_test(tc, round_trip);
    tcase_add_test(tc, seek_both_ways);
    tcase_add_test(tc, append_and_torn_tail);
    tcase_add_test(tc, corruption_named_by_offset);
    tcase_add_test(tc, garbage_with_good_checksums);
    tcase_add_test(tc, refuses_what_it_should);
    tcase_add_test(tc, version_1_replays);
    tcase_add_test(tc, steady_is_compact);
    tcase_add_test(tc, duplicate_pids);
    tcase_add_test(tc, full_disk_reported);
    tcase_add_test(tc, hostile_fields_refused);
    tcase_add_test(tc, budget_refuses_amplification);
    suite_add_tcase(s, tc);
    return s;
}
