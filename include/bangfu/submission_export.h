/* submission_export.h — the submission's files besides the package:
 * attachment 1 (the hardship files as an XLSX table, ID and bank numbers
 * written as text) and attachment 2 (the publicity result reports, PDF), and
 * the district's summary by unit and category (XLSX). Export layer. */
#ifndef BANGFU_SUBMISSION_EXPORT_H
#define BANGFU_SUBMISSION_EXPORT_H

#include "bangfu/db.h"
#include "bangfu/outfile.h"
#include "bangfu/district_store.h"
#include "bangfu/package.h"

/* Attachment 1 (困难职工档案表 汇总): one row per file, one per member on a
 * second sheet, from the parsed submission (the same content the package
 * carries), into out (outfile.h: the caller opened it and commits it). */
int bf_xlsx_attachment1(bf_outfile *out, const struct bf_pkg_submission *s, bf_error *err);
/* The same, telling progress (may be NULL) the rows written of both sheets
 * (the files, then their members); when it says stop nothing is written
 * (out marked failed, -1). */
int bf_xlsx_attachment1_progress(bf_outfile *out, const struct bf_pkg_submission *s,
                                 bf_progress_fn progress, void *ud, bf_error *err);
/* Attachment 2 (公示结果报告): each report of the submission, A4 PDF, into
 * out; stamp (may be NULL) is the audit head printed in the footer. */
int bf_pdf_attachment2(bf_outfile *out, const struct bf_pkg_submission *s,
                       const struct bf_audit_stamp *stamp, bf_error *err);
/* The district's summary: counts and amounts by unit and category. */
int bf_xlsx_district_summary(bf_outfile *out, const struct bf_dist_summary_row *rows, size_t n,
                             const char *district_name, bf_error *err);

/* Export a batch (the unit): the sealed package to pkg_path and, when
 * pdf_path is not NULL, attachment 2 (the publicity result reports, no full
 * numbers) to pdf_path; flags BF_OUTFILE_FORCE replaces files that exist
 * (else they are refused before anything is done). All or nothing and in
 * this order: each file is opened as a private temporary in its folder
 * (bf_store_outfile_open), the store prepares the export in an open
 * transaction (bf_batch_export_begin), every file is written and synced
 * (every write checked, cairo's status after finishing, flush, fsync), the
 * database commits, then the files are renamed into place
 * (bf_outfile_commit). Anything that fails before the commit removes what
 * was written and changes nothing in the database; a process killed before
 * the commit leaves only a temporary (swept later), never a package under
 * its final name. No file with full numbers is written in plain: attachment
 * 1 is the district's to make (bf_dist_attachment1_export). Returns as
 * bf_batch_export_begin: 1 refused, -1 error, 0 done (*out, may be NULL,
 * the package's header). */
/* A flag of bf_submission_export besides outfile.h's: the database was
 * restored from a backup (bf_batch_export_begin_opts). */
#define BF_SUBMISSION_RESTORED (1u << 8)
int bf_submission_export(bf_db *db, int64_t batch_id, const char *pkg_path, const char *pdf_path,
                         unsigned flags, struct bf_pkg_header *out, bf_error *err);
/* The same, telling progress (may be NULL) its steps done: two per file of
 * the batch (checked and moved, then packed: bf_batch_export_begin_progress),
 * then BF_SUBMISSION_EXPORT_STEPS more (the package written, the PDF
 * written, recorded); when it says stop before the last, nothing is
 * recorded and neither file is written (-1, err says so). */
#define BF_SUBMISSION_EXPORT_STEPS 3
int bf_submission_export_progress(bf_db *db, int64_t batch_id, const char *pkg_path,
                                  const char *pdf_path, unsigned flags, struct bf_pkg_header *out,
                                  bf_progress_fn progress, void *ud, bf_error *err);

/* Attachment 1 made by the district from a unit's imported batch (batch
 * NULL or "": the unit's newest): bf_dist_batch_content, its reveal recorded
 * naming the file, then bf_xlsx_attachment1 into xlsx_path (0600; flags as
 * above). *info (may be NULL) gets the content (free with
 * bf_pkg_submission_free). 1 refused, -1 error. */
int bf_dist_attachment1_export(bf_db *db, const char *unit_code, const char *batch,
                               const char *xlsx_path, unsigned flags,
                               struct bf_pkg_submission *info, bf_error *err);
/* The same, telling progress (may be NULL) the rows written
 * (bf_xlsx_attachment1_progress); when it says stop, neither the file nor
 * its reveal is recorded (-1, err says so). */
int bf_dist_attachment1_export_progress(bf_db *db, const char *unit_code, const char *batch,
                                        const char *xlsx_path, unsigned flags,
                                        struct bf_pkg_submission *info, bf_progress_fn progress,
                                        void *ud, bf_error *err);

#endif
