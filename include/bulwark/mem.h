/* SPDX-License-Identifier: Apache-2.0 */
/*
 * The memory-protection back end: what the core asks of whatever keeps a
 * VM inside its memory (AArch64 stage 2, RISC-V G-stage, an EL2 MPU). One
 * back end is built, chosen by Kconfig (obj-$(CONFIG_MMU), obj-$(CONFIG_MPU)
 * in arch/<arch>/Makefile); the core never asks which.
 */
#ifndef BULWARK_MEM_H
#define BULWARK_MEM_H

#include <bulwark/addr.h>
#include <bulwark/compiler.h>
#include <bulwark/pgtable.h>
#include <bulwark/types.h>
#include <bulwark/vm_map.h>

struct vm;
struct vcpu;

/*
 * On every CPU, right after arch_cpu_init() succeeded and before it is
 * counted online, so before any VM is created: read what this CPU's
 * translation hardware offers (physical address size, VMID width) and
 * keep what every CPU offers. Returns 0, or a negative errno after
 * printing why this CPU cannot host VMs.
 */
int mem_cpu_init(unsigned int cpu);

/*
 * Once per VM at boot, on the boot CPU, after mem_cpu_init() ran on every
 * online CPU: gives vm its empty memory context (tables, VMID or MPU
 * region set) with nothing mapped. Returns 0 or a negative errno.
 */
int mem_vm_create(struct vm *vm);

/*
 * Maps guest-physical [gpa, gpa + size) of vm to host-physical
 * [pa, pa + size) with the VMCONF_ACCESS_* rights in access, as normal
 * memory or as device registers (never executable). The core calls it
 * after mem_vm_create(), once per run of the layout walk (vm_map.h) and
 * for the interrupt model's own windows, before the VM first runs, never
 * for overlapping ranges. Addresses and size are multiples of
 * BOARD_PAGE_SIZE. Returns 0, -EINVAL (a range this back end cannot map:
 * misaligned, out of range, no rights) or -ENOMEM (its static storage is
 * full, after printing which Kconfig option to raise).
 */
int mem_vm_map(struct vm *vm, gpa_t gpa, hpa_t pa, u64 size, u32 access, enum vm_map_kind kind);

/*
 * On v's CPU when v (re)starts, before its first instruction: makes v's
 * VM's memory context the one the guest runs under, and forgets whatever
 * this CPU cached under it before (an earlier boot of the VM).
 */
void mem_vcpu_load(struct vcpu *v);

/*
 * On this CPU (cpu), for the vCPU it runs: forget the guest's own cached
 * translations (a remote TLB fence), and its instruction cache too when
 * instruction_cache is set (a remote fence.i).
 */
void mem_flush_guest(unsigned int cpu, bool instruction_cache);

/*
 * MMU back ends: calls fn for every leaf of vm's tables, in ascending guest
 * addresses, as the hardware would find them (pgtable_walk). Returns 0 or
 * the first nonzero value fn returned. For debug dumps and tests only.
 */
int mem_vm_walk(struct vm *vm, pgtable_leaf_fn fn, void *ctx);

/*
 * With CONFIG_DEBUG_MEM_DUMP: prints vm's mappings as its tables hold them
 * (kernel/mem_dump.c), once they are built and before the VM runs.
 */
#if IS_ENABLED(CONFIG_DEBUG_MEM_DUMP)
void mem_dump_vm(struct vm *vm);
#else
static inline void mem_dump_vm(struct vm *vm)
{
	(void)vm;
}
#endif

#endif /* BULWARK_MEM_H */
