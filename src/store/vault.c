/* vault.c — the data key, its wraps, and sealed columns (see vault.h). */
#include "config.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/accounts.h"
#include "bangfu/audit.h"
#include "bangfu/b64.h"
#include "bangfu/coldesc.h"
#include "bangfu/ident.h"
#include "bangfu/vault.h"

#define SEAL_PREFIX "bf1:"
#define SEAL_PREFIX_LEN 4
#define NONCE_SZ crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_SZ crypto_aead_xchacha20poly1305_ietf_ABYTES

static int ready(bf_error *err)
{
	if (sodium_init() < 0) {
		bf_error_set(err, "%s", _("the cryptography library could not start"));
		return -1;
	}
	return 0;
}

bool bf_vault_unlocked(const bf_db *db)
{
	return db->vault.key != NULL;
}

void bf_vault_lock(bf_db *db)
{
	if (db->vault.key)
		sodium_free(db->vault.key);
	if (db->vault.bkey)
		sodium_free(db->vault.bkey);
	db->vault.key = db->vault.bkey = NULL;
}

int bf_vault_set_key(bf_db *db, const unsigned char key[BF_VAULT_KEYBYTES], bf_error *err)
{
	if (ready(err) != 0)
		return -1;
	bf_vault_lock(db);
	db->vault.key = sodium_malloc(BF_VAULT_KEYBYTES);
	db->vault.bkey = sodium_malloc(crypto_generichash_KEYBYTES);
	if (!db->vault.key || !db->vault.bkey) {
		bf_vault_lock(db);
		bf_error_set(err, "%s", _("out of memory"));
		return -1;
	}
	memcpy(db->vault.key, key, BF_VAULT_KEYBYTES);
	randombytes_buf(db->vault.nonce_base, sizeof db->vault.nonce_base);
	atomic_store(&db->vault.nonce_ctr, 0);
	/* the blind-index key is derived, so that it alone reveals no value */
	crypto_kdf_derive_from_key(db->vault.bkey, crypto_generichash_KEYBYTES, 1, "bfblindx",
	                           db->vault.key);
	return 0;
}

int bf_vault_new_key(bf_db *db, bf_error *err)
{
	if (ready(err) != 0)
		return -1;
	unsigned char k[BF_VAULT_KEYBYTES];
	crypto_kdf_keygen(k);
	int rc = bf_vault_set_key(db, k, err);
	sodium_memzero(k, sizeof k);
	return rc;
}

int bf_vault_has_keyring(bf_db *db)
{
	int64_t n = 0;
	if (bf_db_int(db, "SELECT count(*) FROM keyring", &n) != 0)
		return -1;
	return n > 0;
}

/* ---- sealing values ------------------------------------------------------------------ */

static void make_ad(char *buf, size_t n, const char *ad, const char *rowkey)
{
	snprintf(buf, n, "%s|%s", ad ? ad : "", rowkey ? rowkey : "");
}

/* A fresh nonce: the unlock's random base, its last eight bytes plus a
 * counter (2^64 values before one could repeat, and a new base each unlock). */
static void next_nonce(bf_db *db, unsigned char nonce[NONCE_SZ])
{
	uint64_t n = atomic_fetch_add(&db->vault.nonce_ctr, 1), b = 0;
	memcpy(nonce, db->vault.nonce_base, NONCE_SZ);
	for (int i = 0; i < 8; i++)
		b |= (uint64_t)nonce[NONCE_SZ - 8 + i] << (8 * i);
	b += n;
	for (int i = 0; i < 8; i++)
		nonce[NONCE_SZ - 8 + i] = (unsigned char)(b >> (8 * i));
}

