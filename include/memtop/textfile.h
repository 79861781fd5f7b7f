/* textfile.h - the node_exporter textfile collector's way in: every
 * refresh the OpenMetrics exposition is written to a temporary file in
 * the same directory ("PATH.tmp.XXXXXX", created with O_EXCL under a
 * random name: not *.prom, so the collector ignores it, and nothing
 * planted in a shared directory is ever opened) and renamed over PATH,
 * so a scrape never sees half a file. */
#ifndef MEMTOP_TEXTFILE_H
#define MEMTOP_TEXTFILE_H

#include <stddef.h>

#include "memtop/snapshot.h"
#include "memtop/view.h"

typedef struct mt_textfile mt_textfile;

/* Checks that PATH's directory exists and is writable.  Returns NULL
 * with "why" (no prefix) in err. */
mt_textfile *mt_textfile_open(const char *path, char *err, size_t errlen);
/* Writes one exposition and renames it into place.  Returns 0, or -1
 * with errno set; the temporary file is removed on failure. */
int mt_textfile_write(mt_textfile *t, const mt_snapshot *snap, const mt_view *view);
/* Frees; PATH itself stays (it holds the last exposition). */
void mt_textfile_close(mt_textfile *t);

#endif
