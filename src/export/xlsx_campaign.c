/* xlsx_campaign.c — campaign budget, sign-off sheet and ledger as XLSX. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "bangfu/campaign_export.h"
#include "bangfu/ident.h"
#include "bangfu/money.h"
#include "bangfu/xlsx_out.h"

void bf_sheet_amounts(bf_fen v, char figures[32], char capitals[128])
{
	bf_money_format(v, figures, 32);
	bf_money_chinese(v, capitals, 128);
}

/* ---- a workbook written beside its destination ---------------------------------- */

struct book {
	lxw_workbook *wb;
	bf_outfile *out;
	lxw_format *title, *bold, *head, *text, *cell, *money, *money_bold, *wrap, *small;
};

static int book_open(struct book *b, bf_outfile *out, bf_error *err)
{
	memset(b, 0, sizeof *b);
	b->out = out;
	b->wb = bf_xlsx_new(out, err);
	if (!b->wb)
		return -1;
	lxw_workbook *wb = b->wb;
	b->title = workbook_add_format(wb);
	format_set_bold(b->title);
	format_set_font_size(b->title, 16);
	format_set_align(b->title, LXW_ALIGN_CENTER);
	format_set_align(b->title, LXW_ALIGN_VERTICAL_CENTER);
	b->bold = workbook_add_format(wb);
	format_set_bold(b->bold);
	b->head = workbook_add_format(wb);
	format_set_bold(b->head);
	format_set_border(b->head, LXW_BORDER_THIN);
	format_set_bg_color(b->head, 0xE8E8E8);
	format_set_align(b->head, LXW_ALIGN_CENTER);
	format_set_align(b->head, LXW_ALIGN_VERTICAL_CENTER);
	format_set_text_wrap(b->head);
	/* ID and phone numbers: text, so Excel never turns them into numbers */
	b->text = workbook_add_format(wb);
	format_set_num_format(b->text, "@");
	format_set_border(b->text, LXW_BORDER_THIN);
	format_set_align(b->text, LXW_ALIGN_VERTICAL_CENTER);
	b->cell = workbook_add_format(wb);
	format_set_border(b->cell, LXW_BORDER_THIN);
	format_set_align(b->cell, LXW_ALIGN_VERTICAL_CENTER);
	b->money = workbook_add_format(wb);
	format_set_num_format(b->money, "#,##0.00");
	format_set_border(b->money, LXW_BORDER_THIN);
	format_set_align(b->money, LXW_ALIGN_VERTICAL_CENTER);
	b->money_bold = workbook_add_format(wb);
	format_set_num_format(b->money_bold, "#,##0.00");
	format_set_border(b->money_bold, LXW_BORDER_THIN);
	format_set_bold(b->money_bold);
	b->wrap = workbook_add_format(wb);
	format_set_text_wrap(b->wrap);
	format_set_align(b->wrap, LXW_ALIGN_VERTICAL_TOP);
	b->small = workbook_add_format(wb);
	format_set_font_size(b->small, 9);
	format_set_font_color(b->small, 0x555555);
	return 0;
}

static int book_close(struct book *b, bf_error *err)
{
	int rc = bf_xlsx_close(b->wb, b->out, err);
	b->wb = NULL;
	return rc;
}

/* Tell fn the rows written so far; when it says stop, drop the workbook
 * unwritten and mark out failed (its commit refuses, removing the
 * temporary). */
static bool book_go(struct book *b, bf_progress_fn fn, void *ud, size_t done, size_t total,
                    bf_error *err)
{
	if (bf_progress_tell(fn, ud, done, total, err))
		return true;
	lxw_workbook_free(b->wb);
	b->wb = NULL;
	bf_outfile_fail(b->out, err->msg);
	return false;
}

static double yuan(bf_fen v)
{
	return (double)v / 100.0;
}

static void put_text(lxw_worksheet *ws, int r, int c, const char *s, lxw_format *f)
{
	worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, s ? s : "", f);
}

static void put_money(lxw_worksheet *ws, int r, int c, bf_fen v, lxw_format *f)
{
	worksheet_write_number(ws, (lxw_row_t)r, (lxw_col_t)c, yuan(v), f);
}

