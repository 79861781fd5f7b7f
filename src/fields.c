/* fields.c - values for the machine formats, and the system fields.
 * The per-process columns are in columns.c. */
#include "config.h"

#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "memtop/escape.h"
#include "memtop/fields.h"
#include "memtop/format.h"

void mt_value_int(mt_value *v, int64_t i)
{
    v->kind = MT_VAL_INT;
    v->na = false;
    v->i = i;
}

void mt_value_size(mt_value *v, uint64_t u)
{
    v->kind = MT_VAL_SIZE;
    v->na = u == MT_NA;
    v->u = u;
}

void mt_value_u64(mt_value *v, uint64_t u)
{
    mt_value_size(v, u);
    v->na = false;
}

void mt_value_int_na(mt_value *v, int i)
{
    mt_value_int(v, i);
    v->na = i == MT_NA_INT;
}

void mt_value_real(mt_value *v, double r, int decimals)
{
    v->kind = MT_VAL_REAL;
    v->na = !isfinite(r);
    v->r = r;
    v->decimals = decimals;
}

void mt_value_bool(mt_value *v, bool b)
{
    v->kind = MT_VAL_BOOL;
    v->na = false;
    v->b = b;
}

void mt_value_str(mt_value *v, const char *s)
{
    v->kind = MT_VAL_STR;
    v->na = s == NULL;
    v->s = s;
}

#define SYS_SIZE(field) \
    static void sys_##field(const mt_snapshot *s, mt_value *v) { mt_value_size(v, s->sys.field); }
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

static void sys_hostname(const mt_snapshot *s, mt_value *v) { mt_value_str(v, s->sys.hostname); }
static void sys_uptime(const mt_snapshot *s, mt_value *v)   { mt_value_real(v, s->sys.uptime, 2); }
static void sys_boot(const mt_snapshot *s, mt_value *v)     { mt_value_real(v, s->sys.boot_time, 0); }
static void sys_tasks(const mt_snapshot *s, mt_value *v)    { mt_value_int(v, s->sys.tasks); }
static void sys_zombies(const mt_snapshot *s, mt_value *v)  { mt_value_int(v, s->sys.zombies); }
static void sys_kthreads(const mt_snapshot *s, mt_value *v) { mt_value_int(v, s->sys.kthreads); }
static void sys_growing(const mt_snapshot *s, mt_value *v)  { mt_value_int(v, s->totals.growing); }
static void sys_leaks(const mt_snapshot *s, mt_value *v)    { mt_value_int(v, s->totals.leaks); }
static void sys_span(const mt_snapshot *s, mt_value *v)     { mt_value_real(v, s->totals.history_span, 1); }

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
