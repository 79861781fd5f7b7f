/* main.c - wiring: options -> source -> sinks.  The only place that
 * decides to exit. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "memtop/analysis.h"
#include "memtop/engine.h"
#include "memtop/mapview.h"
#include "memtop/options.h"
#include "memtop/settings.h"
#include "memtop/record.h"
#include "memtop/sink.h"
#include "memtop/ui.h"
#include "memtop/selflimit.h"
#include "memtop/snapshot.h"
#include "memtop/textfile.h"
#include "memtop/util.h"
#include "memtop/view.h"

static volatile sig_atomic_t stop_signal;

static void on_stop(int sig) { stop_signal = sig; }

static void install_signals(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_stop;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    /* A closed pipe is a write error we handle (quietly), not a death. */
    signal(SIGPIPE, SIG_IGN);
}

/* Sleeps until the monotonic deadline, or until a stop signal. */
static void sleep_until(double deadline)
{
    struct timespec ts;
    ts.tv_sec = (time_t)deadline;
    ts.tv_nsec = (long)((deadline - (double)ts.tv_sec) * 1e9);
    while (!stop_signal &&
           clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &ts, NULL) == EINTR)
        ;
}

/* A failed write: a closed pipe (`memtop -b | head`) ends quietly with
 * status 0, anything else is an error. */
static int write_failed(void)
{
    if (errno == EPIPE)
        return 0;
    mt_error("write error: %s", strerror(errno ? errno : EIO));
    return 1;
}

/* Where snapshots come from: live /proc, or a recording (-r).  The OOM
 * scores cost two files a process on each full read: batch mode reads
 * them when something shows or keeps them, not for the text table; the
 * interactive view always (O shows them at any time). */
static mt_source *source_open(const mt_options *o)
{
    char err[256];
    mt_source *src;
    if (o->replay) {
        if (!(src = mt_source_replay(o->replay, err, sizeof err)))
            mt_error("%s: %s", o->replay, err);
        return src;
    }
    /* A memory limit too small for this many processes: say so rather
     * than be OOM-killed without a word. */
    if (mt_selflimit_check(mt_selflimit_self(), mt_selflimit_count(NULL), err, sizeof err) < 0) {
        mt_error("memory limit: %s", err);
        return NULL;
    }
    mt_proctable_opts po = {
        .pss = o->pss,
        .oom = !o->batch || o->format != MT_FMT_TEXT || o->record || o->textfile ||
               o->sort == MT_SORT_OOM,
    };
    if (!(src = mt_source_live(&po, err, sizeof err))) {
        mt_error("%s", err);
        return NULL;
    }
    const char *missing = mt_proctable_missing(mt_source_proctable(src));
    if (missing && o->batch)    /* the view says it in its status line */
        mt_error("/proc has no %s (mounted with subset=pid?): shown as unavailable", missing);
    return src;
}

/* A replay that stopped at a torn tail says so once it got there. */
static void torn_warning(mt_source *src, const mt_options *o)
{
    size_t at;
    if (mt_source_torn(src, &at))
        mt_error("%s: torn frame at byte %zu, replayed %zu frames", o->replay, at,
                 mt_source_count(src));
}

/* The active sinks: stdout's writer (batch, unless --textfile), the
 * textfile exporter, the recorder.  Each reports its own failures. */
#define MAX_SINKS 3
typedef struct sinks {
    mt_sink s[MAX_SINKS];
    const char *what[MAX_SINKS];    /* option, for errors; NULL: stdout */
    const char *path[MAX_SINKS];
    size_t n;
    mt_recorder *rec;
    mt_textfile *tf;
} sinks;

static int sink_failed(const sinks *k, size_t i)
{
    if (!k->what[i])
        return write_failed();
    mt_error("%s %s: %s", k->what[i], k->path[i], strerror(errno ? errno : EIO));
    return 1;
}

/* Appending to the file being replayed would never end well. */
static bool same_file(const char *a, const char *b)
{
    struct stat x, y;
    if (stat(a, &x) < 0 || stat(b, &y) < 0)
        return strcmp(a, b) == 0;
    return x.st_dev == y.st_dev && x.st_ino == y.st_ino;
}

