/* options.c - the command line. */
#include "config.h"

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
    };
    for (size_t i = 0; i < sizeof formats / sizeof formats[0]; i++)
        if (strcmp(s, formats[i].name) == 0) {
            *out = formats[i].fmt;
            return 0;
        }
    return fail(err, errlen, "-o %s: unknown format (use text, csv or json)", s);
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
    o->sort = MT_SORT_RES;
}

void mt_options_free(mt_options *o)
{
    free(o->pids);
    free(o->filter);
    o->pids = NULL;
    o->filter = NULL;
    o->npids = 0;
}

void mt_options_usage(FILE *out)
{
    fprintf(out,
"Usage: memtop [OPTION]...\n"
"Show every process's memory: resident, shared, swapped and anonymous\n"
"(\"heap\") memory, and which processes keep growing.\n"
"\n"
"  -b, --batch             no interactive screen: write each refresh to stdout\n"
"  -o, --output=FORMAT     batch output format: text (default), csv, json\n"
"  -d, --delay=SECS        seconds between refreshes (default 2, minimum 0.1)\n"
"  -n, --iterations=N      stop after N refreshes (batch default: run until\n"
"                          interrupted)\n"
"  -p, --pid=PID[,PID...]  only these processes (may be repeated)\n"
"  -u, --user=USER         only processes of this user (name or UID)\n"
"  -f, --filter=TEXT       only processes whose name or command line contains\n"
"                          TEXT (case-insensitive)\n"
"  -s, --sort=KEY          sort by one of: %s\n"
"                          (default res; sizes sort largest first)\n"
"  -R, --reverse           reverse the sort order\n"
"  -c, --command-line      show full command lines instead of names\n"
"  -K, --kernel-threads    also list kernel threads (hidden by default)\n"
"      --no-color          no colours (NO_COLOR in the environment does the same)\n"
"  -h, --help              show this help and exit\n"
"  -V, --version           show the version and exit\n"
"\n"
"Columns: VIRT virtual size, RES resident, SHR resident shared (file +\n"
"shmem), SWAP swapped out, HEAP anonymous memory (RssAnon + VmSwap), the\n"
"memory whose steady growth means a leak.  Batch CSV and JSON give sizes in\n"
"bytes; unreadable values are empty (CSV) or null (JSON).\n"
"\n"
"Exit status: 0 ok, 1 runtime error, 2 usage error.\n",
            mt_sort_key_names());
}

enum { OPT_NO_COLOR = 256 };

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
    { "no-color", no_argument, NULL, OPT_NO_COLOR },
    { "no-colour", no_argument, NULL, OPT_NO_COLOR },
    { "help", no_argument, NULL, 'h' },
    { "version", no_argument, NULL, 'V' },
    { NULL, 0, NULL, 0 },
};

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
    case OPT_NO_COLOR: o->no_color = true; return 0;
    case 'h': mt_options_usage(out); return 1;
    case 'V': fprintf(out, "memtop %s\n", PACKAGE_VERSION); return 1;
    default: return -1;
    }
}

enum mt_parse_result mt_options_parse(mt_options *o, int argc, char **argv,
                                      FILE *out, char *err, size_t errlen)
{
    int c;
    err[0] = '\0';
    optind = 0; /* full reset, so tests can parse more than once */
    opterr = 0;
    while ((c = getopt_long(argc, argv, ":bo:d:n:p:u:f:s:RcKhV", long_opts, NULL)) != -1) {
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
    return MT_PARSE_OK;
}
