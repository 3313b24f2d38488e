/* check_intake.c — the intake screen (the hardship file form) driven
 * in-process: a fresh database in a temporary folder per test, curses on an
 * "xterm" over /dev/null at 80x24, keys from a script, the screen read back
 * and the database checked. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <ftw.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bangfu/accounts.h"
#include "bangfu/case_text.h"
#include "bangfu/store.h"
#include "bangfu/ui.h"
#include "bangfu/ui_screens.h"
#include "fresh.h"
#include "../../src/ui/intake.h"
#include "../unit/testutil.h"

/* Valid resident IDs (MOD 11-2). */
#define ID_EMP "110105198003120016"    /* 张三, male, 1980 */
#define ID_SPOUSE "110105198207050021" /* 李梅, female, 1982 */
#define ID_CHILD "110105201009010031"  /* 张小明, 2010 */
#define ID_OTHER "110105195001010012"

/* ---- fixture ------------------------------------------------------------------------ */

static char tmpdir[512];
static FILE *null_out, *null_in;
static struct bf_ctx ctx;
static struct bf_app app;
/* every dialog closed in a test, checked against a fresh draw */
static struct fresh_log dialogs;
static struct bf_keyscript ks;

/* Script markers: SNAP keeps the screen as shown at that moment (dialogs
 * are on screen only while they wait for a key); IDLE is a pause in typing
 * (the key source times out once). */
#define SNAP BF_KC(KEY_MAX + 1)
#define IDLE BF_KC(KEY_MAX + 2)
static char snaps[4][65536];
static int n_snaps;
/* Half a wide character on screen at a SNAP (a dialog over Chinese text). */
static bool snap_split;

static bf_key script_read(void *data, int timeout_ms)
{
	for (;;) {
		bf_key k = bf_keyscript_src(data).read(data, timeout_ms);
		if (k == IDLE)
			return BF_KEY_NONE;
		if (k != SNAP)
			return k;
		int sy, sx;
		if (bf_term_split_wide(stdscr, &sy, &sx))
			snap_split = true;
		if (n_snaps < 4)
			bf_term_dump(snaps[n_snaps++], sizeof snaps[0]);
	}
}

static int rm_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void setup(void)
{
	const char *base = getenv("TMPDIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/bf-intake-XXXXXX", base && base[0] ? base : "/tmp");
	ck_assert_ptr_nonnull(mkdtemp(tmpdir));
	ck_assert_ptr_nonnull(setlocale(LC_ALL, "C.UTF-8"));
	setenv("LANGUAGE", "", 1);

	memset(&ctx, 0, sizeof ctx);
	snprintf(ctx.db_path, sizeof ctx.db_path, "%s/t.db", tmpdir);
	bf_strlcpy(ctx.operator, "tester", sizeof ctx.operator);
	bf_strlcpy(ctx.lang, "en", sizeof ctx.lang);
	ctx.today = bf_date_from_ymd(2026, 11, 28);
	ctx.out = stdout;
	ctx.err = stderr;
	bf_error err = {{0}};
	ck_assert_msg(bf_store_open(&ctx.db, ctx.db_path, BF_DB_CREATE, &err) == 0, "%s", err.msg);
	tu_key(&ctx.db);
	bf_db_set_actor(&ctx.db, ctx.operator);
	ctx.db_open = true;

	null_out = fopen("/dev/null", "w");
	null_in = fopen("/dev/null", "r");
	ck_assert_int_eq(bf_term_init_on("xterm", null_out, null_in, 24, 80, &err), 0);
	bf_app_init(&app, &ctx);
	fresh_watch(&app, &dialogs);
	bf_keyscript_init(&ks);
	app.keys = (struct bf_keysrc){script_read, &ks};
	app.confirm_quit = false;
	n_snaps = 0;
}

static void teardown(void)
{
	bf_app_finish(&app);
	bf_keyscript_free(&ks);
	bf_term_restore();
	fclose(null_out);
	fclose(null_in);
	bf_db_close(&ctx.db);
	if (tmpdir[0])
		nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	fresh_verify(&dialogs);
}

/* ---- helpers ---------------------------------------------------------------------- */

static enum bf_run_result run(void)
{
	app.stop_eof = false;
	return bf_app_run(&app);
}

static void key(bf_key k)
{
	bf_keyscript_key(&ks, k);
}

static void type(const char *s)
{
	bf_keyscript_type(&ks, s);
}

static void snap(void)
{
	bf_keyscript_key(&ks, SNAP);
}

static const char *row(int y)
{
	static char line[4096];
	bf_term_dump_line(y, line, sizeof line);
	return line;
}

static const char *screen(void)
{
	static char buf[65536];
	bf_term_dump(buf, sizeof buf);
	return buf;
}

static int find_row(const char *s)
{
	for (int y = 0; y < LINES; y++)
		if (strstr(row(y), s))
			return y;
	return -1;
}

#define assert_on_screen(s) \
	ck_assert_msg(strstr(screen(), (s)) != NULL, "\"%s\" not on screen:\n%s", (s), screen())
#define assert_in(text, s) \
	ck_assert_msg(strstr((text), (s)) != NULL, "\"%s\" not in:\n%s", (s), (text))
#define assert_not_on_screen(s) \
	ck_assert_msg(strstr(screen(), (s)) == NULL, "\"%s\" on screen:\n%s", (s), screen())

static struct bf_form *top_form(void)
{
	struct bf_screen *s = bf_app_top(&app);
	struct bf_form *f = intake_form(s);
	return f ? f : member_form(s);
}

static bool focusable(const struct bf_field *fd)
{
	return fd->spec.type != BF_FIELD_HEADING && !(fd->spec.flags & BF_FIELD_READONLY);
}

/* Run what is queued, then queue the Downs (or Ups) that reach the field `k`
 * of the form on top (Down stops at every field, the optional details too). */
static void go(const char *k)
{
	run();
	struct bf_form *f = top_form();
	ck_assert_ptr_nonnull(f);
	int to = bf_form_find(f, k);
	ck_assert_msg(to >= 0, "no field %s", k);
	int from = f->focus, dir = to > from ? 1 : -1;
	for (int i = from; i != to; i += dir)
		if (focusable(&f->fields[i + dir]))
			key(dir > 0 ? BF_KC(KEY_DOWN) : BF_KC(KEY_UP));
}

static const char *field(const char *k)
{
	static char buf[1024];
	run();
	struct bf_form *f = top_form();
	ck_assert_ptr_nonnull(f);
	ck_assert(bf_form_get(f, bf_form_find(f, k), buf, sizeof buf));
	return buf;
}

