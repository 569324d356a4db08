/* SPDX-License-Identifier: Apache-2.0 */
/* Runs the registered test cases on the boot hart, prints verdicts and the summary line. */
#include <stdarg.h>
#include "arch.h"
#include "printf.h"
#include "test.h"

#ifndef GUEST_NAME
#define GUEST_NAME "unnamed"
#endif

/*
 * The console UART this guest owns instead of the board's, or 0
 * (GUEST_UARTS in board.mk; lib/<arch>/console.c reads it). Set here
 * because this file is compiled once per guest, the console once for all.
 */
#ifdef GUEST_UART_OWN
const unsigned long guest_uart_own = GUEST_UART_OWN;
#else
const unsigned long guest_uart_own = 0;
#endif

extern const struct test_case __testcases_start[], __testcases_end[];

static const struct test_case *current;
static unsigned int passed, failed;

static const char *case_name(void)
{
	return current ? current->name : "runtime";
}

static void verdict(bool ok, const char *what, const char *detail)
{
	if (ok)
		passed++;
	else
		failed++;
	printf("%s %s: %s%s\n", ok ? "PASS" : "FAIL", case_name(), what, detail);
}

bool report(bool cond, const char *fmt, ...)
{
	char what[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	verdict(cond, what, "");
	return cond;
}

static bool compare(bool equal, const char *detail, const char *fmt, va_list ap)
{
	char what[160];

	vsnprintf(what, sizeof(what), fmt, ap);
	verdict(equal, what, equal ? "" : detail);
	return equal;
}

bool report_eq_long(long got, long expected, const char *fmt, ...)
{
	char detail[64];
	va_list ap;
	bool ok;

	snprintf(detail, sizeof(detail), " (expected %ld, got %ld)", expected, got);
	va_start(ap, fmt);
	ok = compare(got == expected, detail, fmt, ap);
	va_end(ap);
	return ok;
}

bool report_eq_hex(unsigned long got, unsigned long expected, const char *fmt, ...)
{
	char detail[64];
	va_list ap;
	bool ok;

	snprintf(detail, sizeof(detail), " (expected 0x%lx, got 0x%lx)", expected, got);
	va_start(ap, fmt);
	ok = compare(got == expected, detail, fmt, ap);
	va_end(ap);
	return ok;
}

static void note(const char *kind, const char *fmt, va_list ap)
{
	char what[160];

	vsnprintf(what, sizeof(what), fmt, ap);
	printf("%s %s: %s\n", kind, case_name(), what);
}

void report_skip(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	note("SKIP", fmt, ap);
	va_end(ap);
}

void report_info(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	note("INFO", fmt, ap);
	va_end(ap);
}

void test_finish(void)
{
	printf("%u passed, %u failed\n", passed, failed);
	arch_shutdown();
}

void test_abort(const char *fmt, ...)
{
	char what[160];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(what, sizeof(what), fmt, ap);
	va_end(ap);
	verdict(false, what, " (run aborted)");
	test_finish();
}

/* Checks the runtime itself makes are reported under this name. */
static const struct test_case runtime_case = {.name = "runtime"};

/* A guest that must see the very start (the benchmark's boot figure) defines this. */
void guest_entry_hook(void) __attribute__((weak));

/* Called by the arch entry code on the boot hart with the boot arguments. */
void guest_main(unsigned long hart, unsigned long dtb)
{
	/* The linker bounds the section; compare addresses, not pointers to distinct objects. */
	unsigned long count = ((unsigned long)__testcases_end - (unsigned long)__testcases_start) /
			      sizeof(struct test_case);
	unsigned long i;

	if (guest_entry_hook)
		guest_entry_hook();
	arch_init();
	printf("guest %s on " CPU_NOUN " %lu\n", GUEST_NAME, hart);
	printf("INFO runtime: device tree at 0x%lx\n", dtb);
	/* A device tree handed over must be one: its header starts with the FDT magic. */
	if (dtb) {
		const volatile uint8_t *h = (const volatile uint8_t *)dtb;
		uint32_t magic =
		    (uint32_t)h[0] << 24 | (uint32_t)h[1] << 16 | (uint32_t)h[2] << 8 | h[3];

		/* Counted only when wrong, so the cases' own totals stay what they are. */
		current = &runtime_case;
		if (magic == 0xd00dfeedu)
			printf("INFO runtime: device tree header ok\n");
		else
			report_eqx(magic, 0xd00dfeedu, "device tree header at 0x%lx", dtb);
		current = NULL;
	}
	for (i = 0; i < count; i++) {
		current = &__testcases_start[i];
		current->run();
	}
	current = NULL;
	test_finish();
}