static void page_setup(lxw_worksheet *ws, bool landscape)
{
	worksheet_set_paper(ws, 9); /* A4 */
	if (landscape)
		worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_set_footer(ws, "&C&P / &N");
}

/* "A1"-style reference; col < 26. */
static void ref(char *buf, size_t n, int row, int col)
{
	snprintf(buf, n, "%c%d", 'A' + col, row + 1);
}

/* ---- Chinese names ------------------------------------------------------------- */

static const char *grp_zh(const char *code)
{
	int k = bf_group_kind_parse(code);
	if (k >= 0)
		return bf_group_kind_zh((enum bf_group_kind)k);
	int e = bf_event_parse(code);
	if (e >= 0)
		return bf_event_zh((enum bf_event)e);
	return code ? code : "";
}

static const char *relation_zh(const char *code)
{
	size_t n;
	const struct bf_enum_info *t = bf_enum_table(BF_ENUM_RELATION, &n);
	int r = bf_enum_parse(BF_ENUM_RELATION, code);
	return r >= 0 && (size_t)r < n ? t[r].zh : (code ? code : "");
}

static const char *group_zh(const struct bf_campaign *c, const struct bf_recipient *x)
{
	static char buf[BF_TEXT_SZ];
	for (size_t i = 0; i < c->ngroups; i++)
		if (c->groups[i].id == x->group_id) {
			bf_campaign_group_name_zh(&c->groups[i], buf, sizeof buf);
			return buf;
		}
	return x->group_name;
}

void bf_signoff_counts(const struct bf_signoff *s, int64_t *people, int64_t *households)
{
	*people = *households = 0;
	const struct bf_campaign *c = s->campaign;
	for (size_t i = 0; i < s->n; i++) {
		bool hh = true;
		for (size_t g = 0; g < c->ngroups; g++)
			if (c->groups[g].id == s->rows[i].group_id)
				hh = bf_group_counts_households(&c->groups[g]);
		if (hh)
			++*households;
		else
			++*people;
	}
}

void bf_signoff_count_zh(const struct bf_signoff *s, char *buf, size_t n)
{
	int64_t people, households;
	bf_signoff_counts(s, &people, &households);
	char cnt[96];
	bf_count_text_zh(people, households, cnt, sizeof cnt);
	snprintf(buf, n, "合计：%s", cnt);
}

static void line_label_zh(const struct bf_campaign *c, const struct bf_budget_line *l, char *buf,
                          size_t n)
{
	static const char *const tier[BF_TIERS] = {"（1人户）", "（2人户）", "（3人及以上户）"};
	char name[BF_TEXT_SZ];
	if (l->group >= 0 && (size_t)l->group < c->ngroups)
		bf_campaign_group_name_zh(&c->groups[l->group], name, sizeof name);
	else
		bf_strlcpy(name, l->label, sizeof name);
	snprintf(buf, n, "%s%s%s", name, l->tier >= 0 && l->tier < BF_TIERS ? tier[l->tier] : "",
	         l->capped ? "（按上限）" : "");
}

/* ---- budget ------------------------------------------------------------------------ */

