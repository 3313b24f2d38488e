/* case_text.h — a case as line-oriented text ("key<TAB>value", escaped), for
 * drafts and packages. Round-trips every field of struct bf_case. Pure
 * domain code. */
#ifndef BANGFU_CASE_TEXT_H
#define BANGFU_CASE_TEXT_H

#include "bangfu/casefile.h"

/* Returns a malloc'd NUL-terminated string. */
char *bf_case_to_text(const struct bf_case *c);
/* Unknown keys are ignored (forward compatibility); malformed lines are an
 * error naming the line. */
int bf_case_from_text(const char *text, struct bf_case *c, bf_error *err);

#endif
