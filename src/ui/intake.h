/* intake.h — private to the intake screens (scr_intake.c, scr_member.c):
 * the table that maps form fields to the case structs, the typed text kept
 * when it cannot be stored in a struct, and what the member sub-form asks of
 * the intake screen that opened it. */
#ifndef BANGFU_UI_INTAKE_H
#define BANGFU_UI_INTAKE_H

#include "bangfu/casefile.h"
#include "bangfu/eligibility.h"
#include "bangfu/ui_form.h"

/* ---- field definitions --------------------------------------------------------- */

enum ik {
	IK_HEAD,     /* section heading */
	IK_STR,      /* char[] */
	IK_INT,      /* int; empty = 0 */
	IK_MONEY,    /* bf_fen; empty = 0 */
	IK_DATE,     /* char[11], ISO */
	IK_ID,       /* char[19], resident ID */
	IK_CARD,     /* char[20], bank card */
	IK_PHONE,    /* char[24], mobile or landline */
	IK_POSTCODE, /* char[8], six digits */
	IK_ENUM,     /* an enum of casefile.h (ek) */
	IK_CAUSE,    /* int cause or BF_CAUSE_NONE */
	IK_BOOL,     /* bool */
	IK_OVERRIDE, /* count_override: 0, 1, -1 */
	IK_INFO,     /* read-only, filled by the screen */
};

enum ibase { IB_CASE, IB_MEMBER };

struct idef {
	const char *key;
	const char *label; /* msgid */
	enum ik kind;
	enum ibase base;
	size_t off, size;
	int ek;       /* IK_ENUM: enum bf_enum_kind */
	bool no_self; /* IK_ENUM on relation: "self" is not offered */
	int width, max_chars;
	unsigned flags;
	int lo, hi; /* IK_INT range */
};

#define IDEF_CASE(k, l, kd, f, ...)                                                           \
	{                                                                                     \
		.key = k, .label = l, .kind = kd, .base = IB_CASE,                            \
		.off = offsetof(struct bf_case, f), .size = sizeof(((struct bf_case *)0)->f), \
		__VA_ARGS__                                                                   \
	}
#define IDEF_MEM(k, l, kd, f, ...)                                                                \
	{                                                                                         \
		.key = k, .label = l, .kind = kd, .base = IB_MEMBER,                              \
		.off = offsetof(struct bf_member, f), .size = sizeof(((struct bf_member *)0)->f), \
		__VA_ARGS__                                                                       \
	}
#define IDEF_HEAD(l)                                     \
	{                                                \
		.key = NULL, .label = l, .kind = IK_HEAD \
	}

/* The form field for a definition. */
void idef_spec(const struct idef *d, struct bf_field_spec *sp);
/* After bf_form_add: filters for phone and postcode. */
void idef_setup(const struct idef *d, struct bf_form *f, int idx);
/* Form -> struct (cs for IB_CASE, m for IB_MEMBER). false when the typed
 * text could not be stored as typed (it is then kept as raw text). */
bool idef_get(const struct idef *d, const struct bf_form *f, int idx, struct bf_case *cs,
              struct bf_member *m);
/* Struct -> form. */
void idef_put(const struct idef *d, struct bf_form *f, int idx, const struct bf_case *cs,
              const struct bf_member *m);

/* ---- typed text that does not fit the structs ---------------------------------- */

#define RAW_MAX 8
struct raw_entry {
	char key[24];
	char text[96];
	char msg[256];
};
struct raw_set {
	int n;
	struct raw_entry e[RAW_MAX];
};
void raw_add(struct raw_set *rs, const char *key, const char *text, const char *msg);
/* Put the kept texts back into a form, messages beside them. */
void raw_apply(const struct raw_set *rs, struct bf_form *f);

/* ---- the intake screen, as the member sub-form sees it -------------------------- */

struct intake;
struct bf_case *intake_case(struct intake *in);
struct raw_set *intake_mraw(struct intake *in, size_t m);
bf_date intake_today(const struct intake *in);
/* Something was typed in a sub-form: the case has unsaved changes. */
void intake_touched(struct intake *in);
/* A field was left in a sub-form (its values are in the case already):
 * recompute the panel and the member rows, keep a draft. */
void intake_field_left(struct intake *in);
/* Where the form and the live panel go in a screen's body. */
void intake_split(struct bf_rect body, struct bf_rect *form, struct bf_rect *panel, bool *strip);
void intake_draw_panel(struct intake *in, WINDOW *w, struct bf_rect r, bool strip);
/* Ctrl-S from a sub-form (which has closed itself first). */
void intake_save(struct intake *in);
/* Keep a draft now (if anything changed). 0 on success. */
int intake_keep_draft(struct intake *in);
/* The member sub-form for member m is open (screen) or closed (NULL). */
void intake_member_screen(struct intake *in, struct bf_screen *s, size_t m);
/* The sub-form closed; drop = remove the member (added and left empty). */
void intake_member_closed(struct intake *in, size_t m, bool drop);
/* A new member after the focused one, its sub-form opened (^O). */
void intake_add_member(struct intake *in);
/* The member form's suggestions (bf_member_usual_status / _proof) for the
 * fields status and proof, where the form still holds the last suggestion
 * (auto_status, auto_proof: n bytes each); the employee's form uses it too. */
void member_suggest(struct bf_form *f, bf_date today, char *auto_status, char *auto_proof,
                    size_t n);
/* The assessment in full, on its own scrolling screen. */
void intake_show_assessment(struct intake *in);
/* Member checks shared by both forms (diagnosis year, disability grade). */
enum bf_check intake_member_check(struct bf_form *f, const char *key, bf_error *err);

/* ---- the member sub-form (scr_member.c) ------------------------------------------ */

int member_open(struct bf_app *app, struct intake *in, size_t m, bool is_new);
/* Copy the open sub-form into the case (and its raw texts into intake_mraw). */
void member_sync(struct bf_screen *ms);
/* The open sub-form's form (tests). */
struct bf_form *member_form(struct bf_screen *ms);

/* Tests: the intake's form and case, from the screen on top. */
struct bf_form *intake_form(struct bf_screen *s);
struct intake *intake_of(struct bf_screen *s);

#endif
