/* campaign.c — Spring Festival campaigns (送温暖): groups, standards, the
 * draw rules, caps, budget arithmetic, sign-off rules and the spot-check
 * sample. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/campaign.h"
#include "bangfu/ident.h"
#include "bangfu/money.h"
#include "bangfu/workflow.h"

/* ---- code tables ------------------------------------------------------------ */

#define ROW(id, code, en, zh) {code, en, zh},
static const struct bf_enum_info kinds[] = {BF_GROUP_KINDS(ROW)};
static const struct bf_enum_info levels[] = {BF_MODEL_LEVELS(ROW)};
static const struct bf_enum_info bases[] = {BF_BASES(ROW)};
static const struct bf_enum_info exclusions[] = {BF_EXCLUSIONS(ROW)};
#undef ROW

static bool ascii_ieq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a, y = *b;
		if (x >= 'A' && x <= 'Z')
			x = (char)(x - 'A' + 'a');
		if (y >= 'A' && y <= 'Z')
			y = (char)(y - 'A' + 'a');
		if (x != y)
			return false;
	}
	return *a == *b;
}

int bf_table_parse(const struct bf_enum_info *t, size_t n, const char *text)
{
	if (!t || !text)
		return -1;
	char buf[256];
	bf_strlcpy(buf, text, sizeof buf);
	char *s = bf_trim(buf);
	if (!*s)
		return -1;
	for (size_t i = 0; i < n; i++)
		if (ascii_ieq(t[i].code, s) || ascii_ieq(t[i].label, s))
			return (int)i;
	for (size_t i = 0; i < n; i++)
		if ((t[i].zh[0] && strcmp(t[i].zh, s) == 0) || strcmp(_(t[i].label), s) == 0)
			return (int)i;
	return -1;
}

#define TABLE_FNS(prefix, type, table, count)                          \
	const char *prefix##_code(type v)                              \
	{                                                              \
		return (unsigned)v < (count) ? table[v].code : "";     \
	}                                                              \
	const char *prefix##_label(type v)                             \
	{                                                              \
		return (unsigned)v < (count) ? _(table[v].label) : ""; \
	}                                                              \
	int prefix##_parse(const char *text)                           \
	{                                                              \
		return bf_table_parse(table, (count), text);           \
	}

const char *bf_group_kind_zh(enum bf_group_kind k)
{
	return (unsigned)k < BF_GROUP_KIND_COUNT ? kinds[k].zh : "";
}

const char *bf_model_level_zh(enum bf_model_level l)
{
	return (unsigned)l < BF_LEVEL_COUNT ? levels[l].zh : "";
}

const char *bf_basis_zh(enum bf_basis b)
{
	return (unsigned)b < BF_BASIS_COUNT ? bases[b].zh : "";
}

TABLE_FNS(bf_group_kind, enum bf_group_kind, kinds, BF_GROUP_KIND_COUNT)
TABLE_FNS(bf_model_level, enum bf_model_level, levels, BF_LEVEL_COUNT)
TABLE_FNS(bf_basis, enum bf_basis, bases, BF_BASIS_COUNT)
TABLE_FNS(bf_exclusion, enum bf_exclusion, exclusions, BF_EXCL_COUNT)
#undef TABLE_FNS

int bf_model_level_of(const char *mw)
{
	if (!mw || bf_blank(mw))
		return -1;
	int exact = bf_model_level_parse(mw);
	if (exact >= 0)
		return exact;
	/* free text on the form: 全国劳模, 全国劳动模范, 省级劳模, 省劳模, 市级劳模 ... */
	if (strstr(mw, "全国") || strstr(mw, "national") || strstr(mw, "National"))
		return BF_LEVEL_NATIONAL;
	if (strstr(mw, "省") || strstr(mw, "provincial") || strstr(mw, "Provincial"))
		return BF_LEVEL_PROVINCIAL;
	if (strstr(mw, "市") || strstr(mw, "municipal") || strstr(mw, "Municipal") ||
	    strstr(mw, "city") || strstr(mw, "City"))
		return BF_LEVEL_MUNICIPAL;
	return -1;
}

bool bf_status_is_approved_file(const char *status)
{
	static const enum bf_state ok[] = {BF_STATE_APPROVED,         BF_STATE_IN_PUBLICITY,
	                                   BF_STATE_PUBLICITY_PASSED, BF_STATE_SUBMITTED,
	                                   BF_STATE_ACCEPTED,         BF_STATE_AIDED};
	if (!status)
		return false;
	for (size_t i = 0; i < BF_ARRAY_LEN(ok); i++)
		if (strcmp(status, bf_state_code(ok[i])) == 0)
			return true;
	return false;
}

