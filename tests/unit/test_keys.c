/* test_keys.c - the view's key table: no key bound twice on a screen,
 * every action bound and explained, the help made from it, and the
 * README and the man page naming every key in it. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memtop/keys.h"
#include "suites.h"

static bool in_context(const mt_key_binding *b, int c)
{
    return (b->contexts & MT_KC_BIT(c)) != 0;
}

START_TEST(no_key_bound_twice)
{
    size_t n;
    const mt_key_binding *t = mt_keys_table(&n);
    ck_assert_uint_gt(n, 0);
    for (size_t i = 0; i < n; i++) {
        ck_assert_msg(t[i].contexts != 0 && t[i].contexts < MT_KC_BIT(MT_KC_COUNT),
                      "entry %zu: contexts %#x", i, t[i].contexts);
        ck_assert_msg(t[i].action > MT_ACT_NONE && t[i].action < MT_NACTIONS,
                      "entry %zu: action %d", i, (int)t[i].action);
        ck_assert_msg(t[i].keys[0] != 0, "entry %zu binds no key", i);
    }
    for (int c = 0; c < MT_KC_COUNT; c++)
        for (size_t i = 0; i < n; i++)
            for (int k = 0; k < MT_KEYS_PER_BINDING && t[i].keys[k]; k++)
                for (size_t j = i; j < n; j++)
                    for (int l = j == i ? k + 1 : 0; l < MT_KEYS_PER_BINDING && t[j].keys[l];
                         l++) {
                        char name[32];
                        mt_key_name(t[i].keys[k], name, sizeof name);
                        ck_assert_msg(!(in_context(&t[i], c) && in_context(&t[j], c) &&
                                        t[i].keys[k] == t[j].keys[l]),
                                      "%s is bound twice in %s (entries %zu and %zu)", name,
                                      mt_key_context_title((enum mt_key_context)c), i, j);
                    }
}
END_TEST

/* The dispatcher switches on these actions: each one has a key and
 * says what it does. */
START_TEST(every_action_bound_and_explained)
{
    size_t n;
    const mt_key_binding *t = mt_keys_table(&n);
    for (int a = MT_ACT_NONE + 1; a < MT_NACTIONS; a++) {
        bool bound = false;
        for (size_t i = 0; i < n; i++)
            if ((int)t[i].action == a && t[i].keys[0] && t[i].help && t[i].help[0])
                bound = true;
        ck_assert_msg(bound, "action %d has no key with a help text", a);
    }
    for (size_t i = 0; i < n; i++)
        ck_assert_msg(t[i].help && t[i].help[0], "entry %zu has no help text", i);
    for (int c = 0; c < MT_KC_COUNT; c++)
        ck_assert_ptr_nonnull(mt_key_context_title((enum mt_key_context)c));
}
END_TEST

/* In a prompt a printable key is text: none may be bound there. */
START_TEST(a_prompt_binds_no_text)
{
    size_t n;
    const mt_key_binding *t = mt_keys_table(&n);
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < MT_KEYS_PER_BINDING && t[i].keys[k]; k++)
            ck_assert_msg(!in_context(&t[i], MT_KC_PROMPT) ||
                              t[i].keys[k] < 0x20 || t[i].keys[k] >= 0x7f,
                          "'%c' is bound in a prompt, where it is typed", t[i].keys[k]);
}
END_TEST