static int sinks_open(sinks *k, const mt_options *o, const mt_filter *filter)
{
    char err[256], warn[256];
    memset(k, 0, sizeof *k);
    if (o->record && o->replay && same_file(o->record, o->replay)) {
        mt_error("-w %s: the file being replayed", o->record);
        return -1;
    }
    if (o->textfile) {
        if (!(k->tf = mt_textfile_open(o->textfile, err, sizeof err))) {
            mt_error("--textfile %s: %s", o->textfile, err);
            return -1;
        }
        mt_sink_init(&k->s[k->n], &mt_out_textfile, NULL);
        k->s[k->n].ctx = k->tf;
        k->path[k->n] = o->textfile;
        k->what[k->n++] = "--textfile";
    } else if (o->batch) {
        mt_sink_init(&k->s[k->n], mt_sink_ops_for(o->format), stdout);
        k->s[k->n].utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
        k->what[k->n++] = NULL;
    }
    if (o->record) {
        if (!(k->rec = mt_recorder_open(o->record, NULL, err, sizeof err, warn, sizeof warn))) {
            mt_error("-w %s: %s", o->record, err);
            mt_textfile_close(k->tf);
            return -1;
        }
        if (warn[0])
            mt_error("-w %s: %s", o->record, warn);
        mt_sink_init(&k->s[k->n], &mt_out_record, NULL);
        k->s[k->n].ctx = k->rec;
        k->path[k->n] = o->record;
        k->what[k->n++] = "-w";
    }
    for (size_t i = 0; i < k->n; i++) {
        k->s[i].cmdline = o->cmdline;
        k->s[i].pss = o->pss;
        k->s[i].filter = filter;
    }
    return 0;
}

static void sinks_close(sinks *k, const mt_options *o, int *status)
{
    if (mt_recorder_close(k->rec) < 0 && *status == 0) {
        mt_error("-w %s: %s", o->record, strerror(errno));
        *status = 1;
    }
    mt_textfile_close(k->tf);
}

/* Attaches every sink to the engine. */
static void sinks_attach(sinks *k, mt_engine *e)
{
    for (size_t i = 0; i < k->n; i++)
        mt_engine_attach(e, &k->s[i]);
}

/* The sink that failed says why; its status. */
static int engine_sink_failed(const sinks *k, const mt_engine *e)
{
    errno = mt_engine_failed_errno(e);
    for (size_t i = 0; i < k->n; i++)
        if (mt_engine_failed_sink(e) == &k->s[i])
            return sink_failed(k, i);
    return 1;
}

/* Live: wait for the next refresh.  Replay: no waiting. */
static void pace(const mt_options *o, double *next)
{
    if (o->replay)
        return;
    *next += o->delay;
    /* Fell behind (suspended, overloaded): do not catch up in a burst. */
    if (*next < mt_now_mono())
        *next = mt_now_mono();
    sleep_until(*next);
}

static int run_batch(const mt_options *o, mt_engine *e, sinks *out)
{
    int status = 0;
    bool failed = mt_engine_begin(e) < 0, ended = false;
    if (failed)
        status = engine_sink_failed(out, e);
    double next = mt_now_mono();
    for (long i = 0; !failed && !stop_signal && (o->iterations == 0 || i < o->iterations); i++) {
        if (i > 0)
            pace(o, &next);
        if (stop_signal)
            break;
        int got = mt_engine_refresh(e);
        if (got == 1)
            continue;
        failed = got < 0;
        if (got == 0) {
            ended = true;
        } else if (got == -1) {
            mt_error("%s%s%s", o->replay ? o->replay : "", o->replay ? ": " : "",
                     mt_engine_error(e));
            status = 1;
        } else {
            status = engine_sink_failed(out, e);
        }
        break;
    }
    if (!failed && mt_engine_end(e) < 0)
        status = engine_sink_failed(out, e);
    if (ended)
        torn_warning(mt_engine_source(e), o);
    return status;
}

/* The list, batch or interactive: one engine between the source and the
 * sinks. */
