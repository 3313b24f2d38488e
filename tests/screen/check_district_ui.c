/* check_district_ui.c — the district's screens: the consolidation list as
 * the home screen of a district database, the duplicate flag, the unit
 * filter, decisions from a file's detail, the import (a tampered package
 * refused, a new revision with its differences), the reply package and
 * the summary — driven in-process: a fresh district database per test with
 * two units' packages imported through the store (built here with
 * bf_pkg_seal and signed with keys registered for the units), curses on an
 * "xterm" over /dev/null at 80x24, keys from a script, the screen read back
 * and the database checked. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bangfu/district_store.h"
#include "bangfu/package.h"
#include "bangfu/submission_store.h"
#include "../unit/testutil.h"

#include "screen_fixture.h"

/* ---- the fixture: a district with two units' packages ----------------------------- */

/* A resident ID number from its first 17 digits (check character added). */
static const char *make_id(const char *first17, char out[19])
{
	static const int weight[17] = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
	static const char check[] = "10X98765432";
	int sum = 0;
	for (int i = 0; i < 17; i++)
		sum += (first17[i] - '0') * weight[i];
	memcpy(out, first17, 17);
	out[17] = check[sum % 11];
	out[18] = 0;
	return out;
}

static char id_zhang[19], id_li[19], id_wang[19], id_zhao[19];

struct unit_key {
	const char *code, *name;
	uint8_t pk[32], sk[64];
};

static struct unit_key u1 = {"U001", "第一机械厂", {0}, {0}};
static struct unit_key u2 = {"U002", "第二纺织厂", {0}, {0}};

static json_t *person(const char *name, const char *relation, const char *id, bf_fen income)
{
	return json_pack("{s:s, s:s, s:s, s:I}", "name", name, "relation", relation, "id_number",
	                 id, "monthly_income", (json_int_t)income);
}

static json_t *a_case(const char *number, const char *name, const char *id, int category,
                      bf_fen amount, json_t *members)
{
	json_t *c = json_pack(
	    "{s:s, s:s, s:s, s:s, s:s, s:i, s:I, s:I, s:i, s:s, s:{s:I, s:s}, s:o,"
	    " s:[{s:i, s:s}], s:[], s:{s:s, s:i, s:I, s:s, s:s, s:s},"
	    " s:{s:i, s:s, s:s, s:s}, s:[]}",
	    "number", number, "name", name, "id_number", id, "department", "一车间", "employer",
	    "本厂", "category", category, "amount", (json_int_t)amount, "per_capita",
	    (json_int_t)90000, "household_size", (int)json_array_size(members), "status",
	    "submitted", "form", "other_income_year", (json_int_t)0, "hardship_cause_text",
	    "妻子重病", "members", members, "causes", "rank", 0, "cause", "major_illness",
	    "checklist", "review", "decision", "approve", "category", category, "amount",
	    (json_int_t)amount, "reviewer", "审核员", "date", "2026-11-02", "meeting_ref", "2026-3",
	    "publicity", "round", 1, "start", "2026-11-05", "end", "2026-11-11", "status", "passed",
	    "history");
	ck_assert_ptr_nonnull(c);
	return c;
}

/* The audit chain the next package() names: the head's repeated digit, the
 * row count, the previous head's digit and count (0: none), restored. */
static struct {
	char head, prev;
	int64_t rows, prev_rows;
	bool restored;
} chain = {'a', 0, 42, 0, false};

/* A signed submission package of unit k, revision rev, with cases (stolen). */
static char *package(struct unit_key *k, int rev, json_t *cases, size_t *len)
{
	size_t n = json_array_size(cases);
	json_t *content =
	    json_pack("{s:s, s:i, s:{s:s, s:s, s:s, s:s, s:s, s:s, s:s},"
	              " s:{s:s, s:i, s:s, s:s}, s:[{s:i, s:s, s:s, s:s, s:s}], s:o}",
	              "format", "bangfu-submission", "version", 1, "unit", "code", k->code, "name",
	              k->name, "union_name", "工会", "district", "东城区总工会", "address",
	              "东城区一号", "contact", "王工", "phone", "010-12345678", "batch", "id",
	              "2026-01", "revision", rev, "created", "2026-11-20T09:00:00Z", "created_by",
	              "admin", "reports", "round", 1, "start", "2026-11-05", "end", "2026-11-11",
	              "place", "厂区公告栏", "text", "公示期满无异议", "cases", cases);
	ck_assert_ptr_nonnull(content);
	char *text = json_dumps(content, JSON_COMPACT);
	json_decref(content);
	ck_assert_ptr_nonnull(text);

	struct bf_pkg_header h;
	memset(&h, 0, sizeof h);
	h.version = BF_PKG_VERSION;
	bf_strlcpy(h.kind, "submission", sizeof h.kind);
	bf_strlcpy(h.from_code, k->code, sizeof h.from_code);
	bf_strlcpy(h.from_name, k->name, sizeof h.from_name);
	bf_strlcpy(h.to_code, "D01", sizeof h.to_code);
	bf_strlcpy(h.to_name, "东城区总工会", sizeof h.to_name);
	bf_strlcpy(h.batch, "2026-01", sizeof h.batch);
	h.revision = rev;
	bf_strlcpy(h.created, "2026-11-20T09:00:00Z", sizeof h.created);
	h.cases = (int64_t)n;
	h.full_numbers = true;
	memset(h.audit_head, chain.head, 64);
	h.audit_rows = chain.rows;
	if (chain.prev)
		memset(h.audit_prev, chain.prev, 64);
	h.audit_prev_rows = chain.prev_rows;
	h.restored = chain.restored;
	char *out = NULL;
	bf_error err = {{0}};
	uint8_t dist_pk[32]; /* sealed to this district database's key */
	ck_assert_msg(bf_key_public(&ctx.db, dist_pk, &err) == 0, "%s", err.msg);
	ck_assert_msg(bf_pkg_seal(&h, text, strlen(text), k->sk, dist_pk, &out, len, &err) == 0,
	              "%s", err.msg);
	free(text);
	return out;
}

