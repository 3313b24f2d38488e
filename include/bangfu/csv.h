/* csv.h — RFC 4180 CSV reading from memory, and encoding detection
 * (UTF-8 with or without BOM, or GB18030 as Excel on Chinese Windows writes).
 * Pure code: no curses, no SQL. */
#ifndef BANGFU_CSV_H
#define BANGFU_CSV_H

#include <stdio.h>

#include "bangfu/common.h"

struct bf_csv_row {
	size_t line; /* 1-based line number where the row starts */
	size_t nfields;
	char **fields; /* NUL-terminated UTF-8, trimmed of surrounding white space */
};

struct bf_csv {
	size_t nrows;
	struct bf_csv_row *rows;
};

enum bf_encoding { BF_ENC_AUTO = 0, BF_ENC_UTF8, BF_ENC_GB18030 };

/* Parse "utf-8", "utf8", "gb18030", "gbk", "auto"; -1 if unknown. */
int bf_encoding_parse(const char *name);

/* Convert data to UTF-8 (malloc'd, NUL-terminated, BOM removed). With
 * BF_ENC_AUTO: a UTF-8 BOM, valid UTF-8, or UTF-8 but for a few stray bytes
 * (at least as many good multi-byte characters as bad bytes, or ASCII with
 * stray high bytes: read as GB18030 no more Chinese characters than ones
 * made of a high byte and an ASCII byte) means UTF-8, else GB18030. A file taken as UTF-8 with a bad byte is refused, never decoded
 * as another encoding. *used says which was used. Errors name the byte (in
 * hex), its offset and its line. bf_to_utf8_n also gives the length of the
 * text (a NUL byte in the data stays in it, for bf_csv_parse_n to refuse). */
char *bf_to_utf8(const char *data, size_t len, enum bf_encoding enc, enum bf_encoding *used,
                 bf_error *err);
char *bf_to_utf8_n(const char *data, size_t len, enum bf_encoding enc, enum bf_encoding *used,
                   size_t *outlen, bf_error *err);

/* Parse UTF-8 CSV text. Blank lines are skipped. A quote left open names its
 * line in err. A control character (NUL included; TAB, CR and LF excepted)
 * is an error naming its line and column: nothing is returned. bf_csv_parse
 * reads up to the first NUL; bf_csv_parse_n reads len bytes. */
int bf_csv_parse(const char *text, struct bf_csv *out, bf_error *err);
int bf_csv_parse_n(const char *text, size_t len, struct bf_csv *out, bf_error *err);
void bf_csv_free(struct bf_csv *csv);

/* A CSV file of any size read a chunk of whole rows at a time (about 1 MB
 * of the file), so memory stays flat in the file's size. Rows, lines and
 * messages are those bf_to_utf8_n and bf_csv_parse_n give for the whole
 * file; with BF_ENC_AUTO the encoding is decided by reading the file once
 * at open (a bad byte in a UTF-8 file is refused there). */
struct bf_csv_stream {
	FILE *f;
	enum bf_encoding enc; /* the one used */
	bool asked;           /* enc was given, not detected */
	char *buf;            /* bytes read, not yet handed out */
	size_t len, cap;
	size_t off;  /* the file offset of buf[0] */
	size_t line; /* the line number of buf[0] */
	bool eof;
	struct bf_csv_row header; /* the first row, naming columns in messages */
};
/* 0, or -1 with err saying why (err does not name the path). */
int bf_csv_stream_open(struct bf_csv_stream *s, const char *path, enum bf_encoding enc,
                       bf_error *err);
/* The next rows in out (bf_csv_free them): 1, 0 at the end of the file (out
 * empty), -1 on an error in err naming the line. The first row of the file
 * is the first row of the first chunk. */
int bf_csv_stream_next(struct bf_csv_stream *s, struct bf_csv *out, bf_error *err);
/* Back to the start of the file, to read it again. */
int bf_csv_stream_rewind(struct bf_csv_stream *s, bf_error *err);
void bf_csv_stream_close(struct bf_csv_stream *s);

#endif
