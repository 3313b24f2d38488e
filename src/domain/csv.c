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

/* Length of the valid UTF-8 sequence at s (1 for ASCII), 0 if invalid. */
static size_t utf8_seq(const unsigned char *s, size_t len)
{
	unsigned char c = s[0];
	size_t n;
	uint32_t cp, min;
	if (c < 0x80)
		return 1;
	if ((c & 0xE0) == 0xC0)
		n = 2, cp = c & 0x1F, min = 0x80;
	else if ((c & 0xF0) == 0xE0)
		n = 3, cp = c & 0x0F, min = 0x800;
	else if ((c & 0xF8) == 0xF0)
		n = 4, cp = c & 0x07, min = 0x10000;
	else
		return 0;
	if (n > len)
		return 0;
	for (size_t k = 1; k < n; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		cp = (cp << 6) | (s[k] & 0x3F);
	}
	if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
		return 0;
	return n;
}

/* Scan for UTF-8: counts the valid multi-byte sequences and the bad bytes;
 * *first_bad is the offset of the first bad byte (len when none). */
static void utf8_scan(const unsigned char *s, size_t len, size_t *multi, size_t *bad,
                      size_t *first_bad)
{
	*multi = *bad = 0;
	*first_bad = len;
	for (size_t i = 0; i < len;) {
		size_t n = utf8_seq(s + i, len - i);
		if (n == 0) {
			if (*bad == 0)
				*first_bad = i;
			(*bad)++;
			i++;
			continue;
		}
		if (n > 1)
			(*multi)++;
		i += n;
	}
}

/* Scan as GB18030 without decoding: the two-byte characters whose second
 * byte is 0x80 or above (and the four-byte ones), as Chinese text has
 * nearly all of them, against those whose second byte is an ASCII letter,
 * digit or sign (0x40-0x7E: rare characters, and what a stray high byte
 * before a letter of ASCII text looks like). Bytes that are no GB18030 are
 * skipped. */
static void gb_scan(const unsigned char *s, size_t len, size_t *high, size_t *ascii)
{
	*high = *ascii = 0;
	for (size_t i = 0; i < len;) {
		unsigned char c = s[i];
		if (c < 0x80) {
			i++;
		} else if (c == 0x80 || c == 0xFF || i + 1 >= len) {
			i++;
		} else if (s[i + 1] >= 0x30 && s[i + 1] <= 0x39) {
			if (i + 3 < len && s[i + 2] >= 0x81 && s[i + 2] <= 0xFE &&
			    s[i + 3] >= 0x30 && s[i + 3] <= 0x39)
				(*high)++, i += 4;
			else
				i++;
		} else if (s[i + 1] >= 0x80 && s[i + 1] <= 0xFE) {
			(*high)++, i += 2;
		} else if (s[i + 1] >= 0x40 && s[i + 1] <= 0x7E) {
			(*ascii)++, i += 2;
		} else {
			i++;
		}
	}
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
	size_t n;
	return bf_to_utf8_n(data, len, enc, used, &n, err);
}

