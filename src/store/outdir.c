/* outdir.c — the folders bangfu writes files to (012_outfile.sql), and the
 * sweep of leftover temporaries there (outfile.h). */
#include "config.h"

#include <string.h>

#include "bangfu/store.h"

int bf_store_outdir_note(bf_db *db, const char *target, bf_error *err)
{
	char dir[1024];
	if (!bf_outfile_dir_of(target, dir, sizeof dir)) {
		bf_error_set(err, _("cannot write %s: %s"), target, _("the path is too long"));
		return -1;
	}
	/* One statement: atomic on its own, or part of the caller's transaction. */
	bf_stmt st;
	int rc = bf_db_prepare(db, &st,
	                       "INSERT INTO out_folder (path, last_used) VALUES (:p, bf_now())"
	                       " ON CONFLICT (path) DO UPDATE SET last_used = excluded.last_used");
	if (rc == 0) {
		rc = bf_bind_text(&st, ":p", dir);
		if (rc == 0 && bf_step(&st) != SQLITE_DONE)
			rc = -1;
		bf_finalize(&st);
	}
	if (rc != 0) {
		bf_db_error(db, err);
		return -1;
	}
	return 0;
}

bf_outfile *bf_store_outfile_open(bf_db *db, const char *target, unsigned flags, bf_error *err)
{
	if (target && target[0] && bf_store_outdir_note(db, target, err) != 0)
		return NULL;
	return bf_outfile_open(target, flags, err);
}

int bf_store_outdir_sweep(bf_db *db, int *removed, bf_error *err)
{
	if (removed)
		*removed = 0;
	bf_stmt st;
	if (bf_db_prepare(db, &st, "SELECT path FROM out_folder ORDER BY path") != 0) {
		bf_db_error(db, err);
		return -1;
	}
	int rc = 0, r;
	while ((r = bf_step(&st)) == SQLITE_ROW) {
		int n = 0;
		bf_error e = {{0}};
		if (bf_outfile_sweep(bf_col_text(&st, 0), &n, &e) != 0 && rc == 0) {
			*err = e;
			rc = -1;
		}
		if (removed)
			*removed += n;
	}
	if (r != SQLITE_DONE && rc == 0) {
		bf_db_error(db, err);
		rc = -1;
	}
	bf_finalize(&st);
	return rc;
}
