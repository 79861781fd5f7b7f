/* columns.c - the registry of per-process columns (columns.h). */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>
#include <strings.h>

#include "memtop/analysis.h"
#include "memtop/columns.h"
#include "memtop/format.h"
#include "memtop/growsin.h"
#include "memtop/view.h"

/* ---- values, for CSV, JSON and OpenMetrics ---- */

static void get_pid(const mt_proc *p, mt_value *v)     { mt_value_int(v, p->raw.pid); }
static void get_ppid(const mt_proc *p, mt_value *v)    { mt_value_int(v, p->raw.ppid); }
static void get_uid(const mt_proc *p, mt_value *v)     { mt_value_int(v, p->raw.uid); }
static void get_user(const mt_proc *p, mt_value *v)    { mt_value_str(v, p->raw.user); }
static void get_threads(const mt_proc *p, mt_value *v) { mt_value_int(v, p->raw.threads); }
static void get_start(const mt_proc *p, mt_value *v)   { mt_value_real(v, p->raw.start, 2); }
static void get_command(const mt_proc *p, mt_value *v) { mt_value_str(v, p->raw.comm); }
static void get_cmdline(const mt_proc *p, mt_value *v) { mt_value_str(v, p->raw.cmdline); }
static void get_virt(const mt_proc *p, mt_value *v)    { mt_value_size(v, p->raw.virt); }
static void get_res(const mt_proc *p, mt_value *v)     { mt_value_size(v, p->raw.res); }
static void get_shr(const mt_proc *p, mt_value *v)     { mt_value_size(v, p->raw.shr); }
static void get_anon(const mt_proc *p, mt_value *v)    { mt_value_size(v, p->raw.anon); }
static void get_file(const mt_proc *p, mt_value *v)    { mt_value_size(v, p->raw.file); }
static void get_shmem(const mt_proc *p, mt_value *v)   { mt_value_size(v, p->raw.shmem); }
static void get_swap(const mt_proc *p, mt_value *v)    { mt_value_size(v, p->raw.swap); }
static void get_heap(const mt_proc *p, mt_value *v)    { mt_value_size(v, p->raw.heap); }
static void get_pss(const mt_proc *p, mt_value *v)     { mt_value_size(v, p->raw.pss); }
static void get_uss(const mt_proc *p, mt_value *v)     { mt_value_size(v, p->raw.uss); }
static void get_growth(const mt_proc *p, mt_value *v)  { mt_value_real(v, p->notes.growth, 1); }
static void get_leak(const mt_proc *p, mt_value *v)    { mt_value_bool(v, p->notes.leak); }
static void get_eta(const mt_proc *p, mt_value *v)     { mt_value_real(v, p->notes.oom_eta, 0); }
static void get_samples(const mt_proc *p, mt_value *v) { mt_value_int(v, p->notes.samples); }
static void get_unreaped(const mt_proc *p, mt_value *v){ mt_value_real(v, p->notes.unreaped, 0); }
static void get_verdict(const mt_proc *p, mt_value *v) { mt_value_str(v, mt_verdict_name(p->notes.verdict)); }
static void get_since(const mt_proc *p, mt_value *v)   { mt_value_real(v, p->notes.growth_since, 2); }
static void get_eta_low(const mt_proc *p, mt_value *v) { mt_value_real(v, p->notes.oom_eta_low, 0); }
static void get_eta_high(const mt_proc *p, mt_value *v){ mt_value_real(v, p->notes.oom_eta_high, 0); }
static void get_class(const mt_proc *p, mt_value *v)   { mt_value_str(v, mt_growth_class_name(p)); }
static void get_oom_score(const mt_proc *p, mt_value *v) { mt_value_int_na(v, p->raw.oom_score); }
static void get_oom_adj(const mt_proc *p, mt_value *v)   { mt_value_int_na(v, p->raw.oom_adj); }

