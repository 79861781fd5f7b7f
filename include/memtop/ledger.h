/* ledger.h - the exit ledger: the most recent exits, for the UI's
 * ledger screen and for "what happened while I looked away". */
#ifndef MEMTOP_LEDGER_H
#define MEMTOP_LEDGER_H

#include <stddef.h>

#include "memtop/history.h"
#include "memtop/snapshot.h"

typedef struct mt_ledger mt_ledger;

mt_ledger *mt_ledger_new(size_t capacity);
void mt_ledger_free(mt_ledger *l);
/* Builds the exit record of a process history no longer sees. */
void mt_exit_from_track(mt_exit *e, const mt_track *t, double now);
void mt_ledger_add(mt_ledger *l, const mt_exit *e);
size_t mt_ledger_count(const mt_ledger *l);
/* i = 0 is the newest. */
const mt_exit *mt_ledger_get(const mt_ledger *l, size_t i);

#endif
