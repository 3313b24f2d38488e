/* args.c — small argument helpers for subcommands. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/audit.h"
#include "bangfu/cli.h"
#include "bangfu/store.h"
#include "bangfu/ui_term.h"

const char *bf_arg_value(int argc, char **argv, const char *name)
{
	size_t len = strlen(name);
	for (int i = 1; i < argc; i++) {
		if (strcmp(argv[i], name) == 0)
			return i + 1 < argc ? argv[i + 1] : NULL;
		if (strncmp(argv[i], name, len) == 0 && argv[i][len] == '=')
			return argv[i] + len + 1;
	}
	return NULL;
}

bool bf_arg_flag(int argc, char **argv, const char *name)
{
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return true;
	return false;
}

bf_outfile *bf_cli_outfile(struct bf_ctx *ctx, const char *path, bf_error *err)
{
	return bf_store_outfile_open(&ctx->db, path, ctx->force ? BF_OUTFILE_FORCE : 0, err);
}

int bf_cmp_i64(const void *a, const void *b)
{
	int64_t x = *(const int64_t *)a, y = *(const int64_t *)b;
	return x < y ? -1 : x > y;
}

int bf_cli_reveal_pages(struct bf_ctx *ctx, bf_page_ids_fn page, void *ud, const char *field,
                        const char *purpose, int64_t **ids, size_t *nids, bf_error *err)
{
	int64_t *all = NULL;
	size_t n = 0, cap = 0;
	int rc = 0;
	for (int64_t off = 0; rc == 0;) {
		int k = 0;
		if (!bf_grow(&all, &cap, n + BF_REVEAL_PAGE, sizeof *all)) {
			bf_error_set(err, "%s", _("out of memory"));
			rc = -1;
		} else if ((rc = page(ud, off, all + n, &k, err)) == 0) {
			n += (size_t)k;
			off += k;
		}
		if (k < BF_REVEAL_PAGE)
			break;
	}
	struct bf_reveal *rv = rc == 0 ? malloc((n ? n : 1) * sizeof *rv) : NULL;
	if (rc == 0 && !rv) {
		bf_error_set(err, "%s", _("out of memory"));
		rc = -1;
	}
	for (size_t i = 0; rc == 0 && i < n; i++)
		rv[i] = (struct bf_reveal){.case_id = all[i], .field = field, .purpose = purpose};
	if (rc == 0)
		rc = bf_audit_reveal_many(&ctx->db, rv, n, err);
	free(rv);
	if (rc != 0) {
		free(all);
		return -1;
	}
	qsort(all, n, sizeof *all, bf_cmp_i64);
	*ids = all;
	*nids = n;
	return 0;
}

bool bf_prompt(struct bf_ctx *ctx, const char *question, const char *dflt, char *buf, size_t n)
{
	if (dflt && dflt[0])
		fprintf(ctx->out, "%s [%s]: ", question, dflt);
	else
		fprintf(ctx->out, "%s: ", question);
	fflush(ctx->out);
	if (!fgets(buf, (int)n, stdin))
		return false;
	buf[strcspn(buf, "\r\n")] = '\0';
	bf_trim(buf);
	if (!buf[0] && dflt)
		bf_strlcpy(buf, dflt, n);
	return true;
}

void bf_put_col(FILE *f, const char *s, int width)
{
	fputs(s, f);
	for (int w = bf_str_width(s); w < width; w++)
		fputc(' ', f);
}

void bf_put_col_right(FILE *f, const char *s, int width)
{
	for (int w = bf_str_width(s); w < width; w++)
		fputc(' ', f);
	fputs(s, f);
}

static bool takes_value(const char *opt, const char *const *value_opts)
{
	for (size_t i = 0; value_opts && value_opts[i]; i++)
		if (!strcmp(opt, value_opts[i]))
			return true;
	return false;
}

const char *bf_arg_positional(int argc, char **argv, int k, const char *const *value_opts)
{
	for (int i = 1; i < argc; i++) {
		if (argv[i][0] == '-' && argv[i][1] == '-') {
			if (!strchr(argv[i], '=') && takes_value(argv[i], value_opts))
				i++;
			continue;
		}
		if (k-- == 0)
			return argv[i];
	}
	return NULL;
}
