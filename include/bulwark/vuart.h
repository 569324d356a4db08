/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The virtual UART a VM with a virtual console sees at the board console's
 * address: a register model of the board's UART kind (PL011, 16550A). On
 * RISC-V the SBI debug console stays available beside it.
 */
#ifndef BULWARK_VUART_H
#define BULWARK_VUART_H

struct vm;

#include <bulwark/types.h>

/* At boot, for each VM: register its UART model when its console is virtual. */
int vuart_vm_init(struct vm *vm);

/* The VM restarts: its UART model goes back to reset state. */
void vuart_vm_reset(const struct vm *vm);

/* The (virtual) interrupt of the VM's UART model, 0 when it has none. */
u32 vuart_irq(const struct vm *vm);

/* Console input for the VM was queued: interrupt it if it listens. Any CPU. */
void vuart_input_ready(struct vm *vm);

#endif /* BULWARK_VUART_H */
