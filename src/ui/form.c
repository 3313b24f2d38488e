/* form.c — typed fields, checked by the domain's validators as they are
 * left; messages beside the field; scrolling. */
#include "config.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/ident.h"
#include "bangfu/money.h"
#include "bangfu/pinyin.h"
#include "bangfu/ui_dialog.h"
#include "bangfu/ui_form.h"

static const struct {
	int width, max_chars;
	const char *refuse; /* what the field takes, for a refused key */
} type_info[] = {
    [BF_FIELD_TEXT] = {30, 60, NULL},
    [BF_FIELD_INT] = {10, 12, N_("This field takes digits only.")},
    [BF_FIELD_MONEY] = {14, 20, N_("An amount takes digits, a comma and a decimal point.")},
    [BF_FIELD_DATE] = {12, 12, N_("A date takes digits and -, e.g. 2024-03-15.")},
    [BF_FIELD_CHOICE] = {0, 0, N_("Choose with Left/Right or Space, or Enter for the list.")},
    [BF_FIELD_IDCARD] = {20, 22, N_("An ID number takes digits and X.")},
    [BF_FIELD_BANKCARD] = {24, 29, N_("A card number takes digits only.")},
    [BF_FIELD_PHONE] = {14, 16, N_("A phone number takes digits only.")},
    [BF_FIELD_HEADING] = {0, 0, NULL},
};

static bool is_text_type(enum bf_field_type t)
{
	return t != BF_FIELD_CHOICE && t != BF_FIELD_HEADING;
}

static bool focusable(const struct bf_field *fd)
{
	return fd->spec.type != BF_FIELD_HEADING && !(fd->spec.flags & BF_FIELD_READONLY);
}

/* Typed-character filter: full-width ASCII (from Chinese input methods)
 * becomes ASCII for the numeric types; letters are refused there. */
static wchar_t type_filter(wchar_t c, void *data)
{
	enum bf_field_type t = (enum bf_field_type)(intptr_t)data;
	if (c >= 0xff01 && c <= 0xff5e)
		c -= 0xfee0;
	else if (c == 0x3000)
		c = ' ';
	bool digit = c >= '0' && c <= '9';
	switch (t) {
	case BF_FIELD_INT:
		return digit || c == '-' ? c : 0;
	case BF_FIELD_MONEY:
		return digit || wcschr(L".,- \xa5\xffe5", c) ? c : 0;
	case BF_FIELD_DATE:
		return digit || wcschr(L"-./", c) ? c : 0;
	case BF_FIELD_IDCARD:
		return digit || c == 'x' || c == 'X' || c == ' ' ? c : 0;
	case BF_FIELD_BANKCARD:
		return digit || c == ' ' || c == '-' ? c : 0;
	case BF_FIELD_PHONE:
		return digit || c == ' ' || c == '-' || c == '+' ? c : 0;
	default:
		return c;
	}
}

void bf_form_init(struct bf_form *f, struct bf_app *app, bf_date today)
{
	memset(f, 0, sizeof *f);
	f->app = app;
	f->focus = -1;
	f->today = today;
}

void bf_form_free(struct bf_form *f)
{
	for (int i = 0; i < f->n; i++)
		if (is_text_type(f->fields[i].spec.type))
			bf_edit_free(&f->fields[i].edit);
	free(f->fields);
	f->fields = NULL;
	f->n = f->cap = 0;
}

