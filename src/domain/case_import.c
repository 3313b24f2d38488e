/* case_import.c — households from CSV rows (one row per member). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "bangfu/case_import.h"
#include "bangfu/ident.h"
#include "bangfu/money.h"

enum col_type {
	T_TEXT,
	T_ENUM,
	T_INT,
	T_MONEY,
	T_BOOL,
	T_DATE,
	T_ID,
	T_PHONE,
	T_CARD,
	T_CAUSE,
	T_CAUSES,
	T_GROUP,
	T_NUMBER,
	T_YEAR,
};

struct col {
	struct bf_import_column_info info;
	enum col_type type;
	size_t off;  /* offset in struct bf_member or struct bf_case */
	size_t size; /* for text */
	int kind;    /* enum bf_enum_kind for T_ENUM */
};

#define M(field) offsetof(struct bf_member, field), sizeof(((struct bf_member *)0)->field)
#define C(field) offsetof(struct bf_case, field), sizeof(((struct bf_case *)0)->field)

static const struct col cols[] = {
    {{"household", "户号", false, N_("groups the rows of one household (any text)")},
     T_GROUP,
     0,
     0,
     0},
    {{"relation", "关系", false,
      N_("relation to the employee; the employee's own row says 本人 (self)")},
     T_ENUM,
     M(relation),
     BF_ENUM_RELATION},
    {{"name", "姓名", false, N_("name")}, T_TEXT, M(name), 0},
    {{"id_number", "身份证号", false, N_("resident ID number (18 characters)")},
     T_ID,
     M(id_number),
     0},
    {{"birth_date", "出生日期", false,
      N_("birth date YYYY-MM-DD (taken from the ID number when empty)")},
     T_DATE,
     M(birth_date),
     0},
    {{"marital", "婚姻状况", false, N_("未婚 已婚 离异 丧偶")},
     T_ENUM,
     M(marital),
     BF_ENUM_MARITAL},
    {{"status", "状态", false,
      N_("在岗 下岗 失业 退休 病休 内退 农民工 托管 学生 学龄前 无劳动能力")},
     T_ENUM,
     M(status),
     BF_ENUM_STATUS},
    {{"school_or_employer", "学校或单位", false, N_("school or employer")},
     T_TEXT,
     M(school_or_employer),
     0},
    {{"health", "健康状况", false, N_("健康 一般疾病 重大疾病")},
     T_ENUM,
     M(health),
     BF_ENUM_HEALTH},
    {{"disease", "病种", false, N_("diagnosis of a major illness")}, T_TEXT, M(disease), 0},
    {{"diagnosis_year", "确诊年份", false, N_("year the major illness was diagnosed")},
     T_INT,
     M(diagnosis_year),
     0},
    {{"disability", "残疾类别", false,
      N_("无 视力残疾 听力残疾 言语残疾 肢体残疾 智力残疾 精神残疾 多重残疾")},
     T_ENUM,
     M(disability),
     BF_ENUM_DISABILITY},
    {{"disability_grade", "残疾等级", false, N_("1 to 4")}, T_INT, M(disability_grade), 0},
    {{"insurance", "医保", false, N_("无医保 职工医保 居民医保 其他医保")},
     T_ENUM,
     M(insurance),
     BF_ENUM_INSURANCE},
    {{"hukou", "户口性质", false, N_("非农业 农业 农转居")}, T_ENUM, M(hukou), BF_ENUM_HUKOU},
    {{"monthly_income", "月收入", false, N_("monthly income in yuan, e.g. 1,290.00")},
     T_MONEY,
     M(monthly_income),
     0},
    {{"proof", "收入证明", false,
      N_("无证明 单位收入证明 退休证及养老金存折 托管中心收入证明 失业证或社区证明 其他证明")},
     T_ENUM,
     M(proof),
     BF_ENUM_PROOF},
    /* household columns, read from the employee's row */
    {{"number", "档案编号", true, N_("file number; empty = assigned on import")},
     T_NUMBER,
     C(number),
     0},
    {{"year", "年度", true, N_("assistance year; default: this year")}, T_YEAR, C(year), 0},
    {{"department", "部门", true, N_("department or workshop in the unit")},
     T_TEXT,
     C(department),
     0},
    {{"phone", "电话", true, N_("the employee's mobile phone")}, T_PHONE, C(phone), 0},
    {{"address", "住址", true, N_("home address")}, T_TEXT, C(address), 0},
    {{"ethnicity", "民族", true, N_("ethnicity")}, T_TEXT, C(ethnicity), 0},
    {{"political_status", "政治面貌", true, N_("political status")},
     T_TEXT,
     C(political_status),
     0},
    {{"employer", "工作单位", true, N_("employer")}, T_TEXT, C(employer), 0},
    {{"bank_name", "开户银行", true, N_("bank")}, T_TEXT, C(bank_name), 0},
    {{"bank_branch", "开户行", true, N_("bank branch (开户行)")}, T_TEXT, C(bank_branch), 0},
    {{"bank_card", "银行卡号", true, N_("the employee's own bank card number")},
     T_CARD,
     C(bank_card),
     0},
    {{"primary_cause", "主要致困原因", true, N_("one cause from the national list")},
     T_CAUSE,
     C(primary_cause),
     0},
    {{"secondary_causes", "次要致困原因", true, N_("up to three causes separated by 、 or ;")},
     T_CAUSES,
     0,
     0,
     0},
    {{"single_parent", "单亲", true, N_("是 or 否")}, T_BOOL, C(single_parent), 0},
    {{"other_income_year", "其他年收入", true, N_("other household income per year, yuan")},
     T_MONEY,
     C(other_income_year),
     0},
    {{"accident_year", "意外年份", true, N_("year of a major accident or disaster")},
     T_INT,
     C(accident_year),
     0},
    {{"medical_cost_year", "自负医药费", true, N_("this year's out-of-pocket medical cost, yuan")},
     T_MONEY,
     C(medical_cost_year),
     0},
    {{"disaster_loss", "灾害损失", true, N_("direct economic loss from a sudden disaster, yuan")},
     T_MONEY,
     C(disaster_loss),
     0},
    {{"family_situation", "家庭状况", true, N_("five clears: family situation")},
     T_TEXT,
     C(family_situation),
     0},
    {{"hardship_cause_text", "致困原因说明", true, N_("five clears: cause of hardship")},
     T_TEXT,
     C(hardship_cause_text),
     0},
    {{"state_of_mind", "思想状态", true, N_("five clears: state of mind")},
     T_TEXT,
     C(state_of_mind),
     0},
    {{"skills", "技能特长", true, N_("five clears: skills")}, T_TEXT, C(skills), 0},
    {{"employment_wish", "就业要求", true, N_("five clears: employment wishes")},
     T_TEXT,
     C(employment_wish),
     0},
};

