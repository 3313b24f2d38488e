/* term.c — starting and restoring the terminal, signals, keys, text width.
 *
 * Restoring must work from a crash: the reset string and the saved termios
 * are prepared at start-up so the crash handler only calls write(2) and
 * tcsetattr(3), which are async-signal-safe. */
#include "config.h"

#include <errno.h>
#include <langinfo.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "bangfu/ui_term.h"

static SCREEN *term_screen;
static volatile sig_atomic_t term_is_active;
static volatile sig_atomic_t pending_signal;
static int term_out_fd = -1, term_in_fd = -1;
static struct termios saved_tio;
static bool saved_tio_ok;
static char reset_seq[256];
static size_t reset_len;
static char crash_msg[512];
static size_t crash_len;
static int cursor_y = -1, cursor_x;
static attr_t role_attr[BF_ATTR_COUNT];

static const int quit_signals[] = {SIGINT, SIGTERM, SIGHUP};
static const int crash_signals[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
static struct sigaction old_quit[BF_ARRAY_LEN(quit_signals)];
static struct sigaction old_crash[BF_ARRAY_LEN(crash_signals)];

/* ---- signals ------------------------------------------------------------------ */

static void on_quit_signal(int sig)
{
	pending_signal = sig;
}

static void write_all(int fd, const char *s, size_t n)
{
	while (n > 0) {
		ssize_t w = write(fd, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

static void on_crash_signal(int sig)
{
	int saved_errno = errno;
	if (term_is_active) {
		term_is_active = 0;
		if (saved_tio_ok)
			tcsetattr(term_in_fd, TCSANOW, &saved_tio);
		if (term_out_fd >= 0)
			write_all(term_out_fd, reset_seq, reset_len);
	}
	/* The number, written by hand: no stdio in a signal handler. */
	char num[16];
	size_t i = sizeof num;
	unsigned v = (unsigned)sig;
	do {
		num[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v && i > 0);
	write_all(STDERR_FILENO, crash_msg, crash_len);
	write_all(STDERR_FILENO, num + i, sizeof num - i);
	write_all(STDERR_FILENO, ")\n", 2);
	errno = saved_errno;
	raise(sig); /* SA_RESETHAND: the default action now ends the process */
}

/* Keep the handlers the program had before curses started (ncurses puts its
 * own on SIGINT/SIGTERM when they were at default); restoring brings back
 * those. */
static void save_signals(void)
{
	for (size_t i = 0; i < BF_ARRAY_LEN(quit_signals); i++)
		sigaction(quit_signals[i], NULL, &old_quit[i]);
	for (size_t i = 0; i < BF_ARRAY_LEN(crash_signals); i++)
		sigaction(crash_signals[i], NULL, &old_crash[i]);
}

static void install_signals(void)
{
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	sa.sa_handler = on_quit_signal;
	sa.sa_flags = 0; /* no SA_RESTART: a blocking read returns and we look */
	for (size_t i = 0; i < BF_ARRAY_LEN(quit_signals); i++)
		sigaction(quit_signals[i], &sa, NULL);

	sa.sa_handler = on_crash_signal;
	sa.sa_flags = (int)(SA_RESETHAND | SA_NODEFER);
	for (size_t i = 0; i < BF_ARRAY_LEN(crash_signals); i++)
		sigaction(crash_signals[i], &sa, NULL);
}

static void uninstall_signals(void)
{
	for (size_t i = 0; i < BF_ARRAY_LEN(quit_signals); i++)
		sigaction(quit_signals[i], &old_quit[i], NULL);
	for (size_t i = 0; i < BF_ARRAY_LEN(crash_signals); i++)
		sigaction(crash_signals[i], &old_crash[i], NULL);
}

int bf_term_pending_signal(void)
{
	return pending_signal;
}

/* ---- start and stop -------------------------------------------------------------- */

static void add_reset_cap(const char *cap)
{
	char *s = tigetstr(cap);
	if (!s || s == (char *)-1)
		return;
	size_t n = strlen(s);
	if (reset_len + n < sizeof reset_seq) {
		memcpy(reset_seq + reset_len, s, n);
		reset_len += n;
	}
}

static void init_attrs(void)
{
	role_attr[BF_ATTR_TITLE] = A_REVERSE;
	role_attr[BF_ATTR_STATUS] = A_REVERSE;
	role_attr[BF_ATTR_KEY] = A_BOLD;
	role_attr[BF_ATTR_ERROR] = A_BOLD;
	role_attr[BF_ATTR_WARN] = A_BOLD;
	role_attr[BF_ATTR_FIELD] = A_UNDERLINE;
	role_attr[BF_ATTR_FOCUS] = A_REVERSE;
	role_attr[BF_ATTR_HEADER] = A_BOLD | A_UNDERLINE;
	role_attr[BF_ATTR_DEMO] = A_BOLD | A_REVERSE;
	if (has_colors() && start_color() == OK) {
		use_default_colors();
		init_pair(1, COLOR_RED, -1);
		init_pair(2, COLOR_YELLOW, -1);
		init_pair(3, COLOR_WHITE, COLOR_RED);
		init_pair(4, COLOR_BLACK, COLOR_CYAN);
		role_attr[BF_ATTR_ERROR] = A_BOLD | COLOR_PAIR(1);
		role_attr[BF_ATTR_WARN] = A_BOLD | COLOR_PAIR(2);
		role_attr[BF_ATTR_DEMO] = A_BOLD | COLOR_PAIR(3);
		role_attr[BF_ATTR_TITLE] = COLOR_PAIR(4);
		role_attr[BF_ATTR_STATUS] = COLOR_PAIR(4);
	}
}

attr_t bf_attr(enum bf_attr_role role)
{
	return role < BF_ATTR_COUNT ? role_attr[role] : A_NORMAL;
}

int bf_term_init_on(const char *term, FILE *out, FILE *in, int rows, int cols, bf_error *err)
{
	static bool atexit_done;
	if (term_is_active)
		bf_term_restore();

	term_in_fd = fileno(in);
	term_out_fd = fileno(out);
	saved_tio_ok = isatty(term_in_fd) && tcgetattr(term_in_fd, &saved_tio) == 0;

	save_signals();
	term_screen = newterm(term, out, in);
	if (!term_screen) {
		const char *t = term ? term : getenv("TERM");
		bf_error_set(err,
		             _("Cannot start the screen on this terminal (TERM=%s). Try "
		               "TERM=xterm-256color."),
		             t ? t : "");
		return -1;
	}
	set_term(term_screen);
	raw();
	noecho();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	init_attrs();
	if (rows > 0 && cols > 0)
		resizeterm(rows, cols);

	reset_len = 0;
	add_reset_cap("sgr0");
	add_reset_cap("cnorm");
	add_reset_cap("rmkx");
	add_reset_cap("rmcup");

	crash_len = (size_t)snprintf(crash_msg, sizeof crash_msg, "\n%s (signal ",
	                             _("bangfu stopped because of an internal error; please "
	                               "report it"));
	if (crash_len >= sizeof crash_msg)
		crash_len = sizeof crash_msg - 1;

	pending_signal = 0;
	cursor_y = -1;
	term_is_active = 1;
	install_signals();
	if (!atexit_done) {
		atexit(bf_term_restore);
		atexit_done = true;
	}
	return 0;
}

int bf_term_init(bf_error *err)
{
	const char *cs = nl_langinfo(CODESET);
	if (strcmp(cs, "UTF-8") != 0) {
		/* Not translated on purpose: without UTF-8 the Chinese text would be
		 * garbled exactly when this message is shown. */
		bf_error_set(err,
		             "bangfu needs a UTF-8 locale to show and type Chinese, but the "
		             "character set here is %s. Start it with LANG=C.UTF-8 (or "
		             "zh_CN.UTF-8 if that locale is installed).",
		             cs);
		return -1;
	}
	if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
		bf_error_set(err, _("The full-screen application needs a terminal. In scripts, "
		                    "use the commands listed by bangfu --help."));
		return -1;
	}
	const char *t = getenv("TERM");
	if (!t || !t[0] || strcmp(t, "dumb") == 0) {
		bf_error_set(err, _("The terminal type is not set (TERM). Try "
		                    "TERM=xterm-256color."));
		return -1;
	}
	return bf_term_init_on(NULL, stdout, stdin, 0, 0, err);
}

void bf_term_restore(void)
{
	if (!term_is_active)
		return;
	term_is_active = 0;
	uninstall_signals();
	curs_set(1);
	endwin();
	delscreen(term_screen);
	term_screen = NULL;
}

bool bf_term_active(void)
{
	return term_is_active != 0;
}

bool bf_term_too_small(void)
{
	return LINES < BF_MIN_ROWS || COLS < BF_MIN_COLS;
}

void bf_term_cursor(int y, int x)
{
	cursor_y = y;
	cursor_x = x;
}

void bf_term_cursor_hide(void)
{
	cursor_y = -1;
}

void bf_term_present(void)
{
	if (cursor_y >= 0 && cursor_y < LINES && cursor_x >= 0 && cursor_x < COLS) {
		curs_set(1);
		wmove(stdscr, cursor_y, cursor_x);
	} else {
		curs_set(0);
	}
	wrefresh(stdscr);
}

/* ---- keys ------------------------------------------------------------------------ */

bool bf_key_is_text(bf_key k)
{
	if (k < 0x20 || bf_key_is_code(k) || k == 0x7f || (k >= 0x80 && k < 0xa0) || k > 0x10ffff)
		return false;
	int w = wcwidth((wchar_t)k);
	return w == 1 || w == 2;
}

bf_key bf_key_normalize(bf_key k)
{
	if (k == '\r' || k == BF_KC(KEY_ENTER))
		return '\n';
	if (k == 0x7f || k == 0x08)
		return BF_KC(KEY_BACKSPACE);
	return k;
}

void bf_key_name(bf_key k, char *buf, size_t n)
{
	static const struct {
		int code;
		const char *name;
	} codes[] = {
	    {KEY_BTAB, "S-Tab"}, {KEY_UP, "Up"},       {KEY_DOWN, "Down"},
	    {KEY_LEFT, "Left"},  {KEY_RIGHT, "Right"}, {KEY_PPAGE, "PgUp"},
	    {KEY_NPAGE, "PgDn"}, {KEY_HOME, "Home"},   {KEY_END, "End"},
	    {KEY_IC, "Ins"},     {KEY_DC, "Del"},      {KEY_BACKSPACE, "Bksp"},
	    {KEY_SR, "S-Up"},    {KEY_SF, "S-Down"},   {KEY_RESIZE, "Resize"},
	};
	if (n == 0)
		return;
	if (bf_key_is_code(k)) {
		int code = k & ~BF_KEY_CODE;
		if (code >= KEY_F(1) && code <= KEY_F(63)) {
			snprintf(buf, n, "F%d", code - KEY_F0);
			return;
		}
		for (size_t i = 0; i < BF_ARRAY_LEN(codes); i++) {
			if (codes[i].code == code) {
				snprintf(buf, n, "%s", codes[i].name);
				return;
			}
		}
		const char *kn = keyname(code);
		snprintf(buf, n, "%s", kn ? kn : "?");
		return;
	}
	switch (k) {
	case '\n':
		snprintf(buf, n, "Enter");
		return;
	case '\t':
		snprintf(buf, n, "Tab");
		return;
	case BF_ESC:
		snprintf(buf, n, "Esc");
		return;
	case ' ':
		snprintf(buf, n, "Space");
		return;
	default:
		break;
	}
	if (k >= 0 && k < 0x20) {
		snprintf(buf, n, "^%c", (char)(k + '@'));
		return;
	}
	wchar_t wc = (wchar_t)k;
	bf_utf8_encode(&wc, 1, buf, n);
}

static bf_key term_read(void *data, int timeout_ms)
{
	(void)data;
	wint_t ch;
	wtimeout(stdscr, timeout_ms);
	int r = wget_wch(stdscr, &ch);
	if (r == ERR)
		return BF_KEY_NONE;
	if (r == KEY_CODE_YES)
		return BF_KC((int)ch);
	return (bf_key)ch;
}

struct bf_keysrc bf_term_keysrc(void)
{
	return (struct bf_keysrc){term_read, NULL};
}

void bf_keyscript_init(struct bf_keyscript *ks)
{
	memset(ks, 0, sizeof *ks);
}

void bf_keyscript_free(struct bf_keyscript *ks)
{
	free(ks->keys);
	memset(ks, 0, sizeof *ks);
}

void bf_keyscript_key(struct bf_keyscript *ks, bf_key k)
{
	if (ks->n == ks->cap) {
		size_t cap = ks->cap ? ks->cap * 2 : 64;
		bf_key *p = realloc(ks->keys, cap * sizeof *p);
		if (!p)
			abort();
		ks->keys = p;
		ks->cap = cap;
	}
	ks->keys[ks->n++] = k;
}

void bf_keyscript_type(struct bf_keyscript *ks, const char *utf8)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t len = strlen(utf8);
	while (len > 0) {
		wchar_t wc;
		size_t r = mbrtowc(&wc, utf8, len, &st);
		if (r == (size_t)-1 || r == (size_t)-2) {
			wc = 0xfffd;
			r = 1;
			memset(&st, 0, sizeof st);
		}
		bf_keyscript_key(ks, (bf_key)wc);
		utf8 += r;
		len -= r;
	}
}

static bf_key script_read(void *data, int timeout_ms)
{
	(void)timeout_ms;
	struct bf_keyscript *ks = data;
	return ks->pos < ks->n ? ks->keys[ks->pos++] : BF_KEY_EOF;
}

struct bf_keysrc bf_keyscript_src(struct bf_keyscript *ks)
{
	return (struct bf_keysrc){script_read, ks};
}

/* ---- text by width ------------------------------------------------------------- */

int bf_wc_width(wchar_t c)
{
	int w = wcwidth(c);
	return w < 0 ? 0 : w;
}

int bf_wcs_width(const wchar_t *s, size_t n)
{
	int w = 0;
	for (size_t i = 0; i < n && s[i]; i++)
		w += bf_wc_width(s[i]);
	return w;
}

size_t bf_utf8_decode(const char *s, wchar_t *out, size_t n)
{
	if (n == 0)
		return 0;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t len = strlen(s), i = 0;
	while (len > 0 && i + 1 < n) {
		wchar_t wc;
		size_t r = mbrtowc(&wc, s, len, &st);
		if (r == 0)
			break;
		if (r == (size_t)-1 || r == (size_t)-2) {
			wc = 0xfffd;
			r = 1;
			memset(&st, 0, sizeof st);
		}
		out[i++] = wc;
		s += r;
		len -= r;
	}
	out[i] = 0;
	return i;
}

size_t bf_utf8_encode(const wchar_t *s, size_t n, char *out, size_t size)
{
	if (size == 0)
		return 0;
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t used = 0;
	for (size_t i = 0; i < n && s[i]; i++) {
		char tmp[MB_LEN_MAX];
		size_t r = wcrtomb(tmp, s[i], &st);
		if (r == (size_t)-1) {
			memset(&st, 0, sizeof st);
			continue;
		}
		if (used + r + 1 > size)
			break;
		memcpy(out + used, tmp, r);
		used += r;
	}
	out[used] = 0;
	return used;
}

int bf_str_width(const char *utf8)
{
	mbstate_t st;
	memset(&st, 0, sizeof st);
	size_t len = strlen(utf8);
	int w = 0;
	while (len > 0) {
		wchar_t wc;
		size_t r = mbrtowc(&wc, utf8, len, &st);
		if (r == 0)
			break;
		if (r == (size_t)-1 || r == (size_t)-2) {
			wc = 0xfffd;
			r = 1;
			memset(&st, 0, sizeof st);
		}
		w += bf_wc_width(wc);
		utf8 += r;
		len -= r;
	}
	return w;
}

/* ---- one rule for double-width characters ------------------------------------
 * curses keeps a wide character in both of its cells; writing over one of
 * them leaves the other half behind (mvwin_wch still says 张), and the
 * terminal, which blanks the whole character, and curses no longer agree:
 * after a dialog closes, rows show "张     本人" or shift by a column. So
 * nothing is written into a cell without first blanking the other half of a
 * wide character it would split: every write below goes through put_cell. */

static wchar_t cell_char(WINDOW *w, int y, int x)
{
	cchar_t cc;
	wchar_t wch[CCHARW_MAX + 1] = {0};
	attr_t a;
	short pair;
	if (x < 0 || x >= getmaxx(w) || mvwin_wch(w, y, x, &cc) == ERR)
		return L' ';
	getcchar(&cc, wch, &a, &pair, NULL);
	return wch[0] ? wch[0] : L' ';
}

/* Whether cell x is the second half of a wide character. */
static bool second_half(WINDOW *w, int y, int x)
{
	wchar_t c = cell_char(w, y, x);
	if (x == 0 || bf_wc_width(c) != 2 || cell_char(w, y, x - 1) != c)
		return false;
	/* the same wide character twice ("张张") fills four cells: count from
	 * the start of the run */
	int run = 1;
	while (x - run - 1 >= 0 && cell_char(w, y, x - run - 1) == c)
		run++;
	return run % 2 == 1;
}

static void blank_cell(WINDOW *w, int y, int x)
{
	cchar_t cc;
	wchar_t sp[2] = {L' ', 0};
	setcchar(&cc, sp, A_NORMAL, 0, NULL);
	mvwadd_wch(w, y, x, &cc);
}

/* Write one character of width cw at (y, x), blanking first whatever half
 * of a wide character it would leave behind on either side. */
static void put_cell(WINDOW *w, int y, int x, wchar_t c, int cw, attr_t attr)
{
	int maxx = getmaxx(w);
	if (x < 0 || x + cw > maxx)
		return;
	if (second_half(w, y, x))
		blank_cell(w, y, x - 1);
	if (x + cw < maxx && second_half(w, y, x + cw))
		blank_cell(w, y, x + cw);
	wchar_t wc[2] = {c, 0};
	cchar_t cc;
	setcchar(&cc, wc, attr & ~A_COLOR, (short)PAIR_NUMBER(attr), NULL);
	mvwadd_wch(w, y, x, &cc);
}

void bf_put_ch(WINDOW *w, int y, int x, chtype ch)
{
	put_cell(w, y, x, (wchar_t)(ch & A_CHARTEXT), 1, ch & ~A_CHARTEXT);
}

bool bf_term_split_wide(WINDOW *w, int *out_y, int *out_x)
{
	int rows = getmaxy(w), cols = getmaxx(w);
	for (int y = 0; y < rows; y++)
		for (int x = 0; x < cols; x++) {
			wchar_t c = cell_char(w, y, x);
			if (bf_wc_width(c) != 2)
				continue;
			if (x + 1 >= cols || cell_char(w, y, x + 1) != c) {
				*out_y = y;
				*out_x = x;
				return true;
			}
			x++; /* its second cell */
		}
	return false;
}

static int draw_wcs(WINDOW *w, int y, int x, int maxw, const wchar_t *s, size_t n, attr_t attr,
                    bool sign)
{
	/* the text's width, to know whether it fits */
	int room = maxw;
	if (sign && bf_wcs_width(s, n) > maxw && maxw > 0)
		room = maxw - 1; /* for the … */
	int col = 0;
	size_t i = 0;
	for (; i < n && s[i]; i++) {
		int cw = bf_wc_width(s[i]);
		if (cw == 0)
			continue;
		if (col + cw > room)
			break;
		put_cell(w, y, x + col, s[i], cw, attr);
		col += cw;
	}
	if (sign && room < maxw && i < n && s[i]) {
		put_cell(w, y, x + col, L'…', 1, attr);
		col++;
	}
	return col;
}

int bf_draw_wcs(WINDOW *w, int y, int x, int maxw, const wchar_t *s, size_t n, attr_t attr)
{
	return draw_wcs(w, y, x, maxw, s, n, attr, true);
}

int bf_draw_wcs_cut(WINDOW *w, int y, int x, int maxw, const wchar_t *s, size_t n, attr_t attr)
{
	return draw_wcs(w, y, x, maxw, s, n, attr, false);
}

int bf_draw_str(WINDOW *w, int y, int x, int maxw, const char *utf8, attr_t attr)
{
	wchar_t buf[1024];
	size_t n = bf_utf8_decode(utf8, buf, BF_ARRAY_LEN(buf));
	return bf_draw_wcs(w, y, x, maxw, buf, n, attr);
}

void bf_fill(WINDOW *w, int y, int x, int n, attr_t attr)
{
	for (int i = 0; i < n; i++)
		put_cell(w, y, x + i, L' ', 1, attr);
}

size_t bf_wrap_len(const wchar_t *s, size_t n, int width)
{
	int col = 0;
	size_t after_space = 0;
	for (size_t i = 0; i < n && s[i]; i++) {
		if (s[i] == '\n')
			return i + 1;
		int cw = bf_wc_width(s[i]);
		if (col + cw > width) {
			if (after_space > 0)
				return after_space;
			return i > 0 ? i : 1;
		}
		col += cw;
		if (s[i] == ' ')
			after_space = i + 1;
	}
	return n;
}

/* ---- reading back ---------------------------------------------------------------- */

void bf_term_dump_line(int y, char *out, size_t n)
{
	wchar_t line[1024];
	size_t len = 0;
	int oy, ox;
	getyx(stdscr, oy, ox);
	for (int x = 0; x < COLS && len + 1 < BF_ARRAY_LEN(line); x++) {
		cchar_t cc;
		wchar_t wch[CCHARW_MAX + 1] = {0};
		attr_t a;
		short pair;
		if (mvwin_wch(stdscr, y, x, &cc) == ERR)
			break;
		getcchar(&cc, wch, &a, &pair, NULL);
		wchar_t c = wch[0] ? wch[0] : L' ';
		line[len++] = c;
		if (bf_wc_width(c) == 2)
			x++; /* the second cell repeats the character */
	}
	while (len > 0 && line[len - 1] == L' ')
		len--;
	line[len] = 0;
	wmove(stdscr, oy, ox);
	bf_utf8_encode(line, len, out, n);
}

void bf_term_dump(char *out, size_t n)
{
	size_t used = 0;
	if (n == 0)
		return;
	out[0] = 0;
	for (int y = 0; y < LINES; y++) {
		char line[4096];
		bf_term_dump_line(y, line, sizeof line);
		size_t l = strlen(line);
		if (used + l + 2 > n)
			break;
		memcpy(out + used, line, l);
		used += l;
		out[used++] = '\n';
		out[used] = 0;
	}
}
