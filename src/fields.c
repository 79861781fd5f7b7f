/* fields.c - the table behind CSV columns and JSON keys. */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "memtop/escape.h"
#include "memtop/fields.h"
#include "memtop/growth.h"
#include "memtop/format.h"

static void set_int(mt_value *v, int64_t i)
{
    v->kind = MT_VAL_INT;
    v->na = false;
    v->i = i;
}

static void set_size(mt_value *v, uint64_t u)
{
    v->kind = MT_VAL_SIZE;
    v->na = u == MT_NA;
    v->u = u;
}

static void set_int_na(mt_value *v, int i)
{
    set_int(v, i);
    v->na = i == MT_NA_INT;
}

static void set_real(mt_value *v, double r, int decimals)
{
    v->kind = MT_VAL_REAL;
    v->na = !isfinite(r);
    v->r = r;
    v->decimals = decimals;
}

static void set_bool(mt_value *v, bool b)
{
    v->kind = MT_VAL_BOOL;
    v->na = false;
    v->b = b;
}

static void set_str(mt_value *v, const char *s)
{
    v->kind = MT_VAL_STR;
    v->na = s == NULL;
    v->s = s;
}

static void get_pid(const mt_proc *p, mt_value *v)     { set_int(v, p->pid); }
static void get_ppid(const mt_proc *p, mt_value *v)    { set_int(v, p->ppid); }
static void get_uid(const mt_proc *p, mt_value *v)     { set_int(v, p->uid); }
static void get_user(const mt_proc *p, mt_value *v)    { set_str(v, p->user); }
static void get_threads(const mt_proc *p, mt_value *v) { set_int(v, p->threads); }
static void get_start(const mt_proc *p, mt_value *v)   { set_real(v, p->start, 2); }
static void get_command(const mt_proc *p, mt_value *v) { set_str(v, p->comm); }
static void get_cmdline(const mt_proc *p, mt_value *v) { set_str(v, p->cmdline); }
static void get_virt(const mt_proc *p, mt_value *v)    { set_size(v, p->virt); }
static void get_res(const mt_proc *p, mt_value *v)     { set_size(v, p->res); }
static void get_shr(const mt_proc *p, mt_value *v)     { set_size(v, p->shr); }
static void get_anon(const mt_proc *p, mt_value *v)    { set_size(v, p->anon); }
static void get_file(const mt_proc *p, mt_value *v)    { set_size(v, p->file); }
static void get_shmem(const mt_proc *p, mt_value *v)   { set_size(v, p->shmem); }
static void get_swap(const mt_proc *p, mt_value *v)    { set_size(v, p->swap); }
static void get_heap(const mt_proc *p, mt_value *v)    { set_size(v, p->heap); }
static void get_pss(const mt_proc *p, mt_value *v)     { set_size(v, p->pss); }
static void get_uss(const mt_proc *p, mt_value *v)     { set_size(v, p->uss); }
static void get_growth(const mt_proc *p, mt_value *v)  { set_real(v, p->growth, 1); }
static void get_leak(const mt_proc *p, mt_value *v)    { set_bool(v, p->leak); }
static void get_eta(const mt_proc *p, mt_value *v)     { set_real(v, p->oom_eta, 0); }
static void get_samples(const mt_proc *p, mt_value *v) { set_int(v, p->samples); }
static void get_verdict(const mt_proc *p, mt_value *v) { set_str(v, mt_verdict_name(p->verdict)); }
static void get_since(const mt_proc *p, mt_value *v)   { set_real(v, p->growth_since, 2); }
static void get_eta_low(const mt_proc *p, mt_value *v) { set_real(v, p->oom_eta_low, 0); }
static void get_eta_high(const mt_proc *p, mt_value *v){ set_real(v, p->oom_eta_high, 0); }
static void get_unreaped(const mt_proc *p, mt_value *v){ set_real(v, p->unreaped, 0); }
static void get_oom_score(const mt_proc *p, mt_value *v) { set_int_na(v, p->oom_score); }
static void get_oom_adj(const mt_proc *p, mt_value *v)   { set_int_na(v, p->oom_adj); }

static void get_oom_limit(const mt_proc *p, mt_value *v)
{
    /* the limit OOM-IN and its range are measured against */
    bool known = isfinite(p->oom_eta) || isfinite(p->oom_eta_low);
    set_str(v, known ? (p->oom_cgroup ? "cgroup" : "system") : NULL);
}

static void get_state(const mt_proc *p, mt_value *v)
{
    v->buf[0] = p->state ? p->state : '?';
    v->buf[1] = '\0';
    set_str(v, v->buf);
}

