/* cmd_publicity.c — the workplace publicity (公示) on the command line:
 *   bangfu publicity create --cases N1,N2 --place TEXT --contact NAME --phone P
 *                           --office O [--start D] [--days N]
 *   bangfu publicity list | show R | notice R [--pdf F] [--text F]
 *   bangfu publicity object R --case N --claim TEXT [--by NAME|--anonymous]
 *                           [--via phone|letter|in_person] [--date D]
 *   bangfu publicity investigate R OBJ --note T
 *   bangfu publicity resolve R OBJ --uphold|--dismiss --reason T
 *   bangfu publicity close R [--report-pdf F] [--report-text F] */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/accounts.h"
#include "bangfu/audit.h"
#include "bangfu/cli.h"
#include "bangfu/holiday.h"
#include "bangfu/ident.h"
#include "bangfu/money.h"
#include "bangfu/print_publicity.h"
#include "bangfu/publicity_store.h"
#include "bangfu/store.h"

static const char *const value_opts[] = {
    "--cases", "--place",  "--contact",    "--phone",       "--office", "--start", "--days",
    "--pdf",   "--text",   "--case",       "--claim",       "--by",     "--via",   "--date",
    "--note",  "--reason", "--report-pdf", "--report-text", "--set",    NULL};

/* The k-th (0-based) positional argument after argv[0] (the subcommand). */
static const char *positional(int argc, char **argv, int k)
{
	return bf_arg_positional(argc, argv, k, value_opts);
}

static bool parse_id(const char *s, int64_t *out)
{
	if (!s || !*s)
		return false;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (*end || v <= 0)
		return false;
	*out = v;
	return true;
}

static void usage(struct bf_ctx *ctx)
{
	fprintf(ctx->err, "%s",
	        _("Usage: bangfu publicity create --cases N1,N2 --place TEXT --contact NAME "
	          "--phone P --office O [--start D] [--days N]\n"
	          "       bangfu publicity list\n"
	          "       bangfu publicity show R\n"
	          "       bangfu publicity notice R [--pdf FILE] [--text FILE]\n"
	          "       bangfu publicity object R --case N --claim TEXT [--by NAME|--anonymous] "
	          "[--via phone|letter|in_person] [--date D]\n"
	          "       bangfu publicity investigate R OBJ --note TEXT\n"
	          "       bangfu publicity resolve R OBJ --uphold|--dismiss --reason TEXT\n"
	          "       bangfu publicity close R [--report-pdf FILE] [--report-text FILE]\n"
	          "       bangfu publicity report R [--pdf FILE] [--text FILE]\n"
	          "       bangfu publicity template [--set FILE | --reset]\n"
	          "       bangfu publicity id-digits [0-6]\n"));
}

/* 0 done, 1 refused or failed (printed), like the other commands. */
static int report(struct bf_ctx *ctx, const char *cmd, int rc, const bf_error *err)
{
	if (rc != 0)
		fprintf(ctx->err, "bangfu publicity %s: %s\n", cmd, err->msg);
	return rc == 0 ? 0 : 1;
}

static int open_db(struct bf_ctx *ctx)
{
	return bf_ctx_open_db(ctx, false) != 0 ? 1 : 0;
}

static int load_round(struct bf_ctx *ctx, const char *cmd, const char *arg, struct bf_round *r)
{
	int64_t id;
	if (!parse_id(arg, &id)) {
		usage(ctx);
		return 2;
	}
	if (open_db(ctx) != 0)
		return 1;
	bf_error err = {{0}};
	int rc = bf_round_load(&ctx->db, id, ctx->today, r, &err);
	return rc == 0 ? 0 : report(ctx, cmd, rc, &err);
}

/* ---- create -------------------------------------------------------------------------- */

/* "no holiday arrangement for 2027: counted Monday to Friday" on stderr. */
static void warn_arrangement(struct bf_ctx *ctx, int year)
{
	char warn[160];
	bf_calendar_warning(year, warn, sizeof warn);
	if (warn[0])
		fprintf(ctx->err, "bangfu publicity: %s\n", warn);
}