/* the limit OOM-IN and its range are measured against */
static void get_oom_limit(const mt_proc *p, mt_value *v)
{
    bool known = isfinite(p->notes.oom_eta) || isfinite(p->notes.oom_eta_low);
    mt_value_str(v, known ? (p->notes.oom_cgroup ? "cgroup" : "system") : NULL);
}

static void get_state(const mt_proc *p, mt_value *v)
{
    v->buf[0] = p->raw.state ? p->raw.state : '?';
    v->buf[1] = '\0';
    mt_value_str(v, v->buf);
}

/* ---- text for people: the view and `-o text` ---- */

#define HUMAN_SIZE(name, field) \
    static void name(const mt_proc *p, double now, char *b, size_t n) \
    { \
        (void)now; \
        mt_format_size(b, n, p->field); \
    }
HUMAN_SIZE(h_virt, raw.virt)
HUMAN_SIZE(h_res, raw.res)
HUMAN_SIZE(h_shr, raw.shr)
HUMAN_SIZE(h_swap, raw.swap)
HUMAN_SIZE(h_heap, raw.heap)
HUMAN_SIZE(h_pss, raw.pss)
HUMAN_SIZE(h_uss, raw.uss)
HUMAN_SIZE(h_cglimit, notes.cg_limit)
HUMAN_SIZE(h_cgfree, notes.cg_free)
#undef HUMAN_SIZE

/* Most text does not depend on the time; now is for what does. */
#define NOW_UNUSED (void)now

static void h_pid(const mt_proc *p, double now, char *b, size_t n)
{
    NOW_UNUSED;
    snprintf(b, n, "%d", (int)p->raw.pid);
}

static void h_user(const mt_proc *p, double now, char *b, size_t n)
{
    NOW_UNUSED;
    snprintf(b, n, "%s", p->raw.user);
}

/* "LEAK?", "grow", "shrnk" or "": it reads without colour. */
static void h_verdict(const mt_proc *p, double now, char *b, size_t n)
{
    NOW_UNUSED;
    snprintf(b, n, "%s", mt_verdict_label(p));
}

/* GROWS-IN: the region class holding the growth, or "" */
static void h_class(const mt_proc *p, double now, char *b, size_t n)
{
    NOW_UNUSED;
    const char *c = mt_growth_class_name(p);
    snprintf(b, n, "%s", c ? c : "");
}

static void h_state(const mt_proc *p, double now, char *b, size_t n)
{
    NOW_UNUSED;
    snprintf(b, n, "%c", p->raw.state ? p->raw.state : '?');
}

static void h_growth(const mt_proc *p, double now, char *b, size_t n)
{
    NOW_UNUSED;
    mt_format_signed_size(b, n, p->notes.growth * 60);    /* per minute */
}

/* "3h12m", "4m/cg" (the cgroup's limit is the tighter), ">1h", or "". */
static void h_oom(const mt_proc *p, double now, char *b, size_t n)
{
    mt_oom_text(b, n, p, now);
}

static void int_or_na(char *b, size_t n, int v)
{
    if (v == MT_NA_INT)
        snprintf(b, n, "-");
    else
        snprintf(b, n, "%d", v);
}

static void h_oomscore(const mt_proc *p, double now, char *b, size_t n)
{
    NOW_UNUSED;
    int_or_na(b, n, p->raw.oom_score);
}

static void h_oomadj(const mt_proc *p, double now, char *b, size_t n)
{
    NOW_UNUSED;
    int_or_na(b, n, p->raw.oom_adj);
}

/* ---- the registry ----
 * drop_order: the decoration first (SEGMENTS, VIRT, SHR, SWAP, USER,
 * TREND), then the columns turned on for a purpose (OOM, PSS, tree,
 * cgroup), then OOM-IN, HEAP and RES; the verdict and GROWTH last. */
