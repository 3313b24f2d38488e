/* help.c — the help screen: every action of a screen with its keys and
 * help text, generated from the action table; scrollable. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bangfu/ui.h"

struct help_screen {
	struct bf_screen base;
	char for_title[128];
	enum bf_action acts[BF_ACT_COUNT];
	size_t n;
	bool typing;
	int top;   /* first content line shown */
	int page;  /* content lines shown at the last draw */
	int total; /* content lines at the last draw */
};

/* Keys that widgets handle themselves (not actions): the line editor's
 * (ui_edit.h), shown while a field has focus, and the list's (ui_list.h),
 * shown on screens with list actions. */
struct widget_key {
	const char *keys;
	const char *label;
};
static const struct widget_key edit_keys[] = {
    {"Left, Right", N_("Move the cursor in the field")},
    {"Home, ^A", N_("Go to the start of the field")},
    {"End, ^E", N_("Go to the end of the field")},
    {"Bksp, Del", N_("Delete the character before / under the cursor")},
    {"^U", N_("Delete everything before the cursor")},
    {"^K", N_("Delete everything from the cursor on")},
    {"Down, Up", N_("The next / previous field, optional details included")},
};
/* A choice field (marital status, work status...) while it has the focus. */
static const struct widget_key choice_keys[] = {
    {"1-9", N_("Choose the n-th option")},
    {"a-z", N_("Choose by first letters (pinyin initials in Chinese: sy 失业); the letter "
               "again for the next")},
    {"Left, Right", N_("The previous / next option (Space: the next)")},
    {"Enter", N_("The list of options")},
};
static const struct widget_key list_keys[] = {
    {"Up, Down", N_("Move to the row above / below")},
    {"PgUp, PgDn", N_("Move a page up / down")},
    {"Home, End", N_("Go to the first / last row")},
};

struct help_line {
	const char *keys; /* NULL: a continuation or heading line */
	const char *label;
	const wchar_t *text; /* help text segment */
	size_t text_len;
	bool heading;
};

struct layout {
	int kw, lw, tx, tw; /* key and label widths, text column and width */
};

/* Go through all lines; for each, call fn with its index. Returns the count. */
typedef void (*line_fn)(struct help_screen *h, int idx, const struct help_line *l,
                        const struct layout *lay, WINDOW *w, struct bf_rect r);

static int emit_entry(struct help_screen *h, int idx, const char *keys, const char *label,
                      const char *help, const struct layout *lay, line_fn fn, WINDOW *w,
                      struct bf_rect r)
{
	wchar_t text[512];
	size_t n = bf_utf8_decode(help, text, BF_ARRAY_LEN(text));
	size_t i = 0;
	bool first = true;
	do {
		size_t len = n > i ? bf_wrap_len(text + i, n - i, lay->tw) : 0;
		struct help_line l = {first ? keys : NULL, first ? label : NULL, text + i, len,
		                      false};
		if (fn)
			fn(h, idx, &l, lay, w, r);
		idx++;
		i += len;
		while (i < n && text[i] == ' ')
			i++;
		first = false;
	} while (i < n);
	return idx;
}

static int emit_section(struct help_screen *h, int idx, const char *title,
                        const struct widget_key *keys, size_t n, const struct layout *lay,
                        line_fn fn, WINDOW *w, struct bf_rect r)
{
	struct help_line blank = {NULL, NULL, NULL, 0, false};
	struct help_line head = {NULL, title, NULL, 0, true};
	if (fn) {
		fn(h, idx, &blank, lay, w, r);
		fn(h, idx + 1, &head, lay, w, r);
	}
	idx += 2;
	for (size_t i = 0; i < n; i++)
		idx = emit_entry(h, idx, keys[i].keys, "", _(keys[i].label), lay, fn, w, r);
	return idx;
}

