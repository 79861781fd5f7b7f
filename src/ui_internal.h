/* ui_internal.h - state shared by the ui_*.c files. */
#ifndef MEMTOP_UI_INTERNAL_H
#define MEMTOP_UI_INTERNAL_H

#include <signal.h>
#include <stdbool.h>

#include "memtop/analysis.h"
#include "memtop/engine.h"
#include "memtop/groups.h"
#include "memtop/layout.h"
#include "memtop/mapview.h"
#include "memtop/options.h"
#include "memtop/snapshot.h"
#include "memtop/view.h"

enum ui_screen { UI_LIST, UI_HELP, UI_LEDGER, UI_MAP, UI_LEGEND, UI_SETUP, UI_SORTMENU };

enum ui_map_sort { MAP_BY_ADDRESS, MAP_BY_RSS, MAP_BY_DELTA, MAP_NSORTS };

#define UI_CLASS_HISTORY 64

/* The map screen's state: one process's mapview and what the screen
 * remembers between refreshes. */
typedef struct ui_map {
    mt_mapview *mv;
    pid_t pid;
    uint64_t start_ticks;       /* the process's identity when opened */
    bool have_map;              /* at least one sample succeeded */
    bool exited;                /* it was read once, then went away */
    mt_proc last;               /* the list's last record of it */
    bool have_last;
    char error[256];            /* why it cannot be read (nothing yet) */
    enum ui_map_sort sort;
    size_t *order;              /* region indices in display order */
    size_t order_cap;
    size_t sel, top;
    /* RSS of each class at the last UI_CLASS_HISTORY refreshes. */
    double class_rss[MT_RC_COUNT][UI_CLASS_HISTORY];
    size_t nhist;
} ui_map;

/* What the list shows: processes, the process tree, or groups by name. */
enum ui_mode { MODE_PROCS, MODE_TREE, MODE_GROUPS, MODE_CGROUPS };

enum ui_prompt { PROMPT_NONE, PROMPT_FILTER, PROMPT_USER, PROMPT_DELAY, PROMPT_SIGNAL,
                 PROMPT_CONFIRM_KILL, PROMPT_SEARCH };

/* Colour pairs; without colour, attributes stand in. */
enum ui_pair { PAIR_ANON = 1, PAIR_FILE, PAIR_SHMEM, PAIR_SWAP, PAIR_KERNEL, PAIR_LEAK,
               PAIR_TITLE, PAIR_GROW, PAIR_HEADER };

typedef struct ui_state {
    mt_options opts;            /* a copy: the UI changes sort, filter... */
    mt_engine *eng;             /* source, analysis, groups, sinks (-w) */
    bool replay;                /* the source is a recording (-r) */
    size_t frame;               /* replay: index of the frame shown */
    mt_snapshot *snap;          /* the engine's */
    mt_view group_view;         /* the groups in sort order (MODE_GROUPS, MODE_CGROUPS);
                                 * the processes' view is the engine's */
    mt_tree tree;
    enum ui_mode mode;
    const mt_proc **rows_p;     /* what the list shows, in order */
    size_t nrows;
    mt_filter filter;
    char filter_text[128];
    char user_text[64];

    enum ui_screen screen;
    ui_map map;
    bool map_only;              /* -m PID: q on the map quits memtop */
    size_t page_top;            /* help, ledger, legend: first line shown */
    size_t page_lines;          /* ...and how many lines they have */
    int page_rows;              /* ...and how many fit on the screen */
    size_t menu_sel;            /* setup and sort menu: the line selected */
    enum ui_prompt prompt;
    char input[128];            /* the prompt's line being typed */
    int kill_signal;
    pid_t kill_pid;
    uint64_t kill_start;
    char kill_name[64];         /* its name, sanitized, for the prompt */

    bool paused, utf8, color;
    pid_t selected_pid;         /* the selection follows the process */
    bool picked;                /* ...once the user has moved it; until then
                                 * (and after Home) it stays on the top row,
                                 * where the fastest grower is */
    size_t selected, top;       /* row index in view, first row shown */
    int rows, cols;
    int list_y;                 /* screen row of the column header */
    unsigned shown;             /* columns on screen */
    int colx[MT_NCOLUMNS], colw[MT_NCOLUMNS];
    char status[256];
    double status_until;
    double *st, *sv;            /* scratch series for sparklines */
} ui_state;

/* ui_draw.c */
void ui_draw(ui_state *u);
/* The columns the list would show if the screen were wide enough. */
unsigned ui_wanted_columns(const ui_state *u);
/* Of those, the ones the screen is too narrow for. */
unsigned ui_hidden_columns(const ui_state *u);
/* The sort menu's and the setup screen's lines (ui_draw.c draws them,
 * ui_keys.c acts on them). */
#define UI_SORTMENU_LINES MT_SORT_NKEYS
#define UI_SETUP_LINES (MT_NCOLUMNS - 1 + 1)    /* every column but COMMAND, then c */
void ui_set_status(ui_state *u, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int ui_attr(const ui_state *u, enum ui_pair pair);

/* ui_main.c: shows frame index of the recording, rebuilding the
 * analysis from the frames before it (as far as the history reaches),
 * so stepping back gives the verdicts memtop showed then.  Returns 0 or
 * -1 (the status line says why). */
int ui_replay_goto(ui_state *u, size_t index);

/* ui_map.c: the map screen (Enter, or -m PID). */
void ui_map_open(ui_state *u, pid_t pid);
void ui_map_close(ui_state *u);
void ui_map_refresh(ui_state *u);     /* a new sample, once per refresh */
void ui_map_draw(ui_state *u);
void ui_map_legend_draw(ui_state *u);
bool ui_map_key(ui_state *u, int key); /* false: not a map key */

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
/* The sort arrow: down is always largest first. */
const char *ui_sort_arrow(const ui_state *u, bool down);
const char *ui_map_sort_name(const ui_state *u);
/* The signal prompt's and the confirmation's text, naming the process. */
void ui_kill_prompt(const ui_state *u, char *buf, size_t n);
/* The column on line i of the setup screen. */
int ui_setup_column(size_t i);

/* ui_draw.c helpers shared with ui_map.c */
void ui_put_text(const ui_state *u, int y, int x, const char *s, int cols, bool pad);
void ui_put_right(const ui_state *u, int y, int x, int w, const char *s);
void ui_draw_bar(ui_state *u, int y, int x, int width, const uint64_t *parts,
                 const char *letters, const enum ui_pair *pairs, int n, uint64_t total);

/* The groups the list shows in a group view (NULL otherwise).  By name
 * they are kept from the start, by cgroup from when first shown. */
static inline mt_groups *ui_groups(const ui_state *u)
{
    return u->mode == MODE_GROUPS ? mt_engine_groups_kept(u->eng, MT_GROUP_NAME)
         : u->mode == MODE_CGROUPS ? mt_engine_groups_kept(u->eng, MT_GROUP_CGROUP) : NULL;
}

/* ui_keys.c */
bool ui_handle_key(ui_state *u, int key);   /* false: quit */
/* The sort, filter or mode changed: the engine re-sorts its view (or
 * the tree or groups are rebuilt) and the list takes its rows. */
void ui_rebuild_view(ui_state *u);
/* A refresh or a step in a recording: the engine's view is already
 * built with the current sort and filter; the list takes its rows. */
void ui_show_refresh(ui_state *u);

#endif
