/* SPDX-License-Identifier: Apache-2.0 */
/* The unit-test runner: runs every registered case and reports each one. */
#include <stdio.h>
#include <string.h>

#include "test.h"

static struct test_case *first_test;
static struct test_case *last_test;

/* First failed expectation of the running case; later ones add nothing. */
static bool case_failed;
static char failure[512];

void test_register(struct test_case *test)
{
	test->next = NULL;
	if (last_test)
		last_test->next = test;
	else
		first_test = test;
	last_test = test;
}

static void record_failure(const char *file, int line, const char *expected, const char *got)
{
	if (case_failed)
		return;
	case_failed = true;
	snprintf(failure, sizeof(failure), "%s:%d: expected %s, got %s", file, line, expected, got);
}

void test_expect_true(bool ok, const char *expr, const char *file, int line)
{
	char expected[256];

	if (ok)
		return;
	snprintf(expected, sizeof(expected), "%s to hold", expr);
	record_failure(file, line, expected, "false");
}

void test_expect_int(long long got, long long expected, const char *file, int line)
{
	char want[32], have[32];

	if (got == expected)
		return;
	snprintf(want, sizeof(want), "%lld", expected);
	snprintf(have, sizeof(have), "%lld", got);
	record_failure(file, line, want, have);
}

void test_expect_uint(unsigned long long got, unsigned long long expected, const char *file,
		      int line)
{
	char want[32], have[32];

	if (got == expected)
		return;
	snprintf(want, sizeof(want), "%llu (0x%llx)", expected, expected);
	snprintf(have, sizeof(have), "%llu (0x%llx)", got, got);
	record_failure(file, line, want, have);
}

void test_expect_str(const char *got, const char *expected, const char *file, int line)
{
	char want[200], have[200];

	if (got && expected && strcmp(got, expected) == 0)
		return;
	snprintf(want, sizeof(want), "\"%s\"", expected ? expected : "(null)");
	snprintf(have, sizeof(have), "\"%s\"", got ? got : "(null)");
	record_failure(file, line, want, have);
}

int main(void)
{
	unsigned int passed = 0, failed = 0;

	for (struct test_case *test = first_test; test; test = test->next) {
		case_failed = false;
		test->run();
		if (case_failed) {
			printf("FAIL %s.%s: %s\n", test->suite, test->name, failure);
			failed++;
		} else {
			printf("PASS %s.%s\n", test->suite, test->name);
			passed++;
		}
	}
	printf("%u passed, %u failed\n", passed, failed);
	return failed ? 1 : 0;
}
