/* audit.c — the audit log: list, verify the chain, latest hash, reveals. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>
#include <sodium.h>

#include "bangfu/accounts.h"
#include "bangfu/audit.h"
#include "bangfu/coldesc.h"
#include "bangfu/ident.h"
#include "bangfu/vault.h"

/* ---- listing ------------------------------------------------------------------- */

#define PURGED_DETAIL "{\"purged\":true}"
/* an old entry's detail sealed by the upgrade (schema/018), and what its
 * personal data reads as in the detail left */
#define SEALED_AD "audit_log.detail"
#define REDACTED "***"

static void free_plain(char *p);

/* The WHERE clause for f and `also` (one more condition, or NULL); nothing
 * when there is no condition (a bare count(*) is SQLite's fast count).
 * Binds by name. */
static const char *filter_sql(const struct bf_audit_filter *f, const char *also, char *buf,
                              size_t n)
{
	const char *cond[8];
	int k = 0;
	if (f->actor && f->actor[0])
		cond[k++] = "a.actor = :actor";
	if (f->tbl && f->tbl[0])
		cond[k++] = "a.tbl = :tbl";
	if (f->action && f->action[0])
		cond[k++] =
		    !strcmp(f->action, "reveal") ? "a.tbl = 'reveal_event'" : "a.action = :action";
	if (f->case_id)
		cond[k++] = "a.case_id = :case";
	if (f->since && f->since[0])
		cond[k++] = "a.at >= :since";
	if (f->until && f->until[0])
		cond[k++] = "a.at < date(:until, '+1 day')";
	if (f->text && f->text[0])
		cond[k++] = "instr(a.detail, :text) > 0";
	if (also)
		cond[k++] = also;
	bf_sql_where(cond, k, buf, n);
	return buf;
}

static int bind_filter(bf_stmt *st, const struct bf_audit_filter *f)
{
	int rc = 0;
	if (f->actor && f->actor[0])
		rc |= bf_bind_text(st, ":actor", f->actor);
	if (f->tbl && f->tbl[0])
		rc |= bf_bind_text(st, ":tbl", f->tbl);
	if (f->action && f->action[0] && strcmp(f->action, "reveal") != 0)
		rc |= bf_bind_text(st, ":action", f->action);
	if (f->case_id)
		rc |= bf_bind_int(st, ":case", f->case_id);
	if (f->since && f->since[0])
		rc |= bf_bind_text(st, ":since", f->since);
	if (f->until && f->until[0])
		rc |= bf_bind_text(st, ":until", f->until);
	if (f->text && f->text[0])
		rc |= bf_bind_text(st, ":text", f->text);
	return rc ? -1 : 0;
}

int bf_audit_list(bf_db *db, const struct bf_audit_filter *f,
                  int (*cb)(void *ud, const struct bf_audit_row *r), void *ud, bf_error *err)
{
	if (bf_store_require(db, BF_PERM_AUDIT_VIEW, err) != 0)
		return -1;
	char where[512], sql[1536];
	snprintf(sql, sizeof sql,
	         "SELECT a.id, a.at, a.actor, a.action, a.tbl, a.row_id, a.case_id,"
	         " coalesce(c.number, p.number, ''), a.detail, a.detail_sealed"
	         " FROM audit_log a LEFT JOIN case_file c ON c.id = a.case_id"
	         " LEFT JOIN purged_case p ON p.case_id = a.case_id%s"
	         " ORDER BY a.id %s LIMIT :limit",
	         filter_sql(f,
	                    !f->from_id       ? NULL
	                    : f->oldest_first ? "a.id >= :from"
	                                      : "a.id <= :from",
	                    where, sizeof where),
	         f->oldest_first ? "ASC" : "DESC");
	bf_stmt st;
	if (bf_db_prepare(db, &st, sql) != 0 || bind_filter(&st, f) != 0 ||
	    bf_bind_int(&st, ":limit", f->limit > 0 ? f->limit : -1) != 0 ||
	    (f->from_id && bf_bind_int(&st, ":from", f->from_id) != 0)) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	/* a detail sealed by the upgrade (schema/018) is shown opened to a role
	 * that may reveal, with the key open; its redaction otherwise */
	bf_error no;
	bool open = bf_vault_unlocked(db) && bf_store_require(db, BF_PERM_REVEAL, &no) == 0;
	int rc;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		char *opened = NULL;
		if (open && sqlite3_column_type(st.s, 9) != SQLITE_NULL) {
			char rowkey[24];
			snprintf(rowkey, sizeof rowkey, "%lld", (long long)bf_col_int(&st, 0));
			if (bf_vault_open(db, bf_col_text(&st, 9), SEALED_AD, rowkey, &opened,
			                  &no) != 0)
				opened = NULL; /* damaged: audit verify names it */
		}
		struct bf_audit_row r = {
		    .id = bf_col_int(&st, 0),
		    .at = bf_col_text(&st, 1),
		    .actor = bf_col_text(&st, 2),
		    .action = bf_col_text(&st, 3),
		    .tbl = bf_col_text(&st, 4),
		    .row_id = bf_col_int(&st, 5),
		    .case_id = bf_col_int(&st, 6),
		    .case_number = bf_col_text(&st, 7),
		    .detail = opened ? opened : bf_col_text(&st, 8),
		};
		int stop = cb(ud, &r);
		free_plain(opened);
		if (stop != 0) {
			rc = SQLITE_DONE;
			break;
		}
	}
	if (rc != SQLITE_DONE)
		bf_db_error(db, err);
	bf_finalize(&st);
	return rc == SQLITE_DONE ? 0 : -1;
}

int bf_audit_seek(bf_db *db, const struct bf_audit_filter *f, int64_t anchor, int64_t steps,
                  int64_t *id, bf_error *err)
{
	*id = 0;
	if (bf_store_require(db, BF_PERM_AUDIT_VIEW, err) != 0)
		return -1;
	if (steps == 0) {
		*id = anchor;
		return 0;
	}
	bool up = f->oldest_first == (steps > 0); /* ids growing */
	char where[512], sql[900];
	snprintf(sql, sizeof sql, "SELECT a.id FROM audit_log a%s ORDER BY a.id %s LIMIT :k",
	         filter_sql(f,
	                    !anchor ? NULL
	                    : up    ? "a.id > :anchor"
	                            : "a.id < :anchor",
	                    where, sizeof where),
	         up ? "ASC" : "DESC");
	bf_stmt st;
	if (bf_db_prepare(db, &st, sql) != 0 || bind_filter(&st, f) != 0 ||
	    bf_bind_int(&st, ":k", steps > 0 ? steps : -steps) != 0 ||
	    (anchor && bf_bind_int(&st, ":anchor", anchor) != 0)) {
		bf_db_error(db, err);
		bf_finalize(&st);
		return -1;
	}
	int rc;
	int64_t n = 0, last = 0;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		last = bf_col_int(&st, 0);
		n++;
	}
	if (rc != SQLITE_DONE)
		bf_db_error(db, err);
	bf_finalize(&st);
	if (n == (steps > 0 ? steps : -steps))
		*id = last;
	return rc == SQLITE_DONE ? 0 : -1;
}

