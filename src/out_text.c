/* out_text.c - like `top -b`: a header block and a table per refresh,
 * sizes in human units (1024-based). */
#include "config.h"

#include <math.h>
#include <string.h>
#include <time.h>

#include "memtop/escape.h"
#include "memtop/format.h"
#include "memtop/sink.h"

#define USER_COLS 8
/* Sanitizing can triple a string (each bad byte becomes U+FFFD). */
#define TEXT_BUF (3 * MT_CMDLINE_MAX + 8)

static int text_header(FILE *out, const mt_snapshot *snap, bool utf8, bool pss)
{
    const mt_system *sys = &snap->sys;
    char clock[16] = "", up[48], host[3 * sizeof sys->hostname];
    char a[MT_SIZE_BUF], b[MT_SIZE_BUF], c[MT_SIZE_BUF], d[MT_SIZE_BUF];
    char e[MT_SIZE_BUF], f[MT_SIZE_BUF], g[MT_SIZE_BUF];
    time_t t = (time_t)snap->time;
    struct tm tm;
    if (localtime_r(&t, &tm))
        strftime(clock, sizeof clock, "%H:%M:%S", &tm);
    mt_format_uptime(up, sizeof up, sys->uptime);
    mt_term_sanitize(host, sizeof host, sys->hostname, utf8);
    if (fprintf(out, "memtop - %s up %s, %s\n", clock, up, host) < 0)
        return -1;
    char span[32];
    mt_format_duration(span, sizeof span, sys->history_span);
    if (fprintf(out, "Tasks: %u total, %u growing, %u LEAK?, %u zombie, %u kernel threads;"
                " history %s\n", sys->tasks, sys->growing, sys->leaks, sys->zombies,
                sys->kthreads, span) < 0)
        return -1;
    if (fprintf(out,
                "Mem : %s total, %s avail, %s free, %s anon, %s file, %s shmem, %s kernel\n",
                mt_format_size(a, sizeof a, sys->mem_total),
                mt_format_size(b, sizeof b, sys->mem_available),
                mt_format_size(c, sizeof c, sys->mem_free),
                mt_format_size(d, sizeof d, sys->mem_anon),
                mt_format_size(e, sizeof e, sys->mem_file),
                mt_format_size(f, sizeof f, sys->mem_shmem),
                mt_format_size(g, sizeof g, sys->mem_kernel)) < 0)
        return -1;
    uint64_t used = sys->swap_total >= sys->swap_free ? sys->swap_total - sys->swap_free : 0;
    if (fprintf(out, "Swap: %s total, %s free, %s used\n\n",
                mt_format_size(a, sizeof a, sys->swap_total),
                mt_format_size(b, sizeof b, sys->swap_free),
                mt_format_size(c, sizeof c, used)) < 0)
        return -1;
    return fprintf(out, "%7s %-*s %6s %6s %6s %6s %6s %s%8s %-5s %8s %s %s\n", "PID", USER_COLS,
                   "USER", "VIRT", "RES", "SHR", "SWAP", "HEAP",
                   pss ? "   PSS    USS " : "", "GROWTH/m", "LEAK?", "OOM-IN", "S",
                   "COMMAND") < 0 ? -1 : 0;
}

/* "3h12m", "4m/cg" (the cgroup's limit is the tighter), or "". */
static void format_eta(char *buf, size_t n, const mt_proc *p)
{
    if (!p->leak || isnan(p->oom_eta)) {
        buf[0] = '\0';
        return;
    }
    mt_format_duration(buf, n, p->oom_eta);
    if (p->oom_cgroup)
        strncat(buf, "/cg", n - strlen(buf) - 1);
}

