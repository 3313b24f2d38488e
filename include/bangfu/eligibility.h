/* eligibility.h — household size, per-capita income and the five aid
 * categories (pure domain code). Thresholds always come from a
 * bf_year_settings the caller loads from settings; never from constants. */
#ifndef BANGFU_ELIGIBILITY_H
#define BANGFU_ELIGIBILITY_H

#include "bangfu/casefile.h"

struct bf_year_settings {
	int year;
	bf_fen min_living;   /* city minimum living standard per month (低保线) */
	int cat1_percent;    /* 150 */
	int cat2_percent;    /* 200 */
	int cat3_percent;    /* 300 (categories 3 and 4) */
	bf_fen cat4_medical; /* out-of-pocket medical cost this year, >= (10,000 yuan) */
	bf_fen cat5_loss;    /* direct disaster loss, >= (20,000 yuan) */
	bf_fen min_wage;     /* minimum wage per month, imputed for unproven unemployed */
};

/* The seed's figures (one city, one year), used only to fill a new database's
 * settings; every computation takes settings from the caller. */
void bf_year_settings_seed(struct bf_year_settings *s, int year);

struct bf_member_count {
	bool counted;
	bool imputed;     /* income taken at the minimum wage (no proof) */
	bf_fen income;    /* monthly income used in the sum (fen) */
	char reason[256]; /* why counted or not, in the user's language */
};

enum bf_category { BF_CAT_1 = 0, BF_CAT_2, BF_CAT_3, BF_CAT_4, BF_CAT_5, BF_CAT_COUNT };

struct bf_category_result {
	bool match;
	char reason[384]; /* e.g. "人均月收入 1,290.00 元 ≤ 1,290.00 元 (低保线 150%)" */
};

struct bf_assessment {
	int household_size; /* counted members */
	struct bf_member_count members[BF_MAX_MEMBERS];
	/* exact totals: monthly sum in fen, and the year's total (12 × monthly
	 * + other_income_year) that comparisons use */
	bf_fen monthly_total;
	bf_fen yearly_total;
	/* per-capita monthly income rounded half-up to the fen, for display only */
	bf_fen per_capita;
	bool any_imputed;
	struct bf_category_result cat[BF_CAT_COUNT];
	int first_match; /* lowest matching category index, -1 if none */
};

/* Short category names: "Category 1" ... (translated). */
const char *bf_category_label(enum bf_category cat);
const char *bf_category_code(enum bf_category cat); /* "1".."5" */

/* Who counts in the household and why (domain.md, "Household size"). */
void bf_count_household(const struct bf_case *c, const struct bf_year_settings *s,
                        struct bf_assessment *a);
/* Full assessment: counting, income and all five categories. */
void bf_assess(const struct bf_case *c, const struct bf_year_settings *s, struct bf_assessment *a);

#endif
