/* ui_state.h - the interactive view's state: what the screen shows
 * and remembers (selection, prompt, map screen), around the engine that
 * holds the data.  Every ui_*.c file reads it; it declares no functions
 * of theirs, so the files depend on each other only through their own
 * headers (ui_widgets.h, ui_list.h, ui_map.h, ui_ledger.h, ui_help.h,
 * ui_menu.h, ui_draw.h, ui_keys.h). */
#ifndef MEMTOP_UI_STATE_H
#define MEMTOP_UI_STATE_H

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

/* The groups the list shows in a group view (NULL otherwise).  By name
 * they are kept from the start, by cgroup from when first shown. */
static inline mt_groups *ui_groups(const ui_state *u)
{
    return u->mode == MODE_GROUPS ? mt_engine_groups_kept(u->eng, MT_GROUP_NAME)
         : u->mode == MODE_CGROUPS ? mt_engine_groups_kept(u->eng, MT_GROUP_CGROUP) : NULL;
}

#endif
