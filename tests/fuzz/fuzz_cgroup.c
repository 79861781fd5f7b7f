/* fuzz_cgroup.c - libFuzzer harness for the cgroup parsers
 * (/proc/PID/cgroup text and memory.max / memory.current values). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "memtop/cgroup.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *text = malloc(size + 1);
    char path[4096];
    uint64_t v;
    if (!text)
        return 0;
    memcpy(text, data, size);
    text[size] = '\0';
    if (mt_cgroup_parse_path(text, path, sizeof path) == 0 && path[0] != '/')
        abort(); /* a parsed path is absolute */
    mt_cgroup_parse_path(text, path, 8);
    if (mt_cgroup_parse_v1_path(text, path, sizeof path) == 0 && path[0] != '/')
        abort();
    mt_cgroup_parse_v1_path(text, path, 8);
    mt_cgroup_parse_bytes(text, &v);
    mt_cgroup_parse_file_pages(text, &v);
    free(text);
    return 0;
}
