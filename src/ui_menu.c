/* ui_menu.c - the two menus: the setup screen (F2), every column with
 * a check box, and the sort menu (F6).  ui_keys.c moves in them. */
#include "config.h"

#include <curses.h>
#include <stdio.h>

#include "ui_list.h"
#include "ui_menu.h"
#include "ui_widgets.h"

static void draw_menu_line(ui_state *u, int y, const char *text, bool selected)
{
    if (selected)
        attron(A_REVERSE);
    ui_put_text(u, y, 0, text, u->cols, true);
    if (selected)
        attroff(A_REVERSE);
}

/* The column a sort key belongs to (its title), for the sort menu. */
static const char *sort_title(enum mt_sort_key k)
{
    for (int c = 0; c < MT_NCOLUMNS; c++)
        if (mt_column_get((enum mt_column)c)->sort == (int)k)
            return mt_column_get((enum mt_column)c)->title;
    return mt_sort_key_name(k);
}

/* The visible part of a menu of n lines around the selection. */
static size_t menu_first(const ui_state *u, int rows)
{
    return rows > 0 && u->menu_sel >= (size_t)rows ? u->menu_sel - (size_t)rows + 1 : 0;
}

void ui_sortmenu_draw(ui_state *u)
{
    char line[128];
    ui_put_text(u, 0, 0, "Sort by (Enter picks, a letter jumps, Esc back)", u->cols, true);
    int rows = u->rows - 3;
    size_t first = menu_first(u, rows);
    for (int r = 0; r < rows && first + (size_t)r < UI_SORTMENU_LINES; r++) {
        enum mt_sort_key k = (enum mt_sort_key)(first + (size_t)r);
        snprintf(line, sizeof line, " %c %-10s %-8s %s", k == u->opts.sort ? '*' : ' ',
                 sort_title(k), mt_sort_key_name(k),
                 mt_sort_key_descending(k) ? "largest first" : "ascending");
        draw_menu_line(u, 2 + r, line, first + (size_t)r == u->menu_sel);
    }
}

void ui_setup_draw(ui_state *u)
{
    char line[160];
    unsigned wanted = u->opts.view_columns ? u->opts.view_columns : MT_COLUMNS_DEFAULT;
    unsigned hidden = ui_hidden_columns(u);
    ui_put_text(u, 0, 0, "Setup: columns (space/Enter turns on or off, W saves, Esc back)",
                u->cols, true);
    int rows = u->rows - 3;
    size_t first = menu_first(u, rows);
    for (int r = 0; r < rows && first + (size_t)r < UI_SETUP_LINES; r++) {
        size_t i = first + (size_t)r;
        if (i + 1 == UI_SETUP_LINES) {
            snprintf(line, sizeof line, " [%c] full command lines (c)",
                     u->opts.cmdline ? 'x' : ' ');
        } else {
            int c = ui_setup_column(i);
            bool on = wanted & (1u << c);
            snprintf(line, sizeof line, " [%c] %-10s%s", on ? 'x' : ' ',
                     mt_column_get((enum mt_column)c)->title,
                     on && (hidden & (1u << c)) ? " does not fit at this width"
                     : c == MT_COL_PSS || c == MT_COL_USS ? " (also needs P)"
                     : c == MT_COL_SUBRES || c == MT_COL_SUBHEAP || c == MT_COL_SUBGROWTH
                         ? " (tree view)"
                     : c == MT_COL_CGLIMIT || c == MT_COL_CGFREE ? " (cgroup view)" : "");
        }
        draw_menu_line(u, 2 + r, line, i == u->menu_sel);
    }
}

int ui_setup_column(size_t i)
{
    return (int)i; /* COMMAND, always shown, is the last column */
}
