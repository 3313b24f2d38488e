/* ui_term.h — the terminal: start and restore ncursesw, signals, keys,
 * drawing text by display width, and reading the screen back (tests).
 *
 * The only global state of the UI lives here (there is one terminal).
 * Order at start-up: setlocale and gettext (main), then bf_term_init. */
#ifndef BANGFU_UI_TERM_H
#define BANGFU_UI_TERM_H

#include <curses.h>
#include <stdio.h>
#include <wchar.h>

#include "bangfu/common.h"

/* Smallest terminal we lay out for; smaller shows a "too small" notice. */
#define BF_MIN_COLS 80
#define BF_MIN_ROWS 24

/* ---- keys ------------------------------------------------------------------
 * A key is one int: a Unicode character as itself, or a curses key code
 * (KEY_CODE_YES from get_wch) with BF_KEY_CODE set, so KEY_F(1) and the
 * character U+0109 never collide. Enter arrives as '\n' whatever the
 * terminal sends ('\r', KEY_ENTER); Backspace as BF_KC(KEY_BACKSPACE). */
typedef int32_t bf_key;
#define BF_KEY_CODE 0x01000000
#define BF_KC(code) ((bf_key)(BF_KEY_CODE | (code)))
#define BF_KF(n) BF_KC(KEY_F(n))
#define BF_CTRL(c) ((bf_key)((c)&0x1f))
#define BF_ESC ((bf_key)27)
#define BF_KEY_NONE ((bf_key)-1)        /* nothing arrived before the timeout */
#define BF_KEY_EOF ((bf_key)-2)         /* the key source is exhausted (scripts) */
#define BF_KEY_RESIZE BF_KC(KEY_RESIZE) /* the terminal changed size */

static inline bool bf_key_is_code(bf_key k)
{
	return k >= 0 && (k & BF_KEY_CODE) != 0;
}
/* A character that may be typed into text: printable, not a control
 * character (C0, DEL, C1), and with a display width of 1 or 2. */
bool bf_key_is_text(bf_key k);
/* Map terminal variants to one key ('\r' and KEY_ENTER to '\n', DEL and ^H
 * to Backspace). */
bf_key bf_key_normalize(bf_key k);
/* "F1", "^S", "Esc", "Enter", "Tab", "S-Tab", "PgDn", "?" ... (not translated:
 * these are the names printed on keyboards). */
void bf_key_name(bf_key k, char *buf, size_t n);

/* Where keys come from: the terminal, or a script in tests. read returns a
 * key, BF_KEY_NONE after timeout_ms (-1 = wait), or BF_KEY_EOF. */
struct bf_keysrc {
	bf_key (*read)(void *data, int timeout_ms);
	void *data;
};
/* The terminal (get_wch on stdscr). */
struct bf_keysrc bf_term_keysrc(void);

/* A scripted key source: keys queued in advance, BF_KEY_EOF when empty. */
struct bf_keyscript {
	bf_key *keys;
	size_t n, cap, pos;
};
void bf_keyscript_init(struct bf_keyscript *ks);
void bf_keyscript_free(struct bf_keyscript *ks);
void bf_keyscript_key(struct bf_keyscript *ks, bf_key k);
/* Queue each character of a UTF-8 string as a key. */
void bf_keyscript_type(struct bf_keyscript *ks, const char *utf8);
struct bf_keysrc bf_keyscript_src(struct bf_keyscript *ks);

/* ---- the terminal ----------------------------------------------------------- */
/* Check the locale is UTF-8, start curses on the controlling terminal in raw
 * mode (Ctrl-S/Ctrl-Q reach us), keypad on, ESCDELAY 25 ms, and install the
 * signal handlers. On failure err says why (print it: the screen is not
 * touched) and it returns non-zero. */
int bf_term_init(bf_error *err);
/* The same on given streams and terminal type (tests: "xterm" over
 * /dev/null), then resized to rows x cols. */
int bf_term_init_on(const char *term, FILE *out, FILE *in, int rows, int cols, bf_error *err);
/* Leave curses and give the terminal back as it was. Safe to call twice and
 * after a failed init; also run at exit. */
