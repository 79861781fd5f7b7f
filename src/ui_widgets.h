/* ui_widgets.h - drawing helpers every screen uses (ui_widgets.c). */
#ifndef MEMTOP_UI_WIDGETS_H
#define MEMTOP_UI_WIDGETS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ui_state.h"

void ui_set_status(ui_state *u, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int ui_attr(const ui_state *u, enum ui_pair pair);
/* The sort arrow: down is always largest first. */
const char *ui_sort_arrow(const ui_state *u, bool down);

void ui_put_text(const ui_state *u, int y, int x, const char *s, int cols, bool pad);
void ui_put_right(const ui_state *u, int y, int x, int w, const char *s);
void ui_draw_bar(ui_state *u, int y, int x, int width, const uint64_t *parts,
                 const char *letters, const enum ui_pair *pairs, int n, uint64_t total);

/* Lines of a screen that scrolls (help, ledger, legend). */
typedef struct ui_lines {
    char (*s)[256];
    size_t n, cap;
} ui_lines;
void ui_lines_add(ui_lines *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ui_lines_free(ui_lines *l);
/* Draws lines below a title (and a column header, or NULL) from
 * u->page_top; the footer says how many are below. */
void ui_pager_draw(ui_state *u, const char *title, const char *header, const ui_lines *l);

#endif