static json_t *unit1_cases(bf_fen amount_0002)
{
	return json_pack("[o, o]",
	                 a_case("2026-0001", "张三", id_zhang, 2, 300000,
	                        json_pack("[o, o]", person("张三", "self", id_zhang, 150000),
	                                  person("李梅", "spouse", id_li, 30000))),
	                 a_case("2026-0002", "王五", id_wang, 3, amount_0002,
	                        json_pack("[o]", person("王五", "self", id_wang, 120000))));
}

static void import_ok(const char *buf, size_t len)
{
	struct bf_import_result r;
	memset(&r, 0, sizeof r);
	bf_error err = {{0}};
	ck_assert_msg(bf_district_import(&ctx.db, buf, len, &r, &err) == 0, "%s", err.msg);
	bf_import_result_free(&r);
}

static void write_file(const char *path, const char *buf, size_t len)
{
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	ck_assert_uint_eq(fwrite(buf, 1, len, f), len);
	ck_assert_int_eq(fclose(f), 0);
}

/* A new key for unit k, registered at the district. */
static void trust(struct unit_key *k)
{
	bf_pkg_keygen(k->pk, k->sk);
	struct bf_pkg_keyfile kf;
	memset(&kf, 0, sizeof kf);
	bf_strlcpy(kf.code, k->code, sizeof kf.code);
	bf_strlcpy(kf.name, k->name, sizeof kf.name);
	bf_strlcpy(kf.kind, "unit", sizeof kf.kind);
	memcpy(kf.pk, k->pk, 32);
	bf_error err = {{0}};
	ck_assert_msg(bf_key_trust(&ctx.db, &kf, false, &err) == 0, "%s", err.msg);
}

/* The district's database: D01, two units' keys registered, their
 * packages imported. U002's 2026-0001 (李梅) is U001 2026-0001's spouse. */
static void district(void)
{
	make_id("11010519491231002", id_zhang);
	make_id("11010519520301004", id_li);
	make_id("11010219600715003", id_wang);
	make_id("11010819751120005", id_zhao);
	bf_store_set_session(&ctx.db, "tester", BF_ROLE_ADMIN); /* the unit's details */
	struct bf_unit u;
	memset(&u, 0, sizeof u);
	bf_strlcpy(u.name, "东城区总工会", sizeof u.name);
	bf_strlcpy(u.code, "D01", sizeof u.code);
	u.district_mode = true;
	bf_error err = {{0}};
	ck_assert_msg(bf_unit_save(&ctx.db, &u, &err) == 0, "%s", err.msg);
	bf_store_set_session(&ctx.db, "tester", BF_ROLE_DISTRICT);

	struct unit_key *keys[2] = {&u1, &u2};
	for (int i = 0; i < 2; i++) {
		trust(keys[i]);
	}
	size_t len;
	char *p1 = package(&u1, 1, unit1_cases(200000), &len);
	import_ok(p1, len);
	free(p1);
	json_t *c2 = json_pack("[o, o]",
	                       a_case("2026-0001", "李梅", id_li, 1, 500000,
	                              json_pack("[o]", person("李梅", "self", id_li, 0))),
	                       a_case("2026-0002", "赵六", id_zhao, 2, 250000,
	                              json_pack("[o]", person("赵六", "self", id_zhao, 100000))));
	char *p2 = package(&u2, 1, c2, &len);
	import_ok(p2, len);
	free(p2);
}

/* The consolidated file of unit/number. */
static struct bf_dist_case find(const char *unit, const char *number)
{
	struct bf_dist_filter f = {unit, 0, NULL, false, number};
	struct bf_dist_case *rows = NULL;
	size_t n = 0;
	bf_error err = {{0}};
	ck_assert_msg(bf_dist_list(&ctx.db, &f, &rows, &n, &err) == 0, "%s", err.msg);
	ck_assert_uint_eq(n, 1);
	struct bf_dist_case c = rows[0];
	free(rows);
	return c;
}

static size_t count_files(void)
{
	struct bf_dist_filter f = {0};
	struct bf_dist_case *rows = NULL;
	size_t n = 0;
	bf_error err = {{0}};
	ck_assert_msg(bf_dist_list(&ctx.db, &f, &rows, &n, &err) == 0, "%s", err.msg);
	free(rows);
	return n;
}

/* ---- tests ------------------------------------------------------------------------------ */

START_TEST(home_is_consolidation_with_duplicates)
{
	district();
	ck_assert_int_eq(bf_home_open(&app), 0);
	run();
	ck_assert_str_eq(bf_app_top(&app)->ops->name, "consolidation");
	assert_on_screen("Consolidation");
	assert_on_screen("4 files from the units");
	assert_on_screen("U002");
	assert_on_screen("赵六");
	assert_on_screen("1101**********"); /* masked, never whole */
	ck_assert_ptr_null(strstr(screen(), id_zhang));
	/* the proposed amounts and their total (3,000 + 2,000 + 5,000 + 2,500) */
	assert_on_screen("5,000.00");
	assert_on_screen("Proposed 12,500.00");
	/* 张三's file and 李梅's share a person: both carry the flag, the others not */
	char row[256];
	int flagged = 0;
	for (int y = 0; y < LINES; y++) {
		bf_term_dump_line(y, row, sizeof row);
		if (strstr(row, "DUP 1")) {
			flagged++;
			ck_assert_msg(strstr(row, "张三") || strstr(row, "李梅"), "%s", row);
		}
	}
	ck_assert_int_eq(flagged, 2);
	assert_same_as_fresh();
}
END_TEST