static char *seal_raw(bf_db *db, const char *plain, size_t len, const char *ad,
                      const char *rowkey)
{
	char adbuf[256];
	make_ad(adbuf, sizeof adbuf, ad, rowkey);
	size_t blen = NONCE_SZ + len + TAG_SZ;
	unsigned char stackbin[1024];
	unsigned char *bin = blen <= sizeof stackbin ? stackbin : malloc(blen);
	if (!bin)
		return NULL;
	next_nonce(db, bin);
	unsigned long long clen = 0;
	crypto_aead_xchacha20poly1305_ietf_encrypt(bin + NONCE_SZ, &clen, (const unsigned char *)plain,
	                                           len, (const unsigned char *)adbuf, strlen(adbuf),
	                                           NULL, bin, db->vault.key);
	char *out = malloc(SEAL_PREFIX_LEN + BF_B64_LEN(blen) + 1);
	if (out) {
		memcpy(out, SEAL_PREFIX, SEAL_PREFIX_LEN);
		bf_b64_encode(out + SEAL_PREFIX_LEN, bin, blen);
	}
	if (bin != stackbin)
		free(bin);
	return out;
}

static bool is_sealed(const char *s)
{
	return strncmp(s, SEAL_PREFIX, SEAL_PREFIX_LEN) == 0;
}

/* 0 opened (*out malloc'd, NUL-terminated), -1 damaged or wrong key. */
static int open_raw(const bf_db *db, const char *sealed, const char *ad, const char *rowkey,
                    char **out, size_t *outlen)
{
	const char *b64 = sealed + SEAL_PREFIX_LEN;
	size_t blen_max = strlen(b64) * 3 / 4 + 3;
	unsigned char *bin = malloc(blen_max);
	if (!bin)
		return -1;
	size_t blen = 0;
	if (bf_b64_decode(bin, b64, strlen(b64), &blen) != 0 || blen < NONCE_SZ + TAG_SZ) {
		free(bin);
		return -1;
	}
	char adbuf[256];
	make_ad(adbuf, sizeof adbuf, ad, rowkey);
	size_t plen = blen - NONCE_SZ - TAG_SZ;
	char *p = malloc(plen + 1);
	unsigned long long got = 0;
	int rc = -1;
	if (p && crypto_aead_xchacha20poly1305_ietf_decrypt(
	             (unsigned char *)p, &got, NULL, bin + NONCE_SZ, blen - NONCE_SZ,
	             (const unsigned char *)adbuf, strlen(adbuf), bin, db->vault.key) == 0) {
		p[got] = '\0';
		*out = p;
		if (outlen)
			*outlen = (size_t)got;
		rc = 0;
	} else {
		free(p);
	}
	free(bin);
	return rc;
}

int bf_vault_seal(bf_db *db, const char *plain, const char *ad, const char *rowkey, char **out,
                  bf_error *err)
{
	*out = NULL;
	if (!plain || !plain[0])
		return 0;
	if (!db->vault.key) {
		bf_error_set(err, "%s", _("personal data is locked: log in first"));
		return -1;
	}
	*out = seal_raw(db, plain, strlen(plain), ad, rowkey);
	if (!*out) {
		bf_error_set(err, "%s", _("out of memory"));
		return -1;
	}
	return 0;
}

int bf_vault_open(bf_db *db, const char *sealed, const char *ad, const char *rowkey, char **out,
                  bf_error *err)
{
	*out = NULL;
	if (!sealed)
		sealed = "";
	if (!is_sealed(sealed)) {
		*out = strdup(sealed);
		return *out ? 0 : -1;
	}
	if (!db->vault.key) {
		bf_error_set(err, "%s", _("personal data is locked: log in first"));
		return -1;
	}
	if (open_raw(db, sealed, ad, rowkey, out, NULL) != 0) {
		bf_error_set(err, _("a sealed value in %s (row %s) is damaged or was moved"), ad,
		             rowkey ? rowkey : "?");
		return -1;
	}
	return 0;
}

static void normalise_id(const char *v, char *out, size_t n)
{
	size_t j = 0;
	for (; *v && j + 1 < n; v++) {
		if (isspace((unsigned char)*v))
			continue;
		out[j++] = (char)toupper((unsigned char)*v);
	}
	out[j] = '\0';
}

