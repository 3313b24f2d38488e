/* cmd_demo.c — bangfu demo: a database full of realistic sample cases.
 *   bangfu demo [--cases N]   a unit's database, files in every state
 *   bangfu demo --district    a district union's database: several units'
 *                             files sent to it as real signed packages */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include <unistd.h>

#include "bangfu/accounts.h"
#include "bangfu/vault.h"
#include "bangfu/cli.h"
#include "bangfu/district_store.h"
#include "bangfu/package.h"
#include "bangfu/publicity_store.h"
#include "bangfu/sample.h"
#include "bangfu/checklist.h"
#include "bangfu/store.h"
#include "bangfu/submission_store.h"
#include "bangfu/workflow_store.h"
#include "bangfu/workflow.h"

/* A file past the draft has its documents in: tick them, so the demo's
 * files can move on through the workflow as real ones would. */
static int receive_all(bf_db *db, bf_date today, int64_t case_id, bf_error *err)
{
	struct bf_checklist cl;
	bf_checklist_init(&cl);
	int rc = bf_checklist_load(db, case_id, &cl, err);
	struct bf_receipt r;
	memset(&r, 0, sizeof r);
	for (size_t i = 0; rc == 0 && i < cl.n; i++)
		if (cl.items[i].required && cl.items[i].status == BF_ITEM_MISSING &&
		    !cl.items[i].pair_member)
			rc = bf_checklist_receive(db, case_id, cl.items[i].key, &r, today, err);
	bf_checklist_free(&cl);
	return rc;
}

/* Demo accounts, one per role, with passwords printed for all to see:
 * never on a database with real accounts. */
static const struct {
	const char *name, *display, *password;
	enum bf_role role;
} demo_accounts[] = {
    {"admin", "王主席", "demo-admin", BF_ROLE_ADMIN},
    {"clerk", "李干事", "demo-clerk", BF_ROLE_CLERK},
    {"reviewer", "张审核", "demo-reviewer", BF_ROLE_REVIEWER},
    {"district", "赵区工会", "demo-district", BF_ROLE_DISTRICT},
};

/* The demo accounts of a database: on a district's only the administrator
 * and the district's staff (nobody else has work there). n is returned. */
static size_t demo_seed_list(bool district, struct bf_account_new *seed)
{
	size_t n = 0;
	for (size_t i = 0; i < BF_ARRAY_LEN(demo_accounts); i++)
		if (!district || demo_accounts[i].role == BF_ROLE_ADMIN ||
		    demo_accounts[i].role == BF_ROLE_DISTRICT)
			seed[n++] = (struct bf_account_new){
			    demo_accounts[i].name, demo_accounts[i].display, demo_accounts[i].role,
			    demo_accounts[i].password};
	return n;
}

/* The demo writes without a login (the caller has set the demo's session):
 * its database's data key is made here and wrapped at once for the demo
 * accounts, whose seed counts under the write lock, so that of two demos
 * started together one key wins and the other takes it; a demo database
 * made before is unwrapped with the demo administrator's public password. */
static int demo_unlock(bf_db *db, bool district, bf_error *err)
{
	if (bf_vault_unlocked(db))
		return 0;
	int has = bf_vault_has_keyring(db);
	if (has < 0) {
		bf_db_error(db, err);
		return -1;
	}
	if (!has) {
		/* marked a demo before its accounts exist: another run that sees
		 * the accounts sees a demo, not real accounts */
		struct bf_account_new seed[BF_ARRAY_LEN(demo_accounts)];
		size_t n = demo_seed_list(district, seed);
		int rc = bf_vault_new_key(db, err) != 0 || bf_setting_set(db, "demo", "1", err) != 0
		             ? -1
		             : bf_account_seed(db, seed, n, err);
		if (rc <= 0)
			return rc;
		bf_vault_lock(db); /* another run seeded first: its key */
	}
	struct bf_account a;
	if (bf_account_get(db, demo_accounts[0].name, &a, err) != 0 ||
	    bf_vault_unlock(db, a.id, demo_accounts[0].password, err) != 0) {
		if (!err->msg[0])
			bf_error_set(err, "%s", _("the demo administrator's key is missing"));
		return -1;
	}
	return 0;
}

