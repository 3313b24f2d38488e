/* cmd_campaign.c — bangfu standard | consolation | campaign: consolation
 * standards and events, Spring Festival campaigns (送温暖), payments, spot
 * checks and the ledger, for scripts and for work without the screens. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/accounts.h"
#include "bangfu/audit.h"
#include "bangfu/campaign_export.h"
#include "bangfu/campaign_store.h"
#include "bangfu/cli.h"
#include "bangfu/progress.h"
#include "bangfu/csv.h"
#include "bangfu/ident.h"
#include "bangfu/jsonw.h"
#include "bangfu/money.h"
#include "bangfu/store.h"

/* The words the campaign tables store as codes, for people to read. */
static const char *word(const char *code)
{
	static const struct {
		const char *code, *label;
	} words[] = {
	    {"unit", N_("unit")},         {"community", N_("community")},
	    {"call", N_("call")},         {"visit", N_("visit")},
	    {"planning", N_("planning")}, {"drawn", N_("drawn")},
	    {"closed", N_("closed")},     {"approved", N_("approved")},
	    {"pending", N_("pending")},   {"declined", N_("declined")},
	    {"paid", N_("paid")},         {"not_paid", N_("not paid")},
	};
	for (size_t i = 0; i < BF_ARRAY_LEN(words); i++)
		if (!strcmp(code, words[i].code))
			return _(words[i].label);
	return code;
}

/* ---- small helpers ---------------------------------------------------------------- */

#define ERR(ctx, cmd, ...)                               \
	do {                                             \
		fprintf((ctx)->err, "bangfu %s: ", cmd); \
		fprintf((ctx)->err, __VA_ARGS__);        \
		fputc('\n', (ctx)->err);                 \
	} while (0)

static const char *today_text(struct bf_ctx *ctx)
{
	static char buf[BF_DATE_SZ];
	bf_date_format(ctx->today, buf);
	return buf;
}

static int today_year(struct bf_ctx *ctx)
{
	int y;
	bf_date_to_ymd(ctx->today, &y, NULL, NULL);
	return y;
}

/* A money option in yuan; false (message printed) when malformed. */
static bool money_opt(struct bf_ctx *ctx, const char *cmd, const char *opt, const char *text,
                      bf_fen *out)
{
	bf_error err = {{0}};
	if (!bf_money_parse(text, 0, out, &err)) {
		ERR(ctx, cmd, _("%s \"%s\": %s"), opt, text, err.msg);
		return false;
	}
	return true;
}

/* "550/900/1100" (one per household-size tier) or one amount for all. */
static bool tiers_opt(struct bf_ctx *ctx, const char *cmd, const char *opt, const char *text,
                      bf_fen out[BF_TIERS], int *count)
{
	char buf[128];
	bf_strlcpy(buf, text, sizeof buf);
	int k = 0;
	for (char *save = NULL, *p = strtok_r(buf, "/", &save); p; p = strtok_r(NULL, "/", &save)) {
		if (k == BF_TIERS) {
			ERR(ctx, cmd, _("%s takes one amount or three separated by /"), opt);
			return false;
		}
		if (!money_opt(ctx, cmd, opt, p, &out[k++]))
			return false;
	}
	if (k == 0 || k == 2) {
		ERR(ctx, cmd, _("%s takes one amount or three separated by /"), opt);
		return false;
	}
	for (int t = k; t < BF_TIERS; t++)
		out[t] = out[0];
	*count = k;
	return true;
}

static bool int_opt(struct bf_ctx *ctx, const char *cmd, const char *opt, const char *text, long lo,
                    long hi, long *out)
{
	char *end;
	errno = 0;
	long v = strtol(text, &end, 10);
	if (errno || end == text || *end || v < lo || v > hi) {
		ERR(ctx, cmd, _("%s takes a whole number from %ld to %ld"), opt, lo, hi);
		return false;
	}
	*out = v;
	return true;
}

static bool date_opt(struct bf_ctx *ctx, const char *cmd, const char *opt, const char *text,
                     bf_date *out)
{
	if (!bf_date_parse(text, out)) {
		ERR(ctx, cmd, _("%s \"%s\" is not a date (YYYY-MM-DD)"), opt, text);
		return false;
	}
	return true;
}

static int relation_opt(struct bf_ctx *ctx, const char *cmd, const char *text)
{
	int r = bf_enum_parse(BF_ENUM_RELATION, text);
	if (r < 0)
		ERR(ctx, cmd,
		    _("unknown relation \"%s\" (self, spouse, child, father, mother, ...)"), text);
	return r;
}

static const char *fen_text(bf_fen v)
{
	static char buf[8][32]; /* up to eight in one printf */
	static int i;
	i = (i + 1) % 8;
	return bf_money_format(v, buf[i], sizeof buf[i]);
}

/* The campaign named by argv[1] (an id or a name). */
static int campaign_arg(struct bf_ctx *ctx, const char *cmd, int argc, char **argv,
                        struct bf_campaign *c)
{
	if (argc < 2 || argv[1][0] == '-') {
		ERR(ctx, cmd, "%s", _("name the campaign (its number or name) first"));
		return 2;
	}
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	bf_error err = {{0}};
	int64_t id;
	int rc = bf_campaign_find(&ctx->db, argv[1], &id, &err);
	if (rc == 0)
		rc = bf_campaign_load(&ctx->db, id, c, &err);
	if (rc != 0) {
		ERR(ctx, cmd, "%s", err.msg);
		return 1;
	}
	return 0;
}

/* ---- bangfu standard ---------------------------------------------------------------- */

static int standard_list(struct bf_ctx *ctx, int argc, char **argv)
{
	long year = today_year(ctx);
	const char *v = bf_arg_value(argc, argv, "--year");
	if (v && !int_opt(ctx, "standard", "--year", v, 1900, 2199, &year))
		return 2;
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	struct bf_consolation_standard s[BF_EV_COUNT];
	int from[BF_EV_COUNT];
	bf_error err = {{0}};
	if (bf_consolation_standards(&ctx->db, (int)year, s, from, &err) != 0) {
		ERR(ctx, "standard", "%s", err.msg);
		return 1;
	}
	fprintf(ctx->out, _("Consolation standards for %ld:\n"), year);
	bf_put_col(ctx->out, _("Event"), 18);
	bf_put_col(ctx->out, _("Name"), 30);
	bf_put_col_right(ctx->out, _("Cash"), 12);
	bf_put_col_right(ctx->out, _("Goods"), 12);
	fputs("  ", ctx->out);
	bf_put_col(ctx->out, _("Goods are"), 12);
	fputs(_("From"), ctx->out);
	fputc('\n', ctx->out);
	for (int e = 0; e < BF_EV_COUNT; e++) {
		char fy[16];
		if (from[e])
			snprintf(fy, sizeof fy, "%d", from[e]);
		else
			bf_strlcpy(fy, _("default"), sizeof fy);
		bf_put_col(ctx->out, bf_event_code((enum bf_event)e), 18);
		bf_put_col(ctx->out, bf_event_label((enum bf_event)e), 30);
		bf_put_col_right(ctx->out, s[e].manual ? _("by hand") : fen_text(s[e].cash), 12);
		bf_put_col_right(ctx->out, fen_text(s[e].goods), 12);
		fputs("  ", ctx->out);
		bf_put_col(ctx->out, s[e].goods_note[0] ? s[e].goods_note : "-", 12);
		fprintf(ctx->out, "%s\n", fy);
	}
	return 0;
}

static int standard_set(struct bf_ctx *ctx, int argc, char **argv)
{
	if (argc < 2 || argv[1][0] == '-') {
		ERR(ctx, "standard", "%s",
		    _("name the event: hospital, wedding, birthday, "
		      "relative_death, death or family_hospital"));
		return 2;
	}
	int e = bf_event_parse(argv[1]);
	if (e < 0) {
		ERR(ctx, "standard", _("unknown event \"%s\""), argv[1]);
		return 2;
	}
	long year = today_year(ctx);
	const char *v = bf_arg_value(argc, argv, "--year");
	if (v && !int_opt(ctx, "standard", "--year", v, 1900, 2199, &year))
		return 2;
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	struct bf_consolation_standard s[BF_EV_COUNT];
	bf_error err = {{0}};
	if (bf_consolation_standards(&ctx->db, (int)year, s, NULL, &err) != 0) {
		ERR(ctx, "standard", "%s", err.msg);
		return 1;
	}
	struct bf_consolation_standard *x = &s[e];
	x->year = (int)year;
	if ((v = bf_arg_value(argc, argv, "--cash")) &&
	    !money_opt(ctx, "standard", "--cash", v, &x->cash))
		return 2;
	if ((v = bf_arg_value(argc, argv, "--goods")) &&
	    !money_opt(ctx, "standard", "--goods", v, &x->goods))
		return 2;
	if ((v = bf_arg_value(argc, argv, "--goods-note")))
		bf_strlcpy(x->goods_note, v, sizeof x->goods_note);
	if (bf_arg_flag(argc, argv, "--manual"))
		x->manual = true;
	if (bf_arg_flag(argc, argv, "--fixed"))
		x->manual = false;
	if (bf_consolation_standard_save(&ctx->db, x, &err) != 0) {
		ERR(ctx, "standard", "%s", err.msg);
		return 1;
	}
	fprintf(ctx->out, _("%s in %ld: cash %s, goods %s%s\n"), bf_event_label((enum bf_event)e),
	        year, x->manual ? _("by hand") : fen_text(x->cash), fen_text(x->goods),
	        x->manual ? _(" (amount entered each time)") : "");
	return 0;
}

int bf_cmd_standard(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *sub = argc >= 2 ? argv[1] : "";
	if (!strcmp(sub, "list"))
		return standard_list(ctx, argc - 1, argv + 1);
	if (!strcmp(sub, "set"))
		return standard_set(ctx, argc - 1, argv + 1);
	fprintf(ctx->err, _("Usage: bangfu standard list [--year Y]\n"
	                    "       bangfu standard set EVENT [--year Y] [--cash YUAN] [--goods "
	                    "YUAN] [--goods-note TEXT] [--manual|--fixed]\n"));
	return 2;
}

/* ---- bangfu consolation ------------------------------------------------------------- */

