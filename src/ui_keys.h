/* ui_keys.h - what each key does (ui_keys.c). */
#ifndef MEMTOP_UI_KEYS_H
#define MEMTOP_UI_KEYS_H

#include <stdbool.h>

#include "ui_state.h"

bool ui_handle_key(ui_state *u, int key);   /* false: quit */

#endif