/* Make the demo accounts (when there are none yet) and print them, with the
 * recovery code when this run made it. */
static int seed_accounts(struct bf_ctx *ctx, bool district, bf_error *err)
{
	struct bf_account_new seed[BF_ARRAY_LEN(demo_accounts)];
	size_t n = demo_seed_list(district, seed);
	if (bf_account_seed(&ctx->db, seed, n, err) < 0)
		return -1;
	fprintf(ctx->out, _("Demo accounts (for exploring only: these passwords are public):\n"));
	for (size_t i = 0; i < n; i++) {
		fputs("  ", ctx->out);
		bf_put_col(ctx->out, seed[i].name, 10);
		bf_put_col(ctx->out, seed[i].password, 15);
		fprintf(ctx->out, "%s\n", bf_role_label(seed[i].role));
	}
	if (ctx->db.new_recovery[0]) {
		fprintf(ctx->out, _("Recovery code: %s\n"), ctx->db.new_recovery);
		ctx->db.new_recovery[0] = '\0';
	}
	return 0;
}

/* ---- the district's demo ------------------------------------------------------------- */

#define DEMO_DISTRICT "某某区总工会"

static const struct demo_unit {
	const char *code, *name, *contact, *phone;
	size_t files;
} demo_units[] = {
    {"U01", "红星纺织有限公司", "陈主席", "022-23456781", 6},
    {"U02", "东方机械制造厂", "周主席", "022-23456782", 5},
    {"U03", "城南公交集团", "吴主席", "022-23456783", 5},
    {"U04", "新华印刷厂", "郑主席", "022-23456784", 4},
};

static const char *const hardship_causes[] = {
    "配偶失业在家，孩子上学开支大，仅靠本人工资难以维持全家生活。",
    "家人身患重病，医疗费用自付部分高，家庭积蓄已经用尽。",
    "本人长期病休，收入减少，还要照顾年迈的父母。",
    "独自抚养孩子，房租和学费占去大部分收入。",
};

/* The proposed aid by category (fen). */
static const bf_fen demo_amounts[BF_CAT_COUNT] = {300000, 250000, 200000, 500000, 400000};

/* The employee of the first unit's first file, who turns up again as a
 * spouse in the second unit's: the duplicate the district is to find. */
struct demo_dup {
	bool known, placed;
	char name[BF_NAME_SZ], id_number[BF_ID_SZ], birth_date[BF_DATE_SZ];
};

struct demo_totals {
	size_t units, files, packages;
};

/* The two sides swap key files, as they would by USB stick, with a phone
 * call to read the fingerprints. */
static int swap_keys(bf_db *unit, bf_db *district, const char *district_key, bf_error *err)
{
	struct bf_pkg_keyfile k;
	if (bf_pkg_keyfile_read(district_key, strlen(district_key), &k, err) != 0 ||
	    bf_key_trust(unit, &k, false, err) != 0)
		return -1;
	char *text = NULL;
	if (bf_key_export(unit, &text, err) != 0)
		return -1;
	int rc = bf_pkg_keyfile_read(text, strlen(text), &k, err) == 0 &&
	                 bf_key_trust(district, &k, false, err) == 0
	             ? 0
	             : -1;
	free(text);
	return rc;
}

/* The household takes the duplicate person as its spouse. */
static void place_dup(struct bf_case *c, struct demo_dup *dup)
{
	for (size_t m = 1; !dup->placed && m < c->n_members; m++) {
		struct bf_member *p = &c->members[m];
		if (p->relation != BF_REL_SPOUSE)
			continue;
		bf_strlcpy(p->name, dup->name, sizeof p->name);
		bf_strlcpy(p->id_number, dup->id_number, sizeof p->id_number);
		bf_strlcpy(p->birth_date, dup->birth_date, sizeof p->birth_date);
		dup->placed = true;
	}
}

