/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Native runs on a CPU that starts in Hyp mode with no firmware (the
 * Cortex-R52 of QEMU's mps3-an536): the smallest EL2 a guest needs to run
 * at PL1 as it would under a hypervisor, so that its figures can be set
 * beside Bulwark's. start.S branches here when it finds itself in Hyp
 * mode. Nothing is trapped (HCR = 0); the EL1 timers and the GIC's system
 * registers are the guest's; VMPIDR and VPIDR give the CPU's own ids.
 * CPU 0 drops to Supervisor mode at _start. The others wait in a pen for
 * PSCI CPU_ON, which this stub answers over HVC with VERSION, FEATURES,
 * CPU_ON, CPU_OFF (back to the pen), AFFINITY_INFO and SYSTEM_OFF
 * (semihosting SYS_EXIT, as the hypervisor's power-off on this board).
 * A CPU exists for CPU_ON and AFFINITY_INFO once it has come through here
 * (QEMU starts every CPU at the entry), long before the guest's first call
 * names it. Under a hypervisor a guest never starts in Hyp mode and none
 * of it runs.
 */

#define MAX_PEN_CPUS	8
#define MODE_SVC_MASKED	0x1d3		/* Supervisor, A, I and F masked */

#define PSCI_VERSION		0x84000000
#define PSCI_CPU_OFF		0x84000002
#define PSCI_CPU_ON		0x84000003
#define PSCI_AFFINITY_INFO	0x84000004
#define PSCI_SYSTEM_OFF		0x84000008
#define PSCI_FEATURES		0x8400000a
#define PSCI_1_1		0x00010001
#define PSCI_NOT_SUPPORTED	(-1)
#define PSCI_INVALID_PARAMS	(-2)
#define PSCI_ALREADY_ON		(-4)

	.arm
	.syntax	unified
	.arch_extension virt

	.text
	.globl	native_hyp_entry
native_hyp_entry:
	/* r2 (the device tree) stays as the loader left it, for _start. */
	ldr	r10, =hyp_vectors
	mcr	p15, 4, r10, c12, c0, 0		/* HVBAR */
	mov	r10, #0
	mcr	p15, 4, r10, c1, c1, 0		/* HCR: trap nothing, no stage 2 */
	mcr	p15, 4, r10, c1, c1, 3		/* HSTR */
	mov	r11, #0
	mcrr	p15, 4, r10, r11, c14		/* CNTVOFF = 0 */
	mov	r10, #3
	mcr	p15, 4, r10, c14, c1, 0		/* CNTHCTL: PL1 physical counter and timer */
	mrc	p15, 0, r10, c0, c0, 0
	mcr	p15, 4, r10, c0, c0, 0		/* VPIDR = MIDR */
	mrc	p15, 0, r10, c0, c0, 5
	mcr	p15, 4, r10, c0, c0, 5		/* VMPIDR = MPIDR */
	/* A GICv3 CPU interface (ID_PFR1.GIC): PL1 may use its system registers. */
	mrc	p15, 0, r11, c0, c1, 1
	lsrs	r11, r11, #28
	movne	r11, #0xf
	mcrne	p15, 4, r11, c12, c9, 5		/* ICC_HSRE: SRE, DFB, DIB, Enable */
	isb
	and	r10, r10, #0xff			/* MPIDR.Aff0 */
	cmp	r10, #MAX_PEN_CPUS
	bhs	hyp_park
	ldr	r11, =pen_present
	mov	r12, #1
	str	r12, [r11, r10, lsl #2]
	cmp	r10, #0
	ldreq	r0, =_start
	beq	drop_to_svc
	/* fall through: a secondary waits for CPU_ON */

/* r10 = this CPU: wait until CPU_ON gives it an entry, then enter it. */
pen_wait:
	ldr	r11, =pen_entry
1:	wfe
	ldr	r0, [r11, r10, lsl #2]
	cmp	r0, #0
	beq	1b
	mov	r1, #0
	str	r1, [r11, r10, lsl #2]
	ldr	r11, =pen_context
	ldr	r1, [r11, r10, lsl #2]
	mov	r12, r0
	mov	r0, r1				/* context id in r0, as PSCI says */
	mov	r1, r12
	b	drop_to_svc_r1

/* Enters Supervisor mode with A, I and F masked at r0 (drop_to_svc) or r1. */
drop_to_svc:
	mov	r1, r0
drop_to_svc_r1:
	msr	elr_hyp, r1
	ldr	r12, =MODE_SVC_MASKED
	msr	spsr_hyp, r12
	eret

hyp_park:
	wfi
	b	hyp_park

/* The HVC: r0 the PSCI function, r1-r3 its arguments; r0-r3 and r12 may change (SMCCC). */
hyp_trap:
	ldr	r12, =PSCI_VERSION
	cmp	r0, r12
	ldreq	r0, =PSCI_1_1
	beq	hyp_return
	add	r12, r12, #(PSCI_CPU_ON - PSCI_VERSION)
	cmp	r0, r12
	beq	psci_cpu_on
	add	r12, r12, #(PSCI_AFFINITY_INFO - PSCI_CPU_ON)
	cmp	r0, r12
	beq	psci_affinity_info
	sub	r12, r12, #(PSCI_AFFINITY_INFO - PSCI_CPU_OFF)
	cmp	r0, r12
	beq	psci_cpu_off
	add	r12, r12, #(PSCI_SYSTEM_OFF - PSCI_CPU_OFF)
	cmp	r0, r12
	beq	psci_system_off
	add	r12, r12, #(PSCI_FEATURES - PSCI_SYSTEM_OFF)
	cmp	r0, r12
	beq	psci_features
	mvn	r0, #(-PSCI_NOT_SUPPORTED - 1)
hyp_return:
	eret

/* FEATURES: 0 for the functions above, NOT_SUPPORTED for any other. */
psci_features:
	ldr	r3, =PSCI_VERSION
	sub	r1, r1, r3
	cmp	r1, #(PSCI_FEATURES - PSCI_VERSION)
	bhi	1f
	mov	r2, #1
	lsl	r2, r2, r1
	ldr	r3, =((1 << 0) | (1 << 2) | (1 << 3) | (1 << 4) | (1 << 8) | (1 << 10))
	tst	r2, r3
	movne	r0, #0
	bne	hyp_return
1:	mvn	r0, #(-PSCI_NOT_SUPPORTED - 1)
	b	hyp_return

/* CPU_ON: r1 the target (Aff0), r2 its entry, r3 its context id. */
psci_cpu_on:
	and	r0, r1, #0xff
	cmp	r0, #MAX_PEN_CPUS
	cmplo	r1, #0x100			/* no CPU beyond Aff0 */
	mvnhs	r0, #(-PSCI_INVALID_PARAMS - 1)
	bhs	hyp_return
	ldr	r1, =pen_present
	ldr	r12, [r1, r0, lsl #2]
	cmp	r12, #0
	mvneq	r0, #(-PSCI_INVALID_PARAMS - 1)
	beq	hyp_return
	ldr	r1, =pen_on
	ldr	r12, [r1, r0, lsl #2]
	cmp	r12, #0
	mvnne	r0, #(-PSCI_ALREADY_ON - 1)
	bne	hyp_return
	mov	r12, #1
	str	r12, [r1, r0, lsl #2]
	ldr	r1, =pen_context
	str	r3, [r1, r0, lsl #2]
	ldr	r1, =pen_entry
	dmb	ish
	str	r2, [r1, r0, lsl #2]
	dsb	ish
	sev
	mov	r0, #0
	b	hyp_return

/* AFFINITY_INFO: r1 the target; 0 on, 1 off. */
psci_affinity_info:
	and	r0, r1, #0xff
	cmp	r0, #MAX_PEN_CPUS
	mvnhs	r0, #(-PSCI_INVALID_PARAMS - 1)
	bhs	hyp_return
	ldr	r1, =pen_present
	ldr	r12, [r1, r0, lsl #2]
	cmp	r12, #0
	mvneq	r0, #(-PSCI_INVALID_PARAMS - 1)
	beq	hyp_return
	ldr	r1, =pen_on
	ldr	r0, [r1, r0, lsl #2]
	eor	r0, r0, #1
	b	hyp_return

/* CPU_OFF: the calling CPU goes back to the pen, in Hyp mode. */
psci_cpu_off:
	mrc	p15, 0, r10, c0, c0, 5
	and	r10, r10, #0xff
	ldr	r1, =pen_on
	mov	r0, #0
	dmb	ish
	str	r0, [r1, r10, lsl #2]
	dsb	ish
	b	pen_wait

/* SYSTEM_OFF: semihosting SYS_EXIT with ADP_Stopped_ApplicationExit (QEMU exits 0). */
psci_system_off:
	mov	r0, #0x18
	ldr	r1, =0x20026
	svc	0x123456
	b	hyp_park
	.ltorg

	.balign	32
hyp_vectors:
	b	hyp_park			/* reset */
	b	hyp_park			/* undefined instruction */
	b	hyp_park			/* HVC in Hyp mode */
	b	hyp_park			/* prefetch abort */
	b	hyp_park			/* data abort */
	b	hyp_trap			/* Hyp trap: HVC from PL1 */
	b	hyp_park			/* IRQ */
	b	hyp_park			/* FIQ */

	.data
	.balign	4
/*
 * Per CPU: 1 once it has entered the stub; 1 while on (CPU 0 from the
 * start); its CPU_ON entry (0: none yet) and context id.
 */
pen_present:
	.fill	MAX_PEN_CPUS, 4, 0
pen_on:
	.word	1
	.fill	MAX_PEN_CPUS - 1, 4, 0
pen_entry:
	.fill	MAX_PEN_CPUS, 4, 0
pen_context:
	.fill	MAX_PEN_CPUS, 4, 0

	.section .note.GNU-stack, "", %progbits
