/* ui_help.h - the help screen (ui_help.c). */
#ifndef MEMTOP_UI_HELP_H
#define MEMTOP_UI_HELP_H

#include "ui_state.h"

void ui_help_draw(ui_state *u);

#endif
