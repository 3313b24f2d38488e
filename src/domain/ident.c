/* ident.c — resident ID numbers, bank cards, mobiles, and masking. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bangfu/ident.h"

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* Length in characters (UTF-8 code points). */
static size_t utf8_len(const char *s)
{
	size_t n = 0;
	for (; *s; s++)
		if (((unsigned char)*s & 0xC0) != 0x80)
			n++;
	return n;
}

/* Copy s into buf dropping ASCII spaces, tabs, ideographic spaces and, when
 * dashes is set, '-'. Full-width digits, Ｘ, ＋ and － (typed with a Chinese
 * input method) become ASCII. Returns false if it does not fit (buf then
 * holds what fitted). */
static bool strip_seps(const char *s, char *buf, size_t n, bool dashes)
{
	size_t o = 0;
	while (s && *s) {
		const unsigned char *u = (const unsigned char *)s;
		char c = *s;
		size_t len = 1;
		if (u[0] == 0xE3 && u[1] == 0x80 && u[2] == 0x80) {
			c = ' '; /* U+3000 */
			len = 3;
		} else if (u[0] == 0xEF && u[1] == 0xBC && u[2] >= 0x90 && u[2] <= 0x99) {
			c = (char)('0' + (u[2] - 0x90)); /* ０..９ */
			len = 3;
		} else if (u[0] == 0xEF && u[1] == 0xBC && u[2] == 0xB8) {
			c = 'X'; /* Ｘ */
			len = 3;
		} else if (u[0] == 0xEF && u[1] == 0xBD && u[2] == 0x98) {
			c = 'x'; /* ｘ */
			len = 3;
		} else if (u[0] == 0xEF && u[1] == 0xBC && u[2] == 0x8B) {
			c = '+'; /* ＋ */
			len = 3;
		} else if (u[0] == 0xEF && u[1] == 0xBC && u[2] == 0x8D) {
			c = '-'; /* － */
			len = 3;
		}
		s += len;
		if (c == ' ' || c == '\t' || (dashes && c == '-'))
			continue;
		if (o + 1 >= n) {
			buf[o] = '\0';
			return false;
		}
		buf[o++] = c;
	}
	buf[o] = '\0';
	return true;
}

