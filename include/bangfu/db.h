/* db.h — a thin SQLite wrapper: statements with named binds, errors that
 * show the SQL, and write transactions that record where they began.
 * (Modelled on fossil's src/db.c.) Storage layer only. */
#ifndef BANGFU_DB_H
#define BANGFU_DB_H

#include <sqlite3.h>
#include <stdatomic.h>
#include <stdint.h>

#include "bangfu/common.h"
#include "bangfu/progress.h"

typedef struct bf_db {
	sqlite3 *h;
	/* The data key, unwrapped at login (vault.h); NULLs = locked. Each
	 * sealed value's nonce is the random nonce_base of this unlock with a
	 * counter in its last eight bytes (unique without a system call per
	 * value; atomic, as a second thread may seal). */
	struct {
		unsigned char *key, *bkey;
		unsigned char nonce_base[24];
		_Atomic uint64_t nonce_ctr;
	} vault;
	char path[1024];
	const char *txn_where; /* "file.c:123" of the open write transaction, or NULL */
	char actor[64];        /* operator recorded in the audit log; "" = none */
	bool demo;             /* demo database (shows DEMO in the title) */
	char errmsg[1024];     /* last error, in a clerk's words where known */
	int errkind;           /* what errmsg says, enum bf_db_errkind */
	/* Accounts (accounts.h): the logged-in operator's enum bf_role (perm.h),
	 * 0 = nobody; set only by a login (or demo/init). bf_store_require checks
	 * it. must_change: logged in with a reset password, which must be
	 * changed before anything else. */
	int role;
	bool must_change;
	/* A recovery code made by this connection (the first accounts' seed, or
	 * the upgrade at the first administrator's login), for the caller to
	 * show once and clear; "" = none. */
	char new_recovery[40];
	bool purging;  /* inside bf_purge_run: bf_purging() is true (purge.c) */
	bool in_login; /* inside a login: login_hook is not called again */
	/* actor is a name given but not yet logged in (the CLI's --user):
	 * bf_actor() is NULL, so the triggers refuse a write, until a login
	 * (through login_hook at the first bf_db_begin) sets role. */
	bool actor_pending;
	/* Called when a write needs an operator and nobody is logged in: by
	 * bf_db_begin (before BEGIN, so no lock is held while a password is
	 * typed) and by bf_store_require. The CLI asks for the password here
	 * (ctx.c). 0 when someone is now logged in. NULL = refuse. */
	int (*login_hook)(struct bf_db *db, void *ud);
	void *login_ud;
	/* Set by the schema upgrade at open (schema.h): the versions before and
	 * after (upgrade_to 0: nothing ran) and the copy made first ("" none). */
	int upgrade_from, upgrade_to;
	char upgrade_backup[1100];
	/* Told the upgrade's steps run so far of those to run (NULL = none;
	 * bf_store_open_progress sets it). */
	bf_progress_fn upgrade_progress;
	void *upgrade_ud;
	/* Told how far the seal of what was written before sealing at rest has
	 * got (bf_vault_seal_legacy, run by the first administrator's login or
	 * init on such a database, or a login after a step that seals more
	 * columns): audit entries by id, of the log's last id. NULL = silent;
	 * false from it stops the seal and its login rolls back. */
	bf_progress_fn seal_progress;
	void *seal_ud;
	/* Leftover temporaries removed when the store was opened (outfile.h). */
	int swept_at_open;
	/* Waiting for another connection's write lock (the busy handler): told
	 * now and then who holds it, when a long write said so (see
	 * bf_db_begin_long); the CLI prints it, the screens show it. NULL =
	 * wait silently. */
	void (*busy_notify)(struct bf_db *db, const char *msg, void *ud);
	void *busy_ud;
	/* Prepared statements kept for reuse by bf_db_prepare (by their SQL),
	 * given back reset by bf_finalize: a save's statements, with their
	 * triggers, are compiled once per connection, not once per save. */
	struct bf_stmt_cache *stmts;
	double busy_since_ms, busy_told_ms; /* this wait's start, last notice */
	bool long_write;                    /* this connection wrote the holder note */
	char long_what[160];                /* ...saying this, */
	long long long_since;               /* ...since then */
} bf_db;