static int consolation_record(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *cmd = "consolation record";
	const char *num = bf_arg_value(argc, argv, "--case");
	const char *ev = bf_arg_value(argc, argv, "--event");
	if (!num || !ev) {
		ERR(ctx, cmd, "%s", _("--case NUMBER and --event EVENT are required"));
		return 2;
	}
	int e = bf_event_parse(ev);
	if (e < 0) {
		ERR(ctx, cmd,
		    _("unknown event \"%s\" (hospital, wedding, birthday, relative_death, "
		      "death, family_hospital)"),
		    ev);
		return 2;
	}
	bf_date date = ctx->today;
	const char *v;
	if ((v = bf_arg_value(argc, argv, "--date")) && !date_opt(ctx, cmd, "--date", v, &date))
		return 2;
	int rel = -1;
	if ((v = bf_arg_value(argc, argv, "--relation")) && (rel = relation_opt(ctx, cmd, v)) < 0)
		return 2;
	bf_fen amount = 0;
	if ((v = bf_arg_value(argc, argv, "--amount")) &&
	    !money_opt(ctx, cmd, "--amount", v, &amount))
		return 2;
	int decide = 0;
	if ((v = bf_arg_value(argc, argv, "--decide"))) {
		if (!strcmp(v, "approve"))
			decide = 1;
		else if (!strcmp(v, "decline"))
			decide = -1;
		else {
			ERR(ctx, cmd, "%s", _("--decide takes approve or decline"));
			return 2;
		}
	}
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	bf_error err = {{0}};
	struct bf_consolation_result res;
	int64_t id = 0;
	int rc = bf_consolation_record(&ctx->db, num, (enum bf_event)e,
	                               bf_arg_value(argc, argv, "--member"), rel, date, amount,
	                               bf_arg_flag(argc, argv, "--as-goods"), decide,
	                               bf_arg_value(argc, argv, "--reason"),
	                               bf_arg_value(argc, argv, "--note"), &id, &res, &err);
	if (rc != 0) {
		ERR(ctx, cmd, "%s", err.msg);
		return 1;
	}
	struct bf_consolation_rec r;
	if (bf_consolation_get(&ctx->db, id, &r, &err) != 0) {
		ERR(ctx, cmd, "%s", err.msg);
		return 1;
	}
	fprintf(ctx->out, _("Consolation %lld: %s, %s%s%s on %s: cash %s, goods %s%s%s%s\n"),
	        (long long)id, r.employee, bf_event_label(r.event), r.member[0] ? " — " : "",
	        r.member, r.date, fen_text(r.cash), fen_text(r.goods), r.goods_note[0] ? " (" : "",
	        r.goods_note, r.goods_note[0] ? ")" : "");
	if (!strcmp(r.status, "pending")) {
		fprintf(ctx->out,
		        _("Left to the union's discretion: %s\nDecide it with: bangfu consolation "
		          "decide %lld approve|decline --reason TEXT\n"),
		        r.discretion, (long long)id);
		return 3;
	}
	if (!strcmp(r.status, "declined"))
		fprintf(ctx->out, _("Declined: %s\n"), r.decision_reason);
	else if (r.discretion[0])
		fprintf(ctx->out, _("Approved at the union's discretion (%s): %s\n"), r.discretion,
		        r.decision_reason);
	return 0;
}

static int consolation_list(struct bf_ctx *ctx, int argc, char **argv)
{
	long year = 0;
	const char *v = bf_arg_value(argc, argv, "--year");
	if (v && !int_opt(ctx, "consolation list", "--year", v, 1900, 2199, &year))
		return 2;
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	struct bf_consolation_rec *rows;
	size_t n;
	bf_error err = {{0}};
	if (bf_consolation_list(&ctx->db, (int)year, bf_arg_value(argc, argv, "--case"), &rows, &n,
	                        &err) != 0) {
		ERR(ctx, "consolation list", "%s", err.msg);
		return 1;
	}
	bool json = bf_arg_flag(argc, argv, "--json");
	struct bf_json j;
	if (json) {
		bf_json_init(&j, ctx->out, true);
		bf_json_array(&j, NULL);
	} else {
		bf_put_col(ctx->out, "#", 6);
		bf_put_col(ctx->out, _("Date"), 12);
		bf_put_col(ctx->out, _("File"), 11);
		bf_put_col(ctx->out, _("Employee"), 10);
		bf_put_col(ctx->out, _("Event"), 24);
		bf_put_col(ctx->out, _("Relative"), 10);
		bf_put_col_right(ctx->out, _("Cash"), 10);
		bf_put_col_right(ctx->out, _("Goods"), 10);
		fputs("  ", ctx->out);
		bf_put_col(ctx->out, _("Status"), 10);
		fputs(_("Paid"), ctx->out);
		fputc('\n', ctx->out);
	}
	for (size_t i = 0; i < n; i++) {
		struct bf_consolation_rec *r = &rows[i];
		if (json) {
			bf_json_object(&j, NULL);
			bf_json_int(&j, "id", r->id);
			bf_json_str(&j, "date", r->date);
			bf_json_str(&j, "file", r->case_number);
			bf_json_str(&j, "employee", r->employee);
			bf_json_str(&j, "event", bf_event_code(r->event));
			bf_json_str(&j, "member", r->member[0] ? r->member : NULL);
			bf_json_str(&j, "relation",
			            r->relation >= 0 ? bf_enum_code(BF_ENUM_RELATION, r->relation)
			                             : NULL);
			bf_json_int(&j, "cash_fen", r->cash);
			bf_json_int(&j, "goods_fen", r->goods);
			bf_json_str(&j, "goods_note", r->goods_note[0] ? r->goods_note : NULL);
			bf_json_str(&j, "status", r->status);
			bf_json_str(&j, "discretion", r->discretion[0] ? r->discretion : NULL);
			bf_json_str(&j, "decision_reason",
			            r->decision_reason[0] ? r->decision_reason : NULL);
			bf_json_str(&j, "paid_on", r->paid_on[0] ? r->paid_on : NULL);
			bf_json_object_end(&j);
		} else {
			char idb[16];
			snprintf(idb, sizeof idb, "%lld", (long long)r->id);
			bf_put_col(ctx->out, idb, 6);
			bf_put_col(ctx->out, r->date, 12);
			bf_put_col(ctx->out, r->case_number, 11);
			bf_put_col(ctx->out, r->employee, 10);
			bf_put_col(ctx->out, bf_event_label(r->event), 24);
			bf_put_col(ctx->out, r->member[0] ? r->member : "-", 10);
			bf_put_col_right(ctx->out, fen_text(r->cash), 10);
			bf_put_col_right(ctx->out, fen_text(r->goods), 10);
			fputs("  ", ctx->out);
			bf_put_col(ctx->out, word(r->status), 10);
			fprintf(ctx->out, "%s\n", r->paid_on[0] ? r->paid_on : "-");
		}
	}
	if (json) {
		bf_json_array_end(&j);
		bf_json_finish(&j);
	}
	free(rows);
	return 0;
}

static int consolation_decide(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *cmd = "consolation decide";
	if (argc < 3 || (strcmp(argv[2], "approve") != 0 && strcmp(argv[2], "decline") != 0)) {
		ERR(ctx, cmd, "%s",
		    _("usage: bangfu consolation decide ID approve|decline --reason TEXT"));
		return 2;
	}
	long id;
	if (!int_opt(ctx, cmd, "ID", argv[1], 1, 2147483647L, &id))
		return 2;
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	bf_error err = {{0}};
	if (bf_consolation_decide(&ctx->db, id, !strcmp(argv[2], "approve"),
	                          bf_arg_value(argc, argv, "--reason"), &err) != 0) {
		ERR(ctx, cmd, "%s", err.msg);
		return 1;
	}
	fprintf(ctx->out, _("Consolation %ld: %s.\n"), id,
	        !strcmp(argv[2], "approve") ? _("approved") : _("declined"));
	return 0;
}

/* --signer, --relation, --phone, --date, --amount into p. */
static bool payment_opts(struct bf_ctx *ctx, const char *cmd, int argc, char **argv,
                         struct bf_payment_in *p)
{
	memset(p, 0, sizeof *p);
	p->paid = true;
	p->amount = -1;
	p->paid_on = bf_arg_value(argc, argv, "--date");
	if (!p->paid_on)
		p->paid_on = today_text(ctx);
	p->signer = bf_arg_value(argc, argv, "--signer");
	p->phone = bf_arg_value(argc, argv, "--phone");
	const char *v = bf_arg_value(argc, argv, "--relation");
	p->relation = v ? relation_opt(ctx, cmd, v) : BF_REL_SELF;
	if (p->relation < 0)
		return false;
	if ((v = bf_arg_value(argc, argv, "--amount")) &&
	    !money_opt(ctx, cmd, "--amount", v, &p->amount))
		return false;
	return true;
}

static int consolation_pay(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *cmd = "consolation pay";
	long id;
	if (argc < 2 || !int_opt(ctx, cmd, "ID", argv[1], 1, 2147483647L, &id))
		return 2;
	struct bf_payment_in p;
	if (!payment_opts(ctx, cmd, argc, argv, &p))
		return 2;
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	bf_error err = {{0}};
	if (bf_consolation_pay(&ctx->db, id, &p, &err) != 0) {
		ERR(ctx, cmd, "%s", err.msg);
		return 1;
	}
	fprintf(ctx->out, _("Consolation %ld paid on %s, signed by %s.\n"), id, p.paid_on,
	        p.signer);
	return 0;
}

int bf_cmd_consolation(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *sub = argc >= 2 ? argv[1] : "";
	if (!strcmp(sub, "record"))
		return consolation_record(ctx, argc - 1, argv + 1);
	if (!strcmp(sub, "list"))
		return consolation_list(ctx, argc - 1, argv + 1);
	if (!strcmp(sub, "decide"))
		return consolation_decide(ctx, argc - 1, argv + 1);
	if (!strcmp(sub, "pay"))
		return consolation_pay(ctx, argc - 1, argv + 1);
	fprintf(ctx->err,
	        _("Usage: bangfu consolation record --case NUMBER --event EVENT [--member NAME "
	          "[--relation R]] [--date D] [--amount YUAN] [--as-goods] [--decide "
	          "approve|decline --reason TEXT] [--note TEXT]\n"
	          "       bangfu consolation list [--year Y] [--case NUMBER] [--json]\n"
	          "       bangfu consolation decide ID approve|decline --reason TEXT\n"
	          "       bangfu consolation pay ID --signer NAME [--relation R] --phone P "
	          "[--date D] [--amount YUAN]\n"
	          "Events: hospital, wedding, birthday, relative_death, death, family_hospital.\n"
	          "Exit status 3: recorded, but waiting for a decision.\n"));
	return 2;
}

/* ---- bangfu campaign: create, list, show, groups ------------------------------------ */