int64_t bf_audit_count(bf_db *db, const struct bf_audit_filter *f, bf_error *err)
{
	if (bf_store_require(db, BF_PERM_AUDIT_VIEW, err) != 0)
		return -1;
	char where[512], sql[768];
	snprintf(sql, sizeof sql, "SELECT count(*) FROM audit_log a%s",
	         filter_sql(f, NULL, where, sizeof where));
	bf_stmt st;
	int64_t n = -1;
	if (bf_db_prepare(db, &st, sql) == 0 && bind_filter(&st, f) == 0 &&
	    bf_step(&st) == SQLITE_ROW)
		n = bf_col_int(&st, 0);
	if (n < 0)
		bf_db_error(db, err);
	bf_finalize(&st);
	return n;
}

static void append(char *out, size_t n, size_t *len, const char *s, size_t slen)
{
	if (*len + 1 >= n)
		return;
	size_t room = n - 1 - *len;
	bool cut = slen > room;
	if (cut) {
		slen = room;
		/* not inside a UTF-8 character */
		while (slen > 0 && ((unsigned char)s[slen] & 0xC0) == 0x80)
			slen--;
	}
	memcpy(out + *len, s, slen);
	out[*len + slen] = '\0';
	*len = cut ? n - 1 : *len + slen; /* cut short: nothing more after it */
}

void bf_audit_mask_detail(const char *detail, char *out, size_t n)
{
	static const struct {
		const char *key;
		void (*mask)(const char *, char *, size_t);
	} keys[] = {
	    {"\"id_number\":\"", bf_mask_id},
	    {"\"bank_card\":\"", bf_mask_bank},
	    {"\"phone\":\"", bf_mask_phone},
	};
	if (n == 0)
		return;
	out[0] = '\0';
	size_t len = 0;
	const char *p = detail ? detail : "";
	while (*p) {
		bool masked = false;
		for (size_t k = 0; k < BF_ARRAY_LEN(keys) && !masked; k++) {
			size_t kl = strlen(keys[k].key);
			if (strncmp(p, keys[k].key, kl) != 0)
				continue;
			const char *v = p + kl, *e = v;
			while (*e && *e != '"')
				e += (*e == '\\' && e[1]) ? 2 : 1;
			if (*e != '"')
				break;
			char value[128], m[160];
			size_t vl =
			    (size_t)(e - v) < sizeof value - 1 ? (size_t)(e - v) : sizeof value - 1;
			memcpy(value, v, vl);
			value[vl] = '\0';
			keys[k].mask(value, m, sizeof m);
			append(out, n, &len, p, kl);
			append(out, n, &len, m, strlen(m));
			append(out, n, &len, "\"", 1);
			p = e + 1;
			masked = true;
		}
		if (!masked) {
			append(out, n, &len, p, 1);
			p++;
		}
	}
}

/* One value of a detail as a reader sees it: a sealed value (its ciphertext,
 * or since schema 027 its digest) as "****", a redacted one as "***", an ID, bank or
 * phone number masked, a string as it is, anything else as JSON. */
static void value_text(const char *key, json_t *v, char *out, size_t n)
{
	static const struct {
		const char *key;
		void (*mask)(const char *, char *, size_t);
	} masked[] = {
	    {"id_number", bf_mask_id}, {"bank_card", bf_mask_bank}, {"phone", bf_mask_phone}};
	if (!json_is_string(v)) {
		char *j = json_dumps(v, JSON_COMPACT | JSON_ENCODE_ANY);
		bf_strlcpy(out, j ? j : "?", n);
		free(j);
		return;
	}
	const char *s = json_string_value(v);
	if (!strncmp(s, "bf1:", 4) || !strncmp(s, "bf1#", 4)) {
		bf_strlcpy(out, "****", n); /* as the masks show one (ident.h) */
		return;
	}
	for (size_t k = 0; k < BF_ARRAY_LEN(masked); k++)
		if (!strcmp(key, masked[k].key) && strcmp(s, REDACTED) != 0) {
			masked[k].mask(s, out, n);
			return;
		}
	bf_strlcpy(out, s, n);
}

void bf_audit_detail_text(const char *detail, char *out, size_t n)
{
	json_t *root = detail ? json_loads(detail, 0, NULL) : NULL;
	json_t *o = json_object_get(root, "old"), *nw = json_object_get(root, "new");
	if (n == 0 || !json_is_object(o) || !json_is_object(nw)) {
		json_decref(root);
		bf_audit_mask_detail(detail, out, n);
		return;
	}
	out[0] = '\0';
	size_t len = 0;
	/* the changed columns: every key of new, then those only old has */
	for (int part = 0; part < 2; part++) {
		const char *key;
		json_t *v;
		json_object_foreach(part ? o : nw, key, v)
		{
			if (part && json_object_get(nw, key))
				continue;
			json_t *was = json_object_get(o, key), *is = json_object_get(nw, key);
			char a[160], b[160];
			value_text(key, was ? was : json_null(), a, sizeof a);
			value_text(key, is ? is : json_null(), b, sizeof b);
			if (len)
				append(out, n, &len, "; ", 2);
			append(out, n, &len, key, strlen(key));
			append(out, n, &len, ": ", 2);
			append(out, n, &len, a, strlen(a));
			append(out, n, &len, " \u2192 ", strlen(" \u2192 "));
			append(out, n, &len, b, strlen(b));
		}
	}
	json_decref(root);
}

/* ---- old entries sealed (the upgrade) ------------------------------------------------ */

/* Is key: v of a tbl row personal data, written plain (an entry from before
 * the column was sealed)? The sealed columns (coldesc.h), and the member
 * columns the upgrade clears to neutral values (schema/017, coldesc.c),
 * when not neutral: replaced by the upgrade, so the replay's last image of
 * a row is the same with or without them. */
