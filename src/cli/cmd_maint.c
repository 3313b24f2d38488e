/* cmd_maint.c — bangfu check, bangfu backup. */
#include "config.h"

#include <stdio.h>

#include "bangfu/cli.h"
#include "bangfu/progress.h"
#include "bangfu/store.h"

int bf_cmd_check(struct bf_ctx *ctx, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	char report[4096];
	bf_error err = {{0}};
	int rc = bf_store_check(&ctx->db, report, sizeof report, &err);
	if (rc < 0) {
		fprintf(ctx->err, "bangfu check: %s\n", err.msg);
		return 1;
	}
	fprintf(ctx->out, "%s", report);
	int removed = 0; /* at the start (bf_store_open) and now */
	if (bf_store_outdir_sweep(&ctx->db, &removed, &err) != 0)
		fprintf(ctx->err, "bangfu check: %s\n", err.msg);
	removed += ctx->db.swept_at_open;
	if (removed > 0)
		fprintf(ctx->out,
		        ngettext("Removed %d temporary file left by an interrupted write.\n",
		                 "Removed %d temporary files left by interrupted writes.\n",
		                 removed),
		        removed);
	if (rc == 0)
		fprintf(ctx->out, _("%s: the database is sound.\n"), ctx->db_path);
	else
		fprintf(ctx->out,
		        _("%s: PROBLEMS FOUND — make no changes; restore from a backup.\n"),
		        ctx->db_path);
	return rc == 0 ? 0 : 1;
}

/* The backup's pages, as the progress line's units. */
static void backup_progress(void *ud, int remaining, int total)
{
	if (total > 0)
		bf_progress_cb(ud, (size_t)(total - remaining), (size_t)total);
}

int bf_cmd_backup(struct bf_ctx *ctx, int argc, char **argv)
{
	if (argc < 2 || argv[1][0] == '-') {
		fprintf(ctx->err, _("Usage: bangfu [--force] backup PATH\n"));
		return 2;
	}
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	bf_error err = {{0}};
	struct bf_progress pr;
	fflush(ctx->err);
	bf_progress_start(&pr, stderr, _("Backing up (pages)"), 0);
	/* 1,024 pages a step: a progress line for a large database */
	int rc = bf_store_backup_progress(&ctx->db, argv[1], ctx->force ? BF_OUTFILE_FORCE : 0,
	                                  1024, backup_progress, &pr, &err);
	bf_progress_end(&pr);
	if (rc != 0) {
		fprintf(ctx->err, "bangfu backup: %s\n", err.msg);
		return 1;
	}
	fprintf(ctx->out, _("Backed up %s to %s.\n"), ctx->db_path, argv[1]);
	return 0;
}
