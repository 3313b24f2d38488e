/* workflow.c — case states. */
#include "config.h"

#include <string.h>

#include "bangfu/workflow.h"

struct state_info {
	const char *code;
	const char *label;
};

#define BF_STATE_ROW(id, code, label) {code, label},
static const struct state_info states[] = {BF_STATES(BF_STATE_ROW)};
#undef BF_STATE_ROW

const char *bf_state_code(enum bf_state s)
{
	return (unsigned)s < BF_STATE_COUNT ? states[s].code : "";
}

const char *bf_state_label(enum bf_state s)
{
	return (unsigned)s < BF_STATE_COUNT ? _(states[s].label) : "";
}

int bf_state_parse(const char *code)
{
	for (int i = 0; i < BF_STATE_COUNT; i++)
		if (code && !strcmp(states[i].code, code))
			return i;
	return -1;
}

const char *bf_state_label_of(const char *code)
{
	int s = bf_state_parse(code);
	return s < 0 ? code : bf_state_label((enum bf_state)s);
}