int bf_form_add(struct bf_form *f, const struct bf_field_spec *spec)
{
	if (f->n == f->cap) {
		int cap = f->cap ? f->cap * 2 : 16;
		struct bf_field *p = realloc(f->fields, (size_t)cap * sizeof *p);
		if (!p)
			abort();
		f->fields = p;
		f->cap = cap;
	}
	struct bf_field *fd = &f->fields[f->n];
	memset(fd, 0, sizeof *fd);
	fd->spec = *spec;
	fd->choice = -1;
	if (!fd->spec.width)
		fd->spec.width = type_info[spec->type].width;
	if (!fd->spec.max_chars)
		fd->spec.max_chars = type_info[spec->type].max_chars;
	if (spec->type == BF_FIELD_CHOICE) {
		int w = 4;
		for (const struct bf_choice *c = spec->choices; c && c->code; c++) {
			int cw = bf_str_width(_(c->label)) + 4;
			w = cw > w ? cw : w;
			fd->n_choices++;
		}
		if (!spec->width)
			fd->spec.width = w;
	}
	if (is_text_type(spec->type)) {
		bf_edit_init(&fd->edit, (size_t)fd->spec.max_chars);
		if (spec->type != BF_FIELD_TEXT) {
			fd->edit.filter = type_filter;
			fd->edit.filter_data = (void *)(intptr_t)spec->type;
		}
	}
	int idx = f->n++;
	if (f->focus < 0 && focusable(fd))
		f->focus = idx;
	return idx;
}

void bf_form_add_all(struct bf_form *f, const struct bf_field_spec *specs, size_t n)
{
	for (size_t i = 0; i < n; i++)
		bf_form_add(f, &specs[i]);
}

int bf_form_find(const struct bf_form *f, const char *key)
{
	for (int i = 0; i < f->n; i++)
		if (f->fields[i].spec.key && strcmp(f->fields[i].spec.key, key) == 0)
			return i;
	return -1;
}

struct bf_field *bf_form_field(struct bf_form *f, int idx)
{
	return idx >= 0 && idx < f->n ? &f->fields[idx] : NULL;
}

bool bf_form_get(const struct bf_form *f, int idx, char *out, size_t n)
{
	if (n)
		out[0] = 0;
	if (idx < 0 || idx >= f->n)
		return false;
	const struct bf_field *fd = &f->fields[idx];
	if (fd->spec.type == BF_FIELD_CHOICE)
		return fd->choice < 0 || bf_strlcpy(out, fd->spec.choices[fd->choice].code, n);
	if (!is_text_type(fd->spec.type))
		return true;
	return bf_edit_get(&fd->edit, out, n);
}

void bf_form_set(struct bf_form *f, int idx, const char *utf8)
{
	if (idx < 0 || idx >= f->n)
		return;
	struct bf_field *fd = &f->fields[idx];
	fd->checked = false;
	fd->msg[0] = 0;
	fd->state = BF_CHECK_OK;
	if (fd->spec.type == BF_FIELD_CHOICE) {
		fd->choice = -1;
		for (int i = 0; i < fd->n_choices; i++)
			if (strcmp(fd->spec.choices[i].code, utf8) == 0)
				fd->choice = i;
	} else if (is_text_type(fd->spec.type)) {
		bf_edit_set(&fd->edit, utf8);
	}
}

void bf_form_clean(struct bf_form *f)
{
	f->dirty = false;
}

/* ---- checking ---------------------------------------------------------------------- */

/* "20240315" and "2024.3.15" / "2024/3/15" / "2024-3-5" become "2024-03-15". */
static void date_normalize(const char *in, char *out, size_t n)
{
	size_t len = strlen(in);
	if (len == 8 && strspn(in, "0123456789") == 8) {
		snprintf(out, n, "%.4s-%.2s-%.2s", in, in + 4, in + 6);
		return;
	}
	int y, m, d, end = 0;
	char s1, s2;
	if (sscanf(in, "%4d%c%2d%c%2d%n", &y, &s1, &m, &s2, &d, &end) == 5 && (size_t)end == len &&
	    s1 == s2 && strchr("-./", s1) && y >= 0 && y <= 9999 && m >= 0 && m <= 99 && d >= 0 &&
	    d <= 99) {
		snprintf(out, n, "%04d-%02d-%02d", y, m, d);
		return;
	}
	bf_strlcpy(out, in, n);
}

static void replace_text(struct bf_field *fd, const char *text)
{
	char cur[512];
	bf_edit_get(&fd->edit, cur, sizeof cur);
	if (strcmp(cur, text) != 0)
		bf_edit_set(&fd->edit, text);
}

