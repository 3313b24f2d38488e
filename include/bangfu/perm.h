/* perm.h — roles and the one permission table (pure domain code).
 *
 * Every action a role may or may not take is a row of BF_PERMS below, with
 * one column per role. The screens ask bf_perm_allowed() to hide what the
 * operator cannot do; the store asks the same table (bf_store_require in
 * accounts.h) and refuses anyway. Nothing else decides. */
#ifndef BANGFU_PERM_H
#define BANGFU_PERM_H

#include "bangfu/common.h"

/* X(ID, "code", "English label") — the codes are what operator.role holds. */
/* clang-format off */
#define BF_ROLES(X) \
	X(ROLE_CLERK,    "clerk",    N_("Clerk")) \
	X(ROLE_REVIEWER, "reviewer", N_("Reviewer")) \
	X(ROLE_ADMIN,    "admin",    N_("Union chair / administrator")) \
	X(ROLE_DISTRICT, "district", N_("District staff"))
/* clang-format on */

/* BF_ROLE_NONE (0): nobody is logged in; it may do nothing that needs a
 * permission. */
#define BF_ROLE_ID(id, code, label) BF_##id,
enum bf_role { BF_ROLE_NONE = 0, BF_ROLES(BF_ROLE_ID) BF_ROLE_END };
#undef BF_ROLE_ID
#define BF_ROLE_COUNT (BF_ROLE_END - 1)

/* THE permission table: X(ID, "code", "what it allows" (English msgid, to
 * follow "may not"), clerk, reviewer, admin, district).
 *
 * The administrator is the union chair: besides settings, accounts,
 * submission and closing, a small union's chair does the casework too. The
 * district's staff work only on what units send them. Everyone sees files
 * (numbers masked), may reveal a number (audited) and changes their own
 * password. */
/* clang-format off */
#define BF_PERMS(X) \
	/*                                                                                 C  R  A  D */ \
	X(PERM_CASE_VIEW,       "case_view",       N_("see case files (numbers masked)"),              1, 1, 1, 1) \
	X(PERM_REVEAL,          "reveal",          N_("reveal a full ID, bank card or phone number"),  1, 1, 1, 1) \
	X(PERM_CASE_EDIT,       "case_edit",       N_("take in and edit case files"),                  1, 0, 1, 0) \
	X(PERM_CHECKLIST,       "checklist",       N_("keep the document checklist"),                  1, 0, 1, 0) \
	X(PERM_DRAFT,           "draft",           N_("keep drafts of unsaved input"),                 1, 1, 1, 0) \
	X(PERM_REVIEW,          "review",          N_("record review decisions"),                      0, 1, 1, 0) \
	X(PERM_PUBLICITY,       "publicity",       N_("run the publicity period"),                     0, 1, 1, 0) \
	X(PERM_SUBMIT,          "submit",          N_("submit files to the district"),                 0, 0, 1, 0) \
	X(PERM_CLOSE,           "close",           N_("close files"),                                  0, 0, 1, 0) \
	X(PERM_EXPORT_FULL,     "export_full",     N_("export with full ID, bank and phone numbers"),  0, 0, 1, 1) \
	X(PERM_SETTINGS,        "settings",        N_("change the unit's details and settings"),       0, 0, 1, 0) \
	X(PERM_USERS,           "users",           N_("create, disable, reset and unlock accounts"),   0, 0, 1, 0) \
	X(PERM_AUDIT_VIEW,      "audit_view",      N_("read the audit log"),                           0, 0, 1, 0) \
	X(PERM_PURGE,           "purge",           N_("purge closed files past the retention period"), 0, 0, 1, 0) \
	X(PERM_DISTRICT_IMPORT, "district_import", N_("import units' submission packages"),            0, 0, 0, 1) \
	X(PERM_CONSOLIDATE,     "consolidate",     N_("consolidate the district's lists"),             0, 0, 0, 1) \
	X(PERM_DISTRICT_DECIDE, "district_decide", N_("record the district's decisions"),              0, 0, 0, 1) \
	X(PERM_OWN_PASSWORD,    "own_password",    N_("change one's own password"),                    1, 1, 1, 1)
/* clang-format on */

#define BF_PERM_ID(id, code, label, c, r, a, d) BF_##id,
enum bf_perm { BF_PERMS(BF_PERM_ID) BF_PERM_COUNT };
#undef BF_PERM_ID

/* The table's cell. False for BF_ROLE_NONE and anything out of range. */
bool bf_perm_allowed(enum bf_role role, enum bf_perm perm);
/* The table's cell in a unit's database (district_db false); in a district's
 * database the administrator is the district union's own and also does its
 * staff's work (import, consolidate, decide, reply), so a district with one
 * account works from its first login. Everything else asks this. */
bool bf_perm_allowed_at(enum bf_role role, enum bf_perm perm, bool district_db);
/* perms a set of (1u << BF_PERM_...) bits: whether role holds any one, in a
 * unit's database (bf_perm_any) or in either kind (bf_perm_any_at). */
bool bf_perm_any(enum bf_role role, unsigned perms);
bool bf_perm_any_at(enum bf_role role, unsigned perms, bool district_db);

const char *bf_role_code(enum bf_role r);  /* "" for NONE / out of range */
const char *bf_role_label(enum bf_role r); /* translated */
/* BF_ROLE_NONE if unknown. */
enum bf_role bf_role_parse(const char *code);
const char *bf_perm_code(enum bf_perm p);
const char *bf_perm_label(enum bf_perm p); /* translated, lower case: "close files" */
/* -1 if unknown. */
int bf_perm_parse(const char *code);

/* The refusal, translated, naming the roles that may (in a unit's
 * database): "Clerk: may not close files (Union chair / administrator
 * may)." / "Nobody is logged in: ..." */
void bf_perm_denied(enum bf_role role, enum bf_perm perm, char *buf, size_t n);
/* The same in either kind of database (bf_perm_allowed_at). */
void bf_perm_denied_at(enum bf_role role, enum bf_perm perm, bool district_db, char *buf, size_t n);
/* The roles holding any one of perms (a set of 1u << BF_PERM_... bits),
 * translated, separated by ", "; "" if none. */
void bf_perm_who(unsigned perms, bool district_db, char *buf, size_t n);

#endif
