/* suites.h - one Check suite per module; main.c runs them all. */
#ifndef MEMTOP_TEST_SUITES_H
#define MEMTOP_TEST_SUITES_H

#include <check.h>

Suite *escape_suite(void);
Suite *format_suite(void);
Suite *growth_suite(void);
Suite *history_suite(void);
Suite *layout_suite(void);
Suite *ledger_suite(void);
Suite *options_suite(void);
Suite *proctable_suite(void);
Suite *settings_suite(void);
Suite *record_suite(void);
Suite *smaps_suite(void);
Suite *statm_suite(void);
Suite *view_suite(void);
Suite *writers_suite(void);

/* Reads a fixture from tests/data (TESTDATA or the source tree). */
char *test_read_fixture(const char *name);

#endif
