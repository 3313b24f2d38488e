/* district_store.c — the district's side in the database: importing units'
 * submission packages (verified whole before anything is written), the
 * consolidated list with duplicates across units, decisions, the reply
 * packages and the summaries. See district_store.h. */
#include "config.h"

#include <jansson.h>
#include <pthread.h>
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bangfu/holiday_store.h"
#include "bangfu/accounts.h"
#include "bangfu/audit.h"
#include "bangfu/code.h"
#include "bangfu/coldesc.h"
#include "bangfu/district_store.h"
#include "bangfu/case_query.h"
#include "bangfu/ident.h"
#include "bangfu/sanitize.h"
#include "bangfu/store.h"
#include "bangfu/submission.h"
#include "bangfu/submission_store.h"
#include "bangfu/vault.h"

/* ---- small helpers ------------------------------------------------------------------ */

static int require(bf_db *db, enum bf_perm perm, bf_error *err)
{
	if (bf_store_require(db, perm, err) != 0)
		return 1;
	if (!db->actor[0]) {
		bf_error_set(err, "%s", _("no operator set: every change records who made it"));
		return -1;
	}
	return 0;
}

/* 0 when this database is the district's; 1 (err says so) when it is a
 * unit's or not set up; -1 on error. */
static int require_district(bf_db *db, struct bf_unit *u, bf_error *err)
{
	if (bf_unit_load(db, u, err) != 0)
		return bf_store_is_initialized(db) ? -1 : 1;
	if (!u->district_mode) {
		bf_error_set(err, "%s",
		             _("This is a unit's database: the district's work is done in a "
		               "district database (make one with `bangfu init --district-mode`)"));
		return 1;
	}
	return 0;
}

/* A growing text of lines. */
struct sbuf {
	char *p;
	size_t len, cap;
	bool oom;
};

