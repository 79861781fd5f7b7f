/* keys.c - the interactive view's key bindings, in one table that the
 * view dispatches from and makes its help screen and footer from, so a
 * key's behaviour, its help line and the footer cannot disagree.  The
 * man page and the README name every key here (tests/unit/test_keys.c). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "memtop/keys.h"
#include "memtop/util.h"

#define LIST MT_KC_BIT(MT_KC_LIST)
#define PROMPT MT_KC_BIT(MT_KC_PROMPT)
#define CONFIRM MT_KC_BIT(MT_KC_CONFIRM)
#define MAP MT_KC_BIT(MT_KC_MAP)
#define PAGER MT_KC_BIT(MT_KC_PAGER)
#define MENUS (MT_KC_BIT(MT_KC_SETUP) | MT_KC_BIT(MT_KC_SORTMENU))
#define ENTER '\n', '\r', MT_KEY_ENTER

/* The help texts several entries share (they share a help line too). */
static const char move_list[] = "move the selection (Home: back to the top row)";
static const char move_menu[] = "move the selection";
static const char scroll[] = "scroll (the footer says what is below)";
static const char sort_list[] = "sort by the column left / right on screen";
static const char sort_keys[] = "sort by GROWTH (default), RES, PID, HEAP";
static const char step[] = "step through a recording (memtop -r FILE); space plays";
static const char sort_map[] = "sort the mappings by address, RSS or dRSS";

/* The list's footer shows the entries with a footer label, in this
 * order: htop's function keys first. */
