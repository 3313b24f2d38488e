/* print_checklist.c — the checklist handout for the applicant: what to
 * bring, as text and as an A4 PDF. In Chinese (see print.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/money.h"
#include "bangfu/pdf.h"
#include "bangfu/print.h"

const char *bf_category_zh(int category)
{
	static const char *const zh[] = {"第一类", "第二类", "第三类", "第四类", "第五类"};
	return category >= 1 && category <= 5 ? zh[category - 1] : "";
}

/* One line of the handout. */
struct hrow {
	char what[256]; /* the document, Chinese */
	char who[BF_NAME_SZ];
	char state[256]; /* 待交 / 已收… / 免交… / 无须提交 */
	bool to_bring;   /* still to bring */
	bool pair_intro; /* the "either … or both of" line before the pair */
};

static void item_state(const struct bf_checklist *cl, const struct bf_checklist_item *it,
                       struct hrow *r)
{
	r->to_bring = false;
	if (it->status == BF_ITEM_RECEIVED) {
		snprintf(r->state, sizeof r->state, "已收（%s，%d 份）", it->received_date,
		         it->copies > 0 ? it->copies : 1);
	} else if (it->status == BF_ITEM_WAIVED) {
		snprintf(r->state, sizeof r->state, "免交（%s）", it->waive_reason);
	} else if (it->alt_group && bf_checklist_group_done(cl, it->alt_group)) {
		snprintf(r->state, sizeof r->state, "%s", "无须提交（已交替代材料）");
		if (it->pair_member)
			snprintf(r->state, sizeof r->state, "%s", "无须提交（已交证明）");
	} else {
		snprintf(r->state, sizeof r->state, "%s", "待交");
		r->to_bring = true;
	}
}

/* The rows in order; returns the count (at most max), the number of
 * requirements still to bring in *to_bring, and in *alt_open whether the
 * disaster proof or its alternative is still to bring (so that rows marked
 * to bring are more than the requirements). */
static size_t handout_rows(const struct bf_checklist *cl, struct hrow *rows, size_t max,
                           size_t *to_bring, bool *alt_open)
{
	size_t n = 0;
	bool pair_intro_done = false;
	struct bf_checklist_summary s;
	bf_checklist_summarize(cl, &s);
	*to_bring = s.missing;
	*alt_open = false;
	for (size_t i = 0; i < cl->n && n < max; i++) {
		const struct bf_checklist_item *it = &cl->items[i];
		if (!it->required)
			continue;
		if (it->alt_group && !bf_checklist_group_done(cl, it->alt_group))
			*alt_open = true;
		if (it->pair_member && !pair_intro_done && n < max) {
			struct hrow *r = &rows[n++];
			memset(r, 0, sizeof *r);
			r->pair_intro = true;
			snprintf(r->what, sizeof r->what, "%s",
			         "如无法取得上述证明，须同时提交以下两项：");
			pair_intro_done = true;
			if (n >= max)
				break;
		}
		struct hrow *r = &rows[n++];
		memset(r, 0, sizeof *r);
		snprintf(r->what, sizeof r->what, "%s", bf_doc_zh(it->kind));
		bf_strlcpy(r->who, it->member_name, sizeof r->who);
		item_state(cl, it, r);
	}
	return n;
}

static const char *unit_union(const struct bf_unit *u)
{
	if (!u)
		return "";
	return u->union_name[0] ? u->union_name : u->name;
}