int bf_size_tier(int household_size)
{
	return household_size <= 1 ? 0 : household_size == 2 ? 1 : 2;
}

/* ---- groups ------------------------------------------------------------------- */

static bool kind_ok(int kind)
{
	return kind >= 0 && kind < BF_GROUP_KIND_COUNT;
}

static void kind_name_zh(const struct bf_campaign_group *g, char *buf, size_t n)
{
	if (!kind_ok(g->kind))
		buf[0] = '\0';
	else if (g->kind == BF_GROUP_MODEL_WORKER && g->level >= 0)
		snprintf(buf, n, "%s（%s）", bf_group_kind_zh((enum bf_group_kind)g->kind),
		         bf_model_level_zh((enum bf_model_level)g->level));
	else
		bf_strlcpy(buf, bf_group_kind_zh((enum bf_group_kind)g->kind), n);
}

void bf_campaign_group_init(struct bf_campaign_group *g, int kind, int level)
{
	memset(g, 0, sizeof *g);
	g->kind = kind_ok(kind) ? kind : -1;
	g->level = kind == BF_GROUP_MODEL_WORKER ? level : -1;
	g->basis = BF_BASIS_PERSON;
	/* the seed: 困难职工、农民工慰问500元/人 */
	for (int t = 0; t < BF_TIERS; t++)
		g->cash[t] = 50000;
	g->requires_file = kind != BF_GROUP_MODEL_WORKER;
	kind_name_zh(g, g->label, sizeof g->label);
}

size_t bf_campaign_standard_groups(struct bf_campaign_group *out, size_t max)
{
	size_t k = 0;
	if (k < max)
		bf_campaign_group_init(&out[k++], BF_GROUP_HARDSHIP, -1);
	for (int l = 0; l < BF_LEVEL_COUNT && k < max; l++)
		bf_campaign_group_init(&out[k++], BF_GROUP_MODEL_WORKER, l);
	if (k < max)
		bf_campaign_group_init(&out[k++], BF_GROUP_MIGRANT, -1);
	if (k < max)
		bf_campaign_group_init(&out[k++], BF_GROUP_SPECIAL, -1);
	return k;
}

void bf_campaign_group_kind_text(const struct bf_campaign_group *g, char *buf, size_t n)
{
	if (!kind_ok(g->kind))
		bf_strlcpy(buf, _("no kind (placed by hand)"), n);
	else if (g->kind == BF_GROUP_MODEL_WORKER && g->level >= 0)
		snprintf(buf, n, "%s (%s)", bf_group_kind_label((enum bf_group_kind)g->kind),
		         bf_model_level_label((enum bf_model_level)g->level));
	else
		bf_strlcpy(buf, bf_group_kind_label((enum bf_group_kind)g->kind), n);
}

void bf_campaign_group_name(const struct bf_campaign_group *g, char *buf, size_t n)
{
	if (!bf_blank(g->label))
		bf_strlcpy(buf, g->label, n);
	else
		bf_campaign_group_kind_text(g, buf, n);
}

void bf_campaign_group_name_zh(const struct bf_campaign_group *g, char *buf, size_t n)
{
	if (!bf_blank(g->label))
		bf_strlcpy(buf, g->label, n);
	else
		kind_name_zh(g, buf, n);
}

bool bf_group_counts_households(const struct bf_campaign_group *g)
{
	return g->basis != BF_BASIS_PERSON;
}

bf_fen bf_group_standard(const struct bf_campaign_group *g, int household_size, bf_fen *cash,
                         bf_fen *goods)
{
	int t = g->basis == BF_BASIS_SIZE ? bf_size_tier(household_size) : 0;
	if (cash)
		*cash = g->cash[t];
	if (goods)
		*goods = g->goods[t];
	return g->cash[t] + g->goods[t];
}

