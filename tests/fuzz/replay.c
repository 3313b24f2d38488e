/* replay.c — feeds every file of the fuzz corpus to LLVMFuzzerTestOneInput
 * (fuzz_package.c; fuzz_csv.c with BF_FUZZ_CORPUS "corpus-csv"), as a TAP
 * test: the corpus is a regression test that runs on every `make check`
 * (under ASan in CI) without libFuzzer.
 * Arguments: files or directories; none: $top_srcdir/tests/fuzz/corpus. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "bangfu/package.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* the corpus folder under tests/fuzz (the CSV harness's replay sets it) */
#ifndef BF_FUZZ_CORPUS
#define BF_FUZZ_CORPUS "corpus"
#endif

static int cmp(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add path (a file, or every file in a directory) to the list. */
static void collect(const char *path, char ***list, size_t *n, size_t *cap)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		printf("Bail out! cannot read %s\n", path);
		exit(1);
	}
	if (!S_ISDIR(st.st_mode)) {
		if (!bf_grow(list, cap, *n + 1, sizeof **list))
			exit(1);
		(*list)[(*n)++] = strdup(path);
		return;
	}
	DIR *d = opendir(path);
	if (!d) {
		printf("Bail out! cannot open %s\n", path);
		exit(1);
	}
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		size_t len = strlen(path) + strlen(e->d_name) + 2;
		char *full = malloc(len);
		snprintf(full, len, "%s/%s", path, e->d_name);
		collect(full, list, n, cap);
		free(full);
	}
	closedir(d);
}

int main(int argc, char **argv)
{
	char **list = NULL;
	size_t n = 0, cap = 0;
	if (argc > 1) {
		for (int i = 1; i < argc; i++)
			collect(argv[i], &list, &n, &cap);
	} else {
		const char *top = getenv("top_srcdir");
		char dir[4096];
		snprintf(dir, sizeof dir, "%s/tests/fuzz/" BF_FUZZ_CORPUS, top && *top ? top : ".");
		collect(dir, &list, &n, &cap);
	}
	qsort(list, n, sizeof *list, cmp);
	if (n == 0) {
		printf("Bail out! the corpus is empty\n");
		return 1;
	}
	printf("1..%zu\n", n);
	for (size_t i = 0; i < n; i++) {
		char *buf;
		size_t len;
		bf_error err;
		if (bf_pkg_read_file(list[i], &buf, &len, &err) != 0) {
			printf("not ok %zu - %s\n", i + 1, err.msg);
			free(list[i]);
			continue;
		}
		/* an exact-size copy, so a read past the end is caught */
		uint8_t *copy = malloc(len ? len : 1);
		memcpy(copy, buf, len);
		free(buf);
		LLVMFuzzerTestOneInput(copy, len); /* a broken rule traps */
		free(copy);
		const char *base = strrchr(list[i], '/');
		printf("ok %zu - %s\n", i + 1, base ? base + 1 : list[i]);
		free(list[i]);
	}
	free(list);
	return 0;
}
