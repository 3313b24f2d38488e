/* db.c — SQLite wrapper: named binds, errors that show the SQL, and write
 * transactions that remember where they began. */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "bangfu/db.h"
#include "bangfu/district_store.h"
#include "bangfu/outfile.h"
#include "bangfu/vault.h"
#include "bangfu/pinyin.h"

/* The folder a file is in ("." for a bare name). */
static void folder_of(const char *path, char *dir, size_t n)
{
	bf_strlcpy(dir, path, n);
	char *slash = strrchr(dir, '/');
	if (slash)
		*(slash == dir ? slash + 1 : slash) = '\0';
	else
		bf_strlcpy(dir, ".", n);
}

/* Next to no room left where path is (under 4 MiB), or a file-size limit
 * set (ulimit -f). */
static bool little_room(const char *path)
{
	struct rlimit rl;
	if (getrlimit(RLIMIT_FSIZE, &rl) == 0 && rl.rlim_cur != RLIM_INFINITY)
		return true;
	char dir[1024];
	folder_of(path, dir, sizeof dir);
	struct statvfs vs;
	return statvfs(dir, &vs) == 0 && (uint64_t)vs.f_bavail * vs.f_frsize < (4u << 20);
}

/* What happened, in a clerk's words, for the errors a clerk can act on (a
 * read-only file, folder or mount; a full disk; the one-open-file rule);
 * NULL for the others. */
static const char *plain_error(bf_db *db, char *buf, size_t n, int *kind)
{
	*kind = BF_DBERR_OTHER;
	if (!db->h)
		return NULL;
	int code = sqlite3_extended_errcode(db->h), primary = code & 0xff;
	/* the system's errno counts only for an I/O error (it may be stale) */
	int sys =
	    primary == SQLITE_IOERR || primary == SQLITE_CANTOPEN ? sqlite3_system_errno(db->h) : 0;
	/* (errno may be lost on the way: a write that failed on a disk with
	 * almost no room left, or past a file-size limit, counts as full) */
	bool write_failed = code == SQLITE_IOERR_WRITE || code == SQLITE_IOERR_FSYNC ||
	                    code == SQLITE_IOERR_TRUNCATE;
	if (primary == SQLITE_FULL || sys == ENOSPC || sys == EFBIG ||
	    (write_failed && sys == 0 && little_room(db->path))) {
		*kind = BF_DBERR_FULL;
		snprintf(buf, n,
		         _("the disk is full: nothing was saved. Free some space on the disk "
		           "that holds %s (or move the database to a larger disk), then try "
		           "again"),
		         db->path);
		return buf;
	}
	if (primary == SQLITE_READONLY || sys == EROFS || sys == EACCES || sys == EPERM) {
		*kind = BF_DBERR_READONLY;
		snprintf(buf, n,
		         _("%s cannot be written: the file, its folder or the disk it is on is "
		           "read-only for your account; nothing was saved. Ask whoever looks "
		           "after this computer for write access, or copy the database to a "
		           "folder you can write to"),
		         db->path);
		return buf;
	}
	if (code == SQLITE_CONSTRAINT_PRIMARYKEY && strstr(sqlite3_errmsg(db->h), "open_person")) {
		*kind = BF_DBERR_ONE_OPEN_FILE;
		snprintf(buf, n, "%s",
		         _("one person, one open file: someone in this file is already in "
		           "another open file; nothing was saved"));
		return buf;
	}
	return NULL;
}

/* The message, and the SQL only in debug mode (BANGFU_DEBUG set): on
 * stderr, never in a message a clerk sees. */
static void set_err(bf_db *db, const char *what, const char *sql)
{
	const char *msg = db->h ? sqlite3_errmsg(db->h) : "no database";
	char plain[512];
	const char *p = plain_error(db, plain, sizeof plain, &db->errkind);
	if (p)
		snprintf(db->errmsg, sizeof db->errmsg, "%s", p);
	else if (what)
		snprintf(db->errmsg, sizeof db->errmsg, "%s: %s", what, msg);
	else
		snprintf(db->errmsg, sizeof db->errmsg, "%s", msg);
	if (sql && getenv("BANGFU_DEBUG"))
		fprintf(stderr, "bangfu: %s: %s (code %d, errno %d)\n  SQL: %.600s\n",
		        what ? what : "exec", msg, db->h ? sqlite3_extended_errcode(db->h) : 0,
		        db->h ? sqlite3_system_errno(db->h) : 0, sql);
}

void bf_db_error(bf_db *db, bf_error *err)
{
	bf_error_set(err, "%s", db->errmsg[0] ? db->errmsg : "database error");
}

/* SQL function bf_actor(): the operator, or NULL when none is set. The audit
 * triggers refuse writes without one. */
static void sql_actor(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	bf_db *db = sqlite3_user_data(cx);
	if (db->actor[0] && (!db->actor_pending || db->role))
		sqlite3_result_text(cx, db->actor, -1, SQLITE_TRANSIENT);
	else
		sqlite3_result_null(cx);
}

