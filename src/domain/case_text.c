/* case_text.c — a case as "key<TAB>value" lines, escaped, and back.
 *
 * Layout:
 *   # bangfu case 1
 *   number<TAB>2026-0001
 *   ...
 *   members<TAB>3
 *   member.0.name<TAB>张三
 *   ...
 * Values escape backslash, tab, newline and carriage return as \\ \t \n \r.
 * Money is yuan with two decimals; enums are their codes; booleans 0/1. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/case_text.h"
#include "bangfu/money.h"

_Static_assert(sizeof(enum bf_relation) == sizeof(int), "enums are int-sized");

enum ftype { F_STR, F_INT, F_I64, F_MONEY, F_BOOL, F_ENUM };

struct field {
	const char *key;
	enum ftype type;
	size_t off;
	size_t size;            /* F_STR: buffer size */
	enum bf_enum_kind kind; /* F_ENUM */
};

#define STR(k, f)                                                                          \
	{                                                                                  \
		k, F_STR, offsetof(struct bf_case, f), sizeof(((struct bf_case *)0)->f), 0 \
	}
#define INT(k, f)                                           \
	{                                                   \
		k, F_INT, offsetof(struct bf_case, f), 0, 0 \
	}
#define I64(k, f)                                           \
	{                                                   \
		k, F_I64, offsetof(struct bf_case, f), 0, 0 \
	}
#define MONEY(k, f)                                           \
	{                                                     \
		k, F_MONEY, offsetof(struct bf_case, f), 0, 0 \
	}
#define BOOL(k, f)                                           \
	{                                                    \
		k, F_BOOL, offsetof(struct bf_case, f), 0, 0 \
	}

static const struct field case_fields[] = {
    I64("id", id),
    STR("number", number),
    INT("year", year),
    STR("status", status),
    STR("ethnicity", ethnicity),
    STR("political_status", political_status),
    STR("phone", phone),
    STR("postcode", postcode),
    STR("address", address),
    STR("work_start", work_start),
    STR("industry", industry),
    STR("department", department),
    STR("employer", employer),
    STR("employer_type", employer_type),
    STR("enterprise_status", enterprise_status),
    STR("model_worker", model_worker),
    STR("housing_type", housing_type),
    INT("housing_area_m2", housing_area_m2),
    BOOL("single_parent", single_parent),
    BOOL("zero_employment", zero_employment),
    MONEY("other_income_year", other_income_year),
    INT("accident_year", accident_year),
    MONEY("medical_cost_year", medical_cost_year),
    MONEY("disaster_loss", disaster_loss),
    STR("family_situation", family_situation),
    STR("hardship_cause_text", hardship_cause_text),
    STR("state_of_mind", state_of_mind),
    STR("skills", skills),
    STR("employment_wish", employment_wish),
    STR("bank_name", bank_name),
    STR("bank_branch", bank_branch),
    STR("bank_card", bank_card),
    STR("created_by", created_by),
    STR("reviewed_by", reviewed_by),
    STR("keyed_by", keyed_by),
    STR("unit_opinion", unit_opinion),
    STR("union_opinion", union_opinion),
};
#undef STR
#undef INT
#undef I64
#undef MONEY
#undef BOOL

#define MSTR(k, f)                                                                             \
	{                                                                                      \
		k, F_STR, offsetof(struct bf_member, f), sizeof(((struct bf_member *)0)->f), 0 \
	}
#define MINT(k, f)                                            \
	{                                                     \
		k, F_INT, offsetof(struct bf_member, f), 0, 0 \
	}
#define MI64(k, f)                                            \
	{                                                     \
		k, F_I64, offsetof(struct bf_member, f), 0, 0 \
	}
#define MMONEY(k, f)                                            \
	{                                                       \
		k, F_MONEY, offsetof(struct bf_member, f), 0, 0 \
	}
#define MENUM(k, f, kd)                                         \
	{                                                       \
		k, F_ENUM, offsetof(struct bf_member, f), 0, kd \
	}

