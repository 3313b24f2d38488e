/* dialog.c — modal dialogs: message, yes/no, text prompt, choice list.
 * Borders are ASCII: box-drawing characters are "ambiguous width" and two
 * columns wide in many Chinese terminal set-ups. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "bangfu/ui_dialog.h"
#include "bangfu/ui_edit.h"

#define DLG_MAX_INNER 64

static int dlg_inner_width(void)
{
	int w = COLS - 8;
	return w > DLG_MAX_INNER ? DLG_MAX_INNER : (w < 10 ? 10 : w);
}

/* Width for a text: as wide as it needs (at least `least`), at most the
 * widest dialog. */
static int dlg_fit_width(const char *text, int least)
{
	int w = bf_str_width(text);
	int max = dlg_inner_width();
	w = w < least ? least : w;
	return w > max ? max : w;
}

/* A centred box with inner size h x w; returns the inner rectangle. */
static struct bf_rect dlg_frame(int h, int w, const char *title)
{
	int bh = h + 2, bw = w + 4;
	if (bh > LINES - 2)
		bh = LINES - 2;
	int y = (LINES - bh) / 2, x = (COLS - bw) / 2;
	for (int r = 0; r < bh; r++) {
		bool edge = r == 0 || r == bh - 1;
		bf_put_ch(stdscr, y + r, x, edge ? '+' : '|');
		for (int c = 1; c < bw - 1; c++)
			bf_put_ch(stdscr, y + r, x + c, edge ? '-' : ' ');
		bf_put_ch(stdscr, y + r, x + bw - 1, edge ? '+' : '|');
	}
	if (title && title[0]) {
		char t[256];
		snprintf(t, sizeof t, " %s ", title);
		bf_draw_str(stdscr, y, x + 2, bw - 4, t, A_BOLD);
	}
	return (struct bf_rect){y + 1, x + 2, bh - 2, w};
}

static void dlg_status(const char *hints)
{
	attr_t a = bf_attr(BF_ATTR_STATUS);
	bf_fill(stdscr, LINES - 1, 0, COLS, a);
	bf_draw_str(stdscr, LINES - 1, 1, COLS - 2, hints, a);
}

struct bf_rect bf_dlg_box(int h, int w, const char *title, const char *hints)
{
	struct bf_rect r = dlg_frame(h, w, title);
	dlg_status(hints);
	return r;
}

/* Lines of text wrapped to width; draws them from row y if draw. */
static int dlg_text(const char *text, int y, int x, int width, int max_rows, bool draw)
{
	wchar_t w[1024];
	size_t n = bf_utf8_decode(text, w, BF_ARRAY_LEN(w));
	int rows = 0;
	for (size_t i = 0; i < n && rows < max_rows; rows++) {
		size_t len = bf_wrap_len(w + i, n - i, width);
		if (draw)
			bf_draw_wcs(stdscr, y + rows, x, width, w + i, len, A_NORMAL);
		i += len;
	}
	return rows;
}

/* Draw the app behind; false if the terminal is too small for a dialog.
 * On a dialog's first frame (*first) the whole terminal is painted again:
 * the frame's borders cut through double-width characters of what is
 * behind (or of the dialog before), and a terminal that blanks the whole
 * character while curses thinks half of it is still there leaves "刘 本人"
 * behind. */
static bool dlg_background(struct bf_app *app, bool *first)
{
	if (*first) {
		clearok(curscr, TRUE);
		*first = false;
	}
	bf_app_draw(app);
	return !bf_term_too_small();
}

/* A dialog closes: the screen behind is painted again in full on the next
 * frame, for the same reason (its borders cut wide characters behind). With
 * app->dialog_closed set (screen tests), the screen behind is drawn now and
 * handed to it; afterwards the window is put back as the dialog left it and
 * nothing is presented, so the caller and the terminal see the same. */
static void dlg_closed(struct bf_app *app, const char *title)
{
	clearok(curscr, TRUE);
	if (!app->dialog_closed)
		return;
	WINDOW *keep = dupwin(stdscr);
	int cy, cx;
	getyx(stdscr, cy, cx);
	bf_app_draw(app);
	app->dialog_closed(app, title ? title : "", app->dialog_closed_data);
	if (keep) {
		copywin(keep, stdscr, 0, 0, 0, 0, getmaxy(keep) - 1, getmaxx(keep) - 1, FALSE);
		delwin(keep);
	}
	wmove(stdscr, cy, cx);
}

