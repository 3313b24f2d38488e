/* campaign.h — Spring Festival campaigns (送温暖): target groups and their
 * standards, drawing the recipient list, caps, the budget, the sign-off
 * rules, and the reproducible spot-check sample (pure domain code).
 *
 * The seed's rules, which the draw applies:
 *  - aid only to people with an approved file where the group requires one
 *    ("file first, then aid, real-name", 先建档、后帮扶、实名制);
 *  - a household that meets several standards is aided once, at the
 *    highest standard (按最高档次标准予以救助);
 *  - people consoled in last year's campaign are not included again unless
 *    added back with a reason;
 *  - per-person caps per payment and per year (settings) are enforced.
 * Under "one household, one file" a recipient is a household, represented
 * by its employee. A "per person" standard and a "per household" standard
 * therefore give the same amount to each recipient; they differ in how the
 * budget and the sheet count (人 or 户). A "by household size" standard
 * uses the counted household size of the file: 1, 2, 3 or more.
 *
 * A group is what the office names it (困难党员, 老党员, 五保户 ...): a label,
 * required and unique within the campaign, and an optional kind where a rule
 * depends on it — the draw finds the files of that kind, model workers have
 * a level, the kind sets the file requirement's default, and the ledger
 * totals payments by the national categories. Any number of groups, any
 * number of one kind. People are also placed in a group by hand (the only
 * way into a group without a kind). Whatever the groups, a household is
 * aided once, at the highest standard of the groups it is in. */
#ifndef BANGFU_CAMPAIGN_H
#define BANGFU_CAMPAIGN_H

#include "bangfu/casefile.h"
#include "bangfu/common.h"

/* X(ID, "code", "English label", "中文") */
#define BF_GROUP_KINDS(X)                                                                  \
	X(GROUP_HARDSHIP, "hardship", N_("Hardship employees"), "困难职工")                \
	X(GROUP_MODEL_WORKER, "model_worker", N_("Model workers"), "劳动模范")             \
	X(GROUP_MIGRANT, "migrant", N_("Hardship migrant workers"), "困难农民工")          \
	X(GROUP_SPECIAL, "special", N_("Special hardship (illness, schooling, accident)"), \
	  "特别困难职工")

#define BF_MODEL_LEVELS(X)                                          \
	X(LEVEL_NATIONAL, "national", N_("National"), "全国")       \
	X(LEVEL_PROVINCIAL, "provincial", N_("Provincial"), "省级") \
	X(LEVEL_MUNICIPAL, "municipal", N_("Municipal"), "市级")

#define BF_BASES(X)                                                  \
	X(BASIS_PERSON, "person", N_("per person"), "每人")          \
	X(BASIS_HOUSEHOLD, "household", N_("per household"), "每户") \
	X(BASIS_SIZE, "size", N_("by household size"), "按家庭人口")

/* Why a drawn person is not on the list. */
#define BF_EXCLUSIONS(X)                                                                    \
	X(EXCL_NONE, "none", N_("included"), "")                                            \
	X(EXCL_NO_FILE, "no_file", N_("no approved file (file first, then aid)"), "未建档") \
	X(EXCL_LAST_YEAR, "last_year", N_("aided in last year's campaign"), "上年已慰问")   \
	X(EXCL_CAP, "cap", N_("the yearly cap is reached"), "超过年度上限")                 \
	X(EXCL_MANUAL, "manual", N_("taken off the list"), "手工移出")

#define BF_CE_ID(id, code, en, zh) BF_##id,
enum bf_group_kind { BF_GROUP_KINDS(BF_CE_ID) BF_GROUP_KIND_COUNT };
enum bf_model_level { BF_MODEL_LEVELS(BF_CE_ID) BF_LEVEL_COUNT };
enum bf_basis { BF_BASES(BF_CE_ID) BF_BASIS_COUNT };
enum bf_exclusion { BF_EXCLUSIONS(BF_CE_ID) BF_EXCL_COUNT };
#undef BF_CE_ID

/* Parse text against a code table: the code or the English label (ASCII
 * case-insensitive), the Chinese text, or the translated label; surrounding
 * white space is ignored. -1 if unknown. */
int bf_table_parse(const struct bf_enum_info *t, size_t n, const char *text);

/* The Chinese names, for printed documents (which are in Chinese whatever
 * the interface language). */
const char *bf_group_kind_zh(enum bf_group_kind k);
const char *bf_model_level_zh(enum bf_model_level l);
const char *bf_basis_zh(enum bf_basis b);

const char *bf_group_kind_code(enum bf_group_kind k);
const char *bf_group_kind_label(enum bf_group_kind k); /* translated */
int bf_group_kind_parse(const char *text);             /* -1 if unknown */
const char *bf_model_level_code(enum bf_model_level l);
const char *bf_model_level_label(enum bf_model_level l);
int bf_model_level_parse(const char *text);
/* The level recorded on a file (case_file.model_worker is free text):
 * "全国劳模", "national", "省级劳动模范", "市劳模", ... -1 when none or not
 * recognised. */