/* The keys the tests in tests/e2e and people's habits rely on. */
START_TEST(lookup)
{
    ck_assert_int_eq(mt_key_action(MT_KC_LIST, 'q'), MT_ACT_QUIT);
    ck_assert_int_eq(mt_key_action(MT_KC_LIST, MT_KEY_F(10)), MT_ACT_QUIT);
    ck_assert_int_eq(mt_key_action(MT_KC_LIST, '?'), MT_ACT_HELP);
    ck_assert_int_eq(mt_key_action(MT_KC_LIST, '\\'), MT_ACT_FILTER);
    ck_assert_int_eq(mt_key_action(MT_KC_LIST, MT_KEY_ENTER), MT_ACT_OPEN);
    ck_assert_int_eq(mt_key_action(MT_KC_LIST, '\r'), MT_ACT_OPEN);
    ck_assert_int_eq(mt_key_action(MT_KC_LIST, 'z'), MT_ACT_NONE);
    ck_assert_int_eq(mt_key_action(MT_KC_LIST, MT_KEY_F(7)), MT_ACT_NONE);
    ck_assert_int_eq(mt_key_action(MT_KC_MAP, 'q'), MT_ACT_CLOSE);
    ck_assert_int_eq(mt_key_action(MT_KC_MAP, MT_KEY_DEL), MT_ACT_BACK);
    ck_assert_int_eq(mt_key_action(MT_KC_MAP, MT_KEY_CTRL_H), MT_ACT_NONE);
    ck_assert_int_eq(mt_key_action(MT_KC_MAP, '?'), MT_ACT_HELP);
    ck_assert_int_eq(mt_key_action(MT_KC_PAGER, ' '), MT_ACT_PAGE_DOWN);
    ck_assert_int_eq(mt_key_action(MT_KC_PAGER, MT_KEY_F(10)), MT_ACT_QUIT);
    ck_assert_int_eq(mt_key_action(MT_KC_SETUP, MT_KEY_F(10)), MT_ACT_BACK);
    ck_assert_int_eq(mt_key_action(MT_KC_SETUP, ' '), MT_ACT_TOGGLE);
    ck_assert_int_eq(mt_key_action(MT_KC_SORTMENU, 'q'), MT_ACT_BACK);
    ck_assert_int_eq(mt_key_action(MT_KC_SORTMENU, 'p'), MT_ACT_NONE);
    ck_assert_int_eq(mt_key_action(MT_KC_CONFIRM, 'Y'), MT_ACT_ACCEPT);
    ck_assert_int_eq(mt_key_action(MT_KC_CONFIRM, 'n'), MT_ACT_NONE);
    ck_assert_int_eq(mt_key_action(MT_KC_PROMPT, MT_KEY_CTRL_U), MT_ACT_ERASE_LINE);
    ck_assert_int_eq(mt_key_action(MT_KC_PROMPT, 'q'), MT_ACT_NONE);
}
END_TEST

START_TEST(key_names)
{
    char b[32];
    mt_key_name('q', b, sizeof b);
    ck_assert_str_eq(b, "q");
    mt_key_name(' ', b, sizeof b);
    ck_assert_str_eq(b, "space");
    mt_key_name(MT_KEY_F(10), b, sizeof b);
    ck_assert_str_eq(b, "F10");
    mt_key_name(MT_KEY_NPAGE, b, sizeof b);
    ck_assert_str_eq(b, "PgDn");
    mt_key_name('\r', b, sizeof b);
    ck_assert_str_eq(b, "Enter");
    mt_key_name(MT_KEY_CTRL_U, b, sizeof b);
    ck_assert_str_eq(b, "Ctrl-U");
}
END_TEST

/* All of context c's help lines, one string. */
static void help_of(enum mt_key_context c, char *all, size_t n)
{
    char line[256];
    size_t pos = 0, o = 0;
    all[0] = '\0';
    while (mt_keys_help_next(c, &pos, line, sizeof line) && o < n)
        o += (size_t)snprintf(all + o, n - o, "%s\n", line);
}

/* The help is the table: every key of a screen is named in that
 * screen's part, entries with one text share a line, Enter's three
 * codes are one name. */
