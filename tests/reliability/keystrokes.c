/* keystrokes.c — random keystrokes into the real screens (issue 18).
 *
 * The full-screen application as `bangfu` runs it (bf_ui_sessions: the
 * login, the case list and every screen reachable from it, the lock screen),
 * on curses over /dev/null, fed from a seeded generator with a weighted key
 * alphabet: arrows, Enter, Esc, Tab, F-keys, ^S and other control keys,
 * letters, digits, Chinese characters, resizes (to sizes too small as well)
 * and idle seconds. The login and the lock screen get the demo
 * administrator's name and password typed (random keys there would only lock
 * the account); a session that ends (Quit, another user) is started again,
 * as a user starts bangfu again. Checks: no crash, no hang (a watchdog per
 * key), and `bangfu check` finds the database sound afterwards.
 *
 *   keystrokes [--seed N] [--keys N] [--watchdog S] [--keep DIR]
 *
 * An odd seed runs on the district's demo database (`demo --district`), an
 * even one on a unit's; sessions alternate between English and Chinese
 * (BANGFU_LOCALEDIR: the build tree's catalogue).
 *
 * BANGFU names the binary (for `demo` and `check`). On a crash or a hang it
 * prints the seed, the number of keys and the last keys: the same seed and
 * count replay it. Output is TAP (make check runs it). */
#include "config.h"

#include <errno.h>
#include <ftw.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "bangfu/cli.h"
#include "bangfu/store.h"
#include "bangfu/ui.h"
#include "bangfu/ui_screens.h"

#define RING 48

struct fuzz {
	uint64_t rng;
	unsigned long seed;
	long limit, n;
	struct bf_app *app;
	bool login_typed; /* the credentials went to the login screen on top */
	bf_key queue[64];
	int qn, qi;
	char ring[RING][24];
	long ring_n;
	int watchdog_s;
	char seen[64][24];
	int nseen;
	long resizes, sessions, logins, locks;
};

static struct fuzz *live; /* for the signal handlers only */

static uint64_t next(struct fuzz *f)
{
	/* xorshift64*: the same seed gives the same keys everywhere */
	f->rng ^= f->rng >> 12;
	f->rng ^= f->rng << 25;
	f->rng ^= f->rng >> 27;
	return f->rng * 0x2545F4914F6CDD1DULL;
}

static unsigned pick(struct fuzz *f, unsigned n)
{
	return (unsigned)(next(f) % n);
}

static const char *const hanzi[] = {"张", "王", "李", "何", "伟", "户", "主", "配",
                                    "偶", "子", "女", "病", "残", "疾", "困", "难",
                                    "帮", "扶", "·",  "—",  "“",  "”",  "…",  "　"};

static bf_key utf8_key(const char *s)
{
	const unsigned char *u = (const unsigned char *)s;
	if (u[0] < 0x80)
		return u[0];
	if ((u[0] & 0xE0) == 0xC0)
		return ((u[0] & 0x1F) << 6) | (u[1] & 0x3F);
	return ((u[0] & 0x0F) << 12) | ((u[1] & 0x3F) << 6) | (u[2] & 0x3F);
}

static const int sizes[][2] = {{24, 80}, {24, 80}, {30, 100}, {43, 132}, {23, 80},
                               {24, 79}, {12, 40}, {60, 200}, {25, 81}};

