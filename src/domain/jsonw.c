/* jsonw.c — streaming JSON writer. */
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
	fputc('"', f);
	const unsigned char *run = (const unsigned char *)s; /* bytes that pass as they are */
	for (const unsigned char *p = run; *p; p++) {
		if (*p >= 0x20 && *p != '"' && *p != '\\')
			continue;
		fwrite(run, 1, (size_t)(p - run), f);
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
	fwrite(run, 1, strlen((const char *)run), f);
	fputc('"', f);
}

static void lead(struct bf_json *j, const char *key)
{
	if (j->need_comma[j->depth])
		fputc(',', j->f);
	if (j->pretty && j->depth > 0) {
		fputc('\n', j->f);
		for (int i = 0; i < j->depth; i++)
			fputs("  ", j->f);
	}
	j->need_comma[j->depth] = true;
	if (key) {
		put_string(j->f, key);
		fputs(j->pretty ? ": " : ":", j->f);
	}
}

static void open_(struct bf_json *j, const char *key, char c)
{
	lead(j, key);
	fputc(c, j->f);
	if (j->depth < 31)
		j->depth++;
	j->need_comma[j->depth] = false;
}

static void close_(struct bf_json *j, char c)
{
	bool had = j->need_comma[j->depth];
	if (j->depth > 0)
		j->depth--;
	if (j->pretty && had) {
		fputc('\n', j->f);
		for (int i = 0; i < j->depth; i++)
			fputs("  ", j->f);
	}
	fputc(c, j->f);
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
		fputs("null", j->f);
}

void bf_json_int(struct bf_json *j, const char *key, int64_t v)
{
	lead(j, key);
	fprintf(j->f, "%" PRId64, v);
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
