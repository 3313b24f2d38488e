/* b64.c — table-driven base64 for sealed values (see b64.h). */
#include "bangfu/b64.h"

#include <stdint.h>

static const char enc[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

char *bf_b64_encode(char *out, const unsigned char *in, size_t n)
{
	char *o = out;
	size_t i = 0;
	for (; i + 3 <= n; i += 3) {
		uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
		o[0] = enc[v >> 18];
		o[1] = enc[(v >> 12) & 63];
		o[2] = enc[(v >> 6) & 63];
		o[3] = enc[v & 63];
		o += 4;
	}
	if (n - i == 1) {
		uint32_t v = (uint32_t)in[i] << 16;
		*o++ = enc[v >> 18];
		*o++ = enc[(v >> 12) & 63];
	} else if (n - i == 2) {
		uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8;
		*o++ = enc[v >> 18];
		*o++ = enc[(v >> 12) & 63];
		*o++ = enc[(v >> 6) & 63];
	}
	*o = '\0';
	return out;
}

/* 0..63, or 64 for anything else */
static unsigned dec(unsigned char c)
{
	if (c >= 'A' && c <= 'Z')
		return c - 'A';
	if (c >= 'a' && c <= 'z')
		return c - 'a' + 26;
	if (c >= '0' && c <= '9')
		return c - '0' + 52;
	if (c == '+')
		return 62;
	if (c == '/')
		return 63;
	return 64;
}

int bf_b64_decode(unsigned char *out, const char *in, size_t len, size_t *n)
{
	const unsigned char *s = (const unsigned char *)in;
	size_t o = 0, i = 0;
	if (len % 4 == 1)
		return -1;
	for (; i + 4 <= len; i += 4) {
		unsigned a = dec(s[i]), b = dec(s[i + 1]), c = dec(s[i + 2]), d = dec(s[i + 3]);
		if ((a | b | c | d) & 64)
			return -1;
		uint32_t v = a << 18 | b << 12 | c << 6 | d;
		out[o++] = (unsigned char)(v >> 16);
		out[o++] = (unsigned char)(v >> 8);
		out[o++] = (unsigned char)v;
	}
	size_t rest = len - i;
	if (rest) {
		unsigned a = dec(s[i]), b = dec(s[i + 1]), c = rest == 3 ? dec(s[i + 2]) : 0;
		if ((a | b | c) & 64)
			return -1;
		uint32_t v = a << 18 | b << 12 | c << 6;
		/* the bits past the last whole byte must be zero */
		if (rest == 2 ? (v & 0xffff) != 0 : (v & 0xff) != 0)
			return -1;
		out[o++] = (unsigned char)(v >> 16);
		if (rest == 3)
			out[o++] = (unsigned char)(v >> 8);
	}
	*n = o;
	return 0;
}