/* Errors told in a clerk's words (db.c), for callers that say more. */
enum bf_db_errkind {
	BF_DBERR_OTHER = 0,
	BF_DBERR_FULL,          /* the disk is full (or a file-size limit) */
	BF_DBERR_READONLY,      /* the file, folder or mount is read-only */
	BF_DBERR_ONE_OPEN_FILE, /* schema/015_open_person.sql refused a person */
};

typedef struct bf_stmt {
	sqlite3_stmt *s;
	bf_db *db;
} bf_stmt;

enum bf_db_open_flags {
	BF_DB_CREATE = 1 << 0,   /* create the file (and its folder) if missing */
	BF_DB_READONLY = 1 << 1, /* open read-only (check) */
	BF_DB_INIT = 1 << 2,     /* init/demo: an existing empty file may become ours */
};

/* Open and configure a connection: WAL, synchronous=FULL, foreign_keys=ON,
 * busy timeout, our SQL functions. Does not migrate (see schema.h). */
int bf_db_open(bf_db *db, const char *path, int flags, bf_error *err);
/* Finalizes any statements still open (reporting them on stderr in debug
 * builds) and closes. Safe on a zeroed or closed bf_db. */
void bf_db_close(bf_db *db);

/* Run SQL with no results (may be several statements). 0 on success. */
int bf_db_exec(bf_db *db, const char *sql);
/* " WHERE c0 AND c1 ..." for the k conditions, or "" when there are none
 * (so that a bare count(*) stays SQLite's fast count). */
void bf_sql_where(const char *const *cond, int k, char *buf, size_t n);

/* A number that changes whenever the data may have: rows this connection
 * wrote (sqlite3_total_changes64) and commits by other connections (PRAGMA
 * data_version). Cheap (no table is read): screens compare it to decide
 * whether to read their rows again. 0 on a closed database. */
uint64_t bf_db_generation(bf_db *db);

int bf_db_prepare(bf_db *db, bf_stmt *st, const char *sql);
/* Bind by name (":name"); a missing name is a programming error reported in
 * errmsg and returns non-zero. text NULL binds NULL. */
int bf_bind_text(bf_stmt *st, const char *name, const char *text);
int bf_bind_int(bf_stmt *st, const char *name, int64_t v);
int bf_bind_null(bf_stmt *st, const char *name);
/* Binds NULL for "" — for optional text columns. */
int bf_bind_text_or_null(bf_stmt *st, const char *name, const char *text);
/* SQLITE_ROW, SQLITE_DONE, or an error code (errmsg has message + SQL). */
int bf_step(bf_stmt *st);
int bf_reset(bf_stmt *st);
void bf_finalize(bf_stmt *st);
/* Column getters; text never returns NULL (NULL reads as ""). */
const char *bf_col_text(bf_stmt *st, int i);
int64_t bf_col_int(bf_stmt *st, int i);
bool bf_col_is_null(bf_stmt *st, int i);
/* Copy column text into a fixed buffer (bf_strlcpy). */
void bf_col_copy(bf_stmt *st, int i, char *dst, size_t n);
/* Bind n bytes as a BLOB. */
int bf_bind_blob(bf_stmt *st, const char *name, const void *data, size_t n);
/* Copy a BLOB column of exactly n bytes into dst; returns its length (dst
 * is left alone when that is not n). */
size_t bf_col_blob(bf_stmt *st, int i, void *dst, size_t n);

/* One-shot queries: a single integer / text from the first row. */
int bf_db_int(bf_db *db, const char *sql, int64_t *out);
/* PRAGMA wal_checkpoint(TRUNCATE) without waiting for other connections
 * (no busy handler for it): 0 when the WAL was copied back and emptied, 1
 * when another connection kept it from finishing (*main: frames not yet in
 * the database file; *wal: the -wal file still holds frames), -1 error. */
int bf_db_checkpoint_now(bf_db *db, bool *main, bool *wal);

