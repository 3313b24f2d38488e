/* xlsx_submission.c — the submission's attachments, written from the
 * parsed package content (submission_export.h): attachment 1, the files as
 * an XLSX table (ID, bank card and phone numbers and the amounts as text,
 * so a spreadsheet never turns them into rounded numbers), and attachment
 * 2, the publicity result reports as an A4 PDF. In Chinese, like every
 * printout (print.h). The district's summary is xlsx_district.c's. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "bangfu/casefile.h"
#include "bangfu/money.h"
#include "bangfu/pdf.h"
#include "bangfu/print.h"
#include "bangfu/submission_export.h"
#include "bangfu/xlsx_out.h"

/* ---- attachment 1 ------------------------------------------------------------------ */

struct fmt {
	lxw_format *title, *head, *text, *cell;
};

static void put(lxw_worksheet *ws, int r, int c, const char *s, lxw_format *f)
{
	worksheet_write_string(ws, (lxw_row_t)r, (lxw_col_t)c, s ? s : "", f);
}

/* A text field of the case's "form" object ("" when missing or null). */
static const char *form_text(json_t *form, const char *key)
{
	const char *s = json_string_value(json_object_get(form, key));
	return s ? s : "";
}

static const char *relation_zh(const char *code)
{
	int r = bf_enum_parse(BF_ENUM_RELATION, code);
	size_t n;
	const struct bf_enum_info *t = bf_enum_table(BF_ENUM_RELATION, &n);
	return r >= 0 && (size_t)r < n ? t[r].zh : code;
}

static void sheet_setup(lxw_worksheet *ws)
{
	worksheet_set_paper(ws, 9); /* A4 */
	worksheet_set_landscape(ws);
	worksheet_fit_to_pages(ws, 1, 0);
	worksheet_set_footer(ws, "&C&P / &N");
	worksheet_repeat_rows(ws, 1, 1);
	worksheet_freeze_panes(ws, 2, 0);
}

/* How far attachment 1 has got: rows written of both sheets' (the files,
 * then their members), told to fn (may be NULL). */
struct rows_told {
	bf_progress_fn fn;
	void *ud;
	size_t done, total;
	bf_error *err;
};

static bool row_done(struct rows_told *t)
{
	return bf_progress_tell(t->fn, t->ud, t->done++, t->total, t->err);
}

