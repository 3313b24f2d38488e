/* check_cli_perms.c — the command table's permissions, generated from the
 * table itself (cli.h BF_CLI_PERMS): every command line as every role —
 * clerk, reviewer, administrator (union chair), district staff, a disabled
 * account, a locked account, nobody — gets the answer the table says:
 * allowed, or refused before anything is printed, naming the roles that may.
 * Each run is the whole command line (bf_main, as main() runs it) in a forked
 * child with its output in files: the real program without an exec per run.
 * A command of BF_COMMANDS with no row fails; tests/cli/permissions.sh checks
 * the subcommands the dispatchers know against the table. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "../unit/testutil.h"
#include "bangfu/accounts.h"
#include "bangfu/cli.h"
#include "bangfu/store.h"

static char dir[256], dbpath[320], distpath[320];

struct who {
	const char *key, *name, *password;
	enum bf_role role;   /* BF_ROLE_NONE: cannot log in */
	const char *refusal; /* what a refusal says, for those who cannot log in */
};
static const struct who whos[] = {
    {"clerk", "aclerk", "clerk-password-1", BF_ROLE_CLERK, NULL},
    {"reviewer", "areviewer", "reviewer-password-1", BF_ROLE_REVIEWER, NULL},
    {"admin", "tester", "tester-password-1", BF_ROLE_ADMIN, NULL},
    {"district", "adistrict", "district-password-1", BF_ROLE_DISTRICT, NULL},
    {"disabled", "gone", "gone-password-1", BF_ROLE_NONE, "disabled"},
    {"locked", "locky", "locky-password-1", BF_ROLE_NONE, "locked"},
    {"none", NULL, NULL, BF_ROLE_NONE, "log in first"},
};

static int64_t fake_now(void *ud)
{
	int64_t *t = ud;
	return *t += 3600 * 1000; /* an hour between attempts: no waiting */
}

/* The database: an account per role, one disabled, one locked; a unit's, or
 * a district's (init --district-mode). Made in a child, so that this
 * process never opens SQLite before Check forks. */
static void make_db(const char *path, bool district)
{
	fflush(NULL);
	pid_t pid = fork();
	if (pid == 0) {
		bf_db db;
		bf_error err = {{0}};
		if (bf_store_open(&db, path, BF_DB_CREATE, &err) != 0)
			_exit(10);
		struct bf_account_new a[BF_ARRAY_LEN(whos) - 1];
		for (size_t i = 0; i + 1 < BF_ARRAY_LEN(whos); i++) {
			a[i].name = whos[i].name;
			a[i].display_name = NULL;
			a[i].password = whos[i].password;
			a[i].role = whos[i].role ? whos[i].role : BF_ROLE_ADMIN;
		}
		/* the administrator first */
		struct bf_account_new t = a[0];
		a[0] = a[2];
		a[2] = t;
		if (bf_account_seed(&db, a, BF_ARRAY_LEN(a), &err) != 0)
			_exit(11);
		bf_store_set_session(&db, "tester", BF_ROLE_ADMIN);
		struct bf_unit u;
		memset(&u, 0, sizeof u);
		bf_strlcpy(u.name, "测试单位", sizeof u.name);
		bf_strlcpy(u.code, "T01", sizeof u.code);
		u.district_mode = district;
		if (bf_unit_save(&db, &u, &err) != 0 ||
		    bf_account_set_disabled(&db, "gone", true, &err) != 0)
			_exit(12);
		bf_account_logout(&db);
		int64_t t_ms = 0;
		struct bf_clock clock = {fake_now, &t_ms};
		struct bf_login_result res;
		for (int i = 0; i < 10; i++)
			if (bf_account_login(&db, "locky", "wrong-password", &clock, &res, &err) !=
			    0)
				_exit(13);
		struct bf_account acc;
		if (bf_account_get(&db, "locky", &acc, &err) != 0 || !acc.locked)
			_exit(14);
		bf_db_close(&db);
		_exit(0);
	}
	int status;
	waitpid(pid, &status, 0);
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "check_cli_perms: making the database failed (%d)\n", status);
		exit(1);
	}
}

