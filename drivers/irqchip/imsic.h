/* SPDX-License-Identifier: Apache-2.0 */
/* The IMSIC interrupt files as the AIA's virtual model (vimsic.c) uses them. */
#ifndef DRIVERS_IRQCHIP_IMSIC_H
#define DRIVERS_IRQCHIP_IMSIC_H

#include <bulwark/addr.h>
#include <bulwark/types.h>
#include <generated/board.h>

/* Interrupt files are one 4 KiB page each: seteipnum_le at offset 0. */
#define IMSIC_PAGE_SIZE 0x1000u

/*
 * The board's supervisor-level IMSICs (board.hw: device imsic): one per
 * hart, each its S-level file followed by its guest files, harts
 * BOARD_DEV_IMSIC_SIZE / BOARD_NR_CPUS apart.
 */
#define IMSIC_HART_STRIDE (BOARD_DEV_IMSIC_SIZE / BOARD_NR_CPUS)
_Static_assert(IMSIC_HART_STRIDE >= 2u * IMSIC_PAGE_SIZE,
	       "the board's IMSIC has no guest interrupt file");

/*
 * The guest interrupt file each vCPU owns on its hart: one vCPU per hart,
 * so file 1 (hstatus.VGEIN = 1) on every hart.
 */
#define IMSIC_VGEIN 1u

/* Interrupt identities of every file: 1..IMSIC_NR_IDS-1 (QEMU virt: 255). */
#ifndef BOARD_IMSIC_NR_IDS
#define IMSIC_NR_IDS 256u
#else
#define IMSIC_NR_IDS BOARD_IMSIC_NR_IDS
#endif

/* The hart index of a CPU in the IMSIC address map and APLIC targets (QEMU virt: its hart id). */
#ifndef BOARD_IMSIC_HART_INDEX
#define BOARD_IMSIC_HART_INDEX(cpu) (cpu)
#endif

/* The guest interrupt file of physical CPU cpu. */
static inline hpa_t imsic_guest_file(unsigned int cpu)
{
	return BOARD_DEV_IMSIC_BASE + (hpa_t)BOARD_IMSIC_HART_INDEX(cpu) * IMSIC_HART_STRIDE +
	       (hpa_t)IMSIC_VGEIN * IMSIC_PAGE_SIZE;
}

/* What the guest writes to reach its vCPU n's file (its IMSIC has the same hart stride). */
static inline gpa_t imsic_guest_address(unsigned int vcpu)
{
	return BOARD_DEV_IMSIC_BASE + (gpa_t)vcpu * IMSIC_HART_STRIDE;
}

/* An MSI: identity eiid becomes pending in CPU cpu's guest file. Any CPU. */
static inline void imsic_guest_send(unsigned int cpu, u32 eiid)
{
	*(volatile u32 *)hpa_to_mmio(imsic_guest_file(cpu)) = eiid;
}

/* This hart's guest file back to reset: delivery off, nothing pending or enabled. */
void imsic_guest_file_reset(void);

#endif /* DRIVERS_IRQCHIP_IMSIC_H */
