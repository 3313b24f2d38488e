/* common.h — small things every layer shares: money type, errors, i18n macros. */
#ifndef BANGFU_COMMON_H
#define BANGFU_COMMON_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Money is always integer fen (分). Never use floating point for money. */
typedef int64_t bf_fen;

#define BF_ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* UI text: English msgids, translated through gettext (domain "bangfu"). */
#include <libintl.h>
#define _(s) gettext(s)
#define N_(s) (s)

/* An error message for the user: plain words, naming the field or line. */
typedef struct bf_error {
	char msg[512];
} bf_error;

void bf_error_set(bf_error *err, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void bf_error_clear(bf_error *err);

/* Copy src into dst of size n, always NUL-terminated, never cutting a UTF-8
 * sequence in half. Returns true if src fitted whole. */
bool bf_strlcpy(char *dst, const char *src, size_t n);

/* Make room for `need` elements of `elem` bytes in the array *pptr (a
 * pointer to the array pointer), whose capacity is *cap: doubles, from 16.
 * false when out of memory (the array is left as it was). */
bool bf_grow(void *pptr, size_t *cap, size_t need, size_t elem);
/* One more element at the end of *pptr (n elements, capacity *cap):
 * zeroed, *n counts it. NULL when out of memory (nothing changed). */
void *bf_push(void *pptr, size_t *cap, size_t *n, size_t elem);

/* Trim ASCII and ideographic (U+3000) white space at both ends, in place. */
char *bf_trim(char *s);

/* true when s is NULL or only white space. */
bool bf_blank(const char *s);

/* The audit log's head (the first 16 hex digits of its latest hash) and
 * its row count when a document was printed: every printed document
 * carries it in its footer (pdf.h), to be checked later from paper with
 * `bangfu audit verify --known HEAD` (audit.h fills it: bf_audit_stamp).
 * rows 0: not stamped. */
struct bf_audit_stamp {
	char head[17];
	int64_t rows;
};

#endif