int bf_xlsx_campaign_budget(bf_outfile *out, const struct bf_campaign *c,
                            const struct bf_budget_line *lines, size_t n,
                            const struct bf_budget_totals *t, bool from_plan, bf_error *err)
{
	struct book b;
	if (book_open(&b, out, err) != 0)
		return -1;
	lxw_worksheet *ws = workbook_add_worksheet(b.wb, "预算");
	page_setup(ws, false);
	char buf[512], fig[32], cap[128];
	snprintf(buf, sizeof buf, "%s慰问经费预算", c->name);
	enum { NCOL = 7 };
	worksheet_merge_range(ws, 0, 0, 0, NCOL - 1, buf, b.title);
	snprintf(buf, sizeof buf, "慰问时间：%s至%s；%s", c->start_date, c->end_date,
	         from_plan ? "按计划人（户）数" : "按已确定的慰问名单");
	worksheet_merge_range(ws, 1, 0, 1, NCOL - 1, buf, b.small);
	/* people and households are counted apart: each line fills one of the two */
	const char *heads[NCOL] = {
	    "慰问对象", "人数",      "户数", "每人（户）慰问金（元）", "每人（户）慰问品（元）",
	    "慰问品",   "小计（元）"};
	for (int i = 0; i < NCOL; i++)
		put_text(ws, 3, i, heads[i], b.head);
	worksheet_set_column(ws, 0, 0, 30, NULL);
	worksheet_set_column(ws, 1, 2, 8, NULL);
	worksheet_set_column(ws, 3, 4, 14, NULL);
	worksheet_set_column(ws, 5, 5, 14, NULL);
	worksheet_set_column(ws, 6, 6, 15, NULL);
	int r = 4;
	for (size_t i = 0; i < n; i++, r++) {
		const struct bf_budget_line *l = &lines[i];
		char label[BF_TEXT_SZ + 64];
		line_label_zh(c, l, label, sizeof label);
		put_text(ws, r, 0, label, b.cell);
		worksheet_write_number(ws, (lxw_row_t)r, l->households ? 2 : 1, (double)l->count,
		                       b.cell);
		put_text(ws, r, l->households ? 1 : 2, "", b.cell);
		put_money(ws, r, 3, l->cash, b.money);
		put_money(ws, r, 4, l->goods, b.money);
		const char *note = l->group >= 0 && (size_t)l->group < c->ngroups
		                       ? c->groups[l->group].goods_note
		                       : "";
		put_text(ws, r, 5, l->goods > 0 ? note : "", b.cell);
		char f[128], rb[16], rc[16], rd[16], re[16];
		ref(rb, sizeof rb, r, 1);
		ref(rc, sizeof rc, r, 2);
		ref(rd, sizeof rd, r, 3);
		ref(re, sizeof re, r, 4);
		snprintf(f, sizeof f, "=(%s+%s)*(%s+%s)", rb, rc, rd, re);
		worksheet_write_formula_num(ws, (lxw_row_t)r, 6, f, b.money, yuan(l->subtotal));
	}
	put_text(ws, r, 0, "合计", b.head);
	char f[96];
	if (n > 0) {
		snprintf(f, sizeof f, "=SUM(B%d:B%d)", 5, r);
		worksheet_write_formula_num(ws, (lxw_row_t)r, 1, f, b.head, (double)t->people);
		snprintf(f, sizeof f, "=SUM(C%d:C%d)", 5, r);
		worksheet_write_formula_num(ws, (lxw_row_t)r, 2, f, b.head, (double)t->households);
		snprintf(f, sizeof f, "=SUM(G%d:G%d)", 5, r);
		worksheet_write_formula_num(ws, (lxw_row_t)r, 6, f, b.money_bold, yuan(t->total));
	} else {
		worksheet_write_number(ws, (lxw_row_t)r, 1, 0, b.head);
		worksheet_write_number(ws, (lxw_row_t)r, 2, 0, b.head);
		put_money(ws, r, 6, 0, b.money_bold);
	}
	for (int i = 3; i < 6; i++)
		put_text(ws, r, i, "", b.cell);
	r += 2;
	bf_sheet_amounts(t->total, fig, cap);
	char c1[32], c2[32], cnt[96];
	bf_count_text_zh(t->people, t->households, cnt, sizeof cnt);
	snprintf(buf, sizeof buf, "总计：%s，%s元（大写：%s），其中慰问金%s元，慰问品%s元", cnt,
	         fig, cap, bf_money_format(t->cash, c1, sizeof c1),
	         bf_money_format(t->goods, c2, sizeof c2));
	worksheet_merge_range(ws, (lxw_row_t)r, 0, (lxw_row_t)r, NCOL - 1, buf, b.bold);
	return book_close(&b, err);
}

/* ---- sign-off sheet ------------------------------------------------------------------ */

