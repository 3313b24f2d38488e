/* actions.c — the action table and what is derived from it: key lookup,
 * key names, status-bar hints. The help screen is in help.c. */
#include "config.h"

#include <string.h>

#include "bangfu/ui_actions.h"

#define BF_UNPAREN(...) __VA_ARGS__
const struct bf_action_info bf_action_table[BF_ACT_COUNT] = {
    [BF_ACT_NONE] = {BF_ACT_NONE, "none", {0}, "", "", 0},
#define BF_ACT_ROW(id, keys, label, help, ctx) \
	[BF_ACT_##id] = {BF_ACT_##id, #id, {BF_UNPAREN keys, 0}, label, help, ctx},
    BF_ACTIONS(BF_ACT_ROW)
#undef BF_ACT_ROW
};

const struct bf_action_info *bf_action_info(enum bf_action a)
{
	return (a > BF_ACT_NONE && a < BF_ACT_COUNT) ? &bf_action_table[a] : &bf_action_table[0];
}

bool bf_action_key_usable(bf_key k, bool typing)
{
	return !(typing && bf_key_is_text(k));
}

static bool contains(const enum bf_action *v, size_t n, enum bf_action a)
{
	for (size_t i = 0; i < n; i++)
		if (v[i] == a)
			return true;
	return false;
}

size_t bf_action_collect(struct bf_action_set set, enum bf_action out[BF_ACT_COUNT])
{
	size_t n = 0;
	out[n++] = BF_ACT_HELP;
	for (size_t i = 0; set.acts && set.acts[i] != BF_ACT_NONE && n < BF_ACT_COUNT; i++)
		if (!contains(out, n, set.acts[i]))
			out[n++] = set.acts[i];
	for (int a = BF_ACT_NONE + 1; a < BF_ACT_COUNT && n < BF_ACT_COUNT; a++)
		if ((bf_action_table[a].ctx & BF_AC_GLOBAL) && !contains(out, n, (enum bf_action)a))
			out[n++] = (enum bf_action)a;
	return n;
}

enum bf_action bf_action_for_key(struct bf_action_set set, bf_key k)
{
	if (!bf_action_key_usable(k, set.typing))
		return BF_ACT_NONE;
	enum bf_action acts[BF_ACT_COUNT];
	size_t n = bf_action_collect(set, acts);
	for (size_t i = 0; i < n; i++) {
		const bf_key *keys = bf_action_table[acts[i]].keys;
		for (size_t j = 0; keys[j]; j++)
			if (keys[j] == k)
				return acts[i];
	}
	return BF_ACT_NONE;
}

void bf_action_key_label(enum bf_action a, bool typing, char *buf, size_t n)
{
	const bf_key *keys = bf_action_info(a)->keys;
	if (n)
		buf[0] = 0;
	for (size_t j = 0; keys[j]; j++) {
		if (bf_action_key_usable(keys[j], typing)) {
			bf_key_name(keys[j], buf, n);
			return;
		}
	}
}

void bf_action_keys_text(enum bf_action a, bool typing, char *buf, size_t n)
{
	const bf_key *keys = bf_action_info(a)->keys;
	size_t used = 0;
	if (n)
		buf[0] = 0;
	for (size_t j = 0; keys[j]; j++) {
		if (!bf_action_key_usable(keys[j], typing))
			continue;
		char name[32];
		bf_key_name(keys[j], name, sizeof name);
		int r = snprintf(buf + used, n - used, "%s%s", used ? ", " : "", name);
		if (r < 0 || (size_t)r >= n - used)
			return;
		used += (size_t)r;
	}
}

int bf_action_hints(struct bf_action_set set, int width, char *buf, size_t n)
{
	enum bf_action acts[BF_ACT_COUNT];
	size_t na = bf_action_collect(set, acts);
	size_t used = 0;
	int cols = 0;
	if (n)
		buf[0] = 0;
	for (size_t i = 0; i < na; i++) {
		char key[32], hint[160];
		bf_action_key_label(acts[i], set.typing, key, sizeof key);
		if (!key[0])
			continue;
		snprintf(hint, sizeof hint, "%s%s %s", cols ? "  " : "", key,
		         _(bf_action_table[acts[i]].label));
		int w = bf_str_width(hint);
		size_t len = strlen(hint);
		if (cols + w > width || used + len + 1 > n)
			break;
		memcpy(buf + used, hint, len + 1);
		used += len;
		cols += w;
	}
	return cols;
}