int bf_campaign_group_validate(const struct bf_campaign_group *g, bf_error *err)
{
	if (g->kind < -1 || g->kind >= BF_GROUP_KIND_COUNT) {
		bf_error_set(err, "%s", _("unknown kind of group"));
		return -1;
	}
	if (bf_blank(g->label)) {
		bf_error_set(err, "%s",
		             _("the group needs a label (its name on the list and the sheets)"));
		return -1;
	}
	if ((unsigned)g->basis >= BF_BASIS_COUNT) {
		bf_error_set(err, "%s", _("unknown kind of standard"));
		return -1;
	}
	if (g->level >= 0 &&
	    (g->kind != (int)BF_GROUP_MODEL_WORKER || g->level >= BF_LEVEL_COUNT)) {
		bf_error_set(err, "%s",
		             _("a model-worker level is only for the model-worker group"));
		return -1;
	}
	int tiers = g->basis == BF_BASIS_SIZE ? BF_TIERS : 1;
	for (int t = 0; t < tiers; t++) {
		if (g->cash[t] < 0 || g->goods[t] < 0 || g->cash[t] > BF_FEN_MAX ||
		    g->goods[t] > BF_FEN_MAX || g->cash[t] + g->goods[t] > BF_FEN_MAX) {
			bf_error_set(err, "%s", _("a standard may not be negative or that large"));
			return -1;
		}
		if (g->cash[t] + g->goods[t] == 0) {
			bf_error_set(err, "%s",
			             _("every standard needs an amount of cash or goods"));
			return -1;
		}
		if (g->planned[t] < 0) {
			bf_error_set(err, "%s", _("planned numbers of people may not be negative"));
			return -1;
		}
	}
	return 0;
}

/* ---- caps and the draw -------------------------------------------------------- */

int bf_apply_caps(const struct bf_campaign_caps *caps, bf_fen committed, bf_fen *cash,
                  bf_fen *goods, bool *capped)
{
	*capped = false;
	bf_fen total = *cash + *goods, limit = total;
	if (caps && caps->per_payment > 0 && limit > caps->per_payment)
		limit = caps->per_payment;
	if (caps && caps->per_year > 0) {
		bf_fen room = caps->per_year - committed;
		if (room <= 0)
			return 1;
		if (limit > room)
			limit = room;
	}
	if (limit < total) {
		bf_fen cut = total - limit;
		bf_fen c = cut < *cash ? cut : *cash;
		*cash -= c;
		*goods -= cut - c;
		*capped = true;
	}
	return 0;
}

bool bf_group_targets(const struct bf_campaign_group *g, const struct bf_candidate *c)
{
	switch (g->kind) {
	case BF_GROUP_HARDSHIP:
		return true; /* every file is a hardship file */
	case BF_GROUP_MODEL_WORKER:
		return c->model_level >= 0 && (g->level < 0 || g->level == c->model_level);
	case BF_GROUP_MIGRANT:
		return c->migrant;
	case BF_GROUP_SPECIAL:
		return c->special;
	default:
		return false;
	}
}

void bf_campaign_draw_one(const struct bf_campaign_group *groups, size_t ngroups,
                          const struct bf_campaign_caps *caps, const struct bf_candidate *c,
                          struct bf_draw_result *out)
{
	memset(out, 0, sizeof *out);
	out->group = -1;
	bool approved = bf_status_is_approved_file(c->status);
	int best = -1, first = -1;
	bf_fen best_amount = -1;
	for (size_t i = 0; i < ngroups && i < 32; i++) {
		const struct bf_campaign_group *g = &groups[i];
		if (!bf_group_targets(g, c) && !(c->placed & (1u << i)))
			continue;
		out->matched = true;
		out->groups |= 1u << i;
		if (first < 0)
			first = (int)i;
		if (g->requires_file && !approved)
			continue;
		bf_fen amount = bf_group_standard(g, c->household_size, NULL, NULL);
		if (amount > best_amount) { /* strictly higher: the first group wins a tie */
			best_amount = amount;
			best = (int)i;
		}
	}
	if (!out->matched)
		return;
	if (best < 0) {
		out->group = first;
		out->standard =
		    bf_group_standard(&groups[first], c->household_size, &out->cash, &out->goods);
		out->reason = BF_EXCL_NO_FILE;
		return;
	}
	out->group = best;
	out->standard =
	    bf_group_standard(&groups[best], c->household_size, &out->cash, &out->goods);
	if (bf_apply_caps(caps, c->committed_this_year, &out->cash, &out->goods, &out->capped) !=
	    0) {
		out->reason = BF_EXCL_CAP;
		return;
	}
	if (c->aided_last_year) {
		out->reason = BF_EXCL_LAST_YEAR;
		return;
	}
	out->included = true;
	out->reason = BF_EXCL_NONE;
}

/* ---- budget ----------------------------------------------------------------------- */