static enum bf_check type_check(struct bf_form *f, struct bf_field *fd, const char *t,
                                bf_error *err)
{
	switch (fd->spec.type) {
	case BF_FIELD_INT: {
		char *end;
		errno = 0;
		long long v = strtoll(t, &end, 10);
		if (end == t || *end || errno) {
			bf_error_set(err, "%s", _("Enter a whole number."));
			return BF_CHECK_ERROR;
		}
		if (v < 0 && !(fd->spec.flags & BF_FIELD_ALLOW_NEGATIVE)) {
			bf_error_set(err, "%s", _("The number cannot be negative."));
			return BF_CHECK_ERROR;
		}
		if (fd->spec.min < fd->spec.max && (v < fd->spec.min || v > fd->spec.max)) {
			bf_error_set(err, _("Enter a number from %lld to %lld."),
			             (long long)fd->spec.min, (long long)fd->spec.max);
			return BF_CHECK_ERROR;
		}
		fd->value.i = v;
		return BF_CHECK_OK;
	}
	case BF_FIELD_MONEY: {
		int flags =
		    (fd->spec.flags & BF_FIELD_ALLOW_NEGATIVE) ? BF_MONEY_ALLOW_NEGATIVE : 0;
		bf_fen v;
		if (!bf_money_parse(t, flags, &v, err))
			return BF_CHECK_ERROR;
		char buf[32];
		replace_text(fd, bf_money_format_plain(v, buf, sizeof buf));
		fd->value.money = v;
		return BF_CHECK_OK;
	}
	case BF_FIELD_DATE: {
		char norm[32];
		bf_date d;
		date_normalize(t, norm, sizeof norm);
		if (!bf_date_parse(norm, &d)) {
			bf_error_set(err, "%s",
			             _("Enter a real date as YYYY-MM-DD, e.g. 2024-03-15."));
			return BF_CHECK_ERROR;
		}
		replace_text(fd, norm);
		fd->value.date = d;
		return BF_CHECK_OK;
	}
	case BF_FIELD_IDCARD: {
		struct bf_idcard_info info;
		if (!bf_idcard_validate(t, f->today, &info, err))
			return BF_CHECK_ERROR;
		replace_text(fd, info.normalized);
		fd->value.date = info.birth;
		return BF_CHECK_OK;
	}
	case BF_FIELD_BANKCARD: {
		char norm[20] = "";
		enum bf_card_result r = bf_bankcard_check(t, norm, err);
		if (r == BF_CARD_INVALID)
			return BF_CHECK_ERROR;
		replace_text(fd, norm);
		return r == BF_CARD_LUHN_WARNING ? BF_CHECK_WARN : BF_CHECK_OK;
	}
	case BF_FIELD_PHONE: {
		char norm[12];
		if (!bf_mobile_validate(t, norm, err))
			return BF_CHECK_ERROR;
		replace_text(fd, norm);
		return BF_CHECK_OK;
	}
	default:
		return BF_CHECK_OK;
	}
}

static const char *fallback_msg(enum bf_field_type t, enum bf_check r)
{
	if (r == BF_CHECK_WARN)
		return _("Please check this value; it is kept.");
	switch (t) {
	case BF_FIELD_MONEY:
		return _("Enter an amount in yuan, e.g. 1290.50.");
	case BF_FIELD_IDCARD:
		return _("This is not a valid ID number.");
	case BF_FIELD_BANKCARD:
		return _("This is not a valid bank card number.");
	case BF_FIELD_PHONE:
		return _("This is not a valid mobile number.");
	default:
		return _("This value is not valid.");
	}
}

static bool field_empty(const struct bf_field *fd)
{
	if (fd->spec.type == BF_FIELD_CHOICE)
		return fd->choice < 0;
	return !is_text_type(fd->spec.type) || fd->edit.len == 0;
}

