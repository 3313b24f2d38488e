/* import_index.h — the indexes a large import checks against while it
 * streams a file: for each household key the line of its last row, and
 * for each person (by the ID number's blind index, never the number) the
 * household first seen with it. Kept in a private temporary SQLite file
 * (deleted when closed, never in the database), so memory stays flat in
 * the file's size and every look-up is one index probe. */
#ifndef BANGFU_IMPORT_INDEX_H
#define BANGFU_IMPORT_INDEX_H

#include <stddef.h>

#include "bangfu/common.h"

struct bf_import_index;

/* 0, or -1 with err saying why. */
int bf_import_index_open(struct bf_import_index **ix, bf_error *err);
void bf_import_index_close(struct bf_import_index *ix);
/* A row of household key at line (lines come in increasing order). */
int bf_import_index_row(struct bf_import_index *ix, const char *key, size_t line, bf_error *err);
/* The line of household key's last row; 0 when it has none. */
size_t bf_import_index_last_line(struct bf_import_index *ix, const char *key);
/* Person bidx in household key: 0 when new (remembered for key), 1 when
 * first seen in another household (its key in other), -1 on an error. */
int bf_import_index_person(struct bf_import_index *ix, const char *bidx, const char *key,
                           char *other, size_t n, bf_error *err);
/* The household first seen with person bidx, in owner: 1, or 0 if none. */
int bf_import_index_owner(struct bf_import_index *ix, const char *bidx, char *owner, size_t n);

#endif