/* One key of the weighted alphabet (weights out of 100). */
static bf_key random_key(struct fuzz *f)
{
	static const int arrows[] = {KEY_UP, KEY_DOWN, KEY_LEFT, KEY_RIGHT};
	static const int moves[] = {KEY_PPAGE, KEY_NPAGE, KEY_HOME, KEY_END, KEY_DC, KEY_BACKSPACE};
	static const char ctrl[] = "SRLUKAEDNPWXBFG";
	unsigned w = pick(f, 100);
	if (w < 18)
		return BF_KC(arrows[pick(f, 4)]);
	if (w < 27)
		return '\n';
	if (w < 33)
		return BF_ESC;
	if (w < 38)
		return pick(f, 3) ? '\t' : BF_KC(KEY_BTAB);
	if (w < 45)
		return BF_KF(1 + (int)pick(f, 12));
	if (w < 49)
		return BF_CTRL('S');
	if (w < 52)
		return BF_CTRL(ctrl[pick(f, sizeof ctrl - 1)]);
	if (w < 56)
		return BF_KC(moves[pick(f, 6)]);
	if (w < 74)
		return pick(f, 4) ? 'a' + (bf_key)pick(f, 26) : 'A' + (bf_key)pick(f, 26);
	if (w < 83)
		return '0' + (bf_key)pick(f, 10);
	if (w < 86)
		return " -/.,:?y"[pick(f, 8)];
	if (w < 97)
		return utf8_key(hanzi[pick(f, BF_ARRAY_LEN(hanzi))]);
	if (w < 99) {
		int i = (int)pick(f, BF_ARRAY_LEN(sizes));
		resizeterm(sizes[i][0], sizes[i][1]);
		f->resizes++;
		return BF_KEY_RESIZE;
	}
	return BF_KEY_NONE; /* a second with no key */
}

static void enqueue(struct fuzz *f, const char *ascii)
{
	for (; *ascii && f->qn < (int)BF_ARRAY_LEN(f->queue); ascii++)
		f->queue[f->qn++] = (unsigned char)*ascii;
}

static void note_screen(struct fuzz *f, const char *name)
{
	for (int i = 0; i < f->nseen; i++)
		if (!strcmp(f->seen[i], name))
			return;
	if (f->nseen < (int)BF_ARRAY_LEN(f->seen))
		bf_strlcpy(f->seen[f->nseen++], name, sizeof f->seen[0]);
}

static bf_key fuzz_read(void *data, int timeout_ms)
{
	(void)timeout_ms;
	struct fuzz *f = data;
	alarm(0);
	if (f->n >= f->limit)
		return BF_KEY_EOF;
	struct bf_screen *top = bf_app_top(f->app);
	if (top)
		note_screen(f, top->ops->name);
	bf_key k;
	if (f->qi < f->qn) {
		k = f->queue[f->qi++];
	} else if (top && !strcmp(top->ops->name, "login") &&
	           (LINES < BF_MIN_ROWS || COLS < BF_MIN_COLS)) {
		/* too small to log in: the user makes the window bigger first */
		resizeterm(24, 80);
		f->resizes++;
		k = BF_KEY_RESIZE;
	} else if (top && !strcmp(top->ops->name, "login")) {
		/* the login or the lock: the administrator types the password;
		 * if that did not let them in, leave (the lock: another user) */
		f->qn = f->qi = 0;
		char status[256];
		bool lock = top->ops->status && top->ops->status(top, status, sizeof status);
		if (!f->login_typed) {
			enqueue(f, lock ? "demo-admin\n" : "admin\tdemo-admin\n");
			lock ? f->locks++ : f->logins++;
		}
		else
			f->queue[f->qn++] = lock ? BF_KF(2) : BF_ESC;
		f->login_typed = true;
		k = f->queue[f->qi++];
	} else {
		f->login_typed = false;
		k = random_key(f);
	}
	bf_key_name(k, f->ring[f->ring_n % RING], sizeof f->ring[0]);
	f->ring_n++;
	f->n++;
	alarm((unsigned)f->watchdog_s);
	return k;
}

/* ---- what a failure prints (async-signal-safe: write only) -------------------- */

static void put(const char *s)
{
	ssize_t r = write(2, s, strlen(s));
	(void)r;
}

static void put_num(unsigned long v)
{
	char b[24];
	int i = (int)sizeof b - 1;
	b[i] = '\0';
	do
		b[--i] = (char)('0' + v % 10);
	while ((v /= 10) && i > 0);
	put(b + i);
}

static void dump_replay(const char *what)
{
	struct fuzz *f = live;
	if (!f)
		return;
	put("\nkeystrokes: ");
	put(what);
	put(" at key ");
	put_num((unsigned long)f->n);
	put(" (seed ");
	put_num(f->seed);
	put(")\nreplay: keystrokes --seed ");
	put_num(f->seed);
	put(" --keys ");
	put_num((unsigned long)f->n);
	put("\nthe last keys, oldest first:");
	long from = f->ring_n > RING ? f->ring_n - RING : 0;
	for (long i = from; i < f->ring_n; i++) {
		put(" ");
		put(f->ring[i % RING]);
	}
	put("\n");
}

