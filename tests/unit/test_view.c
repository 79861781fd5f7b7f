/* test_view.c - filtering and sorting. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memtop/groups.h"
#include "memtop/view.h"
#include "suites.h"

static mt_proc *add(mt_snapshot *s, pid_t pid, const char *comm, const char *user,
                    uid_t uid, uint64_t res, uint64_t heap)
{
    mt_proc *p = mt_snapshot_add(s);
    p->raw.pid = pid;
    p->raw.uid = uid;
    p->raw.state = 'S';
    strcpy(p->raw.comm, comm);
    strcpy(p->raw.user, user);
    p->raw.res = res;
    p->raw.virt = res * 4;
    p->raw.shr = res / 2;
    p->raw.swap = 0;
    p->raw.anon = heap;
    mt_sample_derive(&p->raw);
    mt_snapshot_set_cmdline(s, p, comm);
    return p;
}

static void fill(mt_snapshot *s)
{
    mt_snapshot_init(s);
    add(s, 10, "nginx", "www-data", 33, 100, 50);
    add(s, 2, "postgres", "postgres", 110, 300, 10);
    add(s, 30, "bash", "root", 0, 100, 70);
    mt_proc *k = add(s, 5, "kworker/0:1", "root", 0, 0, 0);
    k->raw.kthread = true;
    add(s, 7, "Nginx-helper", "www-data", 33, 5, 5)->raw.swap = 1000;
    s->procs[4].raw.heap = 1005;
    mt_snapshot_seal(s);
}

static void pids_of(const mt_view *v, char *out)
{
    out[0] = '\0';
    for (size_t i = 0; i < v->n; i++)
        sprintf(out + strlen(out), "%s%d", i ? "," : "", (int)v->rows[i]->raw.pid);
}

START_TEST(sort_keys)
{
    mt_snapshot s;
    mt_view v;
    char got[128];
    mt_filter f = { 0 };
    fill(&s);
    mt_view_init(&v);

    mt_view_build(&v, &s, &f, MT_SORT_RES, false);
    pids_of(&v, got);
    ck_assert_str_eq(got, "2,10,30,7");     /* ties (100) by PID, kthread hidden */
    mt_view_build(&v, &s, &f, MT_SORT_RES, true);
    pids_of(&v, got);
    ck_assert_str_eq(got, "7,10,30,2");
    mt_view_build(&v, &s, &f, MT_SORT_PID, false);
    pids_of(&v, got);
    ck_assert_str_eq(got, "2,7,10,30");
    mt_view_build(&v, &s, &f, MT_SORT_HEAP, false);
    pids_of(&v, got);
    ck_assert_str_eq(got, "7,30,10,2");
    mt_view_build(&v, &s, &f, MT_SORT_COMMAND, false);
    pids_of(&v, got);
    ck_assert_str_eq(got, "7,30,10,2");     /* byte order: 'N' < 'b' */
    mt_view_build(&v, &s, &f, MT_SORT_USER, false);
    pids_of(&v, got);
    ck_assert_str_eq(got, "2,30,10,7");     /* postgres root www-data(res 100, 5) */
    s.procs[0].raw.oom_score = 700;             /* nginx */
    s.procs[1].raw.oom_score = 0;               /* postgres: never killed */
    s.procs[2].raw.oom_score = 1000;            /* bash; Nginx-helper unread */
    mt_view_build(&v, &s, &f, MT_SORT_OOM, false);
    pids_of(&v, got);
    ck_assert_str_eq(got, "30,10,2,7");     /* highest first, unread last */

    mt_view_free(&v);
    mt_snapshot_free(&s);
}
END_TEST

START_TEST(unknown_sizes_sort_last)
{
    mt_snapshot s;
    mt_view v;
    char got[64];
    fill(&s);
    s.procs[1].raw.res = MT_NA; /* postgres, the largest */
    mt_view_init(&v);
    mt_view_build(&v, &s, NULL, MT_SORT_RES, false);
    pids_of(&v, got);
    ck_assert_str_eq(got, "10,30,7,2");
    mt_view_free(&v);
    mt_snapshot_free(&s);
}
END_TEST

