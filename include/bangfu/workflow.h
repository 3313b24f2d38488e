/* workflow.h — the states a case moves through (pure domain code).
 * The transition table lives in workflow.c. */
#ifndef BANGFU_WORKFLOW_H
#define BANGFU_WORKFLOW_H

#include "bangfu/common.h"

/* X(ID, "code", "English label") — the codes are what case_file.status holds. */
#define BF_STATES(X)                                                           \
	X(STATE_DRAFT, "draft", N_("Draft"))                                   \
	X(STATE_DOCS_COMPLETE, "docs_complete", N_("Documents complete"))      \
	X(STATE_APPROVED, "approved", N_("Approved"))                          \
	X(STATE_REJECTED, "rejected", N_("Rejected"))                          \
	X(STATE_IN_PUBLICITY, "in_publicity", N_("In publicity"))              \
	X(STATE_PUBLICITY_PASSED, "publicity_passed", N_("Publicity passed"))  \
	X(STATE_OBJECTION_UPHELD, "objection_upheld", N_("Objection upheld"))  \
	X(STATE_SUBMITTED, "submitted", N_("Submitted"))                       \
	X(STATE_ACCEPTED, "accepted", N_("Accepted by the district"))          \
	X(STATE_RETURNED, "returned", N_("Returned by the district"))          \
	X(STATE_AIDED, "aided", N_("Aided"))                                   \
	X(STATE_CLOSED, "closed", N_("Closed"))

#define BF_STATE_ID(id, code, label) BF_##id,
enum bf_state { BF_STATES(BF_STATE_ID) BF_STATE_COUNT };
#undef BF_STATE_ID

const char *bf_state_code(enum bf_state s);
const char *bf_state_label(enum bf_state s); /* translated */
/* -1 if unknown. */
int bf_state_parse(const char *code);
/* Translated label for a status code ("?" + code when unknown). */
const char *bf_state_label_of(const char *code);

#endif