int bf_vault_bidx(const bf_db *db, const char *value, char out[33])
{
	out[0] = '\0';
	if (!db->vault.bkey || !value)
		return -1;
	char norm[128];
	normalise_id(value, norm, sizeof norm);
	if (!norm[0])
		return -1;
	unsigned char h[16];
	crypto_generichash(h, sizeof h, (const unsigned char *)norm, strlen(norm), db->vault.bkey,
	                   crypto_generichash_KEYBYTES);
	sodium_bin2hex(out, 33, h, sizeof h);
	return 0;
}

/* ---- SQL functions -------------------------------------------------------------------- */

static const char *arg_text(sqlite3_value *v)
{
	const unsigned char *t = sqlite3_value_text(v);
	return t ? (const char *)t : NULL;
}

static bool locked_error(sqlite3_context *cx, const bf_db *db)
{
	if (db->vault.key)
		return false;
	sqlite3_result_error(cx, "personal data is locked: log in first", -1);
	return true;
}

/* bf_seal(plain, ad, rowkey) */
static void sql_seal(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	bf_db *db = sqlite3_user_data(cx);
	const char *plain = arg_text(argv[0]);
	if (!plain || !plain[0]) {
		sqlite3_result_null(cx);
		return;
	}
	if (locked_error(cx, db))
		return;
	char *s = seal_raw(db, plain, strlen(plain), arg_text(argv[1]), arg_text(argv[2]));
	if (!s) {
		sqlite3_result_error_nomem(cx);
		return;
	}
	sqlite3_result_text(cx, s, -1, free);
}

static void open_into(sqlite3_context *cx, bf_db *db, const char *sealed, const char *ad,
                      const char *rowkey)
{
	if (locked_error(cx, db))
		return;
	char *p = NULL;
	size_t plen = 0;
	if (open_raw(db, sealed, ad, rowkey, &p, &plen) != 0) {
		char msg[300];
		snprintf(msg, sizeof msg, "a sealed value in %s (row %s) is damaged or was moved",
		         ad ? ad : "?", rowkey ? rowkey : "?");
		sqlite3_result_error(cx, msg, -1);
		return;
	}
	sqlite3_result_text(cx, p, (int)plen, free);
}

/* bf_open(sealed, ad, rowkey) */
static void sql_open(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	bf_db *db = sqlite3_user_data(cx);
	const char *s = arg_text(argv[0]);
	if (!s) {
		sqlite3_result_null(cx);
		return;
	}
	if (!is_sealed(s)) {
		sqlite3_result_value(cx, argv[0]);
		return;
	}
	open_into(cx, db, s, arg_text(argv[1]), arg_text(argv[2]));
}

/* bf_reseal(old, plain, ad, rowkey) */
static void sql_reseal(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	bf_db *db = sqlite3_user_data(cx);
	const char *old = arg_text(argv[0]);
	const char *plain = arg_text(argv[1]);
	if (!plain || !plain[0]) {
		sqlite3_result_null(cx);
		return;
	}
	if (locked_error(cx, db))
		return;
	const char *ad = arg_text(argv[2]), *rowkey = arg_text(argv[3]);
	if (old && is_sealed(old)) {
		char *p = NULL;
		if (open_raw(db, old, ad, rowkey, &p, NULL) == 0) {
			bool same = strcmp(p, plain) == 0;
			sodium_memzero(p, strlen(p));
			free(p);
			if (same) {
				sqlite3_result_value(cx, argv[0]);
				return;
			}
		}
	}
	char *s = seal_raw(db, plain, strlen(plain), ad, rowkey);
	if (!s) {
		sqlite3_result_error_nomem(cx);
		return;
	}
	sqlite3_result_text(cx, s, -1, free);
}