static void sb_printf(struct sbuf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void sb_printf(struct sbuf *b, const char *fmt, ...)
{
	if (b->oom)
		return;
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if (b->len + (size_t)n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (cap < b->len + (size_t)n + 1)
			cap *= 2;
		char *p = realloc(b->p, cap);
		if (!p) {
			b->oom = true;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	va_start(ap, fmt);
	vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

static void sb_append(struct sbuf *b, const struct sbuf *o)
{
	if (o->len)
		sb_printf(b, "%s", o->p);
}

static int bind_blob(bf_stmt *st, const char *name, const void *p, int n)
{
	int i = sqlite3_bind_parameter_index(st->s, name);
	if (i == 0)
		return -1;
	return sqlite3_bind_blob(st->s, i, p, n, SQLITE_TRANSIENT) == SQLITE_OK ? 0 : -1;
}

static const char *decision_label(const char *d)
{
	if (!strcmp(d, "accept"))
		return _("accepted");
	if (!strcmp(d, "return"))
		return _("returned");
	return _("pending");
}

void bf_import_result_free(struct bf_import_result *r)
{
	if (!r)
		return;
	free(r->diff);
	r->diff = NULL;
}

/* ---- verification (nothing written) ---------------------------------------------------- */

void bf_import_restored_warning(const struct bf_import_result *r, char *out, size_t n)
{
	snprintf(out, n,
	         _("Warning: unit %s says it restored its database from a backup. Its audit chain "
	           "was not checked against the head held (%.16s at row %lld); this package's head "
	           "(%.16s at row %lld) is held from now on. Ask the unit why, and what was lost."),
	         r->header.from_code, r->held_head, (long long)r->held_rows,
	         r->header.audit_head[0] ? r->header.audit_head : "-",
	         (long long)r->header.audit_rows);
}

static int refuse(struct bf_import_result *r, enum bf_pkg_result v)
{
	r->verdict = v;
	return 1;
}

/* The envelope's verdict v, the kind, and the sender's key. */
static int check_sender(bf_db *db, struct bf_import_result *r, enum bf_pkg_result v, bool required,
                        bf_error *err)
{
	struct bf_pkg_header *h = &r->header;
	if (v != BF_PKG_OK)
		return refuse(r, v);
	if (strcmp(h->kind, "submission") != 0) {
		bf_error_set(err,
		             _("The package is not the kind expected: it is a \"%s\" package, not "
		               "a unit's submission (a reply is imported on the unit's side)"),
		             h->kind);
		return refuse(r, BF_PKG_WRONG_KIND);
	}
	/* codes and the batch number become names (files, keys): codes only */
	if (!bf_code_ok(h->from_code, _("The package's unit code"), err) ||
	    (!bf_blank(h->to_code) &&
	     !bf_code_ok(h->to_code, _("The package's district code"), err)) ||
	    !bf_code_ok(h->batch, _("The package's batch number"), err))
		return refuse(r, BF_PKG_MALFORMED);
	/* a package made for another district union is not ours to import */
	struct bf_unit me;
	if (bf_unit_load(db, &me, err) != 0)
		return -1;
	if (!bf_blank(h->to_code) && !bf_blank(me.code) && strcmp(h->to_code, me.code) != 0) {
		bf_error_set(err,
		             _("The package is addressed to another district union: %s (%s), not "
		               "this one (%s)"),
		             h->to_name, h->to_code, me.code);
		return refuse(r, BF_PKG_WRONG_RECIPIENT);
	}
	uint8_t pk[32];
	char kname[128] = "";
	int k = bf_key_trusted(db, h->from_code, pk, kname, sizeof kname, err);
	if (k < 0)
		return -1;
	if (!h->is_signed) {
		if (required) {
			bf_error_set(err,
			             _("The package is unsigned: unit %s did not sign it, and this "
			               "database requires a signature (setting require_signature)"),
			             h->from_code);
			return refuse(r, BF_PKG_UNSIGNED);
		}
		r->unverified = true;
	} else if (k == 1) {
		char fp[24];
		bf_pkg_fingerprint(h->public_key, fp);
		if (required) {
			bf_error_set(
			    err,
			    _("The package is signed by an unknown key (%s): no key is "
			      "registered for unit %s; register the unit's key file first"),
			    fp, h->from_code);
			return refuse(r, BF_PKG_UNKNOWN_KEY);
		}
		r->unverified = true;
	} else if (sodium_memcmp(pk, h->public_key, 32) != 0) {
		char fp[24], fp_reg[24];
		bf_pkg_fingerprint(h->public_key, fp);
		bf_pkg_fingerprint(pk, fp_reg);
		bf_error_set(err,
		             _("The package is signed by an unknown key (%s): the key registered "
		               "for unit %s (%s) is %s"),
		             fp, h->from_code, kname, fp_reg);
		return refuse(r, BF_PKG_UNKNOWN_KEY);
	}
	return 0;
}

/* A control character in a JSON text: a raw C1 or bidi control, or one
 * escaped as \uXXXX. Raw C0 controls cannot be in valid JSON. On a find,
 * key gets the name of the member whose value holds it. */
static bool json_has_control(const char *json, char *key, size_t n)
{
	for (const char *p = json; *p; p++) {
		const unsigned char *u = (const unsigned char *)p;
		bool hit = false;
		if (u[0] == '\\' && u[1] == 'u') {
			unsigned v;
			char hex[5] = {0};
			memcpy(hex, p + 2, 4);
			if (strlen(hex) == 4 && sscanf(hex, "%4x", &v) == 1)
				hit = v < 0x20 ? v != '\n' && v != '\t' && v != '\r'
				               : v == 0x7f || (v >= 0x80 && v <= 0x9f) ||
				                     (v >= 0x202a && v <= 0x202e) ||
				                     (v >= 0x2066 && v <= 0x2069);
			if (!hit) {
				p++; /* past the escaped character */
				continue;
			}
		} else if (u[0] == '\\' && u[1]) {
			p++;
			continue;
		} else {
			hit = (u[0] == 0xc2 && u[1] >= 0x80 && u[1] <= 0x9f) ||
			      (u[0] == 0xe2 && u[1] == 0x80 && u[2] >= 0xaa && u[2] <= 0xae) ||
			      (u[0] == 0xe2 && u[1] == 0x81 && u[2] >= 0xa6 && u[2] <= 0xa9) ||
			      u[0] == 0x7f;
		}
		if (!hit)
			continue;
		/* back to the opening quote of this string, then to the key before it */
		const char *q = p;
		while (q > json && !(q[0] == '"' && q[-1] != '\\'))
			q--;
		const char *k = q > json ? q - 1 : q;
		while (k > json && (*k == ' ' || *k == ':'))
			k--;
		const char *kend = k;
		if (k > json && *k == '"') {
			k--;
			while (k > json && !(k[0] == '"' && k[-1] != '\\'))
				k--;
			size_t len = (size_t)(kend - k - 1);
			snprintf(key, n, "%.*s", (int)(len < 60 ? len : 60), k + 1);
		} else {
			snprintf(key, n, "?");
		}
		return true;
	}
	return false;
}

/* Any text of the package holding a control character (sanitize.h) makes
 * it refused, naming the case and the field. true when refused (err). */
static bool package_controls(const struct bf_pkg_submission *s, bf_error *err)
{
	const struct {
		const char *field, *text;
	} top[] = {
	    {"unit.name", s->unit_name},         {"unit.union", s->union_name},
	    {"unit.district", s->district},      {"unit.address", s->address},
	    {"unit.contact", s->contact},        {"unit.phone", s->phone},
	    {"batch.created_by", s->created_by},
	};
	for (size_t i = 0; i < BF_ARRAY_LEN(top); i++)
		if (bf_text_has_control(top[i].text, false)) {
			bf_error_set(err,
			             _("The package is malformed: \"%s\" holds a control character "
			               "(such as ESC or a direction mark)"),
			             top[i].field);
			return true;
		}
	for (size_t i = 0; i < s->n_reports; i++)
		if (bf_text_has_control(s->reports[i].place, false) ||
		    bf_text_has_control(s->reports[i].text, true)) {
			bf_error_set(
			    err,
			    _("The package is malformed: the result report of round %lld "
			      "holds a control character (such as ESC or a direction mark)"),
			    (long long)s->reports[i].round);
			return true;
		}
	for (size_t i = 0; i < s->n_cases; i++) {
		const struct bf_pkg_case *c = &s->cases[i];
		char key[64] = "";
		const char *field = NULL;
		if (bf_text_has_control(c->number, false))
			field = "number";
		else if (bf_text_has_control(c->name, false))
			field = "name";
		else if (bf_text_has_control(c->department, false))
			field = "department";
		else if (bf_text_has_control(c->employer, false))
			field = "employer";
		for (size_t k = 0; !field && k < c->n_people; k++)
			if (bf_text_has_control(c->people[k].name, false))
				field = "members.name";
		if (!field && c->json && json_has_control(c->json, key, sizeof key))
			field = key;
		if (field) {
			char number[32];
			bf_filename_part(c->number, number, sizeof number); /* shown safely */
			bf_error_set(err,
			             _("The package is malformed: case %zu (%s): \"%s\" holds a "
			               "control character (such as ESC or a direction mark)"),
			             i + 1, number, field);
			return true;
		}
	}
	return false;
}

/* The content is opened (it is sealed to this database's key), parsed, and
 * each case's JSON hashed, in a thread while the envelope is verified and
 * the file hashed (the second core does half the work): the sealed content
 * lies between the blank line that ends the header and the trailer's
 * "\nsignature: " line. The result is used only when the envelope is sound
 * and its sealed content is exactly that span; otherwise it is dropped and
 * the content opened and parsed again. The thread only decrypts; the
 * addressee and the Poly1305 tag are checked here (bf_pkg_unseal_check)
 * before its result is used. */
struct early_parse {
	const char *content; /* the sealed span */
	size_t len;
	/* this database's key: the parse is used when the package names it */
	uint8_t sealed_to[32];
	const uint8_t *sk;
	struct bf_pkg_submission s;
	char (*digests)[65]; /* each case's JSON's digest (to tell what a revision changed) */
	bf_error err;
	enum bf_pkg_result v;
	pthread_t th;
	bool started;
};

/* Each case's digest; false when out of memory. */
static bool case_digests(const struct bf_pkg_submission *s, char (**out)[65])
{
	*out = NULL;
	if (s->n_cases == 0)
		return true;
	if (!(*out = malloc(s->n_cases * sizeof **out)))
		return false;
	for (size_t i = 0; i < s->n_cases; i++) {
		const char *json = s->cases[i].json ? s->cases[i].json : "{}";
		bf_pkg_case_digest(json, strlen(json), (*out)[i]);
	}
	return true;
}

/* Open sealed content with sk and parse it as a submission, with each
 * case's digest. h NULL: the opening is not checked (the early parse: the
 * caller checks with bf_pkg_unseal_check before using the result). */
static enum bf_pkg_result open_and_parse(const struct bf_pkg_header *h, const char *sealed,
                                         size_t len, const uint8_t sk[64],
                                         struct bf_pkg_submission *s, char (**digests)[65],
                                         bf_error *err)
{
	*digests = NULL;
	memset(s, 0, sizeof *s);
	char *plain = NULL;
	size_t plen = 0;
	enum bf_pkg_result v = h ? bf_pkg_unseal(h, sealed, len, sk, &plain, &plen, err)
	                         : bf_pkg_unseal_unchecked(sealed, len, sk, &plain, &plen, err);
	if (v != BF_PKG_OK)
		return v;
	v = bf_pkg_parse_submission(plain, plen, s, err);
	bf_pkg_content_free(plain, plen);
	if (v == BF_PKG_OK && !case_digests(s, digests)) {
		bf_error_set(err, "%s", _("out of memory"));
		v = BF_PKG_MALFORMED;
	}
	return v;
}

static void *early_parse_run(void *arg)
{
	struct early_parse *e = arg;
	e->v = open_and_parse(NULL, e->content, e->len, e->sk, &e->s, &e->digests, &e->err);
	return NULL;
}

static void early_parse_start(struct early_parse *e, const char *buf, size_t len,
                              const uint8_t sk[64])
{
	static const char sig[] = "\nsignature: ";
	memset(e, 0, sizeof *e);
	size_t body = 0;
	for (size_t i = 0; i + 1 < len && !body; i++)
		if (buf[i] == '\n' && buf[i + 1] == '\n')
			body = i + 2;
	/* the trailer is short: the last "\nsignature: " within its reach */
	size_t end = 0, from = len > 256 ? len - 256 : 0;
	for (size_t i = len >= sizeof sig ? len - (sizeof sig - 1) : 0; i + 1 > from && i > 0; i--)
		if (memcmp(buf + i, sig, sizeof sig - 1) == 0) {
			end = i;
			break;
		}
	if (!body || end < body)
		return;
	crypto_sign_ed25519_sk_to_pk(e->sealed_to, sk);
	e->content = buf + body;
	e->len = end - body;
	e->sk = sk;
	e->started = pthread_create(&e->th, NULL, early_parse_run, e) == 0;
}

/* The parse, if it is of this very content sealed to the same key; else
 * NULL (and nothing kept). */
static struct early_parse *early_parse_take(struct early_parse *e, const struct bf_pkg_header *h,
                                            const char *content, size_t len)
{
	if (e->started)
		pthread_join(e->th, NULL);
	if (e->started && e->content == content && e->len == len &&
	    memcmp(e->sealed_to, h->sealed_to, 32) == 0)
		return e;
	bf_pkg_submission_free(&e->s);
	free(e->digests);
	return NULL;
}

/* On 0: s parsed, digests[i] case i's SHA-256, file_sha the whole file's
 * (free both with bf_pkg_submission_free and free). */
static int verify(bf_db *db, const char *buf, size_t len, struct bf_import_result *r,
                  struct bf_pkg_submission *s, char (**digests)[65], char file_sha[BF_PKG_HASH_HEX],
                  bf_error *err)
{
	*digests = NULL;
	struct bf_pkg_header *h = &r->header;
	const char *content = NULL;
	size_t clen = 0;
	bool required = bf_setting_int(db, "require_signature", 1) != 0;
	uint8_t pk[32], sk[64];
	if (bf_key_secret(db, pk, sk, err) != 0)
		return -1;
	struct early_parse ep;
	early_parse_start(&ep, buf, len, sk);
	enum bf_pkg_result v = bf_pkg_open(buf, len, h, &content, &clen, err);
	/* unsigned but otherwise sound (the content handed back): allowed when
	 * signatures are not required */
	if (v == BF_PKG_UNSIGNED && !required && content) {
		h->is_signed = false;
		v = BF_PKG_OK;
	}
	/* the package's identity, while the content is still being parsed */
	if (v == BF_PKG_OK)
		bf_pkg_identity(buf, len, content, clen, file_sha);
	struct early_parse *e = early_parse_take(&ep, h, content, clen);
	int rc = check_sender(db, r, v, required, err);
	if (rc != 0) {
		sodium_memzero(sk, sizeof sk);
		if (e) {
			bf_pkg_submission_free(&e->s);
			free(e->digests);
		}
		return rc;
	}
	if (e) {
		*s = e->s;
		*digests = e->digests;
		/* the addressee and the tag, checked here while the content was
		 * decrypted and parsed on the other core */
		v = bf_pkg_unseal_check(h, content, clen, sk, err);
		if (v == BF_PKG_OK && (v = e->v) != BF_PKG_OK)
			*err = e->err;
	} else {
		v = open_and_parse(h, content, clen, sk, s, digests, err);
	}
	sodium_memzero(sk, sizeof sk);
	if (v != BF_PKG_OK) {
		bf_pkg_submission_free(s);
		free(*digests);
		*digests = NULL;
		return refuse(r, v);
	}
	const char *what = NULL;
	char hv[64] = "", cv[64] = "";
	if (strcmp(s->unit_code, h->from_code) != 0) {
		what = _("unit");
		bf_strlcpy(hv, h->from_code, sizeof hv);
		bf_strlcpy(cv, s->unit_code, sizeof cv);
	} else if (strcmp(s->batch, h->batch) != 0) {
		what = _("batch");
		bf_strlcpy(hv, h->batch, sizeof hv);
		bf_strlcpy(cv, s->batch, sizeof cv);
	} else if (s->revision != h->revision) {
		what = _("revision");
		snprintf(hv, sizeof hv, "%d", h->revision);
		snprintf(cv, sizeof cv, "%d", s->revision);
	} else if ((int64_t)s->n_cases != h->cases) {
		what = _("number of cases");
		snprintf(hv, sizeof hv, "%lld", (long long)h->cases);
		snprintf(cv, sizeof cv, "%zu", s->n_cases);
	}
	if (what) {
		bf_error_set(err,
		             _("The package is malformed: its header and its content disagree on "
		               "the %s (header %s, content %s)"),
		             what, hv, cv);
		bf_pkg_submission_free(s);
		free(*digests);
		*digests = NULL;
		return refuse(r, BF_PKG_MALFORMED);
	}
	if (!s->unit_name[0] || !h->batch[0] || h->revision < 1) {
		bf_error_set(err, "%s",
		             _("The package is malformed: it names no unit, batch or revision"));
		bf_pkg_submission_free(s);
		free(*digests);
		*digests = NULL;
		return refuse(r, BF_PKG_MALFORMED);
	}
	if (package_controls(s, err)) {
		bf_pkg_submission_free(s);
		free(*digests);
		*digests = NULL;
		return refuse(r, BF_PKG_MALFORMED);
	}
	return 0;
}

/* ---- the import's writes ----------------------------------------------------------------- */

/* A dist_case row of the unit already there. */
struct old_case {
	int64_t id;
	char number[32];
	char batch[32];
	char name[64];
	char sha[65];
	char decision[12];
	int64_t package_id;
	bool seen;
};

static int cmp_old(const void *a, const void *b)
{
	return strcmp(((const struct old_case *)a)->number, ((const struct old_case *)b)->number);
}

/* dist_case as struct old_case holds it (coldesc.h) */
#define OC(col, kind, member) BF_COL(col, kind, struct old_case, member, BF_COL_RO)
static const struct bf_col old_cols[] = {
    OC("id", BF_FIELD_NUM, id),
    OC("number", BF_FIELD_TEXT, number),
    OC("batch", BF_FIELD_TEXT, batch),
    OC("name", BF_FIELD_TEXT, name),
    OC("data_hash", BF_FIELD_TEXT, sha),
    OC("decision", BF_FIELD_TEXT, decision),
    OC("package_id", BF_FIELD_NUM, package_id),
};
#undef OC
static const struct bf_table old_table = BF_TABLE("dist_case", old_cols);

static int load_old(bf_db *db, const char *unit, struct old_case **out, size_t *n)
{
	*out = NULL;
	*n = 0;
	char sql[4096];
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  bf_table_query(&old_table, NULL, "FROM dist_case WHERE unit_code = :u",
	                                 sql, sizeof sql)) != 0)
		return -1;
	if (bf_bind_text(&st, ":u", unit) != 0) {
		bf_finalize(&st);
		return -1;
	}
	if (bf_table_rows(db, &st, &old_table, sizeof **out, NULL, out, n, NULL) != 0)
		return -1;
	if (*n > 1)
		qsort(*out, *n, sizeof **out, cmp_old);
	return 0;
}

static void add_name(struct sbuf *b, const char *name)
{
	sb_printf(b, "%s%s", b->len ? ", " : "", name);
}

/* The same JSON value, however written (key order, escapes, spaces). */
static bool json_same(const char *a, const char *b)
{
	json_t *x = json_loads(a, 0, NULL), *y = json_loads(b, 0, NULL);
	bool same = x && y && json_equal(x, y);
	json_decref(x);
	json_decref(y);
	return same;
}

/* What differs between the old and the new JSON of a case: its top-level
 * fields, the form's fields (those not named at the top already), the
 * members. */
static void describe_change(const char *old_json, const char *new_json, struct sbuf *out)
{
	json_t *o = json_loads(old_json, 0, NULL);
	json_t *n = json_loads(new_json, 0, NULL);
	if (!json_is_object(o) || !json_is_object(n)) {
		add_name(out, _("content"));
		json_decref(o);
		json_decref(n);
		return;
	}
	const char *key;
	json_t *val;
	json_object_foreach(n, key, val)
	{
		if (!strcmp(key, "form"))
			continue;
		json_t *ov = json_object_get(o, key);
		if (ov && json_equal(ov, val))
			continue;
		if (!strcmp(key, "members") && json_is_array(ov) && json_is_array(val) &&
		    json_array_size(ov) != json_array_size(val)) {
			char m[64];
			snprintf(m, sizeof m, "%s (%zu → %zu)", key, json_array_size(ov),
			         json_array_size(val));
			add_name(out, m);
		} else {
			add_name(out, key);
		}
	}
	json_object_foreach(o, key, val)
	{
		if (strcmp(key, "form") != 0 && !json_object_get(n, key))
			add_name(out, key);
	}
	json_t *of = json_object_get(o, "form"), *nf = json_object_get(n, "form");
	if (!json_equal(of, nf)) {
		if (json_is_object(of) && json_is_object(nf)) {
			json_object_foreach(nf, key, val)
			{
				json_t *ov = json_object_get(of, key);
				if ((!ov || !json_equal(ov, val)) && !json_object_get(n, key)) {
					char f[96];
					snprintf(f, sizeof f, "form.%s", key);
					add_name(out, f);
				}
			}
			json_object_foreach(of, key, val)
			{
				if (!json_object_get(nf, key) && !json_object_get(n, key)) {
					char f[96];
					snprintf(f, sizeof f, "form.%s", key);
					add_name(out, f);
				}
			}
		} else {
			add_name(out, "form");
		}
	}
	json_decref(o);
	json_decref(n);
}

/* The prepared statements of one import, reused for every case. */
struct import_stmts {
	bf_stmt ins_case, ins_person, del_persons, upd_case, move_case, old_data, del_case;
	bool prepared;
};

static void stmts_finalize(struct import_stmts *q)
{
	if (!q->prepared)
		return;
	bf_finalize(&q->ins_case);
	bf_finalize(&q->ins_person);
	bf_finalize(&q->del_persons);
	bf_finalize(&q->upd_case);
	bf_finalize(&q->move_case);
	bf_finalize(&q->old_data);
	bf_finalize(&q->del_case);
	q->prepared = false;
}

static int stmts_prepare(bf_db *db, struct import_stmts *q)
{
	memset(q, 0, sizeof *q);
	bf_stmt *all[] = {&q->ins_case,  &q->ins_person, &q->del_persons, &q->upd_case,
	                  &q->move_case, &q->old_data,   &q->del_case};
	static const char *const sql[] = {
	    /* the ID numbers and the file's data are sealed (vault.h), bound to the
	     * unit's code and the file's number; blind index and mask beside */
	    "INSERT INTO dist_case (package_id, unit_code, batch, number, name, id_number,"
	    " id_bidx, id_mask, department, employer, category, amount, per_capita,"
	    " household_size, data, data_hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?15, ?16,"
	    " ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
	    "INSERT INTO dist_person (case_id, position, name, relation, id_number, id_bidx,"
	    " id_mask) VALUES (?1, ?2, ?3, ?4, bf_seal(?5, 'dist_person.id_number', ?1),"
	    " bf_bidx(?5, 'id'), bf_id_mask(?5))",
	    "DELETE FROM dist_person WHERE case_id = ?1",
	    "UPDATE dist_case SET package_id = ?1, batch = ?3, name = ?5, id_number = ?6,"
	    " id_bidx = ?15, id_mask = ?16, department = ?7, employer = ?8, category = ?9,"
	    " amount = ?10, per_capita = ?11, household_size = ?12, data = ?13,"
	    " data_hash = ?14, decision = 'pending',"
	    " final_amount = NULL, reason = NULL, back_to = NULL, decided_at = NULL,"
	    " decided_by = NULL, replied_at = NULL WHERE id = ?17 AND unit_code = ?2"
	    " AND number = ?4",
	    "UPDATE dist_case SET package_id = ?1, batch = ?2,"
	    " data = coalesce(bf_seal(?4, 'dist_case.data', unit_code || ':' || number), data),"
	    " data_hash = coalesce(?5, data_hash) WHERE id = ?3",
	    "SELECT bf_open(data, 'dist_case.data', unit_code || ':' || number) FROM dist_case"
	    " WHERE id = ?1",
	    "DELETE FROM dist_case WHERE id = ?1",
	};
	for (size_t i = 0; i < BF_ARRAY_LEN(all); i++)
		if (bf_db_prepare(db, all[i], sql[i]) != 0) {
			for (size_t k = 0; k < i; k++)
				bf_finalize(all[k]);
			return -1;
		}
	q->prepared = true;
	return 0;
}

static void bind_str(sqlite3_stmt *s, int i, const char *v)
{
	if (v && v[0])
		sqlite3_bind_text(s, i, v, -1, SQLITE_STATIC);
	else
		sqlite3_bind_null(s, i);
}

/* ---- sealing on the way in, on the second core --------------------------------------- */

/* Each case's ID number and data are sealed (vault.h: bound to the unit's
 * code and the file's number, as bf_seal in SQL would), with the ID's blind
 * index and mask, by a thread that runs ahead of the inserts; the inserts
 * bind what it made, in order, waiting for a case it has not reached. The
 * thread reads only the vault's key (its nonce counter is atomic), never
 * the connection. Without a thread each case is sealed when it is bound. */
struct sealed_case {
	char *id, *data; /* sealed; NULL for no ID number */
	char bidx[33], mask[64];
};

struct sealer {
	bf_db *db;
	const struct bf_pkg_submission *s;
	struct sealed_case *v;
	size_t n;
	pthread_mutex_t mu;
	pthread_cond_t cv;
	size_t done; /* cases 0 .. done-1 are ready (under mu) */
	bool stop;   /* the import gave up: the thread ends (under mu) */
	bool failed; /* out of memory (under mu) */
	bool started;
	pthread_t th;
};

/* Seal case i into sl->v[i]: 0, or -1 out of memory. */
static int seal_case(struct sealer *sl, size_t i)
{
	const struct bf_pkg_case *c = &sl->s->cases[i];
	struct sealed_case *o = &sl->v[i];
	char key[128];
	bf_error err = {{0}};
	snprintf(key, sizeof key, "%s:%s", sl->s->unit_code, c->number);
	o->bidx[0] = o->mask[0] = '\0';
	if (c->id_number[0]) {
		if (bf_vault_seal(sl->db, c->id_number, "dist_case.id_number", key, &o->id, &err) !=
		    0)
			return -1;
		bf_vault_bidx(sl->db, c->id_number, o->bidx);
		bf_mask_id(c->id_number, o->mask, sizeof o->mask);
	}
	return bf_vault_seal(sl->db, c->json ? c->json : "{}", "dist_case.data", key, &o->data,
	                     &err);
}

static void *sealer_run(void *arg)
{
	struct sealer *sl = arg;
	for (size_t i = 0; i < sl->n; i++) {
		int rc = seal_case(sl, i);
		pthread_mutex_lock(&sl->mu);
		if (rc != 0)
			sl->failed = true;
		sl->done = rc != 0 ? sl->n : i + 1;
		bool stop = sl->stop || rc != 0;
		pthread_cond_signal(&sl->cv);
		pthread_mutex_unlock(&sl->mu);
		if (stop)
			break;
	}
	return NULL;
}

/* 0 started (or to seal inline), -1 out of memory or locked. */
static int sealer_start(struct sealer *sl, bf_db *db, const struct bf_pkg_submission *s,
                        bf_error *err)
{
	memset(sl, 0, sizeof *sl);
	sl->db = db;
	sl->s = s;
	sl->n = s->n_cases;
	/* locked: nothing to seal with (the first case to write says so) */
	if (sl->n == 0 || !bf_vault_unlocked(db))
		return 0;
	if (!(sl->v = calloc(sl->n, sizeof *sl->v))) {
		bf_error_set(err, "%s", _("out of memory"));
		return -1;
	}
	pthread_mutex_init(&sl->mu, NULL);
	pthread_cond_init(&sl->cv, NULL);
	sl->started = pthread_create(&sl->th, NULL, sealer_run, sl) == 0;
	return 0;
}

/* Case i sealed (waiting for the thread to reach it), or NULL out of memory. */
static struct sealed_case *sealer_get(struct sealer *sl, size_t i)
{
	if (!sl->v)
		return NULL;
	if (!sl->started)
		return seal_case(sl, i) == 0 ? &sl->v[i] : NULL;
	pthread_mutex_lock(&sl->mu);
	while (sl->done <= i)
		pthread_cond_wait(&sl->cv, &sl->mu);
	bool failed = sl->failed;
	pthread_mutex_unlock(&sl->mu);
	return failed ? NULL : &sl->v[i];
}

/* sealer_get, telling the connection when out of memory (for bf_db_error). */
static struct sealed_case *sealed_get(bf_db *db, struct sealer *sl, size_t i)
{
	struct sealed_case *v = sealer_get(sl, i);
	if (!v)
		snprintf(db->errmsg, sizeof db->errmsg, "%s",
		         bf_vault_unlocked(db) ? _("out of memory")
		                               : _("personal data is locked: log in first"));
	return v;
}

/* Free case i's sealed values once bound and written. */
static void sealed_free(struct sealed_case *o)
{
	free(o->id);
	free(o->data);
	o->id = o->data = NULL;
}

/* End the thread (where it is) and free what it made. */
static void sealer_stop(struct sealer *sl)
{
	if (sl->started) {
		pthread_mutex_lock(&sl->mu);
		sl->stop = true;
		pthread_mutex_unlock(&sl->mu);
		pthread_join(sl->th, NULL);
	}
	if (sl->v) {
		pthread_mutex_destroy(&sl->mu);
		pthread_cond_destroy(&sl->cv);
	}
	for (size_t i = 0; sl->v && i < sl->n; i++)
		sealed_free(&sl->v[i]);
	free(sl->v);
	sl->v = NULL;
}

/* Bind the case's columns (?1 .. ?16) of ins_case / upd_case: v its sealed
 * ID number and data, blind index and mask. */
static void bind_case(sqlite3_stmt *s, int64_t package_id, const char *unit, const char *batch,
                      const struct bf_pkg_case *c, const char *sha, const struct sealed_case *v)
{
	sqlite3_bind_int64(s, 1, package_id);
	sqlite3_bind_text(s, 2, unit, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, batch, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, c->number, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, c->name, -1, SQLITE_STATIC);
	bind_str(s, 6, v->id);
	bind_str(s, 7, c->department);
	bind_str(s, 8, c->employer);
	sqlite3_bind_int(s, 9, c->category);
	sqlite3_bind_int64(s, 10, c->amount);
	sqlite3_bind_int64(s, 11, c->per_capita);
	sqlite3_bind_int(s, 12, c->household_size);
	sqlite3_bind_text(s, 13, v->data, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 14, sha, 64, SQLITE_STATIC);
	bind_str(s, 15, v->bidx);
	bind_str(s, 16, v->mask);
}

static int step_reset(bf_stmt *st)
{
	int rc = bf_step(st);
	sqlite3_reset(st->s);
	sqlite3_clear_bindings(st->s);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int insert_people(struct import_stmts *q, int64_t case_id, const struct bf_pkg_case *c)
{
	sqlite3_stmt *s = q->ins_person.s;
	for (size_t i = 0; i < c->n_people; i++) {
		const struct bf_pkg_person *p = &c->people[i];
		sqlite3_bind_int64(s, 1, case_id);
		sqlite3_bind_int64(s, 2, (int64_t)i);
		sqlite3_bind_text(s, 3, p->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 4, p->relation, -1, SQLITE_STATIC);
		bind_str(s, 5, p->id_number);
		if (step_reset(&q->ins_person) != 0)
			return -1;
	}
	return 0;
}

static int old_data(struct import_stmts *q, int64_t id, char **json)
{
	sqlite3_bind_int64(q->old_data.s, 1, id);
	int rc = bf_step(&q->old_data);
	*json = rc == SQLITE_ROW ? strdup(bf_col_text(&q->old_data, 0)) : NULL;
	sqlite3_reset(q->old_data.s);
	return rc == SQLITE_ROW && *json ? 0 : -1;
}

static char *reports_text(const struct bf_pkg_submission *s)
{
	if (s->n_reports == 0)
		return NULL;
	struct sbuf b = {0};
	for (size_t i = 0; i < s->n_reports; i++) {
		const struct bf_pkg_report *rp = &s->reports[i];
		sb_printf(&b, "%s", i ? "\n\n" : "");
		sb_printf(&b, _("Publicity round %lld, %s to %s, %s"), (long long)rp->round,
		          rp->start, rp->end, rp->place);
		sb_printf(&b, "\n%s", rp->text ? rp->text : "");
	}
	if (b.oom) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

static int insert_package(bf_db *db, const struct bf_pkg_header *h,
                          const struct bf_pkg_submission *s, const char *sha, int64_t *id)
{
	char *reports = reports_text(s);
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "INSERT INTO dist_package (sha256, unit_code, unit_name, batch, revision,"
	                  " created, cases, signed, public_key, audit_head, audit_rows,"
	                  " audit_prev, audit_prev_rows, restored,"
	                  " content_sha256, reports, imported_at, imported_by) VALUES (:sha, :unit,"
	                  " :name, :batch, :rev, :created, :cases, :signed, :pk, :head, :rows,"
	                  " :prev, :prows, :restored,"
	                  " :csha, :reports, bf_now(), bf_actor())") != 0) {
		free(reports);
		return -1;
	}
	int rc =
	    bf_bind_text(&st, ":sha", sha) || bf_bind_text(&st, ":unit", h->from_code) ||
	    bf_bind_text(&st, ":name", s->unit_name) || bf_bind_text(&st, ":batch", h->batch) ||
	    bf_bind_int(&st, ":rev", h->revision) || bf_bind_text(&st, ":created", h->created) ||
	    bf_bind_int(&st, ":cases", (int64_t)s->n_cases) ||
	    bf_bind_int(&st, ":signed", h->is_signed ? 1 : 0) ||
	    (h->is_signed ? bind_blob(&st, ":pk", h->public_key, 32) : bf_bind_null(&st, ":pk")) ||
	    bf_bind_text_or_null(&st, ":head", h->audit_head) ||
	    bf_bind_int(&st, ":rows", h->audit_rows) ||
	    bf_bind_text_or_null(&st, ":prev", h->audit_prev) ||
	    bf_bind_int(&st, ":prows", h->audit_prev_rows) ||
	    bf_bind_int(&st, ":restored", h->restored ? 1 : 0) ||
	    bf_bind_text(&st, ":csha", h->content_sha256) ||
	    bf_bind_text_or_null(&st, ":reports", reports);
	if (rc == 0 && bf_step(&st) != SQLITE_DONE)
		rc = -1;
	bf_finalize(&st);
	free(reports);
	if (rc == 0)
		*id = sqlite3_last_insert_rowid(db->h);
	return rc ? -1 : 0;
}

static int upsert_unit(bf_db *db, const struct bf_pkg_submission *s, int64_t package_id)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "INSERT INTO dist_unit (code, name, union_name, address, contact, phone,"
	                  " last_package) VALUES (:code, :name, :union, :address, :contact, :phone,"
	                  " :pkg) ON CONFLICT (code) DO UPDATE SET name = excluded.name,"
	                  " union_name = excluded.union_name, address = excluded.address,"
	                  " contact = excluded.contact, phone = excluded.phone,"
	                  " last_package = excluded.last_package") != 0)
		return -1;
	int rc =
	    bf_bind_text(&st, ":code", s->unit_code) || bf_bind_text(&st, ":name", s->unit_name) ||
	    bf_bind_text_or_null(&st, ":union", s->union_name) ||
	    bf_bind_text_or_null(&st, ":address", s->address) ||
	    bf_bind_text_or_null(&st, ":contact", s->contact) ||
	    bf_bind_text_or_null(&st, ":phone", s->phone) || bf_bind_int(&st, ":pkg", package_id);
	if (rc == 0 && bf_step(&st) != SQLITE_DONE)
		rc = -1;
	bf_finalize(&st);
	return rc ? -1 : 0;
}