static bool plain_personal(const char *tbl, const char *key, json_t *v)
{
	if (json_is_null(v))
		return false;
	const char *s = json_is_string(v) ? json_string_value(v) : NULL;
	if (s &&
	    (!s[0] || !strncmp(s, "bf1:", 4) || !strncmp(s, "bf1#", 4) || !strcmp(s, REDACTED)))
		return false;
	if (bf_coldesc_sealed(tbl, key))
		return true;
	if (strcmp(tbl, "member") != 0)
		return false;
	static const struct {
		const char *key, *neutral; /* NULL: any value */
	} cleared[] = {{"birth_date", NULL},
	               {"health", "good"},
	               {"disability", "none"},
	               {"diagnosis_year", "0"},
	               {"disability_grade", "0"}};
	for (size_t i = 0; i < BF_ARRAY_LEN(cleared); i++) {
		if (strcmp(key, cleared[i].key) != 0)
			continue;
		if (!cleared[i].neutral)
			return true;
		if (json_is_integer(v))
			return json_integer_value(v) != atoll(cleared[i].neutral);
		return !s || strcmp(s, cleared[i].neutral) != 0;
	}
	return false;
}

static size_t redact_object(const char *tbl, json_t *o)
{
	size_t n = 0;
	const char *key;
	json_t *v;
	json_object_foreach(o, key, v)
	{
		if (plain_personal(tbl, key, v)) {
			json_object_set_new(o, key, json_string(REDACTED));
			n++;
		}
	}
	return n;
}

/* The detail of a tbl entry with its plain personal data replaced by "***"
 * (an insert's or delete's row, an update's old and new): malloc'd, or
 * NULL when it holds none (or is not JSON, or out of memory: *oom). */
static char *redact(const char *tbl, const char *detail, bool *oom)
{
	*oom = false;
	json_t *root = json_loads(detail, 0, NULL);
	if (!json_is_object(root)) {
		json_decref(root);
		return NULL;
	}
	size_t n = redact_object(tbl, root);
	static const char *const parts[] = {"old", "new"};
	for (size_t i = 0; i < BF_ARRAY_LEN(parts); i++) {
		json_t *o = json_object_get(root, parts[i]);
		if (json_is_object(o))
			n += redact_object(tbl, o);
	}
	char *out = n ? json_dumps(root, JSON_COMPACT) : NULL;
	*oom = n && !out;
	json_decref(root);
	return out;
}

/* One entry to seal: its id, the plain detail and its redaction. */
struct old_entry {
	int64_t id;
	char *detail, *redacted;
};

static void old_entries_free(struct old_entry *e, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (e[i].detail)
			sodium_memzero(e[i].detail, strlen(e[i].detail));
		free(e[i].detail);
		free(e[i].redacted);
	}
	free(e);
}

/* The next batch of entries after *after that hold plain personal data. */
static int old_batch(bf_db *db, const char *in_tables, int64_t *after, struct old_entry **out,
                     size_t *n)
{
	*out = NULL;
	*n = 0;
	char sql[2048];
	snprintf(sql, sizeof sql,
	         "SELECT id, tbl, detail FROM audit_log WHERE id > :after"
	         " AND detail_sealed IS NULL AND detail <> '" PURGED_DETAIL "'"
	         " AND tbl IN (%s) ORDER BY id LIMIT 500",
	         in_tables);
	bf_stmt st;
	if (bf_db_prepare(db, &st, sql) != 0 || bf_bind_int(&st, ":after", *after) != 0) {
		bf_finalize(&st);
		return -1;
	}
	size_t cap = 0;
	int rc;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		*after = bf_col_int(&st, 0);
		bool oom;
		char *red = redact(bf_col_text(&st, 1), bf_col_text(&st, 2), &oom);
		struct old_entry *e = red ? bf_push(out, &cap, n, sizeof **out) : NULL;
		if (e) {
			e->id = *after;
			e->redacted = red;
			e->detail = strdup(bf_col_text(&st, 2));
		}
		if (oom || (red && (!e || !e->detail))) {
			if (!e)
				free(red);
			rc = SQLITE_NOMEM;
			break;
		}
	}
	bf_finalize(&st);
	if (rc != SQLITE_DONE) {
		if (rc == SQLITE_NOMEM)
			snprintf(db->errmsg, sizeof db->errmsg, "%s", _("out of memory"));
		old_entries_free(*out, *n);
		*out = NULL;
		*n = 0;
		return -1;
	}
	/* none left when a whole batch was read without a row: *after says */
	return 0;
}

int bf_audit_seal_old(bf_db *db, bf_error *err)
{
	if (!bf_vault_unlocked(db)) {
		bf_error_set(err, "%s", _("personal data is locked: log in first"));
		return -1;
	}
	/* the tables with sealed columns (coldesc.h) */
	char in_tables[1024] = "";
	for (size_t t = 0; t < bf_sealed_table_count; t++) {
		size_t len = strlen(in_tables);
		snprintf(in_tables + len, sizeof in_tables - len, "%s'%s'", t ? ", " : "",
		         bf_sealed_tables[t].table);
	}
	bf_stmt up;
	if (bf_db_prepare(db, &up,
	                  "UPDATE audit_log SET detail = :red, detail_sealed = :sealed"
	                  " WHERE id = :id AND detail_sealed IS NULL") != 0) {
		bf_db_error(db, err);
		return -1;
	}
	int64_t after = 0, first = 0, last = 0, total = 0, maxid = 0;
	int rc = 0;
	/* how far, told by id of the log's last: a count would read it all */
	if (db->seal_progress && bf_db_int(db, "SELECT max(id) FROM audit_log", &maxid) != 0) {
		bf_finalize(&up);
		bf_db_error(db, err);
		return -1;
	}
	for (;;) {
		struct old_entry *e;
		size_t n;
		int64_t before = after;
		if (old_batch(db, in_tables, &after, &e, &n) != 0) {
			rc = -1;
			break;
		}
		for (size_t i = 0; i < n && rc == 0; i++) {
			char rowkey[24], *sealed = NULL;
			snprintf(rowkey, sizeof rowkey, "%lld", (long long)e[i].id);
			if (bf_vault_seal(db, e[i].detail, SEALED_AD, rowkey, &sealed, err) != 0) {
				rc = -2;
				break;
			}
			if (bf_bind_text(&up, ":red", e[i].redacted) != 0 ||
			    bf_bind_text(&up, ":sealed", sealed) != 0 ||
			    bf_bind_int(&up, ":id", e[i].id) != 0 || bf_step(&up) != SQLITE_DONE)
				rc = -1;
			sqlite3_reset(up.s);
			free(sealed);
			if (rc == 0) {
				first = first ? first : e[i].id;
				last = e[i].id;
				total++;
			}
		}
		old_entries_free(e, n);
		if (rc == 0 && !bf_progress_tell(db->seal_progress, db->seal_ud,
		                                 (size_t)(after == before ? maxid : after),
		                                 (size_t)maxid, err))
			rc = -2;
		if (rc != 0 || after == before)
			break;
	}
	bf_finalize(&up);
	if (rc == 0 && total > 0) {
		/* one entry says it (the log's own rows are not replayed) */
		bf_stmt st;
		if (bf_db_prepare(
		        db, &st,
		        "INSERT INTO audit_log (at, actor, action, tbl, detail)"
		        " VALUES (bf_now(), bf_actor(), 'update', 'audit_log',"
		        " json_object('sealed_entries', :n, 'first', :first, 'last', :last))") !=
		        0 ||
		    bf_bind_int(&st, ":n", total) != 0 || bf_bind_int(&st, ":first", first) != 0 ||
		    bf_bind_int(&st, ":last", last) != 0 || bf_step(&st) != SQLITE_DONE)
			rc = -1;
		bf_finalize(&st);
	}
	if (rc == -1)
		bf_db_error(db, err);
	return rc == 0 ? 0 : -1;
}

