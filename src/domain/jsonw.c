/* jsonw.c — streaming JSON writer. Writes with the unlocked stdio calls
 * (the stream is one thread's): `case list --json` writes a million
 * objects, and a lock per character was a tenth of its time (issue 17). */
#define _GNU_SOURCE /* fputc_unlocked, fwrite_unlocked */
#include "config.h"

#include <inttypes.h>
#include <string.h>

#include "bangfu/jsonw.h"

void bf_json_init(struct bf_json *j, FILE *f, bool pretty)
{
	j->f = f;
	j->depth = 0;
	j->pretty = pretty;
	j->need_comma[0] = false;
}

static void put_string(FILE *f, const char *s)
{
	fputc_unlocked('"', f);
	const unsigned char *run = (const unsigned char *)s; /* bytes that pass as they are */
	for (const unsigned char *p = run; *p; p++) {
		if (*p >= 0x20 && *p != '"' && *p != '\\')
			continue;
		fwrite_unlocked(run, 1, (size_t)(p - run), f);
		run = p + 1;
		switch (*p) {
		case '"':
			fputs("\\\"", f);
			break;
		case '\\':
			fputs("\\\\", f);
			break;
		case '\n':
			fputs("\\n", f);
			break;
		case '\r':
			fputs("\\r", f);
			break;
		case '\t':
			fputs("\\t", f);
			break;
		default:
			fprintf(f, "\\u%04x", *p);
		}
	}
	fwrite_unlocked(run, 1, strlen((const char *)run), f);
	fputc_unlocked('"', f);
}

/* A newline and depth levels of indentation, in one write. */
static void indent(FILE *f, int depth)
{
	static const char spaces[] = "\n"
	                             "                                "
	                             "                              ";
	_Static_assert(sizeof spaces >= 1 + 2 * 31 + 1, "31 levels");
	fwrite_unlocked(spaces, 1, 1 + 2 * (size_t)depth, f); /* depth <= 31 */
}

static void lead(struct bf_json *j, const char *key)
{
	if (j->need_comma[j->depth])
		fputc_unlocked(',', j->f);
	if (j->pretty && j->depth > 0)
		indent(j->f, j->depth);
	j->need_comma[j->depth] = true;
	if (key) {
		put_string(j->f, key);
		fwrite_unlocked(": ", 1, j->pretty ? 2 : 1, j->f);
	}
}

static void open_(struct bf_json *j, const char *key, char c)
{
	lead(j, key);
	fputc_unlocked(c, j->f);
	if (j->depth < 31)
		j->depth++;
	j->need_comma[j->depth] = false;
}

static void close_(struct bf_json *j, char c)
{
	bool had = j->need_comma[j->depth];
	if (j->depth > 0)
		j->depth--;
	if (j->pretty && had)
		indent(j->f, j->depth);
	fputc_unlocked(c, j->f);
}

void bf_json_object(struct bf_json *j, const char *key)
{
	open_(j, key, '{');
}
void bf_json_object_end(struct bf_json *j)
{
	close_(j, '}');
}
void bf_json_array(struct bf_json *j, const char *key)
{
	open_(j, key, '[');
}
void bf_json_array_end(struct bf_json *j)
{
	close_(j, ']');
}

void bf_json_str(struct bf_json *j, const char *key, const char *val)
{
	lead(j, key);
	if (val)
		put_string(j->f, val);
	else
		fwrite_unlocked("null", 1, 4, j->f);
}

void bf_json_int(struct bf_json *j, const char *key, int64_t v)
{
	lead(j, key);
	char buf[24], *p = buf + sizeof buf; /* the digits from the right */
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) > 0);
	if (v < 0)
		*--p = '-';
	fwrite_unlocked(p, 1, (size_t)(buf + sizeof buf - p), j->f);
}

void bf_json_bool(struct bf_json *j, const char *key, bool v)
{
	lead(j, key);
	fputs(v ? "true" : "false", j->f);
}

void bf_json_finish(struct bf_json *j)
{
	fputc('\n', j->f);
	fflush(j->f);
}
