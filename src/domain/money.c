/* money.c — yuan text <-> integer fen, and the Chinese capital amount. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bangfu/money.h"

/* Copy s into buf as ASCII where the user typed full-width forms:
 * full-width digits, comma, full stop and minus become ASCII. Other bytes
 * are copied unchanged. Returns false if it does not fit. */
static bool fold_fullwidth(const char *s, char *buf, size_t n)
{
	size_t o = 0;
	while (*s) {
		const unsigned char *u = (const unsigned char *)s;
		char c = 0;
		/* U+FF0C ， U+FF0D － U+FF0E ． U+FF10..FF19 ０..９ are EF BC 8C..99 */
		if (u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x8C && u[2] <= 0x99 && u[2] != 0x8F) {
			static const char map[] = ",-./0123456789";
			c = map[u[2] - 0x8C];
			s += 3;
		} else {
			c = *s++;
		}
		if (o + 1 >= n)
			return false;
		buf[o++] = c;
	}
	buf[o] = '\0';
	return true;
}

static bool starts(const char *s, const char *prefix)
{
	return strncmp(s, prefix, strlen(prefix)) == 0;
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t ls = strlen(s), lx = strlen(suffix);
	return ls >= lx && strcmp(s + ls - lx, suffix) == 0;
}

bool bf_money_parse(const char *s, int flags, bf_fen *out, bf_error *err)
{
	char buf[128];
	bf_error_clear(err);
	if (!s || !fold_fullwidth(s, buf, sizeof buf)) {
		bf_error_set(err, "%s",
		             s ? _("Amount: the text is too long") : _("Amount is empty"));
		return false;
	}
	char *p = bf_trim(buf);
	bool neg = false, sign_seen = false;
	/* an optional sign and currency sign, in either order; a trailing 元 */
	for (int round = 0; round < 2; round++) {
		if (!sign_seen && (*p == '-' || *p == '+')) {
			neg = *p == '-';
			sign_seen = true;
			p = bf_trim(p + 1);
		}
		if (starts(p, "\xEF\xBF\xA5")) { /* ￥ U+FFE5 */
			p = bf_trim(p + 3);
		} else if (starts(p, "\xC2\xA5")) { /* ¥ U+00A5 */
			p = bf_trim(p + 2);
		}
	}
	if (ends_with(p, "\xE5\x85\x83")) { /* 元 */
		p[strlen(p) - 3] = '\0';
		p = bf_trim(p);
	}
	if (*p == '\0') {
		bf_error_set(err, "%s", _("Amount is empty"));
		return false;
	}
	if (sign_seen && neg && !(flags & BF_MONEY_ALLOW_NEGATIVE)) {
		bf_error_set(err, "%s", _("Amount must not be negative"));
		return false;
	}

	/* integer part: digits, optionally grouped by commas in threes */
	const char *q = p;
	bf_fen yuan = 0;
	int ndig = 0, group = 0;
	bool commas = false, too_big = false;
	while (*q) {
		if (*q >= '0' && *q <= '9') {
			if (yuan > BF_FEN_MAX / 100)
				too_big = true;
			else
				yuan = yuan * 10 + (*q - '0');
			ndig++;
			group++;
		} else if (*q == ',') {
			if (ndig == 0 || (commas && group != 3) || (!commas && group > 3)) {
				bf_error_set(
				    err, "%s",
				    _("Amount: commas must separate groups of three digits"));
				return false;
			}
			commas = true;
			group = 0;
		} else {
			break;
		}
		q++;
	}
	if (commas && group != 3) {
		bf_error_set(err, "%s", _("Amount: commas must separate groups of three digits"));
		return false;
	}
	if (ndig == 0) {
		bf_error_set(err, _("Amount: \"%s\" is not a number"), p);
		return false;
	}
	int frac = 0;
	if (*q == '.') {
		q++;
		int nf = 0;
		while (*q >= '0' && *q <= '9') {
			if (nf == 2) {
				bf_error_set(err, "%s",
				             _("Amount: at most two decimals (fen) are allowed"));
				return false;
			}
			frac = frac * 10 + (*q - '0');
			nf++;
			q++;
		}
		if (nf == 0) {
			bf_error_set(err, "%s",
			             _("Amount: digits are missing after the decimal point"));
			return false;
		}
		if (nf == 1)
			frac *= 10;
	}
	if (*q != '\0') {
		bf_error_set(err, _("Amount: \"%s\" is not a number"), p);
		return false;
	}
	if (too_big || yuan * 100 + frac > BF_FEN_MAX) {
		bf_error_set(err, "%s", _("Amount is too large (at most 999,999,999.99 yuan)"));
		return false;
	}
	bf_fen v = yuan * 100 + frac;
	if (out)
		*out = neg ? -v : v;
	return true;
}

