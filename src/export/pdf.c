/* pdf.c — A4 documents over pango+cairo. Each page is drawn into a cairo
 * recording surface; bf_pdf_save replays them onto a PDF surface, adding
 * "第 N 页 共 M 页" once the page count is known. Text stays real text:
 * pdftotext recovers it and the fonts are embedded as subsets. */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <pango/pangocairo.h>
#include <spawn.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bangfu/pdf.h"

extern char **environ;

#define MM(x) ((x)*72.0 / 25.4)

static const double page_w = 595.2756; /* A4 in points */
static const double page_h = 841.8898;
static const double margin_l = MM(20), margin_r = MM(20), margin_t = MM(18), margin_b = MM(20);

/* body text sizes in points */
static const double size_body = 10.5, size_small = 9, size_title = 17, size_heading = 12;
static const double cell_pad = MM(1.6);

#define MAX_COLS 16

struct bf_pdf {
	cairo_surface_t **pages;
	size_t npages, cap;
	cairo_t *cr; /* on the current page */
	double y;    /* next free position, points from the top */
	char title[256];
	char header[256];
	struct bf_audit_stamp stamp;
	bool failed; /* out of memory or a cairo error: save reports it */
	/* the open table */
	bool in_table;
	size_t ncols;
	struct bf_pdf_col cols[MAX_COLS];
	char *col_headers[MAX_COLS];
	double col_x[MAX_COLS + 1];
	bool has_header;
	bf_progress_fn progress; /* bf_pdf_write's, per page */
	void *progress_ud;
};

static double body_w(void)
{
	return page_w - margin_l - margin_r;
}

static double bottom(void)
{
	return page_h - margin_b;
}

/* ---- text ------------------------------------------------------------------------ */