static char *slurp(const char *path)
{
	FILE *f = fopen(path, "r");
	char *buf = calloc(1, 8192);
	if (f && buf) {
		size_t n = fread(buf, 1, 8191, f);
		buf[n] = '\0';
	}
	if (f)
		fclose(f);
	return buf;
}

/* Run `bangfu --lang en --db DB [--user NAME --password-fd 3] LINE` as w;
 * its stdout and stderr are returned (free them). The exit code. */
static int run_in(const char *db, const struct who *w, const char *line, char **out, char **err)
{
	char outp[300], errp[300], pwp[300];
	snprintf(outp, sizeof outp, "%s/out", dir);
	snprintf(errp, sizeof errp, "%s/err", dir);
	snprintf(pwp, sizeof pwp, "%s/pw", dir);
	if (w->name) {
		FILE *f = fopen(pwp, "w");
		ck_assert_ptr_nonnull(f);
		fprintf(f, "%s\n", w->password);
		fclose(f);
	}
	fflush(NULL);
	pid_t pid = fork();
	ck_assert_int_ge(pid, 0);
	if (pid == 0) {
		int in = open("/dev/null", O_RDONLY);
		int fo = open(outp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		int fe = open(errp, O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (in < 0 || fo < 0 || fe < 0 || dup2(in, 0) < 0 || dup2(fo, 1) < 0 ||
		    dup2(fe, 2) < 0)
			_exit(99);
		char *argv[32];
		int argc = 0;
		char words[256];
		bf_strlcpy(words, line, sizeof words);
		argv[argc++] = (char *)"bangfu";
		argv[argc++] = (char *)"--lang";
		argv[argc++] = (char *)"en";
		argv[argc++] = (char *)"--db";
		argv[argc++] = (char *)db;
		unsetenv("BANGFU_USER");
		if (w->name) {
			int pf = open(pwp, O_RDONLY);
			if (pf < 0 || dup2(pf, 3) < 0)
				_exit(99);
			argv[argc++] = (char *)"--user";
			argv[argc++] = (char *)w->name;
			argv[argc++] = (char *)"--password-fd";
			argv[argc++] = (char *)"3";
		}
		for (char *save = NULL, *tok = strtok_r(words, " ", &save); tok && argc < 31;
		     tok = strtok_r(NULL, " ", &save))
			argv[argc++] = tok;
		argv[argc] = NULL;
		int rc = bf_main(argc, argv);
		fflush(NULL);
		_exit(rc);
	}
	int status;
	waitpid(pid, &status, 0);
	*out = slurp(outp);
	*err = slurp(errp);
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static int run(const struct who *w, const char *line, char **out, char **err)
{
	return run_in(dbpath, w, line, out, err);
}

/* The cells of perm.h's table, asked one by one (not bf_perm_any: the
 * test does not lean on what it tests). In a district's database its
 * administrator also holds the district staff's cells, and nobody else
 * gains anything. */
static bool row_allows(const struct bf_cli_perm *r, enum bf_role role, bool district)
{
	for (int p = 0; p < BF_PERM_COUNT; p++)
		if ((r->perms & (1u << p)) &&
		    (bf_perm_allowed(role, (enum bf_perm)p) ||
		     (district && role == BF_ROLE_ADMIN &&
		      bf_perm_allowed(BF_ROLE_DISTRICT, (enum bf_perm)p))))
			return true;
	return false;
}

/* Every row of the table as w, in the unit's database or the district's. */
static void every_row(const struct who *w, bool district)
{
	const char *db = district ? distpath : dbpath;
	size_t n;
	const struct bf_cli_perm *rows = bf_cli_perm_rows(&n);
	int checked = 0, bad = 0;
	char first[2048] = "";
	for (size_t i = 0; i < n; i++) {
		const struct bf_cli_perm *r = &rows[i];
		if (r->perms == BF_CLI_OPEN)
			continue; /* runs without a login: checked below */
		char line[128];
		snprintf(line, sizeof line, "%s%s%s", r->command, r->sub[0] ? " " : "", r->sub);
		char *out, *err;
		int rc = run_in(db, w, line, &out, &err);
		bool allowed = w->role != BF_ROLE_NONE && row_allows(r, w->role, district);
		char why[512] = "";
		if (allowed) {
			if (strstr(err, "Who may:") || strstr(err, "log in first") ||
			    strstr(err, "Wrong name or password"))
				snprintf(why, sizeof why, "refused, the table allows it: %s", err);
		} else if (rc != 1 || out[0]) {
			snprintf(why, sizeof why,
			         "exit %d, printed \"%.100s\": refused before printing "
			         "expected",
			         rc, out);
		} else if (w->refusal && !strstr(err, w->refusal)) {
			snprintf(why, sizeof why, "expected \"%s\" in: %s", w->refusal, err);
		} else if (!w->refusal) {
			char want[128];
			snprintf(want, sizeof want, "%s: may not", bf_role_label(w->role));
			if (!strstr(err, want) || !strstr(err, "Who may:"))
				snprintf(why, sizeof why, "expected \"%s … Who may:\" in: %s", want,
				         err);
			/* names every role that may, and no other */
			for (int role = BF_ROLE_NONE + 1; role < BF_ROLE_END && !why[0]; role++) {
				const char *who = strstr(err, "Who may:");
				bool named = who && strstr(who, bf_role_label((enum bf_role)role));
				if (named != row_allows(r, (enum bf_role)role, district))
					snprintf(why, sizeof why, "%s %s named in: %s",
					         bf_role_label((enum bf_role)role),
					         named ? "wrongly" : "not", err);
			}
		}
		if (why[0]) {
			if (bad++ < 4) {
				size_t len = strlen(first);
				snprintf(first + len, sizeof first - len, "\n  %s: %s", line, why);
			}
		}
		checked++;
		free(out);
		free(err);
	}
	ck_assert_msg(checked > 80, "only %d rows", checked);
	ck_assert_msg(bad == 0,
	              "as %s%s: %d of %d command lines answered otherwise than the table:%s",
	              w->key, district ? " in a district's database" : "", bad, checked, first);
}

START_TEST(every_row_as_role)
{
	every_row(&whos[_i], false);
}
END_TEST

/* The same in a district's database, as the roles that can log in. */
START_TEST(every_row_as_role_in_district)
{
	every_row(&whos[_i], true);
}
END_TEST

/* The district's administrator runs the district's work, a unit's does
 * not; help permissions says so. */
START_TEST(district_admin_rows)
{
	size_t n;
	const struct bf_cli_perm *rows = bf_cli_perm_rows(&n);
	int extra = 0;
	for (size_t i = 0; i < n; i++)
		if (rows[i].perms != BF_CLI_OPEN && row_allows(&rows[i], BF_ROLE_ADMIN, true) &&
		    !row_allows(&rows[i], BF_ROLE_ADMIN, false))
			extra++;
	ck_assert_msg(extra >= 5, "the district's administrator gains only %d rows", extra);
	char *out, *err;
	int rc = run_in(distpath, &whos[2], "district list", &out, &err);
	ck_assert_msg(rc == 0 && !strstr(err, "Who may"), "district list: %d %s", rc, err);
	free(out);
	free(err);
	rc = run(&whos[2], "district list", &out, &err);
	ck_assert_msg(rc == 1 && strstr(err, "Who may: District staff\n"),
	              "a unit's administrator: %d %s", rc, err);
	free(out);
	free(err);
	rc = run_in(distpath, &whos[0], "district list", &out, &err);
	ck_assert_msg(rc == 1 &&
	                  strstr(err, "Who may: Union chair / administrator, District staff"),
	              "a clerk in the district: %d %s", rc, err);
	free(out);
	free(err);
	rc = run(&whos[BF_ARRAY_LEN(whos) - 1], "help permissions", &out, &err);
	ck_assert_msg(rc == 0 && strstr(out, "district's database") &&
	                  strstr(out, "the administrator may also run what district staff may"),
	              "help permissions: %d %s", rc, out);
	free(out);
	free(err);
}
END_TEST

/* Every command of BF_COMMANDS has a row; only init, check, demo, the
 * full-screen application and recover (the recovery code) run without a
 * login. */
START_TEST(table_covers_commands)
{
#define NAME(name, fn, usage, summary) name,
	static const char *const names[] = {BF_COMMANDS(NAME)};
#undef NAME
	size_t n;
	const struct bf_cli_perm *rows = bf_cli_perm_rows(&n);
	for (size_t c = 0; c < BF_ARRAY_LEN(names); c++) {
		bool found = false;
		for (size_t i = 0; i < n; i++)
			found = found || !strcmp(rows[i].command, names[c]);
		ck_assert_msg(found, "the command %s has no row in BF_CLI_PERMS", names[c]);
	}
	char open[128] = "";
	for (size_t i = 0; i < n; i++) {
		bool known = false;
		for (size_t c = 0; c < BF_ARRAY_LEN(names); c++)
			known = known || !strcmp(rows[i].command, names[c]);
		ck_assert_msg(known, "the row %s %s names no command", rows[i].command,
		              rows[i].sub);
		if (rows[i].perms == BF_CLI_OPEN) {
			size_t len = strlen(open);
			snprintf(open + len, sizeof open - len, "%s ", rows[i].command);
		}
		for (size_t j = 0; j < i; j++)
			ck_assert_msg(strcmp(rows[i].command, rows[j].command) ||
			                  strcmp(rows[i].sub, rows[j].sub),
			              "two rows for %s %s", rows[i].command, rows[i].sub);
	}
	ck_assert_str_eq(open, "init check demo ui recover key ");
	/* check runs without anyone; init on a set-up database is refused */
	char *out, *err;
	int rc = run(&whos[BF_ARRAY_LEN(whos) - 1], "check", &out, &err);
	ck_assert_msg(rc == 0 && strstr(out, "sound"), "check: %d %s %s", rc, out, err);
	free(out);
	free(err);
	rc = run(&whos[BF_ARRAY_LEN(whos) - 1], "init --unit X", &out, &err);
	ck_assert_msg(rc != 0 && !out[0], "init again: %d %s %s", rc, out, err);
	free(out);
	free(err);
}
END_TEST

int main(void)
{
	setenv("BANGFU_TEST_PWHASH_MIN", "1", 1);
	unsetenv("BANGFU_DB");
	unsetenv("BANGFU_LANG");
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/bangfu-perms.XXXXXX", tmp && *tmp ? tmp : "/tmp");
	if (!mkdtemp(dir))
		return 1;
	snprintf(dbpath, sizeof dbpath, "%s/perm.db", dir);
	snprintf(distpath, sizeof distpath, "%s/district.db", dir);
	make_db(dbpath, false);
	make_db(distpath, true);
	Suite *s = suite_create("cli permissions");
	TCase *tc = tcase_create("table");
	tcase_set_timeout(tc, 240); /* seconds a role when idle; room for a loaded machine */
	tcase_add_test(tc, table_covers_commands);
	tcase_add_loop_test(tc, every_row_as_role, 0, (int)BF_ARRAY_LEN(whos));
	tcase_add_loop_test(tc, every_row_as_role_in_district, 0, 4);
	tcase_add_test(tc, district_admin_rows);
	suite_add_tcase(s, tc);
	int rc = bf_test_run(&s, 1);
	char cmd[400];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	if (system(cmd) != 0)
		rc = EXIT_FAILURE;
	return rc;
}
