/* ui_help.c - the help screen (F1 h ?): every key, made from the key
 * table (keys.h) screen by screen, then what the columns mean. */
#include "config.h"

#include "memtop/keys.h"
#include "ui_help.h"
#include "ui_widgets.h"

/* After the keys: where they differ from htop's, and the columns. */
static const char *const column_lines[] = {
    "Unlike htop: / filters (htop: F3 / search, F4 \\ filter); H sorts by HEAP",
    "(htop: threads); P toggles PSS/USS (htop: sort by CPU); space pauses",
    "(htop: tag); x shows the exit ledger; C clears filters (htop: setup).",
    "",
    "Columns: RES resident, SHR shared (file + shmem), SWAP swapped out,",
    "HEAP anonymous memory (RssAnon + VmSwap), the memory whose growth is a",
    "leak.  GROWTH/m: the slope of HEAP's floor in its growth phase, per minute.",
    "TREND: HEAP over the last samples, one glyph each.  Its full height is",
    "the change, or 10 % of HEAP (at least 1 MiB) when the change is smaller,",
    "so a small wobble draws low and only a real rise draws a full ramp.",
    "SEGMENTS: RES split a=anon f=file s=shmem, then w=swap, scaled to the",
    "largest row on screen.",
    "LEAK? column: grow = HEAP's floor rises now (over 10 s and 12 samples at",
    "least); LEAK? = it has grown for the leak age (3 min) without slowing, or",
    "rose steadily over 10 min .. 24 h; shrnk = it falls.  A pause under 25 s",
    "keeps the state.  Rows sort LEAK? first, then grow, each by GROWTH.",
    "GROWS-IN: the region class (heap, anon, shm, file, stack...) that holds",
    "the growth of a growing process, from its smaps, read now and then.",
    "OOM-IN: time until it exhausts MemAvailable+SwapFree or its cgroup's",
    "limit (/cg, page cache counted free) at this rate; >T: beyond 10x the",
    "growth seen so far.",
    "OOM-SCORE: the kernel's oom_score, highest killed first (0: never);",
    "OOM-ADJ: its oom_score_adj (-1000..1000).  Both read every 10th refresh",
    "and for new processes.",
    "Narrow terminals drop SEGMENTS, VIRT, SHR, SWAP, USER, TREND first;",
    "LEAK? and GROWTH/m go last.  F2 says which chosen columns do not fit.",
};

void ui_help_draw(ui_state *u)
{
    ui_lines l = { 0 };
    char line[256];
    for (int c = 0; c < MT_KC_COUNT; c++) {
        size_t pos = 0;
        ui_lines_add(&l, "%s", mt_key_context_title((enum mt_key_context)c));
        while (mt_keys_help_next((enum mt_key_context)c, &pos, line, sizeof line))
            ui_lines_add(&l, "%s", line);
        ui_lines_add(&l, "%s", "");
    }
    for (size_t i = 0; i < sizeof column_lines / sizeof column_lines[0]; i++)
        ui_lines_add(&l, "%s", column_lines[i]);
    ui_pager_draw(u, "memtop - top for memory: keys and columns", NULL, &l);
    ui_lines_free(&l);
}
