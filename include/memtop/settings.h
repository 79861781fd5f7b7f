/* settings.h - the settings file of the interactive view:
 * $XDG_CONFIG_HOME/memtop/memtoprc (default ~/.config/memtop/memtoprc),
 * "key = value" lines, written by the W key.  Never read from the
 * current directory; with neither XDG_CONFIG_HOME nor HOME set, there
 * is none.  A bad line is a warning naming file and line, never fatal.
 *
 * Keys: delay, sort, reverse, command_line, kernel_threads, color, pss,
 * history, window, columns. */
#ifndef MEMTOP_SETTINGS_H
#define MEMTOP_SETTINGS_H

#include <stddef.h>
#include <stdio.h>

#include "memtop/options.h"

/* The settings file's path into buf; -1 when there is none. */
int mt_settings_path(char *buf, size_t n);

/* Applies the text of a settings file to o; each bad line is reported
 * on warn as "memtop: NAME:LINE: why".  Returns the number of bad
 * lines. */
int mt_settings_apply(mt_options *o, const char *text, const char *name, FILE *warn);

/* Reads and applies the file at path, if it exists (a missing file is
 * not an error; an unreadable one is a warning).  Returns the number of
 * problems reported. */
int mt_settings_load(mt_options *o, const char *path, FILE *warn);

/* Writes o's settings to path (creating its directory), atomically.
 * Returns 0, or -1 with err set. */
int mt_settings_save(const mt_options *o, const char *path, char *err, size_t errlen);

#endif
