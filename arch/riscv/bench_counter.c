/* SPDX-License-Identifier: Apache-2.0 */
/* Bench-breakdown builds: instret, the counter the benchmark guest reads too. */
#include <bulwark/bench_probe.h>
#include <asm/csr.h>

/* Machine-wide under QEMU -icount: the same value the guest's rdinstret gives. */
void arch_bench_counter_init(void)
{
}

u64 arch_bench_counter(void)
{
	unsigned long value;

	__asm__ __volatile__("csrr %0, instret" : "=r"(value));
	return value;
}
