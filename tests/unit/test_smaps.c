/* test_smaps.c - the smaps parser and classifier against captured
 * fixtures (tests/data/smaps/NAME.smaps) whose expected totals are what
 * pmap -x and pmap -d printed for the same stopped process, and whose
 * classes were checked by hand (NAME.expect); edge cases; mapview on
 * a fake /proc (tests/data/mapview) and on this process. */
#include "config.h"

#include <dirent.h>
#include <stddef.h>
#include <stdint.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "memtop/growsin.h"
#include "memtop/mapview.h"
#include "memtop/sink.h"
#include "suites.h"
#include "../fuzz/smaps_check.h"

static const char *const fixtures[] = { "zoo", "pie", "static", "old" };

static enum mt_region_class class_named(const char *name)
{
    for (int c = 0; c < MT_RC_COUNT; c++)
        if (strcmp(mt_region_class_name((enum mt_region_class)c), name) == 0)
            return (enum mt_region_class)c;
    ck_abort_msg("unknown class %s", name);
    return MT_RC_COUNT;
}

static const mt_region *find_region(const mt_map *m, uint64_t start)
{
    for (size_t i = 0; i < m->n; i++)
        if (m->regions[i].start == start)
            return &m->regions[i];
    return NULL;
}

/* Checks one line of NAME.expect against the parsed map. */
static void check_expect_line(const char *name, const mt_map *m, const char *line)
{
    unsigned long long a, b, c, d, e, f;
    char word[32];
    if (sscanf(line, "pmap_x %llu %llu %llu", &a, &b, &c) == 3) {
        ck_assert_msg(m->total.size >> 10 == a && m->total.rss >> 10 == b &&
                          m->total.dirty >> 10 == c,
                      "%s: total %llu %llu %llu, pmap -x said %llu %llu %llu", name,
                      (unsigned long long)(m->total.size >> 10),
                      (unsigned long long)(m->total.rss >> 10),
                      (unsigned long long)(m->total.dirty >> 10), a, b, c);
    } else if (sscanf(line, "pmap_d %llu %llu %llu", &a, &b, &c) == 3) {
        ck_assert_uint_eq(m->mapped >> 10, a);
        ck_assert_uint_eq(m->writeable_private >> 10, b);
        ck_assert_uint_eq(m->shared >> 10, c);
    } else if (sscanf(line, "class %31s %llu %llu %llu %llu %llu", word, &a, &b, &c, &d,
                      &e) == 6) {
        const mt_region_total *t = &m->classes[class_named(word)];
        ck_assert_msg(t->count == a && t->size >> 10 == b && t->rss >> 10 == c &&
                          t->dirty >> 10 == d && t->swap >> 10 == e,
                      "%s: class %s is %zu %llu %llu %llu %llu", name, word, t->count,
                      (unsigned long long)(t->size >> 10), (unsigned long long)(t->rss >> 10),
                      (unsigned long long)(t->dirty >> 10), (unsigned long long)(t->swap >> 10));
    } else if (sscanf(line, "region %llx %31s", &f, word) == 2) {
        const mt_region *r = find_region(m, f);
        ck_assert_msg(r != NULL, "%s: no region at %llx", name, f);
        ck_assert_msg(r->cls == class_named(word), "%s: region %llx is %s, want %s", name, f,
                      mt_region_class_name(r->cls), word);
    }
}

static char *exe_of(const char *expect)
{
    const char *nl = strchr(expect, '\n');
    ck_assert(strncmp(expect, "exe ", 4) == 0 && nl);
    return strndup(expect + 4, (size_t)(nl - expect - 4));
}

START_TEST(fixture_matches_pmap)
{
    const char *name = fixtures[_i];
    char path[64];
    snprintf(path, sizeof path, "smaps/%s.smaps", name);
    char *text = test_read_fixture(path);
    snprintf(path, sizeof path, "smaps/%s.expect", name);
    char *expect = test_read_fixture(path);
    ck_assert(text && expect);
    char *exe = exe_of(expect);
    mt_map m;
    mt_map_init(&m);
    ck_assert_uint_gt(mt_smaps_parse(&m, text, strlen(text)), 0);
    mt_smaps_classify(&m, exe);
    int lines = 0;
    for (char *save = NULL, *l = strtok_r(expect, "\n", &save); l;
         l = strtok_r(NULL, "\n", &save), lines++)
        check_expect_line(name, &m, l);
    ck_assert_int_gt(lines, 10);
    /* Every mapping is in exactly one class: the classes add up. */
    uint64_t rss = 0, size = 0;
    size_t count = 0;
    for (int c = 0; c < MT_RC_COUNT; c++) {
        rss += m.classes[c].rss;
        size += m.classes[c].size;
        count += m.classes[c].count;
    }
    ck_assert_uint_eq(rss, m.total.rss);
    ck_assert_uint_eq(size, m.total.size);
    ck_assert_uint_eq(count, m.n);
    mt_map_free(&m);
    free(exe);
    free(expect);
    free(text);
}
END_TEST

/* Fed in pieces of every size, the parser gives what it gives whole. */
START_TEST(chunked_equals_whole)
{
    char *text = test_read_fixture("smaps/zoo.smaps");
    size_t len = strlen(text);
    mt_map whole, part;
    mt_map_init(&whole);
    mt_map_init(&part);
    mt_smaps_parse(&whole, text, len);
    static const size_t steps[] = { 1, 7, 100, 4096 };
    for (size_t s = 0; s < sizeof steps / sizeof steps[0]; s++) {
        /* Like mapview: a window that the caller refills. */
        mt_smaps_reset(&part);
        size_t pos = 0, have = 0;
        while (pos < len || have > 0) {
            size_t add = pos + steps[s] <= len ? steps[s] : len - pos;
            have += add;
            pos += add;
            bool eof = pos == len;
            size_t used = mt_smaps_feed(&part, text + pos - have, have, eof);
            have -= used;
            if (eof)
                break;
        }
        mt_smaps_finish(&part);
        ck_assert_uint_eq(part.n, whole.n);
        for (size_t i = 0; i < whole.n; i++) {
            ck_assert_uint_eq(part.regions[i].start, whole.regions[i].start);
            ck_assert_uint_eq(part.regions[i].rss, whole.regions[i].rss);
            ck_assert_uint_eq(part.regions[i].swap_pss, whole.regions[i].swap_pss);
            ck_assert_str_eq(part.regions[i].path, whole.regions[i].path);
        }
    }
    mt_map_free(&whole);
    mt_map_free(&part);
    free(text);
}
END_TEST

