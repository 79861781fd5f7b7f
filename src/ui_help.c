/* ui_help.c - the help screen (F1 h ?): the keys, then what the
 * columns mean. */
#include "config.h"

#include "ui_help.h"
#include "ui_widgets.h"

static const char *const help_lines[] = {
    " Up/Down PgUp/PgDn Home/End  move        Enter  this process's memory map",
    " F6 or < >  sort: a menu / the column left or right on screen",
    " R     reverse the sort (the arrow: down = largest first)",
    " G     sort by GROWTH (default)          M      sort by RES",
    " N     sort by PID                       H      sort by HEAP",
    " F3    search: jump to the next match, the list stays (F3 again: next)",
    " F4 /  filter by name or command line    u      only one user's processes",
    " C     clear every filter (/ u -p -f -u; the footer shows the active ones)",
    " F5 t  process tree (SUB-RES, SUB-HEAP, SUB-GROWTH: the whole subtree)",
    " g     group by name, again: by cgroup   x      exited processes, zombies",
    " F9 k  send a signal (asks first)        space  pause / resume",
    " F2 S  setup: choose the columns         W      save settings",
    " c     full command lines on/off         d      change the refresh delay",
    " P     PSS/USS columns (costly)          O      OOM-SCORE, OOM-ADJ columns",
    " <- -> step through a recording (memtop -r FILE); space plays",
    " F1 h ?  this help                       F10 q  quit",
    " In a prompt: Enter accepts, Esc cancels, Ctrl-U clears the line.",
    " In the map (Enter): < > sort by address/RSS/dRSS, b baseline, ? legend,",
    " Esc back (q quits when memtop was started with -m PID).",
    " Mouse: click a row to select it, a column title to sort (again: reverse).",
    "",
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
    for (size_t i = 0; i < sizeof help_lines / sizeof help_lines[0]; i++)
        ui_lines_add(&l, "%s", help_lines[i]);
    ui_pager_draw(u, "memtop - top for memory: keys and columns", NULL, &l);
    ui_lines_free(&l);
}