enum bf_check bf_form_check_field(struct bf_form *f, int idx)
{
	struct bf_field *fd = bf_form_field(f, idx);
	if (!fd)
		return BF_CHECK_OK;
	fd->msg[0] = 0;
	fd->state = BF_CHECK_OK;
	fd->checked = true;
	if (!focusable(fd))
		return BF_CHECK_OK;

	bf_error err = {{0}};
	enum bf_check r = BF_CHECK_OK;
	if (is_text_type(fd->spec.type)) {
		char text[512];
		bf_edit_get(&fd->edit, text, sizeof text);
		bf_trim(text);
		replace_text(fd, text);
		if (text[0])
			r = type_check(f, fd, text, &err);
	}
	if (r != BF_CHECK_ERROR && f->check) {
		bf_error err2 = {{0}};
		enum bf_check r2 = f->check(f, idx, &err2, f->user);
		if (r2 > r) {
			r = r2;
			err = err2;
		}
	}
	fd->state = r;
	if (r != BF_CHECK_OK)
		bf_strlcpy(fd->msg, err.msg[0] ? err.msg : fallback_msg(fd->spec.type, r),
		           sizeof fd->msg);
	return r;
}

int bf_form_validate_all(struct bf_form *f)
{
	int first = -1;
	for (int i = 0; i < f->n; i++) {
		struct bf_field *fd = &f->fields[i];
		if (!focusable(fd))
			continue;
		enum bf_check r = bf_form_check_field(f, i);
		if (r != BF_CHECK_ERROR && (fd->spec.flags & BF_FIELD_REQUIRED) &&
		    field_empty(fd)) {
			fd->state = r = BF_CHECK_ERROR;
			bf_strlcpy(fd->msg, _("This field must be filled in."), sizeof fd->msg);
		}
		if (r == BF_CHECK_ERROR && first < 0)
			first = i;
	}
	if (first >= 0)
		f->focus = first; /* no on_leave: nothing was left by the user */
	return first;
}

/* Focus idx, the field left already checked. */
static void take_focus(struct bf_form *f, int idx)
{
	f->focus = idx;
	struct bf_field *fd = &f->fields[idx];
	fd->typed[0] = 0;
	if (is_text_type(fd->spec.type))
		fd->edit.cur = fd->edit.len;
}

/* Check the focused field and tell the form it is left. */
static void leave_focus(struct bf_form *f)
{
	if (f->focus < 0)
		return;
	bf_form_check_field(f, f->focus);
	if (f->on_leave)
		f->on_leave(f, f->focus, f->user);
}

void bf_form_focus(struct bf_form *f, int idx)
{
	if (idx == f->focus || idx < 0 || idx >= f->n || !focusable(&f->fields[idx]))
		return;
	leave_focus(f);
	take_focus(f, idx);
}

/* ---- keys ------------------------------------------------------------------------- */

static void refused(struct bf_form *f, struct bf_field *fd)
{
	if (!f->app)
		return;
	if (is_text_type(fd->spec.type) && fd->edit.len >= fd->edit.max)
		bf_app_msg(f->app, BF_MSG_WARN, _("This field takes at most %d characters."),
		           fd->spec.max_chars);
	else if (type_info[fd->spec.type].refuse)
		bf_app_msg(f->app, BF_MSG_WARN, "%s", _(type_info[fd->spec.type].refuse));
}

static void set_choice(struct bf_form *f, struct bf_field *fd, int c);

/* The next focusable field from `from` in direction dir; optional details
 * only when all. */
static int step(const struct bf_form *f, int from, int dir, bool all)
{
	for (int i = from + dir; i >= 0 && i < f->n; i += dir)
		if (focusable(&f->fields[i]) &&
		    (all || !(f->fields[i].spec.flags & BF_FIELD_EXTRA)))
			return i;
	return -1;
}

int bf_form_next(const struct bf_form *f, int dir)
{
	return step(f, f->focus, dir < 0 ? -1 : 1, false);
}