int bf_xlsx_signoff_sheet(bf_outfile *out, const struct bf_signoff *s, bf_error *err)
{
	struct book b;
	if (book_open(&b, out, err) != 0)
		return -1;
	lxw_worksheet *ws = workbook_add_worksheet(b.wb, "签字确认表");
	page_setup(ws, true);
	const struct bf_campaign *c = s->campaign;
	char buf[512], fig[32], cap[128], idm[40];
	enum { NCOL = 12 };
	snprintf(buf, sizeof buf, "%s慰问金发放签字确认表", c->name);
	worksheet_merge_range(ws, 0, 0, 0, NCOL - 1, buf, b.title);
	worksheet_set_row(ws, 0, 28, NULL);
	bool comm = s->place_kind && strcmp(s->place_kind, "community") == 0;
	snprintf(buf, sizeof buf, "%s%s%s：%s    慰问时间：%s至%s",
	         s->union_name && s->union_name[0] ? s->union_name : "",
	         s->union_name && s->union_name[0] ? "    " : "", comm ? "社区" : "单位",
	         s->place && s->place[0] ? s->place : "（未填）", c->start_date, c->end_date);
	worksheet_merge_range(ws, 1, 0, 1, NCOL - 1, buf, NULL);
	const char *heads[NCOL] = {"序号",     "姓名",       "身份证号",   "档案编号",
	                           "家庭人口", "慰问对象",   "金额（元）", "金额（大写）",
	                           "慰问品",   "领取人签字", "与户主关系", "联系电话"};
	static const double widths[NCOL] = {5, 10, 21, 11, 6, 16, 12, 22, 14, 14, 10, 14};
	for (int i = 0; i < NCOL; i++) {
		put_text(ws, 3, i, heads[i], b.head);
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, widths[i], NULL);
	}
	worksheet_repeat_rows(ws, 3, 3);
	worksheet_freeze_panes(ws, 4, 0);
	int r = 4;
	bf_fen cash = 0, goods = 0;
	for (size_t i = 0; i < s->n; i++, r++) {
		if (!book_go(&b, s->progress, s->progress_ud, i, s->n, err))
			return -1;
		const struct bf_recipient *x = &s->rows[i];
		worksheet_set_row(ws, (lxw_row_t)r, 30, NULL);
		worksheet_write_number(ws, (lxw_row_t)r, 0, (double)(i + 1), b.cell);
		put_text(ws, r, 1, x->name, b.cell);
		bf_mask_id(x->id_number, idm, sizeof idm);
		put_text(ws, r, 2, idm, b.text);
		put_text(ws, r, 3, x->case_number, b.text);
		worksheet_write_number(ws, (lxw_row_t)r, 4, (double)x->household_size, b.cell);
		put_text(ws, r, 5, group_zh(c, x), b.cell);
		put_money(ws, r, 6, x->cash, b.money);
		bf_sheet_amounts(x->cash, fig, cap);
		put_text(ws, r, 7, x->cash > 0 ? cap : "", b.cell);
		if (x->goods > 0) {
			snprintf(buf, sizeof buf, "价值%s元", bf_money_format(x->goods, fig, 32));
			put_text(ws, r, 8, buf, b.cell);
		} else {
			put_text(ws, r, 8, "", b.cell);
		}
		put_text(ws, r, 9, "", b.cell);
		put_text(ws, r, 10, "", b.cell);
		put_text(ws, r, 11, "", b.text);
		cash += x->cash;
		goods += x->goods;
	}
	if (!book_go(&b, s->progress, s->progress_ud, s->n, s->n, err))
		return -1;
	put_text(ws, r, 0, "", b.head);
	bf_signoff_count_zh(s, buf, sizeof buf);
	worksheet_merge_range(ws, (lxw_row_t)r, 1, (lxw_row_t)r, 5, buf, b.head);
	put_money(ws, r, 6, cash, b.money_bold);
	bf_sheet_amounts(cash, fig, cap);
	put_text(ws, r, 7, cap, b.head);
	if (goods > 0) {
		snprintf(buf, sizeof buf, "价值%s元", bf_money_format(goods, fig, 32));
		put_text(ws, r, 8, buf, b.head);
	} else {
		put_text(ws, r, 8, "", b.head);
	}
	for (int i = 9; i < NCOL; i++)
		put_text(ws, r, i, "", b.head);
	r += 2;
	worksheet_merge_range(ws, (lxw_row_t)r, 0, (lxw_row_t)r, NCOL - 1, BF_SIGNOFF_RULE_ZH,
	                      b.wrap);
	worksheet_set_row(ws, (lxw_row_t)r, 32, NULL);
	r += 2;
	snprintf(buf, sizeof buf, "%s",
	         "发放人（签字）：____________    审核人（签字）：____________    "
	         "日期：______年____月____日");
	worksheet_merge_range(ws, (lxw_row_t)r, 0, (lxw_row_t)r, NCOL - 1, buf, NULL);
	return book_close(&b, err);
}

