/* SPDX-License-Identifier: Apache-2.0 */
/* What the virtual APLIC and the IMSIC driver ask of the physical APLIC beyond
 * include/bulwark/irqchip.h. */
#ifndef DRIVERS_IRQCHIP_APLIC_H
#define DRIVERS_IRQCHIP_APLIC_H

#include <bulwark/types.h>

/* Highest source the board implements (QEMU virt: 1..95, board.hw irqs). */
#ifndef BOARD_IRQ_MAX
#define BOARD_IRQ_MAX 95u
#endif

/* Source modes (sourcecfg.SM) the drivers write. */
#define APLIC_SM_INACTIVE 0u
#define APLIC_SM_LEVEL1	  6u

/* An MSI-mode target register: hart index, guest interrupt file, external interrupt identity. */
#define APLIC_MSI_TARGET(hart, guest, eiid) ((u32)(hart) << 18 | (u32)(guest) << 12 | (u32)(eiid))

/*
 * Whether physical source src's input is asserted now (its bit of
 * in_clrip). A claimed source stays masked until irqchip_complete(); the
 * virtual APLIC completes a pass-through source once its device has let
 * the line go, so a level source does not fire again for the same event.
 */
bool aplic_source_asserted(u32 src);

/*
 * The supervisor domain, once on the boot CPU: every source inactive, then
 * delivery on, in MSI mode (msi) or direct delivery.
 */
void aplic_domain_init(bool msi);

/*
 * Source src in mode sm (APLIC_SM_*), its target register, then enabled or
 * not. False when the machine-level domain has not delegated it (the source
 * stays inactive). Inactive (sm 0) clears target and enable, as in hardware.
 */
bool aplic_source_setup(u32 src, u32 sm, u32 target, bool enable);

/* setipnum / clripnum of source src (MSI mode: a level source asks again while its input is high).
 */
void aplic_source_set_pending(u32 src);
void aplic_source_clear_pending(u32 src);

#endif /* DRIVERS_IRQCHIP_APLIC_H */