START_TEST(menu_holds_the_district_entries)
{
	district();
	ck_assert_int_eq(bf_home_open(&app), 0);
	key('m');
	run();
	assert_on_screen("Import a package");
	assert_on_screen("Consolidation");
	assert_on_screen("Units");
	assert_on_screen("Summary");
	assert_on_screen("Change my password");
	ck_assert_ptr_null(strstr(screen(), "Campaigns"));
	ck_assert_ptr_null(strstr(screen(), "Publicity rounds"));
	/* the summary from the menu */
	key('4');
	run();
	assert_on_screen("All units");
	assert_on_screen("12,500.00");
	assert_on_screen("U001 第一机械厂");
	assert_on_screen("Category 2");
	/* written as XLSX under ~ */
	key('x');
	key('\n');
	run();
	char path[1024];
	snprintf(path, sizeof path, "%s/D01-summary-2026-11-28.xlsx", tmpdir);
	struct stat st;
	ck_assert_int_eq(stat(path, &st), 0);
	ck_assert_int_gt(st.st_size, 0);
	assert_on_screen("Wrote");
	assert_same_as_fresh();
}
END_TEST

START_TEST(filter_by_unit)
{
	district();
	ck_assert_int_eq(bf_district_open(&app), 0);
	key('u');
	run();
	assert_on_screen("2 files (unit U001)");
	assert_on_screen("张三");
	ck_assert_ptr_null(strstr(screen(), "赵六"));
	key('u');
	run();
	assert_on_screen("2 files (unit U002)");
	assert_on_screen("赵六");
	ck_assert_ptr_null(strstr(screen(), "王五"));
	key('u'); /* all again */
	run();
	assert_on_screen("4 files from the units");
	/* only the duplicates, through the filter menu */
	key('f');
	key(BF_KC(KEY_DOWN));
	key(BF_KC(KEY_DOWN));
	key(BF_KC(KEY_DOWN));
	key('\n');
	run();
	assert_on_screen("2 files (duplicates only)");
	ck_assert_ptr_null(strstr(screen(), "王五"));
	key(BF_ESC);
	run();
	assert_on_screen("4 files from the units");
	assert_same_as_fresh();
}
END_TEST

START_TEST(accept_from_the_detail)
{
	district();
	ck_assert_int_eq(bf_district_open(&app), 0);
	key('\n'); /* U001 2026-0001 张三 */
	run();
	assert_on_screen("Decision: pending");
	assert_on_screen("李梅");
	assert_on_screen("U002 2026-0001"); /* the other file sharing 李梅 */
	/* the unit's review names its meeting record as such */
	assert_on_screen("By 审核员 on 2026-11-02, meeting record 2026-3");
	key('a');
	snap();
	key(BF_CTRL('U'));
	type("2,800");
	key('\n');
	run();
	assert_in(snaps[0], "3000.00"); /* the proposed amount, to start with */
	assert_on_screen("Decision: accepted, 2,800.00");
	struct bf_dist_case c = find("U001", "2026-0001");
	ck_assert_str_eq(c.decision, "accept");
	ck_assert_int_eq(c.final_amount, 280000);
	key(BF_ESC);
	run();
	assert_on_screen("accepted 1, 2,800.00");
	assert_same_as_fresh();
}
END_TEST

START_TEST(return_from_the_detail)
{
	district();
	ck_assert_int_eq(bf_district_open(&app), 0);
	key(BF_KC(KEY_DOWN));
	key('\n'); /* U001 2026-0002 王五 */
	key('t');
	type("缺少收入证明");
	key('\n');
	snap();
	key(BF_KC(KEY_DOWN)); /* Documents complete */
	key('\n');
	run();
	assert_in(snaps[0], "Draft");
	assert_in(snaps[0], "Publicity passed");
	assert_on_screen("Decision: returned to Documents complete");
	assert_on_screen("缺少收入证明");
	struct bf_dist_case c = find("U001", "2026-0002");
	ck_assert_str_eq(c.decision, "return");
	ck_assert_str_eq(c.reason, "缺少收入证明");
	ck_assert_str_eq(c.back_to, "docs_complete");
	/* and back to pending */
	key('p');
	key('y');
	run();
	c = find("U001", "2026-0002");
	ck_assert_str_eq(c.decision, "pending");
	assert_on_screen("Decision: pending");
	assert_same_as_fresh();
}
END_TEST

START_TEST(import_refuses_a_tampered_package)
{
	district();
	/* revision 2 of U001 with the amount changed, then one header byte
	 * changed after signing */
	size_t len;
	char *p = package(&u1, 2, unit1_cases(260000), &len);
	char *b = strstr(p, "batch: 2026-01");
	ck_assert_ptr_nonnull(b);
	b[13] = '9';
	char path[1024];
	snprintf(path, sizeof path, "%s/bad.bfpkg", tmpdir);
	write_file(path, p, len);
	free(p);

	ck_assert_int_eq(bf_district_open(&app), 0);
	key('i');
	type(path);
	key('\n');
	snap();
	key('\n');
	/* a file that is not there */
	key('i');
	type(tmpdir);
	type("/none.bfpkg");
	key('\n');
	snap();
	key('\n');
	run();
	assert_in(snaps[0], "tampered");
	assert_in(snaps[0], "Nothing was imported");
	assert_in(snaps[1], "none.bfpkg");
	ck_assert_uint_eq(count_files(), 4);
	ck_assert_int_eq(find("U001", "2026-0002").amount, 200000);
	assert_same_as_fresh();
}
END_TEST