/* The unit's files: taken in, documents received, approved by the union's
 * review in the category each household meets. *ids (malloc'd) gets them. */
static int take_in(struct bf_ctx *ctx, bf_db *db, size_t idx, struct demo_dup *dup, int64_t **ids,
                   size_t *n, bf_error *err)
{
	const struct demo_unit *du = &demo_units[idx];
	int year;
	bf_date_to_ymd(ctx->today, &year, NULL, NULL);
	struct bf_year_settings ys;
	if (bf_settings_year(db, year, &ys, err) != 0)
		return -1;
	struct bf_case *c = malloc(sizeof *c);
	struct bf_assessment *a = malloc(sizeof *a);
	*ids = calloc(du->files, sizeof **ids);
	int rc = c && a && *ids ? 0 : -1;
	if (rc != 0)
		bf_error_set(err, "%s", _("out of memory"));
	struct bf_sample s;
	bf_sample_seed(&s, 7001 + 131 * (uint64_t)idx);
	char meeting[BF_DATE_SZ];
	bf_date_format(ctx->today - 30, meeting);
	for (int i = 0; rc == 0 && *n < du->files && i < (int)du->files * 8; i++) {
		bf_sample_case(&s, year, i, c);
		bf_assess(c, &ys, a);
		if (a->first_match < 0 || !bf_case_people_free(db, c))
			continue;
		const struct bf_member *e = &c->members[0];
		if (idx == 0 && !dup->known) {
			bf_strlcpy(dup->name, e->name, sizeof dup->name);
			bf_strlcpy(dup->id_number, e->id_number, sizeof dup->id_number);
			bf_strlcpy(dup->birth_date, e->birth_date, sizeof dup->birth_date);
			dup->known = true;
		}
		if (idx == 1 && dup->known)
			place_dup(c, dup);
		/* the fifth of the five clears (五清), which the sample leaves to the
		 * clerk: the cause of the hardship in the household's words */
		if (bf_blank(c->hardship_cause_text))
			bf_strlcpy(c->hardship_cause_text,
			           hardship_causes[i % BF_ARRAY_LEN(hardship_causes)],
			           sizeof c->hardship_cause_text);
		bf_strlcpy(c->status, "docs_complete", sizeof c->status);
		struct bf_review r;
		memset(&r, 0, sizeof r);
		r.decision = BF_REVIEW_APPROVE;
		r.category = a->first_match + 1;
		r.amount = demo_amounts[a->first_match];
		bf_strlcpy(r.date, meeting, sizeof r.date);
		snprintf(r.meeting_ref, sizeof r.meeting_ref, "%d年第3次工会委员会会议", year);
		if (bf_case_save(db, c, err) != 0 || receive_all(db, ctx->today, c->id, err) != 0 ||
		    bf_case_review(db, c->id, &r, ctx->today, err) != 0)
			rc = -1;
		else
			(*ids)[(*n)++] = c->id;
	}
	free(c);
	free(a);
	return rc;
}

/* Export the batch as a package and import it on the district's, as the
 * USB stick would carry it (the bytes stay in memory). */
static int carry(struct bf_ctx *ctx, bf_db *db, int64_t batch_id, struct demo_totals *t,
                 bf_error *err)
{
	struct bf_batch_export x;
	if (bf_batch_export_begin(db, batch_id, &x, err) != 0)
		return -1;
	char *buf = x.package;
	size_t len = x.package_len;
	x.package = NULL;
	int rc = bf_batch_export_commit(db, &x, err) != 0 ? -1 : 0;
	if (rc == 0) {
		struct bf_import_result r;
		memset(&r, 0, sizeof r);
		rc = bf_district_import(&ctx->db, buf, len, &r, err) != 0 ? -1 : 0;
		bf_import_result_free(&r);
		t->packages += rc == 0;
	}
	free(buf);
	return rc;
}