static const struct field member_fields[] = {
    MI64("id", id),
    MSTR("name", name),
    MENUM("relation", relation, BF_ENUM_RELATION),
    MSTR("id_number", id_number),
    MSTR("birth_date", birth_date),
    MENUM("marital", marital, BF_ENUM_MARITAL),
    MENUM("status", status, BF_ENUM_STATUS),
    MSTR("school_or_employer", school_or_employer),
    MENUM("health", health, BF_ENUM_HEALTH),
    MSTR("disease", disease),
    MINT("diagnosis_year", diagnosis_year),
    MENUM("disability", disability, BF_ENUM_DISABILITY),
    MINT("disability_grade", disability_grade),
    MENUM("insurance", insurance, BF_ENUM_INSURANCE),
    MENUM("hukou", hukou, BF_ENUM_HUKOU),
    MMONEY("monthly_income", monthly_income),
    MENUM("proof", proof, BF_ENUM_PROOF),
    MINT("count_override", count_override),
    MSTR("count_reason", count_reason),
};
#undef MSTR
#undef MINT
#undef MI64
#undef MMONEY
#undef MENUM

/* ---- a growing string --------------------------------------------------------- */

struct sbuf {
	char *p;
	size_t len, cap;
	bool oom;
};

static void sb_put(struct sbuf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		while (b->len + n + 1 > cap)
			cap *= 2;
		char *np = realloc(b->p, cap);
		if (!np) {
			b->oom = true;
			return;
		}
		b->p = np;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void sb_str(struct sbuf *b, const char *s)
{
	sb_put(b, s, strlen(s));
}

static void sb_escaped(struct sbuf *b, const char *s)
{
	for (; *s; s++) {
		switch (*s) {
		case '\\':
			sb_str(b, "\\\\");
			break;
		case '\t':
			sb_str(b, "\\t");
			break;
		case '\n':
			sb_str(b, "\\n");
			break;
		case '\r':
			sb_str(b, "\\r");
			break;
		default:
			sb_put(b, s, 1);
		}
	}
}

static void put_field(struct sbuf *b, const char *prefix, const struct field *f, const void *base)
{
	const char *p = (const char *)base + f->off;
	char num[64];
	const char *val = num;
	switch (f->type) {
	case F_STR:
		val = p;
		break;
	case F_INT: {
		int v;
		memcpy(&v, p, sizeof v);
		snprintf(num, sizeof num, "%d", v);
		break;
	}
	case F_I64: {
		int64_t v;
		memcpy(&v, p, sizeof v);
		snprintf(num, sizeof num, "%" PRId64, v);
		break;
	}
	case F_MONEY: {
		bf_fen v;
		memcpy(&v, p, sizeof v);
		bf_money_format_plain(v, num, sizeof num);
		break;
	}
	case F_BOOL: {
		bool v;
		memcpy(&v, p, sizeof v);
		val = v ? "1" : "0";
		break;
	}
	case F_ENUM: {
		int v; /* enums here are int-sized */
		memcpy(&v, p, sizeof v);
		val = bf_enum_code(f->kind, v);
		break;
	}
	}
	sb_str(b, prefix);
	sb_str(b, f->key);
	sb_str(b, "\t");
	sb_escaped(b, val);
	sb_str(b, "\n");
}

char *bf_case_to_text(const struct bf_case *c)
{
	struct sbuf b = {0};
	sb_str(&b, "# bangfu case 1\n");
	for (size_t i = 0; i < BF_ARRAY_LEN(case_fields); i++)
		put_field(&b, "", &case_fields[i], c);
	char line[64];
	snprintf(line, sizeof line, "primary_cause\t%s\n",
	         bf_enum_code(BF_ENUM_CAUSE, c->primary_cause));
	sb_str(&b, line);
	for (size_t k = 0; k < BF_MAX_SECONDARY_CAUSES; k++) {
		snprintf(line, sizeof line, "secondary_cause.%zu\t%s\n", k,
		         bf_enum_code(BF_ENUM_CAUSE, c->secondary_causes[k]));
		sb_str(&b, line);
	}
	size_t n = c->n_members <= BF_MAX_MEMBERS ? c->n_members : BF_MAX_MEMBERS;
	snprintf(line, sizeof line, "members\t%zu\n", n);
	sb_str(&b, line);
	for (size_t i = 0; i < n; i++) {
		char prefix[32];
		snprintf(prefix, sizeof prefix, "member.%zu.", i);
		for (size_t k = 0; k < BF_ARRAY_LEN(member_fields); k++)
			put_field(&b, prefix, &member_fields[k], &c->members[i]);
	}
	if (b.oom) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

/* ---- reading ---------------------------------------------------------------- */

static const struct field *find_field(const struct field *t, size_t n, const char *key)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(t[i].key, key) == 0)
			return &t[i];
	return NULL;
}

