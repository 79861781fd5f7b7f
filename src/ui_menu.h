/* ui_menu.h - the setup screen and the sort menu (ui_menu.c draws
 * them, ui_keys.c acts on them). */
#ifndef MEMTOP_UI_MENU_H
#define MEMTOP_UI_MENU_H

#include <stddef.h>

#include "ui_state.h"

/* Their lines. */
#define UI_SORTMENU_LINES MT_SORT_NKEYS
#define UI_SETUP_LINES (MT_NCOLUMNS - 1 + 1)    /* every column but COMMAND, then c */
/* The column on line i of the setup screen. */
int ui_setup_column(size_t i);

void ui_setup_draw(ui_state *u);
void ui_sortmenu_draw(ui_state *u);

#endif
