/* import_index.h — the indexes a large import checks against while it
 * streams a file: for each household key the line of its last row, and
 * for each person (by the ID number's blind index, never the number) in
 * more than one household, the household first seen with them. Kept in a
 * private temporary SQLite file (deleted when closed, never in the
 * database), so memory stays flat in the file's size; the people are
 * noted in order and sorted once, and every look-up is one index probe. */
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
/* Person bidx in household key, noted (in the order households come).
 * 0, or -1 on an error. */
int bf_import_index_seen(struct bf_import_index *ix, const char *bidx, const char *key,
                         bf_error *err);
/* After every household's people are noted: the people noted in more than
 * one household, each with the household first seen with them; *n how
 * many. The notes are then forgotten. 0, or -1 on an error. */
int bf_import_index_dups(struct bf_import_index *ix, size_t *n, bf_error *err);
/* The household first seen with person bidx when they are in more than
 * one (bf_import_index_dups), in owner: 1, or 0 if not. */
int bf_import_index_owner(struct bf_import_index *ix, const char *bidx, char *owner, size_t n);

#endif