static PangoLayout *layout_on(cairo_t *cr, const char *text, double size, bool bold, double width,
                              PangoAlignment align)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoContext *ctx = pango_layout_get_context(l);
	pango_context_set_language(ctx, pango_language_from_string("zh-cn"));
	pango_layout_context_changed(l);
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, BF_PDF_FONT);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if (width > 0) {
		pango_layout_set_width(l, (int)(width * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, text ? text : "", -1);
	return l;
}

static PangoLayout *layout(bf_pdf *p, const char *text, double size, bool bold, double width,
                           PangoAlignment align)
{
	return layout_on(p->cr, text, size, bold, width, align);
}

/* Whether a line may break between a and b inside a cell's text: after a
 * space or a punctuation mark (、，；), before an opening one. Chinese has no
 * spaces, so "北京红星机械有限公司" is one word here, and Pango, which may
 * break between any two ideographs, is kept from splitting it. */
static bool word_break(gunichar a, gunichar b)
{
	GUnicodeType tb = g_unichar_type(b);
	if (g_unichar_isspace(a) || g_unichar_isspace(b) || tb == G_UNICODE_OPEN_PUNCTUATION ||
	    tb == G_UNICODE_INITIAL_PUNCTUATION)
		return true;
	GUnicodeType ta = g_unichar_type(a);
	return g_unichar_ispunct(a) && ta != G_UNICODE_OPEN_PUNCTUATION &&
	       ta != G_UNICODE_INITIAL_PUNCTUATION && ta != G_UNICODE_CONNECT_PUNCTUATION &&
	       ta != G_UNICODE_DASH_PUNCTUATION;
}

#define MAX_WORDS 256

/* The words of text (byte ranges [start, end)); at most MAX_WORDS, the
 * rest of a longer text is one more word. */
static size_t cell_words(const char *text, size_t *start, size_t *end)
{
	size_t n = 0;
	const char *s = text, *w = text;
	while (*s) {
		const char *next = g_utf8_next_char(s);
		if (!*next ||
		    (n + 1 < MAX_WORDS && word_break(g_utf8_get_char(s), g_utf8_get_char(next)))) {
			start[n] = (size_t)(w - text);
			end[n] = (size_t)(next - text);
			n++;
			w = next;
		}
		s = next;
	}
	return n;
}

static double text_width(cairo_t *cr, const char *text, size_t len, double size, bool bold)
{
	char *t = g_strndup(text, len);
	PangoLayout *l = layout_on(cr, t, size, bold, 0, PANGO_ALIGN_LEFT);
	int w, h;
	pango_layout_get_size(l, &w, &h);
	g_object_unref(l);
	g_free(t);
	return (double)w / PANGO_SCALE;
}

/* Lines of l (text at size, width points wide) break between the words of
 * text (cell_words) where a word fits on a line, not inside it; a word
 * wider than a line breaks between characters. */
static void keep_words(cairo_t *cr, PangoLayout *l, const char *text, double size, bool bold,
                       double width)
{
	size_t start[MAX_WORDS], end[MAX_WORDS];
	size_t n = cell_words(text, start, end);
	PangoAttrList *attrs = pango_attr_list_new();
	for (size_t i = 0; i < n; i++) {
		if (text_width(cr, text + start[i], end[i] - start[i], size, bold) > width)
			continue; /* too wide at any size: breaks between characters */
		PangoAttribute *a = pango_attr_allow_breaks_new(FALSE);
		a->start_index = (guint)start[i];
		a->end_index = (guint)end[i];
		pango_attr_list_insert(attrs, a);
	}
	pango_layout_set_attributes(l, attrs);
	pango_attr_list_unref(attrs);
}

/* A table cell's text in width points: lines break between words (above)
 * where the column allows; when a word is wider than the column the cell's
 * font shrinks, down to 70 %, until it fits; a word wider still breaks
 * between characters. *size is the font size used. */
static PangoLayout *cell_layout(cairo_t *cr, const char *text, bool bold, double width,
                                PangoAlignment align, double *size)
{
	if (!text)
		text = "";
	size_t start[MAX_WORDS], end[MAX_WORDS];
	size_t n = cell_words(text, start, end);
	double widest = 0;
	for (size_t i = 0; i < n; i++) {
		double ww = text_width(cr, text + start[i], end[i] - start[i], size_body, bold);
		if (ww > widest)
			widest = ww;
	}
	double sz = size_body;
	if (widest > width && widest * 0.7 <= width)
		sz = size_body * width / widest; /* widths scale with the size */
	while (sz > size_body * 0.7 && widest > width) {
		widest = 0;
		for (size_t i = 0; i < n; i++) {
			double ww = text_width(cr, text + start[i], end[i] - start[i], sz, bold);
			if (ww > widest)
				widest = ww;
		}
		if (widest > width)
			sz -= 0.25;
	}
	if (widest > width)
		sz = size_body;
	PangoLayout *l = layout_on(cr, text, sz, bold, width, align);
	keep_words(cr, l, text, sz, bold, width);
	*size = sz;
	return l;
}

size_t bf_pdf_cell_lines(const char *text, double width_mm, bool bold, char *out, size_t n,
                         double *size)
{
	cairo_rectangle_t ext = {0, 0, page_w, page_h};
	cairo_surface_t *s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &ext);
	cairo_t *cr = cairo_create(s);
	double sz;
	PangoLayout *l = cell_layout(cr, text, bold, MM(width_mm), PANGO_ALIGN_LEFT, &sz);
	const char *t = pango_layout_get_text(l);
	size_t lines = 0, used = 0;
	if (n > 0)
		out[0] = '\0';
	for (GSList *it = pango_layout_get_lines_readonly(l); it; it = it->next) {
		const PangoLayoutLine *line = it->data;
		int len = snprintf(out + used, n > used ? n - used : 0, "%s%.*s", lines ? "\n" : "",
		                   line->length, t + line->start_index);
		if (len > 0)
			used += (size_t)len;
		if (used >= n)
			used = n > 0 ? n - 1 : 0;
		lines++;
	}
	if (size)
		*size = sz;
	g_object_unref(l);
	cairo_destroy(cr);
	cairo_surface_destroy(s);
	return lines;
}