/* ---- the lean triggers (schema 027) ----------------------------------------------------- */

int bf_audit_lean_triggers(bf_db *db)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT name, sql FROM sqlite_schema WHERE type = 'trigger'"
	                  " AND name LIKE '%\\_audit\\_insert' ESCAPE '\\'"
	                  " AND instr(sql, 'bf_json_object(') > 0 ORDER BY name") != 0)
		return -1;
	/* read them all first: the schema cannot change under a running query */
	struct trig {
		char *name, *sql;
	} *t = NULL;
	size_t cap = 0, nt = 0;
	int rc;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		struct trig *e = bf_push(&t, &cap, &nt, sizeof *t);
		if (!e || !(e->name = strdup(bf_col_text(&st, 0))) ||
		    !(e->sql = strdup(bf_col_text(&st, 1)))) {
			if (e)
				nt--, free(e->name);
			rc = SQLITE_NOMEM;
			break;
		}
	}
	bf_finalize(&st);
	if (rc == SQLITE_NOMEM)
		snprintf(db->errmsg, sizeof db->errmsg, "%s", _("out of memory"));
	static const char from[] = "bf_json_object(", to[] = "bf_audit_image(";
	_Static_assert(sizeof from == sizeof to, "replaced in place");
	for (size_t i = 0; i < nt && rc == SQLITE_DONE; i++) {
		for (char *p = strstr(t[i].sql, from); p; p = strstr(p, from))
			memcpy(p, to, sizeof to - 1);
		char drop[160];
		snprintf(drop, sizeof drop, "DROP TRIGGER \"%.120s\"", t[i].name);
		if (bf_db_exec(db, drop) != 0 || bf_db_exec(db, t[i].sql) != 0)
			rc = SQLITE_ERROR;
	}
	for (size_t i = 0; i < nt; i++)
		free(t[i].name), free(t[i].sql);
	free(t);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* ---- the chain ------------------------------------------------------------------------- */

static const char *const guard_triggers[] = {
    "audit_log_no_update",   "audit_log_no_delete",   "audit_log_chain",
    "audit_chain_no_update", "audit_chain_no_delete",
};

static void add_break(struct bf_audit_report *rep, enum bf_audit_problem kind, int64_t row,
                      int64_t after, const char *what)
{
	rep->problems++;
	if (rep->nbreaks >= BF_AUDIT_MAX_BREAKS)
		return;
	struct bf_audit_break *b = &rep->breaks[rep->nbreaks++];
	b->kind = kind;
	b->row_id = row;
	b->after_id = after;
	bf_strlcpy(b->what, what ? what : "", sizeof b->what);
}

static int check_triggers(bf_db *db, struct bf_audit_report *rep)
{
	for (size_t i = 0; i < BF_ARRAY_LEN(guard_triggers); i++) {
		bf_stmt st;
		if (bf_db_prepare(db, &st,
		                  "SELECT count(*) FROM sqlite_schema WHERE type = 'trigger'"
		                  " AND name = :n") != 0)
			return -1;
		int64_t n = 0;
		if (bf_bind_text(&st, ":n", guard_triggers[i]) == 0 && bf_step(&st) == SQLITE_ROW)
			n = bf_col_int(&st, 0);
		else {
			bf_finalize(&st);
			return -1;
		}
		bf_finalize(&st);
		if (n == 0)
			add_break(rep, BF_AUDIT_TRIGGER_MISSING, 0, 0, guard_triggers[i]);
	}
	return 0;
}

/* ---- the replay ---------------------------------------------------------------------
 *
 * The log holds every audited row's image: an insert the whole row, an
 * update the columns that changed, a delete the row gone. Folded in order,
 * it gives each row's last audited image; the table's current row must
 * equal it, column by column. A row changed, added or deleted with the
 * triggers off (sqlite3 -cmd ".dbconfig enable_trigger off") differs, and
 * so does one whose log rows were cut off the end (a truncation): named
 * with its table, row and field. Rows written before their table was
 * audited (the migrations' seed rows) have no image and are not judged; a
 * purged file's rows are gone with their images. */

/* Does the column value (sqlite) equal the image's JSON value? */
static bool same_value(bf_stmt *st, int col, json_t *v)
{
	sqlite3_stmt *s = st->s;
	switch (sqlite3_column_type(s, col)) {
	case SQLITE_NULL:
		return json_is_null(v);
	case SQLITE_INTEGER:
		if (json_is_integer(v))
			return json_integer_value(v) == sqlite3_column_int64(s, col);
		if (json_is_real(v))
			return json_real_value(v) == (double)sqlite3_column_int64(s, col);
		if (json_is_boolean(v))
			return (json_is_true(v) ? 1 : 0) == sqlite3_column_int64(s, col);
		return false;
	case SQLITE_FLOAT: {
		if (!json_is_number(v))
			return false;
		double a = json_number_value(v), b = sqlite3_column_double(s, col);
		return a == b || (a - b < 1e-9 && b - a < 1e-9);
	}
	case SQLITE_TEXT: {
		if (!json_is_string(v))
			return false;
		const char *img = json_string_value(v),
		           *now = (const char *)sqlite3_column_text(s, col);
		/* since schema 027 the log keeps a sealed value as its digest */
		if (!strncmp(img, "bf1#", 4) && !strncmp(now, "bf1:", 4)) {
			char d[BF_SEALED_DIGEST_SIZE];
			bf_sealed_digest(now, (size_t)sqlite3_column_bytes(s, col), d);
			return !strcmp(d, img);
		}
		return !strcmp(img, now);
	}
	default: /* blobs are not in the images */
		return true;
	}
}

