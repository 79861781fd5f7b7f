/* history_bytes - what the history costs per process for a full day
 * (SPEC section 2: at most 4 KiB), at the given -H values. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "memtop/history.h"

int main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        mt_history *h = mt_history_new((unsigned)atoi(argv[i]));
        printf("  history at -H %s: %zu bytes per process for 24 h (full rate %zu, "
               "10 s/1 min/10 min floors %d, track %zu)\n", argv[i],
               mt_history_bytes_per_process(h), (size_t)atoi(argv[i]) * 4, MT_LEVEL_BYTES,
               sizeof(mt_track));
        mt_history_free(h);
    }
    return 0;
}
