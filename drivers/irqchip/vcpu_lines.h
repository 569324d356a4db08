/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The per-vCPU external-interrupt lines of a RISC-V virtual interrupt
 * controller (the vPLIC's or the vAPLIC's): a model says which lines are
 * high, this hands each one that changed to its vCPU.
 */
#ifndef BULWARK_IRQCHIP_VCPU_LINES_H
#define BULWARK_IRQCHIP_VCPU_LINES_H

#include <bulwark/types.h>
#include <bulwark/vm.h>

/*
 * Hands every line of lines (bit n: vCPU n) that differs from *asserted to
 * its vCPU, then records them. The caller holds its model's lock, so two
 * CPUs never deliver an assert and a deassert out of order and leave a line
 * stuck high. Work in proportion to the lines that changed.
 */
static inline void vcpu_lines_update(struct vm *vm, u64 lines, u64 *asserted)
{
	u64 changed = lines ^ *asserted;

	for (unsigned int n = 0; changed && n < vm->nr_vcpus; n++) {
		u64 bit = 1ull << n;

		if (!(changed & bit))
			continue;
		changed &= ~bit;
		vcpu_set_external_irq(vm->vcpus[n], (lines & bit) != 0);
	}
	*asserted = lines;
}

#endif /* BULWARK_IRQCHIP_VCPU_LINES_H */