static int replay_table(bf_db *db, const char *tbl, struct bf_audit_report *rep)
{
	/* the last image of each row: key row id, value the object (or null:
	 * unknown, a purged row's) */
	json_t *images = json_object();
	if (!images)
		return -1;
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT row_id, action, detail FROM audit_log WHERE tbl = :t"
	                  " AND row_id IS NOT NULL ORDER BY id") != 0 ||
	    bf_bind_text(&st, ":t", tbl) != 0) {
		json_decref(images);
		return -1;
	}
	int rc;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		char key[24];
		snprintf(key, sizeof key, "%lld", (long long)bf_col_int(&st, 0));
		const char *action = bf_col_text(&st, 1);
		if (!strcmp(action, "delete")) {
			json_object_del(images, key);
			continue;
		}
		json_t *d = json_loads(bf_col_text(&st, 2), 0, NULL);
		json_t *img = json_object_get(images, key);
		if (!d || json_object_get(d, "purged")) {
			json_object_set_new(images, key, json_null());
		} else if (!strcmp(action, "insert")) {
			json_object_set(images, key, d);
		} else if (json_is_object(img)) {
			json_object_update(img, json_object_get(d, "new"));
		} else if (!img) {
			/* a row from before its table was audited: what is known of it */
			json_t *n = json_object_get(d, "new");
			if (json_is_object(n))
				json_object_set_new(images, key, json_deep_copy(n));
		}
		json_decref(d);
	}
	bf_finalize(&st);
	if (rc != SQLITE_DONE) {
		json_decref(images);
		return -1;
	}
	/* only the columns the update trigger records can be judged: a column it
	 * leaves out (updated_at, say) changes without a log row */
	char *upd_sql = NULL;
	if (bf_db_prepare(db, &st,
	                  "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = :t"
	                  " AND name LIKE '%\\_audit\\_update' ESCAPE '\\'") == 0) {
		if (bf_bind_text(&st, ":t", tbl) == 0 && bf_step(&st) == SQLITE_ROW)
			upd_sql = strdup(bf_col_text(&st, 0));
		bf_finalize(&st);
	}
	char sql[160];
	snprintf(sql, sizeof sql, "SELECT rowid, * FROM \"%.47s\"", tbl);
	if (bf_db_prepare(db, &st, sql) != 0) {
		json_decref(images);
		free(upd_sql);
		return 0; /* a table without rowid: not judged */
	}
	int ncol = sqlite3_column_count(st.s);
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		int64_t id = bf_col_int(&st, 0);
		char key[24];
		snprintf(key, sizeof key, "%lld", (long long)id);
		json_t *img = json_object_get(images, key);
		if (!img) {
			/* no image: a seed row, unless its table had the row deleted or
			 * the log says nothing of rows it has (checked below) */
			continue;
		}
		if (json_is_object(img)) {
			for (int c = 1; c < ncol; c++) {
				const char *name = sqlite3_column_name(st.s, c);
				json_t *v = json_object_get(img, name);
				char watched[80];
				snprintf(watched, sizeof watched, "OLD.%.31s IS NOT NEW.%.31s",
				         name, name);
				if (upd_sql && !strstr(upd_sql, watched))
					continue;
				if (v && !same_value(&st, c, v)) {
					char what[64];
					snprintf(what, sizeof what, "%.31s.%.31s", tbl, name);
					add_break(rep, BF_AUDIT_ROW_CHANGED, id, 0, what);
				}
			}
		}
		json_object_del(images, key);
	}
	bf_finalize(&st);
	/* what is left has an image but no row: deleted behind the log */
	const char *key;
	json_t *img;
	json_object_foreach(images, key, img)
	{
		if (json_is_object(img)) {
			char what[64];
			snprintf(what, sizeof what, "%.63s", tbl);
			add_break(rep, BF_AUDIT_ROW_GONE, strtoll(key, NULL, 10), 0, what);
		}
	}
	json_decref(images);
	free(upd_sql);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Rows inserted behind the log: above the table's baseline (014_audit.sql:
 * the rows that may predate the log) and never in the log. */
static int replay_unlogged(bf_db *db, const char *tbl, struct bf_audit_report *rep)
{
	char sql[400];
	snprintf(sql, sizeof sql,
	         "SELECT t.rowid FROM \"%.47s\" t JOIN audit_baseline b ON b.tbl = :t"
	         " WHERE t.rowid > b.max_rowid AND NOT EXISTS (SELECT 1 FROM audit_log a"
	         " WHERE a.tbl = :t AND a.row_id = t.rowid) ORDER BY t.rowid",
	         tbl);
	bf_stmt st;
	if (bf_db_prepare(db, &st, sql) != 0)
		return 0;
	int rc = bf_bind_text(&st, ":t", tbl) == 0 ? SQLITE_ROW : SQLITE_ERROR;
	while (rc == SQLITE_ROW && (rc = bf_step(&st)) == SQLITE_ROW)
		add_break(rep, BF_AUDIT_ROW_UNLOGGED, bf_col_int(&st, 0), 0, tbl);
	bf_finalize(&st);
	return rc == SQLITE_DONE ? 0 : -1;
}

/* Does the table's insert trigger log the row's own rowid as row_id (NEW.rowid,
 * or NEW.col where col is the table's INTEGER PRIMARY KEY)? Tables logged by
 * another key (submission_case by its batch) cannot be matched row for row
 * and are not replayed. */
static bool logs_rowid(bf_db *db, const char *tbl)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = :t"
	                  " AND name LIKE '%\\_audit\\_insert' ESCAPE '\\'") != 0)
		return false;
	char col[48] = "";
	if (bf_bind_text(&st, ":t", tbl) == 0 && bf_step(&st) == SQLITE_ROW) {
		char a[64];
		snprintf(a, sizeof a, "'%.47s', NEW.", tbl);
		const char *sql = bf_col_text(&st, 0), *at = strstr(sql, a);
		if (at) {
			at += strlen(a);
			size_t k = 0;
			while (k + 1 < sizeof col &&
			       (at[k] == '_' || (at[k] >= 'a' && at[k] <= 'z')))
				col[k] = at[k], k++;
			col[k] = '\0';
		}
	}
	bf_finalize(&st);
	if (!col[0])
		return false;
	if (!strcmp(col, "rowid"))
		return true;
	int64_t n = 0;
	if (bf_db_prepare(db, &st,
	                  "SELECT (SELECT count(*) FROM pragma_table_info(:t) WHERE pk = 1"
	                  " AND name = :c AND upper(type) = 'INTEGER')"
	                  " AND (SELECT count(*) FROM pragma_table_info(:t) WHERE pk > 1) = 0") !=
	    0)
		return false;
	if (bf_bind_text(&st, ":t", tbl) == 0 && bf_bind_text(&st, ":c", col) == 0 &&
	    bf_step(&st) == SQLITE_ROW)
		n = bf_col_int(&st, 0);
	bf_finalize(&st);
	return n == 1;
}

/* Is the break (kind, row, what) reported already? */
static bool has_break(const struct bf_audit_report *rep, enum bf_audit_problem kind, int64_t row,
                      const char *what)
{
	for (int i = 0; i < rep->nbreaks; i++)
		if (rep->breaks[i].kind == kind && rep->breaks[i].row_id == row &&
		    !strcmp(rep->breaks[i].what, what))
			return true;
	return false;
}

