/* jsonw.h — a small streaming JSON writer (for --json output and files). */
#ifndef BANGFU_JSONW_H
#define BANGFU_JSONW_H

#include <stdio.h>

#include "bangfu/common.h"

struct bf_json {
	FILE *f;
	int depth;
	bool need_comma[32];
	bool pretty;
};

void bf_json_init(struct bf_json *j, FILE *f, bool pretty);
/* key is NULL inside arrays and at the top level. */
void bf_json_object(struct bf_json *j, const char *key);
void bf_json_object_end(struct bf_json *j);
void bf_json_array(struct bf_json *j, const char *key);
void bf_json_array_end(struct bf_json *j);
void bf_json_str(struct bf_json *j, const char *key, const char *val); /* NULL -> null */
void bf_json_int(struct bf_json *j, const char *key, int64_t v);
void bf_json_bool(struct bf_json *j, const char *key, bool v);
/* Ends the document with a newline. */
void bf_json_finish(struct bf_json *j);

#endif
