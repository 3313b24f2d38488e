/* sanitize.c — the output sanitizer and the control check (sanitize.h). */
#define _GNU_SOURCE /* fopencookie */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bangfu/sanitize.h"

#define REPLACEMENT "\xef\xbf\xbd" /* U+FFFD */

/* The length of the UTF-8 sequence at s (len bytes left) and its code point:
 * > 0 a whole valid sequence, 0 incomplete (more bytes may make it whole),
 * -1 invalid (one byte to replace). */
static int utf8_next(const unsigned char *s, size_t len, uint32_t *cp)
{
	unsigned char c = s[0];
	int n;
	uint32_t v, min;
	if (c < 0x80) {
		*cp = c;
		return 1;
	} else if (c >= 0xc2 && c <= 0xdf) {
		n = 2, v = c & 0x1f, min = 0x80;
	} else if (c >= 0xe0 && c <= 0xef) {
		n = 3, v = c & 0x0f, min = 0x800;
	} else if (c >= 0xf0 && c <= 0xf4) {
		n = 4, v = c & 0x07, min = 0x10000;
	} else {
		return -1;
	}
	for (int i = 1; i < n; i++) {
		if ((size_t)i >= len)
			return 0;
		if ((s[i] & 0xc0) != 0x80)
			return -1;
		v = (v << 6) | (s[i] & 0x3f);
	}
	if (v < min || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return -1;
	*cp = v;
	return n;
}

static bool is_control(uint32_t cp, bool multiline)
{
	if (cp == '\n')
		return !multiline;
	if (cp == '\t')
		return !multiline;
	return cp < 0x20 || cp == 0x7f || (cp >= 0x80 && cp <= 0x9f) ||
	       (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069);
}

size_t bf_sanitize(FILE *f, const char *s, size_t len, bool at_end)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0, run = 0; /* bytes [run, i) pass as they are */
	while (i < len) {
		/* printable ASCII, newlines and tabs: most of any listing */
		if ((p[i] >= 0x20 && p[i] < 0x7f) || p[i] == '\n' || p[i] == '\t') {
			i++;
			continue;
		}
		uint32_t cp = 0;
		int n = utf8_next(p + i, len - i, &cp);
		if (n == 0 && !at_end)
			break;
		if (n > 0 && !is_control(cp, true)) {
			i += (size_t)n;
			continue;
		}
		fwrite(p + run, 1, i - run, f);
		if (n > 0 && cp < 0x20) { /* its control picture, U+2400 + cp */
			unsigned char pic[3] = {0xe2, (unsigned char)(0x90 + (cp >> 6)),
			                        (unsigned char)(0x80 + (cp & 0x3f))};
			fwrite(pic, 1, 3, f);
		} else if (n > 0 && cp == 0x7f) {
			fputs("\xe2\x90\xa1", f); /* ␡ */
		} else {
			fputs(REPLACEMENT, f);
		}
		i += n > 0 ? (size_t)n : 1;
		run = i;
	}
	fwrite(p + run, 1, i - run, f);
	return i;
}

bool bf_text_has_control(const char *s, bool multiline)
{
	const unsigned char *p = (const unsigned char *)(s ? s : "");
	size_t len = strlen((const char *)p);
	for (size_t i = 0; i < len;) {
		uint32_t cp;
		int n = utf8_next(p + i, len - i, &cp);
		if (n <= 0 || is_control(cp, multiline))
			return true;
		i += (size_t)n;
	}
	return false;
}

/* ---- the stream ---------------------------------------------------------------------- */

struct sanitized {
	FILE *to;
	char pending[4]; /* the start of a UTF-8 sequence cut by a write */
	size_t npending;
};

static ssize_t s_write(void *cookie, const char *buf, size_t size)
{
	struct sanitized *s = cookie;
	size_t done = 0;
	/* complete a sequence held back from the last write */
	while (s->npending && done < size) {
		s->pending[s->npending++] = buf[done++];
		size_t used = bf_sanitize(s->to, s->pending, s->npending, s->npending == 4);
		if (used == s->npending) {
			s->npending = 0;
		} else if (used > 0) {
			memmove(s->pending, s->pending + used, s->npending - used);
			s->npending -= used;
		}
	}
	size_t used = bf_sanitize(s->to, buf + done, size - done, false);
	size_t rest = size - done - used;
	if (rest > 0 && rest < sizeof s->pending) {
		memcpy(s->pending, buf + done + used, rest);
		s->npending = rest;
	}
	return (ssize_t)size;
}

static int s_close(void *cookie)
{
	struct sanitized *s = cookie;
	if (s->npending)
		bf_sanitize(s->to, s->pending, s->npending, true);
	fflush(s->to);
	free(s);
	return 0;
}

FILE *bf_sanitized_stream(FILE *to)
{
	struct sanitized *s = calloc(1, sizeof *s);
	if (!s)
		return NULL;
	s->to = to;
	cookie_io_functions_t io = {NULL, s_write, NULL, s_close};
	FILE *f = fopencookie(s, "w", io);
	if (!f) {
		free(s);
		return NULL;
	}
	/* line by line on a terminal; into a file or a pipe in blocks, so that
	 * a listing of a million files is not a million passes through here
	 * (issue 17) */
	int fd = fileno(to);
	if (fd >= 0 && !isatty(fd))
		setvbuf(f, NULL, _IOFBF, 1 << 16);
	else
		setvbuf(f, NULL, _IOLBF, 0);
	return f;
}