/* bf_bidx(value, kind) */
static void sql_bidx(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	bf_db *db = sqlite3_user_data(cx);
	const char *v = arg_text(argv[0]);
	if (!v || !v[0]) {
		sqlite3_result_null(cx);
		return;
	}
	if (locked_error(cx, db))
		return;
	char h[33];
	if (bf_vault_bidx(db, v, h) != 0) {
		sqlite3_result_null(cx);
		return;
	}
	sqlite3_result_text(cx, h, -1, SQLITE_TRANSIENT);
}

/* bf_id_mask(id): the mask every list shows (see ident.h) */
static void sql_id_mask(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *v = arg_text(argv[0]);
	if (!v || !v[0]) {
		sqlite3_result_null(cx);
		return;
	}
	char m[64];
	bf_mask_id(v, m, sizeof m);
	sqlite3_result_text(cx, m, -1, SQLITE_TRANSIENT);
}

void bf_vault_register(bf_db *db)
{
	sqlite3_create_function(db->h, "bf_seal", 3, SQLITE_UTF8, db, sql_seal, NULL, NULL);
	sqlite3_create_function(db->h, "bf_open", 3, SQLITE_UTF8, db, sql_open, NULL, NULL);
	sqlite3_create_function(db->h, "bf_reseal", 4, SQLITE_UTF8, db, sql_reseal, NULL, NULL);
	sqlite3_create_function(db->h, "bf_bidx", 2, SQLITE_UTF8 | SQLITE_DETERMINISTIC, db, sql_bidx,
	                        NULL, NULL);
	sqlite3_create_function(db->h, "bf_id_mask", 1, SQLITE_UTF8 | SQLITE_DETERMINISTIC, NULL,
	                        sql_id_mask, NULL, NULL);
}

/* ---- wraps ----------------------------------------------------------------------------- */

enum { SALT_SZ = crypto_pwhash_SALTBYTES };

static void wrap_ad(char *buf, size_t n, const char *kind, int64_t account_id)
{
	snprintf(buf, n, "bangfu keyring 1|%s|%lld", kind, (long long)account_id);
}

static int derive_pw(unsigned char kek[32], const char *password, const unsigned char *salt,
                     unsigned long long ops, size_t mem, bf_error *err)
{
	if (crypto_pwhash(kek, 32, password, strlen(password), salt, ops, mem,
	                  crypto_pwhash_ALG_ARGON2ID13) != 0) {
		bf_error_set(err, "%s", _("out of memory while deriving the key"));
		return -1;
	}
	return 0;
}

/* The recovery code is random (130 bits), so a fast keyed hash suffices. */
static void derive_code(unsigned char kek[32], const char *code, const unsigned char *salt)
{
	char norm[64];
	size_t j = 0;
	for (const char *p = code; *p && j + 1 < sizeof norm; p++)
		if (isalnum((unsigned char)*p))
			norm[j++] = (char)toupper((unsigned char)*p);
	norm[j] = '\0';
	crypto_generichash(kek, 32, (const unsigned char *)norm, j, salt, SALT_SZ);
	sodium_memzero(norm, sizeof norm);
}

static int store_wrap(bf_db *db, const char *kind, int64_t account_id, const unsigned char *salt,
                      unsigned long long ops, size_t mem, const unsigned char kek[32],
                      bf_error *err)
{
	unsigned char nonce[NONCE_SZ], wrapped[BF_VAULT_KEYBYTES + TAG_SZ];
	randombytes_buf(nonce, sizeof nonce);
	char ad[96];
	wrap_ad(ad, sizeof ad, kind, account_id);
	crypto_aead_xchacha20poly1305_ietf_encrypt(wrapped, NULL, db->vault.key, BF_VAULT_KEYBYTES,
	                                           (const unsigned char *)ad, strlen(ad), NULL,
	                                           nonce, kek);
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "INSERT INTO keyring (kind, account_id, salt, ops, mem, nonce, wrapped,"
	                  " created_at) VALUES (:k, :a, :s, :o, :m, :n, :w, bf_now())"
	                  " ON CONFLICT (kind, account_id) DO UPDATE SET salt = excluded.salt,"
	                  " ops = excluded.ops, mem = excluded.mem, nonce = excluded.nonce,"
	                  " wrapped = excluded.wrapped, created_at = excluded.created_at") != 0) {
		bf_db_error(db, err);
		return -1;
	}
	int rc = bf_bind_text(&st, ":k", kind) || bf_bind_int(&st, ":a", account_id) ||
	         bf_bind_blob(&st, ":s", salt, SALT_SZ) || bf_bind_int(&st, ":o", (int64_t)ops) ||
	         bf_bind_int(&st, ":m", (int64_t)mem) || bf_bind_blob(&st, ":n", nonce, sizeof nonce) ||
	         bf_bind_blob(&st, ":w", wrapped, sizeof wrapped);
	if (rc == 0 && bf_step(&st) != SQLITE_DONE)
		rc = -1;
	if (rc != 0)
		bf_db_error(db, err);
	bf_finalize(&st);
	return rc;
}