START_TEST(import_a_new_revision_shows_its_differences)
{
	district();
	size_t len;
	char *p = package(&u1, 2, unit1_cases(260000), &len);
	char path[1024];
	snprintf(path, sizeof path, "%s/U001-2026-01-r2.bfpkg", tmpdir);
	write_file(path, p, len);
	free(p);
	ck_assert_int_eq(bf_district_open(&app), 0);
	key('i');
	type(path);
	key('\n');
	run();
	ck_assert_str_eq(bf_app_top(&app)->ops->name, "district_text");
	assert_on_screen("U001 第一机械厂: batch 2026-01, revision 2");
	assert_on_screen("It replaces revision 1: 0 added, 0 removed, 1 changed, 1 unchanged.");
	assert_on_screen("2026-0002");
	ck_assert_int_eq(find("U001", "2026-0002").amount, 260000);
	/* back on the list, read again */
	key(BF_ESC);
	run();
	assert_on_screen("2,600.00");
	/* the same file again changes nothing */
	key('i');
	type(path);
	key('\n');
	snap();
	key('\n');
	run();
	assert_in(snaps[0], "nothing changed");
	ck_assert_uint_eq(count_files(), 4);
	assert_same_as_fresh();
}
END_TEST

/* U001's revision 2 (2026-0002's amount), as package() makes it, written to
 * path and imported by keys on the district's list (i, the path, Enter). */
static void import_by_keys(const char *path, bf_fen amount_0002)
{
	size_t len;
	char *p = package(&u1, 2, unit1_cases(amount_0002), &len);
	write_file(path, p, len);
	free(p);
	key('i');
	type(path);
	key('\n');
}

/* Issue 13 (1a): a package whose chain does not extend the head held is
 * refused naming both heads; one that says the unit restored a backup is
 * taken with a warning, and its head is held from then on. */
START_TEST(import_checks_the_units_chain)
{
	district(); /* revision 1 of U001: head aaaa... at 42 rows */
	char path[1024];
	snprintf(path, sizeof path, "%s/U001-2026-01-r2.bfpkg", tmpdir);
	chain.head = 'c';
	chain.rows = 50;
	chain.prev = 'b';
	chain.prev_rows = 42;
	ck_assert_int_eq(bf_district_open(&app), 0);
	import_by_keys(path, 260000);
	snap();
	key('\n');
	run();
	assert_in(snaps[0], "Not imported");
	assert_in(snaps[0], "holds head aaaaaaaaaaaaaaaa at row 42");
	assert_in(snaps[0], "Nothing was imported.");
	ck_assert_int_eq(find("U001", "2026-0002").amount, 200000);

	chain.prev = 0;
	chain.prev_rows = 0;
	chain.restored = true;
	import_by_keys(path, 260000);
	run();
	ck_assert_str_eq(bf_app_top(&app)->ops->name, "district_text");
	assert_on_screen("Warning: unit U001 says it restored its database");
	ck_assert_int_eq(find("U001", "2026-0002").amount, 260000);
	int64_t n = 0;
	ck_assert_int_eq(bf_db_int(&ctx.db,
	                           "SELECT count(*) FROM dist_unit WHERE chain_rows = 50"
	                           " AND chain_head = printf('%.64c', 'c')",
	                           &n),
	                 0);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(bf_db_int(&ctx.db,
	                           "SELECT count(*) FROM audit_log WHERE tbl = 'dist_package'"
	                           " AND detail LIKE '%\"restored\":1%'",
	                           &n),
	                 0);
	ck_assert_int_eq(n, 1);
}
END_TEST