/* Does the unit's chain extend the one held from its last package? 0 yes
 * (or nothing held, or a declared restore: r->restored), 1 refused, -1 error. */
static int chain_check(bf_db *db, const struct bf_pkg_header *h, struct bf_import_result *r,
                       bf_error *err)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT chain_rows, chain_head FROM dist_unit WHERE code = :u"
	                  " AND chain_head IS NOT NULL") != 0 ||
	    bf_bind_text(&st, ":u", h->from_code) != 0) {
		bf_finalize(&st);
		bf_db_error(db, err);
		return -1;
	}
	int rc = bf_step(&st);
	if (rc == SQLITE_ROW) {
		r->held_rows = bf_col_int(&st, 0);
		bf_col_copy(&st, 1, r->held_head, sizeof r->held_head);
	}
	bf_finalize(&st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		bf_db_error(db, err);
		return -1;
	}
	if (rc == SQLITE_DONE)
		return 0;
	if (h->restored) {
		r->restored = true;
		return 0;
	}
	if (h->audit_rows < r->held_rows) {
		bf_error_set(err,
		             _("The package's audit log has fewer rows than the last one accepted "
		               "from unit %s: %lld rows (head %.16s) after %lld (head %.16s). Its "
		               "log was cut; a unit that restored a backup exports again with "
		               "--restored-from-backup."),
		             h->from_code, (long long)h->audit_rows,
		             h->audit_head[0] ? h->audit_head : "-", (long long)r->held_rows,
		             r->held_head);
		return 1;
	}
	bool same = h->audit_rows == r->held_rows && !strcmp(h->audit_head, r->held_head);
	if (!same && (h->audit_prev_rows != r->held_rows || strcmp(h->audit_prev, r->held_head))) {
		bf_error_set(
		    err,
		    _("The package's audit chain does not extend the one accepted from unit "
		      "%s: the district holds head %.16s at row %lld, the package's chain "
		      "has %.16s at row %lld (its head %.16s at row %lld). The unit's log "
		      "was changed, or it restored a backup without saying so "
		      "(--restored-from-backup)."),
		    h->from_code, r->held_head, (long long)r->held_rows,
		    h->audit_prev[0] ? h->audit_prev : "-", (long long)h->audit_prev_rows,
		    h->audit_head[0] ? h->audit_head : "-", (long long)h->audit_rows);
		return 1;
	}
	return 0;
}

