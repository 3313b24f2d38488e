/* testutil.h — shared bits for the Check unit tests. */
#ifndef BANGFU_TESTUTIL_H
#define BANGFU_TESTUTIL_H

#include <check.h>
#include <stdlib.h>

#include "../testkey.h"

/* Run the suites; TAP goes to stdout under `make check` (CK_TAP_LOG_FILE_NAME=-). */
static inline int bf_test_run(Suite **suites, size_t n)
{
	SRunner *sr = srunner_create(suites[0]);
	for (size_t i = 1; i < n; i++)
		srunner_add_suite(sr, suites[i]);
	srunner_run_all(sr, CK_ENV);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif
