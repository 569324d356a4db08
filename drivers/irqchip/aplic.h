/* SPDX-License-Identifier: Apache-2.0 */
/* What the virtual APLIC asks of the physical one beyond include/bulwark/irqchip.h. */
#ifndef DRIVERS_IRQCHIP_APLIC_H
#define DRIVERS_IRQCHIP_APLIC_H

#include <bulwark/types.h>

/*
 * Whether physical source src's input is asserted now (its bit of
 * in_clrip). A claimed source stays masked until irqchip_complete(); the
 * virtual APLIC completes a pass-through source once its device has let
 * the line go, so a level source does not fire again for the same event.
 */
bool aplic_source_asserted(u32 src);

#endif /* DRIVERS_IRQCHIP_APLIC_H */