START_TEST(filters)
{
    mt_snapshot s;
    mt_view v;
    char got[64];
    fill(&s);
    mt_view_init(&v);

    mt_filter f = { .text = "NGINX" };
    mt_view_build(&v, &s, &f, MT_SORT_PID, false);
    pids_of(&v, got);
    ck_assert_str_eq(got, "7,10");

    mt_filter u = { .by_uid = true, .uid = 0 };
    mt_view_build(&v, &s, &u, MT_SORT_PID, false);
    pids_of(&v, got);
    ck_assert_str_eq(got, "30");

    u.kthreads = true;
    mt_view_build(&v, &s, &u, MT_SORT_PID, false);
    pids_of(&v, got);
    ck_assert_str_eq(got, "5,30");

    pid_t want[] = { 30, 5, 999 };
    mt_filter p = { .pids = want, .npids = 3 };
    mt_view_build(&v, &s, &p, MT_SORT_PID, false);
    pids_of(&v, got);
    ck_assert_str_eq(got, "5,30");          /* asked-for kthread is shown */

    mt_view_free(&v);
    mt_snapshot_free(&s);
}
END_TEST

START_TEST(sort_key_names_oom)
{
    ck_assert_int_eq(mt_sort_key_from_name("oom"), MT_SORT_OOM);
    ck_assert_str_eq(mt_sort_key_name(MT_SORT_OOM), "oom");
    ck_assert_ptr_nonnull(strstr(mt_sort_key_names(), " oom "));
}
END_TEST

START_TEST(sort_key_names)
{
    ck_assert_int_eq(mt_sort_key_from_name("res"), MT_SORT_RES);
    ck_assert_int_eq(mt_sort_key_from_name("Command"), MT_SORT_COMMAND);
    ck_assert_int_eq(mt_sort_key_from_name("rss"), -1);
    for (int k = 0; k < MT_SORT_NKEYS; k++) {
        ck_assert_int_eq(mt_sort_key_from_name(mt_sort_key_name(k)), k);
        ck_assert_ptr_nonnull(strstr(mt_sort_key_names(), mt_sort_key_name(k)));
    }
}
END_TEST

START_TEST(snapshot_storage)
{
    mt_snapshot s;
    char big[MT_CMDLINE_MAX + 100];
    mt_snapshot_init(&s);
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    /* enough records to force reallocation of both arrays */
    for (int i = 0; i < 200; i++) {
        mt_proc *p = mt_snapshot_add(&s);
        p->raw.pid = i + 1;
        mt_snapshot_set_cmdline(&s, p, i == 7 ? big : "short cmd");
    }
    mt_snapshot_seal(&s);
    ck_assert_str_eq(s.procs[0].raw.cmdline, "short cmd");
    ck_assert_str_eq(s.procs[199].raw.cmdline, "short cmd");
    ck_assert_uint_eq(strlen(s.procs[7].raw.cmdline), MT_CMDLINE_MAX);
    ck_assert(s.procs[7].raw.cmdline_cut);
    ck_assert(!s.procs[8].raw.cmdline_cut);
    mt_snapshot_clear(&s);
    ck_assert_uint_eq(s.nprocs, 0);
    mt_snapshot_free(&s);
}
END_TEST

/* init(1) -> sup(10) -> w(11) w(12), sup -> mid(13) -> leaf(14); a lone
 * root (20) whose parent is gone; a ppid loop (30 <-> 31). */
static void family(mt_snapshot *s)
{
    static const struct { pid_t pid, ppid; uint64_t res; double growth; } f[] = {
        { 1, 0, 10, 0 }, { 10, 1, 20, 0 }, { 11, 10, 300, 1000 }, { 12, 10, 200, 500 },
        { 13, 10, 50, NAN }, { 14, 13, 5, 1 }, { 20, 999, 7, 0 }, { 30, 31, 1, 0 },
        { 31, 30, 2, 0 },
    };
    mt_snapshot_init(s);
    for (size_t i = 0; i < sizeof f / sizeof f[0]; i++) {
        mt_proc *p = add(s, f[i].pid, "x", "root", 0, f[i].res, f[i].res / 2);
        p->raw.ppid = f[i].ppid;
        p->notes.growth = f[i].growth;
    }
    mt_snapshot_seal(s);
}

