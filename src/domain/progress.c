/* progress.c — a progress line on the terminal. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

#include "bangfu/money.h"
#include "bangfu/progress.h"

static double mono(void)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

void bf_progress_start(struct bf_progress *p, FILE *f, const char *what, size_t total)
{
	memset(p, 0, sizeof *p);
	int fd = f ? fileno(f) : -1;
	p->f = fd >= 0 && isatty(fd) ? f : NULL;
	bf_strlcpy(p->what, what, sizeof p->what);
	p->total = total;
	p->t0 = mono();
	p->last = -1.0;
}

/* n with thousands separators: "4,000" */
static void count(size_t n, char *out, size_t size)
{
	bf_money_format((bf_fen)n * 100, out, size);
	char *dot = strchr(out, '.');
	if (dot)
		*dot = '\0';
}

/* Columns s takes on the terminal. */
static int columns(const char *s)
{
	wchar_t w[256];
	size_t n = mbstowcs(w, s, 255);
	if (n == (size_t)-1)
		return (int)strlen(s);
	w[n] = L'\0';
	int c = wcswidth(w, n);
	return c < 0 ? (int)n : c;
}

void bf_progress_update(struct bf_progress *p, size_t done)
{
	if (!p->f)
		return;
	double t = mono();
	if (p->last >= 0 && t - p->last < 0.1 && done < p->total)
		return;
	p->last = t;
	char d[32], line[256];
	count(done, d, sizeof d);
	if (p->total) {
		char tot[32];
		count(p->total, tot, sizeof tot);
		int pct = (int)(100.0 * (double)done / (double)p->total);
		double spent = t - p->t0;
		if (done > 0 && done < p->total && spent > 1.0)
			snprintf(line, sizeof line, _("%s: %s of %s (%d%%), about %.0f s left"),
			         p->what, d, tot, pct,
			         spent / (double)done * (double)(p->total - done) + 0.5);
		else
			snprintf(line, sizeof line, _("%s: %s of %s (%d%%)"), p->what, d, tot, pct);
	} else {
		snprintf(line, sizeof line, _("%s: %s"), p->what, d);
	}
	int w = columns(line);
	/* in place: back to the line's start, the new text, blanks over what
	 * a longer line left */
	fprintf(p->f, "\r%s%*s", line, p->width > w ? p->width - w : 0, "");
	fflush(p->f);
	p->width = w;
}

bool bf_progress_cb(void *ud, size_t done, size_t total)
{
	struct bf_progress *p = ud;
	if (total)
		p->total = total;
	bf_progress_update(p, done);
	return true;
}

bool bf_progress_tell(bf_progress_fn fn, void *ud, size_t done, size_t total, bf_error *err)
{
	if (!fn || fn(ud, done, total))
		return true;
	if (err)
		bf_error_set(err, "%s", _("cancelled: nothing was changed"));
	return false;
}

void bf_progress_end(struct bf_progress *p)
{
	if (p->f && p->width > 0) {
		fprintf(p->f, "\r%*s\r", p->width, "");
		fflush(p->f);
	}
	p->width = 0;
}
