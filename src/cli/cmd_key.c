/* cmd_key.c — the signing keys on the command line:
 *   bangfu key show                 this database's key fingerprint and the registered keys
 *   bangfu key export [FILE]        this database's public key file (stdout without FILE)
 *   bangfu key import FILE [--replace]   register the other side's key
 *   bangfu key sign FILE            FILE.sig: FILE signed with this database's key
 *                                   (the district signs an offline bundle's SHA256SUMS)
 *   bangfu key verify FILE [--key KEYFILE]   FILE.sig checked against the signer's
 *                                   registered key (or the key file given)
 * A unit gives its key file to the district, which registers it; the district
 * gives its own to its units. Fingerprints are read aloud on the phone to
 * check a key file came from who it says. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <sodium.h>
#include <string.h>

#include "bangfu/accounts.h"
#include "bangfu/cli.h"
#include "bangfu/package.h"
#include "bangfu/store.h"
#include "bangfu/submission_store.h"

static void usage(struct bf_ctx *ctx)
{
	fprintf(ctx->err, "%s",
	        _("Usage: bangfu key show\n"
	          "       bangfu key export [FILE]\n"
	          "       bangfu key import FILE [--replace]\n"
	          "       bangfu key sign FILE [--out SIGFILE]\n"
	          "       bangfu key verify FILE [--sig SIGFILE] [--key KEYFILE]\n"));
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

/* FILE.sig unless given. */
static void sig_path(const char *file, const char *given, char *buf, size_t n)
{
	if (given)
		bf_strlcpy(buf, given, n);
	else
		snprintf(buf, n, "%s.sig", file);
}

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

static int cmd_sign(struct bf_ctx *ctx, const char *path, const char *out)
{
	bf_error err = {{0}};
	/* Signing speaks for this database's key, as an export does. */
	if (bf_store_require(&ctx->db, BF_PERM_EXPORT_FULL, &err) != 0)
		return fail(ctx, "sign", &err);
	struct bf_unit u;
	if (bf_unit_load(&ctx->db, &u, &err) != 0)
		return fail(ctx, "sign", &err);
	if (bf_blank(u.code)) {
		bf_error_set(&err, "%s",
		             _("The unit has no code: set it first (the unit's details, or bangfu "
		               "init --code CODE); packages and keys are known by it."));
		return fail(ctx, "sign", &err);
	}
	char *buf;
	size_t len;
	if (bf_pkg_read_file(path, &buf, &len, &err) != 0)
		return fail(ctx, "sign", &err);
	uint8_t pk[32], sk[64];
	if (bf_key_secret(&ctx->db, pk, sk, &err) != 0) {
		free(buf);
		return fail(ctx, "sign", &err);
	}
	char *sig = bf_filesig_write(base_name(path), buf, len, u.code, u.name, pk, sk);
	sodium_memzero(sk, sizeof sk);
	free(buf);
	if (!sig) {
		bf_error_set(&err,
		             _("%s: the file name or the unit's name cannot be signed (a line "
		               "break or control character)"),
		             path);
		return fail(ctx, "sign", &err);
	}
	char dest[1100];
	sig_path(path, out, dest, sizeof dest);
	int rc = bf_pkg_write_file(dest, sig, strlen(sig), &err);
	free(sig);
	if (rc != 0)
		return fail(ctx, "sign", &err);
	char fp[24];
	bf_pkg_fingerprint(pk, fp);
	fprintf(ctx->out, _("Signed %s as %s (%s), fingerprint %s: %s\n"), path, u.name, u.code, fp,
	        dest);
	return 0;
}

/* The key the signature must have been made with: the key file given, else
 * the key registered for the signer's code, else this database's own. */
static int trusted_signer(struct bf_ctx *ctx, const struct bf_filesig *s, const char *keyfile,
                          uint8_t pk[32], char *who, size_t n, bf_error *err)
{
	if (keyfile) {
		char *buf;
		size_t len;
		if (bf_pkg_read_file(keyfile, &buf, &len, err) != 0)
			return -1;
		struct bf_pkg_keyfile k;
		int rc = bf_pkg_keyfile_read(buf, len, &k, err);
		free(buf);
		if (rc != 0)
			return -1;
		memcpy(pk, k.pk, 32);
		snprintf(who, n, "%s (%s)", k.name, k.code);
		return 0;
	}
	if (bf_ctx_open_db(ctx, false) != 0) {
		bf_error_set(err, "%s", _("no database to find the signer's key in (give --key)"));
		return -1;
	}
	char name[128] = "";
	int rc = bf_key_trusted(&ctx->db, s->code, pk, name, sizeof name, err);
	if (rc < 0)
		return -1;
	if (rc == 0) {
		snprintf(who, n, "%s (%s)", name, s->code);
		return 0;
	}
	struct bf_unit u;
	if (bf_unit_load(&ctx->db, &u, err) == 0 && !strcmp(u.code, s->code) &&
	    bf_key_public(&ctx->db, pk, err) == 0) {
		snprintf(who, n, "%s (%s)", u.name, u.code);
		return 0;
	}
	bf_error_set(err,
	             _("signed by %s (%s), whose key is not registered in this database: register "
	               "the district's key first (bangfu key import), or give --key"),
	             s->name, s->code);
	return -1;
}

