/* common.c — errors and string helpers shared by every layer. */
#include "config.h"

#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/common.h"

void bf_error_set(bf_error *err, const char *fmt, ...)
{
	if (!err)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
}

void bf_error_clear(bf_error *err)
{
	if (err)
		err->msg[0] = '\0';
}

bool bf_strlcpy(char *dst, const char *src, size_t n)
{
	if (n == 0)
		return false;
	if (!src)
		src = "";
	size_t len = strlen(src);
	if (len < n) {
		memcpy(dst, src, len + 1);
		return true;
	}
	size_t cut = n - 1;
	/* back up over UTF-8 continuation bytes so no sequence is split */
	while (cut > 0 && ((unsigned char)src[cut] & 0xC0) == 0x80)
		cut--;
	memcpy(dst, src, cut);
	dst[cut] = '\0';
	return false;
}

static size_t space_len(const char *s)
{
	unsigned char c = (unsigned char)s[0];
	if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f')
		return 1;
	/* U+3000 IDEOGRAPHIC SPACE = E3 80 80 */
	if (c == 0xE3 && (unsigned char)s[1] == 0x80 && (unsigned char)s[2] == 0x80)
		return 3;
	return 0;
}

char *bf_trim(char *s)
{
	if (!s)
		return s;
	size_t skip = 0, k;
	while (s[skip] && (k = space_len(s + skip)) > 0)
		skip += k;
	if (skip)
		memmove(s, s + skip, strlen(s + skip) + 1);
	size_t len = strlen(s);
	for (;;) {
		if (len >= 1 && space_len(s + len - 1) == 1) {
			s[--len] = '\0';
		} else if (len >= 3 && space_len(s + len - 3) == 3) {
			len -= 3;
			s[len] = '\0';
		} else {
			break;
		}
	}
	return s;
}

bool bf_blank(const char *s)
{
	if (!s)
		return true;
	size_t k;
	while (*s) {
		if ((k = space_len(s)) == 0)
			return false;
		s += k;
	}
	return true;
}

void *bf_push(void *pptr, size_t *cap, size_t *n, size_t elem)
{
	if (!bf_grow(pptr, cap, *n + 1, elem))
		return NULL;
	char *base;
	memcpy(&base, pptr, sizeof base);
	char *e = base + (*n)++ * elem;
	memset(e, 0, elem);
	return e;
}

bool bf_grow(void *pptr, size_t *cap, size_t need, size_t elem)
{
	if (need <= *cap)
		return true;
	size_t ncap = *cap ? *cap : 16;
	while (ncap < need) {
		if (ncap > SIZE_MAX / 2 / elem)
			return false;
		ncap *= 2;
	}
	void *old;
	memcpy(&old, pptr, sizeof old);
	void *p = realloc(old, ncap * elem);
	if (!p)
		return false;
	memcpy(pptr, &p, sizeof p);
	*cap = ncap;
	return true;
}
