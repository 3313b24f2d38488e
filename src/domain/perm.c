/* perm.c — roles and the permission table. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bangfu/perm.h"

struct role_info {
	const char *code;
	const char *label;
};

#define BF_ROLE_ROW(id, code, label) {code, label},
static const struct role_info roles[BF_ROLE_END] = {{"", ""}, BF_ROLES(BF_ROLE_ROW)};
#undef BF_ROLE_ROW

struct perm_info {
	const char *code;
	const char *label;
	bool allowed[BF_ROLE_END]; /* indexed by enum bf_role; [0] (NONE) is false */
};

#define BF_PERM_ROW(id, code, label, c, r, a, d) {code, label, {0, c, r, a, d}},
static const struct perm_info perms[] = {BF_PERMS(BF_PERM_ROW)};
#undef BF_PERM_ROW

_Static_assert(BF_ROLE_END == 5, "BF_PERMS has one column per role: add the new role's column");
_Static_assert(sizeof perms / sizeof perms[0] == BF_PERM_COUNT, "one row per permission");

bool bf_perm_allowed(enum bf_role role, enum bf_perm perm)
{
	if ((unsigned)perm >= BF_PERM_COUNT || role <= BF_ROLE_NONE || role >= BF_ROLE_END)
		return false;
	return perms[perm].allowed[role];
}

bool bf_perm_allowed_at(enum bf_role role, enum bf_perm perm, bool district_db)
{
	if (bf_perm_allowed(role, perm))
		return true;
	return district_db && role == BF_ROLE_ADMIN && bf_perm_allowed(BF_ROLE_DISTRICT, perm);
}

bool bf_perm_any_at(enum bf_role role, unsigned perms, bool district_db)
{
	for (int p = 0; p < BF_PERM_COUNT; p++)
		if ((perms & (1u << p)) && bf_perm_allowed_at(role, (enum bf_perm)p, district_db))
			return true;
	return false;
}

bool bf_perm_any(enum bf_role role, unsigned perms)
{
	return bf_perm_any_at(role, perms, false);
}

const char *bf_role_code(enum bf_role r)
{
	return (r > BF_ROLE_NONE && r < BF_ROLE_END) ? roles[r].code : "";
}

const char *bf_role_label(enum bf_role r)
{
	return (r > BF_ROLE_NONE && r < BF_ROLE_END) ? _(roles[r].label) : "";
}

enum bf_role bf_role_parse(const char *code)
{
	for (int r = BF_ROLE_NONE + 1; r < BF_ROLE_END; r++)
		if (code && !strcmp(roles[r].code, code))
			return (enum bf_role)r;
	return BF_ROLE_NONE;
}

const char *bf_perm_code(enum bf_perm p)
{
	return (unsigned)p < BF_PERM_COUNT ? perms[p].code : "";
}

const char *bf_perm_label(enum bf_perm p)
{
	return (unsigned)p < BF_PERM_COUNT ? _(perms[p].label) : "";
}

int bf_perm_parse(const char *code)
{
	for (int p = 0; p < BF_PERM_COUNT; p++)
		if (code && !strcmp(perms[p].code, code))
			return p;
	return -1;
}

void bf_perm_who(unsigned perms, bool district_db, char *buf, size_t n)
{
	size_t len = 0;
	if (n)
		buf[0] = '\0';
	for (int r = BF_ROLE_NONE + 1; r < BF_ROLE_END && len < n; r++) {
		if (!bf_perm_any_at((enum bf_role)r, perms, district_db))
			continue;
		/* TRANSLATORS: separates role names in "(Reviewer, Union chair may)" */
		int w = snprintf(buf + len, n - len, "%s%s", len ? _(", ") : "",
		                 bf_role_label((enum bf_role)r));
		if (w < 0 || (size_t)w >= n - len) {
			buf[len] = '\0';
			break;
		}
		len += (size_t)w;
	}
}

void bf_perm_denied_at(enum bf_role role, enum bf_perm perm, bool district_db, char *buf, size_t n)
{
	if (role <= BF_ROLE_NONE || role >= BF_ROLE_END) {
		snprintf(buf, n, _("Nobody is logged in: to %s, log in first."),
		         bf_perm_label(perm));
		return;
	}
	/* the roles that may, so the operator knows whom to ask */
	char who[256];
	bf_perm_who(1u << perm, district_db, who, sizeof who);
	if (who[0])
		/* TRANSLATORS: "Clerk: may not close files (Union chair /
		 * administrator may)." */
		snprintf(buf, n, _("%s: may not %s (%s may)."), bf_role_label(role),
		         bf_perm_label(perm), who);
	else
		/* TRANSLATORS: "Clerk: may not close files." */
		snprintf(buf, n, _("%s: may not %s."), bf_role_label(role), bf_perm_label(perm));
}

void bf_perm_denied(enum bf_role role, enum bf_perm perm, char *buf, size_t n)
{
	bf_perm_denied_at(role, perm, false, buf, n);
}
