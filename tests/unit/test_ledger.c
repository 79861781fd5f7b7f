/* test_ledger.c - what the exit ledger says a process gave back. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "memtop/history.h"
#include "memtop/ledger.h"
#include "suites.h"

#define MIB (1024ULL * 1024)

struct exits { int n; mt_exit e[4]; };

static void on_gone(void *ctx, const mt_track *t, double now)
{
    struct exits *x = ctx;
    if (x->n < 4)
        mt_exit_from_track(&x->e[x->n++], t, now);
}

/* One refresh holding PID 42 (heap MiB, state), or nothing. */
static void refresh(mt_history *h, mt_snapshot *s, double time, int heap, char state,
                    struct exits *x)
{
    mt_snapshot_clear(s);
    s->time = time;
    if (heap >= 0) {
        mt_proc *p = mt_snapshot_add(s);
        p->raw.pid = 42;
        p->raw.ppid = 1;
        p->raw.start_ticks = 7;
        p->raw.start = 100;
        p->raw.state = state;
        p->raw.res = (uint64_t)heap * MIB + (heap ? MIB : 0);
        p->raw.anon = (uint64_t)heap * MIB;
        snprintf(p->raw.comm, sizeof p->raw.comm, "victim");
        mt_sample_derive(&p->raw);
    }
    mt_snapshot_seal(s);
    mt_history_record(h, s, on_gone, x);
}

/* Killed: seen once as a zombie (its memory already freed) before its
 * parent reaped it.  RETURNED is what it held while alive. */
START_TEST(returned_from_last_live_sample)
{
    mt_history *h = mt_history_new(16);
    mt_snapshot s;
    struct exits x = { 0 };
    mt_snapshot_init(&s);
    refresh(h, &s, 101, 60, 'S', &x);
    refresh(h, &s, 102, 64, 'S', &x);
    /* dying: statm reads 0 while the state, read less often, is stale */
    refresh(h, &s, 103, 0, 'S', &x);
    refresh(h, &s, 103.5, 0, 'Z', &x);
    refresh(h, &s, 104, 0, 'Z', &x);
    refresh(h, &s, 105, -1, 0, &x);
    ck_assert_int_eq(x.n, 1);
    ck_assert_uint_eq(x.e[0].returned, 64 * MIB);
    ck_assert_uint_eq(x.e[0].peak_res, 65 * MIB);
    ck_assert_str_eq(x.e[0].proc.raw.comm, "victim");

    /* Only ever seen as a zombie: nothing known to have been returned. */
    x.n = 0;
    refresh(h, &s, 106, 0, 'Z', &x);
    refresh(h, &s, 107, -1, 0, &x);
    ck_assert_int_eq(x.n, 1);
    ck_assert_uint_eq(x.e[0].returned, 0);
    mt_snapshot_free(&s);
    mt_history_free(h);
}
END_TEST

Suite *ledger_suite(void)
{
    Suite *s = suite_create("ledger");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, returned_from_last_live_sample);
    suite_add_tcase(s, tc);
    return s;
}
