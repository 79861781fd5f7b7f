/* suites.h - one Check suite per module; main.c runs them all. */
#ifndef MEMTOP_TEST_SUITES_H
#define MEMTOP_TEST_SUITES_H

#include <check.h>

Suite *columns_suite(void);
Suite *engine_suite(void);
Suite *escape_suite(void);
Suite *format_suite(void);
Suite *growth_suite(void);
Suite *history_suite(void);
Suite *keys_suite(void);
Suite *layout_suite(void);
Suite *ledger_suite(void);
Suite *options_suite(void);
Suite *pidindex_suite(void);
Suite *proctable_suite(void);
Suite *settings_suite(void);
Suite *record_suite(void);
Suite *smaps_suite(void);
Suite *statm_suite(void);
Suite *sysmem_suite(void);
Suite *verdict_suite(void);
Suite *selflimit_suite(void);
Suite *view_suite(void);
Suite *writers_suite(void);

/* Check's default of 4 s a test is no limit for a busy machine, a
 * package build or a sanitizer build: every test case names its own.
 * Pure computation gets TEST_TIMEOUT_CPU (main.c makes it the default
 * too); a case that forks, waits or reads /proc gets TEST_TIMEOUT_LIVE.
 * CK_DEFAULT_TIMEOUT and CK_TIMEOUT_MULTIPLIER still override. */
#define TEST_TIMEOUT_CPU 60
#define TEST_TIMEOUT_LIVE 300

/* Reads a fixture from tests/data (TESTDATA or the source tree). */
char *test_read_fixture(const char *name);

#endif