static int cmd_verify(struct bf_ctx *ctx, const char *path, const char *sigfile,
                      const char *keyfile)
{
	bf_error err = {{0}};
	char sp[1100];
	sig_path(path, sigfile, sp, sizeof sp);
	char *data = NULL, *sig = NULL;
	size_t dlen, slen;
	if (bf_pkg_read_file(path, &data, &dlen, &err) != 0)
		return fail(ctx, "verify", &err);
	if (bf_pkg_read_file(sp, &sig, &slen, &err) != 0) {
		free(data);
		return fail(ctx, "verify", &err);
	}
	struct bf_filesig s;
	int rc = bf_filesig_verify(sig, slen, data, dlen, &s, &err);
	free(data);
	free(sig);
	if (rc != 0) {
		fprintf(ctx->err, _("bangfu key verify: %s: NOT VERIFIED: %s\n"), path, err.msg);
		return 1;
	}
	uint8_t want[32];
	char who[300];
	if (trusted_signer(ctx, &s, keyfile, want, who, sizeof who, &err) != 0) {
		fprintf(ctx->err, _("bangfu key verify: %s: NOT VERIFIED: %s\n"), path, err.msg);
		return 1;
	}
	char fp[24], wfp[24];
	bf_pkg_fingerprint(s.pk, fp);
	if (sodium_memcmp(want, s.pk, 32) != 0) {
		bf_pkg_fingerprint(want, wfp);
		fprintf(ctx->err,
		        _("bangfu key verify: %s: NOT VERIFIED: signed with the key %s, not with "
		          "the key of %s (%s)\n"),
		        path, fp, who, wfp);
		return 1;
	}
	fprintf(ctx->out, _("%s: verified, signed by %s, fingerprint %s\n"), path, who, fp);
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
	if (strcmp(sub, "show") && strcmp(sub, "export") && strcmp(sub, "import") &&
	    strcmp(sub, "sign") && strcmp(sub, "verify")) {
		usage(ctx);
		return 2;
	}
	if (!strcmp(sub, "import") && !arg) {
		usage(ctx);
		return 2;
	}
	if (!strcmp(sub, "sign") || !strcmp(sub, "verify")) {
		const char *out = bf_arg_value(argc, argv, "--out");
		const char *sigf = bf_arg_value(argc, argv, "--sig");
		const char *keyf = bf_arg_value(argc, argv, "--key");
		const char *file = NULL;
		for (int i = 2; i < argc; i++) {
			if (!strcmp(argv[i], "--out") || !strcmp(argv[i], "--sig") ||
			    !strcmp(argv[i], "--key")) {
				i++;
				continue;
			}
			if (argv[i][0] == '-' && argv[i][1]) {
				fprintf(ctx->err, _("bangfu key %s: unknown option \"%s\"\n"), sub,
				        argv[i]);
				return 2;
			}
			if (file) {
				usage(ctx);
				return 2;
			}
			file = argv[i];
		}
		if (!file || (!strcmp(sub, "sign") && (sigf || keyf)) ||
		    (!strcmp(sub, "verify") && out)) {
			usage(ctx);
			return 2;
		}
		if (!strcmp(sub, "verify"))
			return cmd_verify(ctx, file, sigf, keyf);
		if (bf_ctx_open_db(ctx, false) != 0)
			return 1;
		return cmd_sign(ctx, file, out);
	}
	if (bf_ctx_open_db(ctx, false) != 0)
		return 1;
	if (!strcmp(sub, "show"))
		return cmd_show(ctx);
	if (!strcmp(sub, "export"))
		return cmd_export(ctx, arg);
	return cmd_import(ctx, arg, bf_arg_flag(argc, argv, "--replace"));
}
