/* print_form.c — the hardship file form (attachment 1, 《困难职工档案表》) as an
 * A4 PDF for signatures. In Chinese (see print.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bangfu/ident.h"
#include "bangfu/money.h"
#include "bangfu/pdf.h"
#include "bangfu/print.h"

static const char *zh(enum bf_enum_kind kind, int v)
{
	size_t n;
	const struct bf_enum_info *t = bf_enum_table(kind, &n);
	return t && v >= 0 && (size_t)v < n ? t[v].zh : "";
}

static const char *yuan(bf_fen v, char *buf, size_t n)
{
	char m[32];
	snprintf(buf, n, "%s 元", bf_money_format(v, m, sizeof m));
	return buf;
}

static const char *yes_no(bool b)
{
	return b ? "是" : "否";
}

/* A form row: label/value pairs; NULL values span. */
static void row(bf_pdf *p, const char *const *cells)
{
	static const unsigned flags[6] = {BF_PDF_CELL_LABEL, 0, BF_PDF_CELL_LABEL, 0,
	                                  BF_PDF_CELL_LABEL, 0};
	bf_pdf_table_row_ex(p, cells, flags, 7);
}

static void identity(bf_pdf *p, const struct bf_case *c)
{
	const struct bf_member *e = &c->members[0];
	struct bf_idcard_info info;
	bf_error ignore;
	const char *sex = "";
	char birth[BF_DATE_SZ];
	bf_strlcpy(birth, e->birth_date, sizeof birth);
	if (e->id_number[0] && bf_idcard_validate(e->id_number, BF_DATE_NONE, &info, &ignore)) {
		sex = info.sex == BF_SEX_MALE ? "男" : info.sex == BF_SEX_FEMALE ? "女" : "";
		if (!birth[0])
			bf_date_format(info.birth, birth);
	}
	char health[256], dis[128], area[32];
	snprintf(health, sizeof health, "%s%s%s%s", zh(BF_ENUM_HEALTH, e->health),
	         e->disease[0] ? "（" : "", e->disease, e->disease[0] ? "）" : "");
	if (e->disability != BF_DIS_NONE && e->disability_grade > 0)
		snprintf(dis, sizeof dis, "%s %d 级", zh(BF_ENUM_DISABILITY, e->disability),
		         e->disability_grade);
	else
		snprintf(dis, sizeof dis, "%s", zh(BF_ENUM_DISABILITY, e->disability));
	if (c->housing_area_m2 > 0)
		snprintf(area, sizeof area, "%d 平方米", c->housing_area_m2);
	else
		area[0] = '\0';

	static const struct bf_pdf_col cols[] = {
	    {NULL, 1.35, BF_PDF_LEFT}, {NULL, 1.5, BF_PDF_LEFT},  {NULL, 1.35, BF_PDF_LEFT},
	    {NULL, 1.5, BF_PDF_LEFT},  {NULL, 1.35, BF_PDF_LEFT}, {NULL, 1.5, BF_PDF_LEFT},
	};
	bf_pdf_table_begin(p, cols, 6);
	row(p, (const char *[]){"姓名", e->name, "性别", sex, "民族", c->ethnicity});
	row(p, (const char *[]){"出生日期", birth, "政治面貌", c->political_status, "婚姻状况",
	                        zh(BF_ENUM_MARITAL, e->marital)});
	row(p, (const char *[]){"身份证号", e->id_number, NULL, NULL, "健康状况", health});
	row(p, (const char *[]){"工作状态", zh(BF_ENUM_STATUS, e->status), "劳模", c->model_worker,
	                        "残疾情况", dis});
	row(p, (const char *[]){"户口性质", zh(BF_ENUM_HUKOU, e->hukou), "医疗保险",
	                        zh(BF_ENUM_INSURANCE, e->insurance), "单亲家庭",
	                        yes_no(c->single_parent)});
	row(p, (const char *[]){"工作单位", c->employer, NULL, NULL, "单位性质", c->employer_type});
	row(p, (const char *[]){"部门", c->department, "所属行业", c->industry, "企业状况",
	                        c->enterprise_status});
	row(p, (const char *[]){"参加工作时间", c->work_start, "联系电话", c->phone, "邮政编码",
	                        c->postcode});
	row(p, (const char *[]){"住房类型", c->housing_type, "住房面积", area, "零就业家庭",
	                        yes_no(c->zero_employment)});
	row(p, (const char *[]){"家庭住址", c->address, NULL, NULL, NULL, NULL});
	bf_pdf_table_end(p);
}

