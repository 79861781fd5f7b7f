/* history_bytes - what the history costs per process for a full day
 * (SPEC section 2: at most 4 KiB), at the given -H values, and how many
 * processes keep a full day under a memory limit (levels only while the
 * history is within a quarter of it, see history.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "memtop/history.h"
#include "memtop/selflimit.h"

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        mt_history *h = mt_history_new((unsigned)atoi(argv[i]));
        size_t per = mt_history_bytes_per_process(h);
        printf("  history at -H %s: %zu bytes per process for 24 h (full rate %zu, "
               "10 s/1 min/10 min floors %d, track %zu)\n", argv[i], per,
               (size_t)atoi(argv[i]) * 4, MT_LEVEL_BYTES, sizeof(mt_track));
        for (unsigned mib = 16; mib <= 64; mib *= 4) {
            size_t budget = ((size_t)mib << 20) / MT_SELFLIMIT_HISTORY_SHARE;
            printf("    in a %u MiB limit (a quarter for the history): a day's floors for "
                   "all up to %zu processes, for none past %zu\n", mib, budget / per,
                   budget / (per - MT_LEVEL_BYTES));
        }
        mt_history_free(h);
    }
    return 0;
}
