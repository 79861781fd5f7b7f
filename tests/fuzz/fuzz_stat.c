/* fuzz_stat.c - libFuzzer harness for the /proc/PID/stat parser of the
 * map view (a process name may hold spaces and parentheses). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "memtop/mapview.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1), comm[64], state = 0;
    unsigned long flags;
    unsigned long long start;
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    if (mt_mapview_parse_stat(text, comm, sizeof comm, &state, &flags, &start) == 0 &&
        strlen(comm) >= sizeof comm)
        abort(); /* the name must fit what it was given */
    free(text);
    return 0;
}