char bf_idcard_check_char(const char *first17)
{
	static const int w[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	static const char map[] = "10X98765432";
	if (!first17)
		return '\0';
	int sum = 0;
	for (int i = 0; i < 17; i++) {
		if (!is_digit(first17[i]))
			return '\0';
		sum += (first17[i] - '0') * w[i];
	}
	return map[sum % 11];
}

bool bf_idcard_validate(const char *s, bf_date today, struct bf_idcard_info *info, bf_error *err)
{
	char id[64];
	bf_error_clear(err);
	if (!strip_seps(s, id, sizeof id, false)) {
		bf_error_set(err, "%s", _("ID number is too long"));
		return false;
	}
	if (id[0] == '\0') {
		bf_error_set(err, "%s", _("ID number is empty"));
		return false;
	}
	size_t len = utf8_len(id);
	if (len != 18) {
		bf_error_set(err, _("ID number must be 18 characters, got %zu"), len);
		return false;
	}
	/* walk by character so that the position named is the one the user sees */
	const char *p = id;
	for (int ci = 0; ci < 18; ci++) {
		bool ok = ci < 17 ? is_digit(*p) : (is_digit(*p) || *p == 'X' || *p == 'x');
		if (!ok) {
			if (ci < 17)
				bf_error_set(err, _("ID number: character %d must be a digit"),
				             ci + 1);
			else
				bf_error_set(
				    err, "%s",
				    _("ID number: the last character must be a digit or X"));
			return false;
		}
		p++;
	}
	if (id[17] == 'x')
		id[17] = 'X';
	if (id[0] == '0') {
		bf_error_set(err, _("ID number: region code %.6s does not exist"), id);
		return false;
	}
	int y = (id[6] - '0') * 1000 + (id[7] - '0') * 100 + (id[8] - '0') * 10 + (id[9] - '0');
	int m = (id[10] - '0') * 10 + (id[11] - '0');
	int d = (id[12] - '0') * 10 + (id[13] - '0');
	if (y < 1900 || y > 2199) {
		bf_error_set(err, _("ID number: birth year %04d is not plausible"), y);
		return false;
	}
	if (!bf_ymd_valid(y, m, d)) {
		bf_error_set(err, _("ID number: birth date %04d-%02d-%02d does not exist"), y, m,
		             d);
		return false;
	}
	bf_date birth = bf_date_from_ymd(y, m, d);
	if (today != BF_DATE_NONE && birth > today) {
		bf_error_set(err, _("ID number: birth date %04d-%02d-%02d is in the future"), y, m,
		             d);
		return false;
	}
	char want = bf_idcard_check_char(id);
	if (want != id[17]) {
		bf_error_set(err, _("ID number: check character should be %c"), want);
		return false;
	}
	if (info) {
		memcpy(info->normalized, id, 19);
		info->birth = birth;
		info->sex = (id[16] - '0') % 2 ? BF_SEX_MALE : BF_SEX_FEMALE;
		info->foreign_permanent = id[0] == '9';
	}
	return true;
}

bool bf_luhn_ok(const char *digits)
{
	if (!digits || !digits[0])
		return false;
	size_t n = strlen(digits);
	int sum = 0;
	for (size_t i = 0; i < n; i++) {
		char c = digits[n - 1 - i];
		if (!is_digit(c))
			return false;
		int v = c - '0';
		if (i % 2 == 1) {
			v *= 2;
			if (v > 9)
				v -= 9;
		}
		sum += v;
	}
	return sum % 10 == 0;
}

enum bf_card_result bf_bankcard_check(const char *s, char normalized[20], bf_error *err)
{
	char buf[64];
	bf_error_clear(err);
	if (normalized)
		normalized[0] = '\0';
	if (!strip_seps(s, buf, sizeof buf, true)) {
		bf_error_set(err, "%s", _("Bank card number is too long"));
		return BF_CARD_INVALID;
	}
	if (buf[0] == '\0') {
		bf_error_set(err, "%s", _("Bank card number is empty"));
		return BF_CARD_INVALID;
	}
	for (const char *p = buf; *p; p++) {
		if (!is_digit(*p)) {
			bf_error_set(err, "%s", _("Bank card number: only digits are allowed"));
			return BF_CARD_INVALID;
		}
	}
	size_t len = strlen(buf);
	if (len < 16 || len > 19) {
		bf_error_set(err, _("Bank card number must be 16 to 19 digits, got %zu"), len);
		return BF_CARD_INVALID;
	}
	if (normalized)
		memcpy(normalized, buf, len + 1);
	if (!bf_luhn_ok(buf)) {
		bf_error_set(err, "%s",
		             _("Bank card number fails the check-digit test; please make sure it "
		               "was typed correctly"));
		return BF_CARD_LUHN_WARNING;
	}
	return BF_CARD_OK;
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (!is_digit(s[i]))
			return false;
	return n > 0;
}

bool bf_phone_validate(const char *s, bf_error *err)
{
	if (bf_mobile_validate(s, NULL, NULL))
		return true;
	/* a landline: [0AA(A)-]NNNNNNN(N)[-EXT], spaces taken as '-' */
	char buf[64];
	size_t n = 0;
	for (const char *p = s ? s : ""; *p && n + 1 < sizeof buf; p++)
		if (*p != ' ' || (n > 0 && buf[n - 1] != '-'))
			buf[n++] = *p == ' ' ? '-' : *p;
	buf[n] = '\0';
	const char *part[4];
	size_t len[4], k = 0;
	for (const char *p = buf; k < 4;) {
		const char *dash = strchr(p, '-');
		part[k] = p;
		len[k] = dash ? (size_t)(dash - p) : strlen(p);
		k++;
		if (!dash)
			break;
		p = dash + 1;
	}
	bool ok = false;
	size_t i = 0;
	if (k >= 2 && part[0][0] == '0' && (len[0] == 3 || len[0] == 4) &&
	    all_digits(part[0], len[0]))
		i = 1; /* the area code */
	if (i < k && (len[i] == 7 || len[i] == 8) && all_digits(part[i], len[i])) {
		ok = i + 1 == k ||
		     (i + 2 == k && len[i + 1] <= 6 && all_digits(part[i + 1], len[i + 1]));
	} else if (k == 1 && part[0][0] == '0' && (len[0] == 10 || len[0] == 11 || len[0] == 12) &&
	           all_digits(part[0], len[0])) {
		ok = true; /* area code and number written together */
	}
	if (!ok)
		bf_error_set(err, "%s",
		             _("Phone: a mobile (11 digits) or a landline (7 or 8 digits, with its "
		               "area code: 022-23456781)"));
	return ok;
}

bool bf_mobile_validate(const char *s, char normalized[12], bf_error *err)
{
	char buf[64];
	bf_error_clear(err);
	if (normalized)
		normalized[0] = '\0';
	if (!strip_seps(s, buf, sizeof buf, true)) {
		bf_error_set(err, "%s", _("Mobile number is too long"));
		return false;
	}
	const char *p = buf;
	if (*p == '\0') {
		bf_error_set(err, "%s", _("Mobile number is empty"));
		return false;
	}
	if (strncmp(p, "+86", 3) == 0)
		p += 3;
	else if (strncmp(p, "0086", 4) == 0 && strlen(p) == 15)
		p += 4;
	else if (strncmp(p, "86", 2) == 0 && strlen(p) == 13)
		p += 2;
	for (const char *q = p; *q; q++) {
		if (!is_digit(*q)) {
			bf_error_set(err, "%s", _("Mobile number: only digits are allowed"));
			return false;
		}
	}
	size_t len = strlen(p);
	if (len != 11) {
		bf_error_set(err, _("Mobile number must be 11 digits, got %zu"), len);
		return false;
	}
	if (p[0] != '1' || p[1] < '3') {
		bf_error_set(err, "%s", _("Mobile number must start with 13 to 19"));
		return false;
	}
	if (normalized)
		memcpy(normalized, p, 12);
	return true;
}

/* ---- masking -------------------------------------------------------------- */

/* Keep the first `head` and last `tail` characters, a '*' for each one in
 * between. Inputs too short to keep anything meaningful are starred whole. */
static void mask(const char *s, size_t head, size_t tail, char *out, size_t n)
{
	if (!out || n == 0)
		return;
	out[0] = '\0';
	if (!s)
		return;
	char buf[128];
	strip_seps(s, buf, sizeof buf, false);
	size_t len = utf8_len(buf);
	if (len <= head + tail) {
		head = 0;
		tail = 0;
	}
	char tmp[512];
	size_t o = 0, ci = 0;
	for (const char *p = buf; *p && o + 5 < sizeof tmp; ci++) {
		size_t cl = 1;
		while (((unsigned char)p[cl] & 0xC0) == 0x80)
			cl++;
		if (ci < head || ci >= len - tail) {
			memcpy(tmp + o, p, cl);
			o += cl;
		} else {
			tmp[o++] = '*';
		}
		p += cl;
	}
	tmp[o] = '\0';
	bf_strlcpy(out, tmp, n);
}

/* A value masked already (or sealed, "bf1:…") is shown as it is or not at
 * all: masking never reveals more than its input. */
static bool masked_already(const char *s, char *out, size_t n)
{
	if (!s)
		return false;
	/* a sealed value, or its digest (the audit log's, db.h) */
	if (!strncmp(s, "bf1:", 4) || !strncmp(s, "bf1#", 4)) {
		bf_strlcpy(out, "****", n);
		return true;
	}
	if (strchr(s, '*')) {
		bf_strlcpy(out, s, n);
		return true;
	}
	return false;
}

void bf_mask_id(const char *id, char *out, size_t n)
{
	if (n == 0)
		return;
	out[0] = '\0';
	if (!id || masked_already(id, out, n))
		return;
	char buf[64];
	strip_seps(id, buf, sizeof buf, false);
	size_t len = strlen(buf);
	if (len == 18) {
		/* the region's first four digits and the sequence (15–17); never
		 * the birth date (7–14) nor the check character, which the other
		 * seventeen would give away */
		snprintf(out, n, "%.4s**********%.3s*", buf, buf + 14);
		return;
	}
	mask(buf, len > 8 ? 4 : 0, 0, out, n);
}

void bf_mask_id_notice(const char *id, int digits, char *out, size_t n)
{
	if (n == 0)
		return;
	out[0] = '\0';
	if (!id || masked_already(id, out, n))
		return;
	if (digits < 0)
		digits = 0;
	if (digits > BF_NOTICE_ID_DIGITS_MAX)
		digits = BF_NOTICE_ID_DIGITS_MAX;
	char buf[64];
	strip_seps(id, buf, sizeof buf, false);
	mask(buf, (size_t)digits, 0, out, n);
}

void bf_mask_bank(const char *card, char *out, size_t n)
{
	if (n && masked_already(card, out, n))
		return;
	char buf[128];
	if (!card || !strip_seps(card, buf, sizeof buf, true))
		buf[0] = '\0';
	mask(buf, 0, 4, out, n);
}

void bf_mask_phone(const char *phone, char *out, size_t n)
{
	if (n && masked_already(phone, out, n))
		return;
	char norm[12];
	if (phone && bf_mobile_validate(phone, norm, NULL)) {
		mask(norm, 0, 4, out, n);
		return;
	}
	mask(phone, 0, 4, out, n);
}
