/* fuzz_package.c — libFuzzer target for the package codec: any bytes go
 * through bf_pkg_open and, when sound, are opened with the harness's fixed
 * addressee key (fuzz_keys.h: the seeds are sealed to it) and go to the
 * content parser of their kind;
 * the same bytes are also read as bare submission and reply content and
 * as a key file (the fuzzer cannot sign, so this is how mutated content
 * reaches the parsers); and JSON-looking input is sealed, opened again and
 * must come back whole. A submission read the fast way must agree with
 * jansson's whole tree (bf_pkg_parse_submission_plain). Short input is also read as a submission
 * deadline, which must format and read back the same. Everything is freed;
 * a broken rule traps.
 *
 * Built by tests/fuzz/run.sh with -fsanitize=fuzzer; replay.c links it
 * into a plain program that replays the corpus under `make check`. */
#include "config.h"

#include <jansson.h>
#include <sodium.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#include "bangfu/package.h"
#include "bangfu/submission.h"
#include "fuzz_keys.h"
#include "fuzz.h"

/* The fast reading of a submission and jansson's whole tree must agree:
 * the same verdict and message, the same fields, the same case JSON once
 * both are written with sorted keys. */
static char *canon(const char *j)
{
	json_t *x = json_loads(j, 0, NULL);
	REQUIRE(x);
	char *s = json_dumps(x, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(x);
	REQUIRE(s);
	return s;
}

static void same_reading(const char *c, size_t n)
{
	struct bf_pkg_submission a, b;
	bf_error ea, eb;
	enum bf_pkg_result ra = bf_pkg_parse_submission(c, n, &a, &ea);
	enum bf_pkg_result rb = bf_pkg_parse_submission_plain(c, n, &b, &eb);
	REQUIRE(ra == rb && strcmp(ea.msg, eb.msg) == 0);
	if (ra == BF_PKG_OK) {
		REQUIRE(a.n_cases == b.n_cases && a.n_reports == b.n_reports &&
		        a.revision == b.revision && !strcmp(a.unit_code, b.unit_code) &&
		        !strcmp(a.batch, b.batch));
		for (size_t i = 0; i < a.n_cases; i++) {
			const struct bf_pkg_case *x = &a.cases[i], *y = &b.cases[i];
			REQUIRE(!strcmp(x->number, y->number) && !strcmp(x->name, y->name) &&
			        !strcmp(x->id_number, y->id_number) &&
			        !strcmp(x->department, y->department) &&
			        !strcmp(x->employer, y->employer) && x->category == y->category &&
			        x->amount == y->amount && x->per_capita == y->per_capita &&
			        x->household_size == y->household_size &&
			        x->n_people == y->n_people);
			for (size_t k = 0; k < x->n_people; k++)
				REQUIRE(!strcmp(x->people[k].name, y->people[k].name) &&
				        !strcmp(x->people[k].relation, y->people[k].relation) &&
				        !strcmp(x->people[k].id_number, y->people[k].id_number));
			char *p = canon(x->json), *q = canon(y->json);
			REQUIRE(!strcmp(p, q));
			free(p);
			free(q);
		}
	}
	bf_pkg_submission_free(&a);
	bf_pkg_submission_free(&b);
}

static void parse_content(const char *kind, const char *c, size_t n)
{
	if (strcmp(kind, "submission") == 0)
		same_reading(c, n);
	bf_error err;
	if (strcmp(kind, "submission") == 0) {
		struct bf_pkg_submission s;
		enum bf_pkg_result r = bf_pkg_parse_submission(c, n, &s, &err);
		REQUIRE(r == BF_PKG_OK || (r == BF_PKG_MALFORMED && err.msg[0]));
		for (size_t i = 0; r == BF_PKG_OK && i < s.n_cases; i++) {
			REQUIRE(s.cases[i].json && s.cases[i].n_people > 0);
			REQUIRE(s.cases[i].category >= 1 && s.cases[i].category <= 5);
			REQUIRE(s.cases[i].amount >= 0);
		}
		bf_pkg_submission_free(&s);
	} else {
		struct bf_pkg_reply r;
		enum bf_pkg_result res = bf_pkg_parse_reply(c, n, &r, &err);
		REQUIRE(res == BF_PKG_OK || (res == BF_PKG_MALFORMED && err.msg[0]));
		for (size_t i = 0; res == BF_PKG_OK && i < r.n; i++)
			REQUIRE(r.decisions[i].decision == BF_PKG_ACCEPT ||
			        r.decisions[i].decision == BF_PKG_RETURN);
		bf_pkg_reply_free(&r);
	}
}

/* The fixed key pairs (made once). */
static uint8_t from_pk[32], from_sk[64], to_pk[32], to_sk[64];

static void keys_once(void)
{
	static bool have;
	if (have)
		return;
	REQUIRE(sodium_init() >= 0);
	fuzz_sender_keys(from_pk, from_sk);
	fuzz_addressee_keys(to_pk, to_sk);
	have = true;
}

/* A sound envelope's sealed content: opened with the addressee's key when
 * sealed to it (then parsed), refused with a message otherwise. */
static void open_sealed(const struct bf_pkg_header *h, const char *sealed, size_t len)
{
	char *plain = NULL;
	size_t plen = 0;
	bf_error err;
	enum bf_pkg_result r = bf_pkg_unseal(h, sealed, len, to_sk, &plain, &plen, &err);
	if (r == BF_PKG_OK) {
		REQUIRE(plain && plen + crypto_box_SEALBYTES == len && plain[plen] == '\0');
		parse_content(h->kind, plain, plen);
	} else {
		REQUIRE((r == BF_PKG_WRONG_RECIPIENT || r == BF_PKG_NOT_OPENED) && err.msg[0] &&
		        !plain && plen == 0);
	}
	bf_pkg_content_free(plain, plen);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	keys_once();
	const char *buf = (const char *)data;
	struct bf_pkg_header h;
	const char *content;
	size_t clen;
	bf_error err;
	enum bf_pkg_result r = bf_pkg_open(buf, size, &h, &content, &clen, &err);
	REQUIRE((unsigned)r < BF_PKG_RESULT_COUNT);
	if (r == BF_PKG_OK) {
		REQUIRE(h.is_signed && content >= buf && clen <= size &&
		        (size_t)(content - buf) <= size - clen);
		open_sealed(&h, content, clen);
	} else if (r == BF_PKG_UNSIGNED) {
		REQUIRE(!h.is_signed && content >= buf && clen <= size &&
		        (size_t)(content - buf) <= size - clen);
		open_sealed(&h, content, clen);
	} else {
		REQUIRE(err.msg[0] != '\0' && content == NULL && clen == 0);
	}

	parse_content("submission", buf, size);
	parse_content("reply", buf, size);

	struct bf_pkg_keyfile k;
	if (bf_pkg_keyfile_read(buf, size, &k, &err) == 0) {
		/* a key file read back is written and read again the same */
		char *text = bf_pkg_keyfile_write(&k);
		struct bf_pkg_keyfile k2;
		REQUIRE(text && bf_pkg_keyfile_read(text, strlen(text), &k2, &err) == 0);
		REQUIRE(memcmp(&k, &k2, sizeof k) == 0);
		free(text);
	} else {
		REQUIRE(err.msg[0] != '\0');
	}

	if (size < 64) {
		char text[64], msg[200], again[24];
		memcpy(text, buf, size);
		text[size] = '\0';
		struct bf_deadline d, d2;
		if (bf_deadline_parse(text, &d, msg, sizeof msg)) {
			bf_deadline_format(&d, again);
			REQUIRE(bf_deadline_parse(again, &d2, msg, sizeof msg));
			REQUIRE(d.date == d2.date && d.hour == d2.hour && d.minute == d2.minute);
		} else {
			REQUIRE(msg[0] != '\0');
		}
	}

	if (size > 0 && buf[0] == '{') {
		/* seal the bytes as content with the fixed keys: they must open whole */
		struct bf_pkg_header sh;
		memset(&sh, 0, sizeof sh);
		strcpy(sh.kind, "submission");
		strcpy(sh.from_code, "U001");
		strcpy(sh.created, "2026-12-20T09:30:00Z");
		sh.revision = 1;
		char *pkg;
		size_t plen;
		REQUIRE(bf_pkg_seal(&sh, buf, size, from_sk, to_pk, &pkg, &plen, &err) == 0);
		REQUIRE(bf_pkg_open(pkg, plen, &h, &content, &clen, &err) == BF_PKG_OK);
		REQUIRE(memcmp(h.public_key, from_pk, 32) == 0 &&
		        memcmp(h.sealed_to, to_pk, 32) == 0);
		char *plain;
		size_t n;
		REQUIRE(bf_pkg_unseal(&h, content, clen, to_sk, &plain, &n, &err) == BF_PKG_OK);
		REQUIRE(n == size && memcmp(plain, buf, size) == 0);
		bf_pkg_content_free(plain, n);
		/* not with the sender's key */
		REQUIRE(bf_pkg_unseal(&h, content, clen, from_sk, &plain, &n, &err) ==
		        BF_PKG_WRONG_RECIPIENT);
		free(pkg);
	}
	return 0;
}
