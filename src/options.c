/* options.c - the command line. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <pwd.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "memtop/options.h"
#include "memtop/util.h"

#define MT_DELAY_MIN 0.1
#define MT_DELAY_MAX 86400.0

static int fail(char *err, size_t errlen, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int fail(char *err, size_t errlen, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err, errlen, fmt, ap);
    va_end(ap);
    return -1;
}

/* strtod honours LC_NUMERIC; memtop never sets it, so "0.5" is read the
 * same everywhere and "0,5" is rejected everywhere. */
int mt_parse_real(const char *opt, const char *s, double min, double max, double *out,
                  char *err, size_t errlen)
{
    char *end;
    errno = 0;
    double d = strtod(s, &end);
    if (end == s || *end != '\0' || errno != 0 || !isfinite(d) || isspace((unsigned char)*s))
        return fail(err, errlen, "%s %s: not a number", opt, s);
    if (d < min)
        return fail(err, errlen, "%s %s: must be at least %g", opt, s, min);
    if (d > max)
        return fail(err, errlen, "%s %s: must be at most %g", opt, s, max);
    *out = d;
    return 0;
}

int mt_parse_delay(const char *s, double *out, char *err, size_t errlen)
{
    char *end;
    errno = 0;
    double d = strtod(s, &end);
    if (end == s || *end != '\0' || errno != 0 || !isfinite(d))
        return fail(err, errlen, "-d %s: not a number of seconds", s);
    if (d < MT_DELAY_MIN)
        return fail(err, errlen, "-d %s: must be at least %.1f seconds", s, MT_DELAY_MIN);
    if (d > MT_DELAY_MAX)
        return fail(err, errlen, "-d %s: must be at most %.0f seconds", s, MT_DELAY_MAX);
    *out = d;
    return 0;
}

int mt_parse_size(const char *opt, const char *s, uint64_t *out, char *err, size_t errlen)
{
    char *end;
    errno = 0;
    if (*s < '0' || *s > '9')
        return fail(err, errlen, "%s %s: not a size (e.g. 512K, 1M, 2G)", opt, s);
    double v = strtod(s, &end);
    int shift = 0;
    switch (*end) {
    case 'k': case 'K': shift = 10; end++; break;
    case 'm': case 'M': shift = 20; end++; break;
    case 'g': case 'G': shift = 30; end++; break;
    case 't': case 'T': shift = 40; end++; break;
    default: break;
    }
    if (shift && *end == 'i')
        end++;
    if (*end == 'B')
        end++;
    double bytes = v * (double)(1ULL << shift);
    if (errno || *end != '\0' || !isfinite(bytes) || bytes >= 1.8e19)
        return fail(err, errlen, "%s %s: not a size (e.g. 512K, 1M, 2G)", opt, s);
    *out = (uint64_t)bytes;
    return 0;
}

static int parse_long(const char *s, long min, long max, long *out)
{
    char *end;
    errno = 0;
    if (*s == '\0' || *s == ' ' || *s == '+')
        return -1;
    long v = strtol(s, &end, 10);
    if (*end != '\0' || errno != 0 || v < min || v > max)
        return -1;
    *out = v;
    return 0;
}

int mt_parse_count(const char *s, long *out, char *err, size_t errlen)
{
    if (parse_long(s, 1, LONG_MAX, out) < 0)
        return fail(err, errlen, "-n %s: not a positive whole number", s);
    return 0;
}

int mt_parse_pids(const char *s, pid_t **out, size_t *n, char *err, size_t errlen)
{
    char *copy = mt_xstrdup(s), *save = NULL;
    size_t count = *n, cap = *n;
    pid_t *pids = *out;
    int rc = 0;
    if (*s == '\0')
        rc = fail(err, errlen, "-p: empty PID list");
    for (char *tok = strtok_r(copy, ",", &save); tok && rc == 0;
         tok = strtok_r(NULL, ",", &save)) {
        long v;
        if (parse_long(tok, 1, INT_MAX, &v) < 0) {
            rc = fail(err, errlen, "-p %s: '%s' is not a PID (a whole number > 0)", s, tok);
            break;
        }
        pids = mt_xgrow(pids, &cap, count + 1, sizeof *pids);
        pids[count++] = (pid_t)v;
    }
    if (rc == 0 && count == *n)
        rc = fail(err, errlen, "-p %s: no PID given", s);
    free(copy);
    *out = pids;
    *n = count;
    return rc;
}