/* Whether the option's label (as shown) starts with the letters typed: its
 * pinyin initials in Chinese ("sy" for 失业), its words in English. */
static bool choice_matches(const struct bf_choice *c, const char *typed)
{
	char initials[64];
	bf_pinyin_initials(_(c->label), initials, sizeof initials);
	return strncmp(initials, typed, strlen(typed)) == 0;
}

/* A letter typed on a choice: the option its letters so far start, else the
 * next option after the chosen one that starts with this letter. */
static bool choice_letter(struct bf_form *f, struct bf_field *fd, char letter)
{
	size_t len = strlen(fd->typed);
	int n = fd->n_choices;
	if (len + 1 < sizeof fd->typed) {
		char more[sizeof fd->typed];
		memcpy(more, fd->typed, len);
		more[len] = letter;
		more[len + 1] = 0;
		/* the chosen option still fits: keep it */
		if (len > 0 && fd->choice >= 0 &&
		    choice_matches(&fd->spec.choices[fd->choice], more)) {
			memcpy(fd->typed, more, len + 2);
			return true;
		}
		for (int i = 0; i < n && len > 0; i++)
			if (choice_matches(&fd->spec.choices[i], more)) {
				memcpy(fd->typed, more, len + 2);
				set_choice(f, fd, i);
				return true;
			}
	}
	char one[2] = {letter, 0};
	for (int k = 1; k <= n; k++) {
		int i = ((fd->choice < 0 ? -1 : fd->choice) + k) % n;
		if (choice_matches(&fd->spec.choices[i], one)) {
			memcpy(fd->typed, one, sizeof one);
			set_choice(f, fd, i);
			return true;
		}
	}
	return false;
}

static void set_choice(struct bf_form *f, struct bf_field *fd, int c)
{
	if (c != fd->choice) {
		fd->choice = c;
		fd->checked = false;
		f->dirty = true;
	}
}

static bool choice_input(struct bf_form *f, struct bf_field *fd, bf_key k)
{
	int n = fd->n_choices;
	if (n == 0)
		return false;
	switch (k) {
	case BF_KC(KEY_LEFT):
		set_choice(f, fd, fd->choice <= 0 ? n - 1 : fd->choice - 1);
		return true;
	case BF_KC(KEY_RIGHT):
	case ' ':
		set_choice(f, fd, fd->choice + 1 >= n ? 0 : fd->choice + 1);
		return true;
	case '\n': {
		if (!f->app)
			return false;
		const char *items[64];
		int m = n < 64 ? n : 64;
		for (int i = 0; i < m; i++)
			items[i] = _(fd->spec.choices[i].label);
		int c = bf_dlg_choose(f->app, _(fd->spec.label), items, (size_t)m, fd->choice);
		if (c >= 0) {
			set_choice(f, fd, c);
			bf_form_action(f, BF_ACT_NEXT_FIELD);
		}
		return true;
	}
	default:
		if (k >= '1' && k <= '9' && k - '1' < n) {
			set_choice(f, fd, k - '1');
			return true;
		}
		if (k < 128 && ((k >= 'a' && k <= 'z') || (k >= 'A' && k <= 'Z'))) {
			if (!choice_letter(f, fd, (char)(k | 0x20))) {
				char msg[64];
				snprintf(msg, sizeof msg, _("No option starts with %c."), (char)k);
				if (f->app)
					bf_app_msg(f->app, BF_MSG_WARN, "%s", msg);
			}
			return true;
		}
		if (bf_key_is_text(k)) {
			refused(f, fd);
			return true;
		}
		return false;
	}
}