/* One unit: its own database in dir (removed afterwards), its files
 * through the review and a publicity round that ended last week, a batch
 * sent to the district. The first unit sends its batch twice: the second
 * revision carries one file more. */
static int demo_unit(struct bf_ctx *ctx, const char *dir, size_t idx, const char *district_key,
                     struct demo_dup *dup, struct demo_totals *t, bf_error *err)
{
	const struct demo_unit *du = &demo_units[idx];
	char path[PATH_MAX];
	if (snprintf(path, sizeof path, "%s/%s.db", dir, du->code) >= (int)sizeof path) {
		bf_error_set(err, _("The folder name %s is too long."), dir);
		return -1;
	}
	bf_db db;
	memset(&db, 0, sizeof db);
	int64_t *ids = NULL, rid = 0, bid = 0;
	size_t n = 0;
	int rc = -1;
	if (bf_store_open(&db, path, BF_DB_CREATE | BF_DB_INIT, err) != 0 ||
	    bf_vault_new_key(&db, err) != 0)
		goto out;
	bf_store_set_session(&db, "(demo)", BF_ROLE_ADMIN);
	struct bf_unit u;
	memset(&u, 0, sizeof u);
	bf_strlcpy(u.name, du->name, sizeof u.name);
	bf_strlcpy(u.code, du->code, sizeof u.code);
	snprintf(u.union_name, sizeof u.union_name, "%s工会", du->name);
	bf_strlcpy(u.district, DEMO_DISTRICT, sizeof u.district);
	bf_strlcpy(u.contact, du->contact, sizeof u.contact);
	bf_strlcpy(u.phone, du->phone, sizeof u.phone);
	if (bf_unit_save(&db, &u, err) != 0 || swap_keys(&db, &ctx->db, district_key, err) != 0 ||
	    take_in(ctx, &db, idx, dup, &ids, &n, err) != 0)
		goto out;
	struct bf_round_new rn;
	memset(&rn, 0, sizeof rn);
	rn.case_ids = ids;
	rn.n = n;
	rn.start = ctx->today - 21;
	rn.place = "厂区宣传栏";
	rn.contact = du->contact;
	rn.phone = du->phone;
	rn.office = "工会办公室";
	rn.today = ctx->today;
	size_t first = idx == 0 && n > 1 ? n - 1 : n;
	if (bf_round_create(&db, &rn, &rid, err) != 0 ||
	    bf_round_close(&db, rid, ctx->today, err) != 0 ||
	    bf_batch_create(&db, ids, first, NULL, &bid, err) != 0 ||
	    carry(ctx, &db, bid, t, err) != 0)
		goto out;
	if (first < n &&
	    (bf_batch_add(&db, bid, ids[n - 1], err) != 0 || carry(ctx, &db, bid, t, err) != 0))
		goto out;
	t->units++;
	t->files += n;
	rc = 0;
out:
	free(ids);
	bf_db_close(&db);
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	for (size_t i = 0; i < BF_ARRAY_LEN(suffix); i++) {
		char f[PATH_MAX + 16];
		if (snprintf(f, sizeof f, "%s%s", path, suffix[i]) < (int)sizeof f)
			unlink(f);
	}
	return rc;
}

/* A few of the third unit's files decided (two accepted, one returned), so
 * the list shows every kind of line; the rest wait for the demo's user. */
static int demo_decide(struct bf_ctx *ctx, bf_error *err)
{
	struct bf_dist_filter f;
	memset(&f, 0, sizeof f);
	f.unit_code = demo_units[2].code;
	struct bf_dist_case *list = NULL;
	size_t n = 0;
	if (bf_dist_list(&ctx->db, &f, &list, &n, err) != 0)
		return -1;
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < n && i < 3; i++)
		rc = i < 2 ? bf_dist_decide(&ctx->db, list[i].id, "accept", 0, NULL, NULL, err)
		           : bf_dist_decide(&ctx->db, list[i].id, "return", 0,
		                            "收入证明与社保缴费记录不符，请核实后重新报送",
		                            "docs_complete", err);
	free(list);
	return rc != 0 ? -1 : 0;
}