int mt_parse_user(const char *s, uid_t *out, char *err, size_t errlen)
{
    struct passwd *pw = getpwnam(s);
    if (pw) {
        *out = pw->pw_uid;
        return 0;
    }
    long v;
    if (parse_long(s, 0, INT_MAX, &v) == 0) {
        *out = (uid_t)v;
        return 0;
    }
    return fail(err, errlen, "-u %s: no such user", s);
}

int mt_parse_format(const char *s, enum mt_format *out, char *err, size_t errlen)
{
    static const struct { const char *name; enum mt_format fmt; } formats[] = {
        { "text", MT_FMT_TEXT }, { "csv", MT_FMT_CSV }, { "json", MT_FMT_JSON },
        { "openmetrics", MT_FMT_OPENMETRICS },
    };
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(s, formats[i].name) == 0) {
            *out = formats[i].fmt;
            return 0;
        }
    return fail(err, errlen, "-o %s: unknown format (use text, csv, json or openmetrics)", s);
}

static int parse_sort(const char *s, mt_options *o, char *err, size_t errlen)
{
    int k = mt_sort_key_from_name(s);
    if (k < 0)
        return fail(err, errlen, "-s %s: unknown sort key (use one of: %s)", s,
                    mt_sort_key_names());
    o->sort = (enum mt_sort_key)k;
    return 0;
}

void mt_options_defaults(mt_options *o)
{
    memset(o, 0, sizeof *o);
    o->delay = 2.0;
    o->format = MT_FMT_TEXT;
    o->sort = MT_SORT_GROWTH;
    mt_analysis_opts_default(&o->analysis);
}

void mt_options_free(mt_options *o)
{
    free(o->pids);
    free(o->filter);
    free(o->record);
    free(o->replay);
    free(o->textfile);
    o->pids = NULL;
    o->filter = NULL;
    o->record = o->replay = o->textfile = NULL;
    o->npids = 0;
}

