/* test_settings.c - memtoprc: path, parsing, warnings, save/load. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "memtop/layout.h"
#include "memtop/settings.h"
#include "suites.h"

START_TEST(path_rules)
{
    char path[4096];
    char *old_home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;
    char *old_xdg = getenv("XDG_CONFIG_HOME") ? strdup(getenv("XDG_CONFIG_HOME")) : NULL;
    setenv("XDG_CONFIG_HOME", "/srv/cfg", 1);
    setenv("HOME", "/home/op", 1);
    ck_assert_int_eq(mt_settings_path(path, sizeof path), 0);
    ck_assert_str_eq(path, "/srv/cfg/memtop/memtoprc");
    setenv("XDG_CONFIG_HOME", "relative/dir", 1);   /* invalid: ignored */
    ck_assert_int_eq(mt_settings_path(path, sizeof path), 0);
    ck_assert_str_eq(path, "/home/op/.config/memtop/memtoprc");
    unsetenv("XDG_CONFIG_HOME");
    unsetenv("HOME");
    ck_assert_int_eq(mt_settings_path(path, sizeof path), -1);  /* never the cwd */
    setenv("HOME", "", 1);
    ck_assert_int_eq(mt_settings_path(path, sizeof path), -1);
    if (old_home)
        setenv("HOME", old_home, 1);
    if (old_xdg)
        setenv("XDG_CONFIG_HOME", old_xdg, 1);
    free(old_home);
    free(old_xdg);
}
END_TEST

START_TEST(good_file)
{
    mt_options o;
    char *text = test_read_fixture("settings/good.memtoprc");
    char warnings[1024] = "";
    FILE *w = fmemopen(warnings, sizeof warnings, "w");
    mt_options_defaults(&o);
    ck_assert_int_eq(mt_settings_apply(&o, text, "good", w), 0);
    fclose(w);
    ck_assert_str_eq(warnings, "");
    ck_assert(o.delay == 0.5);
    ck_assert_int_eq(o.sort, MT_SORT_HEAP);
    ck_assert(o.reverse && o.cmdline && !o.kthreads && o.no_color);
    ck_assert_uint_eq(o.analysis.history, 300);
    ck_assert(o.analysis.window == 120);
    ck_assert(o.pss);
    ck_assert_uint_ne(o.view_columns, 0);
    free(text);
}
END_TEST

START_TEST(bad_lines_warn_and_continue)
{
    mt_options o;
    char *text = test_read_fixture("settings/bad.memtoprc");
    char warnings[4096];
    memset(warnings, 0, sizeof warnings);
    FILE *w = fmemopen(warnings, sizeof warnings, "w");
    mt_options_defaults(&o);
    ck_assert_int_eq(mt_settings_apply(&o, text, "/x/memtoprc", w), 8);
    fclose(w);
    ck_assert_ptr_nonnull(strstr(warnings, "memtop: /x/memtoprc:1: -d fast: not a number"));
    ck_assert_ptr_nonnull(strstr(warnings, "memtop: /x/memtoprc:2: sort = size: unknown sort key"));
    ck_assert_ptr_nonnull(strstr(warnings, "memtop: /x/memtoprc:3: unknown setting ''"));
    ck_assert_ptr_nonnull(strstr(warnings, "memtop: /x/memtoprc:4: expected 'key = value'"));
    ck_assert_ptr_nonnull(strstr(warnings, "memtop: /x/memtoprc:5: unknown setting 'frobnicate'"));
    ck_assert_ptr_nonnull(strstr(warnings, ":6: history = 2: must be a whole number"));
    ck_assert_ptr_nonnull(strstr(warnings, ":7: color = perhaps: not yes or no"));
    ck_assert_ptr_null(strchr(warnings, '\x1b'));   /* line 9's ESC is shown as '?' */
    ck_assert(o.delay == 3);                         /* good lines still apply */
    free(text);
}
END_TEST

START_TEST(save_then_load)
{
    char dir[] = "/tmp/memtop-settings-XXXXXX", path[256];
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/a/b/memtoprc", dir);
    mt_options o, back;
    char err[512];
    mt_options_defaults(&o);
    o.delay = 1.25;
    o.sort = MT_SORT_PID;
    o.reverse = true;
    o.no_color = true;
    o.analysis.history = 42;
    o.view_columns = (1u << 0) | (1u << 3);
    ck_assert_int_eq(mt_settings_save(&o, path, err, sizeof err), 0);
    mt_options_defaults(&back);
    ck_assert_int_eq(mt_settings_load(&back, path, stderr), 0);
    ck_assert(back.delay == 1.25);
    ck_assert_int_eq(back.sort, MT_SORT_PID);
    ck_assert(back.reverse && back.no_color);
    ck_assert_uint_eq(back.analysis.history, 42);
    ck_assert_uint_eq(back.view_columns, o.view_columns | (1u << MT_COL_COMMAND));
    /* a missing file is no problem */
    snprintf(path, sizeof path, "%s/none", dir);
    ck_assert_int_eq(mt_settings_load(&back, path, stderr), 0);
    /* an unwritable place is an error, not a crash */
    ck_assert_int_eq(mt_settings_save(&o, "/proc/nope/memtoprc", err, sizeof err), -1);
    ck_assert_ptr_nonnull(strstr(err, "/proc/nope/memtoprc: "));
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    ck_assert_int_eq(system(cmd), 0);
}
END_TEST

/* A FIFO in place of memtoprc (anyone may plant one where HOME points
 * into a shared directory) is refused at once, not waited on. */
START_TEST(fifo_is_not_waited_on)
{
    char dir[] = "/tmp/memtop-fifo.XXXXXX", path[300], *text = NULL;
    size_t len = 0;
    ck_assert_ptr_nonnull(mkdtemp(dir));
    snprintf(path, sizeof path, "%s/memtoprc", dir);
    ck_assert_int_eq(mkfifo(path, 0666), 0);
    mt_options o;
    mt_options_defaults(&o);
    FILE *warn = open_memstream(&text, &len);
    ck_assert_int_eq(mt_settings_load(&o, path, warn), 1);
    fclose(warn);
    ck_assert_ptr_nonnull(strstr(text, "memtoprc: not a regular file (settings ignored)"));
    free(text);
    unlink(path);
    rmdir(dir);
}
END_TEST

Suite *settings_suite(void)
{
    Suite *s = suite_create("settings");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, path_rules);
    tcase_add_test(tc, good_file);
    tcase_add_test(tc, bad_lines_warn_and_continue);
    tcase_add_test(tc, save_then_load);
    tcase_add_test(tc, fifo_is_not_waited_on);
    tcase_set_timeout(tc, 300);
    suite_add_tcase(s, tc);
    return s;
}
