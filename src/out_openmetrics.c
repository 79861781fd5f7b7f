/* out_openmetrics.c - OpenMetrics text exposition, one complete
 * exposition (ending in "# EOF") per refresh: what Prometheus scrapes,
 * through node_exporter's textfile collector (--textfile).
 *
 * Every family is a gauge: memtop reports levels, not counts.  Process
 * samples carry pid, command and user labels; samples whose value is
 * unknown (growth before three samples, an unreadable size) are left
 * out rather than reported as 0.  No timestamps: the textfile collector
 * rejects them; memtop_snapshot_timestamp_seconds says when instead. */
#include "config.h"

#include <inttypes.h>
#include <math.h>

#include "memtop/columns.h"
#include "memtop/escape.h"
#include "memtop/format.h"
#include "memtop/sink.h"

/* A family per process column that has one: its value comes from the
 * column registry (columns.h). */
typedef struct om_family {
    const char *name;
    const char *unit;       /* NULL: no UNIT line */
    const char *help;
    enum mt_column column;
    int decimals;
    double (*own)(const mt_proc *p);    /* a value no column has; NULL: the column's */
} om_family;

static double p_growing(const mt_proc *p) { return p->notes.growing ? 1 : 0; }

static const om_family proc_families[] = {
    { "memtop_process_virtual_bytes", "bytes", "Virtual memory size (VIRT).", MT_COL_VIRT, 0,
      NULL },
    { "memtop_process_resident_bytes", "bytes", "Resident set size (RES).", MT_COL_RES, 0,
      NULL },
    { "memtop_process_shared_bytes", "bytes",
      "Resident shared memory, file-backed plus shmem (SHR).", MT_COL_SHR, 0, NULL },
    { "memtop_process_swap_bytes", "bytes", "Memory swapped out (SWAP).", MT_COL_SWAP, 0,
      NULL },
    { "memtop_process_heap_bytes", "bytes",
      "Anonymous memory, RssAnon + VmSwap (HEAP): its steady growth means a leak.",
      MT_COL_HEAP, 0, NULL },
    { "memtop_process_heap_growth_bytes_per_second", NULL,
      "Slope of HEAP's current growth phase (its floor), or its least-squares slope when "
      "it does not grow.", MT_COL_GROWTH, 1, NULL },
    { "memtop_process_leak_suspected", NULL,
      "1 when memtop's leak verdict (LEAK?) is raised for the process, else 0.",
      MT_COL_LEAK, 0, NULL },
    { "memtop_process_growing", NULL,
      "1 when the process's HEAP floor grows now (verdict growing or leak), else 0.",
      MT_COL_LEAK, 0, p_growing },
    { "memtop_process_start_time_seconds", "seconds",
      "Process start time, unix seconds (with pid, the process identity).", MT_COL_START, 2,
      NULL },
    { "memtop_process_oom_score", NULL,
      "The kernel's oom_score: the OOM killer picks the highest first (0: never).",
      MT_COL_OOMSCORE, 0, NULL },
    { "memtop_process_oom_score_adj", NULL,
      "oom_score_adj, from -1000 (never killed) to 1000.", MT_COL_OOMADJ, 0, NULL },
};

static double size_value(uint64_t v) { return v == MT_NA ? NAN : (double)v; }

/* The sample's value; NAN: no sample (unknown, or a start time of 0). */
static double family_value(const om_family *f, const mt_proc *p)
{
    if (f->own)
        return f->own(p);
    mt_value v;
    mt_column_get(f->column)->get(p, &v);
    double x = mt_value_number(&v);
    return f->column == MT_COL_START && x <= 0 ? NAN : x;
}

static int write_meta(FILE *out, const char *name, const char *unit, const char *help)
{
    if (fprintf(out, "# TYPE %s gauge\n", name) < 0 ||
        (unit && fprintf(out, "# UNIT %s %s\n", name, unit) < 0) ||
        fprintf(out, "# HELP %s %s\n", name, help) < 0)
        return -1;
    return 0;
}

static int write_value(FILE *out, double v, int decimals)
{
    char buf[64];
    mt_format_fixed(buf, sizeof buf, v, decimals);
    return fprintf(out, " %s\n", buf) < 0 ? -1 : 0;
}

/* {pid="..",command="..",user=".."} without the closing brace. */
static int write_labels(FILE *out, const mt_proc *p)
{
    if (fprintf(out, "{pid=\"%d\",command=", (int)p->raw.pid) < 0 ||
        mt_om_label_write(out, p->raw.comm) < 0 || fputs(",user=", out) == EOF ||
        mt_om_label_write(out, p->raw.user) < 0)
        return -1;
    return 0;
}

static int write_proc_family(FILE *out, const om_family *f, const mt_view *view)
{
    if (write_meta(out, f->name, f->unit, f->help) < 0)
        return -1;
    for (size_t r = 0; r < view->n; r++) {
        double v = family_value(f, view->rows[r]);
        if (!isfinite(v))
            continue;
        if (fputs(f->name, out) == EOF || write_labels(out, view->rows[r]) < 0 ||
            putc('}', out) == EOF || write_value(out, v, f->decimals) < 0)
            return -1;
    }
    return 0;
}

