/* cmd_holiday.c — the holiday calendar on the command line:
 *   bangfu holiday list [YEAR]               the years known, or one year's days
 *   bangfu holiday set DATE off|work [--name NAME]
 *   bangfu holiday clear DATE                back to the Monday-to-Friday rule
 *   bangfu holiday import FILE               the text format or iCalendar (.ics)
 * Reading needs no login; the changes need the settings permission (--user)
 * and are audited. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/cli.h"
#include "bangfu/holiday_store.h"
#include "bangfu/package.h"
#include "bangfu/store.h"

static void usage(struct bf_ctx *ctx)
{
	fprintf(ctx->err, "%s",
	        _("Usage: bangfu holiday list [YEAR]\n"
	          "       bangfu holiday set YYYY-MM-DD off|work [--name NAME]\n"
	          "       bangfu holiday clear YYYY-MM-DD\n"
	          "       bangfu holiday import FILE   (lines like 2027-01-01 off 元旦, as in "
	          "data/holidays.txt, or iCalendar .ics)\n"));
}

static int fail(struct bf_ctx *ctx, const char *cmd, const bf_error *err)
{
	fprintf(ctx->err, "bangfu holiday %s: %s\n", cmd, err->msg);
	return 1;
}

static int list_years(struct bf_ctx *ctx)
{
	struct bf_holiday_file f;
	bf_error err = {{0}};
	if (bf_holiday_list(&ctx->db, 0, &f, &err) != 0)
		return fail(ctx, "list", &err);
	for (size_t i = 0; i < f.nyears; i++) {
		int off = 0, work = 0;
		for (size_t k = 0; k < f.n; k++) {
			int y, m, d;
			bf_date_to_ymd(f.days[k].date, &y, &m, &d);
			if (y == f.years[i].year && f.days[k].kind == BF_DAY_WORKDAY)
				work++;
			else if (y == f.years[i].year)
				off++;
		}
		fprintf(ctx->out, _("%d  %d days off, %d working days  %s (changed %s)\n"),
		        f.years[i].year, off, work, f.years[i].note, f.years[i].updated_at);
	}
	int y, m, d;
	bf_date_to_ymd(ctx->today, &y, &m, &d);
	struct bf_calendar cal = {0};
	if (bf_calendar_load(&ctx->db, &cal, &err) == 0) {
		char warn[160];
		bf_calendar_warning(bf_calendar_year_due(&cal, ctx->today), warn, sizeof warn);
		if (warn[0])
			fprintf(ctx->err, "%s\n", warn);
	}
	bf_calendar_free(&cal);
	bf_holiday_file_free(&f);
	return 0;
}

static int list_year(struct bf_ctx *ctx, int year)
{
	struct bf_holiday_file f;
	bf_error err = {{0}};
	if (bf_holiday_list(&ctx->db, year, &f, &err) != 0)
		return fail(ctx, "list", &err);
	if (f.nyears)
		fprintf(ctx->out, _("%d: %s (changed %s)\n"), year, f.years[0].note,
		        f.years[0].updated_at);
	for (size_t i = 0; i < f.n; i++) {
		char date[11];
		bf_date_format(f.days[i].date, date);
		fprintf(ctx->out, "%s %s  ", date,
		        bf_weekday_label(bf_date_weekday(f.days[i].date)));
		bf_put_col(ctx->out, bf_day_kind_label(f.days[i].kind), 12);
		fprintf(ctx->out, " %s\n", f.days[i].name);
	}
	if (!f.nyears) {
		char warn[160];
		bf_calendar_warning(year, warn, sizeof warn);
		fprintf(ctx->err, "%s\n", warn);
	}
	bf_holiday_file_free(&f);
	return 0;
}

static int cmd_list(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *y = bf_arg_positional(argc, argv, 1, NULL);
	long year = 0;
	if (y) {
		char *end;
		year = strtol(y, &end, 10);
		if (*end || year < 1900 || year > 2199) {
			fprintf(ctx->err,
			        _("bangfu holiday list: YEAR: expected a year such as 2027, "
			          "not \"%s\"\n"),
			        y);
			return 2;
		}
	}
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	return year ? list_year(ctx, (int)year) : list_years(ctx);
}

static int cmd_set(struct bf_ctx *ctx, int argc, char **argv, bool clear)
{
	static const char *const opts[] = {"--name", NULL};
	const char *cmd = clear ? "clear" : "set";
	const char *ds = bf_arg_positional(argc, argv, 1, opts);
	const char *ks = bf_arg_positional(argc, argv, 2, opts);
	const char *name = bf_arg_value(argc, argv, "--name");
	bf_date d;
	enum bf_day_kind kind = BF_DAY_HOLIDAY;
	if (!ds || (clear ? ks != NULL : !ks) || (clear && name)) {
		usage(ctx);
		return 2;
	}
	if (!bf_date_parse(ds, &d)) {
		fprintf(ctx->err, _("bangfu holiday %s: DATE: expected YYYY-MM-DD, not \"%s\"\n"),
		        cmd, ds);
		return 2;
	}
	if (!clear && !bf_day_kind_parse(ks, &kind)) {
		fprintf(ctx->err, _("bangfu holiday set: expected off or work, not \"%s\"\n"), ks);
		return 2;
	}
	if (name && strlen(name) >= BF_HOLIDAY_NAME_SZ) {
		fprintf(ctx->err, _("bangfu holiday set: --name: at most %d bytes\n"),
		        BF_HOLIDAY_NAME_SZ - 1);
		return 2;
	}
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	bf_error err = {{0}};
	int rc = clear ? bf_holiday_remove(&ctx->db, d, &err)
	               : bf_holiday_set(&ctx->db, d, kind, name, &err);
	if (rc != 0)
		return fail(ctx, cmd, &err);
	if (clear)
		fprintf(ctx->out, _("%s follows the Monday-to-Friday rule again.\n"), ds);
	else
		fprintf(ctx->out, _("%s is now a %s%s%s.\n"), ds, bf_day_kind_label(kind),
		        name && *name ? " " : "", name ? name : "");
	return 0;
}

static int cmd_import(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *file = bf_arg_positional(argc, argv, 1, NULL);
	if (!file || bf_arg_positional(argc, argv, 2, NULL)) {
		usage(ctx);
		return 2;
	}
	char *buf;
	size_t len;
	bf_error err = {{0}};
	if (bf_pkg_read_file(file, &buf, &len, &err) != 0)
		return fail(ctx, "import", &err);
	struct bf_holiday_file f;
	const char *base = strrchr(file, '/') ? strrchr(file, '/') + 1 : file;
	int rc = bf_holiday_parse(buf, len, base, &f, &err);
	free(buf);
	if (rc != 0)
		return fail(ctx, "import", &err);
	if (bf_ctx_open_db(ctx, false) != 0) {
		bf_holiday_file_free(&f);
		return 1;
	}
	int changed, added;
	rc = bf_holiday_import(&ctx->db, &f, base, &changed, &added, &err);
	if (rc == 0) {
		fprintf(ctx->out,
		        _("%s: %zu days read; %d added or changed; %d years newly known.\n"), base,
		        f.n, changed, added);
		for (size_t i = 0; i < f.nyears; i++)
			fprintf(ctx->out, "  %d %s\n", f.years[i].year, f.years[i].note);
	}
	bf_holiday_file_free(&f);
	return rc ? fail(ctx, "import", &err) : 0;
}

int bf_cmd_holiday(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *sub = argc >= 2 ? argv[1] : "list";
	if (!strcmp(sub, "list"))
		return cmd_list(ctx, argc, argv);
	if (!strcmp(sub, "set") || !strcmp(sub, "clear"))
		return cmd_set(ctx, argc, argv, !strcmp(sub, "clear"));
	if (!strcmp(sub, "import"))
		return cmd_import(ctx, argc, argv);
	usage(ctx);
	return 2;
}
