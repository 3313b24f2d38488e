/* ui_edit.h — a one-line editor for wide characters.
 *
 * Text is kept as wchar_t and laid out by wcwidth. The view scrolls
 * sideways to keep the cursor visible and never splits a wide character at
 * the field's edge (the cell stays blank). Control characters are dropped
 * from typed and pasted input. All state is here, so redrawing after a
 * resize loses nothing.
 *
 * Keys: characters type; Left/Right; Home/^A; End/^E; Backspace; Delete;
 * ^U deletes to the start, ^K to the end. */
#ifndef BANGFU_UI_EDIT_H
#define BANGFU_UI_EDIT_H

#include "bangfu/ui_term.h"

struct bf_edit {
	wchar_t *buf; /* len characters, NUL-terminated */
	size_t len;
	size_t max;    /* most characters accepted */
	size_t cur;    /* cursor: index of the character it stands on */
	size_t scroll; /* first character shown */
	/* A filter for typed characters (field types); returns the character to
	 * insert (possibly mapped, e.g. full-width digits to ASCII) or 0 to
	 * refuse it. NULL takes every printable character. */
	wchar_t (*filter)(wchar_t c, void *data);
	void *filter_data;
	bool refused; /* the last key was refused by the filter or max */
	bool changed; /* text changed since bf_edit_set or the last clear */
};

/* max_chars: the limit in characters (not bytes, not columns). */
void bf_edit_init(struct bf_edit *ed, size_t max_chars);
void bf_edit_free(struct bf_edit *ed);

/* Replace the text (UTF-8); control characters are dropped, the rest cut at
 * max characters. Cursor at the end. */
void bf_edit_set(struct bf_edit *ed, const char *utf8);
/* The text as UTF-8 into out (size n). Returns false if it did not fit. */
bool bf_edit_get(const struct bf_edit *ed, char *out, size_t n);
bool bf_edit_empty(const struct bf_edit *ed);

/* Handle one key. Returns true if the key is an editing key (even when it
 * had no effect, e.g. Left at the start, or a refused character); false
 * for keys the editor does not use (Tab, Enter, Esc, F-keys...). */
bool bf_edit_key(struct bf_edit *ed, bf_key k);
/* Insert one character at the cursor (subject to filter and max). */
bool bf_edit_insert(struct bf_edit *ed, wchar_t c);

/* Draw in `width` columns at (y, x), padding with attr, and request the
 * terminal cursor there if focused. Returns the cursor's column. */
int bf_edit_draw(struct bf_edit *ed, WINDOW *w, int y, int x, int width, attr_t attr, bool focused);

#endif
