/* format.h - numbers for people: sizes, durations, times.  Machine
 * formats (CSV, JSON) never use these: they print plain bytes. */
#ifndef MEMTOP_FORMAT_H
#define MEMTOP_FORMAT_H

#include <stddef.h>
#include <stdint.h>

/* The output formats of -o (what a writer writes, not how numbers for
 * people look; here so that writers need not include options.h). */
enum mt_format { MT_FMT_TEXT, MT_FMT_CSV, MT_FMT_JSON, MT_FMT_OPENMETRICS };

#define MT_SIZE_BUF 16

/* 1024-based, at most 5 characters: "0", "512B", "4.0K", "123M", "1023M",
 * "1.5G".  MT_NA gives "-".  Returns buf. */
char *mt_format_size(char *buf, size_t n, uint64_t bytes);

/* A signed amount in the same style: "+1.5M", "-512K", "0"; NAN gives
 * "-".  For growth rates. */
char *mt_format_signed_size(char *buf, size_t n, double bytes);

/* "59s", "12m", "3h12m", "4d3h" (seconds, rounded down); negative or
 * non-finite gives "-". */
char *mt_format_duration(char *buf, size_t n, double seconds);

/* Like top: "3 days,  2:01" / "2:01" / "17 min". */
char *mt_format_uptime(char *buf, size_t n, double seconds);

/* Prints a double with '.' as the decimal point whatever the locale,
 * with the given number of decimals. */
char *mt_format_fixed(char *buf, size_t n, double v, int decimals);

#endif
