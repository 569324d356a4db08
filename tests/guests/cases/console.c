/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Console input: one typed line arrives (SBI DBCN read or, on RISC-V, the
 * 16550 named by the device tree; PL011 RX on Arm). VM only: needs a typist.
 */
#include "arch.h"
#include "test.h"
#if defined(__riscv)
#include "fdt.h"
#include "uart.h"
#endif

#ifndef CONSOLE_WAIT_MS
#define CONSOLE_WAIT_MS 30000UL
#endif
#define LINE_MAX 64

static char line[LINE_MAX];

#if defined(__riscv)
static bool same_path(const char *a, const char *b)
{
	while (*a && *a == *b) {
		a++;
		b++;
	}
	return *a == *b;
}

/*
 * The console moves to the 16550 the device tree names as stdout: what the
 * guest prints from here on goes through THR, and input comes through RBR
 * with the receive interrupt.
 */
TEST_CASE(console_uart)
{
	struct fdt_device uart;
	char stdout_path[FDT_PATH_MAX];

	if (!report(fdt_find_compatible(boot_dtb, "ns16550a", &uart),
		    "the device tree names an ns16550a"))
		return;
	report_info("%s at 0x%lx, interrupt %u", uart.path, uart.base, uart.irq);
	report(fdt_stdout_path(boot_dtb, stdout_path, sizeof(stdout_path)) &&
		   same_path(stdout_path, uart.path),
	       "chosen/stdout-path names the ns16550a");
	uart_console_start(uart.base, uart.irq);
	report(uart_iir() == 0xc1, "IIR with FIFOs on and nothing pending reads 0xc1");
	report(uart_console_active(), "this line went out through THR at 0x%lx", uart.base);
	/* THR is empty: enabling its interrupt raises it once, until the handler disables it. */
	uart_ask_thr_empty_interrupt();
	delay_ms(20);
	report_eq(uart_thre_interrupts(), 1, "THR empty interrupts after enabling it once");
}
#endif

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

#if defined(__riscv)
TEST_CASE(console_uart_interrupts)
{
	if (!uart_console_active()) {
		report_skip("the console is not on the 16550");
		return;
	}
	report(uart_rx_interrupts() > 0, "the line came through %lu receive interrupts (%lu bytes)",
	       uart_rx_interrupts(), uart_rx_bytes());
	/* An interrupt raised again while bytes remained may find them taken already. */
	report(uart_spurious_interrupts() <= uart_rx_interrupts(),
	       "at most one interrupt with nothing pending per receive interrupt (%lu)",
	       uart_spurious_interrupts());
	report((uart_lsr() & 0x61) == 0x60, "LSR: transmitter empty, no data left (0x%x)",
	       uart_lsr());
}
#endif

/*
 * A paste: 4 KiB typed at once, then Enter, arrives whole and in order
 * although the guest reads nothing while it comes (the hypervisor holds it).
 */
#define PASTE_SIZE 4096UL

TEST_CASE(console_paste)
{
	unsigned long deadline;
	unsigned long got = 0, in_order = 0;
	char c = 0;

	report_info("waiting for a paste");
	/* Everything is typed before this guest looks: the hypervisor must hold it all. */
	delay_ms(2000);
	deadline = time_now() + CONSOLE_WAIT_MS * TICKS_PER_MS;
	while (got <= PASTE_SIZE && time_now() < deadline) {
		long n = arch_console_read(&c);

		if (n <= 0) {
			delay_ms(1);
			continue;
		}
		if (c == '\r' || c == '\n')
			break;
		if (c == (char)('a' + got % 26))
			in_order++;
		got++;
	}
	report(got == PASTE_SIZE && in_order == PASTE_SIZE && (c == '\r' || c == '\n'),
	       "a paste of %lu bytes arrived whole: %lu bytes, %lu in order, then Enter",
	       PASTE_SIZE, got, in_order);
}