const struct bf_import_column_info *bf_import_columns(size_t *n)
{
	static struct bf_import_column_info infos[BF_ARRAY_LEN(cols)];
	for (size_t i = 0; i < BF_ARRAY_LEN(cols); i++)
		infos[i] = cols[i].info;
	*n = BF_ARRAY_LEN(cols);
	return infos;
}

static void add_entry(struct bf_import_problem **list, size_t *n, size_t line, const char *column,
                      const char *fmt, va_list ap)
{
	struct bf_import_problem *p = *list;
	if ((*n & (*n - 1)) == 0) { /* 0, 1, 2, 4, ...: room doubled when full */
		p = realloc(*list, (*n ? 2 * *n : 1) * sizeof **list);
		if (!p)
			return;
		*list = p;
	}
	struct bf_import_problem *q = &p[(*n)++];
	q->line = line;
	bf_strlcpy(q->column, column ? column : "", sizeof q->column);
	vsnprintf(q->msg, sizeof q->msg, fmt, ap);
}

void bf_import_add_problem(struct bf_import *imp, size_t line, const char *column, const char *fmt,
                           ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_entry(&imp->problems, &imp->nproblems, line, column, fmt, ap);
	va_end(ap);
}

static void add_warning(struct bf_import *imp, size_t line, const char *column, const char *fmt,
                        ...) __attribute__((format(printf, 4, 5)));