/* A column the store derives from a sealed one (vault.h): the value it
 * holds (NULL: none) against the one its source gives (NULL: none). */
static void judge_derived(struct bf_audit_report *rep, const char *tbl, int64_t row,
                          const char *col, const char *have, const char *want)
{
	if (!have && !want)
		return;
	if (have && want && !strcmp(have, want))
		return;
	char what[64];
	snprintf(what, sizeof what, "%.31s.%.31s", tbl, col);
	if (!has_break(rep, BF_AUDIT_ROW_CHANGED, row, what))
		add_break(rep, BF_AUDIT_ROW_CHANGED, row, 0, what);
}

/* Open the sealed column col of a row (coldesc.h binds it to its table,
 * column and row key); NULL for an empty one, or (with *bad) for one that
 * does not open. Free with free_plain. */
static char *open_col(bf_db *db, const char *tbl, const char *col, const char *sealed,
                      const char *rowkey, bool *bad)
{
	*bad = false;
	if (!sealed || !sealed[0])
		return NULL;
	char ad[64];
	snprintf(ad, sizeof ad, "%.31s.%.31s", tbl, col);
	char *plain = NULL;
	bf_error ignored;
	if (bf_vault_open(db, sealed, ad, rowkey, &plain, &ignored) != 0) {
		*bad = true;
		return NULL;
	}
	return plain;
}

static void free_plain(char *p)
{
	if (p) {
		sodium_memzero(p, strlen(p));
		free(p);
	}
}

/* The columns the store derives from sealed ones and the log does not hold:
 * the blind index and mask of an ID number (id_bidx, id_mask) and a
 * member's birth year (from birth_sealed). The log holds the sealed values
 * themselves (ciphertext, compared as they are by replay_table: a save that
 * changes nothing keeps the old ciphertext); these are judged against what
 * their sealed source opens to, which needs the data key (a login): a row
 * whose derived column was changed behind the store, or whose sealed value
 * no longer opens, is named. Without the key they are not judged. */
static int replay_derived(bf_db *db, const char *tbl, struct bf_audit_report *rep)
{
	const struct bf_sealed_table *t = bf_coldesc_table(tbl);
	if (!t || !bf_coldesc_sealed(tbl, "id_number") || !bf_vault_unlocked(db))
		return 0;
	bool member = !strcmp(tbl, "member");
	char sql[320];
	snprintf(sql, sizeof sql,
	         "SELECT rowid, id_number, CAST(%s AS TEXT), id_bidx, id_mask%s FROM \"%.47s\"",
	         t->rowkey, member ? ", birth_sealed, birth_year" : "", tbl);
	bf_stmt st;
	if (bf_db_prepare(db, &st, sql) != 0)
		return 0; /* no derived columns: nothing to judge */
	int rc;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		int64_t id = bf_col_int(&st, 0);
		const char *rowkey = (const char *)sqlite3_column_text(st.s, 2);
		bool bad;
		char *idn = open_col(db, tbl, "id_number",
		                     (const char *)sqlite3_column_text(st.s, 1), rowkey, &bad);
		char what[64];
		snprintf(what, sizeof what, "%.31s.id_number", tbl);
		if (bad && !has_break(rep, BF_AUDIT_ROW_CHANGED, id, what))
			add_break(rep, BF_AUDIT_ROW_CHANGED, id, 0, what);
		if (!bad) {
			char bidx[33], mask[64];
			bool has = idn && idn[0] && bf_vault_bidx(db, idn, bidx) == 0;
			if (idn && idn[0])
				bf_mask_id(idn, mask, sizeof mask);
			judge_derived(rep, tbl, id, "id_bidx",
			              (const char *)sqlite3_column_text(st.s, 3),
			              has ? bidx : NULL);
			judge_derived(rep, tbl, id, "id_mask",
			              (const char *)sqlite3_column_text(st.s, 4),
			              idn && idn[0] ? mask : NULL);
		}
		free_plain(idn);
		if (!member)
			continue;
		char *birth = open_col(db, tbl, "birth_sealed",
		                       (const char *)sqlite3_column_text(st.s, 5), rowkey, &bad);
		snprintf(what, sizeof what, "%.31s.birth_sealed", tbl);
		if (bad && !has_break(rep, BF_AUDIT_ROW_CHANGED, id, what))
			add_break(rep, BF_AUDIT_ROW_CHANGED, id, 0, what);
		if (!bad) {
			/* as the store writes it (case_store.c): the date's year, or none */
			int by = birth ? atoi(birth) : 0;
			char want[16], have[24];
			snprintf(want, sizeof want, "%d", by);
			snprintf(have, sizeof have, "%lld", (long long)bf_col_int(&st, 6));
			judge_derived(rep, tbl, id, "birth_year",
			              sqlite3_column_type(st.s, 6) == SQLITE_NULL ? NULL : have,
			              by >= 1850 && by <= 2199 ? want : NULL);
		}
		free_plain(birth);
	}
	bf_finalize(&st);
	return rc == SQLITE_DONE ? 0 : -1;
}

static int replay(bf_db *db, struct bf_audit_report *rep)
{
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT DISTINCT tbl_name FROM sqlite_schema WHERE type = 'trigger'"
	                  " AND name LIKE '%\\_audit\\_insert' ESCAPE '\\' ORDER BY tbl_name") != 0)
		return -1;
	char tables[64][48];
	int n = 0, rc;
	while ((rc = bf_step(&st)) == SQLITE_ROW && n < 64)
		bf_col_copy(&st, 0, tables[n++], sizeof tables[0]);
	bf_finalize(&st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return -1;
	for (int i = 0; i < n; i++) {
		if (logs_rowid(db, tables[i]) && (replay_table(db, tables[i], rep) != 0 ||
		                                  replay_unlogged(db, tables[i], rep) != 0))
			return -1;
		if (replay_derived(db, tables[i], rep) != 0)
			return -1;
	}
	return 0;
}

/* A sealed detail (the verify's row in st: 11 detail_sealed, 12 tbl, 13
 * detail, 14 salt): with the key, it opens, hashes to the chain's detail
 * hash and the detail is its redaction; without the key only the chain's
 * link (which hashes the detail hash) is checked. */
