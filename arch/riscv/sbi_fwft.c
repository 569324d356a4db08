/* SPDX-License-Identifier: Apache-2.0 */
/* SBI FWFT for guests: the firmware features a VM's own hart can honestly be given. */
#include <bulwark/vm.h>
#include <asm/csr.h>
#include <asm/sbi_args.h>
#include <asm/sbi_emul.h>

/* Every henvcfg field FWFT hands out; all are 0 at hart reset. */
#define FWFT_HENVCFG_FIELDS (HENVCFG_LPE | HENVCFG_SSE | HENVCFG_PMM | HENVCFG_DTE | HENVCFG_ADUE)

/* henvcfg is 64 bits on RV32 too (henvcfgh holds its upper half, Sstc's STCE among them). */
static inline u64 henvcfg_read(void)
{
	return csr_read64(CSR_HENVCFG, CSR_HENVCFGH);
}

static inline void henvcfg_write(u64 value)
{
	csr_write64(CSR_HENVCFG, CSR_HENVCFGH, value);
}

static struct sbiret result(long error, long value)
{
	return (struct sbiret){error, value};
}

/*
 * The part of a henvcfg field this hart implements: henvcfg is WARL, and
 * a field stays zero unless both the hart and the M-mode firmware (through
 * menvcfg) let it be set. Probed on the vCPU's own hart, then put back.
 */
static u64 henvcfg_writable(u64 field)
{
	u64 old = henvcfg_read(), got;

	henvcfg_write(old | field);
	got = henvcfg_read() & field;
	henvcfg_write(old);
	return got;
}

/*
 * Misaligned-access delegation is the firmware's to decide (medeleg); the
 * hypervisor passes whatever reaches it on to the guest (hedeleg). So the
 * guest may read it and "set" the value it already has; changing it would
 * change it for the whole machine, which the SBI lets a hypervisor deny.
 */
static struct sbiret misaligned_deleg(bool set, unsigned long value, unsigned long flags)
{
	struct sbiret fw =
	    sbi_call(SBI_EXT_FWFT, SBI_FWFT_GET, SBI_FWFT_MISALIGNED_EXC_DELEG, 0, 0);

	if (fw.error)
		return result(SBI_ERR_NOT_SUPPORTED, 0);
	if (!set)
		return result(SBI_SUCCESS, fw.value);
	(void)flags; /* locking a value that can never change changes nothing */
	if (value > 1)
		return result(SBI_ERR_INVALID_PARAM, 0);
	return result(value == (unsigned long)fw.value ? SBI_SUCCESS : SBI_ERR_DENIED, 0);
}

static struct sbiret fwft_set(struct vcpu *v, unsigned long feature, unsigned long value,
			      unsigned long flags)
{
	u32 id = sbi_u32(feature);
	u64 field, bits, old;

	if (flags & ~SBI_FWFT_SET_FLAG_LOCK)
		return result(SBI_ERR_INVALID_PARAM, 0);
	switch (sbi_fwft_feature(feature, &field)) {
	case SBI_FWFT_RESERVED:
		return result(SBI_ERR_DENIED, 0);
	case SBI_FWFT_FIRMWARE_ONLY:
		return misaligned_deleg(true, value, flags);
	case SBI_FWFT_HENVCFG:
		break;
	}
	if (!henvcfg_writable(field))
		return result(SBI_ERR_NOT_SUPPORTED, 0);
	if (v->arch.fwft_locked & (1UL << id))
		return result(SBI_ERR_DENIED_LOCKED, 0);
	if (!sbi_fwft_encode(feature, value, &bits))
		return result(SBI_ERR_INVALID_PARAM, 0);
	old = henvcfg_read();
	henvcfg_write((old & ~field) | bits);
	if ((henvcfg_read() & field) != bits) {
		/* A value the hart does not implement (a pointer-masking length). */
		henvcfg_write(old);
		return result(SBI_ERR_INVALID_PARAM, 0);
	}
	if (flags & SBI_FWFT_SET_FLAG_LOCK)
		v->arch.fwft_locked |= 1UL << id;
	return result(SBI_SUCCESS, 0);
}

static struct sbiret fwft_get(unsigned long feature)
{
	u64 field;

	switch (sbi_fwft_feature(feature, &field)) {
	case SBI_FWFT_RESERVED:
		return result(SBI_ERR_DENIED, 0);
	case SBI_FWFT_FIRMWARE_ONLY:
		return misaligned_deleg(false, 0, 0);
	case SBI_FWFT_HENVCFG:
		break;
	}
	if (!henvcfg_writable(field))
		return result(SBI_ERR_NOT_SUPPORTED, 0);
	return result(SBI_SUCCESS, (long)sbi_fwft_decode(feature, henvcfg_read()));
}

struct sbiret riscv_sbi_fwft(struct vcpu *v, unsigned long fid, unsigned long a0, unsigned long a1,
			     unsigned long a2)
{
	switch (fid) {
	case SBI_FWFT_SET:
		return fwft_set(v, a0, a1, a2);
	case SBI_FWFT_GET:
		return fwft_get(a0);
	default:
		return result(SBI_ERR_NOT_SUPPORTED, 0);
	}
}

void riscv_sbi_vcpu_reset(struct vcpu *v)
{
	henvcfg_write(henvcfg_read() & ~FWFT_HENVCFG_FIELDS);
	v->arch.fwft_locked = 0;
	v->arch.hsm_suspended = 0;
	v->arch.dbtr_shmem = false;
}
