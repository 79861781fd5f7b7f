/* ui_widgets.c - what every screen draws with: attributes, the status
 * line, text that fits a cell, bars, and the pager of scrolling lines. */
#include "config.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memtop/escape.h"
#include "memtop/format.h"
#include "memtop/util.h"
#include "ui_widgets.h"

int ui_attr(const ui_state *u, enum ui_pair pair)
{
    if (u->color)
        return COLOR_PAIR(pair) | (pair == PAIR_LEAK || pair == PAIR_TITLE ? A_BOLD : 0);
    switch (pair) {
    case PAIR_LEAK: case PAIR_TITLE: return A_BOLD;
    case PAIR_HEADER: return A_REVERSE;
    default: return A_NORMAL;
    }
}

void ui_set_status(ui_state *u, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(u->status, sizeof u->status, fmt, ap);
    va_end(ap);
    u->status_until = mt_now_mono() + 4;
}

/* Draws untrusted text at (y, x) in at most `cols` cells, padding with
 * spaces to exactly cols when pad. */
void ui_put_text(const ui_state *u, int y, int x, const char *s, int cols, bool pad)
{
    char buf[3 * 1024];
    if (cols <= 0 || x >= u->cols || y >= u->rows)
        return;
    if (x + cols > u->cols)
        cols = u->cols - x;
    int w = mt_term_fit(buf, sizeof buf, s, cols, '>', u->utf8);
    mvaddstr(y, x, buf);
    if (pad)
        for (int i = w; i < cols; i++)
            addch(' ');
}

/* Right-aligns a short trusted string in a cell. */
void ui_put_right(const ui_state *u, int y, int x, int w, const char *s)
{
    int cols = mt_term_width(s, u->utf8); /* columns, not bytes: "RES▼" is 4 */
    if (cols > w)
        cols = w;
    ui_put_text(u, y, x + w - cols, s, cols, false);
}

/* width cells split among the parts (out of total), each run of cells
 * lettered and, with colour, coloured; the rest blank. */
void ui_draw_bar(ui_state *u, int y, int x, int width, const uint64_t *parts,
                 const char *letters, const enum ui_pair *pairs, int n, uint64_t total)
{
    int cells[16];
    if (n > 16)
        n = 16;
    mt_bar_split(parts, n, total, width, cells);
    move(y, x);
    int used = 0;
    for (int i = 0; i < n; i++) {
        int attr = ui_attr(u, pairs[i]) | (u->color ? A_REVERSE : 0);
        attron(attr);
        for (int c = 0; c < cells[i]; c++)
            addch((chtype)letters[i]);
        attroff(attr);
        used += cells[i];
    }
    for (; used < width; used++)
        addch(' ');
}

const char *ui_sort_arrow(const ui_state *u, bool down)
{
    return u->utf8 ? (down ? "\xe2\x96\xbc" : "\xe2\x96\xb2") : (down ? "v" : "^");
}

void ui_lines_add(ui_lines *l, const char *fmt, ...)
{
    l->s = mt_xgrow(l->s, &l->cap, l->n + 1, sizeof *l->s);
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(l->s[l->n++], sizeof l->s[0], fmt, ap);
    va_end(ap);
}

void ui_lines_free(ui_lines *l)
{
    free(l->s);
    memset(l, 0, sizeof *l);
}

/* A screen of lines that scrolls: the title (and a column header) stay,
 * the lines below move with the arrows and pages; the footer says what
 * is below. */
void ui_pager_draw(ui_state *u, const char *title, const char *header, const ui_lines *l)
{
    int y0 = header ? 2 : 1;
    int visible = u->rows - 1 - y0;
    if (visible < 1)
        visible = 1;
    size_t last_top = l->n > (size_t)visible ? l->n - (size_t)visible : 0;
    if (u->page_top > last_top)
        u->page_top = last_top;
    u->page_lines = l->n;
    u->page_rows = visible;
    attron(ui_attr(u, PAIR_TITLE));
    ui_put_text(u, 0, 0, title, u->cols, true);
    attroff(ui_attr(u, PAIR_TITLE));
    if (header) {
        attron(ui_attr(u, PAIR_HEADER));
        ui_put_text(u, 1, 0, header, u->cols, true);
        attroff(ui_attr(u, PAIR_HEADER));
    }
    for (int r = 0; r < visible && u->page_top + (size_t)r < l->n; r++)
        ui_put_text(u, y0 + r, 0, l->s[u->page_top + (size_t)r], u->cols, true);
}