static double layout_height(PangoLayout *l)
{
	int w, h;
	pango_layout_get_size(l, &w, &h);
	return (double)h / PANGO_SCALE;
}

static void table_header_row(bf_pdf *p);

static void start_page(bf_pdf *p)
{
	if (p->cr) {
		cairo_destroy(p->cr);
		p->cr = NULL;
	}
	if (p->npages == p->cap) {
		size_t cap = p->cap ? 2 * p->cap : 8;
		cairo_surface_t **np = realloc(p->pages, cap * sizeof *np);
		if (!np) {
			p->failed = true;
			return;
		}
		p->pages = np;
		p->cap = cap;
	}
	cairo_rectangle_t ext = {0, 0, page_w, page_h};
	cairo_surface_t *s = cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &ext);
	p->pages[p->npages++] = s;
	p->cr = cairo_create(s);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	p->y = margin_t;
	if (p->in_table && p->has_header)
		table_header_row(p);
}

/* Make sure h points fit below y, else start a new page. */
static void need(bf_pdf *p, double h)
{
	if (!p->cr || (p->y + h > bottom() && p->y > margin_t + 1))
		start_page(p);
}

bf_pdf *bf_pdf_new(const char *title, bf_error *err)
{
	bf_pdf *p = calloc(1, sizeof *p);
	if (!p) {
		bf_error_set(err, "%s", _("out of memory"));
		return NULL;
	}
	bf_strlcpy(p->title, title ? title : "", sizeof p->title);
	start_page(p);
	if (p->failed) {
		bf_pdf_free(p);
		bf_error_set(err, "%s", _("out of memory"));
		return NULL;
	}
	return p;
}

void bf_pdf_set_progress(bf_pdf *p, bf_progress_fn fn, void *ud)
{
	if (p) {
		p->progress = fn;
		p->progress_ud = ud;
	}
}

void bf_pdf_free(bf_pdf *p)
{
	if (!p)
		return;
	if (p->cr)
		cairo_destroy(p->cr);
	for (size_t i = 0; i < p->npages; i++)
		cairo_surface_destroy(p->pages[i]);
	for (size_t i = 0; i < MAX_COLS; i++)
		free(p->col_headers[i]);
	free(p->pages);
	free(p);
}

void bf_pdf_set_stamp(bf_pdf *p, const struct bf_audit_stamp *s)
{
	if (p && s && s->rows > 0)
		p->stamp = *s;
}

void bf_pdf_set_header(bf_pdf *p, const char *text)
{
	bf_strlcpy(p->header, text ? text : "", sizeof p->header);
}

double bf_pdf_width(const bf_pdf *p)
{
	(void)p;
	return body_w() * 25.4 / 72.0;
}

/* A block of text drawn line by line, so a long paragraph breaks across
 * pages. */
