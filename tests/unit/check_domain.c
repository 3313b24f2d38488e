#include "config.h"
#include "testutil.h"

START_TEST(test_placeholder_domain)
{
	ck_assert_int_eq(1, 1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("domain");
	TCase *tc = tcase_create("core");
	tcase_add_test(tc, test_placeholder_domain);
	suite_add_tcase(s, tc);
	Suite *all[] = {s};
	return bf_test_run(all, 1);
}
