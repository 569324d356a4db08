/* SPDX-License-Identifier: Apache-2.0 */
/* SBI DBTR for guests: debug triggers per VM, of which a VM's hart is given none today. */
#include <bulwark/vm.h>
#include <asm/sbi_args.h>
#include <asm/sbi_emul.h>

/*
 * Sdtrig's CSRs are M-mode's: a trigger for a VM would have to be
 * installed by the firmware with only its VS/VU bits set, saved and
 * restored with the vCPU and kept out of HS-mode. Until that exists every
 * hart reports RISCV_VM_DEBUG_TRIGGERS (0) triggers and the calls behave
 * as the SBI says they do with none installed.
 */

static struct sbiret result(long error, long value)
{
	return (struct sbiret){error, value};
}

static struct sbiret set_shmem(struct vcpu *v, unsigned long lo, unsigned long hi,
			       unsigned long flags)
{
	if (flags)
		return result(SBI_ERR_INVALID_PARAM, 0);
	if (lo == ~0UL && hi == ~0UL) {
		v->arch.dbtr_shmem = false;
		return result(SBI_SUCCESS, 0);
	}
	if (lo % (__riscv_xlen / 8))
		return result(SBI_ERR_INVALID_PARAM, 0);
	/*
	 * hi holds address bits XLEN and up: no VM has memory there on RV64;
	 * on RV32 they are bits 33:32 of a 34-bit guest address.
	 */
	if (!vm_guest_ram(v->vm, sbi_u64_arg(lo, hi), __riscv_xlen / 8) ||
	    (__riscv_xlen == 64 && hi))
		return result(SBI_ERR_INVALID_ADDRESS, 0);
	v->arch.dbtr_shmem = true;
	return result(SBI_SUCCESS, 0);
}

struct sbiret riscv_sbi_dbtr(struct vcpu *v, unsigned long fid, unsigned long a0, unsigned long a1,
			     unsigned long a2)
{
	switch (fid) {
	case SBI_DBTR_NUM_TRIGGERS:
		return result(SBI_SUCCESS, RISCV_VM_DEBUG_TRIGGERS);
	case SBI_DBTR_SET_SHMEM:
		return set_shmem(v, a0, a1, a2);
	case SBI_DBTR_READ_TRIGGERS:
	case SBI_DBTR_INSTALL_TRIGGERS:
	case SBI_DBTR_UPDATE_TRIGGERS:
		/* Any index or count is out of range of no triggers. */
		return result(v->arch.dbtr_shmem ? SBI_ERR_BAD_RANGE : SBI_ERR_NO_SHMEM, 0);
	case SBI_DBTR_UNINSTALL:
	case SBI_DBTR_ENABLE:
	case SBI_DBTR_DISABLE:
		/* Every trigger a mask names is unmapped. */
		return result(a1 ? SBI_ERR_INVALID_PARAM : SBI_SUCCESS, 0);
	default:
		return result(SBI_ERR_NOT_SUPPORTED, 0);
	}
}