START_TEST(tree_order_and_sums)
{
    mt_snapshot s;
    mt_tree t;
    char got[128] = "";
    family(&s);
    mt_tree_init(&t);
    mt_tree_build(&t, &s, NULL, MT_SORT_RES, false);
    ck_assert_uint_eq(t.n, 9);     /* everyone placed once, loop included */
    for (size_t i = 0; i < t.n; i++)
        sprintf(got + strlen(got), "%s%d:%d", i ? "," : "", (int)t.rows[i]->raw.pid, t.depth[i]);
    /* roots by RES: 1 (10) before 20 (7); children by RES: 11, 12, 13 */
    ck_assert_str_eq(got, "1:0,10:1,11:2,12:2,13:2,14:3,20:0,31:0,30:1");
    ck_assert_uint_eq(t.sub_res[0], 10 + 20 + 300 + 200 + 50 + 5);
    ck_assert_uint_eq(t.sub_res[1], 20 + 300 + 200 + 50 + 5);
    ck_assert_uint_eq(t.sub_res[4], 55);
    ck_assert_uint_eq(t.sub_res[5], 5);
    ck_assert_uint_eq(t.sub_heap[1], 10 + 150 + 100 + 25 + 2);
    ck_assert_double_eq_tol(t.sub_growth[1], 1501, 1e-9);   /* NAN counts as 0 */
    ck_assert_uint_eq(t.sub_res[6], 7);
    /* which rows have a later sibling: the tree's tee, not its elbow */
    got[0] = '\0';
    for (size_t i = 0; i < t.n; i++)
        sprintf(got + strlen(got), "%d", t.more[i]);
    ck_assert_str_eq(got, "101100100");

    /* filtering out the supervisor makes its children roots */
    pid_t keep[] = { 11, 12, 14 };
    mt_filter f = { .pids = keep, .npids = 3 };
    mt_tree_build(&t, &s, &f, MT_SORT_PID, false);
    got[0] = '\0';
    for (size_t i = 0; i < t.n; i++)
        sprintf(got + strlen(got), "%s%d:%d", i ? "," : "", (int)t.rows[i]->raw.pid, t.depth[i]);
    ck_assert_str_eq(got, "11:0,12:0,14:0");
    mt_tree_free(&t);
    mt_snapshot_free(&s);
}
END_TEST

/* The arrow on screen says the direction: keys whose own order is
 * largest first, and those that ascend. */
START_TEST(sort_key_directions)
{
    ck_assert(!mt_sort_key_descending(MT_SORT_PID));
    ck_assert(!mt_sort_key_descending(MT_SORT_USER));
    ck_assert(!mt_sort_key_descending(MT_SORT_COMMAND));
    const enum mt_sort_key down[] = { MT_SORT_VIRT, MT_SORT_RES, MT_SORT_SHR, MT_SORT_SWAP,
                                      MT_SORT_HEAP, MT_SORT_GROWTH, MT_SORT_PSS, MT_SORT_OOM };
    for (size_t i = 0; i < sizeof down / sizeof down[0]; i++)
        ck_assert_msg(mt_sort_key_descending(down[i]), "%s", mt_sort_key_name(down[i]));
    /* and the view sorts that way: a PID view ascends, RES descends */
    mt_snapshot s;
    mt_view v;
    char got[64];
    fill(&s);
    mt_view_init(&v);
    mt_view_build(&v, &s, NULL, MT_SORT_PID, false);
    pids_of(&v, got);
    ck_assert_str_eq(got, "2,7,10,30");
    mt_view_build(&v, &s, NULL, MT_SORT_RES, false);
    ck_assert_uint_ge(v.rows[0]->raw.res, v.rows[v.n - 1]->raw.res);
    mt_view_free(&v);
    mt_snapshot_free(&s);
}
END_TEST