int bf_vault_wrap_for(bf_db *db, int64_t account_id, const char *password, bf_error *err)
{
	if (!db->vault.key) {
		bf_error_set(err, "%s", _("personal data is locked: log in first"));
		return -1;
	}
	struct bf_pwhash_cost c;
	bf_pwhash_cost_get(db, &c);
	unsigned char salt[SALT_SZ], kek[32];
	randombytes_buf(salt, sizeof salt);
	if (derive_pw(kek, password, salt, c.ops, c.mem, err) != 0)
		return -1;
	int rc = store_wrap(db, "operator", account_id, salt, c.ops, c.mem, kek, err);
	sodium_memzero(kek, sizeof kek);
	return rc;
}

int bf_vault_unwrap_delete(bf_db *db, int64_t account_id, bf_error *err)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st, "DELETE FROM keyring WHERE kind = 'operator' AND account_id = :a") !=
	    0) {
		bf_db_error(db, err);
		return -1;
	}
	int rc = bf_bind_int(&st, ":a", account_id);
	if (rc == 0 && bf_step(&st) != SQLITE_DONE)
		rc = -1;
	if (rc != 0)
		bf_db_error(db, err);
	bf_finalize(&st);
	return rc;
}

struct wrap_row {
	unsigned char salt[SALT_SZ], nonce[NONCE_SZ], wrapped[BF_VAULT_KEYBYTES + TAG_SZ];
	int64_t ops, mem;
};

static int load_wrap(bf_db *db, const char *kind, int64_t account_id, struct wrap_row *w,
                     bf_error *err)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT salt, ops, mem, nonce, wrapped FROM keyring"
	                  " WHERE kind = :k AND account_id = :a") != 0) {
		bf_db_error(db, err);
		return -1;
	}
	int rc = 1;
	if (bf_bind_text(&st, ":k", kind) || bf_bind_int(&st, ":a", account_id)) {
		rc = -1;
	} else {
		int s = bf_step(&st);
		if (s == SQLITE_ROW) {
			rc = (bf_col_blob(&st, 0, w->salt, sizeof w->salt) == sizeof w->salt &&
			      bf_col_blob(&st, 3, w->nonce, sizeof w->nonce) == sizeof w->nonce &&
			      bf_col_blob(&st, 4, w->wrapped, sizeof w->wrapped) == sizeof w->wrapped)
			         ? 0
			         : 2;
			w->ops = bf_col_int(&st, 1);
			w->mem = bf_col_int(&st, 2);
		} else if (s != SQLITE_DONE) {
			rc = -1;
		}
	}
	if (rc == -1)
		bf_db_error(db, err);
	bf_finalize(&st);
	if (rc == 2) {
		bf_error_set(err, "%s", _("the keyring of this database is damaged"));
		return -1;
	}
	return rc;
}