/* For leaking processes only: the time until the tighter limit is hit. */
static int write_oom_eta(FILE *out, const mt_view *view)
{
    static const char name[] = "memtop_process_oom_eta_seconds";
    if (write_meta(out, name, "seconds",
                   "For a leaking process, seconds until it uses up the tighter of the "
                   "system's headroom (MemAvailable + SwapFree) and its cgroup's, at its "
                   "current growth, if nothing else changes.") < 0)
        return -1;
    for (size_t r = 0; r < view->n; r++) {
        const mt_proc *p = view->rows[r];
        if (!p->notes.growing || !isfinite(p->notes.oom_eta))
            continue;
        if (fputs(name, out) == EOF || write_labels(out, p) < 0 ||
            fprintf(out, ",limit=\"%s\"}", p->notes.oom_cgroup ? "cgroup" : "system") < 0 ||
            write_value(out, p->notes.oom_eta, 0) < 0)
            return -1;
    }
    return 0;
}

static int write_gauge(FILE *out, const char *name, const char *unit, const char *help,
                       double v, int decimals)
{
    if (write_meta(out, name, unit, help) < 0)
        return -1;
    if (!isfinite(v))
        return 0;
    return fputs(name, out) == EOF || write_value(out, v, decimals) < 0 ? -1 : 0;
}

static int write_used(FILE *out, const mt_system *y)
{
    const struct { const char *kind; uint64_t v; } parts[] = {
        { "anon", y->mem_anon }, { "file", y->mem_file },
        { "shmem", y->mem_shmem }, { "kernel", y->mem_kernel },
    };
    if (write_meta(out, "memtop_memory_used_bytes", "bytes",
                   "MemTotal - MemFree, split into anonymous memory, file cache, shmem "
                   "and the kernel's own.") < 0)
        return -1;
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++)
        if (parts[i].v != MT_NA &&
            fprintf(out, "memtop_memory_used_bytes{kind=\"%s\"} %" PRIu64 "\n", parts[i].kind,
                    parts[i].v) < 0)
            return -1;
    return 0;
}

static int write_system(FILE *out, const mt_snapshot *snap)
{
    const mt_system *y = &snap->sys;
    return write_gauge(out, "memtop_snapshot_timestamp_seconds", "seconds",
                       "When memtop took this snapshot, unix seconds.", snap->time, 3) < 0 ||
           write_gauge(out, "memtop_memory_total_bytes", "bytes", "MemTotal.",
                       size_value(y->mem_total), 0) < 0 ||
           write_gauge(out, "memtop_memory_free_bytes", "bytes", "MemFree.",
                       size_value(y->mem_free), 0) < 0 ||
           write_gauge(out, "memtop_memory_available_bytes", "bytes", "MemAvailable.",
                       size_value(y->mem_available), 0) < 0 ||
           write_used(out, y) < 0 ||
           write_gauge(out, "memtop_swap_total_bytes", "bytes", "SwapTotal.",
                       size_value(y->swap_total), 0) < 0 ||
           write_gauge(out, "memtop_swap_free_bytes", "bytes", "SwapFree.",
                       size_value(y->swap_free), 0) < 0 ||
           write_gauge(out, "memtop_processes", NULL,
                       "Processes, kernel threads included.", y->tasks, 0) < 0 ||
           write_gauge(out, "memtop_kernel_threads", NULL, "Kernel threads.", y->kthreads,
                       0) < 0 ||
           write_gauge(out, "memtop_zombie_processes", NULL, "Zombie processes.", y->zombies,
                       0) < 0 ||
           write_gauge(out, "memtop_growing_processes", NULL,
                       "Processes whose HEAP grows significantly.", snap->totals.growing, 0) < 0 ||
           write_gauge(out, "memtop_leak_suspected_processes", NULL,
                       "Processes with the leak verdict (LEAK?) raised.", snap->totals.leaks, 0) < 0 ||
           write_gauge(out, "memtop_history_span_seconds", "seconds",
                       "Seconds of history behind the verdicts.", snap->totals.history_span, 1) < 0
               ? -1 : 0;
}

static int om_snapshot(mt_sink *s, const mt_snapshot *snap, const mt_view *view)
{
    if (write_system(s->out, snap) < 0)
        return -1;
    for (size_t i = 0; i < sizeof proc_families / sizeof proc_families[0]; i++)
        if (write_proc_family(s->out, &proc_families[i], view) < 0)
            return -1;
    if (write_oom_eta(s->out, view) < 0)
        return -1;
    return fputs("# EOF\n", s->out) == EOF ? -1 : 0;
}

const struct mt_sink_ops mt_out_openmetrics = {
    .name = "openmetrics",
    .needs = MT_SINK_VIEW,
    .snapshot = om_snapshot,
};