/* 0 done (or r->already), 1 refused, -1 error. */
/* How far the import of one or more packages has got: files done of all. */
struct import_progress {
	bf_progress_fn fn;
	void *ud;
	size_t done, total;
};

static int import_txn(bf_db *db, const struct bf_pkg_submission *s, const char *sha,
                      char (*digests)[65], struct sealer *sl, struct bf_import_result *r,
                      struct import_progress *pg, bf_error *err)
{
	const struct bf_pkg_header *h = &r->header;
	bf_stmt st;
	/* the same file again */
	if (bf_db_prepare(db, &st, "SELECT id FROM dist_package WHERE sha256 = :sha") != 0 ||
	    bf_bind_text(&st, ":sha", sha) != 0)
		goto dberr_st;
	int rc = bf_step(&st);
	bf_finalize(&st);
	if (rc == SQLITE_ROW) {
		r->already = true;
		return 0;
	}
	if (rc != SQLITE_DONE)
		goto dberr;
	/* the revisions of this batch already here */
	int64_t old_id = 0;
	int old_rev = 0;
	if (bf_db_prepare(db, &st,
	                  "SELECT id, revision FROM dist_package WHERE unit_code = :u"
	                  " AND batch = :b ORDER BY revision DESC LIMIT 1") != 0 ||
	    bf_bind_text(&st, ":u", h->from_code) != 0 || bf_bind_text(&st, ":b", h->batch) != 0)
		goto dberr_st;
	rc = bf_step(&st);
	if (rc == SQLITE_ROW) {
		old_id = bf_col_int(&st, 0);
		old_rev = (int)bf_col_int(&st, 1);
	}
	bf_finalize(&st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		goto dberr;
	if (old_id && old_rev > h->revision) {
		bf_error_set(
		    err,
		    _("The package is an older revision of batch %s from unit %s: revision "
		      "%d, and revision %d was imported already"),
		    h->batch, h->from_code, h->revision, old_rev);
		return 1;
	}
	if (old_id && old_rev == h->revision) {
		bf_error_set(err,
		             _("Revision %d of batch %s from unit %s was imported already from a "
		               "different file: ask the unit which file is right"),
		             h->revision, h->batch, h->from_code);
		return 1;
	}
	r->superseded = old_id != 0;
	r->old_revision = old_rev;
	if ((rc = chain_check(db, h, r, err)) != 0)
		return rc;

	int64_t pkg_id = 0;
	if (insert_package(db, h, s, sha, &pkg_id) != 0 || upsert_unit(db, s, pkg_id) != 0)
		goto dberr;
	if (h->audit_head[0]) {
		if (bf_db_prepare(db, &st,
		                  "UPDATE dist_unit SET chain_rows = :r, chain_head = :h"
		                  " WHERE code = :u") != 0 ||
		    bf_bind_int(&st, ":r", h->audit_rows) ||
		    bf_bind_text(&st, ":h", h->audit_head) || bf_bind_text(&st, ":u", h->from_code))
			goto dberr_st;
		rc = bf_step(&st);
		bf_finalize(&st);
		if (rc != SQLITE_DONE)
			goto dberr;
	}
	if (old_id) {
		if (bf_db_prepare(
		        db, &st,
		        "UPDATE dist_package SET superseded_by = :new WHERE unit_code = :u"
		        " AND batch = :b AND superseded_by IS NULL AND id <> :new") != 0 ||
		    bf_bind_int(&st, ":new", pkg_id) != 0 ||
		    bf_bind_text(&st, ":u", h->from_code) || bf_bind_text(&st, ":b", h->batch))
			goto dberr_st;
		rc = bf_step(&st);
		bf_finalize(&st);
		if (rc != SQLITE_DONE)
			goto dberr;
	}

	struct old_case *old = NULL;
	size_t n_old = 0;
	if (load_old(db, h->from_code, &old, &n_old) != 0)
		goto dberr;
	struct import_stmts q;
	if (stmts_prepare(db, &q) != 0) {
		free(old);
		goto dberr;
	}
	struct sbuf added = {0}, changed = {0}, removed = {0};
	int ret = 0;
	for (size_t i = 0; i < s->n_cases && ret == 0; i++) {
		if (!bf_progress_tell(pg->fn, pg->ud, pg->done++, pg->total, err)) {
			ret = -2; /* stopped: the caller rolls back */
			break;
		}
		const struct bf_pkg_case *c = &s->cases[i];
		const char *json = c->json ? c->json : "{}";
		const char *csha = digests[i];
		struct old_case key, *o = NULL;
		if (n_old) {
			bf_strlcpy(key.number, c->number, sizeof key.number);
			o = bsearch(&key, old, n_old, sizeof *old, cmp_old);
		}
		struct sealed_case *v = NULL;
		if (!o) {
			if (!(v = sealed_get(db, sl, i))) {
				ret = -1;
				break;
			}
			bind_case(q.ins_case.s, pkg_id, h->from_code, h->batch, c, csha, v);
			int irc = step_reset(&q.ins_case);
			sealed_free(v);
			if (irc != 0 ||
			    insert_people(&q, sqlite3_last_insert_rowid(db->h), c) != 0) {
				ret = -1;
				break;
			}
			r->added++;
			if (r->superseded)
				sb_printf(&added, "+ %s %s\n", c->number, c->name);
			continue;
		}
		o->seen = true;
		/* the same text, or the same JSON written differently: unchanged */
		char *prev = NULL;
		bool same = !strcmp(o->sha, csha), restated = false;
		if (!same) {
			if (old_data(&q, o->id, &prev) != 0) {
				ret = -1;
				break;
			}
			restated = same = json_same(prev, json);
		}
		if (same) {
			free(prev);
			r->unchanged++;
			if (o->package_id != pkg_id || restated) {
				sqlite3_stmt *m = q.move_case.s;
				sqlite3_bind_int64(m, 1, pkg_id);
				sqlite3_bind_text(m, 2, h->batch, -1, SQLITE_STATIC);
				sqlite3_bind_int64(m, 3, o->id);
				if (restated) {
					sqlite3_bind_text(m, 4, json, -1, SQLITE_STATIC);
					sqlite3_bind_text(m, 5, csha, 64, SQLITE_STATIC);
				}
				if (step_reset(&q.move_case) != 0)
					ret = -1;
			}
			if (ret == 0 && strcmp(o->batch, h->batch) != 0)
				sb_printf(&changed, _("~ %s %s: moved from batch %s\n"), c->number,
				          c->name, o->batch);
			continue;
		}
		r->changed++;
		struct sbuf fields = {0};
		describe_change(prev, json, &fields);
		free(prev);
		sb_printf(&changed, "~ %s %s: %s", c->number, c->name,
		          fields.p ? fields.p : _("content"));
		free(fields.p);
		if (strcmp(o->batch, h->batch) != 0)
			sb_printf(&changed, _(" (from batch %s)"), o->batch);
		if (strcmp(o->decision, "pending") != 0)
			sb_printf(&changed, _(" (was %s: back to pending)"),
			          decision_label(o->decision));
		sb_printf(&changed, "\n");
		if (!(v = sealed_get(db, sl, i))) {
			ret = -1;
			break;
		}
		bind_case(q.upd_case.s, pkg_id, h->from_code, h->batch, c, csha, v);
		sqlite3_bind_int64(q.upd_case.s, 17, o->id);
		sqlite3_bind_int64(q.del_persons.s, 1, o->id);
		int urc = step_reset(&q.upd_case);
		sealed_free(v);
		if (urc != 0 || sqlite3_changes(db->h) != 1 || step_reset(&q.del_persons) != 0 ||
		    insert_people(&q, o->id, c) != 0)
			ret = -1;
	}
	/* files of this batch that the new revision no longer carries */
	for (size_t i = 0; i < n_old && ret == 0; i++) {
		struct old_case *o = &old[i];
		if (o->seen || strcmp(o->batch, h->batch) != 0)
			continue;
		/* an accepted file is settled: the unit leaves it out of later
		 * revisions (its own copy has moved on), the district keeps it */
		if (strcmp(o->decision, "accept") == 0) {
			/* said once, when the revision it was in is replaced */
			if (o->package_id == old_id)
				sb_printf(&removed, _("= %s %s (accepted already: kept)\n"),
				          o->number, o->name);
			continue;
		}
		sqlite3_bind_int64(q.del_case.s, 1, o->id);
		if (step_reset(&q.del_case) != 0) {
			ret = -1;
			break;
		}
		r->removed++;
		sb_printf(&removed, "- %s %s", o->number, o->name);
		if (strcmp(o->decision, "pending") != 0)
			sb_printf(&removed, _(" (was %s)"), decision_label(o->decision));
		sb_printf(&removed, "\n");
	}
	stmts_finalize(&q);
	free(old);
	struct sbuf diff = {0};
	sb_append(&diff, &added);
	sb_append(&diff, &changed);
	sb_append(&diff, &removed);
	free(added.p);
	free(changed.p);
	free(removed.p);
	if (added.oom || changed.oom || removed.oom || diff.oom) {
		free(diff.p);
		bf_error_set(err, "%s", _("out of memory"));
		return -1;
	}
	if (diff.len && diff.p[diff.len - 1] == '\n')
		diff.p[--diff.len] = '\0';
	r->diff = diff.p;
	if (ret == -2)
		return -1; /* err says it was stopped */
	if (ret != 0)
		goto dberr;
	r->n_cases = s->n_cases;

	/* persons of this package in other units' files (none when no other
	 * unit has sent any) */
	int64_t others = 0;
	if (bf_db_prepare(db, &st,
	                  "SELECT EXISTS (SELECT 1 FROM dist_case WHERE unit_code <> :u)") != 0 ||
	    bf_bind_text(&st, ":u", h->from_code) != 0)
		goto dberr_st;
	rc = bf_step(&st);
	if (rc == SQLITE_ROW)
		others = bf_col_int(&st, 0);
	bf_finalize(&st);
	if (rc != SQLITE_ROW)
		goto dberr;
	if (!others)
		return 0;
	if (bf_db_prepare(db, &st,
	                  "SELECT count(DISTINCT p.id_bidx) FROM dist_case c"
	                  " JOIN dist_person p ON p.case_id = c.id"
	                  " WHERE c.package_id = :pkg AND p.id_bidx IS NOT NULL AND EXISTS ("
	                  "  SELECT 1 FROM dist_person q JOIN dist_case d ON d.id = q.case_id"
	                  "  WHERE q.id_bidx = p.id_bidx AND d.unit_code <> c.unit_code)") !=
	        0 ||
	    bf_bind_int(&st, ":pkg", pkg_id) != 0)
		goto dberr_st;
	rc = bf_step(&st);
	if (rc == SQLITE_ROW)
		r->n_duplicates = (size_t)bf_col_int(&st, 0);
	bf_finalize(&st);
	if (rc != SQLITE_ROW)
		goto dberr;
	return 0;

dberr_st:
	bf_finalize(&st);
dberr:
	bf_db_error(db, err);
	return -1;
}

static int import_many(bf_db *db, const char *const *bufs, const size_t *lens, size_t n,
                       struct bf_import_result *r, size_t *refused, bf_progress_fn progress,
                       void *ud, bf_error *err);

int bf_district_import(bf_db *db, const char *buf, size_t len, struct bf_import_result *r,
                       bf_error *err)
{
	return bf_district_import_progress(db, buf, len, r, NULL, NULL, err);
}

int bf_district_import_progress(bf_db *db, const char *buf, size_t len, struct bf_import_result *r,
                                bf_progress_fn progress, void *ud, bf_error *err)
{
	size_t refused;
	return import_many(db, &buf, &len, 1, r, &refused, progress, ud, err);
}

int bf_district_import_many(bf_db *db, const char *const *bufs, const size_t *lens, size_t n,
                            struct bf_import_result *r, size_t *refused, bf_error *err)
{
	return import_many(db, bufs, lens, n, r, refused, NULL, NULL, err);
}

int bf_district_import_many_progress(bf_db *db, const char *const *bufs, const size_t *lens,
                                     size_t n, struct bf_import_result *r, size_t *refused,
                                     bf_progress_fn progress, void *ud, bf_error *err)
{
	return import_many(db, bufs, lens, n, r, refused, progress, ud, err);
}

/* the tables a package import adds to: their statistics renewed in its
 * transaction */
static const char *const dist_grown[] = {"dist_package", "dist_case", "dist_person"};

/* Every check of a package, those that read the database included (its
 * unit's registered key, the revisions already here, and any added later,
 * such as the chain of revisions), belongs in verify() or import_txn():
 * both run for every package of the command before anything is committed,
 * so a refusal of any of them leaves all of them unimported. */
static int import_many(bf_db *db, const char *const *bufs, const size_t *lens, size_t n,
                       struct bf_import_result *r, size_t *refused, bf_progress_fn progress,
                       void *ud, bf_error *err)
{
	*refused = n;
	for (size_t i = 0; i < n; i++) {
		memset(&r[i], 0, sizeof r[i]);
		r[i].verdict = BF_PKG_OK;
	}
	struct bf_unit u;
	int rc = require_district(db, &u, err);
	if (rc != 0)
		return rc;
	if ((rc = require(db, BF_PERM_DISTRICT_IMPORT, err)) != 0)
		return rc;
	struct bf_pkg_submission *s = calloc(n, sizeof *s);
	char(**digests)[65] = calloc(n, sizeof *digests);
	char(*sha)[BF_PKG_HASH_HEX] = calloc(n, sizeof *sha);
	size_t verified = 0;
	if (!s || !digests || !sha) {
		bf_error_set(err, _("out of memory"));
		rc = -1;
		goto out;
	}
	/* every package verified before the transaction, then all written in
	 * it: a refusal anywhere rolls back the packages before it */
	for (; verified < n; verified++)
		if ((rc = verify(db, bufs[verified], lens[verified], &r[verified], &s[verified],
		                 &digests[verified], sha[verified], err)) != 0) {
			*refused = verified;
			goto out;
		}
	if (bf_db_begin(db) != 0) {
		bf_db_error(db, err);
		rc = -1;
		goto out;
	}
	bool wrote = false;
	struct import_progress pg = {progress, ud, 0, 0};
	for (size_t i = 0; i < n; i++)
		pg.total += s[i].n_cases;
	for (size_t i = 0; i < n && rc == 0; i++) {
		/* each package's sealing runs on a second thread ahead of its
		 * inserts (struct sealer) */
		struct sealer sl;
		if (sealer_start(&sl, db, &s[i], err) != 0) {
			rc = -1;
			*refused = i;
			break;
		}
		rc = import_txn(db, &s[i], sha[i], digests[i], &sl, &r[i], &pg, err);
		sealer_stop(&sl);
		if (rc != 0)
			*refused = i;
		else if (!r[i].already)
			wrote = true;
	}
	if (rc != 0 || !wrote) {
		/* a refusal, an error, a stop, or only files imported before:
		 * nothing written */
		bf_db_rollback(db);
	} else if (!bf_progress_tell(progress, ud, pg.total, pg.total, err)) {
		bf_db_rollback(db); /* stopped at the last moment */
		rc = -1;
	} else if (bf_db_analyze(db, dist_grown, BF_ARRAY_LEN(dist_grown)) != 0 ||
	           bf_db_commit(db) != 0) {
		bf_db_error(db, err);
		bf_db_rollback(db);
		rc = -1;
	}
out:
	for (size_t i = 0; i < verified; i++) {
		free(digests[i]);
		bf_pkg_submission_free(&s[i]);
		if (rc != 0) {
			free(r[i].diff);
			r[i].diff = NULL;
		}
	}
	free(s);
	free(digests);
	free(sha);
	return rc;
}

/* ---- consolidation ---------------------------------------------------------------------- */

/* Lists carry the mask; one file's load opens the number (CASE_COLS_FULL). */
#define CASE_COLS CASE_COLS_ID("c.id_mask")
#define CASE_COLS_FULL                                                                     \
	CASE_COLS_ID("bf_open(c.id_number, 'dist_case.id_number', c.unit_code || ':' || c.number)")
#define CASE_COLS_ID(id)                                                                   \
	"c.id, c.unit_code, coalesce(u.name, ''), c.batch, c.number, c.name, " id ","       \
	" c.department, c.category, c.amount, c.per_capita, c.household_size, c.decision," \
	" c.final_amount, bf_open(c.reason, 'dist_case.reason', c.unit_code || ':' || c.number)," \
	" c.back_to, c.decided_at, c.decided_by,"                                          \
	" c.dups" /* kept by schema 021's triggers (issue 17) */

/* CASE_COLS as struct bf_dist_case holds them (coldesc.h) */
#define DC(kind, member) kind(struct bf_dist_case, member)
static const struct bf_field case_fields[] = {
    DC(BF_NUM, id),          DC(BF_TEXT, unit_code),   DC(BF_TEXT, unit_name),
    DC(BF_TEXT, batch),      DC(BF_TEXT, number),      DC(BF_TEXT, name),
    DC(BF_TEXT, id_number),  DC(BF_TEXT, department),  DC(BF_NUM, category),
    DC(BF_NUM, amount),      DC(BF_NUM, per_capita),   DC(BF_NUM, household_size),
    DC(BF_TEXT, decision),   DC(BF_NUM, final_amount), DC(BF_TEXT, reason),
    DC(BF_TEXT, back_to),    DC(BF_TEXT, decided_at),  DC(BF_TEXT, decided_by),
    DC(BF_NUM, n_duplicates)};
#undef DC

static void read_case(bf_stmt *st, struct bf_dist_case *c)
{
	memset(c, 0, sizeof *c);
	bf_fields_read(st, case_fields, BF_ARRAY_LEN(case_fields), c);
}

static bool decision_known(const char *d)
{
	return !strcmp(d, "pending") || !strcmp(d, "accept") || !strcmp(d, "return");
}

static bool all_id_chars(const char *s)
{
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || *s == 'x' || *s == 'X' || *s == '-'))
			return false;
	return true;
}