START_TEST(help_from_the_table)
{
    static char all[8192];
    size_t n;
    const mt_key_binding *t = mt_keys_table(&n);
    help_of(MT_KC_LIST, all, sizeof all);
    ck_assert_msg(strncmp(all, " F1 h ?  ", 9) == 0, "first help line: %.40s", all);
    ck_assert_ptr_nonnull(strstr(all, "this help"));
    ck_assert_ptr_nonnull(strstr(all, "\n G M N H  "));
    ck_assert_ptr_nonnull(strstr(all, "\n Enter  "));
    ck_assert_ptr_null(strstr(all, "Enter Enter"));
    for (int c = 0; c < MT_KC_COUNT; c++) {
        help_of((enum mt_key_context)c, all, sizeof all);
        for (size_t i = 0; i < n; i++) {
            if (!in_context(&t[i], c))
                continue;
            ck_assert_ptr_nonnull(strstr(all, t[i].help));
            for (int k = 0; k < MT_KEYS_PER_BINDING && t[i].keys[k]; k++) {
                char name[32], word[40];
                mt_key_name(t[i].keys[k], name, sizeof name);
                snprintf(word, sizeof word, " %s ", name);
                ck_assert_msg(strstr(all, word), "help of %s does not name %s",
                              mt_key_context_title((enum mt_key_context)c), name);
            }
        }
    }
    help_of(MT_KC_SETUP, all, sizeof all);
    ck_assert_ptr_nonnull(strstr(all, " space Enter  "));
}
END_TEST

/* The list's footer: htop's function keys first, in this order. */
START_TEST(footer_order)
{
    static const char *const want[] = { "F1 Help", "F2 Setup", "F3 Search", "F4 Filter",
                                        "F5 Tree", "F6 Sort", "F9 Kill", "F10 Quit",
                                        "u User", "x Exited", "space Pause" };
    size_t n, k = 0;
    const mt_key_binding *t = mt_keys_table(&n);
    for (size_t i = 0; i < n; i++) {
        if (!t[i].footer)
            continue;
        char name[32], got[64];
        ck_assert(in_context(&t[i], MT_KC_LIST));
        mt_key_name(t[i].keys[0], name, sizeof name);
        snprintf(got, sizeof got, "%s %s", name, t[i].footer);
        ck_assert_uint_lt(k, sizeof want / sizeof want[0]);
        ck_assert_str_eq(got, want[k++]);
    }
    ck_assert_uint_eq(k, sizeof want / sizeof want[0]);
}
END_TEST

/* The text from the line starting with `from` to the one starting with
 * `to` (excluded); NULL if either is missing. */
static char *section(const char *text, const char *from, const char *to)
{
    const char *a = strstr(text, from);
    const char *b = a ? strstr(a, to) : NULL;
    if (!b)
        return NULL;
    char *s = malloc((size_t)(b - a) + 1);
    memcpy(s, a, (size_t)(b - a));
    s[b - a] = '\0';
    return s;
}

/* word in text with no letter or digit either side. */
static bool has_word(const char *text, const char *word)
{
    size_t len = strlen(word);
    for (const char *p = strstr(text, word); p; p = strstr(p + 1, word))
        if ((p == text || !isalnum((unsigned char)p[-1])) && !isalnum((unsigned char)p[len]))
            return true;
    return false;
}