/* SQL function bf_now(): UTC time as ISO 8601 with seconds. */
static void sql_now(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	char buf[32];
	time_t t = time(NULL);
	struct tm tm;
	gmtime_r(&t, &tm);
	strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
	sqlite3_result_text(cx, buf, -1, SQLITE_TRANSIENT);
}

/* SQL function bf_json_object(key, value, ...): a JSON object like
 * json_object(), except that a pair whose key is NULL is left out (the audit
 * triggers pass NULL for columns that did not change). SQLite 3.40's own JSON
 * functions are not innocuous and so cannot be used by triggers while
 * trusted_schema is OFF. */
static void json_append_string(sqlite3_str *out, const unsigned char *s, int n)
{
	sqlite3_str_appendchar(out, 1, '"');
	for (int i = 0; i < n; i++) {
		unsigned char ch = s[i];
		if (ch == '"' || ch == '\\')
			sqlite3_str_appendf(out, "\\%c", ch);
		else if (ch == '\n')
			sqlite3_str_appendall(out, "\\n");
		else if (ch == '\t')
			sqlite3_str_appendall(out, "\\t");
		else if (ch == '\r')
			sqlite3_str_appendall(out, "\\r");
		else if (ch < 0x20)
			sqlite3_str_appendf(out, "\\u%04x", ch);
		else
			sqlite3_str_appendchar(out, 1, (char)ch);
	}
	sqlite3_str_appendchar(out, 1, '"');
}