static int walk(struct help_screen *h, int width, line_fn fn, WINDOW *w, struct bf_rect r)
{
	struct layout lay = {0, 0, 0, 0};
	char keys[BF_ACT_COUNT][64];
	for (size_t i = 0; i < h->n; i++) {
		bf_action_keys_text(h->acts[i], h->typing, keys[i], sizeof keys[i]);
		int kw = bf_str_width(keys[i]);
		int lw = bf_str_width(_(bf_action_info(h->acts[i])->label));
		lay.kw = kw > lay.kw ? kw : lay.kw;
		lay.lw = lw > lay.lw ? lw : lay.lw;
	}
	/* the editing and list keys shown below count too ("Left, Right") */
	bool lists = false;
	for (size_t i = 0; i < h->n; i++)
		lists = lists || (bf_action_info(h->acts[i])->ctx & BF_AC_LIST);
	for (size_t i = 0; h->typing && i < BF_ARRAY_LEN(edit_keys); i++) {
		int kw = bf_str_width(edit_keys[i].keys);
		lay.kw = kw > lay.kw ? kw : lay.kw;
	}
	for (size_t i = 0; h->typing && i < BF_ARRAY_LEN(choice_keys); i++) {
		int kw = bf_str_width(choice_keys[i].keys);
		lay.kw = kw > lay.kw ? kw : lay.kw;
	}
	for (size_t i = 0; lists && i < BF_ARRAY_LEN(list_keys); i++) {
		int kw = bf_str_width(list_keys[i].keys);
		lay.kw = kw > lay.kw ? kw : lay.kw;
	}
	if (lay.kw > 22)
		lay.kw = 22;
	if (lay.lw > 20)
		lay.lw = 20;
	lay.tx = 2 + lay.kw + 2 + lay.lw + 2;
	lay.tw = width - lay.tx - 1;
	if (lay.tw < 10)
		lay.tw = 10;

	int idx = 0;
	for (size_t i = 0; i < h->n; i++) {
		if (!keys[i][0])
			continue;
		const struct bf_action_info *ai = bf_action_info(h->acts[i]);
		idx = emit_entry(h, idx, keys[i], _(ai->label), _(ai->help), &lay, fn, w, r);
	}
	if (h->typing)
		idx = emit_section(h, idx, _("Typing in a field"), edit_keys,
		                   BF_ARRAY_LEN(edit_keys), &lay, fn, w, r);
	if (h->typing)
		idx = emit_section(h, idx, _("Choosing in a choice field"), choice_keys,
		                   BF_ARRAY_LEN(choice_keys), &lay, fn, w, r);
	if (lists)
		idx = emit_section(h, idx, _("Moving in the list"), list_keys,
		                   BF_ARRAY_LEN(list_keys), &lay, fn, w, r);
	return idx;
}

static void draw_line(struct help_screen *h, int idx, const struct help_line *l,
                      const struct layout *lay, WINDOW *w, struct bf_rect r)
{
	int y = r.y + 2 + idx - h->top;
	if (idx < h->top || y >= r.y + r.h)
		return;
	if (l->heading) {
		bf_draw_str(w, y, r.x + 2, r.w - 3, l->label, bf_attr(BF_ATTR_HEADER));
		return;
	}
	if (l->keys)
		bf_draw_str(w, y, r.x + 2, lay->kw, l->keys, bf_attr(BF_ATTR_KEY));
	if (l->label)
		bf_draw_str(w, y, r.x + 2 + lay->kw + 2, lay->lw, l->label, A_NORMAL);
	if (l->text)
		bf_draw_wcs(w, y, r.x + lay->tx, r.w - lay->tx - 1, l->text, l->text_len, A_NORMAL);
}

static void help_draw(struct bf_screen *s, WINDOW *w, struct bf_rect r)
{
	struct help_screen *h = (struct help_screen *)s;
	char head[256];
	snprintf(head, sizeof head, _("Keys on the screen \"%s\""), h->for_title);
	bf_draw_str(w, r.y, r.x + 2, r.w - 3, head, bf_attr(BF_ATTR_HEADER));

	h->page = r.h - 2;
	h->total = walk(h, r.w, NULL, w, r);
	if (h->top > h->total - h->page)
		h->top = h->total - h->page;
	if (h->top < 0)
		h->top = 0;
	walk(h, r.w, draw_line, w, r);
	if (h->total > h->page) {
		char more[64];
		snprintf(more, sizeof more, "%d-%d/%d", h->top + 1,
		         h->top + h->page < h->total ? h->top + h->page : h->total, h->total);
		int mw = bf_str_width(more);
		bf_draw_str(w, r.y, r.x + r.w - mw - 1, mw, more, A_NORMAL);
	}
}

static bool help_input(struct bf_screen *s, bf_key k)
{
	struct help_screen *h = (struct help_screen *)s;
	switch (k) {
	case 'q':
	case '?':
	case BF_KF(1):
	case BF_ESC:
		bf_app_pop(s->app);
		return true;
	case BF_KC(KEY_UP):
		h->top--;
		return true;
	case BF_KC(KEY_DOWN):
		h->top++;
		return true;
	case BF_KC(KEY_PPAGE):
		h->top -= h->page > 1 ? h->page - 1 : 1;
		return true;
	case BF_KC(KEY_NPAGE):
	case ' ':
		h->top += h->page > 1 ? h->page - 1 : 1;
		return true;
	case BF_KC(KEY_HOME):
		h->top = 0;
		return true;
	case BF_KC(KEY_END):
		h->top = h->total;
		return true;
	default:
		return false;
	}
}

static void help_close(struct bf_screen *s)
{
	free(s);
}

static const enum bf_action help_actions[] = {BF_ACT_BACK, BF_ACT_NONE};

static const struct bf_screen_ops help_ops = {
    .name = "help",
    .actions = help_actions,
    .draw = help_draw,
    .input = help_input,
    .on_close = help_close,
};

void bf_help_open(struct bf_app *app, struct bf_screen *s)
{
	struct help_screen *h = calloc(1, sizeof *h);
	if (!h)
		return;
	h->base.ops = &help_ops;
	snprintf(h->base.title, sizeof h->base.title, "%s", _("Help"));
	snprintf(h->for_title, sizeof h->for_title, "%s", s->title);
	struct bf_action_set set = bf_screen_actions(s);
	h->typing = set.typing;
	h->n = bf_action_collect(set, h->acts);
	bf_app_push(app, &h->base);
}