#define U MT_COLF_UNTRUSTED
static const mt_column_info columns[MT_NFIELDS] = {
    /*                 name        title       w  text right sort             drop flags getter human */
    [MT_COL_PID]       = { "pid", "PID", 7, 7, true, MT_SORT_PID, 0, 0, get_pid, h_pid },
    [MT_COL_USER]      = { "user", "USER", 8, 8, false, MT_SORT_USER, 10, U, get_user, h_user },
    [MT_COL_VIRT]      = { "virt", "VIRT", 6, 6, true, MT_SORT_VIRT, 13, 0, get_virt, h_virt },
    [MT_COL_RES]       = { "res", "RES", 6, 6, true, MT_SORT_RES, 3, 0, get_res, h_res },
    [MT_COL_SHR]       = { "shr", "SHR", 6, 6, true, MT_SORT_SHR, 12, 0, get_shr, h_shr },
    [MT_COL_SWAP]      = { "swap", "SWAP", 6, 6, true, MT_SORT_SWAP, 11, 0, get_swap, h_swap },
    [MT_COL_HEAP]      = { "heap", "HEAP", 6, 6, true, MT_SORT_HEAP, 4, 0, get_heap, h_heap },
    [MT_COL_GROWTH]    = { "growth", "GROWTH/m", 9, 8, true, MT_SORT_GROWTH, 1, 0, get_growth,
                           h_growth },
    [MT_COL_PSS]       = { "pss", "PSS", 6, 6, true, MT_SORT_PSS, 7, MT_COLF_PSS, get_pss, h_pss },
    [MT_COL_USS]       = { "uss", "USS", 6, 6, true, -1, 8, MT_COLF_PSS, get_uss, h_uss },
    [MT_COL_SUBRES]    = { "sub-res", "SUB-RES", 7, 0, true, -1, 7, 0, NULL, NULL },
    [MT_COL_SUBHEAP]   = { "sub-heap", "SUB-HEAP", 8, 0, true, -1, 6, 0, NULL, NULL },
    [MT_COL_SUBGROWTH] = { "sub-growth", "SUB-GROWTH", 10, 0, true, -1, 6, 0, NULL, NULL },
    [MT_COL_CGLIMIT]   = { "limit", "LIMIT", 6, 0, true, -1, 7, 0, NULL, h_cglimit },
    [MT_COL_CGFREE]    = { "free", "FREE", 6, 0, true, -1, 6, 0, NULL, h_cgfree },
    [MT_COL_LEAK]      = { "leak", "LEAK?", 5, 5, false, -1, 2, 0, get_leak, h_verdict },
    [MT_COL_GROWSIN]   = { "growth_class", "GROWS-IN", 8, 0, false, -1, 8, 0, get_class,
                           h_class },
    [MT_COL_OOM]       = { "oom_eta", "OOM-IN", 8, 8, true, -1, 5, 0, get_eta, h_oom },
    [MT_COL_OOMSCORE]  = { "oom_score", "OOM-SCORE", 10, 0, true, MT_SORT_OOM, 7, 0,
                           get_oom_score, h_oomscore },
    [MT_COL_OOMADJ]    = { "oom_score_adj", "OOM-ADJ", 7, 0, true, -1, 8, 0, get_oom_adj,
                           h_oomadj },
    [MT_COL_TREND]     = { "trend", "TREND", 12, 0, false, -1, 9, 0, NULL, NULL },
    [MT_COL_SEGMENTS]  = { "segments", "SEGMENTS", 16, 0, false, -1, 14, 0, NULL, NULL },
    [MT_COL_COMMAND]   = { "command", "COMMAND", 7, 7, false, MT_SORT_COMMAND, 0, U,
                           get_command, NULL },
    /* Not in the view: the text table's S, and the machine formats'. */
    [MT_COL_STATE]     = { "state", "S", 0, 1, false, -1, 0, 0, get_state, h_state },
    [MT_COL_PPID]      = { "ppid", NULL, 0, 0, true, -1, 0, 0, get_ppid, NULL },
    [MT_COL_UID]       = { "uid", NULL, 0, 0, true, -1, 0, 0, get_uid, NULL },
    [MT_COL_START]     = { "start", NULL, 0, 0, true, -1, 0, 0, get_start, NULL },
    [MT_COL_THREADS]   = { "threads", NULL, 0, 0, true, -1, 0, 0, get_threads, NULL },
    [MT_COL_CMDLINE]   = { "cmdline", NULL, 0, 0, false, -1, 0, U, get_cmdline, NULL },
    [MT_COL_ANON]      = { "anon", NULL, 0, 0, true, -1, 0, 0, get_anon, NULL },
    [MT_COL_FILE]      = { "file", NULL, 0, 0, true, -1, 0, 0, get_file, NULL },
    [MT_COL_SHMEM]     = { "shmem", NULL, 0, 0, true, -1, 0, 0, get_shmem, NULL },
    [MT_COL_OOMLIMIT]  = { "oom_limit", NULL, 0, 0, false, -1, 0, 0, get_oom_limit, NULL },
    [MT_COL_SAMPLES]   = { "samples", NULL, 0, 0, true, -1, 0, 0, get_samples, NULL },
    [MT_COL_UNREAPED]  = { "unreaped", NULL, 0, 0, true, -1, 0, 0, get_unreaped, NULL },
    [MT_COL_VERDICT]   = { "verdict", NULL, 0, 0, false, -1, 0, 0, get_verdict, NULL },
    [MT_COL_SINCE]     = { "growth_since", NULL, 0, 0, true, -1, 0, 0, get_since, NULL },
    [MT_COL_ETA_LOW]   = { "oom_eta_low", NULL, 0, 0, true, -1, 0, 0, get_eta_low, NULL },
    [MT_COL_ETA_HIGH]  = { "oom_eta_high", NULL, 0, 0, true, -1, 0, 0, get_eta_high, NULL },
};
#undef U