/* false when progress said stop */
static bool cases_sheet(lxw_worksheet *ws, const struct fmt *f, const struct bf_pkg_submission *s,
                        struct rows_told *t)
{
	static const char *const heads[] = {"档案编号",
	                                    "姓名",
	                                    "身份证号",
	                                    "部门",
	                                    "帮扶类别",
	                                    "拟帮扶金额（元）",
	                                    "开户银行",
	                                    "银行卡号",
	                                    "联系电话",
	                                    "家庭人口",
	                                    "家庭月人均收入（元）"};
	static const double widths[] = {12, 10, 22, 16, 10, 16, 24, 24, 15, 10, 18};
	const int ncol = (int)BF_ARRAY_LEN(heads);
	sheet_setup(ws);
	for (int c = 0; c < ncol; c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
	char title[400];
	snprintf(title, sizeof title, "附件1　%s困难职工档案汇总表（报送批次 %s，第%d版）",
	         s->unit_name, s->batch, s->revision);
	worksheet_merge_range(ws, 0, 0, 0, (lxw_col_t)(ncol - 1), title, f->title);
	worksheet_set_row(ws, 0, 28, NULL);
	for (int c = 0; c < ncol; c++)
		put(ws, 1, c, heads[c], f->head);
	for (size_t i = 0; i < s->n_cases; i++) {
		if (!row_done(t))
			return false;
		const struct bf_pkg_case *pc = &s->cases[i];
		int r = (int)i + 2;
		json_t *root = pc->json ? json_loads(pc->json, 0, NULL) : NULL;
		json_t *form = root ? json_object_get(root, "form") : NULL;
		char bank[300], amount[32], percap[32], size[16];
		const char *bn = form_text(form, "bank_name"), *br = form_text(form, "bank_branch");
		snprintf(bank, sizeof bank, "%s%s%s", bn, bn[0] && br[0] ? " " : "", br);
		bf_money_format_plain(pc->amount, amount, sizeof amount);
		bf_money_format_plain(pc->per_capita, percap, sizeof percap);
		snprintf(size, sizeof size, "%d", pc->household_size);
		put(ws, r, 0, pc->number, f->text);
		put(ws, r, 1, pc->name, f->cell);
		put(ws, r, 2, pc->id_number, f->text);
		put(ws, r, 3, pc->department, f->cell);
		put(ws, r, 4, bf_category_zh(pc->category), f->cell);
		put(ws, r, 5, amount, f->text);
		put(ws, r, 6, bank, f->cell);
		put(ws, r, 7, form_text(form, "bank_card"), f->text);
		put(ws, r, 8, form_text(form, "phone"), f->text);
		worksheet_write_number(ws, (lxw_row_t)r, 9, pc->household_size, f->cell);
		put(ws, r, 10, percap, f->text);
		json_decref(root);
	}
	return true;
}

static bool members_sheet(lxw_worksheet *ws, const struct fmt *f, const struct bf_pkg_submission *s,
                          struct rows_told *t)
{
	static const char *const heads[] = {"档案编号", "姓名", "与职工关系", "身份证号"};
	static const double widths[] = {12, 12, 14, 24};
	sheet_setup(ws);
	for (int c = 0; c < 4; c++)
		worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, widths[c], NULL);
	worksheet_merge_range(ws, 0, 0, 0, 3, "家庭成员", f->title);
	for (int c = 0; c < 4; c++)
		put(ws, 1, c, heads[c], f->head);
	int r = 2;
	for (size_t i = 0; i < s->n_cases; i++)
		for (size_t k = 0; k < s->cases[i].n_people; k++, r++) {
			if (!row_done(t))
				return false;
			const struct bf_pkg_person *p = &s->cases[i].people[k];
			put(ws, r, 0, s->cases[i].number, f->text);
			put(ws, r, 1, p->name, f->cell);
			put(ws, r, 2, relation_zh(p->relation), f->cell);
			put(ws, r, 3, p->id_number, f->text);
		}
	return true;
}

int bf_xlsx_attachment1(bf_outfile *out, const struct bf_pkg_submission *s, bf_error *err)
{
	return bf_xlsx_attachment1_progress(out, s, NULL, NULL, err);
}

int bf_xlsx_attachment1_progress(bf_outfile *out, const struct bf_pkg_submission *s,
                                 bf_progress_fn progress, void *ud, bf_error *err)
{
	/* written into out's private temporary (0600: full ID, bank and phone
	 * numbers) */
	lxw_workbook *wb = bf_xlsx_new(out, err);
	if (!wb)
		return -1;
	struct fmt f;
	f.title = workbook_add_format(wb);
	format_set_bold(f.title);
	format_set_font_size(f.title, 14);
	format_set_align(f.title, LXW_ALIGN_CENTER);
	format_set_align(f.title, LXW_ALIGN_VERTICAL_CENTER);
	f.head = workbook_add_format(wb);
	format_set_bold(f.head);
	format_set_border(f.head, LXW_BORDER_THIN);
	format_set_bg_color(f.head, 0xE8E8E8);
	format_set_align(f.head, LXW_ALIGN_CENTER);
	format_set_text_wrap(f.head);
	/* numbers kept as typed: text, so Excel never rounds or reformats them */
	f.text = workbook_add_format(wb);
	format_set_num_format(f.text, "@");
	format_set_border(f.text, LXW_BORDER_THIN);
	f.cell = workbook_add_format(wb);
	format_set_border(f.cell, LXW_BORDER_THIN);
	struct rows_told t = {progress, ud, 0, s->n_cases, err};
	for (size_t i = 0; i < s->n_cases; i++)
		t.total += s->cases[i].n_people;
	/* the last moment to stop (done of all) is before the workbook is
	 * written; stopped, it is dropped unwritten and the temporary removed */
	if (!cases_sheet(workbook_add_worksheet(wb, "困难职工"), &f, s, &t) ||
	    !members_sheet(workbook_add_worksheet(wb, "家庭成员"), &f, s, &t) || !row_done(&t)) {
		lxw_workbook_free(wb);
		bf_outfile_fail(out, err->msg);
		return -1;
	}
	return bf_xlsx_close(wb, out, err);
}

