/* ui_form.h — a data-entry form of typed fields, one per row, labels
 * aligned by display width, validated as each field is left.
 *
 * Leaving a field (Tab, Down, Enter, Shift-Tab, Up) checks it: the field
 * type's check (calling the domain: bf_money_parse, bf_idcard_validate,
 * bf_bankcard_check, bf_mobile_validate, bf_date_parse), then the form's
 * own check callback; a message is shown beside the field (below it when
 * there is no room) and the text is kept as typed — the user may go on and
 * come back. Warnings (a bank card failing Luhn) are shown but allowed.
 * Then on_leave is called (save a draft, recompute a live panel).
 *
 * Numeric types turn full-width digits (from a Chinese input method) into
 * ASCII and refuse letters with a message. A choice field cycles with
 * Left/Right/Space, takes 1-9 directly, and opens a pick list with Enter.
 * The form scrolls when taller than its window. */
#ifndef BANGFU_UI_FORM_H
#define BANGFU_UI_FORM_H

#include "bangfu/date.h"
#include "bangfu/ui.h"
#include "bangfu/ui_edit.h"

enum bf_field_type {
	BF_FIELD_TEXT = 0,
	BF_FIELD_INT,
	BF_FIELD_MONEY,    /* yuan text; value.money in fen */
	BF_FIELD_DATE,     /* YYYY-MM-DD (20240315 and 2024.3.15 accepted) */
	BF_FIELD_CHOICE,   /* one of spec.choices */
	BF_FIELD_IDCARD,   /* resident ID number; value.date = birth date */
	BF_FIELD_BANKCARD, /* 16-19 digits; Luhn failure is a warning */
	BF_FIELD_PHONE,    /* mainland mobile */
	BF_FIELD_HEADING,  /* a section title: shown, never focused */
};

enum bf_field_flags {
	BF_FIELD_REQUIRED = 1 << 0,       /* empty is an error at bf_form_validate_all */
	BF_FIELD_ALLOW_NEGATIVE = 1 << 1, /* INT and MONEY */
	BF_FIELD_READONLY = 1 << 2,       /* shown, never focused */
	/* An optional detail with a default (ethnicity, health, the employer's
	 * industry...): Tab and Enter pass it by, Down and Up stop at it, so the
	 * usual case is typed without crossing it. */
	BF_FIELD_EXTRA = 1 << 3,
};

struct bf_choice {
	const char *code;  /* what bf_form_get returns (stored value) */
	const char *label; /* msgid shown */
};

struct bf_field_spec {
	const char *key;   /* the caller's name for it: "id_number" */
	const char *label; /* msgid */
	enum bf_field_type type;
	int width;                       /* columns of the input box; 0 = the type's default */
	int max_chars;                   /* 0 = the type's default */
	unsigned flags;                  /* enum bf_field_flags */
	const struct bf_choice *choices; /* CHOICE: ends with {NULL, NULL} */
	int64_t min, max;                /* INT: accepted range when min < max */
};

enum bf_check { BF_CHECK_OK = 0, BF_CHECK_WARN, BF_CHECK_ERROR };

struct bf_field {
	struct bf_field_spec spec;
	struct bf_edit edit; /* text of every type but CHOICE and HEADING */
	int choice;          /* CHOICE: index, -1 = none */
	int n_choices;
	enum bf_check state; /* result of the last check */
	char msg[256];       /* its message, "" if none */
	bool checked;        /* checked since the last change */
	char typed[8];       /* CHOICE: letters typed to pick an option, since it got focus */
	/* Parsed at the last successful check of a non-empty field. */
	union {
		int64_t i;    /* INT */
		bf_fen money; /* MONEY */
		bf_date date; /* DATE; IDCARD: birth date */
	} value;
};

struct bf_form;
/* The form's own check, after the type's: return BF_CHECK_WARN or
 * BF_CHECK_ERROR with err set to the message. */
typedef enum bf_check (*bf_form_check_fn)(struct bf_form *f, int idx, bf_error *err, void *user);
typedef void (*bf_form_leave_fn)(struct bf_form *f, int idx, void *user);

struct bf_form {
	struct bf_app *app; /* for the pick list and messages */
	struct bf_field *fields;
	int n, cap;
	int focus;     /* index of the focused field, -1 if none */
	int top;       /* first row shown (scrolling) */
	bf_date today; /* ID numbers may not be born after it */
	bf_form_check_fn check;
	bf_form_leave_fn on_leave;
	void *user;
	bool dirty; /* changed since bf_form_clean */
};

void bf_form_init(struct bf_form *f, struct bf_app *app, bf_date today);
void bf_form_free(struct bf_form *f);
/* Add a field; returns its index. The first focusable field gets focus. */
int bf_form_add(struct bf_form *f, const struct bf_field_spec *spec);
void bf_form_add_all(struct bf_form *f, const struct bf_field_spec *specs, size_t n);
/* Index of the field with this key, or -1. */
int bf_form_find(const struct bf_form *f, const char *key);
struct bf_field *bf_form_field(struct bf_form *f, int idx);

/* Text as UTF-8 (CHOICE: the code, "" if none). Set does not check and
 * does not make the form dirty. */
bool bf_form_get(const struct bf_form *f, int idx, char *out, size_t n);
void bf_form_set(struct bf_form *f, int idx, const char *utf8);
void bf_form_clean(struct bf_form *f);

/* Check one field now (sets its message). */
enum bf_check bf_form_check_field(struct bf_form *f, int idx);
/* Check all fields (required ones must not be empty); focus the first with
 * an error and return its index, or -1 when all are fine. */
int bf_form_validate_all(struct bf_form *f);
/* Move the focus (checking the field left and calling on_leave). */
void bf_form_focus(struct bf_form *f, int idx);

/* The field Tab (dir 1) or Shift-Tab (-1) goes to from the focus, optional
 * details passed by; -1 at the end. */
int bf_form_next(const struct bf_form *f, int dir);

/* Keys and actions for the hosting screen to forward; true if used.
 * Down and Up go to every field in turn; Tab, Enter and Shift-Tab pass
 * optional details (BF_FIELD_EXTRA) by. A CHOICE takes a digit (the n-th
 * option) or letters: the first letters of an option, its pinyin initials
 * in Chinese ("sy" 失业), a letter again for the next option with it. */
bool bf_form_input(struct bf_form *f, bf_key k);
bool bf_form_action(struct bf_form *f, enum bf_action a);
/* True while a field has focus (printable keys type). */
bool bf_form_typing(const struct bf_form *f);

void bf_form_draw(struct bf_form *f, WINDOW *w, struct bf_rect r);

#endif