static int district_demo(struct bf_ctx *ctx)
{
	ctx->init_asked = true;
	if (bf_ctx_open_db(ctx, true) != 0)
		return 1;
	if (bf_store_is_initialized(&ctx->db) || bf_account_count(&ctx->db) != 0) {
		fprintf(ctx->err,
		        _("bangfu demo --district: %s is set up already; the district's demo goes "
		          "only into a new file (use --db PATH)\n"),
		        ctx->db_path);
		return 1;
	}
	bf_error err = {{0}};
	bf_store_set_session(&ctx->db, "(demo)", BF_ROLE_ADMIN);
	if (demo_unlock(&ctx->db, true, &err) != 0) {
		fprintf(ctx->err, "bangfu demo: %s\n", err.msg);
		return 1;
	}
	struct bf_unit d;
	memset(&d, 0, sizeof d);
	bf_strlcpy(d.name, DEMO_DISTRICT, sizeof d.name);
	bf_strlcpy(d.code, "D01", sizeof d.code);
	bf_strlcpy(d.union_name, DEMO_DISTRICT, sizeof d.union_name);
	bf_strlcpy(d.address, "某某区开华道1号", sizeof d.address);
	bf_strlcpy(d.contact, "赵部长", sizeof d.contact);
	bf_strlcpy(d.phone, "022-87654321", sizeof d.phone);
	d.district_mode = true;
	if (bf_unit_save(&ctx->db, &d, &err) != 0 ||
	    bf_setting_set(&ctx->db, "demo", "1", &err) != 0 ||
	    seed_accounts(ctx, true, &err) != 0) {
		fprintf(ctx->err, "bangfu demo: %s\n", err.msg);
		return 1;
	}
	/* the rest is the district staff's work */
	bf_store_set_session(&ctx->db, "(demo)", BF_ROLE_DISTRICT);
	char *key = NULL;
	if (bf_key_export(&ctx->db, &key, &err) != 0) {
		fprintf(ctx->err, "bangfu demo: %s\n", err.msg);
		return 1;
	}
	/* the units' databases live in a folder of their own while they work */
	const char *tmp = getenv("TMPDIR");
	if (!tmp || !tmp[0])
		tmp = "/tmp";
	char dir[PATH_MAX];
	if (snprintf(dir, sizeof dir, "%s/bangfu-demo.XXXXXX", tmp) >= (int)sizeof dir ||
	    !mkdtemp(dir)) {
		fprintf(ctx->err,
		        _("bangfu demo: cannot make a folder in %s for the units' databases\n"),
		        tmp);
		free(key);
		return 1;
	}
	struct demo_dup dup;
	memset(&dup, 0, sizeof dup);
	struct demo_totals t = {0, 0, 0};
	int rc = 0;
	for (size_t i = 0; rc == 0 && i < BF_ARRAY_LEN(demo_units); i++)
		rc = demo_unit(ctx, dir, i, key, &dup, &t, &err);
	rmdir(dir);
	free(key);
	if (rc == 0)
		rc = demo_decide(ctx, &err);
	if (rc != 0) {
		fprintf(ctx->err, "bangfu demo: %s\n", err.msg);
		return 1;
	}
	fprintf(ctx->out,
	        _("Demo district database %s: %zu units sent %zu files in %zu signed packages.\n"),
	        ctx->db_path, t.units, t.files, t.packages);
	return 0;
}

/* Files the demo wants past the review go there as a user's would: into
 * a publicity round (one still open for 公示中, one over and closed for the
 * rest), then those for the district into a batch that is exported. */
struct demo_later {
	int64_t *open, *past, *sent;
	enum bf_state *past_want;
	size_t n_open, n_past, n_sent;
};

