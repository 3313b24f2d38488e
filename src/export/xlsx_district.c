/* xlsx_district.c — the district's summary by unit and category as XLSX
 * (汇总表). Amounts are written as yuan text ("1,290.00"), computed from
 * integer fen: never through floating point. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "bangfu/money.h"
#include "bangfu/submission_export.h"
#include "bangfu/xlsx_out.h"

static const char *category_zh(int cat)
{
	static const char *const names[] = {"合计",   "第一类", "第二类",
	                                    "第三类", "第四类", "第五类"};
	return cat >= 0 && cat <= 5 ? names[cat] : "";
}

int bf_xlsx_district_summary(bf_outfile *out, const struct bf_dist_summary_row *rows, size_t n,
                             const char *district_name, bf_error *err)
{
	lxw_workbook *wb = bf_xlsx_new(out, err);
	if (!wb)
		return -1;
	lxw_format *title = workbook_add_format(wb);
	format_set_bold(title);
	format_set_font_size(title, 16);
	format_set_align(title, LXW_ALIGN_CENTER);
	lxw_format *head = workbook_add_format(wb);
	format_set_bold(head);
	format_set_border(head, LXW_BORDER_THIN);
	format_set_bg_color(head, 0xE8E8E8);
	format_set_align(head, LXW_ALIGN_CENTER);
	format_set_text_wrap(head);
	lxw_format *text = workbook_add_format(wb);
	format_set_num_format(text, "@");
	format_set_border(text, LXW_BORDER_THIN);
	lxw_format *num = workbook_add_format(wb);
	format_set_border(num, LXW_BORDER_THIN);
	lxw_format *money = workbook_add_format(wb);
	format_set_num_format(money, "@");
	format_set_border(money, LXW_BORDER_THIN);
	format_set_align(money, LXW_ALIGN_RIGHT);
	lxw_format *bold_text = workbook_add_format(wb);
	format_set_num_format(bold_text, "@");
	format_set_border(bold_text, LXW_BORDER_THIN);
	format_set_bold(bold_text);
	lxw_format *bold_num = workbook_add_format(wb);
	format_set_border(bold_num, LXW_BORDER_THIN);
	format_set_bold(bold_num);
	lxw_format *bold_money = workbook_add_format(wb);
	format_set_num_format(bold_money, "@");
	format_set_border(bold_money, LXW_BORDER_THIN);
	format_set_align(bold_money, LXW_ALIGN_RIGHT);
	format_set_bold(bold_money);

	lxw_worksheet *ws = workbook_add_worksheet(wb, "汇总");
	worksheet_set_paper(ws, 9); /* A4 */
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_set_footer(ws, "&C&P / &N");
	char buf[512];
	snprintf(buf, sizeof buf, "%s困难职工档案汇总表（按单位、类别）",
	         district_name ? district_name : "");
	worksheet_merge_range(ws, 0, 0, 0, 8, buf, title);
	static const char *const heads[] = {"单位代码", "单位名称",       "类别",
	                                    "件数",     "已同意",         "已退回",
	                                    "待定",     "申报金额（元）", "核定金额（元）"};
	static const double widths[] = {10, 28, 9, 8, 8, 8, 8, 16, 16};
	for (int c = 0; c < 9; c++) {
		worksheet_write_string(ws, 2, (lxw_col_t)c, heads[c], head);
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
	}
	worksheet_freeze_panes(ws, 3, 0);
	struct bf_dist_summary_row all;
	memset(&all, 0, sizeof all);
	lxw_row_t r = 3;
	for (size_t i = 0; i <= n; i++, r++) {
		const struct bf_dist_summary_row *s = i < n ? &rows[i] : &all;
		bool total = s->category == 0;
		lxw_format *t = total ? bold_text : text, *k = total ? bold_num : num,
		           *m = total ? bold_money : money;
		if (i < n && total) {
			all.n_cases += s->n_cases;
			all.n_accepted += s->n_accepted;
			all.n_returned += s->n_returned;
			all.n_pending += s->n_pending;
			all.proposed += s->proposed;
			all.final += s->final;
		}
		char fig[32];
		worksheet_write_string(ws, r, 0, i < n ? s->unit_code : "", t);
		worksheet_write_string(ws, r, 1, i < n ? s->unit_name : "总计", t);
		worksheet_write_string(ws, r, 2, category_zh(s->category), t);
		/* counts are whole numbers: exact as a double */
		worksheet_write_number(ws, r, 3, (double)s->n_cases, k);
		worksheet_write_number(ws, r, 4, (double)s->n_accepted, k);
		worksheet_write_number(ws, r, 5, (double)s->n_returned, k);
		worksheet_write_number(ws, r, 6, (double)s->n_pending, k);
		worksheet_write_string(ws, r, 7, bf_money_format(s->proposed, fig, sizeof fig), m);
		worksheet_write_string(ws, r, 8, bf_money_format(s->final, fig, sizeof fig), m);
	}
	return bf_xlsx_close(wb, out, err);
}
