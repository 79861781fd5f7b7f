/* keys.h - the interactive view's keys: one const table of bindings
 * (keys, the screens they work on, an action, the help text) that the
 * view looks each key up in and makes its help screen and its footer
 * from.  No curses here: the key codes are plain ints, the numbers
 * curses uses (ui_keys.c checks each at compile time). */
#ifndef MEMTOP_KEYS_H
#define MEMTOP_KEYS_H

#include <stdbool.h>
#include <stddef.h>

/* curses' codes for the keys memtop binds. */
#define MT_KEY_CTRL_H 8
#define MT_KEY_CTRL_U 21
#define MT_KEY_ESC 27
#define MT_KEY_DEL 127
#define MT_KEY_DOWN 0402
#define MT_KEY_UP 0403
#define MT_KEY_LEFT 0404
#define MT_KEY_RIGHT 0405
#define MT_KEY_HOME 0406
#define MT_KEY_BACKSPACE 0407
#define MT_KEY_F0 0410
#define MT_KEY_F(n) (MT_KEY_F0 + (n))
#define MT_KEY_NPAGE 0522
#define MT_KEY_PPAGE 0523
#define MT_KEY_ENTER 0527
#define MT_KEY_END 0550
#define MT_KEY_MOUSE 0631

/* Where a key is pressed: a screen, or a prompt over the list.  A
 * binding applies in a set of them (MT_KC_BIT). */
enum mt_key_context {
    MT_KC_LIST,         /* the process list */
    MT_KC_PROMPT,       /* typing a filter, user, delay, signal or search */
    MT_KC_CONFIRM,      /* "Send SIGTERM to PID ...? (y/N)" */
    MT_KC_MAP,          /* one process's memory map */
    MT_KC_PAGER,        /* help, exit ledger, the map's legend */
    MT_KC_SETUP,        /* F2: the columns */
    MT_KC_SORTMENU,     /* F6: the sort keys */
    MT_KC_COUNT
};
#define MT_KC_BIT(c) (1u << (c))

/* What a key does.  Several screens share an action (Up moves whatever
 * the screen has to move); the view decides what it means there. */
enum mt_key_action {
    MT_ACT_NONE,            /* not bound: the key does nothing here */
    MT_ACT_QUIT,
    MT_ACT_HELP,            /* the list's help, the map's legend */
    MT_ACT_SETUP,
    MT_ACT_SEARCH,
    MT_ACT_FILTER,
    MT_ACT_TREE,
    MT_ACT_SORTMENU,
    MT_ACT_KILL,
    MT_ACT_USER,
    MT_ACT_LEDGER,
    MT_ACT_PAUSE,
    MT_ACT_UP,
    MT_ACT_DOWN,
    MT_ACT_PAGE_UP,
    MT_ACT_PAGE_DOWN,
    MT_ACT_HOME,
    MT_ACT_END,
    MT_ACT_OPEN,            /* Enter: the selected process's map */
    MT_ACT_SORT_LEFT,
    MT_ACT_SORT_RIGHT,
    MT_ACT_SORT_REVERSE,
    MT_ACT_SORT_GROWTH,
    MT_ACT_SORT_RES,
    MT_ACT_SORT_PID,
    MT_ACT_SORT_HEAP,
    MT_ACT_CLEAR_FILTERS,
    MT_ACT_GROUPS,
    MT_ACT_CMDLINE,
    MT_ACT_DELAY,
    MT_ACT_PSS,
    MT_ACT_OOM,
    MT_ACT_SAVE,
    MT_ACT_FRAME_BACK,
    MT_ACT_FRAME_FORWARD,
    MT_ACT_MOUSE,
    MT_ACT_ACCEPT,          /* a prompt's line, the signal, the sort menu's key */
    MT_ACT_CANCEL,
    MT_ACT_ERASE,           /* the character before the cursor */
    MT_ACT_ERASE_LINE,
    MT_ACT_SEARCH_NEXT,
    MT_ACT_BACK,            /* to the screen this one was opened from */
    MT_ACT_CLOSE,           /* q in the map: back, or quit with -m PID */
    MT_ACT_BASELINE,
    MT_ACT_TOGGLE,
    MT_NACTIONS
};

#define MT_KEYS_PER_BINDING 6

typedef struct mt_key_binding {
    unsigned contexts;          /* MT_KC_BIT()s */
    enum mt_key_action action;
    int keys[MT_KEYS_PER_BINDING]; /* 0 after the last; the help names them in order */
    const char *help;
    const char *footer;         /* the list's footer: "keys[0] footer", in table order */
} mt_key_binding;

/* The table, in the help screen's order. */
const mt_key_binding *mt_keys_table(size_t *n);
/* What key does in context c (MT_ACT_NONE: nothing). */
enum mt_key_action mt_key_action(enum mt_key_context c, int key);
/* A key's name as the help and the docs write it: "q", "F1", "Up",
 * "PgDn", "Enter", "space", "Ctrl-U", "mouse". */
void mt_key_name(int key, char *buf, size_t n);
/* The title of context c's part of the help screen. */
const char *mt_key_context_title(enum mt_key_context c);
/* The help lines of context c, one a call: "keys  what they do", the
 * keys padded to a column.  Entries next to each other with the same
 * help text share a line.  Start with *pos = 0; false after the last. */
bool mt_keys_help_next(enum mt_key_context c, size_t *pos, char *buf, size_t n);

#endif
