/* csv.c — RFC 4180 CSV and encoding detection. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <sys/types.h>
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

/* data (a whole file, or whole rows of one starting at byte base_off and
 * line base_line; first: it starts the file, a BOM may lead) in enc (UTF-8
 * or GB18030, asked: given by the user) as UTF-8 text. */
static char *to_utf8_at(const char *data, size_t len, enum bf_encoding enc, bool asked, bool first,
                        size_t base_off, size_t base_line, size_t *outlen, bf_error *err)
{
	const unsigned char *u = (const unsigned char *)data;
	bool bom = first && len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF;
	size_t skip = bom ? 3 : 0;
	*outlen = 0;
	if (enc == BF_ENC_UTF8) {
		size_t multi, bad, first_bad;
		utf8_scan(u + skip, len - skip, &multi, &bad, &first_bad);
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
			    base_line - 1 + line_of(data, off), u[off], base_off + off + 1);
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
			bf_error_set(
			    err,
			    asked ? _("line %zu: byte 0x%02X (byte %zu of the file) is not "
			              "valid GB18030: correct that byte")
			          : _("line %zu: byte 0x%02X (byte %zu of the file) is "
			              "neither UTF-8 nor GB18030: correct that byte"),
			    base_line - 1 + line_of(data, off), u[off], base_off + off + 1);
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

/* UTF-8 whenever the file is UTF-8 but for a few stray bytes: at least as
 * many good multi-byte characters as bad bytes (GB18030 text read as UTF-8
 * is nearly all bad bytes), or, read as GB18030 (gb_scan's counts), no more
 * Chinese characters (second byte 0x80 or above) than characters made of a
 * high byte and an ASCII one (ASCII text with a stray 0xE9 before a
 * letter). Those files are refused, never guessed at. */
static enum bf_encoding detect(bool bom, size_t multi, size_t bad, size_t gb_high,
                               size_t gb_ascii)
{
	return (bom || bad <= multi || gb_high <= gb_ascii) ? BF_ENC_UTF8 : BF_ENC_GB18030;
}

char *bf_to_utf8_n(const char *data, size_t len, enum bf_encoding enc, enum bf_encoding *used,
                   size_t *outlen, bf_error *err)
{
	const unsigned char *u = (const unsigned char *)data;
	bool bom = len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF;
	bool asked = enc != BF_ENC_AUTO;
	if (enc == BF_ENC_AUTO) {
		size_t skip = bom ? 3 : 0, multi, bad, first_bad;
		size_t gb_high = 0, gb_ascii = 0;
		utf8_scan(u + skip, len - skip, &multi, &bad, &first_bad);
		if (!bom && bad > multi)
			gb_scan(u, len, &gb_high, &gb_ascii);
		enc = detect(bom, multi, bad, gb_high, gb_ascii);
	}
	if (used)
		*used = enc;
	return to_utf8_at(data, len, enc, asked, true, 0, 1, outlen, err);
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

/* The rows of text, its first line numbered first_line; hdr (NULL: the
 * first row of text) names the columns in messages; *next_line (when not
 * NULL) the number of the line after the text. */
static int parse_at(const char *text, size_t len, size_t first_line, const struct bf_csv_row *hdr,
                    struct bf_csv *out, bf_error *err, size_t *next_line)
{
	memset(out, 0, sizeof *out);
	struct growbuf field = {0};
	struct bf_csv_row row = {0};
	size_t line = first_line, quote_line = 0, line_start = 0, rows_cap = 0;
	bool quoted = false, after_quote = false;
	row.line = first_line;
	for (size_t i = 0;; i++) {
		bool end = i >= len;
		char c = end ? '\0' : text[i];
		char next = i + 1 < len ? text[i + 1] : '\0';
		if (!end && forbidden_control((unsigned char)c)) {
			size_t col = row.nfields + 1;
			const struct bf_csv_row *h = hdr              ? hdr
			                             : out->nrows > 0 ? &out->rows[0]
			                                              : NULL;
			const char *name = h && col <= h->nfields ? h->fields[col - 1] : "";
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
				if (out->nrows == rows_cap) {
					/* geometric: a realloc per row is quadratic
					 * where realloc always copies (the sanitizer's) */
					size_t cap = rows_cap ? rows_cap * 2 : 64;
					struct bf_csv_row *rows = realloc(out->rows, cap * sizeof *rows);
					if (!rows)
						goto oom;
					out->rows = rows;
					rows_cap = cap;
				}
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
	if (next_line)
		*next_line = line;
	return 0;
oom:
	bf_error_set(err, _("out of memory"));
fail:
	free(field.s);
	row_free(&row);
	bf_csv_free(out);
	return -1;
}

int bf_csv_parse_n(const char *text, size_t len, struct bf_csv *out, bf_error *err)
{
	return parse_at(text, len, 1, NULL, out, err, NULL);
}

void bf_csv_free(struct bf_csv *csv)
{
	for (size_t i = 0; i < csv->nrows; i++)
		row_free(&csv->rows[i]);
	free(csv->rows);
	csv->rows = NULL;
	csv->nrows = 0;
}

/* ---- a file of any size, whole rows at a time ---------------------------------------- */

enum { STREAM_BLOCK = 1 << 20 };

/* Read more of the file onto the buffer: 0, or -1 on a read error. */
static int stream_fill(struct bf_csv_stream *s, bf_error *err)
{
	if (s->len + STREAM_BLOCK > s->cap) {
		size_t cap = s->len + STREAM_BLOCK;
		char *b = realloc(s->buf, cap);
		if (!b) {
			bf_error_set(err, _("out of memory"));
			return -1;
		}
		s->buf = b;
		s->cap = cap;
	}
	size_t got = fread(s->buf + s->len, 1, STREAM_BLOCK, s->f);
	s->len += got;
	if (got < STREAM_BLOCK) {
		if (ferror(s->f)) {
			bf_error_set(err, "%s", strerror(errno));
			return -1;
		}
		s->eof = true;
	}
	return 0;
}

/* Where the last whole row on the buffer ends: just after a line feed
 * outside quotes, read as the parser reads quotes (GB18030 has no quote,
 * comma or line feed inside a character, so the bytes tell); 0 if none. */
static size_t last_row_end(const char *b, size_t len)
{
	size_t end = 0;
	bool quoted = false, nonempty = false, after_quote = false;
	for (size_t i = 0; i < len; i++) {
		char c = b[i];
		if (quoted) {
			if (c == '"') {
				if (i + 1 < len && b[i + 1] == '"')
					i++;
				else
					quoted = false, after_quote = true;
			}
			continue;
		}
		if (c == '"' && !nonempty && !after_quote) {
			quoted = true;
			continue;
		}
		if (c == ',' || c == '\n' || c == '\r') {
			nonempty = after_quote = false;
			if (c == '\n')
				end = i + 1;
			continue;
		}
		nonempty = true;
		after_quote = false;
	}
	return end;
}

/* Drop the first n bytes of the buffer (handed out). */
static void stream_consume(struct bf_csv_stream *s, size_t n)
{
	memmove(s->buf, s->buf + n, s->len - n);
	s->len -= n;
	s->off += n;
}

/* The encoding of the whole file, read once as bf_to_utf8_n decides. */
static int stream_detect(struct bf_csv_stream *s, bf_error *err)
{
	size_t multi = 0, bad = 0, first_bad = 0, bad_line = 0, line = 1, gb_high = 0, gb_ascii = 0;
	bool bom = false, first = true;
	for (;;) {
		if (!s->eof && stream_fill(s, err) != 0)
			return -1;
		const unsigned char *u = (const unsigned char *)s->buf;
		size_t skip = 0;
		if (first) {
			bom = s->len >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF;
			skip = bom ? 3 : 0;
			first = false;
		}
		/* whole lines only: a character never spans a line feed */
		size_t n = s->len;
		if (!s->eof)
			while (n > 0 && u[n - 1] != '\n')
				n--;
		if (n == 0 && !s->eof)
			continue; /* one long line: read on */
		size_t m, b, fb;
		utf8_scan(u + skip, n - skip, &m, &b, &fb);
		if (b && !bad) {
			first_bad = s->off + skip + fb;
			bad_line = line - 1 + line_of(s->buf, skip + fb);
		}
		multi += m;
		bad += b;
		if (!bom) {
			size_t h, a;
			gb_scan(u, n, &h, &a);
			gb_high += h;
			gb_ascii += a;
		}
		for (size_t i = 0; i < n; i++)
			line += u[i] == '\n';
		stream_consume(s, n);
		if (s->eof && s->len == 0)
			break;
	}
	s->enc = detect(bom, multi, bad, gb_high, gb_ascii);
	if (s->enc == BF_ENC_UTF8 && bad) {
		unsigned char byte = 0;
		if (fseeko(s->f, (off_t)first_bad, SEEK_SET) == 0)
			byte = (unsigned char)getc(s->f);
		bf_error_set(err,
		             _("line %zu: byte 0x%02X (byte %zu of the file) is not "
		               "valid UTF-8 in a file that is otherwise UTF-8: correct "
		               "that byte (or give --encoding gb18030 if the file "
		               "really is GB18030)"),
		             bad_line, byte, first_bad + 1);
		return -1;
	}
	return 0;
}

int bf_csv_stream_open(struct bf_csv_stream *s, const char *path, enum bf_encoding enc,
                       bf_error *err)
{
	memset(s, 0, sizeof *s);
	s->f = fopen(path, "rb");
	if (!s->f) {
		bf_error_set(err, "%s", strerror(errno));
		return -1;
	}
	s->asked = enc != BF_ENC_AUTO;
	s->enc = enc;
	if ((enc == BF_ENC_AUTO && stream_detect(s, err) != 0) ||
	    bf_csv_stream_rewind(s, err) != 0) {
		bf_csv_stream_close(s);
		return -1;
	}
	return 0;
}

int bf_csv_stream_rewind(struct bf_csv_stream *s, bf_error *err)
{
	if (fseek(s->f, 0, SEEK_SET) != 0) {
		bf_error_set(err, "%s", strerror(errno));
		return -1;
	}
	s->len = s->off = 0;
	s->line = 1;
	s->eof = false;
	return 0;
}

int bf_csv_stream_next(struct bf_csv_stream *s, struct bf_csv *out, bf_error *err)
{
	memset(out, 0, sizeof *out);
	for (;;) {
		size_t n = 0;
		while (!s->eof && (n = last_row_end(s->buf, s->len)) == 0)
			if (stream_fill(s, err) != 0)
				return -1;
		if (s->eof)
			n = s->len; /* the rest, a last row without a line feed too */
		if (n == 0)
			return 0;
		size_t tlen, next_line;
		char *text = to_utf8_at(s->buf, n, s->enc, s->asked, s->off == 0, s->off, s->line,
		                        &tlen, err);
		int rc = text ? parse_at(text, tlen, s->line, s->header.nfields ? &s->header : NULL,
		                         out, err, &next_line)
		              : -1;
		free(text);
		if (rc != 0)
			return -1;
		stream_consume(s, n);
		s->line = next_line;
		if (!s->header.nfields && out->nrows > 0) {
			/* the header, kept to name columns in later rows' messages */
			const struct bf_csv_row *h = &out->rows[0];
			s->header.fields = calloc(h->nfields, sizeof *s->header.fields);
			if (!s->header.fields) {
				bf_csv_free(out);
				bf_error_set(err, _("out of memory"));
				return -1;
			}
			for (size_t i = 0; i < h->nfields; i++)
				if (!(s->header.fields[s->header.nfields++] =
				          strdup(h->fields[i]))) {
					bf_csv_free(out);
					bf_error_set(err, _("out of memory"));
					return -1;
				}
			s->header.line = h->line;
		}
		if (out->nrows > 0)
			return 1;
		/* blank lines only: read on */
	}
}

void bf_csv_stream_close(struct bf_csv_stream *s)
{
	if (s->f)
		fclose(s->f);
	row_free(&s->header);
	free(s->buf);
	memset(s, 0, sizeof *s);
}