/* Write transactions: always BEGIN IMMEDIATE. Another connection's lock is
 * waited for (10 s, or as long as a long write's note says: see
 * bf_db_begin_long); a wait that gives up sets errmsg naming the holder.
 * Nested begins are an error that names where the open one began. */
int bf_db_begin_at(bf_db *db, const char *where);
#define BF_STR2(x) #x
#define BF_STR(x) BF_STR2(x)
#define bf_db_begin(db) bf_db_begin_at((db), __FILE__ ":" BF_STR(__LINE__))
int bf_db_commit(bf_db *db);
/* Inside the open write transaction: fresh planner statistics of these
 * tables (a sampled ANALYZE, as schema/021's), after an import that added
 * many rows; rolled back with it, so a refused import changes nothing.
 * (Not at close: a PRAGMA optimize there re-analyzes the audit log that a
 * refused command still writes to, and the refusal becomes a change.) */
int bf_db_analyze(bf_db *db, const char *const *tables, size_t n);
void bf_db_rollback(bf_db *db);

/* A write that holds the lock for long (an import of thousands of files):
 * bf_db_begin_long writes a holder note beside the database (PATH-writer,
 * mode 0600: who, what, since, estimated end, our process) and then
 * begins; commit or rollback removes it. Another operator's write waits
 * while the note's holder is alive and not long past its estimated end
 * (instead of failing after the usual 10 s), is told now and then "王会计
 * is importing 4,000 files, about 10 s left" (busy_notify), and a wait that
 * ends anyway names the holder. what: "importing 4,000 files", in the
 * operator's words; est_seconds: the expected length. */
int bf_db_begin_long_at(bf_db *db, const char *what, double est_seconds, const char *where);
#define bf_db_begin_long(db, what, est) \
	bf_db_begin_long_at((db), (what), (est), __FILE__ ":" BF_STR(__LINE__))
/* A new estimate of the time left, while the long write goes on. */
void bf_db_long_progress(bf_db *db, double left_seconds);

/* The holder note of the database at path: 0 and *h filled when a live
 * process holds it, 1 when there is none (or its writer is gone). */
struct bf_db_holder {
	char who[128], what[160];
	long long since, until; /* seconds since the epoch */
	long pid;
};
int bf_db_holder_read(const char *path, struct bf_db_holder *h);
/* "王会计 is importing 4,000 files, about 10 s left" (or "… for 25 s now"
 * once past the estimate). */
void bf_db_holder_text(const struct bf_db_holder *h, long long now, char *out, size_t n);
/* Begin a write transaction, or join the caller's: *own tells which. Then
 * bf_db_finish commits (rc 0) or rolls back what this call began, and
 * leaves the caller's transaction to the caller. Returns rc, or -1 when
 * the commit fails (err says why). */
int bf_db_join_at(bf_db *db, bool *own, const char *where, bf_error *err);
#define bf_db_join(db, own, err) bf_db_join_at((db), (own), __FILE__ ":" BF_STR(__LINE__), (err))
int bf_db_finish(bf_db *db, bool own, int rc, bf_error *err);

/* Copy db->errmsg into err (for returning to callers). */
void bf_db_error(bf_db *db, bf_error *err);

/* The operator recorded by the audit triggers (bf_actor() in SQL). */
void bf_db_set_actor(bf_db *db, const char *name);

/* What an audit insert entry keeps of a sealed value (vault.h, "bf1:..."
 * of len bytes) since schema 027: "bf1#" and the first 16 bytes of its SHA-256 in
 * URL-safe base64, 26 characters and the NUL. It names the ciphertext (the
 * replay compares it with the column's) and holds nothing of the plain
 * value. bf_audit_image() in SQL writes it for every sealed value. */
#define BF_SEALED_DIGEST_SIZE 27
void bf_sealed_digest(const char *sealed, size_t len, char out[BF_SEALED_DIGEST_SIZE]);

/* SHA-256 as lowercase hex (65 bytes with the NUL) — bf_sha256() in SQL
 * hashes its arguments with their types and lengths (see db.c). */
void bf_sha256_hex(const void *data, size_t len, char out[65]);

#endif