static bool sealed_detail_ok(bf_db *db, bf_stmt *st, int64_t id, const char *detail_hash)
{
	if (!bf_vault_unlocked(db))
		return true;
	char rowkey[24], *plain = NULL;
	snprintf(rowkey, sizeof rowkey, "%lld", (long long)id);
	bf_error ignored;
	if (!detail_hash || sqlite3_column_type(st->s, 14) == SQLITE_NULL ||
	    bf_vault_open(db, bf_col_text(st, 11), SEALED_AD, rowkey, &plain, &ignored) != 0)
		return false;
	bool ok = false, oom;
	bf_stmt h;
	if (bf_db_prepare(db, &h, "SELECT bf_sha256(?1, ?2)") == 0) {
		sqlite3_bind_value(h.s, 1, sqlite3_column_value(st->s, 14));
		sqlite3_bind_text(h.s, 2, plain, -1, SQLITE_STATIC);
		ok = bf_step(&h) == SQLITE_ROW && !strcmp(bf_col_text(&h, 0), detail_hash);
		bf_finalize(&h);
	}
	char *red = ok ? redact(bf_col_text(st, 12), plain, &oom) : NULL;
	ok = ok && red && !strcmp(red, bf_col_text(st, 13));
	free(red);
	free_plain(plain);
	return ok;
}