static void on_alarm(int sig)
{
	(void)sig;
	dump_replay("HANG: no key read for the watchdog's time");
	put("not ok 1 - a key was not done within the watchdog's time (a hang)\n");
	_exit(1);
}

static void on_crash(int sig)
{
	dump_replay(sig == SIGABRT ? "ABORT" : "CRASH");
	signal(sig, SIG_DFL);
	raise(sig);
}

static void on_signal(int sig, void (*fn)(int))
{
	struct sigaction old, sa;
	if (sigaction(sig, NULL, &old) == 0 && old.sa_handler != SIG_DFL && sig != SIGALRM &&
	    sig != SIGABRT)
		return; /* the sanitizer's own (it ends in abort: then we print) */
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = fn;
	sigaction(sig, &sa, NULL);
}

/* ---- the run ------------------------------------------------------------------------- */

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static int sh(const char *bangfu, const char *args, const char *db, char *out, size_t n)
{
	char cmd[4096];
	snprintf(cmd, sizeof cmd, "'%s' --lang en --db '%s' %s </dev/null 2>&1", bangfu, db, args);
	FILE *p = popen(cmd, "r");
	if (!p)
		return -1;
	size_t len = fread(out, 1, n - 1, p);
	out[len] = '\0';
	return pclose(p);
}