/* A district key to seal the demo's batch to, when none is registered:
 * made up here under a code of its own (DEMO-DISTRICT), so that the real
 * district's key file imports beside it and, registered last, is the one
 * later batches are sealed to; the demo's package is dropped. */
static int demo_district_key(bf_db *db, bf_error *err)
{
	int64_t have = 0;
	bf_db_int(db, "SELECT count(*) FROM trusted_key WHERE kind = 'district'", &have);
	if (have > 0)
		return 0;
	struct bf_pkg_keyfile k;
	memset(&k, 0, sizeof k);
	uint8_t sk[crypto_sign_SECRETKEYBYTES];
	crypto_sign_keypair(k.pk, sk);
	sodium_memzero(sk, sizeof sk);
	bf_strlcpy(k.code, "DEMO-DISTRICT", sizeof k.code);
	bf_strlcpy(k.name, DEMO_DISTRICT, sizeof k.name);
	bf_strlcpy(k.kind, "district", sizeof k.kind);
	if (bf_key_trust(db, &k, false, err) == 0)
		return 0;
	/* another demo writing the same file registered one first */
	bf_db_int(db, "SELECT count(*) FROM trusted_key WHERE kind = 'district'", &have);
	if (have == 0)
		return -1;
	bf_error_clear(err);
	return 0;
}

static int demo_rounds_and_batch(struct bf_ctx *ctx, struct demo_later *l, bf_error *err)
{
	struct bf_unit u;
	if (bf_unit_load(&ctx->db, &u, err) != 0)
		return -1;
	struct bf_round_new rn;
	memset(&rn, 0, sizeof rn);
	rn.place = "厂区宣传栏";
	rn.contact = u.contact;
	rn.phone = u.phone;
	rn.office = "工会办公室";
	rn.today = ctx->today;
	int64_t rid;
	if (l->n_past > 0) {
		rn.case_ids = l->past;
		rn.n = l->n_past;
		rn.start = ctx->today - 21;
		if (bf_round_create(&ctx->db, &rn, &rid, err) != 0 ||
		    bf_round_close(&ctx->db, rid, ctx->today, err) != 0)
			return -1;
	}
	if (l->n_open > 0) {
		rn.case_ids = l->open;
		rn.n = l->n_open;
		rn.start = ctx->today - 1;
		if (bf_round_create(&ctx->db, &rn, &rid, err) != 0)
			return -1;
	}
	if (l->n_sent > 0) {
		int64_t bid;
		struct bf_batch_export x;
		if (demo_district_key(&ctx->db, err) != 0 ||
		    bf_batch_create(&ctx->db, l->sent, l->n_sent, NULL, &bid, err) != 0 ||
		    bf_batch_export_begin(&ctx->db, bid, &x, err) != 0 ||
		    bf_batch_export_commit(&ctx->db, &x, err) != 0)
			return -1;
	}
	/* what the district decided, and an objection upheld, as before */
	for (size_t i = 0; i < l->n_past; i++) {
		enum bf_state w = l->past_want[i];
		if (w != BF_STATE_PUBLICITY_PASSED && w != BF_STATE_SUBMITTED &&
		    bf_case_demo_state(&ctx->db, l->past[i], bf_state_code(w), err) != 0)
			return -1;
	}
	return 0;
}

static int demo_usage(FILE *f)
{
	fputs(_("Usage: bangfu demo [--cases N]\n"
	        "       bangfu demo --district\n"),
	      f);
	return 0;
}