static int cmd_create(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *cases = bf_arg_value(argc, argv, "--cases");
	const char *place = bf_arg_value(argc, argv, "--place");
	const char *contact = bf_arg_value(argc, argv, "--contact");
	const char *phone = bf_arg_value(argc, argv, "--phone");
	const char *office = bf_arg_value(argc, argv, "--office");
	const char *start = bf_arg_value(argc, argv, "--start");
	const char *days = bf_arg_value(argc, argv, "--days");
	if (!cases || !place || !contact || !phone || !office) {
		usage(ctx);
		return 2;
	}
	struct bf_round_new r = {0};
	r.start = BF_DATE_NONE;
	r.today = ctx->today;
	r.place = place;
	r.contact = contact;
	r.phone = phone;
	r.office = office;
	if (start && !bf_date_parse(start, &r.start)) {
		fprintf(ctx->err,
		        _("bangfu publicity create: --start '%s' is not a date (YYYY-MM-DD)\n"),
		        start);
		return 2;
	}
	if (days) {
		char *end;
		long n = strtol(days, &end, 10);
		if (end == days || *end || n < 1 || n > 60) {
			fprintf(ctx->err, "%s",
			        _("bangfu publicity create: --days takes 1 to 60 working days\n"));
			return 2;
		}
		r.days = (int)n;
	}
	if (open_db(ctx) != 0)
		return 1;
	char *list = strdup(cases);
	int64_t *ids = calloc(strlen(cases) + 1, sizeof *ids);
	if (!list || !ids) {
		free(list);
		free(ids);
		fprintf(ctx->err, "bangfu publicity create: %s\n", _("out of memory"));
		return 1;
	}
	r.case_ids = ids;
	int ret = 1;
	char *save = NULL;
	for (char *tok = strtok_r(list, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		bf_error err = {{0}};
		int rc = bf_case_lookup(&ctx->db, tok, &ids[r.n], &err);
		if (rc > 0) {
			fprintf(ctx->err, _("bangfu %s: there is no file %s\n"), "publicity create",
			        tok);
			goto out;
		}
		if (rc < 0) {
			report(ctx, "create", rc, &err);
			goto out;
		}
		r.n++;
	}
	bf_error err = {{0}};
	int64_t id = 0;
	int rc = bf_round_create(&ctx->db, &r, &id, &err);
	ret = report(ctx, "create", rc, &err);
	if (ret == 0) {
		struct bf_round rd;
		if (bf_round_load(&ctx->db, id, ctx->today, &rd, &err) == 0) {
			char s[BF_DATE_SZ], e[BF_DATE_SZ];
			bf_date_format(rd.start, s);
			bf_date_format(rd.end, e);
			fprintf(ctx->out,
			        ngettext(
			            "Publicity round %lld: %zu case, %s to %s (%d working days)\n",
			            "Publicity round %lld: %zu cases, %s to %s (%d working days)\n",
			            rd.n_cases),
			        (long long)id, rd.n_cases, s, e, rd.days);
			warn_arrangement(ctx, rd.no_arrangement);
		}
	}
out:
	free(list);
	free(ids);
	return ret;
}

/* ---- list / show ----------------------------------------------------------------------- */

static int cmd_list(struct bf_ctx *ctx)
{
	if (open_db(ctx) != 0)
		return 1;
	struct bf_round *rs;
	size_t n;
	bf_error err = {{0}};
	if (bf_round_list(&ctx->db, ctx->today, &rs, &n, &err) != 0)
		return report(ctx, "list", -1, &err);
	struct bf_pub_alerts al;
	char warn[512] = "";
	if (bf_publicity_alerts(&ctx->db, ctx->today, &al, &err) == 0)
		bf_pub_alert_text(al.ending_today, al.overdue, al.objections_waiting, warn,
		                  sizeof warn);
	if (warn[0])
		fprintf(ctx->out, "%s\n\n", warn);
	if (n == 0)
		fprintf(ctx->out, "%s\n", _("No publicity rounds yet."));
	for (size_t i = 0; i < n; i++) {
		char s[BF_DATE_SZ], e[BF_DATE_SZ], buf[64];
		bf_date_format(rs[i].start, s);
		bf_date_format(rs[i].end, e);
		snprintf(buf, sizeof buf, "%lld", (long long)rs[i].id);
		bf_put_col(ctx->out, buf, 5);
		snprintf(buf, sizeof buf, "%s – %s", s, e);
		bf_put_col(ctx->out, buf, 26);
		bf_put_col(ctx->out, bf_round_status_label(rs[i].status), 16);
		if (rs[i].status == BF_ROUND_OPEN) {
			if (rs[i].days_left > 0)
				snprintf(buf, sizeof buf,
				         ngettext("%d day left", "%d days left", rs[i].days_left),
				         rs[i].days_left);
			else
				snprintf(buf, sizeof buf, "%s", _("period over"));
		} else {
			buf[0] = '\0';
		}
		bf_put_col(ctx->out, buf, 16);
		fprintf(ctx->out, ngettext("%zu case", "%zu cases", rs[i].n_cases), rs[i].n_cases);
		if (rs[i].n_open)
			fprintf(
			    ctx->out,
			    ngettext(", %zu objection open", ", %zu objections open", rs[i].n_open),
			    rs[i].n_open);
		fputc('\n', ctx->out);
	}
	free(rs);
	return 0;
}

static int cmd_show(struct bf_ctx *ctx, int argc, char **argv)
{
	struct bf_round r;
	int rc = load_round(ctx, "show", positional(argc, argv, 0), &r);
	if (rc != 0)
		return rc;
	char s[BF_DATE_SZ], e[BF_DATE_SZ];
	bf_date_format(r.start, s);
	bf_date_format(r.end, e);
	fprintf(ctx->out, _("Publicity round %lld: %s\n"), (long long)r.id,
	        bf_round_status_label(r.status));
	fprintf(ctx->out, _("Period:  %s to %s (%d working days)"), s, e, r.days);
	if (r.status == BF_ROUND_OPEN)
		fprintf(ctx->out, ", %s", r.days_left > 0 ? "" : _("period over"));
	if (r.status == BF_ROUND_OPEN && r.days_left > 0)
		fprintf(ctx->out, ngettext("%d day left", "%d days left", r.days_left),
		        r.days_left);
	fputc('\n', ctx->out);
	warn_arrangement(ctx, r.no_arrangement);
	fprintf(ctx->out, _("Place:   %s\n"), r.place);
	fprintf(ctx->out, _("Contact: %s, %s, %s\n"), r.contact, r.phone, r.office);
	if (r.status == BF_ROUND_CLOSED)
		fprintf(ctx->out, _("Closed:  %s by %s\n"), r.closed_at, r.closed_by);
	struct bf_round_case *cs;
	size_t nc;
	bf_error err = {{0}};
	if (bf_round_cases(&ctx->db, r.id, &cs, &nc, &err) != 0)
		return report(ctx, "show", -1, &err);
	fprintf(ctx->out, "\n%s\n", _("Cases:"));
	for (size_t i = 0; i < nc; i++) {
		char money[32] = "";
		if (cs[i].amount > 0)
			bf_money_format(cs[i].amount, money, sizeof money);
		fprintf(ctx->out, "  ");
		bf_put_col(ctx->out, cs[i].number, 12);
		bf_put_col(ctx->out, cs[i].name, 10);
		bf_put_col_right(ctx->out, money, 10);
		fprintf(ctx->out, "  ");
		const char *st = !strcmp(cs[i].status, "passed")      ? _("passed")
		                 : !strcmp(cs[i].status, "withdrawn") ? _("withdrawn")
		                                                      : _("listed");
		fprintf(ctx->out, "%s", st);
		if (cs[i].reason[0])
			fprintf(ctx->out, " (%s)", cs[i].reason);
		fputc('\n', ctx->out);
	}
	free(cs);
	struct bf_objection *os;
	size_t no;
	if (bf_objection_list(&ctx->db, r.id, false, &os, &no, &err) != 0)
		return report(ctx, "show", -1, &err);
	fprintf(ctx->out, "\n%s\n", _("Objections:"));
	if (no == 0)
		fprintf(ctx->out, "  %s\n", _("none"));
	for (size_t i = 0; i < no; i++) {
		char d[BF_DATE_SZ];
		bf_date_format(os[i].received, d);
		fprintf(ctx->out, "  #%lld  %s  %s %s  %s, %s: %s\n", (long long)os[i].id, d,
		        os[i].case_number, os[i].person, bf_obj_via_label(os[i].via),
		        os[i].raised_by[0] ? os[i].raised_by : _("anonymous"), os[i].claim);
		fprintf(ctx->out, "      %s", bf_obj_status_label(os[i].status));
		if (os[i].investigation[0])
			fprintf(ctx->out, _("; investigated by %s: %s"), os[i].investigated_by,
			        os[i].investigation);
		if (os[i].resolution[0])
			fprintf(ctx->out, _("; resolved by %s: %s"), os[i].resolved_by,
			        os[i].resolution);
		fputc('\n', ctx->out);
	}
	free(os);
	return 0;
}

/* ---- notice ----------------------------------------------------------------------------- */

struct notice_data {
	struct bf_unit unit;
	struct bf_round r;
	struct bf_pub_entry *e;
	size_t n;
	char tpl[8192];
};

static int notice_load(struct bf_ctx *ctx, const char *cmd, const char *arg, bool passed_only,
                       struct notice_data *d)
{
	memset(d, 0, sizeof *d);
	int rc = load_round(ctx, cmd, arg, &d->r);
	if (rc != 0)
		return rc;
	bf_error err = {{0}};
	if (bf_unit_load(&ctx->db, &d->unit, &err) != 0)
		memset(&d->unit, 0, sizeof d->unit);
	if (bf_round_entries(&ctx->db, d->r.id, passed_only, &d->e, &d->n, &err) != 0)
		return report(ctx, cmd, -1, &err);
	bf_setting_text(&ctx->db, "publicity_template", bf_pub_default_template(), d->tpl,
	                sizeof d->tpl);
	return 0;
}

static void notice_fill(const struct notice_data *d, struct bf_pub_notice *nt)
{
	memset(nt, 0, sizeof *nt);
	nt->unit_name = d->unit.name;
	nt->union_name = d->unit.union_name;
	nt->place = d->r.place;
	nt->contact = d->r.contact;
	nt->phone = d->r.phone;
	nt->office = d->r.office;
	nt->start = d->r.start;
	nt->end = d->r.end;
	nt->days = d->r.days;
	nt->signed_on = d->r.start;
	nt->entries = d->e;
	nt->n = d->n;
}

/* Write fn's text into o (opened by bf_cli_outfile; NULL: it failed, err
 * says why) and put it in place. 0, or 1 with the message printed. */
static int write_text_to(struct bf_ctx *ctx, const char *cmd, bf_outfile *o, bf_error *err,
                         int (*fn)(FILE *, const void *), const void *arg)
{
	FILE *f = o ? bf_outfile_stream(o) : NULL;
	int rc = f ? fn(f, arg) : -1;
	if (f && rc != 0)
		bf_error_set(err, _("cannot write %s: %s"), bf_outfile_target(o),
		             _("write failed"));
	if (bf_outfile_finish(o, rc, err) != 0) {
		fprintf(ctx->err, "bangfu publicity %s: %s\n", cmd, err->msg);
		return 1;
	}
	return 0;
}

static int write_text_file(struct bf_ctx *ctx, const char *cmd, const char *path,
                           int (*fn)(FILE *, const void *), const void *arg)
{
	if (!strcmp(path, "-"))
		return fn(ctx->out, arg);
	bf_error err = {{0}};
	return write_text_to(ctx, cmd, bf_cli_outfile(ctx, path, &err), &err, fn, arg);
}

struct notice_args {
	const char *tpl;
	const struct bf_pub_notice *nt;
};

static int notice_text_fn(FILE *f, const void *arg)
{
	const struct notice_args *a = arg;
	bf_error err = {{0}};
	return bf_pub_notice_text(f, a->tpl, a->nt, &err) == 0 ? 0 : 1;
}

static int cmd_notice(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *pdf = bf_arg_value(argc, argv, "--pdf");
	const char *text = bf_arg_value(argc, argv, "--text");
	struct notice_data *d = malloc(sizeof *d);
	if (!d)
		return 1;
	int rc = notice_load(ctx, "notice", positional(argc, argv, 0), false, d);
	if (rc != 0) {
		free(d);
		return rc;
	}
	struct bf_pub_notice nt;
	notice_fill(d, &nt);
	struct notice_args a = {d->tpl, &nt};
	if (!pdf && !text)
		rc = notice_text_fn(ctx->out, &a);
	if (rc == 0 && text)
		rc = write_text_file(ctx, "notice", text, notice_text_fn, &a);
	if (rc == 0 && pdf) {
		bf_error err = {{0}};
		bf_outfile *o = bf_cli_outfile(ctx, pdf, &err);
		struct bf_progress pr;
		nt.progress = bf_progress_cb;
		nt.progress_ud = &pr;
		fflush(ctx->err);
		bf_progress_start(&pr, stderr, _("Publicity notice (rows, then pages)"), nt.n);
		int r = !o ? -1
		        : bf_audit_stamp(&ctx->db, &nt.stamp, &err) != 0
		            ? -1
		            : bf_pub_notice_pdf(o, d->tpl, &nt, &err);
		bf_progress_end(&pr);
		rc = report(ctx, "notice", bf_outfile_finish(o, r, &err), &err);
		if (rc == 0)
			fprintf(ctx->err, _("Wrote %s\n"), pdf);
	}
	free(d->e);
	free(d);
	return rc;
}

/* ---- objections --------------------------------------------------------------------------- */

static int cmd_object(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *round = positional(argc, argv, 0);
	const char *number = bf_arg_value(argc, argv, "--case");
	const char *claim = bf_arg_value(argc, argv, "--claim");
	const char *by = bf_arg_value(argc, argv, "--by");
	const char *via = bf_arg_value(argc, argv, "--via");
	const char *date = bf_arg_value(argc, argv, "--date");
	bool anonymous = bf_arg_flag(argc, argv, "--anonymous");
	int64_t rid;
	if (!parse_id(round, &rid) || !number || !claim || (by && anonymous) ||
	    (!by && !anonymous)) {
		usage(ctx);
		return 2;
	}
	struct bf_objection_new o = {0};
	o.received = BF_DATE_NONE;
	o.today = ctx->today;
	o.claim = claim;
	o.raised_by = anonymous ? NULL : by;
	o.via = via ? bf_obj_via_parse(via) : BF_VIA_PHONE;
	if (o.via < 0) {
		fprintf(ctx->err, "%s",
		        _("bangfu publicity object: --via takes phone, letter or in_person\n"));
		return 2;
	}
	if (date && !bf_date_parse(date, &o.received)) {
		fprintf(ctx->err,
		        _("bangfu publicity object: --date '%s' is not a date (YYYY-MM-DD)\n"),
		        date);
		return 2;
	}
	if (open_db(ctx) != 0)
		return 1;
	bf_error err = {{0}};
	int rc = bf_case_lookup(&ctx->db, number, &o.case_id, &err);
	if (rc > 0) {
		fprintf(ctx->err, _("bangfu %s: there is no file %s\n"), "publicity object",
		        number);
		return 1;
	}
	if (rc < 0)
		return report(ctx, "object", rc, &err);
	int64_t id = 0;
	rc = report(ctx, "object", bf_objection_record(&ctx->db, rid, &o, &id, &err), &err);
	if (rc == 0)
		fprintf(ctx->out, _("Objection %lld recorded against %s\n"), (long long)id, number);
	return rc;
}

/* R OBJ: the objection, checked to belong to the round. */
static int objection_arg(struct bf_ctx *ctx, const char *cmd, int argc, char **argv, int64_t *oid)
{
	int64_t rid;
	if (!parse_id(positional(argc, argv, 0), &rid) ||
	    !parse_id(positional(argc, argv, 1), oid)) {
		usage(ctx);
		return 2;
	}
	if (open_db(ctx) != 0)
		return 1;
	struct bf_objection o;
	bf_error err = {{0}};
	int rc = bf_objection_load(&ctx->db, *oid, &o, &err);
	if (rc == 0 && o.round_id != rid) {
		bf_error_set(&err, _("Objection %lld belongs to round %lld, not %lld"),
		             (long long)*oid, (long long)o.round_id, (long long)rid);
		rc = 1;
	}
	return rc == 0 ? 0 : report(ctx, cmd, rc, &err);
}

static int cmd_investigate(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *note = bf_arg_value(argc, argv, "--note");
	if (!note) {
		usage(ctx);
		return 2;
	}
	int64_t oid;
	int rc = objection_arg(ctx, "investigate", argc, argv, &oid);
	if (rc != 0)
		return rc;
	bf_error err = {{0}};
	rc = report(ctx, "investigate", bf_objection_investigate(&ctx->db, oid, note, &err), &err);
	if (rc == 0)
		fprintf(ctx->out, _("Objection %lld: under investigation\n"), (long long)oid);
	return rc;
}

static int cmd_resolve(struct bf_ctx *ctx, int argc, char **argv)
{
	bool uphold = bf_arg_flag(argc, argv, "--uphold");
	bool dismiss = bf_arg_flag(argc, argv, "--dismiss");
	const char *reason = bf_arg_value(argc, argv, "--reason");
	if (uphold == dismiss || !reason) {
		usage(ctx);
		return 2;
	}
	int64_t oid;
	int rc = objection_arg(ctx, "resolve", argc, argv, &oid);
	if (rc != 0)
		return rc;
	bf_error err = {{0}};
	rc = report(ctx, "resolve",
	            bf_objection_resolve(&ctx->db, oid, uphold, reason, ctx->today, &err), &err);
	if (rc == 0)
		fprintf(ctx->out, "%s\n",
		        uphold
		            ? _("Objection upheld: the case has left the round and goes back for "
		                "review")
		            : _("Objection dismissed: the case stays in the round"));
	return rc;
}

/* ---- close ---------------------------------------------------------------------------------- */

static void result_fill(const struct notice_data *d, bf_date today, struct bf_pub_result *res)
{
	memset(res, 0, sizeof *res);
	res->unit_name = d->unit.name;
	res->union_name = d->unit.union_name;
	res->place = d->r.place;
	res->start = d->r.start;
	res->end = d->r.end;
	res->days = d->r.days;
	res->reported_on = today;
	res->n_publicized = d->r.n_cases;
	res->n_objections = d->r.n_objections;
	res->n_upheld = d->r.n_upheld;
	res->passed = d->e;
	res->n_passed = d->n;
}

/* The result report's PDF tells pr (a line on a terminal) its rows, then
 * its pages. */
static void result_progress(struct bf_pub_result *res, struct bf_progress *pr)
{
	res->progress = bf_progress_cb;
	res->progress_ud = pr;
	bf_progress_start(pr, stderr, _("Result report (rows, then pages)"), res->n_passed);
}

static int result_text_fn(FILE *f, const void *arg)
{
	bf_pub_result_text(f, arg);
	return 0;
}

static int cmd_close(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *round = positional(argc, argv, 0);
	const char *pdf = bf_arg_value(argc, argv, "--report-pdf");
	const char *text = bf_arg_value(argc, argv, "--report-text");
	int64_t rid;
	if (!parse_id(round, &rid)) {
		usage(ctx);
		return 2;
	}
	if (open_db(ctx) != 0)
		return 1;
	bf_error err = {{0}};
	/* The files first: one that is there (without --force) leaves the round open. */
	bf_outfile *to = NULL, *po = NULL;
	if ((text && !(to = bf_cli_outfile(ctx, text, &err))) ||
	    (pdf && !(po = bf_cli_outfile(ctx, pdf, &err)))) {
		bf_outfile_abort(to);
		return report(ctx, "close", -1, &err);
	}
	int rc = report(ctx, "close", bf_round_close(&ctx->db, rid, ctx->today, &err), &err);
	struct notice_data *d = rc == 0 ? calloc(1, sizeof *d) : NULL;
	if (rc == 0 && !d)
		rc = 1;
	if (rc == 0)
		rc = notice_load(ctx, "close", round, true, d);
	if (rc != 0) {
		bf_outfile_abort(to);
		bf_outfile_abort(po);
		if (d)
			free(d->e);
		free(d);
		return rc;
	}
	fprintf(ctx->out,
	        ngettext("Round %lld closed: %zu case passed the publicity\n",
	                 "Round %lld closed: %zu cases passed the publicity\n", d->n),
	        (long long)rid, d->n);
	struct bf_pub_result res;
	result_fill(d, ctx->today, &res);
	if (to)
		rc = write_text_to(ctx, "close", to, &err, result_text_fn, &res);
	if (po) {
		struct bf_progress pr;
		fflush(ctx->err);
		result_progress(&res, &pr);
		int r = rc != 0 ? -1
		        : bf_audit_stamp(&ctx->db, &res.stamp, &err) != 0
		            ? -1
		            : bf_pub_result_pdf(po, &res, &err);
		bf_progress_end(&pr);
		if (rc == 0)
			rc = report(ctx, "close", bf_outfile_finish(po, r, &err), &err);
		else
			bf_outfile_abort(po);
		if (rc == 0)
			fprintf(ctx->err, _("Wrote %s\n"), pdf);
	}
	free(d->e);
	free(d);
	return rc;
}

/* `publicity report R [--pdf F] [--text F]`: the result report again. */
static int cmd_report(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *pdf = bf_arg_value(argc, argv, "--pdf");
	const char *text = bf_arg_value(argc, argv, "--text");
	struct notice_data *d = malloc(sizeof *d);
	if (!d)
		return 1;
	int rc = notice_load(ctx, "report", positional(argc, argv, 0), true, d);
	if (rc == 0 && d->r.status != BF_ROUND_CLOSED) {
		fprintf(ctx->err, "%s\n",
		        _("bangfu publicity report: the round is not closed yet"));
		rc = 1;
	}
	if (rc == 0) {
		struct bf_pub_result res;
		bf_date closed = BF_DATE_NONE;
		char day[BF_DATE_SZ];
		bf_strlcpy(day, d->r.closed_at, sizeof day);
		if (!bf_date_parse(day, &closed))
			closed = ctx->today;
		result_fill(d, closed, &res);
		if (!pdf && !text)
			bf_pub_result_text(ctx->out, &res);
		if (text)
			rc = write_text_file(ctx, "report", text, result_text_fn, &res);
		if (rc == 0 && pdf) {
			bf_error err = {{0}};
			bf_outfile *o = bf_cli_outfile(ctx, pdf, &err);
			struct bf_progress pr;
			fflush(ctx->err);
			result_progress(&res, &pr);
			int r = !o ? -1
			        : bf_audit_stamp(&ctx->db, &res.stamp, &err) != 0
			            ? -1
			            : bf_pub_result_pdf(o, &res, &err);
			bf_progress_end(&pr);
			rc = report(ctx, "report", bf_outfile_finish(o, r, &err), &err);
		}
	}
	free(d->e);
	free(d);
	return rc;
}

/* `publicity template [--set FILE | --reset]`: the notice's template (the
 * setting publicity_template). */
static int cmd_template(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *set = bf_arg_value(argc, argv, "--set");
	bool reset = bf_arg_flag(argc, argv, "--reset");
	if (set && reset) {
		usage(ctx);
		return 2;
	}
	if (open_db(ctx) != 0)
		return 1;
	static char tpl[8192];
	bf_error err = {{0}};
	if (!set && !reset) {
		bf_setting_text(&ctx->db, "publicity_template", bf_pub_default_template(), tpl,
		                sizeof tpl);
		fputs(tpl, ctx->out);
		return 0;
	}
	if (set) {
		FILE *f = !strcmp(set, "-") ? stdin : fopen(set, "r");
		if (!f) {
			fprintf(ctx->err, _("bangfu publicity template: cannot read %s\n"), set);
			return 1;
		}
		size_t n = fread(tpl, 1, sizeof tpl - 1, f);
		bool more = fgetc(f) != EOF;
		if (f != stdin)
			fclose(f);
		tpl[n] = '\0';
		if (more) {
			fprintf(ctx->err, "%s\n",
			        _("bangfu publicity template: the template is too long (8 KB at "
			          "most)"));
			return 1;
		}
		if (!strstr(tpl, "{list}")) {
			fprintf(ctx->err, "%s\n",
			        _("bangfu publicity template: the template needs {list}, where the "
			          "list of names goes"));
			return 1;
		}
	}
	if (bf_store_require(&ctx->db, BF_PERM_SETTINGS, &err) != 0)
		return report(ctx, "template", 1, &err);
	return report(ctx, "template",
	              bf_setting_set(&ctx->db, "publicity_template", reset ? NULL : tpl, &err),
	              &err);
}

/* `publicity id-digits [N]`: how many digits of an ID number the public
 * notice shows (the setting notice_id_digits: the first of the region code,
 * never the birth date nor the check character). */
static int cmd_id_digits(struct bf_ctx *ctx, int argc, char **argv)
{
	if (argc > 2) {
		usage(ctx);
		return 2;
	}
	const char *arg = argc == 2 ? argv[1] : NULL;
	long want = -1;
	if (arg) {
		char *end = NULL;
		want = strtol(arg, &end, 10);
		if (!arg[0] || *end || want < 0 || want > BF_NOTICE_ID_DIGITS_MAX) {
			fprintf(ctx->err,
			        _("bangfu publicity id-digits: \"%s\" is not a number of digits: the "
			          "notice shows 0 to %d digits of an ID number\n"),
			        arg, BF_NOTICE_ID_DIGITS_MAX);
			return 2;
		}
	}
	if (open_db(ctx) != 0)
		return 1;
	bf_error err = {{0}};
	if (arg) {
		char v[8];
		snprintf(v, sizeof v, "%ld", want);
		if (bf_store_require(&ctx->db, BF_PERM_SETTINGS, &err) != 0 ||
		    bf_setting_set(&ctx->db, BF_NOTICE_ID_DIGITS_SETTING, v, &err) != 0)
			return report(ctx, "id-digits", 1, &err);
	}
	int d = bf_pub_notice_id_digits(&ctx->db);
	char example[32];
	bf_mask_id_notice("110101199003074518", d, example, sizeof example);
	fprintf(ctx->out,
	        ngettext("The public notice shows %d digit of an ID number: %s\n",
	                 "The public notice shows %d digits of an ID number: %s\n", (unsigned long)d),
	        d, example);
	return 0;
}

int bf_cmd_publicity(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *sub = argc >= 2 ? argv[1] : "";
	int n = argc - 1;
	char **v = argv + 1;
	if (!strcmp(sub, "create"))
		return cmd_create(ctx, n, v);
	if (!strcmp(sub, "list"))
		return cmd_list(ctx);
	if (!strcmp(sub, "show"))
		return cmd_show(ctx, n, v);
	if (!strcmp(sub, "notice"))
		return cmd_notice(ctx, n, v);
	if (!strcmp(sub, "object"))
		return cmd_object(ctx, n, v);
	if (!strcmp(sub, "investigate"))
		return cmd_investigate(ctx, n, v);
	if (!strcmp(sub, "resolve"))
		return cmd_resolve(ctx, n, v);
	if (!strcmp(sub, "close"))
		return cmd_close(ctx, n, v);
	if (!strcmp(sub, "report"))
		return cmd_report(ctx, n, v);
	if (!strcmp(sub, "template"))
		return cmd_template(ctx, n, v);
	if (!strcmp(sub, "id-digits"))
		return cmd_id_digits(ctx, n, v);
	usage(ctx);
	return 2;
}
