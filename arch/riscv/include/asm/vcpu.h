/* SPDX-License-Identifier: Apache-2.0 */
/* RISC-V vCPU and VM state: the guest register frame and the G-stage root. */
#ifndef ASM_VCPU_H
#define ASM_VCPU_H

#include <asm/asm.h>

/* Slots of struct guest_frame, shared with vcpu_entry.S. */
#define GUEST_SEPC	 32
#define GUEST_SSTATUS	 33
#define GUEST_HSTATUS	 34
#define GUEST_SCAUSE	 35
#define GUEST_STVAL	 36
#define GUEST_HTVAL	 37
#define GUEST_HTINST	 38
#define GUEST_HYP_SP	 39
#define GUEST_HYP_TP	 40
#define GUEST_S_STALE	 41
#define GUEST_SLOTS	 42
#define GUEST_FRAME_SIZE (GUEST_SLOTS * REG_SIZE)

#ifndef __ASSEMBLY__

#include <bulwark/types.h>

/*
 * Everything the guest owns that the trap entry must save. The VS-level
 * CSRs (vsstatus, vstvec, vsatp, ...) stay live in the hart: a vCPU never
 * leaves its physical CPU, so they are only touched when it is reset.
 */
struct guest_frame {
	unsigned long regs[32];
	unsigned long sepc;
	unsigned long sstatus;
	unsigned long hstatus; /* what the vCPU starts with; traps leave the CSR as it is */
	unsigned long scause;
	unsigned long stval;
	unsigned long htval;
	unsigned long htinst;
	unsigned long hyp_sp; /* hypervisor stack top used while the guest traps */
	unsigned long hyp_tp; /* the CPU index, which the hypervisor keeps in tp */
	/*
	 * Nonzero when the hypervisor changed a callee-saved register (s0-s11)
	 * in regs[]: the way back from a trap reloads them only then, since the
	 * C code it called kept the guest's in the registers themselves. Set
	 * through riscv_guest_set_reg() (virt.h).
	 */
	unsigned long s_stale;
};

_Static_assert(sizeof(struct guest_frame) == GUEST_FRAME_SIZE, "guest frame layout");

struct arch_vcpu {
	struct guest_frame frame;
	/* Interrupt lines other CPUs ask this vCPU's CPU to raise. */
	volatile unsigned long ssip_pending; /* a guest IPI arrived */
	volatile unsigned long seip_level;   /* the virtual PLIC's line */
	/* Without Sstc for guests: the deadline the guest asked for, or ~0. */
	u64 timer_deadline;
	/* SBI state of the guest's hart (arch/riscv/sbi_*.c), reset when it starts. */
	volatile unsigned long hsm_suspended; /* in hart_suspend: SUSPENDED to others */
	unsigned long fwft_locked;	      /* FWFT features locked, bit = feature id */
	bool dbtr_shmem;		      /* DBTR shared memory set */
};

/* Nothing of a VM's is the arch's: its G-stage tables and VMID are the memory back end's. */
struct arch_vm {
};

#endif /* !__ASSEMBLY__ */

#endif /* ASM_VCPU_H */
