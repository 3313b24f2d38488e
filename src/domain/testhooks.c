/* testhooks.c — the test switches (clock.h). Compiled twice: with
 * BF_TEST_HOOKS=1 into libhooks_on.a (test builds, the tests) and without
 * into libhooks_off.a (every other binary), so no other file knows. */
#include "config.h"

#include <stdlib.h>

#include "bangfu/clock.h"

#if defined(BF_TEST_HOOKS) && BF_TEST_HOOKS
const char *bf_test_hook(const char *name)
{
	const char *v = getenv(name);
	return v && v[0] ? v : NULL;
}

bool bf_test_hooks_enabled(void)
{
	return true;
}
#else
const char *bf_test_hook(const char *name)
{
	(void)name;
	return NULL;
}

bool bf_test_hooks_enabled(void)
{
	return false;
}
#endif
