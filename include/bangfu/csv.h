/* csv.h — RFC 4180 CSV reading from memory, and encoding detection
 * (UTF-8 with or without BOM, or GB18030 as Excel on Chinese Windows writes).
 * Pure code: no curses, no SQL. */
#ifndef BANGFU_CSV_H
#define BANGFU_CSV_H

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

#endif
