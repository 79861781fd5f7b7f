/* main.c - runs every unit suite. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"

char *test_read_fixture(const char *name)
{
    const char *dir = getenv("TESTDATA");
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir ? dir : "tests/data", name);
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "cannot open fixture %s\n", path);
        return NULL;
    }
    size_t cap = 4096, len = 0;
    char *buf = malloc(cap);
    size_t n;
    while ((n = fread(buf + len, 1, cap - len - 1, f)) > 0) {
        len += n;
        if (cap - len < 2)
            buf = realloc(buf, cap *= 2);
    }
    buf[len] = '\0';
    fclose(f);
    return buf;
}

int main(void)
{
    /* wcwidth needs a UTF-8 character type; C.UTF-8 is always there
     * with glibc >= 2.35. */
    if (!setlocale(LC_CTYPE, "C.UTF-8"))
        fprintf(stderr, "warning: no C.UTF-8 locale, wide-character tests may fail\n");
    char timeout[16];
    snprintf(timeout, sizeof timeout, "%d", TEST_TIMEOUT_CPU);
    setenv("CK_DEFAULT_TIMEOUT", timeout, 0);   /* read by tcase_create */
    SRunner *sr = srunner_create(escape_suite());
    srunner_add_suite(sr, columns_suite());
    srunner_add_suite(sr, engine_suite());
    srunner_add_suite(sr, format_suite());
    srunner_add_suite(sr, growth_suite());
    srunner_add_suite(sr, history_suite());
    srunner_add_suite(sr, keys_suite());
    srunner_add_suite(sr, layout_suite());
    srunner_add_suite(sr, ledger_suite());
    srunner_add_suite(sr, options_suite());
    srunner_add_suite(sr, pidindex_suite());
    srunner_add_suite(sr, proctable_suite());
    srunner_add_suite(sr, settings_suite());
    srunner_add_suite(sr, record_suite());
    srunner_add_suite(sr, smaps_suite());
    srunner_add_suite(sr, statm_suite());
    srunner_add_suite(sr, sysmem_suite());
    srunner_add_suite(sr, verdict_suite());
    srunner_add_suite(sr, selflimit_suite());
    srunner_add_suite(sr, view_suite());
    srunner_add_suite(sr, writers_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