char *bf_to_utf8_n(const char *data, size_t len, enum bf_encoding enc, enum bf_encoding *used,
                   size_t *outlen, bf_error *err)
{
	const unsigned char *u = (const unsigned char *)data;
	bool bom = len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF;
	size_t skip = bom ? 3 : 0, multi, bad, first_bad;
	utf8_scan(u + skip, len - skip, &multi, &bad, &first_bad);
	bool asked = enc != BF_ENC_AUTO;
	/* UTF-8 whenever the file is UTF-8 but for a few stray bytes: at least
	 * as many good multi-byte characters as bad bytes (GB18030 text read as
	 * UTF-8 is nearly all bad bytes), or, read as GB18030, no more Chinese
	 * characters (second byte 0x80 or above) than characters made of a high
	 * byte and an ASCII one (ASCII text with a stray 0xE9 before a letter).
	 * Those files are refused, never guessed at. */
	if (enc == BF_ENC_AUTO) {
		size_t gb_high = 0, gb_ascii = 0;
		if (!bom && bad > multi)
			gb_scan(u, len, &gb_high, &gb_ascii);
		enc = (bom || bad <= multi || gb_high <= gb_ascii) ? BF_ENC_UTF8 : BF_ENC_GB18030;
	}
	if (used)
		*used = enc;
	*outlen = 0;
	if (enc == BF_ENC_UTF8) {
		if (bad) {
			size_t off = skip + first_bad;
			bf_error_set(
			    err,
			    asked ? _("line %zu: byte 0x%02X (byte %zu of the file) is not "
			              "valid UTF-8: correct that byte, or give --encoding "
			              "gb18030 if the file really is GB18030")
			          : _("line %zu: byte 0x%02X (byte %zu of the file) is not "
			              "valid UTF-8 in a file that is otherwise UTF-8: correct "
			              "that byte (or give --encoding gb18030 if the file "
			              "really is GB18030)"),
			    line_of(data, off), u[off], off + 1);
			return NULL;
		}
		char *out = malloc(len - skip + 1);
		if (!out) {
			bf_error_set(err, _("out of memory"));
			return NULL;
		}
		memcpy(out, data + skip, len - skip);
		out[len - skip] = '\0';
		*outlen = len - skip;
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
			bf_error_set(err,
			             asked
			                 ? _("line %zu: byte 0x%02X (byte %zu of the file) is not "
			                     "valid GB18030: correct that byte")
			                 : _("line %zu: byte 0x%02X (byte %zu of the file) is "
			                     "neither UTF-8 nor GB18030: correct that byte"),
			             line_of(data, off), u[off], off + 1);
			free(out);
			iconv_close(cd);
			return NULL;
		}
	}
	iconv_close(cd);
	*o = '\0';
	*outlen = (size_t)(o - out);
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
	return bf_csv_parse_n(text, strlen(text), out, err);
}

/* A control character the CSV grammar has no place for: everything below
 * 0x20 but TAB, CR and LF, and DEL. */
static bool forbidden_control(unsigned char c)
{
	return (c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F;
}

int bf_csv_parse_n(const char *text, size_t len, struct bf_csv *out, bf_error *err)
{
	memset(out, 0, sizeof *out);
	struct growbuf field = {0};
	struct bf_csv_row row = {0};
	size_t line = 1, quote_line = 0, line_start = 0;
	bool quoted = false, after_quote = false;
	row.line = 1;
	for (size_t i = 0;; i++) {
		bool end = i >= len;
		char c = end ? '\0' : text[i];
		char next = i + 1 < len ? text[i + 1] : '\0';
		if (!end && forbidden_control((unsigned char)c)) {
			size_t col = row.nfields + 1;
			const char *name = out->nrows > 0 && col <= out->rows[0].nfields
			                       ? out->rows[0].fields[col - 1]
			                       : "";
			size_t at = 1; /* characters, not bytes, from the line's start */
			for (size_t k = line_start; k < i; k++)
				at += ((unsigned char)text[k] & 0xC0) != 0x80;
			unsigned byte = (unsigned char)c;
			if (name[0])
				bf_error_set(
				    err,
				    _("line %zu, column %zu (%s), character %zu: control "
				      "character 0x%02X: a CSV file may not contain it (the "
				      "file may be damaged); nothing was read"),
				    line, col, name, at, byte);
			else
				bf_error_set(
				    err,
				    _("line %zu, column %zu, character %zu: control "
				      "character 0x%02X: a CSV file may not contain it (the "
				      "file may be damaged); nothing was read"),
				    line, col, at, byte);
			goto fail;
		}
		if (quoted) {
			if (end) {
				bf_error_set(err, _("line %zu: a quoted field is never closed"),
				             quote_line);
				goto fail;
			}
			if (c == '"') {
				if (next == '"') {
					if (gb_put(&field, '"'))
						goto oom;
					i++;
				} else {
					quoted = false;
					after_quote = true;
				}
			} else {
				if (c == '\n') {
					line++;
					line_start = i + 1;
				}
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
		if (end || c == ',' || c == '\n' || c == '\r') {
			if (c == '\r' && next == '\n')
				i++;
			if (row_push(&row, &field))
				goto oom;
			after_quote = false;
			if (!end && c == ',')
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
			if (end)
				break;
			line++;
			line_start = i + 1;
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
