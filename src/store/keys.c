/* keys.c — this database's Ed25519 key pair (signing_key) and the keys of
 * the other side it trusts (trusted_key): submission_store.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "bangfu/accounts.h"
#include "bangfu/code.h"
#include "bangfu/perm.h"
#include "bangfu/store.h"
#include "bangfu/submission_store.h"
#include "bangfu/vault.h"

/* 0 read, 1 none, -1 error. */
static int key_read(bf_db *db, uint8_t pk[32], uint8_t sk[64], bf_error *err)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT public_key, secret_key, secret_sealed FROM signing_key WHERE id = 1") !=
	    0) {
		bf_db_error(db, err);
		return -1;
	}
	int rc = bf_step(&st);
	if (rc == SQLITE_DONE) {
		bf_finalize(&st);
		return 1;
	}
	if (rc != SQLITE_ROW) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	uint8_t spare[64];
	if (bf_col_blob(&st, 0, pk, 32) != 32 || bf_col_blob(&st, 1, sk ? sk : spare, 64) != 64) {
		bf_finalize(&st);
		bf_error_set(err, "%s", _("This database's signing key is damaged."));
		return -1;
	}
	sodium_memzero(spare, sizeof spare);
	/* the secret half is sealed under the data key (vault.h); secret_key
	 * holds it in the clear only in a database not yet upgraded */
	if (sk && !bf_col_is_null(&st, 2)) {
		char *hex = NULL;
		rc = bf_vault_open(db, bf_col_text(&st, 2), "signing_key.secret_sealed", "1", &hex, err);
		size_t got = 0;
		if (rc == 0 && (sodium_hex2bin(sk, 64, hex, strlen(hex), NULL, &got, NULL) != 0 ||
		                got != 64)) {
			bf_error_set(err, "%s", _("This database's signing key is damaged."));
			rc = -1;
		}
		if (hex) {
			sodium_memzero(hex, strlen(hex));
			free(hex);
		}
		if (rc != 0) {
			bf_finalize(&st);
			return -1;
		}
	}
	bf_finalize(&st);
	return 0;
}

