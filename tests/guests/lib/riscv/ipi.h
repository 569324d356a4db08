/* SPDX-License-Identifier: Apache-2.0 */
/* Supervisor software interrupts between harts through SBI IPI. */
#ifndef GUEST_RISCV_IPI_H
#define GUEST_RISCV_IPI_H

/* Installs the handler and unmasks SSIE on this hart (sstatus.SIE is left to the caller). */
void ipi_enable(void);
long ipi_send(unsigned long hart);
/* IPIs received by a hart so far. */
unsigned long ipi_count(unsigned long hart);

#endif
