/* SPDX-License-Identifier: Apache-2.0 */
/*
 * A tiny host unit-test framework: TEST(suite, name) { EXPECT_...; } registers
 * a case; the runner prints "PASS suite.name" or the first failed expectation
 * of each case, then "N passed, N failed".
 */
#ifndef TESTS_UNIT_TEST_H
#define TESTS_UNIT_TEST_H

#include <stdbool.h>

struct test_case {
	const char *suite;
	const char *name;
	void (*run)(void);
	struct test_case *next;
};

void test_register(struct test_case *test);
void test_expect_true(bool ok, const char *expr, const char *file, int line);
void test_expect_int(long long got, long long expected, const char *file, int line);
void test_expect_uint(unsigned long long got, unsigned long long expected, const char *file,
		      int line);
void test_expect_str(const char *got, const char *expected, const char *file, int line);

/* A constructor links each case in, in file order, before main runs. */
#define TEST(suite, name)                                                                          \
	static void test_##suite##_##name(void);                                                   \
	static struct test_case test_case_##suite##_##name = {#suite, #name,                       \
							      test_##suite##_##name, 0};           \
	__attribute__((constructor)) static void test_register_##suite##_##name(void)              \
	{                                                                                          \
		test_register(&test_case_##suite##_##name);                                        \
	}                                                                                          \
	static void test_##suite##_##name(void)

#define EXPECT_TRUE(expr) test_expect_true((expr), #expr, __FILE__, __LINE__)
#define EXPECT_EQ_INT(got, expected)                                                               \
	test_expect_int((long long)(got), (long long)(expected), __FILE__, __LINE__)
#define EXPECT_EQ_UINT(got, expected)                                                              \
	test_expect_uint((unsigned long long)(got), (unsigned long long)(expected), __FILE__,      \
			 __LINE__)
#define EXPECT_EQ_STR(got, expected) test_expect_str((got), (expected), __FILE__, __LINE__)

#endif /* TESTS_UNIT_TEST_H */
