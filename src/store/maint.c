/* maint.c — online backup and integrity checks. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bangfu/audit.h"

#include "bangfu/schema.h"
#include "bangfu/store.h"

int bf_store_backup_progress(bf_db *db, const char *dest_path, unsigned flags, int pages,
                             void (*progress)(void *ud, int remaining, int total), void *ud,
                             bf_error *err)
{
	if (!dest_path || !dest_path[0]) {
		bf_error_set(err, _("no backup file given"));
		return -1;
	}
	struct stat st_src, st_dst;
	if (stat(dest_path, &st_dst) == 0) {
		if (S_ISDIR(st_dst.st_mode)) {
			bf_error_set(err, _("%s is a folder; give the backup file's name"),
			             dest_path);
			return -1;
		}
		if (stat(db->path, &st_src) == 0 && st_src.st_dev == st_dst.st_dev &&
		    st_src.st_ino == st_dst.st_ino) {
			bf_error_set(err, _("%s is the database itself; choose another file"),
			             dest_path);
			return -1;
		}
	}
	/* SQLite writes the copy by name into our private temporary (0600,
	 * locked while written); outfile syncs and renames it. */
	bf_outfile *o = bf_store_outfile_open(db, dest_path, flags, err);
	if (!o)
		return -1;
	const char *tmp = bf_outfile_tmp_path(o);
	sqlite3 *dst = NULL;
	if (sqlite3_open_v2(tmp, &dst, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK) {
		bf_error_set(err, _("cannot open %s: %s"), tmp,
		             dst ? sqlite3_errmsg(dst) : "no memory");
		sqlite3_close(dst);
		bf_outfile_abort(o);
		return -1;
	}
	/* no -journal file beside the copy: a failed copy is thrown away whole */
	sqlite3_exec(dst, "PRAGMA journal_mode=MEMORY; PRAGMA synchronous=FULL", NULL, NULL, NULL);
	sqlite3_backup *b = sqlite3_backup_init(dst, "main", db->h, "main");
	if (!b) {
		bf_error_set(err, _("backup to %s failed: %s"), dest_path, sqlite3_errmsg(dst));
		sqlite3_close(dst);
		bf_outfile_abort(o);
		return -1;
	}
	int rc;
	int restarts = 0, last_remaining = -1;
	for (;;) {
		/* When other connections keep changing the database, every change
		 * restarts a stepwise copy; after a few restarts copy in one go
		 * (a consistent snapshot; WAL lets writers go on meanwhile). */
		int n = (pages > 0 && restarts < 3) ? pages : -1;
		rc = sqlite3_backup_step(b, n);
		if (rc == SQLITE_DONE)
			break;
		if (rc == SQLITE_OK) {
			int remaining = sqlite3_backup_remaining(b);
			if (last_remaining >= 0 && remaining > last_remaining)
				restarts++;
			last_remaining = remaining;
			if (progress)
				progress(ud, remaining, sqlite3_backup_pagecount(b));
			continue;
		}
		if (rc == SQLITE_BUSY || rc == SQLITE_LOCKED) {
			sqlite3_sleep(50);
			continue;
		}
		break;
	}
	sqlite3_backup_finish(b);
	int frc = sqlite3_errcode(dst);
	if (rc != SQLITE_DONE || frc != SQLITE_OK) {
		bf_error_set(err, _("backup to %s failed: %s"), dest_path,
		             sqlite3_errstr(rc != SQLITE_DONE ? rc : frc));
		sqlite3_close(dst);
		bf_outfile_abort(o);
		return -1;
	}
	if (sqlite3_close(dst) != SQLITE_OK)
		bf_outfile_fail(o, _("the copy could not be closed"));
	if (bf_outfile_commit(o, err) != 0)
		return -1;
	if (progress)
		progress(ud, 0, 0);
	return 0;
}

int bf_store_backup(bf_db *db, const char *dest_path, unsigned flags, bf_error *err)
{
	return bf_store_backup_progress(db, dest_path, flags, 0, NULL, NULL, err);
}