START_TEST(header_fields)
{
    const char *text =
        "7fafa5482000-7fafa5492000 rw-s 0001a000 fe:0a 10954947                   "
        "/tmp/zoo/a file with spaces.dat (deleted)\n"
        "Size: 64 kB\nRss:  12 kB\nPss: 6 kB\nShared_Dirty: 8 kB\nPrivate_Dirty: 4 kB\n"
        "Swap: 4 kB\nSwapPss: 2 kB\nLocked: 12 kB\nAnonHugePages: 0 kB\n"
        "Shared_Clean: 0 kB\nPrivate_Clean: 0 kB\nAnonymous: 4 kB\n"
        "VmFlags: rd wr sh mr mw me ms\n"
        "7fafa6c08000-7fafa6c0c000 r--p 00000000 00:00 0 \n";
    mt_map m;
    mt_map_init(&m);
    ck_assert_uint_eq(mt_smaps_parse(&m, text, strlen(text)), 2);
    const mt_region *r = &m.regions[0];
    ck_assert_uint_eq(r->start, 0x7fafa5482000ULL);
    ck_assert_uint_eq(r->end, 0x7fafa5492000ULL);
    ck_assert_str_eq(r->perms, "rw-s");
    ck_assert_uint_eq(r->offset, 0x1a000);
    ck_assert_uint_eq(r->dev_major, 0xfe);
    ck_assert_uint_eq(r->dev_minor, 0x0a);
    ck_assert_uint_eq(r->inode, 10954947);
    ck_assert_str_eq(r->path, "/tmp/zoo/a file with spaces.dat (deleted)");
    ck_assert(r->deleted);
    ck_assert_uint_eq(r->size, 64 * 1024);
    ck_assert_uint_eq(r->rss, 12 * 1024);
    ck_assert_uint_eq(r->pss, 6 * 1024);
    ck_assert_uint_eq(mt_region_dirty(r), 12 * 1024);
    ck_assert_uint_eq(r->swap, 4096);
    ck_assert_uint_eq(r->swap_pss, 2048);
    ck_assert_uint_eq(r->locked, 12 * 1024);
    ck_assert_uint_eq(r->anonymous, 4096);
    ck_assert_str_eq(m.regions[1].path, "");
    ck_assert(!m.regions[1].deleted);
    ck_assert_uint_eq(m.bad_lines, 0);
    mt_map_free(&m);
}
END_TEST

/* A path as long as the kernel can print, and longer. */
START_TEST(very_long_path)
{
    size_t plen = 20000;
    char *text = malloc(plen + 200);
    int n = sprintf(text, "00400000-00401000 r--p 00000000 08:01 5 /");
    memset(text + n, 'x', plen - 1);
    strcpy(text + n + plen - 1, ".so.1\nRss: 4 kB\n");
    mt_map m;
    mt_map_init(&m);
    ck_assert_uint_eq(mt_smaps_parse(&m, text, strlen(text)), 1);
    ck_assert_uint_eq(m.regions[0].path_len, plen + 5);
    ck_assert_uint_eq(strlen(m.regions[0].path), plen + 5);
    ck_assert_uint_eq(m.regions[0].rss, 4096);
    mt_smaps_classify(&m, "/bin/true");
    ck_assert_int_eq(m.regions[0].cls, MT_RC_LIBS);
    mt_map_free(&m);
    free(text);
}
END_TEST

/* Garbage never crashes and never invents mappings; keys before any
 * mapping and odd values are ignored; huge numbers saturate. */
START_TEST(garbage_is_skipped)
{
    const char *text =
        "Rss: 4 kB\n"                                   /* before any header */
        "not a line\n"
        "0123456789abcdef0-1 r--p 0 0:0 0\n"            /* 17 hex digits */
        "1000-2000 r--p\n"                              /* cut short */
        "1000-2000 rw-p 00000000 00:00 0x\n"            /* junk after inode */
        "\n\n"
        "1000-3000 rw-p 00000000 00:00 0\n"
        "Rss: 99999999999999999999999 kB\n"             /* saturates */
        "Pss: kB\n"                                     /* no number */
        "Swap 12 kB\n"                                  /* no colon: not Swap */
        "3000-2000 rw-p 00000000 00:00 0\n";            /* end before start */
    mt_map m;
    mt_map_init(&m);
    ck_assert_uint_eq(mt_smaps_parse(&m, text, strlen(text)), 2);
    ck_assert_uint_eq(m.bad_lines, 4);
    ck_assert_uint_eq(m.regions[0].swap, 0);
    ck_assert_uint_eq(m.regions[0].size, 0x2000);
    ck_assert_uint_eq(m.regions[0].rss, UINT64_MAX);
    ck_assert_uint_eq(m.regions[0].pss, 0);
    ck_assert_uint_eq(m.regions[1].size, 0);
    mt_smaps_classify(&m, NULL);
    ck_assert_int_eq(m.regions[0].cls, MT_RC_ANON);
    mt_map_free(&m);
    ck_assert_uint_eq(mt_smaps_parse(&m, "", 0), 0);
    mt_map_free(&m);
}
END_TEST

/* 100,000 mappings; parsing again into the same map reuses its memory. */
START_TEST(many_mappings)
{
    const size_t n = 100000;
    char *text = malloc(n * 120), *p = text;
    for (size_t i = 0; i < n; i++)
        p += sprintf(p, "%zx-%zx rw-p 00000000 00:00 0 \nRss: 4 kB\nPrivate_Dirty: 4 kB\n",
                     0x10000000 + i * 0x2000, 0x10001000 + i * 0x2000);
    mt_map m;
    mt_map_init(&m);
    ck_assert_uint_eq(mt_smaps_parse(&m, text, (size_t)(p - text)), n);
    mt_smaps_classify(&m, "/bin/x");
    ck_assert_uint_eq(m.total.rss, n * 4096);
    ck_assert_uint_eq(m.classes[MT_RC_ANON].count, n);
    mt_region *regions = m.regions;
    char *arena = m.arena;
    ck_assert_uint_eq(mt_smaps_parse(&m, text, (size_t)(p - text)), n);
    ck_assert_ptr_eq(m.regions, regions);
    ck_assert_ptr_eq(m.arena, arena);
    mt_map_free(&m);
    free(text);
}
END_TEST

START_TEST(lib_names)
{
    static const char *const libs[] = {
        "/usr/lib/x86_64-linux-gnu/libc.so.6", "/lib64/ld-linux-x86-64.so.2",
        "/opt/x/libfoo.so", "/usr/lib/libpython3.11.so.1.0", "/lib/ld-musl-x86_64.so.1",
        "/usr/lib64/libc-2.17.so (deleted)",
    };
    static const char *const others[] = {
        "/usr/bin/sonar", "/data/x.sock", "/a.so.d/file", "/usr/lib/locale/locale-archive",
        "/x/libfoo.sox", "",
    };
    for (size_t i = 0; i < sizeof libs / sizeof libs[0]; i++)
        ck_assert_msg(mt_path_is_lib(libs[i], strlen(libs[i])), "%s", libs[i]);
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
        ck_assert_msg(!mt_path_is_lib(others[i], strlen(others[i])), "%s", others[i]);
}
END_TEST

/* A deleted (upgraded) executable is still the executable. */
START_TEST(deleted_executable)
{
    const char *text =
        "00400000-00401000 r-xp 00000000 08:01 5      /usr/sbin/nginx (deleted)\n"
        "00401000-00402000 rw-p 00001000 08:01 5      /usr/sbin/nginx (deleted)\n"
        "00402000-00403000 rw-p 00000000 00:00 0 \n"
        "00500000-00501000 rw-p 00000000 00:00 0 \n";
    mt_map m;
    mt_map_init(&m);
    mt_smaps_parse(&m, text, strlen(text));
    mt_smaps_classify(&m, "/usr/sbin/nginx (deleted)");
    ck_assert_int_eq(m.regions[0].cls, MT_RC_TEXT);
    ck_assert_int_eq(m.regions[1].cls, MT_RC_DATA);
    ck_assert_int_eq(m.regions[2].cls, MT_RC_BSS);
    ck_assert_int_eq(m.regions[3].cls, MT_RC_ANON);
    mt_smaps_classify(&m, NULL);    /* exe unknown: nothing is text */
    ck_assert_int_eq(m.regions[0].cls, MT_RC_FILE);
    ck_assert_int_eq(m.regions[2].cls, MT_RC_ANON);
    mt_map_free(&m);
}
END_TEST