/* ---- ledger --------------------------------------------------------------------------- */

static int totals_block(struct book *b, lxw_worksheet *ws, int r, const char *title,
                        const struct bf_ledger_total *t, size_t n, bool group_labels)
{
	put_text(ws, r++, 0, title, b->bold);
	const char *heads[] = {"项目", "笔数", "慰问金（元）", "慰问品（元）", "合计（元）"};
	for (int i = 0; i < 5; i++)
		put_text(ws, r, i, heads[i], b->head);
	r++;
	int64_t cnt = 0;
	bf_fen cash = 0, goods = 0;
	for (size_t i = 0; i < n; i++, r++) {
		const char *key = group_labels ? grp_zh(t[i].key) : t[i].key;
		put_text(ws, r, 0, key[0] ? key : "（未填）", b->text);
		worksheet_write_number(ws, (lxw_row_t)r, 1, (double)t[i].count, b->cell);
		put_money(ws, r, 2, t[i].cash, b->money);
		put_money(ws, r, 3, t[i].goods, b->money);
		put_money(ws, r, 4, t[i].cash + t[i].goods, b->money);
		cnt += t[i].count;
		cash += t[i].cash;
		goods += t[i].goods;
	}
	put_text(ws, r, 0, "合计", b->head);
	worksheet_write_number(ws, (lxw_row_t)r, 1, (double)cnt, b->money_bold);
	put_money(ws, r, 2, cash, b->money_bold);
	put_money(ws, r, 3, goods, b->money_bold);
	put_money(ws, r, 4, cash + goods, b->money_bold);
	return r + 2;
}

