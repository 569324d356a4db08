/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Virtual consoles: each VM's output goes to the physical console as whole
 * lines prefixed with the VM's name; input goes to one VM at a time, chosen
 * with an escape sequence (Ctrl-] then the VM's number).
 */
#ifndef BULWARK_VCONSOLE_H
#define BULWARK_VCONSOLE_H

#include <bulwark/types.h>

struct vm;

/*
 * Typed bytes each VM holds until its guest reads them: a pasted page and
 * its Enter arrive whole although the UART has no flow control to the typist.
 */
#define VCONSOLE_INPUT_SIZE 8192u

/* The byte that starts an escape sequence: Ctrl-]. */
#define VCONSOLE_ESCAPE 0x1d

/* At boot, once the VMs exist: input goes to the first VM with a console. */
void vconsole_init(void);

/* One byte of output from the VM. */
void vconsole_putc(struct vm *vm, char c);

/* Prints what the VM wrote since its last newline (it stops or reboots). */
void vconsole_flush(struct vm *vm);

/* The VM stopped: if it had console input, the next running VM with a console gets it. */
void vconsole_vm_stopped(const struct vm *vm);

/* One byte typed on the physical console (escape sequences handled here). */
void vconsole_input(char c);

/* The next byte typed for this VM, or -1 when none is waiting. */
int vconsole_getc(struct vm *vm);

#endif /* BULWARK_VCONSOLE_H */
