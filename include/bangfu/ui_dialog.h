/* ui_dialog.h — modal dialogs drawn over the current screen. Each runs its
 * own key loop through bf_app_read, so resizes redraw everything behind it;
 * a pending quit signal (or the end of a key script) cancels the dialog. */
#ifndef BANGFU_UI_DIALOG_H
#define BANGFU_UI_DIALOG_H

#include "bangfu/store.h"
#include "bangfu/ui.h"

/* A message; any of Enter, Esc, Space closes it. */
void bf_dlg_message(struct bf_app *app, const char *title, const char *text);

/* A yes/no question: y or n answer at once; Enter takes the highlighted
 * button (Left/Right/Tab move it, default_yes chooses where it starts);
 * Esc means no. */
bool bf_dlg_confirm(struct bf_app *app, const char *question, bool default_yes);

/* A line of text: buf holds the initial text and receives the answer
 * (UTF-8). max_chars limits the length. Enter returns true, Esc false (buf
 * unchanged). */
bool bf_dlg_prompt(struct bf_app *app, const char *title, const char *label, char *buf, size_t n,
                   size_t max_chars);

/* Pick one of n items (already translated): Up/Down/PgUp/PgDn/Home/End,
 * Enter chooses, Esc cancels, typing a number 1-9 jumps. Returns the index
 * or -1. */
int bf_dlg_choose(struct bf_app *app, const char *title, const char *const *items, size_t n,
                  int initial);

/* The dialogs' frame for a box of our own (ui_progress.h): centred, inner
 * size h x w under title, hints in the status bar; the inner rectangle. */
struct bf_rect bf_dlg_box(int h, int w, const char *title, const char *hints);

/* Open path for writing from a screen (bf_store_outfile_open: private
 * temporary, folder recorded): a file that is already there is replaced only
 * when "overwrite?" is answered yes. NULL with err set when it cannot be
 * written; NULL with err->msg "" when the user said no (nothing to report). */
bf_outfile *bf_dlg_outfile(struct bf_app *app, bf_db *db, const char *path, bf_error *err);

#endif
