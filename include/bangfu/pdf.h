/* pdf.h — printable documents: A4 PDF over pango+cairo with an embedded
 * Noto CJK font. One small module that every printout uses (the checklist
 * handout, the file form, the publicity notice, reports, sign-off sheets).
 *
 * Build a document top to bottom; pages break by themselves (a table
 * repeats its header on each new page) and bf_pdf_save numbers them
 * "第 N 页 共 M 页". Text is UTF-8. Lengths are in millimetres.
 *
 *	bf_pdf *p = bf_pdf_new("材料清单", &err);
 *	bf_pdf_title(p, "困难职工帮扶申请材料清单");
 *	bf_pdf_paragraph(p, "请携带以下材料……");
 *	bf_pdf_table_begin(p, cols, 3);
 *	bf_pdf_table_row(p, (const char *[]){"1", "身份证复印件", "张三"});
 *	bf_pdf_table_end(p);
 *	bf_pdf_save(p, "out.pdf", &err);   // also frees p
 */
#ifndef BANGFU_PDF_H
#define BANGFU_PDF_H

#include "bangfu/common.h"
#include "bangfu/outfile.h"
#include "bangfu/progress.h"

typedef struct bf_pdf bf_pdf;

/* The font family of every printout. */
#define BF_PDF_FONT "Noto Sans CJK SC"

/* A new A4 portrait document; title goes into the PDF's metadata. NULL
 * (with err) only when out of memory. */
bf_pdf *bf_pdf_new(const char *title, bf_error *err);
/* Number the pages, write them into out (outfile.h: the caller opened it
 * and commits it) and free p. On failure out is marked failed (its commit
 * refuses) and err names the file. */
int bf_pdf_write(bf_pdf *p, bf_outfile *out, bf_error *err);
/* The same into a file of its own, replacing one that exists (through a
 * private temporary renamed into place). Prefer bf_pdf_write with a file
 * opened by bf_store_outfile_open (the user's --force, the folder recorded). */
int bf_pdf_save(bf_pdf *p, const char *path, bf_error *err);
/* Free without writing. NULL is fine. */
void bf_pdf_free(bf_pdf *p);
/* bf_pdf_write tells fn (ud) the pages written so far of all; when it says
 * stop, the write fails (err "cancelled", out marked failed: its commit
 * refuses and removes the temporary). */
void bf_pdf_set_progress(bf_pdf *p, bf_progress_fn fn, void *ud);

/* A small grey line at the top right of every page (e.g. the file
 * number). NULL or "" for none. */
void bf_pdf_set_header(bf_pdf *p, const char *text);
/* The audit head and row count printed at the foot of every page
 * (common.h); NULL or rows 0: none. */
void bf_pdf_set_stamp(bf_pdf *p, const struct bf_audit_stamp *s);

/* Blocks, each below the previous one. */
void bf_pdf_title(bf_pdf *p, const char *text);           /* centred, large, bold */
void bf_pdf_subtitle(bf_pdf *p, const char *text);        /* centred, body size */
void bf_pdf_heading(bf_pdf *p, const char *text);         /* bold, a section */
void bf_pdf_paragraph(bf_pdf *p, const char *text);       /* wrapped, may break across pages */
void bf_pdf_paragraph_right(bf_pdf *p, const char *text); /* right-aligned */
void bf_pdf_small(bf_pdf *p, const char *text);           /* smaller, grey: notes */
void bf_pdf_space(bf_pdf *p, double mm);
void bf_pdf_new_page(bf_pdf *p);
/* Start a new page unless mm of space are left. */
void bf_pdf_keep(bf_pdf *p, double mm);
/* Usable width of the page in mm. */
double bf_pdf_width(const bf_pdf *p);

/* ---- tables -------------------------------------------------------------------------- */

enum bf_pdf_align { BF_PDF_LEFT = 0, BF_PDF_CENTER, BF_PDF_RIGHT };

struct bf_pdf_col {
	const char *header; /* NULL: the table has no header row */
	double weight;      /* share of the width (relative; 0 counts as 1) */
	enum bf_pdf_align align;
};

/* Cell flags for bf_pdf_table_row_ex. */
enum bf_pdf_cell {
	BF_PDF_CELL_LABEL = 1 << 0,  /* shaded, bold: a form's field name */
	BF_PDF_CELL_CENTER = 1 << 1, /* centred regardless of the column */
};

/* A table with a ruled grid. The header row (when the first column has a
 * header) repeats at the top of every page the table continues on. */
void bf_pdf_table_begin(bf_pdf *p, const struct bf_pdf_col *cols, size_t n);
/* One row of n cells. A NULL cell after the first joins the cell before it
 * (spans the column). A row never splits across pages. */
void bf_pdf_table_row(bf_pdf *p, const char *const *cells);
/* The same with per-cell flags (may be NULL) and a minimum height (mm). */
void bf_pdf_table_row_ex(bf_pdf *p, const char *const *cells, const unsigned *flags,
                         double min_height_mm);
void bf_pdf_table_end(bf_pdf *p);
/* How a table cell width_mm wide lays out text: the lines, joined by '\n',
 * into out (n bytes), and their number; *size (may be NULL) the font size
 * in points. Lines break between words (after a space or a 、，；) where
 * the column allows; a word wider than the column shrinks the cell's font
 * (to 70 % at most), and only a word wider still breaks inside. */
size_t bf_pdf_cell_lines(const char *text, double width_mm, bool bold, char *out, size_t n,
                         double *size);

/* ---- signatures and seals --------------------------------------------------------------- */

struct bf_pdf_sign {
	const char *label; /* "建档人（签字）" */
	const char *name;  /* printed small under the label, may be NULL */
	const char *date;  /* "2026-03-02"; NULL prints "年　月　日" to fill in */
};
/* Boxes side by side, each with its label, room to sign, and the date. */
void bf_pdf_signatures(bf_pdf *p, const struct bf_pdf_sign *boxes, size_t n, double height_mm);

/* A full-width box: label, text (an opinion; may be NULL), and at the
 * bottom right a dashed seal circle marked "（盖章）" over the date line. */
void bf_pdf_seal_box(bf_pdf *p, const char *label, const char *text, double height_mm);

/* "申请人（签字）：________    年　月　日" */
void bf_pdf_signature_line(bf_pdf *p, const char *label);

/* ---- printing ------------------------------------------------------------------------------ */

/* Whether CUPS's lp is on PATH. */
bool bf_pdf_can_print(void);
/* Send a PDF to the default printer with lp. */
int bf_pdf_print(const char *path, bf_error *err);

#endif