/* roff's escapes for a hyphen and a backslash, undone in place. */
static void unescape_roff(char *s)
{
    char *o = s;
    for (const char *p = s; *p; p++) {
        if (p[0] == '\\' && (p[1] == '-' || p[1] == 'e')) {
            *o++ = p[1] == '-' ? '-' : '\\';
            p++;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
}

/* Appends arg's words, space-separated, to the list in out. */
static void add_words(char *out, size_t n, const char *arg, size_t len)
{
    size_t o = strlen(out);
    snprintf(out + o, n - o, "%.*s ", (int)len, arg);
}

/* A roff request's arguments from p to end ("quoted" ones one
 * argument): every one (first -1) or every other from first, to out. */
static void request_args(const char *p, const char *end, int first, char *out, size_t n)
{
    for (int arg = 0; p < end; arg++) {
        while (p < end && *p == ' ')
            p++;
        if (p >= end)
            break;
        bool quoted = *p == '"';
        const char *s = quoted ? p + 1 : p;
        const char *e = memchr(s, quoted ? '"' : ' ', (size_t)(end - s));
        if (!e)
            e = end;
        if (first < 0 || arg % 2 == first)
            add_words(out, n, s, (size_t)(e - s));
        p = quoted && e < end ? e + 1 : e;
    }
}

/* The words a man page sets in bold, " w1 w2 ... ": .B's arguments,
 * every other one of .BR (first) and .RB (second), \fB...\fR spans. */
static void bold_words(const char *man, char *out, size_t n)
{
    snprintf(out, n, " ");
    for (const char *line = man, *end; *line; line = *end ? end + 1 : end) {
        end = strchr(line, '\n');
        if (!end)
            end = line + strlen(line);
        if (strncmp(line, ".B ", 3) == 0)
            request_args(line + 3, end, -1, out, n);
        else if (strncmp(line, ".BR ", 4) == 0 || strncmp(line, ".RB ", 4) == 0)
            request_args(line + 4, end, line[1] == 'B' ? 0 : 1, out, n);
        for (const char *b = strstr(line, "\\fB"); b && b < end; b = strstr(b + 3, "\\fB")) {
            const char *r = strstr(b + 3, "\\f");
            if (r && r < end)
                add_words(out, n, b + 3, (size_t)(r - b - 3));
        }
    }
    /* every word its own entry: " a, b " -> " a b " */
    for (char *p = out; *p; p++)
        if ((*p == ',' || *p == ';' || *p == ':') && p[1] == ' ' && p > out && p[-1] != ' ')
            *p = ' ';
}

/* Each key of the table is named in doc: a printable one as the doc
 * marks keys (README: `k`; man, with its bold words: bold), any other
 * by its name. */
static void check_doc(const char *what, const char *doc, const char *bold)
{
    size_t n;
    const mt_key_binding *t = mt_keys_table(&n);
    for (size_t i = 0; i < n; i++)
        for (int k = 0; k < MT_KEYS_PER_BINDING && t[i].keys[k]; k++) {
            int key = t[i].keys[k];
            char name[32], want[8];
            bool named;
            mt_key_name(key, name, sizeof name);
            if (key > 0x20 && key < 0x7f) {
                snprintf(want, sizeof want, bold ? " %c " : "`%c`", key);
                named = strstr(bold ? bold : doc, want) != NULL;
            } else {
                named = has_word(doc, name);
            }
            ck_assert_msg(named, "%s does not name the key %s (%s)", what, name, t[i].help);
        }
}

START_TEST(docs_name_every_key)
{
    char *readme = test_read_fixture("../../README.md");
    char *man = test_read_fixture("../../assets/memtop.1");
    ck_assert_ptr_nonnull(readme);
    ck_assert_ptr_nonnull(man);
    char *view = section(readme, "### The interactive view", "### Find a leak");
    char *keys = section(man, ".SH INTERACTIVE VIEW", ".SH LEAK VERDICT");
    ck_assert_ptr_nonnull(view);
    ck_assert_ptr_nonnull(keys);
    check_doc("README's interactive view", view, NULL);
    static char bold[65536];
    bold_words(keys, bold, sizeof bold);
    unescape_roff(bold);
    unescape_roff(keys);
    check_doc("the man page's INTERACTIVE VIEW", keys, bold);
    free(view);
    free(keys);
    free(readme);
    free(man);
}
END_TEST

Suite *keys_suite(void)
{
    Suite *s = suite_create("keys");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, TEST_TIMEOUT_CPU);
    tcase_add_test(tc, no_key_bound_twice);
    tcase_add_test(tc, every_action_bound_and_explained);
    tcase_add_test(tc, a_prompt_binds_no_text);
    tcase_add_test(tc, lookup);
    tcase_add_test(tc, key_names);
    tcase_add_test(tc, help_from_the_table);
    tcase_add_test(tc, footer_order);
    tcase_add_test(tc, docs_name_every_key);
    suite_add_tcase(s, tc);
    return s;
}
