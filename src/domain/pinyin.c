/* pinyin.c — pinyin-initial search over Chinese names (see bangfu/pinyin.h). */
#include "config.h"

#include "bangfu/pinyin.h"

#define BAD_CP UINT32_C(0xFFFFFFFF)

/* Decode one UTF-8 sequence at *ps and advance past it (never past a NUL).
 * Malformed input (stray continuation bytes, overlongs, surrogates,
 * truncated sequences) yields BAD_CP. */
static uint32_t utf8_next(const unsigned char **ps)
{
	const unsigned char *s = *ps;
	unsigned c = s[0];
	if (c < 0x80) {
		*ps = s + 1;
		return c;
	}
	int more;
	uint32_t cp, min;
	if (c >= 0xC2 && c <= 0xDF) {
		more = 1;
		cp = c & 0x1F;
		min = 0x80;
	} else if (c >= 0xE0 && c <= 0xEF) {
		more = 2;
		cp = c & 0x0F;
		min = 0x800;
	} else if (c >= 0xF0 && c <= 0xF4) {
		more = 3;
		cp = c & 0x07;
		min = 0x10000;
	} else {
		*ps = s + 1;
		return BAD_CP;
	}
	for (int i = 1; i <= more; i++) {
		if ((s[i] & 0xC0) != 0x80) { /* also stops at the NUL */
			*ps = s + i;
			return BAD_CP;
		}
		cp = cp << 6 | (uint32_t)(s[i] & 0x3F);
	}
	*ps = s + more + 1;
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return BAD_CP;
	return cp;
}

/* Table word for a code point: first initial << 27 | mask, 0 if unknown. */
static uint32_t han_value(uint32_t cp)
{
	if (cp < 0x3400)
		return 0;
	for (int i = 0; i < BF_PINYIN_NBLOCKS; i++) {
		const struct bf_pinyin_block *b = &bf_pinyin_blocks[i];
		if (cp >= b->first && cp <= b->last)
			return bf_pinyin_values[bf_pinyin_dense[b->offset + (cp - b->first)]];
	}
	size_t lo = 0, hi = bf_pinyin_nsparse;
	if (hi == 0 || cp < bf_pinyin_sparse_cp[0] || cp > bf_pinyin_sparse_cp[hi - 1])
		return 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (bf_pinyin_sparse_cp[mid] < cp)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < bf_pinyin_nsparse && bf_pinyin_sparse_cp[lo] == cp)
		return bf_pinyin_values[bf_pinyin_sparse_ix[lo]];
	return 0;
}

static bool ascii_letter(unsigned c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static unsigned ascii_lower(unsigned c)
{
	return (c >= 'A' && c <= 'Z') ? c - 'A' + 'a' : c;
}

/* Characters that separate parts of one name and are skipped inside a run:
 * white space and the middle dots of transliterated names (买买提·艾力). */
static bool name_separator(uint32_t cp)
{
	switch (cp) {
	case ' ':
	case '\t':
	case '.':
	case 0x00A0: /* no-break space */
	case 0x00B7: /* · middle dot */
	case 0x0387: /* · greek ano teleia (NFC of U+00B7) */
	case 0x2022: /* • bullet */
	case 0x2027: /* ‧ hyphenation point */
	case 0x2219: /* ∙ bullet operator */
	case 0x22C5: /* ⋅ dot operator */
	case 0x2E31: /* ⸱ word separator middle dot */
	case 0x3000: /* ideographic space */
	case 0x30FB: /* ・ katakana middle dot */
	case 0xFF0E: /* ． fullwidth full stop */
	case 0xFF65: /* ･ halfwidth katakana middle dot */
		return true;
	default:
		return false;
	}
}

uint32_t bf_pinyin_initial_mask(uint32_t codepoint)
{
	if (codepoint < 0x80) {
		if (ascii_letter(codepoint))
			return BF_PINYIN_BIT(ascii_lower(codepoint));
		if (codepoint >= '0' && codepoint <= '9')
			return BF_PINYIN_DIGIT;
		return 0;
	}
	return han_value(codepoint) & BF_PINYIN_LETTERS;
}

void bf_pinyin_initials(const char *utf8, char *out, size_t n)
{
	if (!out || n == 0)
		return;
	size_t k = 0;
	const unsigned char *s = (const unsigned char *)(utf8 ? utf8 : "");
	while (*s && k + 1 < n) {
		uint32_t cp = utf8_next(&s);
		if (cp < 0x80) {
			if (ascii_letter(cp))
				out[k++] = (char)ascii_lower(cp);
			continue;
		}
		uint32_t first = han_value(cp) >> BF_PINYIN_FIRST_SHIFT;
		if (first)
			out[k++] = (char)('a' + first - 1);
	}
	out[k] = '\0';
}

bool bf_pinyin_query_like(const char *q)
{
	if (!q)
		return false;
	size_t i = 0;
	for (; q[i]; i++)
		if (i >= BF_PINYIN_QUERY_MAX || !ascii_letter((unsigned char)q[i]))
			return false;
	return i >= 1;
}

/* Query letters (lower case) against the run starting at s; for queries
 * too long for the bit-parallel matcher. */
static bool match_from(const unsigned char *s, const unsigned char *q)
{
	while (*q) {
		if (!*s)
			return false;
		uint32_t cp = utf8_next(&s);
		if (name_separator(cp))
			continue;
		uint32_t mask = cp < 0x80 ? 0 : han_value(cp);
		if (!(mask & BF_PINYIN_BIT(ascii_lower(*q))))
			return false;
		q++;
	}
	return true;
}

bool bf_pinyin_match(const char *utf8_name, const char *query)
{
	if (!query || !query[0])
		return true;

	/* qbit[i] = mask bit of the i-th query letter */
	uint32_t qbit[64];
	size_t m = 0;
	for (; query[m]; m++) {
		unsigned c = (unsigned char)query[m];
		if (!ascii_letter(c))
			return false;
		if (m < 64)
			qbit[m] = BF_PINYIN_BIT(ascii_lower(c));
	}
	if (!utf8_name)
		return false;
	const unsigned char *s = (const unsigned char *)utf8_name;

	if (m > 64) { /* absurdly long query: plain scan from every position */
		while (*s) {
			if (match_from(s, (const unsigned char *)query))
				return true;
			utf8_next(&s);
		}
		return false;
	}

	/* Shift-and: bit i of state set when query[0..i] matches the run
	 * ending at the current character. */
	const uint64_t done = UINT64_C(1) << (m - 1);
	uint64_t state = 0;
	while (*s) {
		uint32_t cp = utf8_next(&s);
		uint32_t mask = cp < 0x80 ? 0 : han_value(cp) & BF_PINYIN_LETTERS;
		if (!mask) {
			if (!name_separator(cp))
				state = 0;
			continue;
		}
		uint64_t eq = 0;
		for (size_t i = 0; i < m; i++)
			if (mask & qbit[i])
				eq |= UINT64_C(1) << i;
		state = ((state << 1) | 1) & eq;
		if (state & done)
			return true;
	}
	return false;
}

uint32_t bf_pinyin_name_mask(const char *utf8)
{
	uint32_t mask = 0;
	if (!utf8)
		return 0;
	const unsigned char *s = (const unsigned char *)utf8;
	while (*s) {
		uint32_t cp = utf8_next(&s);
		if (cp != BAD_CP)
			mask |= bf_pinyin_initial_mask(cp) & BF_PINYIN_LETTERS;
	}
	return mask;
}
