/* check_progress.c — the progress line: on a terminal, redrawn in place and
 * erased at the end; on anything else, not a byte. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bangfu/progress.h"
#include "testutil.h"

/* What is there to read on fd (non-blocking), NUL-terminated. */
static size_t slurp(int fd, char *buf, size_t n)
{
	size_t got = 0;
	ssize_t r;
	while (got + 1 < n && (r = read(fd, buf + got, n - 1 - got)) > 0)
		got += (size_t)r;
	buf[got] = '\0';
	return got;
}

START_TEST(test_silent_when_not_a_terminal)
{
	FILE *f = tmpfile();
	ck_assert_ptr_nonnull(f);
	struct bf_progress p;
	bf_progress_start(&p, f, "Importing", 4000);
	for (size_t i = 0; i <= 4000; i += 100)
		bf_progress_update(&p, i);
	bf_progress_cb(&p, 4000, 4000);
	bf_progress_end(&p);
	fflush(f);
	ck_assert_int_eq(ftell(f), 0);
	fclose(f);
}
END_TEST

START_TEST(test_line_on_a_terminal)
{
	int m = posix_openpt(O_RDWR | O_NOCTTY);
	ck_assert_int_ge(m, 0);
	ck_assert_int_eq(grantpt(m), 0);
	ck_assert_int_eq(unlockpt(m), 0);
	int s = open(ptsname(m), O_RDWR | O_NOCTTY);
	ck_assert_int_ge(s, 0);
	FILE *f = fdopen(s, "w");
	ck_assert_ptr_nonnull(f);
	struct bf_progress p;
	bf_progress_start(&p, f, "Importing", 4000);
	bf_progress_update(&p, 1200);
	bf_progress_update(&p, 1300); /* within 0.1 s: not redrawn */
	bf_progress_update(&p, 4000); /* the end always is */
	bf_progress_end(&p);
	char buf[1024];
	int fl = fcntl(m, F_GETFL);
	fcntl(m, F_SETFL, fl | O_NONBLOCK);
	slurp(m, buf, sizeof buf);
	ck_assert_ptr_nonnull(strstr(buf, "\rImporting: 1,200 of 4,000 (30%)"));
	ck_assert_ptr_null(strstr(buf, "1,300"));
	ck_assert_ptr_nonnull(strstr(buf, "\rImporting: 4,000 of 4,000 (100%)"));
	/* erased at the end: blanks over the line, back to its start */
	size_t len = strlen(buf);
	ck_assert_uint_gt(len, 2);
	ck_assert_int_eq(buf[len - 1], '\r');
	ck_assert_int_eq(buf[len - 2], ' ');
	fclose(f);
	close(m);
}
END_TEST

/* bf_progress_tell: no callback goes on; a callback saying stop stops the
 * work with the message a screen or a store passes on. */
static bool stop_at_3(void *ud, size_t done, size_t total)
{
	(void)total;
	*(size_t *)ud = done;
	return done < 3;
}

START_TEST(test_tell_stops_when_told)
{
	bf_error err = {{0}};
	ck_assert(bf_progress_tell(NULL, NULL, 5, 10, &err));
	ck_assert_str_eq(err.msg, "");
	size_t seen = 0;
	ck_assert(bf_progress_tell(stop_at_3, &seen, 2, 10, &err));
	ck_assert_uint_eq(seen, 2);
	ck_assert_str_eq(err.msg, "");
	ck_assert(!bf_progress_tell(stop_at_3, &seen, 3, 10, &err));
	ck_assert_uint_eq(seen, 3);
	ck_assert_str_eq(err.msg, "cancelled: nothing was changed");
	ck_assert(!bf_progress_tell(stop_at_3, &seen, 4, 10, NULL)); /* no err: fine */
	/* the command line's line never stops anything */
	struct bf_progress p;
	bf_progress_start(&p, NULL, "Importing", 10);
	ck_assert(bf_progress_tell(bf_progress_cb, &p, 10, 10, &err));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("progress");
	TCase *tc = tcase_create("line");
	tcase_add_test(tc, test_silent_when_not_a_terminal);
	tcase_add_test(tc, test_line_on_a_terminal);
	tcase_add_test(tc, test_tell_stops_when_told);
	suite_add_tcase(s, tc);
	Suite *all[] = {s};
	return bf_test_run(all, 1);
}
