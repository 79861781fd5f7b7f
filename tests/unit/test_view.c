/* test_view.c - filtering and sorting. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "memtop/view.h"
#include "suites.h"

static mt_proc *add(mt_snapshot *s, pid_t pid, const char *comm, const char *user,
                    uid_t uid, uint64_t res, uint64_t heap)
{
    mt_proc *p = mt_snapshot_add(s);
    p->pid = pid;
    p->uid = uid;
    p->state = 'S';
    strcpy(p->comm, comm);
    strcpy(p->user, user);
    p->res = res;
    p->virt = res * 4;
    p->shr = res / 2;
    p->swap = 0;
    p->anon = heap;
    mt_proc_derive(p);
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
    k->kthread = true;
    add(s, 7, "Nginx-helper", "www-data", 33, 5, 5)->swap = 1000;
    s->procs[4].heap = 1005;
    mt_snapshot_seal(s);
}

static void pids_of(const mt_view *v, char *out)
{
    out[0] = '\0';
    for (size_t i = 0; i < v->n; i++)
        sprintf(out + strlen(out), "%s%d", i ? "," : "", (int)v->rows[i]->pid);
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
    s.procs[1].res = MT_NA; /* postgres, the largest */
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
        p->pid = i + 1;
        mt_snapshot_set_cmdline(&s, p, i == 7 ? big : "short cmd");
    }
    mt_snapshot_seal(&s);
    ck_assert_str_eq(s.procs[0].cmdline, "short cmd");
    ck_assert_str_eq(s.procs[199].cmdline, "short cmd");
    ck_assert_uint_eq(strlen(s.procs[7].cmdline), MT_CMDLINE_MAX);
    ck_assert(s.procs[7].cmdline_cut);
    ck_assert(!s.procs[8].cmdline_cut);
    mt_snapshot_clear(&s);
    ck_assert_uint_eq(s.nprocs, 0);
    mt_snapshot_free(&s);
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
    tcase_add_test(tc, snapshot_storage);
    suite_add_tcase(s, tc);
    return s;
}
