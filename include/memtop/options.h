/* options.h - the command line: parsing and validation with clear
 * one-line errors.  Only main.c decides to exit. */
#ifndef MEMTOP_OPTIONS_H
#define MEMTOP_OPTIONS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>

#include "memtop/analysis_opts.h"
#include "memtop/format.h"
#include "memtop/view.h"

typedef struct mt_options {
    double delay;               /* seconds between refreshes */
    long iterations;            /* 0: until stopped */
    bool batch;
    enum mt_format format;
    pid_t *pids;                /* -p list, owned */
    size_t npids;
    bool by_uid;
    uid_t uid;
    char *filter;               /* -f text, owned */
    enum mt_sort_key sort;
    bool reverse;
    bool kthreads;
    bool cmdline;               /* show full command lines */
    bool no_color;
    pid_t map_pid;              /* -m: show this process's memory map; 0: none */
    bool pss;                   /* --pss: PSS/USS from smaps_rollup */
    unsigned view_columns;      /* the view's columns (layout.h bits); 0: all */
    mt_analysis_opts analysis;  /* -H, --window, --leak-* */
    char *record;               /* -w FILE, owned */
    char *replay;               /* -r FILE, owned */
    char *textfile;             /* --textfile PATH, owned; implies -b */
} mt_options;

enum mt_parse_result {
    MT_PARSE_OK = 0,    /* run */
    MT_PARSE_EXIT = 1,  /* --help or --version printed: exit 0 */
    MT_PARSE_USAGE = 2  /* bad usage, err holds the message: exit 2 */
};

void mt_options_defaults(mt_options *o);
void mt_options_free(mt_options *o);
/* Parses argv into o.  Help and version go to out.  On a usage error err
 * receives "what: why" (no "memtop: " prefix, no newline). */
enum mt_parse_result mt_options_parse(mt_options *o, int argc, char **argv,
                                      FILE *out, char *err, size_t errlen);
void mt_options_usage(FILE *out);

/* The pieces, exposed for tests.  Each returns 0 or -1 with err set. */
int mt_parse_delay(const char *s, double *out, char *err, size_t errlen);
int mt_parse_count(const char *s, long *out, char *err, size_t errlen);
int mt_parse_pids(const char *s, pid_t **out, size_t *n, char *err, size_t errlen);
int mt_parse_user(const char *s, uid_t *out, char *err, size_t errlen);
/* "1048576", "512K", "1M", "2GiB" (1024-based) -> bytes. */
int mt_parse_size(const char *opt, const char *s, uint64_t *out, char *err, size_t errlen);
/* A non-negative decimal (seconds, percent...), named opt in errors. */
int mt_parse_real(const char *opt, const char *s, double min, double max, double *out,
                  char *err, size_t errlen);
int mt_parse_format(const char *s, enum mt_format *out, char *err, size_t errlen);

#endif
