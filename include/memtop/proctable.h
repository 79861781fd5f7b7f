/* proctable.h - the live source: fills snapshots from /proc through
 * libproc2.  src/proctable.c is the only file that includes libproc2's
 * headers; nothing of libproc2 leaks out of this interface.
 */
#ifndef MEMTOP_PROCTABLE_H
#define MEMTOP_PROCTABLE_H

#include "memtop/snapshot.h"

typedef struct mt_proctable mt_proctable;

/* Returns NULL with errno set when /proc cannot be read. */
mt_proctable *mt_proctable_new(void);
void mt_proctable_free(mt_proctable *pt);

/* Replaces snap's contents with a fresh reading of the system and every
 * process (kernel threads included, flagged).  Processes that vanish
 * while being read are skipped.  Returns 0, or -1 with errno set. */
int mt_proctable_sample(mt_proctable *pt, mt_snapshot *snap);

#endif
