/* SPDX-License-Identifier: Apache-2.0 */
/* Console input: one typed line arrives (SBI DBCN read, PL011 RX; VM only: needs a typist). */
#include "arch.h"
#include "test.h"

#ifndef CONSOLE_WAIT_MS
#define CONSOLE_WAIT_MS 30000UL
#endif
#define LINE_MAX 64

static char line[LINE_MAX];

TEST_CASE(console_input)
{
	unsigned long deadline = time_now() + CONSOLE_WAIT_MS * TICKS_PER_MS;
	unsigned int len = 0;
	char c = 0;

	report_info("waiting for a line of input");
	while (len < LINE_MAX - 1 && time_now() < deadline) {
		long n = arch_console_read(&c);

		if (n < 0) {
			report_eq(n, 0, "console read");
			return;
		}
		if (n == 0) {
			delay_ms(1);
			continue;
		}
		if (c == '\r' || c == '\n')
			break;
		line[len++] = c;
	}
	line[len] = '\0';
	report(len > 0, "read a line: '%s'", line);
}