int main(int argc, char **argv)
{
	struct fuzz f = {.seed = 20261206, .limit = 5000, .watchdog_s = 20};
	const char *keep = NULL;
	for (int i = 1; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (!strcmp(argv[i], "--seed") && v)
			f.seed = strtoul(v, NULL, 10), i++;
		else if (!strcmp(argv[i], "--keys") && v)
			f.limit = strtol(v, NULL, 10), i++;
		else if (!strcmp(argv[i], "--watchdog") && v)
			f.watchdog_s = atoi(v), i++;
		else if (!strcmp(argv[i], "--keep") && v)
			keep = v, i++;
		else {
			fprintf(stderr, "usage: keystrokes [--seed N] [--keys N] [--watchdog S] "
			                "[--keep DIR]\n");
			return 2;
		}
	}
	/* the sanitizer build (BANGFU_SLOW_BUILD): fewer keys, more time per key */
	if (getenv("BANGFU_SLOW_BUILD") && f.limit > 2000 && argc == 1)
		f.limit = 2000, f.watchdog_s = 60;
	setvbuf(stdout, NULL, _IOLBF, 0);
	f.rng = f.seed * 0x9E3779B97F4A7C15ULL + 1;
	const char *bangfu = getenv("BANGFU");
	printf("1..3\n# seed %lu, %ld keys, watchdog %d s per key\n", f.seed, f.limit,
	       f.watchdog_s);
	if (!bangfu) {
		printf("Bail out! BANGFU must name the bangfu binary\n");
		return 1;
	}
	if (!setlocale(LC_ALL, "C.UTF-8")) {
		printf("Bail out! no C.UTF-8 locale\n");
		return 1;
	}
	setenv("BANGFU_TEST_PWHASH_MIN", "1", 1);
	setenv("BANGFU_TODAY", "2026-12-01", 1);
	setenv("LANGUAGE", "", 1);
	const char *localedir = getenv("BANGFU_LOCALEDIR");
	bindtextdomain(PACKAGE, localedir ? localedir : LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);

	char dir[512];
	const char *base = keep ? keep : getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/bf-keys-XXXXXX", base && base[0] ? base : "/tmp");
	if (!mkdtemp(dir)) {
		printf("Bail out! mkdtemp: %s\n", strerror(errno));
		return 1;
	}
	setenv("HOME", dir, 1);
	if (chdir(dir) != 0)
		return 1;
	char db[600], out[8192];
	snprintf(db, sizeof db, "%s/keys.db", dir);
	bool district = f.seed % 2 == 1;
	printf("# on a %s demo database\n", district ? "district's" : "unit's");
	if (sh(bangfu, district ? "demo --district" : "demo", db, out, sizeof out) != 0) {
		printf("Bail out! bangfu demo: %s\n", out);
		return 1;
	}

	struct bf_ctx ctx;
	bf_ctx_init(&ctx);
	bf_strlcpy(ctx.db_path, db, sizeof ctx.db_path);
	bf_strlcpy(ctx.lang, "en", sizeof ctx.lang);
	ctx.lang_given = true;
	ctx.today = bf_date_from_ymd(2026, 12, 1);
	if (bf_ctx_open_db(&ctx, false) != 0) {
		printf("Bail out! cannot open %s\n", db);
		return 1;
	}
	ctx.db.login_hook = NULL; /* as in cmd_ui.c */

	FILE *null_out = fopen("/dev/null", "w"), *null_in = fopen("/dev/null", "r");
	bf_error err = {{0}};
	if (!null_out || !null_in ||
	    bf_term_init_on("xterm", null_out, null_in, 24, 80, &err) != 0) {
		printf("Bail out! curses: %s\n", err.msg);
		return 1;
	}
	live = &f;
	on_signal(SIGALRM, on_alarm);
	int crashes[] = {SIGSEGV, SIGBUS, SIGFPE, SIGILL, SIGABRT};
	for (size_t i = 0; i < BF_ARRAY_LEN(crashes); i++)
		on_signal(crashes[i], on_crash);

	struct bf_app app;
	int failed_logins = 0;
	bool ever_in = false;
	while (f.n < f.limit && failed_logins < 3) {
		bf_app_init(&app, &ctx);
		app.keys = (struct bf_keysrc){fuzz_read, &f};
		f.app = &app;
		f.login_typed = false;
		f.qn = f.qi = 0;
		f.sessions++;
		bf_strlcpy(ctx.lang, f.sessions % 2 ? "en" : "zh", sizeof ctx.lang);
		bf_ctx_apply_lang(&ctx);
		bool set_up, logged_in;
		int r = bf_ui_sessions(&app, &set_up, &logged_in);
		bf_app_finish(&app);
		if (r < 0) {
			alarm(0);
			bf_term_restore();
			dump_replay("the list of files could not be opened");
			printf("not ok 1 - the case list did not open\n");
			return 1;
		}
		if (logged_in)
			ever_in = true, failed_logins = 0;
		else if (f.n < f.limit)
			failed_logins++;
	}
	alarm(0);
	bf_term_restore();
	live = NULL;
	bf_ctx_close(&ctx);
	fclose(null_out);
	fclose(null_in);

	char screens[1600] = "";
	for (int i = 0, len = 0; i < f.nseen; i++)
		len += snprintf(screens + len, sizeof screens - (size_t)len, "%s%s", i ? " " : "",
		                f.seen[i]);
	bool ok_run = ever_in && failed_logins < 3;
	printf("%s 1 - %ld keys in %ld session(s), %ld resizes: no crash, no hang\n",
	       ok_run ? "ok" : "not ok", f.n, f.sessions, f.resizes);
	printf("# %ld logins, %ld unlocks\n", f.logins, f.locks);
	if (!ok_run)
		printf("# the administrator could no longer log in (key %ld)\n", f.n);
	int rc = sh(bangfu, "check", db, out, sizeof out);
	bool sound = rc == 0 && strstr(out, "the database is sound");
	printf("%s 2 - bangfu check after the keys\n", sound ? "ok" : "not ok");
	if (!sound)
		printf("# %s", out);
	/* the keys must get past the login into the screens, or they prove
	 * nothing: the help and five other screens at least */
	bool far = strstr(screens, "help") && f.nseen >= 6;
	printf("%s 3 - %d screens reached: %s\n", far ? "ok" : "not ok", f.nseen, screens);
	bool pass = ok_run && sound && far;
	if (!pass)
		printf("# replay: keystrokes --seed %lu --keys %ld (database kept in %s)\n", f.seed,
		       f.limit, dir);
	else if (!keep)
		nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return pass ? 0 : 1;
}
