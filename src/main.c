/* main.c - wiring: options -> source -> sinks.  The only place that
 * decides to exit. */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <locale.h>
#include <math.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "memtop/analysis.h"
#include "memtop/options.h"
#include "memtop/proctable.h"
#include "memtop/sink.h"
#include "memtop/snapshot.h"
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

static int run_batch(const mt_options *o)
{
    mt_proctable_opts po = { .pss = o->pss };
    mt_proctable *pt = mt_proctable_open(&po);
    if (!pt) {
        mt_error("cannot read /proc: %s", strerror(errno));
        return 1;
    }
    mt_snapshot snap;
    mt_view view;
    mt_sink sink;
    mt_filter filter = {
        .pids = o->pids, .npids = o->npids, .by_uid = o->by_uid, .uid = o->uid,
        .text = o->filter, .kthreads = o->kthreads,
    };
    mt_analysis *analysis = mt_analysis_new(&o->analysis);
    mt_snapshot_init(&snap);
    mt_view_init(&view);
    mt_sink_init(&sink, mt_sink_ops_for(o->format), stdout);
    sink.utf8 = strcmp(nl_langinfo(CODESET), "UTF-8") == 0;
    sink.cmdline = o->cmdline;
    sink.pss = o->pss;
    sink.filter = &filter;

    int status = 0;
    bool failed = false;
    double next = mt_now_mono();
    if (mt_sink_begin(&sink) < 0) {
        status = write_failed();
        failed = true;
    }
    for (long i = 0; !failed && !stop_signal && (o->iterations == 0 || i < o->iterations); i++) {
        if (i > 0) {
            next += o->delay;
            /* Fell behind (suspended, overloaded): do not catch up in a burst. */
            if (next < mt_now_mono())
                next = mt_now_mono();
            sleep_until(next);
            if (stop_signal)
                break;
        }
        if (mt_proctable_sample(pt, &snap) < 0) {
            mt_error("cannot read /proc: %s", strerror(errno));
            status = 1;
            failed = true;
            break;
        }
        mt_analysis_update(analysis, &snap);
        mt_view_build(&view, &snap, &filter, o->sort, o->reverse);
        if (mt_sink_snapshot(&sink, &snap, &view) < 0) {
            status = write_failed();
            failed = true;
        }
    }
    if (!failed && mt_sink_end(&sink) < 0)
        status = write_failed();
    mt_view_free(&view);
    mt_snapshot_free(&snap);
    mt_analysis_free(analysis);
    mt_proctable_free(pt);
    return status;
}

int main(int argc, char **argv)
{
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
        if (!isatty(STDOUT_FILENO))
            mt_error("standard output is not a terminal: use -b for batch output");
        else
            mt_error("the interactive view is not available in this build: use -b");
        status = 1;
    } else {
        status = run_batch(&opts);
    }
    mt_options_free(&opts);
    return status;
}