static void income(bf_pdf *p, const struct bf_case *c, const struct bf_assessment *a)
{
	char own[48], other[48], total[48], pc[48], size[16], cats[128] = "";
	yuan(c->members[0].monthly_income, own, sizeof own);
	yuan(c->other_income_year, other, sizeof other);
	yuan(a->yearly_total, total, sizeof total);
	yuan(a->per_capita, pc, sizeof pc);
	snprintf(size, sizeof size, "%d 人", a->household_size);
	for (int k = 0; k < BF_CAT_COUNT; k++) {
		if (!a->cat[k].match)
			continue;
		size_t len = strlen(cats);
		snprintf(cats + len, sizeof cats - len, "%s%s", len ? "、" : "",
		         bf_category_zh(k + 1));
	}
	if (!cats[0])
		snprintf(cats, sizeof cats, "%s", "不符合");
	bf_pdf_heading(p, "家庭收入情况");
	static const struct bf_pdf_col cols[] = {
	    {NULL, 1.35, BF_PDF_LEFT}, {NULL, 1.5, BF_PDF_RIGHT}, {NULL, 1.35, BF_PDF_LEFT},
	    {NULL, 1.5, BF_PDF_RIGHT}, {NULL, 1.35, BF_PDF_LEFT}, {NULL, 1.5, BF_PDF_RIGHT},
	};
	bf_pdf_table_begin(p, cols, 6);
	row(p, (const char *[]){"本人月收入", own, "家庭其他年收入", other, "家庭年总收入", total});
	row(p, (const char *[]){"家庭人口", size, "人均月收入", pc, "符合类别", cats});
	bf_pdf_table_end(p);
	if (a->any_imputed)
		bf_pdf_small(p, "注：无收入证明的失业配偶或子女，收入按最低工资标准计算。");
}

static void members(bf_pdf *p, const struct bf_case *c, const struct bf_assessment *a)
{
	bf_pdf_heading(p, "家庭成员情况");
	static const struct bf_pdf_col cols[] = {
	    {"姓名", 1.3, BF_PDF_LEFT},       {"关系", 0.9, BF_PDF_CENTER},
	    {"身份证号", 3.1, BF_PDF_LEFT},   {"婚姻", 0.9, BF_PDF_CENTER},
	    {"状况", 1.0, BF_PDF_CENTER},     {"学校或单位", 1.6, BF_PDF_LEFT},
	    {"健康", 1.0, BF_PDF_CENTER},     {"月收入（元）", 1.3, BF_PDF_RIGHT},
	    {"计入人口", 0.9, BF_PDF_CENTER},
	};
	bf_pdf_table_begin(p, cols, BF_ARRAY_LEN(cols));
	for (size_t i = 0; i < c->n_members && i < BF_MAX_MEMBERS; i++) {
		const struct bf_member *m = &c->members[i];
		char inc[32];
		bf_money_format(m->monthly_income, inc, sizeof inc);
		const char *rel = i == 0 ? "本人" : zh(BF_ENUM_RELATION, m->relation);
		const char *cells[] = {m->name,
		                       rel,
		                       m->id_number,
		                       zh(BF_ENUM_MARITAL, m->marital),
		                       zh(BF_ENUM_STATUS, m->status),
		                       m->school_or_employer,
		                       zh(BF_ENUM_HEALTH, m->health),
		                       inc,
		                       a->members[i].counted ? "是" : "否"};
		bf_pdf_table_row(p, cells);
	}
	bf_pdf_table_end(p);
}

static void causes_and_clears(bf_pdf *p, const struct bf_case *c)
{
	char secondary[256] = "";
	for (int k = 0; k < BF_MAX_SECONDARY_CAUSES; k++) {
		if (c->secondary_causes[k] == BF_CAUSE_NONE)
			continue;
		size_t len = strlen(secondary);
		snprintf(secondary + len, sizeof secondary - len, "%s%s", len ? "、" : "",
		         zh(BF_ENUM_CAUSE, c->secondary_causes[k]));
	}
	bf_pdf_heading(p, "致困原因及“五清”情况");
	static const struct bf_pdf_col cols[] = {
	    {NULL, 1.35, BF_PDF_LEFT}, {NULL, 1.5, BF_PDF_LEFT},  {NULL, 1.35, BF_PDF_LEFT},
	    {NULL, 1.5, BF_PDF_LEFT},  {NULL, 1.35, BF_PDF_LEFT}, {NULL, 1.5, BF_PDF_LEFT},
	};
	bf_pdf_table_begin(p, cols, 6);
	row(p, (const char *[]){"主要致困原因", zh(BF_ENUM_CAUSE, c->primary_cause), "次要致困原因",
	                        secondary, NULL, NULL});
	const struct {
		const char *label, *text;
	} clears[] = {
	    {"家庭状况", c->family_situation}, {"致困原因", c->hardship_cause_text},
	    {"思想状态", c->state_of_mind},    {"技能特长", c->skills},
	    {"就业要求", c->employment_wish},
	};
	for (size_t i = 0; i < BF_ARRAY_LEN(clears); i++)
		row(p, (const char *[]){clears[i].label, clears[i].text, NULL, NULL, NULL, NULL});
	bf_pdf_table_end(p);
}

