/* fuzz_stat.c - libFuzzer harness for the /proc/PID/stat parser of the
 * map view (a process name may hold spaces and parentheses) and the
 * /proc/PID/statm parser of every refresh. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "memtop/mapview.h"
#include "memtop/statm.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1), comm[64], state = 0;
    unsigned long flags;
    unsigned long long start;
    if (!text)
        return 0;
    /* statm: unterminated, and every page size it may meet */
    mt_statm m;
    for (uint64_t page = 4096; page <= 65536; page *= 16)
        if (mt_statm_parse((const char *)data, size, page, &m) == 0 &&
            (m.virt % page || m.res % page || m.shr % page))
            abort(); /* whole pages */
    memcpy(text, data, size);
    text[size] = '\0';
    if (mt_mapview_parse_stat(text, comm, sizeof comm, &state, &flags, &start) == 0 &&
        strlen(comm) >= sizeof comm)
        abort(); /* the name must fit what it was given */
    free(text);
    return 0;
}