static int campaign_create(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *cmd = "campaign create";
	struct bf_campaign *c = calloc(1, sizeof *c);
	if (!c)
		return 1;
	long year = today_year(ctx);
	const char *v = bf_arg_value(argc, argv, "--year");
	int rc = 2;
	if (v && !int_opt(ctx, cmd, "--year", v, 1900, 2199, &year))
		goto out;
	bf_campaign_init(c, (int)year);
	bf_strlcpy(c->name, (v = bf_arg_value(argc, argv, "--name")) ? v : "", sizeof c->name);
	bf_strlcpy(c->start_date, (v = bf_arg_value(argc, argv, "--from")) ? v : today_text(ctx),
	           sizeof c->start_date);
	bf_strlcpy(c->end_date, (v = bf_arg_value(argc, argv, "--to")) ? v : c->start_date,
	           sizeof c->end_date);
	if ((v = bf_arg_value(argc, argv, "--by")))
		bf_strlcpy(c->place_by, v, sizeof c->place_by);
	if ((v = bf_arg_value(argc, argv, "--note")))
		bf_strlcpy(c->note, v, sizeof c->note);
	/* --standard-groups: the union's groups (the seed's four kinds) with its standard */
	if (bf_arg_flag(argc, argv, "--standard-groups"))
		c->ngroups = bf_campaign_standard_groups(c->groups, BF_MAX_GROUPS);
	rc = 1;
	if (bf_ctx_open_db(ctx, false) != 0)
		goto out;
	bf_error err = {{0}};
	if (bf_campaign_save(&ctx->db, c, &err) != 0) {
		ERR(ctx, cmd, "%s", err.msg);
		goto out;
	}
	fprintf(ctx->out, _("Campaign %lld: %s (%d, %s to %s).\n"), (long long)c->id, c->name,
	        c->year, c->start_date, c->end_date);
	rc = 0;
out:
	free(c);
	return rc;
}

static int campaign_list(struct bf_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	struct bf_campaign_row *rows;
	size_t n;
	bf_error err = {{0}};
	if (bf_campaign_list(&ctx->db, &rows, &n, &err) != 0) {
		ERR(ctx, "campaign list", "%s", err.msg);
		return 1;
	}
	bf_put_col(ctx->out, "#", 5);
	bf_put_col(ctx->out, _("Name"), 28);
	bf_put_col(ctx->out, _("Year"), 6);
	bf_put_col(ctx->out, _("Period"), 24);
	bf_put_col(ctx->out, _("Status"), 10);
	bf_put_col_right(ctx->out, _("Listed"), 8);
	bf_put_col_right(ctx->out, _("Paid"), 8);
	bf_put_col_right(ctx->out, _("Budget"), 14);
	bf_put_col_right(ctx->out, _("Paid out"), 14);
	fputc('\n', ctx->out);
	for (size_t i = 0; i < n; i++) {
		struct bf_campaign_row *r = &rows[i];
		char a[24], b[48], d[24], e[24];
		snprintf(a, sizeof a, "%lld", (long long)r->id);
		bf_put_col(ctx->out, a, 5);
		bf_put_col(ctx->out, r->name, 28);
		snprintf(a, sizeof a, "%d", r->year);
		bf_put_col(ctx->out, a, 6);
		snprintf(b, sizeof b, "%s – %s", r->start_date, r->end_date);
		bf_put_col(ctx->out, b, 24);
		bf_put_col(ctx->out, word(r->status), 10);
		snprintf(d, sizeof d, "%lld", (long long)r->listed);
		snprintf(e, sizeof e, "%lld", (long long)r->paid);
		bf_put_col_right(ctx->out, d, 8);
		bf_put_col_right(ctx->out, e, 8);
		bf_put_col_right(ctx->out, fen_text(r->budget), 14);
		bf_put_col_right(ctx->out, fen_text(r->paid_total), 14);
		fputc('\n', ctx->out);
	}
	free(rows);
	return 0;
}

static void print_groups(struct bf_ctx *ctx, const struct bf_campaign *c)
{
	static const char *const tier[BF_TIERS] = {N_("1 person"), N_("2 persons"),
	                                           N_("3 or more")};
	fprintf(ctx->out, _("Campaign %lld: %s (%d, %s to %s, by %s) — %s\n"), (long long)c->id,
	        c->name, c->year, c->start_date, c->end_date, word(c->place_by), word(c->status));
	if (c->ngroups == 0)
		fprintf(ctx->out, "%s\n",
		        _("No target groups yet: bangfu campaign groups CAMPAIGN add "
		          "--label LABEL ... (or create it with --standard-groups)"));
	for (size_t i = 0; i < c->ngroups; i++) {
		const struct bf_campaign_group *g = &c->groups[i];
		char name[BF_TEXT_SZ], kind[BF_TEXT_SZ];
		bf_campaign_group_name(g, name, sizeof name);
		bf_campaign_group_kind_text(g, kind, sizeof kind);
		fprintf(ctx->out, "  %zu. %s [%s], %s%s\n", i + 1, name, kind,
		        bf_basis_label(g->basis),
		        g->requires_file ? _(", approved file required") : _(", no file required"));
		int tiers = g->basis == BF_BASIS_SIZE ? BF_TIERS : 1;
		for (int t = 0; t < tiers; t++) {
			char planned[64];
			bf_count_one_text(g->planned[t], bf_group_counts_households(g), planned,
			                  sizeof planned);
			fprintf(ctx->out, _("     %s%scash %s + goods %s = %s; planned %s\n"),
			        tiers > 1 ? _(tier[t]) : "", tiers > 1 ? ": " : "",
			        fen_text(g->cash[t]), fen_text(g->goods[t]),
			        fen_text(g->cash[t] + g->goods[t]), planned);
		}
		if (g->goods_note[0])
			fprintf(ctx->out, _("     goods: %s\n"), g->goods_note);
	}
}

/* Those placed in the campaign's groups by hand. */
static void print_placements(struct bf_ctx *ctx, const struct bf_campaign *c)
{
	struct bf_placement *p;
	size_t n;
	bf_error err = {{0}};
	if (bf_campaign_placements(&ctx->db, c->id, &p, &n, &err) != 0) {
		ERR(ctx, "campaign groups", "%s", err.msg);
		return;
	}
	if (n)
		fprintf(ctx->out, "%s\n", _("Placed in a group by hand:"));
	for (size_t i = 0; i < n; i++)
		fprintf(ctx->out, "  %d. %s: %s %s%s%s\n", p[i].group_pos + 1, p[i].group_label,
		        p[i].case_number, p[i].name, p[i].reason[0] ? " — " : "", p[i].reason);
	free(p);
}

/* Options of a group: --label --kind --level --basis --cash --goods
 * --goods-note --planned --file/--no-file. A new group needs a label or a
 * kind (whose name it then takes). */
static bool group_opts(struct bf_ctx *ctx, const char *cmd, int argc, char **argv,
                       struct bf_campaign_group *g, bool fresh)
{
	const char *v;
	const char *kv = bf_arg_value(argc, argv, "--kind");
	int kind = fresh ? -1 : g->kind, level = fresh ? -1 : g->level;
	if (kv && strcmp(kv, "none") != 0 && (kind = bf_group_kind_parse(kv)) < 0) {
		ERR(ctx, cmd, "%s",
		    _("--kind takes hardship, model_worker, migrant, special or none"));
		return false;
	}
	if (kv && strcmp(kv, "none") == 0)
		kind = -1;
	if ((v = bf_arg_value(argc, argv, "--level")) && (level = bf_model_level_parse(v)) < 0) {
		ERR(ctx, cmd, "%s", _("--level takes national, provincial or municipal"));
		return false;
	}
	if (kind != BF_GROUP_MODEL_WORKER)
		level = -1;
	if (fresh) {
		v = bf_arg_value(argc, argv, "--label");
		if (kind < 0 && (!v || bf_blank(v))) {
			ERR(ctx, cmd, "%s",
			    _("a new group needs --label (its name on the list and the sheets), or "
			      "a --kind whose name it takes"));
			return false;
		}
		bf_campaign_group_init(g, kind, level);
	} else if (kind != g->kind) {
		/* a new kind brings its file requirement's default */
		g->kind = kind;
		g->requires_file = kind != BF_GROUP_MODEL_WORKER;
	}
	g->level = level;
	if ((v = bf_arg_value(argc, argv, "--label")))
		bf_strlcpy(g->label, v, sizeof g->label);
	if ((v = bf_arg_value(argc, argv, "--goods-note")))
		bf_strlcpy(g->goods_note, v, sizeof g->goods_note);
	if ((v = bf_arg_value(argc, argv, "--basis"))) {
		int b = bf_basis_parse(v);
		if (b < 0) {
			ERR(ctx, cmd, "%s", _("--basis takes person, household or size"));
			return false;
		}
		g->basis = (enum bf_basis)b;
	}
	int k;
	if ((v = bf_arg_value(argc, argv, "--cash")) &&
	    !tiers_opt(ctx, cmd, "--cash", v, g->cash, &k))
		return false;
	if ((v = bf_arg_value(argc, argv, "--goods")) &&
	    !tiers_opt(ctx, cmd, "--goods", v, g->goods, &k))
		return false;
	if ((v = bf_arg_value(argc, argv, "--planned"))) {
		char buf[64];
		bf_strlcpy(buf, v, sizeof buf);
		int t = 0;
		for (char *save = NULL, *p = strtok_r(buf, "/", &save); p && t < BF_TIERS;
		     p = strtok_r(NULL, "/", &save)) {
			long x;
			if (!int_opt(ctx, cmd, "--planned", p, 0, 1000000, &x))
				return false;
			g->planned[t++] = (int)x;
		}
	}
	if (bf_arg_flag(argc, argv, "--no-file"))
		g->requires_file = false;
	if (bf_arg_flag(argc, argv, "--file"))
		g->requires_file = true;
	return true;
}

