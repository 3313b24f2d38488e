/* print_publicity.c — the publicity notice and the publicity result report,
 * as text and as A4 PDF over the PDF module. In Chinese (see print.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bangfu/money.h"
#include "bangfu/pdf.h"
#include "bangfu/print.h"
#include "bangfu/print_publicity.h"

int bf_pub_notice_text(FILE *out, const char *tpl, const struct bf_pub_notice *nt, bf_error *err)
{
	char *s = bf_pub_render(tpl, nt);
	if (!s) {
		bf_error_set(err, "%s", _("out of memory"));
		return -1;
	}
	fputs(s, out);
	free(s);
	return 0;
}

static const struct bf_pdf_col list_cols[] = {
    {"序号", 0.6, BF_PDF_CENTER},     {"姓名", 1.2, BF_PDF_LEFT},
    {"部门", 1.6, BF_PDF_LEFT},       {"身份证号", 2.2, BF_PDF_LEFT},
    {"帮扶类别", 1.0, BF_PDF_CENTER}, {"拟帮扶金额（元）", 1.4, BF_PDF_RIGHT},
};

/* The list as a table, telling progress (may be NULL) the rows laid out;
 * false (err set) when it says stop. */
static bool pdf_list(bf_pdf *p, const struct bf_pub_entry *e, size_t n, bf_progress_fn progress,
                     void *ud, bf_error *err)
{
	bf_pdf_table_begin(p, list_cols, BF_ARRAY_LEN(list_cols));
	for (size_t i = 0; i < n; i++) {
		if (!bf_progress_tell(progress, ud, i, n, err))
			return false;
		char no[24], money[32];
		snprintf(no, sizeof no, "%zu", i + 1);
		if (e[i].amount > 0)
			bf_money_format(e[i].amount, money, sizeof money);
		else
			snprintf(money, sizeof money, "%s", "—");
		const char *cat = bf_category_zh(e[i].category);
		const char *cells[] = {no,
		                       e[i].name,
		                       e[i].department[0] ? e[i].department : "—",
		                       e[i].id_masked,
		                       cat[0] ? cat : "—",
		                       money};
		bf_pdf_table_row(p, cells);
	}
	bf_pdf_table_end(p);
	return true;
}

/* Write p into out, its pages told to progress; or, when the list was
 * stopped, nothing (out marked failed). */
static int pdf_finish(bf_pdf *p, bool listed, bf_outfile *out, bf_progress_fn progress, void *ud,
                      bf_error *err)
{
	if (!listed) {
		bf_pdf_free(p);
		bf_outfile_fail(out, err->msg);
		return -1;
	}
	bf_pdf_set_progress(p, progress, ud);
	return bf_pdf_write(p, out, err);
}

/* The rendered text as blocks: the first line a title when first, empty
 * lines as space, the signature (a line with "盖章") and the line after it
 * to the right. */
static void pdf_text(bf_pdf *p, const char *text, bool first)
{
	char *copy = strdup(text ? text : "");
	if (!copy)
		return;
	bool right = false;
	char *line = copy;
	for (char *nl; line; line = nl) {
		nl = strchr(line, '\n');
		if (nl)
			*nl++ = '\0';
		if (bf_blank(line)) {
			if (!first)
				bf_pdf_space(p, 3);
			if (!nl || !*nl)
				break;
			continue;
		}
		if (first) {
			bf_pdf_title(p, line);
			bf_pdf_space(p, 4);
			first = false;
			continue;
		}
		if (strstr(line, "盖章")) {
			bf_pdf_space(p, 8);
			right = true;
			bf_pdf_paragraph_right(p, line);
			continue;
		}
		if (right) {
			bf_pdf_paragraph_right(p, line);
			right = false;
			continue;
		}
		bf_pdf_paragraph(p, line);
	}
	free(copy);
}

int bf_pub_notice_pdf(bf_outfile *out, const char *tpl, const struct bf_pub_notice *nt,
                      bf_error *err)
{
	if (!tpl)
		tpl = bf_pub_default_template();
	/* the template around {list}: rendered apart, the list a table between */
	const char *at = strstr(tpl, "{list}");
	size_t pre_len = at ? (size_t)(at - tpl) : strlen(tpl);
	char *pre_tpl = malloc(pre_len + 1);
	if (!pre_tpl) {
		bf_error_set(err, "%s", _("out of memory"));
		return -1;
	}
	memcpy(pre_tpl, tpl, pre_len);
	pre_tpl[pre_len] = '\0';
	char *pre = bf_pub_render(pre_tpl, nt);
	char *post = at ? bf_pub_render(at + strlen("{list}"), nt) : NULL;
	free(pre_tpl);
	bf_pdf *p = pre && (post || !at) ? bf_pdf_new("公示", err) : NULL;
	if (!p) {
		if (pre && (post || !at))
			; /* err set by bf_pdf_new */
		else
			bf_error_set(err, "%s", _("out of memory"));
		free(pre);
		free(post);
		return -1;
	}
	bf_pdf_set_stamp(p, &nt->stamp);

	pdf_text(p, pre, true);
	bool listed = true;
	if (at) {
		listed = pdf_list(p, nt->entries, nt->n, nt->progress, nt->progress_ud, err);
		bf_pdf_space(p, 3);
		pdf_text(p, post, false);
	}
	free(pre);
	free(post);
	return pdf_finish(p, listed, out, nt->progress, nt->progress_ud, err);
}