static bool has_non_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return true;
	return false;
}

/* A member (any person: the employee is position 0) by the beginning of
 * the name, or by a whole ID number (its blind index): seeks in
 * dist_person_search (schema 028) and dist_person_id_bidx, not a scan of
 * every person. The employee's number, name and ID mask are searched for
 * any part, through the list's covering index. */
#define MEMBER_NAME_WHERE "name >= :text AND name < :text || char(1114111)"
#define MEMBER_ID_WHERE "id_bidx = bf_bidx(:text, 'id')"
/* A scan (the count and totals, a page) tests each file against the set of
 * files the persons' seek found, one bit each (issue 17: an IN list of
 * 30,000 ids probed for each of 100,000 files cost more than the scan); a
 * single file's test (bf_dist_matches) seeks its own persons. */
#define MEMBER_SET_SQL "bf_in_set(c.id, :members)"
#define MEMBER_NAME_ROW \
	"EXISTS (SELECT 1 FROM dist_person p WHERE p.case_id = c.id AND p." MEMBER_NAME_WHERE ")"
#define MEMBER_ID_ROW \
	"EXISTS (SELECT 1 FROM dist_person p WHERE p.case_id = c.id AND p." MEMBER_ID_WHERE ")"

/* Files by id, a bit each (ids are the table's rowids). */
struct id_set {
	int64_t max;
	size_t n; /* persons found */
	unsigned char bits[];
};
static const char id_set_type[] = "bf_id_set";

static void sql_in_set(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const struct id_set *s = sqlite3_value_pointer(argv[1], id_set_type);
	int64_t id = sqlite3_value_int64(argv[0]);
	sqlite3_result_int(ctx, s && id >= 0 && id <= s->max && (s->bits[id >> 3] >> (id & 7)) & 1);
}

void bf_dist_register(bf_db *db)
{
	sqlite3_create_function(db->h, "bf_in_set", 2, SQLITE_UTF8, NULL, sql_in_set, NULL, NULL);
}

/* The files with a person (the employee too) whose name begins with text,
 * or, text of ID characters, whose whole ID number it is: one seek in
 * dist_person_search or dist_person_id_bidx. *out malloc'd. */
static int member_set(bf_db *db, const char *text, struct id_set **out)
{
	*out = NULL;
	int64_t max = 0;
	if (bf_db_int(db, "SELECT coalesce(max(id), 0) FROM dist_case", &max) != 0)
		return -1;
	struct id_set *s = calloc(1, sizeof *s + (size_t)(max >> 3) + 1);
	if (!s) {
		snprintf(db->errmsg, sizeof db->errmsg, "%s", _("out of memory"));
		return -1;
	}
	s->max = max;
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  all_id_chars(text)
	                      ? "SELECT case_id FROM dist_person WHERE " MEMBER_ID_WHERE
	                      : "SELECT case_id FROM dist_person WHERE " MEMBER_NAME_WHERE) != 0 ||
	    bf_bind_text(&st, ":text", text) != 0) {
		bf_finalize(&st);
		free(s);
		return -1;
	}
	int rc;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		int64_t id = sqlite3_column_int64(st.s, 0);
		if (id >= 0 && id <= max)
			s->bits[id >> 3] |= (unsigned char)(1u << (id & 7));
		s->n++;
	}
	bf_finalize(&st);
	if (rc != SQLITE_DONE) {
		free(s);
		return -1;
	}
	*out = s;
	return 0;
}

static const struct bf_dist_filter no_filter = {0};

/* Refuses a filter that names no decision or category there is; *f NULL is
 * no filter. */
static int filter_check(const struct bf_dist_filter **fp, bf_error *err)
{
	if (!*fp)
		*fp = &no_filter;
	const struct bf_dist_filter *f = *fp;
	if (f->decision && f->decision[0] && !decision_known(f->decision)) {
		bf_error_set(err, _("\"%s\" is not a decision: pending, accept or return"),
		             f->decision);
		return 1;
	}
	if (f->category < 0 || f->category > 5) {
		bf_error_set(err, _("%d is not a category (1 to 5)"), f->category);
		return 1;
	}
	return 0;
}

