/* xlsx_out.c — libxlsxwriter into an outfile (xlsx_out.h). */
#include "config.h"

#include "bangfu/xlsx_out.h"

lxw_workbook *bf_xlsx_new(bf_outfile *out, bf_error *err)
{
	lxw_workbook_options opt = {.constant_memory = LXW_FALSE, .tmpdir = NULL};
	lxw_workbook *wb = workbook_new_opt(bf_outfile_tmp_path(out), &opt);
	if (!wb) {
		bf_outfile_fail(out, _("out of memory"));
		bf_error_set(err, _("cannot write %s: %s"), bf_outfile_target(out),
		             _("out of memory"));
	}
	return wb;
}

int bf_xlsx_close(lxw_workbook *wb, bf_outfile *out, bf_error *err)
{
	lxw_error e = workbook_close(wb);
	if (e != LXW_NO_ERROR) {
		bf_outfile_fail(out, lxw_strerror(e));
		bf_error_set(err, _("cannot write %s: %s"), bf_outfile_target(out),
		             lxw_strerror(e));
		return -1;
	}
	return 0;
}
