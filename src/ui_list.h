/* ui_list.h - the list's rows and its requests to the engine (ui_list.c). */
#ifndef MEMTOP_UI_LIST_H
#define MEMTOP_UI_LIST_H

#include <stddef.h>

#include "ui_state.h"

/* The sort, filter or mode changed: the engine re-sorts its view (or
 * the tree or groups are rebuilt) and the list takes its rows. */
void ui_rebuild_view(ui_state *u);
/* A refresh or a step in a recording: the engine's view is already
 * built with the current sort and filter; the list takes its rows. */
void ui_show_refresh(ui_state *u);

/* The engine's answer r to a refresh or a step, passed on: 1 shown; 0
 * past the end of the recording; -1 or -2 failed (the status line says
 * why). */
int ui_engine_result(ui_state *u, int r);

/* Shows frame index of the recording, rebuilding the analysis from the
 * frames before it (as far as the history reaches), so stepping back
 * gives the verdicts memtop showed then.  Returns 0 or -1 (the status
 * line says why). */
int ui_replay_goto(ui_state *u, size_t index);

/* The active filters, "/text user=name 3 PIDs", or "" for none (the
 * footer, an empty list, the ledger's title). */
void ui_filter_desc(const ui_state *u, char *buf, size_t n);
/* The columns the list would show if the screen were wide enough. */
unsigned ui_wanted_columns(const ui_state *u);
/* Of those, the ones the screen is too narrow for. */
unsigned ui_hidden_columns(const ui_state *u);

#endif
