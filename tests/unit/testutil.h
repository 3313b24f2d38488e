/* testutil.h — shared bits for the Check unit tests. */
#ifndef BANGFU_TESTUTIL_H
#define BANGFU_TESTUTIL_H

#include <check.h>
#include <stdio.h>
#include <stdlib.h>

#include "../testkey.h"
#include "bangfu/db.h"
#include "bangfu/schema.h"

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

/* Bring an open, empty database up to the schema steps before `version`
 * only, as an older bangfu left it (for tests of the later steps). */
static inline void bf_test_schema_before(bf_db *db, int version)
{
	for (size_t i = 0; i < bf_schema_nsteps && bf_schema_steps[i].version < version; i++) {
		ck_assert_msg(bf_db_exec(db, bf_schema_steps[i].sql) == 0, "%s", db->errmsg);
		char pragma[96];
		snprintf(pragma, sizeof pragma, "PRAGMA application_id=%d; PRAGMA user_version=%d",
		         BF_APPLICATION_ID, bf_schema_steps[i].version);
		ck_assert_int_eq(bf_db_exec(db, pragma), 0);
	}
}

#endif