static int campaign_groups(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *cmd = "campaign groups";
	struct bf_campaign *c = calloc(1, sizeof *c);
	if (!c)
		return 1;
	int rc = campaign_arg(ctx, cmd, argc, argv, c);
	if (rc != 0)
		goto out;
	const char *op = argc >= 3 ? argv[2] : "";
	rc = 2;
	if (!strcmp(op, "add")) {
		if (c->ngroups >= BF_MAX_GROUPS) {
			ERR(ctx, cmd, _("at most %d target groups"), BF_MAX_GROUPS);
			goto out;
		}
		if (!group_opts(ctx, cmd, argc - 2, argv + 2, &c->groups[c->ngroups], true))
			goto out;
		c->ngroups++;
	} else if (!strcmp(op, "place") || !strcmp(op, "unplace")) {
		bf_error err = {{0}};
		int pos = argc >= 4 ? bf_campaign_group_find(c, argv[3], &err) : -1;
		const char *num = bf_arg_value(argc, argv, "--case");
		if (argc < 4 || pos < 0 || !num) {
			ERR(ctx, cmd, "%s",
			    pos < 0 && argc >= 4
			        ? err.msg
			        : _("place|unplace N|LABEL --case NUMBER [--reason TEXT]"));
			goto out;
		}
		rc = 1;
		if (bf_campaign_place(&ctx->db, c->id, pos, num,
		                      bf_arg_value(argc, argv, "--reason"), !strcmp(op, "unplace"),
		                      &err) != 0) {
			ERR(ctx, cmd, "%s", err.msg);
			goto out;
		}
		fprintf(ctx->out,
		        !strcmp(op, "place") ? _("File %s placed in group %d (%s).\n")
		                             : _("File %s taken out of group %d (%s).\n"),
		        num, pos + 1, c->groups[pos].label);
		rc = 0;
		goto out;
	} else if (!strcmp(op, "set") || !strcmp(op, "remove")) {
		long pos;
		bf_error err = {{0}};
		int found = argc >= 4 ? bf_campaign_group_find(c, argv[3], &err) : -1;
		if (found < 0) {
			ERR(ctx, cmd, "%s", argc >= 4 ? err.msg : _("set|remove N|LABEL"));
			goto out;
		}
		pos = found + 1;
		if (!strcmp(op, "remove")) {
			memmove(&c->groups[pos - 1], &c->groups[pos],
			        (c->ngroups - (size_t)pos) * sizeof c->groups[0]);
			c->ngroups--;
		} else if (!group_opts(ctx, cmd, argc - 3, argv + 3, &c->groups[pos - 1], false)) {
			goto out;
		}
	} else if (op[0]) {
		ERR(ctx, cmd, "%s", _("add, set N, remove N, place N or unplace N"));
		goto out;
	}
	rc = 1;
	bf_error err = {{0}};
	if (op[0] && bf_campaign_save(&ctx->db, c, &err) != 0) {
		ERR(ctx, cmd, "%s", err.msg);
		goto out;
	}
	if (op[0] && bf_campaign_load(&ctx->db, c->id, c, &err) != 0) {
		ERR(ctx, cmd, "%s", err.msg);
		goto out;
	}
	print_groups(ctx, c);
	print_placements(ctx, c);
	rc = 0;
out:
	free(c);
	return rc;
}

/* ---- draw, list, add back, remove ------------------------------------------------ */

static const char *recipient_state(const struct bf_recipient *r)
{
	if (!r->included)
		return bf_exclusion_label((enum bf_exclusion)bf_exclusion_parse(r->exclusion));
	if (!strcmp(r->paid_status, "paid"))
		return _("paid");
	if (!strcmp(r->paid_status, "not_paid"))
		return _("not paid");
	return r->add_back_reason[0] ? _("on the list (added back)") : _("on the list");
}

static int campaign_draw(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *cmd = "campaign draw";
	struct bf_campaign *c = calloc(1, sizeof *c);
	if (!c)
		return 1;
	int rc = campaign_arg(ctx, cmd, argc, argv, c);
	if (rc != 0)
		goto out;
	struct bf_draw_summary s;
	bf_error err = {{0}};
	rc = 1;
	struct bf_progress pr;
	fflush(ctx->err);
	bf_progress_start(&pr, stderr, _("Drawing (files read)"), 0);
	int drawn = bf_campaign_draw_progress(&ctx->db, c->id, &s, bf_progress_cb, &pr, &err);
	bf_progress_end(&pr);
	if (drawn != 0) {
		ERR(ctx, cmd, "%s", err.msg);
		goto out;
	}
	fprintf(ctx->out,
	        _("Drawn from %lld file(s): %lld household(s) meet a group, %lld on the list.\n"),
	        (long long)s.candidates, (long long)s.listed, (long long)s.included);
	fprintf(ctx->out,
	        _("  left out: %lld without an approved file, %lld aided last year, %lld "
	          "over the yearly cap, %lld taken off by hand\n"),
	        (long long)s.no_file, (long long)s.last_year, (long long)s.cap,
	        (long long)s.manual);
	fprintf(ctx->out,
	        _("  %lld meet several groups (aided once, at the highest standard); %lld "
	          "capped; %lld added back\n"),
	        (long long)s.multiple, (long long)s.capped, (long long)s.added_back);
	rc = 0;
out:
	free(c);
	return rc;
}

static void json_recipient(struct bf_json *j, const struct bf_recipient *r, bool reveal)
{
	char idm[40];
	if (reveal)
		bf_strlcpy(idm, r->id_number, sizeof idm);
	else
		bf_mask_id(r->id_number, idm, sizeof idm);
	bf_json_object(j, NULL);
	bf_json_str(j, "file", r->case_number);
	bf_json_str(j, "name", r->name);
	bf_json_str(j, "id_number", idm);
	bf_json_str(j, "unit", r->unit[0] ? r->unit : NULL);
	bf_json_str(j, "community", r->community[0] ? r->community : NULL);
	bf_json_int(j, "group", r->group_pos + 1);
	bf_json_str(j, "group_name", r->group_name);
	bf_json_str(j, "also_groups", r->also_groups[0] ? r->also_groups : NULL);
	bf_json_int(j, "household_size", r->household_size);
	bf_json_int(j, "standard_fen", r->standard);
	bf_json_int(j, "cash_fen", r->cash);
	bf_json_int(j, "goods_fen", r->goods);
	bf_json_bool(j, "capped", r->capped);
	bf_json_bool(j, "included", r->included);
	bf_json_str(j, "exclusion", r->exclusion[0] ? r->exclusion : NULL);
	bf_json_str(j, "exclusion_note", r->exclusion_note[0] ? r->exclusion_note : NULL);
	bf_json_str(j, "add_back_reason", r->add_back_reason[0] ? r->add_back_reason : NULL);
	bf_json_str(j, "paid_status", r->paid_status);
	bf_json_str(j, "paid_on", r->paid_on[0] ? r->paid_on : NULL);
	bf_json_object_end(j);
}

/* `campaign people --reveal`: the files of a page of the list. */
struct recipient_page {
	struct bf_ctx *ctx;
	int64_t campaign_id;
	const struct bf_recipient_filter *f;
	struct bf_recipient *rows;
	struct bf_recipient last; /* the next page continues after it */
	bool started;
};

static int recipient_ids(void *ud, int64_t off, int64_t *ids, int *k, bf_error *err)
{
	struct recipient_page *p = ud;
	(void)off; /* pages come in order: keyset, not offset */
	if (bf_recipient_rows(&p->ctx->db, p->campaign_id, p->f, p->started ? &p->last : NULL,
	                      false, BF_REVEAL_PAGE, p->rows, k, err) != 0)
		return -1;
	for (int i = 0; i < *k; i++)
		ids[i] = p->rows[i].case_id;
	if (*k > 0) {
		p->last = p->rows[*k - 1];
		p->started = true;
	}
	return 0;
}

static int campaign_recipients(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *cmd = "campaign list";
	struct bf_campaign *c = calloc(1, sizeof *c);
	struct bf_recipient *rows = malloc(256 * sizeof *rows);
	int64_t *shown = NULL; /* with --reveal: the files whose reveal was recorded */
	size_t nshown = 0;
	int rc = 1;
	if (!c || !rows)
		goto out;
	if ((rc = campaign_arg(ctx, cmd, argc, argv, c)) != 0)
		goto out;
	struct bf_recipient_filter f;
	bf_recipient_filter_init(&f);
	if (bf_arg_flag(argc, argv, "--left-out"))
		f.included = 0;
	else if (!bf_arg_flag(argc, argv, "--all"))
		f.included = 1;
	f.unit = bf_arg_value(argc, argv, "--unit");
	f.community = bf_arg_value(argc, argv, "--community");
	f.search = bf_arg_value(argc, argv, "--search");
	bool json = bf_arg_flag(argc, argv, "--json"), reveal = bf_arg_flag(argc, argv, "--reveal");
	bf_error err = {{0}};
	char purpose[96];
	snprintf(purpose, sizeof purpose, "campaign people %lld", (long long)c->id);
	struct recipient_page rp = {ctx, c->id, &f, rows, {0}, false};
	if (reveal && bf_cli_reveal_pages(ctx, recipient_ids, &rp, "all", purpose, &shown, &nshown,
	                                  &err) != 0) {
		ERR(ctx, cmd, "%s", err.msg);
		rc = 1;
		goto out;
	}
	struct bf_json j;
	if (json) {
		bf_json_init(&j, ctx->out, true);
		bf_json_array(&j, NULL);
	} else {
		bf_put_col(ctx->out, _("File"), 11);
		bf_put_col(ctx->out, _("Name"), 10);
		bf_put_col(ctx->out, _("ID number"), 20);
		bf_put_col(ctx->out, !strcmp(c->place_by, "community") ? _("Community") : _("Unit"),
		           12);
		bf_put_col(ctx->out, _("Group"), 24);
		bf_put_col_right(ctx->out, _("Persons"), 8);
		bf_put_col_right(ctx->out, _("Cash"), 10);
		bf_put_col_right(ctx->out, _("Goods"), 10);
		fputs("  ", ctx->out);
		fputs(_("State"), ctx->out);
		fputc('\n', ctx->out);
	}
	int64_t count = 0;
	bf_fen total = 0;
	struct bf_recipient last; /* each page continues after the last row */
	struct bf_recipient *after = NULL;
	for (;;) {
		int n;
		if (bf_recipient_rows(&ctx->db, c->id, &f, after, false, 256, rows, &n, &err) !=
		    0) {
			ERR(ctx, cmd, "%s", err.msg);
			rc = 1;
			goto out;
		}
		for (int i = 0; i < n; i++) {
			struct bf_recipient *r = &rows[i];
			bool full = reveal &&
			            bsearch(&r->case_id, shown, nshown, sizeof *shown, bf_cmp_i64);
			count++;
			if (r->included)
				total += r->cash + r->goods;
			if (json) {
				json_recipient(&j, r, full);
				continue;
			}
			char idm[40], hs[8];
			if (full)
				bf_strlcpy(idm, r->id_number, sizeof idm);
			else
				bf_mask_id(r->id_number, idm, sizeof idm);
			bf_put_col(ctx->out, r->case_number, 11);
			bf_put_col(ctx->out, r->name, 10);
			bf_put_col(ctx->out, idm, 20);
			bf_put_col(ctx->out,
			           !strcmp(c->place_by, "community")
			               ? (r->community[0] ? r->community : "-")
			               : (r->unit[0] ? r->unit : "-"),
			           12);
			char g[BF_TEXT_SZ + 16];
			snprintf(g, sizeof g, "%d %s%s", r->group_pos + 1, r->group_name,
			         r->also_groups[0] ? " +" : "");
			bf_put_col(ctx->out, g, 24);
			snprintf(hs, sizeof hs, "%d", r->household_size);
			bf_put_col_right(ctx->out, hs, 8);
			bf_put_col_right(ctx->out, fen_text(r->cash), 10);
			bf_put_col_right(ctx->out, fen_text(r->goods), 10);
			fprintf(ctx->out, "  %s%s\n", recipient_state(r),
			        r->capped ? _(" (capped)") : "");
		}
		if (n < 256)
			break;
		last = rows[n - 1];
		after = &last;
	}
	if (json) {
		bf_json_array_end(&j);
		bf_json_finish(&j);
	} else {
		fprintf(ctx->out, _("%lld household(s); on the list: %s yuan\n"), (long long)count,
		        fen_text(total));
	}
	rc = 0;
out:
	free(shown);
	free(c);
	free(rows);
	return rc;
}

