/* clock.c — today and the time of day, with the test switches (clock.h). */
#define _POSIX_C_SOURCE 200809L
#include "config.h"

#include <stdio.h>
#include <time.h>

#include "bangfu/clock.h"

bf_date bf_clock_today(void)
{
	const char *e = bf_test_hook("BANGFU_TODAY");
	bf_date d;
	if (e && bf_date_parse(e, &d))
		return d;
	return bf_date_today();
}

int bf_clock_now_minutes(void)
{
	const char *e = bf_test_hook("BANGFU_NOW");
	int h, m;
	char extra;
	if (e && sscanf(e, "%d:%d%c", &h, &m, &extra) == 2 && h >= 0 && h < 24 && m >= 0 && m < 60)
		return h * 60 + m;
	time_t t = time(NULL);
	struct tm tm;
	if (!localtime_r(&t, &tm))
		return 0;
	return tm.tm_hour * 60 + tm.tm_min;
}
