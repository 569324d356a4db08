/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The virtual UART a VM with a virtual console sees at the board console's
 * address: a register model of the board's UART kind (PL011 on Arm). Boards
 * whose guests use the firmware console instead (SBI on RISC-V) have none.
 */
#ifndef BULWARK_VUART_H
#define BULWARK_VUART_H

struct vm;

/* At boot, for each VM: register its UART model when its console is virtual. */
int vuart_vm_init(struct vm *vm);

#endif /* BULWARK_VUART_H */