static int key_make(bf_db *db, uint8_t pk[32], uint8_t sk[64], bf_error *err)
{
	bf_pkg_keygen(pk, sk);
	char hex[129];
	sodium_bin2hex(hex, sizeof hex, sk, 64);
	bf_stmt st;
	uint8_t none[64] = {0};
	if (bf_db_prepare(db, &st,
	                  "INSERT INTO signing_key (id, public_key, secret_key, secret_sealed,"
	                  " created_at) VALUES (1, :pk, :zero,"
	                  " bf_seal(:hex, 'signing_key.secret_sealed', 1), bf_now())") != 0 ||
	    bf_bind_blob(&st, ":pk", pk, 32) || bf_bind_blob(&st, ":zero", none, 64) ||
	    bf_bind_text(&st, ":hex", hex) || bf_step(&st) != SQLITE_DONE) {
		sodium_memzero(hex, sizeof hex);
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	sodium_memzero(hex, sizeof hex);
	bf_finalize(&st);
	return 0;
}

/* Read the pair, making it first when there is none. */
static int key_get(bf_db *db, uint8_t pk[32], uint8_t sk[64], bf_error *err)
{
	int rc = key_read(db, pk, sk, err);
	if (rc <= 0)
		return rc;
	bool own;
	if (bf_db_join(db, &own, err) != 0)
		return -1;
	rc = key_read(db, pk, sk, err);
	if (rc == 1)
		rc = key_make(db, pk, sk, err);
	return bf_db_finish(db, own, rc, err);
}

int bf_key_ensure(bf_db *db, bf_error *err)
{
	uint8_t pk[32], sk[64];
	int rc = key_get(db, pk, sk, err);
	sodium_memzero(sk, sizeof sk);
	return rc;
}

int bf_key_secret(bf_db *db, uint8_t pk[32], uint8_t sk[64], bf_error *err)
{
	return key_get(db, pk, sk, err);
}

int bf_key_public(bf_db *db, uint8_t pk[32], bf_error *err)
{
	return bf_key_ensure(db, err) != 0 ? -1 : key_read(db, pk, NULL, err);
}

int bf_key_export(bf_db *db, char **text, bf_error *err)
{
	*text = NULL;
	struct bf_unit u;
	if (bf_unit_load(db, &u, err) != 0)
		return -1;
	if (bf_blank(u.code)) {
		bf_error_set(err, "%s",
		             _("The unit has no code: set it first (the unit's details, or bangfu "
		               "init --code CODE); packages and keys are known by it."));
		return 1;
	}
	struct bf_pkg_keyfile k = {0};
	if (bf_key_public(db, k.pk, err) != 0)
		return -1;
	bf_strlcpy(k.code, u.code, sizeof k.code);
	bf_strlcpy(k.name, u.name, sizeof k.name);
	bf_strlcpy(k.kind, u.district_mode ? "district" : "unit", sizeof k.kind);
	*text = bf_pkg_keyfile_write(&k);
	if (!*text) {
		bf_error_set(err, "%s", _("Out of memory."));
		return -1;
	}
	return 0;
}

/* The code (and name) another sender registered pk under: 0 found, 1 none,
 * -1 error. */
static int key_owner(bf_db *db, const uint8_t pk[32], const char *code, char other[32],
                     char other_name[128], bf_error *err)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT code, name FROM trusted_key WHERE public_key = :pk"
	                  " AND code <> :code ORDER BY code LIMIT 1") != 0 ||
	    bf_bind_blob(&st, ":pk", pk, 32) || bf_bind_text(&st, ":code", code)) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	int rc = bf_step(&st);
	if (rc == SQLITE_ROW) {
		bf_col_copy(&st, 0, other, 32);
		bf_col_copy(&st, 1, other_name, 128);
	} else if (rc != SQLITE_DONE) {
		bf_db_error(db, err);
	}
	bf_finalize(&st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

int bf_key_trust(bf_db *db, const struct bf_pkg_keyfile *k, bool replace, bf_error *err)
{
	struct bf_unit u;
	if (bf_unit_load(db, &u, err) != 0)
		return -1;
	if (bf_store_require(db, u.district_mode ? BF_PERM_DISTRICT_IMPORT : BF_PERM_SETTINGS,
	                     err) != 0)
		return 1;
	if (!bf_code_ok(k->code, _("The key file's code"), err))
		return 1;
	const char *want = u.district_mode ? "unit" : "district";
	if (strcmp(k->kind, want) != 0) {
		if (u.district_mode)
			bf_error_set(err,
			             _("The key file of %s (%s) is a district's key; a district "
			               "database registers its units' keys."),
			             k->name, k->code);
		else
			bf_error_set(err,
			             _("The key file of %s (%s) is a unit's key; a unit registers "
			               "the key of its district union."),
			             k->name, k->code);
		return 1;
	}
	if (!bf_blank(u.code) && strcmp(u.code, k->code) == 0) {
		bf_error_set(err, _("The key file has this database's own code (%s)."), k->code);
		return 1;
	}
	bool own;
	if (bf_db_join(db, &own, err) != 0)
		return -1;
	/* One key, one sender: a key registered for another code would let
	 * that sender sign packages in this code's name. */
	char other[32] = "", other_name[128] = "";
	int rc = key_owner(db, k->pk, k->code, other, other_name, err);
	if (rc == 0) {
		char fp[24];
		bf_pkg_fingerprint(k->pk, fp);
		bf_error_set(err,
		             _("The key file of %s (%s) holds key %s, which is registered already "
		               "for %s (%s): one key signs for one sender only. Ask %s for its own "
		               "key file."),
		             k->name, k->code, fp, other_name, other, k->code);
		return bf_db_finish(db, own, 1, err);
	}
	if (rc < 0)
		return bf_db_finish(db, own, -1, err);
	uint8_t old[32];
	char name[128];
	rc = bf_key_trusted(db, k->code, old, name, sizeof name, err);
	if (rc == 0 && memcmp(old, k->pk, 32) == 0) {
		rc = 0; /* the same key again: nothing to do */
	} else if (rc == 0 && !replace) {
		char a[24], b[24];
		bf_pkg_fingerprint(old, a);
		bf_pkg_fingerprint(k->pk, b);
		bf_error_set(err,
		             _("Another key is registered for %s (%s): %s, not %s. Replace it only "
		               "after checking with them by phone (--replace)."),
		             k->name, k->code, a, b);
		rc = 1;
	} else if (rc >= 0) {
		bf_stmt st;
		const char *sql =
		    rc == 0 ? "UPDATE trusted_key SET name = :name, public_key = :pk,"
		              " added_at = bf_now(), added_by = bf_actor() WHERE code = :code"
		            : "INSERT INTO trusted_key (code, name, kind, public_key,"
		              " added_at, added_by) VALUES (:code, :name, :kind, :pk,"
		              " bf_now(), bf_actor())";
		if (bf_db_prepare(db, &st, sql) != 0 || bf_bind_text(&st, ":code", k->code) ||
		    bf_bind_text(&st, ":name", bf_blank(k->name) ? k->code : k->name) ||
		    (rc == 1 && bf_bind_text(&st, ":kind", k->kind)) ||
		    bf_bind_blob(&st, ":pk", k->pk, 32) || bf_step(&st) != SQLITE_DONE) {
			bf_db_error(db, err);
			rc = -1;
		} else {
			rc = 0;
		}
		bf_finalize(&st);
	}
	return bf_db_finish(db, own, rc, err);
}

int bf_key_trusted(bf_db *db, const char *code, uint8_t pk[32], char *name, size_t n, bf_error *err)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st, "SELECT public_key, name FROM trusted_key WHERE code = :code") !=
	        0 ||
	    bf_bind_text(&st, ":code", code)) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	int rc = bf_step(&st), ret;
	if (rc == SQLITE_ROW) {
		ret = 0;
		if (bf_col_blob(&st, 0, pk, 32) != 32) {
			bf_error_set(err, _("The registered key of %s is damaged."), code);
			ret = -1;
		}
		if (name && n)
			bf_col_copy(&st, 1, name, n);
	} else if (rc == SQLITE_DONE) {
		ret = 1;
	} else {
		bf_db_error(db, err);
		ret = -1;
	}
	bf_finalize(&st);
	return ret;
}