/* The WHERE clause of a filter: only the tests it uses, so that the planner
 * can take the unit's or the decision's index; the search only the tests
 * that can match its kind of text (ID characters: the number, the ID mask
 * and whole numbers; Chinese: names; else names and numbers). `also` is one
 * more condition, or NULL. Binds: :unit, :cat, :dec, :text, :textu. */
enum member_test {
	MEMBER_NONE, /* the persons' seek found no one: no test */
	MEMBER_SET,  /* bf_in_set(c.id, :members) */
	MEMBER_ROW,  /* one file: its persons sought */
};

static void dist_where(const struct bf_dist_filter *f, const char *also, enum member_test how,
                       char *buf, size_t n)
{
	const char *member_name = how == MEMBER_ROW   ? " OR " MEMBER_NAME_ROW
	                          : how == MEMBER_SET ? " OR " MEMBER_SET_SQL
	                                              : "";
	const char *member_id = how == MEMBER_ROW   ? " OR " MEMBER_ID_ROW
	                        : how == MEMBER_SET ? " OR " MEMBER_SET_SQL
	                                            : "";
	char text_cond[512];
	const char *cond[6];
	int k = 0;
	if (f->unit_code && f->unit_code[0])
		cond[k++] = "c.unit_code = :unit";
	/* "+": not through the decision's, category's or duplicates' own
	 * index, whose every row found is a read of the wide table row (the
	 * sealed data): through the covering ones (schema 028) */
	if (f->category)
		cond[k++] = "+c.category = :cat";
	if (f->decision && f->decision[0])
		cond[k++] = "+c.decision = :dec";
	if (f->duplicates_only)
		cond[k++] = "+c.dups > 0";
	if (f->text && f->text[0]) {
		if (all_id_chars(f->text))
			snprintf(text_cond, sizeof text_cond,
			         "(instr(c.number, :text) > 0 OR instr(c.id_mask, :textu) > 0%s)",
			         member_id);
		else if (has_non_ascii(f->text))
			snprintf(text_cond, sizeof text_cond, "(instr(c.name, :text) > 0%s)",
			         member_name);
		else
			snprintf(text_cond, sizeof text_cond,
			         "(instr(c.number, :text) > 0 OR instr(c.name, :text) > 0%s)",
			         member_name);
		cond[k++] = text_cond;
	}
	if (also)
		cond[k++] = also;
	bf_sql_where(cond, k, buf, n);
}

static int dist_bind(bf_stmt *st, const struct bf_dist_filter *f)
{
	char up[160] = "";
	if (f->text) {
		bf_strlcpy(up, f->text, sizeof up);
		for (char *c = up; *c; c++)
			if (*c >= 'a' && *c <= 'z')
				*c = (char)(*c - 'a' + 'A');
	}
	static const char *const names[] = {":unit", ":dec", ":text", ":textu"};
	const char *values[] = {f->unit_code, f->decision, f->text, up};
	for (size_t i = 0; i < BF_ARRAY_LEN(names); i++)
		if (sqlite3_bind_parameter_index(st->s, names[i]) &&
		    bf_bind_text(st, names[i], values[i]) != 0)
			return -1;
	if (sqlite3_bind_parameter_index(st->s, ":cat") && bf_bind_int(st, ":cat", f->category))
		return -1;
	return 0;
}

/* Prepares "SELECT <cols> FROM dist_case c <join> <where> <tail>" for f
 * (one_row: a test of one file, c.id = :id, in also). */
static int dist_prepare(bf_db *db, bf_stmt *st, const struct bf_dist_filter *f, const char *cols,
                        const char *join, const char *also, bool one_row, const char *tail,
                        bf_error *err)
{
	char where[1024], sql[2600];
	struct id_set *set = NULL;
	enum member_test how = MEMBER_ROW;
	if (!one_row && f->text && f->text[0]) {
		if (member_set(db, f->text, &set) != 0) {
			bf_db_error(db, err);
			return -1;
		}
		how = set->n ? MEMBER_SET : MEMBER_NONE;
	}
	dist_where(f, also, how, where, sizeof where);
	snprintf(sql, sizeof sql, "SELECT %s FROM dist_case c%s%s%s", cols, join, where, tail);
	int members = -1;
	if (bf_db_prepare(db, st, sql) != 0 ||
	    (how == MEMBER_SET &&
	     ((members = sqlite3_bind_parameter_index(st->s, ":members")) == 0 ||
	      sqlite3_bind_pointer(st->s, members, set, id_set_type, free) != SQLITE_OK)) ||
	    dist_bind(st, f) != 0) {
		if (members <= 0) /* not handed to SQLite (which frees it on failure) */
			free(set);
		bf_finalize(st);
		bf_db_error(db, err);
		return -1;
	}
	if (how != MEMBER_SET)
		free(set);
	return 0;
}

#define UNIT_JOIN " LEFT JOIN dist_unit u ON u.code = c.unit_code"

int bf_dist_list(bf_db *db, const struct bf_dist_filter *f, struct bf_dist_case **out, size_t *n,
                 bf_error *err)
{
	*out = NULL;
	*n = 0;
	int rc = filter_check(&f, err);
	if (rc != 0)
		return rc;
	bf_stmt st;
	if (dist_prepare(db, &st, f, CASE_COLS, UNIT_JOIN, NULL, false,
	                 " ORDER BY c.unit_code, c.number", err) != 0)
		return -1;
	size_t cap = 0;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		if (!bf_grow(out, &cap, *n + 1, sizeof **out)) {
			rc = SQLITE_NOMEM;
			break;
		}
		read_case(&st, &(*out)[(*n)++]);
	}
	return bf_rows_end(db, &st, rc, out, n, err);
}

int bf_dist_number_width(bf_db *db, int *width, bf_error *err)
{
	int64_t w = 0;
	if (bf_db_int(db, "SELECT coalesce(max(length(number)), 0) FROM dist_case", &w) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	*width = w < 9 ? 9 : w > 31 ? 31 : (int)w;
	return 0;
}

int bf_dist_totals(bf_db *db, const struct bf_dist_filter *f, struct bf_dist_totals *t,
                   bf_error *err)
{
	memset(t, 0, sizeof *t);
	int rc = filter_check(&f, err);
	if (rc != 0)
		return rc;
	bf_stmt st;
	if (dist_prepare(db, &st, f,
	                 "count(*), total(c.decision = 'accept'), total(c.decision = 'return'),"
	                 " total(c.amount), total(CASE WHEN c.decision = 'accept'"
	                 " THEN c.final_amount END)",
	                 "", NULL, false, "", err) != 0)
		return -1;
	rc = bf_step(&st);
	if (rc == SQLITE_ROW) {
		t->n = (size_t)bf_col_int(&st, 0);
		t->n_accepted = (size_t)sqlite3_column_int64(st.s, 1);
		t->n_returned = (size_t)sqlite3_column_int64(st.s, 2);
		t->n_pending = t->n - t->n_accepted - t->n_returned;
		t->proposed = (bf_fen)sqlite3_column_int64(st.s, 3);
		t->accepted = (bf_fen)sqlite3_column_int64(st.s, 4);
	} else {
		bf_db_error(db, err);
	}
	bf_finalize(&st);
	return rc == SQLITE_ROW ? 0 : -1;
}

void bf_dist_totals_add(struct bf_dist_totals *t, const struct bf_dist_case *c, int sign)
{
	size_t *count = !strcmp(c->decision, "accept")   ? &t->n_accepted
	                : !strcmp(c->decision, "return") ? &t->n_returned
	                                                 : &t->n_pending;
	if (sign > 0) {
		t->n++;
		(*count)++;
	} else {
		t->n--;
		(*count)--;
	}
	t->proposed += sign * c->amount;
	if (!strcmp(c->decision, "accept"))
		t->accepted += sign * c->final_amount;
}

int bf_dist_page(bf_db *db, const struct bf_dist_filter *f, int64_t anchor, unsigned flags,
                 int limit, struct bf_dist_case *rows, int *n, bf_error *err)
{
	*n = 0;
	int rc = filter_check(&f, err);
	if (rc != 0)
		return rc;
	if (limit <= 0)
		return 0;
	bool back = flags & BF_PAGE_BACKWARD;
	char key_unit[32] = "", key_number[32] = "";
	bf_stmt st;
	if (anchor) {
		/* the anchor's key: it need not match the filter any more (a
		 * decision took it out), only be there */
		if (bf_db_prepare(db, &st,
		                  "SELECT unit_code, number FROM dist_case WHERE id = :id") != 0 ||
		    bf_bind_int(&st, ":id", anchor) != 0) {
			bf_finalize(&st);
			bf_db_error(db, err);
			return -1;
		}
		rc = bf_step(&st);
		if (rc == SQLITE_ROW) {
			bf_col_copy(&st, 0, key_unit, sizeof key_unit);
			bf_col_copy(&st, 1, key_number, sizeof key_number);
		}
		bf_finalize(&st);
		if (rc == SQLITE_DONE)
			return BF_PAGE_GONE;
		if (rc != SQLITE_ROW) {
			bf_db_error(db, err);
			return -1;
		}
	}
	const char *after = !anchor                       ? NULL
	                    : back                        ? "(c.unit_code, c.number) < (:ku, :kn)"
	                    : (flags & BF_PAGE_INCLUSIVE) ? "(c.unit_code, c.number) >= (:ku, :kn)"
	                                                  : "(c.unit_code, c.number) > (:ku, :kn)";
	if (dist_prepare(db, &st, f, CASE_COLS, UNIT_JOIN, after, false,
	                 back ? " ORDER BY c.unit_code DESC, c.number DESC LIMIT :lim"
	                      : " ORDER BY c.unit_code, c.number LIMIT :lim",
	                 err) != 0)
		return -1;
	if ((anchor &&
	     (bf_bind_text(&st, ":ku", key_unit) || bf_bind_text(&st, ":kn", key_number))) ||
	    bf_bind_int(&st, ":lim", limit)) {
		bf_finalize(&st);
		bf_db_error(db, err);
		return -1;
	}
	while (*n < limit && (rc = bf_step(&st)) == SQLITE_ROW)
		read_case(&st, &rows[(*n)++]);
	bf_finalize(&st);
	if (*n < limit && rc != SQLITE_DONE) {
		bf_db_error(db, err);
		return -1;
	}
	for (int i = 0; back && i < *n / 2; i++) { /* written in the list's order */
		struct bf_dist_case tmp = rows[i];
		rows[i] = rows[*n - 1 - i];
		rows[*n - 1 - i] = tmp;
	}
	return 0;
}

int bf_dist_matches(bf_db *db, const struct bf_dist_filter *f, int64_t id, bool *match,
                    bf_error *err)
{
	*match = false;
	int rc = filter_check(&f, err);
	if (rc != 0)
		return rc;
	bf_stmt st;
	if (dist_prepare(db, &st, f, "1", "", "c.id = :id", true, "", err) != 0)
		return -1;
	if (bf_bind_int(&st, ":id", id) != 0) {
		bf_finalize(&st);
		bf_db_error(db, err);
		return -1;
	}
	rc = bf_step(&st);
	*match = rc == SQLITE_ROW;
	bf_finalize(&st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		bf_db_error(db, err);
		return -1;
	}
	return 0;
}

int bf_dist_case_load(bf_db *db, int64_t id, struct bf_dist_case *c, char **json, bf_error *err)
{
	if (json)
		*json = NULL;
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT " CASE_COLS_FULL ","
	                  " bf_open(c.data, 'dist_case.data', c.unit_code || ':' || c.number)"
	                  " FROM dist_case c"
	                  " LEFT JOIN dist_unit u ON u.code = c.unit_code WHERE c.id = :id") != 0 ||
	    bf_bind_int(&st, ":id", id) != 0) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	int rc = bf_step(&st);
	if (rc == SQLITE_ROW) {
		read_case(&st, c);
		if (json && !(*json = strdup(bf_col_text(&st, 19)))) {
			bf_finalize(&st);
			bf_error_set(err, "%s", _("out of memory"));
			return -1;
		}
	} else if (rc == SQLITE_DONE) {
		bf_error_set(err, _("There is no file %lld in the district's list"), (long long)id);
	} else {
		bf_db_error(db, err);
	}
	bf_finalize(&st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

/* a duplicate's query's columns as struct bf_dist_dup holds them */
#define DD(kind, member) kind(struct bf_dist_dup, member)
static const struct bf_field dup_fields[] = {
    DD(BF_TEXT, id_number), DD(BF_NUM, case_a),    DD(BF_NUM, case_b),      DD(BF_TEXT, unit_a),
    DD(BF_TEXT, number_a),  DD(BF_TEXT, person_a), DD(BF_TEXT, relation_a), DD(BF_TEXT, unit_b),
    DD(BF_TEXT, number_b),  DD(BF_TEXT, person_b), DD(BF_TEXT, relation_b)};
#undef DD

int bf_dist_duplicates(bf_db *db, int64_t case_id, struct bf_dist_dup **out, size_t *n,
                       bf_error *err)
{
	*out = NULL;
	*n = 0;
	bf_stmt st;
	if (bf_db_prepare(
	        db, &st,
	        "SELECT bf_open(p.id_number, 'dist_person.id_number', p.case_id), a.id, b.id,"
	        " a.unit_code, a.number, p.name,"
	        " p.relation, b.unit_code, b.number, q.name, q.relation"
	        " FROM dist_person p"
	        " JOIN dist_person q ON q.id_bidx = p.id_bidx AND q.case_id > p.case_id"
	        " JOIN dist_case a ON a.id = p.case_id JOIN dist_case b ON b.id = q.case_id"
	        " WHERE p.id_bidx IS NOT NULL"
	        " AND (:id = 0 OR p.case_id = :id OR q.case_id = :id)"
	        " ORDER BY a.unit_code, a.number, b.unit_code, b.number, p.position") != 0 ||
	    bf_bind_int(&st, ":id", case_id) != 0) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	size_t cap = 0;
	int rc;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		struct bf_dist_dup *d = bf_push(out, &cap, n, sizeof **out);
		if (!d) {
			rc = SQLITE_NOMEM;
			break;
		}
		bf_fields_read(&st, dup_fields, BF_ARRAY_LEN(dup_fields), d);
		d->same_unit = !strcmp(d->unit_a, d->unit_b);
	}
	return bf_rows_end(db, &st, rc, out, n, err);
}

