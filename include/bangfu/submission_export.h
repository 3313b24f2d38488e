/* submission_export.h — the submission's files besides the package:
 * attachment 1 (the hardship files as an XLSX table, ID and bank numbers
 * written as text) and attachment 2 (the publicity result reports, PDF), and
 * the district's summary by unit and category (XLSX). Export layer. */
#ifndef BANGFU_SUBMISSION_EXPORT_H
#define BANGFU_SUBMISSION_EXPORT_H

#include "bangfu/district_store.h"
#include "bangfu/package.h"

/* Attachment 1 (困难职工档案表 汇总): one row per file, one per member on a
 * second sheet, from the parsed submission (the same content the package
 * carries). */
int bf_xlsx_attachment1(const char *path, const struct bf_pkg_submission *s, bf_error *err);
/* Attachment 2 (公示结果报告): each report of the submission, A4 PDF. */
int bf_pdf_attachment2(const char *path, const struct bf_pkg_submission *s,
                       const struct bf_audit_stamp *stamp, bf_error *err);
/* The district's summary: counts and amounts by unit and category. */
int bf_xlsx_district_summary(const char *path, const struct bf_dist_summary_row *rows, size_t n,
                             const char *district_name, bf_error *err);

#endif