static int64_t saved_id;
static int saved_calls;

static void on_saved(void *ud, int64_t id)
{
	(void)ud;
	saved_id = id;
	saved_calls++;
}

static void open_intake(int64_t id)
{
	saved_id = 0;
	saved_calls = 0;
	app.stop_eof = false; /* dialogs read the keys queued for them */
	ck_assert_int_eq(bf_intake_open(&app, id, on_saved, NULL), 0);
}

static int64_t q_int(const char *sql)
{
	int64_t v = -1;
	ck_assert_msg(bf_db_int(&ctx.db, sql, &v) == 0, "%s", ctx.db.errmsg);
	return v;
}

/* The draft of case_id, or NULL. */
static char *draft(int64_t case_id)
{
	char *text = NULL, at[64];
	bf_error err = {{0}};
	int rc = bf_draft_load(&ctx.db, case_id, &text, at, sizeof at, &err);
	ck_assert_int_ge(rc, 0);
	return rc == 0 ? text : NULL;
}

/* The employee: name, ID, married, monthly income 2000. */
static void type_employee(const char *name, const char *id)
{
	go("name");
	type(name);
	go("id_number");
	type(id);
	go("marital");
	key('2'); /* Married */
	go("income");
	type("2000");
	key('\t');
}

/* A member through the sub-form: Ctrl-O on the member rows, then fields;
 * the income proof set to none (the suggestion following the status is
 * tested on its own, below). */
static void add_member(const char *name, const char *id, char status_digit)
{
	run();
	char last[32];
	snprintf(last, sizeof last, "member.%zu",
	         intake_case(intake_of(bf_app_top(&app)))->n_members - 1);
	go(last);
	key(BF_CTRL('O'));
	run();
	ck_assert_ptr_nonnull(member_form(bf_app_top(&app)));
	type(name);
	go("id_number");
	type(id);
	go("status");
	key(status_digit);
	go("proof");
	key('1'); /* no proof */
	key(BF_ESC);
	run();
	ck_assert_ptr_nonnull(intake_form(bf_app_top(&app)));
}

/* ---- the reference household by the fewest keys ------------------------------------------ */

static int keys_beyond_data;

/* A key that is not part of the data typed (Tab, a choice, ^O, Esc...). */
static void k(bf_key key_)
{
	keys_beyond_data++;
	key(key_);
}

/* The reference household: the employee married, employed, 3,000 a
 * month with the employer's certificate, phone, department, bank and card,
 * the cause children's schooling; the spouse unemployed with the
 * certificate; the son at school. Typed in at most 45 keys beyond the data,
 * thanks to: optional details passed by (Tab skips them), suggestions (the
 * proof follows the status, a child under 16 is at school, a spouse is
 * married), typed choice (letters pick an option), Tab past a member's last
 * field opening the next. */