static void add_warning(struct bf_import *imp, size_t line, const char *column, const char *fmt,
                        ...)
{
	va_list ap;
	va_start(ap, fmt);
	add_entry(&imp->warnings, &imp->nwarnings, line, column, fmt, ap);
	va_end(ap);
}

static int find_col(const char *header)
{
	for (size_t i = 0; i < BF_ARRAY_LEN(cols); i++)
		if (!strcasecmp(header, cols[i].info.code) || !strcmp(header, cols[i].info.zh))
			return (int)i;
	return -1;
}

static struct bf_import_household *find_household(struct bf_import *imp, const char *key)
{
	for (size_t i = 0; i < imp->nhouseholds; i++)
		if (!strcmp(imp->households[i].key, key))
			return &imp->households[i];
	return NULL;
}

static bool parse_bool(const char *s, bool *out)
{
	static const char *yes[] = {"是", "y", "yes", "1", "true", "有"};
	static const char *no[] = {"否", "n", "no", "0", "false", "无", ""};
	for (size_t i = 0; i < BF_ARRAY_LEN(yes); i++)
		if (!strcasecmp(s, yes[i]))
			return *out = true, true;
	for (size_t i = 0; i < BF_ARRAY_LEN(no); i++)
		if (!strcasecmp(s, no[i]))
			return *out = false, true;
	return false;
}

static bool parse_int(const char *s, int lo, int hi, int *out)
{
	if (!*s) {
		*out = 0;
		return true;
	}
	char *end;
	long v = strtol(s, &end, 10);
	if (*end || v < lo || v > hi)
		return false;
	*out = (int)v;
	return true;
}

/* Split "a、b;c" into causes. */
static bool parse_causes(const char *s, int out[BF_MAX_SECONDARY_CAUSES], char *bad, size_t badn)
{
	char buf[256];
	bf_strlcpy(buf, s, sizeof buf);
	for (int i = 0; i < BF_MAX_SECONDARY_CAUSES; i++)
		out[i] = BF_CAUSE_NONE;
	int n = 0;
	char *p = buf;
	while (*p) {
		/* separators: ; , and the full-width ；，、 (3 bytes each) */
		char *end = p;
		while (*end) {
			if (*end == ';' || *end == ',')
				break;
			if (!strncmp(end, "；", 3) || !strncmp(end, "，", 3) ||
			    !strncmp(end, "、", 3))
				break;
			end++;
		}
		char save = *end;
		*end = '\0';
		char item[128];
		bf_strlcpy(item, p, sizeof item);
		bf_trim(item);
		if (item[0]) {
			int v = bf_enum_parse(BF_ENUM_CAUSE, item);
			if (v < 0 || n >= BF_MAX_SECONDARY_CAUSES) {
				bf_strlcpy(bad, item, badn);
				return false;
			}
			out[n++] = v;
		}
		if (!save)
			break;
		*end = save;
		p = end + ((unsigned char)save >= 0x80 ? 3 : 1);
	}
	return true;
}

