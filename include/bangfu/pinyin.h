/* pinyin.h — search Chinese names by pinyin initials (pure domain code).
 *
 * Typing "zs" finds 张三, "zsf" 张三丰, "lxm" 刘晓明. Every Han character knows
 * the set of initial letters of all its Mandarin readings, so polyphonic
 * characters match either way: "zx" and "cx" both find 曾祥…, "sy" and "dy"
 * both find 单…. The table is generated from Unihan by tools/gen-pinyin.sh
 * (src/domain/pinyin_table.c) and covers the CJK Unified Ideographs,
 * Extension A, the compatibility ideographs, and every character of
 * Extensions B–H for which Unihan has a Mandarin reading.
 */
#ifndef BANGFU_PINYIN_H
#define BANGFU_PINYIN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Bit for letter c ('a'..'z') in an initial mask. */
#define BF_PINYIN_BIT(c) (UINT32_C(1) << ((c) - 'a'))
#define BF_PINYIN_LETTERS UINT32_C(0x3FFFFFF)
/* Mask of an ASCII digit: not a letter, so it never matches a query. */
#define BF_PINYIN_DIGIT (UINT32_C(1) << 26)

/* Set of possible initial letters of a code point: for a Han character the
 * initials of all its readings (bit 0 = 'a'); for an ASCII letter the bit of
 * that letter (either case); for an ASCII digit BF_PINYIN_DIGIT; 0 for
 * anything else or an unknown character. */
uint32_t bf_pinyin_initial_mask(uint32_t codepoint);

/* Initials of the customary (first) reading of each Han character in utf8,
 * lower case, into out (size n, always NUL-terminated when n > 0, truncated
 * if short). ASCII letters are kept, lower-cased; everything else (digits,
 * '·', spaces, punctuation, invalid bytes) is skipped.
 * "张三" -> "zs", "买买提·艾力" -> "mmtal", "李A" -> "la". */
void bf_pinyin_initials(const char *utf8, char *out, size_t n);

/* True when query (ASCII letters, any case) is the initials of a contiguous
 * run of Han characters somewhere in utf8_name, any reading of each
 * character counting. Name separators (middle dots ·・•‧ and white space)
 * inside a run are skipped; any other character ends the run. The empty
 * query matches everything; a query holding a non-letter matches nothing;
 * a NULL name matches only the empty query.
 * No allocation, one pass over the name; safe to call per row. */
bool bf_pinyin_match(const char *utf8_name, const char *query);

/* Every initial letter any character of utf8 can have (OR of the masks).
 * A name can match a query only if it has all the query's letters:
 * (bf_pinyin_name_mask(name) & q) == q, with q the mask of the query's
 * letters (bf_pinyin_name_mask works for the query too). Stored beside the
 * name, it lets a search skip most names without decoding them. */
uint32_t bf_pinyin_name_mask(const char *utf8);

/* The longest query worth trying: one letter per character of the longest
 * name (a name holds at most 63 bytes, casefile.h's BF_NAME_SZ - 1). */
#define BF_PINYIN_QUERY_MAX 63

/* True when q is 1..BF_PINYIN_QUERY_MAX ASCII letters, i.e. worth trying as
 * pinyin initials. */
bool bf_pinyin_query_like(const char *q);

/* ---- internal: the generated table (src/domain/pinyin_table.c) ------------
 * A value word is (first initial 1..26) << 27 | mask of all initials. */
#define BF_PINYIN_FIRST_SHIFT 27
#define BF_PINYIN_NBLOCKS 3

struct bf_pinyin_block {
	uint32_t first, last; /* code point range, inclusive */
	uint32_t offset;      /* index of `first` in bf_pinyin_dense */
};

extern const size_t bf_pinyin_nchars;     /* code points with a reading */
extern const uint32_t bf_pinyin_values[]; /* [0] = unknown */
extern const size_t bf_pinyin_nvalues;
extern const struct bf_pinyin_block bf_pinyin_blocks[BF_PINYIN_NBLOCKS];
extern const uint16_t bf_pinyin_dense[]; /* index into values */
extern const size_t bf_pinyin_nsparse;
extern const uint32_t bf_pinyin_sparse_cp[]; /* sorted */
extern const uint16_t bf_pinyin_sparse_ix[];

#endif
