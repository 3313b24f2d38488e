/* print.h — a case's printouts: the checklist handout for the applicant
 * (text and PDF) and the hardship file form (attachment 1, 《困难职工档案表》)
 * for signatures. Printed documents are in Chinese whatever the interface
 * language: they go to applicants and into the paper file.
 *
 * The builders take what they print as arguments; the CLI and the screens
 * load it (store.h, workflow_store.h). */
#ifndef BANGFU_PRINT_H
#define BANGFU_PRINT_H

#include <stdio.h>

#include "bangfu/checklist.h"
#include "bangfu/eligibility.h"
#include "bangfu/store.h"
#include "bangfu/workflow.h"

/* The handout: exactly what the applicant still has to bring, and what was
 * already received or waived. u may be NULL. */
void bf_checklist_handout_text(FILE *out, const struct bf_case *c, const struct bf_checklist *cl,
                               const struct bf_unit *u, bf_date today);
int bf_checklist_handout_pdf(bf_outfile *out, const struct bf_case *c,
                             const struct bf_checklist *cl, const struct bf_unit *u, bf_date today,
                             bf_error *err);

/* The file form for signatures: A4, the employee and household, income,
 * causes, the five clears, the bank card, the unit's and the union's
 * opinions with seal boxes, the 建档人 / 审核人 / 录入人 boxes and the
 * applicant's signature line. The full ID and card numbers are printed: it
 * is the employee's own file, not a notice. a is the case's assessment;
 * r (may be NULL) the latest review, which fills the union's opinion and
 * the reviewer when the form leaves them empty; u may be NULL. */
int bf_form_pdf(bf_outfile *out, const struct bf_case *c, const struct bf_assessment *a,
                const struct bf_review *r, const struct bf_unit *u, bf_error *err);

/* "第三类" for 1..5, "" otherwise. */
const char *bf_category_zh(int category);

#endif