/* ---- decisions ----------------------------------------------------------------------------- */

int bf_dist_decide(bf_db *db, int64_t case_id, const char *decision, bf_fen amount,
                   const char *reason, const char *back_to, bf_error *err)
{
	int rc = require(db, BF_PERM_DISTRICT_DECIDE, err);
	if (rc != 0)
		return rc;
	if (!decision || !decision_known(decision)) {
		bf_error_set(err, _("\"%s\" is not a decision: accept, return or pending"),
		             decision ? decision : "");
		return 1;
	}
	char rbuf[512] = "", bbuf[24] = "";
	bf_strlcpy(rbuf, reason ? reason : "", sizeof rbuf);
	bf_strlcpy(bbuf, back_to ? back_to : "", sizeof bbuf);
	bf_trim(rbuf);
	bf_trim(bbuf);
	if (bf_db_begin(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	struct bf_dist_case c;
	char replied[32] = "";
	bf_stmt st;
	rc = bf_dist_case_load(db, case_id, &c, NULL, err);
	if (rc != 0)
		goto out;
	if (bf_db_prepare(db, &st, "SELECT replied_at FROM dist_case WHERE id = :id") != 0 ||
	    bf_bind_int(&st, ":id", case_id) != 0 || bf_step(&st) != SQLITE_ROW) {
		bf_db_error(db, err);
		bf_finalize(&st);
		rc = -1;
		goto out;
	}
	bf_col_copy(&st, 0, replied, sizeof replied);
	bf_finalize(&st);
	bool accept = !strcmp(decision, "accept"), ret = !strcmp(decision, "return");
	if (!accept && !ret) {
		if (!strcmp(c.decision, "pending"))
			goto out; /* nothing to undo */
		if (replied[0]) {
			bf_error_set(
			    err,
			    _("File %s of unit %s: its decision was sent to the unit in a "
			      "reply (%s) and cannot be undone; change it instead, the next "
			      "reply carries the new one"),
			    c.number, c.unit_code, replied);
			rc = 1;
			goto out;
		}
	}
	if (accept && amount == 0)
		amount = c.amount;
	char msg[256];
	if ((accept || ret) &&
	    !bf_district_decision_check(decision, accept ? amount : 0, ret ? rbuf : NULL,
	                                ret ? bbuf : NULL, msg, sizeof msg)) {
		bf_error_set(err, _("File %s of unit %s: %s"), c.number, c.unit_code, msg);
		rc = 1;
		goto out;
	}
	if (bf_db_prepare(db, &st,
	                  "UPDATE dist_case SET decision = :d, final_amount = :amount,"
	                  " reason = bf_seal(:reason, 'dist_case.reason', unit_code || ':' || number),"
	                  " back_to = :back,"
	                  " decided_at = CASE WHEN :d = 'pending' THEN NULL ELSE bf_now() END,"
	                  " decided_by = CASE WHEN :d = 'pending' THEN NULL ELSE bf_actor() END"
	                  " WHERE id = :id") != 0) {
		bf_db_error(db, err);
		rc = -1;
		goto out;
	}
	rc = bf_bind_text(&st, ":d", decision) ||
	     (accept ? bf_bind_int(&st, ":amount", amount) : bf_bind_null(&st, ":amount")) ||
	     bf_bind_text_or_null(&st, ":reason", ret ? rbuf : NULL) ||
	     bf_bind_text_or_null(&st, ":back", ret ? bbuf : NULL) ||
	     bf_bind_int(&st, ":id", case_id);
	if (rc == 0 && bf_step(&st) != SQLITE_DONE)
		rc = -1;
	bf_finalize(&st);
	if (rc != 0) {
		bf_db_error(db, err);
		rc = -1;
	}
out:
	if (rc != 0) {
		bf_db_rollback(db);
		return rc;
	}
	if (bf_db_commit(db) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	return 0;
}

/* ---- replies ---------------------------------------------------------------------------- */

static void iso_now(char out[32])
{
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
/* The district's holiday calendar, for the reply (package.h): every year
 * known with its days, which the unit takes where they are newer. */
static json_t *calendar_json(bf_db *db, bf_error *err)
{
	struct bf_holiday_file f;
	if (bf_holiday_list(db, 0, &f, err) != 0)
		return NULL;
	json_t *cal = json_object(), *years = json_array(), *days = json_array();
	for (size_t i = 0; i < f.nyears; i++) {
		json_t *y = json_object();
		json_object_set_new(y, "year", json_integer(f.years[i].year));
		json_object_set_new(y, "source", json_string(f.years[i].note));
		json_object_set_new(y, "updated_at", json_string(f.years[i].updated_at));
		json_array_append_new(years, y);
	}
	for (size_t i = 0; i < f.n; i++) {
		char date[11];
		bf_date_format(f.days[i].date, date);
		json_t *d = json_object();
		json_object_set_new(d, "date", json_string(date));
		json_object_set_new(d, "kind", json_string(bf_day_kind_code(f.days[i].kind)));
		json_object_set_new(d, "name", json_string(f.days[i].name));
		json_array_append_new(days, d);
	}
	json_object_set_new(cal, "years", years);
	json_object_set_new(cal, "days", days);
	bf_holiday_file_free(&f);
	return cal;
}

/* The reply content for the unit, and its decision count; 1 when the unit
 * has no decided file. */
static int reply_content(bf_db *db, const struct bf_unit *d, const char *unit_code, char *unit_name,
                         size_t name_n, const char *created, char **content, size_t *n_dec,
                         bf_error *err)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st, "SELECT name FROM dist_unit WHERE code = :c") != 0 ||
	    bf_bind_text(&st, ":c", unit_code) != 0) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	int rc = bf_step(&st);
	if (rc == SQLITE_ROW)
		bf_col_copy(&st, 0, unit_name, name_n);
	bf_finalize(&st);
	if (rc == SQLITE_DONE) {
		bf_error_set(err, _("No package of unit %s was imported"), unit_code);
		return 1;
	}
	if (rc != SQLITE_ROW) {
		bf_db_error(db, err);
		return -1;
	}
	json_t *decisions = json_array();
	if (bf_db_prepare(db, &st,
	                  "SELECT number, batch, decision, final_amount,"
	                  " bf_open(reason, 'dist_case.reason', unit_code || ':' || number), back_to,"
	                  " decided_at, decided_by FROM dist_case WHERE unit_code = :c"
	                  " AND decision IN ('accept', 'return') ORDER BY batch, number") != 0 ||
	    bf_bind_text(&st, ":c", unit_code) != 0) {
		bf_db_error(db, err);
		bf_finalize(&st);
		json_decref(decisions);
		return -1;
	}
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		bool accept = !strcmp(bf_col_text(&st, 2), "accept");
		json_t *o = json_object();
		json_object_set_new(o, "number", json_string(bf_col_text(&st, 0)));
		json_object_set_new(o, "batch", json_string(bf_col_text(&st, 1)));
		json_object_set_new(o, "decision", json_string(accept ? "accept" : "return"));
		if (accept) {
			json_object_set_new(o, "amount", json_integer(bf_col_int(&st, 3)));
		} else {
			json_object_set_new(o, "reason", json_string(bf_col_text(&st, 4)));
			json_object_set_new(o, "back_to", json_string(bf_col_text(&st, 5)));
		}
		json_object_set_new(o, "decided_at", json_string(bf_col_text(&st, 6)));
		json_object_set_new(o, "decided_by", json_string(bf_col_text(&st, 7)));
		json_array_append_new(decisions, o);
	}
	bf_finalize(&st);
	if (rc != SQLITE_DONE) {
		bf_db_error(db, err);
		json_decref(decisions);
		return -1;
	}
	*n_dec = json_array_size(decisions);
	if (*n_dec == 0) {
		json_decref(decisions);
		bf_error_set(err, _("Unit %s has no decided file: decide some files first"),
		             unit_code);
		return 1;
	}
	json_t *root = json_object();
	json_object_set_new(root, "format", json_string("bangfu-reply"));
	json_object_set_new(root, "version", json_integer(1));
	json_t *dist = json_object();
	json_object_set_new(dist, "code", json_string(d->code));
	json_object_set_new(dist, "name", json_string(d->name));
	json_object_set_new(root, "district", dist);
	json_t *unit = json_object();
	json_object_set_new(unit, "code", json_string(unit_code));
	json_object_set_new(unit, "name", json_string(unit_name));
	json_object_set_new(root, "unit", unit);
	json_object_set_new(root, "created", json_string(created));
	json_object_set_new(root, "decisions", decisions);
	json_t *cal = calendar_json(db, err);
	if (!cal) {
		json_decref(root);
		return -1;
	}
	json_object_set_new(root, "calendar", cal);
	*content = json_dumps(root, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (!*content) {
		bf_error_set(err, "%s", _("out of memory"));
		return -1;
	}
	return 0;
}

int bf_dist_reply(bf_db *db, const char *unit_code, char **out, size_t *len, size_t *n_decisions,
                  bf_error *err)
{
	*out = NULL;
	*len = 0;
	if (n_decisions)
		*n_decisions = 0;
	struct bf_unit d;
	int rc = require_district(db, &d, err);
	if (rc != 0)
		return rc;
	if ((rc = require(db, BF_PERM_CONSOLIDATE, err)) != 0)
		return rc;
	if (!d.code[0]) {
		bf_error_set(err, "%s",
		             _("The district's code is not set: a reply names its sender by code "
		               "(set it with `bangfu init --code`)"));
		return 1;
	}
	if (bf_blank(unit_code)) {
		bf_error_set(err, "%s", _("Which unit is the reply for? Give its code"));
		return 1;
	}
	/* the reply is sealed to the unit's registered key */
	uint8_t unit_pk[32];
	char kname[128];
	rc = bf_key_trusted(db, unit_code, unit_pk, kname, sizeof kname, err);
	if (rc < 0)
		return -1;
	if (rc == 1) {
		bf_error_set(err,
		             _("No key is registered for unit %s: a reply is sealed to the unit's "
		               "key, so register its key file first (bangfu key import FILE, or "
		               "the units screen), after checking its fingerprint with them"),
		             unit_code);
		return 1;
	}
	uint8_t pk[32], sk[64];
	if (bf_key_secret(db, pk, sk, err) != 0)
		return -1;
	if (bf_db_begin(db) != 0) {
		sodium_memzero(sk, sizeof sk);
		bf_db_error(db, err);
		return -1;
	}
	struct bf_pkg_header h;
	memset(&h, 0, sizeof h);
	char *content = NULL;
	size_t n_dec = 0;
	iso_now(h.created);
	rc = reply_content(db, &d, unit_code, h.to_name, sizeof h.to_name, h.created, &content,
	                   &n_dec, err);
	if (rc == 0) {
		bf_stmt st;
		if (bf_db_prepare(db, &st,
		                  "UPDATE dist_case SET replied_at = :at WHERE unit_code = :c"
		                  " AND decision IN ('accept', 'return')") != 0 ||
		    bf_bind_text(&st, ":at", h.created) || bf_bind_text(&st, ":c", unit_code) ||
		    bf_step(&st) != SQLITE_DONE) {
			bf_db_error(db, err);
			rc = -1;
		}
		bf_finalize(&st);
	}
	if (rc == 0) {
		int64_t rows = 0;
		if (bf_audit_latest_hash(db, h.audit_head, &rows, err) != 0 ||
		    bf_db_int(db, "SELECT count(*) FROM audit_log", &h.audit_rows) != 0)
			rc = -1;
	}
	if (rc == 0) {
		h.version = BF_PKG_VERSION;
		bf_strlcpy(h.kind, "reply", sizeof h.kind);
		bf_strlcpy(h.from_code, d.code, sizeof h.from_code);
		bf_strlcpy(h.from_name, d.name, sizeof h.from_name);
		bf_strlcpy(h.to_code, unit_code, sizeof h.to_code);
		h.revision = 1;
		h.cases = (int64_t)n_dec;
		h.full_numbers = false;
		if (bf_pkg_seal(&h, content, strlen(content), sk, unit_pk, out, len, err) != 0)
			rc = -1;
	}
	sodium_memzero(sk, sizeof sk);
	free(content);
	if (rc != 0) {
		bf_db_rollback(db);
		free(*out);
		*out = NULL;
		*len = 0;
		return rc;
	}
	if (bf_db_commit(db) != 0) {
		bf_db_error(db, err);
		free(*out);
		*out = NULL;
		*len = 0;
		return -1;
	}
	if (n_decisions)
		*n_decisions = n_dec;
	return 0;
}

/* ---- attachment 1 from an imported package ----------------------------------------------- */

/* The batch's newest imported package: 0 found, 1 none (err says so). */
static int batch_package(bf_db *db, const char *unit_code, char *batch, size_t batch_n,
                         int *revision, char *created, size_t created_n, bf_error *err)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT batch, revision, created FROM dist_package WHERE unit_code = :u"
	                  " AND (:b = '' OR batch = :b) AND superseded_by IS NULL"
	                  " ORDER BY imported_at DESC, id DESC LIMIT 1") != 0 ||
	    bf_bind_text(&st, ":u", unit_code) || bf_bind_text(&st, ":b", batch)) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	int rc = bf_step(&st);
	if (rc == SQLITE_ROW) {
		bf_col_copy(&st, 0, batch, batch_n);
		*revision = (int)bf_col_int(&st, 1);
		bf_col_copy(&st, 2, created, created_n);
	}
	bf_finalize(&st);
	if (rc == SQLITE_DONE) {
		if (batch[0])
			bf_error_set(err, _("No package of unit %s's batch %s was imported"),
			             unit_code, batch);
		else
			bf_error_set(err, _("No package of unit %s was imported"), unit_code);
		return 1;
	}
	if (rc != SQLITE_ROW) {
		bf_db_error(db, err);
		return -1;
	}
	return 0;
}

