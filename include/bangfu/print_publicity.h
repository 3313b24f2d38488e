/* print_publicity.h — the publicity notice (公示) and the publicity result
 * report (公示结果报告, attachment 2), as UTF-8 text and as A4 PDF. In
 * Chinese whatever the interface language (see print.h). What they print
 * of a person comes only from struct bf_pub_entry (publicity.h): name,
 * department, masked ID, category, amount. */
#ifndef BANGFU_PRINT_PUBLICITY_H
#define BANGFU_PRINT_PUBLICITY_H

#include <stdio.h>

#include "bangfu/outfile.h"
#include "bangfu/publicity.h"

/* The notice from the template (NULL = bf_pub_default_template()). */
int bf_pub_notice_text(FILE *out, const char *tpl, const struct bf_pub_notice *nt, bf_error *err);
/* The same as a PDF: the template's first line is the title, {list} is a
 * table whose header repeats on every page. */
int bf_pub_notice_pdf(bf_outfile *out, const char *tpl, const struct bf_pub_notice *nt,
                      bf_error *err);

struct bf_pub_result {
	struct bf_audit_stamp stamp; /* the footer (common.h) */
	const char *unit_name, *union_name, *place;
	bf_date start, end, reported_on;
	int days;
	size_t n_publicized, n_objections, n_upheld;
	const struct bf_pub_entry *passed; /* the cases that passed */
	size_t n_passed;
	bf_progress_fn progress; /* as bf_pub_notice's, over passed */
	void *progress_ud;
};
void bf_pub_result_text(FILE *out, const struct bf_pub_result *r);
int bf_pub_result_pdf(bf_outfile *out, const struct bf_pub_result *r, bf_error *err);

#endif
