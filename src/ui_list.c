/* ui_list.c - the list's rows from what the engine holds, and the
 * requests the list sends it (sort, filter, a frame of a recording). */
#include "config.h"

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