int bf_dist_batch_content(bf_db *db, const char *unit_code, const char *batch,
                          struct bf_pkg_submission *s, bf_error *err)
{
	memset(s, 0, sizeof *s);
	struct bf_unit d;
	int rc = require_district(db, &d, err);
	if (rc != 0)
		return rc;
	if ((rc = require(db, BF_PERM_CONSOLIDATE, err)) != 0 ||
	    (rc = require(db, BF_PERM_EXPORT_FULL, err)) != 0)
		return rc;
	if (bf_blank(unit_code)) {
		bf_error_set(err, "%s", _("Which unit? Give its code"));
		return 1;
	}
	char b[32], created[32] = "";
	int revision = 0;
	bf_strlcpy(b, batch ? batch : "", sizeof b);
	if ((rc = batch_package(db, unit_code, b, sizeof b, &revision, created, sizeof created,
	                        err)) != 0)
		return rc;
	/* the content as the package carried it: the unit, the batch, and each
	 * file's JSON as imported, read back by the package's own parser */
	json_t *root = json_object(), *cases = json_array();
	json_t *unit = json_object(), *jb = json_object();
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT code, name, union_name, address, contact, phone FROM dist_unit"
	                  " WHERE code = :u") != 0 ||
	    bf_bind_text(&st, ":u", unit_code) || bf_step(&st) != SQLITE_ROW) {
		bf_db_error(db, err);
		bf_finalize(&st);
		rc = -1;
		goto out;
	}
	static const char *const ucols[] = {"code",    "name",    "union_name",
	                                    "address", "contact", "phone"};
	for (int i = 0; i < 6; i++)
		json_object_set_new(unit, ucols[i], json_string(bf_col_text(&st, i)));
	json_object_set_new(unit, "district", json_string(d.name));
	bf_finalize(&st);
	json_object_set_new(jb, "id", json_string(b));
	json_object_set_new(jb, "revision", json_integer(revision));
	json_object_set_new(jb, "created", json_string(created));
	if (bf_db_prepare(db, &st,
	                  "SELECT bf_open(data, 'dist_case.data', unit_code || ':' || number) FROM dist_case"
	                  " WHERE unit_code = :u AND batch = :b"
	                  " ORDER BY number") != 0 ||
	    bf_bind_text(&st, ":u", unit_code) || bf_bind_text(&st, ":b", b)) {
		bf_db_error(db, err);
		bf_finalize(&st);
		rc = -1;
		goto out;
	}
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		json_t *c = json_loads(bf_col_text(&st, 0), 0, NULL);
		if (c)
			json_array_append_new(cases, c);
	}
	bf_finalize(&st);
	if (rc != SQLITE_DONE) {
		bf_db_error(db, err);
		rc = -1;
		goto out;
	}
	json_object_set_new(root, "format", json_string("bangfu-submission"));
	json_object_set_new(root, "version", json_integer(1));
	json_object_set_new(root, "unit", unit);
	json_object_set_new(root, "batch", jb);
	json_object_set_new(root, "cases", cases);
	unit = jb = cases = NULL;
	char *text = json_dumps(root, JSON_COMPACT);
	if (!text) {
		bf_error_set(err, "%s", _("out of memory"));
		rc = -1;
		goto out;
	}
	rc = bf_pkg_parse_submission(text, strlen(text), s, err) == BF_PKG_OK ? 0 : -1;
	bf_pkg_content_free(text, strlen(text));
out:
	json_decref(unit);
	json_decref(jb);
	json_decref(cases);
	json_decref(root);
	if (rc != 0)
		bf_pkg_submission_free(s);
	return rc;
}

/* ---- units and summaries ------------------------------------------------------------- */

/* a unit's query's columns as struct bf_dist_unit holds them */
#define DU(kind, member) kind(struct bf_dist_unit, member)
static const struct bf_field unit_fields[] = {
    DU(BF_TEXT, code),       DU(BF_TEXT, name),          DU(BF_TEXT, contact),
    DU(BF_TEXT, phone),      DU(BF_NUM, key_registered), DU(BF_NUM, n_packages),
    DU(BF_TEXT, last_batch), DU(BF_NUM, last_revision),  DU(BF_TEXT, last_imported),
    DU(BF_NUM, n_cases),     DU(BF_NUM, n_pending),      DU(BF_NUM, n_accepted),
    DU(BF_NUM, n_returned)};
#undef DU

int bf_dist_units(bf_db *db, struct bf_dist_unit **out, size_t *n, bf_error *err)
{
	*out = NULL;
	*n = 0;
	bf_stmt st;
	if (bf_db_prepare(
	        db, &st,
	        "SELECT u.code, u.name, coalesce(u.contact, ''), coalesce(u.phone, ''),"
	        " EXISTS (SELECT 1 FROM trusted_key k WHERE k.code = u.code AND k.kind = 'unit'),"
	        " (SELECT count(*) FROM dist_package p WHERE p.unit_code = u.code),"
	        " lp.batch, lp.revision, lp.imported_at,"
	        " (SELECT count(*) FROM dist_case c WHERE c.unit_code = u.code),"
	        " (SELECT count(*) FROM dist_case c WHERE c.unit_code = u.code"
	        "   AND c.decision = 'pending'),"
	        " (SELECT count(*) FROM dist_case c WHERE c.unit_code = u.code"
	        "   AND c.decision = 'accept'),"
	        " (SELECT count(*) FROM dist_case c WHERE c.unit_code = u.code"
	        "   AND c.decision = 'return')"
	        /* a unit whose key is registered but that has sent nothing yet
	         * is one of ours too (issue 15: "0 units" after k) */
	        " FROM (SELECT code, name, contact, phone FROM dist_unit"
	        "  UNION ALL SELECT k.code, k.name, NULL, NULL FROM trusted_key k"
	        "  WHERE k.kind = 'unit'"
	        "  AND NOT EXISTS (SELECT 1 FROM dist_unit d WHERE d.code = k.code)) u"
	        " LEFT JOIN dist_package lp ON lp.id ="
	        "  (SELECT max(id) FROM dist_package p WHERE p.unit_code = u.code)"
	        " ORDER BY u.code") != 0) {
		bf_db_error(db, err);
		return -1;
	}
	size_t cap = 0;
	int rc;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		struct bf_dist_unit *u = bf_push(out, &cap, n, sizeof **out);
		if (!u) {
			rc = SQLITE_NOMEM;
			break;
		}
		bf_fields_read(&st, unit_fields, BF_ARRAY_LEN(unit_fields), u);
	}
	return bf_rows_end(db, &st, rc, out, n, err);
}

int bf_dist_summary(bf_db *db, struct bf_dist_summary_row **out, size_t *n, bf_error *err)
{
	*out = NULL;
	*n = 0;
	int rc = bf_store_require(db, BF_PERM_CONSOLIDATE, err);
	if (rc != 0)
		return 1;
	bf_stmt st;
	if (bf_db_prepare(
	        db, &st,
	        "SELECT c.unit_code, coalesce(u.name, ''), c.category, count(*),"
	        " sum(c.decision = 'accept'), sum(c.decision = 'return'),"
	        " sum(c.decision = 'pending'), sum(c.amount),"
	        " coalesce(sum(CASE WHEN c.decision = 'accept' THEN c.final_amount END), 0)"
	        " FROM dist_case c LEFT JOIN dist_unit u ON u.code = c.unit_code"
	        " GROUP BY c.unit_code, c.category ORDER BY c.unit_code, c.category") != 0) {
		bf_db_error(db, err);
		return -1;
	}
	size_t cap = 0;
	struct bf_dist_summary_row total;
	memset(&total, 0, sizeof total);
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		/* a unit's total line after its categories */
		bool new_unit = total.unit_code[0] && strcmp(total.unit_code, bf_col_text(&st, 0));
		if (!bf_grow(out, &cap, *n + 2, sizeof **out)) {
			rc = SQLITE_NOMEM;
			break;
		}
		if (new_unit) {
			(*out)[(*n)++] = total;
			memset(&total, 0, sizeof total);
		}
		struct bf_dist_summary_row *s = &(*out)[(*n)++];
		memset(s, 0, sizeof *s);
		bf_col_copy(&st, 0, s->unit_code, sizeof s->unit_code);
		bf_col_copy(&st, 1, s->unit_name, sizeof s->unit_name);
		s->category = (int)bf_col_int(&st, 2);
		s->n_cases = (size_t)bf_col_int(&st, 3);
		s->n_accepted = (size_t)bf_col_int(&st, 4);
		s->n_returned = (size_t)bf_col_int(&st, 5);
		s->n_pending = (size_t)bf_col_int(&st, 6);
		s->proposed = bf_col_int(&st, 7);
		s->final = bf_col_int(&st, 8);
		bf_strlcpy(total.unit_code, s->unit_code, sizeof total.unit_code);
		bf_strlcpy(total.unit_name, s->unit_name, sizeof total.unit_name);
		total.n_cases += s->n_cases;
		total.n_accepted += s->n_accepted;
		total.n_returned += s->n_returned;
		total.n_pending += s->n_pending;
		total.proposed += s->proposed;
		total.final += s->final;
	}
	bf_finalize(&st);
	if (rc == SQLITE_DONE && total.unit_code[0]) {
		if (bf_grow(out, &cap, *n + 1, sizeof **out))
			(*out)[(*n)++] = total;
		else
			rc = SQLITE_NOMEM;
	}
	if (rc != SQLITE_DONE) {
		if (rc == SQLITE_NOMEM)
			bf_error_set(err, "%s", _("out of memory"));
		else
			bf_db_error(db, err);
		free(*out);
		*out = NULL;
		*n = 0;
		return -1;
	}
	return 0;
}
