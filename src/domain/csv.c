/* csv.c — RFC 4180 CSV and encoding detection. */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bangfu/csv.h"

int bf_encoding_parse(const char *name)
{
	if (!name || !strcasecmp(name, "auto"))
		return BF_ENC_AUTO;
	if (!strcasecmp(name, "utf-8") || !strcasecmp(name, "utf8"))
		return BF_ENC_UTF8;
	if (!strcasecmp(name, "gb18030") || !strcasecmp(name, "gbk") || !strcasecmp(name, "gb2312"))
		return BF_ENC_GB18030;
	return -1;
}

/* Length of the valid UTF-8 prefix. */
static size_t utf8_valid_prefix(const unsigned char *s, size_t len)
{
	size_t i = 0;
	while (i < len) {
		unsigned char c = s[i];
		size_t n;
		uint32_t cp, min;
		if (c < 0x80) {
			i++;
			continue;
		} else if ((c & 0xE0) == 0xC0) {
			n = 2, cp = c & 0x1F, min = 0x80;
		} else if ((c & 0xF0) == 0xE0) {
			n = 3, cp = c & 0x0F, min = 0x800;
		} else if ((c & 0xF8) == 0xF0) {
			n = 4, cp = c & 0x07, min = 0x10000;
		} else {
			return i;
		}
		if (i + n > len)
			return i;
		for (size_t k = 1; k < n; k++) {
			if ((s[i + k] & 0xC0) != 0x80)
				return i;
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
			return i;
		i += n;
	}
	return i;
}

static size_t line_of(const char *data, size_t off)
{
	size_t line = 1;
	for (size_t i = 0; i < off; i++)
		if (data[i] == '\n')
			line++;
	return line;
}

char *bf_to_utf8(const char *data, size_t len, enum bf_encoding enc, enum bf_encoding *used,
                 bf_error *err)
{
	const unsigned char *u = (const unsigned char *)data;
	bool bom = len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF;
	if (enc == BF_ENC_AUTO)
		enc = (bom || utf8_valid_prefix(u, len) == len) ? BF_ENC_UTF8 : BF_ENC_GB18030;
	if (used)
		*used = enc;
	if (enc == BF_ENC_UTF8) {
		size_t skip = bom ? 3 : 0;
		size_t ok = utf8_valid_prefix(u + skip, len - skip);
		if (ok != len - skip) {
			bf_error_set(
			    err, _("line %zu: not valid UTF-8 (byte %zu); try --encoding gb18030"),
			    line_of(data, skip + ok), skip + ok + 1);
			return NULL;
		}
		char *out = malloc(len - skip + 1);
		if (!out) {
			bf_error_set(err, _("out of memory"));
			return NULL;
		}
		memcpy(out, data + skip, len - skip);
		out[len - skip] = '\0';
		return out;
	}
	iconv_t cd = iconv_open("UTF-8", "GB18030");
	if (cd == (iconv_t)-1) {
		bf_error_set(err, _("this system cannot convert from GB18030"));
		return NULL;
	}
	size_t cap = len * 2 + 16;
	char *out = malloc(cap);
	if (!out) {
		iconv_close(cd);
		bf_error_set(err, _("out of memory"));
		return NULL;
	}
	char *in = (char *)data, *o = out;
	size_t inleft = len, outleft = cap - 1;
	while (inleft > 0) {
		if (iconv(cd, &in, &inleft, &o, &outleft) == (size_t)-1) {
			if (errno == E2BIG) {
				size_t used_bytes = (size_t)(o - out);
				cap *= 2;
				char *grown = realloc(out, cap);
				if (!grown) {
					free(out);
					iconv_close(cd);
					bf_error_set(err, _("out of memory"));
					return NULL;
				}
				out = grown;
				o = out + used_bytes;
				outleft = cap - used_bytes - 1;
				continue;
			}
			size_t off = (size_t)(in - data);
			bf_error_set(
			    err, _("line %zu: not valid GB18030 (byte %zu); try --encoding utf-8"),
			    line_of(data, off), off + 1);
			free(out);
			iconv_close(cd);
			return NULL;
		}
	}
	iconv_close(cd);
	*o = '\0';
	return out;
}

struct growbuf {
	char *s;
	size_t len, cap;
};

static int gb_put(struct growbuf *b, char c)
{
	if (b->len + 1 >= b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 64;
		char *s = realloc(b->s, cap);
		if (!s)
			return -1;
		b->s = s;
		b->cap = cap;
	}
	b->s[b->len++] = c;
	b->s[b->len] = '\0';
	return 0;
}

static int row_push(struct bf_csv_row *row, struct growbuf *field)
{
	char **f = realloc(row->fields, (row->nfields + 1) * sizeof *f);
	if (!f)
		return -1;
	row->fields = f;
	char *s = field->s ? field->s : strdup("");
	if (!s)
		return -1;
	bf_trim(s);
	row->fields[row->nfields++] = s;
	field->s = NULL;
	field->len = field->cap = 0;
	return 0;
}

static bool row_blank(const struct bf_csv_row *row)
{
	for (size_t i = 0; i < row->nfields; i++)
		if (row->fields[i][0])
			return false;
	return true;
}

static void row_free(struct bf_csv_row *row)
{
	for (size_t i = 0; i < row->nfields; i++)
		free(row->fields[i]);
	free(row->fields);
	row->fields = NULL;
	row->nfields = 0;
}

int bf_csv_parse(const char *text, struct bf_csv *out, bf_error *err)
{
	memset(out, 0, sizeof *out);
	struct growbuf field = {0};
	struct bf_csv_row row = {0};
	size_t line = 1, quote_line = 0;
	bool quoted = false, after_quote = false;
	row.line = 1;
	const char *p = text;
	for (;; p++) {
		char c = *p;
		if (quoted) {
			if (c == '\0') {
				bf_error_set(err, _("line %zu: a quoted field is never closed"),
				             quote_line);
				goto fail;
			}
			if (c == '"') {
				if (p[1] == '"') {
					if (gb_put(&field, '"'))
						goto oom;
					p++;
				} else {
					quoted = false;
					after_quote = true;
				}
			} else {
				if (c == '\n')
					line++;
				if (gb_put(&field, c))
					goto oom;
			}
			continue;
		}
		if (c == '"' && field.len == 0 && !after_quote) {
			quoted = true;
			quote_line = line;
			continue;
		}
		if (c == ',' || c == '\n' || c == '\0' || (c == '\r' && p[1] == '\n') ||
		    c == '\r') {
			if (c == '\r' && p[1] == '\n')
				p++;
			if (row_push(&row, &field))
				goto oom;
			after_quote = false;
			if (c == ',')
				continue;
			if (row_blank(&row)) {
				row_free(&row);
			} else {
				struct bf_csv_row *rows =
				    realloc(out->rows, (out->nrows + 1) * sizeof *rows);
				if (!rows)
					goto oom;
				out->rows = rows;
				out->rows[out->nrows++] = row;
				memset(&row, 0, sizeof row);
			}
			if (c == '\0')
				break;
			line++;
			row.line = line;
			continue;
		}
		if (after_quote) {
			/* text after a closing quote: keep it, like spreadsheets do */
			after_quote = false;
		}
		if (gb_put(&field, c))
			goto oom;
	}
	free(field.s);
	return 0;
oom:
	bf_error_set(err, _("out of memory"));
fail:
	free(field.s);
	row_free(&row);
	bf_csv_free(out);
	return -1;
}

void bf_csv_free(struct bf_csv *csv)
{
	for (size_t i = 0; i < csv->nrows; i++)
		row_free(&csv->rows[i]);
	free(csv->rows);
	csv->rows = NULL;
	csv->nrows = 0;
}
