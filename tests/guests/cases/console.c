/* SPDX-License-Identifier: Apache-2.0 */
/* Console input: one typed line arrives through SBI DBCN read (VM only: needs a typist). */
#include <stdint.h>
#include "sbi.h"
#include "test.h"
#include "timer.h"

#ifndef CONSOLE_WAIT_MS
#define CONSOLE_WAIT_MS 30000UL
#endif
#define LINE_MAX 64

static char line[LINE_MAX];

TEST_CASE(console_input)
{
	unsigned long deadline = time_now() + CONSOLE_WAIT_MS * TICKS_PER_MS;
	unsigned int len = 0;
	char c;

	report_info("waiting for a line of input");
	while (len < LINE_MAX - 1 && time_now() < deadline) {
		struct sbiret r =
		    sbi_call(SBI_EXT_DBCN, SBI_DBCN_READ, 1, (unsigned long)&c, 0, 0, 0);

		if (r.error) {
			report_eq(r.error, 0, "console read");
			return;
		}
		if (r.value == 0) {
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
