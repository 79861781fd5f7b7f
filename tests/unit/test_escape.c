/* test_escape.c - the sanitizer and the CSV/JSON escapers. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "memtop/escape.h"
#include "suites.h"

static char *term(const char *s, bool utf8)
{
    static char buf[256];
    mt_term_sanitize(buf, sizeof buf, s, utf8);
    return buf;
}

START_TEST(utf8_decoder)
{
    uint32_t cp = 0;
    ck_assert_uint_eq(mt_utf8_decode("A", 1, &cp), 1);
    ck_assert_uint_eq(cp, 'A');
    ck_assert_uint_eq(mt_utf8_decode("\xc3\xa9", 2, &cp), 2);
    ck_assert_uint_eq(cp, 0xe9);
    ck_assert_uint_eq(mt_utf8_decode("\xe2\x82\xac", 3, &cp), 3);
    ck_assert_uint_eq(cp, 0x20ac);
    ck_assert_uint_eq(mt_utf8_decode("\xf0\x9f\x98\x80", 4, &cp), 4);
    ck_assert_uint_eq(cp, 0x1f600);
    ck_assert_uint_eq(mt_utf8_decode("\xc3", 1, &cp), 0);          /* truncated */
    ck_assert_uint_eq(mt_utf8_decode("\xc0\xaf", 2, &cp), 0);      /* overlong */
    ck_assert_uint_eq(mt_utf8_decode("\xed\xa0\x80", 3, &cp), 0);  /* surrogate */
    ck_assert_uint_eq(mt_utf8_decode("\xf4\x90\x80\x80", 4, &cp), 0); /* > U+10FFFF */
    ck_assert_uint_eq(mt_utf8_decode("\x9b", 1, &cp), 0);          /* lone continuation */
}
END_TEST

START_TEST(terminal_controls_become_question_marks)
{
    ck_assert_str_eq(term("plain name", true), "plain name");
    ck_assert_str_eq(term("\x1b]0;pwned\x07", true), "?]0;pwned?");
    ck_assert_str_eq(term("a\x1b[2Jb", true), "a?[2Jb");
    ck_assert_str_eq(term("tab\there\nnl\rcr", true), "tab?here?nl?cr");
    ck_assert_str_eq(term("del\x7f", true), "del?");
    /* C1 CSI encoded in UTF-8 (U+009B) and as a raw byte */
    ck_assert_str_eq(term("x\xc2\x9by", true), "x?y");
    ck_assert_str_eq(term("x\x9by", true), "x\xef\xbf\xbdy");
    /* bidi override that would reverse what follows */
    ck_assert_str_eq(term("ab\xe2\x80\xae" "cd", true), "ab?cd");
}
END_TEST

START_TEST(terminal_utf8_kept_or_replaced)
{
    ck_assert_str_eq(term("caf\xc3\xa9", true), "caf\xc3\xa9");
    ck_assert_str_eq(term("caf\xc3\xa9", false), "caf?");  /* one per character */
    /* a comm cut mid-character by the kernel: one replacement char */
    ck_assert_str_eq(term("name\xe2\x82", true), "name\xef\xbf\xbd");
    ck_assert_str_eq(term("\xe2\x82" "x", true), "\xef\xbf\xbd" "x");
    ck_assert_str_eq(term("\xff", false), "?");
}
END_TEST

START_TEST(terminal_never_overflows_or_splits)
{
    char small[5];
    mt_term_sanitize(small, sizeof small, "abcdefgh", true);
    ck_assert_str_eq(small, "abcd");
    mt_term_sanitize(small, sizeof small, "ab\xe2\x82\xac", true); /* euro needs 3 */
    ck_assert_str_eq(small, "ab");
    char one[1];
    mt_term_sanitize(one, sizeof one, "abc", true);
    ck_assert_str_eq(one, "");
}
END_TEST

START_TEST(width_and_fit)
{
    char buf[64];
    ck_assert_int_eq(mt_term_width("abc", true), 3);
    ck_assert_int_eq(mt_term_width("\xe6\x97\xa5\xe6\x9c\xac", true), 4); /* two CJK */
    ck_assert_int_eq(mt_term_fit(buf, sizeof buf, "postgres", 8, '+', true), 8);
    ck_assert_str_eq(buf, "postgres");
    ck_assert_int_eq(mt_term_fit(buf, sizeof buf, "systemd-network", 8, '+', true), 8);
    ck_assert_str_eq(buf, "systemd+");
    /* CJK: 3 wide chars = 6 columns into 5 -> two chars + mark = 5 */
    ck_assert_int_eq(mt_term_fit(buf, sizeof buf, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 5, '+', true), 5);
    ck_assert_str_eq(buf, "\xe6\x97\xa5\xe6\x9c\xac+");
    /* ... into 4: one char (2) + mark = 3, never a half character */
    ck_assert_int_eq(mt_term_fit(buf, sizeof buf, "\xe6\x97\xa5\xe6\x9c\xac\xe8\xaa\x9e", 4, '+', true), 3);
    ck_assert_str_eq(buf, "\xe6\x97\xa5+");
    ck_assert_int_eq(mt_term_fit(buf, sizeof buf, "abc", 0, '+', true), 0);
    ck_assert_str_eq(buf, "");
    ck_assert_int_eq(mt_term_fit(buf, sizeof buf, "abc", 1, '+', true), 1);
    ck_assert_str_eq(buf, "+");
}
END_TEST

