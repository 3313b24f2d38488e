/* vault.h — personal data encrypted at rest (storage layer).
 *
 * One random 32-byte data key per database seals every sensitive column
 * (ID, bank and phone numbers, addresses, diseases, the five clears, other
 * free text about a household, drafts, the signing secret) with
 * XChaCha20-Poly1305. The data key is never stored in the clear: the
 * keyring table holds it wrapped
 *   - once per operator, under a key derived from the operator's password
 *     (argon2id at the password-hashing cost), made when the account is
 *     created, reset or changes its password, deleted when it is disabled;
 *   - once under the recovery code shown at set-up (for the union chair to
 *     keep on paper), which resets a forgotten administrator's password
 *     with nothing lost.
 * A login unwraps it into the connection (bf_db.vault); nothing can be
 * sealed or opened before.
 *
 * In SQL (registered on every connection by bf_vault_register):
 *   bf_seal(plain, ad, rowkey)        -> sealed text "bf1:<base64>" (NULL for NULL or '')
 *   bf_open(sealed, ad, rowkey)       -> plain text; text that is not sealed is returned as
 *                                        it is (rows written before the upgrade)
 *   bf_reseal(old, plain, ad, rowkey) -> old when it opens to plain, else bf_seal(plain)
 *                                        (so a save that changes nothing changes no column)
 *   bf_bidx(value, kind)              -> keyed BLAKE2b "blind index" (32 hex digits) of a
 *                                        normalised value (kind 'id': an ID number)
 * ad names the column ("member.disease") and rowkey the row, so a sealed
 * value copied into another column or row does not open. A sealed value that
 * fails to open is an error that names the column ("damaged").
 * None of these functions is innocuous: triggers and views cannot call them. */
#ifndef BANGFU_VAULT_H
#define BANGFU_VAULT_H

#include "bangfu/db.h"

enum { BF_VAULT_KEYBYTES = 32, BF_RECOVERY_CODE_SZ = 40 };

/* Register the SQL functions on db's connection (bf_db_open calls it). */
void bf_vault_register(bf_db *db);
/* Forget the key (logout, close). */
void bf_vault_lock(bf_db *db);
bool bf_vault_unlocked(const bf_db *db);
/* Use this data key directly: the first account's seed (which then wraps
 * it), and tests, which have no operator to log in. */
int bf_vault_set_key(bf_db *db, const unsigned char key[BF_VAULT_KEYBYTES], bf_error *err);
/* A new random data key for this connection (a new database). */
int bf_vault_new_key(bf_db *db, bf_error *err);
/* Does the database have a keyring yet? 1 yes, 0 no (made before the
 * upgrade, or not seeded), -1 error. */
int bf_vault_has_keyring(bf_db *db);

/* ---- wraps (inside the caller's write transaction) -------------------------------- */
/* Wrap the connection's data key for account_id under password (replacing
 * any wrap it had). */
int bf_vault_wrap_for(bf_db *db, int64_t account_id, const char *password, bf_error *err);
/* Delete account_id's wrap (a disabled operator). */
int bf_vault_unwrap_delete(bf_db *db, int64_t account_id, bf_error *err);
/* Unlock with account_id's password: 0 unlocked, 1 no wrap for this
 * account, -1 error (a wrap that does not open: err says so). */
int bf_vault_unlock(bf_db *db, int64_t account_id, const char *password, bf_error *err);
/* A new recovery code (written to code, BF_RECOVERY_CODE_SZ bytes with the
 * NUL: "XXXXX-XXXXX-..."), wrapping the data key under it (replacing the
 * old one). */
int bf_vault_new_recovery(bf_db *db, char code[BF_RECOVERY_CODE_SZ], bf_error *err);
/* Unlock with the recovery code (spaces, dashes and case ignored). */
int bf_vault_unlock_recovery(bf_db *db, const char *code, bf_error *err);

/* Seal every value written before the upgrade (rows whose sensitive columns
 * are still plain text) and fill the blind indexes and masks: one pass in
 * the caller's transaction. */
int bf_vault_seal_legacy(bf_db *db, bf_error *err);

/* ---- direct use from C ------------------------------------------------------------ */
/* Seal plain ("" -> *out = NULL). *out malloc'd. */
int bf_vault_seal(bf_db *db, const char *plain, const char *ad, const char *rowkey, char **out,
                  bf_error *err);
/* Open sealed (plain text passes through). *out malloc'd. */
int bf_vault_open(bf_db *db, const char *sealed, const char *ad, const char *rowkey, char **out,
                  bf_error *err);
/* Blind index of an ID number (normalised: trimmed, x upper case): 33 bytes. */
int bf_vault_bidx(const bf_db *db, const char *value, char out[33]);

#endif