int bf_model_level_of(const char *model_worker);
const char *bf_basis_code(enum bf_basis b);
const char *bf_basis_label(enum bf_basis b);
int bf_basis_parse(const char *text);
const char *bf_exclusion_code(enum bf_exclusion e);
const char *bf_exclusion_label(enum bf_exclusion e);
int bf_exclusion_parse(const char *text);

/* An approved file: status approved, in_publicity, publicity_passed,
 * submitted, accepted or aided (workflow.h codes). */
bool bf_status_is_approved_file(const char *status);

/* Household-size tiers of a BASIS_SIZE standard: 0 = one person, 1 = two,
 * 2 = three or more. Sizes below 1 count as one. */
#define BF_TIERS 3
int bf_size_tier(int household_size);

/* Groups of a campaign: up to the bits of the draw's uint32_t masks. */
#define BF_MAX_GROUPS 32

/* A target group with its standard. */
struct bf_campaign_group {
	int64_t id;             /* storage row id; 0 while unsaved */
	int kind;               /* enum bf_group_kind, -1 = none (people placed by hand) */
	int level;              /* model workers: enum bf_model_level, -1 = any level; else -1 */
	char label[BF_TEXT_SZ]; /* the office's name for it: required, unique in the campaign */
	enum bf_basis basis;
	/* Tier 0 is the flat standard of BASIS_PERSON/HOUSEHOLD; BASIS_SIZE uses
	 * all three. Cash (慰问金) plus goods (慰问品) per person or household. */
	bf_fen cash[BF_TIERS];
	bf_fen goods[BF_TIERS];
	char goods_note[64];   /* what the goods are (米、油), "" = not said */
	bool requires_file;    /* aid only with an approved file */
	int planned[BF_TIERS]; /* planned people per tier: the budget before the draw */
};

/* A fresh group of `kind` (-1 none) with the seed's standard: 500 yuan per
 * person; every group requires a file except model workers. The label is
 * the kind's Chinese name ("劳动模范（全国）"), "" for a group without a
 * kind (the caller names it). */
void bf_campaign_group_init(struct bf_campaign_group *g, int kind, int level);
/* The union's standard groups of a campaign (`campaign create
 * --standard-groups`, `u` on screen): hardship employees, model workers of
 * each level, migrant workers, special hardship. Returns how many were
 * written (at most max). */
size_t bf_campaign_standard_groups(struct bf_campaign_group *out, size_t max);
/* The group's name: its label, else the kind's (and level's) label. */
void bf_campaign_group_name(const struct bf_campaign_group *g, char *buf, size_t n);
/* The same for printed documents, in Chinese: the label, else "劳动模范（全国）". */
void bf_campaign_group_name_zh(const struct bf_campaign_group *g, char *buf, size_t n);
/* "Model workers (National)", "no kind": the kind for lists (translated). */
void bf_campaign_group_kind_text(const struct bf_campaign_group *g, char *buf, size_t n);
/* A group counts households (per household, by household size), or people. */
bool bf_group_counts_households(const struct bf_campaign_group *g);
/* The standard for a household of this size; returns cash + goods. */
bf_fen bf_group_standard(const struct bf_campaign_group *g, int household_size, bf_fen *cash,
                         bf_fen *goods);
/* Check a group for saving: a label, amounts not negative, some amount set,
 * a model level only for model workers. */
int bf_campaign_group_validate(const struct bf_campaign_group *g, bf_error *err);

/* Per-person caps (settings campaign_cap_payment and campaign_cap_year, in
 * fen; 0 = no cap). They limit the value (cash + goods) of one campaign
 * payment and the campaign aid one person receives in a calendar year. */
struct bf_campaign_caps {
	bf_fen per_payment;
	bf_fen per_year;
};

/* Limit cash + goods to the caps, given what the person already has this
 * year (paid, or on another campaign's list of the same year). Cash is cut
 * first, then goods. Returns 0 and the (maybe reduced) amounts, with
 * *capped set when anything was cut; 1 when nothing is left under the year
 * cap. */
int bf_apply_caps(const struct bf_campaign_caps *caps, bf_fen committed_this_year, bf_fen *cash,
                  bf_fen *goods, bool *capped);

/* One person drawn from the files. */
struct bf_candidate {
	int64_t case_id;
	char status[24];            /* the file's workflow status */
	int household_size;         /* counted household size */
	int model_level;            /* enum bf_model_level, -1 none */
	bool migrant;               /* the employee's status is migrant (农民工) */
	bool special;               /* major illness, schooling, accident or disaster */
	bool aided_last_year;       /* on last year's campaign list and not taken off */
	bf_fen committed_this_year; /* campaign aid this year already (other campaigns) */
	uint32_t placed;            /* bit i: placed in group i by hand */
};