void mt_options_usage(FILE *out)
{
    fprintf(out,
"Usage: memtop [OPTION]...\n"
"Show every process's memory: resident, shared, swapped and anonymous\n"
"(\"heap\") memory, how fast the heap grows, and which process leaks.\n"
"\n"
"  -b, --batch             no interactive screen: write each refresh to stdout\n"
"  -o, --output=FORMAT     batch output format: text (default), csv, json,\n"
"                          openmetrics (Prometheus; one exposition a refresh)\n"
"  -d, --delay=SECS        seconds between refreshes (default 2, minimum 0.1)\n"
"  -n, --iterations=N      stop after N refreshes (batch default: run until\n"
"                          interrupted)\n"
"  -p, --pid=PID[,PID...]  only these processes (may be repeated)\n"
"  -u, --user=USER         only processes of this user (name or UID)\n"
"  -f, --filter=TEXT       only processes whose name or command line contains\n"
"                          TEXT (case-insensitive)\n"
"  -s, --sort=KEY          sort by one of: %s\n"
"                          (default growth; sizes, growth and oom, the OOM\n"
"                          killer's score, largest first; pss turns on --pss)\n"
"  -R, --reverse           reverse the sort order\n"
"  -c, --command-line      show full command lines instead of names\n"
"  -K, --kernel-threads    also list kernel threads (hidden by default)\n"
"  -m, --map=PID           show PID's memory map instead of the process list:\n"
"                          one row per mapping (pmap -x columns, PSS, swap,\n"
"                          region class, RSS change since the first refresh,\n"
"                          each mapping followed by its address range),\n"
"                          class totals and pmap -d's summary line\n"
"  -H, --history=N         HEAP samples kept per process (default 150)\n"
"      --window=SECS       judge growth over the last SECS only (default: the\n"
"                          whole history)\n"
"  -w, --record=FILE       also append every snapshot (every process, raw\n"
"                          values) to the recording FILE (compressed, framed,\n"
"                          checksummed; an interrupted frame is cut off first),\n"
"                          in batch mode and in the interactive view alike\n"
"  -r, --replay=FILE       read snapshots from the recording FILE instead of\n"
"                          /proc (batch: no waiting; -n limits the frames);\n"
"                          growth and LEAK? are recomputed from it\n"
"      --textfile=PATH     batch: every refresh write OpenMetrics to PATH.tmp.PID\n"
"                          and rename it over PATH (for node_exporter's textfile\n"
"                          collector: name PATH *.prom in its directory)\n"
"      --pss               add PSS (proportional set size) and USS (unique,\n"
"                          private) columns, read from smaps_rollup every\n"
"                          refresh.  Costly: the kernel walks each process's\n"
"                          page tables under its memory lock (about 5x the\n"
"                          CPU of a refresh without it); other users' processes\n"
"                          need root, else unavailable\n"
"      --no-color          no colours (NO_COLOR in the environment does the same)\n"
"  -h, --help              show this help and exit\n"
"  -V, --version           show the version and exit\n"
"\n"
"Leak verdict: steady, growing, leak (LEAK?) or shrinking, judged over time\n"
"(the same at any -d) on the floor of HEAP (its minima):\n"
"  growing  the short window (SECS below, at least N samples) cut into N parts\n"
"           has strictly rising minima and medians, a rise of SIZE and P %% of\n"
"           HEAP, T standard errors and above the scatter, no one rise between\n"
"           parts over half of it (windows of 1, 2 and 4 times SECS, the longer\n"
"           cut in 2 and 4 times the parts; and of 1.5 to 8 times SECS cut in N\n"
"           parts, 1.2 and 1.5 times in 3, for slower sawtooths and bursts); a\n"
"           process seen to fall back must climb past its earlier peak;\n"
"  leak     growing for --leak-age and not slowing down, or the floor rising\n"
"           over 10 min, 30 min, 1 h, 2 h, 6 h, 12 h or 24 h (a slow leak);\n"
"  shrinking the same falling.\n"
"      --leak-samples=N    at least N samples (default 12) ...\n"
"      --leak-span=SECS    ... covering at least SECS seconds (default 10);\n"
"      --leak-parts=N      parts of the short window (default 6);\n"
"      --leak-min-growth=SIZE  a rise of at least SIZE (default 512K) ...\n"
"      --leak-min-percent=P    ... and of at least P %% of HEAP (default 0.25);\n"
"      --leak-tscore=T     the slope is at least T standard errors (default 3);\n"
"      --leak-age=SECS     growing this long becomes leak (default 180);\n"
"      --growing-clear=SECS  a flat floor clears growing within SECS (default 25;\n"
"                          a pause shorter than that keeps it);\n"
"      --leak-clear=SECS   ... and leak after SECS without a new floor (default 110);\n"
"      --leak-decel=R      slowing down: the last third of the phase rose less\n"
"                          than R times the middle third (default 0.5);\n"
"      --leak-long-z=Z     a slow leak's Mann-Kendall z over a long horizon\n"
"                          (default 4);\n"
"      --leak-phase-z=Z    a growing phase's Mann-Kendall z to become leak\n"
"                          (default 3).\n"
"\n"
"Columns: VIRT virtual size, RES resident, SHR resident shared (file +\n"
"shmem), SWAP swapped out, HEAP anonymous memory (RssAnon + VmSwap), the\n"
"memory whose steady growth means a leak.  GROWTH is HEAP's least-squares\n"
"slope over the window (per minute in the text table, bytes/s in CSV and\n"
"JSON).  OOM-IN, for a leaking process, is the time until it would use up\n"
"the tighter of the system's headroom (MemAvailable + SwapFree) and its\n"
"cgroup's (memory.max - memory.current, marked /cg) at its current rate,\n"
"assuming everything else stays as it is.  GROWS-IN (growth_class in CSV\n"
"and JSON) names the region class a growing process grows in (heap, anon,\n"
"shm, ...), from the smaps of at most 4 growing processes, one read per\n"
"refresh at most, about 2 ms of CPU a refresh on average.\n"
"\n"
"Batch CSV and JSON give sizes in bytes; unreadable values are empty (CSV)\n"
"or null (JSON).  Exit status: 0 ok, 1 runtime error, 2 usage error.\n",
            mt_sort_key_names());
}

enum {
    OPT_NO_COLOR = 256,
    OPT_WINDOW,
    OPT_LEAK_SAMPLES,
    OPT_LEAK_SPAN,
    OPT_LEAK_PARTS,
    OPT_LEAK_MIN_GROWTH,
    OPT_LEAK_MIN_PERCENT,
    OPT_LEAK_TSCORE,
    OPT_LEAK_AGE,
    OPT_GROWING_CLEAR,
    OPT_LEAK_CLEAR,
    OPT_LEAK_DECEL,
    OPT_LEAK_LONG_Z,
    OPT_LEAK_PHASE_Z,
    OPT_TEXTFILE,
    OPT_PSS,
};

