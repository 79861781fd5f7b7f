/* ui_ledger.c - the exit ledger screen (x): the processes that exited
 * and the zombies nobody reaped, through the list's filter. */
#include "config.h"

#include <stdio.h>

#include "memtop/escape.h"
#include "memtop/format.h"
#include "memtop/ledger.h"
#include "ui_ledger.h"
#include "ui_list.h"
#include "ui_widgets.h"

/* The ledger line of one exit; the name (untrusted) cut to 16 cells. */
static void ledger_line(ui_state *u, ui_lines *l, const mt_exit *e)
{
    char life[32], ago[32], peak[MT_SIZE_BUF], ret[MT_SIZE_BUF], name[3 * 16 + 1];
    int w = mt_term_fit(name, sizeof name, e->proc.raw.comm, 16, '>', u->utf8);
    mt_format_duration(life, sizeof life, e->lifetime);
    mt_format_duration(ago, sizeof ago, u->snap->time - e->exit_time);
    ui_lines_add(l, "%7d %s%*s %9s %8s %8s %5s ago", (int)e->proc.raw.pid, name, 16 - w, "", life,
                 mt_format_size(peak, sizeof peak, e->peak_res),
                 mt_format_size(ret, sizeof ret, e->returned), ago);
}

/* The ledger and its zombies, through the list's filter: with /name
 * it answers "what became of name". */
void ui_ledger_draw(ui_state *u)
{
    const mt_ledger *l = mt_analysis_ledger(mt_engine_analysis(u->eng));
    char head[128], ago[32], filt[256], title[384];
    ui_lines lines = { 0 };
    size_t n = 0, zombies = 0;
    for (size_t i = 0; i < mt_ledger_count(l); i++) {
        const mt_exit *e = mt_ledger_get(l, i);
        if (mt_filter_match(&u->filter, &e->proc)) {
            ledger_line(u, &lines, e);
            n++;
        }
    }
    if (n == 0)
        ui_lines_add(&lines, "  (no process has exited since memtop started)");
    ui_lines_add(&lines, "%s", "");
    for (size_t i = 0; i < u->snap->nprocs; i++) {
        const mt_proc *p = &u->snap->procs[i];
        if (p->raw.state != 'Z' || !mt_filter_match(&u->filter, p))
            continue;
        const mt_proc *parent = mt_snapshot_find(u->snap, p->raw.ppid);
        char name[64], pname[64];
        mt_term_sanitize(name, sizeof name, p->raw.comm, u->utf8);
        mt_term_sanitize(pname, sizeof pname, parent ? parent->raw.comm : "?", u->utf8);
        mt_format_duration(ago, sizeof ago, p->notes.unreaped);
        ui_lines_add(&lines, "zombie %d %s: parent %d %s has not reaped it for %s", (int)p->raw.pid,
                     name, (int)p->raw.ppid, pname, ago);
        zombies++;
    }
    if (zombies == 0)
        ui_lines_add(&lines, "  (no zombies)");
    snprintf(head, sizeof head, "%7s %-16s %9s %8s %8s %9s", "PID", "COMMAND", "LIFETIME",
             "PEAK-RES", "RETURNED", "EXITED");
    ui_filter_desc(u, filt, sizeof filt);
    snprintf(title, sizeof title, "Exited (newest first): %zu, zombies: %zu%s%s", n, zombies,
             filt[0] ? " - FILTER " : "", filt);
    ui_pager_draw(u, title, head, &lines);
    ui_lines_free(&lines);
}
