/* submission_files.c — writing a submission's files all or nothing: the
 * store prepares the export in an open transaction and hands over what to
 * write (bf_batch_export_begin); every file goes to a temporary name in its
 * target folder (checked writes, fsync, close); then the database commits;
 * then the files take their final names. A failure before the commit
 * removes what was written and rolls the database back; a process killed
 * at any point leaves no package under its final name unless the database
 * committed it. And the district's attachment 1, made from an imported
 * package. Export layer. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bangfu/audit.h"
#include "bangfu/submission_export.h"
#include "bangfu/submission_store.h"

/* A temporary file beside path, made 0600 with mkstemp (O_EXCL): its name
 * in tmp (".NAME.XXXXXX" in path's folder). The file is closed again: the
 * writers open it by name. 0, or -1 with err. */
static int tmp_beside(const char *path, char *tmp, size_t n, bf_error *err)
{
	char *d = strdup(path), *b = strdup(path);
	int rc = -1;
	if (d && b &&
	    (size_t)snprintf(tmp, n, "%s/.%s.XXXXXX", dirname(d), basename(b)) < n) {
		int fd = mkstemp(tmp);
		if (fd >= 0) {
			close(fd);
			rc = 0;
		} else {
			bf_error_set(err, _("cannot write %s: %s"), path, strerror(errno));
		}
	} else {
		bf_error_set(err, _("%s: the path is too long"), path);
	}
	free(d);
	free(b);
	if (rc != 0)
		tmp[0] = '\0';
	return rc;
}

/* Write buf into the temporary file tmp (made by tmp_beside): every write
 * checked, fsync, close. */
static int write_tmp(const char *tmp, const char *path, const char *buf, size_t len,
                     bf_error *err)
{
	int fd = open(tmp, O_WRONLY | O_TRUNC | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0) {
		bf_error_set(err, _("cannot write %s: %s"), path, strerror(errno));
		return -1;
	}
	size_t off = 0;
	int e = 0;
	while (off < len && !e) {
		ssize_t w = write(fd, buf + off, len - off);
		if (w < 0 && errno != EINTR)
			e = errno;
		else if (w > 0)
			off += (size_t)w;
	}
	if (!e && fsync(fd) != 0)
		e = errno;
	if (close(fd) != 0 && !e)
		e = errno;
	if (e) {
		bf_error_set(err, _("cannot write %s: %s"), path, strerror(e));
		return -1;
	}
	return 0;
}

/* The folder of path made durable (its renames): best effort. */
static void sync_dir(const char *path)
{
	char *d = strdup(path);
	if (!d)
		return;
	int fd = open(dirname(d), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (fd >= 0) {
		fsync(fd);
		close(fd);
	}
	free(d);
}

int bf_submission_export(bf_db *db, int64_t batch_id, const char *pkg_path, const char *pdf_path,
                         struct bf_pkg_header *out, bf_error *err)
{
	struct bf_batch_export x;
	int rc = bf_batch_export_begin(db, batch_id, &x, err);
	if (rc != 0)
		return rc;
	char tpkg[4200] = "", tpdf[4200] = "";
	if (tmp_beside(pkg_path, tpkg, sizeof tpkg, err) != 0 ||
	    write_tmp(tpkg, pkg_path, x.package, x.package_len, err) != 0 ||
	    (pdf_path && (tmp_beside(pdf_path, tpdf, sizeof tpdf, err) != 0 ||
	                  bf_pdf_attachment2(tpdf, &x.content, err) != 0)))
		goto fail;
	struct bf_pkg_header h = x.header;
	if (bf_batch_export_commit(db, &x, err) != 0) {
		rc = -1;
		goto removed;
	}
	/* committed: the files take their names (the package last) */
	if ((pdf_path && rename(tpdf, pdf_path) != 0) || rename(tpkg, pkg_path) != 0) {
		bf_error_set(err,
		             _("The batch was exported, but its files could not take their names "
		               "(%s): export the batch again to write a new revision."),
		             strerror(errno));
		unlink(tpkg);
		if (pdf_path)
			unlink(tpdf);
		return -1;
	}
	sync_dir(pkg_path);
	if (pdf_path)
		sync_dir(pdf_path);
	if (out)
		*out = h;
	return 0;
fail:
	rc = -1;
	bf_batch_export_abort(db, &x);
removed:
	if (tpkg[0])
		unlink(tpkg);
	if (tpdf[0])
		unlink(tpdf);
	return rc;
}

int bf_dist_attachment1_export(bf_db *db, const char *unit_code, const char *batch,
                               const char *xlsx_path, struct bf_pkg_submission *info,
                               bf_error *err)
{
	struct bf_pkg_submission s;
	int rc = bf_dist_batch_content(db, unit_code, batch, &s, err);
	if (rc != 0)
		return rc;
	/* a file of full numbers: its reveal is recorded, naming it, first */
	char purpose[512];
	snprintf(purpose, sizeof purpose, "district attachment 1 %s %s r%d: %s", s.unit_code,
	         s.batch, s.revision, xlsx_path);
	rc = bf_audit_reveal(db, 0, 0, "all", purpose, err) != 0 ? -1 : 0;
	if (rc == 0)
		rc = bf_xlsx_attachment1(xlsx_path, &s, err) != 0 ? -1 : 0;
	if (rc == 0 && info) {
		*info = s;
		memset(&s, 0, sizeof s);
	}
	bf_pkg_submission_free(&s);
	return rc;
}