static const struct option long_opts[] = {
    { "batch", no_argument, NULL, 'b' },
    { "output", required_argument, NULL, 'o' },
    { "delay", required_argument, NULL, 'd' },
    { "iterations", required_argument, NULL, 'n' },
    { "pid", required_argument, NULL, 'p' },
    { "user", required_argument, NULL, 'u' },
    { "filter", required_argument, NULL, 'f' },
    { "sort", required_argument, NULL, 's' },
    { "reverse", no_argument, NULL, 'R' },
    { "command-line", no_argument, NULL, 'c' },
    { "kernel-threads", no_argument, NULL, 'K' },
    { "history", required_argument, NULL, 'H' },
    { "map", required_argument, NULL, 'm' },
    { "window", required_argument, NULL, OPT_WINDOW },
    { "leak-samples", required_argument, NULL, OPT_LEAK_SAMPLES },
    { "leak-span", required_argument, NULL, OPT_LEAK_SPAN },
    { "leak-parts", required_argument, NULL, OPT_LEAK_PARTS },
    { "leak-min-growth", required_argument, NULL, OPT_LEAK_MIN_GROWTH },
    { "leak-min-percent", required_argument, NULL, OPT_LEAK_MIN_PERCENT },
    { "leak-tscore", required_argument, NULL, OPT_LEAK_TSCORE },
    { "leak-age", required_argument, NULL, OPT_LEAK_AGE },
    { "growing-clear", required_argument, NULL, OPT_GROWING_CLEAR },
    { "leak-clear", required_argument, NULL, OPT_LEAK_CLEAR },
    { "leak-decel", required_argument, NULL, OPT_LEAK_DECEL },
    { "leak-long-z", required_argument, NULL, OPT_LEAK_LONG_Z },
    { "leak-phase-z", required_argument, NULL, OPT_LEAK_PHASE_Z },
    { "record", required_argument, NULL, 'w' },
    { "replay", required_argument, NULL, 'r' },
    { "textfile", required_argument, NULL, OPT_TEXTFILE },
    { "pss", no_argument, NULL, OPT_PSS },
    { "no-color", no_argument, NULL, OPT_NO_COLOR },
    { "no-colour", no_argument, NULL, OPT_NO_COLOR },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { NULL, 0, NULL, 0 },
};

/* A whole number option within [min, max]. */
static int parse_uint(const char *opt, const char *s, long min, long max, unsigned *out,
                      char *err, size_t errlen)
{
    long v;
    if (parse_long(s, min, max, &v) < 0)
        return fail(err, errlen, "%s %s: must be a whole number from %ld to %ld", opt, s,
                    min, max);
    *out = (unsigned)v;
    return 0;
}

static int apply_leak_option(mt_options *o, int c, const char *arg, char *err, size_t errlen)
{
    mt_leak_params *lp = &o->analysis.leak;
    switch (c) {
    case OPT_WINDOW:
        return mt_parse_real("--window", arg, 1, 1e9, &o->analysis.window, err, errlen);
    case OPT_LEAK_SAMPLES:
        return parse_uint("--leak-samples", arg, 3, 1000000, &lp->min_samples, err, errlen);
    case OPT_LEAK_SPAN:
        return mt_parse_real("--leak-span", arg, 0, 1e9, &lp->min_span, err, errlen);
    case OPT_LEAK_PARTS:
        return parse_uint("--leak-parts", arg, 2, 100, &lp->parts, err, errlen);
    case OPT_LEAK_MIN_GROWTH:
        return mt_parse_size("--leak-min-growth", arg, &lp->min_growth, err, errlen);
    case OPT_LEAK_MIN_PERCENT:
        return mt_parse_real("--leak-min-percent", arg, 0, 100, &lp->min_growth_pct, err,
                             errlen);
    case OPT_LEAK_TSCORE:
        return mt_parse_real("--leak-tscore", arg, 0, 1e6, &lp->min_tscore, err, errlen);
    case OPT_LEAK_AGE:
        return mt_parse_real("--leak-age", arg, 0, 1e9, &lp->leak_age, err, errlen);
    case OPT_GROWING_CLEAR:
        return mt_parse_real("--growing-clear", arg, 0, 1e9, &lp->growing_clear, err, errlen);
    case OPT_LEAK_CLEAR:
        return mt_parse_real("--leak-clear", arg, 0, 1e9, &lp->leak_clear, err, errlen);
    case OPT_LEAK_DECEL:
        return mt_parse_real("--leak-decel", arg, 0, 1e3, &lp->decel, err, errlen);
    case OPT_LEAK_LONG_Z:
        return mt_parse_real("--leak-long-z", arg, 0, 1e3, &lp->long_z, err, errlen);
    case OPT_LEAK_PHASE_Z:
        return mt_parse_real("--leak-phase-z", arg, -1e3, 1e3, &lp->phase_z, err, errlen);
    }
    return -1;
}

