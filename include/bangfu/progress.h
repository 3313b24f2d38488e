/* progress.h — how far long work has got, for the command line: one line
 * on the terminal, redrawn in place a few times a second ("Importing:
 * 1,200 of 4,000 (30%), about 12 s left") and erased at the end. When the
 * stream is not a terminal nothing at all is written, so scripts and logs
 * see only the command's own output. Pure code: no curses, no SQL. */
#ifndef BANGFU_PROGRESS_H
#define BANGFU_PROGRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "bangfu/common.h"

/* Called by long work now and then: done of total units (total 0 when
 * unknown). ud is the caller's. Returns false to stop the work (Esc on a
 * screen): the work then leaves nothing half-done (a store rolls back its
 * transaction, an export removes its temporary file) and fails with
 * bf_progress_tell's message. */
typedef bool (*bf_progress_fn)(void *ud, size_t done, size_t total);

/* Tell fn (may be NULL) done of total. false when it says stop, with err
 * (may be NULL) "cancelled: nothing was changed". */
bool bf_progress_tell(bf_progress_fn fn, void *ud, size_t done, size_t total, bf_error *err);

struct bf_progress {
	FILE *f; /* NULL: silent */
	char what[96];
	size_t total;
	double t0, last; /* monotonic seconds: the start, the last redraw */
	int width;       /* columns the last line took, to blank it */
};

/* Start reporting what (the operator's words, e.g. _("Importing")) of
 * total units on f, if f is a terminal. f is the plain stream (stderr),
 * not the command's sanitizing one, which would show the carriage return
 * as a symbol: the caller flushes its own stream first. */
void bf_progress_start(struct bf_progress *p, FILE *f, const char *what, size_t total);
/* done units so far; redraws at most ten times a second. */
void bf_progress_update(struct bf_progress *p, size_t done);
/* A bf_progress_fn for a struct bf_progress (ud); never stops the work. */
bool bf_progress_cb(void *ud, size_t done, size_t total);
/* Erase the line (the command's own output follows). */
void bf_progress_end(struct bf_progress *p);

#endif