START_TEST(class_names)
{
    for (int c = 0; c < MT_RC_COUNT; c++) {
        ck_assert_ptr_nonnull(mt_region_class_name((enum mt_region_class)c));
        ck_assert_ptr_nonnull(mt_region_class_help((enum mt_region_class)c));
    }
    ck_assert_ptr_null(mt_region_class_name(MT_RC_COUNT));
}
END_TEST

START_TEST(stat_line)
{
    char comm[64], state;
    unsigned long flags;
    unsigned long long start;
    char *buf = test_read_fixture("mapview/200/stat");
    ck_assert_int_eq(mt_mapview_parse_stat(buf, comm, sizeof comm, &state, &flags, &start), 0);
    ck_assert_str_eq(comm, "zoo) (x");
    ck_assert_int_eq(state, 'S');
    ck_assert_uint_eq(flags, 4194560);
    ck_assert_uint_eq(start, 12345);
    free(buf);
    ck_assert_int_eq(mt_mapview_parse_stat("1 (x) S 1 2", comm, sizeof comm, &state, &flags,
                                           &start), -1);
    ck_assert_int_eq(mt_mapview_parse_stat("garbage", comm, sizeof comm, &state, &flags,
                                           &start), -1);
}
END_TEST

/* A fake /proc in a temporary directory, from tests/data/mapview: the
 * files are copied and 200/exe is made here, as a symlink (a dangling
 * one, like a deleted binary's) does not survive `make dist`. */
static char fake_dir[64];

static void copy_file(const char *from, const char *to)
{
    const char *d = getenv("TESTDATA");
    char path[4096], buf[65536];
    snprintf(path, sizeof path, "%s/%s", d ? d : "tests/data", from);
    FILE *in = fopen(path, "rb"), *out = fopen(to, "wb");
    ck_assert_msg(in && out, "copying %s", path);
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        ck_assert_uint_eq(fwrite(buf, 1, n, out), n);
    fclose(in);
    fclose(out);
}

static const char *fake_proc(void)
{
    static const char *const files[] = {
        "200/stat", "200/cmdline", "200/smaps", "300/stat", "300/smaps", "301/stat", "301/smaps",
    };
    char from[64], to[128];
    strcpy(fake_dir, "/tmp/memtop-fakeproc.XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(fake_dir));
    for (int pid = 200; pid <= 301; pid += pid == 200 ? 100 : 1) {
        snprintf(to, sizeof to, "%s/%d", fake_dir, pid);
        ck_assert_int_eq(mkdir(to, 0700), 0);
    }
    for (size_t i = 0; i < sizeof files / sizeof files[0]; i++) {
        snprintf(from, sizeof from, "mapview/%s", files[i]);
        snprintf(to, sizeof to, "%s/%s", fake_dir, files[i]);
        copy_file(from, to);
    }
    snprintf(to, sizeof to, "%s/200/exe", fake_dir);
    ck_assert_int_eq(symlink("/tmp/mapzoo", to), 0);
    return fake_dir;
}

static void fake_proc_remove(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", fake_dir);
    ck_assert_int_eq(system(cmd), 0);
}

static void expect_error(const char *proc, pid_t pid, int want_errno, const char *want_msg)
{
    char err[256];
    mt_mapview *mv = mt_mapview_new(pid, proc);
    ck_assert_int_eq(mt_mapview_sample(mv, err, sizeof err), -1);
    ck_assert_int_eq(errno, want_errno);
    ck_assert_msg(strstr(err, want_msg) != NULL, "got '%s', want '%s'", err, want_msg);
    mt_mapview_free(mv);
}

START_TEST(mapview_errors)
{
    const char *proc = fake_proc();
    expect_error(proc, 300, ENODATA, "process 300 (defunct) is a zombie: it has no memory map");
    expect_error(proc, 301, ENODATA, "process 301 (kworker/0:1) is a kernel thread");
    expect_error(proc, 999999, ESRCH, "process 999999: no such process");
    fake_proc_remove();
}
END_TEST

/* The fake /proc: the zoo fixture read through mapview and the three
 * writers (escaping of the hostile file name included). */
START_TEST(mapview_writers)
{
    char err[256], *buf = NULL;
    size_t len = 0;
    mt_mapview *mv = mt_mapview_new(200, fake_proc());
    ck_assert_int_eq(mt_mapview_sample(mv, err, sizeof err), 0);
    ck_assert_str_eq(mt_mapview_exe(mv), "/tmp/mapzoo");
    ck_assert_str_eq(mt_mapview_cmdline(mv), "mapzoo /tmp/zoo");
    const mt_map *m = mt_mapview_map(mv);
    ck_assert_uint_eq(m->total.rss >> 10, 12524);
    ck_assert_int_eq(m->total.delta_rss, 0);

    static const struct mt_sink_ops *const ops[] = { &mt_out_text, &mt_out_csv, &mt_out_json };
    static const char *const want[] = {
        "total kB           160796    12524    11108    11080        0        0\n"
        "mapped: 160796K    writeable/private: 23760K    shared: 4096K\n",
        "time,pid,start,end,perms,offset,dev,inode,path,class,size,rss,pss,dirty,swap,"
        "delta_rss,new,",
        "\"path\":\"/tmp/zoo/esc\\u001b]0;owned\\u0007.dat\"",
    };
    static const char *const esc[] = { "/tmp/zoo/esc?]0;owned?.dat", "/tmp/zoo/esc?]0;owned?.dat",
                                       "\"classes\":{\"text\":{\"size\":16384," };
    for (int i = 0; i < 3; i++) {
        FILE *f = open_memstream(&buf, &len);
        mt_sink s;
        mt_sink_init(&s, ops[i], f);
        ck_assert_int_eq(mt_sink_map(&s, mv), 0);
        fclose(f);
        if (!strstr(buf, want[i]))
            fprintf(stderr, "%s output:\n%.3000s\n", ops[i]->name, buf);
        ck_assert_msg(strstr(buf, want[i]) != NULL, "%s: no '%s'", ops[i]->name, want[i]);
        ck_assert_msg(strstr(buf, esc[i]) != NULL, "%s: no '%s'", ops[i]->name, esc[i]);
        ck_assert_ptr_null(strchr(buf, '\x1b'));
        free(buf);
        buf = NULL;
    }
    mt_mapview_free(mv);
    fake_proc_remove();
}
END_TEST

/* This process: its own map, then 8 MiB more anonymous memory shows
 * as Δ RSS of a new anon mapping and of the anon class. */
START_TEST(mapview_self)
{
    char err[256];
    mt_mapview *mv = mt_mapview_new(getpid(), NULL);
    ck_assert_msg(mt_mapview_sample(mv, err, sizeof err) == 0, "%s", err);
    const mt_map *m = mt_mapview_map(mv);
    ck_assert_uint_gt(m->classes[MT_RC_TEXT].count, 0);
    ck_assert_uint_gt(m->classes[MT_RC_STACK].count, 0);
    ck_assert_uint_gt(m->classes[MT_RC_LIBS].count, 0);
    size_t len = 8 << 20;
    char *p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ck_assert(p != MAP_FAILED);
    memset(p, 1, len);
    ck_assert_msg(mt_mapview_sample(mv, err, sizeof err) == 0, "%s", err);
    m = mt_mapview_map(mv);
    ck_assert_int_ge(m->classes[MT_RC_ANON].delta_rss, (int64_t)len);
    const mt_region *r = NULL;
    for (size_t i = 0; i < m->n; i++)
        if (m->regions[i].start <= (uintptr_t)p && (uintptr_t)p < m->regions[i].end)
            r = &m->regions[i];
    ck_assert_ptr_nonnull(r);
    ck_assert_int_ge(r->delta_rss, (int64_t)len);
    mt_mapview_set_baseline(mv);
    ck_assert_int_eq(mt_mapview_map(mv)->total.delta_rss, 0);
    munmap(p, len);
    mt_mapview_free(mv);
}
END_TEST

/* Every input in the fuzz corpus (seeds, and inputs that once broke
 * the parser) still satisfies the harness's invariants. */
START_TEST(fuzz_corpus_replay)
{
    const char *d = getenv("TESTDATA");
    char dir[4096], path[8192];
    snprintf(dir, sizeof dir, "%s/fuzz/smaps", d ? d : "tests/data");
    DIR *dp = opendir(dir);
    ck_assert_msg(dp != NULL, "cannot open %s", dir);
    mt_map m, part;
    mt_map_init(&m);
    mt_map_init(&part);
    int files = 0;
    for (struct dirent *e; (e = readdir(dp));) {
        if (e->d_name[0] == '.')
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
        FILE *f = fopen(path, "rb");
        ck_assert_ptr_nonnull(f);
        static uint8_t buf[1 << 20];
        size_t n = fread(buf, 1, sizeof buf, f);
        fclose(f);
        const char *why = smaps_check(&m, &part, buf, n);
        ck_assert_msg(why == NULL, "%s: %s", e->d_name, why);
        files++;
    }
    closedir(dp);
    ck_assert_int_ge(files, 4);
    mt_map_free(&m);
    mt_map_free(&part);
}
END_TEST


/* ---- mapping identity (SPEC §1) -------------------------------------
 * Synthetic smaps sequences: each step is a list of mappings, parsed and
 * classified like a real sample, then compared with the baseline. */

#define PROG "/usr/bin/prog"
#define MB (1024 * 1024ULL)
#define A0 0x7f0000000000ULL

typedef struct syn {
    uint64_t start, end;
    const char *perms;
    uint64_t inode;
    const char *path;
    uint64_t rss;       /* bytes, a multiple of 1 KiB */
} syn;

static void syn_parse(mt_map *m, const syn *v, size_t n)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    for (size_t i = 0; i < n; i++)
        fprintf(f,
                "%llx-%llx %s 00000000 %s %llu %s\nSize: %llu kB\nRss: %llu kB\n"
                "Pss: %llu kB\nPrivate_Dirty: %llu kB\nVmFlags: rd wr mr mw me ac\n",
                (unsigned long long)v[i].start, (unsigned long long)v[i].end, v[i].perms,
                v[i].inode ? "08:01" : "00:00", (unsigned long long)v[i].inode,
                v[i].path ? v[i].path : "", (unsigned long long)((v[i].end - v[i].start) >> 10),
                (unsigned long long)(v[i].rss >> 10), (unsigned long long)(v[i].rss >> 10),
                (unsigned long long)(v[i].rss >> 10));
    fclose(f);
    ck_assert_uint_eq(mt_smaps_parse(m, text, len), n);
    mt_smaps_classify(m, PROG);
    free(text);
}