static const mt_key_binding table[] = {
    { LIST, MT_ACT_HELP, { MT_KEY_F(1), 'h', '?' }, "this help", "Help" },
    { LIST, MT_ACT_SETUP, { MT_KEY_F(2), 'S' }, "setup: choose the columns", "Setup" },
    { LIST, MT_ACT_SEARCH, { MT_KEY_F(3) },
      "search: jump to the next match, the list stays (F3 again: next)", "Search" },
    { LIST, MT_ACT_FILTER, { MT_KEY_F(4), '/', '\\' }, "filter by name or command line", "Filter" },
    { LIST, MT_ACT_TREE, { MT_KEY_F(5), 't' },
      "process tree (SUB-RES, SUB-HEAP, SUB-GROWTH: each subtree)", "Tree" },
    { LIST, MT_ACT_SORTMENU, { MT_KEY_F(6) }, "sort: a menu of the sort keys", "Sort" },
    { LIST, MT_ACT_KILL, { MT_KEY_F(9), 'k' }, "send the selected process a signal (asks first)",
      "Kill" },
    { LIST, MT_ACT_QUIT, { MT_KEY_F(10), 'q' }, "quit", "Quit" },
    { LIST, MT_ACT_USER, { 'u' }, "only one user's processes", "User" },
    { LIST, MT_ACT_LEDGER, { 'x' }, "exited processes, zombies", "Exited" },
    { LIST, MT_ACT_PAUSE, { ' ' }, "pause / resume", "Pause" },
    { LIST, MT_ACT_UP, { MT_KEY_UP }, move_list, NULL },
    { LIST, MT_ACT_DOWN, { MT_KEY_DOWN }, move_list, NULL },
    { LIST, MT_ACT_PAGE_UP, { MT_KEY_PPAGE }, move_list, NULL },
    { LIST, MT_ACT_PAGE_DOWN, { MT_KEY_NPAGE }, move_list, NULL },
    { LIST, MT_ACT_HOME, { MT_KEY_HOME }, move_list, NULL },
    { LIST, MT_ACT_END, { MT_KEY_END }, move_list, NULL },
    { LIST, MT_ACT_OPEN, { ENTER }, "this process's memory map", NULL },
    { LIST, MT_ACT_SORT_LEFT, { '<' }, sort_list, NULL },
    { LIST, MT_ACT_SORT_RIGHT, { '>' }, sort_list, NULL },
    { LIST, MT_ACT_SORT_REVERSE, { 'R' }, "reverse the sort (the arrow: down = largest first)",
      NULL },
    { LIST, MT_ACT_SORT_GROWTH, { 'G' }, sort_keys, NULL },
    { LIST, MT_ACT_SORT_RES, { 'M' }, sort_keys, NULL },
    { LIST, MT_ACT_SORT_PID, { 'N' }, sort_keys, NULL },
    { LIST, MT_ACT_SORT_HEAP, { 'H' }, sort_keys, NULL },
    { LIST, MT_ACT_CLEAR_FILTERS, { 'C' },
      "clear every filter (/ u -p -f -u, shown in the footer)", NULL },
    { LIST, MT_ACT_GROUPS, { 'g' }, "group by name; again: by cgroup; again: processes", NULL },
    { LIST, MT_ACT_CMDLINE, { 'c' }, "full command lines on/off", NULL },
    { LIST, MT_ACT_DELAY, { 'd' }, "change the refresh delay", NULL },
    { LIST, MT_ACT_PSS, { 'P' }, "PSS/USS columns (costly)", NULL },
    { LIST, MT_ACT_OOM, { 'O' }, "OOM-SCORE, OOM-ADJ columns", NULL },
    { LIST, MT_ACT_SAVE, { 'W' }, "save settings", NULL },
    { LIST, MT_ACT_FRAME_BACK, { MT_KEY_LEFT }, step, NULL },
    { LIST, MT_ACT_FRAME_FORWARD, { MT_KEY_RIGHT }, step, NULL },
    { LIST, MT_ACT_MOUSE, { MT_KEY_MOUSE },
      "click: select a row, sort by a column title (again: reverse)", NULL },

    { PROMPT, MT_ACT_ACCEPT, { ENTER }, "accept", NULL },
    { PROMPT, MT_ACT_CANCEL, { MT_KEY_ESC }, "cancel", NULL },
    { PROMPT, MT_ACT_ERASE, { MT_KEY_BACKSPACE, MT_KEY_DEL, MT_KEY_CTRL_H },
      "delete the last character", NULL },
    { PROMPT, MT_ACT_ERASE_LINE, { MT_KEY_CTRL_U }, "clear the line", NULL },
    { PROMPT, MT_ACT_SEARCH_NEXT, { MT_KEY_F(3) }, "the next match (in a search)", NULL },

    { CONFIRM, MT_ACT_ACCEPT, { 'y', 'Y' }, "send the signal (any other key: do not)", NULL },

    { MAP | MENUS, MT_ACT_UP, { MT_KEY_UP }, move_menu, NULL },
    { MAP | MENUS, MT_ACT_DOWN, { MT_KEY_DOWN }, move_menu, NULL },
    { MAP | MENUS, MT_ACT_PAGE_UP, { MT_KEY_PPAGE }, move_menu, NULL },
    { MAP | MENUS, MT_ACT_PAGE_DOWN, { MT_KEY_NPAGE }, move_menu, NULL },
    { MAP | MENUS, MT_ACT_HOME, { MT_KEY_HOME }, move_menu, NULL },
    { MAP | MENUS, MT_ACT_END, { MT_KEY_END }, move_menu, NULL },
    { MAP, MT_ACT_SORT_LEFT, { '<' }, sort_map, NULL },
    { MAP, MT_ACT_SORT_RIGHT, { '>' }, sort_map, NULL },
    { MAP, MT_ACT_BASELINE, { 'b' }, "make now the baseline for dRSS", NULL },
    { MAP, MT_ACT_HELP, { '?', 'h', MT_KEY_F(1) }, "the region classes: what each is, why it grows",
      NULL },
    { MAP, MT_ACT_BACK, { MT_KEY_ESC, MT_KEY_BACKSPACE, MT_KEY_DEL }, "back to the list", NULL },
    { MAP, MT_ACT_CLOSE, { 'q' }, "back to the list (memtop -m PID: quit)", NULL },
    { MAP, MT_ACT_KILL, { 'k' }, "(k signals a process from the list: Esc first)", NULL },
    { MAP, MT_ACT_QUIT, { MT_KEY_F(10) }, "quit", NULL },

    { PAGER, MT_ACT_UP, { MT_KEY_UP }, scroll, NULL },
    { PAGER, MT_ACT_DOWN, { MT_KEY_DOWN }, scroll, NULL },
    { PAGER, MT_ACT_PAGE_UP, { MT_KEY_PPAGE }, scroll, NULL },
    { PAGER, MT_ACT_PAGE_DOWN, { MT_KEY_NPAGE, ' ' }, scroll, NULL },
    { PAGER, MT_ACT_HOME, { MT_KEY_HOME }, scroll, NULL },
    { PAGER, MT_ACT_END, { MT_KEY_END }, scroll, NULL },
    { PAGER, MT_ACT_BACK, { MT_KEY_ESC, 'q' }, "back (so does any other key)", NULL },
    { PAGER, MT_ACT_QUIT, { MT_KEY_F(10) }, "quit", NULL },

    { MT_KC_BIT(MT_KC_SETUP), MT_ACT_TOGGLE, { ' ', ENTER }, "turn the column on or off", NULL },
    { MT_KC_BIT(MT_KC_SETUP), MT_ACT_SAVE, { 'W' }, "save settings", NULL },
    { MT_KC_BIT(MT_KC_SETUP), MT_ACT_BACK, { MT_KEY_ESC, 'q', MT_KEY_F(2), MT_KEY_F(10), 'S' },
      "back to the list", NULL },

    { MT_KC_BIT(MT_KC_SORTMENU), MT_ACT_ACCEPT, { ENTER }, "sort by the key selected", NULL },
    { MT_KC_BIT(MT_KC_SORTMENU), MT_ACT_BACK, { MT_KEY_ESC, 'q', MT_KEY_F(6), MT_KEY_F(10) },
      "back to the list", NULL },
};

