/* SPDX-License-Identifier: Apache-2.0 */
/* The AIA in MSI mode from supervisor mode: this hart's IMSIC interrupt file and the APLIC's MSI
 * targets. */
#ifndef GUEST_RISCV_IMSIC_H
#define GUEST_RISCV_IMSIC_H

#include <stdbool.h>
#include <stdint.h>

/* QEMU virt's S-level IMSICs: hart n's file at IMSIC_BASE + n * IMSIC_STRIDE. */
#ifndef IMSIC_BASE
#define IMSIC_BASE 0x28000000UL
#endif
#ifdef GUEST_IMSIC_STRIDE
#define IMSIC_STRIDE GUEST_IMSIC_STRIDE
#else
#define IMSIC_STRIDE 0x1000UL
#endif
#define IMSIC_FILE(hart) (IMSIC_BASE + (unsigned long)(hart)*IMSIC_STRIDE)

/* Identities this runtime uses: IPIs, then device sources by their own number. */
#define IMSIC_IPI_ID 1U
#define IMSIC_NR_IDS 64U /* the fewest a file may implement: 1..63 */

/* Indirect registers (siselect). */
#define IMSIC_EIDELIVERY  0x70UL
#define IMSIC_EITHRESHOLD 0x72UL
#define IMSIC_EIP0	  0x80UL
#define IMSIC_EIE0	  0xc0UL

#define APLIC_DOMAINCFG_DM	     (1U << 2)
#define APLIC_MSI_TARGET(hart, eiid) ((uint32_t)(hart) << 18 | (uint32_t)(eiid))

/* This hart's file: delivery on, no threshold. */
void imsic_init(void);
void imsic_enable(unsigned int id, bool on);
bool imsic_enabled(unsigned int id);
bool imsic_pending(unsigned int id);
unsigned long imsic_read(unsigned long reg);
void imsic_write(unsigned long reg, unsigned long value);
/* Claims the top pending identity of this hart's file; 0 when none. */
unsigned int imsic_claim(void);
/* An MSI: identity id becomes pending in hart's file. */
void imsic_send(unsigned long hart, unsigned int id);

/* The APLIC in MSI mode: source src in mode sm, forwarded to hart as identity eiid. */
void aplic_msi_source(unsigned int src, uint32_t sm, unsigned long hart, unsigned int eiid);

/*
 * IPIs written straight into the other hart's IMSIC file (no SBI, no
 * hypervisor): handler runs on the receiving hart for each.
 */
void imsic_ipi_enable(void (*handler)(void));
void imsic_ipi_disable(void);

#endif