START_TEST(reference_household_in_45_keys)
{
	keys_beyond_data = 0;
	open_intake(0);
	run();
	type("张三");
	k('\t');
	type(ID_EMP);
	k('\t');
	k('m'); /* Married */
	k('\t');
	k('\t'); /* employed: suggested */
	type("13812345678");
	k('\t');
	type("一车间");
	k('\t');
	type("3000");
	k('\t');
	k('\t');         /* the employer's certificate: suggested */
	k(BF_CTRL('O')); /* the spouse: relation and marital status suggested */
	type("李梅");
	k('\t');
	k('\t');
	type(ID_SPOUSE);
	k('\t');
	k('\t');
	k('u'); /* Unemployed */
	k('\t');
	k('\t'); /* the unemployment certificate: suggested */
	k('\t'); /* past the last field: the next member */
	type("张小明");
	k('\t');
	k('\t'); /* child: suggested */
	type("110105201609010035");
	k('\t');
	k('\t');
	k('\t'); /* student: suggested from the age */
	k('\t');
	k(BF_ESC);
	k(BF_KC(KEY_NPAGE)); /* the hardship section */
	k('c');              /* Children's schooling */
	k(BF_KC(KEY_NPAGE)); /* the five clears */
	k(BF_KC(KEY_NPAGE)); /* the bank */
	type("中国工商银行");
	k('\t');
	k('\t');
	type("6222021234567890128");
	k(BF_CTRL('S'));
	run();
	assert_on_screen("Saved as file 2026-0001");
	ck_assert_int_le(keys_beyond_data, 45);
	/* the five clears say which are missing (all five here) */
	struct bf_form *f = top_form();
	const char *head = NULL;
	for (int i = 0; i < f->n; i++)
		if (f->fields[i].spec.type == BF_FIELD_HEADING &&
		    !strncmp(f->fields[i].spec.label, "Five clears", 11))
			head = f->fields[i].spec.label;
	ck_assert_ptr_nonnull(head);
	ck_assert_str_eq(head, "Five clears (missing: family situation, cause of hardship, state "
	                       "of mind, skills, employment wishes)");

	struct bf_case *c = malloc(sizeof *c);
	bf_error err = {{0}};
	ck_assert_msg(bf_case_load(&ctx.db, saved_id, c, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(c->n_members, 3);
	const struct bf_member *e = &c->members[0], *sp = &c->members[1], *ch = &c->members[2];
	ck_assert_str_eq(e->name, "张三");
	ck_assert_int_eq(e->marital, BF_MAR_MARRIED);
	ck_assert_int_eq(e->status, BF_ST_EMPLOYED);
	ck_assert_int_eq(e->monthly_income, 300000);
	ck_assert_int_eq(e->proof, BF_PROOF_EMPLOYER);
	ck_assert_str_eq(c->phone, "13812345678");
	ck_assert_str_eq(c->department, "一车间");
	ck_assert_str_eq(c->bank_name, "中国工商银行");
	ck_assert_str_eq(c->bank_card, "6222021234567890128");
	ck_assert_int_eq(c->primary_cause, BF_CAUSE_SCHOOLING);
	ck_assert_str_eq(sp->name, "李梅");
	ck_assert_int_eq(sp->relation, BF_REL_SPOUSE);
	ck_assert_int_eq(sp->marital, BF_MAR_MARRIED);
	ck_assert_int_eq(sp->status, BF_ST_UNEMPLOYED);
	ck_assert_int_eq(sp->proof, BF_PROOF_UNEMPLOYMENT);
	ck_assert_str_eq(ch->name, "张小明");
	ck_assert_int_eq(ch->relation, BF_REL_CHILD);
	ck_assert_int_eq(ch->status, BF_ST_STUDENT);
	ck_assert_int_eq(ch->proof, BF_PROOF_NONE);
	free(c);
}
END_TEST

/* A child under 6 is not at school yet; a member typed before keeps what was
 * chosen; a birth date after today is refused at once and in the first ^S
 * list. */
START_TEST(member_suggestions_and_future_birth)
{
	open_intake(0);
	run();
	type_employee("张三", ID_EMP);
	go("member.0");
	key(BF_CTRL('O'));
	type("张小小");
	go("birth_date");
	type("2023-05-01");
	go("proof");
	run();
	ck_assert_str_eq(field("status"), "preschool");
	ck_assert_str_eq(field("proof"), "none");
	/* the clerk's choice stays when the birth date changes */
	go("status");
	key('e'); /* Employed */
	go("birth_date");
	key(BF_CTRL('U'));
	type("2018-05-01");
	go("proof");
	run();
	ck_assert_str_eq(field("status"), "employed");
	/* born after today: said at once */
	go("birth_date");
	key(BF_CTRL('U'));
	type("2030-01-01");
	key(BF_KC(KEY_DOWN));
	run();
	assert_on_screen("The birth date is after today.");
	key(BF_ESC);
	key(BF_CTRL('S'));
	snap();
	key(BF_ESC);
	run();
	assert_in(snaps[0], "in the future");
	assert_in(snaps[0], "张小小");
}
END_TEST
/* A saved file 张三, open in n screens, one above the other. */
static int64_t file_open(int n)
{
	open_intake(0);
	type_employee("张三", ID_EMP);
	key(BF_CTRL('S'));
	key(BF_ESC);
	run();
	int64_t id = saved_id;
	ck_assert_int_gt(id, 0);
	for (int i = 0; i < n; i++)
		open_intake(id);
	return id;
}

/* Another operator (or the workflow) puts the file in a state. */
static void set_status(int64_t id, const char *status)
{
	char sql[128];
	snprintf(sql, sizeof sql, "UPDATE case_file SET status = '%s' WHERE id = %lld", status,
	         (long long)id);
	ck_assert_int_eq(bf_db_exec(&ctx.db, sql), 0);
}

/* ---- a whole case -------------------------------------------------------------------- */

START_TEST(whole_case_live_panel_and_save)
{
	open_intake(0);
	run();
	assert_on_screen("New hardship file");
	assert_on_screen("Household 1");

	type_employee("张三", ID_EMP);
	ck_assert_str_eq(field("sex_birth"), "Male, born 1980-03-12, age 46");
	go("ethnicity");
	type("汉族");
	go("phone");
	type("13812345678");
	go("employer");
	type("红星机械厂");
	go("address");
	type("北京市东城区和平里3号");

	/* spouse, unemployed, no proof: the minimum wage is imputed */
	add_member("李梅", ID_SPOUSE, '3');
	/* the student child */
	add_member("张小明", ID_CHILD, '9');

	run();
	/* the live panel, visible at 80x24 */
	assert_on_screen("Household 3 | Per capita 1,393.33 yuan a month");
	assert_on_screen("✓张三  ✓李梅 (minimum wage)  ✓张小明");
	assert_on_screen("✗ Category 1: per-capita monthly income 1,393.33 yuan > 1,290.00 yuan");
	assert_on_screen("✓ Category 2: special hardship: 张小明 is a student");
	assert_on_screen("✗ Category 5: direct disaster loss 0.00 yuan < 20,000.00 yuan");
	/* the member rows: masked IDs only (none in full anywhere but the ID field) */
	int r = find_row("李梅");
	ck_assert_int_ge(r, 0);
	ck_assert_ptr_nonnull(strstr(row(r), "Spouse"));
	ck_assert_ptr_nonnull(strstr(row(r), "Unemployed"));
	ck_assert_ptr_nonnull(strstr(row(r), "✓*"));
	assert_not_on_screen(ID_SPOUSE);
	assert_not_on_screen(ID_CHILD);

	go("primary_cause");
	key('9'); /* Children's schooling */
	go("family_situation");
	type("妻子失业，儿子上初中");
	go("bank_name");
	type("中国工商银行");
	go("bank_branch");
	type("北京和平里支行");
	go("bank_card");
	type("6222021234567890128");
	key('\t');
	key(BF_CTRL('S'));
	run();
	assert_on_screen("Saved as file 2026-0001");
	assert_on_screen("File 2026-0001: 张三");
	ck_assert_int_eq(saved_calls, 1);
	ck_assert_int_gt(saved_id, 0);

	struct bf_case *c = malloc(sizeof *c);
	bf_error err = {{0}};
	ck_assert_msg(bf_case_load(&ctx.db, saved_id, c, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(c->number, "2026-0001");
	ck_assert_int_eq(c->year, 2026);
	ck_assert_uint_eq(c->n_members, 3);
	ck_assert_str_eq(c->members[0].name, "张三");
	ck_assert_str_eq(c->members[0].id_number, ID_EMP);
	ck_assert_str_eq(c->members[0].birth_date, "1980-03-12");
	ck_assert_int_eq(c->members[0].marital, BF_MAR_MARRIED);
	ck_assert_int_eq(c->members[0].monthly_income, 200000);
	ck_assert_str_eq(c->members[1].name, "李梅");
	ck_assert_int_eq(c->members[1].relation, BF_REL_SPOUSE);
	ck_assert_int_eq(c->members[1].marital, BF_MAR_MARRIED);
	ck_assert_int_eq(c->members[1].status, BF_ST_UNEMPLOYED);
	ck_assert_int_eq(c->members[1].proof, BF_PROOF_NONE);
	ck_assert_str_eq(c->members[1].birth_date, "1982-07-05");
	ck_assert_str_eq(c->members[2].name, "张小明");
	ck_assert_int_eq(c->members[2].relation, BF_REL_CHILD);
	ck_assert_int_eq(c->members[2].status, BF_ST_STUDENT);
	ck_assert_str_eq(c->ethnicity, "汉族");
	ck_assert_str_eq(c->phone, "13812345678");
	ck_assert_str_eq(c->employer, "红星机械厂");
	ck_assert_str_eq(c->address, "北京市东城区和平里3号");
	ck_assert_int_eq(c->primary_cause, BF_CAUSE_SCHOOLING);
	ck_assert_str_eq(c->family_situation, "妻子失业，儿子上初中");
	ck_assert_str_eq(c->bank_branch, "北京和平里支行");
	ck_assert_str_eq(c->bank_card, "6222021234567890128");
	ck_assert_str_eq(c->keyed_by, "tester");
	free(c);
	/* stored for fast lists: household 3, per capita, first category 2 */
	ck_assert_int_eq(q_int("SELECT household_size FROM case_file"), 3);
	ck_assert_int_eq(q_int("SELECT per_capita FROM case_file"), 139333);
	ck_assert_int_eq(q_int("SELECT first_category FROM case_file"), 2);
	/* saved: the draft is gone, and leaving asks nothing */
	ck_assert_ptr_null(draft(0));
	ck_assert_ptr_null(draft(saved_id));
	key(BF_ESC);
	run();
	ck_assert_int_eq(app.depth, 0);
}
END_TEST

START_TEST(reopen_shows_saved_case)
{
	open_intake(0);
	type_employee("张三", ID_EMP);
	add_member("李梅", ID_SPOUSE, '3');
	key(BF_CTRL('S'));
	key(BF_ESC);
	run();
	ck_assert_int_eq(app.depth, 0);
	int64_t id = saved_id;
	open_intake(id);
	run();
	assert_on_screen("File 2026-0001: 张三");
	ck_assert_str_eq(field("name"), "张三");
	ck_assert_str_eq(field("id_number"), ID_EMP);
	ck_assert_str_eq(field("income"), "2000.00");
	assert_on_screen("Household 2");
	/* nothing changed: Esc leaves without a question */
	key(BF_ESC);
	run();
	ck_assert_int_eq(app.depth, 0);
}
END_TEST

/* ---- checks ------------------------------------------------------------------------ */

START_TEST(bad_id_message_beside_field_text_kept)
{
	open_intake(0);
	type("张三");
	key('\t');
	type("110105198003120017"); /* check character should be 6 */
	key('\t');
	run();
	ck_assert_str_eq(field("id_number"), "110105198003120017");
	int r = find_row("110105198003120017");
	ck_assert_int_ge(r, 0);
	/* the message beside the field or on the row below it */
	ck_assert_msg(strstr(row(r), "check character should be 6") ||
	                  strstr(row(r + 1), "check character should be 6"),
	              "%s", screen());
	/* saving lists the problem by its field and goes back to it */
	key(BF_CTRL('S'));
	snap();
	key('\n');
	run();
	ck_assert_ptr_nonnull(strstr(snaps[0], "Not saved yet"));
	ck_assert_ptr_nonnull(strstr(snaps[0], "ID number: check character should be 6"));
	struct bf_form *f = top_form();
	ck_assert_int_eq(f->focus, bf_form_find(f, "id_number"));
	ck_assert_int_eq(q_int("SELECT count(*) FROM case_file"), 0);
	/* the text is still there, and in the draft */
	ck_assert_str_eq(field("id_number"), "110105198003120017");
	char *d = draft(0);
	ck_assert_ptr_nonnull(d);
	ck_assert_ptr_nonnull(strstr(d, "110105198003120017"));
	free(d);
}
END_TEST

START_TEST(save_lists_problems_and_moves_to_first)
{
	open_intake(0);
	go("phone");
	type("12345");
	go("postcode");
	type("1000");
	key(BF_CTRL('S'));
	snap();
	key('\n');
	run();
	ck_assert_ptr_nonnull(strstr(snaps[0], "Name: This field must be filled in."));
	ck_assert_ptr_nonnull(strstr(snaps[0], "ID number: This field must be filled in."));
	ck_assert_ptr_nonnull(strstr(snaps[0], "Phone: Enter a mobile number"));
	ck_assert_ptr_nonnull(strstr(snaps[0], "Postcode: A postcode has 6 digits."));
	/* each field once: the file's own rules add nothing said already */
	const char *phone = strstr(snaps[0], "Phone:");
	ck_assert_ptr_null(strstr(phone + 1, "Phone:"));
	const char *postcode = strstr(snaps[0], "Postcode:");
	ck_assert_ptr_null(strstr(postcode + 1, "Postcode:"));
	struct bf_form *f = top_form();
	ck_assert_int_eq(f->focus, bf_form_find(f, "name"));
	ck_assert_int_eq(q_int("SELECT count(*) FROM case_file"), 0);
}
END_TEST

START_TEST(domain_problem_moves_to_member_row)
{
	open_intake(0);
	type_employee("张三", ID_EMP);
	add_member("李梅", ID_SPOUSE, '3');
	add_member("王芳", ID_OTHER, '1');
	/* a second spouse: the domain refuses it, naming the member */
	go("member.2");
	key('\n');
	run();
	go("relation");
	key('1'); /* Spouse (self is not offered) */
	key(BF_ESC);
	key(BF_CTRL('S'));
	snap();
	key('\n');
	run();
	ck_assert_ptr_nonnull(
	    strstr(snaps[0], "Member 3 (王芳): Relation: only one spouse can be listed"));
	struct bf_form *f = top_form();
	ck_assert_int_eq(f->focus, bf_form_find(f, "member.2"));
}
END_TEST

START_TEST(duplicate_id_in_other_file_refused)
{
	/* file 2026-0001 already lists 李梅's ID (as the employee) */
	struct bf_case *other = malloc(sizeof *other);
	bf_case_init(other, 2026);
	bf_strlcpy(other->members[0].name, "李梅", sizeof other->members[0].name);
	bf_strlcpy(other->members[0].id_number, ID_SPOUSE, sizeof other->members[0].id_number);
	bf_error err = {{0}};
	ck_assert_msg(bf_case_save(&ctx.db, other, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(other->number, "2026-0001");
	free(other);

	open_intake(0);
	type_employee("张三", ID_EMP);
	add_member("李梅", ID_SPOUSE, '3');
	key(BF_CTRL('S'));
	snap();
	key('\n');
	run();
	ck_assert_msg(strstr(snaps[0], "李梅 (1101**********002*) is already in file 2026-0001"),
	              "%s", snaps[0]);
	ck_assert_ptr_null(strstr(snaps[0], ID_SPOUSE));
	ck_assert_int_eq(q_int("SELECT count(*) FROM case_file"), 1);
	ck_assert_int_eq(saved_calls, 0);
	struct bf_form *f = top_form();
	ck_assert_int_eq(f->focus, bf_form_find(f, "member.1"));
	/* nothing lost */
	ck_assert_str_eq(field("name"), "张三");
}
END_TEST

/* The member editor's dialogs (a choice field's list, Esc and Enter) over a
 * Chinese screen: after each the screen is the one drawn fresh (issue 15). */
START_TEST(member_dialogs_zh)
{
	chinese(&ctx);
	open_intake(0);
	type_employee("张三", ID_EMP);
	add_member("李梅", ID_SPOUSE, '3');
	go("member.1");
	key(BF_CTRL('O'));
	run();
	ck_assert_ptr_nonnull(member_form(bf_app_top(&app)));
	go("relation");
	key('\n');
	snap();
	key(BF_ESC);
	run();
	ck_assert_msg(strstr(snaps[0], "李梅") && strstr(snaps[0], "配偶"), "%s", snaps[0]);
	same_as_fresh(&app, snap_split);
	go("status");
	key('\n');
	snap();
	key(BF_KC(KEY_HOME));
	key('\n'); /* the first status */
	run();
	ck_assert_msg(strstr(snaps[1], "在岗"), "%s", snaps[1]);
	same_as_fresh(&app, snap_split);
	key(BF_ESC);
	run();
	ck_assert_ptr_nonnull(intake_form(bf_app_top(&app)));
	same_as_fresh(&app, snap_split);
}
END_TEST

START_TEST(luhn_failure_asks_before_saving)
{
	open_intake(0);
	type_employee("张三", ID_EMP);
	go("bank_card");
	type("6222021234567890123"); /* fails Luhn */
	key('\t');
	run();
	assert_on_screen("6222021234567890123");
	key(BF_CTRL('S'));
	snap();
	key('n');
	run();
	ck_assert_ptr_nonnull(strstr(snaps[0], "fails the check-digit test"));
	ck_assert_ptr_null(strstr(snaps[0], "6222021234567890123"));
	ck_assert_int_eq(q_int("SELECT count(*) FROM case_file"), 0);
	same_as_fresh(&app, false); /* the form under the question, as it was */
	key(BF_CTRL('S'));
	key('y');
	run();
	ck_assert_int_eq(q_int("SELECT count(*) FROM case_file"), 1);
	assert_on_screen("Saved as file 2026-0001");
}
END_TEST

START_TEST(store_error_shown_nothing_lost)
{
	open_intake(0);
	type_employee("张三", ID_EMP);
	run();
	ck_assert_int_eq(bf_db_exec(&ctx.db, "PRAGMA query_only = 1"), 0);
	key(BF_CTRL('S'));
	snap();
	key('\n');
	run();
	ck_assert_ptr_nonnull(strstr(snaps[0], "Could not save"));
	ck_assert_ptr_nonnull(strstr(snaps[0], "Nothing typed is lost"));
	ck_assert_int_eq(saved_calls, 0);
	ck_assert_str_eq(field("name"), "张三");
	ck_assert_ptr_nonnull(intake_form(bf_app_top(&app)));
	ck_assert_int_eq(bf_db_exec(&ctx.db, "PRAGMA query_only = 0"), 0);
	key(BF_CTRL('S'));
	run();
	assert_on_screen("Saved as file 2026-0001");
	ck_assert_int_eq(saved_calls, 1);
}
END_TEST

/* A file with the district union is frozen: saving it is refused in the
 * store's words, and what was typed stays on the form and in the draft. */
START_TEST(submitted_file_refused_nothing_lost)
{
	int64_t id = file_open(0);
	set_status(id, "submitted");
	open_intake(id);
	go("ethnicity");
	type("回族");
	key('\t');
	key(BF_CTRL('S'));
	snap();
	key('\n');
	run();
	ck_assert_ptr_nonnull(strstr(snaps[0], "Could not save"));
	ck_assert_ptr_nonnull(strstr(snaps[0], "has been submitted to the district union"));
	ck_assert_ptr_nonnull(strstr(snaps[0], "Nothing typed is lost"));
	ck_assert_int_eq(saved_calls, 0);
	ck_assert_str_eq(field("ethnicity"), "回族");
	char *d = draft(id);
	ck_assert_ptr_nonnull(d);
	ck_assert_ptr_nonnull(strstr(d, "回族"));
	free(d);
	ck_assert_int_eq(q_int("SELECT count(*) FROM case_file WHERE ethnicity = '回族'"), 0);
}
END_TEST

/* ---- drafts ----------------------------------------------------------------------- */

START_TEST(draft_on_field_leave_and_offered_on_reopen)
{
	open_intake(0);
	type("张三");
	run();
	ck_assert_ptr_null(draft(0)); /* not left yet */
	key('\t');
	run();
	char *d = draft(0);
	ck_assert_ptr_nonnull(d);
	ck_assert_ptr_nonnull(strstr(d, "张三"));
	free(d);
	assert_on_screen("Draft kept");
	/* an amount that cannot be stored as typed still travels in the draft */
	go("income");
	type("12.345");
	key('\t');
	key(BF_ESC);
	snap();
	key('y');
	run();
	ck_assert_ptr_nonnull(strstr(snaps[0], "Leave without saving? Your typing is kept"));
	ck_assert_int_eq(app.depth, 0);

	/* reopen: the draft is offered; yes brings everything back */
	key(SNAP);
	key('y');
	open_intake(0);
	run();
	ck_assert_ptr_nonnull(strstr(snaps[1], "A draft saved at "));
	ck_assert_ptr_nonnull(strstr(snaps[1], "exists. Continue with it?"));
	ck_assert_str_eq(field("name"), "张三");
	ck_assert_str_eq(field("income"), "12.345");
	struct bf_form *f = top_form();
	ck_assert_int_eq(f->fields[bf_form_find(f, "income")].state, BF_CHECK_ERROR);
	assert_on_screen("Draft restored");
	/* the cursor is back where it was */
	ck_assert_int_eq(f->focus, bf_form_find(f, "proof"));
}
END_TEST

/* A new file with the name 张三 typed, left with its draft kept. */
static void leave_a_draft(void)
{
	open_intake(0);
	type("张三");
	key('\t');
	key(BF_ESC);
	key('y');
	run();
	ck_assert_int_eq(app.depth, 0);
}

/* In a Chinese UI the draft's two questions (no, then Esc: kept after all)
 * leave the form as drawn fresh (issue 15). */
START_TEST(draft_questions_zh)
{
	chinese(&ctx);
	leave_a_draft();
	key(SNAP);
	key('n');
	key(SNAP);
	key(BF_ESC);
	open_intake(0);
	run();
	ck_assert_msg(strstr(snaps[0], "草稿") && strstr(snaps[1], "丢弃"), "%s\n%s", snaps[0],
	              snaps[1]);
	ck_assert_str_eq(field("name"), "张三");
	same_as_fresh(&app, snap_split);
}
END_TEST

START_TEST(draft_declined_is_discarded_only_when_confirmed)
{
	leave_a_draft();

	/* no, then "keep it after all": the draft is used */
	key('n');
	key('n');
	open_intake(0);
	ck_assert_str_eq(field("name"), "张三");
	key(BF_ESC);
	key('y');
	run();

	/* no, then yes: discarded */
	key('n');
	key('y');
	open_intake(0);
	ck_assert_str_eq(field("name"), "");
	ck_assert_ptr_null(draft(0));
}
END_TEST

START_TEST(draft_kept_on_pause_and_on_signal_path)
{
	open_intake(0);
	type("张三丰");
	key(IDLE); /* a pause in typing, mid-field */
	run();
	char *d = draft(0);
	ck_assert_ptr_nonnull(d);
	ck_assert_ptr_nonnull(strstr(d, "张三丰"));
	free(d);
	/* the save_draft hook (SIGTERM/SIGHUP/Quit) keeps the field being typed */
	type("李");
	run();
	ck_assert_int_eq(bf_app_save_drafts(&app), 0);
	d = draft(0);
	ck_assert_ptr_nonnull(strstr(d, "张三丰李"));
	free(d);
}
END_TEST

START_TEST(draft_of_existing_case_keyed_by_its_id)
{
	int64_t id = file_open(1);
	go("ethnicity");
	type("回族");
	key('\t');
	run();
	ck_assert_ptr_null(draft(0));
	char *d = draft(id);
	ck_assert_ptr_nonnull(d);
	ck_assert_ptr_nonnull(strstr(d, "回族"));
	free(d);
	key(BF_ESC);
	key('y');
	run();
	key('y'); /* reopen: continue with the draft */
	open_intake(id);
	ck_assert_str_eq(field("ethnicity"), "回族");
	key(BF_CTRL('S'));
	run();
	ck_assert_ptr_null(draft(id));
	struct bf_case *c = malloc(sizeof *c);
	bf_error err = {{0}};
	ck_assert_int_eq(bf_case_load(&ctx.db, id, c, &err), 0);
	ck_assert_str_eq(c->ethnicity, "回族");
	ck_assert_str_eq(c->number, "2026-0001");
	free(c);
}
END_TEST

/* ---- members ------------------------------------------------------------------------- */

static const char *member_names(void)
{
	static char buf[512];
	run();
	struct bf_case *c = intake_case(intake_of(bf_app_top(&app)));
	buf[0] = 0;
	for (size_t i = 0; i < c->n_members; i++) {
		strcat(buf, i ? "," : "");
		strcat(buf, c->members[i].name);
	}
	return buf;
}

START_TEST(members_add_remove_reorder)
{
	open_intake(0);
	type_employee("张三", ID_EMP);
	add_member("李梅", ID_SPOUSE, '3');
	add_member("张小明", ID_CHILD, '9');
	ck_assert_str_eq(member_names(), "张三,李梅,张小明");

	/* move the child up: the employee stays first */
	go("member.2");
	key(BF_CTRL('P'));
	run();
	ck_assert_str_eq(member_names(), "张三,张小明,李梅");
	struct bf_form *f = top_form();
	ck_assert_int_eq(f->focus, bf_form_find(f, "member.1"));
	key(BF_CTRL('P'));
	run();
	ck_assert_str_eq(member_names(), "张三,张小明,李梅");
	assert_on_screen("Only the employee comes before this member.");
	key(BF_CTRL('N'));
	run();
	ck_assert_str_eq(member_names(), "张三,李梅,张小明");
	ck_assert_int_lt(find_row("李梅"), find_row("张小明"));

	/* the employee cannot be removed */
	go("member.0");
	key(BF_CTRL('D'));
	run();
	assert_on_screen("The employee cannot be removed");
	ck_assert_str_eq(member_names(), "张三,李梅,张小明");

	/* removing asks; no keeps, yes removes */
	go("member.1");
	key(BF_CTRL('D'));
	snap();
	key('n');
	run();
	ck_assert_ptr_nonnull(strstr(snaps[0], "Remove 李梅 (Spouse) from the household?"));
	ck_assert_str_eq(member_names(), "张三,李梅,张小明");
	key(BF_CTRL('D'));
	key('y');
	run();
	ck_assert_str_eq(member_names(), "张三,张小明");
	assert_on_screen("Household 2");

	/* a member added and left empty is not kept */
	key(BF_CTRL('O'));
	key(BF_ESC);
	run();
	ck_assert_str_eq(member_names(), "张三,张小明");
	assert_on_screen("The empty member was not added.");

	/* Enter on a member row opens it; edits go into the case */
	go("member.1");
	key('\n');
	run();
	ck_assert_ptr_nonnull(member_form(bf_app_top(&app)));
	assert_on_screen("Household member 2: 张小明");
	go("income");
	type("300");
	key(BF_ESC);
	run();
	struct bf_case *c = intake_case(intake_of(bf_app_top(&app)));
	ck_assert_int_eq(c->members[1].monthly_income, 30000);
	/* typing on a row does not change it */
	type("x");
	run();
	assert_on_screen("Enter opens it");
	ck_assert_str_eq(member_names(), "张三,张小明");

	key(BF_CTRL('S'));
	run();
	c = malloc(sizeof *c);
	bf_error err = {{0}};
	ck_assert_int_eq(bf_case_load(&ctx.db, saved_id, c, &err), 0);
	ck_assert_uint_eq(c->n_members, 2);
	ck_assert_str_eq(c->members[1].name, "张小明");
	ck_assert_int_eq(c->members[1].monthly_income, 30000);
	free(c);
}
END_TEST

START_TEST(member_bad_amount_kept_and_blocks_save)
{
	open_intake(0);
	type_employee("张三", ID_EMP);
	add_member("李梅", ID_SPOUSE, '1');
	go("member.1");
	key('\n');
	run();
	go("income");
	type("12.345");
	key('\t');
	key(BF_ESC);
	run();
	int r = find_row("李梅");
	ck_assert_ptr_nonnull(strstr(row(r), "✓!"));
	key(BF_CTRL('S'));
	snap();
	key('\n');
	run();
	ck_assert_ptr_nonnull(strstr(snaps[0], "Member 2 (李梅): \"12.345\""));
	ck_assert_int_eq(q_int("SELECT count(*) FROM case_file"), 0);
	/* the sub-form shows the text again */
	go("member.1");
	key('\n');
	run();
	ck_assert_str_eq(field("income"), "12.345");
	/* and so does a reopened draft */
	char *d = draft(0);
	ck_assert_ptr_nonnull(strstr(d, "ui.mraw.1.income\t12.345"));
	free(d);
}
END_TEST

/* ---- the screen ---------------------------------------------------------------------- */

START_TEST(resize_mid_edit_keeps_text)
{
	open_intake(0);
	type("张三丰");
	run();
	resizeterm(40, 130);
	key(BF_KEY_RESIZE);
	type("李");
	run();
	ck_assert_int_eq(COLS, 130);
	/* the panel is a column on the right now */
	int r = find_row("Assessment 2026");
	ck_assert_int_ge(r, 0);
	ck_assert_ptr_nonnull(strstr(row(r), "| Assessment 2026"));
	ck_assert_ptr_nonnull(strstr(screen(), "张三丰李"));

	resizeterm(20, 60);
	key(BF_KEY_RESIZE);
	run();
	assert_on_screen("Terminal too small");

	resizeterm(24, 80);
	key(BF_KEY_RESIZE);
	type("四");
	run();
	ck_assert_str_eq(field("name"), "张三丰李四");
	assert_on_screen("Name*  张三丰李四");
	assert_on_screen("Household 1 | Per capita");
	ck_assert_ptr_nonnull(strstr(row(23), "F1 Help"));
}
END_TEST

START_TEST(esc_with_changes_asks)
{
	open_intake(0);
	key(BF_ESC); /* nothing typed: leaves at once */
	run();
	ck_assert_int_eq(app.depth, 0);

	open_intake(0);
	type("张三");
	key(BF_ESC);
	snap();
	key('n');
	run();
	ck_assert_ptr_nonnull(
	    strstr(snaps[0], "Leave without saving? Your typing is kept as a draft."));
	ck_assert_int_eq(app.depth, 1);
	ck_assert_str_eq(field("name"), "张三");
	same_as_fresh(&app, false);
	key(BF_ESC);
	key('y');
	run();
	ck_assert_int_eq(app.depth, 0);
	char *d = draft(0);
	ck_assert_ptr_nonnull(d);
	ck_assert_ptr_nonnull(strstr(d, "张三"));
	free(d);
}
END_TEST

START_TEST(sections_and_assessment_screen)
{
	open_intake(0);
	key(BF_KC(KEY_NPAGE));
	run();
	struct bf_form *f = top_form();
	ck_assert_int_eq(f->focus, bf_form_find(f, "member.0"));
	ck_assert_ptr_nonnull(strstr(row(23), "^O Add member"));
	/* the section's title comes to the top */
	ck_assert_ptr_nonnull(strstr(row(1), "Household members"));
	ck_assert_ptr_nonnull(strstr(row(4), "Enter opens a member"));
	key(BF_KC(KEY_NPAGE));
	run();
	ck_assert_int_eq(f->focus, bf_form_find(f, "primary_cause"));
	ck_assert_ptr_nonnull(strstr(row(1), "Hardship"));
	key(BF_KC(KEY_PPAGE));
	run();
	ck_assert_int_eq(f->focus, bf_form_find(f, "member.0"));
	key(BF_KC(KEY_PPAGE));
	run();
	ck_assert_int_eq(f->focus, bf_form_find(f, "name"));

	key(BF_CTRL('T'));
	run();
	assert_on_screen("Assistance year 2026: minimum living standard 860.00 yuan a month");
	assert_on_screen("Household: 1 counted of 1 listed");
	key(BF_ESC);
	run();
	ck_assert_ptr_nonnull(intake_form(bf_app_top(&app)));
	/* help lists the intake's own actions */
	key(BF_KF(1));
	run();
	assert_on_screen("Next section");
	assert_on_screen("Assessment");
}
END_TEST

START_TEST(roles_and_reveals)
{
	/* opening a saved file shows its numbers in full: a reveal, recorded */
	int64_t id = file_open(0);
	ck_assert_int_eq(q_int("SELECT count(*) FROM reveal_event"), 0);
	open_intake(id);
	run();
	ck_assert_int_eq(q_int("SELECT count(*) FROM reveal_event WHERE field = 'all'"), 1);
	key(BF_ESC);
	run();

	/* a reviewer may not take in files: the form does not open */
	bf_store_set_session(&ctx.db, "rev", BF_ROLE_REVIEWER);
	ck_assert_int_eq(bf_intake_open(&app, 0, on_saved, NULL), -1);
	ck_assert_int_eq(app.depth, 0);
	ck_assert_msg(strstr(app.msg, "may not take in and edit case files"), "%s", app.msg);
	ck_assert_int_eq(bf_intake_open(&app, id, on_saved, NULL), -1);
	ck_assert_int_eq(q_int("SELECT count(*) FROM reveal_event"), 1);

	/* a clerk may; the clerk is who keyed it in */
	bf_store_set_session(&ctx.db, "clerk1", BF_ROLE_CLERK);
	open_intake(0);
	ck_assert_str_eq(field("keyed_by"), "clerk1");
}
END_TEST

/* ---- no lost updates (issue 18 item 1) ---------------------------------------------- */

/* Type text into field k and leave it. */
static void put(const char *k, const char *text)
{
	go(k);
	type(text);
	key('\t');
}

/* ...and save, and the message says `says`. */
static void put_and_save(const char *k, const char *text, const char *says)
{
	put(k, text);
	key(BF_CTRL('S'));
	run();
	assert_on_screen(says);
}

/* The file open in two screens; the one on top sets the ethnicity to 回族,
 * saves and closes: the one below was opened before that save. */
static int64_t saved_on_top(void)
{
	int64_t id = file_open(2);
	put("ethnicity", "回族");
	key(BF_CTRL('S'));
	key(BF_ESC);
	run();
	return id;
}

static struct bf_case *loaded(int64_t id)
{
	static struct bf_case c;
	bf_error err = {{0}};
	ck_assert_msg(bf_case_load(&ctx.db, id, &c, &err) == 0, "%s", err.msg);
	return &c;
}

/* Two screens save one file: the second save meets the first one's change;
 * the fields they did not both touch merge without asking, and the form
 * shows the other's change afterwards. */
START_TEST(two_screens_merge_untouched_fields)
{
	int64_t id = saved_on_top();
	ck_assert_str_eq(loaded(id)->ethnicity, "回族");
	/* the screen below, opened before that save */
	ck_assert_str_eq(field("ethnicity"), "");
	put_and_save("phone", "13912345678", "together with the changes made meanwhile");
	ck_assert_str_eq(loaded(id)->ethnicity, "回族");
	ck_assert_str_eq(loaded(id)->phone, "13912345678");
	ck_assert_str_eq(field("ethnicity"), "回族");
	ck_assert_str_eq(field("phone"), "13912345678");
	/* and the next save from here is an ordinary one */
	put_and_save("skills", "钳工", "Saved as file 2026-0001");
	ck_assert_str_eq(loaded(id)->skills, "钳工");
	ck_assert_str_eq(loaded(id)->ethnicity, "回族");
}
END_TEST

/* Both changed one field: the refusal lists it (field: theirs / yours),
 * nothing is saved and what was typed stays (form and draft) until the user
 * says to put it on top. */
START_TEST(two_screens_conflict_shown_and_reapplied)
{
	int64_t id = saved_on_top();
	put("ethnicity", "满族");
	put("skills", "电工");
	key(BF_CTRL('S'));
	snap();
	key('n');
	run();
	ck_assert_ptr_nonnull(strstr(snaps[0], "was changed by tester"));
	ck_assert_msg(strstr(snaps[0], "Ethnicity: 回族 / 满族") != NULL, "%s", snaps[0]);
	ck_assert_ptr_null(strstr(snaps[0], "Skills")); /* only what both changed */
	assert_on_screen("what you typed is kept");
	ck_assert_str_eq(loaded(id)->ethnicity, "回族");
	ck_assert_str_eq(loaded(id)->skills, "");
	ck_assert_str_eq(field("ethnicity"), "满族");
	char *d = draft(id);
	ck_assert_ptr_nonnull(d);
	ck_assert_ptr_nonnull(strstr(d, "满族"));
	free(d);
	key(BF_CTRL('S'));
	key('y');
	run();
	assert_on_screen("together with the changes made meanwhile");
	ck_assert_str_eq(loaded(id)->ethnicity, "满族");
	ck_assert_str_eq(loaded(id)->skills, "电工");
	ck_assert_ptr_null(draft(id));
}
END_TEST

/* The case: the file is approved while its form is open; a save
 * from the form keeps the state the review left. */
START_TEST(save_after_review_keeps_the_state)
{
	int64_t id = file_open(1);
	run();
	set_status(id, "approved");
	put_and_save("skills", "钳", "together with the changes made meanwhile");
	ck_assert_str_eq(loaded(id)->status, "approved");
	ck_assert_str_eq(loaded(id)->skills, "钳");
}
END_TEST

/* ---- waiting for another operator's write (issue 18 item 6) -------------------------- */

static void (*app_notice)(bf_db *db, const char *msg, void *ud);
static int notices;

/* The screen as the app's notice left it, kept for the test. */
static void notice_snap(bf_db *db, const char *msg, void *ud)
{
	app_notice(db, msg, ud);
	if (notices++ == 0 && n_snaps < 4)
		bf_term_dump(snaps[n_snaps++], sizeof snaps[0]);
}

/* Another operator's long import holds the write lock (a child process:
 * its own connection) for about 1.5 s: a save from the form waits, the
 * message line says who and what for, and the save goes through after. */
START_TEST(save_waits_for_a_long_write_and_says_who)
{
	int64_t id = file_open(1);
	run();
	char note[1100];
	snprintf(note, sizeof note, "%s-writer", ctx.db_path);
	pid_t child = fork();
	ck_assert_int_ge(child, 0);
	if (child == 0) {
		bf_db other;
		bf_error err = {{0}};
		if (bf_store_open(&other, ctx.db_path, 0, &err) != 0)
			_exit(1);
		tu_key(&other);
		bf_db_set_actor(&other, "tester");
		if (bf_db_begin_long(&other, "importing 4,000 files", 2) != 0)
			_exit(2);
		usleep(1500000);
		bf_db_rollback(&other);
		bf_db_close(&other);
		_exit(0);
	}
	for (int i = 0; i < 200 && access(note, F_OK) != 0; i++)
		usleep(20000);
	ck_assert_int_eq(access(note, F_OK), 0);
	app_notice = ctx.db.busy_notify;
	ck_assert_ptr_nonnull(app_notice);
	ctx.db.busy_notify = notice_snap;
	notices = 0;
	put_and_save("skills", "钳工", "Saved as file 2026-0001");
	int status;
	ck_assert_int_eq(waitpid(child, &status, 0), child);
	ck_assert_int_eq(WEXITSTATUS(status), 0);
	ck_assert_int_gt(notices, 0);
	ck_assert_msg(strstr(snaps[0], "Waiting: tester is importing 4,000 files, about") != NULL,
	              "%s", snaps[0]);
	ck_assert_str_eq(loaded(id)->skills, "钳工");
}
END_TEST

static Suite *intake_suite(void)
{
	Suite *s = suite_create("intake");
	TCase *tc = tcase_create("intake");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 30);
	tcase_add_test(tc, whole_case_live_panel_and_save);
	tcase_add_test(tc, reference_household_in_45_keys);
	tcase_add_test(tc, member_suggestions_and_future_birth);
	tcase_add_test(tc, reopen_shows_saved_case);
	tcase_add_test(tc, bad_id_message_beside_field_text_kept);
	tcase_add_test(tc, save_lists_problems_and_moves_to_first);
	tcase_add_test(tc, domain_problem_moves_to_member_row);
	tcase_add_test(tc, duplicate_id_in_other_file_refused);
	tcase_add_test(tc, luhn_failure_asks_before_saving);
	tcase_add_test(tc, member_dialogs_zh);
	tcase_add_test(tc, draft_questions_zh);
	tcase_add_test(tc, store_error_shown_nothing_lost);
	tcase_add_test(tc, submitted_file_refused_nothing_lost);
	tcase_add_test(tc, draft_on_field_leave_and_offered_on_reopen);
	tcase_add_test(tc, draft_declined_is_discarded_only_when_confirmed);
	tcase_add_test(tc, draft_kept_on_pause_and_on_signal_path);
	tcase_add_test(tc, draft_of_existing_case_keyed_by_its_id);
	tcase_add_test(tc, members_add_remove_reorder);
	tcase_add_test(tc, member_bad_amount_kept_and_blocks_save);
	tcase_add_test(tc, resize_mid_edit_keeps_text);
	tcase_add_test(tc, esc_with_changes_asks);
	tcase_add_test(tc, sections_and_assessment_screen);
	tcase_add_test(tc, roles_and_reveals);
	tcase_add_test(tc, two_screens_merge_untouched_fields);
	tcase_add_test(tc, two_screens_conflict_shown_and_reapplied);
	tcase_add_test(tc, save_after_review_keeps_the_state);
	tcase_add_test(tc, save_waits_for_a_long_write_and_says_who);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	Suite *suites[] = {intake_suite()};
	return bf_test_run(suites, BF_ARRAY_LEN(suites));
}
