/* campaign_export.h — campaign documents: the budget, the payment sign-off
 * sheet (签字确认表) and the ledger (资金台账) as XLSX (libxlsxwriter), and
 * the sign-off sheet as an A4 PDF (pdf.h).
 *
 * Like every printout (print.h) they are in Chinese whatever the interface
 * language: they go to the district union, to the households and into the
 * paper file. The callers gather the rows (campaign_store.h); these
 * functions only write. Every file is written beside its destination and renamed into
 * place, so a failure leaves no half-written file. ID and phone numbers are
 * always written as text cells with the text format "@" — never as numbers,
 * which Excel would turn into 1.1010519491231E+17. Money is written in yuan
 * with two decimals. */
#ifndef BANGFU_CAMPAIGN_EXPORT_H
#define BANGFU_CAMPAIGN_EXPORT_H

#include "bangfu/outfile.h"
#include "bangfu/campaign_store.h"

/* The budget: one row per line, (people + households) × (cash + goods) as a
 * live formula with its value — each line fills the people or the
 * households column, as its group counts — what the goods are, the totals
 * of people, households and money, and the total in Chinese capitals. */
int bf_xlsx_campaign_budget(bf_outfile *out, const struct bf_campaign *c,
                            const struct bf_budget_line *lines, size_t n,
                            const struct bf_budget_totals *t, bool from_plan, bf_error *err);

/* The sign-off sheet of one unit or community. */
struct bf_signoff {
	struct bf_audit_stamp stamp; /* the PDF's footer (common.h) */
	const struct bf_campaign *campaign;
	const char *union_name;          /* who pays: the unit union, printed in the title */
	const char *place_kind;          /* "unit" or "community" */
	const char *place;               /* its name ("" = not recorded) */
	const struct bf_recipient *rows; /* the households on the list there */
	size_t n;
	/* told the rows written of n, then (the PDF) the pages written of all;
	 * when it says stop the export fails, writing nothing. May be NULL. */
	bf_progress_fn progress;
	void *progress_ud;
};

/* Columns: number, name, masked ID, household size, group, amount in
 * figures, amount in Chinese capitals (壹仟壹佰元整), goods, signature,
 * relation to the household head, phone; a totals row; the sign-off rule
 * at the foot with lines for the person paying and the reviewer. A4
 * landscape, header row repeated on each page. */
int bf_xlsx_signoff_sheet(bf_outfile *out, const struct bf_signoff *s, bf_error *err);
/* The sheet's households counted as their groups count them: people (per
 * person) and households (per household, by household size); and as the
 * sheet's total line says it, "合计：3人、2户". */
void bf_signoff_counts(const struct bf_signoff *s, int64_t *people, int64_t *households);
void bf_signoff_count_zh(const struct bf_signoff *s, char *buf, size_t n);
/* The same sheet as an A4 PDF (pdf.h). */
int bf_pdf_signoff_sheet(bf_outfile *out, const struct bf_signoff *s, bf_error *err);

/* The ledger: every payment, then totals by month, by unit and by group,
 * and (when recon is not NULL) the reconciliation of one campaign with its
 * budget. reveal: full ID numbers (for the auditors) instead of masked. */
struct bf_ledger_export {
	const char *title;
	const struct bf_ledger_row *rows;
	size_t n;
	const struct bf_ledger_total *by_month, *by_unit, *by_group;
	size_t n_month, n_unit, n_group;
	const struct bf_reconcile_line *recon; /* may be NULL */
	size_t n_recon;
	const struct bf_reconcile_line *recon_total;
	bool reveal;
	bf_progress_fn progress; /* as bf_signoff's, over the rows */
	void *progress_ud;
};
int bf_xlsx_ledger(bf_outfile *out, const struct bf_ledger_export *x, bf_error *err);

/* "1,100.00" and "壹仟壹佰元整" for a sheet cell (buffers of 32 and 128). */
void bf_sheet_amounts(bf_fen v, char figures[32], char capitals[128]);

#endif