/* Strict decimal integer in [lo, hi]. */
static bool parse_int(const char *s, int64_t lo, int64_t hi, int64_t *out)
{
	if (!*s)
		return false;
	const char *p = s;
	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return false;
	errno = 0;
	char *end;
	long long v = strtoll(s, &end, 10);
	if (errno || *end || v < lo || v > hi)
		return false;
	*out = v;
	return true;
}

static int set_field(const struct field *f, void *base, const char *val, int line, bf_error *err)
{
	char *p = (char *)base + f->off;
	switch (f->type) {
	case F_STR:
		if (strlen(val) >= f->size) {
			bf_error_set(err,
			             _("Line %d: the value of %s is too long (at most %zu bytes)"),
			             line, f->key, f->size - 1);
			return -1;
		}
		memcpy(p, val, strlen(val) + 1);
		return 0;
	case F_INT: {
		int64_t v;
		if (!parse_int(val, INT32_MIN, INT32_MAX, &v))
			goto bad;
		int iv = (int)v;
		memcpy(p, &iv, sizeof iv);
		return 0;
	}
	case F_I64: {
		int64_t v;
		if (!parse_int(val, INT64_MIN, INT64_MAX, &v))
			goto bad;
		memcpy(p, &v, sizeof v);
		return 0;
	}
	case F_MONEY: {
		bf_fen v;
		if (!bf_money_parse(val, BF_MONEY_ALLOW_NEGATIVE, &v, NULL))
			goto bad;
		memcpy(p, &v, sizeof v);
		return 0;
	}
	case F_BOOL: {
		bool v;
		if (strcmp(val, "1") == 0 || strcmp(val, "true") == 0)
			v = true;
		else if (strcmp(val, "0") == 0 || strcmp(val, "false") == 0 || !*val)
			v = false;
		else
			goto bad;
		memcpy(p, &v, sizeof v);
		return 0;
	}
	case F_ENUM: {
		int v = bf_enum_parse(f->kind, val);
		if (v < 0)
			goto bad;
		memcpy(p, &v, sizeof v);
		return 0;
	}
	}
bad:
	bf_error_set(err, _("Line %d: \"%s\" is not a valid value for %s"), line, val, f->key);
	return -1;
}

/* Undo the escapes in place. */
static bool unescape(char *s)
{
	char *o = s;
	for (char *p = s; *p; p++) {
		if (*p != '\\') {
			*o++ = *p;
			continue;
		}
		switch (*++p) {
		case '\\':
			*o++ = '\\';
			break;
		case 't':
			*o++ = '\t';
			break;
		case 'n':
			*o++ = '\n';
			break;
		case 'r':
			*o++ = '\r';
			break;
		default:
			return false;
		}
	}
	*o = '\0';
	return true;
}

static int cause_value(const char *val, int line, const char *key, int *out, bf_error *err)
{
	if (!*val) {
		*out = BF_CAUSE_NONE;
		return 0;
	}
	int v = bf_enum_parse(BF_ENUM_CAUSE, val);
	if (v < 0) {
		bf_error_set(err, _("Line %d: \"%s\" is not a valid value for %s"), line, val, key);
		return -1;
	}
	*out = v;
	return 0;
}