static int text_row(mt_sink *s, const mt_proc *p, char *buf)
{
    char user[3 * MT_USER_MAX], rate[MT_SIZE_BUF + 2], eta[32];
    char virt[MT_SIZE_BUF], res[MT_SIZE_BUF], shr[MT_SIZE_BUF], swap[MT_SIZE_BUF],
        heap[MT_SIZE_BUF], pss[2 * MT_SIZE_BUF + 4] = "";
    int uw = mt_term_fit(user, sizeof user, p->user, USER_COLS, '+', s->utf8);
    bool full = s->cmdline && p->cmdline && *p->cmdline;
    mt_term_sanitize(buf, TEXT_BUF, full ? p->cmdline : p->comm, s->utf8);
    mt_format_signed_size(rate, sizeof rate, p->growth * 60);
    format_eta(eta, sizeof eta, p);
    if (s->pss) {
        char a[MT_SIZE_BUF], b[MT_SIZE_BUF];
        snprintf(pss, sizeof pss, "%6s %6s ", mt_format_size(a, sizeof a, p->pss),
                 mt_format_size(b, sizeof b, p->uss));
    }
    return fprintf(s->out, "%7d %s%*s %6s %6s %6s %6s %6s %s%8s %-5s %8s %c %s%s\n",
                   (int)p->pid, user, USER_COLS - uw, "",
                   mt_format_size(virt, sizeof virt, p->virt),
                   mt_format_size(res, sizeof res, p->res),
                   mt_format_size(shr, sizeof shr, p->shr),
                   mt_format_size(swap, sizeof swap, p->swap),
                   mt_format_size(heap, sizeof heap, p->heap), pss, rate,
                   p->leak ? "LEAK?" : "", eta, p->state ? p->state : '?', buf,
                   full && p->cmdline_cut ? "..." : "") < 0
               ? -1
               : 0;
}

/* After the table: what exited since the last refresh, and zombies
 * with the parent that has not reaped them. */
static int text_footer(mt_sink *s, const mt_snapshot *snap, const mt_view *view)
{
    char name[3 * MT_COMM_MAX], pname[3 * MT_COMM_MAX], life[32], a[MT_SIZE_BUF],
        b[MT_SIZE_BUF];
    for (size_t i = 0; i < snap->nexited; i++) {
        const mt_exit *e = &snap->exited[i];
        if (!mt_filter_match(s->filter, &e->proc))
            continue;
        mt_term_sanitize(name, sizeof name, e->proc.comm, s->utf8);
        mt_format_duration(life, sizeof life, e->lifetime);
        if (fprintf(s->out, "exited: %d %s after %s, peak RES %s, returned %s\n",
                    (int)e->proc.pid, name, life,
                    mt_format_size(a, sizeof a, e->peak_res),
                    mt_format_size(b, sizeof b, e->returned)) < 0)
            return -1;
    }
    for (size_t r = 0; r < view->n; r++) {
        const mt_proc *p = view->rows[r];
        if (p->state != 'Z')
            continue;
        const mt_proc *parent = mt_snapshot_find(snap, p->ppid);
        mt_term_sanitize(name, sizeof name, p->comm, s->utf8);
        mt_term_sanitize(pname, sizeof pname, parent ? parent->comm : "?", s->utf8);
        mt_format_duration(life, sizeof life, p->unreaped);
        if (fprintf(s->out, "zombie: %d %s, parent %d %s has not reaped it for %s%s\n",
                    (int)p->pid, name, (int)p->ppid, pname, isnan(p->unreaped) ? "" : "at least ",
                    life) < 0)
            return -1;
    }
    return 0;
}

static int text_snapshot(mt_sink *s, const mt_snapshot *snap, const mt_view *view)
{
    char buf[TEXT_BUF];
    if (s->count > 0 && putc('\n', s->out) == EOF)
        return -1;
    if (text_header(s->out, snap, s->utf8, s->pss) < 0)
        return -1;
    for (size_t r = 0; r < view->n; r++)
        if (text_row(s, view->rows[r], buf) < 0)
            return -1;
    return text_footer(s, snap, view);
}

const struct mt_sink_ops mt_out_text = {
    .name = "text",
    .snapshot = text_snapshot,
};