/* A file name option: the last one given wins. */
static int set_path(const char *opt, const char *arg, char **dst, char *err, size_t errlen)
{
    if (*arg == '\0')
        return fail(err, errlen, "%s: empty file name", opt);
    free(*dst);
    *dst = mt_xstrdup(arg);
    return 0;
}

static int apply_option(mt_options *o, int c, const char *arg, FILE *out,
                        char *err, size_t errlen)
{
    switch (c) {
    case 'b': o->batch = true; return 0;
    case 'o': return mt_parse_format(arg, &o->format, err, errlen);
    case 'd': return mt_parse_delay(arg, &o->delay, err, errlen);
    case 'n': return mt_parse_count(arg, &o->iterations, err, errlen);
    case 'p': return mt_parse_pids(arg, &o->pids, &o->npids, err, errlen);
    case 'u':
        o->by_uid = true;
        return mt_parse_user(arg, &o->uid, err, errlen);
    case 'f':
        free(o->filter);
        o->filter = mt_xstrdup(arg);
        return 0;
    case 's': return parse_sort(arg, o, err, errlen);
    case 'R': o->reverse = true; return 0;
    case 'c': o->cmdline = true; return 0;
    case 'K': o->kthreads = true; return 0;
    case 'H':
        return parse_uint("-H", arg, 3, 100000, &o->analysis.history, err, errlen);
    case 'w': return set_path("-w", arg, &o->record, err, errlen);
    case 'r': return set_path("-r", arg, &o->replay, err, errlen);
    case OPT_TEXTFILE:
        o->batch = true;
        return set_path("--textfile", arg, &o->textfile, err, errlen);
    case 'm': {
        long v;
        if (parse_long(arg, 1, INT_MAX, &v) < 0)
            return fail(err, errlen, "-m %s: not a PID (a whole number > 0)", arg);
        o->map_pid = (pid_t)v;
        return 0;
    }
    case OPT_NO_COLOR: o->no_color = true; return 0;
    case OPT_PSS: o->pss = true; return 0;
    case 'h': mt_options_usage(out); return 1;
    case 'V': fprintf(out, "memtop %s\n", PACKAGE_VERSION); return 1;
    default: return apply_leak_option(o, c, arg, err, errlen);
    }
}

/* Options that make no sense together: say so rather than silently
 * ignoring one of them. */
static int check_combinations(const mt_options *o, char *err, size_t errlen)
{
    if (!o->map_pid)
        return 0;
    if (o->format == MT_FMT_OPENMETRICS)
        return fail(err, errlen, "-m: a memory map has no OpenMetrics form (use text, csv or json)");
    if (o->record)
        return fail(err, errlen, "-m with -w: recordings hold the process list, not maps");
    if (o->replay)
        return fail(err, errlen, "-m with -r: recordings hold no memory maps");
    if (o->textfile)
        return fail(err, errlen, "-m with --textfile: the exporter writes the process list");
    return 0;
}

enum mt_parse_result mt_options_parse(mt_options *o, int argc, char **argv,
                                      FILE *out, char *err, size_t errlen)
{
    int c;
    err[0] = '\0';
    optind = 0; /* full reset, so tests can parse more than once */
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":bo:d:n:p:u:f:s:RcKH:w:r:m:hV", long_opts, NULL)) != -1) {
        if (c == '?' || c == ':') {
            /* Name the option as the user typed it: "-x" or "--long". */
            const char *typed = argv[optind - 1];
            char name[64];
            if (strncmp(typed, "--", 2) == 0)
                snprintf(name, sizeof name, "%.*s", (int)strcspn(typed, "="), typed);
            else
                snprintf(name, sizeof name, "-%c", optopt);
            fail(err, errlen, "%s: %s (see memtop --help)", name,
                 c == '?' ? "unknown option" : "needs a value");
            return MT_PARSE_USAGE;
        }
        int r = apply_option(o, c, optarg, out, err, errlen);
        if (r < 0)
            return MT_PARSE_USAGE;
        if (r > 0)
            return MT_PARSE_EXIT;
    }
    if (optind < argc) {
        fail(err, errlen, "%s: unexpected argument (see memtop --help)", argv[optind]);
        return MT_PARSE_USAGE;
    }
    if (getenv("NO_COLOR") && *getenv("NO_COLOR"))
        o->no_color = true;
    if (o->sort == MT_SORT_PSS)     /* nothing to sort by otherwise */
        o->pss = true;
    if (check_combinations(o, err, errlen) < 0)
        return MT_PARSE_USAGE;
    return MT_PARSE_OK;
}