static const char *const titles[MT_KC_COUNT] = {
    [MT_KC_LIST] = "Keys in the list:",
    [MT_KC_PROMPT] = "In a prompt (filter, user, delay, signal, search):",
    [MT_KC_CONFIRM] = "Asked to confirm a signal (k):",
    [MT_KC_MAP] = "In a process's memory map (Enter):",
    [MT_KC_PAGER] = "In this help, the exit ledger (x) and the map's legend (?):",
    [MT_KC_SETUP] = "In the setup (F2):",
    [MT_KC_SORTMENU] = "In the sort menu (F6; a letter jumps to the first key with it):",
};

const mt_key_binding *mt_keys_table(size_t *n)
{
    *n = sizeof table / sizeof table[0];
    return table;
}

enum mt_key_action mt_key_action(enum mt_key_context c, int key)
{
    for (size_t i = 0; i < sizeof table / sizeof table[0]; i++) {
        if (!(table[i].contexts & MT_KC_BIT(c)))
            continue;
        for (int k = 0; k < MT_KEYS_PER_BINDING && table[i].keys[k]; k++)
            if (table[i].keys[k] == key)
                return table[i].action;
    }
    return MT_ACT_NONE;
}

void mt_key_name(int key, char *buf, size_t n)
{
    static const struct { int key; const char *name; } names[] = {
        { ' ', "space" }, { '\n', "Enter" }, { '\r', "Enter" }, { MT_KEY_ENTER, "Enter" },
        { MT_KEY_ESC, "Esc" }, { MT_KEY_BACKSPACE, "Backspace" }, { MT_KEY_DEL, "Backspace" },
        { MT_KEY_CTRL_H, "Backspace" }, { MT_KEY_UP, "Up" }, { MT_KEY_DOWN, "Down" },
        { MT_KEY_LEFT, "Left" }, { MT_KEY_RIGHT, "Right" }, { MT_KEY_PPAGE, "PgUp" },
        { MT_KEY_NPAGE, "PgDn" }, { MT_KEY_HOME, "Home" }, { MT_KEY_END, "End" },
        { MT_KEY_MOUSE, "mouse" },
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (names[i].key == key) {
            mt_strlcpy(buf, names[i].name, n);
            return;
        }
    if (key >= MT_KEY_F(1) && key <= MT_KEY_F(63))
        snprintf(buf, n, "F%d", key - MT_KEY_F0);
    else if (key > 0 && key < 0x20)
        snprintf(buf, n, "Ctrl-%c", '@' + key);
    else if (key > 0x20 && key < 0x7f)
        snprintf(buf, n, "%c", key);
    else
        snprintf(buf, n, "key %d", key);
}

const char *mt_key_context_title(enum mt_key_context c)
{
    return titles[c];
}

/* Appends the names of e's keys to the space-separated list in buf,
 * each name once (Enter is three codes). */
static void add_names(const mt_key_binding *e, char *buf, size_t n)
{
    for (int k = 0; k < MT_KEYS_PER_BINDING && e->keys[k]; k++) {
        char name[32], word[40];
        mt_key_name(e->keys[k], name, sizeof name);
        snprintf(word, sizeof word, " %s ", name);
        size_t len = strlen(buf);
        char have[160];
        snprintf(have, sizeof have, " %s ", buf);
        if (strstr(have, word))
            continue;
        snprintf(buf + len, n - len, "%s%s", len ? " " : "", name);
    }
}

bool mt_keys_help_next(enum mt_key_context c, size_t *pos, char *buf, size_t n)
{
    size_t count = sizeof table / sizeof table[0], i = *pos;
    while (i < count && !(table[i].contexts & MT_KC_BIT(c)))
        i++;
    if (i >= count)
        return false;
    const char *help = table[i].help;
    char keys[128] = "";
    for (; i < count; i++) {
        if (!(table[i].contexts & MT_KC_BIT(c)))
            continue;
        if (strcmp(table[i].help, help) != 0)
            break;
        add_names(&table[i], keys, sizeof keys);
    }
    *pos = i;
    snprintf(buf, n, " %-14s  %s", keys, help);
    return true;
}
