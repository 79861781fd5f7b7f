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
#include "memtop/mapview.h"
#include "memtop/options.h"
#include "memtop/proctable.h"
#include "memtop/settings.h"
#include "memtop/record.h"
#include "memtop/sink.h"
#include "memtop/ui.h"
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

/* Where snapshots come from: live /proc, or a recording (-r). */
typedef struct source {
    mt_proctable *pt;
    mt_replay *replay;
    const char *path;
} source;

static int source_open(source *src, const mt_options *o)
{
    char err[256];
    memset(src, 0, sizeof *src);
    if (o->replay) {
        src->path = o->replay;
        src->replay = mt_replay_open(o->replay, err, sizeof err);
        if (!src->replay) {
            mt_error("%s: %s", o->replay, err);
            return -1;
        }
        return 0;
    }
    /* The OOM scores cost two files a process on each full read: read
     * them when something shows or keeps them, not for the text table. */
    mt_proctable_opts po = {
        .pss = o->pss,
        .oom = o->format != MT_FMT_TEXT || o->record || o->textfile || o->sort == MT_SORT_OOM,
    };
    src->pt = mt_proctable_open(&po);
    if (!src->pt) {
        mt_error("cannot read /proc: %s", strerror(errno));
        return -1;
    }
    if (mt_proctable_missing(src->pt))
        mt_error("/proc has no %s (mounted with subset=pid?): shown as unavailable",
                 mt_proctable_missing(src->pt));
    return 0;
}

/* 1: a snapshot; 0: the recording ended; -1: error (reported). */
static int source_next(source *src, mt_snapshot *snap)
{
    if (src->replay) {
        int r = mt_replay_next(src->replay, snap);
        if (r < 0)
            mt_error("%s: %s", src->path, mt_replay_error(src->replay));
        return r;
    }
    if (mt_proctable_sample(src->pt, snap) < 0) {
        mt_error("cannot read /proc: %s", strerror(errno));
        return -1;
    }
    return 1;
}

/* A replay that stopped at a torn tail says so once it got there. */
static void source_close(source *src, bool reached_end)
{
    size_t at;
    if (src->replay && reached_end && mt_replay_torn(src->replay, &at))
        mt_error("%s: torn frame at byte %zu, replayed %zu frames", src->path, at,
                 mt_replay_count(src->replay));
    mt_replay_close(src->replay);
    mt_proctable_free(src->pt);
}

/* The active sinks: stdout's writer (unless --textfile), the textfile
 * exporter, the recorder.  Each reports its own failures. */
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
    } else {
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

/* Calls begin, snapshot or end (op 0, 1, 2) on every sink; the first
 * failure ends the run. */
static int sinks_call(sinks *k, int op, const mt_snapshot *snap, const mt_view *view,
                      int *status)
{
    for (size_t i = 0; i < k->n; i++) {
        int rc = op == 0 ? mt_sink_begin(&k->s[i])
               : op == 1 ? mt_sink_snapshot(&k->s[i], snap, view) : mt_sink_end(&k->s[i]);
        if (rc < 0) {
            *status = sink_failed(k, i);
            return -1;
        }
    }
    return 0;
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

static int run_batch(const mt_options *o)
{
    mt_filter filter = {
        .pids = o->pids, .npids = o->npids, .by_uid = o->by_uid, .uid = o->uid,
        .text = o->filter, .kthreads = o->kthreads,
    };
    source src;
    sinks out;
    if (source_open(&src, o) < 0)
        return 1;
    if (sinks_open(&out, o, &filter) < 0) {
        source_close(&src, false);
        return 1;
    }
    mt_analysis_opts ao = o->analysis;
    if (o->replay)      /* the recorded machine's cgroups are not here */
        ao.proc_root = ao.cgroup_root = NULL;
    mt_analysis *analysis = mt_analysis_new(&ao);
    mt_snapshot snap;
    mt_view view;
    mt_snapshot_init(&snap);
    mt_view_init(&view);

    int status = 0;
    bool failed = sinks_call(&out, 0, NULL, NULL, &status) < 0, ended = false;
    double next = mt_now_mono();
    for (long i = 0; !failed && !stop_signal && (o->iterations == 0 || i < o->iterations); i++) {
        if (i > 0)
            pace(o, &next);
        if (stop_signal)
            break;
        int got = source_next(&src, &snap);
        if (got <= 0) {
            ended = got == 0;
            failed = got < 0;
            status = got < 0;
            break;
        }
        mt_analysis_update(analysis, &snap);
        mt_view_build(&view, &snap, &filter, o->sort, o->reverse);
        failed = sinks_call(&out, 1, &snap, &view, &status) < 0;
    }
    if (!failed)
        sinks_call(&out, 2, NULL, NULL, &status);
    sinks_close(&out, o, &status);
    source_close(&src, ended);
    mt_view_free(&view);
    mt_snapshot_free(&snap);
    mt_analysis_free(analysis);
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
            status = mt_ui_run(&opts, warnings && *warnings ? warnings : NULL, &stop_signal);
        }
        /* The screen hid them while it ran: say them again on the way out. */
        if (warnings)
            fputs(warnings, stderr);
        free(warnings);
    } else {
        status = opts.map_pid ? run_map(&opts) : run_batch(&opts);
    }
    mt_options_free(&opts);
    return status;
}