static void draw_button(int y, int x, const char *label, bool on)
{
	char b[128];
	snprintf(b, sizeof b, "[ %s ]", label);
	bf_draw_str(stdscr, y, x, bf_str_width(b), b, on ? A_REVERSE : A_NORMAL);
}

void bf_dlg_message(struct bf_app *app, const char *title, const char *text)
{
	bool first = true;
	for (;;) {
		if (dlg_background(app, &first)) {
			int w = dlg_fit_width(text, 30);
			int rows = dlg_text(text, 0, 0, w, LINES - 8, false);
			struct bf_rect r = dlg_frame(rows + 2, w, title);
			dlg_text(text, r.y, r.x, w, r.h - 2, true);
			const char *ok = _("OK");
			draw_button(r.y + r.h - 1, r.x + (w - bf_str_width(ok) - 4) / 2, ok, true);
			dlg_status(_("Enter OK"));
		}
		bf_term_present();
		bf_key k = bf_app_read(app);
		if (k == BF_KEY_EOF || k == '\n' || k == BF_ESC || k == ' ') {
			dlg_closed(app, title);
			return;
		}
	}
}

bool bf_dlg_confirm(struct bf_app *app, const char *question, bool default_yes)
{
	bool first = true;
	bool yes = default_yes;
	for (;;) {
		if (dlg_background(app, &first)) {
			char yl[64], nl[64];
			snprintf(yl, sizeof yl, "%s (y)", _("Yes"));
			snprintf(nl, sizeof nl, "%s (n)", _("No"));
			int bw = bf_str_width(yl) + bf_str_width(nl) + 8 + 3;
			int w = dlg_fit_width(question, bw + 4);
			int rows = dlg_text(question, 0, 0, w, LINES - 8, false);
			struct bf_rect r = dlg_frame(rows + 2, w, NULL);
			dlg_text(question, r.y, r.x, w, r.h - 2, true);
			int x = r.x + (w - bw) / 2;
			draw_button(r.y + r.h - 1, x, yl, yes);
			draw_button(r.y + r.h - 1, x + bf_str_width(yl) + 4 + 3, nl, !yes);
			dlg_status(_("y Yes  n No  Enter choose  Esc No"));
		}
		bf_term_present();
		bf_key k = bf_app_read(app);
		if (k == BF_KEY_EOF || k == BF_ESC || k == 'n' || k == 'N' || k == 'y' ||
		    k == 'Y' || k == '\n')
			dlg_closed(app, question);
		switch (k) {
		case BF_KEY_EOF:
		case BF_ESC:
		case 'n':
		case 'N':
			return false;
		case 'y':
		case 'Y':
			return true;
		case '\n':
			return yes;
		case '\t':
		case BF_KC(KEY_BTAB):
		case BF_KC(KEY_LEFT):
		case BF_KC(KEY_RIGHT):
			yes = !yes;
			break;
		default:
			break;
		}
	}
}

bool bf_dlg_prompt(struct bf_app *app, const char *title, const char *label, char *buf, size_t n,
                   size_t max_chars)
{
	bool first = true;
	struct bf_edit ed;
	bf_edit_init(&ed, max_chars);
	bf_edit_set(&ed, buf);
	bool ok = false;
	for (;;) {
		if (dlg_background(app, &first)) {
			int w = dlg_inner_width();
			int rows = label && label[0] ? dlg_text(label, 0, 0, w, 4, false) : 0;
			struct bf_rect r = dlg_frame(rows + 2, w, title);
			if (rows)
				dlg_text(label, r.y, r.x, w, rows, true);
			bf_edit_draw(&ed, stdscr, r.y + r.h - 1, r.x, w, bf_attr(BF_ATTR_FIELD),
			             true);
			dlg_status(_("Enter OK  Esc Cancel"));
		}
		bf_term_present();
		bf_key k = bf_app_read(app);
		if (k == BF_KEY_EOF || k == BF_ESC)
			break;
		if (k == '\n') {
			bf_edit_get(&ed, buf, n);
			ok = true;
			break;
		}
		bf_edit_key(&ed, k);
	}
	bf_edit_free(&ed);
	dlg_closed(app, title);
	return ok;
}

