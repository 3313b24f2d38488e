/* code.h — codes are codes: the unit's and the district's codes, and every
 * part of a file name the program builds from data (pure domain code).
 *
 * A code is 1 to 16 of [A-Za-z0-9_-], checked at set-up (bf_unit_save), at
 * key import and at package import. A file name made from data uses only
 * codes checked so (batch numbers are codes too), or a free-text part made
 * safe with bf_filename_part (department or campaign names in Chinese). */
#ifndef BANGFU_CODE_H
#define BANGFU_CODE_H

#include <stdbool.h>
#include <stddef.h>

#include "bangfu/common.h"

#define BF_CODE_MAX 16

/* True when code is 1..16 of [A-Za-z0-9_-]. Otherwise false, and err (may
 * be NULL) names the field (translated, e.g. _("unit code")) and the rule. */
bool bf_code_ok(const char *code, const char *field, bf_error *err);

/* A free-text part of a file name (a department, a campaign's name) with
 * '/', '\\', control characters and a leading '.' each made '_', at most n-1
 * bytes cut at a character boundary; "_" when nothing is left. */
void bf_filename_part(const char *text, char *out, size_t n);

#endif
