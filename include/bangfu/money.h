/* money.h — yuan text <-> integer fen (pure domain code). */
#ifndef BANGFU_MONEY_H
#define BANGFU_MONEY_H

#include "bangfu/common.h"

/* Largest amount we accept: 999,999,999.99 yuan. */
#define BF_FEN_MAX ((bf_fen)99999999999LL)

enum bf_money_flags {
	BF_MONEY_ALLOW_NEGATIVE = 1 << 0,
};

/* Parse "1290", "1290.5", "1,290.00", "￥1,290.00", " 12.3 " into fen.
 * Also accepted: "¥", full-width digits, comma, point and minus (１，２９０．５),
 * a trailing "元", a leading '+'.
 * Rejects more than two decimals ("12.345"), misplaced commas, empty text,
 * a sign unless allowed, and anything above BF_FEN_MAX. On failure err says
 * why in words for the user. */
bool bf_money_parse(const char *s, int flags, bf_fen *out, bf_error *err);

/* Format fen as "1,290.00" (grouping commas, two decimals, leading '-' if
 * negative). buf should hold at least 32 bytes. Returns buf. */
char *bf_money_format(bf_fen v, char *buf, size_t n);
/* Same without grouping: "1290.00" (for files and edit fields). */
char *bf_money_format_plain(bf_fen v, char *buf, size_t n);

/* Chinese capital amount: 110000 fen -> "壹仟壹佰元整"; 100050 -> "壹仟元零伍角".
 * Negative amounts get "负" in front. Returns buf. */
char *bf_money_chinese(bf_fen v, char *buf, size_t n);

#endif
