/* submission_export.h — the submission's files besides the package:
 * attachment 1 (the hardship files as an XLSX table, ID and bank numbers
 * written as text) and attachment 2 (the publicity result reports, PDF), and
 * the district's summary by unit and category (XLSX). Export layer. */
#ifndef BANGFU_SUBMISSION_EXPORT_H
#define BANGFU_SUBMISSION_EXPORT_H

#include "bangfu/db.h"
#include "bangfu/district_store.h"
#include "bangfu/package.h"

/* Export a batch (the unit): the sealed package to pkg_path and, when
 * pdf_path is not NULL, attachment 2 (the publicity result reports, no full
 * numbers) to pdf_path. All or nothing and in this order: the store
 * prepares the export in an open transaction (bf_batch_export_begin), every
 * file is written to a temporary name in its folder (checked writes, fsync,
 * close), the database commits, then the files are renamed. Anything that
 * fails before the commit removes what was written and changes nothing in
 * the database. No file with full numbers is written in plain: attachment 1
 * is the district's to make (bf_dist_attachment1_export). Returns as
 * bf_batch_export_begin: 1 refused, -1 error, 0 done (*out, may be NULL,
 * the package's header). */
int bf_submission_export(bf_db *db, int64_t batch_id, const char *pkg_path, const char *pdf_path,
                         struct bf_pkg_header *out, bf_error *err);

/* Attachment 1 made by the district from a unit's imported batch (batch
 * NULL or "": the unit's newest): bf_dist_batch_content, then
 * bf_xlsx_attachment1 to xlsx_path (mode 0600). *info (may be NULL) gets the
 * content (free with bf_pkg_submission_free). 1 refused, -1 error. */
int bf_dist_attachment1_export(bf_db *db, const char *unit_code, const char *batch,
                               const char *xlsx_path, struct bf_pkg_submission *info,
                               bf_error *err);

/* Attachment 1 (困难职工档案表 汇总): one row per file, one per member on a
 * second sheet, from the parsed submission (the same content the package
 * carries). */
int bf_xlsx_attachment1(const char *path, const struct bf_pkg_submission *s, bf_error *err);
/* Attachment 2 (公示结果报告): each report of the submission, A4 PDF. */
int bf_pdf_attachment2(const char *path, const struct bf_pkg_submission *s, bf_error *err);
/* The district's summary: counts and amounts by unit and category. */
int bf_xlsx_district_summary(const char *path, const struct bf_dist_summary_row *rows, size_t n,
                             const char *district_name, bf_error *err);

#endif