/* The invariant: regions add up to their class, classes to the total,
 * and each is the RSS now minus the RSS at the baseline. */
static void check_invariant(const mt_map *m, const mt_map_base *b)
{
    int64_t sum[MT_RC_COUNT] = { 0 }, all = 0;
    for (size_t i = 0; i < m->n; i++)
        sum[m->regions[i].cls] += m->regions[i].delta_rss;
    for (int c = 0; c < MT_RC_COUNT; c++) {
        int64_t want = (int64_t)m->classes[c].rss - (int64_t)b->class_rss[c];
        ck_assert_msg(sum[c] == want && m->classes[c].delta_rss == want,
                      "class %s: regions add up to %lld, class says %lld, RSS moved %lld",
                      mt_region_class_name((enum mt_region_class)c), (long long)sum[c],
                      (long long)m->classes[c].delta_rss, (long long)want);
        all += want;
    }
    ck_assert_int_eq(all, (int64_t)m->total.rss - (int64_t)b->total_rss);
    ck_assert_int_eq(m->total.delta_rss, all);
}


/* A shared mapping of a regular file is file cache; shared memory is
 * what has no regular file behind it. */
START_TEST(shared_file_is_file)
{
    mt_map m;
    mt_map_init(&m);
    syn v[] = { { A0, A0 + MB, "r--s", 31, "/usr/lib/x86_64-linux-gnu/gconv/gconv-modules.cache", 0 },
                { A0 + MB, A0 + 2 * MB, "rw-s", 32, "/var/db/log (deleted)", 0 },
                { A0 + 2 * MB, A0 + 3 * MB, "rw-s", 33, "/dev/zero (deleted)", 0 },
                { A0 + 3 * MB, A0 + 4 * MB, "rw-s", 34, "anon_inode:dmabuf", 0 },
                { A0 + 4 * MB, A0 + 5 * MB, "r--p", 35, "/dev/shm/ring", 0 },
                { A0 + 5 * MB, A0 + 6 * MB, "rw-s", 36, "/memfd:pool (deleted)", 0 } };
    static const enum mt_region_class want[] = { MT_RC_FILE, MT_RC_FILE, MT_RC_SHM,
                                                  MT_RC_SHM,  MT_RC_SHM,  MT_RC_SHM };
    syn_parse(&m, v, 6);
    for (size_t i = 0; i < 6; i++)
        ck_assert_msg(m.regions[i].cls == want[i], "%s %s is %s", v[i].perms, v[i].path,
                      mt_region_class_name(m.regions[i].cls));
    mt_map_free(&m);
}
END_TEST

/* Sets the baseline to `from`, samples `to`, checks the invariant. */
static void syn_step(mt_map *m, mt_map_base *b, const syn *from, size_t nf, const syn *to,
                     size_t nt)
{
    syn_parse(m, from, nf);
    mt_map_base_set(b, m);
    mt_map_delta(m, b);
    check_invariant(m, b);
    ck_assert_int_eq(m->total.delta_rss, 0);
    syn_parse(m, to, nt);
    mt_map_delta(m, b);
    check_invariant(m, b);
}

static const mt_region *region_at(const mt_map *m, uint64_t start, bool gone)
{
    for (size_t i = 0; i < m->n; i++)
        if (m->regions[i].start == start && m->regions[i].gone == gone)
            return &m->regions[i];
    ck_abort_msg("no %sregion at %llx", gone ? "gone " : "", (unsigned long long)start);
    return NULL;
}

/* An anonymous region growing down a page at a time (as mmap'd blocks
 * merge into the VMA above them, or as the stack grows): its start
 * moves every sample, it is one mapping whose Δ is the growth. */
START_TEST(identity_grows_down)
{
    mt_map m;
    mt_map_base b;
    mt_map_init(&m);
    mt_map_base_init(&b);
    syn v[] = { { 0x400000, 0x401000, "r-xp", 7, PROG, 4096 },
                { A0, A0 + MB, "rw-p", 0, NULL, MB },
                { A0 + 64 * MB, A0 + 65 * MB, "rw-p", 0, "[stack]", 8192 } };
    syn_parse(&m, v, 3);
    mt_map_base_set(&b, &m);
    for (int k = 1; k <= 200; k++) {
        syn w[3];
        memcpy(w, v, sizeof w);
        w[1].start -= (uint64_t)k * 4096;
        w[1].rss += (uint64_t)k * 4096;
        w[2].start -= (uint64_t)k * 4096;
        w[2].rss += (uint64_t)k * 4096;
        syn_parse(&m, w, 3);
        mt_map_delta(&m, &b);
        check_invariant(&m, &b);
        ck_assert_uint_eq(m.n, 3);
        ck_assert_uint_eq(m.ngone, 0);
        const mt_region *r = region_at(&m, w[1].start, false);
        ck_assert(!r->is_new);
        ck_assert_int_eq(r->delta_rss, k * 4096);
        ck_assert_int_eq(m.classes[MT_RC_ANON].delta_rss, k * 4096);
        r = region_at(&m, w[2].start, false);
        ck_assert_int_eq(r->cls, MT_RC_STACK);
        ck_assert_int_eq(r->delta_rss, k * 4096);
    }
    mt_map_free(&m);
    mt_map_base_free(&b);
}
END_TEST