static int campaign_change(struct bf_ctx *ctx, int argc, char **argv, const char *op)
{
	char cmd[48];
	snprintf(cmd, sizeof cmd, "campaign %s", op);
	struct bf_campaign *c = calloc(1, sizeof *c);
	if (!c)
		return 1;
	int rc = campaign_arg(ctx, cmd, argc, argv, c);
	if (rc != 0)
		goto out;
	const char *num = bf_arg_value(argc, argv, "--case");
	const char *reason = bf_arg_value(argc, argv, "--reason");
	rc = 2;
	if (!num) {
		ERR(ctx, cmd, "%s", _("--case NUMBER is required"));
		goto out;
	}
	bf_error err = {{0}};
	int r;
	if (!strcmp(op, "addback"))
		r = bf_recipient_add_back(&ctx->db, c->id, num, reason, &err);
	else if (!strcmp(op, "remove"))
		r = bf_recipient_remove(&ctx->db, c->id, num, reason, &err);
	else if (!strcmp(op, "restore"))
		r = bf_recipient_restore(&ctx->db, c->id, num, &err);
	else
		r = bf_recipient_set_community(&ctx->db, c->id, num,
		                               bf_arg_value(argc, argv, "--community"), &err);
	rc = 1;
	if (r != 0) {
		ERR(ctx, cmd, "%s", err.msg);
		goto out;
	}
	struct bf_recipient x;
	if (bf_recipient_find(&ctx->db, c->id, num, &x, &err) == 0)
		fprintf(ctx->out, "%s %s: %s%s%s\n", x.case_number, x.name, recipient_state(&x),
		        x.community[0] ? " — " : "", x.community);
	rc = 0;
out:
	free(c);
	return rc;
}

/* ---- budget ----------------------------------------------------------------------- */

static int campaign_budget(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *cmd = "campaign budget";
	struct bf_campaign *c = calloc(1, sizeof *c);
	if (!c)
		return 1;
	int rc = campaign_arg(ctx, cmd, argc, argv, c);
	if (rc != 0)
		goto out;
	struct bf_budget_line lines[BF_MAX_GROUPS * BF_TIERS * 4];
	size_t n;
	struct bf_budget_totals t;
	bool plan;
	bf_error err = {{0}};
	rc = 1;
	if (bf_campaign_budget(&ctx->db, c->id, lines, BF_ARRAY_LEN(lines), &n, &t, &plan, &err) !=
	    0) {
		ERR(ctx, cmd, "%s", err.msg);
		goto out;
	}
	if (bf_arg_flag(argc, argv, "--json")) {
		struct bf_json j;
		bf_json_init(&j, ctx->out, true);
		bf_json_object(&j, NULL);
		bf_json_str(&j, "campaign", c->name);
		bf_json_bool(&j, "from_plan", plan);
		bf_json_array(&j, "lines");
		for (size_t i = 0; i < n; i++) {
			bf_json_object(&j, NULL);
			bf_json_str(&j, "label", lines[i].label);
			bf_json_int(&j, "group", lines[i].group + 1);
			bf_json_int(&j, "count", lines[i].count);
			bf_json_str(&j, "counts", lines[i].households ? "households" : "people");
			bf_json_int(&j, "cash_fen", lines[i].cash);
			bf_json_int(&j, "goods_fen", lines[i].goods);
			bf_json_int(&j, "subtotal_fen", lines[i].subtotal);
			bf_json_object_end(&j);
		}
		bf_json_array_end(&j);
		bf_json_int(&j, "people", t.people);
		bf_json_int(&j, "households", t.households);
		bf_json_int(&j, "cash_fen", t.cash);
		bf_json_int(&j, "goods_fen", t.goods);
		bf_json_int(&j, "total_fen", t.total);
		bf_json_object_end(&j);
		bf_json_finish(&j);
	} else {
		fprintf(ctx->out, _("Budget of %s (%s):\n"), c->name,
		        plan ? _("planned numbers") : _("the drawn list"));
		for (size_t i = 0; i < n; i++) {
			const struct bf_budget_line *l = &lines[i];
			char count[64];
			bf_count_one_text(l->count, l->households, count, sizeof count);
			fputs("  ", ctx->out);
			bf_put_col(ctx->out, l->label, 34);
			bf_put_col_right(ctx->out, count, 14);
			fprintf(ctx->out, " × (%s + %s) = ", fen_text(l->cash), fen_text(l->goods));
			bf_put_col_right(ctx->out, fen_text(l->subtotal), 14);
			fputc('\n', ctx->out);
		}
		char fig[32], cap[128], count[96];
		bf_sheet_amounts(t.total, fig, cap);
		bf_count_text(t.people, t.households, count, sizeof count);
		fprintf(ctx->out, _("Total: %s, %s yuan (%s); cash %s, goods %s\n"), count, fig,
		        cap, fen_text(t.cash), fen_text(t.goods));
	}
	const char *x = bf_arg_value(argc, argv, "--xlsx");
	if (x) {
		bf_outfile *o = bf_cli_outfile(ctx, x, &err);
		int r = o ? bf_xlsx_campaign_budget(o, c, lines, n, &t, plan, &err) : -1;
		if (bf_outfile_finish(o, r, &err) != 0) {
			ERR(ctx, cmd, "%s", err.msg);
			goto out;
		}
		if (!bf_arg_flag(argc, argv, "--json"))
			fprintf(ctx->out, _("Written: %s\n"), x);
	}
	rc = 0;
out:
	free(c);
	return rc;
}

/* ---- sign-off sheet ---------------------------------------------------------------- */

static int campaign_sheet(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *cmd = "campaign sheet";
	struct bf_campaign *c = calloc(1, sizeof *c);
	struct bf_recipient *rows = NULL;
	char(*places)[BF_TEXT_SZ] = NULL;
	if (!c)
		return 1;
	int rc = campaign_arg(ctx, cmd, argc, argv, c);
	if (rc != 0)
		goto out;
	const char *unit = bf_arg_value(argc, argv, "--unit");
	const char *comm = bf_arg_value(argc, argv, "--community");
	const char *pdf = bf_arg_value(argc, argv, "--pdf");
	const char *xlsx = bf_arg_value(argc, argv, "--xlsx");
	bf_error err = {{0}};
	rc = 1;
	if (!unit && !comm) {
		size_t n;
		const char *by = c->place_by;
		if (bf_recipient_places(&ctx->db, c->id, by, &places, &n, &err) != 0) {
			ERR(ctx, cmd, "%s", err.msg);
			goto out;
		}
		fprintf(ctx->out,
		        _("Give --unit NAME or --community NAME; the list has these %s:\n"),
		        !strcmp(by, "community") ? _("communities") : _("units"));
		for (size_t i = 0; i < n; i++)
			fprintf(ctx->out, "  %s\n", places[i][0] ? places[i] : _("(not recorded)"));
		rc = 2;
		goto out;
	}
	if (!pdf && !xlsx) {
		ERR(ctx, cmd, "%s", _("give --xlsx FILE, --pdf FILE or both"));
		rc = 2;
		goto out;
	}
	struct bf_recipient_filter f;
	bf_recipient_filter_init(&f);
	f.included = 1;
	f.unit = unit;
	f.community = comm;
	int64_t count = 0;
	if (bf_recipient_count(&ctx->db, c->id, &f, &count, &err) != 0) {
		ERR(ctx, cmd, "%s", err.msg);
		goto out;
	}
	if (count == 0) {
		ERR(ctx, cmd, _("nobody on the list in %s"), unit ? unit : comm);
		goto out;
	}
	rows = malloc((size_t)count * sizeof *rows);
	int n = 0;
	if (!rows ||
	    bf_recipient_rows(&ctx->db, c->id, &f, NULL, false, (int)count, rows, &n, &err) != 0) {
		ERR(ctx, cmd, "%s", rows ? err.msg : "out of memory");
		goto out;
	}
	struct bf_unit u;
	bf_error ignore = {{0}};
	if (bf_unit_load(&ctx->db, &u, &ignore) != 0)
		memset(&u, 0, sizeof u);
	struct bf_signoff s = {.campaign = c,
	                       .union_name = u.union_name[0] ? u.union_name : u.name,
	                       .place_kind = unit ? "unit" : "community",
	                       .place = unit ? unit : comm,
	                       .rows = rows,
	                       .n = (size_t)n};
	int64_t people, households;
	char counted[96];
	bf_signoff_counts(&s, &people, &households);
	bf_count_text(people, households, counted, sizeof counted);
	struct bf_progress pr;
	s.progress = bf_progress_cb;
	s.progress_ud = &pr;
	if (xlsx) {
		bf_outfile *o = bf_cli_outfile(ctx, xlsx, &err);
		fflush(ctx->err);
		bf_progress_start(&pr, stderr, _("Sign-off sheet (rows)"), s.n);
		int r = o ? bf_xlsx_signoff_sheet(o, &s, &err) : -1;
		bf_progress_end(&pr);
		if (bf_outfile_finish(o, r, &err) != 0) {
			ERR(ctx, cmd, "%s", err.msg);
			goto out;
		}
		fprintf(ctx->out, _("Written: %s (%s)\n"), xlsx, counted);
	}
	if (pdf) {
		bf_outfile *o = bf_cli_outfile(ctx, pdf, &err);
		fflush(ctx->err);
		bf_progress_start(&pr, stderr, _("Sign-off sheet (rows, then pages)"), s.n);
		/* the footer's audit head and row count (issue 13) */
		int r = !o ? -1
		        : bf_audit_stamp(&ctx->db, &s.stamp, &err) != 0
		            ? -1
		            : bf_pdf_signoff_sheet(o, &s, &err);
		bf_progress_end(&pr);
		if (bf_outfile_finish(o, r, &err) != 0) {
			ERR(ctx, cmd, "%s", err.msg);
			goto out;
		}
		fprintf(ctx->out, _("Written: %s (%s)\n"), pdf, counted);
	}
	rc = 0;
out:
	free(places);
	free(rows);
	free(c);
	return rc;
}