/* Store one cell; on a bad value record a problem and return false. */
static bool set_cell(struct bf_import *imp, const struct col *col, const char *header,
                     const char *v, size_t line, struct bf_case *c, struct bf_member *m,
                     bf_date today)
{
	char *base = col->info.household ? (char *)c : (char *)m;
	void *dst = base + col->off;
	bf_error err = {{0}};
	switch (col->type) {
	case T_GROUP:
		return true;
	case T_TEXT:
	case T_NUMBER:
		if (!bf_strlcpy(dst, v, col->size)) {
			bf_import_add_problem(imp, line, header, _("too long (at most %zu bytes)"),
			                      col->size - 1);
			return false;
		}
		return true;
	case T_ENUM: {
		if (!*v && col->kind != BF_ENUM_RELATION)
			return true; /* keep the default */
		int e = bf_enum_parse((enum bf_enum_kind)col->kind, v);
		if (e < 0) {
			bf_import_add_problem(imp, line, header, _("\"%s\" is not one of: %s"), v,
			                      _(col->info.help));
			return false;
		}
		*(int *)dst = e; /* enums are int-sized */
		return true;
	}
	case T_INT:
	case T_YEAR: {
		int lo = col->type == T_YEAR ? 1990 : 0, hi = col->type == T_YEAR ? 2199 : 9999;
		if (!strcmp(col->info.code, "disability_grade"))
			hi = 4;
		int val;
		if (!parse_int(v, lo, hi, &val)) {
			bf_import_add_problem(imp, line, header,
			                      _("\"%s\" is not a whole number from %d to %d"), v,
			                      lo, hi);
			return false;
		}
		if (col->type == T_YEAR && !*v)
			return true;
		*(int *)dst = val;
		return true;
	}
	case T_MONEY: {
		if (!*v) {
			*(bf_fen *)dst = 0;
			return true;
		}
		bf_fen f;
		if (!bf_money_parse(v, 0, &f, &err)) {
			bf_import_add_problem(imp, line, header, "%s", err.msg);
			return false;
		}
		*(bf_fen *)dst = f;
		return true;
	}
	case T_BOOL: {
		bool b;
		if (!parse_bool(v, &b)) {
			bf_import_add_problem(imp, line, header, _("\"%s\" should be 是 or 否"), v);
			return false;
		}
		*(bool *)dst = b;
		return true;
	}
	case T_DATE: {
		if (!*v)
			return true;
		bf_date d;
		if (!bf_date_parse(v, &d)) {
			bf_import_add_problem(imp, line, header,
			                      _("\"%s\" is not a date YYYY-MM-DD"), v);
			return false;
		}
		bf_strlcpy(dst, v, col->size);
		return true;
	}
	case T_ID: {
		struct bf_idcard_info info;
		if (!*v) {
			bf_import_add_problem(imp, line, header, _("the ID number is required"));
			return false;
		}
		if (!bf_idcard_validate(v, today, &info, &err)) {
			bf_import_add_problem(imp, line, header, "%s", err.msg);
			return false;
		}
		bf_strlcpy(dst, info.normalized, col->size);
		if (!m->birth_date[0])
			bf_date_format(info.birth, m->birth_date);
		return true;
	}
	case T_PHONE: {
		if (!*v)
			return true;
		char norm[12];
		if (!bf_mobile_validate(v, norm, &err)) {
			bf_import_add_problem(imp, line, header, "%s", err.msg);
			return false;
		}
		bf_strlcpy(dst, norm, col->size);
		return true;
	}
	case T_CARD: {
		if (!*v)
			return true;
		char norm[20];
		enum bf_card_result r = bf_bankcard_check(v, norm, &err);
		if (r == BF_CARD_INVALID) {
			bf_import_add_problem(imp, line, header, "%s", err.msg);
			return false;
		}
		if (r == BF_CARD_LUHN_WARNING) /* some genuine cards fail it: kept */
			add_warning(imp, line, header, "%s", err.msg);
		bf_strlcpy(dst, norm, col->size);
		return true;
	}
	case T_CAUSE: {
		if (!*v) {
			c->primary_cause = BF_CAUSE_NONE;
			return true;
		}
		int e = bf_enum_parse(BF_ENUM_CAUSE, v);
		if (e < 0) {
			bf_import_add_problem(imp, line, header,
			                      _("\"%s\" is not a known cause of hardship"), v);
			return false;
		}
		c->primary_cause = e;
		return true;
	}
	case T_CAUSES: {
		char bad[128];
		if (!parse_causes(v, c->secondary_causes, bad, sizeof bad)) {
			bf_import_add_problem(
			    imp, line, header,
			    _("\"%s\" is not a known cause, or more than three are given"), bad);
			return false;
		}
		return true;
	}
	}
	return true;
}