bool bf_form_input(struct bf_form *f, bf_key k)
{
	struct bf_field *fd = bf_form_field(f, f->focus);
	if (!fd)
		return false;
	if (k == BF_KC(KEY_DOWN) || k == BF_KC(KEY_UP)) {
		/* every field in turn, the optional details too */
		int to = step(f, f->focus, k == BF_KC(KEY_DOWN) ? 1 : -1, true);
		if (to < 0)
			return false; /* the action's end-of-form behaviour */
		bf_form_focus(f, to);
		return true;
	}
	if (fd->spec.type == BF_FIELD_CHOICE)
		return choice_input(f, fd, k);
	if (!is_text_type(fd->spec.type))
		return false;
	fd->edit.changed = false;
	if (!bf_edit_key(&fd->edit, k))
		return false;
	if (fd->edit.changed) {
		fd->checked = false;
		f->dirty = true;
	}
	if (fd->edit.refused)
		refused(f, fd);
	return true;
}

bool bf_form_action(struct bf_form *f, enum bf_action a)
{
	if (a != BF_ACT_NEXT_FIELD && a != BF_ACT_PREV_FIELD)
		return false;
	/* left first: what it sets decides where the next field is (an ID
	 * number typed makes the birth date an optional detail) */
	leave_focus(f);
	int to = step(f, f->focus, a == BF_ACT_NEXT_FIELD ? 1 : -1, false);
	if (to >= 0) {
		take_focus(f, to);
	} else if (f->focus >= 0) {
		/* Stay: the field was checked as if it had been left. */
		if (f->app && a == BF_ACT_NEXT_FIELD) {
			char key[32];
			bf_action_key_label(BF_ACT_SAVE, true, key, sizeof key);
			bf_app_msg(f->app, BF_MSG_INFO, _("This is the last field; %s saves."),
			           key);
		}
	}
	return true;
}

bool bf_form_typing(const struct bf_form *f)
{
	return f->focus >= 0;
}

/* ---- drawing ---------------------------------------------------------------------- */

struct form_layout {
	int label_w, box_x;
};

static int box_width(const struct bf_field *fd, const struct form_layout *lay, struct bf_rect r)
{
	int avail = r.x + r.w - lay->box_x - 1;
	return fd->spec.width < avail ? fd->spec.width : avail;
}

/* Lines of a message wrapped to width; drawn from (y, x) when w is given,
 * only rows within [top, bottom). */
static int msg_lines(const char *msg, int width, attr_t a, WINDOW *w, int y, int x, int top,
                     int bottom)
{
	wchar_t text[256];
	size_t n = bf_utf8_decode(msg, text, BF_ARRAY_LEN(text));
	int lines = 0;
	for (size_t i = 0; i < n; lines++) {
		size_t len = bf_wrap_len(text + i, n - i, width);
		if (w && y + lines >= top && y + lines < bottom)
			bf_draw_wcs(w, y + lines, x, width, text + i, len, a);
		i += len;
		while (i < n && text[i] == ' ')
			i++;
	}
	return lines;
}

/* Rows a field takes: headings a blank line above (but the first), a
 * message that does not fit beside the box goes below it. */
static int field_rows(const struct bf_form *f, int i, const struct form_layout *lay,
                      struct bf_rect r, bool *below)
{
	const struct bf_field *fd = &f->fields[i];
	*below = false;
	if (fd->spec.type == BF_FIELD_HEADING)
		return i > 0 ? 2 : 1;
	if (!fd->msg[0])
		return 1;
	int mx = lay->box_x + box_width(fd, lay, r) + 2;
	*below = mx + bf_str_width(fd->msg) > r.x + r.w;
	return *below ? 1 + msg_lines(fd->msg, r.x + r.w - lay->box_x, 0, NULL, 0, 0, 0, 0) : 1;
}