int bf_budget_sum(struct bf_budget_line *lines, size_t n, struct bf_budget_totals *t, bf_error *err)
{
	memset(t, 0, sizeof *t);
	for (size_t i = 0; i < n; i++) {
		struct bf_budget_line *l = &lines[i];
		bf_fen each, sub;
		if (l->count < 0 || l->cash < 0 || l->goods < 0 ||
		    __builtin_add_overflow(l->cash, l->goods, &each) ||
		    __builtin_mul_overflow(each, l->count, &sub) || sub > BF_FEN_MAX ||
		    __builtin_add_overflow(t->total, sub, &t->total) || t->total > BF_FEN_MAX) {
			bf_error_set(
			    err, _("budget line %zu (%s): the numbers are negative or too large"),
			    i + 1, l->label);
			return -1;
		}
		l->subtotal = sub;
		if (l->households)
			t->households += l->count;
		else
			t->people += l->count;
		t->cash += l->cash * l->count;
		t->goods += l->goods * l->count;
	}
	return 0;
}

size_t bf_budget_from_plan(const struct bf_campaign_group *groups, size_t ngroups,
                           struct bf_budget_line *out, size_t max)
{
	static const char *const tier_fmt[BF_TIERS] = {N_("%s, 1-person households"),
	                                               N_("%s, 2-person households"),
	                                               N_("%s, households of 3 or more")};
	size_t k = 0;
	for (size_t i = 0; i < ngroups; i++) {
		const struct bf_campaign_group *g = &groups[i];
		char name[BF_TEXT_SZ];
		bf_campaign_group_name(g, name, sizeof name);
		int tiers = g->basis == BF_BASIS_SIZE ? BF_TIERS : 1;
		for (int t = 0; t < tiers && k < max; t++) {
			struct bf_budget_line *l = &out[k++];
			memset(l, 0, sizeof *l);
			l->group = (int)i;
			l->tier = g->basis == BF_BASIS_SIZE ? t : -1;
			if (l->tier >= 0)
				snprintf(l->label, sizeof l->label, _(tier_fmt[t]), name);
			else
				bf_strlcpy(l->label, name, sizeof l->label);
			l->households = bf_group_counts_households(g);
			l->count = g->planned[t];
			l->cash = g->cash[t];
			l->goods = g->goods[t];
		}
	}
	return k;
}

void bf_count_one_text(int64_t count, bool households, char *buf, size_t n)
{
	if (households)
		snprintf(buf, n,
		         ngettext("%lld household", "%lld households", (unsigned long)count),
		         (long long)count);
	else
		snprintf(buf, n, ngettext("%lld person", "%lld people", (unsigned long)count),
		         (long long)count);
}

void bf_count_text(int64_t people, int64_t households, char *buf, size_t n)
{
	char p[64], h[64];
	bf_count_one_text(people, false, p, sizeof p);
	bf_count_one_text(households, true, h, sizeof h);
	if (people && households)
		/* TRANSLATORS: "12 people and 23 households" */
		snprintf(buf, n, _("%s and %s"), p, h);
	else
		bf_strlcpy(buf, households ? h : p, n);
}

void bf_count_text_zh(int64_t people, int64_t households, char *buf, size_t n)
{
	if (people && households)
		snprintf(buf, n, "%lld人、%lld户", (long long)people, (long long)households);
	else if (households)
		snprintf(buf, n, "%lld户", (long long)households);
	else
		snprintf(buf, n, "%lld人", (long long)people);
}

/* ---- payment -------------------------------------------------------------------- */

const char *bf_signoff_rule(void)
{
	return _("Signed by the household head or a family member, who leaves a contact phone. "
	         "A payment is made in full: it may not be split, and no one may sign for "
	         "another.");
}

static bool landline_ok(const char *s, char *out, size_t n)
{
	char buf[BF_PHONE_SZ];
	size_t k = 0, digits = 0, dashes = 0;
	for (const char *p = s; *p; p++) {
		if (*p == ' ')
			continue;
		if (*p == '-') {
			if (++dashes > 1 || digits == 0)
				return false;
		} else if (*p >= '0' && *p <= '9') {
			digits++;
		} else {
			return false;
		}
		if (k + 1 >= sizeof buf)
			return false;
		buf[k++] = *p;
	}
	buf[k] = '\0';
	if (digits < 7 || digits > 12 || (k > 0 && buf[k - 1] == '-'))
		return false;
	bf_strlcpy(out, buf, n);
	return true;
}

