/* pdf_campaign.c — the payment sign-off sheet (签字确认表) as an A4 PDF,
 * in Chinese like every printout. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bangfu/campaign_export.h"
#include "bangfu/ident.h"
#include "bangfu/money.h"
#include "bangfu/pdf.h"

int bf_pdf_signoff_sheet(bf_outfile *out, const struct bf_signoff *s, bf_error *err)
{
	const struct bf_campaign *c = s->campaign;
	char title[256], line[512];
	snprintf(title, sizeof title, "%s慰问金发放签字确认表", c->name);
	bf_pdf *p = bf_pdf_new(title, err);
	if (!p)
		return -1;
	bool comm = s->place_kind && strcmp(s->place_kind, "community") == 0;
	snprintf(line, sizeof line, "%s：%s", comm ? "社区" : "单位",
	         s->place && s->place[0] ? s->place : "（未填）");
	bf_pdf_set_header(p, line);
	bf_pdf_set_stamp(p, &s->stamp);
	bf_pdf_title(p, title);
	snprintf(line, sizeof line, "%s%s%s：%s    慰问时间：%s至%s",
	         s->union_name && s->union_name[0] ? s->union_name : "",
	         s->union_name && s->union_name[0] ? "    " : "", comm ? "社区" : "单位",
	         s->place && s->place[0] ? s->place : "（未填）", c->start_date, c->end_date);
	bf_pdf_subtitle(p, line);
	bf_pdf_space(p, 2);

	/* A4 portrait: the group column stays in the XLSX sheet only */
	static const struct bf_pdf_col cols[] = {
	    {"序号", 0.6, BF_PDF_CENTER},       {"姓名", 1.8, BF_PDF_CENTER},
	    {"身份证号", 4.3, BF_PDF_CENTER},   {"金额（元）", 1.9, BF_PDF_RIGHT},
	    {"金额（大写）", 2.2, BF_PDF_LEFT}, {"慰问品（元）", 1.6, BF_PDF_RIGHT},
	    {"领取人签字", 1.6, BF_PDF_CENTER}, {"关系", 0.9, BF_PDF_CENTER},
	    {"联系电话", 1.9, BF_PDF_CENTER}};
	enum { NCOL = sizeof cols / sizeof cols[0] };
	bf_pdf_table_begin(p, cols, NCOL);
	bf_fen cash = 0, goods = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (!bf_progress_tell(s->progress, s->progress_ud, i, s->n, err)) {
			bf_pdf_free(p);
			bf_outfile_fail(out, err->msg);
			return -1;
		}
		const struct bf_recipient *x = &s->rows[i];
		char no[24], idm[40], fig[32], cap[128], gd[64];
		snprintf(no, sizeof no, "%zu", i + 1);
		bf_mask_id(x->id_number, idm, sizeof idm);
		bf_sheet_amounts(x->cash, fig, cap);
		if (x->goods > 0) {
			char g[32];
			snprintf(gd, sizeof gd, "%s", bf_money_format(x->goods, g, sizeof g));
		} else {
			gd[0] = '\0';
		}
		const char *cells[NCOL] = {no, x->name, idm, fig, x->cash > 0 ? cap : "",
		                           gd, "",      "",  ""};
		bf_pdf_table_row_ex(p, cells, NULL, 11);
		cash += x->cash;
		goods += x->goods;
	}
	{
		char cnt[128], fig[32], cap[128], gd[64];
		bf_signoff_count_zh(s, cnt, sizeof cnt);
		bf_sheet_amounts(cash, fig, cap);
		if (goods > 0) {
			char g[32];
			snprintf(gd, sizeof gd, "%s", bf_money_format(goods, g, sizeof g));
		} else {
			gd[0] = '\0';
		}
		static const unsigned flags[NCOL] = {BF_PDF_CELL_LABEL};
		const char *cells[NCOL] = {cnt, NULL, NULL, fig, cap, gd, "", "", ""};
		bf_pdf_table_row_ex(p, cells, flags, 9);
	}
	bf_pdf_table_end(p);
	bf_pdf_space(p, 3);
	bf_pdf_keep(p, 30);
	bf_pdf_paragraph(p, BF_SIGNOFF_RULE_ZH);
	bf_pdf_space(p, 4);
	struct bf_pdf_sign boxes[] = {{"发放人（签字）", NULL, NULL},
	                              {"审核人（签字）", NULL, NULL}};
	bf_pdf_signatures(p, boxes, 2, 18);
	bf_pdf_set_progress(p, s->progress, s->progress_ud);
	return bf_pdf_write(p, out, err);
}