struct bf_draw_result {
	bool matched;    /* belongs to some group at all */
	uint32_t groups; /* bit i: meets group i */
	int group;       /* the group whose standard applies; -1 none */
	bool included;
	enum bf_exclusion reason;
	bf_fen standard;    /* cash + goods of the standard, before caps */
	bf_fen cash, goods; /* after caps */
	bool capped;
};

/* Whether a candidate belongs to a group's target by its kind (ignoring the
 * file and placements by hand); a group without a kind targets nobody. */
bool bf_group_targets(const struct bf_campaign_group *g, const struct bf_candidate *c);

/* Apply the rules to one candidate: the groups it meets (by the group's kind,
 * or placed in it by hand: c->placed); of those it may be
 * aided under (approved file where required), the one with the highest
 * standard (the first such group on a tie); last year's exclusion; caps.
 * A candidate in no group gets matched = false. */
void bf_campaign_draw_one(const struct bf_campaign_group *groups, size_t ngroups,
                          const struct bf_campaign_caps *caps, const struct bf_candidate *c,
                          struct bf_draw_result *out);

/* ---- budget ----------------------------------------------------------------- */

/* One line: count × (cash + goods), the count in people or in households. */
struct bf_budget_line {
	int group; /* index of the group, or -1 */
	int tier;  /* size tier for BASIS_SIZE, else -1 */
	char label[BF_TEXT_SZ];
	bool capped;     /* people whose amount a cap reduced */
	bool households; /* the count is of households (per household, by size) */
	int64_t count;
	bf_fen cash, goods; /* per person or household */
	bf_fen subtotal;    /* filled by bf_budget_sum */
};

/* People and households are counted apart: "12 people and 23 households". */
struct bf_budget_totals {
	int64_t people, households;
	bf_fen cash, goods, total;
};

/* "12 people and 23 households", "4 people", "1 household" (translated);
 * "12人、23户" for printed documents. */
void bf_count_text(int64_t people, int64_t households, char *buf, size_t n);
/* One count: "22 households", "1 person". */
void bf_count_one_text(int64_t count, bool households, char *buf, size_t n);
void bf_count_text_zh(int64_t people, int64_t households, char *buf, size_t n);

/* Fill every line's subtotal and the totals. Returns 0, or -1 (err set)
 * when a number is negative or the sum does not fit. */
int bf_budget_sum(struct bf_budget_line *lines, size_t n, struct bf_budget_totals *t,
                  bf_error *err);
/* The lines of a plan: one per group, and one per household-size tier for
 * BASIS_SIZE (lines with 0 people included).
 * Returns the number of lines written (at most max). */
size_t bf_budget_from_plan(const struct bf_campaign_group *groups, size_t ngroups,
                           struct bf_budget_line *out, size_t max);

/* ---- payment ------------------------------------------------------------------ */

/* The sign-off rule (the seed's words): translated for the screens, and in
 * Chinese for the printed sheet. */
const char *bf_signoff_rule(void);
#define BF_SIGNOFF_RULE_ZH                                                                                                \
	"说明：本表须由户主或家庭成员本人签字，并留存联系电话；慰问金一次足额发放，" \
	"不得拆分，不得代签。"

/* Who may sign: the employee (REL_SELF, name as on the file) or a household
 * member listed on the file with that name and relation — never someone
 * signing for another (不得代签). A phone is required: a mainland mobile, or
 * a landline of 7 to 12 digits with an optional area-code dash.
 * normalized_phone gets the phone as stored (24 bytes). */
int bf_signer_check(const struct bf_case *c, const char *signer, enum bf_relation relation,
                    const char *phone, char normalized_phone[BF_PHONE_SZ], bf_error *err);

/* ---- spot checks: a documented, reproducible random sample ------------------- */

/* SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number
 * generators", OOPSLA 2014): state += 0x9E3779B97F4A7C15; z = state;
 * z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9; z = (z ^ (z >> 27)) *
 * 0x94D049BB133111EB; return z ^ (z >> 31). The seed is the initial state.
 * The same seed gives the same numbers on every machine. */
struct bf_rng {
	uint64_t state;
};
void bf_rng_seed(struct bf_rng *r, uint64_t seed);
uint64_t bf_rng_next(struct bf_rng *r);
/* Uniform in [0, n) without modulo bias (rejection of the low
 * 2^64 mod n values). n must be > 0. */
uint64_t bf_rng_below(struct bf_rng *r, uint64_t n);

/* How many of n households to check: percent of n rounded up, at least one
 * when n >= 1, never more than n. */
size_t bf_spotcheck_count(size_t n, int percent);

/* Draw the sample of each place (unit or community) separately. places[i]
 * is item i's place; items are taken in the order given (the caller sorts,
 * e.g. by recipient id). Places are visited in byte order of their names;
 * one generator seeded with `seed` runs through all of them; within a place
 * a partial Fisher–Yates shuffle of the item indices picks
 * bf_spotcheck_count(n_place, percent) items. chosen[i] is set for the
 * items picked. Returns the number picked. */
size_t bf_spotcheck_draw(uint64_t seed, int percent, const char *const *places, size_t n,
                         bool *chosen);

#endif
