/* ui.h - the interactive view (ncursesw).  Not part of libmemtop: it is
 * the only code that draws.  It reads snapshots and the analysis, and
 * asks the core for another sort, filter or process; it never opens
 * /proc itself. */
#ifndef MEMTOP_UI_H
#define MEMTOP_UI_H

#include <signal.h>

#include "memtop/options.h"

typedef struct mt_engine mt_engine;     /* engine.h */

/* Checks that standard output is a terminal ncurses can drive, without
 * touching it.  Returns 0, or -1 with why (for "memtop: <why>"). */
int mt_ui_check_terminal(char *why, size_t whylen);

/* Runs the interactive view on engine e (its source and sinks set up by
 * the caller; the view sets its filter and sort) until the user quits
 * or *stop (set by the caller's SIGINT/SIGTERM/SIGHUP handler) becomes
 * non-zero; notice (e.g. settings-file warnings), if any, is shown
 * first.  Returns the exit status; a sink that failed is left in
 * mt_engine_failed_sink for the caller to report. */
int mt_ui_run(const mt_options *o, mt_engine *e, const char *notice,
              volatile sig_atomic_t *stop);

#endif