int bf_import_start(struct bf_import *imp, const struct bf_csv_row *hdr, int default_year,
                    bf_date today, bf_error *err)
{
	memset(imp, 0, sizeof *imp);
	imp->hdr = hdr;
	imp->default_year = default_year;
	imp->today = today;
	imp->ncols = hdr->nfields < 128 ? hdr->nfields : 128;
	imp->group_col = imp->rel_col = -1;
	for (size_t i = 0; i < imp->ncols; i++) {
		imp->map[i] = find_col(hdr->fields[i]);
		if (imp->map[i] < 0 && hdr->fields[i][0])
			bf_import_add_problem(
			    imp, hdr->line, hdr->fields[i],
			    _("unknown column \"%s\" (see README for the columns)"),
			    hdr->fields[i]);
		for (size_t j = 0; j < i && imp->map[i] >= 0; j++)
			if (imp->map[j] == imp->map[i])
				bf_import_add_problem(imp, hdr->line, hdr->fields[i],
				                      _("column \"%s\" appears twice"),
				                      hdr->fields[i]);
		if (imp->map[i] == 0)
			imp->group_col = (int)i;
		if (imp->map[i] == 1)
			imp->rel_col = (int)i;
	}
	if (imp->group_col < 0 || imp->rel_col < 0) {
		bf_error_set(err, _("line %zu: the columns %s (户号) and %s (关系) are required"),
		             hdr->line, "household", "relation");
		bf_import_free(imp); /* the unknown columns' problems */
		return -1;
	}
	return 0;
}

const char *bf_import_row_key(const struct bf_import *imp, const struct bf_csv_row *row)
{
	return (size_t)imp->group_col < row->nfields ? row->fields[imp->group_col] : "";
}

