/* fuzz_csv.c — libFuzzer target for the CSV path of `bangfu case import`:
 * any bytes are decoded (detected, then forced to UTF-8 and to GB18030),
 * parsed as CSV and built into households, as the command does. Rules, each
 * a trap when broken:
 *   - decoded text is valid UTF-8 (it decodes again as UTF-8 to itself);
 *     input that is valid UTF-8 is detected as UTF-8 and kept byte for byte;
 *   - a parse either fails holding nothing, or gives rows with no control
 *     character but TAB, CR and LF, on strictly increasing lines, none blank;
 *   - a build either fails holding nothing (issue 18 item 12), or names
 *     problems only on lines of the file, and every household it does not
 *     mark bad starts with the employee's own row.
 * Everything is freed (leaks are found under ASan).
 *
 * Built by tests/fuzz/run.sh with -fsanitize=fuzzer; replay.c links it into a
 * plain program that replays tests/fuzz/corpus-csv under `make check`. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/case_import.h"
#include "bangfu/csv.h"
#include "fuzz.h"

static void check_rows(const struct bf_csv *csv)
{
	size_t last = 0;
	for (size_t r = 0; r < csv->nrows; r++) {
		const struct bf_csv_row *row = &csv->rows[r];
		REQUIRE(row->line > last);
		last = row->line;
		bool blank = true;
		for (size_t f = 0; f < row->nfields; f++) {
			for (const unsigned char *p = (const unsigned char *)row->fields[f]; *p;
			     p++)
				REQUIRE(*p >= 0x20 || *p == '\t' || *p == '\r' || *p == '\n');
			blank = blank && !row->fields[f][0];
			REQUIRE(!strchr(row->fields[f], 0x7F));
		}
		REQUIRE(!blank);
	}
}

static void check_build(const struct bf_csv *csv)
{
	struct bf_import imp;
	bf_error err = {{0}};
	int rc = bf_import_build(csv, 2026, bf_date_from_ymd(2026, 11, 28), &imp, &err);
	if (rc != 0) {
		REQUIRE(err.msg[0]);
		REQUIRE(!imp.problems && !imp.nproblems && !imp.households && !imp.nhouseholds);
		return;
	}
	size_t last = csv->nrows ? csv->rows[csv->nrows - 1].line : 0;
	for (size_t i = 0; i < imp.nproblems; i++)
		REQUIRE(imp.problems[i].line >= 1 && imp.problems[i].line <= last);
	for (size_t i = 0; i < imp.nwarnings; i++)
		REQUIRE(imp.warnings[i].line >= 1 && imp.warnings[i].line <= last);
	for (size_t h = 0; h < imp.nhouseholds; h++) {
		const struct bf_import_household *hh = &imp.households[h];
		if (hh->bad)
			continue;
		REQUIRE(hh->c.n_members >= 1);
		REQUIRE(hh->c.members[0].relation == BF_REL_SELF);
	}
	bf_import_free(&imp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *in = (const char *)data;
	static const enum bf_encoding encs[] = {BF_ENC_AUTO, BF_ENC_UTF8, BF_ENC_GB18030};
	for (size_t e = 0; e < sizeof encs / sizeof encs[0]; e++) {
		bf_error err = {{0}};
		enum bf_encoding used;
		size_t n = 0;
		char *text = bf_to_utf8_n(in, size, encs[e], &used, &n, &err);
		if (!text) {
			REQUIRE(err.msg[0]);
			continue;
		}
		REQUIRE(text[n] == '\0');
		/* the text is UTF-8: it decodes again to itself */
		size_t n2 = 0;
		char *again = bf_to_utf8_n(text, n, BF_ENC_UTF8, NULL, &n2, &err);
		bool bom = n >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3);
		REQUIRE(again && (bom ? n2 == n - 3 : n2 == n && !memcmp(again, text, n)));
		free(again);
		if (encs[e] == BF_ENC_AUTO) {
			size_t n3 = 0;
			char *u = bf_to_utf8_n(in, size, BF_ENC_UTF8, NULL, &n3, &err);
			if (u) /* valid UTF-8 is detected as such and kept */
				REQUIRE(used == BF_ENC_UTF8 && n3 == n && !memcmp(u, text, n));
			free(u);
		}
		struct bf_csv csv;
		if (bf_csv_parse_n(text, n, &csv, &err) != 0) {
			REQUIRE(err.msg[0] && csv.nrows == 0 && !csv.rows);
		} else {
			check_rows(&csv);
			check_build(&csv);
			bf_csv_free(&csv);
		}
		free(text);
	}
	return 0;
}