const mt_field mt_proc_fields[] = {
    { "pid", get_pid },         { "ppid", get_ppid },
    { "user", get_user },       { "uid", get_uid },
    { "state", get_state },     { "start", get_start },
    { "threads", get_threads }, { "command", get_command },
    { "cmdline", get_cmdline }, { "virt", get_virt },
    { "res", get_res },         { "shr", get_shr },
    { "anon", get_anon },       { "file", get_file },
    { "shmem", get_shmem },     { "swap", get_swap },
    { "heap", get_heap },       { "growth", get_growth },
    { "leak", get_leak },       { "oom_eta", get_eta },
    { "oom_limit", get_oom_limit }, { "samples", get_samples },
    { "unreaped", get_unreaped }, { "pss", get_pss },
    { "uss", get_uss },         { "oom_score", get_oom_score },
    { "oom_score_adj", get_oom_adj },
    { "verdict", get_verdict }, { "growth_since", get_since },
    { "oom_eta_low", get_eta_low }, { "oom_eta_high", get_eta_high },
};

const size_t mt_proc_nfields = sizeof mt_proc_fields / sizeof mt_proc_fields[0];

#define SYS_SIZE(field) \
    static void sys_##field(const mt_system *s, mt_value *v) { set_size(v, s->field); }
SYS_SIZE(mem_total)
SYS_SIZE(mem_free)
SYS_SIZE(mem_available)
SYS_SIZE(mem_anon)
SYS_SIZE(mem_file)
SYS_SIZE(mem_shmem)
SYS_SIZE(mem_kernel)
SYS_SIZE(swap_total)
SYS_SIZE(swap_free)
#undef SYS_SIZE

static void sys_hostname(const mt_system *s, mt_value *v) { set_str(v, s->hostname); }
static void sys_uptime(const mt_system *s, mt_value *v)   { set_real(v, s->uptime, 2); }
static void sys_boot(const mt_system *s, mt_value *v)     { set_real(v, s->boot_time, 0); }
static void sys_tasks(const mt_system *s, mt_value *v)    { set_int(v, s->tasks); }
static void sys_zombies(const mt_system *s, mt_value *v)  { set_int(v, s->zombies); }
static void sys_kthreads(const mt_system *s, mt_value *v) { set_int(v, s->kthreads); }
static void sys_growing(const mt_system *s, mt_value *v)  { set_int(v, s->growing); }
static void sys_leaks(const mt_system *s, mt_value *v)    { set_int(v, s->leaks); }
static void sys_span(const mt_system *s, mt_value *v)     { set_real(v, s->history_span, 1); }

const mt_sys_field mt_sys_fields[] = {
    { "hostname", sys_hostname },           { "uptime", sys_uptime },
    { "boot_time", sys_boot },              { "mem_total", sys_mem_total },
    { "mem_free", sys_mem_free },           { "mem_available", sys_mem_available },
    { "mem_anon", sys_mem_anon },           { "mem_file", sys_mem_file },
    { "mem_shmem", sys_mem_shmem },         { "mem_kernel", sys_mem_kernel },
    { "swap_total", sys_swap_total },       { "swap_free", sys_swap_free },
    { "tasks", sys_tasks },                 { "zombies", sys_zombies },
    { "kernel_threads", sys_kthreads },   { "growing", sys_growing },
    { "leaks", sys_leaks },                { "history_span", sys_span },
};

const size_t mt_sys_nfields = sizeof mt_sys_fields / sizeof mt_sys_fields[0];

int mt_value_write(FILE *out, const mt_value *v, enum mt_format fmt)
{
    char buf[64];
    if (v->na)
        return fmt == MT_FMT_JSON && fputs("null", out) == EOF ? -1 : 0;
    switch (v->kind) {
    case MT_VAL_INT:
        return fprintf(out, "%" PRId64, v->i) < 0 ? -1 : 0;
    case MT_VAL_SIZE:
        return fprintf(out, "%" PRIu64, v->u) < 0 ? -1 : 0;
    case MT_VAL_REAL:
        mt_format_fixed(buf, sizeof buf, v->r, v->decimals);
        return fputs(buf, out) == EOF ? -1 : 0;
    case MT_VAL_STR:
        return fmt == MT_FMT_JSON ? mt_json_write(out, v->s) : mt_csv_write(out, v->s);
    case MT_VAL_BOOL:
        return fputs(v->b ? "true" : "false", out) == EOF ? -1 : 0;
    }
    return 0;
}
