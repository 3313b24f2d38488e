/* args.c — small argument helpers for subcommands. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bangfu/cli.h"
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
