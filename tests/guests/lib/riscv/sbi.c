/* SPDX-License-Identifier: Apache-2.0 */
/* SBI ecalls, the console on DBCN (or legacy putchar) until a 16550 takes it, and power off. */
#include <stdbool.h>
#include "../arch.h"
#include "../test.h"
#include "sbi.h"
#include "uart.h"

struct sbiret sbi_call(unsigned long ext, unsigned long fid, unsigned long a0, unsigned long a1,
		       unsigned long a2, unsigned long a3, unsigned long a4)
{
	register unsigned long r0 __asm__("a0") = a0;
	register unsigned long r1 __asm__("a1") = a1;
	register unsigned long r2 __asm__("a2") = a2;
	register unsigned long r3 __asm__("a3") = a3;
	register unsigned long r4 __asm__("a4") = a4;
	register unsigned long r6 __asm__("a6") = fid;
	register unsigned long r7 __asm__("a7") = ext;
	struct sbiret ret;

	__asm__ volatile("ecall"
			 : "+r"(r0), "+r"(r1)
			 : "r"(r2), "r"(r3), "r"(r4), "r"(r6), "r"(r7)
			 : "memory");
	ret.error = (long)r0;
	ret.value = (long)r1;
	return ret;
}

long sbi_probe(unsigned long ext)
{
	struct sbiret r = sbi_call(SBI_EXT_BASE, SBI_BASE_PROBE_EXT, ext, 0, 0, 0, 0);

	return r.error ? 0 : r.value;
}

struct sbiret sbi_set_timer(unsigned long long deadline)
{
	/* RV32 passes the 64-bit deadline in a0 (low half) and a1 (high half). */
	return sbi_call(SBI_EXT_TIME, 0, (unsigned long)deadline,
			__riscv_xlen == 32 ? (unsigned long)(deadline >> 32) : 0, 0, 0, 0);
}

struct sbiret sbi_send_ipi(unsigned long mask, unsigned long mask_base)
{
	return sbi_call(SBI_EXT_IPI, 0, mask, mask_base, 0, 0, 0);
}

struct sbiret sbi_hart_start(unsigned long hart, unsigned long entry, unsigned long opaque)
{
	return sbi_call(SBI_EXT_HSM, SBI_HSM_HART_START, hart, entry, opaque, 0, 0);
}

struct sbiret sbi_hart_stop(void)
{
	return sbi_call(SBI_EXT_HSM, SBI_HSM_HART_STOP, 0, 0, 0, 0, 0);
}

struct sbiret sbi_hart_status(unsigned long hart)
{
	return sbi_call(SBI_EXT_HSM, SBI_HSM_HART_GET_STATUS, hart, 0, 0, 0, 0);
}

struct sbiret sbi_system_reset(unsigned long type, unsigned long reason)
{
	return sbi_call(SBI_EXT_SRST, 0, type, reason, 0, 0, 0);
}

struct sbiret sbi_console_write(unsigned long len, unsigned long addr)
{
	/* Guests run with translation off: the buffer's address is its physical address. */
	return sbi_call(SBI_EXT_DBCN, SBI_DBCN_WRITE, len, addr, 0, 0, 0);
}

static bool have_dbcn;

void sbi_console_init(void)
{
	have_dbcn = sbi_probe(SBI_EXT_DBCN) != 0;
}

void arch_console_write(const char *buf, unsigned long len)
{
	if (uart_console_active()) {
		uart_console_write(buf, len);
		return;
	}
	while (have_dbcn && len) {
		struct sbiret r = sbi_console_write(len, (unsigned long)buf);

		if (r.error || r.value <= 0 || (unsigned long)r.value > len)
			break;
		buf += r.value;
		len -= (unsigned long)r.value;
	}
	for (; len; len--, buf++)
		sbi_call(SBI_EXT_LEGACY_PUTCHAR, 0, (unsigned char)*buf, 0, 0, 0, 0);
}

long arch_system_reset(void)
{
	return sbi_system_reset(SBI_SRST_COLD_REBOOT, 0).error;
}

long arch_console_read(char *c)
{
	struct sbiret r;

	if (uart_console_active())
		return uart_console_read(c);
	r = sbi_call(SBI_EXT_DBCN, SBI_DBCN_READ, 1, (unsigned long)c, 0, 0, 0);

	return r.error ? r.error : r.value;
}

unsigned long sbi_shutdown_upper_bits;

void arch_shutdown(void)
{
	/* A run may ask for upper bits in both: SRST must ignore them. */
	sbi_system_reset(sbi_shutdown_upper_bits | SBI_SRST_SHUTDOWN, sbi_shutdown_upper_bits);
	/* Only reached when SRST is missing or refused: say so, then stay parked. */
	arch_console_write("SRST shutdown returned\n", 23);
	for (;;)
		__asm__ volatile("wfi");
}