static char *capture(int (*fn)(FILE *, const char *), const char *s)
{
    static char out[512];
    memset(out, 0, sizeof out);
    FILE *f = fmemopen(out, sizeof out, "w");
    ck_assert_ptr_nonnull(f);
    ck_assert_int_eq(fn(f, s), 0);
    fclose(f);
    return out;
}

START_TEST(csv_quoting)
{
    ck_assert_str_eq(capture(mt_csv_write, "nginx"), "nginx");
    ck_assert_str_eq(capture(mt_csv_write, "a,b"), "\"a,b\"");
    ck_assert_str_eq(capture(mt_csv_write, "say \"hi\""), "\"say \"\"hi\"\"\"");
    ck_assert_str_eq(capture(mt_csv_write, "line\nbreak\x1b[0m"), "line?break?[0m");
    ck_assert_str_eq(capture(mt_csv_write, "bad\xff"), "bad\xef\xbf\xbd");
    ck_assert_str_eq(capture(mt_csv_write, ""), "");
    /* formula cells are neutralised: text, not a formula, in a spreadsheet */
    ck_assert_str_eq(capture(mt_csv_write, "=1+2"), "'=1+2");
    ck_assert_str_eq(capture(mt_csv_write, "+cmd"), "'+cmd");
    ck_assert_str_eq(capture(mt_csv_write, "-bash"), "'-bash");
    ck_assert_str_eq(capture(mt_csv_write, "@SUM(A1)"), "'@SUM(A1)");
    ck_assert_str_eq(capture(mt_csv_write, "=HYPERLINK(\"x\",1)"),
                     "\"'=HYPERLINK(\"\"x\"\",1)\"");
    ck_assert_str_eq(capture(mt_csv_write, "a=b"), "a=b");
    ck_assert_str_eq(capture(mt_csv_write, "\t=x"), "?=x");
}
END_TEST

START_TEST(json_escaping)
{
    ck_assert_str_eq(capture(mt_json_write, "nginx"), "\"nginx\"");
    ck_assert_str_eq(capture(mt_json_write, "q\"b\\s/"), "\"q\\\"b\\\\s/\"");
    ck_assert_str_eq(capture(mt_json_write, "\n\t\r\b\f"), "\"\\n\\t\\r\\b\\f\"");
    ck_assert_str_eq(capture(mt_json_write, "\x1b[1m\x01\x7f"), "\"\\u001b[1m\\u0001\\u007f\"");
    ck_assert_str_eq(capture(mt_json_write, "\xc2\x9b"), "\"\\u009b\"");
    ck_assert_str_eq(capture(mt_json_write, "\xff\xfe"), "\"\\ufffd\\ufffd\"");
    ck_assert_str_eq(capture(mt_json_write, "caf\xc3\xa9"), "\"caf\xc3\xa9\"");
}
END_TEST

/* OpenMetrics label values: backslash, quote and newline escaped,
 * other controls '?', invalid UTF-8 U+FFFD. */
START_TEST(openmetrics_label_escaping)
{
    ck_assert_str_eq(capture(mt_om_label_write, "nginx"), "\"nginx\"");
    ck_assert_str_eq(capture(mt_om_label_write, "a\\b\"c\nd"), "\"a\\\\b\\\"c\\nd\"");
    ck_assert_str_eq(capture(mt_om_label_write, "\x1b[1m\t\x7f\xc2\x9b"), "\"?[1m???\"");
    ck_assert_str_eq(capture(mt_om_label_write, "x\xff\xe2\x82"), "\"x\xef\xbf\xbd\xef\xbf\xbd\"");
    ck_assert_str_eq(capture(mt_om_label_write, "caf\xc3\xa9"), "\"caf\xc3\xa9\"");
}
END_TEST

Suite *escape_suite(void)
{
    Suite *s = suite_create("escape");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, utf8_decoder);
    tcase_add_test(tc, terminal_controls_become_question_marks);
    tcase_add_test(tc, terminal_utf8_kept_or_replaced);
    tcase_add_test(tc, terminal_never_overflows_or_splits);
    tcase_add_test(tc, width_and_fit);
    tcase_add_test(tc, csv_quoting);
    tcase_add_test(tc, json_escaping);
    tcase_add_test(tc, openmetrics_label_escaping);
    suite_add_tcase(s, tc);
    return s;
}