static int open_wrap(bf_db *db, const char *kind, int64_t account_id, const struct wrap_row *w,
                     const unsigned char kek[32], bf_error *err)
{
	unsigned char key[BF_VAULT_KEYBYTES];
	char ad[96];
	wrap_ad(ad, sizeof ad, kind, account_id);
	if (crypto_aead_xchacha20poly1305_ietf_decrypt(key, NULL, NULL, w->wrapped, sizeof w->wrapped,
	                                               (const unsigned char *)ad, strlen(ad),
	                                               w->nonce, kek) != 0) {
		bf_error_set(err, "%s",
		             _("the data key did not open: the keyring entry does not match this "
		               "password or code"));
		return -1;
	}
	int rc = bf_vault_set_key(db, key, err);
	sodium_memzero(key, sizeof key);
	return rc;
}

int bf_vault_unlock(bf_db *db, int64_t account_id, const char *password, bf_error *err)
{
	if (ready(err) != 0)
		return -1;
	struct wrap_row w;
	int rc = load_wrap(db, "operator", account_id, &w, err);
	if (rc != 0)
		return rc;
	unsigned char kek[32];
	if (w.ops <= 0 || w.mem <= 0 ||
	    derive_pw(kek, password, w.salt, (unsigned long long)w.ops, (size_t)w.mem, err) != 0) {
		if (w.ops <= 0 || w.mem <= 0)
			bf_error_set(err, "%s", _("the keyring of this database is damaged"));
		return -1;
	}
	rc = open_wrap(db, "operator", account_id, &w, kek, err);
	sodium_memzero(kek, sizeof kek);
	return rc;
}

static const char code_alphabet[] = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; /* Crockford base32 */

int bf_vault_new_recovery(bf_db *db, char code[BF_RECOVERY_CODE_SZ], bf_error *err)
{
	if (!db->vault.key) {
		bf_error_set(err, "%s", _("personal data is locked: log in first"));
		return -1;
	}
	/* 26 characters of 5 bits = 130 bits, shown as five groups of five and one */
	size_t j = 0;
	for (int i = 0; i < 26; i++) {
		if (i && i % 5 == 0)
			code[j++] = '-';
		code[j++] = code_alphabet[randombytes_uniform(32)];
	}
	code[j] = '\0';
	unsigned char salt[SALT_SZ], kek[32];
	randombytes_buf(salt, sizeof salt);
	derive_code(kek, code, salt);
	int rc = store_wrap(db, "recovery", 0, salt, 0, 0, kek, err);
	sodium_memzero(kek, sizeof kek);
	return rc;
}

int bf_vault_unlock_recovery(bf_db *db, const char *code, bf_error *err)
{
	if (ready(err) != 0)
		return -1;
	struct wrap_row w;
	int rc = load_wrap(db, "recovery", 0, &w, err);
	if (rc == 1)
		bf_error_set(err, "%s", _("this database has no recovery code"));
	if (rc != 0)
		return -1;
	unsigned char kek[32];
	derive_code(kek, code, w.salt);
	rc = open_wrap(db, "recovery", 0, &w, kek, err);
	sodium_memzero(kek, sizeof kek);
	if (rc != 0)
		bf_error_set(err, "%s", _("the recovery code is not this database's"));
	return rc;
}

/* ---- the upgrade of a database written before sealing ----------------------------- */

int bf_vault_seal_legacy(bf_db *db, bf_error *err)
{
	if (!db->vault.key) {
		bf_error_set(err, "%s", _("personal data is locked: log in first"));
		return -1;
	}
	for (size_t t = 0; t < bf_sealed_table_count; t++) {
		char *sql = bf_coldesc_legacy_sql(&bf_sealed_tables[t]);
		if (!sql) {
			bf_error_set(err, "%s", _("out of memory"));
			return -1;
		}
		int rc = bf_db_exec(db, sql);
		free(sql);
		if (rc != 0) {
			bf_db_error(db, err);
			return -1;
		}
	}
	/* and what the audit log holds of the values written plain before
	 * (this pass's own entries too: they name the values it replaced) */
	return bf_audit_seal_old(db, err);
}