int bf_import_add_row(struct bf_import *imp, const struct bf_csv_row *row, bf_error *err)
{
	const struct bf_csv_row *hdr = imp->hdr;
	size_t ncols = imp->ncols;
	const int *map = imp->map;
	int group_col = imp->group_col, rel_col = imp->rel_col;
	const char *key = bf_import_row_key(imp, row);
	const char *relv = (size_t)rel_col < row->nfields ? row->fields[rel_col] : "";
	if (!key[0]) {
		bf_import_add_problem(imp, row->line, hdr->fields[group_col],
		                      _("the household column is empty"));
		return -1;
	}
	if (row->nfields > ncols)
		bf_import_add_problem(imp, row->line, "", _("%zu values but only %zu columns"),
		                      row->nfields, ncols);
	int rel = bf_enum_parse(BF_ENUM_RELATION, relv);
	if (rel < 0) {
		bf_import_add_problem(imp, row->line, hdr->fields[rel_col],
		                      _("\"%s\" is not a known relation"), relv);
		return -1;
	}
	struct bf_import_household *h = find_household(imp, key);
	if (!h) {
		if (imp->nhouseholds == imp->cap_households) { /* grown by halves */
			size_t cap = imp->cap_households + imp->cap_households / 2 + 4;
			struct bf_import_household *hs = realloc(imp->households, cap * sizeof *hs);
			if (!hs) {
				bf_error_set(err, _("out of memory"));
				return -2;
			}
			imp->households = hs;
			imp->cap_households = cap;
		}
		h = &imp->households[imp->nhouseholds++];
		memset(h, 0, sizeof *h);
		bf_strlcpy(h->key, key, sizeof h->key);
		h->first_line = row->line;
		bf_case_init(&h->c, imp->default_year);
		h->c.n_members = 0; /* the employee row fills member 0 */
	}
	int idx = (int)(h - imp->households);
	struct bf_case *c = &h->c;
	struct bf_member *m;
	if (rel == BF_REL_SELF) {
		if (c->n_members > 0 && c->members[0].relation == BF_REL_SELF) {
			bf_import_add_problem(
			    imp, row->line, hdr->fields[rel_col],
			    _("household %s already has an employee row (line %zu)"), key,
			    h->first_line);
			h->bad = true;
			return idx;
		}
		if (c->n_members >= BF_MAX_MEMBERS) {
			bf_import_add_problem(imp, row->line, "", _("more than %d members"),
			                      BF_MAX_MEMBERS);
			h->bad = true;
			return idx;
		}
		memmove(&c->members[1], &c->members[0], c->n_members * sizeof c->members[0]);
		c->n_members++;
		m = &c->members[0];
		bf_member_init(m, BF_REL_SELF);
		h->first_line = row->line;
	} else {
		if (c->n_members >= BF_MAX_MEMBERS) {
			bf_import_add_problem(imp, row->line, "", _("more than %d members"),
			                      BF_MAX_MEMBERS);
			h->bad = true;
			return idx;
		}
		m = &c->members[c->n_members++];
		bf_member_init(m, (enum bf_relation)rel);
	}
	for (size_t i = 0; i < ncols && i < row->nfields; i++) {
		if (map[i] < 0)
			continue;
		const struct col *col = &cols[map[i]];
		if (col->info.household && rel != BF_REL_SELF) {
			if (row->fields[i][0])
				bf_import_add_problem(imp, row->line, hdr->fields[i],
				                      _("household details belong on the "
				                        "employee's row (关系 = 本人)"));
			continue;
		}
		if (!set_cell(imp, col, hdr->fields[i], row->fields[i], row->line, c, m,
		              imp->today))
			h->bad = true;
	}
	if (!m->name[0]) {
		bf_import_add_problem(imp, row->line, "name", _("the name is required"));
		h->bad = true;
	}
	return idx;
}

void bf_import_check_household(struct bf_import *imp, struct bf_import_household *h)
{
	if (h->c.n_members == 0 || h->c.members[0].relation != BF_REL_SELF) {
		bf_import_add_problem(imp, h->first_line, "relation",
		                      _("household %s has no employee row (关系 = 本人)"), h->key);
		h->bad = true;
		return;
	}
	if (h->bad)
		return;
	char msgs[16][256];
	size_t n = bf_case_validate(&h->c, imp->today, msgs, 16);
	for (size_t k = 0; k < n; k++) {
		bf_import_add_problem(imp, h->first_line, "", _("household %s: %s"), h->key,
		                      msgs[k]);
		h->bad = true;
	}
}

void bf_import_drop_household(struct bf_import *imp, size_t i)
{
	memmove(&imp->households[i], &imp->households[i + 1],
	        (imp->nhouseholds - i - 1) * sizeof *imp->households);
	imp->nhouseholds--;
}

int bf_import_build(const struct bf_csv *csv, int default_year, bf_date today,
                    struct bf_import *imp, bf_error *err)
{
	if (csv->nrows == 0) {
		memset(imp, 0, sizeof *imp);
		bf_error_set(err, _("the file is empty: the first row must name the columns"));
		return -1;
	}
	if (bf_import_start(imp, &csv->rows[0], default_year, today, err) != 0)
		return -1;
	for (size_t r = 1; r < csv->nrows; r++)
		if (bf_import_add_row(imp, &csv->rows[r], err) == -2) {
			bf_import_free(imp);
			return -1;
		}
	/* whole-household checks */
	for (size_t i = 0; i < imp->nhouseholds; i++)
		bf_import_check_household(imp, &imp->households[i]);
	imp->hdr = NULL; /* csv's, which the caller may free */
	return 0;
}

void bf_import_free(struct bf_import *imp)
{
	free(imp->households);
	free(imp->problems);
	free(imp->warnings);
	memset(imp, 0, sizeof *imp);
}
