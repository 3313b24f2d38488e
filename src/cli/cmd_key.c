/* cmd_key.c — the signing keys on the command line:
 *   bangfu key show                 this database's key fingerprint and the registered keys
 *   bangfu key export [FILE]        this database's public key file (stdout without FILE)
 *   bangfu key import FILE [--replace]   register the other side's key
 * A unit gives its key file to the district, which registers it; the district
 * gives its own to its units. Fingerprints are read aloud on the phone to
 * check a key file came from who it says. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/cli.h"
#include "bangfu/package.h"
#include "bangfu/store.h"
#include "bangfu/submission_store.h"

static void usage(struct bf_ctx *ctx)
{
	fprintf(ctx->err, "%s",
	        _("Usage: bangfu key show\n"
	          "       bangfu key export [FILE]\n"
	          "       bangfu key import FILE [--replace]\n"));
}

static int fail(struct bf_ctx *ctx, const char *cmd, const bf_error *err)
{
	fprintf(ctx->err, "bangfu key %s: %s\n", cmd, err->msg);
	return 1;
}

static int cmd_show(struct bf_ctx *ctx)
{
	bf_error err = {{0}};
	uint8_t pk[32];
	if (bf_key_public(&ctx->db, pk, &err) != 0)
		return fail(ctx, "show", &err);
	char fp[24];
	bf_pkg_fingerprint(pk, fp);
	fprintf(ctx->out, _("This database's key: %s\n"), fp);
	bf_stmt st;
	if (bf_db_prepare(&ctx->db, &st,
	                  "SELECT code, name, kind, public_key, added_at, added_by FROM trusted_key"
	                  " ORDER BY code") != 0) {
		bf_db_error(&ctx->db, &err);
		return fail(ctx, "show", &err);
	}
	int n = 0;
	while (bf_step(&st) == SQLITE_ROW) {
		uint8_t k[32];
		if (n++ == 0)
			fprintf(ctx->out, "%s\n", _("Registered keys:"));
		if (bf_col_blob(&st, 3, k, 32) != 32)
			continue;
		bf_pkg_fingerprint(k, fp);
		bf_put_col(ctx->out, bf_col_text(&st, 0), 10);
		bf_put_col(ctx->out, bf_col_text(&st, 1), 30);
		bf_put_col(ctx->out,
		           !strcmp(bf_col_text(&st, 2), "district") ? _("district") : _("unit"),
		           10);
		fprintf(ctx->out, "%s  %s %s\n", fp, bf_col_text(&st, 4), bf_col_text(&st, 5));
	}
	bf_finalize(&st);
	if (n == 0)
		fprintf(ctx->out, "%s\n", _("No key of another side is registered yet."));
	return 0;
}

static int cmd_export(struct bf_ctx *ctx, const char *path)
{
	bf_error err = {{0}};
	char *text = NULL;
	bf_outfile *o = NULL;
	if (bf_key_export(&ctx->db, &text, &err) != 0)
		return fail(ctx, "export", &err);
	int rc = 0;
	if (!path) {
		fputs(text, ctx->out);
	} else if (!(o = bf_cli_outfile(ctx, path, &err)) ||
	           bf_outfile_finish(o, bf_outfile_write(o, text, strlen(text)), &err) != 0) {
		rc = fail(ctx, "export", &err);
	} else {
		uint8_t pk[32];
		char fp[24] = "";
		if (bf_key_public(&ctx->db, pk, &err) == 0)
			bf_pkg_fingerprint(pk, fp);
		fprintf(ctx->out, _("Wrote the public key file %s (fingerprint %s).\n"), path, fp);
	}
	free(text);
	return rc;
}

static int cmd_import(struct bf_ctx *ctx, const char *path, bool replace)
{
	bf_error err = {{0}};
	char *buf;
	size_t len;
	if (bf_pkg_read_file(path, &buf, &len, &err) != 0)
		return fail(ctx, "import", &err);
	struct bf_pkg_keyfile k;
	int rc = bf_pkg_keyfile_read(buf, len, &k, &err);
	free(buf);
	if (rc != 0) {
		fprintf(ctx->err, "bangfu key import: %s: %s\n", path, err.msg);
		return 1;
	}
	if (bf_key_trust(&ctx->db, &k, replace, &err) != 0)
		return fail(ctx, "import", &err);
	char fp[24];
	bf_pkg_fingerprint(k.pk, fp);
	fprintf(ctx->out, _("Registered the key of %s (%s), fingerprint %s.\n"), k.name, k.code,
	        fp);
	return 0;
}

int bf_cmd_key(struct bf_ctx *ctx, int argc, char **argv)
{
	const char *sub = argc >= 2 ? argv[1] : "";
	const char *arg = NULL;
	for (int i = 2; i < argc; i++)
		if (argv[i][0] != '-' || !argv[i][1]) {
			arg = argv[i];
			break;
		}
	if (strcmp(sub, "show") && strcmp(sub, "export") && strcmp(sub, "import")) {
		usage(ctx);
		return 2;
	}
	if (!strcmp(sub, "import") && !arg) {
		usage(ctx);
		return 2;
	}
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	if (!strcmp(sub, "show"))
		return cmd_show(ctx);
	if (!strcmp(sub, "export"))
		return cmd_export(ctx, arg);
	return cmd_import(ctx, arg, bf_arg_flag(argc, argv, "--replace"));
}
