/* ui_list.c - the list's rows from what the engine holds, the
 * requests the list sends it (sort, filter, a frame of a recording),
 * its filters in words and the columns it shows. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ui_list.h"
#include "ui_widgets.h"

/* The engine's answer to a refresh or a step: 1 shown; 0 past the end
 * of the recording; -1 or -2 failed (the status line says why). */
int ui_engine_result(ui_state *u, int r)
{
    if (r == -1)
        ui_set_status(u, "%s", mt_engine_error(u->eng));
    else if (r == -2)
        ui_set_status(u, "%s: %s: recording stopped (said again at exit)",
                      mt_engine_failed_sink(u->eng)->ops->name,
                      strerror(mt_engine_failed_errno(u->eng)));
    return r;
}

int ui_replay_goto(ui_state *u, size_t index)
{
    size_t count = mt_source_count(mt_engine_source(u->eng));
    u->filter.text = u->filter_text[0] ? u->filter_text : NULL;
    int r = ui_engine_result(u, mt_engine_goto(u->eng, index));
    if (r == 0) {
        u->paused = true;
        ui_set_status(u, "end of the recording (%zu frames): <- steps back", count);
        return 0;
    }
    if (r != 1) {
        u->paused = true;
        return -1;
    }
    u->frame = mt_engine_frame(u->eng);
    ui_show_refresh(u);
    return 0;
}

/* The rows the list shows, from what the engine holds: its view of the
 * processes (filtered and sorted once, by the engine), or the tree or
 * the groups built from its snapshot.  review: the sort or the filter
 * changed, so the engine's view is rebuilt first. */
static void take_rows(ui_state *u, bool review)
{
    u->filter.text = u->filter_text[0] ? u->filter_text : NULL;
    switch (u->mode) {
    case MODE_PROCS: {
        if (review)
            mt_engine_review(u->eng);
        const mt_view *v = mt_engine_view(u->eng);
        u->rows_p = v->rows;
        u->nrows = v->n;
        break;
    }
    case MODE_TREE:
        mt_tree_build(&u->tree, u->snap, &u->filter, u->opts.sort, u->opts.reverse);
        u->rows_p = u->tree.rows;
        u->nrows = u->tree.n;
        break;
    case MODE_GROUPS:
    case MODE_CGROUPS:
        /* The groups were summed from the filtered processes already. */
        mt_view_build(&u->group_view, mt_groups_snapshot(ui_groups(u)), NULL, u->opts.sort,
                      u->opts.reverse);
        u->rows_p = u->group_view.rows;
        u->nrows = u->group_view.n;
        break;
    }
    if (!u->picked) {
        u->selected = 0;
        return;
    }
    /* Keep the same process selected after a re-sort or refresh. */
    for (size_t i = 0; i < u->nrows; i++)
        if (u->rows_p[i]->raw.pid == u->selected_pid) {
            u->selected = i;
            return;
        }
}

void ui_rebuild_view(ui_state *u)
{
    mt_engine_set_sort(u->eng, u->opts.sort, u->opts.reverse);
    take_rows(u, true);
}

void ui_show_refresh(ui_state *u)
{
    take_rows(u, false);
}

/* The active filters, "/text user=name 3 PIDs", or "" for none. */
void ui_filter_desc(const ui_state *u, char *buf, size_t n)
{
    size_t o = 0;
    buf[0] = '\0';
    if (u->filter_text[0])
        o += (size_t)snprintf(buf + o, n - o, "/%s", u->filter_text);
    if (u->filter.by_uid && o < n)
        o += (size_t)snprintf(buf + o, n - o, "%suser=%s", o ? " " : "", u->user_text);
    if (u->filter.npids > 0 && o < n)
        snprintf(buf + o, n - o, "%s%zu PID%s (-p)", o ? " " : "", u->filter.npids,
                 u->filter.npids == 1 ? "" : "s");
}

unsigned ui_wanted_columns(const ui_state *u)
{
    unsigned wanted = u->opts.view_columns ? u->opts.view_columns : MT_COLUMNS_DEFAULT;
    if (u->mode != MODE_TREE)
        wanted &= ~((1u << MT_COL_SUBRES) | (1u << MT_COL_SUBHEAP) | (1u << MT_COL_SUBGROWTH));
    if (!u->opts.pss)
        wanted &= ~((1u << MT_COL_PSS) | (1u << MT_COL_USS));
    if (u->mode != MODE_CGROUPS)
        wanted &= ~((1u << MT_COL_CGLIMIT) | (1u << MT_COL_CGFREE));
    if (ui_groups(u))           /* a group has no OOM score */
        wanted &= ~MT_COLUMNS_OPTIONAL;
    return wanted;
}

unsigned ui_hidden_columns(const ui_state *u)
{
    int x[MT_NCOLUMNS], w[MT_NCOLUMNS];
    unsigned wanted = ui_wanted_columns(u);
    return wanted & ~mt_columns_fit(wanted, u->cols, x, w);
}