static void text_block(bf_pdf *p, const char *text, double size, bool bold, PangoAlignment align,
                       double grey, double space_after, bool whole_words)
{
	if (!p->cr)
		start_page(p);
	PangoLayout *l = layout(p, text, size, bold, body_w(), align);
	if (whole_words && text)
		keep_words(p->cr, l, text, size, bold, body_w());
	PangoLayoutIter *it = pango_layout_get_iter(l);
	double top = -1; /* layout y of the first line on this page */
	double base_y = p->y;
	do {
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		double ly = (double)logical.y / PANGO_SCALE;
		double lh = (double)logical.height / PANGO_SCALE;
		if (top < 0)
			top = ly;
		/* a line that does not fit goes to a new page (unless the page
		 * is empty: then it is drawn where it is) */
		if (base_y + (ly - top) + lh > bottom() && (ly > top || base_y > margin_t + 1)) {
			start_page(p);
			base_y = p->y;
			top = ly;
		}
		int baseline = pango_layout_iter_get_baseline(it);
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		cairo_set_source_rgb(p->cr, grey, grey, grey);
		cairo_move_to(p->cr, margin_l + (double)logical.x / PANGO_SCALE,
		              base_y + ((double)baseline / PANGO_SCALE - top));
		pango_cairo_show_layout_line(p->cr, line);
		p->y = base_y + (ly - top) + lh;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	g_object_unref(l);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
	p->y += space_after;
}

void bf_pdf_title(bf_pdf *p, const char *text)
{
	text_block(p, text, size_title, true, PANGO_ALIGN_CENTER, 0, MM(4), false);
}

void bf_pdf_subtitle(bf_pdf *p, const char *text)
{
	/* "档案编号：…　　单位：北京红星机械有限公司": fields kept whole */
	text_block(p, text, size_body, false, PANGO_ALIGN_CENTER, 0, MM(3), true);
}

void bf_pdf_heading(bf_pdf *p, const char *text)
{
	need(p, MM(14)); /* keep a heading with what follows */
	text_block(p, text, size_heading, true, PANGO_ALIGN_LEFT, 0, MM(1.5), false);
}

void bf_pdf_paragraph(bf_pdf *p, const char *text)
{
	text_block(p, text, size_body, false, PANGO_ALIGN_LEFT, 0, MM(2), false);
}

void bf_pdf_paragraph_right(bf_pdf *p, const char *text)
{
	text_block(p, text, size_body, false, PANGO_ALIGN_RIGHT, 0, MM(2), false);
}

void bf_pdf_small(bf_pdf *p, const char *text)
{
	text_block(p, text, size_small, false, PANGO_ALIGN_LEFT, 0.3, MM(1.5), false);
}

void bf_pdf_space(bf_pdf *p, double mm)
{
	p->y += MM(mm);
}

void bf_pdf_new_page(bf_pdf *p)
{
	start_page(p);
}

void bf_pdf_keep(bf_pdf *p, double mm)
{
	need(p, MM(mm));
}

/* ---- tables ----------------------------------------------------------------------------- */

/* Groups of columns the cells span: start index and end (exclusive). */
static size_t spans(const bf_pdf *p, const char *const *cells, size_t *start, size_t *end)
{
	size_t n = 0;
	for (size_t i = 0; i < p->ncols; i++) {
		if (i > 0 && cells && !cells[i] && n > 0) {
			end[n - 1] = i + 1;
			continue;
		}
		start[n] = i;
		end[n] = i + 1;
		n++;
	}
	return n;
}

static PangoAlignment pango_align(enum bf_pdf_align a)
{
	return a == BF_PDF_CENTER  ? PANGO_ALIGN_CENTER
	       : a == BF_PDF_RIGHT ? PANGO_ALIGN_RIGHT
	                           : PANGO_ALIGN_LEFT;
}

/* Draw one row at y (no page check); returns its height. measure_only
 * computes the height without drawing. */
static double draw_row(bf_pdf *p, const char *const *cells, const unsigned *flags, double min_h,
                       bool header, bool measure_only)
{
	size_t start[MAX_COLS], end[MAX_COLS];
	size_t n = spans(p, cells, start, end);
	PangoLayout *ls[MAX_COLS];
	double h = min_h;
	for (size_t g = 0; g < n; g++) {
		size_t c = start[g];
		unsigned fl = flags ? flags[c] : 0;
		double w = p->col_x[end[g]] - p->col_x[c] - 2 * cell_pad;
		PangoAlignment al = header || (fl & BF_PDF_CELL_CENTER)
		                        ? PANGO_ALIGN_CENTER
		                        : pango_align(p->cols[c].align);
		const char *text = cells ? cells[c] : p->col_headers[c];
		double sz;
		ls[g] = cell_layout(p->cr, text, header || (fl & BF_PDF_CELL_LABEL), w > 1 ? w : 1,
		                    al, &sz);
		double ch = layout_height(ls[g]) + 2 * cell_pad;
		if (ch > h)
			h = ch;
	}
	if (!measure_only) {
		for (size_t g = 0; g < n; g++) {
			size_t c = start[g];
			unsigned fl = flags ? flags[c] : 0;
			double x0 = p->col_x[c], x1 = p->col_x[end[g]];
			if (header || (fl & BF_PDF_CELL_LABEL)) {
				cairo_set_source_rgb(p->cr, 0.92, 0.92, 0.92);
				cairo_rectangle(p->cr, x0, p->y, x1 - x0, h);
				cairo_fill(p->cr);
			}
			cairo_set_source_rgb(p->cr, 0, 0, 0);
			cairo_set_line_width(p->cr, 0.6);
			cairo_rectangle(p->cr, x0, p->y, x1 - x0, h);
			cairo_stroke(p->cr);
			/* text sits in the middle of a taller cell */
			double th = layout_height(ls[g]);
			double ty = p->y + (h - th) / 2;
			cairo_move_to(p->cr, x0 + cell_pad, ty);
			pango_cairo_show_layout(p->cr, ls[g]);
		}
	}
	for (size_t g = 0; g < n; g++)
		g_object_unref(ls[g]);
	return h;
}

static void table_header_row(bf_pdf *p)
{
	p->y += draw_row(p, NULL, NULL, 0, true, false);
}

void bf_pdf_table_begin(bf_pdf *p, const struct bf_pdf_col *cols, size_t n)
{
	if (n > MAX_COLS)
		n = MAX_COLS;
	if (!p->cr)
		start_page(p);
	p->ncols = n;
	double total = 0;
	for (size_t i = 0; i < n; i++) {
		p->cols[i] = cols[i];
		if (p->cols[i].weight <= 0)
			p->cols[i].weight = 1;
		total += p->cols[i].weight;
		free(p->col_headers[i]);
		p->col_headers[i] = NULL;
		if (cols[i].header) {
			p->col_headers[i] = strdup(cols[i].header);
			if (!p->col_headers[i])
				p->failed = true;
		}
	}
	p->col_x[0] = margin_l;
	for (size_t i = 0; i < n; i++)
		p->col_x[i + 1] = p->col_x[i] + body_w() * p->cols[i].weight / total;
	p->has_header = n > 0 && cols[0].header != NULL;
	p->in_table = true;
	if (p->has_header) {
		/* the header and at least one row together */
		double h = draw_row(p, NULL, NULL, 0, true, true);
		if (p->y + 2.5 * h > bottom() && p->y > margin_t + 1)
			start_page(p); /* draws the header */
		else
			table_header_row(p);
	}
}

void bf_pdf_table_row_ex(bf_pdf *p, const char *const *cells, const unsigned *flags,
                         double min_height_mm)
{
	if (!p->in_table || p->ncols == 0)
		return;
	double h = draw_row(p, cells, flags, MM(min_height_mm), false, true);
	if (p->y + h > bottom() && p->y > margin_t + 1) {
		start_page(p);
		h = draw_row(p, cells, flags, MM(min_height_mm), false, true);
	}
	p->y += draw_row(p, cells, flags, MM(min_height_mm), false, false);
}

void bf_pdf_table_row(bf_pdf *p, const char *const *cells)
{
	bf_pdf_table_row_ex(p, cells, NULL, 0);
}

void bf_pdf_table_end(bf_pdf *p)
{
	p->in_table = false;
	p->has_header = false;
	p->y += MM(3);
}

/* ---- signatures and seals --------------------------------------------------------------- */

static void show_at(bf_pdf *p, const char *text, double size, bool bold, double x, double y,
                    double w, PangoAlignment al)
{
	PangoLayout *l = layout(p, text, size, bold, w, al);
	cairo_move_to(p->cr, x, y);
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
}

static double text_h(bf_pdf *p, const char *text, double size, double w)
{
	PangoLayout *l = layout(p, text, size, false, w, PANGO_ALIGN_LEFT);
	double h = layout_height(l);
	g_object_unref(l);
	return h;
}

void bf_pdf_signatures(bf_pdf *p, const struct bf_pdf_sign *boxes, size_t n, double height_mm)
{
	if (n == 0)
		return;
	double h = MM(height_mm);
	need(p, h + MM(2));
	double gap = MM(4);
	double w = (body_w() - gap * (double)(n - 1)) / (double)n;
	cairo_set_line_width(p->cr, 0.6);
	for (size_t i = 0; i < n; i++) {
		double x = margin_l + (double)i * (w + gap);
		cairo_rectangle(p->cr, x, p->y, w, h);
		cairo_stroke(p->cr);
		double tw = w - 2 * cell_pad;
		show_at(p, boxes[i].label, size_body, true, x + cell_pad, p->y + cell_pad, tw,
		        PANGO_ALIGN_LEFT);
		if (boxes[i].name && boxes[i].name[0]) {
			cairo_set_source_rgb(p->cr, 0.35, 0.35, 0.35);
			show_at(p, boxes[i].name, size_small, false, x + cell_pad,
			        p->y + cell_pad + MM(6), tw, PANGO_ALIGN_LEFT);
			cairo_set_source_rgb(p->cr, 0, 0, 0);
		}
		const char *date =
		    boxes[i].date && boxes[i].date[0] ? boxes[i].date : "年　　月　　日";
		double dh = text_h(p, date, size_body, tw);
		show_at(p, date, size_body, false, x + cell_pad, p->y + h - cell_pad - dh, tw,
		        PANGO_ALIGN_RIGHT);
	}
	p->y += h + MM(3);
}

static void seal_circle(bf_pdf *p, double cx, double cy, double r)
{
	static const double dash[] = {3, 2};
	cairo_save(p->cr);
	cairo_set_source_rgb(p->cr, 0.55, 0.55, 0.55);
	cairo_set_line_width(p->cr, 0.6);
	cairo_set_dash(p->cr, dash, 2, 0);
	cairo_new_sub_path(p->cr);
	cairo_arc(p->cr, cx, cy, r, 0, 2 * G_PI);
	cairo_stroke(p->cr);
	cairo_restore(p->cr);
	cairo_set_source_rgb(p->cr, 0.45, 0.45, 0.45);
	double w = 2 * r;
	double th = text_h(p, "（盖章）", size_small, w);
	show_at(p, "（盖章）", size_small, false, cx - r, cy - th / 2, w, PANGO_ALIGN_CENTER);
	cairo_set_source_rgb(p->cr, 0, 0, 0);
}

void bf_pdf_seal_box(bf_pdf *p, const char *label, const char *text, double height_mm)
{
	double tw = body_w() - 2 * cell_pad;
	const char *date = "年　　月　　日";
	double label_h = text_h(p, label ? label : "", size_body, tw);
	double body_h = text && text[0] ? text_h(p, text, size_body, tw) : 0;
	double date_h = text_h(p, date, size_body, tw);
	double r = MM(9);
	/* the text, then the seal circle below it, then the date line */
	double text_bottom = cell_pad + label_h + (body_h > 0 ? MM(1) + body_h : 0);
	double min_h = text_bottom + MM(2) + 2 * r + MM(2) + date_h + cell_pad;
	double h = MM(height_mm);
	if (h < min_h)
		h = min_h;
	need(p, h + MM(2));
	cairo_set_line_width(p->cr, 0.6);
	cairo_rectangle(p->cr, margin_l, p->y, body_w(), h);
	cairo_stroke(p->cr);
	double x = margin_l + cell_pad, y = p->y + cell_pad;
	show_at(p, label, size_body, true, x, y, tw, PANGO_ALIGN_LEFT);
	if (body_h > 0)
		show_at(p, text, size_body, false, x, y + label_h + MM(1), tw, PANGO_ALIGN_LEFT);
	double cy = p->y + h - cell_pad - date_h - MM(2) - r;
	double cx = margin_l + body_w() - MM(30);
	seal_circle(p, cx, cy, r);
	show_at(p, date, size_body, false, x, p->y + h - cell_pad - date_h, tw - MM(8),
	        PANGO_ALIGN_RIGHT);
	p->y += h + MM(3);
}

void bf_pdf_signature_line(bf_pdf *p, const char *label)
{
	need(p, MM(14));
	p->y += MM(6);
	double tw = body_w();
	double lh = text_h(p, label, size_body, tw);
	PangoLayout *l = layout(p, label, size_body, false, 0, PANGO_ALIGN_LEFT);
	int lw, lhh;
	pango_layout_get_size(l, &lw, &lhh);
	cairo_move_to(p->cr, margin_l, p->y);
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
	double x0 = margin_l + (double)lw / PANGO_SCALE + MM(1);
	double x1 = x0 + MM(55);
	cairo_set_line_width(p->cr, 0.6);
	cairo_move_to(p->cr, x0, p->y + lh);
	cairo_line_to(p->cr, x1, p->y + lh);
	cairo_stroke(p->cr);
	show_at(p, "年　　月　　日", size_body, false, margin_l, p->y, tw - MM(8),
	        PANGO_ALIGN_RIGHT);
	p->y += lh + MM(4);
}

/* ---- saving ------------------------------------------------------------------------------ */

/* A line of small grey text across the body width at y. */
static void margin_text(cairo_t *cr, const char *text, double y, PangoAlignment align)
{
	PangoLayout *l = pango_cairo_create_layout(cr);
	PangoContext *ctx = pango_layout_get_context(l);
	pango_context_set_language(ctx, pango_language_from_string("zh-cn"));
	pango_layout_context_changed(l);
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, BF_PDF_FONT);
	pango_font_description_set_absolute_size(fd, 8 * PANGO_SCALE);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(l, (int)(body_w() * PANGO_SCALE));
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, text, -1);
	cairo_set_source_rgb(cr, 0.35, 0.35, 0.35);
	cairo_move_to(cr, margin_l, y);
	pango_cairo_show_layout(cr, l);
	g_object_unref(l);
}

