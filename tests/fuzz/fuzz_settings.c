/* fuzz_settings.c - libFuzzer harness for the memtoprc parser: any
 * bytes give warnings at most, and the options stay within bounds. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "memtop/settings.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    FILE *sink = fopen("/dev/null", "w");
    if (!text || !sink) {
        free(text);
        if (sink)
            fclose(sink);
        return 0;
    }
    memcpy(text, data, size);
    text[size] = '\0';
    mt_options o;
    mt_options_defaults(&o);
    mt_settings_apply(&o, text, "fuzz", sink);
    if (o.delay < 0.1 || o.analysis.history < 3 || o.analysis.history > 100000 ||
        o.sort >= MT_SORT_NKEYS)
        abort();
    mt_options_free(&o);
    fclose(sink);
    free(text);
    return 0;
}
