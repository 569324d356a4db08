/* SPDX-License-Identifier: Apache-2.0 */
/* The GIC of QEMU virt as an EL1 guest sees it: GICv2 (GICD, GICC) or GICv3 (GICD, GICR, ICC). */
#ifndef GUEST_AARCH64_GIC_H
#define GUEST_AARCH64_GIC_H

#include <stdbool.h>
#include <stdint.h>

/* QEMU virt's; a board's GUEST_BOARD_DEFINES (board.mk) may place them elsewhere. */
#ifdef GUEST_GICD_BASE
#define GICD_BASE GUEST_GICD_BASE
#else
#define GICD_BASE 0x08000000UL
#endif
#ifdef GUEST_GICC_BASE
#define GICC_BASE GUEST_GICC_BASE
#else
#define GICC_BASE 0x08010000UL
#endif
#ifdef GUEST_GICR_BASE
#define GICR_BASE GUEST_GICR_BASE
#else
#define GICR_BASE 0x080a0000UL
#endif
#define GICR_STRIDE   0x20000UL
#define GICR_SGI_BASE 0x10000UL

#define GICD_CTLR	0x000
#define GICD_IGROUPR	0x080
#define GICD_ISENABLER	0x100
#define GICD_ICENABLER	0x180
#define GICD_ISPENDR	0x200
#define GICD_ICPENDR	0x280
#define GICD_IPRIORITYR 0x400
#define GICD_ITARGETSR	0x800
#define GICD_SGIR	0xf00
#define GICD_IROUTER	0x6000
#define GICR_WAKER	0x014
#define GICC_CTLR	0x000
#define GICC_PMR	0x004
#define GICC_IAR	0x00c
#define GICC_EOIR	0x010

#define GIC_SPURIOUS_MIN 1020
#define GIC_NR_SGIS	 16

/* Detects the version (ID_AA64PFR0_EL1.GIC), enables the distributor and this CPU's interface. */
void gic_init(void);
/* The CPU interface (and GICv3 redistributor) of a secondary CPU. */
void gic_cpu_init(void);
/* 2 or 3. */
unsigned int gic_version(void);

uint32_t gic_ack(void);
unsigned int gic_intid(uint32_t ack);
void gic_eoi(uint32_t ack);

/* SGIs and PPIs act on this CPU's banked or redistributor copy, SPIs on the distributor. */
void gic_enable(unsigned int intid, bool on);
bool gic_enabled(unsigned int intid);
bool gic_pending(unsigned int intid);
void gic_set_priority(unsigned int intid, uint8_t prio);
uint8_t gic_priority(unsigned int intid);
/* Address of the byte holding intid's priority, and of the enable-set word holding its bit. */
unsigned long gic_priority_addr(unsigned int intid);
unsigned long gic_enable_addr(unsigned int intid);
/* Sends SPI intid to this CPU only (ITARGETSR or IROUTER) in group 1. */
void gic_route_spi_here(unsigned int intid);

void gic_send_sgi(unsigned long cpu, unsigned int sgi);
void gic_set_pmr(uint8_t pmr);
uint8_t gic_pmr(void);

#endif