int bf_dlg_choose(struct bf_app *app, const char *title, const char *const *items, size_t n,
                  int initial)
{
	bool first = true;
	if (n == 0)
		return -1;
	int sel = initial >= 0 && (size_t)initial < n ? initial : 0, top = 0, page = 1;
	for (;;) {
		if (dlg_background(app, &first)) {
			int w = 0;
			for (size_t i = 0; i < n; i++) {
				int iw = bf_str_width(items[i]) + 5;
				w = iw > w ? iw : w;
			}
			int tw = title ? bf_str_width(title) + 2 : 0;
			w = tw > w ? tw : w;
			w = w < 20 ? 20 : w;
			w = w > dlg_inner_width() ? dlg_inner_width() : w;
			/* an option cut with "…" is shown whole below the list
			 * while it is selected (a move's reasons) */
			char whole[1024] = "";
			if (bf_str_width(items[sel]) + 3 > w)
				bf_strlcpy(whole, items[sel], sizeof whole);
			int more = whole[0] ? dlg_text(whole, 0, 0, w, 6, false) + 1 : 0;
			int h = (int)n < LINES - 8 - more ? (int)n : LINES - 8 - more;
			if (h < 1)
				h = 1;
			struct bf_rect r = dlg_frame(h + more, w, title);
			page = r.h - more;
			if (page < 1)
				page = 1;
			if (sel < top)
				top = sel;
			if (sel >= top + page)
				top = sel - page + 1;
			for (int i = 0; i < page && (size_t)(top + i) < n; i++) {
				char line[512];
				snprintf(line, sizeof line, "%2d %s", top + i + 1, items[top + i]);
				attr_t a = top + i == sel ? bf_attr(BF_ATTR_FOCUS) : A_NORMAL;
				bf_fill(stdscr, r.y + i, r.x, w, a);
				bf_draw_str(stdscr, r.y + i, r.x, w, line, a);
			}
			if (more)
				dlg_text(whole, r.y + page + 1, r.x, w, more - 1, true);
			dlg_status(_("Up/Down move  Enter choose  Esc cancel"));
		}
		bf_term_present();
		bf_key k = bf_app_read(app);
		if (k == BF_KEY_EOF || k == BF_ESC || k == '\n')
			dlg_closed(app, title);
		switch (k) {
		case BF_KEY_EOF:
		case BF_ESC:
			return -1;
		case '\n':
			return sel;
		case BF_KC(KEY_UP):
			sel = sel > 0 ? sel - 1 : 0;
			break;
		case BF_KC(KEY_DOWN):
		case '\t':
			sel = (size_t)sel + 1 < n ? sel + 1 : sel;
			break;
		case BF_KC(KEY_PPAGE):
			sel = sel - page > 0 ? sel - page : 0;
			break;
		case BF_KC(KEY_NPAGE):
			sel = (size_t)(sel + page) < n ? sel + page : (int)n - 1;
			break;
		case BF_KC(KEY_HOME):
			sel = 0;
			break;
		case BF_KC(KEY_END):
			sel = (int)n - 1;
			break;
		default:
			if (k >= '1' && k <= '9' && (size_t)(k - '1') < n)
				sel = k - '1';
			break;
		}
	}
}

bf_outfile *bf_dlg_outfile(struct bf_app *app, bf_db *db, const char *path, bf_error *err)
{
	bf_error_clear(err);
	unsigned flags = 0;
	struct stat st;
	/* a link or a folder is refused by bf_outfile_open, with its reason */
	if (lstat(path, &st) == 0 && S_ISREG(st.st_mode)) {
		char q[1200];
		snprintf(q, sizeof q, _("%s already exists. Overwrite it?"), path);
		if (!bf_dlg_confirm(app, q, false))
			return NULL;
		flags |= BF_OUTFILE_FORCE;
	}
	return bf_store_outfile_open(db, path, flags, err);
}