int bf_signer_check(const struct bf_case *c, const char *signer, enum bf_relation relation,
                    const char *phone, char normalized_phone[BF_PHONE_SZ], bf_error *err)
{
	char name[BF_NAME_SZ];
	bf_strlcpy(name, signer ? signer : "", sizeof name);
	bf_trim(name);
	if (!name[0]) {
		bf_error_set(err, "%s", _("the name of the person who signs is required"));
		return -1;
	}
	const char *employee = c->n_members > 0 ? c->members[0].name : "";
	if (relation == BF_REL_SELF) {
		if (strcmp(name, employee) != 0) {
			bf_error_set(
			    err,
			    _("%s is not the employee of file %s (%s); a family member signs "
			      "under their own relation, and no one may sign for another"),
			    name, c->number, employee);
			return -1;
		}
	} else {
		const struct bf_member *m = NULL;
		for (size_t i = 1; i < c->n_members; i++)
			if (strcmp(c->members[i].name, name) == 0) {
				m = &c->members[i];
				break;
			}
		if (!m) {
			bf_error_set(
			    err,
			    _("%s is not a member of the household in file %s: the household "
			      "head or a family member signs, no one may sign for another"),
			    name, c->number);
			return -1;
		}
		if (m->relation != relation) {
			bf_error_set(err, _("file %s lists %s as %s, not %s"), c->number, name,
			             bf_enum_label(BF_ENUM_RELATION, (int)m->relation),
			             bf_enum_label(BF_ENUM_RELATION, (int)relation));
			return -1;
		}
	}
	if (!phone || bf_blank(phone)) {
		bf_error_set(err, "%s", _("a contact phone is required"));
		return -1;
	}
	char mobile[12];
	if (bf_mobile_validate(phone, mobile, NULL)) {
		bf_strlcpy(normalized_phone, mobile, BF_PHONE_SZ);
		return 0;
	}
	if (landline_ok(phone, normalized_phone, BF_PHONE_SZ))
		return 0;
	bf_error_set(err,
	             _("phone \"%s\": give an 11-digit mobile number or a landline such as "
	               "022-12345678"),
	             phone);
	return -1;
}

/* ---- the reproducible sample --------------------------------------------------- */

void bf_rng_seed(struct bf_rng *r, uint64_t seed)
{
	r->state = seed;
}

uint64_t bf_rng_next(struct bf_rng *r)
{
	uint64_t z = (r->state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

uint64_t bf_rng_below(struct bf_rng *r, uint64_t n)
{
	/* 2^64 mod n: values below it would make the low results more likely */
	uint64_t threshold = (0 - n) % n;
	for (;;) {
		uint64_t x = bf_rng_next(r);
		if (x >= threshold)
			return x % n;
	}
}

size_t bf_spotcheck_count(size_t n, int percent)
{
	if (n == 0)
		return 0;
	if (percent < 0)
		percent = 0;
	size_t k = (n * (size_t)percent + 99) / 100;
	if (k < 1)
		k = 1;
	return k > n ? n : k;
}

struct place_idx {
	const char *place;
	size_t i;
};

static int place_cmp(const void *a, const void *b)
{
	const struct place_idx *x = a, *y = b;
	int c = strcmp(x->place, y->place);
	if (c)
		return c;
	return x->i < y->i ? -1 : x->i > y->i;
}

size_t bf_spotcheck_draw(uint64_t seed, int percent, const char *const *places, size_t n,
                         bool *chosen)
{
	if (n == 0)
		return 0;
	struct place_idx *v = malloc(n * sizeof *v);
	if (!v)
		return 0;
	for (size_t i = 0; i < n; i++) {
		v[i].place = places[i] ? places[i] : "";
		v[i].i = i;
		chosen[i] = false;
	}
	qsort(v, n, sizeof *v, place_cmp);
	struct bf_rng r;
	bf_rng_seed(&r, seed);
	size_t picked = 0;
	for (size_t a = 0; a < n;) {
		size_t b = a;
		while (b < n && strcmp(v[b].place, v[a].place) == 0)
			b++;
		size_t m = b - a, k = bf_spotcheck_count(m, percent);
		for (size_t j = 0; j < k; j++) {
			size_t pick = j + (size_t)bf_rng_below(&r, m - j);
			struct place_idx t = v[a + j];
			v[a + j] = v[a + pick];
			v[a + pick] = t;
			chosen[v[a + j].i] = true;
			picked++;
		}
		a = b;
	}
	free(v);
	return picked;
}
