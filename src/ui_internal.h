/* ui_internal.h - state shared by the ui_*.c files. */
#ifndef MEMTOP_UI_INTERNAL_H
#define MEMTOP_UI_INTERNAL_H

#include <signal.h>
#include <stdbool.h>

#include "memtop/analysis.h"
#include "memtop/groups.h"
#include "memtop/layout.h"
#include "memtop/options.h"
#include "memtop/proctable.h"
#include "memtop/record.h"
#include "memtop/snapshot.h"
#include "memtop/view.h"

enum ui_screen { UI_LIST, UI_HELP, UI_LEDGER };

/* What the list shows: processes, the process tree, or groups by name. */
enum ui_mode { MODE_PROCS, MODE_TREE, MODE_GROUPS };

enum ui_prompt { PROMPT_NONE, PROMPT_FILTER, PROMPT_USER, PROMPT_DELAY, PROMPT_SIGNAL,
                 PROMPT_CONFIRM_KILL };

/* Colour pairs; without colour, attributes stand in. */
enum ui_pair { PAIR_ANON = 1, PAIR_FILE, PAIR_SHMEM, PAIR_SWAP, PAIR_KERNEL, PAIR_LEAK,
               PAIR_TITLE, PAIR_GROW, PAIR_HEADER };

typedef struct ui_state {
    mt_options opts;            /* a copy: the UI changes sort, filter... */
    mt_proctable *pt;           /* live source, or */
    mt_replay *replay;          /* a recording (-r) */
    size_t frame;               /* replay: index of the frame shown */
    bool loaded;                /* replay: a frame has been shown */
    mt_analysis *an;
    mt_snapshot snap;
    mt_view view;
    mt_tree tree;
    mt_groups *groups;
    enum ui_mode mode;
    const mt_proc **rows_p;     /* what the list shows, in order */
    size_t nrows;
    mt_filter filter;
    char filter_text[128];
    char user_text[64];

    enum ui_screen screen;
    enum ui_prompt prompt;
    char input[128];            /* the prompt's line being typed */
    int kill_signal;
    pid_t kill_pid;
    uint64_t kill_start;

    bool paused, utf8, color;
    pid_t selected_pid;         /* the selection follows the process */
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
void ui_set_status(ui_state *u, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
int ui_attr(const ui_state *u, enum ui_pair pair);

/* ui_main.c: shows frame index of the recording, rebuilding the
 * analysis from the frames before it (as far as the history reaches),
 * so stepping back gives the verdicts memtop showed then.  Returns 0 or
 * -1 (the status line says why). */
int ui_replay_goto(ui_state *u, size_t index);

/* ui_keys.c */
bool ui_handle_key(ui_state *u, int key);   /* false: quit */
void ui_rebuild_view(ui_state *u);

#endif
