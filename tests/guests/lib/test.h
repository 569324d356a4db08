/* SPDX-License-Identifier: Apache-2.0 */
/* Test-case registration and verdict reporting for the freestanding test guests. */
#ifndef GUEST_TEST_H
#define GUEST_TEST_H

#include <stdbool.h>
#include <stddef.h>

struct test_case {
	const char *name;
	void (*run)(void);
};

/*
 * TEST_CASE(name) { ... } defines a case and puts its descriptor in the
 * .testcases section; the runtime runs them in link order on the boot hart.
 */
#define TEST_CASE(name)                                                                            \
	static void test_##name(void);                                                             \
	static const struct test_case test_desc_##name                                             \
	    __attribute__((section(".testcases"), used, aligned(8))) = {#name, test_##name};       \
	static void test_##name(void)

/* Prints "PASS case: what" or "FAIL case: what"; returns cond. */
bool report(bool cond, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Like report(got == expected, ...), adding "(expected E, got G)" on failure. */
bool report_eq_long(long got, long expected, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
bool report_eq_hex(unsigned long got, unsigned long expected, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Prints "SKIP case: why"; counted neither as passed nor as failed. */
void report_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Prints "INFO case: ..." for context in logs. */
void report_info(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* report_eq(got, expected, "what %d", ...) in decimal, report_eqx in hexadecimal. */
#define report_eq(got, expected, ...) report_eq_long((long)(got), (long)(expected), __VA_ARGS__)
#define report_eqx(got, expected, ...)                                                             \
	report_eq_hex((unsigned long)(got), (unsigned long)(expected), __VA_ARGS__)

/* Reports a failure that ends the run at once (unexpected trap, broken runtime). */
void test_abort(const char *fmt, ...) __attribute__((format(printf, 1, 2), noreturn));
/* Ends the run: prints "N passed, N failed" and shuts the (virtual) machine down. */
void test_finish(void) __attribute__((noreturn));

/* A console UART of the guest's own instead of the board's, or 0 (test.c, GUEST_UARTS). */
extern const unsigned long guest_uart_own;

/* Arch hooks the runtime calls. */
void arch_console_write(const char *buf, unsigned long len);
void arch_shutdown(void) __attribute__((noreturn));
void arch_init(void);
unsigned long this_hart(void);

#endif