void bf_term_restore(void);
bool bf_term_active(void);

/* SIGINT, SIGTERM and SIGHUP only set a flag; the main loop asks for it,
 * saves drafts and leaves. Returns the signal number or 0. */
int bf_term_pending_signal(void);
/* SIGSEGV, SIGBUS, SIGFPE, SIGILL and SIGABRT restore the terminal (with
 * async-signal-safe calls only), print a line on stderr and re-raise. */

bool bf_term_too_small(void);

/* Cursor for the next bf_term_present: put it at (y, x), or hide it. */
void bf_term_cursor(int y, int x);
void bf_term_cursor_hide(void);
/* Show what was drawn on stdscr, with the cursor requested. */
void bf_term_present(void);

/* Colour-or-reverse attributes for the parts of the screen. */
enum bf_attr_role {
	BF_ATTR_TITLE,
	BF_ATTR_STATUS,
	BF_ATTR_KEY,   /* key names in the status bar */
	BF_ATTR_ERROR, /* error messages */
	BF_ATTR_WARN,  /* warnings */
	BF_ATTR_FIELD, /* an input field */
	BF_ATTR_FOCUS, /* the focused field / selected row */
	BF_ATTR_HEADER,
	BF_ATTR_DEMO,
	BF_ATTR_COUNT
};
attr_t bf_attr(enum bf_attr_role role);

/* ---- text by display width ------------------------------------------------- */
/* Columns of one character (0 for non-printables), of a wide string, of UTF-8. */
int bf_wc_width(wchar_t c);
int bf_wcs_width(const wchar_t *s, size_t n);
int bf_str_width(const char *utf8);
/* Decode UTF-8 into out (at most n-1 characters, NUL-terminated); bad bytes
 * become U+FFFD. Returns the number of characters. */
size_t bf_utf8_decode(const char *s, wchar_t *out, size_t n);
/* Encode n characters as UTF-8 into out (NUL-terminated, never cutting a
 * character). Returns the bytes written. */
size_t bf_utf8_encode(const wchar_t *s, size_t n, char *out, size_t size);

/* Draw text at (y, x) in at most maxw columns, never splitting a wide
 * character (the cell it would straddle stays blank); text that does not fit
 * ends in "…" in the last column. Returns the columns used.
 *
 * The one rule for double-width text: every write (these, bf_fill,
 * bf_put_ch) first blanks the other half of any wide character already on
 * the screen that it would split, so nothing drawn over or beside Chinese
 * text (a dialog's border, a pop-up) leaves half a character behind for the
 * terminal and curses to disagree about. Draw with nothing else. */
int bf_draw_wcs(WINDOW *w, int y, int x, int maxw, const wchar_t *s, size_t n, attr_t attr);
int bf_draw_str(WINDOW *w, int y, int x, int maxw, const char *utf8, attr_t attr);
/* The same without the "…": for a line editor's window onto its text. */
int bf_draw_wcs_cut(WINDOW *w, int y, int x, int maxw, const wchar_t *s, size_t n, attr_t attr);
/* Fill n cells with spaces. */
void bf_fill(WINDOW *w, int y, int x, int n, attr_t attr);
/* One narrow character with attributes (a border's '|'). */
void bf_put_ch(WINDOW *w, int y, int x, chtype ch);
/* Tests: whether w holds half of a wide character anywhere (its row and
 * column in *y, *x). Never true when everything is drawn as above. */
bool bf_term_split_wide(WINDOW *w, int *y, int *x);
/* How many of the n characters of s go on a line of `width` columns,
 * breaking after a space when there is one (Latin text) and anywhere
 * otherwise (Chinese). At least 1 when n > 0. */
size_t bf_wrap_len(const wchar_t *s, size_t n, int width);

/* ---- reading the screen back (tests, debugging) ----------------------------- */
/* Row y of stdscr as UTF-8 without trailing spaces; the second cell of a
 * wide character is skipped. */
void bf_term_dump_line(int y, char *out, size_t n);
/* The whole screen, rows joined by '\n'. */
void bf_term_dump(char *out, size_t n);

#endif