START_TEST(reveal_is_recorded)
{
	district();
	ck_assert_int_eq(bf_district_open(&app), 0);
	key('r');
	snap();
	key('\n');
	run();
	assert_in(snaps[0], id_zhang);
	int64_t n = 0;
	ck_assert_int_eq(bf_db_int(&ctx.db, "SELECT count(*) FROM reveal_event", &n), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_ptr_null(strstr(screen(), id_zhang));
	assert_same_as_fresh();
}
END_TEST

/* 1 on the units screen: attachment 1 of the selected unit's newest
 * package, written 0600 with the full ID number as text. */
START_TEST(attachment1_from_the_units_screen)
{
	district();
	ck_assert_int_eq(bf_district_units_open(&app), 0);
	run();
	assert_on_screen("2026-01 rev. 1");
	key('1'); /* U001, the first */
	key('\n');
	run();
	char path[1024];
	snprintf(path, sizeof path, "%s/U001-2026-01-r1-attachment1.xlsx", tmpdir);
	assert_on_screen("2 files with full numbers");
	struct stat st;
	ck_assert_msg(stat(path, &st) == 0, "%s", path);
	ck_assert_int_eq(st.st_mode & 0777, 0600);
	char cmd[1200], line[512];
	snprintf(cmd, sizeof cmd, "unzip -p '%s' xl/sharedStrings.xml", path);
	FILE *f = popen(cmd, "r");
	ck_assert_ptr_nonnull(f);
	bool found = false;
	while (fgets(line, sizeof line, f))
		found = found || strstr(line, id_zhang) != NULL;
	pclose(f);
	ck_assert(found);
	assert_same_as_fresh();
}
END_TEST

/* Attachment 1's box counts its rows (U001's 2 files, then their 3
 * members); Esc after the files' sheet writes nothing and records no
 * reveal. */
START_TEST(attachment1_cancelled_with_esc_writes_nothing)
{
	district();
	int64_t reveals = sql_int("SELECT count(*) FROM reveal_event");
	ck_assert_int_eq(bf_district_units_open(&app), 0);
	key('1'); /* U001, the first */
	key('\n');
	esc_after_steps(2, "Attachment 1 (rows: files, then members)"); /* at the first member */
	assert_in(snaps[0], "0 of 5 (0%)");
	assert_in(snaps[1], "2 of 5 (40%)");
	ck_assert(!dir_has(tmpdir, "U001-2026-01-r1-attachment1"));
	ck_assert(!dir_has(tmpdir, BF_OUTFILE_PREFIX));
	ck_assert_int_eq(sql_int("SELECT count(*) FROM reveal_event"), reveals);
	/* and without Esc it is written */
	key('1');
	key('\n');
	run();
	assert_on_screen("2 files with full numbers");
	ck_assert(dir_has(tmpdir, "U001-2026-01-r1-attachment1"));
	ck_assert_int_eq(sql_int("SELECT count(*) FROM reveal_event"), reveals + 1);
}
END_TEST

START_TEST(reply_export_writes_a_package)
{
	district();
	bf_error err = {{0}};
	struct bf_dist_case c = find("U001", "2026-0001");
	ck_assert_msg(bf_dist_decide(&ctx.db, c.id, "accept", 0, NULL, NULL, &err) == 0, "%s",
	              err.msg);
	ck_assert_int_eq(bf_district_units_open(&app), 0);
	run();
	assert_on_screen("2 units");
	assert_on_screen("第二纺织厂");
	assert_on_screen("2026-01 rev. 1");
	key('w'); /* U001, the first */
	key('\n');
	run();
	char path[1024];
	snprintf(path, sizeof path, "%s/U001-reply-2026-11-28.bfpkg", tmpdir);
	assert_on_screen("1 decision for U001");
	char *buf = NULL;
	size_t len = 0;
	ck_assert_msg(bf_pkg_read_file(path, &buf, &len, &err) == 0, "%s", err.msg);
	struct bf_pkg_header h;
	const char *content;
	size_t clen;
	ck_assert_int_eq(bf_pkg_open(buf, len, &h, &content, &clen, &err), BF_PKG_OK);
	ck_assert_str_eq(h.kind, "reply");
	struct bf_pkg_reply r;
	memset(&r, 0, sizeof r);
	char *plain;
	size_t plen;
	ck_assert_int_eq(bf_pkg_unseal(&h, content, clen, u1.sk, &plain, &plen, &err), BF_PKG_OK);
	ck_assert_int_eq(bf_pkg_parse_reply(plain, plen, &r, &err), BF_PKG_OK);
	bf_pkg_content_free(plain, plen);
	ck_assert_uint_eq(r.n, 1);
	ck_assert_str_eq(r.decisions[0].number, "2026-0001");
	ck_assert_int_eq(r.decisions[0].decision, BF_PKG_ACCEPT);
	ck_assert_int_eq(r.decisions[0].amount, 300000);
	bf_pkg_reply_free(&r);
	free(buf);
	/* a unit with nothing decided: refused in the store's words, no file */
	key(BF_KC(KEY_DOWN));
	key('w');
	key('\n');
	snap();
	key('\n');
	run();
	snprintf(path, sizeof path, "%s/U002-reply-2026-11-28.bfpkg", tmpdir);
	struct stat st;
	ck_assert_int_ne(stat(path, &st), 0);
	assert_in(snaps[0], "No reply written");
	/* Enter: the unit's files on the consolidation list */
	key('\n');
	run();
	ck_assert_str_eq(bf_app_top(&app)->ops->name, "consolidation");
	assert_on_screen("2 files (unit U002)");
	assert_on_screen("Unit U002 第二纺织厂");
	assert_same_as_fresh();
}
END_TEST

START_TEST(register_a_units_key)
{
	district();
	struct bf_pkg_keyfile k;
	memset(&k, 0, sizeof k);
	bf_strlcpy(k.code, "U003", sizeof k.code);
	bf_strlcpy(k.name, "第三电子厂", sizeof k.name);
	bf_strlcpy(k.kind, "unit", sizeof k.kind);
	uint8_t sk[64];
	bf_pkg_keygen(k.pk, sk);
	char *text = bf_pkg_keyfile_write(&k);
	ck_assert_ptr_nonnull(text);
	char path[1024];
	snprintf(path, sizeof path, "%s/U003.bfkey", tmpdir);
	write_file(path, text, strlen(text));
	free(text);
	char fp[24];
	bf_pkg_fingerprint(k.pk, fp);

	ck_assert_int_eq(bf_district_units_open(&app), 0);
	key('k');
	type(path);
	key('\n');
	snap();
	key('y');
	run();
	assert_in(snaps[0], fp);
	assert_in(snaps[0], "U003");
	/* the screen counts the new unit at once (issue 15: it said 0 units) */
	assert_on_screen("3 units");
	uint8_t pk[32];
	char name[128];
	bf_error err = {{0}};
	ck_assert_int_eq(bf_key_trusted(&ctx.db, "U003", pk, name, sizeof name, &err), 0);
	ck_assert_int_eq(memcmp(pk, k.pk, 32), 0);
	/* our own key file, for the units */
	key('e');
	key('\n');
	run();
	snprintf(path, sizeof path, "%s/D01.bfkey", tmpdir);
	char *buf = NULL;
	size_t len = 0;
	ck_assert_msg(bf_pkg_read_file(path, &buf, &len, &err) == 0, "%s", err.msg);
	struct bf_pkg_keyfile own;
	ck_assert_int_eq(bf_pkg_keyfile_read(buf, len, &own, &err), 0);
	free(buf);
	ck_assert_str_eq(own.code, "D01");
	ck_assert_str_eq(own.kind, "district");
	assert_same_as_fresh();
}
END_TEST

START_TEST(wide_terminal_shows_every_column)
{
	district();
	resizeterm(30, 100);
	ck_assert_int_eq(bf_district_open(&app), 0);
	run();
	assert_on_screen("Cat.");
	assert_on_screen("Final");
	assert_on_screen("1101**********");
	/* 80 columns: category and final go, the masked ID stays */
	resizeterm(24, 80);
	key(BF_KEY_RESIZE);
	run();
	ck_assert_ptr_null(strstr(screen(), "Final"));
	assert_on_screen("1101**********");
	assert_on_screen("DUP 1");
	assert_same_as_fresh();
}
END_TEST

START_TEST(administrator_does_the_districts_work)
{
	district();
	/* a district database's administrator is the district union's own: the
	 * accounts, and the imports, decisions and replies too (a district with
	 * one account works from its first login) */
	bf_store_set_session(&ctx.db, "tester", BF_ROLE_ADMIN);
	ck_assert_int_eq(bf_home_open(&app), 0);
	key('\n'); /* U001 2026-0001 张三 */
	key('a');
	snap();
	key(BF_CTRL('U'));
	type("2,800");
	key('\n');
	run();
	assert_on_screen("Decision: accepted, 2,800.00");
	ck_assert_int_eq(find("U001", "2026-0001").final_amount, 280000);
	/* the detail after the accept dialog is the detail drawn fresh */
	assert_same_as_fresh();
	key(BF_ESC);
	key('m');
	run();
	assert_on_screen("Users");
	assert_on_screen("Import a package");
	assert_on_screen("Units");
	assert_on_screen("Summary");
	/* a reviewer there may only look, and is told who may import: the
	 * district's administrator among them */
	bf_store_set_session(&ctx.db, "tester", BF_ROLE_REVIEWER);
	ck_assert_int_ne(bf_district_import_run(&app), 0);
	ck_assert_msg(strstr(app.msg, "Reviewer: may not") &&
	                  strstr(app.msg, "(Union chair / administrator, District staff may)"),
	              "%s", app.msg);
}
END_TEST

/* The units' list at 80 columns: the last batch and its revision in full,
 * also past revision 9 (and in Chinese, "2026-01 第 10 版", 16 cells). */
START_TEST(units_show_the_whole_revision)
{
	district();
	size_t len;
	char *p = package(&u1, 10, unit1_cases(200000), &len);
	import_ok(p, len);
	free(p);
	ck_assert_int_eq(bf_district_units_open(&app), 0);
	run();
	assert_on_screen("2026-01 rev. 10");
	assert_on_screen("2026-01 rev. 1 ");
	assert_same_as_fresh();
}
END_TEST

/* ---- the list a screen at a time (issue 17) ----------------------------------------------- */

static struct unit_key u3 = {"U003", "第三电子厂", {0}, {0}};

/* district() and unit U003's 60 files (员工01 .. 员工60, 2026-0001 ..
 * 2026-0060, 1,010.00 .. 1,600.00): 64 files, three screens and more. */
static void district_of_64(void)
{
	district();
	trust(&u3);
	json_t *cases = json_array();
	for (int i = 1; i <= 60; i++) {
		char number[24], name[32], first17[18], id[19];
		unsigned k = (unsigned)i % 10000u; /* four digits: -O1 cannot tell */
		snprintf(number, sizeof number, "2026-%04u", k);
		snprintf(name, sizeof name, "员工%02u", k % 100u);
		snprintf(first17, sizeof first17, "1101061980010%04u", k);
		make_id(first17, id);
		json_array_append_new(cases, a_case(number, name, id, 1 + i % 5, 100000 + i * 1000,
		                                    json_pack("[o]", person(name, "self", id, 0))));
	}
	size_t len;
	char *p = package(&u3, 1, cases, &len);
	import_ok(p, len);
	free(p);
}

/* The screen but its message line (a key clears that). */
static const char *screen_but_message(char *buf, size_t n)
{
	buf[0] = 0;
	for (int y = 0; y < LINES; y++) {
		char line[1024];
		bf_term_dump_line(y, line, sizeof line);
		if (y != LINES - 2)
			snprintf(buf + strlen(buf), n - strlen(buf), "%s\n", line);
	}
	return buf;
}

/* The screen as the list shows it is the screen read again from the
 * database (^R: the count, the totals and the rows on screen). */
static void assert_same_as_read_again(void)
{
	static char before[65536], after[65536];
	screen_but_message(before, sizeof before);
	key(BF_CTRL('R'));
	run();
	ck_assert_str_eq(before, screen_but_message(after, sizeof after));
}

/* The statements the list runs: counts and pages of the whole list. */
static int n_counts, n_pages;
static int count_statements(unsigned type, void *ud, void *p, void *x)
{
	(void)type;
	(void)ud;
	(void)x;
	const char *sql = sqlite3_sql(p);
	if (sql && strstr(sql, "count(*)") && strstr(sql, "FROM dist_case c"))
		n_counts++;
	if (sql && strstr(sql, "FROM dist_case c") && strstr(sql, "ORDER BY c.unit_code"))
		n_pages++;
	return 0;
}

/* The list's rows on screen that show a file accepted. */
static int rows_accepted(void)
{
	char line[256];
	int n = 0;
	for (int y = 0; y < LINES; y++) {
		bf_term_dump_line(y, line, sizeof line);
		if (strstr(line, "accepted") && !strstr(line, "Proposed") && !strstr(line, "yuan"))
			n++;
	}
	return n;
}

START_TEST(pages_through_more_than_a_screen)
{
	district_of_64();
	ck_assert_int_eq(bf_district_open(&app), 0);
	run();
	assert_on_screen("64 files from the units");
	assert_on_screen("员工10");
	ck_assert_ptr_null(strstr(screen(), "员工40"));
	assert_same_as_read_again();
	key(BF_KC(KEY_NPAGE));
	key(BF_KC(KEY_NPAGE));
	run();
	assert_on_screen("员工40");
	ck_assert_ptr_null(strstr(screen(), "员工10"));
	assert_same_as_read_again();
	key(BF_KC(KEY_PPAGE));
	run();
	assert_on_screen("员工20");
	assert_same_as_read_again();
	/* one row at a time down to the last */
	key(BF_KC(KEY_HOME));
	for (int i = 0; i < 70; i++)
		key(BF_KC(KEY_DOWN));
	run();
	assert_on_screen("员工60");
	ck_assert_ptr_null(strstr(screen(), "张三"));
	assert_same_as_read_again();
	/* and up again to the first */
	for (int i = 0; i < 70; i++)
		key(BF_KC(KEY_UP));
	run();
	assert_on_screen("张三");
	ck_assert_ptr_null(strstr(screen(), "员工60"));
	assert_same_as_read_again();
	assert_same_as_fresh();
}
END_TEST

START_TEST(end_shows_the_last_files)
{
	district_of_64();
	ck_assert_int_eq(bf_district_open(&app), 0);
	key(BF_KC(KEY_END));
	run();
	assert_on_screen("员工60");
	assert_on_screen("64/64");
	ck_assert_ptr_null(strstr(screen(), "张三"));
	/* the selection is on the last: its detail */
	key('\n');
	run();
	assert_on_screen("员工60");
	key(BF_ESC);
	key(BF_KC(KEY_UP));
	key(BF_KC(KEY_PPAGE));
	run();
	assert_same_as_read_again();
	key(BF_KC(KEY_HOME));
	run();
	assert_on_screen("张三");
	assert_same_as_read_again();
	assert_same_as_fresh();
}
END_TEST

START_TEST(a_decision_changes_one_row_and_the_totals)
{
	district_of_64();
	ck_assert_int_eq(bf_district_open(&app), 0);
	key(BF_KC(KEY_NPAGE));
	run();
	/* proposed: 3,000 + 2,000 + 5,000 + 2,500 + 60 x 1,000 + 10 x (1+..+60) */
	assert_on_screen("Proposed 90,800.00;  accepted 0, 0.00;  returned 0;  pending 64");
	n_counts = n_pages = 0;
	sqlite3_trace_v2(ctx.db.h, SQLITE_TRACE_STMT, count_statements, NULL);
	key('a'); /* the proposed amount, as it is */
	key('\n');
	run();
	sqlite3_trace_v2(ctx.db.h, 0, NULL, NULL);
	/* neither counted nor paged again: the row and the totals from the
	 * decision */
	ck_assert_int_eq(n_counts, 0);
	ck_assert_int_eq(n_pages, 0);
	assert_on_screen("accepted 1, ");
	assert_on_screen("pending 63");
	ck_assert_int_eq(rows_accepted(), 1);
	assert_same_as_read_again();
	/* only pending files: one taken out by its decision, the next moves up */
	key('f');
	key(BF_KC(KEY_DOWN));
	key(BF_KC(KEY_DOWN));
	key('\n');
	key(BF_KC(KEY_DOWN));
	key('\n');
	run();
	assert_on_screen("63 files (pending)");
	key(BF_KC(KEY_NPAGE));
	key(BF_KC(KEY_DOWN));
	run();
	n_counts = n_pages = 0;
	sqlite3_trace_v2(ctx.db.h, SQLITE_TRACE_STMT, count_statements, NULL);
	key('a');
	key('\n');
	run();
	sqlite3_trace_v2(ctx.db.h, 0, NULL, NULL);
	ck_assert_int_eq(n_counts, 0);
	ck_assert_int_le(n_pages, 1); /* the one row that moves up */
	assert_on_screen("62 files (pending)");
	assert_on_screen("pending 62");
	ck_assert_int_eq(rows_accepted(), 0);
	assert_same_as_read_again();
	/* the filter cleared: both decisions in the totals */
	key(BF_ESC);
	run();
	assert_on_screen("accepted 2, ");
	assert_same_as_read_again();
	assert_same_as_fresh();
}
END_TEST

START_TEST(search_and_unit_on_the_long_list)
{
	district_of_64();
	ck_assert_int_eq(bf_district_open(&app), 0);
	key('/');
	type("员工3");
	run();
	/* 员工30 .. 员工39, and 员工03 is not one */
	assert_on_screen("10 files (search \"员工3\")");
	assert_on_screen("员工39");
	ck_assert_ptr_null(strstr(screen(), "员工03"));
	assert_same_as_read_again();
	key('\n');
	key(BF_ESC);
	run();
	assert_on_screen("64 files from the units");
	/* ID digits: the last four the mask shows */
	key('/');
	type("0059");
	key('\n');
	run();
	assert_on_screen("1 file (search \"0059\")");
	assert_on_screen("员工59");
	key(BF_ESC);
	key('u');
	key('u');
	key('u');
	run();
	assert_on_screen("60 files (unit U003)");
	assert_on_screen("员工01");
	key(BF_KC(KEY_END));
	run();
	assert_on_screen("员工60");
	ck_assert_ptr_null(strstr(screen(), "张三"));
	assert_same_as_read_again();
	assert_same_as_fresh();
}
END_TEST

/* Issue 17: the Number column as wide as the longest number imported: a
 * unit's allocator makes "2026-10000" and "2026-100000"; both whole at
 * 80x24, the names after them in one column, in English and in Chinese. */
START_TEST(long_numbers_shown_whole)
{
	district();
	trust(&u3);
	static const char *const numbers[] = {"2026-0009", "2026-10000", "2026-100000"};
	json_t *cases = json_array();
	for (int i = 0; i < 3; i++) {
		char name[32], first17[32], id[19];
		snprintf(name, sizeof name, "员工%d", i + 1);
		snprintf(first17, sizeof first17, "1101061980010%04d", i + 1);
		make_id(first17, id);
		json_array_append_new(cases, a_case(numbers[i], name, id, 1, 100000,
		                                    json_pack("[o]", person(name, "self", id, 0))));
	}
	size_t len;
	char *p = package(&u3, 1, cases, &len);
	import_ok(p, len);
	free(p);
	for (int zh = 0; zh < 2; zh++) {
		if (zh) {
			bf_app_pop(&app);
			chinese(&ctx);
		}
		ck_assert_int_eq(bf_district_open(&app), 0);
		run();
		assert_on_screen(zh ? "编号" : "No.");
		assert_on_screen("U003    2026-0009    员工1");
		assert_on_screen("U003    2026-10000   员工2");
		assert_on_screen("U003    2026-100000  员工3");
		ck_assert_ptr_null(strstr(screen(), "…"));
		assert_same_as_fresh();
	}
}
END_TEST

/* Issue 17: the import shows its progress box, and Esc after every file is
 * written (the last moment before the commit) imports nothing: the files,
 * the packages and the amounts are as before, and the screen says so. */
START_TEST(import_cancelled_with_esc_changes_nothing)
{
	district();
	int64_t packages = sql_int("SELECT count(*) FROM dist_package");
	char path[1024];
	snprintf(path, sizeof path, "%s/U001-2026-01-r2.bfpkg", tmpdir);
	setenv("BANGFU_TEST_PROGRESS_EVERY", "1", 1);
	ck_assert_int_eq(bf_district_open(&app), 0);
	import_by_keys(path, 260000);
	snap();           /* the box, before the first file */
	key(BF_KEY_NONE); /* file 1 of 2 */
	key(BF_KEY_NONE); /* file 2 of 2 */
	key(BF_ESC);      /* both written, not committed */
	run();
	unsetenv("BANGFU_TEST_PROGRESS_EVERY");
	assert_in(snaps[0], "Importing the package (files)");
	assert_in(snaps[0], "0 of 2 (0%)");
	assert_in(snaps[0], "Esc cancel");
	assert_on_screen("Importing the package (files): cancelled, nothing was changed.");
	ck_assert_int_eq(find("U001", "2026-0002").amount, 200000);
	ck_assert_uint_eq(count_files(), 4);
	ck_assert_int_eq(sql_int("SELECT count(*) FROM dist_package"), packages);
	/* and without Esc it goes in */
	import_by_keys(path, 260000);
	run();
	assert_on_screen("It replaces revision 1");
	ck_assert_int_eq(find("U001", "2026-0002").amount, 260000);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("district_ui");
	TCase *tc = tcase_create("district_ui");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_set_timeout(tc, 60);
	tcase_add_test(tc, home_is_consolidation_with_duplicates);
	tcase_add_test(tc, menu_holds_the_district_entries);
	tcase_add_test(tc, filter_by_unit);
	tcase_add_test(tc, accept_from_the_detail);
	tcase_add_test(tc, return_from_the_detail);
	tcase_add_test(tc, import_refuses_a_tampered_package);
	tcase_add_test(tc, import_a_new_revision_shows_its_differences);
	tcase_add_test(tc, import_checks_the_units_chain);
	tcase_add_test(tc, reveal_is_recorded);
	tcase_add_test(tc, reply_export_writes_a_package);
	tcase_add_test(tc, attachment1_from_the_units_screen);
	tcase_add_test(tc, attachment1_cancelled_with_esc_writes_nothing);
	tcase_add_test(tc, register_a_units_key);
	tcase_add_test(tc, wide_terminal_shows_every_column);
	tcase_add_test(tc, administrator_does_the_districts_work);
	tcase_add_test(tc, units_show_the_whole_revision);
	tcase_add_test(tc, pages_through_more_than_a_screen);
	tcase_add_test(tc, end_shows_the_last_files);
	tcase_add_test(tc, a_decision_changes_one_row_and_the_totals);
	tcase_add_test(tc, search_and_unit_on_the_long_list);
	tcase_add_test(tc, long_numbers_shown_whole);
	tcase_add_test(tc, import_cancelled_with_esc_changes_nothing);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	Suite *suites[] = {suite()};
	return bf_test_run(suites, BF_ARRAY_LEN(suites));
}