static void footer(const bf_pdf *p, cairo_t *cr, size_t page, size_t total)
{
	char buf[64];
	snprintf(buf, sizeof buf, "第 %zu 页 共 %zu 页", page, total);
	margin_text(cr, buf, page_h - MM(13), PANGO_ALIGN_CENTER);
	if (p->header[0])
		margin_text(cr, p->header, MM(10), PANGO_ALIGN_RIGHT);
	if (p->stamp.rows > 0) {
		/* checked from paper: bangfu audit verify --known HEAD */
		char stamp[96];
		snprintf(stamp, sizeof stamp, "审计 %s · %lld 条", p->stamp.head,
		         (long long)p->stamp.rows);
		margin_text(cr, stamp, page_h - MM(13), PANGO_ALIGN_RIGHT);
	}
}

/* cairo's stream: every chunk through the outfile, which remembers a failure. */
static cairo_status_t to_outfile(void *closure, const unsigned char *data, unsigned int len)
{
	return bf_outfile_write(closure, data, len) == 0 ? CAIRO_STATUS_SUCCESS
	                                                 : CAIRO_STATUS_WRITE_ERROR;
}

int bf_pdf_write(bf_pdf *p, bf_outfile *out, bf_error *err)
{
	if (!p || !out) {
		bf_pdf_free(p);
		bf_outfile_fail(out, _("out of memory"));
		bf_error_set(err, "%s", _("out of memory"));
		return -1;
	}
	if (p->cr) {
		cairo_destroy(p->cr);
		p->cr = NULL;
	}
	if (p->failed) {
		bf_pdf_free(p);
		bf_outfile_fail(out, _("out of memory"));
		bf_error_set(err, "%s", _("out of memory"));
		return -1;
	}
	/* Cairo writes to the stream we opened, never to a name of its own. */
	cairo_surface_t *pdf = cairo_pdf_surface_create_for_stream(to_outfile, out, page_w, page_h);
	cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_TITLE, p->title);
	cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATOR, PACKAGE_NAME);
	cairo_t *cr = cairo_create(pdf);
	bool stopped = false;
	for (size_t i = 0; i < p->npages; i++) {
		if (!bf_progress_tell(p->progress, p->progress_ud, i, p->npages, err)) {
			stopped = true;
			break;
		}
		cairo_set_source_surface(cr, p->pages[i], 0, 0);
		cairo_paint(cr);
		footer(p, cr, i + 1, p->npages);
		cairo_show_page(cr);
	}
	cairo_status_t st = cairo_status(cr);
	cairo_destroy(cr);
	cairo_surface_finish(pdf);
	if (st == CAIRO_STATUS_SUCCESS)
		st = cairo_surface_status(pdf);
	cairo_surface_destroy(pdf);
	bf_pdf_free(p);
	if (stopped) {
		bf_outfile_fail(out, _("cancelled: nothing was changed"));
		return -1;
	}
	if (st != CAIRO_STATUS_SUCCESS) {
		/* a write error's reason (a full disk) is in the outfile already */
		bf_outfile_fail(out, cairo_status_to_string(st));
		bf_error_set(err, _("cannot write %s: %s"), bf_outfile_target(out),
		             cairo_status_to_string(st));
		return -1;
	}
	return 0;
}

