/* check_vault.c — personal data sealed at rest (vault.h): the data key's
 * wraps per operator and under the recovery code, and the files a thief
 * would take (the database, its WAL, a backup) holding none of 500
 * households' ID, bank, phone or disease strings in any encoding.
 * Hashing uses libsodium's MIN limits (BANGFU_TEST_PWHASH_MIN=1, in main). */
#define _GNU_SOURCE /* memmem */
#include "config.h"

#include <ftw.h>
#include <stdint.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bangfu/accounts.h"
#include "bangfu/b64.h"
#include "bangfu/case_query.h"
#include "bangfu/sample.h"
#include "bangfu/store.h"
#include "bangfu/vault.h"
#include "testutil.h"

#include <sodium.h>
#include <sqlite3.h>

static char tmpdir[512];

static int64_t q_int(bf_db *db, const char *sql)
{
	int64_t v = -1;
	ck_assert_msg(bf_db_int(db, sql, &v) == 0, "%s", db->errmsg);
	return v;
}

static void setup(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/bf-vault-XXXXXX", base && base[0] ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void teardown(void)
{
	if (tmpdir[0])
		nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
}

static const char *in_tmp(const char *name)
{
	static char buf[4][700];
	static int i;
	i = (i + 1) % 4;
	snprintf(buf[i], sizeof buf[i], "%s/%s", tmpdir, name);
	return buf[i];
}

static const struct bf_account_new seed[] = {
    {"boss", "王主席", BF_ROLE_ADMIN, "boss-password-1"},
    {"li", "李会计", BF_ROLE_CLERK, "li-password-22"},
};

/* A database with two operators, nobody logged in, the recovery code kept. */
static void make_db(bf_db *db, const char *name, char recovery[BF_RECOVERY_CODE_SZ])
{
	bf_error err = {{0}};
	ck_assert_msg(bf_store_open(db, in_tmp(name), BF_DB_CREATE, &err) == 0, "%s", err.msg);
	ck_assert_msg(bf_account_seed(db, seed, 2, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(strlen(db->new_recovery), 31);
	if (recovery)
		bf_strlcpy(recovery, db->new_recovery, BF_RECOVERY_CODE_SZ);
	db->new_recovery[0] = '\0';
	bf_vault_lock(db);
}

static void login(bf_db *db, const char *name, const char *pw)
{
	bf_error err = {{0}};
	struct bf_login_result res;
	ck_assert_msg(bf_account_login(db, name, pw, NULL, &res, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(res.status, BF_LOGIN_OK);
}

static int64_t save_sample(bf_db *db, int kind)
{
	struct bf_sample s;
	bf_sample_seed(&s, 7 + (uint64_t)kind); /* other people: one open file each */
	struct bf_case *c = malloc(sizeof *c);
	bf_sample_case(&s, 2026, kind, c);
	bf_error err = {{0}};
	ck_assert_msg(bf_case_save(db, c, &err) == 0, "%s", err.msg);
	int64_t id = c->id;
	free(c);
	return id;
}

/* ---- the keyring ------------------------------------------------------------------- */

/* The vault's base64 is sodium's ORIGINAL_NO_PADDING, byte for byte: the
 * same text for every length, and the same strings refused (padding,
 * spaces, stray characters, trailing bits), so values sealed before it
 * still open. */
START_TEST(test_b64_as_sodium)
{
	ck_assert_int_ge(sodium_init(), 0);
	unsigned char bin[300], back[300], sb[300];
	char ours[512], theirs[512];
	for (size_t n = 0; n < 260; n++) {
		randombytes_buf(bin, n);
		bf_b64_encode(ours, bin, n);
		sodium_bin2base64(theirs, sizeof theirs, bin, n,
		                  sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
		ck_assert_str_eq(ours, theirs);
		ck_assert_uint_eq(strlen(ours), BF_B64_LEN(n));
		size_t got = 0;
		ck_assert_int_eq(bf_b64_decode(back, ours, strlen(ours), &got), 0);
		ck_assert_uint_eq(got, n);
		ck_assert(memcmp(back, bin, n) == 0);
	}
	static const char alphabet[] = "ABCxyz019+/= -_*\n";
	int refused = 0;
	for (int t = 0; t < 20000; t++) {
		char str[16];
		size_t len = randombytes_uniform(12);
		for (size_t i = 0; i < len; i++)
			str[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
		str[len] = '\0';
		size_t a = 0, b = 0;
		const char *end = NULL;
		int r1 = bf_b64_decode(back, str, len, &a);
		int r2 = sodium_base642bin(sb, sizeof sb, str, len, NULL, &b, &end,
		                           sodium_base64_VARIANT_ORIGINAL_NO_PADDING);
		/* sodium stops early without failing; a whole decode is what counts */
		bool whole = r2 == 0 && end == str + len;
		ck_assert_msg((r1 == 0) == whole, "\"%s\": ours %d, sodium %d", str, r1, r2);
		if (whole) {
			ck_assert_uint_eq(a, b);
			ck_assert(memcmp(back, sb, a) == 0);
		} else {
			refused++;
		}
	}
	ck_assert_int_gt(refused, 1000);
}
END_TEST

/* Nonces come from a counter on a random base: a thousand seals of one
 * value under one unlock are a thousand different texts and nonces. */
START_TEST(test_nonces_unique)
{
	bf_db db;
	bf_error err = {{0}};
	memset(&db, 0, sizeof db);
	ck_assert_int_eq(bf_vault_new_key(&db, &err), 0);
	enum { N = 1000 };
	static char nonces[N][33];
	for (int i = 0; i < N; i++) {
		char *v = NULL;
		ck_assert_int_eq(bf_vault_seal(&db, "110101199001011234", "t.c", "1", &v, &err), 0);
		ck_assert(strncmp(v, "bf1:", 4) == 0);
		/* 24 nonce bytes = the first 32 base64 characters */
		memcpy(nonces[i], v + 4, 32);
		nonces[i][32] = '\0';
		char *o = NULL;
		ck_assert_int_eq(bf_vault_open(&db, v, "t.c", "1", &o, &err), 0);
		ck_assert_str_eq(o, "110101199001011234");
		free(o);
		free(v);
		for (int k = 0; k < i; k++)
			ck_assert_str_ne(nonces[k], nonces[i]);
	}
	bf_vault_lock(&db);
}
END_TEST

START_TEST(test_wraps_per_operator)
{
	bf_db db;
	char code[BF_RECOVERY_CODE_SZ];
	make_db(&db, "k.db", code);
	/* nobody logged in: nothing personal can be written or read */
	bf_store_set_session(&db, "boss", BF_ROLE_ADMIN);
	struct bf_case *c = malloc(sizeof *c);
	struct bf_sample s;
	bf_sample_seed(&s, 7);
	bf_sample_case(&s, 2026, 1, c);
	bf_error err = {{0}};
	ck_assert_int_ne(bf_case_save(&db, c, &err), 0);
	ck_assert_msg(strstr(err.msg, "locked"), "%s", err.msg);
	bf_account_logout(&db);

	/* the clerk's own password opens the same key the chair's does */
	login(&db, "li", "li-password-22");
	ck_assert_msg(bf_case_save(&db, c, &err) == 0, "%s", err.msg);
	int64_t id = c->id;
	char idn[32];
	bf_strlcpy(idn, c->members[0].id_number, sizeof idn);
	bf_account_logout(&db);
	ck_assert(!bf_vault_unlocked(&db));
	login(&db, "boss", "boss-password-1");
	ck_assert_msg(bf_case_load(&db, id, c, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(c->members[0].id_number, idn);

	/* a new operator's wrap is made with the account; a reset re-wraps */
	struct bf_account_new zh = {"zhang", NULL, BF_ROLE_REVIEWER, "zhang-password-3"};
	ck_assert_msg(bf_account_create(&db, &zh, &err) == 0, "%s", err.msg);
	ck_assert_msg(bf_account_reset(&db, "li", "li-new-password-4", &err) == 0, "%s", err.msg);
	bf_account_logout(&db);
	login(&db, "zhang", "zhang-password-3");
	ck_assert_msg(bf_case_load(&db, id, c, &err) == 0, "%s", err.msg);
	bf_account_logout(&db);
	login(&db, "li", "li-new-password-4");
	ck_assert(bf_vault_unlocked(&db));
	/* a change of password re-wraps: the old password opens nothing */
	ck_assert_msg(bf_account_change_password(&db, "li-new-password-4", "li-own-password-5",
	                                         &err) == 0,
	              "%s", err.msg);
	bf_account_logout(&db);
	ck_assert_int_ne(bf_vault_unlock(&db, 2, "li-new-password-4", &err), 0);
	login(&db, "li", "li-own-password-5");
	ck_assert(bf_vault_unlocked(&db));
	bf_account_logout(&db);

	/* a disabled operator's wrap is gone: the key cannot be had with the
	 * password even by reading the keyring directly */
	login(&db, "boss", "boss-password-1");
	ck_assert_msg(bf_account_set_disabled(&db, "zhang", true, &err) == 0, "%s", err.msg);
	bf_account_logout(&db);
	ck_assert_int_eq(bf_vault_unlock(&db, 3, "zhang-password-3", &err), 1);
	ck_assert(!bf_vault_unlocked(&db));

	/* the recovery code: the forgotten chair's password is reset with
	 * nothing lost */
	ck_assert_int_ne(bf_vault_unlock_recovery(&db, "AAAAA-AAAAA-AAAAA-AAAAA-AAAAA-A", &err), 0);
	ck_assert_msg(bf_vault_unlock_recovery(&db, code, &err) == 0, "%s", err.msg);
	bf_store_set_session(&db, "(recovery)", BF_ROLE_ADMIN);
	ck_assert_msg(bf_account_reset(&db, "boss", "boss-recovered-6", &err) == 0, "%s", err.msg);
	bf_account_logout(&db);
	login(&db, "boss", "boss-recovered-6");
	ck_assert_msg(bf_case_load(&db, id, c, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(c->members[0].id_number, idn);
	free(c);
	bf_db_close(&db);
}
END_TEST

START_TEST(test_sealed_value_bound_to_row)
{
	bf_db db;
	make_db(&db, "r.db", NULL);
	login(&db, "boss", "boss-password-1");
	int64_t a = save_sample(&db, 1), b = save_sample(&db, 2);
	/* a sealed bank card copied into another file's row does not open */
	char sql[256];
	snprintf(sql, sizeof sql,
	         "UPDATE case_file SET bank_card = (SELECT bank_card FROM case_file WHERE id = %lld)"
	         " WHERE id = %lld",
	         (long long)a, (long long)b);
	ck_assert_int_eq(bf_db_exec(&db, sql), 0);
	struct bf_case *c = malloc(sizeof *c);
	bf_error err = {{0}};
	ck_assert_int_ne(bf_case_load(&db, b, c, &err), 0);
	ck_assert_msg(strstr(err.msg, "case_file.bank_card"), "%s", err.msg);
	ck_assert_int_eq(bf_case_load(&db, a, c, &err), 0);
	/* text that merely looks sealed is sealed like any other and reads back */
	bf_strlcpy(c->skills, "bf1:钳工", sizeof c->skills);
	ck_assert_msg(bf_case_save(&db, c, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(bf_case_load(&db, a, c, &err), 0);
	ck_assert_str_eq(c->skills, "bf1:钳工");
	free(c);
	bf_db_close(&db);
}
END_TEST

/* ---- what a thief finds in the files ---------------------------------------------- */

/* A file's bytes with an index of every 4-byte window, so that thousands
 * of needles are looked up without scanning megabytes for each. */
struct win {
	uint32_t key, pos;
};
struct blob {
	unsigned char *p;
	size_t n;
	struct win *w;
	size_t nw;
};

static int win_cmp(const void *a, const void *b)
{
	uint32_t x = ((const struct win *)a)->key, y = ((const struct win *)b)->key;
	return x < y ? -1 : x > y;
}

static struct blob slurp(const char *path)
{
	struct blob b = {NULL, 0, NULL, 0};
	FILE *f = fopen(path, "rb");
	if (!f)
		return b;
	fseek(f, 0, SEEK_END);
	long len = ftell(f);
	fseek(f, 0, SEEK_SET);
	b.p = malloc(len > 0 ? (size_t)len : 1);
	b.n = len > 0 ? fread(b.p, 1, (size_t)len, f) : 0;
	fclose(f);
	if (b.n >= 4) {
		b.nw = b.n - 3;
		b.w = malloc(b.nw * sizeof *b.w);
		for (size_t i = 0; i < b.nw; i++) {
			memcpy(&b.w[i].key, b.p + i, 4);
			b.w[i].pos = (uint32_t)i;
		}
		qsort(b.w, b.nw, sizeof *b.w, win_cmp);
	}
	return b;
}

static bool has_bytes(const struct blob *b, const void *needle, size_t n)
{
	if (n < 4 || !b->nw)
		return n && b->n >= n && memmem(b->p, b->n, needle, n) != NULL;
	uint32_t key;
	memcpy(&key, needle, 4);
	size_t lo = 0, hi = b->nw;
	while (lo < hi) { /* the first window with this key */
		size_t mid = lo + (hi - lo) / 2;
		if (b->w[mid].key < key)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < b->nw && b->w[lo].key == key; lo++)
		if (b->w[lo].pos + n <= b->n && !memcmp(b->p + b->w[lo].pos, needle, n))
			return true;
	return false;
}

/* s as UTF-8, UTF-16LE, UTF-16BE and hex (either case) anywhere in b. */
static const char *found_in(const struct blob *b, const char *s)
{
	size_t n = strlen(s);
	if (has_bytes(b, s, n))
		return "UTF-8";
	/* UTF-16 of the text (BMP only: enough for IDs, digits, Chinese) */
	unsigned char le[512], be[512];
	size_t k = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p && k + 2 < sizeof le;) {
		unsigned cp;
		int len = *p < 0x80 ? 1 : *p < 0xE0 ? 2 : 3;
		cp = len == 1 ? *p : len == 2 ? ((*p & 0x1Fu) << 6) | (p[1] & 0x3Fu)
		                              : ((*p & 0x0Fu) << 12) | ((p[1] & 0x3Fu) << 6) |
		                                    (p[2] & 0x3Fu);
		le[k] = (unsigned char)(cp & 0xFF), le[k + 1] = (unsigned char)(cp >> 8);
		be[k] = (unsigned char)(cp >> 8), be[k + 1] = (unsigned char)(cp & 0xFF);
		k += 2;
		p += len;
	}
	if (has_bytes(b, le, k))
		return "UTF-16LE";
	if (has_bytes(b, be, k))
		return "UTF-16BE";
	char hex[512], HEX[512];
	size_t h = 0;
	for (size_t i = 0; i < n && h + 3 < sizeof hex; i++, h += 2) {
		snprintf(hex + h, 3, "%02x", (unsigned char)s[i]);
		snprintf(HEX + h, 3, "%02X", (unsigned char)s[i]);
	}
	if (has_bytes(b, hex, h))
		return "hex";
	if (has_bytes(b, HEX, h))
		return "HEX";
	return NULL;
}

START_TEST(test_files_hold_nothing)
{
	bf_db db;
	make_db(&db, "f.db", NULL);
	login(&db, "li", "li-password-22");
	enum { HOUSEHOLDS = 500 };
	size_t cap = HOUSEHOLDS * 12, n = 0;
	char (*needles)[128] = calloc(cap, sizeof *needles);
	struct bf_sample s;
	bf_sample_seed(&s, 2026);
	struct bf_case *c = malloc(sizeof *c);
	bf_error err = {{0}};
	ck_assert_int_eq(bf_db_begin(&db), 0);
	for (int i = 0; i < HOUSEHOLDS; i++) {
		bf_sample_case(&s, 2026, i, c);
		ck_assert_msg(bf_case_save(&db, c, &err) == 0, "household %d: %s", i, err.msg);
		const char *v[] = {c->bank_card, c->phone};
		for (size_t k = 0; k < 2; k++)
			if (strlen(v[k]) >= 7 && n < cap)
				bf_strlcpy(needles[n++], v[k], sizeof needles[0]);
		for (size_t m = 0; m < c->n_members && n + 2 < cap; m++) {
			if (c->members[m].id_number[0])
				bf_strlcpy(needles[n++], c->members[m].id_number, sizeof needles[0]);
			if (strlen(c->members[m].disease) >= 6) /* two Chinese characters */
				bf_strlcpy(needles[n++], c->members[m].disease, sizeof needles[0]);
		}
	}
	ck_assert_int_eq(bf_db_commit(&db), 0);
	/* a draft typed but never saved is sealed as well */
	ck_assert_int_eq(bf_draft_save(&db, 0, "id_number\t110105194912310001\n", &err), 0);
	bf_strlcpy(needles[n++], "110105194912310001", sizeof needles[0]);
	ck_assert_int_ge(n, HOUSEHOLDS * 3);
	const char *backup = in_tmp("backup.db");
	ck_assert_msg(bf_store_backup(&db, backup, 0, &err) == 0, "%s", err.msg);

	/* read while the connection is open: the WAL still holds the pages */
	char wal[1040];
	snprintf(wal, sizeof wal, "%s-wal", db.path);
	struct blob files[3] = {slurp(db.path), slurp(wal), slurp(backup)};
	const char *names[3] = {"database", "WAL", "backup"};
	ck_assert(files[0].n > 0 && files[2].n > 0);
	int hits = 0;
	for (size_t i = 0; i < n; i++)
		for (int f = 0; f < 3; f++) {
			const char *how = found_in(&files[f], needles[i]);
			if (how && hits++ < 5)
				fprintf(stderr, "found %s in the %s as %s\n", needles[i], names[f], how);
		}
	ck_assert_int_eq(hits, 0);
	/* the search itself works: names stay readable for the lists */
	ck_assert_ptr_nonnull(found_in(&files[0], c->members[0].name) ?: found_in(&files[1], c->members[0].name));
	/* and the data are all there for the operator */
	int64_t count = 0;
	struct bf_case_filter filt;
	memset(&filt, 0, sizeof filt);
	ck_assert_int_eq(bf_case_count(&db, &filt, &count, &err), 0);
	ck_assert_int_eq(count, HOUSEHOLDS);
	/* health, disability, the year of diagnosis and the grade are sealed:
	 * the plain columns hold only the neutral values, and the file reads
	 * back as saved (schema/017) */
	ck_assert_int_eq(q_int(&db, "SELECT count(*) FROM member WHERE health <> 'good'"
	                            " OR disability <> 'none' OR diagnosis_year <> 0"
	                            " OR disability_grade <> 0"),
	                 0);
	ck_assert_int_eq(q_int(&db,
	                       "SELECT count(*) FROM member WHERE health_sealed NOT LIKE 'bf1:%'"
	                       " OR disability_sealed NOT LIKE 'bf1:%'"
	                       " OR diagnosis_year_sealed NOT LIKE 'bf1:%'"
	                       " OR disability_grade_sealed NOT LIKE 'bf1:%'"),
	                 0);
	int64_t ill = q_int(&db, "SELECT count(*) FROM member WHERE bf_open(health_sealed,"
	                         " 'member.health_sealed', case_id) <> 'good'");
	ck_assert_int_gt(ill, 0);
	struct bf_case *back = malloc(sizeof *back);
	ck_assert_int_eq(bf_case_load(&db, c->id, back, &err), 0);
	for (size_t m = 0; m < c->n_members; m++) {
		ck_assert_int_eq(back->members[m].health, c->members[m].health);
		ck_assert_int_eq(back->members[m].disability, c->members[m].disability);
		ck_assert_int_eq(back->members[m].diagnosis_year, c->members[m].diagnosis_year);
		ck_assert_int_eq(back->members[m].disability_grade, c->members[m].disability_grade);
	}
	free(back);
	for (int f = 0; f < 3; f++) {
		free(files[f].p);
		free(files[f].w);
	}
	free(needles);
	free(c);
	bf_db_close(&db);
}
END_TEST


/* ---- a database made by the previous release --------------------------------------- */

START_TEST(test_upgrade_previous_release)
{
	const char *src = getenv("top_srcdir");
	char fixture[700];
	snprintf(fixture, sizeof fixture, "%s/tests/fixtures/previous-release.db",
	         src && src[0] ? src : ".");
	struct blob orig = slurp(fixture);
	ck_assert_msg(orig.n > 0, "no fixture %s", fixture);
	const char *path = in_tmp("old.db");
	FILE *f = fopen(path, "wb");
	ck_assert_int_eq(fwrite(orig.p, 1, orig.n, f), orig.n);
	fclose(f);
	free(orig.p);
	free(orig.w);

	/* the plain values as the old release wrote them */
	sqlite3 *h;
	ck_assert_int_eq(sqlite3_open(path, &h), SQLITE_OK);
	sqlite3_stmt *q;
	ck_assert_int_eq(sqlite3_prepare_v2(h,
	                                    "SELECT c.id, m.position, m.id_number, m.birth_date,"
	                                    " c.bank_card FROM member m JOIN case_file c"
	                                    " ON c.id = m.case_id ORDER BY c.id, m.position",
	                                    -1, &q, NULL),
	                 SQLITE_OK);
	struct old_row {
		int64_t case_id;
		int pos;
		char id[24], birth[12], bank[32];
	} *rows = calloc(400, sizeof *rows);
	size_t n = 0;
	while (sqlite3_step(q) == SQLITE_ROW && n < 400) {
		rows[n].case_id = sqlite3_column_int64(q, 0);
		rows[n].pos = sqlite3_column_int(q, 1);
		const unsigned char *t;
		if ((t = sqlite3_column_text(q, 2)))
			bf_strlcpy(rows[n].id, (const char *)t, sizeof rows[n].id);
		if ((t = sqlite3_column_text(q, 3)))
			bf_strlcpy(rows[n].birth, (const char *)t, sizeof rows[n].birth);
		if ((t = sqlite3_column_text(q, 4)))
			bf_strlcpy(rows[n].bank, (const char *)t, sizeof rows[n].bank);
		n++;
	}
	sqlite3_finalize(q);
	sqlite3_close(h);
	ck_assert_int_gt(n, 100);

	bf_db db;
	bf_error err = {{0}};
	ck_assert_msg(bf_store_open(&db, path, 0, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(bf_vault_has_keyring(&db), 0);
	/* the clerk first: logged in, but the data stay as they are, locked */
	login(&db, "clerk", "demo-clerk");
	ck_assert(!bf_vault_unlocked(&db));
	ck_assert_int_eq(bf_vault_has_keyring(&db), 0);
	bf_account_logout(&db);
	/* the administrator's login upgrades: one key, everything sealed */
	login(&db, "admin", "demo-admin");
	ck_assert(bf_vault_unlocked(&db));
	ck_assert_int_eq(strlen(db.new_recovery), 31);
	int64_t plain = -1;
	ck_assert_int_eq(bf_db_int(&db,
	                           "SELECT (SELECT count(*) FROM member WHERE id_number NOT LIKE 'bf1:%'"
	                           " OR birth_date IS NOT NULL)"
	                           " + (SELECT count(*) FROM case_file WHERE bank_card NOT LIKE 'bf1:%'"
	                           " OR phone NOT LIKE 'bf1:%' OR id_number NOT LIKE 'bf1:%')"
	                           " + (SELECT count(*) FROM campaign_recipient WHERE id_number NOT"
	                           " LIKE 'bf1:%') + (SELECT count(*) FROM payment WHERE phone NOT LIKE"
	                           " 'bf1:%') + (SELECT count(*) FROM signing_key WHERE secret_sealed"
	                           " IS NULL OR secret_key <> zeroblob(64))",
	                           &plain),
	                 0);
	ck_assert_int_eq(plain, 0);
	/* every value opens to what the old release wrote */
	struct bf_case *c = malloc(sizeof *c);
	int64_t loaded = 0;
	for (size_t i = 0; i < n; i++) {
		if (i == 0 || rows[i].case_id != loaded) {
			ck_assert_msg(bf_case_load(&db, rows[i].case_id, c, &err) == 0, "%s", err.msg);
			loaded = rows[i].case_id;
			ck_assert_str_eq(c->bank_card, rows[i].bank);
		}
		ck_assert_str_eq(c->members[rows[i].pos].id_number, rows[i].id);
		ck_assert_str_eq(c->members[rows[i].pos].birth_date, rows[i].birth);
	}
	/* the whole-number search finds a file through the new blind index */
	struct bf_case_filter filt;
	memset(&filt, 0, sizeof filt);
	bf_strlcpy(filt.search, rows[0].id, sizeof filt.search);
	int64_t count = 0;
	ck_assert_int_eq(bf_case_count(&db, &filt, &count, &err), 0);
	ck_assert_int_ge(count, 1);
	/* the clerk gets a key with the chair's reset of the password */
	ck_assert_msg(bf_account_reset(&db, "clerk", "clerk-new-pw-7", &err) == 0, "%s", err.msg);
	bf_account_logout(&db);
	login(&db, "clerk", "clerk-new-pw-7");
	ck_assert(bf_vault_unlocked(&db));
	ck_assert_msg(bf_case_load(&db, rows[0].case_id, c, &err) == 0, "%s", err.msg);
	free(c);
	free(rows);
	bf_db_close(&db);
}
END_TEST

static Suite *vault_suite(void)
{
	Suite *s = suite_create("vault");
	TCase *tc = tcase_create("vault");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, test_b64_as_sodium);
	tcase_add_test(tc, test_nonces_unique);
	tcase_add_test(tc, test_wraps_per_operator);
	tcase_add_test(tc, test_sealed_value_bound_to_row);
	tcase_add_test(tc, test_files_hold_nothing);
	tcase_add_test(tc, test_upgrade_previous_release);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	setlocale(LC_ALL, "C.UTF-8");
	setenv("LANGUAGE", "", 1);
	setenv("BANGFU_TEST_PWHASH_MIN", "1", 1); /* tests only: cheap hashing */
	Suite *suites[] = {vault_suite()};
	return bf_test_run(suites, BF_ARRAY_LEN(suites));
}
