/* SPDX-License-Identifier: Apache-2.0 */
/* The SBI client: ecalls into the M-mode firmware (OpenSBI). */
#include <bulwark/compiler.h>
#include <asm/sbi.h>

struct sbiret sbi_call(unsigned long ext, unsigned long fid, unsigned long arg0, unsigned long arg1,
		       unsigned long arg2)
{
	/* The SBI calling convention pins arguments to these registers. */
	register unsigned long a0 __asm__("a0") = arg0;
	register unsigned long a1 __asm__("a1") = arg1;
	register unsigned long a2 __asm__("a2") = arg2;
	register unsigned long a6 __asm__("a6") = fid;
	register unsigned long a7 __asm__("a7") = ext;
	struct sbiret ret;

	__asm__ __volatile__("ecall" : "+r"(a0), "+r"(a1) : "r"(a2), "r"(a6), "r"(a7) : "memory");
	ret.error = (long)a0;
	ret.value = (long)a1;
	return ret;
}

bool sbi_has_extension(unsigned long ext)
{
	struct sbiret ret = sbi_call(SBI_EXT_BASE, SBI_BASE_PROBE_EXTENSION, ext, 0, 0);

	return ret.error == SBI_SUCCESS && ret.value != 0;
}

struct sbiret sbi_hart_start(unsigned long hartid, unsigned long start_addr, unsigned long opaque)
{
	return sbi_call(SBI_EXT_HSM, SBI_HSM_HART_START, hartid, start_addr, opaque);
}

struct sbiret sbi_hart_get_status(unsigned long hartid)
{
	return sbi_call(SBI_EXT_HSM, SBI_HSM_HART_GET_STATUS, hartid, 0, 0);
}

struct sbiret sbi_system_reset(unsigned long type, unsigned long reason)
{
	return sbi_call(SBI_EXT_SRST, SBI_SRST_SYSTEM_RESET, type, reason, 0);
}

void sbi_legacy_shutdown(void)
{
	(void)sbi_call(SBI_EXT_LEGACY_SHUTDOWN, 0, 0, 0, 0);
}

long sbi_dbcn_write(const char *bytes, size_t len)
{
	/* The MMU is off, so the buffer's address is its physical address. */
	unsigned long addr = (unsigned long)bytes;
	struct sbiret ret = sbi_call(SBI_EXT_DBCN, SBI_DBCN_WRITE, len, addr, 0);

	return ret.error != SBI_SUCCESS ? ret.error : ret.value;
}

void sbi_legacy_putchar(char c)
{
	(void)sbi_call(SBI_EXT_LEGACY_PUTCHAR, 0, (unsigned char)c, 0, 0);
}

const char *sbi_strerror(long error)
{
	switch (error) {
	case SBI_SUCCESS:
		return "success";
	case SBI_ERR_FAILED:
		return "failed";
	case SBI_ERR_NOT_SUPPORTED:
		return "not supported";
	case SBI_ERR_INVALID_PARAM:
		return "invalid parameter";
	case SBI_ERR_DENIED:
		return "denied";
	case SBI_ERR_INVALID_ADDRESS:
		return "invalid address";
	case SBI_ERR_ALREADY_AVAILABLE:
		return "already available";
	case SBI_ERR_ALREADY_STARTED:
		return "already started";
	case SBI_ERR_ALREADY_STOPPED:
		return "already stopped";
	default:
		return "unknown error";
	}
}

struct sbiret sbi_send_ipi(unsigned long hart_mask, unsigned long hart_mask_base)
{
	return sbi_call(SBI_EXT_IPI, SBI_IPI_SEND_IPI, hart_mask, hart_mask_base, 0);
}

void sbi_set_timer(u64 deadline)
{
	/* RV32 passes the 64-bit deadline in a0 (low half) and a1 (high half). */
	(void)sbi_call(SBI_EXT_TIME, SBI_TIME_SET_TIMER, (unsigned long)deadline,
		       __riscv_xlen == 32 ? (unsigned long)(deadline >> 32) : 0, 0);
}