START_TEST(deep_tree_does_not_recurse)
{
    mt_snapshot s;
    mt_tree t;
    mt_snapshot_init(&s);
    for (int i = 1; i <= 20000; i++)
        add(&s, i, "chain", "root", 0, 1, 1)->raw.ppid = i - 1;
    mt_snapshot_seal(&s);
    mt_tree_init(&t);
    mt_tree_build(&t, &s, NULL, MT_SORT_PID, false);
    ck_assert_uint_eq(t.n, 20000);
    ck_assert_int_eq(t.depth[19999], 19999);
    ck_assert_uint_eq(t.sub_res[0], 20000);
    mt_tree_free(&t);
    mt_snapshot_free(&s);
}
END_TEST

START_TEST(groups_survive_restarts)
{
    mt_analysis_opts o;
    mt_analysis_opts_default(&o);
    mt_groups *g = mt_groups_new(&o, MT_GROUP_NAME);
    mt_snapshot s;
    mt_snapshot_init(&s);
    /* Three workers whose heaps grow 1 MiB/s together, replaced by new
     * PIDs every 4 refreshes (each new one starts where the old left
     * off): no process lives long enough to be judged, the group does. */
    for (int i = 0; i < 20; i++) {
        mt_snapshot_clear(&s);
        s.time = 100 + i;
        int gen = i / 4;
        for (int w = 0; w < 3; w++)
            add(&s, 1000 + 10 * gen + w, "worker", "www", 33, 0,
                (uint64_t)(5 << 20) + (uint64_t)i * (1 << 20) / 3);
        add(&s, 1, "init", "root", 0, 4 << 20, 1 << 20);
        mt_snapshot_seal(&s);
        mt_groups_update(g, &s, NULL);
    }
    const mt_snapshot *gs = mt_groups_snapshot(g);
    ck_assert_uint_eq(gs->nprocs, 2);
    const mt_proc *workers = strcmp(gs->procs[0].raw.comm, "worker") == 0 ? &gs->procs[0]
                                                                      : &gs->procs[1];
    ck_assert_int_eq(workers->raw.threads, 3);
    ck_assert_uint_eq(workers->notes.samples, 20);
    ck_assert(workers->notes.growing);   /* 20 s: growing; leak takes the leak age */
    ck_assert_double_eq_tol(workers->notes.growth, 1 << 20, 1024);
    ck_assert_str_eq(workers->raw.user, "www");
    mt_snapshot_free(&s);
    mt_groups_free(g);
}
END_TEST

/* Workers started through a shell wrapper are seen as "bash" for their
 * first refreshes (the name is read again only on a full read), then
 * as "worker"; one at a time, each replacing the last, so "worker" has
 * no member for a while each time.  Its history goes on through those
 * gaps, and the leak spread over the recycled workers is flagged. */
START_TEST(groups_survive_renamed_recycled_workers)
{
    mt_analysis_opts o;
    mt_analysis_opts_default(&o);
    mt_groups *g = mt_groups_new(&o, MT_GROUP_NAME);
    mt_snapshot s;
    mt_snapshot_init(&s);
    const mt_proc *workers = NULL;
    for (int i = 0; i < 900; i++) {
        mt_snapshot_clear(&s);
        s.time = 100 + i;
        int gen = i / 5, age = i % 5;
        add(&s, 2000 + gen, age < 2 ? "bash" : "worker", "www", 33, 0,
            (uint64_t)(8 << 20) + (uint64_t)i * (1 << 20));
        add(&s, 1, "init", "root", 0, 4 << 20, 1 << 20);
        mt_snapshot_seal(&s);
        mt_groups_update(g, &s, NULL);
        const mt_snapshot *gs = mt_groups_snapshot(g);
        workers = NULL;
        for (size_t k = 0; k < gs->nprocs; k++)
            if (strcmp(gs->procs[k].raw.comm, "worker") == 0)
                workers = &gs->procs[k];
        if (i >= 2)
            ck_assert_msg(workers != NULL, "refresh %d: the worker group vanished", i);
        if (workers && age < 2)
            ck_assert_int_eq(workers->raw.threads, 0);  /* between members */
    }
    ck_assert_ptr_nonnull(workers);
    /* every refresh since it first had one, as far as -H reaches */
    ck_assert_uint_eq(workers->notes.samples, o.history);
    /* Growth in bursts (3 s up, 2 s flat): the short window's strictly
     * rising parts miss it, the 10-minute horizon does not. */
    ck_assert(workers->notes.leak);
    mt_snapshot_free(&s);
    mt_groups_free(g);
}
END_TEST

