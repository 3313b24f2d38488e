/* clock.h — the one clock: today, the time of day and milliseconds, for the
 * screens, the command line and the store alike; and the test switches.
 *
 * A binary configured with --enable-test-hooks (what `make check` and
 * `sh setup.sh test` build) reads the test switches from the environment:
 * BANGFU_TODAY=YYYY-MM-DD (today), BANGFU_NOW=HH:MM (the time of day),
 * BANGFU_TEST_PWHASH_MIN=1 (cheap password hashing, accounts.h) and
 * BANGFU_LOCALEDIR (the catalogues of an uninstalled build). Any other
 * binary ignores them: bf_test_hook() is then always NULL. */
#ifndef BANGFU_CLOCK_H
#define BANGFU_CLOCK_H

#include <stdbool.h>

#include "bangfu/date.h"

/* The value of the test switch `name` in a test build, else NULL. */
const char *bf_test_hook(const char *name);
/* Whether this binary honours test switches. */
bool bf_test_hooks_enabled(void);

/* Today in local time (BANGFU_TODAY in a test build). */
bf_date bf_clock_today(void);
/* Minutes since local midnight, 0..1439 (BANGFU_NOW in a test build). */
int bf_clock_now_minutes(void);

#endif