static int run_list(const mt_options *o, const char *notice)
{
    mt_filter filter = {
        .pids = o->pids, .npids = o->npids, .by_uid = o->by_uid, .uid = o->uid,
        .text = o->filter, .kthreads = o->kthreads,
    };
    sinks out;
    mt_source *src = source_open(o);
    if (!src)
        return 1;
    if (sinks_open(&out, o, &filter) < 0) {
        mt_source_close(src);
        return 1;
    }
    mt_engine *e = mt_engine_new(src, &o->analysis);
    mt_engine_set_filter(e, &filter);
    mt_engine_set_sort(e, o->sort, o->reverse);
    sinks_attach(&out, e);
    int status;
    if (o->batch)
        status = run_batch(o, e, &out);
    else
        status = mt_ui_run(o, e, notice, &stop_signal);
    if (!o->batch && mt_engine_failed_sink(e))
        status = engine_sink_failed(&out, e);
    sinks_close(&out, o, &status);
    mt_engine_free(e);
    return status;
}

/* -m PID: one process's memory map every refresh.  A process that
 * exits after the first refresh ends the run with a note and status 0:
 * what was printed is complete. */
static int run_map(const mt_options *o)
{
    mt_mapview *mv = mt_mapview_new(o->map_pid, NULL);
    mt_sink sink;
    char err[512];
    int status = 0;
    /* A map can be megabytes of text: write it in big pieces. */
    static char outbuf[1 << 16];
    setvbuf(stdout, outbuf, _IOFBF, sizeof outbuf);
    mt_sink_init(&sink, mt_sink_ops_for(o->format), stdout);
    sink.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
    double next = mt_now_mono();
    for (long i = 0; !stop_signal && (o->iterations == 0 || i < o->iterations); i++) {
        if (i > 0)
            pace(o, &next);
        if (stop_signal)
            break;
        if (mt_mapview_sample(mv, err, sizeof err) < 0) {
            if (i > 0 && errno == ESRCH) {
                mt_error("process %d exited", (int)o->map_pid);
            } else {
                mt_error("%s", err);
                status = 1;
            }
            break;
        }
        if (mt_sink_map(&sink, mv) < 0) {
            status = write_failed();
            break;
        }
    }
    mt_mapview_free(mv);
    return status;
}

/* A descriptor 0-2 that is closed at start would be handed to the next
 * file memtop opens (the recording, say), and stdout's output would go
 * there.  /dev/null takes its place: read-only, so writes to a closed
 * stdout or stderr still fail as they did. */
static void guard_std_fds(void)
{
    for (int fd = 0; fd <= 2; fd++)
        if (fcntl(fd, F_GETFD) < 0 && errno == EBADF)
            open("/dev/null", O_RDONLY);    /* the lowest free one: fd */
}

int main(int argc, char **argv)
{
    guard_std_fds();
    /* Only the character type follows the environment: numbers in CSV,
     * JSON and option values keep '.' whatever LC_NUMERIC says. */
    setlocale(LC_CTYPE, "");

    mt_options opts;
    char err[512];
    mt_options_defaults(&opts);
    enum mt_parse_result pr = mt_options_parse(&opts, argc, argv, stdout, err, sizeof err);
    if (pr == MT_PARSE_EXIT) {
        mt_options_free(&opts);
        if (fflush(stdout) == EOF || ferror(stdout))
            return write_failed();
        return 0;
    }
    if (pr == MT_PARSE_USAGE) {
        mt_error("%s", err);
        mt_options_free(&opts);
        return 2;
    }
    install_signals();
    int status;
    if (!opts.batch) {
        /* The interactive view reads the settings file first; the
         * command line (already known to be valid) overrides it. */
        char path[4096], *warnings = NULL;
        size_t wlen = 0;
        FILE *warn = open_memstream(&warnings, &wlen);
        mt_options_free(&opts);
        mt_options_defaults(&opts);
        if (mt_settings_path(path, sizeof path) == 0)
            mt_settings_load(&opts, path, warn ? warn : stderr);
        if (warn)
            fclose(warn);
        mt_options_parse(&opts, argc, argv, stdout, err, sizeof err);
        char why[256];
        if (mt_ui_check_terminal(why, sizeof why) < 0) {
            mt_error("%s", why);
            status = 1;
        } else {
            status = run_list(&opts, warnings && *warnings ? warnings : NULL);
        }
        /* The screen hid them while it ran: say them again on the way out. */
        if (warnings)
            fputs(warnings, stderr);
        free(warnings);
    } else {
        status = opts.map_pid ? run_map(&opts) : run_list(&opts, NULL);
    }
    mt_options_free(&opts);
    return status;
}