static void draw_field(struct bf_form *f, int i, WINDOW *w, int y, bool below,
                       const struct form_layout *lay, struct bf_rect r, int top, int bottom)
{
	struct bf_field *fd = &f->fields[i];
	bool focused = i == f->focus;
	if (fd->spec.type == BF_FIELD_HEADING) {
		int hy = i > 0 ? y + 1 : y;
		if (hy >= top && hy < bottom)
			bf_draw_str(w, hy, r.x + 1, r.w - 2, _(fd->spec.label),
			            bf_attr(BF_ATTR_HEADER));
		return;
	}
	int bw = box_width(fd, lay, r);
	if (y >= top && y < bottom) {
		char label[256];
		snprintf(label, sizeof label, "%s%s", _(fd->spec.label),
		         (fd->spec.flags & BF_FIELD_REQUIRED) ? "*" : "");
		int lw = bf_str_width(label);
		attr_t la = focused ? bf_attr(BF_ATTR_FOCUS) | A_BOLD : A_NORMAL;
		bf_draw_str(w, y, r.x + 2 + (lay->label_w - lw > 0 ? lay->label_w - lw : 0),
		            lay->label_w, label, la);
		attr_t fa =
		    (fd->spec.flags & BF_FIELD_READONLY) ? A_NORMAL : bf_attr(BF_ATTR_FIELD);
		if (fd->spec.type == BF_FIELD_CHOICE) {
			char text[256];
			const char *cl =
			    fd->choice >= 0 ? _(fd->spec.choices[fd->choice].label) : "";
			snprintf(text, sizeof text, focused ? "< %s >" : "  %s", cl);
			bf_fill(w, y, lay->box_x, bw, fa);
			bf_draw_str(w, y, lay->box_x, bw, text, fa);
		} else {
			bf_edit_draw(&fd->edit, w, y, lay->box_x, bw, fa, focused);
		}
	}
	if (fd->msg[0]) {
		int my = below ? y + 1 : y;
		int mx = below ? lay->box_x : lay->box_x + bw + 2;
		attr_t ma =
		    fd->state == BF_CHECK_ERROR ? bf_attr(BF_ATTR_ERROR) : bf_attr(BF_ATTR_WARN);
		msg_lines(fd->msg, r.x + r.w - mx, ma, w, my, mx, top, bottom);
	}
}

void bf_form_draw(struct bf_form *f, WINDOW *w, struct bf_rect r)
{
	if (f->n == 0 || r.h <= 0)
		return;
	struct form_layout lay = {0, 0};
	for (int i = 0; i < f->n; i++) {
		const struct bf_field *fd = &f->fields[i];
		if (fd->spec.type == BF_FIELD_HEADING)
			continue;
		int lw = bf_str_width(_(fd->spec.label)) +
		         ((fd->spec.flags & BF_FIELD_REQUIRED) ? 1 : 0);
		lay.label_w = lw > lay.label_w ? lw : lay.label_w;
	}
	if (lay.label_w > r.w / 3)
		lay.label_w = r.w / 3;
	lay.box_x = r.x + 2 + lay.label_w + 2;

	/* Row of each field, then scroll so the focused field is whole. */
	int *ys = malloc((size_t)f->n * sizeof *ys);
	bool *below = malloc((size_t)f->n * sizeof *below);
	if (!ys || !below)
		abort();
	int total = 0;
	for (int i = 0; i < f->n; i++) {
		ys[i] = total;
		total += field_rows(f, i, &lay, r, &below[i]);
	}
	if (f->focus >= 0) {
		int fy = ys[f->focus], fh = (f->focus + 1 < f->n ? ys[f->focus + 1] : total) - fy;
		if (fy < f->top)
			f->top = fy;
		if (fy + fh > f->top + r.h)
			f->top = fy + fh - r.h;
	}
	if (f->top > total - r.h)
		f->top = total - r.h;
	if (f->top < 0)
		f->top = 0;

	for (int i = 0; i < f->n; i++) {
		int y = r.y + ys[i] - f->top;
		if (y >= r.y + r.h)
			break;
		if (r.y + (i + 1 < f->n ? ys[i + 1] : total) - f->top <= r.y)
			continue;
		draw_field(f, i, w, y, below[i], &lay, r, r.y, r.y + r.h);
	}
	if (f->top > 0)
		bf_put_ch(w, r.y, r.x + r.w - 1, '^');
	if (total - f->top > r.h)
		bf_put_ch(w, r.y + r.h - 1, r.x + r.w - 1, 'v');
	free(ys);
	free(below);
}
