/* ui_ledger.h - the exit ledger screen (ui_ledger.c). */
#ifndef MEMTOP_UI_LEDGER_H
#define MEMTOP_UI_LEDGER_H

#include "ui_state.h"

void ui_ledger_draw(ui_state *u);

#endif