/* ---- payments ---------------------------------------------------------------------- */

static char *read_whole(const char *path, size_t *len, bf_error *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		bf_error_set(err, "%s: %s", path, strerror(errno));
		return NULL;
	}
	size_t cap = 65536, n = 0;
	char *buf = malloc(cap);
	while (buf) {
		n += fread(buf + n, 1, cap - n, f);
		if (n < cap)
			break;
		cap *= 2;
		char *g = realloc(buf, cap);
		if (!g)
			free(buf);
		buf = g;
	}
	bool bad = !buf || ferror(f);
	fclose(f);
	if (bad) {
		bf_error_set(err, "%s: %s", path, buf ? "read error" : "out of memory");
		free(buf);
		return NULL;
	}
	*len = n;
	return buf;
}

/* The columns of a payments file; the first name is the one written in the
 * header by `campaign sheet`, the others are accepted too. */
enum {
	PC_FILE,
	PC_NAME,
	PC_AMOUNT,
	PC_SIGNER,
	PC_RELATION,
	PC_PHONE,
	PC_DATE,
	PC_PAID,
	PC_REASON,
	PC_COUNT
};
static const char *const pay_cols[PC_COUNT][4] = {
    [PC_FILE] = {"档案编号", "file", "number", NULL},
    [PC_NAME] = {"姓名", "name", NULL, NULL},
    [PC_AMOUNT] = {"金额", "amount", NULL, NULL},
    [PC_SIGNER] = {"签字人", "signer", "领取人", NULL},
    [PC_RELATION] = {"与户主关系", "relation", "关系", NULL},
    [PC_PHONE] = {"联系电话", "phone", "电话", NULL},
    [PC_DATE] = {"日期", "date", "发放日期", NULL},
    [PC_PAID] = {"是否发放", "paid", "发放", NULL},
    [PC_REASON] = {"未发放原因", "reason", "原因", NULL},
};

static int campaign_pay_file(struct bf_ctx *ctx, const struct bf_campaign *c, const char *path,
                             bool dry_run)
{
	const char *cmd = "campaign pay";
	bf_error err = {{0}};
	size_t len;
	char *raw = read_whole(path, &len, &err);
	if (!raw) {
		ERR(ctx, cmd, "%s", err.msg);
		return 1;
	}
	enum bf_encoding used;
	size_t tlen;
	char *text = bf_to_utf8_n(raw, len, BF_ENC_AUTO, &used, &tlen, &err);
	free(raw);
	struct bf_csv csv = {0};
	if (!text || bf_csv_parse_n(text, tlen, &csv, &err) != 0) {
		ERR(ctx, cmd, "%s: %s", path, err.msg);
		free(text);
		return 1;
	}
	free(text);
	int rc = 1;
	int col[PC_COUNT];
	for (int k = 0; k < PC_COUNT; k++)
		col[k] = -1;
	if (csv.nrows == 0) {
		ERR(ctx, cmd, _("%s is empty"), path);
		goto out;
	}
	struct bf_csv_row *h = &csv.rows[0];
	for (size_t i = 0; i < h->nfields; i++)
		for (int k = 0; k < PC_COUNT; k++)
			for (int a = 0; a < 4 && pay_cols[k][a]; a++)
				if (!strcmp(h->fields[i], pay_cols[k][a]))
					col[k] = (int)i;
	if (col[PC_FILE] < 0 || col[PC_SIGNER] < 0 || col[PC_PHONE] < 0) {
		ERR(ctx, cmd,
		    _("%s: the header needs the columns 档案编号 (file), 签字人 (signer) and "
		      "联系电话 (phone)"),
		    path);
		goto out;
	}
	/* log in (if need be) before the transaction: no lock while a
	 * password is typed */
	if (bf_store_require(&ctx->db, BF_PERM_CASE_EDIT, &err) != 0) {
		ERR(ctx, cmd, "%s", err.msg);
		goto out;
	}
	if (bf_db_begin(&ctx->db) != 0) {
		ERR(ctx, cmd, "%s", ctx->db.errmsg);
		goto out;
	}
	size_t problems = 0, paid = 0, not_paid = 0;
	bf_fen total = 0;
	for (size_t r = 1; r < csv.nrows; r++) {
		struct bf_csv_row *row = &csv.rows[r];
#define F(k) (col[k] >= 0 && (size_t)col[k] < row->nfields ? row->fields[col[k]] : "")
		struct bf_payment_in p;
		memset(&p, 0, sizeof p);
		p.paid = true;
		p.amount = -1;
		const char *pv = F(PC_PAID);
		if (pv[0] && (!strcmp(pv, "否") || !strcmp(pv, "no") || !strcmp(pv, "0") ||
		              !strcmp(pv, "n")))
			p.paid = false;
		p.not_paid_reason = F(PC_REASON);
		p.paid_on = F(PC_DATE)[0] ? F(PC_DATE) : today_text(ctx);
		p.signer = F(PC_SIGNER);
		p.phone = F(PC_PHONE);
		p.relation = F(PC_RELATION)[0] ? bf_enum_parse(BF_ENUM_RELATION, F(PC_RELATION))
		                               : BF_REL_SELF;
		const char *num = F(PC_FILE);
		bf_error e = {{0}};
		if (p.paid && p.relation < 0) {
			bf_error_set(&e, _("unknown relation \"%s\""), F(PC_RELATION));
		} else if (F(PC_AMOUNT)[0] && !bf_money_parse(F(PC_AMOUNT), 0, &p.amount, &e)) {
			/* e says why */
		} else {
			struct bf_recipient x;
			int fr = bf_recipient_find(&ctx->db, c->id, num, &x, &e);
			if (fr == 0 && F(PC_NAME)[0] && strcmp(F(PC_NAME), x.name) != 0)
				bf_error_set(&e, _("file %s is %s, not %s"), num, x.name,
				             F(PC_NAME));
			else if (fr == 0 && bf_campaign_pay(&ctx->db, c->id, num, &p, &e) == 0) {
				if (p.paid) {
					paid++;
					total += x.cash + x.goods;
				} else {
					not_paid++;
				}
				continue;
			}
		}
		problems++;
		fprintf(ctx->err, _("%s, line %zu (file %s): %s\n"), path, row->line, num, e.msg);
#undef F
	}
	if (problems || dry_run) {
		bf_db_rollback(&ctx->db);
		if (problems) {
			fprintf(ctx->err, _("%zu problem(s): nothing was recorded.\n"), problems);
			goto out;
		}
		fprintf(ctx->out,
		        _("Dry run: %zu payment(s) of %s yuan and %zu not paid would be "
		          "recorded.\n"),
		        paid, fen_text(total), not_paid);
		rc = 0;
		goto out;
	}
	if (bf_db_commit(&ctx->db) != 0) {
		ERR(ctx, cmd, "%s", ctx->db.errmsg);
		goto out;
	}
	fprintf(ctx->out, _("Recorded %zu payment(s) of %s yuan and %zu not paid.\n"), paid,
	        fen_text(total), not_paid);
	rc = 0;
out:
	bf_csv_free(&csv);
	return rc;
}

static int campaign_pay(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *cmd = "campaign pay";
	struct bf_campaign *c = calloc(1, sizeof *c);
	if (!c)
		return 1;
	int rc = campaign_arg(ctx, cmd, argc, argv, c);
	if (rc != 0)
		goto out;
	const char *file = bf_arg_value(argc, argv, "--file");
	if (file) {
		rc = campaign_pay_file(ctx, c, file, bf_arg_flag(argc, argv, "--dry-run"));
		goto out;
	}
	const char *num = bf_arg_value(argc, argv, "--case");
	rc = 2;
	if (!num) {
		ERR(ctx, cmd, "%s",
		    _("give --file PAYMENTS.csv, or --case NUMBER with --signer, "
		      "--relation and --phone (or --not-paid --reason TEXT)"));
		goto out;
	}
	struct bf_payment_in p;
	if (!payment_opts(ctx, cmd, argc, argv, &p))
		goto out;
	if (bf_arg_flag(argc, argv, "--not-paid")) {
		p.paid = false;
		p.not_paid_reason = bf_arg_value(argc, argv, "--reason");
	}
	bf_error err = {{0}};
	rc = 1;
	if (bf_campaign_pay(&ctx->db, c->id, num, &p, &err) != 0) {
		ERR(ctx, cmd, "%s", err.msg);
		goto out;
	}
	struct bf_recipient x;
	if (bf_recipient_find(&ctx->db, c->id, num, &x, &err) == 0)
		fprintf(ctx->out, "%s %s: %s%s%s\n", x.case_number, x.name, recipient_state(&x),
		        x.paid_on[0] ? " " : "", x.paid_on);
	rc = 0;
out:
	free(c);
	return rc;
}

/* ---- spot checks -------------------------------------------------------------------- */

static bool yes_no(const char *s, int *out)
{
	if (!s)
		return false;
	if (!strcmp(s, "yes") || !strcmp(s, "y") || !strcmp(s, "是") || !strcmp(s, "1")) {
		*out = 1;
		return true;
	}
	if (!strcmp(s, "no") || !strcmp(s, "n") || !strcmp(s, "否") || !strcmp(s, "0")) {
		*out = 0;
		return true;
	}
	return false;
}