int bf_audit_verify(bf_db *db, const char *known_hash, struct bf_audit_report *rep, bf_error *err)
{
	memset(rep, 0, sizeof *rep);
	if (check_triggers(db, rep) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	bf_stmt st;
	if (bf_db_prepare(db, &st,
	                  "SELECT ids.id, a.id IS NOT NULL, c.id IS NOT NULL, c.salt IS NULL,"
	                  " a.detail IS '" PURGED_DETAIL "',"
	                  " (a.case_id IN (SELECT case_id FROM purged_case) OR EXISTS (SELECT 1"
	                  "  FROM purged_row r WHERE r.tbl = a.tbl AND r.row_id = a.row_id"
	                  "  AND a.id <= r.audit_upto)),"
	                  " c.detail_hash, c.prev, c.hash,"
	                  " CASE WHEN a.id IS NOT NULL AND c.salt IS NOT NULL"
	                  "  THEN bf_sha256(c.salt, a.detail) END,"
	                  " CASE WHEN a.id IS NOT NULL AND c.id IS NOT NULL"
	                  "  THEN bf_sha256(c.prev, a.id, a.at, a.actor, a.action, a.tbl, a.row_id,"
	                  "   a.case_id, c.detail_hash) END,"
	                  " a.detail_sealed, a.tbl, a.detail, c.salt"
	                  " FROM (SELECT id FROM audit_log UNION SELECT id FROM audit_chain) ids"
	                  " LEFT JOIN audit_log a ON a.id = ids.id"
	                  " LEFT JOIN audit_chain c ON c.id = ids.id"
	                  " ORDER BY ids.id") != 0) {
		bf_db_error(db, err);
		return -1;
	}
	char expected[65];
	bf_strlcpy(expected, BF_AUDIT_GENESIS, sizeof expected);
	int64_t prev_id = 0;
	bool known_found = !known_hash || !known_hash[0] || !strcmp(known_hash, BF_AUDIT_GENESIS);
	char known[65] = "";
	size_t known_len = 0;
	for (; known_hash && known_hash[known_len] && known_len < 64; known_len++) {
		char c = known_hash[known_len];
		known[known_len] = c >= 'A' && c <= 'F' ? (char)(c - 'A' + 'a') : c;
	}
	known[known_len] = '\0';
	if (known_hash && strlen(known_hash) > 64)
		known_len = 0; /* not a hash: never found */
	int rc;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		int64_t id = bf_col_int(&st, 0);
		bool has_row = bf_col_int(&st, 1) != 0, has_link = bf_col_int(&st, 2) != 0;
		bool no_salt = bf_col_int(&st, 3) != 0, blanked = bf_col_int(&st, 4) != 0;
		bool file_purged = bf_col_int(&st, 5) != 0;
		const char *detail_hash = bf_col_text(&st, 6), *prev = bf_col_text(&st, 7);
		const char *hash = bf_col_text(&st, 8), *dh_now = bf_col_text(&st, 9);
		const char *h_now = bf_col_text(&st, 10);
		/* a detail sealed by the upgrade: its hash is the original's */
		bool sealed = sqlite3_column_type(st.s, 11) != SQLITE_NULL;
		bool detail_ok = sealed ? sealed_detail_ok(db, &st, id, detail_hash)
		                        : no_salt || !strcmp(dh_now, detail_hash);
		if (has_row)
			rep->rows++;
		if (!has_row) {
			add_break(rep, BF_AUDIT_DELETED, id, 0, NULL);
		} else if (!has_link) {
			add_break(rep, BF_AUDIT_UNCHAINED, id, 0, NULL);
			continue; /* the next row should follow the one before */
		} else if (strcmp(prev, expected) != 0) {
			add_break(rep, BF_AUDIT_OUT_OF_ORDER, id, prev_id, NULL);
		} else if (no_salt && !(blanked && file_purged)) {
			add_break(rep, BF_AUDIT_BAD_PURGE, id, 0, NULL);
		} else if (!detail_ok || strcmp(h_now, hash) != 0) {
			add_break(rep, BF_AUDIT_EDITED, id, 0, NULL);
		} else if (no_salt) {
			rep->purged_rows++;
		}
		/* a head from paper is its first 16 hex digits (or more) */
		if (known_len >= 16 && !strncmp(hash, known, known_len))
			known_found = true;
		/* go on from this link, so that one break is reported once */
		bf_strlcpy(expected, hash, sizeof expected);
		prev_id = id;
		rep->latest_id = id;
		bf_strlcpy(rep->latest_hash, hash, sizeof rep->latest_hash);
	}
	bf_finalize(&st);
	if (rc != SQLITE_DONE) {
		bf_db_error(db, err);
		return -1;
	}
	if (!known_found)
		add_break(rep, BF_AUDIT_UNKNOWN_HASH, 0, 0, known_hash);
	if (replay(db, rep) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	return rep->problems ? 1 : 0;
}

void bf_audit_break_text(const struct bf_audit_break *b, char *buf, size_t n)
{
	long long row = (long long)b->row_id;
	switch (b->kind) {
	case BF_AUDIT_EDITED:
		snprintf(buf, n, _("Row %lld was edited: it no longer matches its hash."), row);
		break;
	case BF_AUDIT_DELETED:
		snprintf(buf, n, _("Row %lld was deleted: its link in the chain is left."), row);
		break;
	case BF_AUDIT_UNCHAINED:
		snprintf(buf, n,
		         _("Row %lld is not in the chain: it was added behind the log's back."),
		         row);
		break;
	case BF_AUDIT_OUT_OF_ORDER:
		if (b->after_id)
			snprintf(
			    buf, n,
			    _("Row %lld does not follow row %lld: rows between them were deleted, "
			      "or rows were inserted or moved."),
			    row, (long long)b->after_id);
		else
			snprintf(
			    buf, n,
			    _("Row %lld does not follow the start of the log: rows before it were "
			      "deleted, or rows were inserted or moved."),
			    row);
		break;
	case BF_AUDIT_BAD_PURGE:
		snprintf(buf, n, _("Row %lld was blanked although its file was never purged."),
		         row);
		break;
	case BF_AUDIT_TRIGGER_MISSING:
		snprintf(buf, n, _("The trigger %s that protects the log was removed."), b->what);
		break;
	case BF_AUDIT_UNKNOWN_HASH:
		snprintf(buf, n,
		         _("The hash %.16s… is not in the log: the log was rewritten after it was "
		           "taken."),
		         b->what);
		break;
	case BF_AUDIT_ROW_CHANGED: {
		const char *dot = strchr(b->what, '.');
		int tl = dot ? (int)(dot - b->what) : (int)strlen(b->what);
		snprintf(buf, n,
		         _("Table %.*s, row %lld: %s differs from its last audited value: it was "
		           "changed behind the audit log."),
		         tl, b->what, row, dot ? dot + 1 : "?");
		break;
	}
	case BF_AUDIT_ROW_GONE:
		snprintf(buf, n,
		         _("Table %s, row %lld: the log has it, the table does not: it was deleted "
		           "behind the audit log."),
		         b->what, row);
		break;
	case BF_AUDIT_ROW_UNLOGGED:
		snprintf(buf, n,
		         _("Table %s, row %lld: the table has it, the log does not: it was added "
		           "behind the audit log."),
		         b->what, row);
		break;
	default:
		snprintf(buf, n, "?");
	}
}

int bf_audit_stamp(bf_db *db, struct bf_audit_stamp *s, bf_error *err)
{
	memset(s, 0, sizeof *s);
	char head[65];
	if (bf_audit_latest_hash(db, head, NULL, err) != 0)
		return -1;
	int64_t n = 0;
	if (bf_db_int(db, "SELECT count(*) FROM audit_log", &n) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	bf_strlcpy(s->head, head, sizeof s->head);
	s->rows = n;
	return 0;
}

int bf_audit_latest_hash(bf_db *db, char out[65], int64_t *row_id, bf_error *err)
{
	bf_strlcpy(out, BF_AUDIT_GENESIS, 65);
	if (row_id)
		*row_id = 0;
	bf_stmt st;
	if (bf_db_prepare(db, &st, "SELECT id, hash FROM audit_chain ORDER BY id DESC LIMIT 1") !=
	    0) {
		bf_db_error(db, err);
		return -1;
	}
	int rc = bf_step(&st);
	if (rc == SQLITE_ROW) {
		if (row_id)
			*row_id = bf_col_int(&st, 0);
		bf_col_copy(&st, 1, out, 65);
	}
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		bf_db_error(db, err);
	bf_finalize(&st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int bf_audit_head(bf_db *db, char out[65], int64_t *rows, bf_error *err)
{
	*rows = 0;
	if (bf_audit_latest_hash(db, out, NULL, err) != 0)
		return -1;
	if (bf_db_int(db, "SELECT count(*) FROM audit_chain", rows) != 0) {
		bf_db_error(db, err);
		return -1;
	}
	return 0;
}

int bf_audit_hash_at(bf_db *db, int64_t nth, char out[65], bf_error *err)
{
	out[0] = '\0';
	if (nth < 1)
		return 1;
	bf_stmt st;
	if (bf_db_prepare(db, &st, "SELECT hash FROM audit_chain ORDER BY id LIMIT 1 OFFSET :n") !=
	        0 ||
	    bf_bind_int(&st, ":n", nth - 1) != 0) {
		bf_finalize(&st);
		bf_db_error(db, err);
		return -1;
	}
	int rc = bf_step(&st);
	if (rc == SQLITE_ROW)
		bf_col_copy(&st, 0, out, 65);
	else if (rc != SQLITE_DONE)
		bf_db_error(db, err);
	bf_finalize(&st);
	return rc == SQLITE_ROW ? 0 : rc == SQLITE_DONE ? 1 : -1;
}

/* ---- reveals --------------------------------------------------------------------------- */

static bool reveal_field_known(const char *field, bf_error *err)
{
	static const char *const fields[] = {"id_number", "bank_card", "phone", "all"};
	for (size_t i = 0; i < BF_ARRAY_LEN(fields); i++)
		if (field && !strcmp(field, fields[i]))
			return true;
	bf_error_set(err, "bf_audit_reveal: unknown field \"%s\"", field ? field : "");
	return false;
}

int bf_audit_reveal(bf_db *db, int64_t case_id, int64_t member_id, const char *field,
                    const char *purpose, bf_error *err)
{
	struct bf_reveal one = {
	    .case_id = case_id, .member_id = member_id, .field = field, .purpose = purpose};
	return bf_audit_reveal_many(db, &one, 1, err);
}

int bf_audit_reveal_many(bf_db *db, const struct bf_reveal *r, size_t n, bf_error *err)
{
	for (size_t i = 0; i < n; i++)
		if (!reveal_field_known(r[i].field, err))
			return -1;
	if (bf_store_require(db, BF_PERM_REVEAL, err) != 0)
		return -1;
	if (n == 0)
		return 0;
	/* in the caller's transaction when it has one (an export records its
	 * reveals with the batch, or only once its file is whole) */
	bool own;
	if (bf_db_join(db, &own, err) != 0)
		return -1;
	/* One statement for all: a file named by number is found by it. */
	bf_stmt st;
	int rc = bf_db_prepare(
	    db, &st,
	    "INSERT INTO reveal_event (at, actor, case_id, member_id, field, purpose)"
	    " VALUES (bf_now(), bf_actor(),"
	    " coalesce(:c, (SELECT id FROM case_file WHERE number = :n)), :m, :f, :p)");
	for (size_t i = 0; rc == 0 && i < n; i++) {
		const struct bf_reveal *x = &r[i];
		rc = (x->case_id ? bf_bind_int(&st, ":c", x->case_id) : bf_bind_null(&st, ":c")) ||
		     bf_bind_text_or_null(&st, ":n", x->case_number ? x->case_number : "") ||
		     (x->member_id ? bf_bind_int(&st, ":m", x->member_id)
		                   : bf_bind_null(&st, ":m")) ||
		     bf_bind_text(&st, ":f", x->field) ||
		     bf_bind_text_or_null(&st, ":p", x->purpose);
		if (rc == 0 && bf_step(&st) != SQLITE_DONE)
			rc = -1;
		if (rc == 0)
			rc = bf_reset(&st);
	}
	bf_finalize(&st);
	if (rc != 0) {
		bf_db_error(db, err);
		return bf_db_finish(db, own, -1, err);
	}
	return bf_db_finish(db, own, 0, err);
}
