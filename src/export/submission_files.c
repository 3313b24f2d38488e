/* submission_files.c — writing a submission's files all or nothing, the
 * layers in their order (submission_export.h): the files are opened as
 * private temporaries (outfile.h), the store prepares the export in an open
 * transaction and hands over what to write (bf_batch_export_begin), every
 * file is written and synced, the database commits, then the files take
 * their names. And the district's attachment 1, made from an imported
 * package. Export layer. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "bangfu/audit.h"
#include "bangfu/store.h"
#include "bangfu/submission_export.h"
#include "bangfu/submission_store.h"

int bf_submission_export(bf_db *db, int64_t batch_id, const char *pkg_path, const char *pdf_path,
                         unsigned flags, struct bf_pkg_header *out, bf_error *err)
{
	return bf_submission_export_progress(db, batch_id, pkg_path, pdf_path, flags, out, NULL,
	                                     NULL, err);
}

int bf_submission_export_progress(bf_db *db, int64_t batch_id, const char *pkg_path,
                                  const char *pdf_path, unsigned flags, struct bf_pkg_header *out,
                                  bf_progress_fn progress, void *ud, bf_error *err)
{
	bf_error_clear(err);
	/* the files first: a target that is there (without FORCE) or a symbolic
	 * link, or a folder that takes no file, is refused before anything */
	bf_outfile *opkg = bf_store_outfile_open(db, pkg_path, flags, err);
	if (!opkg)
		return 1;
	bf_outfile *opdf = NULL;
	if (pdf_path && !(opdf = bf_store_outfile_open(db, pdf_path, flags, err))) {
		bf_outfile_abort(opkg);
		return 1;
	}
	struct bf_batch_export x;
	/* each file checked, then packed (the store), then the package
	 * written, attachment 2 written, the export recorded */
	int rc = bf_batch_export_begin_progress(db, batch_id, (flags & BF_SUBMISSION_RESTORED) != 0,
	                                        BF_SUBMISSION_EXPORT_STEPS, &x, progress, ud, err);
	if (rc != 0) {
		bf_outfile_abort(opkg);
		bf_outfile_abort(opdf);
		return rc;
	}
	struct bf_pkg_header h = x.header;
	size_t done = x.steps_done, total = x.steps_total;
	if (!bf_progress_tell(progress, ud, done, total, err))
		goto fail;
	if (bf_outfile_write(opkg, x.package, x.package_len) != 0) {
		bf_error_set(err, _("cannot write %s: %s"), pkg_path, strerror(errno));
		goto fail;
	}
	if (bf_outfile_flush(opkg, err) != 0 || !bf_progress_tell(progress, ud, ++done, total, err))
		goto fail;
	if (opdf) {
		/* the audit head in attachment 2's footer (checked from paper) */
		struct bf_audit_stamp stamp;
		if (bf_audit_stamp(db, &stamp, err) != 0 ||
		    bf_pdf_attachment2(opdf, &x.content, &stamp, err) != 0 ||
		    bf_outfile_flush(opdf, err) != 0)
			goto fail;
	}
	/* the last moment to stop: the export is recorded next */
	if (!bf_progress_tell(progress, ud, ++done, total, err))
		goto fail;
	if (bf_batch_export_commit(db, &x, err) != 0) {
		bf_outfile_abort(opkg);
		bf_outfile_abort(opdf);
		return -1;
	}
	/* committed: the files take their names, the package last (a commit
	 * frees its handle either way) */
	bool pdf_failed = opdf && bf_outfile_commit(opdf, err) != 0;
	if (pdf_failed)
		bf_outfile_abort(opkg);
	if (pdf_failed || bf_outfile_commit(opkg, err) != 0) {
		char why[sizeof err->msg];
		bf_strlcpy(why, err->msg, sizeof why);
		bf_error_set(err,
		             _("Batch %s revision %d was exported, but its files could not be put "
		               "in place (%s): export the batch again to write a new revision."),
		             h.batch, h.revision, why);
		return -1;
	}
	/* no last call to progress: the export is done, and an Esc read there
	 * would say it was cancelled */
	if (out)
		*out = h;
	return 0;
fail:
	bf_batch_export_abort(db, &x);
	bf_outfile_abort(opkg);
	bf_outfile_abort(opdf);
	return -1;
}

int bf_dist_attachment1_export(bf_db *db, const char *unit_code, const char *batch,
                               const char *xlsx_path, unsigned flags,
                               struct bf_pkg_submission *info, bf_error *err)
{
	return bf_dist_attachment1_export_progress(db, unit_code, batch, xlsx_path, flags, info,
	                                           NULL, NULL, err);
}

int bf_dist_attachment1_export_progress(bf_db *db, const char *unit_code, const char *batch,
                                        const char *xlsx_path, unsigned flags,
                                        struct bf_pkg_submission *info, bf_progress_fn progress,
                                        void *ud, bf_error *err)
{
	struct bf_pkg_submission s;
	int rc = bf_dist_batch_content(db, unit_code, batch, &s, err);
	if (rc != 0)
		return rc;
	bf_outfile *o = bf_store_outfile_open(db, xlsx_path, flags, err);
	if (!o) {
		bf_pkg_submission_free(&s);
		return 1;
	}
	/* a file of full numbers: written whole (privately), then its reveal
	 * recorded, naming it, then put in place; a failure at any step leaves
	 * neither the file nor the record */
	char purpose[512];
	snprintf(purpose, sizeof purpose, "district attachment 1 %s %s r%d: %s", s.unit_code,
	         s.batch, s.revision, xlsx_path);
	rc = bf_xlsx_attachment1_progress(o, &s, progress, ud, err);
	if (rc == 0)
		rc = bf_outfile_flush(o, err);
	if (rc == 0)
		rc = bf_audit_reveal(db, 0, 0, "all", purpose, err) != 0 ? -1 : 0;
	rc = rc == 0 ? bf_outfile_commit(o, err) : (bf_outfile_abort(o), -1);
	if (rc == 0 && info) {
		*info = s;
		memset(&s, 0, sizeof s);
	}
	bf_pkg_submission_free(&s);
	return rc;
}