static int campaign_spotcheck(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *cmd = "campaign spotcheck";
	const char *op = argc >= 2 ? argv[1] : "";
	if (strcmp(op, "draw") && strcmp(op, "list") && strcmp(op, "record")) {
		fprintf(
		    ctx->err,
		    _("Usage: bangfu campaign spotcheck draw CAMPAIGN [--percent P] [--seed N]\n"
		      "       bangfu campaign spotcheck list CAMPAIGN [--problems]\n"
		      "       bangfu campaign spotcheck record CAMPAIGN --case NUMBER --method "
		      "call|visit --reached yes|no [--confirmed yes|no] [--problem TEXT] [--date "
		      "D]\n"));
		return 2;
	}
	argc--;
	argv++;
	struct bf_campaign *c = calloc(1, sizeof *c);
	struct bf_spotcheck_item *items = NULL;
	if (!c)
		return 1;
	int rc = campaign_arg(ctx, cmd, argc, argv, c);
	if (rc != 0)
		goto out;
	bf_error err = {{0}};
	const char *v;
	rc = 2;
	if (!strcmp(op, "draw")) {
		long pct = 0;
		if ((v = bf_arg_value(argc, argv, "--percent")) &&
		    !int_opt(ctx, cmd, "--percent", v, 1, 100, &pct))
			goto out;
		uint64_t seed = 0;
		bool given = false;
		if ((v = bf_arg_value(argc, argv, "--seed"))) {
			char *end;
			errno = 0;
			seed = strtoull(v, &end, 10);
			if (errno || end == v || *end || v[0] == '-') {
				ERR(ctx, cmd, "%s",
				    _("--seed takes a whole number from 0 to "
				      "18446744073709551615"));
				goto out;
			}
			given = true;
		}
		struct bf_spotcheck sc;
		rc = 1;
		if (bf_spotcheck_draw_campaign(&ctx->db, c->id, (int)pct, given, seed, &sc, &err) !=
		    0) {
			ERR(ctx, cmd, "%s", err.msg);
			goto out;
		}
		fprintf(ctx->out,
		        _("Spot check drawn: %lld of %lld paid household(s), %d%% of each %s "
		          "(at least one), seed %s.\n"),
		        (long long)sc.drawn, (long long)sc.population, sc.percent,
		        word(sc.place_by), sc.seed);
		op = "list";
	}
	if (!strcmp(op, "record")) {
		const char *num = bf_arg_value(argc, argv, "--case");
		const char *method = bf_arg_value(argc, argv, "--method");
		int reached, confirmed = -1;
		if (!num || !method || !yes_no(bf_arg_value(argc, argv, "--reached"), &reached)) {
			ERR(ctx, cmd, "%s",
			    _("--case NUMBER, --method call|visit and --reached yes|no are "
			      "required"));
			goto out;
		}
		if ((v = bf_arg_value(argc, argv, "--confirmed")) && !yes_no(v, &confirmed)) {
			ERR(ctx, cmd, "%s", _("--confirmed takes yes or no"));
			goto out;
		}
		if (reached && confirmed < 0) {
			ERR(ctx, cmd, "%s",
			    _("the household was reached: say whether the amount was "
			      "confirmed (--confirmed yes|no)"));
			goto out;
		}
		rc = 1;
		v = bf_arg_value(argc, argv, "--date");
		if (bf_spotcheck_record(&ctx->db, c->id, num, method, v ? v : today_text(ctx),
		                        reached != 0, confirmed,
		                        bf_arg_value(argc, argv, "--problem"), &err) != 0) {
			ERR(ctx, cmd, "%s", err.msg);
			goto out;
		}
		fprintf(ctx->out, _("Recorded the %s of file %s.\n"),
		        !strcmp(method, "call") ? _("call") : _("visit"), num);
		rc = 0;
		goto out;
	}
	/* list */
	struct bf_spotcheck sc;
	size_t n;
	rc = 1;
	int lr = bf_spotcheck_load(&ctx->db, c->id, &sc, &items, &n, &err);
	if (lr != 0) {
		ERR(ctx, cmd, "%s", lr > 0 ? _("no spot check drawn yet") : err.msg);
		goto out;
	}
	bool only_problems = bf_arg_flag(argc, argv, "--problems");
	fprintf(ctx->out, _("Spot check of %s: seed %s, %d%%, %lld of %lld, drawn %s by %s\n"),
	        c->name, sc.seed, sc.percent, (long long)sc.drawn, (long long)sc.population,
	        sc.drawn_at, sc.drawn_by);
	size_t shown = 0, done = 0, bad = 0;
	for (size_t i = 0; i < n; i++) {
		struct bf_spotcheck_item *it = &items[i];
		bool problem = bf_spotcheck_item_has_problem(it);
		if (it->method[0])
			done++;
		if (problem)
			bad++;
		if (only_problems && !problem)
			continue;
		shown++;
		char ph[32];
		bf_mask_phone(it->phone, ph, sizeof ph);
		fputs("  ", ctx->out);
		bf_put_col(ctx->out, it->place[0] ? it->place : "-", 12);
		bf_put_col(ctx->out, it->case_number, 11);
		bf_put_col(ctx->out, it->name, 10);
		bf_put_col_right(ctx->out, fen_text(it->amount), 10);
		fputs("  ", ctx->out);
		bf_put_col(ctx->out, ph, 14);
		if (!it->method[0])
			fputs(_("not checked yet"), ctx->out);
		else
			fprintf(ctx->out, _("%s %s: %s, %s%s%s"), word(it->method), it->checked_on,
			        it->reached ? _("reached") : _("not reached"),
			        it->amount_confirmed == 1   ? _("amount confirmed")
			        : it->amount_confirmed == 0 ? _("amount NOT confirmed")
			                                    : _("amount not asked"),
			        it->problem[0] ? "; " : "", it->problem);
		fputc('\n', ctx->out);
	}
	fprintf(ctx->out, _("%zu checked of %zu; %zu with a problem\n"), done, n, bad);
	(void)shown;
	rc = 0;
out:
	free(items);
	free(c);
	return rc;
}

/* ---- ledger and reconciliation ------------------------------------------------------- */

static int cmp_ledger_number(const void *a, const void *b)
{
	const struct bf_ledger_row *x = *(const struct bf_ledger_row *const *)a,
	                           *y = *(const struct bf_ledger_row *const *)b;
	return strcmp(x->case_number, y->case_number);
}

/* `campaign ledger --reveal`: one reveal row per file paid (a file paid
 * twice is one file), in one transaction, purpose naming the export. */
static int reveal_ledger(struct bf_ctx *ctx, const struct bf_ledger_row *rows, size_t n,
                         const char *purpose, bf_error *err)
{
	const struct bf_ledger_row **by = malloc((n ? n : 1) * sizeof *by);
	struct bf_reveal *rv = malloc((n ? n : 1) * sizeof *rv);
	int rc = -1;
	if (!by || !rv) {
		bf_error_set(err, "%s", _("out of memory"));
		goto out;
	}
	for (size_t i = 0; i < n; i++)
		by[i] = &rows[i];
	qsort(by, n, sizeof *by, cmp_ledger_number);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && !strcmp(by[i]->case_number, by[i - 1]->case_number))
			continue;
		rv[k++] = (struct bf_reveal){
		    .case_number = by[i]->case_number, .field = "all", .purpose = purpose};
	}
	rc = bf_audit_reveal_many(&ctx->db, rv, k, err);
out:
	free(by);
	free(rv);
	return rc;
}

static int campaign_ledger(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *cmd = "campaign ledger";
	struct bf_ledger_filter f;
	memset(&f, 0, sizeof f);
	const char *v;
	bf_date d;
	if ((v = bf_arg_value(argc, argv, "--from"))) {
		if (!date_opt(ctx, cmd, "--from", v, &d))
			return 2;
		bf_strlcpy(f.from, v, sizeof f.from);
	}
	if ((v = bf_arg_value(argc, argv, "--to"))) {
		if (!date_opt(ctx, cmd, "--to", v, &d))
			return 2;
		bf_strlcpy(f.to, v, sizeof f.to);
	}
	if ((v = bf_arg_value(argc, argv, "--unit")))
		bf_strlcpy(f.unit, v, sizeof f.unit);
	if ((v = bf_arg_value(argc, argv, "--group")))
		bf_strlcpy(f.grp, v, sizeof f.grp);
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	bf_error err = {{0}};
	struct bf_campaign *c = NULL;
	struct bf_ledger_row *rows = NULL;
	struct bf_ledger_total *tm = NULL, *tu = NULL, *tg = NULL;
	size_t n = 0, nm = 0, nu = 0, ng = 0;
	int rc = 1;
	struct bf_reconcile_line recon[BF_MAX_GROUPS], total;
	size_t nrecon = 0;
	bool ok = true;
	if ((v = bf_arg_value(argc, argv, "--campaign"))) {
		c = calloc(1, sizeof *c);
		int64_t id;
		if (!c || bf_campaign_find(&ctx->db, v, &id, &err) != 0 ||
		    bf_campaign_load(&ctx->db, id, c, &err) != 0) {
			ERR(ctx, cmd, "%s", err.msg);
			goto out;
		}
		f.campaign_id = id;
		if (bf_campaign_reconcile(&ctx->db, id, recon, BF_ARRAY_LEN(recon), &nrecon, &total,
		                          &ok, &err) != 0) {
			ERR(ctx, cmd, "%s", err.msg);
			goto out;
		}
	} else if (bf_arg_flag(argc, argv, "--consolation")) {
		f.campaign_id = -1;
	}
	if (bf_ledger_rows(&ctx->db, &f, &rows, &n, &err) != 0 ||
	    bf_ledger_totals(&ctx->db, &f, BF_LEDGER_BY_MONTH, &tm, &nm, &err) != 0 ||
	    bf_ledger_totals(&ctx->db, &f, BF_LEDGER_BY_UNIT, &tu, &nu, &err) != 0 ||
	    bf_ledger_totals(&ctx->db, &f, BF_LEDGER_BY_GROUP, &tg, &ng, &err) != 0) {
		ERR(ctx, cmd, "%s", err.msg);
		goto out;
	}
	bool reveal = bf_arg_flag(argc, argv, "--reveal");
	if (reveal) {
		const char *x = bf_arg_value(argc, argv, "--xlsx");
		char purpose[1100];
		snprintf(purpose, sizeof purpose, "campaign ledger%s%s", x ? " " : "", x ? x : "");
		if ((x && bf_store_require(&ctx->db, BF_PERM_EXPORT_FULL, &err) != 0) ||
		    reveal_ledger(ctx, rows, n, purpose, &err) != 0) {
			ERR(ctx, cmd, "%s", err.msg);
			goto out;
		}
	}
	bf_fen cash = 0, goods = 0;
	for (size_t i = 0; i < n; i++) {
		struct bf_ledger_row *l = &rows[i];
		char idm[40];
		if (reveal)
			bf_strlcpy(idm, l->id_number, sizeof idm);
		else
			bf_mask_id(l->id_number, idm, sizeof idm);
		bf_put_col(ctx->out, l->paid_on, 11);
		bf_put_col(ctx->out, l->what, 26);
		bf_put_col(ctx->out, l->case_number, 11);
		bf_put_col(ctx->out, l->payee, 10);
		bf_put_col(ctx->out, idm, 20);
		bf_put_col(ctx->out, l->unit[0] ? l->unit : "-", 12);
		bf_put_col_right(ctx->out, fen_text(l->cash), 10);
		bf_put_col_right(ctx->out, fen_text(l->goods), 10);
		fprintf(ctx->out, "  %s\n", l->signer);
		cash += l->cash;
		goods += l->goods;
	}
	fprintf(ctx->out, _("%zu payment(s): cash %s, goods %s, total %s yuan\n"), n,
	        fen_text(cash), fen_text(goods), fen_text(cash + goods));
	struct {
		const char *title;
		struct bf_ledger_total *t;
		size_t n;
		bool grp;
	} blocks[] = {{_("By month"), tm, nm, false},
	              {_("By unit"), tu, nu, false},
	              {_("By group"), tg, ng, true}};
	for (size_t b = 0; b < BF_ARRAY_LEN(blocks); b++) {
		fprintf(ctx->out, "%s:\n", blocks[b].title);
		for (size_t i = 0; i < blocks[b].n; i++) {
			struct bf_ledger_total *t = &blocks[b].t[i];
			const char *key = blocks[b].grp ? bf_ledger_group_label(t->key) : t->key;
			fputs("  ", ctx->out);
			bf_put_col(ctx->out, key[0] ? key : _("(not recorded)"), 30);
			fprintf(ctx->out, "%6lld  ", (long long)t->count);
			bf_put_col_right(ctx->out, fen_text(t->cash + t->goods), 14);
			fputc('\n', ctx->out);
		}
	}
	if (c) {
		fprintf(ctx->out, _("Reconciliation with the budget of %s:\n"), c->name);
		for (size_t i = 0; i <= nrecon; i++) {
			struct bf_reconcile_line *l = i < nrecon ? &recon[i] : &total;
			fputs("  ", ctx->out);
			bf_put_col(ctx->out, l->group, 28);
			fputc(' ', ctx->out);
			fprintf(ctx->out,
			        _("budget %s = paid %s + not paid %s + pending %s; ledger %s\n"),
			        fen_text(l->budget), fen_text(l->paid), fen_text(l->not_paid),
			        fen_text(l->pending), fen_text(l->ledger));
		}
		fprintf(ctx->out, "%s\n",
		        ok ? _("The ledger reconciles with the budget.")
		           : _("The ledger does NOT reconcile with the budget."));
	}
	if ((v = bf_arg_value(argc, argv, "--xlsx"))) {
		char title[256]; /* printed documents are in Chinese (campaign_export.h) */
		if (c)
			snprintf(title, sizeof title, "资金台账（%s）", c->name);
		else
			bf_strlcpy(title, "资金台账", sizeof title);
		struct bf_ledger_export x = {.title = title,
		                             .rows = rows,
		                             .n = n,
		                             .by_month = tm,
		                             .n_month = nm,
		                             .by_unit = tu,
		                             .n_unit = nu,
		                             .by_group = tg,
		                             .n_group = ng,
		                             .recon = c ? recon : NULL,
		                             .n_recon = nrecon,
		                             .recon_total = c ? &total : NULL,
		                             .reveal = reveal};
		struct bf_progress pr;
		x.progress = bf_progress_cb;
		x.progress_ud = &pr;
		bf_outfile *o = bf_cli_outfile(ctx, v, &err);
		fflush(ctx->err);
		bf_progress_start(&pr, stderr, _("Ledger (payments)"), n);
		int r = o ? bf_xlsx_ledger(o, &x, &err) : -1;
		bf_progress_end(&pr);
		if (bf_outfile_finish(o, r, &err) != 0) {
			ERR(ctx, cmd, "%s", err.msg);
			goto out;
		}
		fprintf(ctx->out, _("Written: %s\n"), v);
	}
	rc = ok ? 0 : 4;
out:
	free(c);
	free(rows);
	free(tm);
	free(tu);
	free(tg);
	return rc;
}