static const char *union_of(const struct bf_pub_result *r)
{
	return r->union_name && r->union_name[0] ? r->union_name : r->unit_name;
}

void bf_pub_result_text(FILE *out, const struct bf_pub_result *r)
{
	char s[64], e[64], d[64];
	bf_date_zh(r->start, s, sizeof s);
	bf_date_zh(r->end, e, sizeof e);
	bf_date_zh(r->reported_on, d, sizeof d);
	fprintf(out, "附件2\n\n%s困难职工帮扶对象公示结果报告\n\n", r->unit_name);
	fprintf(out, "单位名称：%s\n", r->unit_name);
	fprintf(out, "公示期：%s至%s（%d个工作日）\n", s, e, r->days);
	fprintf(out, "公示地点：%s\n", r->place);
	fprintf(out, "公示人数：%zu人\n", r->n_publicized);
	fprintf(out, "收到异议：%zu件，其中异议成立：%zu件\n", r->n_objections, r->n_upheld);
	fprintf(out, "公示无异议（通过）：%zu人\n\n", r->n_passed);
	char *list = bf_pub_list_text(r->passed, r->n_passed);
	if (list)
		fputs(list, out);
	free(list);
	fprintf(out,
	        "\n经公示，以上%zu名职工公示期满无异议（或异议经调查不成立），"
	        "确定为困难职工帮扶对象。\n\n",
	        r->n_passed);
	fprintf(out, "单位负责人（签字）：__________    经办人（签字）：__________\n");
	fprintf(out, "%s（盖章）\n%s\n", union_of(r), d);
}

int bf_pub_result_pdf(bf_outfile *out, const struct bf_pub_result *r, bf_error *err)
{
	bf_pdf *p = bf_pdf_new("公示结果报告", err);
	if (!p)
		return -1;
	bf_pdf_set_stamp(p, &r->stamp);
	char s[64], e[64], d[64], buf[512];
	bf_date_zh(r->start, s, sizeof s);
	bf_date_zh(r->end, e, sizeof e);
	bf_date_zh(r->reported_on, d, sizeof d);
	bf_pdf_small(p, "附件2");
	snprintf(buf, sizeof buf, "%s困难职工帮扶对象公示结果报告", r->unit_name);
	bf_pdf_title(p, buf);
	bf_pdf_space(p, 3);
	static const struct bf_pdf_col kv[] = {{NULL, 1, BF_PDF_LEFT}, {NULL, 3, BF_PDF_LEFT}};
	static const unsigned flags[] = {BF_PDF_CELL_LABEL, 0};
	bf_pdf_table_begin(p, kv, 2);
	char period[160], count[32], objs[96], passed[32];
	snprintf(period, sizeof period, "%s至%s（%d个工作日）", s, e, r->days);
	snprintf(count, sizeof count, "%zu人", r->n_publicized);
	snprintf(objs, sizeof objs, "%zu件，其中异议成立%zu件", r->n_objections, r->n_upheld);
	snprintf(passed, sizeof passed, "%zu人", r->n_passed);
	const char *rows[][2] = {{"单位名称", r->unit_name}, {"公示期", period},
	                         {"公示地点", r->place},     {"公示人数", count},
	                         {"收到异议", objs},         {"公示通过人数", passed}};
	for (size_t i = 0; i < BF_ARRAY_LEN(rows); i++)
		bf_pdf_table_row_ex(p, rows[i], flags, 0);
	bf_pdf_table_end(p);
	bf_pdf_space(p, 4);
	bf_pdf_heading(p, "公示通过名单");
	if (!pdf_list(p, r->passed, r->n_passed, r->progress, r->progress_ud, err))
		return pdf_finish(p, false, out, NULL, NULL, err);
	bf_pdf_space(p, 3);
	snprintf(
	    buf, sizeof buf,
	    "经公示，以上%zu名职工公示期满无异议（或异议经调查不成立），确定为困难职工帮扶对象。",
	    r->n_passed);
	bf_pdf_paragraph(p, buf);
	bf_pdf_space(p, 4);
	bf_pdf_keep(p, 90);
	const struct bf_pdf_sign boxes[] = {{"单位负责人（签字）", NULL, NULL},
	                                    {"经办人（签字）", NULL, NULL}};
	bf_pdf_signatures(p, boxes, 2, 28);
	bf_pdf_space(p, 4);
	snprintf(buf, sizeof buf, "%s意见", union_of(r));
	bf_pdf_seal_box(p, buf, NULL, 45);
	return pdf_finish(p, true, out, r->progress, r->progress_ud, err);
}