static void bank(bf_pdf *p, const struct bf_case *c)
{
	bf_pdf_heading(p, "帮扶资金发放账户（本人银行卡）");
	static const struct bf_pdf_col cols[] = {
	    {NULL, 1.35, BF_PDF_LEFT}, {NULL, 1.5, BF_PDF_LEFT},  {NULL, 1.35, BF_PDF_LEFT},
	    {NULL, 1.5, BF_PDF_LEFT},  {NULL, 1.35, BF_PDF_LEFT}, {NULL, 1.5, BF_PDF_LEFT},
	};
	bf_pdf_table_begin(p, cols, 6);
	row(p, (const char *[]){"开户银行", c->bank_name, "开户行", c->bank_branch, NULL, NULL});
	row(p,
	    (const char *[]){"银行卡号", c->bank_card, NULL, NULL, "持卡人", c->members[0].name});
	bf_pdf_table_end(p);
}

int bf_form_pdf(bf_outfile *out, const struct bf_case *c, const struct bf_assessment *a,
                const struct bf_review *r, const struct bf_unit *u, bf_error *err)
{
	bf_pdf *p = bf_pdf_new("困难职工档案表", err);
	if (!p)
		return -1;
	char buf[512];
	snprintf(buf, sizeof buf, "困难职工档案表　%s", c->number);
	bf_pdf_set_header(p, buf);
	if (u)
		bf_pdf_set_stamp(p, &u->stamp);
	bf_pdf_title(p, "困难职工档案表");
	char cat[64] = "";
	if (r && r->decision == BF_REVIEW_APPROVE)
		snprintf(cat, sizeof cat, "　　帮扶类别：%s", bf_category_zh(r->category));
	snprintf(buf, sizeof buf, "档案编号：%s　　帮扶年度：%d%s%s%s", c->number, c->year, cat,
	         u && u->name[0] ? "　　单位：" : "", u ? u->name : "");
	bf_pdf_subtitle(p, buf);

	identity(p, c);
	income(p, c, a);
	members(p, c, a);
	causes_and_clears(p, c);
	bank(p, c);

	/* opinions: the form's own text, else what the review recorded */
	char union_op[BF_LONG_SZ + 256];
	char money[32];
	if (c->union_opinion[0])
		snprintf(union_op, sizeof union_op, "%s", c->union_opinion);
	else if (r && r->decision == BF_REVIEW_APPROVE)
		snprintf(union_op, sizeof union_op,
		         "经工会研究，同意列为%s帮扶对象，拟帮扶金额 %s 元。（会议纪要：%s，%s）",
		         bf_category_zh(r->category),
		         bf_money_format(r->amount, money, sizeof money), r->meeting_ref, r->date);
	else if (r && r->decision == BF_REVIEW_REJECT)
		snprintf(union_op, sizeof union_op,
		         "经工会研究，不予同意。理由：%s（会议纪要：%s，%s）", r->reason,
		         r->meeting_ref, r->date);
	else
		union_op[0] = '\0';
	bf_pdf_keep(p, 80);
	bf_pdf_seal_box(p, "所在单位意见", c->unit_opinion, 34);
	bf_pdf_seal_box(p, "单位工会意见", union_op, 34);

	const char *reviewer = c->reviewed_by[0] ? c->reviewed_by : r ? r->reviewer : "";
	const struct bf_pdf_sign signs[] = {
	    {"建档人（签字）", c->created_by, NULL},
	    {"审核人（签字）", reviewer, NULL},
	    {"录入人（签字）", c->keyed_by, NULL},
	};
	bf_pdf_keep(p, 50);
	bf_pdf_signatures(p, signs, BF_ARRAY_LEN(signs), 24);
	bf_pdf_paragraph(
	    p, "本人承诺：以上所填内容及所提供的材料真实有效，如有虚假，愿承担相应责任。");
	bf_pdf_signature_line(p, "申请人（签字）：");
	return bf_pdf_write(p, out, err);
}
