/* checklist.h — a case's document checklist (材料清单): the documents its
 * facts require (documents.h) merged with what was recorded per item
 * (pure domain code; workflow_store.h loads and saves it).
 *
 * Re-deriving after the facts change: items that still apply keep their
 * status, new ones appear as missing, and recorded items that no longer
 * apply are kept (required = false) as history but count for nothing. */
#ifndef BANGFU_CHECKLIST_H
#define BANGFU_CHECKLIST_H

#include "bangfu/casefile.h"
#include "bangfu/documents.h"
#include "bangfu/eligibility.h"

enum bf_item_status { BF_ITEM_MISSING = 0, BF_ITEM_RECEIVED, BF_ITEM_WAIVED, BF_ITEM_STATUS_COUNT };
const char *bf_item_status_code(enum bf_item_status s);  /* "missing", "received", "waived" */
const char *bf_item_status_label(enum bf_item_status s); /* translated */
int bf_item_status_parse(const char *code);              /* -1 if unknown */

/* The key that names the documented alternative to the disaster proof as a
 * pair: the employee's written statement plus the union's stamped
 * investigation note, ticked together. */
#define BF_PAIR_KEY "disaster_pair"

struct bf_checklist_item {
	char key[64]; /* stable key (documents.h) */
	enum bf_doc_kind kind;
	int member;        /* index into the case's members, -1 household/unknown */
	int64_t member_id; /* storage id of the member, 0 for the household */
	char member_name[BF_NAME_SZ];
	int alt_group; /* see struct bf_required_doc */
	bool pair_member;
	char why[256]; /* why it is needed (translated), "" when obsolete */
	bool required; /* the current facts require it */
	bool stored;   /* something was recorded for it */

	enum bf_item_status status;
	char received_date[BF_DATE_SZ];
	int copies;
	char received_by[64];
	char note[BF_TEXT_SZ];
	char waive_reason[BF_TEXT_SZ];
	char waived_by[64];
};

struct bf_checklist {
	struct bf_checklist_item *items;
	size_t n, cap;
};

void bf_checklist_init(struct bf_checklist *cl);
void bf_checklist_free(struct bf_checklist *cl);
/* A new zeroed item at the end (status missing, member -1), or NULL when
 * out of memory. */
struct bf_checklist_item *bf_checklist_add(struct bf_checklist *cl);

/* Derive the documents the case requires (a may be NULL: counted with the
 * seed's settings) and merge the recorded items of `stored` (status and
 * details; matched by key) into out, which is emptied first. Required items
 * come first in derivation order, then recorded items no longer required.
 * Returns false when out of memory. */
bool bf_checklist_merge(const struct bf_case *c, const struct bf_assessment *a,
                        const struct bf_checklist *stored, struct bf_checklist *out);

/* Received or waived. */
bool bf_item_done(const struct bf_checklist_item *it);
/* "ID card copy (李四)" (translated label) */
void bf_item_title(const struct bf_checklist_item *it, char *buf, size_t n);
/* "身份证复印件（李四）" — Chinese, for printed handouts */
void bf_item_title_zh(const struct bf_checklist_item *it, char *buf, size_t n);

/* Requirements, counting the disaster proof and its alternative pair as
 * one requirement. */
struct bf_checklist_summary {
	size_t required;         /* requirements in force */
	size_t done;             /* met (received or waived; the pair only when both are) */
	size_t missing;          /* required - done */
	char missing_text[1024]; /* titles of the missing ones, "; "-separated ("…" if cut) */
};
void bf_checklist_summarize(const struct bf_checklist *cl, struct bf_checklist_summary *s);
/* Whether the alternative group the item belongs to is met (false for 0). */
bool bf_checklist_group_done(const struct bf_checklist *cl, int alt_group);

/* Which items a user means by text: the exact key; BF_PAIR_KEY (both items
 * of the alternative pair); a number (1-based position among the required
 * items, as listed); "code:name" (a member's item by the member's name); or
 * a document code that only one required item has. Writes item indexes
 * into idx and returns how many (1, or 2 for the pair); on failure returns
 * -1 and msg says why (unknown, ambiguous: listing the keys). */
int bf_checklist_resolve(const struct bf_checklist *cl, const char *text, size_t *idx, size_t max,
                         char *msg, size_t n);

#endif