int bf_xlsx_ledger(bf_outfile *out, const struct bf_ledger_export *x, bf_error *err)
{
	struct book b;
	if (book_open(&b, out, err) != 0)
		return -1;
	lxw_worksheet *ws = workbook_add_worksheet(b.wb, "资金台账");
	page_setup(ws, true);
	enum { NCOL = 14 };
	worksheet_merge_range(ws, 0, 0, 0, NCOL - 1, x->title ? x->title : "资金台账", b.title);
	const char *heads[NCOL] = {"发放日期",     "活动或事项", "类别",   "档案编号",
	                           "领取对象",     "身份证号",   "单位",   "慰问金（元）",
	                           "慰问品（元）", "合计（元）", "签字人", "与户主关系",
	                           "联系电话",     "记账号"};
	static const double widths[NCOL] = {11, 22, 14, 11, 10, 21, 14, 12, 12, 12, 10, 10, 14, 7};
	for (int i = 0; i < NCOL; i++) {
		put_text(ws, 2, i, heads[i], b.head);
		worksheet_set_column(ws, (lxw_col_t)i, (lxw_col_t)i, widths[i], NULL);
	}
	worksheet_repeat_rows(ws, 2, 2);
	worksheet_freeze_panes(ws, 3, 0);
	int r = 3;
	bf_fen cash = 0, goods = 0;
	char idm[40], num[24];
	for (size_t i = 0; i < x->n; i++, r++) {
		if (!book_go(&b, x->progress, x->progress_ud, i, x->n, err))
			return -1;
		const struct bf_ledger_row *l = &x->rows[i];
		put_text(ws, r, 0, l->paid_on, b.text);
		put_text(ws, r, 1, l->what, b.cell);
		put_text(ws, r, 2, grp_zh(l->grp), b.cell);
		put_text(ws, r, 3, l->case_number, b.text);
		put_text(ws, r, 4, l->payee, b.cell);
		if (x->reveal)
			bf_strlcpy(idm, l->id_number, sizeof idm);
		else
			bf_mask_id(l->id_number, idm, sizeof idm);
		put_text(ws, r, 5, idm, b.text);
		put_text(ws, r, 6, l->unit, b.cell);
		put_money(ws, r, 7, l->cash, b.money);
		put_money(ws, r, 8, l->goods, b.money);
		put_money(ws, r, 9, l->cash + l->goods, b.money);
		put_text(ws, r, 10, l->signer, b.cell);
		put_text(ws, r, 11, relation_zh(l->signer_relation), b.cell);
		if (x->reveal)
			bf_strlcpy(idm, l->phone, sizeof idm);
		else
			bf_mask_phone(l->phone, idm, sizeof idm);
		put_text(ws, r, 12, idm, b.text);
		snprintf(num, sizeof num, "%lld", (long long)l->id);
		put_text(ws, r, 13, num, b.text);
		cash += l->cash;
		goods += l->goods;
	}
	if (!book_go(&b, x->progress, x->progress_ud, x->n, x->n, err))
		return -1;
	put_text(ws, r, 0, "合计", b.head);
	for (int i = 1; i < 7; i++)
		put_text(ws, r, i, "", b.head);
	put_money(ws, r, 7, cash, b.money_bold);
	put_money(ws, r, 8, goods, b.money_bold);
	put_money(ws, r, 9, cash + goods, b.money_bold);

	lxw_worksheet *tw = workbook_add_worksheet(b.wb, "汇总");
	page_setup(tw, false);
	worksheet_set_column(tw, 0, 0, 24, NULL);
	worksheet_set_column(tw, 1, 4, 14, NULL);
	r = 0;
	r = totals_block(&b, tw, r, "按月份", x->by_month, x->n_month, false);
	r = totals_block(&b, tw, r, "按单位", x->by_unit, x->n_unit, false);
	r = totals_block(&b, tw, r, "按类别", x->by_group, x->n_group, true);

	if (x->recon) {
		lxw_worksheet *rw = workbook_add_worksheet(b.wb, "预算核对");
		page_setup(rw, true);
		const char *rh[] = {"慰问对象",     "名单人数",      "预算（元）",   "已发放户数",
		                    "已发放（元）", "未发放户数",    "未发放（元）", "待发放户数",
		                    "待发放（元）", "台账金额（元）"};
		enum { NR = 10 };
		worksheet_set_column(rw, 0, 0, 28, NULL);
		worksheet_set_column(rw, 1, NR - 1, 13, NULL);
		for (int i = 0; i < NR; i++)
			put_text(rw, 0, i, rh[i], b.head);
		for (size_t i = 0; i <= x->n_recon; i++) {
			const struct bf_reconcile_line *l =
			    i < x->n_recon ? &x->recon[i] : x->recon_total;
			if (!l)
				break;
			int rr = (int)i + 1;
			lxw_format *fm = i < x->n_recon ? b.money : b.money_bold;
			put_text(rw, rr, 0, l->group, i < x->n_recon ? b.cell : b.head);
			worksheet_write_number(rw, (lxw_row_t)rr, 1, (double)l->people, b.cell);
			put_money(rw, rr, 2, l->budget, fm);
			worksheet_write_number(rw, (lxw_row_t)rr, 3, (double)l->n_paid, b.cell);
			put_money(rw, rr, 4, l->paid, fm);
			worksheet_write_number(rw, (lxw_row_t)rr, 5, (double)l->n_not_paid, b.cell);
			put_money(rw, rr, 6, l->not_paid, fm);
			worksheet_write_number(rw, (lxw_row_t)rr, 7, (double)l->n_pending, b.cell);
			put_money(rw, rr, 8, l->pending, fm);
			put_money(rw, rr, 9, l->ledger, fm);
		}
	}
	return book_close(&b, err);
}