/* ---- attachment 2 ------------------------------------------------------------------ */

/* The list lines of a result report are cells separated by U+3000
 * (publicity.h's bf_pub_list_text). */
#define IDEO_SPACE "\xe3\x80\x80"
#define LIST_COLS 6

static size_t split_cells(char *line, const char *cells[LIST_COLS])
{
	size_t n = 0;
	char *p = line;
	while (n < LIST_COLS) {
		cells[n++] = p;
		char *sep = strstr(p, IDEO_SPACE);
		if (!sep)
			break;
		*sep = '\0';
		p = sep + strlen(IDEO_SPACE);
	}
	return n;
}

static bool is_list_line(const char *line)
{
	size_t seps = 0;
	for (const char *p = line; (p = strstr(p, IDEO_SPACE)); p += strlen(IDEO_SPACE))
		seps++;
	return seps == LIST_COLS - 1;
}

/* One report, from its text: "附件2" small, the title, the facts as
 * paragraphs, the list as a table (its header repeats on each page), the
 * seal line and the date after it to the right. */
static void pdf_report(bf_pdf *p, const char *text)
{
	static const struct bf_pdf_col weights[LIST_COLS] = {
	    {NULL, 0.6, BF_PDF_CENTER}, {NULL, 1.2, BF_PDF_LEFT},   {NULL, 1.6, BF_PDF_LEFT},
	    {NULL, 2.2, BF_PDF_LEFT},   {NULL, 1.0, BF_PDF_CENTER}, {NULL, 1.4, BF_PDF_RIGHT}};
	char *copy = strdup(text ? text : "");
	if (!copy)
		return;
	bool titled = false, in_table = false, right = false;
	char *line = copy;
	for (char *nl; line; line = nl) {
		nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		if (in_table && !is_list_line(line)) {
			bf_pdf_table_end(p);
			in_table = false;
		}
		if (bf_blank(line)) {
			if (titled)
				bf_pdf_space(p, 3);
			continue;
		}
		if (!titled && !strcmp(line, "附件2")) {
			bf_pdf_small(p, line);
			continue;
		}
		if (!titled) {
			bf_pdf_title(p, line);
			bf_pdf_space(p, 3);
			titled = true;
			continue;
		}
		if (is_list_line(line)) {
			const char *cells[LIST_COLS] = {0};
			split_cells(line, cells);
			if (!in_table) {
				struct bf_pdf_col cols[LIST_COLS];
				for (size_t i = 0; i < LIST_COLS; i++) {
					cols[i] = weights[i];
					cols[i].header = cells[i];
				}
				bf_pdf_table_begin(p, cols, LIST_COLS);
				in_table = true;
			} else {
				bf_pdf_table_row(p, cells);
			}
			continue;
		}
		if (strstr(line, "盖章")) {
			bf_pdf_space(p, 8);
			bf_pdf_paragraph_right(p, line);
			right = true;
			continue;
		}
		if (right) {
			bf_pdf_paragraph_right(p, line);
			right = false;
			continue;
		}
		bf_pdf_paragraph(p, line);
	}
	if (in_table)
		bf_pdf_table_end(p);
	free(copy);
}

int bf_pdf_attachment2(bf_outfile *out, const struct bf_pkg_submission *s,
                       const struct bf_audit_stamp *stamp, bf_error *err)
{
	bf_pdf *p = bf_pdf_new("公示结果报告", err);
	if (!p)
		return -1;
	bf_pdf_set_stamp(p, stamp);
	char head[160];
	snprintf(head, sizeof head, "%s　报送批次 %s　第%d版", s->unit_code, s->batch, s->revision);
	bf_pdf_set_header(p, head);
	if (s->n_reports == 0) {
		bf_pdf_small(p, "附件2");
		bf_pdf_title(p, "公示结果报告");
		bf_pdf_paragraph(p, "本批次的档案没有公示结果报告。");
	}
	for (size_t i = 0; i < s->n_reports; i++) {
		if (i > 0)
			bf_pdf_new_page(p);
		pdf_report(p, s->reports[i].text);
	}
	return bf_pdf_write(p, out, err);
}