START_TEST(groups_by_cgroup)
{
    /* tests/data/cgroup: PID 123 is in system.slice/leaky.service
     * (memory.max 512 MiB, 500 MiB used), PID 456 in an unlimited
     * user.slice/free.scope; PID 124 is in the service too; PID 789 has
     * no cgroup file. */
    const char *dir = getenv("TESTDATA") ? getenv("TESTDATA") : "tests/data";
    char proc[4096], cg[4096];
    snprintf(proc, sizeof proc, "%s/cgroup/proc", dir);
    snprintf(cg, sizeof cg, "%s/cgroup/sys", dir);
    mt_analysis_opts o;
    mt_analysis_opts_default(&o);
    o.proc_root = proc;
    o.cgroup_root = cg;
    mt_groups *g = mt_groups_new(&o, MT_GROUP_CGROUP);
    mt_snapshot s;
    mt_snapshot_init(&s);
    for (int i = 0; i < 15; i++) {
        mt_snapshot_clear(&s);
        s.time = 100 + i;
        s.sys.mem_available = 8ULL << 30;
        add(&s, 123, "svc", "root", 0, 8 << 20, (uint64_t)(4 << 20) + (uint64_t)i * (1 << 20));
        add(&s, 124, "svc-helper", "root", 0, 1 << 20, 1 << 20); /* same service */
        add(&s, 456, "shell", "root", 0, 2 << 20, 1 << 20);
        add(&s, 789, "gone", "root", 0, 1 << 20, 1 << 20);
        mt_snapshot_seal(&s);
        mt_groups_update(g, &s, NULL);
    }
    const mt_snapshot *gs = mt_groups_snapshot(g);
    ck_assert_uint_eq(gs->nprocs, 3);
    const mt_proc *svc = NULL, *free_scope = NULL, *unknown = NULL;
    for (size_t i = 0; i < gs->nprocs; i++) {
        const char *path = gs->procs[i].raw.cmdline;
        if (strcmp(path, "/system.slice/leaky.service") == 0)
            svc = &gs->procs[i];
        else if (strcmp(path, "/user.slice/free.scope") == 0)
            free_scope = &gs->procs[i];
        else if (strcmp(path, "?") == 0)
            unknown = &gs->procs[i];
    }
    ck_assert_ptr_nonnull(svc);
    ck_assert_ptr_nonnull(free_scope);
    ck_assert_ptr_nonnull(unknown);
    ck_assert_int_eq(svc->raw.threads, 2);
    ck_assert_uint_eq(svc->notes.cg_limit, 512ULL << 20);
    ck_assert_uint_eq(svc->notes.cg_free, 12ULL << 20);
    ck_assert(svc->notes.growing);
    /* 12 MiB left at 1 MiB/s: the cgroup's limit, not the machine's */
    ck_assert(svc->notes.oom_cgroup);
    ck_assert_double_eq_tol(svc->notes.oom_eta, 12, 0.5);
    ck_assert_uint_eq(free_scope->notes.cg_limit, MT_NA);
    ck_assert(!free_scope->notes.growing);
    mt_snapshot_free(&s);
    mt_groups_free(g);
}
END_TEST

Suite *view_suite(void)
{
    Suite *s = suite_create("view");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, sort_keys);
    tcase_add_test(tc, unknown_sizes_sort_last);
    tcase_add_test(tc, filters);
    tcase_add_test(tc, sort_key_names);
    tcase_add_test(tc, sort_key_names_oom);
    tcase_add_test(tc, snapshot_storage);
    tcase_add_test(tc, tree_order_and_sums);
    tcase_add_test(tc, deep_tree_does_not_recurse);
    tcase_add_test(tc, sort_key_directions);
    tcase_add_test(tc, groups_survive_renamed_recycled_workers);
    tcase_add_test(tc, groups_survive_restarts);
    tcase_add_test(tc, groups_by_cgroup);
    suite_add_tcase(s, tc);
    return s;
}