/* CSV's column order and JSON's key order: a stable interface, so new
 * fields go at the end. */
const enum mt_column mt_machine_columns[] = {
    MT_COL_PID, MT_COL_PPID, MT_COL_USER, MT_COL_UID, MT_COL_STATE, MT_COL_START,
    MT_COL_THREADS, MT_COL_COMMAND, MT_COL_CMDLINE, MT_COL_VIRT, MT_COL_RES, MT_COL_SHR,
    MT_COL_ANON, MT_COL_FILE, MT_COL_SHMEM, MT_COL_SWAP, MT_COL_HEAP, MT_COL_GROWTH,
    MT_COL_LEAK, MT_COL_OOM, MT_COL_OOMLIMIT, MT_COL_SAMPLES, MT_COL_UNREAPED, MT_COL_PSS,
    MT_COL_USS, MT_COL_OOMSCORE, MT_COL_OOMADJ, MT_COL_VERDICT, MT_COL_SINCE,
    MT_COL_ETA_LOW, MT_COL_ETA_HIGH, MT_COL_GROWSIN,
};

const size_t mt_machine_ncolumns = sizeof mt_machine_columns / sizeof mt_machine_columns[0];

const mt_column_info *mt_column_get(enum mt_column c)
{
    return c < MT_NFIELDS ? &columns[c] : NULL;
}

int mt_column_from_name(const char *name)
{
    for (int c = 0; c < MT_NCOLUMNS; c++) {
        const char *t = columns[c].title;
        size_t n = strcspn(t, "/?"); /* "GROWTH/m" and "LEAK?" by their word too */
        if (strcasecmp(name, columns[c].name) == 0 || strcasecmp(name, t) == 0 ||
            (strlen(name) == n && strncasecmp(name, t, n) == 0))
            return c;
    }
    return -1;
}

double mt_value_number(const mt_value *v)
{
    if (v->na)
        return NAN;
    switch (v->kind) {
    case MT_VAL_INT:  return (double)v->i;
    case MT_VAL_SIZE: return (double)v->u;
    case MT_VAL_REAL: return v->r;
    case MT_VAL_BOOL: return v->b ? 1 : 0;
    case MT_VAL_STR:  break;
    }
    return NAN;
}