/* Two adjacent mmaps merging: one mapping continues both. */
START_TEST(identity_merge)
{
    mt_map m;
    mt_map_base b;
    mt_map_init(&m);
    mt_map_base_init(&b);
    syn from[] = { { A0, A0 + MB, "rw-p", 0, NULL, MB },
                   { A0 + MB, A0 + 2 * MB, "rw-p", 0, NULL, MB / 2 } };
    syn to[] = { { A0 - MB, A0 + 2 * MB, "rw-p", 0, NULL, 2 * MB + 512 * 1024 } };
    syn_step(&m, &b, from, 2, to, 1);
    const mt_region *r = region_at(&m, A0 - MB, false);
    ck_assert(!r->is_new);
    ck_assert_int_eq(r->delta_rss, MB);
    ck_assert_uint_eq(m.ngone, 0);
    mt_map_free(&m);
    mt_map_base_free(&b);
}
END_TEST

/* mprotect in the middle splits a mapping in three: each piece gets the
 * share of the baseline RSS its range covers, the shares add up. */
START_TEST(identity_split_in_three)
{
    mt_map m;
    mt_map_base b;
    mt_map_init(&m);
    mt_map_base_init(&b);
    syn from[] = { { A0, A0 + 3 * MB, "rw-p", 0, NULL, 3 * MB - 3 * 1024 } };
    syn to[] = { { A0, A0 + MB, "rw-p", 0, NULL, MB - 1024 },
                 { A0 + MB, A0 + 2 * MB, "r--p", 0, NULL, MB - 1024 },
                 { A0 + 2 * MB, A0 + 3 * MB, "rw-p", 0, NULL, MB + 100 * 1024 } };
    syn_step(&m, &b, from, 1, to, 3);
    ck_assert_int_eq(region_at(&m, A0, false)->delta_rss, 0);
    ck_assert_int_eq(region_at(&m, A0 + MB, false)->delta_rss, 0);
    ck_assert_int_eq(region_at(&m, A0 + 2 * MB, false)->delta_rss, 101 * 1024);
    ck_assert(!region_at(&m, A0 + MB, false)->is_new);
    ck_assert_uint_eq(m.ngone, 0);
    /* An RSS that does not divide evenly: still exact in sum. */
    syn odd[] = { { A0, A0 + 3 * MB, "rw-p", 0, NULL, 1000 * 1024 } };
    syn_step(&m, &b, odd, 1, to, 3);
    ck_assert_uint_eq(m.ngone, 0);
    mt_map_free(&m);
    mt_map_base_free(&b);
}
END_TEST

/* munmap in the middle: the two ends continue with their share, the
 * hole is a gone region holding the rest. */
START_TEST(identity_munmap_middle)
{
    mt_map m;
    mt_map_base b;
    mt_map_init(&m);
    mt_map_base_init(&b);
    syn from[] = { { A0, A0 + 3 * MB, "rw-p", 0, NULL, 3 * MB } };
    syn to[] = { { A0, A0 + MB, "rw-p", 0, NULL, MB },
                 { A0 + 2 * MB, A0 + 3 * MB, "rw-p", 0, NULL, MB } };
    syn_step(&m, &b, from, 1, to, 2);
    ck_assert_int_eq(region_at(&m, A0, false)->delta_rss, 0);
    ck_assert_int_eq(region_at(&m, A0 + 2 * MB, false)->delta_rss, 0);
    ck_assert_uint_eq(m.ngone, 1);
    const mt_region *g = region_at(&m, A0, true);
    ck_assert_int_eq(g->delta_rss, -(int64_t)MB);
    ck_assert_uint_eq(g->rss, 0);
    ck_assert_uint_eq(g->size, 0);
    ck_assert_int_eq(g->cls, MT_RC_ANON);
    ck_assert_uint_eq(m.classes[MT_RC_ANON].count, 2);
    mt_map_free(&m);
    mt_map_base_free(&b);
}
END_TEST

/* Unmapped, and another file mapped at the same address: not a
 * continuation.  The new one counts whole, the old one is gone. */
START_TEST(identity_remapped_other_inode)
{
    mt_map m;
    mt_map_base b;
    mt_map_init(&m);
    mt_map_base_init(&b);
    syn from[] = { { A0, A0 + MB, "r--p", 11, "/var/db/a", 600 * 1024 } };
    syn to[] = { { A0, A0 + MB, "r--p", 12, "/var/db/b", 200 * 1024 } };
    syn_step(&m, &b, from, 1, to, 1);
    const mt_region *r = region_at(&m, A0, false);
    ck_assert(r->is_new);
    ck_assert_int_eq(r->delta_rss, 200 * 1024);
    const mt_region *g = region_at(&m, A0, true);
    ck_assert_str_eq(g->path, "/var/db/a");
    ck_assert_int_eq(g->delta_rss, -600 * 1024);
    ck_assert_int_eq(m.classes[MT_RC_FILE].delta_rss, -400 * 1024);
    /* Anonymous memory where a file was: not a continuation either. */
    syn anon[] = { { A0, A0 + MB, "rw-p", 0, NULL, 300 * 1024 } };
    syn_step(&m, &b, from, 1, anon, 1);
    ck_assert(region_at(&m, A0, false)->is_new);
    ck_assert_int_eq(region_at(&m, A0, true)->delta_rss, -600 * 1024);
    mt_map_free(&m);
    mt_map_base_free(&b);
}
END_TEST

/* A new baseline (`b`) after changes: Δ starts from 0 again, and the
 * gone regions of the old baseline are not carried into the new one. */
START_TEST(identity_rebase)
{
    mt_map m;
    mt_map_base b;
    mt_map_init(&m);
    mt_map_base_init(&b);
    syn from[] = { { A0, A0 + 3 * MB, "rw-p", 0, NULL, 3 * MB } };
    syn to[] = { { A0, A0 + MB, "rw-p", 0, NULL, MB } };
    syn_step(&m, &b, from, 1, to, 1);
    ck_assert_uint_eq(m.ngone, 1);
    mt_map_base_set(&b, &m);
    ck_assert_uint_eq(b.n, 1);
    mt_map_delta(&m, &b);
    check_invariant(&m, &b);
    ck_assert_uint_eq(m.ngone, 0);
    ck_assert_uint_eq(m.n, 1);
    ck_assert_int_eq(m.total.delta_rss, 0);
    mt_map_free(&m);
    mt_map_base_free(&b);
}
END_TEST

/* ---- property: random sequences of mmap, munmap, mprotect, growth
 * and remapping; the invariant holds after every step, against a
 * baseline re-marked now and then. */

#define PAGES 512
typedef struct page_model {
    int owner[PAGES];       /* -1: unmapped; else a backing id (0 anon) */
    char perm[PAGES];       /* 'w' or 'r' */
    bool res[PAGES];        /* resident */
} page_model;

