/* edit.c — the wide-character line editor (libformw mishandles wide
 * characters at field edges; see pitfalls.md). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bangfu/ui_edit.h"

void bf_edit_init(struct bf_edit *ed, size_t max_chars)
{
	memset(ed, 0, sizeof *ed);
	ed->max = max_chars ? max_chars : 1;
	ed->buf = calloc(ed->max + 1, sizeof *ed->buf);
	if (!ed->buf)
		abort();
}

void bf_edit_free(struct bf_edit *ed)
{
	free(ed->buf);
	ed->buf = NULL;
	ed->len = ed->cur = ed->scroll = 0;
}

static void delete_range(struct bf_edit *ed, size_t from, size_t to)
{
	if (to <= from)
		return;
	memmove(ed->buf + from, ed->buf + to, (ed->len - to + 1) * sizeof *ed->buf);
	ed->len -= to - from;
	if (ed->cur > to)
		ed->cur -= to - from;
	else if (ed->cur > from)
		ed->cur = from;
	ed->changed = true;
}

static bool insert_raw(struct bf_edit *ed, wchar_t c)
{
	if (ed->len >= ed->max)
		return false;
	memmove(ed->buf + ed->cur + 1, ed->buf + ed->cur,
	        (ed->len - ed->cur + 1) * sizeof *ed->buf);
	ed->buf[ed->cur++] = c;
	ed->len++;
	ed->changed = true;
	return true;
}

bool bf_edit_insert(struct bf_edit *ed, wchar_t c)
{
	if (!bf_key_is_text((bf_key)c))
		return false;
	if (ed->filter) {
		c = ed->filter(c, ed->filter_data);
		if (!c || !bf_key_is_text((bf_key)c))
			return false;
	}
	return insert_raw(ed, c);
}

void bf_edit_set(struct bf_edit *ed, const char *utf8)
{
	size_t n = strlen(utf8) + 1;
	wchar_t *tmp = calloc(n, sizeof *tmp);
	if (!tmp)
		abort();
	size_t len = bf_utf8_decode(utf8, tmp, n);
	ed->len = ed->cur = ed->scroll = 0;
	ed->buf[0] = 0;
	for (size_t i = 0; i < len; i++)
		if (bf_key_is_text((bf_key)tmp[i]))
			insert_raw(ed, tmp[i]);
	free(tmp);
	ed->changed = false;
	ed->refused = false;
}

bool bf_edit_get(const struct bf_edit *ed, char *out, size_t n)
{
	size_t used = bf_utf8_encode(ed->buf, ed->len, out, n);
	/* Encoding stops before a character that does not fit. */
	char tmp[8];
	size_t need = 0;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	for (size_t i = 0; i < ed->len; i++) {
		size_t r = wcrtomb(tmp, ed->buf[i], &st);
		if (r != (size_t)-1)
			need += r;
	}
	return used == need;
}

bool bf_edit_empty(const struct bf_edit *ed)
{
	return ed->len == 0;
}

bool bf_edit_key(struct bf_edit *ed, bf_key k)
{
	ed->refused = false;
	if (bf_key_is_text(k)) {
		if (!bf_edit_insert(ed, (wchar_t)k))
			ed->refused = true;
		return true;
	}
	switch (k) {
	case BF_KC(KEY_LEFT):
		if (ed->cur > 0)
			ed->cur--;
		return true;
	case BF_KC(KEY_RIGHT):
		if (ed->cur < ed->len)
			ed->cur++;
		return true;
	case BF_KC(KEY_HOME):
	case BF_CTRL('A'):
		ed->cur = 0;
		return true;
	case BF_KC(KEY_END):
	case BF_CTRL('E'):
		ed->cur = ed->len;
		return true;
	case BF_KC(KEY_BACKSPACE):
		if (ed->cur > 0)
			delete_range(ed, ed->cur - 1, ed->cur);
		return true;
	case BF_KC(KEY_DC):
		if (ed->cur < ed->len)
			delete_range(ed, ed->cur, ed->cur + 1);
		return true;
	case BF_CTRL('U'):
		delete_range(ed, 0, ed->cur);
		return true;
	case BF_CTRL('K'):
		delete_range(ed, ed->cur, ed->len);
		return true;
	default:
		return false;
	}
}

/* Keep the cursor cell inside `width` columns, and show as much text as
 * fits (after deleting, scroll back instead of leaving the field half
 * empty). */
static void fit_scroll(struct bf_edit *ed, int width)
{
	if (ed->scroll > ed->cur)
		ed->scroll = ed->cur;
	int curw = ed->cur < ed->len ? bf_wc_width(ed->buf[ed->cur]) : 1;
	while (ed->scroll < ed->cur &&
	       bf_wcs_width(ed->buf + ed->scroll, ed->cur - ed->scroll) + curw > width)
		ed->scroll++;
	int tail = ed->cur == ed->len ? 1 : 0;
	while (ed->scroll > 0 &&
	       bf_wcs_width(ed->buf + ed->scroll - 1, ed->len - ed->scroll + 1) + tail <= width)
		ed->scroll--;
}

int bf_edit_draw(struct bf_edit *ed, WINDOW *w, int y, int x, int width, attr_t attr, bool focused)
{
	if (width <= 0)
		return x;
	fit_scroll(ed, width);
	bf_fill(w, y, x, width, attr);
	bf_draw_wcs_cut(w, y, x, width, ed->buf + ed->scroll, ed->len - ed->scroll, attr);
	int cx = x + bf_wcs_width(ed->buf + ed->scroll, ed->cur - ed->scroll);
	if (cx >= x + width)
		cx = x + width - 1;
	if (focused)
		bf_term_cursor(y, cx);
	return cx;
}
