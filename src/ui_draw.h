/* ui_draw.h - painting the screens (ui_draw.c). */
#ifndef MEMTOP_UI_DRAW_H
#define MEMTOP_UI_DRAW_H

#include <stddef.h>

#include "ui_state.h"

void ui_draw(ui_state *u);
/* The columns the list would show if the screen were wide enough. */
unsigned ui_wanted_columns(const ui_state *u);
/* Of those, the ones the screen is too narrow for. */
unsigned ui_hidden_columns(const ui_state *u);
/* The sort menu's and the setup screen's lines (ui_draw.c draws them,
 * ui_keys.c acts on them). */
#define UI_SORTMENU_LINES MT_SORT_NKEYS
#define UI_SETUP_LINES (MT_NCOLUMNS - 1 + 1)    /* every column but COMMAND, then c */
/* The column on line i of the setup screen. */
int ui_setup_column(size_t i);
/* The signal prompt's and the confirmation's text, naming the process. */
void ui_kill_prompt(const ui_state *u, char *buf, size_t n);

#endif