static uint32_t rnd(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

/* The model as smaps: maximal runs of pages with the same backing and
 * perms are one mapping (the kernel merges neighbours alike). */
static size_t model_syn(const page_model *pm, syn *out, uint32_t *seed)
{
    static const char *const paths[] = { NULL, "/srv/f1", "/srv/f2", "[heap]", "/dev/shm/s" };
    static const uint64_t inodes[] = { 0, 21, 22, 0, 23 };
    size_t n = 0;
    for (int p = 0; p < PAGES;) {
        if (pm->owner[p] < 0) {
            p++;
            continue;
        }
        int q = p;
        uint64_t rss = 0;
        /* Sometimes the kernel keeps two alike neighbours apart. */
        while (q < PAGES && pm->owner[q] == pm->owner[p] && pm->perm[q] == pm->perm[p] &&
               (q == p || rnd(seed) % 16)) {
            rss += pm->res[q] ? 4096 : 0;
            q++;
        }
        int o = pm->owner[p];
        bool shared = o == 4;
        out[n++] = (syn){ A0 + (uint64_t)p * 4096, A0 + (uint64_t)q * 4096,
                          pm->perm[p] == 'w' ? (shared ? "rw-s" : "rw-p")
                                             : (shared ? "r--s" : "r--p"),
                          inodes[o], paths[o], rss };
        p = q;
    }
    return n;
}

static void model_op(page_model *pm, uint32_t *seed)
{
    int a = (int)(rnd(seed) % PAGES), len = 1 + (int)(rnd(seed) % 64);
    int b = a + len > PAGES ? PAGES : a + len;
    int op = (int)(rnd(seed) % 5), owner = (int)(rnd(seed) % 5);
    for (int p = a; p < b; p++)
        switch (op) {
        case 0: pm->owner[p] = owner; pm->perm[p] = 'w'; pm->res[p] = false; break; /* mmap */
        case 1: pm->owner[p] = -1; break;                                           /* munmap */
        case 2: pm->perm[p] = pm->perm[p] == 'w' ? 'r' : 'w'; break;                /* mprotect */
        case 3: pm->res[p] = true; break;                                           /* touch */
        default: pm->res[p] = rnd(seed) % 2; break;                                 /* reclaim */
        }
}

START_TEST(identity_random_sequences)
{
    mt_map m;
    mt_map_base b;
    mt_map_init(&m);
    mt_map_base_init(&b);
    static syn v[PAGES];
    uint32_t seed = 0x9e3779b9u;
    size_t gone = 0, continued = 0;
    for (int seq = 0; seq < 2000; seq++) {
        page_model pm;
        for (int p = 0; p < PAGES; p++) {
            pm.owner[p] = -1;
            pm.perm[p] = 'w';
            pm.res[p] = false;
        }
        for (int k = 0; k < 4; k++)
            model_op(&pm, &seed);
        size_t n = model_syn(&pm, v, &seed);
        syn_parse(&m, v, n);
        mt_map_base_set(&b, &m);
        for (int step = 0; step < 12; step++) {
            model_op(&pm, &seed);
            n = model_syn(&pm, v, &seed);
            syn_parse(&m, v, n);
            mt_map_delta(&m, &b);
            check_invariant(&m, &b);
            gone += m.ngone;
            for (size_t i = 0; i < m.n; i++)
                continued += !m.regions[i].is_new && !m.regions[i].gone;
            if (rnd(&seed) % 6 == 0) {
                mt_map_base_set(&b, &m);
                mt_map_delta(&m, &b);
                check_invariant(&m, &b);
                ck_assert_int_eq(m.total.delta_rss, 0);
            }
        }
    }
    /* The sequences did split, merge and unmap. */
    ck_assert_uint_gt(gone, 100);
    ck_assert_uint_gt(continued, 10000);
    mt_map_free(&m);
    mt_map_base_free(&b);
}
END_TEST

/* ---- GROWS-IN ------------------------------------------------------ */

/* The class that grew most since the baseline: heap grows down-page
 * by page in anon, a bigger step in [heap] wins; nothing grew: -1. */
START_TEST(growth_class_of_map)
{
    mt_map m;
    mt_map_base b;
    mt_map_init(&m);
    mt_map_base_init(&b);
    syn from[] = { { 0x1000000, 0x1100000, "rw-p", 0, "[heap]", 64 * 1024 },
                   { A0, A0 + MB, "rw-p", 0, NULL, MB } };
    syn_step(&m, &b, from, 2, from, 2);
    ck_assert_int_eq(mt_map_growth_class(&m), -1);
    syn to[] = { { 0x1000000, 0x1300000, "rw-p", 0, "[heap]", 2 * MB },
                 { A0 - MB, A0 + MB, "rw-p", 0, NULL, 2 * MB } };
    syn_step(&m, &b, from, 2, to, 2);
    ck_assert_int_eq(mt_map_growth_class(&m), MT_RC_HEAP);
    to[0].rss = 64 * 1024;
    syn_step(&m, &b, from, 2, to, 2);
    ck_assert_int_eq(mt_map_growth_class(&m), MT_RC_ANON);
    /* Code paged in is not growth: the anon mapping still is. */
    syn code_from[] = { { 0x400000, 0x1400000, "r-xp", 7, PROG, 64 * 1024 },
                        { A0, A0 + MB, "rw-p", 0, NULL, MB } };
    syn code_to[] = { { 0x400000, 0x1400000, "r-xp", 7, PROG, 8 * MB },
                      { A0 - MB, A0 + MB, "rw-p", 0, NULL, MB + 64 * 1024 } };
    syn_step(&m, &b, code_from, 2, code_to, 2);
    ck_assert_int_eq(m.classes[MT_RC_TEXT].delta_rss, 8 * MB - 64 * 1024);
    ck_assert_int_eq(mt_map_growth_class(&m), MT_RC_ANON);
    mt_proc p = { .notes.growth_class = 1 + MT_RC_SHM };
    ck_assert_str_eq(mt_growth_class_name(&p), "shm");
    p.notes.growth_class = 0;
    ck_assert_ptr_null(mt_growth_class_name(&p));
    mt_map_free(&m);
    mt_map_base_free(&b);
}
END_TEST

static mt_proc *add_self(mt_snapshot *s, bool growing, double growth)
{
    mt_proc *p = mt_snapshot_add(s);
    p->raw.pid = getpid();
    p->raw.uid = geteuid();
    p->raw.start_ticks = 1;
    p->notes.growing = growing;
    p->notes.growth = growth;
    return p;
}

/* This process, said to be growing: GROWS-IN reads its smaps (the
 * first read is the baseline), and names anon once 16 MiB of anonymous
 * memory appear.  At most one read per refresh, one process at most
 * every MT_GROWSIN_EVERY refreshes; a steady process is never read. */
START_TEST(growsin_self)
{
    mt_growsin *g = mt_growsin_new(NULL);
    mt_snapshot s;
    mt_snapshot_init(&s);
    unsigned long reads;
    double cpu;
    add_self(&s, false, 0);
    for (int i = 0; i < 5; i++)
        mt_growsin_update(g, &s, NULL);
    mt_growsin_cost(g, &reads, &cpu);
    ck_assert_uint_eq(reads, 0);
    ck_assert_uint_eq(s.procs[0].notes.growth_class, 0);

    mt_snapshot_clear(&s);
    add_self(&s, true, 1e6);
    mt_growsin_update(g, &s, NULL);                   /* the baseline */
    mt_growsin_cost(g, &reads, &cpu);
    ck_assert_uint_eq(reads, 1);
    ck_assert_uint_eq(s.procs[0].notes.growth_class, 0);
    size_t len = 16 << 20;
    char *mem = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ck_assert(mem != MAP_FAILED);
    memset(mem, 1, len);
    int n = 1;
    while (s.procs[0].notes.growth_class == 0 && n < 50) {
        mt_growsin_update(g, &s, NULL);
        n++;
    }
    mt_growsin_cost(g, &reads, &cpu);
    ck_assert_str_eq(mt_growth_class_name(&s.procs[0]), "anon");
    ck_assert_uint_ge((unsigned)n, 1 + MT_GROWSIN_EVERY);
    ck_assert_uint_le(reads, 1 + (unsigned long)(n - 1) / MT_GROWSIN_EVERY);
    ck_assert(cpu > 0);
    /* Stops growing: no longer followed, no longer named. */
    s.procs[0].notes.growing = false;
    mt_growsin_update(g, &s, NULL);
    ck_assert_uint_eq(s.procs[0].notes.growth_class, 0);
    munmap(mem, len);
    mt_snapshot_free(&s);
    mt_growsin_free(g);
}
END_TEST

/* Ten growers: only MT_GROWSIN_TRACKED are followed, and never more
 * than one smaps is read per refresh. */
START_TEST(growsin_budget)
{
    mt_growsin *g = mt_growsin_new(NULL);
    mt_snapshot s;
    mt_snapshot_init(&s);
    for (int i = 0; i < 10; i++)
        add_self(&s, true, 1000.0 * (i + 1))->raw.start_ticks = (uint64_t)i + 1;
    for (int r = 1; r <= 40; r++) {
        mt_growsin_update(g, &s, NULL);
        unsigned long reads;
        double cpu;
        mt_growsin_cost(g, &reads, &cpu);
        ck_assert_uint_le(reads, (unsigned long)r);
    }
    unsigned long reads;
    double cpu;
    mt_growsin_cost(g, &reads, &cpu);
    /* Four followed, each read at most every MT_GROWSIN_EVERY refreshes. */
    ck_assert_uint_le(reads, 4 * (40 / MT_GROWSIN_EVERY + 1));
    ck_assert_uint_ge(reads, 4);
    mt_snapshot_free(&s);
    mt_growsin_free(g);
}
END_TEST

/* A process with more than MT_GROWSIN_MAX_MAPPINGS mappings is read
 * once, then left alone: no class, no more reads. */
START_TEST(growsin_too_many_mappings)
{
    size_t page = (size_t)sysconf(_SC_PAGESIZE), n = MT_GROWSIN_MAX_MAPPINGS + 200;
    char *base = mmap(NULL, n * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    ck_assert(base != MAP_FAILED);
    for (size_t i = 1; i < n; i += 2)
        ck_assert_int_eq(mprotect(base + i * page, page, PROT_READ), 0);
    mt_growsin *g = mt_growsin_new(NULL);
    mt_snapshot s;
    mt_snapshot_init(&s);
    add_self(&s, true, 1e6);
    for (int r = 0; r < 4 * MT_GROWSIN_EVERY; r++) {
        mt_growsin_update(g, &s, NULL);
        for (size_t i = 0; i < n; i += 2)
            base[i * page] = 1;
    }
    unsigned long reads;
    double cpu;
    mt_growsin_cost(g, &reads, &cpu);
    ck_assert_uint_eq(reads, 1);
    ck_assert_uint_eq(s.procs[0].notes.growth_class, 0);
    mt_snapshot_free(&s);
    mt_growsin_free(g);
    munmap(base, n * page);
}
END_TEST

/* The numbers of a region, by offset. */
static const size_t region_nums[] = {
    offsetof(mt_region, size),          offsetof(mt_region, rss),
    offsetof(mt_region, pss),           offsetof(mt_region, shared_clean),
    offsetof(mt_region, shared_dirty),  offsetof(mt_region, private_clean),
    offsetof(mt_region, private_dirty), offsetof(mt_region, anonymous),
    offsetof(mt_region, swap),          offsetof(mt_region, swap_pss),
    offsetof(mt_region, locked),        offsetof(mt_region, anon_huge),
};
#define NNUMS (sizeof region_nums / sizeof region_nums[0])

static uint64_t *region_num(const mt_region *r, size_t f)
{
    return (uint64_t *)((char *)(uintptr_t)r + region_nums[f]);
}

/* xorshift64: the same sequence on every machine. */
static uint64_t next_rand(uint64_t *x)
{
    *x ^= *x << 13;
    *x ^= *x >> 7;
    *x ^= *x << 17;
    return *x;
}

/* Appends s to the growing text t. */
static void text_add(char **t, size_t *len, size_t *cap, const char *s)
{
    size_t n = strlen(s);
    if (*len + n + 1 > *cap) {
        *cap = (*len + n + 1) * 2;
        *t = realloc(*t, *cap);
        ck_assert_ptr_nonnull(*t);
    }
    memcpy(*t + *len, s, n + 1);
    *len += n;
}

/* The kernel's key lines are taken whole, 28 bytes at a time; any line
 * that differs from that shape in the least goes the careful way.  Both
 * must read the same: kernel-shaped maps with one byte of some key
 * lines changed (to a space, a digit, a letter, a newline, a colon) are
 * parsed as they are and with every " kB\n" made "  kB\n" (no line of
 * which takes the fast way, and which says the same), and the two maps
 * must be equal. */
START_TEST(fast_key_lines_equal_careful)
{
    static const char *const keys[] = {
        "Size:", "KernelPageSize:", "MMUPageSize:", "Rss:", "Pss:", "Pss_Dirty:",
        "Shared_Clean:", "Shared_Dirty:", "Private_Clean:", "Private_Dirty:", "Referenced:",
        "Anonymous:", "KSM:", "LazyFree:", "AnonHugePages:", "ShmemPmdMapped:",
        "FilePmdMapped:", "Shared_Hugetlb:", "Private_Hugetlb:", "Swap:", "SwapPss:", "Locked:",
    };
    static const unsigned long long values[] = { 0, 4, 12, 1024, 12345678, 99999999,
                                                 100000000 };
    static const char mutations[] = " 0123456789xR:\n\t-";
    uint64_t seed = 0x9e3779b97f4a7c15ULL;
    char *text = NULL, *ref = NULL;
    size_t len = 0, cap = 0, rlen = 0, rcap = 0;
    for (int i = 0; i < 3000; i++) {
        char line[128];
        snprintf(line, sizeof line, "%x-%x rw-p 00000000 00:00 0 %s\n", 0x10000 + i * 0x2000,
                 0x11000 + i * 0x2000, i % 3 ? "" : "    [anon:x]");
        text_add(&text, &len, &cap, line);
        for (size_t k = 0; k < sizeof keys / sizeof keys[0]; k++) {
            snprintf(line, sizeof line, "%-16s%8llu kB\n", keys[k],
                     values[next_rand(&seed) % (sizeof values / sizeof values[0])]);
            if (next_rand(&seed) % 8 == 0)
                line[next_rand(&seed) % strlen(line)] =
                    mutations[next_rand(&seed) % (sizeof mutations - 1)];
            text_add(&text, &len, &cap, line);
        }
        text_add(&text, &len, &cap, "THPeligible:    0\nVmFlags: rd wr mr mw me ac sd \n");
    }
    for (const char *p = text; *p; p++) {
        char c[2] = { *p, '\0' };
        text_add(&ref, &rlen, &rcap, strncmp(p, " kB\n", 4) == 0 ? "  " : c);
    }
    ck_assert_uint_gt(rlen, len);
    mt_map a, b;
    mt_map_init(&a);
    mt_map_init(&b);
    mt_smaps_parse(&a, text, len);
    mt_smaps_parse(&b, ref, rlen);
    ck_assert_uint_eq(a.n, 3000);
    ck_assert_uint_eq(a.n, b.n);
    ck_assert_uint_eq(a.bad_lines, b.bad_lines);
    ck_assert_uint_gt(a.bad_lines, 0);                  /* some newlines landed */
    size_t nonzero = 0;
    for (size_t i = 0; i < a.n; i++) {
        const mt_region *x = &a.regions[i], *y = &b.regions[i];
        ck_assert_uint_eq(x->start, y->start);
        ck_assert_str_eq(x->path, y->path);
        for (size_t f = 0; f < NNUMS; f++) {
            uint64_t fx = *region_num(x, f), fy = *region_num(y, f);
            ck_assert_msg(fx == fy, "mapping %zu, field %zu: %llu vs %llu", i, f,
                          (unsigned long long)fx, (unsigned long long)fy);
            nonzero += fx != 0;
        }
    }
    ck_assert_uint_gt(nonzero, a.n);
    mt_map_free(&a);
    mt_map_free(&b);
    free(text);
    free(ref);
}
END_TEST

/* The fast row writer against the getters' values written one by one
 * with mt_value_write, in CSV and JSON: numbers at their limits, paths
 * that need escaping, long and empty ones. */
START_TEST(region_rows_match_getters)
{
    static const char *const paths[] = {
        "", "[heap]", "/usr/lib/x86_64-linux-gnu/libc.so.6", "/a,b", "/q\"uote", "/back\\slash",
        "/esc\x1b]0;x\x07.dat", "/utf8/\xc3\xa9t\xc3\xa9",
        "/a/rather/long/path/that/is/longer/than/sixty/four/bytes/in/all/of/it/file.so",
        "/exactly-thirty-two-bytes-long/x", "/tab\there",
    };
    static const uint64_t nums[] = { 0, 1, 9, 10, 4096, 1234567890123ULL, UINT64_MAX };
    uint64_t seed = 12345;
    mt_region regs[200];
    memset(regs, 0, sizeof regs);
    for (size_t i = 0; i < 200; i++) {
        mt_region *r = &regs[i];
        for (size_t f = 0; f < NNUMS; f++)
            *region_num(r, f) = nums[next_rand(&seed) % 7];
        r->start = next_rand(&seed) >> (next_rand(&seed) % 64);
        r->end = nums[next_rand(&seed) % 7];
        r->offset = next_rand(&seed) % 3 ? 0 : next_rand(&seed);
        r->inode = nums[next_rand(&seed) % 7];
        r->dev_major = (unsigned)(next_rand(&seed) % 0x100000);
        r->dev_minor = (unsigned)(next_rand(&seed) % 3);
        memcpy(r->perms, i % 2 ? "rw-p" : "r-xs", 5);
        r->path = paths[i % (sizeof paths / sizeof paths[0])];
        r->path_len = strlen(r->path);
        r->cls = (enum mt_region_class)(next_rand(&seed) % MT_RC_COUNT);
        r->delta_rss = (int64_t)nums[next_rand(&seed) % 7] * (i % 3 ? 1 : -1);
        r->is_new = i % 2;
        r->gone = i % 5 == 0;
    }
    regs[7].delta_rss = INT64_MIN;
    mt_map m = { .regions = regs, .n = 200 };
    for (int fmt = 0; fmt < 2; fmt++) {
        enum mt_format f = fmt ? MT_FMT_JSON : MT_FMT_CSV;
        char *got = NULL, *want = NULL;
        size_t glen = 0, wlen = 0;
        FILE *g = open_memstream(&got, &glen), *w = open_memstream(&want, &wlen);
        ck_assert_int_eq(mt_regions_write(g, &m, f, "T,1,"), 0);
        fputs(f == MT_FMT_JSON ? "[" : "", w);
        for (size_t i = 0; i < m.n; i++) {
            fputs(f == MT_FMT_JSON ? (i ? ",{" : "{") : "T,1,", w);
            for (size_t k = 0; k < mt_region_nfields; k++) {
                char scratch[MT_FIELD_SCRATCH];
                mt_value v;
                mt_region_fields[k].get(&regs[i], &v, scratch);
                if (f == MT_FMT_JSON)
                    fprintf(w, "%s\"%s\":", k ? "," : "", mt_region_fields[k].name);
                else if (k)
                    fputc(',', w);
                ck_assert_int_eq(mt_value_write(w, &v, f), 0);
            }
            fputs(f == MT_FMT_JSON ? "}" : "\r\n", w);
        }
        fputs(f == MT_FMT_JSON ? "]" : "", w);
        fclose(g);
        fclose(w);
        size_t at = 0;
        while (at < glen && at < wlen && got[at] == want[at])
            at++;
        ck_assert_msg(at == glen && at == wlen, "%s differs at byte %zu: '%.40s' vs '%.40s'",
                      fmt ? "JSON" : "CSV", at, got + at, want + at);
        free(got);
        free(want);
    }
}
END_TEST

Suite *smaps_suite(void)
{
    Suite *s = suite_create("smaps");
    TCase *tc = tcase_create("parse");
    tcase_add_loop_test(tc, fixture_matches_pmap, 0, sizeof fixtures / sizeof fixtures[0]);
    tcase_add_test(tc, chunked_equals_whole);
    tcase_add_test(tc, header_fields);
    tcase_add_test(tc, very_long_path);
    tcase_add_test(tc, garbage_is_skipped);
    tcase_add_test(tc, many_mappings);
    tcase_add_test(tc, lib_names);
    tcase_add_test(tc, deleted_executable);
    tcase_add_test(tc, class_names);
    tcase_add_test(tc, fuzz_corpus_replay);
    tcase_add_test(tc, fast_key_lines_equal_careful);
    tcase_add_test(tc, region_rows_match_getters);
    tcase_set_timeout(tc, TEST_TIMEOUT_LIVE);
    suite_add_tcase(s, tc);
    tc = tcase_create("mapview");
    tcase_set_timeout(tc, TEST_TIMEOUT_LIVE);   /* reads live smaps */
    tcase_add_test(tc, stat_line);
    tcase_add_test(tc, mapview_errors);
    tcase_add_test(tc, mapview_writers);
    tcase_add_test(tc, mapview_self);
    suite_add_tcase(s, tc);
    tc = tcase_create("identity");
    tcase_add_test(tc, shared_file_is_file);
    tcase_add_test(tc, identity_grows_down);
    tcase_add_test(tc, identity_merge);
    tcase_add_test(tc, identity_split_in_three);
    tcase_add_test(tc, identity_munmap_middle);
    tcase_add_test(tc, identity_remapped_other_inode);
    tcase_add_test(tc, identity_rebase);
    tcase_add_test(tc, identity_random_sequences);
    tcase_add_test(tc, growth_class_of_map);
    tcase_set_timeout(tc, 300);
    suite_add_tcase(s, tc);
    tc = tcase_create("growsin");
    tcase_add_test(tc, growsin_self);
    tcase_add_test(tc, growsin_budget);
    tcase_add_test(tc, growsin_too_many_mappings);
    tcase_set_timeout(tc, 300);
    suite_add_tcase(s, tc);
    return s;
}