static int campaign_show(struct bf_ctx *ctx, int argc, char **argv)
{
	struct bf_campaign *c = calloc(1, sizeof *c);
	if (!c)
		return 1;
	int rc = campaign_arg(ctx, "campaign show", argc, argv, c);
	if (rc == 0)
		print_groups(ctx, c);
	free(c);
	return rc;
}

static int campaign_close(struct bf_ctx *ctx, int argc, char **argv, bool closed)
{
	const char *cmd = closed ? "campaign close" : "campaign reopen";
	struct bf_campaign *c = calloc(1, sizeof *c);
	if (!c)
		return 1;
	int rc = campaign_arg(ctx, cmd, argc, argv, c);
	bf_error err = {{0}};
	if (rc == 0 && bf_campaign_set_closed(&ctx->db, c->id, closed, &err) != 0) {
		ERR(ctx, cmd, "%s", err.msg);
		rc = 1;
	}
	if (rc == 0)
		fprintf(ctx->out,
		        closed ? _("Campaign %s closed.\n") : _("Campaign %s reopened.\n"),
		        c->name);
	free(c);
	return rc;
}

/* Caps per person and the spot-check share (settings). */
static int campaign_caps(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *cmd = "campaign caps";
	static const struct {
		const char *opt, *key;
		bool money;
	} opts[] = {{"--per-payment", BF_SETTING_CAP_PAYMENT, true},
	            {"--per-year", BF_SETTING_CAP_YEAR, true},
	            {"--spotcheck-percent", BF_SETTING_SPOTCHECK_PERCENT, false}};
	char val[BF_ARRAY_LEN(opts)][32];
	bool given[BF_ARRAY_LEN(opts)];
	for (size_t i = 0; i < BF_ARRAY_LEN(opts); i++) {
		const char *v = bf_arg_value(argc, argv, opts[i].opt);
		given[i] = v != NULL;
		if (!v)
			continue;
		if (opts[i].money) {
			bf_fen f;
			if (!money_opt(ctx, cmd, opts[i].opt, v, &f))
				return 2;
			snprintf(val[i], sizeof val[i], "%lld", (long long)f);
		} else {
			long x;
			if (!int_opt(ctx, cmd, opts[i].opt, v, 1, 100, &x))
				return 2;
			snprintf(val[i], sizeof val[i], "%ld", x);
		}
	}
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	bf_error err = {{0}};
	for (size_t i = 0; i < BF_ARRAY_LEN(opts); i++)
		if (given[i] && bf_setting_set(&ctx->db, opts[i].key, val[i], &err) != 0) {
			ERR(ctx, cmd, "%s", err.msg);
			return 1;
		}
	struct bf_campaign_caps caps;
	bf_campaign_caps_load(&ctx->db, &caps);
	fprintf(ctx->out,
	        _("Cap per payment: %s; cap per person and year: %s; spot checks: %lld%%\n"),
	        caps.per_payment ? fen_text(caps.per_payment) : _("none"),
	        caps.per_year ? fen_text(caps.per_year) : _("none"),
	        (long long)bf_setting_int(&ctx->db, BF_SETTING_SPOTCHECK_PERCENT,
	                                  BF_SPOTCHECK_PERCENT_DEFAULT));
	return 0;
}

int bf_cmd_campaign(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *sub = argc >= 2 ? argv[1] : "";
	int n = argc - 1;
	char **v = argv + 1;
	if (!strcmp(sub, "create"))
		return campaign_create(ctx, n, v);
	if (!strcmp(sub, "list") && (argc < 3 || argv[2][0] == '-'))
		return campaign_list(ctx, n, v);
	if (!strcmp(sub, "list") || !strcmp(sub, "people"))
		return campaign_recipients(ctx, n, v);
	if (!strcmp(sub, "show"))
		return campaign_show(ctx, n, v);
	if (!strcmp(sub, "groups"))
		return campaign_groups(ctx, n, v);
	if (!strcmp(sub, "draw"))
		return campaign_draw(ctx, n, v);
	if (!strcmp(sub, "addback") || !strcmp(sub, "remove") || !strcmp(sub, "restore") ||
	    !strcmp(sub, "place"))
		return campaign_change(ctx, n, v, sub);
	if (!strcmp(sub, "budget"))
		return campaign_budget(ctx, n, v);
	if (!strcmp(sub, "sheet"))
		return campaign_sheet(ctx, n, v);
	if (!strcmp(sub, "pay"))
		return campaign_pay(ctx, n, v);
	if (!strcmp(sub, "spotcheck"))
		return campaign_spotcheck(ctx, n, v);
	if (!strcmp(sub, "ledger"))
		return campaign_ledger(ctx, n, v);
	if (!strcmp(sub, "caps"))
		return campaign_caps(ctx, n, v);
	if (!strcmp(sub, "close") || !strcmp(sub, "reopen"))
		return campaign_close(ctx, n, v, !strcmp(sub, "close"));
	fprintf(ctx->err,
	        _("Usage: bangfu campaign list\n"
	          "       bangfu campaign create --name NAME [--year Y] --from D --to D [--by "
	          "unit|community] [--standard-groups]\n"
	          "       bangfu campaign show|draw|close|reopen CAMPAIGN\n"
	          "       bangfu campaign groups CAMPAIGN [add --label TEXT | set N|LABEL | "
	          "remove N|LABEL] [--kind KIND|none] [--level L] [--basis person|household|size] "
	          "[--cash YUAN[/YUAN/YUAN]] [--goods YUAN[/...]] [--goods-note TEXT] [--planned "
	          "N[/N/N]] [--no-file|--file]\n"
	          "       bangfu campaign groups CAMPAIGN place|unplace N|LABEL --case NUMBER "
	          "[--reason TEXT]\n"
	          "       bangfu campaign people CAMPAIGN [--all|--left-out] [--unit X] "
	          "[--community X] [--json]\n"
	          "       bangfu campaign addback|remove CAMPAIGN --case NUMBER --reason TEXT\n"
	          "       bangfu campaign restore CAMPAIGN --case NUMBER\n"
	          "       bangfu campaign place CAMPAIGN --case NUMBER --community NAME\n"
	          "       bangfu campaign budget CAMPAIGN [--json] [--xlsx FILE]\n"
	          "       bangfu campaign sheet CAMPAIGN --unit X|--community X [--xlsx FILE] "
	          "[--pdf FILE]\n"
	          "       bangfu campaign pay CAMPAIGN --file PAYMENTS.csv [--dry-run]\n"
	          "       bangfu campaign pay CAMPAIGN --case NUMBER --signer NAME [--relation R] "
	          "--phone P [--date D] [--amount YUAN] | --not-paid --reason TEXT\n"
	          "       bangfu campaign spotcheck draw|list|record CAMPAIGN ...\n"
	          "       bangfu campaign ledger [--campaign C | --consolation] [--from D] [--to "
	          "D] [--unit X] [--group G] [--xlsx FILE] [--reveal]\n"
	          "       bangfu campaign caps [--per-payment YUAN] [--per-year YUAN] "
	          "[--spotcheck-percent P]   (0 = no cap)\n"
	          "CAMPAIGN is the campaign's number or name.\n"));
	return 2;
}