static char *format_fen(bf_fen v, char *buf, size_t n, bool grouping)
{
	if (!buf || n == 0)
		return buf;
	uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	uint64_t yuan = mag / 100;
	unsigned frac = (unsigned)(mag % 100);
	char digits[32];
	int nd = snprintf(digits, sizeof digits, "%llu", (unsigned long long)yuan);
	char tmp[64];
	size_t o = 0;
	if (v < 0)
		tmp[o++] = '-';
	for (int i = 0; i < nd; i++) {
		if (grouping && i > 0 && (nd - i) % 3 == 0)
			tmp[o++] = ',';
		tmp[o++] = digits[i];
	}
	snprintf(tmp + o, sizeof tmp - o, ".%02u", frac);
	bf_strlcpy(buf, tmp, n);
	return buf;
}

char *bf_money_format(bf_fen v, char *buf, size_t n)
{
	return format_fen(v, buf, n, true);
}

char *bf_money_format_plain(bf_fen v, char *buf, size_t n)
{
	return format_fen(v, buf, n, false);
}

/* ---- 大写 -------------------------------------------------------------- */

static const char *const CN_DIGIT[10] = {"零", "壹", "贰", "叁", "肆",
                                         "伍", "陆", "柒", "捌", "玖"};
static const char *const CN_UNIT[4] = {"", "拾", "佰", "仟"};
static const char *const CN_SECTION[5] = {"", "万", "亿", "万亿", "亿亿"};

static void cat(char *buf, size_t n, const char *s)
{
	size_t len = strlen(buf);
	if (len < n)
		bf_strlcpy(buf + len, s, n - len);
}

char *bf_money_chinese(bf_fen v, char *buf, size_t n)
{
	if (!buf || n == 0)
		return buf;
	char out[512] = "";
	uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
	uint64_t yuan = mag / 100;
	int jiao = (int)(mag / 10 % 10), fen = (int)(mag % 10);
	if (v < 0)
		cat(out, sizeof out, "负");

	if (yuan > 0) {
		char dg[24];
		int nd = snprintf(dg, sizeof dg, "%llu", (unsigned long long)yuan);
		bool zero_pending = false, section_nonzero = false;
		for (int i = 0; i < nd; i++) {
			int pos = nd - 1 - i; /* power of ten */
			int d = dg[i] - '0';
			if (d == 0) {
				zero_pending = true;
			} else {
				if (zero_pending)
					cat(out, sizeof out, CN_DIGIT[0]);
				zero_pending = false;
				cat(out, sizeof out, CN_DIGIT[d]);
				cat(out, sizeof out, CN_UNIT[pos % 4]);
				section_nonzero = true;
			}
			if (pos % 4 == 0) {
				if (section_nonzero && pos / 4 > 0) {
					cat(out, sizeof out, CN_SECTION[pos / 4 < 5 ? pos / 4 : 4]);
					/* 107000 reads 壹拾万柒仟: zeros closing a section
					 * need no 零 unless the next section lacks its 仟 */
					zero_pending = false;
				}
				section_nonzero = false;
			}
		}
		cat(out, sizeof out, "元");
	}

	if (jiao == 0 && fen == 0) {
		if (yuan == 0)
			cat(out, sizeof out, "零元");
		cat(out, sizeof out, "整");
	} else if (jiao != 0) {
		/* 壹仟元零伍角: a 零 after 元 when the 元 digit is 0 */
		if (yuan > 0 && yuan % 10 == 0)
			cat(out, sizeof out, CN_DIGIT[0]);
		cat(out, sizeof out, CN_DIGIT[jiao]);
		cat(out, sizeof out, "角");
		if (fen != 0) {
			cat(out, sizeof out, CN_DIGIT[fen]);
			cat(out, sizeof out, "分");
		}
	} else {
		/* 角 is 0, 分 is not: 壹拾元零伍分 */
		if (yuan > 0)
			cat(out, sizeof out, CN_DIGIT[0]);
		cat(out, sizeof out, CN_DIGIT[fen]);
		cat(out, sizeof out, "分");
	}
	bf_strlcpy(buf, out, n);
	return buf;
}