static int handle_line(char *key, char *val, int line, struct bf_case *c, bf_error *err)
{
	const struct field *f = find_field(case_fields, BF_ARRAY_LEN(case_fields), key);
	if (f)
		return set_field(f, c, val, line, err);
	if (strcmp(key, "primary_cause") == 0)
		return cause_value(val, line, key, &c->primary_cause, err);
	if (strncmp(key, "secondary_cause.", 16) == 0) {
		int64_t k;
		if (!parse_int(key + 16, 0, INT32_MAX, &k))
			return 0; /* not ours */
		if (k >= BF_MAX_SECONDARY_CAUSES) {
			bf_error_set(err, _("Line %d: there are at most %d secondary causes"), line,
			             BF_MAX_SECONDARY_CAUSES);
			return -1;
		}
		return cause_value(val, line, key, &c->secondary_causes[k], err);
	}
	if (strcmp(key, "members") == 0) {
		int64_t n;
		if (!parse_int(val, 1, BF_MAX_MEMBERS, &n)) {
			bf_error_set(err, _("Line %d: the number of members must be 1 to %d"), line,
			             BF_MAX_MEMBERS);
			return -1;
		}
		for (size_t i = c->n_members; i < (size_t)n; i++)
			bf_member_init(&c->members[i], BF_REL_OTHER);
		for (size_t i = (size_t)n; i < BF_MAX_MEMBERS; i++)
			memset(&c->members[i], 0, sizeof c->members[i]);
		c->n_members = (size_t)n;
		return 0;
	}
	if (strncmp(key, "member.", 7) == 0) {
		char *dot = strchr(key + 7, '.');
		if (!dot)
			return 0;
		*dot = '\0';
		int64_t i;
		bool ok = parse_int(key + 7, 0, INT32_MAX, &i);
		*dot = '.';
		if (!ok)
			return 0;
		if ((size_t)i >= c->n_members) {
			bf_error_set(err,
			             _("Line %d: member %" PRId64
			               " is not in the list (the \"members\" line gives %zu)"),
			             line, i, c->n_members);
			return -1;
		}
		f = find_field(member_fields, BF_ARRAY_LEN(member_fields), dot + 1);
		if (f)
			return set_field(f, &c->members[i], val, line, err);
		return 0;
	}
	return 0; /* unknown key: a newer version wrote it */
}

int bf_case_from_text(const char *text, struct bf_case *c, bf_error *err)
{
	bf_error_clear(err);
	bf_case_init(c, 0);
	if (!text) {
		bf_error_set(err, "%s", _("The case text is empty"));
		return -1;
	}
	size_t cap = 0;
	char *buf = NULL;
	int line = 0;
	const char *p = text;
	while (*p) {
		line++;
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p);
		if (len + 1 > cap) {
			cap = len + 1;
			char *nb = realloc(buf, cap);
			if (!nb) {
				free(buf);
				bf_error_set(err, "%s", _("Out of memory"));
				return -1;
			}
			buf = nb;
		}
		memcpy(buf, p, len);
		buf[len] = '\0';
		p = nl ? nl + 1 : p + len;
		if (len > 0 && buf[len - 1] == '\r')
			buf[--len] = '\0';
		if (len == 0 || buf[0] == '#')
			continue;
		char *tab = strchr(buf, '\t');
		if (!tab) {
			bf_error_set(err, _("Line %d: expected a key, a tab and a value"), line);
			free(buf);
			return -1;
		}
		*tab = '\0';
		char *val = tab + 1;
		if (!unescape(val)) {
			bf_error_set(
			    err, _("Line %d: a backslash must be followed by \\, t, n or r"), line);
			free(buf);
			return -1;
		}
		if (handle_line(buf, val, line, c, err) != 0) {
			free(buf);
			return -1;
		}
	}
	free(buf);
	return 0;
}
