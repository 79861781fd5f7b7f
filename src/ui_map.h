/* ui_map.h - the map screen (Enter, or -m PID): ui_map.c. */
#ifndef MEMTOP_UI_MAP_H
#define MEMTOP_UI_MAP_H

#include <stdbool.h>
#include <sys/types.h>

#include "memtop/keys.h"
#include "ui_state.h"

void ui_map_open(ui_state *u, pid_t pid);
void ui_map_close(ui_state *u);
void ui_map_refresh(ui_state *u);     /* a new sample, once per refresh */
void ui_map_draw(ui_state *u);
void ui_map_legend_draw(ui_state *u);
/* What a key's action does in the map; false: nothing there. */
bool ui_map_action(ui_state *u, enum mt_key_action act);
const char *ui_map_sort_name(const ui_state *u);

#endif