void bf_sealed_digest(const char *sealed, size_t len, char out[BF_SEALED_DIGEST_SIZE])
{
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, (const unsigned char *)sealed, len);
	memcpy(out, "bf1#", 4);
	sodium_bin2base64(out + 4, BF_SEALED_DIGEST_SIZE - 4, h, 16,
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

/* bf_json_object, and bf_audit_image (user data non-NULL): the same object
 * with every sealed value ("bf1:...") written as its digest
 * (bf_sealed_digest), which is what an audit insert entry keeps of it since
 * schema 027. */
static void sql_json_object(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	bool digest = sqlite3_user_data(cx) != NULL;
	if (argc % 2 != 0) {
		sqlite3_result_error(cx, "bf_json_object() needs key/value pairs", -1);
		return;
	}
	sqlite3_str *out = sqlite3_str_new(sqlite3_context_db_handle(cx));
	sqlite3_str_appendchar(out, 1, '{');
	bool first = true;
	for (int i = 0; i < argc; i += 2) {
		if (sqlite3_value_type(argv[i]) == SQLITE_NULL)
			continue;
		if (!first)
			sqlite3_str_appendchar(out, 1, ',');
		first = false;
		json_append_string(out, sqlite3_value_text(argv[i]), sqlite3_value_bytes(argv[i]));
		sqlite3_str_appendchar(out, 1, ':');
		sqlite3_value *v = argv[i + 1];
		switch (sqlite3_value_type(v)) {
		case SQLITE_NULL:
			sqlite3_str_appendall(out, "null");
			break;
		case SQLITE_INTEGER:
			sqlite3_str_appendf(out, "%lld", sqlite3_value_int64(v));
			break;
		case SQLITE_FLOAT:
			sqlite3_str_appendf(out, "%!.15g", sqlite3_value_double(v));
			break;
		default: /* text; a blob is written as its bytes */
			if (digest && sqlite3_value_type(v) == SQLITE_TEXT &&
			    !strncmp((const char *)sqlite3_value_text(v), "bf1:", 4)) {
				char d[BF_SEALED_DIGEST_SIZE];
				bf_sealed_digest((const char *)sqlite3_value_text(v),
				                 (size_t)sqlite3_value_bytes(v), d);
				sqlite3_str_appendf(out, "\"%s\"", d);
				break;
			}
			json_append_string(out, sqlite3_value_text(v), sqlite3_value_bytes(v));
			break;
		}
	}
	sqlite3_str_appendchar(out, 1, '}');
	int len = sqlite3_str_length(out);
	char *text = sqlite3_str_finish(out);
	if (!text) {
		sqlite3_result_error_nomem(cx);
		return;
	}
	sqlite3_result_text(cx, text, len, sqlite3_free);
}

/* SQL function bf_sha256(v1, v2, ...): SHA-256, as 64 lowercase hex digits,
 * of its arguments each written as a type byte and then: nothing (NULL), 8
 * bytes big-endian (integer), 8 bytes of length and the bytes (text, blob;
 * a real as its "%!.17g" text). So ('ab', 'c') and ('a', 'bc') differ, and
 * 1 and '1' too. The audit chain (schema/003_accounts.sql) is built on it. */
static void put_u64(crypto_hash_sha256_state *h, uint64_t v)
{
	unsigned char b[8];
	for (int i = 7; i >= 0; i--) {
		b[i] = (unsigned char)(v & 0xff);
		v >>= 8;
	}
	crypto_hash_sha256_update(h, b, sizeof b);
}

static void hash_bytes(crypto_hash_sha256_state *h, char tag, const void *p, size_t n)
{
	unsigned char t = (unsigned char)tag;
	crypto_hash_sha256_update(h, &t, 1);
	put_u64(h, (uint64_t)n);
	if (n)
		crypto_hash_sha256_update(h, p, n);
}

static void to_hex(const unsigned char *d, size_t n, char *out)
{
	static const char digits[] = "0123456789abcdef";
	for (size_t i = 0; i < n; i++) {
		out[2 * i] = digits[d[i] >> 4];
		out[2 * i + 1] = digits[d[i] & 15];
	}
	out[2 * n] = '\0';
}

void bf_sha256_hex(const void *data, size_t len, char out[65])
{
	unsigned char d[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(d, data, len);
	to_hex(d, sizeof d, out);
}

static void sql_sha256(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	crypto_hash_sha256_state h;
	crypto_hash_sha256_init(&h);
	for (int i = 0; i < argc; i++) {
		sqlite3_value *v = argv[i];
		switch (sqlite3_value_type(v)) {
		case SQLITE_NULL: {
			unsigned char t = 'N';
			crypto_hash_sha256_update(&h, &t, 1);
			break;
		}
		case SQLITE_INTEGER: {
			unsigned char t = 'I';
			crypto_hash_sha256_update(&h, &t, 1);
			put_u64(&h, (uint64_t)sqlite3_value_int64(v));
			break;
		}
		case SQLITE_FLOAT: {
			char buf[64];
			sqlite3_snprintf(sizeof buf, buf, "%!.17g", sqlite3_value_double(v));
			hash_bytes(&h, 'F', buf, strlen(buf));
			break;
		}
		case SQLITE_BLOB: {
			const void *p = sqlite3_value_blob(v);
			hash_bytes(&h, 'B', p, (size_t)sqlite3_value_bytes(v));
			break;
		}
		default: {
			const unsigned char *p = sqlite3_value_text(v);
			hash_bytes(&h, 'T', p, (size_t)sqlite3_value_bytes(v));
			break;
		}
		}
	}
	unsigned char d[crypto_hash_sha256_BYTES];
	crypto_hash_sha256_final(&h, d);
	char hex[2 * crypto_hash_sha256_BYTES + 1];
	to_hex(d, sizeof d, hex);
	sqlite3_result_text(cx, hex, -1, SQLITE_TRANSIENT);
}

/* SQL function bf_purging(): 1 inside bf_purge_run, when the audit triggers
 * let the detail of a purged file's rows be blanked (003_accounts.sql). */
static void sql_purging(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	(void)argv;
	bf_db *db = sqlite3_user_data(cx);
	sqlite3_result_int(cx, db->purging ? 1 : 0);
}

/* SQL function bf_pinyin_match(name, query): pinyin initials search. */
static void sql_pinyin_match(sqlite3_context *cx, int argc, sqlite3_value **argv)
{
	(void)argc;
	const char *name = (const char *)sqlite3_value_text(argv[0]);
	const char *q = (const char *)sqlite3_value_text(argv[1]);
	sqlite3_result_int(cx, name && q && bf_pinyin_match(name, q));
}

static int mkdir_parents(const char *path)
{
	char buf[1024];
	if (!bf_strlcpy(buf, path, sizeof buf))
		return -1;
	char *slash = strrchr(buf, '/');
	if (!slash || slash == buf)
		return 0;
	*slash = '\0';
	for (char *p = buf + 1; *p; p++) {
		if (*p == '/') {
			*p = '\0';
			if (mkdir(buf, 0700) != 0 && errno != EEXIST)
				return -1;
			*p = '/';
		}
	}
	if (mkdir(buf, 0700) != 0 && errno != EEXIST)
		return -1;
	return 0;
}

/* The -shm file says the -wal held changes (its header: initialised, with
 * frames), and the -wal is gone: opening would drop those changes without
 * a word. */
static bool wal_missing(const char *path, bf_error *err)
{
	char shm[1100], wal[1100];
	struct stat st;
	snprintf(shm, sizeof shm, "%s-shm", path);
	snprintf(wal, sizeof wal, "%s-wal", path);
	if (stat(wal, &st) == 0 || errno != ENOENT)
		return false;
	FILE *f = fopen(shm, "rb");
	if (!f)
		return false;
	unsigned char hdr[48];
	size_t got = fread(hdr, 1, sizeof hdr, f);
	fclose(f);
	uint32_t mx_frame;
	if (got < sizeof hdr || !hdr[12]) /* isInit */
		return false;
	memcpy(&mx_frame, hdr + 16, sizeof mx_frame); /* native byte order */
	if (mx_frame == 0)
		return false;
	bf_error_set(err,
	             _("%s-wal is missing, but %s-shm says it held the latest changes: "
	               "opening the database now would lose them, so it was not opened. "
	               "Put the -wal file back beside it if you have it (from where the "
	               "database was copied), or restore the database from a backup"),
	             path, path);
	return true;
}

/* The first read failed: say why in words a clerk can act on. */
static void explain_open_error(bf_db *db, const char *path, bf_error *err)
{
	int code = sqlite3_extended_errcode(db->h), primary = code & 0xff;
	char dir[1024];
	folder_of(path, dir, sizeof dir);
	if (primary == SQLITE_NOTADB) {
		bf_error_set(err,
		             _("%s is not a bangfu database (not a database file at all); "
		               "it was not changed"),
		             path);
	} else if ((primary == SQLITE_READONLY || primary == SQLITE_CANTOPEN ||
	            primary == SQLITE_IOERR) &&
	           access(dir, W_OK) != 0) {
		bf_error_set(err,
		             _("the folder %s is read-only for your account (or on a read-only "
		               "disk): bangfu needs to write its journal (%s-wal) beside the "
		               "database. Ask for write access to the folder, or copy the "
		               "database to a folder you can write to"),
		             dir, path);
	} else {
		char plain[512];
		int kind;
		const char *p = plain_error(db, plain, sizeof plain, &kind);
		if (p)
			bf_error_set(err, "%s", p);
		else
			bf_error_set(err, _("%s cannot be read (%s); it was not changed"), path,
			             sqlite3_errmsg(db->h));
	}
}
static int busy_wait(void *ud, int count);

int bf_db_open(bf_db *db, const char *path, int flags, bf_error *err)
{
	memset(db, 0, sizeof *db);
	if (!bf_strlcpy(db->path, path, sizeof db->path)) {
		bf_error_set(err, "database path is too long: %s", path);
		return -1;
	}
	struct stat st;
	bool exists = stat(path, &st) == 0;
	if (!exists && !(flags & BF_DB_CREATE)) {
		bf_error_set(err, "%s: no such database file", path);
		return -1;
	}
	if (exists && !S_ISREG(st.st_mode)) {
		bf_error_set(err, "%s: not a regular file", path);
		return -1;
	}
	if (!exists && mkdir_parents(path) != 0) {
		bf_error_set(err, "%s: cannot create its folder: %s", path, strerror(errno));
		return -1;
	}
	if (exists && wal_missing(path, err))
		return -1;
	int oflags = (flags & BF_DB_READONLY) ? SQLITE_OPEN_READONLY
	                                      : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &db->h, oflags, NULL) != SQLITE_OK) {
		bf_error_set(err, "%s: cannot open: %s", path,
		             db->h ? sqlite3_errmsg(db->h) : "out of memory");
		sqlite3_close(db->h);
		db->h = NULL;
		return -1;
	}
	sqlite3_extended_result_codes(db->h, 1);
	sqlite3_busy_handler(db->h, busy_wait, db);
	/* SQLITE_INNOCUOUS: with trusted_schema=OFF only innocuous functions may
	 * be used by triggers (the audit triggers call both). */
	sqlite3_create_function(db->h, "bf_actor", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, db, sql_actor,
	                        NULL, NULL);
	sqlite3_create_function(db->h, "bf_now", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, NULL, sql_now,
	                        NULL, NULL);
	sqlite3_create_function(db->h, "bf_pinyin_match", 2,
	                        SQLITE_UTF8 | SQLITE_INNOCUOUS | SQLITE_DETERMINISTIC, NULL,
	                        sql_pinyin_match, NULL, NULL);
	sqlite3_create_function(db->h, "bf_json_object", -1,
	                        SQLITE_UTF8 | SQLITE_INNOCUOUS | SQLITE_DETERMINISTIC, NULL,
	                        sql_json_object, NULL, NULL);
	static const char image[] = "bf_audit_image";
	sqlite3_create_function(db->h, image, -1,
	                        SQLITE_UTF8 | SQLITE_INNOCUOUS | SQLITE_DETERMINISTIC,
	                        (void *)image, sql_json_object, NULL, NULL);
	sqlite3_create_function(db->h, "bf_sha256", -1,
	                        SQLITE_UTF8 | SQLITE_INNOCUOUS | SQLITE_DETERMINISTIC, NULL,
	                        sql_sha256, NULL, NULL);
	sqlite3_create_function(db->h, "bf_purging", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS, db,
	                        sql_purging, NULL, NULL);
	bf_vault_register(db);
	bf_dist_register(db);

	/* Reading the header first: a file that is not SQLite fails here, before
	 * anything is written to it. */
	int64_t ignored;
	if (bf_db_int(db, "PRAGMA schema_version", &ignored) != 0) {
		explain_open_error(db, path, err);
		bf_db_close(db);
		return -1;
	}
	/* temp_store=MEMORY: the sorts and temporary tables of a statement stay in
	 * memory, never in a file under /var/tmp (where opened values would land
	 * in the clear), and cost no file I/O (issue 17 measured 3.5x) */
	const char *pragmas =
	    "PRAGMA foreign_keys=ON; PRAGMA synchronous=FULL; PRAGMA cache_size=-8192;"
	    " PRAGMA secure_delete=ON; PRAGMA trusted_schema=OFF; PRAGMA temp_store=MEMORY;";
	if (bf_db_exec(db, pragmas) != 0) {
		bf_db_error(db, err);
		bf_db_close(db);
		return -1;
	}
	return 0;
}