/* Append to the report, never overflowing. */
static void rep(char *report, size_t n, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void rep(char *report, size_t n, const char *fmt, ...)
{
	size_t used = strlen(report);
	if (used + 1 >= n)
		return;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(report + used, n - used, fmt, ap);
	va_end(ap);
}

enum { MAX_LISTED = 20 };

int bf_store_check(bf_db *db, char *report, size_t n, bf_error *err)
{
	if (!report || n == 0) {
		bf_error_set(err, _("no room for the report"));
		return -1;
	}
	report[0] = '\0';
	int problems = 0;

	bf_stmt st;
	if (bf_db_prepare(db, &st, "PRAGMA integrity_check(100)") != 0) {
		bf_db_error(db, err);
		return -1;
	}
	int rc, rows = 0;
	bool ok = false;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		const char *line = bf_col_text(&st, 0);
		if (rows == 0 && strcmp(line, "ok") == 0) {
			ok = true;
			continue;
		}
		if (rows == 0)
			rep(report, n, _("Structure: the file is damaged:\n"));
		if (rows < MAX_LISTED)
			rep(report, n, "  - %s\n", line);
		rows++;
	}
	bf_finalize(&st);
	if (rc != SQLITE_DONE) {
		/* A badly damaged file may fail the check itself. */
		rep(report, n, _("Structure: the check could not finish: %s\n"),
		    sqlite3_errmsg(db->h));
		problems++;
	} else if (ok) {
		rep(report, n, _("Structure: sound (integrity check passed).\n"));
	} else {
		if (rows > MAX_LISTED)
			rep(report, n, _("  ... and %d more\n"), rows - MAX_LISTED);
		problems += rows;
	}

	if (bf_db_prepare(db, &st, "PRAGMA foreign_key_check") != 0) {
		bf_db_error(db, err);
		return -1;
	}
	rows = 0;
	while ((rc = bf_step(&st)) == SQLITE_ROW) {
		if (rows == 0)
			rep(report, n, _("Links: rows that point to something missing:\n"));
		if (rows < MAX_LISTED)
			rep(report, n, _("  - %s row %lld points to a missing %s row\n"),
			    bf_col_text(&st, 0), (long long)bf_col_int(&st, 1),
			    bf_col_text(&st, 2));
		rows++;
	}
	bf_finalize(&st);
	if (rc != SQLITE_DONE) {
		rep(report, n, _("Links: the check could not finish: %s\n"), sqlite3_errmsg(db->h));
		problems++;
	} else if (rows == 0) {
		rep(report, n,
		    _("Links: sound (every member, cause and document belongs to a file).\n"));
	} else {
		if (rows > MAX_LISTED)
			rep(report, n, _("  ... and %d more\n"), rows - MAX_LISTED);
		problems += rows;
	}

	/* what the structure cannot see: a value changed inside a record (a
	 * digit of a bank card) with the triggers off, or log rows cut off.
	 * The audit chain and its replay (audit.h) compare every audited row
	 * with its last image; sealed values are compared as they are stored,
	 * so this needs no key and shows nothing personal. */
	struct bf_audit_report *ar = calloc(1, sizeof *ar);
	bf_error aerr = {{0}};
	int av = ar ? bf_audit_verify(db, NULL, ar, &aerr) : -1;
	if (av < 0) {
		rep(report, n, _("Audit log: the check could not finish: %s\n"),
		    ar ? aerr.msg : _("out of memory"));
		problems++;
	} else if (av == 0) {
		rep(report, n,
		    _("Audit log: intact (%lld rows; every record matches what the log says of "
		      "it).\n"),
		    (long long)ar->rows);
	} else {
		rep(report, n, _("Audit log: %lld problem(s) — records changed behind the log:\n"),
		    (long long)ar->problems);
		for (int i = 0; i < ar->nbreaks; i++) {
			char line[256];
			bf_audit_break_text(&ar->breaks[i], line, sizeof line);
			rep(report, n, "  - %s\n", line);
		}
		problems += (int)(ar->problems > 0 ? ar->problems : 1);
	}
	free(ar);

	int64_t ver = 0, app = 0;
	if (bf_db_int(db, "PRAGMA user_version", &ver) == 0 &&
	    bf_db_int(db, "PRAGMA application_id", &app) == 0)
		rep(report, n, _("Schema version %lld%s.\n"), (long long)ver,
		    app == BF_APPLICATION_ID ? "" : _(" (not marked as a bangfu database!)"));
	return problems ? 1 : 0;
}
