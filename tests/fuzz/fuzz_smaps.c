/* fuzz_smaps.c - libFuzzer harness for the smaps parser and classifier
 * (`make fuzz`).  Seeds: tests/data/fuzz/smaps/. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "smaps_check.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    /* Reused like mapview reuses its maps: growth paths get fuzzed too. */
    static mt_map m, part;
    const char *why = smaps_check(&m, &part, data, size);
    if (why) {
        fprintf(stderr, "smaps invariant broken: %s\n", why);
        abort();
    }
    return 0;
}