void bf_checklist_handout_text(FILE *out, const struct bf_case *c, const struct bf_checklist *cl,
                               const struct bf_unit *u, bf_date today)
{
	size_t to_bring, max = cl->n * 2 + 2;
	struct hrow *rows = calloc(max, sizeof *rows);
	if (!rows)
		return;
	bool alt_open;
	size_t n = handout_rows(cl, rows, max, &to_bring, &alt_open);
	char date[BF_DATE_SZ];
	bf_date_format(today, date);
	fprintf(out, "困难职工帮扶申请材料清单\n\n");
	fprintf(out, "档案编号：%s　申请人：%s", c->number, c->members[0].name);
	if (c->department[0])
		fprintf(out, "（%s）", c->department);
	fprintf(out, "　日期：%s\n", date);
	if (to_bring)
		fprintf(out, "尚需提交 %zu 项材料（标“□”者%s）。已收取或免交的材料无须再交。\n\n",
		        to_bring, alt_open ? "；意外灾害证明与其两项替代材料提交其一即可" : "");
	else
		fprintf(out, "材料已齐全，无须再提交。\n\n");
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct hrow *r = &rows[i];
		if (r->pair_intro) {
			fprintf(out, "    %s\n", r->what);
			continue;
		}
		fprintf(out, "%s %2zu. %s%s%s%s — %s\n", r->to_bring ? "□" : "√", ++k, r->what,
		        r->who[0] ? "（" : "", r->who, r->who[0] ? "）" : "", r->state);
	}
	if (u) {
		fprintf(out, "\n%s", unit_union(u));
		if (u->contact[0])
			fprintf(out, "　联系人：%s", u->contact);
		if (u->phone[0])
			fprintf(out, "　电话：%s", u->phone);
		fputc('\n', out);
	}
	free(rows);
}

int bf_checklist_handout_pdf(bf_outfile *out, const struct bf_case *c,
                             const struct bf_checklist *cl, const struct bf_unit *u, bf_date today,
                             bf_error *err)
{
	size_t to_bring, max = cl->n * 2 + 2;
	struct hrow *rows = calloc(max, sizeof *rows);
	if (!rows) {
		bf_error_set(err, "%s", _("out of memory"));
		return -1;
	}
	bool alt_open;
	size_t n = handout_rows(cl, rows, max, &to_bring, &alt_open);
	bf_pdf *p = bf_pdf_new("困难职工帮扶申请材料清单", err);
	if (!p) {
		free(rows);
		return -1;
	}
	char buf[512], date[BF_DATE_SZ];
	bf_date_format(today, date);
	snprintf(buf, sizeof buf, "档案编号 %s", c->number);
	bf_pdf_set_header(p, buf);
	if (u)
		bf_pdf_set_stamp(p, &u->stamp);
	bf_pdf_title(p, "困难职工帮扶申请材料清单");
	snprintf(buf, sizeof buf, "档案编号：%s　　申请人：%s%s%s%s　　日期：%s", c->number,
	         c->members[0].name, c->department[0] ? "（" : "", c->department,
	         c->department[0] ? "）" : "", date);
	bf_pdf_subtitle(p, buf);
	if (to_bring)
		snprintf(buf, sizeof buf,
		         "请准备并提交下表中标“待交”的材料，共 %zu "
		         "项%s。已收取或经同意免交的材料无须再交。"
		         "复印件请用 A4 纸；身份证复印正反两面。",
		         to_bring, alt_open ? "（意外灾害证明与其两项替代材料提交其一即可）" : "");
	else
		snprintf(buf, sizeof buf, "%s", "材料已齐全，无须再提交。");
	bf_pdf_paragraph(p, buf);
	static const struct bf_pdf_col cols[] = {
	    {"序号", 0.8, BF_PDF_CENTER},
	    {"材料", 5.0, BF_PDF_LEFT},
	    {"对象", 1.4, BF_PDF_CENTER},
	    {"状态", 2.8, BF_PDF_LEFT},
	};
	bf_pdf_table_begin(p, cols, BF_ARRAY_LEN(cols));
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		const struct hrow *r = &rows[i];
		if (r->pair_intro) {
			const char *cells[] = {"", r->what, NULL, NULL};
			bf_pdf_table_row(p, cells);
			continue;
		}
		char num[16];
		snprintf(num, sizeof num, "%zu", ++k);
		const char *state = r->to_bring ? "□ 待交" : r->state;
		const char *cells[] = {num, r->what, r->who[0] ? r->who : "全户", state};
		bf_pdf_table_row(p, cells);
	}
	bf_pdf_table_end(p);
	if (u) {
		char line[512];
		snprintf(line, sizeof line, "%s%s%s%s%s", unit_union(u),
		         u->contact[0] ? "　联系人：" : "", u->contact,
		         u->phone[0] ? "　电话：" : "", u->phone);
		bf_pdf_space(p, 4);
		bf_pdf_paragraph_right(p, line);
	}
	free(rows);
	return bf_pdf_write(p, out, err);
}