/* WAL is set by the migration step (it writes to the file), not at open, so
 * that opening a file that is not ours writes nothing. */

static void stmt_cache_free(bf_db *db);
void bf_sql_where(const char *const *cond, int k, char *buf, size_t n)
{
	size_t len = 0;
	buf[0] = 0;
	for (int i = 0; i < k && len < n; i++)
		len += (size_t)snprintf(buf + len, n - len, "%s%s", i ? " AND " : " WHERE ", cond[i]);
}

void bf_db_close(bf_db *db)
{
	if (!db || !db->h)
		return;
	stmt_cache_free(db);
	sqlite3_stmt *s;
	while ((s = sqlite3_next_stmt(db->h, NULL)) != NULL) {
#ifndef NDEBUG
		fprintf(stderr, "bangfu: statement left open: %s\n", sqlite3_sql(s));
#endif
		sqlite3_finalize(s);
	}
	if (db->txn_where)
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	sqlite3_close(db->h);
	bf_vault_lock(db);
	db->h = NULL;
	db->txn_where = NULL;
}

uint64_t bf_db_generation(bf_db *db)
{
	if (!db->h)
		return 0;
	uint64_t version = 0;
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v2(db->h, "PRAGMA data_version", -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		version = (uint64_t)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	/* both only grow: the sum does too, and changes with either */
	return version + (uint64_t)sqlite3_total_changes64(db->h) + 1;
}

int bf_db_exec(bf_db *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		set_err(db, NULL, sql);
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

/* The statement cache: a few dozen slots, found by the SQL's hash and
 * text; a statement in use is never handed out twice (the second user
 * gets one of its own, finalized as before). */
enum { STMT_SLOTS = 64 };
struct bf_stmt_cache {
	pthread_mutex_t lock;
	unsigned next; /* the slot to reuse when all are taken */
	struct {
		uint64_t hash;
		char *sql;
		sqlite3_stmt *s;
		bool busy;
	} slot[STMT_SLOTS];
};

static uint64_t sql_hash(const char *sql)
{
	uint64_t h = 1469598103934665603ULL;
	for (const unsigned char *p = (const unsigned char *)sql; *p; p++)
		h = (h ^ *p) * 1099511628211ULL;
	return h;
}

static void stmt_cache_free(bf_db *db)
{
	struct bf_stmt_cache *c = db->stmts;
	if (!c)
		return;
	for (unsigned i = 0; i < STMT_SLOTS; i++) {
		sqlite3_finalize(c->slot[i].s);
		free(c->slot[i].sql);
	}
	pthread_mutex_destroy(&c->lock);
	free(c);
	db->stmts = NULL;
}

/* A cached statement for sql, marked busy; NULL when none is free. */
static sqlite3_stmt *stmt_cache_take(struct bf_stmt_cache *c, uint64_t h, const char *sql)
{
	sqlite3_stmt *s = NULL;
	pthread_mutex_lock(&c->lock);
	for (unsigned i = 0; i < STMT_SLOTS && !s; i++)
		if (c->slot[i].s && !c->slot[i].busy && c->slot[i].hash == h &&
		    !strcmp(c->slot[i].sql, sql)) {
			c->slot[i].busy = true;
			s = c->slot[i].s;
		}
	pthread_mutex_unlock(&c->lock);
	return s;
}

/* Keep s (just prepared from sql, about to be used) in a slot, when one is
 * free or holds an idle statement. */
static void stmt_cache_put(struct bf_stmt_cache *c, uint64_t h, const char *sql, sqlite3_stmt *s)
{
	char *copy = strdup(sql);
	if (!copy)
		return;
	pthread_mutex_lock(&c->lock);
	for (unsigned k = 0; k < STMT_SLOTS; k++) {
		unsigned i = (c->next + k) % STMT_SLOTS;
		if (c->slot[i].busy)
			continue;
		sqlite3_finalize(c->slot[i].s);
		free(c->slot[i].sql);
		c->slot[i].hash = h;
		c->slot[i].sql = copy;
		c->slot[i].s = s;
		c->slot[i].busy = true;
		c->next = (i + 1) % STMT_SLOTS;
		copy = NULL;
		break;
	}
	pthread_mutex_unlock(&c->lock);
	free(copy);
}

/* Give s back to its slot (reset, bindings cleared): true, or false when
 * it is not a cached one. */
static bool stmt_cache_give(struct bf_stmt_cache *c, sqlite3_stmt *s)
{
	bool found = false;
	pthread_mutex_lock(&c->lock);
	for (unsigned i = 0; i < STMT_SLOTS && !found; i++)
		if (c->slot[i].s == s) {
			sqlite3_reset(s);
			sqlite3_clear_bindings(s);
			c->slot[i].busy = false;
			found = true;
		}
	pthread_mutex_unlock(&c->lock);
	return found;
}

int bf_db_prepare(bf_db *db, bf_stmt *st, const char *sql)
{
	st->db = db;
	st->s = NULL;
	if (!sql) { /* a statement made from a description did not fit (coldesc.h) */
		snprintf(db->errmsg, sizeof db->errmsg, "%s", "statement too long");
		return -1;
	}
	if (!db->stmts && (db->stmts = calloc(1, sizeof *db->stmts)) != NULL)
		pthread_mutex_init(&db->stmts->lock, NULL);
	uint64_t h = sql_hash(sql);
	if (db->stmts && (st->s = stmt_cache_take(db->stmts, h, sql)) != NULL)
		return 0;
	if (sqlite3_prepare_v2(db->h, sql, -1, &st->s, NULL) != SQLITE_OK) {
		set_err(db, "prepare", sql);
		st->s = NULL;
		return -1;
	}
	if (db->stmts && st->s)
		stmt_cache_put(db->stmts, h, sql, st->s);
	return 0;
}

static int param_index(bf_stmt *st, const char *name)
{
	int i = sqlite3_bind_parameter_index(st->s, name);
	if (i == 0)
		snprintf(st->db->errmsg, sizeof st->db->errmsg, "no parameter %s\n  SQL: %.600s",
		         name, sqlite3_sql(st->s));
	return i;
}

static int bind_result(bf_stmt *st, int rc)
{
	if (rc != SQLITE_OK) {
		set_err(st->db, "bind", sqlite3_sql(st->s));
		return -1;
	}
	return 0;
}

int bf_bind_text(bf_stmt *st, const char *name, const char *text)
{
	int i = param_index(st, name);
	if (i == 0)
		return -1;
	if (!text)
		return bind_result(st, sqlite3_bind_null(st->s, i));
	return bind_result(st, sqlite3_bind_text(st->s, i, text, -1, SQLITE_TRANSIENT));
}

int bf_bind_blob(bf_stmt *st, const char *name, const void *data, size_t n)
{
	int i = param_index(st, name);
	if (i == 0)
		return -1;
	return bind_result(st, sqlite3_bind_blob64(st->s, i, data, n, SQLITE_TRANSIENT));
}

int bf_bind_text_or_null(bf_stmt *st, const char *name, const char *text)
{
	return bf_bind_text(st, name, (text && text[0]) ? text : NULL);
}

int bf_bind_int(bf_stmt *st, const char *name, int64_t v)
{
	int i = param_index(st, name);
	if (i == 0)
		return -1;
	return bind_result(st, sqlite3_bind_int64(st->s, i, v));
}

int bf_bind_null(bf_stmt *st, const char *name)
{
	int i = param_index(st, name);
	if (i == 0)
		return -1;
	return bind_result(st, sqlite3_bind_null(st->s, i));
}

int bf_step(bf_stmt *st)
{
	int rc = sqlite3_step(st->s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		set_err(st->db, "step", sqlite3_sql(st->s));
	return rc;
}

int bf_reset(bf_stmt *st)
{
	sqlite3_clear_bindings(st->s);
	return sqlite3_reset(st->s) == SQLITE_OK ? 0 : -1;
}

void bf_finalize(bf_stmt *st)
{
	if (st && st->s) {
		if (!st->db || !st->db->stmts || !stmt_cache_give(st->db->stmts, st->s))
			sqlite3_finalize(st->s);
		st->s = NULL;
	}
}

const char *bf_col_text(bf_stmt *st, int i)
{
	const unsigned char *t = sqlite3_column_text(st->s, i);
	return t ? (const char *)t : "";
}

int64_t bf_col_int(bf_stmt *st, int i)
{
	return sqlite3_column_int64(st->s, i);
}

size_t bf_col_blob(bf_stmt *st, int i, void *dst, size_t n)
{
	const void *b = sqlite3_column_blob(st->s, i);
	size_t len = (size_t)sqlite3_column_bytes(st->s, i);
	if (!b || len != n)
		return len;
	memcpy(dst, b, n);
	return len;
}

bool bf_col_is_null(bf_stmt *st, int i)
{
	return sqlite3_column_type(st->s, i) == SQLITE_NULL;
}

void bf_col_copy(bf_stmt *st, int i, char *dst, size_t n)
{
	bf_strlcpy(dst, bf_col_text(st, i), n);
}

int bf_db_checkpoint_now(bf_db *db, bool *main, bool *wal)
{
	int log = 0, done = 0;
	sqlite3_busy_handler(db->h, NULL, NULL);
	int rc = sqlite3_wal_checkpoint_v2(db->h, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
	sqlite3_busy_handler(db->h, busy_wait, db);
	*main = *wal = false;
	if (rc == SQLITE_OK)
		return 0;
	if (rc != SQLITE_BUSY && rc != SQLITE_LOCKED) {
		snprintf(db->errmsg, sizeof db->errmsg, "%s", sqlite3_errmsg(db->h));
		return -1;
	}
	/* a reader's snapshot ends before the last frames: they are not in the
	 * file yet (the file holds the pages as they were); frames left in the
	 * -wal (log > 0) may hold the old text too */
	*main = done < log || log < 0;
	*wal = log != 0;
	return 1;
}

int bf_db_int(bf_db *db, const char *sql, int64_t *out)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st, sql) != 0)
		return -1;
	int rc = bf_step(&st);
	if (rc == SQLITE_ROW)
		*out = bf_col_int(&st, 0);
	else if (rc == SQLITE_DONE)
		*out = 0;
	bf_finalize(&st);
	return (rc == SQLITE_ROW || rc == SQLITE_DONE) ? 0 : -1;
}

/* ---- the write lock: who holds it, and waiting for it ------------------------ */

/* How long a write waits for another's lock when nobody said how long
 * theirs takes; and beyond a holder's own estimate. */
enum { BUSY_PLAIN_MS = 10000, BUSY_GRACE_S = 60, BUSY_MAX_S = 1800 };

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void holder_path(const char *db_path, char *out, size_t n)
{
	snprintf(out, n, "%s-writer", db_path);
}

int bf_db_holder_read(const char *path, struct bf_db_holder *h)
{
	char np[1100], buf[1024];
	memset(h, 0, sizeof *h);
	holder_path(path, np, sizeof np);
	FILE *f = fopen(np, "r");
	if (!f)
		return 1;
	size_t len = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[len] = '\0';
	/* pid TAB since TAB until TAB who TAB what */
	char *field[5] = {0};
	char *p = buf;
	for (int i = 0; i < 5 && p; i++) {
		field[i] = p;
		p = strchr(p, i < 4 ? '\t' : '\n');
		if (p)
			*p++ = '\0';
	}
	if (!field[4])
		return 1;
	h->pid = strtol(field[0], NULL, 10);
	h->since = strtoll(field[1], NULL, 10);
	h->until = strtoll(field[2], NULL, 10);
	bf_strlcpy(h->who, field[3], sizeof h->who);
	bf_strlcpy(h->what, field[4], sizeof h->what);
	/* a writer that is gone (killed) holds nothing */
	if (h->pid <= 0 || (kill((pid_t)h->pid, 0) != 0 && errno == ESRCH))
		return 1;
	return 0;
}

void bf_db_holder_text(const struct bf_db_holder *h, long long now, char *out, size_t n)
{
	if (h->until > now)
		snprintf(out, n, _("%s is %s, about %lld s left"), h->who, h->what, h->until - now);
	else
		snprintf(out, n, _("%s is %s, for %lld s now"), h->who, h->what, now - h->since);
}

/* SQLite's busy handler: 1 = try again, 0 = give up (SQLITE_BUSY). */
static int busy_wait(void *ud, int count)
{
	bf_db *db = ud;
	double t = now_ms();
	if (count == 0)
		db->busy_since_ms = db->busy_told_ms = t;
	double waited = t - db->busy_since_ms;
	struct bf_db_holder h;
	bool known = bf_db_holder_read(db->path, &h) == 0;
	long long now = (long long)time(NULL);
	double limit = BUSY_PLAIN_MS;
	if (known) {
		/* the holder said how long: wait for it, and a grace beyond */
		double until = ((double)(h.until - now) + BUSY_GRACE_S) * 1e3 + waited;
		if (until > limit)
			limit = until < BUSY_MAX_S * 1e3 ? until : BUSY_MAX_S * 1e3;
	}
	if (waited >= limit)
		return 0;
	if (known && db->busy_notify && (count == 0 || t - db->busy_told_ms >= 1000)) {
		char msg[400];
		bf_db_holder_text(&h, now, msg, sizeof msg);
		db->busy_told_ms = t;
		db->busy_notify(db, msg, db->busy_ud);
	}
	usleep(count < 10 ? 5000 : 25000);
	return 1;
}

/* The note a long write leaves beside the database. */
static void holder_write(bf_db *db, const char *what, long long since, double left)
{
	char np[1100], who[128], line[512];
	holder_path(db->path, np, sizeof np);
	bf_strlcpy(who, db->actor[0] ? db->actor : "?", sizeof who);
	bf_stmt st;
	if (db->actor[0] &&
	    bf_db_prepare(db, &st, "SELECT display_name FROM operator WHERE name = :n") == 0) {
		if (bf_bind_text(&st, ":n", db->actor) == 0 && bf_step(&st) == SQLITE_ROW &&
		    bf_col_text(&st, 0)[0])
			bf_col_copy(&st, 0, who, sizeof who);
		bf_finalize(&st);
	}
	int len = snprintf(line, sizeof line, "%ld\t%lld\t%lld\t%s\t%s\n", (long)getpid(), since,
	                   (long long)time(NULL) + (long long)(left + 0.5), who, what);
	bf_error ignored;
	/* best effort: without the note others wait the usual time */
	if (len > 0 && (size_t)len < sizeof line &&
	    bf_outfile_write_file(np, BF_OUTFILE_FORCE, line, (size_t)len, &ignored) == 0)
		db->long_write = true;
}

static void holder_clear(bf_db *db)
{
	if (!db->long_write)
		return;
	char np[1100];
	holder_path(db->path, np, sizeof np);
	unlink(np);
	db->long_write = false;
	db->long_what[0] = '\0';
}

int bf_db_begin_long_at(bf_db *db, const char *what, double est_seconds, const char *where)
{
	if (db->txn_where)
		return bf_db_begin_at(db, where); /* refused, naming the open one */
	bf_strlcpy(db->long_what, what, sizeof db->long_what);
	db->long_since = (long long)time(NULL);
	holder_write(db, what, db->long_since, est_seconds);
	if (bf_db_begin_at(db, where) != 0) {
		holder_clear(db);
		return -1;
	}
	return 0;
}

void bf_db_long_progress(bf_db *db, double left_seconds)
{
	if (db->long_write)
		holder_write(db, db->long_what, db->long_since, left_seconds);
}

/* BEGIN IMMEDIATE gave up waiting: say who holds the lock, not the SQL. */
static void busy_message(bf_db *db)
{
	struct bf_db_holder h;
	if (bf_db_holder_read(db->path, &h) == 0) {
		char who[400];
		bf_db_holder_text(&h, (long long)time(NULL), who, sizeof who);
		snprintf(db->errmsg, sizeof db->errmsg,
		         _("The database is busy: %s. Nothing was written; try again when it "
		           "is done."),
		         who);
	} else {
		snprintf(db->errmsg, sizeof db->errmsg,
		         _("The database is busy: another operator has been writing to it for "
		           "more than %d s. Nothing was written; try again in a moment."),
		         BUSY_PLAIN_MS / 1000);
	}
}

int bf_db_begin_at(bf_db *db, const char *where)
{
	if (db->txn_where) {
		snprintf(db->errmsg, sizeof db->errmsg,
		         "a write transaction is already open (begun at %s) at %s", db->txn_where,
		         where);
		return -1;
	}
	/* A write while nobody is logged in: the CLI logs in now, before the
	 * write lock is taken (accounts.h). */
	if (!db->role && db->login_hook && !db->in_login) {
		db->in_login = true;
		int rc = db->login_hook(db, db->login_ud);
		db->in_login = false;
		if (rc != 0)
			return -1;
	}
	if (bf_db_exec(db, "BEGIN IMMEDIATE") != 0) {
		if ((sqlite3_errcode(db->h) & 0xff) == SQLITE_BUSY)
			busy_message(db);
		return -1;
	}
	db->txn_where = where;
	return 0;
}

int bf_db_commit(bf_db *db)
{
	if (!db->txn_where) {
		snprintf(db->errmsg, sizeof db->errmsg, "commit without a transaction");
		return -1;
	}
	if (bf_db_exec(db, "COMMIT") != 0) {
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		db->txn_where = NULL;
		holder_clear(db);
		return -1;
	}
	db->txn_where = NULL;
	holder_clear(db);
	return 0;
}

int bf_db_analyze(bf_db *db, const char *const *tables, size_t n)
{
	if (bf_db_exec(db, "PRAGMA analysis_limit=1000") != 0)
		return -1;
	for (size_t i = 0; i < n; i++) {
		char sql[96];
		snprintf(sql, sizeof sql, "ANALYZE \"%.64s\"", tables[i]);
		if (bf_db_exec(db, sql) != 0)
			return -1;
	}
	return 0;
}

int bf_db_join_at(bf_db *db, bool *own, const char *where, bf_error *err)
{
	*own = false;
	if (db->txn_where)
		return 0;
	if (bf_db_begin_at(db, where) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	*own = true;
	return 0;
}

int bf_db_finish(bf_db *db, bool own, int rc, bf_error *err)
{
	if (!own)
		return rc;
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

void bf_db_rollback(bf_db *db)
{
	if (db->txn_where) {
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		db->txn_where = NULL;
	}
	holder_clear(db);
}

void bf_db_set_actor(bf_db *db, const char *name)
{
	bf_strlcpy(db->actor, name ? name : "", sizeof db->actor);
}
