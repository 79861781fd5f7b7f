/* ui_draw.h - painting the screens (ui_draw.c): the list with its
 * header and the footer; the other screens have files of their own. */
#ifndef MEMTOP_UI_DRAW_H
#define MEMTOP_UI_DRAW_H

#include <stddef.h>

#include "ui_state.h"

void ui_draw(ui_state *u);
/* The signal prompt's and the confirmation's text, naming the process. */
void ui_kill_prompt(const ui_state *u, char *buf, size_t n);

#endif
