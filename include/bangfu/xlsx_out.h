/* xlsx_out.h — a libxlsxwriter workbook written into a file opened with
 * outfile.h (export layer). libxlsxwriter 1.1.4 (Debian 12) has no memory
 * buffer, so it writes by name into the private temporary the outfile made;
 * the outfile then syncs and renames it. */
#ifndef BANGFU_XLSX_OUT_H
#define BANGFU_XLSX_OUT_H

#include <xlsxwriter.h>

#include "bangfu/common.h"
#include "bangfu/outfile.h"

/* A new workbook writing into out. NULL with err naming out's target (and
 * out marked failed). */
lxw_workbook *bf_xlsx_new(bf_outfile *out, bf_error *err);
/* Close (write) wb, checking libxlsxwriter's result: -1 with err naming the
 * target and out marked failed (its commit refuses), 0 when written. */
int bf_xlsx_close(lxw_workbook *wb, bf_outfile *out, bf_error *err);

#endif
