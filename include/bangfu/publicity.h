/* publicity.h — the workplace publicity notice (公示): its period, the
 * notice built from an editable template, what a notice may show, and the
 * rules objections (异议) follow. Pure domain code: no SQL, no curses.
 *
 * A round (公示轮次) lists approved cases of one unit for N working days
 * (setting publicity_days, default 5) on the holiday calendar. Privacy is
 * built in: a notice line is made from the case only through
 * bf_pub_entry_from_case, which copies the name, department, aid category
 * and amount, and a masked ID number — never the bank card, a phone, an
 * income or a diagnosis. */
#ifndef BANGFU_PUBLICITY_H
#define BANGFU_PUBLICITY_H

#include "bangfu/casefile.h"
#include "bangfu/common.h"
#include "bangfu/date.h"
#include "bangfu/money.h"
#include "bangfu/progress.h"

#define BF_PUB_DEFAULT_DAYS 5

/* ---- rounds ----------------------------------------------------------------- */

enum bf_round_status { BF_ROUND_OPEN = 0, BF_ROUND_CLOSED };
const char *bf_round_status_code(int s);     /* "open", "closed" */
const char *bf_round_status_label(int s);    /* translated */
int bf_round_status_parse(const char *code); /* -1 if unknown */

/* The last day of a period of `days` working days starting on start (the
 * start counts when it is a working day). days <= 0 uses the default. */
bf_date bf_pub_period_end(const struct bf_calendar *cal, bf_date start, int days);
/* Working days left from today to end, both counted; 0 once it is over. */
int bf_pub_days_left(const struct bf_calendar *cal, bf_date today, bf_date end);

/* A round may be closed only after its last day, and with no objection
 * open (recorded or under investigation). msg says why not. */
bool bf_round_close_check(bf_date today, bf_date end, size_t objections_open, char *msg, size_t n);

/* The main screen's warning: rounds whose last day is today, rounds past
 * their last day not yet closed, objections waiting (recorded or under
 * investigation). "" when there is nothing to say. Translated. */
void bf_pub_alert_text(size_t ending_today, size_t overdue, size_t objections_waiting, char *buf,
                       size_t n);

/* ---- objections (异议) -------------------------------------------------------- */

#define BF_OBJ_STATUSES(X)                                               \
	X(OBJ_OPEN, "open", N_("Recorded"))                              \
	X(OBJ_INVESTIGATING, "investigating", N_("Under investigation")) \
	X(OBJ_UPHELD, "upheld", N_("Upheld"))                            \
	X(OBJ_DISMISSED, "dismissed", N_("Dismissed"))
#define BF_OBJ_ID(id, code, label) BF_##id,
enum bf_obj_status { BF_OBJ_STATUSES(BF_OBJ_ID) BF_OBJ_STATUS_COUNT };
#undef BF_OBJ_ID
const char *bf_obj_status_code(int s);
const char *bf_obj_status_label(int s); /* translated */
int bf_obj_status_parse(const char *code);
/* Recorded or under investigation: blocks closing the round. */
bool bf_obj_is_open(int s);

#define BF_OBJ_VIAS(X)                                   \
	X(VIA_PHONE, "phone", N_("By phone"), "电话")    \
	X(VIA_LETTER, "letter", N_("By letter"), "信函") \
	X(VIA_IN_PERSON, "in_person", N_("In person"), "当面")
#define BF_VIA_ID(id, code, label, zh) BF_##id,
enum bf_obj_via { BF_OBJ_VIAS(BF_VIA_ID) BF_VIA_COUNT };
#undef BF_VIA_ID
const char *bf_obj_via_code(int v);
const char *bf_obj_via_label(int v); /* translated */
const char *bf_obj_via_zh(int v);
int bf_obj_via_parse(const char *text); /* code, Chinese or English label; -1 */

enum bf_obj_action { BF_OBJ_INVESTIGATE, BF_OBJ_UPHOLD, BF_OBJ_DISMISS };
/* May an objection in state s take the action? text is the note (investigate)
 * or the reason (uphold, dismiss), which is required. round_open: the round
 * is still open. msg says why not. */
bool bf_obj_check(int s, enum bf_obj_action a, const char *text, bool round_open, char *msg,
                  size_t n);
/* A new objection: the claim is required; the date not after today and not
 * before the round starts; anonymous or named. */
bool bf_obj_new_check(const char *claim, bf_date received, bf_date round_start, bf_date today,
                      char *msg, size_t n);

/* ---- the notice ------------------------------------------------------------------ */

/* One line of a notice: all a notice may ever show of a person. */
struct bf_pub_entry {
	char number[32]; /* file number (for the office; not printed on the notice) */
	char name[BF_NAME_SZ];
	char department[BF_TEXT_SZ];
	char id_masked[BF_ID_SZ + 8]; /* the first id_digits of the region code, starred */
	int category;                 /* 1..5, 0 unknown */
	bf_fen amount;                /* proposed aid, 0 unknown */
};
/* The only way a case becomes a notice line; id_digits: how many digits of
 * the ID number it shows (bf_mask_id_notice: 0 to BF_NOTICE_ID_DIGITS_MAX). */
void bf_pub_entry_from_case(struct bf_pub_entry *e, const struct bf_case *c, int category,
                            bf_fen amount, int id_digits);

struct bf_pub_notice {
	struct bf_audit_stamp stamp; /* the printed notice's footer (common.h) */
	const char *unit_name, *union_name;
	const char *place, *contact, *phone, *office;
	bf_date start, end, signed_on;
	int days;
	const struct bf_pub_entry *entries;
	size_t n;
	/* the PDF tells it the rows laid out of n, then the pages written of
	 * all; when it says stop the PDF fails, writing nothing. May be NULL. */
	bf_progress_fn progress;
	void *progress_ud;
};

/* The default template (Chinese). Placeholders: {unit} {union} {count}
 * {list} {start} {end} {days} {place} {contact} {phone} {office} {date}.
 * {list} is replaced by the table of entries, one a line. Unknown
 * placeholders are left as they are. */
const char *bf_pub_default_template(void);
/* Render; malloc'd (NULL when out of memory). */
char *bf_pub_render(const char *tpl, const struct bf_pub_notice *nt);
/* The list as text lines: "序号 姓名 部门 身份证号 类别 金额". malloc'd. */
char *bf_pub_list_text(const struct bf_pub_entry *e, size_t n);
/* "2026年3月2日" */
void bf_date_zh(bf_date d, char *buf, size_t n);

#endif