int bf_pdf_save(bf_pdf *p, const char *path, bf_error *err)
{
	bf_outfile *o = bf_outfile_open(path, BF_OUTFILE_FORCE, err);
	if (!o) {
		bf_pdf_free(p);
		return -1;
	}
	return bf_outfile_finish(o, bf_pdf_write(p, o, err), err);
}

/* ---- printing ------------------------------------------------------------------------------ */

static bool find_in_path(const char *name, char *out, size_t n)
{
	const char *path = getenv("PATH");
	if (!path || !*path)
		path = "/usr/bin:/bin";
	while (*path) {
		size_t len = strcspn(path, ":");
		if (len > 0 && (size_t)snprintf(out, n, "%.*s/%s", (int)len, path, name) < n &&
		    access(out, X_OK) == 0)
			return true;
		path += len;
		if (*path == ':')
			path++;
	}
	return false;
}

bool bf_pdf_can_print(void)
{
	char buf[4096];
	return find_in_path("lp", buf, sizeof buf);
}

int bf_pdf_print(const char *path, bf_error *err)
{
	char lp[4096];
	if (!find_in_path("lp", lp, sizeof lp)) {
		bf_error_set(err,
		             _("There is no printing system (CUPS's lp) here; print %s from a PDF "
		               "viewer"),
		             path);
		return -1;
	}
	char *argv[] = {lp, (char *)"--", (char *)path, NULL};
	pid_t pid;
	int rc = posix_spawn(&pid, lp, NULL, NULL, argv, environ);
	if (rc != 0) {
		bf_error_set(err, _("cannot run %s: %s"), lp, strerror(rc));
		return -1;
	}
	int status;
	while (waitpid(pid, &status, 0) < 0) {
		if (errno != EINTR) {
			bf_error_set(err, _("cannot run %s: %s"), lp, strerror(errno));
			return -1;
		}
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		bf_error_set(err, _("lp could not print %s (exit status %d)"), path,
		             WIFEXITED(status) ? WEXITSTATUS(status) : -1);
		return -1;
	}
	return 0;
}