int bf_cmd_demo(struct bf_ctx *ctx, int argc, char **argv)
{
	/* bangfu demo [--cases N] | --district */
	bool district = false;
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help"))
			return demo_usage(ctx->out);
		if (!strcmp(argv[i], "--cases") && i + 1 < argc)
			i++;
		else if (!strcmp(argv[i], "--district"))
			district = true;
		else
			return demo_usage(ctx->err) + 2;
	}
	if (district && bf_arg_value(argc, argv, "--cases"))
		return demo_usage(ctx->err) + 2;
	if (district)
		return district_demo(ctx);
	int ncases = 60;
	const char *v = bf_arg_value(argc, argv, "--cases");
	if (v) {
		ncases = atoi(v);
		if (ncases < 1 || ncases > 200000) {
			fprintf(ctx->err,
			        _("bangfu demo: --cases takes a number from 1 to 200000\n"));
			return 2;
		}
	}
	ctx->init_asked = true;
	if (bf_ctx_open_db(ctx, true) != 0)
		return 1;
	bf_error err = {{0}};
	int64_t existing = 0;
	bf_db_int(&ctx->db, "SELECT count(*) FROM case_file", &existing);
	if (existing > 0 && !bf_setting_int(&ctx->db, "demo", 0)) {
		fprintf(
		    ctx->err,
		    _("bangfu demo: %s already holds %lld real case(s); demo data goes only into a "
		      "new file (use --db PATH)\n"),
		    ctx->db_path, (long long)existing);
		return 1;
	}
	/* Demo accounts, one per role, with passwords printed for all to see:
	 * never on a database with real accounts. */
	int64_t accounts = bf_account_count(&ctx->db);
	if (accounts != 0 && !bf_setting_int(&ctx->db, "demo", 0)) {
		fprintf(ctx->err,
		        _("bangfu demo: %s has real accounts; demo data goes only into a new file "
		          "(use --db PATH)\n"),
		        ctx->db_path);
		return 1;
	}
	/* The one exception to logging in: the demo generator writes as
	 * "(demo)" with an administrator's rights. */
	bf_store_set_session(&ctx->db, "(demo)", BF_ROLE_ADMIN);
	if (demo_unlock(&ctx->db, false, &err) != 0) {
		fprintf(ctx->err, "bangfu demo: %s\n", err.msg);
		return 1;
	}
	if (!bf_store_is_initialized(&ctx->db)) {
		struct bf_unit u;
		memset(&u, 0, sizeof u);
		bf_strlcpy(u.name, "演示机械制造有限公司", sizeof u.name);
		bf_strlcpy(u.code, "DEMO", sizeof u.code);
		bf_strlcpy(u.union_name, "演示机械制造有限公司工会", sizeof u.union_name);
		bf_strlcpy(u.district, "某某区总工会", sizeof u.district);
		bf_strlcpy(u.address, "某某区开华道7号", sizeof u.address);
		bf_strlcpy(u.contact, "王主席", sizeof u.contact);
		bf_strlcpy(u.phone, "022-12345678", sizeof u.phone);
		if (bf_unit_save(&ctx->db, &u, &err) != 0) {
			fprintf(ctx->err, "bangfu demo: %s\n", err.msg);
			return 1;
		}
	}
	if (bf_setting_set(&ctx->db, "demo", "1", &err) != 0) {
		fprintf(ctx->err, "bangfu demo: %s\n", err.msg);
		return 1;
	}
	if (seed_accounts(ctx, false, &err) != 0) {
		fprintf(ctx->err, "bangfu demo: %s\n", err.msg);
		return 1;
	}
	int year;
	bf_date_to_ymd(ctx->today, &year, NULL, NULL);
	struct bf_year_settings ys;
	if (bf_settings_year(&ctx->db, year, &ys, &err) != 0) {
		fprintf(ctx->err, "bangfu demo: %s\n", err.msg);
		return 1;
	}
	struct bf_sample s;
	bf_sample_seed(&s, (uint64_t)existing + 2026);
	struct bf_case *c = malloc(sizeof *c);
	struct bf_assessment *a = malloc(sizeof *a);
	if (!c || !a) {
		free(c);
		free(a);
		return 1;
	}
	char meeting[BF_DATE_SZ];
	bf_date_format(ctx->today - 30, meeting);
	int saved = 0, retries = 0;
	struct demo_later later = {
	    .open = calloc((size_t)ncases, sizeof(int64_t)),
	    .past = calloc((size_t)ncases, sizeof(int64_t)),
	    .sent = calloc((size_t)ncases, sizeof(int64_t)),
	    .past_want = calloc((size_t)ncases, sizeof(enum bf_state)),
	};
	if (!later.open || !later.past || !later.sent || !later.past_want) {
		free(later.open);
		free(later.past);
		free(later.sent);
		free(later.past_want);
		free(c);
		free(a);
		return 1;
	}
	for (int i = 0; i < ncases; i++) {
		/* drawn again while someone drawn already has an open file */
		do
			bf_sample_case(&s, year, i, c);
		while (!bf_case_people_free(&ctx->db, c));
		/* spread the files over every state of the workflow */
		enum bf_state want = (enum bf_state)((i / 8) % BF_STATE_COUNT);
		/* a file past the union's review carries that review (category and
		 * amount), as a real one would: saved with its documents, reviewed,
		 * then set where the demo wants it (files with the district are
		 * frozen, so they get there last) */
		bool reviewed = want >= BF_STATE_APPROVED && want != BF_STATE_CLOSED;
		if (bf_blank(c->hardship_cause_text))
			bf_strlcpy(c->hardship_cause_text,
			           hardship_causes[i % BF_ARRAY_LEN(hardship_causes)],
			           sizeof c->hardship_cause_text);
		bf_strlcpy(c->status, reviewed ? "docs_complete" : bf_state_code(want),
		           sizeof c->status);
		int rc = bf_case_save(&ctx->db, c, &err);
		if (rc != 0 && c->id == 0 && retries < 1000 && !bf_case_people_free(&ctx->db, c)) {
			/* another demo writing the same file took someone drawn between
			 * the check and the save (one person, one open file): draw again */
			retries++;
			i--;
			continue;
		}
		if (rc == 0 && want != BF_STATE_DRAFT)
			rc = receive_all(&ctx->db, ctx->today, c->id, &err);
		if (rc == 0 && reviewed) {
			bf_assess(c, &ys, a);
			struct bf_review r;
			memset(&r, 0, sizeof r);
			bf_strlcpy(r.date, meeting, sizeof r.date);
			snprintf(r.meeting_ref, sizeof r.meeting_ref, "%d年第3次工会委员会会议",
			         year);
			if (a->first_match >= 0 && want != BF_STATE_REJECTED) {
				r.decision = BF_REVIEW_APPROVE;
				r.category = a->first_match + 1;
				r.amount = demo_amounts[a->first_match];
			} else {
				/* no category met: the review turns it down */
				want = BF_STATE_REJECTED;
				r.decision = BF_REVIEW_REJECT;
				bf_strlcpy(r.reason,
				           "家庭人均收入高于建档标准，不符合困难职工建档条件。",
				           sizeof r.reason);
			}
			rc = bf_case_review(&ctx->db, c->id, &r, ctx->today, &err);
			if (rc == 0 && want == BF_STATE_IN_PUBLICITY) {
				later.open[later.n_open++] = c->id;
			} else if (rc == 0 && want != BF_STATE_APPROVED &&
			           want != BF_STATE_REJECTED) {
				later.past_want[later.n_past] = want;
				later.past[later.n_past++] = c->id;
				if (want >= BF_STATE_SUBMITTED)
					later.sent[later.n_sent++] = c->id;
			}
		}
		if (rc != 0) {
			fprintf(ctx->err, "bangfu demo: %s\n", err.msg);
			break;
		}
		saved++;
	}
	if (saved == ncases && demo_rounds_and_batch(ctx, &later, &err) != 0) {
		fprintf(ctx->err, "bangfu demo: %s\n", err.msg);
		saved = 0;
	}
	free(later.open);
	free(later.past);
	free(later.sent);
	free(later.past_want);
	free(a);
	free(c);
	fprintf(ctx->out, _("Demo database %s: %d sample case(s) added.\n"), ctx->db_path, saved);
	return saved == ncases ? 0 : 1;
}
